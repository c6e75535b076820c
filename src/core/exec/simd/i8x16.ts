/**
 * i8x16 integer lane arithmetic (WebAssembly 2.0, sections 4.3.2 and 4.4.3): abs, neg, popcnt,
 * all_true, bitmask, narrow_i16x8_s/u, shl/shr_s/shr_u, add/sub (wrapping and saturating),
 * min/max (signed and unsigned), avgr_u.
 *
 * Wrapping comes from the typed-array store (it keeps the low 8 bits); signed and unsigned readings
 * of a lane use the Int8Array and Uint8Array views of the same bytes.
 */

import type { StackViews } from '../stack.js';
import { unreachableSub } from './invalid.js';
import { saveA, saveB, scratchI16 } from './scratch.js';

/** Population count of every byte value. */
const POPCNT8 = new Uint8Array(256);
for (let v = 1; v < 256; v++) POPCNT8[v] = (v & 1) + POPCNT8[v >> 1];

export function execI8x16(sub: number, s: StackViews, sp: number): number {
  const i8 = s.i8;
  const u8 = s.u8;
  switch (sub) {
    case 0x60: {
      // i8x16.abs (abs of -128 wraps to -128)
      const a = (sp - 1) << 4;
      for (let i = 0; i < 16; i++) {
        const x = i8[a + i];
        i8[a + i] = x < 0 ? -x : x;
      }
      return sp;
    }
    case 0x61: {
      // i8x16.neg
      const a = (sp - 1) << 4;
      for (let i = 0; i < 16; i++) i8[a + i] = -i8[a + i];
      return sp;
    }
    case 0x62: {
      // i8x16.popcnt
      const a = (sp - 1) << 4;
      for (let i = 0; i < 16; i++) u8[a + i] = POPCNT8[u8[a + i]];
      return sp;
    }
    case 0x63: {
      // i8x16.all_true
      const a = (sp - 1) << 4;
      let all = 1;
      for (let i = 0; i < 16; i++) if (u8[a + i] === 0) all = 0;
      s.i32[(sp - 1) << 2] = all;
      return sp;
    }
    case 0x64: {
      // i8x16.bitmask: bit i = sign bit of lane i.
      const a = (sp - 1) << 4;
      let m = 0;
      for (let i = 0; i < 16; i++) m |= (u8[a + i] >>> 7) << i;
      s.i32[(sp - 1) << 2] = m;
      return sp;
    }
    case 0x65: {
      // i8x16.narrow_i16x8_s: lanes 0..7 from a, 8..15 from b, each saturated to [-128, 127].
      const a = sp - 2;
      saveA(s, a);
      saveB(s, sp - 1);
      const base = a << 4;
      for (let i = 0; i < 16; i++) {
        const x = scratchI16[i];
        i8[base + i] = x < -128 ? -128 : x > 127 ? 127 : x;
      }
      return sp - 1;
    }
    case 0x66: {
      // i8x16.narrow_i16x8_u: the signed i16 lanes saturated to [0, 255].
      const a = sp - 2;
      saveA(s, a);
      saveB(s, sp - 1);
      const base = a << 4;
      for (let i = 0; i < 16; i++) {
        const x = scratchI16[i];
        u8[base + i] = x < 0 ? 0 : x > 255 ? 255 : x;
      }
      return sp - 1;
    }
    case 0x6b: {
      // i8x16.shl: count modulo 8
      const a = (sp - 2) << 4;
      const c = s.i32[(sp - 1) << 2] & 7;
      for (let i = 0; i < 16; i++) u8[a + i] = u8[a + i] << c;
      return sp - 1;
    }
    case 0x6c: {
      // i8x16.shr_s
      const a = (sp - 2) << 4;
      const c = s.i32[(sp - 1) << 2] & 7;
      for (let i = 0; i < 16; i++) i8[a + i] = i8[a + i] >> c;
      return sp - 1;
    }
    case 0x6d: {
      // i8x16.shr_u
      const a = (sp - 2) << 4;
      const c = s.i32[(sp - 1) << 2] & 7;
      for (let i = 0; i < 16; i++) u8[a + i] = u8[a + i] >>> c;
      return sp - 1;
    }
    case 0x6e: {
      // i8x16.add
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) u8[a + i] = u8[a + i] + u8[a + 16 + i];
      return sp - 1;
    }
    case 0x6f: {
      // i8x16.add_sat_s
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) {
        const r = i8[a + i] + i8[a + 16 + i];
        i8[a + i] = r < -128 ? -128 : r > 127 ? 127 : r;
      }
      return sp - 1;
    }
    case 0x70: {
      // i8x16.add_sat_u
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) {
        const r = u8[a + i] + u8[a + 16 + i];
        u8[a + i] = r > 255 ? 255 : r;
      }
      return sp - 1;
    }
    case 0x71: {
      // i8x16.sub
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) u8[a + i] = u8[a + i] - u8[a + 16 + i];
      return sp - 1;
    }
    case 0x72: {
      // i8x16.sub_sat_s
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) {
        const r = i8[a + i] - i8[a + 16 + i];
        i8[a + i] = r < -128 ? -128 : r > 127 ? 127 : r;
      }
      return sp - 1;
    }
    case 0x73: {
      // i8x16.sub_sat_u
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) {
        const r = u8[a + i] - u8[a + 16 + i];
        u8[a + i] = r < 0 ? 0 : r;
      }
      return sp - 1;
    }
    case 0x76: {
      // i8x16.min_s
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) if (i8[a + 16 + i] < i8[a + i]) i8[a + i] = i8[a + 16 + i];
      return sp - 1;
    }
    case 0x77: {
      // i8x16.min_u
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) if (u8[a + 16 + i] < u8[a + i]) u8[a + i] = u8[a + 16 + i];
      return sp - 1;
    }
    case 0x78: {
      // i8x16.max_s
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) if (i8[a + 16 + i] > i8[a + i]) i8[a + i] = i8[a + 16 + i];
      return sp - 1;
    }
    case 0x79: {
      // i8x16.max_u
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) if (u8[a + 16 + i] > u8[a + i]) u8[a + i] = u8[a + 16 + i];
      return sp - 1;
    }
    case 0x7b: {
      // i8x16.avgr_u: (a + b + 1) / 2 rounded down, computed without overflow in JS numbers.
      const a = (sp - 2) << 4;
      for (let i = 0; i < 16; i++) u8[a + i] = (u8[a + i] + u8[a + 16 + i] + 1) >>> 1;
      return sp - 1;
    }
    default:
      return unreachableSub(sub);
  }
}
