import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/cli.js';
import type { Io } from '../../src/cli/io.js';
import { getCompiler } from '../../spec-tests/compile.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mcp-wrt-cli-'));

async function wasmFile(name: string, wat: string): Promise<string> {
  const r = (await getCompiler()).compile(new TextEncoder().encode(wat));
  assert.ok(r.ok, r.ok ? '' : r.reason);
  const path = join(dir, name);
  writeFileSync(path, r.bytes);
  return path;
}

/** Runs the CLI in-process, capturing its output. */
async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), progress: () => undefined };
  const code = await main(argv, io);
  return { code, out, err };
}

const MODULE = `(module
  (import "spectest" "print_i32" (func $print (param i32)))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "swap") (param f32 f64) (result f64 f32) (local.get 1) (local.get 0))
  (func (export "id128") (param v128) (result v128) (local.get 0))
  (func (export "neg64") (param i64) (result i64) (i64.sub (i64.const 0) (local.get 0)))
  (func (export "spin") (loop (br 0)))
  (func $rec (export "rec") (call $rec))
  (func (export "print") (param i32) (call $print (local.get 0)))
  (memory (export "mem") 1))`;

test('REQ-CLI-001: run invokes an export with typed arguments and prints typed results', async () => {
  const f = await wasmFile('m.wasm', MODULE);
  assert.deepEqual(await cli('run', f, '--spectest', '--invoke', 'add', '2', '0x28'), { code: 0, out: ['i32:42'], err: [] });
  assert.deepEqual((await cli('run', f, '--spectest', '--invoke', 'swap', 'nan:0x123', '-inf')).out, ['f64:-Infinity', 'f32:nan(0x7f800123)']);
  assert.deepEqual((await cli('run', f, '--spectest', '--invoke', 'neg64', '-9223372036854775807')).out, ['i64:9223372036854775807']);
  assert.deepEqual((await cli('run', f, '--spectest', '--invoke', 'id128', 'i32x4:1,2,3,-1')).out, ['v128:i32x4 0x00000001 0x00000002 0x00000003 0xffffffff']);
  assert.deepEqual((await cli('run', f, '--spectest', '--invoke', 'id128', '000102030405060708090a0b0c0d0e0f')).out, ['v128:i32x4 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c']);
  assert.deepEqual((await cli('run', f, '--spectest', '--invoke', 'print', '7')).code, 0);
});

test('REQ-CLI-002: run maps each error class to its exit code and prints "error: <class>: <message>"', async () => {
  const f = await wasmFile('m2.wasm', MODULE);
  const trap = await cli('run', f, '--spectest', '--invoke', 'div', '1', '0');
  assert.equal(trap.code, 6);
  assert.match(trap.err[0], /^error: Trap: integer divide by zero/);
  const fuel = await cli('run', f, '--spectest', '--invoke', 'spin', '--fuel', '1000');
  assert.equal(fuel.code, 7);
  assert.match(fuel.err[0], /^error: LimitExceeded: .*fuel/);
  assert.equal((await cli('run', f, '--spectest', '--invoke', 'spin', '--timeout', '50ms')).code, 7);
  assert.equal((await cli('run', f, '--spectest', '--invoke', 'rec')).code, 7);
  const link = await cli('run', f, '--invoke', 'add', '1', '2');
  assert.equal(link.code, 5);
  assert.match(link.err[0], /^error: LinkError: /);
  assert.equal((await cli('run', f, '--spectest', '--memory', '1k', '--invoke', 'add', '1', '2')).code, 7);
  const bad = join(dir, 'bad.wasm');
  writeFileSync(bad, Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
  const dec = await cli('run', bad, '--invoke', 'f');
  assert.equal(dec.code, 3);
  assert.match(dec.err[0], /^error: DecodeError: /);
  // type mismatch: (func (result i32)) with an empty body
  const invalid = join(dir, 'invalid.wasm');
  writeFileSync(invalid, Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 10, 4, 1, 2, 0, 0x0b]));
  const val = await cli('run', invalid, '--invoke', 'f');
  assert.equal(val.code, 4);
  assert.match(val.err[0], /^error: ValidationError: /);
});

