/**
 * Module instantiation (spec 2.0, section 4.5.4), in the spec's order, which the testsuite observes
 * through partial initialization:
 * 1. match every import (LinkError "unknown import" / "incompatible import type");
 * 2. allocate functions, then tables and memories (their bytes charged against `limits.memoryBytes`
 *    before anything is allocated), then globals (constant expressions), element segments, data
 *    segments and exports;
 * 3. initialize the active element segments in order (table.init then elem.drop; declarative ones are
 *    dropped), then the active data segments in order (memory.init then data.drop);
 * 4. run the start function.
 * A trap in step 3 or 4 leaves what was already written in place (shared tables and memories keep it)
 * and the functions already allocated stay valid in the store.
 */

import type { ConstExpr, ExternKind, FuncType, GlobalType, MemType, TableType } from '../binary/module.js';
import { LimitExceeded, LinkError } from '../errors.js';
import type { ValidatedModule } from '../validate/compiled.js';
import { memoryInit, tableInit } from './bulk.js';
import { Execution } from './interpreter.js';
import { FuncInst, GlobalInst, ModuleInst, PAGE_BYTES, TABLE_ELEMENT_BYTES } from './runtime.js';
import type { StoreState } from './store-state.js';
import type { ExternVal, Imports } from './values.js';

/** An instantiated module as the embedder sees it. */
export interface Instance {
  readonly exports: ReadonlyMap<string, ExternVal>;
}

/** The instance plus its runtime object (kept internal to the core). */
export interface InstanceRecord extends Instance {
  readonly inst: ModuleInst;
}

export function instantiate(st: StoreState, vm: ValidatedModule, imports: Imports): InstanceRecord {
  const m = vm.module;
  const inst = new ModuleInst(vm);
  inst.typeIds = Int32Array.from(m.types, (t) => st.types.intern(t));
  const tableTypes: TableType[] = [];
  const memTypes: MemType[] = [];

  // 1. Imports.
  for (const imp of m.imports) {
    const byModule = imports[imp.module];
    const ev: ExternVal | undefined = byModule !== undefined && Object.prototype.hasOwnProperty.call(byModule, imp.name)
      ? byModule[imp.name]
      : undefined;
    if (ev === undefined || ev === null || typeof ev !== 'object') throw new LinkError('unknown import', imp.module, imp.name);
    const incompatible = (): never => { throw new LinkError('incompatible import type', imp.module, imp.name); };
    const d = imp.desc;
    if (ev.kind !== d.kind) incompatible();
    switch (d.kind) {
      case 'func': {
        const f = st.funcs[ev.addr];
        if (f === undefined || f.typeId !== inst.typeIds[d.typeIndex]) incompatible();
        inst.funcAddrs.push(ev.addr);
        break;
      }
      case 'table': {
        const t = st.tables[ev.addr];
        if (t === undefined || t.elemType !== d.type.elemType) incompatible();
        if (!limitsMatch(t!.elements.length, t!.max, d.type.limits.min, d.type.limits.max)) incompatible();
        inst.tables.push(t!);
        inst.tableAddrs.push(ev.addr);
        tableTypes.push({ elemType: t!.elemType, limits: d.type.limits });
        break;
      }
      case 'memory': {
        const mem = st.mems[ev.addr];
        if (mem === undefined || !limitsMatch(mem.pages, mem.max, d.type.limits.min, d.type.limits.max)) incompatible();
        inst.mems.push(mem!);
        inst.memAddrs.push(ev.addr);
        memTypes.push(d.type);
        break;
      }
      case 'global': {
        const g = st.globals[ev.addr];
        if (g === undefined || g.type.valType !== d.type.valType || g.type.mutable !== d.type.mutable) incompatible();
        inst.globals.push(g!);
        inst.globalAddrs.push(ev.addr);
        break;
      }
    }
  }

  // The per-function locals limit (`Limits.locals`), checked before anything is allocated.
  for (const cf of vm.functions) {
    if (cf.numLocals > st.limits.locals) {
      throw new LimitExceeded('locals', st.limits.locals, `function ${cf.funcIndex} has ${cf.numLocals} locals`);
    }
  }

  // 2. Functions.
  for (const cf of vm.functions) {
    const type = m.types[cf.typeIndex]!;
    st.funcs.push(new FuncInst(type, inst.typeIds[cf.typeIndex]!, inst, cf, null));
    inst.funcAddrs.push(st.funcs.length - 1);
  }

  // Tables and memories: check every limit for the whole module before allocating any of them.
  let bytes = 0;
  for (const t of m.tables) {
    if (t.limits.min > st.limits.tableElements) {
      throw new LimitExceeded('table', st.limits.tableElements, `table of ${t.limits.min} elements`);
    }
    bytes += t.limits.min * TABLE_ELEMENT_BYTES;
  }
  for (const mt of m.memories) bytes += mt.limits.min * PAGE_BYTES;
  if (st.bytesUsed + bytes > st.limits.memoryBytes) {
    throw new LimitExceeded('memory', st.limits.memoryBytes, `${st.bytesUsed + bytes} bytes requested`);
  }
  for (const t of m.tables) {
    const addr = st.allocTable(t.elemType, t.limits.min, t.limits.max);
    inst.tables.push(st.tables[addr]!);
    inst.tableAddrs.push(addr);
    tableTypes.push(t);
  }
  for (const mt of m.memories) {
    const addr = st.allocMemory(mt.limits.min, mt.limits.max);
    inst.mems.push(st.mems[addr]!);
    inst.memAddrs.push(addr);
    memTypes.push(mt);
  }

  // Globals.
  for (const g of m.globals) {
    const gi = new GlobalInst(g.type);
    evalConst(inst, g.init, gi.words);
    st.globals.push(gi);
    inst.globals.push(gi);
    inst.globalAddrs.push(st.globals.length - 1);
  }

  // Element and data segments (their contents; dropping happens below).
  const scratch = new Int32Array(4);
  for (const e of m.elems) {
    const refs: number[] = new Array<number>(e.init.length);
    for (let i = 0; i < e.init.length; i++) {
      evalConst(inst, e.init[i]!, scratch);
      refs[i] = scratch[0]!;
    }
    inst.elems.push(refs);
  }
  for (const d of m.datas) inst.datas.push(d.bytes);

  // Exports.
  const exports = new Map<string, ExternVal>();
  for (const ex of m.exports) exports.set(ex.name, exportVal(st, inst, ex.kind, ex.index, tableTypes, memTypes));

  // 3. Active element segments, then active data segments, in order.
  for (let i = 0; i < m.elems.length; i++) {
    const e = m.elems[i]!;
    if (e.mode === 'active') {
      evalConst(inst, e.offsetExpr!, scratch);
      const seg = inst.elems[i]!;
      tableInit(inst.tables[e.table]!, seg, scratch[0]! >>> 0, 0, seg.length);
      inst.elems[i] = [];
    } else if (e.mode === 'declarative') {
      inst.elems[i] = [];
    }
  }
  for (let i = 0; i < m.datas.length; i++) {
    const d = m.datas[i]!;
    if (d.mode === 'active') {
      evalConst(inst, d.offsetExpr!, scratch);
      const seg = inst.datas[i]!;
      memoryInit(inst.mems[d.memory]!, seg, scratch[0]! >>> 0, 0, seg.length);
      inst.datas[i] = new Uint8Array(0);
    }
  }

  // 4. The start function.
  if (m.start !== undefined) {
    const ex = new Execution(st, inst.funcAddrs[m.start]!, []);
    const r = ex.run(st.limits.fuel);
    if (r.status === 'trapped') throw r.error;
    if (r.status === 'paused') {
      ex.abandon();
      throw new LimitExceeded('fuel', st.limits.fuel, 'start function');
    }
  }

  return { exports, inst };
}

