/**
 * The per-component-instance state of the canonical ABI for synchronous calls (CanonicalABI.md
 * "Component Instances", "Table State", "Resource State", and the `num_borrows` / `lenders`
 * bookkeeping of "Tasks" and "Subtask State").
 *
 * Only the synchronous subset is modelled: a sync call never blocks, so a component instance runs at
 * most one task at a time and a plain JS call stack implements the spec's threads.
 */

import { abiTrap } from './trap.js';
import type { ResourceType } from './types.js';

/** An element of the `handles` table (spec `ResourceHandle`). */
export class ResourceHandle {
  /** Live borrows lent from this handle to calls in progress (spec `num_lends`). */
  numLends = 0;
  constructor(
    readonly rt: ResourceType,
    readonly rep: number,
    readonly own: boolean,
    /** For a borrow handle: the call whose end it must not outlive (spec `borrow_scope`). */
    readonly borrowScope: BorrowScope | null = null,
  ) {}
}

/**
 * The borrow scope of one lifted call (the part of spec `Task` the sync ABI needs): the number of
 * borrow handles lowered into the callee's table that the callee has not dropped yet.
 */
export class BorrowScope {
  numBorrows = 0;
}

/**
 * The lenders of one lowered call (the part of spec `Subtask` the sync ABI needs): the caller's
 * handles lent as `borrow` arguments, whose `numLends` is released when the call returns.
 */
export class LenderSet {
  readonly lenders: ResourceHandle[] = [];

  add(h: ResourceHandle): void {
    h.numLends++;
    this.lenders.push(h);
  }

  /** Spec `Subtask.deliver_resolve`: all lent handles are returned to the caller. */
  release(): void {
    for (const h of this.lenders) h.numLends--;
    this.lenders.length = 0;
  }
}

/** Number of `context.get`/`context.set` slots per thread (spec `Thread.CONTEXT_LENGTH`). */
export const CONTEXT_SLOTS = 2;

/** Spec `Table.MAX_LENGTH`: keeps the high 4 bits of an index free for guest use. */
export const MAX_TABLE_LENGTH = 2 ** 28 - 1;

/**
 * The `handles` table (spec `Table`): index 0 is reserved, freed indices are reused last-in first-out
 * (the order is normative: guests may rely on exact indices).
 */
export class HandleTable {
  private readonly array: (ResourceHandle | null)[] = [null];
  private readonly free: number[] = [];

  /** Number of live entries (for diagnostics and tests). */
  get size(): number {
    return this.array.length - 1 - this.free.length;
  }

  /** The entry at `i` (an unsigned 32-bit index); traps on a hole or an index never allocated. */
  get(i: number): ResourceHandle {
    const e = i < this.array.length ? this.array[i] : null;
    if (e === null || e === undefined) throw abiTrap(`unknown handle index ${i >>> 0}`);
    return e;
  }

  add(h: ResourceHandle): number {
    const reused = this.free.pop();
    if (reused !== undefined) {
      this.array[reused] = h;
      return reused;
    }
    const i = this.array.length;
    if (i > MAX_TABLE_LENGTH) throw abiTrap('handle table full');
    this.array.push(h);
    return i;
  }

  remove(i: number): ResourceHandle {
    const h = this.get(i);
    this.array[i] = null;
    this.free.push(i);
    return h;
  }
}

/**
 * The ABI state of one component instance (spec `ComponentInstance`, sync subset). The instantiation
 * layer creates one per component instance, with the instance's parent (`null` for an instance the
 * host created), and passes it in every `CanonContext`.
 */
export class AbiInstance {
  readonly handles = new HandleTable();
  /** False while a call is executing inside this instance (Component Invariant #2). */
  mayEnter = true;
  /** False while `realloc` or `post-return` runs: the guest may not call out then. */
  mayLeave = true;
  /**
   * Why the instance is locked down, or null. Explainer.md "Component Invariants" #1: a trap sets the
   * instance's lockdown state, and no call may enter it afterwards (its state may be corrupt).
   */
  lockdown: string | null = null;
  /**
   * The thread-local storage (`context.get`/`context.set`, 2 slots) of the threads running in this
   * instance, innermost last. A sync call cannot block, so the instance's running threads nest: each
   * lifted call, realloc call and destructor call runs in a fresh thread whose storage starts at 0.
   * The bottom entry serves code run outside any call (e.g. a core start function).
   */
  private readonly storage: Int32Array[] = [new Int32Array(CONTEXT_SLOTS)];

  constructor(
    readonly parent: AbiInstance | null = null,
    /** A name for diagnostics. */
    readonly name = '',
  ) {}

  /** Spec `self_and_ancestors`. */
  selfAndAncestors(): AbiInstance[] {
    const s: AbiInstance[] = [];
    for (let i: AbiInstance | null = this; i !== null; i = i.parent) s.push(i);
    return s;
  }

  /**
   * Spec `entering_set`: the instances entered by a call from `caller` (null = the host) into this
   * instance; instances the caller is already inside (itself and its ancestors) are not re-entered.
   */
  enteringSet(caller: AbiInstance | null): AbiInstance[] {
    const mine = this.selfAndAncestors();
    if (caller === null) return mine;
    const theirs = caller.selfAndAncestors();
    return mine.filter((i) => !theirs.includes(i));
  }

  mayEnterFrom(caller: AbiInstance | null): boolean {
    return this.enteringSet(caller).every((i) => i.mayEnter);
  }

  /** Traps unless the call may enter, then marks the entered instances; returns them for `leave`. */
  enterFrom(caller: AbiInstance | null): AbiInstance[] {
    const set = this.enteringSet(caller);
    for (const i of set) {
      if (i.lockdown !== null) throw abiTrap(`cannot enter component instance${i.name ? ` ${i.name}` : ''}: it is locked down after a trap (${i.lockdown})`);
      if (!i.mayEnter) throw abiTrap(`cannot enter component instance${i.name ? ` ${i.name}` : ''}: it is already running a call (reentrance)`);
    }
    for (const i of set) i.mayEnter = false;
    return set;
  }

  /** Spec `leave_to`, for the set `enterFrom` returned. */
  static leave(set: readonly AbiInstance[]): void {
    for (const i of set) i.mayEnter = true;
  }

  /** Locks the instance down after `e` ended a call into it (kept: the first reason). */
  lockDown(e: unknown): void {
    this.lockdown ??= e instanceof Error ? e.message : String(e);
  }

  /** Starts a thread in this instance (zeroed storage); pair with `endThread`. */
  beginThread(): void {
    this.storage.push(new Int32Array(CONTEXT_SLOTS));
  }

  endThread(): void {
    if (this.storage.length > 1) this.storage.pop();
  }

  /** The storage of the thread currently running in this instance. */
  currentStorage(): Int32Array {
    return this.storage[this.storage.length - 1]!;
  }

  /** Traps when the guest may not call out of this instance now (inside realloc or post-return). */
  checkMayLeave(): void {
    if (!this.mayLeave) throw abiTrap('cannot leave component instance (calls out are not allowed during realloc or post-return)');
  }
}
