/** The component binary layer: decoding of component binaries into plain data. */

export * from './component.js';
export { decodeComponent, SectionId } from './decode.js';
export { isComponent, isCoreModule, COMPONENT_VERSION } from './preamble.js';
export { MAX_NESTING } from './common.js';
