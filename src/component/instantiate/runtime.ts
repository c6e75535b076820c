/**
 * Run-time values of the component index spaces (Explainer "Index Spaces", at instantiation):
 * component functions, resolved types (with run-time resource types), component definitions closed
 * over their enclosing instance, instances, and core items (the core store's ExternVals).
 */

import { ValidationError } from '../../core/errors.js';
import type { ExternVal } from '../../core/exec/values.js';
import type { ValidatedModule } from '../../core/validate/compiled.js';
import type { AbiInstance } from '../abi/instance.js';
import type { CFuncType, ComponentFunc } from '../abi/types.js';
import type { Component } from '../binary/component.js';
import type { CoreTypeDef, TypeDef } from '../types/resolved.js';

/** A component function: its type and how to call it with JS values. */
export interface RtFunc {
  readonly type: CFuncType;
  readonly call: ComponentFunc;
}

/** A component instance at run time: its exports by name. */
export interface RtInstance {
  readonly exports: ReadonlyMap<string, RtExtern>;
}

/** A component definition and the run-time scope its outer aliases refer to. */
export interface RtComponentDef {
  readonly component: Component;
  readonly outer: RtScope | undefined;
}

export type RtExtern =
  | { readonly kind: 'func'; readonly func: RtFunc }
  | { readonly kind: 'type'; readonly def: TypeDef }
  | { readonly kind: 'instance'; readonly instance: RtInstance }
  | { readonly kind: 'component'; readonly component: RtComponentDef }
  | { readonly kind: 'core module'; readonly module: ValidatedModule };

/** The index spaces of one component instance being instantiated. */
export class RtScope {
  readonly coreFuncs: ExternVal[] = [];
  readonly coreTables: ExternVal[] = [];
  readonly coreMemories: ExternVal[] = [];
  readonly coreGlobals: ExternVal[] = [];
  readonly coreTypes: (CoreTypeDef | null)[] = [];
  readonly coreModules: ValidatedModule[] = [];
  readonly coreInstances: ReadonlyMap<string, ExternVal>[] = [];
  readonly funcs: RtFunc[] = [];
  readonly types: TypeDef[] = [];
  readonly components: RtComponentDef[] = [];
  readonly instances: RtInstance[] = [];
  readonly exports = new Map<string, RtExtern>();

  constructor(readonly parent: RtScope | undefined, readonly abi: AbiInstance) {}

  outer(count: number): RtScope {
    let s: RtScope = this;
    for (let i = 0; i < count; i++) s = s.parent!;
    return s;
  }
}

/** Element `i` of a run-time index space (validation guarantees it exists). */
export function rt<T>(space: readonly T[], i: number, sort: string): T {
  const v = space[i];
  if (v === undefined) throw new ValidationError(`${sort} index ${i} out of bounds at instantiation (the component was not validated)`);
  return v;
}
