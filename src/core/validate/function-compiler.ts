/**
 * Validates one function body (spec 2.0, section 3.3, following the validation algorithm of the
 * appendix) and, in the same single pass, compiles it into the flat code + side table format of
 * `compiled.ts`.
 *
 * Type stack: value-type bytes in a Uint8Array; `UNKNOWN` (0) is the bottom type that pops produce
 * in the polymorphic stack after `unreachable`, `br`, `br_table` and `return`.
 * Control stack: a pool of reusable `Frame` objects, so a body allocates nothing per instruction
 * beyond amortized array growth.
 *
 * Forward branches (to a block or if label) cannot know their target until the label's `end`: their
 * side entries are chained through their TARGET words (a linked list headed by `Frame.patchHead`)
 * and patched when the end is reached. Loop labels are backward targets and known immediately.
 */

import { InstrCursor } from '../binary/instructions.js';
import type { FuncType, ValType } from '../binary/module.js';
import { isRefType, ValType as VT } from '../binary/module.js';
import { Opc } from '../binary/opcodes.js';
import { ValidationError } from '../errors.js';
import { Fast, Op, SIDE_ENTRY_SIZE, Side, type CompiledFunction } from './compiled.js';
import type { ModuleContext } from './context.js';
import { Slab, WordWriter } from './code-writer.js';
import { FIXED_TYPED, Imm } from './fixed-typed.js';
import { Reason, unknownIndex } from './reasons.js';
import { fuseBrIf, fuseI32Add, fuseLocalGet, fuseLocalSet, I32_ADD, typedLocalOp } from './specialize.js';

/** The bottom type of the polymorphic stack: matches every expected type. */
const UNKNOWN = 0;

/**
 * Implementation limit on the locals of one function (parameters included), as the spec's appendix
 * on implementation limitations allows; the same bound as V8's. It keeps a few bytes of input from
 * making the validator allocate gigabytes.
 */
export const MAX_FUNCTION_LOCALS = 50_000;

/** Control frame kinds. */
const BLOCK = 0;
const LOOP = 1;
const IF = 2;
const ELSE = 3;
const FUNC = 4;

const EMPTY: readonly ValType[] = Object.freeze([]);
const EMPTY_FUNC: FuncType = Object.freeze({ params: EMPTY, results: EMPTY });

/** The block types [] -> [t] of the single-value block types, shared by all blocks. */
const SINGLE: ReadonlyMap<number, FuncType> = new Map(
  [VT.i32, VT.i64, VT.f32, VT.f64, VT.v128, VT.funcref, VT.externref].map((t) => [
    t,
    Object.freeze({ params: EMPTY, results: Object.freeze([t]) }),
  ]),
);

/** True for the value types `select` without a type immediate accepts (numbers and vectors). */
function isNumOrVec(t: number): boolean {
  return t === VT.i32 || t === VT.i64 || t === VT.f32 || t === VT.f64 || t === VT.v128;
}

class Frame {
  kind = BLOCK;
  params: readonly ValType[] = EMPTY;
  results: readonly ValType[] = EMPTY;
  /** Operand count (locals excluded) below the block's parameters. */
  height = 0;
  unreachable = false;
  /**
   * True when the frame was entered from unreachable code (its enclosing frame unreachable or itself
   * dead): no execution reaches it, and the heights the polymorphic stack gave it need not match the
   * code position's real height, so its label does not define `labelHeights`.
   */
  dead = false;
  /** First side entry of the chain of forward branches to this label, or -1. */
  patchHead = -1;
  /** The side entry of this `if`'s false branch, patched at `else` or `end`; -1 otherwise. */
  ifSide = -1;
  /** For loops: code index of the loop's first instruction (its label). */
  loopTarget = 0;
}

