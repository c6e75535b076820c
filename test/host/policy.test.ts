/** Loading under a policy: import globs, digest pin, policy file validation, audit redaction. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuditLog, DigestMismatch, McpWrtHost, PolicyError, checkImports, parsePolicy, redact, sha256Hex,
} from '../../src/host/index.js';
import { globMatches } from '../../src/host/glob.js';
import { guestKindOf } from '../../src/host/host.js';
import { wat } from '../core/exec/wat.js';
import { DecodeError } from '../../src/core/index.js';

const FORBIDDEN = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (import "env" "open_socket" (func (param i32) (result i32)))
  (import "env" "spawn" (func))
  (memory (export "memory") 1)
  (func (export "_start")))`;

test('REQ-HOST-POL-001: a guest importing anything outside allowedImports is refused at load, naming every offending import', async () => {
  const lines: string[] = [];
  const host = McpWrtHost.create({ audit: (l) => lines.push(l) });
  const bytes = await wat(FORBIDDEN);
  assert.throws(() => host.load(bytes, {}, 'evil'), (e: unknown) => {
    assert.ok(e instanceof PolicyError);
    assert.deepEqual([...e.imports], ['env.open_socket', 'env.spawn']);
    assert.match(e.message, /env\.open_socket, env\.spawn/);
    return true;
  });
  assert.equal(JSON.parse(lines.at(-1)!).outcome, 'refused');
  // Narrowing the globs refuses WASI too.
  assert.throws(() => checkImports(['wasi_snapshot_preview1.fd_write', 'wasi_snapshot_preview1.path_open'], ['wasi_snapshot_preview1.fd_*']),
    /imports not allowed by the policy: wasi_snapshot_preview1\.path_open$/);
  assert.ok(globMatches('wasi:mcp/*', 'wasi:mcp/runtime'));
  assert.ok(!globMatches('wasi:mcp/*', 'wasi:http/outgoing-handler'));
  assert.ok(globMatches('a*b*c', 'abxbc') && !globMatches('a*b*c', 'abxbd'));
});

test('REQ-HOST-POL-002: an optional sha256 pin refuses a guest whose bytes differ', async () => {
  const bytes = await wat('(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32))) (memory (export "memory") 1) (func (export "_start")))');
  const host = McpWrtHost.create();
  const good = sha256Hex(bytes);
  assert.equal(host.load(bytes, { sha256: good.toUpperCase() }, 'pinned').name, 'pinned');
  assert.throws(() => host.load(bytes, { sha256: 'ab'.repeat(32) }), (e: unknown) => e instanceof DigestMismatch && e.actual === good);
});

test('REQ-HOST-POL-003: a policy file is validated against the published schema; errors name the field and the reason', () => {
  assert.deepEqual(parsePolicy({ memoryLimit: 1048576, allowedImports: ['wasi_snapshot_preview1.*'], env: { A: 'b' } }),
    { memoryLimit: 1048576, allowedImports: ['wasi_snapshot_preview1.*'], env: { A: 'b' } });
  assert.throws(() => parsePolicy({ memoryLimit: -5, fuel: 'lots', directories: ['/'] }), (e: unknown) => {
    assert.ok(e instanceof PolicyError);
    assert.match(e.message, /\/memoryLimit: must be >= 1/);
    assert.match(e.message, /\/fuel: must be integer/);
    assert.match(e.message, /unknown field "directories"/);
    return true;
  });
  assert.throws(() => parsePolicy({ sha256: 'xyz' }), /\/sha256: must be 64 hexadecimal digits \(the sha256 of the guest\) \(got "xyz"\)/);
});

test('REQ-HOST-POL-004: audit records redact secrets and cut long values', () => {
  const lines: string[] = [];
  const log = new AuditLog((l) => lines.push(l), () => new Date(0));
  log.record({ guest: 'g', op: 'tools/call', tool: 't', arguments: { apiKey: 'sk-123', nested: { password: 'p' }, text: 'x'.repeat(500) }, outcome: 'ok', fuelUsed: 10, callMs: 1 });
  const rec = JSON.parse(lines[0]!);
  assert.equal(rec.time, '1970-01-01T00:00:00.000Z');
  assert.equal(rec.arguments.apiKey, '[redacted]');
  assert.equal(rec.arguments.nested.password, '[redacted]');
  assert.match(rec.arguments.text, /^x{200}…\(500 chars\)$/);
  assert.equal(rec.fuelUsed, 10);
  assert.ok(!lines[0]!.includes('sk-123'));
  assert.deepEqual(redact([1, 'a']), [1, 'a']);
});

test('REQ-HOST-POL-005@2: component binaries are recognized and loaded only through the component runtime', async () => {
  const component = new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
  assert.equal(guestKindOf(component), 'component');
  assert.equal(guestKindOf(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])), 'core');
  const empty = McpWrtHost.create().load(component);
  assert.equal(empty.kind, 'component', 'an empty component is a plain component');
  assert.deepEqual(await empty.listTools(), []);
  assert.throws(() => McpWrtHost.create().load(new Uint8Array([...component, 0x07, 0x05])), DecodeError);
});
