/**
 * The canonical definitions for synchronous functions (CanonicalABI.md "`canon lift`", "`canon
 * lower`", "`canon resource.new`", "`canon resource.drop`", "`canon resource.rep`", and the `Store.lift`
 * reentrance guard of "Embedding").
 *
 * A sync call never blocks, so the spec's thread/task machinery reduces to a plain JS call with the
 * bookkeeping that is observable: `may_enter` (reentrance), `may_leave` (no calls out during realloc
 * and post-return), the callee's borrow count and the caller's lent handles.
 */

import { ValType } from '../../core/binary/module.js';
import type { FuncType as CoreFuncType } from '../../core/binary/module.js';
import { EmbeddingError } from '../../core/errors.js';
import type { ExternVal, Value } from '../../core/exec/values.js';
import { i32, LiftLowerContext } from './context.js';
import { CoreValueIter, liftFlatValues, lowerFlatValues } from './flat.js';
import { resourceDrop, resourceNew, resourceRep } from './handles.js';
import { AbiInstance, BorrowScope, CONTEXT_SLOTS, LenderSet } from './instance.js';
import { MAX_FLAT_PARAMS, MAX_FLAT_RESULTS } from './layout.js';
import { abiTrap } from './trap.js';
import type { CanonContext, CFuncType, ComponentFunc, CoreAccess, CType, ResourceType } from './types.js';

interface Signature {
  readonly params: readonly CType[];
  readonly results: readonly CType[];
}

const signatures = new WeakMap<CFuncType, Signature>();

/** The parameter and result type lists of `ft` (cached, so spilled tuple layouts are cached too). */
function signature(ft: CFuncType): Signature {
  let s = signatures.get(ft);
  if (s === undefined) {
    s = { params: ft.params.map((p) => p.type), results: ft.result === undefined ? [] : [ft.result] };
    signatures.set(ft, s);
  }
  return s;
}

/**
 * `canon lift` called from JS (spec `Store.lift` + `canon_lift`, sync): enters the component
 * instance (trapping on reentrance), lowers `args` into core values (calling `realloc` for strings,
 * lists and spilled parameters), invokes `callee`, lifts its results, checks that every borrowed
 * handle was dropped, and calls `post-return` with `may_leave` cleared.
 *
 * @param caller the calling component instance for a component-to-component call, `null` for the host
 * @returns the result value, or `undefined` when `ft` has no result
 */
export function canonLift(cx: CanonContext, callee: ExternVal, ft: CFuncType, args: readonly unknown[], caller: AbiInstance | null = null): unknown {
  const sig = signature(ft);
  if (!Array.isArray(args) || args.length !== sig.params.length) {
    throw new EmbeddingError(`expected ${sig.params.length} argument(s), got ${Array.isArray(args) ? args.length : typeof args}`);
  }
  const inst = cx.inst;
  const entered = inst.enterFrom(caller);
  inst.beginThread();
  let running = false;
  try {
    const task = new BorrowScope();
    const lcx = new LiftLowerContext(cx, task, null);
    const flatArgs = lowerFlatValues(lcx, MAX_FLAT_PARAMS, args, sig.params, undefined, 'argument');
    running = true;
    const flatResults = cx.core.invoke(callee, flatArgs);
    lcx.invalidate();
    const results = liftFlatValues(lcx, MAX_FLAT_RESULTS, new CoreValueIter(flatResults), sig.results);
    // Spec `Task.return_`: the callee must have dropped every handle it borrowed for this call.
    if (task.numBorrows > 0) throw abiTrap(`borrow handles still remain at the end of the call (${task.numBorrows} not dropped)`);
    const postReturn = cx.opts.postReturn;
    if (postReturn !== undefined) {
      inst.mayLeave = false;
      try {
        cx.core.invoke(postReturn, flatResults);
      } finally {
        inst.mayLeave = true;
      }
    }
    return results[0];
  } catch (e) {
    // An embedder's bad argument, found before the callee ran, leaves the instance intact.
    if (running || !(e instanceof EmbeddingError)) inst.lockDown(e);
    throw e;
  } finally {
    inst.endThread();
    AbiInstance.leave(entered);
  }
}