/** Compiles the function bodies of one module, reusing its buffers from one function to the next. */
export class FunctionCompiler {
  private readonly code = new WordWriter(1024);
  private readonly side = new WordWriter(256);
  /** One word per side entry: 1 when its target frame is dead (see `Frame.dead`). */
  private readonly sideDead = new WordWriter(64);
  private vals = new Uint8Array(256);
  private sp = 0;
  private maxSp = 0;
  private readonly frames: Frame[] = [];
  /** Where the compiled arrays of this module's functions are carved from. */
  private readonly slab = new Slab();
  /** Scratch of `labelHeights`: 1 where a live side entry defined the height. */
  private fromLive = new Uint8Array(256);
  /** The instruction being compiled (reused for every instruction). */
  private readonly cursor = new InstrCursor();
  /** Code indices of the opcode words of the last two instructions written (-1: none), for fusion (specialize.ts). */
  private lastPc = -1;
  private prevPc = -1;
  private depth = 0;
  /** The innermost frame (valid while depth > 0). */
  private cur: Frame = new Frame();
  private localTypes = new Uint8Array(64);
  private numLocals = 0;
  private results: readonly ValType[] = EMPTY;
  // Error location.
  private funcIndex = -1;
  private instrIndex = -1;
  private instrOffset = -1;

  constructor(private readonly ctx: ModuleContext) {}

