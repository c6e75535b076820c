/**
 * The instructions the interpreter executes out of its main loop: table access, references, the
 * bit-counting, rounding, min/max and truncating/converting numerics, the whole 0xFC range (saturating
 * truncation, bulk memory and tables) and all of SIMD.
 *
 * Why a separate function: V8 optimizes the interpreter's loop as one unit, and the first execution
 * of a `case` that had no type feedback when it was optimized throws the whole optimized loop away
 * (a deoptimization, then a recompilation of the large function). Keeping these rarely hot
 * instructions here makes the main loop smaller, so each of its compilations is cheaper, and a first
 * use of a rare instruction deoptimizes only this function (NOTES.md in bench/results measures it).
 *
 * Contract with the interpreter (as for simd.ts): operands are the values in slots `sp-1` (top),
 * `sp-2`, ...; `execRare` pops them, writes the result and returns the new `sp`. `pc` is the index of
 * the first immediate word; the interpreter then skips `IMMEDIATE_WORDS[op]` words
 * (validate/specialize.ts). Memory and table sizes do not change here (memory.grow stays in the
 * loop), so the loop's cached views stay valid.
 */

import { memoryCopy, memoryFill, memoryInit, tableCopy, tableFill, tableGrow, tableInit } from './bulk.js';
import { cfi, trap, trapMemory, trapTable } from './fail.js';
import {
  f32ConvertI32U, f32ConvertI64S, f32ConvertI64U, f64ConvertI32U, f64ConvertI64S, f64ConvertI64U,
  fMax, fMin, fNearest,
  i32Ctz, i32Popcnt,
  i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U,
  i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U,
  i64Clz, i64Ctz, i64DivS, i64DivU, i64Popcnt, i64RemS, i64RemU, i64Rotl, i64Rotr,
  i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U,
  i64TruncSatF32S, i64TruncSatF32U, i64TruncSatF64S, i64TruncSatF64U,
} from './numerics.js';
import type { MemInst, ModuleInst } from './runtime.js';
import { execSimd } from './simd.js';
import type { StackViews } from './stack.js';
import type { StoreState } from './store-state.js';

const EMPTY_U8 = new Uint8Array(0);
const EMPTY_DV = new DataView(new ArrayBuffer(0));
const NO_ELEMS: number[] = [];

