import { test } from 'node:test';
import assert from 'node:assert/strict';
import wabtInit from 'wabt';
import { decode, OPS, Opc, opByName, opInfo, opName, normalizeOpcode } from '../../../src/core/binary/index.js';
import type { OpInfo } from '../../../src/core/binary/index.js';
import { assertMalformed, funcModule } from './build.js';

const FEATURES = {
  simd: true, reference_types: true, bulk_memory: true, sat_float_to_int: true, sign_extension: true,
  multi_value: true,
};

const wabt = await wabtInit();

function wat2wasm(text: string): Uint8Array {
  const m = wabt.parseWat('t.wat', text, FEATURES);
  try {
    return m.toBinary({}).buffer;
  } finally {
    m.destroy();
  }
}

/** Distinctive immediates in text form, so the decoded fields can be checked. */
function immText(info: OpInfo): string {
  switch (info.imm) {
    case 'lane': return ` ${info.lanes! - 1}`;
    case 'memarg': return ' offset=7';
    case 'memarg_lane': return ` offset=7 ${info.lanes! - 1}`;
    case 'v128': return ' i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16';
    case 'shuffle': return ' 31 1 2 3 4 5 6 7 8 9 10 11 12 13 14 0';
    case 'i32': return ' -5';
    case 'i64': return ' -5';
    case 'f32': return ' 1.5';
    case 'f64': return ' 1.5';
    case 'label': return ' 0';
    case 'br_table': return ' 0 0';
    case 'func': return ' 0';
    case 'call_indirect': return ' (type 0)';
    case 'local': case 'global': case 'table': case 'data': case 'elem': return ' 0';
    case 'reftype': return ' extern';
    case 'select_t': return ' (result i32)';
    case 'memory_init': case 'table_init': return ' 0';
    default: return '';
  }
}

const STRUCTURED = new Set(['block', 'loop', 'if', 'else', 'end']);
const PRELUDE = '(type (func)) (memory 1) (table 1 funcref) (global (mut i32) (i32.const 0)) (data "") (elem func 0)';

