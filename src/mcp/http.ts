/**
 * Streamable HTTP serving: a `node:http` server (127.0.0.1 by default) in front of the SDK. Requests
 * of the 2026-07-28 protocol go to its web-standard handler (`createMcpHandler`, stateless, one
 * response stream per request); 2025-era requests (told apart by the SDK's `isLegacyRequest`) are
 * served in sessions (http-sessions.ts: `Mcp-Session-Id`, SSE event ids, `retry`, resumption).
 * Before the SDK sees a request, the Host header, and the Origin header when present, must name the
 * bound loopback address (DNS-rebinding protection); anything else is refused with 403. The
 * endpoint is `/mcp`.
 *
 * Why 2026-07-28 streams carry no event ids: that era is stateless (a response stream belongs to
 * its one request and nothing is kept to replay), so a lost stream is recovered by sending the
 * request again; ids a server cannot replay would only invite failing resumptions.
 */

import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, isLegacyRequest, type Server } from '@modelcontextprotocol/server';
import { LegacySessions, type SessionOptions } from './http-sessions.js';
import type { ServingUnit } from './server.js';

export interface HttpOptions {
  /** Address to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Port; 0 picks a free one. */
  readonly port: number;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
  readonly onError?: (e: Error) => void;
  /** Limits of the 2025-11-25 sessions. */
  readonly sessions?: SessionOptions;
}

export interface RunningHttp {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export const MCP_PATH = '/mcp';

/** Host names that denote this loopback server. */
function allowedHosts(bound: string, port: number): Set<string> {
  const names = new Set([bound, 'localhost', '127.0.0.1', '[::1]']);
  if (bound.includes(':') && !bound.startsWith('[')) names.add(`[${bound}]`);
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${n}:${port}`.toLowerCase());
  }
  return out;
}

/** Refusal reason for a request whose Host or Origin is not this server, else undefined. */
export function checkHostAndOrigin(req: IncomingMessage, bound: string, port: number): string | undefined {
  const hosts = allowedHosts(bound, port);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return `Host header "${host}" is not this server`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let o: URL;
    try {
      o = new URL(origin);
    } catch {
      return `Origin "${origin}" is not a URL`;
    }
    if (!hosts.has(o.host.toLowerCase())) return `Origin "${origin}" is not this server`;
  } else if (origin === 'null') {
    return 'Origin "null" is refused';
  }
  return undefined;
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    total += b.length;
    if (total > max) return 'too-large';
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text + '\n');
}

/** The parsed JSON body, or undefined when there is none or it is not JSON (the SDK answers that). */
function parseBody(body: Buffer | undefined): unknown {
  if (body === undefined || body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Serves `/mcp` over HTTP; `newServer` builds the server of a 2026-07-28 request or a 2025-11-25 session. */
export async function serveHttp(newServer: (unit: ServingUnit) => Server, opts: HttpOptions): Promise<RunningHttp> {
  const bound = opts.host ?? '127.0.0.1';
  const maxBody = opts.maxBodyBytes ?? 4 * 1024 * 1024;
  const handler = createMcpHandler((ctx) => newServer({ era: ctx.era, session: false }), {
    legacy: 'reject', maxRequestBodySize: maxBody, ...(opts.onError ? { onerror: opts.onError } : {}),
  });
  const sessions = new LegacySessions(() => newServer({ era: 'legacy', session: true }), opts.sessions);
  let port = opts.port;

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = checkHostAndOrigin(req, bound, port);
    if (refusal !== undefined) return plain(res, 403, `forbidden: ${refusal}`);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname !== MCP_PATH) return plain(res, 404, `not found: the MCP endpoint is ${MCP_PATH}`);
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req, maxBody);
    if (body === 'too-large') return plain(res, 413, `request body over ${maxBody} bytes`);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
    }
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const request = new Request(url, {
      method: req.method ?? 'GET', headers, signal: abort.signal,
      ...(body !== undefined ? { body: new Uint8Array(body) } : {}),
    });
    const parsedBody = parseBody(body);
    const response = (await isLegacyRequest(request, parsedBody, { maxRequestBodySize: maxBody }))
      ? await sessions.handle(request, parsedBody)
      : await handler.fetch(request, { parsedBody });
    const outHeaders: Record<string, string> = {};
    response.headers.forEach((v, k) => { outHeaders[k] = v; });
    res.writeHead(response.status, outHeaders);
    if (response.body === null) {
      res.end();
      return;
    }
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
    } finally {
      res.end();
    }
  };

  const server: HttpServer = createHttpServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      opts.onError?.(e instanceof Error ? e : new Error(String(e)));
      if (!res.headersSent) plain(res, 500, 'internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, bound, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const hostPart = bound.includes(':') ? `[${bound}]` : bound;
  return {
    url: `http://${hostPart}:${port}${MCP_PATH}`,
    port,
    async close() {
      await sessions.close();
      await handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
