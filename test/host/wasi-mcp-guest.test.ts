/**
 * Guest kind 1 at the host level: the C WASI-MCP component example (examples/c-mcp-component)
 * loaded with McpWrtHost. Registration, listing, handlers, the error record, the sandbox (timeout,
 * fuel, memory, trap, floods) and the import policy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { McpWrtHost, PolicyError, DigestMismatch, GuestRpcError, sha256Hex, type HostOptions } from '../../src/host/index.js';
import type { CallContext, GuestNotification, McpGuest, ToolResult } from '../../src/host/guest.js';
import type { WasiMcpGuest } from '../../src/host/wasi-mcp-guest.js';
import { MAX_LOG_RECORDS } from '../../src/host/wasi-mcp-runtime.js';
import { notesBytes } from './component-examples.js';

function notes(opts: HostOptions = {}): { g: McpGuest; audit: Record<string, unknown>[]; notes: GuestNotification[] } {
  const audit: Record<string, unknown>[] = [];
  const host = McpWrtHost.create({ executionTimeout: 60_000, memoryLimit: 8 * 1024 * 1024, audit: (l) => audit.push(JSON.parse(l)), ...opts });
  const g = host.load(notesBytes(), {}, 'notes');
  const got: GuestNotification[] = [];
  g.onNotification = (n) => got.push(n);
  return { g, audit, notes: got };
}

const text = (r: ToolResult): string => r.content.map((c) => String(c['text'])).join('');

async function stillServes(g: McpGuest): Promise<void> {
  const ok = await g.callTool('add', { a: 20, b: 22 });
  assert.equal(ok.isError, false);
  assert.deepEqual(ok.structuredContent, { sum: 42 });
}

test('REQ-HOST-CMP-001: a WASI-MCP component registers from wasi:cli/run and listing is answered from its registrations', async () => {
  const { g } = notes();
  assert.equal(g.kind, 'wasi-mcp-component');
  assert.deepEqual(await g.capabilities(), { tools: true, resources: true, prompts: true, completions: true });
  const tools = await g.listTools();
  assert.deepEqual(tools.map((t) => t.name), ['add', 'echo', 'add_note', 'search_notes', 'fail', 'log', 'spin', 'grow', 'crash', 'chatter', 'notify_flood']);
  assert.deepEqual(tools[0], {
    name: 'add', title: 'Add', description: 'Adds two numbers',
    inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
    outputSchema: { type: 'object', properties: { sum: { type: 'number' } }, required: ['sum'] },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  });
  assert.deepEqual(await g.listResources(), [
    { uri: 'notes://readme', name: 'readme', description: 'What this server is', mimeType: 'text/plain', size: 102 },
    { uri: 'notes://limits', name: 'limits', mimeType: 'text/plain' },
  ]);
  assert.deepEqual(await g.listResourceTemplates(), [{ uriTemplate: 'notes://note/{id}', name: 'note', description: 'A note stored with add_note', mimeType: 'text/plain' }]);
  assert.deepEqual(await g.listPrompts(), [
    { name: 'greet', description: 'Greets someone', arguments: [{ name: 'name', description: 'Who to greet', required: true }] },
    { name: 'summarize', description: 'Asks for a summary of every note', arguments: [] },
  ]);
  assert.equal((g as WasiMcpGuest).sandbox.instancesCreated, 1, 'listing needs one instance and no handler call');
});

test('REQ-HOST-CMP-002: the host drives the handlers: tools, resources (incl. registered later), prompts with embedded resources, completion', async () => {
  const { g, notes: got } = notes();
  await stillServes(g);
  assert.deepEqual(await g.callTool('echo', { text: 'ünïcødé "q"' }), { content: [{ type: 'text', text: 'ünïcødé "q"' }], isError: false });
  const stored = await g.callTool('add_note', { title: 'wasm', text: 'components are small' });
  assert.deepEqual(stored.structuredContent, { id: 0 });
  assert.deepEqual(got, [{ method: 'notifications/resources/list_changed' }], 'the guest announced its new resource');
  assert.deepEqual((await g.listResources()).map((r) => r.uri), ['notes://readme', 'notes://limits', 'notes://note/0']);
  assert.equal(text(await g.callTool('search_notes', { query: 'small' })), 'notes://note/0 wasm');
  assert.deepEqual(await g.readResource('notes://note/0'), { contents: [{ uri: 'notes://note/0', mimeType: 'text/plain', text: '# wasm\n\ncomponents are small' }] });
  assert.deepEqual(await g.getPrompt('greet', { name: 'Ada' }), { description: 'Greets someone', messages: [{ role: 'user', content: { type: 'text', text: 'Say hello to Ada.' } }] });
  const summary = await g.getPrompt('summarize', {});
  assert.deepEqual((summary['messages'] as unknown[])[1], {
    role: 'user', content: { type: 'resource', resource: { uri: 'notes://note/0', mimeType: 'text/plain', text: 'components are small' } },
  });
  assert.deepEqual(await g.complete({ type: 'ref/prompt', name: 'greet' }, { name: 'name', value: 'A' }), { completion: { values: ['Ada', 'Alan'], total: 2, hasMore: false } });
  assert.deepEqual(await g.complete({ type: 'ref/resource', uri: 'notes://note/{id}' }, { name: 'id', value: '' }), { completion: { values: [], total: 0, hasMore: false } });
});

test('REQ-HOST-CMP-002: resources/subscribe and unsubscribe call the guest\'s handlers (audited)', async () => {
  const { g, audit } = notes();
  await g.subscribe!('notes://readme');
  await g.unsubscribe!('notes://readme');
  assert.deepEqual(audit.filter((a) => String(a['op']).startsWith('resources/')).map((a) => [a['op'], a['outcome']]),
    [['resources/subscribe', 'ok'], ['resources/unsubscribe', 'ok']]);
});

test('REQ-HOST-CMP-003: the guest\'s error record becomes a JSON-RPC error with its code, message and data, and the instance stays', async () => {
  const { g, audit } = notes();
  await assert.rejects(g.callTool('fail', {}), (e: unknown) => {
    assert.ok(e instanceof GuestRpcError);
    assert.equal(e.code, -32001);
    assert.equal(e.message, 'the fail tool always fails');
    assert.deepEqual(e.data, { hint: 'this is the error record' });
    return true;
  });
  await assert.rejects(g.readResource('notes://nope'), (e: unknown) => e instanceof GuestRpcError && e.code === -32002 && /notes:\/\/nope/.test(e.message));
  await assert.rejects(g.getPrompt('nope', {}), (e: unknown) => e instanceof GuestRpcError && e.code === -32602);
  await stillServes(g);
  assert.equal((g as WasiMcpGuest).sandbox.instancesCreated, 1);
  assert.equal(audit.find((a) => a['tool'] === 'fail')?.['reason'], 'guest-error');
});

test('REQ-HOST-CMP-004: an endless loop ends at the timeout with an error result, the instance is re-created, and the audit log says why', async () => {
  const { g, audit } = notes({ executionTimeout: 300, fuel: 1e13 });
  await stillServes(g);
  const t0 = performance.now();
  const r = await g.callTool('spin', {});
  const took = performance.now() - t0;
  assert.equal(r.isError, true);
  assert.match(text(r), /\(timeout\).*300 ms/);
  assert.ok(took >= 290 && took < 10_000, `stopped after ${took} ms`);
  await stillServes(g);
  assert.equal((g as WasiMcpGuest).sandbox.instancesCreated, 2, 'the timed-out instance was discarded and re-created');
  const rec = audit.find((a) => a['tool'] === 'spin')!;
  assert.equal(rec['outcome'], 'error');
  assert.equal(rec['reason'], 'timeout');
  assert.ok(typeof rec['callMs'] === 'number');
  const ok = audit.find((a) => a['tool'] === 'add')!;
  assert.deepEqual(ok['arguments'], { a: 20, b: 22 });
  assert.equal(audit.filter((a) => a['op'] === 'instantiate' && a['outcome'] === 'ok').length, 2);
});

test('REQ-HOST-CMP-004: a call that uses up its fuel, and a trap, are error results; the next call succeeds', async () => {
  const { g, audit } = notes({ fuel: 300_000 });
  const r = await g.callTool('spin', {});
  assert.equal(r.isError, true);
  assert.match(text(r), /\(fuel\).*300000 instructions/);
  await stillServes(g);
  const trap = await g.callTool('crash', {});
  assert.equal(trap.isError, true);
  assert.match(text(trap), /\(trap\).*unreachable/);
  await stillServes(g);
  assert.deepEqual(audit.filter((a) => a['outcome'] === 'error').map((a) => a['reason']), ['fuel', 'trap']);
});

test('REQ-HOST-CMP-005: a memory bomb is refused inside the memory limit, and an instance too large to create is an error result', async () => {
  const { g } = notes({ memoryLimit: 4 * 1024 * 1024 });
  const r = await g.callTool('grow', {});
  assert.equal(r.isError, true);
  const mib = Number(/after (\d+) MiB/.exec(text(r))?.[1]);
  assert.ok(mib >= 1 && mib < 4, `the guest got ${mib} MiB under a 4 MiB limit`);
  await stillServes(g);
  // The example's initial memory (2 pages: data, arena and stack) is over a 64 KiB limit.
  const tiny = notes({ memoryLimit: 64 * 1024 }).g;
  const bomb = await tiny.callTool('add', { a: 1, b: 2 });
  assert.equal(bomb.isError, true);
  assert.match(text(bomb), /\(memory\)/);
});

test('REQ-HOST-CMP-006: allowedImports is checked against the component\'s import names; the refusal names every offending import', () => {
  const host = McpWrtHost.create({ allowedImports: ['wasi:cli/*'] });
  assert.throws(() => host.load(notesBytes(), {}, 'notes'), (e: unknown) => {
    assert.ok(e instanceof PolicyError);
    assert.deepEqual([...e.imports].sort(), ['wasi:mcp/runtime@0.1.0', 'wasi:mcp/types@0.1.0']);
    assert.match(e.message, /wasi:mcp\/types@0\.1\.0.*wasi:mcp\/runtime@0\.1\.0|wasi:mcp\/runtime@0\.1\.0.*wasi:mcp\/types@0\.1\.0/);
    return true;
  });
  assert.equal(McpWrtHost.create({ allowedImports: ['wasi:mcp/runtime@0.1.0', 'wasi:mcp/types@*'] }).load(notesBytes(), {}, 'n').kind, 'wasi-mcp-component');
  const bytes = notesBytes();
  assert.throws(() => McpWrtHost.create().load(bytes, { sha256: '0'.repeat(64) }, 'n'), DigestMismatch);
  assert.equal(McpWrtHost.create().load(bytes, { sha256: sha256Hex(bytes) }, 'n').kind, 'wasi-mcp-component');
});

test('REQ-HOST-CMP-012: a directory grant for a component guest is refused at load, not silently dropped', () => {
  const audit: { op?: string; outcome?: string; detail?: string }[] = [];
  const host = McpWrtHost.create({ audit: (l) => audit.push(JSON.parse(l) as { op?: string; outcome?: string; detail?: string }) });
  assert.throws(() => host.load(notesBytes(), { dirs: [{ host: '/tmp', guest: '/tmp' }] }, 'notes'), (e: unknown) => {
    assert.ok(e instanceof PolicyError);
    assert.match(e.message, /directory grants apply to WASI preview 1 guests only/);
    return true;
  });
  assert.deepEqual(audit.map((a) => [a.op, a.outcome]), [['load', 'refused']]);
  assert.equal(host.load(notesBytes(), {}, 'notes').kind, 'wasi-mcp-component');
});

test('REQ-HOST-CMP-007: log and notification floods are bounded per call; what was dropped is counted and reported', async () => {
  const { g, notes: got } = notes({ executionTimeout: 60_000 });
  const r = await g.callTool('chatter', {});
  assert.deepEqual(r.content, [{ type: 'text', text: 'done chattering' }]);
  const logs = got.filter((n) => n.method === 'notifications/message' && (n.params as { logger?: string }).logger === 'notes');
  assert.equal(logs.length, MAX_LOG_RECORDS);
  const warning = got.at(-1)!;
  assert.match(String(warning.params?.['data']), new RegExp(`${100_000 - MAX_LOG_RECORDS} log records`));
  got.length = 0;
  const flood = await g.callTool('notify_flood', {});
  assert.equal(flood.isError, false);
  assert.deepEqual(got, [{ method: 'notifications/resources/updated', params: { uri: 'notes://readme' } }], '100000 identical notifications collapse to one');
  await stillServes(g);
});

test('REQ-HOST-CMP-008: log records and progress of a call travel on that call\'s CallContext with the client\'s progress token', async () => {
  const { g, notes: got } = notes();
  const related: GuestNotification[] = [];
  const ctx: CallContext = {
    progressToken: 'tok-1',
    notify: async (n) => { related.push(n); },
    request: async () => ({}),
  };
  const r = await g.callTool('log', { text: 'hello' }, ctx);
  assert.deepEqual(r.content, [{ type: 'text', text: 'logged' }]);
  assert.deepEqual(related, [
    { method: 'notifications/message', params: { level: 'info', logger: 'notes', data: { message: 'hello', data: { text: 'hello' } } } },
    { method: 'notifications/progress', params: { progressToken: 'tok-1', progress: 1, total: 1, message: 'log' } },
  ]);
  assert.equal(got.length, 0, 'nothing went to the other clients');
  // Without a context, the log record goes to onNotification and progress (no token) is dropped.
  await g.callTool('log', { text: 'again' });
  assert.deepEqual(got.map((n) => n.method), ['notifications/message']);
});
