/**
 * Property 4 (issue #6): running a generated program in random fuel slices (pause, keep the state,
 * resume) gives exactly the outcome of an uninterrupted run: the same results or trap for every call,
 * the same globals and memory. Each paused slice uses exactly its budget.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Trap, type Instance, type Store } from '../../src/core/index.js';
import { initWabt, intArgs, valueAsInt, type Outcome } from '../fuzz/oracle.js';
import { caseArb, runOurs, sameObserved, type Call } from '../fuzz/program-run.js';
import { checkProperty } from '../fuzz/property.js';

before(async () => {
  await initWabt();
});

/** Runs one call in slices taken round-robin from `slices`; checks every pause used its whole slice. */
function sliced(slices: readonly number[], log: { pauses: number }) {
  return (store: Store, inst: Instance, x: Call): Outcome => {
    const f = inst.exports.get(x.name)!;
    const ex = store.start(f, intArgs(f, x.args));
    for (let i = 0; ; i++) {
      const budget = slices[i % slices.length]!;
      const r = ex.run(budget);
      if (r.status === 'done') return { kind: 'values', values: r.values.map(valueAsInt) };
      if (r.status === 'trapped') {
        if (r.error instanceof Trap) return { kind: 'trap', trap: r.error.kind };
        throw r.error;
      }
      assert.equal(r.fuelUsed, budget, 'a paused run used exactly its fuel');
      log.pauses++;
      if (i > 5_000_000) throw new Error('no progress');
    }
  };
}

test('REQ-ROB-004: pausing at random fuel budgets and resuming gives the uninterrupted outcome', async () => {
  const log = { pauses: 0 };
  const slicesArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 8 })
    .filter((s) => s.some((x) => x > 0));
  await checkProperty('resume/slices', 50, fc.property(caseArb, slicesArb, (c, slices) => {
    const whole = runOurs(c);
    fc.pre(whole !== 'fuel');
    const parts = runOurs(c, sliced(slices, log));
    assert.notEqual(parts, 'fuel');
    if (parts === 'fuel' || !sameObserved(whole, parts)) {
      throw new Error(`sliced run differs with slices ${slices.join(',')}\n${c.program.text}`);
    }
    return true;
  }));
  console.log(`[property] resume/slices: ${log.pauses} pauses`);
  assert.ok(log.pauses > 0);
});
