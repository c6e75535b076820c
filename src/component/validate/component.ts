/**
 * Validation of a decoded component (Explainer "Component Definitions" .. "Import and Export
 * Definitions", Binary.md notes): builds the index spaces definition by definition, checking every
 * index, sort, name and type on the way, and returns the component's type (its imports and exports).
 *
 * Every failure is a `ValidationError` (or the core's DecodeError/ValidationError for an embedded
 * core module) carrying the byte offset of the offending definition.
 */

import type { ResourceType } from '../abi/types.js';
import type { Component, CoreInstanceExpr, Definition, Export, InstanceExpr } from '../binary/component.js';
import type { ComponentType, CoreExternType, CoreInstanceType, ExternT, InstanceType } from '../types/resolved.js';
import { at, invalid, Scope } from '../types/scope.js';
import { canonicalResource, freshen, substExtern } from '../types/substitute.js';
import { coreExternSubtype, externSubtype } from '../types/subtype.js';
import { applyAlias } from './aliases.js';
import { validateCanon } from './canon.js';
import { coreModuleTypeOf, loadCoreModule } from './core-modules.js';
import { resolveCoreType, resolveDefType } from './decls.js';
import { declareExtern, externOf, pushExtern, resolveExternType } from './externs.js';

/** Validates a component; returns its type. */
export function validateComponent(c: Component): ComponentType {
  return validateIn(c, undefined);
}

function validateIn(c: Component, parent: Scope | undefined): ComponentType {
  const scope = new Scope(parent, 'component');
  for (const d of c.definitions) validateDefinition(d, scope);
  return { imports: scope.imports, exports: scope.exports, importBinders: scope.importBinders, exportBinders: scope.exportBinders };
}

function validateDefinition(d: Definition, scope: Scope): void {
  switch (d.kind) {
    case 'core module': {
      const mt = coreModuleTypeOf(loadCoreModule(d.bytes));
      // Two-level names mangle to one level in components: duplicate core imports are forbidden.
      const seen = new Set<string>();
      for (const i of mt.imports) {
        const key = `${i.module}:${i.name}`;
        if (seen.has(key)) throw invalid(`duplicate import name \`${key}\``, d.offset);
        seen.add(key);
      }
      scope.coreModules.push(mt);
      return;
    }
    case 'core instance':
      scope.coreInstances.push(coreInstance(d.instance, scope, d.offset));
      return;
    case 'core type':
      scope.coreTypes.push(resolveCoreType(d.type, scope));
      return;
    case 'component':
      scope.components.push(validateIn(d.component, scope));
      return;
    case 'instance':
      scope.instances.push(instance(d.instance, scope, d.offset));
      return;
    case 'alias':
      applyAlias(scope, d.alias, d.offset);
      return;
    case 'type':
      scope.types.push(resolveDefType(d.type, scope, d.offset));
      return;
    case 'canon':
      validateCanon(d.canon, scope, d.offset);
      return;
    case 'start': {
      const ft = at(scope.funcs, d.start.funcIndex, 'func', d.offset);
      if (d.start.args.length !== 0 || d.start.results !== 0 || ft.params.length !== 0 || ft.result !== undefined) {
        throw invalid('unsupported start function with arguments or results (value definitions are not supported)', d.offset);
      }
      return;
    }
    case 'import': {
      const t = declareExtern(scope, 'import', d.import.name, resolveExternType(d.import.type, scope, d.import.name.name, d.offset, scope.importBinders), d.offset);
      for (const r of ownResources(t)) scope.namedResources.add(canonicalResource(r));
      pushExtern(scope, t);
      return;
    }
    case 'export':
      exportDef(d.export, scope, d.offset);
      return;
  }
}

/** The resources an import or export makes externally visible: a resource type, or an instance's exported ones. */
function ownResources(t: ExternT): ResourceType[] {
  if (t.kind === 'type' && t.def.kind === 'resource') return [t.def.resource];
  if (t.kind === 'instance') {
    const out: ResourceType[] = [];
    for (const x of t.type.exports.values()) out.push(...ownResources(x));
    return out;
  }
  return [];
}

