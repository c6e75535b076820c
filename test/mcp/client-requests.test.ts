/**
 * Guests that talk back to the client, end to end through `mcp-wrt serve` over stdio with the C
 * example: sampling/createMessage, elicitation/create, roots/list and ping from the guest reach the
 * connected client and its answers come back; progress and log notifications of a call arrive on
 * that call; logging/setLevel, completion/complete and resource subscriptions reach the guest. The
 * guest instance of a 2025-11-25 connection is that client's own and saw its real capabilities.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { cExampleWasm } from '../host/c-example.js';
import { mcpSchemaProblems } from './mcp-schema.js';
import { MAIN, startServeHttp } from './serve-process.js';
import { checkWire, readTapLog, STDIO_TAP } from './wire.js';


const text = (r: { content?: unknown }): string => ((r.content ?? []) as { text?: string }[]).map((c) => c.text ?? '').join('');
const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
};

/** A v2 client that can sample, elicit and list roots, answering deterministically. */
function capableClient(mode: 'legacy' | { pin: string }): { c: Client; asked: unknown[] } {
  const asked: unknown[] = [];
  const c = new Client(
    { name: 'talk-back-test', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: { form: {} }, roots: { listChanged: true } }, versionNegotiation: { mode } },
  );
  c.setRequestHandler('sampling/createMessage', (req) => {
    asked.push(req.params);
    const q = (req.params.messages[0]!.content as { text: string }).text;
    return { role: 'assistant', content: { type: 'text', text: `answer to ${q}` }, model: 'test-model' };
  });
  c.setRequestHandler('elicitation/create', (req) => {
    asked.push(req.params);
    return { action: 'accept', content: { ok: true } };
  });
  c.setRequestHandler('roots/list', () => ({ roots: [{ uri: 'file:///work/project', name: 'project' }] }));
  return { c, asked };
}


function stdio(wasm: string): StdioClientTransport {
  return new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', wasm], stderr: 'ignore' });
}

test('REQ-MCP-CLI-001: in a 2025-11-25 stdio session, the guest\'s sampling, elicitation, roots and ping requests reach the SDK v2 client and its answers come back to the guest', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const { c, asked } = capableClient('legacy');
  await c.connect(stdio(wasm.path));
  try {
    const ask = await c.callTool({ name: 'ask', arguments: { question: 'what is 2+2?' } });
    assert.equal(text(ask), 'test-model answered: answer to what is 2+2?');
    assert.deepEqual(mcpSchemaProblems('legacy', 'CreateMessageRequestParams', asked[0]), [], 'the guest\'s sampling request conforms');
    const confirm = await c.callTool({ name: 'confirm', arguments: { question: 'proceed?' } });
    assert.equal(text(confirm), 'action accept, ok true');
    assert.equal((asked[1] as { message: string }).message, 'proceed?');
    assert.equal(text(await c.callTool({ name: 'roots', arguments: {} })), 'roots: file:///work/project');
    assert.equal(text(await c.callTool({ name: 'ping_client', arguments: {} })), 'the client answered ping');
    // The guest's own instance answered initialize with this client's name and real capabilities.
    const who = text(await c.callTool({ name: 'whoami', arguments: {} }));
    assert.match(who, /^client talk-back-test, capabilities /);
    const caps = JSON.parse(who.replace(/^client talk-back-test, capabilities /, '')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(caps).sort(), ['elicitation', 'roots', 'sampling']);
  } finally {
    await c.close();
  }
});

