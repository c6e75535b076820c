/**
 * Checks and conversions between JS values and the abstract values of the canonical ABI, following
 * the mapping documented in `types.ts`. Lowering paths call these to validate what the embedder
 * passed (EmbeddingError on mismatch); lifting paths build the JS values with the `make*` helpers.
 */

import { discriminantSize } from './layout.js';
import { checkString } from './strings.js';
import { badValue } from './trap.js';
import type { CCase, CType } from './types.js';

/** A case index and its payload, as spec `match_case` returns them. */
export interface CaseValue {
  readonly index: number;
  readonly payload: unknown;
}

const caseIndexCache = new WeakMap<CType, Map<string, number>>();

/** Case (or flag) name to index, cached per type object. */
function caseIndex(t: CType, names: () => readonly string[]): Map<string, number> {
  let m = caseIndexCache.get(t);
  if (m === undefined) {
    m = new Map(names().map((n, i) => [n, i]));
    caseIndexCache.set(t, m);
  }
  return m;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** True when an option's JS value uses the tagged form (its payload type is itself an option). */
export function optionIsTagged(t: CType & { kind: 'option' }): boolean {
  return t.type.kind === 'option';
}

/**
 * Spec `match_case` for the variant-like types (variant, enum, option, result): the case index and
 * payload of a JS value. `what` names the value for error messages.
 */
export function matchCase(t: CType, v: unknown, what: string): CaseValue {
  switch (t.kind) {
    case 'variant': {
      if (!isObject(v) || typeof v.tag !== 'string') throw badValue(`${what}: expected a variant { tag, val }`, v);
      const names = (): string[] => t.cases.map((c: CCase) => c.name);
      const i = caseIndex(t, names).get(v.tag);
      if (i === undefined) throw badValue(`${what}: unknown variant case ${JSON.stringify(v.tag)} (cases: ${names().join(', ')})`, v);
      return { index: i, payload: v.val };
    }
    case 'enum': {
      if (typeof v !== 'string') throw badValue(`${what}: expected an enum case name`, v);
      const i = caseIndex(t, () => t.names).get(v);
      if (i === undefined) throw badValue(`${what}: unknown enum case ${JSON.stringify(v)} (cases: ${t.names.join(', ')})`, v);
      return { index: i, payload: undefined };
    }
    case 'option': {
      if (optionIsTagged(t)) {
        if (!isObject(v) || (v.tag !== 'none' && v.tag !== 'some')) throw badValue(`${what}: expected { tag: 'none' } or { tag: 'some', val } (nested option)`, v);
        return v.tag === 'none' ? { index: 0, payload: undefined } : { index: 1, payload: v.val };
      }
      return v === null || v === undefined ? { index: 0, payload: undefined } : { index: 1, payload: v };
    }
    case 'result': {
      if (!isObject(v) || (v.tag !== 'ok' && v.tag !== 'err')) throw badValue(`${what}: expected a result { tag: 'ok' | 'err', val }`, v);
      return { index: v.tag === 'ok' ? 0 : 1, payload: v.val };
    }
    default:
      throw badValue(`${what}: not a variant-like type`, v);
  }
}

const caseTypesCache = new WeakMap<CType, readonly (CType | undefined)[]>();

/** The payload types of a variant-like type, by case index (cached per type object). */
export function caseTypes(t: CType): readonly (CType | undefined)[] {
  let c = caseTypesCache.get(t);
  if (c === undefined) {
    c = computeCaseTypes(t);
    caseTypesCache.set(t, c);
  }
  return c;
}

function computeCaseTypes(t: CType): readonly (CType | undefined)[] {
  switch (t.kind) {
    case 'variant': return t.cases.map((c) => c.type);
    case 'enum': return t.names.map(() => undefined);
    case 'option': return [undefined, t.type];
    case 'result': return [t.ok, t.err];
    default: return [];
  }
}

/** The case count of a variant-like type, after checking it has a valid discriminant. */
export function caseCount(t: CType): number {
  const n = caseTypes(t).length;
  discriminantSize(n);
  return n;
}

/** Builds the JS value of case `index` of a variant-like type with `payload`. */
export function makeCase(t: CType, index: number, payload: unknown): unknown {
  switch (t.kind) {
    case 'variant': {
      const c = t.cases[index]!;
      return c.type === undefined ? { tag: c.name } : { tag: c.name, val: payload };
    }
    case 'enum': return t.names[index]!;
    case 'option':
      if (optionIsTagged(t)) return index === 0 ? { tag: 'none' } : { tag: 'some', val: payload };
      return index === 0 ? null : payload;
    case 'result': {
      const has = index === 0 ? t.ok !== undefined : t.err !== undefined;
      const tag = index === 0 ? 'ok' : 'err';
      return has ? { tag, val: payload } : { tag };
    }
    default:
      return undefined;
  }
}

/** A record's JS object (checked). */
export function recordObject(v: unknown, what: string): Record<string, unknown> {
  if (!isObject(v)) throw badValue(`${what}: expected a record object`, v);
  return v;
}

/** A record field (checked present). */
export function recordField(o: Record<string, unknown>, name: string, what: string): unknown {
  if (!(name in o)) throw badValue(`${what}: record is missing field ${JSON.stringify(name)}`, o);
  return o[name];
}

/** A tuple's JS array (checked length). */
export function tupleArray(v: unknown, n: number, what: string): readonly unknown[] {
  if (!Array.isArray(v) || v.length !== n) throw badValue(`${what}: expected a tuple (array) of length ${n}`, v);
  return v;
}

/** A list's elements: an array, or (for list<u8>) a Uint8Array. */
export function listElements(v: unknown, elem: CType, what: string): ArrayLike<unknown> {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array && elem.kind === 'u8') return v;
  throw badValue(`${what}: expected ${elem.kind === 'u8' ? 'a Uint8Array or an array' : 'an array'}`, v);
}

