/**
 * Runs .wast scripts against the public embedding API (`load`, `Store`, `instantiate`, `invoke`,
 * `globalValue`), one Store per script, and records one outcome per command: pass, fail (with the
 * expected and actual behaviour) or skip (with a category saying why it does not apply).
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { getCompiler } from './compile.js';
import { parseScript, type Command } from './script.js';
import {
  DEFAULT_SCRIPT_LIMITS, ScriptRun, describeError, tally, type AssertionResult, type FileResult, type RunOptions,
} from './script-run.js';

// The decision logic lives in script-run.ts (platform-free, also bundled for the embedded engine).
export {
  SkipCategory, ScriptRun, commandName, describeError, type Outcome, type AssertionResult, type FileResult, type RunOptions,
} from './script-run.js';

/** Runs a script given as bytes. A script the reader cannot read is one failure at line 0. */
export async function runScript(file: string, src: Uint8Array, opts: RunOptions = {}): Promise<FileResult> {
  const started = Date.now();
  const compiler = await getCompiler();
  let commands: Command[];
  try {
    commands = parseScript(src);
  } catch (e) {
    const reason = `script cannot be read: ${e instanceof Error ? e.message : String(e)}`;
    return tally(file, [{ line: 0, command: 'script', outcome: 'fail', reason }], Date.now() - started);
  }
  const assertions: AssertionResult[] = [];
  let run: ScriptRun;
  try {
    run = new ScriptRun(compiler, { ...DEFAULT_SCRIPT_LIMITS, ...opts.limits });
  } catch (e) {
    const reason = `cannot create the store and spectest module: ${describeError(e)}`;
    return tally(file, [{ line: 0, command: 'script', outcome: 'fail', reason }], Date.now() - started);
  }
  for (const cmd of commands) assertions.push(run.run(cmd));
  return tally(file, assertions, Date.now() - started);
}

/** Runs one .wast file. */
export async function runWastFile(path: string, opts: RunOptions = {}): Promise<FileResult> {
  return runScript(basename(path), new Uint8Array(readFileSync(path)), opts);
}
