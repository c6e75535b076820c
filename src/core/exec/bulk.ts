/**
 * Memory and table instructions that change sizes or move ranges (spec 2.0, sections 4.4.6 and
 * 4.4.7): grow, and the bulk operations. Every bounds check happens before any write, so a trapping
 * bulk operation writes nothing; `n = 0` exactly at the end is in bounds.
 */

import { trapMemory, trapTable } from './fail.js';
import type { MemInst, TableInst } from './runtime.js';
import { MAX_PAGES, PAGE_BYTES, TABLE_ELEMENT_BYTES } from './runtime.js';
import type { StoreState } from './store-state.js';

/** memory.grow: the old size in pages, or -1 beyond the max, 65536 pages, or the store's byte limit. */
export function memoryGrow(st: StoreState, mem: MemInst, delta: number): number {
  const old = mem.pages;
  if (delta === 0) return old;
  const pages = old + delta;
  const max = mem.max === undefined ? MAX_PAGES : Math.min(mem.max, MAX_PAGES);
  if (pages > max) return -1;
  const bytes = delta * PAGE_BYTES;
  if (!st.fits(bytes)) return -1;
  try {
    mem.growTo(pages);
  } catch {
    return -1; // the JS engine could not allocate: growth fails as the spec allows
  }
  st.bytesUsed += bytes;
  return old;
}

/** table.grow: the old size, or -1 beyond the max, the element limit, or the store's byte limit. */
export function tableGrow(st: StoreState, tab: TableInst, init: number, delta: number): number {
  const old = tab.elements.length;
  if (delta === 0) return old;
  const size = old + delta;
  const max = tab.max === undefined ? 0xffffffff : tab.max;
  if (size > max || size > st.limits.tableElements) return -1;
  const bytes = delta * TABLE_ELEMENT_BYTES;
  if (!st.fits(bytes)) return -1;
  const el = tab.elements;
  for (let i = 0; i < delta; i++) el.push(init);
  st.bytesUsed += bytes;
  return old;
}

/** memory.init / active data segment: copy `n` bytes of `seg` at `s` to memory at `d`. */
export function memoryInit(mem: MemInst, seg: Uint8Array, d: number, s: number, n: number): void {
  if (s + n > seg.length || d + n > mem.u8.length) trapMemory();
  if (n > 0) mem.u8.set(seg.subarray(s, s + n), d);
}

export function memoryCopy(mem: MemInst, d: number, s: number, n: number): void {
  const len = mem.u8.length;
  if (s + n > len || d + n > len) trapMemory();
  if (n > 0) mem.u8.copyWithin(d, s, s + n);
}

export function memoryFill(mem: MemInst, d: number, value: number, n: number): void {
  if (d + n > mem.u8.length) trapMemory();
  if (n > 0) mem.u8.fill(value & 0xff, d, d + n);
}

/** table.init / active element segment. */
export function tableInit(tab: TableInst, seg: readonly number[], d: number, s: number, n: number): void {
  const el = tab.elements;
  if (s + n > seg.length || d + n > el.length) trapTable();
  for (let i = 0; i < n; i++) el[d + i] = seg[s + i]!;
}

export function tableCopy(dst: TableInst, src: TableInst, d: number, s: number, n: number): void {
  const de = dst.elements;
  const se = src.elements;
  if (s + n > se.length || d + n > de.length) trapTable();
  if (n === 0) return;
  if (de === se) {
    de.copyWithin(d, s, s + n);
  } else {
    for (let i = 0; i < n; i++) de[d + i] = se[s + i]!;
  }
}

export function tableFill(tab: TableInst, i: number, value: number, n: number): void {
  const el = tab.elements;
  if (i + n > el.length) trapTable();
  for (let k = 0; k < n; k++) el[i + k] = value;
}
