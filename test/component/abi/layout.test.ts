/** Alignment, element size and flattening tables (CanonicalABI.md "Alignment", "Element Size", "Flattening"). */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValType } from '../../../src/core/binary/module.js';
import { EmbeddingError } from '../../../src/core/errors.js';
import {
  ResourceType, alignment, containsBorrow, discriminantSize, requiredOptions, elemSize, flattenFuncType, flattenType, type CFuncType, type CType,
} from '../../../src/component/abi/index.js';
import { prim } from './harness.js';

const { i32, i64, f32, f64 } = ValType;
const u8 = prim('u8'), u16 = prim('u16'), u32 = prim('u32'), u64 = prim('u64');
const rec = (...ts: CType[]): CType => ({ kind: 'record', fields: ts.map((type, i) => ({ name: `f${i}`, type })) });
const variant = (...ts: (CType | undefined)[]): CType => ({ kind: 'variant', cases: ts.map((type, i) => (type ? { name: `c${i}`, type } : { name: `c${i}` })) });
const enumOf = (n: number): CType => ({ kind: 'enum', names: Array.from({ length: n }, (_, i) => `e${i}`) });
const flagsOf = (n: number): CType => ({ kind: 'flags', names: Array.from({ length: n }, (_, i) => `f${i}`) });

test('REQ-CM-ABI-001: alignment and element size of every value type follow the spec tables', () => {
  const table: [string, CType, number, number][] = [
    ['bool', prim('bool'), 1, 1], ['s8', prim('s8'), 1, 1], ['u8', u8, 1, 1],
    ['s16', prim('s16'), 2, 2], ['u16', u16, 2, 2], ['s32', prim('s32'), 4, 4], ['u32', u32, 4, 4],
    ['s64', prim('s64'), 8, 8], ['u64', u64, 8, 8], ['f32', prim('f32'), 4, 4], ['f64', prim('f64'), 8, 8],
    ['char', prim('char'), 4, 4], ['string', prim('string'), 4, 8], ['list<u8>', { kind: 'list', elem: u8 }, 4, 8],
    ['list<u64>', { kind: 'list', elem: u64 }, 4, 8],
    ['record{u8,u32}', rec(u8, u32), 4, 8], ['record{u8,u16,u8}', rec(u8, u16, u8), 2, 6],
    ['tuple<u8,u64>', { kind: 'tuple', types: [u8, u64] }, 8, 16], ['record{u8}', rec(u8), 1, 1],
    ['option<u8>', { kind: 'option', type: u8 }, 1, 2], ['option<u32>', { kind: 'option', type: u32 }, 4, 8],
    ['option<u64>', { kind: 'option', type: u64 }, 8, 16], ['result', { kind: 'result' }, 1, 1],
    ['result<string,u8>', { kind: 'result', ok: prim('string'), err: u8 }, 4, 12],
    ['enum(1)', enumOf(1), 1, 1], ['enum(256)', enumOf(256), 1, 1], ['enum(257)', enumOf(257), 2, 2],
    ['variant{_,u8} x257', variant(...Array.from({ length: 256 }, () => undefined), u8), 2, 4],
    ['flags(1)', flagsOf(1), 1, 1], ['flags(8)', flagsOf(8), 1, 1], ['flags(9)', flagsOf(9), 2, 2],
    ['flags(16)', flagsOf(16), 2, 2], ['flags(17)', flagsOf(17), 4, 4], ['flags(32)', flagsOf(32), 4, 4],
    ['own', { kind: 'own', resource: new ResourceType('r', null) }, 4, 4],
    ['borrow', { kind: 'borrow', resource: new ResourceType('r', null) }, 4, 4],
  ];
  for (const [name, t, a, s] of table) {
    assert.equal(alignment(t), a, `alignment(${name})`);
    assert.equal(elemSize(t), s, `elem_size(${name})`);
  }
});

test('REQ-CM-ABI-001: discriminant sizes switch at 256 and 65536 cases; empty and oversized types are rejected', () => {
  assert.equal(discriminantSize(1), 1);
  assert.equal(discriminantSize(256), 1);
  assert.equal(discriminantSize(257), 2);
  assert.equal(discriminantSize(65536), 2);
  assert.equal(discriminantSize(65537), 4);
  assert.throws(() => elemSize(flagsOf(33)), EmbeddingError);
  assert.throws(() => elemSize(flagsOf(0)), EmbeddingError);
  assert.throws(() => elemSize(rec()), EmbeddingError);
  assert.throws(() => elemSize({ kind: 'variant', cases: [] }), EmbeddingError);
});

