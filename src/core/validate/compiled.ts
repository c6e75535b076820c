/**
 * The validator's output: a validated module whose function bodies are compiled into flat code arrays
 * plus a side table that the interpreter trusts for every jump (the Wizard engine's idea).
 *
 * Code format: `code` is a sequence of words `op, imm...`. `op` is the normalized opcode of
 * `binary/opcodes.ts` (byte, `0x100 + n` for `0xFC n`, `0x200 + n` for `0xFD n`); immediates follow in
 * the order below. Structured control is compiled away:
 * - `block`, `loop`, `nop` and non-final `end` emit nothing.
 * - `if`      -> `IF side`      : pops the condition; when it is zero, jumps through side entry `side`
 *                                 (to the first instruction of the else arm, or past the end).
 * - `else`    -> `BR side`      : the end of the then arm jumps past the end of the if.
 * - `br l`    -> `BR side`; `br_if l` -> `BR_IF side` (pops the condition first);
 *   `br_table` -> `BR_TABLE n side_0 ... side_n` (n = number of labels without the default; the default
 *   entry is last; pops the index first).
 * - `return` and the function's final `end` -> `RETURN height`: `height` is the stack height (see
 *   below) the validator computed at that point; the top `numResults` values are the results.
 * - `call f` -> `CALL f`; `call_indirect t tab` -> `CALL_INDIRECT t tab`.
 * - `local.get/set/tee i`, `global.get/set g`, `table.get/set t` -> `op i`.
 * - every load/store -> `op offset` (offset as int32; read it back with `>>> 0`), SIMD lane
 *   loads/stores -> `op offset lane`; `memory.size`/`memory.grow` -> `op`.
 * - `i32.const` -> `op value`; `i64.const` -> `op lo hi`; `f32.const` -> `op bits`;
 *   `f64.const` -> `op lo hi`; `v128.const` and `i8x16.shuffle` -> `op w0 w1 w2 w3` (the 16 bytes as
 *   four little-endian int32 words); `extract_lane`/`replace_lane` -> `op lane`.
 * - `ref.null` -> `op`; `ref.is_null` -> `op`; `ref.func f` -> `op f`.
 * - `select` (both forms) -> `SELECT`.
 * - `memory.init d` -> `op d`; `data.drop d` -> `op d`; `memory.copy`, `memory.fill` -> `op`;
 *   `table.init e t` -> `op e t`; `elem.drop e` -> `op e`; `table.copy dst src` -> `op dst src`;
 *   `table.grow/size/fill t` -> `op t`.
 * - every other instruction -> `op` alone.
 *
 * Specialization (validate/specialize.ts, applied to every compiled body as it is written): opcode
 * words are overwritten IN PLACE by internal opcodes (`Fast` below, 0x120..0x13a) that do the same work
 * faster. Only opcode words change: every immediate, every instruction boundary and so every side
 * entry and label stays where it was, and `genericCode` (specialize.ts) maps the code back to the
 * format above word for word. Two kinds:
 * - typed local access: `local.get/set/tee i` of a 1-word type (i32, f32, funcref, externref) or a
 *   2-word type (i64, f64) moves only those words; v128 keeps the generic 4-word opcode;
 * - fused sequences: the opcode word of the FIRST instruction of a straight-line sequence becomes
 *   one op that executes the whole sequence, reads the later instructions' immediates where they
 *   are, and continues after the sequence. The later instructions keep their own opcodes, so a jump
 *   into the middle of a sequence still runs correct code. A fused op costs one unit of fuel per
 *   instruction it stands for; with less fuel left than that it executes only its first instruction.
 *
 * Stack heights: the frame's value slots are numbered from the frame base; locals (parameters first)
 * occupy slots `0 .. numLocals-1`, operands start at `numLocals`. "Height" is the number of occupied
 * slots counted from the frame base, locals included. Every value, v128 included, takes one slot.
 */

import type { FuncType, Module, ValType } from '../binary/module.js';

/** Internal opcodes that have no WebAssembly opcode of their own (outside the normalized range). */
export const Op = {
  IF: 0x04,
  BR: 0x0c,
  BR_IF: 0x0d,
  BR_TABLE: 0x0e,
  RETURN: 0x0f,
  CALL: 0x10,
  CALL_INDIRECT: 0x11,
  SELECT: 0x1b,
} as const;

