/**
 * Text forms of core values and types for the page: values as `type:value` (the spec harness's form,
 * e.g. `i32:42`), types as `(i32, i32) -> (i32)`, and arguments parsed from text by parameter type.
 */

import { ValType, f32Value, f64Value, type FuncType, type SizeLimits, type Value } from '../../src/core/index.js';

const NAMES: ReadonlyMap<number, string> = new Map([
  [ValType.i32, 'i32'], [ValType.i64, 'i64'], [ValType.f32, 'f32'], [ValType.f64, 'f64'],
  [ValType.v128, 'v128'], [ValType.funcref, 'funcref'], [ValType.externref, 'externref'],
]);

export function valTypeName(t: number): string {
  return NAMES.get(t) ?? `0x${t.toString(16)}`;
}

export function funcTypeText(t: FuncType): string {
  return `(${t.params.map(valTypeName).join(', ')}) -> (${t.results.map(valTypeName).join(', ')})`;
}

export function limitsText(l: SizeLimits): string {
  return l.max === undefined ? `${l.min}..` : `${l.min}..${l.max}`;
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

export function formatValue(v: Value): string {
  switch (v.type) {
    case 'i32': return `i32:${v.value | 0}`;
    case 'i64': return `i64:${BigInt.asIntN(64, v.value)}`;
    case 'f32': return `f32:${Object.is(v.value, -0) ? '-0' : String(v.value)}`;
    case 'f64': return `f64:${Object.is(v.value, -0) ? '-0' : String(v.value)}`;
    case 'v128': return `v128:${Array.from(v.value, hex2).join(' ')}`;
    case 'funcref': return v.value === null ? 'funcref:null' : `funcref:${v.value.addr}`;
    case 'externref': return v.value === null ? 'externref:null' : `externref:${String(v.value)}`;
  }
}

/** Thrown for an argument the page cannot read. */
export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

/** Reads one argument of a parameter type from text (`42`, `-0x10`, `1.5`, `null`). */
export function parseArg(t: number, text: string, index: number): Value {
  const s = text.trim();
  const bad = (): ArgumentError => new ArgumentError(`argument ${index + 1}: cannot read "${text}" as ${valTypeName(t)}`);
  switch (t) {
    case ValType.i32: {
      if (!/^[+-]?(0x[0-9a-f]+|[0-9]+)$/i.test(s)) throw bad();
      const neg = s.startsWith('-');
      const mag = BigInt(s.replace(/^[+-]/, ''));
      if (mag > 0xffffffffn) throw bad();
      return { type: 'i32', value: Number(BigInt.asIntN(32, neg ? -mag : mag)) };
    }
    case ValType.i64: {
      if (!/^[+-]?(0x[0-9a-f]+|[0-9]+)$/i.test(s)) throw bad();
      const neg = s.startsWith('-');
      const mag = BigInt(s.replace(/^[+-]/, ''));
      return { type: 'i64', value: BigInt.asIntN(64, neg ? -mag : mag) };
    }
    case ValType.f32:
    case ValType.f64: {
      const x = s === 'nan' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s);
      if (s === '' || (Number.isNaN(x) && s !== 'nan')) throw bad();
      return t === ValType.f32 ? f32Value(x) : f64Value(x);
    }
    case ValType.funcref:
      if (s !== 'null') throw bad();
      return { type: 'funcref', value: null };
    case ValType.externref:
      if (s === 'null') return { type: 'externref', value: null };
      return { type: 'externref', value: s };
    default:
      throw bad();
  }
}
