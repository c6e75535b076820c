import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { chromium } from 'playwright-core';
import { gatherEvidence, parseLimitations, type Evidence, type EvidenceInputs } from '../../scripts/evidence.js';
import { renderEvidenceHtml } from '../../scripts/evidence-html.js';
import { main } from '../../src/cli/cli.js';
import type { Io } from '../../src/cli/io.js';
import { repoRoot } from './fixture.js';

const root = repoRoot();
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function validator(): (e: unknown) => string[] {
  const schema: unknown = JSON.parse(readFileSync(join(root, 'safety/evidence.schema.json'), 'utf8'));
  const check = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema as object);
  return (e) => (check(e) ? [] : (check.errors ?? []).map((x) => `${x.instancePath} ${x.message ?? ''}`));
}

/** A bench/results/latest.json as bench/src/run.ts writes it (V8 not measured: its ratio is NaN, written as null). */
const BENCH_FIXTURE = {
  date: '2026-12-06T00:00:00.000Z', mode: 'full', runs: 5, node: 'v20.20.2', wabtStartupMs: 2.7,
  kernels: [
    { name: 'fib_rec', checksum: 1, instructions: 10, mips: 1, engines: { ours: { medianMs: 1000, maxRssMb: 50 }, wabt: { medianMs: 2500, maxRssMb: 4 } }, ratioWabt: 0.4, ratioV8: null, ratioLiftoff: null },
    { name: 'sort', checksum: 2, instructions: 10, mips: 1, engines: { ours: { medianMs: 900, maxRssMb: 50 }, wabt: { medianMs: 1500, maxRssMb: 4 } }, ratioWabt: 0.6, ratioV8: null, ratioLiftoff: null },
  ],
  geomean: { ratioWabt: 0.49, ratioV8: null, ratioLiftoff: null },
  load: { bytes: 8e6, ms: 160, mbPerS: 50 },
  componentLoad: { bytes: 12.5e6, coldMs: 480, warmMs: 350, coldMbPerS: 26 },
  toolsCallLatency: { guest: 'examples/c-mcp-component', transport: 'stdio', calls: 1000, median: 0.43, p90: 0.6, p99: 3.3, protocolVersion: '2025-11-25' },
  idleInstance: { module: 'fib_rec', bytes: 1 },
  specSuiteSeconds: 2,
};

/** Small, fixed inputs so the report's content does not depend on what ran before this test. */
function fixtureInputs(): EvidenceInputs {
  const dir = mkdtempSync(join(tmpdir(), 'evid-inputs-'));
  const write = (name: string, data: string): string => {
    writeFileSync(join(dir, name), data);
    return join(dir, name);
  };
  return {
    testResults: write('results.xml', `<testsuites>
<testcase name="REQ-EVID-TRACE-001: claims resolve" time="0.1" classname="test"/>
<testcase name="REQ-HARN-013: spec testsuite 2.0 i32.wast has no failures" time="0.1" classname="test"/>
<testcase name="REQ-CORE-DEC-001: header" time="0.1" classname="test"><failure type="x" message="boom">boom</failure></testcase>
</testsuites>`),
    specReport: write('spec.json', JSON.stringify({ started: '2026-11-25T00:00:00.000Z', totals: { passed: 10, failed: 0, skipped: 2 }, files: [{ file: 'i32.wast', passed: 10, failed: 0, skipped: 2 }] })),
    properties: write('properties.json', JSON.stringify({ format: 'mcp-wrt-properties/1', properties: { p: { name: 'p', runs: 100, seed: 1, outcome: 'passed', ms: 1, at: 'now' } } })),
    coverage: join(dir, 'absent-coverage.json'),
    benchFull: write('bench.json', JSON.stringify(BENCH_FIXTURE)),
    benchQuick: join(dir, 'absent-bench-quick.json'),
    mcdc: write('mcdc.json', JSON.stringify({
      generatedAt: 'now',
      totals: { decisions: 2, conditions: 3, uniqueCause: { percent: 50 }, masking: { percent: 66.67 } },
      runs: [{ name: 'unit-tests', command: 'node --test ...', exitCode: 0, durationMs: 90000 }, { name: 'spec-suite', command: 'node ...', exitCode: 0, durationMs: 5000 }],
      gate: { passed: false, failures: ['src/component: uniqueCause MC/DC 40% is below the threshold 79%'] },
      folders: [
        { path: 'src/core', summary: { decisions: 2, conditions: 3, uniqueCause: { percent: 50, percentWithJustified: 83.33 }, masking: { percent: 66.67, percentWithJustified: 100 } } },
        { path: 'src/component', summary: { decisions: 1, conditions: 5, uniqueCause: { percent: 40, percentWithJustified: 40 }, masking: { percent: 40, percentWithJustified: 40 } } },
      ],
      files: [{ path: 'src/core/a.ts', summary: { decisions: 2, conditions: 3, uniqueCause: { percent: 50 }, masking: { percent: 66.67 } },
        decisions: [{ id: 'src/core/a.ts:1:1:if', kind: 'if', text: 'a && b', evaluations: 3, conditions: [{}, {}], uniqueCause: { percent: 50 }, masking: { percent: 100 } }] }],
    })),
  };
}

