/**
 * The machine-readable summary of property runs, `coverage/out/properties.json` (format documented in
 * test/property/README.md). `node --test` runs test files in parallel processes, so every record goes
 * through a lock directory and a read-merge-rename: the file always holds the latest result of each
 * property and is never half written.
 */
import { mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PropertyRecord {
  readonly name: string;
  readonly runs: number;
  readonly seed: number;
  readonly outcome: 'passed' | 'failed' | 'interrupted';
  readonly ms: number;
  readonly counterexample?: string;
}

export interface Summary {
  readonly format: 'mcp-wrt-properties/1';
  readonly properties: Record<string, PropertyRecord & { readonly at: string }>;
}

/** The repository root: dist/test/fuzz -> ../../.. when compiled, test/fuzz -> ../.. from source. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      readFileSync(resolve(dir, 'package.json'));
      if (!dir.endsWith('dist')) return dir;
    } catch {
      /* keep climbing */
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

export function summaryPath(): string {
  return process.env['PROPERTIES_JSON'] ?? resolve(repoRoot(), 'coverage/out/properties.json');
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function withLock<T>(lockDir: string, body: () => T): T {
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      if (i > 500) { // a crashed writer left it behind (10 s): take over
        try { rmdirSync(lockDir); } catch { /* someone else did */ }
      }
      Atomics.wait(sleeper, 0, 0, 20);
    }
  }
  try {
    return body();
  } finally {
    rmdirSync(lockDir);
  }
}

export function readSummary(path = summaryPath()): Summary {
  try {
    const s = JSON.parse(readFileSync(path, 'utf8')) as Summary;
    if (s.format === 'mcp-wrt-properties/1') return s;
  } catch {
    /* absent or unreadable: start afresh */
  }
  return { format: 'mcp-wrt-properties/1', properties: {} };
}

export function recordProperty(rec: PropertyRecord): void {
  const path = summaryPath();
  mkdirSync(dirname(path), { recursive: true });
  withLock(`${path}.lock`, () => {
    const s = readSummary(path);
    const next: Summary = { ...s, properties: { ...s.properties, [rec.name]: { ...rec, at: new Date().toISOString() } } };
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(next, null, 2) + '\n');
    renameSync(tmp, path);
  });
}