/** Packs a flags object into its bit vector (spec `pack_flags_into_int`). */
export function packFlags(t: CType & { kind: 'flags' }, v: unknown, what: string): number {
  if (!isObject(v)) throw badValue(`${what}: expected a flags object of booleans`, v);
  const index = caseIndex(t, () => t.names);
  let bits = 0;
  for (const k of Object.keys(v)) {
    const i = index.get(k);
    if (i === undefined) throw badValue(`${what}: unknown flag ${JSON.stringify(k)}`, v);
    const b = v[k];
    if (typeof b !== 'boolean' && b !== undefined) throw badValue(`${what}: flag ${JSON.stringify(k)} must be a boolean`, b);
    if (b === true) bits |= 1 << i;
  }
  return bits >>> 0;
}

/** Unpacks a bit vector into a flags object with every name (spec `unpack_flags_from_int`). */
export function unpackFlags(names: readonly string[], bits: number): Record<string, boolean> {
  const o: Record<string, boolean> = {};
  for (let i = 0; i < names.length; i++) o[names[i]!] = ((bits >>> i) & 1) === 1;
  return o;
}

const INT_RANGES: Record<string, readonly [number, number]> = {
  s8: [-128, 127], u8: [0, 255], s16: [-32768, 32767], u16: [0, 65535],
  s32: [-(2 ** 31), 2 ** 31 - 1], u32: [0, 2 ** 32 - 1],
};

/** A checked 8/16/32-bit integer. */
export function checkInt(kind: string, v: unknown, what: string): number {
  const r = INT_RANGES[kind]!;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < r[0] || v > r[1]) throw badValue(`${what}: expected an integer in [${r[0]}, ${r[1]}] (${kind})`, v);
  return v;
}

/** A checked 64-bit integer. */
export function checkBigInt(kind: 's64' | 'u64', v: unknown, what: string): bigint {
  if (typeof v !== 'bigint') throw badValue(`${what}: expected a bigint (${kind})`, v);
  if (kind === 's64' ? BigInt.asIntN(64, v) !== v : BigInt.asUintN(64, v) !== v) throw badValue(`${what}: bigint out of range for ${kind}`, v);
  return v;
}

export function checkBool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw badValue(`${what}: expected a boolean`, v);
  return v;
}

export function checkNumber(v: unknown, what: string): number {
  if (typeof v !== 'number') throw badValue(`${what}: expected a number`, v);
  return v;
}

/** A char: a string of exactly one Unicode scalar value; returns the code point. */
export function checkChar(v: unknown, what: string): number {
  if (typeof v !== 'string' || v.length === 0 || v.length > 2) throw badValue(`${what}: expected a one-character string (char)`, v);
  const cp = v.codePointAt(0)!;
  const len = cp >= 0x10000 ? 2 : 1;
  if (v.length !== len || (cp >= 0xd800 && cp <= 0xdfff)) throw badValue(`${what}: expected exactly one Unicode scalar value (char)`, v);
  return cp;
}

export { checkString };
