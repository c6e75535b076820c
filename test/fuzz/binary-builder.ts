/**
 * A minimal WebAssembly binary writer for tests that need modules too large or too malformed for a
 * text assembler (huge counts, millions of br_table targets, enormous custom sections).
 */
import { leb } from './mutate.js';

export { leb };

/** Signed LEB128 of a 32-bit value. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export const enum SectionId { custom = 0, type = 1, import = 2, function = 3, table = 4, memory = 5, global = 6, export = 7, start = 8, element = 9, code = 10, data = 11 }

export function section(id: number, payload: ArrayLike<number>): Uint8Array {
  const size = leb(payload.length);
  const out = new Uint8Array(1 + size.length + payload.length);
  out[0] = id;
  out.set(size, 1);
  out.set(payload as ArrayLike<number>, 1 + size.length);
  return out;
}

export function concat(parts: readonly ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p as ArrayLike<number>, at); at += p.length; }
  return out;
}

export function vec(items: readonly ArrayLike<number>[]): Uint8Array {
  return concat([leb(items.length), ...items]);
}

export function name(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...leb(b.length), ...b];
}

export function moduleOf(sections: readonly Uint8Array[]): Uint8Array {
  return concat([HEADER, ...sections]);
}

/** A function body: local runs [count, type] and instruction bytes (the final `end` added). */
export function body(locals: readonly (readonly [number, number])[], code: ArrayLike<number>): Uint8Array {
  const inner = concat([vec(locals.map(([n, t]) => [...leb(n), t])), code, [0x0b]]);
  return concat([leb(inner.length), inner]);
}

export const I32 = 0x7f;
export const I64 = 0x7e;
export const FUNC = 0x60;

export function funcType(params: readonly number[], results: readonly number[]): number[] {
  return [FUNC, ...leb(params.length), ...params, ...leb(results.length), ...results];
}

export function exportFunc(n: string, index: number): number[] {
  return [...name(n), 0x00, ...leb(index)];
}
