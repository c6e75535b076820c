/**
 * The one error taxonomy of the core (DESIGN.md, "Errors"). Every failure that leaves the core is one
 * of these classes; a plain JS exception reaching an embedder is a defect.
 */

/** Base class of every typed core error. */
export abstract class WasmError extends Error {
  abstract readonly category: 'decode' | 'validation' | 'link' | 'trap' | 'limit' | 'cfi' | 'embedding';
}

/** Malformed bytes (spec: "malformed"); `offset` is the byte offset where decoding failed. */
export class DecodeError extends WasmError {
  readonly category = 'decode' as const;
  constructor(readonly reason: string, readonly offset: number) {
    super(`${reason} at byte offset ${offset}`);
    this.name = 'DecodeError';
  }
}

/** A well-formed module that is not valid (spec: "invalid"). */
export class ValidationError extends WasmError {
  readonly category = 'validation' as const;
  /**
   * @param reason spec-style reason, e.g. "type mismatch"
   * @param funcIndex index of the function in the function index space, or -1 outside code
   * @param instrIndex index of the instruction within the function body, or -1
   * @param offset byte offset in the binary, or -1 when unknown
   */
  constructor(
    readonly reason: string,
    readonly funcIndex = -1,
    readonly instrIndex = -1,
    readonly offset = -1,
  ) {
    super(
      reason +
        (funcIndex >= 0 ? ` in function ${funcIndex}` : '') +
        (instrIndex >= 0 ? ` at instruction ${instrIndex}` : '') +
        (offset >= 0 ? ` (byte offset ${offset})` : ''),
    );
    this.name = 'ValidationError';
  }
}

/** An import that is missing or does not match (spec: "unlinkable"). */
export class LinkError extends WasmError {
  readonly category = 'link' as const;
  constructor(readonly reason: string, readonly importModule: string, readonly importName: string) {
    super(`${reason}: import "${importModule}" "${importName}"`);
    this.name = 'LinkError';
  }
}

/** The trap kinds of the spec, with the wording the spec testsuite uses. */
export type TrapKind =
  | 'unreachable'
  | 'integer divide by zero'
  | 'integer overflow'
  | 'invalid conversion to integer'
  | 'out of bounds memory access'
  | 'out of bounds table access'
  | 'undefined element'
  | 'uninitialized element'
  | 'indirect call type mismatch'
  | 'host';

/** A runtime trap of the spec. */
export class Trap extends WasmError {
  readonly category = 'trap' as const;
  constructor(readonly kind: TrapKind, detail?: string) {
    super(detail ? `${kind}: ${detail}` : kind);
    this.name = 'Trap';
  }
}

/** The host limits of `Limits`. */
export type LimitKind = 'memory' | 'table' | 'fuel' | 'deadline' | 'call-depth' | 'operand-stack' | 'locals';

/** A host-imposed limit was reached (call depth here is the spec's "exhaustion"). */
export class LimitExceeded extends WasmError {
  readonly category = 'limit' as const;
  constructor(readonly limit: LimitKind, readonly value: number, detail?: string) {
    super(`limit exceeded: ${limit} (${value})${detail ? `: ${detail}` : ''}`);
    this.name = 'LimitExceeded';
  }
}

/** The control-flow-integrity checks; each violation names which one fired. */
export type CfiCheck = 'branch-target' | 'branch-height' | 'return-height' | 'call-type' | 'frame' | 'opcode';

/** An integrity check failed: valid code cannot cause this, so it means corruption or a defect. */
export class CfiViolation extends WasmError {
  readonly category = 'cfi' as const;
  constructor(readonly check: CfiCheck, detail: string) {
    super(`CFI violation (${check}): ${detail}`);
    this.name = 'CfiViolation';
  }
}

/**
 * The embedder misused the API (wrong argument count or type at invoke, a value of the wrong type for
 * a host global, a host function returning the wrong results). Not a spec outcome.
 */
export class EmbeddingError extends WasmError {
  readonly category = 'embedding' as const;
  constructor(detail: string) {
    super(detail);
    this.name = 'EmbeddingError';
  }
}
