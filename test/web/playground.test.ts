/**
 * The playground page in a real headless browser (Debian `chromium`, driven by playwright-core): the
 * page is built into dist/web, served from 127.0.0.1 by a tiny static server inside the test, and used
 * the way a person would: pick a file, read the exports, call one, read the result. The screenshot of
 * the C MCP example's session is left at dist/web/screenshot.png (README's web/screenshot.png is a copy).
 */

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../scripts/bundle.js';
import { getCompiler } from '../../spec-tests/compile.js';
import { DecodeError, load } from '../../src/core/index.js';
import { buildWeb } from '../../web/build.js';
import { cExampleBytes } from '../host/c-example.js';
import { ADD_COMPONENT, GREET_COMPONENT, componentBytes } from '../component/instantiate/wat.js';
import { notesBytes, plainBytes } from '../host/component-examples.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };

/** Serves a directory, nothing else, on 127.0.0.1 with a random port. */
function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const skipWhy = !existsSync(CHROMIUM) && !process.env.CI ? `${CHROMIUM} not installed (apt-get install chromium); CI must have it` : undefined;

let server: Server | undefined;
let browser: Browser | undefined;
let page: Page;
let origin = '';
let dir = '';
const foreignRequests: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  if (skipWhy !== undefined) return;
  dir = (await buildWeb()).dir;
  server = await serve(dir);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('request', (r) => {
    if (!r.url().startsWith(origin)) foreignRequests.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready="true"]');
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
});

async function pick(name: string, bytes: Uint8Array): Promise<void> {
  await page.setInputFiles('#file', { name, mimeType: 'application/wasm', buffer: Buffer.from(bytes) });
}

/** Calls the entry whose select value is `id` and returns the new output line. */
async function callExport(id: string, args: string, fuel?: number): Promise<string> {
  await page.selectOption('#export', id);
  await page.fill('#args', args);
  if (fuel !== undefined) await page.fill('#fuel', String(fuel));
  const before = await page.locator('#output li:not(.log)').count();
  await page.click('#run');
  await page.waitForFunction(`document.querySelectorAll('#output li:not(.log)').length > ${before}`, undefined, { timeout: 60_000 });
  return (await page.locator('#output li:not(.log)').last().textContent()) ?? '';
}

/** Picks a file and waits until the page has loaded it (or said why not). */
async function pickAndWait(name: string, bytes: Uint8Array, outcome: 'ok' | 'error'): Promise<string> {
  await pick(name, bytes);
  await page.waitForSelector(`#status.${outcome}`, { timeout: 60_000 });
  return (await page.textContent('#status')) ?? '';
}

test('REQ-EMB-011: the page loads examples/add.wasm, lists its exports with types, and calls add 2 40 = i32:42 with the fuel used', async (t) => {
  if (skipWhy !== undefined) return t.skip(skipWhy);
  await pick('add.wasm', new Uint8Array(readFileSync(join(repoRoot(), 'examples', 'add.wasm'))));
  await page.waitForSelector('#status.ok');
  assert.match((await page.textContent('#status')) ?? '', /add\.wasm: core module, \d+ bytes/);
  const rows = await page.locator('#exports tbody tr').allTextContents();
  assert.deepEqual(rows, ['addfunc(i32, i32) -> (i32)', 'facfunc(i64) -> (i64)', 'hypotfunc(f64, f64) -> (f64)']);
  const out = await callExport('add', '2 40');
  assert.match(out, /^add\(2, 40\) = i32:42 \(fuel used: [1-9]\d*\)$/);
  assert.match(await callExport('fac', '20'), /= i64:2432902008176640000 /);
  assert.match(await callExport('hypot', '3 4'), /= f64:5 /);
});

test('REQ-EMB-012: the page shows a malformed module as a DecodeError with the byte offset the core reports', async (t) => {
  if (skipWhy !== undefined) return t.skip(skipWhy);
  // A type section whose declared size runs past the end of the file.
  const bad = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x00]);
  let offset = -1;
  try {
    load(bad);
  } catch (e) {
    assert.ok(e instanceof DecodeError);
    offset = e.offset;
  }
  assert.ok(offset >= 0);
  await pick('bad.wasm', bad);
  await page.waitForSelector('#status.error');
  const status = (await page.textContent('#status')) ?? '';
  assert.ok(status.startsWith(`bad.wasm: DecodeError at offset ${offset} `), status);
  assert.equal(await page.locator('#exports tbody tr').count(), 0);
  assert.equal(await page.isDisabled('#run'), true);
});

