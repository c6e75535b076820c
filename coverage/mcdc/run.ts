/**
 * `npm run mcdc`: builds the instrumented copy of the project, runs the unit tests and the whole spec
 * testsuite on it, collects what the recorder wrote and produces the reports and the gate verdict.
 *
 *   node dist/coverage/mcdc/run.js [--no-unit] [--no-spec] [--spec-filter P] [--skip-build] [--skip-run]
 *                                  [--out DIR] [--dist DIR] [--write-thresholds]
 *
 * Run from the repository root. Exit code 0 when every run passed and the gate holds, 1 otherwise.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildInstrumented, DECISIONS_FILE, DEFAULT_FOLDERS } from './build.js';
import { loadJustifications, loadThresholds } from './config.js';
import type { DecisionsFile, RawFile } from './model.js';
import { buildReport, type RunRecord } from './report.js';
import { renderHtml } from './render-html.js';
import { renderSummary, renderText } from './render-text.js';

/**
 * Tests not run on the instrumented build: tooling tests that do not exercise the instrumented code,
 * the node:test wrapper of the spec suite (the spec-suite run executes the same suite through the CLI),
 * and timing budgets (`*perf*.test.js`), which the instrumentation's overhead invalidates by design.
 */
const SKIPPED_TESTS = [/^test\/coverage\//, /^test\/requirements\//, /^test\/spec\/wast-2\.0\.test\.js$/, /perf[^/]*\.test\.js$/];

function flag(argv: readonly string[], name: string): boolean {
  return argv.includes(name);
}

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function findTests(dir: string, base: string, out: string[]): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) findTests(p, base, out);
    else if (e.endsWith('.test.js')) {
      const rel = relative(base, p).split('\\').join('/');
      if (!SKIPPED_TESTS.some((r) => r.test(rel))) out.push(p);
    }
  }
  return out;
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv, log: string): RunRecord {
  const t0 = performance.now();
  process.stderr.write(`mcdc: running ${name} (log: ${log})\n`);
  const fd = openSync(log, 'w');
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', fd, fd], env, maxBuffer: 1 << 30 });
  closeSync(fd);
  const exitCode = r.status ?? 1;
  if (exitCode !== 0) {
    const tail = readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
    process.stderr.write(`mcdc: ${name} failed (exit ${exitCode}); end of its log:\n${tail}\n`);
  }
  const shown = args.length > 6 ? [...args.slice(0, 5), `... (${args.length - 5} more)`] : args;
  return { name, command: `node ${shown.join(' ')}`, exitCode, durationMs: Math.round(performance.now() - t0) };
}

/** The instrumented roots (src/core, src/component) and their direct subfolders (src/core/exec, ...). */
function reportFolders(d: DecisionsFile): string[] {
  const subs = new Set<string>();
  for (const f of d.files) {
    const parts = f.file.split('/');
    if (parts.length > 3) subs.add(parts.slice(0, 3).join('/'));
  }
  return [...DEFAULT_FOLDERS, ...[...subs].sort()];
}

export function main(argv: readonly string[]): number {
  const root = process.cwd();
  const out = resolve(option(argv, '--out') ?? 'coverage/out/mcdc');
  const dist = resolve(option(argv, '--dist') ?? 'coverage/out/mcdc-dist');
  const rawDir = join(out, 'raw');
  mkdirSync(out, { recursive: true });

  let decisions: DecisionsFile;
  if (flag(argv, '--skip-build')) {
    decisions = JSON.parse(readFileSync(join(dist, DECISIONS_FILE), 'utf8')) as DecisionsFile;
  } else {
    const t0 = performance.now();
    rmSync(dist, { recursive: true, force: true });
    const b = buildInstrumented(root, dist);
    decisions = b.decisions;
    process.stderr.write(`mcdc: instrumented ${decisions.files.length} files in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }

  const runs: RunRecord[] = [];
  if (!flag(argv, '--skip-run')) {
    rmSync(rawDir, { recursive: true, force: true });
    mkdirSync(rawDir, { recursive: true });
    // The property tests record their figures apart, so the instrumented run never rewrites the ones
    // `npm test` recorded for the evidence report.
    const env = { ...process.env, MCDC_OUT: rawDir, PROPERTIES_JSON: join(out, 'properties.json') };
    if (!flag(argv, '--no-unit')) {
      const tests = findTests(join(dist, 'test'), dist, []);
      runs.push(run('unit-tests', ['--test', '--test-reporter=dot', ...tests], env, join(out, 'unit-tests.log')));
    }
    if (!flag(argv, '--no-spec')) {
      const filter = option(argv, '--spec-filter');
      const args = [join(dist, 'src', 'cli', 'main.js'), 'spec', '--json', join(out, 'spec-report.json'), ...(filter !== undefined ? ['--filter', filter] : [])];
      runs.push(run('spec-suite', args, env, join(out, 'spec-suite.log')));
    }
    writeFileSync(join(out, 'runs.json'), JSON.stringify(runs, null, 2) + '\n');
  } else if (existsSync(join(out, 'runs.json'))) {
    runs.push(...(JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')) as RunRecord[]));
  }

  const raw: RawFile[] = existsSync(rawDir)
    ? readdirSync(rawDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(readFileSync(join(rawDir, f), 'utf8')) as RawFile)
    : [];
  const thresholdsPath = join(root, 'coverage', 'mcdc', 'thresholds.json');
  const report = buildReport({
    decisions,
    raw,
    justifications: loadJustifications(join(root, 'coverage', 'mcdc', 'justifications.yaml')),
    thresholds: loadThresholds(thresholdsPath),
    folders: reportFolders(decisions),
    runs,
  });
  writeFileSync(join(out, 'report.json'), JSON.stringify(report, null, 1) + '\n');
  writeFileSync(join(out, 'report.txt'), renderText(report));
  writeFileSync(join(out, 'summary.txt'), renderSummary(report));
  writeFileSync(join(out, 'index.html'), renderHtml(report));
  if (flag(argv, '--write-thresholds')) {
    const folders: Record<string, { uniqueCause: number; masking: number }> = {};
    for (const f of report.folders) folders[f.path] = { uniqueCause: Math.floor(f.summary.uniqueCause.percentWithJustified), masking: Math.floor(f.summary.masking.percentWithJustified) };
    writeFileSync(thresholdsPath, JSON.stringify({ $comment: 'Minimum MC/DC per folder (covered + justified conditions, %). Raise over time; never lower without a review.', folders }, null, 2) + '\n');
  }
  process.stdout.write(renderSummary(report));
  process.stdout.write(`reports: ${relative(root, out)}/report.json, report.txt, summary.txt, index.html\n`);
  return report.gate.passed ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]).endsWith(join('coverage', 'mcdc', 'run.js'))) {
  process.exitCode = main(process.argv.slice(2));
}
