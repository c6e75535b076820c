/**
 * The MCP Inspector CLI against `mcp-wrt serve`, for every guest of served-guests.ts, over stdio and
 * Streamable HTTP, in both protocol eras: tools/list, tools/call, resources/list, resources/read,
 * prompts/list and prompts/get. What the Inspector prints is checked for the guest's answers; every
 * result on the wire (recorded by stdio-tap.ts or the recording proxy) is checked against the
 * official MCP schema of the era.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect, inspectorMissing, type Era, type InspectorCall, type InspectorTarget } from './inspector.js';
import { SERVED_GUESTS, type ServedGuest } from './served-guests.js';
import { MAIN, startHttp } from './serve-helpers.js';
import { checkWire, readTapLog, recordingProxy, STDIO_TAP, type WireMessage } from './wire.js';

const ERAS: readonly Era[] = ['legacy', 'modern'];

const pairs = (flag: string, o: Readonly<Record<string, string>>): string[] => {
  const kv = Object.entries(o).map(([k, v]) => `${k}=${v}`);
  return kv.length === 0 ? [] : [flag, ...kv];
};

/** The six operations, each with the check of what the Inspector printed. */
function operations(g: ServedGuest): { call: InspectorCall; expect: (printed: unknown) => void }[] {
  const names = (list: unknown): string[] => (list as { name: string }[]).map((e) => e.name);
  const json = (v: unknown): string => JSON.stringify(v);
  return [
    { call: { method: 'tools/list' }, expect: (p) => assert.ok(names((p as { tools: unknown }).tools).includes(g.tool.name)) },
    {
      call: { method: 'tools/call', flags: ['--tool-name', g.tool.name, ...pairs('--tool-arg', g.tool.args)] },
      expect: (p) => {
        assert.notEqual((p as { isError?: boolean }).isError, true, json(p));
        assert.ok(json((p as { content: unknown }).content).includes(g.tool.text), json(p));
      },
    },
    {
      call: { method: 'resources/list' },
      expect: (p) => assert.ok((p as { resources: { uri: string }[] }).resources.some((r) => r.uri === g.resource.uri), json(p)),
    },
    { call: { method: 'resources/read', flags: ['--uri', g.resource.uri] }, expect: (p) => assert.ok(json(p).includes(g.resource.text), json(p)) },
    { call: { method: 'prompts/list' }, expect: (p) => assert.ok(names((p as { prompts: unknown }).prompts).includes(g.prompt.name)) },
    {
      call: { method: 'prompts/get', flags: ['--prompt-name', g.prompt.name, ...pairs('--prompt-args', g.prompt.args)] },
      expect: (p) => assert.ok(json((p as { messages: unknown }).messages).includes(g.prompt.text), json(p)),
    },
  ];
}

/** Runs every operation through the Inspector in one era and checks the recorded wire. */
async function exercise(g: ServedGuest, era: Era, target: InspectorTarget, wire: () => WireMessage[]): Promise<void> {
  for (const op of operations(g)) op.expect(await inspect(target, era, op.call));
  const { checked, problems } = checkWire(era, wire());
  assert.deepEqual(problems, [], `${g.name} (${era}): every result conforms to the schema`);
  const handshake = era === 'legacy' ? 'initialize' : 'server/discover';
  assert.ok(checked.includes(handshake), `${g.name} (${era}): the ${era} handshake (${handshake}) was on the wire and checked`);
  for (const m of ['tools/list', 'tools/call', 'resources/list', 'resources/read', 'prompts/list', 'prompts/get']) {
    assert.ok(checked.includes(m), `${g.name} (${era}): a ${m} result was on the wire and checked`);
  }
}

for (const g of SERVED_GUESTS) {
  test(`REQ-MCP-INSP-001: the MCP Inspector CLI, over stdio, in both eras, lists, calls, reads and gets from ${g.name}`, async (t) => {
    const missing = inspectorMissing();
    if (missing !== undefined) return t.skip(missing);
    const wasm = g.wasm();
    if ('skip' in wasm) return t.skip(wasm.skip);
    for (const era of ERAS) {
      const log = join(mkdtempSync(join(tmpdir(), 'mcp-wrt-tap-')), 'wire.jsonl');
      const command = [process.execPath, STDIO_TAP, log, '--', process.execPath, MAIN, 'serve', wasm.path, ...(g.serveArgs ?? [])];
      await exercise(g, era, { command }, () => readTapLog(log));
    }
  });

  test(`REQ-MCP-INSP-002: the MCP Inspector CLI, over Streamable HTTP, in both eras, lists, calls, reads and gets from ${g.name}`, async (t) => {
    const missing = inspectorMissing();
    if (missing !== undefined) return t.skip(missing);
    const wasm = g.wasm();
    if ('skip' in wasm) return t.skip(wasm.skip);
    const { child, url } = await startHttp([wasm.path, ...(g.serveArgs ?? [])]);
    try {
      for (const era of ERAS) {
        const proxy = await recordingProxy(url);
        try {
          await exercise(g, era, { url: proxy.url }, () => proxy.wire);
        } finally {
          await proxy.close();
        }
      }
    } finally {
      child.kill();
    }
  });
}
