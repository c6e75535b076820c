/**
 * The `spectest` module every spec script may import (as the reference interpreter's host/spectest.ml
 * defines it): printing functions that do nothing here, four immutable globals, a table and a memory.
 */

import { Store } from '../src/core/index.js';
import type { ExternVal } from '../src/core/exec/values.js';
import { ValType, type FuncType } from '../src/core/binary/module.js';
import { f32Value, f64Value } from './values.js';
import { parseF32Bits, parseF64Bits } from './literals.js';

function printer(store: Store, params: number[]): ExternVal {
  const type: FuncType = { params, results: [] };
  return store.hostFunc(type, () => []);
}

/** Creates the `spectest` exports in a store. */
export function spectestExports(store: Store): Record<string, ExternVal> {
  const { i32, i64, f32, f64, funcref } = ValType;
  return {
    print: printer(store, []),
    print_i32: printer(store, [i32]),
    print_i64: printer(store, [i64]),
    print_f32: printer(store, [f32]),
    print_f64: printer(store, [f64]),
    print_i32_f32: printer(store, [i32, f32]),
    print_f64_f64: printer(store, [f64, f64]),
    global_i32: store.hostGlobal({ valType: i32, mutable: false }, { type: 'i32', value: 666 }),
    global_i64: store.hostGlobal({ valType: i64, mutable: false }, { type: 'i64', value: 666n }),
    global_f32: store.hostGlobal({ valType: f32, mutable: false }, f32Value(parseF32Bits('666.6'))),
    global_f64: store.hostGlobal({ valType: f64, mutable: false }, f64Value(parseF64Bits('666.6'))),
    table: store.hostTable({ elemType: funcref, limits: { min: 10, max: 20 } }),
    memory: store.hostMemory({ limits: { min: 1, max: 2 } }),
  };
}
