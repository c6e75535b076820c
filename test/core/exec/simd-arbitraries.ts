/**
 * fast-check generators for SIMD operands: 16-byte values (scalars in their low bytes), biased
 * towards the lane edge values of every shape (0, -0, ±inf, NaNs with and without payload, integer
 * bounds, 0x80.., halfway points of the roundings, conversion bounds).
 */

import fc from 'fast-check';

function bytesOf(view: ArrayBufferView): Uint8Array {
  const out = new Uint8Array(16);
  out.set(new Uint8Array(view.buffer, view.byteOffset, Math.min(16, view.byteLength)));
  return out;
}

const I8_EDGES = [0, 1, 2, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x40, 0x10, 0x0f, 0x20];
const I16_EDGES = [0, 1, 0x7fff, 0x8000, 0x8001, 0xffff, 0xfffe, 0x4000, 0xc000, 0x7f, 0x80, 0xff, 0x100, 0xff7f];
const I32_EDGES = [
  0, 1, -1, 0x7fffffff, -0x80000000, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, -0x8000,
  -0x8001, 0x12345678, 2, 31, 32, 33, 63, 64, 65, 7, 8, 9, 15, 16, 17, -7,
];
const I64_EDGES = [
  0n, 1n, -1n, 0x7fffffffffffffffn, -0x8000000000000000n, 0xffffffffn, 0x100000000n, 0x80000000n,
  -0x80000000n, 0x7fffffffn, -0x100000000n, 0x123456789abcdef0n,
];
// f32 bit patterns: zeros, infinities, NaNs (canonical, negative, payloads, signalling), denormals,
// max, halfway values, conversion bounds around 2^31 and 2^32.
const F32_EDGE_BITS = [
  0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0x7f800001,
  0xff800001, 0x7fffffff, 0x00000001, 0x80000001, 0x007fffff, 0x00800000, 0x7f7fffff, 0xff7fffff,
  0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0200000, 0x3f800000, 0xbf800000,
  0x4f000000, 0xcf000000, 0x4effffff, 0xcf000001, 0x4f800000, 0x4f7fffff, 0xbf7fffff, 0x4b000001,
  0x4b7fffff, 0x3effffff,
].map((b) => b | 0);
const F64_EDGE_BITS = [
  0x0000000000000000n, 0x8000000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0xfff8000000000000n, 0x7ff4000000000000n, 0x7ff0000000000001n,
  0xfff0000000000001n, 0x7fffffffffffffffn, 0x0000000000000001n, 0x8000000000000001n,
  0x000fffffffffffffn, 0x0010000000000000n, 0x7fefffffffffffffn, 0xffefffffffffffffn,
  0x3fe0000000000000n, 0xbfe0000000000000n, 0x3ff8000000000000n, 0xbff8000000000000n,
  0x4004000000000000n, 0xc004000000000000n, 0x3ff0000000000000n, 0xbff0000000000000n,
  0x41dfffffffc00000n, 0x41e0000000000000n, 0xc1e0000000000000n, 0xc1e0000000200000n,
  0x41efffffffe00000n, 0x41f0000000000000n, 0x41effffffffff000n, 0xbfefffffffffffffn,
  0x4330000000000001n, 0x3fdfffffffffffffn, 0x36a0000000000000n, 0x47efffffe0000000n,
  0x47efffffefffffffn, 0x47effffff0000000n, 0x3810000000000000n, 0x380fffffffffffffn,
].map((b) => BigInt.asIntN(64, b));

const anyI32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const anyI64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

const i8Lanes = fc
  .array(fc.oneof(fc.constantFrom(...I8_EDGES), fc.integer({ min: 0, max: 255 })), { minLength: 16, maxLength: 16 })
  .map((l) => bytesOf(Uint8Array.from(l)));
const i16Lanes = fc
  .array(fc.oneof(fc.constantFrom(...I16_EDGES), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 })
  .map((l) => bytesOf(Uint16Array.from(l)));
const i32Lanes = fc
  .array(fc.oneof(fc.constantFrom(...I32_EDGES), anyI32), { minLength: 4, maxLength: 4 })
  .map((l) => bytesOf(Int32Array.from(l)));
const i64Lanes = fc
  .array(fc.oneof(fc.constantFrom(...I64_EDGES), anyI64), { minLength: 2, maxLength: 2 })
  .map((l) => bytesOf(BigInt64Array.from(l)));
const f32Bits = fc.oneof(
  fc.constantFrom(...F32_EDGE_BITS),
  fc.float().map((x) => new Int32Array(Float32Array.of(x).buffer)[0] ?? 0),
  anyI32,
);
const f32Lanes = fc.array(f32Bits, { minLength: 4, maxLength: 4 }).map((l) => bytesOf(Int32Array.from(l)));
const f64Bits = fc.oneof(
  fc.constantFrom(...F64_EDGE_BITS),
  fc.double().map((x) => new BigInt64Array(Float64Array.of(x).buffer)[0] ?? 0n),
  anyI64,
);
const f64Lanes = fc.array(f64Bits, { minLength: 2, maxLength: 2 }).map((l) => bytesOf(BigInt64Array.from(l)));
const rawBytes = fc.uint8Array({ minLength: 16, maxLength: 16 });

/** A v128 operand of any lane shape. */
export const v128Arb: fc.Arbitrary<Uint8Array> = fc.oneof(i8Lanes, i16Lanes, i32Lanes, i64Lanes, f32Lanes, f64Lanes, rawBytes);

const BY_SHAPE: Record<string, fc.Arbitrary<Uint8Array>> = {
  i8x16: i8Lanes,
  i16x8: i16Lanes,
  i32x4: i32Lanes,
  i64x2: i64Lanes,
  f32x4: f32Lanes,
  f64x2: f64Lanes,
};

/**
 * A v128 operand biased (4 in 5) towards the lanes of `shape`, so that the edge values of the shape an
 * instruction reads (e.g. the halfway points for nearest) come up often.
 */
export function v128ArbFor(shape: string | undefined): fc.Arbitrary<Uint8Array> {
  const preferred = shape === undefined ? undefined : BY_SHAPE[shape];
  if (preferred === undefined) return v128Arb;
  return fc.oneof({ arbitrary: preferred, weight: 4 }, { arbitrary: v128Arb, weight: 1 });
}

/** Scalar operands by signature letter, as 16-byte slots with the value in the low bytes. */
export const scalarArb: Record<string, fc.Arbitrary<Uint8Array>> = {
  i: fc.oneof(fc.constantFrom(...I32_EDGES), anyI32, fc.integer({ min: -200, max: 200 })).map((x) => bytesOf(Int32Array.of(x))),
  I: fc.oneof(fc.constantFrom(...I64_EDGES), anyI64).map((x) => bytesOf(BigInt64Array.of(x))),
  f: f32Bits.map((x) => bytesOf(Int32Array.of(x))),
  F: f64Bits.map((x) => bytesOf(BigInt64Array.of(x))),
  v: v128Arb,
};

/** Operands for a signature's parameter letters; v128 operands biased towards lanes of `shape`. */
export function operandsArb(params: string, shape?: string): fc.Arbitrary<Uint8Array[]> {
  const vArb = v128ArbFor(shape);
  const arbs = [...params].map((p) => (p === 'v' ? vArb : scalarArb[p] ?? v128Arb));
  return fc.tuple(...arbs).map((t) => [...t]);
}
