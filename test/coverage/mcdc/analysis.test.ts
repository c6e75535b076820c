/**
 * Qualification of the MC/DC analysis on generated decisions (no instrumentation involved): with the
 * whole truth table every condition of a read-once decision is shown under both forms, and every
 * unique-cause pair is also a masking pair.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDecision } from '../../../coverage/mcdc/analyze.js';
import { COND_FALSE, COND_TRUE, OUTCOME_BIT, type CondTree, type DecisionMeta } from '../../../coverage/mcdc/model.js';

type Shape = { op: 'leaf' } | { op: 'not'; a: Shape } | { op: 'and' | 'or'; l: Shape; r: Shape };

const shapeArb: fc.Arbitrary<Shape> = fc.letrec<{ s: Shape }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<Shape>({ op: 'leaf' }),
    fc.record({ op: fc.constant<'not'>('not'), a: tie('s') }),
    fc.record({ op: fc.constantFrom<'and' | 'or'>('and', 'or'), l: tie('s'), r: tie('s') }),
  ),
})).s;

function number(s: Shape, next: { i: number }): CondTree {
  if (s.op === 'leaf') return { op: 'leaf', i: next.i++ };
  if (s.op === 'not') return { op: 'not', a: number(s.a, next) };
  const l = number(s.l, next);
  return { op: s.op, l, r: number(s.r, next) };
}

/** Short-circuit evaluation of the tree on an input assignment: the recorder's key for it. */
function keyOf(t: CondTree, input: readonly boolean[]): number {
  let vec = 0;
  const ev = (n: CondTree): boolean => {
    switch (n.op) {
      case 'leaf':
        vec |= (input[n.i] ? COND_TRUE : COND_FALSE) << (2 * n.i);
        return input[n.i]!;
      case 'not':
        return !ev(n.a);
      case 'and':
        return ev(n.l) && ev(n.r);
      case 'or':
        return ev(n.l) || ev(n.r);
    }
  };
  return ev(t) ? vec | OUTCOME_BIT : vec;
}

function meta(t: CondTree, n: number): DecisionMeta {
  return { index: 0, kind: 'if', text: 'generated', line: 1, column: 1, tree: t, conditions: Array.from({ length: n }, (_, i) => ({ text: `c${i}`, line: 1, column: 1 + i })) };
}

function inputsOf(n: number): boolean[][] {
  return Array.from({ length: 1 << n }, (_, m) => Array.from({ length: n }, (_, i) => ((m >> i) & 1) === 1));
}

test('REQ-EVID-MCDC-003, REQ-EVID-MCDC-004: with the whole truth table every condition of a read-once decision is shown under both forms', () => {
  fc.assert(
    fc.property(shapeArb, (s) => {
      const next = { i: 0 };
      const t = number(s, next);
      const n = next.i;
      fc.pre(n <= 7);
      const hits = new Map<number, number>();
      for (const input of inputsOf(n)) {
        const k = keyOf(t, input);
        hits.set(k, (hits.get(k) ?? 0) + 1);
      }
      const [d] = analyzeDecision('gen.ts', meta(t, n), hits);
      assert.equal(d!.inconsistencies, 0);
      assert.equal(d!.evaluations, 1 << n);
      for (const c of d!.conditions) {
        assert.ok(c.uniqueCause.covered, `unique-cause misses c${c.index}`);
        assert.ok(c.masking.covered, `masking misses c${c.index}`);
      }
    }),
    { numRuns: 200 },
  );
});

test('REQ-EVID-MCDC-004: on any executed subset of the truth table, a condition shown under unique-cause is shown under masking', () => {
  fc.assert(
    fc.property(shapeArb, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (s, picks) => {
      const next = { i: 0 };
      const t = number(s, next);
      const n = next.i;
      fc.pre(n <= 7);
      const all = inputsOf(n);
      const hits = new Map<number, number>();
      for (const p of picks) {
        const k = keyOf(t, all[p % all.length]!);
        hits.set(k, (hits.get(k) ?? 0) + 1);
      }
      const [d] = analyzeDecision('gen.ts', meta(t, n), hits);
      for (const c of d!.conditions) if (c.uniqueCause.covered) assert.ok(c.masking.covered, `c${c.index}: unique-cause pair ${String(c.uniqueCause.pair)} but no masking pair`);
    }),
    { numRuns: 300 },
  );
});
