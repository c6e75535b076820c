/**
 * Differential oracle for the SIMD tests: V8's own WebAssembly engine (Node's `WebAssembly` global),
 * fed with modules that wabt assembles from text. Each module loads the operands from memory
 * (operand j at byte 16*j), applies one instruction and stores the result at byte 64.
 */

import type { SimdOp } from './simd-ops.js';

interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
}

const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type Wabt = {
  parseWat(
    filename: string,
    text: string | Uint8Array,
    features?: { simd?: boolean },
  ): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void };
};

let wabtPromise: Promise<Wabt> | undefined;

async function getWabt(): Promise<Wabt> {
  if (wabtPromise === undefined) {
    wabtPromise = import('wabt').then((m) => (m.default as unknown as () => Promise<Wabt>)());
  }
  return wabtPromise;
}

/** Assembles WAT text into a binary with wabt (SIMD enabled). */
export async function assemble(text: string): Promise<Uint8Array> {
  const w = await getWabt();
  const mod = w.parseWat('t.wat', new Uint8Array(Buffer.from(text, 'utf8')), { simd: true });
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

/** Byte size of a value of the given signature letter. */
export function sizeOf(letter: string): number {
  switch (letter) {
    case 'i':
    case 'f':
      return 4;
    case 'I':
    case 'F':
      return 8;
    default:
      return 16;
  }
}

const LOAD: Record<string, string> = { i: 'i32.load', I: 'i64.load', f: 'f32.load', F: 'f64.load', v: 'v128.load' };
const STORE: Record<string, string> = { i: 'i32.store', I: 'i64.store', f: 'f32.store', F: 'f64.store', v: 'v128.store' };

/** The body of a function that applies `instr` (with its immediates) to operands from memory. */
function body(op: SimdOp, instr: string): string {
  const [params = '', results = ''] = op.sig.split(':');
  const lines = ['i32.const 64'];
  [...params].forEach((p, j) => {
    lines.push(`i32.const ${16 * j}`, LOAD[p] ?? '');
  });
  lines.push(instr, STORE[results] ?? '');
  return lines.join('\n    ');
}

/** A V8 instance with one exported function per lane immediate (`run0`..), or `run0` alone. */
export interface Oracle {
  readonly memory: Uint8Array;
  run(index: number): void;
}

function instantiate(bytes: Uint8Array): { memory: WasmMemory; exports: Record<string, unknown> } {
  const inst = new WA.Instance(new WA.Module(bytes), {});
  return { memory: inst.exports['m'] as WasmMemory, exports: inst.exports };
}

/** Builds the oracle for `op`; `imm` gives the immediate text for variant k (lane ops: the lane). */
export async function buildOracle(op: SimdOp, immTexts: readonly string[]): Promise<Oracle> {
  const funcs = immTexts.map(
    (imm, k) => `  (func (export "run${k}")\n    ${body(op, imm === '' ? op.name : `${op.name} ${imm}`)})`,
  );
  const text = `(module\n  (memory (export "m") 1)\n${funcs.join('\n')}\n)`;
  const { memory, exports } = instantiate(await assemble(text));
  const fns = immTexts.map((_, k) => exports[`run${k}`] as () => void);
  return {
    memory: new Uint8Array(memory.buffer),
    run(index: number): void {
      const f = fns[index];
      if (f === undefined) throw new Error(`no variant ${index}`);
      f();
    },
  };
}
