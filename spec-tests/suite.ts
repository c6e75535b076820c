/**
 * Locating the testsuite: the package root, the default suite directory and the files to run.
 */

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'mcp-wrt-host';

function isPackageRoot(dir: string): boolean {
  const p = join(dir, 'package.json');
  if (!existsSync(p)) return false;
  try {
    return (JSON.parse(readFileSync(p, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

function searchUp(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (isPackageRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The package root (the repository): above this file when built in place, else above the working directory. */
export function packageRoot(): string | undefined {
  return searchUp(dirname(fileURLToPath(import.meta.url))) ?? searchUp(process.cwd());
}

/** `../shared/wasm-testsuite/2.0` next to the package root, when it exists. */
export function defaultSuiteDir(): string | undefined {
  const root = packageRoot();
  if (root === undefined) return undefined;
  const dir = resolve(root, '..', 'shared', 'wasm-testsuite', '2.0');
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
}

export const NO_SUITE_MESSAGE =
  'no testsuite found: clone the official WebAssembly spec testsuite ' +
  '(https://github.com/WebAssembly/testsuite, or test/core of https://github.com/WebAssembly/spec) ' +
  'and pass its directory with --suite DIR';

/** The .wast files of a suite directory, sorted by name. */
export function suiteFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wast'))
    .sort()
    .map((f) => join(dir, f));
}

/** Resolves a file argument: an existing path, else a name inside the suite (`i32` or `i32.wast`). */
export function resolveScript(arg: string, suiteDir: string | undefined): string | undefined {
  const asPath = isAbsolute(arg) ? arg : resolve(arg);
  if (existsSync(asPath) && statSync(asPath).isFile()) return asPath;
  if (suiteDir === undefined) return undefined;
  for (const name of [arg, `${arg}.wast`]) {
    const p = join(suiteDir, name);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return undefined;
}

/** A file filter from a pattern: a regular expression when it parses as one, else a substring. */
export function fileFilter(pattern: string | undefined): (file: string) => boolean {
  if (pattern === undefined) return () => true;
  try {
    const re = new RegExp(pattern);
    return (f) => re.test(f);
  } catch {
    return (f) => f.includes(pattern);
  }
}
