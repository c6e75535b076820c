/**
 * The per-command decision logic of the spec harness, platform-free (no `node:*`, no host globals) so the
 * same code runs under Node (runner.ts) and bundled inside an embedded engine (embedded/, issue #8):
 * one Store per script, one outcome per command: pass, fail (with the expected and actual behaviour) or
 * skip (with a category saying why it does not apply). Text modules come through a `Compiler`, which
 * under Node is wabt and elsewhere a table of bytes that Node compiled beforehand.
 */

import { load, Store, type Instance } from '../src/core/index.js';
import { DecodeError, LimitExceeded, LinkError, Trap, ValidationError, WasmError } from '../src/core/errors.js';
import type { ExternVal, Imports, Value } from '../src/core/exec/values.js';
import type { Limits } from '../src/core/exec/limits.js';
import type { ValidatedModule } from '../src/core/validate/compiled.js';
import type { Compiler } from './compile.js';
import type { Action, Command, ModuleDef } from './script.js';
import { spectestExports } from './spectest-host.js';
import { formatExpected, formatValues, matchValue } from './values.js';

export type Outcome = 'pass' | 'fail' | 'skip';

/** Skip categories: why a command does not apply to this runtime. */
export const SkipCategory = {
  textFormat: 'text-format, not applicable',
  textRejected: 'text-format',
  wabtUnencodable: 'wabt-unencodable',
  dependsOnSkipped: 'depends on a skipped module',
  unsupported: 'unsupported command',
} as const;

export interface AssertionResult {
  readonly line: number;
  readonly command: string;
  readonly outcome: Outcome;
  readonly reason?: string;
  readonly category?: string;
  /** For assert_invalid/assert_malformed/assert_trap passes: whether our message matched the expected text. */
  readonly messageMatched?: boolean;
  /** A pass that deserves a note (e.g. a prefix-compatible trap message). */
  readonly note?: string;
}

export interface FileResult {
  readonly file: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly durationMs: number;
  readonly assertions: readonly AssertionResult[];
}

export interface RunOptions {
  /** Limits of the store of each script (defaults plus a safety deadline). */
  readonly limits?: Partial<Limits>;
}

/** A guard against a runtime that never returns: any single invoke longer than this fails. */
export const DEFAULT_SCRIPT_LIMITS: Partial<Limits> = { deadlineMs: 60_000 };

/** Describes an exception for a failure reason; plain JS exceptions are defects and keep their stack. */
export function describeError(e: unknown): string {
  if (e instanceof WasmError) return `${e.name}: ${e.message}`;
  if (e instanceof Error) {
    const stack = (e.stack ?? '').split('\n').slice(0, 6).join(' | ');
    return `JS exception (defect) ${e.name}: ${e.message} [${stack}]`;
  }
  return `JS exception (defect): ${String(e)}`;
}

/** Loose message agreement: one text contains the other (spec wording vs. ours with details). */
function messageAgrees(actual: string, expected: string): boolean {
  return actual === expected || actual.includes(expected) || expected.includes(actual);
}

/** Thrown inside the runner to end a command with a result. */
class Done {
  constructor(readonly result: AssertionResult) {}
}

/** One script's execution state. */
export class ScriptRun {
  private readonly store: Store;
  private readonly registry = new Map<string, Record<string, ExternVal>>();
  private readonly named = new Map<string, Instance | string>();
  /** The current module's instance, or a string saying why there is none. */
  private current: Instance | string = 'no module defined yet';
  private imports: Imports | undefined;

  /** `now` is the store's clock for deadlines (injected where the engine has no `Date.now`). */
  constructor(private readonly compiler: Compiler, limits: Partial<Limits>, now?: () => number) {
    this.store = new Store(now === undefined ? { limits } : { limits, now });
    this.registry.set('spectest', spectestExports(this.store));
  }

  run(cmd: Command): AssertionResult {
    try {
      return this.exec(cmd);
    } catch (e) {
      if (e instanceof Done) return e.result;
      return this.fail(cmd, `harness: ${describeError(e)}`);
    }
  }

  private pass(cmd: Command, extra: Partial<AssertionResult> = {}): AssertionResult {
    return { line: cmd.line, command: commandName(cmd), outcome: 'pass', ...extra };
  }

  private fail(cmd: Command, reason: string): AssertionResult {
    return { line: cmd.line, command: commandName(cmd), outcome: 'fail', reason };
  }

  private skip(cmd: Command, category: string, reason?: string): AssertionResult {
    return { line: cmd.line, command: commandName(cmd), outcome: 'skip', category, ...(reason ? { reason } : {}) };
  }

