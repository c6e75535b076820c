/**
 * The module decoder (WebAssembly Core Specification 2.0, section 5.5): bytes in, `Module` out, or a
 * DecodeError whose reason uses the wording of the spec's reference decoder (the spec testsuite's
 * `assert_malformed` messages are prefixes of these reasons).
 *
 * The whole module is decoded, function bodies included, before anything is validated, so a malformed
 * byte anywhere is reported as malformed. Decoding is a single pass; every allocation sized by a count
 * is bounded by the bytes left in the module (see `Reader.len`).
 */

import { DecodeError, WasmError } from '../errors.js';
import type {
  ConstExpr, CustomSection, Data, Elem, ElemMode, Export, ExternKind, FuncBody, FuncType, Global, Import,
  ImportDesc, Instr, LocalRun, MemType, Module, TableType, ValType,
} from './module.js';
import { ExprDecoder, type InstrCursor } from './instructions.js';
import { Reader, UNEXPECTED_END } from './reader.js';
import {
  readFuncType, readGlobalType, readMemType, readRefType, readTableType, readValType,
} from './types.js';

const MAGIC = 0x6d736100; // "\0asm" read little-endian
const VERSION = 1;

/** Section ids. */
export const SectionId = {
  custom: 0, type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6, export: 7, start: 8,
  element: 9, code: 10, data: 11, dataCount: 12,
} as const;

/** Position of each known section id in the required order (the data count section sits before code). */
const SECTION_ORDER: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

/** 2^32: the number of locals of a function must stay below it. */
const LOCALS_LIMIT = 0x1_0000_0000;

/** Decodes a binary module. Throws DecodeError (and nothing else) when the bytes are malformed. */
export function decode(bytes: Uint8Array): Module {
  return decodeModule(bytes, true);
}

/**
 * Decodes like `decode`, except that function bodies are not checked here: only their sizes and
 * locals are read. Their instructions are checked as the validator reads them (`FuncBody.stream`:
 * opcodes and immediates; the validator's control stack: `else` and `end` nesting), so a module
 * that passes `validate` after this is exactly one that passes `validate(decode(bytes))`.
 * What differs is which error a bad module reports first: here a malformed body may be found after
 * an invalid one, or after a malformed section that follows the code section. `load` therefore
 * re-runs `decode` then `validate` whenever this path fails (see core/index.ts).
 */
export function decodeUnchecked(bytes: Uint8Array): Module {
  return decodeModule(bytes, false);
}

function decodeModule(bytes: Uint8Array, checkBodies: boolean): Module {
  try {
    // Own copy: the module (data segments, lazily materialized bodies) must not change if the caller
    // later reuses its buffer.
    return new ModuleDecoder(bytes.slice(), checkBodies).module();
  } catch (e) {
    if (e instanceof WasmError) throw e;
    // Defence in depth: a plain JS exception here is a decoder defect; never let it escape the core.
    throw new DecodeError(`internal decoder error: ${e instanceof Error ? e.message : String(e)}`, 0);
  }
}

class ModuleDecoder {
  private readonly r: Reader;
  private readonly exprs: ExprDecoder;

  private types: FuncType[] = [];
  private imports: Import[] = [];
  private funcs: number[] = [];
  private tables: TableType[] = [];
  private memories: MemType[] = [];
  private globals: Global[] = [];
  private exports: Export[] = [];
  private start: number | undefined;
  private elems: Elem[] = [];
  private datas: Data[] = [];
  private dataCount: number | undefined;
  private codes: FuncBody[] = [];
  private customs: CustomSection[] = [];
  private codeUsesDataIndex = false;

  /** @param checkBodies false: skip function bodies, see `decodeUnchecked` */
  constructor(bytes: Uint8Array, private readonly checkBodies: boolean) {
    this.r = new Reader(bytes);
    this.exprs = new ExprDecoder(this.r);
  }

  module(): Module {
    const r: Reader = this.r;
    if (r.fixed32() !== MAGIC) r.fail('magic header not detected', 0);
    if (r.fixed32() !== VERSION) r.fail('unknown binary version', 4);

    let lastOrder = 0;
    while (!r.atEnd()) {
      const at = r.pos;
      const id = r.peek();
      if (id > SectionId.dataCount) r.fail('malformed section id', at);
      if (id !== SectionId.custom) {
        const order = SECTION_ORDER[id]!;
        if (order <= lastOrder) r.fail('unexpected content after last section', at);
        lastOrder = order;
      }
      r.pos++;
      const size = r.len();
      const start = r.pos;
      this.section(id, size, start);
      if (r.pos !== start + size) r.fail('section size mismatch', start);
    }

    const end = r.end;
    if (this.funcs.length !== this.codes.length) {
      r.fail('function and code section have inconsistent lengths', end);
    }
    if (this.dataCount !== undefined && this.dataCount !== this.datas.length) {
      r.fail('data count and data section have inconsistent lengths', end);
    }
    if (this.dataCount === undefined && this.codeUsesDataIndex) {
      r.fail('data count section required', end);
    }

    const m: Module = {
      types: this.types,
      imports: this.imports,
      funcs: this.funcs,
      tables: this.tables,
      memories: this.memories,
      globals: this.globals,
      exports: this.exports,
      elems: this.elems,
      datas: this.datas,
      codes: this.codes,
      customs: this.customs,
      ...(this.start !== undefined ? { start: this.start } : {}),
      ...(this.dataCount !== undefined ? { dataCount: this.dataCount } : {}),
    };
    return m;
  }

