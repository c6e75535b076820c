/**
 * A small reader for the SIMD spec test scripts (../shared/wasm-testsuite/2.0/simd_*.wast), enough to
 * replay the `assert_return` assertions whose function is one memory-free SIMD instruction applied to
 * its parameters in order. Constants (hex floats, nan:0x.., shapes) are encoded by wabt, so this file
 * never interprets a float literal itself; only the result patterns nan:canonical / nan:arithmetic are
 * handled here.
 */

import { assemble } from './simd-oracle.js';
import type { SimdOp } from './simd-ops.js';

export type SExpr = string | SExpr[];

/** Parses the whole script into S-expressions (comments dropped, strings kept with their quotes). */
export function parseSExprs(text: string): SExpr[] {
  const stack: SExpr[][] = [[]];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ';' && text[i + 1] === ';') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '(' && text[i + 1] === ';') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === '(' && text[i + 1] === ';') {
          depth++;
          i += 2;
        } else if (text[i] === ';' && text[i + 1] === ')') {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === '(') {
      stack.push([]);
      i++;
    } else if (c === ')') {
      const done = stack.pop()!;
      stack[stack.length - 1]!.push(done);
      i++;
    } else if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      stack[stack.length - 1]!.push(text.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < n && !' \n\t\r()'.includes(text[j]!)) j++;
      stack[stack.length - 1]!.push(text.slice(i, j));
      i = j;
    }
  }
  return stack[0]!;
}

export interface SingleInstrFunc {
  readonly op: SimdOp;
  /** Immediate atoms (lane index, or the 16 shuffle indices). */
  readonly imm: readonly string[];
}

/**
 * The exported functions of a text module whose body is exactly `(op imm* (local.get p0) ...)` (or the
 * flat form) over all parameters in order, keyed by export name.
 */
export function singleInstrFuncs(module: SExpr[], ops: ReadonlyMap<string, SimdOp>): Map<string, SingleInstrFunc> {
  const out = new Map<string, SingleInstrFunc>();
  for (const field of module) {
    if (!Array.isArray(field) || field[0] !== 'func') continue;
    let exportName: string | undefined;
    const paramNames: string[] = [];
    const body: SExpr[] = [];
    let bad = false;
    for (const item of field.slice(1)) {
      if (Array.isArray(item) && item[0] === 'export') exportName = item[1] as string;
      else if (Array.isArray(item) && item[0] === 'param') {
        const rest = item.slice(1) as string[];
        if (rest.length === 2 && rest[0]!.startsWith('$')) paramNames.push(rest[0]!);
        else for (const _ of rest) paramNames.push(String(paramNames.length));
      } else if (Array.isArray(item) && (item[0] === 'result' || item[0] === 'type')) continue;
      else if (Array.isArray(item) && item[0] === 'local') bad = true;
      else if (typeof item === 'string' && item.startsWith('$') && body.length === 0) continue;
      else body.push(item);
    }
    if (bad || exportName === undefined) continue;
    const paramIndex = (ref: string): number => (/^\d+$/.test(ref) ? Number(ref) : paramNames.indexOf(ref));
    let opName: string | undefined;
    let imm: string[] = [];
    let gets: number[] = [];
    const first = body[0];
    if (body.length === 1 && Array.isArray(first) && typeof first[0] === 'string') {
      opName = first[0];
      for (const a of first.slice(1)) {
        if (typeof a === 'string') imm.push(a);
        else if (a[0] === 'local.get' && typeof a[1] === 'string') gets.push(paramIndex(a[1]));
        else gets.push(-1);
      }
    } else if (body.every((b) => typeof b === 'string')) {
      const atoms = body as string[];
      let k = 0;
      while (atoms[k] === 'local.get') {
        gets.push(paramIndex(atoms[k + 1]!));
        k += 2;
      }
      opName = atoms[k];
      imm = atoms.slice(k + 1);
    }
    const op = opName === undefined ? undefined : ops.get(opName);
    if (op === undefined) continue;
    const params = op.sig.split(':')[0] ?? '';
    if (gets.length !== params.length || paramNames.length !== params.length) continue;
    if (!gets.every((g, i) => g === i)) continue;
    out.set(JSON.parse(exportName) as string, { op, imm });
  }
  return out;
}

