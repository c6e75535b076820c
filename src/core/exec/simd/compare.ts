/**
 * Lane-wise comparisons (WebAssembly 2.0, section 4.3.2 irelop/frelop lifted to vectors by 4.4.3):
 * each result lane is all ones when the relation holds, else all zeros, in a lane of the operands'
 * width. i64x2 comparisons live in i64x2.ts with the other two-word lane arithmetic.
 *
 * The sub-opcodes of the integer shapes run in the same order for i8x16 (0x23), i16x8 (0x2D) and
 * i32x4 (0x37): eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u; the float shapes f32x4 (0x41) and
 * f64x2 (0x47): eq ne lt gt le ge. Float relations are the IEEE ones (false for NaN except ne).
 * Each lane of the result replaces the same lane of the first operand, which is read first.
 */

import type { StackViews } from '../stack.js';
import { unreachableSub } from './invalid.js';

type SignedView = Int8Array | Int16Array | Int32Array;
type UnsignedView = Uint8Array | Uint16Array | Uint32Array;

export function execCompare(sub: number, s: StackViews, sp: number): number {
  const a = sp - 2;
  const b = sp - 1;
  if (sub >= 0x23 && sub <= 0x2c) intCompare(sub - 0x23, s.i8, s.u8, 16, a << 4, b << 4);
  else if (sub >= 0x2d && sub <= 0x36) intCompare(sub - 0x2d, s.i16, s.u16, 8, a << 3, b << 3);
  else if (sub >= 0x37 && sub <= 0x40) intCompare(sub - 0x37, s.i32, s.u32, 4, a << 2, b << 2);
  else if (sub >= 0x41 && sub <= 0x46) f32Compare(sub - 0x41, s, a << 2, b << 2);
  else if (sub >= 0x47 && sub <= 0x4c) f64Compare(sub - 0x47, s, a << 1, b << 1);
  else return unreachableSub(sub);
  return sp - 1;
}

/** `rel`: 0 eq, 1 ne, 2 lt_s, 3 lt_u, 4 gt_s, 5 gt_u, 6 le_s, 7 le_u, 8 ge_s, 9 ge_u. */
function intCompare(rel: number, sv: SignedView, uv: UnsignedView, n: number, a: number, b: number): void {
  switch (rel) {
    case 0:
      for (let i = 0; i < n; i++) sv[a + i] = sv[a + i] === sv[b + i] ? -1 : 0;
      return;
    case 1:
      for (let i = 0; i < n; i++) sv[a + i] = sv[a + i] !== sv[b + i] ? -1 : 0;
      return;
    case 2:
      for (let i = 0; i < n; i++) sv[a + i] = sv[a + i] < sv[b + i] ? -1 : 0;
      return;
    case 3:
      for (let i = 0; i < n; i++) sv[a + i] = uv[a + i] < uv[b + i] ? -1 : 0;
      return;
    case 4:
      for (let i = 0; i < n; i++) sv[a + i] = sv[a + i] > sv[b + i] ? -1 : 0;
      return;
    case 5:
      for (let i = 0; i < n; i++) sv[a + i] = uv[a + i] > uv[b + i] ? -1 : 0;
      return;
    case 6:
      for (let i = 0; i < n; i++) sv[a + i] = sv[a + i] <= sv[b + i] ? -1 : 0;
      return;
    case 7:
      for (let i = 0; i < n; i++) sv[a + i] = uv[a + i] <= uv[b + i] ? -1 : 0;
      return;
    case 8:
      for (let i = 0; i < n; i++) sv[a + i] = sv[a + i] >= sv[b + i] ? -1 : 0;
      return;
    default:
      for (let i = 0; i < n; i++) sv[a + i] = uv[a + i] >= uv[b + i] ? -1 : 0;
      return;
  }
}

/** `rel`: 0 eq, 1 ne, 2 lt, 3 gt, 4 le, 5 ge; `a`, `b` are f32/i32 lane indices of the slots. */
function f32Compare(rel: number, s: StackViews, a: number, b: number): void {
  const f = s.f32;
  const r = s.i32;
  switch (rel) {
    case 0:
      for (let i = 0; i < 4; i++) r[a + i] = f[a + i] === f[b + i] ? -1 : 0;
      return;
    case 1:
      for (let i = 0; i < 4; i++) r[a + i] = f[a + i] !== f[b + i] ? -1 : 0;
      return;
    case 2:
      for (let i = 0; i < 4; i++) r[a + i] = f[a + i] < f[b + i] ? -1 : 0;
      return;
    case 3:
      for (let i = 0; i < 4; i++) r[a + i] = f[a + i] > f[b + i] ? -1 : 0;
      return;
    case 4:
      for (let i = 0; i < 4; i++) r[a + i] = f[a + i] <= f[b + i] ? -1 : 0;
      return;
    default:
      for (let i = 0; i < 4; i++) r[a + i] = f[a + i] >= f[b + i] ? -1 : 0;
      return;
  }
}

/**
 * As f32Compare for f64 lanes; `a`, `b` are f64 lane indices. Both lanes are compared before the
 * result words are written (a result word overlaps the first operand's lane).
 */
function f64Compare(rel: number, s: StackViews, a: number, b: number): void {
  const f = s.f64;
  const r = s.i32;
  const m0 = floatRelation(rel, f[a], f[b]) ? -1 : 0;
  const m1 = floatRelation(rel, f[a + 1], f[b + 1]) ? -1 : 0;
  const w = a << 1;
  r[w] = m0;
  r[w + 1] = m0;
  r[w + 2] = m1;
  r[w + 3] = m1;
}

function floatRelation(rel: number, x: number, y: number): boolean {
  switch (rel) {
    case 0:
      return x === y;
    case 1:
      return x !== y;
    case 2:
      return x < y;
    case 3:
      return x > y;
    case 4:
      return x <= y;
    default:
      return x >= y;
  }
}
