import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import wabtInit from 'wabt';
import { decode, DECODE_REASONS } from '../../../src/core/binary/index.js';
import { DecodeError } from '../../../src/core/errors.js';
import { isPost20Feature } from '../../fuzz/oracle.js';

const wabt = await wabtInit();
const FEATURES = { simd: true, reference_types: true, bulk_memory: true, sat_float_to_int: true, sign_extension: true,
  multi_value: true };

const SEED_WAT = `(module
  (type $t (func (param i32 i64) (result f32)))
  (import "env" "f" (func $imp (type $t)))
  (import "env" "g" (global $g (mut i32)))
  (import "env" "m" (memory 1 2))
  (table $tab 2 10 funcref)
  (table $ext 1 externref)
  (global $h (mut i64) (i64.const -1234567890123))
  (global $v v128 (v128.const i32x4 1 2 3 4))
  (export "run" (func $run))
  (export "tab" (table $tab))
  (elem (i32.const 0) $run $imp)
  (elem $p funcref (ref.func $run) (ref.null func))
  (elem declare func $run)
  (data (i32.const 8) "hello\\00\\ff")
  (data $d "passive")
  (func $run (param $x i32) (result i32) (local $l i64) (local v128)
    (drop (block $b (result i32)
      (loop $lp
        (br_if $lp (i32.eqz (local.get $x)))
        (if (i32.const 1) (then (nop)) (else (unreachable))))
      (br_table $b $b (i32.const 7) (local.get $x))))
    (drop (call_indirect $tab (type $t) (i32.const 1) (i64.const 2) (i32.const 0)))
    (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))
    (data.drop $d)
    (table.init $tab $p (i32.const 0) (i32.const 0) (i32.const 1))
    (local.set 2 (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (local.get 2) (global.get $v)))
    (drop (i32x4.extract_lane 3 (v128.load16_lane offset=4 7 (i32.const 0) (local.get 2))))
    (drop (f64.const 3.5)) (drop (f32.const -0.25))
    (i32.add (i32.load offset=16 (i32.const 0)) (memory.grow (memory.size))))
  (start $start)
  (func $start (drop (select (result externref) (ref.null extern) (ref.null extern) (i32.const 0)))))`;

function seed(): Uint8Array {
  const m = wabt.parseWat('seed.wat', SEED_WAT, FEATURES);
  try {
    m.validate();
    return m.toBinary({}).buffer;
  } finally {
    m.destroy();
  }
}

const SEED = seed();
const REASONS = new Set<string>(DECODE_REASONS);

/** Decoding either succeeds or fails with a DecodeError carrying one of the documented reasons. */
function decodesOrRejects(bytes: Uint8Array): void {
  try {
    decode(bytes);
  } catch (e) {
    assert.ok(e instanceof DecodeError, `non-DecodeError escaped: ${String(e)}`);
    assert.ok(REASONS.has(e.reason), `undocumented reason: ${e.reason}`);
    assert.ok(e.offset >= 0 && e.offset <= bytes.length, `offset ${e.offset} outside the input`);
  }
}

type Mutation =
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; value: number }
  | { kind: 'delete'; at: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(bytes: number[], m: Mutation): number[] {
  if (bytes.length === 0) return bytes;
  const at = m.at % bytes.length;
  switch (m.kind) {
    case 'set': bytes[at] = m.value; return bytes;
    case 'insert': bytes.splice(at, 0, m.value); return bytes;
    case 'delete': bytes.splice(at, 1); return bytes;
    case 'truncate': return bytes.slice(0, at);
  }
}

test('REQ-CORE-DEC-028: the seed module decodes (precondition of the mutation property)', () => {
  const m = decode(SEED);
  assert.equal(m.imports.length, 3);
  assert.equal(m.codes.length, 2);
  assert.equal(m.elems.length, 3);
  assert.equal(m.datas.length, 2);
  assert.equal(m.dataCount, 2);
});

test('REQ-CORE-DEC-028: random mutations of a valid module only ever raise DecodeError (property)', () => {
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
      let bytes = [...SEED];
      for (const m of ms) bytes = apply(bytes, m);
      decodesOrRejects(new Uint8Array(bytes));
    }),
    { numRuns: 3000 },
  );
});

test('REQ-CORE-DEC-028: random bytes after a valid header only ever raise DecodeError (property)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (tail) => {
      const bytes = new Uint8Array(8 + tail.length);
      bytes.set([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
      bytes.set(tail, 8);
      decodesOrRejects(bytes);
    }),
    { numRuns: 3000 },
  );
});

/** The part of the JS WebAssembly API used as oracle (the project compiles without the DOM library). */
const V8 = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

test('REQ-CORE-DEC-028: every mutated module that V8 validates also decodes (differential, property)', () => {
  let v8Valid = 0;
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), (ms) => {
      let bytes = [...SEED];
      for (const m of ms) bytes = apply(bytes, m);
      const u = new Uint8Array(bytes);
      if (!V8.validate(u)) return;
      v8Valid++;
      try {
        decode(u);
      } catch (e) {
        assert.ok(e instanceof DecodeError, String(e));
        assert.ok(isPost20Feature(u, e.reason, e.offset), `V8 accepts, decoder rejects: ${e.message}`);
      }
    }),
    { numRuns: 4000 },
  );
  assert.ok(v8Valid > 30, `only ${v8Valid} mutants were valid`);
});
