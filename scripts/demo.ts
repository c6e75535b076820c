/**
 * `npm start`: serves the bundled WASI-MCP component (examples/c-mcp-component/notes.wasm) with
 * `mcp-wrt serve` over stdio, drives it with the official MCP SDK client, prints what a client sees
 * (tools/list, tools/call, resources/list + read, prompts/list + get) and exits.
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const guest = `${root}examples/c-mcp-component/notes.wasm`;

const show = (title: string, value: unknown): void => console.log(`\n${title}\n${JSON.stringify(value, null, 2)}`);

console.log(`mcp-wrt serve ${guest.slice(root.length)}  (stdio, SDK client)`);
const client = new Client({ name: 'mcp-wrt-demo', version: '0.1.0' });
await client.connect(new StdioClientTransport({ command: process.execPath, args: [main, 'serve', guest, '--timeout', '2s'], stderr: 'inherit' }));
try {
  const tools = await client.listTools();
  show('tools/list', tools.tools.map((t) => ({ name: t.name, description: t.description })));
  show('tools/call add {"a":2,"b":40}', await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } }));
  show('tools/call add_note', await client.callTool({ name: 'add_note', arguments: { title: 'hello', text: 'served from a sandboxed component' } }));
  const resources = await client.listResources();
  show('resources/list', resources.resources.map((r) => r.uri));
  show('resources/read notes://note/0', await client.readResource({ uri: 'notes://note/0' }));
  const prompts = await client.listPrompts();
  show('prompts/list', prompts.prompts.map((p) => p.name));
  show('prompts/get greet {"name":"Ada"}', await client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } }));
  show('tools/call spin (endless loop, stopped by the 2 s timeout)', await client.callTool({ name: 'spin', arguments: {} }));
} finally {
  await client.close();
}
