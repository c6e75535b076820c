/**
 * MC/DC analysis of recorded condition vectors (see README.md, "Definitions").
 *
 * A vector gives each condition the value T (evaluated true), F (evaluated false) or - (not evaluated:
 * short-circuited, a "don't care"). The outcome is computed from the decision's condition tree (and
 * cross-checked against the outcome the recorder saw, when it saw one).
 *
 * Unique-cause MC/DC (as llvm-cov --show-mcdc): vectors u, w are an independence pair for condition c
 * when c is evaluated in both with different values, the outcomes differ, and every other condition is
 * either evaluated in both with the same value or not evaluated in at least one of them.
 *
 * Masking MC/DC: condition c is shown independent when there are vectors u, w with c = T in u and c = F
 * in w in which c is not masked. c is masked in a vector when, on the path from c up to the decision,
 * some `&&` has a sibling operand that evaluated to false or some `||` has a sibling operand that
 * evaluated to true (the sibling then fixes the result whatever c is). A condition unmasked in both
 * vectors propagates to the outcome, so the outcomes differ; every unique-cause pair is a masking pair.
 */

import { COND_FALSE, COND_TRUE, OUTCOME_BIT, type CondTree, type DecisionKind, type DecisionMeta, type SourcePos } from './model.js';

export type CondValue = 'T' | 'F' | '-';

export interface Vector {
  readonly values: readonly CondValue[];
  readonly outcome: boolean;
  readonly count: number;
}

export interface PairResult {
  readonly covered: boolean;
  /** 1-based numbers of the two vectors (in `vectors`) that show independence, or null. */
  readonly pair: readonly [number, number] | null;
}

export interface ConditionAnalysis extends SourcePos {
  readonly index: number;
  readonly uniqueCause: PairResult;
  readonly masking: PairResult;
}

export interface DecisionAnalysis extends SourcePos {
  /** `file:line:column:kind`, unique in the report. */
  readonly id: string;
  readonly file: string;
  /** Kind of the decision; each `case` of a switch is its own decision of kind `case`. */
  readonly kind: DecisionKind | 'case';
  readonly evaluations: number;
  readonly conditions: readonly ConditionAnalysis[];
  readonly vectors: readonly Vector[];
  /** Recorded outcomes that disagree with the condition tree (a tool fault; must be 0). */
  readonly inconsistencies: number;
  readonly notInstrumented?: string;
}

export function decodeVector(key: number, n: number): CondValue[] {
  const out: CondValue[] = [];
  for (let i = 0; i < n; i++) {
    const b = (key >>> (2 * i)) & 3;
    out.push(b === COND_TRUE ? 'T' : b === COND_FALSE ? 'F' : '-');
  }
  return out;
}

/** The value of a (sub)tree under a vector: true, false, or undefined when it was not evaluated. */
export function evalTree(t: CondTree, v: readonly CondValue[]): boolean | undefined {
  switch (t.op) {
    case 'leaf': {
      const x = v[t.i];
      return x === 'T' ? true : x === 'F' ? false : undefined;
    }
    case 'not': {
      const a = evalTree(t.a, v);
      return a === undefined ? undefined : !a;
    }
    case 'and': {
      const l = evalTree(t.l, v);
      if (l === undefined) return undefined;
      return l ? evalTree(t.r, v) : false;
    }
    case 'or': {
      const l = evalTree(t.l, v);
      if (l === undefined) return undefined;
      return l ? true : evalTree(t.r, v);
    }
  }
}

function leaves(t: CondTree, out: Set<number>): Set<number> {
  if (t.op === 'leaf') out.add(t.i);
  else if (t.op === 'not') leaves(t.a, out);
  else {
    leaves(t.l, out);
    leaves(t.r, out);
  }
  return out;
}

/** True when condition `i` is evaluated in `v` and no `&&`/`||` sibling on its path fixes the result. */
export function unmasked(t: CondTree, v: readonly CondValue[], i: number): boolean {
  if (v[i] === '-') return false;
  let node = t;
  for (;;) {
    if (node.op === 'leaf') return node.i === i;
    if (node.op === 'not') {
      node = node.a;
      continue;
    }
    const inLeft = leaves(node.l, new Set()).has(i);
    const sibling = evalTree(inLeft ? node.r : node.l, v);
    if (node.op === 'and' && sibling === false) return false;
    if (node.op === 'or' && sibling === true) return false;
    node = inLeft ? node.l : node.r;
  }
}

function uniqueCausePair(vs: readonly Vector[], i: number): PairResult {
  for (let a = 0; a < vs.length; a++) {
    for (let b = a + 1; b < vs.length; b++) {
      const u = vs[a]!;
      const w = vs[b]!;
      if (u.outcome === w.outcome) continue;
      const ui = u.values[i];
      const wi = w.values[i];
      if (ui === '-' || wi === '-' || ui === wi) continue;
      let ok = true;
      for (let j = 0; j < u.values.length && ok; j++) {
        if (j === i) continue;
        const x = u.values[j];
        const y = w.values[j];
        if (x !== '-' && y !== '-' && x !== y) ok = false;
      }
      if (ok) return { covered: true, pair: [a + 1, b + 1] };
    }
  }
  return { covered: false, pair: null };
}

