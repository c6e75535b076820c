/**
 * Float to integer truncation of WebAssembly 2.0 (spec section 4.3.3, trunc_u / trunc_s and their
 * saturating forms trunc_sat_u / trunc_sat_s).
 *
 * trunc(x) is representable in the target exactly when x lies strictly between (min - 1) and (max + 1)
 * of the target type, so each range test below compares x (an exact f32 or f64 value held in a double)
 * against those two bounds:
 *   i32 signed:   -2^31 - 1 < x < 2^31      i32 unsigned: -1 < x < 2^32
 *   i64 signed:   -2^63 - 1 < x < 2^63      i64 unsigned: -1 < x < 2^64
 * -2^31 - 1 is a double; -2^63 - 1 is not, but no double lies strictly between it and -2^63, so that
 * test is written as x >= -2^63. The bounds are real numbers, so the f32 and f64 forms of each
 * operator are the same function (an f32 argument arrives as its exact double value).
 * Comparisons with NaN are false, so NaN always leaves the fast path.
 *
 * Unsigned i32 results are returned as their int32 bit pattern, unsigned i64 results as their signed
 * 64-bit pattern, matching the operand stack's Int32Array / BigInt64Array views.
 */
import { Trap } from '../../errors.js';

const TWO_POW_31 = 2147483648;
const TWO_POW_32 = 4294967296;
const TWO_POW_63 = 9223372036854775808;
const TWO_POW_64 = 18446744073709551616;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The trap of a value outside the fast path: NaN is "invalid conversion", anything else overflow. */
function truncTrap(x: number): Trap {
  return x !== x ? new Trap('invalid conversion to integer') : new Trap('integer overflow');
}

// --- trapping, to i32 (ToInt32 via `| 0` truncates toward zero, then wraps mod 2^32) ---

/** i32.trunc_f32_s / i32.trunc_f64_s. */
function truncToI32S(x: number): number {
  if (x > -TWO_POW_31 - 1 && x < TWO_POW_31) return x | 0;
  throw truncTrap(x);
}

/** i32.trunc_f32_u / i32.trunc_f64_u (result as int32 bit pattern). */
function truncToI32U(x: number): number {
  if (x > -1 && x < TWO_POW_32) return x | 0;
  throw truncTrap(x);
}

// --- trapping, to i64 (Math.trunc first: BigInt() rejects non-integers) ---

/** i64.trunc_f32_s / i64.trunc_f64_s. */
function truncToI64S(x: number): bigint {
  if (x >= -TWO_POW_63 && x < TWO_POW_63) return BigInt(Math.trunc(x));
  throw truncTrap(x);
}

/** i64.trunc_f32_u / i64.trunc_f64_u (result as signed 64-bit pattern). */
function truncToI64U(x: number): bigint {
  if (x > -1 && x < TWO_POW_64) return BigInt.asIntN(64, BigInt(Math.trunc(x)));
  throw truncTrap(x);
}

// --- saturating: NaN -> 0, below range -> min, above range -> max ---

/** i32.trunc_sat_f32_s / i32.trunc_sat_f64_s. */
function truncSatToI32S(x: number): number {
  if (x > -TWO_POW_31 - 1 && x < TWO_POW_31) return x | 0;
  if (x !== x) return 0;
  return x < 0 ? -2147483648 : 2147483647;
}

/** i32.trunc_sat_f32_u / i32.trunc_sat_f64_u (max 2^32 - 1 is the pattern -1). */
function truncSatToI32U(x: number): number {
  if (x > -1 && x < TWO_POW_32) return x | 0;
  if (x !== x) return 0;
  return x < 0 ? 0 : -1;
}

/** i64.trunc_sat_f32_s / i64.trunc_sat_f64_s. */
function truncSatToI64S(x: number): bigint {
  if (x >= -TWO_POW_63 && x < TWO_POW_63) return BigInt(Math.trunc(x));
  if (x !== x) return 0n;
  return x < 0 ? INT64_MIN : INT64_MAX;
}

/** i64.trunc_sat_f32_u / i64.trunc_sat_f64_u (max 2^64 - 1 is the pattern -1n). */
function truncSatToI64U(x: number): bigint {
  if (x > -1 && x < TWO_POW_64) return BigInt.asIntN(64, BigInt(Math.trunc(x)));
  if (x !== x) return 0n;
  return x < 0 ? 0n : -1n;
}

export const i32TruncF32S: (x: number) => number = truncToI32S;
export const i32TruncF64S: (x: number) => number = truncToI32S;
export const i32TruncF32U: (x: number) => number = truncToI32U;
export const i32TruncF64U: (x: number) => number = truncToI32U;
export const i64TruncF32S: (x: number) => bigint = truncToI64S;
export const i64TruncF64S: (x: number) => bigint = truncToI64S;
export const i64TruncF32U: (x: number) => bigint = truncToI64U;
export const i64TruncF64U: (x: number) => bigint = truncToI64U;

export const i32TruncSatF32S: (x: number) => number = truncSatToI32S;
export const i32TruncSatF64S: (x: number) => number = truncSatToI32S;
export const i32TruncSatF32U: (x: number) => number = truncSatToI32U;
export const i32TruncSatF64U: (x: number) => number = truncSatToI32U;
export const i64TruncSatF32S: (x: number) => bigint = truncSatToI64S;
export const i64TruncSatF64S: (x: number) => bigint = truncSatToI64S;
export const i64TruncSatF32U: (x: number) => bigint = truncSatToI64U;
export const i64TruncSatF64U: (x: number) => bigint = truncSatToI64U;
