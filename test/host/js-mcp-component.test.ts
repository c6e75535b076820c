/**
 * A WASI-MCP component written in JavaScript (examples/js-mcp-component, `jco componentize`): the host
 * gives it the WASI 0.2 surface its StarlingMonkey image imports, and it serves like the C one, at the
 * host level and through `mcp-wrt serve` with the SDK v2 client.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as V1StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpWrtHost, PolicyError, GuestRpcError } from '../../src/host/index.js';
import type { GuestNotification } from '../../src/host/guest.js';
import { mcpSchemaProblems } from '../mcp/mcp-schema.js';
import { lastResult, MAIN, startHttp, tap } from '../mcp/serve-helpers.js';
import { jsNotesWasm } from './component-examples.js';

const ALLOW = ['wasi:mcp/*', 'wasi:cli/*', 'wasi:io/*', 'wasi:clocks/*', 'wasi:random/*', 'wasi:filesystem/*'];

test('REQ-HOST-CMP-010: a JavaScript WASI-MCP component runs on the WASI 0.2 host: registration, tools, resources, prompts, completion, the error record', async () => {
  const bytes = new Uint8Array(readFileSync(jsNotesWasm()));
  const logs: string[] = [];
  const host = McpWrtHost.create({ allowedImports: ALLOW, onLog: (_g, l) => logs.push(l) });
  const g = host.load(bytes, {}, 'js');
  const got: GuestNotification[] = [];
  g.onNotification = (n) => got.push(n);
  assert.equal(g.kind, 'wasi-mcp-component');
  assert.deepEqual((await g.listTools()).map((t) => t.name), ['add', 'add_note', 'search_notes', 'fail']);
  assert.deepEqual((await g.callTool('add', { a: 2, b: 40 })).structuredContent, { sum: 42 });
  assert.deepEqual((await g.callTool('add_note', { title: 'js', text: 'from StarlingMonkey' })).content, [{ type: 'text', text: 'stored note 0' }]);
  assert.deepEqual(got, [
    { method: 'notifications/message', params: { level: 'info', logger: 'js', data: 'stored note 0' } },
    { method: 'notifications/resources/list_changed' },
  ]);
  assert.deepEqual(await g.readResource('notes://note/0'), { contents: [{ uri: 'notes://note/0', mimeType: 'text/plain', text: '# js\n\nfrom StarlingMonkey' }] });
  assert.deepEqual((await g.listResourceTemplates()).map((t) => t.uriTemplate), ['notes://note/{id}']);
  assert.deepEqual(await g.getPrompt('greet', { name: 'Ada' }), { description: 'Greets someone', messages: [{ role: 'user', content: { type: 'text', text: 'Say hello to Ada.' } }] });
  assert.deepEqual(await g.complete({ type: 'ref/prompt', name: 'greet' }, { name: 'name', value: 'G' }), { completion: { values: ['Grace'], total: 1, hasMore: false } });
  await assert.rejects(g.callTool('fail', {}), (e: unknown) => e instanceof GuestRpcError && e.code === -32001 && (e.data as { from?: string }).from === 'javascript');
  await host.close();
});

test('REQ-HOST-CMP-010: the WASI 0.2 imports of a JavaScript component are checked against allowedImports like any other', () => {
  const bytes = new Uint8Array(readFileSync(jsNotesWasm()));
  assert.throws(() => McpWrtHost.create({ allowedImports: ['wasi:mcp/*'] }).load(bytes, {}, 'js'), (e: unknown) =>
    e instanceof PolicyError && e.imports.includes('wasi:filesystem/preopens@0.2.12') && e.imports.includes('wasi:cli/stdout@0.2.12') && !e.imports.some((i) => i.startsWith('wasi:mcp')));
});

/** Every operation through one connected client; the wire form of each result is checked against the era's schema. */
async function exercise(c: Pick<Client, 'listTools' | 'callTool' | 'readResource' | 'getPrompt'>, era: 'legacy' | 'modern', seen: readonly unknown[]): Promise<void> {
  const tools = await c.listTools();
  assert.deepEqual(mcpSchemaProblems(era, 'ListToolsResult', lastResult(seen)), []);
  assert.equal(tools.tools[0]!.name, 'add');
  const sum = await c.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
  assert.deepEqual(mcpSchemaProblems(era, 'CallToolResult', lastResult(seen)), []);
  assert.deepEqual(sum.structuredContent, { sum: 3 });
  const read = await c.readResource({ uri: 'notes://readme' });
  assert.deepEqual(mcpSchemaProblems(era, 'ReadResourceResult', lastResult(seen)), []);
  assert.match(JSON.stringify(read.contents), /JavaScript compiled to a WASI-MCP component/);
  const prompt = await c.getPrompt({ name: 'greet', arguments: { name: 'Grace' } });
  assert.deepEqual(mcpSchemaProblems(era, 'GetPromptResult', lastResult(seen)), []);
  assert.deepEqual(prompt.messages[0]!.content, { type: 'text', text: 'Say hello to Grace.' });
}

/** `mcp-wrt serve` arguments for the JS component: its WASI 0.2 imports need allowing. */
const serveArgs = (wasm: string): string[] => [wasm, '--allow-import', 'wasi:*'];

test('REQ-MCP-CMP-006@2: the JavaScript WASI-MCP component answers SDK v2 clients (legacy, auto, pinned 2026-07-28) over stdio and Streamable HTTP, and SDK v1 clients over both', async () => {
  const wasm = jsNotesWasm();
  const { child, url } = await startHttp(serveArgs(wasm));
  try {
    for (const transport of ['stdio', 'http'] as const) {
      for (const mode of ['legacy', 'auto', { pin: '2026-07-28' }] as const) {
        const c = new Client({ name: 'e2e-js-component', version: '1.0.0' }, { versionNegotiation: { mode } });
        const seen: unknown[] = [];
        await c.connect(tap(transport === 'stdio'
          ? new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', ...serveArgs(wasm)], stderr: 'ignore' })
          : new StreamableHTTPClientTransport(new URL(url)), seen));
        try {
          await exercise(c, c.getProtocolEra() ?? 'legacy', seen);
        } finally {
          await c.close();
        }
      }
      const v1 = new V1Client({ name: 'e2e-js-component-v1', version: '1.0.0' });
      const seen: unknown[] = [];
      await v1.connect(tap(transport === 'stdio'
        ? new V1StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', ...serveArgs(wasm)], stderr: 'ignore' })
        : new V1StreamableHTTPClientTransport(new URL(url)), seen));
      try {
        await exercise(v1 as unknown as Client, 'legacy', seen);
      } finally {
        await v1.close();
      }
    }
  } finally {
    child.kill();
  }
});
