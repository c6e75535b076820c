/**
 * Test helpers for the runtime: compile WebAssembly text with wabt, load it through the public API
 * (decoder + validator) and instantiate it in a fresh store.
 */
import wabtInit from 'wabt';
import { load, Store, type Instance, type StoreOptions } from '../../../src/core/index.js';
import type { Imports } from '../../../src/core/exec/values.js';
import type { ValidatedModule } from '../../../src/core/validate/compiled.js';

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Wabt | undefined;

/** The binary of a text module (all 2.0 features). */
export async function wat(text: string): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  const mod = wabt.parseWat('t.wat', text, { simd: true, reference_types: true, bulk_memory: true, multi_value: true });
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

export async function loadWat(text: string): Promise<ValidatedModule> {
  return load(await wat(text));
}

/** A fresh store with the module instantiated. */
export async function setup(
  text: string, opts: StoreOptions = {}, imports: (s: Store) => Imports = () => ({}),
): Promise<{ store: Store; inst: Instance; bytes: Uint8Array }> {
  const bytes = await wat(text);
  const store = new Store(opts);
  const inst = store.instantiate(load(bytes), imports(store));
  return { store, inst, bytes };
}

/** The host engine's own WebAssembly (V8 under Node), typed minimally for differential tests. */
interface V8Wasm {
  instantiate(bytes: Uint8Array, imports?: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
  RuntimeError: new (...a: unknown[]) => Error;
}
const V8 = (globalThis as unknown as { WebAssembly: V8Wasm }).WebAssembly;

export type V8Exports = Record<string, (...a: unknown[]) => unknown>;

/** Instantiates `bytes` in V8; returns the exports (functions callable, memories as `.buffer`). */
export async function v8Instance(bytes: Uint8Array, imports: object = {}): Promise<V8Exports> {
  return (await V8.instantiate(bytes, imports)).instance.exports as V8Exports;
}

export function isV8Trap(e: unknown): boolean {
  return e instanceof V8.RuntimeError;
}

/** The bytes of an exported V8 memory. */
export function v8Memory(exports: V8Exports, name: string): Uint8Array {
  return new Uint8Array((exports[name] as unknown as { buffer: ArrayBuffer }).buffer);
}
