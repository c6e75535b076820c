import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store, load } from '../../src/core/index.js';
import { repoRoot } from '../../scripts/bundle.js';

test('REQ-EMB-010: an execution reports the fuel its last run used: for a finished call exactly the least fuel with which it finishes', () => {
  const module = load(new Uint8Array(readFileSync(join(repoRoot(), 'examples', 'add.wasm'))));
  const store = new Store();
  const fac = store.instantiate(module, {}).exports.get('fac');
  assert.ok(fac !== undefined);
  fc.assert(fc.property(fc.bigInt({ min: 0n, max: 20n }), (n) => {
    const ex = store.start(fac, [{ type: 'i64', value: n }]);
    assert.equal(ex.lastFuelUsed, 0);
    assert.equal(ex.run(1_000_000).status, 'done');
    const used = ex.lastFuelUsed;
    assert.ok(used > 0);
    const exact = store.start(fac, [{ type: 'i64', value: n }]).run(used);
    assert.equal(exact.status, 'done');
    const short = store.start(fac, [{ type: 'i64', value: n }]).run(used - 1);
    assert.equal(short.status, 'paused');
    assert.equal(short.status === 'paused' ? short.fuelUsed : -1, used - 1);
    // Resuming the paused call finishes it with the one instruction left.
    const resumed = store.start(fac, [{ type: 'i64', value: n }]);
    assert.equal(resumed.run(used - 1).status, 'paused');
    assert.equal(resumed.run(10).status, 'done');
    assert.equal(resumed.lastFuelUsed, 1);
  }), { numRuns: 21 });
});
