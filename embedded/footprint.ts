/**
 * The footprint of an idle instance inside QuickJS (a core module, or an MCP stdio guest booted by the
 * host's driver): the runtime's own memory accounting
 * (`memory_used_size`) after the engine, the core bundle and the harness are loaded, and again after one
 * module was loaded, validated and instantiated and is kept alive doing nothing.
 */

import { EmbeddedEngine, type EmbeddedCode } from './quickjs-host.js';
import { fromWire, toWire } from './wire.js';

export interface Footprint {
  /** Memory limit of the runtime (bytes). */
  readonly limitBytes: number;
  /** In use right after the engine, the core bundle and the harness were loaded (bytes). */
  readonly loadedBytes: number;
  /** In use after a warm-up instance was made and dropped: the baseline of the measurement (bytes). */
  readonly baselineBytes: number;
  /** In use with one idle instance kept alive as well (bytes). */
  readonly withInstanceBytes: number;
  /** The instance's share: the difference (bytes). */
  readonly instanceBytes: number;
  readonly exports: readonly string[];
}

/** Measures an idle instance of `wasm` in a fresh runtime; `check` may call into it afterwards. */
export async function measureIdleFootprint(
  code: EmbeddedCode,
  wasm: Uint8Array,
  check?: (call: (name: string, args: number[]) => (number | null)[]) => void,
): Promise<Footprint> {
  const engine = await EmbeddedEngine.create(code);
  try {
    // One throwaway instance first, so one-time allocations (atoms, shapes, inline caches) are not
    // charged to the measured one.
    engine.call('keepInstance', toWire(wasm));
    engine.call('dropKept');
    const baselineBytes = engine.memoryUsed();
    const exports = fromWire(engine.call('keepInstance', toWire(wasm))) as string[];
    const withInstanceBytes = engine.memoryUsed();
    check?.((name, args) => fromWire(engine.call('callKept', toWire({ name, args }))) as (number | null)[]);
    return { limitBytes: engine.memoryLimit(), loadedBytes: engine.baselineBytes, baselineBytes, withInstanceBytes, instanceBytes: withInstanceBytes - baselineBytes, exports };
  } finally {
    engine.dispose();
  }
}

/** What one MCP operation inside QuickJS came to (see embedded/quickjs/mcp-guest.ts). */
export interface McpOutcome {
  readonly status: 'pending' | 'ok' | 'failed';
  readonly result?: Record<string, unknown>;
  readonly fuelUsed?: number;
  readonly error?: string;
  readonly log: readonly string[];
}

export interface McpFootprint extends Omit<Footprint, 'exports'> {
  /** The guest's answer to `initialize` and the fuel the boot used. */
  readonly boot: McpOutcome;
}

/** Runs one MCP operation to its end: starts it, then runs QuickJS's job queue. */
function mcpStep(engine: EmbeddedEngine, method: string, wire: string): McpOutcome {
  engine.call(method, wire);
  engine.runJobs();
  const r = fromWire(engine.call('mcpOutcome')) as McpOutcome;
  if (r.status === 'pending') throw new Error(`${method}: the guest did not finish once the job queue was empty`);
  return r;
}

/**
 * Measures an idle instance of a WASI preview 1 MCP guest in a fresh runtime: booted through the
 * host's stdio driver (instantiated, run to its first read, `initialize` answered) and waiting for the
 * next request, beside a first one booted the same way. `check` may then send requests
 * (`request(method, params)`, to the measured instance) to show it still serves.
 */
export async function measureIdleMcpFootprint(
  code: EmbeddedCode,
  wasm: Uint8Array,
  check?: (request: (method: string, params: Record<string, unknown>) => McpOutcome) => void,
): Promise<McpFootprint> {
  const engine = await EmbeddedEngine.create(code);
  try {
    const wire = toWire(wasm);
    // A first instance boots and stays alive: one-time allocations (atoms, shapes, inline caches) are
    // then in the baseline, and the measured instance (its own validated module, store, memory and
    // driver) is one more beside it. A dropped first instance is no clean baseline: the heap it held
    // was observed to come back only at some later allocation, not when it was dropped.
    mcpStep(engine, 'startMcp', wire);
    const baselineBytes = engine.memoryUsed();
    const boot = mcpStep(engine, 'startMcp', wire);
    const withInstanceBytes = engine.memoryUsed();
    check?.((method, params) => mcpStep(engine, 'mcpRequest', toWire({ method, params })));
    return { limitBytes: engine.memoryLimit(), loadedBytes: engine.baselineBytes, baselineBytes, withInstanceBytes, instanceBytes: withInstanceBytes - baselineBytes, boot };
  } finally {
    engine.dispose();
  }
}
