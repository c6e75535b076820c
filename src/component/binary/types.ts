/**
 * Type definitions (Binary.md "Type Definitions"): value types, defined value types, function types,
 * resource types, component and instance types with their declarators, and extern types.
 *
 * Type opcodes use the negative-SLEB128 scheme of core WebAssembly: a single byte 0x40..0x7f is an
 * opcode, and a non-negative SLEB128 (s33) is a type index.
 */

import type { Reader } from '../../core/binary/reader.js';
import { readValType as readCoreValType } from '../../core/binary/types.js';
import { readAlias } from './alias.js';
import { badByte, checkNesting, readExternName, readOptional, readVec, readZeroByte, unsupported } from './common.js';
import type {
  ComponentDecl,
  ComponentType,
  DefType,
  ExternType,
  FuncType,
  InstanceDecl,
  InstanceType,
  LabeledValType,
  PrimValType,
  TypeBound,
  ValType,
  VariantCase,
} from './component.js';
import { readCoreType } from './core-types.js';

/** primvaltype byte -> name; undefined for other bytes. */
export function primValTypeOf(b: number): PrimValType | undefined {
  switch (b) {
    case 0x7f: return 'bool';
    case 0x7e: return 's8';
    case 0x7d: return 'u8';
    case 0x7c: return 's16';
    case 0x7b: return 'u16';
    case 0x7a: return 's32';
    case 0x79: return 'u32';
    case 0x78: return 's64';
    case 0x77: return 'u64';
    case 0x76: return 'f32';
    case 0x75: return 'f64';
    case 0x74: return 'char';
    case 0x73: return 'string';
    default: return undefined;
  }
}

const ERROR_CONTEXT = 0x64;

function rejectErrorContext(r: Reader, at: number): never {
  return unsupported(r, 'type error-context (0x64) (the error-context feature is not supported)', at);
}

/** valtype ::= i:typeidx | pvt:primvaltype. */
export function readValType(r: Reader): ValType {
  const at = r.pos;
  const b = r.peek();
  const prim = primValTypeOf(b);
  if (prim !== undefined) {
    r.pos++;
    return prim;
  }
  if (b === ERROR_CONTEXT) return rejectErrorContext(r, at);
  const index = r.s33();
  if (index < 0) return badByte(r, b, 'value type', at);
  return index;
}

function readLabeledValType(r: Reader): LabeledValType {
  const label = r.name();
  return { label, type: readValType(r) };
}

/** case ::= l:labellit t?:valtype? 0x00. */
function readCase(r: Reader): VariantCase {
  const label = r.name();
  const type = readOptional(r, 'variant case type', readValType);
  readZeroByte(r);
  return type === undefined ? { label } : { label, type };
}

function readLabel(r: Reader): string {
  return r.name();
}

function readOptionalValType(r: Reader): ValType | undefined {
  return readOptional(r, 'optional value type', readValType);
}

/** resultlist ::= 0x00 t:valtype | 0x01 0x00. */
export function readResultList(r: Reader): ValType | undefined {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00) return readValType(r);
  if (b === 0x01) {
    const zat = r.pos;
    const z = r.u8();
    if (z !== 0x00) badByte(r, z, 'number of results', zat);
    return undefined;
  }
  return badByte(r, b, 'component function results', at);
}

function readFuncType(r: Reader, isAsync: boolean): FuncType {
  const params = readVec(r, readLabeledValType);
  const result = readResultList(r);
  return result === undefined ? { kind: 'func', async: isAsync, params } : { kind: 'func', async: isAsync, params, result };
}

/** typebound ::= 0x00 i:typeidx | 0x01. */
function readTypeBound(r: Reader): TypeBound {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x00) return { kind: 'eq', typeIndex: r.u32() };
  if (b === 0x01) return { kind: 'sub-resource' };
  return badByte(r, b, 'type bound', at);
}

