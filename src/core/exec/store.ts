/**
 * The public `Store` of the embedding API (brief, "The public embedding API"): creates host objects,
 * instantiates modules, invokes functions (to completion or resumably) and reads globals and memories.
 * Every failure is a typed error: LinkError, Trap, LimitExceeded, CfiViolation or EmbeddingError.
 */

import type { FuncType, GlobalType, MemType, TableType } from '../binary/module.js';
import { EmbeddingError, LimitExceeded } from '../errors.js';
import type { ValidatedModule } from '../validate/compiled.js';
import { isValidated } from '../validate/index.js';
import { readValue, writeValue } from './convert.js';
import { instantiate as instantiateModule, type Instance, type InstanceRecord } from './instantiate.js';
import { Execution } from './interpreter.js';
import { resolveLimits, type Limits } from './limits.js';
import { FuncInst, GlobalInst, type HostImpl } from './runtime.js';
import { StoreState } from './store-state.js';
import { jsToValue, valueToJs } from './js-values.js';
import type { ExternVal, Imports, Value } from './values.js';

/** Options of `new Store()`: limits (defaults: DEFAULT_LIMITS) and the clock used for deadlines. */
export interface StoreOptions {
  readonly limits?: Partial<Limits>;
  /** Clock in milliseconds for deadlines; `Date.now` when absent. */
  readonly now?: () => number;
}

/** Per-call budgets of `Store.invoke`: fuel (instructions) and deadline (ms); default: the store's limits. */
export interface InvokeOptions {
  readonly fuel?: number;
  readonly deadlineMs?: number;
}

/** Owns all run-time state (functions, tables, memories, globals) and its limits; instantiates and runs modules. */
export class Store {
  readonly limits: Limits;
  /** The store's runtime state; not part of the API (see `internalStoreStateForTest`). */
  private readonly state: StoreState;

  constructor(opts: StoreOptions = {}) {
    this.limits = resolveLimits(opts.limits);
    this.state = new StoreState(this.limits, opts.now ?? Date.now);
  }

  /** Wraps a host function of the given type as a function import. */
  hostFunc(type: FuncType, impl: (args: Value[]) => Value[]): ExternVal {
    if (typeof impl !== 'function') throw new EmbeddingError('host function implementation must be a function');
    const st = this.state;
    st.funcs.push(new FuncInst(type, st.types.intern(type), null, null, impl as HostImpl));
    return { kind: 'func', addr: st.funcs.length - 1, type };
  }

  /** Creates a global owned by the host, for use as an import. */
  hostGlobal(type: GlobalType, value: Value): ExternVal {
    const st = this.state;
    const g = new GlobalInst(type);
    writeValue(g.words, 0, type.valType, value, st.externs, 'host global');
    st.globals.push(g);
    return { kind: 'global', addr: st.globals.length - 1, type };
  }

  /** Creates a zeroed memory owned by the host, for use as an import (counted against the memory limit). */
  hostMemory(type: MemType): ExternVal {
    const addr = this.state.allocMemory(type.limits.min, type.limits.max);
    return { kind: 'memory', addr, type };
  }

  /** Creates a table owned by the host whose elements start null, for use as an import. */
  hostTable(type: TableType): ExternVal {
    const addr = this.state.allocTable(type.elemType, type.limits.min, type.limits.max);
    return { kind: 'table', addr, type };
  }

  /** Links and instantiates a validated module. Throws LinkError, Trap (start function or segments) or LimitExceeded. */
  instantiate(module: ValidatedModule, imports: Imports): Instance {
    // DESIGN.md invariant 1: only what `validate` produced may run.
    if (!isValidated(module)) throw new EmbeddingError('module was not produced by load()/validate()');
    const rec: InstanceRecord = instantiateModule(this.state, module, imports);
    return { exports: rec.exports };
  }

  /** Runs `func` to completion within `fuel` instructions and `deadlineMs` milliseconds. */
  invoke(func: ExternVal, args: Value[], opts: InvokeOptions = {}): Value[] {
    const fuel = opts.fuel ?? this.limits.fuel;
    const ex = this.start(func, args);
    const r = ex.run(fuel, opts.deadlineMs ?? this.limits.deadlineMs);
    if (r.status === 'done') return r.values;
    if (r.status === 'trapped') throw r.error;
    ex.abandon();
    if (r.fuelUsed < fuel) throw new EmbeddingError('a host function suspended its call; use start()/run() to resume it');
    throw new LimitExceeded('fuel', fuel, 'fuel exhausted');
  }

  /**
   * Called from inside a host function that cannot answer yet (e.g. WASI `fd_read` with no input
   * buffered): whatever the host function returns is discarded, the running execution pauses before
   * the call instruction (`run` returns 'paused' with fuel left over), and the next `run` repeats the
   * call with the same arguments. Outside a host call it has no effect.
   */
  suspendHostCall(): void {
    this.state.suspendRequested = true;
  }

  /** A resumable execution of `func`; nothing runs until `run(fuel)`. */
  start(func: ExternVal, args: Value[]): Execution {
    if (func === null || typeof func !== 'object' || func.kind !== 'func' || this.state.funcs[func.addr] === undefined) {
      throw new EmbeddingError('not a function of this store');
    }
    return new Execution(this.state, func.addr, args);
  }

  /** The current value of a global. */
  globalValue(global: ExternVal): Value {
    const g = global.kind === 'global' ? this.state.globals[global.addr] : undefined;
    if (g === undefined) throw new EmbeddingError('not a global of this store');
    return readValue(g.words, 0, g.type.valType, this.state.externs);
  }

  /** The current bytes of a memory (a live view until the memory grows). */
  memoryView(memory: ExternVal): Uint8Array {
    const m = memory.kind === 'memory' ? this.state.mems[memory.addr] : undefined;
    if (m === undefined) throw new EmbeddingError('not a memory of this store');
    return m.u8;
  }

  /**
   * Convenience: calls export `name` with plain JS arguments (i32/f32/f64 number, i64 bigint, v128
   * Uint8Array, funcref FuncRef|null, externref any) and returns plain JS results.
   */
  invokeExport(instance: Instance, name: string, ...args: unknown[]): unknown[] {
    const f = instance.exports.get(name);
    if (f === undefined || f.kind !== 'func') throw new EmbeddingError(`no exported function "${name}"`);
    const params = f.type.params;
    if (args.length !== params.length) throw new EmbeddingError(`expected ${params.length} arguments, got ${args.length}`);
    const values = args.map((a, i) => jsToValue(params[i]!, a));
    return this.invoke(f, values).map(valueToJs);
  }
}

/**
 * INTERNAL TEST HOOK (fault injection only; not exported by src/core/index.ts): the runtime state
 * behind a store, so a CFI test can forge a table entry.
 */
export function internalStoreStateForTest(store: Store): StoreState {
  return (store as unknown as { state: StoreState }).state;
}
