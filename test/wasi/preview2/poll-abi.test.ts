/**
 * WASI 0.2 resources through the canonical ABI from hand-written component text: a guest subscribes
 * two timers (own<pollable> results from the host), polls a list<borrow<pollable>>, asks one pollable
 * `ready` through a borrow, and drops both (the host's destructor frees them).
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { parse } from '@bytecodealliance/jco';
import { instantiateComponent, LinkError, loadComponent } from '../../../src/component/index.js';
import { WasiPreview2 } from '../../../src/wasi/preview2/index.js';
import { fakeServices } from './fixtures.js';

const POLLER = `(component
  (import "wasi:io/poll@0.2.0" (instance $poll
    (export "pollable" (type $p (sub resource)))
    (export "[method]pollable.ready" (func (param "self" (borrow $p)) (result bool)))
    (export "poll" (func (param "in" (list (borrow $p))) (result (list u32))))))
  (alias export $poll "pollable" (type $pollable))
  (import "wasi:clocks/monotonic-clock@0.2.0" (instance $clock
    (export "pollable" (type (eq $pollable)))
    (export "subscribe-duration" (func (param "when" u64) (result (own $pollable))))))
  (core module $libc
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (global.get $bump))
      (global.set $bump (i32.add (global.get $bump) (i32.const 256)))
      (local.get $p)))
  (core instance $libc (instantiate $libc))
  (core func $subscribe (canon lower (func $clock "subscribe-duration")))
  (core func $poll (canon lower (func $poll "poll") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
  (core func $ready (canon lower (func $poll "[method]pollable.ready")))
  (core func $drop (canon resource.drop $pollable))
  (core module $m
    (import "libc" "mem" (memory 1))
    (import "host" "subscribe" (func $subscribe (param i64) (result i32)))
    (import "host" "poll" (func $poll (param i32 i32 i32)))
    (import "host" "ready" (func $ready (param i32) (result i32)))
    (import "host" "drop" (func $drop (param i32)))
    ;; Subscribes a timer due in 100 ns and one due in 10^12 ns, polls both, and returns
    ;; (number of ready indices * 1000) + (first ready index * 100) + (ready of the second timer).
    (func (export "run") (result i32)
      (local $a i32) (local $b i32) (local $r i32)
      (local.set $a (call $subscribe (i64.const 100)))
      (local.set $b (call $subscribe (i64.const 1000000000000)))
      (i32.store (i32.const 0) (local.get $b))
      (i32.store (i32.const 4) (local.get $a))
      (call $poll (i32.const 0) (i32.const 2) (i32.const 16))
      (local.set $r (i32.add
        (i32.mul (i32.load (i32.const 20)) (i32.const 1000))
        (i32.mul (i32.load (i32.load (i32.const 16))) (i32.const 100))))
      (local.set $r (i32.add (local.get $r) (call $ready (local.get $b))))
      (call $drop (local.get $a))
      (call $drop (local.get $b))
      (local.get $r)))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "host" (instance
      (export "subscribe" (func $subscribe)) (export "poll" (func $poll))
      (export "ready" (func $ready)) (export "drop" (func $drop))))))
  (func (export "run") (result u32) (canon lift (core func $i "run"))))
`;

test('REQ-WASI-P2-005: pollables pass to the guest as own handles, back to the host as a list of borrows, and are freed on drop', async () => {
  const c = loadComponent(await parse(POLLER));
  const s = fakeServices({ sleep: true });
  const wasi = new WasiPreview2({ clocks: true }, s);
  const inst = instantiateComponent(c, wasi.imports);
  // poll slept to the earlier deadline (now + 100 ns) and reported index 1 (the second list element).
  assert.equal(inst.call('run'), 1 * 1000 + 1 * 100 + 0);
  assert.deepEqual(s.sleeps, [s.mono]);
  assert.equal(s.mono, 1_000n + 100n);
  assert.equal(wasi.io.pollable.size, 0, 'both pollables were dropped by the guest');
  assert.equal(inst.call('run'), 1100, 'the instance stays usable: every borrow ended with its call');
});

test('REQ-WASI-P2-002: the same guest does not link when clocks are not granted', async () => {
  const c = loadComponent(await parse(POLLER));
  assert.throws(() => instantiateComponent(c, new WasiPreview2({}, fakeServices()).imports),
    (e: unknown) => e instanceof LinkError && /wasi:clocks\/monotonic-clock@0\.2\.0/.test(e.message));
});
