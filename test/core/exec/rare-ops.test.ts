/**
 * The instructions the interpreter runs out of its main loop (exec/rare-ops.ts), against V8: one
 * function mixes them with main-loop instructions, so a wrong result or a wrong number of skipped
 * immediate words shows up in the checksum and in the memory. Plus the CFI check that moved there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CfiViolation, Store, load } from '../../../src/core/index.js';
import { v8Instance, v8Memory, wat } from './wat.js';

/** Each line folds one out-of-line instruction (immediates included) into $acc or into memory. */
const PROGRAM = `(module
  (memory (export "m") 1) (table $t 4 funcref) (table $x 2 externref)
  (data $d "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10")
  (elem $e func $id $id)
  (func $id (param i32) (result i32) (local.get 0))
  (func (export "main") (param $a i32) (param $b i64) (param $f f64) (result i32 i64)
    (local $acc i32) (local $w i64) (local $v v128)
    (memory.init $d (i32.const 32) (i32.const 0) (i32.const 16))
    (memory.copy (i32.const 64) (i32.const 32) (i32.const 16))
    (memory.fill (i32.const 96) (local.get $a) (i32.const 5))
    (table.init $t $e (i32.const 1) (i32.const 0) (i32.const 2)) (elem.drop $e) (data.drop $d)
    (table.copy $t $t (i32.const 0) (i32.const 1) (i32.const 1))
    (drop (table.grow $t (ref.null func) (i32.const 1)))
    (table.fill $x (i32.const 0) (ref.null extern) (i32.const 2))
    (table.set $t (i32.const 3) (table.get $t (i32.const 0)))
    (local.set $acc (i32.add (local.get $acc) (i32.mul (table.size $t) (i32.const 7))))
    (local.set $acc (i32.add (local.get $acc) (ref.is_null (table.get $t (i32.const 4)))))
    (local.set $acc (i32.add (local.get $acc) (call_indirect $t (param i32) (result i32) (local.get $a) (i32.const 3))))
    (local.set $acc (i32.xor (local.get $acc) (i32.ctz (local.get $a))))
    (local.set $acc (i32.xor (local.get $acc) (i32.popcnt (local.get $a))))
    (local.set $w (i64.add (local.get $w) (i64.clz (local.get $b))))
    (local.set $w (i64.add (local.get $w) (i64.ctz (local.get $b))))
    (local.set $w (i64.add (local.get $w) (i64.popcnt (local.get $b))))
    (local.set $w (i64.xor (local.get $w) (i64.div_s (local.get $b) (i64.const 7))))
    (local.set $w (i64.xor (local.get $w) (i64.div_u (local.get $b) (i64.const 7))))
    (local.set $w (i64.xor (local.get $w) (i64.rem_s (local.get $b) (i64.const 7))))
    (local.set $w (i64.xor (local.get $w) (i64.rem_u (local.get $b) (i64.const 7))))
    (local.set $w (i64.xor (local.get $w) (i64.rotl (local.get $b) (i64.const 13))))
    (local.set $w (i64.xor (local.get $w) (i64.rotr (local.get $b) (i64.const 13))))
    (local.set $acc (i32.add (local.get $acc) (i32.trunc_f64_s (f64.floor (local.get $f)))))
    (local.set $acc (i32.add (local.get $acc) (i32.trunc_f32_u (f32.ceil (f32.demote_f64 (f64.abs (local.get $f)))))))
    (local.set $acc (i32.add (local.get $acc) (i32.trunc_sat_f64_u (f64.nearest (local.get $f)))))
    (local.set $acc (i32.add (local.get $acc) (i32.trunc_sat_f32_s (f32.sqrt (f32.convert_i32_u (local.get $a))))))
    (local.set $w (i64.add (local.get $w) (i64.trunc_f64_s (f64.trunc (f64.min (local.get $f) (f64.const 1e9))))))
    (local.set $w (i64.add (local.get $w) (i64.trunc_sat_f32_u (f32.max (f32.convert_i64_s (local.get $b)) (f32.const 3)))))
    (local.set $w (i64.add (local.get $w) (i64.reinterpret_f64 (f64.convert_i64_u (local.get $b)))))
    (local.set $w (i64.add (local.get $w) (i64.reinterpret_f64 (f64.convert_i32_u (local.get $a)))))
    (local.set $v (v128.load offset=32 (i32.const 0)))
    (local.set $v (v128.load16_lane offset=34 3 (i32.const 0) (local.get $v)))
    (v128.store32_lane offset=128 1 (i32.const 0) (local.get $v))
    (v128.store offset=144 (i32.const 0) (i16x8.add (v128.load8x8_s offset=32 (i32.const 0)) (v128.load32_splat offset=36 (i32.const 0))))
    (v128.store offset=160 (i32.const 0) (v128.load64_zero offset=40 (i32.const 0)))
    (local.set $acc (i32.add (local.get $acc) (i32x4.extract_lane 2 (local.get $v))))
    (local.get $acc) (local.get $w)))`;

test('REQ-PERF-010: out-of-line instructions give V8 results and memory, immediates skipped exactly', async () => {
  const bytes = await wat(PROGRAM);
  for (const [a, b, f] of [[0x12345678, -0x123456789abcdefn, 2.75], [-9, 0x7edcba9876543210n, -1234.5]] as const) {
    const v8 = await v8Instance(bytes);
    const expected = (v8['main']!)(a, b, f) as [number, bigint];
    const store = new Store();
    const inst = store.instantiate(load(bytes), {});
    const got = store.invokeExport(inst, 'main', a, b, f) as [number, bigint];
    assert.deepEqual(got, expected);
    assert.deepEqual([...store.memoryView(inst.exports.get('m')!).subarray(0, 256)], [...v8Memory(v8, 'm').subarray(0, 256)]);
  }
});

test('REQ-PERF-010: an opcode word that is no instruction raises CfiViolation branch-target', async () => {
  const m = load(await wat('(module (func (export "f") (result i32) (i32.const 1) (i32.ctz)))'));
  const code = m.functions[0]!.code;
  const ctz = code.indexOf(0x68);
  assert.ok(ctz > 0);
  const store = new Store();
  const inst = store.instantiate(m, {});
  assert.deepEqual(store.invokeExport(inst, 'f'), [0]);
  for (const bogus of [0x12b, 0x1ff, 0x300, -1]) {
    code[ctz] = bogus;
    assert.throws(() => store.invokeExport(inst, 'f'), (e: unknown) => e instanceof CfiViolation && e.check === 'branch-target');
  }
});
