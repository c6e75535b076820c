/**
 * The compiled output the interpreter reads stays word for word what it was when the digests were
 * written (compiled-digests.ts), whatever the load path optimizes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { computeDigests, DIGESTS_FILE } from './compiled-digests.js';

test('REQ-PERF-LOAD-003: the compiled output of the spec testsuite, the benchmark module and StarlingMonkey matches the committed digests', async (t) => {
  const expected = JSON.parse(readFileSync(DIGESTS_FILE, 'utf8')) as Record<string, string>;
  const actual = await computeDigests();
  const missing = Object.keys(expected).filter((k) => !(k in actual));
  const differing = Object.keys(actual).filter((k) => expected[k] !== actual[k]);
  assert.deepEqual(differing, [], 'compiled output differs from the committed digests');
  // A source absent on this machine (the spec suite, StarlingMonkey) makes the test skipped, never
  // passed; under CI every source must be there.
  if (missing.length > 0) {
    if (process.env['CI']) assert.fail(`sources missing under CI: ${missing.join(', ')}`);
    t.skip(`${missing.length} of ${Object.keys(expected).length} digests not checked (source not present): ${missing.slice(0, 3).join(', ')}`);
  }
});