test('REQ-EMB-013: the page shows validation errors, traps and running out of fuel', async (t) => {
  if (skipWhy !== undefined) return t.skip(skipWhy);
  const compiler = await getCompiler();
  const compile = (text: string): Uint8Array => {
    const r = compiler.compile(new TextEncoder().encode(text));
    assert.ok(r.ok);
    return r.bytes;
  };
  await pick('invalid.wasm', compile('(module (func (result i32) (i64.const 1)))'));
  await page.waitForSelector('#status.error');
  assert.match((await page.textContent('#status')) ?? '', /^invalid\.wasm: ValidationError at offset \d+ .*type mismatch/);
  await pick('traps.wasm', compile(`(module
    (import "env" "log" (func $log (param i32)))
    (func (export "div") (param i32 i32) (result i32) (call $log (local.get 1)) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "spin") (loop (br 0))))`));
  await page.waitForSelector('#status.ok');
  assert.match((await page.textContent('#imports')) ?? '', /import env\.log: func \(i32\) -> \(\) \(stub\)/);
  assert.match(await callExport('div', '7 0'), /^div\(7, 0\): Trap: integer divide by zero$/);
  assert.match(await callExport('div', '-7 2'), /= i32:-3 \(fuel used: \d+\)/);
  assert.match(await callExport('spin', '', 5000), /^spin\(\): out of fuel after 5000 instructions$/);
  assert.match(await callExport('div', 'x 1'), /cannot read "x" as i32/);
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(pageErrors, []);
});