test('REQ-CM-ABI-002: flattening of value types, including the variant join of payload types', () => {
  assert.deepEqual(flattenType(prim('string')), [i32, i32]);
  assert.deepEqual(flattenType(rec(u64, prim('f32'))), [i64, f32]);
  assert.deepEqual(flattenType(prim('f64')), [f64]);
  assert.deepEqual(flattenType(flagsOf(32)), [i32]);
  assert.deepEqual(flattenType(enumOf(3)), [i32]);
  assert.deepEqual(flattenType(variant(prim('f32'), u32)), [i32, i32]);
  assert.deepEqual(flattenType(variant(prim('f32'), prim('f32'))), [i32, f32]);
  assert.deepEqual(flattenType(variant(prim('f32'), u64)), [i32, i64]);
  assert.deepEqual(flattenType(variant(prim('f64'), prim('f32'))), [i32, i64]);
  assert.deepEqual(flattenType(variant(rec(u8, u8), u64)), [i32, i64, i32]);
  assert.deepEqual(flattenType({ kind: 'option', type: prim('string') }), [i32, i32, i32]);
  assert.deepEqual(flattenType({ kind: 'result', ok: prim('f64'), err: prim('string') }), [i32, i64, i32]);
});

test('REQ-CM-ABI-003: flattenFuncType spills more than 16 parameters and more than 1 result', () => {
  const params = (n: number): CFuncType['params'] => Array.from({ length: n }, (_, i) => ({ name: `p${i}`, type: u32 }));
  assert.deepEqual(flattenFuncType({ params: params(16) }, 'lift'), { params: Array(16).fill(i32), results: [] });
  assert.deepEqual(flattenFuncType({ params: params(17) }, 'lift'), { params: [i32], results: [] });
  assert.deepEqual(flattenFuncType({ params: params(17) }, 'lower'), { params: [i32], results: [] });
  const two: CFuncType = { params: params(1), result: { kind: 'tuple', types: [u32, u32] } };
  assert.deepEqual(flattenFuncType(two, 'lift'), { params: [i32], results: [i32] });
  assert.deepEqual(flattenFuncType(two, 'lower'), { params: [i32, i32], results: [] });
  const one: CFuncType = { params: [], result: u64 };
  assert.deepEqual(flattenFuncType(one, 'lift'), { params: [], results: [i64] });
  assert.deepEqual(flattenFuncType(one, 'lower'), { params: [], results: [i64] });
  const both: CFuncType = { params: params(20), result: prim('string') };
  assert.deepEqual(flattenFuncType(both, 'lower'), { params: [i32, i32], results: [] });
  assert.deepEqual(flattenFuncType(both, 'lift'), { params: [i32], results: [i32] });
});

test('REQ-CM-ABI-004: requiredOptions names the memory and realloc options a sync lift or lower needs', () => {
  const str = prim('string');
  const p = (...ts: CType[]): CFuncType['params'] => ts.map((type, i) => ({ name: `p${i}`, type }));
  const none = { memory: false, realloc: false };
  const mem = { memory: true, realloc: false };
  const both = { memory: true, realloc: true };
  assert.deepEqual(requiredOptions({ params: p(u32), result: u32 }, 'lift'), none);
  assert.deepEqual(requiredOptions({ params: p(u32), result: u32 }, 'lower'), none);
  assert.deepEqual(requiredOptions({ params: p(str) }, 'lift'), both);
  assert.deepEqual(requiredOptions({ params: p(str) }, 'lower'), mem);
  assert.deepEqual(requiredOptions({ params: [], result: str }, 'lift'), mem);
  assert.deepEqual(requiredOptions({ params: [], result: str }, 'lower'), both);
  assert.deepEqual(requiredOptions({ params: p(...Array(17).fill(u32)) }, 'lift'), both);
  assert.deepEqual(requiredOptions({ params: p(...Array(17).fill(u32)) }, 'lower'), mem);
  const pair: CType = { kind: 'tuple', types: [u32, u32] };
  assert.deepEqual(requiredOptions({ params: [], result: pair }, 'lift'), mem);
  assert.deepEqual(requiredOptions({ params: [], result: pair }, 'lower'), mem);
  assert.deepEqual(requiredOptions({ params: p({ kind: 'option', type: { kind: 'list', elem: u8 } }) }, 'lower'), mem);
  const R = new ResourceType('r', null);
  assert.equal(containsBorrow({ kind: 'result', err: rec({ kind: 'borrow', resource: R }) }), true);
  assert.equal(containsBorrow({ kind: 'list', elem: { kind: 'own', resource: R } }), false);
});
