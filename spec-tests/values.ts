/**
 * Constants of .wast scripts: arguments (`(i32.const 1)` ...) become core `Value`s, expected results
 * become `Expected` patterns, and results are compared against them on exact bits.
 */

import type { Value } from '../src/core/exec/values.js';
import type { SExpr } from './sexpr.js';
import {
  LiteralError,
  f32FromBits,
  f64FromBits,
  parseF32Bits,
  parseF64Bits,
  parseI32,
  parseI64,
  parseIntBits,
} from './literals.js';

/** A float pattern: exact bits or one of the two NaN classes of the spec. */
export type NanPattern = 'nan:canonical' | 'nan:arithmetic';

export type LaneShape = 'i8x16' | 'i16x8' | 'i32x4' | 'i64x2' | 'f32x4' | 'f64x2';

/** One lane of an expected v128: exact bits (as bigint, unsigned in the lane width) or a NaN pattern. */
export type LanePattern = bigint | NanPattern;

export type Expected =
  | { readonly type: 'i32'; readonly bits: number }
  | { readonly type: 'i64'; readonly bits: bigint }
  | { readonly type: 'f32'; readonly bits: number | NanPattern }
  | { readonly type: 'f64'; readonly bits: bigint | NanPattern }
  | { readonly type: 'v128'; readonly shape: LaneShape; readonly lanes: readonly LanePattern[] }
  | { readonly type: 'ref.null'; readonly refType: 'funcref' | 'externref' }
  | { readonly type: 'ref.extern'; readonly id: number }
  | { readonly type: 'ref.func' }
  | { readonly type: 'either'; readonly options: readonly Expected[] };

export class ScriptValueError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'ScriptValueError';
  }
}

const LANES: Record<LaneShape, { count: number; bits: 8 | 16 | 32 | 64 }> = {
  i8x16: { count: 16, bits: 8 },
  i16x8: { count: 8, bits: 16 },
  i32x4: { count: 4, bits: 32 },
  i64x2: { count: 2, bits: 64 },
  f32x4: { count: 4, bits: 32 },
  f64x2: { count: 2, bits: 64 },
};

export function isLaneShape(s: string): s is LaneShape {
  return Object.prototype.hasOwnProperty.call(LANES, s);
}

/**
 * A 64-bit pattern read as unsigned. Not `BigInt.asUintN(64, b)`, which QuickJS (Bellard's and
 * quickjs-ng 0.12.1, as built in quickjs-emscripten 0.32) gets wrong when bit 63 is set; this code also runs inside QuickJS (issue #8).
 */
export function u64Bits(b: bigint): bigint {
  const r = BigInt.asIntN(64, b);
  return r < 0n ? r + 2n ** 64n : r;
}

/** Makes an f32 `Value` from its bits. */
export function f32Value(bits: number): Value {
  return { type: 'f32', value: f32FromBits(bits), bits: bits >>> 0 };
}

/** Makes an f64 `Value` from its bits. */
export function f64Value(bits: bigint): Value {
  return { type: 'f64', value: f64FromBits(bits), bits: u64Bits(bits) };
}

/** Parses one lane literal of a shape into its unsigned bits. */
export function parseLane(shape: LaneShape, text: string): bigint {
  const { bits } = LANES[shape];
  if (shape === 'f32x4') return BigInt(parseF32Bits(text));
  if (shape === 'f64x2') return parseF64Bits(text);
  return BigInt.asUintN(bits, parseIntBits(text, bits));
}

/** Packs lane bits into 16 little-endian bytes. */
export function packLanes(shape: LaneShape, lanes: readonly bigint[]): Uint8Array {
  const { bits } = LANES[shape];
  const bytes = new Uint8Array(16);
  const width = bits / 8;
  lanes.forEach((lane, i) => {
    let v = BigInt.asUintN(bits, lane);
    for (let k = 0; k < width; k++) {
      bytes[i * width + k] = Number(v & 0xffn);
      v >>= 8n;
    }
  });
  return bytes;
}

/** Reads lane `i` of a shape from 16 little-endian bytes, as unsigned bits. */
export function laneBits(shape: LaneShape, bytes: Uint8Array, i: number): bigint {
  const width = LANES[shape].bits / 8;
  let v = 0n;
  for (let k = width - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[i * width + k]);
  return v;
}

function atoms(items: readonly SExpr[], line: number): string[] {
  return items.map((it) => {
    if (it.kind !== 'atom') throw new ScriptValueError('expected a literal', line);
    return it.text;
  });
}

