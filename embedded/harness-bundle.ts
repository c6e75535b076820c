/**
 * Bundles embedded/quickjs/harness.ts for QuickJS: an ES module whose every import of `src/core` is
 * rewritten to the external module `mcp-wrt-host/core` (scripts/bundle.ts, bindToProductBundle), so the code under test inside QuickJS is the
 * product bundle itself (scripts/bundle.ts), not a second copy of the core.
 */

import { build } from 'esbuild';
import { join } from 'node:path';
import { BUNDLE_SPECIFIER, bindToProductBundle, repoRoot } from '../scripts/bundle.js';

/** The harness module's source text. */
export async function buildHarnessBundle(): Promise<string> {
  const root = repoRoot();
  const result = await build({
    entryPoints: [join(root, 'embedded', 'quickjs', 'harness.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    platform: 'neutral',
    plugins: [bindToProductBundle(BUNDLE_SPECIFIER)],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
