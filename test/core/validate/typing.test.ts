import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BT, I, ft, func, funcref, externref, global, i32, i64, f32, f64, v128, invalid, mod, valid } from './helpers.js';
import { MAX_FUNCTION_LOCALS } from '../../../src/core/validate/index.js';

const mem = { memories: [{ limits: { min: 1 } }] };

test('REQ-CORE-VAL-011: fixed-signature instructions are typed from the instruction table', () => {
  valid(func([i32, i32], [i32], [I('local.get', 0), I('local.get', 1), I('i32.add')]));
  valid(func([f64], [i64], [I('local.get', 0), I('i64.trunc_sat_f64_s')]));
  valid(func([v128, v128], [v128], [I('local.get', 0), I('local.get', 1), I('i8x16.add')]));
  invalid(func([i32, i64], [i32], [I('local.get', 0), I('local.get', 1), I('i32.add')]), 'type mismatch');
  invalid(func([], [i32], [I('i32.const'), I('i32.add')]), 'type mismatch');
  invalid(func([], [], [I('i32.const')]), 'type mismatch'); // value left at the end
  invalid(func([], [i32], []), 'type mismatch'); // missing result
  invalid(func([], [f32], [I('i32.const')]), 'type mismatch');
});

test('REQ-CORE-VAL-012: the stack is polymorphic after unreachable, br, br_table and return', () => {
  valid(func([], [i32], [I('unreachable'), I('i32.add')]));
  valid(func([], [i32], [I('unreachable'), I('select')]));
  valid(func([], [], [I('unreachable'), I('drop'), I('drop')]));
  valid(func([], [i32], [I('i32.const'), I('return'), I('i64.const', 0, 0, 0, { big: 0n }), I('i32.wrap_i64')]));
  valid(func([], [], [I('block', BT.empty), I('br', 0), I('f32.const'), I('f32.neg'), I('drop'), I('end')]));
  valid(func([], [v128], [I('unreachable'), I('i32.const'), I('i8x16.replace_lane', 3)]));
  // Known values are still checked in unreachable code.
  invalid(func([], [i32], [I('unreachable'), I('i64.const', 0, 0, 0, { big: 0n }), I('i32.add')]), 'type mismatch');
  invalid(func([], [], [I('unreachable'), I('i32.const'), I('i64.eqz'), I('drop')]), 'type mismatch');
  invalid(func([], [], [I('unreachable'), I('f32.const'), I('f32.const'), I('i32.const'), I('select'), I('i32.eqz'), I('drop')]), 'type mismatch');
  // The polymorphic stack ends at the block boundary.
  invalid(func([], [], [I('unreachable'), I('block', BT.empty), I('drop'), I('end')]), 'type mismatch');
  // Results above the unreachable point must still match.
  invalid(func([], [i32], [I('unreachable'), I('f32.const')]), 'type mismatch');
  invalid(func([], [], [I('unreachable'), I('i32.const')]), 'type mismatch');
});

test('REQ-CORE-VAL-013: block types, loops and if/else follow the multi-value typing rules', () => {
  const moreTypes = [ft([i32, i32], [i64]), ft([i32], [i32]), ft([i32], [i64])];
  valid(func([], [i64], [I('i32.const'), I('i32.const'), I('block', BT.idx(1)), I('i32.add'), I('i64.extend_i32_u'), I('end')], { moreTypes }));
  valid(func([], [i32], [I('i32.const'), I('loop', BT.idx(2)), I('end')], { moreTypes }));
  valid(func([], [i32], [I('i32.const'), I('i32.const'), I('if', BT.idx(2)), I('else'), I('i32.eqz'), I('end')], { moreTypes }));
  // Implicit else needs params == results.
  valid(func([], [i32], [I('i32.const'), I('i32.const'), I('if', BT.idx(2)), I('end')], { moreTypes }));
  invalid(func([], [i64], [I('i32.const'), I('i32.const'), I('if', BT.idx(3)), I('i64.extend_i32_s'), I('end')], { moreTypes }), 'type mismatch');
  invalid(func([], [i32], [I('i32.const'), I('if', BT.val(i32)), I('i32.const'), I('end')]), 'type mismatch');
  invalid(func([], [], [I('block', BT.idx(1)), I('drop'), I('drop'), I('end')], { moreTypes }), 'type mismatch');
  invalid(func([], [], [I('block', BT.idx(9)), I('end')]), 'unknown type 9');
  invalid(func([], [], [I('if', BT.empty), I('end')]), 'type mismatch'); // missing condition
  invalid(func([], [], [I('i32.const'), I('if', BT.val(i32)), I('i32.const'), I('else'), I('end'), I('drop')]), 'type mismatch');
  invalid(func([], [], [I('block', BT.val(i32)), I('i32.const'), I('i32.const'), I('end'), I('drop')]), 'type mismatch');
  // Inner blocks cannot see the outer stack.
  invalid(func([], [], [I('i32.const'), I('block', BT.empty), I('drop'), I('end'), I('drop')]), 'type mismatch');
});

