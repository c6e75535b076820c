/**
 * A real WASI 0.2 command component (C + wasi-libc through jco's preview 1 command adapter) run on
 * the component runtime with the WASI 0.2 host: every stream, descriptor and error it uses is a host
 * resource passed through the canonical ABI as own/borrow handles.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { instantiateComponent, LinkError, loadComponent, renderWit, Trap } from '../../../src/component/index.js';
import { MemoryFilesystem, WasiPreview2, type WasiP2Grants } from '../../../src/wasi/preview2/index.js';
import { fakeServices, probeComponent, text } from './fixtures.js';

async function runProbe(t: { skip(m: string): void }, grants: WasiP2Grants): Promise<{ out: string; err: string; wasi: WasiPreview2; fs: MemoryFilesystem } | undefined> {
  const bytes = await probeComponent();
  if (!(bytes instanceof Uint8Array)) { t.skip(bytes.skip); return undefined; }
  const fs = new MemoryFilesystem();
  fs.writeFile(['in.txt'], new TextEncoder().encode('hello file'));
  const s = fakeServices();
  const g = grants.preopens === undefined ? grants : { ...grants, preopens: grants.preopens.map((p) => ({ ...p, fs })) };
  const wasi = new WasiPreview2(g, s);
  const inst = instantiateComponent(loadComponent(bytes), wasi.imports);
  const run = Object.keys(inst.exports).find((k) => k.startsWith('wasi:cli/run@0.2.'));
  assert.ok(run !== undefined, 'the command exports wasi:cli/run');
  // main returns 3: the adapter reports a failing run through wasi:cli/exit, which ends the call.
  assert.throws(() => inst.call(`${run}#run`), (e: unknown) => e instanceof Trap && /exited with status 1/.test(e.message));
  assert.equal(wasi.exitCode, 1);
  return { out: text(s.out), err: text(s.err), wasi, fs };
}

test('REQ-WASI-P2-010: a C command component runs on the WASI 0.2 host with what it was granted', async (t) => {
  const r = await runProbe(t, {
    clocks: true, random: true, stdout: true, stderr: true, args: ['probe', 'a b'], env: { GREETING: 'hi' },
    preopens: [{ guestPath: '/data', fs: new MemoryFilesystem(), writable: true }],
  });
  if (r === undefined) return;
  assert.equal(r.out, [
    'argc=2 [probe] [a b]', 'GREETING=hi', 'in.txt=hello file', 'out.txt written',
    'seconds=1700000000', 'random=00010203', '',
  ].join('\n'));
  assert.equal(r.err, 'to stderr\n');
  assert.equal(new TextDecoder().decode(r.fs.readFile(['out.txt'])), 'written by probe');
  // fclose dropped the file streams; only stdin, stdout and stderr, held by the adapter until exit, remain.
  assert.equal(r.wasi.io.output.size + r.wasi.io.input.size, 3);
});

test('REQ-WASI-P2-010: with nothing granted beyond clocks and random, the same command sees no args, env or files', async (t) => {
  const r = await runProbe(t, { clocks: true, random: true, stdout: true });
  if (r === undefined) return;
  assert.match(r.out, /^argc=0\nGREETING=\(unset\)\nin\.txt: cannot open\nout\.txt: cannot open\n/);
  assert.equal(r.err, '', 'stderr was not granted');
});

test('REQ-WASI-P2-010: a read-only pre-open lets the command read but not write', async (t) => {
  const r = await runProbe(t, { clocks: true, random: true, stdout: true, preopens: [{ guestPath: '/data', fs: new MemoryFilesystem(), writable: false }] });
  if (r === undefined) return;
  assert.match(r.out, /in\.txt=hello file\nout\.txt: cannot open\n/);
  assert.equal(r.fs.stat(['out.txt']), undefined);
});

test('REQ-WASI-P2-002: a component importing an interface that is not granted fails to link, naming it', async (t) => {
  const bytes = await probeComponent();
  if (!(bytes instanceof Uint8Array)) { t.skip(bytes.skip); return; }
  const c = loadComponent(bytes);
  assert.match(renderWit(c), /import wasi:clocks\/wall-clock@0\.2\.\d+/);
  const wasi = new WasiPreview2({ random: true }, fakeServices());
  assert.throws(() => instantiateComponent(c, wasi.imports), (e: unknown) => e instanceof LinkError && /wasi:clocks\/[a-z-]+@0\.2\.\d+/.test(e.message));
});
