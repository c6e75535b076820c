/**
 * Comparing the outcomes of one script under Node and inside QuickJS, assertion by assertion. Failure
 * reasons are not compared (a JS defect's description carries an engine-specific stack); what must agree
 * is which command, its outcome, its skip category and whether the error message matched.
 */

import type { AssertionResult } from '../spec-tests/script-run.js';

export interface Disagreement {
  readonly index: number;
  readonly line: number;
  readonly node: string;
  readonly embedded: string;
}

function signature(a: AssertionResult | undefined): string {
  if (a === undefined) return '(missing)';
  const parts = [`${a.line} ${a.command} ${a.outcome}`];
  if (a.category !== undefined) parts.push(`[${a.category}]`);
  if (a.messageMatched !== undefined) parts.push(`message ${a.messageMatched ? 'matched' : 'differs'}`);
  if (a.note !== undefined) parts.push(`note: ${a.note}`);
  return parts.join(' ');
}

/** Every position where the two runs disagree. */
export function compareOutcomes(node: readonly AssertionResult[], embedded: readonly AssertionResult[]): Disagreement[] {
  const out: Disagreement[] = [];
  const n = Math.max(node.length, embedded.length);
  for (let i = 0; i < n; i++) {
    const a = signature(node[i]);
    const b = signature(embedded[i]);
    if (a !== b) out.push({ index: i, line: node[i]?.line ?? embedded[i]?.line ?? 0, node: a, embedded: b });
  }
  return out;
}
