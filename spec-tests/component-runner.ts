/**
 * Runs Component Model reference test scripts (`../shared/component-model/test/...`) against the
 * component embedding API (`loadComponent`, `instantiateComponent`, calling exports with JS values),
 * with the same per-command outcomes and report as the core harness (`runner.ts`, `report.ts`).
 *
 * Component text is compiled by wasm-tools' `parse` as bundled in jco (it encodes, it does not
 * validate: validation is ours). Text that wasm-tools rejects is skipped, as are `quote` forms.
 * A component our decoder/validator rejects as using an unsupported feature (async, GC types, ...)
 * is skipped with that reason: those features are out of scope and reported as such.
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseComponentText } from '@bytecodealliance/jco';
import {
  DecodeError, instantiateComponent, LinkError, loadComponent, Trap, ValidationError,
  type ComponentInstance, type LoadedComponent,
} from '../src/component/index.js';
import type { CFuncType } from '../src/component/abi/types.js';
import { WasmError } from '../src/core/errors.js';
import type { Limits } from '../src/core/exec/limits.js';
import { describeError, type AssertionResult, type FileResult } from './runner.js';
import { readSExprs, type SExpr } from './sexpr.js';
import { toComponentCommand, type ComponentCommand, type ComponentDef, type Invoke } from './component-script.js';
import { formatJs, jsEqual, literals, litToJs } from './component-values.js';

export const ComponentSkip = {
  textFormat: 'text-format, not applicable',
  textRejected: 'component text rejected by wasm-tools parse',
  unsupportedFeature: 'unsupported feature (out of scope)',
  dependsOnSkipped: 'depends on a skipped component',
  unsupported: 'unsupported command',
} as const;

const DEFAULT_LIMITS: Partial<Limits> = { deadlineMs: 60_000 };

class Done {
  constructor(readonly result: AssertionResult) {}
}

function isUnsupported(e: unknown): boolean {
  return (e instanceof DecodeError || e instanceof ValidationError) && e.reason.startsWith('unsupported');
}

function messageAgrees(actual: string, expected: string): boolean {
  return actual.includes(expected) || expected.includes(actual);
}

interface Live {
  readonly loaded: LoadedComponent;
  readonly instance: ComponentInstance;
}

class ComponentScriptRun {
  private readonly defs = new Map<string, LoadedComponent | string>();
  private readonly instances = new Map<string, Live | string>();
  private current: Live | string = 'no component instantiated yet';

  constructor(private readonly compiled: ReadonlyMap<ComponentDef, Uint8Array | string>, private readonly limits: Partial<Limits>) {}

  run(cmd: ComponentCommand): AssertionResult {
    try {
      return this.exec(cmd);
    } catch (e) {
      if (e instanceof Done) return e.result;
      return this.fail(cmd, `harness: ${describeError(e)}`);
    }
  }

  private name(cmd: ComponentCommand): string {
    switch (cmd.type) {
      case 'component': return cmd.def.definitionOnly ? 'component definition' : 'component';
      case 'instance': return 'component instance';
      case 'unsupported':
      case 'broken': return cmd.head;
      default: return cmd.type;
    }
  }

  private pass(cmd: ComponentCommand, extra: Partial<AssertionResult> = {}): AssertionResult {
    return { line: cmd.line, command: this.name(cmd), outcome: 'pass', ...extra };
  }

  private fail(cmd: ComponentCommand, reason: string): AssertionResult {
    return { line: cmd.line, command: this.name(cmd), outcome: 'fail', reason };
  }

  private skip(cmd: ComponentCommand, category: string, reason?: string): AssertionResult {
    return { line: cmd.line, command: this.name(cmd), outcome: 'skip', category, ...(reason ? { reason } : {}) };
  }

  private bytesOf(cmd: ComponentCommand, def: ComponentDef): Uint8Array {
    if (def.source.kind === 'quote') throw new Done(this.skip(cmd, ComponentSkip.textFormat));
    if (def.source.kind === 'binary') return def.source.bytes;
    const r = this.compiled.get(def);
    if (r === undefined || typeof r === 'string') throw new Done(this.skip(cmd, ComponentSkip.textRejected, r));
    return r;
  }

  private lookup<T>(cmd: ComponentCommand, v: T | string | undefined, what: string): T {
    if (v === undefined) throw new Done(this.fail(cmd, `unknown ${what}`));
    if (typeof v === 'string') {
      if (v.startsWith('skipped')) throw new Done(this.skip(cmd, ComponentSkip.dependsOnSkipped, v));
      throw new Done(this.fail(cmd, v));
    }
    return v;
  }

  private define(cmd: ComponentCommand, def: ComponentDef): LoadedComponent {
    let loaded: LoadedComponent;
    try {
      loaded = loadComponent(this.bytesOf(cmd, def));
    } catch (e) {
      if (e instanceof Done) {
        this.record(def, `skipped component at line ${def.line}`, !def.definitionOnly);
        throw e;
      }
      if (isUnsupported(e)) {
        this.record(def, `skipped component at line ${def.line} (unsupported)`, !def.definitionOnly);
        throw new Done(this.skip(cmd, ComponentSkip.unsupportedFeature, (e as WasmError).message));
      }
      this.record(def, `component at line ${def.line} failed to load: ${describeError(e)}`, !def.definitionOnly);
      throw new Done(this.fail(cmd, `component should load, got ${describeError(e)}`));
    }
    if (def.name !== undefined) this.defs.set(def.name, loaded);
    return loaded;
  }

  private record(def: ComponentDef, why: string, asInstance: boolean): void {
    if (def.name !== undefined) this.defs.set(def.name, why);
    if (asInstance) {
      this.current = why;
      if (def.name !== undefined) this.instances.set(def.name, why);
    }
  }

  private instantiate(cmd: ComponentCommand, loaded: LoadedComponent, name: string | undefined): void {
    let live: Live | string;
    try {
      live = { loaded, instance: instantiateComponent(loaded, {}, this.limits) };
    } catch (e) {
      live = `instantiation at line ${cmd.line} failed: ${describeError(e)}`;
      this.current = live;
      if (name !== undefined) this.instances.set(name, live);
      throw new Done(this.fail(cmd, `component should instantiate, got ${describeError(e)}`));
    }
    this.current = live;
    if (name !== undefined) this.instances.set(name, live);
  }

  /** Calls an export; returns its type and result, or throws what the call threw. */
  private call(cmd: ComponentCommand, inv: Invoke): { ft: CFuncType; result: unknown } {
    const live = this.lookup(cmd, inv.instance === undefined ? this.current : this.instances.get(inv.instance), `instance ${inv.instance ?? ''}`);
    const t = live.loaded.type.exports.get(inv.name);
    if (t === undefined || t.kind !== 'func') throw new Done(this.fail(cmd, `no exported function "${inv.name}"`));
    const ft = t.type;
    let args: unknown[];
    try {
      const lits = literals(inv.args);
      if (lits.length !== ft.params.length) throw new Error(`expected ${ft.params.length} arguments, the script gives ${lits.length}`);
      args = lits.map((l, i) => litToJs(l, ft.params[i]!.type));
    } catch (e) {
      throw new Done(this.fail(cmd, `bad arguments: ${e instanceof Error ? e.message : String(e)}`));
    }
    return { ft, result: live.instance.call(inv.name, ...args) };
  }

  private exec(cmd: ComponentCommand): AssertionResult {
    switch (cmd.type) {
      case 'component': {
        const loaded = this.define(cmd, cmd.def);
        if (!cmd.def.definitionOnly) this.instantiate(cmd, loaded, cmd.def.name);
        return this.pass(cmd);
      }
      case 'instance': {
        let loaded: LoadedComponent;
        try {
          loaded = this.lookup(cmd, this.defs.get(cmd.of), `component definition ${cmd.of}`);
        } catch (e) {
          // Later commands on this instance depend on the same missing definition.
          const why = e instanceof Done && e.result.outcome === 'skip' ? `skipped: definition ${cmd.of} was skipped` : `definition ${cmd.of} is not available`;
          this.current = why;
          if (cmd.name !== undefined) this.instances.set(cmd.name, why);
          throw e;
        }
        this.instantiate(cmd, loaded, cmd.name);
        return this.pass(cmd);
      }
      case 'invoke':
        try {
          this.call(cmd, cmd.invoke);
        } catch (e) {
          if (e instanceof Done) throw e;
          return this.fail(cmd, `invoke should succeed, got ${describeError(e)}`);
        }
        return this.pass(cmd);
      case 'assert_return': {
        let r: { ft: CFuncType; result: unknown };
        try {
          r = this.call(cmd, cmd.invoke);
        } catch (e) {
          if (e instanceof Done) throw e;
          return this.fail(cmd, `expected a result, got ${describeError(e)}`);
        }
        const lits = literals(cmd.expected);
        if (r.ft.result === undefined) {
          return lits.length === 0 ? this.pass(cmd) : this.fail(cmd, `expected ${lits.length} results, the function has none`);
        }
        if (lits.length !== 1) return this.fail(cmd, `expected ${lits.length} results, the function has one`);
        let want: unknown;
        try {
          want = litToJs(lits[0]!, r.ft.result);
        } catch (e) {
          return this.fail(cmd, `bad expected value: ${e instanceof Error ? e.message : String(e)}`);
        }
        return jsEqual(r.result, want) ? this.pass(cmd) : this.fail(cmd, `expected ${formatJs(want)}, got ${formatJs(r.result)}`);
      }
      case 'assert_trap': {
        let r: { result: unknown };
        try {
          r = this.call(cmd, cmd.invoke);
        } catch (e) {
          if (e instanceof Done) throw e;
          if (e instanceof Trap) return this.pass(cmd, { messageMatched: messageAgrees(e.message, cmd.message.replace(/^wasm trap: /, '')) });
          return this.fail(cmd, `expected trap "${cmd.message}", got ${describeError(e)}`);
        }
        return this.fail(cmd, `expected trap "${cmd.message}", got result ${formatJs(r.result)}`);
      }
      case 'assert_invalid':
      case 'assert_malformed': {
        const bytes = this.bytesOf(cmd, cmd.def);
        const cls = cmd.type === 'assert_invalid' ? ValidationError : DecodeError;
        try {
          loadComponent(bytes);
        } catch (e) {
          if (isUnsupported(e)) return this.skip(cmd, ComponentSkip.unsupportedFeature, (e as WasmError).message);
          if (e instanceof DecodeError || e instanceof ValidationError) {
            const same = e instanceof cls;
            return this.pass(cmd, {
              messageMatched: same && messageAgrees(e.reason, cmd.message),
              ...(same ? {} : { note: `rejected as ${e.name}: ${e.reason}` }),
            });
          }
          return this.fail(cmd, `expected ${cls.name} "${cmd.message}", got ${describeError(e)}`);
        }
        return this.fail(cmd, `expected ${cls.name} "${cmd.message}", but the component loaded`);
      }
      case 'assert_unlinkable': {
        const loaded = this.define(cmd, cmd.def);
        try {
          instantiateComponent(loaded, {}, this.limits);
        } catch (e) {
          if (e instanceof LinkError) return this.pass(cmd, { messageMatched: messageAgrees(e.reason, cmd.message) });
          return this.fail(cmd, `expected LinkError "${cmd.message}", got ${describeError(e)}`);
        }
        return this.fail(cmd, `expected LinkError "${cmd.message}", but it instantiated`);
      }
      case 'unsupported':
        return this.skip(cmd, ComponentSkip.unsupported, `(${cmd.head} ...)`);
      case 'broken':
        return this.fail(cmd, cmd.reason);
    }
  }
}

