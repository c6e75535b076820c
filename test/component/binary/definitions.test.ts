import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_NESTING, decodeComponent, type Definition } from '../../../src/component/index.js';
import {
  CORE_PREAMBLE, EMPTY_CORE_MODULE, PREAMBLE, Prim, Sec, component, componentBytes, decodeFails, externName,
  externNameWith, funcType, section, str, u32, vec, vecSection,
} from './encode.js';

function defs(bytes: Uint8Array): readonly Definition[] {
  return decodeComponent(bytes).definitions;
}

test('REQ-CM-BIN-006: a core module section keeps a copy of the module bytes, undecoded', () => {
  const module = [...CORE_PREAMBLE, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00];
  const bytes = component(section(Sec.coreModule, module));
  const d = defs(bytes);
  assert.equal(d.length, 1);
  const m = d[0]!;
  assert.ok(m.kind === 'core module');
  assert.deepEqual([...m.bytes], module);
  assert.equal(m.offset, 10);
  bytes[10] = 0xff;
  assert.equal(m.bytes[0], 0x00, 'the kept bytes are a copy');
});

test('REQ-CM-BIN-006: a core module section must start with a core module preamble', () => {
  decodeFails(component(section(Sec.coreModule, PREAMBLE)), /expected a core module preamble/, 10);
  decodeFails(component(section(Sec.coreModule, CORE_PREAMBLE.slice(0, 7))), /expected a core module preamble/, 10);
});

test('REQ-CM-BIN-007: core instances: instantiate with named instance args, and inline exports', () => {
  const d = defs(component(
    section(Sec.coreModule, EMPTY_CORE_MODULE),
    vecSection(Sec.coreInstance,
      [0x00, 0x00, ...vec([])],
      [0x00, 0x00, ...vec([[...str('i'), 0x12, 0x00]])],
      [0x01, ...vec([[...str('f'), 0x00, 0x03], [...str('m'), 0x02, 0x00], [...str('t'), 0x01, 0x01], [...str('g'), 0x03, 0x02]])],
    ),
  ));
  assert.deepEqual(d.slice(1).map((x) => x.kind === 'core instance' && x.instance), [
    { kind: 'instantiate', moduleIndex: 0, args: [] },
    { kind: 'instantiate', moduleIndex: 0, args: [{ name: 'i', instanceIndex: 0 }] },
    {
      kind: 'exports',
      exports: [
        { name: 'f', sortIdx: { sort: 'func', index: 3 } },
        { name: 'm', sortIdx: { sort: 'memory', index: 0 } },
        { name: 't', sortIdx: { sort: 'table', index: 1 } },
        { name: 'g', sortIdx: { sort: 'global', index: 2 } },
      ],
    },
  ]);
  decodeFails(component(vecSection(Sec.coreInstance, [0x02, 0x00, 0x00])), /invalid leading byte \(0x2\) for core instance/, 11);
  decodeFails(component(vecSection(Sec.coreInstance, [0x00, 0x01, 0x01, ...str('i'), 0x00, 0x00])), /invalid leading byte \(0x0\) for instantiation arg kind/, 16);
  decodeFails(component(vecSection(Sec.coreInstance, [0x01, 0x01, ...str('x'), 0x05, 0x00])), /invalid leading byte \(0x5\) for core sort/, 15);
});

test('REQ-CM-BIN-008: core types: function types and module types with all four declarators', () => {
  const d = defs(component(vecSection(Sec.coreType,
    [0x60, ...vec([[0x7f], [0x7e]]), ...vec([[0x7d]])],
    [0x50, ...vec([
      [0x01, 0x60, 0x00, 0x00],
      [0x00, ...str('a'), ...str('b'), 0x00, 0x00],
      [0x00, ...str('env'), ...str('mem'), 0x02, 0x01, 0x01, 0x02],
      [0x00, ...str('env'), ...str('tbl'), 0x01, 0x70, 0x00, 0x01],
      [0x02, 0x10, 0x01, 0x01, 0x00],
      [0x03, ...str('e'), 0x03, 0x7f, 0x01],
    ])],
  )));
  assert.deepEqual(d.map((x) => x.kind === 'core type' && x.type), [
    { kind: 'func', type: { params: [0x7f, 0x7e], results: [0x7d] } },
    {
      kind: 'module',
      decls: [
        { kind: 'type', type: { kind: 'func', type: { params: [], results: [] } }, offset: 19 },
        { kind: 'import', module: 'a', name: 'b', desc: { kind: 'func', typeIndex: 0 }, offset: 23 },
        { kind: 'import', module: 'env', name: 'mem', desc: { kind: 'memory', type: { limits: { min: 1, max: 2 } } }, offset: 30 },
        { kind: 'import', module: 'env', name: 'tbl', desc: { kind: 'table', type: { elemType: 0x70, limits: { min: 1 } } }, offset: 43 },
        { kind: 'alias', count: 1, index: 0, offset: 56 },
        { kind: 'export', name: 'e', desc: { kind: 'global', type: { valType: 0x7f, mutable: true } }, offset: 61 },
      ],
    },
  ]);
});

