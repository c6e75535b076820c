/**
 * A typed generator of valid WebAssembly modules (text), for the whole-program differential property
 * and the resumption property. Everything it emits type-checks by construction:
 * - `expr(t)` emits code that pushes exactly one value of type t; `seq(ts)` pushes the sequence ts
 *   (multi-value: a call of a function with those results, a block or `if` typed `(result ts)`).
 * - `br`, `br_table`, `return` and `unreachable` are stack-polymorphic, so they may stand for any type.
 * Termination without fuel: a function calls only functions after it (acyclic, so call depth <= the
 * function count); the table holds only leaf functions (no calls), so `call_indirect` cannot recurse;
 * every loop runs a dedicated counter down from at most 3 and is the target of no other branch.
 * Determinism across engines: the spec lets NaN results carry any payload and sign, so every point
 * where float bits become observable (reinterpret, store, copysign's sign operand, exported results and
 * globals) first replaces any NaN by the canonical NaN; every SIMD float operation that can make a NaN
 * has each NaN lane replaced by the canonical NaN right away (`canonVec`).
 * SIMD: v128 values appear inside scalar expressions (built from splats, constants, loads and lane
 * operations, read back by extract_lane, any_true, all_true and bitmask) and as statements that store
 * them (v128.store and the lane stores), so the final memory compares them too.
 *
 * The generator draws every decision from `choose(n)` (an integer in [0, n)), so fast-check's
 * `fc.gen()` drives it and can shrink a failing program by shrinking those decisions.
 */

export type T = 'i32' | 'i64' | 'f32' | 'f64';
const TYPES: readonly T[] = ['i32', 'i64', 'f32', 'f64'];

export interface Sig { readonly params: readonly T[]; readonly results: readonly T[] }

export interface Program {
  readonly text: string;
  /** Exported wrappers `e<i>`: integer params (i32 for i32/f32, i64 for i64/f64). */
  readonly exports: readonly { readonly name: string; readonly params: readonly ('i32' | 'i64')[] }[];
}

export type Choose = (n: number) => number;

interface Label { readonly name: string; readonly types: readonly T[]; readonly loop: boolean }

const sigKey = (s: Sig): string => `${s.params.join(',')}>${s.results.join(',')}`;
const intOf = (t: T): 'i32' | 'i64' => (t === 'i32' || t === 'f32' ? 'i32' : 'i64');

/** Edge-biased integer constants (as WAT literals). */
const I32_EDGES = ['0', '1', '-1', '2', '7', '31', '32', '0x7fffffff', '-0x80000000', '0xff', '0x8000', '65535', '65536'];
const I64_EDGES = ['0', '1', '-1', '63', '64', '0x7fffffffffffffff', '-0x8000000000000000', '0xffffffff', '0x100000000'];
const F_EDGES = ['0', '-0', '1', '-1', '0.5', '-1.5', '2.5', 'inf', '-inf', 'nan', '-nan', 'nan:0x200001', '1e10', '-1e30', '2147483648', '-2147483649', '4294967296', '9.3e18'];

const I_BIN = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const I_REL = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const F_BIN = ['add', 'sub', 'mul', 'div', 'min', 'max'];
const F_UN = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'];
const F_REL = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const LOADS: Record<T, readonly string[]> = {
  i32: ['i32.load', 'i32.load8_s', 'i32.load8_u', 'i32.load16_s', 'i32.load16_u'],
  i64: ['i64.load', 'i64.load8_s', 'i64.load8_u', 'i64.load16_s', 'i64.load16_u', 'i64.load32_s', 'i64.load32_u'],
  f32: ['f32.load'],
  f64: ['f64.load'],
};
const STORES: Record<T, readonly string[]> = {
  i32: ['i32.store', 'i32.store8', 'i32.store16'],
  i64: ['i64.store', 'i64.store8', 'i64.store16', 'i64.store32'],
  f32: ['f32.store'],
  f64: ['f64.store'],
};

