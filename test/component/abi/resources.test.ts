/** Resources: handle tables, resource.new/rep/drop, destructors, own transfer, borrow scopes and lending. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbeddingError, Trap } from '../../../src/core/errors.js';
import type { ExternVal, Value } from '../../../src/core/index.js';
import {
  AbiInstance, BorrowHandle, BorrowScope, CoreValueIter, LenderSet, LiftLowerContext, OwnHandle, ResourceHandle, liftFlat, RESOURCE_DROP_TYPE, RESOURCE_NEW_TYPE, RESOURCE_REP_TYPE, ResourceType,
  canonLift, canonLower, canonResourceDrop, canonResourceNew, canonResourceRep, coreDestructor, dropOwnHandle,
  flattenFuncType, resourceDrop, resourceNew, resourceRep, type CFuncType, type CType, type ComponentFunc,
} from '../../../src/component/abi/index.js';
import { canonCx, i32, libc, type Libc } from './harness.js';

const trapWith = (re: RegExp) => (e: unknown): boolean => e instanceof Trap && re.test(e.message);
const own = (resource: ResourceType): CType => ({ kind: 'own', resource });
const borrow = (resource: ResourceType): CType => ({ kind: 'borrow', resource });

interface Guest {
  l: Libc;
  inst: AbiInstance;
  R: ResourceType;
  R2: ResourceType;
  H: ResourceType;
  hostDtors: number[];
  exp(name: string): ExternVal;
  call(name: string, ...args: number[]): number[];
  lowerImport(ft: CFuncType, impl: ComponentFunc): void;
}

/**
 * A component instance implementing resources R (core destructor recording its argument) and R2,
 * importing the host resource H (JS destructor), with the resource built-ins as core imports and one
 * lowered import `host.f` (param i32 i32) (result i32) bound per test.
 */
async function guest(): Promise<Guest> {
  const inst = new AbiInstance(null, 'C');
  const hostDtors: number[] = [];
  const H = new ResourceType('H', null, (rep) => hostDtors.push(rep));
  let R!: ResourceType;
  let R2!: ResourceType;
  let fImpl: ((a: Value[]) => Value[]) | undefined;
  const builtins = new Map<string, (a: Value[]) => Value[]>();
  const l = await libc(`
    (import "host" "new" (func $new (param i32) (result i32)))
    (import "host" "rep" (func $rep (param i32) (result i32)))
    (import "host" "drop" (func $drop (param i32)))
    (import "host" "rep2" (func $rep2 (param i32) (result i32)))
    (import "host" "new2" (func $new2 (param i32) (result i32)))
    (import "host" "dropH" (func $dropH (param i32)))
    (import "host" "f" (func $f (param i32 i32) (result i32)))
    (global $dtor (mut i32) (i32.const -1)) (global $dtors (mut i32) (i32.const 0))
    (func (export "dtor") (param i32) (global.set $dtor (local.get 0)) (global.set $dtors (i32.add (global.get $dtors) (i32.const 1))))
    (func (export "last-dtor") (result i32) (global.get $dtor))
    (func (export "dtors") (result i32) (global.get $dtors))
    (func (export "make") (param i32) (result i32) (call $new (local.get 0)))
    (func (export "make2") (param i32) (result i32) (call $new2 (local.get 0)))
    (func (export "rep") (param i32) (result i32) (call $rep (local.get 0)))
    (func (export "rep2") (param i32) (result i32) (call $rep2 (local.get 0)))
    (func (export "drop") (param i32) (call $drop (local.get 0)))
    (func (export "dropH") (param i32) (call $dropH (local.get 0)))
    (func (export "id") (param i32) (result i32) (local.get 0))
    (func (export "keep") (param i32))
    (func (export "call-f") (param i32 i32) (result i32) (call $f (local.get 0) (local.get 1)))`,
  (s) => {
    const host: Record<string, ExternVal> = {};
    for (const [name, type] of [['new', RESOURCE_NEW_TYPE], ['new2', RESOURCE_NEW_TYPE], ['rep', RESOURCE_REP_TYPE], ['rep2', RESOURCE_REP_TYPE], ['drop', RESOURCE_DROP_TYPE], ['dropH', RESOURCE_DROP_TYPE]] as const) {
      host[name] = s.hostFunc(type, (a) => builtins.get(name)!(a));
    }
    host.f = s.hostFunc({ params: [0x7f, 0x7f], results: [0x7f] }, (a) => fImpl!(a));
    return { host };
  });
  const exp = (name: string): ExternVal => l.exports.get(name)!;
  R = new ResourceType('R', inst, coreDestructor(l.core, exp('dtor')));
  R2 = new ResourceType('R2', inst);
  builtins.set('new', canonResourceNew(inst, R));
  builtins.set('new2', canonResourceNew(inst, R2));
  builtins.set('rep', canonResourceRep(inst, R));
  builtins.set('rep2', canonResourceRep(inst, R2));
  builtins.set('drop', canonResourceDrop(inst, R));
  builtins.set('dropH', canonResourceDrop(inst, H));
  return {
    l, inst, R, R2, H, hostDtors, exp,
    call: (name, ...args) => l.store.invoke(exp(name), args.map(i32)).map((v) => (v.value as number) >>> 0),
    lowerImport: (ft, impl) => {
      const lowered = canonLower(canonCx(l, 'utf8', inst), impl, ft);
      assert.deepEqual(flattenFuncType(ft, 'lower'), { params: [0x7f, 0x7f], results: [0x7f] });
      fImpl = lowered;
    },
  };
}

