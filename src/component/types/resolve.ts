/**
 * Resolution of decoded value and function types into the ABI's `CType` / `CFuncType`, checking the
 * rules of Binary.md "Type Definitions": a `valtype` index must name a value type, `own`/`borrow` a
 * resource; labels are kebab-case and strongly-unique; records, variants, tuples, flags and enums are
 * not empty; flags have at most 32 labels; a function result never contains a `borrow`; the element
 * size stays below 2^28.
 */

import type { CField, CFuncType, CType } from '../abi/types.js';
import { elemSize } from '../abi/layout.js';
import type { DefValType, FuncType, LabeledValType, ValType } from '../binary/component.js';
import { isLabel, NameScope } from '../validate/names.js';
import type { TypeDef } from './resolved.js';
import { at, invalid } from './scope.js';

/** What resolution needs: the type index space. */
export interface TypeSpace {
  readonly types: readonly TypeDef[];
}

const MAX_FLAGS = 32;
const MAX_ELEM_SIZE = 2 ** 28;

export function resolveValType(t: ValType, space: TypeSpace, offset: number): CType {
  if (typeof t === 'string') return { kind: t };
  const d = at(space.types, t, 'type', offset);
  if (d.kind !== 'value') throw invalid(`type index ${t} is not a defined type (found ${d.kind} type)`, offset);
  return d.type;
}

function checkLabels(labels: readonly string[], what: string, offset: number): void {
  const scope = new NameScope();
  for (const l of labels) {
    if (!isLabel(l)) throw invalid(`${what} name \`${l}\` is not in kebab case`, offset);
    const r = scope.add(l, what);
    if (r !== undefined) throw invalid(r, offset);
  }
}

function resolveFields(fields: readonly LabeledValType[], space: TypeSpace, what: string, offset: number): CField[] {
  checkLabels(fields.map((f) => f.label), what, offset);
  return fields.map((f) => ({ name: f.label, type: resolveValType(f.type, space, offset) }));
}

export function resolveDefValType(d: DefValType, space: TypeSpace, offset: number): CType {
  let t: CType;
  switch (d.kind) {
    case 'primitive':
      return { kind: d.type };
    case 'record':
      if (d.fields.length === 0) throw invalid('record type must have at least one field', offset);
      t = { kind: 'record', fields: resolveFields(d.fields, space, 'record field', offset) };
      break;
    case 'variant':
      if (d.cases.length === 0) throw invalid('variant type must have at least one case', offset);
      checkLabels(d.cases.map((c) => c.label), 'variant case', offset);
      t = {
        kind: 'variant',
        cases: d.cases.map((c) => (c.type === undefined ? { name: c.label } : { name: c.label, type: resolveValType(c.type, space, offset) })),
      };
      break;
    case 'list':
      t = { kind: 'list', elem: resolveValType(d.element, space, offset) };
      break;
    case 'tuple':
      if (d.types.length === 0) throw invalid('tuple type must have at least one type', offset);
      t = { kind: 'tuple', types: d.types.map((x) => resolveValType(x, space, offset)) };
      break;
    case 'flags':
      if (d.labels.length === 0) throw invalid('flags must have at least one entry', offset);
      if (d.labels.length > MAX_FLAGS) throw invalid(`cannot have more than ${MAX_FLAGS} flags`, offset);
      checkLabels(d.labels, 'flag', offset);
      t = { kind: 'flags', names: d.labels };
      break;
    case 'enum':
      if (d.labels.length === 0) throw invalid('enum type must have at least one variant', offset);
      checkLabels(d.labels, 'enum tag', offset);
      t = { kind: 'enum', names: d.labels };
      break;
    case 'option':
      t = { kind: 'option', type: resolveValType(d.type, space, offset) };
      break;
    case 'result': {
      const ok = d.ok === undefined ? undefined : resolveValType(d.ok, space, offset);
      const err = d.error === undefined ? undefined : resolveValType(d.error, space, offset);
      t = { kind: 'result', ...(ok !== undefined ? { ok } : {}), ...(err !== undefined ? { err } : {}) };
      break;
    }
    case 'own':
    case 'borrow': {
      const r = at(space.types, d.typeIndex, 'type', offset);
      if (r.kind !== 'resource') throw invalid(`type index ${d.typeIndex} is not a resource type`, offset);
      return { kind: d.kind, resource: r.resource };
    }
    case 'stream':
    case 'future':
      throw invalid(`unsupported type ${d.kind} (async is not supported)`, offset);
    case 'map':
      throw invalid('unsupported type map (the map feature is not supported)', offset);
  }
  if (elemSize(t) >= MAX_ELEM_SIZE) throw invalid('effective type size exceeds the limit', offset);
  return t;
}

/** True when `t` transitively contains a `borrow`. */
export function containsBorrow(t: CType): boolean {
  switch (t.kind) {
    case 'borrow': return true;
    case 'list': return containsBorrow(t.elem);
    case 'option': return containsBorrow(t.type);
    case 'record': return t.fields.some((f) => containsBorrow(f.type));
    case 'tuple': return t.types.some(containsBorrow);
    case 'variant': return t.cases.some((c) => c.type !== undefined && containsBorrow(c.type));
    case 'result': return (t.ok !== undefined && containsBorrow(t.ok)) || (t.err !== undefined && containsBorrow(t.err));
    default: return false;
  }
}

/** True when `t` transitively contains a `string` or a `list` (canonopt `lower(T)`/`lift(T)`). */
export function containsListOrString(t: CType): boolean {
  switch (t.kind) {
    case 'string':
    case 'list': return true;
    case 'option': return containsListOrString(t.type);
    case 'record': return t.fields.some((f) => containsListOrString(f.type));
    case 'tuple': return t.types.some(containsListOrString);
    case 'variant': return t.cases.some((c) => c.type !== undefined && containsListOrString(c.type));
    case 'result': return (t.ok !== undefined && containsListOrString(t.ok)) || (t.err !== undefined && containsListOrString(t.err));
    default: return false;
  }
}

export function resolveFuncType(f: FuncType, space: TypeSpace, offset: number): CFuncType {
  if (f.async) throw invalid('unsupported async function type (async is not supported)', offset);
  const params = resolveFields(f.params, space, 'function parameter', offset);
  if (f.result === undefined) return { params };
  const result = resolveValType(f.result, space, offset);
  if (containsBorrow(result)) throw invalid('function result cannot contain a `borrow` type', offset);
  return { params, result };
}
