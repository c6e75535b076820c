/**
 * Component-level value literals of the Component Model reference tests (`u32.const 7`, `str.const
 * "x"`, `list.const ...`, `record.const (field "a" u32.const 1) ...`, `variant.const "c" v`,
 * `option.some v`, `option.none`, `result.ok v`, `result.err v`, `flags.const "a" ...`,
 * `enum.const "x"`, `tuple.const ...`) turned into the JS values of the component API, guided by the
 * component type they are passed as or compared with (mapping: src/component/abi/types.ts).
 */

import { stringText, type SExpr } from './sexpr.js';
import { f32FromBits, f64FromBits, parseF32Bits, parseF64Bits, parseIntBits } from './literals.js';
import type { CType } from '../src/component/abi/types.js';

export class ComponentValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComponentValueError';
  }
}

/** A literal: its head (`u32.const`) and its operands. */
export interface Lit {
  readonly head: string;
  readonly args: readonly SExpr[];
}

/**
 * Splits a sequence of expressions into literals. A literal is either a list `(head args...)` or, in
 * the inline form used inside `field`, an atom `head` followed by its operands up to the next
 * literal head.
 */
export function literals(items: readonly SExpr[]): Lit[] {
  const out: Lit[] = [];
  let i = 0;
  while (i < items.length) {
    const e = items[i]!;
    if (e.kind === 'list') {
      const h = e.items[0];
      if (h === undefined || h.kind !== 'atom') throw new ComponentValueError('expected a value literal');
      out.push({ head: h.text, args: e.items.slice(1) });
      i++;
    } else if (e.kind === 'atom' && isLitHead(e.text)) {
      const args: SExpr[] = [];
      i++;
      while (i < items.length && !(items[i]!.kind === 'atom' && isLitHead((items[i] as { text: string }).text))) args.push(items[i++]!);
      out.push({ head: e.text, args });
    } else {
      throw new ComponentValueError(`unexpected ${e.kind} in a value literal`);
    }
  }
  return out;
}

function isLitHead(s: string): boolean {
  return /^[a-z0-9]+\.(const|some|none|ok|err)$/.test(s);
}

function atomText(e: SExpr | undefined, what: string): string {
  if (e === undefined || e.kind !== 'atom') throw new ComponentValueError(`expected ${what}`);
  return e.text;
}

function strText(e: SExpr | undefined, what: string): string {
  if (e === undefined || e.kind !== 'string') throw new ComponentValueError(`expected a string for ${what}`);
  return stringText(e);
}

const INT_BITS: Record<string, 8 | 16 | 32 | 64> = { s8: 8, u8: 8, s16: 16, u16: 16, s32: 32, u32: 32, s64: 64, u64: 64 };

function intValue(kind: string, text: string): number | bigint {
  const bits = INT_BITS[kind]!;
  const signed = kind.startsWith('s');
  let v = parseIntBits(text.replace(/^\+/, ''), bits);
  const mod = 1n << BigInt(bits);
  v = ((v % mod) + mod) % mod;
  if (signed && v >= mod >> 1n) v -= mod;
  return bits === 64 ? v : Number(v);
}

/** The JS value of literal `l` as a value of type `t`. */
export function litToJs(l: Lit, t: CType): unknown {
  const k = t.kind;
  switch (l.head) {
    case 'bool.const': {
      const s = atomText(l.args[0], 'true or false');
      return s === 'true';
    }
    case 'f32.const': return f32FromBits(parseF32Bits(atomText(l.args[0], 'a number')));
    case 'f64.const': return f64FromBits(parseF64Bits(atomText(l.args[0], 'a number')));
    case 'char.const': return strText(l.args[0], 'char.const');
    case 'str.const': return strText(l.args[0], 'str.const');
    case 'list.const': {
      if (k !== 'list') throw new ComponentValueError(`list literal for a ${k}`);
      const vs = literals(l.args).map((x) => litToJs(x, t.elem));
      return t.elem.kind === 'u8' ? Uint8Array.from(vs as number[]) : vs;
    }
    case 'tuple.const': {
      if (k !== 'tuple') throw new ComponentValueError(`tuple literal for a ${k}`);
      return literals(l.args).map((x, i) => litToJs(x, t.types[i] ?? { kind: 'u32' }));
    }
    case 'record.const': {
      if (k !== 'record') throw new ComponentValueError(`record literal for a ${k}`);
      const o: Record<string, unknown> = {};
      for (const f of l.args) {
        if (f.kind !== 'list' || f.items[0]?.kind !== 'atom' || f.items[0].text !== 'field') throw new ComponentValueError('expected (field "name" value)');
        const name = strText(f.items[1], 'field name');
        const ft = t.fields.find((x) => x.name === name);
        if (ft === undefined) throw new ComponentValueError(`no field ${name}`);
        const [v] = literals(f.items.slice(2));
        o[name] = litToJs(v!, ft.type);
      }
      return o;
    }
    case 'variant.const': {
      const name = strText(l.args[0], 'case name');
      if (k === 'result') {
        const [v] = literals(l.args.slice(1));
        const pt = name === 'ok' ? t.ok : t.err;
        return v === undefined || pt === undefined ? { tag: name } : { tag: name, val: litToJs(v, pt) };
      }
      if (k !== 'variant') throw new ComponentValueError(`variant literal for a ${k}`);
      const c = t.cases.find((x) => x.name === name);
      if (c === undefined) throw new ComponentValueError(`no case ${name}`);
      const [v] = literals(l.args.slice(1));
      return v === undefined || c.type === undefined ? { tag: name } : { tag: name, val: litToJs(v, c.type) };
    }
    case 'enum.const': return strText(l.args[0], 'enum case');
    case 'flags.const': {
      if (k !== 'flags') throw new ComponentValueError(`flags literal for a ${k}`);
      const set = new Set(l.args.map((a) => strText(a, 'flag')));
      return Object.fromEntries(t.names.map((n) => [n, set.has(n)]));
    }
    case 'option.none': {
      if (k !== 'option') throw new ComponentValueError(`option literal for a ${k}`);
      return t.type.kind === 'option' ? { tag: 'none' } : null;
    }
    case 'option.some': {
      if (k !== 'option') throw new ComponentValueError(`option literal for a ${k}`);
      const [v] = literals(l.args);
      const inner = litToJs(v!, t.type);
      return t.type.kind === 'option' ? { tag: 'some', val: inner } : inner;
    }
    case 'result.ok':
    case 'result.err': {
      if (k !== 'result') throw new ComponentValueError(`result literal for a ${k}`);
      const tag = l.head === 'result.ok' ? 'ok' : 'err';
      const pt = tag === 'ok' ? t.ok : t.err;
      const [v] = literals(l.args);
      return v === undefined || pt === undefined ? { tag } : { tag, val: litToJs(v, pt) };
    }
    default: {
      const m = /^([su](8|16|32|64))\.const$/.exec(l.head);
      if (m !== null) return intValue(m[1]!, atomText(l.args[0], 'an integer'));
      throw new ComponentValueError(`unknown value literal ${l.head}`);
    }
  }
}

/** Deep equality of JS component values (NaN equals NaN; Uint8Array compares by bytes). */
export function jsEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    const x = a instanceof Uint8Array ? [...a] : a;
    const y = b instanceof Uint8Array ? [...b] : b;
    return jsEqual(x, y);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsEqual(v, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined).sort();
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && jsEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** A JS component value for messages. */
export function formatJs(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? [...x] : x)) ?? String(v);
}
