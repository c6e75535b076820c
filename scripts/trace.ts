/**
 * The traceability matrix, generated (never edited): requirement -> tests that name it -> their latest results
 * -> the `src/` files those tests import (transitively), and the reverse: tests that name no requirement and
 * source files that no requirement's tests reach.
 *
 * Run as a script: `node dist/scripts/trace.js [--results FILE] [--out DIR]` writes DIR/matrix.json and
 * DIR/matrix.md (default coverage/out/trace) from the JUnit file `npm test` wrote (coverage/out/test-results.xml).
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ImportGraph } from './import-graph.js';
import { CLAIM_PATTERN, SPEC_SUITE_TEST, traceRequirements, type TraceReport } from './requirements.js';
import { readTestResults, type Outcome, type TestResults } from './test-results.js';
import { isMain } from './is-main.js';

/** Where `npm test` writes its JUnit results, relative to the repository root. */
export const DEFAULT_RESULTS = 'coverage/out/test-results.xml';

/**
 * passed: tests ran and none failed; failed: a test failed; skipped: every test skipped; not-run: tests name it
 * but no result names it; justified: no test, written justification; untested: neither.
 */
export type RequirementOutcome = 'passed' | 'failed' | 'skipped' | 'not-run' | 'justified' | 'untested';

export interface MatrixRow {
  readonly id: string;
  readonly revision: number;
  readonly title: string;
  readonly file: string;
  readonly asil: string;
  readonly status: string;
  readonly verification: { readonly kind: string; readonly method: string; readonly justification?: string };
  readonly hazards: readonly string[];
  readonly testFiles: readonly string[];
  readonly tests: readonly { readonly name: string; readonly outcome: Outcome }[];
  readonly outcome: RequirementOutcome;
  readonly sources: readonly string[];
}

export interface Matrix {
  readonly results: { readonly file: string; readonly writtenAt: string; readonly passed: number; readonly failed: number; readonly skipped: number } | null;
  readonly rows: readonly MatrixRow[];
  /** Test names (from the results) that carry no requirement ID. */
  readonly testsWithoutRequirement: readonly string[];
  /** Test files that name no requirement at all. */
  readonly testFilesWithoutRequirement: readonly string[];
  /** Files under src/ that no requirement-claiming test reaches. */
  readonly sourcesWithoutRequirement: readonly string[];
  /** Safety requirements of the component, host and MCP layers that no hazard names. */
  readonly safetyRequirementsWithoutHazard: readonly string[];
  readonly errors: readonly string[];
}

const SPEC_FILE_TEST = /spec testsuite 2\.0 (\S+\.wast)\b/;

function tsFilesUnder(root: string, dir: string, keep: (f: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && keep(name)) out.push(relative(root, p));
    }
  };
  walk(join(root, dir));
  return out.sort();
}

/** The requirement IDs a test (by its title) verifies: IDs in the title, plus spec-map IDs for suite files. */
export function idsOfTest(name: string, trace: TraceReport): string[] {
  const ids = new Set([...name.matchAll(CLAIM_PATTERN)].map((m) => m[0].replace(/@\d+$/, '')));
  const spec = SPEC_FILE_TEST.exec(name);
  if (spec !== null) for (const id of trace.specMap.get(spec[1]!) ?? []) ids.add(id);
  return [...ids];
}

