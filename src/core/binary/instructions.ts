/**
 * Instruction decoding (WebAssembly Core Specification 2.0, section 5.4): turns the bytes of an
 * expression into a flat list of `Instr`, driven by the immediate kinds of the one opcode table.
 *
 * The same loop serves two purposes: checking an expression without allocating anything (`out` null;
 * the module decoder checks every function body this way) and materializing its instructions. The
 * validator reads checked function bodies a third way, one instruction at a time into a reused
 * `InstrCursor` (`next`), so compiling a body allocates nothing per instruction either.
 *
 * Block structure is tracked with an explicit stack (no recursion, so deep nesting cannot overflow the
 * JS stack): `else` is only accepted directly inside an `if` that has not had one, and an expression
 * ends with the `end` that closes its outermost level ("END opcode expected" otherwise, as in the
 * reference decoder).
 */

import type { Instr, ValType } from './module.js';
import { OP_TABLE_SIZE, OPS, PREFIX_FC, PREFIX_FD } from './opcodes.js';
import type { ImmKind } from './opcodes.js';
import { Reader } from './reader.js';
import { readRefType, readValType } from './types.js';

/** The common shape of decoded instructions (one hidden class for the common case). */
class PlainInstr implements Instr {
  constructor(
    readonly op: number,
    readonly offset: number,
    readonly a: number,
    readonly b: number,
    readonly c: number,
  ) {}
}

// Immediate decoding classes, as small integers for a dense switch (0 = unassigned opcode).
const K_NONE = 1;
const K_END = 2;
const K_ELSE = 3;
const K_BLOCK = 4;
const K_U32 = 5; // label, func, local, global, table, elem
const K_DATA = 6;
const K_BR_TABLE = 7;
const K_U32_U32 = 8; // call_indirect, table.init, table.copy
const K_MEMARG = 9;
const K_MEMARG_LANE = 10;
const K_MEMORY = 11;
const K_MEMORY_INIT = 12;
const K_MEMORY_COPY = 13;
const K_I32 = 14;
const K_I64 = 15;
const K_F32 = 16;
const K_F64 = 17;
const K_BYTES16 = 18; // v128.const, i8x16.shuffle
const K_LANE = 19;
const K_SELECT_T = 20;
const K_REFTYPE = 21;

function immClass(imm: ImmKind): number {
  switch (imm) {
    case 'none': return K_NONE;
    case 'blocktype': return K_BLOCK;
    case 'label': case 'func': case 'local': case 'global': case 'table': case 'elem': return K_U32;
    case 'data': return K_DATA;
    case 'br_table': return K_BR_TABLE;
    case 'call_indirect': case 'table_init': case 'table_copy': return K_U32_U32;
    case 'memarg': return K_MEMARG;
    case 'memarg_lane': return K_MEMARG_LANE;
    case 'memory': return K_MEMORY;
    case 'memory_init': return K_MEMORY_INIT;
    case 'memory_copy': return K_MEMORY_COPY;
    case 'i32': return K_I32;
    case 'i64': return K_I64;
    case 'f32': return K_F32;
    case 'f64': return K_F64;
    case 'v128': case 'shuffle': return K_BYTES16;
    case 'lane': return K_LANE;
    case 'select_t': return K_SELECT_T;
    case 'reftype': return K_REFTYPE;
  }
}

/** Immediate class of every normalized opcode (0 for unassigned ones, reported as "illegal opcode"). */
const IMM_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(OP_TABLE_SIZE);
  for (const o of OPS) t[o.op] = immClass(o.imm);
  t[0x0b] = K_END;
  t[0x05] = K_ELSE;
  return t;
})();

/**
 * One decoded instruction, overwritten by each read (no allocation per instruction): the fields of
 * `Instr`, with two differences. An `i64.const` has its value as two signed 32-bit words in `a` (low)
 * and `b` (high) instead of a bigint; `targets` (br_table, without the default, which is `a`) and
 * `types` (select with types) are reused arrays whose first `count` entries are valid, and `bytes`
 * (v128.const, i8x16.shuffle) is a reused buffer. `complete` is false only for a hand-built `Instr`
 * that lacks the immediate its opcode needs (`load`).
 */
