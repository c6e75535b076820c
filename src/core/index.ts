/**
 * The public embedding API of the verified core (brief, "The public embedding API").
 * `load` always decodes and validates (DESIGN.md invariant 1); `Store` owns everything at run time.
 */

import { decode } from './binary/index.js';
import { validate } from './validate/index.js';
import type { ValidatedModule } from './validate/compiled.js';

/** Decodes and validates a binary module. Throws DecodeError or ValidationError. */
export function load(bytes: Uint8Array): ValidatedModule {
  return validate(decode(bytes));
}

export { Store, type StoreOptions, type InvokeOptions } from './exec/store.js';
export type { Instance } from './exec/instantiate.js';
export type { Execution } from './exec/interpreter.js';
export { f32Value, f64Value } from './exec/js-values.js';
export {
  WasmError, DecodeError, ValidationError, LinkError, Trap, LimitExceeded, CfiViolation, EmbeddingError,
  type TrapKind, type LimitKind, type CfiCheck,
} from './errors.js';
export type { Value, ExternVal, Imports, RunResult, FuncRef } from './exec/values.js';
export { DEFAULT_LIMITS, resolveLimits, type Limits } from './exec/limits.js';
export type { ValidatedModule, CompiledFunction } from './validate/compiled.js';
export * from './binary/module.js';
