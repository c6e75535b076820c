/**
 * The host side of wasi:mcp/runtime and the contract's value conversions, called directly with the
 * JS values the component runtime passes (src/host/wasi-mcp-runtime.ts, wasi-mcp-convert.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WasiMcpRuntime, MAX_REGISTERED } from '../../src/host/wasi-mcp-runtime.js';
import { contentBlock, resourceResult, rpcErrorOf, toolResult } from '../../src/host/wasi-mcp-convert.js';

type Fn = (...args: unknown[]) => unknown;
const enc = new TextEncoder();

function runtime(maxLogBytes = 1000): { rt: WasiMcpRuntime; call: (name: string, ...args: unknown[]) => unknown } {
  const rt = new WasiMcpRuntime('g', maxLogBytes);
  const api = rt.imports()['wasi:mcp/runtime@0.1.0'] as Record<string, Fn>;
  return { rt, call: (name, ...args) => api[name]!(...args) };
}

const tool = (name: string, schema: string): Record<string, unknown> => ({
  name, title: null, description: null, 'input-schema': enc.encode(schema), 'output-schema': null, annotations: null,
});

test('REQ-HOST-CMP-011: registrations that break the contract are answered with the error record and change nothing', () => {
  const { rt, call } = runtime();
  assert.deepEqual(call('register-tools', [tool('ok', '{"type":"object"}')]), { tag: 'ok' });
  const bad = call('register-tools', [tool('bad', '{not json')]) as { tag: string; val: { code: number; message: string } };
  assert.equal(bad.tag, 'err');
  assert.equal(bad.val.code, -32602);
  assert.match(bad.val.message, /register-tools: tool bad: input-schema: not UTF-8 JSON text/);
  assert.match((call('register-tools', [tool('arr', '[]')]) as { val: { message: string } }).val.message, /expected a JSON object/);
  assert.match((call('register-tools', Array.from({ length: MAX_REGISTERED + 1 }, () => tool('x', '{}'))) as { val: { message: string } }).val.message, /at most 1000 entries/);
  assert.deepEqual(rt.tools.map((t) => t.name), ['ok'], 'refused registrations change nothing');
  assert.deepEqual(call('serve'), { tag: 'ok' });
  assert.match((call('serve') as { val: { message: string } }).val.message, /already called/);
});

test('REQ-HOST-CMP-007: progress without a client token is ignored; log text and stream output share the per-call byte budget', () => {
  const { rt, call } = runtime(20);
  rt.begin();
  call('report-progress', 'x', 0.5, null);
  call('log', 'info', 'a'.repeat(15), null);
  call('log', 'info', 'b'.repeat(10), null);
  const lines: string[] = [];
  rt.output(enc.encode('12345678\nzz'), (l) => lines.push(l));
  const out = rt.end();
  assert.deepEqual(out.related.map((n) => n.params?.['data']), ['a'.repeat(15)]);
  assert.deepEqual(lines, ['12345'], 'stdout cut at the budget');
  assert.equal(out.dropped, 2);
  rt.begin(7);
  call('report-progress', '', 1, 4);
  assert.deepEqual(rt.end().related, [{ method: 'notifications/progress', params: { progressToken: 7, progress: 1, total: 4 } }]);
});

test('REQ-HOST-CMP-002: every content block and resource content kind converts to its MCP shape', () => {
  const bytes = Uint8Array.from([0, 1, 2, 250]);
  assert.deepEqual(contentBlock({ tag: 'image', val: { data: bytes, 'mime-type': 'image/png' } }), { type: 'image', data: 'AAEC+g==', mimeType: 'image/png' });
  assert.deepEqual(contentBlock({ tag: 'audio', val: { data: bytes, 'mime-type': 'audio/wav' } }), { type: 'audio', data: 'AAEC+g==', mimeType: 'audio/wav' });
  assert.deepEqual(contentBlock({ tag: 'resource-link', val: { uri: 'u://x', name: 'x', title: null, description: 'd', 'mime-type': null, size: 5n } }),
    { type: 'resource_link', uri: 'u://x', name: 'x', description: 'd', size: 5 });
  assert.deepEqual(resourceResult({ contents: [{ uri: 'u://b', 'mime-type': null, contents: { tag: 'blob', val: bytes } }] }), { contents: [{ uri: 'u://b', blob: 'AAEC+g==' }] });
  assert.throws(() => toolResult({ content: [], 'structured-content': enc.encode('[1]'), 'is-error': false }, 't'), /structured-content: expected a JSON object/);
  const e = rpcErrorOf({ code: -1, message: 'm', data: enc.encode('{oops') });
  assert.equal(e.data, undefined, 'data that is not JSON is left out');
});
