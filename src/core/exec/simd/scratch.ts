/**
 * Preallocated scratch space for the SIMD instructions whose result lanes do not line up with their
 * operand lanes (shuffle, swizzle, narrow, extend, extmul, extadd, dot): the result is
 * written over the first operand's slot, so the operands are copied here first. Allocated once at
 * module load, so executing an instruction never allocates.
 *
 * Layout: operand A occupies bytes [0, 16), operand B bytes [16, 32). In lane indices that is:
 * i8/u8 A = [0, 16), B = [16, 32); i16/u16 A = [0, 8), B = [8, 16); i32 A = [0, 4), B = [4, 8).
 */

import type { StackViews } from '../stack.js';

const BUFFER = new ArrayBuffer(32);

export const scratchI8 = new Int8Array(BUFFER);
export const scratchU8 = new Uint8Array(BUFFER);
export const scratchI16 = new Int16Array(BUFFER);
export const scratchU16 = new Uint16Array(BUFFER);
export const scratchI32 = new Int32Array(BUFFER);

/** Copies the v128 in stack slot `slot` to scratch operand A. */
export function saveA(s: StackViews, slot: number): void {
  const w = slot << 2;
  const i32 = s.i32;
  scratchI32[0] = i32[w];
  scratchI32[1] = i32[w + 1];
  scratchI32[2] = i32[w + 2];
  scratchI32[3] = i32[w + 3];
}

/** Copies the v128 in stack slot `slot` to scratch operand B. */
export function saveB(s: StackViews, slot: number): void {
  const w = slot << 2;
  const i32 = s.i32;
  scratchI32[4] = i32[w];
  scratchI32[5] = i32[w + 1];
  scratchI32[6] = i32[w + 2];
  scratchI32[7] = i32[w + 3];
}
