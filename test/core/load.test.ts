/**
 * `load` (src/core/index.ts) compiles valid modules in one pass over each function body
 * (`decodeUnchecked`, then `validate`, which checks each body's encoding as it compiles it) and re-runs
 * the two-pass order (`decode`, then `validate`) whenever that fails. Differential checks against the
 * two-pass order: same accepted modules, identical compiled code, identical errors.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { decode, decodeUnchecked } from '../../src/core/binary/decode.js';
import { DecodeError, ValidationError, WasmError } from '../../src/core/errors.js';
import { load } from '../../src/core/index.js';
import type { ValidatedModule } from '../../src/core/validate/compiled.js';
import { validate } from '../../src/core/validate/index.js';
import { getCompiler } from '../../spec-tests/compile.js';
import { parseScript } from '../../spec-tests/script.js';
import { defaultSuiteDir, suiteFiles } from '../../spec-tests/suite.js';
import { bigModule } from '../../bench/src/big-module.js';
import { initWabt } from '../fuzz/oracle.js';
import { caseArb } from '../fuzz/program-run.js';
import { mutate, mutationArb } from '../fuzz/mutate.js';
import { checkProperty } from '../fuzz/property.js';
import { codeOne, FUNC_ONE, funcModule, mod, section, TYPE_VOID, vec } from './binary/build.js';

before(async () => {
  await initWabt();
});

/** What a load attempt gives, as comparable text: the error (class and message) or the whole compiled output. */
function outcome(run: () => ValidatedModule): string {
  let m: ValidatedModule;
  try {
    m = run();
  } catch (e) {
    if (!(e instanceof WasmError)) throw e;
    return `${e.name}: ${e.message}`;
  }
  return m.functions.map((f) => [
    f.funcIndex, f.typeIndex, f.numLocals, f.maxHeight, [...f.localIsRef], [...f.code], [...f.side], [...f.labels], [...f.labelHeights],
  ].join('|')).join('\n');
}

/** Accepted or rejected, by the one-pass path alone (no fallback). */
function onePassAccepts(bytes: Uint8Array): boolean {
  try {
    validate(decodeUnchecked(bytes));
    return true;
  } catch (e) {
    if (!(e instanceof WasmError)) throw e;
    return false;
  }
}

/** Checks `load` against the two-pass order on `bytes`; returns the reference outcome. */
function assertSameAsTwoPass(bytes: Uint8Array, where: string): string {
  const reference = outcome(() => validate(decode(bytes)));
  assert.equal(outcome(() => load(bytes)), reference, where);
  const valid = !reference.startsWith('DecodeError') && !reference.startsWith('ValidationError');
  assert.equal(onePassAccepts(bytes), valid, `${where}: the one-pass path alone`);
  if (valid) assert.equal(outcome(() => validate(decodeUnchecked(bytes))), reference, `${where}: one-pass compilation`);
  return reference;
}

/** The bytes of every module of a .wast script that is binary or that wabt encodes. */
async function scriptModules(path: string): Promise<{ line: number; bytes: Uint8Array }[]> {
  const compiler = await getCompiler();
  const out: { line: number; bytes: Uint8Array }[] = [];
  for (const cmd of parseScript(new Uint8Array(readFileSync(path)))) {
    if (!('module' in cmd) || cmd.module === undefined || typeof cmd.module === 'string') continue;
    const source = cmd.module.source;
    if (source.kind === 'binary') out.push({ line: cmd.line, bytes: source.bytes });
    else if (source.kind === 'text') {
      const r = compiler.compile(source.text);
      if (r.ok) out.push({ line: cmd.line, bytes: r.bytes });
    }
  }
  return out;
}

const suiteDir = defaultSuiteDir();

test('REQ-PERF-LOAD-001: on every module of the spec testsuite, load gives exactly what decode then validate gives', { skip: suiteDir === undefined ? 'testsuite not found' : false }, async () => {
  const tally = { valid: 0, decode: 0, validation: 0 };
  for (const path of suiteFiles(suiteDir!)) {
    for (const { line, bytes } of await scriptModules(path)) {
      const r = assertSameAsTwoPass(bytes, `${path}:${line}`);
      if (r.startsWith('DecodeError')) tally.decode++;
      else if (r.startsWith('ValidationError')) tally.validation++;
      else tally.valid++;
    }
  }
  // The suite exercises all three outcomes many times over.
  assert.ok(tally.valid > 1000 && tally.decode > 300 && tally.validation > 800, JSON.stringify(tally));
});

