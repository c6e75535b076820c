import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Reader } from '../../../src/core/binary/reader.js';
import { decodeUtf8 } from '../../../src/core/binary/utf8.js';
import { DecodeError } from '../../../src/core/errors.js';
import { sleb, u32 } from './build.js';

function rd(bytes: readonly number[]): Reader {
  return new Reader(new Uint8Array(bytes));
}

function fails(f: () => unknown, reason: string, offset?: number): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof DecodeError, `expected DecodeError, got ${String(e)}`);
    assert.equal(e.reason, reason);
    if (offset !== undefined) assert.equal(e.offset, offset);
    return true;
  });
}

test('REQ-CORE-DEC-003: u32 LEB128 decodes minimal and padded encodings up to 5 bytes', () => {
  assert.equal(rd([0x00]).u32(), 0);
  assert.equal(rd([0x7f]).u32(), 127);
  assert.equal(rd([0x80, 0x01]).u32(), 128);
  assert.equal(rd([0xe5, 0x8e, 0x26]).u32(), 624485);
  assert.equal(rd([0xff, 0xff, 0xff, 0xff, 0x0f]).u32(), 0xffffffff);
  assert.equal(rd([0x80, 0x80, 0x80, 0x80, 0x00]).u32(), 0);
  const r = rd([0x83, 0x80, 0x00, 0x05]);
  assert.equal(r.u32(), 3);
  assert.equal(r.pos, 3, 'a padded encoding consumes all its bytes');
});

test('REQ-CORE-DEC-003: u32 LEB128 rejects a sixth byte and set unused bits in the fifth byte', () => {
  fails(() => rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).u32(), 'integer representation too long', 5);
  fails(() => rd([0xff, 0xff, 0xff, 0xff, 0x1f]).u32(), 'integer too large', 4);
  fails(() => rd([0x80, 0x80, 0x80, 0x80, 0x70]).u32(), 'integer too large', 4);
  fails(() => rd([0x80, 0x80]).u32(), 'unexpected end of section or function', 2);
  fails(() => rd([]).u32(), 'unexpected end of section or function', 0);
});

test('REQ-CORE-DEC-003: s32 LEB128 boundary values and sign-extension rule of the last byte', () => {
  assert.equal(rd([0x7f]).s32(), -1);
  assert.equal(rd([0x40]).s32(), -64);
  assert.equal(rd([0x3f]).s32(), 63);
  assert.equal(rd([0x80, 0x7f]).s32(), -128);
  assert.equal(rd([0xff, 0xff, 0xff, 0xff, 0x07]).s32(), 0x7fffffff);
  assert.equal(rd([0x80, 0x80, 0x80, 0x80, 0x78]).s32(), -0x80000000);
  assert.equal(rd([0xff, 0xff, 0xff, 0xff, 0x7f]).s32(), -1);
  fails(() => rd([0xff, 0xff, 0xff, 0xff, 0x0f]).s32(), 'integer too large', 4);
  fails(() => rd([0x80, 0x80, 0x80, 0x80, 0x70]).s32(), 'integer too large', 4);
  fails(() => rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).s32(), 'integer representation too long', 5);
});

test('REQ-CORE-DEC-003: s33 LEB128 covers the full type-index range and rejects 34-bit values', () => {
  assert.equal(rd([0x40]).s33(), -64);
  assert.equal(rd([0x7f]).s33(), -1);
  assert.equal(rd([0xff, 0xff, 0xff, 0xff, 0x0f]).s33(), 0xffffffff);
  assert.equal(rd([0x80, 0x80, 0x80, 0x80, 0x70]).s33(), -(2 ** 32));
  fails(() => rd([0x80, 0x80, 0x80, 0x80, 0x10]).s33(), 'integer too large', 4);
  fails(() => rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).s33(), 'integer representation too long', 5);
});

