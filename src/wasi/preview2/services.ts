/**
 * What a WASI 0.2 guest may be given (grants) and the host services that implement it. Both are
 * injected so this layer stays platform-free: it performs no I/O of its own, and tests can make every
 * effect deterministic. Anything not granted is denied the way WASI says (an empty environment, a
 * closed stream, no pre-opened directory) or, for clocks and random, not provided at all, so a guest
 * importing them fails to link with a LinkError naming the import.
 */

import type { WasiClock } from '../preview1.js';
import type { StdinQueue } from '../stdin-queue.js';
import type { WasiFilesystem } from './filesystem-service.js';

/** A directory the guest may reach, under the name it sees in `wasi:filesystem/preopens`. */
export interface Preopen {
  /** The guest-visible path, e.g. `/data`. */
  readonly guestPath: string;
  readonly fs: WasiFilesystem;
  /** Whether the guest may create and write files under it (otherwise writes answer `read-only`). */
  readonly writable: boolean;
}

/** What the policy gives the guest. Every field defaults to "nothing". */
export interface WasiP2Grants {
  /** `wasi:cli/environment.get-arguments` (default none). */
  readonly args?: readonly string[];
  /** `wasi:cli/environment.get-environment`: only these variables (default none). */
  readonly env?: Readonly<Record<string, string>>;
  /** `wasi:cli/environment.initial-cwd` (default none). */
  readonly cwd?: string;
  /** Standard input is read from `services.stdin`; otherwise it is an empty, closed stream. */
  readonly stdin?: boolean;
  /** Writes to stdout / stderr reach the sinks; otherwise the streams answer `closed`. */
  readonly stdout?: boolean;
  readonly stderr?: boolean;
  /** Provide `wasi:clocks/*` (absent otherwise). */
  readonly clocks?: boolean;
  /** Provide `wasi:random/*` (absent otherwise). */
  readonly random?: boolean;
  /** Directories listed by `wasi:filesystem/preopens` (default none: the guest reaches no file). */
  readonly preopens?: readonly Preopen[];
}

/** The host's implementations behind the granted interfaces. */
export interface WasiP2Services {
  /** Wall-clock and monotonic time in nanoseconds. */
  readonly clock: WasiClock;
  /**
   * Waits until the monotonic clock reaches `ns` (for `pollable.block` / `poll` on a timer). Without
   * it, blocking on a timer that is not yet due traps: this synchronous host cannot wait on its own.
   */
  readonly sleepUntil?: (monotonicNs: bigint) => void;
  /** Fills the buffer with cryptographically secure random bytes. */
  readonly random: (buf: Uint8Array) => void;
  /** Source of `wasi:random/insecure` bytes; defaults to `random`. */
  readonly insecureRandom?: (buf: Uint8Array) => void;
  /** Standard input (used only when `grants.stdin`). */
  readonly stdin?: StdinQueue;
  /** Receive what the guest writes to stdout / stderr. May throw (e.g. a flood cap) to end the call with a trap. */
  readonly stdout: (bytes: Uint8Array) => void;
  readonly stderr: (bytes: Uint8Array) => void;
}
