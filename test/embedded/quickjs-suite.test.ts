/**
 * The CI subset of the embedded run (issue #8): the first SUBSET_COMMANDS commands of every file of the
 * 2.0 spec suite, run under Node and inside QuickJS on the product bundle with the same decision logic,
 * must agree assertion by assertion and pass, all in one QuickJS runtime limited to 32 MiB (the subset
 * stays clear of memory_grow.wast line 45, which alone needs 50 MiB: see MEMORY_LIMIT_EXCEPTIONS).
 * `npm run embedded` runs every command of every file, each file in a fresh runtime.
 */

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { defaultSuiteDir, suiteFiles } from '../../spec-tests/suite.js';
import { compareOutcomes } from '../../embedded/compare.js';
import { prepareScript } from '../../embedded/prepare.js';
import { runJob } from '../../embedded/quickjs/harness.js';
import { EmbeddedEngine, MEMORY_LIMIT_BYTES, loadEmbeddedCode } from '../../embedded/quickjs-host.js';
import { fromWire, toWire } from '../../embedded/wire.js';
import type { AssertionResult } from '../../spec-tests/script-run.js';

/** Commands per file in the CI subset (modules, actions and assertions alike, from the top). */
export const SUBSET_COMMANDS = 12;

const suiteDir = defaultSuiteDir();

if (suiteDir === undefined) {
  test('REQ-EMB-006: spec suite subset inside QuickJS', (t) => {
    t.skip('../shared/wasm-testsuite/2.0 not found next to the repository');
  });
} else {
  let engine: EmbeddedEngine | undefined;
  before(async () => {
    engine = await EmbeddedEngine.create(await loadEmbeddedCode(), { memoryLimitBytes: MEMORY_LIMIT_BYTES });
  });
  after(() => engine?.dispose());

  for (const path of suiteFiles(suiteDir)) {
    const file = basename(path);
    test(`REQ-EMB-006: QuickJS agrees with Node on the first ${SUBSET_COMMANDS} commands of ${file}`, async () => {
      assert.ok(engine !== undefined);
      const prepared = await prepareScript(file, new Uint8Array(readFileSync(path)), { maxCommands: SUBSET_COMMANDS });
      assert.ok(prepared.job !== undefined, prepared.error);
      const node = runJob(prepared.job, undefined);
      const embedded = fromWire(engine.call('runScript', toWire(prepared.job))) as AssertionResult[];
      assert.equal(embedded.length, prepared.job.commands.length);
      assert.deepEqual(compareOutcomes(node, embedded), []);
      const fails = embedded.filter((a) => a.outcome === 'fail');
      assert.deepEqual(fails, [], fails.map((a) => `${file}:${a.line} ${a.reason ?? ''}`).join('\n'));
      assert.ok(engine.memoryUsed() < MEMORY_LIMIT_BYTES);
    });
  }
}
