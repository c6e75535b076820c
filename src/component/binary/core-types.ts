/**
 * Core type definitions of a component (Binary.md "Type Definitions", core:type): WebAssembly 2.0
 * function types and core module types with their declarators.
 *
 * Function types are read by the core decoder's own rule, so the two layers agree on what a core
 * function type is. The WebAssembly 3.0 (GC) forms of core:deftype (rec, sub, struct, array) are
 * rejected as unsupported: the core runtime implements WebAssembly 2.0 only.
 */

import type { ImportDesc } from '../../core/binary/module.js';
import type { Reader } from '../../core/binary/reader.js';
import { readFuncType, readGlobalType, readMemType, readTableType } from '../../core/binary/types.js';
import { badByte, checkNesting, readVec, unsupported } from './common.js';
import type { CoreModuleDecl, CoreType } from './component.js';

/** core:externtype (WebAssembly 2.0, plus the tag opcode which is rejected as unsupported). */
function readCoreExternDesc(r: Reader): ImportDesc {
  const at = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: return { kind: 'func', typeIndex: r.u32() };
    case 0x01: return { kind: 'table', type: readTableType(r) };
    case 0x02: return { kind: 'memory', type: readMemType(r) };
    case 0x03: return { kind: 'global', type: readGlobalType(r) };
    case 0x04: return unsupported(r, 'core tag import/export (exception handling is not supported)', at);
    default: return badByte(r, b, 'core external kind', at);
  }
}

/** core:moduledecl. */
function readModuleDecl(r: Reader, depth: number): CoreModuleDecl {
  const offset = r.pos;
  const b = r.u8();
  switch (b) {
    case 0x00: {
      const module = r.name();
      const name = r.name();
      return { kind: 'import', module, name, desc: readCoreExternDesc(r), offset };
    }
    case 0x01:
      return { kind: 'type', type: readCoreType(r, depth + 1), offset };
    case 0x02: {
      // core:alias ::= 0x10 (type sort) 0x01 (outer) ct:u32 idx:u32
      const sat = r.pos;
      const s = r.u8();
      if (s !== 0x10) badByte(r, s, 'outer alias kind', sat);
      const tat = r.pos;
      const t = r.u8();
      if (t !== 0x01) badByte(r, t, 'outer alias target', tat);
      const count = r.u32();
      return { kind: 'alias', count, index: r.u32(), offset };
    }
    case 0x03: {
      const name = r.name();
      return { kind: 'export', name, desc: readCoreExternDesc(r), offset };
    }
    default:
      return badByte(r, b, 'core module type declaration', offset);
  }
}

/** core:type ::= core:functype | core:moduletype (| the unsupported WebAssembly 3.0 forms). */
export function readCoreType(r: Reader, depth: number): CoreType {
  checkNesting(r, depth);
  const at = r.pos;
  const b = r.peek();
  switch (b) {
    case 0x60:
      return { kind: 'func', type: readFuncType(r) };
    case 0x50:
      r.pos++;
      return { kind: 'module', decls: readVec(r, (s) => readModuleDecl(s, depth)) };
    case 0x00: // 0x00 0x50: a non-final sub type
    case 0x4e: // rec
    case 0x4f: // sub final
    case 0x5f: // struct
    case 0x5e: // array
      return unsupported(r, `core type (0x${b.toString(16)}) (WebAssembly 3.0 GC types are not supported)`, at);
    default:
      if (b < 0) r.u8(); // at the end: fail with the reader's "unexpected end"
      return badByte(r, b, 'core type', at);
  }
}
