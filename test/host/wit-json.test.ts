/**
 * The WIT ↔ JSON mapping (src/host/wit-json-schema.ts, wit-json-values.ts): the schema of every WIT
 * value type, the conversions with their errors, and a property over random types and values: the
 * JSON form of a value conforms to its type's schema (ajv, JSON Schema 2020-12) and converts back to
 * the same value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { CType } from '../../src/component/abi/types.js';
import { ResourceType } from '../../src/component/abi/types.js';
import { UnsupportedWitType, witJsonSchema } from '../../src/host/wit-json-schema.js';
import { fromJson, toJson, WitJsonError } from '../../src/host/wit-json-values.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
const conforms = (t: CType, json: unknown): boolean => ajv.validate(witJsonSchema(t), json);

const u8: CType = { kind: 'u8' };
const point: CType = { kind: 'record', fields: [{ name: 'x', type: { kind: 's32' } }, { name: 'label', type: { kind: 'option', type: { kind: 'string' } } }] };

test('REQ-HOST-WIT-001: integer schemas carry their ranges; 64-bit integers also take decimal strings', () => {
  assert.deepEqual(witJsonSchema({ kind: 's8' }), { type: 'integer', minimum: -128, maximum: 127 });
  assert.deepEqual(witJsonSchema({ kind: 'u32' }), { type: 'integer', minimum: 0, maximum: 4294967295 });
  const u64: CType = { kind: 'u64' };
  assert.ok(conforms(u64, 5) && conforms(u64, '18446744073709551615') && !conforms(u64, -1) && !conforms(u64, '-1'));
  assert.equal(fromJson(u64, '18446744073709551615'), 2n ** 64n - 1n);
  assert.throws(() => fromJson(u64, '18446744073709551616'), /out of range for u64/);
  assert.throws(() => fromJson({ kind: 's16' }, 40000, 'args.n'), (e: unknown) => e instanceof WitJsonError && e.path === 'args.n');
  assert.throws(() => fromJson({ kind: 'u32' }, '5'), /expected an integer \(u32\)/, 'decimal strings only for 64-bit');
  assert.equal(toJson(u64, 2n ** 60n), '1152921504606846976', 'past 2^53 as a string');
  assert.equal(toJson({ kind: 's64' }, -5n), -5);
});

test('REQ-HOST-WIT-001: floats, chars, records, variants, enums, options, results, flags, tuples and lists have JSON schemas and forms', () => {
  const f: CType = { kind: 'f64' };
  assert.ok(conforms(f, 1.5) && conforms(f, 'NaN') && !conforms(f, 'nan'));
  assert.equal(toJson(f, Infinity), 'Infinity');
  assert.ok(Number.isNaN(fromJson(f, 'NaN') as number));
  const ch: CType = { kind: 'char' };
  assert.ok(conforms(ch, '😀') && !conforms(ch, 'ab'));
  assert.throws(() => fromJson(ch, '\ud800'), /lone surrogate/);
  assert.deepEqual(witJsonSchema(point), {
    type: 'object', required: ['x'], additionalProperties: false,
    properties: { x: { type: 'integer', minimum: -2147483648, maximum: 2147483647 }, label: { anyOf: [{ type: 'null' }, { type: 'string' }] } },
  });
  assert.deepEqual(fromJson(point, { x: 1 }), { x: 1, label: null }, 'an absent option field is none');
  assert.throws(() => fromJson(point, { x: 1, y: 2 }), /unknown field\(s\): y/);
  const v: CType = { kind: 'variant', cases: [{ name: 'none' }, { name: 'some', type: u8 }] };
  assert.deepEqual(fromJson(v, 'none'), { tag: 'none' });
  assert.deepEqual(fromJson(v, { some: 3 }), { tag: 'some', val: 3 });
  assert.deepEqual(toJson(v, { tag: 'some', val: 3 }), { some: 3 });
  assert.throws(() => fromJson(v, 'some'), /needs a payload/);
  const oo: CType = { kind: 'option', type: { kind: 'option', type: u8 } };
  assert.deepEqual(toJson(oo, { tag: 'some', val: null }), { some: null }, 'nested options keep both nones apart');
  assert.deepEqual(fromJson(oo, null), { tag: 'none' });
  const r: CType = { kind: 'result', err: { kind: 'string' } };
  assert.deepEqual(toJson(r, { tag: 'ok' }), { ok: null });
  assert.deepEqual(fromJson(r, { err: 'x' }), { tag: 'err', val: 'x' });
  const fl: CType = { kind: 'flags', names: ['a', 'b', 'c'] };
  assert.deepEqual(fromJson(fl, ['c', 'a']), { a: true, b: false, c: true });
  assert.deepEqual(toJson(fl, { a: true, b: false, c: true }), ['a', 'c']);
  assert.ok(!conforms(fl, ['a', 'a']), 'flags are unique');
  const tup: CType = { kind: 'tuple', types: [u8, { kind: 'string' }] };
  assert.ok(conforms(tup, [1, 'x']) && !conforms(tup, [1]) && !conforms(tup, ['x', 1]));
  assert.deepEqual(fromJson({ kind: 'list', elem: u8 }, [1, 2]), Uint8Array.from([1, 2]), 'list<u8> becomes bytes');
});

test('REQ-HOST-WIT-001: resource handles have no JSON form and are refused with the path', () => {
  const res = new ResourceType('file', null);
  assert.throws(() => witJsonSchema({ kind: 'list', elem: { kind: 'borrow', resource: res } }, 'files'),
    (e: unknown) => e instanceof UnsupportedWitType && e.path === 'files[]' && /resource handle \(borrow\)/.test(e.message));
  assert.throws(() => fromJson({ kind: 'own', resource: res }, 1), UnsupportedWitType);
});

// Random WIT types (no resources) and values of them, in the runtime's JS representation.
const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd-e', 'f'), { minLength: 1, maxLength: 4 });
const prim = fc.constantFrom<CType>(
  { kind: 'bool' }, { kind: 's8' }, { kind: 'u8' }, { kind: 's16' }, { kind: 'u16' }, { kind: 's32' }, { kind: 'u32' },
  { kind: 's64' }, { kind: 'u64' }, { kind: 'f64' }, { kind: 'char' }, { kind: 'string' },
);
const { type: ctype } = fc.letrec<{ type: CType }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    prim,
    tie('type').map((elem): CType => ({ kind: 'list', elem })),
    fc.array(tie('type'), { minLength: 1, maxLength: 3 }).map((types): CType => ({ kind: 'tuple', types })),
    fc.tuple(names, fc.array(tie('type'), { minLength: 4, maxLength: 4 })).map(([ns, ts]): CType => ({ kind: 'record', fields: ns.map((name, i) => ({ name, type: ts[i]! })) })),
    fc.tuple(names, fc.array(fc.option(tie('type'), { nil: undefined }), { minLength: 4, maxLength: 4 })).map(([ns, ts]): CType => ({
      kind: 'variant', cases: ns.map((name, i) => (ts[i] === undefined ? { name } : { name, type: ts[i]! })),
    })),
    names.map((ns): CType => ({ kind: 'enum', names: ns })),
    names.map((ns): CType => ({ kind: 'flags', names: ns })),
    tie('type').map((type): CType => ({ kind: 'option', type })),
    fc.tuple(fc.option(tie('type'), { nil: undefined }), fc.option(tie('type'), { nil: undefined })).map(([ok, err]): CType => ({
      kind: 'result', ...(ok !== undefined ? { ok } : {}), ...(err !== undefined ? { err } : {}),
    })),
  ),
}));

const RANGES: Record<string, [number, number]> = { s8: [-128, 127], u8: [0, 255], s16: [-32768, 32767], u16: [0, 65535], s32: [-2147483648, 2147483647], u32: [0, 4294967295] };

function value(t: CType): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case 'bool': return fc.boolean();
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': return fc.integer({ min: RANGES[t.kind]![0], max: RANGES[t.kind]![1] });
    case 's64': return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case 'u64': return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
    case 'f32': case 'f64': return fc.double();
    case 'char': return fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 });
    case 'string': return fc.string({ unit: 'binary' });
    case 'list': return t.elem.kind === 'u8' ? fc.uint8Array({ maxLength: 4 }) : fc.array(value(t.elem), { maxLength: 3 });
    case 'tuple': return fc.tuple(...t.types.map(value));
    case 'record': return fc.tuple(...t.fields.map((f) => value(f.type))).map((vs) => Object.fromEntries(t.fields.map((f, i) => [f.name, vs[i]])));
    case 'variant': return fc.oneof(...t.cases.map((c) => (c.type === undefined ? fc.constant({ tag: c.name }) : value(c.type).map((val) => ({ tag: c.name, val })))));
    case 'enum': return fc.constantFrom(...t.names);
    case 'flags': return fc.tuple(...t.names.map(() => fc.boolean())).map((bs) => Object.fromEntries(t.names.map((n, i) => [n, bs[i]])));
    case 'option': return t.type.kind === 'option'
      ? fc.oneof(fc.constant({ tag: 'none' }), value(t.type).map((val) => ({ tag: 'some', val })))
      : fc.oneof(fc.constant(null), value(t.type));
    case 'result': return fc.oneof(
      t.ok === undefined ? fc.constant({ tag: 'ok' }) : value(t.ok).map((val) => ({ tag: 'ok', val })),
      t.err === undefined ? fc.constant({ tag: 'err' }) : value(t.err).map((val) => ({ tag: 'err', val })),
    );
    default: throw new Error(`no values for ${t.kind}`);
  }
}

test('REQ-HOST-WIT-002: for random WIT types and values, the JSON form conforms to the schema and converts back to the same value', () => {
  fc.assert(fc.property(ctype.chain((t) => fc.tuple(fc.constant(t), value(t))), ([t, v]) => {
    const json = toJson(t, v);
    const text = JSON.stringify(json);
    const reparsed: unknown = JSON.parse(text);
    assert.ok(conforms(t, reparsed), `${text} conforms to ${JSON.stringify(witJsonSchema(t))}: ${ajv.errorsText()}`);
    const back = fromJson(t, reparsed);
    // Compared as JSON text: JSON has no -0 (it reads back as 0), and list<u8> comes back as bytes.
    assert.equal(JSON.stringify(toJson(t, back)), text);
  }), { numRuns: 300 });
});
