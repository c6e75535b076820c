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
 */
export const Side = { TARGET: 0, ARITY: 1, RESTORE: 2, HEIGHT: 3 } as const;

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
