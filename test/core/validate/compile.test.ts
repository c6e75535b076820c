import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Op } from '../../../src/core/validate/compiled.js';
import { genericCode } from '../../../src/core/validate/specialize.js';
import type { CompiledFunction } from '../../../src/core/validate/compiled.js';
import { opByName } from '../../../src/core/binary/opcodes.js';
import { BT, I, func, funcref, externref, i32, i64, f64, v128, valid } from './helpers.js';

const op = (name: string): number => opByName(name)!;

function compileOne(...args: Parameters<typeof func>): CompiledFunction {
  return valid(func(...args)).functions[0]!;
}

function labelIndices(f: CompiledFunction): number[] {
  const out: number[] = [];
  f.labels.forEach((v, i) => { if (v === 1) out.push(i); });
  return out;
}

test('REQ-CORE-VAL-021: a block with br_if compiles to BR_IF with a forward side entry patched at end', () => {
  const f = compileOne([i32], [i32], [
    I('block', BT.val(i32)), I('i32.const', 1), I('local.get', 0), I('br_if', 0), I('drop'), I('i32.const', 2), I('end'),
  ]);
  assert.deepEqual([...genericCode(f.code)], [op('i32.const'), 1, op('local.get'), 0, Op.BR_IF, 0, op('drop'), op('i32.const'), 2, Op.RETURN, 2]);
  // TARGET 9 (past the block end = the final RETURN), ARITY 1, RESTORE 1 (after the local), HEIGHT 2.
  assert.deepEqual([...f.side], [9, 1, 1, 2]);
  assert.deepEqual(labelIndices(f), [9]);
  assert.equal(f.labels.length, f.code.length);
  // The label's height: RESTORE + ARITY = 2; -1 everywhere else.
  assert.deepEqual([...f.labelHeights], [-1, -1, -1, -1, -1, -1, -1, -1, -1, 2, -1]);
  assert.equal(f.maxHeight, 3);
  assert.equal(f.numLocals, 1);
});

test('REQ-CORE-VAL-021: labelHeights takes the height of reachable branches where an unreachable frame ends at the same index', () => {
  // The `if` follows `br 0`, so its frame's height comes from the polymorphic stack (0, not 1); its
  // end and the block's end are both code index 8. The live `br` defines the label's height.
  const f = compileOne([], [i32], [
    I('block', BT.val(i32)), I('i32.const', 1), I('br', 0), I('i32.const', 0), I('if', BT.empty), I('end'), I('end'),
  ]);
  assert.deepEqual([...genericCode(f.code)], [op('i32.const'), 1, Op.BR, 0, op('i32.const'), 0, Op.IF, 1, Op.RETURN, 1]);
  assert.deepEqual([...f.side], [8, 1, 0, 1, 8, 0, 0, 0]);
  assert.deepEqual(labelIndices(f), [8]);
  assert.equal(f.labelHeights[8], 1);
});

test('REQ-CORE-VAL-021: a loop branches backward to its first instruction with the loop parameter arity', () => {
  const f = compileOne([i32], [], [
    I('loop', BT.empty), I('local.get', 0), I('i32.const', 1), I('i32.sub'), I('local.tee', 0), I('br_if', 0), I('end'),
  ]);
  assert.deepEqual([...genericCode(f.code)], [op('local.get'), 0, op('i32.const'), 1, op('i32.sub'), op('local.tee'), 0, Op.BR_IF, 0, Op.RETURN, 1]);
  assert.deepEqual([...f.side], [0, 0, 1, 1]);
  assert.deepEqual(labelIndices(f), [0]);
  // A loop with a parameter carries it back.
  const g = compileOne([], [], [I('i32.const', 3), I('loop', BT.idx(1)), I('br', 0), I('end'), I('drop')], { moreTypes: [{ params: [i32], results: [i32] }] });
  assert.deepEqual([...genericCode(g.code)], [op('i32.const'), 3, Op.BR, 0, op('drop'), Op.RETURN, 0]);
  assert.deepEqual([...g.side], [2, 1, 0, 1]);
});

