/**
 * Flat lifting and lowering (CanonicalABI.md "Flat Lifting", "Flat Lowering", "Lifting and Lowering
 * Values"): component values to and from sequences of core values, spilling to linear memory when
 * there are more flat values than the limit allows.
 */

import { ValType } from '../../core/binary/module.js';
import type { Value } from '../../core/exec/values.js';
import { i32, type LiftLowerContext } from './context.js';
import { liftBorrow, liftOwn, lowerBorrow, lowerOwn } from './handles.js';
import {
  caseCount, caseTypes, checkBigInt, checkBool, checkChar, checkInt, checkNumber, checkString,
  makeCase, matchCase, packFlags, recordField, recordObject, tupleArray, unpackFlags,
} from './js-values.js';
import { type FlatType, alignment, elemSize, flattenType, flattenTypes } from './layout.js';
import { CANONICAL_F32_NAN, CANONICAL_F64_NAN, i32ToChar, loadListFromRange, loadValue, storeListIntoRange, storeValue } from './memory.js';
import { loadStringFromRange, storeStringIntoRange } from './strings.js';
import { abiTrap } from './trap.js';
import type { CType } from './types.js';

const TYPE_NAME: Record<number, Value['type']> = {
  [ValType.i32]: 'i32', [ValType.i64]: 'i64', [ValType.f32]: 'f32', [ValType.f64]: 'f64',
};

const scratch = new DataView(new ArrayBuffer(8));

/** An f32 core value; NaN is given the canonical bit pattern (deterministic profile). */
export function f32(x: number): Value {
  if (Number.isNaN(x)) return { type: 'f32', value: NaN, bits: CANONICAL_F32_NAN };
  scratch.setFloat32(0, x, true);
  return { type: 'f32', value: scratch.getFloat32(0, true), bits: scratch.getUint32(0, true) };
}

/** An f64 core value; NaN is given the canonical bit pattern. */
export function f64(x: number): Value {
  if (Number.isNaN(x)) return { type: 'f64', value: NaN, bits: CANONICAL_F64_NAN };
  scratch.setFloat64(0, x, true);
  return { type: 'f64', value: x, bits: scratch.getBigUint64(0, true) };
}

function i64(v: bigint): Value {
  return { type: 'i64', value: BigInt.asIntN(64, v) };
}

function zero(t: FlatType): Value {
  switch (t) {
    case ValType.i32: return i32(0);
    case ValType.i64: return i64(0n);
    case ValType.f32: return f32(0);
    default: return f64(0);
  }
}

/** A source of flat values (spec `CoreValueIter`). */
export interface FlatSource {
  next(t: FlatType): Value;
}

/** Spec `CoreValueIter` over a list of core values, checking each value's type. */
export class CoreValueIter implements FlatSource {
  private i = 0;
  constructor(private readonly values: readonly Value[]) {}

  next(t: FlatType): Value {
    const v = this.values[this.i++];
    if (v === undefined || v.type !== TYPE_NAME[t]) {
      throw abiTrap(`core value ${this.i - 1} is ${v === undefined ? 'missing' : v.type}, expected ${TYPE_NAME[t]}`);
    }
    return v;
  }

  done(): boolean {
    return this.i === this.values.length;
  }
}

function u32Of(v: Value): number {
  return (v.value as number) >>> 0;
}

/** The f32 whose bits are the low 32 bits of `bits` (spec `decode_i32_as_float`, NaN canonicalized). */
function f32FromBits(bits: number): Value {
  scratch.setUint32(0, bits >>> 0, true);
  const x = scratch.getFloat32(0, true);
  return Number.isNaN(x) ? f32(NaN) : { type: 'f32', value: x, bits: bits >>> 0 };
}

/**
 * The iterator `lift_flat_variant` uses: reads the variant's joined flat types from `vi` and
 * reinterprets each value as the type the case payload wants.
 */
class CoerceValueIter implements FlatSource {
  /** Index into `flat`; slot 0 is the discriminant, already read. */
  private k = 1;
  constructor(private readonly vi: FlatSource, private readonly flat: readonly FlatType[]) {}

