/**
 * Type equality and subtyping of resolved types (Explainer "Type Checking"): value and function types
 * are compared structurally (resources by identity); module, instance and component types by name,
 * a subtype exporting more and importing less. Core extern types follow the core's import matching
 * (WebAssembly 2.0 section 4.5.2, "Import Subtyping").
 *
 * Each check returns `undefined` when it holds, else a reason for the error message.
 */

import type { FuncType as CoreFuncType, SizeLimits } from '../../core/binary/module.js';
import type { CFuncType, CType, ResourceType } from '../abi/types.js';
import type { ComponentType, CoreExternType, CoreModuleType, ExternT, InstanceType, TypeDef } from './resolved.js';
import { canonicalResource, substExtern, substResource, type Subst } from './substitute.js';

// ---------------------------------------------------------------------------------------------------
// Core

function coreFuncTypeEqual(a: CoreFuncType, b: CoreFuncType): boolean {
  return a.params.length === b.params.length && a.results.length === b.results.length &&
    a.params.every((t, i) => t === b.params[i]) && a.results.every((t, i) => t === b.results[i]);
}

function limitsMatch(a: SizeLimits, b: SizeLimits): boolean {
  if (a.min < b.min) return false;
  if (b.max === undefined) return true;
  return a.max !== undefined && a.max <= b.max;
}

export function coreExternSubtype(a: CoreExternType, b: CoreExternType): string | undefined {
  if (a.kind !== b.kind) return `expected ${b.kind}, found ${a.kind}`;
  switch (a.kind) {
    case 'func':
      return coreFuncTypeEqual(a.type, (b as typeof a).type) ? undefined : 'type mismatch in function';
    case 'table': {
      const bt = (b as typeof a).type;
      if (a.type.elemType !== bt.elemType) return 'type mismatch in table element type';
      return limitsMatch(a.type.limits, bt.limits) ? undefined : 'mismatch in table limits';
    }
    case 'memory':
      return limitsMatch(a.type.limits, (b as typeof a).type.limits) ? undefined : 'mismatch in memory limits';
    case 'global': {
      const bt = (b as typeof a).type;
      return a.type.valType === bt.valType && a.type.mutable === bt.mutable ? undefined : 'type mismatch in global';
    }
  }
}

