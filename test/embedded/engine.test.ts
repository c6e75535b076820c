import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/bundle.js';
import { getCompiler } from '../../spec-tests/compile.js';
import { parseScript } from '../../spec-tests/script.js';
import type { AssertionResult } from '../../spec-tests/script-run.js';
import { measureIdleFootprint, measureIdleMcpFootprint, type McpOutcome } from '../../embedded/footprint.js';
import { cExampleBytes } from '../host/c-example.js';
import { EmbeddedEngine, MEMORY_LIMIT_BYTES, loadEmbeddedCode, type EmbeddedCode } from '../../embedded/quickjs-host.js';
import { fromWire, toWire } from '../../embedded/wire.js';
import { prepareScript } from '../../embedded/prepare.js';

let code: EmbeddedCode;
before(async () => {
  code = await loadEmbeddedCode();
});

const addWasm = (): Uint8Array => new Uint8Array(readFileSync(join(repoRoot(), 'examples', 'add.wasm')));

/** A text module compiled by wabt (the harness compiler). */
async function wasm(text: string): Promise<Uint8Array> {
  const r = (await getCompiler()).compile(new TextEncoder().encode(text));
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.bytes;
}

test('REQ-EMB-007: inside QuickJS there is no Date and no performance, and the core runs on the injected clock', async () => {
  const engine = await EmbeddedEngine.create(code);
  try {
    assert.deepEqual(engine.evalGlobal('[typeof Date, typeof performance, typeof setTimeout, typeof process, typeof hostNow]'),
      ['undefined', 'undefined', 'undefined', 'undefined', 'function']);
    // An endless loop under a 30 ms deadline and practically unlimited fuel: only the injected clock ends it.
    const loop = await wasm('(module (func (export "spin") (loop (br 0))))');
    const job = {
      commands: parseScript(new TextEncoder().encode('(module binary "") (invoke "spin")')).map((c, i) =>
        i === 0 && c.type === 'module' ? { ...c, module: { ...c.module, source: { kind: 'binary' as const, bytes: loop } } } : c),
      compiled: [],
      limits: { deadlineMs: 30, fuel: 1e15 },
    };
    const results = fromWire(engine.call('runScript', toWire(job))) as AssertionResult[];
    assert.equal(results[0].outcome, 'pass');
    assert.equal(results[1].outcome, 'fail');
    assert.match(results[1].reason ?? '', /LimitExceeded: .*deadline/);
  } finally {
    engine.dispose();
  }
});

test('REQ-EMB-008: the QuickJS runtime is limited to 32 MiB; a guest that needs more fails cleanly and the engine goes on', async () => {
  const engine = await EmbeddedEngine.create(code);
  try {
    assert.equal(engine.memoryLimit(), MEMORY_LIMIT_BYTES);
    assert.equal(MEMORY_LIMIT_BYTES, 32 * 1024 * 1024);
    // 600 pages = 37.5 MiB of linear memory: more than the whole budget.
    const big = await wasm('(module (memory (export "m") 600))');
    assert.throws(() => engine.call('keepInstance', toWire(big)), /threw inside QuickJS/);
    engine.call('dropKept');
    assert.ok(engine.memoryUsed() < MEMORY_LIMIT_BYTES);
    assert.deepEqual(fromWire(engine.call('keepInstance', toWire(addWasm()))), ['add', 'fac', 'hypot']);
    assert.deepEqual(fromWire(engine.call('callKept', toWire({ name: 'add', args: [2, 40] }))), [42]);
  } finally {
    engine.dispose();
  }
});

test('REQ-EMB-009: the footprint of an idle instance of a small module is measured inside QuickJS', async () => {
  let sum: (number | null)[] = [];
  const f = await measureIdleFootprint(code, addWasm(), (call) => {
    sum = call('add', [2, 40]);
  });
  assert.deepEqual(sum, [42]);
  assert.equal(f.limitBytes, MEMORY_LIMIT_BYTES);
  assert.ok(f.instanceBytes > 0, `instance bytes ${f.instanceBytes}`);
  assert.ok(f.instanceBytes < 256 * 1024, `idle add.wasm instance takes ${f.instanceBytes} B`);
  assert.ok(f.withInstanceBytes < MEMORY_LIMIT_BYTES);
  console.log(`idle footprint: add.wasm instance ${f.instanceBytes} B over a baseline of ${f.baselineBytes} B (engine + core + harness; ${f.loadedBytes} B right after loading)`);
});

