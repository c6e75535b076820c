/**
 * Qualification of the MC/DC tool on decisions with known truth tables: the decisions it finds, the
 * vectors it records (short-circuited conditions as don't-care) and the independence pairs it finds
 * under unique-cause and masking MC/DC.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverage, instrument, vectorStrings } from './helpers.js';

type Fn = (...args: unknown[]) => unknown;

test('REQ-EVID-MCDC-001: finds every decision kind with its conditions and source positions', async () => {
  const src = [
    'export function f(a: boolean, b: boolean, c: boolean, xs: number[]): number {',
    '  let n = 0;',
    '  if (a && !b) n++;',
    '  while (n < 3 && (a || c)) n++;',
    '  do { n++; } while (!(n > 5));',
    '  for (let i = 0; i < xs.length; i++) n += xs[i]!;',
    '  const ok = a || (b && c);',
    '  n += c ? 1 : 2;',
    '  switch (n) { case 1: n++; break; default: n--; }',
    '  return ok ? n : -n;',
    '}',
  ].join('\n');
  const m = await instrument(src);
  const ds = m.meta.decisions.map((d) => [d.kind, d.text, d.line, d.conditions.map((c) => c.text)]);
  assert.deepEqual(ds, [
    ['if', 'a && !b', 3, ['a', 'b']],
    ['while', 'n < 3 && (a || c)', 4, ['n < 3', 'a', 'c']],
    ['do', '!(n > 5)', 5, ['n > 5']],
    ['for', 'i < xs.length', 6, ['i < xs.length']],
    ['logical', 'a || (b && c)', 7, ['a', 'b', 'c']],
    ['ternary', 'c', 8, ['c']],
    ['switch', 'n', 9, []],
    ['ternary', 'ok', 10, ['ok']],
  ]);
  assert.equal(m.meta.decisions[0]!.column, 7);
  assert.deepEqual(m.meta.decisions[0]!.conditions.map((c) => c.column), [7, 13]);
  assert.deepEqual(m.meta.decisions[6]!.clauses!.map((c) => [c.text, c.isDefault]), [['case 1', false], ['default', true]]);
});

test('REQ-EVID-MCDC-002: records the vector of each evaluation of a && b with short-circuited conditions as don\'t-care', async () => {
  const m = await instrument('export function f(a: boolean, b: boolean) { if (a && b) return 1; return 0; }');
  const f = m.mod['f'] as Fn;
  f(true, true);
  f(true, false);
  f(false, true);
  f(false, false);
  const [d] = m.analyze();
  assert.deepEqual(vectorStrings(d!), ['F-=F', 'TF=F', 'TT=T']);
  assert.equal(d!.vectors.find((v) => v.values.join('') === 'F-')!.count, 2, 'both a=false calls give one vector seen twice');
  assert.equal(d!.evaluations, 4);
  assert.equal(d!.inconsistencies, 0);
  assert.deepEqual(coverage(d!), [[true, true], [true, true]]);
});

test('REQ-EVID-MCDC-002: a || b records don\'t-care for b when a is true, and the raw keys follow the documented encoding', async () => {
  const m = await instrument('export const f = (a: boolean, b: boolean) => a || b;');
  const f = m.mod['f'] as Fn;
  assert.equal(f(true, false), true);
  assert.equal(f(false, false), false);
  const keys = [...m.hits().get(0)!.keys()].sort((x, y) => x - y);
  // a=T b=- outcome T: 0b11 | 1<<30; a=F b=F outcome F: 0b01 | 0b01<<2.
  assert.deepEqual(keys, [0b0101, 0b11 | (1 << 30)]);
  assert.deepEqual(vectorStrings(m.analyze()[0]!), ['FF=F', 'T-=T']);
});

test('REQ-EVID-MCDC-003: unique-cause and masking pairs of a || b && c over its full truth table', async () => {
  const m = await instrument('export function f(a: boolean, b: boolean, c: boolean) { return a || b && c ? 1 : 0; }');
  const f = m.mod['f'] as Fn;
  for (const a of [false, true]) for (const b of [false, true]) for (const c of [false, true]) assert.equal(f(a, b, c), a || (b && c) ? 1 : 0);
  const [d] = m.analyze();
  assert.deepEqual(vectorStrings(d!), ['FF-=F', 'FTF=F', 'FTT=T', 'T--=T']);
  assert.deepEqual(coverage(d!), [[true, true], [true, true], [true, true]]);
  // a: (F,F,-)->F vs (T,-,-)->T; b: (F,F,-) vs (F,T,T); c: (F,T,F) vs (F,T,T).
  assert.deepEqual(d!.conditions.map((c) => c.uniqueCause.pair), [[1, 4], [1, 3], [2, 3]]);
});

test('REQ-EVID-MCDC-003: !(a && b) || c with a partial test set: which conditions are shown independent', async () => {
  const m = await instrument('export function f(a: boolean, b: boolean, c: boolean) { if (!(a && b) || c) return 1; return 0; }');
  const f = m.mod['f'] as Fn;
  // (T,T,F) -> F, (T,T,T) -> T, (F,-,-) -> T : shows a and c, but not b.
  assert.equal(f(true, true, false), 0);
  assert.equal(f(true, true, true), 1);
  assert.equal(f(false, true, false), 1);
  const [d] = m.analyze();
  assert.deepEqual(vectorStrings(d!), ['F--=T', 'TTF=F', 'TTT=T']);
  assert.deepEqual(coverage(d!), [[true, true], [false, false], [true, true]]);
  f(true, false, true);
  const [d2] = m.analyze();
  // (T,F,-) -> T pairs with (T,T,F) -> F for b (c don't-care in one of them).
  assert.deepEqual(coverage(d2!), [[true, true], [true, true], [true, true]]);
});

test('REQ-EVID-MCDC-004: (a || b) && c: a pair in which another evaluated condition changes counts for masking only', async () => {
  const m = await instrument('export function f(a: boolean, b: boolean, c: boolean) { if ((a || b) && c) return 1; return 0; }');
  const f = m.mod['f'] as Fn;
  f(true, false, true); // T-T = T
  f(false, true, false); // FTF = F
  const [d] = m.analyze();
  assert.deepEqual(vectorStrings(d!), ['FTF=F', 'T-T=T']);
  // c differs and the outcome differs, but a also differs (evaluated in both): not unique-cause;
  // c is unmasked in both ((a || b) is true in both), so masking MC/DC accepts the pair.
  assert.deepEqual(coverage(d!)[2], [false, true]);
  // a: masking needs a=F unmasked, i.e. (a || b) false -> b=F; not there. b: b=T in FTF is masked by c=F.
  assert.deepEqual(coverage(d!).slice(0, 2), [[false, false], [false, false]]);
});

test('REQ-EVID-MCDC-004: masking treats a condition whose sibling fixes the result as not shown', async () => {
  const m = await instrument('export function f(a: boolean, b: boolean) { return (a && b) ? 1 : 0; }');
  const f = m.mod['f'] as Fn;
  f(true, false); // TF = F : a masked by b=F
  f(false, true); // F- = F
  const [d] = m.analyze();
  assert.deepEqual(coverage(d!), [[false, false], [false, false]]);
  f(true, true);
  assert.deepEqual(coverage(m.analyze()[0]!), [[true, true], [true, true]]);
});

test('REQ-EVID-MCDC-005: switch cases are decisions; fallthrough entries are not matches; default and no match test every case false', async () => {
  const src = [
    'export function f(x: number): string {',
    '  let s = "";',
    '  switch (x) {',
    '    case 1: s += "1";', // falls through
    '    case 2: s += "2"; break;',
    '    default: s += "d";', // falls through
    '    case 3: s += "3";',
    '  }',
    '  return s;',
    '}',
    'export function g(x: number): number { switch (x) { case 7: return 1; case 8: return 2; } return 0; }',
  ].join('\n');
  const m = await instrument(src);
  const f = m.mod['f'] as Fn;
  const g = m.mod['g'] as Fn;
  assert.equal(f(1), '12');
  assert.equal(f(9), 'd3');
  assert.equal(f(3), '3');
  assert.equal(g(8), 2);
  assert.equal(g(5), 0);
  const h = m.hits();
  // f: entered clause 0 (case 1), 2 (default), 3 (case 3) once each; clause 1 only by fallthrough.
  assert.deepEqual([...h.get(0)!.entries()].sort(), [[0, 1], [2, 1], [3, 1]]);
  // g: clause 1 (case 8), and "no match" (index 2 = clause count).
  assert.deepEqual([...h.get(1)!.entries()].sort(), [[1, 1], [2, 1]]);
  const cases = m.analyze();
  assert.deepEqual(cases.map((c) => [c.text, vectorStrings(c)]), [
    ['case 1', ['F=F', 'T=T']],
    ['case 2', ['F=F']],
    ['case 3', ['F=F', 'T=T']],
    ['case 7', ['F=F']],
    ['case 8', ['F=F', 'T=T']],
  ]);
  assert.deepEqual(cases.map((c) => coverage(c)[0]), [[true, true], [false, false], [true, true], [false, false], [true, true]]);
});

test('REQ-EVID-MCDC-006: nested ternaries are separate decisions, each recorded only when evaluated', async () => {
  const m = await instrument('export const f = (a: boolean, b: boolean, c: boolean) => (a ? (b ? 1 : 2) : c ? 3 : 4);');
  const f = m.mod['f'] as Fn;
  assert.equal(f(true, true, false), 1);
  assert.equal(f(true, false, false), 2);
  assert.equal(f(false, true, false), 4);
  const ds = m.analyze();
  assert.deepEqual(ds.map((d) => [d.text, vectorStrings(d)]), [
    ['a', ['F=F', 'T=T']],
    ['b', ['F=F', 'T=T']],
    ['c', ['F=F']],
  ]);
});

test('REQ-EVID-MCDC-006: loop conditions are recorded once per test, including the final false one', async () => {
  const m = await instrument('export function f(n: number) { let i = 0, j = 0; while (i < n) i++; do { j++; } while (j < n && j < 10); for (let k = 0; k < n; k++) {} return i + j; }');
  const f = m.mod['f'] as Fn;
  assert.equal(f(3), 6);
  const ds = m.analyze();
  assert.deepEqual(ds.map((d) => d.evaluations), [4, 3, 4]);
  assert.deepEqual(vectorStrings(ds[1]!), ['F-=F', 'TT=T']);
});

test('REQ-EVID-MCDC-006: a decision nested inside a condition of another decision is recorded separately', async () => {
  const m = await instrument('const p = (x: boolean, y: boolean) => x || y;\nexport function f(a: boolean, b: boolean, c: boolean) { return a && p(b, c) ? 1 : 0; }');
  const f = m.mod['f'] as Fn;
  f(true, false, true);
  f(true, false, false);
  const ds = m.analyze();
  assert.deepEqual(ds.map((d) => [d.text, vectorStrings(d)]), [
    ['x || y', ['FF=F', 'FT=T']],
    ['a && p(b, c)', ['TF=F', 'TT=T']],
  ]);
});
