/**
 * The WASI-MCP contract (wit/wasi-mcp.wit) for guest kind 1: it parses as WIT (with jco's
 * bindgen) and carries the documented fixes to the pre-proposal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

function witSource(): string {
  const local = join(process.cwd(), 'wit', 'wasi-mcp.wit');
  return readFileSync(existsSync(local) ? local : new URL('../../../wit/wasi-mcp.wit', import.meta.url), 'utf8');
}

interface Bindgen {
  $init: Promise<void>;
  generateTypes(name: string, opts: Record<string, unknown>): [string, Uint8Array][];
}

test('REQ-MCP-SRV-006: wit/wasi-mcp.wit is valid WIT: package wasi:mcp@0.1.0, world mcp-backend importing runtime and exporting handlers', async () => {
  const src = witSource();
  assert.match(src, /^package wasi:mcp@0\.1\.0;$/m);
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@bytecodealliance/jco-transpile'));
  const bindgen = (await import(join(dir, '..', 'vendor', 'js-component-bindgen-component.js'))) as Bindgen;
  await bindgen.$init;
  // The bindgen parses one package from source, so the wasi:cli/run export is inlined for the check
  // (wit/deps/cli/run.wit holds the real one for tools that read the directory).
  const single = src.replace('export wasi:cli/run@0.2.0;', 'export run: func() -> result;');
  assert.notEqual(single, src, 'the world exports wasi:cli/run');
  const files = new Map(bindgen.generateTypes('mcp', { wit: { tag: 'source', val: single }, world: 'mcp-backend', features: { tag: 'all' }, guest: false, tlaCompat: false }));
  const text = (name: string): string => new TextDecoder().decode(files.get(name));
  for (const f of ['interfaces/wasi-mcp-runtime.d.ts', 'interfaces/wasi-mcp-handlers.d.ts', 'interfaces/wasi-mcp-types.d.ts']) assert.ok(files.has(f), f);
  const runtime = text('interfaces/wasi-mcp-runtime.d.ts');
  for (const fn of ['registerServer', 'registerTools', 'registerResources', 'registerResourceTemplates', 'registerPrompts', 'serve', 'sendNotification', 'log', 'reportProgress']) {
    assert.match(runtime, new RegExp(`export function ${fn}\\(`), `runtime.${fn}`);
  }
  const handlers = text('interfaces/wasi-mcp-handlers.d.ts');
  for (const fn of ['callTool', 'readResource', 'getPrompt', 'handleSubscribe', 'handleUnsubscribe', 'handleComplete']) {
    assert.match(handlers, new RegExp(`export function ${fn}\\(`), `handlers.${fn}`);
  }
});

test('REQ-MCP-SRV-007: the contract documents and applies its fixes: no empty capability record, error as a {code, message, data} record, serve() returns at once', () => {
  const src = witSource();
  assert.doesNotMatch(src, /record [a-z-]+ \{\s*\}/, 'no empty record');
  assert.match(src, /record error \{[^}]*code: s32,[^}]*message: string,[^}]*data: option<json>,?[^}]*\}/s);
  assert.match(src, /serve: func\(\) -> result<_, error>;/);
  for (const fix of ['FIX-1', 'FIX-2', 'FIX-3']) assert.ok(src.split(fix).length >= 3, `${fix} is documented and applied`);
});
