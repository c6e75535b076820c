/**
 * stdio serving: the SDK's `serveStdio` reads the client's JSON-RPC from this process's stdin and
 * answers on stdout, choosing the protocol era from the opening message (2025-11-25 `initialize`
 * or 2026-07-28 `server/discover`). Nothing else may write to stdout: guest logs go to stderr.
 */

import { serveStdio, type StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import type { McpServerFactory } from '@modelcontextprotocol/server';

export function serveOnStdio(factory: McpServerFactory, onError?: (e: Error) => void): StdioServerHandle {
  return serveStdio(factory, { legacy: 'serve', ...(onError ? { onerror: onError } : {}) });
}
