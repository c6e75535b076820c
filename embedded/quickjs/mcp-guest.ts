/**
 * A WASI preview 1 stdio MCP guest inside QuickJS, run by the host's own driver (`StdioInstance`,
 * src/host) on the product bundle: booted (instantiated, run to its first read, MCP handshake) and
 * then kept idle, so Node can measure its footprint, and asked requests, so Node can check that it
 * answers. The driver is asynchronous; QuickJS has no event loop here, so each operation starts a
 * promise and Node runs the job queue (`EmbeddedEngine.runJobs`) before reading the outcome.
 */

import { load } from '../../src/core/index.js';
import type { JsonObject } from '../../src/host/guest.js';
import { resolvePolicy } from '../../src/host/policy.js';
import { StdioInstance } from '../../src/host/stdio-instance.js';
import { installTextCodec } from './text-codec.js';

/** What the last operation came to, as Node reads it. */
export type McpOutcome =
  | { readonly status: 'pending' }
  | { readonly status: 'ok'; readonly result: JsonObject; readonly fuelUsed: number }
  | { readonly status: 'failed'; readonly error: string };

/** Booted guests, all kept alive; requests go to the last one. */
const instances: StdioInstance[] = [];
let outcome: McpOutcome = { status: 'pending' };
/** The stderr lines of all guests since the last boot started. */
const logLines: string[] = [];

function track(p: Promise<{ result: JsonObject; fuelUsed: number }>): void {
  outcome = { status: 'pending' };
  p.then(
    (r) => { outcome = { status: 'ok', ...r }; },
    (e: unknown) => { outcome = { status: 'failed', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }; },
  );
}

/** Deterministic bytes for `random_get` (xorshift32): the footprint does not depend on entropy. */
function pseudoRandom(): (buf: Uint8Array) => void {
  let x = 0x9e3779b9;
  return (buf) => {
    for (let i = 0; i < buf.length; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      buf[i] = x & 0xff;
    }
  };
}

/** Instantiates one more guest and starts booting it; `now` is the host's millisecond clock. */
export function startMcp(wasm: Uint8Array, now: () => number): void {
  installTextCodec();
  logLines.length = 0;
  const policy = resolvePolicy('guest', { fuel: 1e9, executionTimeoutMs: 60_000, memoryLimit: 16 * 1024 * 1024 });
  const inst = new StdioInstance(load(wasm), policy, {
    clock: { realtimeNs: () => BigInt(Math.round(now() * 1e6)), monotonicNs: () => BigInt(Math.round(now() * 1e6)) },
    random: pseudoRandom(),
    now,
    onNotification: () => undefined,
    onLog: (line) => { logLines.push(line); },
  });
  instances.push(inst);
  track(inst.boot().then((fuelUsed) => ({ result: inst.initializeResult, fuelUsed })));
}

/** Sends one request to the booted guest. */
export function mcpRequest(method: string, params: JsonObject): void {
  const inst = instances[instances.length - 1];
  if (inst === undefined) throw new Error('no MCP guest started');
  track(inst.request(method, params));
}

export function mcpOutcome(): McpOutcome & { readonly log: readonly string[] } {
  return { ...outcome, log: logLines };
}

/** Forgets the guests (their stores, memories and drivers). */
export function dropMcp(): void {
  instances.length = 0;
  outcome = { status: 'pending' };
  logLines.length = 0;
}
