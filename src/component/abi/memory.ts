/**
 * Loading values from and storing values into linear memory (CanonicalABI.md "Loading", "Storing").
 * Memory is little-endian; every pointer computed from guest data is alignment- and bounds-checked
 * before use, in the order the spec checks them.
 */

import type { LiftLowerContext } from './context.js';
import { liftBorrow, liftOwn, lowerBorrow, lowerOwn } from './handles.js';
import {
  caseCount, caseTypes, checkBigInt, checkBool, checkChar, checkInt, checkNumber, checkString,
  listElements, makeCase, matchCase, packFlags, recordField, recordObject, tupleArray, unpackFlags,
} from './js-values.js';
import { alignTo, alignment, discriminantSize, elemSize, flagsSize, MAX_LIST_BYTE_LENGTH, PTR_SIZE, variantPayloadOffset } from './layout.js';
import { loadStringFromRange, storeStringIntoRange } from './strings.js';
import { abiTrap } from './trap.js';
import type { CType } from './types.js';

export const CANONICAL_F32_NAN = 0x7fc00000;
export const CANONICAL_F64_NAN = 0x7ff8000000000000n;

/** Spec `convert_i32_to_char`: traps unless `i` (unsigned) is a Unicode scalar value. */
export function i32ToChar(i: number): string {
  const u = i >>> 0;
  if (u >= 0x110000 || (u >= 0xd800 && u <= 0xdfff)) throw abiTrap(`invalid \`char\` bit pattern: 0x${u.toString(16)} is not a Unicode scalar value`);
  return String.fromCodePoint(u);
}

/**
 * Spec `load(cx, ptr, t)`: reads a value of type `t` at `ptr`. The pointer is checked here (the spec
 * asserts it; callers outside this module may pass guest-controlled pointers).
 */
export function load(cx: LiftLowerContext, ptr: number, t: CType): unknown {
  cx.checkRange(ptr, elemSize(t), alignment(t), 'value');
  return loadValue(cx, ptr, t);
}

/** `load` without the entry check: `ptr` is known aligned and in bounds. */
export function loadValue(cx: LiftLowerContext, ptr: number, t: CType): unknown {
  const dv = cx.dv();
  switch (t.kind) {
    case 'bool': return dv.getUint8(ptr) !== 0;
    case 'u8': return dv.getUint8(ptr);
    case 's8': return dv.getInt8(ptr);
    case 'u16': return dv.getUint16(ptr, true);
    case 's16': return dv.getInt16(ptr, true);
    case 'u32': return dv.getUint32(ptr, true);
    case 's32': return dv.getInt32(ptr, true);
    case 'u64': return dv.getBigUint64(ptr, true);
    case 's64': return dv.getBigInt64(ptr, true);
    case 'f32': return dv.getFloat32(ptr, true); // a NaN loads as the one JS NaN (canonicalized)
    case 'f64': return dv.getFloat64(ptr, true);
    case 'char': return i32ToChar(dv.getUint32(ptr, true));
    case 'string': return loadStringFromRange(cx, dv.getUint32(ptr, true), dv.getUint32(ptr + PTR_SIZE, true));
    case 'list': return loadListFromRange(cx, dv.getUint32(ptr, true), dv.getUint32(ptr + PTR_SIZE, true), t.elem);
    case 'record': {
      const o: Record<string, unknown> = {};
      let p = ptr;
      for (const f of t.fields) {
        p = alignTo(p, alignment(f.type));
        o[f.name] = loadValue(cx, p, f.type);
        p += elemSize(f.type);
      }
      return o;
    }
    case 'tuple': {
      const a: unknown[] = [];
      let p = ptr;
      for (const ft of t.types) {
        p = alignTo(p, alignment(ft));
        a.push(loadValue(cx, p, ft));
        p += elemSize(ft);
      }
      return a;
    }
    case 'variant': case 'enum': case 'option': case 'result': {
      const n = caseCount(t);
      const ds = discriminantSize(n);
      const index = ds === 1 ? dv.getUint8(ptr) : ds === 2 ? dv.getUint16(ptr, true) : dv.getUint32(ptr, true);
      if (index >= n) throw abiTrap(`invalid variant discriminant: ${index} (the type has ${n} cases)`);
      const types = caseTypes(t);
      const ct = types[index];
      const payload = ct === undefined ? undefined : loadValue(cx, ptr + variantPayloadOffset(types), ct);
      return makeCase(t, index, payload);
    }
    case 'flags': {
      const s = flagsSize(t.names.length);
      const bits = s === 1 ? dv.getUint8(ptr) : s === 2 ? dv.getUint16(ptr, true) : dv.getUint32(ptr, true);
      return unpackFlags(t.names, bits);
    }
    case 'own': return liftOwn(cx, dv.getUint32(ptr, true), t.resource);
    case 'borrow': return liftBorrow(cx, dv.getUint32(ptr, true), t.resource);
  }
}

/** Spec `load_list_from_range`: checks the range, then loads `length` elements. */
export function loadListFromRange(cx: LiftLowerContext, ptr: number, length: number, elem: CType): unknown {
  const size = elemSize(elem);
  const byteLength = length * size;
  if (byteLength > MAX_LIST_BYTE_LENGTH) throw abiTrap(`list too long: ${length} elements of ${size} bytes exceed the limit of ${MAX_LIST_BYTE_LENGTH} bytes`);
  cx.checkRange(ptr, byteLength, alignment(elem), 'list content');
  if (elem.kind === 'u8') return cx.mem().slice(ptr, ptr + length);
  const a: unknown[] = new Array<unknown>(length);
  for (let i = 0; i < length; i++) a[i] = loadValue(cx, ptr + i * size, elem);
  return a;
}

