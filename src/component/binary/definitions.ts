/**
 * The instance, import, export and start definitions (Binary.md "Instance Definitions", "Import and
 * Export Definitions", "Start Definitions").
 */

import type { Reader } from '../../core/binary/reader.js';
import { badByte, readCoreSortIdx, readExternName, readOptional, readSortIdx, readVec } from './common.js';
import type { CoreInstanceExpr, Export, Import, InstanceExpr, Start } from './component.js';
import { readExternType } from './types.js';

/** The core:sort byte of `instance`, the only argument sort of core:instantiatearg. */
const CORE_SORT_INSTANCE = 0x12;

function readCoreInstantiateArg(r: Reader): { name: string; instanceIndex: number } {
  const name = r.name();
  const at = r.pos;
  const b = r.u8();
  if (b !== CORE_SORT_INSTANCE) badByte(r, b, 'instantiation arg kind', at);
  return { name, instanceIndex: r.u32() };
}

/** core:instanceexpr ::= 0x00 m:moduleidx arg*:vec(core:instantiatearg) | 0x01 e*:vec(core:inlineexport). */
export function readCoreInstance(r: Reader): CoreInstanceExpr {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00) {
    const moduleIndex = r.u32();
    return { kind: 'instantiate', moduleIndex, args: readVec(r, readCoreInstantiateArg) };
  }
  if (b === 0x01) {
    return {
      kind: 'exports',
      exports: readVec(r, (s) => {
        const name = s.name();
        return { name, sortIdx: readCoreSortIdx(s) };
      }),
    };
  }
  return badByte(r, b, 'core instance', at);
}

/** instanceexpr ::= 0x00 c:componentidx arg*:vec(instantiatearg) | 0x01 e*:vec(inlineexport). */
export function readInstance(r: Reader): InstanceExpr {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00) {
    const componentIndex = r.u32();
    return {
      kind: 'instantiate',
      componentIndex,
      args: readVec(r, (s) => {
        const name = s.name();
        return { name, sortIdx: readSortIdx(s) };
      }),
    };
  }
  if (b === 0x01) {
    return {
      kind: 'exports',
      exports: readVec(r, (s) => {
        const name = readExternName(s);
        return { name, sortIdx: readSortIdx(s) };
      }),
    };
  }
  return badByte(r, b, 'instance', at);
}

/** import ::= na:nameattributes et:externtype. */
export function readImport(r: Reader): Import {
  const name = readExternName(r);
  return { name, type: readExternType(r) };
}

/** export ::= na:nameattributes si:sortidx et?:externtype?. */
export function readExport(r: Reader): Export {
  const name = readExternName(r);
  const sortIdx = readSortIdx(r);
  const type = readOptional(r, 'optional component export type', readExternType);
  return type === undefined ? { name, sortIdx } : { name, sortIdx, type };
}

/** start ::= f:funcidx arg*:vec(valueidx) r:u32. */
export function readStart(r: Reader): Start {
  const funcIndex = r.u32();
  const args = readVec(r, (s) => s.u32());
  return { funcIndex, args, results: r.u32() };
}
