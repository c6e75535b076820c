/** canon lift / canon lower: spilling, post-return, realloc faults, may_leave and reentrance. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbeddingError, Trap } from '../../../src/core/errors.js';
import type { ExternVal, Value } from '../../../src/core/index.js';
import {
  AbiInstance, CONTEXT_GET_TYPE, CONTEXT_SET_TYPE, ResourceType, RESOURCE_NEW_TYPE, canonContextGet, canonContextSet,
  canonLift, canonLower, canonResourceNew, flattenFuncType,
  type CanonContext, type CFuncType, type ComponentFunc,
} from '../../../src/component/abi/index.js';
import { canonCx, i32, libc, prim, type Libc } from './harness.js';

const trapWith = (re: RegExp) => (e: unknown): boolean => e instanceof Trap && re.test(e.message);
const U32 = prim('u32');
const params = (n: number): CFuncType['params'] => Array.from({ length: n }, (_, i) => ({ name: `p${i}`, type: U32 }));

const exp = (l: Libc, name: string): ExternVal => l.exports.get(name)!;
const call = (l: Libc, name: string, args: Value[] = []): Value[] => l.store.invoke(exp(l, name), args);

/** A component's core code with one lowered import `host.f` of type `ft`, bound later to `impl`. */
async function withImport(ft: CFuncType, body: string, extraImports = ''): Promise<{ l: Libc; bind: (cx: CanonContext, impl: ComponentFunc) => void; bindRaw: (name: string, f: (a: Value[]) => Value[]) => void }> {
  const lower = flattenFuncType(ft, 'lower');
  const w = (ts: readonly number[]): string => ts.map((t) => ({ 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64' } as Record<number, string>)[t]!).join(' ');
  const sig = (lower.params.length ? ` (param ${w(lower.params)})` : '') + (lower.results.length ? ` (result ${w(lower.results)})` : '');
  let impl: ((a: Value[]) => Value[]) | undefined;
  const raw = new Map<string, (a: Value[]) => Value[]>();
  const l = await libc(`(import "host" "f" (func $f${sig})) ${extraImports} ${body}`, (s) => {
    const host: Record<string, ExternVal> = { f: s.hostFunc(lower, (a) => impl!(a)) };
    host.rnew = s.hostFunc(RESOURCE_NEW_TYPE, (a) => raw.get('rnew')!(a));
    return { host };
  });
  return {
    l,
    bind: (cx, f) => { impl = canonLower(cx, f, ft); },
    bindRaw: (name, f) => { raw.set(name, f); },
  };
}

test('REQ-CM-ABI-040: canon lift spills more than 16 parameters into memory allocated with realloc', async () => {
  const l = await libc(`
    (func (export "sum") (param $p i32) (result i32) (local $i i32) (local $s i32)
      (block $done (loop $next
        (br_if $done (i32.eq (local.get $i) (i32.const 17)))
        (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (local.get $s))`);
  const ft: CFuncType = { params: params(17), result: U32 };
  const args = Array.from({ length: 17 }, (_, i) => i + 1);
  assert.equal(canonLift(canonCx(l), exp(l, 'sum'), ft, args), 153);
  assert.deepEqual(l.reallocs.map((c) => [c.old, c.oldSize, c.align, c.newSize]), [[0, 0, 4, 68]]);
});

test('REQ-CM-ABI-041: canon lower reads spilled parameters from memory and writes a spilled result through the out-pointer', async () => {
  const ft: CFuncType = { params: params(17), result: { kind: 'tuple', types: [U32, prim('string')] } };
  const { l, bind } = await withImport(ft, `
    (func (export "run") (param $ret i32) (local $i i32)
      (block $done (loop $next
        (br_if $done (i32.eq (local.get $i) (i32.const 17)))
        (i32.store (i32.add (i32.const 256) (i32.shl (local.get $i) (i32.const 2))) (i32.mul (local.get $i) (i32.const 10)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (call $f (i32.const 256) (local.get $ret)))`);
  let got: unknown[] = [];
  bind(canonCx(l), (args) => { got = args; return [7, 'hé']; });
  call(l, 'run', [i32(512)]);
  assert.deepEqual(got, Array.from({ length: 17 }, (_, i) => i * 10));
  const dv = new DataView(l.bytes().buffer);
  assert.equal(dv.getUint32(512, true), 7);
  const ptr = dv.getUint32(516, true);
  assert.equal(dv.getUint32(520, true), 3);
  assert.deepEqual([...l.bytes().subarray(ptr, ptr + 3)], [0x68, 0xc3, 0xa9]);
  // A misaligned or out-of-bounds out-pointer traps before anything is written.
  assert.throws(() => call(l, 'run', [i32(513)]), trapWith(/unaligned pointer/));
  assert.throws(() => call(l, 'run', [i32(l.bytes().length - 4)]), trapWith(/out-of-bounds/));
});

test('REQ-CM-ABI-042: a spilled lifted result is read through the returned pointer, which is alignment- and bounds-checked', async () => {
  const l = await libc(`
    (func (export "pair") (param i32) (result i32)
      (i32.store (i32.const 128) (i32.const 5)) (i32.store (i32.const 132) (i32.const 6)) (local.get 0))`);
  const ft: CFuncType = { params: params(1), result: { kind: 'tuple', types: [U32, U32] } };
  assert.deepEqual(canonLift(canonCx(l), exp(l, 'pair'), ft, [128]), [5, 6]);
  assert.throws(() => canonLift(canonCx(l), exp(l, 'pair'), ft, [130]), trapWith(/unaligned pointer/));
  assert.throws(() => canonLift(canonCx(l), exp(l, 'pair'), ft, [l.bytes().length - 4]), trapWith(/out-of-bounds/));
});

test('REQ-CM-ABI-043: post-return runs once after the results are lifted and receives the flat results', async () => {
  const l = await libc(`
    (global $n (mut i32) (i32.const 0)) (global $arg (mut i32) (i32.const 0))
    (data (i32.const 256) "hi")
    (func (export "get") (result i32) (i32.store (i32.const 128) (i32.const 256)) (i32.store (i32.const 132) (i32.const 2)) (i32.const 128))
    (func (export "post") (param i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.set $arg (local.get 0))
      (i32.store (i32.const 256) (i32.const 0)))
    (func (export "n") (result i32) (global.get $n)) (func (export "arg") (result i32) (global.get $arg))`);
  const ft: CFuncType = { params: [], result: prim('string') };
  assert.equal(canonLift(canonCx(l, 'utf8', undefined, { postReturn: exp(l, 'post') }), exp(l, 'get'), ft, []), 'hi');
  assert.deepEqual(call(l, 'n'), [i32(1)]);
  assert.deepEqual(call(l, 'arg'), [i32(128)]);
});

test('REQ-CM-ABI-044: calls out of the instance trap during post-return and realloc (may_leave)', async () => {
  const ft: CFuncType = { params: [] };
  const { l, bind, bindRaw } = await withImport(ft, `
    (func (export "noop"))
    (func (export "post-calls-import") (call $f))
    (func (export "post-calls-resource-new") (drop (call $rnew (i32.const 1))))`,
  '(import "host" "rnew" (func $rnew (param i32) (result i32)))');
  const inst = new AbiInstance(null, 'c');
  bind(canonCx(l, 'utf8', inst), () => undefined);
  bindRaw('rnew', canonResourceNew(inst, new ResourceType('r', inst)));
  for (const post of ['post-calls-import', 'post-calls-resource-new']) {
    const cx = canonCx(l, 'utf8', inst, { postReturn: exp(l, post) });
    assert.throws(() => canonLift(cx, exp(l, 'noop'), ft, []), trapWith(/cannot leave component instance/), post);
    assert.equal(inst.mayLeave, true, 'restored after the trap');
    assert.equal(inst.mayEnter, true, 'restored after the trap');
  }
  // realloc runs with may_leave cleared too: a lowered import called from inside it traps.
  const lowered = canonLower(canonCx(l, 'utf8', inst), () => undefined, ft);
  const reentrant: CanonContext = {
    inst,
    opts: { stringEncoding: 'utf8', memory: l.memory, realloc: l.realloc },
    core: { invoke: (f, a) => { if (f.addr === l.realloc.addr) lowered([]); return l.core.invoke(f, a); }, memoryView: (m) => l.core.memoryView(m) },
  };
  assert.throws(() => canonLift(reentrant, exp(l, 'noop'), { params: [{ name: 's', type: prim('string') }] }, ['x']), trapWith(/cannot leave component instance/));
  assert.equal(inst.mayLeave, true);
});

test('REQ-CM-ABI-045: realloc results are alignment- and bounds-checked, even for zero-byte allocations', async () => {
  const l = await libc('(func (export "take") (param i32 i32))');
  const ft: CFuncType = { params: [{ name: 'xs', type: { kind: 'list', elem: U32 } }] };
  canonLift(canonCx(l), exp(l, 'take'), ft, [[]]);
  assert.deepEqual(l.reallocs.map((c) => [c.old, c.oldSize, c.align, c.newSize]), [[0, 0, 4, 0]]);
  l.store.invoke(l.setMode, [i32(1)]);
  assert.throws(() => canonLift(canonCx(l), exp(l, 'take'), ft, [[1, 2]]), trapWith(/realloc return: result not aligned/));
  l.store.invoke(l.setMode, [i32(2)]);
  assert.throws(() => canonLift(canonCx(l), exp(l, 'take'), ft, [[1, 2]]), trapWith(/realloc return: beyond end of memory/));
  assert.throws(() => canonLift(canonCx(l), exp(l, 'take'), ft, [[]]), trapWith(/realloc return: beyond end of memory/));
  // Without a realloc option, lowering a list traps with the reason.
  assert.throws(() => canonLift({ ...canonCx(l), opts: { stringEncoding: 'utf8', memory: l.memory } }, exp(l, 'take'), ft, [[1]]), trapWith(/no `realloc` option/));
});

test('REQ-CM-ABI-046: a component instance cannot be re-entered while it runs a call; the flags recover when it returns', async () => {
  const ft: CFuncType = { params: [] };
  const { l, bind } = await withImport(ft, '(func (export "run") (call $f)) (func (export "noop")) (func (export "boom") unreachable)');
  const inst = new AbiInstance(null, 'c');
  const other = new AbiInstance(null, 'd');
  let mode: 'same' | 'other' = 'same';
  bind(canonCx(l, 'utf8', inst), () => {
    canonLift(canonCx(l, 'utf8', mode === 'same' ? inst : other), exp(l, 'noop'), ft, []);
    return undefined;
  });
  assert.throws(() => canonLift(canonCx(l, 'utf8', inst), exp(l, 'run'), ft, []), trapWith(/cannot enter component instance c/));
  assert.equal(inst.mayEnter, true);
  assert.match(inst.lockdown ?? '', /reentrance/, 'the reentrance trap locked c down (REQ-CM-ABI-059)');
  inst.lockdown = null; // lifted here only to check that the reentrance flags were released
  mode = 'other';
  canonLift(canonCx(l, 'utf8', inst), exp(l, 'run'), ft, []);
  canonLift(canonCx(l, 'utf8', inst), exp(l, 'noop'), ft, []);
  assert.equal(inst.mayEnter, true);
});

test('REQ-CM-ABI-059: a trap locks the instance down: every later call into it traps, other instances are unaffected', async () => {
  const ft: CFuncType = { params: [] };
  const { l } = await withImport(ft, '(func (export "noop")) (func (export "boom") unreachable)');
  const inst = new AbiInstance(null, 'c');
  const other = new AbiInstance(null, 'd');
  // An embedder's bad argument is found before the callee runs: no lockdown.
  assert.throws(() => canonLift(canonCx(l, 'utf8', inst), exp(l, 'noop'), ft, [1]), EmbeddingError);
  canonLift(canonCx(l, 'utf8', inst), exp(l, 'noop'), ft, []);
  assert.throws(() => canonLift(canonCx(l, 'utf8', inst), exp(l, 'boom'), ft, []), trapWith(/unreachable/));
  assert.equal(inst.mayEnter, true, 'the reentrance flag is released');
  assert.match(inst.lockdown ?? '', /unreachable/);
  assert.throws(() => canonLift(canonCx(l, 'utf8', inst), exp(l, 'noop'), ft, []), trapWith(/cannot enter component instance c: it is locked down after a trap \(.*unreachable/));
  canonLift(canonCx(l, 'utf8', other), exp(l, 'noop'), ft, []);
});

test('REQ-CM-ABI-046: entering a child from its parent and the parent from the child is allowed; entering from the host is not', () => {
  const p = new AbiInstance(null, 'P');
  const c1 = new AbiInstance(p, 'C1');
  const c2 = new AbiInstance(p, 'C2');
  const host = p.enterFrom(null);
  const toC1 = c1.enterFrom(p);
  assert.deepEqual(toC1, [c1]);
  const toC2 = c2.enterFrom(c1);
  assert.deepEqual(toC2, [c2]);
  assert.deepEqual(p.enterFrom(c2), [], 'donut wrapping: the parent is already entered');
  assert.throws(() => c1.enterFrom(p), trapWith(/cannot enter component instance C1/));
  assert.throws(() => c1.enterFrom(null), trapWith(/cannot enter/));
  AbiInstance.leave(toC2);
  AbiInstance.leave(toC1);
  AbiInstance.leave(host);
  assert.ok(p.mayEnter && c1.mayEnter && c2.mayEnter);
  assert.ok(c1.mayEnterFrom(null));
});

test('REQ-CM-ABI-047: wrong arguments and wrong host results are EmbeddingErrors, not traps', async () => {
  const ft: CFuncType = { params: [], result: U32 };
  const { l, bind } = await withImport(ft, '(func (export "run") (result i32) (call $f)) (func (export "two") (param i32) (result i32) (local.get 0))');
  const cx = canonCx(l);
  bind(cx, () => 'not a number');
  assert.throws(() => canonLift(cx, exp(l, 'run'), ft, []), EmbeddingError);
  assert.equal(cx.inst.mayEnter, true);
  assert.notEqual(cx.inst.lockdown, null, 'the guest was interrupted mid-call: locked down');
  // Argument errors are found before the callee runs; a fresh instance checks them.
  const cx2 = canonCx(l);
  assert.throws(() => canonLift(cx2, exp(l, 'two'), { params: params(1), result: U32 }, []), EmbeddingError);
  assert.throws(() => canonLift(cx2, exp(l, 'two'), { params: params(1), result: U32 }, [1, 2]), EmbeddingError);
  assert.throws(() => canonLift(cx2, exp(l, 'two'), { params: params(1), result: U32 }, [-1]), EmbeddingError);
  assert.equal(canonLift(cx2, exp(l, 'two'), { params: [{ name: 'x', type: prim('s32') }], result: prim('s32') }, [-1]), -1);
  assert.equal(canonLift(cx2, exp(l, 'two'), { params: params(1), result: U32 }, [2 ** 32 - 1]), 2 ** 32 - 1);
});

test('REQ-CM-ABI-058: context.get/set use per-call thread storage that starts at 0 and lasts through post-return', async () => {
  const inst = new AbiInstance(null, 'c');
  const l = await libc(`
    (import "host" "cget" (func $cget (result i32)))
    (import "host" "cset" (func $cset (param i32)))
    (global $saved (mut i32) (i32.const -1))
    (func (export "f") (result i32) (call $cset (i32.const 42)) (i32.const 7))
    (func (export "f-pr") (param i32) (global.set $saved (call $cget)))
    (func (export "saved") (result i32) (global.get $saved))
    (func (export "g") (result i32) (call $cget))`,
  (s) => ({ host: { cget: s.hostFunc(CONTEXT_GET_TYPE, canonContextGet(inst, 0)), cset: s.hostFunc(CONTEXT_SET_TYPE, canonContextSet(inst, 0)) } }));
  const ft: CFuncType = { params: [], result: U32 };
  assert.equal(canonLift(canonCx(l, 'utf8', inst, { postReturn: exp(l, 'f-pr') }), exp(l, 'f'), ft, []), 7);
  assert.deepEqual(call(l, 'saved'), [i32(42)], 'post-return runs in the thread of the call');
  assert.equal(canonLift(canonCx(l, 'utf8', inst), exp(l, 'g'), ft, []), 0, 'a new call starts with zeroed storage');
  assert.deepEqual(canonContextGet(inst, 0)([]), [i32(0)], 'outside calls the base storage is untouched');
  assert.throws(() => canonContextGet(inst, 2), EmbeddingError);
});
