import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EmbeddingError, instantiateComponent, LimitExceeded, LinkError, loadComponent, renderWit, ResourceType, Trap,
} from '../../../src/component/index.js';
import { ADD_COMPONENT, ALLOCATOR, componentBytes, GREET_COMPONENT, loadText } from './wat.js';

test('REQ-CM-API-001: loadComponent validates and exposes the WIT-level export types', async () => {
  const c = await loadText(ADD_COMPONENT);
  const add = c.type.exports.get('add');
  assert.equal(add?.kind, 'func');
  assert.equal(renderWit(c), 'world component {\n  export add: func(a: u32, b: u32) -> u32;\n}\n');
});

test('REQ-CM-API-002: an exported function lifted from core wasm is callable with JS numbers', async () => {
  const inst = instantiateComponent(await loadText(ADD_COMPONENT));
  const add = inst.exports['add'] as (a: number, b: number) => number;
  assert.equal(add(2, 40), 42);
  // u32 results are lifted as unsigned numbers: wrap-around stays in range.
  assert.equal(inst.call('add', 0xffffffff, 2), 1);
  assert.equal(inst.call('add', 0x80000000, 0), 0x80000000);
});

test('REQ-CM-API-002: an argument that does not fit its type is an EmbeddingError', async () => {
  const inst = instantiateComponent(await loadText(ADD_COMPONENT));
  assert.throws(() => inst.call('add', -1, 0), EmbeddingError);
  assert.throws(() => inst.call('add', 1), EmbeddingError);
  assert.throws(() => inst.call('nope'), EmbeddingError);
});

test('REQ-CM-API-003: strings pass in and out through realloc and linear memory', async () => {
  const inst = instantiateComponent(await loadText(GREET_COMPONENT));
  assert.equal(inst.call('greet', 'world'), 'Hello, world');
  assert.equal(inst.call('greet', 'wörld ☃ 🍰'), 'Hello, wörld ☃ 🍰');
  assert.equal(inst.call('greet', ''), 'Hello, ');
});

test('REQ-CM-INST-001: each instantiation has its own core instances and memory', async () => {
  const c = await loadText(`(component
    (core module $m
      (global $n (mut i32) (i32.const 0))
      (func (export "next") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))
    (core instance $i (instantiate $m))
    (func (export "next") (result u32) (canon lift (core func $i "next"))))`);
  const a = instantiateComponent(c);
  const b = instantiateComponent(c);
  assert.equal(a.call('next'), 1);
  assert.equal(a.call('next'), 2);
  assert.equal(b.call('next'), 1);
});

const IMPORTING = `(component
  (import "double" (func $double (param "x" u32) (result u32)))
  (core func $d (canon lower (func $double)))
  (core module $m
    (import "host" "double" (func $double (param i32) (result i32)))
    (func (export "quad") (param i32) (result i32) (call $double (call $double (local.get 0)))))
  (core instance $i (instantiate $m (with "host" (instance (export "double" (func $d))))))
  (func (export "quad") (param "x" u32) (result u32) (canon lift (core func $i "quad"))))`;

test('REQ-CM-INST-002: host functions are imported as plain JS functions and lowered into core wasm', async () => {
  const c = await loadText(IMPORTING);
  assert.match(renderWit(c), /import double: func\(x: u32\) -> u32;/);
  const calls: unknown[] = [];
  const inst = instantiateComponent(c, { double: (x: number) => { calls.push(x); return x * 2; } });
  assert.equal(inst.call('quad', 5), 20);
  assert.deepEqual(calls, [5, 10]);
});

test('REQ-CM-INST-003: a missing or mistyped host import is a LinkError', async () => {
  const c = await loadText(IMPORTING);
  assert.throws(() => instantiateComponent(c, {}), LinkError);
  assert.throws(() => instantiateComponent(c, { double: 42 as unknown as () => number }), LinkError);
});

test('REQ-CM-INST-003: a type import bound to a known type (eq) needs nothing from the host', async () => {
  // componentize-js emits such imports for the record types of its world (e.g. \`import stats: type record\`).
  const c = await loadText(`(component
    (type $r (record (field "a" u32)))
    (import "stats" (type $s (eq $r)))
    (core module $m (func (export "f") (param i32) (result i32) local.get 0))
    (core instance $i (instantiate $m))
    (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f"))))`);
  assert.match(renderWit(c), /import stats: type record \{ a: u32 \};/);
  assert.equal(instantiateComponent(c, {}).call('f', 7), 7);
});

test('REQ-CM-INST-004: nested components are instantiated and linked through lift/lower', async () => {
  const c = await loadText(`(component
    (component $Adder
      (core module $m (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
      (core instance $i (instantiate $m))
      (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add"))))
    (component $User
      (import "add" (func $add (param "a" u32) (param "b" u32) (result u32)))
      (core func $add' (canon lower (func $add)))
      (core module $m
        (import "" "add" (func $add (param i32 i32) (result i32)))
        (func (export "sum3") (param i32 i32 i32) (result i32) (call $add (call $add (local.get 0) (local.get 1)) (local.get 2))))
      (core instance $i (instantiate $m (with "" (instance (export "add" (func $add'))))))
      (func (export "sum3") (param "a" u32) (param "b" u32) (param "c" u32) (result u32) (canon lift (core func $i "sum3"))))
    (instance $a (instantiate $Adder))
    (instance $u (instantiate $User (with "add" (func $a "add"))))
    (export "sum3" (func $u "sum3"))
    (export "adder" (instance $a)))`);
  const inst = instantiateComponent(c);
  assert.equal(inst.call('sum3', 1, 2, 3), 6);
  assert.equal(inst.call('adder#add', 20, 22), 42);
  assert.equal((inst.exports['adder'] as Record<string, (a: number, b: number) => number>)['add']!(1, 1), 2);
});

