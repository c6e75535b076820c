/**
 * The scalar numerics of WebAssembly 2.0 as pure functions (spec section 4.3, "Numerics"): every
 * operator whose semantics is not a single JS operator. The interpreter calls these by name; each
 * file below holds one family:
 *   numerics/int32.ts    i32 division, remainder, bit counts, rotations (int32 numbers)
 *   numerics/int64.ts    i64 division, remainder, bit counts, shifts, rotations (signed bigints)
 *   numerics/float.ts    fmin, fmax, fnearest (f32 and f64 alike)
 *   numerics/truncate.ts float -> integer, trapping and saturating
 *   numerics/convert.ts  integer -> float, correctly rounded
 * Traps are thrown as `Trap` with the spec testsuite's wording; nothing else is thrown.
 */
export { i32DivS, i32DivU, i32RemS, i32RemU, i32Clz, i32Ctz, i32Popcnt, i32Rotl, i32Rotr } from './numerics/int32.js';
export {
  i64DivS,
  i64DivU,
  i64RemS,
  i64RemU,
  i64Clz,
  i64Ctz,
  i64Popcnt,
  i64Shl,
  i64ShrS,
  i64ShrU,
  i64Rotl,
  i64Rotr,
} from './numerics/int64.js';
export { fMin, fMax, fNearest } from './numerics/float.js';
export {
  i32TruncF32S,
  i32TruncF32U,
  i32TruncF64S,
  i32TruncF64U,
  i64TruncF32S,
  i64TruncF32U,
  i64TruncF64S,
  i64TruncF64U,
  i32TruncSatF32S,
  i32TruncSatF32U,
  i32TruncSatF64S,
  i32TruncSatF64U,
  i64TruncSatF32S,
  i64TruncSatF32U,
  i64TruncSatF64S,
  i64TruncSatF64U,
} from './numerics/truncate.js';
export {
  f32ConvertI32S,
  f32ConvertI32U,
  f64ConvertI32S,
  f64ConvertI32U,
  f32ConvertI64S,
  f32ConvertI64U,
  f64ConvertI64S,
  f64ConvertI64U,
} from './numerics/convert.js';