test('REQ-CORE-VAL-021: if/else compiles to IF (to the else arm) and BR (past the end)', () => {
  const f = compileOne([i32], [i32], [
    I('local.get', 0), I('if', BT.val(i32)), I('i32.const', 1), I('else'), I('i32.const', 2), I('end'),
  ]);
  assert.deepEqual([...genericCode(f.code)], [op('local.get'), 0, Op.IF, 0, op('i32.const'), 1, Op.BR, 1, op('i32.const'), 2, Op.RETURN, 2]);
  assert.deepEqual([...f.side], [8, 0, 1, 1, 10, 1, 1, 2]);
  assert.deepEqual(labelIndices(f), [8, 10]);
  // Without else the false branch goes past the end and carries the parameters.
  const g = compileOne([i32], [], [I('local.get', 0), I('if', BT.empty), I('nop'), I('end')]);
  assert.deepEqual([...genericCode(g.code)], [op('local.get'), 0, Op.IF, 0, Op.RETURN, 1]);
  assert.deepEqual([...g.side], [4, 0, 1, 1]);
  const h = compileOne([], [i32], [I('i32.const', 7), I('i32.const', 0), I('if', BT.idx(1)), I('end')], { moreTypes: [{ params: [i32], results: [i32] }] });
  assert.deepEqual([...genericCode(h.code)], [op('i32.const'), 7, op('i32.const'), 0, Op.IF, 0, Op.RETURN, 1]);
  assert.deepEqual([...h.side], [6, 1, 0, 1]);
});

test('REQ-CORE-VAL-021: br_table lists n, one side entry per label and the default last', () => {
  const f = compileOne([i32], [], [
    I('block', BT.empty), I('block', BT.empty), I('local.get', 0), I('br_table', 0, 0, 0, { targets: [0, 1] }), I('end'),
    I('i32.const', 0), I('drop'), I('end'),
  ]);
  assert.deepEqual([...genericCode(f.code)], [op('local.get'), 0, Op.BR_TABLE, 2, 0, 1, 2, op('i32.const'), 0, op('drop'), Op.RETURN, 1]);
  assert.deepEqual([...f.side], [7, 0, 1, 1, 10, 0, 1, 1, 7, 0, 1, 1]);
  assert.deepEqual(labelIndices(f), [7, 10]);
});

test('REQ-CORE-VAL-023: return and the final end compile to RETURN with the stack height; br to the function label targets the final RETURN', () => {
  const f = compileOne([i32], [i32], [I('i32.const', 1), I('i32.const', 2), I('return')]);
  assert.deepEqual([...genericCode(f.code)], [op('i32.const'), 1, op('i32.const'), 2, Op.RETURN, 3, Op.RETURN, 2]);
  assert.equal(f.side.length, 0);
  assert.equal(f.maxHeight, 3);
  const g = compileOne([], [i32], [I('i32.const', 5), I('br', 0)]);
  assert.deepEqual([...genericCode(g.code)], [op('i32.const'), 5, Op.BR, 0, Op.RETURN, 1]);
  assert.deepEqual([...g.side], [4, 1, 0, 1]);
});

test('REQ-CORE-VAL-023: numLocals counts parameters and declared locals; localIsRef marks references', () => {
  const f = compileOne([i32, funcref], [], [], { locals: [{ count: 2, type: externref }, { count: 1, type: v128 }] });
  assert.equal(f.numLocals, 5);
  assert.deepEqual([...f.localIsRef], [0, 1, 1, 1, 0]);
  assert.equal(f.maxHeight, 5);
  assert.equal(f.funcIndex, 0);
  assert.equal(f.typeIndex, 0);
});

