/**
 * `mcp-wrt spec [FILES...] [--suite DIR] [--json FILE] [--filter PATTERN]`: runs .wast scripts of the
 * official testsuite and reports per file, with a summary whose last line is `N passed, N failed, N skipped`.
 */

import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { runWastFile, type FileResult } from '../../spec-tests/runner.js';
import { buildReport, failureLines, fileLine, summaryLines } from '../../spec-tests/report.js';
import { NO_SUITE_MESSAGE, defaultSuiteDir, fileFilter, resolveScript, suiteFiles } from '../../spec-tests/suite.js';
import { UsageError, parseArgs } from './args.js';
import type { Io } from './io.js';

export const SPEC_USAGE = 'usage: mcp-wrt spec [--component] [FILES...] [--suite DIR] [--json FILE] [--filter PATTERN]';

/** Failures shown per file; the JSON report has all of them. */
const FAILURES_PER_FILE = 10;

export async function specCommand(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, ['suite', 'json', 'filter'], ['component']);
  // The component mode (Component Model reference tests) is loaded on demand: it needs jco.
  if (args.switches.has('component')) return (await import('../../spec-tests/component-spec.js')).componentSpecCommand(args, io);
  const suiteOpt = args.options.get('suite');
  const suiteDir = suiteOpt !== undefined ? resolve(suiteOpt) : defaultSuiteDir();
  let files: string[];
  if (args.positional.length > 0) {
    files = args.positional.map((a) => {
      const p = resolveScript(a, suiteDir);
      if (p === undefined) throw new UsageError(`no such script: ${a}${suiteDir === undefined ? ` (${NO_SUITE_MESSAGE})` : ''}`);
      return p;
    });
  } else {
    if (suiteDir === undefined) throw new UsageError(NO_SUITE_MESSAGE);
    try {
      files = suiteFiles(suiteDir);
    } catch (e) {
      throw new UsageError(`cannot read suite directory ${suiteDir}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const keep = fileFilter(args.options.get('filter'));
  files = files.filter((f) => keep(basename(f)));
  if (files.length === 0) throw new UsageError('no .wast files to run');

  const started = new Date();
  const t0 = performance.now();
  const results: FileResult[] = [];
  for (const [i, f] of files.entries()) {
    io.progress(`[${i + 1}/${files.length}] ${basename(f)}`);
    const r = await runWastFile(f);
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