export function buildMatrix(root: string, results: TestResults | undefined, trace: TraceReport = traceRequirements(root)): Matrix {
  const graph = new ImportGraph(root);
  const testsById = new Map<string, { name: string; outcome: Outcome }[]>();
  const testsWithoutRequirement: string[] = [];
  for (const t of results?.tests ?? []) {
    const ids = idsOfTest(t.name, trace);
    if (ids.length === 0) testsWithoutRequirement.push(t.name);
    for (const id of ids) {
      const list = testsById.get(id) ?? [];
      list.push({ name: t.name, outcome: t.outcome });
      testsById.set(id, list);
    }
  }

  const reachedFromRequirements = new Set<string>();
  const rows: MatrixRow[] = trace.requirements.map((r) => {
    const testFiles = trace.verifiedBy.get(r.id) ?? [];
    const tests = testsById.get(r.id) ?? [];
    const sources = [...new Set(testFiles.flatMap((f) => graph.sourcesReached(f)))].sort();
    for (const s of sources) reachedFromRequirements.add(s);
    let outcome: RequirementOutcome;
    if (tests.some((t) => t.outcome === 'fail')) outcome = 'failed';
    else if (tests.some((t) => t.outcome === 'pass')) outcome = 'passed';
    else if (tests.length > 0) outcome = 'skipped';
    else if (testFiles.length > 0) outcome = 'not-run';
    else if (r.verification.justification) outcome = 'justified';
    else outcome = 'untested';
    return {
      id: r.id,
      revision: r.revision,
      title: r.title,
      file: r.file,
      asil: r.asil,
      status: r.status,
      verification: r.verification,
      // The hazards a requirement mitigates: those naming it in hazards.yaml, and any its record names.
      hazards: [...new Set([...trace.hazards.filter((h) => h.mitigations.includes(r.id)).map((h) => h.id), ...(r.hazards ?? [])])].sort(),
      testFiles,
      tests,
      outcome,
      sources,
    };
  });

  const claimed = new Set(trace.claims.map((c) => c.file));
  claimed.add(SPEC_SUITE_TEST);
  const testFilesWithoutRequirement = tsFilesUnder(root, 'test', (n) => n.endsWith('.test.ts')).filter((f) => !claimed.has(f));
  const sourcesWithoutRequirement = tsFilesUnder(root, 'src', () => true).filter((f) => !reachedFromRequirements.has(f));

  return {
    results: results === undefined
      ? null
      : { file: relative(root, results.file), writtenAt: results.writtenAt, passed: results.passed, failed: results.failed, skipped: results.skipped },
    rows,
    testsWithoutRequirement,
    testFilesWithoutRequirement,
    sourcesWithoutRequirement,
    safetyRequirementsWithoutHazard: trace.withoutHazard,
    errors: trace.errors,
  };
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The matrix as Markdown (one row per requirement, then the reverse lists). */
export function matrixMarkdown(m: Matrix): string {
  const lines = [
    '# Traceability matrix (generated by scripts/trace.ts — do not edit)',
    '',
    m.results === null ? 'Test results: none found (run `npm test`).' : `Test results: ${m.results.file} (${m.results.writtenAt}): ${m.results.passed} passed, ${m.results.failed} failed, ${m.results.skipped} skipped.`,
    '',
    '| Requirement | Rev | Title | Verification | Outcome | Tests | Test files | Source files |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of m.rows) {
    const passed = r.tests.filter((t) => t.outcome === 'pass').length;
    lines.push(
      `| ${r.id} | ${r.revision} | ${cell(r.title)} | ${r.verification.kind}/${r.verification.method} | ${r.outcome} | ${passed}/${r.tests.length} | ${r.testFiles.join('<br>')} | ${r.sources.length} |`,
    );
  }
  const list = (title: string, items: readonly string[]): void => {
    lines.push('', `## ${title} (${items.length})`, '');
    for (const i of items) lines.push(`- ${cell(i)}`);
  };
  list('Trace errors', m.errors);
  list('Tests naming no requirement', m.testsWithoutRequirement);
  list('Test files naming no requirement', m.testFilesWithoutRequirement);
  list('Source files no requirement reaches', m.sourcesWithoutRequirement);
  list('Safety requirements of the component, host and MCP layers no hazard names', m.safetyRequirementsWithoutHazard);
  return lines.join('\n') + '\n';
}

/** Writes matrix.json and matrix.md into `outDir`; returns the matrix. */
export function writeMatrix(root: string, outDir: string, resultsFile = join(root, DEFAULT_RESULTS)): Matrix {
  const matrix = buildMatrix(root, readTestResults(resultsFile));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'matrix.json'), JSON.stringify(matrix, null, 2) + '\n');
  writeFileSync(join(outDir, 'matrix.md'), matrixMarkdown(matrix));
  return matrix;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = process.cwd();
  const out = resolve(opt('--out') ?? join(root, 'coverage/out/trace'));
  const m = writeMatrix(root, out, resolve(opt('--results') ?? join(root, DEFAULT_RESULTS)));
  const count = (o: RequirementOutcome): number => m.rows.filter((r) => r.outcome === o).length;
  console.log(`${m.rows.length} requirements: ${count('passed')} passed, ${count('failed')} failed, ${count('justified')} justified, ${count('untested')} untested, ${count('not-run')} not run, ${count('skipped')} skipped`);
  if (m.safetyRequirementsWithoutHazard.length > 0) console.log(`safety requirements no hazard names: ${m.safetyRequirementsWithoutHazard.join(', ')}`);
  console.log(`wrote ${join(out, 'matrix.json')} and matrix.md`);
  process.exitCode = m.errors.length > 0 || count('failed') > 0 ? 1 : 0;
}
