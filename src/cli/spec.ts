/**
 * `mcp-wrt spec [FILES...] [--suite DIR] [--json FILE] [--filter PATTERN]`: runs .wast scripts of the
 * official testsuite and reports per file, with a summary whose last line is `N passed, N failed, N skipped`.
 */

import { resolve } from 'node:path';
import { runWastFile } from '../../spec-tests/runner.js';
import { runAndReport } from '../../spec-tests/run-files.js';
import { NO_SUITE_MESSAGE, defaultSuiteDir, resolveScript, suiteFiles } from '../../spec-tests/suite.js';
import { UsageError, parseArgs } from './args.js';
import type { Io } from './io.js';

export const SPEC_USAGE = 'usage: mcp-wrt spec [--component] [FILES...] [--suite DIR] [--json FILE] [--filter PATTERN]';

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
  return runAndReport(files, suiteDir, args, io, runWastFile);
}
