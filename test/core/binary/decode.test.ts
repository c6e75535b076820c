import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from '../../../src/core/binary/index.js';
import {
  assertMalformed, codeOne, FUNC_ONE, funcModule, HEADER, mod, section, sleb, str, TYPE_VOID, u32, vec,
} from './build.js';

const I32 = 0x7f;
const I64 = 0x7e;
const F32 = 0x7d;
const F64 = 0x7c;
const V128 = 0x7b;
const FUNCREF = 0x70;
const EXTERNREF = 0x6f;

test('REQ-CORE-DEC-001: header: magic and version are checked before anything else', () => {
  const m = decode(mod());
  assert.equal(m.types.length, 0);
  assert.equal(m.codes.length, 0);
  assert.equal(m.start, undefined);
  assert.equal(m.dataCount, undefined);
  assertMalformed(new Uint8Array([]), 'unexpected end of section or function', 0);
  assertMalformed(new Uint8Array([0x00, 0x61, 0x73]), 'unexpected end of section or function', 3);
  assertMalformed(new Uint8Array([0x00, 0x41, 0x53, 0x4d, 1, 0, 0, 0]), 'magic header not detected', 0);
  assertMalformed(new Uint8Array([0x00, 0x61, 0x73, 0x6d]), 'unexpected end of section or function', 4);
  assertMalformed(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), 'unknown binary version', 4);
  assertMalformed(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0, 0, 0, 1]), 'unknown binary version', 4);
});

test('REQ-CORE-DEC-007: section ids above 12 are malformed; known sections must be in order and unique', () => {
  assertMalformed(mod([0x0d, 0x00]), 'malformed section id', 8);
  assertMalformed(mod([0x80, 0x00]), 'malformed section id', 8);
  assertMalformed(mod(section(1, [0]), section(1, [0])), 'unexpected content after last section', 11);
  assertMalformed(mod(section(3, [0]), section(2, [0])), 'unexpected content after last section', 11);
  // The data count section (12) goes between element (9) and code (10).
  decode(mod(section(9, [0]), section(12, [0]), section(10, [0]), section(11, [0])));
  assertMalformed(mod(section(10, [0]), section(12, [0])), 'unexpected content after last section', 11);
  assertMalformed(mod(section(12, [0]), section(9, [0])), 'unexpected content after last section', 11);
  // Custom sections may appear anywhere, any number of times.
  const m = decode(mod(section(0, str('a')), TYPE_VOID, section(0, [...str('b'), 1, 2]), section(0, str('a'))));
  assert.deepEqual(m.customs.map((c) => c.name), ['a', 'b', 'a']);
  assert.deepEqual([...m.customs[1]!.bytes], [1, 2]);
  assert.equal(m.customs[1]!.offset, 8 + 4 + 6 + 2, 'offset of the section content');
});

test('REQ-CORE-DEC-008: section and body sizes must match their content exactly', () => {
  // Too long: the type section claims 5 bytes but its content is 4.
  assertMalformed(mod([0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0x00]), 'section size mismatch', 10);
  // Too short: content runs past the declared size.
  assertMalformed(mod([0x01, 0x03, 0x01, 0x60, 0x00, 0x00]), 'section size mismatch', 10);
  // Size beyond the end of the module.
  assertMalformed(mod([0x01, 0x09, 0x01, 0x60, 0x00, 0x00]), 'length out of bounds', 9);
  // A custom section whose name is longer than the section.
  assertMalformed(mod([0x00, 0x01, 0x05, 0x61, 0x62, 0x63, 0x64, 0x65]), 'unexpected end of section or function');
  // A function body whose size is larger than its instructions.
  const body = [0x00, 0x01, 0x0b];
  assertMalformed(mod(TYPE_VOID, FUNC_ONE, section(10, [0x01, 0x04, ...body, 0x01])), 'section size mismatch');
});

