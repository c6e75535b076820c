/**
 * Guest kind 1 behind the `McpGuest` interface: a WASI-MCP component (wit/wasi-mcp.wit). Each new
 * instance runs its exported `wasi:cli/run`, in which the guest registers itself and calls `serve()`
 * (which returns at once, FIX-3); the host then calls the exported `handlers` itself, one call at a
 * time. Listing is answered from the registrations without calling the guest.
 *
 * The guest's `error` record becomes a JSON-RPC error; a tool call stopped by the sandbox (timeout,
 * fuel, trap, memory) becomes an MCP error result naming the reason, and the next request gets a
 * fresh instance. Log records and progress of a call go to that call's own client stream
 * (`CallContext`), or to `onNotification` when there is none; list changes go to `onNotification`.
 * Platform-free (no node:*).
 */

import type { HostImports, LoadedComponent } from '../component/index.js';
import { WasiPreview2, type WasiP2Grants, type WasiP2Services } from '../wasi/preview2/index.js';
import type { AuditLog } from './audit.js';
import { ComponentSandbox, GuestAnswer, stoppedResult, type Booted } from './component-sandbox.js';
import { GuestFailure } from './errors.js';
import type {
  CallContext, GuestCapabilities, GuestNotification, JsonObject, McpGuest, PromptInfo, ResourceInfo, ResourceTemplateInfo,
  ToolInfo, ToolResult,
} from './guest.js';
import type { ResolvedPolicy } from './policy.js';
import {
  completionResult, ContractError, jsonBytes, promptResult, resourceResult, rpcErrorOf, toolResult,
} from './wasi-mcp-convert.js';
import { WasiMcpRuntime, type CallOutput } from './wasi-mcp-runtime.js';

type W = Readonly<Record<string, unknown>>;
type WitResult = { tag: 'ok' | 'err'; val?: unknown };

/** `wasi:mcp/handlers@0.1.x` and `wasi:cli/run@0.2.x` as the component exports them. */
export interface WasiMcpExports {
  readonly handlers: string;
  readonly run: string;
}

/** The export names of a WASI-MCP component, or undefined when it is not one. */
export function wasiMcpExports(c: LoadedComponent): WasiMcpExports | undefined {
  const names = [...c.type.exports.keys()];
  const handlers = names.find((n) => /^wasi:mcp\/handlers@0\.1\.\d+$/.test(n));
  const run = names.find((n) => /^wasi:cli\/run@0\.2\.\d+$/.test(n));
  return handlers !== undefined && run !== undefined ? { handlers, run } : undefined;
}

/** The imports this host provides to a WASI-MCP component (the WASI 0.2 ones only when `wasi2` is given). */
export function isWasiMcpImport(name: string, wasi2?: Wasi2Env): boolean {
  if (name === 'wasi:mcp/runtime@0.1.0' || name === 'wasi:mcp/types@0.1.0') return true;
  return wasi2 !== undefined && Object.prototype.hasOwnProperty.call(wasi2Names(), name);
}

/** The host services behind a WASI-MCP guest's WASI 0.2 imports (stdout/stderr are the guest's log). */
export interface Wasi2Env {
  readonly services: Omit<WasiP2Services, 'stdout' | 'stderr' | 'stdin'>;
  readonly onLog?: (guest: string, line: string) => void;
}

/** What a WASI-MCP guest is granted of WASI 0.2: its streams, clocks and random; no stdin, no directory. */
const WASI2_GRANTS = { stdout: true, stderr: true, clocks: true, random: true } as const;

function wasi2Grants(policy: ResolvedPolicy): WasiP2Grants {
  return { ...WASI2_GRANTS, args: policy.args, env: policy.env };
}

let names: HostImports | undefined;
/** Every import name the WASI 0.2 host provides under that grant (the services are never called). */
function wasi2Names(): HostImports {
  const unused = (): never => { throw new Error('not called'); };
  names ??= new WasiPreview2(WASI2_GRANTS, {
    clock: { realtimeNs: unused, monotonicNs: unused }, random: unused, stdout: unused, stderr: unused,
  }).imports;
  return names;
}

export class WasiMcpGuest implements McpGuest {
  readonly kind = 'wasi-mcp-component' as const;
  onNotification?: (n: GuestNotification) => void;
  readonly sandbox: ComponentSandbox<WasiMcpRuntime>;

  /**
   * @param wasi2 when given, the WASI 0.2 surface (src/wasi/preview2) a guest such as a componentize-js
   *   image imports: stdout and stderr go to `wasi2.onLog` within the per-call log budget, clocks and
   *   random are provided, no directory is pre-opened, arguments and environment come from the policy.
   */
  constructor(
    component: LoadedComponent, private readonly exportNames: WasiMcpExports, policy: ResolvedPolicy, audit: AuditLog,
    wasi2?: Wasi2Env,
  ) {
    this.sandbox = new ComponentSandbox(
      component, policy, audit,
      () => {
        const state = new WasiMcpRuntime(policy.name, policy.maxLogBytes);
        if (wasi2 === undefined) return { imports: state.imports(), state };
        const sink = (b: Uint8Array): void => state.output(b, (line) => wasi2.onLog?.(policy.name, line));
        const wasi = new WasiPreview2(wasi2Grants(policy), { ...wasi2.services, stdout: sink, stderr: sink });
        return { imports: { ...wasi.imports, ...state.imports() }, state };
      },
      (b) => this.boot(b),
    );
  }

