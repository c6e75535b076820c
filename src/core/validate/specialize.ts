/**
 * Specialization of compiled code (format in compiled.ts, section "Specialization"): rewrites opcode
 * words in place into the internal `Fast` opcodes, using what validation proved (the local's type,
 * the operand types of a sequence). Nothing else changes, so the side table, the labels and every
 * CFI check apply to the specialized code exactly as to the generic one; `genericCode` undoes it.
 *
 * Why in place: a jump may land on any instruction boundary, including the middle of a fused
 * sequence; since the later instructions keep their generic opcodes, that is still correct, and the
 * interpreter needs no second code array.
 */

import { ValType as VT } from '../binary/module.js';
import { Fast, Op } from './compiled.js';

const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;
const I32_EQZ = 0x45;
const I32_ADD = 0x6a;

/** i32 tests and comparisons that CMP_BR_IF fuses with a following `br_if`. */
export function isFusableI32Test(op: number): boolean {
  return op >= I32_EQZ && op <= 0x4f;
}

/** Number of immediate words after the opcode word at `pc` of generic compiled code. */
export function immediateWords(code: Int32Array, pc: number): number {
  const op = code[pc]!;
  if (op === Op.BR_TABLE) return 2 + code[pc + 1]!;
  return IMMEDIATE_WORDS[op & 0x3ff]!;
}

/**
 * Immediate words of every generic opcode other than BR_TABLE (format in compiled.ts); 0 up to 0x3ff
 * where no opcode is, so any word masked with 0x3ff indexes it.
 */
export const IMMEDIATE_WORDS: Uint8Array = (() => {
  const t = new Uint8Array(0x400);
  for (let op = 0; op < t.length; op++) t[op] = fixedImmediateWords(op);
  return t;
})();

function fixedImmediateWords(op: number): number {
  if (op === Op.CALL_INDIRECT || op === 0x42 || op === 0x44) return 2;
  if (op === Op.IF || op === Op.BR || op === Op.BR_IF || op === Op.RETURN || op === Op.CALL) return 1;
  if (op >= 0x20 && op <= 0x26) return 1; // locals, globals, table.get/set
  if (op >= 0x28 && op <= 0x3e) return 1; // loads and stores: offset
  if (op === 0x41 || op === 0x43 || op === 0xd2) return 1;
  if (op === 0x10c || op === 0x10e) return 2; // table.init, table.copy
  if (op === 0x108 || op === 0x109 || op === 0x10d || (op >= 0x10f && op <= 0x111)) return 1;
  if (op >= 0x200 && op <= 0x20b) return 1; // SIMD loads/stores: offset
  if (op === 0x20c || op === 0x20d) return 4; // v128.const, i8x16.shuffle
  if (op >= 0x215 && op <= 0x222) return 1; // extract/replace lane
  if (op >= 0x254 && op <= 0x25b) return 2; // load/store lane: offset lane
  if (op === 0x25c || op === 0x25d) return 1;
  return 0;
}

/** Words a local of value type `t` uses in its slot: 1, 2, or 4 (v128). */
function localWords(t: number): number {
  if (t === VT.i64 || t === VT.f64) return 2;
  if (t === VT.v128) return 4;
  return 1;
}

/**
 * Specializes `code` in place. `localTypes[i]` is the value type of local i (parameters first).
 * `code` must be the generic output of the function compiler (every word reached by walking the
 * instructions from 0).
 */
export function specialize(code: Int32Array, localTypes: Uint8Array): void {
  const n = code.length;
  // One forward walk. Fusion looks at the next two instructions, which are still generic when read
  // (only the current opcode word is rewritten), so their positions follow from generic immediates.
  let pc = 0;
  let nextPc = 1 + immediateWords(code, 0); // also right for empty code (no word: 0 immediates)
  while (pc < n) {
    const op = code[pc]!;
    const next = nextPc < n ? code[nextPc]! : -1;
    const next2Pc = nextPc < n ? nextPc + 1 + immediateWords(code, nextPc) : n;
    const next2 = next2Pc < n ? code[next2Pc]! : -1;
    const special = choose(code, pc, op, next, next2, localTypes, nextPc < n ? nextPc : -1);
    if (special !== op) code[pc] = special;
    pc = nextPc;
    nextPc = next2Pc;
  }
}

/** The best opcode for the instruction at `pc`, given the next two generic opcodes. */
function choose(code: Int32Array, pc: number, op: number, next: number, next2: number, localTypes: Uint8Array, nextPc: number): number {
  switch (op) {
    case LOCAL_GET: {
      const w = localWords(localTypes[code[pc + 1]!]!);
      if (w === 1 && localTypes[code[pc + 1]!] === VT.i32) {
        if (next === I32_CONST && next2 === I32_ADD) return Fast.ADD_LOCAL_CONST;
      }
      if (w === 1 && next === LOCAL_GET && localWords(localTypes[code[nextPc + 1]!]!) === 1) return Fast.GET_GET_1;
      return w === 1 ? Fast.LOCAL_GET_1 : w === 2 ? Fast.LOCAL_GET_2 : op;
    }
    case LOCAL_SET:
    case LOCAL_TEE: {
      const w = localWords(localTypes[code[pc + 1]!]!);
      if (w === 4) return op;
      if (op === LOCAL_SET) return w === 1 ? Fast.LOCAL_SET_1 : Fast.LOCAL_SET_2;
      return w === 1 ? Fast.LOCAL_TEE_1 : Fast.LOCAL_TEE_2;
    }
    case I32_ADD:
      if (next === LOCAL_TEE) return Fast.ADD_TEE;
      if (next === LOCAL_SET) return Fast.ADD_SET;
      return op;
    default:
      if (isFusableI32Test(op) && next === Op.BR_IF) return Fast.CMP_BR_IF + op - I32_EQZ;
      return op;
  }
}

/** The generic opcode that specialized opcode `op` stands for (the first instruction it executes). */
export function genericOp(op: number): number {
  if (op < Fast.LOCAL_GET_1 || op >= Fast.END) return op;
  switch (op) {
    case Fast.LOCAL_GET_1: case Fast.LOCAL_GET_2: case Fast.GET_GET_1: case Fast.ADD_LOCAL_CONST: return LOCAL_GET;
    case Fast.LOCAL_SET_1: case Fast.LOCAL_SET_2: return LOCAL_SET;
    case Fast.LOCAL_TEE_1: case Fast.LOCAL_TEE_2: return LOCAL_TEE;
    case Fast.ADD_TEE: case Fast.ADD_SET: return I32_ADD;
    default:
      if (op >= Fast.CMP_BR_IF) return op - Fast.CMP_BR_IF + I32_EQZ;
      return op;
  }
}

/** A copy of specialized code with every opcode word mapped back to its generic opcode. */
export function genericCode(code: Int32Array): Int32Array {
  const out = code.slice();
  for (let pc = 0; pc < out.length; ) {
    out[pc] = genericOp(out[pc]!);
    pc += 1 + immediateWords(out, pc);
  }
  return out;
}