test('REQ-CM-INST-005: resources: resource.new/rep/drop with handles passed to the host as OwnHandle', async () => {
  const c = await loadText(`(component
    (type $R (resource (rep i32)))
    (core func $new (canon resource.new $R))
    (core func $rep (canon resource.rep $R))
    (core module $m
      (import "" "new" (func $new (param i32) (result i32)))
      (import "" "rep" (func $rep (param i32) (result i32)))
      (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
      ;; A borrow of a resource this component implements arrives as its representation (CanonicalABI lower_borrow).
      (func (export "get") (param i32) (result i32) (local.get 0))
      (func (export "rep-of") (param i32) (result i32) (call $rep (local.get 0)))
      (func (export "roundtrip") (param i32) (result i32) (call $rep (call $new (local.get 0)))))
    (core instance $i (instantiate $m (with "" (instance (export "new" (func $new)) (export "rep" (func $rep))))))
    (export $R' "r" (type $R))
    (func (export "make") (param "v" u32) (result (own $R')) (canon lift (core func $i "make")))
    (func (export "get") (param "h" (borrow $R')) (result u32) (canon lift (core func $i "get")))
    (func (export "roundtrip") (param "v" u32) (result u32) (canon lift (core func $i "roundtrip"))))`);
  const inst = instantiateComponent(c);
  const r = inst.exports['r'];
  assert.ok(r instanceof ResourceType);
  const h = inst.call('make', 77) as { resource: ResourceType; rep: number };
  assert.equal(h.resource, r);
  assert.equal(inst.call('get', h), 77);
  assert.equal(inst.call('roundtrip', 9), 9);
  // A resource type is generative: another instance has its own.
  assert.notEqual(instantiateComponent(c).exports['r'], r);
});

test('REQ-CM-INST-006: core traps inside a component surface as Trap; fuel limits apply', async () => {
  const c = await loadText(`(component
    (core module $m
      (func (export "boom") unreachable)
      (func (export "spin") (loop (br 0))))
    (core instance $i (instantiate $m))
    (func (export "boom") (canon lift (core func $i "boom")))
    (func (export "spin") (canon lift (core func $i "spin"))))`);
  assert.throws(() => instantiateComponent(c, {}, { fuel: 10_000 }).call('boom'), Trap);
  const inst = instantiateComponent(c, {}, { fuel: 10_000 });
  assert.throws(() => inst.call('spin'), LimitExceeded);
  assert.throws(() => inst.call('boom'), /locked down after a trap \(.*fuel/, 'an exhausted instance is locked down');
  assert.equal(inst.store.limits.fuel, 10_000);
  // The memory limit caps the memories of all core instances of the component instance.
  const big = await loadText(`(component
    (core module $a (memory 1))
    (core module $b (memory 1))
    (core instance (instantiate $a))
    (core instance (instantiate $b)))`);
  instantiateComponent(big, {}, { memoryBytes: 2 * 65536 });
  assert.throws(() => instantiateComponent(big, {}, { memoryBytes: 65536 }), LimitExceeded);
});

test('REQ-CM-INST-007: a host resource type is imported by identity', async () => {
  const c = await loadText(`(component
    (import "t" (type $T (sub resource)))
    (import "mk" (func $mk (result (own $T))))
    (import "consume" (func $consume (param "x" (own $T)) (result u32)))
    (core func $mk' (canon lower (func $mk)))
    (core func $consume' (canon lower (func $consume)))
    (core module $m
      (import "" "mk" (func $mk (result i32)))
      (import "" "consume" (func $consume (param i32) (result i32)))
      (func (export "run") (result i32) (call $consume (call $mk))))
    (core instance $i (instantiate $m (with "" (instance (export "mk" (func $mk')) (export "consume" (func $consume'))))))
    (func (export "run") (result u32) (canon lift (core func $i "run"))))`);
  const { OwnHandle } = await import('../../../src/component/index.js');
  const T = new ResourceType('t', null);
  const inst = instantiateComponent(c, {
    t: T,
    mk: () => new OwnHandle(T, 5),
    consume: (h: { resource: ResourceType; rep: number }) => { assert.equal(h.resource, T); return h.rep * 10; },
  });
  assert.equal(inst.call('run'), 50);
  assert.throws(() => instantiateComponent(c, { t: {} as ResourceType, mk: () => 0, consume: () => 0 }), LinkError);
});

test('REQ-CM-API-001: loadComponent rejects a core module and garbage with typed errors', async () => {
  const { DecodeError, ValidationError } = await import('../../../src/component/index.js');
  assert.throws(() => loadComponent(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])), DecodeError);
  const bad = await componentBytes(`(component (core module (func (result i32))))`);
  assert.throws(() => loadComponent(bad), ValidationError);
  assert.ok(ALLOCATOR.includes('realloc'));
});
