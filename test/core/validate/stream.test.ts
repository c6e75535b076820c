/**
 * The validator compiles decoded bodies straight from their bytes (InstrCursor, `FuncBody.stream`).
 * Differential check: the same module compiled from its materialized instruction lists (the
 * `body` getter, the only path hand-built modules have) must give identical compiled functions and
 * identical validation errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, type Module } from '../../../src/core/binary/index.js';
import { ValidationError } from '../../../src/core/errors.js';
import type { ValidatedModule } from '../../../src/core/validate/compiled.js';
import { validate } from '../../../src/core/validate/index.js';
import { bigModule } from '../../../bench/src/big-module.js';
import { wat } from '../exec/wat.js';

/** Every immediate shape: block types, br_table, typed select, i64/f32/f64/v128 constants, shuffles, lanes, memargs, tables, bulk ops. */
const PROGRAM = `(module
  (type $t (func (param i32) (result i32)))
  (memory 1) (table $tab 2 funcref) (elem declare func $f)
  (data $d "abc") (elem $e func $f)
  (global $g (mut i64) (i64.const -1))
  (func $f (type $t) (local.get 0))
  (func (export "main") (param i32 i64) (result i32) (local f32 f64 v128)
    (block $a (result i32)
      (i32.const 3)
      (block $b (param i32) (result i32)
        (drop)
        (br_table $a $b $a (i32.const 1) (local.get 0)))
      (drop) (i32.const 0))
    (drop)
    (drop (select (result i64) (i64.const 0x7fffffffffffffff) (i64.const -0x8000000000000000) (local.get 0)))
    (drop (select (i64.const 4294967296) (i64.const -4294967297) (local.get 0)))
    (local.set 2 (f32.const -1.5)) (local.set 3 (f64.const 0x1.fffffffffffffp+1023))
    (local.set 4 (i8x16.shuffle 31 0 1 2 3 4 5 6 7 8 9 10 11 12 13 16 (v128.const i32x4 -1 2 -3 0x7fffffff) (local.get 4)))
    (local.set 4 (i32x4.replace_lane 3 (local.get 4) (i32x4.extract_lane 2 (local.get 4))))
    (local.set 4 (v128.load32_lane offset=4 align=1 2 (i32.const 8) (local.get 4)))
    (i64.store32 offset=12 align=2 (i32.const 0) (global.get $g))
    (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $d)
    (table.init $tab $e (i32.const 0) (i32.const 0) (i32.const 1)) (elem.drop $e)
    (table.set $tab (i32.const 1) (ref.func $f))
    (drop (call_indirect $tab (type $t) (i32.const 5) (i32.const 1)))
    (if (result i32) (local.get 0) (then (i32.const 1)) (else (loop $l (result i32) (br_if $l (i32.const 0)) (i32.const 2))))))`;

/** The module with every body given as its materialized instruction list only (no stream). */
function materialized(m: Module): Module {
  return { ...m, codes: m.codes.map((c) => ({ locals: c.locals, offset: c.offset, body: c.body })) };
}

function assertSameCompilation(a: ValidatedModule, b: ValidatedModule): void {
  assert.equal(a.functions.length, b.functions.length);
  for (let i = 0; i < a.functions.length; i++) {
    const fa = a.functions[i]!;
    const fb = b.functions[i]!;
    assert.deepEqual([...fa.code], [...fb.code], `code of function ${i}`);
    assert.deepEqual([...fa.side], [...fb.side], `side table of function ${i}`);
    assert.deepEqual([...fa.labels], [...fb.labels], `labels of function ${i}`);
    assert.deepEqual([...fa.labelHeights], [...fb.labelHeights], `label heights of function ${i}`);
    assert.deepEqual([...fa.localIsRef], [...fb.localIsRef], `local kinds of function ${i}`);
    assert.equal(fa.maxHeight, fb.maxHeight);
    assert.equal(fa.numLocals, fb.numLocals);
  }
}

test('REQ-PERF-008: streamed and materialized compilation agree on every immediate shape', async () => {
  const m = decode(await wat(PROGRAM));
  assert.ok(m.codes.every((c) => c.stream !== undefined), 'decoded bodies stream');
  const streamed = validate(m);
  const fromList = validate(materialized(m));
  assertSameCompilation(streamed, fromList);
  // The i64 constants reached the code as their two words.
  const code = streamed.functions[1]!.code;
  const words = [...code].join(',');
  assert.ok(words.includes([-1, 0x7fffffff].join(',')), 'i64.const 0x7fff...ffff as lo, hi');
  assert.ok(words.includes([0, 1].join(',')), 'i64.const 2^32 as lo, hi');
});

test('REQ-PERF-008: streamed and materialized compilation agree on a large generated module', () => {
  const m = decode(bigModule(200_000));
  assertSameCompilation(validate(m), validate(materialized(m)));
});

test('REQ-PERF-008: an invalid body fails with the same ValidationError on both paths', async () => {
  const bytes = await wat('(module (func (result i32) (local i32) (block (br_table 0 0 (i32.const 0))) (local.get 0) (i32.const 1) (i32.add) (i32.const 9)))');
  // Make the final i32.const an i64.const: the function's end then finds [i32 i64] for [i32].
  const at = bytes.lastIndexOf(0x41);
  assert.equal(bytes[at + 1], 9);
  bytes[at] = 0x42;
  const m = decode(bytes);
  const errors = [m, materialized(m)].map((mod) => {
    try {
      validate(mod);
    } catch (e) {
      return e;
    }
    return undefined;
  });
  for (const e of errors) assert.ok(e instanceof ValidationError, String(e));
  const [a, b] = errors as ValidationError[];
  assert.equal(a.reason, 'type mismatch');
  assert.deepEqual([a.reason, a.funcIndex, a.instrIndex, a.offset], [b.reason, b.funcIndex, b.instrIndex, b.offset]);
  assert.ok(a.instrIndex > 0);
});
