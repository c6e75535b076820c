/**
 * The test oracle's own list of the memory-free SIMD instructions of WebAssembly 2.0, written from the
 * spec's binary format (section 5.4.8) independently of src/: sub-opcode, text name, signature
 * (params ':' results; i = i32, I = i64, f = f32, F = f64, v = v128), lane count for lane immediates,
 * the requirement the instruction's differential test verifies, and which float lanes may hold a NaN
 * result (NaN lanes are compared as "both NaN", since the spec allows several NaN bit patterns).
 */

export interface SimdOp {
  readonly sub: number;
  readonly name: string;
  readonly sig: string;
  readonly req: string;
  readonly lanes?: number;
  readonly nan?: 'f32' | 'f64';
}

// Requirement numbers (see requirements/core-simd.yaml).
export const REQ = {
  const: 'REQ-CORE-SIMD-001',
  shuffle: 'REQ-CORE-SIMD-002',
  splat: 'REQ-CORE-SIMD-003',
  lane: 'REQ-CORE-SIMD-004',
  intCmp: 'REQ-CORE-SIMD-005',
  floatCmp: 'REQ-CORE-SIMD-006',
  bitwise: 'REQ-CORE-SIMD-007',
  test: 'REQ-CORE-SIMD-008',
  intArith: 'REQ-CORE-SIMD-009',
  sat: 'REQ-CORE-SIMD-010',
  minmax: 'REQ-CORE-SIMD-011',
  shift: 'REQ-CORE-SIMD-012',
  narrow: 'REQ-CORE-SIMD-013',
  extend: 'REQ-CORE-SIMD-014',
  extmul: 'REQ-CORE-SIMD-015',
  dot: 'REQ-CORE-SIMD-016',
  q15: 'REQ-CORE-SIMD-017',
  floatArith: 'REQ-CORE-SIMD-018',
  floatMinMax: 'REQ-CORE-SIMD-019',
  pminmax: 'REQ-CORE-SIMD-020',
  floatSign: 'REQ-CORE-SIMD-021',
  rounding: 'REQ-CORE-SIMD-022',
  truncSat: 'REQ-CORE-SIMD-023',
  convert: 'REQ-CORE-SIMD-024',
  nan: 'REQ-CORE-SIMD-025',
  stack: 'REQ-CORE-SIMD-026',
  invalid: 'REQ-CORE-SIMD-027',
  opcodes: 'REQ-CORE-SIMD-028',
} as const;

const ops: SimdOp[] = [];
const add = (sub: number, name: string, sig: string, req: string, extra: Partial<SimdOp> = {}): void => {
  ops.push({ sub, name, sig, req, ...extra });
};

add(0x0c, 'v128.const', ':v', REQ.const);
add(0x0d, 'i8x16.shuffle', 'vv:v', REQ.shuffle);
add(0x0e, 'i8x16.swizzle', 'vv:v', REQ.shuffle);
add(0x0f, 'i8x16.splat', 'i:v', REQ.splat);
add(0x10, 'i16x8.splat', 'i:v', REQ.splat);
add(0x11, 'i32x4.splat', 'i:v', REQ.splat);
add(0x12, 'i64x2.splat', 'I:v', REQ.splat);
add(0x13, 'f32x4.splat', 'f:v', REQ.splat);
add(0x14, 'f64x2.splat', 'F:v', REQ.splat);
add(0x15, 'i8x16.extract_lane_s', 'v:i', REQ.lane, { lanes: 16 });
add(0x16, 'i8x16.extract_lane_u', 'v:i', REQ.lane, { lanes: 16 });
add(0x17, 'i8x16.replace_lane', 'vi:v', REQ.lane, { lanes: 16 });
add(0x18, 'i16x8.extract_lane_s', 'v:i', REQ.lane, { lanes: 8 });
add(0x19, 'i16x8.extract_lane_u', 'v:i', REQ.lane, { lanes: 8 });
add(0x1a, 'i16x8.replace_lane', 'vi:v', REQ.lane, { lanes: 8 });
add(0x1b, 'i32x4.extract_lane', 'v:i', REQ.lane, { lanes: 4 });
add(0x1c, 'i32x4.replace_lane', 'vi:v', REQ.lane, { lanes: 4 });
add(0x1d, 'i64x2.extract_lane', 'v:I', REQ.lane, { lanes: 2 });
add(0x1e, 'i64x2.replace_lane', 'vI:v', REQ.lane, { lanes: 2 });
add(0x1f, 'f32x4.extract_lane', 'v:f', REQ.lane, { lanes: 4 });
add(0x20, 'f32x4.replace_lane', 'vf:v', REQ.lane, { lanes: 4 });
add(0x21, 'f64x2.extract_lane', 'v:F', REQ.lane, { lanes: 2 });
add(0x22, 'f64x2.replace_lane', 'vF:v', REQ.lane, { lanes: 2 });