/** externtype. */
export function readExternType(r: Reader): ExternType {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: {
      const c = r.u8();
      if (c !== 0x11) badByte(r, b, 'component external kind', at);
      return { kind: 'core module', typeIndex: r.u32() };
    }
    case 0x01: return { kind: 'func', typeIndex: r.u32() };
    case 0x02: return unsupported(r, 'value extern type (component values are not supported)', at);
    case 0x03: return { kind: 'type', bound: readTypeBound(r) };
    case 0x04: return { kind: 'component', typeIndex: r.u32() };
    case 0x05: return { kind: 'instance', typeIndex: r.u32() };
    default: return badByte(r, b, 'component external kind', at);
  }
}

/** instancedecl, or (when `inComponent`) componentdecl, which adds 0x03 importdecl. */
function readDecl(r: Reader, depth: number, inComponent: boolean): ComponentDecl {
  const offset = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: return { kind: 'core type', type: readCoreType(r, depth + 1), offset };
    case 0x01: return { kind: 'type', type: readDefType(r, depth + 1), offset };
    case 0x02: return { kind: 'alias', alias: readAlias(r), offset };
    case 0x03:
      if (!inComponent) break;
      {
        const name = readExternName(r);
        return { kind: 'import', name, type: readExternType(r), offset };
      }
    case 0x04: {
      const name = readExternName(r);
      return { kind: 'export', name, type: readExternType(r), offset };
    }
    default:
      break;
  }
  return badByte(r, b, 'component or instance type declaration', offset);
}

function readComponentType(r: Reader, depth: number): ComponentType {
  return { kind: 'component', decls: readVec(r, (s) => readDecl(s, depth, true)) };
}

function readInstanceType(r: Reader, depth: number): InstanceType {
  // readDecl with inComponent = false never returns an import declarator.
  return { kind: 'instance', decls: readVec(r, (s) => readDecl(s, depth, false) as InstanceDecl) };
}

/** deftype ::= defvaltype | functype | componenttype | instancetype | resourcetype. */
export function readDefType(r: Reader, depth: number): DefType {
  checkNesting(r, depth);
  const at = r.pos;
  const b = r.u8();
  const prim = primValTypeOf(b);
  if (prim !== undefined) return { kind: 'primitive', type: prim };
  switch (b) {
    case 0x72: return { kind: 'record', fields: readVec(r, readLabeledValType) };
    case 0x71: return { kind: 'variant', cases: readVec(r, readCase) };
    case 0x70: return { kind: 'list', element: readValType(r) };
    case 0x6f: return { kind: 'tuple', types: readVec(r, readValType) };
    case 0x6e: return { kind: 'flags', labels: readVec(r, readLabel) };
    case 0x6d: return { kind: 'enum', labels: readVec(r, readLabel) };
    case 0x6b: return { kind: 'option', type: readValType(r) };
    case 0x6a: {
      const ok = readOptionalValType(r);
      const error = readOptionalValType(r);
      return { kind: 'result', ...(ok === undefined ? {} : { ok }), ...(error === undefined ? {} : { error }) };
    }
    case 0x69: return { kind: 'own', typeIndex: r.u32() };
    case 0x68: return { kind: 'borrow', typeIndex: r.u32() };
    case 0x67: return unsupported(r, 'type fixed-length list (0x67) (the fixed-length-lists feature is not supported)', at);
    case 0x66: {
      const element = readOptionalValType(r);
      return element === undefined ? { kind: 'stream' } : { kind: 'stream', element };
    }
    case 0x65: {
      const element = readOptionalValType(r);
      return element === undefined ? { kind: 'future' } : { kind: 'future', element };
    }
    case ERROR_CONTEXT: return rejectErrorContext(r, at);
    case 0x63: {
      const key = readValType(r);
      return { kind: 'map', key, value: readValType(r) };
    }
    case 0x40: return readFuncType(r, false);
    case 0x43: return readFuncType(r, true);
    case 0x41: return readComponentType(r, depth);
    case 0x42: return readInstanceType(r, depth);
    case 0x3f: {
      const rep = readCoreValType(r);
      const dtor = readOptional(r, 'resource destructor', (s) => s.u32());
      return dtor === undefined ? { kind: 'resource', rep } : { kind: 'resource', rep, dtor };
    }
    default:
      return badByte(r, b, 'component defined type', at);
  }
}
