/**
 * The interpreter (spec 2.0, section 4.4): one loop over the validator's compiled code with a dense
 * `switch` over the frequent instructions; the rest run out of line in rare-ops.ts (`default`), so
 * that the loop V8 compiles stays small (see bench/results/NOTES.md). Locals and operands live in
 * the 16-byte slots of a `StackViews` buffer (frame base `fp`, local i at slot fp+i, first free slot
 * `sp`); control frames live apart in `frames` (DESIGN.md invariant 3), so wasm-to-wasm calls never
 * recurse on the JS stack.
 *
 * An `Execution` keeps all of its state (pc, sp, fp, frames, stack) between runs, so a run can stop
 * after any instruction when its fuel is spent and the next run continues exactly there (invariant 7).
 *
 * Control-flow integrity (CFI), each check a distinct `CfiViolation`:
 * 1. a jump through side entry e lands on a recorded label and starts from the recorded height, and
 *    the height it produces (RESTORE + ARITY) is the one recorded for that label (`labelHeights`);
 * 2. `call_indirect` reaches only real function addresses, and compares canonical type ids;
 * 3. every frame carries an integrity word checked on return; `RETURN h` checks the height.
 *
 * Value representation: i32 in `i32[4k]`; i64 in words `i32[4k..4k+1]` (arithmetic through the `i64`
 * view where carries matter); f32/f64 are moved as bits whenever no arithmetic happens, so NaN
 * payloads survive loads, stores, reinterpretations, neg/abs/copysign and local/global moves. The
 * word layout assumes a little-endian host (checked once below).
 */

import { EmbeddingError, LimitExceeded, Trap, WasmError } from '../errors.js';
import { IMMEDIATE_WORDS } from '../validate/specialize.js';
import { memoryGrow } from './bulk.js';
import { readValue, writeValue } from './convert.js';
import {
  branchHeightViolation, branchTargetViolation, callDepthExceeded, cfi, labelHeightViolation, operandStackExceeded, trap, trapMemory,
} from './fail.js';
import { callHost } from './host-call.js';
import { i32DivS, i32DivU, i32RemS, i32RemU, i32Rotl, i32Rotr } from './numerics.js';
import { execRare } from './rare-ops.js';
import type { FuncInst, MemInst } from './runtime.js';
import { createStack, type StackViews } from './stack.js';
import type { StoreState } from './store-state.js';
import type { RunResult, Value } from './values.js';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('mcp-wrt core requires a little-endian JS engine');
}

/** Words per control frame: return pc, caller function address, caller fp, integrity word. */
export const FRAME_WORDS = 4;
/** Frame fields (offsets within a frame). */
export const Frame = { RET_PC: 0, FUNC: 1, FP: 2, CHECK: 3 } as const;
/** Fuel moved into the running budget at a time: the deadline is checked once per chunk. */
const CHUNK = 4096;
/** Executions running inside one another (host functions calling back into the store). */
const MAX_NESTED_RUNS = 64;

/** Zero-fuel entries of the loop before the first real run of the process (see `feedLoopEntry`). */
const LOOP_ENTRY_FEEDS = 16;
/** Set once `feedLoopEntry` ran in this process. */
let loopEntryFed = false;

const STATUS_READY = 0;
const STATUS_DONE = 1;
const STATUS_TRAPPED = 2;

const EMPTY_U8 = new Uint8Array(0);
const EMPTY_DV = new DataView(new ArrayBuffer(0));

/**
 * The integrity word of a frame: a deterministic mix of its fields, the call depth and the store's
 * salt. A frame whose fields were changed no longer matches (CFI check 3).
 */
export function frameCheck(salt: number, retPc: number, func: number, fp: number, depth: number): number {
  let h = Math.imul(retPc ^ salt, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ func, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ fp, 0x27d4eb2f);
  return (h ^ (h >>> 15) ^ depth) | 0;
}

