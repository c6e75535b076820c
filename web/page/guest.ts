/**
 * What the page shows and calls, whatever kind of guest was loaded: a core module (`core-guest.ts`), a
 * WASI preview 1 MCP server speaking JSON-RPC on stdio (`mcp-guest.ts`) or a Component Model component
 * (`component-guest.ts`), chosen by `detectKind` from the preamble and, for core modules, by imports.
 */

/** One entry of the guest's surface as the page lists it: an export, an MCP tool, resource or prompt. */
export interface ExportView {
  /** What the call form selects (unique within the guest). */
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  /** Its type in the guest's own terms, e.g. `(i32, i32) -> (i32)` or a WIT `func(a: u32) -> u32`. */
  readonly type: string;
  /** Whether the call form offers it. */
  readonly callable: boolean;
}

/**
 * The outcome of one call; `call` is how the page writes the call itself, e.g. `add(2, 40)`. `fuelUsed`
 * is absent where the runtime does not report it (component calls: the component API has no counter).
 */
export type CallOutcome =
  | { readonly status: 'done'; readonly call: string; readonly results: readonly string[]; readonly fuelUsed?: number }
  | { readonly status: 'out-of-fuel'; readonly call: string; readonly fuelUsed: number }
  | { readonly status: 'error'; readonly call: string; readonly error: string };

export interface Guest {
  readonly kind: GuestKind;
  /** A one-line summary (size, counts). */
  readonly summary: string;
  /** What the guest imports and how the page provides it. */
  readonly imports: readonly string[];
  readonly exports: readonly ExportView[];
  /** A longer description shown as is (the WIT world of a component, an MCP server's identity). */
  readonly detail?: string;
  /** How arguments are written for this kind of guest (the argument field's placeholder). */
  readonly argsHint: string;
  /** Calls the entry `id` with arguments as text, within a fuel budget. Never rejects. */
  call(id: string, args: string, fuel: number): Promise<CallOutcome>;
}

export type GuestKind = 'core-module' | 'mcp-stdio' | 'component' | 'unknown';

/**
 * The kind of a binary from its preamble: `\0asm` then version 1 for a core module, or version 0x0d
 * with layer 1 for a component (Component Model binary format). An MCP server is a core module; the
 * page tells it apart once the module is loaded (`isStdioCommand`).
 */
export function detectKind(bytes: Uint8Array): GuestKind {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) return 'unknown';
  if (bytes[4] === 1 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0) return 'core-module';
  if (bytes[6] === 1 && bytes[7] === 0) return 'component';
  return 'unknown';
}

/** A message for anything thrown, for the page's output. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
