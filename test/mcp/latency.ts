/**
 * tools/call latency through `mcp-wrt serve` of the examples — the C WASI-MCP component
 * (examples/c-mcp-component), the C WASI preview 1 stdio server (examples/c-mcp-stdio) and the
 * JavaScript WASI-MCP component (examples/js-mcp-component) — over stdio and over Streamable HTTP,
 * in both protocol eras, measured with the SDK v2 client (`npm run latency:mcp [CALLS]`). A bounded
 * measurement script, not a timed unit test: it prints the numbers and asserts nothing about them.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { callLatency, formatLatency, stdioLatency } from '../../bench/src/mcp-latency.js';
import { cExampleWasm } from '../host/c-example.js';
import { jsNotesWasm, NOTES_WASM } from '../host/component-examples.js';
import { MAIN, startHttp } from './serve-helpers.js';

const CALLS = Math.min(2000, Math.max(10, Number(process.argv[2] ?? 200)));

async function measureGuest(label: string, path: string, extra: readonly string[] = []): Promise<void> {
  for (const mode of ['legacy', 'auto'] as const) {
    const r = await stdioLatency(MAIN, path, extra, CALLS, mode);
    console.log(`${label} stdio ${r.protocolVersion}: ${formatLatency(r)}`);
  }
  const { url, child } = await startHttp([path, ...extra]);
  try {
    for (const mode of ['legacy', 'auto'] as const) {
      const c = new Client({ name: 'latency', version: '1' }, { versionNegotiation: { mode } });
      await c.connect(new StreamableHTTPClientTransport(new URL(url)));
      console.log(`${label} http ${c.getNegotiatedProtocolVersion()}: ${formatLatency(await callLatency(c, CALLS))}`);
      await c.close();
    }
  } finally {
    child.kill();
  }
}

await measureGuest('c-mcp-component', NOTES_WASM);
const wasm = cExampleWasm();
if ('skip' in wasm) console.log(`c-mcp-stdio: ${wasm.skip}`);
else await measureGuest('c-mcp-stdio', wasm.path);
await measureGuest('js-mcp-component', jsNotesWasm(), ['--allow-import', 'wasi:*']);
