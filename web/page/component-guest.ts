/**
 * A Component Model component as a `Guest`. A WASI-MCP component (exports `wasi:mcp/handlers` and
 * `wasi:cli/run`, imports only what the host provides it) is an MCP server, run by the host's
 * `WasiMcpGuest` (mcp-guest.ts). Any other component is shown as its WIT world (`renderWit`) and its
 * exported functions (also those of exported instances, `inst#f`), called with a JSON array of
 * arguments in the host's JSON form of component values (src/host/wit-json-values.ts, the form MCP
 * clients use). Its imports are stubbed: a function import traps when called, an imported resource
 * type is a fresh one. Each fuel budget gets its own instance (the budget is a limit of the
 * instance's store, applied to each call into core code).
 */

import {
  EmbeddingError, LimitExceeded, ResourceType, Trap, instantiateComponent, loadComponent, renderFuncType, renderWit,
  type CFuncType, type ComponentInstance, type ExternT, type HostImport, type LoadedComponent,
} from '../../src/component/index.js';
import { WasiMcpGuest, isWasiMcpImport, wasiMcpExports } from '../../src/host/wasi-mcp-guest.js';
import { fromJson, toJson } from '../../src/host/wit-json-values.js';
import { describeError } from './core-guest.js';
import { messageOf, type CallOutcome, type ExportView, type Guest } from './guest.js';
import { loadMcpGuest } from './mcp-guest.js';

/** Bytes of memory one component instance may use in the page. */
const MEMORY_LIMIT = 64 * 1024 * 1024;

/** A stub for an import, and its description line; undefined when the page cannot supply the kind. */
function stub(path: string, t: ExternT, lines: string[]): HostImport | undefined {
  switch (t.kind) {
    case 'func':
      lines.push(`${path}: ${renderFuncType(t.type)} (stub: traps when called)`);
      return () => { throw new Trap('host', `import ${path} is not provided by the page`); };
    case 'instance': {
      const o: Record<string, HostImport> = {};
      for (const [n, et] of t.type.exports) {
        const s = stub(`${path}#${n}`, et, lines);
        if (s !== undefined) o[n] = s;
      }
      return o;
    }
    case 'type':
      if (t.def.kind !== 'resource') return undefined;
      lines.push(`${path}: resource (a fresh resource type)`);
      return new ResourceType(path, null);
    default:
      lines.push(`${path}: ${t.kind} (the page cannot supply it)`);
      return undefined;
  }
}

/** Every exported function, with the name `ComponentInstance.call` takes. */
function exportedFuncs(exports: ReadonlyMap<string, ExternT>, prefix: string, out: Map<string, CFuncType>, views: ExportView[]): void {
  for (const [n, t] of exports) {
    const name = `${prefix}${n}`;
    if (t.kind === 'func') {
      out.set(name, t.type);
      views.push({ id: name, name, kind: 'func', type: renderFuncType(t.type), callable: true });
    } else if (t.kind === 'instance') {
      views.push({ id: name, name, kind: 'instance', type: `${t.type.exports.size} exports`, callable: false });
      exportedFuncs(t.type.exports, `${name}#`, out, views);
    } else {
      views.push({ id: name, name, kind: t.kind === 'type' ? `type (${t.def.kind})` : t.kind, type: '', callable: false });
    }
  }
}

function parseArgs(text: string, f: CFuncType): unknown[] {
  const s = text.trim();
  const v: unknown = s === '' ? [] : JSON.parse(s);
  const list = Array.isArray(v) ? v : [v];
  if (list.length !== f.params.length) {
    throw new Error(`takes ${f.params.length} arguments ${renderFuncType(f)}, got ${list.length} (write them as a JSON array)`);
  }
  return list.map((x, i) => fromJson(f.params[i]!.type, x, f.params[i]!.name));
}

/** Loads a component (throws DecodeError/ValidationError) as an MCP server or a plain component. */
export async function loadComponentGuest(bytes: Uint8Array, fileName: string, fuel: number, log: (line: string) => void): Promise<Guest> {
  const c = loadComponent(bytes);
  const mcp = wasiMcpExports(c);
  const imports = [...c.type.imports.keys()];
  if (mcp === undefined || !imports.every((n) => isWasiMcpImport(n))) return plainComponentGuest(c, bytes.length, fuel);
  return loadMcpGuest((policy, audit) => new WasiMcpGuest(c, mcp, policy, audit), {
    fileName, form: 'WASI-MCP component', size: bytes.length, imports: imports.map((n) => `${n} (provided by the page's host)`),
  }, fuel, log);
}

/** A plain component, instantiated with stub imports. */
function plainComponentGuest(c: LoadedComponent, size: number, fuel: number): Guest {
  const lines: string[] = [];
  const imports: Record<string, HostImport> = {};
  for (const [n, t] of c.type.imports) {
    const s = stub(n, t, lines);
    if (s !== undefined) imports[n] = s;
  }
  const funcs = new Map<string, CFuncType>();
  const views: ExportView[] = [];
  exportedFuncs(c.type.exports, '', funcs, views);
  let live: { readonly budget: number; readonly instance: ComponentInstance } | undefined;
  const instanceFor = (budget: number): ComponentInstance => {
    if (live?.budget !== budget) live = { budget, instance: instantiateComponent(c, imports, { fuel: budget, memoryBytes: MEMORY_LIMIT }) };
    return live.instance;
  };
  instanceFor(fuel);
  return {
    kind: 'component',
    summary: `component, ${size} bytes: ${c.type.imports.size} imports, ${c.type.exports.size} exports, ${funcs.size} callable functions`,
    imports: lines,
    exports: views,
    detail: renderWit(c),
    argsHint: '[2, 40]',
    async call(id: string, argsText: string, budget: number): Promise<CallOutcome> {
      const label = `${id}(${argsText.trim().replace(/^\[|\]$/g, '')})`;
      const f = funcs.get(id);
      if (f === undefined) return { status: 'error', call: label, error: `no exported function "${id}"` };
      let args: unknown[];
      try {
        args = parseArgs(argsText, f);
      } catch (e) {
        return { status: 'error', call: label, error: e instanceof Error ? e.message : String(e) };
      }
      let r: unknown;
      try {
        r = instanceFor(budget).call(id, ...args);
      } catch (e) {
        // A trap or a limit leaves the instance unusable (Component Model: it may not be entered again).
        if (!(e instanceof EmbeddingError)) live = undefined;
        if (e instanceof LimitExceeded && e.limit === 'fuel') return { status: 'out-of-fuel', call: label, fuelUsed: budget };
        return { status: 'error', call: label, error: describeError(e) };
      }
      try {
        return { status: 'done', call: label, results: [f.result === undefined ? '(no result)' : JSON.stringify(toJson(f.result, r))] };
      } catch (e) {
        return { status: 'error', call: label, error: `the result has no JSON form: ${messageOf(e)}` };
      }
    },
  };
}