export class InstrCursor {
  op = 0;
  offset = 0;
  a = 0;
  b = 0;
  c = 0;
  count = 0;
  readonly targets: number[] = [];
  readonly types: ValType[] = [];
  bytes: Uint8Array | null = null;
  complete = true;
  /** The buffer `bytes` points to after a decoder read. */
  readonly bytes16 = new Uint8Array(16);

  /** Copies a materialized instruction in (modules built by hand, e.g. in tests). */
  load(instr: Instr): void {
    this.op = instr.op;
    this.offset = instr.offset;
    this.a = instr.a;
    this.b = instr.b;
    this.c = instr.c;
    this.complete = true;
    this.bytes = instr.bytes ?? null;
    const list = instr.targets ?? instr.types;
    this.count = list === undefined ? 0 : list.length;
    if (instr.targets !== undefined) for (let i = 0; i < this.count; i++) this.targets[i] = instr.targets[i]!;
    if (instr.types !== undefined) for (let i = 0; i < this.count; i++) this.types[i] = instr.types[i]!;
    if (IMM_CLASS[instr.op] === K_I64) {
      const v = instr.big;
      this.complete = v !== undefined;
      this.a = v === undefined ? 0 : Number(BigInt.asIntN(32, v));
      this.b = v === undefined ? 0 : Number(BigInt.asIntN(32, v >> 32n));
    }
  }

  /** A materialized copy. */
  toInstr(): Instr {
    const { op, offset, a, b, c } = this;
    switch (IMM_CLASS[op]) {
      case K_BR_TABLE:
        return { op, offset, a, b, c, targets: this.targets.slice(0, this.count) };
      case K_SELECT_T:
        return { op, offset, a, b, c, types: this.types.slice(0, this.count) };
      case K_I64:
        return { op, offset, a: 0, b: 0, c, big: (BigInt(b) << 32n) | BigInt(a >>> 0) };
      case K_BYTES16:
        return { op, offset, a, b, c, bytes: this.bytes!.slice() };
      default:
        return new PlainInstr(op, offset, a, b, c);
    }
  }
}

/** Per-module scratch state shared by all expressions. */
export class ExprDecoder {
  /** Block stack: 1 = `if` still before its `else`, 0 = any other open block. */
  private stack = new Uint8Array(64);
  /** Set when a decoded instruction refers to a data segment (memory.init, data.drop). */
  usesDataIndex = false;
  private readonly cursor = new InstrCursor();

  /**
   * @param dataIndexAllowed false to reject memory.init and data.drop at once ("data count section
   *   required"), for bodies read after the module is known to have no data count section
   */
  constructor(private readonly r: Reader, private readonly dataIndexAllowed = true) {}

  /**
   * Decodes instructions up to and including the `end` that closes the expression.
   * @param out receives the instructions, or null to only check them (no allocation)
   * @param keepEnd whether the final `end` is appended (function bodies) or not (constant expressions)
   */
  decodeExpr(out: Instr[] | null, keepEnd: boolean): void {
    const d = this.cursor;
    let depth = 0;
    for (;;) {
      this.next(d);
      const op = d.op;
      switch (IMM_CLASS[op]) {
        case K_END:
          if (depth === 0) {
            if (keepEnd && out !== null) out.push(d.toInstr());
            return;
          }
          depth--;
          break;
        case K_ELSE:
          if (depth === 0 || this.stack[depth - 1] !== 1) this.r.fail('END opcode expected', d.offset);
          this.stack[depth - 1] = 0;
          break;
        case K_BLOCK:
          if (depth === this.stack.length) this.growStack();
          this.stack[depth++] = op === 0x04 ? 1 : 0;
          break;
        default:
          break;
      }
      if (out !== null) out.push(d.toInstr());
    }
  }

