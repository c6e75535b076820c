/**
 * The recorded outcome of the Component Model reference tests (`spec-tests/component-expected.json`):
 * per file the pass/fail/skip counts this runtime reaches and, for every command that does not pass,
 * why. `test/spec/component-wast.test.ts` fails when a file does worse than recorded.
 *
 * Regenerate after an improvement with `npm run spec:component:expect` (writes the JSON from a run).
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult } from './runner.js';

export interface ExcludedCase {
  readonly line: number;
  readonly outcome: 'fail' | 'skip';
  readonly reason: string;
}

export interface FileExpectation {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly excluded: readonly ExcludedCase[];
}

export interface Expectations {
  readonly note: string;
  readonly files: Readonly<Record<string, FileExpectation>>;
}

export const EXPECTED_FILE = 'spec-tests/component-expected.json';

/** Why a command does not pass, in words an auditor can check (known causes first, else the runner's reason). */
export function explain(reason: string): string {
  const known: [RegExp, string][] = [
    [/malformed memop flags|multiple memories/, 'a core module uses multi-memory, which is beyond WebAssembly 2.0 (the verified core)'],
    [/malformed section id/, 'a core module uses exception-handling tags (section 13), beyond WebAssembly 2.0'],
    [/async|stream|future|waitable|subtask|task\.|backpressure|context\./, 'async (🔀) is out of scope for issue #3'],
    [/thread/, 'threading (🧵) is out of scope'],
    [/GC types|0x0\) \(WebAssembly 3\.0/, 'WebAssembly 3.0 GC core types are out of scope'],
    [/fixed-length/, 'fixed-length lists (🔧) are out of scope'],
    [/map feature/, 'the map type (🗺) is out of scope'],
    [/error-context/, 'error-context (📝) is out of scope'],
  ];
  for (const [re, why] of known) if (re.test(reason)) return `${why} [${reason.slice(0, 200)}]`;
  return reason.slice(0, 300);
}

export function expectationOf(r: FileResult): FileExpectation {
  const excluded: ExcludedCase[] = [];
  for (const a of r.assertions) {
    if (a.outcome === 'pass') continue;
    const raw = a.outcome === 'skip' ? `${a.category ?? 'skipped'}${a.reason ? `: ${a.reason}` : ''}` : a.reason ?? 'failed';
    excluded.push({ line: a.line, outcome: a.outcome, reason: `${a.command}: ${explain(raw)}` });
  }
  return { passed: r.passed, failed: r.failed, skipped: r.skipped, excluded };
}

export function readExpectations(root: string): Expectations {
  return JSON.parse(readFileSync(join(root, EXPECTED_FILE), 'utf8')) as Expectations;
}

export function writeExpectations(root: string, results: readonly FileResult[]): void {
  const files: Record<string, FileExpectation> = {};
  for (const r of results) files[r.file] = expectationOf(r);
  const doc: Expectations = {
    note:
      'Recorded outcome of the Component Model reference tests (values, resources, binary, validation, linking). ' +
      'A file may not do worse than this (test/spec/component-wast.test.ts). Every non-passing command is listed with its reason. ' +
      'Regenerate with `npm run spec:component:expect` after an improvement.',
    files,
  };
  writeFileSync(join(root, EXPECTED_FILE), JSON.stringify(doc, null, 2) + '\n');
}
