/**
 * Decoding of types (WebAssembly Core Specification 2.0, section 5.3): value types, reference types,
 * function types, limits, table, memory and global types.
 */

import type { FuncType, GlobalType, MemType, SizeLimits, TableType, ValType } from './module.js';
import { Reader } from './reader.js';

/** valtype ::= numtype | vectype | reftype, one byte. Returns the type byte. */
export function readValType(r: Reader): ValType {
  const at = r.pos;
  const b = r.s7Byte();
  switch (b) {
    case 0x7f: case 0x7e: case 0x7d: case 0x7c: case 0x7b: case 0x70: case 0x6f:
      return b;
    default:
      return r.fail('malformed value type', at);
  }
}

/** reftype ::= 0x70 (funcref) | 0x6F (externref). */
export function readRefType(r: Reader): ValType {
  const at = r.pos;
  const b = r.s7Byte();
  if (b !== 0x70 && b !== 0x6f) r.fail('malformed reference type', at);
  return b;
}

function readResultType(r: Reader): ValType[] {
  const n = r.len();
  const types = new Array<ValType>(n);
  for (let i = 0; i < n; i++) types[i] = readValType(r);
  return types;
}

/** functype ::= 0x60 rt1:resulttype rt2:resulttype. */
export function readFuncType(r: Reader): FuncType {
  const at = r.pos;
  if (r.s7Byte() !== 0x60) r.fail('malformed function type', at);
  const params = readResultType(r);
  const results = readResultType(r);
  return { params, results };
}

/** limits ::= 0x00 n:u32 | 0x01 n:u32 m:u32 (the flag is decoded as a 1-bit LEB128, as in the reference). */
export function readLimits(r: Reader): SizeLimits {
  const hasMax = r.u1() === 1;
  const min = r.u32();
  if (hasMax) return { min, max: r.u32() };
  return { min };
}

export function readTableType(r: Reader): TableType {
  const elemType = readRefType(r);
  const limits = readLimits(r);
  return { elemType, limits };
}

export function readMemType(r: Reader): MemType {
  return { limits: readLimits(r) };
}

/** globaltype ::= t:valtype m:mut, mut ::= 0x00 | 0x01. */
export function readGlobalType(r: Reader): GlobalType {
  const valType = readValType(r);
  const at = r.pos;
  const m = r.u8();
  if (m > 1) r.fail('malformed mutability', at);
  return { valType, mutable: m === 1 };
}
