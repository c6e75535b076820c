/**
 * Qualification of the MC/DC reports: the JSON document matches the published schema and its figures,
 * the text and HTML renderings show what the JSON holds, justifications are counted apart, and the gate
 * fails below the thresholds.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { buildReport, type Justification, type Report, type RunRecord } from '../../../coverage/mcdc/report.js';
import { renderDecision, renderSummary, renderText } from '../../../coverage/mcdc/render-text.js';
import { renderHtml } from '../../../coverage/mcdc/render-html.js';
import { parseJustifications } from '../../../coverage/mcdc/config.js';
import { snapshot } from '../../../coverage/mcdc/runtime.js';
import type { DecisionsFile } from '../../../coverage/mcdc/model.js';
import { instrument, type Instrumented } from './helpers.js';

/** The schema in the repository: above the build directory when built in place, else under the working directory. */
const SCHEMA_PATH = [fileURLToPath(new URL('../../../../coverage/mcdc/report.schema.json', import.meta.url)), resolve('coverage/mcdc/report.schema.json')].find((p) => existsSync(p));
const SCHEMA = JSON.parse(readFileSync(SCHEMA_PATH ?? 'coverage/mcdc/report.schema.json', 'utf8')) as object;

const SRC = [
  'export function f(a: boolean, b: boolean): number { return a && b ? 1 : 0; }',
  'export function g(c: boolean, d: boolean): boolean { return c || d; }',
].join('\n');

async function fixture(): Promise<Instrumented> {
  const m = await instrument(SRC);
  const f = m.mod['f'] as (a: boolean, b: boolean) => number;
  const g = m.mod['g'] as (c: boolean, d: boolean) => boolean;
  f(true, true);
  f(true, false);
  f(false, true);
  g(false, false); // c || d: only (F,F): neither condition shown
  g(true, false);  // (T,-): now c is shown, d is not
  return m;
}

function reportOf(m: Instrumented, opts: { justifications?: Justification[]; thresholds?: Record<string, { uniqueCause: number; masking: number }>; runs?: RunRecord[]; decisions?: DecisionsFile } = {}): Report {
  const decisions: DecisionsFile = opts.decisions ?? { format: 'mcp-wrt-mcdc-decisions', version: 1, files: [{ ...m.meta, file: 'src/x/snippet.ts' }] };
  const raw = snapshot();
  const mine = { ...raw, files: raw.files.filter((f) => f.file === m.key).map((f) => ({ ...f, file: 'src/x/snippet.ts' })) };
  return buildReport({ decisions, raw: [mine], justifications: opts.justifications ?? [], thresholds: { folders: opts.thresholds ?? {} }, folders: ['src/x'], runs: opts.runs ?? [], now: new Date(0) });
}

test('REQ-EVID-MCDC-009: the JSON report validates against report.schema.json and holds the per-decision, per-file and total figures', async () => {
  const r = reportOf(await fixture());
  const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);
  assert.ok(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors));
  const [fd, gd] = r.files[0]!.decisions;
  assert.equal(fd!.id, 'src/x/snippet.ts:1:60:ternary');
  assert.deepEqual(fd!.vectors, [
    { values: ['F', '-'], outcome: false, count: 1 },
    { values: ['T', 'F'], outcome: false, count: 1 },
    { values: ['T', 'T'], outcome: true, count: 1 },
  ]);
  assert.deepEqual(fd!.conditions.map((c) => [c.text, c.uniqueCause.status, c.uniqueCause.pair]), [['a', 'covered', [1, 3]], ['b', 'covered', [2, 3]]]);
  assert.deepEqual(gd!.conditions.map((c) => [c.text, c.uniqueCause.status, c.masking.status]), [['c', 'covered', 'covered'], ['d', 'uncovered', 'uncovered']]);
  assert.equal(gd!.uniqueCause.percent, 50);
  assert.deepEqual(r.totals.uniqueCause, { conditions: 4, covered: 3, justified: 0, uncovered: 1, percent: 75, percentWithJustified: 75 });
  assert.equal(r.folders[0]!.summary.conditions, 4);
  assert.equal(r.inconsistencies, 0);
  assert.ok(r.gate.passed);
});