test('REQ-CORE-DEC-009: type section decodes function types; other forms are malformed', () => {
  const m = decode(mod(section(1, vec([[0x60, 2, I32, I64, 1, F32], [0x60, 0, 2, V128, EXTERNREF], [0x60, 0, 0]]))));
  assert.deepEqual(m.types, [
    { params: [I32, I64], results: [F32] },
    { params: [], results: [V128, EXTERNREF] },
    { params: [], results: [] },
  ]);
  assertMalformed(mod(section(1, vec([[0x61, 0, 0]]))), 'malformed function type', 11);
  assertMalformed(mod(section(1, vec([[0x60, 1, 0x40, 0]]))), 'malformed value type', 13);
  assertMalformed(mod(section(1, vec([[0x60, 1, 0xff, 0x7f, 0]]))), 'integer representation too long');
});

test('REQ-CORE-DEC-010: import section decodes all four import kinds', () => {
  const m = decode(mod(section(2, vec([
    [...str('m'), ...str('f'), 0x00, ...u32(300)],
    [...str('m'), ...str('t'), 0x01, FUNCREF, 0x01, 1, 2],
    [...str('m'), ...str('mem'), 0x02, 0x00, 3],
    [...str('\u00fc'), ...str('g'), 0x03, I64, 0x01],
  ]))));
  assert.deepEqual(m.imports.map((i) => i.desc), [
    { kind: 'func', typeIndex: 300 },
    { kind: 'table', type: { elemType: FUNCREF, limits: { min: 1, max: 2 } } },
    { kind: 'memory', type: { limits: { min: 3 } } },
    { kind: 'global', type: { valType: I64, mutable: true } },
  ]);
  assert.equal(m.imports[3]!.module, '\u00fc');
  assert.equal(m.imports[0]!.offset, 11);
  assertMalformed(mod(section(2, vec([[...str('m'), ...str('f'), 0x04, 0x00]]))), 'malformed import kind', 15);
  assertMalformed(mod(section(2, vec([[...str('m'), ...str('g'), 0x03, I32, 0x02]]))), 'malformed mutability', 17);
  assertMalformed(mod(section(2, vec([[1, 0xc0, ...str('f'), 0x00, 0x00]]))), 'malformed UTF-8 encoding', 11);
});

test('REQ-CORE-DEC-011: function and code sections must have the same number of entries', () => {
  const m = decode(mod(TYPE_VOID, section(3, vec([[0], [0]])), section(10, vec([[2, 0, 0x0b], [2, 0, 0x0b]]))));
  assert.deepEqual(m.funcs, [0, 0]);
  assert.equal(m.codes.length, 2);
  assertMalformed(mod(TYPE_VOID, FUNC_ONE), 'function and code section have inconsistent lengths', 18);
  assertMalformed(mod(section(10, vec([[2, 0, 0x0b]]))), 'function and code section have inconsistent lengths');
  decode(mod(section(3, [0])));
  decode(mod(section(10, [0])));
});

test('REQ-CORE-DEC-004: table and memory sections decode limits; the flag must be 0 or 1', () => {
  const m = decode(mod(
    section(4, vec([[FUNCREF, 0x00, 5], [EXTERNREF, 0x01, 0, ...u32(0xffffffff)]])),
    section(5, vec([[0x01, 1, 2]])),
  ));
  assert.deepEqual(m.tables, [
    { elemType: FUNCREF, limits: { min: 5 } },
    { elemType: EXTERNREF, limits: { min: 0, max: 0xffffffff } },
  ]);
  assert.deepEqual(m.memories, [{ limits: { min: 1, max: 2 } }]);
  assertMalformed(mod(section(4, vec([[I32, 0x00, 0]]))), 'malformed reference type', 11);
  assertMalformed(mod(section(4, vec([[FUNCREF, 0x02, 0]]))), 'integer too large', 12);
  assertMalformed(mod(section(5, vec([[0x03, 0]]))), 'integer too large', 11);
  assertMalformed(mod(section(5, vec([[0x81, 0x00, 0]]))), 'integer representation too long', 12);
  assertMalformed(mod(section(5, vec([[0x00, 0x80, 0x80, 0x80, 0x80, 0x10]]))), 'integer too large', 16);
});

