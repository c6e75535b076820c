/**
 * Scalar helpers shared by the float lane instructions (WebAssembly 2.0, section 4.3.3).
 *
 * NaN policy: every arithmetic result that is NaN is written as the canonical quiet NaN (positive
 * sign, payload 1 followed by zeros). The spec allows, for a NaN result, any canonical NaN or (when an
 * operand is a non-canonical NaN) any arithmetic NaN; the canonical NaN satisfies both rules, and
 * writing it explicitly avoids passing a signalling NaN payload through a JS number.
 */

import type { StackViews } from '../stack.js';

/** Bit pattern of the canonical f32 NaN (0x7FC00000). */
export const CANONICAL_NAN_F32 = 0x7fc00000;
/** High word of the canonical f64 NaN (0x7FF8000000000000); its low word is 0. */
export const CANONICAL_NAN_F64_HI = 0x7ff80000;

/** fmin: NaN if either operand is NaN, else the smaller, with -0 below +0 (as Math.min orders). */
export function fmin(a: number, b: number): number {
  return a !== a || b !== b ? NaN : Math.min(a, b);
}

/** fmax: NaN if either operand is NaN, else the larger, with +0 above -0. */
export function fmax(a: number, b: number): number {
  return a !== a || b !== b ? NaN : Math.max(a, b);
}

/**
 * fnearest: round to the nearest integer, ties to even, keeping the sign of zero (so -0.5 gives -0).
 * Math.round rounds ties upwards; a tie (r - x === 0.5) that landed on an odd r is moved down by one.
 * r - x is exact: for |x| < 2^52 both are close multiples of x's unit in the last place, and from
 * 2^52 on every double is an integer, so r === x.
 */
export function fnearest(x: number): number {
  if (x !== x) return NaN;
  let r = Math.round(x);
  if (r - x === 0.5 && r % 2 !== 0) r -= 1;
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

/** Writes an f32 result into lane `index` of the f32 view, a NaN as the canonical NaN. */
export function storeF32(s: StackViews, index: number, r: number): void {
  if (r !== r) s.i32[index] = CANONICAL_NAN_F32;
  else s.f32[index] = r;
}

/** Writes an f64 result into lane `index` of the f64 view, a NaN as the canonical NaN. */
export function storeF64(s: StackViews, index: number, r: number): void {
  if (r !== r) {
    s.i32[index << 1] = 0;
    s.i32[(index << 1) + 1] = CANONICAL_NAN_F64_HI;
  } else {
    s.f64[index] = r;
  }
}
