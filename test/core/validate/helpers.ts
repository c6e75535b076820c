/**
 * Test helpers: build decoded `Module` objects by hand, so the validator is tested independently of
 * the decoder.
 */
import type { FuncType, Global, Instr, LocalRun, Module, ValType } from '../../../src/core/binary/module.js';
import { ValType as VT } from '../../../src/core/binary/module.js';
import { opByName } from '../../../src/core/binary/opcodes.js';
import { ValidationError } from '../../../src/core/errors.js';
import { validate } from '../../../src/core/validate/index.js';
import type { ValidatedModule } from '../../../src/core/validate/compiled.js';
import assert from 'node:assert/strict';

export const { i32, i64, f32, f64, v128, funcref, externref } = VT;

let nextOffset = 100;

/** An instruction by text name (or normalized opcode) with immediates a, b, c and extras. */
export function I(
  op: string | number,
  a = 0,
  b = 0,
  c = 0,
  extra: { big?: bigint; bytes?: Uint8Array; targets?: number[]; types?: ValType[] } = {},
): Instr {
  let code: number;
  if (typeof op === 'number') code = op;
  else {
    const found = opByName(op);
    if (found === undefined) throw new Error(`no such instruction ${op}`);
    code = found;
  }
  return { op: code, offset: nextOffset++, a, b, c, ...extra };
}

/** Block type immediates as the decoder produces them. */
export const BT = {
  empty: -64,
  val: (t: ValType): number => (t & 0x7f) - 0x80,
  idx: (i: number): number => i,
};

export interface FuncSpec {
  type: number;
  locals?: LocalRun[];
  body: Instr[];
}

export interface ModuleSpec extends Partial<Omit<Module, 'funcs' | 'codes'>> {
  funcs?: FuncSpec[];
}

/** A module with the given parts; function bodies get their final `end` appended. */
export function mod(spec: ModuleSpec): Module {
  const funcs = spec.funcs ?? [];
  return {
    types: spec.types ?? [],
    imports: spec.imports ?? [],
    funcs: funcs.map((f) => f.type),
    tables: spec.tables ?? [],
    memories: spec.memories ?? [],
    globals: spec.globals ?? [],
    exports: spec.exports ?? [],
    ...(spec.start !== undefined ? { start: spec.start } : {}),
    elems: spec.elems ?? [],
    datas: spec.datas ?? [],
    ...(spec.dataCount !== undefined ? { dataCount: spec.dataCount } : {}),
    codes: funcs.map((f, i) => ({ locals: f.locals ?? [], body: [...f.body, I('end')], offset: 1000 + i })),
    customs: [],
  };
}

export function ft(params: ValType[], results: ValType[]): FuncType {
  return { params, results };
}

/** A module with one function of type params -> results and the given body. */
export function func(
  params: ValType[],
  results: ValType[],
  body: Instr[],
  extra: ModuleSpec & { locals?: LocalRun[]; moreTypes?: FuncType[] } = {},
): Module {
  const { locals, moreTypes, ...rest } = extra;
  return mod({
    ...rest,
    types: [ft(params, results), ...(moreTypes ?? [])],
    funcs: [{ type: 0, body, ...(locals !== undefined ? { locals } : {}) }],
  });
}

export function global(valType: ValType, mutable: boolean, init: Instr[]): Global {
  return { type: { valType, mutable }, init, offset: nextOffset++ };
}

/** Asserts that validation fails with `reason` (exact match, or prefix when `prefix` is set). */
export function invalid(m: Module, reason: string): ValidationError {
  let caught: unknown;
  try {
    validate(m);
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof ValidationError, `expected ValidationError "${reason}", got ${String(caught)}`);
  assert.equal(caught.reason, reason);
  return caught;
}

export function valid(m: Module): ValidatedModule {
  return validate(m);
}
