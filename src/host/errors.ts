/**
 * Errors of the host layer. `GuestFailure` is what a sandbox limit or a guest fault becomes: the
 * host turns it into an MCP error result (tools) or a JSON-RPC error, discards the instance and
 * keeps serving. The others refuse a guest before it runs.
 */

/** Why a guest instance stopped serving. */
export type FailureReason =
  | 'timeout'        // the call ran past executionTimeout
  | 'fuel'           // the call used up its fuel
  | 'memory'         // a memory/table allocation exceeded memoryLimit
  | 'trap'           // a WebAssembly trap (incl. a faulting host import)
  | 'exit'           // the guest called proc_exit or returned from _start
  | 'output'         // the guest flooded stdout (a line or the total over the cap)
  | 'protocol'       // the guest answered something that is not the JSON-RPC we asked for
  | 'limit';         // another core limit (call depth, operand stack)

export class GuestFailure extends Error {
  constructor(readonly reason: FailureReason, message: string) {
    super(message);
    this.name = 'GuestFailure';
  }
}

/** A guest asks for imports its policy does not grant; `imports` names every offending one. */
export class PolicyError extends Error {
  constructor(message: string, readonly imports: readonly string[] = []) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** The guest's bytes do not match the sha256 pinned by its policy. */
export class DigestMismatch extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`sha256 mismatch: policy pins ${expected}, guest is ${actual}`);
    this.name = 'DigestMismatch';
  }
}

/** A JSON-RPC error answered by the guest itself (forwarded as is to the client). */
export class GuestRpcError extends Error {
  constructor(readonly code: number, message: string, readonly data?: unknown) {
    super(message);
    this.name = 'GuestRpcError';
  }
}