  private section(id: number, size: number, start: number): void {
    const r: Reader = this.r;
    switch (id) {
      case SectionId.custom: {
        const name = r.name();
        const rest = size - (r.pos - start);
        if (rest < 0) r.fail(UNEXPECTED_END, r.pos);
        this.customs.push({ name, bytes: r.take(rest), offset: start });
        return;
      }
      case SectionId.type: {
        const n = r.len();
        for (let i = 0; i < n; i++) this.types.push(readFuncType(r));
        return;
      }
      case SectionId.import: {
        const n = r.len();
        for (let i = 0; i < n; i++) this.imports.push(this.importEntry());
        return;
      }
      case SectionId.function: {
        const n = r.len();
        for (let i = 0; i < n; i++) this.funcs.push(r.u32());
        return;
      }
      case SectionId.table: {
        const n = r.len();
        for (let i = 0; i < n; i++) this.tables.push(readTableType(r));
        return;
      }
      case SectionId.memory: {
        const n = r.len();
        for (let i = 0; i < n; i++) this.memories.push(readMemType(r));
        return;
      }
      case SectionId.global: {
        const n = r.len();
        for (let i = 0; i < n; i++) {
          const offset = r.pos;
          const type = readGlobalType(r);
          this.globals.push({ type, init: this.constExpr(), offset });
        }
        return;
      }
      case SectionId.export: {
        const n = r.len();
        for (let i = 0; i < n; i++) this.exports.push(this.exportEntry());
        return;
      }
      case SectionId.start:
        this.start = r.u32();
        return;
      case SectionId.element: {
        const n = r.len();
        for (let i = 0; i < n; i++) this.elems.push(this.elemSegment());
        return;
      }
      case SectionId.dataCount:
        this.dataCount = r.u32();
        return;
      case SectionId.code: {
        this.exprs.usesDataIndex = false;
        const n = r.len();
        for (let i = 0; i < n; i++) this.codes.push(this.codeEntry());
        this.codeUsesDataIndex = this.exprs.usesDataIndex;
        return;
      }
      case SectionId.data: {
        const n = r.len();
        for (let i = 0; i < n; i++) this.datas.push(this.dataSegment());
        return;
      }
      default:
        r.fail('malformed section id', start);
    }
  }

  private importEntry(): Import {
    const r: Reader = this.r;
    const offset = r.pos;
    const module = r.name();
    const name = r.name();
    const kindAt = r.pos;
    let desc: ImportDesc;
    switch (r.u8()) {
      case 0x00: desc = { kind: 'func', typeIndex: r.u32() }; break;
      case 0x01: desc = { kind: 'table', type: readTableType(r) }; break;
      case 0x02: desc = { kind: 'memory', type: readMemType(r) }; break;
      case 0x03: desc = { kind: 'global', type: readGlobalType(r) }; break;
      default: return r.fail('malformed import kind', kindAt);
    }
    return { module, name, desc, offset };
  }

  private exportEntry(): Export {
    const r: Reader = this.r;
    const offset = r.pos;
    const name = r.name();
    const kindAt = r.pos;
    let kind: ExternKind;
    switch (r.u8()) {
      case 0x00: kind = 'func'; break;
      case 0x01: kind = 'table'; break;
      case 0x02: kind = 'memory'; break;
      case 0x03: kind = 'global'; break;
      default: return r.fail('malformed export kind', kindAt);
    }
    return { name, kind, index: r.u32(), offset };
  }

  /** expr ::= instr* 0x0B, without the final `end`. */
  private constExpr(): ConstExpr {
    const out: Instr[] = [];
    this.exprs.decodeExpr(out, false);
    return out;
  }

  /** elemkind ::= 0x00 (funcref). */
  private elemKind(): ValType {
    const r: Reader = this.r;
    const at = r.pos;
    if (r.u8() !== 0x00) r.fail('malformed element kind', at);
    return 0x70;
  }

  /** A vector of function indices, each turned into the constant expression `ref.func x`. */
  private funcIndexInits(): ConstExpr[] {
    const r: Reader = this.r;
    const n = r.len();
    const init = new Array<ConstExpr>(n);
    for (let i = 0; i < n; i++) {
      const offset = r.pos;
      const x = r.u32();
      init[i] = [{ op: 0xd2, offset, a: x, b: 0, c: 0 }];
    }
    return init;
  }

  private exprInits(): ConstExpr[] {
    const n = this.r.len();
    const init = new Array<ConstExpr>(n);
    for (let i = 0; i < n; i++) init[i] = this.constExpr();
    return init;
  }

