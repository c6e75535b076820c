/**
 * `mcp-wrt spec --component [FILES...] [--suite DIR] [--json FILE] [--filter PATTERN]`: runs the
 * Component Model reference tests (default: the sync directories of ../shared/component-model/test)
 * and reports exactly like the core suite: per-file lines, failures, summary, closing totals line.
 */

import { resolve } from 'node:path';
import type { ParsedArgs } from '../src/cli/args.js';
import { UsageError } from '../src/cli/args.js';
import type { Io } from '../src/cli/io.js';
import { runAndReport } from './run-files.js';
import { resolveScript } from './suite.js';
import { runComponentWastFile } from './component-runner.js';
import { componentSuiteFiles, defaultComponentSuiteDir, NO_COMPONENT_SUITE_MESSAGE } from './component-suite.js';

export async function componentSpecCommand(args: ParsedArgs, io: Io): Promise<number> {
  const suiteOpt = args.options.get('suite');
  const suiteDir = suiteOpt !== undefined ? resolve(suiteOpt) : defaultComponentSuiteDir();
  let files: string[];
  if (args.positional.length > 0) {
    files = args.positional.map((a) => {
      const p = resolveScript(a, suiteDir);
      if (p === undefined) throw new UsageError(`no such script: ${a}`);
      return p;
    });
  } else {
    if (suiteDir === undefined) throw new UsageError(NO_COMPONENT_SUITE_MESSAGE);
    files = componentSuiteFiles(suiteDir);
  }
  return runAndReport(files, suiteDir, args, io, runComponentWastFile);
}
