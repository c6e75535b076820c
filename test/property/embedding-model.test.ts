/**
 * Property 6 (issue #6): model-based test of the embedding API (`fc.commands`). Random sequences of
 * load / instantiate / invoke / start / run(fuel) (pause) / resume / abandon / globalValue /
 * memoryView on one store are checked against a simple model of what each must do: loaded modules,
 * instances with their counter global and memory bytes, and resumable executions with their states.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DecodeError, EmbeddingError, LimitExceeded, LinkError, Store, Trap, ValidationError, load, type Execution, type Instance,
  type Imports, type ValidatedModule, type Value,
} from '../../src/core/index.js';
import { assemble, initWabt } from '../fuzz/oracle.js';
import { checkProperty } from '../fuzz/property.js';

const CALC = `(module (memory (export "mem") 1) (global $c (export "count") (mut i32) (i32.const 0))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "bump") (result i32) (global.set $c (i32.add (global.get $c) (i32.const 1))) (global.get $c))
  (func (export "poke") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "sum") (param i32) (result i64) (local i64)
    (block $out (loop $l (br_if $out (i32.eqz (local.get 0)))
      (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br $l)))
    (local.get 1)))`;
const TRAP_START = `(module (func $s unreachable) (start $s))`;
const IMPORTER = `(module (import "env" "twice" (func $t (param i32) (result i32)))
  (func (export "call") (param i32) (result i32) (i32.add (call $t (local.get 0)) (i32.const 1))))`;

type Kind = 'calc' | 'trapstart' | 'importer';
interface ModelExec { readonly n: number; state: 'ready' | 'done' | 'abandoned' }
interface Model {
  modules: Kind[];
  instances: { kind: Kind; count: number; mem: Map<number, number> }[];
  execs: ModelExec[];
}
interface Real {
  store: Store;
  modules: ValidatedModule[];
  instances: Instance[];
  execs: Execution[];
}

let BIN: Record<Kind | 'ill' | 'truncated', Uint8Array>;
before(async () => {
  await initWabt();
  const calc = assemble(CALC);
  BIN = { calc, trapstart: assemble(TRAP_START), importer: assemble(IMPORTER), ill: new Uint8Array(0), truncated: calc.slice(0, calc.length - 3) };
  // wabt refuses to assemble an ill-typed module; its binary by hand: (func (result i32) i64.const 1)
  BIN.ill = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 10, 6, 1, 4, 0, 0x42, 1, 0x0b]);
});

const i32 = (v: number): Value => ({ type: 'i32', value: v | 0 });
const sumOf = (n: number): bigint => (BigInt(n) * BigInt(n + 1)) / 2n;
const isKind = (k: Kind) => (m: Model, idx: number): number | undefined => {
  const cands = m.instances.map((x, i) => ({ x, i })).filter(({ x }) => x.kind === k);
  return cands.length === 0 ? undefined : cands[idx % cands.length]!.i;
};

type Cmd = fc.Command<Model, Real>;

/** How often each command ran (printed, and checked to be non-zero, so the model is exercised). */
const ran: Record<string, number> = {};
const count = (name: string): void => { ran[name] = (ran[name] ?? 0) + 1; };

class Load implements Cmd {
  constructor(readonly what: Kind | 'ill' | 'truncated') {}
  check(): boolean { return true; }
  run(m: Model, r: Real): void {
    count('load');
    if (this.what === 'ill') { assert.throws(() => load(BIN.ill), ValidationError); return; }
    if (this.what === 'truncated') { assert.throws(() => load(BIN.truncated), DecodeError); return; }
    r.modules.push(load(BIN[this.what]));
    m.modules.push(this.what);
  }
  toString(): string { return `load(${this.what})`; }
}

