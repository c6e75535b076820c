/**
 * Property 5b (issue #6): faults injected into the trusted structures of generated programs (side
 * table entries, the RETURN height, control frames of a paused execution) are detected as
 * `CfiViolation` of the matching check; until the faulty structure is used, the run is unchanged.
 * Uses the internal test hooks of test/core/exec/cfi.test.ts (`Side`, `Frame`,
 * `internalFramesForTest`); the fault model is the set of fields the interpreter checks: every side
 * entry field (a TARGET off the labels or onto a label of another height, ARITY, RESTORE, HEIGHT) and
 * the RETURN height.
 * A second property widens the fault model to the one change no check covers (a branch target moved
 * onto another label of the same height, besides the checked faults) and asserts only what the
 * design promises there: the host never sees anything but a typed error, and the run ends.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CfiViolation, LimitExceeded, Store, Trap, WasmError, load, type ValidatedModule } from '../../src/core/index.js';
import { Frame } from '../../src/core/exec/interpreter.js';
import { Side, SIDE_ENTRY_SIZE } from '../../src/core/validate/compiled.js';
import { initWabt, intArgs, valueAsInt, type Outcome } from '../fuzz/oracle.js';
import { caseArb, CALL_FUEL, type Case } from '../fuzz/program-run.js';
import { checkProperty } from '../fuzz/property.js';

before(async () => {
  await initWabt();
});

/** Fuel per call under fault injection: a corrupted branch may loop; clean runs need far less. */
const FAULT_FUEL = 500_000;

type Result = { readonly outcomes: readonly (Outcome | string)[] };

/** Runs all calls of a case on `mod` in a fresh store; a non-trap typed error ends the run as a string. */
function runModule(c: Case, mod: ValidatedModule): Result {
  const store = new Store();
  const inst = store.instantiate(mod, {});
  const outcomes: (Outcome | string)[] = [];
  for (const x of c.calls) {
    const f = inst.exports.get(x.name)!;
    try {
      outcomes.push({ kind: 'values', values: store.invoke(f, intArgs(f, x.args), { fuel: FAULT_FUEL }).map(valueAsInt) });
    } catch (e) {
      if (e instanceof Trap && e.kind !== 'host') { outcomes.push({ kind: 'trap', trap: e.kind }); continue; }
      if (e instanceof CfiViolation) { outcomes.push(`cfi:${e.check}`); break; }
      if (e instanceof WasmError) { outcomes.push(`${e.name}:${e.message}`); break; }
      outcomes.push(`UNTYPED:${String(e)}`);
      break;
    }
  }
  return { outcomes };
}

const key = (o: Outcome | string): string => JSON.stringify(o, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

interface Fault { readonly func: number; readonly where: 'target' | 'height' | 'return' | 'arity' | 'restore' | 'label' | 'same-label'; readonly pick: number; readonly delta: number }

/** Applies a fault; returns the CFI check that must catch it, or undefined when no entry exists. */
function inject(mod: ValidatedModule, f: Fault): string | undefined {
  const fn = mod.functions[f.func % mod.functions.length]!;
  if (f.where === 'return') {
    const at = fn.code.length - 2; // the final `RETURN height`
    if (fn.code[at] !== 0x0f) return undefined;
    fn.code[at + 1] = fn.code[at + 1]! + f.delta;
    return 'return-height';
  }
  const entries = fn.side.length / SIDE_ENTRY_SIZE;
  if (entries === 0) return undefined;
  const e = (f.pick % entries) * SIDE_ENTRY_SIZE;
  switch (f.where) {
    case 'target': { // onto a code index that is no label (inside the code, or outside it)
      const nonLabels: number[] = [];
      for (let i = 0; i < fn.code.length; i++) if (fn.labels[i] !== 1) nonLabels.push(i);
      nonLabels.push(-1, fn.code.length + 1, 0x7fffffff);
      fn.side[e + Side.TARGET] = nonLabels[Math.abs(f.delta) % nonLabels.length]!;
      return 'branch-target';
    }
    case 'height':
      fn.side[e + Side.HEIGHT] = fn.side[e + Side.HEIGHT]! + f.delta;
      return 'branch-height';
    case 'label': // onto another recorded label of a different expected height
    case 'same-label': { // onto another recorded label of the same height: no check can tell
      const from = fn.side[e + Side.TARGET]!;
      const same = f.where === 'same-label';
      const labels: number[] = [];
      for (let i = 0; i < fn.labels.length; i++) {
        if (fn.labels[i] === 1 && i !== from && (fn.labelHeights[i] === fn.labelHeights[from]) === same) labels.push(i);
      }
      if (labels.length === 0) return undefined;
      fn.side[e + Side.TARGET] = labels[Math.abs(f.delta) % labels.length]!;
      return same ? 'unchecked' : 'branch-height';
    }
    case 'arity':
      fn.side[e + Side.ARITY] = fn.side[e + Side.ARITY]! + f.delta;
      return 'branch-height';
    default:
      fn.side[e + Side.RESTORE] = fn.side[e + Side.RESTORE]! + f.delta;
      return 'branch-height';
  }
}

const deltaArb = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: -3, max: -1 }), fc.integer({ min: 4, max: 1 << 30 }), fc.constant(-(1 << 30)));
const faultArb = (wheres: readonly Fault['where'][]): fc.Arbitrary<Fault> =>
  fc.record({ func: fc.nat(20), where: fc.constantFrom(...wheres), pick: fc.nat(1000), delta: deltaArb });

