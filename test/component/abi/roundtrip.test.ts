/** Round-trip properties of the canonical ABI over a real core memory and realloc. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  AbiInstance, CoreValueIter, canonLift, canonLower, flattenFuncType, liftFlatValues, load, lowerFlatValues, store,
  alignment, elemSize, type CFuncType, type StringEncoding,
} from '../../../src/component/abi/index.js';
import { arbTypedValue, canonCx, forwarderWat, libc, llcx } from './harness.js';

const ENCODINGS: StringEncoding[] = ['utf8', 'utf16', 'latin1+utf16'];

test('REQ-CM-ABI-010: store then load is the identity for every value type (property)', async () => {
  const l = await libc();
  fc.assert(
    fc.property(arbTypedValue, fc.constantFrom(...ENCODINGS), ({ t, v }, enc) => {
      const cx = llcx(l, enc);
      const ptr = cx.allocate(alignment(t), elemSize(t));
      store(cx, v, t, ptr);
      assert.deepStrictEqual(load(cx, ptr, t), v);
    }),
    { numRuns: 200 },
  );
});

test('REQ-CM-ABI-011: lower then lift of flat values is the identity, with and without spilling (property)', async () => {
  const l = await libc();
  fc.assert(
    fc.property(fc.array(arbTypedValue, { minLength: 0, maxLength: 6 }), fc.constantFrom(...ENCODINGS), fc.constantFrom(1, 4, 16), (tvs, enc, maxFlat) => {
      const ts = tvs.map((x) => x.t);
      const vs = tvs.map((x) => x.v);
      const cx = llcx(l, enc);
      const flat = lowerFlatValues(cx, maxFlat, vs, ts);
      const vi = new CoreValueIter(flat);
      assert.deepStrictEqual(liftFlatValues(cx, maxFlat, vi, ts), vs);
      assert.ok(vi.done());
    }),
    { numRuns: 200 },
  );
});

test('REQ-CM-ABI-012: canon lift of a core function that calls a canon-lowered host function forwards every value unchanged (property)', async () => {
  // One forwarder component per generated type: host -> canonLift(run) -> core run -> core import
  // -> canonLower(host identity) -> back. Every value crosses two lowerings and two liftings. The
  // core code passes pointers through unchanged, so both canon definitions use one string encoding.
  await fc.assert(
    fc.asyncProperty(fc.array(arbTypedValue, { minLength: 1, maxLength: 3 }), fc.constantFrom(...ENCODINGS), async (tvs, enc) => {
      const ft: CFuncType = { params: tvs.map((x, i) => ({ name: `p${i}`, type: x.t })), result: { kind: 'tuple', types: tvs.map((x) => x.t) } };
      const inst = new AbiInstance(null, 'fwd');
      let seen: unknown[] | undefined;
      let hostFunc: ((a: import('../../../src/core/index.js').Value[]) => import('../../../src/core/index.js').Value[]) | undefined;
      const l = await libc(forwarderWat(ft), (s) => ({ host: { f: s.hostFunc(flattenFuncType(ft, 'lower'), (a) => hostFunc!(a)) } }));
      hostFunc = canonLower(canonCx(l, enc, inst), (args) => {
        seen = args;
        return args;
      }, ft);
      const vs = tvs.map((x) => x.v);
      const out = canonLift(canonCx(l, enc, inst), l.exports.get('run')!, ft, vs);
      assert.deepStrictEqual(seen, vs);
      assert.deepStrictEqual(out, vs);
      assert.equal(inst.mayEnter, true);
    }),
    { numRuns: 40 },
  );
});
