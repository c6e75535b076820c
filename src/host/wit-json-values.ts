/**
 * Conversion between JSON (the form `wit-json-schema.ts` describes) and the JS values of the
 * component runtime's canonical ABI (src/component/abi/types.ts). `fromJson` checks everything the
 * schema cannot (64-bit ranges, one scalar value per char) and throws `WitJsonError` naming the path;
 * `toJson` never fails for a value the runtime lifted.
 */

import type { CType } from '../component/abi/types.js';
import { INT_RANGES, UnsupportedWitType, optionTagged } from './wit-json-schema.js';

/** A JSON value that does not fit its WIT type; `path` is where (e.g. `args.point.x`). */
export class WitJsonError extends Error {
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'WitJsonError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The single key of a `{ key: value }` object (variant cases, results, tagged options). */
function singleKey(v: unknown, path: string, what: string): [string, unknown] {
  if (!isObject(v)) throw new WitJsonError(path, `expected ${what}`);
  const keys = Object.keys(v);
  if (keys.length !== 1) throw new WitJsonError(path, `expected ${what} with exactly one key, got ${keys.length}`);
  return [keys[0]!, v[keys[0]!]];
}

function integer(kind: string, v: unknown, path: string): bigint {
  let n: bigint;
  if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
  else if (typeof v === 'string' && /^-?[0-9]+$/.test(v) && (kind === 's64' || kind === 'u64')) n = BigInt(v);
  else throw new WitJsonError(path, `expected an integer (${kind})`);
  const [min, max] = INT_RANGES[kind]!;
  if (n < min || n > max) throw new WitJsonError(path, `${n} is out of range for ${kind} [${min}, ${max}]`);
  return n;
}

function float(v: unknown, path: string): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new WitJsonError(path, 'expected a number');
}

