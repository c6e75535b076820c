/**
 * Specialization of compiled code (format in compiled.ts, section "Specialization"): rewrites opcode
 * words in place into the internal `Fast` opcodes, using what validation proved (the local's type,
 * the operand types of a sequence). Nothing else changes, so the side table, the labels and every
 * CFI check apply to the specialized code exactly as to the generic one; `genericCode` undoes it.
 * The rules are `typedLocalOp` and the `fuse...` functions below; the function compiler applies them
 * as it writes the code, so no second walk over the code is needed.
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
export const I32_ADD = 0x6a;

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

/** Reads and writes words of the code being written. */
interface Words {
  get(i: number): number;
  set(i: number, word: number): void;
}

/*
 * The function compiler specializes code as it writes it, with the functions below: each
 * instruction's opcode word is written in its typed form (`typedLocalOp`), and when an instruction
 * completes a fused sequence, the opcode word of the sequence's first instruction is rewritten
 * (`fuse...`, called with the code indices of the instructions written before it, -1 for none,
 * before its own opcode word is written). An instruction's specialized form depends on it and on the
 * instructions after it only, so it is final once those are written; the result is the same as one
 * walk over the finished code choosing each opcode from the two generic instructions that follow it
 * (the format in compiled.ts).
 *
 * Only a local.get can be the first instruction of a body: local.set, local.tee, i32.add and br_if
 * pop operands, which instructions written before them pushed, so their `prevPc` (and an i32.add's
 * `prev2Pc` below an i32.const) is a code index. (Were it -1, `get` would find no word there and
 * nothing would be rewritten.)
 */

/** The opcode of local.get, local.set or local.tee (`op`) of a local of value type `t`. */
export function typedLocalOp(op: number, t: number): number {
  const w = localWords(t);
  if (w === 4) return op;
  switch (op) {
    case LOCAL_GET: return w === 1 ? Fast.LOCAL_GET_1 : Fast.LOCAL_GET_2;
    case LOCAL_SET: return w === 1 ? Fast.LOCAL_SET_1 : Fast.LOCAL_SET_2;
    default: return w === 1 ? Fast.LOCAL_TEE_1 : Fast.LOCAL_TEE_2;
  }
}

/** Before a 1-word local.get: `local.get a; local.get b`, both 1-word. */
export function fuseLocalGet(code: Words, prevPc: number): void {
  if (prevPc >= 0 && code.get(prevPc) === Fast.LOCAL_GET_1) code.set(prevPc, Fast.GET_GET_1);
}

/** Before a local.set or local.tee (`op`, generic): `i32.add; local.set/tee`. */
export function fuseLocalSet(code: Words, prevPc: number, op: number): void {
  if (code.get(prevPc) === I32_ADD) code.set(prevPc, op === LOCAL_SET ? Fast.ADD_SET : Fast.ADD_TEE);
}

/**
 * Before an i32.add: `local.get a; i32.const c; i32.add`. The add's operands are i32 (validated), so
 * local a is an i32 whenever its local.get took the 1-word form.
 */
export function fuseI32Add(code: Words, prevPc: number, prev2Pc: number): void {
  if (code.get(prevPc) === I32_CONST && code.get(prev2Pc) === Fast.LOCAL_GET_1) code.set(prev2Pc, Fast.ADD_LOCAL_CONST);
}

/** Before a br_if: an i32 test or comparison, then `br_if`. */
export function fuseBrIf(code: Words, prevPc: number): void {
  const prev = code.get(prevPc);
  if (isFusableI32Test(prev)) code.set(prevPc, Fast.CMP_BR_IF + prev - I32_EQZ);
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
