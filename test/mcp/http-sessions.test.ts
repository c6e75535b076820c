/**
 * 2025-11-25 sessions over Streamable HTTP: `Mcp-Session-Id`, one guest instance per session (so a
 * guest can ask its own client over the session's SSE stream), SSE events with ids and a `retry`
 * field, resumption with `Last-Event-ID`, and the refusals (unknown session 404, no session 400,
 * DELETE ends a session).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { cExampleWasm } from '../host/c-example.js';
import { startServeHttp } from './serve-process.js';

const text = (r: { content?: unknown }): string => ((r.content ?? []) as { text?: string }[]).map((c) => c.text ?? '').join('');


interface SseEvent { id?: string; retry?: string; data: string }

function parseSse(body: string): SseEvent[] {
  return body.split(/\r?\n\r?\n/).filter((e) => e.trim() !== '' && !e.startsWith(':')).map((e) => {
    const ev: SseEvent = { data: '' };
    for (const line of e.split(/\r?\n/)) {
      const [k, ...rest] = line.split(':');
      const v = rest.join(':').replace(/^ /, '');
      if (k === 'id') ev.id = v;
      else if (k === 'retry') ev.retry = v;
      else if (k === 'data') ev.data += v;
    }
    return ev;
  });
}

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' };

async function post(url: string, body: unknown, session?: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { ...HEADERS, ...(session ? { 'mcp-session-id': session } : {}) }, body: JSON.stringify(body) });
}

/** Reads an SSE response until `enough` holds for the events so far (then stops reading). */
async function readEvents(res: Response, enough: (events: SseEvent[]) => boolean): Promise<SseEvent[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let body = '';
  try {
    for (;;) {
      if (enough(parseSse(body))) break;
      const { done, value } = await reader.read();
      if (done) break;
      body += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return parseSse(body);
}

const messages = (events: SseEvent[]): { id?: unknown; method?: string; params?: { progress?: number }; result?: unknown }[] =>
  events.filter((e) => e.data !== '').map((e) => JSON.parse(e.data) as { method?: string });

test('REQ-MCP-HTTP-001: 2025-11-25 clients over HTTP get a session each, with its own guest instance that can ask that client', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const { child, url } = await startServeHttp([wasm.path]);
  const clients: Client[] = [];
  try {
    for (const name of ['first', 'second']) {
      const c = new Client({ name, version: '1.0.0' }, { capabilities: { sampling: {} }, versionNegotiation: { mode: 'legacy' } });
      c.setRequestHandler('sampling/createMessage', () => ({ role: 'assistant', content: { type: 'text', text: `hello from ${name}` }, model: 'm' }));
      const transport = new StreamableHTTPClientTransport(new URL(url));
      await c.connect(transport);
      assert.match(transport.sessionId ?? '', /^[0-9a-f-]{36}$/, 'the server issued a session id');
      clients.push(c);
    }
    for (const [i, name] of ['first', 'second'].entries()) {
      const c = clients[i]!;
      assert.match(text(await c.callTool({ name: 'whoami', arguments: {} })), new RegExp(`^client ${name}, capabilities \\{"sampling":\\{\\}\\}$`));
      assert.equal(text(await c.callTool({ name: 'ask', arguments: { question: 'hi' } })), `m answered: hello from ${name}`);
    }
  } finally {
    for (const c of clients) await c.close();
    child.kill();
  }
});

test('REQ-MCP-HTTP-002: session SSE events carry ids and a retry field, and a lost stream resumes with Last-Event-ID', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const { child, url } = await startServeHttp([wasm.path]);
  try {
    const init = await post(url, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    assert.equal(init.status, 200);
    const session = init.headers.get('mcp-session-id')!;
    assert.ok(session, 'Mcp-Session-Id header');
    const initEvents = await readEvents(init, (ev) => messages(ev).some((m) => m.id === 1));
    assert.equal(initEvents[0]!.retry, '2000', 'the priming event tells the client when to reconnect');
    assert.ok(initEvents.every((e) => e.id !== undefined && e.id !== ''), 'every event has an id');
    assert.equal((await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, session)).status, 202);

    // A call whose stream the client drops after the first progress event...
    const call = await post(url, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'progress', arguments: { steps: 3 }, _meta: { progressToken: 'p' } } }, session);
    const seen = await readEvents(call, (ev) => messages(ev).some((m) => m.method === 'notifications/progress'));
    const firstProgress = seen.find((e) => e.data.includes('notifications/progress'))!;
    assert.ok(firstProgress.id, 'progress events have ids');
    // ...resumes from that event: the rest of the stream is replayed.
    const resumed = await fetch(url, { headers: { accept: 'text/event-stream', 'mcp-session-id': session, 'last-event-id': firstProgress.id!, 'mcp-protocol-version': '2025-11-25' } });
    assert.equal(resumed.status, 200);
    const replay = await readEvents(resumed, (ev) => messages(ev).some((m) => m.id === 2));
    const got = messages(replay);
    assert.ok(replay.filter((e) => e.data !== '').every((e) => e.id !== undefined), 'replayed events keep their ids');
    assert.deepEqual(got.filter((m) => m.method === 'notifications/progress').map((m) => m.params?.progress).filter((p) => p !== 1), [2, 3]);
    assert.ok(got.some((m) => m.id === 2 && m.result !== undefined), 'the call\'s result is replayed');
  } finally {
    child.kill();
  }
});

test('REQ-MCP-HTTP-003: an unknown session is 404, a 2025 request without a session is 400, and DELETE ends a session', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const { child, url } = await startServeHttp([wasm.path]);
  try {
    assert.equal((await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, 'no-such-session')).status, 404);
    assert.equal((await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' })).status, 400);
    const init = await post(url, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    const session = init.headers.get('mcp-session-id')!;
    await init.body?.cancel();
    const del = await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' } });
    assert.equal(del.status, 200);
    assert.equal((await post(url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, session)).status, 404, 'the ended session is gone');
    const foreign = await fetch(url, { method: 'POST', headers: { ...HEADERS, origin: 'http://evil.example' }, body: '{}' });
    assert.equal(foreign.status, 403, 'DNS-rebinding protection still refuses a foreign Origin');
  } finally {
    child.kill();
  }
});
