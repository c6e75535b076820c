/**
 * The MCP server in front of the guests, built on the official SDK v2 (`@modelcontextprotocol/server`)
 * low-level `Server`. One factory serves both protocol eras the SDK speaks (2025-11-25 with
 * `initialize`, and the stateless 2026-07-28 with `server/discover` and per-request `_meta`): the SDK
 * chooses the era per connection (stdio) or per request (HTTP) and calls the factory.
 *
 * Tool arguments are validated against the tool's inputSchema before they reach the sandbox; an
 * invalid call is a JSON-RPC invalid-params error naming the failing path.
 */

import {
  ProtocolError, ProtocolErrorCode, Server,
  type CallToolResult, type GetPromptResult, type McpRequestContext, type ReadResourceResult, type Tool, type Prompt,
  type Resource, type ResourceTemplateType, type CompleteResult, type LoggingMessageNotification,
  type ResourceUpdatedNotification,
} from '@modelcontextprotocol/server';
import { GuestRpcError, GuestFailure } from '../host/errors.js';
import type { GuestNotification, JsonObject, McpGuest } from '../host/guest.js';
import { Catalog } from './catalog.js';
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

/** A `Server` answering from `catalog`; what the SDK's serving entries get from the factory. */
export function createServer(catalog: Catalog, _ctx?: McpRequestContext): Server {
  const server = new Server(SERVER_INFO, {
    capabilities: { tools: {}, resources: {}, prompts: {}, completions: {}, logging: {} },
    instructions: 'Tools, resources and prompts of WebAssembly guests sandboxed by mcp-wrt.',
  });

  server.setRequestHandler('tools/list', () => guarded(async () => ({ tools: (await catalog.listTools()) as unknown as Tool[] })));

  server.setRequestHandler('tools/call', (req) => guarded(async () => {
    const name = req.params.name;
    const args = (req.params.arguments ?? {}) as JsonObject;
    const tool = await catalog.tool(name);
    if (tool === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `unknown tool: ${name}`);
    const problems = schemaProblems(tool.shown.inputSchema, args);
    if (problems.length > 0) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `invalid arguments for tool ${name}: ${problems.join('; ')}`);
    }
    const result = await tool.guest.callTool(tool.original, args);
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

  server.setRequestHandler('resources/read', (req) => guarded(async () => {
    const guest = await catalog.resourceGuest(req.params.uri);
    if (guest === undefined) throw new ProtocolError(-32002, `resource not found: ${req.params.uri}`);
    return (await guest.readResource(req.params.uri)) as unknown as ReadResourceResult;
  }));

  server.setRequestHandler('prompts/list', () => guarded(async () => ({ prompts: (await catalog.listPrompts()) as unknown as Prompt[] })));

  server.setRequestHandler('prompts/get', (req) => guarded(async () => {
    const prompt = await catalog.prompt(req.params.name);
    if (prompt === undefined) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `unknown prompt: ${req.params.name}`);
    return (await prompt.guest.getPrompt(prompt.original, req.params.arguments ?? {})) as unknown as GetPromptResult;
  }));

  server.setRequestHandler('completion/complete', (req) => guarded(async () => {
    const ref = req.params.ref as unknown as JsonObject;
    const target = ref['type'] === 'ref/prompt'
      ? (await catalog.prompt(String(ref['name'])))?.guest
      : await catalog.resourceGuest(String(ref['uri']));
    if (target === undefined || !(await target.capabilities()).completions) {
      return { completion: { values: [], hasMore: false } } as CompleteResult;
    }
    return (await target.complete(ref, req.params.argument as unknown as JsonObject)) as unknown as CompleteResult;
  }));

  return server;
}

/** Sends a guest's own notification to one connected client. */
async function forward(server: Server, n: GuestNotification): Promise<void> {
  switch (n.method) {
    case 'notifications/message': return server.sendLoggingMessage(n.params as unknown as LoggingMessageNotification['params']);
    case 'notifications/tools/list_changed': return server.sendToolListChanged();
    case 'notifications/resources/list_changed': return server.sendResourceListChanged();
    case 'notifications/prompts/list_changed': return server.sendPromptListChanged();
    case 'notifications/resources/updated': return server.sendResourceUpdated(n.params as unknown as ResourceUpdatedNotification['params']);
    default: return undefined;
  }
}

/**
 * The factory both serving entries (stdio and HTTP) call, one `Server` per connection or request.
 * Guests' own notifications (logging, list changes, resource updates) go to every open connection
 * that can receive unsolicited messages: the stdio connections (HTTP serving is stateless).
 */
export function serverFactory(guests: readonly McpGuest[]): (ctx: McpRequestContext) => Server {
  const catalog = new Catalog(guests);
  const connections = new Set<Server>();
  for (const g of guests) {
    g.onNotification = (n) => {
      for (const s of connections) forward(s, n).catch(() => undefined);
    };
  }
  return (ctx) => {
    const server = createServer(catalog, ctx);
    if (ctx.requestInfo === undefined) {
      connections.add(server);
      server.onclose = () => connections.delete(server);
    }
    return server;
  };
}