/**
 * Spec `store(cx, v, t, ptr)`: writes JS value `v` of type `t` at `ptr` (checked like `load`).
 * `what` names the value in embedding errors.
 */
export function store(cx: LiftLowerContext, v: unknown, t: CType, ptr: number, what = 'value'): void {
  cx.checkRange(ptr, elemSize(t), alignment(t), 'value');
  storeValue(cx, v, t, ptr, what);
}

/** `store` without the entry check. The memory view is re-fetched after anything that may call realloc. */
export function storeValue(cx: LiftLowerContext, v: unknown, t: CType, ptr: number, what: string): void {
  switch (t.kind) {
    case 'bool': cx.dv().setUint8(ptr, checkBool(v, what) ? 1 : 0); return;
    case 'u8': case 's8': cx.dv().setUint8(ptr, checkInt(t.kind, v, what) & 0xff); return;
    case 'u16': case 's16': cx.dv().setUint16(ptr, checkInt(t.kind, v, what) & 0xffff, true); return;
    case 'u32': case 's32': cx.dv().setUint32(ptr, checkInt(t.kind, v, what) >>> 0, true); return;
    case 'u64': case 's64': cx.dv().setBigUint64(ptr, BigInt.asUintN(64, checkBigInt(t.kind, v, what)), true); return;
    case 'f32': {
      const x = checkNumber(v, what);
      if (Number.isNaN(x)) cx.dv().setUint32(ptr, CANONICAL_F32_NAN, true);
      else cx.dv().setFloat32(ptr, x, true);
      return;
    }
    case 'f64': {
      const x = checkNumber(v, what);
      if (Number.isNaN(x)) cx.dv().setBigUint64(ptr, CANONICAL_F64_NAN, true);
      else cx.dv().setFloat64(ptr, x, true);
      return;
    }
    case 'char': cx.dv().setUint32(ptr, checkChar(v, what), true); return;
    case 'string': {
      const [p, units] = storeStringIntoRange(cx, checkString(v, what));
      const dv = cx.dv();
      dv.setUint32(ptr, p, true);
      dv.setUint32(ptr + PTR_SIZE, units, true);
      return;
    }
    case 'list': {
      const [p, n] = storeListIntoRange(cx, v, t.elem, what);
      const dv = cx.dv();
      dv.setUint32(ptr, p, true);
      dv.setUint32(ptr + PTR_SIZE, n, true);
      return;
    }
    case 'record': {
      const o = recordObject(v, what);
      let p = ptr;
      for (const f of t.fields) {
        p = alignTo(p, alignment(f.type));
        storeValue(cx, recordField(o, f.name, what), f.type, p, `${what}.${f.name}`);
        p += elemSize(f.type);
      }
      return;
    }
    case 'tuple': {
      const a = tupleArray(v, t.types.length, what);
      let p = ptr;
      t.types.forEach((ft, i) => {
        p = alignTo(p, alignment(ft));
        storeValue(cx, a[i], ft, p, `${what}[${i}]`);
        p += elemSize(ft);
      });
      return;
    }
    case 'variant': case 'enum': case 'option': case 'result': {
      const { index, payload } = matchCase(t, v, what);
      const types = caseTypes(t);
      const ds = discriminantSize(types.length);
      const dv = cx.dv();
      if (ds === 1) dv.setUint8(ptr, index);
      else if (ds === 2) dv.setUint16(ptr, index, true);
      else dv.setUint32(ptr, index, true);
      const ct = types[index];
      if (ct !== undefined) storeValue(cx, payload, ct, ptr + variantPayloadOffset(types), `${what}.val`);
      return;
    }
    case 'flags': {
      const bits = packFlags(t, v, what);
      const s = flagsSize(t.names.length);
      const dv = cx.dv();
      if (s === 1) dv.setUint8(ptr, bits);
      else if (s === 2) dv.setUint16(ptr, bits, true);
      else dv.setUint32(ptr, bits, true);
      return;
    }
    case 'own': {
      const i = lowerOwn(cx, v, t.resource, what);
      cx.dv().setUint32(ptr, i, true);
      return;
    }
    case 'borrow': {
      const i = lowerBorrow(cx, v, t.resource, what);
      cx.dv().setUint32(ptr, i, true);
      return;
    }
  }
}

/** Spec `store_list_into_range`: allocates with `realloc` and stores the elements. */
export function storeListIntoRange(cx: LiftLowerContext, v: unknown, elem: CType, what: string): [number, number] {
  const elems = listElements(v, elem, what);
  const size = elemSize(elem);
  const byteLength = elems.length * size;
  if (byteLength > MAX_LIST_BYTE_LENGTH) throw abiTrap(`list too long: ${byteLength} bytes exceed the limit of ${MAX_LIST_BYTE_LENGTH}`);
  const ptr = cx.allocate(alignment(elem), byteLength, 'list content');
  if (elems instanceof Uint8Array) {
    cx.mem().set(elems, ptr);
  } else {
    for (let i = 0; i < elems.length; i++) storeValue(cx, elems[i], elem, ptr + i * size, `${what}[${i}]`);
  }
  return [ptr, elems.length];
}
