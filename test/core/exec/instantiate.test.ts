/** Instantiation: import matching, allocation order, segment initialization order, partial init, start. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinkError, Store, Trap, load, ValType, type ExternVal, type Value } from '../../../src/core/index.js';
import { wat } from './wat.js';

const i32 = (value: number): Value => ({ type: 'i32', value });
const linkErr = (reason: string) => (e: unknown): boolean => e instanceof LinkError && e.reason === reason;

test('REQ-CORE-EXEC-001: a missing import raises LinkError "unknown import"', async () => {
  const store = new Store();
  const m = load(await wat('(module (import "env" "f" (func)))'));
  assert.throws(() => store.instantiate(m, {}), linkErr('unknown import'));
  assert.throws(() => store.instantiate(m, { env: {} }), linkErr('unknown import'));
  assert.throws(() => store.instantiate(m, { env: { g: store.hostFunc({ params: [], results: [] }, () => []) } }), linkErr('unknown import'));
});

test('REQ-CORE-EXEC-002: kind, function type, global type and limits mismatches raise "incompatible import type"', async () => {
  const store = new Store();
  const f = store.hostFunc({ params: [ValType.i32], results: [] }, () => []);
  const g = store.hostGlobal({ valType: ValType.i32, mutable: false }, i32(1));
  const mem = store.hostMemory({ limits: { min: 1, max: 4 } });
  const tab = store.hostTable({ elemType: ValType.funcref, limits: { min: 2 } });
  const cases: [string, Record<string, ExternVal>][] = [
    ['(import "m" "x" (func))', { x: f }],
    ['(import "m" "x" (func (param i32)))', { x: g }],
    ['(import "m" "x" (global (mut i32)))', { x: g }],
    ['(import "m" "x" (global i64))', { x: g }],
    ['(import "m" "x" (memory 2))', { x: mem }],
    ['(import "m" "x" (memory 1 3))', { x: mem }],
    ['(import "m" "x" (table 3 funcref))', { x: tab }],
    ['(import "m" "x" (table 1 5 funcref))', { x: tab }],
    ['(import "m" "x" (table 1 externref))', { x: tab }],
  ];
  for (const [imp, fields] of cases) {
    const m = load(await wat(`(module ${imp})`));
    assert.throws(() => store.instantiate(m, { m: fields }), linkErr('incompatible import type'), imp);
  }
  for (const [imp, fields] of [
    ['(import "m" "x" (func (param i32)))', { x: f }],
    ['(import "m" "x" (memory 1 4))', { x: mem }],
    ['(import "m" "x" (memory 0))', { x: mem }],
    ['(import "m" "x" (table 2 funcref))', { x: tab }],
    ['(import "m" "x" (global i32))', { x: g }],
  ] as [string, Record<string, ExternVal>][]) {
    store.instantiate(load(await wat(`(module ${imp})`)), { m: fields });
  }
});

test('REQ-CORE-EXEC-003: import limits are matched against the current size of a grown memory', async () => {
  const store = new Store();
  const mem = store.hostMemory({ limits: { min: 1 } });
  const grower = store.instantiate(load(await wat(`(module (import "m" "mem" (memory 1))
    (func (export "g") (result i32) (memory.grow (i32.const 2))))`)), { m: { mem } });
  const needs3 = load(await wat('(module (import "m" "mem" (memory 3)))'));
  assert.throws(() => store.instantiate(needs3, { m: { mem } }), linkErr('incompatible import type'));
  assert.deepEqual(store.invokeExport(grower, 'g'), [1]);
  store.instantiate(needs3, { m: { mem } });
});

test('REQ-CORE-EXEC-004: a trapping element segment keeps earlier segments, skips data, and its functions stay callable', async () => {
  const store = new Store();
  const tab = store.hostTable({ elemType: ValType.funcref, limits: { min: 3 } });
  const mem = store.hostMemory({ limits: { min: 1 } });
  const bad = load(await wat(`(module (import "m" "t" (table 3 funcref)) (import "m" "mem" (memory 1))
    (func $seven (result i32) (i32.const 7))
    (elem (i32.const 0) $seven)
    (elem (i32.const 2) $seven $seven)
    (data (i32.const 0) "x"))`));
  assert.throws(() => store.instantiate(bad, { m: { t: tab, mem } }), (e: unknown) => e instanceof Trap && e.kind === 'out of bounds table access');
  assert.equal(store.memoryView(mem)[0], 0); // data segments come after element segments
  const user = store.instantiate(load(await wat(`(module (import "m" "t" (table 3 funcref))
    (func (export "ci") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
    (func (export "isnull") (param i32) (result i32) (ref.is_null (table.get (local.get 0)))))`)), { m: { t: tab } });
  assert.deepEqual(store.invokeExport(user, 'ci', 0), [7]); // written by the failed instance, still callable
  assert.deepEqual(store.invokeExport(user, 'isnull', 1), [1]);
  assert.deepEqual(store.invokeExport(user, 'isnull', 2), [1]); // the trapping segment wrote nothing
});

test('REQ-CORE-EXEC-005: a trapping data segment keeps earlier data segments and the start function does not run', async () => {
  const store = new Store();
  const mem = store.hostMemory({ limits: { min: 1 } });
  let started = 0;
  const hit = store.hostFunc({ params: [], results: [] }, () => { started++; return []; });
  const m = load(await wat(`(module (import "m" "mem" (memory 1)) (import "m" "hit" (func $hit))
    (data (i32.const 10) "ab") (data (i32.const 65535) "cd") (data (i32.const 20) "ef")
    (start $hit))`));
  assert.throws(() => store.instantiate(m, { m: { mem, hit } }), (e: unknown) => e instanceof Trap && e.kind === 'out of bounds memory access');
  const bytes = store.memoryView(mem);
  assert.deepEqual([bytes[10], bytes[11], bytes[20]], [0x61, 0x62, 0]);
  assert.equal(started, 0);
});

test('REQ-CORE-EXEC-006: the start function runs after segments and globals, and its trap fails instantiation', async () => {
  const store = new Store();
  const got: number[] = [];
  const report = store.hostFunc({ params: [ValType.i32], results: [] }, (a) => { got.push(a[0]!.value as number); return []; });
  const m = load(await wat(`(module (import "h" "r" (func $r (param i32)))
    (memory 1) (global $g i32 (i32.const 5)) (table 1 funcref) (elem (i32.const 0) $s)
    (data (i32.const 0) "\\2a")
    (func $s (call $r (i32.add (i32.load8_u (i32.const 0)) (global.get $g))))
    (start $s))`));
  store.instantiate(m, { h: { r: report } });
  assert.deepEqual(got, [47]);
  const trapping = load(await wat('(module (func $s unreachable) (start $s))'));
  assert.throws(() => store.instantiate(trapping, {}), (e: unknown) => e instanceof Trap && e.kind === 'unreachable');
});

test('REQ-CORE-EXEC-007: exports and globals: constant expressions, imported global values, shared mutable globals', async () => {
  const store = new Store();
  const base = store.hostGlobal({ valType: ValType.i64, mutable: false }, { type: 'i64', value: -9n });
  const shared = store.hostGlobal({ valType: ValType.i32, mutable: true }, i32(3));
  const inst = store.instantiate(load(await wat(`(module
    (import "h" "base" (global $b i64)) (import "h" "s" (global $s (mut i32)))
    (global (export "copy") i64 (global.get $b))
    (global (export "pi") f64 (f64.const 3.25))
    (global (export "nan") f32 (f32.const nan:0x200001))
    (func (export "bump") (global.set $s (i32.add (global.get $s) (i32.const 1)))))`)), { h: { base, s: shared } });
  assert.deepEqual(store.globalValue(inst.exports.get('copy')!), { type: 'i64', value: -9n });
  assert.equal(store.globalValue(inst.exports.get('pi')!).value, 3.25);
  const nan = store.globalValue(inst.exports.get('nan')!);
  assert.equal(nan.type === 'f32' ? nan.bits : 0, 0x7fa00001);
  store.invokeExport(inst, 'bump');
  assert.deepEqual(store.globalValue(shared), i32(4));
});
