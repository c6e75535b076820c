/**
 * Property tests of the compiled output on randomly generated, valid-by-construction functions with
 * nested blocks, loops, ifs and every branch instruction:
 * - the side table is well-formed (targets inside the code and marked in `labels`, heights bounded);
 * - every side entry is referenced by exactly one branch word of the code;
 * - running the compiled code with a minimal side-table interpreter gives the same observable
 *   behaviour (values dropped / stored, results) as running the structured instructions directly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Op, SIDE_ENTRY_SIZE, Side, type CompiledFunction } from '../../../src/core/validate/compiled.js';
import { genericCode } from '../../../src/core/validate/specialize.js';
import { func, i32, valid } from './helpers.js';
import { EXTRA_TYPES, OPC, STEP_CAP, generate, runStructured, type Outcome } from './gen-structured.js';


// ---------------------------------------------------------------------------------------------
// The compiled code, run through the side table the way the interpreter does (with its CFI checks).

function runCompiled(f: CompiledFunction, numResults: number, arg: number): Outcome {
  // The generic form: this reference interpreter knows only the validator's generic opcodes.
  const code = genericCode(f.code);
  const { side } = f;
  const stack = new Array<number>(f.maxHeight).fill(0);
  stack[0] = arg;
  let sp = f.numLocals;
  const trace: number[] = [];
  const take = (e: number): number => {
    const base = e * SIDE_ENTRY_SIZE;
    const target = side[base + Side.TARGET]!;
    const arity = side[base + Side.ARITY]!;
    const restore = side[base + Side.RESTORE]!;
    assert.equal(sp, side[base + Side.HEIGHT], 'branch height (CFI)');
    assert.equal(f.labels[target], 1, 'branch target (CFI)');
    assert.equal(restore + arity, f.labelHeights[target], 'label height (CFI)');
    for (let i = 0; i < arity; i++) stack[restore + i] = stack[sp - arity + i]!;
    sp = restore + arity;
    return target;
  };
  let pc = 0;
  for (let steps = 0; steps < STEP_CAP; steps++) {
    const op = code[pc]!;
    assert.ok(sp <= f.maxHeight, 'stack within maxHeight');
    switch (op) {
      case OPC.i32const: stack[sp++] = code[pc + 1]!; pc += 2; break;
      case OPC.lget: stack[sp++] = stack[code[pc + 1]!]!; pc += 2; break;
      case OPC.lset: stack[code[pc + 1]!] = stack[--sp]!; trace.push(stack[sp]!); pc += 2; break;
      case OPC.drop: trace.push(stack[--sp]!); pc += 1; break;
      case OPC.add: sp--; stack[sp - 1] = (stack[sp - 1]! + stack[sp]!) | 0; pc += 1; break;
      case OPC.unreachable: return { trace, result: [], trapped: true, exhausted: false };
      case Op.IF: pc = stack[--sp] === 0 ? take(code[pc + 1]!) : pc + 2; break;
      case Op.BR: pc = take(code[pc + 1]!); break;
      case Op.BR_IF: pc = stack[--sp] !== 0 ? take(code[pc + 1]!) : pc + 2; break;
      case Op.BR_TABLE: {
        const n = code[pc + 1]!;
        const i = stack[--sp]! >>> 0;
        pc = take(code[pc + 2 + Math.min(i, n)]!);
        break;
      }
      case Op.RETURN:
        assert.equal(sp, code[pc + 1], 'return height (CFI)');
        return { trace, result: stack.slice(sp - numResults, sp), trapped: false, exhausted: false };
      default: throw new Error(`unexpected compiled op ${op}`);
    }
  }
  return { trace, result: [], trapped: false, exhausted: true };
}

/** The side entry indices referenced by the code's branch words, in code order. */
function referencedEntries(code: Int32Array): number[] {
  const refs: number[] = [];
  let pc = 0;
  while (pc < code.length) {
    const op = code[pc]!;
    switch (op) {
      case Op.IF: case Op.BR: case Op.BR_IF: refs.push(code[pc + 1]!); pc += 2; break;
      case Op.BR_TABLE: { const n = code[pc + 1]!; for (let i = 0; i <= n; i++) refs.push(code[pc + 2 + i]!); pc += n + 3; break; }
      case OPC.i32const: case OPC.lget: case OPC.lset: case Op.RETURN: pc += 2; break;
      default: pc += 1; break;
    }
  }
  return refs;
}

