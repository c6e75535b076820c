/**
 * Test harness for the canonical ABI: a real core module (compiled with wabt, run by our core)
 * exporting a memory and a bump `realloc`, a `CoreAccess` over it that logs realloc calls, and
 * generators of component types and values (fast-check) following the JS mapping of types.ts.
 */

import fc from 'fast-check';
import { ValType } from '../../../src/core/binary/module.js';
import { Store, type ExternVal, type Value } from '../../../src/core/index.js';
import {
  AbiInstance, BorrowScope, LenderSet, LiftLowerContext, flattenFuncType,
  type CanonContext, type CanonOptions, type CFuncType, type CoreAccess, type CType, type StringEncoding,
} from '../../../src/component/abi/index.js';
import { wat } from '../../core/exec/wat.js';
import { load } from '../../../src/core/index.js';

/**
 * The realloc of the test module: a bump allocator honouring `align`, copying the old contents on
 * reallocation and growing memory as needed. `set_mode` makes it misbehave for fault injection:
 * 1 = return a misaligned pointer, 2 = return a pointer near the end of the 32-bit address space.
 */
export const LIBC_WAT = `
  (memory (export "mem") 1)
  (global $next (mut i32) (i32.const 1024))
  (global $mode (mut i32) (i32.const 0))
  (func (export "set_mode") (param i32) (global.set $mode (local.get 0)))
  (func $realloc (export "realloc") (param $old i32) (param $osize i32) (param $align i32) (param $nsize i32) (result i32)
    (local $r i32) (local $need i32)
    (local.set $r (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (global.set $next (i32.add (local.get $r) (local.get $nsize)))
    (local.set $need (i32.sub (global.get $next) (i32.mul (memory.size) (i32.const 65536))))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (local.get $need) (i32.const 16)) (i32.const 1))) (i32.const -1))
        (then unreachable))))
    (if (i32.ne (local.get $old) (i32.const 0))
      (then (memory.copy (local.get $r) (local.get $old)
        (select (local.get $osize) (local.get $nsize) (i32.lt_u (local.get $osize) (local.get $nsize))))))
    (if (i32.eq (global.get $mode) (i32.const 1)) (then (return (i32.add (local.get $r) (i32.const 1)))))
    (if (i32.eq (global.get $mode) (i32.const 2)) (then (return (i32.const -4))))
    (local.get $r))
`;

export interface ReallocCall {
  readonly old: number;
  readonly oldSize: number;
  readonly align: number;
  readonly newSize: number;
  readonly result: number;
}

export interface Libc {
  readonly store: Store;
  readonly memory: ExternVal;
  readonly realloc: ExternVal;
  readonly setMode: ExternVal;
  readonly core: CoreAccess;
  readonly reallocs: ReallocCall[];
  readonly exports: ReadonlyMap<string, ExternVal>;
  bytes(): Uint8Array;
}

function exp(m: ReadonlyMap<string, ExternVal>, name: string): ExternVal {
  const e = m.get(name);
  if (e === undefined) throw new Error(`no export ${name}`);
  return e;
}

/** Wraps a store as CoreAccess, logging every call of `realloc`. */
function access(store: Store, realloc: () => ExternVal | undefined, log: ReallocCall[]): CoreAccess {
  return {
    invoke(func: ExternVal, args: Value[]): Value[] {
      const r = store.invoke(func, args);
      const ra = realloc();
      if (ra !== undefined && func.addr === ra.addr && func.kind === 'func') {
        const n = (i: number): number => (args[i]!.value as number) >>> 0;
        log.push({ old: n(0), oldSize: n(1), align: n(2), newSize: n(3), result: (r[0]!.value as number) >>> 0 });
      }
      return r;
    },
    memoryView: (m: ExternVal) => store.memoryView(m),
  };
}

/** Instantiates the libc module, plus `extra` module text with imports from `imports`. */
export async function libc(extra = '', imports: (s: Store) => Record<string, Record<string, ExternVal>> = () => ({})): Promise<Libc> {
  const store = new Store();
  const reallocs: ReallocCall[] = [];
  let reallocRef: ExternVal | undefined;
  const core = access(store, () => reallocRef, reallocs);
  const inst = store.instantiate(load(await wat(`(module ${extraImports(extra)} ${LIBC_WAT} ${stripImports(extra)})`)), imports(store));
  const memory = exp(inst.exports, 'mem');
  reallocRef = exp(inst.exports, 'realloc');
  return {
    store, memory, realloc: reallocRef, setMode: exp(inst.exports, 'set_mode'), core, reallocs, exports: inst.exports,
    bytes: () => store.memoryView(memory),
  };
}

