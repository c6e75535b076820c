/**
 * i64 multiply and shifts computed on 32-bit words (no BigInt on the hot path) against BigInt
 * arithmetic as the oracle, on random and boundary operands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { setup } from './wat.js';

const OPS = ['mul', 'shl', 'shr_s', 'shr_u'] as const;

function oracle(op: (typeof OPS)[number], a: bigint, b: bigint): bigint {
  const k = b & 63n;
  switch (op) {
    case 'mul': return BigInt.asIntN(64, a * b);
    case 'shl': return BigInt.asIntN(64, a << k);
    case 'shr_s': return BigInt.asIntN(64, a >> k);
    case 'shr_u': return BigInt.asIntN(64, BigInt.asUintN(64, a) >> k);
  }
}

const EDGES = [0n, 1n, -1n, 2n, 0xffffffffn, 0x100000000n, 0x7fffffffn, -0x80000000n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdefn];
const i64 = fc.oneof(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), fc.constantFrom(...EDGES));
const count = fc.oneof(fc.bigInt({ min: 0n, max: 200n }), fc.constantFrom(0n, 31n, 32n, 33n, 63n, 64n, -1n));

test('REQ-PERF-004: i64.mul and i64 shifts on words equal the 64-bit results (property)', async () => {
  const { store, inst } = await setup(`(module ${OPS.map((op) =>
    `(func (export "${op}") (param i64 i64) (result i64) (i64.${op} (local.get 0) (local.get 1)))`).join(' ')})`);
  for (const op of OPS) {
    for (const a of EDGES) for (const b of EDGES) {
      assert.equal(store.invokeExport(inst, op, a, b)[0], oracle(op, a, b), `${op} ${a} ${b}`);
    }
    fc.assert(fc.property(i64, op === 'mul' ? i64 : count, (a, b) => {
      assert.equal(store.invokeExport(inst, op, a, b)[0], oracle(op, a, b));
    }), { numRuns: 300 });
  }
});
