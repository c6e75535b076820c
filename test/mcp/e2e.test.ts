/**
 * End to end with the official SDK v2 client (`@modelcontextprotocol/client`): `mcp-wrt serve` hosting
 * the C stdio example, over stdio (spawned process) and Streamable HTTP (loopback, random port), in
 * the client's legacy (2025-11-25), auto and pinned 2026-07-28 modes. Every result is checked
 * against the official MCP schema of the era that was negotiated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { cExampleWasm } from '../host/c-example.js';
import { mcpSchemaProblems } from './mcp-schema.js';
import { MAIN, startServeHttp } from './serve-process.js';

type Mode = 'legacy' | 'auto' | { pin: string };
const MODES: readonly Mode[] = ['legacy', 'auto', { pin: '2026-07-28' }];

/**
 * Wraps a client transport so the test sees every raw message from the server: the SDK client
 * normalizes results (e.g. drops the 2026-07-28 `resultType`), so schema checks use the wire form.
 */
function tap<T extends object>(transport: T, seen: unknown[]): T {
  return new Proxy(transport, {
    set(target, prop, value: unknown) {
      if (prop === 'onmessage' && typeof value === 'function') {
        const forward = value as (m: unknown, extra?: unknown) => void;
        Reflect.set(target, prop, (m: unknown, extra?: unknown) => {
          seen.push(m);
          forward(m, extra);
        });
        return true;
      }
      return Reflect.set(target, prop, value);
    },
  });
}

/** The `result` of the last response on the wire. */
function lastResult(seen: readonly unknown[]): unknown {
  for (let i = seen.length - 1; i >= 0; i--) {
    const m = seen[i] as { result?: unknown };
    if (m !== null && typeof m === 'object' && 'result' in m) return m.result;
  }
  return undefined;
}

function client(mode: Mode): Client {
  return new Client({ name: 'mcp-wrt-e2e', version: '1.0.0' }, { versionNegotiation: { mode } });
}


/** The whole surface: list and call tools, list and read resources, list and get prompts. */
async function exercise(c: Client, label: string, seen: readonly unknown[]): Promise<void> {
  const era = c.getProtocolEra() ?? 'legacy';
  const check = (def: string, _parsed: unknown): void => {
    const wire = lastResult(seen);
    assert.ok(wire !== undefined, `${label}: a ${def} was on the wire`);
    assert.deepEqual(mcpSchemaProblems(era, def, wire), [], `${label}: ${def} conforms to the ${era} schema`);
  };
  const tools = await c.listTools();
  check('ListToolsResult', tools);
  assert.deepEqual(tools.tools.map((t) => t.name).slice(0, 2), ['add', 'echo']);
  const sum = await c.callTool({ name: 'add', arguments: { a: 2, b: 40 } });
  check('CallToolResult', sum);
  assert.deepEqual(sum.structuredContent, { sum: 42 });
  const echo = await c.callTool({ name: 'echo', arguments: { text: 'ünïcødé "quoted"' } });
  assert.deepEqual(echo.content, [{ type: 'text', text: 'ünïcødé "quoted"' }]);
  const resources = await c.listResources();
  check('ListResourcesResult', resources);
  assert.deepEqual(resources.resources.map((r) => r.uri), ['notes://readme', 'notes://limits']);
  const read = await c.readResource({ uri: 'notes://limits' });
  check('ReadResourceResult', read);
  assert.deepEqual(read.contents, [{ uri: 'notes://limits', mimeType: 'text/plain', text: 'fuel, memory and time are capped' }]);
  const prompts = await c.listPrompts();
  check('ListPromptsResult', prompts);
  assert.equal(prompts.prompts[0]!.name, 'greet');
  const prompt = await c.getPrompt({ name: 'greet', arguments: { name: 'Ada' } });
  check('GetPromptResult', prompt);
  assert.deepEqual(prompt.messages[0]!.content, { type: 'text', text: 'Say hello to Ada.' });
}

const expectedEra = (mode: Mode): 'legacy' | 'modern' => (mode === 'legacy' ? 'legacy' : 'modern');
const modeName = (mode: Mode): string => (typeof mode === 'string' ? mode : `pin ${mode.pin}`);