/** Parses a v128.const body (`shape lane...`) into lane bits, or lane patterns when `patterns`. */
function parseV128Lanes(args: string[], line: number, patterns: boolean): { shape: LaneShape; lanes: LanePattern[] } {
  const shape = args[0];
  if (shape === undefined || !isLaneShape(shape)) throw new ScriptValueError(`bad v128 shape ${shape ?? ''}`, line);
  const lanes = args.slice(1);
  if (lanes.length !== LANES[shape].count) throw new ScriptValueError(`v128.const ${shape} needs ${LANES[shape].count} lanes`, line);
  return {
    shape,
    lanes: lanes.map((t) => {
      if (patterns && (t === 'nan:canonical' || t === 'nan:arithmetic')) {
        if (shape !== 'f32x4' && shape !== 'f64x2') throw new ScriptValueError('nan pattern in an integer lane', line);
        return t;
      }
      return parseLane(shape, t);
    }),
  };
}

function wrapLiteral<T>(line: number, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LiteralError) throw new ScriptValueError(e.message, line);
    throw e;
  }
}

/** The numeric value that a `ref.extern N` argument denotes: the number N itself (an opaque host value). */
export function externRefValue(id: number): Value {
  return { type: 'externref', value: id };
}

/** Parses an argument constant: `(i32.const 1)`, `(ref.null func)`, `(ref.extern 3)`, ... */
export function parseArg(e: SExpr): Value {
  if (e.kind !== 'list' || e.items.length === 0 || e.items[0].kind !== 'atom') {
    throw new ScriptValueError('expected a constant', e.line);
  }
  const op = e.items[0].text;
  const args = atoms(e.items.slice(1), e.line);
  return wrapLiteral(e.line, (): Value => {
    switch (op) {
      case 'i32.const': return { type: 'i32', value: parseI32(one(args, e.line)) };
      case 'i64.const': return { type: 'i64', value: parseI64(one(args, e.line)) };
      case 'f32.const': return f32Value(parseF32Bits(one(args, e.line)));
      case 'f64.const': return f64Value(parseF64Bits(one(args, e.line)));
      case 'v128.const': {
        const { shape, lanes } = parseV128Lanes(args, e.line, false);
        return { type: 'v128', value: packLanes(shape, lanes as bigint[]) };
      }
      case 'ref.null': {
        const t = one(args, e.line);
        if (t === 'func') return { type: 'funcref', value: null };
        if (t === 'extern') return { type: 'externref', value: null };
        throw new ScriptValueError(`bad ref.null type ${t}`, e.line);
      }
      case 'ref.extern': return externRefValue(Number(parseIntBits(one(args, e.line), 32)) >>> 0);
      default: throw new ScriptValueError(`unknown constant ${op}`, e.line);
    }
  });
}

function one(args: string[], line: number): string {
  if (args.length !== 1) throw new ScriptValueError('expected exactly one literal', line);
  return args[0];
}

/** Parses an expected result: a constant, a NaN pattern, `(ref.func)`, `(ref.extern)` or `(either ...)`. */
export function parseExpected(e: SExpr): Expected {
  if (e.kind !== 'list' || e.items.length === 0 || e.items[0].kind !== 'atom') {
    throw new ScriptValueError('expected a result pattern', e.line);
  }
  const op = e.items[0].text;
  if (op === 'either') return { type: 'either', options: e.items.slice(1).map(parseExpected) };
  const args = atoms(e.items.slice(1), e.line);
  return wrapLiteral(e.line, (): Expected => {
    switch (op) {
      case 'i32.const': return { type: 'i32', bits: parseI32(one(args, e.line)) };
      case 'i64.const': return { type: 'i64', bits: parseI64(one(args, e.line)) };
      case 'f32.const': {
        const t = one(args, e.line);
        return { type: 'f32', bits: t === 'nan:canonical' || t === 'nan:arithmetic' ? t : parseF32Bits(t) };
      }
      case 'f64.const': {
        const t = one(args, e.line);
        return { type: 'f64', bits: t === 'nan:canonical' || t === 'nan:arithmetic' ? t : parseF64Bits(t) };
      }
      case 'v128.const': return { type: 'v128', ...parseV128Lanes(args, e.line, true) };
      case 'ref.null': {
        const t = one(args, e.line);
        if (t === 'func') return { type: 'ref.null', refType: 'funcref' };
        if (t === 'extern') return { type: 'ref.null', refType: 'externref' };
        throw new ScriptValueError(`bad ref.null type ${t}`, e.line);
      }
      case 'ref.extern':
        if (args.length === 0) return { type: 'ref.extern', id: -1 };
        return { type: 'ref.extern', id: Number(parseIntBits(one(args, e.line), 32)) >>> 0 };
      case 'ref.func': return { type: 'ref.func' };
      default: throw new ScriptValueError(`unknown result pattern ${op}`, e.line);
    }
  });
}

