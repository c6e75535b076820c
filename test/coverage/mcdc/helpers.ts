/**
 * Test helpers for the MC/DC tool's qualification: instrument a TypeScript snippet in memory, load it as
 * an ES module, and analyse what the recorder saw for it.
 */

import ts from 'typescript';
import { mcdcTransformer } from '../../../coverage/mcdc/instrument.js';
import { snapshot, reset } from '../../../coverage/mcdc/runtime.js';
import { analyzeDecision, type DecisionAnalysis } from '../../../coverage/mcdc/analyze.js';
import type { FileMeta } from '../../../coverage/mcdc/model.js';

const RUNTIME_URL = new URL('../../../coverage/mcdc/runtime.js', import.meta.url).href;
let counter = 0;

export interface Instrumented {
  readonly key: string;
  readonly meta: FileMeta;
  readonly js: string;
  readonly mod: Record<string, unknown>;
  /** Raw [key, count] hits per decision index. */
  hits(): Map<number, Map<number, number>>;
  /** Analysis of every decision (switches expand to cases), in decision-index order. */
  analyze(): DecisionAnalysis[];
}

const COMPILER: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 };

async function load(js: string): Promise<Record<string, unknown>> {
  return (await import('data:text/javascript;charset=utf-8,' + encodeURIComponent(js))) as Record<string, unknown>;
}

export function instrumentSource(src: string, key: string): { js: string; meta: FileMeta } {
  let meta: FileMeta | undefined;
  const out = ts.transpileModule(src, {
    compilerOptions: COMPILER,
    fileName: key,
    transformers: { before: [mcdcTransformer({ fileKey: () => key, runtimeSpecifier: () => RUNTIME_URL, onFile: (m) => (meta = m) })] },
  });
  if (meta === undefined) throw new Error('transformer reported no file');
  return { js: out.outputText, meta };
}

/** The snippet compiled without instrumentation (the reference behaviour). */
export async function plain(src: string): Promise<Record<string, unknown>> {
  return load(ts.transpileModule(src, { compilerOptions: COMPILER }).outputText);
}

export async function instrument(src: string): Promise<Instrumented> {
  const key = `snippet-${++counter}.ts`;
  const { js, meta } = instrumentSource(src, key);
  const mod = await load(js);
  const hits = (): Map<number, Map<number, number>> => {
    const f = snapshot().files.find((x) => x.file === key);
    const m = new Map<number, Map<number, number>>();
    f?.hits.forEach((pairs, k) => m.set(k, new Map(pairs)));
    return m;
  };
  return {
    key,
    meta,
    js,
    mod,
    hits,
    analyze: () => {
      const h = hits();
      return meta.decisions.flatMap((d) => analyzeDecision(key, d, h.get(d.index) ?? new Map()));
    },
  };
}

export { reset };

/** Vectors of an analysed decision as compact strings, e.g. `TF-=F`, sorted. */
export function vectorStrings(d: DecisionAnalysis): string[] {
  return d.vectors.map((v) => `${v.values.join('')}=${v.outcome ? 'T' : 'F'}`).sort();
}

/** Per condition: [unique-cause covered, masking covered]. */
export function coverage(d: DecisionAnalysis): [boolean, boolean][] {
  return d.conditions.map((c) => [c.uniqueCause.covered, c.masking.covered]);
}