test('REQ-EMB-006: 64-bit patterns with bit 63 set give the same results inside QuickJS (its BigInt.asUintN(64) is wrong)', async () => {
  const engine = await EmbeddedEngine.create(code);
  try {
    if (engine.evalGlobal('BigInt.asUintN(64, -1n) === 18446744073709551615n') === true) {
      console.log('note: this QuickJS computes BigInt.asUintN(64, x) correctly; the workaround in the core is no longer needed for it');
    }
    const script = `(module
      (func (export "div_u") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
      (func (export "rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
      (func (export "lt_u") (param i64 i64) (result i32) (i64.lt_u (local.get 0) (local.get 1)))
      (func (export "cvt") (param i64) (result f64) (f64.convert_i64_u (local.get 0)))
      (func (export "cvt32") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
      (func (export "id") (param f64) (result f64) (local.get 0)))
    (assert_return (invoke "div_u" (i64.const -1) (i64.const 2)) (i64.const 0x7fffffffffffffff))
    (assert_return (invoke "rem_u" (i64.const 0xBFF0000000000000) (i64.const 10)) (i64.const 6))
    (assert_return (invoke "lt_u" (i64.const 1) (i64.const -1)) (i32.const 1))
    (assert_return (invoke "cvt" (i64.const -1)) (f64.const 18446744073709551616))
    (assert_return (invoke "cvt32" (i64.const 0x8000000000000000)) (f32.const 9223372036854775808))
    (assert_return (invoke "id" (f64.const -1)) (f64.const -1))`;
    const prepared = await prepareScript('u64.wast', new TextEncoder().encode(script));
    assert.ok(prepared.job !== undefined);
    const results = fromWire(engine.call('runScript', toWire(prepared.job))) as AssertionResult[];
    assert.deepEqual(results.map((r) => `${r.line} ${r.outcome} ${r.reason ?? ''}`.trim()), results.map((r) => `${r.line} pass`));
    assert.equal(results.length, 7);
  } finally {
    engine.dispose();
  }
});


test('REQ-EMB-017: the C MCP example boots inside QuickJS under the host driver, answers tools/list and tools/call, and its idle footprint is measured', async (t) => {
  const wasm = cExampleBytes();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const answers: McpOutcome[] = [];
  const f = await measureIdleMcpFootprint(code, wasm, (request) => {
    answers.push(request('tools/list', {}));
    answers.push(request('tools/call', { name: 'add', arguments: { a: 2, b: 40 } }));
    answers.push(request('tools/call', { name: 'echo', arguments: { text: 'grüße ☃' } }));
  });
  assert.equal(f.boot.status, 'ok', f.boot.error);
  assert.deepEqual((f.boot.result?.['serverInfo'] as Record<string, unknown>)['name'], 'c-mcp-stdio');
  assert.ok((f.boot.fuelUsed ?? 0) > 0);
  assert.deepEqual(f.boot.log, ['c-mcp-stdio: initialize', 'c-mcp-stdio: notifications/initialized']);
  const [list, add, echo] = answers;
  assert.equal(list?.status, 'ok', list?.error);
  const names = (list?.result?.['tools'] as { name: string }[]).map((x) => x.name);
  for (const n of ['add', 'echo', 'spin', 'grow', 'crash', 'flood', 'log', 'chatter']) assert.ok(names.includes(n), names.join(', '));
  assert.deepEqual(add?.result, { content: [{ type: 'text', text: '42' }], structuredContent: { sum: 42 }, isError: false });
  assert.deepEqual(echo?.result?.['content'], [{ type: 'text', text: 'grüße ☃' }]);
  assert.equal(f.limitBytes, MEMORY_LIMIT_BYTES);
  assert.ok(f.instanceBytes > 64 * 1024, `an idle instance holds at least its 64 KiB page: ${f.instanceBytes} B`);
  assert.ok(f.withInstanceBytes < MEMORY_LIMIT_BYTES);
  console.log(`idle footprint: C MCP example (${wasm.length} B) ${f.instanceBytes} B over a baseline of ${f.baselineBytes} B; boot used ${f.boot.fuelUsed} fuel`);
});