test('REQ-CORE-DEC-013: global section decodes type, mutability and the init expression', () => {
  const m = decode(mod(section(6, vec([
    [I32, 0x00, 0x41, ...sleb(-7), 0x0b],
    [I64, 0x01, 0x42, ...sleb(-(2n ** 63n)), 0x0b],
    [FUNCREF, 0x00, 0xd0, FUNCREF, 0x0b],
    [F64, 0x00, 0x23, 0x00, 0x0b],
  ]))));
  assert.equal(m.globals.length, 4);
  assert.deepEqual(m.globals[0]!.type, { valType: I32, mutable: false });
  assert.equal(m.globals[0]!.init.length, 1);
  assert.equal(m.globals[0]!.init[0]!.op, 0x41);
  assert.equal(m.globals[0]!.init[0]!.a, -7);
  assert.equal(m.globals[1]!.type.mutable, true);
  assert.equal(m.globals[1]!.init[0]!.big, -(2n ** 63n));
  assert.equal(m.globals[2]!.init[0]!.a, FUNCREF);
  assert.equal(m.globals[3]!.init[0]!.op, 0x23);
  assertMalformed(mod(section(6, vec([[I32, 0x02, 0x41, 0, 0x0b]]))), 'malformed mutability', 12);
  // A missing end runs into the next section id (0x0a), which is not an opcode.
  assertMalformed(mod(TYPE_VOID, FUNC_ONE, section(6, vec([[I32, 0x00, 0x41, 0x00]])), codeOne([0x0b])),
    'illegal opcode');
  assertMalformed(mod(section(6, vec([[I32, 0x00, 0x41, 0x00]]))), 'unexpected end of section or function');
});

test('REQ-CORE-DEC-014: export section decodes the four export kinds', () => {
  const m = decode(mod(section(7, vec([
    [...str('f'), 0x00, 0], [...str('t'), 0x01, 1], [...str('m'), 0x02, 2], [...str('g'), 0x03, ...u32(1000)],
  ]))));
  assert.deepEqual(m.exports.map((e) => [e.name, e.kind, e.index]), [
    ['f', 'func', 0], ['t', 'table', 1], ['m', 'memory', 2], ['g', 'global', 1000],
  ]);
  assertMalformed(mod(section(7, vec([[...str('x'), 0x04, 0]]))), 'malformed export kind', 13);
});

test('REQ-CORE-DEC-015: start section decodes the function index', () => {
  const m = decode(mod(TYPE_VOID, FUNC_ONE, section(8, u32(0)), codeOne([0x0b])));
  assert.equal(m.start, 0);
});

test('REQ-CORE-DEC-016: element section decodes all eight segment encodings', () => {
  const off = [0x41, 0x02, 0x0b]; // i32.const 2; end
  const refNull = [0xd0, EXTERNREF, 0x0b];
  const refFunc = [0xd2, 0x00, 0x0b];
  const m = decode(mod(section(9, vec([
    [0x00, ...off, ...vec([[0], [1]])],
    [0x01, 0x00, ...vec([[2]])],
    [0x02, 0x03, ...off, 0x00, ...vec([[4]])],
    [0x03, 0x00, ...vec([[5]])],
    [0x04, ...off, ...vec([refFunc])],
    [0x05, EXTERNREF, ...vec([refNull, refNull])],
    [0x06, 0x07, ...off, FUNCREF, ...vec([refFunc])],
    [0x07, FUNCREF, ...vec([])],
  ]))));
  const e = m.elems;
  assert.deepEqual(e.map((s) => [s.mode, s.table, s.elemType, s.init.length, s.offsetExpr !== undefined]), [
    ['active', 0, FUNCREF, 2, true],
    ['passive', 0, FUNCREF, 1, false],
    ['active', 3, FUNCREF, 1, true],
    ['declarative', 0, FUNCREF, 1, false],
    ['active', 0, FUNCREF, 1, true],
    ['passive', 0, EXTERNREF, 2, false],
    ['active', 7, FUNCREF, 1, true],
    ['declarative', 0, FUNCREF, 0, false],
  ]);
  // Function indices become `ref.func x` expressions.
  assert.deepEqual(e[0]!.init.map((x) => [x.length, x[0]!.op, x[0]!.a]), [[1, 0xd2, 0], [1, 0xd2, 1]]);
  assert.equal(e[0]!.offsetExpr![0]!.a, 2);
  assert.deepEqual(e[5]!.init[1]!.map((i) => [i.op, i.a]), [[0xd0, EXTERNREF]]);
  assertMalformed(mod(section(9, vec([[0x08, ...off, 0]]))), 'malformed elements segment kind', 11);
  assertMalformed(mod(section(9, vec([[0x01, 0x01, 0]]))), 'malformed element kind', 12);
  assertMalformed(mod(section(9, vec([[0x05, I32, 0]]))), 'malformed reference type', 12);
});

