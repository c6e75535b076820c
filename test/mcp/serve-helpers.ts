/**
 * Test helpers for driving `mcp-wrt serve` with real MCP clients: the CLI entry, a transport tap that
 * records every raw message (the SDK clients normalize results, so schema checks use the wire form),
 * and an HTTP server started on a random loopback port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** Wraps a client transport so that `seen` receives every message from the server. */
export function tap<T extends object>(transport: T, seen: unknown[]): T {
  return new Proxy(transport, {
    set(target, prop, value: unknown) {
      if (prop === 'onmessage' && typeof value === 'function') {
        const forward = value as (m: unknown, extra?: unknown) => void;
        Reflect.set(target, prop, (m: unknown, extra?: unknown) => {
          seen.push(m);
          forward(m, extra);
        });
        return true;
      }
      return Reflect.set(target, prop, value);
    },
  });
}

/** The `result` of the last response on the wire. */
export function lastResult(seen: readonly unknown[]): unknown {
  for (let i = seen.length - 1; i >= 0; i--) {
    const m = seen[i] as { result?: unknown };
    if (m !== null && typeof m === 'object' && 'result' in m) return m.result;
  }
  return undefined;
}

/** `mcp-wrt serve ARGS --http 0`, resolved with the URL it prints once listening. */
export async function startHttp(args: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [MAIN, 'serve', ...args, '--http', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += String(d);
      const m = /serving .* at (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { child, url };
}