test('REQ-MCP-CLI-002: a client that does not offer sampling gets no sampling request; the guest receives an error answer and reports it', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const c = new Client({ name: 'plain-client', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
  await c.connect(stdio(wasm.path));
  try {
    const r = await c.callTool({ name: 'ask', arguments: { question: 'hello?' } });
    assert.equal(r.isError, true);
    assert.match(text(r), /^the client refused sampling: /);
    assert.equal(text(await c.callTool({ name: 'whoami', arguments: {} })), 'client plain-client, capabilities {}');
    const ok = await c.callTool({ name: 'add', arguments: { a: 1, b: 1 } });
    assert.deepEqual(ok.structuredContent, { sum: 2 }, 'the guest keeps serving');
  } finally {
    await c.close();
  }
});

test('REQ-MCP-CLI-003: progress notifications of a call travel on that call, with the caller\'s token, in order, before its result, in both eras', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  for (const mode of ['legacy', { pin: '2026-07-28' }] as const) {
    const { c } = capableClient(mode);
    const log = join(mkdtempSync(join(tmpdir(), 'mcp-wrt-progress-')), 'wire.jsonl');
    await c.connect(new StdioClientTransport({ command: process.execPath, args: [STDIO_TAP, log, '--', process.execPath, MAIN, 'serve', wasm.path], stderr: 'ignore' }));
    try {
      const r = await c.callTool({ name: 'progress', arguments: { steps: 3 } }, { onprogress: () => undefined });
      assert.equal(text(r), 'done 3 steps');
      const wire = readTapLog(log);
      const call = wire.find((m) => m.dir === 'in' && m.msg.method === 'tools/call')!.msg as { id: number; params: { _meta: { progressToken: number } } };
      const token = call.params._meta.progressToken;
      const after = wire.slice(wire.findIndex((m) => m.msg === call));
      const shown = after.filter((m) => m.dir === 'out').map((m) => (m.msg.method === 'notifications/progress'
        ? (m.msg as unknown as { params: { progressToken: unknown; progress: number; total: number } }).params
        : m.msg.id === call.id ? 'result' : m.msg.method));
      assert.deepEqual(shown, [
        { progressToken: token, progress: 1, total: 3, message: 'step 1 of 3' },
        { progressToken: token, progress: 2, total: 3, message: 'step 2 of 3' },
        { progressToken: token, progress: 3, total: 3, message: 'step 3 of 3' },
        'result',
      ], JSON.stringify(mode));
      const none = await c.callTool({ name: 'progress', arguments: { steps: 2 } });
      assert.equal(text(none), 'no progress token: nothing to report to', 'without a token the guest gets none');
    } finally {
      await c.close();
    }
  }
});

test('REQ-MCP-CLI-004: logging/setLevel reaches the guest and filters its log messages; completion/complete and ping are answered', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const { c } = capableClient('legacy');
  const logs: unknown[] = [];
  c.setNotificationHandler('notifications/message', (n) => { logs.push(n.params.data); });
  await c.connect(stdio(wasm.path));
  try {
    assert.deepEqual(await c.setLoggingLevel('warning'), {});
    assert.equal(text(await c.callTool({ name: 'log', arguments: { text: 'quiet' } })), 'not logged: info is below the level the client set');
    await c.setLoggingLevel('info');
    assert.equal(text(await c.callTool({ name: 'log', arguments: { text: 'loud' } })), 'logged');
    await until(() => logs.length > 0);
    assert.deepEqual(logs, ['loud']);
    const done = await c.complete({ ref: { type: 'ref/prompt', name: 'greet' }, argument: { name: 'name', value: 'A' } });
    assert.deepEqual(done.completion.values, ['Ada', 'Alan']);
    assert.deepEqual(mcpSchemaProblems('legacy', 'CompleteResult', done), []);
    assert.deepEqual(await c.ping(), {});
  } finally {
    await c.close();
  }
});

test('REQ-MCP-CLI-005: a resource subscription reaches the guest; its notifications/resources/updated reach the subscriber until it unsubscribes', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const { c } = capableClient('legacy');
  const updated: string[] = [];
  c.setNotificationHandler('notifications/resources/updated', (n) => { updated.push(n.params.uri); });
  await c.connect(stdio(wasm.path));
  try {
    assert.equal(c.getServerCapabilities()?.resources?.subscribe, true);
    assert.equal(text(await c.callTool({ name: 'touch', arguments: { uri: 'notes://limits' } })), 'not subscribed: nobody to notify');
    await c.subscribeResource({ uri: 'notes://limits' });
    assert.equal(text(await c.callTool({ name: 'touch', arguments: { uri: 'notes://limits' } })), 'subscribers notified');
    await until(() => updated.length > 0);
    assert.deepEqual(updated, ['notes://limits']);
    await c.unsubscribeResource({ uri: 'notes://limits' });
    assert.equal(text(await c.callTool({ name: 'touch', arguments: { uri: 'notes://limits' } })), 'not subscribed: nobody to notify');
    await assert.rejects(c.subscribeResource({ uri: 'notes://nowhere' }), /resource not found/);
  } finally {
    await c.close();
  }
});

