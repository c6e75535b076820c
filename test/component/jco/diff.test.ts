/**
 * Differential properties against jco (issue #3, oracle 1): the component of diff.wit / diff.c runs
 * both on our runtime and, transpiled by `jco transpile`, on V8; fast-check generates arguments of
 * every WIT value type and each property compares the results, and whether the call trapped.
 *
 * Run counts are modest here; `FUZZ_RUNS=N` or `FUZZ_SCALE=K` (test/fuzz/property.ts) raise them, e.g.
 * `FUZZ_SCALE=40 node --test dist/test/component/jco/diff.test.js`.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import fc from 'fast-check';
import {
  instantiateComponent, loadComponent, OwnHandle, Trap, type CFuncType, type CType, type ComponentInstance, type LoadedComponent,
} from '../../../src/component/index.js';
import { checkProperty } from '../../fuzz/property.js';
import { diffFixture, type DiffFixture, type JcoExports } from './fixture.js';
import { arb, camel, comparable, toJco } from './values.js';

type Outcome = { value: unknown } | { trap: true };

/** Our instance and a jco instance of the same component, each replaced after it trapped (lockdown). */
class Pair {
  private ours: ComponentInstance | undefined;
  private theirs: JcoExports | undefined;
  constructor(private readonly loaded: LoadedComponent, private readonly fx: DiffFixture) {}

  runOurs(name: string, ft: CFuncType, args: readonly unknown[]): Outcome {
    this.ours ??= instantiateComponent(this.loaded, {});
    try {
      const r = this.ours.call(name, ...args);
      return { value: ft.result === undefined ? undefined : comparable(ft.result, r, (n) => n) };
    } catch (e) {
      if (!(e instanceof Trap)) throw e;
      this.ours = undefined;
      return { trap: true };
    }
  }

  runJco(name: string, ft: CFuncType, args: readonly unknown[]): Outcome {
    this.theirs ??= this.fx.jcoInstance();
    const fn = this.theirs[camel(name)] as (...a: unknown[]) => unknown;
    const res = ft.result;
    const jsArgs = args.map((a, i) => toJco(ft.params[i]!.type, a));
    try {
      const r = fn(...jsArgs);
      // jco returns the ok payload of a top-level result and throws its err payload.
      const v = res?.kind === 'result' ? (res.ok === undefined ? { tag: 'ok' } : { tag: 'ok', val: r }) : r;
      return { value: res === undefined ? undefined : comparable(res, v, camel) };
    } catch (e) {
      if (res?.kind === 'result' && !(e instanceof Error)) return { value: comparable(res, { tag: 'err', val: e }, camel) };
      if (res?.kind === 'result' && e instanceof Error && 'payload' in e) return { value: comparable(res, { tag: 'err', val: e.payload }, camel) };
      this.theirs = undefined;
      return { trap: true };
    }
  }
}

const fx = await diffFixture();