test('REQ-CM-BIN-008: malformed core module declarators; WebAssembly 3.0 core types are unsupported', () => {
  decodeFails(component(vecSection(Sec.coreType, [0x50, 0x01, 0x04, 0x60, 0x00, 0x00])), /invalid leading byte \(0x4\) for core module type declaration/, 13);
  decodeFails(component(vecSection(Sec.coreType, [0x50, 0x01, 0x02, 0x00, 0x01, 0x01, 0x00])), /invalid leading byte \(0x0\) for outer alias kind/, 14);
  decodeFails(component(vecSection(Sec.coreType, [0x50, 0x01, 0x02, 0x10, 0x00, 0x01, 0x00])), /invalid leading byte \(0x0\) for outer alias target/, 15);
  decodeFails(component(vecSection(Sec.coreType, [0x50, 0x01, 0x00, ...str('a'), ...str('b'), 0x05, 0x00])), /invalid leading byte \(0x5\) for core external kind/);
  decodeFails(component(vecSection(Sec.coreType, [0x50, 0x01, 0x00, ...str('a'), ...str('b'), 0x04, 0x00, 0x00])), /^unsupported core tag/);
  for (const op of [0x00, 0x4e, 0x4f, 0x5f, 0x5e]) {
    decodeFails(component(vecSection(Sec.coreType, [op, 0x50, 0x00, 0x60, 0x00, 0x00])), /^unsupported core type .*WebAssembly 3\.0/, 11);
  }
  decodeFails(component(vecSection(Sec.coreType, [0x61])), /invalid leading byte \(0x61\) for core type/, 11);
  decodeFails(component(section(Sec.coreType, [0x01])), /unexpected end/, 11);
});

test('REQ-CM-BIN-009: nested components decode recursively with their own offsets', () => {
  const inner = componentBytes(vecSection(Sec.type, [Prim.string]));
  const outer = component(section(Sec.component, componentBytes(section(Sec.component, inner))), section(Sec.component, PREAMBLE));
  const d = defs(outer);
  assert.equal(d.length, 2);
  const c1 = d[0]!;
  assert.ok(c1.kind === 'component');
  assert.equal(c1.component.offset, 10);
  const c2 = c1.component.definitions[0]!;
  assert.ok(c2.kind === 'component');
  assert.equal(c2.component.offset, 20);
  assert.deepEqual(c2.component.definitions, [{ kind: 'type', type: { kind: 'primitive', type: 'string' }, offset: 31 }]);
  assert.ok(d[1]!.kind === 'component' && d[1].component.definitions.length === 0);
  decodeFails(component(section(Sec.component, [...PREAMBLE.slice(0, 4), 0x0c, 0x00, 0x01, 0x00])), /unknown component binary version/, 14);
  decodeFails(component(section(Sec.component, CORE_PREAMBLE)), /expected a component/, 14);
});

test('REQ-CM-BIN-009: nesting deeper than MAX_NESTING is a DecodeError, not a stack overflow', () => {
  let bytes: number[] = [...PREAMBLE];
  for (let i = 0; i < MAX_NESTING; i++) bytes = componentBytes(section(Sec.component, bytes));
  assert.doesNotThrow(() => decodeComponent(new Uint8Array(bytes)));
  decodeFails(component(section(Sec.component, bytes)), /nesting deeper than/);
  // Deeply nested component types (one type per level) are bounded the same way.
  let ty: number[] = [Prim.string];
  for (let i = 0; i < 4 * MAX_NESTING; i++) ty = [0x41, 0x01, 0x01, ...ty];
  decodeFails(component(vecSection(Sec.type, ty)), /nesting deeper than/);
  let core: number[] = [0x60, 0x00, 0x00];
  for (let i = 0; i < 4 * MAX_NESTING; i++) core = [0x50, 0x01, 0x01, ...core];
  decodeFails(component(vecSection(Sec.coreType, core)), /nesting deeper than/);
});

