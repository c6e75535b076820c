/** Plain JS values <-> typed `Value`s, for the convenience helpers of the embedding API. */

import { ValType, valTypeName } from '../binary/module.js';
import { EmbeddingError } from '../errors.js';
import type { FuncRef, Value } from './values.js';

const scratch = new DataView(new ArrayBuffer(8));

/** An f32 `Value` from a JS number (rounded to single precision). */
export function f32Value(x: number): Value {
  scratch.setFloat32(0, x, true);
  return { type: 'f32', value: scratch.getFloat32(0, true), bits: scratch.getUint32(0, true) };
}

/** An f64 `Value` from a JS number. */
export function f64Value(x: number): Value {
  scratch.setFloat64(0, x, true);
  return { type: 'f64', value: x, bits: scratch.getBigUint64(0, true) };
}

/** Converts a JS value to a `Value` of type `t` (EmbeddingError when it cannot). */
export function jsToValue(t: ValType, v: unknown): Value {
  switch (t) {
    case ValType.i32:
      if (typeof v === 'number') return { type: 'i32', value: v | 0 };
      break;
    case ValType.i64:
      if (typeof v === 'bigint') return { type: 'i64', value: BigInt.asIntN(64, v) };
      break;
    case ValType.f32:
      if (typeof v === 'number') return f32Value(v);
      break;
    case ValType.f64:
      if (typeof v === 'number') return f64Value(v);
      break;
    case ValType.v128:
      if (v instanceof Uint8Array && v.length === 16) return { type: 'v128', value: v };
      break;
    case ValType.funcref:
      if (v === null) return { type: 'funcref', value: null };
      if (typeof v === 'object' && (v as FuncRef).kind === 'funcref') return { type: 'funcref', value: v as FuncRef };
      break;
    default:
      return { type: 'externref', value: v };
  }
  throw new EmbeddingError(`cannot pass ${typeof v} as ${valTypeName(t)}`);
}

export function valueToJs(v: Value): unknown {
  return v.value;
}
