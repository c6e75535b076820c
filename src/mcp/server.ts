/**
 * The MCP server in front of the guests, built on the official SDK v2 (`@modelcontextprotocol/server`)
 * low-level `Server`. One factory serves both protocol eras the SDK speaks (2025-11-25 with
 * `initialize`, and the stateless 2026-07-28 with `server/discover` and per-request `_meta`): the SDK
 * chooses the era per connection (stdio) or per request (HTTP) and calls the factory.
 *
 * Tool arguments are validated against the tool's inputSchema before they reach the sandbox; an
 * invalid call is a JSON-RPC invalid-params error naming the failing path.
 *
 * A request's own way back to its client (`CallContext`) is built from the SDK's request context:
 * the guest's progress and log notifications travel on that request's response stream, and its
 * requests (sampling/createMessage, elicitation/create, roots/list, ping) go to that client: as
 * server-to-client requests in 2025-11-25 sessions, and in the stateless 2026-07-28 era, which has
 * none, as `input_required` results answered by the client's retried request (input-rounds.ts).
 */

import {
  CLIENT_CAPABILITIES_META_KEY, inputRequired, LOG_LEVEL_META_KEY, ProtocolError, ProtocolErrorCode, Server,
  type InputRequests, type InputRequiredResult,
  type CallToolResult, type GetPromptResult, type ReadResourceResult, type Tool, type Prompt,
  type Resource, type ResourceTemplateType, type CompleteResult, type LoggingMessageNotification, type RequestMethod,
  type ResourceUpdatedNotification, type ServerContext,
} from '@modelcontextprotocol/server';
import { GuestRpcError, GuestFailure } from '../host/errors.js';
import type { CallContext, ClientSession, GuestNotification, JsonObject, McpGuest } from '../host/guest.js';
import { Catalog } from './catalog.js';
import { Conversation, ParkedCalls, type RoundContext } from './input-rounds.js';
import { logLevelAllows } from './log-level.js';
import { schemaProblems } from './schema-check.js';

export const SERVER_INFO = { name: 'mcp-wrt', version: '0.1.0' } as const;

/** Turns host-side failures into the JSON-RPC errors the client sees. */
function rpcError(e: unknown): never {
  if (e instanceof ProtocolError) throw e;
  if (e instanceof GuestRpcError) throw new ProtocolError(e.code, e.message, e.data);
  if (e instanceof GuestFailure) throw new ProtocolError(ProtocolErrorCode.InternalError, `sandbox stopped the guest (${e.reason}): ${e.message}`);
  throw new ProtocolError(ProtocolErrorCode.InternalError, e instanceof Error ? e.message : String(e));
}

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    return rpcError(e);
  }
}

/** What one client connection (stdio) or HTTP session knows about its client. */
export interface Connection {
  /** The least severe log level the client asked for with logging/setLevel (2025-11-25 era). */
  logLevel: string | undefined;
  /** Resource URIs the client subscribed to. */
  readonly subscribed: Set<string>;
}

export function newConnection(): Connection {
  return { logLevel: undefined, subscribed: new Set() };
}

/** The level threshold of a request: the connection's (2025-11-25) or the request's envelope (2026-07-28). */
function thresholdOf(ctx: ServerContext, conn: Connection, modern: boolean): string | undefined | 'none' {
  if (!modern) return conn.logLevel;
  const level = envelopeOf(ctx)[LOG_LEVEL_META_KEY];
  // 2026-07-28: a request that names no level receives no log messages (as the SDK's own log()).
  return typeof level === 'string' ? level : 'none';
}

/** The envelope's values of a 2026-07-28 request (the reserved `io.modelcontextprotocol/*` keys). */
function envelopeOf(ctx: ServerContext): Readonly<Record<string, unknown>> {
  return (ctx.mcpReq.envelope ?? {}) as Readonly<Record<string, unknown>>;
}

/** The guest's way back to the client of one request (see the file comment). */
function callContext(ctx: ServerContext, conn: Connection, modern: boolean): CallContext {
  const token = ctx.mcpReq._meta?.progressToken;
  return {
    ...(typeof token === 'string' || typeof token === 'number' ? { progressToken: token } : {}),
    signal: ctx.mcpReq.signal,
    async notify(n: GuestNotification): Promise<void> {
      if (n.method === 'notifications/message') {
        const threshold = thresholdOf(ctx, conn, modern);
        if (threshold === 'none' || !logLevelAllows(threshold, n.params?.['level'])) return;
      }
      await ctx.mcpReq.notify({ method: n.method, ...(n.params !== undefined ? { params: n.params } : {}) });
    },
    async request(method: string, params: JsonObject): Promise<JsonObject> {
      const result: unknown = await ctx.mcpReq.send({ method: method as RequestMethod, params });
      return (result ?? {}) as JsonObject;
    },
  };
}

/**
 * Runs a guest request that may ask the client things. 2025-11-25: directly (the guest's requests
 * go out as server-to-client requests). 2026-07-28: as a conversation over input_required rounds;
 * a retried request (with the requestState of a parked call) continues that call.
 */
