/**
 * A core WebAssembly module as a `Guest`: decoded and validated by `load`, instantiated in its own
 * Store with stub imports (functions that log their calls and return zeros, fresh memories, tables and
 * globals of the imported types), its exports listed with their types and called within a fuel budget.
 */

import {
  DecodeError, Store, ValType, ValidationError, WasmError, f32Value, f64Value, load,
  type ExternVal, type Imports, type ValidatedModule, type Value,
} from '../../src/core/index.js';
import { formatValue, funcTypeText, limitsText, parseArg, valTypeName } from './format.js';
import type { CallOutcome, ExportView, Guest } from './guest.js';

/** Loading failed: the message says where (decode and validation errors carry byte offsets). */
export class GuestLoadError extends Error {
  override readonly name = 'GuestLoadError';
  constructor(message: string, readonly offset?: number) {
    super(message);
  }
}

function hexOffset(n: number): string {
  return `0x${n.toString(16)}`;
}

/** A typed core error as one line; decode and validation errors lead with their byte offset. */
export function describeError(e: unknown): string {
  if (e instanceof DecodeError) return `DecodeError at offset ${e.offset} (${hexOffset(e.offset)}): ${e.reason}`;
  if (e instanceof ValidationError) {
    const where = e.offset >= 0 ? ` at offset ${e.offset} (${hexOffset(e.offset)})` : '';
    const fn = e.funcIndex >= 0 ? ` in function ${e.funcIndex}` : '';
    return `ValidationError${where}${fn}: ${e.reason}`;
  }
  if (e instanceof WasmError) return `${e.name}: ${e.message}`;
  return `unexpected ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
}

function zero(t: number): Value {
  switch (t) {
    case ValType.i32: return { type: 'i32', value: 0 };
    case ValType.i64: return { type: 'i64', value: 0n };
    case ValType.f32: return f32Value(0);
    case ValType.f64: return f64Value(0);
    case ValType.v128: return { type: 'v128', value: new Uint8Array(16) };
    case ValType.funcref: return { type: 'funcref', value: null };
    default: return { type: 'externref', value: null };
  }
}

/** Stub imports for every import of the module; returns them with one description line each. */
function stubImports(store: Store, vm: ValidatedModule, log: (line: string) => void): { imports: Imports; lines: string[] } {
  const byModule: Record<string, Record<string, ExternVal>> = {};
  const lines: string[] = [];
  for (const imp of vm.module.imports) {
    const d = imp.desc;
    let ext: ExternVal;
    let text: string;
    switch (d.kind) {
      case 'func': {
        const type = vm.module.types[d.typeIndex];
        const label = `${imp.module}.${imp.name}`;
        ext = store.hostFunc(type, (args) => {
          log(`import ${label}(${args.map(formatValue).join(', ')}) called; the page's stub returns zeros`);
          return type.results.map(zero);
        });
        text = `func ${funcTypeText(type)}`;
        break;
      }
      case 'memory':
        ext = store.hostMemory(d.type);
        text = `memory ${limitsText(d.type.limits)}`;
        break;
      case 'table':
        ext = store.hostTable(d.type);
        text = `table ${valTypeName(d.type.elemType)} ${limitsText(d.type.limits)}`;
        break;
      case 'global':
        ext = store.hostGlobal(d.type, zero(d.type.valType));
        text = `global ${d.type.mutable ? 'mut ' : ''}${valTypeName(d.type.valType)}`;
        break;
    }
    (byModule[imp.module] ??= {})[imp.name] = ext;
    lines.push(`${imp.module}.${imp.name}: ${text} (stub)`);
  }
  return { imports: byModule, lines };
}

function exportView(name: string, ext: ExternVal): ExportView {
  switch (ext.kind) {
    case 'func': return { id: name, name, kind: 'func', type: funcTypeText(ext.type), callable: true };
    case 'memory': return { id: name, name, kind: 'memory', type: `pages ${limitsText(ext.type.limits)}`, callable: false };
    case 'table': return { id: name, name, kind: 'table', type: `${valTypeName(ext.type.elemType)} ${limitsText(ext.type.limits)}`, callable: false };
    case 'global': return { id: name, name, kind: 'global', type: `${ext.type.mutable ? 'mut ' : ''}${valTypeName(ext.type.valType)}`, callable: false };
  }
}

/** Decodes and validates a module. Throws GuestLoadError saying what failed and where. */
export function loadModule(bytes: Uint8Array): ValidatedModule {
  try {
    return load(bytes);
  } catch (e) {
    throw new GuestLoadError(describeError(e), e instanceof DecodeError ? e.offset : e instanceof ValidationError ? e.offset : undefined);
  }
}

/** A loaded core module as a guest, instantiated with stub imports. Throws GuestLoadError. */
export function coreGuest(vm: ValidatedModule, size: number, log: (line: string) => void): Guest {
  const store = new Store();
  const { imports, lines } = stubImports(store, vm, log);
  let exports: ReadonlyMap<string, ExternVal>;
  try {
    exports = store.instantiate(vm, imports).exports;
  } catch (e) {
    throw new GuestLoadError(`instantiation failed: ${describeError(e)}`);
  }
  const m = vm.module;
  return {
    kind: 'core-module',
    summary: `core module, ${size} bytes: ${m.types.length} types, ${m.imports.length} imports, ` +
      `${m.funcs.length} functions, ${m.exports.length} exports`,
    imports: lines,
    exports: [...exports].map(([name, ext]) => exportView(name, ext)),
    argsHint: '2 40',
    async call(name: string, argsText: string, fuel: number): Promise<CallOutcome> {
      const args = argsText.trim() === '' ? [] : argsText.trim().split(/[\s,]+/);
      const call = `${name}(${args.join(', ')})`;
      const f = exports.get(name);
      if (f === undefined || f.kind !== 'func') return { status: 'error', call, error: `no exported function "${name}"` };
      const params = f.type.params;
      if (args.length !== params.length) {
        return { status: 'error', call, error: `"${name}" takes ${params.length} arguments ${funcTypeText(f.type)}, got ${args.length}` };
      }
      let values: Value[];
      try {
        values = args.map((a, i) => parseArg(params[i], a, i));
      } catch (e) {
        return { status: 'error', call, error: e instanceof Error ? e.message : String(e) };
      }
      try {
        const ex = store.start(f, values);
        const r = ex.run(fuel);
        if (r.status === 'done') return { status: 'done', call, results: r.values.map(formatValue), fuelUsed: ex.lastFuelUsed };
        if (r.status === 'paused') {
          ex.abandon();
          return { status: 'out-of-fuel', call, fuelUsed: r.fuelUsed };
        }
        return { status: 'error', call, error: describeError(r.error) };
      } catch (e) {
        return { status: 'error', call, error: describeError(e) };
      }
    },
  };
}
