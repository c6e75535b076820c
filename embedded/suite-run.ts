/**
 * Runs spec scripts twice with the same decision logic (spec-tests/script-run.ts): in Node on the
 * sources, and inside QuickJS on the product bundle, each script in a fresh QuickJS runtime under the
 * memory limit; then compares the outcomes assertion by assertion.
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AssertionResult } from '../spec-tests/script-run.js';
import { compareOutcomes, type Disagreement } from './compare.js';
import { prepareScript, type PrepareOptions } from './prepare.js';
import { runJob } from './quickjs/harness.js';
import { EmbeddedEngine, memoryLimitFor, type EmbeddedCode, type EngineOptions } from './quickjs-host.js';
import { fromWire, toWire } from './wire.js';

export interface FileComparison {
  readonly file: string;
  readonly node: readonly AssertionResult[];
  readonly embedded: readonly AssertionResult[];
  readonly disagreements: readonly Disagreement[];
  /** Why the script could not be run at all (unreadable script, harness failure inside QuickJS). */
  readonly error?: string;
  /** The QuickJS memory limit the script ran under (bytes). */
  readonly memoryLimitBytes: number;
  /** QuickJS memory in use at the end of the script, its store with every instance and memory still alive (bytes). */
  readonly memoryAfterBytes: number;
  readonly embeddedMs: number;
  readonly nodeMs: number;
}

function count(rs: readonly AssertionResult[], outcome: AssertionResult['outcome']): number {
  return rs.filter((r) => r.outcome === outcome).length;
}

export function tallyOf(rs: readonly AssertionResult[]): { passed: number; failed: number; skipped: number } {
  return { passed: count(rs, 'pass'), failed: count(rs, 'fail'), skipped: count(rs, 'skip') };
}

/** Runs one .wast file under Node and in QuickJS. */
export async function compareFile(
  path: string,
  code: EmbeddedCode,
  opts: PrepareOptions & EngineOptions = {},
): Promise<FileComparison> {
  const file = basename(path);
  const prepared = await prepareScript(file, new Uint8Array(readFileSync(path)), opts);
  if (prepared.job === undefined) {
    return { file, node: [], embedded: [], disagreements: [], error: prepared.error, memoryLimitBytes: 0, memoryAfterBytes: 0, embeddedMs: 0, nodeMs: 0 };
  }
  let t = performance.now();
  const node = runJob(prepared.job, undefined);
  const nodeMs = performance.now() - t;
  t = performance.now();
  const memoryLimitBytes = opts.memoryLimitBytes ?? memoryLimitFor(file);
  const engine = await EmbeddedEngine.create(code, { memoryLimitBytes });
  try {
    let embedded: AssertionResult[];
    try {
      embedded = fromWire(engine.call('runScript', toWire(prepared.job))) as AssertionResult[];
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      return { file, node, embedded: [], disagreements: compareOutcomes(node, []), error, memoryLimitBytes, memoryAfterBytes: engine.memoryUsed(), embeddedMs: performance.now() - t, nodeMs };
    }
    const memoryAfterBytes = engine.memoryUsed();
    return { file, node, embedded, disagreements: compareOutcomes(node, embedded), memoryLimitBytes, memoryAfterBytes, embeddedMs: performance.now() - t, nodeMs };
  } finally {
    engine.dispose();
  }
}
