/** Loading and storing values in linear memory, flat lifting/lowering details, and invalid inputs. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbeddingError, Trap } from '../../../src/core/errors.js';
import type { Value } from '../../../src/core/index.js';
import {
  CoreValueIter, liftFlat, load, lowerFlat, store, type CType,
} from '../../../src/component/abi/index.js';
import { libc, llcx, prim } from './harness.js';

const trapWith = (re: RegExp) => (e: unknown): boolean => e instanceof Trap && re.test(e.message);
const rec = (...ts: CType[]): CType => ({ kind: 'record', fields: ts.map((type, i) => ({ name: `f${i}`, type })) });
const enumOf = (n: number): CType => ({ kind: 'enum', names: Array.from({ length: n }, (_, i) => `e${i}`) });

test('REQ-CM-ABI-020: integers load little-endian with the signedness of their type; bool is any non-zero byte', async () => {
  const l = await libc();
  const cx = llcx(l);
  const m = l.bytes();
  m.set([0xff, 0xfe, 0x00, 0x80, 0xff, 0xff, 0xff, 0xff, 0x02], 64);
  assert.equal(load(cx, 64, prim('u8')), 255);
  assert.equal(load(cx, 64, prim('s8')), -1);
  assert.equal(load(cx, 66, prim('s16')), -32768);
  assert.equal(load(cx, 66, prim('u16')), 0x8000);
  assert.equal(load(cx, 64, prim('u32')), 0x8000feff);
  assert.equal(load(cx, 64, prim('s32')), 0x8000feff | 0);
  assert.equal(load(cx, 64, prim('u64')), 0xffffffff8000feffn);
  assert.equal(load(cx, 64, prim('s64')), -0x7fff0101n);
  assert.equal(load(cx, 72, prim('bool')), true);
  assert.equal(load(cx, 66, prim('bool')), false);
  store(cx, -2, prim('s16'), 80);
  store(cx, 0x12345678, prim('u32'), 84);
  store(cx, -2n, prim('s64'), 88);
  store(cx, true, prim('bool'), 96);
  assert.deepEqual([...l.bytes().subarray(80, 97)], [0xfe, 0xff, 0, 0, 0x78, 0x56, 0x34, 0x12, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1]);
});

test('REQ-CM-ABI-021: NaNs are canonicalized when lowered and lifted; f32 values are rounded to f32', async () => {
  const l = await libc();
  const cx = llcx(l);
  const dv = new DataView(l.bytes().buffer);
  store(cx, NaN, prim('f32'), 64);
  store(cx, NaN, prim('f64'), 72);
  assert.equal(dv.getUint32(64, true), 0x7fc00000);
  assert.equal(dv.getBigUint64(72, true), 0x7ff8000000000000n);
  dv.setUint32(64, 0xffa00001, true); // a negative NaN with a payload
  assert.ok(Number.isNaN(load(cx, 64, prim('f32'))));
  store(cx, 0.1, prim('f32'), 80);
  assert.equal(load(cx, 80, prim('f32')), Math.fround(0.1));
  store(cx, -0, prim('f64'), 88);
  assert.ok(Object.is(load(cx, 88, prim('f64')), -0));
  const out: Value[] = [];
  lowerFlat(cx, NaN, prim('f32'), out, 'x');
  lowerFlat(cx, NaN, prim('f64'), out, 'x');
  assert.deepEqual(out.map((v) => (v.type === 'f32' || v.type === 'f64' ? v.bits : null)), [0x7fc00000, 0x7ff8000000000000n]);
  const payloadNaN: Value = { type: 'f32', value: NaN, bits: 0x7fa00001 };
  assert.ok(Number.isNaN(liftFlat(cx, new CoreValueIter([payloadNaN]), prim('f32'))));
});

test('REQ-CM-ABI-022: char accepts every Unicode scalar value and traps on surrogates and values above U+10FFFF', async () => {
  const l = await libc();
  const cx = llcx(l);
  const dv = new DataView(l.bytes().buffer);
  for (const cp of [0, 0xd7ff, 0xe000, 0x10ffff]) {
    dv.setUint32(64, cp, true);
    assert.equal(load(cx, 64, prim('char')), String.fromCodePoint(cp));
    assert.equal(liftFlat(cx, new CoreValueIter([{ type: 'i32', value: cp }]), prim('char')), String.fromCodePoint(cp));
  }
  for (const cp of [0xd800, 0xdfff, 0x110000, 0xffffffff]) {
    dv.setUint32(64, cp, true);
    assert.throws(() => load(cx, 64, prim('char')), trapWith(/invalid `char` bit pattern/));
    assert.throws(() => liftFlat(cx, new CoreValueIter([{ type: 'i32', value: cp | 0 }]), prim('char')), trapWith(/invalid `char` bit pattern/));
  }
});

test('REQ-CM-ABI-023: an out-of-range discriminant traps for variant, enum, option and result', async () => {
  const l = await libc();
  const cx = llcx(l);
  const m = l.bytes();
  const cases: [CType, number][] = [
    [{ kind: 'variant', cases: [{ name: 'a' }, { name: 'b', type: prim('u8') }] }, 2],
    [enumOf(3), 3], [{ kind: 'option', type: prim('u32') }, 2], [{ kind: 'result', ok: prim('u8') }, 2],
  ];
  for (const [t, bad] of cases) {
    m.fill(0, 64, 80);
    m[64] = bad;
    assert.throws(() => load(cx, 64, t), trapWith(/invalid variant discriminant/));
    m[64] = bad - 1;
    load(cx, 64, t);
    const flat: Value[] = [{ type: 'i32', value: bad }, { type: 'i32', value: 0 }];
    assert.throws(() => liftFlat(cx, new CoreValueIter(flat), t), trapWith(/invalid variant discriminant/));
  }
  // 257 cases: a u16 discriminant.
  const e257 = enumOf(257);
  m[64] = 0; m[65] = 1;
  assert.equal(load(cx, 64, e257), 'e256');
  m[64] = 1; m[65] = 1;
  assert.throws(() => load(cx, 64, e257), trapWith(/invalid variant discriminant: 257/));
});

test('REQ-CM-ABI-024: list contents are alignment- and bounds-checked; list<u8> lifts as a Uint8Array copy', async () => {
  const l = await libc();
  const cx = llcx(l);
  const dv = new DataView(l.bytes().buffer);
  const listU32: CType = { kind: 'list', elem: prim('u32') };
  const size = l.bytes().length;
  const put = (ptr: number, len: number): void => { dv.setUint32(64, ptr, true); dv.setUint32(68, len, true); };
  put(130, 1);
  assert.throws(() => load(cx, 64, listU32), trapWith(/unaligned pointer/));
  put(size - 4, 2);
  assert.throws(() => load(cx, 64, listU32), trapWith(/list content out-of-bounds/));
  put(size, 0);
  assert.deepEqual(load(cx, 64, listU32), []);
  put(size + 4, 0);
  assert.throws(() => load(cx, 64, listU32), trapWith(/list content out-of-bounds/));
  put(0, 2 ** 26);
  assert.throws(() => load(cx, 64, listU32), trapWith(/list too long/));
  put(256, 2);
  dv.setUint32(256, 7, true); dv.setUint32(260, 9, true);
  assert.deepEqual(load(cx, 64, listU32), [7, 9]);
  const listU8: CType = { kind: 'list', elem: prim('u8') };
  const bytes = load(cx, 64, listU8);
  assert.ok(bytes instanceof Uint8Array);
  assert.deepEqual([...(bytes as Uint8Array)], [7, 0]);
  l.bytes()[256] = 99;
  assert.equal((bytes as Uint8Array)[0], 7, 'a copy, not a view');
  store(cx, [1, 2, 3], listU8, 96);
  assert.deepEqual(load(cx, 96, listU8), new Uint8Array([1, 2, 3]));
});

test('REQ-CM-ABI-025: flags pack into the smallest integer, first name in bit 0; unknown bits are ignored', async () => {
  const l = await libc();
  const cx = llcx(l);
  const names = Array.from({ length: 9 }, (_, i) => `f${i}`);
  const t: CType = { kind: 'flags', names };
  store(cx, { f0: true, f8: true }, t, 64);
  assert.deepEqual([...l.bytes().subarray(64, 66)], [0x01, 0x01]);
  l.bytes()[65] = 0xff;
  const v = load(cx, 64, t) as Record<string, boolean>;
  assert.deepEqual(Object.keys(v), names);
  assert.equal(v.f8, true);
  assert.equal(v.f1, false);
  const out: Value[] = [];
  lowerFlat(cx, { f1: true, f2: false }, t, out, 'x');
  assert.deepEqual(out, [{ type: 'i32', value: 2 }]);
});

test('REQ-CM-ABI-026: records and variants are laid out at aligned field and payload offsets', async () => {
  const l = await libc();
  const cx = llcx(l);
  store(cx, { f0: 0xaa, f1: 0x11223344 }, rec(prim('u8'), prim('u32')), 64);
  assert.deepEqual([...l.bytes().subarray(64, 72)].filter((_, i) => i !== 1 && i !== 2 && i !== 3), [0xaa, 0x44, 0x33, 0x22, 0x11]);
  store(cx, { tag: 'b', val: 0x0102030405060708n }, { kind: 'variant', cases: [{ name: 'a' }, { name: 'b', type: prim('u64') }] }, 80);
  assert.equal(l.bytes()[80], 1);
  assert.equal(new DataView(l.bytes().buffer).getBigUint64(88, true), 0x0102030405060708n);
});

test('REQ-CM-ABI-027: load and store check their entry pointer for alignment and bounds', async () => {
  const l = await libc();
  const cx = llcx(l);
  const size = l.bytes().length;
  assert.throws(() => load(cx, 2, prim('u32')), trapWith(/unaligned pointer/));
  assert.throws(() => load(cx, size, prim('u32')), trapWith(/out-of-bounds/));
  assert.throws(() => store(cx, 1, prim('u32'), 6), trapWith(/unaligned pointer/));
  assert.throws(() => store(cx, 1, prim('u32'), size), trapWith(/out-of-bounds/));
});

test('REQ-CM-ABI-028: variant payloads are coerced to the joined flat types and back', async () => {
  const l = await libc();
  const cx = llcx(l);
  const t: CType = { kind: 'variant', cases: [{ name: 'f', type: prim('f32') }, { name: 'i', type: prim('u64') }, { name: 'd', type: prim('f64') }, { name: 'n' }] };
  const lower = (v: unknown): Value[] => { const out: Value[] = []; lowerFlat(cx, v, t, out, 'x'); return out; };
  assert.deepEqual(lower({ tag: 'f', val: 1 }), [{ type: 'i32', value: 0 }, { type: 'i64', value: 0x3f800000n }]);
  assert.deepEqual(lower({ tag: 'd', val: 2 }), [{ type: 'i32', value: 2 }, { type: 'i64', value: 0x4000000000000000n }]);
  assert.deepEqual(lower({ tag: 'n' }), [{ type: 'i32', value: 3 }, { type: 'i64', value: 0n }]);
  for (const v of [{ tag: 'f', val: 1.5 }, { tag: 'i', val: 2n ** 64n - 1n }, { tag: 'd', val: -0.25 }, { tag: 'n' }]) {
    assert.deepEqual(liftFlat(cx, new CoreValueIter(lower(v)), t), v);
  }
  // An i32 payload in an i64 slot: the high bits are ignored (wrap_i64_to_i32).
  const u: CType = { kind: 'variant', cases: [{ name: 'a', type: prim('u32') }, { name: 'b', type: prim('s64') }] };
  assert.deepEqual(liftFlat(cx, new CoreValueIter([{ type: 'i32', value: 0 }, { type: 'i64', value: 0x1_0000_0005n }]), u), { tag: 'a', val: 5 });
  // A core value of the wrong type is rejected.
  assert.throws(() => liftFlat(cx, new CoreValueIter([{ type: 'i64', value: 0n }]), prim('u32')), Trap);
});

test('REQ-CM-ABI-029: a JS value that does not match its type is an EmbeddingError naming the value', async () => {
  const l = await libc();
  const cx = llcx(l);
  const bad: [CType, unknown][] = [
    [prim('u8'), 256], [prim('s8'), -129], [prim('u32'), 1.5], [prim('u32'), -1], [prim('s32'), 2 ** 31],
    [prim('u64'), -1n], [prim('s64'), 2n ** 63n], [prim('u64'), 1], [prim('bool'), 1], [prim('f32'), '1'],
    [prim('char'), 'ab'], [prim('char'), ''], [prim('char'), '\ud800'], [prim('string'), 'a\udc00'], [prim('string'), 5],
    [rec(prim('u8')), {}], [rec(prim('u8')), [1]], [{ kind: 'tuple', types: [prim('u8'), prim('u8')] }, [1]],
    [enumOf(2), 'e2'], [{ kind: 'variant', cases: [{ name: 'a' }] }, { tag: 'b' }], [{ kind: 'result' }, { tag: 'fine' }],
    [{ kind: 'option', type: { kind: 'option', type: prim('u8') } }, 3], [{ kind: 'flags', names: ['a'] }, { b: true }],
    [{ kind: 'list', elem: prim('u32') }, new Uint8Array(2)], [{ kind: 'list', elem: prim('u8') }, 'abc'],
  ];
  for (const [t, v] of bad) {
    assert.throws(() => store(cx, v, t, 64), EmbeddingError, `store ${JSON.stringify(t)} ${String(v)}`);
    assert.throws(() => lowerFlat(cx, v, t, [], 'x'), EmbeddingError, `lowerFlat ${JSON.stringify(t)} ${String(v)}`);
  }
});

test('REQ-CM-ABI-029: option values are null/value, and tagged only when the payload is itself an option', async () => {
  const l = await libc();
  const cx = llcx(l);
  const o: CType = { kind: 'option', type: prim('u8') };
  const oo: CType = { kind: 'option', type: o };
  for (const [t, v] of [[o, null], [o, 7], [oo, { tag: 'none' }], [oo, { tag: 'some', val: null }], [oo, { tag: 'some', val: 3 }]] as [CType, unknown][]) {
    store(cx, v, t, 64);
    assert.deepEqual(load(cx, 64, t), v);
  }
  store(cx, undefined, o, 64);
  assert.equal(load(cx, 64, o), null);
});
