/** Locates the Component Model reference tests (`../shared/component-model/test` next to the repository). */

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageRoot } from '../../../spec-tests/suite.js';

export function componentTestDir(): string | undefined {
  const root = packageRoot();
  if (root === undefined) return undefined;
  const dir = resolve(root, '..', 'shared', 'component-model', 'test');
  return existsSync(dir) ? dir : undefined;
}