test('REQ-EVID-MCDC-010: the text report shows conditions, executed vectors, pairs and percentages per decision, and a per-file summary', async () => {
  const r = reportOf(await fixture());
  const d = renderDecision(r.files[0]!.decisions[0]!);
  assert.match(d, /src\/x\/snippet\.ts:1:60 ternary: a && b/);
  assert.match(d, /C1 1:60 {2}a/);
  assert.match(d, /1 {2}\{ {2}F, {2}- {2}= F {6}\} {2}1/);
  assert.match(d, /C1: unique-cause covered \(1,3\); masking covered \(1,3\)/);
  assert.match(d, /MC\/DC: unique-cause 100\.00%, masking 100\.00% of 2 conditions/);
  const s = renderSummary(r);
  assert.match(s, /src\/x\/snippet\.ts +2 +2 +4 +3\/4 75\.00%/);
  assert.match(s, /TOTAL/);
  assert.match(renderText(r), /C2: unique-cause NOT covered; masking NOT covered/);
});

test('REQ-EVID-MCDC-010: the HTML report is self-contained, shows the summary first and its links resolve', async () => {
  const html = renderHtml(reportOf(await fixture()));
  assert.doesNotMatch(html, /<script|<link|src=|https?:\/\//i);
  assert.ok(html.indexOf('id="summary"') < html.indexOf('id="files"'));
  const ids = new Set([...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1]));
  const hrefs = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
  assert.ok(hrefs.length > 0);
  for (const h of hrefs) assert.ok(ids.has(h), `broken link #${h}`);
  assert.match(html, /<code>c \|\| d<\/code>/);
});

test('REQ-EVID-MCDC-011: a justified condition is counted apart and shown with its reason; unused justifications are reported', async () => {
  const m = await fixture();
  const j: Justification[] = [
    { file: 'src/x/snippet.ts', condition: 'd', decision: 'c || d', category: 'defensive', reason: 'd only guards a state valid callers never reach' },
    { file: 'src/x/snippet.ts', condition: 'zz', category: 'defensive', reason: 'matches nothing' },
  ];
  const r = reportOf(m, { justifications: j });
  const d = r.files[0]!.decisions[1]!.conditions[1]!;
  assert.equal(d.uniqueCause.status, 'justified');
  assert.deepEqual(d.justification, { category: 'defensive', reason: 'd only guards a state valid callers never reach' });
  assert.deepEqual(r.totals.uniqueCause, { conditions: 4, covered: 3, justified: 1, uncovered: 0, percent: 75, percentWithJustified: 100 });
  assert.deepEqual(r.unusedJustifications.map((x) => x.condition), ['zz']);
  assert.match(renderText(r), /justified \(defensive\): d only guards/);
  assert.throws(() => parseJustifications('- file: a.ts\n  condition: x\n  category: defensive\n', 'j.yaml'), /needs a non-empty "reason"/);
  assert.throws(() => parseJustifications('- file: a.ts\n  condition: x\n  category: untestable\n  reason: r\n', 'j.yaml'), /category "untestable" is not one of cfi-violation, defensive/);
});

test('REQ-EVID-MCDC-012: the gate fails below a folder threshold or when an instrumented run failed, and passes at the threshold', async () => {
  const m = await fixture();
  assert.ok(reportOf(m, { thresholds: { 'src/x': { uniqueCause: 75, masking: 75 } } }).gate.passed);
  const low = reportOf(m, { thresholds: { 'src/x': { uniqueCause: 76, masking: 70 } } });
  assert.equal(low.gate.passed, false);
  assert.deepEqual(low.gate.failures, ['src/x: uniqueCause MC/DC 75% is below the threshold 76%']);
  assert.equal(low.folders[0]!.passed, false);
  const failedRun = reportOf(m, { runs: [{ name: 'spec-suite', command: 'node x', exitCode: 1, durationMs: 1 }] });
  assert.equal(failedRun.gate.passed, false);
});

test('REQ-EVID-MCDC-012: data recorded from another version of a source file is ignored with a warning', async () => {
  const m = await fixture();
  const stale: DecisionsFile = { format: 'mcp-wrt-mcdc-decisions', version: 1, files: [{ ...m.meta, file: 'src/x/snippet.ts', hash: '0'.repeat(64) }] };
  const r = reportOf(m, { decisions: stale });
  assert.equal(r.totals.decisionsEvaluated, 0);
  assert.match(r.warnings[0]!, /another version/);
});
