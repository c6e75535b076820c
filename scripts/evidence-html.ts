/**
 * Renders the evidence as one self-contained HTML page (inline CSS, no scripts, no external resources): the
 * summary first, then the traceability matrix, the reverse trace, coverage by file and by decision, hazards
 * with their mitigations, limitations, tool versions. Every cross-reference is an in-page link (`#REQ-...`,
 * `#HAZ-...`), which the browser test checks.
 */
import type { BenchFigures, CoverageFigures, Evidence, McdcFigures } from './evidence.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function pct(n: number | null | undefined): string {
  return n === null || n === undefined ? 'not run' : `${n.toFixed(2)} %`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('\n')}</tbody></table>`;
}

function outcomeBadge(o: string): string {
  return `<span class="o o-${esc(o)}">${esc(o)}</span>`;
}

function list(items: readonly string[], empty: string): string {
  return items.length === 0 ? `<p>${esc(empty)}</p>` : `<ul>${items.map((i) => `<li><code>${esc(i)}</code></li>`).join('')}</ul>`;
}

function coverageRow(label: string, c: CoverageFigures): string[] {
  return [label, pct(c.c8Statements), pct(c.c8Branches), pct(c.monocartStatements), pct(c.monocartBranches)];
}

function mcdcCells(m: McdcFigures | null): string[] {
  return m === null ? ['not run', 'not run', '', ''] : [pct(m.uniqueCause), pct(m.masking), String(m.decisions), String(m.conditions)];
}

function mcdcSummary(m: McdcFigures | null): string {
  return m === null
    ? 'not run'
    : `${pct(m.uniqueCause)} / ${pct(m.masking)}; ${pct(m.uniqueCauseWithJustified)} / ${pct(m.maskingWithJustified)} (${m.conditions} conditions)`;
}

/** A number with `d` decimals, or a dash for a figure the run did not produce. */
function num(n: number | null, d = 2): string {
  return n === null ? '–' : n.toFixed(d);
}

function benchSummary(b: BenchFigures | null): string {
  return b === null
    ? 'not run'
    : `geomean ours/wabt ${num(b.geomeanRatioWabt)}, ours/V8 ${num(b.geomeanRatioV8, 0)} over ${b.kernels.length} kernels (${esc(b.date)}, Node ${esc(b.node)})`;
}

function benchSection(title: string, b: BenchFigures | null): string {
  if (b === null) return `<h3>${esc(title)}</h3><p>not run</p>`;
  const extra = [
    `load (decode + validate) ${num(b.loadMbPerS, 1)} MB/s`,
    `componentize-js component cold load ${b.componentLoadColdMs === null ? 'not run' : `${num(b.componentLoadColdMs, 0)} ms`}`,
    `tools/call ${b.toolsCallMedianMs === null ? 'not run' : `median ${num(b.toolsCallMedianMs)} ms, p99 ${num(b.toolsCallP99Ms)} ms`}`,
    `spec suite ${b.specSuiteSeconds === null ? 'not run' : `${num(b.specSuiteSeconds, 1)} s`}`,
  ];
  return `<h3>${esc(title)}</h3><p>${esc(b.date)}, Node ${esc(b.node)}, median of ${b.runs} runs per engine; ${extra.join('; ')}.</p>` +
    table(['Kernel', 'Ours ms', 'wabt ms', 'Ours / wabt', 'Ours / V8'], [
      ...b.kernels.map((k) => [esc(k.name), num(k.oursMs, 0), num(k.wabtMs, 0), num(k.ratioWabt), num(k.ratioV8, 0)]),
      ['<b>geomean</b>', '', '', `<b>${num(b.geomeanRatioWabt)}</b>`, `<b>${num(b.geomeanRatioV8, 0)}</b>`],
    ]);
}

const SECTIONS = [
  ['summary', 'Summary'],
  ['matrix', 'Traceability matrix'],
  ['reverse', 'Reverse trace'],
  ['coverage', 'Coverage by file'],
  ['mcdc', 'MC/DC by decision'],
  ['spec', 'Spec testsuite'],
  ['hazards', 'Hazards'],
  ['limitations', 'Limitations'],
  ['performance', 'Performance'],
  ['tools', 'Tools and commit'],
] as const;

export function renderEvidenceHtml(e: Evidence): string {
  const s = e.summary;
  const r = s.requirements;
  const hazardIds = new Set(e.hazards.map((h) => h.id));
  const reqIds = new Set(e.matrix.map((m) => m.id));
  const reqLink = (id: string): string => (reqIds.has(id) ? `<a href="#${esc(id)}">${esc(id)}</a>` : esc(id));
  const hazLink = (id: string): string => (hazardIds.has(id) ? `<a href="#${esc(id)}">${esc(id)}</a>` : esc(id));

  const summary = `<section id="summary"><h2>Summary</h2>
