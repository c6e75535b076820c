/**
 * The JSON Schema (2020-12, MCP's default dialect) of a WIT value type, in the JSON form that
 * `wit-json-values.ts` converts from and to. One mapping for both directions:
 *
 * | WIT | JSON |
 * |---|---|
 * | bool | boolean |
 * | s8 … u32 | integer within the type's range |
 * | s64, u64 | integer within range, or its decimal string (JSON numbers lose precision past 2^53) |
 * | f32, f64 | number, or "NaN" / "Infinity" / "-Infinity" (-0 is written 0: JSON has no negative zero) |
 * | char | string of exactly one Unicode scalar value |
 * | string | string |
 * | list<T> | array of T |
 * | tuple<…> | array of fixed length (prefixItems) |
 * | record | object with one property per field (kebab-case names as in WIT); option fields may be absent |
 * | variant | a case without payload: its name; with payload: `{ "case": payload }` |
 * | enum | the case name |
 * | option<T> | null for none, else T; `option<option<T>>` writes the outer some as `{ "some": … }` |
 * | result<T, E> | `{ "ok": T }` or `{ "err": E }` (null when that side has no type) |
 * | flags | array of the set flag names |
 * | own / borrow | refused: a resource handle has no JSON form |
 */

import type { CType } from '../component/abi/types.js';

export type JsonSchema = Record<string, unknown>;

/** A WIT type that has no JSON form (resource handles); `path` says where it occurs. */
export class UnsupportedWitType extends Error {
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = 'UnsupportedWitType';
  }
}

export const INT_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  s8: [-128n, 127n],
  u8: [0n, 255n],
  s16: [-32768n, 32767n],
  u16: [0n, 65535n],
  s32: [-2147483648n, 2147483647n],
  u32: [0n, 4294967295n],
  s64: [-(2n ** 63n), 2n ** 63n - 1n],
  u64: [0n, 2n ** 64n - 1n],
};

/** Whether an option's JSON form is tagged (its payload is itself an option, so null is ambiguous). */
export function optionTagged(t: CType & { kind: 'option' }): boolean {
  return t.type.kind === 'option';
}

const nullSchema: JsonSchema = { type: 'null' };

export function witJsonSchema(t: CType, path = 'value'): JsonSchema {
  switch (t.kind) {
    case 'bool': return { type: 'boolean' };
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': {
      const [min, max] = INT_RANGES[t.kind]!;
      return { type: 'integer', minimum: Number(min), maximum: Number(max) };
    }
    case 's64': case 'u64': {
      const [min, max] = INT_RANGES[t.kind]!;
      return {
        description: `${t.kind}: an integer in [${min}, ${max}]; past 2^53 write it as a decimal string`,
        anyOf: [
          { type: 'integer', minimum: Number(min), maximum: Number(max) },
          { type: 'string', pattern: t.kind === 'u64' ? '^[0-9]+$' : '^-?[0-9]+$' },
        ],
      };
    }
    case 'f32': case 'f64':
      return { anyOf: [{ type: 'number' }, { enum: ['NaN', 'Infinity', '-Infinity'] }] };
    case 'char': return { type: 'string', minLength: 1, maxLength: 1, description: 'one Unicode scalar value' };
    case 'string': return { type: 'string' };
    case 'list': return { type: 'array', items: witJsonSchema(t.elem, `${path}[]`) };
    case 'tuple':
      return {
        type: 'array',
        prefixItems: t.types.map((x, i) => witJsonSchema(x, `${path}[${i}]`)),
        minItems: t.types.length,
        maxItems: t.types.length,
      };
    case 'record': {
      const properties: Record<string, JsonSchema> = {};
      for (const f of t.fields) properties[f.name] = witJsonSchema(f.type, `${path}.${f.name}`);
      return {
        type: 'object',
        properties,
        required: t.fields.filter((f) => f.type.kind !== 'option').map((f) => f.name),
        additionalProperties: false,
      };
    }
    case 'variant':
      return {
        oneOf: t.cases.map((c) => (c.type === undefined
          ? { const: c.name }
          : { type: 'object', properties: { [c.name]: witJsonSchema(c.type, `${path}.${c.name}`) }, required: [c.name], additionalProperties: false })),
      };
    case 'enum': return { type: 'string', enum: [...t.names] };
    case 'option': {
      const inner = witJsonSchema(t.type, `${path}?`);
      const some = optionTagged(t)
        ? { type: 'object', properties: { some: inner }, required: ['some'], additionalProperties: false }
        : inner;
      return { anyOf: [nullSchema, some] };
    }
    case 'result': {
      const side = (name: 'ok' | 'err', x: CType | undefined): JsonSchema => ({
        type: 'object',
        properties: { [name]: x === undefined ? nullSchema : witJsonSchema(x, `${path}.${name}`) },
        required: [name],
        additionalProperties: false,
      });
      return { oneOf: [side('ok', t.ok), side('err', t.err)] };
    }
    case 'flags': return { type: 'array', items: { enum: [...t.names] }, uniqueItems: true };
    case 'own': case 'borrow':
      throw new UnsupportedWitType(path, `a resource handle (${t.kind}) has no JSON form`);
  }
}
