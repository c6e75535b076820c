/**
 * Instantiation of a validated component (Explainer "Instance Definitions", "Alias Definitions",
 * "Canonical Definitions", "Start Definitions"): the definitions are evaluated in order, filling the
 * run-time index spaces. Core instances are made by the core store's `instantiate`; `canon lift` makes
 * a component function calling `canonLift`; `canon lower` and the resource built-ins make core host
 * functions of the store; each `resource` definition evaluated makes a fresh run-time ResourceType;
 * nested components are instantiated with their arguments and get their own ABI instance.
 *
 * The component must have been validated (`validateComponent`): indices, sorts and types are not
 * checked again here, except what the arguments supplied from outside must satisfy (LinkError).
 */

import { LinkError } from '../../core/errors.js';
import type { Store } from '../../core/exec/store.js';
import type { ExternVal, Imports } from '../../core/exec/values.js';
import { AbiInstance } from '../abi/instance.js';
import {
  canonLift, canonLower, canonResourceDrop, canonResourceNew, canonResourceRep, coreDestructor,
  RESOURCE_DROP_TYPE, RESOURCE_NEW_TYPE, RESOURCE_REP_TYPE,
} from '../abi/canon.js';
import { flattenFuncType } from '../abi/layout.js';
import { ResourceType, type CanonContext, type CanonOptions, type CFuncType, type StringEncoding } from '../abi/types.js';
import type { Alias, Canon, CanonOpt, Component, CoreInstanceExpr, Definition, DefType, InstanceExpr, SortIdx } from '../binary/component.js';
import type { TypeDef } from '../types/resolved.js';
import { resolveDefValType, resolveFuncType } from '../types/resolve.js';
import { loadCoreModule } from '../validate/core-modules.js';
import { rt, RtScope, type RtExtern, type RtFunc, type RtInstance } from './runtime.js';

/** Placeholder for component/instance/core types at run time: nothing at run time depends on them. */
const NO_TYPE_INSTANCE: TypeDef = { kind: 'instance', type: { exports: new Map(), binders: [] } };
const NO_TYPE_COMPONENT: TypeDef = { kind: 'component', type: { imports: new Map(), exports: new Map(), importBinders: [], exportBinders: [] } };

/** Instantiates `c` in `store` with the given arguments; `outer` is the scope of its definition. */
export function instantiateIn(
  store: Store,
  c: Component,
  args: ReadonlyMap<string, RtExtern>,
  outer: RtScope | undefined,
  parentAbi: AbiInstance | null,
  name: string,
): RtInstance {
  const scope = new RtScope(outer, new AbiInstance(parentAbi, name));
  for (const d of c.definitions) evaluate(store, scope, d, args);
  return { exports: scope.exports };
}

function push(scope: RtScope, x: RtExtern): void {
  switch (x.kind) {
    case 'func': scope.funcs.push(x.func); break;
    case 'type': scope.types.push(x.def); break;
    case 'instance': scope.instances.push(x.instance); break;
    case 'component': scope.components.push(x.component); break;
    case 'core module': scope.coreModules.push(x.module); break;
  }
}

function sortItem(scope: RtScope, s: SortIdx): RtExtern {
  switch (s.sort) {
    case 'func': return { kind: 'func', func: rt(scope.funcs, s.index, 'func') };
    case 'type': return { kind: 'type', def: rt(scope.types, s.index, 'type') };
    case 'instance': return { kind: 'instance', instance: rt(scope.instances, s.index, 'instance') };
    case 'component': return { kind: 'component', component: rt(scope.components, s.index, 'component') };
    case 'core module': return { kind: 'core module', module: rt(scope.coreModules, s.index, 'module') };
    default: throw new LinkError(`cannot use a ${s.sort} here`, '', '');
  }
}

