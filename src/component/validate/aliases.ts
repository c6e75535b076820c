/**
 * Alias definitions and declarators (Explainer "Alias Definitions"): the aliased item must exist with
 * the declared sort; outer aliases count enclosing scopes and may not carry a type that refers to
 * resources across a component boundary (resources are generative, Binary.md notes on `alias`).
 */

import type { Alias } from '../binary/component.js';
import type { ResourceType } from '../abi/types.js';
import { at, invalid, type Scope } from '../types/scope.js';
import { pushExtern, resourcesOf } from './externs.js';

export function applyAlias(scope: Scope, a: Alias, offset: number): void {
  switch (a.kind) {
    case 'export': {
      const inst = at(scope.instances, a.instanceIndex, 'instance', offset);
      const t = inst.exports.get(a.name);
      if (t === undefined) throw invalid(`instance ${a.instanceIndex} has no export named \`${a.name}\``, offset);
      if (t.kind !== a.sort) throw invalid(`export \`${a.name}\` for instance ${a.instanceIndex} is not a ${a.sort} (found ${t.kind})`, offset);
      pushExtern(scope, t);
      return;
    }
    case 'core export': {
      const inst = at(scope.coreInstances, a.instanceIndex, 'core instance', offset);
      const t = inst.exports.get(a.name);
      if (t === undefined) throw invalid(`core instance ${a.instanceIndex} has no export named \`${a.name}\``, offset);
      if (`core ${t.kind}` !== a.sort) throw invalid(`export \`${a.name}\` for core instance ${a.instanceIndex} is not a ${a.sort} (found core ${t.kind})`, offset);
      switch (t.kind) {
        case 'func': scope.coreFuncs.push(t.type); break;
        case 'table': scope.coreTables.push(t.type); break;
        case 'memory': scope.coreMemories.push(t.type); break;
        case 'global': scope.coreGlobals.push(t.type); break;
      }
      return;
    }
    case 'outer': {
      const target = scope.outer(a.count, offset);
      let crossesComponent = false;
      for (let s: Scope | undefined = scope, i = 0; i < a.count && s !== undefined; i++, s = s.parent) {
        if (s.kind === 'component') crossesComponent = true;
      }
      switch (a.sort) {
        case 'core module':
          scope.coreModules.push(at(target.coreModules, a.index, 'module', offset));
          return;
        case 'core type':
          scope.coreTypes.push(at(target.coreTypes, a.index, 'core type', offset));
          return;
        case 'component':
          scope.components.push(at(target.components, a.index, 'component', offset));
          return;
        case 'type': {
          const d = at(target.types, a.index, 'type', offset);
          if (crossesComponent) {
            const rs = new Set<ResourceType>();
            resourcesOf(d, rs);
            if (rs.size > 0) throw invalid('cannot alias outer type which transitively refers to resources not defined in the current component', offset);
          }
          scope.types.push(d);
          return;
        }
      }
    }
  }
}

export { pushExtern };
