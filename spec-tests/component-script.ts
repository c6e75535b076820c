/**
 * The commands of a Component Model reference test script (.wast with `component` forms), built from
 * the s-expressions of `sexpr.ts`:
 *
 *   (component $id? ...)                  define and instantiate (becomes the current instance)
 *   (component definition $id ...)        define only
 *   (component instance $i $def)          instantiate a definition
 *   (component $id? binary "..."*) / (component $id? quote "..."*)
 *   (invoke $i? "name" value*)            and assert_return / assert_trap around it
 *   (assert_invalid|assert_malformed|assert_unlinkable (component ...) "message")
 */

import { stringText, type SExpr, type SList } from './sexpr.js';

export type ComponentSource =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  | { readonly kind: 'quote' };

export interface ComponentDef {
  readonly line: number;
  readonly name?: string;
  /** `(component definition ...)`: defined, not instantiated. */
  readonly definitionOnly: boolean;
  readonly source: ComponentSource;
}

export interface Invoke {
  readonly instance?: string;
  readonly name: string;
  readonly args: readonly SExpr[];
}

export type ComponentCommand =
  | { readonly type: 'component'; readonly line: number; readonly def: ComponentDef }
  | { readonly type: 'instance'; readonly line: number; readonly name?: string; readonly of: string }
  | { readonly type: 'invoke'; readonly line: number; readonly invoke: Invoke }
  | { readonly type: 'assert_return'; readonly line: number; readonly invoke: Invoke; readonly expected: readonly SExpr[] }
  | { readonly type: 'assert_trap'; readonly line: number; readonly invoke: Invoke; readonly message: string }
  | { readonly type: 'assert_invalid' | 'assert_malformed' | 'assert_unlinkable'; readonly line: number; readonly def: ComponentDef; readonly message: string }
  | { readonly type: 'unsupported'; readonly line: number; readonly head: string }
  | { readonly type: 'broken'; readonly line: number; readonly head: string; readonly reason: string };

function atom(e: SExpr | undefined): string | undefined {
  return e !== undefined && e.kind === 'atom' ? e.text : undefined;
}

function isId(e: SExpr | undefined): boolean {
  return atom(e)?.startsWith('$') ?? false;
}

const decoder = new TextDecoder('utf-8');

function concatStrings(items: readonly SExpr[]): Uint8Array {
  const parts = items.map((e) => (e.kind === 'string' ? e.bytes : new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A `(component ...)` form; `src` is the script's bytes (text components are passed on verbatim). */
export function componentDef(e: SList, src: Uint8Array): ComponentDef {
  let i = 1;
  let definitionOnly = false;
  let name: string | undefined;
  let defAtom: SExpr | undefined;
  if (atom(e.items[i]) === 'definition') {
    definitionOnly = true;
    defAtom = e.items[i];
    i++;
  }
  if (isId(e.items[i])) name = atom(e.items[i++]);
  const mode = atom(e.items[i]);
  const base = { line: e.line, definitionOnly, ...(name !== undefined ? { name } : {}) };
  if (mode === 'binary') return { ...base, source: { kind: 'binary', bytes: concatStrings(e.items.slice(i + 1)) } };
  if (mode === 'quote') return { ...base, source: { kind: 'quote' } };
  // Text: the original source, without the script-only `definition` keyword.
  let text = decoder.decode(src.subarray(e.start, e.end));
  if (defAtom !== undefined) {
    const a = defAtom.start - e.start;
    text = text.slice(0, a) + text.slice(a + 'definition'.length);
  }
  return { ...base, source: { kind: 'text', text } };
}

function invokeOf(e: SExpr | undefined): Invoke {
  if (e === undefined || e.kind !== 'list' || atom(e.items[0]) !== 'invoke') throw new Error('expected (invoke ...)');
  let i = 1;
  const instance = isId(e.items[i]) ? atom(e.items[i++]) : undefined;
  const n = e.items[i++];
  if (n === undefined || n.kind !== 'string') throw new Error('expected an export name');
  return { ...(instance !== undefined ? { instance } : {}), name: stringText(n), args: e.items.slice(i) };
}

function messageOf(e: SExpr | undefined): string {
  return e !== undefined && e.kind === 'string' ? stringText(e) : '';
}

export function toComponentCommand(e: SExpr, src: Uint8Array): ComponentCommand {
  const line = e.line;
  if (e.kind !== 'list') return { type: 'broken', line, head: e.kind, reason: 'expected a command' };
  const head = atom(e.items[0]) ?? '?';
  try {
    switch (head) {
      case 'component': {
        if (atom(e.items[1]) === 'instance') {
          const hasName = isId(e.items[3]);
          const name = hasName ? atom(e.items[2]) : undefined;
          const of = atom(e.items[hasName ? 3 : 2]);
          if (of === undefined) throw new Error('expected a component definition id');
          return { type: 'instance', line, of, ...(name !== undefined ? { name } : {}) };
        }
        return { type: 'component', line, def: componentDef(e, src) };
      }
      case 'invoke':
        return { type: 'invoke', line, invoke: invokeOf(e) };
      case 'assert_return':
        return { type: 'assert_return', line, invoke: invokeOf(e.items[1]), expected: e.items.slice(2) };
      case 'assert_trap':
        return { type: 'assert_trap', line, invoke: invokeOf(e.items[1]), message: messageOf(e.items[2]) };
      case 'assert_invalid':
      case 'assert_malformed':
      case 'assert_unlinkable': {
        const c = e.items[1];
        if (c === undefined || c.kind !== 'list' || atom(c.items[0]) !== 'component') {
          return { type: 'unsupported', line, head: `${head} (not a component)` };
        }
        return { type: head, line, def: componentDef(c, src), message: messageOf(e.items[2]) };
      }
      default:
        return { type: 'unsupported', line, head };
    }
  } catch (err) {
    return { type: 'broken', line, head, reason: err instanceof Error ? err.message : String(err) };
  }
}
