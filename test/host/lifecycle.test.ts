/**
 * The sandbox lifecycle with the C example guest: a call that runs past its timeout or fuel, traps,
 * floods stdout or hits the memory limit becomes an MCP error result naming the reason, the instance
 * is discarded and re-created, and the next call succeeds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { McpWrtHost, type HostOptions, type McpGuest } from '../../src/host/index.js';
import type { StdioGuest } from '../../src/host/stdio-guest.js';
import { wat } from '../core/exec/wat.js';
import { cExampleBytes } from './c-example.js';

function textOf(r: { content: readonly Record<string, unknown>[] }): string {
  return r.content.map((c) => String(c['text'])).join('');
}

async function guest(t: { skip(msg: string): void }, opts: HostOptions = {}, policy = {}): Promise<{ g: McpGuest; audit: string[]; logs: string[] } | undefined> {
  const bytes = cExampleBytes();
  if ('skip' in bytes) {
    t.skip(bytes.skip);
    return undefined;
  }
  const audit: string[] = [];
  const logs: string[] = [];
  const host = McpWrtHost.create({ executionTimeout: 60_000, memoryLimit: 8 * 1024 * 1024, audit: (l) => audit.push(l), onLog: (_g, l) => logs.push(l), ...opts });
  return { g: host.load(bytes, policy, 'c'), audit, logs };
}

async function stillServes(g: McpGuest): Promise<void> {
  const ok = await g.callTool('add', { a: 20, b: 22 });
  assert.equal(ok.isError, false);
  assert.deepEqual(ok.structuredContent, { sum: 42 });
}

test('REQ-HOST-LIFE-001: an endless loop ends at the execution timeout with an error result, and the next call succeeds on a fresh instance', async (t) => {
  const s = await guest(t, { executionTimeout: 300 });
  if (!s) return;
  await stillServes(s.g);
  const t0 = performance.now();
  const r = await s.g.callTool('spin', {});
  const took = performance.now() - t0;
  assert.equal(r.isError, true);
  assert.match(textOf(r), /\(timeout\).*300 ms/);
  assert.ok(took >= 290 && took < 10_000, `stopped after ${took} ms`);
  await stillServes(s.g);
  assert.equal((s.g as StdioGuest).instancesCreated, 2, 'the timed-out instance was discarded and re-created');
  const rec = s.audit.map((l) => JSON.parse(l)).find((a) => a.tool === 'spin');
  assert.equal(rec.outcome, 'error');
  assert.equal(rec.reason, 'timeout');
});

test('REQ-HOST-LIFE-002: a call that uses up its fuel ends with an error result and the host keeps serving', async (t) => {
  const s = await guest(t, { fuel: 300_000 });
  if (!s) return;
  const r = await s.g.callTool('spin', {});
  assert.equal(r.isError, true);
  assert.match(textOf(r), /\(fuel\).*300000 instructions/);
  await stillServes(s.g);
});

test('REQ-HOST-LIFE-003: a memory bomb hits the memory limit: growth is refused inside the limit, and an instance too large to create is an error result', async (t) => {
  const s = await guest(t, { memoryLimit: 4 * 1024 * 1024 });
  if (!s) return;
  const r = await s.g.callTool('grow', {});
  assert.equal(r.isError, true);
  const mib = Number(/after (\d+) MiB/.exec(textOf(r))?.[1]);
  assert.ok(mib >= 1 && mib < 4, `the guest got ${mib} MiB under a 4 MiB limit`);
  await stillServes(s.g);
  // A module whose initial memory alone is over the limit never starts.
  const big = await wat(`(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
    (memory (export "memory") 100) (func (export "_start")))`);
  const host = McpWrtHost.create({ memoryLimit: 1024 * 1024 });
  const bomb = await host.load(big, {}, 'bomb').callTool('x', {});
  assert.equal(bomb.isError, true);
  assert.match(textOf(bomb), /\(memory\)/);
});

test('REQ-HOST-LIFE-004: a trap is an error result naming the trap, and the next call succeeds', async (t) => {
  const s = await guest(t);
  if (!s) return;
  const r = await s.g.callTool('crash', {});
  assert.equal(r.isError, true);
  assert.match(textOf(r), /\(trap\).*unreachable/);
  await stillServes(s.g);
});

test('REQ-HOST-LIFE-005: a guest flooding stdout is stopped at the output cap', async (t) => {
  const s = await guest(t, {}, { maxOutputBytes: 64 * 1024 });
  if (!s) return;
  const r = await s.g.callTool('flood', {});
  assert.equal(r.isError, true);
  assert.match(textOf(r), /\(output\).*65536 bytes/);
  await stillServes(s.g);
});

test('REQ-HOST-LIFE-006: a guest flooding its log keeps only the capped bytes per request and still answers', async (t) => {
  const s = await guest(t, {}, { maxLogBytes: 4096 });
  if (!s) return;
  const r = await s.g.callTool('chatter', {});
  assert.equal(r.isError, false);
  assert.equal(textOf(r), 'done chattering');
  const kept = s.logs.filter((l) => l.startsWith('chatter')).join('\n').length;
  assert.ok(kept <= 4096, `kept ${kept} bytes of log`);
  assert.ok(kept > 1000, 'the first lines were kept');
});

test('REQ-HOST-LIFE-007: every call is audited with guest, tool, arguments, fuel used, durations and outcome', async (t) => {
  const s = await guest(t);
  if (!s) return;
  await s.g.callTool('echo', { text: 'hello', token: 'secret-value' });
  const rec = s.audit.map((l) => JSON.parse(l)).find((a) => a.tool === 'echo');
  assert.equal(rec.guest, 'c');
  assert.equal(rec.op, 'tools/call');
  assert.deepEqual(rec.arguments, { text: 'hello', token: '[redacted]' });
  assert.ok(rec.fuelUsed > 1000);
  assert.ok(rec.callMs >= 0 && rec.instantiateMs > 0, 'first call reports the instantiation');
  assert.equal(rec.outcome, 'ok');
});

test('REQ-HOST-LIFE-008: resources and prompts of a stdio guest are served through the McpGuest interface', async (t) => {
  const s = await guest(t);
  if (!s) return;
  assert.deepEqual((await s.g.capabilities()), { tools: true, resources: true, prompts: true, completions: true });
  assert.deepEqual((await s.g.listResources()).map((r) => r.uri), ['notes://readme', 'notes://limits']);
  const read = await s.g.readResource('notes://readme');
  assert.match(JSON.stringify(read), /grants it stdin and stdout only/);
  assert.deepEqual((await s.g.listPrompts()).map((p) => p.name), ['greet']);
  assert.match(JSON.stringify(await s.g.getPrompt('greet', { name: 'Ada' })), /Say hello to Ada\./);
  await assert.rejects(s.g.readResource('notes://missing'), /resource not found/);
});
