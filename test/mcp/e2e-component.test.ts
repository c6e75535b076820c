/**
 * End to end with a WASI-MCP component: `mcp-wrt serve examples/c-mcp-component/notes.wasm` driven
 * by the official SDK clients — v2 (`@modelcontextprotocol/client`) in legacy, auto and pinned
 * 2026-07-28 modes, and v1 (`@modelcontextprotocol/sdk`) — over stdio and Streamable HTTP. Every
 * response on the wire is checked against the official MCP schema of the negotiated era.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as HttpV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { NOTES_WASM, PLAIN_WASM } from '../host/component-examples.js';
import { mcpSchemaProblems } from './mcp-schema.js';
import { lastResult, MAIN, startHttp, tap } from './serve-helpers.js';

type Mode = 'legacy' | 'auto' | { pin: string };
const MODES: readonly Mode[] = ['legacy', 'auto', { pin: '2026-07-28' }];
const modeName = (mode: Mode): string => (typeof mode === 'string' ? mode : `pin ${mode.pin}`);

/** What both SDK generations' clients offer (their result types differ; the wire form is checked). */
interface AnyClient {
  listTools(): Promise<{ tools: { name: string }[] }>;
  callTool(p: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
  listResources(): Promise<{ resources: { uri: string }[] }>;
  listResourceTemplates(): Promise<{ resourceTemplates: { uriTemplate: string }[] }>;
  readResource(p: { uri: string }): Promise<{ contents: unknown[] }>;
  listPrompts(): Promise<{ prompts: { name: string }[] }>;
  getPrompt(p: { name: string; arguments: Record<string, string> }): Promise<{ messages: { content: unknown }[] }>;
  complete(p: { ref: { type: 'ref/prompt'; name: string }; argument: { name: string; value: string } }): Promise<{ completion: { values: string[] } }>;
}

/** The whole surface of the notes component, each wire result checked against the era's schema. */
async function exercise(c: AnyClient, era: 'legacy' | 'modern', label: string, seen: readonly unknown[]): Promise<void> {
  const check = (def: string): void => {
    const wire = lastResult(seen);
    assert.ok(wire !== undefined, `${label}: a ${def} was on the wire`);
    assert.deepEqual(mcpSchemaProblems(era, def, wire), [], `${label}: ${def} conforms to the ${era} schema`);
  };
  const tools = await c.listTools();
  check('ListToolsResult');
  assert.deepEqual(tools.tools.map((t) => t.name).slice(0, 4), ['add', 'echo', 'add_note', 'search_notes'], label);
  const sum = (await c.callTool({ name: 'add', arguments: { a: 2, b: 40 } })) as { content: unknown; structuredContent: unknown; isError: boolean };
  assert.deepEqual([sum.content, sum.structuredContent, sum.isError], [[{ type: 'text', text: '42' }], { sum: 42 }, false], label);
  check('CallToolResult');
  const stored = (await c.callTool({ name: 'add_note', arguments: { title: label, text: `stored by ${label}` } })) as { structuredContent: { id: number } };
  check('CallToolResult');
  const uri = `notes://note/${stored.structuredContent.id}`;
  const resources = await c.listResources();
  check('ListResourcesResult');
  assert.deepEqual(resources.resources.map((r) => r.uri).slice(0, 2), ['notes://readme', 'notes://limits']);
  assert.ok(resources.resources.some((r) => r.uri === uri), `${label}: the new note is listed`);
  const templates = await c.listResourceTemplates();
  check('ListResourceTemplatesResult');
  assert.deepEqual(templates.resourceTemplates.map((t) => t.uriTemplate), ['notes://note/{id}']);
  const read = await c.readResource({ uri });
  check('ReadResourceResult');
  assert.deepEqual(read.contents, [{ uri, mimeType: 'text/plain', text: `# ${label}\n\nstored by ${label}` }]);
  const prompts = await c.listPrompts();
  check('ListPromptsResult');
  assert.deepEqual(prompts.prompts.map((p) => p.name), ['greet', 'summarize']);
  const prompt = await c.getPrompt({ name: 'greet', arguments: { name: 'Ada' } });
  check('GetPromptResult');
  assert.deepEqual(prompt.messages[0]!.content, { type: 'text', text: 'Say hello to Ada.' });
  const done = await c.complete({ ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'name', value: 'Gr' } });
  check('CompleteResult');
  assert.deepEqual(done.completion.values, ['Grace']);
  await assert.rejects(c.callTool({ name: 'fail', arguments: {} }), (e: unknown) => {
    const err = e as { code?: number; message: string };
    assert.equal(err.code, -32001, `${label}: the error record's code`);
    assert.match(err.message, /the fail tool always fails/);
    return true;
  });
}

function v2(mode: Mode): Client {
  return new Client({ name: 'mcp-wrt-e2e-component', version: '1.0.0' }, { versionNegotiation: { mode } });
}

