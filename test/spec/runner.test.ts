import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScript, describeError, type FileResult } from '../../spec-tests/runner.js';
import { addDataCountSection, getCompiler } from '../../spec-tests/compile.js';
import { reasonGroup, totalsLine } from '../../spec-tests/report.js';

async function run(script: string): Promise<FileResult> {
  return runScript('t.wast', new TextEncoder().encode(script));
}

function outcomes(r: FileResult): string[] {
  return r.assertions.map((a) => `${a.line}:${a.outcome}${a.category ? `(${a.category})` : ''}`);
}

test('REQ-HARN-007: error assertions pass only on the matching error class', async () => {
  const r = await run([
    '(assert_malformed (module binary "\\00asm" "\\02\\00\\00\\00") "unknown binary version")',
    '(assert_malformed (module binary "\\00asm" "\\01\\00\\00\\00") "should not load")',
    '(assert_invalid (module (func (result i32))) "type mismatch")',
    '(assert_invalid (module (func)) "valid after all")',
    '(assert_invalid (module binary "\\00asm") "wrong class")',
    '(assert_unlinkable (module (import "nowhere" "f" (func))) "unknown import")',
    '(assert_unlinkable (module (import "spectest" "print_i32" (func (param i64)))) "incompatible import type")',
    '(assert_trap (module (func $s unreachable) (start $s)) "unreachable")',
    '(assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")',
  ].join('\n'));
  assert.deepEqual(outcomes(r), ['1:pass', '2:fail', '3:pass', '4:fail', '5:fail', '6:pass', '7:pass', '8:pass', '9:pass']);
  assert.match(r.assertions[1].reason ?? '', /expected DecodeError "should not load", but the module loaded/);
  assert.match(r.assertions[4].reason ?? '', /expected ValidationError "wrong class", got DecodeError/);
  assert.equal(r.assertions[0].messageMatched !== undefined, true);
});

test('REQ-HARN-007: traps compare their kind to the expected text; exhaustion needs a call-depth or stack limit', async () => {
  const r = await run([
    '(module',
    '  (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))',
    '  (func $r (export "rec") (call $r)))',
    '(assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")',
    '(assert_trap (invoke "div" (i32.const 0)) "integer overflow")',
    '(assert_trap (invoke "div" (i32.const 1)) "integer divide by zero")',
    '(assert_trap (invoke "div" (i32.const 0)) "integer divide by zero, extended")',
    '(assert_exhaustion (invoke "rec") "call stack exhausted")',
    '(assert_exhaustion (invoke "div" (i32.const 0)) "call stack exhausted")',
  ].join('\n'));
  assert.deepEqual(outcomes(r), ['1:pass', '4:pass', '5:fail', '6:fail', '7:pass', '8:pass', '9:fail']);
  assert.match(r.assertions[2].reason ?? '', /expected Trap "integer overflow", got Trap "integer divide by zero"/);
  assert.match(r.assertions[3].reason ?? '', /got results i32:1/);
  assert.match(r.assertions[4].note ?? '', /prefix-compatible/);
});

test('REQ-HARN-008: text-format tests are skipped with a category, never passed', async () => {
  const r = await run([
    '(module $q quote "(func (export \\"f\\"))")',
    '(invoke $q "f")',
    '(assert_malformed (module quote "(func") "unexpected end")',
    '(assert_malformed (module (func (i32.const 0x1_))) "unknown operator")',
    '(assert_invalid (module (func (local.get $undefined))) "unknown local")',
    '(module (func (local.get $undefined)))',
  ].join('\n'));
  assert.deepEqual(outcomes(r), [
    '1:skip(text-format, not applicable)', '2:skip(depends on a skipped module)', '3:skip(text-format, not applicable)',
    '4:skip(text-format)', '5:skip(wabt-unencodable)', '6:skip(wabt-unencodable)',
  ]);
  assert.equal(r.passed, 0);
  assert.match(r.assertions[4].reason ?? '', /^wabt: /);
});

test('REQ-HARN-009: modules are registered by name and linked; get reads exported globals; spectest is provided', async () => {
  const r = await run([
    '(module $a',
    '  (import "spectest" "global_i32" (global $g i32))',
    '  (import "spectest" "global_f64" (global $h f64))',
    '  (import "spectest" "table" (table 10 20 funcref))',
    '  (import "spectest" "memory" (memory 1 2))',
    '  (import "spectest" "print_i32_f32" (func (param i32 f32)))',
    '  (global (export "g") i32 (global.get $g))',
    '  (global (export "h") f64 (global.get $h))',
    '  (func (export "seven") (result i32) (i32.const 7)))',
    '(register "A" $a)',
    '(module $b (import "A" "seven" (func $s (result i32))) (func (export "call") (result i32) (call $s)))',
    '(assert_return (get $a "g") (i32.const 666))',
    '(assert_return (get $a "h") (f64.const 666.6))',
    '(assert_return (invoke $b "call") (i32.const 7))',
    '(assert_return (invoke $a "seven") (i32.const 7))',
    '(assert_return (invoke "call") (i32.const 8))',
    '(assert_return (invoke "missing"))',
  ].join('\n'));
  assert.deepEqual(outcomes(r), ['1:pass', '10:pass', '11:pass', '12:pass', '13:pass', '14:pass', '15:pass', '16:fail', '17:fail']);
  assert.match(r.assertions[7].reason ?? '', /expected i32:8, got i32:7/);
  assert.match(r.assertions[8].reason ?? '', /no export "missing"/);
});

test('REQ-HARN-010: a plain JS exception is described as a defect with its stack', () => {
  const d = describeError(new TypeError('boom'));
  assert.match(d, /^JS exception \(defect\) TypeError: boom \[TypeError: boom \| +at /);
});

test('REQ-HARN-011: the encoder adds the data count section that the reference encoder writes', async () => {
  const text = '(module (memory 1) (func (data.drop 0)) (data "x"))';
  const c = await getCompiler();
  const r = c.compile(new TextEncoder().encode('(module (func (data.drop 0)))'));
  assert.ok(r.ok);
  if (!r.ok) return;
  // section id 12, size 1, count 0, placed before the code section (id 10)
  const i = r.bytes.indexOf(12, 8);
  assert.deepEqual([...r.bytes.subarray(i, i + 4)], [12, 1, 0, 10]);
  const plain = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  assert.equal(addDataCountSection(plain, '(module)'), plain);
  // Idempotent: a binary that has the section (from wabt or from us) is returned unchanged.
  const withData = c.compile(new TextEncoder().encode(text));
  assert.ok(withData.ok);
  if (withData.ok) assert.equal(addDataCountSection(withData.bytes, text), withData.bytes);
});

test('REQ-HARN-012: reports group failure reasons and end with the totals line', () => {
  assert.equal(totalsLine({ passed: 3, failed: 1, skipped: 2 }), '3 passed, 1 failed, 2 skipped');
  assert.equal(
    reasonGroup('expected ValidationError "type mismatch", got DecodeError: x at byte offset 12'),
    reasonGroup('expected ValidationError "type mismatch", got DecodeError: x at byte offset 99'),
  );
});
