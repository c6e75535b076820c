import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from '../../../src/core/binary/index.js';
import { u32 } from './build.js';

/** A module of `funcs` functions whose bodies repeat a mix of common instructions (about 4 KB each). */
function bigModule(funcs: number): Uint8Array {
  const pattern = [
    0x20, 0x00, 0x41, 0xc0, 0x00, 0x6a, 0x21, 0x00, // local.get 0; i32.const 64; i32.add; local.set 0
    0x20, 0x00, 0x28, 0x02, 0x10, 0x1a, // local.get 0; i32.load offset=16; drop
    0x02, 0x40, 0x0b, // block; end
    0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x1a, // f64.const 1; drop
    0x42, 0xff, 0x01, 0x1a, // i64.const 255; drop
  ];
  const reps = Math.floor(4000 / pattern.length);
  const bodyLen = 3 + reps * pattern.length + 1;
  const body = new Uint8Array(bodyLen);
  body.set([1, 1, 0x7f]); // one local i32
  for (let i = 0; i < reps; i++) body.set(pattern, 3 + i * pattern.length);
  body[bodyLen - 1] = 0x0b;
  const size = u32(bodyLen);
  const count = u32(funcs);
  const code = new Uint8Array(count.length + funcs * (size.length + bodyLen));
  code.set(count);
  let p = count.length;
  for (let i = 0; i < funcs; i++) {
    code.set(size, p);
    code.set(body, p + size.length);
    p += size.length + bodyLen;
  }
  const head = [
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    1, 5, 1, 0x60, 1, 0x7f, 0, // type (i32) -> ()
    3, ...u32(count.length + funcs), ...count, ...new Array<number>(funcs).fill(0),
    5, 3, 1, 0, 1, // memory 1
    10, ...u32(code.length),
  ];
  const bytes = new Uint8Array(head.length + code.length);
  bytes.set(head);
  bytes.set(code, head.length);
  return bytes;
}

test('REQ-CORE-DEC-029@2: a module of more than 12 MB of code decodes completely, every body intact', () => {
  // Speed is measured by the benchmark suite (`npm run bench`, load MB/s), never by a timed unit test.
  const bytes = bigModule(3000);
  assert.ok(bytes.length > 12_000_000);
  const m = decode(bytes);
  assert.equal(m.codes.length, 3000);
  for (const i of [0, 1499, 2999]) {
    const body = m.codes[i]!.body;
    assert.equal(body.length, 1 + 129 * 13);
    assert.equal(body[0]!.op, 0x20);
    assert.equal(body[body.length - 1]!.op, 0x0b);
  }
});

test('REQ-CORE-DEC-030: function bodies are materialized from a private copy, identically on every read', () => {
  const bytes = bigModule(2);
  const m = decode(bytes);
  const first = m.codes[1]!.body;
  bytes.fill(0xff); // the caller reuses its buffer
  const second = m.codes[1]!.body;
  assert.notEqual(first, second, 'a fresh array on each read');
  assert.deepEqual(second, first);
  assert.equal(first[0]!.op, 0x20);
  assert.equal(first[0]!.offset, m.codes[1]!.offset + 2 + 3);
});
