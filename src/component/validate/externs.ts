/**
 * Imports and exports of components, component types and instance types: the extern names (syntax,
 * strong uniqueness, the typing rules of annotated names), extern types, and index-space bookkeeping
 * shared by definitions and declarators (Binary.md "Import and Export Definitions").
 */

import { ResourceType, type CFuncType, type CType } from '../abi/types.js';
import type { ExternName, ExternType, Sort, SortIdx } from '../binary/component.js';
import type { ExternT, InstanceType, TypeDef } from '../types/resolved.js';
import { containsBorrow } from '../types/resolve.js';
import { at, invalid, type Scope } from '../types/scope.js';
import { aliasResource, canonicalResource, openInstanceType } from '../types/substitute.js';
import { parseExternName, type ParsedName } from './names.js';
import { NameScope } from './names.js';

/** Name scopes are per Scope object and per direction (imports / exports). */
const nameScopes = new WeakMap<Scope, { imports: NameScope; exports: NameScope }>();

function namesOf(scope: Scope): { imports: NameScope; exports: NameScope } {
  let n = nameScopes.get(scope);
  if (n === undefined) {
    n = { imports: new NameScope(), exports: new NameScope() };
    nameScopes.set(scope, n);
  }
  return n;
}

/** Checks the syntax and the attributes of an extern name; returns the parsed name. */
export function checkExternName(n: ExternName, offset: number): ParsedName {
  const p = parseExternName(n.name);
  if (typeof p === 'string') throw invalid(p, offset);
  const seen = new Set<string>();
  for (const a of n.attributes) {
    if (seen.has(a.kind)) throw invalid(`duplicate \`${a.kind}\` attribute on \`${n.name}\``, offset);
    seen.add(a.kind);
    if (a.kind === 'implements') {
      if (p.kind !== 'label') throw invalid(`\`implements\` requires a plain name, found \`${n.name}\``, offset);
      const q = parseExternName(a.interfaceName);
      if (typeof q === 'string' || q.kind !== 'interface') throw invalid(`\`${a.interfaceName}\` is not a valid interface name`, offset);
    }
    if (a.kind === 'versionsuffix') {
      if (p.kind !== 'interface' || p.version === undefined) throw invalid(`\`versionsuffix\` requires an interface name with a version, found \`${n.name}\``, offset);
    }
  }
  return p;
}

/** Resolves an externtype in `scope`; a `(sub resource)` bound makes a fresh resource, added to `binders`. */
export function resolveExternType(et: ExternType, scope: Scope, name: string, offset: number, binders: ResourceType[]): ExternT {
  switch (et.kind) {
    case 'core module': {
      const t = at(scope.coreTypes, et.typeIndex, 'core type', offset);
      if (t.kind !== 'module') throw invalid(`core type index ${et.typeIndex} is not a module type`, offset);
      return { kind: 'core module', type: t.type };
    }
    case 'func': {
      const t = at(scope.types, et.typeIndex, 'type', offset);
      if (t.kind !== 'func') throw invalid(`type index ${et.typeIndex} is not a function type`, offset);
      return { kind: 'func', type: t.type };
    }
    case 'type': {
      if (et.bound.kind === 'sub-resource') {
        const r = new ResourceType(name, null);
        binders.push(r);
        return { kind: 'type', def: { kind: 'resource', resource: r } };
      }
      return { kind: 'type', def: at(scope.types, et.bound.typeIndex, 'type', offset) };
    }
    case 'component': {
      const t = at(scope.types, et.typeIndex, 'type', offset);
      if (t.kind !== 'component') throw invalid(`type index ${et.typeIndex} is not a component type`, offset);
      return { kind: 'component', type: t.type };
    }
    case 'instance': {
      const t = at(scope.types, et.typeIndex, 'type', offset);
      if (t.kind !== 'instance') throw invalid(`type index ${et.typeIndex} is not an instance type`, offset);
      return { kind: 'instance', type: openInstanceType(t.type) };
    }
  }
}

/** Appends the item an import/export/alias introduces to the index space of its sort. */
export function pushExtern(scope: Scope, t: ExternT): void {
  switch (t.kind) {
    case 'core module': scope.coreModules.push(t.type); break;
    case 'func': scope.funcs.push(t.type); break;
    case 'type': scope.types.push(t.def); break;
    case 'instance': scope.instances.push(t.type); break;
    case 'component': scope.components.push(t.type); break;
  }
}

/** The extern type of a (component-level or core module) sort index, as an export or argument. */
export function externOf(scope: Scope, s: SortIdx, offset: number): ExternT {
  switch (s.sort) {
    case 'func': return { kind: 'func', type: at(scope.funcs, s.index, 'func', offset) };
    case 'type': return { kind: 'type', def: at(scope.types, s.index, 'type', offset) };
    case 'component': return { kind: 'component', type: at(scope.components, s.index, 'component', offset) };
    case 'instance': return { kind: 'instance', type: at(scope.instances, s.index, 'instance', offset) };
    case 'core module': return { kind: 'core module', type: at(scope.coreModules, s.index, 'module', offset) };
    default: throw invalid(`${s.sort} is not a valid extern sort here (only \`core module\` of the core sorts)`, offset);
  }
}

