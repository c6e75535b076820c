import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '@bytecodealliance/jco';
import { loadComponent, ValidationError } from '../../../src/component/index.js';

async function rejects(text: string, pattern: RegExp): Promise<void> {
  const bytes = await parse(text);
  assert.throws(() => loadComponent(bytes), (e: unknown) => {
    assert.ok(e instanceof ValidationError, `expected ValidationError, got ${String(e)}`);
    assert.match(e.reason, pattern);
    assert.ok(e.offset >= 0, 'the error carries a byte offset');
    return true;
  });
}

async function accepts(text: string): Promise<void> {
  loadComponent(await parse(text));
}

test('REQ-CM-VAL-004: indices out of bounds are rejected per sort', async () => {
  await rejects('(component (export "f" (func 0)))', /unknown func 0/);
  await rejects('(component (core instance (instantiate 0)))', /unknown module 0/);
  await rejects('(component (type (list 5)))', /unknown type 5/);
  await rejects('(component (alias outer 3 0 (type)))', /outer alias count/);
});

test('REQ-CM-VAL-001: import and export names must be valid extern names', async () => {
  await rejects('(component (import "Bad_Name" (func)))', /not in kebab case/);
  await rejects('(component (import "wasi:mcp/handlers@x" (func)))', /not a valid/);
  await accepts('(component (import "wasi:mcp/handlers@0.1.0" (instance)))');
});

test('REQ-CM-VAL-003: duplicate (not strongly-unique) import names are rejected', async () => {
  await rejects('(component (import "a" (func)) (import "A" (func)))', /conflicts|already defined/);
});

test('REQ-CM-VAL-005: defined types: kebab labels, no empty records, valtype indices name value types, own names a resource', async () => {
  await rejects('(component (type (record)))', /at least one field/);
  await rejects('(component (type (record (field "a" u8) (field "a" u8))))', /already defined|conflicts/);
  await rejects('(component (type (enum "a-" )))', /kebab/);
  await rejects('(component (type $f (func)) (type (list $f)))', /not a defined type/);
  await rejects('(component (type $l (list u8)) (type (own $l)))', /not a resource/);
  await rejects('(component (type $r (resource (rep i32))) (type (func (result (borrow $r)))))', /borrow/);
});

test('REQ-CM-VAL-006: canon lift checks the core function type against the flattened function type', async () => {
  await rejects(`(component
    (core module $m (func (export "f") (param i64)))
    (core instance $i (instantiate $m))
    (func (param "a" u32) (canon lift (core func $i "f"))))`, /type mismatch/);
});

test('REQ-CM-VAL-007: canon options: memory/realloc required when the type needs them, no duplicates', async () => {
  const m = `(core module $m (memory (export "mem") 1) (func (export "f") (param i32 i32))
      (func (export "g") (result i32) unreachable)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable))
    (core instance $i (instantiate $m))`;
  await rejects(`(component ${m} (func (param "s" string) (canon lift (core func $i "f"))))`, /realloc/);
  await rejects(`(component ${m} (func (result string) (canon lift (core func $i "g"))))`, /memory/);
  await rejects(`(component ${m} (func (param "s" string) (canon lift (core func $i "f") (realloc (core func $i "realloc")))))`, /requires option `memory`/);
  await rejects(`(component ${m} (func (result u32) (canon lift (core func $i "g") string-encoding=utf8 string-encoding=utf16)))`, /conflicts/);
  await accepts(`(component ${m} (func (param "s" string) (canon lift (core func $i "f") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))`);
});

test('REQ-CM-VAL-008: core instantiation arguments must satisfy the module imports', async () => {
  await rejects(`(component
    (core module $m (import "env" "f" (func (param i32))))
    (core instance (instantiate $m)))`, /argument `env` not found/);
  await rejects(`(component
    (core module $a (func (export "f") (param i64)))
    (core instance $ai (instantiate $a))
    (core module $m (import "env" "f" (func (param i32))))
    (core instance (instantiate $m (with "env" (instance $ai)))))`, /type mismatch/);
});

test('REQ-CM-VAL-009: instantiation arguments are checked by subtyping; missing and mismatched imports are rejected', async () => {
  const child = `(component $C (import "f" (func (param "x" u32))) (import "i" (instance (export "g" (func)))))`;
  await rejects(`(component ${child} (instance (instantiate $C)))`, /missing import named `f`/);
  await rejects(`(component ${child}
    (import "h" (func $h (param "x" u64)))
    (import "j" (instance $j (export "g" (func))))
    (instance (instantiate $C (with "f" (func $h)) (with "i" (instance $j)))))`, /type mismatch for component instantiation argument `f`/);
  await rejects(`(component ${child}
    (import "h" (func $h (param "x" u32)))
    (import "j" (instance $j (export "other" (func))))
    (instance (instantiate $C (with "f" (func $h)) (with "i" (instance $j)))))`, /missing export/);
  // An instance with more exports than required is a subtype.
  await accepts(`(component ${child}
    (import "h" (func $h (param "x" u32)))
    (import "j" (instance $j (export "g" (func)) (export "extra" (func))))
    (instance (instantiate $C (with "f" (func $h)) (with "i" (instance $j)))))`);
});

test('REQ-CM-VAL-010: resource types are generative: two definitions are different types', async () => {
  await rejects(`(component
    (component $C (import "t" (type $t (sub resource))) (import "f" (func (param "x" (own $t)))))
    (type $a (resource (rep i32)))
    (type $b (resource (rep i32)))
    (core module $m (func (export "g") (param i32)))
    (core instance $i (instantiate $m))
    (func $g (param "x" (own $b)) (canon lift (core func $i "g")))
    (instance (instantiate $C (with "t" (type $a)) (with "f" (func $g)))))`, /type mismatch/);
  await accepts(`(component
    (component $C (import "t" (type $t (sub resource))) (import "f" (func (param "x" (own $t)))))
    (type $a (resource (rep i32)))
    (core module $m (func (export "g") (param i32)))
    (core instance $i (instantiate $m))
    (func $g (param "x" (own $a)) (canon lift (core func $i "g")))
    (instance (instantiate $C (with "t" (type $a)) (with "f" (func $g)))))`);
});

test('REQ-CM-VAL-011: resource.new and resource.rep need a resource defined by the component', async () => {
  await rejects('(component (import "t" (type $t (sub resource))) (core func (canon resource.new $t)))', /defined by this component/);
  await accepts('(component (import "t" (type $t (sub resource))) (core func (canon resource.drop $t)))');
});

test('REQ-CM-VAL-012: exported functions may only use types with an external name', async () => {
  const m = `(core module $m (func (export "f") (result i32) unreachable)) (core instance $i (instantiate $m))`;
  await rejects(`(component ${m} (type $R (resource (rep i32))) (func $f (result (own $R)) (canon lift (core func $i "f"))) (export "f" (func $f)))`, /func not valid to be used as export/);
  await accepts(`(component ${m} (type $R (resource (rep i32))) (export $R2 "r" (type $R)) (func $f (result (own $R2)) (canon lift (core func $i "f"))) (export "f" (func $f)))`);
});

test('REQ-CM-VAL-013: outer aliases may not carry resource types across a component boundary', async () => {
  await rejects('(component $C (type $R (resource (rep i32))) (component (alias outer $C $R (type))))', /resources/);
  await accepts('(component $C (type $L (list u8)) (component (alias outer $C $L (type))))');
});
