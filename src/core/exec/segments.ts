/**
 * Fuel segments. The interpreter charges fuel once per straight-line segment instead of once per
 * instruction: a segment runs from an entry point (a function's start, a branch target, the
 * instruction after a branch or call, the pc a paused run resumes at) up to and including the next
 * control instruction (if, br, br_if, br_table, return, call, call_indirect). Nothing but a control
 * instruction or a trap leaves a segment early, so charging its whole length on entry charges
 * exactly the instructions that run (a trap ends the execution, whose fuel is not reported).
 *
 * `cost[pc]`, for every instruction start `pc` of a function's code, is the number of instructions
 * from `pc` through the next control instruction: any instruction start can be an entry (labels in
 * the middle of a segment, resumption points). Counted on the generic code (validate/specialize.ts
 * `genericCode`), so a fused instruction counts as the instructions it stands for, and 0 at every
 * word that is not an instruction start.
 */

import { Op, type CompiledFunction } from '../validate/compiled.js';
import { genericCode, immediateWords } from '../validate/specialize.js';

/** 1 at every opcode that ends a segment. */
const ENDS_SEGMENT: Uint8Array = (() => {
  const t = new Uint8Array(0x400);
  for (const op of [Op.IF, Op.BR, Op.BR_IF, Op.BR_TABLE, Op.RETURN, Op.CALL, Op.CALL_INDIRECT]) t[op] = 1;
  return t;
})();

/** Computed once per compiled function and shared by every instance of its module. */
const cache = new WeakMap<CompiledFunction, Int32Array>();

/** The segment costs of compiled function `c` (see above), computed on first use. */
export function segmentCosts(c: CompiledFunction): Int32Array {
  let cost = cache.get(c);
  if (cost === undefined) {
    cost = costsOf(genericCode(c.code));
    cache.set(c, cost);
  }
  return cost;
}

function costsOf(code: Int32Array): Int32Array {
  const n = code.length;
  const starts = new Int32Array(n);
  let m = 0;
  for (let pc = 0; pc < n; pc += 1 + immediateWords(code, pc)) starts[m++] = pc;
  const cost = new Int32Array(n);
  let run = 0;
  for (let i = m - 1; i >= 0; i--) {
    const pc = starts[i]!;
    run = ENDS_SEGMENT[code[pc]!] === 1 ? 1 : run + 1;
    cost[pc] = run;
  }
  return cost;
}
