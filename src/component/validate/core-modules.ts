/**
 * Core modules embedded in a component: decoded and validated by the core's `load()` (DESIGN.md
 * invariant 1), and described by their module type (imports and exports with their core types).
 * The validated module is kept per definition so that instantiation does not validate it again.
 */

import { load } from '../../core/index.js';
import type { GlobalType, MemType, TableType } from '../../core/binary/module.js';
import type { ValidatedModule } from '../../core/validate/compiled.js';
import type { CoreExternType, CoreImportType, CoreModuleType } from '../types/resolved.js';

const validated = new WeakMap<Uint8Array, ValidatedModule>();

/** The validated module of a `core module` definition's bytes (validated once). */
export function loadCoreModule(bytes: Uint8Array): ValidatedModule {
  let vm = validated.get(bytes);
  if (vm === undefined) {
    vm = load(bytes);
    validated.set(bytes, vm);
  }
  return vm;
}

export function coreModuleTypeOf(vm: ValidatedModule): CoreModuleType {
  const m = vm.module;
  const tables: TableType[] = [];
  const mems: MemType[] = [];
  const globals: GlobalType[] = [];
  const imports: CoreImportType[] = [];
  for (const i of m.imports) {
    let t: CoreExternType;
    switch (i.desc.kind) {
      case 'func': t = { kind: 'func', type: m.types[i.desc.typeIndex]! }; break;
      case 'table': t = { kind: 'table', type: i.desc.type }; tables.push(i.desc.type); break;
      case 'memory': t = { kind: 'memory', type: i.desc.type }; mems.push(i.desc.type); break;
      case 'global': t = { kind: 'global', type: i.desc.type }; globals.push(i.desc.type); break;
    }
    imports.push({ module: i.module, name: i.name, type: t });
  }
  tables.push(...m.tables);
  mems.push(...m.memories);
  globals.push(...m.globals.map((g) => g.type));
  const exports = new Map<string, CoreExternType>();
  for (const e of m.exports) {
    switch (e.kind) {
      case 'func': exports.set(e.name, { kind: 'func', type: vm.funcTypes[e.index]! }); break;
      case 'table': exports.set(e.name, { kind: 'table', type: tables[e.index]! }); break;
      case 'memory': exports.set(e.name, { kind: 'memory', type: mems[e.index]! }); break;
      case 'global': exports.set(e.name, { kind: 'global', type: globals[e.index]! }); break;
    }
  }
  return { imports, exports };
}
