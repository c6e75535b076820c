/**
 * Constant expressions (spec 2.0, section 3.3.10): global initializers, segment offsets and element
 * items. In 2.0 they may contain only `t.const`, `ref.null`, `ref.func` and `global.get` of an
 * imported immutable global, and must leave exactly one value of the expected type.
 */

import type { ConstExpr, ValType } from '../binary/module.js';
import { ValType as VT } from '../binary/module.js';
import { Opc } from '../binary/opcodes.js';
import { ValidationError } from '../errors.js';
import type { ModuleContext } from './context.js';
import { Reason, unknownIndex } from './reasons.js';

/** Calls `visit(f)` for every `ref.func f` of a constant expression (to compute C.refs). */
export function constExprFuncRefs(expr: ConstExpr, visit: (f: number) => void): void {
  for (const instr of expr) if (instr.op === Opc.ref_func) visit(instr.a);
}

/**
 * Checks that `expr` is constant and has type [] -> [expected]; `offset` locates errors.
 * Like the reference interpreter, constness (including the global lookup) is checked for the whole
 * expression before its typing, so "constant expression required" wins over a type error.
 */
export function checkConstExpr(ctx: ModuleContext, expr: ConstExpr, expected: ValType, offset: number): void {
  for (const instr of expr) {
    switch (instr.op) {
      case Opc.i32_const:
      case Opc.i64_const:
      case Opc.f32_const:
      case Opc.f64_const:
      case Opc.v128_const:
      case Opc.ref_null:
      case Opc.ref_func:
        break;
      case Opc.global_get: {
        if (instr.a >= ctx.numImportedGlobals) {
          throw new ValidationError(unknownIndex(Reason.unknownGlobal, instr.a), -1, -1, instr.offset);
        }
        if (ctx.globals[instr.a]!.mutable) throw new ValidationError(Reason.constRequired, -1, -1, instr.offset);
        break;
      }
      default:
        throw new ValidationError(Reason.constRequired, -1, -1, instr.offset);
    }
  }
  let count = 0;
  let type: ValType = 0;
  for (const instr of expr) {
    switch (instr.op) {
      case Opc.i32_const: type = VT.i32; break;
      case Opc.i64_const: type = VT.i64; break;
      case Opc.f32_const: type = VT.f32; break;
      case Opc.f64_const: type = VT.f64; break;
      case Opc.v128_const: type = VT.v128; break;
      case Opc.ref_null: type = instr.a; break;
      case Opc.ref_func:
        if (instr.a >= ctx.funcTypes.length) {
          throw new ValidationError(unknownIndex(Reason.unknownFunction, instr.a), -1, -1, instr.offset);
        }
        type = VT.funcref;
        break;
      default: // global.get, checked above
        type = ctx.globals[instr.a]!.valType;
        break;
    }
    count++;
  }
  if (count !== 1 || type !== expected) throw new ValidationError(Reason.typeMismatch, -1, -1, offset);
}