test('REQ-CORE-DEC-017: data section decodes the three segment encodings and checks the data count', () => {
  const off = [0x41, 0x00, 0x0b];
  const m = decode(mod(
    section(12, u32(3)),
    section(11, vec([[0x00, ...off, ...vec([[0xaa], [0xbb]])], [0x01, ...vec([])], [0x02, 0x01, ...off, 1, 0xcc]])),
  ));
  assert.equal(m.dataCount, 3);
  assert.deepEqual(m.datas.map((d) => [d.mode, d.memory, [...d.bytes], d.offsetExpr?.length]), [
    ['active', 0, [0xaa, 0xbb], 1], ['passive', 0, [], undefined], ['active', 1, [0xcc], 1],
  ]);
  assertMalformed(mod(section(11, vec([[0x03, 0]]))), 'malformed data segment kind', 11);
  assertMalformed(mod(section(12, u32(2)), section(11, vec([[0x01, 0]]))),
    'data count and data section have inconsistent lengths');
  assertMalformed(mod(section(12, u32(1))), 'data count and data section have inconsistent lengths');
  decode(mod(section(12, u32(0))));
  // Data bytes running past the end of the module: the length is bounded by the bytes left counted
  // from the length itself (reference decoder), then the bytes themselves run out.
  assertMalformed(mod(section(11, [0x01, 0x01, 0x05, 1, 2])), 'length out of bounds', 12);
  assertMalformed(mod(section(11, [0x01, 0x01, 0x03, 1, 2])), 'unexpected end of section or function', 15);
});

test('REQ-CORE-DEC-018: memory.init and data.drop require the data count section', () => {
  const init = [0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x08, 0x00, 0x00, 0x0b];
  assertMalformed(funcModule(init), 'data count section required');
  assertMalformed(funcModule([0xfc, 0x09, 0x00, 0x0b]), 'data count section required');
  const m = decode(mod(TYPE_VOID, FUNC_ONE, section(12, u32(1)), codeOne(init), section(11, vec([[0x01, 0]]))));
  assert.equal(m.codes[0]!.body[3]!.op, 0x108);
});

test('REQ-CORE-DEC-019: code section decodes local runs and rejects 2^32 or more locals', () => {
  const m2 = decode(mod(TYPE_VOID, FUNC_ONE, codeOne([0x0b], vec([[...u32(2), I32], [0, I64], [...u32(0xfffffffc), V128]]))));
  assert.deepEqual(m2.codes[0]!.locals, [
    { count: 2, type: I32 }, { count: 0, type: I64 }, { count: 0xfffffffc, type: V128 },
  ]);
  assert.equal(m2.codes[0]!.offset, 8 + 6 + 4 + 3);
  assertMalformed(mod(TYPE_VOID, FUNC_ONE, codeOne([0x0b], vec([[...u32(0xffffffff), I32], [1, I64]]))),
    'too many locals');
  assertMalformed(mod(TYPE_VOID, FUNC_ONE, codeOne([0x0b], vec([[1, 0x40]]))), 'malformed value type');
});