test('REQ-CORE-DEC-003: s64 LEB128 boundary values, ten-byte limit and last-byte rule', () => {
  assert.equal(rd([0x7f]).s64(), -1n);
  assert.equal(rd([0x00]).s64(), 0n);
  assert.equal(rd([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]).s64(), 0x7fffffffffffffffn);
  assert.equal(rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]).s64(), -0x8000000000000000n);
  assert.equal(rd([0xff, 0xff, 0xff, 0xff, 0x0f]).s64(), 0xffffffffn);
  assert.equal(rd([0x80, 0x80, 0x80, 0x80, 0x10]).s64(), 0x100000000n);
  fails(() => rd([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]).s64(), 'integer too large', 9);
  fails(() => rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]).s64(), 'integer too large', 9);
  fails(
    () => rd([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).s64(),
    'integer representation too long',
    10,
  );
});

test('REQ-CORE-DEC-003: LEB128 round trip for random values, minimal and maximally padded (property)', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), (v) => {
      assert.equal(rd(sleb(v)).s64(), v);
      // Pad to the full 10 bytes with sign-extension bytes.
      const enc = sleb(v);
      const fill = v < 0n ? 0x7f : 0x00;
      while (enc.length < 10) {
        enc[enc.length - 1]! |= 0x80;
        enc.push(fill);
      }
      assert.equal(rd(enc).s64(), v);
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.nat(0xffffffff), (s, u) => {
      assert.equal(rd(sleb(s)).s32(), s);
      assert.equal(rd(u32(u)).u32(), u);
    }),
    { numRuns: 300 },
  );
});

test('REQ-CORE-DEC-004: 1-bit LEB128 flags accept 0 and 1 only', () => {
  assert.equal(rd([0x00]).u1(), 0);
  assert.equal(rd([0x01]).u1(), 1);
  fails(() => rd([0x02]).u1(), 'integer too large', 0);
  fails(() => rd([0x81, 0x00]).u1(), 'integer representation too long', 1);
});

test('REQ-CORE-DEC-005: a length beyond the remaining bytes is "length out of bounds"', () => {
  assert.equal(rd([0x02, 0xaa, 0xbb]).len(), 2);
  fails(() => rd([0x03, 0xaa]).len(), 'length out of bounds', 0);
  fails(() => rd([0xff, 0xff, 0xff, 0xff, 0x0f]).len(), 'length out of bounds', 0);
});

test('REQ-CORE-DEC-006: names decode valid UTF-8 of every sequence length', () => {
  for (const s of ['', 'abc', 'h\u00e9llo', '\u20ac', '\u{1F600}', '\u{10FFFF}', '\u0000', '\uFFFF']) {
    const b = [...Buffer.from(s, 'utf8')];
    assert.equal(rd([...u32(b.length), ...b]).name(), s);
  }
});

test('REQ-CORE-DEC-006: names reject ill-formed UTF-8 (stray, overlong, surrogate, too large, truncated)', () => {
  const bad: number[][] = [
    [0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xc2], [0xc2, 0x41], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf],
    [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xe2, 0x82], [0xf0, 0x80, 0x80, 0x80], [0xf0, 0x8f, 0xbf, 0xbf],
    [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff], [0xfe],
    [0x41, 0xf0, 0x9f, 0x98],
  ];
  for (const b of bad) {
    fails(() => rd([b.length, ...b]).name(), 'malformed UTF-8 encoding', 0);
  }
});

test('REQ-CORE-DEC-006: UTF-8 decoding agrees with the platform decoder on random bytes (property)', () => {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
      let expected: string | undefined;
      try {
        expected = strict.decode(bytes);
      } catch {
        expected = undefined;
      }
      assert.equal(decodeUtf8(bytes, 0, bytes.length), expected);
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 8 }), (s) => {
      const bytes = new Uint8Array(Buffer.from(s, 'utf8'));
      assert.equal(decodeUtf8(bytes, 0, bytes.length), s);
    }),
    { numRuns: 500 },
  );
});

test('REQ-CORE-DEC-002: fixed-width reads and skips stop at the end with DecodeError', () => {
  assert.equal(rd([0x00, 0x61, 0x73, 0x6d]).fixed32(), 0x6d736100);
  fails(() => rd([0x00, 0x61, 0x73]).fixed32(), 'unexpected end of section or function', 3);
  fails(() => rd([0x00]).take(2), 'unexpected end of section or function');
  fails(() => rd([0x00]).skip(-1), 'unexpected end of section or function');
  fails(() => rd([0x01]).zeroByte(), 'zero byte expected', 0);
});
