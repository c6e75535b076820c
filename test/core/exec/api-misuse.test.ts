/**
 * The embedding API against an embedder's mistakes, value by value: every way a JS caller (or a host
 * function) can hand the store something of the wrong shape ends in a typed error, and every value form
 * the API documents is accepted. Written to give each condition of the API's checks its own
 * independence pair (MC/DC, coverage/mcdc/README.md), through public calls only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddingError, LimitExceeded, LinkError, Store, Trap, load, type ExternVal, type Value } from '../../../src/core/index.js';
import { setup, wat } from './wat.js';

const i32 = (v: number): Value => ({ type: 'i32', value: v });
/** A value of an arbitrary (wrong) shape, passed where the API expects a Value. */
const raw = (v: unknown): Value => v as Value;

const IDS = `(module
  (func (export "id32") (param i32) (result i32) (local.get 0))
  (func (export "idf32") (param f32) (result f32) (local.get 0))
  (func (export "idf64") (param f64) (result f64) (local.get 0))
  (func (export "idv") (param v128) (result v128) (local.get 0))
  (func $f (export "f") (result i32) (i32.const 7))
  (func (export "fref") (result funcref) (ref.func $f))
  (func (export "idfr") (param funcref) (result funcref) (local.get 0))
  (func (export "idext") (param externref) (result externref) (local.get 0))
  (func (export "refs") (result i32) (local externref funcref) (i32.add
    (ref.is_null (local.get 0)) (ref.is_null (local.get 1))))
  (func (export "callrefs") (result i32) (call 8))
  (memory (export "mem") 1)
  (global (export "g") i32 (i32.const 5)))`;

test('REQ-CORE-API-001: an argument that is null, not an object, of another type or with a wrong payload is an EmbeddingError naming it', async () => {
  const { store, inst } = await setup(IDS);
  const f = (n: string): ExternVal => inst.exports.get(n)!;
  for (const bad of [null, 5, 'x', { type: 'i64', value: 1n }, { type: 'i32', value: '1' }]) {
    assert.throws(() => store.invoke(f('id32'), [raw(bad)]), (e: unknown) => e instanceof EmbeddingError && /argument 0/.test(e.message), JSON.stringify(String(bad)));
  }
  // The message names what was given: the type tag of an object, else the JS type.
  assert.throws(() => store.invoke(f('id32'), [raw({})]), /expected i32, got object/);
  assert.throws(() => store.invoke(f('id32'), [raw({ type: 'f64', value: 1 })]), /expected i32, got f64/);
  assert.throws(() => store.invoke(f('id32'), [raw(null)]), /got object/);
  assert.throws(() => store.invoke(f('id32'), [raw(3)]), /got number/);
  // v128 payloads must be 16 bytes in a Uint8Array.
  assert.throws(() => store.invoke(f('idv'), [raw({ type: 'v128', value: [1, 2, 3] })]), /16 bytes/);
  assert.throws(() => store.invoke(f('idv'), [raw({ type: 'v128', value: new Uint8Array(15) })]), /16 bytes/);
  // The argument list itself must be an array of the right length.
  assert.throws(() => store.invoke(f('id32'), raw('not a list') as unknown as Value[]), /expected 1 arguments, got string/);
  assert.throws(() => store.invoke(f('id32'), []), /expected 1 arguments, got 0/);
  assert.deepEqual(store.invoke(f('id32'), [i32(9)]), [i32(9)]);
});

test('REQ-CORE-API-001: f32 and f64 arguments are taken from their bits when given, else from their number value', async () => {
  const { store, inst } = await setup(IDS);
  const f32 = store.invoke(inst.exports.get('idf32')!, [raw({ type: 'f32', value: 1.5 })])[0]!;
  assert.equal(f32.type === 'f32' && f32.bits, 0x3fc00000);
  const nanBits = 0x7fa00001; // a signalling NaN payload survives only through `bits`
  const viaBits = store.invoke(inst.exports.get('idf32')!, [raw({ type: 'f32', value: NaN, bits: nanBits })])[0]!;
  assert.equal(viaBits.type === 'f32' && viaBits.bits, nanBits);
  const f64 = store.invoke(inst.exports.get('idf64')!, [raw({ type: 'f64', value: -2.25 })])[0]!;
  assert.equal(f64.type === 'f64' && f64.bits, 0xc002000000000000n);
  const f64Bits = store.invoke(inst.exports.get('idf64')!, [raw({ type: 'f64', value: 0, bits: 0x7ff0000000000abcn })])[0]!;
  assert.equal(f64Bits.type === 'f64' && f64Bits.bits, 0x7ff0000000000abcn);
});

