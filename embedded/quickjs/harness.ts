/**
 * The code that runs inside QuickJS (bundled by embedded/harness-bundle.ts, with every `src/core` import
 * bound to the core bundle loaded as the module `mcp-wrt-host/core`). It runs spec-script commands with
 * the very decision logic Node uses (spec-tests/script-run.ts) and hands the outcomes back as wire text.
 * It also keeps instances alive on request, so the host can measure an idle instance's footprint, and
 * runs an MCP stdio guest through the host's driver (mcp-guest.ts).
 *
 * The store's clock is injected: QuickJS here has no `Date` and no `performance` (the host removes
 * them), so deadlines read the host function `hostNow` that Node installs.
 */

import { ScriptRun, type AssertionResult } from '../../spec-tests/script-run.js';
import type { Command } from '../../spec-tests/script.js';
import type { CompileResult, Compiler } from '../../spec-tests/compile.js';
import type { Limits } from '../../src/core/exec/limits.js';
import { load, Store, type Instance } from '../../src/core/index.js';
import { fromWire, toWire } from '../wire.js';
import { dropMcp, mcpOutcome, mcpRequest, startMcp } from './mcp-guest.js';

/** One script as Node prepared it: text modules were compiled by wabt in Node, their sources replaced by
 * the index (in ASCII digits) of their result in `compiled`. */
export interface ScriptJob {
  readonly commands: readonly Command[];
  readonly compiled: readonly CompileResult[];
  readonly limits: Partial<Limits>;
}

/** The compiler of the embedded side: a lookup of what wabt produced in Node. */
export function tableCompiler(compiled: readonly CompileResult[]): Compiler {
  return {
    compile(text: Uint8Array): CompileResult {
      let index = 0;
      for (let i = 0; i < text.length; i++) index = index * 10 + (text[i] - 48);
      const r = compiled[index];
      return r ?? { ok: false, reason: `no precompiled module #${index}` };
    },
  };
}

/** Runs every command of a job, in order, in one store; returns one result per command. */
export function runJob(job: ScriptJob, now: (() => number) | undefined, keep?: (run: ScriptRun) => void): AssertionResult[] {
  const run = new ScriptRun(tableCompiler(job.compiled), job.limits, now);
  keep?.(run);
  return job.commands.map((cmd) => run.run(cmd));
}

interface HostGlobals {
  hostNow?: () => number;
  mcpWrtHarness?: unknown;
}

const host = globalThis as unknown as HostGlobals;
const kept: Instance[] = [];
/** The last script's run (its store, instances and memories), alive until the next script, so the host
 * can measure the memory a whole script holds at its end. */
let lastRun: ScriptRun | undefined;
let keptStore: Store | undefined;

/** The functions Node calls (through the global `mcpWrtHarness`); all take and return wire text. */
const harness = {
  runScript(wire: string): string {
    lastRun = undefined;
    return toWire(runJob(fromWire(wire) as ScriptJob, host.hostNow, (run) => {
      lastRun = run;
    }));
  },
  /** Loads and instantiates a module without imports and keeps it alive; returns its export names. */
  keepInstance(wire: string): string {
    keptStore ??= new Store(host.hostNow === undefined ? {} : { now: host.hostNow });
    const inst = keptStore.instantiate(load(fromWire(wire) as Uint8Array), {});
    kept.push(inst);
    return toWire([...inst.exports.keys()]);
  },
  /** Calls an export of the last kept instance with i32 arguments; returns the i32 results. */
  callKept(wire: string): string {
    const { name, args } = fromWire(wire) as { name: string; args: number[] };
    const inst = kept[kept.length - 1];
    const f = inst?.exports.get(name);
    if (keptStore === undefined || f === undefined) throw new Error(`no kept export ${name}`);
    const out = keptStore.invoke(f, args.map((value) => ({ type: 'i32' as const, value })));
    return toWire(out.map((v) => (v.type === 'i32' ? v.value : null)));
  },
  dropKept(): void {
    kept.length = 0;
    keptStore = undefined;
  },
  /** Starts booting a WASI preview 1 MCP guest (the job queue then runs it; see mcp-guest.ts). */
  startMcp(wire: string): void {
    startMcp(fromWire(wire) as Uint8Array, host.hostNow ?? (() => 0));
  },
  mcpRequest(wire: string): void {
    const { method, params } = fromWire(wire) as { method: string; params: Record<string, unknown> };
    mcpRequest(method, params);
  },
  mcpOutcome(): string {
    return toWire(mcpOutcome());
  },
  dropMcp,
};

host.mcpWrtHarness = harness;
