/**
 * Tests of the scalar numerics (src/core/exec/numerics.ts). The oracle is V8's own WebAssembly engine:
 * a module built with wabt exports every operator, with float operands and results passed as their bit
 * patterns (i32 for f32, i64 for f64) so that NaNs and -0 are compared exactly. Every function is run
 * on a fixed set of edge values (and their neighbours one ulp or one unit away) and on thousands of
 * random inputs (fast-check).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Trap } from '../../../src/core/errors.js';
import * as N from '../../../src/core/exec/numerics.js';

// ---------------------------------------------------------------------------------------------------
// The oracle module
// ---------------------------------------------------------------------------------------------------

const I32_BIN = ['div_s', 'div_u', 'rem_s', 'rem_u', 'rotl', 'rotr'];
const I64_BIN = ['div_s', 'div_u', 'rem_s', 'rem_u', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const COUNTS = ['clz', 'ctz', 'popcnt'];

function oracleText(): string {
  const f: string[] = [];
  for (const op of I32_BIN) {
    f.push(`(func (export "i32.${op}") (param i32 i32) (result i32) (i32.${op} (local.get 0) (local.get 1)))`);
  }
  for (const op of I64_BIN) {
    f.push(`(func (export "i64.${op}") (param i64 i64) (result i64) (i64.${op} (local.get 0) (local.get 1)))`);
  }
  for (const op of COUNTS) {
    f.push(`(func (export "i32.${op}") (param i32) (result i32) (i32.${op} (local.get 0)))`);
    f.push(`(func (export "i64.${op}") (param i64) (result i64) (i64.${op} (local.get 0)))`);
  }
  for (const op of ['min', 'max']) {
    f.push(
      `(func (export "f32.${op}") (param i32 i32) (result i32) (i32.reinterpret_f32 (f32.${op} ` +
        `(f32.reinterpret_i32 (local.get 0)) (f32.reinterpret_i32 (local.get 1)))))`,
    );
    f.push(
      `(func (export "f64.${op}") (param i64 i64) (result i64) (i64.reinterpret_f64 (f64.${op} ` +
        `(f64.reinterpret_i64 (local.get 0)) (f64.reinterpret_i64 (local.get 1)))))`,
    );
  }
  f.push(`(func (export "f32.nearest") (param i32) (result i32) (i32.reinterpret_f32 (f32.nearest (f32.reinterpret_i32 (local.get 0)))))`);
  f.push(`(func (export "f64.nearest") (param i64) (result i64) (i64.reinterpret_f64 (f64.nearest (f64.reinterpret_i64 (local.get 0)))))`);
  for (const to of ['i32', 'i64']) {
    for (const from of ['f32', 'f64']) {
      const bits = from === 'f32' ? 'i32' : 'i64';
      for (const sign of ['s', 'u']) {
        for (const sat of ['', 'sat_']) {
          f.push(
            `(func (export "${to}.trunc_${sat}${from}_${sign}") (param ${bits}) (result ${to}) ` +
              `(${to}.trunc_${sat}${from}_${sign} (${from}.reinterpret_${bits} (local.get 0))))`,
          );
        }
      }
    }
  }
  for (const to of ['f32', 'f64']) {
    const bits = to === 'f32' ? 'i32' : 'i64';
    for (const from of ['i32', 'i64']) {
      for (const sign of ['s', 'u']) {
        f.push(
          `(func (export "${to}.convert_${from}_${sign}") (param ${from}) (result ${bits}) ` +
            `(${bits}.reinterpret_${to} (${to}.convert_${from}_${sign} (local.get 0))))`,
        );
      }
    }
  }
  return `(module\n${f.join('\n')}\n)`;
}

/**
 * The part of the JS WebAssembly API the oracle uses. The project compiles without the DOM library,
 * which is where TypeScript declares it, so it is typed here; Node provides the global at run time.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
  RuntimeError: new () => Error;
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

const wabt = await (await import('wabt')).default();
const oracleBytes = wabt.parseWat('oracle.wat', new Uint8Array(Buffer.from(oracleText(), 'utf8'))).toBinary({}).buffer;
const oracleExports = new WebAssembly.Instance(new WebAssembly.Module(oracleBytes)).exports;

/** An oracle export, typed by the caller (operands and results are ints or bigints). */
function oracle<A extends unknown[], R>(name: string): (...args: A) => R {
  const fn = oracleExports[name];
  assert.equal(typeof fn, 'function', `oracle lacks ${name}`);
  return fn as unknown as (...args: A) => R;
}

// ---------------------------------------------------------------------------------------------------
// Bit views and outcome comparison
// ---------------------------------------------------------------------------------------------------

const f32v = new Float32Array(1);
const f32b = new Int32Array(f32v.buffer);
const f64v = new Float64Array(1);
const f64b = new BigInt64Array(f64v.buffer);

function f32FromBits(b: number): number {
  f32b[0] = b;
  return f32v[0];
}
function f32Bits(x: number): number {
  f32v[0] = x;
  return f32b[0];
}
function f64FromBits(b: bigint): number {
  f64b[0] = b;
  return f64v[0];
}
function f64Bits(x: number): bigint {
  f64v[0] = x;
  return f64b[0];
}

const CANONICAL_NAN_F32 = 0x7fc00000;
const CANONICAL_NAN_F64 = 0x7ff8000000000000n;

/**
 * The outcome of a call as a comparable string: the value, or the trap kind. Anything thrown that is
 * neither a result nor a Trap (ours) or RuntimeError (oracle) fails the test by propagating.
 */
