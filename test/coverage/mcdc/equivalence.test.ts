/**
 * Qualification of the MC/DC tool: instrumented code computes what the original computes (values,
 * side effects and their order, exceptions, `this`, generators, async code), and the vectors it records
 * are those a reference evaluator of JavaScript's short-circuit semantics predicts.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDecision, type CondValue } from '../../../coverage/mcdc/analyze.js';
import { instrument, plain, reset } from './helpers.js';

type Expr = { op: 'leaf' } | { op: 'not'; a: Expr } | { op: 'paren'; a: Expr } | { op: 'and' | 'or'; l: Expr; r: Expr };

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant<Expr>({ op: 'leaf' }),
    fc.record({ op: fc.constant<'not'>('not'), a: tie('e') }),
    fc.record({ op: fc.constant<'paren'>('paren'), a: tie('e') }),
    fc.record({ op: fc.constantFrom<'and' | 'or'>('and', 'or'), l: tie('e'), r: tie('e') }),
  ),
})).e;

function countLeaves(e: Expr): number {
  return e.op === 'leaf' ? 1 : e.op === 'not' || e.op === 'paren' ? countLeaves(e.a) : countLeaves(e.l) + countLeaves(e.r);
}

function hasLogical(e: Expr): boolean {
  return e.op === 'and' || e.op === 'or' || ((e.op === 'not' || e.op === 'paren') && hasLogical(e.a));
}

/** TypeScript source of the expression; leaves are calls `c(i)`, numbered left to right. */
function render(e: Expr, next: { i: number }): string {
  switch (e.op) {
    case 'leaf':
      return `c(${next.i++})`;
    case 'not':
      return `!${render(e.a, next)}`;
    case 'paren':
      return `(${render(e.a, next)})`;
    default: {
      const l = render(e.l, next);
      const r = render(e.r, next);
      return `(${l} ${e.op === 'and' ? '&&' : '||'} ${r})`;
    }
  }
}

/** Reference semantics: the value of the expression and the vector of evaluated conditions. */
function reference(e: Expr, vals: readonly unknown[], vec: CondValue[], next: { i: number }): unknown {
  switch (e.op) {
    case 'leaf': {
      const i = next.i++;
      vec[i] = vals[i] ? 'T' : 'F';
      return vals[i];
    }
    case 'not':
      return !reference(e.a, vals, vec, next);
    case 'paren':
      return reference(e.a, vals, vec, next);
    default: {
      const l = reference(e.l, vals, vec, next);
      const skip = e.op === 'and' ? !l : !!l;
      if (skip) {
        next.i += countLeaves(e.r);
        return l;
      }
      return reference(e.r, vals, vec, next);
    }
  }
}

const CONTEXTS = {
  if: (x: string) => `if (${x}) return 'yes'; else return 'no';`,
  value: (x: string) => `return ${x};`,
  ternary: (x: string) => `return ${x} ? 1 : 2;`,
  assign: (x: string) => `const ok = ${x}; return ok;`,
  while: (x: string) => `let n = 0; while (n < 1 && ${x}) n++; return n;`,
} as const;

const VALUES: readonly unknown[] = [true, false, 0, 1, '', 'x', null, undefined, Number.NaN, {}, -0];

