/**
 * The decoded module: plain data produced by the decoder and consumed by the validator.
 *
 * Nothing here has been validated yet; indices may be out of range and types may not match.
 * Every structure remembers the byte offset it was decoded from, for diagnostics.
 */

import type { InstrCursor } from './instructions.js';

/** A value type, encoded as its binary type byte so that decoding needs no mapping. */
export type ValType = number;

/** The value-type bytes of WebAssembly 2.0. */
export const ValType = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
} as const;

/** True for the two reference types of WebAssembly 2.0. */
export function isRefType(t: ValType): boolean {
  return t === ValType.funcref || t === ValType.externref;
}

/** The text-format name of a value type, for messages. */
export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.i32: return 'i32';
    case ValType.i64: return 'i64';
    case ValType.f32: return 'f32';
    case ValType.f64: return 'f64';
    case ValType.v128: return 'v128';
    case ValType.funcref: return 'funcref';
    case ValType.externref: return 'externref';
    default: return `type(0x${t.toString(16)})`;
  }
}

/** A function type: parameter and result value types (spec 2.3.5). */
export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** Size limits of a memory (in 64 KiB pages) or a table (in elements). */
export interface SizeLimits {
  readonly min: number;
  readonly max?: number;
}

/** A table type: element reference type and size limits in elements (spec 2.3.9). */
export interface TableType {
  readonly elemType: ValType;
  readonly limits: SizeLimits;
}

/** A memory type: size limits in 64 KiB pages (spec 2.3.8). */
export interface MemType {
  readonly limits: SizeLimits;
}

/** A global type: value type and mutability (spec 2.3.10). */
export interface GlobalType {
  readonly valType: ValType;
  readonly mutable: boolean;
}

/** The kind of an import or export. */
export type ExternKind = 'func' | 'table' | 'memory' | 'global';

/** What an import expects: a function of a type index, or a table, memory or global of a type. */
export type ImportDesc =
  | { readonly kind: 'func'; readonly typeIndex: number }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemType }
  | { readonly kind: 'global'; readonly type: GlobalType };

/** One import of a module: module name, field name, description and its byte offset. */
export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
  readonly offset: number;
}

/** One export of a module: name, kind and index in that kind's index space. */
export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
  readonly offset: number;
}

/**
 * One decoded instruction. The opcode is normalized (see `normalizeOpcode` in `opcodes.ts`):
 * single-byte opcodes keep their value, `0xFC n` becomes `0x100 + n`, `0xFD n` becomes `0x200 + n`.
 *
 * Immediates, by instruction:
 * - block/loop/if: `a` = block type as the signed s33 read from the binary: `-64` (0x40) empty,
 *   another negative value = a value type (`a & 0x7f` is its byte), `a >= 0` = a type index.
 * - br/br_if: `a` = label. br_table: `targets` = labels, `a` = default label.
 * - call: `a` = function index. call_indirect: `a` = type index, `b` = table index.
 * - select with types: `types`. local.*, global.*: `a` = index. table.get/set/grow/size/fill: `a` = table.
 * - loads/stores (also SIMD): `a` = alignment exponent, `b` = offset (unsigned, up to 2^32-1),
 *   SIMD lane loads/stores: `c` = lane.
 * - memory.size/grow: `a` = memory index (0).
 * - i32.const: `a` = value (int32). i64.const: `big` = value (signed 64-bit).
 *   f32.const: `a` = raw bits (int32). f64.const: `a` = low 32 bits, `b` = high 32 bits (int32 each).
 * - ref.null: `a` = heap type byte (0x70 func, 0x6f extern). ref.func: `a` = function index.
 * - memory.init: `a` = data index, `b` = memory. data.drop: `a` = data index.
 *   memory.copy: `a` = destination memory, `b` = source memory. memory.fill: `a` = memory.
 * - table.init: `a` = element index, `b` = table. elem.drop: `a` = element index.
 *   table.copy: `a` = destination table, `b` = source table.
 * - v128.const: `bytes` = 16 bytes. i8x16.shuffle: `bytes` = 16 lane indices.
 *   extract_lane/replace_lane: `a` = lane.
 * Unused immediates are 0.
 */
export interface Instr {
  readonly op: number;
  readonly offset: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly big?: bigint;
  readonly bytes?: Uint8Array;
  readonly targets?: readonly number[];
  readonly types?: readonly ValType[];
}

/** A constant expression (global initializers, segment offsets and element items), ending before `end`. */
export type ConstExpr = readonly Instr[];

/** A global defined by the module: its type and constant initializer. */
export interface Global {
  readonly type: GlobalType;
  readonly init: ConstExpr;
  readonly offset: number;
}

/** How an element segment is used (spec 2.5.7). */
export type ElemMode = 'active' | 'passive' | 'declarative';

/** An element segment (spec 2.5.7). */
export interface Elem {
  readonly mode: ElemMode;
  /** Table index for active segments (0 otherwise). */
  readonly table: number;
  /** Offset expression for active segments. */
  readonly offsetExpr?: ConstExpr;
  readonly elemType: ValType;
  /** One constant expression per element (function indices are decoded as `ref.func` expressions). */
  readonly init: readonly ConstExpr[];
  readonly offset: number;
}

/** A data segment (spec 2.5.8). */
export interface Data {
  readonly mode: 'active' | 'passive';
  readonly memory: number;
  readonly offsetExpr?: ConstExpr;
  readonly bytes: Uint8Array;
  readonly offset: number;
}

/** A run of locals of one type, as written in the binary (counts are not expanded). */
export interface LocalRun {
  readonly count: number;
  readonly type: ValType;
}

/** A function body as decoded: its locals and its (lazily materialized) code. */
export interface FuncBody {
  readonly locals: readonly LocalRun[];
  /**
   * The instructions, including the final `end`. The decoder checks every body fully but materializes
   * the instructions on each read of this property (a getter, fresh array each time): read it once per use.
   */
  readonly body: readonly Instr[];
  /** Byte offset of the body's size field. */
  readonly offset: number;
  /**
   * Decoded bodies only: reads the same instructions one at a time, each into the cursor passed to
   * `next` (false after the final `end`), without materializing them. The validator uses it.
   */
  readonly stream?: () => { next(into: InstrCursor): boolean };
}

/** A custom section: its name and raw bytes. */
export interface CustomSection {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly offset: number;
}

/** A decoded (not yet validated) module: every section's contents. */
export interface Module {
  readonly types: readonly FuncType[];
  readonly imports: readonly Import[];
  /** Type index of each function defined in the module (not imported). */
  readonly funcs: readonly number[];
  readonly tables: readonly TableType[];
  readonly memories: readonly MemType[];
  readonly globals: readonly Global[];
  readonly exports: readonly Export[];
  readonly start?: number;
  readonly elems: readonly Elem[];
  readonly datas: readonly Data[];
  /** Present when the module has a data count section. */
  readonly dataCount?: number;
  /** One body per defined function, in order. */
  readonly codes: readonly FuncBody[];
  readonly customs: readonly CustomSection[];
}
