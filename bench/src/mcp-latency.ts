/**
 * `tools/call` latency through `mcp-wrt serve`, seen by a real MCP client (the SDK v2 client): the
 * median and tail of many calls of the guest's `add` tool after a warm-up. Used by `npm run bench`
 * (the C WASI-MCP example over stdio) and by `npm run latency:mcp` (every example, both transports,
 * both protocol eras).
 */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { median, quantile } from './stats.js';

/** Calls made before timing starts: the guest's and the host's code paths get optimized first. */
const WARMUP = 20;

export interface Latency { calls: number; median: number; p90: number; p99: number }

/** Times `calls` calls of `add` on a connected client, in milliseconds. */
export async function callLatency(c: Client, calls: number): Promise<Latency> {
  for (let i = 0; i < WARMUP; i++) await c.callTool({ name: 'add', arguments: { a: i, b: 1 } });
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await c.callTool({ name: 'add', arguments: { a: i, b: 2 } });
    times.push(performance.now() - t0);
  }
  return { calls, median: median(times), p90: quantile(times, 0.9), p99: quantile(times, 0.99) };
}

/** `mcp-wrt serve WASM ...extra` over stdio in the given version negotiation mode, timed by `callLatency`. */
export async function stdioLatency(mainJs: string, wasm: string, extra: readonly string[], calls: number, mode: 'legacy' | 'auto'): Promise<Latency & { protocolVersion: string }> {
  const c = new Client({ name: 'latency', version: '1' }, { versionNegotiation: { mode } });
  await c.connect(new StdioClientTransport({ command: process.execPath, args: [mainJs, 'serve', wasm, ...extra], stderr: 'ignore' }));
  try {
    return { ...(await callLatency(c, calls)), protocolVersion: c.getNegotiatedProtocolVersion() ?? 'unknown' };
  } finally {
    await c.close();
  }
}

export const formatLatency = (r: Latency): string =>
  `median ${r.median.toFixed(2)} ms, p90 ${r.p90.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms over ${r.calls} calls`;