function coreInstance(e: CoreInstanceExpr, scope: Scope, offset: number): CoreInstanceType {
  if (e.kind === 'exports') {
    const exports = new Map<string, CoreExternType>();
    for (const x of e.exports) {
      if (exports.has(x.name)) throw invalid(`export name \`${x.name}\` already defined`, offset);
      let t: CoreExternType;
      switch (x.sortIdx.sort) {
        case 'func': t = { kind: 'func', type: at(scope.coreFuncs, x.sortIdx.index, 'core func', offset) }; break;
        case 'table': t = { kind: 'table', type: at(scope.coreTables, x.sortIdx.index, 'table', offset) }; break;
        case 'memory': t = { kind: 'memory', type: at(scope.coreMemories, x.sortIdx.index, 'memory', offset) }; break;
        case 'global': t = { kind: 'global', type: at(scope.coreGlobals, x.sortIdx.index, 'global', offset) }; break;
        default: throw invalid(`core instance export of sort ${x.sortIdx.sort} is not supported`, offset);
      }
      exports.set(x.name, t);
    }
    return { exports };
  }
  const m = at(scope.coreModules, e.moduleIndex, 'module', offset);
  const args = new Map<string, CoreInstanceType>();
  for (const a of e.args) {
    if (args.has(a.name)) throw invalid(`duplicate module instantiation argument named \`${a.name}\``, offset);
    args.set(a.name, at(scope.coreInstances, a.instanceIndex, 'core instance', offset));
  }
  for (const imp of m.imports) {
    const inst = args.get(imp.module);
    if (inst === undefined) throw invalid(`module instantiation argument \`${imp.module}\` not found`, offset);
    const t = inst.exports.get(imp.name);
    if (t === undefined) throw invalid(`module instantiation argument \`${imp.module}\` does not export an item named \`${imp.name}\``, offset);
    const r = coreExternSubtype(t, imp.type);
    if (r !== undefined) throw invalid(`type mismatch for export \`${imp.name}\` of module instantiation argument \`${imp.module}\`: ${r}`, offset);
  }
  return { exports: m.exports };
}

function instance(e: InstanceExpr, scope: Scope, offset: number): InstanceType {
  if (e.kind === 'exports') {
    // A bag of exports is checked like the exports of an instance type (names, annotated names).
    const bag = new Scope(scope, 'instance type');
    for (const x of e.exports) declareExtern(bag, 'export', x.name, externOf(scope, x.sortIdx, offset), offset);
    return { exports: bag.exports, binders: [] };
  }
  const c = at(scope.components, e.componentIndex, 'component', offset);
  const args = new Map<string, ExternT>();
  for (const a of e.args) {
    if (args.has(a.name)) throw invalid(`instantiation argument \`${a.name}\` conflicts with previous argument \`${a.name}\``, offset);
    args.set(a.name, externOf(scope, a.sortIdx, offset));
  }
  const s = new Map<ResourceType, ResourceType>();
  const binders = new Set(c.importBinders);
  for (const [name, expected] of c.imports) {
    const arg = args.get(name);
    if (arg === undefined) throw invalid(`missing import named \`${name}\``, offset);
    const r = externSubtype(arg, expected, s, binders);
    if (r !== undefined) throw invalid(`type mismatch for component instantiation argument \`${name}\`: ${r}`, offset);
    bindNamedValueType(scope, arg, expected);
  }
  // The instance's own resources are fresh (existential) per instantiation.
  freshen(c.exportBinders, s);
  const exports = new Map<string, ExternT>();
  for (const [name, t] of c.exports) exports.set(name, substExtern(t, s));
  return { exports, binders: [] };
}

/**
 * External visibility threads through instantiation: a named value type (record, variant, enum, flags)
 * the child imports is, in this scope, named wherever the type supplied for it is named, so the
 * child's exports that use it may be re-exported (validation/external-visibility.wast:475).
 */
function bindNamedValueType(scope: Scope, arg: ExternT, expected: ExternT): void {
  if (arg.kind !== 'type' || expected.kind !== 'type' || arg.def.kind !== 'value' || expected.def.kind !== 'value') return;
  const supplied = arg.def.type;
  const child = expected.def.type;
  if (scope.importNamed.has(supplied)) scope.importNamed.add(child);
  if (scope.exportNamed.has(supplied)) scope.exportNamed.add(child);
}

function exportDef(x: Export, scope: Scope, offset: number): void {
  let t = externOf(scope, x.sortIdx, offset);
  if (x.type !== undefined) {
    const binders: ResourceType[] = [];
    const ascribed = resolveExternType(x.type, scope, x.name.name, offset, binders);
    const s = new Map<ResourceType, ResourceType>();
    const r = externSubtype(t, ascribed, s, new Set(binders));
    if (r !== undefined) throw invalid(`type mismatch in export \`${x.name.name}\`: ascribed type is not a supertype: ${r}`, offset);
    // An ascribed `(sub resource)` hides the resource's identity: the export is a new abstract type.
    if (ascribed.kind === 'type' && ascribed.def.kind === 'resource' && binders.includes(ascribed.def.resource)) {
      scope.exportBinders.push(ascribed.def.resource);
      t = ascribed;
    } else {
      t = substExtern(ascribed, s);
    }
  }
  t = declareExtern(scope, 'export', x.name, t, offset);
  // A resource exported here that no import introduced is abstract (existential) in the component's type.
  for (const r of ownResources(t)) {
    const c = canonicalResource(r);
    if (!scope.namedResources.has(c) && !scope.exportBinders.includes(c)) scope.exportBinders.push(c);
  }
  pushExtern(scope, t);
}