test('REQ-MCP-SRV-001: over stdio, SDK v2 clients in legacy, auto and pinned 2026-07-28 modes list and call tools, read resources and get prompts', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  for (const mode of MODES) {
    const c = client(mode);
    const seen: unknown[] = [];
    await c.connect(tap(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', wasm.path], stderr: 'ignore' }), seen));
    try {
      assert.equal(c.getProtocolEra(), expectedEra(mode), modeName(mode));
      await exercise(c, `stdio ${modeName(mode)}`, seen);
    } finally {
      await c.close();
    }
  }
});

test('REQ-MCP-SRV-002: over Streamable HTTP on loopback, SDK v2 clients in all three modes get the same answers', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const { child, url } = await startServeHttp([wasm.path]);
  try {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/, 'bound to 127.0.0.1 by default');
    for (const mode of MODES) {
      const c = client(mode);
      const seen: unknown[] = [];
      await c.connect(tap(new StreamableHTTPClientTransport(new URL(url)), seen));
      try {
        assert.equal(c.getProtocolEra(), expectedEra(mode), modeName(mode));
        await exercise(c, `http ${modeName(mode)}`, seen);
      } finally {
        await c.close();
      }
    }
  } finally {
    child.kill();
  }
});

test('REQ-MCP-SRV-003: invalid tool arguments are refused before the sandbox with an invalid-params error naming the path', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const c = client('legacy');
  await c.connect(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', wasm.path, '--audit-log', '/dev/null'], stderr: 'ignore' }));
  try {
    await assert.rejects(c.callTool({ name: 'add', arguments: { a: 'two' } }), (e: unknown) => {
      const err = e as { code?: number; message: string };
      assert.equal(err.code, -32602);
      assert.match(err.message, /\/a: must be number/);
      assert.match(err.message, /\/b: is required/);
      return true;
    });
    await assert.rejects(c.callTool({ name: 'nope', arguments: {} }), /unknown tool: nope/);
  } finally {
    await c.close();
  }
});

test('REQ-MCP-SRV-004: a sandbox failure reaches the client as an error result and the server keeps serving', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const c = client('auto');
  await c.connect(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', wasm.path, '--timeout', '1s', '--fuel', '1000000000000'], stderr: 'ignore' }));
  try {
    // Fuel far above what 1 s can burn, so the wall clock (not fuel) must stop the loop on any machine.
    const r = await c.callTool({ name: 'spin', arguments: {} });
    assert.equal(r.isError, true);
    assert.match(JSON.stringify(r.content), /timeout/);
    const ok = await c.callTool({ name: 'add', arguments: { a: 1, b: 2 } });
    assert.deepEqual(ok.structuredContent, { sum: 3 });
  } finally {
    await c.close();
  }
});

function rawPost(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }));
  });
}

test('REQ-MCP-SRV-005: HTTP requests whose Host or Origin is not the bound loopback address are refused with 403', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const { child, url } = await startServeHttp([wasm.path]);
  try {
    const port = new URL(url).port;
    assert.equal(await rawPost(url, { host: `evil.example:${port}` }), 403, 'DNS rebinding: foreign Host');
    assert.equal(await rawPost(url, { origin: 'http://evil.example' }), 403, 'foreign Origin');
    assert.equal(await rawPost(url, { origin: 'null' }), 403, 'opaque Origin');
    assert.notEqual(await rawPost(url, { origin: `http://localhost:${port}` }), 403, 'own Origin passes');
    assert.notEqual(await rawPost(url, {}), 403, 'no Origin (non-browser client) passes');
    assert.equal(await rawPost(url.replace('/mcp', '/other'), {}), 404);
  } finally {
    child.kill();
  }
});

test('REQ-MCP-SRV-009: a guest\'s log notification reaches a stdio client (2025-11-25 session) as notifications/message', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const c = client('legacy');
  const got: unknown[] = [];
  c.setNotificationHandler('notifications/message', (n) => {
    got.push(n.params);
  });
  await c.connect(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', wasm.path], stderr: 'ignore' }));
  try {
    const r = await c.callTool({ name: 'log', arguments: { text: 'hello from the sandbox' } });
    assert.deepEqual(r.content, [{ type: 'text', text: 'logged' }]);
    for (let i = 0; i < 50 && got.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(got, [{ level: 'info', logger: 'c-mcp-stdio', data: 'hello from the sandbox' }]);
  } finally {
    await c.close();
  }
});
