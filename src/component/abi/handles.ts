/**
 * Lifting and lowering of resource handles (CanonicalABI.md `lift_own`, `lift_borrow`, `lower_own`,
 * `lower_borrow`) and the resource built-ins `resource.new`, `resource.drop`, `resource.rep`.
 *
 * JS holds handles as `OwnHandle` / `BorrowHandle` objects carrying the resource type and the
 * representation; inside a component they are indices into the instance's handle table.
 */

import type { LiftLowerContext } from './context.js';
import { AbiInstance, ResourceHandle } from './instance.js';
import { abiTrap, badValue } from './trap.js';
import { BorrowHandle, OwnHandle, type ResourceType } from './types.js';

function describeRt(rt: ResourceType): string {
  return rt.impl === null ? 'host-defined resource' : 'guest-defined resource';
}

/** Traps unless handle `h` at index `i` has resource type `rt`. */
function checkType(h: ResourceHandle, i: number, rt: ResourceType): void {
  if (h.rt === rt) return;
  const expected = describeRt(rt);
  let found = describeRt(h.rt);
  if (found === expected) found = `a different ${found}`;
  throw abiTrap(`handle index ${i >>> 0} used with the wrong type, expected ${expected} but found ${found} (expected ${rt.name || 'resource'}, found ${h.rt.name || 'resource'})`);
}

/** Spec `lift_own`: moves the owning handle at index `i` out of the table. */
export function liftOwn(cx: LiftLowerContext, i: number, rt: ResourceType): OwnHandle {
  const h = cx.inst.handles.get(i);
  checkType(h, i, rt);
  if (h.numLends !== 0) throw abiTrap(`cannot remove owned resource while borrowed (handle index ${i >>> 0} is lent ${h.numLends} time(s))`);
  if (!h.own) throw abiTrap(`cannot lift a borrowed handle as own (handle index ${i >>> 0})`);
  cx.inst.handles.remove(i);
  return new OwnHandle(rt, h.rep);
}

/** Spec `lift_borrow`: reads the handle at `i` and records it as lent for the duration of the call. */
export function liftBorrow(cx: LiftLowerContext, i: number, rt: ResourceType): BorrowHandle {
  const h = cx.inst.handles.get(i);
  checkType(h, i, rt);
  if (cx.lenders === null) throw abiTrap('a borrow handle can only be lifted as an argument of a lowered call');
  cx.lenders.add(h);
  return new BorrowHandle(rt, h.rep);
}

/** Spec `lower_own`: transfers ownership of a JS-held handle into the instance's table. */
export function lowerOwn(cx: LiftLowerContext, v: unknown, rt: ResourceType, what: string): number {
  if (!(v instanceof OwnHandle)) throw badValue(`${what}: expected an OwnHandle`, v);
  if (v.resource !== rt) throw badValue(`${what}: OwnHandle of resource ${v.resource.name} where ${rt.name} was expected`, v);
  if (v.consumed) throw badValue(`${what}: OwnHandle was already moved or dropped`, v);
  v.consumed = true;
  return cx.inst.handles.add(new ResourceHandle(rt, v.rep, true));
}

/**
 * Spec `lower_borrow`: lends a handle to the callee for the duration of the call. The instance that
 * implements the resource receives the representation directly.
 */
export function lowerBorrow(cx: LiftLowerContext, v: unknown, rt: ResourceType, what: string): number {
  if (!(v instanceof BorrowHandle) && !(v instanceof OwnHandle)) throw badValue(`${what}: expected a BorrowHandle or an OwnHandle`, v);
  if (v.resource !== rt) throw badValue(`${what}: handle of resource ${v.resource.name} where ${rt.name} was expected`, v);
  if (v instanceof OwnHandle && v.consumed) throw badValue(`${what}: OwnHandle was already moved or dropped`, v);
  if (cx.inst === rt.impl) return v.rep;
  if (cx.task === null) throw abiTrap('a borrow handle can only be lowered as an argument of a lifted call');
  const h = new ResourceHandle(rt, v.rep, false, cx.task);
  cx.task.numBorrows++;
  return cx.inst.handles.add(h);
}

/** Spec `canon resource.new`: a new owning handle for `rep` in `inst`'s table. */
export function resourceNew(inst: AbiInstance, rt: ResourceType, rep: number): number {
  inst.checkMayLeave();
  return inst.handles.add(new ResourceHandle(rt, rep >>> 0, true));
}

/**
 * Calls the destructor of resource type `rt` for `rep` as a synchronous call from `caller` (spec:
 * `canon_resource_drop` lifts the destructor in `rt.impl` and lowers it in the caller, so the
 * reentrance rules apply).
 */
export function callDestructor(rt: ResourceType, rep: number, caller: AbiInstance | null): void {
  const dtor = rt.dtor;
  if (rt.impl === null) {
    if (dtor !== undefined) dtor(rep);
    return;
  }
  const impl = rt.impl;
  const entered = impl.enterFrom(caller);
  impl.beginThread();
  try {
    if (dtor !== undefined) dtor(rep);
  } catch (e) {
    impl.lockDown(e);
    throw e;
  } finally {
    impl.endThread();
    AbiInstance.leave(entered);
  }
}

/** Spec `canon resource.drop`: removes the handle; an owning handle's resource is destroyed. */
export function resourceDrop(inst: AbiInstance, rt: ResourceType, i: number): void {
  inst.checkMayLeave();
  const h = inst.handles.get(i);
  checkType(h, i, rt);
  if (h.numLends !== 0) throw abiTrap(`cannot remove owned resource while borrowed (handle index ${i >>> 0} is lent ${h.numLends} time(s))`);
  inst.handles.remove(i);
  if (h.own) {
    callDestructor(rt, h.rep, inst);
  } else {
    h.borrowScope!.numBorrows--;
  }
}

/** Spec `canon resource.rep`: the representation behind the handle at `i`. */
export function resourceRep(inst: AbiInstance, rt: ResourceType, i: number): number {
  const h = inst.handles.get(i);
  checkType(h, i, rt);
  return h.rep;
}

/**
 * Drops an owning handle held by JS (the host's equivalent of `resource.drop` on an own handle):
 * runs the destructor as a call from the host.
 */
export function dropOwnHandle(h: OwnHandle): void {
  if (!(h instanceof OwnHandle)) throw badValue('dropOwnHandle: expected an OwnHandle', h);
  if (h.consumed) throw badValue('dropOwnHandle: OwnHandle was already moved or dropped', h);
  h.consumed = true;
  callDestructor(h.resource, h.rep, null);
}
