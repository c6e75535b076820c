import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../../src/core/errors.js';
import { validate } from '../../../src/core/validate/index.js';
import type { Elem, Module } from '../../../src/core/binary/module.js';
import { I, ft, funcref, externref, global, i32, i64, f32, invalid, mod, valid } from './helpers.js';

const emptyFunc = { type: 0, body: [] };

test('REQ-CORE-VAL-001: the validated module lists function types imports first and global types', () => {
  const m = mod({
    types: [ft([], []), ft([i32], [i64])],
    imports: [
      { module: 'm', name: 'f', desc: { kind: 'func', typeIndex: 1 }, offset: 1 },
      { module: 'm', name: 'g', desc: { kind: 'global', type: { valType: f32, mutable: true } }, offset: 2 },
    ],
    funcs: [emptyFunc],
    globals: [global(i32, false, [I('i32.const', 7)])],
  });
  const v = valid(m);
  assert.deepEqual(v.funcTypes, [ft([i32], [i64]), ft([], [])]);
  assert.deepEqual(v.globalTypes, [{ valType: f32, mutable: true }, { valType: i32, mutable: false }]);
  assert.equal(v.functions.length, 1);
  assert.equal(v.functions[0]!.funcIndex, 1);
  assert.equal(v.module, m);
});

test('REQ-CORE-VAL-002: function and import type indices must exist', () => {
  invalid(mod({ types: [ft([], [])], funcs: [{ type: 1, body: [] }] }), 'unknown type 1');
  invalid(
    mod({ types: [], imports: [{ module: 'a', name: 'b', desc: { kind: 'func', typeIndex: 0 }, offset: 5 }] }),
    'unknown type 0',
  );
});

test('REQ-CORE-VAL-003: limits need min <= max and memories at most 65536 pages (boundary values)', () => {
  valid(mod({ memories: [{ limits: { min: 65536, max: 65536 } }] }));
  valid(mod({ tables: [{ elemType: funcref, limits: { min: 0xffffffff } }] }));
  invalid(mod({ memories: [{ limits: { min: 1, max: 0 } }] }), 'size minimum must not be greater than maximum');
  invalid(mod({ tables: [{ elemType: funcref, limits: { min: 0xffffffff, max: 0 } }] }), 'size minimum must not be greater than maximum');
  invalid(mod({ memories: [{ limits: { min: 65537 } }] }), 'memory size must be at most 65536 pages (4GiB)');
  invalid(mod({ memories: [{ limits: { min: 0, max: 65537 } }] }), 'memory size must be at most 65536 pages (4GiB)');
  // The range is checked before min <= max.
  invalid(mod({ memories: [{ limits: { min: 65537, max: 1 } }] }), 'memory size must be at most 65536 pages (4GiB)');
  invalid(
    mod({ imports: [{ module: 'a', name: 'm', desc: { kind: 'memory', type: { limits: { min: 0, max: 0xffffffff } } }, offset: 0 }] }),
    'memory size must be at most 65536 pages (4GiB)',
  );
  invalid(
    mod({ imports: [{ module: 'a', name: 't', desc: { kind: 'table', type: { elemType: funcref, limits: { min: 2, max: 1 } } }, offset: 0 }] }),
    'size minimum must not be greater than maximum',
  );
});

test('REQ-CORE-VAL-004: at most one memory, imported or defined', () => {
  invalid(mod({ memories: [{ limits: { min: 0 } }, { limits: { min: 0 } }] }), 'multiple memories');
  invalid(
    mod({
      imports: [{ module: 'a', name: 'm', desc: { kind: 'memory', type: { limits: { min: 0 } } }, offset: 0 }],
      memories: [{ limits: { min: 0 } }],
    }),
    'multiple memories',
  );
});

