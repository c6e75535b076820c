/**
 * Directory grants for WASI preview 1 guests, at the preview 1 boundary, on the real filesystem
 * (NodeGrantedDir over a temporary directory): what a grant opens, and the escapes it refuses with
 * the errno a guest sees: `..` and absolute paths, symlinks pointing outside, writes to a
 * read-only grant, links. Each capability refusal is reported (the host audits it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, Store, type Value } from '../../src/core/index.js';
import { NodeGrantedDir } from '../../src/host/node-dir.js';
import { PolicyError } from '../../src/host/errors.js';
import { Errno, FileType, OFlags, Rights } from '../../src/wasi/errno.js';
import { WasiP1 } from '../../src/wasi/preview1.js';
import { StdinQueue } from '../../src/wasi/stdin-queue.js';
import { wat } from '../core/exec/wat.js';

type Sig = readonly ('i32' | 'i64')[];
/** The preview 1 functions under test and their parameter types (all return an errno). */
const SIGS: Readonly<Record<string, Sig>> = {
  fd_prestat_get: ['i32', 'i32'],
  fd_prestat_dir_name: ['i32', 'i32', 'i32'],
  path_open: ['i32', 'i32', 'i32', 'i32', 'i32', 'i64', 'i64', 'i32', 'i32'],
  fd_read: ['i32', 'i32', 'i32', 'i32'],
  fd_write: ['i32', 'i32', 'i32', 'i32'],
  fd_seek: ['i32', 'i64', 'i32', 'i32'],
  fd_close: ['i32'],
  fd_filestat_get: ['i32', 'i32'],
  fd_fdstat_get: ['i32', 'i32'],
  fd_readdir: ['i32', 'i32', 'i32', 'i64', 'i32'],
  path_filestat_get: ['i32', 'i32', 'i32', 'i32', 'i32'],
  path_create_directory: ['i32', 'i32', 'i32'],
  path_unlink_file: ['i32', 'i32', 'i32'],
  path_remove_directory: ['i32', 'i32', 'i32'],
  path_rename: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'],
  path_symlink: ['i32', 'i32', 'i32', 'i32', 'i32'],
};

/** A module re-exporting each function, so the test calls preview 1 with raw pointers. */
function forwarder(): string {
  const parts = Object.entries(SIGS).map(([name, sig]) => {
    const params = sig.join(' ');
    const args = sig.map((_, i) => `(local.get ${i})`).join(' ');
    return `(import "wasi_snapshot_preview1" "${name}" (func $${name} (param ${params}) (result i32)))
      (func (export "${name}") (param ${params}) (result i32) (call $${name} ${args}))`;
  });
  // Imports must precede definitions: sort the import lines first.
  const imports = parts.map((p) => p.split('\n')[0]).join('\n');
  const funcs = parts.map((p) => p.split('\n')[1]).join('\n');
  return `(module ${imports} (memory (export "memory") 1) ${funcs})`;
}

const PATH = 1024; // where path strings go
const OUT = 64; // where results go
const BUF = 4096; // data buffer

interface Guest {
  call(name: string, ...args: (number | bigint)[]): number;
  mem(): Uint8Array;
  dv(): DataView;
  /** Writes `text` at PATH and returns [PATH, byte length]. */
  path(text: string): [number, number];
  /** Opens `path` below fd 3; returns [errno, fd]. */
  open(path: string, oflags?: number, rights?: bigint, fdflags?: number): [number, number];
  refusals: string[];
}

let moduleBytes: Uint8Array | undefined;

