/**
 * Lane construction and access (WebAssembly 2.0, section 4.4.3 "Vector Instructions"): v128.const,
 * i8x16.shuffle, i8x16.swizzle, the splats, extract_lane and replace_lane.
 *
 * Every value moves as raw bits through the integer views, never through a float view: reading a
 * float lane into a JS number may quiet a signalling NaN, and splat/extract/replace must keep every
 * bit of a NaN payload (the spec defines them on bit patterns).
 */

import type { StackViews } from '../stack.js';
import { unreachableSub } from './invalid.js';
import { saveA, saveB, scratchU8 } from './scratch.js';

export function execLanes(sub: number, s: StackViews, sp: number, code: Int32Array, ip: number): number {
  const i32 = s.i32;
  switch (sub) {
    case 0x0c: {
      // v128.const: the 16 immediate bytes as four little-endian words.
      const w = sp << 2;
      i32[w] = code[ip];
      i32[w + 1] = code[ip + 1];
      i32[w + 2] = code[ip + 2];
      i32[w + 3] = code[ip + 3];
      return sp + 1;
    }
    case 0x0d: {
      // i8x16.shuffle: lane i takes byte idx of the 32-byte concatenation a ++ b (idx < 32 is
      // checked by the validator; the mask keeps a corrupted index inside the scratch buffer).
      const a = sp - 2;
      saveA(s, a);
      saveB(s, sp - 1);
      const u8 = s.u8;
      const base = a << 4;
      for (let j = 0; j < 4; j++) {
        const w = code[ip + j];
        const o = base + (j << 2);
        u8[o] = scratchU8[w & 31];
        u8[o + 1] = scratchU8[(w >>> 8) & 31];
        u8[o + 2] = scratchU8[(w >>> 16) & 31];
        u8[o + 3] = scratchU8[(w >>> 24) & 31];
      }
      return sp - 1;
    }
    case 0x0e: {
      // i8x16.swizzle: lane i = a[b[i]] when b[i] < 16, else 0 (b read as unsigned).
      const a = sp - 2;
      saveA(s, a);
      const u8 = s.u8;
      const base = a << 4;
      const idxBase = (sp - 1) << 4;
      for (let i = 0; i < 16; i++) {
        const idx = u8[idxBase + i];
        u8[base + i] = idx < 16 ? scratchU8[idx] : 0;
      }
      return sp - 1;
    }
    case 0x0f: {
      // i8x16.splat: the low 8 bits of the i32, repeated.
      const w = (sp - 1) << 2;
      fill4(i32, w, Math.imul(i32[w] & 0xff, 0x01010101));
      return sp;
    }
    case 0x10: {
      // i16x8.splat: the low 16 bits of the i32, repeated.
      const w = (sp - 1) << 2;
      const v = i32[w] & 0xffff;
      fill4(i32, w, v | (v << 16));
      return sp;
    }
    case 0x11: // i32x4.splat
    case 0x13: {
      // f32x4.splat (bit copy)
      const w = (sp - 1) << 2;
      fill4(i32, w, i32[w]);
      return sp;
    }
    case 0x12: // i64x2.splat
    case 0x14: {
      // f64x2.splat (bit copy)
      const w = (sp - 1) << 2;
      i32[w + 2] = i32[w];
      i32[w + 3] = i32[w + 1];
      return sp;
    }
    case 0x15: {
      // i8x16.extract_lane_s
      const k = sp - 1;
      i32[k << 2] = s.i8[(k << 4) + (code[ip] & 15)];
      return sp;
    }
    case 0x16: {
      // i8x16.extract_lane_u
      const k = sp - 1;
      i32[k << 2] = s.u8[(k << 4) + (code[ip] & 15)];
      return sp;
    }
    case 0x17: {
      // i8x16.replace_lane: the byte store keeps the low 8 bits of the i32.
      const k = sp - 2;
      s.u8[(k << 4) + (code[ip] & 15)] = i32[(sp - 1) << 2];
      return sp - 1;
    }
    case 0x18: {
      // i16x8.extract_lane_s
      const k = sp - 1;
      i32[k << 2] = s.i16[(k << 3) + (code[ip] & 7)];
      return sp;
    }
    case 0x19: {
      // i16x8.extract_lane_u
      const k = sp - 1;
      i32[k << 2] = s.u16[(k << 3) + (code[ip] & 7)];
      return sp;
    }
    case 0x1a: {
      // i16x8.replace_lane: the 16-bit store keeps the low 16 bits of the i32.
      const k = sp - 2;
      s.u16[(k << 3) + (code[ip] & 7)] = i32[(sp - 1) << 2];
      return sp - 1;
    }
    case 0x1b: // i32x4.extract_lane
    case 0x1f: {
      // f32x4.extract_lane (bit copy)
      const w = (sp - 1) << 2;
      i32[w] = i32[w + (code[ip] & 3)];
      return sp;
    }
    case 0x1c: // i32x4.replace_lane
    case 0x20: {
      // f32x4.replace_lane (bit copy)
      const w = (sp - 2) << 2;
      i32[w + (code[ip] & 3)] = i32[w + 4];
      return sp - 1;
    }
    case 0x1d: // i64x2.extract_lane
    case 0x21: {
      // f64x2.extract_lane (bit copy of both words)
      const w = (sp - 1) << 2;
      const from = w + ((code[ip] & 1) << 1);
      const lo = i32[from];
      const hi = i32[from + 1];
      i32[w] = lo;
      i32[w + 1] = hi;
      return sp;
    }
    case 0x1e: // i64x2.replace_lane
    case 0x22: {
      // f64x2.replace_lane (bit copy of both words)
      const w = (sp - 2) << 2;
      const to = w + ((code[ip] & 1) << 1);
      i32[to] = i32[w + 4];
      i32[to + 1] = i32[w + 5];
      return sp - 1;
    }
    default:
      return unreachableSub(sub);
  }
}

function fill4(i32: Int32Array, w: number, v: number): void {
  i32[w] = v;
  i32[w + 1] = v;
  i32[w + 2] = v;
  i32[w + 3] = v;
}
