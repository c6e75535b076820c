/**
 * Regression (found by the 100x soak of property binary/mutations, seed 20261206, run 9326): a mutation
 * turned an instruction into `ref.null 0`, a heap type given as a type index. That is typed function
 * references, a proposal after 2.0 which the V8 of Node 22 (the Node `npm test` runs) accepts; our 2.0
 * decoder rightly rejects it as "malformed reference type". The disagreement was the oracle's, not the
 * core's: isPost20Feature (test/fuzz/oracle.ts) now recognizes a type-index heap type. Minimal case:
 * one function `(func ref.null 0 drop)`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeError, load } from '../../src/core/index.js';
import { isPost20Feature, V8 } from '../fuzz/oracle.js';

// type section: [] -> []; one function of type 0; body: no locals, ref.null 0, drop, end.
const BODY = [0x00, 0xd0, 0x00, 0x1a, 0x0b];
const BYTES = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
  0x03, 0x02, 0x01, 0x00,
  0x0a, BODY.length + 2, 0x01, BODY.length, ...BODY,
]);
const HEAP_TYPE_AT = BYTES.length - 3;

test('REQ-ROB-003: ref.null with a type-index heap type is a DecodeError for the 2.0 core and a post-2.0 feature for the oracle', () => {
  assert.throws(() => load(BYTES), (e: unknown) => {
    assert.ok(e instanceof DecodeError, String(e));
    assert.equal(e.reason, 'malformed reference type');
    assert.equal(e.offset, HEAP_TYPE_AT);
    assert.ok(isPost20Feature(BYTES, e.reason, e.offset), 'the oracle recognizes the typed-references heap type');
    return true;
  });
  // A 2.0 heap type at the same place is no post-2.0 feature, and a 2.0 module still loads.
  const funcref = BYTES.slice();
  funcref[HEAP_TYPE_AT] = 0x70;
  load(funcref);
  assert.ok(V8.validate(funcref));
  assert.equal(isPost20Feature(funcref, 'malformed reference type', HEAP_TYPE_AT), false);
  console.log(`[regression] V8 of Node ${process.version} ${V8.validate(BYTES) ? 'accepts' : 'rejects'} ref.null with a type index`);
});
