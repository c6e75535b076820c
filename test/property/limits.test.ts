/**
 * Property 5a (issue #6): random limits are never exceeded. Memory and table growth stay within the
 * store's byte limit whatever the guest asks for; recursion succeeds exactly up to the call-depth
 * limit; operand-stack use stays within its limit; fuel is exact (an invoke with the minimal fuel
 * completes, one unit less raises LimitExceeded fuel); a function with more locals than allowed is
 * refused. Every refusal is the typed outcome (-1 from grow, LimitExceeded), never another error.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LimitExceeded, Store, load, type Instance } from '../../src/core/index.js';
import { assemble, initWabt, intArgs, oursCall, type Outcome } from '../fuzz/oracle.js';
import { caseArb, CALL_FUEL } from '../fuzz/program-run.js';
import { checkProperty } from '../fuzz/property.js';

before(async () => {
  await initWabt();
});

const isLimit = (kind: string) => (e: unknown): boolean => e instanceof LimitExceeded && e.limit === kind;
const PAGE = 65536;

const GROWER = `(module (memory (export "m") 1) (table (export "t") 1 funcref)
  (func (export "mem") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "tab") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
  (func (export "pages") (result i32) (memory.size))
  (func (export "elems") (result i32) (table.size)))`;

test('REQ-ROB-005: memory and table growth never pass the store memory limit', async () => {
  const bytes = assemble(GROWER);
  const mod = load(bytes);
  const op = fc.record({ instance: fc.nat({ max: 2 }), mem: fc.boolean(), delta: fc.oneof(fc.nat({ max: 4 }), fc.nat({ max: 5000 }), fc.constant(-1)) });
  await checkProperty('limits/memory', 200, fc.property(fc.integer({ min: 0, max: 12 * PAGE }), fc.array(op, { maxLength: 30 }), (limit, ops) => {
    const store = new Store({ limits: { memoryBytes: limit } });
    const insts: Instance[] = [];
    for (let i = 0; i < 3; i++) {
      try {
        insts.push(store.instantiate(mod, {}));
      } catch (e) {
        assert.ok(isLimit('memory')(e) || isLimit('table')(e), String(e));
      }
    }
    const total = (): number => insts.reduce((sum, inst) =>
      sum + (store.invokeExport(inst, 'pages')[0] as number) * PAGE + (store.invokeExport(inst, 'elems')[0] as number) * 8, 0);
    assert.ok(total() <= limit, 'instantiation stays within the limit');
    for (const o of ops) {
      const inst = insts[o.instance % Math.max(1, insts.length)];
      if (inst === undefined) break;
      const before = total();
      const [r] = store.invokeExport(inst, o.mem ? 'mem' : 'tab', o.delta);
      const after = total();
      assert.ok(after <= limit, `total ${after} > limit ${limit}`);
      if (r === -1) assert.equal(after, before, 'a refused grow changes nothing');
      else assert.equal(after - before, (o.delta >>> 0) * (o.mem ? PAGE : 8));
    }
    return true;
  }));
});

const RECURSE = `(module (func $r (export "r") (param i32) (result i32) (local i64 i64 i64)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1))))))))`;

test('REQ-ROB-006: recursion succeeds exactly up to the call-depth limit and within the operand-stack limit', async () => {
  const mod = load(assemble(RECURSE));
  await checkProperty('limits/stack', 150, fc.property(
    fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 8, max: 40000 }), fc.integer({ min: 0, max: 3500 }),
    (depth, slots, n) => {
      const store = new Store({ limits: { callDepth: depth, operandStack: slots } });
      const inst = store.instantiate(mod, {});
      let ok = false;
      try {
        assert.deepEqual(store.invokeExport(inst, 'r', n), [n]);
        ok = true;
      } catch (e) {
        assert.ok(isLimit('call-depth')(e) || isLimit('operand-stack')(e), String(e));
        if (isLimit('call-depth')(e)) assert.ok(n + 1 > depth, `call-depth raised at ${n + 1} frames, limit ${depth}`);
      }
      // r(n) needs n+1 frames of 4 locals (+ at most 4 operands) each.
      if (ok) assert.ok(n + 1 <= depth && (n + 1) * 4 <= slots, `ran ${n + 1} frames with depth ${depth}, slots ${slots}`);
      if (n + 1 <= depth && (n + 1) * 8 <= slots) assert.ok(ok, 'within both limits the call completes');
      assert.deepEqual(store.invokeExport(inst, 'r', 0), [0]); // the store stays usable
      return true;
    }));
});

test('REQ-ROB-007: fuel is exact on generated programs', async () => {
  await checkProperty('limits/fuel-exact', 20, fc.property(caseArb, (c) => {
    const mod = load(c.bytes);
    const x = c.calls[0]!;
    const attempt = (fuel: number): Outcome | 'fuel' => {
      const store = new Store();
      const inst = store.instantiate(mod, {});
      try {
        return oursCall(store, inst, x.name, x.args, fuel);
      } catch (e) {
        if (isLimit('fuel')(e)) return 'fuel';
        throw e;
      }
    };
    const full = attempt(CALL_FUEL);
    fc.pre(full !== 'fuel');
    let lo = 0; // fails
    let hi = CALL_FUEL; // completes
    if (attempt(0) !== 'fuel') hi = 0;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (attempt(mid) === 'fuel') lo = mid; else hi = mid;
    }
    assert.deepEqual(attempt(hi), full, 'the minimal fuel gives the unlimited outcome');
    if (hi > 0) assert.equal(attempt(hi - 1), 'fuel', 'one unit less is refused');
    // A resumable run with the same budget pauses having used all of it, then completes with 1 more.
    const store = new Store();
    const inst = store.instantiate(mod, {});
    const f = inst.exports.get(x.name)!;
    const ex = store.start(f, intArgs(f, x.args));
    if (hi > 0) assert.deepEqual(ex.run(hi - 1), { status: 'paused', fuelUsed: hi - 1 });
    assert.notEqual(ex.run(1).status, 'paused');
    return true;
  }));
});

test('REQ-ROB-008: a function with more locals than the limit is refused with LimitExceeded locals', async () => {
  await checkProperty('limits/locals', 40, fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), (nlocals, limit) => {
    const bytes = assemble(`(module (func (export "f") (result i32) (local ${'i32 '.repeat(nlocals)}) (local.get ${nlocals - 1})))`);
    const store = new Store({ limits: { locals: limit } });
    try {
      const inst = store.instantiate(load(bytes), {});
      const f = inst.exports.get('f')!;
      assert.deepEqual(store.invoke(f, []), [{ type: 'i32', value: 0 }]);
      assert.ok(nlocals <= limit, `${nlocals} locals ran under a limit of ${limit}`);
    } catch (e) {
      assert.ok(isLimit('locals')(e), String(e));
      assert.ok(nlocals > limit);
    }

    return true;
  }));
});