test('REQ-EMB-014: the page loads a component, shows its WIT world and exports, and calls them with JSON values', async (t) => {
  if (skipWhy !== undefined) return t.skip(skipWhy);
  assert.match(await pickAndWait('add.component.wasm', await componentBytes(ADD_COMPONENT), 'ok'), /^add\.component\.wasm: component, \d+ bytes: 0 imports, 1 exports, 1 callable functions$/);
  assert.equal(await page.textContent('#detail'), 'world component {\n  export add: func(a: u32, b: u32) -> u32;\n}\n');
  assert.deepEqual(await page.locator('#exports tbody tr').allTextContents(), ['addfuncfunc(a: u32, b: u32) -> u32']);
  assert.match(await callExport('add', '[2, 40]', 1_000_000), /^add\(2, 40\) = 42 \(fuel used: not measured\)$/);
  assert.match(await callExport('add', '[-1, 0]'), /^add\(-1, 0\): a: -1 is out of range for u32 \[0, 4294967295\]$/);
  assert.match(await callExport('add', '[1]'), /^add\(1\): takes 2 arguments func\(a: u32, b: u32\) -> u32, got 1/);
  await pickAndWait('greet.component.wasm', await componentBytes(GREET_COMPONENT), 'ok');
  assert.equal(await callExport('greet', '["wörld ☃"]'), 'greet("wörld ☃") = "Hello, wörld ☃" (fuel used: not measured)');
  // The committed plain component example: WIT-level exports of its interfaces, variants and results as JSON.
  assert.match(await pickAndWait('plain.wasm', plainBytes(), 'ok'), /^plain\.wasm: component, \d+ bytes: 0 imports, 3 exports, 6 callable functions$/);
  assert.match((await page.textContent('#detail')) ?? '', /export example:plain\/geometry@0\.1\.0: interface \{/);
  assert.match(await callExport('example:plain/geometry@0.1.0#area', '[{"square": 3}]'), /^example:plain\/geometry@0\.1\.0#area\(\{"square": 3\}\) = 9 \(fuel used: not measured\)$/);
  assert.match(await callExport('checked-div', '[7, 0]'), /^checked-div\(7, 0\) = \{"err":"[^"]+"\} /);
  assert.match(await callExport('checked-div', '[-7, 2]'), /^checked-div\(-7, 2\) = \{"ok":-3\} /);
  // 64-bit integers travel as decimal strings (JSON numbers lose them); a loop runs out of the chosen fuel.
  await pickAndWait('wide.component.wasm', await componentBytes(`(component
    (core module $m
      (func (export "id") (param i64) (result i64) (local.get 0))
      (func (export "spin") (loop (br 0))))
    (core instance $i (instantiate $m))
    (func (export "id") (param "x" u64) (result u64) (canon lift (core func $i "id")))
    (func (export "spin") (canon lift (core func $i "spin"))))`), 'ok');
  assert.match(await callExport('id', '["18446744073709551615"]'), /^id\("18446744073709551615"\) = "18446744073709551615" /);
  assert.match(await callExport('id', '[1.5]'), /^id\(1\.5\): x: expected an integer \(u64\)$/);
  assert.match(await callExport('spin', '', 5000), /^spin\(\): out of fuel after 5000 instructions$/);
  // A function import is stubbed by a trap; the instance it trapped in is replaced for the next call.
  await pickAndWait('imports.component.wasm', await componentBytes(`(component
    (import "tick" (func $tick (result u32)))
    (core func $t (canon lower (func $tick)))
    (core module $m (import "h" "tick" (func $tick (result i32))) (func (export "run") (result i32) (call $tick)))
    (core instance $i (instantiate $m (with "h" (instance (export "tick" (func $t))))))
    (func (export "run") (result u32) (canon lift (core func $i "run"))))`), 'ok');
  assert.match((await page.textContent('#imports')) ?? '', /import tick: func\(\) -> u32 \(stub: traps when called\)/);
  assert.match(await callExport('run', ''), /^run\(\): Trap: host: import tick is not provided by the page$/);
  // The preamble decides: a component is never reported as a malformed core module.
  const empty = await pickAndWait('empty.component.wasm', new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]), 'ok');
  assert.match(empty, /^empty\.component\.wasm: component, 8 bytes: 0 imports, 0 exports/);
  assert.equal(await page.isDisabled('#run'), true);
  assert.deepEqual(pageErrors, []);
});

test('REQ-EMB-016: the page runs the C MCP example: lists its tools, resources and prompts, calls a tool and shows answer, fuel and traps', async (t) => {
  if (skipWhy !== undefined) return t.skip(skipWhy);
  const wasm = cExampleBytes();
  if ('skip' in wasm) return t.skip(wasm.skip);
  await page.evaluate("document.getElementById('output').replaceChildren()");
  await page.fill('#fuel', '10000000');
  const status = await pickAndWait('c-mcp-stdio.wasm', wasm, 'ok');
  const tools = Number(/ bytes: (\d+) tools, 2 resources, 1 prompts$/.exec(status)?.[1]);
  assert.match(status, /^c-mcp-stdio\.wasm: MCP server \(WASI preview 1, stdio\), \d+ bytes: /);
  assert.ok(tools >= 8, status);
  const rows = await page.locator('#exports tbody tr').allTextContents();
  assert.deepEqual(rows.slice(0, 2), ['addtool{a: number, b: number} Adds two numbers', 'echotool{text: string} Returns its text']);
  assert.deepEqual(rows.slice(tools), ['notes://readmeresourcereadme (text/plain)', 'notes://limitsresourcelimits (text/plain)', 'greetprompt{name: string} Greets someone']);
  assert.match((await page.textContent('#imports')) ?? '', /import wasi_snapshot_preview1\.fd_read \(WASI preview 1, in the page\)/);
  assert.match(await callExport('tool:add', '{"a": 2, "b": 40}'), /^tool add \{"a": 2, "b": 40\} = 42 \(fuel used: [1-9]\d*\)$/);
  assert.match(await callExport('tool:echo', '{"text": "héllo"}'), /^tool echo \{"text": "héllo"\} = héllo \(fuel used: \d+\)$/);
  assert.match(await callExport('resource:notes://limits', ''), /^read notes:\/\/limits = fuel, memory and time are capped \(fuel used: \d+\)$/);
  assert.match(await callExport('prompt:greet', '{"name": "Ada"}'), /^prompt greet \{"name": "Ada"\} = user: Say hello to Ada\. \(fuel used: \d+\)$/);
  assert.match(await callExport('tool:crash', ''), /^tool crash \{\}: sandbox stopped the tool \(trap\): trap: unreachable/);
  assert.match(await callExport('tool:add', '{"a": 2}'), /^tool add \{"a": 2\}: a and b must be numbers$/);
  assert.match(await callExport('tool:add', 'not json'), /^tool add not json: SyntaxError: /);
  // After the trap the host started a fresh instance; the guest's stderr and notifications are shown.
  assert.match(await callExport('tool:log', '{"text": "hi"}'), /= logged /);
  const logs = await page.locator('#output li.log').allTextContents();
  assert.ok(logs.includes('stderr: c-mcp-stdio: tools/call'), logs.join('\n'));
  assert.ok(logs.some((l) => l.startsWith('notification notifications/message ') && l.includes('"data":"hi"')), logs.join('\n'));
  await page.screenshot({ path: join(dir, 'screenshot.png'), fullPage: true });
  assert.ok(existsSync(join(dir, 'screenshot.png')));
  assert.match(await callExport('tool:spin', '', 2_000_000), /^tool spin \{\}: out of fuel after 2000000 instructions$/);
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(pageErrors, []);
});

test('REQ-EMB-018: the page runs the C WASI-MCP component example through the host\'s WasiMcpGuest: lists, calls a tool, reads a resource, shows a trap', async (t) => {
  if (skipWhy !== undefined) return t.skip(skipWhy);
  await page.evaluate("document.getElementById('output').replaceChildren()");
  await page.fill('#fuel', '10000000');
  const status = await pickAndWait('notes.wasm', notesBytes(), 'ok');
  assert.match(status, /^notes\.wasm: MCP server \(WASI-MCP component\), \d+ bytes: \d+ tools, \d+ resources, 2 prompts$/);
  const rows = await page.locator('#exports tbody tr').allTextContents();
  assert.ok(rows.some((r) => r.startsWith('addtool{')), rows.join('\n'));
  assert.ok(rows.some((r) => r.startsWith('greetprompt{name: string}')), rows.join('\n'));
  assert.match((await page.textContent('#imports')) ?? '', /import wasi:mcp\/runtime@0\.1\.0 \(provided by the page's host\)/);
  assert.match(await callExport('tool:add', '{"a": 2, "b": 40}'), /^tool add \{"a": 2, "b": 40\} = 42 \(fuel used: not measured\)$/);
  assert.match(await callExport('prompt:greet', '{"name": "Ada"}'), /^prompt greet \{"name": "Ada"\} = user: .*Ada/);
  assert.match(await callExport('tool:crash', ''), /^tool crash \{\}: sandbox stopped the tool \(trap\): trap: /);
  assert.match(await callExport('tool:add', '{"a": 1, "b": 1}'), /= 2 /);
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(pageErrors, []);
});
