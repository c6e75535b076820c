/**
 * Node's side of the embedded engine: a QuickJS runtime (quickjs-ng, the wasm build shipped in the
 * npm package `@jitl/quickjs-ng-wasmfile-release-sync`) with a hard memory limit, into which the product
 * bundle is loaded as the module `mcp-wrt-host/core` and the harness module on top of it.
 *
 * The context has no `Date` intrinsic and no `performance`: the core must run on the clock the host
 * injects (the global function `hostNow`).
 */

import {
  newQuickJSWASMModuleFromVariant, type QuickJSContext, type QuickJSRuntime, type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import { BUNDLE_SPECIFIER, readBuiltBundle } from '../scripts/bundle.js';
import { buildHarnessBundle } from './harness-bundle.js';

/** The memory budget of one runtime: the engine, the core, the harness and the guest together. */
export const MEMORY_LIMIT_BYTES = 32 * 1024 * 1024;

const MIB = 1024 * 1024;

/**
 * Scripts whose guest alone needs more memory than the budget, with the larger limit they run under and
 * why. Everything else runs within MEMORY_LIMIT_BYTES.
 */
export const MEMORY_LIMIT_EXCEPTIONS: ReadonlyMap<string, { readonly bytes: number; readonly why: string }> = new Map([
  ['memory_grow.wast', { bytes: 64 * MIB, why: 'lines 45-48 grow one memory to 803 pages (50.2 MiB of guest memory alone)' }],
]);

/** The memory limit a script runs under. */
export function memoryLimitFor(file: string): number {
  return MEMORY_LIMIT_EXCEPTIONS.get(file)?.bytes ?? MEMORY_LIMIT_BYTES;
}

/** The module texts loaded into the engine. */
export interface EmbeddedCode {
  /** The product bundle (minified: what an embedder would ship). */
  readonly core: string;
  readonly harness: string;
}

let wasmModule: Promise<QuickJSWASMModule> | undefined;

function quickjs(): Promise<QuickJSWASMModule> {
  wasmModule ??= newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-ng-wasmfile-release-sync'));
  return wasmModule;
}

/** The built product bundle (dist/bundle, from `npm run build`) and the freshly bundled harness. */
export async function loadEmbeddedCode(): Promise<EmbeddedCode> {
  return { core: readBuiltBundle().minified, harness: await buildHarnessBundle() };
}

export interface EngineOptions {
  readonly memoryLimitBytes?: number;
}

/** Thrown when code inside QuickJS throws (including running out of memory). */
export class EmbeddedError extends Error {
  override readonly name = 'EmbeddedError';
}

/** One QuickJS runtime and context with the core and the harness loaded. */
export class EmbeddedEngine {
  private constructor(
    private readonly rt: QuickJSRuntime,
    private readonly vm: QuickJSContext,
    /** The memory in use right after the engine, the core and the harness were loaded. */
    readonly baselineBytes: number,
  ) {}

  static async create(code: EmbeddedCode, opts: EngineOptions = {}): Promise<EmbeddedEngine> {
    const q = await quickjs();
    const rt = q.newRuntime();
    rt.setMemoryLimit(opts.memoryLimitBytes ?? MEMORY_LIMIT_BYTES);
    rt.setModuleLoader((name) => (name === BUNDLE_SPECIFIER ? code.core : { error: new Error(`unknown module ${name}`) }));
    const vm = rt.newContext();
    try {
      vm.unwrapResult(vm.evalCode('delete globalThis.Date; delete globalThis.performance;', 'strip.js', { type: 'global' })).dispose();
      const started = process.hrtime.bigint();
      const nowFn = vm.newFunction('hostNow', () => vm.newNumber(Number(process.hrtime.bigint() - started) / 1e6));
      vm.setProp(vm.global, 'hostNow', nowFn);
      nowFn.dispose();
      const r = vm.evalCode(code.harness, 'harness.mjs', { type: 'module' });
      if (r.error) {
        const err = vm.dump(r.error) as unknown;
        r.error.dispose();
        throw new EmbeddedError(`harness did not load: ${JSON.stringify(err)}`);
      }
      r.value.dispose();
      rt.executePendingJobs();
      return new EmbeddedEngine(rt, vm, EmbeddedEngine.usage(rt, vm).memory_used_size);
    } catch (e) {
      vm.dispose();
      rt.dispose();
      throw e;
    }
  }

  private static usage(rt: QuickJSRuntime, vm: QuickJSContext): { memory_used_size: number; malloc_limit: number } {
    const h = rt.computeMemoryUsage();
    try {
      return vm.dump(h) as { memory_used_size: number; malloc_limit: number };
    } finally {
      h.dispose();
    }
  }

  /** Bytes the runtime has allocated now (QuickJS's own accounting: engine, code, data). */
  memoryUsed(): number {
    return EmbeddedEngine.usage(this.rt, this.vm).memory_used_size;
  }

  memoryLimit(): number {
    return EmbeddedEngine.usage(this.rt, this.vm).malloc_limit;
  }

  /** Calls a harness function with wire text; returns its wire text result. */
  call(method: string, wire?: string): string {
    const harness = this.vm.getProp(this.vm.global, 'mcpWrtHarness');
    const arg = wire === undefined ? undefined : this.vm.newString(wire);
    try {
      const r = this.vm.callMethod(harness, method, arg === undefined ? [] : [arg]);
      if (r.error) {
        const err = this.vm.dump(r.error) as unknown;
        r.error.dispose();
        throw new EmbeddedError(`${method} threw inside QuickJS: ${typeof err === 'object' ? JSON.stringify(err) : String(err)}`);
      }
      const out = this.vm.typeof(r.value) === 'string' ? this.vm.getString(r.value) : '';
      r.value.dispose();
      return out;
    } finally {
      arg?.dispose();
      harness.dispose();
    }
  }

  /** Runs the context's pending jobs (promise reactions) until none is left; returns how many ran. */
  runJobs(): number {
    const r = this.rt.executePendingJobs(-1);
    if (r.error) {
      const err = this.vm.dump(r.error) as unknown;
      r.error.dispose();
      throw new EmbeddedError(`a job threw inside QuickJS: ${JSON.stringify(err)}`);
    }
    return r.value;
  }

  /** Evaluates a global script and returns its value dumped to JSON-able form (for probes and tests). */
  evalGlobal(code: string): unknown {
    const h = this.vm.unwrapResult(this.vm.evalCode(code, 'probe.js', { type: 'global' }));
    try {
      return this.vm.dump(h) as unknown;
    } finally {
      h.dispose();
    }
  }

  dispose(): void {
    this.vm.dispose();
    this.rt.dispose();
  }
}