test('REQ-EVID-REP-001: the evidence JSON validates against the published schema, with inputs present or missing', () => {
  const check = validator();
  const e = gatherEvidence(root, fixtureInputs());
  assert.deepEqual(check(e), []);
  assert.equal(e.summary.tests?.failed, 1);
  assert.equal(e.summary.spec?.passed, 10);
  assert.equal(e.summary.coverage, null, 'absent coverage must be null ("not run"), never zero');
  assert.equal(e.summary.mcdc?.core?.uniqueCause, 50);
  assert.equal(e.summary.mcdc?.core?.uniqueCauseWithJustified, 83.33);
  assert.equal(e.summary.mcdc?.component?.masking, 40);
  assert.deepEqual(e.summary.mcdc?.runs.map((r) => [r.name, r.exitCode]), [['unit-tests', 0], ['spec-suite', 0]]);
  assert.equal(e.summary.mcdc?.gate?.passed, false, 'a failed MC/DC gate is reported as failed');
  assert.equal(e.mcdc?.incompleteDecisions.length, 1);
  assert.equal(e.matrix.find((r) => r.id === 'REQ-CORE-DEC-001')?.outcome, 'failed');
  assert.equal(e.matrix.find((r) => r.id === 'REQ-CORE-SEM-001')?.outcome, 'passed', 'spec-map IDs follow the suite file result');
  assert.ok(e.summary.openLimitations > 0);
  const none = gatherEvidence(root, { testResults: '/nonexistent/r.xml', specReport: '/nonexistent/s.json', properties: '/nonexistent/p.json', coverage: '/nonexistent/c.json', mcdc: '/nonexistent/m.json' });
  assert.deepEqual(check(none), []);
  assert.equal(none.summary.tests, null);
  assert.equal(none.summary.mcdc, null);
  // The schema is not vacuous: a wrong figure is rejected.
  const bad = JSON.parse(JSON.stringify(e)) as { summary: { requirements: { total: unknown } } };
  bad.summary.requirements.total = 'many';
  assert.notDeepEqual(check(bad), []);
  assert.deepEqual(parseLimitations('- **LIM-001** (open): a\n- **LIM-002** (closed): b\nnot a line'), [
    { id: 'LIM-001', status: 'open', text: 'a' },
    { id: 'LIM-002', status: 'closed', text: 'b' },
  ]);
});

test('REQ-EVID-REP-004: the evidence carries the committed benchmark figures, and a missing result file as null', () => {
  const check = validator();
  const e = gatherEvidence(root, fixtureInputs());
  assert.deepEqual(check(e), []);
  const full = e.performance.full;
  assert.ok(full !== null);
  assert.equal(full.geomeanRatioWabt, 0.49);
  assert.equal(full.geomeanRatioV8, null, 'an engine not measured stays null');
  assert.deepEqual(full.kernels.map((k) => [k.name, k.oursMs, k.wabtMs, k.ratioWabt]), [['fib_rec', 1000, 2500, 0.4], ['sort', 900, 1500, 0.6]]);
  assert.deepEqual([full.loadMbPerS, full.componentLoadColdMs, full.toolsCallMedianMs, full.toolsCallP99Ms, full.specSuiteSeconds], [50, 480, 0.43, 3.3, 2]);
  assert.equal(e.performance.quick, null, 'an absent latest-quick.json is "not run"');
  const html = renderEvidenceHtml(e);
  assert.match(html, /geomean ours\/wabt 0\.49, ours\/V8 – over 2 kernels/);
  assert.match(html, /tools\/call median 0\.43 ms, p99 3\.30 ms/);
  assert.match(html, /Performance, quick kernels: cold start \(latest-quick\.json\)<\/td><td>not run/);
  // The repository's own committed results validate too.
  assert.deepEqual(check(gatherEvidence(root)), []);
});

