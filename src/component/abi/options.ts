/**
 * Which canonical options a sync `canon lift` / `canon lower` of a function type needs
 * (CanonicalABI.md "`canonopt` Validation", "`canon lift`", "`canon lower`"), and the type
 * predicates validation uses. For the validator of the instantiation layer.
 */

import { MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, flattenTypes } from './layout.js';
import type { CFuncType, CType } from './types.js';

/** Spec `contains(t, p)` over the despecialized structure of `t`. */
export function containsType(t: CType | undefined, p: (u: CType) => boolean): boolean {
  if (t === undefined) return false;
  if (p(t)) return true;
  switch (t.kind) {
    case 'list': return containsType(t.elem, p);
    case 'record': return t.fields.some((f) => containsType(f.type, p));
    case 'tuple': return t.types.some((u) => containsType(u, p));
    case 'variant': return t.cases.some((c) => containsType(c.type, p));
    case 'option': return containsType(t.type, p);
    case 'result': return containsType(t.ok, p) || containsType(t.err, p);
    default: return false;
  }
}

/** Spec `contains_borrow`. */
export function containsBorrow(t: CType | undefined): boolean {
  return containsType(t, (u) => u.kind === 'borrow');
}

/** True when values of `t` live partly in linear memory (a list or a string inside). */
export function containsListOrString(t: CType | undefined): boolean {
  return containsType(t, (u) => u.kind === 'list' || u.kind === 'string');
}

export interface RequiredOptions {
  readonly memory: boolean;
  readonly realloc: boolean;
}

/**
 * The options a `canon lift` or `canon lower` of `ft` must have: `memory` when some value passes
 * through linear memory, `realloc` when the ABI must allocate in the guest (which implies `memory`).
 */
export function requiredOptions(ft: CFuncType, kind: 'lift' | 'lower'): RequiredOptions {
  const params = ft.params.map((p) => p.type);
  const paramsInMemory = params.some(containsListOrString);
  const resultInMemory = containsListOrString(ft.result);
  const spillParams = flattenTypes(params).length > MAX_FLAT_PARAMS;
  const spillResults = flattenTypes(ft.result === undefined ? [] : [ft.result]).length > MAX_FLAT_RESULTS;
  // lift: parameters are lowered into the callee's memory (allocated), results are read from it.
  // lower: parameters are read from the caller's memory, results are written into it (allocated,
  // except for the spilled tuple itself, which goes to the caller's out-pointer).
  const realloc = kind === 'lift' ? paramsInMemory || spillParams : resultInMemory;
  const memory = realloc || paramsInMemory || resultInMemory || spillParams || spillResults;
  return { memory, realloc };
}
