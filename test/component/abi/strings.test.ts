/** Strings: the utf8, utf16 and latin1+utf16 encodings, transcoding with realloc, and malformed input. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Trap } from '../../../src/core/errors.js';
import { CoreValueIter, liftFlat, load, lowerFlat, type StringEncoding } from '../../../src/component/abi/index.js';
import type { Value } from '../../../src/core/index.js';
import { arbString, libc, llcx, prim, type Libc } from './harness.js';

const STR = prim('string');
const trapWith = (re: RegExp) => (e: unknown): boolean => e instanceof Trap && re.test(e.message);

/** Lowers `s` flat; returns [ptr, tagged units] and the realloc calls it made. */
function lowerString(l: Libc, enc: StringEncoding, s: string): { ptr: number; units: number; calls: [number, number, number, number][] } {
  const before = l.reallocs.length;
  const out: Value[] = [];
  lowerFlat(llcx(l, enc), s, STR, out, 's');
  const calls = l.reallocs.slice(before).map((c): [number, number, number, number] => [c.old === 0 ? 0 : 1, c.oldSize, c.align, c.newSize]);
  return { ptr: (out[0]!.value as number) >>> 0, units: (out[1]!.value as number) >>> 0, calls };
}

function liftString(l: Libc, enc: StringEncoding, ptr: number, units: number): unknown {
  return liftFlat(llcx(l, enc), new CoreValueIter([{ type: 'i32', value: ptr | 0 }, { type: 'i32', value: units | 0 }]), STR);
}

test('REQ-CM-ABI-030: strings are stored in the destination encoding with the spec realloc sequence', async () => {
  const l = await libc();
  // utf8: ASCII fits the first allocation; other text grows to 3 bytes per unit, then shrinks.
  let r = lowerString(l, 'utf8', 'abc');
  assert.deepEqual(r.calls, [[0, 0, 1, 3]]);
  assert.equal(r.units, 3);
  r = lowerString(l, 'utf8', 'aé☃🍰');
  assert.deepEqual(r.calls, [[0, 0, 1, 5], [1, 5, 1, 15], [1, 15, 1, 10]]);
  assert.equal(r.units, 10);
  assert.deepEqual([...l.bytes().subarray(r.ptr, r.ptr + 10)], [0x61, 0xc3, 0xa9, 0xe2, 0x98, 0x83, 0xf0, 0x9f, 0x8d, 0xb0]);
  // utf16: exact size, little-endian code units.
  r = lowerString(l, 'utf16', 'a☃🍰');
  assert.deepEqual(r.calls, [[0, 0, 2, 8]]);
  assert.equal(r.units, 4);
  assert.deepEqual([...l.bytes().subarray(r.ptr, r.ptr + 8)], [0x61, 0, 0x03, 0x26, 0x3c, 0xd8, 0x70, 0xdf]);
  // latin1+utf16: Latin-1 text stays one byte per character with the tag bit clear...
  r = lowerString(l, 'latin1+utf16', 'aé\u00ff');
  assert.deepEqual(r.calls, [[0, 0, 2, 3]]);
  assert.equal(r.units, 3);
  assert.deepEqual([...l.bytes().subarray(r.ptr, r.ptr + 3)], [0x61, 0xe9, 0xff]);
  // ...and other text is inflated to UTF-16 in place, with the tag bit set.
  r = lowerString(l, 'latin1+utf16', 'aé☃');
  assert.deepEqual(r.calls, [[0, 0, 2, 3], [1, 3, 2, 6]]);
  assert.equal(r.units, (3 | 0x80000000) >>> 0);
  assert.deepEqual([...l.bytes().subarray(r.ptr, r.ptr + 6)], [0x61, 0, 0xe9, 0, 0x03, 0x26]);
  // The empty string still allocates (zero bytes).
  r = lowerString(l, 'utf8', '');
  assert.deepEqual(r.calls, [[0, 0, 1, 0]]);
  assert.equal(r.units, 0);
});

