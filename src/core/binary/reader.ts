/**
 * Byte reader for the binary format: fixed-width values, LEB128 integers, lengths and names.
 *
 * Every read is bounds-checked against the end of the whole module and fails with a DecodeError,
 * never with a JS exception. Like the spec's reference decoder, reads are bounded by the module, not by
 * the enclosing section or function body: sizes are checked after the content has been read
 * ("section size mismatch"), which reproduces the reference diagnostics of the spec testsuite.
 *
 * LEB128 rules (WebAssembly Core Specification 2.0, section 5.2.2): an N-bit integer uses at most
 * ceil(N/7) bytes ("integer representation too long"); in the last permitted byte the bits beyond N must
 * be zero for unsigned integers and a sign extension for signed ones ("integer too large").
 */

import { DecodeError } from '../errors.js';
import type { DecodeReason } from './reasons.js';
import { decodeUtf8 } from './utf8.js';

export const UNEXPECTED_END: DecodeReason = 'unexpected end of section or function';

export class Reader {
  readonly bytes: Uint8Array;
  /** Current position (absolute byte offset). */
  pos: number;
  /** Exclusive end of the readable bytes. */
  readonly end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  /** Throws a DecodeError; the core decoder uses the reasons of `DECODE_REASONS` (reasons.ts). */
  fail(reason: string, offset: number = this.pos): never {
    throw new DecodeError(reason, offset);
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** The next byte without consuming it, or -1 at the end. */
  peek(): number {
    return this.pos < this.end ? this.bytes[this.pos]! : -1;
  }

  u8(): number {
    const p = this.pos;
    if (p >= this.end) this.fail(UNEXPECTED_END, this.end);
    this.pos = p + 1;
    return this.bytes[p]!;
  }

  /** A byte that must be 0x00 (reserved memory index of 2.0 memory instructions). */
  zeroByte(): void {
    const at = this.pos;
    if (this.u8() !== 0) this.fail('zero byte expected', at);
  }

  /** Little-endian 32-bit value as a signed int32 (raw bits; used for the header and f32 constants). */
  fixed32(): number {
    const p = this.pos;
    if (this.end - p < 4) this.fail(UNEXPECTED_END, this.end);
    const b = this.bytes;
    this.pos = p + 4;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }

  /** `n` raw bytes, as a view into the module bytes (no copy). */
  take(n: number): Uint8Array {
    const p = this.pos;
    if (n < 0 || this.end - p < n) this.fail(UNEXPECTED_END, this.end);
    this.pos = p + n;
    return this.bytes.subarray(p, p + n);
  }

  /** Skips `n` bytes. */
  skip(n: number): void {
    if (n < 0 || this.end - this.pos < n) this.fail(UNEXPECTED_END, this.end);
    this.pos += n;
  }

  /** Unsigned LEB128 of at most 32 bits, as a non-negative number. */
  u32(): number {
    const b0 = this.u8();
    if (b0 < 0x80) return b0;
    // Integer operations only (`|`, `<<`, `>>> 0`): with `2 ** shift` the result would be a float,
    // and a float stored in a position or immediate field makes V8 keep that field as a double.
    let result = b0 & 0x7f;
    let shift = 7;
    for (;;) {
      if (shift >= 35) this.fail('integer representation too long');
      const b = this.u8();
      // Fifth byte (bits 28..31): only the low 4 payload bits may be set.
      if (shift === 28 && (b & 0x70) !== 0) this.fail('integer too large', this.pos - 1);
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) return result >>> 0;
    }
  }

  /** Unsigned LEB128 of 1 bit (the limits flag and similar booleans): 0 or 1. */
  u1(): number {
    const b = this.u8();
    if ((b & 0x7f) > 1) this.fail('integer too large', this.pos - 1);
    if (b >= 0x80) this.fail('integer representation too long');
    return b;
  }

  /** A single-byte signed LEB128 (s7): type bytes. Returns the raw byte (0x00..0x7f). */
  s7Byte(): number {
    const b = this.u8();
    if (b >= 0x80) this.fail('integer representation too long');
    return b;
  }

  /** Signed LEB128 of at most 32 bits, as an int32. */
  s32(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    for (;;) {
      if (shift >= 35) this.fail('integer representation too long');
      b = this.u8();
      if (shift === 28) {
        // Bits 3..6 of the fifth byte must all equal bit 31 (the sign).
        const hi = b & 0x78;
        if (hi !== 0 && hi !== 0x78) this.fail('integer too large', this.pos - 1);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) break;
    }
    if (shift < 32 && (b & 0x40) !== 0) result |= -1 << shift;
    return result | 0;
  }

  /** Signed LEB128 of at most 33 bits (block types), as a number in [-2^32, 2^32). */
  s33(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    for (;;) {
      if (shift >= 35) this.fail('integer representation too long');
      b = this.u8();
      if (shift === 28) {
        // Bits 4..6 of the fifth byte must all equal bit 32 (the sign).
        const hi = b & 0x70;
        if (hi !== 0 && hi !== 0x70) this.fail('integer too large', this.pos - 1);
      }
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) break;
    }
    if ((b & 0x40) !== 0) result -= 2 ** shift;
    return result;
  }

  /** Low and high 32 bits of the last `s64Bits` read (signed int32 each). */
  lo = 0;
  hi = 0;

  /** Signed LEB128 of at most 64 bits. */
  s64(): bigint {
    this.s64Bits();
    const lo = this.lo;
    const hi = this.hi;
    if (hi === lo >> 31) return BigInt(lo);
    return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
  }

  /** Signed LEB128 of at most 64 bits, into `lo` and `hi` (no allocation). */
  s64Bits(): void {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let b: number;
    for (;;) {
      if (shift >= 70) this.fail('integer representation too long');
      b = this.u8();
      const v = b & 0x7f;
      if (shift === 63) {
        // Tenth byte: only bit 0 carries value; bits 1..6 must equal it (sign extension).
        if (v !== 0 && v !== 0x7f) this.fail('integer too large', this.pos - 1);
      }
      if (shift < 32) {
        lo |= v << shift;
        if (shift > 25) hi |= v >>> (32 - shift);
      } else {
        hi |= v << (shift - 32);
      }
      shift += 7;
      if (b < 0x80) break;
    }
    if (shift < 64 && (b & 0x40) !== 0) {
      if (shift < 32) {
        lo |= -1 << shift;
        hi = -1;
      } else {
        hi |= -1 << (shift - 32);
      }
    }
    this.lo = lo | 0;
    this.hi = hi | 0;
  }

  /**
   * A u32 length or count that must not exceed the bytes left, counted from the start of the length
   * itself (as in the reference decoder): "length out of bounds". This also bounds every allocation
   * sized by a count to the module size.
   */
  len(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - at) this.fail('length out of bounds', at);
    return n;
  }

  /** A name: a length-prefixed, well-formed UTF-8 string. */
  name(): string {
    const at = this.pos;
    const n = this.len();
    const start = this.pos;
    this.skip(n);
    const s = decodeUtf8(this.bytes, start, start + n);
    if (s === undefined) this.fail('malformed UTF-8 encoding', at);
    return s;
  }
}
