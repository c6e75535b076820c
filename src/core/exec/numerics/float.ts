/**
 * The float operators of WebAssembly 2.0 whose JS counterpart differs from the spec (section 4.3.3,
 * "Floating-Point Operations"). Values are JS numbers; the same functions serve f32 and f64 because
 * each result is one of the inputs or an integer of no larger magnitude, so it is exact in f32 when the
 * inputs are (the caller applies Math.fround for f32 anyway).
 *
 * NaN results are the JS `NaN` constant, which is the canonical quiet NaN: a NaN input's payload is
 * never passed through (an input signalling NaN must not come out unquieted; a canonical NaN is both
 * a canonical and an arithmetic NaN, so it satisfies every NaN result rule of the spec).
 */

/** 2^52: from here on every f64 is an integer; adding it to a smaller magnitude rounds at the units. */
const TWO_POW_52 = 4503599627370496;

/**
 * fmin: NaN if either operand is NaN, otherwise the smaller, with -0 below +0. Math.min orders the
 * zeros that way already (ECMAScript Math.min); the explicit NaN test keeps the result canonical.
 */
export function fMin(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return Math.min(a, b);
}

/** fmax: NaN if either operand is NaN, otherwise the larger, with +0 above -0. */
export function fMax(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  return Math.max(a, b);
}

/**
 * fnearest: round to the nearest integer, ties to even, keeping the sign (so nearest(-0.5) = -0).
 * For 0 < |x| < 2^52, |x| + 2^52 is rounded by IEEE 754 round-to-nearest-even exactly at the units,
 * and subtracting 2^52 again is exact; the sign is put back afterwards, which also turns a zero
 * result of a negative input into -0. Zeros, infinities and |x| >= 2^52 are already integral.
 */
export function fNearest(x: number): number {
  if (x > 0) return x < TWO_POW_52 ? x + TWO_POW_52 - TWO_POW_52 : x;
  if (x < 0) return x > -TWO_POW_52 ? -(-x + TWO_POW_52 - TWO_POW_52) : x;
  if (x === 0) return x;
  return NaN;
}