test('REQ-EVID-MCDC-007: on generated boolean expressions, instrumented code returns the same values with the same side effects, and records the reference vectors', async () => {
  await fc.assert(
    fc.asyncProperty(
      exprArb.filter((e) => countLeaves(e) <= 8),
      fc.constantFrom(...(Object.keys(CONTEXTS) as (keyof typeof CONTEXTS)[])),
      fc.array(fc.array(fc.constantFrom(...VALUES), { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
      async (e, ctx, inputs) => {
        const body = CONTEXTS[ctx](render(e, { i: 0 }));
        const src = `export function f(vals: unknown[], log: number[]) { const c = (i: number) => { log.push(i); return vals[i]; }; ${body} }`;
        const inst = await instrument(src);
        const orig = await plain(src);
        const fi = inst.mod['f'] as (v: unknown[], l: number[]) => unknown;
        const fo = orig['f'] as (v: unknown[], l: number[]) => unknown;
        const n = countLeaves(e);
        // The decision under test: for `while`, the loop condition (n < 1 && E) has one more condition.
        const decided = ctx === 'value' || ctx === 'assign' ? hasLogical(e) : true;
        for (const vals of inputs) {
          const li: number[] = [];
          const lo: number[] = [];
          reset();
          const ri = fi(vals, li);
          const ro = fo(vals, lo);
          assert.ok(Object.is(ri, ro), `result differs for ${body}`);
          assert.deepEqual(li, lo, 'side effects (condition calls) differ');
          if (!decided) continue;
          const vec: CondValue[] = new Array<CondValue>(n).fill('-');
          const value = reference(e, vals, vec, { i: 0 });
          const meta = inst.meta.decisions[0]!;
          const hits = inst.hits().get(0) ?? new Map<number, number>();
          const [d] = analyzeDecision(inst.key, meta, hits);
          assert.equal(d!.inconsistencies, 0);
          if (ctx === 'while') {
            // First evaluation: n < 1 is true, then E; the second stops at n < 1 = false only if E was true.
            const first = d!.vectors.find((v) => v.values[0] === 'T');
            assert.deepEqual(first?.values.slice(1), vec);
            assert.equal(first?.outcome, !!value);
          } else {
            assert.deepEqual(d!.vectors, [{ values: vec, outcome: !!value, count: 1 }]);
          }
        }
      },
    ),
    { numRuns: 50 },
  );
});

test('REQ-EVID-MCDC-008: keeps this, getters, optional chaining and non-boolean values of && and ||', async () => {
  const src = `
    export class Box {
      items: number[] = [];
      limit = 2;
      name = this.limit > 1 && 'big';
      get full(): boolean { return this.items.length >= this.limit; }
      add(x: number | undefined): number | string {
        if (!this.full && x !== undefined) this.items.push(x);
        return this.items.length > 0 && this.items[0] || this.name || 'none';
      }
      first(o?: { v?: number }): number { return o?.v ?? 0 ? o!.v! : -1; }
    }`;
  const I = (await instrument(src)).mod['Box'] as new () => { add(x?: number): unknown; first(o?: object): unknown; name: unknown };
  const P = (await plain(src))['Box'] as new () => { add(x?: number): unknown; first(o?: object): unknown; name: unknown };
  const a = new I();
  const b = new P();
  assert.equal(a.name, b.name);
  for (const x of [0, undefined, 5, 7, 9]) assert.equal(a.add(x), b.add(x));
  for (const o of [undefined, {}, { v: 0 }, { v: 3 }]) assert.equal(a.first(o), b.first(o));
});

test('REQ-EVID-MCDC-008: exceptions in a condition propagate and later evaluations record correctly; recursion through a condition is safe', async () => {
  const src = `
    export function f(a: () => boolean, b: boolean): string {
      try { if (a() && b) return 'T'; return 'F'; } catch (e) { return 'caught ' + String(e); }
    }
    export function depth(n: number): number {
      return n > 0 && depth(n - 1) >= 0 && n % 2 === 0 ? depth(n - 1) + 1 : n > 0 ? depth(n - 1) : 0;
    }
    export function defaults(a: boolean, b: boolean = a || false, c = !a && b): string { return String(b) + String(c); }`;
  const m = await instrument(src);
  const o = await plain(src);
  const f = m.mod['f'] as (a: () => boolean, b: boolean) => string;
  assert.equal(f(() => { throw 'boom'; }, true), 'caught boom');
  assert.equal(f(() => true, true), 'T');
  assert.equal(f(() => true, false), 'F');
  const d = m.analyze()[0]!;
  assert.deepEqual(d.vectors.map((v) => v.values.join('')).sort(), ['TF', 'TT']);
  for (let n = 0; n < 7; n++) assert.equal((m.mod['depth'] as (n: number) => number)(n), (o['depth'] as (n: number) => number)(n));
  for (const [a, b] of [[true, undefined], [false, undefined], [false, true]] as const) {
    assert.equal((m.mod['defaults'] as (a: boolean, b?: boolean) => string)(a, b), (o['defaults'] as (a: boolean, b?: boolean) => string)(a, b));
  }
});

test('REQ-EVID-MCDC-008: generators and async functions with yield and await inside conditions behave the same', async () => {
  const src = `
    export function* gen(xs: boolean[]): Generator<number, string, boolean> {
      let i = 0;
      while ((yield i) && i < xs.length && xs[i]) i++;
      return i > 2 || xs.length === 0 ? 'long' : 'short';
    }
    export async function both(p: Promise<boolean>, q: boolean): Promise<string> {
      return (await p) && q ? 'yes' : 'no';
    }`;
  const m = await instrument(src);
  const o = await plain(src);
  const run = (g: (xs: boolean[]) => Generator<number, string, boolean>, xs: boolean[], sends: boolean[]) => {
    const it = g(xs);
    const out: unknown[] = [it.next(true).value];
    for (const s of sends) out.push(it.next(s).value);
    return out;
  };
  const gi = m.mod['gen'] as (xs: boolean[]) => Generator<number, string, boolean>;
  const go = o['gen'] as (xs: boolean[]) => Generator<number, string, boolean>;
  for (const [xs, sends] of [[[true, true, true, false], [true, true, true, true]], [[true], [false]], [[], [true]]] as [boolean[], boolean[]][]) {
    assert.deepEqual(run(gi, xs, sends), run(go, xs, sends));
  }
  for (const [p, q] of [[true, true], [true, false], [false, true]]) {
    assert.equal(await (m.mod['both'] as (p: Promise<boolean>, q: boolean) => Promise<string>)(Promise.resolve(p!), q!), await (o['both'] as (p: Promise<boolean>, q: boolean) => Promise<string>)(Promise.resolve(p!), q!));
  }
});
