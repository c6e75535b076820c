/**
 * Finding of property cfi/unchecked-fields (issue #6), kept as a regression test: a side-table
 * entry's RESTORE height (likewise its ARITY, or a TARGET moved onto another recorded label) carried
 * no integrity check, so a fault there could change the outcome without a CfiViolation. Minimized:
 * one `br` out of a block; with RESTORE lowered by one the carried value overwrites the operand below
 * the block, `i32.sub` then reads the parameter, and the load trapped instead of returning 0.
 *
 * Fixed by the label-height check: the validator records in `labelHeights` the stack height every
 * label expects, and each jump through a side entry compares it with RESTORE + ARITY
 * (CfiViolation `branch-height`).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CfiViolation, Store, load, type ValidatedModule } from '../../src/core/index.js';
import { Side, SIDE_ENTRY_SIZE } from '../../src/core/validate/compiled.js';
import { assemble, initWabt } from '../fuzz/oracle.js';

before(async () => {
  await initWabt();
});

const TEXT = `(module (memory 1)
  (func (export "f") (param i32) (result i32)
    (i32.load (i32.sub (i32.const 100) (block $b (result i32) (br $b (i32.const 4)))))))`;

/**
 * Two labels of different heights: the end of `$inner` (height 3: the parameter, 7, the carried 4)
 * and the end of `$outer` (height 2: the parameter, the result), reached by `br_if`.
 */
const TWO_LABELS = `(module
  (func (export "f") (param i32) (result i32)
    (block $outer (result i32)
      (i32.const 7)
      (block $inner (result i32) (br $inner (i32.const 4)))
      (i32.add)
      (local.get 0)
      (br_if $outer))))`;

function run(mod: ValidatedModule): unknown[] {
  const store = new Store();
  const inst = store.instantiate(mod, {});
  return store.invoke(inst.exports.get('f')!, [{ type: 'i32', value: -1 }]);
}

function branchHeightViolation(e: unknown): boolean {
  return e instanceof CfiViolation && e.check === 'branch-height';
}

test('REQ-ROB-014: the unmodified cases run normally', () => {
  assert.deepEqual(run(load(assemble(TEXT))), [{ type: 'i32', value: 0 }]);
  assert.deepEqual(run(load(assemble(TWO_LABELS))), [{ type: 'i32', value: 11 }]);
});

test('REQ-ROB-014: a side entry whose restore height was changed is detected as CfiViolation', () => {
  for (const delta of [-1, 1]) {
    const mod = load(assemble(TEXT));
    const f = mod.functions[0]!;
    f.side[Side.RESTORE] = f.side[Side.RESTORE]! + delta;
    assert.throws(() => run(mod), branchHeightViolation);
  }
});

test('REQ-ROB-014: a side entry whose arity was changed is detected as CfiViolation', () => {
  for (const delta of [-1, 1]) {
    const mod = load(assemble(TEXT));
    const f = mod.functions[0]!;
    f.side[Side.ARITY] = f.side[Side.ARITY]! + delta;
    assert.throws(() => run(mod), branchHeightViolation);
  }
});

test('REQ-ROB-014: a side entry whose target was moved onto a label of another height is detected as CfiViolation', () => {
  const mod = load(assemble(TWO_LABELS));
  const f = mod.functions[0]!;
  assert.equal(f.side.length, 2 * SIDE_ENTRY_SIZE); // `br $inner` first, then `br_if $outer`
  const from = f.side[Side.TARGET]!;
  const to = f.side[SIDE_ENTRY_SIZE + Side.TARGET]!;
  assert.notEqual(to, from);
  assert.equal(f.labels[to], 1);
  assert.notEqual(f.labelHeights[to], f.labelHeights[from]);
  f.side[Side.TARGET] = to; // `br $inner` now jumps to the end of `$outer`
  assert.throws(() => run(mod), branchHeightViolation);
});
