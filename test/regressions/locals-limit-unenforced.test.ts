/**
 * Regression (found by property limits/locals, issue #6): `Limits.locals` was declared and documented
 * but never checked, so a function with more locals than the limit ran. Minimal counterexample: a
 * function with 2 locals under a limit of 1. Fixed in src/core/exec/instantiate.ts (checked before
 * any allocation).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LimitExceeded, Store, load } from '../../src/core/index.js';
import { assemble, initWabt } from '../fuzz/oracle.js';

before(async () => {
  await initWabt();
});

test('REQ-ROB-008: 2 locals under a locals limit of 1 raise LimitExceeded locals and allocate nothing', () => {
  const mod = load(assemble('(module (memory 1) (func (export "f") (result i32) (local i32 i32) (local.get 1)))'));
  const store = new Store({ limits: { locals: 1, memoryBytes: 65536 } });
  assert.throws(() => store.instantiate(mod, {}), (e: unknown) => e instanceof LimitExceeded && e.limit === 'locals');
  // Nothing was charged: the one page still fits, and at the limit the function runs.
  const ok = new Store({ limits: { locals: 2, memoryBytes: 65536 } });
  const inst = ok.instantiate(mod, {});
  assert.deepEqual(ok.invoke(inst.exports.get('f')!, []), [{ type: 'i32', value: 0 }]);
  assert.throws(() => store.instantiate(mod, {}), (e: unknown) => e instanceof LimitExceeded && e.limit === 'locals');
});
