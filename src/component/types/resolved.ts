/**
 * Resolved (index-free) component-level types: what a type index, an import, an export or an instance
 * "is" once its definition has been resolved (Explainer "Type Definitions", "Type Checking").
 *
 * Value and function types are the canonical ABI's `CType` / `CFuncType` (src/component/abi/types.ts),
 * so a resolved function type can be handed to `canonLift`/`canonLower` unchanged. Resource types are
 * `ResourceType` objects compared by identity: a `resource` definition, a `(sub resource)` import or
 * export declaration each makes a fresh one. In component and instance *types*, the resources bound by
 * `(sub resource)` declarations are listed as binders, so that a use of the type (an import, an
 * instantiation) can substitute them (universal types for imports, existential ones for exports).
 */

import type { FuncType as CoreFuncType, GlobalType, MemType, TableType } from '../../core/binary/module.js';
import type { CFuncType, CType, ResourceType } from '../abi/types.js';

// ---------------------------------------------------------------------------------------------------
// Core types

export type CoreExternType =
  | { readonly kind: 'func'; readonly type: CoreFuncType }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemType }
  | { readonly kind: 'global'; readonly type: GlobalType };

export interface CoreImportType {
  readonly module: string;
  readonly name: string;
  readonly type: CoreExternType;
}

/** core:moduletype, resolved. */
export interface CoreModuleType {
  readonly imports: readonly CoreImportType[];
  readonly exports: ReadonlyMap<string, CoreExternType>;
}

/** The type of a core instance: its exports. */
export interface CoreInstanceType {
  readonly exports: ReadonlyMap<string, CoreExternType>;
}

/** An element of the core type index space. */
export type CoreTypeDef = { readonly kind: 'func'; readonly type: CoreFuncType } | { readonly kind: 'module'; readonly type: CoreModuleType };

// ---------------------------------------------------------------------------------------------------
// Component-level types

/** An element of the (component) type index space. */
export type TypeDef =
  | { readonly kind: 'value'; readonly type: CType }
  | { readonly kind: 'func'; readonly type: CFuncType }
  | { readonly kind: 'resource'; readonly resource: ResourceType }
  | { readonly kind: 'instance'; readonly type: InstanceType }
  | { readonly kind: 'component'; readonly type: ComponentType };

/** externtype, resolved: the type of an import, an export or an instantiation argument. */
export type ExternT =
  | { readonly kind: 'core module'; readonly type: CoreModuleType }
  | { readonly kind: 'func'; readonly type: CFuncType }
  | { readonly kind: 'type'; readonly def: TypeDef }
  | { readonly kind: 'instance'; readonly type: InstanceType }
  | { readonly kind: 'component'; readonly type: ComponentType };

/** instancetype, resolved. `binders`: resources introduced by `(export ... (type (sub resource)))`. */
export interface InstanceType {
  readonly exports: ReadonlyMap<string, ExternT>;
  readonly binders: readonly ResourceType[];
}

/**
 * componenttype, resolved. `importBinders`: resources introduced by `(import ... (type (sub resource)))`
 * (universally quantified); `exportBinders`: by `(export ... (type (sub resource)))` (existential).
 */
export interface ComponentType {
  readonly imports: ReadonlyMap<string, ExternT>;
  readonly exports: ReadonlyMap<string, ExternT>;
  readonly importBinders: readonly ResourceType[];
  readonly exportBinders: readonly ResourceType[];
}

/** The sort name an ExternT is written with, for messages. */
export function externSortName(t: ExternT): string {
  return t.kind;
}
