/**
 * Control-flow integrity, by fault injection: valid code never trips these checks, so each test
 * corrupts one trusted structure (side table, code, frame, table entry) and expects the matching
 * `CfiViolation`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CfiViolation, Store, load } from '../../../src/core/index.js';
import { Frame } from '../../../src/core/exec/interpreter.js';
import { internalStoreStateForTest } from '../../../src/core/exec/store.js';
import { Side, SIDE_ENTRY_SIZE } from '../../../src/core/validate/compiled.js';
import { wat } from './wat.js';

const isCfi = (check: string) => (e: unknown): boolean => e instanceof CfiViolation && e.check === check;

const BRANCHY = `(module (func (export "f") (param i32) (result i32)
  (block $b (result i32) (br_if $b (i32.const 7) (local.get 0)) (drop) (i32.const 8))))`;

async function branchy(): Promise<{ store: Store; run: (x: number) => unknown[]; side: Int32Array; labels: Uint8Array; code: Int32Array }> {
  const m = load(await wat(BRANCHY));
  const store = new Store();
  const inst = store.instantiate(m, {});
  const f = m.functions[0]!;
  return { store, run: (x) => store.invokeExport(inst, 'f', x), side: f.side, labels: f.labels, code: f.code };
}

test('REQ-CORE-CFI-001: a side entry whose target is not a recorded label raises CfiViolation branch-target', async () => {
  const b = await branchy();
  assert.deepEqual(b.run(1), [7]); // intact: the branch is taken
  const target = b.side[Side.TARGET]!;
  assert.equal(b.labels[target], 1);
  b.side[Side.TARGET] = target - 1; // lands inside the code, not on a label
  assert.throws(() => b.run(1), isCfi('branch-target'));
  assert.deepEqual(b.run(0), [8]); // the branch not taken does not use the entry
  b.side[Side.TARGET] = b.code.length + 5; // beyond the code
  assert.throws(() => b.run(1), isCfi('branch-target'));
});

test('REQ-CORE-CFI-002: a side entry with the wrong height raises CfiViolation branch-height', async () => {
  const b = await branchy();
  b.side[Side.HEIGHT] = b.side[Side.HEIGHT]! + 1;
  assert.throws(() => b.run(1), isCfi('branch-height'));
  assert.equal(SIDE_ENTRY_SIZE, 4);
});

test('REQ-CORE-CFI-003: a RETURN whose recorded height differs raises CfiViolation return-height', async () => {
  const b = await branchy();
  const ret = b.code.length - 2; // the final `RETURN height`
  assert.equal(b.code[ret], 0x0f);
  b.code[ret + 1] = b.code[ret + 1]! - 1;
  assert.throws(() => b.run(0), isCfi('return-height'));
});

test('REQ-CORE-CFI-004: a forged frame field is detected on return (CfiViolation frame)', async () => {
  const text = `(module
    (func $leaf (param i32) (result i32) (local.get 0) (i32.const 1) (i32.add) (i32.const 2) (i32.mul))
    (func (export "f") (param i32) (result i32) (i32.add (call $leaf (local.get 0)) (i32.const 100))))`;
  for (const field of [Frame.RET_PC, Frame.FUNC, Frame.FP] as const) {
    const store = new Store();
    const inst = store.instantiate(load(await wat(text)), {});
    const ex = store.start(inst.exports.get('f')!, [{ type: 'i32', value: 4 }]);
    assert.equal(ex.run(3).status, 'paused'); // local.get, CALL done: now inside $leaf
    const { frames, depth } = ex.internalFramesForTest();
    assert.equal(depth, 1);
    frames[field] = frames[field]! + 1;
    const r = ex.run(Infinity);
    assert.equal(r.status, 'trapped');
    if (r.status === 'trapped') assert.ok(isCfi('frame')(r.error), String(r.error));
    // Without corruption the same program returns normally.
    const ok = store.start(inst.exports.get('f')!, [{ type: 'i32', value: 4 }]);
    assert.equal(ok.run(3).status, 'paused');
    assert.deepEqual(ok.run(Infinity), { status: 'done', values: [{ type: 'i32', value: 110 }] });
  }
});

test('REQ-CORE-CFI-005: a funcref table entry that is not a function address raises CfiViolation call-type', async () => {
  const store = new Store();
  const inst = store.instantiate(load(await wat(`(module (type $v (func (result i32)))
    (table (export "t") 2 funcref) (elem (i32.const 0) $k)
    (func $k (result i32) (i32.const 42))
    (func (export "ci") (param i32) (result i32) (call_indirect (type $v) (local.get 0))))`)), {});
  assert.deepEqual(store.invokeExport(inst, 'ci', 0), [42]);
  const t = inst.exports.get('t')!;
  internalStoreStateForTest(store).tables[t.addr]!.elements[1] = 1_000_000; // forged: no such function
  assert.throws(() => store.invokeExport(inst, 'ci', 1), isCfi('call-type'));
  internalStoreStateForTest(store).tables[t.addr]!.elements[1] = -7; // forged: negative, not null
  assert.throws(() => store.invokeExport(inst, 'ci', 1), isCfi('call-type'));
  assert.deepEqual(store.invokeExport(inst, 'ci', 0), [42]); // the store stays usable
  // An externref handle smuggled into a funcref table is no function address either.
  const ext = store.instantiate(load(await wat(`(module (table (export "e") 1 externref)
    (func (export "put") (param externref) (table.set (i32.const 0) (local.get 0))))`)), {});
  store.invokeExport(ext, 'put', { secret: 1 });
  const handle = internalStoreStateForTest(store).tables[ext.exports.get('e')!.addr]!.elements[0]!;
  internalStoreStateForTest(store).tables[t.addr]!.elements[1] = handle;
  assert.throws(() => store.invokeExport(inst, 'ci', 1), isCfi('call-type'));
});