// Imports must precede other definitions in the text format: split them out of `extra`.
const IMPORT_RE = /\(import "[^"]*" "[^"]*" \(func \$[\w-]+(?: \(param[^)]*\))?(?: \(result[^)]*\))?\)\)/g;
function extraImports(extra: string): string {
  return (extra.match(IMPORT_RE) ?? []).join('\n');
}
function stripImports(extra: string): string {
  return extra.replace(IMPORT_RE, '');
}

export function options(l: Libc, enc: StringEncoding = 'utf8', extra: Partial<CanonOptions> = {}): CanonOptions {
  return { stringEncoding: enc, memory: l.memory, realloc: l.realloc, ...extra };
}

export function canonCx(l: Libc, enc: StringEncoding = 'utf8', inst = new AbiInstance(null, 'test'), extra: Partial<CanonOptions> = {}): CanonContext {
  return { core: l.core, opts: options(l, enc, extra), inst };
}

/** A lift/lower context for direct load/store tests, with a borrow scope and a lender set. */
export function llcx(l: Libc, enc: StringEncoding = 'utf8', inst = new AbiInstance(null, 'test')): LiftLowerContext {
  return new LiftLowerContext(canonCx(l, enc, inst), new BorrowScope(), new LenderSet());
}

export function i32(v: number): Value {
  return { type: 'i32', value: v | 0 };
}

// ---------------------------------------------------------------------------------------------------
// Types and values

export const prim = (kind: 'bool' | 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64' | 'f32' | 'f64' | 'char' | 'string'): CType => ({ kind });

const PRIMS = ['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string'] as const;

const names = (n: number, p: string): string[] => Array.from({ length: n }, (_, i) => `${p}${i}`);

/** Arbitrary resolved value types without handles, of bounded depth. */
export const arbType: fc.Arbitrary<CType> = fc.letrec<{ t: CType }>((tie) => ({
  t: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'type' },
    { arbitrary: fc.constantFrom(...PRIMS).map(prim), weight: 6 },
    { arbitrary: tie('t').map((elem): CType => ({ kind: 'list', elem })), weight: 1 },
    { arbitrary: fc.array(tie('t'), { minLength: 1, maxLength: 4 }).map((ts): CType => ({ kind: 'record', fields: ts.map((type, i) => ({ name: `field-${i}`, type })) })), weight: 1 },
    { arbitrary: fc.array(tie('t'), { minLength: 1, maxLength: 4 }).map((types): CType => ({ kind: 'tuple', types })), weight: 1 },
    { arbitrary: fc.array(fc.option(tie('t'), { nil: undefined }), { minLength: 1, maxLength: 4 }).map((cs): CType => ({ kind: 'variant', cases: cs.map((type, i) => (type === undefined ? { name: `case-${i}` } : { name: `case-${i}`, type })) })), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 300 }).map((n): CType => ({ kind: 'enum', names: names(n, 'e') })), weight: 1 },
    { arbitrary: tie('t').map((type): CType => ({ kind: 'option', type })), weight: 1 },
    { arbitrary: fc.tuple(fc.option(tie('t'), { nil: undefined }), fc.option(tie('t'), { nil: undefined })).map(([ok, err]): CType => ({ kind: 'result', ...(ok === undefined ? {} : { ok }), ...(err === undefined ? {} : { err }) })), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 32 }).map((n): CType => ({ kind: 'flags', names: names(n, 'flag-') })), weight: 1 },
  ),
})).t;

/** Any Unicode scalar value as a one-code-point string (surrogates skipped). */
export const arbChar: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0, max: 0xd7ff }),
  fc.integer({ min: 0xe000, max: 0x10ffff }),
  fc.constantFrom(0, 0x7f, 0x80, 0xff, 0x100, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xffff, 0x10000, 0x10ffff),
).map((cp) => String.fromCodePoint(cp));