const intRel = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
intRel.forEach((r, i) => add(0x23 + i, `i8x16.${r}`, 'vv:v', REQ.intCmp));
intRel.forEach((r, i) => add(0x2d + i, `i16x8.${r}`, 'vv:v', REQ.intCmp));
intRel.forEach((r, i) => add(0x37 + i, `i32x4.${r}`, 'vv:v', REQ.intCmp));
const floatRel = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
floatRel.forEach((r, i) => add(0x41 + i, `f32x4.${r}`, 'vv:v', REQ.floatCmp));
floatRel.forEach((r, i) => add(0x47 + i, `f64x2.${r}`, 'vv:v', REQ.floatCmp));

add(0x4d, 'v128.not', 'v:v', REQ.bitwise);
add(0x4e, 'v128.and', 'vv:v', REQ.bitwise);
add(0x4f, 'v128.andnot', 'vv:v', REQ.bitwise);
add(0x50, 'v128.or', 'vv:v', REQ.bitwise);
add(0x51, 'v128.xor', 'vv:v', REQ.bitwise);
add(0x52, 'v128.bitselect', 'vvv:v', REQ.bitwise);
add(0x53, 'v128.any_true', 'v:i', REQ.test);

add(0x5e, 'f32x4.demote_f64x2_zero', 'v:v', REQ.convert, { nan: 'f32' });
add(0x5f, 'f64x2.promote_low_f32x4', 'v:v', REQ.convert, { nan: 'f64' });
add(0x60, 'i8x16.abs', 'v:v', REQ.intArith);
add(0x61, 'i8x16.neg', 'v:v', REQ.intArith);
add(0x62, 'i8x16.popcnt', 'v:v', REQ.intArith);
add(0x63, 'i8x16.all_true', 'v:i', REQ.test);
add(0x64, 'i8x16.bitmask', 'v:i', REQ.test);
add(0x65, 'i8x16.narrow_i16x8_s', 'vv:v', REQ.narrow);
add(0x66, 'i8x16.narrow_i16x8_u', 'vv:v', REQ.narrow);
add(0x67, 'f32x4.ceil', 'v:v', REQ.rounding, { nan: 'f32' });
add(0x68, 'f32x4.floor', 'v:v', REQ.rounding, { nan: 'f32' });
add(0x69, 'f32x4.trunc', 'v:v', REQ.rounding, { nan: 'f32' });
add(0x6a, 'f32x4.nearest', 'v:v', REQ.rounding, { nan: 'f32' });
add(0x6b, 'i8x16.shl', 'vi:v', REQ.shift);
add(0x6c, 'i8x16.shr_s', 'vi:v', REQ.shift);
add(0x6d, 'i8x16.shr_u', 'vi:v', REQ.shift);
add(0x6e, 'i8x16.add', 'vv:v', REQ.intArith);
add(0x6f, 'i8x16.add_sat_s', 'vv:v', REQ.sat);
add(0x70, 'i8x16.add_sat_u', 'vv:v', REQ.sat);
add(0x71, 'i8x16.sub', 'vv:v', REQ.intArith);
add(0x72, 'i8x16.sub_sat_s', 'vv:v', REQ.sat);
add(0x73, 'i8x16.sub_sat_u', 'vv:v', REQ.sat);
add(0x74, 'f64x2.ceil', 'v:v', REQ.rounding, { nan: 'f64' });
add(0x75, 'f64x2.floor', 'v:v', REQ.rounding, { nan: 'f64' });
add(0x76, 'i8x16.min_s', 'vv:v', REQ.minmax);
add(0x77, 'i8x16.min_u', 'vv:v', REQ.minmax);
add(0x78, 'i8x16.max_s', 'vv:v', REQ.minmax);
add(0x79, 'i8x16.max_u', 'vv:v', REQ.minmax);
add(0x7a, 'f64x2.trunc', 'v:v', REQ.rounding, { nan: 'f64' });
add(0x7b, 'i8x16.avgr_u', 'vv:v', REQ.minmax);
add(0x7c, 'i16x8.extadd_pairwise_i8x16_s', 'v:v', REQ.extmul);
add(0x7d, 'i16x8.extadd_pairwise_i8x16_u', 'v:v', REQ.extmul);
add(0x7e, 'i32x4.extadd_pairwise_i16x8_s', 'v:v', REQ.extmul);
add(0x7f, 'i32x4.extadd_pairwise_i16x8_u', 'v:v', REQ.extmul);
add(0x80, 'i16x8.abs', 'v:v', REQ.intArith);
add(0x81, 'i16x8.neg', 'v:v', REQ.intArith);
add(0x82, 'i16x8.q15mulr_sat_s', 'vv:v', REQ.q15);
add(0x83, 'i16x8.all_true', 'v:i', REQ.test);
add(0x84, 'i16x8.bitmask', 'v:i', REQ.test);
add(0x85, 'i16x8.narrow_i32x4_s', 'vv:v', REQ.narrow);
add(0x86, 'i16x8.narrow_i32x4_u', 'vv:v', REQ.narrow);
add(0x87, 'i16x8.extend_low_i8x16_s', 'v:v', REQ.extend);
add(0x88, 'i16x8.extend_high_i8x16_s', 'v:v', REQ.extend);
add(0x89, 'i16x8.extend_low_i8x16_u', 'v:v', REQ.extend);
add(0x8a, 'i16x8.extend_high_i8x16_u', 'v:v', REQ.extend);
add(0x8b, 'i16x8.shl', 'vi:v', REQ.shift);
add(0x8c, 'i16x8.shr_s', 'vi:v', REQ.shift);
add(0x8d, 'i16x8.shr_u', 'vi:v', REQ.shift);
add(0x8e, 'i16x8.add', 'vv:v', REQ.intArith);
add(0x8f, 'i16x8.add_sat_s', 'vv:v', REQ.sat);
add(0x90, 'i16x8.add_sat_u', 'vv:v', REQ.sat);
add(0x91, 'i16x8.sub', 'vv:v', REQ.intArith);
add(0x92, 'i16x8.sub_sat_s', 'vv:v', REQ.sat);
add(0x93, 'i16x8.sub_sat_u', 'vv:v', REQ.sat);
add(0x94, 'f64x2.nearest', 'v:v', REQ.rounding, { nan: 'f64' });
add(0x95, 'i16x8.mul', 'vv:v', REQ.intArith);
add(0x96, 'i16x8.min_s', 'vv:v', REQ.minmax);
add(0x97, 'i16x8.min_u', 'vv:v', REQ.minmax);
add(0x98, 'i16x8.max_s', 'vv:v', REQ.minmax);
add(0x99, 'i16x8.max_u', 'vv:v', REQ.minmax);
add(0x9b, 'i16x8.avgr_u', 'vv:v', REQ.minmax);
add(0x9c, 'i16x8.extmul_low_i8x16_s', 'vv:v', REQ.extmul);
add(0x9d, 'i16x8.extmul_high_i8x16_s', 'vv:v', REQ.extmul);
add(0x9e, 'i16x8.extmul_low_i8x16_u', 'vv:v', REQ.extmul);
add(0x9f, 'i16x8.extmul_high_i8x16_u', 'vv:v', REQ.extmul);
add(0xa0, 'i32x4.abs', 'v:v', REQ.intArith);
add(0xa1, 'i32x4.neg', 'v:v', REQ.intArith);
add(0xa3, 'i32x4.all_true', 'v:i', REQ.test);
add(0xa4, 'i32x4.bitmask', 'v:i', REQ.test);
add(0xa7, 'i32x4.extend_low_i16x8_s', 'v:v', REQ.extend);
add(0xa8, 'i32x4.extend_high_i16x8_s', 'v:v', REQ.extend);
add(0xa9, 'i32x4.extend_low_i16x8_u', 'v:v', REQ.extend);
add(0xaa, 'i32x4.extend_high_i16x8_u', 'v:v', REQ.extend);
add(0xab, 'i32x4.shl', 'vi:v', REQ.shift);
add(0xac, 'i32x4.shr_s', 'vi:v', REQ.shift);
add(0xad, 'i32x4.shr_u', 'vi:v', REQ.shift);
add(0xae, 'i32x4.add', 'vv:v', REQ.intArith);
add(0xb1, 'i32x4.sub', 'vv:v', REQ.intArith);
add(0xb5, 'i32x4.mul', 'vv:v', REQ.intArith);
add(0xb6, 'i32x4.min_s', 'vv:v', REQ.minmax);
add(0xb7, 'i32x4.min_u', 'vv:v', REQ.minmax);
add(0xb8, 'i32x4.max_s', 'vv:v', REQ.minmax);
add(0xb9, 'i32x4.max_u', 'vv:v', REQ.minmax);
add(0xba, 'i32x4.dot_i16x8_s', 'vv:v', REQ.dot);
add(0xbc, 'i32x4.extmul_low_i16x8_s', 'vv:v', REQ.extmul);
add(0xbd, 'i32x4.extmul_high_i16x8_s', 'vv:v', REQ.extmul);
add(0xbe, 'i32x4.extmul_low_i16x8_u', 'vv:v', REQ.extmul);
add(0xbf, 'i32x4.extmul_high_i16x8_u', 'vv:v', REQ.extmul);
add(0xc0, 'i64x2.abs', 'v:v', REQ.intArith);
add(0xc1, 'i64x2.neg', 'v:v', REQ.intArith);
add(0xc3, 'i64x2.all_true', 'v:i', REQ.test);
add(0xc4, 'i64x2.bitmask', 'v:i', REQ.test);
add(0xc7, 'i64x2.extend_low_i32x4_s', 'v:v', REQ.extend);
add(0xc8, 'i64x2.extend_high_i32x4_s', 'v:v', REQ.extend);
add(0xc9, 'i64x2.extend_low_i32x4_u', 'v:v', REQ.extend);
add(0xca, 'i64x2.extend_high_i32x4_u', 'v:v', REQ.extend);
add(0xcb, 'i64x2.shl', 'vi:v', REQ.shift);
add(0xcc, 'i64x2.shr_s', 'vi:v', REQ.shift);
add(0xcd, 'i64x2.shr_u', 'vi:v', REQ.shift);
add(0xce, 'i64x2.add', 'vv:v', REQ.intArith);
add(0xd1, 'i64x2.sub', 'vv:v', REQ.intArith);
add(0xd5, 'i64x2.mul', 'vv:v', REQ.intArith);
['eq', 'ne', 'lt_s', 'gt_s', 'le_s', 'ge_s'].forEach((r, i) => add(0xd6 + i, `i64x2.${r}`, 'vv:v', REQ.intCmp));
add(0xdc, 'i64x2.extmul_low_i32x4_s', 'vv:v', REQ.extmul);
add(0xdd, 'i64x2.extmul_high_i32x4_s', 'vv:v', REQ.extmul);
add(0xde, 'i64x2.extmul_low_i32x4_u', 'vv:v', REQ.extmul);
add(0xdf, 'i64x2.extmul_high_i32x4_u', 'vv:v', REQ.extmul);
add(0xe0, 'f32x4.abs', 'v:v', REQ.floatSign);
add(0xe1, 'f32x4.neg', 'v:v', REQ.floatSign);
add(0xe3, 'f32x4.sqrt', 'v:v', REQ.floatArith, { nan: 'f32' });
add(0xe4, 'f32x4.add', 'vv:v', REQ.floatArith, { nan: 'f32' });
add(0xe5, 'f32x4.sub', 'vv:v', REQ.floatArith, { nan: 'f32' });
add(0xe6, 'f32x4.mul', 'vv:v', REQ.floatArith, { nan: 'f32' });
add(0xe7, 'f32x4.div', 'vv:v', REQ.floatArith, { nan: 'f32' });
add(0xe8, 'f32x4.min', 'vv:v', REQ.floatMinMax, { nan: 'f32' });
add(0xe9, 'f32x4.max', 'vv:v', REQ.floatMinMax, { nan: 'f32' });
add(0xea, 'f32x4.pmin', 'vv:v', REQ.pminmax);
add(0xeb, 'f32x4.pmax', 'vv:v', REQ.pminmax);
add(0xec, 'f64x2.abs', 'v:v', REQ.floatSign);
add(0xed, 'f64x2.neg', 'v:v', REQ.floatSign);
add(0xef, 'f64x2.sqrt', 'v:v', REQ.floatArith, { nan: 'f64' });
add(0xf0, 'f64x2.add', 'vv:v', REQ.floatArith, { nan: 'f64' });
add(0xf1, 'f64x2.sub', 'vv:v', REQ.floatArith, { nan: 'f64' });
add(0xf2, 'f64x2.mul', 'vv:v', REQ.floatArith, { nan: 'f64' });
add(0xf3, 'f64x2.div', 'vv:v', REQ.floatArith, { nan: 'f64' });
add(0xf4, 'f64x2.min', 'vv:v', REQ.floatMinMax, { nan: 'f64' });
add(0xf5, 'f64x2.max', 'vv:v', REQ.floatMinMax, { nan: 'f64' });
add(0xf6, 'f64x2.pmin', 'vv:v', REQ.pminmax);
add(0xf7, 'f64x2.pmax', 'vv:v', REQ.pminmax);
add(0xf8, 'i32x4.trunc_sat_f32x4_s', 'v:v', REQ.truncSat);
add(0xf9, 'i32x4.trunc_sat_f32x4_u', 'v:v', REQ.truncSat);
add(0xfa, 'f32x4.convert_i32x4_s', 'v:v', REQ.convert);
add(0xfb, 'f32x4.convert_i32x4_u', 'v:v', REQ.convert);
add(0xfc, 'i32x4.trunc_sat_f64x2_s_zero', 'v:v', REQ.truncSat);
add(0xfd, 'i32x4.trunc_sat_f64x2_u_zero', 'v:v', REQ.truncSat);
add(0xfe, 'f64x2.convert_low_i32x4_s', 'v:v', REQ.convert);
add(0xff, 'f64x2.convert_low_i32x4_u', 'v:v', REQ.convert);

/** All memory-free SIMD instructions of WebAssembly 2.0, by ascending sub-opcode. */
export const SIMD_OPS: readonly SimdOp[] = ops;
