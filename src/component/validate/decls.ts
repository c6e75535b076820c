/**
 * Type definitions that contain declarators: core module types, component types and instance types
 * (Binary.md "Type Definitions"), each validated with its own initially empty index spaces, plus
 * `defvaltype`s and resource definitions.
 */

import { ValType as CoreValType } from '../../core/binary/module.js';
import { ResourceType } from '../abi/types.js';
import type { Alias, ComponentDecl, CoreModuleDecl, CoreType, DefType } from '../binary/component.js';
import type { CoreExternType, CoreImportType, CoreModuleType, CoreTypeDef, TypeDef } from '../types/resolved.js';
import { resolveDefValType, resolveFuncType } from '../types/resolve.js';
import { at, invalid, Scope } from '../types/scope.js';
import { declareExtern, pushExtern, resolveExternType } from './externs.js';
import { applyAlias } from './aliases.js';

/** WebAssembly 2.0 memory limit in 64 KiB pages. */
const MAX_PAGES = 65536;

function coreExtern(desc: import('../binary/component.js').CoreExternDesc, types: readonly CoreTypeDef[], offset: number): CoreExternType {
  switch (desc.kind) {
    case 'func': {
      const t = at(types, desc.typeIndex, 'core type', offset);
      if (t.kind !== 'func') throw invalid(`core type index ${desc.typeIndex} is not a function type`, offset);
      return { kind: 'func', type: t.type };
    }
    case 'table':
      if (desc.type.limits.max !== undefined && desc.type.limits.max < desc.type.limits.min) throw invalid('size minimum must not be greater than maximum', offset);
      return { kind: 'table', type: desc.type };
    case 'memory': {
      const l = desc.type.limits;
      if (l.min > MAX_PAGES || (l.max !== undefined && l.max > MAX_PAGES)) throw invalid(`memory size must be at most ${MAX_PAGES} pages (4GiB)`, offset);
      if (l.max !== undefined && l.max < l.min) throw invalid('size minimum must not be greater than maximum', offset);
      return { kind: 'memory', type: desc.type };
    }
    case 'global': return { kind: 'global', type: desc.type };
  }
}

/** core:moduletype: imports, exports, local function types and outer aliases of core types. */
function resolveModuleType(decls: readonly CoreModuleDecl[], scope: Scope): CoreModuleType {
  const types: CoreTypeDef[] = [];
  const imports: CoreImportType[] = [];
  const exports = new Map<string, CoreExternType>();
  for (const d of decls) {
    switch (d.kind) {
      case 'type':
        if (d.type.kind === 'module') throw invalid('a module type cannot contain a module type', d.offset);
        types.push({ kind: 'func', type: d.type.type });
        break;
      case 'alias': {
        // Outer alias of a core type: count 0 is the module type itself, 1 the enclosing scope.
        if (d.count === 0) types.push(at(types, d.index, 'core type', d.offset));
        else types.push(at(scope.outer(d.count - 1, d.offset).coreTypes, d.index, 'core type', d.offset));
        break;
      }
      case 'import':
        if (imports.some((i) => i.module === d.module && i.name === d.name)) throw invalid(`duplicate import name \`${d.module}:${d.name}\``, d.offset);
        imports.push({ module: d.module, name: d.name, type: coreExtern(d.desc, types, d.offset) });
        break;
      case 'export':
        if (exports.has(d.name)) throw invalid(`export name \`${d.name}\` already defined`, d.offset);
        exports.set(d.name, coreExtern(d.desc, types, d.offset));
        break;
    }
  }
  return { imports, exports };
}

export function resolveCoreType(t: CoreType, scope: Scope): CoreTypeDef {
  if (t.kind === 'func') return { kind: 'func', type: t.type };
  return { kind: 'module', type: resolveModuleType(t.decls, scope) };
}

/** Declarator aliases: `export` only of instance/type sorts, `outer` only of core type/type. */
function checkDeclAlias(a: Alias, offset: number): void {
  if (a.kind === 'core export') throw invalid('core export aliases are not allowed in type declarations', offset);
  if (a.kind === 'export' && a.sort !== 'instance' && a.sort !== 'type') {
    throw invalid(`export aliases in type declarations may only refer to types or instances (found ${a.sort})`, offset);
  }
  if (a.kind === 'outer' && a.sort !== 'type' && a.sort !== 'core type') {
    throw invalid('only outer type aliases are allowed in type declarations', offset);
  }
}

function resolveDecls(decls: readonly ComponentDecl[], scope: Scope): void {
  for (const d of decls) {
    switch (d.kind) {
      case 'core type':
        scope.coreTypes.push(resolveCoreType(d.type, scope));
        break;
      case 'type':
        scope.types.push(resolveDefType(d.type, scope, d.offset));
        break;
      case 'alias':
        checkDeclAlias(d.alias, d.offset);
        applyAlias(scope, d.alias, d.offset);
        break;
      case 'import': {
        if (scope.kind === 'instance type') throw invalid('imports are not allowed in instance types', d.offset);
        const t = declareExtern(scope, 'import', d.name, resolveExternType(d.type, scope, d.name.name, d.offset, scope.importBinders), d.offset);
        pushExtern(scope, t);
        break;
      }
      case 'export': {
        const t = declareExtern(scope, 'export', d.name, resolveExternType(d.type, scope, d.name.name, d.offset, scope.exportBinders), d.offset);
        pushExtern(scope, t);
        break;
      }
    }
  }
}

/** Resolves a deftype of a type definition or declarator in `scope`. */
export function resolveDefType(t: DefType, scope: Scope, offset: number): TypeDef {
  switch (t.kind) {
    case 'func':
      return { kind: 'func', type: resolveFuncType(t, scope, offset) };
    case 'component': {
      const s = new Scope(scope, 'component type');
      resolveDecls(t.decls, s);
      return { kind: 'component', type: { imports: s.imports, exports: s.exports, importBinders: s.importBinders, exportBinders: s.exportBinders } };
    }
    case 'instance': {
      const s = new Scope(scope, 'instance type');
      resolveDecls(t.decls, s);
      return { kind: 'instance', type: { exports: s.exports, binders: s.exportBinders } };
    }
    case 'resource': {
      if (scope.kind !== 'component') throw invalid('resources can only be defined within a concrete component', offset);
      if (t.rep !== CoreValType.i32) throw invalid('resources can only be represented by `i32`', offset);
      if (t.dtor !== undefined) {
        const f = at(scope.coreFuncs, t.dtor, 'core func', offset);
        if (f.params.length !== 1 || f.params[0] !== CoreValType.i32 || f.results.length !== 0) {
          throw invalid('wrong signature for a destructor: expected [i32] -> []', offset);
        }
      }
      const r = new ResourceType('', null);
      scope.definedResources.add(r);
      return { kind: 'resource', resource: r };
    }
    default:
      return { kind: 'value', type: resolveDefValType(t, scope, offset) };
  }
}
