/**
 * Node's half of an embedded run: reads a .wast script, encodes its text modules with wabt (the
 * harness's compiler), and produces the job that code inside QuickJS runs (embedded/quickjs/harness.ts).
 * Each text module's source is replaced by the index of its compiled result, in ASCII digits.
 */

import { getCompiler, type CompileResult } from '../spec-tests/compile.js';
import { parseScript, type Command, type ModuleDef } from '../spec-tests/script.js';
import { DEFAULT_SCRIPT_LIMITS } from '../spec-tests/script-run.js';
import type { ScriptJob } from './quickjs/harness.js';

export interface PreparedScript {
  readonly file: string;
  /** The job, or why the script cannot be read. */
  readonly job?: ScriptJob;
  readonly error?: string;
}

export interface PrepareOptions {
  /** Run only the first N commands of the script (the CI subset); all when absent. */
  readonly maxCommands?: number;
}

/** Rewrites one module definition, compiling text sources into the table. */
function prepareModule(def: ModuleDef, table: CompileResult[], compile: (text: Uint8Array) => CompileResult): ModuleDef {
  if (def.source.kind !== 'text') return def;
  table.push(compile(def.source.text));
  return { ...def, source: { kind: 'text', text: new TextEncoder().encode(String(table.length - 1)) } };
}

function prepareCommand(cmd: Command, table: CompileResult[], compile: (text: Uint8Array) => CompileResult): Command {
  switch (cmd.type) {
    case 'module':
    case 'assert_trap_module':
    case 'assert_invalid':
    case 'assert_malformed':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
      return { ...cmd, module: prepareModule(cmd.module, table, compile) };
    default:
      return cmd;
  }
}

/** Prepares one script given as bytes. */
export async function prepareScript(file: string, src: Uint8Array, opts: PrepareOptions = {}): Promise<PreparedScript> {
  const compiler = await getCompiler();
  let commands: Command[];
  try {
    commands = parseScript(src);
  } catch (e) {
    return { file, error: `script cannot be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (opts.maxCommands !== undefined) commands = commands.slice(0, opts.maxCommands);
  const compiled: CompileResult[] = [];
  const prepared = commands.map((c) => prepareCommand(c, compiled, (t) => compiler.compile(t)));
  return { file, job: { commands: prepared, compiled, limits: DEFAULT_SCRIPT_LIMITS } };
}
