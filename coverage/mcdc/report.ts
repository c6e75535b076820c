/**
 * Builds the MC/DC report (the JSON document described in README.md and report.schema.json) from the
 * decisions file of the instrumented build, the raw files the instrumented processes wrote, the
 * justifications and the thresholds. Text and HTML renderings are made from this document only.
 */

import { analyzeDecision, type DecisionAnalysis } from './analyze.js';
import type { DecisionsFile, RawFile } from './model.js';

export const REPORT_FORMAT = 'mcp-wrt-mcdc-report';
export const SCHEMA_VERSION = 1;
export const TOOL = { name: 'mcp-wrt-mcdc', version: '1.0.0' } as const;

export const DEFINITIONS = {
  uniqueCause:
    'Vectors u, w are an independence pair for condition c when c is evaluated in both with different values, the decision outcomes differ, and every other condition is evaluated in both with equal values or is not evaluated (short-circuited) in at least one of them (as llvm-cov --show-mcdc).',
  masking:
    'Condition c is shown independent when some vector with c = T and some vector with c = F have different outcomes and c is unmasked in both: no && on the path from c to the decision has a sibling operand that evaluated to false, and no || has one that evaluated to true.',
  switchCase: 'Each case label is a decision with the one condition (discriminant === label); it is covered when some evaluation matched it and some evaluation tested it false (matched a later case, the default clause, or nothing).',
} as const;

export type Kind = 'uniqueCause' | 'masking';
export type Status = 'covered' | 'justified' | 'uncovered';

export interface Justification {
  readonly file: string;
  /** Source text of the condition, exactly as the report shows it. */
  readonly condition: string;
  /** Optional: source text of the decision, and its line, to pick one of several equal conditions. */
  readonly decision?: string;
  readonly line?: number;
  /** Which kinds it justifies (default both). */
  readonly kinds?: readonly ('unique-cause' | 'masking')[];
  /** e.g. defensive, cfi-violation, unreachable, environment. */
  readonly category: string;
  readonly reason: string;
}

export interface Thresholds {
  /** Minimum percentages per folder (covered plus justified conditions over all conditions). */
  readonly folders: Readonly<Record<string, { readonly uniqueCause: number; readonly masking: number }>>;
}

export interface Counts {
  readonly conditions: number;
  readonly covered: number;
  readonly justified: number;
  readonly uncovered: number;
  /** covered / conditions * 100, two decimals (100 when there are no conditions). */
  readonly percent: number;
  /** (covered + justified) / conditions * 100, two decimals. */
  readonly percentWithJustified: number;
}

export interface Summary {
  readonly decisions: number;
  /** Decisions evaluated at least once. */
  readonly decisionsEvaluated: number;
  readonly conditions: number;
  readonly uniqueCause: Counts;
  readonly masking: Counts;
}

export interface ReportCondition {
  readonly index: number;
  readonly text: string;
  readonly line: number;
  readonly column: number;
  readonly uniqueCause: { readonly status: Status; readonly pair: readonly [number, number] | null };
  readonly masking: { readonly status: Status; readonly pair: readonly [number, number] | null };
  readonly justification: { readonly category: string; readonly reason: string } | null;
}

export interface ReportDecision {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly kind: DecisionAnalysis['kind'];
  readonly text: string;
  readonly evaluations: number;
  readonly conditions: readonly ReportCondition[];
  readonly vectors: readonly { readonly values: readonly string[]; readonly outcome: boolean; readonly count: number }[];
  readonly uniqueCause: Counts;
  readonly masking: Counts;
  readonly inconsistencies: number;
  readonly notInstrumented: string | null;
}

export interface RunRecord {
  readonly name: string;
  readonly command: string;
  readonly exitCode: number;
  readonly durationMs: number;
}

export interface FolderResult {
  readonly path: string;
  readonly summary: Summary;
  readonly thresholds: { readonly uniqueCause: number; readonly masking: number } | null;
  readonly passed: boolean;
}

export interface Report {
  readonly format: typeof REPORT_FORMAT;
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly generatedAt: string;
  readonly definitions: typeof DEFINITIONS;
  readonly runs: readonly RunRecord[];
  readonly totals: Summary;
  readonly folders: readonly FolderResult[];
  readonly files: readonly { readonly path: string; readonly summary: Summary; readonly decisions: readonly ReportDecision[] }[];
  readonly gate: { readonly passed: boolean; readonly failures: readonly string[] };
  /** Justifications that matched no uncovered condition (stale; fix or remove them). */
  readonly unusedJustifications: readonly Justification[];
  /** Raw data that did not match the instrumented sources (other version) and was ignored. */
  readonly warnings: readonly string[];
  /** Total recorded outcomes that disagree with the condition trees; a tool fault when not 0. */
  readonly inconsistencies: number;
}

export interface ReportInput {
  readonly decisions: DecisionsFile;
  readonly raw: readonly RawFile[];
  readonly justifications: readonly Justification[];
  readonly thresholds: Thresholds;
  readonly folders: readonly string[];
  readonly runs: readonly RunRecord[];
  readonly now?: Date;
}

function pct(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part / whole) * 10000) / 100;
}

function counts(conditions: number, covered: number, justified: number): Counts {
  return { conditions, covered, justified, uncovered: conditions - covered - justified, percent: pct(covered, conditions), percentWithJustified: pct(covered + justified, conditions) };
}

function sumCounts(list: readonly Counts[]): Counts {
  let c = 0;
  let cov = 0;
  let j = 0;
  for (const x of list) {
    c += x.conditions;
    cov += x.covered;
    j += x.justified;
  }
  return counts(c, cov, j);
}

