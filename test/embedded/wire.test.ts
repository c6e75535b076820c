import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bytesToHex, fromWire, hexToBytes, toWire } from '../../embedded/wire.js';

test('REQ-EMB-005: the Node-QuickJS wire format carries bigints and byte arrays exactly', () => {
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(fc.bigInt(), fc.uint8Array({ maxLength: 40 }), fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string().filter((k) => !k.startsWith('$') && k !== '__proto__'), tie('node'), { maxKeys: 4, noNullPrototype: true })),
  })).node;
  fc.assert(fc.property(value, (v) => {
    assert.deepEqual(fromWire(toWire(v)), v);
  }), { numRuns: 300 });
  assert.equal(bytesToHex(new Uint8Array([0, 0x0f, 0xa0, 0xff])), '000fa0ff');
  assert.deepEqual(hexToBytes('000fa0ff'), new Uint8Array([0, 0x0f, 0xa0, 0xff]));
  assert.throws(() => hexToBytes('0g'));
  assert.throws(() => hexToBytes('abc'));
});
