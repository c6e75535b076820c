/**
 * Calling a host function from wasm: the arguments leave the stack as typed `Value`s, the results
 * are checked against the function type and written back. Anything the host throws becomes a typed
 * error (DESIGN.md invariant 6): typed core errors pass through, anything else is Trap('host').
 */

import { Trap, WasmError } from '../errors.js';
import { readValue, valueTypeName, writeValue } from './convert.js';
import type { FuncInst } from './runtime.js';
import type { StackViews } from './stack.js';
import type { StoreState } from './store-state.js';
import type { Value } from './values.js';

/**
 * Calls host function `f` whose arguments are the top `f.nparams` slots below `sp`; writes the results
 * from slot `sp - nparams` on. The caller has checked that the stack has room for the results.
 * Returns false, leaving the stack untouched, when the host asked to suspend (`Store.suspendHostCall`):
 * the caller then pauses before the call instruction, so the resumed run repeats the call.
 */
export function callHost(st: StoreState, f: FuncInst, s: StackViews, sp: number): boolean {
  const base = sp - f.nparams;
  const params = f.type.params;
  const args: Value[] = new Array<Value>(params.length);
  for (let i = 0; i < params.length; i++) args[i] = readValue(s.i32, (base + i) << 2, params[i]!, st.externs);
  let results: unknown;
  st.suspendRequested = false;
  try {
    results = f.host!(args);
  } catch (e) {
    st.suspendRequested = false;
    if (e instanceof WasmError) throw e;
    throw new Trap('host', e instanceof Error ? e.message : String(e));
  }
  if (st.suspendRequested) {
    st.suspendRequested = false;
    return false;
  }
  writeHostResults(st, f, results, s.i32, base << 2);
  return true;
}

/** Checks the host's results against the function type and writes them as slots from word `at`. */
export function writeHostResults(st: StoreState, f: FuncInst, results: unknown, w: Int32Array, at: number): void {
  const types = f.type.results;
  if (!Array.isArray(results) || results.length !== types.length) {
    throw new Trap('host', `host function returned ${Array.isArray(results) ? results.length : typeof results} values, expected ${types.length}`);
  }
  for (let i = 0; i < types.length; i++) {
    const v = results[i] as Value;
    if (v === null || typeof v !== 'object' || v.type !== valueTypeName(types[i]!)) {
      throw new Trap('host', `host result ${i} is not of type ${valueTypeName(types[i]!)}`);
    }
    try {
      writeValue(w, at + 4 * i, types[i]!, v, st.externs, `host result ${i}`);
    } catch (e) {
      throw new Trap('host', e instanceof Error ? e.message : String(e));
    }
  }
}
