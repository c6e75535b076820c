/**
 * f32x4 and f64x2 lane arithmetic (WebAssembly 2.0, sections 4.3.3 and 4.4.3): abs, neg, sqrt, add,
 * sub, mul, div, min, max, pmin, pmax, and the roundings ceil, floor, trunc, nearest.
 *
 * - f32 results are computed in double precision and rounded once to single by the Float32Array
 *   store; for +, -, *, / and sqrt that double rounding is provably the correctly rounded result,
 *   since 53 >= 2 * 24 + 2. The roundings produce integers of no larger magnitude, exact in f32.
 * - abs and neg work on the sign bit alone (the spec defines them on bits, NaNs included).
 * - pmin/pmax are selections (`b < a ? b : a`, `a < b ? b : a`) that copy the chosen operand's bits.
 * - every other NaN result is the canonical NaN (see float-ops.ts).
 */

import type { StackViews } from '../stack.js';
import { fmax, fmin, fnearest, storeF32, storeF64 } from './float-ops.js';
import { unreachableSub } from './invalid.js';

export function execFloat(sub: number, s: StackViews, sp: number): number {
  switch (sub) {
    case 0x67: // f32x4.ceil
    case 0x68: // f32x4.floor
    case 0x69: // f32x4.trunc
    case 0x6a: // f32x4.nearest
    case 0xe3: // f32x4.sqrt
      f32Unary(sub, s, (sp - 1) << 2);
      return sp;
    case 0x74: // f64x2.ceil
    case 0x75: // f64x2.floor
    case 0x7a: // f64x2.trunc
    case 0x94: // f64x2.nearest
    case 0xef: // f64x2.sqrt
      f64Unary(sub, s, (sp - 1) << 1);
      return sp;
    case 0xe0: {
      // f32x4.abs: clear the sign bits
      const w = (sp - 1) << 2;
      for (let i = 0; i < 4; i++) s.i32[w + i] = s.i32[w + i] & 0x7fffffff;
      return sp;
    }
    case 0xe1: {
      // f32x4.neg: flip the sign bits
      const w = (sp - 1) << 2;
      for (let i = 0; i < 4; i++) s.i32[w + i] = s.i32[w + i] ^ 0x80000000;
      return sp;
    }
    case 0xec: {
      // f64x2.abs: clear the sign bit in each high word
      const w = (sp - 1) << 2;
      s.i32[w + 1] = s.i32[w + 1] & 0x7fffffff;
      s.i32[w + 3] = s.i32[w + 3] & 0x7fffffff;
      return sp;
    }
    case 0xed: {
      // f64x2.neg: flip the sign bit in each high word
      const w = (sp - 1) << 2;
      s.i32[w + 1] = s.i32[w + 1] ^ 0x80000000;
      s.i32[w + 3] = s.i32[w + 3] ^ 0x80000000;
      return sp;
    }
    case 0xe4: // f32x4.add
    case 0xe5: // f32x4.sub
    case 0xe6: // f32x4.mul
    case 0xe7: // f32x4.div
    case 0xe8: // f32x4.min
    case 0xe9: // f32x4.max
      f32Binary(sub - 0xe4, s, (sp - 2) << 2);
      return sp - 1;
    case 0xf0: // f64x2.add
    case 0xf1: // f64x2.sub
    case 0xf2: // f64x2.mul
    case 0xf3: // f64x2.div
    case 0xf4: // f64x2.min
    case 0xf5: // f64x2.max
      f64Binary(sub - 0xf0, s, (sp - 2) << 1);
      return sp - 1;
    case 0xea: {
      // f32x4.pmin: b < a ? b : a, as a bit copy
      const w = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) if (s.f32[w + 4 + i] < s.f32[w + i]) s.i32[w + i] = s.i32[w + 4 + i];
      return sp - 1;
    }
    case 0xeb: {
      // f32x4.pmax: a < b ? b : a, as a bit copy
      const w = (sp - 2) << 2;
      for (let i = 0; i < 4; i++) if (s.f32[w + i] < s.f32[w + 4 + i]) s.i32[w + i] = s.i32[w + 4 + i];
      return sp - 1;
    }
    case 0xf6: {
      // f64x2.pmin
      const f = (sp - 2) << 1;
      for (let i = 0; i < 2; i++) if (s.f64[f + 2 + i] < s.f64[f + i]) copyF64Bits(s.i32, (f + i) << 1, (f + 2 + i) << 1);
      return sp - 1;
    }
    case 0xf7: {
      // f64x2.pmax
      const f = (sp - 2) << 1;
      for (let i = 0; i < 2; i++) if (s.f64[f + i] < s.f64[f + 2 + i]) copyF64Bits(s.i32, (f + i) << 1, (f + 2 + i) << 1);
      return sp - 1;
    }
    default:
      return unreachableSub(sub);
  }
}