/** Signed comparison of the i64 values in words a and b: negative, zero or positive. */
function cmp64s(w: Int32Array, u: Uint32Array, a: number, b: number): number {
  const ha = w[a + 1]!;
  const hb = w[b + 1]!;
  if (ha !== hb) return ha < hb ? -1 : 1;
  const la = u[a]!;
  const lb = u[b]!;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/** Unsigned comparison of the i64 values in words a and b. */
function cmp64u(u: Uint32Array, a: number, b: number): number {
  const ha = u[a + 1]!;
  const hb = u[b + 1]!;
  if (ha !== hb) return ha < hb ? -1 : 1;
  const la = u[a]!;
  const lb = u[b]!;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

/**
 * Takes the branch of side entry `e` (its first word) at stack height `sp - fp`, after CFI check 1:
 * the target is a recorded label, the height is the recorded one, and RESTORE + ARITY is the height
 * recorded for the target label. Moves the carried values down and returns the new `sp`; the caller
 * continues at `side[e]`. One function for every branching instruction, so the loop stays small.
 */
function branch(side: Int32Array, labels: Uint8Array, labelHeights: Int32Array, i32: Int32Array, e: number, sp: number, fp: number): number {
  const target = side[e]!;
  if (labels[target] !== 1) branchTargetViolation(e, target);
  if (sp - fp !== side[e + 3]) branchHeightViolation(sp - fp, side[e + 3]!);
  const arity = side[e + 1]!;
  const restore = side[e + 2]!;
  if (restore + arity !== labelHeights[target]) labelHeightViolation(e, restore + arity, target, labelHeights[target]!);
  const dst = fp + restore;
  if (arity > 0 && dst !== sp - arity) {
    if (arity === 1) {
      const a = dst << 2; const b = (sp - 1) << 2;
      i32[a] = i32[b]!; i32[a + 1] = i32[b + 1]!; i32[a + 2] = i32[b + 2]!; i32[a + 3] = i32[b + 3]!;
    } else {
      i32.copyWithin(dst << 2, (sp - arity) << 2, sp << 2);
    }
  }
  return dst + arity;
}

/** Turns anything thrown inside the core into a typed error (DESIGN.md invariant 6). */
function toWasmError(e: unknown): WasmError {
  if (e instanceof WasmError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new LimitExceeded('call-depth', 0, 'JS call stack exhausted');
  }
  return new Trap('host', `internal error: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * One call of a function in a store, runnable in pieces. Created by `Store.start` / `Store.invoke`.
 */
export class Execution {
  private stack: StackViews;
  private frames: Int32Array;
  private depth = 0;
  private pc = 0;
  private fp = 0;
  private sp = 0;
  private funcAddr: number;
  private status = STATUS_READY;
  private running = false;
  private results: Value[] = [];
  private error: WasmError | null = null;
  private readonly entry: FuncInst;
  private lastRunFuel = 0;

  /** Checks the arguments (EmbeddingError) and prepares the entry frame. */
  constructor(private readonly st: StoreState, funcAddr: number, args: readonly Value[]) {
    const f = st.funcs[funcAddr];
    if (f === undefined) throw new EmbeddingError(`no function at address ${funcAddr}`);
    if (!Array.isArray(args) || args.length !== f.nparams) {
      throw new EmbeddingError(`expected ${f.nparams} arguments, got ${Array.isArray(args) ? args.length : typeof args}`);
    }
    this.entry = f;
    this.funcAddr = funcAddr;
    this.stack = st.takeStack();
    this.frames = new Int32Array(FRAME_WORDS * Math.min(256, Math.max(1, st.limits.callDepth)));
    try {
      this.ensureStack(f.maxHeight);
      for (let i = 0; i < f.nparams; i++) {
        writeValue(this.stack.i32, i << 2, f.type.params[i]!, args[i]!, st.externs, `argument ${i}`);
      }
    } catch (e) {
      if (e instanceof EmbeddingError) {
        st.giveBackStack(this.stack);
        throw e;
      }
      this.fail(toWasmError(e));
      return;
    }
    if (!f.isHost) {
      this.zeroLocals(f, 0);
      this.sp = f.numLocals;
    } else {
      this.sp = f.nparams;
    }
  }

  /**
   * The instructions the last `run` that finished or paused executed (0 before any; NaN when that run had
   * unlimited fuel). A finished call's cost, which the 'done' result does not carry.
   */
  get lastFuelUsed(): number {
    return this.lastRunFuel;
  }

  /** True once the execution finished or trapped. */
  get finished(): boolean {
    return this.status !== STATUS_READY;
  }

  /**
   * Runs at most `fuel` instructions. `deadlineMs` (default: the store's limit) bounds this run's
   * wall-clock time, checked every 4096 instructions.
   */
  run(fuel: number, deadlineMs: number = this.st.limits.deadlineMs): RunResult {
    if (this.status === STATUS_DONE) return { status: 'done', values: this.results };
    if (this.status === STATUS_TRAPPED) return { status: 'trapped', error: this.error! };
    if (typeof fuel !== 'number' || !(fuel >= 0)) throw new EmbeddingError('fuel must be a non-negative number');
    if (this.running) throw new EmbeddingError('execution is already running');
    const st = this.st;
    if (st.activeRuns >= MAX_NESTED_RUNS) {
      return this.fail(new LimitExceeded('call-depth', MAX_NESTED_RUNS, 'nested executions'));
    }
    const deadlineAt = deadlineMs === Infinity ? Infinity : st.now() + deadlineMs;
    st.activeRuns++;
    this.running = true;
    try {
      let used: number;
      const f = this.entry;
      if (f.isHost) {
        if (fuel < 1) return { status: 'paused', fuelUsed: 0 };
        if (!callHost(st, f, this.stack, f.nparams)) return { status: 'paused', fuelUsed: 1 };
        this.sp = f.nresults;
        this.finish();
        used = 1;
      } else {
        if (!loopEntryFed) this.feedLoopEntry();
        used = this.loop(Math.floor(fuel), deadlineAt);
      }
      this.lastRunFuel = used;
      if (this.status === STATUS_DONE) return { status: 'done', values: this.results };
      return { status: 'paused', fuelUsed: used };
    } catch (e) {
      return this.fail(toWasmError(e));
    } finally {
      st.activeRuns--;
      this.running = false;
    }
  }

  /**
   * INTERNAL TEST HOOK (fault injection only, not part of the API): the live control frames and the
   * current depth, so a test can forge a frame field between two runs.
   */
  internalFramesForTest(): { frames: Int32Array; depth: number } {
    return { frames: this.frames, depth: this.depth };
  }

  /** Ends a paused execution that will not be resumed (its stack goes back to the store). */
  abandon(): void {
    if (this.status !== STATUS_READY || this.running) return;
    this.fail(new LimitExceeded('fuel', 0, 'execution abandoned'));
  }

  private fail(error: WasmError): RunResult {
    this.status = STATUS_TRAPPED;
    this.error = error;
    this.st.giveBackStack(this.stack);
    return { status: 'trapped', error };
  }

  private finish(): void {
    const f = this.entry;
    const out: Value[] = new Array<Value>(f.nresults);
    for (let i = 0; i < f.nresults; i++) out[i] = readValue(this.stack.i32, i << 2, f.type.results[i]!, this.st.externs);
    this.results = out;
    this.status = STATUS_DONE;
    this.st.giveBackStack(this.stack);
  }

  /** Makes the stack hold at least `slots` slots, growing it (copy) up to `limits.operandStack`. */
  private ensureStack(slots: number): void {
    const have = this.stack.i32.length >> 2;
    if (slots <= have) return;
    const limit = this.st.limits.operandStack;
    if (slots > limit) operandStackExceeded(limit, slots);
    let size = have * 2;
    while (size < slots) size *= 2;
    if (size > limit) size = limit;
    const next = createStack(size);
    next.i32.set(this.stack.i32);
    this.stack = next;
  }

  /** Sets the declared (non-parameter) locals of `f` in the frame at `fp` to zero / null. */
  private zeroLocals(f: FuncInst, fp: number): void {
    const w = this.stack.i32;
    const n = f.numLocals;
    if (n > f.nparams) {
      w.fill(0, (fp + f.nparams) << 2, (fp + n) << 2);
      const isRef = f.localIsRef;
      for (let l = f.nparams; l < n; l++) if (isRef[l] === 1) w[(fp + l) << 2] = -1;
    }
  }

  /** Grows the frame array (up to the call-depth limit) so one more frame fits. */
  private growFrames(): void {
    const next = new Int32Array(this.frames.length * 2);
    next.set(this.frames);
    this.frames = next;
  }

  /**
   * Enters the loop a few times with no fuel (it loads the state, saves it unchanged and returns),
   * once per process. Why: V8 gives a function its type feedback storage only after some calls, so
   * the loop's entry code, which a long run executes once, would otherwise have no feedback when
   * V8 optimizes the loop in the middle of that run, and the next run's entry would throw the
   * optimized code away.
   */
  private feedLoopEntry(): void {
    loopEntryFed = true;
    for (let i = 0; i < LOOP_ENTRY_FEEDS; i++) this.loop(0, Infinity);
  }

  /**
   * The main loop. Runs until the entry function returns (status DONE) or `fuel` instructions were
   * executed (state saved, returns the fuel used). Throws typed errors on traps and limits.
   */
  private loop(fuel: number, deadlineAt: number): number {
    const st = this.st;
    const funcs = st.funcs;
    const callDepth = st.limits.callDepth;
    const salt = st.frameSalt;
    let s = this.stack;
    let i32 = s.i32;
    let u32 = s.u32;
    let f32 = s.f32;
    let f64 = s.f64;
    let frames = this.frames;
    let depth = this.depth;
    let fa = this.funcAddr;
    let f = funcs[fa]!;
    let code = f.code;
    let cost = f.cost.length !== 0 ? f.cost : f.loadCost();
    let side = f.side;
    let labels = f.labels;
    let labelHeights = f.labelHeights;
    let inst = f.inst!;
    let mem: MemInst | null = inst.mems.length > 0 ? inst.mems[0]! : null;
    let dv = mem !== null ? mem.dv : EMPTY_DV;
    let mu8 = mem !== null ? mem.u8 : EMPTY_U8;
    let memLen = mu8.length;
    let pc = this.pc;
    let sp = this.sp;
    let fp = this.fp;

    // Fuel is charged per segment (segments.ts): on entering one, the loop takes its whole cost
    // from `steps`, the fuel moved out of `budget` in chunks of CHUNK (the deadline is checked at
    // each chunk). Every control instruction sets `stopPc` to the pc it continues at, so the check
    // at the top of the loop is the only per-instruction cost of fuel. When the fuel left cannot pay
    // for the segment, `stopPc` becomes the instruction after the last one paid for (`precise`):
    // reaching it pauses the run, and a fused instruction with `stopPc` inside runs only its first
    // instruction (REQ-PERF-002).
    let budget = fuel;
    let steps = 0;
    let stopPc = pc;
    let precise = false;

    for (;;) {
      if (pc === stopPc) {
        const c = cost[pc]!;
        if (steps < c) {
          // Not enough fuel moved in (once per CHUNK), or the pause point of precise mode (where
          // steps is 0 and every cost is at least 1). The state is saved at every chunk, not only
          // when the run pauses: V8 optimizes this function while it runs, and code first executed
          // after that (the pause, after a million instructions of a run) would throw the optimized
          // code away.
          this.pc = pc; this.sp = sp; this.fp = fp; this.funcAddr = fa; this.depth = depth;
          this.frames = frames; this.stack = s;
          if (precise) return fuel; // all fuel spent: precise mode starts only once the budget is empty
          if (deadlineAt !== Infinity && st.now() > deadlineAt) {
            throw new LimitExceeded('deadline', deadlineAt, 'deadline passed');
          }
          // One move covers the segment unless the budget is spent (a segment may exceed CHUNK).
          const move = c > CHUNK ? c : CHUNK;
          const add = budget < move ? budget : move;
          budget -= add;
          steps += add;
          // Where the run pauses when the fuel cannot pay for the whole segment: after the `steps`
          // instructions still paid for, at the first instruction start whose cost is that much
          // lower (costs fall by one per instruction within a segment; other words have cost 0;
          // past the end the scan stops too). Found at every refill (then it is `pc` itself, one
          // step), so that V8 has type feedback for this code long before a run first ends inside
          // a segment.
          const want = c - (steps < c ? steps : 0);
          let p = pc - 1;
          do p++; while (cost[p] === 0 || cost[p]! > want);
          if (steps < c) {
            stopPc = p;
            steps = 0;
            precise = true;
            continue; // pauses at once when no instruction is paid for
          }
        }
        steps -= c;
        stopPc = -1;
      }
      const op = code[pc++]!;
      switch (op) {
        // ---------------------------------------------------------------- control
        case 0x00: // unreachable
          trap('unreachable');
        case 0x04: { // IF side: pops the condition, jumps when it is zero
          sp--;
          if (i32[sp << 2] !== 0) { pc++; stopPc = pc; break; }
          const e = code[pc]! << 2;
          sp = branch(side, labels, labelHeights, i32, e, sp, fp);
          pc = side[e]!;
          stopPc = pc;
          break;
        }
        case 0x0c: // BR side
        case 0x0d: // BR_IF side
        case 0x0e: { // BR_TABLE n side_0 .. side_n
          let e: number;
          if (op === 0x0c) {
            e = code[pc]! << 2;
          } else if (op === 0x0d) {
            sp--;
            if (i32[sp << 2] === 0) { pc++; stopPc = pc; break; }
            e = code[pc]! << 2;
          } else {
            sp--;
            const idx = i32[sp << 2]! >>> 0;
            const n = code[pc]!;
            e = code[pc + 1 + (idx < n ? idx : n)]! << 2;
          }
          sp = branch(side, labels, labelHeights, i32, e, sp, fp);
          pc = side[e]!;
          stopPc = pc;
          break;
        }
        case 0x0f: { // RETURN height
          const height = code[pc]!;
          if (sp - fp !== height) cfi('return-height', `height ${sp - fp}, expected ${height}`);
          const n = f.nresults;
          if (n === 1) {
            if (sp - 1 !== fp) {
              const a = fp << 2; const b = (sp - 1) << 2;
              i32[a] = i32[b]!; i32[a + 1] = i32[b + 1]!; i32[a + 2] = i32[b + 2]!; i32[a + 3] = i32[b + 3]!;
            }
          } else if (n > 0 && sp - n !== fp) {
            i32.copyWithin(fp << 2, (sp - n) << 2, sp << 2);
          }
          sp = fp + n;
          if (depth === 0) {
            this.sp = sp; this.fp = fp; this.pc = pc; this.depth = 0;
            this.stack = s;
            this.finish();
            return fuel - budget - steps;
          }
          depth--;
          const b = depth * FRAME_WORDS;
          const retPc = frames[b]!;
          const callerAddr = frames[b + 1]!;
          const callerFp = frames[b + 2]!;
          if (frames[b + 3] !== frameCheck(salt, retPc, callerAddr, callerFp, depth)) {
            cfi('frame', `frame ${depth} does not match its integrity word`);
          }
          fa = callerAddr;
          f = funcs[fa]!;
          code = f.code; cost = f.cost; side = f.side; labels = f.labels; labelHeights = f.labelHeights;
          inst = f.inst!;
          mem = inst.mems.length > 0 ? inst.mems[0]! : null;
          dv = mem !== null ? mem.dv : EMPTY_DV;
          mu8 = mem !== null ? mem.u8 : EMPTY_U8;
          memLen = mu8.length;
          pc = retPc;
          stopPc = pc;
          fp = callerFp;
          break;
        }
        case 0x10: // CALL f
        case 0x11: { // CALL_INDIRECT t tab
          const opPc = pc - 1;
          let callee: FuncInst;
          let calleeAddr: number;
          if (op === 0x10) {
            calleeAddr = inst.funcAddrs[code[pc++]!]!;
            callee = funcs[calleeAddr]!;
          } else {
            const typeIdx = code[pc++]!;
            const tab = inst.tables[code[pc++]!]!;
            sp--;
            const i = i32[sp << 2]! >>> 0;
            const el = tab.elements;
            if (i >= el.length) trap('undefined element');
            calleeAddr = el[i]!;
            if (calleeAddr === -1) trap('uninitialized element');
            const c = funcs[calleeAddr];
            if (c === undefined) cfi('call-type', `table entry ${i} holds ${calleeAddr}, not a function address`);
            callee = c;
            if (callee.typeId !== inst.typeIds[typeIdx]) trap('indirect call type mismatch');
          }
          if (callee.isHost) {
            const need = sp - callee.nparams + callee.nresults;
            if (need > (i32.length >> 2)) {
              this.stack = s; this.ensureStack(need); s = this.stack;
              i32 = s.i32; u32 = s.u32; f32 = s.f32; f64 = s.f64;
            }
            if (!callHost(st, callee, s, sp)) {
              // The host suspended the call: pause before this call instruction (the table index of
              // call_indirect goes back on the stack) so the next run repeats the call, which its
              // segment charged but did not run.
              if (op === 0x11) sp++;
              this.pc = opPc; this.sp = sp; this.fp = fp; this.funcAddr = fa; this.depth = depth;
              this.frames = frames; this.stack = s;
              return fuel - budget - steps - 1;
            }
            sp = sp - callee.nparams + callee.nresults;
            stopPc = pc;
            // The host may have run wasm that grew this memory.
            if (mem !== null) { dv = mem.dv; mu8 = mem.u8; memLen = mu8.length; }
            break;
          }
          if (depth + 1 >= callDepth) callDepthExceeded(callDepth);
          const nfp = sp - callee.nparams;
          if (nfp + callee.maxHeight > (i32.length >> 2)) {
            this.stack = s; this.ensureStack(nfp + callee.maxHeight); s = this.stack;
            i32 = s.i32; u32 = s.u32; f32 = s.f32; f64 = s.f64;
          }
          if ((depth + 1) * FRAME_WORDS > frames.length) {
            this.frames = frames; this.growFrames(); frames = this.frames;
          }
          const b = depth * FRAME_WORDS;
          frames[b] = pc;
          frames[b + 1] = fa;
          frames[b + 2] = fp;
          frames[b + 3] = frameCheck(salt, pc, fa, fp, depth);
          depth++;
          const nl = callee.numLocals;
          if (nl > callee.nparams) {
            i32.fill(0, (nfp + callee.nparams) << 2, (nfp + nl) << 2);
            const isRef = callee.localIsRef;
            for (let l = callee.nparams; l < nl; l++) if (isRef[l] === 1) i32[(nfp + l) << 2] = -1;
          }
          fp = nfp;
          sp = nfp + nl;
          fa = calleeAddr;
          f = callee;
          code = f.code; side = f.side; labels = f.labels; labelHeights = f.labelHeights;
          cost = f.cost.length !== 0 ? f.cost : f.loadCost();
          pc = 0;
          stopPc = 0;
          if (f.inst !== inst) {
            inst = f.inst!;
            mem = inst.mems.length > 0 ? inst.mems[0]! : null;
            dv = mem !== null ? mem.dv : EMPTY_DV;
            mu8 = mem !== null ? mem.u8 : EMPTY_U8;
            memLen = mu8.length;
          }
          break;
        }
        // ---------------------------------------------------------------- parametric
        case 0x1a: // drop
          sp--;
          break;
        case 0x1b: { // select: [v1 v2 c] -> c ? v1 : v2
          sp -= 2;
          if (i32[(sp + 1) << 2] === 0) {
            const a = (sp - 1) << 2; const b = sp << 2;
            i32[a] = i32[b]!; i32[a + 1] = i32[b + 1]!; i32[a + 2] = i32[b + 2]!; i32[a + 3] = i32[b + 3]!;
          }
          break;
        }
        // ---------------------------------------------------------------- variables
        case 0x20: { // local.get
          const a = (fp + code[pc++]!) << 2; const d = sp << 2;
          i32[d] = i32[a]!; i32[d + 1] = i32[a + 1]!; i32[d + 2] = i32[a + 2]!; i32[d + 3] = i32[a + 3]!;
          sp++;
          break;
        }
        case 0x21: { // local.set
          const d = (fp + code[pc++]!) << 2; sp--; const a = sp << 2;
          i32[d] = i32[a]!; i32[d + 1] = i32[a + 1]!; i32[d + 2] = i32[a + 2]!; i32[d + 3] = i32[a + 3]!;
          break;
        }
        case 0x22: { // local.tee
          const d = (fp + code[pc++]!) << 2; const a = (sp - 1) << 2;
          i32[d] = i32[a]!; i32[d + 1] = i32[a + 1]!; i32[d + 2] = i32[a + 2]!; i32[d + 3] = i32[a + 3]!;
          break;
        }
        case 0x23: { // global.get
          const g = inst.globals[code[pc++]!]!.words; const d = sp << 2;
          i32[d] = g[0]!; i32[d + 1] = g[1]!; i32[d + 2] = g[2]!; i32[d + 3] = g[3]!;
          sp++;
          break;
        }
        case 0x24: { // global.set
          const g = inst.globals[code[pc++]!]!.words; sp--; const a = sp << 2;
          g[0] = i32[a]!; g[1] = i32[a + 1]!; g[2] = i32[a + 2]!; g[3] = i32[a + 3]!;
          break;
        }
        // ---------------------------------------------------------------- loads
        case 0x28: case 0x2a: { // i32.load, f32.load (bits)
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 4 > memLen) trapMemory();
          i32[a] = dv.getInt32(ea, true);
          break;
        }
        case 0x29: case 0x2b: { // i64.load, f64.load (bits)
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 8 > memLen) trapMemory();
          i32[a] = dv.getInt32(ea, true); i32[a + 1] = dv.getInt32(ea + 4, true);
          break;
        }
        case 0x2c: { // i32.load8_s
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 1 > memLen) trapMemory();
          i32[a] = (mu8[ea]! << 24) >> 24;
          break;
        }
        case 0x2d: { // i32.load8_u
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 1 > memLen) trapMemory();
          i32[a] = mu8[ea]!;
          break;
        }
        case 0x2e: { // i32.load16_s
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 2 > memLen) trapMemory();
          i32[a] = dv.getInt16(ea, true);
          break;
        }
        case 0x2f: { // i32.load16_u
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 2 > memLen) trapMemory();
          i32[a] = dv.getUint16(ea, true);
          break;
        }
        case 0x30: { // i64.load8_s
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 1 > memLen) trapMemory();
          const v = (mu8[ea]! << 24) >> 24; i32[a] = v; i32[a + 1] = v >> 31;
          break;
        }
        case 0x31: { // i64.load8_u
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 1 > memLen) trapMemory();
          i32[a] = mu8[ea]!; i32[a + 1] = 0;
          break;
        }
        case 0x32: { // i64.load16_s
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 2 > memLen) trapMemory();
          const v = dv.getInt16(ea, true); i32[a] = v; i32[a + 1] = v >> 31;
          break;
        }
        case 0x33: { // i64.load16_u
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 2 > memLen) trapMemory();
          i32[a] = dv.getUint16(ea, true); i32[a + 1] = 0;
          break;
        }
        case 0x34: { // i64.load32_s
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 4 > memLen) trapMemory();
          const v = dv.getInt32(ea, true); i32[a] = v; i32[a + 1] = v >> 31;
          break;
        }
        case 0x35: { // i64.load32_u
          const a = (sp - 1) << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 4 > memLen) trapMemory();
          i32[a] = dv.getInt32(ea, true); i32[a + 1] = 0;
          break;
        }
        // ---------------------------------------------------------------- stores
        case 0x36: case 0x38: case 0x3e: { // i32.store, f32.store (bits), i64.store32
          sp -= 2; const a = sp << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 4 > memLen) trapMemory();
          dv.setInt32(ea, i32[a + 4]!, true);
          break;
        }
        case 0x37: case 0x39: { // i64.store, f64.store (bits)
          sp -= 2; const a = sp << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 8 > memLen) trapMemory();
          dv.setInt32(ea, i32[a + 4]!, true); dv.setInt32(ea + 4, i32[a + 5]!, true);
          break;
        }
        case 0x3a: case 0x3c: { // i32.store8, i64.store8
          sp -= 2; const a = sp << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 1 > memLen) trapMemory();
          mu8[ea] = i32[a + 4]!;
          break;
        }
        case 0x3b: case 0x3d: { // i32.store16, i64.store16
          sp -= 2; const a = sp << 2; const ea = (i32[a]! >>> 0) + (code[pc++]! >>> 0);
          if (ea + 2 > memLen) trapMemory();
          dv.setInt16(ea, i32[a + 4]!, true);
          break;
        }
        case 0x3f: // memory.size
          i32[sp << 2] = mem!.pages;
          sp++;
          break;
        case 0x40: { // memory.grow
          const a = (sp - 1) << 2;
          i32[a] = memoryGrow(st, mem!, i32[a]! >>> 0);
          dv = mem!.dv; mu8 = mem!.u8; memLen = mu8.length;
          break;
        }
        // ---------------------------------------------------------------- constants
        case 0x41: case 0x43: // i32.const, f32.const (bits)
          i32[sp << 2] = code[pc++]!;
          sp++;
          break;
        case 0x42: case 0x44: { // i64.const lo hi, f64.const lo hi (bits)
          const d = sp << 2;
          i32[d] = code[pc]!; i32[d + 1] = code[pc + 1]!;
          pc += 2;
          sp++;
          break;
        }
        // ---------------------------------------------------------------- i32 comparisons
        case 0x45: { const a = (sp - 1) << 2; i32[a] = i32[a] === 0 ? 1 : 0; break; } // i32.eqz
        case 0x46: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a] === i32[sp << 2] ? 1 : 0; break; }
        case 0x47: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a] !== i32[sp << 2] ? 1 : 0; break; }
        case 0x48: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a]! < i32[sp << 2]! ? 1 : 0; break; }
        case 0x49: { sp--; const a = (sp - 1) << 2; i32[a] = u32[a]! < u32[sp << 2]! ? 1 : 0; break; }
        case 0x4a: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a]! > i32[sp << 2]! ? 1 : 0; break; }
        case 0x4b: { sp--; const a = (sp - 1) << 2; i32[a] = u32[a]! > u32[sp << 2]! ? 1 : 0; break; }
        case 0x4c: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a]! <= i32[sp << 2]! ? 1 : 0; break; }
        case 0x4d: { sp--; const a = (sp - 1) << 2; i32[a] = u32[a]! <= u32[sp << 2]! ? 1 : 0; break; }
        case 0x4e: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a]! >= i32[sp << 2]! ? 1 : 0; break; }
        case 0x4f: { sp--; const a = (sp - 1) << 2; i32[a] = u32[a]! >= u32[sp << 2]! ? 1 : 0; break; }
        // ---------------------------------------------------------------- i64 comparisons
        case 0x50: { const a = (sp - 1) << 2; i32[a] = (i32[a]! | i32[a + 1]!) === 0 ? 1 : 0; break; } // i64.eqz
        case 0x51: { sp--; const a = (sp - 1) << 2; const b = sp << 2; i32[a] = i32[a] === i32[b] && i32[a + 1] === i32[b + 1] ? 1 : 0; break; }
        case 0x52: { sp--; const a = (sp - 1) << 2; const b = sp << 2; i32[a] = i32[a] !== i32[b] || i32[a + 1] !== i32[b + 1] ? 1 : 0; break; }
        case 0x53: { sp--; const a = (sp - 1) << 2; i32[a] = cmp64s(i32, u32, a, sp << 2) < 0 ? 1 : 0; break; }
        case 0x54: { sp--; const a = (sp - 1) << 2; i32[a] = cmp64u(u32, a, sp << 2) < 0 ? 1 : 0; break; }
        case 0x55: { sp--; const a = (sp - 1) << 2; i32[a] = cmp64s(i32, u32, a, sp << 2) > 0 ? 1 : 0; break; }
        case 0x56: { sp--; const a = (sp - 1) << 2; i32[a] = cmp64u(u32, a, sp << 2) > 0 ? 1 : 0; break; }
        case 0x57: { sp--; const a = (sp - 1) << 2; i32[a] = cmp64s(i32, u32, a, sp << 2) <= 0 ? 1 : 0; break; }
        case 0x58: { sp--; const a = (sp - 1) << 2; i32[a] = cmp64u(u32, a, sp << 2) <= 0 ? 1 : 0; break; }
        case 0x59: { sp--; const a = (sp - 1) << 2; i32[a] = cmp64s(i32, u32, a, sp << 2) >= 0 ? 1 : 0; break; }
        case 0x5a: { sp--; const a = (sp - 1) << 2; i32[a] = cmp64u(u32, a, sp << 2) >= 0 ? 1 : 0; break; }
        // ---------------------------------------------------------------- f32 / f64 comparisons
        case 0x5b: { sp--; const a = (sp - 1) << 2; i32[a] = f32[a] === f32[sp << 2] ? 1 : 0; break; }
        case 0x5c: { sp--; const a = (sp - 1) << 2; i32[a] = f32[a] !== f32[sp << 2] ? 1 : 0; break; }
        case 0x5d: { sp--; const a = (sp - 1) << 2; i32[a] = f32[a]! < f32[sp << 2]! ? 1 : 0; break; }
        case 0x5e: { sp--; const a = (sp - 1) << 2; i32[a] = f32[a]! > f32[sp << 2]! ? 1 : 0; break; }
        case 0x5f: { sp--; const a = (sp - 1) << 2; i32[a] = f32[a]! <= f32[sp << 2]! ? 1 : 0; break; }
        case 0x60: { sp--; const a = (sp - 1) << 2; i32[a] = f32[a]! >= f32[sp << 2]! ? 1 : 0; break; }
        case 0x61: { sp--; const d = (sp - 1) << 1; i32[d << 1] = f64[d] === f64[sp << 1] ? 1 : 0; break; }
        case 0x62: { sp--; const d = (sp - 1) << 1; i32[d << 1] = f64[d] !== f64[sp << 1] ? 1 : 0; break; }
        case 0x63: { sp--; const d = (sp - 1) << 1; i32[d << 1] = f64[d]! < f64[sp << 1]! ? 1 : 0; break; }
        case 0x64: { sp--; const d = (sp - 1) << 1; i32[d << 1] = f64[d]! > f64[sp << 1]! ? 1 : 0; break; }
        case 0x65: { sp--; const d = (sp - 1) << 1; i32[d << 1] = f64[d]! <= f64[sp << 1]! ? 1 : 0; break; }
        case 0x66: { sp--; const d = (sp - 1) << 1; i32[d << 1] = f64[d]! >= f64[sp << 1]! ? 1 : 0; break; }
        // ---------------------------------------------------------------- i32 arithmetic
        case 0x67: { const a = (sp - 1) << 2; i32[a] = Math.clz32(i32[a]!); break; }
        case 0x6a: { sp--; const a = (sp - 1) << 2; i32[a] = (i32[a]! + i32[sp << 2]!) | 0; break; }
        case 0x6b: { sp--; const a = (sp - 1) << 2; i32[a] = (i32[a]! - i32[sp << 2]!) | 0; break; }
        case 0x6c: { sp--; const a = (sp - 1) << 2; i32[a] = Math.imul(i32[a]!, i32[sp << 2]!); break; }
        case 0x6d: { sp--; const a = (sp - 1) << 2; i32[a] = i32DivS(i32[a]!, i32[sp << 2]!); break; }
        case 0x6e: { sp--; const a = (sp - 1) << 2; i32[a] = i32DivU(i32[a]!, i32[sp << 2]!); break; }
        case 0x6f: { sp--; const a = (sp - 1) << 2; i32[a] = i32RemS(i32[a]!, i32[sp << 2]!); break; }
        case 0x70: { sp--; const a = (sp - 1) << 2; i32[a] = i32RemU(i32[a]!, i32[sp << 2]!); break; }
        case 0x71: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a]! & i32[sp << 2]!; break; }
        case 0x72: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a]! | i32[sp << 2]!; break; }
        case 0x73: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a]! ^ i32[sp << 2]!; break; }
        case 0x74: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a]! << i32[sp << 2]!; break; }
        case 0x75: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a]! >> i32[sp << 2]!; break; }
        case 0x76: { sp--; const a = (sp - 1) << 2; i32[a] = i32[a]! >>> i32[sp << 2]!; break; }
        case 0x77: { sp--; const a = (sp - 1) << 2; i32[a] = i32Rotl(i32[a]!, i32[sp << 2]!); break; }
        case 0x78: { sp--; const a = (sp - 1) << 2; i32[a] = i32Rotr(i32[a]!, i32[sp << 2]!); break; }
        // ---------------------------------------------------------------- i64 arithmetic
        case 0x7c: { // i64.add on words: no BigInt allocation
          sp--; const a = (sp - 1) << 2; const b = sp << 2;
          const lo = u32[a]! + u32[b]!;
          i32[a + 1] = (i32[a + 1]! + i32[b + 1]! + (lo > 0xffffffff ? 1 : 0)) | 0;
          i32[a] = lo | 0;
          break;
        }
        case 0x7d: { // i64.sub on words
          sp--; const a = (sp - 1) << 2; const b = sp << 2;
          const la = u32[a]!; const lb = u32[b]!;
          i32[a + 1] = (i32[a + 1]! - i32[b + 1]! - (la < lb ? 1 : 0)) | 0;
          i32[a] = (la - lb) | 0;
          break;
        }
        case 0x7e: { // i64.mul on words: the low 64 bits of the product, no BigInt allocation
          sp--; const a = (sp - 1) << 2; const b = sp << 2;
          const al = u32[a]!; const bl = u32[b]!;
          // al * bl exactly, from 16-bit halves (every partial product and sum stays below 2^53).
          const a0 = al & 0xffff; const a1 = al >>> 16; const b0 = bl & 0xffff; const b1 = bl >>> 16;
          const p00 = a0 * b0;
          const mid = a1 * b0 + a0 * b1 + (p00 >>> 16);
          const carry = a1 * b1 + Math.floor(mid / 65536);
          i32[a + 1] = (carry + Math.imul(al, i32[b + 1]!) + Math.imul(i32[a + 1]!, bl)) | 0;
          i32[a] = ((mid & 0xffff) << 16) | (p00 & 0xffff);
          break;
        }
        case 0x83: { sp--; const a = (sp - 1) << 2; const b = sp << 2; i32[a] = i32[a]! & i32[b]!; i32[a + 1] = i32[a + 1]! & i32[b + 1]!; break; }
        case 0x84: { sp--; const a = (sp - 1) << 2; const b = sp << 2; i32[a] = i32[a]! | i32[b]!; i32[a + 1] = i32[a + 1]! | i32[b + 1]!; break; }
        case 0x85: { sp--; const a = (sp - 1) << 2; const b = sp << 2; i32[a] = i32[a]! ^ i32[b]!; i32[a + 1] = i32[a + 1]! ^ i32[b + 1]!; break; }
        // i64 shifts on words (the count is taken mod 64; a JS shift by 32 would be a shift by 0).
        case 0x86: { // i64.shl
          sp--; const a = (sp - 1) << 2; const k = i32[sp << 2]! & 63;
          const lo = i32[a]!; const hi = i32[a + 1]!;
          if (k >= 32) { i32[a + 1] = lo << (k - 32); i32[a] = 0; }
          else if (k !== 0) { i32[a + 1] = (hi << k) | (lo >>> (32 - k)); i32[a] = lo << k; }
          break;
        }
        case 0x87: { // i64.shr_s
          sp--; const a = (sp - 1) << 2; const k = i32[sp << 2]! & 63;
          const lo = i32[a]!; const hi = i32[a + 1]!;
          if (k >= 32) { i32[a] = hi >> (k - 32); i32[a + 1] = hi >> 31; }
          else if (k !== 0) { i32[a] = (lo >>> k) | (hi << (32 - k)); i32[a + 1] = hi >> k; }
          break;
        }
        case 0x88: { // i64.shr_u
          sp--; const a = (sp - 1) << 2; const k = i32[sp << 2]! & 63;
          const lo = i32[a]!; const hi = i32[a + 1]!;
          if (k >= 32) { i32[a] = hi >>> (k - 32); i32[a + 1] = 0; }
          else if (k !== 0) { i32[a] = (lo >>> k) | (hi << (32 - k)); i32[a + 1] = hi >>> k; }
          break;
        }
        // ---------------------------------------------------------------- f32 arithmetic
        case 0x8b: { const a = (sp - 1) << 2; i32[a] = i32[a]! & 0x7fffffff; break; } // abs (bits)
        case 0x8c: { const a = (sp - 1) << 2; i32[a] = i32[a]! ^ -0x80000000; break; } // neg (bits)
        case 0x92: { sp--; const a = (sp - 1) << 2; f32[a] = f32[a]! + f32[sp << 2]!; break; }
        case 0x93: { sp--; const a = (sp - 1) << 2; f32[a] = f32[a]! - f32[sp << 2]!; break; }
        case 0x94: { sp--; const a = (sp - 1) << 2; f32[a] = f32[a]! * f32[sp << 2]!; break; }
        case 0x95: { sp--; const a = (sp - 1) << 2; f32[a] = f32[a]! / f32[sp << 2]!; break; }
        case 0x98: { sp--; const a = (sp - 1) << 2; i32[a] = (i32[a]! & 0x7fffffff) | (i32[sp << 2]! & -0x80000000); break; }
        // ---------------------------------------------------------------- f64 arithmetic
        // Math.ceil/floor/trunc return a NaN argument unchanged (a signalling NaN stays signalling);
        // the spec wants an arithmetic NaN, so a NaN result becomes the canonical NaN.
        case 0x99: { const a = ((sp - 1) << 2) + 1; i32[a] = i32[a]! & 0x7fffffff; break; } // abs (bits)
        case 0x9a: { const a = ((sp - 1) << 2) + 1; i32[a] = i32[a]! ^ -0x80000000; break; } // neg (bits)
        case 0x9f: { const d = (sp - 1) << 1; f64[d] = Math.sqrt(f64[d]!); break; }
        case 0xa0: { sp--; const d = (sp - 1) << 1; f64[d] = f64[d]! + f64[sp << 1]!; break; }
        case 0xa1: { sp--; const d = (sp - 1) << 1; f64[d] = f64[d]! - f64[sp << 1]!; break; }
        case 0xa2: { sp--; const d = (sp - 1) << 1; f64[d] = f64[d]! * f64[sp << 1]!; break; }
        case 0xa3: { sp--; const d = (sp - 1) << 1; f64[d] = f64[d]! / f64[sp << 1]!; break; }
        case 0xa6: { sp--; const a = ((sp - 1) << 2) + 1; i32[a] = (i32[a]! & 0x7fffffff) | (i32[(sp << 2) + 1]! & -0x80000000); break; }
        // ---------------------------------------------------------------- conversions
        case 0xa7: // i32.wrap_i64: the low word already is the result
        case 0xbc: case 0xbd: case 0xbe: case 0xbf: // reinterpretations: the bits stay as they are
          break;
        case 0xac: { const a = (sp - 1) << 2; i32[a + 1] = i32[a]! >> 31; break; } // i64.extend_i32_s
        case 0xad: { const a = (sp - 1) << 2; i32[a + 1] = 0; break; } // i64.extend_i32_u
        case 0xb2: { const a = (sp - 1) << 2; f32[a] = i32[a]!; break; } // rounds on store
        case 0xb6: { const d = (sp - 1) << 1; const x = f64[d]!; f32[d << 1] = x; break; } // f32.demote_f64
        case 0xb7: { const d = (sp - 1) << 1; const x = i32[d << 1]!; f64[d] = x; break; }
        case 0xbb: { const d = (sp - 1) << 1; const x = f32[d << 1]!; f64[d] = x; break; } // f64.promote_f32
        case 0xc0: { const a = (sp - 1) << 2; i32[a] = (i32[a]! << 24) >> 24; break; }
        case 0xc1: { const a = (sp - 1) << 2; i32[a] = (i32[a]! << 16) >> 16; break; }
        case 0xc2: { const a = (sp - 1) << 2; const v = (i32[a]! << 24) >> 24; i32[a] = v; i32[a + 1] = v >> 31; break; }
        case 0xc3: { const a = (sp - 1) << 2; const v = (i32[a]! << 16) >> 16; i32[a] = v; i32[a + 1] = v >> 31; break; }
        case 0xc4: { const a = (sp - 1) << 2; i32[a + 1] = i32[a]! >> 31; break; }
        // ---------------------------------------------------------------- specialized (validate/specialize.ts)
        // Typed local access: only the words the local's type uses.
        case 0x120: { // local.get, 1 word
          i32[sp << 2] = i32[(fp + code[pc++]!) << 2]!;
          sp++;
          break;
        }
        case 0x121: { // local.get, 2 words
          const a = (fp + code[pc++]!) << 2; const d = sp << 2;
          i32[d] = i32[a]!; i32[d + 1] = i32[a + 1]!;
          sp++;
          break;
        }
        case 0x122: // local.set, 1 word
          sp--;
          i32[(fp + code[pc++]!) << 2] = i32[sp << 2]!;
          break;
        case 0x123: { // local.set, 2 words
          const d = (fp + code[pc++]!) << 2; sp--; const a = sp << 2;
          i32[d] = i32[a]!; i32[d + 1] = i32[a + 1]!;
          break;
        }
        case 0x124: // local.tee, 1 word
          i32[(fp + code[pc++]!) << 2] = i32[(sp - 1) << 2]!;
          break;
        case 0x125: { // local.tee, 2 words
          const d = (fp + code[pc++]!) << 2; const a = (sp - 1) << 2;
          i32[d] = i32[a]!; i32[d + 1] = i32[a + 1]!;
          break;
        }
        // Fused sequences. In a paid-for segment each runs all of its instructions; when the run's
        // pause point (`stopPc`) lies inside one, it runs only its first instruction and the rest
        // follow as generic code. That partial path reuses the statements of the full one (none of
        // its own): a path first taken after V8 optimized the loop (it runs only at the end of a
        // run) would throw the optimized loop away.
        case 0x126: { // local.get a; local.get b (1 word each): words a LG b
          const partial = stopPc === pc + 1;
          i32[sp << 2] = i32[(fp + code[pc]!) << 2]!;
          sp++;
          if (!partial) {
            i32[sp << 2] = i32[(fp + code[pc + 2]!) << 2]!;
            sp++;
          }
          pc += partial ? 1 : 3;
          break;
        }
        case 0x127: { // local.get a; i32.const c; i32.add: words a CONST c ADD
          const partial = stopPc === pc + 1 || stopPc === pc + 3;
          const v = i32[(fp + code[pc]!) << 2]!;
          i32[sp << 2] = partial ? v : (v + code[pc + 2]!) | 0;
          sp++;
          pc += partial ? 1 : 4;
          break;
        }
        case 0x128: // i32.add; local.tee a: words TEE a
        case 0x129: { // i32.add; local.set a: words SET a
          sp--; const a = (sp - 1) << 2;
          const r = (i32[a]! + i32[sp << 2]!) | 0;
          i32[a] = r;
          if (stopPc === pc) break;
          i32[(fp + code[pc + 1]!) << 2] = r;
          if (op === 0x129) sp--;
          pc += 2;
          break;
        }
        case 0x130: case 0x131: case 0x132: case 0x133: case 0x134: case 0x135: case 0x136: case 0x137: case 0x138: case 0x139: case 0x13a: { // i32 test or comparison; br_if: words BR_IF side
          // The comparison's own effect first (its result pushed), as the generic instruction has it.
          let c: boolean;
          if (op === 0x130) { // i32.eqz
            sp--; c = i32[sp << 2] === 0;
          } else {
            sp -= 2; const x = i32[sp << 2]!; const y = i32[(sp + 1) << 2]!;
            switch (op - 0x130 + 0x45) {
              case 0x46: c = x === y; break;
              case 0x47: c = x !== y; break;
              case 0x48: c = x < y; break;
              case 0x49: c = (x >>> 0) < (y >>> 0); break;
              case 0x4a: c = x > y; break;
              case 0x4b: c = (x >>> 0) > (y >>> 0); break;
              case 0x4c: c = x <= y; break;
              case 0x4d: c = (x >>> 0) <= (y >>> 0); break;
              case 0x4e: c = x >= y; break;
              default: c = (x >>> 0) >= (y >>> 0); break; // 0x4f i32.ge_u
            }
          }
          i32[sp << 2] = c ? 1 : 0;
          sp++;
          if (stopPc === pc) break; // only the comparison runs
          sp--; // br_if pops the condition
          if (!c) { pc += 2; stopPc = pc; break; }
          const e = code[pc + 1]! << 2;
          sp = branch(side, labels, labelHeights, i32, e, sp, fp);
          pc = side[e]!;
          stopPc = pc;
          break;
        }
        default: // everything else, out of line (rare-ops.ts)
          sp = execRare(op, st, inst, mem, s, sp, code, pc);
          pc += IMMEDIATE_WORDS[op]!;
          break;
      }
    }
  }
}