test('REQ-CORE-VAL-005: global initializers are constant expressions of the global type', () => {
  const impI32 = { module: 't', name: 'g', desc: { kind: 'global' as const, type: { valType: i32, mutable: false } }, offset: 0 };
  const impMut = { module: 't', name: 'm', desc: { kind: 'global' as const, type: { valType: i32, mutable: true } }, offset: 0 };
  valid(mod({ imports: [impI32], globals: [global(i32, false, [I('global.get', 0)])] }));
  valid(mod({ types: [ft([], [])], funcs: [emptyFunc], globals: [global(funcref, false, [I('ref.func', 0)])] }));
  valid(mod({ globals: [global(externref, true, [I('ref.null', externref)])] }));
  invalid(mod({ globals: [global(f32, false, [I('f32.const'), I('f32.neg')])] }), 'constant expression required');
  invalid(mod({ globals: [global(i32, false, [I('i32.const'), I('nop')])] }), 'constant expression required');
  invalid(mod({ globals: [global(i32, false, [I('local.get', 0)])] }), 'constant expression required');
  invalid(mod({ imports: [impMut], globals: [global(i32, false, [I('global.get', 0)])] }), 'constant expression required');
  // 2.0: defined globals are not visible to initializers.
  invalid(mod({ globals: [global(i32, false, [I('i32.const')]), global(i32, false, [I('global.get', 0)])] }), 'unknown global 0');
  invalid(mod({ imports: [impI32], globals: [global(i32, false, [I('global.get', 2)])] }), 'unknown global 2');
  invalid(mod({ globals: [global(i32, false, [I('i64.const', 0, 0, 0, { big: 0n })])] }), 'type mismatch');
  invalid(mod({ globals: [global(i32, false, [])] }), 'type mismatch');
  invalid(mod({ imports: [impI32], globals: [global(i32, false, [I('i32.const'), I('global.get', 0)])] }), 'type mismatch');
  invalid(mod({ globals: [global(funcref, false, [I('ref.func', 7)])] }), 'unknown function 7');
});

function activeElem(table: number, elemType: number, offsetExpr: Module['globals'][0]['init'], init: Elem['init']): Elem {
  return { mode: 'active', table, elemType, offsetExpr, init, offset: 77 };
}

test('REQ-CORE-VAL-006: element segments match their table and have constant offsets and items', () => {
  const tab = { elemType: funcref, limits: { min: 1 } };
  const types = [ft([], [])];
  valid(mod({ types, funcs: [emptyFunc], tables: [tab], elems: [activeElem(0, funcref, [I('i32.const')], [[I('ref.func', 0)]])] }));
  invalid(mod({ types, funcs: [emptyFunc], elems: [activeElem(0, funcref, [I('i32.const')], [[I('ref.func', 0)]])] }), 'unknown table 0');
  invalid(mod({ tables: [tab], elems: [activeElem(0, funcref, [I('i64.const', 0, 0, 0, { big: 0n })], [])] }), 'type mismatch');
  invalid(mod({ tables: [tab], elems: [activeElem(0, funcref, [I('ref.null', funcref)], [])] }), 'type mismatch');
  invalid(mod({ tables: [tab], elems: [activeElem(0, funcref, [I('i32.const'), I('i32.ctz')], [])] }), 'constant expression required');
  invalid(mod({ tables: [{ elemType: externref, limits: { min: 1 } }], elems: [activeElem(0, funcref, [I('i32.const')], [])] }), 'type mismatch');
  invalid(mod({ tables: [tab], elems: [activeElem(0, funcref, [I('i32.const')], [[I('ref.null', externref)]])] }), 'type mismatch');
  invalid(mod({ tables: [tab], elems: [activeElem(0, funcref, [I('i32.const')], [[I('ref.null', funcref), I('ref.null', funcref)]])] }), 'type mismatch');
  invalid(
    mod({ elems: [{ mode: 'passive', table: 0, elemType: funcref, init: [[I('i32.const')]], offset: 1 }] }),
    'type mismatch',
  );
  valid(mod({ elems: [{ mode: 'declarative', table: 0, elemType: externref, init: [[I('ref.null', externref)]], offset: 1 }] }));
});

test('REQ-CORE-VAL-007: active data segments need memory 0 and an i32 constant offset', () => {
  const data = (memory: number, offsetExpr: Module['globals'][0]['init']): Module['datas'][0] => ({
    mode: 'active', memory, offsetExpr, bytes: new Uint8Array(0), offset: 3,
  });
  valid(mod({ memories: [{ limits: { min: 1 } }], datas: [data(0, [I('i32.const')])] }));
  invalid(mod({ datas: [data(0, [I('i32.const')])] }), 'unknown memory 0');
  invalid(mod({ memories: [{ limits: { min: 1 } }], datas: [data(1, [I('i32.const')])] }), 'unknown memory 1');
  invalid(mod({ memories: [{ limits: { min: 1 } }], datas: [data(0, [I('i32.const'), I('i32.const')])] }), 'type mismatch');
  invalid(mod({ memories: [{ limits: { min: 1 } }], datas: [data(0, [I('nop')])] }), 'constant expression required');
  valid(mod({ datas: [{ mode: 'passive', memory: 0, bytes: new Uint8Array(2), offset: 0 }] }));
});

