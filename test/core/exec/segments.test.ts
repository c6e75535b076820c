/**
 * Fuel charged per straight-line segment (src/core/exec/segments.ts): the costs themselves, and the
 * fuel the interpreter reports at the places where a segment is not run to its end (a host call
 * that suspends, a segment longer than the deadline-check chunk, a pause inside a segment).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, load, type Value } from '../../../src/core/index.js';
import { segmentCosts } from '../../../src/core/exec/segments.js';
import { Op } from '../../../src/core/validate/compiled.js';
import { genericCode, immediateWords } from '../../../src/core/validate/specialize.js';
import { wat } from './wat.js';

const i32 = (value: number): Value => ({ type: 'i32', value });

test('REQ-PERF-021: a segment cost is the instruction count through the next control instruction, 0 between instruction starts', async () => {
  const m = load(await wat(`(module
    (func $f (param i32) (result i32) (local i32)
      (local.set 1 (i32.add (local.get 0) (i32.const 5)))          ;; 4 straight-line instructions
      (block $b (loop $l
        (br_if $b (i32.ge_u (local.get 1) (i32.const 9)))            ;; label in the middle, then a br_if
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br $l)))
      (if (result i32) (local.get 1) (then (call $f (i32.const 20))) (else (i64.const 1) (drop) (i32.const 0)))))`));
  const c = m.functions[0]!;
  const cost = segmentCosts(c);
  assert.equal(segmentCosts(c), cost, 'computed once per compiled function');
  const code = genericCode(c.code);
  const control = new Set<number>([Op.IF, Op.BR, Op.BR_IF, Op.BR_TABLE, Op.RETURN, Op.CALL, Op.CALL_INDIRECT]);
  const starts: number[] = [];
  for (let pc = 0; pc < code.length; pc += 1 + immediateWords(code, pc)) starts.push(pc);
  let checkedImmediates = 0;
  for (let k = 0; k < starts.length; k++) {
    let expected = 1;
    for (let j = k; !control.has(code[starts[j]!]!); j++) expected++;
    assert.equal(cost[starts[k]!], expected, `cost at ${starts[k]}`);
    for (let w = starts[k]! + 1; w < (starts[k + 1] ?? code.length); w++) {
      assert.equal(cost[w], 0, `immediate word ${w}`);
      checkedImmediates++;
    }
  }
  assert.ok(checkedImmediates > 10, 'immediate words checked');
  assert.equal(cost[0], 8, 'local.get, i32.const, i32.add, local.set, then through the loop label: local.get, i32.const, i32.ge_u, br_if');
});

test('REQ-PERF-020: a host call that suspends is not counted; the repeated call and the rest of its segment are', async () => {
  const store = new Store();
  let suspend = true;
  const h = store.hostFunc({ params: [0x7f], results: [0x7f] }, ([a]) => {
    if (suspend) store.suspendHostCall();
    return [i32((a!.value as number) * 2)];
  });
  const m = load(await wat(`(module (import "h" "d" (func $d (param i32) (result i32)))
    (type $t (func (param i32) (result i32)))
    (table funcref (elem $d))
    (func (export "direct") (result i32) (i32.add (i32.const 1) (call $d (i32.const 20))))
    (func (export "indirect") (result i32) (i32.add (i32.const 1) (call_indirect (type $t) (i32.const 20) (i32.const 0)))))`));
  const inst = store.instantiate(m, { h: { d: h } });
  // direct: i32.const 1, i32.const 20 | call | i32.add, return. indirect: three pushes | call_indirect | ...
  for (const [name, before] of [['direct', 2], ['indirect', 3]] as const) {
    suspend = true;
    const ex = store.start(inst.exports.get(name)!, []);
    assert.deepEqual(ex.run(100), { status: 'paused', fuelUsed: before }, name);
    suspend = false;
    assert.deepEqual(ex.run(100), { status: 'done', values: [i32(41)] }, name);
    assert.equal(ex.lastFuelUsed, 3, `${name}: the call, i32.add and return`);
  }
});

test('REQ-PERF-020: a straight-line segment longer than the deadline-check chunk is charged exactly', async () => {
  const n = 5000; // more than CHUNK (4096) instructions without a control instruction
  const body = '(i32.const 1) (drop) '.repeat(n / 2);
  const m = load(await wat(`(module (func (export "f") (result i32) ${body} (i32.const 7)))`));
  const store = new Store();
  const f = store.instantiate(m, {}).exports.get('f')!;
  const total = n + 2; // the pushes and drops, i32.const 7, return
  assert.deepEqual(store.start(f, []).run(total), { status: 'done', values: [i32(7)] });
  assert.deepEqual(store.start(f, []).run(total - 1), { status: 'paused', fuelUsed: total - 1 });
  const ex = store.start(f, []);
  let used = 0;
  let pauses = 0;
  for (;;) {
    const r = ex.run(4097);
    if (r.status !== 'paused') { assert.deepEqual(r, { status: 'done', values: [i32(7)] }); break; }
    used += r.fuelUsed;
    pauses++;
  }
  assert.equal(pauses, 1);
  assert.equal(used + ex.lastFuelUsed, total);
});

test('REQ-PERF-020: a run paused inside a segment resumes there, and every split of a segment adds up to its length', async () => {
  const m = load(await wat(`(module (func (export "f") (param i32) (result i32) (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 0) (i32.const 3))))
      (br_if $l (i32.lt_u (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 100))))
    (local.get 1)))`));
  const store = new Store();
  const f = store.instantiate(m, {}).exports.get('f')!;
  const ex0 = store.start(f, [i32(99)]);
  const whole = ex0.run(Infinity);
  assert.equal(whole.status, 'done');
  // Find the exact instruction count, then split it at every offset into two runs.
  let total = 0;
  while (store.start(f, [i32(99)]).run(total).status === 'paused') total++;
  for (let first = 0; first <= total; first++) {
    const ex = store.start(f, [i32(99)]);
    const a = ex.run(first);
    if (first < total) {
      assert.deepEqual(a, { status: 'paused', fuelUsed: first });
      assert.deepEqual(ex.run(Infinity), whole);
      assert.equal(ex.lastFuelUsed, NaN, 'unlimited fuel reports NaN');
      const again = store.start(f, [i32(99)]);
      again.run(first);
      assert.deepEqual(again.run(total - first), whole, `split at ${first}`);
      assert.equal(again.lastFuelUsed, total - first);
    } else {
      assert.deepEqual(a, whole);
    }
  }
});
