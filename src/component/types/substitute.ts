/**
 * Substitution of resource types in resolved types (Explainer "Type Checking"): instantiating a
 * component replaces its imported abstract resources by the supplied ones, and each use of a type that
 * exports abstract resources (an imported instance, an instantiation) gets fresh ones.
 *
 * A substitution maps resources to resources; types untouched by it are returned as they are (the
 * same object), so substitution of resource-free types allocates nothing.
 */

import { ResourceType, type CFuncType, type CField, type CType } from '../abi/types.js';
import type { ComponentType, ExternT, InstanceType, TypeDef } from './resolved.js';

export type Subst = ReadonlyMap<ResourceType, ResourceType>;

/**
 * Aliases of resource types: importing or exporting a type makes a new type index that is *equal* to
 * the original but counts as externally named (Explainer "External Visibility of Types"). The alias is
 * a separate ResourceType object; type equality compares canonical resources.
 */
const aliasOf = new WeakMap<ResourceType, ResourceType>();

export function canonicalResource(r: ResourceType): ResourceType {
  return aliasOf.get(r) ?? r;
}

/** A new resource object equal (as a type) to `r`. */
export function aliasResource(r: ResourceType): ResourceType {
  const a = new ResourceType(r.name, r.impl, r.dtor);
  aliasOf.set(a, canonicalResource(r));
  return a;
}

export function substResource(r: ResourceType, s: Subst): ResourceType {
  if (s.size === 0) return r;
  const c = canonicalResource(r);
  return s.get(c) ?? r;
}

function substFields(fields: readonly CField[], s: Subst): readonly CField[] {
  let changed = false;
  const out = fields.map((f) => {
    const t = substValType(f.type, s);
    if (t !== f.type) changed = true;
    return t === f.type ? f : { name: f.name, type: t };
  });
  return changed ? out : fields;
}

export function substValType(t: CType, s: Subst): CType {
  if (s.size === 0) return t;
  switch (t.kind) {
    case 'own':
    case 'borrow': {
      const r = substResource(t.resource, s);
      return r === t.resource ? t : { kind: t.kind, resource: r };
    }
    case 'list': {
      const e = substValType(t.elem, s);
      return e === t.elem ? t : { kind: 'list', elem: e };
    }
    case 'option': {
      const e = substValType(t.type, s);
      return e === t.type ? t : { kind: 'option', type: e };
    }
    case 'record': {
      const f = substFields(t.fields, s);
      return f === t.fields ? t : { kind: 'record', fields: f };
    }
    case 'tuple': {
      let changed = false;
      const ts = t.types.map((x) => {
        const y = substValType(x, s);
        if (y !== x) changed = true;
        return y;
      });
      return changed ? { kind: 'tuple', types: ts } : t;
    }
    case 'variant': {
      let changed = false;
      const cases = t.cases.map((c) => {
        if (c.type === undefined) return c;
        const y = substValType(c.type, s);
        if (y === c.type) return c;
        changed = true;
        return { name: c.name, type: y };
      });
      return changed ? { kind: 'variant', cases } : t;
    }
    case 'result': {
      const ok = t.ok === undefined ? undefined : substValType(t.ok, s);
      const err = t.err === undefined ? undefined : substValType(t.err, s);
      if (ok === t.ok && err === t.err) return t;
      return { kind: 'result', ...(ok !== undefined ? { ok } : {}), ...(err !== undefined ? { err } : {}) };
    }
    default:
      return t;
  }
}

export function substFuncType(f: CFuncType, s: Subst): CFuncType {
  if (s.size === 0) return f;
  const params = substFields(f.params, s);
  const result = f.result === undefined ? undefined : substValType(f.result, s);
  if (params === f.params && result === f.result) return f;
  return result === undefined ? { params } : { params, result };
}

function substMap(m: ReadonlyMap<string, ExternT>, s: Subst): ReadonlyMap<string, ExternT> {
  const out = new Map<string, ExternT>();
  for (const [k, v] of m) out.set(k, substExtern(v, s));
  return out;
}

export function substInstanceType(t: InstanceType, s: Subst): InstanceType {
  if (s.size === 0) return t;
  return { exports: substMap(t.exports, s), binders: t.binders };
}

export function substComponentType(t: ComponentType, s: Subst): ComponentType {
  if (s.size === 0) return t;
  return { imports: substMap(t.imports, s), exports: substMap(t.exports, s), importBinders: t.importBinders, exportBinders: t.exportBinders };
}

export function substTypeDef(d: TypeDef, s: Subst): TypeDef {
  if (s.size === 0) return d;
  switch (d.kind) {
    case 'value': return { kind: 'value', type: substValType(d.type, s) };
    case 'func': return { kind: 'func', type: substFuncType(d.type, s) };
    case 'resource': return { kind: 'resource', resource: substResource(d.resource, s) };
    case 'instance': return { kind: 'instance', type: substInstanceType(d.type, s) };
    case 'component': return { kind: 'component', type: substComponentType(d.type, s) };
  }
}

export function substExtern(t: ExternT, s: Subst): ExternT {
  if (s.size === 0) return t;
  switch (t.kind) {
    case 'core module': return t;
    case 'func': return { kind: 'func', type: substFuncType(t.type, s) };
    case 'type': return { kind: 'type', def: substTypeDef(t.def, s) };
    case 'instance': return { kind: 'instance', type: substInstanceType(t.type, s) };
    case 'component': return { kind: 'component', type: substComponentType(t.type, s) };
  }
}

/** Fresh copies of `binders` (same names), as a substitution from the old ones. */
export function freshen(binders: readonly ResourceType[], into: Map<ResourceType, ResourceType> = new Map()): Map<ResourceType, ResourceType> {
  for (const b of binders) into.set(b, new ResourceType(b.name, null));
  return into;
}

/**
 * The instance an imported instance type describes: its abstract resources made fresh (each import of
 * the same instance type is a distinct existential package).
 */
export function openInstanceType(t: InstanceType): InstanceType {
  if (t.binders.length === 0) return t;
  const s = freshen(t.binders);
  return { exports: substMap(t.exports, s), binders: t.binders.map((b) => s.get(b)!) };
}
