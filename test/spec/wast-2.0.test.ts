/**
 * The official WebAssembly 2.0 spec testsuite, one test per .wast file: each must run with zero
 * failures. Skips (text-format tests) are allowed; they are listed by `mcp-wrt spec`.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { runWastFile } from '../../spec-tests/runner.js';
import { defaultSuiteDir, suiteFiles } from '../../spec-tests/suite.js';

const suiteDir = defaultSuiteDir();

if (suiteDir === undefined) {
  test('REQ-HARN-013: WebAssembly 2.0 spec testsuite', (t) => {
    t.skip('../shared/wasm-testsuite/2.0 not found next to the repository: clone the official testsuite there to run it');
  });
} else {
  for (const file of suiteFiles(suiteDir)) {
    test(`REQ-HARN-013: spec testsuite 2.0 ${basename(file)} has no failures`, async () => {
      const r = await runWastFile(file);
      const fails = r.assertions.filter((a) => a.outcome === 'fail');
      const shown = fails.slice(0, 20).map((a) => `  ${r.file}:${a.line} ${a.command} ${a.reason ?? ''}`);
      if (fails.length > 20) shown.push(`  ... ${fails.length - 20} more`);
      assert.equal(r.failed, 0, `${r.failed} of ${r.assertions.length} commands failed:\n${shown.join('\n')}`);
      assert.ok(r.passed + r.skipped === r.assertions.length);
    });
  }
}
