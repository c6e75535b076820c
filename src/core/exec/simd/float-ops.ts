/**
 * Scalar helpers shared by the float lane instructions (WebAssembly 2.0, section 4.3.3).
 *
 * NaN policy: every arithmetic result that is NaN is written as the canonical quiet NaN (positive
 * sign, payload 1 followed by zeros). The spec allows, for a NaN result, any canonical NaN or (when an
 * operand is a non-canonical NaN) any arithmetic NaN; the canonical NaN satisfies both rules, and
 * writing it explicitly avoids passing a signalling NaN payload through a JS number.
 */

import type { StackViews } from '../stack.js';

// The lane operators use the scalar definitions, so scalar and vector float semantics cannot drift apart.
export { fMin as fmin, fMax as fmax, fNearest as fnearest } from '../numerics/float.js';

/** Bit pattern of the canonical f32 NaN (0x7FC00000). */
export const CANONICAL_NAN_F32 = 0x7fc00000;
/** High word of the canonical f64 NaN (0x7FF8000000000000); its low word is 0. */
export const CANONICAL_NAN_F64_HI = 0x7ff80000;

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
