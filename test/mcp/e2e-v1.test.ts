/**
 * End to end with the official SDK v1 client (`@modelcontextprotocol/sdk`, 2025-era protocol only):
 * `mcp-wrt serve` hosting the C stdio example answers it over stdio and Streamable HTTP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { cExampleWasm } from '../host/c-example.js';
import { mcpSchemaProblems } from './mcp-schema.js';
import { MAIN, startHttp } from './serve-helpers.js';

async function exercise(c: Client, label: string): Promise<void> {
  const check = (def: string, value: unknown): void => {
    assert.deepEqual(mcpSchemaProblems('legacy', def, value), [], `${label}: ${def}`);
  };
  const tools = await c.listTools();
  check('ListToolsResult', tools);
  assert.ok(tools.tools.some((t) => t.name === 'add'));
  const sum = await c.callTool({ name: 'add', arguments: { a: 1.5, b: 2 } });
  check('CallToolResult', sum);
  assert.deepEqual(sum.structuredContent, { sum: 3.5 });
  const resources = await c.listResources();
  check('ListResourcesResult', resources);
  const read = await c.readResource({ uri: 'notes://readme' });
  check('ReadResourceResult', read);
  assert.match(JSON.stringify(read.contents), /stdin and stdout only/);
  const prompts = await c.listPrompts();
  check('ListPromptsResult', prompts);
  const prompt = await c.getPrompt({ name: 'greet', arguments: { name: 'Grace' } });
  check('GetPromptResult', prompt);
  assert.deepEqual(prompt.messages[0]!.content, { type: 'text', text: 'Say hello to Grace.' });
}

test('REQ-MCP-SRV-010: SDK v1 clients (2025-11-25) use every operation over stdio and Streamable HTTP', async (t) => {
  const wasm = cExampleWasm();
  if ('skip' in wasm) return t.skip(wasm.skip);
  const viaStdio = new Client({ name: 'v1-e2e', version: '1.0.0' });
  await viaStdio.connect(new StdioClientTransport({ command: process.execPath, args: [MAIN, 'serve', wasm.path], stderr: 'ignore' }));
  try {
    assert.equal(viaStdio.getServerVersion()?.name, 'mcp-wrt');
    await exercise(viaStdio, 'v1 stdio');
  } finally {
    await viaStdio.close();
  }
  const { child, url } = await startHttp([wasm.path]);
  try {
    const viaHttp = new Client({ name: 'v1-e2e', version: '1.0.0' });
    await viaHttp.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      await exercise(viaHttp, 'v1 http');
    } finally {
      await viaHttp.close();
    }
  } finally {
    child.kill();
  }
});
