/**
 * Tiny binary-module builder for decoder tests: byte-exact control over every field, including the
 * malformed encodings an assembler would refuse to produce.
 */

import assert from 'node:assert/strict';
import { decode } from '../../../src/core/binary/index.js';
import { DecodeError } from '../../../src/core/errors.js';
import type { Module } from '../../../src/core/binary/index.js';

export type Bytes = readonly number[];

export const HEADER: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Unsigned LEB128 (minimal encoding). */
export function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (minimal encoding) of a bigint or number. */
export function sleb(v: number | bigint): number[] {
  let x = BigInt(v);
  const out: number[] = [];
  for (;;) {
    const b = Number(x & 0x7fn);
    x >>= 7n;
    if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export function str(s: string): number[] {
  const b = [...Buffer.from(s, 'utf8')];
  return [...u32(b.length), ...b];
}

export function vec(items: readonly Bytes[]): number[] {
  return [...u32(items.length), ...items.flat()];
}

export function section(id: number, content: Bytes): number[] {
  return [id, ...u32(content.length), ...content];
}

export function mod(...sections: Bytes[]): Uint8Array {
  return new Uint8Array([...HEADER, ...sections.flat()]);
}

/** A type section with one `[] -> []` function type. */
export const TYPE_VOID = section(1, vec([[0x60, 0x00, 0x00]]));
/** A function section with one function of type 0. */
export const FUNC_ONE = section(3, vec([[0x00]]));

/** A code section with one body made of `locals` (already encoded vector) and instruction bytes. */
export function codeOne(instrs: Bytes, locals: Bytes = [0x00]): number[] {
  const body = [...locals, ...instrs];
  return section(10, vec([[...u32(body.length), ...body]]));
}

/** A module with one `[] -> []` function whose body is `instrs` (which must include the final end). */
export function funcModule(instrs: Bytes, ...extra: Bytes[]): Uint8Array {
  return mod(TYPE_VOID, FUNC_ONE, ...extra, codeOne(instrs));
}

/** Asserts that decoding fails with exactly this reason (and, when given, at this offset). */
export function assertMalformed(bytes: Uint8Array, reason: string, offset?: number): DecodeError {
  let err: unknown;
  try {
    decode(bytes);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof DecodeError, `expected DecodeError "${reason}", got ${String(err)}`);
  assert.equal(err.reason, reason);
  if (offset !== undefined) assert.equal(err.offset, offset, `offset of "${reason}"`);
  return err;
}

export function decodeOk(bytes: Uint8Array): Module {
  return decode(bytes);
}
