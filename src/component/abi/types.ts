/**
 * The seam between the canonical ABI and the rest of the component runtime (issue #3): resolved
 * component value and function types, canonical options, the narrow access to the core the ABI needs,
 * and the JS representation of handles.
 *
 * Definitions follow Component Model `design/CanonicalABI.md` (sections "Canonical ABI Options",
 * "Lifting and Lowering Context", "Resource State"). Types here are *resolved*: no type indices remain,
 * and resource types are runtime objects whose identity is the type's identity.
 *
 * ## JS value mapping (what `canonLift` takes/returns and what host functions given to `canonLower`
 * receive/return)
 *
 * | component type | JS value |
 * |---|---|
 * | bool | `boolean` |
 * | s8 u8 s16 u16 s32 u32 | `number` (an integer in range) |
 * | s64 u64 | `bigint` (in range) |
 * | f32 f64 | `number`; NaNs leaving the ABI are canonical (`NaN`), f32 values are rounded to f32 |
 * | char | `string` holding exactly one Unicode scalar value |
 * | string | `string` (well-formed: a lone surrogate is an error) |
 * | list<u8> | lifted as a `Uint8Array` (a copy); lowered from a `Uint8Array` or an array of numbers |
 * | list<T> (other T) | `Array` |
 * | record | plain object keyed by the field names exactly as written in WIT (kebab-case) |
 * | tuple | `Array` of the right length |
 * | variant | `{ tag: caseName, val: payload }`; `val` is absent when the case has no payload |
 * | enum | the case name (`string`) |
 * | option<T> | `null` for none, the value of T for some — EXCEPT when T is itself an option, where the
 * |   | outer option is `{ tag: 'none' }` / `{ tag: 'some', val }` (so `option<option<u8>>` keeps both nones apart) |
 * | result<T, E> | `{ tag: 'ok', val }` / `{ tag: 'err', val }`; `val` absent when that side has no type |
 * | flags | object of booleans keyed by flag name; lifted objects have every name; a lowered object may omit names (false) |
 * | own<R> | an `OwnHandle` (moved: lowering it consumes it) |
 * | borrow<R> | a `BorrowHandle` when lifted; lowering accepts a `BorrowHandle` or an `OwnHandle` (lent) |
 *
 * A JS value that does not match its type is the embedder's mistake: `EmbeddingError`. Invalid data
 * produced by guest code (memory contents, core values, handle indices) is a `Trap('host', reason)`.
 */

import type { ExternVal, Value } from '../../core/exec/values.js';
import type { AbiInstance } from './instance.js';

// ---------------------------------------------------------------------------------------------------
// Resolved value and function types

export type CIntKind = 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64';
export type CPrimKind = 'bool' | CIntKind | 'f32' | 'f64' | 'char' | 'string';

export interface CField {
  readonly name: string;
  readonly type: CType;
}

export interface CCase {
  readonly name: string;
  readonly type?: CType;
}

/** A resolved component value type. */
export type CType =
  | { readonly kind: CPrimKind }
  | { readonly kind: 'list'; readonly elem: CType }
  | { readonly kind: 'record'; readonly fields: readonly CField[] }
  | { readonly kind: 'tuple'; readonly types: readonly CType[] }
  | { readonly kind: 'variant'; readonly cases: readonly CCase[] }
  | { readonly kind: 'enum'; readonly names: readonly string[] }
  | { readonly kind: 'option'; readonly type: CType }
  | { readonly kind: 'result'; readonly ok?: CType; readonly err?: CType }
  | { readonly kind: 'flags'; readonly names: readonly string[] }
  | { readonly kind: 'own'; readonly resource: ResourceType }
  | { readonly kind: 'borrow'; readonly resource: ResourceType };

/** A resolved component function type (Explainer: a function has at most one result). */
export interface CFuncType {
  readonly params: readonly CField[];
  readonly result?: CType;
}

// ---------------------------------------------------------------------------------------------------
// Resources and handles

/**
 * A runtime resource type (CanonicalABI.md "Resource State", `ResourceType`). Each `resource`
 * definition evaluated by an instantiation creates a new one; type equality is object identity.
 *
 * `impl` is the ABI state of the component instance that defined it, or `null` for a host-defined
 * resource. `dtor`, if present, is called with the representation when an owning handle is dropped:
 * for a guest resource the instantiation wraps the core destructor function; for a host resource it
 * is the host's callback.
 */
export class ResourceType {
  constructor(
    readonly name: string,
    readonly impl: AbiInstance | null,
    readonly dtor?: (rep: number) => void,
  ) {}
}

/**
 * An owning handle held by JS (the host or a JS-level link between two components). Lowering it into
 * a component transfers ownership: the object is then `consumed` and cannot be used again.
 */
export class OwnHandle {
  /** True once ownership was transferred into a component or the handle was dropped. */
  consumed = false;
  constructor(readonly resource: ResourceType, readonly rep: number) {}
}

/** A borrowed handle held by JS; valid only during the call that passed it. */
export class BorrowHandle {
  constructor(readonly resource: ResourceType, readonly rep: number) {}
}

// ---------------------------------------------------------------------------------------------------
// Access to the core

/**
 * What the ABI needs from the core: calling a core function and viewing a memory. The core `Store`
 * satisfies this interface structurally; an instantiation may wrap it (e.g. to apply fuel limits).
 * `memoryView` must return the current bytes: the ABI fetches it again after every core call, since
 * a call may grow the memory.
 */
export interface CoreAccess {
  invoke(func: ExternVal, args: Value[]): Value[];
  memoryView(memory: ExternVal): Uint8Array;
}

export type StringEncoding = 'utf8' | 'utf16' | 'latin1+utf16';

/** The canonical options (`canonopt`) of one `canon lift` / `canon lower` (sync subset). */
export interface CanonOptions {
  readonly stringEncoding: StringEncoding;
  /** A core memory (ExternVal of kind 'memory'). */
  readonly memory?: ExternVal;
  /** A core function `(func (param i32 i32 i32 i32) (result i32))`. */
  readonly realloc?: ExternVal;
  /** A core function taking the flattened results (only on `canon lift`). */
  readonly postReturn?: ExternVal;
}

/** Everything a `canon lift` / `canon lower` needs at run time besides the function and its type. */
export interface CanonContext {
  readonly core: CoreAccess;
  readonly opts: CanonOptions;
  /** The ABI state of the component instance that contains the `canon` definition. */
  readonly inst: AbiInstance;
}

/**
 * A component-level function as JS sees it: the host's implementation of an import, or (for a
 * component-to-component link) a closure over `canonLift` of the callee. `caller` is the calling
 * component instance (`null` when the host calls); pass it on to `canonLift` so that reentrance is
 * judged as CanonicalABI.md `may_enter_from` says. Returns the result value, or `undefined` when the
 * function type has no result.
 */
export type ComponentFunc = (args: unknown[], caller: AbiInstance | null) => unknown;