  next(want: FlatType): Value {
    const have = this.flat[this.k++]!;
    const x = this.vi.next(have);
    if (have === want) return x;
    if (have === ValType.i32 && want === ValType.f32) return f32FromBits(x.value as number);
    if (have === ValType.i64) {
      const b = x.value as bigint;
      if (want === ValType.i32) return i32(Number(BigInt.asUintN(32, b)));
      if (want === ValType.f32) return f32FromBits(Number(BigInt.asUintN(32, b)));
      if (want === ValType.f64) {
        scratch.setBigUint64(0, BigInt.asUintN(64, b), true);
        return f64(scratch.getFloat64(0, true));
      }
    }
    throw abiTrap(`internal: cannot coerce flat ${TYPE_NAME[have]} to ${TYPE_NAME[want]}`);
  }

  /** Consumes the joined types the case payload did not use. */
  finish(): void {
    while (this.k < this.flat.length) this.vi.next(this.flat[this.k++]!);
  }
}

/** Spec `lift_flat(cx, vi, t)`. */
export function liftFlat(cx: LiftLowerContext, vi: FlatSource, t: CType): unknown {
  switch (t.kind) {
    case 'bool': return (vi.next(ValType.i32).value as number) !== 0;
    case 'u8': return (vi.next(ValType.i32).value as number) & 0xff;
    case 's8': return ((vi.next(ValType.i32).value as number) << 24) >> 24;
    case 'u16': return (vi.next(ValType.i32).value as number) & 0xffff;
    case 's16': return ((vi.next(ValType.i32).value as number) << 16) >> 16;
    case 'u32': return u32Of(vi.next(ValType.i32));
    case 's32': return (vi.next(ValType.i32).value as number) | 0;
    case 'u64': return BigInt.asUintN(64, vi.next(ValType.i64).value as bigint);
    case 's64': return BigInt.asIntN(64, vi.next(ValType.i64).value as bigint);
    case 'f32': return vi.next(ValType.f32).value as number;
    case 'f64': return vi.next(ValType.f64).value as number;
    case 'char': return i32ToChar(u32Of(vi.next(ValType.i32)));
    case 'string': {
      const ptr = u32Of(vi.next(ValType.i32));
      return loadStringFromRange(cx, ptr, u32Of(vi.next(ValType.i32)));
    }
    case 'list': {
      const ptr = u32Of(vi.next(ValType.i32));
      return loadListFromRange(cx, ptr, u32Of(vi.next(ValType.i32)), t.elem);
    }
    case 'record': {
      const o: Record<string, unknown> = {};
      for (const f of t.fields) o[f.name] = liftFlat(cx, vi, f.type);
      return o;
    }
    case 'tuple': return t.types.map((ft) => liftFlat(cx, vi, ft));
    case 'variant': case 'enum': case 'option': case 'result': {
      const n = caseCount(t);
      const flat = flattenType(t);
      const index = u32Of(vi.next(ValType.i32));
      if (index >= n) throw abiTrap(`invalid variant discriminant: ${index} (the type has ${n} cases)`);
      const ct = caseTypes(t)[index];
      const ci = new CoerceValueIter(vi, flat);
      const payload = ct === undefined ? undefined : liftFlat(cx, ci, ct);
      ci.finish();
      return makeCase(t, index, payload);
    }
    case 'flags': return unpackFlags(t.names, u32Of(vi.next(ValType.i32)));
    case 'own': return liftOwn(cx, u32Of(vi.next(ValType.i32)), t.resource);
    case 'borrow': return liftBorrow(cx, u32Of(vi.next(ValType.i32)), t.resource);
  }
}

