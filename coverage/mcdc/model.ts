/**
 * Data shared by the instrumenter (build time), the runtime recorder and the analysis: the static
 * description of every decision (written by the build to `mcdc-decisions.json`) and the encoding of one
 * recorded evaluation as a small integer.
 *
 * Vector encoding (one evaluation of a decision with n <= MAX_CONDITIONS conditions): condition i uses
 * bits 2i and 2i+1: 00 = not evaluated (short-circuited, "don't care"), 01 = evaluated false,
 * 11 = evaluated true. Bit OUTCOME_BIT (30) holds the decision outcome when the recorder saw it (`r`);
 * single-condition decisions record through `c` without it, and the analysis derives their outcome
 * from the condition tree. Switch statements record the index of the clause control entered
 * (clauses in source order; `clauses.length` = no clause matched).
 */

/** Most conditions one decision may have for condition-level recording (2 bits each below bit 30). */
export const MAX_CONDITIONS = 15;
export const OUTCOME_BIT = 1 << 30;
export const COND_FALSE = 1;
export const COND_TRUE = 3;

/** A decision's boolean structure over its conditions (leaves, numbered left to right from 0). */
export type CondTree =
  | { readonly op: 'and' | 'or'; readonly l: CondTree; readonly r: CondTree }
  | { readonly op: 'not'; readonly a: CondTree }
  | { readonly op: 'leaf'; readonly i: number };

export type DecisionKind = 'if' | 'while' | 'do' | 'for' | 'ternary' | 'logical' | 'switch';

export interface SourcePos {
  readonly text: string;
  /** 1-based line and column of the first character. */
  readonly line: number;
  readonly column: number;
}

export interface SwitchClauseMeta extends SourcePos {
  readonly isDefault: boolean;
}

export interface DecisionMeta extends SourcePos {
  /** Index of the decision in its file (the runtime's key). */
  readonly index: number;
  readonly kind: DecisionKind;
  /** Conditions left to right; empty for switches (each case is a one-condition decision). */
  readonly conditions: readonly SourcePos[];
  /** Absent for switches and for decisions with more than MAX_CONDITIONS conditions. */
  readonly tree?: CondTree;
  /** Switch clauses in source order. */
  readonly clauses?: readonly SwitchClauseMeta[];
  /** Why the decision was not instrumented at condition level, when it was not. */
  readonly notInstrumented?: string;
}

export interface FileMeta {
  /** Repository-relative path with forward slashes, e.g. `src/core/exec/interpreter.ts`. */
  readonly file: string;
  /** sha256 of the source text, so data recorded from another version is never mixed in. */
  readonly hash: string;
  readonly decisions: readonly DecisionMeta[];
}

/** What the instrumenting build writes (`mcdc-decisions.json`). */
export interface DecisionsFile {
  readonly format: 'mcp-wrt-mcdc-decisions';
  readonly version: 1;
  readonly files: readonly FileMeta[];
}

/** What each instrumented process writes at exit (`raw-*.json`): per decision, [key, count] pairs. */
export interface RawFile {
  readonly format: 'mcp-wrt-mcdc-raw';
  readonly version: 1;
  readonly files: readonly { readonly file: string; readonly hash: string; readonly hits: readonly (readonly [number, number])[][] }[];
}
