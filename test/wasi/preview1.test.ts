/**
 * WASI preview 1 on the verified core: the suspend hook, standard streams, args/environment,
 * clocks, random, proc_exit and the refusals of everything outside the granted surface.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, Store, Trap, type ExternVal, type Value } from '../../src/core/index.js';
import { Errno } from '../../src/wasi/errno.js';
import { ProcExit, WasiP1, type WasiP1Options } from '../../src/wasi/preview1.js';
import { StdinQueue } from '../../src/wasi/stdin-queue.js';
import { wat } from '../core/exec/wat.js';

const I = (value: number): Value => ({ type: 'i32', value });

/** A module forwarding exports to the preview 1 imports, so tests can call them with raw pointers. */
const FORWARDER = `(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fdstat (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "fd_read") (param i32 i32 i32 i32) (result i32) (call $fd_read (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "fd_write") (param i32 i32 i32 i32) (result i32) (call $fd_write (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "fd_seek") (param i32) (result i32) (call $fd_seek (local.get 0) (i64.const 0) (i32.const 0) (i32.const 0)))
  (func (export "fdstat") (param i32 i32) (result i32) (call $fdstat (local.get 0) (local.get 1)))
  (func (export "fd_close") (param i32) (result i32) (call $fd_close (local.get 0)))
  (func (export "prestat") (param i32) (result i32) (call $prestat (local.get 0) (i32.const 0)))
  (func (export "path_open") (result i32)
    (call $path_open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 2) (i32.const 0) (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0)))
  (func (export "args_sizes") (param i32 i32) (result i32) (call $args_sizes (local.get 0) (local.get 1)))
  (func (export "args_get") (param i32 i32) (result i32) (call $args_get (local.get 0) (local.get 1)))
  (func (export "env_sizes") (param i32 i32) (result i32) (call $env_sizes (local.get 0) (local.get 1)))
  (func (export "clock") (param i32 i32) (result i32) (call $clock (local.get 0) (i64.const 1) (local.get 1)))
  (func (export "random") (param i32 i32) (result i32) (call $random (local.get 0) (local.get 1)))
  (func (export "sock_accept") (result i32) (call $sock_accept (i32.const 0) (i32.const 0) (i32.const 0)))
  (func (export "exit") (param i32) (call $exit (local.get 0)) (unreachable)))`;

interface World {
  store: Store;
  wasi: WasiP1;
  stdin: StdinQueue;
  out: number[];
  err: number[];
  mem: () => Uint8Array;
  dv: () => DataView;
  fn: (name: string) => ExternVal;
  call: (name: string, ...args: number[]) => number;
}

async function world(over: Partial<WasiP1Options> = {}): Promise<World> {
  const module = load(await wat(FORWARDER));
  const store = new Store();
  const stdin = new StdinQueue();
  const out: number[] = [];
  const err: number[] = [];
  const wasi = new WasiP1(store, {
    args: ['guest', 'x y'],
    env: {},
    stdin,
    onStdout: (b) => out.push(...b),
    onStderr: (b) => err.push(...b),
    clock: { realtimeNs: () => 1_700_000_000_000_000_000n, monotonicNs: () => 42n },
    random: (b) => b.fill(7),
    ...over,
  });
  const inst = store.instantiate(module, wasi.imports(module));
  const memory = inst.exports.get('memory')!;
  wasi.bindMemory(memory);
  const fn = (name: string): ExternVal => inst.exports.get(name)!;
  const mem = (): Uint8Array => store.memoryView(memory);
  return {
    store, wasi, stdin, out, err, mem, fn,
    dv: () => new DataView(mem().buffer),
    call: (name, ...args) => {
      const r = store.invoke(fn(name), args.map(I));
      return r.length > 0 && r[0]!.type === 'i32' ? r[0]!.value : 0;
    },
  };
}

