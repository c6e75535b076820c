/**
 * Statement and branch coverage of `src/` after `npm test`, gated per folder (coverage/thresholds.json).
 *
 * `npm test` runs node --test under c8, which leaves V8's raw coverage in coverage/out/raw and c8's own
 * summary in coverage/out/c8. c8 counts statements as lines and does not count the untaken false path of an
 * `if` without `else` (c8 issue #227), so this script also re-reports the same raw data through c8's monocart
 * backend (coverage/out/c8-monocart), which parses the source and counts that path. Both are gated and both
 * are reported: coverage/out/coverage.json (read by `mcp-wrt evidence`) and coverage/out/coverage.txt.
 *
 * Silent when every gate holds (so the node:test summary stays the last lines of `npm test`), unless `--print`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { isMain } from './is-main.js';

export interface Counts {
  readonly total: number;
  readonly covered: number;
  readonly pct: number;
}

export interface FileCoverage {
  readonly c8: { readonly statements: Counts; readonly branches: Counts; readonly functions: Counts };
  readonly monocart?: { readonly statements: Counts; readonly branches: Counts; readonly functions: Counts };
  /** Files of a folder that no test loaded: c8 counts them as 0 %, the monocart figure leaves them out. */
  readonly unloadedFiles?: number;
}

export interface CoverageReport {
  readonly generatedAt: string;
  readonly tool: { readonly c8: string; readonly monocart: string };
  readonly files: Readonly<Record<string, FileCoverage>>;
  readonly folders: Readonly<Record<string, FileCoverage>>;
  readonly total: FileCoverage;
  readonly gates: readonly { readonly folder: string; readonly metric: string; readonly min: number; readonly actual: number; readonly ok: boolean }[];
  /** Folders of src/ holding files that lack a statement or a branch gate (the check fails on any). */
  readonly ungated: readonly string[];
}

/** The gates every folder of src/ that holds files must have (statement and branch, as c8 counts them). */
const REQUIRED_GATES = ['c8Statements', 'c8Branches'] as const;

type Summary = Record<string, Record<string, { total: number; covered: number }>>;
type Metrics = { statements: Counts; branches: Counts; functions: Counts };

const METRICS = ['statements', 'branches', 'functions'] as const;

function counts(total: number, covered: number): Counts {
  return { total, covered, pct: total === 0 ? 100 : Math.round((covered / total) * 10000) / 100 };
}

/** Maps a summary key (absolute, or root-relative without the leading slash as monocart writes it) to `src/...`. */
function normalize(root: string, key: string): string | undefined {
  const abs = resolve(root) + '/';
  const bare = abs.slice(1);
  let rel = key.startsWith(abs) ? key.slice(abs.length) : key.startsWith(bare) ? key.slice(bare.length) : key;
  // Built elsewhere (a build dir outside the tree): the source map still names the repository's src/.
  if (!rel.startsWith('src/') && rel.includes('/src/')) rel = rel.slice(rel.indexOf('/src/') + 1);
  return rel.startsWith('src/') && rel.endsWith('.ts') ? rel : undefined;
}

function readSummary(root: string, file: string): Map<string, Metrics> | undefined {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, 'utf8')) as Summary;
  const out = new Map<string, Metrics>();
  for (const [key, m] of Object.entries(data)) {
    const name = normalize(root, key);
    if (name === undefined) continue;
    const get = (k: string): Counts => counts(m[k]?.total ?? 0, m[k]?.covered ?? 0);
    out.set(name, { statements: get('statements'), branches: get('branches'), functions: get('functions') });
  }
  return out;
}

function sum(list: readonly Metrics[]): Metrics {
  const add = (k: (typeof METRICS)[number]): Counts =>
    counts(list.reduce((a, m) => a + m[k].total, 0), list.reduce((a, m) => a + m[k].covered, 0));
  return { statements: add('statements'), branches: add('branches'), functions: add('functions') };
}

