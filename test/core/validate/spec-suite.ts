/**
 * Runs the validator alone over the official spec testsuite: every `assert_invalid` module must be
 * rejected with (a message starting with) the expected reason, every module the suite expects to
 * decode and validate (`module`, `assert_unlinkable`, `assert_uninstantiable`, `assert_trap` on a
 * module) must be accepted. Text modules are encoded by wabt (no wabt validation) and decoded by our
 * decoder. `assert_malformed` and `module quote` are the decoder's and text format's business: skipped.
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseScript, type ModuleDef } from '../../../spec-tests/script.js';
import { getCompiler, type Compiler } from '../../../spec-tests/compile.js';
import { decode } from '../../../src/core/binary/index.js';
import { ValidationError } from '../../../src/core/errors.js';
import { validate } from '../../../src/core/validate/index.js';

export interface ValidationCase {
  readonly file: string;
  readonly line: number;
  readonly expect: 'valid' | 'invalid';
  readonly message: string;
}

export interface SuiteResult {
  passed: number;
  /** Cases where wabt could not encode the module or our decoder refused it (not validator verdicts). */
  skipped: { c: ValidationCase; why: string }[];
  failed: { c: ValidationCase; got: string }[];
}

function moduleBytes(compiler: Compiler, def: ModuleDef): Uint8Array | string {
  switch (def.source.kind) {
    case 'binary':
      return def.source.bytes;
    case 'text': {
      const r = compiler.compile(def.source.text);
      return r.ok ? r.bytes : `wabt: ${r.reason}`;
    }
    case 'quote':
      return 'module quote';
  }
}

export async function runValidationSuite(files: readonly string[]): Promise<SuiteResult> {
  const compiler = await getCompiler();
  const result: SuiteResult = { passed: 0, skipped: [], failed: [] };
  for (const path of files) {
    const file = basename(path);
    for (const cmd of parseScript(new Uint8Array(readFileSync(path)))) {
      let c: ValidationCase;
      let def: ModuleDef;
      switch (cmd.type) {
        case 'module':
        case 'assert_trap_module':
          c = { file, line: cmd.line, expect: 'valid', message: '' };
          def = cmd.module;
          break;
        case 'assert_unlinkable':
        case 'assert_uninstantiable':
          c = { file, line: cmd.line, expect: 'valid', message: '' };
          def = cmd.module;
          break;
        case 'assert_invalid':
          c = { file, line: cmd.line, expect: 'invalid', message: cmd.message };
          def = cmd.module;
          break;
        default:
          continue;
      }
      const bytes = moduleBytes(compiler, def);
      if (typeof bytes === 'string') {
        result.skipped.push({ c, why: bytes });
        continue;
      }
      let module;
      try {
        module = decode(bytes);
      } catch (e) {
        result.skipped.push({ c, why: `decode: ${e instanceof Error ? e.message : String(e)}` });
        continue;
      }
      try {
        validate(module);
        if (c.expect === 'valid') result.passed++;
        else result.failed.push({ c, got: 'accepted' });
      } catch (e) {
        const reason = e instanceof ValidationError ? e.reason : `non-validation error ${String(e)}`;
        if (c.expect === 'invalid' && e instanceof ValidationError && reason.startsWith(c.message)) result.passed++;
        else result.failed.push({ c, got: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  return result;
}
