/**
 * i32x4 integer lane arithmetic (WebAssembly 2.0, sections 4.3.2 and 4.4.3): extadd_pairwise from
 * i16x8, abs, neg, all_true, bitmask, extend_low/high from i16x8, shifts, add, sub, mul, min/max,
 * dot_i16x8_s, extmul from i16x8.
 *
 * Lane indices below are i32 indices (4 per slot); operand b is the slot after a, i.e. `a + 4`.
 * `| 0` and Math.imul give the wrapping 32-bit results the spec defines.
 */

import type { StackViews } from '../stack.js';
import { unreachableSub } from './invalid.js';
import { saveA, saveB, scratchI16, scratchU16 } from './scratch.js';

export function execI32x4(sub: number, s: StackViews, sp: number): number {
  const i32 = s.i32;
  const u32 = s.u32;
  switch (sub) {
    case 0x7e: {
      // i32x4.extadd_pairwise_i16x8_s
      const a = sp - 1;
      saveA(s, a);
      const base = a << 2;
      for (let i = 0; i < 4; i++) i32[base + i] = scratchI16[2 * i] + scratchI16[2 * i + 1];
      return sp;
    }
    case 0x7f: {
      // i32x4.extadd_pairwise_i16x8_u
      const a = sp - 1;
      saveA(s, a);
      const base = a << 2;
      for (let i = 0; i < 4; i++) i32[base + i] = scratchU16[2 * i] + scratchU16[2 * i + 1];
      return sp;
    }
    case 0xa0: {
      // i32x4.abs (abs of -2^31 wraps to -2^31)
      const a = (sp - 1) << 2;
      for (let i = 0; i < 4; i++) {
        const x = i32[a + i];
        i32[a + i] = x < 0 ? -x | 0 : x;
      }
      return sp;
    }
    case 0xa1: {
      // i32x4.neg
      const a = (sp - 1) << 2;
      for (let i = 0; i < 4; i++) i32[a + i] = -i32[a + i] | 0;
      return sp;
    }
    case 0xa3: {
      // i32x4.all_true
      const a = (sp - 1) << 2;
      i32[a] = i32[a] !== 0 && i32[a + 1] !== 0 && i32[a + 2] !== 0 && i32[a + 3] !== 0 ? 1 : 0;
      return sp;
    }
    case 0xa4: {
      // i32x4.bitmask
      const a = (sp - 1) << 2;
      i32[a] = (u32[a] >>> 31) | ((u32[a + 1] >>> 31) << 1) | ((u32[a + 2] >>> 31) << 2) | ((u32[a + 3] >>> 31) << 3);
      return sp;
    }
    case 0xa7: // i32x4.extend_low_i16x8_s
    case 0xa8: {
      // i32x4.extend_high_i16x8_s
      const a = sp - 1;
      saveA(s, a);
      const from = sub === 0xa7 ? 0 : 4;
      const base = a << 2;
      for (let i = 0; i < 4; i++) i32[base + i] = scratchI16[from + i];
      return sp;
    }
    case 0xa9: // i32x4.extend_low_i16x8_u
    case 0xaa: {
      // i32x4.extend_high_i16x8_u
      const a = sp - 1;
      saveA(s, a);
      const from = sub === 0xa9 ? 0 : 4;
      const base = a << 2;
      for (let i = 0; i < 4; i++) i32[base + i] = scratchU16[from + i];
      return sp;
    }
    case 0xab: {
      // i32x4.shl: count modulo 32 (JS shifts use the low 5 bits already; the mask documents it)
      const a = (sp - 2) << 2;
      const c = i32[(sp - 1) << 2] & 31;
      for (let i = 0; i < 4; i++) i32[a + i] = i32[a + i] << c;
      return sp - 1;
    }
    case 0xac: {
      // i32x4.shr_s
      const a = (sp - 2) << 2;
      const c = i32[(sp - 1) << 2] & 31;
      for (let i = 0; i < 4; i++) i32[a + i] = i32[a + i] >> c;
      return sp - 1;
    }
    case 0xad: {
      // i32x4.shr_u
      const a = (sp - 2) << 2;
      const c = i32[(sp - 1) << 2] & 31;
      for (let i = 0; i < 4; i++) u32[a + i] = u32[a + i] >>> c;
      return sp - 1;
    }
    case 0xae: {
      // i32x4.add
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) i32[a + i] = (i32[a + i] + i32[a + 4 + i]) | 0;
      return sp - 1;
    }
    case 0xb1: {
      // i32x4.sub
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) i32[a + i] = (i32[a + i] - i32[a + 4 + i]) | 0;
      return sp - 1;
    }
    case 0xb5: {
      // i32x4.mul
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) i32[a + i] = Math.imul(i32[a + i], i32[a + 4 + i]);
      return sp - 1;
    }
    case 0xb6: {
      // i32x4.min_s
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) if (i32[a + 4 + i] < i32[a + i]) i32[a + i] = i32[a + 4 + i];
      return sp - 1;
    }
    case 0xb7: {
      // i32x4.min_u
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) if (u32[a + 4 + i] < u32[a + i]) u32[a + i] = u32[a + 4 + i];
      return sp - 1;
    }
    case 0xb8: {
      // i32x4.max_s
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) if (i32[a + 4 + i] > i32[a + i]) i32[a + i] = i32[a + 4 + i];
      return sp - 1;
    }
    case 0xb9: {
      // i32x4.max_u
      const a = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) if (u32[a + 4 + i] > u32[a + i]) u32[a + i] = u32[a + 4 + i];
      return sp - 1;
    }
    case 0xba: {
      // i32x4.dot_i16x8_s: sums of adjacent signed products, wrapping (only
      // -32768*-32768 twice overflows, to -2^31). Each product is exact (|p| <= 2^30).
      const a = sp - 2;
      saveA(s, a);
      saveB(s, sp - 1);
      const base = a << 2;
      for (let i = 0; i < 4; i++) {
        const p0 = scratchI16[2 * i] * scratchI16[8 + 2 * i];
        const p1 = scratchI16[2 * i + 1] * scratchI16[8 + 2 * i + 1];
        i32[base + i] = (p0 + p1) | 0;
      }
      return sp - 1;
    }
    case 0xbc: // i32x4.extmul_low_i16x8_s
    case 0xbd: {
      // i32x4.extmul_high_i16x8_s: exact products (|p| <= 2^30).
      const a = sp - 2;
      saveA(s, a);
      saveB(s, sp - 1);
      const from = sub === 0xbc ? 0 : 4;
      const base = a << 2;
      for (let i = 0; i < 4; i++) i32[base + i] = scratchI16[from + i] * scratchI16[8 + from + i];
      return sp - 1;
    }
    case 0xbe: // i32x4.extmul_low_i16x8_u
    case 0xbf: {
      // i32x4.extmul_high_i16x8_u: exact products below 2^32, stored as their 32 bits.
      const a = sp - 2;
      saveA(s, a);
      saveB(s, sp - 1);
      const from = sub === 0xbe ? 0 : 4;
      const base = a << 2;
      for (let i = 0; i < 4; i++) u32[base + i] = scratchU16[from + i] * scratchU16[8 + from + i];
      return sp - 1;
    }
    default:
      return unreachableSub(sub);
  }
}