class Instantiate implements Cmd {
  constructor(readonly idx: number) {}
  check(m: Model): boolean { return m.modules.length > 0; }
  run(m: Model, r: Real): void {
    count('instantiate');
    const i = this.idx % m.modules.length;
    const kind = m.modules[i]!;
    const imports: Imports = kind === 'importer'
      ? { env: { twice: r.store.hostFunc({ params: [0x7f], results: [0x7f] }, ([a]) => [i32((a!.value as number) * 2)]) } }
      : {};
    if (kind === 'trapstart') {
      assert.throws(() => r.store.instantiate(r.modules[i]!, imports), (e: unknown) => e instanceof Trap && e.kind === 'unreachable');
      return;
    }
    if (kind === 'importer') assert.throws(() => r.store.instantiate(r.modules[i]!, {}), LinkError);
    r.instances.push(r.store.instantiate(r.modules[i]!, imports));
    m.instances.push({ kind, count: 0, mem: new Map() });
  }
  toString(): string { return `instantiate(${this.idx})`; }
}

class Invoke implements Cmd {
  constructor(readonly idx: number, readonly fn: 'add' | 'div' | 'bump' | 'poke' | 'call' | 'badargs', readonly a: number, readonly b: number) {}
  check(m: Model): boolean { return isKind(this.fn === 'call' ? 'importer' : 'calc')(m, this.idx) !== undefined; }
  run(m: Model, r: Real): void {
    count('invoke');
    const i = isKind(this.fn === 'call' ? 'importer' : 'calc')(m, this.idx)!;
    const inst = r.instances[i]!;
    const mi = m.instances[i]!;
    const { store } = r;
    const f = (name: string) => inst.exports.get(name)!;
    switch (this.fn) {
      case 'add': assert.deepEqual(store.invoke(f('add'), [i32(this.a), i32(this.b)]), [i32(this.a + this.b)]); break;
      case 'div':
        if (this.b === 0) assert.throws(() => store.invoke(f('div'), [i32(this.a), i32(0)]), (e: unknown) => e instanceof Trap && e.kind === 'integer divide by zero');
        else if ((this.a | 0) === -0x80000000 && this.b === -1) assert.throws(() => store.invoke(f('div'), [i32(this.a), i32(-1)]), (e: unknown) => e instanceof Trap && e.kind === 'integer overflow');
        else assert.deepEqual(store.invoke(f('div'), [i32(this.a), i32(this.b)]), [i32(Math.trunc((this.a | 0) / this.b))]);
        break;
      case 'bump':
        mi.count++;
        assert.deepEqual(store.invoke(f('bump'), []), [i32(mi.count)]);
        break;
      case 'poke': {
        const addr = this.a & 0xffff;
        store.invoke(f('poke'), [i32(addr), i32(this.b)]);
        mi.mem.set(addr, this.b & 0xff);
        break;
      }
      case 'call': assert.deepEqual(store.invoke(f('call'), [i32(this.a)]), [i32(this.a * 2 + 1)]); break;
      default: assert.throws(() => store.invoke(f('add'), [i32(1)]), EmbeddingError);
    }
  }
  toString(): string { return `invoke(${this.idx}, ${this.fn}, ${this.a}, ${this.b})`; }
}

class Observe implements Cmd {
  constructor(readonly idx: number) {}
  check(m: Model): boolean { return isKind('calc')(m, this.idx) !== undefined; }
  run(m: Model, r: Real): void {
    count('observe');
    const i = isKind('calc')(m, this.idx)!;
    const inst = r.instances[i]!;
    assert.deepEqual(r.store.globalValue(inst.exports.get('count')!), i32(m.instances[i]!.count));
    const mem = r.store.memoryView(inst.exports.get('mem')!);
    assert.equal(mem.length, 65536);
    let nonzero = 0;
    for (const b of mem) if (b !== 0) nonzero++;
    const expected = [...m.instances[i]!.mem.values()].filter((v) => v !== 0).length;
    assert.equal(nonzero, expected);
    for (const [a, v] of m.instances[i]!.mem) assert.equal(mem[a], v);
  }
  toString(): string { return `observe(${this.idx})`; }
}

