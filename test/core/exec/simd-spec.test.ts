/**
 * Replays the spec testsuite's SIMD assertions (../shared/wasm-testsuite/2.0/simd_*.wast) that call a
 * function consisting of one memory-free SIMD instruction over its parameters, directly through
 * execSimd. The full scripts (modules, traps, memory instructions) are run later by the spec harness;
 * this catches instruction-level disagreements early and checks the NaN result classes
 * (nan:canonical / nan:arithmetic) exactly as the scripts state them.
 */

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { sizeOf } from './simd-oracle.js';
import { SIMD_OPS } from './simd-ops.js';
import { runOurs } from './simd-run.js';
import {
  constPattern,
  encodeConsts,
  matchesPattern,
  parseSExprs,
  singleInstrFuncs,
  type ConstPattern,
  type SExpr,
  type SingleInstrFunc,
} from './simd-wast.js';

/** The 2.0 testsuite directory: `shared/wasm-testsuite/2.0` next to the working directory or an ancestor. */
function findSuite(): string | undefined {
  let dir = process.cwd();
  for (;;) {
    for (const candidate of [join(dir, 'shared/wasm-testsuite/2.0'), join(dir, '../shared/wasm-testsuite/2.0')]) {
      if (existsSync(candidate)) return resolve(candidate);
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const SUITE = findSuite();
const FILES = SUITE === undefined ? [] : readdirSync(SUITE).filter((f) => /^simd_.*\.wast$/.test(f)).sort();
const OPS_BY_NAME = new Map(SIMD_OPS.map((o) => [o.name, o]));

interface Case {
  readonly line: string;
  readonly func: SingleInstrFunc;
  readonly args: ConstPattern[];
  readonly expected: ConstPattern;
  /** For a v128.const function: its immediate, encoded like the other constants. */
  readonly immConst?: ConstPattern;
}

/** Immediate words for execSimd from the function's immediate atoms. */
function immWords(c: Case): number[] {
  const f = c.func;
  if (c.immConst !== undefined) return [...new Int32Array(c.immConst.bytes!.slice().buffer)];
  if (f.op.sub === 0x0d) {
    const b = Uint8Array.from(f.imm.map(Number));
    return [...new Int32Array(b.buffer)];
  }
  return f.imm.map(Number);
}

function collectCases(forms: SExpr[]): Case[] {
  const cases: Case[] = [];
  let funcs = new Map<string, SingleInstrFunc>();
  for (const form of forms) {
    if (!Array.isArray(form)) continue;
    if (form[0] === 'module') {
      const isText = form[1] !== 'binary' && form[2] !== 'binary' && form[1] !== 'quote' && form[2] !== 'quote';
      funcs = isText ? singleInstrFuncs(form, OPS_BY_NAME) : new Map();
      continue;
    }
    if (form[0] !== 'assert_return') continue;
    const invoke = form[1];
    if (!Array.isArray(invoke) || invoke[0] !== 'invoke' || typeof invoke[1] !== 'string') continue;
    const func = funcs.get(JSON.parse(invoke[1]) as string);
    if (func === undefined || form.length !== 3) continue;
    const args = invoke.slice(2).map(constPattern);
    const expected = constPattern(form[2]!);
    if (expected === undefined || args.some((a) => a === undefined)) continue;
    const immConst = func.op.sub === 0x0c ? constPattern(['v128.const', ...func.imm]) : undefined;
    if (func.op.sub === 0x0c && immConst === undefined) continue;
    cases.push({ line: JSON.stringify(form).slice(0, 300), func, args: args as ConstPattern[], expected, ...(immConst ? { immConst } : {}) });
  }
  return cases;
}

for (const file of FILES) {
  test(`REQ-CORE-SIMD-030: ${file}: single-instruction assert_return assertions hold`, async (t) => {
    const cases = collectCases(parseSExprs(readFileSync(join(SUITE!, file), 'utf8')));
    await encodeConsts(cases.flatMap((c) => [...c.args, c.expected, ...(c.immConst ? [c.immConst] : [])]));
    const failures: string[] = [];
    for (const c of cases) {
      const actual = runOurs(c.func.op, c.args.map((a) => a.bytes!), immWords(c));
      const size = sizeOf(c.func.op.sig.split(':')[1] ?? '');
      if (!matchesPattern(actual, c.expected, size)) {
        failures.push(`${c.line}\n   got ${[...actual].map((x) => x.toString(16).padStart(2, '0')).join(' ')}`);
      }
    }
    t.diagnostic(`${cases.length} assertions replayed`);
    assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${cases.length} assertions failed`);
  });
}

test('REQ-CORE-SIMD-030: the SIMD spec scripts are present and the replay covers the arithmetic files', (t) => {
  if (SUITE === undefined) {
    t.skip('spec testsuite not found next to the repository');
    return;
  }
  assert.ok(FILES.length >= 50, `found ${FILES.length} simd_*.wast files`);
});
