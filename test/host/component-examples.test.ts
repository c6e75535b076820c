/**
 * The component examples: the committed .wasm files are what their sources build (clang-14 +
 * wasi-libc + jco's wasm-tools), they import nothing beyond their contract, and `npm start`'s demo
 * serves the WASI-MCP one to the SDK client and finishes by itself; the component guest modules stay
 * free of Node APIs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadComponent } from '../../src/component/index.js';
import { ImportGraph } from '../../scripts/import-graph.js';
import { notesBytes, plainBytes, rebuilt, ROOT } from './component-examples.js';

test('REQ-HOST-EX-001: the committed component examples are byte for byte what their sources build', (t) => {
  for (const [example, committed] of [['c-mcp-component', notesBytes()], ['c-plain-component', plainBytes()]] as const) {
    const fresh = rebuilt(example);
    if ('skip' in fresh) return t.skip(fresh.skip);
    assert.ok(Buffer.from(fresh).equals(Buffer.from(committed)), `${example}: rebuild differs from the committed .wasm (run npm run build:examples)`);
  }
});

test('REQ-HOST-EX-001: the WASI-MCP example imports only wasi:mcp and the plain example imports nothing', () => {
  assert.deepEqual([...loadComponent(notesBytes()).type.imports.keys()], ['wasi:mcp/types@0.1.0', 'wasi:mcp/runtime@0.1.0']);
  assert.deepEqual([...loadComponent(notesBytes()).type.exports.keys()], ['wasi:mcp/handlers@0.1.0', 'wasi:cli/run@0.2.0']);
  assert.deepEqual([...loadComponent(plainBytes()).type.imports.keys()], []);
});

test('REQ-HOST-EX-002: the npm start demo serves the C WASI-MCP component to the SDK client, prints every operation and exits 0', () => {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'demo.js')], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  for (const heading of ['tools/list', 'tools/call add', 'resources/list', 'resources/read notes://note/0', 'prompts/list', 'prompts/get greet', 'tools/call spin']) {
    assert.ok(out.includes(`\n${heading}`), `prints ${heading}`);
  }
  assert.match(out, /"text": "42"/);
  assert.match(out, /"text": "Say hello to Ada\."/);
  assert.match(out, /sandbox stopped the tool \(timeout\)/);
  assert.ok(performance.now() - t0 < 60_000);
});

test('REQ-HOST-CMP-009: the component guest modules reach no node:* import, so a browser page can host component guests', () => {
  const graph = new ImportGraph(ROOT);
  const entry = 'src/host/component-load.ts';
  const files = [entry, ...graph.reached(entry)];
  assert.ok(files.includes('src/host/wasi-mcp-guest.ts') && files.includes('src/host/plain-component-guest.ts'));
  for (const f of files) {
    assert.doesNotMatch(readFileSync(join(ROOT, f), 'utf8'), /from ['"]node:|import\(['"]node:/, `${f} imports node:*`);
  }
});