test('REQ-CM-BIN-010: instances: instantiate with sorted args, and inline exports', () => {
  const d = defs(component(vecSection(Sec.instance,
    [0x00, 0x00, ...vec([[...str('x'), 0x01, 0x00], [...str('m'), 0x00, 0x11, 0x02], [...str('t'), 0x03, 0x01], [...str('c'), 0x04, 0x00], [...str('i'), 0x05, 0x07]])],
    [0x01, ...vec([[...externName('g'), 0x01, 0x00], [...externName('wasi:mcp/handlers@0.1.0', 1), 0x05, 0x02]])],
  )));
  assert.deepEqual(d.map((x) => x.kind === 'instance' && x.instance), [
    {
      kind: 'instantiate',
      componentIndex: 0,
      args: [
        { name: 'x', sortIdx: { sort: 'func', index: 0 } },
        { name: 'm', sortIdx: { sort: 'core module', index: 2 } },
        { name: 't', sortIdx: { sort: 'type', index: 1 } },
        { name: 'c', sortIdx: { sort: 'component', index: 0 } },
        { name: 'i', sortIdx: { sort: 'instance', index: 7 } },
      ],
    },
    {
      kind: 'exports',
      exports: [
        { name: { name: 'g', form: 0, attributes: [] }, sortIdx: { sort: 'func', index: 0 } },
        { name: { name: 'wasi:mcp/handlers@0.1.0', form: 1, attributes: [] }, sortIdx: { sort: 'instance', index: 2 } },
      ],
    },
  ]);
  decodeFails(component(vecSection(Sec.instance, [0x02, 0x00, 0x00])), /invalid leading byte \(0x2\) for instance/, 11);
  decodeFails(component(vecSection(Sec.instance, [0x01, 0x01, ...externName('v'), 0x02, 0x00])), /^unsupported value sort/);
  decodeFails(component(vecSection(Sec.instance, [0x01, 0x01, ...externName('v'), 0x06, 0x00])), /invalid leading byte \(0x6\) for component external kind/);
});

test('REQ-CM-BIN-011: aliases: export, core export and outer', () => {
  const d = defs(component(vecSection(Sec.alias,
    [0x01, 0x00, 0x02, ...str('g')],
    [0x03, 0x00, 0x00, ...str('t')],
    [0x00, 0x00, 0x01, 0x00, ...str('f')],
    [0x00, 0x02, 0x01, 0x00, ...str('mem')],
    [0x00, 0x11, 0x02, 0x00, 0x00],
    [0x00, 0x10, 0x02, 0x01, 0x02],
    [0x03, 0x02, 0x00, 0x00],
    [0x04, 0x02, 0x03, 0x04],
  )));
  assert.deepEqual(d.map((x) => x.kind === 'alias' && x.alias), [
    { kind: 'export', sort: 'func', instanceIndex: 2, name: 'g' },
    { kind: 'export', sort: 'type', instanceIndex: 0, name: 't' },
    { kind: 'core export', sort: 'core func', instanceIndex: 0, name: 'f' },
    { kind: 'core export', sort: 'core memory', instanceIndex: 0, name: 'mem' },
    { kind: 'outer', sort: 'core module', count: 0, index: 0 },
    { kind: 'outer', sort: 'core type', count: 1, index: 2 },
    { kind: 'outer', sort: 'type', count: 0, index: 0 },
    { kind: 'outer', sort: 'component', count: 3, index: 4 },
  ]);
});

