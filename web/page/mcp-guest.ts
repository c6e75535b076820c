/**
 * An MCP server compiled to WebAssembly as a `Guest`, run in the page by the host's own guest classes
 * (the ones the MCP server uses), on the core bundle: a WASI preview 1 command speaking JSON-RPC on
 * stdio (`StdioGuest` over `StdioInstance`) or a WASI-MCP component (`WasiMcpGuest`); nothing here
 * speaks MCP itself. Tools, resources and prompts are listed and called; the fuel a request used, and
 * why the sandbox stopped one, are read from the host's audit record of that request.
 */

import type { ValidatedModule } from '../../src/core/index.js';
import { AuditLog, type AuditRecord } from '../../src/host/audit.js';
import type { JsonObject, McpGuest, PromptInfo, ResourceInfo, ToolInfo } from '../../src/host/guest.js';
import { resolvePolicy, type ResolvedPolicy } from '../../src/host/policy.js';
import { StdioGuest } from '../../src/host/stdio-guest.js';
import { WASI_P1_MODULE, type WasiClock } from '../../src/wasi/preview1.js';
import { messageOf, type CallOutcome, type ExportView, type Guest } from './guest.js';

/** Wall-clock budget of one request in the page (fuel is the budget the user sets). */
const REQUEST_TIMEOUT_MS = 20_000;
/** Bytes of memory one instance may use in the page. */
const MEMORY_LIMIT = 64 * 1024 * 1024;

/** Whether a core module is a WASI preview 1 command the page runs as an MCP stdio server. */
export function isStdioCommand(vm: ValidatedModule): boolean {
  const m = vm.module;
  return m.imports.length > 0 && m.imports.every((i) => i.module === WASI_P1_MODULE && i.desc.kind === 'func') &&
    m.exports.some((e) => e.name === '_start') && m.exports.some((e) => e.name === 'memory');
}

const pageClock: WasiClock = {
  realtimeNs: () => BigInt(Date.now()) * 1_000_000n,
  monotonicNs: () => BigInt(Math.round(performance.now() * 1e6)),
};

/** crypto.getRandomValues fills at most 65536 bytes per call. */
function pageRandom(buf: Uint8Array): void {
  for (let at = 0; at < buf.length; at += 65536) crypto.getRandomValues(buf.subarray(at, Math.min(buf.length, at + 65536)));
}

function parseJsonObject(text: string): JsonObject {
  const s = text.trim();
  if (s === '') return {};
  const v: unknown = JSON.parse(s);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('arguments must be a JSON object, e.g. {"a": 2}');
  return v as JsonObject;
}

/** The text of MCP content items (text as is, anything else as JSON). */
function contentText(items: unknown): string[] {
  if (!Array.isArray(items)) return [];
  return items.map((c: unknown) => {
    const o = (c ?? {}) as JsonObject;
    return typeof o['text'] === 'string' ? o['text'] : JSON.stringify(c);
  });
}

function schemaArgs(schema: JsonObject): string {
  const props = (schema['properties'] ?? {}) as JsonObject;
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : []);
  const fields = Object.entries(props).map(([k, v]) => {
    const t = typeof (v as JsonObject)?.['type'] === 'string' ? String((v as JsonObject)['type']) : 'any';
    return `${k}${required.has(k) ? '' : '?'}: ${t}`;
  });
  return `{${fields.join(', ')}}`;
}

function toolView(t: ToolInfo): ExportView {
  return { id: `tool:${t.name}`, name: t.name, kind: 'tool', type: `${schemaArgs(t.inputSchema ?? {})}${t.description ? ` ${t.description}` : ''}`, callable: true };
}

function resourceView(r: ResourceInfo): ExportView {
  const mime = typeof r['mimeType'] === 'string' ? ` (${r['mimeType']})` : '';
  return { id: `resource:${r.uri}`, name: r.uri, kind: 'resource', type: `${r.name}${mime}`, callable: true };
}

function promptView(p: PromptInfo): ExportView {
  const args = Array.isArray(p['arguments'])
    ? (p['arguments'] as JsonObject[]).map((a) => `${String(a['name'])}${a['required'] === true ? '' : '?'}: string`).join(', ')
    : '';
  const desc = typeof p['description'] === 'string' ? ` ${p['description']}` : '';
  return { id: `prompt:${p.name}`, name: p.name, kind: 'prompt', type: `{${args}}${desc}`, callable: true };
}

/** Makes one guest under a policy; the page makes a new one when the fuel budget changes. */
export type McpGuestFactory = (policy: ResolvedPolicy, audit: AuditLog) => McpGuest;

/**
 * The running server. The policy's fuel is fixed per guest object, so a call with another budget starts
 * a fresh guest under that budget (a fresh instance, as the host makes after any failure).
 */
