/**
 * Runs a generated program (program-gen.ts) on our core and on V8 with the same call sequence and
 * collects everything observable: each call's results or trap, then the exported globals and the
 * final memory bytes.
 */
import fc from 'fast-check';
import { LimitExceeded, Store, load, type Instance } from '../../src/core/index.js';
import { generateProgram, type Program } from './program-gen.js';
import { oursCall, sameOutcome, show, v8Call, v8Instantiate, assemble, type Outcome } from './oracle.js';

export interface Call { readonly name: string; readonly args: readonly (number | bigint)[] }

export interface Case { readonly program: Program; readonly bytes: Uint8Array; readonly calls: readonly Call[] }

const I32_ARGS = [0, 1, -1, 2, 3, 0x7fffffff, -0x80000000, 0x7fc00000, 0x7f800000, 1065353216, 65535, 1024];
const I64_ARGS = [0n, 1n, -1n, 0x7ff8000000000000n, 0x3ff0000000000000n, -0x8000000000000000n, 0x7fffffffffffffffn, 4294967296n];

/**
 * A generated case: a program and up to six calls of its exports. Every decision comes from a fixed
 * sequence of generated numbers ("choice sequence"; past its end every choice is 0, the simplest), so
 * generation is cheap and fast-check shrinks a failing case by shrinking the numbers towards 0.
 */
export const caseArb: fc.Arbitrary<Case> = fc.array(fc.noBias(fc.nat({ max: 0xffffff })), { minLength: 800, maxLength: 800 }).map((seq) => {
  let next = 0;
  const choose = (n: number): number => (n <= 1 || next >= seq.length ? (next++, 0) : seq[next++]! % n);
  const int32 = (): number => ((choose(0x10000) << 16) | choose(0x10000)) | 0;
  const program = generateProgram(choose);
  const bytes = assemble(program.text);
  const ncalls = 1 + choose(6);
  const calls: Call[] = [];
  for (let i = 0; i < ncalls; i++) {
    const e = program.exports[choose(program.exports.length)]!;
    const args = e.params.map((p) => {
      if (p === 'i32') return choose(2) ? I32_ARGS[choose(I32_ARGS.length)]! : int32();
      return choose(2) ? I64_ARGS[choose(I64_ARGS.length)]! : (BigInt(int32()) << 32n) | BigInt(int32() >>> 0);
    });
    calls.push({ name: e.name, args });
  }
  return { program, bytes, calls };
});

/** Fuel for one call of ours: generous for the bounded programs, and a bug guard. */
export const CALL_FUEL = 20_000_000;

export interface Observed { readonly outcomes: Outcome[]; readonly globals: Outcome; readonly memory: Uint8Array }

/** Our side; `call` lets the resumption property substitute a sliced run. */
export function runOurs(c: Case, call: (store: Store, inst: Instance, x: Call) => Outcome = (s, i, x) => oursCall(s, i, x.name, x.args, CALL_FUEL)): Observed | 'fuel' {
  const store = new Store();
  const inst = store.instantiate(load(c.bytes), {});
  const outcomes: Outcome[] = [];
  for (const x of c.calls) {
    try {
      outcomes.push(call(store, inst, x));
    } catch (e) {
      if (e instanceof LimitExceeded && e.limit === 'fuel') return 'fuel';
      throw e;
    }
  }
  const globals = oursCall(store, inst, 'globals', []);
  return { outcomes, globals, memory: store.memoryView(inst.exports.get('mem')!).slice() };
}

export function runV8(c: Case): Observed {
  const ex = v8Instantiate(c.bytes);
  const outcomes = c.calls.map((x) => v8Call(ex[x.name], x.args));
  const globals = v8Call(ex['globals'], []);
  return { outcomes, globals, memory: new Uint8Array((ex['mem'] as { buffer: ArrayBuffer }).buffer).slice() };
}

/** Where our run and V8's differ, or undefined when they agree on everything. */
export function difference(c: Case, ours: Observed, v8: Observed): string | undefined {
  for (let i = 0; i < c.calls.length; i++) {
    if (!sameOutcome(ours.outcomes[i]!, v8.outcomes[i]!)) {
      return `call ${i} ${c.calls[i]!.name}(${c.calls[i]!.args.join(', ')}): ours ${show(ours.outcomes[i]!)}, V8 ${show(v8.outcomes[i]!)}`;
    }
  }
  if (!sameOutcome(ours.globals, v8.globals)) return `globals: ours ${show(ours.globals)}, V8 ${show(v8.globals)}`;
  if (ours.memory.length !== v8.memory.length) return `memory size: ours ${ours.memory.length}, V8 ${v8.memory.length}`;
  const at = ours.memory.findIndex((b, i) => b !== v8.memory[i]);
  if (at >= 0) return `memory byte ${at}: ours ${ours.memory[at]}, V8 ${v8.memory[at]}`;
  return undefined;
}

/** Same outcomes whatever way ours ran (for resumption): strict equality of everything observable. */
export function sameObserved(a: Observed, b: Observed): boolean {
  return difference({ program: { text: '', exports: [] }, bytes: new Uint8Array(), calls: a.outcomes.map(() => ({ name: '', args: [] })) }, a, { ...b, outcomes: b.outcomes.map(toV8Like), globals: toV8Like(b.globals) }) === undefined;
}

function toV8Like(o: Outcome): Outcome {
  return o.kind === 'trap' ? { kind: 'v8-trap', kinds: [o.trap], message: o.trap } : o;
}

export { generateProgram };
