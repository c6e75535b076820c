/**
 * Turns file results into the suite report: totals, per-file lines, failure details, skip categories,
 * message-match statistics, and the JSON document written by `mcp-wrt spec --json`.
 */

import type { AssertionResult, FileResult } from './runner.js';

export interface Totals {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export interface SuiteReport {
  readonly suite: string;
  readonly started: string;
  readonly durationMs: number;
  readonly totals: Totals;
  /** Per command kind: how many passing error assertions also matched the expected message. */
  readonly messages: Record<string, { readonly matched: number; readonly unmatched: number }>;
  readonly skipCategories: Record<string, number>;
  readonly files: readonly FileResult[];
}

export function totalsOf(files: readonly FileResult[]): Totals {
  return files.reduce(
    (t, f) => ({ passed: t.passed + f.passed, failed: t.failed + f.failed, skipped: t.skipped + f.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

function allAssertions(files: readonly FileResult[]): AssertionResult[] {
  return files.flatMap((f) => f.assertions);
}

export function messageStats(files: readonly FileResult[]): SuiteReport['messages'] {
  const out: Record<string, { matched: number; unmatched: number }> = {};
  for (const a of allAssertions(files)) {
    if (a.outcome !== 'pass' || a.messageMatched === undefined) continue;
    const s = (out[a.command] ??= { matched: 0, unmatched: 0 });
    if (a.messageMatched) s.matched++;
    else s.unmatched++;
  }
  return out;
}

export function skipCategories(files: readonly FileResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of allAssertions(files)) {
    if (a.outcome === 'skip') out[a.category ?? 'uncategorized'] = (out[a.category ?? 'uncategorized'] ?? 0) + 1;
  }
  return out;
}

export function buildReport(suite: string, started: Date, durationMs: number, files: readonly FileResult[]): SuiteReport {
  return {
    suite,
    started: started.toISOString(),
    durationMs,
    totals: totalsOf(files),
    messages: messageStats(files),
    skipCategories: skipCategories(files),
    files,
  };
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

/** `file: N passed, N failed, N skipped (time)` */
export function fileLine(f: FileResult): string {
  return `${f.file}: ${f.passed} passed, ${f.failed} failed, ${f.skipped} skipped (${formatDuration(f.durationMs)})`;
}

/** The failures of one file, at most `cap` of them, as `file:line command reason`. */
export function failureLines(f: FileResult, cap: number): string[] {
  const fails = f.assertions.filter((a) => a.outcome === 'fail');
  const lines = fails.slice(0, cap).map((a) => `  ${f.file}:${a.line} ${a.command} ${a.reason ?? ''}`);
  if (fails.length > cap) lines.push(`  ${f.file}: ... ${fails.length - cap} more failures`);
  return lines;
}

/** The closing line: exactly `N passed, N failed, N skipped`. */
export function totalsLine(t: Totals): string {
  return `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
}

/**
 * A failure reason with its specifics (numbers, offsets, stacks) blanked, to group similar failures.
 * Quoted texts stay: they are mostly spec messages and trap kinds, which tell who must fix what.
 */
export function reasonGroup(reason: string): string {
  return reason
    .replace(/\[.*\]$/s, '')
    .replace(/ in function \d+| at instruction \d+| \(byte offset \d+\)| at byte offset \d+/g, '')
    .replace(/-?\b(0x[0-9a-f]+|\d+(\.\d+)?(e[+-]?\d+)?)\b/gi, 'N')
    .slice(0, 160);
}

/** The most frequent failure reason groups, for the summary. */
export function topFailureGroups(files: readonly FileResult[], n: number): { group: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const a of allAssertions(files)) {
    if (a.outcome !== 'fail') continue;
    const g = `${a.command}: ${reasonGroup(a.reason ?? '')}`;
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([group, count]) => ({ group, count }))
    .sort((x, y) => y.count - x.count)
    .slice(0, n);
}

/** The summary printed after the per-file lines; the totals line is always last. */
export function summaryLines(report: SuiteReport): string[] {
  const lines: string[] = [];
  const skips = Object.entries(report.skipCategories).sort((a, b) => b[1] - a[1]);
  if (skips.length > 0) {
    lines.push('skipped, by category:');
    for (const [cat, n] of skips) lines.push(`  ${n} ${cat}`);
  }
  const msgs = Object.entries(report.messages);
  if (msgs.length > 0) {
    lines.push('error messages of passing assertions (matched / not matched the expected text):');
    for (const [cmd, s] of msgs) lines.push(`  ${cmd}: ${s.matched} matched, ${s.unmatched} not matched`);
  }
  if (report.totals.failed > 0) {
    lines.push('most frequent failure reasons:');
    for (const g of topFailureGroups(report.files, 15)) lines.push(`  ${g.count} ${g.group}`);
  }
  lines.push(`time: ${formatDuration(report.durationMs)}`);
  lines.push(totalsLine(report.totals));
  return lines;
}
