/**
 * Locating the Component Model reference tests (`../shared/component-model/test` next to the package
 * root) and the directories of the component suite. `async` is out of scope (issue #3) and is run
 * only when named explicitly.
 */

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from './suite.js';

/** The directories of the sync suite, in report order. */
export const COMPONENT_DIRS = ['values', 'resources', 'binary', 'validation', 'linking'] as const;

export function defaultComponentSuiteDir(): string | undefined {
  const root = packageRoot();
  if (root === undefined) return undefined;
  const dir = resolve(root, '..', 'shared', 'component-model', 'test');
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
}

export const NO_COMPONENT_SUITE_MESSAGE =
  'no Component Model tests found: clone https://github.com/WebAssembly/component-model and pass its ' +
  'test/ directory with --suite DIR';

/** The .wast files of the sync suite directories under `dir`, sorted by directory then name. */
export function componentSuiteFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of COMPONENT_DIRS) {
    const sub = join(dir, d);
    if (!existsSync(sub)) continue;
    for (const f of readdirSync(sub).filter((x) => x.endsWith('.wast')).sort()) out.push(join(sub, f));
  }
  return out;
}