test('REQ-EVID-REP-002: the HTML report opens in headless Chromium, shows the summary first, and its links resolve', async (t) => {
  if (!existsSync(CHROMIUM)) {
    if (process.env['CI']) assert.fail(`${CHROMIUM} is missing in CI (.ci/apt-packages.txt lists chromium)`);
    t.skip(`${CHROMIUM} not installed (apt-get install chromium); skipped outside CI`);
    return;
  }
  const e: Evidence = gatherEvidence(root, fixtureInputs());
  const dir = mkdtempSync(join(tmpdir(), 'evid-html-'));
  const file = join(dir, 'index.html');
  writeFileSync(file, renderEvidenceHtml(e));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    assert.equal(await page.title(), 'mcp-wrt-host safety evidence');
    // The summary is the first section and is visible without scrolling.
    assert.equal(await page.locator('section').first().getAttribute('id'), 'summary');
    assert.ok(await page.locator('#summary').isVisible());
    const summaryText = await page.locator('#summary').innerText();
    assert.match(summaryText, /Nothing here is certified/);
    assert.match(summaryText, /Spec testsuite 2\.0\s+10 passed, 0 failed, 2 skipped/);
    assert.match(summaryText, /Statement coverage src\/core.*\s+not run/);
    assert.match(summaryText, /MC\/DC src\/core \(unique-cause \/ masking; with justified\)\s+50\.00 % \/ 66\.67 %; 83\.33 % \/ 100\.00 %/);
    assert.match(summaryText, /MC\/DC src\/component \(unique-cause \/ masking; with justified\)\s+40\.00 % \/ 40\.00 %/);
    assert.match(summaryText, /MC\/DC gate.*\s+failed: src\/component: uniqueCause MC\/DC 40% is below the threshold 79% \(runs: unit-tests exit 0 in 90\.0 s/);
    // Every in-page link has a target.
    // (Evaluated in the page, given as source text: the test is compiled without DOM types.)
    const broken = await page.evaluate<string[]>(
      `[...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href').slice(1)).filter((id) => document.getElementById(id) === null)`,
    );
    assert.deepEqual(broken, []);
    const links = await page.locator('a[href^="#"]').count();
    assert.ok(links > 50, `only ${links} internal links`);
    // Following a hazard's mitigation link lands on the requirement's matrix row.
    await page.locator('#HAZ-001 a').first().click();
    const hash = await page.evaluate<string>('location.hash');
    assert.match(hash, /^#REQ-/);
    assert.ok(await page.locator(hash).isVisible());
    // Self-contained: the page loaded nothing but itself.
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);
  } finally {
    await browser.close();
  }
});

test('REQ-EVID-REP-003: mcp-wrt evidence --out DIR writes index.html and a schema-valid evidence.json', async () => {
  const out = mkdtempSync(join(tmpdir(), 'evid-cli-'));
  const lines: string[] = [];
  const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`), progress: () => undefined };
  assert.equal(await main(['evidence', '--out', out, '--no-spec'], io), 0, lines.join('\n'));
  const e = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8')) as Evidence;
  assert.deepEqual(validator()(e), []);
  assert.ok(readFileSync(join(out, 'index.html'), 'utf8').startsWith('<!doctype html>'));
  assert.ok(lines.some((l) => /^requirements: \d+ \(/.test(l)), lines.join('\n'));
  assert.ok(lines.at(-1)?.startsWith('wrote '));
  assert.equal(await main(['evidence', 'extra'], io), 2);
});
