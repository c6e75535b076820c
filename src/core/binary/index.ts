/**
 * The binary layer of the core: the decoder and the one instruction table.
 */

export { decode, SectionId } from './decode.js';
export {
  OPS, OP_TABLE_SIZE, Opc, PREFIX_FC, PREFIX_FD, normalizeOpcode, opByName, opInfo, opName,
} from './opcodes.js';
export type { Feature, ImmKind, OpInfo, OpSig } from './opcodes.js';
export * from './module.js';
export { DECODE_REASONS } from './reasons.js';
export type { DecodeReason } from './reasons.js';
