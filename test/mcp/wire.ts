/**
 * Test helper: the JSON-RPC wire between a client and `mcp-wrt serve`, as recorded by stdio-tap.ts
 * (stdio) or by the recording HTTP proxy here, and the check of every server result against the
 * official MCP schema of the era, chosen by the method of the request it answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { mcpSchemaProblems } from './mcp-schema.js';

export const STDIO_TAP = fileURLToPath(new URL('./stdio-tap.js', import.meta.url));

export interface WireMessage {
  readonly dir: 'in' | 'out';
  readonly msg: { id?: unknown; method?: unknown; result?: unknown; error?: unknown };
}

/** The messages of a stdio-tap log. */
export function readTapLog(file: string): WireMessage[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => {
    const { dir, line } = JSON.parse(l) as { dir: 'in' | 'out'; line: string };
    return { dir, msg: JSON.parse(line) as WireMessage['msg'] };
  });
}

/** JSON-RPC messages of an HTTP body: a JSON value (one message or a batch) or SSE `data:` events. */
function messagesOfBody(contentType: string, body: string): WireMessage['msg'][] {
  if (body.trim() === '') return [];
  const values: unknown[] = [];
  if (contentType.includes('text/event-stream')) {
    for (const event of body.split(/\r?\n\r?\n/)) {
      const data = event.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      if (data !== '') values.push(JSON.parse(data));
    }
  } else if (contentType.includes('json')) {
    values.push(JSON.parse(body));
  }
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])) as WireMessage['msg'][];
}

/**
 * A loopback proxy in front of an HTTP MCP endpoint that records the messages of every request
 * body and response (streamed through unchanged). The Host header is rewritten to the target's so
 * the server's DNS-rebinding check sees its own address.
 */
export async function recordingProxy(target: string): Promise<{ url: string; wire: WireMessage[]; close(): Promise<void> }> {
  const t = new URL(target);
  const wire: WireMessage[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      for (const msg of messagesOfBody(String(req.headers['content-type'] ?? ''), body.toString('utf8'))) wire.push({ dir: 'in', msg });
      const headers = { ...req.headers, host: t.host };
      const up = httpRequest(target, { method: req.method ?? 'GET', headers }, (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        const got: Buffer[] = [];
        upRes.on('data', (c: Buffer) => { got.push(c); res.write(c); });
        upRes.on('end', () => {
          for (const msg of messagesOfBody(String(upRes.headers['content-type'] ?? ''), Buffer.concat(got).toString('utf8'))) wire.push({ dir: 'out', msg });
          res.end();
        });
      });
      up.on('error', () => { res.writeHead(502); res.end(); });
      res.on('close', () => up.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${t.pathname}`,
    wire,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The schema definition of the result of each request method. */
export const RESULT_DEFS: Readonly<Record<string, string>> = {
  'initialize': 'InitializeResult',
  'server/discover': 'DiscoverResult',
  'ping': 'EmptyResult',
  'tools/list': 'ListToolsResult',
  'tools/call': 'CallToolResult',
  'resources/list': 'ListResourcesResult',
  'resources/templates/list': 'ListResourceTemplatesResult',
  'resources/read': 'ReadResourceResult',
  'prompts/list': 'ListPromptsResult',
  'prompts/get': 'GetPromptResult',
  'completion/complete': 'CompleteResult',
  'logging/setLevel': 'EmptyResult',
};

/**
 * Checks every server result on the wire against the era's schema. Returns the methods whose
 * results were checked, and the problems found (each naming method and path).
 */
export function checkWire(era: 'legacy' | 'modern', wire: readonly WireMessage[]): { checked: string[]; problems: string[] } {
  // In wire order, so an id reused by a later connection pairs with its own request.
  const methodOf = new Map<string, string>();
  const checked: string[] = [];
  const problems: string[] = [];
  for (const { dir, msg } of wire) {
    const id = JSON.stringify(msg.id);
    if (dir === 'in' && typeof msg.method === 'string' && msg.id !== undefined) methodOf.set(id, msg.method);
    if (dir !== 'out' || msg.result === undefined) continue;
    const method = methodOf.get(id);
    methodOf.delete(id);
    // A 2026-07-28 tools/call, resources/read or prompts/get may answer with a request for input instead.
    const inputRequired = (msg.result as { resultType?: unknown }).resultType === 'input_required';
    const def = method === undefined ? undefined : inputRequired ? 'InputRequiredResult' : RESULT_DEFS[method];
    if (method === undefined || def === undefined) continue;
    checked.push(method);
    problems.push(...mcpSchemaProblems(era, def, msg.result).map((p) => `${method} -> ${def}: ${p}`));
  }
  return { checked, problems };
}