/** Executes one out-of-line instruction `op` (see the contract above); returns the new `sp`. */
export function execRare(
  op: number, st: StoreState, inst: ModuleInst, mem: MemInst | null, s: StackViews, sp: number, code: Int32Array, pc: number,
): number {
  const i32 = s.i32; const u32 = s.u32; const f32 = s.f32; const f64 = s.f64;
  const i64 = s.i64; const u64 = s.u64; const i16 = s.i16; const u8 = s.u8;
  const dv = mem !== null ? mem.dv : EMPTY_DV;
  const mu8 = mem !== null ? mem.u8 : EMPTY_U8;
  const memLen = mu8.length;
  switch (op) {
    // ---------------------------------------------------------------- tables
    case 0x25: { // table.get
      const el = inst.tables[code[pc++]!]!.elements; const a = (sp - 1) << 2;
      const i = i32[a]! >>> 0;
      if (i >= el.length) trapTable();
      i32[a] = el[i]!;
      break;
    }
    case 0x26: { // table.set
      const el = inst.tables[code[pc++]!]!.elements; sp -= 2; const a = sp << 2;
      const i = i32[a]! >>> 0;
      if (i >= el.length) trapTable();
      el[i] = i32[a + 4]!;
      break;
    }
    case 0x68: { const a = (sp - 1) << 2; i32[a] = i32Ctz(i32[a]!); break; }
    case 0x69: { const a = (sp - 1) << 2; i32[a] = i32Popcnt(i32[a]!); break; }
    case 0x79: { const d = (sp - 1) << 1; i64[d] = i64Clz(i64[d]!); break; }
    case 0x7a: { const d = (sp - 1) << 1; i64[d] = i64Ctz(i64[d]!); break; }
    case 0x7b: { const d = (sp - 1) << 1; i64[d] = i64Popcnt(i64[d]!); break; }
    case 0x7f: { sp--; const d = (sp - 1) << 1; i64[d] = i64DivS(i64[d]!, i64[sp << 1]!); break; }
    case 0x80: { sp--; const d = (sp - 1) << 1; i64[d] = i64DivU(i64[d]!, i64[sp << 1]!); break; }
    case 0x81: { sp--; const d = (sp - 1) << 1; i64[d] = i64RemS(i64[d]!, i64[sp << 1]!); break; }
    case 0x82: { sp--; const d = (sp - 1) << 1; i64[d] = i64RemU(i64[d]!, i64[sp << 1]!); break; }
    case 0x89: { sp--; const d = (sp - 1) << 1; i64[d] = i64Rotl(i64[d]!, i64[sp << 1]!); break; }
    case 0x8a: { sp--; const d = (sp - 1) << 1; i64[d] = i64Rotr(i64[d]!, i64[sp << 1]!); break; }
    case 0x8d: { const a = (sp - 1) << 2; const r = Math.ceil(f32[a]!); f32[a] = r === r ? r : NaN; break; }
    case 0x8e: { const a = (sp - 1) << 2; const r = Math.floor(f32[a]!); f32[a] = r === r ? r : NaN; break; }
    case 0x8f: { const a = (sp - 1) << 2; const r = Math.trunc(f32[a]!); f32[a] = r === r ? r : NaN; break; }
    case 0x90: { const a = (sp - 1) << 2; f32[a] = fNearest(f32[a]!); break; }
    case 0x91: { const a = (sp - 1) << 2; f32[a] = Math.sqrt(f32[a]!); break; }
    case 0x96: { sp--; const a = (sp - 1) << 2; f32[a] = fMin(f32[a]!, f32[sp << 2]!); break; }
    case 0x97: { sp--; const a = (sp - 1) << 2; f32[a] = fMax(f32[a]!, f32[sp << 2]!); break; }
    case 0x9b: { const d = (sp - 1) << 1; const r = Math.ceil(f64[d]!); f64[d] = r === r ? r : NaN; break; }
    case 0x9c: { const d = (sp - 1) << 1; const r = Math.floor(f64[d]!); f64[d] = r === r ? r : NaN; break; }
    case 0x9d: { const d = (sp - 1) << 1; const r = Math.trunc(f64[d]!); f64[d] = r === r ? r : NaN; break; }
    case 0x9e: { const d = (sp - 1) << 1; f64[d] = fNearest(f64[d]!); break; }
    case 0xa4: { sp--; const d = (sp - 1) << 1; f64[d] = fMin(f64[d]!, f64[sp << 1]!); break; }
    case 0xa5: { sp--; const d = (sp - 1) << 1; f64[d] = fMax(f64[d]!, f64[sp << 1]!); break; }
    case 0xa8: { const a = (sp - 1) << 2; i32[a] = i32TruncF32S(f32[a]!); break; }
    case 0xa9: { const a = (sp - 1) << 2; i32[a] = i32TruncF32U(f32[a]!); break; }
    case 0xaa: { const d = (sp - 1) << 1; i32[d << 1] = i32TruncF64S(f64[d]!); break; }
    case 0xab: { const d = (sp - 1) << 1; i32[d << 1] = i32TruncF64U(f64[d]!); break; }
    case 0xae: { const d = (sp - 1) << 1; i64[d] = i64TruncF32S(f32[d << 1]!); break; }
    case 0xaf: { const d = (sp - 1) << 1; i64[d] = i64TruncF32U(f32[d << 1]!); break; }
    case 0xb0: { const d = (sp - 1) << 1; i64[d] = i64TruncF64S(f64[d]!); break; }
    case 0xb1: { const d = (sp - 1) << 1; i64[d] = i64TruncF64U(f64[d]!); break; }
    case 0xb3: { const a = (sp - 1) << 2; f32[a] = f32ConvertI32U(i32[a]!); break; }
    case 0xb4: { const d = (sp - 1) << 1; f32[d << 1] = f32ConvertI64S(i64[d]!); break; }
    case 0xb5: { const d = (sp - 1) << 1; f32[d << 1] = f32ConvertI64U(u64[d]!); break; }
    case 0xb8: { const d = (sp - 1) << 1; const x = f64ConvertI32U(i32[d << 1]!); f64[d] = x; break; }
    case 0xb9: { const d = (sp - 1) << 1; f64[d] = f64ConvertI64S(i64[d]!); break; }
    case 0xba: { const d = (sp - 1) << 1; f64[d] = f64ConvertI64U(u64[d]!); break; }
    // ---------------------------------------------------------------- references
    case 0xd0: // ref.null
      i32[sp << 2] = -1;
      sp++;
      break;
    case 0xd1: { const a = (sp - 1) << 2; i32[a] = i32[a] === -1 ? 1 : 0; break; } // ref.is_null
    case 0xd2: // ref.func f
      i32[sp << 2] = inst.funcAddrs[code[pc++]!]!;
      sp++;
      break;
    // ---------------------------------------------------------------- 0xFC: saturating truncation
    case 0x100: { const a = (sp - 1) << 2; i32[a] = i32TruncSatF32S(f32[a]!); break; }
    case 0x101: { const a = (sp - 1) << 2; i32[a] = i32TruncSatF32U(f32[a]!); break; }
    case 0x102: { const d = (sp - 1) << 1; i32[d << 1] = i32TruncSatF64S(f64[d]!); break; }
    case 0x103: { const d = (sp - 1) << 1; i32[d << 1] = i32TruncSatF64U(f64[d]!); break; }
    case 0x104: { const d = (sp - 1) << 1; i64[d] = i64TruncSatF32S(f32[d << 1]!); break; }
    case 0x105: { const d = (sp - 1) << 1; i64[d] = i64TruncSatF32U(f32[d << 1]!); break; }
    case 0x106: { const d = (sp - 1) << 1; i64[d] = i64TruncSatF64S(f64[d]!); break; }
    case 0x107: { const d = (sp - 1) << 1; i64[d] = i64TruncSatF64U(f64[d]!); break; }
    // ---------------------------------------------------------------- 0xFC: bulk memory and tables
    case 0x108: { // memory.init d: [dst src n]
      const seg = inst.datas[code[pc++]!]!;
      sp -= 3; const a = sp << 2;
      memoryInit(mem!, seg, u32[a]!, u32[a + 4]!, u32[a + 8]!);
      break;
    }
    case 0x109: // data.drop d
      inst.datas[code[pc++]!] = EMPTY_U8;
      break;
    case 0x10a: { // memory.copy: [dst src n]
      sp -= 3; const a = sp << 2;
      memoryCopy(mem!, u32[a]!, u32[a + 4]!, u32[a + 8]!);
      break;
    }
    case 0x10b: { // memory.fill: [dst value n]
      sp -= 3; const a = sp << 2;
      memoryFill(mem!, u32[a]!, i32[a + 4]!, u32[a + 8]!);
      break;
    }
    case 0x10c: { // table.init e t: [dst src n]
      const seg = inst.elems[code[pc]!]!;
      const tab = inst.tables[code[pc + 1]!]!;
      pc += 2;
      sp -= 3; const a = sp << 2;
      tableInit(tab, seg, u32[a]!, u32[a + 4]!, u32[a + 8]!);
      break;
    }
    case 0x10d: // elem.drop e
      inst.elems[code[pc++]!] = NO_ELEMS;
      break;
    case 0x10e: { // table.copy dst src: [dst src n]
      const dst = inst.tables[code[pc]!]!;
      const src = inst.tables[code[pc + 1]!]!;
      pc += 2;
      sp -= 3; const a = sp << 2;
      tableCopy(dst, src, u32[a]!, u32[a + 4]!, u32[a + 8]!);
      break;
    }
    case 0x10f: { // table.grow t: [init n] -> old size | -1
      const tab = inst.tables[code[pc++]!]!;
      sp--; const a = (sp - 1) << 2;
      i32[a] = tableGrow(st, tab, i32[a]!, u32[sp << 2]!);
      break;
    }
    case 0x110: // table.size t
      i32[sp << 2] = inst.tables[code[pc++]!]!.elements.length;
      sp++;
      break;
    case 0x111: { // table.fill t: [i value n]
      const tab = inst.tables[code[pc++]!]!;
      sp -= 3; const a = sp << 2;
      tableFill(tab, u32[a]!, i32[a + 4]!, u32[a + 8]!);
      break;
    }
    // ---------------------------------------------------------------- 0xFD: SIMD memory access
    case 0x200: { // v128.load
      const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 16 > memLen) trapMemory();
      i32[a] = dv.getInt32(ea, true); i32[a + 1] = dv.getInt32(ea + 4, true);
      i32[a + 2] = dv.getInt32(ea + 8, true); i32[a + 3] = dv.getInt32(ea + 12, true);
      break;
    }
    case 0x201: case 0x202: { // v128.load8x8_s / _u
      const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 8 > memLen) trapMemory();
      const h = a << 1;
      if (op === 0x201) { for (let j = 0; j < 8; j++) i16[h + j] = (mu8[ea + j]! << 24) >> 24; }
      else { for (let j = 0; j < 8; j++) i16[h + j] = mu8[ea + j]!; }
      break;
    }
    case 0x203: case 0x204: { // v128.load16x4_s / _u
      const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 8 > memLen) trapMemory();
      if (op === 0x203) { for (let j = 3; j >= 0; j--) i32[a + j] = dv.getInt16(ea + 2 * j, true); }
      else { for (let j = 3; j >= 0; j--) i32[a + j] = dv.getUint16(ea + 2 * j, true); }
      break;
    }
    case 0x205: case 0x206: { // v128.load32x2_s / _u
      const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 8 > memLen) trapMemory();
      const lo = dv.getInt32(ea, true); const hi = dv.getInt32(ea + 4, true);
      i32[a] = lo; i32[a + 1] = op === 0x205 ? lo >> 31 : 0;
      i32[a + 2] = hi; i32[a + 3] = op === 0x205 ? hi >> 31 : 0;
      break;
    }
    case 0x207: { // v128.load8_splat
      const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 1 > memLen) trapMemory();
      u8.fill(mu8[ea]!, a << 2, (a << 2) + 16);
      break;
    }
    case 0x208: { // v128.load16_splat
      const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 2 > memLen) trapMemory();
      i16.fill(dv.getInt16(ea, true), a << 1, (a << 1) + 8);
      break;
    }
    case 0x209: { // v128.load32_splat
      const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 4 > memLen) trapMemory();
      const v = dv.getInt32(ea, true); i32[a] = v; i32[a + 1] = v; i32[a + 2] = v; i32[a + 3] = v;
      break;
    }
    case 0x20a: { // v128.load64_splat
      const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 8 > memLen) trapMemory();
      const lo = dv.getInt32(ea, true); const hi = dv.getInt32(ea + 4, true);
      i32[a] = lo; i32[a + 1] = hi; i32[a + 2] = lo; i32[a + 3] = hi;
      break;
    }
    case 0x20b: { // v128.store
      sp -= 2; const a = sp << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 16 > memLen) trapMemory();
      dv.setInt32(ea, i32[a + 4]!, true); dv.setInt32(ea + 4, i32[a + 5]!, true);
      dv.setInt32(ea + 8, i32[a + 6]!, true); dv.setInt32(ea + 12, i32[a + 7]!, true);
      break;
    }
    case 0x254: case 0x255: case 0x256: case 0x257: { // v128.loadN_lane offset lane: [addr vec] -> vec
      const size = 1 << (op - 0x254);
      sp--; const a = (sp - 1) << 2; const b = sp << 2;
      const ea = (i32[a]! >>> 0) + (code[pc]! >>> 0);
      const lane = code[pc + 1]!;
      pc += 2;
      if (ea + size > memLen) trapMemory();
      i32[a] = i32[b]!; i32[a + 1] = i32[b + 1]!; i32[a + 2] = i32[b + 2]!; i32[a + 3] = i32[b + 3]!;
      if (size === 1) u8[(a << 2) + lane] = mu8[ea]!;
      else if (size === 2) i16[(a << 1) + lane] = dv.getInt16(ea, true);
      else if (size === 4) i32[a + lane] = dv.getInt32(ea, true);
      else { i32[a + 2 * lane] = dv.getInt32(ea, true); i32[a + 2 * lane + 1] = dv.getInt32(ea + 4, true); }
      break;
    }
    case 0x258: case 0x259: case 0x25a: case 0x25b: { // v128.storeN_lane offset lane: [addr vec]
      const size = 1 << (op - 0x258);
      sp -= 2; const a = sp << 2; const b = a + 4;
      const ea = (i32[a]! >>> 0) + (code[pc]! >>> 0);
      const lane = code[pc + 1]!;
      pc += 2;
      if (ea + size > memLen) trapMemory();
      if (size === 1) mu8[ea] = u8[(b << 2) + lane]!;
      else if (size === 2) dv.setInt16(ea, i16[(b << 1) + lane]!, true);
      else if (size === 4) dv.setInt32(ea, i32[b + lane]!, true);
      else { dv.setInt32(ea, i32[b + 2 * lane]!, true); dv.setInt32(ea + 4, i32[b + 2 * lane + 1]!, true); }
      break;
    }
    case 0x25c: { // v128.load32_zero
      const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 4 > memLen) trapMemory();
      i32[a] = dv.getInt32(ea, true); i32[a + 1] = 0; i32[a + 2] = 0; i32[a + 3] = 0;
      break;
    }
    case 0x25d: { // v128.load64_zero
      const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
      if (ea + 8 > memLen) trapMemory();
      i32[a] = dv.getInt32(ea, true); i32[a + 1] = dv.getInt32(ea + 4, true); i32[a + 2] = 0; i32[a + 3] = 0;
      break;
    }
    default: {
      if (op >= 0x20c && op <= 0x2ff) return execSimd(op - 0x200, s, sp, code, pc); // every other SIMD instruction
      // Control reached a word that is no instruction: only a corrupted jump can do that.
      cfi('branch-target', `no instruction ${op} at code index ${pc - 1}`);
    }
  }
  return sp;
}
