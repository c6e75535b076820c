/**
 * The commands of a .wast script (spec interpreter's script syntax, 2.0 subset), built from s-expressions.
 */

import { readSExprs, stringText, type SExpr, type SList } from './sexpr.js';
import { ScriptValueError, parseArg, parseExpected, type Expected } from './values.js';
import type { Value } from '../src/core/exec/values.js';

/** Where a module's bytes come from. */
export type ModuleSource =
  /** `(module ...)` in text: the exact source bytes of the whole form, for the compiler. */
  | { readonly kind: 'text'; readonly text: Uint8Array }
  /** `(module binary "...")`: the bytes as given. */
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  /** `(module quote "...")`: text-format source; a test of the text format. */
  | { readonly kind: 'quote'; readonly text: string };

export interface ModuleDef {
  readonly line: number;
  readonly name?: string;
  readonly source: ModuleSource;
}

export type Action =
  | { readonly kind: 'invoke'; readonly line: number; readonly module?: string; readonly name: string; readonly args: readonly Value[] }
  | { readonly kind: 'get'; readonly line: number; readonly module?: string; readonly name: string };

export type Command =
  | { readonly type: 'module'; readonly line: number; readonly module: ModuleDef }
  | { readonly type: 'register'; readonly line: number; readonly as: string; readonly module?: string }
  | { readonly type: 'action'; readonly line: number; readonly action: Action }
  | { readonly type: 'assert_return'; readonly line: number; readonly action: Action; readonly expected: readonly Expected[] }
  | { readonly type: 'assert_trap'; readonly line: number; readonly action: Action; readonly message: string }
  | { readonly type: 'assert_trap_module'; readonly line: number; readonly module: ModuleDef; readonly message: string }
  | { readonly type: 'assert_exhaustion'; readonly line: number; readonly action: Action; readonly message: string }
  | {
      readonly type: 'assert_invalid' | 'assert_malformed' | 'assert_unlinkable' | 'assert_uninstantiable';
      readonly line: number;
      readonly module: ModuleDef;
      readonly message: string;
    }
  /** A command this harness does not know; reported as a skip. */
  | { readonly type: 'unsupported'; readonly line: number; readonly head: string }
  /** A command the harness could not parse (a bad literal, a missing part); reported as a failure. */
  | { readonly type: 'broken'; readonly line: number; readonly head: string; readonly reason: string };

export type CommandType = Command['type'];

export class ScriptError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'ScriptError';
  }
}

function headOf(e: SExpr): string | undefined {
  return e.kind === 'list' && e.items.length > 0 && e.items[0].kind === 'atom' ? e.items[0].text : undefined;
}

function isId(e: SExpr | undefined): boolean {
  return e !== undefined && e.kind === 'atom' && e.text.startsWith('$');
}

