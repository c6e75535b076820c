/**
 * Resource substitution through every kind of value type and extern, and WIT rendering of every kind:
 * a substitution rebuilds exactly the parts that mention a substituted resource and returns every other
 * part as the same object; rendering names each kind as WIT writes it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResourceType, type CFuncType, type CType } from '../../../src/component/abi/types.js';
import { renderValType, renderWorld } from '../../../src/component/types/render.js';
import type { ComponentType, ExternT, InstanceType } from '../../../src/component/types/resolved.js';
import { substExtern, substTypeDef, substValType } from '../../../src/component/types/substitute.js';

const r = new ResourceType('r', null);
const host = new ResourceType('host', null);
const other = new ResourceType('other', null);
const s = new Map([[r, host]]);
const none = new Map<ResourceType, ResourceType>();
const own = (x: ResourceType): CType => ({ kind: 'own', resource: x });
const u32: CType = { kind: 'u32' };

/** One value type of each compound kind, each with a resource inside (`x`) or without. */
function compounds(x: CType | undefined): CType[] {
  const inner = x ?? u32;
  return [
    { kind: 'option', type: inner },
    { kind: 'record', fields: [{ name: 'a', type: u32 }, { name: 'b', type: inner }] },
    { kind: 'tuple', types: [u32, inner] },
    { kind: 'variant', cases: [{ name: 'none' }, { name: 'some', type: inner }] },
    { kind: 'result', ok: inner },
    { kind: 'result', err: inner },
    { kind: 'result' },
    { kind: 'borrow', resource: x === undefined ? other : r },
  ];
}

test('REQ-CM-TYPE-003: substitution rebuilds every compound kind that mentions the resource and keeps the rest as the same object', () => {
  for (const t of compounds(own(r))) {
    const out = substValType(t, s);
    if (t.kind === 'result' && t.ok === undefined && t.err === undefined) {
      assert.equal(out, t, 'a result without payloads has nothing to substitute');
      continue;
    }
    assert.notEqual(out, t, `${t.kind} was rebuilt`);
    assert.match(JSON.stringify(out, (_k, v: unknown) => (v instanceof ResourceType ? `<${v.name}>` : v)), /<host>/, `${t.kind} names the host resource`);
    assert.doesNotMatch(JSON.stringify(out, (_k, v: unknown) => (v instanceof ResourceType ? `<${v.name}>` : v)), /<r>/, `${t.kind} no longer names r`);
  }
  for (const t of compounds(undefined)) assert.equal(substValType(t, s), t, `${t.kind} without r is untouched`);
  for (const t of compounds(own(r))) assert.equal(substValType(t, none), t, 'the empty substitution changes nothing');
  // A variant case without payload and one with a resource-free payload stay as they are.
  const v = substValType({ kind: 'variant', cases: [{ name: 'a' }, { name: 'b', type: u32 }, { name: 'c', type: own(r) }] }, s) as unknown as { cases: { type?: CType }[] };
  assert.equal(v.cases[0]!.type, undefined);
  assert.equal(v.cases[1]!.type, u32);
});

test('REQ-CM-TYPE-003: substitution reaches functions, resources, instances and components inside type definitions and externs', () => {
  const fn: CFuncType = { params: [{ name: 'x', type: own(r) }], result: own(r) };
  const inst: InstanceType = { exports: new Map<string, ExternT>([['f', { kind: 'func', type: fn }], ['t', { kind: 'type', def: { kind: 'resource', resource: r } }]]), binders: [] };
  const comp: ComponentType = { imports: new Map<string, ExternT>([['i', { kind: 'instance', type: inst }]]), exports: new Map(), importBinders: [], exportBinders: [] };
  const hostNamed = (x: unknown): boolean => JSON.stringify(x, (_k, v: unknown) => (v instanceof ResourceType ? `<${v.name}>` : v instanceof Map ? [...v] : v)).includes('<host>');
  for (const d of [{ kind: 'func', type: fn }, { kind: 'resource', resource: r }, { kind: 'instance', type: inst }, { kind: 'component', type: comp }, { kind: 'value', type: own(r) }] as const) {
    const out = substTypeDef(d, s);
    assert.ok(hostNamed(out), `type definition ${d.kind}`);
    assert.equal(substTypeDef(d, none), d);
  }
  for (const x of [{ kind: 'func', type: fn }, { kind: 'instance', type: inst }, { kind: 'component', type: comp }, { kind: 'type', def: { kind: 'value', type: own(r) } }] as const) {
    assert.ok(hostNamed(substExtern(x, s)), `extern ${x.kind}`);
  }
  const mod: ExternT = { kind: 'core module', type: { imports: [], exports: new Map() } };
  assert.equal(substExtern(mod, s), mod, 'core modules have no component resources');
  assert.equal(substExtern(mod, none), mod);
});

test('REQ-CM-TYPE-006: WIT rendering of records, variants, results with one payload, type imports and nested components and modules', () => {
  assert.equal(renderValType({ kind: 'record', fields: [{ name: 'a', type: u32 }, { name: 'b', type: { kind: 'string' } }] }), 'record { a: u32, b: string }');
  assert.equal(renderValType({ kind: 'variant', cases: [{ name: 'none' }, { name: 'some', type: u32 }] }), 'variant { none, some(u32) }');
  assert.equal(renderValType({ kind: 'result', ok: u32 }), 'result<u32>');
  assert.equal(renderValType({ kind: 'result', ok: u32, err: u32 }), 'result<u32, u32>');
  const anonymous = new ResourceType('', null);
  assert.equal(renderValType(own(anonymous)), 'resource', 'an unnamed resource with no label');
  assert.equal(renderValType(own(r)), 'r', 'a resource with no label is called by its own name');
  const world = renderWorld({
    imports: new Map<string, ExternT>([
      ['res', { kind: 'type', def: { kind: 'resource', resource: r } }],
      ['again', { kind: 'type', def: { kind: 'resource', resource: r } }],
      ['num', { kind: 'type', def: { kind: 'value', type: u32 } }],
      ['fty', { kind: 'type', def: { kind: 'func', type: { params: [] } } }],
      ['empty', { kind: 'instance', type: { exports: new Map(), binders: [] } }],
    ]),
    exports: new Map<string, ExternT>([
      ['use', { kind: 'func', type: { params: [{ name: 'x', type: own(r) }] } }],
      ['c', { kind: 'component', type: { imports: new Map(), exports: new Map(), importBinders: [], exportBinders: [] } }],
      ['m', { kind: 'core module', type: { imports: [{ module: 'env', name: 'mem', type: { kind: 'memory', type: { limits: { min: 1 } } } }], exports: new Map() } }],
    ]),
    importBinders: [], exportBinders: [],
  });
  assert.equal(world, [
    'world component {',
    '  import res: resource;',
    '  import again: resource;',
    '  import num: type u32;',
    '  import fty: type func;',
    '  import empty: interface {',
    '  };',
    '  export use: func(x: res);',
    '  export c: component;',
    '  export m: core module (imports: env::mem: memory);',
    '}',
    '',
  ].join('\n'));
});