/** Spec `lower_flat(cx, v, t)`: appends the flat values of `v` to `out`. */
export function lowerFlat(cx: LiftLowerContext, v: unknown, t: CType, out: Value[], what: string): void {
  switch (t.kind) {
    case 'bool': out.push(i32(checkBool(v, what) ? 1 : 0)); return;
    case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32': out.push(i32(checkInt(t.kind, v, what))); return;
    case 'u64': case 's64': out.push(i64(checkBigInt(t.kind, v, what))); return;
    case 'f32': out.push(f32(checkNumber(v, what))); return;
    case 'f64': out.push(f64(checkNumber(v, what))); return;
    case 'char': out.push(i32(checkChar(v, what))); return;
    case 'string': {
      const [ptr, units] = storeStringIntoRange(cx, checkString(v, what));
      out.push(i32(ptr), i32(units));
      return;
    }
    case 'list': {
      const [ptr, n] = storeListIntoRange(cx, v, t.elem, what);
      out.push(i32(ptr), i32(n));
      return;
    }
    case 'record': {
      const o = recordObject(v, what);
      for (const f of t.fields) lowerFlat(cx, recordField(o, f.name, what), f.type, out, `${what}.${f.name}`);
      return;
    }
    case 'tuple': {
      const a = tupleArray(v, t.types.length, what);
      t.types.forEach((ft, i) => lowerFlat(cx, a[i], ft, out, `${what}[${i}]`));
      return;
    }
    case 'variant': case 'enum': case 'option': case 'result': {
      const { index, payload } = matchCase(t, v, what);
      const flat = flattenType(t);
      out.push(i32(index));
      const ct = caseTypes(t)[index];
      let k = 1;
      if (ct !== undefined) {
        const vals: Value[] = [];
        lowerFlat(cx, payload, ct, vals, `${what}.val`);
        for (const fv of vals) out.push(coerceForJoin(fv, flat[k++]!));
      }
      while (k < flat.length) out.push(zero(flat[k++]!));
      return;
    }
    case 'flags': out.push(i32(packFlags(t, v, what))); return;
    case 'own': out.push(i32(lowerOwn(cx, v, t.resource, what))); return;
    case 'borrow': out.push(i32(lowerBorrow(cx, v, t.resource, what))); return;
  }
}

/** The coercions of `lower_flat_variant` from a payload's flat value to the joined flat type. */
function coerceForJoin(v: Value, want: FlatType): Value {
  if (v.type === TYPE_NAME[want]) return v;
  if (v.type === 'f32' && want === ValType.i32) return i32(v.bits);
  if (v.type === 'i32' && want === ValType.i64) return i64(BigInt(v.value >>> 0));
  if (v.type === 'f32' && want === ValType.i64) return i64(BigInt(v.bits >>> 0));
  if (v.type === 'f64' && want === ValType.i64) return i64(v.bits);
  throw abiTrap(`internal: cannot coerce flat ${v.type} to ${TYPE_NAME[want]}`);
}

const tupleCache = new WeakMap<readonly CType[], CType>();

/** The tuple type of a parameter or result list (cached per list, so layouts are cached too). */
export function tupleTypeOf(ts: readonly CType[]): CType {
  let t = tupleCache.get(ts);
  if (t === undefined) {
    t = { kind: 'tuple', types: ts };
    tupleCache.set(ts, t);
  }
  return t;
}

/** Spec `lift_flat_values(cx, max_flat, vi, ts)`. */
export function liftFlatValues(cx: LiftLowerContext, maxFlat: number, vi: FlatSource, ts: readonly CType[]): unknown[] {
  if (flattenTypes(ts).length > maxFlat) {
    const ptr = u32Of(vi.next(ValType.i32));
    const tt = tupleTypeOf(ts);
    cx.checkRange(ptr, elemSize(tt), alignment(tt), 'spilled values');
    return loadValue(cx, ptr, tt) as unknown[];
  }
  return ts.map((t) => liftFlat(cx, vi, t));
}

/**
 * Spec `lower_flat_values(cx, max_flat, vs, ts, out_param)`: when the values spill, they are stored
 * in memory allocated with `realloc` (flat result: the pointer) or, given `outParam`, at the pointer
 * it yields (flat result: nothing).
 */
export function lowerFlatValues(
  cx: LiftLowerContext, maxFlat: number, vs: readonly unknown[], ts: readonly CType[], outParam?: FlatSource, what = 'argument',
): Value[] {
  if (vs.length !== ts.length) throw abiTrap(`internal: ${vs.length} values for ${ts.length} types`);
  const out: Value[] = [];
  if (flattenTypes(ts).length > maxFlat) {
    const tt = tupleTypeOf(ts);
    let ptr: number;
    if (outParam === undefined) {
      ptr = cx.allocate(alignment(tt), elemSize(tt), 'spilled values');
      out.push(i32(ptr));
    } else {
      ptr = u32Of(outParam.next(ValType.i32));
      cx.checkRange(ptr, elemSize(tt), alignment(tt), 'result pointer');
    }
    storeValue(cx, vs, tt, ptr, what);
    return out;
  }
  for (let i = 0; i < ts.length; i++) lowerFlat(cx, vs[i], ts[i]!, out, ts.length === 1 ? what : `${what} ${i}`);
  return out;
}