function tally(file: string, assertions: AssertionResult[], durationMs: number): FileResult {
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

/** Compiles every text component of the script (wasm-tools parse is asynchronous). */
async function compileAll(cmds: readonly ComponentCommand[]): Promise<Map<ComponentDef, Uint8Array | string>> {
  const out = new Map<ComponentDef, Uint8Array | string>();
  for (const c of cmds) {
    const def = 'def' in c ? c.def : undefined;
    if (def === undefined || def.source.kind !== 'text') continue;
    try {
      out.set(def, await parseComponentText(def.source.text));
    } catch (e) {
      out.set(def, `wasm-tools: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  }
  return out;
}

/** Runs a component script given as bytes; `file` names it in the report. */
export async function runComponentScript(file: string, src: Uint8Array, limits: Partial<Limits> = {}): Promise<FileResult> {
  const started = Date.now();
  let exprs: SExpr[];
  try {
    exprs = readSExprs(src);
  } catch (e) {
    const reason = `script cannot be read: ${e instanceof Error ? e.message : String(e)}`;
    return tally(file, [{ line: 0, command: 'script', outcome: 'fail', reason }], Date.now() - started);
  }
  const cmds = exprs.map((e) => toComponentCommand(e, src));
  const compiled = await compileAll(cmds);
  const run = new ComponentScriptRun(compiled, { ...DEFAULT_LIMITS, ...limits });
  const assertions = cmds.map((c) => run.run(c));
  return tally(file, assertions, Date.now() - started);
}

/** Runs one component .wast file; the report names it `dir/file.wast` (e.g. `values/strings.wast`). */
export async function runComponentWastFile(path: string, limits: Partial<Limits> = {}): Promise<FileResult> {
  const dir = basename(path.slice(0, path.length - basename(path).length - 1));
  return runComponentScript(`${dir}/${basename(path)}`, new Uint8Array(readFileSync(path)), limits);
}