/** Writes one iovec {ptr, len} at `at`. */
function iovec(dv: DataView, at: number, ptr: number, len: number): void {
  dv.setUint32(at, ptr, true);
  dv.setUint32(at + 4, len, true);
}

test('REQ-WASI-001: a host function can suspend its call; the run pauses before the call and repeats it on resume', async () => {
  const module = load(await wat(`(module
    (import "env" "wait" (func $wait (param i32) (result i32)))
    (type $t (func (param i32) (result i32)))
    (table 1 funcref) (elem (i32.const 0) $wait)
    (func (export "direct") (param i32) (result i32) (i32.add (call $wait (local.get 0)) (i32.const 1)))
    (func (export "indirect") (param i32) (result i32)
      (i32.add (call_indirect (type $t) (local.get 0) (i32.const 0)) (i32.const 1))))`));
  const store = new Store();
  let ready = false;
  const seen: number[] = [];
  const wait = store.hostFunc({ params: [0x7f], results: [0x7f] }, (args) => {
    seen.push(args[0]!.value as number);
    if (!ready) {
      store.suspendHostCall();
      return [];
    }
    return [I((args[0]!.value as number) * 10)];
  });
  const inst = store.instantiate(module, { env: { wait } });
  for (const name of ['direct', 'indirect']) {
    ready = false;
    seen.length = 0;
    const ex = store.start(inst.exports.get(name)!, [I(4)]);
    const first = ex.run(1000);
    assert.equal(first.status, 'paused');
    assert.ok(first.status === 'paused' && first.fuelUsed < 1000, 'a suspension leaves fuel unused');
    const again = ex.run(1000);
    assert.equal(again.status, 'paused', 'still suspended while the host is not ready');
    ready = true;
    const done = ex.run(1000);
    assert.deepEqual(done.status === 'done' ? done.values : done, [I(41)], name);
    assert.deepEqual(seen, [4, 4, 4], `${name}: the call was repeated with the same argument`);
  }
});

test('REQ-WASI-002: fd_read(0) with no input suspends the guest until bytes are queued; a closed stdin reads 0', async () => {
  const w = await world();
  iovec(w.dv(), 0, 100, 16);
  const ex = w.store.start(w.fn('fd_read'), [I(0), I(0), I(1), I(8)]);
  const r1 = ex.run(10_000);
  assert.equal(r1.status, 'paused');
  assert.equal(w.wasi.waitingForInput, true);
  w.stdin.push(new TextEncoder().encode('hello\n'));
  const r2 = ex.run(10_000);
  assert.deepEqual(r2.status === 'done' ? r2.values : r2, [I(Errno.SUCCESS)]);
  assert.equal(w.wasi.waitingForInput, false);
  assert.equal(w.dv().getUint32(8, true), 6);
  assert.equal(new TextDecoder().decode(w.mem().subarray(100, 106)), 'hello\n');
  w.stdin.close();
  assert.equal(w.call('fd_read', 0, 0, 1, 8), Errno.SUCCESS);
  assert.equal(w.dv().getUint32(8, true), 0, 'end of input');
});

test('REQ-WASI-003: fd_write sends fd 1 to stdout and fd 2 to stderr; other descriptors and bad pointers are refused', async () => {
  const w = await world();
  w.mem().set(new TextEncoder().encode('out!err!'), 200);
  iovec(w.dv(), 0, 200, 4);
  assert.equal(w.call('fd_write', 1, 0, 1, 16), Errno.SUCCESS);
  assert.equal(w.dv().getUint32(16, true), 4);
  iovec(w.dv(), 0, 204, 4);
  assert.equal(w.call('fd_write', 2, 0, 1, 16), Errno.SUCCESS);
  assert.equal(new TextDecoder().decode(new Uint8Array(w.out)), 'out!');
  assert.equal(new TextDecoder().decode(new Uint8Array(w.err)), 'err!');
  assert.equal(w.call('fd_write', 0, 0, 1, 16), Errno.BADF, 'stdin is not writable');
  assert.equal(w.call('fd_write', 5, 0, 1, 16), Errno.BADF, 'no such descriptor');
  iovec(w.dv(), 0, 65530, 100);
  assert.equal(w.call('fd_write', 1, 0, 1, 16), Errno.FAULT, 'buffer outside memory');
  assert.equal(w.call('fd_write', 1, 65535, 1, 16), Errno.FAULT, 'iovec array outside memory');
  assert.equal(w.call('fd_close', 1), Errno.SUCCESS);
  assert.equal(w.call('fd_write', 1, 0, 1, 16), Errno.BADF, 'closed');
});

