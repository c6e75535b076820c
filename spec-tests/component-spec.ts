/**
 * `mcp-wrt spec --component [FILES...] [--suite DIR] [--json FILE] [--filter PATTERN]`: runs the
 * Component Model reference tests (default: the sync directories of ../shared/component-model/test)
 * and reports exactly like the core suite: per-file lines, failures, summary, closing totals line.
 */

import { writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { ParsedArgs } from '../src/cli/args.js';
import { UsageError } from '../src/cli/args.js';
import type { Io } from '../src/cli/io.js';
import { buildReport, failureLines, fileLine, summaryLines } from './report.js';
import { fileFilter } from './suite.js';
import type { FileResult } from './runner.js';
import { runComponentWastFile } from './component-runner.js';
import { componentSuiteFiles, defaultComponentSuiteDir, NO_COMPONENT_SUITE_MESSAGE } from './component-suite.js';

const FAILURES_PER_FILE = 10;

function resolveFile(arg: string, suiteDir: string | undefined): string | undefined {
  const asPath = resolve(arg);
  if (existsSync(asPath) && statSync(asPath).isFile()) return asPath;
  if (suiteDir === undefined) return undefined;
  for (const name of [arg, `${arg}.wast`]) {
    const p = join(suiteDir, name);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return undefined;
}

export async function componentSpecCommand(args: ParsedArgs, io: Io): Promise<number> {
  const suiteOpt = args.options.get('suite');
  const suiteDir = suiteOpt !== undefined ? resolve(suiteOpt) : defaultComponentSuiteDir();
  let files: string[];
  if (args.positional.length > 0) {
    files = args.positional.map((a) => {
      const p = resolveFile(a, suiteDir);
      if (p === undefined) throw new UsageError(`no such script: ${a}`);
      return p;
    });
  } else {
    if (suiteDir === undefined) throw new UsageError(NO_COMPONENT_SUITE_MESSAGE);
    files = componentSuiteFiles(suiteDir);
  }
  const keep = fileFilter(args.options.get('filter'));
  files = files.filter((f) => keep(basename(f)));
  if (files.length === 0) throw new UsageError('no .wast files to run');

  const started = new Date();
  const t0 = performance.now();
  const results: FileResult[] = [];
  for (const [i, f] of files.entries()) {
    io.progress(`[${i + 1}/${files.length}] ${basename(f)}`);
    const r = await runComponentWastFile(f);
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