/** The sort of an ExternT as written in `Sort`. */
export function sortOf(t: ExternT): Sort {
  return t.kind;
}

/** Resources mentioned by an extern type (not counting the binders of nested types). */
export function resourcesOf(t: ExternT | TypeDef, out: Set<ResourceType>): void {
  const val = (v: import('../abi/types.js').CType): void => {
    switch (v.kind) {
      case 'own': case 'borrow': out.add(v.resource); break;
      case 'list': val(v.elem); break;
      case 'option': val(v.type); break;
      case 'record': v.fields.forEach((f) => val(f.type)); break;
      case 'tuple': v.types.forEach(val); break;
      case 'variant': v.cases.forEach((c) => c.type !== undefined && val(c.type)); break;
      case 'result': if (v.ok) val(v.ok); if (v.err) val(v.err); break;
      default: break;
    }
  };
  const fn = (f: CFuncType): void => {
    f.params.forEach((p) => val(p.type));
    if (f.result) val(f.result);
  };
  const nested = (m: ReadonlyMap<string, ExternT>, binders: readonly ResourceType[]): void => {
    const inner = new Set<ResourceType>();
    for (const x of m.values()) resourcesOf(x, inner);
    for (const b of binders) inner.delete(b);
    for (const r of inner) out.add(r);
  };
  switch (t.kind) {
    case 'value': val(t.type); break;
    case 'func': fn(t.type); break;
    case 'resource': out.add(t.resource); break;
    case 'type': resourcesOf(t.def, out); break;
    case 'instance': nested(t.type.exports, t.type.binders); break;
    case 'component': {
      const inner = new Set<ResourceType>();
      for (const x of t.type.imports.values()) resourcesOf(x, inner);
      for (const x of t.type.exports.values()) resourcesOf(x, inner);
      for (const b of [...t.type.importBinders, ...t.type.exportBinders]) inner.delete(b);
      for (const r of inner) out.add(r);
      break;
    }
    case 'core module': break;
  }
}

/** The first type in `t` that has no externally visible name in `named`, described; `top` types need none. */
function unnamedIn(t: CType, named: ReadonlySet<object>, top: boolean): string | undefined {
  switch (t.kind) {
    case 'own':
    case 'borrow':
      return named.has(t.resource) ? undefined : 'resource';
    case 'record':
    case 'variant':
    case 'enum':
    case 'flags': {
      if (!top && !named.has(t)) return t.kind;
      if (t.kind === 'record') for (const f of t.fields) { const r = unnamedIn(f.type, named, false); if (r) return r; }
      if (t.kind === 'variant') for (const c of t.cases) { const r = c.type && unnamedIn(c.type, named, false); if (r) return r; }
      return undefined;
    }
    case 'list': return unnamedIn(t.elem, named, false);
    case 'option': return unnamedIn(t.type, named, false);
    case 'tuple': for (const x of t.types) { const r = unnamedIn(x, named, false); if (r) return r; } return undefined;
    case 'result': return (t.ok && unnamedIn(t.ok, named, false)) || (t.err && unnamedIn(t.err, named, false)) || undefined;
    default: return undefined;
  }
}

function funcVisible(f: CFuncType, named: ReadonlySet<object>): boolean {
  return f.params.every((p) => unnamedIn(p.type, named, false) === undefined) && (f.result === undefined || unnamedIn(f.result, named, false) === undefined);
}

/** The identity an exported type declaration names (a resource alias, or a named value type). */
function namedIdentity(t: ExternT): object | undefined {
  if (t.kind !== 'type') return undefined;
  if (t.def.kind === 'resource') return t.def.resource;
  if (t.def.kind === 'value') return t.def.type;
  return undefined;
}

/** Whether every type `t` uses has an external name, given the names in `named` (deferred for instance types). */
function externVisible(t: ExternT | TypeDef, named: ReadonlySet<object>): boolean {
  switch (t.kind) {
    case 'func': return funcVisible(t.type, named);
    case 'value': return unnamedIn(t.type, named, true) === undefined;
    case 'type': return externVisible(t.def, named);
    case 'instance': {
      const local = new Set(named);
      for (const x of t.type.exports.values()) {
        if (!externVisible(x, local)) return false;
        const id = namedIdentity(x);
        if (id !== undefined) local.add(id);
      }
      return true;
    }
    default: return true;
  }
}

/** A copy of an instance type whose type exports (transitively) have new, named identities, added to `ids`. */
function nameInstance(it: InstanceType, ids: Set<object>): InstanceType {
  const exports = new Map<string, ExternT>();
  for (const [n, x] of it.exports) {
    let y: ExternT = x;
    if (x.kind === 'instance') {
      y = { kind: 'instance', type: nameInstance(x.type, ids) };
    } else if (x.kind === 'type' && x.def.kind === 'resource') {
      const r = it.binders.includes(x.def.resource) ? x.def.resource : aliasResource(x.def.resource);
      y = { kind: 'type', def: { kind: 'resource', resource: r } };
      ids.add(r);
    } else if (x.kind === 'type' && x.def.kind === 'value') {
      const k = x.def.type.kind;
      if (k === 'record' || k === 'variant' || k === 'enum' || k === 'flags') {
        const copy: CType = { ...x.def.type };
        y = { kind: 'type', def: { kind: 'value', type: copy } };
        ids.add(copy);
        // The copy is shallow: other types of the instance (a record's field, a function's parameter)
        // still refer to the original, which this import or export names as well.
        ids.add(x.def.type);
      }
    }
    exports.set(n, y);
  }
  return { exports, binders: it.binders };
}