/**
 * Import limits subtyping (spec 2.0, section 4.5.2, limits matching): the provided object's current size must be at
 * least the declared min; when a max is declared, the provided object must have a max no larger.
 */
function limitsMatch(size: number, max: number | undefined, wantMin: number, wantMax: number | undefined): boolean {
  if (size < wantMin) return false;
  if (wantMax === undefined) return true;
  return max !== undefined && max <= wantMax;
}

function exportVal(
  st: StoreState, inst: ModuleInst, kind: ExternKind, index: number, tableTypes: TableType[], memTypes: MemType[],
): ExternVal {
  switch (kind) {
    case 'func': {
      const addr = inst.funcAddrs[index]!;
      const type: FuncType = st.funcs[addr]!.type;
      return { kind: 'func', addr, type };
    }
    case 'table':
      return { kind: 'table', addr: inst.tableAddrs[index]!, type: tableTypes[index]! };
    case 'memory':
      return { kind: 'memory', addr: inst.memAddrs[index]!, type: memTypes[index]! };
    case 'global': {
      const type: GlobalType = inst.globals[index]!.type;
      return { kind: 'global', addr: inst.globalAddrs[index]!, type };
    }
  }
}

/**
 * Evaluates a constant expression into the four words `out` (slot layout). The validator admitted
 * exactly one of the 2.0 constant instructions (const-expr.ts): `t.const`, `ref.null`, `ref.func` or
 * `global.get` of an imported immutable global.
 */
export function evalConst(inst: ModuleInst, expr: ConstExpr, out: Int32Array): void {
  out.fill(0);
  for (const ins of expr) {
    switch (ins.op) {
      case 0x41: out[0] = ins.a; break; // i32.const
      case 0x42: { // i64.const
        const v = BigInt.asIntN(64, ins.big ?? 0n);
        out[0] = Number(BigInt.asIntN(32, v)); out[1] = Number(BigInt.asIntN(32, v >> 32n));
        break;
      }
      case 0x43: out[0] = ins.a; break; // f32.const (bits)
      case 0x44: out[0] = ins.a; out[1] = ins.b; break; // f64.const (bits)
      case 0x20c: { // v128.const
        const b = ins.bytes ?? new Uint8Array(16);
        const dv = new DataView(b.buffer, b.byteOffset, 16);
        for (let i = 0; i < 4; i++) out[i] = dv.getInt32(4 * i, true);
        break;
      }
      case 0xd0: out[0] = -1; break; // ref.null
      case 0xd2: out[0] = inst.funcAddrs[ins.a]!; break; // ref.func
      case 0x23: out.set(inst.globals[ins.a]!.words); break; // global.get
    }
  }
}