async function withClient<T extends JsonObject>(
  ctx: ServerContext, conn: Connection, modern: boolean, parked: ParkedCalls, start: (c: CallContext) => Promise<T>,
): Promise<{ done: T } | { input: InputRequiredResult }> {
  if (!modern) return { done: withoutResultType(await start(callContext(ctx, conn, false))) };
  const perRequest = callContext(ctx, conn, true);
  const caps = envelopeOf(ctx)[CLIENT_CAPABILITIES_META_KEY];
  const round: RoundContext = {
    ...(perRequest.progressToken !== undefined ? { progressToken: perRequest.progressToken } : {}),
    signal: ctx.mcpReq.signal,
    clientCapabilities: caps !== null && typeof caps === 'object' ? (caps as JsonObject) : {},
    notify: (n) => perRequest.notify(n),
  };
  const state = ctx.mcpReq.requestState();
  let conv: Conversation<T>;
  if (state === undefined) {
    conv = new Conversation(round, start);
  } else {
    const found = typeof state === 'string' ? parked.take(state) : undefined;
    if (found === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'unknown or expired requestState: send the request again without it');
    conv = found as Conversation<T>;
    conv.resume(round, ctx.mcpReq.inputResponses ?? {});
  }
  const r = await conv.next();
  if ('done' in r) return { done: withoutResultType(r.done) };
  const inputRequests = Object.fromEntries([...r.asks].map(([k, a]) => [k, { method: a.method, params: a.params }])) as unknown as InputRequests;
  return { input: inputRequired({ inputRequests, requestState: parked.park(conv as Conversation<unknown>) }) };
}

/**
 * A guest's result without a `resultType` of its own: the host alone decides whether a result is
 * complete or asks for input, so a guest cannot make the client sample or elicit behind its back.
 */
function withoutResultType<T extends JsonObject>(result: T): T {
  if (!('resultType' in result)) return result;
  const { resultType: _dropped, ...rest } = result;
  return rest as T;
}

/** A `Server` answering from `catalog` for one connection; what the SDK's serving entries get from the factory. */
export function createServer(
  catalog: Catalog, conn: Connection = newConnection(), era: 'legacy' | 'modern' = 'legacy', parked: ParkedCalls = new ParkedCalls(),
): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: {}, resources: { subscribe: true }, prompts: {}, completions: {}, logging: {} },
    instructions: 'Tools, resources and prompts of WebAssembly guests sandboxed by mcp-wrt.',
  });
  const modern = era === 'modern';
  const asking = <T extends JsonObject>(ctx: ServerContext, start: (c: CallContext) => Promise<T>): Promise<{ done: T } | { input: InputRequiredResult }> =>
    withClient(ctx, conn, modern, parked, start);

  server.setRequestHandler('tools/list', () => guarded(async () => ({ tools: (await catalog.listTools()) as unknown as Tool[] })));

  server.setRequestHandler('tools/call', (req, ctx) => guarded(async () => {
    const name = req.params.name;
    const args = (req.params.arguments ?? {}) as JsonObject;
    const tool = await catalog.tool(name);
    if (tool === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `unknown tool: ${name}`);
    const problems = schemaProblems(tool.shown.inputSchema, args);
    if (problems.length > 0) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `invalid arguments for tool ${name}: ${problems.join('; ')}`);
    }
    const round = await asking(ctx, (c) => tool.guest.callTool(tool.original, args, c));
    if ('input' in round) return round.input;
    const result = round.done;
    if (tool.shown.outputSchema !== undefined && result.isError !== true) {
      const bad = schemaProblems(tool.shown.outputSchema, result.structuredContent ?? {});
      if (bad.length > 0) {
        return { content: [{ type: 'text', text: `tool output does not match its outputSchema: ${bad.join('; ')}` }], isError: true } as CallToolResult;
      }
    }
    return result as unknown as CallToolResult;
  }));

  server.setRequestHandler('resources/list', () => guarded(async () => ({ resources: (await catalog.listResources()) as unknown as Resource[] })));

  server.setRequestHandler('resources/templates/list', () => guarded(async () => ({
    resourceTemplates: (await catalog.listResourceTemplates()) as unknown as ResourceTemplateType[],
  })));

  const resourceGuest = async (uri: string): Promise<McpGuest> => {
    const guest = await catalog.resourceGuest(uri);
    if (guest === undefined) throw new ProtocolError(-32002, `resource not found: ${uri}`);
    return guest;
  };

  server.setRequestHandler('resources/read', (req, ctx) => guarded(async () => {
    const guest = await resourceGuest(req.params.uri);
    const round = await asking(ctx, (c) => guest.readResource(req.params.uri, c));
    return ('input' in round ? round.input : round.done) as unknown as ReadResourceResult;
  }));

  server.setRequestHandler('resources/subscribe', (req) => guarded(async () => {
    const guest = await resourceGuest(req.params.uri);
    await guest.subscribe?.(req.params.uri);
    conn.subscribed.add(req.params.uri);
    return {};
  }));

  server.setRequestHandler('resources/unsubscribe', (req) => guarded(async () => {
    const guest = await resourceGuest(req.params.uri);
    conn.subscribed.delete(req.params.uri);
    await guest.unsubscribe?.(req.params.uri);
    return {};
  }));

  server.setRequestHandler('prompts/list', () => guarded(async () => ({ prompts: (await catalog.listPrompts()) as unknown as Prompt[] })));

  server.setRequestHandler('prompts/get', (req, ctx) => guarded(async () => {
    const prompt = await catalog.prompt(req.params.name);
    if (prompt === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `unknown prompt: ${req.params.name}`);
    const round = await asking(ctx, (c) => prompt.guest.getPrompt(prompt.original, req.params.arguments ?? {}, c));
    return ('input' in round ? round.input : round.done) as unknown as GetPromptResult;
  }));

  server.setRequestHandler('completion/complete', (req, ctx) => guarded(async () => {
    const ref = req.params.ref as unknown as JsonObject;
    const target = ref['type'] === 'ref/prompt'
      ? (await catalog.prompt(String(ref['name'])))?.guest
      : await catalog.resourceGuest(String(ref['uri']));
    if (target === undefined || !(await target.capabilities()).completions) {
      return { completion: { values: [], hasMore: false } } as CompleteResult;
    }
    return (await target.complete(ref, req.params.argument as unknown as JsonObject, callContext(ctx, conn, modern))) as unknown as CompleteResult;
  }));

  // Replaces the SDK's own handler: the level also reaches the guests that serve only this client.
  server.setRequestHandler('logging/setLevel', (req) => guarded(async () => {
    conn.logLevel = req.params.level;
    if (catalog.sessionScoped) for (const g of catalog.guests) await g.setLogLevel?.(req.params.level);
    return {};
  }));

  return server;
}

