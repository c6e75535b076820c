/**
 * The `mcp-wrt` command line: dispatches subcommands and turns errors into `error: <class>: <message>`
 * and an exit code (see exit-codes.ts).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../spec-tests/suite.js';
import { UsageError } from './args.js';
import { exitCodeFor } from './exit-codes.js';
import type { Io } from './io.js';
import { RUN_USAGE, runCommand } from './run.js';
import { SERVE_USAGE, serveCommand } from './serve.js';
import { SPEC_USAGE, specCommand } from './spec.js';

export const HELP = [
  'mcp-wrt — a verified, sandboxed WebAssembly 2.0 runtime',
  '',
  RUN_USAGE,
  '    invoke an exported function; arguments are parsed by the parameter types',
  '    (i32/i64 decimal or hex, floats incl. inf/nan, v128 as 32 hex digits or SHAPE:l1,l2,...)',
  '    --fuel N            instruction budget of the call',
  '    --memory BYTES      memory limit of the store (suffixes k, m, g)',
  '    --timeout DURATION  wall-clock budget, e.g. 500ms or 2s',
  '    --spectest          provide the spec testsuite\'s "spectest" imports',
  SERVE_USAGE,
  '    serve WASI stdio MCP servers compiled to WebAssembly, sandboxed, to MCP clients (stdio or HTTP)',
  SPEC_USAGE,
  '    run .wast scripts of the WebAssembly spec testsuite (default: ../shared/wasm-testsuite/2.0)',
  '    FILES are names such as i32.wast or paths; --filter keeps files matching PATTERN',
  '    --json FILE writes the full report as JSON',
  '    --component runs the Component Model reference tests (values, resources, binary, validation, linking',
  '    of ../shared/component-model/test) instead; FILES are then paths or dir/name.wast',
  'usage: mcp-wrt evidence [--out DIR] [--no-spec]',
  '    write the safety evidence report (index.html + evidence.json, default coverage/out/evidence)',
  '    from the latest test, spec-suite, property, coverage and MC/DC results of the repository',
  'mcp-wrt --help | --version',
  '',
  'exit codes: 0 ok, 1 other error or spec failures, 2 usage, 3 decode, 4 validation, 5 link, 6 trap,',
  '            7 limit exceeded, 8 CFI violation',
].join('\n');

export function version(): string {
  const root = packageRoot();
  if (root === undefined) return 'unknown';
  try {
    return String((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown }).version);
  } catch {
    return 'unknown';
  }
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case '--help':
      case '-h':
      case 'help':
        io.out(HELP);
        return 0;
      case '--version':
      case '-v':
        io.out(version());
        return 0;
      case 'run':
        return runCommand(rest, io);
      case 'spec':
        return await specCommand(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      case 'evidence':
        // Loaded on demand: it needs development packages (ajv, yaml) that `run` and `spec` do not.
        return await (await import('./evidence.js')).evidenceCommand(rest, io);
      case undefined:
        throw new UsageError('missing command');
      default:
        throw new UsageError(`unknown command ${sub}`);
    }
  } catch (e) {
    const code = exitCodeFor(e);
    if (e instanceof UsageError) {
      io.err(`error: usage: ${e.message}`);
      io.err(sub === 'run' ? RUN_USAGE : sub === 'spec' ? SPEC_USAGE : sub === 'serve' ? SERVE_USAGE : 'see mcp-wrt --help');
    } else if (e instanceof Error) {
      io.err(`error: ${e.name}: ${e.message}`);
      if (code === 1 && e.stack) io.err(e.stack);
    } else {
      io.err(`error: ${String(e)}`);
    }
    return code;
  }
}
