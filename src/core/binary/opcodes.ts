/**
 * The one instruction table of the project (WebAssembly 2.0): decoder, validator, interpreter and
 * coverage reports all read it, so an opcode number or a name is written exactly once.
 *
 * Opcodes are normalized: a single-byte opcode keeps its value, `0xFC n` becomes `0x100 + n`,
 * `0xFD n` (SIMD) becomes `0x200 + n`. SIMD in 2.0 uses sub-opcodes 0x00..0xFF only (with gaps);
 * the sub-opcodes 0x100..0x113 belong to relaxed SIMD, which is not part of 2.0.
 *
 * Source: WebAssembly Core Specification 2.0, section 5.4 (Instructions) and the index of
 * instructions (appendix 7.6); each SIMD number is checked against wabt by
 * test/core/binary/opcodes.test.ts.
 */

import type { ValType } from './module.js';

/** The kind of immediate(s) that follow an opcode in the binary format. */
export type ImmKind =
  | 'none' | 'blocktype' | 'label' | 'br_table' | 'func' | 'call_indirect' | 'local' | 'global' | 'table'
  | 'memarg' | 'memarg_lane' | 'memory' | 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'shuffle' | 'lane' | 'select_t'
  | 'reftype' | 'data' | 'elem' | 'memory_init' | 'memory_copy' | 'table_init' | 'table_copy';

export type Feature =
  | 'mvp' | 'sign-extension' | 'sat-trunc' | 'multi-value' | 'reference-types' | 'bulk-memory' | 'simd';

