/**
 * The memory-free fixed-width SIMD instructions of WebAssembly 2.0 (`0xFD` sub-opcodes 0x0C..0xFF
 * except the memory instructions; rare-ops.ts executes 0x00..0x0B and 0x54..0x5D itself).
 * Sub-opcodes 0x100..0x113 are relaxed SIMD, which is not part of 2.0; they are not accepted here.
 *
 * Contract with the interpreter: operands are the values in stack slots `sp-1` (top), `sp-2`, ...;
 * `execSimd` pops them, writes the result into the lowest operand slot (or slot `sp` for
 * v128.const) and returns the new `sp`. Immediates are read at `code[ip]` (a lane index) or
 * `code[ip..ip+3]` (the 16 bytes of v128.const / i8x16.shuffle); the interpreter advances past them.
 * None of these instructions traps, and none allocates: lane shapes that move across lanes use the
 * preallocated scratch buffer of simd/scratch.ts.
 *
 * Lanes are read through typed-array views of the stack buffer, whose byte order is the platform's:
 * the lane numbering of the spec (lane 0 = lowest-addressed bytes) holds on little-endian platforms,
 * which is what the stack contract (stack.ts) assumes for every value.
 *
 * Dispatch: GROUP maps a sub-opcode to the file that implements it; each of those switches densely
 * over its own sub-opcodes. Sub-opcodes without an instruction map to INVALID and raise a typed
 * CfiViolation (validated code never contains them).
 */

import { execBitwise } from './simd/bitwise.js';
import { execCompare } from './simd/compare.js';
import { execConvert } from './simd/convert.js';
import { execFloat } from './simd/float.js';
import { execI16x8 } from './simd/i16x8.js';
import { execI32x4 } from './simd/i32x4.js';
import { execI64x2 } from './simd/i64x2.js';
import { execI8x16 } from './simd/i8x16.js';
import { unreachableSub } from './simd/invalid.js';
import { execLanes } from './simd/lanes.js';
import type { StackViews } from './stack.js';

const INVALID = 0;
const LANES = 1;
const COMPARE = 2;
const BITWISE = 3;
const I8X16 = 4;
const I16X8 = 5;
const I32X4 = 6;
const I64X2 = 7;
const FLOAT = 8;
const CONVERT = 9;

/** Number of SIMD sub-opcodes of WebAssembly 2.0 (0x00..0xFF). */
const SUB_COUNT = 0x100;

/** The implementing group of every sub-opcode (INVALID where 2.0 defines no memory-free instruction). */
const GROUP = buildGroups();

function buildGroups(): Uint8Array {
  const g = new Uint8Array(SUB_COUNT);
  const set = (group: number, from: number, to: number): void => {
    for (let sub = from; sub <= to; sub++) g[sub] = group;
  };
  set(LANES, 0x0c, 0x22); // const, shuffle, swizzle, splats, extract/replace_lane
  set(COMPARE, 0x23, 0x4c); // i8x16/i16x8/i32x4/f32x4/f64x2 comparisons
  set(BITWISE, 0x4d, 0x53); // not, and, andnot, or, xor, bitselect, any_true
  set(CONVERT, 0x5e, 0x5f); // demote_f64x2_zero, promote_low_f32x4
  set(I8X16, 0x60, 0x66); // abs neg popcnt all_true bitmask narrow_s narrow_u
  set(FLOAT, 0x67, 0x6a); // f32x4 ceil floor trunc nearest
  set(I8X16, 0x6b, 0x73); // shifts, add/sub (wrapping and saturating)
  set(FLOAT, 0x74, 0x75); // f64x2 ceil floor
  set(I8X16, 0x76, 0x79); // min/max
  set(FLOAT, 0x7a, 0x7a); // f64x2.trunc
  set(I8X16, 0x7b, 0x7b); // avgr_u
  set(I16X8, 0x7c, 0x7d); // i16x8.extadd_pairwise_i8x16_s/u
  set(I32X4, 0x7e, 0x7f); // i32x4.extadd_pairwise_i16x8_s/u
  set(I16X8, 0x80, 0x93); // abs .. sub_sat_u
  set(FLOAT, 0x94, 0x94); // f64x2.nearest
  set(I16X8, 0x95, 0x99); // mul, min/max
  set(I16X8, 0x9b, 0x9f); // avgr_u, extmul
  set(I32X4, 0xa0, 0xa1); // abs, neg
  set(I32X4, 0xa3, 0xa4); // all_true, bitmask
  set(I32X4, 0xa7, 0xae); // extend, shifts, add
  set(I32X4, 0xb1, 0xb1); // sub
  set(I32X4, 0xb5, 0xba); // mul, min/max, dot
  set(I32X4, 0xbc, 0xbf); // extmul
  set(I64X2, 0xc0, 0xc1); // abs, neg
  set(I64X2, 0xc3, 0xc4); // all_true, bitmask
  set(I64X2, 0xc7, 0xce); // extend, shifts, add
  set(I64X2, 0xd1, 0xd1); // sub
  set(I64X2, 0xd5, 0xdf); // mul, comparisons, extmul
  set(FLOAT, 0xe0, 0xe1); // f32x4 abs neg
  set(FLOAT, 0xe3, 0xed); // f32x4 sqrt .. pmax, f64x2 abs neg
  set(FLOAT, 0xef, 0xf7); // f64x2 sqrt .. pmax
  set(CONVERT, 0xf8, 0xff); // trunc_sat, convert
  return g;
}

/**
 * Executes the memory-free SIMD instruction with sub-opcode `sub` on the operand stack `s` whose
 * first free slot is `sp`; `ip` indexes the instruction's immediates in `code`. Returns the new `sp`.
 */
export function execSimd(sub: number, s: StackViews, sp: number, code: Int32Array, ip: number): number {
  switch (sub >= 0 && sub < SUB_COUNT ? GROUP[sub] : INVALID) {
    case LANES:
      return execLanes(sub, s, sp, code, ip);
    case COMPARE:
      return execCompare(sub, s, sp);
    case BITWISE:
      return execBitwise(sub, s, sp);
    case I8X16:
      return execI8x16(sub, s, sp);
    case I16X8:
      return execI16x8(sub, s, sp);
    case I32X4:
      return execI32x4(sub, s, sp);
    case I64X2:
      return execI64x2(sub, s, sp);
    case FLOAT:
      return execFloat(sub, s, sp);
    case CONVERT:
      return execConvert(sub, s, sp);
    default:
      return unreachableSub(sub);
  }
}

/** True when `sub` is a memory-free SIMD sub-opcode of WebAssembly 2.0 that execSimd executes. */
export function isSimdSub(sub: number): boolean {
  return sub >= 0 && sub < SUB_COUNT && GROUP[sub] !== INVALID;
}
