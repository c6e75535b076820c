/** `mcp-wrt spec --component`: same report format and closing line as the core suite. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { specCommand } from '../../src/cli/spec.js';
import type { Io } from '../../src/cli/io.js';
import { defaultComponentSuiteDir } from '../../spec-tests/component-suite.js';

function capture(): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), progress: () => undefined };
}

const dir = defaultComponentSuiteDir();

test('REQ-CM-API-010: mcp-wrt spec --component runs a reference test file and ends with the totals line', async (t) => {
  if (dir === undefined) {
    t.skip('../shared/component-model/test not found next to the repository');
    return;
  }
  const io = capture();
  const tmp = mkdtempSync(join(tmpdir(), 'cinst-cli-'));
  try {
    const json = join(tmp, 'r.json');
    const code = await specCommand(['--component', join(dir, 'values', 'strings.wast'), '--json', json], io);
    assert.equal(code, 0);
    assert.match(io.lines[0] ?? '', /^values\/strings\.wast: \d+ passed, 0 failed, \d+ skipped/);
    assert.match(io.lines.at(-1) ?? '', /^\d+ passed, 0 failed, \d+ skipped$/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { totals: { passed: number } };
    assert.ok(report.totals.passed > 0);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
