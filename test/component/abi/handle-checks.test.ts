/**
 * Handles passed by the host into a component's own and borrow parameters: anything that is not a
 * handle, a handle of another resource type, and an owning handle already moved are EmbeddingErrors
 * before the guest runs; a BorrowHandle or a live OwnHandle of the right type reaches the guest.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BorrowHandle, EmbeddingError, instantiateComponent, OwnHandle, ResourceType } from '../../../src/component/index.js';
import { loadText } from '../instantiate/wat.js';

const RESOURCE = `(component
  (type $R (resource (rep i32)))
  (core func $new (canon resource.new $R))
  (core func $rep (canon resource.rep $R))
  (core module $m
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "rep" (func $rep (param i32) (result i32)))
    (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
    (func (export "get") (param i32) (result i32) (local.get 0))
    (func (export "rep-of") (param i32) (result i32) (call $rep (local.get 0))))
  (core instance $i (instantiate $m (with "" (instance (export "new" (func $new)) (export "rep" (func $rep))))))
  (export $R' "r" (type $R))
  (func (export "make") (param "v" u32) (result (own $R')) (canon lift (core func $i "make")))
  (func (export "get") (param "h" (borrow $R')) (result u32) (canon lift (core func $i "get")))
  (func (export "take") (param "h" (own $R')) (result u32) (canon lift (core func $i "rep-of"))))`;

const refused = (message: RegExp) => (e: unknown): boolean => e instanceof EmbeddingError && message.test(e.message);

test('REQ-CM-ABI-053: an own parameter takes only a live OwnHandle of its resource type, and moves it', async () => {
  const c = await loadText(RESOURCE);
  const inst = instantiateComponent(c);
  const other = instantiateComponent(c);
  const h = inst.call('make', 77) as OwnHandle;
  assert.throws(() => inst.call('take', 'not a handle'), refused(/expected an OwnHandle/));
  assert.throws(() => inst.call('take', other.call('make', 1)), refused(/OwnHandle of resource .* where .* was expected/));
  assert.equal(inst.call('take', h), 77);
  assert.throws(() => inst.call('take', h), refused(/already moved or dropped/), 'the handle moved into the guest');
  assert.throws(() => inst.call('get', h), refused(/already moved or dropped/), 'a moved handle cannot be lent either');
});

test('REQ-CM-ABI-055: a borrow parameter takes a BorrowHandle or an OwnHandle of its resource type and nothing else', async () => {
  const c = await loadText(RESOURCE);
  const inst = instantiateComponent(c);
  const r = inst.exports['r'] as ResourceType;
  const h = inst.call('make', 5) as OwnHandle;
  assert.equal(inst.call('get', h), 5, 'an own handle is lent, not moved');
  assert.equal(inst.call('get', h), 5);
  assert.equal(inst.call('get', new BorrowHandle(r, 6)), 6, 'the implementing instance receives the representation');
  assert.throws(() => inst.call('get', 42), refused(/expected a BorrowHandle or an OwnHandle/));
  assert.throws(() => inst.call('get', new BorrowHandle(new ResourceType('elsewhere', null), 1)), refused(/handle of resource elsewhere where .* was expected/));
  assert.throws(() => inst.call('get', new OwnHandle(new ResourceType('elsewhere', null), 1)), refused(/handle of resource elsewhere/));
});
