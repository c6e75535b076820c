/**
 * The decoded component: plain data produced by the component decoder (Component Model Binary.md,
 * layer 1, version 0x0d) and consumed by the later layers (types, canonical ABI, instantiation).
 *
 * Nothing here has been validated: indices may be out of range, names may not be kebab-case and sorts
 * may not fit where they are used. Index spaces are built in definition order, so the definitions of
 * all sections are kept as one flat list in binary order (the spec's `flatten(s*)`), each with the byte
 * offset it was decoded from, for diagnostics.
 *
 * Core module bytes are kept undecoded (a copy, so later mutation of the input cannot change them);
 * the core `load()` decodes and validates them when the component is instantiated.
 */

import type { FuncType as CoreFuncType, ImportDesc as CoreExternDesc, ValType as CoreValType } from '../../core/binary/module.js';

export type { CoreFuncType, CoreExternDesc, CoreValType };

// ---------------------------------------------------------------------------------------------------
// Sorts and names

/** core:sort (Binary.md "Instance Definitions"); the bytes match the core externtype opcodes. */
export type CoreSort = 'func' | 'table' | 'memory' | 'global' | 'tag' | 'type' | 'module' | 'instance';

/**
 * sort: a core sort (written `core <sort>`) or a component sort. The `value` sort (🪙) is rejected by
 * the decoder as unsupported, so it does not appear here.
 */
export type Sort = `core ${CoreSort}` | 'func' | 'type' | 'component' | 'instance';

/** The sorts an outer alias may name (Binary.md `outeraliassort`). */
export type OuterAliasSort = 'core module' | 'core type' | 'type' | 'component';

/** core:sortidx. */
export interface CoreSortIdx {
  readonly sort: CoreSort;
  readonly index: number;
}

/** sortidx. */
export interface SortIdx {
  readonly sort: Sort;
  readonly index: number;
}

/** An attribute of an import/export name (the 0x02 form of `nameattributes`). */
export type NameAttribute =
  | { readonly kind: 'implements'; readonly interfaceName: string }
  | { readonly kind: 'versionsuffix'; readonly suffix: string }
  | { readonly kind: 'external-id'; readonly id: string };

/**
 * nameattributes: an extern name (a plain kebab name like `run`, an interface name like
 * `wasi:mcp/handlers@0.1.0`, an annotated name like `[method]r.m`, ...) as written in the binary.
 * `form` is the leading byte: 0x00 and 0x01 are the two (equivalent) plain forms, 0x02 carries
 * attributes. The name's syntax is checked by validation, not here (see `classifyExternName`).
 */
export interface ExternName {
  readonly name: string;
  readonly form: 0 | 1 | 2;
  readonly attributes: readonly NameAttribute[];
}

// ---------------------------------------------------------------------------------------------------
// Value and defined types

/** primvaltype. `error-context` (📝) is rejected by the decoder as unsupported. */
export type PrimValType =
  | 'bool' | 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64' | 'f32' | 'f64' | 'char' | 'string';

/** valtype: a primitive type, or (a number) an index into the type index space. */
export type ValType = PrimValType | number;

export interface LabeledValType {
  readonly label: string;
  readonly type: ValType;
}

export interface VariantCase {
  readonly label: string;
  readonly type?: ValType;
}

/** defvaltype. Fixed-length lists (🔧) are rejected by the decoder as unsupported. */
export type DefValType =
  | { readonly kind: 'primitive'; readonly type: PrimValType }
  | { readonly kind: 'record'; readonly fields: readonly LabeledValType[] }
  | { readonly kind: 'variant'; readonly cases: readonly VariantCase[] }
  | { readonly kind: 'list'; readonly element: ValType }
  | { readonly kind: 'tuple'; readonly types: readonly ValType[] }
  | { readonly kind: 'flags'; readonly labels: readonly string[] }
  | { readonly kind: 'enum'; readonly labels: readonly string[] }
  | { readonly kind: 'option'; readonly type: ValType }
  | { readonly kind: 'result'; readonly ok?: ValType; readonly error?: ValType }
  | { readonly kind: 'own'; readonly typeIndex: number }
  | { readonly kind: 'borrow'; readonly typeIndex: number }
  | { readonly kind: 'stream'; readonly element?: ValType }
  | { readonly kind: 'future'; readonly element?: ValType }
  | { readonly kind: 'map'; readonly key: ValType; readonly value: ValType };

/** functype: `(func async? (param ...)* (result t)?)`. */
export interface FuncType {
  readonly kind: 'func';
  readonly async: boolean;
  readonly params: readonly LabeledValType[];
  readonly result?: ValType;
}

