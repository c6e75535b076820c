/** src/wasi/preview2 must run wherever the component runtime runs: every effect is an injected service. */

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ImportGraph } from '../../../scripts/import-graph.js';
import { packageRoot } from '../../../spec-tests/suite.js';

const HOST_GLOBALS = /\b(process|Buffer|setTimeout|setInterval|setImmediate|require|globalThis|window|performance|console|crypto|fetch)\b/;

test('REQ-WASI-P2-011: the WASI 0.2 host imports no packages or node:* modules, reaches only src/core, src/component and src/wasi, and uses no host globals', (t) => {
  const root = packageRoot();
  if (root === undefined) {
    t.skip('package root not found');
    return;
  }
  const dir = join(root, 'src', 'wasi', 'preview2');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 8, `found ${files.length} files`);
  for (const f of files) {
    const code = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    for (const m of code.matchAll(/\bfrom\s+'([^']+)'/g)) assert.ok(m[1]!.startsWith('.'), `${f}: imports '${m[1]}'`);
    const g = HOST_GLOBALS.exec(code);
    assert.equal(g, null, `${f}: uses host global '${g?.[0]}'`);
  }
  const reached = new ImportGraph(root).sourcesReached('src/wasi/preview2/index.ts');
  const outside = reached.filter((f) => !/^src\/(core|component|wasi)\//.test(f));
  assert.deepEqual(outside, []);
  assert.ok(reached.some((f) => f.startsWith('src/component/')), 'the graph was followed');
});