test('REQ-CORE-API-003: a non-null funcref argument is the function it names; undefined as externref is the null reference; ref-typed locals start null', async () => {
  const { store, inst } = await setup(IDS);
  const ref = store.invoke(inst.exports.get('fref')!, [])[0]!;
  assert.equal(ref.type, 'funcref');
  assert.deepEqual(store.invoke(inst.exports.get('idfr')!, [ref]), [ref]);
  assert.deepEqual(store.invokeExport(inst, 'idext', undefined), [null]);
  assert.deepEqual(store.invokeExport(inst, 'idfr', null), [null]);
  assert.deepEqual(store.invokeExport(inst, 'idfr', ref.value), [ref.value]);
  // Declared (non-parameter) locals of reference type are null on entry and on every call.
  assert.deepEqual(store.invokeExport(inst, 'refs'), [2]);
  assert.deepEqual(store.invokeExport(inst, 'callrefs'), [2]);
});

test('REQ-CORE-API-001: invokeExport converts plain JS arguments by type and refuses the wrong kind, name or count', async () => {
  const { store, inst } = await setup(IDS);
  assert.deepEqual(store.invokeExport(inst, 'idf32', 0.5), [0.5]);
  assert.deepEqual(store.invokeExport(inst, 'idf64', 0.1), [0.1]);
  const bytes = Uint8Array.from({ length: 16 }, (_, i) => i);
  assert.deepEqual(store.invokeExport(inst, 'idv', bytes), [bytes]);
  for (const [name, bad] of [['idf32', '1'], ['idf64', 1n], ['idv', new Uint8Array(8)], ['idv', [0]], ['idfr', 'f'], ['idfr', { kind: 'global' }], ['id32', 2n]] as const) {
    assert.throws(() => store.invokeExport(inst, name, bad), EmbeddingError, `${name}(${String(bad)})`);
  }
  assert.throws(() => store.invokeExport(inst, 'mem'), /no exported function "mem"/);
  assert.throws(() => store.invokeExport(inst, 'missing'), /no exported function "missing"/);
  assert.throws(() => store.invokeExport(inst, 'id32'), /expected 1 arguments, got 0/);
});

test('REQ-CORE-API-004: start, globalValue and memoryView refuse anything that is not a function, global or memory of the store', async () => {
  const { store, inst } = await setup(IDS);
  const other = new Store();
  for (const bad of [null, 7, { kind: 'global', addr: 0 }, { kind: 'func', addr: 9999 }]) {
    assert.throws(() => store.start(raw(bad) as unknown as ExternVal, []), /not a function of this store/);
  }
  assert.throws(() => store.globalValue(inst.exports.get('mem')!), /not a global of this store/);
  assert.throws(() => store.memoryView(inst.exports.get('g')!), /not a memory of this store/);
  assert.deepEqual(store.globalValue(inst.exports.get('g')!), i32(5));
  assert.throws(() => other.globalValue(inst.exports.get('g')!), EmbeddingError);
  assert.throws(() => store.hostFunc({ params: [], results: [] }, raw('not a function') as unknown as () => Value[]), /must be a function/);
});

test('REQ-CORE-API-004: run refuses fuel that is not a non-negative number, and a running execution refuses to run or be abandoned from inside', async () => {
  const { store, inst } = await setup(IDS);
  const ex = store.start(inst.exports.get('id32')!, [i32(1)]);
  for (const bad of ['5', -1, NaN]) assert.throws(() => ex.run(raw(bad) as unknown as number), /fuel must be a non-negative number/);
  assert.deepEqual(ex.run(100), { status: 'done', values: [i32(1)] });

  // A host function that reaches back into the execution calling it.
  let self: ReturnType<Store['start']> | undefined;
  let abandoned = false;
  const s2 = new Store();
  const reenter = s2.hostFunc({ params: [], results: [0x7f] }, () => {
    self!.abandon(); // no effect while running
    abandoned = true;
    return [i32(self!.finished ? 1 : 0)];
  });
  const again = s2.hostFunc({ params: [], results: [] }, () => { self!.run(10); return []; });
  const m = load(await wat(`(module (import "h" "r" (func $r (result i32))) (import "h" "a" (func $a))
    (func (export "r") (result i32) (call $r)) (func (export "a") (call $a)))`));
  const i2 = s2.instantiate(m, { h: { r: reenter, a: again } });
  self = s2.start(i2.exports.get('r')!, []);
  assert.deepEqual(self.run(100), { status: 'done', values: [i32(0)] });
  assert.ok(abandoned);
  self = s2.start(i2.exports.get('a')!, []);
  const r = self.run(100);
  assert.equal(r.status, 'trapped');
  assert.ok(r.status === 'trapped' && r.error instanceof EmbeddingError && /already running/.test(r.error.message));
});

