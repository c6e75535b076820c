/**
 * The Component Model runtime (issue #3). Platform-free like `src/core`: no `node:*`, no npm packages,
 * no host globals. It depends on the core, never the reverse.
 *
 * Layers: binary (decoding, this revision); types, canonical ABI and instantiation follow.
 */

export * from './binary/index.js';
export { DecodeError } from '../core/errors.js';
