/**
 * The validation context C of the spec (section 3.1.1): the types of everything a module's code can
 * refer to, in index-space order (imports first). Built once per module; read by the module checks,
 * the constant-expression checks and the function compiler.
 */

import type { FuncType, GlobalType, Module, TableType, ValType } from '../binary/module.js';
import { ValidationError } from '../errors.js';
import { Reason, unknownIndex } from './reasons.js';
import { constExprFuncRefs } from './const-expr.js';

export interface ModuleContext {
  readonly module: Module;
  /** C.funcs: the type of each function, imported first. */
  readonly funcTypes: readonly FuncType[];
  /** The type index of each function, parallel to `funcTypes`. */
  readonly funcTypeIndices: readonly number[];
  readonly numImportedFuncs: number;
  /** C.tables, imported first. */
  readonly tables: readonly TableType[];
  /** Number of memories (imported plus defined); valid modules have at most one. */
  readonly numMemories: number;
  /** C.globals, imported first. */
  readonly globals: readonly GlobalType[];
  /** Only imported globals are visible to constant expressions in WebAssembly 2.0. */
  readonly numImportedGlobals: number;
  /** C.elems: the element type of each element segment. */
  readonly elemTypes: readonly ValType[];
  /** C.datas: the number of data segments (from the data count section when present). */
  readonly dataCount: number;
  /**
   * C.refs: `declared[f] === 1` when function `f` is referenced outside function bodies (element
   * segments, exports, global initializers), which is what `ref.func f` in a body requires.
   */
  readonly declared: Uint8Array;
}

/** Builds C, checking the type indices of imported and defined functions ("unknown type"). */
export function buildContext(module: Module): ModuleContext {
  const funcTypes: FuncType[] = [];
  const funcTypeIndices: number[] = [];
  const tables: TableType[] = [];
  const globals: GlobalType[] = [];
  let numMemories = 0;

  const funcType = (typeIndex: number, offset: number): FuncType => {
    const t = module.types[typeIndex];
    if (t === undefined) throw new ValidationError(unknownIndex(Reason.unknownType, typeIndex), -1, -1, offset);
    return t;
  };

  for (const imp of module.imports) {
    switch (imp.desc.kind) {
      case 'func':
        funcTypes.push(funcType(imp.desc.typeIndex, imp.offset));
        funcTypeIndices.push(imp.desc.typeIndex);
        break;
      case 'table':
        tables.push(imp.desc.type);
        break;
      case 'memory':
        numMemories++;
        break;
      case 'global':
        globals.push(imp.desc.type);
        break;
    }
  }
  const numImportedFuncs = funcTypes.length;
  const numImportedGlobals = globals.length;
  for (let i = 0; i < module.funcs.length; i++) {
    const typeIndex = module.funcs[i]!;
    funcTypes.push(funcType(typeIndex, module.codes[i]?.offset ?? -1));
    funcTypeIndices.push(typeIndex);
  }
  for (const t of module.tables) tables.push(t);
  numMemories += module.memories.length;
  for (const g of module.globals) globals.push(g.type);

  const declared = new Uint8Array(funcTypes.length);
  const declare = (f: number): void => {
    if (f >= 0 && f < declared.length) declared[f] = 1;
  };
  for (const g of module.globals) constExprFuncRefs(g.init, declare);
  for (const e of module.elems) {
    if (e.offsetExpr !== undefined) constExprFuncRefs(e.offsetExpr, declare);
    for (const item of e.init) constExprFuncRefs(item, declare);
  }
  for (const ex of module.exports) if (ex.kind === 'func') declare(ex.index);

  return {
    module,
    funcTypes,
    funcTypeIndices,
    numImportedFuncs,
    tables,
    numMemories,
    globals,
    numImportedGlobals,
    elemTypes: module.elems.map((e) => e.elemType),
    dataCount: module.dataCount ?? module.datas.length,
    declared,
  };
}
