/**
 * Static properties of value types: alignment, element size, discriminant size and flattening
 * (CanonicalABI.md "Despecialization", "Alignment", "Element Size", "Flattening"). Memories are
 * 32-bit (WebAssembly 2.0), so pointers are i32 and 4 bytes.
 *
 * Results are cached per type object (types are immutable), so calls in hot paths cost a map lookup.
 */

import { ValType } from '../../core/binary/module.js';
import type { FuncType as CoreFuncType } from '../../core/binary/module.js';
import { EmbeddingError } from '../../core/errors.js';
import type { CCase, CField, CFuncType, CType } from './types.js';

export const MAX_FLAT_PARAMS = 16;
export const MAX_FLAT_RESULTS = 1;
/** Size of a pointer (and of a length) in a 32-bit memory. */
export const PTR_SIZE = 4;
/** Spec `MAX_STRING_BYTE_LENGTH` and `MAX_LIST_BYTE_LENGTH`. */
export const MAX_STRING_BYTE_LENGTH = 2 ** 28 - 1;
export const MAX_LIST_BYTE_LENGTH = 2 ** 28 - 1;
/** Spec `utf16_tag` for 32-bit memories: the high bit of the code-unit count. */
export const UTF16_TAG = 0x8000_0000;

/** A flat core value type: one of i32, i64, f32, f64 (as core `ValType` bytes). */
export type FlatType = typeof ValType.i32 | typeof ValType.i64 | typeof ValType.f32 | typeof ValType.f64;

/** Spec `align_to`. */
export function alignTo(ptr: number, alignment: number): number {
  return Math.ceil(ptr / alignment) * alignment;
}

/** The despecialized view of a type: tuple/enum/option/result are records and variants. */
export type Despecialized =
  | { readonly kind: 'prim'; readonly t: CType }
  | { readonly kind: 'string' }
  | { readonly kind: 'list'; readonly elem: CType }
  | { readonly kind: 'record'; readonly fields: readonly CType[] }
  | { readonly kind: 'variant'; readonly cases: readonly (CType | undefined)[] }
  | { readonly kind: 'flags'; readonly count: number }
  | { readonly kind: 'handle' };

/** Spec `despecialize`, keeping only what layout needs (field/case types in order). */
export function despecialize(t: CType): Despecialized {
  switch (t.kind) {
    case 'string': return { kind: 'string' };
    case 'list': return { kind: 'list', elem: t.elem };
    case 'record': return { kind: 'record', fields: t.fields.map((f: CField) => f.type) };
    case 'tuple': return { kind: 'record', fields: t.types };
    case 'variant': return { kind: 'variant', cases: t.cases.map((c: CCase) => c.type) };
    case 'enum': return { kind: 'variant', cases: t.names.map(() => undefined) };
    case 'option': return { kind: 'variant', cases: [undefined, t.type] };
    case 'result': return { kind: 'variant', cases: [t.ok, t.err] };
    case 'flags': return { kind: 'flags', count: t.names.length };
    case 'own': case 'borrow': return { kind: 'handle' };
    default: return { kind: 'prim', t };
  }
}

interface Layout {
  readonly alignment: number;
  readonly size: number;
  readonly flat: readonly FlatType[];
}

const cache = new WeakMap<CType, Layout>();

function layout(t: CType): Layout {
  let l = cache.get(t);
  if (l === undefined) {
    l = computeLayout(t);
    cache.set(t, l);
  }
  return l;
}

/** Spec `discriminant_type` as a byte size: 1, 2 or 4. */
export function discriminantSize(caseCount: number): number {
  if (caseCount <= 0 || caseCount >= 2 ** 32) throw new EmbeddingError(`a variant must have 1 to 2^32-1 cases, has ${caseCount}`);
  if (caseCount <= 256) return 1;
  if (caseCount <= 65536) return 2;
  return 4;
}

/** Spec `alignment_flags` / `elem_size_flags`. */
export function flagsSize(count: number): number {
  if (count <= 0 || count > 32) throw new EmbeddingError(`flags must have 1 to 32 names, has ${count}`);
  if (count <= 8) return 1;
  if (count <= 16) return 2;
  return 4;
}

/** Spec `max_case_alignment`. */
export function maxCaseAlignment(cases: readonly (CType | undefined)[]): number {
  let a = 1;
  for (const c of cases) if (c !== undefined) a = Math.max(a, alignment(c));
  return a;
}

/** Spec `join` of two flat types. */
function join(a: FlatType, b: FlatType): FlatType {
  if (a === b) return a;
  if ((a === ValType.i32 && b === ValType.f32) || (a === ValType.f32 && b === ValType.i32)) return ValType.i32;
  return ValType.i64;
}

