/**
 * The instruction table (binary/opcodes.ts) as typed arrays indexed by normalized opcode, for the
 * instructions whose operand types are fixed (`OpInfo.sig`): what the function compiler reads for
 * most instructions of a body. Numbers in typed arrays instead of the table's objects and string
 * kinds, because the objects have several shapes and their type lists several array kinds: reading
 * them per instruction went through V8's generic (megamorphic) property and element loads.
 */

import { OPS, OP_TABLE_SIZE, type ImmKind } from '../binary/opcodes.js';

/** Immediate kinds that the validator checks or copies into the code, as small integers. */
export const Imm = {
  other: 0, memarg: 1, memargLane: 2, lane: 3, shuffle: 4, v128: 5, i64: 6, memory: 7, memoryInit: 8,
  data: 9, memoryCopy: 10, table: 11, elem: 12, tableInit: 13, tableCopy: 14, i32: 15, f32: 16, f64: 17,
} as const;

function immCode(imm: ImmKind): number {
  switch (imm) {
    case 'memarg': return Imm.memarg;
    case 'memarg_lane': return Imm.memargLane;
    case 'lane': return Imm.lane;
    case 'shuffle': return Imm.shuffle;
    case 'v128': return Imm.v128;
    case 'i64': return Imm.i64;
    case 'memory': return Imm.memory;
    case 'memory_init': return Imm.memoryInit;
    case 'data': return Imm.data;
    case 'memory_copy': return Imm.memoryCopy;
    case 'table': return Imm.table;
    case 'elem': return Imm.elem;
    case 'table_init': return Imm.tableInit;
    case 'table_copy': return Imm.tableCopy;
    case 'i32': return Imm.i32;
    case 'f32': return Imm.f32;
    case 'f64': return Imm.f64;
    default: return Imm.other; // none, and the kinds of instructions the compiler types by hand
  }
}

/**
 * Per opcode: `sigAt` is the index in `types` of its parameter types, followed by its result types
 * (`nParams` and `nResults` of them), or -1 when the opcode has no fixed signature (unassigned, or
 * typed by hand); `imm` its `Imm` kind; `align` the natural alignment exponent of memory accesses;
 * `lanes` the lane count of lane immediates.
 */
export interface FixedTypedTable {
  readonly sigAt: Int32Array;
  readonly nParams: Uint8Array;
  readonly nResults: Uint8Array;
  readonly types: Uint8Array;
  readonly imm: Uint8Array;
  readonly align: Uint8Array;
  readonly lanes: Uint8Array;
}

export const FIXED_TYPED: FixedTypedTable = (() => {
  const sigAt = new Int32Array(OP_TABLE_SIZE).fill(-1);
  const nParams = new Uint8Array(OP_TABLE_SIZE);
  const nResults = new Uint8Array(OP_TABLE_SIZE);
  const imm = new Uint8Array(OP_TABLE_SIZE);
  const align = new Uint8Array(OP_TABLE_SIZE);
  const lanes = new Uint8Array(OP_TABLE_SIZE);
  const types: number[] = [];
  for (const o of OPS) {
    imm[o.op] = immCode(o.imm);
    align[o.op] = o.align ?? 0;
    lanes[o.op] = o.lanes ?? 0;
    if (o.sig === undefined) continue;
    sigAt[o.op] = types.length;
    nParams[o.op] = o.sig.params.length;
    nResults[o.op] = o.sig.results.length;
    types.push(...o.sig.params, ...o.sig.results);
  }
  return { sigAt, nParams, nResults, types: Uint8Array.from(types), imm, align, lanes };
})();
