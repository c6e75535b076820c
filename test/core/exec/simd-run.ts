/**
 * Runs one SIMD instruction through execSimd on a stack prepared for the tests: operands in slots
 * BASE.., every other byte a fill pattern that must survive (stack discipline, REQ-CORE-SIMD-026).
 */

import assert from 'node:assert/strict';
import { execSimd } from '../../../src/core/exec/simd.js';
import { createStack } from '../../../src/core/exec/stack.js';
import { sizeOf } from './simd-oracle.js';

const BASE = 3; // slot of the first operand; everything outside the result slot must stay untouched
const SLOTS = 8;
const FILL = 0xa5;
export const stack = createStack(SLOTS);
export const code = new Int32Array(8);
const IP = 3;

/** Runs `sub` with `operands` (16-byte values; `params` gives their kinds) and returns the result bytes. */
export function runOurs(op: { sub: number; sig: string }, operands: readonly Uint8Array[], imm: readonly number[] = []): Uint8Array {
  const [params = '', results = ''] = op.sig.split(':');
  stack.u8.fill(FILL);
  [...params].forEach((p, j) => stack.u8.set(operands[j]!.subarray(0, sizeOf(p)), (BASE + j) * 16));
  code.fill(0x5a5a5a5a);
  imm.forEach((w, k) => (code[IP + k] = w));
  const sp = execSimd(op.sub, stack, BASE + params.length, code, IP);
  assert.equal(sp, BASE + 1, 'returned sp: operands popped, one result pushed');
  const keepFrom = (BASE + Math.max(params.length, 1)) * 16;
  for (let i = 0; i < stack.u8.length; i++) {
    if (i < BASE * 16 || i >= keepFrom) {
      if (stack.u8[i] !== FILL) assert.fail(`byte ${i} outside the operand/result slots was written`);
    }
  }
  return stack.u8.slice(BASE * 16, BASE * 16 + sizeOf(results));
}

