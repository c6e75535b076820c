/**
 * Property 1 (issue #6): every numeric instruction, scalar and SIMD, run through the whole core
 * (load -> Store -> invoke) on generated operands biased to edge values, gives the same bytes or the
 * same trap as V8. One module per instruction family; each exported function loads its operands from
 * memory (operand j at byte 16*j), applies one instruction and stores the result at byte 64, so values
 * never cross the JS boundary and compare bit for bit. NaN results follow the spec's rule: V8 and we
 * must both produce a NaN, ours must be quiet, and canonical when every NaN input was canonical.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Trap, type Instance, type Store } from '../../src/core/index.js';
import { operandsArb } from '../core/exec/simd-arbitraries.js';
import { SIMD_OPS } from '../core/exec/simd-ops.js';
import { NUMERIC_FAMILIES } from '../fuzz/numeric-ops.js';
import { assemble, initWabt, oursInstantiate, v8Instantiate, v8TrapKinds, type V8Exports } from '../fuzz/oracle.js';
import { checkProperty } from '../fuzz/property.js';

interface Variant {
  readonly name: string; // instruction with its immediates, as WAT text
  readonly sig: string;
  readonly nan?: 'f32' | 'f64'; // NaN results follow the propagation rule (scalar) / any quiet NaN (SIMD lanes)
  readonly simd: boolean;
  readonly trunc?: boolean;
}

const LOAD: Record<string, string> = { i: 'i32.load', I: 'i64.load', f: 'f32.load', F: 'f64.load', v: 'v128.load' };
const STORE: Record<string, string> = { i: 'i32.store', I: 'i64.store', f: 'f32.store', F: 'f64.store', v: 'v128.store' };
const SIZE: Record<string, number> = { i: 4, I: 8, f: 4, F: 8, v: 16 };

function moduleText(variants: readonly Variant[]): string {
  const funcs = variants.map((v, k) => {
    const [params = '', result = ''] = v.sig.split(':');
    const loads = [...params].map((p, j) => `(${LOAD[p]} (i32.const ${16 * j}))`).join(' ');
    return `(func (export "r${k}") (${STORE[result]} (i32.const 64) (${v.name} ${loads})))`;
  });
  return `(module (memory (export "m") 1)\n${funcs.join('\n')})`;
}

/** Runs variant k on both engines; returns result bytes or the trap (kinds for V8). */
interface Pair { ours: Uint8Array | string; v8: Uint8Array | readonly string[] }

class Family {
  readonly ours: { store: Store; inst: Instance };
  readonly v8: V8Exports;
  constructor(readonly variants: readonly Variant[]) {
    const bytes = assemble(moduleText(variants));
    this.ours = oursInstantiate(bytes);
    this.v8 = v8Instantiate(bytes);
  }

  run(k: number, operands: readonly Uint8Array[]): Pair {
    const size = SIZE[this.variants[k]!.sig.split(':')[1]!]!;
    const { store, inst } = this.ours;
    const mem = store.memoryView(inst.exports.get('m')!);
    const v8mem = new Uint8Array((this.v8['m'] as { buffer: ArrayBuffer }).buffer);
    for (const m of [mem, v8mem]) {
      m.fill(0, 0, 96);
      operands.forEach((o, j) => m.set(o, 16 * j));
    }
    let ours: Uint8Array | string;
    try {
      store.invoke(inst.exports.get(`r${k}`)!, []);
      ours = mem.slice(64, 64 + size);
    } catch (e) {
      if (!(e instanceof Trap)) throw e;
      ours = e.kind;
    }
    let v8: Uint8Array | readonly string[];
    try {
      (this.v8[`r${k}`] as () => void)();
      v8 = v8mem.slice(64, 64 + size);
    } catch (e) {
      const kinds = v8TrapKinds(e);
      if (kinds === undefined) throw e;
      v8 = kinds;
    }
    return { ours, v8 };
  }
}

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

function isNaNAt(b: Uint8Array, o: number, w: 'f32' | 'f64'): boolean {
  const dv = new DataView(b.buffer, b.byteOffset);
  return w === 'f32' ? Number.isNaN(dv.getFloat32(o, true)) : Number.isNaN(dv.getFloat64(o, true));
}
/** Quiet NaN: the top fraction bit set. */
function isQuietAt(b: Uint8Array, o: number, w: 'f32' | 'f64'): boolean {
  return w === 'f32' ? (b[o + 2]! & 0x40) !== 0 : (b[o + 6]! & 0x08) !== 0;
}
/** Canonical NaN: only the top fraction bit set (either sign). */
function isCanonicalAt(b: Uint8Array, o: number, w: 'f32' | 'f64'): boolean {
  const dv = new DataView(b.buffer, b.byteOffset);
  return w === 'f32' ? (dv.getUint32(o, true) & 0x7fffffff) === 0x7fc00000
    : (dv.getBigUint64(o, true) & 0x7fffffffffffffffn) === 0x7ff8000000000000n;
}

/** The spec's NaN propagation rule for a scalar result (section 4.3.3, "NaN propagation"). */
function scalarNaNAllowed(v: Variant, operands: readonly Uint8Array[], ours: Uint8Array): boolean {
  const w = v.nan!;
  if (!isQuietAt(ours, 0, w)) return false;
  const params = v.sig.split(':')[0]!;
  const nanInputs = [...params].map((p, j) => ({ p, b: operands[j]! }))
    .filter(({ p, b }) => (p === 'f' || p === 'F') && isNaNAt(b, 0, p === 'f' ? 'f32' : 'f64'));
  const allCanonical = nanInputs.every(({ p, b }) => isCanonicalAt(b, 0, p === 'f' ? 'f32' : 'f64'));
  return !allCanonical || isCanonicalAt(ours, 0, w);
}

