/**
 * What the page shows and calls, whatever kind of guest was loaded. Today the only kind is a core
 * module (`core-guest.ts`); a Component Model component and an MCP guest (issues #3, #4) plug in here as
 * further `Guest` implementations, chosen by `detectKind` from the preamble.
 */

/** One export as the page lists it. */
export interface ExportView {
  readonly name: string;
  readonly kind: string;
  /** Its type in the guest's own terms, e.g. `(i32, i32) -> (i32)`. */
  readonly type: string;
  /** Parameter type names, for a callable export. */
  readonly params?: readonly string[];
}

/** The outcome of one call. */
export type CallOutcome =
  | { readonly status: 'done'; readonly results: readonly string[]; readonly fuelUsed: number }
  | { readonly status: 'out-of-fuel'; readonly fuelUsed: number }
  | { readonly status: 'error'; readonly error: string; readonly fuelUsed?: number };

export interface Guest {
  readonly kind: GuestKind;
  /** A one-line summary (size, counts). */
  readonly summary: string;
  /** What the guest imports and the page stubbed. */
  readonly imports: readonly string[];
  readonly exports: readonly ExportView[];
  /** Calls a callable export with arguments as text, within a fuel budget. */
  call(name: string, args: readonly string[], fuel: number): CallOutcome;
}

export type GuestKind = 'core-module' | 'component' | 'unknown';

/**
 * The kind of a binary from its preamble: `\0asm` then version 1 for a core module, or version 0x0d
 * with layer 1 for a component (Component Model binary format).
 */
export function detectKind(bytes: Uint8Array): GuestKind {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) return 'unknown';
  if (bytes[4] === 1 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0) return 'core-module';
  if (bytes[6] === 1 && bytes[7] === 0) return 'component';
  return 'unknown';
}