test('REQ-CM-BIN-011: outer aliases are limited to outeraliassort; bad targets and sorts are malformed', () => {
  decodeFails(component(vecSection(Sec.alias, [0x03, 0x03, 0x00, 0x00])), /invalid leading byte \(0x3\) for alias/, 12);
  decodeFails(component(vecSection(Sec.alias, [0x06, 0x02, 0x00, 0x00])), /invalid leading byte \(0x6\) for alias sort/, 11);
  decodeFails(component(vecSection(Sec.alias, [0x00, 0x05, 0x02, 0x00, 0x00])), /invalid leading byte \(0x5\) for alias sort/, 12);
  decodeFails(component(vecSection(Sec.alias, [0x00, 0x13, 0x02, 0x00, 0x00])), /invalid leading byte \(0x13\) for alias sort/, 12);
  decodeFails(component(vecSection(Sec.alias, [0x05, 0x02, 0x00, 0x00])), /invalid leading byte \(0x5\) for component outer alias kind/, 11);
  decodeFails(component(vecSection(Sec.alias, [0x01, 0x02, 0x00, 0x00])), /invalid leading byte \(0x1\) for component outer alias kind/, 11);
  decodeFails(component(vecSection(Sec.alias, [0x00, 0x00, 0x02, 0x00, 0x00])), /invalid leading byte \(0x0\) for component outer alias kind/, 11);
});

test('REQ-CM-BIN-014: canon lift and lower with every canonical option', () => {
  const d = defs(component(vecSection(Sec.canon,
    [0x00, 0x00, 0x00, ...vec([]), 0x00],
    [0x00, 0x00, 0x01, ...vec([[0x00], [0x03, 0x00], [0x04, 0x05]]), 0x01],
    [0x00, 0x00, 0x02, ...vec([[0x06], [0x07, 0x03]]), 0x02],
    [0x00, 0x00, 0x00, ...vec([[0x05, 0x00]]), 0x00],
    [0x01, 0x00, 0x00, ...vec([[0x01]])],
    [0x01, 0x00, 0x00, ...vec([[0x02]])],
    [0x02, 0x05], [0x03, 0x05], [0x04, 0x05],
  )));
  assert.deepEqual(d.map((x) => x.kind === 'canon' && x.canon), [
    { kind: 'lift', coreFuncIndex: 0, options: [], typeIndex: 0 },
    { kind: 'lift', coreFuncIndex: 1, options: [{ kind: 'string-encoding', encoding: 'utf8' }, { kind: 'memory', index: 0 }, { kind: 'realloc', index: 5 }], typeIndex: 1 },
    { kind: 'lift', coreFuncIndex: 2, options: [{ kind: 'async' }, { kind: 'callback', index: 3 }], typeIndex: 2 },
    { kind: 'lift', coreFuncIndex: 0, options: [{ kind: 'post-return', index: 0 }], typeIndex: 0 },
    { kind: 'lower', funcIndex: 0, options: [{ kind: 'string-encoding', encoding: 'utf16' }] },
    { kind: 'lower', funcIndex: 0, options: [{ kind: 'string-encoding', encoding: 'latin1+utf16' }] },
    { kind: 'resource.new', typeIndex: 5 },
    { kind: 'resource.drop', typeIndex: 5 },
    { kind: 'resource.rep', typeIndex: 5 },
  ]);
  decodeFails(component(vecSection(Sec.canon, [0x00, 0x01, 0x00, 0x00, 0x00])), /invalid leading byte \(0x1\) for canonical function lift/, 12);
  decodeFails(component(vecSection(Sec.canon, [0x01, 0x01, 0x00, 0x00])), /invalid leading byte \(0x1\) for canonical function lower/, 12);
  decodeFails(component(vecSection(Sec.canon, [0x01, 0x00, 0x00, 0x01, 0x0a])), /invalid leading byte \(0xa\) for canonical option/, 15);
});

