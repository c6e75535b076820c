/**
 * Regression (found by the first jco-built WASI-MCP component, issue #4): the validator refused
 * components made by wit-component whose interfaces `use` records of another interface, with
 * "instance not valid to be used as import" and then "... as export". Importing or exporting a type
 * gives it a new (shallow-copied) identity, but the types around it still referred to the original,
 * which no name covered; and a type imported by a nested component with `(type (eq ...))` was not
 * known to stand for the named argument it was instantiated with. Fixed in
 * src/component/validate/externs.ts (nameInstance, nameExtern) and component.ts (instance).
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
