/**
 * Test helper: the repository root, found by climbing from this compiled file until a folder holds
 * package.json and src/core/index.ts. Tests run from dist/test and, under the MC/DC tool, from
 * coverage/out/mcdc-dist/test, so a fixed number of `..` would be right for one tree only.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'core', 'index.ts'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export const ROOT = findRoot();