function agree(v: Variant, operands: readonly Uint8Array[], r: Pair): boolean {
  if (typeof r.ours === 'string' || !(r.v8 instanceof Uint8Array)) {
    if (typeof r.ours !== 'string' || r.v8 instanceof Uint8Array) return false;
    if (!r.v8.includes(r.ours)) return false;
    if (v.trunc === true) { // the spec tells the two apart: NaN is invalid, anything else overflows
      const w = v.sig[0] === 'f' ? 'f32' : 'f64';
      return r.ours === (isNaNAt(operands[0]!, 0, w) ? 'invalid conversion to integer' : 'integer overflow');
    }
    return true;
  }
  const ours = r.ours;
  const v8 = r.v8;
  if (v.nan === undefined) return hex(ours) === hex(v8);
  const width = v.nan === 'f32' ? 4 : 8;
  for (let o = 0; o < ours.length; o += width) {
    const oNaN = isNaNAt(ours, o, v.nan);
    if (oNaN !== isNaNAt(v8, o, v.nan)) return false;
    if (oNaN) {
      if (v.simd ? !isQuietAt(ours, o, v.nan) : !scalarNaNAllowed(v, operands, ours)) return false;
    } else if (hex(ours.slice(o, o + width)) !== hex(v8.slice(o, o + width))) return false;
  }
  return true;
}

function describe(r: Pair): string {
  const side = (x: Uint8Array | string | readonly string[]): string => (x instanceof Uint8Array ? hex(x) : String(x));
  return `ours ${side(r.ours)} / V8 ${side(r.v8)}`;
}

function familyProperty(name: string, variants: readonly Variant[], ciRuns: number): void {
  test(`REQ-ROB-001: numerics ${name}: ${variants.length} instructions agree with V8 bit for bit or trap alike`, async () => {
    const fam = new Family(variants);
    const arb = fc.integer({ min: 0, max: variants.length - 1 }).chain((k) => {
      const v = variants[k]!;
      const shape = v.simd ? v.name.slice(0, 5) : undefined;
      return operandsArb(v.sig.split(':')[0]!, shape).map((ops) => ({ k, ops }));
    });
    await checkProperty(`numerics/${name}`, ciRuns, fc.property(arb, ({ k, ops }) => {
      const r = fam.run(k, ops);
      if (!agree(variants[k]!, ops, r)) {
        throw new Error(`${variants[k]!.name} on ${ops.map(hex).join(' ')}: ${describe(r)}`);
      }
      return true;
    }));
    // Every instruction of the family ran at least once on its first edge operands too.
    for (let k = 0; k < variants.length; k++) {
      const zeros = [...variants[k]!.sig.split(':')[0]!].map(() => new Uint8Array(16));
      assert.ok(agree(variants[k]!, zeros, fam.run(k, zeros)), variants[k]!.name);
    }
  });
}

function simdVariants(): Variant[] {
  const out: Variant[] = [];
  for (const op of SIMD_OPS) {
    if (op.sub === 0x0c) continue; // v128.const takes no operands: covered by the spec suite
    const base = { sig: op.sig, simd: true, ...(op.nan === undefined ? {} : { nan: op.nan }) };
    if (op.lanes !== undefined) {
      for (let l = 0; l < op.lanes; l++) out.push({ ...base, name: `${op.name} ${l}` });
    } else if (op.sub === 0x0d) {
      out.push({ ...base, name: `${op.name} 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31` });
      out.push({ ...base, name: `${op.name} 31 30 29 28 3 2 1 0 16 16 16 16 15 15 15 15` });
    } else {
      out.push({ ...base, name: op.name });
    }
  }
  return out;
}

/**
 * The SIMD memory instructions that produce a value: the address is operand 0 (an edge-biased i32, so
 * both in-bounds and out-of-bounds accesses come up), with and without a large static offset.
 */
function simdMemoryVariants(): Variant[] {
  const out: Variant[] = [];
  const loads = ['v128.load', 'v128.load8x8_s', 'v128.load8x8_u', 'v128.load16x4_s', 'v128.load16x4_u', 'v128.load32x2_s',
    'v128.load32x2_u', 'v128.load8_splat', 'v128.load16_splat', 'v128.load32_splat', 'v128.load64_splat', 'v128.load32_zero', 'v128.load64_zero'];
  for (const l of loads) for (const off of ['', ' offset=65520']) out.push({ name: `${l}${off}`, sig: 'i:v', simd: true });
  for (const [l, lanes] of [['v128.load8_lane', 16], ['v128.load16_lane', 8], ['v128.load32_lane', 4], ['v128.load64_lane', 2]] as const) {
    for (const lane of [0, lanes - 1]) for (const off of ['', ' offset=65530']) out.push({ name: `${l}${off} ${lane}`, sig: 'iv:v', simd: true });
  }
  return out;
}

before(async () => {
  await initWabt();
});

for (const [name, ops] of Object.entries(NUMERIC_FAMILIES)) {
  familyProperty(name, ops.map((o) => ({ ...o, simd: false })), 1000);
}
familyProperty('simd', simdVariants(), 2000);
familyProperty('simd-memory', simdMemoryVariants(), 500);
