import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeComponent, type DefType, type Definition } from '../../../src/component/index.js';
import { Prim, Sec, component, decodeFails, externName, funcType, s33, str, vec, vecSection } from './encode.js';

/** Decodes one type section holding `types` and returns the decoded deftypes. */
function types(...encoded: number[][]): DefType[] {
  const c = decodeComponent(component(vecSection(Sec.type, ...encoded)));
  return c.definitions.map((d: Definition) => {
    assert.equal(d.kind, 'type');
    return d.kind === 'type' ? d.type : (undefined as never);
  });
}

test('REQ-CM-BIN-012: every primitive value type decodes by name', () => {
  const names = Object.keys(Prim) as (keyof typeof Prim)[];
  const got = types(...names.map((n) => [Prim[n]]));
  assert.deepEqual(got, names.map((n) => ({ kind: 'primitive', type: n })));
});

test('REQ-CM-BIN-012: record, variant, list, tuple, flags, enum, option', () => {
  const got = types(
    [0x72, ...vec([[...str('a'), Prim.bool], [...str('b'), Prim.u8]])],
    [0x71, ...vec([[...str('x'), 0x01, Prim.s8, 0x00], [...str('y'), 0x00, 0x00]])],
    [0x70, Prim.u16],
    [0x6f, ...vec([[Prim.s16], [Prim.u32]])],
    [0x6e, ...vec([str('f1'), str('f2')])],
    [0x6d, ...vec([str('e1'), str('e2')])],
    [0x6b, Prim.s32],
  );
  assert.deepEqual(got, [
    { kind: 'record', fields: [{ label: 'a', type: 'bool' }, { label: 'b', type: 'u8' }] },
    { kind: 'variant', cases: [{ label: 'x', type: 's8' }, { label: 'y' }] },
    { kind: 'list', element: 'u16' },
    { kind: 'tuple', types: ['s16', 'u32'] },
    { kind: 'flags', labels: ['f1', 'f2'] },
    { kind: 'enum', labels: ['e1', 'e2'] },
    { kind: 'option', type: 's32' },
  ]);
});

test('REQ-CM-BIN-012: the four result forms, own, borrow, stream, future and map', () => {
  const got = types(
    [0x3f, 0x7f, 0x00],
    [0x6a, 0x00, 0x00],
    [0x6a, 0x01, Prim.u64, 0x00],
    [0x6a, 0x00, 0x01, Prim.s64],
    [0x6a, 0x01, Prim.f32, 0x01, Prim.f64],
    [0x69, 0x00],
    [0x68, 0x00],
    [0x66, 0x01, Prim.u8],
    [0x66, 0x00],
    [0x65, 0x01, Prim.string],
    [0x65, 0x00],
    [0x63, Prim.string, Prim.u32],
  );
  assert.deepEqual(got.slice(1), [
    { kind: 'result' },
    { kind: 'result', ok: 'u64' },
    { kind: 'result', error: 's64' },
    { kind: 'result', ok: 'f32', error: 'f64' },
    { kind: 'own', typeIndex: 0 },
    { kind: 'borrow', typeIndex: 0 },
    { kind: 'stream', element: 'u8' },
    { kind: 'stream' },
    { kind: 'future', element: 'string' },
    { kind: 'future' },
    { kind: 'map', key: 'string', value: 'u32' },
  ]);
});

test('REQ-CM-BIN-012: a valtype that is not primitive is a type index (non-negative SLEB128)', () => {
  const got = types([Prim.string], [0x70, 0x00], [0x70, ...s33(100)], [0x70, ...s33(70000)]);
  assert.deepEqual(got.slice(1), [
    { kind: 'list', element: 0 },
    { kind: 'list', element: 100 },
    { kind: 'list', element: 70000 },
  ]);
  // 0x64 as a single byte is a negative SLEB128 (error-context), not index 100.
  assert.deepEqual(s33(100), [0xe4, 0x00]);
  // A single-byte opcode that is no primitive type is not a valtype.
  decodeFails(component(vecSection(Sec.type, [0x70, 0x72])), /invalid leading byte \(0x72\) for value type/, 12);
});

test('REQ-CM-BIN-013: function types: params, one result or none, async', () => {
  const got = types(
    funcType([]),
    funcType([['p', [Prim.bool]]], [Prim.u32]),
    funcType([['a', [Prim.string]], ['b', [0x00]]], undefined, true),
  );
  assert.deepEqual(got, [
    { kind: 'func', async: false, params: [] },
    { kind: 'func', async: false, params: [{ label: 'p', type: 'bool' }], result: 'u32' },
    { kind: 'func', async: true, params: [{ label: 'a', type: 'string' }, { label: 'b', type: 0 }] },
  ]);
  decodeFails(component(vecSection(Sec.type, [0x40, 0x00, 0x01, 0x01])), /invalid leading byte \(0x1\) for number of results/, 14);
  decodeFails(component(vecSection(Sec.type, [0x40, 0x00, 0x02, 0x00])), /invalid leading byte \(0x2\) for component function results/, 13);
});

test('REQ-CM-BIN-013: resource types with and without a destructor', () => {
  const got = types([0x3f, 0x7f, 0x00], [0x3f, 0x7f, 0x01, 0x05]);
  assert.deepEqual(got, [{ kind: 'resource', rep: 0x7f }, { kind: 'resource', rep: 0x7f, dtor: 5 }]);
  decodeFails(component(vecSection(Sec.type, [0x3f, 0x7f, 0x02])), /invalid leading byte \(0x2\) for resource destructor/);
  decodeFails(component(vecSection(Sec.type, [0x3f, 0x40, 0x00])), /malformed value type/);
});

