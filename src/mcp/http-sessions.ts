/**
 * 2025-11-25 sessions over Streamable HTTP (`Mcp-Session-Id`), next to the stateless 2026-07-28
 * serving: an `initialize` without a session id opens a session (its own SDK transport and server,
 * hence its own guest instances, able to send requests to the client on the SSE stream); later
 * requests name it; DELETE ends it. Each session keeps its SSE events in a bounded store, so every
 * event carries an id, the first event of each stream carries a `retry` field, and a client that
 * lost a stream resumes it with GET + `Last-Event-ID` (2025-11-25 Streamable HTTP, resumability).
 * Sessions are capped in number and closed after an idle time.
 */
import { randomUUID } from 'node:crypto';
import { isInitializeRequest, WebStandardStreamableHTTPServerTransport, type Server } from '@modelcontextprotocol/server';
import { MemoryEventStore } from './event-store.js';

export interface SessionOptions {
  /** Sessions open at once; an initialize beyond it is refused with 503. */
  readonly maxSessions?: number;
  /** A session unused for this long (ms) is closed. */
  readonly idleMs?: number;
  /** The SSE `retry` field: how long (ms) a client waits before reconnecting. */
  readonly retryMs?: number;
  /** SSE events kept per session for resumption. */
  readonly eventsPerSession?: number;
}

interface Session {
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly server: Server;
  lastUsed: number;
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } }), {
    status, headers: { 'content-type': 'application/json' },
  });
}

export class LegacySessions {
  private readonly sessions = new Map<string, Session>();
  private readonly maxSessions: number;
  private readonly idleMs: number;

  constructor(private readonly newServer: () => Server, private readonly opts: SessionOptions = {}) {
    this.maxSessions = opts.maxSessions ?? 64;
    this.idleMs = opts.idleMs ?? 30 * 60_000;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Serves one 2025-era HTTP request (POST, GET stream or DELETE). */
  async handle(request: Request, parsedBody: unknown): Promise<Response> {
    this.closeIdle();
    const id = request.headers.get('mcp-session-id');
    if (id !== null) {
      const s = this.sessions.get(id);
      if (s === undefined) return jsonRpcError(404, -32001, 'session not found: it ended or never existed; send initialize again');
      s.lastUsed = Date.now();
      return s.transport.handleRequest(request, { parsedBody });
    }
    const opening = Array.isArray(parsedBody) ? parsedBody.some(isInitializeRequest) : isInitializeRequest(parsedBody);
    if (request.method !== 'POST' || !opening) {
      return jsonRpcError(400, -32000, 'no Mcp-Session-Id: a 2025-11-25 session starts with an initialize request');
    }
    if (this.sessions.size >= this.maxSessions) return jsonRpcError(503, -32000, `too many sessions (${this.maxSessions}); try again later`);
    return this.open(request, parsedBody);
  }

  private async open(request: Request, parsedBody: unknown): Promise<Response> {
    const server = this.newServer();
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: new MemoryEventStore(this.opts.eventsPerSession),
      retryInterval: this.opts.retryMs ?? 2000,
      onsessioninitialized: (sid) => { this.sessions.set(sid, { transport, server, lastUsed: Date.now() }); },
      onsessionclosed: (sid) => { this.drop(sid); },
    });
    await server.connect(transport);
    return transport.handleRequest(request, { parsedBody });
  }

  private drop(id: string): void {
    const s = this.sessions.get(id);
    if (s === undefined) return;
    this.sessions.delete(id);
    s.server.close().catch(() => undefined);
  }

  private closeIdle(): void {
    const now = Date.now();
    for (const [id, s] of this.sessions) if (now - s.lastUsed > this.idleMs) this.drop(id);
  }

  async close(): Promise<void> {
    for (const id of [...this.sessions.keys()]) this.drop(id);
  }
}