/** One constant of the script, as a v128 text with per-lane NaN patterns taken out. */
export interface ConstPattern {
  /** 'v' for v128, else the scalar letter (i I f F). */
  readonly kind: string;
  /** Lane width of NaN patterns: 4 or 8 bytes (0 when there are none). */
  readonly laneBytes: number;
  /** Per lane: 'canonical' | 'arithmetic' | undefined (exact). */
  readonly nan: readonly ('canonical' | 'arithmetic' | undefined)[];
  /** `v128.const SHAPE lanes...` with pattern lanes replaced by 0. */
  readonly text: string;
  bytes?: Uint8Array;
}

const SCALAR_SHAPE: Record<string, [string, string, number]> = {
  'i32.const': ['i', 'i32x4', 4],
  'i64.const': ['I', 'i64x2', 2],
  'f32.const': ['f', 'f32x4', 4],
  'f64.const': ['F', 'f64x2', 2],
};

/** Reads `(v128.const shape ...)` or `(t.const x)`; undefined for anything else (e.g. ref constants). */
export function constPattern(e: SExpr): ConstPattern | undefined {
  if (!Array.isArray(e) || typeof e[0] !== 'string') return undefined;
  const atoms = e.slice(1).filter((a): a is string => typeof a === 'string');
  if (atoms.length !== e.length - 1) return undefined;
  let kind: string;
  let shape: string;
  let lanes: string[];
  if (e[0] === 'v128.const') {
    kind = 'v';
    shape = atoms[0]!;
    lanes = atoms.slice(1);
  } else {
    const s = SCALAR_SHAPE[e[0]];
    if (s === undefined) return undefined;
    kind = s[0];
    shape = s[1];
    lanes = [atoms[0]!, ...new Array<string>(s[2] - 1).fill('0')];
  }
  const laneBytes = shape === 'f32x4' ? 4 : shape === 'f64x2' ? 8 : 0;
  const nan = lanes.map((l) => (l === 'nan:canonical' ? 'canonical' : l === 'nan:arithmetic' ? 'arithmetic' : undefined));
  const text = `v128.const ${shape} ${lanes.map((l, i) => (nan[i] ? '0' : l)).join(' ')}`;
  return { kind, laneBytes, nan, text };
}

/** Encodes every pattern's constant with wabt, in one module, and stores the 16 bytes in `bytes`. */
export async function encodeConsts(patterns: ConstPattern[]): Promise<void> {
  if (patterns.length === 0) return;
  const body = patterns.map((p) => `${p.text} drop`).join('\n');
  const bin = await assemble(`(module (func\n${body}\n))`);
  // Walk the sections to the code section's single body: locals count 0, then `fd 0c b16 1a` repeated.
  let k = 8;
  const leb = (): number => {
    let r = 0;
    let shift = 0;
    for (;;) {
      const b = bin[k++]!;
      r += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return r;
    }
  };
  for (;;) {
    const id = bin[k++]!;
    const size = leb();
    if (id === 10) break;
    k += size;
  }
  leb(); // body count
  leb(); // body size
  leb(); // local declarations
  for (const p of patterns) {
    if (bin[k] !== 0xfd || bin[k + 1] !== 0x0c) throw new Error(`unexpected encoding for ${p.text}`);
    p.bytes = bin.slice(k + 2, k + 18);
    if (bin[k + 18] !== 0x1a) throw new Error(`unexpected encoding after ${p.text}`);
    k += 19;
  }
}

/** Does `actual` match the expected pattern (exact bytes, or the NaN class for pattern lanes)? */
export function matchesPattern(actual: Uint8Array, p: ConstPattern, size: number): boolean {
  const expected = p.bytes!;
  const dv = new DataView(actual.buffer, actual.byteOffset, actual.byteLength);
  for (let o = 0; o < size; o++) {
    const lane = p.laneBytes === 0 ? -1 : Math.floor(o / p.laneBytes);
    const pat = lane >= 0 ? p.nan[lane] : undefined;
    if (pat === undefined) {
      if (actual[o] !== expected[o]) return false;
      continue;
    }
    if (o % p.laneBytes !== 0) continue;
    if (p.laneBytes === 4) {
      const bits = dv.getUint32(o, true);
      const ok = pat === 'canonical' ? (bits & 0x7fffffff) === 0x7fc00000 : (bits & 0x7fc00000) === 0x7fc00000;
      if (!ok) return false;
    } else {
      const bits = dv.getBigUint64(o, true);
      const ok =
        pat === 'canonical'
          ? (bits & 0x7fffffffffffffffn) === 0x7ff8000000000000n
          : (bits & 0x7ff8000000000000n) === 0x7ff8000000000000n;
      if (!ok) return false;
    }
  }
  return true;
}
