/**
 * The canonical ABI for synchronous functions (Component Model `design/CanonicalABI.md`), platform-free.
 *
 * Seam for the instantiation layer:
 * - create one `AbiInstance` per component instance (with its parent), one `ResourceType` per
 *   evaluated resource definition (with `coreDestructor(...)` as dtor for guest resources);
 * - for `canon lift`: a component function `(args, caller) => canonLift(cx, coreFunc, ft, args, caller)`;
 * - for `canon lower`: `store.hostFunc(flattenFuncType(ft, 'lower'), canonLower(cx, componentFunc, ft))`;
 * - for the resource built-ins: `store.hostFunc(RESOURCE_NEW_TYPE, canonResourceNew(inst, rt))`, etc.
 * The JS value mapping is documented in `types.ts`.
 */

export * from './types.js';
export { AbiInstance, HandleTable, ResourceHandle, BorrowScope, LenderSet, MAX_TABLE_LENGTH, CONTEXT_SLOTS } from './instance.js';
export {
  MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, MAX_STRING_BYTE_LENGTH, MAX_LIST_BYTE_LENGTH, UTF16_TAG, PTR_SIZE,
  alignTo, alignment, elemSize, discriminantSize, flattenType, flattenTypes, flattenFuncType, paramTypes, resultTypes,
  type FlatType,
} from './layout.js';
export { LiftLowerContext } from './context.js';
export { load, store, CANONICAL_F32_NAN, CANONICAL_F64_NAN } from './memory.js';
export { liftFlat, lowerFlat, liftFlatValues, lowerFlatValues, CoreValueIter, type FlatSource } from './flat.js';
export {
  canonLift, canonLower, canonResourceNew, canonResourceDrop, canonResourceRep, coreDestructor,
  canonContextGet, canonContextSet, CONTEXT_GET_TYPE, CONTEXT_SET_TYPE,
  RESOURCE_NEW_TYPE, RESOURCE_DROP_TYPE, RESOURCE_REP_TYPE,
} from './canon.js';
export { resourceNew, resourceDrop, resourceRep, dropOwnHandle } from './handles.js';
export { containsType, containsBorrow, containsListOrString, requiredOptions, type RequiredOptions } from './options.js';
export { abiTrap } from './trap.js';
