/**
 * Lane conversions between integer and float shapes (WebAssembly 2.0, sections 4.3.3 and 4.4.3):
 * f32x4.demote_f64x2_zero, f64x2.promote_low_f32x4, i32x4.trunc_sat_f32x4_s/u,
 * f32x4.convert_i32x4_s/u, i32x4.trunc_sat_f64x2_s/u_zero, f64x2.convert_low_i32x4_s/u.
 *
 * - trunc_sat: NaN gives 0, values beyond the target range give its nearest bound, others truncate.
 * - convert: an i32 or u32 is exact as a double, so the Float32Array store (or Math.fround) rounds
 *   once, to nearest, ties to even, as the spec requires.
 * - demote rounds once from f64 to f32; promote is exact. NaN results are the canonical NaN.
 */

import type { StackViews } from '../stack.js';
import { storeF32, storeF64 } from './float-ops.js';
import { unreachableSub } from './invalid.js';

export function execConvert(sub: number, s: StackViews, sp: number): number {
  const i32 = s.i32;
  const w = (sp - 1) << 2; // first i32/f32 lane of the operand (and result) slot
  const d = (sp - 1) << 1; // first f64 lane of the same slot
  switch (sub) {
    case 0x5e: {
      // f32x4.demote_f64x2_zero: lanes 0, 1 from the two f64 lanes, lanes 2, 3 zero.
      const x0 = s.f64[d];
      const x1 = s.f64[d + 1];
      storeF32(s, w, x0);
      storeF32(s, w + 1, x1);
      i32[w + 2] = 0;
      i32[w + 3] = 0;
      return sp;
    }
    case 0x5f: {
      // f64x2.promote_low_f32x4: f32 lanes 0, 1, exactly.
      const x0 = s.f32[w];
      const x1 = s.f32[w + 1];
      storeF64(s, d, x0);
      storeF64(s, d + 1, x1);
      return sp;
    }
    case 0xf8: {
      // i32x4.trunc_sat_f32x4_s
      for (let i = 0; i < 4; i++) i32[w + i] = truncSatS32(s.f32[w + i]);
      return sp;
    }
    case 0xf9: {
      // i32x4.trunc_sat_f32x4_u
      for (let i = 0; i < 4; i++) i32[w + i] = truncSatU32(s.f32[w + i]);
      return sp;
    }
    case 0xfa: {
      // f32x4.convert_i32x4_s
      for (let i = 0; i < 4; i++) s.f32[w + i] = i32[w + i];
      return sp;
    }
    case 0xfb: {
      // f32x4.convert_i32x4_u
      for (let i = 0; i < 4; i++) s.f32[w + i] = s.u32[w + i];
      return sp;
    }
    case 0xfc: {
      // i32x4.trunc_sat_f64x2_s_zero
      const x0 = s.f64[d];
      const x1 = s.f64[d + 1];
      i32[w] = truncSatS32(x0);
      i32[w + 1] = truncSatS32(x1);
      i32[w + 2] = 0;
      i32[w + 3] = 0;
      return sp;
    }
    case 0xfd: {
      // i32x4.trunc_sat_f64x2_u_zero
      const x0 = s.f64[d];
      const x1 = s.f64[d + 1];
      i32[w] = truncSatU32(x0);
      i32[w + 1] = truncSatU32(x1);
      i32[w + 2] = 0;
      i32[w + 3] = 0;
      return sp;
    }
    case 0xfe: {
      // f64x2.convert_low_i32x4_s
      const x0 = i32[w];
      const x1 = i32[w + 1];
      s.f64[d] = x0;
      s.f64[d + 1] = x1;
      return sp;
    }
    case 0xff: {
      // f64x2.convert_low_i32x4_u
      const x0 = s.u32[w];
      const x1 = s.u32[w + 1];
      s.f64[d] = x0;
      s.f64[d + 1] = x1;
      return sp;
    }
    default:
      return unreachableSub(sub);
  }
}

/** Saturating truncation to a signed 32-bit integer (returned as an int32). */
function truncSatS32(x: number): number {
  if (x !== x) return 0;
  if (x <= -2147483648) return -2147483648;
  if (x >= 2147483647) return 2147483647;
  return Math.trunc(x) | 0;
}

/** Saturating truncation to an unsigned 32-bit integer (returned as its int32 bit pattern). */
function truncSatU32(x: number): number {
  if (x !== x || x <= 0) return 0; // (-1, 0] truncates to 0, below saturates to 0
  if (x >= 4294967295) return -1;
  return Math.trunc(x) | 0;
}
