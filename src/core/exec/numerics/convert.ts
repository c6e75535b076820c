/**
 * Integer to float conversion of WebAssembly 2.0 (spec section 4.3.3, convert_u / convert_s): the
 * result is the integer rounded to the target format, round to nearest, ties to even, rounded ONCE.
 *
 * i32 sources are exact doubles, so one Math.fround is the single rounding to f32. i64 sources go
 * through Number(bigint), which ECMAScript defines as the correctly rounded double. For f32 from i64,
 * rounding to a double first and then to f32 can round twice and land on the wrong f32 (a value just
 * above an f32 halfway point can first round down onto the halfway point, then ties-to-even goes the
 * wrong way). When |x| >= 2^53 the low 12 bits are therefore folded into one sticky bit (bit 11):
 * f32 rounds at bit 29 or above there, so only "is anything below nonzero" matters, and the folded
 * value spans at most bits 11..63, i.e. 53 bits, so Number() is exact and Math.fround rounds once.
 */

const TWO_POW_53 = 2n ** 53n;
const LOW12 = 0xfffn;
const STICKY = 0x800n;

/** Round a magnitude m in [0, 2^64) to f32 correctly (see the file comment). */
function magnitudeToF32(m: bigint): number {
  if (m <= TWO_POW_53) return Math.fround(Number(m));
  const folded = (m & ~LOW12) | ((m & LOW12) !== 0n ? STICKY : 0n);
  return Math.fround(Number(folded));
}

/** f32.convert_i32_s. */
export function f32ConvertI32S(x: number): number {
  return Math.fround(x);
}

/** f32.convert_i32_u: x is the int32 bit pattern. */
export function f32ConvertI32U(x: number): number {
  return Math.fround(x >>> 0);
}

/** f64.convert_i32_s: every int32 is an exact double. */
export function f64ConvertI32S(x: number): number {
  return x;
}

/** f64.convert_i32_u: x is the int32 bit pattern; every uint32 is an exact double. */
export function f64ConvertI32U(x: number): number {
  return x >>> 0;
}

/** f32.convert_i64_s: rounding is symmetric, so round the magnitude and put the sign back. */
export function f32ConvertI64S(x: bigint): number {
  return x < 0n ? -magnitudeToF32(-x) : magnitudeToF32(x);
}

/**
 * 2^64, to read a signed 64-bit pattern as unsigned without `BigInt.asUintN(64, x)`, which QuickJS
 * (Bellard's and quickjs-ng 0.12.1, as built in quickjs-emscripten 0.32) gets wrong when bit 63 is set (issue #8).
 */
const TWO_POW_64 = 2n ** 64n;

/** f32.convert_i64_u: x is the signed 64-bit pattern, read as unsigned. */
export function f32ConvertI64U(x: bigint): number {
  return magnitudeToF32(x < 0n ? x + TWO_POW_64 : x);
}

/** f64.convert_i64_s: Number(bigint) is correctly rounded (ECMAScript: the Number value for it). */
export function f64ConvertI64S(x: bigint): number {
  return Number(x);
}

/** f64.convert_i64_u: x is the signed 64-bit pattern, read as unsigned. */
export function f64ConvertI64U(x: bigint): number {
  return Number(x < 0n ? x + TWO_POW_64 : x);
}
