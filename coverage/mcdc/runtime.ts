/**
 * The recorder that instrumented code imports. Kept tiny and cheap: one Map per decision from the
 * encoded vector (a small integer, see model.ts) to its count, and no allocation per evaluation once a
 * vector has been seen. When the environment variable MCDC_OUT names a directory, the process writes
 * what it recorded there at exit (`raw-<pid>-<time>.json`), so every child process of a test run
 * contributes its own file.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTCOME_BIT, COND_FALSE, COND_TRUE, type RawFile } from './model.js';

export class FileRecorder {
  readonly hits: Map<number, number>[];

  constructor(
    readonly file: string,
    readonly hash: string,
    decisions: number,
  ) {
    this.hits = [];
    for (let i = 0; i < decisions; i++) this.hits.push(new Map());
  }

  /** A decision with two or more conditions: records `vec` plus the outcome, returns `value` unchanged. */
  r<T>(k: number, value: T, vec: number): T {
    const key = value ? vec | OUTCOME_BIT : vec;
    const m = this.hits[k]!;
    m.set(key, (m.get(key) ?? 0) + 1);
    return value;
  }

  /** A decision with a single condition: records its truth value, returns `value` unchanged. */
  c<T>(k: number, value: T): T {
    const key = value ? COND_TRUE : COND_FALSE;
    const m = this.hits[k]!;
    m.set(key, (m.get(key) ?? 0) + 1);
    return value;
  }

  /** A switch: control entered clause `clause` (or none: the clause count). */
  s(k: number, clause: number): void {
    const m = this.hits[k]!;
    m.set(clause, (m.get(clause) ?? 0) + 1);
  }
}

const recorders: FileRecorder[] = [];

/** Called once by each instrumented module at load. Registering the same file again shares its recorder. */
export function register(file: string, hash: string, decisions: number): FileRecorder {
  for (const r of recorders) if (r.file === file && r.hash === hash) return r;
  const r = new FileRecorder(file, hash, decisions);
  recorders.push(r);
  return r;
}

/** Everything recorded so far by this process, in the raw file format. */
export function snapshot(): RawFile {
  return {
    format: 'mcp-wrt-mcdc-raw',
    version: 1,
    files: recorders.map((r) => ({ file: r.file, hash: r.hash, hits: r.hits.map((m) => [...m.entries()]) })),
  };
}

/** Forgets all counts (the tool's own tests use this between cases). */
export function reset(): void {
  for (const r of recorders) for (const m of r.hits) m.clear();
}

const outDir = process.env['MCDC_OUT'];
if (outDir !== undefined && outDir !== '') {
  process.on('exit', () => {
    if (recorders.length === 0) return;
    mkdirSync(outDir, { recursive: true });
    const name = `raw-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e9)}.json`;
    writeFileSync(join(outDir, name), JSON.stringify(snapshot()));
  });
}
