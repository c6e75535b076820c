import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSuiteDir, suiteFiles } from '../../../spec-tests/suite.js';
import { decode } from '../../../src/core/binary/index.js';
import { ValidationError } from '../../../src/core/errors.js';
import { validate } from '../../../src/core/validate/index.js';
import { runValidationSuite } from './spec-suite.js';

/**
 * Cases whose text module wabt encodes differently from the reference interpreter, so the binary
 * does not contain what the test means; each is covered by a hand-encoded binary below instead.
 * - select.wast:323 `(select (result) ...)`: wabt writes the untyped `select` (0x1B) instead of a
 *   typed select with zero types (0x1C 0x00).
 */
const WABT_ENCODING_DIFFERENCES = new Set(['select.wast:323']);

const suiteDir = defaultSuiteDir();

test('REQ-CORE-VAL-027: the spec testsuite\'s assert_invalid modules are rejected with the expected reason and its valid modules accepted', { skip: suiteDir === undefined ? 'testsuite not found' : false }, async () => {
  const r = await runValidationSuite(suiteFiles(suiteDir!));
  const failures = r.failed.filter((f) => !WABT_ENCODING_DIFFERENCES.has(`${f.c.file}:${f.c.line}`));
  assert.deepEqual(failures.map((f) => `${f.c.file}:${f.c.line} expected ${f.c.expect} "${f.c.message}", got ${f.got}`), []);
  // Skips are modules wabt cannot encode or our decoder rejects as malformed; keep them rare.
  assert.ok(r.skipped.length <= 5, `too many skipped: ${r.skipped.map((s) => `${s.c.file}:${s.c.line} ${s.why}`).join('; ')}`);
  assert.ok(r.passed > 3800, `only ${r.passed} cases passed`);
});

test('REQ-CORE-VAL-015: a typed select with zero types (0x1C 0x00) is rejected with "invalid result arity"', () => {
  const bytes = Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: [] -> []
    0x03, 0x02, 0x01, 0x00, // function section
    0x0a, 0x0a, 0x01, 0x08, 0x00, 0x01, 0x01, 0x41, 0x01, 0x1c, 0x00, 0x0b, // nop nop i32.const 1 select (result) end
  ]);
  assert.throws(() => validate(decode(bytes)), (e: unknown) => e instanceof ValidationError && e.reason === 'invalid result arity');
});

