/**
 * The runtime objects a store owns (spec 2.0, section 4.2): function, table, memory and global
 * instances, and module instances. Each is a class with a fixed shape so the interpreter's property
 * loads stay monomorphic. Addresses are indices into the store's arrays.
 */

import type { FuncType, GlobalType, TableType, ValType } from '../binary/module.js';
import type { CompiledFunction, ValidatedModule } from '../validate/compiled.js';
import { segmentCosts } from './segments.js';
import type { Value } from './values.js';

/** Bytes of one memory page. */
export const PAGE_BYTES = 65536;
/** The most pages a 32-bit memory can have. */
export const MAX_PAGES = 65536;
/** Bytes a table element is charged against `limits.memoryBytes`. */
export const TABLE_ELEMENT_BYTES = 8;

/** `FuncInst.cost` of a function that has not run yet (a wasm function's code is never empty). */
const NOT_LOADED = new Int32Array(0);

/** A host function: called synchronously with typed values, returns typed values. */
export type HostImpl = (args: Value[]) => Value[];

/**
 * A function instance. Wasm functions carry their compiled body and owning instance; host functions
 * carry `host`. Both carry the canonical type id that `call_indirect` compares.
 */
export class FuncInst {
  readonly isHost: boolean;
  readonly nparams: number;
  readonly nresults: number;
  readonly code: Int32Array;
  readonly side: Int32Array;
  readonly labels: Uint8Array;
  readonly labelHeights: Int32Array;
  readonly numLocals: number;
  readonly maxHeight: number;
  readonly localIsRef: Uint8Array;
  /**
   * The fuel cost of entering the code at each instruction start (segments.ts); empty until the
   * function first runs in the interpreter (`loadCost`): most functions of a large module never do.
   */
  cost: Int32Array = NOT_LOADED;

  constructor(
    readonly type: FuncType,
    readonly typeId: number,
    /** Owning module instance (null for host functions). */
    readonly inst: ModuleInst | null,
    readonly compiled: CompiledFunction | null,
    readonly host: HostImpl | null,
  ) {
    this.isHost = host !== null;
    this.nparams = type.params.length;
    this.nresults = type.results.length;
    if (compiled !== null) {
      this.code = compiled.code;
      this.side = compiled.side;
      this.labels = compiled.labels;
      this.labelHeights = compiled.labelHeights;
      this.numLocals = compiled.numLocals;
      this.maxHeight = Math.max(compiled.maxHeight, compiled.numLocals, this.nresults);
      this.localIsRef = compiled.localIsRef;
    } else {
      this.code = new Int32Array(0);
      this.side = new Int32Array(0);
      this.labels = new Uint8Array(0);
      this.labelHeights = new Int32Array(0);
      this.numLocals = this.nparams;
      this.maxHeight = Math.max(this.nparams, this.nresults);
      this.localIsRef = new Uint8Array(0);
    }
  }

  /** Computes (or takes from the module's cache) `cost` of a wasm function. */
  loadCost(): Int32Array {
    this.cost = segmentCosts(this.compiled!);
    return this.cost;
  }
}

/** A table: references as int32 (function addresses or extern handles), -1 is null. */
export class TableInst {
  constructor(
    readonly elemType: ValType,
    /** The elements; grown in place so every instance sharing the table sees the growth. */
    readonly elements: number[],
    /** Maximum size, or undefined for none. */
    readonly max: number | undefined,
  ) {}
}

/**
 * A linear memory. Growing allocates a new buffer and copies; the fields are replaced on this same
 * object, so every instance that imported it sees the new buffer.
 */
export class MemInst {
  buffer: ArrayBuffer;
  dv: DataView;
  u8: Uint8Array;
  pages: number;
  constructor(pages: number, readonly max: number | undefined) {
    this.pages = pages;
    this.buffer = new ArrayBuffer(pages * PAGE_BYTES);
    this.dv = new DataView(this.buffer);
    this.u8 = new Uint8Array(this.buffer);
  }

  /** Replaces the buffer by a larger copy. The caller has checked every limit. */
  growTo(pages: number): void {
    const buffer = new ArrayBuffer(pages * PAGE_BYTES);
    const u8 = new Uint8Array(buffer);
    u8.set(this.u8);
    this.buffer = buffer;
    this.u8 = u8;
    this.dv = new DataView(buffer);
    this.pages = pages;
  }
}

/** A global: its value is one 16-byte slot seen as four int32 words (same layout as a stack slot). */
export class GlobalInst {
  readonly words = new Int32Array(4);
  constructor(readonly type: GlobalType) {}
}

/** A module instance: the module's index spaces resolved to store objects. */
export class ModuleInst {
  /** Function addresses, by function index. */
  readonly funcAddrs: number[] = [];
  readonly tables: TableInst[] = [];
  readonly tableAddrs: number[] = [];
  readonly mems: MemInst[] = [];
  readonly memAddrs: number[] = [];
  readonly globals: GlobalInst[] = [];
  readonly globalAddrs: number[] = [];
  /** Canonical type id of each type index, for `call_indirect`. */
  typeIds: Int32Array = new Int32Array(0);
  /** Element segments as resolved references; a dropped segment is empty. */
  readonly elems: number[][] = [];
  /** Data segments; a dropped segment is empty. */
  readonly datas: Uint8Array[] = [];
  constructor(readonly module: ValidatedModule) {}
}

/** Structural interning of function types: equal types get equal ids. */
export class TypeInterner {
  private readonly ids = new Map<string, number>();
  intern(t: FuncType): number {
    const key = t.params.join(',') + ':' + t.results.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
}

/**
 * First externref handle. Handles live in a range disjoint from function addresses (a store never
 * holds 2^30 functions), so an extern handle found in a funcref table is caught by CFI check 2
 * instead of being called.
 */
export const EXTERN_HANDLE_BASE = 0x40000000;

/** Host values behind `externref`: each distinct JS value gets one int32 handle. */
export class ExternRegistry {
  private readonly handles = new Map<unknown, number>();
  private readonly values: unknown[] = [];
  /** The handle of `v`; `null` (and `undefined`) is the null reference. */
  toHandle(v: unknown): number {
    if (v === null || v === undefined) return -1;
    let h = this.handles.get(v);
    if (h === undefined) {
      h = EXTERN_HANDLE_BASE + this.values.length;
      this.values.push(v);
      this.handles.set(v, h);
    }
    return h;
  }
  fromHandle(h: number): unknown {
    const i = h - EXTERN_HANDLE_BASE;
    return i < 0 || i >= this.values.length ? null : this.values[i];
  }
}