function computeLayout(t: CType): Layout {
  const d = despecialize(t);
  switch (d.kind) {
    case 'prim':
      switch (d.t.kind) {
        case 'bool': case 's8': case 'u8': return { alignment: 1, size: 1, flat: [ValType.i32] };
        case 's16': case 'u16': return { alignment: 2, size: 2, flat: [ValType.i32] };
        case 's32': case 'u32': case 'char': return { alignment: 4, size: 4, flat: [ValType.i32] };
        case 's64': case 'u64': return { alignment: 8, size: 8, flat: [ValType.i64] };
        case 'f32': return { alignment: 4, size: 4, flat: [ValType.f32] };
        case 'f64': return { alignment: 8, size: 8, flat: [ValType.f64] };
        default: throw new EmbeddingError(`unknown component value type ${JSON.stringify(d.t.kind)}`);
      }
    case 'string':
    case 'list':
      return { alignment: PTR_SIZE, size: 2 * PTR_SIZE, flat: [ValType.i32, ValType.i32] };
    case 'handle':
      return { alignment: 4, size: 4, flat: [ValType.i32] };
    case 'flags': {
      const s = flagsSize(d.count);
      return { alignment: s, size: s, flat: [ValType.i32] };
    }
    case 'record': {
      if (d.fields.length === 0) throw new EmbeddingError('a record or tuple must have at least one field');
      let a = 1;
      let s = 0;
      const flat: FlatType[] = [];
      for (const f of d.fields) {
        const fl = layout(f);
        a = Math.max(a, fl.alignment);
        s = alignTo(s, fl.alignment) + fl.size;
        for (const x of fl.flat) flat.push(x);
      }
      return { alignment: a, size: alignTo(s, a), flat };
    }
    case 'variant': {
      const ds = discriminantSize(d.cases.length);
      const caseAlign = maxCaseAlignment(d.cases);
      const a = Math.max(ds, caseAlign);
      let payload = 0;
      const flat: FlatType[] = [];
      for (const c of d.cases) {
        if (c === undefined) continue;
        const cl = layout(c);
        payload = Math.max(payload, cl.size);
        cl.flat.forEach((ft, i) => {
          flat[i] = i < flat.length ? join(flat[i]!, ft) : ft;
        });
      }
      const size = alignTo(alignTo(ds, caseAlign) + payload, a);
      return { alignment: a, size, flat: [ValType.i32, ...flat] };
    }
  }
}

/** Spec `alignment(t)`. */
export function alignment(t: CType): number {
  return layout(t).alignment;
}

/** Spec `elem_size(t)`. */
export function elemSize(t: CType): number {
  return layout(t).size;
}

/** Spec `flatten_type(t)`. */
export function flattenType(t: CType): readonly FlatType[] {
  return layout(t).flat;
}

/** Spec `flatten_types(ts)`. */
export function flattenTypes(ts: readonly CType[]): FlatType[] {
  const out: FlatType[] = [];
  for (const t of ts) for (const f of layout(t).flat) out.push(f);
  return out;
}

/** The payload offset of a variant (spec: after the discriminant, aligned to `max_case_alignment`). */
export function variantPayloadOffset(cases: readonly (CType | undefined)[]): number {
  return alignTo(discriminantSize(cases.length), maxCaseAlignment(cases));
}

/** The parameter types of a function type, in order. */
export function paramTypes(ft: CFuncType): CType[] {
  return ft.params.map((p) => p.type);
}

/** The result types of a function type (zero or one). */
export function resultTypes(ft: CFuncType): CType[] {
  return ft.result === undefined ? [] : [ft.result];
}

/**
 * Spec `flatten_functype(opts, ft, context)` for synchronous functions on a 32-bit memory: at most 16
 * flat parameters (else one pointer to a tuple in memory) and at most one flat result (else a
 * pointer: returned by a lifted callee, or passed as an extra last parameter to a lowered import).
 */
export function flattenFuncType(ft: CFuncType, context: 'lift' | 'lower'): CoreFuncType {
  let params = flattenTypes(paramTypes(ft));
  let results = flattenTypes(resultTypes(ft));
  if (params.length > MAX_FLAT_PARAMS) params = [ValType.i32];
  if (results.length > MAX_FLAT_RESULTS) {
    if (context === 'lift') {
      results = [ValType.i32];
    } else {
      params = [...params, ValType.i32];
      results = [];
    }
  }
  return { params, results };
}

/** The tuple type that spilled values are stored as. */
export function tupleOf(ts: readonly CType[]): CType {
  return { kind: 'tuple', types: ts };
}