test('REQ-CM-BIN-014: the async built-ins are decoded', () => {
  const d = defs(component(vecSection(Sec.canon,
    [0x24], [0x25], [0x09, 0x01, 0x00, 0x00], [0x09, 0x00, Prim.u32, ...vec([[0x03, 0x00]])], [0x05],
    [0x0a, 0x7f, 0x00], [0x0b, 0x7f, 0x01], [0x06, 0x00], [0x06, 0x01], [0x0d],
    [0x0e, 0x03], [0x0f, 0x03, ...vec([[0x03, 0x00], [0x04, 0x05]])], [0x10, 0x03, 0x00], [0x11, 0x03, 0x00], [0x12, 0x03, 0x01],
    [0x13, 0x03], [0x14, 0x03],
    [0x15, 0x04], [0x16, 0x04, 0x00], [0x17, 0x04, 0x00], [0x18, 0x04, 0x00], [0x19, 0x04, 0x01], [0x1a, 0x04], [0x1b, 0x04],
    [0x1f], [0x20, 0x00, 0x00], [0x21, 0x01, 0x00], [0x22], [0x23], [0x0c, 0x01],
  )));
  assert.deepEqual(d.map((x) => x.kind === 'canon' && x.canon), [
    { kind: 'backpressure.inc' },
    { kind: 'backpressure.dec' },
    { kind: 'task.return', options: [] },
    { kind: 'task.return', result: 'u32', options: [{ kind: 'memory', index: 0 }] },
    { kind: 'task.cancel' },
    { kind: 'context.get', valType: 0x7f, index: 0 },
    { kind: 'context.set', valType: 0x7f, index: 1 },
    { kind: 'subtask.cancel', async: false },
    { kind: 'subtask.cancel', async: true },
    { kind: 'subtask.drop' },
    { kind: 'stream.new', typeIndex: 3 },
    { kind: 'stream.read', typeIndex: 3, options: [{ kind: 'memory', index: 0 }, { kind: 'realloc', index: 5 }] },
    { kind: 'stream.write', typeIndex: 3, options: [] },
    { kind: 'stream.cancel-read', typeIndex: 3, async: false },
    { kind: 'stream.cancel-write', typeIndex: 3, async: true },
    { kind: 'stream.drop-readable', typeIndex: 3 },
    { kind: 'stream.drop-writable', typeIndex: 3 },
    { kind: 'future.new', typeIndex: 4 },
    { kind: 'future.read', typeIndex: 4, options: [] },
    { kind: 'future.write', typeIndex: 4, options: [] },
    { kind: 'future.cancel-read', typeIndex: 4, async: false },
    { kind: 'future.cancel-write', typeIndex: 4, async: true },
    { kind: 'future.drop-readable', typeIndex: 4 },
    { kind: 'future.drop-writable', typeIndex: 4 },
    { kind: 'waitable-set.new' },
    { kind: 'waitable-set.wait', cancellable: false, memoryIndex: 0 },
    { kind: 'waitable-set.poll', cancellable: true, memoryIndex: 0 },
    { kind: 'waitable-set.drop' },
    { kind: 'waitable.join' },
    { kind: 'thread.yield', cancellable: true },
  ]);
  decodeFails(component(vecSection(Sec.canon, [0x0c, 0x02])), /invalid boolean value/, 12);
  decodeFails(component(vecSection(Sec.canon, [0x20, 0x02, 0x00])), /invalid boolean value/, 12);
});

test('REQ-CM-BIN-014: error-context and threading built-ins are rejected as unsupported canonical built-ins', () => {
  const cases: [number[], string][] = [
    [[0x1c, 0x00], 'error-context.new'], [[0x1d, 0x00], 'error-context.debug-message'], [[0x1e], 'error-context.drop'],
    [[0x26], 'thread.index'], [[0x27, 0x00, 0x00], 'thread.new-indirect'], [[0x28], 'thread.resume-later'],
    [[0x29, 0x00], 'thread.suspend'], [[0x2a, 0x00], 'thread.suspend-then-resume'], [[0x2b, 0x00], 'thread.yield-then-resume'],
    [[0x2c, 0x00], 'thread.suspend-then-promote'], [[0x2d, 0x00], 'thread.yield-then-promote'],
    [[0x40, 0x00, 0x00], 'thread.spawn-ref'], [[0x41, 0x00, 0x00, 0x00], 'thread.spawn-indirect'], [[0x42, 0x00], 'thread.available-parallelism'],
  ];
  for (const [bytes, name] of cases) {
    decodeFails(component(vecSection(Sec.canon, bytes)), new RegExp(`^unsupported canonical built-in ${name.replace('.', '\\.')} `), 11);
  }
});

test('REQ-CM-BIN-019: unallocated canonical opcodes are malformed', () => {
  for (const op of [0x07, 0x08, 0x2e, 0x3f, 0x43, 0xff]) {
    decodeFails(component(vecSection(Sec.canon, [op])), new RegExp(`invalid leading byte \\(0x${op.toString(16)}\\) for canonical function`), 11);
  }
});