test('REQ-CM-ABI-050: handle indices start at 1 and freed indices are reused last-in first-out', async () => {
  const g = await guest();
  assert.deepEqual([g.call('make', 10)[0], g.call('make', 11)[0], g.call('make', 12)[0]], [1, 2, 3]);
  g.call('drop', 2);
  assert.equal(g.call('make', 13)[0], 2);
  g.call('drop', 3);
  g.call('drop', 1);
  assert.equal(g.call('make', 14)[0], 1);
  assert.equal(g.call('make', 15)[0], 3);
  assert.equal(g.inst.handles.size, 3);
});

test('REQ-CM-ABI-051: unknown, dropped, zero and huge handle indices trap with the index', async () => {
  const g = await guest();
  g.call('make', 1);
  assert.throws(() => g.call('rep', 5), trapWith(/unknown handle index 5/));
  assert.throws(() => g.call('rep', 0), trapWith(/unknown handle index 0/));
  assert.throws(() => g.call('drop', 0xffffffff), trapWith(/unknown handle index 4294967295/));
  g.call('drop', 1);
  assert.throws(() => g.call('drop', 1), trapWith(/unknown handle index 1/));
  assert.throws(() => g.call('rep', 1), trapWith(/unknown handle index 1/));
});

test('REQ-CM-ABI-052: resource.rep returns the representation; resource.drop of an own handle calls the destructor once', async () => {
  const g = await guest();
  const h = g.call('make', 42)[0]!;
  assert.equal(g.call('rep', h)[0], 42);
  assert.equal(g.call('dtors')[0], 0);
  g.call('drop', h);
  assert.deepEqual([g.call('last-dtor')[0], g.call('dtors')[0]], [42, 1]);
  const h2 = g.call('make2', 7)[0]!;
  assert.throws(() => g.call('rep', h2), trapWith(/handle index 1 used with the wrong type, expected guest-defined resource but found a different guest-defined resource/));
  assert.equal(g.call('rep2', h2)[0], 7);
  g.inst.handles.add(new ResourceHandle(g.H, 9, true));
  assert.throws(() => g.call('rep', 2), trapWith(/expected guest-defined resource but found host-defined resource/));
});

test('REQ-CM-ABI-053: own handles move between JS and the component; a moved OwnHandle cannot be used again', async () => {
  const g = await guest();
  const cx = canonCx(g.l, 'utf8', g.inst);
  const made = canonLift(cx, g.exp('make'), { params: [{ name: 'rep', type: { kind: 'u32' } }], result: own(g.R) }, [77]);
  assert.ok(made instanceof OwnHandle);
  assert.equal(made.resource, g.R);
  assert.equal(made.rep, 77);
  assert.equal(g.inst.handles.size, 0, 'lifting an own removes it from the table');
  const repOf: CFuncType = { params: [{ name: 'h', type: own(g.R) }], result: { kind: 'u32' } };
  assert.equal(canonLift(cx, g.exp('rep'), repOf, [made]), 77);
  assert.equal(made.consumed, true);
  assert.throws(() => canonLift(cx, g.exp('rep'), repOf, [made]), EmbeddingError);
  assert.throws(() => canonLift(cx, g.exp('rep'), repOf, [new OwnHandle(g.R2, 1)]), EmbeddingError);
  // The host drops an own handle it holds: the guest destructor runs.
  const h = canonLift(cx, g.exp('make'), { params: [{ name: 'rep', type: { kind: 'u32' } }], result: own(g.R) }, [88]) as OwnHandle;
  dropOwnHandle(h);
  assert.deepEqual([g.call('last-dtor')[0]], [88]);
  assert.throws(() => dropOwnHandle(h), EmbeddingError);
  // A host resource handed to the component and dropped there runs the host destructor.
  const hostOwn = new OwnHandle(g.H, 5);
  const idx = canonLift(cx, g.exp('id'), { params: [{ name: 'h', type: own(g.H) }], result: { kind: 'u32' } }, [hostOwn]) as number;
  g.call('dropH', idx);
  assert.deepEqual(g.hostDtors, [5]);
});

