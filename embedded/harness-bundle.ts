/**
 * Bundles embedded/quickjs/harness.ts for QuickJS: an ES module whose every import of `src/core` is
 * rewritten to the external module `mcp-wrt-host/core`, so the code under test inside QuickJS is the
 * product bundle itself (scripts/bundle.ts), not a second copy of the core.
 */

import { build, type Plugin } from 'esbuild';
import { join } from 'node:path';
import { BUNDLE_SPECIFIER, repoRoot } from '../scripts/bundle.js';

/** Binds imports of the core's sources to the product bundle. */
const coreIsTheBundle: Plugin = {
  name: 'core-is-the-bundle',
  setup(b) {
    b.onResolve({ filter: /(^|\/)src\/core\// }, () => ({ path: BUNDLE_SPECIFIER, external: true }));
  },
};

/** The harness module's source text. */
export async function buildHarnessBundle(): Promise<string> {
  const root = repoRoot();
  const result = await build({
    entryPoints: [join(root, 'embedded', 'quickjs', 'harness.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    platform: 'neutral',
    plugins: [coreIsTheBundle],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
