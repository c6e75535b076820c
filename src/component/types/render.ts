/**
 * A WIT-like rendering of a component's type (WIT.md syntax for types and functions): one line per
 * import and export, instances as inline `interface { ... }` blocks. For diagnostics and as the basis
 * of the later JSON Schema mapping; it is not meant to be parsed back.
 */

import type { CFuncType, CType, ResourceType } from '../abi/types.js';
import type { ComponentType, CoreExternType, ExternT } from './resolved.js';

/** Resource names: the first import/export label each resource appears under. */
type Names = Map<ResourceType, string>;

function collectNames(m: ReadonlyMap<string, ExternT>, names: Names): void {
  for (const [n, t] of m) {
    if (t.kind === 'type' && t.def.kind === 'resource' && !names.has(t.def.resource)) names.set(t.def.resource, n);
    if (t.kind === 'instance') collectNames(t.type.exports, names);
  }
}

function resName(r: ResourceType, names: Names): string {
  return names.get(r) ?? (r.name !== '' ? r.name : 'resource');
}

export function renderValType(t: CType, names: Names = new Map()): string {
  const v = (x: CType): string => renderValType(x, names);
  switch (t.kind) {
    case 'list': return `list<${v(t.elem)}>`;
    case 'option': return `option<${v(t.type)}>`;
    case 'tuple': return `tuple<${t.types.map(v).join(', ')}>`;
    case 'record': return `record { ${t.fields.map((f) => `${f.name}: ${v(f.type)}`).join(', ')} }`;
    case 'variant': return `variant { ${t.cases.map((c) => (c.type === undefined ? c.name : `${c.name}(${v(c.type)})`)).join(', ')} }`;
    case 'enum': return `enum { ${t.names.join(', ')} }`;
    case 'flags': return `flags { ${t.names.join(', ')} }`;
    case 'result': {
      if (t.ok === undefined && t.err === undefined) return 'result';
      if (t.err === undefined) return `result<${v(t.ok!)}>`;
      return `result<${t.ok === undefined ? '_' : v(t.ok)}, ${v(t.err)}>`;
    }
    case 'own': return resName(t.resource, names);
    case 'borrow': return `borrow<${resName(t.resource, names)}>`;
    default: return t.kind;
  }
}

export function renderFuncType(f: CFuncType, names: Names = new Map()): string {
  const params = f.params.map((p) => `${p.name}: ${renderValType(p.type, names)}`).join(', ');
  return `func(${params})${f.result === undefined ? '' : ` -> ${renderValType(f.result, names)}`}`;
}

function coreExtern(t: CoreExternType): string {
  return t.kind;
}

function renderExtern(t: ExternT, names: Names, indent: string): string {
  switch (t.kind) {
    case 'func': return renderFuncType(t.type, names);
    case 'type':
      if (t.def.kind === 'resource') return 'resource';
      if (t.def.kind === 'value') return `type ${renderValType(t.def.type, names)}`;
      return `type ${t.def.kind}`;
    case 'instance': {
      const inner = [...t.type.exports].map(([n, x]) => `${indent}  ${n}: ${renderExtern(x, names, indent + '  ')};`);
      return `interface {\n${inner.join('\n')}${inner.length > 0 ? '\n' : ''}${indent}}`;
    }
    case 'component': return 'component';
    case 'core module': {
      const imps = t.type.imports.map((i) => `${i.module}::${i.name}: ${coreExtern(i.type)}`).join(', ');
      return `core module (imports: ${imps})`;
    }
  }
}

/** The component's imports and exports, WIT-style, inside a `world` block. */
export function renderWorld(t: ComponentType, worldName = 'component'): string {
  const names: Names = new Map();
  collectNames(t.imports, names);
  collectNames(t.exports, names);
  const lines = [`world ${worldName} {`];
  for (const [n, x] of t.imports) lines.push(`  import ${n}: ${renderExtern(x, names, '  ')};`);
  for (const [n, x] of t.exports) lines.push(`  export ${n}: ${renderExtern(x, names, '  ')};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