  /**
   * Decodes the next instruction into `d`. Checks its opcode and immediates; the block structure is
   * `decodeExpr`'s job, so read with `next` alone only bytes that `decodeExpr` accepted.
   */
  next(d: InstrCursor): void {
    const r: Reader = this.r;
    const offset = r.pos;
    let op = r.u8();
    if (op === PREFIX_FC || op === PREFIX_FD) {
      const sub = r.u32();
      if (sub > 0xff) r.fail('illegal opcode', offset);
      op = (op === PREFIX_FC ? 0x100 : 0x200) + sub;
    }
    let a = 0;
    let b = 0;
    let c = 0;
    switch (IMM_CLASS[op]) {
      case K_NONE:
      case K_END:
      case K_ELSE:
        break;
      case K_BLOCK:
        a = this.blockType();
        break;
      case K_U32:
        a = r.u32();
        break;
      case K_DATA:
        this.dataIndex(offset);
        a = r.u32();
        break;
      case K_BR_TABLE: {
        const n = r.len();
        const targets = d.targets;
        for (let i = 0; i < n; i++) targets[i] = r.u32();
        d.count = n;
        a = r.u32();
        break;
      }
      case K_U32_U32:
        a = r.u32();
        b = r.u32();
        break;
      case K_MEMARG:
        a = this.alignment();
        b = r.u32();
        break;
      case K_MEMARG_LANE:
        a = this.alignment();
        b = r.u32();
        c = r.u8();
        break;
      case K_MEMORY:
        r.zeroByte();
        break;
      case K_MEMORY_INIT:
        this.dataIndex(offset);
        a = r.u32();
        r.zeroByte();
        break;
      case K_MEMORY_COPY:
        r.zeroByte();
        r.zeroByte();
        break;
      case K_I32:
        a = r.s32();
        break;
      case K_I64:
        r.s64Bits();
        a = r.lo;
        b = r.hi;
        break;
      case K_F32:
        a = r.fixed32();
        break;
      case K_F64:
        a = r.fixed32();
        b = r.fixed32();
        break;
      case K_BYTES16: {
        const bytes = d.bytes16;
        for (let i = 0; i < 16; i++) bytes[i] = r.u8();
        d.bytes = bytes;
        break;
      }
      case K_LANE:
        a = r.u8();
        break;
      case K_SELECT_T: {
        const n = r.len();
        const types = d.types;
        for (let i = 0; i < n; i++) types[i] = readValType(r);
        d.count = n;
        break;
      }
      case K_REFTYPE:
        a = readRefType(r);
        break;
      default:
        r.fail('illegal opcode', offset);
    }
    d.op = op;
    d.offset = offset;
    d.a = a;
    d.b = b;
    d.c = c;
    d.complete = true;
  }

  /** Notes an instruction with a data index (at `offset`), which needs a data count section. */
  private dataIndex(offset: number): void {
    if (!this.dataIndexAllowed) this.r.fail('data count section required', offset);
    this.usesDataIndex = true;
  }

  private growStack(): void {
    const bigger = new Uint8Array(this.stack.length * 2);
    bigger.set(this.stack);
    this.stack = bigger;
  }

  /** blocktype ::= 0x40 | valtype | s33 type index (>= 0). */
  private blockType(): number {
    const r: Reader = this.r;
    const at = r.pos;
    const b = r.peek();
    if (b === 0x40) {
      r.pos++;
      return -64;
    }
    if (b >= 0 && (b & 0xc0) === 0x40) {
      // A single-byte negative s33: must be a value type; keep its s33 value (byte - 0x80).
      return readValType(r) - 0x80;
    }
    const x = r.s33();
    if (x < 0) r.fail('malformed block type', at);
    return x;
  }

  /** The alignment of memarg ::= align:u32 offset:u32; an exponent of 32 or more is malformed. */
  private alignment(): number {
    const r: Reader = this.r;
    const at = r.pos;
    const align = r.u32();
    if (align >= 32) r.fail('malformed memop flags', at);
    return align;
  }
}
