import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSExprs, stringText, ScriptSyntaxError, type SExpr } from '../../spec-tests/sexpr.js';
import { parseF32Bits, parseF64Bits, parseI32, parseI64, LiteralError } from '../../spec-tests/literals.js';
import { parseScript } from '../../spec-tests/script.js';
import { defaultSuiteDir } from '../../spec-tests/suite.js';
import { matchValue, parseExpected, parseArg, f32Value, f64Value } from '../../spec-tests/values.js';

const enc = new TextEncoder();
const read = (s: string): SExpr[] => readSExprs(enc.encode(s));
/** A file of the suite next to the repository, when present. */
function suiteFile(name: string): string | undefined {
  const dir = defaultSuiteDir();
  return dir !== undefined && existsSync(join(dir, name)) ? join(dir, name) : undefined;
}

test('REQ-HARN-001: reader tracks lines, skips nested block comments and line comments', () => {
  const es = read(';; c\n(a (; x (; nested ;) y ;) b)\n\n  (c "d") ;; tail\n(;\n;)');
  assert.equal(es.length, 2);
  const [a, c] = es;
  assert.equal(a.line, 2);
  assert.equal(c.line, 4);
  assert.equal(a.kind, 'list');
  if (a.kind !== 'list') return;
  assert.deepEqual(a.items.map((i) => (i.kind === 'atom' ? i.text : '?')), ['a', 'b']);
});

test('REQ-HARN-001: reader keeps exact byte ranges of lists for slicing module text', () => {
  const src = enc.encode('  (module $m (func))  ');
  const [m] = readSExprs(src);
  assert.equal(new TextDecoder().decode(src.slice(m.start, m.end)), '(module $m (func))');
});

test('REQ-HARN-002: string escapes decode to bytes', () => {
  const [s] = read('"a\\n\\t\\\\\\\'\\"\\00\\ff\\u{41}\\u{e9}\\u{1F600}"');
  assert.equal(s.kind, 'string');
  if (s.kind !== 'string') return;
  assert.deepEqual([...s.bytes], [0x61, 0x0a, 0x09, 0x5c, 0x27, 0x22, 0x00, 0xff, 0x41, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
  const [u] = read('"h\u00e9"');
  assert.equal(u.kind === 'string' ? stringText(u) : '', 'h\u00e9');
});

test('REQ-HARN-002: malformed scripts raise ScriptSyntaxError with the line', () => {
  assert.throws(() => read('(a\n(b)'), ScriptSyntaxError);
  assert.throws(() => read('\n"abc'), (e: unknown) => e instanceof ScriptSyntaxError && e.line === 2);
  assert.throws(() => read('(; open'), ScriptSyntaxError);
  assert.throws(() => read('"\\q"'), ScriptSyntaxError);
});

test('REQ-HARN-003: integer literals wrap signed/unsigned, accept hex and underscores, reject out of range', () => {
  assert.equal(parseI32('0xffffffff'), -1);
  assert.equal(parseI32('-0x80000000'), -2147483648);
  assert.equal(parseI32('4_294_967_295'), -1);
  assert.equal(parseI32('+42'), 42);
  assert.equal(parseI64('0xffff_ffff_ffff_ffff'), -1n);
  assert.equal(parseI64('-9223372036854775808'), -9223372036854775808n);
  assert.throws(() => parseI32('0x100000000'), LiteralError);
  assert.throws(() => parseI32('-2147483649'), LiteralError);
  assert.throws(() => parseI32('1__0'), LiteralError);
  assert.throws(() => parseI32('_1'), LiteralError);
});

test('REQ-HARN-004: float literals give exact bits: specials, payloads, hex, decimal', () => {
  assert.equal(parseF32Bits('nan'), 0x7fc00000);
  assert.equal(parseF32Bits('-nan'), 0xffc00000);
  assert.equal(parseF32Bits('nan:0x200000'), 0x7fa00000);
  assert.equal(parseF32Bits('-inf'), 0xff800000);
  assert.equal(parseF32Bits('-0x0.0p0'), 0x80000000);
  assert.equal(parseF32Bits('0x1p-149'), 1);
  assert.equal(parseF32Bits('0x1.fffffep+127'), 0x7f7fffff);
  assert.equal(parseF32Bits('0x1.fffffcp-127'), 0x007fffff);
  assert.equal(parseF32Bits('0x1.p10'), 0x44800000);
  assert.equal(parseF32Bits('1.4013e-45'), 1);
  assert.equal(parseF32Bits('6.28318548202514648'), 0x40c90fdb);
  assert.equal(parseF64Bits('nan:0x4000000000000'), 0x7ff4000000000000n);
  assert.equal(parseF64Bits('0x1p-1074'), 1n);
  assert.equal(parseF64Bits('1e308'), 0x7fe1ccf385ebc8a0n);
  assert.equal(parseF64Bits('0.1'), 0x3fb999999999999an);
  assert.equal(parseF64Bits('1_000.000_1'), BigInt.asUintN(64, new BigInt64Array(new Float64Array([1000.0001]).buffer)[0]));
  assert.throws(() => parseF32Bits('nan:0x800000'), LiteralError);
});

test('REQ-HARN-004: f32 literals round once, to nearest even, from the exact value', () => {
  // Hex: one bit past the 24-bit significand, exactly halfway: ties to even (down), and above halfway (up).
  assert.equal(parseF32Bits('0x1.00000100000000000p-50'), parseF32Bits('0x1.000000p-50'));
  assert.equal(parseF32Bits('0x1.00000100000000001p-50'), parseF32Bits('0x1.000002p-50'));
  assert.equal(parseF32Bits('0x1.00000300000000000p-50'), parseF32Bits('0x1.000004p-50'));
  // Decimal: 1 + 2^-24 + 2^-60 rounds up in one step; through a double it would become 1 + 2^-24
  // (a tie) and then round down to 1.
  const dec = '1.00000005960464477550'; // just above 1 + 2^-24
  assert.equal(Math.fround(parseFloat(dec)), 1);
  assert.equal(parseF32Bits(dec), 0x3f800001);
  // Overflow to infinity only past the rounding boundary of the largest finite value.
  assert.equal(parseF32Bits('0x1.fffffefffffffffffp127'), 0x7f7fffff);
  assert.equal(parseF32Bits('0x1.ffffffp127'), 0x7f800000);
  // Subnormal rounding.
  assert.equal(parseF32Bits('0x1.8p-149'), 2);
  assert.equal(parseF32Bits('0x1p-150'), 0);
});

test('REQ-HARN-004: const.wast f32/f64 literal pairs round to the expected constants', (t) => {
  const path = suiteFile('const.wast');
  if (path === undefined) {
    t.skip('testsuite not found at ../shared/wasm-testsuite/2.0');
    return;
  }
  const text = readFileSync(path, 'utf8');
  const re = /\(result (f32|f64)\) \((?:f32|f64)\.const ([^)]+)\)\)\)\s*\n\(assert_return \(invoke "f"\) \((?:f32|f64)\.const ([^)]+)\)\)/g;
  let n = 0;
  for (const m of text.matchAll(re)) {
    const [, ty, lit, expected] = m;
    if (ty === 'f32') assert.equal(parseF32Bits(lit), parseF32Bits(expected), `f32 ${lit}`);
    else assert.equal(parseF64Bits(lit), parseF64Bits(expected), `f64 ${lit}`);
    n++;
  }
  assert.ok(n > 100, `only ${n} pairs found`);
});