/** SIMD integer shapes with their lane counts and the scalar type one lane is built from or read to. */
const INT_SHAPES = [['i8x16', 16], ['i16x8', 8], ['i32x4', 4], ['i64x2', 2]] as const;
const FLOAT_SHAPES = [['f32x4', 4], ['f64x2', 2]] as const;
const V_INT_BIN: Record<string, readonly string[]> = {
  i8x16: ['add', 'sub', 'add_sat_s', 'add_sat_u', 'sub_sat_s', 'sub_sat_u', 'min_s', 'max_u', 'avgr_u', 'eq', 'lt_s', 'gt_u', 'narrow_i16x8_s', 'narrow_i16x8_u'],
  i16x8: ['add', 'sub', 'mul', 'add_sat_s', 'sub_sat_u', 'min_u', 'max_s', 'avgr_u', 'q15mulr_sat_s', 'ne', 'le_s', 'ge_u', 'extmul_low_i8x16_s', 'extmul_high_i8x16_u'],
  i32x4: ['add', 'sub', 'mul', 'min_s', 'max_u', 'dot_i16x8_s', 'eq', 'lt_u', 'ge_s', 'extmul_low_i16x8_u', 'extmul_high_i16x8_s'],
  i64x2: ['add', 'sub', 'mul', 'eq', 'ne', 'lt_s', 'ge_s', 'extmul_low_i32x4_s', 'extmul_high_i32x4_u'],
};
const V_INT_UN: Record<string, readonly string[]> = {
  i8x16: ['abs', 'neg', 'popcnt'],
  i16x8: ['abs', 'neg', 'extend_low_i8x16_s', 'extend_high_i8x16_u', 'extadd_pairwise_i8x16_s'],
  i32x4: ['abs', 'neg', 'extend_high_i16x8_s', 'extadd_pairwise_i16x8_u', 'trunc_sat_f32x4_s', 'trunc_sat_f64x2_u_zero'],
  i64x2: ['abs', 'neg', 'extend_low_i32x4_u', 'extend_high_i32x4_s'],
};
const V_FLOAT_BIN = ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax'];
const V_FLOAT_UN = ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest'];
const V_FLOAT_REL = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const V_LOADS = ['v128.load', 'v128.load8x8_s', 'v128.load8x8_u', 'v128.load16x4_s', 'v128.load32x2_u', 'v128.load8_splat', 'v128.load16_splat', 'v128.load32_splat', 'v128.load64_splat', 'v128.load32_zero', 'v128.load64_zero'];
const V_LANE_ACCESS = [['8', 16], ['16', 8], ['32', 4], ['64', 2]] as const;

class FunctionGen {
  private readonly locals: (T | 'v128')[];
  private readonly labels: Label[] = [];
  private nextLabel = 0;
  /** Scratch locals for NaN canonicalization. */
  private readonly scratch: Record<'f32' | 'f64' | 'v128', number>;
  private readonly firstCounter: number;

  constructor(
    private readonly c: Choose,
    private readonly index: number,
    private readonly sig: Sig,
    private readonly mod: ModuleGen,
    private readonly leaf: boolean,
  ) {
    this.locals = [...sig.params];
    for (let i = c(4); i > 0; i--) this.locals.push(TYPES[c(4)]!);
    this.scratch = { f32: this.locals.push('f32') - 1, f64: this.locals.push('f64') - 1, v128: this.locals.push('v128') - 1 };
    this.firstCounter = this.locals.length;
  }

  private pick<X>(xs: readonly X[]): X {
    return xs[this.c(xs.length)]!;
  }