test('REQ-CM-BIN-013: component types with every declarator kind', () => {
  const got = types([
    0x41, ...vec([
      [0x01, Prim.string],                                  // type
      [0x03, ...externName('a'), 0x03, 0x00, 0x00],         // import (type (eq 0))
      [0x01, ...funcType([])],                              // type: (func)
      [0x04, ...externName('b'), 0x01, 0x02],               // export (func (type 2))
      [0x00, 0x60, 0x00, 0x00],                             // core type
      [0x02, 0x03, 0x02, 0x01, 0x00],                       // alias outer 1 0 (type)
      [0x03, ...externName('r'), 0x03, 0x01],               // import (type (sub resource))
      [0x03, ...externName('m'), 0x00, 0x11, 0x00],         // import (core module (type 0))
      [0x03, ...externName('c'), 0x04, 0x00],               // import (component (type 0))
      [0x04, ...externName('i'), 0x05, 0x00],               // export (instance (type 0))
    ]),
  ]);
  const n = (name: string) => ({ name, form: 0, attributes: [] });
  assert.deepEqual(got, [{
    kind: 'component',
    decls: [
      { kind: 'type', type: { kind: 'primitive', type: 'string' }, offset: 13 },
      { kind: 'import', name: n('a'), type: { kind: 'type', bound: { kind: 'eq', typeIndex: 0 } }, offset: 15 },
      { kind: 'type', type: { kind: 'func', async: false, params: [] }, offset: 22 },
      { kind: 'export', name: n('b'), type: { kind: 'func', typeIndex: 2 }, offset: 27 },
      { kind: 'core type', type: { kind: 'func', type: { params: [], results: [] } }, offset: 33 },
      { kind: 'alias', alias: { kind: 'outer', sort: 'type', count: 1, index: 0 }, offset: 37 },
      { kind: 'import', name: n('r'), type: { kind: 'type', bound: { kind: 'sub-resource' } }, offset: 42 },
      { kind: 'import', name: n('m'), type: { kind: 'core module', typeIndex: 0 }, offset: 48 },
      { kind: 'import', name: n('c'), type: { kind: 'component', typeIndex: 0 }, offset: 55 },
      { kind: 'export', name: n('i'), type: { kind: 'instance', typeIndex: 0 }, offset: 61 },
    ],
  }]);
});

test('REQ-CM-BIN-013: instance types reject import declarators; bad declarators and bounds are malformed', () => {
  const got = types([0x42, ...vec([[0x04, ...externName('t'), 0x03, 0x01]])]);
  assert.deepEqual(got, [{ kind: 'instance', decls: [{ kind: 'export', name: { name: 't', form: 0, attributes: [] }, type: { kind: 'type', bound: { kind: 'sub-resource' } }, offset: 13 } ] }]);
  decodeFails(component(vecSection(Sec.type, [0x42, 0x01, 0x03, ...externName('a'), 0x03, 0x01])),
    /invalid leading byte \(0x3\) for component or instance type declaration/, 13);
  decodeFails(component(vecSection(Sec.type, [0x41, 0x01, 0x05, Prim.string])),
    /invalid leading byte \(0x5\) for component or instance type declaration/, 13);
  decodeFails(component(vecSection(Sec.type, [0x41, 0x01, 0x03, ...externName('t'), 0x03, 0x02])), /invalid leading byte \(0x2\) for type bound/);
  decodeFails(component(vecSection(Sec.type, [0x41, 0x01, 0x03, ...externName('x'), 0x06, 0x00])), /invalid leading byte \(0x6\) for component external kind/);
  decodeFails(component(vecSection(Sec.type, [0x41, 0x01, 0x03, ...externName('m'), 0x00, 0x00])), /invalid leading byte \(0x0\) for component external kind/);
});

test('REQ-CM-BIN-019: unallocated type opcodes are malformed, with the opcode and its offset', () => {
  for (const op of [0x62, 0x44, 0x3e, 0x00, 0x01, 0x60]) {
    decodeFails(component(vecSection(Sec.type, [op])), new RegExp(`invalid leading byte \\(0x${op.toString(16)}\\) for component defined type`), 11);
  }
});

test('REQ-CM-BIN-019: a variant case must end with a zero byte; optional immediates are 0x00 or 0x01', () => {
  decodeFails(component(vecSection(Sec.type, [0x71, 0x01, ...str('c'), 0x00, 0x01])), /invalid leading byte \(0x1\) for zero byte required/, 16);
  decodeFails(component(vecSection(Sec.type, [0x71, 0x01, ...str('c'), 0x02])), /invalid leading byte \(0x2\) for variant case type/, 15);
  decodeFails(component(vecSection(Sec.type, [0x6a, 0x02])), /invalid leading byte \(0x2\) for optional value type/, 12);
});

test('REQ-CM-BIN-017: fixed-length lists (🔧) and error-context (📝) are rejected as unsupported', () => {
  decodeFails(component(vecSection(Sec.type, [0x67, Prim.u8, 0x03])), /^unsupported type fixed-length list/, 11);
  decodeFails(component(vecSection(Sec.type, [0x64])), /^unsupported type error-context/, 11);
  decodeFails(component(vecSection(Sec.type, [0x70, 0x64])), /^unsupported type error-context/, 12);
  decodeFails(component(vecSection(Sec.type, [0x41, 0x01, 0x03, ...externName('v'), 0x02, 0x01, Prim.u8])), /^unsupported value extern type/);
});