/** resourcetype: `(resource (rep t) (dtor f)?)`; `rep` is a core value type byte (0x7f = i32). */
export interface ResourceType {
  readonly kind: 'resource';
  readonly rep: CoreValType;
  readonly dtor?: number;
}

export interface ComponentType {
  readonly kind: 'component';
  readonly decls: readonly ComponentDecl[];
}

export interface InstanceType {
  readonly kind: 'instance';
  readonly decls: readonly InstanceDecl[];
}

/** deftype. */
export type DefType = DefValType | FuncType | ComponentType | InstanceType | ResourceType;

/** typebound. */
export type TypeBound = { readonly kind: 'eq'; readonly typeIndex: number } | { readonly kind: 'sub-resource' };

/** externtype. The `value` case (🪙) is rejected by the decoder as unsupported. */
export type ExternType =
  | { readonly kind: 'core module'; readonly typeIndex: number }
  | { readonly kind: 'func'; readonly typeIndex: number }
  | { readonly kind: 'type'; readonly bound: TypeBound }
  | { readonly kind: 'component'; readonly typeIndex: number }
  | { readonly kind: 'instance'; readonly typeIndex: number };

/** instancedecl. */
export type InstanceDecl =
  | { readonly kind: 'core type'; readonly type: CoreType; readonly offset: number }
  | { readonly kind: 'type'; readonly type: DefType; readonly offset: number }
  | { readonly kind: 'alias'; readonly alias: Alias; readonly offset: number }
  | { readonly kind: 'export'; readonly name: ExternName; readonly type: ExternType; readonly offset: number };

/** componentdecl: an instancedecl or an import declaration. */
export type ComponentDecl =
  | InstanceDecl
  | { readonly kind: 'import'; readonly name: ExternName; readonly type: ExternType; readonly offset: number };

// ---------------------------------------------------------------------------------------------------
// Core types

/** core:moduledecl. */
export type CoreModuleDecl =
  | { readonly kind: 'import'; readonly module: string; readonly name: string; readonly desc: CoreExternDesc; readonly offset: number }
  | { readonly kind: 'type'; readonly type: CoreType; readonly offset: number }
  | { readonly kind: 'alias'; readonly count: number; readonly index: number; readonly offset: number }
  | { readonly kind: 'export'; readonly name: string; readonly desc: CoreExternDesc; readonly offset: number };

/**
 * core:type. Only the WebAssembly 2.0 function type and the module type are supported; the
 * WebAssembly 3.0 (GC) forms (rec, sub, struct, array) are rejected by the decoder as unsupported.
 */
export type CoreType =
  | { readonly kind: 'func'; readonly type: CoreFuncType }
  | { readonly kind: 'module'; readonly decls: readonly CoreModuleDecl[] };

// ---------------------------------------------------------------------------------------------------
// Definitions

export type CoreInstanceExpr =
  | {
      readonly kind: 'instantiate';
      readonly moduleIndex: number;
      /** `(with name (instance i))`: the only argument sort of the current binary format. */
      readonly args: readonly { readonly name: string; readonly instanceIndex: number }[];
    }
  | { readonly kind: 'exports'; readonly exports: readonly { readonly name: string; readonly sortIdx: CoreSortIdx }[] };

export type InstanceExpr =
  | {
      readonly kind: 'instantiate';
      readonly componentIndex: number;
      readonly args: readonly { readonly name: string; readonly sortIdx: SortIdx }[];
    }
  | { readonly kind: 'exports'; readonly exports: readonly { readonly name: ExternName; readonly sortIdx: SortIdx }[] };

/** alias. */
export type Alias =
  | { readonly kind: 'export'; readonly sort: Sort; readonly instanceIndex: number; readonly name: string }
  | { readonly kind: 'core export'; readonly sort: Sort; readonly instanceIndex: number; readonly name: string }
  | { readonly kind: 'outer'; readonly sort: OuterAliasSort; readonly count: number; readonly index: number };

/** canonopt. A missing string-encoding means utf8. */
export type CanonOpt =
  | { readonly kind: 'string-encoding'; readonly encoding: 'utf8' | 'utf16' | 'latin1+utf16' }
  | { readonly kind: 'memory'; readonly index: number }
  | { readonly kind: 'realloc'; readonly index: number }
  | { readonly kind: 'post-return'; readonly index: number }
  | { readonly kind: 'async' }
  | { readonly kind: 'callback'; readonly index: number };

/** Built-ins with no immediate (all 🔀 async). */
export type PlainAsyncBuiltin =
  | 'backpressure.inc' | 'backpressure.dec' | 'task.cancel' | 'subtask.drop'
  | 'waitable-set.new' | 'waitable-set.drop' | 'waitable.join';