  /** User locals of type t (not scratch, not loop counters). */
  private localsOf(t: T): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.firstCounter; i++) {
      if (this.locals[i] === t && i !== this.scratch.f32 && i !== this.scratch.f64) out.push(i);
    }
    return out;
  }

  const(t: T): string {
    if (t === 'i32') return `(i32.const ${this.c(2) ? this.pick(I32_EDGES) : String(this.c(2000) - 1000)})`;
    if (t === 'i64') return `(i64.const ${this.c(2) ? this.pick(I64_EDGES) : String(this.c(2000) - 1000)})`;
    return `(${t}.const ${this.c(2) ? this.pick(F_EDGES) : String((this.c(4000) - 2000) / 8)})`;
  }

  /** `e` with a NaN replaced by the canonical NaN (e is evaluated once). */
  canon(t: T, e: string): string {
    if (t === 'i32' || t === 'i64') return e;
    const s = this.scratch[t];
    return `(select (${t}.const nan) (local.tee ${s} ${e}) (${t}.ne (local.get ${s}) (local.get ${s})))`;
  }

  /** `e` (a v128 of shape f32x4 or f64x2) with every NaN lane replaced by the canonical NaN. */
  private canonVec(shape: 'f32x4' | 'f64x2', e: string): string {
    const v = this.scratch.v128;
    const nan = shape === 'f32x4' ? 'f32x4 nan nan nan nan' : 'f64x2 nan nan';
    return `(v128.bitselect (v128.const ${nan}) (local.tee ${v} ${e}) (${shape}.ne (local.get ${v}) (local.get ${v})))`;
  }

  /** A v128 value; scalar operands are expressions of depth below d. */
  private vec(d: number): string {
    const [ishape, ilanes] = this.pick(INT_SHAPES);
    const [fshape] = this.pick(FLOAT_SHAPES);
    const laneScalar = (shape: string): T => (shape === 'i64x2' ? 'i64' : shape === 'f32x4' ? 'f32' : shape === 'f64x2' ? 'f64' : 'i32');
    if (d <= 0) {
      return this.c(2)
        ? `(v128.const i32x4 ${Array.from({ length: 4 }, () => this.pick(I32_EDGES)).join(' ')})`
        : `(${ishape}.splat ${this.expr(laneScalar(ishape), 0)})`;
    }
    switch (this.c(12)) {
      case 0: return `(${ishape}.splat ${this.expr(laneScalar(ishape), d - 1)})`;
      case 1: return this.canonVec(fshape, `(${fshape}.splat ${this.expr(laneScalar(fshape), d - 1)})`);
      case 2: return `(${this.pick(V_LOADS)}${this.memarg()} ${this.address(d)})`;
      case 3: {
        const [size, lanes] = this.pick(V_LANE_ACCESS);
        return `(v128.load${size}_lane${this.memarg()} ${this.c(lanes)} ${this.address(d)} ${this.vec(d - 1)})`;
      }
      case 4: return `(${ishape}.${this.pick(V_INT_BIN[ishape]!)} ${this.vec(d - 1)} ${this.vec(d - 1)})`;
      case 5: return `(${ishape}.${this.pick(V_INT_UN[ishape]!)} ${this.vec(d - 1)})`;
      case 6: return `(${ishape}.${this.pick(['shl', 'shr_s', 'shr_u'])} ${this.vec(d - 1)} ${this.expr('i32', d - 1)})`;
      case 7: return this.c(2)
        ? this.canonVec(fshape, `(${fshape}.${this.pick(V_FLOAT_BIN)} ${this.vec(d - 1)} ${this.vec(d - 1)})`)
        : this.canonVec(fshape, `(${fshape}.${this.pick(V_FLOAT_UN)} ${this.vec(d - 1)})`);
      case 8: return this.pick([
        `(${fshape}.${this.pick(V_FLOAT_REL)} ${this.vec(d - 1)} ${this.vec(d - 1)})`,
        this.canonVec('f32x4', `(f32x4.convert_i32x4_${this.pick(['s', 'u'])} ${this.vec(d - 1)})`),
        this.canonVec('f32x4', `(f32x4.demote_f64x2_zero ${this.vec(d - 1)})`),
        this.canonVec('f64x2', `(f64x2.promote_low_f32x4 ${this.vec(d - 1)})`),
      ]);
      case 9: return `(${this.pick(['v128.and', 'v128.or', 'v128.xor', 'v128.andnot'])} ${this.vec(d - 1)} ${this.vec(d - 1)})`;
      case 10: return this.c(2)
        ? `(i8x16.shuffle ${Array.from({ length: 16 }, () => this.c(32)).join(' ')} ${this.vec(d - 1)} ${this.vec(d - 1)})`
        : `(v128.bitselect ${this.vec(d - 1)} ${this.vec(d - 1)} ${this.vec(d - 1)})`;
      default: {
        const lane = this.c(ilanes);
        const t = laneScalar(ishape);
        return this.c(2)
          ? `(${ishape}.replace_lane ${lane} ${this.vec(d - 1)} ${this.expr(t, d - 1)})`
          : `(i8x16.swizzle ${this.vec(d - 1)} ${this.vec(d - 1)})`;
      }
    }
  }

  /** A scalar of type t read out of a v128 value. */
  private fromVec(t: T, d: number): string {
    switch (t) {
      case 'i32': {
        const [shape, lanes] = this.pick(INT_SHAPES.filter(([sh]) => sh !== 'i64x2'));
        const sign = shape === 'i32x4' ? '' : this.pick(['_s', '_u']);
        return this.pick([
          `(${shape}.extract_lane${sign} ${this.c(lanes)} ${this.vec(d - 1)})`,
          `(v128.any_true ${this.vec(d - 1)})`,
          `(${this.pick(INT_SHAPES)[0]}.all_true ${this.vec(d - 1)})`,
          `(${this.pick(INT_SHAPES)[0]}.bitmask ${this.vec(d - 1)})`,
        ]);
      }
      case 'i64': return `(i64x2.extract_lane ${this.c(2)} ${this.vec(d - 1)})`;
      case 'f32': return `(f32x4.extract_lane ${this.c(4)} ${this.vec(d - 1)})`;
      default: return `(f64x2.extract_lane ${this.c(2)} ${this.vec(d - 1)})`;
    }
  }

  /** A statement storing a v128 value (whole, or one lane). */
  private vecStore(d: number): string {
    if (this.c(2)) return `(v128.store${this.memarg()} ${this.address(d)} ${this.vec(d - 1)})`;
    const [size, lanes] = this.pick(V_LANE_ACCESS);
    return `(v128.store${size}_lane${this.memarg()} ${this.c(lanes)} ${this.address(d)} ${this.vec(d - 1)})`;
  }

  private address(d: number): string {
    switch (this.c(14)) {
      case 0: return `(i32.const ${this.pick(['65532', '65535', '65536', '-1', '131068'])})`; // at or past the end
      case 1: return this.expr('i32', d - 1); // anything: often out of bounds
      case 2: case 3: return `(i32.and ${this.expr('i32', d - 1)} (i32.const 0x3ff))`;
      default: return `(i32.const ${this.c(1024)})`;
    }
  }

  private memarg(): string {
    return this.c(3) === 0 ? ` offset=${this.c(4) * 8 + this.c(3)}` : '';
  }

  /** Pushes one value of type t. */
  expr(t: T, d: number): string {
    const leafExpr = (): string => {
      const ls = this.localsOf(t);
      switch (this.c(3)) {
        case 0: return ls.length > 0 ? `(local.get ${this.pick(ls)})` : this.const(t);
        case 1: return `(global.get $g_${t})`;
        default: return this.const(t);
      }
    };
    if (d <= 0) return leafExpr();
    const k = this.c(25);
    switch (k) {
      case 24: return this.fromVec(t, d);
      case 0: case 1: case 2: return leafExpr();
      case 3: case 4: case 5: return this.arith(t, d);
      case 6: case 7: return this.convert(t, d);
      case 8: return `(${this.pick(LOADS[t])}${this.memarg()} ${this.address(d)})`;
      case 9: return this.callExpr([t], d) ?? leafExpr();
      case 10: return this.callIndirect([t], d) ?? leafExpr();
      case 11: return this.block([t], d);
      case 12: return this.ifExpr([t], d);
      case 13: return this.loop(t, d);
      case 14: return this.branch(d) ?? leafExpr();
      case 15: return this.brIf([t], d) ?? leafExpr();
      case 16: return `(select ${this.expr(t, d - 1)} ${this.expr(t, d - 1)} ${this.expr('i32', d - 1)})`;
      case 17: {
        const ls = this.localsOf(t);
        return ls.length > 0 ? `(local.tee ${this.pick(ls)} ${this.expr(t, d - 1)})` : leafExpr();
      }
      case 18: return this.c(3) === 0 ? `(return ${this.seq(this.sig.results, d - 1)})` : leafExpr();
      case 19: return this.c(8) === 0 ? '(unreachable)' : leafExpr();
      case 20:
        if (t !== 'i32') return leafExpr();
        return this.pick(['(memory.size)', `(memory.grow ${this.c(2) ? `(i32.const ${this.c(2)})` : this.expr('i32', d - 1)})`, '(table.size $t)']);
      case 21: return this.brTable(d) ?? leafExpr();
      default: return `(block (result ${t}) ${this.stmt(d - 1)} ${this.expr(t, d - 1)})`;
    }
  }

  private arith(t: T, d: number): string {
    if (t === 'i32' && this.c(3) === 0) { // comparisons of any type, and eqz
      const u = TYPES[this.c(4)]!;
      if (u === 'i32' || u === 'i64') {
        return this.c(5) === 0 ? `(${u}.eqz ${this.expr(u, d - 1)})` : `(${u}.${this.pick(I_REL)} ${this.expr(u, d - 1)} ${this.expr(u, d - 1)})`;
      }
      return `(${u}.${this.pick(F_REL)} ${this.expr(u, d - 1)} ${this.expr(u, d - 1)})`;
    }
    if (t === 'i32' || t === 'i64') {
      if (this.c(4) === 0) {
        const un = this.pick(['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', ...(t === 'i64' ? ['extend32_s'] : [])]);
        return `(${t}.${un} ${this.expr(t, d - 1)})`;
      }
      const op = this.pick(I_BIN);
      // Divisors are often small constants, sometimes 0 or -1 (traps and overflow).
      const rhs = op.startsWith('div') || op.startsWith('rem') ? (this.c(2) ? `(${t}.const ${this.pick(['0', '-1', '3', '7', '-5'])})` : this.expr(t, d - 1)) : this.expr(t, d - 1);
      return `(${t}.${op} ${this.expr(t, d - 1)} ${rhs})`;
    }
    switch (this.c(4)) {
      case 0: return `(${t}.${this.pick(F_UN)} ${this.expr(t, d - 1)})`;
      case 1: return `(${t}.copysign ${this.expr(t, d - 1)} ${this.canon(t, this.expr(t, d - 1))})`;
      default: return `(${t}.${this.pick(F_BIN)} ${this.expr(t, d - 1)} ${this.expr(t, d - 1)})`;
    }
  }

  private convert(t: T, d: number): string {
    const s = this.pick(['s', 'u']);
    switch (t) {
      case 'i32':
        switch (this.c(4)) {
          case 0: return `(i32.wrap_i64 ${this.expr('i64', d - 1)})`;
          case 1: return `(i32.reinterpret_f32 ${this.canon('f32', this.expr('f32', d - 1))})`;
          default: {
            const f = this.pick(['f32', 'f64'] as const);
            return `(i32.trunc_${this.c(2) ? 'sat_' : ''}${f}_${s} ${this.expr(f, d - 1)})`;
          }
        }
      case 'i64':
        switch (this.c(4)) {
          case 0: return `(i64.extend_i32_${s} ${this.expr('i32', d - 1)})`;
          case 1: return `(i64.reinterpret_f64 ${this.canon('f64', this.expr('f64', d - 1))})`;
          default: {
            const f = this.pick(['f32', 'f64'] as const);
            return `(i64.trunc_${this.c(2) ? 'sat_' : ''}${f}_${s} ${this.expr(f, d - 1)})`;
          }
        }
      case 'f32':
        switch (this.c(3)) {
          case 0: return `(f32.demote_f64 ${this.expr('f64', d - 1)})`;
          case 1: return `(f32.reinterpret_i32 ${this.expr('i32', d - 1)})`;
          default: { const i = this.pick(['i32', 'i64'] as const); return `(f32.convert_${i}_${s} ${this.expr(i, d - 1)})`; }
        }
      default:
        switch (this.c(3)) {
          case 0: return `(f64.promote_f32 ${this.expr('f32', d - 1)})`;
          case 1: return `(f64.reinterpret_i64 ${this.expr('i64', d - 1)})`;
          default: { const i = this.pick(['i32', 'i64'] as const); return `(f64.convert_${i}_${s} ${this.expr(i, d - 1)})`; }
        }
    }
  }

  /** Pushes the sequence ts. */
  seq(ts: readonly T[], d: number): string {
    if (d > 0 && ts.length > 0) {
      switch (this.c(6)) {
        case 0: { const call = this.callExpr(ts, d); if (call !== undefined) return call; break; }
        case 1: return this.block(ts, d);
        case 2: return this.ifExpr(ts, d);
        default: break;
      }
    }
    return ts.map((t) => this.expr(t, d - 1)).join(' ');
  }

  private callees(results: readonly T[]): number[] {
    if (this.leaf) return [];
    const key = results.join(',');
    const out: number[] = [];
    this.mod.sigs.forEach((s, j) => { if (j > this.index && s.results.join(',') === key) out.push(j); });
    return out;
  }

  private callExpr(results: readonly T[], d: number): string | undefined {
    const cs = this.callees(results);
    if (cs.length === 0) return undefined;
    const j = this.pick(cs);
    return `(call $f${j} ${this.seq(this.mod.sigs[j]!.params, d - 1)})`;
  }

  private callIndirect(results: readonly T[], d: number): string | undefined {
    if (this.leaf) return undefined;
    const key = results.join(',');
    const types = this.mod.pool.map((s, i) => ({ s, i })).filter(({ s }) => s.results.join(',') === key);
    if (types.length === 0) return undefined;
    const { s, i } = this.pick(types);
    const index = this.c(3) === 0 ? this.expr('i32', d - 1) : `(i32.const ${this.c(this.mod.tableSize + 2)})`;
    return `(call_indirect $t (type $s${i}) ${this.seq(s.params, d - 1)} ${index})`;
  }

  private withLabel(types: readonly T[], loop: boolean, body: (name: string) => string): string {
    const name = `$L${this.nextLabel++}`;
    this.labels.push({ name, types, loop });
    try {
      return body(name);
    } finally {
      this.labels.pop();
    }
  }

  private resultAnnot(ts: readonly T[]): string {
    return ts.length === 0 ? '' : ` (result ${ts.join(' ')})`;
  }

  private block(ts: readonly T[], d: number): string {
    return this.withLabel(ts, false, (n) => `(block ${n}${this.resultAnnot(ts)} ${this.stmts(d - 1)} ${this.seq(ts, d - 1)})`);
  }

  private ifExpr(ts: readonly T[], d: number): string {
    const cond = this.expr('i32', d - 1);
    return this.withLabel(ts, false, (n) =>
      `(if ${n}${this.resultAnnot(ts)} ${cond} (then ${this.stmts(d - 1)} ${this.seq(ts, d - 1)}) (else ${this.stmts(d - 1)} ${this.seq(ts, d - 1)}))`);
  }

  /** A loop run by a dedicated counter: at most 3 iterations per entry. */
  private loop(t: T | undefined, d: number): string {
    const counter = this.locals.push('i32') - 1;
    const init = `(local.set ${counter} (i32.const ${1 + this.c(3)}))`;
    const body = this.withLabel([], true, (n) => `(loop ${n}${t === undefined ? '' : ` (result ${t})`} ${this.stmts(d - 1)}
      (br_if ${n} (i32.ne (local.tee ${counter} (i32.sub (local.get ${counter}) (i32.const 1))) (i32.const 0)))
      ${t === undefined ? '' : this.expr(t, d - 1)})`);
    return t === undefined ? `${init} ${body}` : `(block (result ${t}) ${init} ${body})`;
  }

  private targets(): Label[] {
    return this.labels.filter((l) => !l.loop);
  }

  /** `br` to an enclosing block (polymorphic: stands for any type). */
  private branch(d: number): string | undefined {
    const ls = this.targets();
    if (ls.length === 0) return undefined;
    const l = this.pick(ls);
    return `(br ${l.name} ${this.seq(l.types, d - 1)})`;
  }

  private brIf(ts: readonly T[], d: number): string | undefined {
    const key = ts.join(',');
    const ls = this.targets().filter((l) => l.types.join(',') === key);
    if (ls.length === 0) return undefined;
    const l = this.pick(ls);
    return `(br_if ${l.name} ${this.seq(ts, d - 1)} ${this.expr('i32', d - 1)})`;
  }

  private brTable(d: number): string | undefined {
    const ls = this.targets();
    if (ls.length === 0) return undefined;
    const dflt = this.pick(ls);
    const same = ls.filter((l) => l.types.join(',') === dflt.types.join(','));
    const n = this.c(5);
    const table = Array.from({ length: n }, () => this.pick(same).name);
    const index = this.c(2) ? `(i32.const ${this.c(n + 3) - 1})` : this.expr('i32', d - 1);
    return `(br_table ${[...table, dflt.name].join(' ')} ${this.seq(dflt.types, d - 1)} ${index})`;
  }

  stmts(d: number): string {
    const n = d <= 0 ? this.c(2) : this.c(4);
    return Array.from({ length: n }, () => this.stmt(d)).join(' ');
  }

  private stmt(d: number): string {
    const t = TYPES[this.c(4)]!;
    switch (this.c(d <= 0 ? 4 : 12)) {
      case 0: return `(drop ${this.expr(t, d)})`;
      case 1: {
        const ls = this.localsOf(t);
        return ls.length > 0 ? `(local.set ${this.pick(ls)} ${this.expr(t, d)})` : `(drop ${this.expr(t, d)})`;
      }
      case 2: return `(global.set $g_${t} ${this.expr(t, d)})`;
      case 3: return `(${this.pick(STORES[t])}${this.memarg()} ${this.address(d)} ${this.canon(t, this.expr(t, d))})`;
      case 4: return `(if ${this.expr('i32', d - 1)} (then ${this.stmts(d - 1)}) (else ${this.stmts(d - 1)}))`;
      case 5: return this.loop(undefined, d);
      case 6: return this.withLabel([], false, (n) => `(block ${n} ${this.stmts(d - 1)})`);
      case 7: {
        // A multi-value call whose results are dropped one by one.
        const cands = this.leaf ? [] : this.mod.sigs.map((_, i) => i).filter((i) => i > this.index);
        if (cands.length === 0) return `(drop ${this.expr(t, d)})`;
        const f = this.pick(cands);
        const s = this.mod.sigs[f]!;
        return `(call $f${f} ${this.seq(s.params, d - 1)})${' (drop)'.repeat(s.results.length)}`;
      }
      case 8: return `(memory.fill ${this.address(d)} ${this.expr('i32', d - 1)} (i32.const ${this.c(40)}))`;
      case 9: return `(memory.copy ${this.address(d)} ${this.address(d)} (i32.const ${this.c(40)}))`;
      case 10: return this.brIf([], d) ?? `(drop ${this.expr(t, d)})`;
      case 11: return d > 0 ? this.vecStore(d) : `(drop ${this.expr(t, d)})`;
      default: return `(drop ${this.expr(t, d)})`;
    }
  }

  text(): string {
    const body = `${this.stmts(2)} ${this.seq(this.sig.results, 3)}`;
    const params = this.sig.params.length > 0 ? ` (param ${this.sig.params.join(' ')})` : '';
    const extra = this.locals.slice(this.sig.params.length);
    return `(func $f${this.index} (type $s${this.mod.poolIndex(this.sig)})${params}${this.resultAnnot(this.sig.results)}${extra.length > 0 ? ` (local ${extra.join(' ')})` : ''}\n  ${body})`;
  }
}

