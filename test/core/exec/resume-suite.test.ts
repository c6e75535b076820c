/**
 * DESIGN.md invariant 7 against the official testsuite: control-heavy scripts run with every invoke
 * executed as a resumable execution in fuel slices of 1 to 7 instructions; every assertion must still
 * pass. (Test-only: `Store.prototype.invoke` is replaced in this test process.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LimitExceeded, Store, type ExternVal, type Value } from '../../../src/core/index.js';
import type { InvokeOptions } from '../../../src/core/exec/store.js';
import { runWastFile } from '../../../spec-tests/runner.js';
import { defaultSuiteDir } from '../../../spec-tests/suite.js';

const FILES = ['fac.wast', 'call.wast', 'call_indirect.wast', 'br_table.wast', 'left-to-right.wast', 'linking.wast',
  'memory_grow.wast', 'start.wast', 'unwind.wast', 'loop.wast', 'return.wast', 'stack.wast', 'select.wast', 'float_exprs.wast'];

let slice = 0;
function slicedInvoke(this: Store, func: ExternVal, args: Value[], opts: InvokeOptions = {}): Value[] {
  const ex = this.start(func, args);
  let budget = opts.fuel ?? this.limits.fuel;
  for (;;) {
    const r = ex.run(Math.min(budget, 1 + (slice++ % 7)));
    if (r.status === 'done') return r.values;
    if (r.status === 'trapped') throw r.error;
    budget -= r.fuelUsed;
    if (budget <= 0) { ex.abandon(); throw new LimitExceeded('fuel', 0); }
  }
}

const dir = defaultSuiteDir();
test('REQ-CORE-RES-006: testsuite scripts pass with every invoke run in fuel slices of 1-7 instructions', { skip: dir === undefined }, async () => {
  Store.prototype.invoke = slicedInvoke;
  let passed = 0;
  for (const f of FILES) {
    const path = join(dir!, f);
    if (!existsSync(path)) continue;
    const r = await runWastFile(path);
    const failures = r.assertions.filter((a) => a.outcome === 'fail').map((a) => `${f}:${a.line} ${a.reason ?? ''}`);
    assert.deepEqual(failures, [], f);
    passed += r.passed;
  }
  assert.ok(passed > 1000, `only ${passed} assertions ran`);
  assert.ok(slice > 100_000, `only ${slice} slices`);
});