  private currentImports(): Imports {
    this.imports ??= Object.fromEntries(this.registry);
    return this.imports;
  }

  /** The bytes of a module, or ends the command with the skip its source calls for. */
  private bytesOf(cmd: Command, def: ModuleDef, rejectedCategory: string): Uint8Array {
    switch (def.source.kind) {
      case 'binary':
        return def.source.bytes;
      case 'quote':
        throw new Done(this.skip(cmd, SkipCategory.textFormat));
      case 'text': {
        const r = this.compiler.compile(def.source.text);
        if (r.ok) return r.bytes;
        throw new Done(this.skip(cmd, rejectedCategory, `wabt: ${r.reason}`));
      }
    }
  }

  /** Decodes and validates a module that must be valid. */
  private loadValid(cmd: Command, bytes: Uint8Array): ValidatedModule {
    try {
      return load(bytes);
    } catch (e) {
      throw new Done(this.fail(cmd, `module should load, got ${describeError(e)}`));
    }
  }

  private instanceFor(cmd: Command, name: string | undefined): Instance {
    const inst = name === undefined ? this.current : this.named.get(name);
    if (inst === undefined) throw new Done(this.fail(cmd, `unknown module ${name ?? ''}`));
    if (typeof inst === 'string') {
      if (inst.startsWith('skipped')) throw new Done(this.skip(cmd, SkipCategory.dependsOnSkipped, inst));
      throw new Done(this.fail(cmd, inst));
    }
    return inst;
  }

  private exportOf(cmd: Command, action: Action): ExternVal {
    const inst = this.instanceFor(cmd, action.module);
    const ext = inst.exports.get(action.name);
    if (ext === undefined) throw new Done(this.fail(cmd, `no export "${action.name}"`));
    return ext;
  }

  /** Performs an action; exceptions propagate to the caller. */
  private perform(cmd: Command, action: Action): Value[] {
    const ext = this.exportOf(cmd, action);
    if (action.kind === 'get') {
      if (ext.kind !== 'global') throw new Done(this.fail(cmd, `export "${action.name}" is not a global`));
      return [this.store.globalValue(ext)];
    }
    if (ext.kind !== 'func') throw new Done(this.fail(cmd, `export "${action.name}" is not a function`));
    return this.store.invoke(ext, [...action.args]);
  }

  /** Performs an action that must throw; returns what it threw. */
  private performExpectingError(cmd: Command, action: Action, expected: string): unknown {
    let results: Value[];
    try {
      results = this.perform(cmd, action);
    } catch (e) {
      if (e instanceof Done) throw e;
      return e;
    }
    throw new Done(this.fail(cmd, `expected ${expected}, got results ${formatValues(results)}`));
  }

  private defineModule(cmd: Command, def: ModuleDef): void {
    let bytes: Uint8Array;
    try {
      bytes = this.bytesOf(cmd, def, SkipCategory.wabtUnencodable);
    } catch (e) {
      this.setCurrent(def, `skipped module at line ${def.line}`);
      throw e;
    }
    let inst: Instance;
    try {
      inst = this.store.instantiate(load(bytes), this.currentImports());
    } catch (e) {
      this.setCurrent(def, `module at line ${def.line} failed: ${describeError(e)}`);
      throw new Done(this.fail(cmd, `module should instantiate, got ${describeError(e)}`));
    }
    this.setCurrent(def, inst);
  }

  private setCurrent(def: ModuleDef, inst: Instance | string): void {
    this.current = inst;
    if (def.name !== undefined) this.named.set(def.name, inst);
  }

