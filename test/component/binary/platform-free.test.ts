/** src/component must run in any JS engine: no node:* or npm imports, no host globals. */

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../../spec-tests/suite.js';

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

const HOST_GLOBALS = /\b(process|Buffer|TextDecoder|TextEncoder|setTimeout|setInterval|setImmediate|require|globalThis|window|performance|console)\b/;

test('REQ-CM-BIN-022: src/component imports only relative modules inside src/ and uses no host globals', (t) => {
  const root = packageRoot();
  if (root === undefined) {
    t.skip('package root not found');
    return;
  }
  const dir = resolve(root, 'src', 'component');
  const files = tsFiles(dir);
  assert.ok(files.length >= 10, `found ${files.length} files`);
  for (const file of files) {
    // Strip comments so that prose may name things freely.
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    for (const m of code.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'/g)) {
      const spec = m[1] ?? m[2]!;
      assert.ok(spec.startsWith('./') || spec.startsWith('../'), `${file}: imports '${spec}'`);
      const target = resolve(join(file, '..'), spec);
      assert.ok(target.startsWith(resolve(root, 'src', 'component')) || target.startsWith(resolve(root, 'src', 'core')),
        `${file}: imports '${spec}' outside src/component and src/core`);
    }
    const g = HOST_GLOBALS.exec(code);
    assert.equal(g, null, `${file}: uses host global '${g?.[0]}'`);
  }
});
