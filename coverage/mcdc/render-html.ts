/**
 * A self-contained HTML rendering of the MC/DC report (inline CSS, no scripts, no external resources):
 * summary and gate first, then one collapsible section per file with its decisions.
 */

import type { Counts, Report, ReportDecision, Summary } from './report.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function anchor(s: string): string {
  return 'f-' + s.replace(/[^A-Za-z0-9]+/g, '-');
}

function cell(c: Counts): string {
  const cls = c.uncovered === 0 ? 'ok' : c.percentWithJustified >= 80 ? 'mid' : 'low';
  const j = c.justified > 0 ? ` (+${c.justified} justified)` : '';
  return `<td class="${cls}">${c.percent.toFixed(2)}% <small>${c.covered}/${c.conditions}${j}</small></td>`;
}

function row(name: string, s: Summary, link?: string): string {
  const label = link !== undefined ? `<a href="#${link}">${escapeHtml(name)}</a>` : escapeHtml(name);
  return `<tr><td>${label}</td><td>${s.decisions}</td><td>${s.decisionsEvaluated}</td><td>${s.conditions}</td>${cell(s.uniqueCause)}${cell(s.masking)}</tr>`;
}

function status(s: { status: string; pair: readonly [number, number] | null }): string {
  if (s.pair !== null) return `<span class="ok">covered (${s.pair[0]},${s.pair[1]})</span>`;
  return s.status === 'justified' ? '<span class="mid">justified</span>' : '<span class="low">not covered</span>';
}

function decision(d: ReportDecision): string {
  const conds = d.conditions
    .map((c) => {
      const j = c.justification !== null ? `<br><small>justified (${escapeHtml(c.justification.category)}): ${escapeHtml(c.justification.reason)}</small>` : '';
      return `<tr><td>C${c.index + 1}</td><td>${c.line}:${c.column}</td><td><code>${escapeHtml(c.text)}</code>${j}</td><td>${status(c.uniqueCause)}</td><td>${status(c.masking)}</td></tr>`;
    })
    .join('');
  const head = d.conditions.map((c) => `<th>C${c.index + 1}</th>`).join('');
  const vecs = d.vectors.map((v, i) => `<tr><td>${i + 1}</td>${v.values.map((x) => `<td>${x}</td>`).join('')}<td>${v.outcome ? 'T' : 'F'}</td><td>${v.count}</td></tr>`).join('');
  const cls = d.uniqueCause.uncovered === 0 && d.masking.uncovered === 0 ? 'ok' : d.evaluations === 0 ? 'low' : 'mid';
  return `<div class="dec" id="${escapeHtml(anchor(d.id))}"><h4 class="${cls}">${d.line}:${d.column} ${d.kind} <code>${escapeHtml(d.text)}</code> &mdash; unique-cause ${d.uniqueCause.percent.toFixed(2)}%, masking ${d.masking.percent.toFixed(2)}%, ${d.evaluations} evaluations</h4>
<table><tr><th>#</th><th>at</th><th>condition</th><th>unique-cause</th><th>masking</th></tr>${conds}</table>
<table class="vec"><tr><th>#</th>${head}<th>result</th><th>count</th></tr>${vecs || `<tr><td colspan="${d.conditions.length + 3}">never evaluated</td></tr>`}</table></div>`;
}

export function renderHtml(r: Report): string {
  const files = r.files
    .map((f) => `<details id="${anchor(f.path)}"><summary><code>${escapeHtml(f.path)}</code> unique-cause ${f.summary.uniqueCause.percent.toFixed(2)}%, masking ${f.summary.masking.percent.toFixed(2)}%</summary>${f.decisions.map(decision).join('\n')}</details>`)
    .join('\n');
  const gate = r.gate.passed ? '<p class="ok">Gate: passed</p>' : `<p class="low">Gate: FAILED</p><ul>${r.gate.failures.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`;
  const runs = r.runs.map((x) => `<li>${escapeHtml(x.name)}: exit ${x.exitCode}, ${(x.durationMs / 1000).toFixed(1)} s: <code>${escapeHtml(x.command)}</code></li>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>MC/DC coverage report</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;font-size:90%}
.ok{color:#156d1a}.mid{color:#8a5a00}.low{color:#b00020}code{font-size:95%}details{margin:.3em 0}.dec{margin:.6em 0 1em 1em}h4{margin:.3em 0;font-weight:normal}
.vec td{text-align:center}small{color:#555}
</style></head><body>
<h1>MC/DC coverage report</h1>
<p>${escapeHtml(r.tool.name)} ${escapeHtml(r.tool.version)}, generated ${escapeHtml(r.generatedAt)}. Percentages: covered conditions over all conditions; justified conditions are counted apart.</p>
<section id="summary"><h2>Summary</h2>${gate}
<table><tr><th>Scope</th><th>Decisions</th><th>Evaluated</th><th>Conditions</th><th>Unique-cause</th><th>Masking</th></tr>
${r.folders.map((f) => row(f.path + '/', f.summary)).join('\n')}
${row('Total', r.totals)}</table>
<ul>${runs}</ul>
<h3>Definitions</h3><ul><li>Unique-cause: ${escapeHtml(r.definitions.uniqueCause)}</li><li>Masking: ${escapeHtml(r.definitions.masking)}</li><li>Switch cases: ${escapeHtml(r.definitions.switchCase)}</li></ul></section>
<section id="files"><h2>Files</h2>
<table><tr><th>File</th><th>Decisions</th><th>Evaluated</th><th>Conditions</th><th>Unique-cause</th><th>Masking</th></tr>
${r.files.map((f) => row(f.path, f.summary, anchor(f.path))).join('\n')}</table>
${files}</section>
</body></html>
`;
}
