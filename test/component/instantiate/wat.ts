/** Test helpers: component text compiled with jco's wasm-tools `parse` (tests only, never src/). */

import { parse } from '@bytecodealliance/jco';
import { loadComponent, type LoadedComponent } from '../../../src/component/index.js';

export async function componentBytes(text: string): Promise<Uint8Array> {
  return parse(text);
}

export async function loadText(text: string): Promise<LoadedComponent> {
  return loadComponent(await parse(text));
}

/** A core module with a bump allocator `realloc` (copying on growth) and a memory `mem`. */
export const ALLOCATOR = `
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func $realloc (export "realloc") (param $old i32) (param $oldSize i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and
        (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
        (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
      (global.set $bump (i32.add (local.get $p) (local.get $size)))
      (if (local.get $old)
        (then (memory.copy (local.get $p) (local.get $old)
          (select (local.get $oldSize) (local.get $size) (i32.lt_u (local.get $oldSize) (local.get $size))))))
      (local.get $p))`;

export const ADD_COMPONENT = `(component
  (core module $m
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
  (core instance $i (instantiate $m))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add"))))`;

export const GREET_COMPONENT = `(component
  (core module $m
    ${ALLOCATOR}
    (data (i32.const 0) "Hello, ")
    (func (export "greet") (param $ptr i32) (param $len i32) (result i32)
      (local $out i32)
      (local.set $out (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $len) (i32.const 7))))
      (memory.copy (local.get $out) (i32.const 0) (i32.const 7))
      (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $ptr) (local.get $len))
      (i32.store (i32.const 16) (local.get $out))
      (i32.store (i32.const 20) (i32.add (local.get $len) (i32.const 7)))
      (i32.const 16)))
  (core instance $i (instantiate $m))
  (func (export "greet") (param "name" string) (result string)
    (canon lift (core func $i "greet") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))`;