async function guest(dirs: NodeGrantedDir[]): Promise<Guest> {
  moduleBytes ??= await wat(forwarder());
  const module = load(moduleBytes);
  const store = new Store();
  const refusals: string[] = [];
  const wasi = new WasiP1(store, {
    args: ['t'], env: {}, stdin: new StdinQueue(), onStdout: () => undefined, onStderr: () => undefined,
    clock: { realtimeNs: () => 0n, monotonicNs: () => 0n }, random: (b) => b.fill(0),
    dirs, onRefusal: (op, reason) => refusals.push(`${op}: ${reason}`),
  });
  const inst = store.instantiate(module, wasi.imports(module));
  const memory = inst.exports.get('memory')!;
  wasi.bindMemory(memory);
  const mem = (): Uint8Array => store.memoryView(memory);
  const dv = (): DataView => new DataView(mem().buffer);
  const call = (name: string, ...args: (number | bigint)[]): number => {
    const sig = SIGS[name]!;
    const vals: Value[] = args.map((a, i) => (sig[i] === 'i64' ? { type: 'i64', value: BigInt(a) } : { type: 'i32', value: Number(a) }));
    const r = store.invoke(inst.exports.get(name)!, vals);
    return r[0]!.type === 'i32' ? r[0]!.value : -1;
  };
  const path = (text: string): [number, number] => {
    const bytes = new TextEncoder().encode(text);
    mem().set(bytes, PATH);
    return [PATH, bytes.length];
  };
  const open = (p: string, oflags = 0, rights = Rights.FD_READ | Rights.FD_SEEK, fdflags = 0): [number, number] => {
    const [ptr, len] = path(p);
    const e = call('path_open', 3, 1, ptr, len, oflags, rights, rights, fdflags, OUT);
    return [e, dv().getUint32(OUT, true)];
  };
  return { call, mem, dv, path, open, refusals };
}

/** A grant with a file, a subdirectory, a symlink inside, and symlinks and a file outside. */
function tree(): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'mcp-wrt-grant-'));
  const root = join(base, 'root');
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'a.txt'), 'hello');
  writeFileSync(join(root, 'sub', 'b.txt'), 'bee');
  const outside = join(base, 'secret.txt');
  writeFileSync(outside, 'top secret');
  symlinkSync(outside, join(root, 'escape'));
  symlinkSync(base, join(root, 'dirlink'));
  symlinkSync('a.txt', join(root, 'inner'));
  return { root, outside };
}

function readAll(g: Guest, fd: number): string {
  g.dv().setUint32(OUT + 8, BUF, true);
  g.dv().setUint32(OUT + 12, 256, true);
  assert.equal(g.call('fd_read', fd, OUT + 8, 1, OUT + 16), Errno.SUCCESS);
  return new TextDecoder().decode(g.mem().subarray(BUF, BUF + g.dv().getUint32(OUT + 16, true)));
}

test('REQ-WASI-FS-001: a granted directory is pre-opened as fd 3 under its guest name; files below it are read, listed and stat\'ed', async () => {
  const { root } = tree();
  const g = await guest([new NodeGrantedDir({ host: root, guest: '/data' })]);
  assert.equal(g.call('fd_prestat_get', 3, OUT), Errno.SUCCESS);
  assert.equal(g.dv().getUint32(OUT + 4, true), 5);
  assert.equal(g.call('fd_prestat_dir_name', 3, BUF, 5), Errno.SUCCESS);
  assert.equal(new TextDecoder().decode(g.mem().subarray(BUF, BUF + 5)), '/data');
  assert.equal(g.call('fd_prestat_get', 4, OUT), Errno.BADF, 'one grant, one pre-opened directory');

  const [e, fd] = g.open('sub/../a.txt');
  assert.equal(e, Errno.SUCCESS);
  assert.equal(readAll(g, fd), 'hello');
  assert.equal(g.call('fd_seek', fd, 1n, 0, OUT), Errno.SUCCESS);
  assert.equal(readAll(g, fd), 'ello');
  assert.equal(g.call('fd_filestat_get', fd, OUT), Errno.SUCCESS);
  assert.equal(g.dv().getUint8(OUT + 16), FileType.REGULAR_FILE);
  assert.equal(g.dv().getBigUint64(OUT + 32, true), 5n);
  assert.equal(g.call('fd_close', fd), Errno.SUCCESS);
  assert.equal(g.call('fd_close', fd), Errno.BADF);

  const [ie, ifd] = g.open('inner');
  assert.equal(ie, Errno.SUCCESS, 'a symlink that stays inside the grant is followed');
  assert.equal(readAll(g, ifd), 'hello');

  const [p, n] = g.path('sub');
  assert.equal(g.call('path_filestat_get', 3, 1, p, n, OUT), Errno.SUCCESS);
  assert.equal(g.dv().getUint8(OUT + 16), FileType.DIRECTORY);
  const [de, dfd] = g.open('sub', OFlags.DIRECTORY);
  assert.equal(de, Errno.SUCCESS);
  assert.equal(g.call('fd_readdir', dfd, BUF, 512, 0n, OUT), Errno.SUCCESS);
  const used = g.dv().getUint32(OUT, true);
  assert.equal(used, 24 + 'b.txt'.length);
  assert.equal(g.dv().getUint32(BUF + 16, true), 5);
  assert.equal(new TextDecoder().decode(g.mem().subarray(BUF + 24, BUF + 29)), 'b.txt');
  assert.equal(g.open('missing.txt')[0], Errno.NOENT);
  assert.equal(g.open('a.txt', OFlags.DIRECTORY)[0], Errno.NOTDIR);
  assert.deepEqual(g.refusals, []);
});