test('REQ-WASI-004: the guest sees exactly the granted args and an empty environment unless granted', async () => {
  const w = await world();
  assert.equal(w.call('args_sizes', 0, 4), Errno.SUCCESS);
  assert.equal(w.dv().getUint32(0, true), 2);
  assert.equal(w.dv().getUint32(4, true), 'guest\0x y\0'.length);
  assert.equal(w.call('args_get', 16, 64), Errno.SUCCESS);
  assert.equal(new TextDecoder().decode(w.mem().subarray(64, 64 + 10)), 'guest\0x y\0');
  assert.equal(w.dv().getUint32(20, true), 70, 'argv[1] points after argv[0]');
  assert.equal(w.call('env_sizes', 0, 4), Errno.SUCCESS);
  assert.equal(w.dv().getUint32(0, true), 0, 'no environment variable');
  const granted = await world({ env: { LANG: 'C' } });
  assert.equal(granted.call('env_sizes', 0, 4), Errno.SUCCESS);
  assert.deepEqual([granted.dv().getUint32(0, true), granted.dv().getUint32(4, true)], [1, 7]);
});

test('REQ-WASI-005: clocks and random bytes come from the injected sources', async () => {
  const w = await world();
  assert.equal(w.call('clock', 0, 8), Errno.SUCCESS);
  assert.equal(w.dv().getBigUint64(8, true), 1_700_000_000_000_000_000n);
  assert.equal(w.call('clock', 1, 8), Errno.SUCCESS);
  assert.equal(w.dv().getBigUint64(8, true), 42n);
  assert.equal(w.call('clock', 9, 8), Errno.INVAL);
  assert.equal(w.call('random', 300, 5), Errno.SUCCESS);
  assert.deepEqual([...w.mem().subarray(299, 306)], [0, 7, 7, 7, 7, 7, 0]);
});

test('REQ-WASI-006: proc_exit ends the run as a trap and records the exit code', async () => {
  const w = await world();
  const r = w.store.start(w.fn('exit'), [I(3)]).run(1000);
  assert.equal(r.status, 'trapped');
  assert.ok(r.status === 'trapped' && r.error instanceof Trap && r.error.message.includes('proc_exit(3)'));
  assert.equal(w.wasi.exitCode, 3);
  assert.equal(new ProcExit(3).code, 3);
});

test('REQ-WASI-007: no filesystem or other capability: no pre-opened directory, path_open refused, stdio not seekable, unknown calls ENOSYS', async () => {
  const w = await world();
  assert.equal(w.call('prestat', 3), Errno.BADF, 'libc finds no pre-opened directory');
  assert.equal(w.call('path_open'), Errno.BADF, 'fd 3 is no directory: there is none to open from');
  assert.equal(w.call('fd_seek', 1), Errno.SPIPE);
  assert.equal(w.call('fd_seek', 9), Errno.BADF);
  assert.equal(w.call('sock_accept'), Errno.NOSYS, 'a preview 1 function this host does not provide');
  assert.equal(w.call('fdstat', 1, 32), Errno.SUCCESS);
  assert.equal(w.mem()[32], 2, 'stdio is a character device');
  assert.equal(w.dv().getBigUint64(40, true), 1n << 6n, 'fd 1 has the fd_write right only');
});