/**
 * Internal opcodes written by specialize.ts (see "Specialization" above). They live in the unused
 * part of the `0xFC` range (2.0 defines `0xFC n` only for n <= 0x11, and the decoder rejects the
 * rest), so the interpreter's `switch` keeps a small spread of case values and stays one jump table
 * (V8 builds one only while the case range is below about 3x the number of cases). `CMP_BR_IF` is a
 * base to which `op - 0x45` of the i32 test or comparison (eqz .. ge_u) is added.
 */
export const Fast = {
  /** `local.get/set/tee i` of a 1-word (i32, f32, reference) or 2-word (i64, f64) local. */
  LOCAL_GET_1: 0x120,
  LOCAL_GET_2: 0x121,
  LOCAL_SET_1: 0x122,
  LOCAL_SET_2: 0x123,
  LOCAL_TEE_1: 0x124,
  LOCAL_TEE_2: 0x125,
  /** `local.get a; local.get b`, both 1-word: words `op a LG b`. */
  GET_GET_1: 0x126,
  /** `local.get a; i32.const c; i32.add` (a of type i32): words `op a CONST c ADD`. */
  ADD_LOCAL_CONST: 0x127,
  /** `i32.add; local.tee a`: words `op TEE a`. */
  ADD_TEE: 0x128,
  /** `i32.add; local.set a`: words `op SET a`. */
  ADD_SET: 0x129,
  /** `OP; br_if` for an i32 test or comparison OP (0x45..0x4f): words `(CMP_BR_IF+OP-0x45) BR_IF side`. */
  CMP_BR_IF: 0x130,
  /** One past the last internal opcode. */
  END: 0x13b,
} as const;

/** Words per side-table entry. */
export const SIDE_ENTRY_SIZE = 4;

/**
 * Side-table entry layout, at `side[entry * SIDE_ENTRY_SIZE + field]`:
 * - TARGET: code index to continue at (a label boundary recorded in `labels`);
 * - ARITY: number of values the branch carries to the label;
 * - RESTORE: stack height of the label's base; the carried values are moved to slots
 *   `RESTORE .. RESTORE+ARITY-1` and the height becomes `RESTORE + ARITY`;
 * - HEIGHT: the stack height when the branch is taken (after popping its condition or index);
 *   the interpreter checks it (CFI) before jumping.
 * The interpreter also checks, before every jump, that TARGET is a recorded label (`labels`) and that
 * `RESTORE + ARITY` equals the height recorded for that label (`labelHeights`), so a changed ARITY
 * or RESTORE, or a TARGET moved onto a label of another height, is a `CfiViolation`.
 */
export const Side = { TARGET: 0, ARITY: 1, RESTORE: 2, HEIGHT: 3 } as const;

/** A validated function compiled to flat code with its branch side table (format at the top of this file). */
export interface CompiledFunction {
  /** Index of this function in the module's function index space (imports first). */
  readonly funcIndex: number;
  readonly typeIndex: number;
  readonly type: FuncType;
  /** Parameters plus declared locals. */
  readonly numLocals: number;
  /** One byte per local: 1 when the local holds a reference (initialized to null), else 0. */
  readonly localIsRef: Uint8Array;
  readonly code: Int32Array;
  readonly side: Int32Array;
  /** `labels[i] === 1` when code index `i` is a branch target recorded by the validator. */
  readonly labels: Uint8Array;
  /**
   * Same length as `code`: for a label (`labels[i] === 1`), the stack height a branch to code index
   * `i` must produce, i.e. `RESTORE + ARITY` of every reachable side entry targeting `i` (validation
   * fixes the height at a reachable code position, so they all agree); -1 where there is no label.
   * Entries of frames entered from unreachable code (never executed) may give another height at an
   * index shared with a reachable label; they set it only where no reachable entry does. Computed
   * from the side table when it is built and kept separately, so a later change of an entry no
   * longer matches it.
   */
  readonly labelHeights: Int32Array;
  /** The largest stack height the body can reach (locals included). */
  readonly maxHeight: number;
}

/** A module that passed validation. Only `validate()` creates one. */
export interface ValidatedModule {
  readonly module: Module;
  /** All function types of the index space: imported functions first, then defined ones. */
  readonly funcTypes: readonly FuncType[];
  /** Compiled bodies of the defined functions, in definition order. */
  readonly functions: readonly CompiledFunction[];
  /** Global value types in the global index space (imports first). */
  readonly globalTypes: readonly { readonly valType: ValType; readonly mutable: boolean }[];
}
