/**
 * The lifting and lowering context (CanonicalABI.md "Lifting and Lowering Context"): the canonical
 * options, the component instance, the borrow scope of the call, and checked access to the memory.
 *
 * The memory view is fetched lazily and dropped after every core call (`realloc` may grow the
 * memory, which replaces the underlying buffer).
 */

import type { Value } from '../../core/exec/values.js';
import type { AbiInstance, BorrowScope, LenderSet } from './instance.js';
import { alignTo } from './layout.js';
import { abiTrap } from './trap.js';
import type { CanonContext, CanonOptions, CoreAccess } from './types.js';

export class LiftLowerContext {
  readonly core: CoreAccess;
  readonly opts: CanonOptions;
  readonly inst: AbiInstance;
  /** When lowering into a lifted callee: the callee's borrow scope (spec `Task`). */
  readonly task: BorrowScope | null;
  /** When lifting arguments of a lowered call: the caller's lent handles (spec `Subtask`). */
  readonly lenders: LenderSet | null;
  private view: Uint8Array | null = null;
  private dataView: DataView | null = null;

  constructor(cx: CanonContext, task: BorrowScope | null, lenders: LenderSet | null) {
    this.core = cx.core;
    this.opts = cx.opts;
    this.inst = cx.inst;
    this.task = task;
    this.lenders = lenders;
  }

  /** The current bytes of the `memory` option; traps if the option is missing. */
  mem(): Uint8Array {
    if (this.view === null) {
      const m = this.opts.memory;
      if (m === undefined) throw abiTrap('canonical ABI needs linear memory but no `memory` option was given');
      this.view = this.core.memoryView(m);
    }
    return this.view;
  }

  /** A little-endian DataView over the current memory. */
  dv(): DataView {
    const m = this.mem();
    if (this.dataView === null || this.dataView.buffer !== m.buffer || this.dataView.byteLength !== m.byteLength) {
      this.dataView = new DataView(m.buffer, m.byteOffset, m.byteLength);
    }
    return this.dataView;
  }

  /** Forgets the cached memory view (call after any core call). */
  invalidate(): void {
    this.view = null;
    this.dataView = null;
  }

  /**
   * Checks that [ptr, ptr+length) is aligned and inside the memory, in the spec's order (alignment
   * first). `what` names the checked thing in the trap reason.
   */
  checkRange(ptr: number, length: number, align: number, what: string): void {
    if (ptr !== alignTo(ptr, align)) throw abiTrap(`unaligned pointer: ${what} at ${ptr} is not ${align}-byte aligned`);
    const size = this.mem().length;
    if (ptr + length > size) {
      throw abiTrap(`${what} out-of-bounds: pointer ${ptr} + length ${length} is beyond the end of memory (${size} bytes)`);
    }
  }

  /**
   * Spec `LiftLowerContext.reallocate`: calls the `realloc` option with `may_leave` cleared, then
   * checks the returned pointer's alignment and bounds against `newSize`.
   */
  reallocate(old: number, oldSize: number, align: number, newSize: number, what = 'allocation'): number {
    const realloc = this.opts.realloc;
    if (realloc === undefined) throw abiTrap('canonical ABI needs to allocate but no `realloc` option was given');
    const inst = this.inst;
    const saved = inst.mayLeave;
    inst.mayLeave = false;
    inst.beginThread(); // realloc runs in a fresh thread (context.get returns 0 on entry)
    let results: Value[];
    try {
      results = this.core.invoke(realloc, [i32(old), i32(oldSize), i32(align), i32(newSize)]);
    } finally {
      inst.endThread();
      inst.mayLeave = saved;
      this.invalidate();
    }
    const r = results[0];
    if (results.length !== 1 || r === undefined || r.type !== 'i32') throw abiTrap('realloc return: expected one i32 result');
    const ptr = r.value >>> 0;
    // The reasons name both the realloc failure and the resulting bad pointer (the Component Model
    // tests use either wording, depending on whether the host or another component lowers).
    if (ptr !== alignTo(ptr, align)) {
      throw abiTrap(`realloc return: result not aligned: unaligned pointer (${what} at ${ptr} is not ${align}-byte aligned)`);
    }
    const size = this.mem().length;
    if (ptr + newSize > size) {
      throw abiTrap(`realloc return: beyond end of memory: ${what} out-of-bounds (pointer ${ptr} + ${newSize} bytes > ${size} bytes)`);
    }
    return ptr;
  }

  /** Spec `LiftLowerContext.allocate`; `what` names the allocation in trap reasons. */
  allocate(align: number, size: number, what = 'allocation'): number {
    return this.reallocate(0, 0, align, size, what);
  }
}

/** An i32 core value from an unsigned or signed 32-bit integer. */
export function i32(v: number): Value {
  return { type: 'i32', value: v | 0 };
}
