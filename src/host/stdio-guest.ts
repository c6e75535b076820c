/**
 * Guest kind 3 behind the `McpGuest` interface: a WASI preview 1 command speaking MCP over stdio.
 * Requests are serialized (the guest is single-threaded); the instance is created lazily, and any
 * GuestFailure discards it so the next request starts from a fresh instance of the validated module.
 * A tool call that fails in the sandbox becomes an MCP error result naming the reason; other
 * operations reject with the GuestFailure (the server answers a JSON-RPC error).
 */

import type { ValidatedModule } from '../core/index.js';
import type { AuditLog } from './audit.js';
import { GuestFailure } from './errors.js';
import type {
  CallContext, ClientSession, GuestCapabilities, GuestNotification, JsonObject, McpGuest, PromptInfo, ResourceInfo, ResourceTemplateInfo, ToolInfo,
  ToolResult,
} from './guest.js';
import type { ResolvedPolicy } from './policy.js';
import { StdioInstance, type InstanceEnv } from './stdio-instance.js';

export type StdioGuestEnv = Omit<InstanceEnv, 'onNotification' | 'onLog' | 'onRefusal'> & {
  readonly onLog?: (guest: string, line: string) => void;
};

export class StdioGuest implements McpGuest {
  readonly kind = 'wasi-p1-stdio' as const;
  onNotification?: (n: GuestNotification) => void;
  private instance: StdioInstance | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Instances created so far (1 + re-creations after failures). */
  instancesCreated = 0;

  constructor(
    private readonly module: ValidatedModule,
    private readonly policy: ResolvedPolicy,
    private readonly audit: AuditLog,
    private readonly env: StdioGuestEnv,
    /** The one client this guest serves (a session guest), or none (shared by every client). */
    private readonly client?: ClientSession,
  ) {}

  /** A guest of the same validated module with its own instance, booted with `client`'s capabilities. */
  session(client: ClientSession): StdioGuest {
    return new StdioGuest(this.module, this.policy, this.audit, this.env, client);
  }

  get name(): string {
    return this.policy.name;
  }

  async capabilities(): Promise<GuestCapabilities> {
    const init = await this.serialized('initialize', undefined, undefined, async (inst) => ({ value: inst.initializeResult, fuelUsed: 0 }));
    const caps = (init['capabilities'] ?? {}) as JsonObject;
    return {
      tools: caps['tools'] !== undefined,
      resources: caps['resources'] !== undefined,
      prompts: caps['prompts'] !== undefined,
      completions: caps['completions'] !== undefined,
    };
  }

  listTools(): Promise<ToolInfo[]> {
    return this.listAll<ToolInfo>('tools/list', 'tools');
  }

  async callTool(name: string, args: JsonObject, ctx?: CallContext): Promise<ToolResult> {
    try {
      const r = await this.rpc('tools/call', { name, arguments: args }, ctx, name, args);
      return r as ToolResult;
    } catch (e) {
      if (e instanceof GuestFailure) {
        return { content: [{ type: 'text', text: `sandbox stopped the tool (${e.reason}): ${e.message}` }], isError: true };
      }
      throw e;
    }
  }

  listResources(): Promise<ResourceInfo[]> {
    return this.listAll<ResourceInfo>('resources/list', 'resources');
  }

  listResourceTemplates(): Promise<ResourceTemplateInfo[]> {
    return this.listAll<ResourceTemplateInfo>('resources/templates/list', 'resourceTemplates');
  }

  readResource(uri: string, ctx?: CallContext): Promise<JsonObject> {
    return this.rpc('resources/read', { uri }, ctx);
  }

  listPrompts(): Promise<PromptInfo[]> {
    return this.listAll<PromptInfo>('prompts/list', 'prompts');
  }

  getPrompt(name: string, args: Readonly<Record<string, string>>, ctx?: CallContext): Promise<JsonObject> {
    return this.rpc('prompts/get', { name, arguments: args }, ctx);
  }

