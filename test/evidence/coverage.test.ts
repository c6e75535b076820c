import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageReport, coverageTable } from '../../scripts/coverage-check.js';
import { makeRepo, repoRoot } from './fixture.js';

const metrics = (st: [number, number], br: [number, number]) => ({
  lines: { total: st[0], covered: st[1] },
  statements: { total: st[0], covered: st[1] },
  functions: { total: 1, covered: 1 },
  branches: { total: br[0], covered: br[1] },
});

test('REQ-EVID-COV-001: statement and branch coverage from c8 and monocart are aggregated per folder and gated', () => {
  const thresholds = { folders: { 'src/core': { c8Statements: 90, c8Branches: 90, monocartStatements: 90, monocartBranches: 90 } } };
  const c8 = {
    total: metrics([0, 0], [0, 0]),
    // c8 keys are absolute; a file built outside the tree still names the repository's src/ through its map.
    '/elsewhere/repo/src/core/a.ts': metrics([100, 100], [10, 10]),
    '/elsewhere/repo/src/core/x/b.ts': metrics([100, 90], [10, 9]),
    '/elsewhere/repo/src/core/x/never.ts': metrics([10, 0], [1, 0]),
    '/elsewhere/repo/dist/src/core/a.js': metrics([5, 5], [1, 1]),
  };
  // monocart keys are root-relative without the slash and count the implicit else: fewer covered branches.
  const mcr = {
    total: metrics([0, 0], [0, 0]),
    'elsewhere/repo/src/core/a.ts': metrics([120, 120], [12, 10]),
    'elsewhere/repo/src/core/x/b.ts': metrics([120, 100], [12, 9]),
  };
  const root = makeRepo([], {
    'coverage/thresholds.json': JSON.stringify(thresholds),
    'coverage/out/c8/coverage-summary.json': JSON.stringify(c8),
    'coverage/out/c8-monocart/coverage-summary.json': JSON.stringify(mcr),
  });
  const r = coverageReport(root)!;
  assert.deepEqual(Object.keys(r.files), ['src/core/a.ts', 'src/core/x/b.ts', 'src/core/x/never.ts']);
  const core = r.folders['src/core']!;
  assert.deepEqual([core.c8.statements.covered, core.c8.statements.total, core.c8.statements.pct], [190, 210, 90.48]);
  assert.deepEqual([core.c8.branches.covered, core.c8.branches.total], [19, 21]);
  assert.deepEqual([core.monocart!.branches.covered, core.monocart!.branches.total, core.monocart!.branches.pct], [19, 24, 79.17]);
  assert.equal(core.unloadedFiles, 1);
  assert.deepEqual(
    r.gates.map((g) => [g.metric, g.ok]),
    [['c8Statements', true], ['c8Branches', true], ['monocartStatements', true], ['monocartBranches', false]],
  );
  assert.deepEqual(r.ungated, ['src/core/x'], 'a folder of src/ holding files without a gate is reported');
  assert.match(coverageTable(r), /src\/core\s+90\.48%\s+90\.48%\s+91\.67%\s+79\.17%\s+\(1 file\(s\) never loaded\)/);
  // Without a c8 run there is no report at all (not a 0 % one).
  assert.equal(coverageReport(makeRepo([], { 'coverage/thresholds.json': JSON.stringify(thresholds) })), undefined);
});

test('REQ-EVID-COV-002: npm test runs under c8, writes JUnit results, and gates coverage after the node:test summary', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts['test']!;
  assert.match(script, /\bc8 node --test\b/);
  assert.match(script, /--test-reporter=spec --test-reporter-destination=stdout/);
  assert.match(script, /--test-reporter=junit --test-reporter-destination=coverage\/out\/test-results\.xml/);
  assert.match(script, /&& node dist\/scripts\/coverage-check\.js$/);
  const c8rc = JSON.parse(readFileSync(join(repoRoot(), '.c8rc.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(c8rc['include'], ['dist/src/**/*.js']);
  assert.equal(c8rc['all'], true);
  const gates = JSON.parse(readFileSync(join(repoRoot(), 'coverage/thresholds.json'), 'utf8')) as { folders: Record<string, Record<string, number>> };
  for (const k of ['c8Statements', 'c8Branches', 'monocartStatements', 'monocartBranches']) {
    assert.ok((gates.folders['src/core']?.[k] ?? 0) >= 90, `src/core ${k} gate below 90`);
  }
});