/** Module subtyping: the subtype imports less and exports more. */
export function coreModuleSubtype(a: CoreModuleType, b: CoreModuleType): string | undefined {
  for (const imp of a.imports) {
    const other = b.imports.find((x) => x.module === imp.module && x.name === imp.name);
    if (other === undefined) return `module type mismatch: unexpected import \`${imp.module}::${imp.name}\``;
    const r = coreExternSubtype(other.type, imp.type);
    if (r !== undefined) return `module type mismatch in import \`${imp.module}::${imp.name}\`: ${r}`;
  }
  for (const [name, t] of b.exports) {
    const mine = a.exports.get(name);
    if (mine === undefined) return `module type mismatch: missing export \`${name}\``;
    const r = coreExternSubtype(mine, t);
    if (r !== undefined) return `module type mismatch in export \`${name}\`: ${r}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Values and functions

/** Structural equality of value types; `s` maps resources of `b` before comparing. */
export function valTypeEqual(a: CType, b: CType, s: Subst): boolean {
  if (a === b && s.size === 0) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'own':
    case 'borrow':
      return canonicalResource(a.resource) === canonicalResource(substResource((b as typeof a).resource, s));
    case 'list':
      return valTypeEqual(a.elem, (b as typeof a).elem, s);
    case 'option':
      return valTypeEqual(a.type, (b as typeof a).type, s);
    case 'record': {
      const bf = (b as typeof a).fields;
      return a.fields.length === bf.length && a.fields.every((f, i) => f.name === bf[i]!.name && valTypeEqual(f.type, bf[i]!.type, s));
    }
    case 'tuple': {
      const bt = (b as typeof a).types;
      return a.types.length === bt.length && a.types.every((t, i) => valTypeEqual(t, bt[i]!, s));
    }
    case 'variant': {
      const bc = (b as typeof a).cases;
      return a.cases.length === bc.length && a.cases.every((c, i) => {
        const d = bc[i]!;
        if (c.name !== d.name) return false;
        if (c.type === undefined || d.type === undefined) return c.type === d.type;
        return valTypeEqual(c.type, d.type, s);
      });
    }
    case 'enum':
    case 'flags': {
      const bn = (b as typeof a).names;
      return a.names.length === bn.length && a.names.every((n, i) => n === bn[i]);
    }
    case 'result': {
      const bb = b as typeof a;
      return optEqual(a.ok, bb.ok, s) && optEqual(a.err, bb.err, s);
    }
    default:
      return true;
  }
}

function optEqual(a: CType | undefined, b: CType | undefined, s: Subst): boolean {
  if (a === undefined || b === undefined) return a === b;
  return valTypeEqual(a, b, s);
}

export function funcTypeEqual(a: CFuncType, b: CFuncType, s: Subst): string | undefined {
  if (a.params.length !== b.params.length) return `expected ${b.params.length} parameters, found ${a.params.length}`;
  for (let i = 0; i < a.params.length; i++) {
    const pa = a.params[i]!;
    const pb = b.params[i]!;
    if (pa.name !== pb.name) return `expected parameter named \`${pb.name}\`, found \`${pa.name}\``;
    if (!valTypeEqual(pa.type, pb.type, s)) return `type mismatch in function parameter \`${pa.name}\``;
  }
  if (a.result === undefined && b.result !== undefined) return 'expected a result, found none';
  if (a.result !== undefined && b.result === undefined) return 'expected no result, found one';
  if (a.result !== undefined && !valTypeEqual(a.result, b.result!, s)) return 'type mismatch with result type';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Extern types

function typeDefSubtype(a: TypeDef, b: TypeDef, s: Map<ResourceType, ResourceType>): string | undefined {
  if (a.kind !== b.kind) return `expected ${b.kind} type, found ${a.kind} type`;
  switch (a.kind) {
    case 'value':
      return valTypeEqual(a.type, (b as typeof a).type, s) ? undefined : 'type mismatch';
    case 'func':
      return funcTypeEqual(a.type, (b as typeof a).type, s);
    case 'resource':
      return canonicalResource(a.resource) === canonicalResource(substResource((b as typeof a).resource, s)) ? undefined : 'resource types are not the same';
    case 'instance':
      return instanceSubtype(a.type, (b as typeof a).type, s);
    case 'component':
      return componentSubtype(a.type, (b as typeof a).type, s);
  }
}

/**
 * `a` <: `b`, where `b` may mention binders whose instantiation `s` records; a `(sub resource)` type
 * export/import of `b` not yet bound is bound to the matching resource of `a` (type-checking a use of a
 * type with abstract resources substitutes them, Explainer "Type Checking").
 */
export function externSubtype(a: ExternT, b: ExternT, s: Map<ResourceType, ResourceType>, binders: ReadonlySet<ResourceType>): string | undefined {
  if (a.kind !== b.kind) return `expected ${b.kind}, found ${a.kind}`;
  if (b.kind === 'type' && b.def.kind === 'resource') {
    const binder = canonicalResource(b.def.resource);
    if (binders.has(binder) && !s.has(binder)) {
      const ad = (a as typeof b).def;
      if (ad.kind !== 'resource') return `expected resource, found ${ad.kind} type`;
      s.set(binder, canonicalResource(ad.resource));
      return undefined;
    }
  }
  switch (a.kind) {
    case 'core module':
      return coreModuleSubtype(a.type, (b as typeof a).type);
    case 'func':
      return funcTypeEqual(a.type, (b as typeof a).type, s);
    case 'type':
      return typeDefSubtype(a.def, (b as typeof a).def, s);
    case 'instance':
      return instanceSubtype(a.type, (b as typeof a).type, s);
    case 'component':
      return componentSubtype(a.type, (b as typeof a).type, s);
  }
}

export function instanceSubtype(a: InstanceType, b: InstanceType, outer: Map<ResourceType, ResourceType>): string | undefined {
  const s = new Map(outer);
  const binders = new Set(b.binders);
  for (const [name, bt] of b.exports) {
    const at = a.exports.get(name);
    if (at === undefined) return `type mismatch in instance export \`${name}\`: missing export`;
    const r = externSubtype(at, bt, s, binders);
    if (r !== undefined) return `type mismatch in instance export \`${name}\`: ${r}`;
  }
  // The argument fixes the instance type's abstract resources for the rest of the check: a later
  // import of the same component may name them through an outer alias (linking/unit.wast:800).
  for (const b of binders) {
    const r = s.get(b);
    if (r !== undefined) outer.set(b, r);
  }
  return undefined;
}

/** Component subtyping: `a` imports less (contravariant) and exports more (covariant) than `b`. */
export function componentSubtype(a: ComponentType, b: ComponentType, outer: Map<ResourceType, ResourceType>): string | undefined {
  // Imports: `b`'s import must be a subtype of `a`'s; `a`'s import binders take `b`'s resources.
  const sa = new Map<ResourceType, ResourceType>();
  const aBinders = new Set(a.importBinders);
  for (const [name, at] of a.imports) {
    const bt = b.imports.get(name);
    if (bt === undefined) return `type mismatch in import \`${name}\`: missing import`;
    const r = externSubtype(substExtern(bt, outer), at, sa, aBinders);
    if (r !== undefined) return `type mismatch in import \`${name}\`: ${r}`;
  }
  const s = new Map(outer);
  const bBinders = new Set(b.exportBinders);
  for (const [name, bt] of b.exports) {
    const at = a.exports.get(name);
    if (at === undefined) return `type mismatch in export \`${name}\`: missing export`;
    const r = externSubtype(substExtern(at, sa), bt, s, bBinders);
    if (r !== undefined) return `type mismatch in export \`${name}\`: ${r}`;
  }
  return undefined;
}
