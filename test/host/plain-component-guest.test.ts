/**
 * Guest kind 2 at the host level: the C plain component example (examples/c-plain-component) and
 * small components written in the component text format (compiled with jco's wasm-tools).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { McpWrtHost, PolicyError, GuestRpcError } from '../../src/host/index.js';
import type { McpGuest, ToolResult } from '../../src/host/guest.js';
import { PlainComponentGuest, toolName } from '../../src/host/plain-component-guest.js';
import { schemaProblems } from '../../src/mcp/schema-check.js';
import { componentBytes } from '../component/instantiate/wat.js';
import { plainBytes } from './component-examples.js';

const SANDBOX_DEMO = `(component
  (core module $m
    (func (export "loop") (loop $l (br $l)))
    (func (export "boom") unreachable)
    (func (export "ok") (result i32) i32.const 7)
    (func (export "drop") (param i32)))
  (core instance $i (instantiate $m))
  (type $r (resource (rep i32)))
  (export $thing "thing" (type $r))
  (func (export "spin") (canon lift (core func $i "loop")))
  (func (export "boom") (canon lift (core func $i "boom")))
  (func (export "seven") (result u8) (canon lift (core func $i "ok")))
  (func (export "take") (param "t" (own $thing)) (canon lift (core func $i "drop"))))`;

let demo: Uint8Array;
before(async () => {
  demo = await componentBytes(SANDBOX_DEMO);
});

function plain(): McpGuest {
  return McpWrtHost.create().load(plainBytes(), {}, 'plain');
}

const text = (r: ToolResult): string => r.content.map((c) => String(c['text'])).join('');

test('REQ-HOST-PLAIN-001: every exported function becomes a tool named from its qualified export name, with schemas from its WIT types', async () => {
  const g = plain();
  assert.equal(g.kind, 'component');
  assert.deepEqual(await g.capabilities(), { tools: true, resources: false, prompts: false, completions: false });
  const tools = await g.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), [
    'checked-div', 'example_plain_geometry_area', 'example_plain_geometry_centroid', 'example_plain_geometry_convert',
    'example_plain_geometry_scale', 'example_plain_text_describe',
  ]);
  const convert = tools.find((t) => t.name === 'example_plain_geometry_convert')!;
  assert.equal(convert.description, 'example:plain/geometry@0.1.0#convert: func(value: f64, from: enum { mm, cm, m }, to: enum { mm, cm, m }) -> f64');
  assert.deepEqual(convert.inputSchema['required'], ['value', 'from', 'to']);
  assert.deepEqual((convert.inputSchema['properties'] as Record<string, unknown>)['from'], { type: 'string', enum: ['mm', 'cm', 'm'] });
  assert.equal(toolName('example:plain/geometry@0.1.0#area'), 'example_plain_geometry_area');
  // The server's own check (ajv) accepts good arguments and names the path of bad ones.
  const describe = tools.find((t) => t.name === 'example_plain_text_describe')!;
  const good = { name: 'Ada', initial: 'Å', age: 36, big: '18446744073709551615', tags: ['x'], style: ['bold'] };
  assert.deepEqual(schemaProblems(describe.inputSchema, good), []);
  assert.ok(schemaProblems(describe.inputSchema, { ...good, age: 256 }).some((p) => p.startsWith('/age')));
  assert.ok(schemaProblems(describe.inputSchema, { ...good, style: ['bold', 'shiny'] }).some((p) => p.startsWith('/style/1')));
});

test('REQ-HOST-PLAIN-001: calls take JSON arguments of every WIT kind and return structuredContent matching the outputSchema', async () => {
  const g = plain();
  const tools = new Map((await g.listTools()).map((t) => [t.name, t]));
  const call = async (name: string, args: Record<string, unknown>, expected: unknown): Promise<ToolResult> => {
    const r = await g.callTool(name, args);
    assert.deepEqual(r.structuredContent, { result: expected }, name);
    assert.deepEqual(schemaProblems(tools.get(name)!.outputSchema, r.structuredContent), [], `${name} output conforms`);
    return r;
  };
  await call('example_plain_geometry_area', { shape: { rectangle: { width: 3, height: 4 } } }, 12);
  await call('example_plain_geometry_area', { shape: { square: 1.5 } }, 2.25);
  await call('example_plain_geometry_centroid', { points: [{ x: 0, y: 0 }, { x: 2, y: 4 }] }, { x: 1, y: 2 });
  await call('example_plain_geometry_centroid', { points: [] }, null);
  await call('example_plain_geometry_scale', { p: { x: 1, y: 2 }, factor: 2.5 }, { x: 2.5, y: 5 });
  await call('example_plain_geometry_convert', { value: 150, from: 'cm', to: 'm' }, 1.5);
  const line = await call('example_plain_text_describe', { name: 'Ada', initial: 'Å', age: 36, big: '18446744073709551615', tags: ['math', 'engines'], style: ['bold', 'underline'] },
    'Ada (Å.), 36 years, lucky number 18446744073709551615, style bold underline, tags: math engines');
  assert.equal(text(line), 'Ada (Å.), 36 years, lucky number 18446744073709551615, style bold underline, tags: math engines');
  const ok = await call('checked-div', { a: 7, b: 2 }, { ok: 3 });
  assert.equal(ok.isError, false);
  const err = await call('checked-div', { a: 7, b: 0 }, { err: 'division by zero' });
  assert.equal(err.isError, true, 'a top-level result err is an error result');
});

test('REQ-HOST-PLAIN-002: arguments that do not fit the WIT types are invalid-params errors naming the path; nothing runs', async () => {
  const g = plain();
  const bad = async (name: string, args: Record<string, unknown>, message: RegExp): Promise<void> => {
    await assert.rejects(g.callTool(name, args), (e: unknown) => e instanceof GuestRpcError && e.code === -32602 && message.test(e.message));
  };
  await bad('checked-div', { a: 7, b: 2.5 }, /b: expected an integer \(s32\)/);
  await bad('example_plain_text_describe', { name: 'A', initial: 'AB', age: 1, big: 1, tags: [], style: [] }, /initial: expected a string of one character/);
  await bad('example_plain_text_describe', { name: 'A', initial: 'A', age: 1, big: '18446744073709551616', tags: [], style: [] }, /big: 18446744073709551616 is out of range for u64/);
  await bad('example_plain_geometry_area', { shape: { hexagon: 1 } }, /shape: unknown case "hexagon"/);
  await bad('example_plain_geometry_scale', { p: { x: 1 }, factor: 1 }, /p\.y: is required/);
  await bad('nope', {}, /unknown tool: nope/);
});

test('REQ-HOST-PLAIN-002: a function whose types include a resource handle is not offered, and the reason is kept', async () => {
  const g = McpWrtHost.create().load(demo, {}, 'demo') as PlainComponentGuest;
  assert.deepEqual((await g.listTools()).map((t) => t.name), ['spin', 'boom', 'seven']);
  assert.deepEqual(g.skipped, [{ export: 'take', reason: 't: a resource handle (own) has no JSON form' }]);
});

test('REQ-HOST-PLAIN-003: in a plain component an endless loop times out and a trap is an error result; the next call succeeds', async () => {
  const audit: Record<string, unknown>[] = [];
  const g = McpWrtHost.create({ executionTimeout: 200, fuel: 1e13, audit: (l) => audit.push(JSON.parse(l)) }).load(demo, {}, 'demo') as PlainComponentGuest;
  const spin = await g.callTool('spin', {});
  assert.equal(spin.isError, true);
  assert.match(text(spin), /\(timeout\)/);
  assert.deepEqual((await g.callTool('seven', {})).structuredContent, { result: 7 });
  const boom = await g.callTool('boom', {});
  assert.match(text(boom), /\(trap\).*unreachable/);
  assert.deepEqual((await g.callTool('seven', {})).structuredContent, { result: 7 });
  assert.equal(g.sandbox.instancesCreated, 3);
  assert.deepEqual(audit.filter((a) => a['op'] === 'tools/call').map((a) => a['reason'] ?? a['outcome']), ['timeout', 'ok', 'trap', 'ok']);
});

test('REQ-HOST-PLAIN-003: a plain component importing what the host cannot provide is refused at load, naming every such import', async () => {
  const bytes = await componentBytes(`(component
    (import "host-fn" (func))
    (import "wasi:http/outgoing-handler@0.2.0" (instance (export "handle" (func)))))`);
  assert.throws(() => McpWrtHost.create().load(bytes, {}, 'x'), (e: unknown) =>
    e instanceof PolicyError && e.imports.join() === 'host-fn,wasi:http/outgoing-handler@0.2.0' && /imports not allowed by the policy/.test(e.message));
  assert.throws(() => McpWrtHost.create({ allowedImports: ['*'] }).load(bytes, {}, 'x'), (e: unknown) =>
    e instanceof PolicyError && /cannot provide to a plain component: host-fn, wasi:http\/outgoing-handler@0\.2\.0/.test(e.message));
});