export interface OpSig {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

export interface OpInfo {
  /** Normalized opcode. */
  readonly op: number;
  /** Text-format name, e.g. 'i32.add', 'v128.load8_lane'. */
  readonly name: string;
  readonly imm: ImmKind;
  /**
   * Operand and result types for instructions whose typing is fixed (numeric, memory, SIMD, and the
   * fixed-typed bulk table instructions); absent for the instructions the validator types by hand
   * (control, locals, globals, select, drop, ref.*, table.get/set/grow/fill, calls).
   * Index immediates (memory, data, elem, table) still need their own bounds checks.
   */
  readonly sig?: OpSig;
  /** Natural alignment exponent (log2 of the bytes accessed) for 'memarg' / 'memarg_lane' ops. */
  readonly align?: number;
  /** Lane count for 'lane' and 'memarg_lane' immediates (a lane index must be below it). */
  readonly lanes?: number;
  readonly feature: Feature;
}

/** Normalized opcode range: 0x000..0x2FF. */
export const OP_TABLE_SIZE = 0x300;
/** Prefix bytes. */
export const PREFIX_FC = 0xfc;
export const PREFIX_FD = 0xfd;

/** Normalizes a (prefix, sub-opcode) pair; `prefix` is 0 for single-byte opcodes. */
export function normalizeOpcode(prefix: number, sub: number): number {
  if (prefix === PREFIX_FC) return 0x100 + sub;
  if (prefix === PREFIX_FD) return 0x200 + sub;
  return sub;
}

// Signature shorthand: one letter per type, params ':' results.
// i = i32, I = i64, f = f32, F = f64, v = v128.
function typeOf(letter: string): ValType {
  switch (letter) {
    case 'i': return 0x7f;
    case 'I': return 0x7e;
    case 'f': return 0x7d;
    case 'F': return 0x7c;
    case 'v': return 0x7b;
    default: throw new Error(`opcode table: bad type letter ${letter}`); // table construction bug only
  }
}

const sigCache = new Map<string, OpSig>();
function parseSig(s: string): OpSig {
  let sig = sigCache.get(s);
  if (sig === undefined) {
    const [p, r] = s.split(':') as [string, string];
    sig = Object.freeze({
      params: Object.freeze([...p].map(typeOf)),
      results: Object.freeze([...r].map(typeOf)),
    });
    sigCache.set(s, sig);
  }
  return sig;
}

/** One row: [normalized op, name, immediate, signature ('' = typed by hand), feature, align, lanes]. */
type Row = readonly [number, string, ImmKind, string, Feature, number?, number?];

const M = 'mvp';
const ROWS: Row[] = [
  // Control (5.4.1)
  [0x00, 'unreachable', 'none', '', M],
  [0x01, 'nop', 'none', '', M],
  [0x02, 'block', 'blocktype', '', M],
  [0x03, 'loop', 'blocktype', '', M],
  [0x04, 'if', 'blocktype', '', M],
  [0x05, 'else', 'none', '', M],
  [0x0b, 'end', 'none', '', M],
  [0x0c, 'br', 'label', '', M],
  [0x0d, 'br_if', 'label', '', M],
  [0x0e, 'br_table', 'br_table', '', M],
  [0x0f, 'return', 'none', '', M],
  [0x10, 'call', 'func', '', M],
  [0x11, 'call_indirect', 'call_indirect', '', M],
  // Reference (5.4.2)
  [0xd0, 'ref.null', 'reftype', '', 'reference-types'],
  [0xd1, 'ref.is_null', 'none', '', 'reference-types'],
  [0xd2, 'ref.func', 'func', '', 'reference-types'],
  // Parametric (5.4.3)
  [0x1a, 'drop', 'none', '', M],
  [0x1b, 'select', 'none', '', M],
  [0x1c, 'select', 'select_t', '', 'reference-types'],
  // Variable (5.4.4)
  [0x20, 'local.get', 'local', '', M],
  [0x21, 'local.set', 'local', '', M],
  [0x22, 'local.tee', 'local', '', M],
  [0x23, 'global.get', 'global', '', M],
  [0x24, 'global.set', 'global', '', M],
  // Table (5.4.5)
  [0x25, 'table.get', 'table', '', 'reference-types'],
  [0x26, 'table.set', 'table', '', 'reference-types'],
  [0x10c, 'table.init', 'table_init', 'iii:', 'bulk-memory'],
  [0x10d, 'elem.drop', 'elem', ':', 'bulk-memory'],
  [0x10e, 'table.copy', 'table_copy', 'iii:', 'bulk-memory'],
  [0x10f, 'table.grow', 'table', '', 'reference-types'],
  [0x110, 'table.size', 'table', ':i', 'reference-types'],
  [0x111, 'table.fill', 'table', '', 'reference-types'],
  // Memory (5.4.6)
  [0x28, 'i32.load', 'memarg', 'i:i', M, 2],
  [0x29, 'i64.load', 'memarg', 'i:I', M, 3],
  [0x2a, 'f32.load', 'memarg', 'i:f', M, 2],
  [0x2b, 'f64.load', 'memarg', 'i:F', M, 3],
  [0x2c, 'i32.load8_s', 'memarg', 'i:i', M, 0],
  [0x2d, 'i32.load8_u', 'memarg', 'i:i', M, 0],
  [0x2e, 'i32.load16_s', 'memarg', 'i:i', M, 1],
  [0x2f, 'i32.load16_u', 'memarg', 'i:i', M, 1],
  [0x30, 'i64.load8_s', 'memarg', 'i:I', M, 0],
  [0x31, 'i64.load8_u', 'memarg', 'i:I', M, 0],
  [0x32, 'i64.load16_s', 'memarg', 'i:I', M, 1],
  [0x33, 'i64.load16_u', 'memarg', 'i:I', M, 1],
  [0x34, 'i64.load32_s', 'memarg', 'i:I', M, 2],
  [0x35, 'i64.load32_u', 'memarg', 'i:I', M, 2],
  [0x36, 'i32.store', 'memarg', 'ii:', M, 2],
  [0x37, 'i64.store', 'memarg', 'iI:', M, 3],
  [0x38, 'f32.store', 'memarg', 'if:', M, 2],
  [0x39, 'f64.store', 'memarg', 'iF:', M, 3],
  [0x3a, 'i32.store8', 'memarg', 'ii:', M, 0],
  [0x3b, 'i32.store16', 'memarg', 'ii:', M, 1],
  [0x3c, 'i64.store8', 'memarg', 'iI:', M, 0],
  [0x3d, 'i64.store16', 'memarg', 'iI:', M, 1],
  [0x3e, 'i64.store32', 'memarg', 'iI:', M, 2],
  [0x3f, 'memory.size', 'memory', ':i', M],
  [0x40, 'memory.grow', 'memory', 'i:i', M],
  [0x108, 'memory.init', 'memory_init', 'iii:', 'bulk-memory'],
  [0x109, 'data.drop', 'data', ':', 'bulk-memory'],
  [0x10a, 'memory.copy', 'memory_copy', 'iii:', 'bulk-memory'],
  [0x10b, 'memory.fill', 'memory', 'iii:', 'bulk-memory'],
  // Numeric (5.4.7)
  [0x41, 'i32.const', 'i32', ':i', M],
  [0x42, 'i64.const', 'i64', ':I', M],
  [0x43, 'f32.const', 'f32', ':f', M],
  [0x44, 'f64.const', 'f64', ':F', M],

  [0x45, 'i32.eqz', 'none', 'i:i', M],
  [0x46, 'i32.eq', 'none', 'ii:i', M],
  [0x47, 'i32.ne', 'none', 'ii:i', M],
  [0x48, 'i32.lt_s', 'none', 'ii:i', M],
  [0x49, 'i32.lt_u', 'none', 'ii:i', M],
  [0x4a, 'i32.gt_s', 'none', 'ii:i', M],
  [0x4b, 'i32.gt_u', 'none', 'ii:i', M],
  [0x4c, 'i32.le_s', 'none', 'ii:i', M],
  [0x4d, 'i32.le_u', 'none', 'ii:i', M],
  [0x4e, 'i32.ge_s', 'none', 'ii:i', M],
  [0x4f, 'i32.ge_u', 'none', 'ii:i', M],

  [0x50, 'i64.eqz', 'none', 'I:i', M],
  [0x51, 'i64.eq', 'none', 'II:i', M],
  [0x52, 'i64.ne', 'none', 'II:i', M],
  [0x53, 'i64.lt_s', 'none', 'II:i', M],
  [0x54, 'i64.lt_u', 'none', 'II:i', M],
  [0x55, 'i64.gt_s', 'none', 'II:i', M],
  [0x56, 'i64.gt_u', 'none', 'II:i', M],
  [0x57, 'i64.le_s', 'none', 'II:i', M],
  [0x58, 'i64.le_u', 'none', 'II:i', M],
  [0x59, 'i64.ge_s', 'none', 'II:i', M],
  [0x5a, 'i64.ge_u', 'none', 'II:i', M],

  [0x5b, 'f32.eq', 'none', 'ff:i', M],
  [0x5c, 'f32.ne', 'none', 'ff:i', M],
  [0x5d, 'f32.lt', 'none', 'ff:i', M],
  [0x5e, 'f32.gt', 'none', 'ff:i', M],
  [0x5f, 'f32.le', 'none', 'ff:i', M],
  [0x60, 'f32.ge', 'none', 'ff:i', M],

  [0x61, 'f64.eq', 'none', 'FF:i', M],
  [0x62, 'f64.ne', 'none', 'FF:i', M],
  [0x63, 'f64.lt', 'none', 'FF:i', M],
  [0x64, 'f64.gt', 'none', 'FF:i', M],
  [0x65, 'f64.le', 'none', 'FF:i', M],
  [0x66, 'f64.ge', 'none', 'FF:i', M],

  [0x67, 'i32.clz', 'none', 'i:i', M],
  [0x68, 'i32.ctz', 'none', 'i:i', M],
  [0x69, 'i32.popcnt', 'none', 'i:i', M],
  [0x6a, 'i32.add', 'none', 'ii:i', M],
  [0x6b, 'i32.sub', 'none', 'ii:i', M],
  [0x6c, 'i32.mul', 'none', 'ii:i', M],
  [0x6d, 'i32.div_s', 'none', 'ii:i', M],
  [0x6e, 'i32.div_u', 'none', 'ii:i', M],
  [0x6f, 'i32.rem_s', 'none', 'ii:i', M],
  [0x70, 'i32.rem_u', 'none', 'ii:i', M],
  [0x71, 'i32.and', 'none', 'ii:i', M],
  [0x72, 'i32.or', 'none', 'ii:i', M],
  [0x73, 'i32.xor', 'none', 'ii:i', M],
  [0x74, 'i32.shl', 'none', 'ii:i', M],
  [0x75, 'i32.shr_s', 'none', 'ii:i', M],
  [0x76, 'i32.shr_u', 'none', 'ii:i', M],
  [0x77, 'i32.rotl', 'none', 'ii:i', M],
  [0x78, 'i32.rotr', 'none', 'ii:i', M],

  [0x79, 'i64.clz', 'none', 'I:I', M],
  [0x7a, 'i64.ctz', 'none', 'I:I', M],
  [0x7b, 'i64.popcnt', 'none', 'I:I', M],
  [0x7c, 'i64.add', 'none', 'II:I', M],
  [0x7d, 'i64.sub', 'none', 'II:I', M],
  [0x7e, 'i64.mul', 'none', 'II:I', M],
  [0x7f, 'i64.div_s', 'none', 'II:I', M],
  [0x80, 'i64.div_u', 'none', 'II:I', M],
  [0x81, 'i64.rem_s', 'none', 'II:I', M],
  [0x82, 'i64.rem_u', 'none', 'II:I', M],
  [0x83, 'i64.and', 'none', 'II:I', M],
  [0x84, 'i64.or', 'none', 'II:I', M],
  [0x85, 'i64.xor', 'none', 'II:I', M],
  [0x86, 'i64.shl', 'none', 'II:I', M],
  [0x87, 'i64.shr_s', 'none', 'II:I', M],
  [0x88, 'i64.shr_u', 'none', 'II:I', M],
  [0x89, 'i64.rotl', 'none', 'II:I', M],
  [0x8a, 'i64.rotr', 'none', 'II:I', M],

  [0x8b, 'f32.abs', 'none', 'f:f', M],
  [0x8c, 'f32.neg', 'none', 'f:f', M],
  [0x8d, 'f32.ceil', 'none', 'f:f', M],
  [0x8e, 'f32.floor', 'none', 'f:f', M],
  [0x8f, 'f32.trunc', 'none', 'f:f', M],
  [0x90, 'f32.nearest', 'none', 'f:f', M],
  [0x91, 'f32.sqrt', 'none', 'f:f', M],
  [0x92, 'f32.add', 'none', 'ff:f', M],
  [0x93, 'f32.sub', 'none', 'ff:f', M],
  [0x94, 'f32.mul', 'none', 'ff:f', M],
  [0x95, 'f32.div', 'none', 'ff:f', M],
  [0x96, 'f32.min', 'none', 'ff:f', M],
  [0x97, 'f32.max', 'none', 'ff:f', M],
  [0x98, 'f32.copysign', 'none', 'ff:f', M],

  [0x99, 'f64.abs', 'none', 'F:F', M],
  [0x9a, 'f64.neg', 'none', 'F:F', M],
  [0x9b, 'f64.ceil', 'none', 'F:F', M],
  [0x9c, 'f64.floor', 'none', 'F:F', M],
  [0x9d, 'f64.trunc', 'none', 'F:F', M],
  [0x9e, 'f64.nearest', 'none', 'F:F', M],
  [0x9f, 'f64.sqrt', 'none', 'F:F', M],
  [0xa0, 'f64.add', 'none', 'FF:F', M],
  [0xa1, 'f64.sub', 'none', 'FF:F', M],
  [0xa2, 'f64.mul', 'none', 'FF:F', M],
  [0xa3, 'f64.div', 'none', 'FF:F', M],
  [0xa4, 'f64.min', 'none', 'FF:F', M],
  [0xa5, 'f64.max', 'none', 'FF:F', M],
  [0xa6, 'f64.copysign', 'none', 'FF:F', M],

  [0xa7, 'i32.wrap_i64', 'none', 'I:i', M],
  [0xa8, 'i32.trunc_f32_s', 'none', 'f:i', M],
  [0xa9, 'i32.trunc_f32_u', 'none', 'f:i', M],
  [0xaa, 'i32.trunc_f64_s', 'none', 'F:i', M],
  [0xab, 'i32.trunc_f64_u', 'none', 'F:i', M],
  [0xac, 'i64.extend_i32_s', 'none', 'i:I', M],
  [0xad, 'i64.extend_i32_u', 'none', 'i:I', M],
  [0xae, 'i64.trunc_f32_s', 'none', 'f:I', M],
  [0xaf, 'i64.trunc_f32_u', 'none', 'f:I', M],
  [0xb0, 'i64.trunc_f64_s', 'none', 'F:I', M],
  [0xb1, 'i64.trunc_f64_u', 'none', 'F:I', M],
  [0xb2, 'f32.convert_i32_s', 'none', 'i:f', M],
  [0xb3, 'f32.convert_i32_u', 'none', 'i:f', M],
  [0xb4, 'f32.convert_i64_s', 'none', 'I:f', M],
  [0xb5, 'f32.convert_i64_u', 'none', 'I:f', M],
  [0xb6, 'f32.demote_f64', 'none', 'F:f', M],
  [0xb7, 'f64.convert_i32_s', 'none', 'i:F', M],
  [0xb8, 'f64.convert_i32_u', 'none', 'i:F', M],
  [0xb9, 'f64.convert_i64_s', 'none', 'I:F', M],
  [0xba, 'f64.convert_i64_u', 'none', 'I:F', M],
  [0xbb, 'f64.promote_f32', 'none', 'f:F', M],
  [0xbc, 'i32.reinterpret_f32', 'none', 'f:i', M],
  [0xbd, 'i64.reinterpret_f64', 'none', 'F:I', M],
  [0xbe, 'f32.reinterpret_i32', 'none', 'i:f', M],
  [0xbf, 'f64.reinterpret_i64', 'none', 'I:F', M],

  [0xc0, 'i32.extend8_s', 'none', 'i:i', 'sign-extension'],
  [0xc1, 'i32.extend16_s', 'none', 'i:i', 'sign-extension'],
  [0xc2, 'i64.extend8_s', 'none', 'I:I', 'sign-extension'],
  [0xc3, 'i64.extend16_s', 'none', 'I:I', 'sign-extension'],
  [0xc4, 'i64.extend32_s', 'none', 'I:I', 'sign-extension'],

  [0x100, 'i32.trunc_sat_f32_s', 'none', 'f:i', 'sat-trunc'],
  [0x101, 'i32.trunc_sat_f32_u', 'none', 'f:i', 'sat-trunc'],
  [0x102, 'i32.trunc_sat_f64_s', 'none', 'F:i', 'sat-trunc'],
  [0x103, 'i32.trunc_sat_f64_u', 'none', 'F:i', 'sat-trunc'],
  [0x104, 'i64.trunc_sat_f32_s', 'none', 'f:I', 'sat-trunc'],
  [0x105, 'i64.trunc_sat_f32_u', 'none', 'f:I', 'sat-trunc'],
  [0x106, 'i64.trunc_sat_f64_s', 'none', 'F:I', 'sat-trunc'],
  [0x107, 'i64.trunc_sat_f64_u', 'none', 'F:I', 'sat-trunc'],
];

// Vector instructions (5.4.8), sub-opcode after 0xFD.
const S = 'simd';
const SIMD_ROWS: Row[] = [
  [0x00, 'v128.load', 'memarg', 'i:v', S, 4],
  [0x01, 'v128.load8x8_s', 'memarg', 'i:v', S, 3],
  [0x02, 'v128.load8x8_u', 'memarg', 'i:v', S, 3],
  [0x03, 'v128.load16x4_s', 'memarg', 'i:v', S, 3],
  [0x04, 'v128.load16x4_u', 'memarg', 'i:v', S, 3],
  [0x05, 'v128.load32x2_s', 'memarg', 'i:v', S, 3],
  [0x06, 'v128.load32x2_u', 'memarg', 'i:v', S, 3],
  [0x07, 'v128.load8_splat', 'memarg', 'i:v', S, 0],
  [0x08, 'v128.load16_splat', 'memarg', 'i:v', S, 1],
  [0x09, 'v128.load32_splat', 'memarg', 'i:v', S, 2],
  [0x0a, 'v128.load64_splat', 'memarg', 'i:v', S, 3],
  [0x0b, 'v128.store', 'memarg', 'iv:', S, 4],
  [0x0c, 'v128.const', 'v128', ':v', S],
  [0x0d, 'i8x16.shuffle', 'shuffle', 'vv:v', S],
  [0x0e, 'i8x16.swizzle', 'none', 'vv:v', S],
  [0x0f, 'i8x16.splat', 'none', 'i:v', S],
  [0x10, 'i16x8.splat', 'none', 'i:v', S],
  [0x11, 'i32x4.splat', 'none', 'i:v', S],
  [0x12, 'i64x2.splat', 'none', 'I:v', S],
  [0x13, 'f32x4.splat', 'none', 'f:v', S],
  [0x14, 'f64x2.splat', 'none', 'F:v', S],
  [0x15, 'i8x16.extract_lane_s', 'lane', 'v:i', S, undefined, 16],
  [0x16, 'i8x16.extract_lane_u', 'lane', 'v:i', S, undefined, 16],
  [0x17, 'i8x16.replace_lane', 'lane', 'vi:v', S, undefined, 16],
  [0x18, 'i16x8.extract_lane_s', 'lane', 'v:i', S, undefined, 8],
  [0x19, 'i16x8.extract_lane_u', 'lane', 'v:i', S, undefined, 8],
  [0x1a, 'i16x8.replace_lane', 'lane', 'vi:v', S, undefined, 8],
  [0x1b, 'i32x4.extract_lane', 'lane', 'v:i', S, undefined, 4],
  [0x1c, 'i32x4.replace_lane', 'lane', 'vi:v', S, undefined, 4],
  [0x1d, 'i64x2.extract_lane', 'lane', 'v:I', S, undefined, 2],
  [0x1e, 'i64x2.replace_lane', 'lane', 'vI:v', S, undefined, 2],
  [0x1f, 'f32x4.extract_lane', 'lane', 'v:f', S, undefined, 4],
  [0x20, 'f32x4.replace_lane', 'lane', 'vf:v', S, undefined, 4],
  [0x21, 'f64x2.extract_lane', 'lane', 'v:F', S, undefined, 2],
  [0x22, 'f64x2.replace_lane', 'lane', 'vF:v', S, undefined, 2],
  ...simdBinaries(0x23, 'i8x16', ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']),
  ...simdBinaries(0x2d, 'i16x8', ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']),
  ...simdBinaries(0x37, 'i32x4', ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']),
  ...simdBinaries(0x41, 'f32x4', ['eq', 'ne', 'lt', 'gt', 'le', 'ge']),
  ...simdBinaries(0x47, 'f64x2', ['eq', 'ne', 'lt', 'gt', 'le', 'ge']),
  [0x4d, 'v128.not', 'none', 'v:v', S],
  [0x4e, 'v128.and', 'none', 'vv:v', S],
  [0x4f, 'v128.andnot', 'none', 'vv:v', S],
  [0x50, 'v128.or', 'none', 'vv:v', S],
  [0x51, 'v128.xor', 'none', 'vv:v', S],
  [0x52, 'v128.bitselect', 'none', 'vvv:v', S],
  [0x53, 'v128.any_true', 'none', 'v:i', S],
  [0x54, 'v128.load8_lane', 'memarg_lane', 'iv:v', S, 0, 16],
  [0x55, 'v128.load16_lane', 'memarg_lane', 'iv:v', S, 1, 8],
  [0x56, 'v128.load32_lane', 'memarg_lane', 'iv:v', S, 2, 4],
  [0x57, 'v128.load64_lane', 'memarg_lane', 'iv:v', S, 3, 2],
  [0x58, 'v128.store8_lane', 'memarg_lane', 'iv:', S, 0, 16],
  [0x59, 'v128.store16_lane', 'memarg_lane', 'iv:', S, 1, 8],
  [0x5a, 'v128.store32_lane', 'memarg_lane', 'iv:', S, 2, 4],
  [0x5b, 'v128.store64_lane', 'memarg_lane', 'iv:', S, 3, 2],
  [0x5c, 'v128.load32_zero', 'memarg', 'i:v', S, 2],
  [0x5d, 'v128.load64_zero', 'memarg', 'i:v', S, 3],
  [0x5e, 'f32x4.demote_f64x2_zero', 'none', 'v:v', S],
  [0x5f, 'f64x2.promote_low_f32x4', 'none', 'v:v', S],
  [0x60, 'i8x16.abs', 'none', 'v:v', S],
  [0x61, 'i8x16.neg', 'none', 'v:v', S],
  [0x62, 'i8x16.popcnt', 'none', 'v:v', S],
  [0x63, 'i8x16.all_true', 'none', 'v:i', S],
  [0x64, 'i8x16.bitmask', 'none', 'v:i', S],
  [0x65, 'i8x16.narrow_i16x8_s', 'none', 'vv:v', S],
  [0x66, 'i8x16.narrow_i16x8_u', 'none', 'vv:v', S],
  [0x67, 'f32x4.ceil', 'none', 'v:v', S],
  [0x68, 'f32x4.floor', 'none', 'v:v', S],
  [0x69, 'f32x4.trunc', 'none', 'v:v', S],
  [0x6a, 'f32x4.nearest', 'none', 'v:v', S],
  [0x6b, 'i8x16.shl', 'none', 'vi:v', S],
  [0x6c, 'i8x16.shr_s', 'none', 'vi:v', S],
  [0x6d, 'i8x16.shr_u', 'none', 'vi:v', S],
  [0x6e, 'i8x16.add', 'none', 'vv:v', S],
  [0x6f, 'i8x16.add_sat_s', 'none', 'vv:v', S],
  [0x70, 'i8x16.add_sat_u', 'none', 'vv:v', S],
  [0x71, 'i8x16.sub', 'none', 'vv:v', S],
  [0x72, 'i8x16.sub_sat_s', 'none', 'vv:v', S],
  [0x73, 'i8x16.sub_sat_u', 'none', 'vv:v', S],
  [0x74, 'f64x2.ceil', 'none', 'v:v', S],
  [0x75, 'f64x2.floor', 'none', 'v:v', S],
  [0x76, 'i8x16.min_s', 'none', 'vv:v', S],
  [0x77, 'i8x16.min_u', 'none', 'vv:v', S],
  [0x78, 'i8x16.max_s', 'none', 'vv:v', S],
  [0x79, 'i8x16.max_u', 'none', 'vv:v', S],
  [0x7a, 'f64x2.trunc', 'none', 'v:v', S],
  [0x7b, 'i8x16.avgr_u', 'none', 'vv:v', S],
  [0x7c, 'i16x8.extadd_pairwise_i8x16_s', 'none', 'v:v', S],
  [0x7d, 'i16x8.extadd_pairwise_i8x16_u', 'none', 'v:v', S],
  [0x7e, 'i32x4.extadd_pairwise_i16x8_s', 'none', 'v:v', S],
  [0x7f, 'i32x4.extadd_pairwise_i16x8_u', 'none', 'v:v', S],
  [0x80, 'i16x8.abs', 'none', 'v:v', S],
  [0x81, 'i16x8.neg', 'none', 'v:v', S],
  [0x82, 'i16x8.q15mulr_sat_s', 'none', 'vv:v', S],
  [0x83, 'i16x8.all_true', 'none', 'v:i', S],
  [0x84, 'i16x8.bitmask', 'none', 'v:i', S],
  [0x85, 'i16x8.narrow_i32x4_s', 'none', 'vv:v', S],
  [0x86, 'i16x8.narrow_i32x4_u', 'none', 'vv:v', S],
  [0x87, 'i16x8.extend_low_i8x16_s', 'none', 'v:v', S],
  [0x88, 'i16x8.extend_high_i8x16_s', 'none', 'v:v', S],
  [0x89, 'i16x8.extend_low_i8x16_u', 'none', 'v:v', S],
  [0x8a, 'i16x8.extend_high_i8x16_u', 'none', 'v:v', S],
  [0x8b, 'i16x8.shl', 'none', 'vi:v', S],
  [0x8c, 'i16x8.shr_s', 'none', 'vi:v', S],
  [0x8d, 'i16x8.shr_u', 'none', 'vi:v', S],
  [0x8e, 'i16x8.add', 'none', 'vv:v', S],
  [0x8f, 'i16x8.add_sat_s', 'none', 'vv:v', S],
  [0x90, 'i16x8.add_sat_u', 'none', 'vv:v', S],
  [0x91, 'i16x8.sub', 'none', 'vv:v', S],
  [0x92, 'i16x8.sub_sat_s', 'none', 'vv:v', S],
  [0x93, 'i16x8.sub_sat_u', 'none', 'vv:v', S],
  [0x94, 'f64x2.nearest', 'none', 'v:v', S],
  [0x95, 'i16x8.mul', 'none', 'vv:v', S],
  [0x96, 'i16x8.min_s', 'none', 'vv:v', S],
  [0x97, 'i16x8.min_u', 'none', 'vv:v', S],
  [0x98, 'i16x8.max_s', 'none', 'vv:v', S],
  [0x99, 'i16x8.max_u', 'none', 'vv:v', S],
  // 0x9a: unassigned
  [0x9b, 'i16x8.avgr_u', 'none', 'vv:v', S],
  [0x9c, 'i16x8.extmul_low_i8x16_s', 'none', 'vv:v', S],
  [0x9d, 'i16x8.extmul_high_i8x16_s', 'none', 'vv:v', S],
  [0x9e, 'i16x8.extmul_low_i8x16_u', 'none', 'vv:v', S],
  [0x9f, 'i16x8.extmul_high_i8x16_u', 'none', 'vv:v', S],
  [0xa0, 'i32x4.abs', 'none', 'v:v', S],
  [0xa1, 'i32x4.neg', 'none', 'v:v', S],
  // 0xa2: unassigned
  [0xa3, 'i32x4.all_true', 'none', 'v:i', S],
  [0xa4, 'i32x4.bitmask', 'none', 'v:i', S],
  // 0xa5, 0xa6: unassigned
  [0xa7, 'i32x4.extend_low_i16x8_s', 'none', 'v:v', S],
  [0xa8, 'i32x4.extend_high_i16x8_s', 'none', 'v:v', S],
  [0xa9, 'i32x4.extend_low_i16x8_u', 'none', 'v:v', S],
  [0xaa, 'i32x4.extend_high_i16x8_u', 'none', 'v:v', S],
  [0xab, 'i32x4.shl', 'none', 'vi:v', S],
  [0xac, 'i32x4.shr_s', 'none', 'vi:v', S],
  [0xad, 'i32x4.shr_u', 'none', 'vi:v', S],
  [0xae, 'i32x4.add', 'none', 'vv:v', S],
  // 0xaf, 0xb0: unassigned
  [0xb1, 'i32x4.sub', 'none', 'vv:v', S],
  // 0xb2..0xb4: unassigned
  [0xb5, 'i32x4.mul', 'none', 'vv:v', S],
  [0xb6, 'i32x4.min_s', 'none', 'vv:v', S],
  [0xb7, 'i32x4.min_u', 'none', 'vv:v', S],
  [0xb8, 'i32x4.max_s', 'none', 'vv:v', S],
  [0xb9, 'i32x4.max_u', 'none', 'vv:v', S],
  [0xba, 'i32x4.dot_i16x8_s', 'none', 'vv:v', S],
  // 0xbb: unassigned
  [0xbc, 'i32x4.extmul_low_i16x8_s', 'none', 'vv:v', S],
  [0xbd, 'i32x4.extmul_high_i16x8_s', 'none', 'vv:v', S],
  [0xbe, 'i32x4.extmul_low_i16x8_u', 'none', 'vv:v', S],
  [0xbf, 'i32x4.extmul_high_i16x8_u', 'none', 'vv:v', S],
  [0xc0, 'i64x2.abs', 'none', 'v:v', S],
  [0xc1, 'i64x2.neg', 'none', 'v:v', S],
  // 0xc2: unassigned
  [0xc3, 'i64x2.all_true', 'none', 'v:i', S],
  [0xc4, 'i64x2.bitmask', 'none', 'v:i', S],
  // 0xc5, 0xc6: unassigned
  [0xc7, 'i64x2.extend_low_i32x4_s', 'none', 'v:v', S],
  [0xc8, 'i64x2.extend_high_i32x4_s', 'none', 'v:v', S],
  [0xc9, 'i64x2.extend_low_i32x4_u', 'none', 'v:v', S],
  [0xca, 'i64x2.extend_high_i32x4_u', 'none', 'v:v', S],
  [0xcb, 'i64x2.shl', 'none', 'vi:v', S],
  [0xcc, 'i64x2.shr_s', 'none', 'vi:v', S],
  [0xcd, 'i64x2.shr_u', 'none', 'vi:v', S],
  [0xce, 'i64x2.add', 'none', 'vv:v', S],
  // 0xcf, 0xd0: unassigned
  [0xd1, 'i64x2.sub', 'none', 'vv:v', S],
  // 0xd2..0xd4: unassigned
  [0xd5, 'i64x2.mul', 'none', 'vv:v', S],
  [0xd6, 'i64x2.eq', 'none', 'vv:v', S],
  [0xd7, 'i64x2.ne', 'none', 'vv:v', S],
  [0xd8, 'i64x2.lt_s', 'none', 'vv:v', S],
  [0xd9, 'i64x2.gt_s', 'none', 'vv:v', S],
  [0xda, 'i64x2.le_s', 'none', 'vv:v', S],
  [0xdb, 'i64x2.ge_s', 'none', 'vv:v', S],
  [0xdc, 'i64x2.extmul_low_i32x4_s', 'none', 'vv:v', S],
  [0xdd, 'i64x2.extmul_high_i32x4_s', 'none', 'vv:v', S],
  [0xde, 'i64x2.extmul_low_i32x4_u', 'none', 'vv:v', S],
  [0xdf, 'i64x2.extmul_high_i32x4_u', 'none', 'vv:v', S],
  [0xe0, 'f32x4.abs', 'none', 'v:v', S],
  [0xe1, 'f32x4.neg', 'none', 'v:v', S],
  // 0xe2: unassigned
  [0xe3, 'f32x4.sqrt', 'none', 'v:v', S],
  ...simdBinaries(0xe4, 'f32x4', ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax']),
  [0xec, 'f64x2.abs', 'none', 'v:v', S],
  [0xed, 'f64x2.neg', 'none', 'v:v', S],
  // 0xee: unassigned
  [0xef, 'f64x2.sqrt', 'none', 'v:v', S],
  ...simdBinaries(0xf0, 'f64x2', ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax']),
  [0xf8, 'i32x4.trunc_sat_f32x4_s', 'none', 'v:v', S],
  [0xf9, 'i32x4.trunc_sat_f32x4_u', 'none', 'v:v', S],
  [0xfa, 'f32x4.convert_i32x4_s', 'none', 'v:v', S],
  [0xfb, 'f32x4.convert_i32x4_u', 'none', 'v:v', S],
  [0xfc, 'i32x4.trunc_sat_f64x2_s_zero', 'none', 'v:v', S],
  [0xfd, 'i32x4.trunc_sat_f64x2_u_zero', 'none', 'v:v', S],
  [0xfe, 'f64x2.convert_low_i32x4_s', 'none', 'v:v', S],
  [0xff, 'f64x2.convert_low_i32x4_u', 'none', 'v:v', S],
];

/** Consecutive v128 binary operations `shape.op` starting at sub-opcode `first`. */
function simdBinaries(first: number, shape: string, ops: readonly string[]): Row[] {
  return ops.map((o, i): Row => [first + i, `${shape}.${o}`, 'none', 'vv:v', S]);
}

function buildTable(): { ops: OpInfo[]; byOp: (OpInfo | undefined)[]; byName: Map<string, number> } {
  const byOp: (OpInfo | undefined)[] = new Array<OpInfo | undefined>(OP_TABLE_SIZE).fill(undefined);
  const byName = new Map<string, number>();
  const add = (row: Row, base: number): void => {
    const [sub, name, imm, sig, feature, align, lanes] = row;
    const op = base + sub;
    if (byOp[op] !== undefined) throw new Error(`opcode table: duplicate 0x${op.toString(16)}`); // construction bug only
    const info: OpInfo = Object.freeze({
      op,
      name,
      imm,
      feature,
      ...(sig !== '' ? { sig: parseSig(sig) } : {}),
      ...(align !== undefined ? { align } : {}),
      ...(lanes !== undefined ? { lanes } : {}),
    });
    byOp[op] = info;
    // 'select' appears twice (0x1B and typed 0x1C); the name map keeps the untyped one.
    if (!byName.has(name)) byName.set(name, op);
  };
  for (const r of ROWS) add(r, 0);
  for (const r of SIMD_ROWS) add(r, 0x200);
  const ops = byOp.filter((x): x is OpInfo => x !== undefined);
  return { ops, byOp, byName };
}

const TABLE = buildTable();

/** Every WebAssembly 2.0 instruction, in ascending normalized opcode order. */
export const OPS: readonly OpInfo[] = Object.freeze(TABLE.ops);

const BY_OP: readonly (OpInfo | undefined)[] = TABLE.byOp;

/** The instruction with normalized opcode `op`, or undefined when no such instruction exists. */
export function opInfo(op: number): OpInfo | undefined {
  return op >= 0 && op < OP_TABLE_SIZE ? BY_OP[op] : undefined;
}

/** The text-format name of a normalized opcode (a hex placeholder for unknown ones). */
export function opName(op: number): string {
  const info = opInfo(op);
  if (info !== undefined) return info.name;
  return `<unknown opcode 0x${op.toString(16)}>`;
}

/** The normalized opcode of a text-format name (for `select`, the untyped 0x1B), or undefined. */
export function opByName(name: string): number | undefined {
  return TABLE.byName.get(name);
}

/** Normalized opcodes the decoder and validator refer to by name (plain numbers, usable in switches). */
export const Opc = {
  unreachable: 0x00, nop: 0x01, block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b,
  br: 0x0c, br_if: 0x0d, br_table: 0x0e, return: 0x0f, call: 0x10, call_indirect: 0x11,
  drop: 0x1a, select: 0x1b, select_t: 0x1c,
  local_get: 0x20, local_set: 0x21, local_tee: 0x22, global_get: 0x23, global_set: 0x24,
  table_get: 0x25, table_set: 0x26,
  memory_size: 0x3f, memory_grow: 0x40,
  i32_const: 0x41, i64_const: 0x42, f32_const: 0x43, f64_const: 0x44,
  ref_null: 0xd0, ref_is_null: 0xd1, ref_func: 0xd2,
  memory_init: 0x108, data_drop: 0x109, memory_copy: 0x10a, memory_fill: 0x10b,
  table_init: 0x10c, elem_drop: 0x10d, table_copy: 0x10e, table_grow: 0x10f, table_size: 0x110, table_fill: 0x111,
  v128_const: 0x20c, i8x16_shuffle: 0x20d,
} as const;
