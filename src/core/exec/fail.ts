/**
 * Error construction kept out of the interpreter's main line (DESIGN.md, "Errors"): each helper
 * builds and throws one typed error, so the hot loop only holds a call.
 */

import { CfiViolation, LimitExceeded, Trap, type CfiCheck, type TrapKind } from '../errors.js';

export function trap(kind: TrapKind, detail?: string): never {
  throw new Trap(kind, detail);
}

export function trapMemory(): never {
  throw new Trap('out of bounds memory access');
}

export function trapTable(): never {
  throw new Trap('out of bounds table access');
}

export function cfi(check: CfiCheck, detail: string): never {
  throw new CfiViolation(check, detail);
}

/** CFI check 1: side entry `e` (first word) targets `target`, which is no recorded label. */
export function branchTargetViolation(e: number, target: number): never {
  throw new CfiViolation('branch-target', `side entry ${e >> 2} targets ${target}`);
}

/** CFI check 1: a branch taken at `height` whose side entry records `expected`. */
export function branchHeightViolation(height: number, expected: number): never {
  throw new CfiViolation('branch-height', `height ${height}, expected ${expected}`);
}

/** CFI check 1: side entry `e` would produce `height` at label `target`, which expects `expected`. */
export function labelHeightViolation(e: number, height: number, target: number, expected: number): never {
  throw new CfiViolation('branch-height', `side entry ${e >> 2} gives height ${height}, label ${target} expects ${expected}`);
}

export function callDepthExceeded(limit: number): never {
  throw new LimitExceeded('call-depth', limit, 'call stack exhausted');
}

export function operandStackExceeded(limit: number, needed: number): never {
  throw new LimitExceeded('operand-stack', limit, `${needed} slots needed`);
}
