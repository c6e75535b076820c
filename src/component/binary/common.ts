/**
 * Small decoding rules shared by the component sections: failures, vectors, optional immediates,
 * flags, sorts and import/export names (Component Model Binary.md).
 *
 * The byte reader is the core's (`src/core/binary/reader.ts`): bounds-checked reads, strict LEB128 and
 * UTF-8, and every vector count limited by the bytes left, so that no allocation can exceed the input.
 */

import { Reader } from '../../core/binary/reader.js';
import type { CoreSort, CoreSortIdx, ExternName, NameAttribute, Sort, SortIdx } from './component.js';

/** Fails with "invalid leading byte (0xNN) for <what>" at `at` (the wording of the reference tests). */
export function badByte(r: Reader, b: number, what: string, at: number): never {
  return r.fail(`invalid leading byte (0x${b.toString(16)}) for ${what}`, at);
}

/** Fails with "unsupported <what>": well-formed in the design docs, but outside this runtime's scope. */
export function unsupported(r: Reader, what: string, at: number): never {
  return r.fail(`unsupported ${what}`, at);
}

/** Maximum nesting of components, component/instance types and core module types. */
export const MAX_NESTING = 64;

/** Fails when a recursive form is nested deeper than MAX_NESTING (bounds the JS call stack). */
export function checkNesting(r: Reader, depth: number): void {
  if (depth > MAX_NESTING) r.fail(`nesting deeper than ${MAX_NESTING} levels`);
}

/** vec(T): a u32 count (at most the bytes left) followed by that many items. */
export function readVec<T>(r: Reader, item: (r: Reader) => T): T[] {
  const n = r.len();
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(item(r));
  return out;
}

/** <T>? ::= 0x00 | 0x01 t:<T>. */
export function readOptional<T>(r: Reader, what: string, item: (r: Reader) => T): T | undefined {
  const at = r.pos;
  const b = r.u8();
  if (b === 0) return undefined;
  if (b === 1) return item(r);
  return badByte(r, b, what, at);
}

/** async? / cancel? / sh?: a flag byte 0x00 or 0x01. */
export function readFlag(r: Reader): boolean {
  const at = r.pos;
  const b = r.u8();
  if (b > 1) r.fail('invalid boolean value', at);
  return b === 1;
}

/** A byte that must be zero (the trailing 0x00 of a variant case). */
export function readZeroByte(r: Reader): void {
  const at = r.pos;
  const b = r.u8();
  if (b !== 0) badByte(r, b, 'zero byte required', at);
}

/** core:sort, or undefined for an unallocated byte (the caller names the context). */
export function coreSortOf(b: number): CoreSort | undefined {
  switch (b) {
    case 0x00: return 'func';
    case 0x01: return 'table';
    case 0x02: return 'memory';
    case 0x03: return 'global';
    case 0x04: return 'tag';
    case 0x10: return 'type';
    case 0x11: return 'module';
    case 0x12: return 'instance';
    default: return undefined;
  }
}

/** core:sort. */
export function readCoreSort(r: Reader, what: string): CoreSort {
  const at = r.pos;
  const b = r.u8();
  return coreSortOf(b) ?? badByte(r, b, what, at);
}

/** sort ::= 0x00 core:sort | 0x01 func | 0x02 value (🪙, unsupported) | 0x03 type | 0x04 component | 0x05 instance. */
export function readSort(r: Reader, what: string): Sort {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: {
      const cat = r.pos;
      const c = r.u8();
      const cs = coreSortOf(c);
      if (cs === undefined) return badByte(r, c, what, cat);
      return `core ${cs}`;
    }
    case 0x01: return 'func';
    case 0x02: return unsupported(r, 'value sort (component values are not supported)', at);
    case 0x03: return 'type';
    case 0x04: return 'component';
    case 0x05: return 'instance';
    default: return badByte(r, b, what, at);
  }
}

export function readSortIdx(r: Reader): SortIdx {
  const sort = readSort(r, 'component external kind');
  return { sort, index: r.u32() };
}

export function readCoreSortIdx(r: Reader): CoreSortIdx {
  const sort = readCoreSort(r, 'core sort');
  return { sort, index: r.u32() };
}

function readAttribute(r: Reader): NameAttribute {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: return { kind: 'implements', interfaceName: r.name() };
    case 0x01: return { kind: 'versionsuffix', suffix: r.name() };
    case 0x02: return { kind: 'external-id', id: r.name() };
    default: return badByte(r, b, 'name option', at);
  }
}

/** nameattributes ::= 0x00 name | 0x01 name | 0x02 name vec(attribute). */
export function readExternName(r: Reader): ExternName {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00:
    case 0x01:
      return { name: r.name(), form: b, attributes: [] };
    case 0x02: {
      const name = r.name();
      return { name, form: 2, attributes: readVec(r, readAttribute) };
    }
    default:
      return badByte(r, b, 'import/export name', at);
  }
}

/**
 * Reads a u32 size and returns a reader over that many bytes that follow it; fails when they run past
 * the end of `r`. The caller checks that the sub-reader was consumed and then moves `r` past it.
 */
export function readSized(r: Reader, what: string): Reader {
  const at = r.pos;
  const size = r.u32();
  if (size > r.end - r.pos) r.fail(`${what} size ${size} runs past the end of the enclosing bytes`, at);
  return new Reader(r.bytes, r.pos, r.pos + size);
}