test('REQ-CM-ABI-054: a borrow lowered into a lifted call must be dropped by the callee before it returns', async () => {
  const g = await guest();
  const cx = canonCx(g.l, 'utf8', g.inst);
  const hb = new BorrowHandle(g.H, 3);
  const keep: CFuncType = { params: [{ name: 'b', type: borrow(g.H) }] };
  assert.throws(() => canonLift(cx, g.exp('keep'), keep, [hb]), trapWith(/borrow handles still remain at the end of the call/));
  assert.equal(g.inst.mayEnter, true);
  g.inst.lockdown = null; // the trap locked the instance down (REQ-CM-ABI-059); lift it to go on testing borrows
  const dropB: CFuncType = { params: [{ name: 'b', type: borrow(g.H) }] };
  canonLift(cx, g.exp('dropH'), dropB, [new OwnHandle(g.H, 4)]);
  assert.deepEqual(g.hostDtors, [], 'dropping a borrow does not destroy the resource');
  // The implementing instance receives the representation itself.
  const idOf: CFuncType = { params: [{ name: 'b', type: borrow(g.R) }], result: { kind: 'u32' } };
  assert.equal(canonLift(cx, g.exp('id'), idOf, [new BorrowHandle(g.R, 1234)]), 1234);
});

test('REQ-CM-ABI-055: a handle lent to a lowered call cannot be dropped or moved until the call returns', async () => {
  const g = await guest();
  const h = g.call('make', 21)[0]!;
  const ft: CFuncType = { params: [{ name: 'b', type: borrow(g.R) }, { name: 'o', type: own(g.R) }], result: { kind: 'u32' } };
  let during: unknown;
  g.lowerImport(ft, (args) => {
    const [b] = args as [BorrowHandle, OwnHandle];
    assert.ok(b instanceof BorrowHandle);
    try { resourceDrop(g.inst, g.R, h); } catch (e) { during = e; }
    return b.rep;
  });
  const h2 = g.call('make', 22)[0]!;
  assert.equal(g.call('call-f', h, h2)[0], 21);
  assert.ok(during instanceof Trap && /cannot remove owned resource while borrowed/.test(during.message));
  assert.equal(g.inst.handles.get(h).numLends, 0, 'lends are released when the call returns');
  // Lending and moving the same handle in one call traps.
  assert.throws(() => g.call('call-f', h, h), trapWith(/cannot remove owned resource while borrowed/));
  g.call('drop', h);
  assert.equal(g.call('last-dtor')[0], 21);
});

test('REQ-CM-ABI-056: a borrow handle cannot be lifted as own, and resource.new/drop obey may_leave', () => {
  const inst = new AbiInstance(null, 'C');
  const R = new ResourceType('R', inst);
  const h = resourceNew(inst, R, 9);
  assert.equal(resourceRep(inst, R, h), 9);
  inst.mayLeave = false;
  assert.throws(() => resourceNew(inst, R, 1), trapWith(/cannot leave component instance/));
  assert.throws(() => resourceDrop(inst, R, h), trapWith(/cannot leave component instance/));
  inst.mayLeave = true;
  resourceDrop(inst, R, h);
  assert.equal(inst.handles.size, 0);
  const scope = new BorrowScope();
  const b = inst.handles.add(new ResourceHandle(R, 5, false, scope));
  scope.numBorrows++;
  const noCore = { invoke: (): Value[] => [], memoryView: (): Uint8Array => new Uint8Array(0) };
  const cx = new LiftLowerContext({ core: noCore, opts: { stringEncoding: 'utf8' }, inst }, null, new LenderSet());
  assert.throws(() => liftFlat(cx, new CoreValueIter([i32(b)]), own(R)), trapWith(/cannot lift a borrowed handle as own/));
  resourceDrop(inst, R, b);
  assert.equal(scope.numBorrows, 0, 'dropping a borrow handle ends it in its scope');
});

test('REQ-CM-ABI-057: dropping an own handle calls the destructor as a call into the implementing instance (reentrance rules)', () => {
  const impl = new AbiInstance(null, 'impl');
  const seen: number[] = [];
  const R = new ResourceType('R', impl, (rep) => seen.push(rep));
  const entered = impl.enterFrom(null);
  // The implementing instance is running a call: another instance may not re-enter it.
  const u = new AbiInstance(null, 'user');
  const h1 = resourceNew(u, R, 1);
  assert.throws(() => resourceDrop(u, R, h1), trapWith(/cannot enter component instance impl/));
  // ...but the implementing instance may drop its own handles while running.
  const h2 = resourceNew(impl, R, 2);
  resourceDrop(impl, R, h2);
  AbiInstance.leave(entered);
  assert.deepEqual(seen, [2]);
  const h3 = resourceNew(u, R, 3);
  resourceDrop(u, R, h3);
  assert.deepEqual(seen, [2, 3]);
});