  private exec(cmd: Command): AssertionResult {
    switch (cmd.type) {
      case 'module':
        this.defineModule(cmd, cmd.module);
        return this.pass(cmd);

      case 'register': {
        const inst = this.instanceFor(cmd, cmd.module);
        this.registry.set(cmd.as, Object.fromEntries(inst.exports));
        this.imports = undefined;
        return this.pass(cmd);
      }

      case 'action':
        try {
          this.perform(cmd, cmd.action);
        } catch (e) {
          if (e instanceof Done) throw e;
          return this.fail(cmd, `action should succeed, got ${describeError(e)}`);
        }
        return this.pass(cmd);

      case 'assert_return': {
        let results: Value[];
        try {
          results = this.perform(cmd, cmd.action);
        } catch (e) {
          if (e instanceof Done) throw e;
          return this.fail(cmd, `expected ${cmd.expected.map(formatExpected).join(' ') || '(none)'}, got ${describeError(e)}`);
        }
        if (results.length !== cmd.expected.length) {
          return this.fail(cmd, `expected ${cmd.expected.length} results, got ${results.length}: ${formatValues(results)}`);
        }
        for (let i = 0; i < results.length; i++) {
          const mismatch = matchValue(results[i], cmd.expected[i]);
          if (mismatch !== null) return this.fail(cmd, `result ${i}: ${mismatch}`);
        }
        return this.pass(cmd);
      }

      case 'assert_trap': {
        const e = this.performExpectingError(cmd, cmd.action, `trap "${cmd.message}"`);
        return this.checkTrap(cmd, e, cmd.message);
      }

      case 'assert_trap_module':
      case 'assert_uninstantiable': {
        const module = this.loadValid(cmd, this.bytesOf(cmd, cmd.module, SkipCategory.wabtUnencodable));
        try {
          this.store.instantiate(module, this.currentImports());
        } catch (e) {
          return this.checkTrap(cmd, e, cmd.message);
        }
        return this.fail(cmd, `expected trap "${cmd.message}" at instantiation, but it instantiated`);
      }

      case 'assert_exhaustion': {
        const e = this.performExpectingError(cmd, cmd.action, `exhaustion "${cmd.message}"`);
        if (e instanceof LimitExceeded && (e.limit === 'call-depth' || e.limit === 'operand-stack')) return this.pass(cmd);
        return this.fail(cmd, `expected LimitExceeded(call-depth|operand-stack), got ${describeError(e)}`);
      }

      case 'assert_malformed': {
        const bytes = this.bytesOf(cmd, cmd.module, SkipCategory.textRejected);
        return this.expectLoadError(cmd, bytes, DecodeError, cmd.message);
      }

      case 'assert_invalid': {
        const bytes = this.bytesOf(cmd, cmd.module, SkipCategory.wabtUnencodable);
        return this.expectLoadError(cmd, bytes, ValidationError, cmd.message);
      }

      case 'assert_unlinkable': {
        const module = this.loadValid(cmd, this.bytesOf(cmd, cmd.module, SkipCategory.wabtUnencodable));
        try {
          this.store.instantiate(module, this.currentImports());
        } catch (e) {
          if (e instanceof LinkError) return this.pass(cmd, { messageMatched: messageAgrees(e.reason, cmd.message) });
          return this.fail(cmd, `expected LinkError "${cmd.message}", got ${describeError(e)}`);
        }
        return this.fail(cmd, `expected LinkError "${cmd.message}", but it instantiated`);
      }

      case 'unsupported':
        return this.skip(cmd, SkipCategory.unsupported, `(${cmd.head} ...)`);

      case 'broken':
        return this.fail(cmd, cmd.reason);
    }
  }

  private checkTrap(cmd: Command, e: unknown, expected: string): AssertionResult {
    if (!(e instanceof Trap)) return this.fail(cmd, `expected Trap "${expected}", got ${describeError(e)}`);
    if (e.kind === expected) return this.pass(cmd, { messageMatched: true });
    if (expected.startsWith(e.kind) || e.kind.startsWith(expected)) {
      return this.pass(cmd, { messageMatched: false, note: `prefix-compatible trap message: expected "${expected}", got "${e.kind}"` });
    }
    return this.fail(cmd, `expected Trap "${expected}", got Trap "${e.kind}"`);
  }

  private expectLoadError(
    cmd: Command,
    bytes: Uint8Array,
    cls: typeof DecodeError | typeof ValidationError,
    expected: string,
  ): AssertionResult {
    try {
      load(bytes);
    } catch (e) {
      if (e instanceof cls) return this.pass(cmd, { messageMatched: messageAgrees(e.reason, expected) });
      return this.fail(cmd, `expected ${cls.name} "${expected}", got ${describeError(e)}`);
    }
    return this.fail(cmd, `expected ${cls.name} "${expected}", but the module loaded`);
  }
}

/** The name a command is reported under. */
export function commandName(cmd: Command): string {
  switch (cmd.type) {
    case 'assert_trap_module': return 'assert_trap';
    case 'action': return cmd.action.kind;
    case 'unsupported':
    case 'broken': return cmd.head;
    default: return cmd.type;
  }
}

export function tally(file: string, assertions: AssertionResult[], durationMs: number): FileResult {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const a of assertions) {
    if (a.outcome === 'pass') passed++;
    else if (a.outcome === 'fail') failed++;
    else skipped++;
  }
  return { file, passed, failed, skipped, durationMs, assertions };
}