/** Stream/future built-ins whose only immediate is the type index (🔀). */
export type TypedAsyncBuiltin =
  | 'stream.new' | 'stream.drop-readable' | 'stream.drop-writable'
  | 'future.new' | 'future.drop-readable' | 'future.drop-writable';

/** Stream/future built-ins with a type index and canonical options (🔀). */
export type CopyAsyncBuiltin = 'stream.read' | 'stream.write' | 'future.read' | 'future.write';

/** Stream/future built-ins with a type index and an `async?` flag (🔀). */
export type CancelAsyncBuiltin = 'stream.cancel-read' | 'stream.cancel-write' | 'future.cancel-read' | 'future.cancel-write';

/**
 * canon. The 🔀 async built-ins are decoded (they are part of the shipped binary format) so that a
 * later layer can name them in its diagnostics; this runtime does not execute them. The 📝
 * error-context and 🧵 threading built-ins are rejected by the decoder as unsupported.
 */
export type Canon =
  | { readonly kind: 'lift'; readonly coreFuncIndex: number; readonly options: readonly CanonOpt[]; readonly typeIndex: number }
  | { readonly kind: 'lower'; readonly funcIndex: number; readonly options: readonly CanonOpt[] }
  | { readonly kind: 'resource.new' | 'resource.drop' | 'resource.rep'; readonly typeIndex: number }
  | { readonly kind: PlainAsyncBuiltin }
  | { readonly kind: 'task.return'; readonly result?: ValType; readonly options: readonly CanonOpt[] }
  | { readonly kind: 'context.get' | 'context.set'; readonly valType: CoreValType; readonly index: number }
  | { readonly kind: 'subtask.cancel'; readonly async: boolean }
  | { readonly kind: TypedAsyncBuiltin; readonly typeIndex: number }
  | { readonly kind: CopyAsyncBuiltin; readonly typeIndex: number; readonly options: readonly CanonOpt[] }
  | { readonly kind: CancelAsyncBuiltin; readonly typeIndex: number; readonly async: boolean }
  | { readonly kind: 'waitable-set.wait' | 'waitable-set.poll'; readonly cancellable: boolean; readonly memoryIndex: number }
  | { readonly kind: 'thread.yield'; readonly cancellable: boolean };

/** start (🪙): decoded, but value definitions are unsupported, so only `args` = [] is usable. */
export interface Start {
  readonly funcIndex: number;
  readonly args: readonly number[];
  readonly results: number;
}

export interface Import {
  readonly name: ExternName;
  readonly type: ExternType;
}

export interface Export {
  readonly name: ExternName;
  readonly sortIdx: SortIdx;
  /** The optional ascribed type. */
  readonly type?: ExternType;
}

/** One definition of a component, in binary order. */
export type Definition =
  | { readonly kind: 'core module'; readonly bytes: Uint8Array; readonly offset: number }
  | { readonly kind: 'core instance'; readonly instance: CoreInstanceExpr; readonly offset: number }
  | { readonly kind: 'core type'; readonly type: CoreType; readonly offset: number }
  | { readonly kind: 'component'; readonly component: Component; readonly offset: number }
  | { readonly kind: 'instance'; readonly instance: InstanceExpr; readonly offset: number }
  | { readonly kind: 'alias'; readonly alias: Alias; readonly offset: number }
  | { readonly kind: 'type'; readonly type: DefType; readonly offset: number }
  | { readonly kind: 'canon'; readonly canon: Canon; readonly offset: number }
  | { readonly kind: 'start'; readonly start: Start; readonly offset: number }
  | { readonly kind: 'import'; readonly import: Import; readonly offset: number }
  | { readonly kind: 'export'; readonly export: Export; readonly offset: number };

// ---------------------------------------------------------------------------------------------------
// Custom sections and the component name section

export interface CustomSection {
  readonly name: string;
  /** The section's payload after the name (a copy). */
  readonly bytes: Uint8Array;
  readonly offset: number;
}

export interface NameAssoc {
  readonly index: number;
  readonly name: string;
}

/** The decoded `component-name` custom section (Binary.md "Name Section"). */
export interface ComponentNames {
  readonly component?: string;
  readonly sorts: readonly { readonly sort: Sort; readonly names: readonly NameAssoc[] }[];
}

/** A decoded component (or nested component). */
export interface Component {
  readonly definitions: readonly Definition[];
  readonly customSections: readonly CustomSection[];
  /**
   * The first well-formed `component-name` section, if any. Like core name sections, a malformed
   * one does not make the component malformed; it is kept only as a custom section.
   */
  readonly names?: ComponentNames;
  /** Byte offset of the preamble (0 for the outermost component). */
  readonly offset: number;
}
