/**
 * The index spaces of one component, component type or instance type during validation (Explainer
 * "Index Spaces"): one array per sort, each element the resolved type of that index. Outer aliases
 * reach the enclosing scopes through `parent`.
 */

import type { FuncType as CoreFuncType, GlobalType, MemType, TableType } from '../../core/binary/module.js';
import { ValidationError } from '../../core/errors.js';
import type { CFuncType, ResourceType } from '../abi/types.js';
import type { ComponentType, CoreInstanceType, CoreModuleType, CoreTypeDef, ExternT, InstanceType, TypeDef } from './resolved.js';

export class Scope {
  readonly coreFuncs: CoreFuncType[] = [];
  readonly coreTables: TableType[] = [];
  readonly coreMemories: MemType[] = [];
  readonly coreGlobals: GlobalType[] = [];
  readonly coreTypes: CoreTypeDef[] = [];
  readonly coreModules: CoreModuleType[] = [];
  readonly coreInstances: CoreInstanceType[] = [];
  readonly funcs: CFuncType[] = [];
  readonly types: TypeDef[] = [];
  readonly components: ComponentType[] = [];
  readonly instances: InstanceType[] = [];

  /** Resources defined by `(type (resource ...))` in this component (resource.new/rep need one). */
  readonly definedResources = new Set<ResourceType>();
  /** Imports and exports of this component / component type / instance type, in order. */
  readonly imports = new Map<string, ExternT>();
  readonly exports = new Map<string, ExternT>();
  readonly importBinders: ResourceType[] = [];
  readonly exportBinders: ResourceType[] = [];
  /** Resources that have an externally visible name (imported or exported), Explainer "External Visibility". */
  readonly namedResources = new Set<ResourceType>();
  /**
   * Type identities (resource alias objects and record/variant/enum/flags CType objects) named by an
   * import (usable by imports and exports) or by an export (usable by exports only).
   */
  readonly importNamed = new Set<object>();
  readonly exportNamed = new Set<object>();
  /** Resource names of this scope's imports/exports, for `[constructor]` / `[method]` / `[static]` names. */
  readonly importResourceNames = new Map<string, ResourceType>();
  readonly exportResourceNames = new Map<string, ResourceType>();

  constructor(
    readonly parent: Scope | undefined,
    /** 'component' for a component definition; the type scopes restrict what may be declared. */
    readonly kind: 'component' | 'component type' | 'instance type' | 'module type',
  ) {}

  /** The scope `count` levels out (0 = this one). */
  outer(count: number, offset: number): Scope {
    let s: Scope = this;
    for (let i = 0; i < count; i++) {
      if (s.parent === undefined) throw new ValidationError(`invalid outer alias count of ${count}`, -1, -1, offset);
      s = s.parent;
    }
    return s;
  }
}

/** Element `i` of an index space, or a ValidationError naming the sort. */
export function at<T>(space: readonly T[], i: number, sort: string, offset: number): T {
  const v = i < space.length ? space[i] : undefined;
  if (v === undefined) throw new ValidationError(`unknown ${sort} ${i}: ${sort} index out of bounds`, -1, -1, offset);
  return v;
}

export function invalid(reason: string, offset: number): ValidationError {
  return new ValidationError(reason, -1, -1, offset);
}