class ModuleGen {
  readonly pool: Sig[] = [];
  readonly sigs: Sig[] = [];
  readonly tableSize: number;
  constructor(private readonly c: Choose) {
    const nsigs = 2 + c(3);
    for (let i = 0; i < nsigs; i++) {
      const params = Array.from({ length: c(4) }, () => TYPES[c(4)]!);
      const results = Array.from({ length: c(4) }, () => TYPES[c(4)]!);
      this.pool.push({ params, results });
    }
    const nfuncs = 2 + c(5);
    for (let i = 0; i < nfuncs; i++) this.sigs.push(this.pool[c(this.pool.length)]!);
    this.tableSize = 2 + c(4);
  }

  poolIndex(s: Sig): number {
    return this.pool.indexOf(s);
  }

  text(): Program {
    const c = this.c;
    const nleaves = 1 + c(2);
    const firstLeaf = Math.max(0, this.sigs.length - nleaves);
    const types = this.pool.map((s, i) => `(type $s${i} (func${s.params.length ? ` (param ${s.params.join(' ')})` : ''}${s.results.length ? ` (result ${s.results.join(' ')})` : ''}))`);
    const funcs = this.sigs.map((s, i) => new FunctionGen(c, i, s, this, i >= firstLeaf).text());
    const elems = Array.from({ length: c(this.tableSize + 1) }, () => `$f${firstLeaf + c(this.sigs.length - firstLeaf)}`);
    const bytes = Array.from({ length: 64 }, () => `\\${c(256).toString(16).padStart(2, '0')}`).join('');
    const globals = TYPES.map((t) => `(global $g_${t} (mut ${t}) (${t}.const ${c(2) ? '0' : String(c(100) - 50)}))`);
    const exportsList: { name: string; params: ('i32' | 'i64')[] }[] = [];
    const wrappers = this.sigs.map((s, i) => {
      const ps = s.params.map(intOf);
      exportsList.push({ name: `e${i}`, params: ps });
      const args = s.params.map((t, j) => (t === 'f32' ? `(f32.reinterpret_i32 (local.get ${j}))` : t === 'f64' ? `(f64.reinterpret_i64 (local.get ${j}))` : `(local.get ${j})`)).join(' ');
      const base = s.params.length; // result locals follow the params
      const save = s.results.map((_, k) => `(local.set ${base + s.results.length - 1 - k})`).join(' ');
      const out = s.results.map((t, k) => {
        const get = `(local.get ${base + k})`;
        if (t === 'f32') return `(i32.reinterpret_f32 (select (f32.const nan) ${get} (f32.ne ${get} ${get})))`;
        if (t === 'f64') return `(i64.reinterpret_f64 (select (f64.const nan) ${get} (f64.ne ${get} ${get})))`;
        return get;
      }).join(' ');
      return `(func (export "e${i}")${ps.length ? ` (param ${ps.join(' ')})` : ''}${s.results.length ? ` (result ${s.results.map(intOf).join(' ')})` : ''}${s.results.length ? ` (local ${s.results.join(' ')})` : ''}
  (call $f${i} ${args}) ${save} ${out})`;
    });
    const dump = `(func (export "globals") (result i32 i64 i32 i64)
  (global.get $g_i32) (global.get $g_i64)
  (i32.reinterpret_f32 (select (f32.const nan) (global.get $g_f32) (f32.ne (global.get $g_f32) (global.get $g_f32))))
  (i64.reinterpret_f64 (select (f64.const nan) (global.get $g_f64) (f64.ne (global.get $g_f64) (global.get $g_f64)))))`;
    const text = `(module
${types.join('\n')}
(memory (export "mem") 1 2)
(data (i32.const ${c(900)}) "${bytes}")
(table $t ${this.tableSize} funcref)
${elems.length ? `(elem (table $t) (i32.const 0) func ${elems.join(' ')})` : ''}
${globals.join('\n')}
${funcs.join('\n')}
${wrappers.join('\n')}
${dump})`;
    return { text, exports: exportsList };
  }
}

export function generateProgram(choose: Choose): Program {
  return new ModuleGen(choose).text();
}
