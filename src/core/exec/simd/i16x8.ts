/**
 * i16x8 integer lane arithmetic (WebAssembly 2.0, sections 4.3.2 and 4.4.3): extadd_pairwise from
 * i8x16, abs, neg, q15mulr_sat_s, all_true, bitmask, narrow_i32x4_s/u, extend_low/high from i8x16,
 * shifts, add/sub (wrapping and saturating), mul, min/max, avgr_u, extmul from i8x16.
 *
 * Lane indices below are i16 indices (8 per slot); operand b is the slot after a, i.e. `a + 8`.
 */

import type { StackViews } from '../stack.js';
import { unreachableSub } from './invalid.js';
import { saveA, saveB, scratchI32, scratchI8, scratchU8 } from './scratch.js';

export function execI16x8(sub: number, s: StackViews, sp: number): number {
  const i16 = s.i16;
  const u16 = s.u16;
  switch (sub) {
    case 0x7c: {
      // i16x8.extadd_pairwise_i8x16_s
      const a = sp - 1;
      saveA(s, a);
      const base = a << 3;
      for (let i = 0; i < 8; i++) i16[base + i] = scratchI8[2 * i] + scratchI8[2 * i + 1];
      return sp;
    }
    case 0x7d: {
      // i16x8.extadd_pairwise_i8x16_u
      const a = sp - 1;
      saveA(s, a);
      const base = a << 3;
      for (let i = 0; i < 8; i++) u16[base + i] = scratchU8[2 * i] + scratchU8[2 * i + 1];
      return sp;
    }
    case 0x80: {
      // i16x8.abs (abs of -32768 wraps to -32768)
      const a = (sp - 1) << 3;
      for (let i = 0; i < 8; i++) {
        const x = i16[a + i];
        i16[a + i] = x < 0 ? -x : x;
      }
      return sp;
    }
    case 0x81: {
      // i16x8.neg
      const a = (sp - 1) << 3;
      for (let i = 0; i < 8; i++) i16[a + i] = -i16[a + i];
      return sp;
    }
    case 0x82: {
      // i16x8.q15mulr_sat_s: (a*b + 2^14) >> 15, saturated; only -32768 * -32768 saturates.
      // |a*b| <= 2^30, so the int32 arithmetic below is exact.
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) {
        const r = (i16[a + i] * i16[a + 8 + i] + 0x4000) >> 15;
        i16[a + i] = r > 32767 ? 32767 : r < -32768 ? -32768 : r;
      }
      return sp - 1;
    }
    case 0x83: {
      // i16x8.all_true
      const a = (sp - 1) << 3;
      let all = 1;
      for (let i = 0; i < 8; i++) if (u16[a + i] === 0) all = 0;
      s.i32[(sp - 1) << 2] = all;
      return sp;
    }
    case 0x84: {
      // i16x8.bitmask
      const a = (sp - 1) << 3;
      let m = 0;
      for (let i = 0; i < 8; i++) m |= (u16[a + i] >>> 15) << i;
      s.i32[(sp - 1) << 2] = m;
      return sp;
    }
    case 0x85: {
      // i16x8.narrow_i32x4_s: lanes 0..3 from a, 4..7 from b, saturated to [-32768, 32767].
      const a = sp - 2;
      saveA(s, a);
      saveB(s, sp - 1);
      const base = a << 3;
      for (let i = 0; i < 8; i++) {
        const x = scratchI32[i];
        i16[base + i] = x < -32768 ? -32768 : x > 32767 ? 32767 : x;
      }
      return sp - 1;
    }
    case 0x86: {
      // i16x8.narrow_i32x4_u: the signed i32 lanes saturated to [0, 65535].
      const a = sp - 2;
      saveA(s, a);
      saveB(s, sp - 1);
      const base = a << 3;
      for (let i = 0; i < 8; i++) {
        const x = scratchI32[i];
        u16[base + i] = x < 0 ? 0 : x > 65535 ? 65535 : x;
      }
      return sp - 1;
    }
    case 0x87: // i16x8.extend_low_i8x16_s
    case 0x88: {
      // i16x8.extend_high_i8x16_s
      const a = sp - 1;
      saveA(s, a);
      const from = sub === 0x87 ? 0 : 8;
      const base = a << 3;
      for (let i = 0; i < 8; i++) i16[base + i] = scratchI8[from + i];
      return sp;
    }
    case 0x89: // i16x8.extend_low_i8x16_u
    case 0x8a: {
      // i16x8.extend_high_i8x16_u
      const a = sp - 1;
      saveA(s, a);
      const from = sub === 0x89 ? 0 : 8;
      const base = a << 3;
      for (let i = 0; i < 8; i++) u16[base + i] = scratchU8[from + i];
      return sp;
    }
    case 0x8b: {
      // i16x8.shl: count modulo 16
      const a = (sp - 2) << 3;
      const c = s.i32[(sp - 1) << 2] & 15;
      for (let i = 0; i < 8; i++) u16[a + i] = u16[a + i] << c;
      return sp - 1;
    }
    case 0x8c: {
      // i16x8.shr_s
      const a = (sp - 2) << 3;
      const c = s.i32[(sp - 1) << 2] & 15;
      for (let i = 0; i < 8; i++) i16[a + i] = i16[a + i] >> c;
      return sp - 1;
    }
    case 0x8d: {
      // i16x8.shr_u
      const a = (sp - 2) << 3;
      const c = s.i32[(sp - 1) << 2] & 15;
      for (let i = 0; i < 8; i++) u16[a + i] = u16[a + i] >>> c;
      return sp - 1;
    }
    case 0x8e: {
      // i16x8.add
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) u16[a + i] = u16[a + i] + u16[a + 8 + i];
      return sp - 1;
    }
    case 0x8f: {
      // i16x8.add_sat_s
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) {
        const r = i16[a + i] + i16[a + 8 + i];
        i16[a + i] = r < -32768 ? -32768 : r > 32767 ? 32767 : r;
      }
      return sp - 1;
    }
    case 0x90: {
      // i16x8.add_sat_u
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) {
        const r = u16[a + i] + u16[a + 8 + i];
        u16[a + i] = r > 65535 ? 65535 : r;
      }
      return sp - 1;
    }
    case 0x91: {
      // i16x8.sub
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) u16[a + i] = u16[a + i] - u16[a + 8 + i];
      return sp - 1;
    }
    case 0x92: {
      // i16x8.sub_sat_s
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) {
        const r = i16[a + i] - i16[a + 8 + i];
        i16[a + i] = r < -32768 ? -32768 : r > 32767 ? 32767 : r;
      }
      return sp - 1;
    }
    case 0x93: {
      // i16x8.sub_sat_u
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) {
        const r = u16[a + i] - u16[a + 8 + i];
        u16[a + i] = r < 0 ? 0 : r;
      }
      return sp - 1;
    }
    case 0x95: {
      // i16x8.mul: the low 16 bits of the product (Math.imul keeps the low 32).
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) u16[a + i] = Math.imul(u16[a + i], u16[a + 8 + i]);
      return sp - 1;
    }
    case 0x96: {
      // i16x8.min_s
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) if (i16[a + 8 + i] < i16[a + i]) i16[a + i] = i16[a + 8 + i];
      return sp - 1;
    }
    case 0x97: {
      // i16x8.min_u
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) if (u16[a + 8 + i] < u16[a + i]) u16[a + i] = u16[a + 8 + i];
      return sp - 1;
    }
    case 0x98: {
      // i16x8.max_s
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) if (i16[a + 8 + i] > i16[a + i]) i16[a + i] = i16[a + 8 + i];
      return sp - 1;
    }
    case 0x99: {
      // i16x8.max_u
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) if (u16[a + 8 + i] > u16[a + i]) u16[a + i] = u16[a + 8 + i];
      return sp - 1;
    }
    case 0x9b: {
      // i16x8.avgr_u
      const a = (sp - 2) << 3;
      for (let i = 0; i < 8; i++) u16[a + i] = (u16[a + i] + u16[a + 8 + i] + 1) >>> 1;
      return sp - 1;
    }
    case 0x9c: // i16x8.extmul_low_i8x16_s
    case 0x9d: {
      // i16x8.extmul_high_i8x16_s: products of the sign-extended bytes (exact in 16 bits).
      const a = sp - 2;
      saveA(s, a);
      saveB(s, sp - 1);
      const from = sub === 0x9c ? 0 : 8;
      const base = a << 3;
      for (let i = 0; i < 8; i++) i16[base + i] = scratchI8[from + i] * scratchI8[16 + from + i];
      return sp - 1;
    }
    case 0x9e: // i16x8.extmul_low_i8x16_u
    case 0x9f: {
      // i16x8.extmul_high_i8x16_u
      const a = sp - 2;
      saveA(s, a);
      saveB(s, sp - 1);
      const from = sub === 0x9e ? 0 : 8;
      const base = a << 3;
      for (let i = 0; i < 8; i++) u16[base + i] = scratchU8[from + i] * scratchU8[16 + from + i];
      return sp - 1;
    }
    default:
      return unreachableSub(sub);
  }
}
