/**
 * The state a store owns (spec 2.0, section 4.2.3): every function, table, memory and global
 * instance, the externref registry, the canonical type ids, the limits and the bytes charged
 * against them. The interpreter and instantiation read and extend it; the public `Store` wraps it.
 */

import { LimitExceeded } from '../errors.js';
import type { Limits } from './limits.js';
import {
  ExternRegistry, FuncInst, GlobalInst, MemInst, PAGE_BYTES, TABLE_ELEMENT_BYTES, TableInst, TypeInterner,
} from './runtime.js';
import { createStack, type StackViews } from './stack.js';

/** Slots of a fresh execution stack; stacks grow (up to `limits.operandStack`) on demand. */
export const INITIAL_STACK_SLOTS = 4096;

export class StoreState {
  readonly funcs: FuncInst[] = [];
  readonly tables: TableInst[] = [];
  readonly mems: MemInst[] = [];
  readonly globals: GlobalInst[] = [];
  readonly types = new TypeInterner();
  readonly externs = new ExternRegistry();
  /** Bytes of all memories and tables, as charged against `limits.memoryBytes`. */
  bytesUsed = 0;
  /** Nesting of executions running at once (a host function may invoke again). */
  activeRuns = 0;
  /**
   * Set by `Store.suspendHostCall()` from inside a host function: the call's results are dropped and
   * the execution pauses *before* the call instruction, so the next `run` repeats the call.
   */
  suspendRequested = false;
  /** Frame-integrity salt: deterministic per store (CFI check 3), mixed into every frame word. */
  readonly frameSalt: number;
  private readonly stackPool: StackViews[] = [];
  private static storeCount = 0;

  constructor(readonly limits: Limits, readonly now: () => number) {
    StoreState.storeCount = (StoreState.storeCount + 1) | 0;
    this.frameSalt = Math.imul(StoreState.storeCount, 0x9e3779b1) ^ 0x5bd1e995;
  }

  /** Charges `bytes` against the memory limit, or throws LimitExceeded('memory') without charging. */
  charge(bytes: number): void {
    if (this.bytesUsed + bytes > this.limits.memoryBytes) {
      throw new LimitExceeded('memory', this.limits.memoryBytes, `${this.bytesUsed + bytes} bytes requested`);
    }
    this.bytesUsed += bytes;
  }

  /** True when `bytes` more would still fit the memory limit (used by memory.grow / table.grow). */
  fits(bytes: number): boolean {
    return this.bytesUsed + bytes <= this.limits.memoryBytes;
  }

  allocTable(elemType: number, min: number, max: number | undefined): number {
    if (min > this.limits.tableElements) {
      throw new LimitExceeded('table', this.limits.tableElements, `table of ${min} elements`);
    }
    this.charge(min * TABLE_ELEMENT_BYTES);
    const elements = new Array<number>(min).fill(-1);
    this.tables.push(new TableInst(elemType, elements, max));
    return this.tables.length - 1;
  }

  allocMemory(min: number, max: number | undefined): number {
    this.charge(min * PAGE_BYTES);
    let mem: MemInst;
    try {
      mem = new MemInst(min, max);
    } catch {
      // The JS engine refused the allocation even though the limit allowed it.
      this.bytesUsed -= min * PAGE_BYTES;
      throw new LimitExceeded('memory', this.limits.memoryBytes, `could not allocate ${min} pages`);
    }
    this.mems.push(mem);
    return this.mems.length - 1;
  }

  /** A stack for a new execution (reused from finished ones). */
  takeStack(): StackViews {
    return this.stackPool.pop() ?? createStack(Math.min(INITIAL_STACK_SLOTS, Math.max(16, this.limits.operandStack)));
  }

  giveBackStack(s: StackViews): void {
    if (this.stackPool.length < 4) this.stackPool.push(s);
  }
}