  /** The eight element segment encodings (section 5.5.12), selected by the flags bits. */
  private elemSegment(): Elem {
    const r: Reader = this.r;
    const offset = r.pos;
    const flags = r.u32();
    if (flags > 7) r.fail('malformed elements segment kind', offset);
    const passiveOrDeclarative = (flags & 1) !== 0;
    const explicitTable = (flags & 2) !== 0;
    const usesExprs = (flags & 4) !== 0;
    let mode: ElemMode = 'active';
    let table = 0;
    let offsetExpr: ConstExpr | undefined;
    if (passiveOrDeclarative) {
      mode = explicitTable ? 'declarative' : 'passive';
    } else {
      if (explicitTable) table = r.u32();
      offsetExpr = this.constExpr();
    }
    // Flags 0 and 4 have neither elemkind nor reftype: funcref is implied.
    const hasType = passiveOrDeclarative || explicitTable;
    let elemType: ValType = 0x70;
    if (hasType) elemType = usesExprs ? readRefType(r) : this.elemKind();
    const init = usesExprs ? this.exprInits() : this.funcIndexInits();
    return offsetExpr !== undefined
      ? { mode, table, offsetExpr, elemType, init, offset }
      : { mode, table, elemType, init, offset };
  }

  /** The three data segment encodings (section 5.5.14). */
  private dataSegment(): Data {
    const r: Reader = this.r;
    const offset = r.pos;
    const flags = r.u32();
    switch (flags) {
      case 0: {
        const offsetExpr = this.constExpr();
        return { mode: 'active', memory: 0, offsetExpr, bytes: this.dataBytes(), offset };
      }
      case 1:
        return { mode: 'passive', memory: 0, bytes: this.dataBytes(), offset };
      case 2: {
        const memory = r.u32();
        const offsetExpr = this.constExpr();
        return { mode: 'active', memory, offsetExpr, bytes: this.dataBytes(), offset };
      }
      default:
        return r.fail('malformed data segment kind', offset);
    }
  }

  private dataBytes(): Uint8Array {
    const n = this.r.len();
    return this.r.take(n);
  }

  /** code ::= size:u32 func, func ::= locals* expr; the size must match exactly. */
  private codeEntry(): FuncBody {
    const r: Reader = this.r;
    const offset = r.pos;
    const size = r.len();
    const start = r.pos;
    const n = r.len();
    const locals = new Array<LocalRun>(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const count = r.u32();
      const type = readValType(r);
      total += count;
      locals[i] = { count, type };
    }
    if (total >= LOCALS_LIMIT) r.fail('too many locals', start);
    const bodyStart = r.pos;
    if (this.checkBodies) {
      this.exprs.decodeExpr(null, true); // check only; see LazyFuncBody
    } else {
      if (r.pos > start + size) r.fail('section size mismatch', start); // the locals overran the body
      r.pos = start + size;
    }
    if (r.pos !== start + size) r.fail('section size mismatch', start);
    // The data count section comes before the code section: without it, no body may use a data index.
    return new LazyFuncBody(locals, offset, r.bytes, bodyStart, r.pos, this.dataCount !== undefined);
  }
}

/**
 * A function body whose instructions are materialized only when `body` is read, afresh on each read
 * (read it once per use). `decode` has checked them fully; after `decodeUnchecked`, reading them
 * is what checks them (each read checks the same bytes the same way).
 *
 * Why: a large module has millions of instructions; keeping them all as objects for the module's
 * lifetime costs seconds of garbage collection, while instructions that live only as long as the
 * validator compiles their function are nearly free. Decoding the checked bytes again cannot fail
 * differently: it is the same code on the same (privately copied) bytes.
 */
class LazyFuncBody implements FuncBody {
  constructor(
    readonly locals: readonly LocalRun[],
    readonly offset: number,
    private readonly bytes: Uint8Array,
    private readonly start: number,
    private readonly end: number,
    /** False when the module has no data count section (memory.init and data.drop are malformed). */
    private readonly dataIndexAllowed: boolean,
  ) {}

  get body(): readonly Instr[] {
    const out: Instr[] = [];
    new ExprDecoder(new Reader(this.bytes, this.start, this.end), this.dataIndexAllowed).decodeExpr(out, true);
    return out;
  }

  stream(): BodyStream {
    return new BodyStream(new Reader(this.bytes, this.start, this.end), this.dataIndexAllowed);
  }
}

/**
 * The instructions of one body, one at a time. A class rather than a closure per body: the validator
 * calls `next` once per instruction, and a call through a different closure for every body cannot be
 * inlined (each call checks and loads its target), while all instances of one class share `next`.
 */
class BodyStream {
  private readonly d: ExprDecoder;

  constructor(private readonly r: Reader, dataIndexAllowed: boolean) {
    this.d = new ExprDecoder(r, dataIndexAllowed);
  }

  next(into: InstrCursor): boolean {
    if (this.r.pos >= this.r.end) return false;
    this.d.next(into);
    return true;
  }
}
