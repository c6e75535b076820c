/**
 * Type-directed helpers of the jco differential: fast-check arbitraries for every component value
 * type (driven by the resolved types our loader reports for the exports), the conversion of our JS
 * values to jco's (lowerCamelCase field and flag names, `undefined` for none), and one comparable
 * form for the values both runtimes return.
 */
import fc from 'fast-check';
import type { CType } from '../../../src/component/index.js';

/** jco's name for a WIT identifier (`data-access` -> `dataAccess`). */
export function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const scalar = fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c));

/** Strings of Unicode scalar values, mixing ASCII, other BMP characters and astral ones. */
export const wellFormedString = fc.array(fc.oneof(fc.string({ maxLength: 1 }), scalar), { maxLength: 24 }).map((a) => a.join(''));

const INT: Record<string, [number, number]> = {
  s8: [-128, 127], u8: [0, 255], s16: [-32768, 32767], u16: [0, 65535], s32: [-(2 ** 31), 2 ** 31 - 1], u32: [0, 2 ** 32 - 1],
};

/** Values of type `t` in our runtime's JS mapping (src/component/abi/types.ts). */
export function arb(t: CType): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case 'bool': return fc.boolean();
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': {
      const [min, max] = INT[t.kind]!;
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max, 0));
    }
    case 's64': return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case 'u64': return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
    case 'f32': return fc.float();
    case 'f64': return fc.double();
    case 'char': return scalar;
    case 'string': return wellFormedString;
    case 'list': {
      const a = fc.array(arb(t.elem), { maxLength: 12 });
      return t.elem.kind === 'u8' ? a.map((x) => Uint8Array.from(x as number[])) : a;
    }
    case 'record': return fc.record(Object.fromEntries(t.fields.map((f) => [f.name, arb(f.type)])));
    case 'tuple': return fc.tuple(...t.types.map(arb));
    case 'variant': return fc.oneof(...t.cases.map((c) => (c.type === undefined ? fc.constant({ tag: c.name }) : arb(c.type).map((val) => ({ tag: c.name, val })))));
    case 'enum': return fc.constantFrom(...t.names);
    case 'option':
      if (t.type.kind === 'option') return fc.oneof(fc.constant({ tag: 'none' }), arb(t.type).map((val) => ({ tag: 'some', val })));
      return fc.option(arb(t.type), { nil: null });
    case 'result': {
      const side = (tag: 'ok' | 'err', s: CType | undefined): fc.Arbitrary<unknown> => (s === undefined ? fc.constant({ tag }) : arb(s).map((val) => ({ tag, val })));
      return fc.oneof(side('ok', t.ok), side('err', t.err));
    }
    case 'flags': return fc.record(Object.fromEntries(t.names.map((n) => [n, fc.boolean()])));
    case 'own': case 'borrow': throw new Error('handles are tested by the resource property');
  }
}

/** Our JS value of type `t` as jco takes it. */
export function toJco(t: CType, v: unknown): unknown {
  switch (t.kind) {
    case 'list': return t.elem.kind === 'u8' ? v : (v as unknown[]).map((e) => toJco(t.elem, e));
    case 'record': {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(t.fields.map((f) => [camel(f.name), toJco(f.type, o[f.name])]));
    }
    case 'tuple': return (v as unknown[]).map((e, i) => toJco(t.types[i]!, e));
    case 'variant': {
      const c = v as { tag: string; val?: unknown };
      const ct = t.cases.find((x) => x.name === c.tag)!.type;
      return ct === undefined ? { tag: c.tag } : { tag: c.tag, val: toJco(ct, c.val) };
    }
    case 'option':
      if (t.type.kind === 'option') {
        const o = v as { tag: string; val?: unknown };
        return o.tag === 'none' ? o : { tag: 'some', val: toJco(t.type, o.val) };
      }
      return v === null ? undefined : toJco(t.type, v);
    case 'result': {
      const r = v as { tag: 'ok' | 'err'; val?: unknown };
      const s = r.tag === 'ok' ? t.ok : t.err;
      return s === undefined ? { tag: r.tag } : { tag: r.tag, val: toJco(s, r.val) };
    }
    case 'flags': return Object.fromEntries(Object.entries(v as Record<string, boolean>).map(([k, b]) => [camel(k), b]));
    default: return v;
  }
}

/**
 * The comparable form of a returned value: arrays for every list (typed arrays included), WIT names
 * for record fields and flags, `null` for none. `name` maps a WIT name to the runtime's key.
 */
export function comparable(t: CType, v: unknown, name: (n: string) => string): unknown {
  switch (t.kind) {
    case 'list': return Array.from(v as ArrayLike<unknown>, (e) => comparable(t.elem, e, name));
    case 'record': {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(t.fields.map((f) => [f.name, comparable(f.type, o[name(f.name)], name)]));
    }
    case 'tuple': return (v as unknown[]).map((e, i) => comparable(t.types[i]!, e, name));
    case 'variant': {
      const c = v as { tag: string; val?: unknown };
      const ct = t.cases.find((x) => x.name === c.tag)?.type;
      return ct === undefined ? { tag: c.tag } : { tag: c.tag, val: comparable(ct, c.val, name) };
    }
    case 'option':
      if (t.type.kind === 'option') {
        const o = v as { tag: string; val?: unknown };
        return o.tag === 'none' ? { tag: 'none' } : { tag: 'some', val: comparable(t.type, o.val, name) };
      }
      return v === null || v === undefined ? null : comparable(t.type, v, name);
    case 'result': {
      const r = v as { tag: 'ok' | 'err'; val?: unknown };
      const s = r.tag === 'ok' ? t.ok : t.err;
      return s === undefined ? { tag: r.tag } : { tag: r.tag, val: comparable(s, r.val, name) };
    }
    case 'flags': {
      const o = v as Record<string, boolean>;
      return Object.fromEntries(t.names.map((n) => [n, o[name(n)] === true]));
    }
    default: return v;
  }
}
