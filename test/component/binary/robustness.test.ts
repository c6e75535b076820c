/**
 * Fault injection and property tests: whatever the bytes, decodeComponent returns a Component or
 * throws a DecodeError; never another exception (RangeError, TypeError, stack overflow...).
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeComponent } from '../../../src/component/index.js';
import { DecodeError } from '../../../src/core/errors.js';
import {
  CORE_PREAMBLE, PREAMBLE, Prim, Sec, component, componentBytes, customSection, externName, externNameWith, funcType,
  section, str, vec, vecSection,
} from './encode.js';

/** A component that uses every section kind this decoder supports. */
const RICH: Uint8Array = component(
  section(Sec.coreModule, [...CORE_PREAMBLE, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00]),
  vecSection(Sec.coreInstance, [0x00, 0x00, ...vec([[...str('i'), 0x12, 0x00]])], [0x01, ...vec([[...str('f'), 0x00, 0x00]])]),
  vecSection(Sec.coreType, [0x60, 0x01, 0x7f, 0x00], [0x50, ...vec([[0x00, ...str('a'), ...str('b'), 0x00, 0x00], [0x03, ...str('e'), 0x02, 0x00, 0x01]])]),
  section(Sec.component, componentBytes(vecSection(Sec.type, [Prim.string]))),
  vecSection(Sec.type,
    [0x72, ...vec([[...str('a'), Prim.bool]])], [0x71, ...vec([[...str('x'), 0x01, Prim.s8, 0x00]])], [0x70, 0x00],
    [0x6f, ...vec([[Prim.u8], [Prim.f64]])], [0x6e, ...vec([str('f')])], [0x6d, ...vec([str('e')])], [0x6b, Prim.char],
    [0x6a, 0x01, Prim.u32, 0x01, Prim.string], [0x3f, 0x7f, 0x01, 0x00], [0x69, 0x08], [0x68, 0x08], [0x66, 0x00], [0x65, 0x01, Prim.u8],
    funcType([['p', [Prim.u32]]], [0x00]),
    [0x41, ...vec([[0x03, ...externName('a'), 0x01, 0x0d], [0x04, ...externName('b'), 0x03, 0x01]])],
    [0x42, ...vec([[0x02, 0x03, 0x02, 0x01, 0x00], [0x04, ...externName('t'), 0x03, 0x00, 0x00]])],
  ),
  vecSection(Sec.instance, [0x00, 0x00, ...vec([[...str('x'), 0x01, 0x00]])], [0x01, ...vec([[...externName('g'), 0x01, 0x00]])]),
  vecSection(Sec.alias, [0x01, 0x00, 0x01, ...str('g')], [0x00, 0x00, 0x01, 0x00, ...str('f')], [0x03, 0x02, 0x01, 0x00]),
  vecSection(Sec.canon, [0x00, 0x00, 0x00, ...vec([[0x00], [0x03, 0x00]]), 0x0d], [0x01, 0x00, 0x00, 0x00], [0x02, 0x08], [0x0f, 0x0b, 0x00]),
  section(Sec.start, [0x00, 0x00, 0x00]),
  vecSection(Sec.import, [...externName('wasi:mcp/handlers@0.1.0'), 0x05, 0x0f], [...externNameWith('r', [[0x00, ...str('a:b/c')]]), 0x03, 0x01]),
  vecSection(Sec.export, [...externName('run'), 0x01, 0x00, 0x01, 0x01, 0x0d]),
  customSection('component-name', [...section(0, str('rich')), ...section(1, [0x01, ...vec([[0x00, ...str('run')]])])]),
);

/** Offsets where a top-level section starts (and the preamble ends): the well-formed cut points. */
function sectionBoundaries(bytes: Uint8Array): Set<number> {
  const out = new Set<number>();
  let pos = PREAMBLE.length;
  while (pos < bytes.length) {
    out.add(pos);
    pos++; // id
    let size = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++]!;
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) break;
    }
    pos += size;
  }
  return out;
}

function decodesOrDecodeError(bytes: Uint8Array): void {
  try {
    decodeComponent(bytes);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw new Error(`non-DecodeError escaped: ${String(e)}`, { cause: e });
    assert.ok(Number.isInteger(e.offset) && e.offset >= 0 && e.offset <= bytes.length, `offset ${e.offset} within the input`);
  }
}

test('REQ-CM-BIN-018: the rich fixture decodes (precondition of the mutation tests)', () => {
  const c = decodeComponent(RICH);
  assert.equal(c.definitions.length, 35);
  assert.equal(c.names?.component, 'rich');
});

test('REQ-CM-BIN-018: every proper prefix of a component is a DecodeError with an offset in range', () => {
  // Section-bounded reads make every cut a failure: either in the preamble, in a section header, or
  // because a section's size runs past the end.
  const boundaries = sectionBoundaries(RICH);
  assert.equal(boundaries.size, 12); // one per section; the first is the end of the preamble
  for (let n = 0; n < RICH.length; n++) {
    if (boundaries.has(n)) continue; // a cut between sections leaves a shorter, well-formed component
    const bytes = RICH.slice(0, n);
    assert.throws(() => decodeComponent(bytes), (e: unknown) => e instanceof DecodeError && e.offset <= n, `prefix of ${n} bytes`);
  }
});

test('REQ-CM-BIN-018: every single-byte change of a component decodes or fails with DecodeError', () => {
  const bytes = RICH.slice();
  for (let i = 0; i < bytes.length; i++) {
    const orig = bytes[i]!;
    for (const v of [0x00, 0x01, 0x02, 0x7f, 0x80, 0xff, orig ^ 0x40, (orig + 1) & 0xff]) {
      bytes[i] = v;
      decodesOrDecodeError(bytes);
    }
    bytes[i] = orig;
  }
});

test('REQ-CM-BIN-018: random mutations never throw anything but DecodeError (property)', () => {
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), value: fc.constant(0) }),
  );
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (muts) => {
      const b = [...RICH];
      for (const m of muts) {
        const at = PREAMBLE.length + (m.at % Math.max(1, b.length - PREAMBLE.length));
        if (m.kind === 'set') b[at] = m.value;
        else if (m.kind === 'insert') b.splice(at, 0, m.value);
        else b.splice(at, 1);
      }
      decodesOrDecodeError(new Uint8Array(b));
    }),
    { numRuns: 3000 },
  );
});

test('REQ-CM-BIN-018: random section contents never throw anything but DecodeError (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 12 }), fc.uint8Array({ maxLength: 64 }), (id, content) => {
      decodesOrDecodeError(component(section(id, [...content])));
      decodesOrDecodeError(component([id, ...content]));
    }),
    { numRuns: 5000 },
  );
});
