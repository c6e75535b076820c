/**
 * Hostile guests: modules that try to exhaust or crash the host. Each states the outcome it must end
 * in (a documented limit or typed error) and runs against a store with the hostile suite's limits.
 */
import assert from 'node:assert/strict';
import {
  DecodeError, LimitExceeded, Store, Trap, ValidationError, WasmError, load, type Limits, type Value,
} from '../../src/core/index.js';
import { body, concat, exportFunc, funcType, I32, leb, moduleOf, name, section, SectionId, sleb, vec } from '../fuzz/binary-builder.js';
import { assemble } from '../fuzz/oracle.js';

/** The limits every hostile guest runs under. */
export const HOSTILE_LIMITS: Partial<Limits> = {
  memoryBytes: 64 * 1024 * 1024,
  tableElements: 1_000_000,
  fuel: 2_000_000,
  callDepth: 10_000,
  operandStack: 1 << 20,
};

export interface Guest {
  readonly name: string;
  readonly req: string;
  /** What the guest must end in, in words (printed in the report). */
  readonly expect: string;
  run(): void;
}

const isLimit = (kind: string) => (e: unknown): boolean => e instanceof LimitExceeded && e.limit === kind;
const isTrap = (kind: string) => (e: unknown): boolean => e instanceof Trap && e.kind === kind;

function instance(text: string | Uint8Array, limits: Partial<Limits> = HOSTILE_LIMITS, now?: () => number) {
  const store = new Store({ limits, ...(now ? { now } : {}) });
  const inst = store.instantiate(load(typeof text === 'string' ? assemble(text) : text), {});
  return { store, inst, call: (n: string, ...args: Value[]) => store.invoke(inst.exports.get(n)!, args) };
}

const i32 = (v: number): Value => ({ type: 'i32', value: v });

/** One exported function `f` of type [] -> [] with the given locals and code. */
function oneFunc(locals: readonly (readonly [number, number])[], code: ArrayLike<number>): Uint8Array {
  return moduleOf([
    section(SectionId.type, vec([funcType([], [])])),
    section(SectionId.function, vec([[0]])),
    section(SectionId.export, vec([exportFunc('f', 0)])),
    section(SectionId.code, vec([body(locals, code)])),
  ]);
}

