/** The embedding API: host objects, argument checking, value conversion, typed errors only. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddingError, LimitExceeded, Store, Trap, WasmError, load, ValType, type Value } from '../../../src/core/index.js';
import { setup, wat } from './wat.js';

test('REQ-CORE-API-001: invoke checks argument count and types with EmbeddingError', async () => {
  const { store, inst } = await setup('(module (func (export "f") (param i32 i64) (result i32) (local.get 0)))');
  const f = inst.exports.get('f')!;
  assert.throws(() => store.invoke(f, [{ type: 'i32', value: 1 }]), EmbeddingError);
  assert.throws(() => store.invoke(f, [{ type: 'i32', value: 1 }, { type: 'i32', value: 2 }]), EmbeddingError);
  assert.throws(() => store.invoke(f, [{ type: 'i32', value: 1 }, { type: 'i64', value: 2 as unknown as bigint }]), EmbeddingError);
  assert.throws(() => store.invoke({ kind: 'func', addr: 999, type: { params: [], results: [] } }, []), EmbeddingError);
  assert.throws(() => store.invokeExport(inst, 'nope'), EmbeddingError);
  assert.throws(() => store.invokeExport(inst, 'f', 1, 2), EmbeddingError); // 2 is not a bigint
  assert.deepEqual(store.invoke(f, [{ type: 'i32', value: 5 }, { type: 'i64', value: 6n }]), [{ type: 'i32', value: 5 }]);
});

test('REQ-CORE-API-002: host functions receive typed values and their results are type-checked', async () => {
  const store = new Store();
  const calls: Value[][] = [];
  const add = store.hostFunc({ params: [ValType.i32, ValType.f64], results: [ValType.f64] }, (a) => {
    calls.push(a);
    return [{ type: 'f64', value: (a[0]!.value as number) + (a[1]!.value as number), bits: 0n }];
  });
  const bad = store.hostFunc({ params: [], results: [ValType.i32] }, () => [{ type: 'i64', value: 1n }]);
  const boom = store.hostFunc({ params: [], results: [] }, () => { throw new TypeError('host broke'); });
  const m = load(await wat(`(module (import "h" "add" (func $add (param i32 f64) (result f64)))
    (import "h" "bad" (func $bad (result i32))) (import "h" "boom" (func $boom))
    (func (export "a") (result f64) (call $add (i32.const 2) (f64.const 0.5)))
    (func (export "b") (result i32) (call $bad))
    (func (export "c") (call $boom)))`));
  const inst = store.instantiate(m, { h: { add, bad, boom } });
  // f64 results are written from `bits` when given: 0n is +0.
  assert.deepEqual(store.invokeExport(inst, 'a'), [0]);
  assert.equal(calls[0]![0]!.value, 2);
  assert.equal(calls[0]![1]!.value, 0.5);
  assert.throws(() => store.invokeExport(inst, 'b'), (e: unknown) => e instanceof Trap && e.kind === 'host');
  assert.throws(() => store.invokeExport(inst, 'c'), (e: unknown) => e instanceof Trap && e.kind === 'host' && /host broke/.test(e.message));
  assert.deepEqual(store.invoke(add, [{ type: 'i32', value: 1 }, { type: 'f64', value: 1, bits: 0x3ff0000000000000n }]),
    [{ type: 'f64', value: 0, bits: 0n }]); // a host function can be invoked directly
});

test('REQ-CORE-API-003: externref values round-trip as the same host value; funcref values are addresses', async () => {
  const { store, inst } = await setup(`(module (table $t (export "t") 2 externref) (table $f 1 funcref) (elem (table $f) (i32.const 0) func $k)
    (func $k (result i32) (i32.const 9))
    (func (export "put") (param externref) (table.set $t (i32.const 0) (local.get 0)))
    (func (export "get") (result externref) (table.get $t (i32.const 0)))
    (func (export "fget") (result funcref) (table.get $f (i32.const 0)))
    (func (export "isnull") (param externref) (result i32) (ref.is_null (local.get 0))))`);
  const obj = { hello: 'world' };
  store.invokeExport(inst, 'put', obj);
  const [back] = store.invokeExport(inst, 'get');
  assert.equal(back, obj);
  assert.deepEqual(store.invokeExport(inst, 'isnull', null), [1]);
  assert.deepEqual(store.invokeExport(inst, 'isnull', 0), [0]); // 0 is a value, not null
  const [fr] = store.invoke(inst.exports.get('fget')!, []);
  assert.equal(fr!.type, 'funcref');
  const ref = fr!.value as { kind: string; addr: number };
  assert.equal(ref.kind, 'funcref');
  assert.deepEqual(store.invoke({ kind: 'func', addr: ref.addr, type: { params: [], results: [ValType.i32] } }, []), [{ type: 'i32', value: 9 }]);
});

test('REQ-CORE-API-004: load rejects malformed bytes with a typed error; every failure is a WasmError', async () => {
  assert.throws(() => load(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0])), WasmError);
  const store = new Store();
  assert.throws(() => store.globalValue({ kind: 'global', addr: 42, type: { valType: ValType.i32, mutable: false } }), EmbeddingError);
  assert.throws(() => store.memoryView({ kind: 'memory', addr: 42, type: { limits: { min: 0 } } }), EmbeddingError);
  assert.throws(() => store.hostGlobal({ valType: ValType.i32, mutable: false }, { type: 'f32', value: 1, bits: 0 }), EmbeddingError);
});

test('REQ-CORE-API-005: v128 arguments, results and globals cross the API as 16 bytes', async () => {
  const { store, inst } = await setup(`(module (global (export "g") v128 (v128.const i32x4 1 2 3 4))
    (func (export "swap") (param v128) (result v128) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0))))`);
  const bytes = Uint8Array.from({ length: 16 }, (_, i) => i);
  const [out] = store.invokeExport(inst, 'swap', bytes);
  assert.deepEqual(Array.from(out as Uint8Array), [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]);
  const g = store.globalValue(inst.exports.get('g')!);
  assert.deepEqual(Array.from(g.value as Uint8Array).slice(0, 8), [1, 0, 0, 0, 2, 0, 0, 0]);
});

test('REQ-CORE-API-006: a host function may invoke the store again (re-entrancy) and nesting is bounded', async () => {
  const store = new Store();
  let target: ReturnType<typeof store.hostFunc> | undefined;
  const reenter = store.hostFunc({ params: [ValType.i32], results: [ValType.i32] }, (a) => {
    const n = a[0]!.value as number;
    return store.invoke(target!, [{ type: 'i32', value: n }]);
  });
  const inst = store.instantiate(load(await wat(`(module (import "h" "re" (func $re (param i32) (result i32)))
    (func (export "f") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $re (i32.sub (local.get 0) (i32.const 1))))))))`)), { h: { re: reenter } });
  target = inst.exports.get('f')!;
  assert.deepEqual(store.invokeExport(inst, 'f', 20), [20]);
  assert.throws(() => store.invokeExport(inst, 'f', 1000), (e: unknown) => e instanceof LimitExceeded && e.limit === 'call-depth');
  assert.deepEqual(store.invokeExport(inst, 'f', 3), [3]); // the store recovered
});

test('REQ-CORE-API-007: the store refuses a module that did not come out of load()', () => {
  const genuine = load(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  const forged = { ...genuine };
  const store = new Store();
  assert.ok(store.instantiate(genuine, {}));
  assert.throws(() => store.instantiate(forged, {}), EmbeddingError);
});
