/**
 * Differential tests against an independent encoder: the wasm-tools text parser shipped in
 * @bytecodealliance/jco (`parse(text): Promise<Uint8Array>`), a dev dependency. Skipped when the
 * package is not installed.
 */

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSExprs, type SExpr } from '../../../spec-tests/sexpr.js';
import { decodeComponent, type Definition } from '../../../src/component/index.js';
import { DecodeError } from '../../../src/core/errors.js';
import { componentTestDir } from './reference.js';

type Parse = (text: string) => Promise<Uint8Array>;

async function loadParse(): Promise<Parse | undefined> {
  try {
    const mod = (await import('@bytecodealliance/jco')) as { parse?: Parse };
    return typeof mod.parse === 'function' ? mod.parse : undefined;
  } catch {
    return undefined;
  }
}

function isAtom(e: SExpr | undefined, text?: string): e is Extract<SExpr, { kind: 'atom' }> {
  return e !== undefined && e.kind === 'atom' && (text === undefined || e.text === text);
}

/** The text of every `(component ...)` definition of a .wast file (`definition` removed; no binary/quote forms). */
function componentTexts(file: string): { line: number; text: string }[] {
  const src = readFileSync(file);
  const out: { line: number; text: string }[] = [];
  for (const e of readSExprs(src)) {
    if (e.kind !== 'list' || !isAtom(e.items[0], 'component')) continue;
    if (e.items.slice(1, 3).some((x) => isAtom(x, 'instance'))) continue; // wast command `(component instance $i $C)`
    if (e.items.some((x) => isAtom(x, 'binary') || isAtom(x, 'quote'))) continue;
    const def = e.items.find((x) => isAtom(x, 'definition'));
    const text = def === undefined
      ? Buffer.from(src.subarray(e.start, e.end)).toString('utf8')
      : Buffer.from(src.subarray(e.start, def.start)).toString('utf8') + Buffer.from(src.subarray(def.end, e.end)).toString('utf8');
    out.push({ line: e.line, text });
  }
  return out;
}

function wastFiles(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...wastFiles(p));
    else if (p.endsWith('.wast')) out.push(p);
  }
  return out;
}

/** The reasons by which the reference components may be rejected: gated features outside our scope. */
const ALLOWED_UNSUPPORTED = /^unsupported (canonical built-in thread\.|type fixed-length list)/;

test('REQ-CM-BIN-021: components that wasm-tools (jco parse) encodes from the reference .wast texts decode', async (t) => {
  const parse = await loadParse();
  const dir = componentTestDir();
  if (parse === undefined || dir === undefined) {
    t.skip(parse === undefined ? '@bytecodealliance/jco is not installed' : 'reference tests not found');
    return;
  }
  let encoded = 0;
  let decoded = 0;
  let unsupported = 0;
  let notEncodable = 0;
  for (const file of wastFiles(dir)) {
    for (const { line, text } of componentTexts(file)) {
      let bytes: Uint8Array;
      try {
        bytes = await parse(text);
      } catch {
        notEncodable++; // syntax this jco version does not know
        continue;
      }
      encoded++;
      try {
        decodeComponent(bytes);
        decoded++;
      } catch (e) {
        assert.ok(e instanceof DecodeError, `${file}:${line}: ${String(e)}`);
        assert.match(e.reason, ALLOWED_UNSUPPORTED, `${file}:${line}: ${e.reason} at ${e.offset}`);
        unsupported++;
      }
    }
  }
  t.diagnostic(`jco parse: ${encoded} components encoded (${notEncodable} not encodable), ${decoded} decoded, ${unsupported} rejected as unsupported`);
  assert.ok(encoded >= 240, `only ${encoded} components encoded`);
  assert.ok(decoded >= encoded - 12, `${decoded} of ${encoded} decoded`);
});

test('REQ-CM-BIN-021: a component encoded by wasm-tools decodes to the expected plain data', async (t) => {
  const parse = await loadParse();
  if (parse === undefined) {
    t.skip('@bytecodealliance/jco is not installed');
    return;
  }
  const bytes = await parse(`(component
    (type $r (record (field "a" u8) (field "b-c" string)))
    (type $v (variant (case "x" s64) (case "y")))
    (type $l (list $r))
    (type $t (tuple bool char f32 f64))
    (type $f (flags "read" "write"))
    (type $e (enum "low" "high"))
    (type $o (option u16))
    (type $res (result $l (error $e)))
    (type $fn (func (param "req" $r) (result $res)))
    (import "wasi:mcp/handlers@0.1.0" (instance $h (export "call" (func (type $fn)))))
    (import "run" (func $run (type $fn)))
    (export "again" (func $run))
  )`);
  const c = decodeComponent(bytes);
  const kinds = c.definitions.map((d: Definition) => d.kind);
  // wasm-tools hoists the inline instance type into a type definition (index 9) before the import.
  assert.deepEqual(kinds, [...Array<string>(10).fill('type'), 'import', 'import', 'export']);
  const types = c.definitions.flatMap((d) => (d.kind === 'type' ? [d.type] : []));
  assert.deepEqual(types, [
    { kind: 'record', fields: [{ label: 'a', type: 'u8' }, { label: 'b-c', type: 'string' }] },
    { kind: 'variant', cases: [{ label: 'x', type: 's64' }, { label: 'y' }] },
    { kind: 'list', element: 0 },
    { kind: 'tuple', types: ['bool', 'char', 'f32', 'f64'] },
    { kind: 'flags', labels: ['read', 'write'] },
    { kind: 'enum', labels: ['low', 'high'] },
    { kind: 'option', type: 'u16' },
    { kind: 'result', ok: 2, error: 5 },
    { kind: 'func', async: false, params: [{ label: 'req', type: 0 }], result: 7 },
    {
      kind: 'instance',
      decls: [
        { kind: 'alias', alias: { kind: 'outer', sort: 'type', count: 1, index: 8 }, offset: types[9]!.kind === 'instance' ? types[9].decls[0]!.offset : -1 },
        { kind: 'export', name: { name: 'call', form: 0, attributes: [] }, type: { kind: 'func', typeIndex: 0 }, offset: types[9]!.kind === 'instance' ? types[9].decls[1]!.offset : -1 },
      ],
    },
  ]);
  const imp = c.definitions[10]!;
  assert.ok(imp.kind === 'import');
  assert.deepEqual(imp.import, { name: { name: 'wasi:mcp/handlers@0.1.0', form: 0, attributes: [] }, type: { kind: 'instance', typeIndex: 9 } });
  const run = c.definitions[11]!;
  assert.ok(run.kind === 'import');
  assert.deepEqual(run.import, { name: { name: 'run', form: 0, attributes: [] }, type: { kind: 'func', typeIndex: 8 } });
  const exp = c.definitions[12]!;
  assert.ok(exp.kind === 'export');
  assert.deepEqual(exp.export.sortIdx, { sort: 'func', index: 0 });
  assert.equal(exp.export.name.name, 'again');
});