test('REQ-WASI-FS-002: `..` above the grant, absolute paths and symlinks pointing outside are refused with ENOTCAPABLE, and reported', async () => {
  const { root, outside } = tree();
  for (const write of [false, true]) {
    const g = await guest([new NodeGrantedDir({ host: root, guest: '/data', write })]);
    assert.equal(g.open('../secret.txt')[0], Errno.NOTCAPABLE, '.. above the grant');
    assert.equal(g.open('sub/../../secret.txt')[0], Errno.NOTCAPABLE, '.. through a subdirectory');
    assert.equal(g.open(outside)[0], Errno.NOTCAPABLE, 'absolute host path');
    assert.equal(g.open('/data/a.txt')[0], Errno.NOTCAPABLE, 'absolute guest path (libc resolves those before path_open)');
    assert.equal(g.open('escape')[0], Errno.NOTCAPABLE, 'symlink to a file outside');
    assert.equal(g.open('dirlink/secret.txt')[0], Errno.NOTCAPABLE, 'symlink to a directory outside');
    assert.equal(g.open('dirlink', OFlags.DIRECTORY)[0], Errno.NOTCAPABLE);
    const [p, n] = g.path('escape');
    assert.equal(g.call('path_filestat_get', 3, 1, p, n, OUT), Errno.NOTCAPABLE, 'stat through the symlink');
    assert.equal(g.call('path_filestat_get', 3, 0, p, n, OUT), Errno.SUCCESS, 'the link itself, not followed, is inside');
    assert.equal(g.dv().getUint8(OUT + 16), FileType.SYMBOLIC_LINK);
    // Writing through the escapes is refused the same way, and nothing outside changes.
    assert.equal(g.open('escape', OFlags.CREAT | OFlags.TRUNC, Rights.FD_WRITE)[0], Errno.NOTCAPABLE);
    assert.equal(g.open('../evil.txt', OFlags.CREAT, Rights.FD_WRITE)[0], Errno.NOTCAPABLE);
    assert.equal(g.open('dirlink/evil.txt', OFlags.CREAT, Rights.FD_WRITE)[0], Errno.NOTCAPABLE);
    const [s, sn] = g.path('link-out');
    assert.equal(g.call('path_symlink', s, sn, 3, s, sn), Errno.NOTCAPABLE, 'no links may be made');
    assert.equal(readFileSync(outside, 'utf8'), 'top secret');
    assert.equal(existsSync(join(root, '..', 'evil.txt')), false);
    assert.ok(g.refusals.length >= 10, `every refusal is reported (${g.refusals.length})`);
    assert.match(g.refusals.join('\n'), /path_open: .*leads outside the granted directory/);
  }
});