<p class="honest">Nothing here is certified. This page lists the evidence the project produces and where it is missing;
see <a href="#limitations">Limitations</a> and safety/safety-plan.md for what is and is not claimed.</p>
${table(
  ['Evidence', 'Figure'],
  [
    ['Requirements', `${r.total} total: <b>${r.passed} verified by passing tests</b>, ${r.failed} failed, ${r.justified} justified without test, ${r.untested} untested, ${r['not-run']} not run, ${r.skipped} skipped`],
    ['Tests (npm test)', s.tests === null ? 'not run' : `${s.tests.passed} passed, ${s.tests.failed} failed, ${s.tests.skipped} skipped (${esc(s.tests.writtenAt)})`],
    ['Spec testsuite 2.0', s.spec === null ? 'not run' : `${s.spec.passed} passed, ${s.spec.failed} failed, ${s.spec.skipped} skipped in ${s.spec.files} files (${esc(s.spec.started)})`],
    ['Property tests', s.properties === null ? 'not run' : `${s.properties.passed} of ${s.properties.total} properties passed`],
    ['Statement coverage src/core (c8 / monocart)', s.coverage === null ? 'not run' : `${pct(s.coverage.core.c8Statements)} / ${pct(s.coverage.core.monocartStatements)}`],
    ['Branch coverage src/core (c8 / monocart, counts implicit else)', s.coverage === null ? 'not run' : `${pct(s.coverage.core.c8Branches)} / ${pct(s.coverage.core.monocartBranches)}`],
    ['MC/DC src/core (unique-cause / masking; with justified)', mcdcSummary(s.mcdc?.core ?? null)],
    ['MC/DC src/component (unique-cause / masking; with justified)', mcdcSummary(s.mcdc?.component ?? null)],
    ['MC/DC gate (coverage/mcdc/thresholds.json)', s.mcdc === null || s.mcdc.gate === null
      ? 'not run'
      : `${s.mcdc.gate.passed ? 'passed' : `<b>failed</b>: ${s.mcdc.gate.failures.map(esc).join('; ')}`} (runs: ${s.mcdc.runs.map((x) => `${esc(x.name)} exit ${x.exitCode} in ${(x.durationMs / 1000).toFixed(1)} s`).join(', ')})`],
    ['<a href="#performance">Performance</a>, full kernels (bench/results/latest.json)', benchSummary(e.performance.full)],
    ['Performance, quick kernels: cold start (latest-quick.json)', benchSummary(e.performance.quick)],
    ['Hazards analysed', String(s.hazards)],
    ['Open limitations', `<a href="#limitations">${s.openLimitations}</a>`],
    ['Trace errors', String(s.traceErrors)],
  ],
  'summary',
)}
</section>`;

  const matrix = `<section id="matrix"><h2>Traceability matrix</h2>