  get name(): string {
    return this.sandbox.name;
  }

  async capabilities(): Promise<GuestCapabilities> {
    const rt = await this.sandbox.state();
    const caps = (rt.server?.['capabilities'] ?? {}) as W;
    const completions = caps['completions'] as W | null | undefined;
    return {
      tools: caps['tools'] != null || rt.tools.length > 0,
      resources: caps['resources'] != null || rt.resources.length > 0 || rt.templates.length > 0,
      prompts: caps['prompts'] != null || rt.prompts.length > 0,
      completions: completions?.['enabled'] === true,
    };
  }

  async listTools(): Promise<ToolInfo[]> {
    return [...(await this.sandbox.state()).tools];
  }

  async listResources(): Promise<ResourceInfo[]> {
    return [...(await this.sandbox.state()).resources];
  }

  async listResourceTemplates(): Promise<ResourceTemplateInfo[]> {
    return [...(await this.sandbox.state()).templates];
  }

  async listPrompts(): Promise<PromptInfo[]> {
    return [...(await this.sandbox.state()).prompts];
  }

  async callTool(name: string, args: JsonObject, ctx?: CallContext): Promise<ToolResult> {
    try {
      return await this.handle('tools/call', 'call-tool', [name, jsonBytes(args)], ctx, (v) => toolResult(v, name), name, args);
    } catch (e) {
      if (e instanceof GuestFailure) return stoppedResult(e);
      throw e;
    }
  }

  readResource(uri: string, ctx?: CallContext): Promise<JsonObject> {
    return this.handle('resources/read', 'read-resource', [uri], ctx, resourceResult);
  }

  getPrompt(name: string, args: Readonly<Record<string, string>>, ctx?: CallContext): Promise<JsonObject> {
    return this.handle('prompts/get', 'get-prompt', [name, jsonBytes(args)], ctx, promptResult);
  }

  complete(ref: JsonObject, argument: JsonObject): Promise<JsonObject> {
    const prompt = ref['type'] === 'ref/prompt';
    const arg = { name: String(argument['name'] ?? ''), value: String(argument['value'] ?? '') };
    return this.handle('completion/complete', 'handle-complete',
      [prompt ? 'prompt' : 'resource-template', String(prompt ? ref['name'] : ref['uri']), arg], undefined, completionResult);
  }

  async subscribe(uri: string): Promise<void> {
    await this.handle('resources/subscribe', 'handle-subscribe', [uri], undefined, () => ({}));
  }

  async unsubscribe(uri: string): Promise<void> {
    await this.handle('resources/unsubscribe', 'handle-unsubscribe', [uri], undefined, () => ({}));
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }

  /** Registers the guest: runs `wasi:cli/run`, which must call serve(). */
  private boot(b: Booted<WasiMcpRuntime>): void {
    b.state.begin();
    const r = b.instance.call(`${this.exportNames.run}#run`) as WitResult;
    const out = b.state.end();
    if (r.tag !== 'ok') throw new GuestFailure('protocol', 'the guest\'s wasi:cli/run returned an error');
    if (!b.state.served) throw new GuestFailure('protocol', 'the guest\'s wasi:cli/run returned without calling serve()');
    void this.deliver(out, undefined);
  }

  /**
   * Calls one handler; `ok` is converted with `convert`, `err` (the error record) is thrown as the
   * JSON-RPC error. What the guest sent during the call is delivered after it returned.
   */
  private async handle<T>(
    op: string, handler: string, args: unknown[], ctx: CallContext | undefined, convert: (v: W) => T, tool?: string, toolArgs?: JsonObject,
  ): Promise<T> {
    let out: CallOutput | undefined;
    try {
      return await this.sandbox.run({ op, ...(tool !== undefined ? { tool } : {}), ...(toolArgs !== undefined ? { args: toolArgs } : {}) }, (b) => {
        b.state.begin(ctx?.progressToken);
        try {
          const r = b.instance.call(`${this.exportNames.handlers}#${handler}`, ...args) as WitResult;
          if (r.tag === 'err') throw new GuestAnswer(rpcErrorOf(r.val as W));
          try {
            return convert(r.val as W);
          } catch (e) {
            if (e instanceof ContractError) throw new GuestFailure('protocol', e.message);
            throw e;
          }
        } finally {
          out = b.state.end();
        }
      });
    } finally {
      if (out !== undefined) await this.deliver(out, ctx);
    }
  }

  private async deliver(out: CallOutput, ctx: CallContext | undefined): Promise<void> {
    for (const n of out.related) {
      if (ctx !== undefined) await ctx.notify(n).catch(() => undefined);
      else if (n.method === 'notifications/message') this.onNotification?.(n);
    }
    for (const n of out.broadcast) this.onNotification?.(n);
    if (out.dropped > 0) {
      this.onNotification?.({
        method: 'notifications/message',
        params: { level: 'warning', logger: 'mcp-wrt', data: `${this.name}: ${out.dropped} log records, notifications or progress reports over the per-call bounds were dropped` },
      });
    }
  }
}
