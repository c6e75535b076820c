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

export function callDepthExceeded(limit: number): never {
  throw new LimitExceeded('call-depth', limit, 'call stack exhausted');
}

export function operandStackExceeded(limit: number, needed: number): never {
  throw new LimitExceeded('operand-stack', limit, `${needed} slots needed`);
}
