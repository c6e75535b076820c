/**
 * The i32 operators of WebAssembly 2.0 that are not a single JS operator (spec section 4.3.2,
 * "Integer Operations"). Values are int32 JS numbers (the `| 0` form) in and out; unsigned operands
 * are read with `>>> 0`. No BigInt here: these run in the interpreter's hot loop.
 */
import { Trap } from '../../errors.js';

const INT32_MIN = -2147483648;

/**
 * i32.div_s: quotient truncated toward zero. The double quotient of two int32s never rounds across
 * an integer (its distance to one is at least 1/|b|, far above its rounding error), so `| 0` is exact.
 */
export function i32DivS(a: number, b: number): number {
  if (b === 0) throw new Trap('integer divide by zero');
  if (a === INT32_MIN && b === -1) throw new Trap('integer overflow');
  return (a / b) | 0;
}

/** i32.div_u: both operands read as unsigned; the result is returned as its int32 bit pattern. */
export function i32DivU(a: number, b: number): number {
  if (b === 0) throw new Trap('integer divide by zero');
  return ((a >>> 0) / (b >>> 0)) | 0;
}

/**
 * i32.rem_s: remainder with the sign of the dividend (JS `%` already does this, exactly). INT_MIN rem -1
 * is 0 in the spec; JS gives -0 there, which `| 0` turns into 0.
 */
export function i32RemS(a: number, b: number): number {
  if (b === 0) throw new Trap('integer divide by zero');
  return (a % b) | 0;
}

/** i32.rem_u: both operands read as unsigned. */
export function i32RemU(a: number, b: number): number {
  if (b === 0) throw new Trap('integer divide by zero');
  return ((a >>> 0) % (b >>> 0)) | 0;
}

/** i32.clz: leading zero bits (32 for 0). */
export const i32Clz: (a: number) => number = Math.clz32;

/**
 * i32.ctz: trailing zero bits (32 for 0). `~a & (a - 1)` keeps exactly the trailing zeros of `a` as
 * ones (all 32 bits for a = 0), so 32 minus its leading zeros counts them, without a branch.
 */
export function i32Ctz(a: number): number {
  return 32 - Math.clz32(~a & (a - 1));
}

/** i32.popcnt: number of one bits (the SWAR bit count, no loop). */
export function i32Popcnt(a: number): number {
  let v = a - ((a >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/** i32.rotl: JS shifts take their count mod 32, which is the spec's count mod 32 as well. */
export function i32Rotl(a: number, b: number): number {
  return (a << b) | (a >>> (32 - b));
}

/** i32.rotr: rotate right by b mod 32. */
export function i32Rotr(a: number, b: number): number {
  return (a >>> b) | (a << (32 - b));
}