test('REQ-CORE-DEC-020: every table entry encodes (wabt) to the opcode and immediates the decoder reads back', () => {
  let checked = 0;
  for (const info of OPS) {
    if (STRUCTURED.has(info.name)) continue;
    const bin = wat2wasm(`(module ${PRELUDE} (func (local i32) ${info.name}${immText(info)}))`);
    const m = decode(bin);
    const ins = m.codes[0]!.body[0]!;
    assert.equal(ins.op, info.op, `${info.name}: opcode 0x${info.op.toString(16)} vs wabt 0x${ins.op.toString(16)}`);
    assert.equal(opName(ins.op), info.name);
    switch (info.imm) {
      case 'memarg':
        assert.equal(ins.a, info.align, `${info.name}: natural alignment`);
        assert.equal(ins.b, 7);
        break;
      case 'memarg_lane':
        assert.equal(ins.a, info.align, `${info.name}: natural alignment`);
        assert.equal(ins.b, 7);
        assert.equal(ins.c, info.lanes! - 1);
        break;
      case 'lane':
        assert.equal(ins.a, info.lanes! - 1);
        break;
      case 'v128':
        assert.deepEqual([...ins.bytes!], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
        break;
      case 'shuffle':
        assert.deepEqual([...ins.bytes!], [31, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0]);
        break;
      case 'i32':
        assert.equal(ins.a, -5);
        break;
      case 'i64':
        assert.equal(ins.big, -5n);
        break;
      case 'f32':
        assert.equal(ins.a, 0x3fc00000);
        break;
      case 'f64':
        assert.equal(ins.a, 0);
        assert.equal(ins.b, 0x3ff80000);
        break;
      case 'reftype':
        assert.equal(ins.a, 0x6f);
        break;
      case 'select_t':
        assert.deepEqual(ins.types, [0x7f]);
        break;
      default:
        break;
    }
    checked++;
  }
  assert.equal(checked, OPS.length - STRUCTURED.size);
});

test('REQ-CORE-DEC-021: every fixed signature in the table type-checks in wabt', () => {
  const letter: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128' };
  let checked = 0;
  for (const info of OPS) {
    if (info.sig === undefined) continue;
    const params = info.sig.params.map((t) => letter[t]!);
    const results = info.sig.results.map((t) => letter[t]!);
    const gets = params.map((_, i) => `local.get ${i}`).join(' ');
    const text = `(module ${PRELUDE} (func (param ${params.join(' ')}) (result ${results.join(' ')}) ` +
      `${gets} ${info.name}${immText(info)}))`;
    const m = wabt.parseWat('t.wat', text, FEATURES);
    try {
      assert.doesNotThrow(() => m.validate(), `${info.name}: ${text}`);
    } finally {
      m.destroy();
    }
    checked++;
  }
  assert.ok(checked > 380, `checked ${checked} signatures`);
});

test('REQ-CORE-DEC-020: the table holds all 2.0 instructions, with the SIMD numbering gaps', () => {
  const simd = OPS.filter((o) => o.feature === 'simd');
  assert.equal(simd.length, 236);
  assert.equal(OPS.length, 437); // 201 non-SIMD (172 MVP + 6 reference types + 5 sign extension + 18 0xFC) + 236 SIMD
  const gaps = [0x9a, 0xa2, 0xa5, 0xa6, 0xaf, 0xb0, 0xb2, 0xb3, 0xb4, 0xbb, 0xc2, 0xc5, 0xc6, 0xcf, 0xd0, 0xd2, 0xd3,
    0xd4, 0xe2, 0xee];
  for (let sub = 0; sub <= 0xff; sub++) {
    assert.equal(opInfo(0x200 + sub) === undefined, gaps.includes(sub), `SIMD 0x${sub.toString(16)}`);
  }
  for (let sub = 0; sub <= 0x13; sub++) assert.equal(opInfo(0x300 + sub), undefined);
  for (let sub = 0; sub <= 0xff; sub++) assert.equal(opInfo(0x100 + sub) !== undefined, sub <= 17);
  // Single-byte opcodes that 2.0 leaves unassigned.
  for (const b of [0x06, 0x07, 0x08, 0x09, 0x0a, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1d, 0x1e, 0x1f,
    0x27, 0xc5, 0xcf, 0xd3, 0xfb, 0xfe, 0xff]) {
    assert.equal(opInfo(b), undefined, `0x${b.toString(16)}`);
  }
  assert.equal(opInfo(-1), undefined);
  assert.equal(opInfo(0x1000), undefined);
  for (const o of OPS) assert.equal(opInfo(o.op), o);
  assert.match(opName(0x9a + 0x200), /unknown/);
});

test('REQ-CORE-DEC-020: memory and lane entries carry alignment and lane counts', () => {
  for (const o of OPS) {
    assert.equal(o.align !== undefined, o.imm === 'memarg' || o.imm === 'memarg_lane', o.name);
    assert.equal(o.lanes !== undefined, o.imm === 'lane' || o.imm === 'memarg_lane', o.name);
    if (o.imm === 'memarg_lane') assert.equal(2 ** o.align! * o.lanes!, 16, o.name);
  }
});

test('REQ-CORE-DEC-020: named constants, name lookup and normalization agree with the table', () => {
  for (const [key, op] of Object.entries(Opc)) {
    if (key === 'select_t') {
      assert.equal(opInfo(op)!.imm, 'select_t');
      continue;
    }
    const name = opInfo(op)!.name;
    assert.equal(name.replace('.', '_'), key);
    assert.equal(opByName(name), op);
  }
  assert.equal(opByName('select'), 0x1b);
  assert.equal(opByName('no.such'), undefined);
  assert.equal(normalizeOpcode(0, 0x6a), 0x6a);
  assert.equal(normalizeOpcode(0xfc, 8), 0x108);
  assert.equal(normalizeOpcode(0xfd, 0xff), 0x2ff);
});

test('REQ-CORE-DEC-012: unassigned opcodes, SIMD gaps and out-of-range sub-opcodes are "illegal opcode"', () => {
  assertMalformed(funcModule([0x06, 0x0b]), 'illegal opcode', 23);
  assertMalformed(funcModule([0xfd, 0x9a, 0x01, 0x0b]), 'illegal opcode', 23);
  assertMalformed(funcModule([0xfd, 0x80, 0x02, 0x0b]), 'illegal opcode', 23); // 0x100: relaxed SIMD, not 2.0
  assertMalformed(funcModule([0xfc, 0x12, 0x0b]), 'illegal opcode', 23);
  assertMalformed(funcModule([0xfc, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x0b]), 'illegal opcode', 23);
  // A padded sub-opcode LEB128 is accepted (u32 after the prefix).
  const m = decode(funcModule([0xfd, 0x8f, 0x80, 0x00, 0x0b]));
  assert.equal(m.codes[0]!.body[0]!.op, 0x20f);
});
