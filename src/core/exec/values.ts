/**
 * Values as the embedding API sees them. Floats carry their exact bits, so NaN payloads survive the
 * trip in and out of the core; `value` is the JS number for convenience.
 */

import type { FuncType, GlobalType, MemType, TableType } from '../binary/module.js';

/** A reference to a function in a store (an opaque address). */
export interface FuncRef {
  readonly kind: 'funcref';
  readonly addr: number;
}

/** A WebAssembly value at the API: the type and its JS representation (floats also carry their exact bits). */
export type Value =
  | { readonly type: 'i32'; readonly value: number }
  | { readonly type: 'i64'; readonly value: bigint }
  | { readonly type: 'f32'; readonly value: number; readonly bits: number }
  | { readonly type: 'f64'; readonly value: number; readonly bits: bigint }
  | { readonly type: 'v128'; readonly value: Uint8Array }
  | { readonly type: 'funcref'; readonly value: FuncRef | null }
  | { readonly type: 'externref'; readonly value: unknown };

/** Something an instance exports or an embedder provides as an import. Opaque store addresses. */
export type ExternVal =
  | { readonly kind: 'func'; readonly addr: number; readonly type: FuncType }
  | { readonly kind: 'table'; readonly addr: number; readonly type: TableType }
  | { readonly kind: 'memory'; readonly addr: number; readonly type: MemType }
  | { readonly kind: 'global'; readonly addr: number; readonly type: GlobalType };

/** Imports by module name, then field name. */
export type Imports = Readonly<Record<string, Readonly<Record<string, ExternVal>>>>;

/** Outcome of running a resumable execution for a budget of fuel. */
export type RunResult =
  | { readonly status: 'done'; readonly values: Value[] }
  | { readonly status: 'paused'; readonly fuelUsed: number }
  | { readonly status: 'trapped'; readonly error: Error };
