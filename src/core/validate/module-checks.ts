/**
 * The module-level rules of spec 2.0, section 3.4 (everything except function bodies), in the order
 * the reference interpreter applies them, so a module with several defects reports the same one.
 */

import type { MemType, SizeLimits, TableType } from '../binary/module.js';
import { ValType } from '../binary/module.js';
import { ValidationError } from '../errors.js';
import { checkConstExpr } from './const-expr.js';
import type { ModuleContext } from './context.js';
import { Reason, unknownIndex } from './reasons.js';

/** Largest memory size in 64 KiB pages (4 GiB). */
export const MAX_MEMORY_PAGES = 65536;
/** Largest table size in elements (sizes are u32). */
export const MAX_TABLE_SIZE = 0xffff_ffff;

function fail(reason: string, offset: number): never {
  throw new ValidationError(reason, -1, -1, offset);
}

/** Limits are valid within `range` when min and max are in range and min <= max (spec 3.2.1). */
export function checkLimits(limits: SizeLimits, range: number, rangeReason: string, offset: number): void {
  if (!(limits.min >= 0 && limits.min <= range)) fail(rangeReason, offset);
  if (limits.max !== undefined) {
    if (!(limits.max >= 0 && limits.max <= range)) fail(rangeReason, offset);
    if (limits.min > limits.max) fail(Reason.sizeMinMax, offset);
  }
}

export function checkTableType(t: TableType, offset: number): void {
  checkLimits(t.limits, MAX_TABLE_SIZE, Reason.tableSize, offset);
}

export function checkMemType(t: MemType, offset: number): void {
  checkLimits(t.limits, MAX_MEMORY_PAGES, Reason.memorySize, offset);
}

/** Every rule of section 3.4 except the function bodies, which `compileFunction` checks. */
export function checkModuleFields(ctx: ModuleContext): void {
  const m = ctx.module;

  for (const imp of m.imports) {
    if (imp.desc.kind === 'table') checkTableType(imp.desc.type, imp.offset);
    else if (imp.desc.kind === 'memory') checkMemType(imp.desc.type, imp.offset);
  }

  // Globals: initializers see only imported globals (2.0).
  for (const g of m.globals) checkConstExpr(ctx, g.init, g.type.valType, g.offset);

  for (const t of m.tables) checkTableType(t, -1);
  for (const mem of m.memories) checkMemType(mem, -1);

  for (const e of m.elems) {
    if (e.mode === 'active') {
      const table = ctx.tables[e.table];
      if (table === undefined) fail(unknownIndex(Reason.unknownTable, e.table), e.offset);
      if (table.elemType !== e.elemType) fail(Reason.typeMismatch, e.offset);
      checkConstExpr(ctx, e.offsetExpr ?? [], ValType.i32, e.offset);
    }
    for (const item of e.init) checkConstExpr(ctx, item, e.elemType, e.offset);
  }

  for (const d of m.datas) {
    if (d.mode === 'active') {
      if (d.memory >= ctx.numMemories) fail(unknownIndex(Reason.unknownMemory, d.memory), d.offset);
      checkConstExpr(ctx, d.offsetExpr ?? [], ValType.i32, d.offset);
    }
  }
}

/** The start function must exist and have type [] -> [] (spec 3.4.10). */
export function checkStart(ctx: ModuleContext): void {
  const start = ctx.module.start;
  if (start === undefined) return;
  const t = ctx.funcTypes[start];
  if (t === undefined) fail(unknownIndex(Reason.unknownFunction, start), -1);
  if (t.params.length !== 0 || t.results.length !== 0) fail(Reason.startFunction, -1);
}

/** Export indices must exist and names must be unique (spec 3.4.8, 3.4.11). */
export function checkExports(ctx: ModuleContext): void {
  const names = new Set<string>();
  for (const ex of ctx.module.exports) {
    switch (ex.kind) {
      case 'func':
        if (ex.index >= ctx.funcTypes.length) fail(unknownIndex(Reason.unknownFunction, ex.index), ex.offset);
        break;
      case 'table':
        if (ex.index >= ctx.tables.length) fail(unknownIndex(Reason.unknownTable, ex.index), ex.offset);
        break;
      case 'memory':
        if (ex.index >= ctx.numMemories) fail(unknownIndex(Reason.unknownMemory, ex.index), ex.offset);
        break;
      case 'global':
        if (ex.index >= ctx.globals.length) fail(unknownIndex(Reason.unknownGlobal, ex.index), ex.offset);
        break;
    }
    if (names.has(ex.name)) fail(Reason.duplicateExport, ex.offset);
    names.add(ex.name);
  }
}

/** WebAssembly 2.0 allows at most one memory. */
export function checkMemoryCount(ctx: ModuleContext): void {
  if (ctx.numMemories > 1) fail(Reason.multipleMemories, -1);
}