function evaluate(store: Store, scope: RtScope, d: Definition, args: ReadonlyMap<string, RtExtern>): void {
  switch (d.kind) {
    case 'core module':
      scope.coreModules.push(loadCoreModule(d.bytes));
      return;
    case 'core instance':
      scope.coreInstances.push(coreInstance(store, scope, d.instance));
      return;
    case 'core type':
      scope.coreTypes.push(null);
      return;
    case 'component':
      scope.components.push({ component: d.component, outer: scope });
      return;
    case 'instance':
      scope.instances.push(instance(store, scope, d.instance));
      return;
    case 'alias':
      alias(scope, d.alias);
      return;
    case 'type':
      scope.types.push(typeDef(store, scope, d.type, d.offset));
      return;
    case 'canon':
      canon(store, scope, d.canon);
      return;
    case 'start':
      rt(scope.funcs, d.start.funcIndex, 'func').call([], null);
      return;
    case 'import': {
      const name = d.import.name.name;
      const a = args.get(name);
      if (a === undefined) throw new LinkError('missing import', name, '');
      if (a.kind !== d.import.type.kind) throw new LinkError(`expected ${d.import.type.kind}, found ${a.kind}`, name, '');
      push(scope, a);
      return;
    }
    case 'export': {
      const x = sortItem(scope, d.export.sortIdx);
      scope.exports.set(d.export.name.name, x);
      push(scope, x);
      return;
    }
  }
}

function coreInstance(store: Store, scope: RtScope, e: CoreInstanceExpr): ReadonlyMap<string, ExternVal> {
  if (e.kind === 'exports') {
    const m = new Map<string, ExternVal>();
    for (const x of e.exports) {
      const i = x.sortIdx.index;
      switch (x.sortIdx.sort) {
        case 'func': m.set(x.name, rt(scope.coreFuncs, i, 'core func')); break;
        case 'table': m.set(x.name, rt(scope.coreTables, i, 'table')); break;
        case 'memory': m.set(x.name, rt(scope.coreMemories, i, 'memory')); break;
        case 'global': m.set(x.name, rt(scope.coreGlobals, i, 'global')); break;
        default: throw new LinkError(`core instance export of sort ${x.sortIdx.sort}`, x.name, '');
      }
    }
    return m;
  }
  const module = rt(scope.coreModules, e.moduleIndex, 'module');
  const imports: Record<string, Record<string, ExternVal>> = {};
  for (const a of e.args) imports[a.name] = Object.fromEntries(rt(scope.coreInstances, a.instanceIndex, 'core instance'));
  return store.instantiate(module, imports as Imports).exports;
}

function instance(store: Store, scope: RtScope, e: InstanceExpr): RtInstance {
  if (e.kind === 'exports') {
    const m = new Map<string, RtExtern>();
    for (const x of e.exports) m.set(x.name.name, sortItem(scope, x.sortIdx));
    return { exports: m };
  }
  const def = rt(scope.components, e.componentIndex, 'component');
  const args = new Map<string, RtExtern>();
  for (const a of e.args) args.set(a.name, sortItem(scope, a.sortIdx));
  return instantiateIn(store, def.component, args, def.outer, scope.abi, `${scope.abi.name}/${scope.instances.length}`);
}

function alias(scope: RtScope, a: Alias): void {
  switch (a.kind) {
    case 'export': {
      const x = rt(scope.instances, a.instanceIndex, 'instance').exports.get(a.name);
      if (x === undefined) throw new LinkError('instance has no such export', a.name, '');
      push(scope, x);
      return;
    }
    case 'core export': {
      const x = rt(scope.coreInstances, a.instanceIndex, 'core instance').get(a.name);
      if (x === undefined) throw new LinkError('core instance has no such export', a.name, '');
      switch (x.kind) {
        case 'func': scope.coreFuncs.push(x); break;
        case 'table': scope.coreTables.push(x); break;
        case 'memory': scope.coreMemories.push(x); break;
        case 'global': scope.coreGlobals.push(x); break;
      }
      return;
    }
    case 'outer': {
      const t = scope.outer(a.count);
      switch (a.sort) {
        case 'core module': scope.coreModules.push(rt(t.coreModules, a.index, 'module')); return;
        case 'core type': scope.coreTypes.push(null); return;
        case 'type': scope.types.push(rt(t.types, a.index, 'type')); return;
        case 'component': scope.components.push(rt(t.components, a.index, 'component')); return;
      }
    }
  }
}

