/**
 * JS values checked against their component types at the call boundary (canon lower of host arguments),
 * one wrong shape at a time: variants, enums, nested options, results, tuples, flags and chars. Each
 * mismatch is an EmbeddingError whose message says what was expected and what was given; each right
 * shape reaches the core function. Through instantiateComponent and call only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbeddingError, instantiateComponent } from '../../../src/component/index.js';
import { loadText } from '../instantiate/wat.js';

const COMPONENT = `(component
  (core module $m
    (global $seen (mut i32) (i32.const 0))
    (func (export "two") (param i32 i32) (global.set $seen (i32.add (local.get 0) (local.get 1))))
    (func (export "one") (param i32) (global.set $seen (local.get 0)))
    (func (export "three") (param i32 i32 i32) (global.set $seen (i32.add (local.get 0) (i32.add (local.get 1) (local.get 2)))))
    (func (export "seen") (result i32) (global.get $seen)))
  (core instance $i (instantiate $m))
  (type $v (variant (case "a" u32) (case "b")))
  (export $v' "v" (type $v))
  (type $e (enum "x" "y"))
  (export $e' "e" (type $e))
  (type $f (flags "p" "q"))
  (export $f' "f" (type $f))
  (func (export "variant") (param "x" $v') (canon lift (core func $i "two")))
  (func (export "enum") (param "x" $e') (canon lift (core func $i "one")))
  (func (export "flags") (param "x" $f') (canon lift (core func $i "one")))
  (func (export "char") (param "x" char) (canon lift (core func $i "one")))
  (func (export "nested") (param "x" (option (option u32))) (canon lift (core func $i "three")))
  (func (export "result") (param "x" (result u32 (error u32))) (canon lift (core func $i "two")))
  (func (export "tuple") (param "x" (tuple u32 u32)) (canon lift (core func $i "two")))
  (func (export "seen") (result u32) (canon lift (core func $i "seen"))))`;

/** Calls `fn(value)` and expects an EmbeddingError whose message matches `message`. */
function refuses(inst: ReturnType<typeof instantiateComponent>, fn: string, value: unknown, message: RegExp): void {
  assert.throws(() => inst.call(fn, value), (e: unknown) => e instanceof EmbeddingError && message.test(e.message), `${fn}(${String(value)})`);
}

test('REQ-CM-ABI-029: variant, enum and nested-option values of the wrong shape are EmbeddingErrors naming what was given', async () => {
  const inst = instantiateComponent(await loadText(COMPONENT));
  inst.call('variant', { tag: 'a', val: 41 });
  assert.equal(inst.call('seen'), 41, 'case index 0 + payload 41');
  refuses(inst, 'variant', null, /expected a variant \{ tag, val \}, got null/);
  refuses(inst, 'variant', [1], /got an array of length 1/);
  refuses(inst, 'variant', new Uint8Array(2), /expected a variant/);
  refuses(inst, 'variant', { tag: 3 }, /expected a variant/);
  refuses(inst, 'variant', { tag: 'c' }, /unknown variant case "c"/);
  inst.call('enum', 'y');
  assert.equal(inst.call('seen'), 1);
  refuses(inst, 'enum', 1, /expected an enum case name, got number 1/);
  inst.call('nested', { tag: 'some', val: 5 });
  assert.equal(inst.call('seen'), 1 + 1 + 5, 'outer some, inner some, payload 5');
  inst.call('nested', { tag: 'none' });
  assert.equal(inst.call('seen'), 0);
  refuses(inst, 'nested', 5, /nested option/);
  refuses(inst, 'nested', { tag: 'maybe' }, /nested option/);
});

test('REQ-CM-ABI-029: result, tuple, flags and char values of the wrong shape are EmbeddingErrors', async () => {
  const inst = instantiateComponent(await loadText(COMPONENT));
  inst.call('result', { tag: 'err', val: 7 });
  assert.equal(inst.call('seen'), 8);
  refuses(inst, 'result', 'ok', /expected a result/);
  refuses(inst, 'result', { tag: 'fine' }, /expected a result/);
  inst.call('tuple', [2, 3]);
  assert.equal(inst.call('seen'), 5);
  refuses(inst, 'tuple', { 0: 1, 1: 2 }, /expected a tuple \(array\) of length 2, got object/);
  refuses(inst, 'tuple', [1], /expected a tuple/);
  inst.call('flags', { p: true, q: undefined });
  assert.equal(inst.call('seen'), 1);
  refuses(inst, 'flags', true, /expected a flags object of booleans, got boolean true/);
  refuses(inst, 'flags', { p: 1 }, /flag "p" must be a boolean/);
  refuses(inst, 'flags', { z: true }, /unknown flag "z"/);
  inst.call('char', '🍰');
  assert.equal(inst.call('seen'), 0x1f370);
  refuses(inst, 'char', 65, /expected a one-character string \(char\), got number 65/);
  refuses(inst, 'char', '', /one-character string/);
  refuses(inst, 'char', 'a much longer string than a char', /got string "a much longer string…"/);
  refuses(inst, 'char', 'ab', /exactly one Unicode scalar value/);
});
