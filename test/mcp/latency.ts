/**
 * Median tools/call latency through `mcp-wrt serve` of the examples — the C WASI-MCP component
 * (examples/c-mcp-component), the C WASI preview 1 stdio server (examples/c-mcp-stdio) and the
 * JavaScript WASI-MCP component (examples/js-mcp-component) — over stdio
 * and over Streamable HTTP, measured with the SDK v2 client (`npm run latency:mcp [CALLS]`). A bounded
 * measurement script, not a timed unit test: it prints the numbers and asserts nothing about them.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { cExampleWasm } from '../host/c-example.js';
import { jsNotesWasm, NOTES_WASM } from '../host/component-examples.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const CALLS = Math.min(2000, Math.max(10, Number(process.argv[2] ?? 200)));
const WARMUP = 20;

async function measure(c: Client): Promise<{ median: number; p90: number }> {
  for (let i = 0; i < WARMUP; i++) await c.callTool({ name: 'add', arguments: { a: i, b: 1 } });
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    await c.callTool({ name: 'add', arguments: { a: i, b: 2 } });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p90: times[Math.floor(times.length * 0.9)]! };
}

const fmt = (r: { median: number; p90: number }): string => `median ${r.median.toFixed(2)} ms, p90 ${r.p90.toFixed(2)} ms`;

async function measureGuest(label: string, path: string, extra: readonly string[] = []): Promise<void> {
  for (const mode of ['legacy', 'auto'] as const) {
    const c = new Client({ name: 'latency', version: '1' }, { versionNegotiation: { mode } });
    await c.connect(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', path, ...extra], stderr: 'ignore' }));
    console.log(`${label} stdio ${c.getProtocolEra()}: ${fmt(await measure(c))} over ${CALLS} calls`);
    await c.close();
  }
  const child = spawn(process.execPath, [MAIN, 'serve', path, ...extra, '--http', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += String(d);
      const m = /at (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
  });
  for (const mode of ['legacy', 'auto'] as const) {
    const c = new Client({ name: 'latency', version: '1' }, { versionNegotiation: { mode } });
    await c.connect(new StreamableHTTPClientTransport(new URL(url)));
    console.log(`${label} http ${c.getProtocolEra()}: ${fmt(await measure(c))} over ${CALLS} calls`);
    await c.close();
  }
  child.kill();
}

await measureGuest('c-mcp-component', NOTES_WASM);
const wasm = cExampleWasm();
if ('skip' in wasm) console.log(`c-mcp-stdio: ${wasm.skip}`);
else await measureGuest('c-mcp-stdio', wasm.path);
await measureGuest('js-mcp-component', jsNotesWasm(), ['--allow-import', 'wasi:*']);