/** Checks external visibility and gives a type import/export its new, named identity. */
function nameExtern(scope: Scope, dir: 'import' | 'export', t: ExternT, offset: number): ExternT {
  const named = dir === 'import' ? scope.importNamed : scope.exportNamed;
  // Inside instance types the check is deferred until the type is used by a component.
  const check = scope.kind === 'component' || scope.kind === 'component type';
  if (check && !externVisible(t, named)) {
    const what = t.kind === 'type' ? 'type' : t.kind;
    throw invalid(`${what} not valid to be used as ${dir}`, offset);
  }
  if (t.kind === 'instance') {
    // Importing or exporting an instance names the types it exports (aliases out of the new index).
    const ids = new Set<object>();
    const it = nameInstance(t.type, ids);
    for (const id of ids) {
      scope.exportNamed.add(id);
      if (dir === 'import') scope.importNamed.add(id);
    }
    return { kind: 'instance', type: it };
  }
  if (t.kind !== 'type') return t;
  const d = t.def;
  let fresh: ExternT = t;
  let id: object | undefined;
  if (d.kind === 'resource') {
    const r = scope.importBinders.includes(d.resource) || scope.exportBinders.includes(d.resource) ? d.resource : aliasResource(d.resource);
    fresh = { kind: 'type', def: { kind: 'resource', resource: r } };
    id = r;
  } else if (d.kind === 'value') {
    const k = d.type.kind;
    if (k === 'record' || k === 'variant' || k === 'enum' || k === 'flags') {
      const copy: CType = { ...d.type };
      fresh = { kind: 'type', def: { kind: 'value', type: copy } };
      id = copy;
    }
  }
  if (id !== undefined) {
    scope.exportNamed.add(id);
    if (dir === 'import') scope.importNamed.add(id);
  }
  return fresh;
}

/**
 * Records an import or export of `scope`: the name's uniqueness, the typing rules of annotated names,
 * external visibility; returns the item to append to the index space (a type import/export is a new,
 * equal type with an external name).
 */
export function declareExtern(scope: Scope, dir: 'import' | 'export', name: ExternName, t0: ExternT, offset: number): ExternT {
  const parsed = checkExternName(name, offset);
  const t = nameExtern(scope, dir, t0, offset);
  const names = namesOf(scope);
  const clash = (dir === 'import' ? names.imports : names.exports).add(name.name, dir);
  if (clash !== undefined) throw invalid(clash, offset);
  const resNames = dir === 'import' ? scope.importResourceNames : scope.exportResourceNames;
  if (name.attributes.some((a) => a.kind === 'implements') && t.kind !== 'instance') {
    throw invalid(`\`implements\` is only allowed on instance ${dir}s`, offset);
  }
  if (parsed.kind !== 'label' && parsed.kind !== 'interface') {
    if (t.kind !== 'func') throw invalid(`\`${name.name}\`: annotated names are only allowed on functions`, offset);
    const r = resNames.get(parsed.resource);
    if (r === undefined) throw invalid(`\`${name.name}\`: \`${parsed.resource}\` is not a resource ${dir}ed earlier in this scope`, offset);
    const ft = t.type;
    if (parsed.kind === 'constructor') {
      const res = ft.result;
      // The very type index named `r` in this scope (an import/export of the resource), not merely an equal type.
      const same = (x: ResourceType): boolean => x === r;
      const ok = res !== undefined && (
        (res.kind === 'own' && same(res.resource)) ||
        (res.kind === 'result' && res.ok !== undefined && res.ok.kind === 'own' && same(res.ok.resource)));
      if (!ok) throw invalid(`function \`${name.name}\` should return \`(own $${parsed.resource})\` or \`(result (own $${parsed.resource}) ...)\``, offset);
    } else if (parsed.kind === 'method') {
      const p0 = ft.params[0];
      if (p0 === undefined || p0.name !== 'self' || p0.type.kind !== 'borrow' || p0.type.resource !== r) {
        throw invalid(`function \`${name.name}\` should have a first parameter \`self\` of type \`(borrow $${parsed.resource})\``, offset);
      }
    }
  }
  if (t.kind === 'type' && t.def.kind === 'resource' && parsed.kind === 'label') resNames.set(parsed.label, t.def.resource);
  if (dir === 'export' && t.kind !== 'type') {
    // Exported value types may not borrow (Binary.md): only function parameters may.
    if (t.kind === 'func' && t.type.result !== undefined && containsBorrow(t.type.result)) {
      throw invalid('function result cannot contain a `borrow` type', offset);
    }
  }
  (dir === 'import' ? scope.imports : scope.exports).set(name.name, t);
  return t;
}
