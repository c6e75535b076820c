/**
 * The public embedding API of the verified core (brief, "The public embedding API").
 * `load` always decodes and validates (DESIGN.md invariant 1); `Store` owns everything at run time.
 */

import { decode, decodeUnchecked } from './binary/decode.js';
import { validate } from './validate/index.js';
import type { ValidatedModule } from './validate/compiled.js';

/**
 * Decodes and validates a binary module. Throws DecodeError or ValidationError: the error of
 * `validate(decode(bytes))`, so a malformed byte anywhere is reported before any validation error.
 *
 * Valid modules take one pass over each function body: the validator checks the body's encoding as
 * it compiles it (`decodeUnchecked`), instead of after a separate check-only pass. That pass accepts
 * exactly the modules the two-pass order accepts, but on a bad module it may meet a validation error
 * before a malformed byte, so any failure re-runs the two-pass order, whose result (the error, or
 * the module) is the one returned.
 */
export function load(bytes: Uint8Array): ValidatedModule {
  try {
    return validate(decodeUnchecked(bytes));
  } catch {
    return validate(decode(bytes));
  }
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