test('REQ-CORE-VAL-020: immediates are emitted in the documented order', () => {
  const bytes = Uint8Array.from({ length: 16 }, (_, i) => i);
  const f = valid(func([], [], [
    I('i64.const', 0, 0, 0, { big: -1n }), I('drop'),
    I('i64.const', 0, 0, 0, { big: 0x1_0000_0002n }), I('drop'),
    I('f64.const', 0x11, 0x22), I('drop'),
    I('f32.const', 0x3f800000), I('drop'),
    I('v128.const', 0, 0, 0, { bytes }), I('i32x4.extract_lane', 3), I('drop'),
    I('i32.const', 4), I('i32.load', 2, 0xffffffff), I('drop'),
    I('i32.const', 4), I('v128.const', 0, 0, 0, { bytes }), I('v128.store16_lane', 1, 6, 7),
    I('i32.const', 0), I('i32.const', 0), I('i32.const', 0), I('memory.init', 0, 0),
    I('data.drop', 0),
    I('i32.const', 0), I('i32.const', 0), I('i32.const', 0), I('memory.copy'),
    I('i32.const', 0), I('i32.const', 0), I('i32.const', 0), I('memory.fill'),
    I('memory.size'), I('memory.grow'), I('drop'),
    I('i32.const', 0), I('i32.const', 0), I('i32.const', 0), I('table.init', 0, 1),
    I('elem.drop', 0),
    I('i32.const', 0), I('i32.const', 0), I('i32.const', 0), I('table.copy', 1, 1),
    I('table.size', 1), I('drop'),
    I('ref.null', funcref), I('ref.is_null'), I('drop'),
    I('ref.func', 0), I('drop'),
    I('i32.const', 1), I('i32.const', 2), I('i32.const', 3), I(0x1c, 0, 0, 0, { types: [i32] }), I('drop'),
    I('i32.const', 0), I('call_indirect', 0, 1),
    I('call', 0),
  ], {
    memories: [{ limits: { min: 1 } }],
    tables: [{ elemType: externref, limits: { min: 0 } }, { elemType: funcref, limits: { min: 0 } }],
    elems: [{ mode: 'declarative', table: 0, elemType: funcref, init: [[I('ref.func', 0)]], offset: 0 }],
    datas: [{ mode: 'passive', memory: 0, bytes: new Uint8Array(1), offset: 0 }],
    dataCount: 1,
  })).functions[0]!;
  // The signature [] -> [] makes call_indirect's index operand and call balanced, see body above.
  const c = op('i32.const');
  assert.deepEqual([...genericCode(f.code)], [
    op('i64.const'), -1, -1, op('drop'),
    op('i64.const'), 2, 1, op('drop'),
    op('f64.const'), 0x11, 0x22, op('drop'),
    op('f32.const'), 0x3f800000, op('drop'),
    op('v128.const'), 0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c, op('i32x4.extract_lane'), 3, op('drop'),
    c, 4, op('i32.load'), -1, op('drop'),
    c, 4, op('v128.const'), 0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c, op('v128.store16_lane'), 6, 7,
    c, 0, c, 0, c, 0, op('memory.init'), 0,
    op('data.drop'), 0,
    c, 0, c, 0, c, 0, op('memory.copy'),
    c, 0, c, 0, c, 0, op('memory.fill'),
    op('memory.size'), op('memory.grow'), op('drop'),
    c, 0, c, 0, c, 0, op('table.init'), 0, 1,
    op('elem.drop'), 0,
    c, 0, c, 0, c, 0, op('table.copy'), 1, 1,
    op('table.size'), 1, op('drop'),
    op('ref.null'), op('ref.is_null'), op('drop'),
    op('ref.func'), 0, op('drop'),
    c, 1, c, 2, c, 3, Op.SELECT, op('drop'),
    c, 0, Op.CALL_INDIRECT, 0, 1,
    Op.CALL, 0,
    Op.RETURN, 0,
  ]);
  assert.equal(f.side.length, 0);
});

test('REQ-CORE-VAL-022: side entries emitted in unreachable code stay well-formed', () => {
  const f = compileOne([], [], [
    I('block', BT.idx(1)), I('unreachable'), I('br', 0), I('i32.const', 0), I('br_if', 0), I('br', 0), I('end'), I('drop'), I('drop'), I('drop'),
  ], { moreTypes: [{ params: [], results: [i64, f64, i32] }] });
  for (let e = 0; e < f.side.length; e += 4) {
    const [target, arity, restore] = [f.side[e]!, f.side[e + 1]!, f.side[e + 2]!];
    assert.ok(target >= 0 && target < f.code.length);
    assert.equal(f.labels[target], 1);
    assert.equal(arity, 3);
    assert.equal(restore, 0);
    assert.ok(restore + arity <= f.maxHeight);
  }
  assert.equal(f.side.length, 12);
});