test('REQ-HARN-005: script commands are recognized with module names, binary modules and actions', () => {
  const cmds = parseScript(enc.encode([
    '(module $m (func (export "f") (param i32) (result i32) (local.get 0)))',
    '(module binary "\\00asm" "\\01\\00\\00\\00")',
    '(module quote "(func)")',
    '(register "r" $m)',
    '(assert_return (invoke $m "f" (i32.const 7)) (i32.const 7))',
    '(assert_return (get "g") (f32.const nan:canonical))',
    '(assert_trap (invoke "f" (i32.const 0)) "unreachable")',
    '(assert_trap (module (start 0)) "unreachable")',
    '(assert_exhaustion (invoke "f") "call stack exhausted")',
    '(assert_malformed (module quote "x") "unexpected token")',
    '(assert_invalid (module (func (i32.add))) "type mismatch")',
    '(assert_unlinkable (module (import "a" "b" (func))) "unknown import")',
    '(assert_uninstantiable (module) "x")',
    '(assert_return (invoke "f" (i32.const 0x1_0000_0000_0000)) (i32.const 0))',
    '(script $s)',
  ].join('\n')));
  assert.deepEqual(cmds.map((c) => c.type), [
    'module', 'module', 'module', 'register', 'assert_return', 'assert_return', 'assert_trap', 'assert_trap_module',
    'assert_exhaustion', 'assert_malformed', 'assert_invalid', 'assert_unlinkable', 'assert_uninstantiable', 'broken', 'unsupported',
  ]);
  const [m, bin] = cmds;
  assert.ok(m.type === 'module' && m.module.name === '$m' && m.module.source.kind === 'text');
  assert.ok(bin.type === 'module' && bin.module.source.kind === 'binary');
  if (bin.type === 'module' && bin.module.source.kind === 'binary') {
    assert.deepEqual([...bin.module.source.bytes], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  }
  assert.equal(cmds[4].line, 5);
});

test('REQ-HARN-006: NaN patterns check exact bits; other floats compare by bits', () => {
  const [canon, arith, negZero] = read('(f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const -0)').map(parseExpected);
  assert.equal(matchValue(f32Value(0x7fc00000), canon), null);
  assert.equal(matchValue(f32Value(0xffc00000), canon), null);
  assert.notEqual(matchValue(f32Value(0x7fc00001), canon), null);
  assert.notEqual(matchValue(f32Value(0x7fa00000), canon), null);
  assert.equal(matchValue(f64Value(0x7ff8000000000001n), arith), null);
  assert.notEqual(matchValue(f64Value(0x7ff4000000000000n), arith), null);
  assert.notEqual(matchValue(f32Value(0), negZero), null);
  assert.equal(matchValue(f32Value(0x80000000), negZero), null);
});

test('REQ-HARN-006: v128 patterns compare per lane, with NaN patterns in float lanes', () => {
  const [exp] = read('(v128.const f32x4 nan:canonical 1.0 -0 nan:arithmetic)').map(parseExpected);
  const [arg] = read('(v128.const f32x4 nan 1.0 -0 -nan:0x400001)').map(parseArg);
  assert.equal(matchValue(arg, exp), null);
  const [i8] = read('(v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 255)').map(parseArg);
  const [i8e] = read('(v128.const i16x8 0xff 0 0 0 0 0 0 0xff00)').map(parseExpected);
  assert.equal(matchValue(i8, i8e), null);
  const [refs] = read('(ref.null extern)').map(parseExpected);
  assert.equal(matchValue({ type: 'externref', value: null }, refs), null);
  assert.notEqual(matchValue({ type: 'funcref', value: null }, refs), null);
});
