/**
 * Tests of the memory-free SIMD instructions (src/core/exec/simd.ts).
 *
 * 1. Differential: every instruction is run on random and edge-value operands both by execSimd and by
 *    V8's WebAssembly engine (wabt assembles the one-instruction modules); results must be equal byte
 *    for byte, except that float lanes the spec lets be "some NaN" only have to be NaN on both sides.
 *    The same run checks the stack discipline: the returned sp, and no write outside the result slot.
 * 2. Examples worked out from the spec's definitions (independent of V8) for the edge rules.
 * 3. Opcode numbering: the oracle's table against wabt's encoding and against binary/opcodes.ts.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { OPS } from '../../../src/core/binary/opcodes.js';
import { CfiViolation } from '../../../src/core/errors.js';
import { execSimd, isSimdSub } from '../../../src/core/exec/simd.js';
import { operandsArb, v128Arb } from './simd-arbitraries.js';
import { assemble, buildOracle, sizeOf } from './simd-oracle.js';
import { REQ, SIMD_OPS, type SimdOp } from './simd-ops.js';
import { code, runOurs, stack } from './simd-run.js';

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');

/** Equal bytes, or, in float lanes where `nan` is set, NaN on both sides. */
function sameResult(expected: Uint8Array, actual: Uint8Array, nan: 'f32' | 'f64' | undefined): boolean {
  if (nan === undefined) return expected.every((b, i) => actual[i] === b);
  const width = nan === 'f32' ? 4 : 8;
  for (let o = 0; o < expected.length; o += width) {
    const e = expected.slice(o, o + width);
    const a = actual.slice(o, o + width);
    const isNaN = (x: Uint8Array): boolean =>
      width === 4 ? Number.isNaN(new Float32Array(x.buffer)[0]) : Number.isNaN(new Float64Array(x.buffer)[0]);
    if (isNaN(e) && isNaN(a)) continue;
    if (!e.every((b, i) => a[i] === b)) return false;
  }
  return true;
}

/** Every NaN lane of a computed float result is the canonical NaN (positive, quiet, zero payload). */
function nanLanesCanonical(actual: Uint8Array, nan: 'f32' | 'f64'): boolean {
  if (nan === 'f32') {
    const v = new Int32Array(actual.buffer.slice(0));
    const f = new Float32Array(v.buffer);
    return [0, 1, 2, 3].every((i) => !Number.isNaN(f[i]) || v[i] === 0x7fc00000);
  }
  const v = new BigInt64Array(actual.buffer.slice(0));
  const f = new Float64Array(v.buffer);
  return [0, 1].every((i) => !Number.isNaN(f[i]) || v[i] === 0x7ff8000000000000n);
}

// ---------------------------------------------------------------------------------------------------
// 1. Differential tests against V8

interface Variant {
  readonly text: string; // immediate text in WAT
  readonly imm: readonly number[]; // immediate words for execSimd
}

function wordsOf(bytes: readonly number[]): number[] {
  const w = new Int32Array(Uint8Array.from(bytes).buffer);
  return [...w];
}

/** Immediate variants: one per lane, sampled constants/shuffle patterns, or none. */
function variantsFor(op: SimdOp): Variant[] {
  if (op.lanes !== undefined) return Array.from({ length: op.lanes }, (_, l) => ({ text: String(l), imm: [l] }));
  if (op.sub === 0x0c) {
    return fc.sample(v128Arb, { numRuns: 32, seed: 12 }).map((b) => ({ text: `i8x16 ${[...b].join(' ')}`, imm: wordsOf([...b]) }));
  }
  if (op.sub === 0x0d) {
    const pattern = fc.array(fc.oneof(fc.integer({ min: 0, max: 31 }), fc.constantFrom(0, 15, 16, 31)), { minLength: 16, maxLength: 16 });
    const fixed = [Array.from({ length: 16 }, (_, i) => i), Array.from({ length: 16 }, (_, i) => 31 - i)];
    return [...fixed, ...fc.sample(pattern, { numRuns: 30, seed: 13 })].map((p) => ({ text: p.join(' '), imm: wordsOf(p) }));
  }
  return [{ text: '', imm: [] }];
}

