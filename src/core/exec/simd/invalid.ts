/**
 * The defensive answer to a SIMD sub-opcode that no 2.0 instruction (or no memory-free one) has.
 * The validator never emits such code, so reaching this means corrupted code or a dispatch defect;
 * it is reported as a typed integrity violation instead of silently computing something.
 */

import { CfiViolation } from '../../errors.js';

export function unreachableSub(sub: number): never {
  throw new CfiViolation('opcode', `no memory-free SIMD instruction has sub-opcode 0x${sub.toString(16)}`);
}