test('REQ-CM-BIN-015: the start section decodes the function, arguments and result count', () => {
  const d = defs(component(section(Sec.start, [0x02, ...vec([[0x00], [0x01]]), 0x01])));
  assert.deepEqual(d, [{ kind: 'start', start: { funcIndex: 2, args: [0, 1], results: 1 }, offset: 10 }]);
  decodeFails(component(section(Sec.start, [0x02, 0x00, 0x01, 0x00])), /section size mismatch/, 13);
});

test('REQ-CM-BIN-016: imports with plain, interface and attributed names, each extern type', () => {
  const d = defs(component(
    vecSection(Sec.type, funcType([]), [0x42, 0x00]),
    vecSection(Sec.import,
      [...externName('run'), 0x01, 0x00],
      [...externName('wasi:mcp/handlers@0.1.0'), 0x05, 0x01],
      [...externName('[method]tool.call', 1), 0x01, 0x00],
      [...externNameWith('i1', [[0x00, ...str('my:dep/iface')], [0x01, ...str('-rc.1')], [0x02, ...str('ext-id')]]), 0x05, 0x01],
      [...externNameWith('c', []), 0x03, 0x01],
    ),
  ));
  assert.deepEqual(d.slice(2).map((x) => x.kind === 'import' && x.import), [
    { name: { name: 'run', form: 0, attributes: [] }, type: { kind: 'func', typeIndex: 0 } },
    { name: { name: 'wasi:mcp/handlers@0.1.0', form: 0, attributes: [] }, type: { kind: 'instance', typeIndex: 1 } },
    { name: { name: '[method]tool.call', form: 1, attributes: [] }, type: { kind: 'func', typeIndex: 0 } },
    {
      name: {
        name: 'i1',
        form: 2,
        attributes: [
          { kind: 'implements', interfaceName: 'my:dep/iface' },
          { kind: 'versionsuffix', suffix: '-rc.1' },
          { kind: 'external-id', id: 'ext-id' },
        ],
      },
      type: { kind: 'instance', typeIndex: 1 },
    },
    { name: { name: 'c', form: 2, attributes: [] }, type: { kind: 'type', bound: { kind: 'sub-resource' } } },
  ]);
  decodeFails(component(vecSection(Sec.import, [0x03, ...str('a'), 0x01, 0x00])), /invalid leading byte \(0x3\) for import\/export name/, 11);
  decodeFails(component(vecSection(Sec.import, [...externNameWith('a', [[0x03, ...str('x')]]), 0x01, 0x00])), /invalid leading byte \(0x3\) for name option/, 15);
  decodeFails(component(vecSection(Sec.import, [0x00, 0x02, 0xff, 0xfe, 0x01, 0x00])), /malformed UTF-8 encoding/, 12);
  decodeFails(component(vecSection(Sec.import, [...externName('v'), 0x02, 0x00, 0x00])), /^unsupported value extern type/, 14);
});

test('REQ-CM-BIN-016: exports with and without an ascribed type', () => {
  const d = defs(component(vecSection(Sec.export,
    [...externName('e1'), 0x01, 0x00, 0x00],
    [...externName('e2'), 0x01, 0x00, 0x01, 0x01, 0x00],
    [...externName('m'), 0x00, 0x11, 0x00, 0x00],
    [...externName('wasi:mcp/handlers@0.1.0'), 0x05, ...u32(300), 0x00],
  )));
  assert.deepEqual(d.map((x) => x.kind === 'export' && x.export), [
    { name: { name: 'e1', form: 0, attributes: [] }, sortIdx: { sort: 'func', index: 0 } },
    { name: { name: 'e2', form: 0, attributes: [] }, sortIdx: { sort: 'func', index: 0 }, type: { kind: 'func', typeIndex: 0 } },
    { name: { name: 'm', form: 0, attributes: [] }, sortIdx: { sort: 'core module', index: 0 } },
    { name: { name: 'wasi:mcp/handlers@0.1.0', form: 0, attributes: [] }, sortIdx: { sort: 'instance', index: 300 } },
  ]);
  decodeFails(component(vecSection(Sec.export, [...externName('e'), 0x01, 0x00, 0x02])), /invalid leading byte \(0x2\) for optional component export type/, 16);
  decodeFails(component(vecSection(Sec.export, [...externName('e'), 0x06, 0x00, 0x00])), /invalid leading byte \(0x6\) for component external kind/, 14);
});