test('REQ-CORE-DEC-022: function bodies: nesting, else placement and the final end', () => {
  // block (result i32) / loop / if-else / end / end / end / end
  const m = decode(funcModule([0x02, I32, 0x03, 0x40, 0x41, 1, 0x04, 0x40, 0x05, 0x0b, 0x0b, 0x41, 0, 0x0b, 0x0b]));
  const ops = m.codes[0]!.body.map((i) => i.op);
  assert.deepEqual(ops, [0x02, 0x03, 0x41, 0x04, 0x05, 0x0b, 0x0b, 0x41, 0x0b, 0x0b]);
  assert.equal(m.codes[0]!.body[0]!.a, I32 - 0x80, 'a value-type block type is its negative s33 value');
  assert.equal(m.codes[0]!.body[1]!.a, -64, 'empty block type');
  // else outside an if, a second else, and else at function level.
  assertMalformed(funcModule([0x02, 0x40, 0x05, 0x0b, 0x0b]), 'END opcode expected', 25);
  assertMalformed(funcModule([0x04, 0x40, 0x05, 0x05, 0x0b, 0x0b]), 'END opcode expected', 26);
  assertMalformed(funcModule([0x05, 0x0b]), 'END opcode expected', 23);
  // Missing final end: the body runs out.
  assertMalformed(funcModule([0x01]), 'unexpected end of section or function');
  // Deep nesting is handled without recursion.
  const depth = 100000;
  const deep = [...new Array<number>(depth).fill(0).flatMap(() => [0x02, 0x40]), ...new Array<number>(depth + 1).fill(0x0b)];
  assert.equal(decode(funcModule(deep)).codes[0]!.body.length, 2 * depth + 1);
});

test('REQ-CORE-DEC-023: block types: empty, value type, type index, malformed', () => {
  const ti = decode(funcModule([0x02, ...sleb(300), 0x0b, 0x0b]));
  assert.equal(ti.codes[0]!.body[0]!.a, 300);
  const big = decode(funcModule([0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x0b, 0x0b]));
  assert.equal(big.codes[0]!.body[0]!.a, 0xffffffff);
  assertMalformed(funcModule([0x02, 0x41, 0x0b, 0x0b]), 'malformed value type', 24);
  assertMalformed(funcModule([0x02, 0xff, 0x7f, 0x0b, 0x0b]), 'malformed block type', 24);
  assertMalformed(funcModule([0x02, 0x80, 0x80, 0x80, 0x80, 0x10, 0x0b, 0x0b]), 'integer too large');
});

test('REQ-CORE-DEC-024: instruction immediates are decoded into the Instr fields', () => {
  const m = decode(funcModule([
    0x0e, 0x02, 0x01, 0x02, 0x03, // br_table 1 2 default 3
    0x11, 0x05, 0x02, // call_indirect type 5 table 2
    0x28, 0x02, ...u32(0xffffffff), // i32.load align=2 offset=2^32-1
    0x42, ...sleb(0x123456789abcdefn),
    0x43, 0x00, 0x00, 0xc0, 0x3f, // f32.const 1.5
    0x44, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x3f,
    0x1c, 0x01, F64, // select (result f64)
    0xfc, 0x0c, 0x03, 0x04, // table.init elem 3 table 4
    0xfc, 0x0e, 0x05, 0x06, // table.copy 5 6
    0xfc, 0x0a, 0x00, 0x00, // memory.copy
    0xfc, 0x0b, 0x00, // memory.fill
    0x3f, 0x00, 0x40, 0x00, // memory.size, memory.grow
    0xfd, 0x54, 0x00, 0x09, 0x0f, // v128.load8_lane align=0 offset=9 lane 15
    0xfd, 0x15, 0x0e, // i8x16.extract_lane_s 14
    0x0b,
  ]));
  const b = m.codes[0]!.body;
  assert.deepEqual(b[0]!.targets, [1, 2]);
  assert.equal(b[0]!.a, 3);
  assert.deepEqual([b[1]!.a, b[1]!.b], [5, 2]);
  assert.deepEqual([b[2]!.a, b[2]!.b], [2, 0xffffffff]);
  assert.equal(b[3]!.big, 0x123456789abcdefn);
  assert.equal(b[4]!.a, 0x3fc00000);
  assert.deepEqual([b[5]!.a, b[5]!.b], [1, 0x3ff80000]);
  assert.deepEqual(b[6]!.types, [F64]);
  assert.deepEqual([b[7]!.op, b[7]!.a, b[7]!.b], [0x10c, 3, 4]);
  assert.deepEqual([b[8]!.op, b[8]!.a, b[8]!.b], [0x10e, 5, 6]);
  assert.deepEqual([b[9]!.op, b[10]!.op, b[11]!.op, b[12]!.op], [0x10a, 0x10b, 0x3f, 0x40]);
  assert.deepEqual([b[13]!.op, b[13]!.a, b[13]!.b, b[13]!.c], [0x254, 0, 9, 15]);
  assert.deepEqual([b[14]!.op, b[14]!.a], [0x215, 14]);
  assert.equal(b[14]!.offset, b[13]!.offset + 5);
});

