/**
 * The Component Model runtime (issue #3). Platform-free like `src/core`: no `node:*`, no npm packages,
 * no host globals. It depends on the core, never the reverse.
 *
 * Layers: binary (decoding), types (resolution, subtyping, WIT rendering), validate, abi (the
 * canonical ABI), instantiate; `api.ts` is the typed embedding API on top.
 */

export * from './binary/index.js';
export { DecodeError, ValidationError, LinkError, Trap, EmbeddingError, LimitExceeded } from '../core/errors.js';
export {
  loadComponent, instantiateComponent, renderWit,
  type LoadedComponent, type ComponentInstance, type HostImport, type HostImports,
} from './api.js';
export { ResourceType, OwnHandle, BorrowHandle, type CType, type CFuncType } from './abi/types.js';
export type { ComponentType, InstanceType, ExternT, TypeDef } from './types/resolved.js';
export { renderValType, renderFuncType, renderWorld } from './types/render.js';
export { validateComponent } from './validate/component.js';