function packageVersion(root: string, name: string): string {
  try {
    return String((JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version);
  } catch {
    return 'not installed';
  }
}

/** Re-reports the raw V8 data of the last c8 run through the monocart backend. */
export function runMonocart(root: string): boolean {
  const c8 = createRequire(join(root, 'package.json')).resolve('c8/bin/c8.js');
  const r = spawnSync(
    process.execPath,
    [c8, 'report', '--experimental-monocart', '--reporter=json-summary', '--report-dir', 'coverage/out/c8-monocart'],
    { cwd: root, encoding: 'utf8' },
  );
  return r.status === 0;
}

/** Builds the combined report from the c8 and monocart summaries and checks the gates. */
export function coverageReport(root: string): CoverageReport | undefined {
  const c8 = readSummary(root, join(root, 'coverage/out/c8/coverage-summary.json'));
  if (c8 === undefined) return undefined;
  const mcr = readSummary(root, join(root, 'coverage/out/c8-monocart/coverage-summary.json'));
  const fileEntry = (name: string, c: Metrics): FileCoverage => {
    const m = mcr?.get(name);
    return m === undefined ? { c8: c } : { c8: c, monocart: m };
  };
  const files: Record<string, FileCoverage> = {};
  for (const [name, c] of [...c8].sort(([a], [b]) => a.localeCompare(b))) files[name] = fileEntry(name, c);

  const thresholds = JSON.parse(readFileSync(join(root, 'coverage/thresholds.json'), 'utf8')) as {
    folders: Record<string, Record<string, number>>;
  };
  const folderNames = new Set<string>(Object.keys(thresholds.folders));
  const fileFolders = new Set(Object.keys(files).map((name) => name.slice(0, name.lastIndexOf('/'))));
  for (const f of fileFolders) folderNames.add(f);
  const ungated = [...fileFolders].sort().filter((f) => REQUIRED_GATES.some((g) => thresholds.folders[f]?.[g] === undefined));
  const folders: Record<string, FileCoverage> = {};
  const aggregate = (pick: (n: string) => boolean): FileCoverage => {
    const names = Object.keys(files).filter(pick);
    const c = sum(names.map((n) => files[n]!.c8));
    // Files no test loaded have no monocart entry (only c8's `all` lists them): no monocart figure then.
    const ms = names.map((n) => files[n]!.monocart).filter((m): m is Metrics => m !== undefined);
    return ms.length === 0 ? { c8: c } : { c8: c, monocart: sum(ms), ...(ms.length < names.length ? { unloadedFiles: names.length - ms.length } : {}) };
  };
  for (const f of [...folderNames].sort()) folders[f] = aggregate((n) => n.startsWith(f + '/'));

  const gates: { folder: string; metric: string; min: number; actual: number; ok: boolean }[] = [];
  for (const [folder, mins] of Object.entries(thresholds.folders)) {
    const f = folders[folder]!;
    for (const [metric, min] of Object.entries(mins)) {
      const src = metric.startsWith('monocart') ? f.monocart : f.c8;
      const kind = metric.endsWith('Branches') ? 'branches' : 'statements';
      const actual = src === undefined ? 0 : src[kind].pct;
      gates.push({ folder, metric, min, actual, ok: actual >= min });
    }
  }
  return {
    generatedAt: new Date().toISOString(),
    tool: { c8: packageVersion(root, 'c8'), monocart: packageVersion(root, 'monocart-coverage-reports') },
    files,
    folders,
    total: aggregate(() => true),
    gates,
    ungated,
  };
}

/** A fixed-width table of the folder figures. */
export function coverageTable(r: CoverageReport): string {
  const pct = (c: Counts | undefined): string => (c === undefined ? 'n/a' : `${c.pct.toFixed(2)}%`).padStart(8);
  const lines = [
    'folder                          c8 stmts  c8 branch  mcr stmts  mcr branch',
    ...[...Object.entries(r.folders), ['(all of src/)', r.total] as const].map(
      ([f, c]) =>
        `${f.padEnd(30)} ${pct(c.c8.statements)}   ${pct(c.c8.branches)}   ${pct(c.monocart?.statements)}   ${pct(c.monocart?.branches)}` +
        (c.unloadedFiles === undefined ? '' : `  (${c.unloadedFiles} file(s) never loaded)`),
    ),
  ];
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  const root = process.cwd();
  const print = process.argv.includes('--print');
  const monocartOk = runMonocart(root);
  const report = coverageReport(root);
  if (report === undefined) {
    console.error('coverage: no c8 summary in coverage/out/c8 (run `npm test` first)');
    process.exitCode = 1;
  } else {
    mkdirSync(join(root, 'coverage/out'), { recursive: true });
    writeFileSync(join(root, 'coverage/out/coverage.json'), JSON.stringify(report, null, 2) + '\n');
    const table = coverageTable(report);
    writeFileSync(join(root, 'coverage/out/coverage.txt'), table + '\n');
    const failed = report.gates.filter((g) => !g.ok);
    if (print) console.log(table);
    if (!monocartOk) console.error('coverage: the monocart re-report failed; its figures are missing');
    for (const g of failed) console.error(`coverage: ${g.folder} ${g.metric} ${g.actual}% is below the gate ${g.min}% (coverage/thresholds.json)`);
    for (const f of report.ungated) console.error(`coverage: ${f} has no ${REQUIRED_GATES.join(' and ')} gate in coverage/thresholds.json (every folder of src/ needs one)`);
    process.exitCode = failed.length > 0 || report.ungated.length > 0 || !monocartOk ? 1 : 0;
  }
}
