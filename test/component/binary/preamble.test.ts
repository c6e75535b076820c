import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeComponent, isComponent, isCoreModule } from '../../../src/component/index.js';
import { CORE_PREAMBLE, PREAMBLE, component, decodeFails } from './encode.js';

test('REQ-CM-BIN-001: an empty component (preamble only) decodes to no definitions', () => {
  const c = decodeComponent(component());
  assert.deepEqual(c.definitions, []);
  assert.deepEqual(c.customSections, []);
  assert.equal(c.names, undefined);
  assert.equal(c.offset, 0);
});

test('REQ-CM-BIN-001: every truncation of the preamble is a DecodeError', () => {
  for (let n = 0; n < PREAMBLE.length; n++) {
    decodeFails(new Uint8Array(PREAMBLE.slice(0, n)), /unexpected end|magic/);
  }
});

test('REQ-CM-BIN-001: a wrong magic is rejected at offset 0', () => {
  for (const magic of [[0x61, 0x73, 0x6d, 0x00], [0x00, 0x41, 0x53, 0x4d], [0xff, 0x61, 0x73, 0x6d]]) {
    decodeFails(new Uint8Array([...magic, 0x0d, 0x00, 0x01, 0x00]), /magic header not detected/, 0);
  }
});

test('REQ-CM-BIN-001: other versions and layers are rejected with the offset of the bad field', () => {
  decodeFails(new Uint8Array([...PREAMBLE.slice(0, 4), 0x0c, 0x00, 0x01, 0x00]), /unknown component binary version/, 4);
  decodeFails(new Uint8Array([...PREAMBLE.slice(0, 4), 0x0e, 0x00, 0x01, 0x00]), /unknown component binary version/, 4);
  decodeFails(new Uint8Array([...PREAMBLE.slice(0, 4), 0x00, 0x0d, 0x01, 0x00]), /unknown component binary version/, 4);
  decodeFails(new Uint8Array([...PREAMBLE.slice(0, 4), 0x0d, 0x00, 0x02, 0x00]), /unknown binary layer/, 6);
  decodeFails(new Uint8Array([...PREAMBLE.slice(0, 4), 0x0d, 0x00, 0x01, 0x01]), /unknown binary layer/, 6);
  decodeFails(new Uint8Array([...PREAMBLE.slice(0, 4), 0x0d, 0x00, 0x00, 0x00]), /unknown binary layer/, 6);
});

test('REQ-CM-BIN-001: a core module handed to decodeComponent is rejected with a clear reason', () => {
  decodeFails(new Uint8Array(CORE_PREAMBLE), /expected a component \(layer 1\), found a core module \(layer 0\)/, 4);
});

test('REQ-CM-BIN-002: isComponent and isCoreModule tell the two layers apart by the preamble', () => {
  assert.equal(isComponent(new Uint8Array(PREAMBLE)), true);
  assert.equal(isCoreModule(new Uint8Array(PREAMBLE)), false);
  assert.equal(isComponent(new Uint8Array(CORE_PREAMBLE)), false);
  assert.equal(isCoreModule(new Uint8Array(CORE_PREAMBLE)), true);
  // A component of another (future) version is still a component by its layer field.
  assert.equal(isComponent(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0e, 0x00, 0x01, 0x00])), true);
  // Too short, wrong magic, unknown layer: neither.
  for (const b of [[], PREAMBLE.slice(0, 7), [0x01, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00], [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x02, 0x00]]) {
    assert.equal(isComponent(new Uint8Array(b)), false);
    assert.equal(isCoreModule(new Uint8Array(b)), false);
  }
});
