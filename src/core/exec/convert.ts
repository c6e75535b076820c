/**
 * Conversion between the embedding API's `Value`s and the 16-byte slots of the stack and of globals.
 * Floats cross as their bits, so NaN payloads survive (values.ts).
 */

import { ValType, valTypeName } from '../binary/module.js';
import { EmbeddingError } from '../errors.js';
import type { ExternRegistry } from './runtime.js';
import type { Value } from './values.js';

const scratch = new DataView(new ArrayBuffer(16));

/** The `Value.type` name of a value type. */
export function valueTypeName(t: ValType): Value['type'] {
  return valTypeName(t) as Value['type'];
}

/**
 * Writes `v` (which must be of type `t`) into the four words `w[at..at+3]`.
 * Throws EmbeddingError on a type mismatch.
 */
export function writeValue(w: Int32Array, at: number, t: ValType, v: Value, externs: ExternRegistry, what: string): void {
  if (v === null || typeof v !== 'object' || v.type !== valueTypeName(t)) {
    throw new EmbeddingError(`${what}: expected ${valTypeName(t)}, got ${describe(v)}`);
  }
  w[at] = 0; w[at + 1] = 0; w[at + 2] = 0; w[at + 3] = 0;
  switch (v.type) {
    case 'i32':
      if (typeof v.value !== 'number') throw new EmbeddingError(`${what}: i32 value must be a number`);
      w[at] = v.value | 0;
      return;
    case 'i64':
      if (typeof v.value !== 'bigint') throw new EmbeddingError(`${what}: i64 value must be a bigint`);
      w[at] = Number(BigInt.asIntN(32, v.value));
      w[at + 1] = Number(BigInt.asIntN(32, v.value >> 32n));
      return;
    case 'f32':
      if (typeof v.bits === 'number') { w[at] = v.bits | 0; return; }
      scratch.setFloat32(0, Number(v.value), true);
      w[at] = scratch.getInt32(0, true);
      return;
    case 'f64':
      if (typeof v.bits === 'bigint') {
        w[at] = Number(BigInt.asIntN(32, v.bits));
        w[at + 1] = Number(BigInt.asIntN(32, v.bits >> 32n));
        return;
      }
      scratch.setFloat64(0, Number(v.value), true);
      w[at] = scratch.getInt32(0, true);
      w[at + 1] = scratch.getInt32(4, true);
      return;
    case 'v128': {
      const b = v.value;
      if (!(b instanceof Uint8Array) || b.length !== 16) throw new EmbeddingError(`${what}: v128 value must be 16 bytes`);
      for (let i = 0; i < 16; i++) scratch.setUint8(i, b[i]!);
      for (let i = 0; i < 4; i++) w[at + i] = scratch.getInt32(4 * i, true);
      return;
    }
    case 'funcref':
      w[at] = v.value === null ? -1 : v.value.addr | 0;
      return;
    case 'externref':
      w[at] = externs.toHandle(v.value);
      return;
  }
}

/** Reads the value of type `t` held in the words `w[at..at+3]`. */
export function readValue(w: Int32Array, at: number, t: ValType, externs: ExternRegistry): Value {
  switch (t) {
    case ValType.i32:
      return { type: 'i32', value: w[at]! };
    case ValType.i64:
      return { type: 'i64', value: (BigInt(w[at + 1]!) << 32n) | BigInt(w[at]! >>> 0) };
    case ValType.f32: {
      scratch.setInt32(0, w[at]!, true);
      return { type: 'f32', value: scratch.getFloat32(0, true), bits: w[at]! >>> 0 };
    }
    case ValType.f64: {
      scratch.setInt32(0, w[at]!, true);
      scratch.setInt32(4, w[at + 1]!, true);
      return { type: 'f64', value: scratch.getFloat64(0, true), bits: scratch.getBigUint64(0, true) };
    }
    case ValType.v128: {
      for (let i = 0; i < 4; i++) scratch.setInt32(4 * i, w[at + i]!, true);
      const b = new Uint8Array(16);
      for (let i = 0; i < 16; i++) b[i] = scratch.getUint8(i);
      return { type: 'v128', value: b };
    }
    case ValType.funcref: {
      const a = w[at]!;
      return { type: 'funcref', value: a < 0 ? null : { kind: 'funcref', addr: a } };
    }
    default:
      return { type: 'externref', value: externs.fromHandle(w[at]!) };
  }
}

function describe(v: unknown): string {
  if (v !== null && typeof v === 'object' && 'type' in v) return String((v as { type: unknown }).type);
  return typeof v;
}