test('REQ-CM-ABI-031: strings load from each encoding, latin1+utf16 choosing by the tag bit', async () => {
  const l = await libc();
  const m = l.bytes();
  m.set([0x68, 0xc3, 0xb6, 0xe2, 0x98, 0x83, 0xf0, 0x9f, 0x8d, 0xb0], 256);
  assert.equal(liftString(l, 'utf8', 256, 10), 'hö☃🍰');
  m.set([0x68, 0, 0xf6, 0, 0x03, 0x26, 0x3c, 0xd8, 0x70, 0xdf], 512);
  assert.equal(liftString(l, 'utf16', 512, 5), 'hö☃🍰');
  assert.equal(liftString(l, 'latin1+utf16', 512, 5 | 0x80000000), 'hö☃🍰');
  m.set([0x68, 0xf6, 0xff], 768);
  assert.equal(liftString(l, 'latin1+utf16', 768, 3), 'hö\u00ff');
  // load() reads the pointer/length pair from memory.
  new DataView(m.buffer).setUint32(64, 256, true);
  new DataView(m.buffer).setUint32(68, 10, true);
  assert.equal(load(llcx(l, 'utf8'), 64, STR), 'hö☃🍰');
});

test('REQ-CM-ABI-032: malformed strings trap with the reason', async () => {
  const l = await libc();
  const m = l.bytes();
  const size = m.length;
  const utf8 = (bytes: number[]): unknown => { m.set(bytes, 1024); return liftString(l, 'utf8', 1024, bytes.length); };
  assert.throws(() => utf8([0xff]), trapWith(/invalid utf-8/));
  assert.throws(() => utf8([0xc0, 0x80]), trapWith(/invalid utf-8/));
  assert.throws(() => utf8([0xe0, 0x80, 0x80]), trapWith(/invalid utf-8: overlong/));
  assert.throws(() => utf8([0xed, 0xa0, 0x80]), trapWith(/invalid utf-8: encoded surrogate/));
  assert.throws(() => utf8([0xf4, 0x90, 0x80, 0x80]), trapWith(/invalid utf-8: code point beyond/));
  assert.throws(() => utf8([0x61, 0x80]), trapWith(/invalid utf-8/));
  assert.throws(() => utf8([0xc3]), trapWith(/incomplete utf-8 byte sequence/));
  assert.throws(() => utf8([0xe2, 0x98]), trapWith(/incomplete utf-8 byte sequence/));
  m.set([0x3c, 0xd8, 0x61, 0x00], 2048);
  assert.throws(() => liftString(l, 'utf16', 2048, 2), trapWith(/invalid utf-16: unpaired high surrogate/));
  m.set([0x70, 0xdf], 2048);
  assert.throws(() => liftString(l, 'utf16', 2048, 1), trapWith(/invalid utf-16: unpaired low surrogate/));
  assert.throws(() => liftString(l, 'utf16', 2049, 1), trapWith(/unaligned pointer/));
  assert.throws(() => liftString(l, 'latin1+utf16', 2049, 1), trapWith(/unaligned pointer/));
  assert.throws(() => liftString(l, 'utf8', 0xdeadbeef, 0), trapWith(/string content out-of-bounds: string pointer\/length out of bounds of memory/));
  assert.throws(() => liftString(l, 'utf8', size - 1, 2), trapWith(/string content out-of-bounds/));
  assert.throws(() => liftString(l, 'utf16', size - 2, 2), trapWith(/string content out-of-bounds/));
  assert.throws(() => liftString(l, 'utf8', 0, 2 ** 28), trapWith(/string too long/));
  assert.equal(liftString(l, 'utf8', size, 0), '');
});

test('REQ-CM-ABI-033: every string survives store then load in every encoding, with the expected code-unit count (property)', async () => {
  const l = await libc();
  fc.assert(
    fc.property(arbString, fc.constantFrom<StringEncoding>('utf8', 'utf16', 'latin1+utf16'), (s, enc) => {
      const r = lowerString(l, enc, s);
      const latin1 = [...s].every((c) => c.codePointAt(0)! < 256);
      const expected = enc === 'utf8' ? utf8Length(s) : s.length;
      assert.equal(r.units & 0x7fffffff, expected);
      assert.equal((r.units & 0x80000000) !== 0, enc === 'latin1+utf16' && !latin1);
      assert.equal(liftString(l, enc, r.ptr, r.units), s);
    }),
    { numRuns: 200 },
  );
});

function utf8Length(s: string): number {
  let n = 0;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
