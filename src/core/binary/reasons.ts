/**
 * Every reason the decoder reports in a DecodeError. The texts are those of the spec's reference decoder;
 * the spec testsuite's `assert_malformed` messages are each equal to, or a prefix of, one of them
 * (e.g. "unexpected end" for "unexpected end of section or function").
 */
export const DECODE_REASONS = [
  // Header and sections
  'magic header not detected',
  'unknown binary version',
  'malformed section id',
  'unexpected content after last section',
  'section size mismatch',
  'function and code section have inconsistent lengths',
  'data count and data section have inconsistent lengths',
  'data count section required',
  // Bytes and integers
  'unexpected end of section or function',
  'length out of bounds',
  'integer representation too long',
  'integer too large',
  'malformed UTF-8 encoding',
  // Types and entries
  'malformed value type',
  'malformed reference type',
  'malformed function type',
  'malformed mutability',
  'malformed import kind',
  'malformed export kind',
  'malformed elements segment kind',
  'malformed element kind',
  'malformed data segment kind',
  // Code
  'too many locals',
  'illegal opcode',
  'END opcode expected',
  'zero byte expected',
  'malformed memop flags',
  'malformed block type',
] as const;

export type DecodeReason = (typeof DECODE_REASONS)[number];