test('REQ-CORE-VAL-014: br, br_if and br_table check labels and carried values', () => {
  valid(func([], [i32], [I('block', BT.val(i32)), I('i32.const'), I('i32.const'), I('br_if', 0), I('end')]));
  valid(func([i32], [i32], [
    I('block', BT.val(i32)), I('block', BT.val(i32)), I('i32.const'), I('local.get', 0), I('br_table', 0, 0, 0, { targets: [1, 0] }), I('end'), I('end'),
  ]));
  valid(func([], [], [I('loop', BT.empty), I('i32.const'), I('br_if', 0), I('end')]));
  // br_table in unreachable code with labels of different types but equal arity.
  valid(func([], [], [
    I('block', BT.val(f32)), I('block', BT.val(i64)), I('unreachable'), I('i32.const'), I('br_table', 0, 0, 0, { targets: [1] }), I('end'), I('drop'), I('f32.const'), I('end'), I('drop'),
  ]));
  invalid(func([], [], [I('br', 1)]), 'unknown label 1');
  invalid(func([], [], [I('i32.const'), I('br_if', 1)]), 'unknown label 1');
  invalid(func([], [], [I('i32.const'), I('br_table', 2, 0, 0, { targets: [] })]), 'unknown label 2');
  invalid(func([], [i32], [I('block', BT.val(i32)), I('f32.const'), I('br', 0), I('end')]), 'type mismatch');
  invalid(func([], [], [I('block', BT.val(i32)), I('i32.const'), I('br_if', 0), I('end'), I('drop')]), 'type mismatch');
  // Arity mismatch between br_table labels.
  invalid(func([], [i32], [
    I('block', BT.val(i32)), I('block', BT.empty), I('i32.const'), I('i32.const'), I('br_table', 0, 0, 0, { targets: [1] }), I('end'), I('i32.const'), I('end'),
  ]), 'type mismatch');
  invalid(func([], [], [
    I('block', BT.val(f32)), I('block', BT.val(i64)), I('unreachable'), I('i32.const'), I('br_table', 0, 0, 0, { targets: [1, 2] }), I('end'), I('drop'), I('f32.const'), I('end'), I('drop'),
  ]), 'type mismatch');
  // A loop label carries the loop's parameters.
  valid(func([], [], [I('i32.const'), I('loop', BT.idx(1)), I('br', 0), I('end'), I('drop')], { moreTypes: [ft([i32], [i32])] }));
  invalid(func([], [], [I('i32.const'), I('loop', BT.idx(1)), I('drop'), I('br', 0), I('end'), I('drop')], { moreTypes: [ft([i32], [f32])] }), 'type mismatch');
});

test('REQ-CORE-VAL-015: select needs numeric or vector operands unless typed with exactly one type', () => {
  valid(func([], [i32], [I('i32.const'), I('i32.const'), I('i32.const'), I('select')]));
  valid(func([], [funcref], [I('ref.null', funcref), I('ref.null', funcref), I('i32.const'), I(0x1c, 0, 0, 0, { types: [funcref] })]));
  invalid(func([], [funcref], [I('ref.null', funcref), I('ref.null', funcref), I('i32.const'), I('select')]), 'type mismatch');
  invalid(func([], [], [I('unreachable'), I('ref.null', externref), I('i32.const'), I('select'), I('drop')]), 'type mismatch');
  invalid(func([], [i32], [I('i32.const'), I('i64.const', 0, 0, 0, { big: 0n }), I('i32.const'), I('select')]), 'type mismatch');
  invalid(func([], [], [I('i32.const'), I(0x1c, 0, 0, 0, { types: [] })]), 'invalid result arity');
  invalid(func([], [], [I(0x1c, 0, 0, 0, { types: [i32, i32] })]), 'invalid result arity');
});

