/**
 * Edges of the decoder and validator that the spec suite does not reach: a reference in the second
 * operand of an untyped `select`, an unknown-typed value at a function's end, a type stack deeper than
 * its first allocation, a block type cut off by the end of a body, and load/validate given objects that
 * are not modules at all. Each is checked through load()/validate() for the verdict the spec gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeError, Store, Trap, ValidationError, load, type Module } from '../../../src/core/index.js';
import { validate } from '../../../src/core/validate/index.js';
import { wat } from '../exec/wat.js';

test('REQ-CORE-VAL-012: untyped select refuses a reference in either operand, and takes the known operand type over an unknown one', async () => {
  const refSecond = await wat(`(module (func (result i32) (select (ref.null extern) (i32.const 1) (i32.const 0))))`);
  assert.throws(() => load(refSecond), (e: unknown) => e instanceof ValidationError && /type mismatch/.test(e.message));
  const refFirst = await wat(`(module (func (result i32) (select (i32.const 1) (ref.null extern) (i32.const 0))))`);
  assert.throws(() => load(refFirst), (e: unknown) => e instanceof ValidationError && /type mismatch/.test(e.message));
  const mixed = await wat(`(module (func (result i32) (select (i32.const 1) (i64.const 1) (i32.const 0))))`);
  assert.throws(() => load(mixed), ValidationError);
});

test('REQ-CORE-VAL-015: after unreachable, select of two unknown operands leaves a value that matches any result type', async () => {
  const m = load(await wat(`(module (func (export "f") (result i32) unreachable select))`));
  const store = new Store();
  const f = store.instantiate(m, {}).exports.get('f')!;
  assert.throws(() => store.invoke(f, []), (e: unknown) => e instanceof Trap && e.kind === 'unreachable');
  // The unknown value is consumed as whatever the next instruction needs (here an i64), and matches the
  // label types br_table checks without popping.
  load(await wat(`(module (func (result i32) unreachable select i64.eqz))`));
  load(await wat(`(module (func (result i32) (block (result i32) unreachable select (i32.const 0) (br_table 0 1))))`));
});

test('REQ-CORE-VAL-015: a function whose operand stack grows to thousands of values validates and computes', async () => {
  const n = 3000;
  const body = `${'(i32.const 1) '.repeat(n)}${'i32.add '.repeat(n - 1)}`;
  const m = load(await wat(`(module (func (export "f") (result i32) ${body}))`));
  const store = new Store();
  assert.deepEqual(store.invoke(store.instantiate(m, {}).exports.get('f')!, []), [{ type: 'i32', value: n }]);
});

test('REQ-CORE-DEC-023: a block whose block type is cut off by the end of the body is a DecodeError', () => {
  // body: no locals, `block` and nothing after it.
  assert.throws(() => load(Uint8Array.from(wasmWithBody([0x60, 0, 0], [0x00, 0x02]))), DecodeError);
});

test('REQ-CORE-VAL-025 REQ-CORE-DEC-002: load and validate given things that are not bytes or modules fail with typed errors only', () => {
  for (const bad of [null, 'wasm', { slice: () => { throw 'a plain string'; } }]) {
    assert.throws(() => load(bad as unknown as Uint8Array), DecodeError, String(bad));
  }
  assert.throws(() => load({ slice: () => { throw 'a plain string'; } } as unknown as Uint8Array), /internal decoder error: a plain string/);
  assert.throws(() => validate({} as Module), ValidationError);
  // Every property read throws something that is not an Error.
  const hostile = new Proxy({}, { get: () => { throw 'not an Error'; } }) as Module;
  assert.throws(() => validate(hostile), (e: unknown) => e instanceof ValidationError && /internal validator error: not an Error/.test(e.message));
});

/** A module with one function of type `typeBytes` (a functype) and the given body (locals + code). */
function wasmWithBody(typeBytes: number[], body: number[]): number[] {
  const section = (id: number, content: number[]): number[] => [id, content.length, ...content];
  return [0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, ...typeBytes]),
    ...section(3, [1, 0]),
    ...section(10, [1, body.length, ...body])];
}
