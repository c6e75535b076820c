/** Every limit of `Limits` is enforced, raises the right typed outcome, and leaves the store usable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LimitExceeded, Store, load } from '../../../src/core/index.js';
import { setup, wat } from './wat.js';

const isLimit = (kind: string) => (e: unknown): boolean => e instanceof LimitExceeded && e.limit === kind;

const BOMB = `(module (memory (export "m") 1)
  (func (export "bomb") (result i32) (local i32)
    (loop $l (if (i32.ne (memory.grow (i32.const 100)) (i32.const -1)) (then (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l))))
    (local.get 0))
  (func (export "size") (result i32) (memory.size)))`;

test('REQ-CORE-LIM-001: memory.grow beyond the store memory limit returns -1 and the store keeps working', async () => {
  const { store, inst } = await setup(BOMB, { limits: { memoryBytes: 16 * 1024 * 1024 } });
  const [grown] = store.invokeExport(inst, 'bomb');
  assert.equal(grown, 2); // 1 + 100 + 100 pages = 201 pages fit in 256; a third +100 does not
  assert.deepEqual(store.invokeExport(inst, 'size'), [201]);
  assert.equal(store.memoryView(inst.exports.get('m')!).length, 201 * 65536);
  assert.deepEqual(store.invokeExport(inst, 'bomb'), [0]);
});

test('REQ-CORE-LIM-002: memory.grow beyond the declared max or 65536 pages returns -1', async () => {
  const { store, inst } = await setup(`(module (memory 1 3)
    (func (export "g") (param i32) (result i32) (memory.grow (local.get 0))))`);
  assert.deepEqual(store.invokeExport(inst, 'g', 3), [-1]);
  assert.deepEqual(store.invokeExport(inst, 'g', 2), [1]);
  assert.deepEqual(store.invokeExport(inst, 'g', 0), [3]);
  assert.deepEqual(store.invokeExport(inst, 'g', 1), [-1]);
  const big = await setup(`(module (memory 1) (func (export "g") (param i32) (result i32) (memory.grow (local.get 0))))`);
  assert.deepEqual(big.store.invokeExport(big.inst, 'g', 65536), [-1]);
  assert.deepEqual(big.store.invokeExport(big.inst, 'g', -1), [-1]);
});

test('REQ-CORE-LIM-003: instantiation charges memories and tables before allocating (LimitExceeded memory/table)', async () => {
  const store = new Store({ limits: { memoryBytes: 3 * 65536 + 80, tableElements: 100 } });
  const m2 = load(await wat('(module (memory 2) (table 10 funcref))'));
  store.instantiate(m2, {}); // 2 pages + 10 elements
  assert.throws(() => store.instantiate(m2, {}), isLimit('memory'));
  store.instantiate(load(await wat('(module (memory 1))')), {}); // the failed attempt charged nothing
  const t101 = load(await wat('(module (table 101 funcref))'));
  assert.throws(() => store.instantiate(t101, {}), isLimit('table'));
  assert.throws(() => store.hostMemory({ limits: { min: 1 } }), isLimit('memory'));
});

test('REQ-CORE-LIM-004: table.grow beyond the element limit or the max returns -1', async () => {
  const { store, inst } = await setup(`(module (table $t 1 funcref) (table $u 1 5 externref)
    (func (export "g") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
    (func (export "h") (param i32) (result i32) (table.grow $u (ref.null extern) (local.get 0))))`, { limits: { tableElements: 50 } });
  assert.deepEqual(store.invokeExport(inst, 'g', 50), [-1]);
  assert.deepEqual(store.invokeExport(inst, 'g', 49), [1]);
  assert.deepEqual(store.invokeExport(inst, 'h', 5), [-1]);
  assert.deepEqual(store.invokeExport(inst, 'h', 4), [1]);
});

const RECURSE = `(module (func $r (export "r") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1)))))))
  (func $inf (export "inf") (call $inf)))`;

test('REQ-CORE-LIM-005: unbounded recursion raises LimitExceeded call-depth and the store survives', async () => {
  const { store, inst } = await setup(RECURSE, { limits: { callDepth: 500 } });
  assert.throws(() => store.invokeExport(inst, 'inf'), isLimit('call-depth'));
  assert.throws(() => store.invokeExport(inst, 'r', 500), isLimit('call-depth'));
  assert.deepEqual(store.invokeExport(inst, 'r', 498), [498]);
  const deflt = await setup(RECURSE);
  assert.throws(() => deflt.store.invokeExport(deflt.inst, 'inf'), isLimit('call-depth'));
  assert.deepEqual(deflt.store.invokeExport(deflt.inst, 'r', 5000), [5000]);
});

test('REQ-CORE-LIM-006: a frame that would pass the operand-stack limit raises LimitExceeded operand-stack', async () => {
  const { store, inst } = await setup(`(module (func $f (export "f") (param i32) (local i64 i64 i64 i64 i64 i64 i64 i64)
      (if (local.get 0) (then (call $f (i32.sub (local.get 0) (i32.const 1))))))
    (func (export "ok") (result i32) (i32.const 1)))`, { limits: { operandStack: 1000 } });
  assert.throws(() => store.invokeExport(inst, 'f', 200), isLimit('operand-stack'));
  store.invokeExport(inst, 'f', 50);
  assert.deepEqual(store.invokeExport(inst, 'ok'), [1]);
});

const LOOP = `(module (global $n (export "n") (mut i32) (i32.const 0))
  (func (export "spin") (loop $l (global.set $n (i32.add (global.get $n) (i32.const 1))) (br $l)))
  (func (export "one") (result i32) (i32.const 1)))`;

test('REQ-CORE-LIM-007: an endless loop stops with LimitExceeded fuel (store limit or per-call option)', async () => {
  const { store, inst } = await setup(LOOP, { limits: { fuel: 10_000 } });
  assert.throws(() => store.invokeExport(inst, 'spin'), isLimit('fuel'));
  const n = store.globalValue(inst.exports.get('n')!).value as number;
  assert.equal(n, 10_000 / 5); // 5 instructions per iteration: fuel counts executed instructions exactly
  assert.throws(() => store.invoke(inst.exports.get('spin')!, [], { fuel: 40 }), isLimit('fuel'));
  assert.deepEqual(store.invokeExport(inst, 'one'), [1]);
});

test('REQ-CORE-LIM-008: an endless loop stops with LimitExceeded deadline on the injected clock', async () => {
  let clock = 0;
  const { store, inst } = await setup(LOOP, { limits: { deadlineMs: 50 }, now: () => (clock += 1) });
  assert.throws(() => store.invokeExport(inst, 'spin'), isLimit('deadline'));
  const n = store.globalValue(inst.exports.get('n')!).value as number;
  assert.ok(n >= 4096 / 5 && n < 100 * 4096, `iterations ${n}`); // checked every 4096 instructions
  assert.throws(() => store.invoke(inst.exports.get('spin')!, [], { deadlineMs: 5 }), isLimit('deadline'));
  assert.deepEqual(store.invokeExport(inst, 'one'), [1]);
});