function copyF64Bits(i32: Int32Array, to: number, from: number): void {
  i32[to] = i32[from];
  i32[to + 1] = i32[from + 1];
}

/** Unary f32 lane operation on the 4 lanes starting at f32 index `a` (one loop per operation). */
function f32Unary(sub: number, s: StackViews, a: number): void {
  const f = s.f32;
  switch (sub) {
    case 0x67:
      for (let i = a; i < a + 4; i++) storeF32(s, i, Math.ceil(f[i]));
      return;
    case 0x68:
      for (let i = a; i < a + 4; i++) storeF32(s, i, Math.floor(f[i]));
      return;
    case 0x69:
      for (let i = a; i < a + 4; i++) storeF32(s, i, Math.trunc(f[i]));
      return;
    case 0x6a:
      for (let i = a; i < a + 4; i++) storeF32(s, i, fnearest(f[i]));
      return;
    default:
      for (let i = a; i < a + 4; i++) storeF32(s, i, Math.sqrt(f[i]));
      return;
  }
}

/** Unary f64 lane operation on the 2 lanes starting at f64 index `a`. */
function f64Unary(sub: number, s: StackViews, a: number): void {
  const f = s.f64;
  switch (sub) {
    case 0x74:
      for (let i = a; i < a + 2; i++) storeF64(s, i, Math.ceil(f[i]));
      return;
    case 0x75:
      for (let i = a; i < a + 2; i++) storeF64(s, i, Math.floor(f[i]));
      return;
    case 0x7a:
      for (let i = a; i < a + 2; i++) storeF64(s, i, Math.trunc(f[i]));
      return;
    case 0x94:
      for (let i = a; i < a + 2; i++) storeF64(s, i, fnearest(f[i]));
      return;
    default:
      for (let i = a; i < a + 2; i++) storeF64(s, i, Math.sqrt(f[i]));
      return;
  }
}

/**
 * Binary f32 lane operation: lanes at f32 index `a` (first operand, overwritten) and `a + 4`.
 * `op`: 0 add, 1 sub, 2 mul, 3 div, 4 min, 5 max (sub-opcode minus 0xE4).
 */
function f32Binary(op: number, s: StackViews, a: number): void {
  const f = s.f32;
  switch (op) {
    case 0:
      for (let i = a; i < a + 4; i++) storeF32(s, i, f[i] + f[i + 4]);
      return;
    case 1:
      for (let i = a; i < a + 4; i++) storeF32(s, i, f[i] - f[i + 4]);
      return;
    case 2:
      for (let i = a; i < a + 4; i++) storeF32(s, i, f[i] * f[i + 4]);
      return;
    case 3:
      for (let i = a; i < a + 4; i++) storeF32(s, i, f[i] / f[i + 4]);
      return;
    case 4:
      for (let i = a; i < a + 4; i++) storeF32(s, i, fmin(f[i], f[i + 4]));
      return;
    default:
      for (let i = a; i < a + 4; i++) storeF32(s, i, fmax(f[i], f[i + 4]));
      return;
  }
}

/**
 * Binary f64 lane operation: lanes at f64 index `a` (first operand, overwritten) and `a + 2`.
 * `op` as for f32Binary (sub-opcode minus 0xF0).
 */
function f64Binary(op: number, s: StackViews, a: number): void {
  const f = s.f64;
  switch (op) {
    case 0:
      for (let i = a; i < a + 2; i++) storeF64(s, i, f[i] + f[i + 2]);
      return;
    case 1:
      for (let i = a; i < a + 2; i++) storeF64(s, i, f[i] - f[i + 2]);
      return;
    case 2:
      for (let i = a; i < a + 2; i++) storeF64(s, i, f[i] * f[i + 2]);
      return;
    case 3:
      for (let i = a; i < a + 2; i++) storeF64(s, i, f[i] / f[i + 2]);
      return;
    case 4:
      for (let i = a; i < a + 2; i++) storeF64(s, i, fmin(f[i], f[i + 2]));
      return;
    default:
      for (let i = a; i < a + 2; i++) storeF64(s, i, fmax(f[i], f[i + 2]));
      return;
  }
}
