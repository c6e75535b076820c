/**
 * The component embedding API against an embedder's mistakes and its less common shapes: objects that
 * are not loaded components, instance imports of the wrong shape or missing an export, type imports the
 * host need not supply, a resource type reached twice, exports that are components, core modules or
 * types, and `call` paths that do not lead to a function. Every mistake is a typed error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbeddingError, instantiateComponent, LinkError, ResourceType, type LoadedComponent } from '../../../src/component/index.js';
import { ADD_COMPONENT, loadText } from './wat.js';

test('REQ-CM-API-001: instantiateComponent refuses anything that loadComponent did not produce', async () => {
  const real = await loadText(ADD_COMPONENT);
  for (const bad of [null, 7, {}, { component: real.component }, { type: real.type }]) {
    assert.throws(() => instantiateComponent(bad as unknown as LoadedComponent), (e: unknown) => e instanceof EmbeddingError && /not a component/.test(e.message), JSON.stringify(bad === null ? 'null' : typeof bad));
  }
  assert.equal(instantiateComponent(real).call('add', 1, 2), 3);
});

const INSTANCE_IMPORT = `(component
  (type $u u32)
  (import "t" (type $t (eq $u)))
  (import "r" (type $r (sub resource)))
  (import "host" (instance $h
    (type $v u32)
    (export "t2" (type (eq $v)))
    (export "r2" (type (eq $r)))
    (export "twice" (func (param "x" u32) (result u32)))))
  (core func $twice (canon lower (func $h "twice")))
  (core module $m
    (import "" "twice" (func $twice (param i32) (result i32)))
    (func (export "quad") (param i32) (result i32) (call $twice (call $twice (local.get 0)))))
  (core instance $i (instantiate $m (with "" (instance (export "twice" (func $twice))))))
  (func (export "quad") (param "x" u32) (result u32) (canon lift (core func $i "quad")))
  (export "again" (instance $h)))`;

test('REQ-CM-INST-003: an instance import must be an object with every function and resource export; plain type exports and type imports are optional', async () => {
  const c = await loadText(INSTANCE_IMPORT);
  const r = new ResourceType('r', null);
  const twice = (x: number): number => x * 2;
  // `t` (a plain type) is not supplied, `t2` neither; `r2` names the resource already imported as `r`
  // (an export of a resource type is required even then: the host names it).
  const inst = instantiateComponent(c, { r, host: { twice, r2: r } });
  assert.equal(inst.call('quad', 3), 12);
  assert.equal(inst.call('again#twice', 5), 10);
  assert.equal((inst.exports['again'] as Record<string, unknown>)['r2'], r, 'the re-exported resource is the host one');
  for (const bad of [null, 5]) {
    assert.throws(() => instantiateComponent(c, { r, host: bad as unknown as Record<string, never> }), (e: unknown) => e instanceof LinkError && /expected an object of instance exports/.test(e.message));
  }
  assert.throws(() => instantiateComponent(c, { r, host: {} }), (e: unknown) => e instanceof LinkError && /missing instance export/.test(e.message));
  assert.throws(() => instantiateComponent(c, { host: { twice, r2: r } }), (e: unknown) => e instanceof LinkError && /missing import/.test(e.message), 'a resource type import is required');
  assert.throws(() => instantiateComponent(c, { r: 'not a resource' as unknown as ResourceType, host: { twice, r2: r } }), (e: unknown) => e instanceof LinkError && /expected a ResourceType/.test(e.message));
});

test('REQ-CM-API-002: call follows instance paths to functions only; components, core modules and types are exported as themselves', async () => {
  const c = await loadText(`(component
    (core module $m (func (export "one") (result i32) (i32.const 1)))
    (component $c)
    (type $u (record (field "a" u32)))
    (core instance $i (instantiate $m))
    (func $one (result u32) (canon lift (core func $i "one")))
    (instance $x (export "one" (func $one)))
    (export "x" (instance $x))
    (export "one" (func $one))
    (export "m" (core module $m))
    (export "c" (component $c))
    (export "u" (type $u)))`);
  const inst = instantiateComponent(c);
  assert.equal(inst.call('x#one'), 1);
  assert.equal(inst.call('one'), 1);
  for (const path of ['one#x', 'x#none', 'u', 'm', 'c', 'x']) {
    assert.throws(() => inst.call(path), (e: unknown) => e instanceof EmbeddingError && /no exported function/.test(e.message), path);
  }
  assert.ok(inst.exports['m'] !== undefined && typeof inst.exports['m'] === 'object', 'a core module export is the module');
  assert.ok(inst.exports['c'] !== undefined && typeof inst.exports['c'] === 'object', 'a component export is the component');
  assert.equal((inst.exports['u'] as { kind?: string }).kind, 'value', 'a type export is its (value type) definition');
});