test('REQ-CORE-DEC-025: reserved memory index bytes must be a single zero byte', () => {
  assertMalformed(funcModule([0x3f, 0x01, 0x1a, 0x0b]), 'zero byte expected', 24);
  assertMalformed(funcModule([0x41, 0, 0x40, 0x80, 0x00, 0x1a, 0x0b]), 'zero byte expected', 26);
  assertMalformed(funcModule([0xfc, 0x0b, 0x01, 0x0b]), 'zero byte expected', 25);
  assertMalformed(funcModule([0xfc, 0x0a, 0x01, 0x00, 0x0b]), 'zero byte expected', 25);
  assertMalformed(funcModule([0xfc, 0x0a, 0x00, 0x01, 0x0b]), 'zero byte expected', 26);
  const withCount = (body: number[]): Uint8Array =>
    mod(TYPE_VOID, FUNC_ONE, section(12, [1]), codeOne(body), section(11, vec([[0x01, 0]])));
  assertMalformed(withCount([0xfc, 0x08, 0x00, 0x01, 0x0b]), 'zero byte expected', 29);
});

test('REQ-CORE-DEC-026: memarg alignment exponents of 32 or more are "malformed memop flags"', () => {
  decode(funcModule([0x41, 0, 0x28, 0x1f, 0x00, 0x1a, 0x0b]));
  assertMalformed(funcModule([0x41, 0, 0x28, 0x20, 0x00, 0x1a, 0x0b]), 'malformed memop flags', 26);
  assertMalformed(funcModule([0x41, 0, 0x28, 0x40, 0x00, 0x1a, 0x0b]), 'malformed memop flags', 26);
  assertMalformed(funcModule([0x41, 0, 0xfd, 0x00, 0x80, 0x01, 0x00, 0x1a, 0x0b]), 'malformed memop flags', 27);
});

test('REQ-CORE-DEC-005: huge counts are rejected before allocating', () => {
  const huge = u32(0xffffffff);
  assertMalformed(mod(section(1, huge)), 'length out of bounds', 10);
  assertMalformed(funcModule([0x0e, ...huge, 0x00, 0x0b]), 'length out of bounds', 24);
  assertMalformed(funcModule([0x1c, ...huge, 0x0b]), 'length out of bounds', 24);
  assertMalformed(mod(TYPE_VOID, FUNC_ONE, codeOne([0x0b], huge)), 'length out of bounds');
});

test('REQ-CORE-DEC-002: offsets in errors point at the offending byte', () => {
  const bytes = funcModule([0x41, 0x00, 0x1a, 0xff, 0x0b]);
  const e = assertMalformed(bytes, 'illegal opcode');
  assert.equal(bytes[e.offset], 0xff);
  assert.equal(HEADER.length, 8);
});