test('REQ-PERF-LOAD-001: on generated and mutated modules, load gives exactly what decode then validate gives', async () => {
  const tally = { valid: 0, rejected: 0 };
  await checkProperty('load/one-pass', 300, fc.property(caseArb, fc.array(mutationArb, { minLength: 0, maxLength: 3 }), (c, ms) => {
    const r = assertSameAsTwoPass(ms.reduce(mutate, c.bytes), JSON.stringify(ms));
    if (r.startsWith('DecodeError') || r.startsWith('ValidationError')) tally.rejected++;
    else tally.valid++;
    return true;
  }));
  assert.ok(tally.valid > 0 && tally.rejected > 0, JSON.stringify(tally));
});

test('REQ-PERF-LOAD-001: the generated load benchmark module compiles identically in one pass', () => {
  const bytes = bigModule(300_000);
  assert.ok(!assertSameAsTwoPass(bytes, 'bigModule').startsWith('DecodeError'));
});

/** One entry of a code section: the size, then no locals, then `instrs` (with their final end). */
function entry(instrs: number[]): number[] {
  return [instrs.length + 1, 0x00, ...instrs];
}
/** A type-mismatched body: `i64.const 0` where the function returns nothing. */
const INVALID = entry([0x42, 0x00, 0x0b]);
/** Two functions of type [] -> []. */
const TWO_FUNCS = section(3, vec([[0x00], [0x00]]));

function assertDecodeError(bytes: Uint8Array, reason: string): void {
  assert.throws(() => load(bytes), (e: unknown) => e instanceof DecodeError && e.reason === reason, reason);
  // What the two-pass order reports, offset included.
  assert.equal(outcome(() => load(bytes)), outcome(() => validate(decode(bytes))));
}

test('REQ-PERF-LOAD-002: a malformed byte after an invalid function body is still reported as malformed', () => {
  const invalidThen = (second: number[]): Uint8Array => mod(TYPE_VOID, TWO_FUNCS, section(10, vec([INVALID, second])));
  assert.throws(() => load(invalidThen(entry([0x0b]))), ValidationError);
  assertDecodeError(invalidThen(entry([0xff, 0x0b])), 'illegal opcode'); // 0xff is no opcode
  assertDecodeError(invalidThen(entry([0x05, 0x0b])), 'END opcode expected'); // `else` outside an `if`
  assertDecodeError(invalidThen([0x03, 0x00, 0x0b, 0x0b]), 'section size mismatch'); // an instruction after the final end
  assertDecodeError(invalidThen([0x02, 0x00, 0x01]), 'unexpected end of section or function'); // no final end
  // A malformed section after the code section (a data segment of kind 3).
  assertDecodeError(mod(TYPE_VOID, FUNC_ONE, section(10, vec([INVALID])), section(11, vec([[0x03]]))), 'malformed data segment kind');
});

test('REQ-PERF-LOAD-002: without a data count section, memory.init and data.drop are malformed on both paths', () => {
  // data.drop 0 (0xFC 9) in a module with one passive data segment and no data count section.
  const code = codeOne([0xfc, 0x09, 0x00, 0x0b]);
  const data = section(11, vec([[0x01, 0x00]]));
  const dataDrop = mod(TYPE_VOID, FUNC_ONE, code, data);
  assertDecodeError(dataDrop, 'data count section required');
  assert.throws(() => validate(decodeUnchecked(dataDrop)), (e: unknown) => e instanceof DecodeError && e.reason === 'data count section required');
  // With the data count section it loads.
  assert.equal(load(mod(TYPE_VOID, FUNC_ONE, section(12, [0x01]), code, data)).functions.length, 1);
});

test('REQ-PERF-LOAD-002: decodeUnchecked reads only the sizes and locals of function bodies; validate checks the rest', () => {
  const malformedBody = funcModule([0xff, 0x0b]);
  assert.throws(() => decode(malformedBody), DecodeError);
  const m = decodeUnchecked(malformedBody);
  assert.equal(m.codes.length, 1);
  // The validator's read of the body is the check: the decoder's own error comes out of validate.
  assert.throws(() => validate(m), (e: unknown) => e instanceof DecodeError && e.reason === 'illegal opcode');
  // Locals running past the body's size (one run declared in a body of one byte): refused by decodeUnchecked itself.
  // Body size 1: its one byte says "one run of locals", whose count (0) and type (i32) lie beyond it.
  const overrun = mod(TYPE_VOID, FUNC_ONE, section(10, [0x01, 0x01, 0x01, 0x00, 0x7f, 0x0b]));
  assert.throws(() => decodeUnchecked(overrun), (e: unknown) => e instanceof DecodeError && e.reason === 'section size mismatch');
  assert.throws(() => load(overrun), DecodeError);
  assert.equal(outcome(() => load(overrun)), outcome(() => validate(decode(overrun))));
});