const choices = fc.array(fc.nat(1000), { minLength: 20, maxLength: 400, size: 'max' });

test('REQ-CORE-VAL-022: every side entry targets a recorded label inside the code with bounded heights (property)', () => {
  fc.assert(
    fc.property(choices, (xs) => {
      const { body, results } = generate(xs);
      const f = valid(func([i32], results === 1 ? [i32] : [], body, { moreTypes: EXTRA_TYPES })).functions[0]!;
      const entries = f.side.length / SIDE_ENTRY_SIZE;
      assert.equal(f.side.length % SIDE_ENTRY_SIZE, 0);
      const targets = new Set<number>();
      const heightFound = new Set<number>();
      for (let e = 0; e < entries; e++) {
        const target = f.side[e * SIDE_ENTRY_SIZE + Side.TARGET]!;
        const arity = f.side[e * SIDE_ENTRY_SIZE + Side.ARITY]!;
        const restore = f.side[e * SIDE_ENTRY_SIZE + Side.RESTORE]!;
        const height = f.side[e * SIDE_ENTRY_SIZE + Side.HEIGHT]!;
        assert.ok(target >= 0 && target < f.code.length, 'target inside the code');
        assert.equal(f.labels[target], 1, 'target recorded in labels');
        assert.notEqual(f.labelHeights[target], -1, 'label height recorded');
        if (f.labelHeights[target] === restore + arity) heightFound.add(target);
        assert.ok(arity >= 0 && restore >= f.numLocals, 'restore above the locals');
        assert.ok(restore + arity <= f.maxHeight, 'RESTORE + ARITY <= maxHeight');
        assert.ok(height >= 0 && height <= f.maxHeight, 'HEIGHT <= maxHeight');
        targets.add(target);
      }
      // labels marks exactly the targets.
      f.labels.forEach((v, i) => assert.equal(v === 1, targets.has(i)));
      // labelHeights has the code's length and is -1 exactly where there is no label.
      assert.equal(f.labelHeights.length, f.code.length);
      f.labelHeights.forEach((h, i) => assert.equal(h === -1, !targets.has(i)));
      // Each label's height is RESTORE + ARITY of an entry targeting it (entries in unreachable code
      // may disagree; the branches taken agree, checked in runCompiled below).
      assert.deepEqual([...heightFound].sort((a, b) => a - b), [...targets].sort((a, b) => a - b));
      // Each entry is used by exactly one branch word.
      const refs = referencedEntries(genericCode(f.code)).sort((a, b) => a - b);
      assert.deepEqual(refs, Array.from({ length: entries }, (_, i) => i));
    }),
    { numRuns: 300 },
  );
});

test('REQ-CORE-VAL-021: compiled code run through the side table behaves like the structured code (property)', () => {
  fc.assert(
    fc.property(choices, fc.integer({ min: -2, max: 3 }), (xs, arg) => {
      const { body, results } = generate(xs);
      const f = valid(func([i32], results === 1 ? [i32] : [], body, { moreTypes: EXTRA_TYPES })).functions[0]!;
      const ref = runStructured(body, results, arg);
      const got = runCompiled(f, results, arg);
      if (ref.exhausted || got.exhausted) {
        // Both follow the same (possibly endless) path; the shorter trace is a prefix of the longer.
        const n = Math.min(ref.trace.length, got.trace.length);
        assert.deepEqual(got.trace.slice(0, n), ref.trace.slice(0, n));
        return;
      }
      assert.deepEqual(got, ref);
    }),
    { numRuns: 500 },
  );
});
