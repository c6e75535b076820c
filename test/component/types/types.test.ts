import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResourceType, type CFuncType, type CType } from '../../../src/component/abi/types.js';
import { renderFuncType, renderValType, renderWorld } from '../../../src/component/types/render.js';
import type { ExternT, InstanceType } from '../../../src/component/types/resolved.js';
import { aliasResource, canonicalResource, openInstanceType, substValType } from '../../../src/component/types/substitute.js';
import { componentSubtype, instanceSubtype, valTypeEqual } from '../../../src/component/types/subtype.js';

const none = new Map<ResourceType, ResourceType>();

test('REQ-CM-TYPE-001: value types are compared structurally, resources by identity', () => {
  const a: CType = { kind: 'record', fields: [{ name: 'x', type: { kind: 'list', elem: { kind: 'u8' } } }] };
  const b: CType = { kind: 'record', fields: [{ name: 'x', type: { kind: 'list', elem: { kind: 'u8' } } }] };
  const c: CType = { kind: 'record', fields: [{ name: 'y', type: { kind: 'list', elem: { kind: 'u8' } } }] };
  assert.ok(valTypeEqual(a, b, none));
  assert.ok(!valTypeEqual(a, c, none));
  const r1 = new ResourceType('r', null);
  const r2 = new ResourceType('r', null);
  assert.ok(valTypeEqual({ kind: 'own', resource: r1 }, { kind: 'own', resource: r1 }, none));
  assert.ok(!valTypeEqual({ kind: 'own', resource: r1 }, { kind: 'own', resource: r2 }, none));
  assert.ok(!valTypeEqual({ kind: 'own', resource: r1 }, { kind: 'borrow', resource: r1 }, none));
});

test('REQ-CM-TYPE-002: an alias of a resource (an import/export of it) is the same type', () => {
  const r = new ResourceType('r', null);
  const a = aliasResource(r);
  const aa = aliasResource(a);
  assert.notEqual(a, r);
  assert.equal(canonicalResource(aa), r);
  assert.ok(valTypeEqual({ kind: 'own', resource: aa }, { kind: 'own', resource: r }, none));
});

test('REQ-CM-TYPE-003: substitution replaces abstract resources and leaves resource-free types untouched', () => {
  const t = new ResourceType('t', null);
  const u = new ResourceType('u', null);
  const s = new Map([[t, u]]);
  const ty: CType = { kind: 'list', elem: { kind: 'own', resource: t } };
  assert.deepEqual(substValType(ty, s), { kind: 'list', elem: { kind: 'own', resource: u } });
  const plain: CType = { kind: 'list', elem: { kind: 'string' } };
  assert.equal(substValType(plain, s), plain);
});

test('REQ-CM-TYPE-004: instance subtyping: more exports is a subtype; abstract resources bind once', () => {
  const f: ExternT = { kind: 'func', type: { params: [] } };
  const big: InstanceType = { exports: new Map([['a', f], ['b', f]]), binders: [] };
  const small: InstanceType = { exports: new Map([['a', f]]), binders: [] };
  assert.equal(instanceSubtype(big, small, new Map()), undefined);
  assert.match(instanceSubtype(small, big, new Map()) ?? '', /missing export/);
  // (instance (export "t" (type (sub resource))) (export "f" (func (param "x" (own t)))))
  const bt = new ResourceType('t', null);
  const want: InstanceType = {
    exports: new Map<string, ExternT>([
      ['t', { kind: 'type', def: { kind: 'resource', resource: bt } }],
      ['f', { kind: 'func', type: { params: [{ name: 'x', type: { kind: 'own', resource: bt } }] } }],
    ]),
    binders: [bt],
  };
  const r = new ResourceType('r', null);
  const other = new ResourceType('o', null);
  const good: InstanceType = {
    exports: new Map<string, ExternT>([
      ['t', { kind: 'type', def: { kind: 'resource', resource: r } }],
      ['f', { kind: 'func', type: { params: [{ name: 'x', type: { kind: 'own', resource: r } }] } }],
    ]),
    binders: [],
  };
  const bad: InstanceType = {
    exports: new Map<string, ExternT>([
      ['t', { kind: 'type', def: { kind: 'resource', resource: r } }],
      ['f', { kind: 'func', type: { params: [{ name: 'x', type: { kind: 'own', resource: other } }] } }],
    ]),
    binders: [],
  };
  assert.equal(instanceSubtype(good, want, new Map()), undefined);
  assert.match(instanceSubtype(bad, want, new Map()) ?? '', /type mismatch/);
  // Each import of an instance type gets fresh abstract resources.
  const o1 = openInstanceType(want);
  const o2 = openInstanceType(want);
  const d1 = o1.exports.get('t');
  const d2 = o2.exports.get('t');
  assert.ok(d1?.kind === 'type' && d1.def.kind === 'resource' && d2?.kind === 'type' && d2.def.kind === 'resource');
  assert.notEqual(d1.def.resource, d2.def.resource);
});

test('REQ-CM-TYPE-005: component subtyping: fewer imports and more exports', () => {
  const f: ExternT = { kind: 'func', type: { params: [] } };
  const c1 = { imports: new Map([['a', f]]), exports: new Map([['x', f], ['y', f]]), importBinders: [], exportBinders: [] };
  const c2 = { imports: new Map([['a', f], ['b', f]]), exports: new Map([['x', f]]), importBinders: [], exportBinders: [] };
  assert.equal(componentSubtype(c1, c2, new Map()), undefined);
  assert.notEqual(componentSubtype(c2, c1, new Map()), undefined);
});

test('REQ-CM-TYPE-006: WIT rendering of value, function and world types', () => {
  const r = new ResourceType('', null);
  const ft: CFuncType = {
    params: [
      { name: 'name', type: { kind: 'string' } },
      { name: 'opts', type: { kind: 'option', type: { kind: 'list', elem: { kind: 'tuple', types: [{ kind: 'u8' }, { kind: 'char' }] } } } },
      { name: 'self', type: { kind: 'borrow', resource: r } },
    ],
    result: { kind: 'result', ok: { kind: 'own', resource: r }, err: { kind: 'enum', names: ['a', 'b'] } },
  };
  const names = new Map([[r, 'conn']]);
  assert.equal(renderFuncType(ft, names),
    'func(name: string, opts: option<list<tuple<u8, char>>>, self: borrow<conn>) -> result<conn, enum { a, b }>');
  assert.equal(renderValType({ kind: 'result' }), 'result');
  assert.equal(renderValType({ kind: 'result', err: { kind: 'u32' } }), 'result<_, u32>');
  assert.equal(renderValType({ kind: 'flags', names: ['x'] }), 'flags { x }');
  const world = renderWorld({
    imports: new Map<string, ExternT>([['wasi:mcp/handlers@0.1.0', { kind: 'instance', type: { exports: new Map<string, ExternT>([['conn', { kind: 'type', def: { kind: 'resource', resource: r } }], ['f', { kind: 'func', type: ft }]]), binders: [] } }]]),
    exports: new Map<string, ExternT>([['run', { kind: 'func', type: { params: [] } }]]),
    importBinders: [], exportBinders: [],
  }, 'mcp');
  assert.equal(world, [
    'world mcp {',
    '  import wasi:mcp/handlers@0.1.0: interface {',
    '    conn: resource;',
    '    f: func(name: string, opts: option<list<tuple<u8, char>>>, self: borrow<conn>) -> result<conn, enum { a, b }>;',
    '  };',
    '  export run: func();',
    '}',
    '',
  ].join('\n'));
});