test('REQ-MCP-CMP-001: over stdio, SDK v2 clients in legacy, auto and pinned 2026-07-28 modes use every operation of a WASI-MCP component', async () => {
  for (const mode of MODES) {
    const c = v2(mode);
    const seen: unknown[] = [];
    await c.connect(tap(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', NOTES_WASM], stderr: 'ignore' }), seen));
    try {
      const era = c.getProtocolEra() ?? 'legacy';
      assert.equal(era, mode === 'legacy' ? 'legacy' : 'modern', modeName(mode));
      await exercise(c as unknown as AnyClient, era, `stdio ${modeName(mode)}`, seen);
    } finally {
      await c.close();
    }
  }
});

test('REQ-MCP-CMP-002: over Streamable HTTP, SDK v2 clients in all three modes get the same answers from the component', async () => {
  const { child, url } = await startHttp([NOTES_WASM]);
  try {
    for (const mode of MODES) {
      const c = v2(mode);
      const seen: unknown[] = [];
      await c.connect(tap(new StreamableHTTPClientTransport(new URL(url)), seen));
      try {
        await exercise(c as unknown as AnyClient, c.getProtocolEra() ?? 'legacy', `http ${modeName(mode)}`, seen);
      } finally {
        await c.close();
      }
    }
  } finally {
    child.kill();
  }
});

test('REQ-MCP-CMP-003: SDK v1 clients (2025-11-25) use every operation of the component over stdio and Streamable HTTP', async () => {
  const seen: unknown[] = [];
  const viaStdio = new ClientV1({ name: 'v1-e2e-component', version: '1.0.0' });
  await viaStdio.connect(tap(new StdioV1({ command: process.execPath, args: [MAIN, 'serve', NOTES_WASM], stderr: 'ignore' }), seen));
  try {
    await exercise(viaStdio as unknown as AnyClient, 'legacy', 'v1 stdio', seen);
  } finally {
    await viaStdio.close();
  }
  const { child, url } = await startHttp([NOTES_WASM]);
  try {
    const httpSeen: unknown[] = [];
    const viaHttp = new ClientV1({ name: 'v1-e2e-component', version: '1.0.0' });
    await viaHttp.connect(tap(new HttpV1(new URL(url)), httpSeen));
    try {
      await exercise(viaHttp as unknown as AnyClient, 'legacy', 'v1 http', httpSeen);
    } finally {
      await viaHttp.close();
    }
  } finally {
    child.kill();
  }
});

test('REQ-MCP-CMP-004: a component call stopped by the sandbox reaches the client as an error result, and the server keeps serving', async () => {
  const c = v2('auto');
  await c.connect(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', NOTES_WASM, '--timeout', '1s', '--fuel', '1000000000000'], stderr: 'ignore' }));
  try {
    const r = await c.callTool({ name: 'spin', arguments: {} });
    assert.equal(r.isError, true);
    assert.match(JSON.stringify(r.content), /\(timeout\)/);
    const ok = await c.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
    assert.deepEqual(ok.structuredContent, { sum: 3 });
  } finally {
    await c.close();
  }
});

test('REQ-MCP-CMP-005: a plain component served over stdio: its exports are tools whose structuredContent passes the outputSchema check', async () => {
  for (const mode of ['legacy', { pin: '2026-07-28' }] as const) {
    const c = v2(mode);
    const seen: unknown[] = [];
    await c.connect(tap(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', PLAIN_WASM], stderr: 'ignore' }), seen));
    try {
      const era = c.getProtocolEra() ?? 'legacy';
      const tools = await c.listTools();
      assert.deepEqual(mcpSchemaProblems(era, 'ListToolsResult', lastResult(seen)), []);
      assert.ok(tools.tools.every((t) => t.outputSchema !== undefined), 'every tool has an outputSchema');
      const r = await c.callTool({ name: 'example_plain_geometry_centroid', arguments: { points: [{ x: 1, y: 1 }, { x: 3, y: 5 }] } });
      assert.deepEqual(mcpSchemaProblems(era, 'CallToolResult', lastResult(seen)), []);
      assert.deepEqual(r.structuredContent, { result: { x: 2, y: 3 } });
      await assert.rejects(c.callTool({ name: 'checked-div', arguments: { a: 1, b: 'x' } }), (e: unknown) => (e as { code?: number }).code === -32602);
    } finally {
      await c.close();
    }
  }
});

test('REQ-MCP-CMP-007: a component\'s log record and progress reach the client that made the call, and resources/subscribe reaches its handler', async () => {
  const c = v2('legacy');
  const logs: unknown[] = [];
  const progress: unknown[] = [];
  c.setNotificationHandler('notifications/message', (n) => { logs.push(n.params); });
  await c.connect(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', NOTES_WASM], stderr: 'ignore' }));
  try {
    const r = await c.callTool({ name: 'log', arguments: { text: 'from the component' } }, { onprogress: (p) => { progress.push(p); } });
    assert.deepEqual(r.content, [{ type: 'text', text: 'logged' }]);
    for (let i = 0; i < 50 && (logs.length === 0 || progress.length === 0); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(logs, [{ level: 'info', logger: 'notes', data: { message: 'from the component', data: { text: 'from the component' } } }]);
    assert.deepEqual(progress, [{ progress: 1, total: 1, message: 'log' }]);
    assert.deepEqual(await c.subscribeResource({ uri: 'notes://readme' }), {});
    assert.deepEqual(await c.unsubscribeResource({ uri: 'notes://readme' }), {});
  } finally {
    await c.close();
  }
});
