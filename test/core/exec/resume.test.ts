/**
 * Resumable execution: pausing after any instruction and resuming gives the same observable result
 * as one uninterrupted run (DESIGN.md invariant 7).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LimitExceeded, Store, Trap, load, type ExternVal } from '../../../src/core/index.js';
import { setup, wat } from './wat.js';

/** A small program touching calls, indirect calls, branches, memory, globals, i64 and floats. */
const PROGRAM = `(module
  (type $ii (func (param i32) (result i32)))
  (memory (export "m") 1)
  (global $acc (export "acc") (mut i64) (i64.const 0))
  (table 2 funcref) (elem (i32.const 0) $sq $neg)
  (func $sq (type $ii) (i32.mul (local.get 0) (local.get 0)))
  (func $neg (type $ii) (i32.sub (i32.const 0) (local.get 0)))
  (func $fib (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "main") (param i32) (result i32 f64) (local i32 f64)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get 1) (local.get 0)))
      (i32.store (i32.shl (local.get 1) (i32.const 2))
        (call_indirect (type $ii) (call $fib (local.get 1)) (i32.and (local.get 1) (i32.const 1))))
      (global.set $acc (i64.add (global.get $acc) (i64.extend_i32_s (i32.load (i32.shl (local.get 1) (i32.const 2))))))
      (local.set 2 (f64.add (local.get 2) (f64.sqrt (f64.convert_i32_u (local.get 1)))))
      (br_table $l $l $l (local.tee 1 (i32.add (local.get 1) (i32.const 1))))))
    (i32.wrap_i64 (global.get $acc)) (local.get 2)))`;

async function fresh(): Promise<{ store: Store; main: ExternVal; mem: ExternVal; acc: ExternVal }> {
  const { store, inst } = await setup(PROGRAM);
  return { store, main: inst.exports.get('main')!, mem: inst.exports.get('m')!, acc: inst.exports.get('acc')! };
}

test('REQ-CORE-RES-001: fuel 1 per run pauses at every instruction and ends with the same result and state', async () => {
  const a = await fresh();
  const ex1 = a.store.start(a.main, [{ type: 'i32', value: 12 }]);
  const once = ex1.run(Infinity);
  assert.equal(once.status, 'done');

  const b = await fresh();
  const ex = b.store.start(b.main, [{ type: 'i32', value: 12 }]);
  let pauses = 0;
  for (;;) {
    const r = ex.run(1);
    if (r.status === 'paused') { assert.equal(r.fuelUsed, 1); pauses++; continue; }
    assert.equal(r.status, 'done');
    assert.deepEqual(r, once);
    break;
  }
  assert.ok(pauses > 1000, `paused ${pauses} times`);
  assert.deepEqual(b.store.memoryView(b.mem).slice(0, 64), a.store.memoryView(a.mem).slice(0, 64));
  assert.deepEqual(b.store.globalValue(b.acc), a.store.globalValue(a.acc));

  // The total fuel of the paused runs is exactly the instruction count: one run with that much fuel
  // finishes, one less pauses.
  const c = await fresh();
  const r1 = c.store.start(c.main, [{ type: 'i32', value: 12 }]).run(pauses + 1);
  assert.equal(r1.status, 'done');
  const d = await fresh();
  const r2 = d.store.start(d.main, [{ type: 'i32', value: 12 }]).run(pauses);
  assert.equal(r2.status, 'paused');
});

test('REQ-CORE-RES-002: random fuel slices give the same result as one run (property)', async () => {
  const a = await fresh();
  const expected = a.store.start(a.main, [{ type: 'i32', value: 9 }]).run(Infinity);
  await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 20 }), async (slices) => {
    const b = await fresh();
    const ex = b.store.start(b.main, [{ type: 'i32', value: 9 }]);
    let i = 0;
    for (;;) {
      const r = ex.run(slices[i++ % slices.length]! + (i > 1000 ? 1 : 0));
      if (r.status === 'paused') continue;
      assert.deepEqual(r, expected);
      return;
    }
  }), { numRuns: 30 });
});

test('REQ-CORE-RES-003: paused executions keep their state while the store runs other calls', async () => {
  const { store, main } = await fresh();
  const x = store.start(main, [{ type: 'i32', value: 10 }]);
  const y = store.start(main, [{ type: 'i32', value: 10 }]);
  assert.equal(x.run(100).status, 'paused');
  assert.equal(y.run(37).status, 'paused');
  const direct = store.invoke(main, [{ type: 'i32', value: 3 }]);
  assert.equal(direct.length, 2);
  const rx = x.run(Infinity);
  const ry = y.run(Infinity);
  assert.equal(rx.status, 'done');
  assert.equal(ry.status, 'done');
  // The global accumulates across the three calls; both executions saw the same arithmetic.
  if (rx.status === 'done' && ry.status === 'done') {
    assert.deepEqual(rx.values[1], ry.values[1]);
    assert.deepEqual(x.run(5), rx); // a finished execution keeps returning its result
  }
});

test('REQ-CORE-RES-004: a trap ends an execution for good; run(0) pauses without executing', async () => {
  const { store, inst } = await setup(`(module (func (export "t") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))`);
  const ex = store.start(inst.exports.get('t')!, [{ type: 'i32', value: 0 }]);
  assert.deepEqual(ex.run(0), { status: 'paused', fuelUsed: 0 });
  const r = ex.run(10);
  assert.equal(r.status, 'trapped');
  if (r.status === 'trapped') assert.ok(r.error instanceof Trap && r.error.kind === 'integer divide by zero');
  assert.equal(ex.run(10).status, 'trapped');
  assert.throws(() => store.invoke(inst.exports.get('t')!, [{ type: 'i32', value: 0 }]), Trap);
  assert.deepEqual(store.invokeExport(inst, 't', 1), [1]);
});

test('REQ-CORE-RES-005: a host function runs as one resumable step; limits inside a resumed run still apply', async () => {
  const store = new Store({ limits: { callDepth: 100 } });
  const seen: number[] = [];
  const log = store.hostFunc({ params: [0x7f], results: [] }, (a) => { seen.push(a[0]!.value as number); return []; });
  const m = load(await wat(`(module (import "h" "log" (func $log (param i32)))
    (func $r (export "r") (param i32) (call $log (local.get 0)) (call $r (i32.add (local.get 0) (i32.const 1)))))`));
  const inst = store.instantiate(m, { h: { log } });
  const ex = store.start(inst.exports.get('r')!, [{ type: 'i32', value: 0 }]);
  let r = ex.run(3);
  while (r.status === 'paused') r = ex.run(3);
  assert.equal(r.status, 'trapped');
  if (r.status === 'trapped') assert.ok(r.error instanceof LimitExceeded && r.error.limit === 'call-depth');
  assert.equal(seen.length, 100);
  assert.deepEqual(seen.slice(0, 3), [0, 1, 2]);
});