function ours(call: () => unknown): string {
  try {
    return `value ${String(call())}`;
  } catch (e) {
    if (e instanceof Trap) return `trap ${e.kind}`;
    throw e;
  }
}

/** V8's trap messages, mapped to the spec's trap kinds (V8 does not tell NaN from overflow). */
function theirs(call: () => unknown, nanInput = false): string {
  try {
    return `value ${String(call())}`;
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    if (e.message === 'divide by zero' || e.message === 'remainder by zero') return 'trap integer divide by zero';
    if (e.message === 'divide result unrepresentable') return 'trap integer overflow';
    if (e.message === 'float unrepresentable in integer range') {
      return nanInput ? 'trap invalid conversion to integer' : 'trap integer overflow';
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------
// Edge values
// ---------------------------------------------------------------------------------------------------

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const I32_EDGES: number[] = [
  0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 31, 32, 33, 63, 64, 65, 0x10000, -0x10000, 1234567, -1234567,
  INT32_MIN, INT32_MAX, INT32_MIN + 1, INT32_MAX - 1, 0x55555555, 0xaaaaaaaa | 0, 0x80000001 | 0,
  0x7ffffffe, 0x00ff00ff, 0xf0f0f0f0 | 0, 1 << 24, (1 << 24) + 1, (1 << 24) - 1,
];

const I64_EDGES: bigint[] = (() => {
  const base: bigint[] = [
    0n, 1n, 2n, 3n, 7n, 10n, 31n, 32n, 33n, 63n, 64n, 65n, 127n, 128n,
    2n ** 24n, 2n ** 31n, 2n ** 32n, 2n ** 52n, 2n ** 53n, 2n ** 54n, 2n ** 62n, 2n ** 63n - 1n,
    0x5555555555555555n, 0x0123456789abcdefn, 0x00ff00ff00ff00ffn, 0x7fffffff00000000n, 0x00000000ffffffffn,
    2n ** 53n + 2n ** 29n, 2n ** 63n - 2n ** 39n, 2n ** 40n + 2n ** 15n,
  ];
  const out = new Set<bigint>();
  for (const b of base) {
    for (const d of [-2n, -1n, 0n, 1n, 2n]) {
      out.add(BigInt.asIntN(64, b + d));
      out.add(BigInt.asIntN(64, -b + d));
    }
  }
  out.add(INT64_MIN);
  out.add(BigInt.asIntN(64, 0xaaaaaaaaaaaaaaaan));
  out.add(BigInt.asIntN(64, 0x8000000000000001n));
  out.add(BigInt.asIntN(64, 0xffffffff00000000n));
  return [...out];
})();

/** f32 bit patterns: zeros, ones, halves, NaNs, infinities, denormals, and every truncation boundary. */
const F32_EDGES: number[] = (() => {
  const values = [
    0, 0.5, 1, 1.5, 2, 2.5, 3.5, 0.49999997, 4194304.5, 8388607.5, 8388608, 16777216, 16777217,
    2 ** 31, 2 ** 32, 2 ** 63, 2 ** 64, 2 ** 23, 2 ** 24, 2 ** 53, 123.456, 1e30, 3.4028234663852886e38,
    Infinity, 1.1754943508222875e-38, 1.401298464324817e-45,
  ];
  const bits = new Set<number>();
  for (const v of values) {
    for (const s of [1, -1]) {
      const b = f32Bits(s * v);
      for (const d of [-2, -1, 0, 1, 2]) bits.add((b + d) | 0);
    }
  }
  // -0 and its neighbours; the f32 "-1 ulp" of +0 is the negative denormal.
  for (const b of [0x80000000 | 0, 0x80000001 | 0, 0x00000001, 0x807fffff | 0, 0x007fffff]) bits.add(b);
  // NaNs: canonical both signs, signalling, with payloads.
  for (const b of [0x7fc00000, 0xffc00000 | 0, 0x7fa00000, 0x7f800001, 0xff800001 | 0, 0x7fc12345, 0x7fffffff]) bits.add(b);
  // keep only patterns of the form they claim: all 32-bit patterns are valid f32, so nothing to drop
  return [...bits];
})();

/** f64 bit patterns, likewise, with the i32 and i64 truncation boundaries of both signs. */
const F64_EDGES: bigint[] = (() => {
  const values = [
    0, 0.5, 1, 1.5, 2, 2.5, 3.5, 0.49999999999999994, 4503599627370495.5, 2 ** 52, 2 ** 53, 2 ** 53 + 2,
    2 ** 31, 2 ** 31 - 1, 2 ** 31 + 1, 2 ** 31 - 0.5, 2147483648.5, 2147483647.5, 2147483649,
    2 ** 32, 2 ** 32 - 1, 4294967295.5, 4294967296.5, 2 ** 63, 2 ** 64, 2 ** 24, 2 ** 24 + 1,
    123.456, 1e300, Number.MAX_VALUE, Infinity, 2.2250738585072014e-308, 5e-324,
  ];
  const bits = new Set<bigint>();
  for (const v of values) {
    for (const s of [1, -1]) {
      const b = f64Bits(s * v);
      for (const d of [-2n, -1n, 0n, 1n, 2n]) bits.add(BigInt.asIntN(64, b + d));
    }
  }
  for (const b of [0x8000000000000000n, 0x8000000000000001n, 1n, 0x000fffffffffffffn, 0x800fffffffffffffn]) {
    bits.add(BigInt.asIntN(64, b));
  }
  for (const b of [
    0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff4000000000000n, 0x7ff0000000000001n, 0xfff0000000000001n,
    0x7ff8000000012345n, 0x7fffffffffffffffn,
  ]) {
    bits.add(BigInt.asIntN(64, b));
  }
  return [...bits];
})();

// ---------------------------------------------------------------------------------------------------
// Checkers: one per signature; each compares ours with the oracle on one input
// ---------------------------------------------------------------------------------------------------

type I32Bin = (a: number, b: number) => number;
type I64Bin = (a: bigint, b: bigint) => bigint;

function checkI32Bin(name: string, fn: I32Bin, a: number, b: number): void {
  const o = oracle<[number, number], number>(name);
  const got = ours(() => fn(a, b));
  assert.equal(got, theirs(() => o(a, b)), `${name}(${a}, ${b})`);
  if (got.startsWith('value')) assert.ok(Object.is(fn(a, b), fn(a, b) | 0), `${name}(${a}, ${b}) is not an int32`);
}

function checkI32Un(name: string, fn: (a: number) => number, a: number): void {
  const o = oracle<[number], number>(name);
  assert.equal(ours(() => fn(a)), theirs(() => o(a)), `${name}(${a})`);
}

function checkI64Bin(name: string, fn: I64Bin, a: bigint, b: bigint): void {
  const o = oracle<[bigint, bigint], bigint>(name);
  const got = ours(() => fn(a, b));
  assert.equal(got, theirs(() => o(a, b)), `${name}(${a}, ${b})`);
  if (got.startsWith('value')) {
    const r = fn(a, b);
    assert.equal(BigInt.asIntN(64, r), r, `${name}(${a}, ${b}) is not normalized`);
  }
}

function checkI64Un(name: string, fn: (a: bigint) => bigint, a: bigint): void {
  const o = oracle<[bigint], bigint>(name);
  assert.equal(ours(() => fn(a)), theirs(() => o(a)), `${name}(${a})`);
}

/** A float result is compared by bits, except that any NaN of the oracle must be our canonical NaN. */
function assertSameF32(got: number, want: number, what: string): void {
  const gotBits = f32Bits(Math.fround(got));
  if (Number.isNaN(f32FromBits(want))) {
    assert.equal(gotBits, CANONICAL_NAN_F32, `${what}: expected the canonical NaN`);
  } else {
    assert.equal(gotBits, want, `${what}: bits`);
  }
}

function assertSameF64(got: number, want: bigint, what: string): void {
  const gotBits = f64Bits(got);
  if (Number.isNaN(f64FromBits(want))) {
    assert.equal(gotBits, CANONICAL_NAN_F64, `${what}: expected the canonical NaN`);
  } else {
    assert.equal(gotBits, want, `${what}: bits`);
  }
}

function checkF32Bin(name: string, fn: (a: number, b: number) => number, a: number, b: number): void {
  const want = oracle<[number, number], number>(name)(a, b);
  assertSameF32(fn(f32FromBits(a), f32FromBits(b)), want, `${name}(0x${(a >>> 0).toString(16)}, 0x${(b >>> 0).toString(16)})`);
}

function checkF64Bin(name: string, fn: (a: number, b: number) => number, a: bigint, b: bigint): void {
  const want = oracle<[bigint, bigint], bigint>(name)(a, b);
  assertSameF64(fn(f64FromBits(a), f64FromBits(b)), want, `${name}(${a}, ${b})`);
}

function checkF32Nearest(a: number): void {
  const want = oracle<[number], number>('f32.nearest')(a);
  assertSameF32(N.fNearest(f32FromBits(a)), want, `f32.nearest(0x${(a >>> 0).toString(16)})`);
}

function checkF64Nearest(a: bigint): void {
  const want = oracle<[bigint], bigint>('f64.nearest')(a);
  assertSameF64(N.fNearest(f64FromBits(a)), want, `f64.nearest(0x${BigInt.asUintN(64, a).toString(16)})`);
}

/** The 16 truncations: [export name, our function, source is f32]. */
const TRUNCS: ReadonlyArray<readonly [string, (x: number) => number | bigint, boolean]> = [
  ['i32.trunc_f32_s', N.i32TruncF32S, true],
  ['i32.trunc_f32_u', N.i32TruncF32U, true],
  ['i32.trunc_f64_s', N.i32TruncF64S, false],
  ['i32.trunc_f64_u', N.i32TruncF64U, false],
  ['i64.trunc_f32_s', N.i64TruncF32S, true],
  ['i64.trunc_f32_u', N.i64TruncF32U, true],
  ['i64.trunc_f64_s', N.i64TruncF64S, false],
  ['i64.trunc_f64_u', N.i64TruncF64U, false],
];
const TRUNC_SATS: ReadonlyArray<readonly [string, (x: number) => number | bigint, boolean]> = [
  ['i32.trunc_sat_f32_s', N.i32TruncSatF32S, true],
  ['i32.trunc_sat_f32_u', N.i32TruncSatF32U, true],
  ['i32.trunc_sat_f64_s', N.i32TruncSatF64S, false],
  ['i32.trunc_sat_f64_u', N.i32TruncSatF64U, false],
  ['i64.trunc_sat_f32_s', N.i64TruncSatF32S, true],
  ['i64.trunc_sat_f32_u', N.i64TruncSatF32U, true],
  ['i64.trunc_sat_f64_s', N.i64TruncSatF64S, false],
  ['i64.trunc_sat_f64_u', N.i64TruncSatF64U, false],
];

function checkTruncF32(name: string, fn: (x: number) => number | bigint, bits: number): void {
  const x = f32FromBits(bits);
  const got = ours(() => fn(x));
  assert.equal(got, theirs(() => oracle<[number], unknown>(name)(bits), Number.isNaN(x)), `${name}(${x}, bits 0x${(bits >>> 0).toString(16)})`);
  if (got.startsWith('value')) assertIntResult(name, fn(x));
}

function checkTruncF64(name: string, fn: (x: number) => number | bigint, bits: bigint): void {
  const x = f64FromBits(bits);
  const got = ours(() => fn(x));
  assert.equal(got, theirs(() => oracle<[bigint], unknown>(name)(bits), Number.isNaN(x)), `${name}(${x}, bits ${bits})`);
  if (got.startsWith('value')) assertIntResult(name, fn(x));
}

/** i32 results are int32 numbers (never -0), i64 results are normalized signed bigints. */
function assertIntResult(name: string, r: number | bigint): void {
  if (typeof r === 'bigint') assert.equal(BigInt.asIntN(64, r), r, `${name}: not normalized`);
  else assert.ok(Object.is(r, r | 0), `${name}: ${r} is not an int32`);
}

function checkTrunc(entry: readonly [string, (x: number) => number | bigint, boolean], f32: number, f64: bigint): void {
  const [name, fn, fromF32] = entry;
  if (fromF32) checkTruncF32(name, fn, f32);
  else checkTruncF64(name, fn, f64);
}

const CONVERTS_I32: ReadonlyArray<readonly [string, (x: number) => number]> = [
  ['f32.convert_i32_s', N.f32ConvertI32S],
  ['f32.convert_i32_u', N.f32ConvertI32U],
  ['f64.convert_i32_s', N.f64ConvertI32S],
  ['f64.convert_i32_u', N.f64ConvertI32U],
];
const CONVERTS_I64: ReadonlyArray<readonly [string, (x: bigint) => number]> = [
  ['f32.convert_i64_s', N.f32ConvertI64S],
  ['f32.convert_i64_u', N.f32ConvertI64U],
  ['f64.convert_i64_s', N.f64ConvertI64S],
  ['f64.convert_i64_u', N.f64ConvertI64U],
];

function checkConvert<T extends number | bigint>(name: string, fn: (x: T) => number, x: T): void {
  const got = fn(x);
  if (name.startsWith('f32')) {
    assert.equal(Math.fround(got), got, `${name}(${x}) is not an f32 value`);
    assert.equal(f32Bits(got), oracle<[T], number>(name)(x), `${name}(${x})`);
  } else {
    assert.equal(f64Bits(got), oracle<[T], bigint>(name)(x), `${name}(${x})`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------

const RUNS = { numRuns: 3000 };
const anyI32 = fc.oneof(fc.integer({ min: INT32_MIN, max: INT32_MAX }), fc.integer({ min: -70, max: 70 }), fc.constantFrom(...I32_EDGES));
const anyI64 = fc.oneof(
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.bigInt({ min: -(2n ** 33n), max: 2n ** 33n }),
  fc.bigInt({ min: -130n, max: 130n }),
  fc.constantFrom(...I64_EDGES),
);
const anyF32Bits = fc.oneof(
  fc.integer({ min: INT32_MIN, max: INT32_MAX }),
  fc.float().map((x) => f32Bits(x)),
  fc.constantFrom(...F32_EDGES),
  // around the truncation boundaries: 2^31, 2^32, 2^63, 2^64 and -1, both signs, a few ulps apart
  fc.tuple(fc.constantFrom(0x4f000000, 0x4f800000, 0x5f000000, 0x5f800000, 0x3f800000), fc.integer({ min: -40, max: 40 }), fc.boolean())
    .map(([b, d, neg]) => (b + d) | (neg ? 0x80000000 : 0)),
);
const anyF64Bits = fc.oneof(
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.double().map((x) => f64Bits(x)),
  fc.constantFrom(...F64_EDGES),
  fc.tuple(fc.constantFrom(2 ** 31, 2 ** 31 + 1, 2 ** 32, 2 ** 63, 2 ** 64, 1, 2 ** 52), fc.integer({ min: -40, max: 40 }), fc.boolean())
    .map(([v, d, neg]) => BigInt.asIntN(64, f64Bits(neg ? -v : v) + BigInt(d))),
  // small values with fractions, where nearest and trunc have their ties
  fc.integer({ min: -4000, max: 4000 }).map((k) => f64Bits(k / 4)),
);

/**
 * i64 values whose f32 rounding is delicate: a 25-bit head (24 bits plus the rounding bit) shifted
 * up, with the bits below it all zero, all one, one low bit, or random: exact ties, just above and
 * just below them, where rounding through a double first goes wrong.
 */
const delicateI64 = fc
  .tuple(
    fc.bigInt({ min: 2n ** 24n, max: 2n ** 25n - 1n }),
    fc.integer({ min: 1, max: 39 }),
    fc.constantFrom('zero', 'ones', 'one', 'random'),
    fc.bigInt({ min: 0n, max: 2n ** 39n - 1n }),
    fc.boolean(),
  )
  .map(([head, shift, tail, random, neg]) => {
    const s = BigInt(shift);
    const mask = (1n << s) - 1n;
    const low = tail === 'zero' ? 0n : tail === 'ones' ? mask : tail === 'one' ? 1n : random & mask;
    const v = (head << s) | low;
    return BigInt.asIntN(64, neg ? -v : v);
  });

// ---------------------------------------------------------------------------------------------------
// i32
// ---------------------------------------------------------------------------------------------------

const I32_BIN_FNS: ReadonlyArray<readonly [string, I32Bin]> = [
  ['i32.div_s', N.i32DivS],
  ['i32.div_u', N.i32DivU],
  ['i32.rem_s', N.i32RemS],
  ['i32.rem_u', N.i32RemU],
];

test('REQ-CORE-NUM-001: i32 division and remainder trap with the spec kinds', () => {
  for (const [, fn] of I32_BIN_FNS) {
    for (const a of [0, 1, -1, INT32_MIN, INT32_MAX]) {
      assert.throws(() => fn(a, 0), (e: unknown) => e instanceof Trap && e.kind === 'integer divide by zero');
    }
  }
  assert.throws(() => N.i32DivS(INT32_MIN, -1), (e: unknown) => e instanceof Trap && e.kind === 'integer overflow');
  assert.ok(Object.is(N.i32RemS(INT32_MIN, -1), 0), 'rem_s INT_MIN -1 is +0');
  assert.equal(N.i32DivU(INT32_MIN, -1), 0);
  assert.equal(N.i32DivU(-1, 1), -1, 'div_u result is returned as the int32 pattern');
  assert.equal(N.i32DivS(-7, 2), -3, 'div_s truncates toward zero');
  assert.equal(N.i32RemS(-7, 2), -1, 'rem_s takes the sign of the dividend');
  assert.equal(N.i32RemU(-1, 10), 5, '4294967295 rem_u 10');
});

test('REQ-CORE-NUM-001: i32 division and remainder agree with V8 on all pairs of edge values', () => {
  for (const [name, fn] of I32_BIN_FNS) for (const a of I32_EDGES) for (const b of I32_EDGES) checkI32Bin(name, fn, a, b);
});

test('REQ-CORE-NUM-001: i32 division and remainder agree with V8 on random operands', () => {
  for (const [name, fn] of I32_BIN_FNS) {
    fc.assert(fc.property(anyI32, anyI32, (a, b) => checkI32Bin(name, fn, a, b)), RUNS);
  }
});

test('REQ-CORE-NUM-002: i32 bit counts and rotations agree with V8 on edge values', () => {
  assert.equal(N.i32Ctz(0), 32);
  assert.equal(N.i32Ctz(INT32_MIN), 31);
  assert.equal(N.i32Clz(0), 32);
  assert.equal(N.i32Popcnt(-1), 32);
  assert.equal(N.i32Rotl(INT32_MIN | 1, 1), 3);
  assert.equal(N.i32Rotr(1, 1), INT32_MIN);
  for (const a of I32_EDGES) {
    checkI32Un('i32.clz', N.i32Clz, a);
    checkI32Un('i32.ctz', N.i32Ctz, a);
    checkI32Un('i32.popcnt', N.i32Popcnt, a);
    for (const b of I32_EDGES) {
      checkI32Bin('i32.rotl', N.i32Rotl, a, b);
      checkI32Bin('i32.rotr', N.i32Rotr, a, b);
    }
  }
});

test('REQ-CORE-NUM-002: i32 bit counts and rotations agree with V8 on random operands', () => {
  fc.assert(
    fc.property(anyI32, anyI32, (a, b) => {
      checkI32Un('i32.clz', N.i32Clz, a);
      checkI32Un('i32.ctz', N.i32Ctz, a);
      checkI32Un('i32.popcnt', N.i32Popcnt, a);
      checkI32Bin('i32.rotl', N.i32Rotl, a, b);
      checkI32Bin('i32.rotr', N.i32Rotr, a, b);
    }),
    { numRuns: 10000 },
  );
});

// ---------------------------------------------------------------------------------------------------
// i64
// ---------------------------------------------------------------------------------------------------

const I64_DIV_FNS: ReadonlyArray<readonly [string, I64Bin]> = [
  ['i64.div_s', N.i64DivS],
  ['i64.div_u', N.i64DivU],
  ['i64.rem_s', N.i64RemS],
  ['i64.rem_u', N.i64RemU],
];
const I64_SHIFT_FNS: ReadonlyArray<readonly [string, I64Bin]> = [
  ['i64.shl', N.i64Shl],
  ['i64.shr_s', N.i64ShrS],
  ['i64.shr_u', N.i64ShrU],
  ['i64.rotl', N.i64Rotl],
  ['i64.rotr', N.i64Rotr],
];
const I64_COUNT_FNS: ReadonlyArray<readonly [string, (a: bigint) => bigint]> = [
  ['i64.clz', N.i64Clz],
  ['i64.ctz', N.i64Ctz],
  ['i64.popcnt', N.i64Popcnt],
];

test('REQ-CORE-NUM-003: i64 division and remainder trap with the spec kinds', () => {
  for (const [, fn] of I64_DIV_FNS) {
    for (const a of [0n, 1n, -1n, INT64_MIN, INT64_MAX]) {
      assert.throws(() => fn(a, 0n), (e: unknown) => e instanceof Trap && e.kind === 'integer divide by zero');
    }
  }
  assert.throws(() => N.i64DivS(INT64_MIN, -1n), (e: unknown) => e instanceof Trap && e.kind === 'integer overflow');
  assert.equal(N.i64RemS(INT64_MIN, -1n), 0n);
  assert.equal(N.i64DivU(-1n, 1n), -1n, 'div_u result is returned as the signed pattern');
  assert.equal(N.i64DivU(INT64_MIN, 2n), 2n ** 62n);
  assert.equal(N.i64RemU(-1n, 10n), 5n, '18446744073709551615 rem_u 10');
});

test('REQ-CORE-NUM-003: i64 division and remainder agree with V8 on all pairs of edge values', () => {
  for (const [name, fn] of I64_DIV_FNS) for (const a of I64_EDGES) for (const b of I64_EDGES) checkI64Bin(name, fn, a, b);
});

test('REQ-CORE-NUM-003: i64 division and remainder agree with V8 on random operands', () => {
  for (const [name, fn] of I64_DIV_FNS) {
    fc.assert(fc.property(anyI64, anyI64, (a, b) => checkI64Bin(name, fn, a, b)), RUNS);
  }
});

test('REQ-CORE-NUM-004: i64 bit counts, shifts and rotations agree with V8 on edge values', () => {
  assert.equal(N.i64Clz(0n), 64n);
  assert.equal(N.i64Ctz(0n), 64n);
  assert.equal(N.i64Popcnt(-1n), 64n);
  assert.equal(N.i64Shl(1n, 63n), INT64_MIN);
  assert.equal(N.i64Shl(1n, 64n), 1n, 'shift count is taken mod 64');
  assert.equal(N.i64ShrU(-1n, -1n), 1n, 'a negative count is its pattern mod 64 (63)');
  assert.equal(N.i64Rotl(INT64_MIN, 1n), 1n);
  assert.equal(N.i64Rotr(1n, 1n), INT64_MIN);
  for (const a of I64_EDGES) {
    for (const [name, fn] of I64_COUNT_FNS) checkI64Un(name, fn, a);
    for (const b of I64_EDGES) for (const [name, fn] of I64_SHIFT_FNS) checkI64Bin(name, fn, a, b);
  }
});

test('REQ-CORE-NUM-004: i64 bit counts, shifts and rotations agree with V8 on random operands', () => {
  fc.assert(
    fc.property(anyI64, anyI64, (a, b) => {
      for (const [name, fn] of I64_COUNT_FNS) checkI64Un(name, fn, a);
      for (const [name, fn] of I64_SHIFT_FNS) checkI64Bin(name, fn, a, b);
    }),
    { numRuns: 5000 },
  );
});

// ---------------------------------------------------------------------------------------------------
// Floats
// ---------------------------------------------------------------------------------------------------

test('REQ-CORE-NUM-005: fmin and fmax propagate NaN and order -0 below +0', () => {
  assert.ok(Object.is(N.fMin(0, -0), -0));
  assert.ok(Object.is(N.fMin(-0, 0), -0));
  assert.ok(Object.is(N.fMax(0, -0), 0));
  assert.ok(Object.is(N.fMax(-0, 0), 0));
  assert.ok(Number.isNaN(N.fMin(NaN, -Infinity)));
  assert.ok(Number.isNaN(N.fMax(Infinity, NaN)));
  assert.equal(N.fMin(-Infinity, 1), -Infinity);
  assert.equal(N.fMax(5e-324, 0), 5e-324);
});

test('REQ-CORE-NUM-005: f32 and f64 min and max agree with V8 on all pairs of edge values', () => {
  for (const a of F32_EDGES) {
    for (const b of F32_EDGES) {
      checkF32Bin('f32.min', N.fMin, a, b);
      checkF32Bin('f32.max', N.fMax, a, b);
    }
  }
  for (const a of F64_EDGES) {
    for (const b of F64_EDGES) {
      checkF64Bin('f64.min', N.fMin, a, b);
      checkF64Bin('f64.max', N.fMax, a, b);
    }
  }
});

test('REQ-CORE-NUM-005: f32 and f64 min and max agree with V8 on random operands', () => {
  fc.assert(
    fc.property(anyF32Bits, anyF32Bits, anyF64Bits, anyF64Bits, (a, b, c, d) => {
      checkF32Bin('f32.min', N.fMin, a, b);
      checkF32Bin('f32.max', N.fMax, a, b);
      checkF64Bin('f64.min', N.fMin, c, d);
      checkF64Bin('f64.max', N.fMax, c, d);
    }),
    { numRuns: 10000 },
  );
});

test('REQ-CORE-NUM-006: nearest rounds half to even and keeps the sign of zero', () => {
  const cases: Array<[number, number]> = [
    [0.5, 0], [1.5, 2], [2.5, 2], [3.5, 4], [-0.5, -0], [-1.5, -2], [-2.5, -2], [-0.4, -0], [0.4, 0],
    [-0, -0], [0, 0], [0.49999999999999994, 0], [4503599627370495.5, 4503599627370496],
    [-4503599627370495.5, -4503599627370496], [2 ** 52 + 1, 2 ** 52 + 1], [Infinity, Infinity], [-Infinity, -Infinity],
  ];
  for (const [x, want] of cases) assert.ok(Object.is(N.fNearest(x), want), `nearest(${x}) = ${N.fNearest(x)}, want ${want}`);
});

test('REQ-CORE-NUM-006: f32 and f64 nearest agree with V8 on edge values and random operands', () => {
  for (const a of F32_EDGES) checkF32Nearest(a);
  for (const a of F64_EDGES) checkF64Nearest(a);
  fc.assert(
    fc.property(anyF32Bits, anyF64Bits, (a, b) => {
      checkF32Nearest(a);
      checkF64Nearest(b);
    }),
    { numRuns: 20000 },
  );
});

test('REQ-CORE-NUM-007: NaN results of min, max and nearest are the canonical NaN, never an input payload', () => {
  const payloadNaN32 = f32FromBits(0x7fa12345);
  const payloadNaN64 = f64FromBits(0x7ff4000000012345n);
  const negNaN64 = f64FromBits(BigInt.asIntN(64, 0xfff8000000000001n));
  for (const r of [N.fMin(payloadNaN64, 1), N.fMax(1, payloadNaN64), N.fNearest(payloadNaN64), N.fNearest(negNaN64), N.fMin(negNaN64, negNaN64)]) {
    assert.equal(f64Bits(r), CANONICAL_NAN_F64);
  }
  for (const r of [N.fMin(payloadNaN32, 1), N.fMax(1, payloadNaN32), N.fNearest(payloadNaN32)]) {
    assert.equal(f32Bits(Math.fround(r)), CANONICAL_NAN_F32);
  }
});

// ---------------------------------------------------------------------------------------------------
// Truncation
// ---------------------------------------------------------------------------------------------------

/** Asserts that `fn(x)` traps with `kind`. */
function assertTrap(fn: (x: number) => unknown, x: number, kind: string): void {
  assert.throws(() => fn(x), (e: unknown) => e instanceof Trap && e.kind === kind, `${fn.name}(${x}) should trap ${kind}`);
}

test('REQ-CORE-NUM-008: trapping truncation distinguishes NaN from overflow at the exact boundaries', () => {
  const below = (x: number): number => f32FromBits(f32Bits(x) + (x > 0 ? -1 : 1)); // one f32 ulp toward 0
  for (const [, fn] of TRUNCS) {
    assertTrap(fn, NaN, 'invalid conversion to integer');
    assertTrap(fn, -NaN, 'invalid conversion to integer');
    assertTrap(fn, Infinity, 'integer overflow');
    assertTrap(fn, -Infinity, 'integer overflow');
  }
  // i32 signed: trunc(x) in [-2^31, 2^31 - 1]
  assert.equal(N.i32TruncF64S(-2147483648.9), INT32_MIN);
  assertTrap(N.i32TruncF64S, -2147483649, 'integer overflow');
  assert.equal(N.i32TruncF64S(2147483647.9), INT32_MAX);
  assertTrap(N.i32TruncF64S, 2147483648, 'integer overflow');
  assert.equal(N.i32TruncF32S(-2147483648), INT32_MIN);
  assertTrap(N.i32TruncF32S, -2147483904, 'integer overflow'); // the f32 below -2^31
  assert.equal(N.i32TruncF32S(below(2147483648)), 2147483520);
  assertTrap(N.i32TruncF32S, 2147483648, 'integer overflow');
  // i32 unsigned: trunc(x) in [0, 2^32 - 1]
  assert.equal(N.i32TruncF64U(-0.9), 0);
  assertTrap(N.i32TruncF64U, -1, 'integer overflow');
  assert.equal(N.i32TruncF64U(4294967295.9), -1);
  assertTrap(N.i32TruncF64U, 4294967296, 'integer overflow');
  assert.equal(N.i32TruncF32U(below(4294967296)), 4294967040 | 0);
  assert.ok(Object.is(N.i32TruncF32U(-0), 0));
  // i64 signed: trunc(x) in [-2^63, 2^63 - 1]
  assert.equal(N.i64TruncF64S(-9223372036854775808), INT64_MIN);
  assertTrap(N.i64TruncF64S, -9223372036854777856, 'integer overflow'); // the f64 below -2^63
  assertTrap(N.i64TruncF64S, 9223372036854775808, 'integer overflow');
  assert.equal(N.i64TruncF64S(9223372036854774784), 9223372036854774784n);
  assertTrap(N.i64TruncF32S, -9223373136366403584, 'integer overflow'); // the f32 below -2^63
  assert.equal(N.i64TruncF32S(below(9223372036854775808)), 9223371487098961920n);
  // i64 unsigned: trunc(x) in [0, 2^64 - 1]
  assert.equal(N.i64TruncF64U(-0.99999), 0n);
  assertTrap(N.i64TruncF64U, -1, 'integer overflow');
  assert.equal(N.i64TruncF64U(18446744073709549568), -2048n, 'unsigned result as its signed pattern');
  assertTrap(N.i64TruncF64U, 18446744073709551616, 'integer overflow');
  assert.equal(N.i64TruncF32U(below(18446744073709551616)), BigInt.asIntN(64, 18446742974197923840n));
});

test('REQ-CORE-NUM-008: trapping truncation agrees with V8 on edge values', () => {
  for (const entry of TRUNCS) {
    for (const b of F32_EDGES) checkTrunc(entry, b, 0n);
    for (const b of F64_EDGES) checkTrunc(entry, 0, b);
  }
});

test('REQ-CORE-NUM-008: trapping truncation agrees with V8 on random operands', () => {
  fc.assert(
    fc.property(anyF32Bits, anyF64Bits, (a, b) => {
      for (const entry of TRUNCS) checkTrunc(entry, a, b);
    }),
    { numRuns: 10000 },
  );
});

test('REQ-CORE-NUM-009: saturating truncation maps NaN to 0 and clamps out-of-range values', () => {
  for (const [name, fn] of TRUNC_SATS) {
    const want = name.startsWith('i64') ? 0n : 0;
    for (const nan of [NaN, f64FromBits(BigInt.asIntN(64, 0xfff4000000000001n))]) assert.ok(Object.is(fn(nan), want), `${name}(NaN)`);
  }
  assert.equal(N.i32TruncSatF64S(-1e10), INT32_MIN);
  assert.equal(N.i32TruncSatF64S(1e10), INT32_MAX);
  assert.equal(N.i32TruncSatF64S(-Infinity), INT32_MIN);
  assert.equal(N.i32TruncSatF32U(-1), 0);
  assert.equal(N.i32TruncSatF32U(Infinity), -1, 'max uint32 as its int32 pattern');
  assert.equal(N.i64TruncSatF64S(-Infinity), INT64_MIN);
  assert.equal(N.i64TruncSatF64S(1e19), INT64_MAX);
  assert.equal(N.i64TruncSatF32U(-5), 0n);
  assert.equal(N.i64TruncSatF32U(1e20), -1n, 'max uint64 as its signed pattern');
  assert.equal(N.i64TruncSatF64U(123.9), 123n);
});

test('REQ-CORE-NUM-009: saturating truncation agrees with V8 on edge values and random operands', () => {
  for (const entry of TRUNC_SATS) {
    for (const b of F32_EDGES) checkTrunc(entry, b, 0n);
    for (const b of F64_EDGES) checkTrunc(entry, 0, b);
  }
  fc.assert(
    fc.property(anyF32Bits, anyF64Bits, (a, b) => {
      for (const entry of TRUNC_SATS) checkTrunc(entry, a, b);
    }),
    { numRuns: 10000 },
  );
});

// ---------------------------------------------------------------------------------------------------
// Conversion
// ---------------------------------------------------------------------------------------------------

test('REQ-CORE-NUM-010: f32.convert_i64 rounds once, where rounding through f64 first goes wrong', () => {
  // 2^53 + 2^29 + 1 is just above the f32 halfway point 2^53 + 2^29, so it rounds up to 2^53 + 2^30;
  // rounding to f64 first lands exactly on the halfway point, and ties-to-even then gives 2^53.
  const x = 2n ** 53n + 2n ** 29n + 1n;
  assert.equal(Math.fround(Number(x)), 2 ** 53, 'the naive double rounding is indeed wrong here');
  assert.equal(N.f32ConvertI64S(x), 2 ** 53 + 2 ** 30);
  assert.equal(N.f32ConvertI64U(x), 2 ** 53 + 2 ** 30);
  assert.equal(N.f32ConvertI64S(-x), -(2 ** 53 + 2 ** 30));
  // the same in the unsigned range above 2^63
  const y = 2n ** 63n + 2n ** 39n + 1n;
  assert.equal(N.f32ConvertI64U(BigInt.asIntN(64, y)), 2 ** 63 + 2 ** 40);
  assert.equal(N.f32ConvertI64U(-1n), 2 ** 64);
  assert.equal(N.f32ConvertI64S(INT64_MIN), -(2 ** 63));
  assert.equal(N.f64ConvertI64U(-1n), 2 ** 64);
  assert.equal(N.f64ConvertI32U(-1), 4294967295);
  assert.equal(N.f32ConvertI32U(-1), 4294967296);
  assert.equal(N.f32ConvertI32S(16777217), 16777216);
  assert.equal(N.f32ConvertI32S(16777219), 16777220);
});

test('REQ-CORE-NUM-010: integer to float conversions agree with V8 on edge values', () => {
  for (const [name, fn] of CONVERTS_I32) for (const x of I32_EDGES) checkConvert(name, fn, x);
  for (const [name, fn] of CONVERTS_I64) for (const x of I64_EDGES) checkConvert(name, fn, x);
});

test('REQ-CORE-NUM-010: integer to float conversions agree with V8 on random and delicate operands', () => {
  fc.assert(
    fc.property(anyI32, fc.oneof(anyI64, delicateI64), (a, b) => {
      for (const [name, fn] of CONVERTS_I32) checkConvert(name, fn, a);
      for (const [name, fn] of CONVERTS_I64) checkConvert(name, fn, b);
    }),
    { numRuns: 20000 },
  );
});

// ---------------------------------------------------------------------------------------------------
// Result forms and failure forms across the whole module
// ---------------------------------------------------------------------------------------------------

test('REQ-CORE-NUM-011: every function returns its documented form and throws nothing but Trap', () => {
  const i32Fns: Array<(a: number, b: number) => number> = [N.i32DivS, N.i32DivU, N.i32RemS, N.i32RemU, N.i32Rotl, N.i32Rotr];
  const i64Fns: Array<(a: bigint, b: bigint) => bigint> = [...I64_DIV_FNS, ...I64_SHIFT_FNS].map(([, fn]) => fn);
  const onlyTraps = (call: () => unknown, check: (r: unknown) => boolean): void => {
    try {
      assert.ok(check(call()));
    } catch (e) {
      if (!(e instanceof Trap)) throw e;
    }
  };
  const isI32 = (r: unknown): boolean => typeof r === 'number' && Object.is(r, r | 0);
  const isI64 = (r: unknown): boolean => typeof r === 'bigint' && BigInt.asIntN(64, r) === r;
  const isF32 = (r: unknown): boolean => typeof r === 'number' && (Number.isNaN(r) || Object.is(Math.fround(r), r));
  fc.assert(
    fc.property(anyI32, anyI32, anyI64, anyI64, fc.double(), (a, b, c, d, x) => {
      for (const fn of i32Fns) onlyTraps(() => fn(a, b), isI32);
      for (const fn of [N.i32Clz, N.i32Ctz, N.i32Popcnt]) onlyTraps(() => fn(a), isI32);
      for (const fn of i64Fns) onlyTraps(() => fn(c, d), isI64);
      for (const [, fn] of I64_COUNT_FNS) onlyTraps(() => fn(c), (r) => isI64(r) && (r as bigint) >= 0n && (r as bigint) <= 64n);
      for (const [, fn] of [...TRUNCS, ...TRUNC_SATS]) onlyTraps(() => fn(x), (r) => isI32(r) || isI64(r));
      for (const fn of [N.f32ConvertI64S, N.f32ConvertI64U]) onlyTraps(() => fn(c), isF32);
      for (const fn of [N.f32ConvertI32S, N.f32ConvertI32U]) onlyTraps(() => fn(a), isF32);
    }),
    { numRuns: 5000 },
  );
});