class Start implements Cmd {
  constructor(readonly idx: number, readonly n: number) {}
  check(m: Model): boolean { return isKind('calc')(m, this.idx) !== undefined; }
  run(m: Model, r: Real): void {
    count('start');
    const inst = r.instances[isKind('calc')(m, this.idx)!]!;
    r.execs.push(r.store.start(inst.exports.get('sum')!, [i32(this.n)]));
    m.execs.push({ n: this.n, state: 'ready' });
  }
  toString(): string { return `start(${this.idx}, sum ${this.n})`; }
}

class Run implements Cmd {
  constructor(readonly idx: number, readonly fuel: number) {}
  check(m: Model): boolean { return m.execs.length > 0; }
  run(m: Model, r: Real): void {
    count('run');
    const i = this.idx % m.execs.length;
    const me = m.execs[i]!;
    const res = r.execs[i]!.run(this.fuel);
    switch (me.state) {
      case 'abandoned':
        assert.equal(res.status, 'trapped');
        if (res.status === 'trapped') assert.ok(res.error instanceof LimitExceeded);
        return;
      case 'done': // finished before: the same values again, no fuel used
        assert.equal(res.status, 'done');
        if (res.status === 'done') assert.deepEqual(res.values, [{ type: 'i64', value: sumOf(me.n) }]);
        return;
      default:
        if (res.status === 'paused') { assert.equal(res.fuelUsed, this.fuel); return; }
        assert.equal(res.status, 'done');
        if (res.status === 'done') {
          assert.deepEqual(res.values, [{ type: 'i64', value: sumOf(me.n) }]);
          const used = (res as { readonly fuelUsed?: number }).fuelUsed; // reported by some versions of the API
          assert.ok(used === undefined || used <= this.fuel, 'a run never uses more than its fuel');
        }
        me.state = 'done';
    }
  }
  toString(): string { return `run(${this.idx}, ${this.fuel})`; }
}

class Abandon implements Cmd {
  constructor(readonly idx: number) {}
  check(m: Model): boolean { return m.execs.length > 0; }
  run(m: Model, r: Real): void {
    count('abandon');
    const i = this.idx % m.execs.length;
    r.execs[i]!.abandon();
    if (m.execs[i]!.state === 'ready') m.execs[i]!.state = 'abandoned';
  }
  toString(): string { return `abandon(${this.idx})`; }
}

const commands = [
  fc.constantFrom<Kind | 'ill' | 'truncated'>('calc', 'calc', 'trapstart', 'importer', 'ill', 'truncated').map((k) => new Load(k)),
  fc.nat(9).map((i) => new Instantiate(i)),
  fc.tuple(fc.nat(9), fc.constantFrom('add', 'div', 'bump', 'poke', 'call', 'badargs') as fc.Arbitrary<Invoke['fn']>,
    fc.oneof(fc.integer(), fc.constantFrom(-0x80000000, 0, 1)), fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer()))
    .map(([i, fn, a, b]) => new Invoke(i, fn, a, b)),
  fc.nat(9).map((i) => new Observe(i)),
  fc.tuple(fc.nat(9), fc.nat(300)).map(([i, n]) => new Start(i, n)),
  fc.tuple(fc.nat(9), fc.oneof(fc.nat(20), fc.nat(3000))).map(([i, f]) => new Run(i, f)),
  fc.nat(9).map((i) => new Abandon(i)),
];

test('REQ-ROB-011: random sequences of embedding-API calls behave as the model says', async () => {
  await checkProperty('model/embedding-api', 100, fc.property(fc.commands(commands, { maxCommands: 60, size: 'max' }), (cmds) => {
    const setup = () => ({ model: { modules: [], instances: [], execs: [] } as Model, real: { store: new Store(), modules: [], instances: [], execs: [] } as Real });
    fc.modelRun(setup, cmds);
    return true;
  }));
  console.log(`[property] model/embedding-api: commands run ${JSON.stringify(ran)}`);
  for (const c of ['load', 'instantiate', 'invoke', 'observe', 'start', 'run', 'abandon']) assert.ok((ran[c] ?? 0) > 0, c);
});
