/** The validator's word buffer and slab (validate/code-writer.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Slab, WordWriter } from '../../../src/core/validate/code-writer.js';

test('REQ-PERF-009: slab arrays have the requested length, start zeroed and never share an element', () => {
  const slab = new Slab();
  const sizes = [0, 1, 3, 4096, 7, 5000, 1 << 19, 2, 70_000, 1];
  const words = sizes.map((n) => slab.int32(n));
  const bytes = sizes.map((n) => slab.uint8(n));
  for (let i = 0; i < sizes.length; i++) {
    assert.equal(words[i]!.length, sizes[i]);
    assert.equal(bytes[i]!.length, sizes[i]);
    assert.ok(words[i]!.every((w) => w === 0));
    assert.ok(bytes[i]!.every((b) => b === 0));
  }
  // Fill each array with its own mark; no other array may see it.
  words.forEach((a, i) => a.fill(i + 1));
  bytes.forEach((a, i) => a.fill(i + 1));
  words.forEach((a, i) => assert.ok(a.every((w) => w === i + 1), `int32 array ${i} intact`));
  bytes.forEach((a, i) => assert.ok(a.every((b) => b === i + 1), `uint8 array ${i} intact`));
});

test('REQ-PERF-009: a word writer copies exactly its words into a slab', () => {
  const slab = new Slab();
  const w = new WordWriter(2);
  for (let i = 0; i < 10; i++) w.push(i * 3 - 5);
  const first = w.copyTo(slab);
  w.reset();
  w.push(42);
  const second = w.copyTo(slab);
  assert.deepEqual([...first], [-5, -2, 1, 4, 7, 10, 13, 16, 19, 22]);
  assert.deepEqual([...second], [42]);
});