const RUNS = 200;

/** The lane shape an instruction reads: the one named after '_' (conversions), else its prefix. */
function inputShape(name: string): string | undefined {
  return /_(i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)/.exec(name)?.[1] ?? /^(i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\./.exec(name)?.[1];
}

for (const op of SIMD_OPS) {
  test(`${op.req}, ${REQ.stack}${op.nan ? `, ${REQ.nan}` : ''}: ${op.name} matches V8 on edge and random operands`, async () => {
    const variants = variantsFor(op);
    const oracle = await buildOracle(op, variants.map((v) => v.text));
    const params = op.sig.split(':')[0] ?? '';
    const result = op.sig.split(':')[1] ?? '';
    fc.assert(
      fc.property(operandsArb(params, inputShape(op.name)), fc.nat(variants.length - 1), (operands, k) => {
        const mem = oracle.memory;
        mem.fill(0, 0, 96);
        [...params].forEach((p, j) => mem.set(operands[j]!.subarray(0, sizeOf(p)), 16 * j));
        oracle.run(k);
        const expected = mem.slice(64, 64 + sizeOf(result));
        const actual = runOurs(op, operands, variants[k]!.imm);
        if (!sameResult(expected, actual, op.nan)) {
          assert.fail(
            `${op.name} ${variants[k]!.text}\n  operands ${operands.map(hex).join(' | ')}\n  V8   ${hex(expected)}\n  ours ${hex(actual)}`,
          );
        }
        if (op.nan !== undefined) assert.ok(nanLanesCanonical(actual, op.nan), `non-canonical NaN ${hex(actual)}`);
      }),
      { numRuns: RUNS },
    );
  });
}

// ---------------------------------------------------------------------------------------------------
// 2. Examples from the spec's definitions

const v = {
  i8: (...l: number[]): Uint8Array => new Uint8Array(Int8Array.from(l).buffer),
  u8: (...l: number[]): Uint8Array => Uint8Array.from(l),
  i16: (...l: number[]): Uint8Array => new Uint8Array(Int16Array.from(l).buffer),
  i32: (...l: number[]): Uint8Array => new Uint8Array(Int32Array.from(l).buffer),
  i64: (...l: bigint[]): Uint8Array => new Uint8Array(BigInt64Array.from(l).buffer),
  f32: (...l: number[]): Uint8Array => new Uint8Array(Float32Array.from(l).buffer),
  f64: (...l: number[]): Uint8Array => new Uint8Array(Float64Array.from(l).buffer),
};
const read = {
  i8: (b: Uint8Array): number[] => [...new Int8Array(b.slice().buffer)],
  u8: (b: Uint8Array): number[] => [...b],
  i16: (b: Uint8Array): number[] => [...new Int16Array(b.slice().buffer)],
  u16: (b: Uint8Array): number[] => [...new Uint16Array(b.slice().buffer)],
  i32: (b: Uint8Array): number[] => [...new Int32Array(b.slice().buffer)],
  u32: (b: Uint8Array): number[] => [...new Uint32Array(b.slice().buffer)],
  i64: (b: Uint8Array): bigint[] => [...new BigInt64Array(b.slice().buffer)],
  f32: (b: Uint8Array): number[] => [...new Float32Array(b.slice().buffer)],
  f64: (b: Uint8Array): number[] => [...new Float64Array(b.slice().buffer)],
};
const byName = new Map(SIMD_OPS.map((o) => [o.name, o]));
function ex(name: string, operands: Uint8Array[], imm: number[] = []): Uint8Array {
  const op = byName.get(name);
  if (op === undefined) throw new Error(`unknown ${name}`);
  return runOurs(op, operands, imm);
}
const i32s = (x: number): Uint8Array => v.i32(x, 0, 0, 0);

test(`REQ-CORE-SIMD-001: v128.const writes its 16 immediate bytes into a new slot`, () => {
  assert.deepEqual(read.i32(ex('v128.const', [], [1, -2, 0x7fffffff, -0x80000000])), [1, -2, 0x7fffffff, -0x80000000]);
});

test(`REQ-CORE-SIMD-002: shuffle indexes the 32-byte concatenation, swizzle zeroes indices >= 16`, () => {
  const a = v.u8(...Array.from({ length: 16 }, (_, i) => i));
  const b = v.u8(...Array.from({ length: 16 }, (_, i) => 0x10 + i));
  const idx = [31, 0, 16, 15, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22];
  assert.deepEqual(read.u8(ex('i8x16.shuffle', [a, b], wordsOf(idx))), idx);
  const sidx = v.u8(15, 16, 255, 0, 128, 1, 14, 17, 2, 2, 2, 2, 32, 3, 4, 5);
  assert.deepEqual(read.u8(ex('i8x16.swizzle', [b, sidx])), [0x1f, 0, 0, 0x10, 0, 0x11, 0x1e, 0, 0x12, 0x12, 0x12, 0x12, 0, 0x13, 0x14, 0x15]);
});

test(`REQ-CORE-SIMD-003: splats keep the low bits of the scalar and copy float bits exactly`, () => {
  assert.deepEqual(read.u8(ex('i8x16.splat', [i32s(0x1ff)])), new Array(16).fill(0xff));
  assert.deepEqual(read.u16(ex('i16x8.splat', [i32s(0x12345)])), new Array(8).fill(0x2345));
  const snan = v.i32(0x7f800001, 0, 0, 0);
  assert.deepEqual(read.i32(ex('f32x4.splat', [snan])), new Array(4).fill(0x7f800001));
  assert.deepEqual(read.i64(ex('i64x2.splat', [v.i64(-5n, 0n)])), [-5n, -5n]);
});

test(`REQ-CORE-SIMD-004: extract_lane sign/zero-extends, replace_lane keeps the other lanes`, () => {
  const a = v.i8(0, -1, 2, -128, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 127);
  assert.equal(read.i32(ex('i8x16.extract_lane_s', [a], [3]))[0], -128);
  assert.equal(read.i32(ex('i8x16.extract_lane_u', [a], [3]))[0], 128);
  assert.equal(read.i32(ex('i16x8.extract_lane_u', [v.i16(0, -1, 0, 0, 0, 0, 0, 0)], [1]))[0], 0xffff);
  assert.deepEqual(read.i64(ex('i64x2.replace_lane', [v.i64(1n, 2n), v.i64(-9n, 0n)], [1])), [1n, -9n]);
  assert.deepEqual(read.i32(ex('f32x4.replace_lane', [v.i32(1, 2, 3, 4), i32s(0x7fa00000)], [2])), [1, 2, 0x7fa00000, 4]);
});

test(`REQ-CORE-SIMD-005: signed and unsigned lane comparisons differ on the sign bit; i64x2 compares signed`, () => {
  const a = v.u8(0x80, 0x7f, 0, 0xff, ...new Array(12).fill(1));
  const b = v.u8(0x7f, 0x80, 0, 0x00, ...new Array(12).fill(2));
  assert.deepEqual(read.i8(ex('i8x16.lt_s', [a, b])).slice(0, 5), [-1, 0, 0, -1, -1]);
  assert.deepEqual(read.i8(ex('i8x16.lt_u', [a, b])).slice(0, 5), [0, -1, 0, 0, -1]);
  assert.deepEqual(read.i64(ex('i64x2.lt_s', [v.i64(-1n, 0x100000000n), v.i64(0n, 0xffffffffn)])), [-1n, 0n]);
  assert.deepEqual(read.i64(ex('i64x2.ge_s', [v.i64(-1n, 0x100000000n), v.i64(0n, 0xffffffffn)])), [0n, -1n]);
});

test(`REQ-CORE-SIMD-006: float comparisons are false on NaN except ne, and -0 equals +0`, () => {
  const a = v.f32(NaN, -0, 1, Infinity);
  const b = v.f32(NaN, 0, NaN, Infinity);
  assert.deepEqual(read.i32(ex('f32x4.eq', [a, b])), [0, -1, 0, -1]);
  assert.deepEqual(read.i32(ex('f32x4.ne', [a, b])), [-1, 0, -1, 0]);
  assert.deepEqual(read.i64(ex('f64x2.le', [v.f64(NaN, -0), v.f64(1, 0)])), [0n, -1n]);
});

test(`REQ-CORE-SIMD-007: bitselect takes v1 where the mask is 1 and v2 where it is 0; andnot is a & ~b`, () => {
  const r = ex('v128.bitselect', [v.i32(-1, -1, 0, 0), v.i32(0, 0, -1, -1), v.i32(0x0f0f0f0f, 0, -1, 0x12345678)]);
  assert.deepEqual(read.i32(r), [0x0f0f0f0f, 0, 0, ~0x12345678]);
  assert.deepEqual(read.i32(ex('v128.andnot', [v.i32(-1, 6, 0, 5), v.i32(1, 3, 0, -1)])), [-2, 4, 0, 0]);
});

test(`REQ-CORE-SIMD-008: any_true, all_true and bitmask`, () => {
  assert.equal(read.i32(ex('v128.any_true', [v.i32(0, 0, 0, 0x100)]))[0], 1);
  assert.equal(read.i32(ex('v128.any_true', [v.i32(0, 0, 0, 0)]))[0], 0);
  assert.equal(read.i32(ex('i8x16.all_true', [v.u8(...new Array(15).fill(1), 0)]))[0], 0);
  assert.equal(read.i32(ex('i64x2.all_true', [v.i64(0x100000000n, 1n)]))[0], 1);
  assert.equal(read.i32(ex('i8x16.bitmask', [v.u8(0x80, 0, 0xff, ...new Array(12).fill(0), 0x80)]))[0], 0x8005);
  assert.equal(read.i32(ex('i64x2.bitmask', [v.i64(1n, -1n)]))[0], 2);
});

test(`REQ-CORE-SIMD-009: wrapping arithmetic, abs of the minimum, popcnt, 64-bit multiply`, () => {
  assert.deepEqual(read.i8(ex('i8x16.abs', [v.i8(-128, -1, 5, ...new Array(13).fill(0))])).slice(0, 3), [-128, 1, 5]);
  assert.deepEqual(read.u8(ex('i8x16.popcnt', [v.u8(0xff, 0x80, 0, 0x55, ...new Array(12).fill(0))])).slice(0, 4), [8, 1, 0, 4]);
  assert.deepEqual(read.i32(ex('i32x4.add', [v.i32(0x7fffffff, -1, 0, 1), v.i32(1, 1, 0, -2)])), [-0x80000000, 0, 0, -1]);
  assert.deepEqual(read.i64(ex('i64x2.add', [v.i64(0xffffffffn, -1n), v.i64(1n, 1n)])), [0x100000000n, 0n]);
  assert.deepEqual(read.i64(ex('i64x2.sub', [v.i64(0x100000000n, -0x8000000000000000n), v.i64(1n, 1n)])), [0xffffffffn, 0x7fffffffffffffffn]);
  const x = 0x123456789abcdefn;
  const y = -0xfedcba987654321n;
  assert.deepEqual(read.i64(ex('i64x2.mul', [v.i64(x, -1n), v.i64(y, -0x8000000000000000n)])), [BigInt.asIntN(64, x * y), -0x8000000000000000n]);
  assert.deepEqual(read.i64(ex('i64x2.neg', [v.i64(0n, -0x8000000000000000n)])), [0n, -0x8000000000000000n]);
});

test(`REQ-CORE-SIMD-010: saturating add/sub clamp to the lane range`, () => {
  assert.deepEqual(read.i8(ex('i8x16.add_sat_s', [v.i8(127, -128, 5, ...new Array(13).fill(0)), v.i8(1, -1, -10, ...new Array(13).fill(0))])).slice(0, 3), [127, -128, -5]);
  assert.deepEqual(read.u8(ex('i8x16.sub_sat_u', [v.u8(1, 200, ...new Array(14).fill(0)), v.u8(2, 100, ...new Array(14).fill(0))])).slice(0, 2), [0, 100]);
  assert.deepEqual(read.u16(ex('i16x8.add_sat_u', [v.i16(-1, 1, 0, 0, 0, 0, 0, 0), v.i16(1, 1, 0, 0, 0, 0, 0, 0)])).slice(0, 2), [0xffff, 2]);
});

test(`REQ-CORE-SIMD-011: min/max signed vs unsigned, avgr_u rounds up`, () => {
  assert.deepEqual(read.i32(ex('i32x4.min_u', [v.i32(-1, 1, 0, 5), v.i32(1, -1, 0, 4)])), [1, 1, 0, 4]);
  assert.deepEqual(read.i32(ex('i32x4.min_s', [v.i32(-1, 1, 0, 5), v.i32(1, -1, 0, 4)])), [-1, -1, 0, 4]);
  assert.deepEqual(read.u8(ex('i8x16.avgr_u', [v.u8(255, 0, 1, ...new Array(13).fill(0)), v.u8(255, 1, 2, ...new Array(13).fill(0))])).slice(0, 3), [255, 1, 2]);
});

test(`REQ-CORE-SIMD-012: shift counts are taken modulo the lane width`, () => {
  assert.deepEqual(read.i32(ex('i32x4.shl', [v.i32(1, 2, -1, 3), i32s(33)])), [2, 4, -2, 6]);
  assert.deepEqual(read.i8(ex('i8x16.shr_s', [v.i8(-128, 64, ...new Array(14).fill(0)), i32s(-1)])).slice(0, 2), [-1, 0]);
  assert.deepEqual(read.i64(ex('i64x2.shr_s', [v.i64(-0x8000000000000000n, 0x4000000000000000n), i32s(127)])), [-1n, 0n]);
  assert.deepEqual(read.i64(ex('i64x2.shr_u', [v.i64(-1n, 0x100000000n), i32s(32)])), [0xffffffffn, 1n]);
  assert.deepEqual(read.i64(ex('i64x2.shl', [v.i64(1n, 3n), i32s(64 + 35)])), [0x800000000n, 0x1800000000n]);
});

test(`REQ-CORE-SIMD-013: narrow saturates signed inputs, taking a's lanes then b's`, () => {
  const a = v.i16(300, -300, 127, -128, 0, 255, 256, -1);
  const b = v.i16(1, 2, 3, 4, 5, 6, 7, 8);
  assert.deepEqual(read.i8(ex('i8x16.narrow_i16x8_s', [a, b])), [127, -128, 127, -128, 0, 127, 127, -1, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(read.u8(ex('i8x16.narrow_i16x8_u', [a, b])), [255, 0, 127, 0, 0, 255, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(read.u16(ex('i16x8.narrow_i32x4_u', [v.i32(70000, -5, 65535, 1), v.i32(0, 0, 0, 2)])), [65535, 0, 65535, 1, 0, 0, 0, 2]);
});

test(`REQ-CORE-SIMD-014: extend_low/high sign- or zero-extend the chosen half`, () => {
  const a = v.i16(-1, 2, -3, 4, -5, 6, -7, 8);
  assert.deepEqual(read.i32(ex('i32x4.extend_high_i16x8_s', [a])), [-5, 6, -7, 8]);
  assert.deepEqual(read.i32(ex('i32x4.extend_low_i16x8_u', [a])), [0xffff, 2, 0xfffd, 4]);
  assert.deepEqual(read.i64(ex('i64x2.extend_high_i32x4_s', [v.i32(0, 0, -2, 3)])), [-2n, 3n]);
});

test(`REQ-CORE-SIMD-015: extmul and extadd_pairwise produce exact double-width results`, () => {
  const a = v.i32(-0x80000000, -1, 0x7fffffff, 2);
  const b = v.i32(-0x80000000, 0x7fffffff, -1, 3);
  assert.deepEqual(read.i64(ex('i64x2.extmul_low_i32x4_s', [a, b])), [0x4000000000000000n, -0x7fffffffn]);
  assert.deepEqual(read.i64(ex('i64x2.extmul_low_i32x4_u', [a, b])), [0x4000000000000000n, 0xffffffffn * 0x7fffffffn]);
  assert.deepEqual(read.i32(ex('i32x4.extmul_high_i16x8_u', [v.i16(0, 0, 0, 0, -1, 0, 0, 0), v.i16(0, 0, 0, 0, -1, 0, 0, 0)])), [-131071, 0, 0, 0]);
  assert.deepEqual(read.i16(ex('i16x8.extadd_pairwise_i8x16_s', [v.i8(-128, -128, 127, 127, ...new Array(12).fill(0))])).slice(0, 2), [-256, 254]);
  assert.deepEqual(read.u32(ex('i32x4.extadd_pairwise_i16x8_u', [v.i16(-1, -1, 0, 0, 0, 0, 0, 0)])).slice(0, 1), [0x1fffe]);
});

test(`REQ-CORE-SIMD-016: dot_i16x8_s sums adjacent products and wraps in the one overflowing case`, () => {
  const m = v.i16(-32768, -32768, 1, 2, 3, 4, 5, 6);
  assert.deepEqual(read.i32(ex('i32x4.dot_i16x8_s', [m, m])), [-0x80000000, 5, 25, 61]);
});

test(`REQ-CORE-SIMD-017: q15mulr_sat_s rounds and saturates -32768 * -32768`, () => {
  const a = v.i16(-32768, 16384, -16384, 1, 0, 32767, -32768, 3);
  const b = v.i16(-32768, 16384, 16384, 16384, 5, 32767, 32767, -16384);
  assert.deepEqual(read.i16(ex('i16x8.q15mulr_sat_s', [a, b])), [32767, 8192, -8192, 1, 0, 32766, -32767, -1]);
});

test(`REQ-CORE-SIMD-018: f32 lanes are rounded once to single precision`, () => {
  const a = v.f32(16777216, 1, 0.1, -3);
  const b = v.f32(1, 3, 0.2, 0);
  assert.deepEqual(read.f32(ex('f32x4.add', [a, b])), [16777216, 4, Math.fround(Math.fround(0.1) + Math.fround(0.2)), -3]);
  assert.deepEqual(read.f32(ex('f32x4.div', [a, b])), [16777216, Math.fround(1 / 3), Math.fround(Math.fround(0.1) / Math.fround(0.2)), -Infinity]);
  assert.deepEqual(read.f64(ex('f64x2.sqrt', [v.f64(2, -0)])), [Math.SQRT2, -0]);
});

test(`REQ-CORE-SIMD-019: min/max propagate NaN and order -0 below +0`, () => {
  const mn = read.f32(ex('f32x4.min', [v.f32(-0, 0, NaN, 1), v.f32(0, -0, 1, NaN)]));
  assert.ok(Object.is(mn[0], -0) && Object.is(mn[1], -0) && Number.isNaN(mn[2]) && Number.isNaN(mn[3]));
  const mx = read.f64(ex('f64x2.max', [v.f64(-0, NaN), v.f64(0, -Infinity)]));
  assert.ok(Object.is(mx[0], 0) && Number.isNaN(mx[1]));
});

test(`REQ-CORE-SIMD-020: pmin/pmax select an operand's bits (b < a ? b : a, a < b ? b : a)`, () => {
  const a = v.i32(0x7fa00001, 0x3f800000, 0x80000000, 0x00000000); // NaN(payload), 1, -0, +0
  const b = v.i32(0x3f800000, 0x7fa00001, 0x00000000, 0x80000000); // 1, NaN, +0, -0
  assert.deepEqual(read.i32(ex('f32x4.pmin', [a, b])), [0x7fa00001, 0x3f800000, 0x80000000 | 0, 0]);
  assert.deepEqual(read.i32(ex('f32x4.pmax', [a, b])), [0x7fa00001, 0x3f800000, 0x80000000 | 0, 0]);
  assert.deepEqual(read.f64(ex('f64x2.pmax', [v.f64(1, -2), v.f64(2, -3)])), [2, -2]);
});

test(`REQ-CORE-SIMD-021: abs and neg change only the sign bit, NaN payloads included`, () => {
  assert.deepEqual(read.i32(ex('f32x4.neg', [v.i32(0x7fa00001, 0, -1, 0x3f800000)])), [0xffa00001 | 0, 0x80000000 | 0, 0x7fffffff, 0xbf800000 | 0]);
  assert.deepEqual(read.i64(ex('f64x2.abs', [v.i64(-0x0008000000000001n, -0x8000000000000000n)])), [0x7ff7ffffffffffffn, 0n]);
});

test(`REQ-CORE-SIMD-022: ceil, floor, trunc, nearest (ties to even, sign of zero kept)`, () => {
  assert.deepEqual(read.f32(ex('f32x4.nearest', [v.f32(2.5, -2.5, 3.5, 0.5)])), [2, -2, 4, 0]);
  assert.ok(Object.is(read.f32(ex('f32x4.nearest', [v.f32(-0.5, 0, 0, 0)]))[0], -0));
  assert.ok(Object.is(read.f64(ex('f64x2.ceil', [v.f64(-0.5, 1.1)]))[0], -0));
  assert.deepEqual(read.f64(ex('f64x2.nearest', [v.f64(4503599627370495.5, -1.5)])), [4503599627370496, -2]);
  assert.deepEqual(read.f64(ex('f64x2.floor', [v.f64(-1.5, 1.5)])), [-2, 1]);
  assert.ok(Object.is(read.f32(ex('f32x4.trunc', [v.f32(-0.9, 0, 0, 0)]))[0], -0));
});

test(`REQ-CORE-SIMD-023: trunc_sat maps NaN to 0 and clamps out-of-range values`, () => {
  assert.deepEqual(read.i32(ex('i32x4.trunc_sat_f32x4_s', [v.f32(NaN, 3e9, -3e9, -1.9)])), [0, 0x7fffffff, -0x80000000, -1]);
  assert.deepEqual(read.u32(ex('i32x4.trunc_sat_f32x4_u', [v.f32(NaN, 5e9, -0.9, 4294967040)])), [0, 0xffffffff, 0, 4294967040]);
  assert.deepEqual(read.i32(ex('i32x4.trunc_sat_f64x2_s_zero', [v.f64(2147483647.9, -2147483648.9)])), [0x7fffffff, -0x80000000, 0, 0]);
  assert.deepEqual(read.u32(ex('i32x4.trunc_sat_f64x2_u_zero', [v.f64(4294967295.9, -1)])), [0xffffffff, 0, 0, 0]);
});

test(`REQ-CORE-SIMD-024: convert rounds once to nearest even; demote/promote`, () => {
  assert.deepEqual(read.f32(ex('f32x4.convert_i32x4_u', [v.i32(-1, 16777217, 0x7fffffc0, -0x80000000)])), [4294967296, 16777216, 2147483648, 2147483648]);
  assert.deepEqual(read.f32(ex('f32x4.convert_i32x4_s', [v.i32(-16777217, 16777219, -1, 0)])), [-16777216, 16777220, -1, 0]);
  assert.deepEqual(read.f64(ex('f64x2.convert_low_i32x4_u', [v.i32(-1, 7, 9, 9)])), [4294967295, 7]);
  assert.deepEqual(read.f32(ex('f32x4.demote_f64x2_zero', [v.f64(1e300, 0.1)])), [Infinity, Math.fround(0.1), 0, 0]);
  assert.deepEqual(read.f64(ex('f64x2.promote_low_f32x4', [v.f32(0.1, -0, 7, 7)])), [Math.fround(0.1), -0]);
});

test(`REQ-CORE-SIMD-025: computed NaN lanes are the canonical NaN, also from signalling inputs`, () => {
  const r = ex('f32x4.add', [v.i32(0x7f800001, 0xffa00000 | 0, 0x7f800000, 0), v.i32(0, 0, 0xff800000 | 0, 0)]);
  assert.deepEqual(read.i32(r).slice(0, 3), [0x7fc00000, 0x7fc00000, 0x7fc00000]);
  const m = ex('f64x2.min', [v.i64(0x7ff0000000000001n, 0n), v.i64(0n, -0x0008000000000000n)]);
  assert.deepEqual(read.i64(m), [0x7ff8000000000000n, 0x7ff8000000000000n]);
  const d = ex('f32x4.demote_f64x2_zero', [v.i64(0x7ff0000000000001n, 0n)]);
  assert.equal(read.i32(d)[0], 0x7fc00000);
});

test(`REQ-CORE-SIMD-026: operand and result slots for nullary, unary, binary, ternary and scalar forms`, () => {
  // v128.const pushes (sp + 1), bitselect pops three and pushes one, extract_lane leaves sp.
  stack.u8.fill(0);
  assert.equal(execSimd(0x0c, stack, 5, Int32Array.of(1, 2, 3, 4), 0), 6);
  assert.deepEqual([...stack.i32.subarray(20, 24)], [1, 2, 3, 4]);
  assert.equal(execSimd(0x52, stack, 6, code, 0), 4);
  assert.equal(execSimd(0x1b, stack, 4, Int32Array.of(0), 0), 4);
  assert.equal(execSimd(0x6b, stack, 4, code, 0), 3);
});

test(`REQ-CORE-SIMD-027: sub-opcodes without a memory-free 2.0 instruction raise CfiViolation`, () => {
  const bad = [-1, 0x00, 0x0b, 0x54, 0x5d, 0x9a, 0xa2, 0xa5, 0xa6, 0xaf, 0xb0, 0xb2, 0xbb, 0xc2, 0xd2, 0xe2, 0xee, 0x100, 0x113, 0x1000];
  for (const sub of bad) {
    assert.equal(isSimdSub(sub), false, `0x${sub.toString(16)}`);
    assert.throws(() => execSimd(sub, stack, 4, code, 0), (e: unknown) => e instanceof CfiViolation && e.check === 'opcode');
  }
});

test(`REQ-CORE-SIMD-028: execSimd accepts exactly the memory-free SIMD sub-opcodes of the spec`, () => {
  const ours = new Set(SIMD_OPS.map((o) => o.sub));
  assert.equal(SIMD_OPS.length, 236 - 22); // 236 SIMD instructions in 2.0, 22 of them access memory
  for (let sub = 0; sub < 0x120; sub++) assert.equal(isSimdSub(sub), ours.has(sub), `0x${sub.toString(16)}`);
});

test(`REQ-CORE-SIMD-028: the oracle's opcode numbers are wabt's encoding (0xFD + LEB128 sub-opcode)`, async () => {
  const letterType: Record<string, string> = { i: 'i32', I: 'i64', f: 'f32', F: 'f64', v: 'v128' };
  for (const op of SIMD_OPS) {
    const params = op.sig.split(':')[0] ?? '';
    const imm = op.lanes !== undefined ? ' 0' : op.sub === 0x0c ? ' i32x4 0 0 0 0' : op.sub === 0x0d ? ' 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15' : '';
    const gets = [...params].map((_, j) => `local.get ${j}`).join(' ');
    const text = `(module (func (param ${[...params].map((p) => letterType[p]).join(' ')}) ${gets} ${op.name}${imm} drop))`;
    const bin = await assemble(text);
    const at = bin.indexOf(0xfd);
    assert.ok(at > 0, op.name);
    let sub = 0;
    let shift = 0;
    let k = at + 1;
    for (;;) {
      const byte = bin[k++]!;
      sub |= (byte & 0x7f) << shift;
      shift += 7;
      if ((byte & 0x80) === 0) break;
    }
    assert.equal(sub, op.sub, `${op.name}: wabt encodes 0x${sub.toString(16)}`);
  }
});

test(`REQ-CORE-SIMD-028: the oracle's table agrees with binary/opcodes.ts on every memory-free SIMD instruction`, () => {
  const MEMORY_SUBS = (sub: number): boolean => sub <= 0x0b || (sub >= 0x54 && sub <= 0x5d);
  const table = OPS.filter((o) => o.op >= 0x200 && o.op < 0x300 && !MEMORY_SUBS(o.op - 0x200));
  assert.deepEqual(
    table.map((o) => [o.op - 0x200, o.name]),
    SIMD_OPS.map((o) => [o.sub, o.name]),
  );
});