test('REQ-CORE-VAL-016: locals and globals exist, and global.set needs a mutable global', () => {
  const globals = [global(i32, false, [I('i32.const')]), global(f64, true, [I('f64.const')])];
  valid(func([i32], [i64], [I('local.get', 0), I('local.set', 0), I('local.get', 1), I('local.tee', 2)], { locals: [{ count: 2, type: i64 }] }));
  valid(func([], [], [I('f64.const'), I('global.set', 1), I('global.get', 0), I('drop')], { globals }));
  invalid(func([i32], [], [I('local.get', 1), I('drop')]), 'unknown local 1');
  invalid(func([], [], [I('i32.const'), I('local.set', 0)], { locals: [{ count: 1, type: i64 }] }), 'type mismatch');
  invalid(func([], [], [I('global.get', 2), I('drop')], { globals }), 'unknown global 2');
  invalid(func([], [], [I('i32.const'), I('global.set', 0)], { globals }), 'global is immutable');
  invalid(func([], [], [I('i32.const'), I('global.set', 1)], { globals }), 'type mismatch');
});

test('REQ-CORE-VAL-017: call and call_indirect check indices, table type and signatures', () => {
  const tab = { tables: [{ elemType: funcref, limits: { min: 1 } }] };
  const moreTypes = [ft([i32], [f32])];
  valid(func([], [], [I('call', 0)]));
  valid(func([], [f32], [I('i32.const'), I('i32.const'), I('call_indirect', 1, 0)], { ...tab, moreTypes }));
  invalid(func([], [], [I('call', 1)]), 'unknown function 1');
  invalid(func([], [f32], [I('i32.const'), I('i32.const'), I('call_indirect', 1, 0)], { moreTypes }), 'unknown table 0');
  invalid(func([], [f32], [I('i32.const'), I('call_indirect', 5, 0)], tab), 'unknown type 5');
  invalid(func([], [f32], [I('i32.const'), I('i32.const'), I('call_indirect', 1, 0)], { tables: [{ elemType: externref, limits: { min: 1 } }], moreTypes }), 'type mismatch');
  invalid(func([], [f32], [I('i64.const', 0, 0, 0, { big: 0n }), I('i32.const'), I('call_indirect', 1, 0)], { ...tab, moreTypes }), 'type mismatch');
});

test('REQ-CORE-VAL-018: memory instructions need memory 0, natural alignment and valid lanes', () => {
  valid(func([], [i32], [I('i32.const'), I('i32.load', 2, 8)], mem));
  valid(func([], [], [I('i32.const'), I('i64.const', 0, 0, 0, { big: 0n }), I('i64.store32', 2)], mem));
  valid(func([], [v128], [I('i32.const'), I('v128.const', 0, 0, 0, { bytes: new Uint8Array(16) }), I('v128.load8_lane', 0, 0, 15)], mem));
  invalid(func([], [i32], [I('i32.const'), I('i32.load', 2)]), 'unknown memory 0');
  invalid(func([], [i32], [I('memory.size')]), 'unknown memory 0');
  invalid(func([], [i32], [I('i32.const'), I('i32.load', 3)], mem), 'alignment must not be larger than natural');
  invalid(func([], [i32], [I('i32.const'), I('i32.load8_u', 1)], mem), 'alignment must not be larger than natural');
  invalid(func([], [v128], [I('i32.const'), I('v128.const', 0, 0, 0, { bytes: new Uint8Array(16) }), I('v128.load8_lane', 0, 0, 16)], mem), 'invalid lane index');
  invalid(func([], [i32], [I('v128.const', 0, 0, 0, { bytes: new Uint8Array(16) }), I('i32x4.extract_lane', 4)]), 'invalid lane index');
  const shuffle = new Uint8Array(16);
  valid(func([], [v128], [I('v128.const', 0, 0, 0, { bytes: shuffle }), I('v128.const', 0, 0, 0, { bytes: shuffle }), I('i8x16.shuffle', 0, 0, 0, { bytes: shuffle.map(() => 31) })]));
  invalid(func([], [v128], [I('v128.const', 0, 0, 0, { bytes: shuffle }), I('v128.const', 0, 0, 0, { bytes: shuffle }), I('i8x16.shuffle', 0, 0, 0, { bytes: shuffle.map((_, i) => (i === 5 ? 32 : 0)) })]), 'invalid lane index');
});

