/**
 * The i64 operators of WebAssembly 2.0 that need more than one BigInt operator (spec section 4.3.2).
 * An i64 is a signed bigint in [-2^63, 2^63) in and out (the BigInt64Array form); every result is
 * normalized with `BigInt.asIntN(64, ...)` where it could leave that range. Shift and rotate counts are
 * bigints taken mod 64, as the spec says.
 */
import { Trap } from '../../errors.js';

const INT64_MIN = -(2n ** 63n);

/** Bit counts 0..64 as bigints, so the counting operators allocate nothing. */
const SMALL: readonly bigint[] = Array.from({ length: 65 }, (_, k) => BigInt(k));

const TWO_POW_64 = 2n ** 64n;

/**
 * The unsigned reading of a signed 64-bit pattern. Not `BigInt.asUintN(64, a)`: QuickJS (Bellard's and quickjs-ng 0.12.1, as built
 * in quickjs-emscripten 0.32) returns a negative result from it whenever bit 63 is set (issue #8).
 */
function u64(a: bigint): bigint {
  return a < 0n ? a + TWO_POW_64 : a;
}

/** The high 32 bits as an int32 number (a signed 64-bit value shifted by 32 already fits an int32). */
function hi32(a: bigint): number {
  return Number(a >> 32n);
}

/** The low 32 bits as an int32 number. */
function lo32(a: bigint): number {
  return Number(BigInt.asIntN(32, a));
}

/** i64.div_s: BigInt division already truncates toward zero; only INT64_MIN / -1 leaves the range. */
export function i64DivS(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Trap('integer divide by zero');
  if (b === -1n && a === INT64_MIN) throw new Trap('integer overflow');
  return a / b;
}

/** i64.div_u: quotient of the unsigned readings, returned as its signed pattern. */
export function i64DivU(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Trap('integer divide by zero');
  return BigInt.asIntN(64, u64(a) / u64(b));
}

/** i64.rem_s: BigInt `%` takes the dividend's sign; INT64_MIN rem -1 is 0n (no trap, as the spec says). */
export function i64RemS(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Trap('integer divide by zero');
  return a % b;
}

/** i64.rem_u: remainder of the unsigned readings (always below 2^64, so asIntN only relabels it). */
export function i64RemU(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Trap('integer divide by zero');
  return BigInt.asIntN(64, u64(a) % u64(b));
}

/** i64.clz: leading zero bits (64 for 0), counted on the two 32-bit halves. */
export function i64Clz(a: bigint): bigint {
  if (a < 0n) return SMALL[0]; // the sign bit is set: no leading zeros
  const hi = hi32(a);
  return SMALL[hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo32(a))];
}

/** Trailing zeros of an int32 (32 for 0); see i32Ctz. */
function ctz32(a: number): number {
  return 32 - Math.clz32(~a & (a - 1));
}

/** Population count of an int32. */
function popcnt32(a: number): number {
  let v = a - ((a >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/** i64.ctz: trailing zero bits (64 for 0). */
export function i64Ctz(a: bigint): bigint {
  const lo = lo32(a);
  return SMALL[lo !== 0 ? ctz32(lo) : 32 + ctz32(hi32(a))];
}

/** i64.popcnt: number of one bits. */
export function i64Popcnt(a: bigint): bigint {
  return SMALL[popcnt32(hi32(a)) + popcnt32(lo32(a))];
}

/** i64.shl: shift left by b mod 64 (`& 63n` is mod 64 for negative counts too: two's complement). */
export function i64Shl(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a << (b & 63n));
}

/** i64.shr_s: arithmetic shift of the signed value; it stays in range. */
export function i64ShrS(a: bigint, b: bigint): bigint {
  return a >> (b & 63n);
}

/** i64.shr_u: logical shift of the unsigned reading. */
export function i64ShrU(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, u64(a) >> (b & 63n));
}

/** i64.rotl: rotate left by b mod 64 (for k = 0 the second term is 0). */
export function i64Rotl(a: bigint, b: bigint): bigint {
  const k = b & 63n;
  const u = u64(a);
  return BigInt.asIntN(64, (u << k) | (u >> (64n - k)));
}

/** i64.rotr: rotate right by b mod 64 (for k = 0 the second term falls off in asIntN). */
export function i64Rotr(a: bigint, b: bigint): bigint {
  const k = b & 63n;
  const u = u64(a);
  return BigInt.asIntN(64, (u >> k) | (u << (64n - k)));
}
