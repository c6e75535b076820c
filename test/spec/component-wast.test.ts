/**
 * The Component Model reference tests (../shared/component-model/test: values, resources, binary,
 * validation, linking), one test per .wast file: no file may do worse than recorded in
 * spec-tests/component-expected.json, where every command that does not pass is listed with its reason.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runComponentWastFile } from '../../spec-tests/component-runner.js';
import { componentSuiteFiles, defaultComponentSuiteDir } from '../../spec-tests/component-suite.js';
import { readExpectations } from '../../spec-tests/component-expected.js';
import { packageRoot } from '../../spec-tests/suite.js';

const dir = defaultComponentSuiteDir();
const root = packageRoot();

if (dir === undefined || root === undefined) {
  test('REQ-CM-API-010: Component Model reference tests', (t) => {
    t.skip('../shared/component-model/test not found next to the repository: clone the component-model repository there to run it');
  });
} else {
  const expected = readExpectations(root);
  const files = componentSuiteFiles(dir);
  test('REQ-CM-API-010: every reference test file has a recorded expectation', () => {
    for (const f of files) {
      const key = f.slice(dir.length + 1);
      assert.ok(expected.files[key] !== undefined, `no expectation recorded for ${key}`);
    }
  });
  for (const f of files) {
    const key = f.slice(dir.length + 1);
    test(`REQ-CM-API-010: component reference test ${key} does not regress`, async () => {
      const want = expected.files[key];
      assert.ok(want !== undefined, `no expectation recorded for ${key}`);
      const r = await runComponentWastFile(f);
      const fails = r.assertions.filter((a) => a.outcome === 'fail').slice(0, 15).map((a) => `  ${key}:${a.line} ${a.command} ${a.reason ?? ''}`);
      assert.ok(r.passed >= want.passed, `${key}: ${r.passed} passed, recorded ${want.passed}\n${fails.join('\n')}`);
      assert.ok(r.failed <= want.failed, `${key}: ${r.failed} failed, recorded ${want.failed}\n${fails.join('\n')}`);
      assert.equal(want.excluded.length, want.failed + want.skipped, `${key}: every non-passing command needs a recorded reason`);
    });
  }
}