/**
 * `canon lower` (spec `canon_lower`, sync): the core function a component's core code calls for an
 * imported component function. It lifts the core arguments (lending borrowed handles for the
 * duration of the call), calls `callee` with the current instance as caller, and lowers the result
 * (into the caller-supplied out-pointer when it spills).
 *
 * The returned function has the core type `flattenFuncType(ft, 'lower')`; wrap it with the core
 * store's `hostFunc`.
 */
export function canonLower(cx: CanonContext, callee: ComponentFunc, ft: CFuncType): (coreArgs: Value[]) => Value[] {
  const sig = signature(ft);
  const inst = cx.inst;
  return (flatArgs: Value[]): Value[] => {
    inst.checkMayLeave();
    const lenders = new LenderSet();
    const lcx = new LiftLowerContext(cx, null, lenders);
    const vi = new CoreValueIter(flatArgs);
    try {
      const args = liftFlatValues(lcx, MAX_FLAT_PARAMS, vi, sig.params);
      const result = callee(args, inst);
      lcx.invalidate();
      const values = sig.results.length === 0 ? [] : [result];
      return lowerFlatValues(lcx, MAX_FLAT_RESULTS, values, sig.results, vi, 'result');
    } finally {
      // Spec `Subtask.deliver_resolve`: the lent handles are returned to the caller.
      lenders.release();
    }
  };
}

/** Core type of `canon resource.new`: `(func (param i32) (result i32))`. */
export const RESOURCE_NEW_TYPE: CoreFuncType = { params: [ValType.i32], results: [ValType.i32] };
/** Core type of `canon resource.drop`: `(func (param i32))`. */
export const RESOURCE_DROP_TYPE: CoreFuncType = { params: [ValType.i32], results: [] };
/** Core type of `canon resource.rep`: `(func (param i32) (result i32))`. */
export const RESOURCE_REP_TYPE: CoreFuncType = { params: [ValType.i32], results: [ValType.i32] };

function argI32(args: readonly Value[], what = 'resource built-in'): number {
  const a = args[0];
  if (args.length !== 1 || a === undefined || a.type !== 'i32') throw abiTrap(`${what} expects one i32 argument`);
  return a.value >>> 0;
}

/** The core function of `canon resource.new $rt` in instance `inst`. */
export function canonResourceNew(inst: AbiInstance, rt: ResourceType): (args: Value[]) => Value[] {
  return (args) => [i32(resourceNew(inst, rt, argI32(args)))];
}

/** The core function of `canon resource.drop $rt` in instance `inst`. */
export function canonResourceDrop(inst: AbiInstance, rt: ResourceType): (args: Value[]) => Value[] {
  return (args) => {
    resourceDrop(inst, rt, argI32(args));
    return [];
  };
}

/** The core function of `canon resource.rep $rt` in instance `inst`. */
export function canonResourceRep(inst: AbiInstance, rt: ResourceType): (args: Value[]) => Value[] {
  return (args) => [i32(resourceRep(inst, rt, argI32(args)))];
}

/** Core type of `canon context.get i32 $i`: `(func (result i32))`. */
export const CONTEXT_GET_TYPE: CoreFuncType = { params: [], results: [ValType.i32] };
/** Core type of `canon context.set i32 $i`: `(func (param i32))`. */
export const CONTEXT_SET_TYPE: CoreFuncType = { params: [ValType.i32], results: [] };

function checkSlot(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= CONTEXT_SLOTS) throw new EmbeddingError(`context slot ${index} is not below ${CONTEXT_SLOTS}`);
}

/**
 * The core function of `canon context.get i32 $index` in instance `inst` (spec `canon_context_get`):
 * reads slot `index` of the current thread's storage. Allowed during realloc and post-return.
 */
export function canonContextGet(inst: AbiInstance, index: number): (args: Value[]) => Value[] {
  checkSlot(index);
  return () => [i32(inst.currentStorage()[index]!)];
}

/** The core function of `canon context.set i32 $index` in instance `inst` (spec `canon_context_set`). */
export function canonContextSet(inst: AbiInstance, index: number): (args: Value[]) => Value[] {
  checkSlot(index);
  return (args) => {
    inst.currentStorage()[index] = argI32(args, 'context.set');
    return [];
  };
}

/** A resource destructor that calls the core function `dtor` (type `(func (param i32))`) with the rep. */
export function coreDestructor(core: CoreAccess, dtor: ExternVal): (rep: number) => void {
  return (rep) => {
    core.invoke(dtor, [i32(rep)]);
  };
}