test('REQ-WASI-FS-003: a read-only grant refuses every write with ENOTCAPABLE; a writable one creates, writes, renames and removes', async () => {
  const { root } = tree();
  const ro = await guest([new NodeGrantedDir({ host: root, guest: '/data' })]);
  const [p, n] = ro.path('made');
  assert.equal(ro.open('new.txt', OFlags.CREAT, Rights.FD_WRITE)[0], Errno.NOTCAPABLE, 'create');
  assert.equal(ro.open('a.txt', OFlags.TRUNC, Rights.FD_WRITE)[0], Errno.NOTCAPABLE, 'truncate');
  assert.equal(ro.open('a.txt', 0, Rights.FD_WRITE)[0], Errno.NOTCAPABLE, 'open for writing');
  assert.equal(ro.open('a.txt', 0, Rights.FD_READ, 1)[0], Errno.NOTCAPABLE, 'append');
  assert.equal(ro.call('path_create_directory', 3, p, n), Errno.NOTCAPABLE, 'mkdir');
  const [a, an] = ro.path('a.txt');
  assert.equal(ro.call('path_unlink_file', 3, a, an), Errno.NOTCAPABLE, 'unlink');
  const [fe, fd] = ro.open('a.txt');
  assert.equal(fe, Errno.SUCCESS);
  ro.mem().set([120], BUF);
  ro.dv().setUint32(OUT + 8, BUF, true);
  ro.dv().setUint32(OUT + 12, 1, true);
  assert.equal(ro.call('fd_write', fd, OUT + 8, 1, OUT + 16), Errno.NOTCAPABLE, 'write to a file opened read-only');
  assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'hello', 'nothing changed');
  assert.equal(existsSync(join(root, 'made')), false);
  assert.ok(ro.call('fd_fdstat_get', 3, OUT) === Errno.SUCCESS && (ro.dv().getBigUint64(OUT + 16, true) & Rights.FD_WRITE) === 0n,
    'the pre-opened directory passes on no write right');

  const rw = await guest([new NodeGrantedDir({ host: root, guest: '/data', write: true })]);
  const [ce, cfd] = rw.open('new.txt', OFlags.CREAT | OFlags.EXCL, Rights.FD_WRITE);
  assert.equal(ce, Errno.SUCCESS);
  rw.mem().set(new TextEncoder().encode('written'), BUF);
  rw.dv().setUint32(OUT + 8, BUF, true);
  rw.dv().setUint32(OUT + 12, 7, true);
  assert.equal(rw.call('fd_write', cfd, OUT + 8, 1, OUT + 16), Errno.SUCCESS);
  assert.equal(rw.call('fd_close', cfd), Errno.SUCCESS);
  assert.equal(readFileSync(join(root, 'new.txt'), 'utf8'), 'written');
  assert.equal(rw.open('new.txt', OFlags.CREAT | OFlags.EXCL, Rights.FD_WRITE)[0], Errno.EXIST);
  const [d, dn] = rw.path('made');
  assert.equal(rw.call('path_create_directory', 3, d, dn), Errno.SUCCESS);
  const from = new TextEncoder().encode('new.txt');
  const to = new TextEncoder().encode('made/moved.txt');
  rw.mem().set(from, PATH);
  rw.mem().set(to, PATH + 100);
  assert.equal(rw.call('path_rename', 3, PATH, from.length, 3, PATH + 100, to.length), Errno.SUCCESS);
  assert.equal(readFileSync(join(root, 'made', 'moved.txt'), 'utf8'), 'written');
  const rmdir = (): number => rw.call('path_remove_directory', 3, ...rw.path('made'));
  assert.equal(rmdir(), Errno.NOTEMPTY);
  assert.equal(rw.call('path_unlink_file', 3, ...rw.path('made/moved.txt')), Errno.SUCCESS);
  assert.equal(rmdir(), Errno.SUCCESS);
  assert.equal(existsSync(join(root, 'made')), false);
});

test('REQ-WASI-FS-004: a grant of a missing directory or of a file is refused when the guest is loaded', () => {
  const { root } = tree();
  assert.throws(() => new NodeGrantedDir({ host: join(root, 'nope'), guest: '/x' }), (e: unknown) => e instanceof PolicyError && /nope/.test(e.message));
  assert.throws(() => new NodeGrantedDir({ host: join(root, 'a.txt'), guest: '/x' }), /is not a directory/);
});
