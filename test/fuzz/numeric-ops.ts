/**
 * The scalar numeric instructions of WebAssembly 2.0 by family, written from the spec's instruction
 * list (section 2.4.1) independently of src/: text name and signature (params ':' result; i = i32,
 * I = i64, f = f32, F = f64). `nan` marks instructions whose NaN results follow the spec's NaN
 * propagation rule (section 4.3.3): any quiet NaN is allowed, canonical when all NaN inputs are.
 * `trunc` marks the trapping float-to-int truncations.
 */
export interface NumericOp {
  readonly name: string;
  readonly sig: string;
  readonly nan?: 'f32' | 'f64';
  readonly trunc?: boolean;
}

const iBin = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const iRel = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const fBin = ['add', 'sub', 'mul', 'div', 'min', 'max'];
const fUn = ['ceil', 'floor', 'trunc', 'nearest', 'sqrt'];
const fRel = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];

function ints(t: 'i32' | 'i64'): NumericOp[] {
  const l = t === 'i32' ? 'i' : 'I';
  return [
    ...iBin.map((n) => ({ name: `${t}.${n}`, sig: `${l}${l}:${l}` })),
    ...iRel.map((n) => ({ name: `${t}.${n}`, sig: `${l}${l}:i` })),
    ...['clz', 'ctz', 'popcnt', 'extend8_s', 'extend16_s', ...(t === 'i64' ? ['extend32_s'] : [])].map((n) => ({ name: `${t}.${n}`, sig: `${l}:${l}` })),
    { name: `${t}.eqz`, sig: `${l}:i` },
  ];
}

function floats(t: 'f32' | 'f64'): NumericOp[] {
  const l = t === 'f32' ? 'f' : 'F';
  return [
    ...fBin.map((n) => ({ name: `${t}.${n}`, sig: `${l}${l}:${l}`, nan: t })),
    ...fUn.map((n) => ({ name: `${t}.${n}`, sig: `${l}:${l}`, nan: t })),
    ...['abs', 'neg'].map((n) => ({ name: `${t}.${n}`, sig: `${l}:${l}` })),
    { name: `${t}.copysign`, sig: `${l}${l}:${l}` },
    ...fRel.map((n) => ({ name: `${t}.${n}`, sig: `${l}${l}:i` })),
  ];
}

const conversions: NumericOp[] = [
  { name: 'i32.wrap_i64', sig: 'I:i' },
  { name: 'i64.extend_i32_s', sig: 'i:I' },
  { name: 'i64.extend_i32_u', sig: 'i:I' },
  ...(['i32', 'i64'] as const).flatMap((it) => (['f32', 'f64'] as const).flatMap((ft) => (['s', 'u'] as const).flatMap((s) => {
    const il = it === 'i32' ? 'i' : 'I';
    const fl = ft === 'f32' ? 'f' : 'F';
    return [
      { name: `${it}.trunc_${ft}_${s}`, sig: `${fl}:${il}`, trunc: true },
      { name: `${it}.trunc_sat_${ft}_${s}`, sig: `${fl}:${il}` },
      { name: `${ft}.convert_${it}_${s}`, sig: `${il}:${fl}` },
    ];
  }))),
  { name: 'f32.demote_f64', sig: 'F:f', nan: 'f32' },
  { name: 'f64.promote_f32', sig: 'f:F', nan: 'f64' },
  { name: 'i32.reinterpret_f32', sig: 'f:i' },
  { name: 'i64.reinterpret_f64', sig: 'F:I' },
  { name: 'f32.reinterpret_i32', sig: 'i:f' },
  { name: 'f64.reinterpret_i64', sig: 'I:F' },
];

/** One module per family. */
export const NUMERIC_FAMILIES: Readonly<Record<string, readonly NumericOp[]>> = {
  i32: ints('i32'),
  i64: ints('i64'),
  f32: floats('f32'),
  f64: floats('f64'),
  conversions,
};