export const GUESTS: readonly Guest[] = [
  {
    name: 'deep recursion', req: 'REQ-ROB-012', expect: 'LimitExceeded call-depth',
    run() {
      const g = instance('(module (func $f (export "f") (call $f)))');
      assert.throws(() => g.call('f'), isLimit('call-depth'));
    },
  },
  {
    name: 'deep recursion with large frames', req: 'REQ-ROB-012', expect: 'LimitExceeded operand-stack',
    run() {
      const g = instance(`(module (func $f (export "f") (local ${'v128 '.repeat(400)}) (call $f)))`);
      assert.throws(() => g.call('f'), isLimit('operand-stack'));
    },
  },
  {
    name: 'endless loop (fuel)', req: 'REQ-ROB-012', expect: 'LimitExceeded fuel',
    run() {
      const g = instance('(module (func (export "f") (loop $l (br $l))))');
      assert.throws(() => g.call('f'), isLimit('fuel'));
    },
  },
  {
    name: 'endless loop (deadline, injected clock)', req: 'REQ-ROB-012', expect: 'LimitExceeded deadline',
    run() {
      let t = 0;
      const g = instance('(module (func (export "f") (loop $l (br $l))))', { ...HOSTILE_LIMITS, fuel: Infinity, deadlineMs: 50 }, () => t++);
      assert.throws(() => g.call('f'), isLimit('deadline'));
    },
  },
  {
    name: 'memory growth bomb', req: 'REQ-ROB-012', expect: 'memory.grow returns -1 at the store limit',
    run() {
      const g = instance(`(module (memory (export "m") 1)
        (func (export "f") (result i32) (local i32)
          (loop $l (if (i32.ne (memory.grow (i32.const 512)) (i32.const -1)) (then (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l))))
          (i32.store8 (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 1)) (i32.const 7))
          (memory.size)))`);
      const [pages] = g.call('f');
      assert.equal(g.store.memoryView(g.inst.exports.get('m')!).length, (pages as { value: number }).value * 65536);
      assert.ok((pages as { value: number }).value * 65536 <= HOSTILE_LIMITS.memoryBytes!);
      assert.equal(g.call('f')[0]!.value, (pages as { value: number }).value, 'no further growth');
    },
  },
  {
    name: 'table growth bomb', req: 'REQ-ROB-012', expect: 'table.grow returns -1 at the element limit',
    run() {
      const g = instance(`(module (table 1 funcref)
        (func (export "f") (result i32)
          (loop $l (br_if $l (i32.ne (table.grow (ref.null func) (i32.const 100000)) (i32.const -1))))
          (drop (table.grow (ref.null func) (i32.const -1)))
          (table.size)))`);
      const [size] = g.call('f');
      assert.ok((size as { value: number }).value <= HOSTILE_LIMITS.tableElements!);
    },
  },
  {
    name: 'huge initial memory', req: 'REQ-ROB-012', expect: 'LimitExceeded memory at instantiation, nothing allocated',
    run() {
      assert.throws(() => instance('(module (memory 65536))'), isLimit('memory'));
      assert.throws(() => instance('(module (table 100000000 funcref))'), isLimit('table'));
    },
  },
  {
    name: 'huge data segment out of bounds', req: 'REQ-ROB-012', expect: 'Trap out of bounds memory access at instantiation',
    run() {
      const data = new Uint8Array(8 * 1024 * 1024).fill(0xab);
      const bin = moduleOf([
        section(SectionId.memory, vec([[0x00, 1]])),
        section(SectionId.data, vec([concat([[0x00, 0x41, ...sleb(100), 0x0b], leb(data.length), data])])),
      ]);
      assert.throws(() => instance(bin), isTrap('out of bounds memory access'));
    },
  },
  {
    name: 'data segment claiming 4 GiB', req: 'REQ-ROB-013', expect: 'DecodeError, no allocation',
    run() {
      const bin = moduleOf([
        section(SectionId.memory, vec([[0x00, 1]])),
        section(SectionId.data, concat([[1, 0x00, 0x41, 0x00, 0x0b], leb(0xffffffff), [1, 2, 3]])),
      ]);
      assert.throws(() => load(bin), DecodeError);
    },
  },
  {
    name: 'massive number of functions', req: 'REQ-ROB-013', expect: 'loads and runs (10000 functions)',
    run() {
      const n = 10_000;
      const bin = moduleOf([
        section(SectionId.type, vec([funcType([], [I32])])),
        section(SectionId.function, concat([leb(n), new Uint8Array(n)])),
        section(SectionId.export, vec([exportFunc('last', n - 1)])),
        section(SectionId.code, concat([leb(n), ...Array.from({ length: n }, (_, i) => body([], [0x41, ...sleb(i)]))])),
      ]);
      const g = instance(bin);
      assert.deepEqual(g.call('last'), [i32(n - 1)]);
    },
  },
  {
    name: 'function count of 2^32-1', req: 'REQ-ROB-013', expect: 'DecodeError, no allocation',
    run() {
      const bin = moduleOf([
        section(SectionId.type, vec([funcType([], [])])),
        section(SectionId.function, concat([leb(0xffffffff), [0, 0, 0]])),
      ]);
      assert.throws(() => load(bin), DecodeError);
    },
  },
  {
    name: 'massive number of locals', req: 'REQ-ROB-013', expect: 'ValidationError/DecodeError, no allocation',
    run() {
      assert.throws(() => load(oneFunc([[0xffffffff, I32], [0xffffffff, I32]], [])), (e: unknown) => e instanceof ValidationError || e instanceof DecodeError);
      assert.throws(() => load(oneFunc([[50_001, I32]], [])), (e: unknown) => e instanceof ValidationError || e instanceof DecodeError);
      const g = instance(oneFunc([[50_000, I32]], []));
      g.call('f');
    },
  },
  {
    name: 'pathological br_table', req: 'REQ-ROB-013', expect: 'runs (200000 targets); a 2^32-1 count is a DecodeError',
    run() {
      const n = 200_000;
      const targets = new Uint8Array(n); // all label 0
      const code = concat([[0x02, 0x40, 0x41, ...sleb(123456), 0x0e], leb(n), targets, [0x00, 0x0b]]);
      instance(oneFunc([], code)).call('f');
      const bad = concat([[0x02, 0x40, 0x41, 0x00, 0x0e], leb(0xffffffff), [0, 0, 0x0b]]);
      assert.throws(() => load(oneFunc([], bad)), (e: unknown) => e instanceof DecodeError || e instanceof ValidationError);
    },
  },
  {
    name: 'enormous custom section', req: 'REQ-ROB-013', expect: 'loads (custom content skipped); a section longer than the input is a DecodeError',
    run() {
      const payload = new Uint8Array(32 * 1024 * 1024);
      const bin = moduleOf([section(SectionId.custom, concat([name('flood'), payload]))]);
      load(bin);
      const lying = concat([[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x00], leb(0x7fffffff), name('x')]);
      assert.throws(() => load(lying), DecodeError);
    },
  },
  {
    name: 'output flood through a host function', req: 'REQ-ROB-012', expect: 'LimitExceeded fuel; the host buffer stays capped',
    run() {
      const store = new Store({ limits: HOSTILE_LIMITS });
      let written = 0;
      const CAP = 1 << 20;
      const print = store.hostFunc({ params: [I32], results: [] }, ([n]) => {
        written = Math.min(CAP, written + (n!.value as number)); // the host's own cap on output
        return [];
      });
      const inst = store.instantiate(load(assemble(`(module (import "env" "print" (func $p (param i32)))
        (func (export "f") (loop $l (call $p (i32.const 65536)) (br $l))))`)), { env: { print } });
      assert.throws(() => store.invoke(inst.exports.get('f')!, []), isLimit('fuel'));
      assert.equal(written, CAP);
    },
  },
  {
    name: 'start function that traps', req: 'REQ-ROB-012', expect: 'Trap unreachable at instantiation; the store stays usable',
    run() {
      const store = new Store({ limits: HOSTILE_LIMITS });
      assert.throws(() => store.instantiate(load(assemble('(module (memory 1) (func $s unreachable) (start $s))')), {}), isTrap('unreachable'));
      assert.throws(() => store.instantiate(load(assemble('(module (func $s (loop $l (br $l))) (start $s))')), {}), isLimit('fuel'));
      const ok = store.instantiate(load(assemble('(module (func (export "f") (result i32) (i32.const 5)))')), {});
      assert.deepEqual(store.invoke(ok.exports.get('f')!, []), [i32(5)]);
    },
  },
  {
    name: 'host function throwing a plain JS error', req: 'REQ-ROB-012', expect: 'a typed WasmError, never the raw exception',
    run() {
      const store = new Store({ limits: HOSTILE_LIMITS });
      const boom = store.hostFunc({ params: [], results: [] }, () => { throw new TypeError('boom'); });
      const inst = store.instantiate(load(assemble('(module (import "env" "boom" (func $b)) (func (export "f") (call $b)))')), { env: { boom } });
      assert.throws(() => store.invoke(inst.exports.get('f')!, []), (e: unknown) => e instanceof WasmError);
    },
  },
];

/** A well-behaved guest: after every hostile one, it must still run normally. */
export function canary(): void {
  const g = instance(`(module (memory 1) (func (export "f") (param i32) (result i32) (local i32)
    (loop $l (local.set 1 (i32.add (local.get 1) (local.get 0))) (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 1)))`);
  assert.deepEqual(g.call('f', i32(100)), [i32(5050)]);
}