test('REQ-CORE-API-002: a host function as the entry of an execution pauses without fuel and when it suspends, and invoke refuses a suspension', async () => {
  const store = new Store();
  let suspend = true;
  let calls = 0;
  const h = store.hostFunc({ params: [0x7f], results: [0x7f] }, ([a]) => {
    calls++;
    if (suspend) store.suspendHostCall();
    return [i32((a!.value as number) + 1)];
  });
  const ex = store.start(h, [i32(1)]);
  assert.deepEqual(ex.run(0), { status: 'paused', fuelUsed: 0 });
  assert.equal(calls, 0, 'no fuel, no call');
  assert.deepEqual(ex.run(5), { status: 'paused', fuelUsed: 1 });
  suspend = false;
  assert.deepEqual(ex.run(5), { status: 'done', values: [i32(2)] });
  assert.equal(calls, 2, 'the suspended call was repeated');
  suspend = true;
  assert.throws(() => store.invoke(h, [i32(1)]), /a host function suspended its call/);
});

test('REQ-CORE-API-002: whatever a host function returns or throws that does not fit its type becomes Trap(host)', async () => {
  const store = new Store();
  const results: unknown[] = ['x', [], [null], [5], [{ type: 'i64', value: 1n }], [{ type: 'i32', value: 'one' }]];
  const messages = [/returned string values, expected 1/, /returned 0 values, expected 1/, /result 0 is not of type i32/, /result 0 is not of type i32/,
    /result 0 is not of type i32/, /i32 value must be a number/];
  let next: unknown;
  const h = store.hostFunc({ params: [], results: [0x7f] }, () => next as Value[]);
  const m = load(await wat(`(module (import "h" "f" (func $f (result i32))) (func (export "c") (result i32) (call $f)))`));
  const inst = store.instantiate(m, { h: { f: h } });
  results.forEach((r, i) => {
    next = r;
    assert.throws(() => store.invoke(inst.exports.get('c')!, []), (e: unknown) => e instanceof Trap && e.kind === 'host' && messages[i]!.test(e.message), String(i));
  });
  const thrower = store.hostFunc({ params: [], results: [] }, () => { throw 'a plain string'; });
  assert.throws(() => store.invoke(thrower, []), (e: unknown) => e instanceof Trap && e.kind === 'host' && /a plain string/.test(e.message));
  const errorThrower = store.hostFunc({ params: [], results: [] }, () => { throw new TypeError('typed'); });
  assert.throws(() => store.invoke(errorThrower, []), (e: unknown) => e instanceof Trap && e.kind === 'host' && /typed/.test(e.message));
});

test('REQ-CORE-EXEC-001: an import given as null or a non-object is "unknown import"; one naming no object of the store is "incompatible import type"', async () => {
  const text = `(module (import "m" "f" (func)) (import "m" "t" (table 1 funcref)) (import "m" "mem" (memory 1)) (import "m" "g" (global i32)))`;
  const m = load(await wat(text));
  const store = new Store();
  const good = {
    f: store.hostFunc({ params: [], results: [] }, () => []),
    t: store.hostTable({ elemType: 0x70, limits: { min: 1 } }),
    mem: store.hostMemory({ limits: { min: 1 } }),
    g: store.hostGlobal({ valType: 0x7f, mutable: false }, i32(1)),
  };
  store.instantiate(m, { m: good });
  for (const bad of [null, 42]) {
    assert.throws(() => store.instantiate(m, { m: { ...good, f: raw(bad) as unknown as ExternVal } }), (e: unknown) => e instanceof LinkError && /unknown import/.test(e.message));
  }
  for (const name of ['f', 't', 'mem', 'g'] as const) {
    const dangling = { ...good[name], addr: 10_000 } as ExternVal;
    assert.throws(() => store.instantiate(m, { m: { ...good, [name]: dangling } }), (e: unknown) => e instanceof LinkError && /incompatible import type/.test(e.message), name);
  }
});

test('REQ-CORE-LIM-003: a table larger than the store\'s table limit is refused with LimitExceeded(table)', () => {
  const store = new Store({ limits: { tableElements: 10 } });
  assert.throws(() => store.hostTable({ elemType: 0x70, limits: { min: 11 } }), (e: unknown) => e instanceof LimitExceeded && e.limit === 'table');
  assert.equal(new LimitExceeded('table', 10).message, 'limit exceeded: table (10)', 'the detail is optional');
  assert.equal(store.hostTable({ elemType: 0x70, limits: { min: 10 } }).kind, 'table');
});
