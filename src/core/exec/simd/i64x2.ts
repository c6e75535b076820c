/**
 * i64x2 integer lane arithmetic (WebAssembly 2.0, sections 4.3.2 and 4.4.3): abs, neg, all_true,
 * bitmask, extend_low/high from i32x4, shifts, add, sub, mul, the signed comparisons eq ne lt_s gt_s
 * le_s ge_s, extmul from i32x4.
 *
 * A 64-bit lane is handled as two 32-bit words (low word first, as the bytes are little-endian)
 * with explicit carries, so no BigInt is allocated per instruction. Word indices: lane L of the slot
 * whose first word is `w` has its low word at `w + 2L` and its high word at `w + 2L + 1`.
 */

import type { StackViews } from '../stack.js';
import { unreachableSub } from './invalid.js';

export function execI64x2(sub: number, s: StackViews, sp: number): number {
  const i32 = s.i32;
  const u32 = s.u32;
  switch (sub) {
    case 0xc0: {
      // i64x2.abs (abs of -2^63 wraps to -2^63)
      const w = (sp - 1) << 2;
      if (i32[w + 1] < 0) negate(i32, w);
      if (i32[w + 3] < 0) negate(i32, w + 2);
      return sp;
    }
    case 0xc1: {
      // i64x2.neg
      const w = (sp - 1) << 2;
      negate(i32, w);
      negate(i32, w + 2);
      return sp;
    }
    case 0xc3: {
      // i64x2.all_true
      const w = (sp - 1) << 2;
      i32[w] = (i32[w] | i32[w + 1]) !== 0 && (i32[w + 2] | i32[w + 3]) !== 0 ? 1 : 0;
      return sp;
    }
    case 0xc4: {
      // i64x2.bitmask: the sign bits are the top bits of the high words.
      const w = (sp - 1) << 2;
      i32[w] = (u32[w + 1] >>> 31) | ((u32[w + 3] >>> 31) << 1);
      return sp;
    }
    case 0xc7: // i64x2.extend_low_i32x4_s
    case 0xc8: {
      // i64x2.extend_high_i32x4_s
      const w = (sp - 1) << 2;
      const from = w + (sub === 0xc7 ? 0 : 2);
      const x0 = i32[from];
      const x1 = i32[from + 1];
      i32[w] = x0;
      i32[w + 1] = x0 >> 31;
      i32[w + 2] = x1;
      i32[w + 3] = x1 >> 31;
      return sp;
    }
    case 0xc9: // i64x2.extend_low_i32x4_u
    case 0xca: {
      // i64x2.extend_high_i32x4_u
      const w = (sp - 1) << 2;
      const from = w + (sub === 0xc9 ? 0 : 2);
      const x0 = i32[from];
      const x1 = i32[from + 1];
      i32[w] = x0;
      i32[w + 1] = 0;
      i32[w + 2] = x1;
      i32[w + 3] = 0;
      return sp;
    }
    case 0xcb: {
      // i64x2.shl: count modulo 64
      const w = (sp - 2) << 2;
      const c = i32[(sp - 1) << 2] & 63;
      shiftLeft(i32, w, c);
      shiftLeft(i32, w + 2, c);
      return sp - 1;
    }
    case 0xcc: {
      // i64x2.shr_s
      const w = (sp - 2) << 2;
      const c = i32[(sp - 1) << 2] & 63;
      shiftRightSigned(i32, w, c);
      shiftRightSigned(i32, w + 2, c);
      return sp - 1;
    }
    case 0xcd: {
      // i64x2.shr_u
      const w = (sp - 2) << 2;
      const c = i32[(sp - 1) << 2] & 63;
      shiftRightUnsigned(i32, w, c);
      shiftRightUnsigned(i32, w + 2, c);
      return sp - 1;
    }
    case 0xce: {
      // i64x2.add: low words as unsigned numbers, their sum (< 2^33) gives the carry.
      const w = (sp - 2) << 2;
      for (let l = 0; l < 4; l += 2) {
        const lo = u32[w + l] + u32[w + 4 + l];
        i32[w + l + 1] = (i32[w + l + 1] + i32[w + 5 + l] + (lo > 0xffffffff ? 1 : 0)) | 0;
        u32[w + l] = lo;
      }
      return sp - 1;
    }
    case 0xd1: {
      // i64x2.sub: a negative low difference borrows one from the high word.
      const w = (sp - 2) << 2;
      for (let l = 0; l < 4; l += 2) {
        const lo = u32[w + l] - u32[w + 4 + l];
        i32[w + l + 1] = (i32[w + l + 1] - i32[w + 5 + l] - (lo < 0 ? 1 : 0)) | 0;
        u32[w + l] = lo;
      }
      return sp - 1;
    }
    case 0xd5: {
      // i64x2.mul: low 64 bits of the product
      // = alo*blo (full 64-bit) + 2^32 * (alo*bhi + ahi*blo) (low 32 bits of each).
      const w = (sp - 2) << 2;
      for (let l = 0; l < 4; l += 2) {
        const alo = i32[w + l];
        const ahi = i32[w + l + 1];
        const blo = i32[w + 4 + l];
        const bhi = i32[w + 5 + l];
        mulWideUnsigned(i32, w + l, alo >>> 0, blo >>> 0);
        i32[w + l + 1] = (i32[w + l + 1] + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
      }
      return sp - 1;
    }
    case 0xd6: // i64x2.eq
    case 0xd7: // i64x2.ne
    case 0xd8: // i64x2.lt_s
    case 0xd9: // i64x2.gt_s
    case 0xda: // i64x2.le_s
    case 0xdb: {
      // i64x2.ge_s
      const w = (sp - 2) << 2;
      for (let l = 0; l < 4; l += 2) {
        const c = compareSigned(i32, u32, w + l, w + 4 + l);
        const m = relationHolds(sub, c) ? -1 : 0;
        i32[w + l] = m;
        i32[w + l + 1] = m;
      }
      return sp - 1;
    }
    case 0xdc: // i64x2.extmul_low_i32x4_s
    case 0xdd: {
      // i64x2.extmul_high_i32x4_s
      const w = (sp - 2) << 2;
      const from = sub === 0xdc ? 0 : 2;
      const a0 = i32[w + from];
      const a1 = i32[w + from + 1];
      const b0 = i32[w + 4 + from];
      const b1 = i32[w + 5 + from];
      mulWideSigned(i32, w, a0, b0);
      mulWideSigned(i32, w + 2, a1, b1);
      return sp - 1;
    }
    case 0xde: // i64x2.extmul_low_i32x4_u
    case 0xdf: {
      // i64x2.extmul_high_i32x4_u
      const w = (sp - 2) << 2;
      const from = sub === 0xde ? 0 : 2;
      const a0 = u32[w + from];
      const a1 = u32[w + from + 1];
      const b0 = u32[w + 4 + from];
      const b1 = u32[w + 5 + from];
      mulWideUnsigned(i32, w, a0, b0);
      mulWideUnsigned(i32, w + 2, a1, b1);
      return sp - 1;
    }
    default:
      return unreachableSub(sub);
  }
}

/** Two's complement negation of the 64-bit lane at words (o, o+1): ~x + 1. */
function negate(r: Int32Array, o: number): void {
  const lo = r[o];
  r[o + 1] = (~r[o + 1] + (lo === 0 ? 1 : 0)) | 0;
  r[o] = -lo | 0;
}

function shiftLeft(r: Int32Array, o: number, c: number): void {
  if (c === 0) return;
  const lo = r[o];
  const hi = r[o + 1];
  if (c < 32) {
    r[o + 1] = (hi << c) | (lo >>> (32 - c));
    r[o] = lo << c;
  } else {
    r[o + 1] = lo << (c - 32);
    r[o] = 0;
  }
}

function shiftRightSigned(r: Int32Array, o: number, c: number): void {
  if (c === 0) return;
  const lo = r[o];
  const hi = r[o + 1];
  if (c < 32) {
    r[o] = (lo >>> c) | (hi << (32 - c));
    r[o + 1] = hi >> c;
  } else {
    r[o] = hi >> (c - 32);
    r[o + 1] = hi >> 31;
  }
}

function shiftRightUnsigned(r: Int32Array, o: number, c: number): void {
  if (c === 0) return;
  const lo = r[o];
  const hi = r[o + 1];
  if (c < 32) {
    r[o] = (lo >>> c) | (hi << (32 - c));
    r[o + 1] = hi >>> c;
  } else {
    r[o] = hi >>> (c - 32);
    r[o + 1] = 0;
  }
}

/**
 * The full 64-bit product of two unsigned 32-bit numbers, into words (o, o+1). Split into 16-bit
 * halves so every partial product and sum stays below 2^53 (exact in a JS number).
 */
function mulWideUnsigned(r: Int32Array, o: number, a: number, b: number): void {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  r[o] = (mid << 16) | (p00 & 0xffff);
  r[o + 1] = (p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
}

/**
 * The full 64-bit product of two signed 32-bit numbers: the unsigned product of their bit patterns,
 * corrected in the high word (a negative operand x stands for x + 2^32, which adds 2^32 * other).
 */
function mulWideSigned(r: Int32Array, o: number, a: number, b: number): void {
  mulWideUnsigned(r, o, a >>> 0, b >>> 0);
  r[o + 1] = (r[o + 1] - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
}

/** Signed comparison of the 64-bit lanes at words x and y: -1, 0 or 1. */
function compareSigned(i32: Int32Array, u32: Uint32Array, x: number, y: number): number {
  const xh = i32[x + 1];
  const yh = i32[y + 1];
  if (xh !== yh) return xh < yh ? -1 : 1;
  const xl = u32[x];
  const yl = u32[y];
  return xl === yl ? 0 : xl < yl ? -1 : 1;
}

function relationHolds(sub: number, c: number): boolean {
  switch (sub) {
    case 0xd6:
      return c === 0;
    case 0xd7:
      return c !== 0;
    case 0xd8:
      return c < 0;
    case 0xd9:
      return c > 0;
    case 0xda:
      return c <= 0;
    default:
      return c >= 0;
  }
}
