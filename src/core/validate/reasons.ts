/**
 * The reasons a module can be invalid, worded exactly as the official spec testsuite's
 * `assert_invalid` commands expect (the harness compares message prefixes, so reasons that
 * name an index append it: "unknown local 2").
 */
export const Reason = {
  typeMismatch: 'type mismatch',
  unknownType: 'unknown type',
  unknownFunction: 'unknown function',
  unknownTable: 'unknown table',
  unknownMemory: 'unknown memory',
  unknownGlobal: 'unknown global',
  unknownLocal: 'unknown local',
  unknownLabel: 'unknown label',
  unknownData: 'unknown data segment',
  unknownElem: 'unknown elem segment',
  multipleMemories: 'multiple memories',
  sizeMinMax: 'size minimum must not be greater than maximum',
  memorySize: 'memory size must be at most 65536 pages (4GiB)',
  tableSize: 'table size must be at most 2^32-1',
  constRequired: 'constant expression required',
  duplicateExport: 'duplicate export name',
  startFunction: 'start function',
  undeclaredRef: 'undeclared function reference',
  alignment: 'alignment must not be larger than natural',
  laneIndex: 'invalid lane index',
  globalImmutable: 'global is immutable',
  resultArity: 'invalid result arity',
  tooManyLocals: 'too many locals',
  /** Structural defects that a conforming decoder already rejects; kept so the validator is total. */
  elseWithoutIf: 'else without matching if',
  unbalancedEnd: 'unbalanced end of function body',
  unknownOpcode: 'unknown opcode',
  missingImmediate: 'instruction lacks its immediate',
  inconsistentLengths: 'function and code section have inconsistent lengths',
} as const;

/** "unknown X" reasons followed by the offending index, as the spec interpreter words them. */
export function unknownIndex(reason: string, index: number): string {
  return `${reason} ${index >>> 0}`;
}
