/**
 * Instruction semantics, differential: the same bytes run in this interpreter and in V8's
 * WebAssembly, on boundary values; results (bit-exact except NaN payloads) and traps must agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, load, Trap, f32Value, f64Value, type Value } from '../../../src/core/index.js';
import { isV8Trap, v8Instance, v8Memory, wat } from './wat.js';

const I32 = [0, 1, -1, 2, 7, 31, 32, 33, 0x7fffffff, -0x80000000, 12345, -7, 0x55555555, -2];
const I64 = [0n, 1n, -1n, 2n, 63n, 64n, 65n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 0x100000000n, -7n,
  123456789012345n, -0x100000001n];
const F32 = [0, -0, 1, -1, 1.5, -2.5, 0.5, 2.5, Infinity, -Infinity, NaN, 3.4028234663852886e38, 1.401298464324817e-45,
  2147483648, -2147483904, 4294967296, 1e20, -0.75, 9.223372036854776e18].map(Math.fround);
const F64 = [0, -0, 1, -1, 1.5, -2.5, 0.5, 2.5, Infinity, -Infinity, NaN, 1.7976931348623157e308, 5e-324, 2147483647.5,
  -2147483648.9, 4294967295.5, 9.223372036854776e18, -9.223372036854776e18, 1.8446744073709552e19, 1e300, 4.5, -3.5];

type T = 'i32' | 'i64' | 'f32' | 'f64';
const inputs: Record<T, readonly (number | bigint)[]> = { i32: I32, i64: I64, f32: F32, f64: F64 };

interface OpCase { readonly name: string; readonly params: readonly T[]; readonly result: T }

function family(t: T, names: string[], params: T[], result: T): OpCase[] {
  return names.map((n) => ({ name: `${t}.${n}`, params, result }));
}

const intBin = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const intCmp = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const fBin = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
const fCmp = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const fUn = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'];

const CASES: Record<string, OpCase[]> = {
  'REQ-CORE-EXEC-010: i32 arithmetic, bitwise and comparison': [
    ...family('i32', intBin, ['i32', 'i32'], 'i32'), ...family('i32', intCmp, ['i32', 'i32'], 'i32'),
    ...family('i32', ['clz', 'ctz', 'popcnt', 'eqz', 'extend8_s', 'extend16_s'], ['i32'], 'i32'),
  ],
  'REQ-CORE-EXEC-011: i64 arithmetic, bitwise and comparison': [
    ...family('i64', intBin, ['i64', 'i64'], 'i64'), ...family('i64', intCmp, ['i64', 'i64'], 'i32'),
    ...family('i64', ['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', 'extend32_s'], ['i64'], 'i64'),
    ...family('i64', ['eqz'], ['i64'], 'i32'),
  ],
  'REQ-CORE-EXEC-012: f32 and f64 arithmetic and comparison': [
    ...family('f32', fBin, ['f32', 'f32'], 'f32'), ...family('f32', fCmp, ['f32', 'f32'], 'i32'), ...family('f32', fUn, ['f32'], 'f32'),
    ...family('f64', fBin, ['f64', 'f64'], 'f64'), ...family('f64', fCmp, ['f64', 'f64'], 'i32'), ...family('f64', fUn, ['f64'], 'f64'),
  ],
  'REQ-CORE-EXEC-013: conversions, including trapping and saturating truncation': [
    { name: 'i32.wrap_i64', params: ['i64'], result: 'i32' },
    { name: 'i64.extend_i32_s', params: ['i32'], result: 'i64' },
    { name: 'i64.extend_i32_u', params: ['i32'], result: 'i64' },
    ...(['s', 'u'] as const).flatMap((sg) => [
      { name: `i32.trunc_f32_${sg}`, params: ['f32'] as T[], result: 'i32' as T },
      { name: `i32.trunc_f64_${sg}`, params: ['f64'] as T[], result: 'i32' as T },
      { name: `i64.trunc_f32_${sg}`, params: ['f32'] as T[], result: 'i64' as T },
      { name: `i64.trunc_f64_${sg}`, params: ['f64'] as T[], result: 'i64' as T },
      { name: `i32.trunc_sat_f32_${sg}`, params: ['f32'] as T[], result: 'i32' as T },
      { name: `i32.trunc_sat_f64_${sg}`, params: ['f64'] as T[], result: 'i32' as T },
      { name: `i64.trunc_sat_f32_${sg}`, params: ['f32'] as T[], result: 'i64' as T },
      { name: `i64.trunc_sat_f64_${sg}`, params: ['f64'] as T[], result: 'i64' as T },
      { name: `f32.convert_i32_${sg}`, params: ['i32'] as T[], result: 'f32' as T },
      { name: `f32.convert_i64_${sg}`, params: ['i64'] as T[], result: 'f32' as T },
      { name: `f64.convert_i32_${sg}`, params: ['i32'] as T[], result: 'f64' as T },
      { name: `f64.convert_i64_${sg}`, params: ['i64'] as T[], result: 'f64' as T },
    ]),
    { name: 'f32.demote_f64', params: ['f64'], result: 'f32' },
    { name: 'f64.promote_f32', params: ['f32'], result: 'f64' },
    { name: 'i32.reinterpret_f32', params: ['f32'], result: 'i32' },
    { name: 'f32.reinterpret_i32', params: ['i32'], result: 'f32' },
    { name: 'i64.reinterpret_f64', params: ['f64'], result: 'i64' },
    { name: 'f64.reinterpret_i64', params: ['i64'], result: 'f64' },
  ],
};

function toValue(t: T, v: number | bigint): Value {
  switch (t) {
    case 'i32': return { type: 'i32', value: v as number };
    case 'i64': return { type: 'i64', value: v as bigint };
    case 'f32': return f32Value(v as number);
    case 'f64': return f64Value(v as number);
  }
}

function combos(params: readonly T[]): (number | bigint)[][] {
  if (params.length === 1) return inputs[params[0]!].map((x) => [x]);
  const out: (number | bigint)[][] = [];
  for (const a of inputs[params[0]!]) for (const b of inputs[params[1]!]) out.push([a, b]);
  return out;
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return true;
  return Object.is(a, b);
}

for (const [title, cases] of Object.entries(CASES)) {
  test(title, async () => {
    const text = '(module ' + cases.map((c, i) =>
      `(func (export "f${i}") ${c.params.map((p) => `(param ${p})`).join(' ')} (result ${c.result}) ` +
      `${c.params.map((_, k) => `local.get ${k}`).join(' ')} ${c.name})`).join('\n') + ')';
    const bytes = await wat(text);
    const v8 = await v8Instance(bytes);
    const store = new Store();
    const inst = store.instantiate(load(bytes), {});
    let checked = 0;
    cases.forEach((c, i) => {
      const fn = inst.exports.get(`f${i}`)!;
      for (const args of combos(c.params)) {
        let expected: unknown; let expectedTrap = false;
        try { expected = v8[`f${i}`]!(...args); } catch (e) { assert.ok(isV8Trap(e)); expectedTrap = true; }
        let actual: unknown; let actualTrap = false;
        try {
          actual = store.invoke(fn, c.params.map((p, k) => toValue(p, args[k]!)))[0]!.value;
        } catch (e) {
          assert.ok(e instanceof Trap, `${c.name}(${args.join(', ')}): ${String(e)}`);
          actualTrap = true;
        }
        assert.equal(actualTrap, expectedTrap, `${c.name}(${args.join(', ')}) trap`);
        if (!expectedTrap) assert.ok(same(actual, expected), `${c.name}(${args.join(', ')}) = ${String(actual)}, V8 ${String(expected)}`);
        checked++;
      }
    });
    assert.ok(checked > cases.length);
  });
}

test('REQ-CORE-EXEC-014: NaN payloads survive loads, stores, locals, globals, neg/abs/copysign and reinterpretation', async () => {
  const bytes = await wat(`(module (memory 1) (global $g (mut f32) (f32.const 0))
    (func (export "f32") (param i32) (result i32)
      (f32.store (i32.const 4) (f32.reinterpret_i32 (local.get 0)))
      (global.set $g (f32.load (i32.const 4)))
      (i32.reinterpret_f32 (f32.neg (f32.neg (global.get $g)))))
    (func (export "f64") (param i64) (result i64)
      (local f64)
      (f64.store (i32.const 8) (f64.reinterpret_i64 (local.get 0)))
      (local.set 1 (f64.load (i32.const 8)))
      (i64.reinterpret_f64 (f64.copysign (f64.abs (local.get 1)) (f64.const -1)))))`);
  const store = new Store();
  const inst = store.instantiate(load(bytes), {});
  const r32 = store.invoke(inst.exports.get('f32')!, [{ type: 'i32', value: 0x7fa00001 }]);
  assert.equal(r32[0]!.value, 0x7fa00001);
  const r64 = store.invoke(inst.exports.get('f64')!, [{ type: 'i64', value: 0x7ff4000000000123n }]);
  assert.equal(r64[0]!.value, BigInt.asIntN(64, 0xfff4000000000123n));
  const f = store.invoke(inst.exports.get('f32')!, [{ type: 'i32', value: 0x7f800001 }]);
  assert.equal(f[0]!.value, 0x7f800001); // signalling NaN bits intact
});

test('REQ-CORE-EXEC-015: memory loads and stores of every width agree with V8, and out-of-bounds traps', async () => {
  const loads = ['i32.load', 'i64.load', 'f32.load', 'f64.load', 'i32.load8_s', 'i32.load8_u', 'i32.load16_s', 'i32.load16_u',
    'i64.load8_s', 'i64.load8_u', 'i64.load16_s', 'i64.load16_u', 'i64.load32_s', 'i64.load32_u'];
  const rt = (n: string): string => n.slice(0, 3);
  const text = `(module (memory (export "m") 1)
    (data (i32.const 0) "\\01\\82\\83\\f4\\85\\86\\87\\88\\89\\8a\\8b\\8c\\8d\\8e\\8f\\90")
    ${loads.map((l, i) => `(func (export "l${i}") (param i32) (result ${rt(l)}) (${l} offset=1 (local.get 0)))`).join('\n')}
    (func (export "st") (param i32 i64) (i64.store offset=2 (local.get 0) (local.get 1))
      (i32.store16 (i32.add (local.get 0) (i32.const 20)) (i32.wrap_i64 (local.get 1))))
  )`;
  const bytes = await wat(text);
  const v8 = await v8Instance(bytes);
  const store = new Store();
  const inst = store.instantiate(load(bytes), {});
  const addrs = [0, 1, 3, 7, 65535 - 8, 65535 - 4, 65535 - 2, 65535, 65536, -1];
  for (let i = 0; i < loads.length; i++) {
    for (const a of addrs) {
      let e: unknown; let et = false;
      try { e = v8[`l${i}`]!(a); } catch { et = true; }
      let g: unknown; let gt = false;
      try { g = store.invoke(inst.exports.get(`l${i}`)!, [{ type: 'i32', value: a }])[0]!.value; } catch (x) {
        assert.ok(x instanceof Trap && x.kind === 'out of bounds memory access'); gt = true;
      }
      assert.equal(gt, et, `${loads[i]} at ${a}`);
      if (!et) assert.ok(same(g, e), `${loads[i]} at ${a}: ${String(g)} vs ${String(e)}`);
    }
  }
  store.invoke(inst.exports.get('st')!, [{ type: 'i32', value: 30 }, { type: 'i64', value: -0x123456789an }]);
  v8['st']!(30, -0x123456789an);
  const mine = store.memoryView(inst.exports.get('m')!);
  const theirs = v8Memory(v8, 'm');
  assert.deepEqual(mine.slice(0, 64), theirs.slice(0, 64));
  assert.throws(() => store.invoke(inst.exports.get('st')!, [{ type: 'i32', value: 65530 }, { type: 'i64', value: 1n }]), Trap);
  assert.deepEqual(mine.slice(65528), theirs.slice(65528)); // the trapping store wrote nothing
});

test('REQ-CORE-EXEC-016: control flow: blocks with results, br_table, loops, multi-value, recursion', async () => {
  const text = `(module
    (func $fac (export "fac") (param i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
        (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
    (func (export "sw") (param i32) (result i32)
      (block $d (block $c (block $b (block $a (br_table $a $b $c $d (local.get 0)))
        (return (i32.const 10))) (return (i32.const 11))) (return (i32.const 12))) (i32.const 13))
    (func (export "sum") (param i32) (result i32) (local i32)
      (block $out (loop $l
        (br_if $out (i32.eqz (local.get 0)))
        (local.set 1 (i32.add (local.get 1) (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (br $l)))
      (local.get 1))
    (func $swap (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
    (func (export "mv") (param i32 i64) (result i64 i32 i32)
      (block (result i64 i32) (call $swap (local.get 0) (local.get 1)))
      (i32.const 99))
    (func (export "brv") (param i32) (result i32)
      (i32.add (i32.const 1) (block (result i32) (drop (br_if 0 (i32.const 40) (local.get 0))) (i32.const 7))))
    (func (export "sel") (param i32) (result i64) (select (i64.const 3) (i64.const 4) (local.get 0)))
  )`;
  const bytes = await wat(text);
  const v8 = await v8Instance(bytes);
  const store = new Store();
  const inst = store.instantiate(load(bytes), {});
  const call = (n: string, ...a: unknown[]): unknown[] => store.invokeExport(inst, n, ...a);
  assert.deepEqual(call('fac', 20n), [2432902008176640000n]);
  for (const i of [0, 1, 2, 3, 4, -1, 100]) assert.deepEqual(call('sw', i), [v8['sw']!(i)]);
  assert.deepEqual(call('sum', 1000), [500500]);
  assert.deepEqual(call('mv', 5, -6n), [-6n, 5, 99]);
  assert.deepEqual(call('brv', 0), [8]);
  assert.deepEqual(call('brv', 1), [41]);
  assert.deepEqual(call('sel', 1), [3n]);
  assert.deepEqual(call('sel', 0), [4n]);
});

test('REQ-CORE-EXEC-017: tables, call_indirect and its three traps, reference instructions', async () => {
  const text = `(module
    (type $ii (func (param i32) (result i32)))
    (table $t (export "t") 4 funcref)
    (elem (table $t) (i32.const 0) func $inc $dbl)
    (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
    (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
    (func $nop)
    (elem declare func $nop)
    (func (export "ci") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0)))
    (func (export "set_nop") (table.set $t (i32.const 1) (ref.func $nop)))
    (func (export "null?") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
    (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
    (func (export "size") (result i32) (table.size $t))
  )`;
  const { store, inst } = await (async () => { const b = await wat(text); const s = new Store(); return { store: s, inst: s.instantiate(load(b), {}) }; })();
  const call = (n: string, ...a: unknown[]): unknown[] => store.invokeExport(inst, n, ...a);
  assert.deepEqual(call('ci', 0, 5), [6]);
  assert.deepEqual(call('ci', 1, 5), [10]);
  assert.throws(() => call('ci', 4, 5), (e: unknown) => e instanceof Trap && e.kind === 'undefined element');
  assert.throws(() => call('ci', 2, 5), (e: unknown) => e instanceof Trap && e.kind === 'uninitialized element');
  call('set_nop');
  assert.throws(() => call('ci', 1, 5), (e: unknown) => e instanceof Trap && e.kind === 'indirect call type mismatch');
  assert.deepEqual(call('null?', 2), [1]);
  assert.deepEqual(call('null?', 0), [0]);
  assert.throws(() => call('null?', 4), (e: unknown) => e instanceof Trap && e.kind === 'out of bounds table access');
  assert.deepEqual(call('grow', 3), [4]);
  assert.deepEqual(call('size'), [7]);
});

test('REQ-CORE-EXEC-018: bulk memory and table operations check bounds before writing', async () => {
  const text = `(module (memory (export "m") 1) (data $d "hello")
    (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
    (func (export "drop") (data.drop $d))
    (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
    (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2))))`;
  const bytes = await wat(text);
  const v8 = await v8Instance(bytes);
  const store = new Store();
  const inst = store.instantiate(load(bytes), {});
  const ops: [string, number, number, number][] = [
    ['init', 0, 0, 5], ['init', 65534, 0, 2], ['init', 65535, 0, 2], ['init', 65536, 5, 0], ['init', 65537, 0, 0], ['init', 0, 6, 0],
    ['copy', 10, 0, 5], ['copy', 2, 0, 8], ['copy', 65530, 0, 6], ['copy', 65530, 0, 7], ['copy', 65536, 0, 0],
    ['fill', 100, 0x1ff, 10], ['fill', 65535, 7, 2], ['fill', 65530, 9, 6], ['drop', 0, 0, 0], ['init', 0, 0, 1], ['init', 0, 0, 0],
  ];
  for (const [op, a, b, c] of ops) {
    const args = op === 'drop' ? [] : [a, b, c];
    let et = false; try { v8[op]!(...args); } catch { et = true; }
    let gt = false; try { store.invokeExport(inst, op, ...args); } catch (e) { assert.ok(e instanceof Trap, String(e)); gt = true; }
    assert.equal(gt, et, `${op}(${args.join(',')})`);
  }
  const mine = store.memoryView(inst.exports.get('m')!);
  const theirs = v8Memory(v8, 'm');
  assert.ok(mine.every((x, i) => x === theirs[i]));
});

test('REQ-CORE-EXEC-019: SIMD loads, splats, extends, lane loads/stores and zero loads agree with V8', async () => {
  const loads = ['v128.load', 'v128.load8x8_s', 'v128.load8x8_u', 'v128.load16x4_s', 'v128.load16x4_u', 'v128.load32x2_s',
    'v128.load32x2_u', 'v128.load8_splat', 'v128.load16_splat', 'v128.load32_splat', 'v128.load64_splat',
    'v128.load32_zero', 'v128.load64_zero'];
  const lanes: [string, number][] = [['8', 15], ['16', 5], ['32', 3], ['64', 1]];
  const text = `(module (memory (export "m") 1)
    (data (i32.const 0) "\\01\\82\\83\\f4\\85\\86\\87\\88\\89\\8a\\8b\\8c\\8d\\8e\\8f\\90\\91\\92\\93\\94\\95\\96\\97\\98")
    ${loads.map((l, i) => `(func (export "l${i}") (param i32) (result i32 i32 i32 i32)
      (local v128) (local.set 1 (${l} offset=1 (local.get 0)))
      (i32x4.extract_lane 0 (local.get 1)) (i32x4.extract_lane 1 (local.get 1))
      (i32x4.extract_lane 2 (local.get 1)) (i32x4.extract_lane 3 (local.get 1)))`).join('\n')}
    ${lanes.map(([n, lane], i) => `(func (export "ll${i}") (param i32) (result i32 i32 i32 i32)
      (local v128) (local.set 1 (v128.load${n}_lane offset=2 ${lane} (local.get 0) (v128.const i32x4 -1 -2 -3 -4)))
      (i32x4.extract_lane 0 (local.get 1)) (i32x4.extract_lane 1 (local.get 1))
      (i32x4.extract_lane 2 (local.get 1)) (i32x4.extract_lane 3 (local.get 1)))
      (func (export "sl${i}") (param i32) (v128.store${n}_lane offset=3 ${lane} (local.get 0) (v128.const i32x4 0x11223344 0x55667788 0x99aabbcc 0xddeeff00)))`).join('\n')}
    (func (export "st") (param i32) (v128.store offset=4 (local.get 0) (v128.const i32x4 1 2 3 4))))`;
  const bytes = await wat(text);
  const v8 = await v8Instance(bytes);
  const store = new Store();
  const inst = store.instantiate(load(bytes), {});
  const addrs = [0, 1, 5, 65535 - 17, 65535 - 16, 65535 - 9, 65535 - 8, 65535 - 4, 65535 - 2, 65535, -1];
  const names = [...loads.map((_, i) => `l${i}`), ...lanes.flatMap((_, i) => [`ll${i}`, `sl${i}`]), 'st'];
  for (const name of names) {
    for (const a of addrs) {
      let e: unknown; let et = false;
      try { e = v8[name]!(a); } catch (x) { assert.ok(isV8Trap(x)); et = true; }
      let g: unknown; let gt = false;
      try { g = store.invokeExport(inst, name, a); } catch (x) {
        assert.ok(x instanceof Trap && x.kind === 'out of bounds memory access', String(x)); gt = true;
      }
      assert.equal(gt, et, `${name} at ${a}`);
      if (!et) assert.deepEqual(g, e === undefined ? [] : e, `${name} at ${a}`);
    }
  }
  const mine = store.memoryView(inst.exports.get('m')!);
  const theirs = v8Memory(v8, 'm');
  assert.ok(mine.every((x, i) => x === theirs[i]));
});

test('REQ-CORE-EXEC-018: table.init, table.copy, table.fill and elem.drop agree with V8 on bounds and contents', async () => {
  const text = `(module (table $t (export "t") 8 funcref) (table $u 4 funcref)
    (func $a (result i32) (i32.const 1)) (func $b (result i32) (i32.const 2)) (func $c (result i32) (i32.const 3))
    (elem $e func $a $b $c)
    (func (export "init") (param i32 i32 i32) (table.init $t $e (local.get 0) (local.get 1) (local.get 2)))
    (func (export "drop") (elem.drop $e))
    (func (export "copy") (param i32 i32 i32) (table.copy $t $t (local.get 0) (local.get 1) (local.get 2)))
    (func (export "xcopy") (param i32 i32 i32) (table.copy $u $t (local.get 0) (local.get 1) (local.get 2)))
    (func (export "fill") (param i32 i32) (table.fill $t (local.get 0) (ref.func $c) (local.get 1)))
    (func (export "read") (param i32) (result i32)
      (if (result i32) (ref.is_null (table.get $t (local.get 0))) (then (i32.const 0))
        (else (call_indirect $t (result i32) (local.get 0)))))
    (func (export "uread") (param i32) (result i32)
      (if (result i32) (ref.is_null (table.get $u (local.get 0))) (then (i32.const 0))
        (else (call_indirect $u (result i32) (local.get 0))))))`;
  const bytes = await wat(text);
  const v8 = await v8Instance(bytes);
  const store = new Store();
  const inst = store.instantiate(load(bytes), {});
  const ops: [string, ...number[]][] = [
    ['init', 0, 0, 3], ['init', 6, 1, 2], ['init', 7, 1, 2], ['init', 8, 3, 0], ['init', 9, 0, 0], ['init', 0, 4, 0],
    ['copy', 3, 0, 3], ['copy', 1, 2, 4], ['copy', 5, 0, 4], ['xcopy', 0, 5, 4], ['xcopy', 1, 5, 4],
    ['fill', 4, 2], ['fill', 7, 2], ['fill', 8, 0], ['drop'], ['init', 0, 0, 1], ['init', 0, 0, 0],
  ];
  for (const [op, ...args] of ops) {
    let et = false; try { v8[op]!(...args); } catch (e) { assert.ok(isV8Trap(e)); et = true; }
    let gt = false; try { store.invokeExport(inst, op, ...args); } catch (e) {
      assert.ok(e instanceof Trap && e.kind === 'out of bounds table access', String(e)); gt = true;
    }
    assert.equal(gt, et, `${op}(${args.join(',')})`);
    for (let i = 0; i < 8; i++) assert.deepEqual(store.invokeExport(inst, 'read', i), [v8['read']!(i)], `after ${op}: t[${i}]`);
    for (let i = 0; i < 4; i++) assert.deepEqual(store.invokeExport(inst, 'uread', i), [v8['uread']!(i)], `after ${op}: u[${i}]`);
  }
});