test('REQ-ROB-009, REQ-ROB-014: faults in side entries and RETURN heights are detected as the matching CfiViolation', async () => {
  let detected = 0;
  await checkProperty('cfi/side-table', 120, fc.property(caseArb, faultArb(['target', 'height', 'return', 'arity', 'restore', 'label']), (c, fault) => {
    const clean = runModule(c, load(c.bytes));
    const faulty = load(c.bytes);
    const check = inject(faulty, fault);
    fc.pre(check !== undefined);
    const got = runModule(c, faulty);
    const n = got.outcomes.length;
    const last = got.outcomes[n - 1];
    if (typeof last === 'string') {
      assert.equal(last, `cfi:${check}`, `fault ${JSON.stringify(fault)}`);
      detected++;
      assert.deepEqual(got.outcomes.slice(0, n - 1).map(key), clean.outcomes.slice(0, n - 1).map(key), 'unchanged before the fault is used');
    } else {
      assert.deepEqual(got.outcomes.map(key), clean.outcomes.map(key), 'an unused fault changes nothing');
    }
    return true;
  }));
  console.log(`[property] cfi/side-table: ${detected} faults reached and detected`);
  assert.ok(detected > 0);
});

test('REQ-ROB-009: a forged control-frame field of a paused execution is detected as CfiViolation frame', async () => {
  let detected = 0;
  await checkProperty('cfi/frames', 50, fc.property(caseArb, fc.nat(300), fc.nat(100), fc.integer({ min: 1, max: 0x7fffffff }),
    (c, pauseAt, which, xor) => {
      const mod = load(c.bytes);
      const x = c.calls[0]!;
      const run = (forge: boolean): string => {
        const store = new Store();
        const inst = store.instantiate(mod, {});
        const f = inst.exports.get(x.name)!;
        const ex = store.start(f, intArgs(f, x.args));
        let r = ex.run(pauseAt);
        if (forge) {
          const { frames, depth } = ex.internalFramesForTest();
          if (r.status !== 'paused' || depth === 0) return 'no frame';
          const fields = [Frame.RET_PC, Frame.FUNC, Frame.FP, Frame.CHECK];
          const at = (which % depth) * fields.length + fields[which % fields.length]!;
          frames[at] = frames[at]! ^ xor;
        }
        r = ex.run(CALL_FUEL);
        if (r.status === 'done') return key({ kind: 'values', values: r.values.map(valueAsInt) });
        if (r.status === 'paused') return 'fuel';
        if (r.error instanceof CfiViolation) return `cfi:${r.error.check}`;
        if (r.error instanceof Trap) return `trap:${r.error.kind}`;
        return `other:${String(r.error)}`;
      };
      const forged = run(true);
      fc.pre(forged !== 'no frame');
      const clean = run(false);
      // Detected on the return through the forged frame, unless a trap ends the run before it.
      if (forged === 'cfi:frame') detected++;
      else assert.ok(forged === clean && clean.startsWith('trap:'), `forged frame gave ${forged}, clean run ${clean}`);
      return true;
    }));
  console.log(`[property] cfi/frames: ${detected} forged frames detected`);
  assert.ok(detected > 0);
});

test('REQ-ROB-010: a target moved onto a label of the same height still ends in a typed error or a result, never a JS exception', async () => {
  const tally: Record<string, number> = { same: 0, detected: 0, limit: 0, changed: 0 };
  await checkProperty('cfi/unchecked-fields', 50, fc.property(caseArb, faultArb(['same-label', 'same-label', 'label', 'arity', 'restore']), (c, fault) => {
    const clean = runModule(c, load(c.bytes));
    const faulty = load(c.bytes);
    fc.pre(inject(faulty, fault) !== undefined);
    const got = runModule(c, faulty);
    for (const o of got.outcomes) assert.ok(typeof o !== 'string' || !o.startsWith('UNTYPED'), String(o));
    const last = got.outcomes[got.outcomes.length - 1];
    if (got.outcomes.map(key).join() === clean.outcomes.map(key).join()) tally['same']!++;
    else if (typeof last === 'string' && last.startsWith('cfi:')) tally['detected']!++;
    else if (typeof last === 'string' && last.startsWith('LimitExceeded')) tally['limit']!++;
    else tally['changed']!++;
    return true;
  }));
  console.log(`[property] cfi/unchecked-fields: ${JSON.stringify(tally)} (changed = silently different outcome)`);
  void LimitExceeded;
});