test('REQ-CORE-VAL-019: table, reference and bulk instructions check indices and element types', () => {
  const tabs = { tables: [{ elemType: funcref, limits: { min: 1 } }, { elemType: externref, limits: { min: 1 } }] };
  const elems = { elems: [{ mode: 'passive' as const, table: 0, elemType: funcref, init: [], offset: 0 }] };
  valid(func([], [externref], [I('i32.const'), I('table.get', 1)], tabs));
  valid(func([], [], [I('i32.const'), I('ref.null', externref), I('table.set', 1)], tabs));
  valid(func([], [i32], [I('ref.null', funcref), I('i32.const'), I('table.grow', 0)], tabs));
  valid(func([], [], [I('i32.const'), I('ref.null', externref), I('i32.const'), I('table.fill', 1)], tabs));
  valid(func([], [i32], [I('table.size', 1)], tabs));
  valid(func([], [], [I('i32.const'), I('i32.const'), I('i32.const'), I('table.init', 0, 0), I('elem.drop', 0)], { ...tabs, ...elems }));
  valid(func([], [i32], [I('ref.null', externref), I('ref.is_null')]));
  invalid(func([], [i32], [I('i32.const'), I('ref.is_null')]), 'type mismatch');
  invalid(func([], [], [I('i32.const'), I('ref.null', funcref), I('table.set', 1)], tabs), 'type mismatch');
  invalid(func([], [i32], [I('table.size', 2)], tabs), 'unknown table 2');
  invalid(func([], [], [I('i32.const'), I('i32.const'), I('i32.const'), I('table.init', 0, 1)], { ...tabs, ...elems }), 'type mismatch');
  invalid(func([], [], [I('i32.const'), I('i32.const'), I('i32.const'), I('table.copy', 0, 1)], tabs), 'type mismatch');
  invalid(func([], [], [I('elem.drop', 4)]), 'unknown elem segment 4');
  // Bulk memory: memory first, then the data segment (data count).
  const data = { datas: [{ mode: 'passive' as const, memory: 0, bytes: new Uint8Array(1), offset: 0 }], dataCount: 1 };
  valid(func([], [], [I('i32.const'), I('i32.const'), I('i32.const'), I('memory.init', 0, 0), I('data.drop', 0)], { ...mem, ...data }));
  invalid(func([], [], [I('i32.const'), I('i32.const'), I('i32.const'), I('memory.init', 1, 0)], data), 'unknown memory 0');
  invalid(func([], [], [I('i32.const'), I('i32.const'), I('i32.const'), I('memory.init', 1, 0)], { ...mem, ...data }), 'unknown data segment 1');
  invalid(func([], [], [I('data.drop', 0)]), 'unknown data segment 0');
  invalid(func([], [], [I('i32.const'), I('i32.const'), I('i32.const'), I('memory.copy')]), 'unknown memory 0');
  invalid(func([], [], [I('i32.const'), I('i32.const'), I('i32.const'), I('memory.fill')]), 'unknown memory 0');
  invalid(func([], [], [I('ref.null', 0x7f), I('drop')]), 'type mismatch');
});

test('REQ-CORE-VAL-024: errors in bodies name the function, the instruction index and its byte offset', () => {
  const m = mod({
    types: [ft([], [])],
    imports: [{ module: 'a', name: 'f', desc: { kind: 'func', typeIndex: 0 }, offset: 0 }],
    funcs: [{ type: 0, body: [] }, { type: 0, body: [I('nop'), I('local.get', 0)] }],
  });
  const e = invalid(m, 'unknown local 0');
  assert.equal(e.funcIndex, 2);
  assert.equal(e.instrIndex, 1);
  assert.equal(e.offset, m.codes[1]!.body[1]!.offset);
});

test('REQ-CORE-VAL-026: more than MAX_FUNCTION_LOCALS locals is rejected (implementation limit)', () => {
  valid(func([i32], [], [], { locals: [{ count: MAX_FUNCTION_LOCALS - 1, type: i64 }] }));
  invalid(func([i32], [], [], { locals: [{ count: MAX_FUNCTION_LOCALS, type: i64 }] }), 'too many locals');
  invalid(func([], [], [], { locals: [{ count: 0xffffffff, type: i64 }, { count: 0xffffffff, type: i32 }] }), 'too many locals');
});

test('REQ-CORE-VAL-025: structurally broken bodies fail with a ValidationError', () => {
  invalid(func([], [], [I('else')]), 'else without matching if');
  invalid(func([], [], [I('end'), I('nop')]), 'unbalanced end of function body');
  const m = func([], [], []);
  const noEnd = { ...m, codes: [{ ...m.codes[0]!, body: [] }] };
  invalid(noEnd, 'unbalanced end of function body');
  invalid(func([], [], [I(0xff)]), 'unknown opcode');
  invalid(func([], [], [I('v128.const'), I('drop')]), 'instruction lacks its immediate');
  invalid(func([], [], [I('i64.const'), I('drop')]), 'instruction lacks its immediate');
});