test('REQ-MCP-CLI-006: in the stateless 2026-07-28 era the guest\'s requests travel as input_required rounds and the answers reach the suspended guest, over stdio and HTTP', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const log = join(mkdtempSync(join(tmpdir(), 'mcp-wrt-mrtr-')), 'wire.jsonl');
  const http = await startServeHttp([wasm.path]);
  try {
    for (const transport of ['stdio', 'http'] as const) {
      const { c, asked } = capableClient({ pin: '2026-07-28' });
      await c.connect(transport === 'stdio'
        ? new StdioClientTransport({ command: process.execPath, args: [STDIO_TAP, log, '--', process.execPath, MAIN, 'serve', wasm.path], stderr: 'ignore' })
        : new StreamableHTTPClientTransport(new URL(http.url)));
      try {
        assert.equal(c.getProtocolEra(), 'modern', transport);
        assert.equal(text(await c.callTool({ name: 'ask', arguments: { question: 'modern?' } })), 'test-model answered: answer to modern?', transport);
        assert.equal(text(await c.callTool({ name: 'confirm', arguments: { question: 'ok?' } })), 'action accept, ok true', transport);
        assert.equal(text(await c.callTool({ name: 'roots', arguments: {} })), 'roots: file:///work/project', transport);
        assert.equal(asked.length, 2, 'the client answered sampling and elicitation');
        const ping = await c.callTool({ name: 'ping_client', arguments: {} });
        assert.equal(ping.isError, true);
        assert.match(text(ping), /ping cannot be asked of a 2026-07-28 client/);
      } finally {
        await c.close();
      }
    }
    // The rounds on the stdio wire: input_required results naming the guest's requests, then the retried calls.
    const { checked, problems } = checkWire('modern', readTapLog(log));
    assert.deepEqual(problems, [], 'every result, input_required ones included, conforms to the 2026-07-28 schema');
    const inputs = readTapLog(log).filter((m) => (m.msg.result as { resultType?: string } | undefined)?.resultType === 'input_required');
    assert.equal(inputs.length, 3, 'one input_required round per question (sampling, elicitation, roots)');
    assert.ok(checked.filter((m) => m === 'tools/call').length >= 7, 'rounds and results were checked');
    // A client without the capability: the guest gets an error answer, the call completes.
    const plain = new Client({ name: 'plain', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await plain.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    try {
      const r = await plain.callTool({ name: 'ask', arguments: { question: 'x' } });
      assert.equal(r.isError, true);
      assert.equal(text(r), 'the client refused sampling: the client does not declare the sampling capability');
    } finally {
      await plain.close();
    }
  } finally {
    http.child.kill();
  }
});

test('REQ-MCP-CLI-007: a retried 2026-07-28 request with an unknown requestState is refused with invalid params', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const http = await startServeHttp([wasm.path]);
  try {
    const res = await fetch(http.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call', 'mcp-name': 'ask',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: {
        name: 'ask', arguments: { question: 'x' }, requestState: 'forged', inputResponses: {},
        _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': { sampling: {} } },
      } }),
    });
    const body = await res.text();
    const data = body.includes('data:') ? body.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).join('') : body;
    const msg = JSON.parse(data) as { error?: { code: number; message: string } };
    assert.equal(msg.error?.code, -32602, body);
    assert.match(msg.error!.message, /unknown or expired requestState/);
  } finally {
    http.child.kill();
  }
});

test('REQ-MCP-CLI-001: the SDK v1 client answers the guest\'s sampling and elicitation requests too', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const c = new ClientV1({ name: 'v1-client', version: '1.0.0' }, { capabilities: { sampling: {}, elicitation: {}, roots: {} } });
  c.setRequestHandler(CreateMessageRequestSchema, () => ({ role: 'assistant', content: { type: 'text', text: 'v1 says hi' }, model: 'v1-model' }));
  c.setRequestHandler(ElicitRequestSchema, () => ({ action: 'decline' }));
  c.setRequestHandler(ListRootsRequestSchema, () => ({ roots: [] }));
  await c.connect(new StdioV1({ command: process.execPath, args: [MAIN, 'serve', wasm.path], stderr: 'ignore' }));
  try {
    assert.equal(text(await c.callTool({ name: 'ask', arguments: { question: 'hi' } }) as { content: unknown }), 'v1-model answered: v1 says hi');
    assert.equal(text(await c.callTool({ name: 'confirm', arguments: { question: 'go?' } }) as { content: unknown }), 'action decline, ok absent');
    assert.equal(text(await c.callTool({ name: 'roots', arguments: {} }) as { content: unknown }), 'roots:');
  } finally {
    await c.close();
  }
});
