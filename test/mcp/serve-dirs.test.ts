/**
 * Directory grants end to end: `mcp-wrt serve --dir` (and a policy file's `dirs`) give the C example
 * guest, through wasi-libc's own file functions, exactly the granted directory: read-only unless
 * `:rw`, no `..`, absolute or symlink escape, and each refusal in the audit log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { main } from '../../src/cli/cli.js';
import { parseDirFlag } from '../../src/cli/serve.js';
import { cExampleWasm } from '../host/c-example.js';
import { MAIN } from './serve-process.js';

const text = (r: { content?: unknown }): string => ((r.content ?? []) as { text?: string }[]).map((c) => c.text ?? '').join('');

function tree(): { base: string; root: string } {
  const base = mkdtempSync(join(tmpdir(), 'mcp-wrt-serve-dirs-'));
  const root = join(base, 'root');
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'a.txt'), 'hello from a file');
  writeFileSync(join(base, 'secret.txt'), 'top secret');
  symlinkSync(join(base, 'secret.txt'), join(root, 'escape'));
  return { base, root };
}

async function withServer(wasm: string, extra: readonly string[], fn: (c: Client) => Promise<void>): Promise<void> {
  const c = new Client({ name: 'dirs-test', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
  await c.connect(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', wasm, ...extra], stderr: 'ignore' }));
  try {
    await fn(c);
  } finally {
    await c.close();
  }
}

async function tool(c: Client, name: string, args: Record<string, string>): Promise<{ ok: boolean; text: string }> {
  const r = await c.callTool({ name, arguments: args });
  return { ok: r.isError !== true, text: text(r) };
}

test('REQ-WASI-FS-005: serve --dir grants a directory read-only: the guest reads and lists it, and every escape and write is refused and audited', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const { base, root } = tree();
  const audit = join(base, 'audit.jsonl');
  await withServer(wasm.path, ['--dir', `${root}::/data`, '--audit-log', audit], async (c) => {
    assert.deepEqual(await tool(c, 'read_file', { path: '/data/a.txt' }), { ok: true, text: 'hello from a file' });
    const listed = await tool(c, 'list_dir', { path: '/data' });
    assert.deepEqual(listed.text.split(' ').sort(), ['a.txt', 'escape', 'sub']);
    for (const path of ['/data/../secret.txt', '/data/sub/../../secret.txt', '/data/escape']) {
      assert.deepEqual(await tool(c, 'read_file', { path }), { ok: false, text: `cannot read ${path}: Capabilities insufficient` }, path);
    }
    const outside = await tool(c, 'read_file', { path: join(base, 'secret.txt') });
    assert.equal(outside.ok, false, 'a host path outside every grant');
    assert.doesNotMatch(outside.text, /top secret/);
    assert.deepEqual(await tool(c, 'write_file', { path: '/data/new.txt', text: 'x' }), { ok: false, text: 'cannot write /data/new.txt: Capabilities insufficient' });
    assert.deepEqual(await tool(c, 'write_file', { path: '/data/a.txt', text: 'x' }), { ok: false, text: 'cannot write /data/a.txt: Capabilities insufficient' });
  });
  assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'hello from a file');
  assert.equal(existsSync(join(root, 'new.txt')), false);
  const lines = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { op: string; outcome: string; detail?: string });
  assert.match(lines.find((l) => l.op === 'grant')!.detail!, /^\/data <- .*root \(read-only\)$/, 'the grant is audited at load');
  const refused = lines.filter((l) => l.op === 'fs' && l.outcome === 'refused');
  assert.ok(refused.length >= 5, `escapes and writes are audited (${refused.length})`);
  assert.ok(refused.some((l) => /leads outside the granted directory/.test(l.detail ?? '')));
  assert.ok(refused.some((l) => /granted read-only/.test(l.detail ?? '')));
});

test('REQ-WASI-FS-006: without a grant the guest reaches no file; with :rw, or a policy file\'s dirs with write, it writes below the grant only', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const { base, root } = tree();
  await withServer(wasm.path, [], async (c) => {
    const r = await tool(c, 'read_file', { path: '/data/a.txt' });
    assert.equal(r.ok, false);
    assert.match(r.text, /^cannot read \/data\/a\.txt: /);
    assert.equal((await tool(c, 'list_dir', { path: '/' })).ok, false, 'no directory at all');
  });
  await withServer(wasm.path, ['--dir', `${root}::/data:rw`], async (c) => {
    assert.deepEqual(await tool(c, 'write_file', { path: '/data/sub/new.txt', text: 'made here' }), { ok: true, text: 'wrote 9 bytes to /data/sub/new.txt' });
    assert.deepEqual(await tool(c, 'read_file', { path: '/data/sub/new.txt' }), { ok: true, text: 'made here' });
    assert.equal((await tool(c, 'write_file', { path: '/data/../evil.txt', text: 'x' })).ok, false);
    assert.equal((await tool(c, 'write_file', { path: '/data/escape', text: 'x' })).ok, false);
  });
  assert.equal(readFileSync(join(root, 'sub', 'new.txt'), 'utf8'), 'made here');
  assert.equal(existsSync(join(base, 'evil.txt')), false);
  assert.equal(readFileSync(join(base, 'secret.txt'), 'utf8'), 'top secret');
  const policy = join(base, 'policy.json');
  writeFileSync(policy, JSON.stringify({ dirs: [{ host: root, guest: '/notes', write: true }] }));
  await withServer(wasm.path, ['--policy', policy], async (c) => {
    assert.deepEqual(await tool(c, 'write_file', { path: '/notes/p.txt', text: 'via policy' }), { ok: true, text: 'wrote 10 bytes to /notes/p.txt' });
  });
  assert.equal(readFileSync(join(root, 'p.txt'), 'utf8'), 'via policy');
});

test('REQ-HOST-GRANT-001: --dir syntax, and grants refused before serving: bad guest names, duplicates, missing directories, invalid policy dirs', async () => {
  assert.deepEqual(parseDirFlag('/srv/notes'), { host: '/srv/notes', guest: '/notes' });
  assert.deepEqual(parseDirFlag('/srv/notes::/n:rw'), { host: '/srv/notes', guest: '/n', write: true });
  assert.deepEqual(parseDirFlag('C:/x::/x:ro'), { host: 'C:/x', guest: '/x' });
  assert.throws(() => parseDirFlag('/srv::rel'), /must be an absolute path/);
  assert.throws(() => parseDirFlag('/srv::/a/../b'), /without \. or \.\./);
  assert.throws(() => parseDirFlag('::/x'), /no host directory/);
  const { base, root } = tree();
  const guest = join(base, 'g.wasm');
  writeFileSync(guest, new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  const run = async (argv: string[]): Promise<{ code: number; err: string }> => {
    const err: string[] = [];
    const code = await main(argv, { out: () => undefined, err: (l) => err.push(l), progress: () => undefined });
    return { code, err: err.join('\n') };
  };
  const dup = await run(['serve', guest, '--dir', `${root}::/d`, '--dir', `${base}::/d`]);
  assert.equal(dup.code, 2);
  assert.match(dup.err, /two directories granted as \/d/);
  const missing = await run(['serve', guest, '--dir', `${join(base, 'nope')}::/d`]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /PolicyError: granted directory .*nope/);
  const policy = join(base, 'bad-policy.json');
  writeFileSync(policy, JSON.stringify({ dirs: [{ host: root, guest: 'relative', write: 'yes', extra: 1 }, { guest: '/x' }] }));
  const bad = await run(['serve', guest, '--policy', policy]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /\/dirs\/0\/guest: must be an absolute path without \. or \.\. components \(the name the guest sees\) \(got "relative"\)/);
  assert.match(bad.err, /\/dirs\/0\/write: must be boolean/);
  assert.match(bad.err, /\/dirs\/0: unknown field "extra"/);
  assert.match(bad.err, /\/dirs\/1: must have required property 'host'/);
});