/** Well-formed strings mixing ASCII, Latin-1, BMP and supplementary code points. */
export const arbString: fc.Arbitrary<string> = fc.array(
  fc.oneof(fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)), arbChar),
  { maxLength: 12 },
).map((cs) => cs.join(''));

/** Arbitrary JS values of type `t` (handles are not generated). */
export function arbValue(t: CType): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case 'bool': return fc.boolean();
    case 's8': return fc.integer({ min: -128, max: 127 });
    case 'u8': return fc.integer({ min: 0, max: 255 });
    case 's16': return fc.integer({ min: -32768, max: 32767 });
    case 'u16': return fc.integer({ min: 0, max: 65535 });
    case 's32': return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'u32': return fc.integer({ min: 0, max: 2 ** 32 - 1 });
    case 's64': return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case 'u64': return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
    case 'f32': return fc.float();
    case 'f64': return fc.double();
    case 'char': return arbChar;
    case 'string': return arbString;
    case 'list':
      if (t.elem.kind === 'u8') return fc.uint8Array({ maxLength: 12 });
      return fc.array(arbValue(t.elem), { maxLength: 4 });
    case 'record':
      return fc.tuple(...t.fields.map((f) => arbValue(f.type))).map((vs) => Object.fromEntries(t.fields.map((f, i) => [f.name, vs[i]])));
    case 'tuple': return fc.tuple(...t.types.map(arbValue));
    case 'variant':
      return fc.oneof(...t.cases.map((c) => (c.type === undefined ? fc.constant({ tag: c.name }) : arbValue(c.type).map((val) => ({ tag: c.name, val })))));
    case 'enum': return fc.constantFrom(...t.names);
    case 'option':
      if (t.type.kind === 'option') return fc.oneof(fc.constant({ tag: 'none' }), arbValue(t.type).map((val) => ({ tag: 'some', val })));
      return fc.oneof(fc.constant(null), arbValue(t.type));
    case 'result':
      return fc.oneof(
        t.ok === undefined ? fc.constant({ tag: 'ok' }) : arbValue(t.ok).map((val) => ({ tag: 'ok', val })),
        t.err === undefined ? fc.constant({ tag: 'err' }) : arbValue(t.err).map((val) => ({ tag: 'err', val })),
      );
    case 'flags':
      return fc.array(fc.boolean(), { minLength: t.names.length, maxLength: t.names.length }).map((bs) => Object.fromEntries(t.names.map((n, i) => [n, bs[i]!])));
    case 'own': case 'borrow':
      throw new Error('no generator for handles');
  }
}

/** A type together with a value of it. */
export const arbTypedValue: fc.Arbitrary<{ t: CType; v: unknown }> = arbType.chain((t) => arbValue(t).map((v) => ({ t, v })));

// ---------------------------------------------------------------------------------------------------
// Forwarding component core code

const WAT_TYPE: Record<number, string> = { [ValType.i32]: 'i32', [ValType.i64]: 'i64', [ValType.f32]: 'f32', [ValType.f64]: 'f64' };

/**
 * Core text for a "forwarder" of component function type `ft`: export `run` has the lifted core
 * signature and calls import `host.f` (the lowered signature) with its parameters, returning the
 * result; a spilled result is received in a buffer from realloc and returned as the pointer.
 */
export function forwarderWat(ft: CFuncType): string {
  const lift = flattenFuncType(ft, 'lift');
  const lower = flattenFuncType(ft, 'lower');
  const sig = (ps: readonly number[], rs: readonly number[]): string =>
    (ps.length ? ` (param ${ps.map((p) => WAT_TYPE[p]).join(' ')})` : '') + (rs.length ? ` (result ${rs.map((r) => WAT_TYPE[r]).join(' ')})` : '');
  const spilled = lower.params.length > lift.params.length || (lift.results.length === 1 && lower.results.length === 0);
  const retSpill = lower.results.length === 0 && lift.results.length === 1;
  const args = lift.params.map((_, i) => `(local.get ${i})`).join(' ');
  void spilled;
  const body = retSpill
    ? `(local.set $ret (call $realloc (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 4096)))
       (call $f ${args} (local.get $ret)) (local.get $ret)`
    : `(call $f ${args})`;
  return `(import "host" "f" (func $f${sig(lower.params, lower.results)}))
    (func (export "run")${sig(lift.params, lift.results)} (local $ret i32) ${body})`;
}
