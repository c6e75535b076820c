/**
 * A tiny test-only component encoder: byte-exact control over every field (Component Model Binary.md),
 * including the malformed encodings a real encoder would refuse to produce.
 */

import assert from 'node:assert/strict';
import { decodeComponent, type Component } from '../../../src/component/index.js';
import { DecodeError } from '../../../src/core/errors.js';

// The LEB128, name, vector and section encodings are the core's: one test encoder for both layers.
import { section, sleb, str, u32, vec, type Bytes } from '../../core/binary/build.js';
export { section, str, u32, vec, type Bytes };

export const PREAMBLE: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
export const CORE_PREAMBLE: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Signed LEB128 (minimal encoding): type indices in `valtype` position are non-negative s33. */
export function s33(v: number): number[] {
  return sleb(v);
}

export const Sec = {
  custom: 0, coreModule: 1, coreInstance: 2, coreType: 3, component: 4, instance: 5, alias: 6,
  type: 7, canon: 8, start: 9, import: 10, export: 11, value: 12,
} as const;

/** The bytes of a component made of the given (already encoded) sections. */
export function componentBytes(...sections: Bytes[]): number[] {
  return [...PREAMBLE, ...sections.flat()];
}

export function component(...sections: Bytes[]): Uint8Array {
  return new Uint8Array(componentBytes(...sections));
}

/** A section holding a vector of the given items (for sections 2, 3, 5, 6, 7, 8, 10, 11). */
export function vecSection(id: number, ...items: Bytes[]): number[] {
  return section(id, vec(items));
}

export function customSection(name: string, payload: Bytes): number[] {
  return section(Sec.custom, [...str(name), ...payload]);
}

/** An empty core module (preamble only). */
export const EMPTY_CORE_MODULE: Bytes = CORE_PREAMBLE;

/** nameattributes: form 0x00/0x01 (plain) or 0x02 with attributes. */
export function externName(name: string, form: 0 | 1 = 0): number[] {
  return [form, ...str(name)];
}

export function externNameWith(name: string, attributes: readonly Bytes[]): number[] {
  return [0x02, ...str(name), ...vec(attributes)];
}

/** Primitive value type bytes. */
export const Prim = {
  bool: 0x7f, s8: 0x7e, u8: 0x7d, s16: 0x7c, u16: 0x7b, s32: 0x7a, u32: 0x79, s64: 0x78, u64: 0x77,
  f32: 0x76, f64: 0x75, char: 0x74, string: 0x73,
} as const;

/** (func (param label type)* (result t)?) with valtypes given as encoded bytes. */
export function funcType(params: readonly (readonly [string, Bytes])[], result?: Bytes, isAsync = false): number[] {
  const ps = params.map(([l, t]) => [...str(l), ...t]);
  return [isAsync ? 0x43 : 0x40, ...vec(ps), ...(result === undefined ? [0x01, 0x00] : [0x00, ...result])];
}

/** Decodes and returns the component; fails the test on any exception. */
export function decodeOk(bytes: Uint8Array): Component {
  return decodeComponent(bytes);
}

/**
 * Asserts that decoding throws a DecodeError whose reason matches `reason` (and, when given, at
 * `offset`); returns the error.
 */
export function decodeFails(bytes: Uint8Array, reason: RegExp, offset?: number): DecodeError {
  let caught: unknown;
  try {
    decodeComponent(bytes);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DecodeError, `expected a DecodeError, got ${String(caught)}`);
  assert.match(caught.reason, reason);
  if (offset !== undefined) assert.equal(caught.offset, offset, `offset of "${caught.reason}"`);
  return caught;
}
