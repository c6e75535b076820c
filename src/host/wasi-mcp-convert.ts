/**
 * The WASI-MCP contract's values (wit/wasi-mcp.wit, as the component runtime lifts them: records
 * keyed by kebab-case field names, `option` as null or the value, `list<u8>` as Uint8Array, u64 as
 * bigint, variants as `{ tag, val }`) turned into MCP JSON (the 2025-11-25 schema's shapes), and back
 * for the few values the host passes in.
 */

import { GuestRpcError } from './errors.js';
import type { JsonObject, PromptInfo, ResourceInfo, ResourceTemplateInfo, ToolInfo, ToolResult } from './guest.js';

type W = Readonly<Record<string, unknown>>;

/** A guest's value that breaks the contract (bad JSON text, a schema that is no object). */
export class ContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** The JSON value of a `json` (list<u8>) the guest gave; `what` names it in errors. */
export function parseJson(bytes: unknown, what: string): unknown {
  if (!(bytes instanceof Uint8Array)) throw new ContractError(`${what}: expected JSON bytes`);
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (e) {
    throw new ContractError(`${what}: not UTF-8 JSON text (${e instanceof Error ? e.message : String(e)})`);
  }
}

function parseObject(bytes: unknown, what: string): JsonObject {
  const v = parseJson(bytes, what);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ContractError(`${what}: expected a JSON object`);
  return v as JsonObject;
}

export function jsonBytes(v: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(v));
}

/** Base64 of bytes without Node's Buffer (runs in browsers too). */
export function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Copies the fields that are set (not null), renaming kebab-case to the MCP camelCase name. */
function optional(src: W, names: Readonly<Record<string, string>>): JsonObject {
  const out: Record<string, unknown> = {};
  for (const [wit, mcp] of Object.entries(names)) {
    const v = src[wit];
    if (v !== null && v !== undefined) out[mcp] = typeof v === 'bigint' ? Number(v) : v;
  }
  return out;
}

export function toolInfo(t: W): ToolInfo {
  const name = String(t['name']);
  const input = parseObject(t['input-schema'], `tool ${name}: input-schema`);
  const output = t['output-schema'] === null ? undefined : parseObject(t['output-schema'], `tool ${name}: output-schema`);
  const a = t['annotations'] as W | null;
  return {
    name,
    ...optional(t, { title: 'title', description: 'description' }),
    inputSchema: input,
    ...(output !== undefined ? { outputSchema: output } : {}),
    ...(a !== null ? {
      annotations: optional(a, {
        title: 'title', 'read-only-hint': 'readOnlyHint', 'destructive-hint': 'destructiveHint', 'idempotent-hint': 'idempotentHint', 'open-world-hint': 'openWorldHint',
      }),
    } : {}),
  };
}

export function resourceInfo(r: W): ResourceInfo {
  return { uri: String(r['uri']), name: String(r['name']), ...optional(r, { title: 'title', description: 'description', 'mime-type': 'mimeType', size: 'size' }) };
}

export function resourceTemplateInfo(r: W): ResourceTemplateInfo {
  return { uriTemplate: String(r['uri-template']), name: String(r['name']), ...optional(r, { title: 'title', description: 'description', 'mime-type': 'mimeType' }) };
}

export function promptInfo(p: W): PromptInfo {
  return {
    name: String(p['name']),
    ...optional(p, { title: 'title', description: 'description' }),
    arguments: (p['arguments'] as W[]).map((a) => ({ name: String(a['name']), ...optional(a, { description: 'description' }), required: a['required'] === true })),
  };
}

/** resource-contents + uri + mime type → an MCP TextResourceContents or BlobResourceContents. */
function resourceContents(r: W): JsonObject {
  const c = r['contents'] as { tag: string; val: unknown };
  return {
    uri: String(r['uri']),
    ...optional(r, { 'mime-type': 'mimeType' }),
    ...(c.tag === 'text' ? { text: c.val as string } : { blob: base64(c.val as Uint8Array) }),
  };
}

export function contentBlock(b: { tag: string; val: unknown }): JsonObject {
  const v = b.val as W;
  switch (b.tag) {
    case 'text': return { type: 'text', text: b.val as string };
    case 'image':
    case 'audio': return { type: b.tag, data: base64(v['data'] as Uint8Array), mimeType: String(v['mime-type']) };
    case 'embedded-resource': return { type: 'resource', resource: resourceContents(v) };
    case 'resource-link': return { type: 'resource_link', ...resourceInfo(v) };
    default: throw new ContractError(`unknown content block ${b.tag}`);
  }
}

export function toolResult(r: W, tool: string): ToolResult {
  const structured = r['structured-content'] === null ? undefined : parseObject(r['structured-content'], `tool ${tool}: structured-content`);
  return {
    content: (r['content'] as { tag: string; val: unknown }[]).map(contentBlock),
    ...(structured !== undefined ? { structuredContent: structured } : {}),
    isError: r['is-error'] === true,
  };
}

export function resourceResult(r: W): JsonObject {
  return { contents: (r['contents'] as W[]).map(resourceContents) };
}

export function promptResult(r: W): JsonObject {
  return {
    ...optional(r, { description: 'description' }),
    messages: (r['messages'] as W[]).map((m) => ({ role: String(m['role']), content: contentBlock(m['content'] as { tag: string; val: unknown }) })),
  };
}

export function completionResult(r: W): JsonObject {
  return {
    completion: {
      values: (r['values'] as string[]).slice(0, 100),
      ...optional(r, { total: 'total' }),
      hasMore: r['has-more'] === true,
    },
  };
}

/** The `error` record (FIX-2) as the JSON-RPC error the client receives. */
export function rpcErrorOf(e: W): GuestRpcError {
  let data: unknown;
  if (e['data'] !== null && e['data'] !== undefined) {
    try {
      data = parseJson(e['data'], 'error data');
    } catch {
      data = undefined;
    }
  }
  return new GuestRpcError(Number(e['code']), String(e['message']), data);
}

/** An `error` record for the guest (the runtime's refusals). */
export function errorRecord(code: number, message: string): { tag: 'err'; val: W } {
  return { tag: 'err', val: { code, message, data: null } };
}