  /** Validates and compiles defined function `defIndex` (0 = the first non-imported function). */
  compile(defIndex: number): CompiledFunction {
    const ctx = this.ctx;
    const funcIndex = ctx.numImportedFuncs + defIndex;
    const type = ctx.funcTypes[funcIndex]!;
    const typeIndex = ctx.funcTypeIndices[funcIndex]!;
    const body = ctx.module.codes[defIndex]!;
    this.funcIndex = funcIndex;
    this.instrIndex = -1;
    this.instrOffset = body.offset;

    // Locals: parameters first, then the declared runs.
    let numLocals = type.params.length;
    for (const run of body.locals) {
      numLocals += run.count;
      if (numLocals > MAX_FUNCTION_LOCALS) this.fail(Reason.tooManyLocals);
    }
    if (numLocals > MAX_FUNCTION_LOCALS) this.fail(Reason.tooManyLocals);
    if (this.localTypes.length < numLocals) this.localTypes = new Uint8Array(Math.max(numLocals, this.localTypes.length * 2));
    const localTypes = this.localTypes;
    const localIsRef = this.slab.uint8(numLocals);
    let k = 0;
    for (const t of type.params) localTypes[k++] = t;
    for (const run of body.locals) localTypes.fill(run.type, k, (k += run.count));
    for (let i = 0; i < numLocals; i++) localIsRef[i] = isRefType(localTypes[i]!) ? 1 : 0;
    this.numLocals = numLocals;
    this.results = type.results;

    this.code.reset();
    this.side.reset();
    this.sideDead.reset();
    this.sp = 0;
    this.maxSp = 0;
    this.depth = 0;
    this.lastPc = this.prevPc = -1;
    this.pushFrame(FUNC, EMPTY, type.results);

    const d = this.cursor;
    if (body.stream !== undefined) {
      // Decoded bodies: straight from the bytes, nothing allocated per instruction.
      const stream = body.stream();
      for (let i = 0; stream.next(d); i++) this.stepAt(i, d);
    } else {
      const instrs = body.body;
      for (let i = 0; i < instrs.length; i++) {
        d.load(instrs[i]!);
        this.stepAt(i, d);
      }
    }
    if (this.depth !== 0) this.fail(Reason.unbalancedEnd); // missing final `end`

    const code = this.code.copyTo(this.slab);
    const side = this.side.copyTo(this.slab);
    const labels = this.slab.uint8(code.length);
    const labelHeights = this.labelHeights(side, code.length);
    for (let e = 0; e < side.length; e += SIDE_ENTRY_SIZE) labels[side[e + Side.TARGET]!] = 1;
    return {
      funcIndex,
      typeIndex,
      type,
      numLocals,
      localIsRef,
      code,
      side,
      labels,
      labelHeights,
      maxHeight: numLocals + this.maxSp,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // One instruction

  /** Instruction number `i` of the body (for error locations), then `step`. */
  private stepAt(i: number, instr: InstrCursor): void {
    this.instrIndex = i;
    this.instrOffset = instr.offset;
    if (this.depth === 0) this.fail(Reason.unbalancedEnd); // instructions after the final `end`
    this.step(instr);
  }

  private step(instr: InstrCursor): void {
    const op = instr.op;
    const code = this.code;
    switch (op) {
      case Opc.unreachable:
        this.emit(op);
        this.setUnreachable();
        return;
      case Opc.nop:
        return;
      case Opc.block:
      case Opc.loop: {
        const ft = this.blockType(instr.a);
        this.popVals(ft.params);
        this.pushFrame(op === Opc.block ? BLOCK : LOOP, ft.params, ft.results);
        return;
      }
      case Opc.if: {
        const ft = this.blockType(instr.a);
        this.popExpect(VT.i32);
        const height = this.numLocals + this.sp;
        this.popVals(ft.params);
        const frame = this.pushFrame(IF, ft.params, ft.results);
        this.emit(Op.IF);
        frame.ifSide = this.addSide(frame, -1, ft.params.length, this.numLocals + frame.height, height);
        code.push(frame.ifSide);
        return;
      }
      case Opc.else: {
        const frame = this.cur;
        if (frame.kind !== IF) this.fail(Reason.elseWithoutIf);
        const height = this.numLocals + this.sp;
        this.checkFrameEnd(frame);
        this.emit(Op.BR);
        code.push(this.addForwardBranch(frame, height));
        this.side.set(frame.ifSide * SIDE_ENTRY_SIZE + Side.TARGET, code.length);
        frame.ifSide = -1;
        frame.kind = ELSE;
        frame.unreachable = false;
        this.pushVals(frame.params);
        return;
      }
      case Opc.end:
        this.end();
        return;
      case Opc.br: {
        const frame = this.label(instr.a);
        const height = this.numLocals + this.sp;
        this.popVals(frame.kind === LOOP ? frame.params : frame.results);
        this.emit(Op.BR);
        code.push(this.addBranch(frame, height));
        this.setUnreachable();
        return;
      }
      case Opc.br_if: {
        this.popExpect(VT.i32);
        const frame = this.label(instr.a);
        const height = this.numLocals + this.sp;
        const types = frame.kind === LOOP ? frame.params : frame.results;
        this.popVals(types);
        this.pushVals(types);
        fuseBrIf(code, this.lastPc);
        this.emit(Op.BR_IF);
        code.push(this.addBranch(frame, height));
        return;
      }
      case Opc.br_table:
        this.brTable(instr);
        return;
      case Opc.return: {
        const height = this.numLocals + this.sp;
        this.popVals(this.results);
        this.emit(Op.RETURN);
        code.push(height);
        this.setUnreachable();
        return;
      }
      case Opc.call: {
        const ft = this.ctx.funcTypes[instr.a];
        if (ft === undefined) this.fail(unknownIndex(Reason.unknownFunction, instr.a));
        this.popVals(ft.params);
        this.pushVals(ft.results);
        this.emit(Op.CALL);
        code.push(instr.a);
        return;
      }
      case Opc.call_indirect: {
        const table = this.ctx.tables[instr.b];
        if (table === undefined) this.fail(unknownIndex(Reason.unknownTable, instr.b));
        const ft = this.ctx.module.types[instr.a];
        if (ft === undefined) this.fail(unknownIndex(Reason.unknownType, instr.a));
        if (table.elemType !== VT.funcref) this.fail(Reason.typeMismatch);
        this.popExpect(VT.i32);
        this.popVals(ft.params);
        this.pushVals(ft.results);
        this.emit(Op.CALL_INDIRECT);
        code.push(instr.a);
        code.push(instr.b);
        return;
      }
      case Opc.drop:
        this.popAny();
        this.emit(op);
        return;
      case Opc.select: {
        this.popExpect(VT.i32);
        const t1 = this.popAny();
        const t2 = this.popAny();
        if (t1 !== UNKNOWN && !isNumOrVec(t1)) this.fail(Reason.typeMismatch);
        if (t2 !== UNKNOWN && !isNumOrVec(t2)) this.fail(Reason.typeMismatch);
        if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) this.fail(Reason.typeMismatch);
        this.push(t1 === UNKNOWN ? t2 : t1);
        this.emit(Op.SELECT);
        return;
      }
      case Opc.select_t: {
        if (instr.count !== 1) this.fail(Reason.resultArity);
        const t = instr.types[0]!;
        this.popExpect(VT.i32);
        this.popExpect(t);
        this.popExpect(t);
        this.push(t);
        this.emit(Op.SELECT);
        return;
      }
      case Opc.local_get: {
        const t = this.local(instr.a);
        this.push(t);
        const typed = typedLocalOp(op, t);
        if (typed === Fast.LOCAL_GET_1) fuseLocalGet(code, this.lastPc);
        this.emit(typed);
        code.push(instr.a);
        return;
      }
      case Opc.local_set:
      case Opc.local_tee: {
        const t = this.local(instr.a);
        this.popExpect(t);
        if (op === Opc.local_tee) this.push(t);
        fuseLocalSet(code, this.lastPc, op);
        this.emit(typedLocalOp(op, t));
        code.push(instr.a);
        return;
      }
      case Opc.global_get: {
        const g = this.ctx.globals[instr.a];
        if (g === undefined) this.fail(unknownIndex(Reason.unknownGlobal, instr.a));
        this.push(g.valType);
        this.emit(op);
        code.push(instr.a);
        return;
      }
      case Opc.global_set: {
        const g = this.ctx.globals[instr.a];
        if (g === undefined) this.fail(unknownIndex(Reason.unknownGlobal, instr.a));
        if (!g.mutable) this.fail(Reason.globalImmutable);
        this.popExpect(g.valType);
        this.emit(op);
        code.push(instr.a);
        return;
      }
      case Opc.table_get: {
        const t = this.table(instr.a);
        this.popExpect(VT.i32);
        this.push(t);
        this.emit(op);
        code.push(instr.a);
        return;
      }
      case Opc.table_set: {
        const t = this.table(instr.a);
        this.popExpect(t);
        this.popExpect(VT.i32);
        this.emit(op);
        code.push(instr.a);
        return;
      }
      case Opc.table_grow: {
        const t = this.table(instr.a);
        this.popExpect(VT.i32);
        this.popExpect(t);
        this.push(VT.i32);
        this.emit(op);
        code.push(instr.a);
        return;
      }
      case Opc.table_fill: {
        const t = this.table(instr.a);
        this.popExpect(VT.i32);
        this.popExpect(t);
        this.popExpect(VT.i32);
        this.emit(op);
        code.push(instr.a);
        return;
      }
      case Opc.ref_null:
        if (!isRefType(instr.a)) this.fail(Reason.typeMismatch);
        this.push(instr.a);
        this.emit(op);
        return;
      case Opc.ref_is_null: {
        const t = this.popAny();
        if (t !== UNKNOWN && !isRefType(t)) this.fail(Reason.typeMismatch);
        this.push(VT.i32);
        this.emit(op);
        return;
      }
      case Opc.ref_func: {
        const f = instr.a;
        if (f >= this.ctx.funcTypes.length) this.fail(unknownIndex(Reason.unknownFunction, f));
        if (this.ctx.declared[f] !== 1) this.fail(Reason.undeclaredRef);
        this.push(VT.funcref);
        this.emit(op);
        code.push(f);
        return;
      }
      default:
        this.fixedTyped(instr);
        return;
    }
  }

  /** Instructions whose operand types come from the instruction table (`opInfo(op).sig`, as `FIXED_TYPED`). */
  private fixedTyped(instr: InstrCursor): void {
    const op = instr.op;
    const t = FIXED_TYPED;
    const at = t.sigAt[op] ?? -1; // undefined: not a normalized opcode (hand-built instructions)
    if (at < 0) this.fail(Reason.unknownOpcode);
    const imm = t.imm[op]!;
    const code = this.code;
    if (op === I32_ADD) fuseI32Add(code, this.lastPc, this.prevPc);
    this.emit(op);
    // One switch checks each immediate and writes its words. The immediates are checked before the
    // operand types, as the reference interpreter checks indices first; a failed check leaves the
    // written words behind, but then the whole function fails.
    switch (imm) {
      case Imm.memarg:
        this.memory(0);
        if (instr.a > t.align[op]!) this.fail(Reason.alignment);
        code.push(instr.b | 0);
        break;
      case Imm.memargLane:
        this.memory(0);
        if (instr.a > t.align[op]!) this.fail(Reason.alignment);
        if (instr.c >= t.lanes[op]!) this.fail(Reason.laneIndex);
        code.push(instr.b | 0);
        code.push(instr.c);
        break;
      case Imm.lane:
        if (instr.a >= t.lanes[op]!) this.fail(Reason.laneIndex);
        code.push(instr.a);
        break;
      case Imm.shuffle: {
        const bytes = instr.bytes;
        if (bytes === null || bytes.length !== 16) this.fail(Reason.laneIndex);
        for (let i = 0; i < 16; i++) if (bytes[i]! >= 32) this.fail(Reason.laneIndex);
        this.pushBytes16(bytes);
        break;
      }
      case Imm.v128:
        if (instr.bytes === null || instr.bytes.length !== 16) this.fail(Reason.missingImmediate);
        this.pushBytes16(instr.bytes);
        break;
      case Imm.i64:
        if (!instr.complete) this.fail(Reason.missingImmediate);
        code.push(instr.a); // low and high words, as the cursor holds them
        code.push(instr.b);
        break;
      case Imm.memory:
        this.memory(instr.a);
        break;
      case Imm.memoryInit:
        this.memory(instr.b);
        this.data(instr.a);
        code.push(instr.a);
        break;
      case Imm.data:
        this.data(instr.a);
        code.push(instr.a);
        break;
      case Imm.memoryCopy:
        this.memory(instr.a);
        this.memory(instr.b);
        break;
      case Imm.table:
        this.table(instr.a);
        code.push(instr.a);
        break;
      case Imm.elem:
        this.elem(instr.a);
        code.push(instr.a);
        break;
      case Imm.tableInit: {
        const tt = this.table(instr.b);
        const e = this.elem(instr.a);
        if (tt !== e) this.fail(Reason.typeMismatch);
        code.push(instr.a);
        code.push(instr.b);
        break;
      }
      case Imm.tableCopy: {
        const dst = this.table(instr.a);
        const src = this.table(instr.b);
        if (dst !== src) this.fail(Reason.typeMismatch);
        code.push(instr.a);
        code.push(instr.b);
        break;
      }
      case Imm.i32:
      case Imm.f32:
        code.push(instr.a);
        break;
      case Imm.f64:
        code.push(instr.a);
        code.push(instr.b);
        break;
      default: // none
        break;
    }
    const types = t.types;
    const results = at + t.nParams[op]!;
    for (let i = results - 1; i >= at; i--) this.popExpect(types[i]!);
    const end = results + t.nResults[op]!;
    for (let i = results; i < end; i++) this.push(types[i]!);
  }

  /** The 16 bytes of a v128.const or i8x16.shuffle as four little-endian words. */
  private pushBytes16(b: Uint8Array): void {
    for (let w = 0; w < 4; w++) {
      const i = w * 4;
      this.code.push(b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
    }
  }

  /** Starts an instruction: writes its opcode word. */
  private emit(op: number): void {
    this.prevPc = this.lastPc;
    this.lastPc = this.code.length;
    this.code.push(op);
  }

  // ---------------------------------------------------------------------------------------------
  // Control

  private end(): void {
    const frame = this.cur;
    this.checkFrameEnd(frame);
    if (frame.kind === IF && !sameTypes(frame.params, frame.results)) this.fail(Reason.typeMismatch);
    this.depth--;
    const target = this.code.length;
    this.patch(frame.patchHead, target);
    if (frame.ifSide >= 0) this.side.set(frame.ifSide * SIDE_ENTRY_SIZE + Side.TARGET, target);
    if (frame.kind === FUNC) {
      // The function's label: fallthrough and every branch to it arrive with exactly the results.
      this.emit(Op.RETURN);
      this.code.push(this.numLocals + frame.results.length);
      return;
    }
    this.cur = this.frames[this.depth - 1]!;
    this.pushVals(frame.results);
  }

  private brTable(instr: InstrCursor): void {
    const targets = instr.targets;
    const n = instr.count;
    this.popExpect(VT.i32);
    const height = this.numLocals + this.sp;
    const dflt = this.label(instr.a);
    const dfltTypes = dflt.kind === LOOP ? dflt.params : dflt.results;
    for (let i = 0; i < n; i++) {
      const frame = this.label(targets[i]!);
      const types = frame.kind === LOOP ? frame.params : frame.results;
      if (types.length !== dfltTypes.length) this.fail(Reason.typeMismatch);
      this.checkTopVals(types);
    }
    this.popVals(dfltTypes);
    const code = this.code;
    this.emit(Op.BR_TABLE);
    code.push(n);
    for (let i = 0; i < n; i++) code.push(this.addBranch(this.label(targets[i]!), height));
    code.push(this.addBranch(dflt, height));
    this.setUnreachable();
  }

  /** Resolves a block type immediate (see `Instr`) to its parameter and result types. */
  private blockType(a: number): FuncType {
    if (a === -64) return EMPTY_FUNC;
    if (a < 0) {
      const single = SINGLE.get(a & 0x7f);
      if (single === undefined) this.fail(Reason.typeMismatch);
      return single;
    }
    const ft = this.ctx.module.types[a];
    if (ft === undefined) this.fail(unknownIndex(Reason.unknownType, a));
    return ft;
  }

  private pushFrame(kind: number, params: readonly ValType[], results: readonly ValType[]): Frame {
    const dead = this.depth > 0 && (this.cur.unreachable || this.cur.dead);
    let frame = this.frames[this.depth];
    if (frame === undefined) {
      frame = new Frame();
      this.frames.push(frame);
    }
    frame.kind = kind;
    frame.params = params;
    frame.results = results;
    frame.height = this.sp;
    frame.unreachable = false;
    frame.dead = dead;
    frame.patchHead = -1;
    frame.ifSide = -1;
    frame.loopTarget = this.code.length;
    this.depth++;
    this.cur = frame;
    this.pushVals(params);
    return frame;
  }

  /** At `else`/`end`: the frame's results must be exactly what remains above its height. */
  private checkFrameEnd(frame: Frame): void {
    this.popVals(frame.results);
    if (this.sp !== frame.height) this.fail(Reason.typeMismatch);
  }

  private setUnreachable(): void {
    this.sp = this.cur.height;
    this.cur.unreachable = true;
  }

  /** The frame of label `l` (0 = innermost). */
  private label(l: number): Frame {
    if (!(l >= 0 && l < this.depth)) this.fail(unknownIndex(Reason.unknownLabel, l));
    return this.frames[this.depth - 1 - l]!;
  }

  // ---------------------------------------------------------------------------------------------
  // Side table

  private addSide(frame: Frame, target: number, arity: number, restore: number, height: number): number {
    this.sideDead.push(frame.dead ? 1 : 0);
    const side = this.side;
    const e = side.length / SIDE_ENTRY_SIZE;
    side.push(target);
    side.push(arity);
    side.push(restore);
    side.push(height);
    return e;
  }

  /**
   * The `labelHeights` of `compiled.ts`: RESTORE + ARITY of the entries targeting each label. Entries
   * of live frames define it and must agree (the height at a reachable code position is fixed by
   * validation; a disagreement is a compiler bug). An entry of a dead frame is never executed; it
   * defines the height only of a code index no live entry targets (so every label has one).
   */
  private labelHeights(side: Int32Array, codeLength: number): Int32Array {
    const heights = this.slab.int32(codeLength).fill(-1);
    if (this.fromLive.length < codeLength) this.fromLive = new Uint8Array(Math.max(codeLength, this.fromLive.length * 2));
    const fromLive = this.fromLive;
    fromLive.fill(0, 0, codeLength);
    for (let e = 0; e < side.length; e += SIDE_ENTRY_SIZE) {
      const target = side[e + Side.TARGET]!;
      const h = side[e + Side.RESTORE]! + side[e + Side.ARITY]!;
      if (this.sideDead.get(e / SIDE_ENTRY_SIZE) === 1) {
        if (heights[target] === -1) heights[target] = h;
      } else if (fromLive[target] === 0) {
        heights[target] = h;
        fromLive[target] = 1;
      } else if (heights[target] !== h) {
        throw new Error(`side entry ${e / SIDE_ENTRY_SIZE} gives label ${target} height ${h}, another gives ${heights[target]}`);
      }
    }
    return heights;
  }

  /** A branch to `frame`'s label taken at stack height `height`; returns the side entry index. */
  private addBranch(frame: Frame, height: number): number {
    if (frame.kind === LOOP) {
      return this.addSide(frame, frame.loopTarget, frame.params.length, this.numLocals + frame.height, height);
    }
    return this.addForwardBranch(frame, height);
  }

  /** A branch to the end of `frame`, chained for patching when the end is reached. */
  private addForwardBranch(frame: Frame, height: number): number {
    const e = this.addSide(frame, frame.patchHead, frame.results.length, this.numLocals + frame.height, height);
    frame.patchHead = e;
    return e;
  }

  /** Sets the TARGET of every entry of the chain starting at `head`. */
  private patch(head: number, target: number): void {
    const side = this.side;
    let e = head;
    while (e >= 0) {
      const at = e * SIDE_ENTRY_SIZE + Side.TARGET;
      const next = side.get(at);
      side.set(at, target);
      e = next;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Type stack

  private push(t: number): void {
    if (this.sp === this.vals.length) {
      const next = new Uint8Array(this.vals.length * 2);
      next.set(this.vals);
      this.vals = next;
    }
    this.vals[this.sp++] = t;
    if (this.sp > this.maxSp) this.maxSp = this.sp;
  }

  private pushVals(types: readonly ValType[]): void {
    for (let i = 0; i < types.length; i++) this.push(types[i]!);
  }

  private popAny(): number {
    const frame = this.cur;
    if (this.sp === frame.height) {
      if (frame.unreachable) return UNKNOWN;
      this.fail(Reason.typeMismatch);
    }
    return this.vals[--this.sp]!;
  }

  private popExpect(t: number): void {
    const actual = this.popAny();
    if (actual !== t && actual !== UNKNOWN) this.fail(Reason.typeMismatch);
  }

  private popVals(types: readonly ValType[]): void {
    for (let i = types.length - 1; i >= 0; i--) this.popExpect(types[i]!);
  }

  /** Checks that the top of the stack matches `types` without popping (br_table's non-default labels). */
  private checkTopVals(types: readonly ValType[]): void {
    const frame = this.cur;
    const n = types.length;
    for (let i = 0; i < n; i++) {
      const pos = this.sp - n + i;
      if (pos < frame.height) {
        if (frame.unreachable) continue;
        this.fail(Reason.typeMismatch);
      }
      const actual = this.vals[pos]!;
      if (actual !== types[i] && actual !== UNKNOWN) this.fail(Reason.typeMismatch);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Index checks

  private local(i: number): number {
    if (!(i >= 0 && i < this.numLocals)) this.fail(unknownIndex(Reason.unknownLocal, i));
    return this.localTypes[i]!;
  }

  /** Checks table `i` exists; returns its element type. */
  private table(i: number): number {
    const t = this.ctx.tables[i];
    if (t === undefined) this.fail(unknownIndex(Reason.unknownTable, i));
    return t.elemType;
  }

  private memory(i: number): void {
    if (!(i >= 0 && i < this.ctx.numMemories)) this.fail(unknownIndex(Reason.unknownMemory, i));
  }

  private data(i: number): void {
    if (!(i >= 0 && i < this.ctx.dataCount)) this.fail(unknownIndex(Reason.unknownData, i));
  }

  /** Checks element segment `i` exists; returns its element type. */
  private elem(i: number): number {
    const t = this.ctx.elemTypes[i];
    if (t === undefined) this.fail(unknownIndex(Reason.unknownElem, i));
    return t;
  }

  private fail(reason: string): never {
    throw new ValidationError(reason, this.funcIndex, this.instrIndex, this.instrOffset);
  }
}

function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
