/**
 * Hard resource limits of a store. Every limit is checked before the allocation or step it guards
 * (DESIGN.md invariant 5); reaching one raises `LimitExceeded`, never a JS exception.
 */

export interface Limits {
  /** Total bytes of all memories plus all tables (elements counted at 8 bytes) in the store. */
  readonly memoryBytes: number;
  /** Elements of any single table. */
  readonly tableElements: number;
  /** Instructions one `invoke` may execute; `Infinity` for no limit. A resumable run takes its own budget. */
  readonly fuel: number;
  /** Wall-clock budget of one `invoke`, in milliseconds; `Infinity` for none. */
  readonly deadlineMs: number;
  /** Nested wasm calls. Reaching it is the spec's "call stack exhausted". */
  readonly callDepth: number;
  /** Value slots of the operand stack (locals included), across all frames. */
  readonly operandStack: number;
  /** Locals of one function (parameters included). */
  readonly locals: number;
}

/** The defaults: generous for real programs, small enough that a guest cannot take the host down. */
export const DEFAULT_LIMITS: Limits = {
  memoryBytes: 1024 * 1024 * 1024,
  tableElements: 10_000_000,
  fuel: Infinity,
  deadlineMs: Infinity,
  callDepth: 10_000,
  operandStack: 1 << 20,
  locals: 50_000,
};

/** Fills in defaults for the limits not given. */
export function resolveLimits(partial: Partial<Limits> = {}): Limits {
  return { ...DEFAULT_LIMITS, ...partial };
}
