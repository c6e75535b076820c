/**
 * Test helper: the example guests every client test drives through `mcp-wrt serve`, each with one
 * probe per MCP operation and the answer it must give. Another guest (e.g. a component example) is
 * added by listing its built file and its probes here; the client tests loop over this list.
 */
import { cExampleWasm } from '../host/c-example.js';
import { jsNotesWasm, NOTES_WASM } from '../host/component-examples.js';

export interface ServedGuest {
  readonly name: string;
  /** Path of the built guest, or why it cannot be built here. */
  readonly wasm: () => { path: string } | { skip: string };
  /** Policy flags `mcp-wrt serve` needs for this guest (e.g. the WASI 0.2 imports it may use). */
  readonly serveArgs?: readonly string[];
  /** A tool to call with string-valued `--tool-arg` pairs and a text its result must contain. */
  readonly tool: { readonly name: string; readonly args: Readonly<Record<string, string>>; readonly text: string };
  /** A resource to read and a text its contents must contain. */
  readonly resource: { readonly uri: string; readonly text: string };
  /** A prompt to get with its arguments and a text its first message must contain. */
  readonly prompt: { readonly name: string; readonly args: Readonly<Record<string, string>>; readonly text: string };
}

export const SERVED_GUESTS: readonly ServedGuest[] = [
  {
    name: 'c-mcp-stdio (WASI preview 1)',
    wasm: cExampleWasm,
    tool: { name: 'add', args: { a: '2', b: '40' }, text: '42' },
    resource: { uri: 'notes://limits', text: 'fuel, memory and time are capped' },
    prompt: { name: 'greet', args: { name: 'Ada' }, text: 'Say hello to Ada.' },
  },
  {
    name: 'c-mcp-component (WASI-MCP component)',
    wasm: () => ({ path: NOTES_WASM }),
    tool: { name: 'add', args: { a: '2', b: '40' }, text: '42' },
    resource: { uri: 'notes://limits', text: 'fuel, memory and time are capped' },
    prompt: { name: 'greet', args: { name: 'Ada' }, text: 'Say hello to Ada.' },
  },
  {
    name: 'js-mcp-component (WASI-MCP component, jco componentize)',
    wasm: () => ({ path: jsNotesWasm() }),
    serveArgs: ['--allow-import', 'wasi:*'],
    tool: { name: 'add', args: { a: '2', b: '40' }, text: '42' },
    resource: { uri: 'notes://readme', text: 'JavaScript compiled to a WASI-MCP component' },
    prompt: { name: 'greet', args: { name: 'Ada' }, text: 'Say hello to Ada.' },
  },
];
