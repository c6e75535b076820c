/**
 * The specialized code (validate/specialize.ts) against the generic code it replaces: same results,
 * same memory, and exactly the same fuel, whether run at once or paused after every instruction.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, load, type Value } from '../../../src/core/index.js';
import { Fast } from '../../../src/core/validate/compiled.js';
import { genericCode } from '../../../src/core/validate/specialize.js';
import { wat } from './wat.js';

const BINOPS = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u', 'add', 'sub', 'mul', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u'];
const TESTS = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];

/** A loop that runs every fused family with changing operands (negative ones included). */
const PROGRAM = `(module
  (memory (export "m") 1)
  (func (export "main") (param $n i32) (result i32 i64 f64) (local $i i32) (local $x i32) (local $acc i32) (local $w i64) (local $d f64) (local $v v128)
    (local.set $x (i32.const -7))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      ${BINOPS.map((op) => `(local.set $acc (i32.xor (local.get $acc) (i32.${op} (local.get $x) (i32.const 3))))
      (local.set $acc (i32.add (local.get $acc) (i32.${op} (local.get $x) (local.get $i))))`).join('\n      ')}
      ${TESTS.map((op) => `(block $b (br_if $b (i32.${op} (local.get $x) (local.get $i))) (local.set $acc (i32.add (local.get $acc) (i32.const 1))))`).join('\n      ')}
      (block $z (br_if $z (i32.eqz (i32.and (local.get $i) (i32.const 3)))) (local.set $acc (i32.sub (local.get $acc) (i32.const 5))))
      (i32.store (i32.add (local.get $i) (i32.const 16)) (local.tee $x (i32.add (local.get $x) (i32.const 2))))
      (local.set $w (i64.add (local.get $w) (i64.extend_i32_s (local.get $acc))))
      (drop (local.tee $w (i64.add (local.get $w) (i64.const 1))))
      ;; a fused br_if that carries a value over an operand below it (the value moves down one slot)
      (local.set $acc (i32.add (local.get $acc) (block $c (result i32) (i32.const 100) (local.get $i)
        (br_if $c (i32.lt_u (local.get $i) (i32.const 20))) (drop))))
      (local.set $d (f64.add (local.get $d) (f64.convert_i32_s (local.get $x))))
      (local.set $v (i32x4.add (local.get $v) (i32x4.splat (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (i32.add (local.get $acc) (i32x4.extract_lane 3 (local.get $v))) (local.get $w) (local.get $d)))`;

type Func = Parameters<Store['start']>[0];

async function instance(generic: boolean): Promise<{ store: Store; main: Func; mem: Func; specialized: number }> {
  const m = load(await wat(PROGRAM));
  let specialized = 0;
  for (const f of m.functions) {
    const g = genericCode(f.code);
    for (let i = 0; i < g.length; i++) if (g[i] !== f.code[i]) specialized++;
    if (generic) f.code.set(g);
  }
  const store = new Store();
  const inst = store.instantiate(m, {});
  return { store, main: inst.exports.get('main')!, mem: inst.exports.get('m')!, specialized };
}

const ARG: Value[] = [{ type: 'i32', value: 40 }];

/** Runs with `slice` fuel per run until done; returns the results and the number of paused runs. */
function runSliced(store: Store, main: Func, slice: number): { values: Value[]; pauses: number } {
  const ex = store.start(main, ARG);
  let pauses = 0;
  for (;;) {
    const r = ex.run(slice);
    if (r.status === 'paused') { assert.equal(r.fuelUsed, slice); pauses++; continue; }
    assert.equal(r.status, 'done');
    return { values: r.values, pauses };
  }
}

test('REQ-PERF-001: specialized code gives the results of the generic code', async () => {
  const s = await instance(false);
  const g = await instance(true);
  assert.ok(s.specialized > 50, `only ${s.specialized} opcode words specialized`);
  assert.deepEqual(s.store.invoke(s.main, ARG), g.store.invoke(g.main, ARG));
  assert.deepEqual(s.store.memoryView(s.mem).slice(0, 256), g.store.memoryView(g.mem).slice(0, 256));
});

test('REQ-PERF-002: fused instructions cost one fuel unit per instruction they stand for, pausable anywhere', async () => {
  const s = await instance(false);
  const g = await instance(true);
  // One instruction per run: the specialized code pauses exactly as often as the generic code.
  const a = runSliced(s.store, s.main, 1);
  const b = runSliced(g.store, g.main, 1);
  assert.equal(a.pauses, b.pauses);
  assert.deepEqual(a.values, b.values);
  // Slices that end inside fused sequences at every offset.
  for (const slice of [2, 3, 5, 7, 1000]) {
    const c = runSliced(s.store, s.main, slice);
    assert.equal(c.pauses, Math.floor(a.pauses / slice), `slice ${slice}`);
    assert.deepEqual(c.values, a.values);
  }
  // The instruction count is the exact fuel: that much finishes, one less pauses.
  assert.equal(s.store.start(s.main, ARG).run(a.pauses + 1).status, 'done');
  assert.equal(s.store.start(s.main, ARG).run(a.pauses).status, 'paused');
});

test('REQ-PERF-003: local access is typed by the local: 1 word, 2 words, or the generic 4-word move for v128', async () => {
  const m = load(await wat(`(module (func (param i32 i64 f32 f64 v128) (result i32)
    (local.get 1) (drop) (local.get 3) (drop) (local.get 2) (drop) (local.get 4) (drop) (local.get 0)))`));
  const code = m.functions[0]!.code;
  const ops = [code[0], code[3], code[6], code[9], code[12]];
  assert.deepEqual(ops, [Fast.LOCAL_GET_2, Fast.LOCAL_GET_2, Fast.LOCAL_GET_1, 0x20, Fast.LOCAL_GET_1]);
  assert.deepEqual([...genericCode(code)].filter((_, i) => i % 3 === 0 && i < 15), [0x20, 0x20, 0x20, 0x20, 0x20]);
});