function summarize(ds: readonly ReportDecision[]): Summary {
  return {
    decisions: ds.length,
    decisionsEvaluated: ds.filter((d) => d.evaluations > 0).length,
    conditions: ds.reduce((a, d) => a + d.conditions.length, 0),
    uniqueCause: sumCounts(ds.map((d) => d.uniqueCause)),
    masking: sumCounts(ds.map((d) => d.masking)),
  };
}

function appliesTo(j: Justification, kind: Kind): boolean {
  if (j.kinds === undefined) return true;
  return j.kinds.includes(kind === 'uniqueCause' ? 'unique-cause' : 'masking');
}

export function buildReport(input: ReportInput): Report {
  const warnings: string[] = [];
  const hitsByFile = new Map<string, Map<number, Map<number, number>>>();
  const hashes = new Map(input.decisions.files.map((f) => [f.file, f.hash]));
  for (const raw of input.raw) {
    for (const rf of raw.files) {
      const want = hashes.get(rf.file);
      if (want === undefined) continue;
      if (want !== rf.hash) {
        warnings.push(`ignored data for ${rf.file}: recorded from another version of the source`);
        continue;
      }
      let byDecision = hitsByFile.get(rf.file);
      if (byDecision === undefined) hitsByFile.set(rf.file, (byDecision = new Map()));
      rf.hits.forEach((pairs, k) => {
        let m = byDecision!.get(k);
        if (m === undefined) byDecision!.set(k, (m = new Map()));
        for (const [key, count] of pairs) m.set(key, (m.get(key) ?? 0) + count);
      });
    }
  }
  const used = new Set<Justification>();
  const files = input.decisions.files.map((fm) => {
    const byDecision = hitsByFile.get(fm.file);
    const decisions: ReportDecision[] = [];
    for (const dm of fm.decisions) {
      for (const a of analyzeDecision(fm.file, dm, byDecision?.get(dm.index) ?? new Map())) {
        decisions.push(toReportDecision(a, input.justifications, used));
      }
    }
    decisions.sort((a, b) => a.line - b.line || a.column - b.column || (a.kind < b.kind ? -1 : 1));
    return { path: fm.file, summary: summarize(decisions), decisions };
  });
  const all = files.flatMap((f) => f.decisions);
  const failures: string[] = [];
  const folderNames = [...new Set([...input.folders, ...Object.keys(input.thresholds.folders)])];
  const folders = folderNames.map((path): FolderResult => {
    const summary = summarize(all.filter((d) => d.file.startsWith(path + '/')));
    const t = input.thresholds.folders[path] ?? null;
    let passed = true;
    if (t !== null) {
      for (const kind of ['uniqueCause', 'masking'] as const) {
        const got = summary[kind].percentWithJustified;
        if (got < t[kind]) {
          passed = false;
          failures.push(`${path}: ${kind} MC/DC ${got}% is below the threshold ${t[kind]}%`);
        }
      }
    }
    return { path, summary, thresholds: t, passed };
  });
  for (const r of input.runs) if (r.exitCode !== 0) failures.push(`run "${r.name}" failed (exit code ${r.exitCode}): the instrumented build must pass it`);
  const inconsistencies = all.reduce((a, d) => a + d.inconsistencies, 0);
  if (inconsistencies > 0) failures.push(`${inconsistencies} recorded outcomes disagree with their condition trees (tool fault)`);
  return {
    format: REPORT_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    tool: { ...TOOL },
    generatedAt: (input.now ?? new Date()).toISOString(),
    definitions: DEFINITIONS,
    runs: input.runs,
    totals: summarize(all),
    folders,
    files,
    gate: { passed: failures.length === 0, failures },
    unusedJustifications: input.justifications.filter((j) => !used.has(j)),
    warnings,
    inconsistencies,
  };
}

function toReportDecision(a: DecisionAnalysis, justifications: readonly Justification[], used: Set<Justification>): ReportDecision {
  const conditions = a.conditions.map((c): ReportCondition => {
    const j = justifications.find((x) => x.file === a.file && x.condition === c.text && (x.decision === undefined || x.decision === a.text) && (x.line === undefined || x.line === a.line));
    let justification: ReportCondition['justification'] = null;
    const status = (kind: Kind, covered: boolean): Status => {
      if (covered) return 'covered';
      if (j !== undefined && appliesTo(j, kind)) {
        used.add(j);
        justification = { category: j.category, reason: j.reason };
        return 'justified';
      }
      return 'uncovered';
    };
    const uniqueCause = { status: status('uniqueCause', c.uniqueCause.covered), pair: c.uniqueCause.pair };
    const masking = { status: status('masking', c.masking.covered), pair: c.masking.pair };
    return { index: c.index, text: c.text, line: c.line, column: c.column, uniqueCause, masking, justification };
  });
  const count = (kind: Kind) => counts(conditions.length, conditions.filter((c) => c[kind].status === 'covered').length, conditions.filter((c) => c[kind].status === 'justified').length);
  return {
    id: a.id,
    file: a.file,
    line: a.line,
    column: a.column,
    kind: a.kind,
    text: a.text,
    evaluations: a.evaluations,
    conditions,
    vectors: a.vectors.map((v) => ({ values: [...v.values], outcome: v.outcome, count: v.count })),
    uniqueCause: count('uniqueCause'),
    masking: count('masking'),
    inconsistencies: a.inconsistencies,
    notInstrumented: a.notInstrumented ?? null,
  };
}