class PageMcpServer {
  private guest: McpGuest;
  private fuel: number;
  private last: AuditRecord | undefined;

  constructor(private readonly make: McpGuestFactory, private readonly name: string, fuel: number, private readonly log: (line: string) => void) {
    this.fuel = fuel;
    this.guest = this.create(fuel);
  }

  private create(fuel: number): McpGuest {
    const audit = new AuditLog((line) => { this.last = JSON.parse(line) as AuditRecord; });
    const guest = this.make(resolvePolicy(this.name, { fuel, executionTimeoutMs: REQUEST_TIMEOUT_MS, memoryLimit: MEMORY_LIMIT }), audit);
    guest.onNotification = (n) => this.log(`notification ${n.method} ${JSON.stringify(n.params ?? {})}`);
    return guest;
  }

  /** The guest under the given fuel budget, for one request (forgets the last request's record). */
  async under(fuel: number): Promise<McpGuest> {
    this.last = undefined;
    if (fuel !== this.fuel) {
      await this.guest.close();
      this.fuel = fuel;
      this.guest = this.create(fuel);
    }
    return this.guest;
  }

  /** The audit record of the last request (fuel used, outcome, failure reason). */
  lastRecord(): AuditRecord | undefined {
    return this.last;
  }
}

/** A WASI preview 1 command as an MCP guest: the host's stdio driver with the page's clock and random bytes. */
export function stdioGuestFactory(vm: ValidatedModule, log: (line: string) => void): McpGuestFactory {
  return (policy, audit) => new StdioGuest(vm, policy, audit, {
    clock: pageClock,
    random: pageRandom,
    now: () => performance.now(),
    onLog: (_guest, line) => log(`stderr: ${line}`),
  });
}

/** What the page says about a server besides what it lists. */
export interface McpServerInfo {
  readonly fileName: string;
  /** e.g. `WASI preview 1, stdio`. */
  readonly form: string;
  readonly size: number;
  readonly imports: readonly string[];
}

async function listed<T>(enabled: boolean, list: () => Promise<T[]>): Promise<T[]> {
  return enabled ? list() : [];
}

/** Starts the server (instantiation, its own start-up, the MCP handshake) and lists what it offers. */
export async function loadMcpGuest(make: McpGuestFactory, info: McpServerInfo, fuel: number, log: (line: string) => void): Promise<Guest> {
  const server = new PageMcpServer(make, info.fileName.replace(/\.wasm$/, ''), fuel, log);
  const g = await server.under(fuel);
  const caps = await g.capabilities();
  const tools = await listed(caps.tools, () => g.listTools());
  const resources = await listed(caps.resources, () => g.listResources());
  const prompts = await listed(caps.prompts, () => g.listPrompts());

  const call = async (id: string, argsText: string, budget: number): Promise<CallOutcome> => {
    const sep = id.indexOf(':');
    const kind = id.slice(0, sep);
    const name = id.slice(sep + 1);
    const label = kind === 'resource' ? `read ${name}` : `${kind} ${name} ${argsText.trim() || '{}'}`;
    try {
      const guest = await server.under(budget);
      let results: string[];
      let failed = false;
      if (kind === 'tool') {
        const r = await guest.callTool(name, parseJsonObject(argsText));
        results = contentText(r.content);
        failed = r.isError === true;
      } else if (kind === 'resource') {
        const r = await guest.readResource(name);
        results = contentText(r['contents']);
      } else {
        const args = parseJsonObject(argsText);
        const r = await guest.getPrompt(name, Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)])));
        results = Array.isArray(r['messages'])
          ? (r['messages'] as JsonObject[]).map((m) => `${String(m['role'])}: ${contentText([m['content']]).join('')}`)
          : [];
      }
      const rec = server.lastRecord();
      if (rec?.reason === 'fuel') return { status: 'out-of-fuel', call: label, fuelUsed: budget };
      if (failed) return { status: 'error', call: label, error: results.join(' ') };
      return { status: 'done', call: label, results, ...(rec?.fuelUsed !== undefined ? { fuelUsed: rec.fuelUsed } : {}) };
    } catch (e) {
      const rec = server.lastRecord();
      if (rec?.reason === 'fuel') return { status: 'out-of-fuel', call: label, fuelUsed: budget };
      return { status: 'error', call: label, error: messageOf(e) };
    }
  };

  return {
    kind: 'mcp-stdio',
    summary: `MCP server (${info.form}), ${info.size} bytes: ${tools.length} tools, ${resources.length} resources, ${prompts.length} prompts`,
    imports: info.imports,
    exports: [...tools.map(toolView), ...resources.map(resourceView), ...prompts.map(promptView)],
    argsHint: '{"a": 2, "b": 40}',
    call,
  };
}
