/**
 * The reporting loop shared by `mcp-wrt spec` and `mcp-wrt spec --component`: filters the scripts,
 * runs them one by one, prints a line (and the first failures) per file, writes the JSON report and
 * ends with the totals line. Returns the process exit code.
 */

import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ParsedArgs } from '../src/cli/args.js';
import { UsageError } from '../src/cli/args.js';
import type { Io } from '../src/cli/io.js';
import { buildReport, failureLines, fileLine, summaryLines } from './report.js';
import type { FileResult } from './runner.js';
import { fileFilter } from './suite.js';

/** Failures shown per file; the JSON report has all of them. */
const FAILURES_PER_FILE = 10;

export async function runAndReport(
  files: readonly string[],
  suiteDir: string | undefined,
  args: ParsedArgs,
  io: Io,
  runFile: (file: string) => Promise<FileResult>,
): Promise<number> {
  const keep = fileFilter(args.options.get('filter'));
  const selected = files.filter((f) => keep(basename(f)));
  if (selected.length === 0) throw new UsageError('no .wast files to run');

  const started = new Date();
  const t0 = performance.now();
  const results: FileResult[] = [];
  for (const [i, f] of selected.entries()) {
    io.progress(`[${i + 1}/${selected.length}] ${basename(f)}`);
    const r = await runFile(f);
    results.push(r);
    io.out(fileLine(r));
    for (const l of failureLines(r, FAILURES_PER_FILE)) io.out(l);
  }
  const report = buildReport(suiteDir ?? '(files)', started, performance.now() - t0, results);
  const jsonPath = args.options.get('json');
  if (jsonPath !== undefined) writeFileSync(jsonPath, JSON.stringify(report, null, 2) + '\n');
  for (const l of summaryLines(report)) io.out(l);
  return report.totals.failed > 0 ? 1 : 0;
}