/** Sends a guest's own (unsolicited) notification to one connected client, as the client asked. */
async function forward(server: Server, conn: Connection, n: GuestNotification): Promise<void> {
  switch (n.method) {
    case 'notifications/message':
      if (!logLevelAllows(conn.logLevel, n.params?.['level'])) return undefined;
      return server.sendLoggingMessage(n.params as unknown as LoggingMessageNotification['params']);
    case 'notifications/tools/list_changed': return server.sendToolListChanged();
    case 'notifications/resources/list_changed': return server.sendResourceListChanged();
    case 'notifications/prompts/list_changed': return server.sendPromptListChanged();
    case 'notifications/resources/updated':
      if (!conn.subscribed.has(String(n.params?.['uri']))) return undefined;
      return server.sendResourceUpdated(n.params as unknown as ResourceUpdatedNotification['params']);
    default: return undefined;
  }
}

/** What the factory needs to know about the unit it builds a server for. */
export interface ServingUnit {
  readonly era: 'legacy' | 'modern';
  /** True for a connection that lasts (stdio, or an HTTP session): its guests serve only it. */
  readonly session: boolean;
}

/**
 * Builds servers for the serving entries. A lasting 2025-11-25 connection (stdio, or an HTTP
 * session) gets session guests (`McpGuest.session`): its own instances, booted with its client's
 * capabilities, whose notifications go to that client only. Other units share the guests; their
 * unsolicited notifications go to every lasting connection that shares them.
 */
export class ServerFactory {
  private readonly shared: Catalog;
  private readonly sharedConnections = new Map<Server, Connection>();
  /** 2026-07-28 calls waiting for their client's answers (kept across requests and connections). */
  readonly parked = new ParkedCalls();

  constructor(readonly guests: readonly McpGuest[]) {
    this.shared = new Catalog(guests);
    for (const g of guests) {
      g.onNotification = (n) => {
        for (const [s, conn] of this.sharedConnections) forward(s, conn, n).catch(() => undefined);
      };
    }
  }

  create(unit: ServingUnit): Server {
    const conn = newConnection();
    if (!unit.session || unit.era !== 'legacy') {
      const server = createServer(this.shared, conn, unit.era, this.parked);
      if (unit.session) {
        this.sharedConnections.set(server, conn);
        server.onclose = () => this.sharedConnections.delete(server);
      }
      return server;
    }
    let server: Server | undefined;
    const client: ClientSession = {
      capabilities: () => (server?.getClientCapabilities() ?? {}) as JsonObject,
      clientInfo: () => server?.getClientVersion() as JsonObject | undefined,
    };
    const guests = this.guests.map((g) => g.session?.(client) ?? g);
    server = createServer(new Catalog(guests, true), conn, unit.era, this.parked);
    const s = server;
    for (const g of guests) {
      if (this.guests.includes(g)) continue;
      g.onNotification = (n) => { forward(s, conn, n).catch(() => undefined); };
    }
    server.onclose = () => {
      for (const g of guests) if (!this.guests.includes(g)) g.close().catch(() => undefined);
    };
    return server;
  }
}
