/**
 * Text renderings of the MC/DC report: a per-file summary table and, per decision, its conditions, the
 * executed test vectors and the independence pairs, in the spirit of `llvm-cov report --show-mcdc`.
 */

import type { Counts, Report, ReportDecision, Summary } from './report.js';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function lpad(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

function frac(c: Counts): string {
  const j = c.justified > 0 ? ` +${c.justified}j` : '';
  return `${c.covered}/${c.conditions}${j} ${c.percent.toFixed(2)}%`;
}

function summaryRow(name: string, s: Summary, w: number): string {
  return `${pad(name, w)} ${lpad(String(s.decisions), 9)} ${lpad(String(s.decisionsEvaluated), 9)} ${lpad(String(s.conditions), 10)}  ${pad(frac(s.uniqueCause), 24)} ${frac(s.masking)}`;
}

/** Per-file summary, folder lines, totals and the gate verdict. */
export function renderSummary(r: Report): string {
  const w = Math.max(10, ...r.files.map((f) => f.path.length), ...r.folders.map((f) => f.path.length + 2));
  const lines = [
    `MC/DC coverage (${r.tool.name} ${r.tool.version}); covered/conditions (+justified) and % covered`,
    `${pad('File', w)} ${lpad('Decisions', 9)} ${lpad('Evaluated', 9)} ${lpad('Conditions', 10)}  ${pad('Unique-cause', 24)} Masking`,
    '-'.repeat(w + 80),
  ];
  for (const f of r.files) lines.push(summaryRow(f.path, f.summary, w));
  lines.push('-'.repeat(w + 80));
  for (const f of r.folders) {
    const t = f.thresholds === null ? 'no threshold' : `threshold uc ${f.thresholds.uniqueCause}% / masking ${f.thresholds.masking}% (with justified): ${f.passed ? 'ok' : 'BELOW'}`;
    lines.push(`${summaryRow(f.path + '/', f.summary, w)}   ${t}`);
  }
  lines.push(summaryRow('TOTAL', r.totals, w));
  for (const run of r.runs) lines.push(`run ${run.name}: exit ${run.exitCode} (${(run.durationMs / 1000).toFixed(1)} s): ${run.command}`);
  for (const x of r.warnings) lines.push(`warning: ${x}`);
  for (const j of r.unusedJustifications) lines.push(`warning: unused justification ${j.file}: ${j.condition}`);
  lines.push(r.gate.passed ? 'gate: passed' : `gate: FAILED\n${r.gate.failures.map((x) => `  ${x}`).join('\n')}`);
  return lines.join('\n') + '\n';
}

/** One decision as text (conditions, executed vectors, pairs, percentages). */
export function renderDecision(d: ReportDecision): string {
  const lines = [`${d.file}:${d.line}:${d.column} ${d.kind}: ${d.text}`];
  if (d.notInstrumented !== null) lines.push(`  not instrumented: ${d.notInstrumented}`);
  lines.push(`  Evaluations: ${d.evaluations}`);
  lines.push('  Conditions:');
  for (const c of d.conditions) lines.push(`    C${c.index + 1} ${c.line}:${c.column}  ${c.text}`);
  const n = d.conditions.length;
  lines.push('  Executed test vectors:');
  const head = d.conditions.map((c) => lpad(`C${c.index + 1}`, 3)).join(',');
  lines.push(`    ${lpad('#', 4)}  {${head}  = Result }  Count`);
  d.vectors.forEach((v, i) => {
    lines.push(`    ${lpad(String(i + 1), 4)}  {${v.values.map((x) => lpad(x, 3)).join(',')}  = ${pad(v.outcome ? 'T' : 'F', 6)} }  ${v.count}`);
  });
  if (d.vectors.length === 0) lines.push('    (none: never evaluated)');
  lines.push('  Independence pairs:');
  for (const c of d.conditions) {
    const show = (s: { status: string; pair: readonly [number, number] | null }) => (s.pair !== null ? `covered (${s.pair[0]},${s.pair[1]})` : s.status === 'justified' ? 'JUSTIFIED' : 'NOT covered');
    let l = `    C${c.index + 1}: unique-cause ${show(c.uniqueCause)}; masking ${show(c.masking)}`;
    if (c.justification !== null) l += `\n        justified (${c.justification.category}): ${c.justification.reason}`;
    lines.push(l);
  }
  lines.push(`  MC/DC: unique-cause ${d.uniqueCause.percent.toFixed(2)}%, masking ${d.masking.percent.toFixed(2)}% of ${n} condition${n === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/** The full text report: summary first, then every decision grouped by file. */
export function renderText(r: Report): string {
  const parts = [renderSummary(r)];
  for (const f of r.files) {
    parts.push(`\n==== ${f.path}: unique-cause ${frac(f.summary.uniqueCause)}, masking ${frac(f.summary.masking)}\n`);
    for (const d of f.decisions) parts.push(renderDecision(d) + '\n');
  }
  return parts.join('\n');
}
