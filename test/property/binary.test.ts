/**
 * Property 3 (issue #6): our decoder + validator (`load`) accept exactly the binaries V8 accepts
 * (`WebAssembly.validate`), on generated valid modules and on mutations of them (test/fuzz/mutate.ts).
 * Every rejection is a DecodeError or ValidationError, never another exception; no input takes long
 * or makes the process allocate much (heap and array buffers are sampled around each load).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DecodeError, ValidationError, load } from '../../src/core/index.js';
import { initWabt, isPost20Feature, V8 } from '../fuzz/oracle.js';
import { caseArb } from '../fuzz/program-run.js';
import { mutate, mutationArb } from '../fuzz/mutate.js';
import { checkProperty } from '../fuzz/property.js';

before(async () => {
  await initWabt();
});

/** Bounds for one `load` of a binary of a few kilobytes. */
const MAX_MS = 2000;
const MAX_GROWTH_BYTES = 64 * 1024 * 1024;

function allocated(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** 'valid', 'decode' or 'validation'; anything else thrown fails the property. */
export function classify(bytes: Uint8Array): { verdict: 'valid' | 'decode' | 'validation'; ms: number; growth: number; reason: string; post20: boolean } {
  const before = allocated();
  const t0 = performance.now();
  let verdict: 'valid' | 'decode' | 'validation' = 'valid';
  let reason = '';
  let post20 = false;
  try {
    load(bytes);
  } catch (e) {
    if (e instanceof DecodeError) { verdict = 'decode'; reason = e.message; post20 = isPost20Feature(bytes, e.reason, e.offset); }
    else if (e instanceof ValidationError) { verdict = 'validation'; reason = e.message; }
    else throw new Error(`untyped rejection: ${String(e)}`, { cause: e });
  }
  return { verdict, ms: performance.now() - t0, growth: allocated() - before, reason, post20 };
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('REQ-ROB-003: load agrees with WebAssembly.validate on generated and mutated binaries, rejecting only with typed errors', async () => {
  const tally = { valid: 0, decode: 0, validation: 0, post20: 0 };
  let maxMs = 0;
  let maxGrowth = 0;
  await checkProperty('binary/mutations', 200, fc.property(caseArb, fc.array(mutationArb, { minLength: 0, maxLength: 3 }), (c, ms) => {
    const bytes = ms.reduce(mutate, c.bytes);
    const ours = classify(bytes);
    const v8 = V8.validate(bytes);
    tally[ours.verdict]++;
    maxMs = Math.max(maxMs, ours.ms);
    maxGrowth = Math.max(maxGrowth, ours.growth);
    // V8 may implement proposals after 2.0 (npm test runs Node 22); a byte of one is no disagreement.
    if (v8 && ours.post20) tally.post20++;
    else if ((ours.verdict === 'valid') !== v8) {
      throw new Error(`ours ${ours.verdict} (${ours.reason}), V8 ${v8 ? 'valid' : 'invalid'}; mutations ${JSON.stringify(ms)}\n${hex(bytes)}`);
    }
    assert.ok(ours.ms < MAX_MS, `load took ${ours.ms} ms`);
    assert.ok(ours.growth < MAX_GROWTH_BYTES, `load grew memory by ${ours.growth} bytes`);
    return true;
  }));
  console.log(`[property] binary/mutations: ${JSON.stringify(tally)}, slowest load ${maxMs.toFixed(1)} ms, largest growth ${(maxGrowth / 1048576).toFixed(1)} MiB`);
  assert.ok(tally.decode > 0 && tally.validation > 0 && tally.valid > 0);
});

test('REQ-ROB-003: random bytes behind a valid header are rejected with typed errors, as V8 rejects them', async () => {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  await checkProperty('binary/random-bytes', 300, fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (tail, withHeader) => {
    const bytes = withHeader ? Uint8Array.from([...header, ...tail]) : tail;
    const ours = classify(bytes);
    const v8 = V8.validate(bytes);
    if (!(v8 && ours.post20) && (ours.verdict === 'valid') !== v8) throw new Error(`ours ${ours.verdict} (${ours.reason}) on ${hex(bytes)}`);
    return true;
  }));
});
