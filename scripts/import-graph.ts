/**
 * Which source files a test file reaches through its static and dynamic relative imports, transitively.
 * Imports are written NodeNext-style (`./x.js` for `./x.ts`), so each specifier is mapped back to its .ts
 * source. Package imports (`node:*`, npm packages) are outside the repository and ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT_PATTERN = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The relative import specifiers of a TypeScript source text. */
export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(IMPORT_PATTERN)].map((m) => m[1]!);
}

function toSource(fromFile: string, spec: string): string | undefined {
  const target = resolve(dirname(fromFile), spec);
  for (const candidate of [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, join(target, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export class ImportGraph {
  private readonly cache = new Map<string, readonly string[]>();

  constructor(private readonly root: string) {}

  /** Direct imports of a file (absolute paths of .ts sources). */
  private direct(file: string): readonly string[] {
    let deps = this.cache.get(file);
    if (deps === undefined) {
      deps = importSpecifiers(readFileSync(file, 'utf8'))
        .map((s) => toSource(file, s))
        .filter((f): f is string => f !== undefined);
      this.cache.set(file, deps);
    }
    return deps;
  }

  /** Every file reached from `file` (relative to the root), the file itself excluded, sorted. */
  reached(file: string): string[] {
    const start = resolve(this.root, file);
    const seen = new Set<string>([start]);
    const todo = [start];
    while (todo.length > 0) {
      for (const dep of this.direct(todo.pop()!)) {
        if (!seen.has(dep)) {
          seen.add(dep);
          todo.push(dep);
        }
      }
    }
    seen.delete(start);
    return [...seen].map((f) => relative(this.root, f)).sort();
  }

  /** The files under `src/` reached from `file`. */
  sourcesReached(file: string): string[] {
    return this.reached(file).filter((f) => f.startsWith('src/'));
  }
}