<p>Generated from requirements/*.yaml, the test sources and the latest test results; never edited by hand.</p>
${table(
  ['Requirement', 'Rev', 'Title', 'ASIL', 'Verification', 'Outcome', 'Tests passed', 'Test files', 'Hazards', 'Source files reached'],
  e.matrix.map((m) => [
    `<span id="${esc(m.id)}">${esc(m.id)}</span>`,
    String(m.revision),
    esc(m.title),
    esc(m.asil),
    `${esc(m.verification.kind)}/${esc(m.verification.method)}${m.verification.justification ? `<br><small>${esc(m.verification.justification)}</small>` : ''}`,
    outcomeBadge(m.outcome),
    `${m.tests.filter((t) => t.outcome === 'pass').length}/${m.tests.length}`,
    m.testFiles.map((f) => `<code>${esc(f)}</code>`).join('<br>'),
    m.hazards.map(hazLink).join(' '),
    m.sources.length === 0 ? '' : `<details><summary>${m.sources.length}</summary>${m.sources.map((f) => `<code>${esc(f)}</code>`).join('<br>')}</details>`,
  ]),
  'matrix',
)}
</section>`;

  const reverse = `<section id="reverse"><h2>Reverse trace</h2>
<h3>Trace errors</h3>${list(e.traceErrors, 'None.')}
<h3>Tests naming no requirement</h3>${list(e.reverse.testsWithoutRequirement, 'None.')}
<h3>Test files naming no requirement</h3>${list(e.reverse.testFilesWithoutRequirement, 'None.')}
<h3>Source files no requirement's tests reach</h3>${list(e.reverse.sourcesWithoutRequirement, 'None.')}
</section>`;

  const coverage = `<section id="coverage"><h2>Coverage by file</h2>
<p>c8 counts statements as lines and misses the untaken path of an <code>if</code> without <code>else</code> (c8 issue #227);
the monocart columns re-read the same V8 data with a parser and count it.</p>
${
  e.coverage === null
    ? '<p>not run (run <code>npm test</code>)</p>'
    : table(['File', 'c8 statements', 'c8 branches', 'monocart statements', 'monocart branches'], e.coverage.files.map((f) => coverageRow(`<code>${esc(f.file)}</code>`, f))) +
      '<h3>Gates (coverage/thresholds.json)</h3>' +
      table(['Folder', 'Metric', 'Minimum', 'Actual', 'Holds'], e.coverage.gates.map((g) => [esc(g.folder), esc(g.metric), `${g.min} %`, pct(g.actual), g.ok ? 'yes' : '<b>no</b>']))
}
</section>`;

  const mcdc = `<section id="mcdc"><h2>MC/DC by decision</h2>
${
  e.mcdc === null
    ? '<p>not run (run <code>npm run mcdc</code>)</p>'
    : table(['File', 'Unique-cause', 'Masking', 'Decisions', 'Conditions'], e.mcdc.files.map((f) => [`<code>${esc(f.file)}</code>`, ...mcdcCells(f)])) +
      `<h3>Decisions of src/core and src/component not fully covered (${e.mcdc.incompleteDecisions.length})</h3><details><summary>show</summary>` +
      table(['Decision', 'Kind', 'Text', 'Conditions', 'Evaluations', 'Unique-cause', 'Masking'], e.mcdc.incompleteDecisions.map((d) => [
        `<code>${esc(d.id)}</code>`, esc(d.kind), `<code>${esc(d.text)}</code>`, String(d.conditions), String(d.evaluations), pct(d.uniqueCause), pct(d.masking),
      ])) +
      '</details>'
}
</section>`;

  const spec = `<section id="spec"><h2>Spec testsuite</h2>
${e.spec === null ? '<p>not run</p>' : table(['File', 'Passed', 'Failed', 'Skipped'], e.spec.files.map((f) => [`<code>${esc(f.file)}</code>`, String(f.passed), String(f.failed), String(f.skipped)]))}
${e.properties === null ? '' : '<h3>Property tests</h3>' + table(['Property', 'Runs', 'Seed', 'Outcome'], e.properties.map((p) => [esc(p.name), String(p.runs), String(p.seed), outcomeBadge(p.outcome)]))}
</section>`;

  const hazards = `<section id="hazards"><h2>Hazards</h2>
${e.hazards
  .map(
    (h) => `<div class="hazard" id="${esc(h.id)}"><h3>${esc(h.id)}: ${esc(h.title)} <small>(severity ${esc(h.severity)})</small></h3>
<p>${esc(h.description)}</p><p><i>Effect:</i> ${esc(h.effect)}</p>
${table(['Mitigating requirement', 'Evidence'], h.mitigations.map((m) => [reqLink(m), outcomeBadge(h.mitigationOutcomes[m] ?? 'unknown')]))}</div>`,
  )
  .join('\n')}
</section>`;

  const limitations = `<section id="limitations"><h2>Limitations</h2>
${e.limitations.length === 0 ? '<p>None recorded.</p>' : table(['ID', 'Status', 'Limitation'], e.limitations.map((l) => [esc(l.id), esc(l.status), esc(l.text)]))}
</section>`;

  const performance = `<section id="performance"><h2>Performance</h2>
<p>From <code>npm run bench</code> (bench/results). Ratios are time ratios measured in one run with the engines alternating; wabt is the native C++ <code>wasm-interp</code>.</p>
${benchSection('Full kernels (the workloads of issue #7)', e.performance.full)}
${benchSection('Quick kernels (an eighth of the work: cold start)', e.performance.quick)}
</section>`;

  const tools = `<section id="tools"><h2>Tools and commit</h2>
${table(['Item', 'Version'], [
  ['git commit', e.commit.hash === null ? 'unknown (not a git checkout)' : `<code>${esc(e.commit.hash)}</code>${e.commit.dirty === true ? ' (with uncommitted changes)' : ''}`],
  ['generated at', esc(e.generatedAt)],
  ...Object.entries(e.tools).map(([k, v]) => [esc(k), esc(v)]),
])}
</section>`;

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mcp-wrt-host safety evidence</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:0 2em 4em;color:#222}
nav{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ccc}
nav a{margin-right:1em}
table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0}
table.summary td:first-child{font-weight:bold}
.o{padding:0 4px;border-radius:3px}
.o-passed,.o-pass{background:#cfc}.o-failed,.o-fail,.o-untested{background:#fcc}
.o-justified,.o-not-run,.o-skipped,.o-unknown{background:#ffc}
.honest{background:#fff3cd;padding:.5em;border:1px solid #e0c36b}
code{font-size:12px}
[id]{scroll-margin-top:3em}
</style></head>
<body>
<h1>mcp-wrt-host: safety evidence</h1>
<nav>${SECTIONS.map(([id, title]) => `<a href="#${id}">${title}</a>`).join('')}</nav>
${summary}
${matrix}
${reverse}
${coverage}
${mcdc}
${spec}
${hazards}
${limitations}
${performance}
${tools}
</body></html>
`;
}
