/**
 * The page's own code (dist/web/app.js) and the QuickJS harness run on the product bundle, not on a
 * second copy of the runtime: every import of src/core or src/component is bound to the bundle
 * (scripts/bundle.ts, bindToProductBundle), so the host code pulled in beside it (src/host, src/wasi)
 * shares the bundle's classes.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { BUNDLE_NAME, scanForNodeGlobals } from '../../scripts/bundle.js';
import { buildHarnessBundle } from '../../embedded/harness-bundle.js';
import { buildWeb } from '../../web/build.js';

/**
 * What the Node-global scanner finds, on the minified code as with the product bundle: unminified,
 * locals named `module` or `exports` (the page has both) read as the CommonJS names.
 */
async function nodeReferences(code: string): Promise<string[]> {
  const min = await transform(code, { minify: true, format: 'esm', target: 'es2020' });
  return [...new Set(scanForNodeGlobals(min.code).map((r) => r.name))];
}

/** The `// path` module markers esbuild writes into an unminified bundle. */
function bundledModules(code: string): string[] {
  return [...code.matchAll(/^\/\/ (\S+\.ts)$/gm)].map((m) => m[1]!);
}

test('REQ-EMB-019: the page code and the QuickJS harness bundle no module of src/core or src/component and import only the product bundle', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-wrt-web-'));
  try {
    await buildWeb(dir);
    const app = readFileSync(join(dir, 'app.js'), 'utf8');
    const modules = bundledModules(app);
    assert.ok(modules.includes('src/host/stdio-instance.ts') && modules.includes('src/host/wasi-mcp-guest.ts'), modules.join(', '));
    assert.deepEqual(modules.filter((m) => /^src\/(core|component)\//.test(m)), []);
    // Nothing else the scanner objects to: no Node global, only imports of the bundle beside the page.
    assert.deepEqual(await nodeReferences(app), [`import "./${BUNDLE_NAME}.mjs"`]);

    const harness = await buildHarnessBundle();
    const hm = bundledModules(harness);
    assert.ok(hm.includes('src/host/stdio-instance.ts'), hm.join(', '));
    assert.deepEqual(hm.filter((m) => /^src\/(core|component)\//.test(m)), []);
    assert.deepEqual(await nodeReferences(harness), ['import "mcp-wrt-host/core"']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
