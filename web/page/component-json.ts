/**
 * Component values as the page reads and writes them: JSON, mapped onto the runtime's JS values
 * (src/component/abi/types.ts, "JS value mapping"). JSON has no bigint, so s64/u64 are read from a
 * JSON integer or a decimal string and written as bare digits; everything else already matches the
 * mapping (records as objects, variants as `{"tag", "val"}`, options as null or the value, ...).
 */

import { BorrowHandle, OwnHandle, type CType } from '../../src/component/index.js';

/** An argument the page cannot turn into a value of its type. */
export class JsonArgumentError extends Error {
  override readonly name = 'JsonArgumentError';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function tagged(t: CType, v: unknown, path: string, payload: (tag: string) => CType | undefined): unknown {
  if (!isObject(v) || typeof v['tag'] !== 'string') throw new JsonArgumentError(`${path}: expected {"tag": ..., "val": ...} for ${t.kind}`);
  const tag = v['tag'];
  const pt = payload(tag);
  return pt === undefined || !('val' in v) ? { tag } : { tag, val: fromJson(pt, v['val'], `${path}.val`) };
}

/**
 * The JS value of type `t` for a parsed JSON value. Converts what JSON cannot hold (64-bit integers)
 * and walks into compound types; any other mismatch is left to the runtime, whose EmbeddingError names it.
 */
export function fromJson(t: CType, v: unknown, path = 'argument'): unknown {
  switch (t.kind) {
    case 's64':
    case 'u64':
      if ((typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v))) return BigInt(v);
      throw new JsonArgumentError(`${path}: expected an integer (a number or a decimal string) for ${t.kind}`);
    case 'list':
      return Array.isArray(v) ? v.map((x, i) => fromJson(t.elem, x, `${path}[${i}]`)) : v;
    case 'tuple':
      return Array.isArray(v) ? v.map((x, i) => (i < t.types.length ? fromJson(t.types[i]!, x, `${path}[${i}]`) : x)) : v;
    case 'record':
      if (!isObject(v)) return v;
      return Object.fromEntries(t.fields.filter((f) => f.name in v).map((f) => [f.name, fromJson(f.type, v[f.name], `${path}.${f.name}`)]));
    case 'variant':
      return tagged(t, v, path, (tag) => t.cases.find((c) => c.name === tag)?.type);
    case 'result':
      return tagged(t, v, path, (tag) => (tag === 'ok' ? t.ok : tag === 'err' ? t.err : undefined));
    case 'option':
      if (t.type.kind === 'option') return tagged(t, v, path, (tag) => (tag === 'some' ? t.type : undefined));
      return v === null ? null : fromJson(t.type, v, path);
    default:
      return v;
  }
}

/** A lifted JS value as JSON-like text: 64-bit integers as bare digits, bytes as a number array. */
export function toJsonText(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
  if (v instanceof Uint8Array) return `[${Array.from(v).join(',')}]`;
  if (v instanceof OwnHandle) return '"<own handle>"';
  if (v instanceof BorrowHandle) return '"<borrow handle>"';
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
  if (isObject(v)) return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJsonText(x)}`).join(',')}}`;
  return v === undefined ? '(no result)' : JSON.stringify(v);
}
