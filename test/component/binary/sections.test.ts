import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeComponent } from '../../../src/component/index.js';
import { PREAMBLE, Prim, Sec, component, customSection, decodeFails, section, str, u32, vec, vecSection } from './encode.js';

test('REQ-CM-BIN-003: sections may repeat and interleave; definitions keep binary order', () => {
  const c = decodeComponent(component(
    vecSection(Sec.type, [Prim.string]),
    customSection('between', []),
    vecSection(Sec.alias, [0x03, 0x02, 0x00, 0x00]),
    vecSection(Sec.type, [0x70, 0x01]),
  ));
  assert.deepEqual(c.definitions.map((d) => d.kind), ['type', 'alias', 'type']);
  assert.deepEqual(c.definitions.map((d) => d.offset), [11, 25, 32]);
});

test('REQ-CM-BIN-003: section ids above 12 are malformed, with the offset of the id', () => {
  decodeFails(component([0x0d, 0x00]), /malformed section id/, 8);
  decodeFails(component([0x3c, 0x00]), /malformed section id/, 8);
  decodeFails(component([0xff]), /malformed section id/, 8);
});

test('REQ-CM-BIN-003: a section whose size runs past the end is malformed', () => {
  decodeFails(component([Sec.type, 0x03, 0x00]), /runs past the end/, 9);
  decodeFails(component([Sec.custom, 0x80, 0x80]), /unexpected end/);
  decodeFails(component([Sec.custom]), /unexpected end/);
});

test('REQ-CM-BIN-003: content shorter than the section size is a size mismatch', () => {
  decodeFails(component(section(Sec.type, [0x01, Prim.string, 0x00])), /section size mismatch/, 12);
});

test('REQ-CM-BIN-003: an item cannot read past the end of its section into the next one', () => {
  // The type section claims 1 byte but its one type (a list of u8) needs 2; the next byte is a valid
  // custom-section id that must not be consumed.
  decodeFails(component([Sec.type, 0x02, 0x01, 0x70], customSection('x', [])), /unexpected end/);
  decodeFails(component([Sec.type, 0x01, 0x01, Prim.string]), /unexpected end/, 11);
});

test('REQ-CM-BIN-004: zero-padded LEB128 sizes are accepted; bits beyond 32 are rejected', () => {
  const ok = decodeComponent(component([Sec.type, 0x81, 0x80, 0x80, 0x80, 0x00, 0x00]));
  assert.deepEqual(ok.definitions, []);
  decodeFails(component([Sec.type, 0x81, 0x80, 0x80, 0x80, 0x70, 0x00]), /integer too large/, 13);
  decodeFails(component([Sec.type, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00]), /integer representation too long/);
});

test('REQ-CM-BIN-004: a vector count larger than the bytes left is rejected before allocating', () => {
  decodeFails(component(section(Sec.type, [0xbf, 0x84, 0x3d, Prim.string])), /length out of bounds/, 10);
  decodeFails(component(section(Sec.type, [0xff, 0xff, 0xff, 0xff, 0x0f])), /length out of bounds/, 10);
  decodeFails(component(section(Sec.type, [0x02, Prim.string])), /unexpected end/);
});

test('REQ-CM-BIN-004: names must be well-formed UTF-8 and fit in their section', () => {
  decodeFails(component(section(Sec.custom, [0x02, 0xff, 0xfe])), /malformed UTF-8 encoding/, 10);
  decodeFails(component(section(Sec.custom, [0x02, 0xed, 0xa0])), /malformed UTF-8 encoding/, 10);
  decodeFails(component(section(Sec.custom, [0x05, 0x61, 0x62])), /length out of bounds/, 10);
  decodeFails(component(section(Sec.import, [0x01, 0x00, 0x7f, 0x61, 0x62])), /length out of bounds/);
});

test('REQ-CM-BIN-005: custom sections are kept with their name, payload copy and offset', () => {
  const bytes = component(customSection('hi', [1, 2, 3]));
  const c = decodeComponent(bytes);
  assert.equal(c.customSections.length, 1);
  const cs = c.customSections[0]!;
  assert.equal(cs.name, 'hi');
  assert.deepEqual([...cs.bytes], [1, 2, 3]);
  assert.equal(cs.offset, 10);
  bytes[bytes.length - 1] = 9; // the decoded payload is a copy
  assert.deepEqual([...cs.bytes], [1, 2, 3]);
});

test('REQ-CM-BIN-005: the component-name section is decoded for diagnostics', () => {
  const names = [
    ...section(0, str('my-comp')),
    ...section(1, [0x01, ...vec([[...u32(0), ...str('run')], [...u32(3), ...str('helper')]])]),
    ...section(1, [0x00, 0x11, ...vec([[...u32(0), ...str('inner')]])]),
    ...section(7, [0xde, 0xad]), // unknown subsection: skipped
  ];
  const c = decodeComponent(component(customSection('component-name', names)));
  assert.deepEqual(c.names, {
    component: 'my-comp',
    sorts: [
      { sort: 'func', names: [{ index: 0, name: 'run' }, { index: 3, name: 'helper' }] },
      { sort: 'core module', names: [{ index: 0, name: 'inner' }] },
    ],
  });
});

test('REQ-CM-BIN-005: a malformed component-name section is ignored, not an error', () => {
  const c = decodeComponent(component(
    customSection('component-name', [0xff, 0xfe, 0x01]),
    customSection('component-name', section(0, str('second'))),
  ));
  assert.equal(c.customSections.length, 2);
  assert.deepEqual(c.names, { component: 'second', sorts: [] });
  const bad = decodeComponent(component(customSection('component-name', [0x00, 0x05, 0x01])));
  assert.equal(bad.names, undefined);
});

test('REQ-CM-BIN-017: the value section (🪙) is rejected as unsupported', () => {
  decodeFails(component(section(Sec.value, [0x01, Prim.bool, 0x01, 0x01])), /^unsupported value section/, 8);
});

test('REQ-CM-BIN-001: the preamble is checked before any section', () => {
  decodeFails(new Uint8Array([...PREAMBLE.slice(0, 6), 0x00, 0x00, Sec.type, 0x01, 0x00]), /unknown binary layer/, 6);
});