/** Checks float bits (as bigint) of a format against a pattern. */
function floatMatches(bits: bigint, pattern: bigint | NanPattern, mantBits: number, expBits: number): boolean {
  if (typeof pattern === 'bigint') return bits === pattern;
  const expAll = (1n << BigInt(expBits)) - 1n;
  const exp = (bits >> BigInt(mantBits)) & expAll;
  const mant = bits & ((1n << BigInt(mantBits)) - 1n);
  const quiet = 1n << BigInt(mantBits - 1);
  if (exp !== expAll || (mant & quiet) === 0n) return false;
  return pattern === 'nan:arithmetic' || mant === quiet;
}

/** Returns null when `actual` matches `expected`, else a short description of the mismatch. */
export function matchValue(actual: Value, expected: Expected): string | null {
  const ok = matches(actual, expected);
  return ok ? null : `expected ${formatExpected(expected)}, got ${formatValue(actual)}`;
}

function matches(actual: Value, expected: Expected): boolean {
  switch (expected.type) {
    case 'i32': return actual.type === 'i32' && (actual.value | 0) === expected.bits;
    case 'i64': return actual.type === 'i64' && BigInt.asIntN(64, actual.value) === expected.bits;
    case 'f32':
      return actual.type === 'f32' &&
        floatMatches(BigInt(actual.bits >>> 0), typeof expected.bits === 'number' ? BigInt(expected.bits >>> 0) : expected.bits, 23, 8);
    case 'f64': return actual.type === 'f64' && floatMatches(u64Bits(actual.bits), expected.bits, 52, 11);
    case 'v128': {
      if (actual.type !== 'v128' || actual.value.length !== 16) return false;
      const shape = expected.shape;
      return expected.lanes.every((lane, i) => {
        const bits = laneBits(shape, actual.value, i);
        if (shape === 'f32x4') return floatMatches(bits, lane, 23, 8);
        if (shape === 'f64x2') return floatMatches(bits, lane, 52, 11);
        return bits === lane;
      });
    }
    case 'ref.null': return actual.type === expected.refType && actual.value === null;
    case 'ref.extern':
      return actual.type === 'externref' && actual.value !== null && (expected.id < 0 || actual.value === expected.id);
    case 'ref.func': return actual.type === 'funcref' && actual.value !== null;
    case 'either': return expected.options.some((o) => matches(actual, o));
  }
}

function hex(bits: bigint, digits: number): string {
  return '0x' + bits.toString(16).padStart(digits, '0');
}

/** Formats a float given its bits: the number, and the bits when it is a NaN (or -0). */
function formatFloat(value: number, bits: bigint, digits: number): string {
  if (Number.isNaN(value)) return `nan(${hex(bits, digits)})`;
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

/** One value as `type:value`, e.g. `i32:42`, `f32:nan(0x7fc00000)`. */
export function formatValue(v: Value): string {
  switch (v.type) {
    case 'i32': return `i32:${v.value | 0}`;
    case 'i64': return `i64:${BigInt.asIntN(64, v.value)}`;
    case 'f32': return `f32:${formatFloat(v.value, BigInt(v.bits >>> 0), 8)}`;
    case 'f64': return `f64:${formatFloat(v.value, u64Bits(v.bits), 16)}`;
    case 'v128': {
      const words = [0, 1, 2, 3].map((i) => hex(laneBits('i32x4', v.value, i), 8));
      return `v128:i32x4 ${words.join(' ')}`;
    }
    case 'funcref': return v.value === null ? 'funcref:null' : `funcref:${v.value.addr}`;
    case 'externref': return v.value === null ? 'externref:null' : `externref:${String(v.value)}`;
  }
}

export function formatExpected(e: Expected): string {
  switch (e.type) {
    case 'i32': return `i32:${e.bits}`;
    case 'i64': return `i64:${e.bits}`;
    case 'f32': return typeof e.bits === 'string' ? `f32:${e.bits}` : formatValue(f32Value(e.bits));
    case 'f64': return typeof e.bits === 'string' ? `f64:${e.bits}` : formatValue(f64Value(e.bits));
    case 'v128': {
      const lanes = e.lanes.map((l) => (typeof l === 'string' ? l : hex(l, LANES[e.shape].bits / 4)));
      return `v128:${e.shape} ${lanes.join(' ')}`;
    }
    case 'ref.null': return `${e.refType}:null`;
    case 'ref.extern': return e.id < 0 ? 'externref:non-null' : `externref:${e.id}`;
    case 'ref.func': return 'funcref:non-null';
    case 'either': return `either(${e.options.map(formatExpected).join(' | ')})`;
  }
}

/** Formats a list of results. */
export function formatValues(vs: readonly Value[]): string {
  return vs.length === 0 ? '(none)' : vs.map(formatValue).join(' ');
}