function maskingPair(t: CondTree, vs: readonly Vector[], i: number): PairResult {
  let t1 = -1;
  let f1 = -1;
  for (let a = 0; a < vs.length; a++) {
    const v = vs[a]!;
    if (!unmasked(t, v.values, i)) continue;
    if (v.values[i] === 'T' && t1 < 0) t1 = a;
    if (v.values[i] === 'F' && f1 < 0) f1 = a;
  }
  if (t1 < 0 || f1 < 0 || vs[t1]!.outcome === vs[f1]!.outcome) return { covered: false, pair: null };
  return { covered: true, pair: t1 < f1 ? [t1 + 1, f1 + 1] : [f1 + 1, t1 + 1] };
}

function compareVectors(a: Vector, b: Vector): number {
  if (a.outcome !== b.outcome) return a.outcome ? 1 : -1;
  const order: Record<CondValue, number> = { F: 0, T: 1, '-': 2 };
  for (let j = 0; j < a.values.length; j++) {
    const d = order[a.values[j]!] - order[b.values[j]!];
    if (d !== 0) return d;
  }
  return 0;
}

/** Analyses one decision (a switch yields one decision per `case`) from its recorded [key, count] hits. */
export function analyzeDecision(file: string, meta: DecisionMeta, hits: ReadonlyMap<number, number>): DecisionAnalysis[] {
  if (meta.kind === 'switch') return analyzeSwitch(file, meta, hits);
  const n = meta.conditions.length;
  const base = { file, kind: meta.kind, text: meta.text, line: meta.line, column: meta.column, id: `${file}:${meta.line}:${meta.column}:${meta.kind}` };
  let evaluations = 0;
  for (const c of hits.values()) evaluations += c;
  const tree = meta.tree;
  if (tree === undefined) {
    const none: PairResult = { covered: false, pair: null };
    return [{ ...base, evaluations, conditions: meta.conditions.map((c, index) => ({ ...c, index, uniqueCause: none, masking: none })), vectors: [], inconsistencies: 0, notInstrumented: meta.notInstrumented ?? 'no condition tree' }];
  }
  const merged = new Map<string, { values: CondValue[]; outcome: boolean; count: number }>();
  let inconsistencies = 0;
  for (const [key, count] of hits) {
    const values = decodeVector(key & (OUTCOME_BIT - 1), n);
    const outcome = evalTree(tree, values);
    if (outcome === undefined) {
      inconsistencies += count;
      continue;
    }
    if (n > 1 && ((key & OUTCOME_BIT) !== 0) !== outcome) inconsistencies += count;
    const id = values.join('');
    const m = merged.get(id);
    if (m === undefined) merged.set(id, { values, outcome, count });
    else m.count += count;
  }
  const vectors = [...merged.values()].sort(compareVectors);
  const conditions = meta.conditions.map((c, index) => ({ ...c, index, uniqueCause: uniqueCausePair(vectors, index), masking: maskingPair(tree, vectors, index) }));
  return [{ ...base, evaluations, conditions, vectors, inconsistencies }];
}

/**
 * Each `case` clause is a decision with the single condition `discriminant === label`. JavaScript tests
 * the case labels in source order (skipping `default`) until one matches, so a case evaluated false in
 * every evaluation that matched a later case, the default clause, or nothing.
 */
function analyzeSwitch(file: string, meta: DecisionMeta, hits: ReadonlyMap<number, number>): DecisionAnalysis[] {
  const clauses = meta.clauses ?? [];
  const out: DecisionAnalysis[] = [];
  const caseOrder = clauses.map((c, j) => j).filter((j) => !clauses[j]!.isDefault);
  for (const [pos, j] of caseOrder.entries()) {
    const c = clauses[j]!;
    const t = hits.get(j) ?? 0;
    let f = 0;
    for (const [clause, count] of hits) {
      const later = caseOrder.indexOf(clause);
      if (later > pos || later < 0) f += count;
    }
    const vectors: Vector[] = [];
    if (f > 0) vectors.push({ values: ['F'], outcome: false, count: f });
    if (t > 0) vectors.push({ values: ['T'], outcome: true, count: t });
    const covered = t > 0 && f > 0;
    const pair: PairResult = covered ? { covered, pair: [1, 2] } : { covered: false, pair: null };
    const cond = { text: `(${meta.text}) === ${c.text.replace(/^case /, '')}`, line: c.line, column: c.column };
    out.push({
      id: `${file}:${c.line}:${c.column}:case`,
      file,
      kind: 'case',
      text: c.text,
      line: c.line,
      column: c.column,
      evaluations: t + f,
      conditions: [{ ...cond, index: 0, uniqueCause: pair, masking: pair }],
      vectors,
      inconsistencies: 0,
    });
  }
  return out;
}