function typeDef(store: Store, scope: RtScope, t: DefType, offset: number): TypeDef {
  switch (t.kind) {
    case 'func': return { kind: 'func', type: resolveFuncType(t, scope, offset) };
    case 'component': return NO_TYPE_COMPONENT;
    case 'instance': return NO_TYPE_INSTANCE;
    case 'resource': {
      const dtor = t.dtor === undefined ? undefined : coreDestructor(store, rt(scope.coreFuncs, t.dtor, 'core func'));
      return { kind: 'resource', resource: new ResourceType(`resource ${scope.types.length}`, scope.abi, dtor) };
    }
    default: return { kind: 'value', type: resolveDefValType(t, scope, offset) };
  }
}

function canonContext(store: Store, scope: RtScope, opts: readonly CanonOpt[]): CanonContext {
  let stringEncoding: StringEncoding = 'utf8';
  let memory: ExternVal | undefined;
  let realloc: ExternVal | undefined;
  let postReturn: ExternVal | undefined;
  for (const o of opts) {
    switch (o.kind) {
      case 'string-encoding': stringEncoding = o.encoding; break;
      case 'memory': memory = rt(scope.coreMemories, o.index, 'memory'); break;
      case 'realloc': realloc = rt(scope.coreFuncs, o.index, 'core func'); break;
      case 'post-return': postReturn = rt(scope.coreFuncs, o.index, 'core func'); break;
      default: break;
    }
  }
  const options: CanonOptions = {
    stringEncoding,
    ...(memory !== undefined ? { memory } : {}),
    ...(realloc !== undefined ? { realloc } : {}),
    ...(postReturn !== undefined ? { postReturn } : {}),
  };
  return { core: store, opts: options, inst: scope.abi };
}

function resourceOf(scope: RtScope, typeIndex: number): ResourceType {
  const d = rt(scope.types, typeIndex, 'type');
  if (d.kind !== 'resource') throw new LinkError(`type ${typeIndex} is not a resource type`, '', '');
  return d.resource;
}

function canon(store: Store, scope: RtScope, c: Canon): void {
  switch (c.kind) {
    case 'lift': {
      const callee = rt(scope.coreFuncs, c.coreFuncIndex, 'core func');
      const d = rt(scope.types, c.typeIndex, 'type');
      if (d.kind !== 'func') throw new LinkError(`type ${c.typeIndex} is not a function type`, '', '');
      const ft: CFuncType = d.type;
      const cx = canonContext(store, scope, c.options);
      const f: RtFunc = { type: ft, call: (args, caller) => canonLift(cx, callee, ft, args, caller) };
      scope.funcs.push(f);
      return;
    }
    case 'lower': {
      const f = rt(scope.funcs, c.funcIndex, 'func');
      const cx = canonContext(store, scope, c.options);
      scope.coreFuncs.push(store.hostFunc(flattenFuncType(f.type, 'lower'), canonLower(cx, f.call, f.type)));
      return;
    }
    case 'resource.new':
      scope.coreFuncs.push(store.hostFunc(RESOURCE_NEW_TYPE, canonResourceNew(scope.abi, resourceOf(scope, c.typeIndex))));
      return;
    case 'resource.drop':
      scope.coreFuncs.push(store.hostFunc(RESOURCE_DROP_TYPE, canonResourceDrop(scope.abi, resourceOf(scope, c.typeIndex))));
      return;
    case 'resource.rep':
      scope.coreFuncs.push(store.hostFunc(RESOURCE_REP_TYPE, canonResourceRep(scope.abi, resourceOf(scope, c.typeIndex))));
      return;
    default:
      throw new LinkError(`unsupported canonical built-in ${c.kind}`, '', '');
  }
}