test('REQ-CORE-VAL-008: the start function exists and has type [] -> []', () => {
  valid(mod({ types: [ft([], [])], funcs: [emptyFunc], start: 0 }));
  invalid(mod({ types: [ft([], [])], funcs: [emptyFunc], start: 1 }), 'unknown function 1');
  invalid(mod({ types: [ft([i32], [])], funcs: [emptyFunc], start: 0 }), 'start function');
  invalid(mod({ types: [ft([], [i32])], funcs: [{ type: 0, body: [I('i32.const')] }], start: 0 }), 'start function');
});

test('REQ-CORE-VAL-009: exports name existing items and have unique names', () => {
  const types = [ft([], [])];
  valid(mod({ types, funcs: [emptyFunc], exports: [{ name: 'a', kind: 'func', index: 0, offset: 0 }, { name: 'b', kind: 'func', index: 0, offset: 0 }] }));
  invalid(mod({ exports: [{ name: 'a', kind: 'func', index: 0, offset: 0 }] }), 'unknown function 0');
  invalid(mod({ exports: [{ name: 'a', kind: 'table', index: 0, offset: 0 }] }), 'unknown table 0');
  invalid(mod({ exports: [{ name: 'a', kind: 'memory', index: 0, offset: 0 }] }), 'unknown memory 0');
  invalid(mod({ exports: [{ name: 'a', kind: 'global', index: 0, offset: 0 }] }), 'unknown global 0');
  invalid(
    mod({ types, funcs: [emptyFunc], memories: [{ limits: { min: 0 } }], exports: [{ name: 'a', kind: 'func', index: 0, offset: 0 }, { name: 'a', kind: 'memory', index: 0, offset: 0 }] }),
    'duplicate export name',
  );
});

test('REQ-CORE-VAL-010: ref.func in a body needs a declaration outside function bodies', () => {
  const body = [I('ref.func', 0), I('drop')];
  invalid(mod({ types: [ft([], [])], funcs: [{ type: 0, body }] }), 'undeclared function reference');
  // The start function does not declare.
  invalid(mod({ types: [ft([], [])], funcs: [{ type: 0, body }], start: 0 }), 'undeclared function reference');
  valid(mod({ types: [ft([], [])], funcs: [{ type: 0, body }], exports: [{ name: 'f', kind: 'func', index: 0, offset: 0 }] }));
  valid(mod({ types: [ft([], [])], funcs: [{ type: 0, body }], globals: [global(funcref, false, [I('ref.func', 0)])] }));
  valid(mod({ types: [ft([], [])], funcs: [{ type: 0, body }], elems: [{ mode: 'declarative', table: 0, elemType: funcref, init: [[I('ref.func', 0)]], offset: 0 }] }));
  invalid(mod({ types: [ft([], [])], funcs: [{ type: 0, body: [I('ref.func', 3), I('drop')] }] }), 'unknown function 3');
});

test('REQ-CORE-VAL-025: a malformed Module object fails with a typed ValidationError, not a JS exception', () => {
  const broken = { ...mod({ types: [ft([], [])], funcs: [emptyFunc] }), codes: [] } as Module;
  assert.throws(() => validate(broken), ValidationError);
  const holes = { ...mod({}), globals: [{ type: { valType: i32, mutable: false }, init: [undefined], offset: 0 }] } as unknown as Module;
  assert.throws(() => validate(holes), ValidationError);
});

test('REQ-CORE-VAL-024: module-level errors carry funcIndex -1 and the byte offset of the item', () => {
  const e = invalid(mod({ exports: [{ name: 'a', kind: 'global', index: 3, offset: 42 }] }), 'unknown global 3');
  assert.equal(e.funcIndex, -1);
  assert.equal(e.instrIndex, -1);
  assert.equal(e.offset, 42);
});
