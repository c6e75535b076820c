import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BUNDLE_NAME, bundleDir, readBuiltBundle, repoRoot, scanForNodeGlobals } from '../../scripts/bundle.js';

const bundle = readBuiltBundle();

test('REQ-EMB-001: the bundle is one ES module with the embedding API, and it runs a module', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'emb-bundle-'));
  const file = join(dir, 'core.mjs');
  writeFileSync(file, bundle.minified);
  const core = (await import(pathToFileURL(file).href)) as typeof import('../../src/core/index.js');
  for (const name of ['load', 'Store', 'DecodeError', 'ValidationError', 'LinkError', 'Trap', 'LimitExceeded', 'DEFAULT_LIMITS']) {
    assert.ok(name in core, `bundle exports ${name}`);
  }
  const add = core.load(new Uint8Array(readFileSync(join(repoRoot(), 'examples', 'add.wasm'))));
  const store = new core.Store();
  const inst = store.instantiate(add, {});
  const f = inst.exports.get('add');
  assert.ok(f !== undefined);
  assert.deepEqual(store.invoke(f, [{ type: 'i32', value: 2 }, { type: 'i32', value: 40 }]), [{ type: 'i32', value: 42 }]);
  assert.throws(() => core.load(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0])), core.DecodeError);
  // Only one module: no import or export-from statement pulls in another file.
  assert.deepEqual(scanForNodeGlobals(bundle.minified).filter((r) => r.name.startsWith('import')), []);
  // The package entry `mcp-wrt-host/core` is this file.
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  assert.deepEqual(pkg.exports['./core'], { types: `./dist/bundle/${BUNDLE_NAME}.d.mts`, default: `./dist/bundle/${BUNDLE_NAME}.mjs` });
});

test('REQ-EMB-002: the minified bundle references no Node global, Node module or CommonJS machinery', () => {
  // The minified form is scanned: minification renames every local binding (the sources have locals
  // called `module` and `global`), so an identifier left with a forbidden name is a free reference.
  const refs = scanForNodeGlobals(bundle.minified);
  assert.deepEqual(refs, [], refs.map((r) => `${r.name} at ${r.at}: ...${bundle.minified.slice(Math.max(0, r.at - 40), r.at + 40)}...`).join('\n'));
});

test('REQ-EMB-003: the scanner finds Node globals as references, not as property names, strings or comments', () => {
  const bad: readonly [string, string][] = [
    ['process', 'export const a = process.env.X;'],
    ['Buffer', 'const b = Buffer.from("x");'],
    ['require', 'const fs = require("fs");'],
    ['setTimeout', 'setTimeout(() => 0, 1);'],
    ['setImmediate', 'setImmediate(f);'],
    ['global', 'global.x = 1;'],
    ['__dirname', 'const d = __dirname;'],
    ['node:fs', 'import { readFileSync } from "node:fs";'],
    ['import.meta', 'const u = import.meta.url;'],
    ['globalThis.process', 'const p = globalThis["process"];'],
    ['process', 'const o = { process };'],
  ];
  for (const [name, code] of bad) {
    const refs = scanForNodeGlobals(code);
    assert.ok(refs.some((r) => r.name.includes(name)), `${name} found in ${code}: ${JSON.stringify(refs)}`);
  }
  const clean = 'const o = { process: 1, global: 2 }; o.process = o.Buffer; const s = "global index process require"; // setTimeout\nclass C { global() { return 1; } }';
  assert.deepEqual(scanForNodeGlobals(clean), []);
});

test('REQ-EMB-004: the bundle sizes in the manifest are those of the built files (raw, minified, gzip -9 of minified)', () => {
  const dir = bundleDir();
  const raw = readFileSync(join(dir, `${BUNDLE_NAME}.mjs`));
  const min = readFileSync(join(dir, `${BUNDLE_NAME}.min.mjs`));
  assert.equal(bundle.sizes.raw, raw.length);
  assert.equal(bundle.sizes.min, min.length);
  assert.equal(bundle.sizes.gzip, gzipSync(min, { level: 9 }).length);
  assert.ok(bundle.sizes.gzip < bundle.sizes.min && bundle.sizes.min < bundle.sizes.raw);
  console.log(`bundle (${bundle.parts.component ? 'core + component' : 'core only'}): raw ${raw.length} B, minified ${min.length} B, gzip ${bundle.sizes.gzip} B`);
});