if ('skip' in fx) {
  test('REQ-CM-JCO-001: jco differential (toolchain missing)', (t) => t.skip(fx.skip));
} else {
  const loaded = loadComponent(fx.component);
  const pair = new Pair(loaded, fx);
  const funcType = (name: string): CFuncType => {
    const x = loaded.type.exports.get(name);
    assert.ok(x !== undefined && x.kind === 'func', `export ${name} is a function`);
    return x.type;
  };
  const argsOf = (ft: CFuncType): fc.Arbitrary<unknown[]> => fc.tuple(...ft.params.map((p) => arb(p.type)));
  const same = (name: string, ft: CFuncType, args: unknown[]): boolean => {
    assert.deepStrictEqual(pair.runOurs(name, ft, args), pair.runJco(name, ft, args), `${name}(${fc.stringify(args)})`);
    return true;
  };

  const ECHO = [...loaded.type.exports.keys()].filter((n) => n.startsWith('echo-'));

  test('REQ-CM-JCO-001: the differential component exports an echo for every WIT value type', () => {
    const kinds = new Set<string>();
    const walk = (t: CType): void => {
      kinds.add(t.kind);
      if (t.kind === 'list') walk(t.elem);
      else if (t.kind === 'record') t.fields.forEach((f) => walk(f.type));
      else if (t.kind === 'tuple') t.types.forEach(walk);
      else if (t.kind === 'variant') t.cases.forEach((c) => c.type && walk(c.type));
      else if (t.kind === 'option') walk(t.type);
      else if (t.kind === 'result') { if (t.ok) walk(t.ok); if (t.err) walk(t.err); }
    };
    for (const n of ECHO) walk(funcType(n).params[0]!.type);
    const all = ['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string', 'list', 'record', 'tuple', 'variant', 'enum', 'option', 'result', 'flags'];
    assert.deepEqual(all.filter((k) => !kinds.has(k)), []);
  });

  for (const name of [...ECHO, 'add-s64', 'sum-f64', 'spill']) {
    test(`REQ-CM-JCO-001: ${name} gives the same result on our runtime and on jco`, async () => {
      const ft = funcType(name);
      await checkProperty(`jco ${name}`, 30, fc.property(argsOf(ft), (args) => same(name, ft, args)));
    });
  }

  test('REQ-CM-JCO-002: div-s32 traps exactly where jco traps (division by zero, overflow)', async () => {
    const ft = funcType('div-s32');
    const s32 = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, 1, -(2 ** 31)));
    await checkProperty('jco div-s32', 60, fc.property(s32, s32, (a, b) => same('div-s32', ft, [a, b])));
  });

  test('REQ-CM-JCO-002: a guest result that is not a Unicode scalar value (char) or a case (enum) traps in both', async () => {
    const char = funcType('to-char');
    const en = funcType('to-enum');
    const u32 = fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0xd7f0, max: 0xe010 }), fc.integer({ min: 0x10fff0, max: 0x110010 }));
    await checkProperty('jco to-char', 60, fc.property(u32, (x) => same('to-char', char, [x])));
    await checkProperty('jco to-enum', 30, fc.property(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })), (x) => same('to-enum', en, [x])));
  });

  test('REQ-CM-JCO-002: strings from guest bytes: equal for valid UTF-8; invalid UTF-8 traps here (spec) where jco decodes lossily', async () => {
    const ft = funcType('to-string');
    const lossy = new TextDecoder('utf-8');
    const strict = new TextDecoder('utf-8', { fatal: true });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 16 }),
      fc.string({ maxLength: 8, unit: 'grapheme' }).map((s) => new TextEncoder().encode(s)),
    );
    await checkProperty('jco to-string', 60, fc.property(bytes, (b) => {
      let valid = true;
      try { strict.decode(b); } catch { valid = false; }
      if (valid) return same('to-string', ft, [b]);
      // CanonicalABI.md load_string_from_range decodes strictly (a trap on invalid UTF-8); jco 1.35
      // replaces invalid sequences with U+FFFD instead. Pin both behaviours.
      assert.deepStrictEqual(pair.runOurs('to-string', ft, [b]), { trap: true });
      assert.deepStrictEqual(pair.runJco('to-string', ft, [b]), { value: lossy.decode(b) });
      return true;
    }));
  });

  test('REQ-CM-JCO-003: own and borrow handles of an exported resource behave the same on both', async () => {
    const C = 'mcp-wrt:diff/counters';
    await checkProperty('jco resources', 30, fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 6 }), (start, adds) => {
      const ours = instantiateComponent(loaded, {});
      const o = new Array<unknown>();
      const h = ours.call(`${C}#[constructor]counter`, start);
      assert.ok(h instanceof OwnHandle);
      for (const n of adds) o.push(ours.call(`${C}#[method]counter.add`, h, n));
      o.push(ours.call(`${C}#[method]counter.get`, h), ours.call(`${C}#peek`, h), ours.call(`${C}#dropped`));
      o.push(ours.call(`${C}#finish`, h), ours.call(`${C}#dropped`));
      assert.equal(h.consumed, true, 'finish took ownership');

      const theirs = fx.jcoInstance()['counters'] as {
        Counter: new (s: number) => { add(n: number): number; get(): number };
        peek(c: object): number; finish(c: object): number; dropped(): number;
      };
      const j = new Array<unknown>();
      const c = new theirs.Counter(start);
      for (const n of adds) j.push(c.add(n));
      j.push(c.get(), theirs.peek(c), theirs.dropped(), theirs.finish(c), theirs.dropped());
      assert.deepStrictEqual(o, j);
      return true;
    }));
  });
}