/** The component value of JSON `v` for WIT type `t`. */
export function fromJson(t: CType, v: unknown, path = 'value'): unknown {
  switch (t.kind) {
    case 'bool':
      if (typeof v !== 'boolean') throw new WitJsonError(path, 'expected a boolean');
      return v;
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32':
      return Number(integer(t.kind, v, path));
    case 's64': case 'u64':
      return integer(t.kind, v, path);
    case 'f32': case 'f64':
      return float(v, path);
    case 'char': {
      if (typeof v !== 'string' || [...v].length !== 1) throw new WitJsonError(path, 'expected a string of one character');
      const cp = v.codePointAt(0)!;
      if (cp >= 0xd800 && cp <= 0xdfff) throw new WitJsonError(path, 'a lone surrogate is not a Unicode scalar value');
      return v;
    }
    case 'string':
      if (typeof v !== 'string') throw new WitJsonError(path, 'expected a string');
      return v;
    case 'list': {
      if (!Array.isArray(v)) throw new WitJsonError(path, 'expected an array');
      const items = v.map((x, i) => fromJson(t.elem, x, `${path}[${i}]`));
      return t.elem.kind === 'u8' ? Uint8Array.from(items as number[]) : items;
    }
    case 'tuple': {
      if (!Array.isArray(v) || v.length !== t.types.length) throw new WitJsonError(path, `expected an array of ${t.types.length} items`);
      return t.types.map((x, i) => fromJson(x, v[i], `${path}[${i}]`));
    }
    case 'record': {
      if (!isObject(v)) throw new WitJsonError(path, 'expected an object');
      const known = new Set(t.fields.map((f) => f.name));
      const extra = Object.keys(v).filter((k) => !known.has(k));
      if (extra.length > 0) throw new WitJsonError(path, `unknown field(s): ${extra.join(', ')}`);
      const out: Record<string, unknown> = {};
      for (const f of t.fields) {
        const fv = v[f.name];
        if (fv === undefined && f.type.kind !== 'option') throw new WitJsonError(`${path}.${f.name}`, 'is required');
        out[f.name] = fromJson(f.type, fv === undefined ? null : fv, `${path}.${f.name}`);
      }
      return out;
    }
    case 'variant': {
      if (typeof v === 'string') {
        const c = t.cases.find((x) => x.name === v);
        if (c === undefined) throw new WitJsonError(path, `unknown case ${JSON.stringify(v)} (cases: ${t.cases.map((x) => x.name).join(', ')})`);
        if (c.type !== undefined) throw new WitJsonError(path, `case ${v} needs a payload: { "${v}": … }`);
        return { tag: v };
      }
      const [name, payload] = singleKey(v, path, 'a case name or { case: payload }');
      const c = t.cases.find((x) => x.name === name);
      if (c === undefined) throw new WitJsonError(path, `unknown case ${JSON.stringify(name)} (cases: ${t.cases.map((x) => x.name).join(', ')})`);
      if (c.type === undefined) return { tag: name };
      return { tag: name, val: fromJson(c.type, payload, `${path}.${name}`) };
    }
    case 'enum':
      if (typeof v !== 'string' || !t.names.includes(v)) throw new WitJsonError(path, `expected one of ${t.names.join(', ')}`);
      return v;
    case 'option': {
      if (optionTagged(t)) {
        if (v === null) return { tag: 'none' };
        const [k, inner] = singleKey(v, path, 'null or { "some": … }');
        if (k !== 'some') throw new WitJsonError(path, 'expected null or { "some": … }');
        return { tag: 'some', val: fromJson(t.type, inner, `${path}.some`) };
      }
      return v === null ? null : fromJson(t.type, v, path);
    }
    case 'result': {
      const [k, inner] = singleKey(v, path, '{ "ok": … } or { "err": … }');
      if (k !== 'ok' && k !== 'err') throw new WitJsonError(path, 'expected { "ok": … } or { "err": … }');
      const side = k === 'ok' ? t.ok : t.err;
      if (side === undefined) {
        if (inner !== null) throw new WitJsonError(`${path}.${k}`, 'has no payload: expected null');
        return { tag: k };
      }
      return { tag: k, val: fromJson(side, inner, `${path}.${k}`) };
    }
    case 'flags': {
      if (!Array.isArray(v)) throw new WitJsonError(path, 'expected an array of flag names');
      const out: Record<string, boolean> = {};
      for (const n of t.names) out[n] = false;
      for (const [i, n] of v.entries()) {
        if (typeof n !== 'string' || !t.names.includes(n)) throw new WitJsonError(`${path}[${i}]`, `expected one of ${t.names.join(', ')}`);
        out[n] = true;
      }
      return out;
    }
    case 'own': case 'borrow':
      throw new UnsupportedWitType(path, 'a resource handle has no JSON form');
  }
}

function floatJson(n: number): number | string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return n;
}

/** The JSON form of a lifted component value `v` of WIT type `t`. */
export function toJson(t: CType, v: unknown): unknown {
  switch (t.kind) {
    case 'bool': case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': case 'char': case 'string': case 'enum':
      return v;
    case 's64': case 'u64': {
      const n = v as bigint;
      return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
    }
    case 'f32': case 'f64': return floatJson(v as number);
    case 'list': return Array.from(v as ArrayLike<unknown>, (x) => toJson(t.elem, x));
    case 'tuple': return t.types.map((x, i) => toJson(x, (v as unknown[])[i]));
    case 'record': {
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of t.fields) out[f.name] = toJson(f.type, o[f.name]);
      return out;
    }
    case 'variant': {
      const { tag, val } = v as { tag: string; val?: unknown };
      const c = t.cases.find((x) => x.name === tag)!;
      return c.type === undefined ? tag : { [tag]: toJson(c.type, val) };
    }
    case 'option': {
      if (optionTagged(t)) {
        const o = v as { tag: string; val?: unknown };
        return o.tag === 'none' ? null : { some: toJson(t.type, o.val) };
      }
      return v === null ? null : toJson(t.type, v);
    }
    case 'result': {
      const { tag, val } = v as { tag: 'ok' | 'err'; val?: unknown };
      const side = tag === 'ok' ? t.ok : t.err;
      return { [tag]: side === undefined ? null : toJson(side, val) };
    }
    case 'flags': {
      const o = v as Record<string, boolean>;
      return t.names.filter((n) => o[n] === true);
    }
    case 'own': case 'borrow':
      throw new UnsupportedWitType('value', 'a resource handle has no JSON form');
  }
}
