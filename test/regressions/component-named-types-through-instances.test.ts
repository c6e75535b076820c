/**
 * Regression (found by the first jco-built WASI-MCP component, issue #4): the validator refused
 * components made by wit-component whose interfaces `use` records of another interface, with
 * "instance not valid to be used as import". Importing an instance gives each of its exported types a
 * new (shallow-copied) identity, but the instance's other types (a record's field, a function's
 * parameter) still referred to the original, which no name covered. Fixed in
 * src/component/validate/externs.ts (nameInstance). The same components also needed the binding of
 * named value types through instantiation (component.ts, bindNamedValueType, from the wasi2 branch).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadComponent, ValidationError } from '../../src/component/index.js';
import { componentBytes } from '../component/instantiate/wat.js';
import { notesBytes, plainBytes } from '../host/component-examples.js';

test('REQ-CM-VAL-011: jco-built components whose interfaces use records of an imported interface validate', () => {
  const notes = loadComponent(notesBytes());
  assert.ok(notes.type.imports.has('wasi:mcp/runtime@0.1.0'));
  assert.ok(loadComponent(plainBytes()).type.exports.has('example:plain/geometry@0.1.0'));
});

test('REQ-CM-VAL-011: a record with no name used by an import is still refused (the fix keeps the check)', async () => {
  const bytes = await componentBytes(`(component
    (type $p (record (field "x" u32)))
    (import "f" (func (param "p" $p))))`);
  assert.throws(() => loadComponent(bytes), (e: unknown) => e instanceof ValidationError && /not valid to be used as import/.test(e.message));
});
