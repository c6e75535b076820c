/**
 * Rewrites `spec-tests/component-expected.json` from a run of the Component Model reference tests
 * (`npm run spec:component:expect`, from the repository root). Review the diff before committing:
 * counts may only get better.
 */

import { runComponentWastFile } from './component-runner.js';
import { componentSuiteFiles, defaultComponentSuiteDir, NO_COMPONENT_SUITE_MESSAGE } from './component-suite.js';
import { writeExpectations } from './component-expected.js';
import { packageRoot } from './suite.js';
import type { FileResult } from './runner.js';

const dir = defaultComponentSuiteDir();
const root = packageRoot();
if (dir === undefined || root === undefined) {
  console.error(NO_COMPONENT_SUITE_MESSAGE);
  process.exit(2);
}
const results: FileResult[] = [];
for (const f of componentSuiteFiles(dir)) {
  const r = await runComponentWastFile(f);
  console.log(`${r.file}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  results.push(r);
}
writeExpectations(root, results);
console.log(`wrote ${root}/spec-tests/component-expected.json`);