function concatStrings(items: readonly SExpr[], line: number): Uint8Array {
  const parts = items.map((it) => {
    if (it.kind !== 'string') throw new ScriptError('expected a string', line);
    return it.bytes;
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function parseModule(e: SList, src: Uint8Array): ModuleDef {
  let i = 1;
  let name: string | undefined;
  if (isId(e.items[i])) {
    name = (e.items[i] as { text: string }).text;
    i++;
  }
  const next = e.items[i];
  if (next !== undefined && next.kind === 'atom' && next.text === 'binary') {
    return { line: e.line, name, source: { kind: 'binary', bytes: concatStrings(e.items.slice(i + 1), e.line) } };
  }
  if (next !== undefined && next.kind === 'atom' && next.text === 'quote') {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(concatStrings(e.items.slice(i + 1), e.line));
    return { line: e.line, name, source: { kind: 'quote', text } };
  }
  return { line: e.line, name, source: { kind: 'text', text: src.slice(e.start, e.end) } };
}

function parseAction(e: SExpr): Action {
  const head = headOf(e);
  if (e.kind !== 'list' || (head !== 'invoke' && head !== 'get')) throw new ScriptError('expected (invoke ...) or (get ...)', e.line);
  let i = 1;
  let module: string | undefined;
  if (isId(e.items[i])) {
    module = (e.items[i] as { text: string }).text;
    i++;
  }
  const nameNode = e.items[i];
  if (nameNode === undefined || nameNode.kind !== 'string') throw new ScriptError('expected an export name', e.line);
  const name = stringText(nameNode);
  if (head === 'get') return { kind: 'get', line: e.line, module, name };
  return { kind: 'invoke', line: e.line, module, name, args: e.items.slice(i + 1).map(parseArg) };
}

function messageOf(e: SList, index: number): string {
  const m = e.items[index];
  if (m === undefined || m.kind !== 'string') throw new ScriptError('expected a failure message', e.line);
  return stringText(m);
}

function moduleArg(e: SList, src: Uint8Array): ModuleDef {
  const m = e.items[1];
  if (m === undefined || m.kind !== 'list' || headOf(m) !== 'module') throw new ScriptError('expected (module ...)', e.line);
  return parseModule(m, src);
}

/** Converts one top-level s-expression into a command. */
export function toCommand(e: SExpr, src: Uint8Array): Command {
  const head = headOf(e);
  if (e.kind !== 'list' || head === undefined) throw new ScriptError('expected a command', e.line);
  const line = e.line;
  switch (head) {
    case 'module':
      return { type: 'module', line, module: parseModule(e, src) };
    case 'register': {
      const as = e.items[1];
      if (as === undefined || as.kind !== 'string') throw new ScriptError('expected a registration name', line);
      const mod = e.items[2];
      return { type: 'register', line, as: stringText(as), module: isId(mod) ? (mod as { text: string }).text : undefined };
    }
    case 'invoke':
    case 'get':
      return { type: 'action', line, action: parseAction(e) };
    case 'assert_return':
      return { type: 'assert_return', line, action: parseAction(e.items[1]), expected: e.items.slice(2).map(parseExpected) };
    case 'assert_trap': {
      const target = e.items[1];
      if (target !== undefined && headOf(target) === 'module') {
        return { type: 'assert_trap_module', line, module: moduleArg(e, src), message: messageOf(e, 2) };
      }
      return { type: 'assert_trap', line, action: parseAction(target), message: messageOf(e, 2) };
    }
    case 'assert_exhaustion':
      return { type: 'assert_exhaustion', line, action: parseAction(e.items[1]), message: messageOf(e, 2) };
    case 'assert_invalid':
    case 'assert_malformed':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
      return { type: head, line, module: moduleArg(e, src), message: messageOf(e, 2) };
    default:
      return { type: 'unsupported', line, head };
  }
}

const MODULE_FIELDS = new Set(['type', 'import', 'func', 'table', 'memory', 'global', 'export', 'start', 'elem', 'data']);

/**
 * Parses a whole script. A lexical error throws `ScriptSyntaxError`; a command that cannot be understood
 * becomes a `broken` command, so the rest of the script still runs.
 */
export function parseScript(src: Uint8Array): Command[] {
  const exprs = readSExprs(src);
  if (exprs.length > 0 && exprs.every((e) => MODULE_FIELDS.has(headOf(e) ?? ''))) {
    // An inline module: the script is the fields of one module (spec interpreter's script grammar).
    const text = new Uint8Array([...new TextEncoder().encode('(module\n'), ...src, ...new TextEncoder().encode('\n)')]);
    return [{ type: 'module', line: exprs[0].line, module: { line: exprs[0].line, source: { kind: 'text', text } } }];
  }
  return exprs.map((e) => {
    try {
      return toCommand(e, src);
    } catch (err) {
      if (err instanceof ScriptError || err instanceof ScriptValueError) {
        return { type: 'broken', line: e.line, head: headOf(e) ?? '?', reason: `harness cannot parse command: ${err.message}` };
      }
      throw err;
    }
  });
}