  complete(ref: JsonObject, argument: JsonObject, ctx?: CallContext): Promise<JsonObject> {
    return this.rpc('completion/complete', { ref, argument }, ctx);
  }

  async subscribe(uri: string): Promise<void> {
    await this.rpc('resources/subscribe', { uri });
  }

  async unsubscribe(uri: string): Promise<void> {
    await this.rpc('resources/unsubscribe', { uri });
  }

  async setLogLevel(level: string): Promise<void> {
    await this.rpc('logging/setLevel', { level });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => undefined);
    this.instance?.dispose();
    this.instance = null;
  }

  /** Follows `nextCursor` pages (at most 100) and concatenates `key`. */
  private async listAll<T>(method: string, key: string): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const r = await this.rpc(method, cursor === undefined ? {} : { cursor });
      const items = r[key];
      if (Array.isArray(items)) out.push(...(items as T[]));
      cursor = typeof r['nextCursor'] === 'string' ? r['nextCursor'] : undefined;
      if (cursor === undefined) break;
    }
    return out;
  }

  /**
   * One request to the guest. With a client behind it (`ctx`), the client's progress token goes
   * along in `_meta`, so the guest's progress notifications name it.
   */
  private rpc(method: string, params: JsonObject, ctx?: CallContext, tool?: string, args?: JsonObject): Promise<JsonObject> {
    const sent = ctx?.progressToken !== undefined ? { ...params, _meta: { progressToken: ctx.progressToken } } : params;
    return this.serialized(method, tool, args, async (inst) => {
      const r = await inst.request(method, sent, ctx);
      return { value: r.result, fuelUsed: r.fuelUsed };
    });
  }

  /** Runs `fn` on a live instance after every earlier request, with audit and failure handling. */
  private serialized(
    op: string, tool: string | undefined, args: JsonObject | undefined,
    fn: (inst: StdioInstance) => Promise<{ value: JsonObject; fuelUsed: number }>,
  ): Promise<JsonObject> {
    const run = async (): Promise<JsonObject> => {
      if (this.closed) throw new Error(`guest ${this.name} is closed`);
      let instantiateMs: number | undefined;
      const inst = await this.live((ms) => { instantiateMs = ms; });
      const t0 = performance.now();
      const base = { guest: this.name, op, ...(tool !== undefined ? { tool } : {}), ...(args !== undefined ? { arguments: args } : {}) };
      try {
        const r = await fn(inst);
        this.audit.record({ ...base, fuelUsed: r.fuelUsed, ...(instantiateMs !== undefined ? { instantiateMs } : {}), callMs: performance.now() - t0, outcome: 'ok' });
        return r.value;
      } catch (e) {
        if (e instanceof GuestFailure) this.instance = null;
        this.audit.record({
          ...base, ...(instantiateMs !== undefined ? { instantiateMs } : {}), callMs: performance.now() - t0, outcome: 'error',
          reason: e instanceof GuestFailure ? e.reason : 'guest-error', detail: e instanceof Error ? e.message : String(e),
        });
        throw e;
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** The live instance, creating (and booting) a fresh one when there is none. */
  private async live(onInstantiated: (ms: number) => void): Promise<StdioInstance> {
    if (this.instance !== null && this.instance.alive) return this.instance;
    this.instance = null;
    const t0 = performance.now();
    const inst = new StdioInstance(this.module, this.policy, {
      ...this.env,
      onNotification: (n) => this.onNotification?.(n),
      onLog: (line) => this.env.onLog?.(this.name, line),
      onRefusal: (op, reason) => this.audit.record({ guest: this.name, op: 'fs', outcome: 'refused', detail: `${op}: ${reason}` }),
    });
    this.instancesCreated++;
    try {
      await inst.boot(this.client?.capabilities() ?? {}, this.client?.clientInfo());
    } catch (e) {
      this.audit.record({ guest: this.name, op: 'instantiate', instantiateMs: performance.now() - t0, outcome: 'error', detail: e instanceof Error ? e.message : String(e) });
      throw e;
    }
    onInstantiated(performance.now() - t0);
    this.instance = inst;
    return inst;
  }
}