test('REQ-CLI-003: usage errors exit with code 2', async () => {
  const f = await wasmFile('m3.wasm', MODULE);
  assert.equal((await cli()).code, 2);
  assert.equal((await cli('frobnicate')).code, 2);
  assert.equal((await cli('run', f, '--spectest')).code, 2); // no --invoke
  assert.equal((await cli('run', f, '--spectest', '--invoke', 'add', '1')).code, 2); // arity
  assert.equal((await cli('run', f, '--spectest', '--invoke', 'add', '1', 'x')).code, 2); // bad literal
  assert.equal((await cli('run', f, '--spectest', '--invoke', 'mem')).code, 2); // not a function
  assert.equal((await cli('run', f, '--spectest', '--invoke', 'add', '--bogus', '1', '2')).code, 2);
  assert.equal((await cli('run', join(dir, 'missing.wasm'), '--invoke', 'add')).code, 2);
  assert.equal((await cli('run', f, '--spectest', '--invoke', 'spin', '--timeout', 'soon')).code, 2);
});

test('REQ-CLI-004: --help and --version print and exit 0; the built bin runs with its shebang line', () => {
  const first = readFileSync(MAIN, 'utf8').split('\n')[0];
  assert.equal(first, '#!/usr/bin/env node');
  const help = spawnSync(process.execPath, [MAIN, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /mcp-wrt run FILE\.wasm --invoke NAME/);
  assert.match(help.stdout, /mcp-wrt spec/);
  const version = spawnSync(process.execPath, [MAIN, '--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0);
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/);
});

const PASSING = `(module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
(assert_return (invoke "f" (i32.const 1)) (i32.const 2))
(assert_trap (module (func $u unreachable) (start $u)) "unreachable")
(assert_malformed (module quote "(func") "unexpected end")
(assert_invalid (module (func (result i32))) "type mismatch")
`;
const FAILING = `(module (func (export "f") (result i32) (i32.const 1)))
(assert_return (invoke "f") (i32.const 2))
(assert_return (invoke "f") (i32.const 1))
`;

test('REQ-CLI-005: spec reports per file, ends with the totals line and exits 1 on a failure', async () => {
  const pass = join(dir, 'pass.wast');
  const fail = join(dir, 'fail.wast');
  writeFileSync(pass, PASSING);
  writeFileSync(fail, FAILING);
  const ok = await cli('spec', pass);
  assert.equal(ok.code, 0);
  assert.match(ok.out[0], /^pass\.wast: 4 passed, 0 failed, 1 skipped \(\d+(\.\d+)?m?s\)$/);
  assert.equal(ok.out.at(-1), '4 passed, 0 failed, 1 skipped');
  assert.ok(ok.out.some((l) => l.includes('text-format, not applicable')));

  const json = join(dir, 'report.json');
  const bad = spawnSync(process.execPath, [MAIN, 'spec', pass, fail, '--json', json], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  const lines = bad.stdout.trim().split('\n');
  assert.equal(lines.at(-1), '6 passed, 1 failed, 1 skipped');
  assert.ok(lines.some((l) => /fail\.wast:2 assert_return result 0: expected i32:2, got i32:1/.test(l)));
  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    totals: { passed: number; failed: number; skipped: number };
    files: { file: string; failed: number; assertions: { line: number; command: string; outcome: string; reason?: string; category?: string }[] }[];
  };
  assert.deepEqual(report.totals, { passed: 6, failed: 1, skipped: 1 });
  assert.equal(report.files[1].file, 'fail.wast');
  assert.deepEqual(report.files[1].assertions[1], { line: 2, command: 'assert_return', outcome: 'fail', reason: 'result 0: expected i32:2, got i32:1' });
  assert.equal(report.files[0].assertions[3].category, 'text-format, not applicable');
});

test('REQ-CLI-006: spec without a suite tells the user to clone the testsuite and exits 2', async () => {
  const r = await cli('spec', '--suite', join(dir, 'no-such-suite'));
  assert.equal(r.code, 2);
  assert.match(r.err[0], /cannot read suite directory|clone the official WebAssembly spec testsuite/);
  const r2 = await cli('spec', 'no-such-file-anywhere.wast', '--suite', join(dir, 'no-such-suite'));
  assert.equal(r2.code, 2);
});

test('REQ-CLI-005: spec --filter keeps matching files only', async () => {
  const pass = join(dir, 'pass.wast');
  const fail = join(dir, 'fail.wast');
  const r = await cli('spec', pass, fail, '--filter', '^pass');
  assert.equal(r.code, 0);
  assert.equal(r.out.filter((l) => l.includes('.wast:')).length, 1);
});
