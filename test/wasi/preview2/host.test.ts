/**
 * The WASI 0.2 host surface called directly, the way the canonical ABI calls host imports: JS values
 * in, JS values out, handles as OwnHandle/BorrowHandle. Real components exercise the same functions
 * in command.test.ts and test/component/componentize-js.test.ts.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { OwnHandle, Trap } from '../../../src/component/index.js';
import { dropOwnHandle } from '../../../src/component/abi/handles.js';
import {
  FsError, MemoryFilesystem, WASI_P2_VERSIONS, WasiExit, WasiPreview2, wasiPreview2Imports, type WasiP2Grants,
} from '../../../src/wasi/preview2/index.js';
import { resolvePath } from '../../../src/wasi/preview2/filesystem.js';
import { fakeServices, text, type FakeServices } from './fixtures.js';

type Fn = (...args: unknown[]) => unknown;

function world(grants: WasiP2Grants, s: FakeServices = fakeServices()): { w: WasiPreview2; f: (iface: string, name: string) => Fn; s: FakeServices } {
  const w = new WasiPreview2(grants, s);
  const f = (iface: string, name: string): Fn => {
    const i = w.imports[`${iface}@0.2.3`] as Record<string, unknown> | undefined;
    assert.ok(i !== undefined, `${iface} is provided`);
    const fn = i[name];
    assert.equal(typeof fn, 'function', `${iface}#${name} is a function`);
    return fn as Fn;
  };
  return { w, f, s };
}

const ALL: WasiP2Grants = { clocks: true, random: true, stdout: true, stderr: true, stdin: true };

test('REQ-WASI-P2-001: every interface is provided under each 0.2.x name, one implementation for all versions', () => {
  const imports = wasiPreview2Imports(ALL, fakeServices());
  const ifaces = [
    'wasi:io/error', 'wasi:io/poll', 'wasi:io/streams', 'wasi:clocks/monotonic-clock', 'wasi:clocks/wall-clock',
    'wasi:random/random', 'wasi:random/insecure', 'wasi:random/insecure-seed', 'wasi:cli/environment', 'wasi:cli/exit',
    'wasi:cli/stdin', 'wasi:cli/stdout', 'wasi:cli/stderr', 'wasi:cli/terminal-input', 'wasi:cli/terminal-output',
    'wasi:cli/terminal-stdin', 'wasi:cli/terminal-stdout', 'wasi:cli/terminal-stderr', 'wasi:filesystem/types', 'wasi:filesystem/preopens',
  ];
  assert.deepEqual(WASI_P2_VERSIONS[0], '0.2.0');
  assert.ok(WASI_P2_VERSIONS.includes('0.2.12'));
  for (const i of ifaces) {
    for (const v of WASI_P2_VERSIONS) assert.equal(imports[`${i}@${v}`], imports[`${i}@0.2.0`], `${i}@${v}`);
  }
  assert.equal(Object.keys(imports).length, ifaces.length * WASI_P2_VERSIONS.length);
  // A resource shared through `use` is one runtime type in every interface that names it.
  const streams = imports['wasi:io/streams@0.2.0'] as Record<string, unknown>;
  assert.equal((imports['wasi:cli/stdout@0.2.0'] as Record<string, unknown>)['output-stream'], streams['output-stream']);
  assert.equal((imports['wasi:filesystem/types@0.2.0'] as Record<string, unknown>)['input-stream'], streams['input-stream']);
});

test('REQ-WASI-P2-002: clocks and random are absent unless granted', () => {
  const imports = wasiPreview2Imports({}, fakeServices());
  for (const k of Object.keys(imports)) assert.ok(!k.startsWith('wasi:clocks/') && !k.startsWith('wasi:random/'), k);
  const granted = wasiPreview2Imports({ clocks: true, random: true }, fakeServices());
  assert.ok('wasi:clocks/wall-clock@0.2.0' in granted && 'wasi:random/random@0.2.0' in granted);
});

test('REQ-WASI-P2-003: environment, arguments and cwd are exactly what is granted (nothing by default)', () => {
  const none = world({});
  assert.deepEqual(none.f('wasi:cli/environment', 'get-environment')(), []);
  assert.deepEqual(none.f('wasi:cli/environment', 'get-arguments')(), []);
  assert.equal(none.f('wasi:cli/environment', 'initial-cwd')(), null);
  const some = world({ env: { A: '1', B: 'x=y' }, args: ['prog', 'a b'], cwd: '/work' });
  assert.deepEqual(some.f('wasi:cli/environment', 'get-environment')(), [['A', '1'], ['B', 'x=y']]);
  assert.deepEqual(some.f('wasi:cli/environment', 'get-arguments')(), ['prog', 'a b']);
  assert.equal(some.f('wasi:cli/environment', 'initial-cwd')(), '/work');
  for (const t of ['stdin', 'stdout', 'stderr']) assert.equal(some.f(`wasi:cli/terminal-${t}`, `get-terminal-${t}`)(), null);
});

test('REQ-WASI-P2-004: granted stdout/stderr reach the sinks; denied ones answer closed', () => {
  const { f, s } = world({ stdout: true });
  const out = f('wasi:cli/stdout', 'get-stdout')() as OwnHandle;
  const err = f('wasi:cli/stderr', 'get-stderr')() as OwnHandle;
  const write = f('wasi:io/streams', '[method]output-stream.write');
  const bwf = f('wasi:io/streams', '[method]output-stream.blocking-write-and-flush');
  assert.deepEqual(f('wasi:io/streams', '[method]output-stream.check-write')(out), { tag: 'ok', val: 1n << 20n });
  assert.deepEqual(write(out, new TextEncoder().encode('hello ')), { tag: 'ok' });
  assert.deepEqual(bwf(out, new TextEncoder().encode('world')), { tag: 'ok' });
  assert.deepEqual(f('wasi:io/streams', '[method]output-stream.blocking-write-zeroes-and-flush')(out, 2n), { tag: 'ok' });
  assert.equal(text(s.out), 'hello world\0\0');
  assert.deepEqual(write(err, new Uint8Array([1])), { tag: 'err', val: { tag: 'closed' } });
  assert.deepEqual(f('wasi:io/streams', '[method]output-stream.check-write')(err), { tag: 'err', val: { tag: 'closed' } });
  assert.deepEqual(f('wasi:io/streams', '[method]output-stream.flush')(out), { tag: 'ok' });
  assert.equal(s.err.length, 0);
});

test('REQ-WASI-P2-004: stdin reads the queue when granted, and is an empty closed stream otherwise', () => {
  const { f, s } = world({ stdin: true });
  const inp = f('wasi:cli/stdin', 'get-stdin')() as OwnHandle;
  const read = f('wasi:io/streams', '[method]input-stream.read');
  assert.deepEqual(read(inp, 10n), { tag: 'ok', val: new Uint8Array(0) }, 'nothing queued yet');
  s.stdin.push(new TextEncoder().encode('abcdef'));
  assert.deepEqual(read(inp, 4n), { tag: 'ok', val: new TextEncoder().encode('abcd') });
  assert.deepEqual(f('wasi:io/streams', '[method]input-stream.skip')(inp, 1n), { tag: 'ok', val: 1n });
  s.stdin.close();
  assert.deepEqual(f('wasi:io/streams', '[method]input-stream.blocking-read')(inp, 10n), { tag: 'ok', val: new TextEncoder().encode('f') });
  assert.deepEqual(read(inp, 10n), { tag: 'err', val: { tag: 'closed' } });

  const denied = world({}, fakeServices());
  denied.s.stdin.push(new Uint8Array([1]));
  const h = denied.f('wasi:cli/stdin', 'get-stdin')() as OwnHandle;
  assert.deepEqual(denied.f('wasi:io/streams', '[method]input-stream.read')(h, 1n), { tag: 'err', val: { tag: 'closed' } });
});

test('REQ-WASI-P2-006: a blocking read with no input and no way to wait traps instead of hanging', () => {
  const { f } = world({ stdin: true });
  const inp = f('wasi:cli/stdin', 'get-stdin')() as OwnHandle;
  assert.throws(() => f('wasi:io/streams', '[method]input-stream.blocking-read')(inp, 1n), (e: unknown) => e instanceof Trap && /would block forever/.test(e.message));
  const p = f('wasi:io/streams', '[method]input-stream.subscribe')(inp) as OwnHandle;
  assert.equal(f('wasi:io/poll', '[method]pollable.ready')(p), false);
  assert.throws(() => f('wasi:io/poll', '[method]pollable.block')(p), Trap);
  assert.throws(() => f('wasi:io/poll', 'poll')([]), (e: unknown) => e instanceof Trap && /empty/.test(e.message));
});

test('REQ-WASI-P2-006: timers become ready with the monotonic clock; block and poll wait through sleepUntil', () => {
  const s = fakeServices({ sleep: true });
  const { f } = world({ clocks: true }, s);
  assert.equal(f('wasi:clocks/monotonic-clock', 'now')(), 1_000n);
  assert.deepEqual(f('wasi:clocks/wall-clock', 'now')(), { seconds: 1_700_000_000n, nanoseconds: 123_456_789 });
  const t1 = f('wasi:clocks/monotonic-clock', 'subscribe-duration')(500n) as OwnHandle;
  const t2 = f('wasi:clocks/monotonic-clock', 'subscribe-instant')(3_000n) as OwnHandle;
  const ready = f('wasi:io/poll', '[method]pollable.ready');
  assert.equal(ready(t1), false);
  assert.deepEqual(f('wasi:io/poll', 'poll')([t2, t1]), [1], 'poll sleeps to the earliest deadline and reports it');
  assert.deepEqual(s.sleeps, [1_500n]);
  f('wasi:io/poll', '[method]pollable.block')(t2);
  assert.equal(s.mono, 3_000n);
  assert.equal(ready(t2), true);
  // Without a sleep service, a timer that is not due cannot be waited for.
  const nosleep = world({ clocks: true });
  const t3 = nosleep.f('wasi:clocks/monotonic-clock', 'subscribe-duration')(10n) as OwnHandle;
  assert.throws(() => nosleep.f('wasi:io/poll', '[method]pollable.block')(t3), (e: unknown) => e instanceof Trap && /no sleep service/.test(e.message));
});

test('REQ-WASI-P2-005: streams, pollables and errors are host resources released when the guest drops them', () => {
  const { w, f } = world({ stdout: true });
  const out = f('wasi:cli/stdout', 'get-stdout')() as OwnHandle;
  assert.ok(out instanceof OwnHandle);
  assert.equal(out.resource, (w.imports['wasi:io/streams@0.2.0'] as Record<string, unknown>)['output-stream']);
  const p = f('wasi:io/streams', '[method]output-stream.subscribe')(out) as OwnHandle;
  assert.equal(f('wasi:io/poll', '[method]pollable.ready')(p), true);
  assert.equal(w.io.output.size, 1);
  assert.equal(w.io.pollable.size, 1);
  dropOwnHandle(p);
  dropOwnHandle(out);
  assert.equal(w.io.output.size, 0);
  assert.equal(w.io.pollable.size, 0);
  assert.throws(() => f('wasi:io/streams', '[method]output-stream.write')(out, new Uint8Array(1)), Trap, 'a dropped stream is gone');
  // A failed write reports an `error` resource with a debug string.
  const big = f('wasi:io/streams', '[method]output-stream.write-zeroes')(f('wasi:cli/stdout', 'get-stdout')(), 1n << 40n) as { tag: string; val: { tag: string; val: OwnHandle } };
  assert.equal(big.val.tag, 'last-operation-failed');
  assert.match(f('wasi:io/error', '[method]error.to-debug-string')(big.val.val) as string, /exceeds the permit/);
});

test('REQ-WASI-P2-008: exit ends the call with a typed error and records the status', () => {
  const { w, f } = world({});
  assert.throws(() => f('wasi:cli/exit', 'exit')({ tag: 'err' }), (e: unknown) => e instanceof WasiExit && e.code === 1);
  assert.equal(w.exitCode, 1);
  assert.throws(() => f('wasi:cli/exit', 'exit-with-code')(7), WasiExit);
  assert.equal(w.exitCode, 7);
  const ok = world({});
  assert.throws(() => ok.f('wasi:cli/exit', 'exit')({ tag: 'ok' }), WasiExit);
  assert.equal(ok.w.exitCode, 0);
});

test('REQ-WASI-P2-009: random bytes come from the injected sources, bounded per call', () => {
  const { f } = world({ random: true });
  assert.deepEqual(f('wasi:random/random', 'get-random-bytes')(4n), new Uint8Array([0, 1, 2, 3]));
  assert.equal(f('wasi:random/random', 'get-random-u64')(), 0x0b0a090807060504n);
  const seed = f('wasi:random/insecure-seed', 'insecure-seed')() as bigint[];
  assert.equal(seed.length, 2);
  assert.equal((f('wasi:random/insecure', 'get-insecure-random-bytes')(3n) as Uint8Array).length, 3);
  assert.equal(typeof f('wasi:random/insecure', 'get-insecure-random-u64')(), 'bigint');
  assert.throws(() => f('wasi:random/random', 'get-random-bytes')(1n << 32n), (e: unknown) => e instanceof Trap && /at most/.test(e.message));
});

test('REQ-WASI-P2-007: no pre-opened directory unless granted', () => {
  const { f } = world({});
  assert.deepEqual(f('wasi:filesystem/preopens', 'get-directories')(), []);
});

test('REQ-WASI-P2-007: paths resolve inside their pre-open; absolute paths and escapes are refused', () => {
  assert.deepEqual(resolvePath([], 'a/./b//c/../d'), ['a', 'b', 'd']);
  assert.deepEqual(resolvePath(['x'], '..'), []);
  for (const bad of ['/etc/passwd', '..', 'a/../../b', '../x']) {
    assert.throws(() => resolvePath([], bad), (e: unknown) => e instanceof FsError && e.code === 'not-permitted', bad);
  }
  assert.throws(() => resolvePath([], 'a\0b'), (e: unknown) => e instanceof FsError && e.code === 'invalid');
});

function preopened(writable: boolean): { f: (i: string, n: string) => Fn; root: OwnHandle; fs: MemoryFilesystem } {
  const fs = new MemoryFilesystem();
  fs.mkdir(['sub']);
  fs.writeFile(['sub', 'a.txt'], new TextEncoder().encode('alpha'));
  const { f } = world({ preopens: [{ guestPath: '/data', fs, writable }] });
  const dirs = f('wasi:filesystem/preopens', 'get-directories')() as [OwnHandle, string][];
  assert.equal(dirs.length, 1);
  assert.equal(dirs[0]![1], '/data');
  return { f, root: dirs[0]![0], fs };
}

const FS = 'wasi:filesystem/types';
const READ = { read: true };

test('REQ-WASI-P2-007: a read-only pre-open serves reads, directory listings and stats and refuses every write', () => {
  const { f, root } = preopened(false);
  const open = f(FS, '[method]descriptor.open-at');
  const file = open(root, {}, 'sub/a.txt', {}, READ) as { tag: string; val: OwnHandle };
  assert.equal(file.tag, 'ok');
  assert.deepEqual(f(FS, '[method]descriptor.read')(file.val, 3n, 1n), { tag: 'ok', val: [new TextEncoder().encode('lph'), false] });
  assert.deepEqual(f(FS, '[method]descriptor.read')(file.val, 10n, 2n), { tag: 'ok', val: [new TextEncoder().encode('pha'), true] });
  const st = f(FS, '[method]descriptor.stat')(file.val) as { tag: string; val: Record<string, unknown> };
  assert.equal(st.val['type'], 'regular-file');
  assert.equal(st.val['size'], 5n);
  assert.deepEqual(f(FS, '[method]descriptor.get-type')(root), { tag: 'ok', val: 'directory' });
  const stream = f(FS, '[method]descriptor.read-via-stream')(file.val, 0n) as { tag: string; val: OwnHandle };
  assert.deepEqual(f('wasi:io/streams', '[method]input-stream.read')(stream.val, 100n), { tag: 'ok', val: new TextEncoder().encode('alpha') });
  assert.deepEqual(f('wasi:io/streams', '[method]input-stream.read')(stream.val, 100n), { tag: 'err', val: { tag: 'closed' } });
  const entries = f(FS, '[method]descriptor.read-directory')(root) as { tag: string; val: OwnHandle };
  const next = f(FS, '[method]directory-entry-stream.read-directory-entry');
  assert.deepEqual(next(entries.val), { tag: 'ok', val: { name: 'sub', type: 'directory' } });
  assert.deepEqual(next(entries.val), { tag: 'ok', val: null }, 'end of the listing is ok(none)');
  const err = (code: string): { tag: string; val: string } => ({ tag: 'err', val: code });
  assert.deepEqual(open(root, {}, 'new.txt', { create: true }, { write: true }), err('read-only'));
  assert.deepEqual(open(root, {}, 'sub/a.txt', {}, { write: true }), err('read-only'));
  assert.deepEqual(f(FS, '[method]descriptor.write')(file.val, new Uint8Array(1), 0n), err('bad-descriptor'));
  assert.deepEqual(f(FS, '[method]descriptor.create-directory-at')(root, 'd'), err('read-only'));
  assert.deepEqual(f(FS, '[method]descriptor.unlink-file-at')(root, 'sub/a.txt'), err('read-only'));
  assert.deepEqual(open(root, {}, '../../etc/passwd', {}, READ), err('not-permitted'));
  assert.deepEqual(open(root, {}, '/etc/passwd', {}, READ), err('not-permitted'));
  assert.deepEqual(open(root, {}, 'missing', {}, READ), err('no-entry'));
  assert.deepEqual(open(file.val, {}, 'x', {}, READ), err('not-directory'));
  assert.deepEqual(f(FS, '[method]descriptor.rename-at')(root, 'a', root, 'b'), err('unsupported'));
  assert.equal(f(FS, '[method]descriptor.is-same-object')(root, root), true);
  assert.equal(f(FS, '[method]descriptor.is-same-object')(root, file.val), false);
});

test('REQ-WASI-P2-007: a writable pre-open creates, writes, appends, truncates and removes files', () => {
  const { f, root, fs } = preopened(true);
  const open = f(FS, '[method]descriptor.open-at');
  const file = open(root, {}, 'sub/new.txt', { create: true }, { read: true, write: true }) as { tag: string; val: OwnHandle };
  assert.equal(file.tag, 'ok');
  assert.deepEqual(open(root, {}, 'sub/new.txt', { create: true, exclusive: true }, { write: true }), { tag: 'err', val: 'exist' });
  assert.deepEqual(f(FS, '[method]descriptor.write')(file.val, new TextEncoder().encode('hello'), 0n), { tag: 'ok', val: 5n });
  const app = f(FS, '[method]descriptor.append-via-stream')(file.val) as { tag: string; val: OwnHandle };
  assert.deepEqual(f('wasi:io/streams', '[method]output-stream.write')(app.val, new TextEncoder().encode(' world')), { tag: 'ok' });
  assert.equal(new TextDecoder().decode(fs.readFile(['sub', 'new.txt'])), 'hello world');
  const at = f(FS, '[method]descriptor.write-via-stream')(file.val, 1n) as { tag: string; val: OwnHandle };
  f('wasi:io/streams', '[method]output-stream.write')(at.val, new TextEncoder().encode('EL'));
  f('wasi:io/streams', '[method]output-stream.write')(at.val, new TextEncoder().encode('LO'));
  assert.equal(new TextDecoder().decode(fs.readFile(['sub', 'new.txt'])), 'hELLO world');
  assert.deepEqual(f(FS, '[method]descriptor.set-size')(file.val, 2n), { tag: 'ok' });
  assert.equal(new TextDecoder().decode(fs.readFile(['sub', 'new.txt'])), 'hE');
  assert.equal((open(root, {}, 'sub/new.txt', { truncate: true }, { write: true }) as { tag: string }).tag, 'ok');
  assert.equal(fs.readFile(['sub', 'new.txt']).length, 0);
  assert.deepEqual(f(FS, '[method]descriptor.create-directory-at')(root, 'made'), { tag: 'ok' });
  assert.equal(fs.stat(['made'])?.type, 'directory');
  assert.deepEqual(f(FS, '[method]descriptor.remove-directory-at')(root, 'sub'), { tag: 'err', val: 'not-empty' });
  assert.deepEqual(f(FS, '[method]descriptor.unlink-file-at')(root, 'sub/new.txt'), { tag: 'ok' });
  assert.deepEqual(f(FS, '[method]descriptor.unlink-file-at')(root, 'made'), { tag: 'err', val: 'is-directory' });
  assert.deepEqual(f(FS, '[method]descriptor.remove-directory-at')(root, 'made'), { tag: 'ok' });
  assert.equal(fs.stat(['made']), undefined);
});

test('REQ-WASI-P2-007: the in-memory filesystem refuses bad operations with error codes and enforces its quota', () => {
  const fs = new MemoryFilesystem(8);
  const code = (f: () => unknown): string => {
    try { f(); } catch (e) { if (e instanceof FsError) return e.code; throw e; }
    return 'none';
  };
  assert.equal(code(() => fs.readFile(['nope'])), 'no-entry');
  assert.equal(code(() => fs.list(['nope'])), 'no-entry');
  assert.equal(code(() => fs.writeFile(['no', 'parent'], new Uint8Array(1))), 'no-entry');
  assert.equal(code(() => fs.mkdir([])), 'exist');
  fs.mkdir(['d']);
  assert.equal(code(() => fs.mkdir(['d'])), 'exist');
  assert.equal(code(() => fs.readFile(['d'])), 'is-directory');
  assert.equal(code(() => fs.writeFile(['d'], new Uint8Array(1))), 'is-directory');
  fs.writeFile(['d', 'f'], new Uint8Array(5));
  assert.equal(code(() => fs.list(['d', 'f'])), 'not-directory');
  assert.equal(code(() => fs.writeFile(['d', 'f', 'x'], new Uint8Array(1))), 'not-directory');
  assert.equal(code(() => fs.writeFile(['d', 'g'], new Uint8Array(4))), 'insufficient-space', '5 + 4 bytes exceed the 8-byte quota');
  fs.writeFile(['d', 'f'], new Uint8Array(8));
  assert.equal(code(() => fs.remove(['d'])), 'not-empty');
  assert.equal(code(() => fs.remove(['d', 'zz'])), 'no-entry');
  fs.remove(['d', 'f']);
  fs.writeFile(['d', 'g'], new Uint8Array(8));
  assert.deepEqual(fs.list(['d']), [{ name: 'g', type: 'regular-file' }]);
  assert.equal(fs.stat(['d', 'g', 'x']), undefined);
});
