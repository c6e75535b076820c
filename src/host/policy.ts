/**
 * A guest's policy: what it may import, how much memory, fuel and time one request may use, what
 * arguments and environment it sees, how much output it may write, and an optional sha256 pin.
 * Host-wide defaults (McpWrtHost.create options) fill whatever a guest's policy leaves out.
 */

import type { ValidatedModule } from '../core/index.js';
import { PolicyError } from './errors.js';
import { anyGlobMatches } from './glob.js';

/** A directory a policy grants to a guest (WASI preview 1 guests: a pre-opened directory). */
export interface DirGrant {
  /** The directory on the host. */
  readonly host: string;
  /** Its absolute name inside the guest, e.g. `/data`. */
  readonly guest: string;
  /** Write access (create, modify, delete); read-only when absent or false. */
  readonly write?: boolean;
}

export interface GuestPolicy {
  /** Name of the guest (tool-name prefix on collisions, audit log); default from the file name. */
  readonly name?: string;
  /** Bytes of all memories and tables of one instance. */
  readonly memoryLimit?: number;
  /** Wall-clock milliseconds one request may run the guest. */
  readonly executionTimeoutMs?: number;
  /** Instructions one request may execute. */
  readonly fuel?: number;
  /** Import globs the guest may link against (`wasi_snapshot_preview1.*`, `wasi:mcp/*`). */
  readonly allowedImports?: readonly string[];
  /** argv the guest sees (argv[0] included); default `[name]`. */
  readonly args?: readonly string[];
  /** Environment variables the guest sees; none unless granted. */
  readonly env?: Readonly<Record<string, string>>;
  /** Lowercase hex sha256 of the guest's bytes; a mismatch refuses the guest. */
  readonly sha256?: string;
  /** Bytes of stdout one request may produce (JSON-RPC traffic); more ends the instance. */
  readonly maxOutputBytes?: number;
  /** Bytes of stderr (log) kept per request; the rest is dropped and counted. */
  readonly maxLogBytes?: number;
  /** Directories the guest may reach; none (no filesystem at all) unless granted. */
  readonly dirs?: readonly DirGrant[];
}

/** A policy with every field decided. */
export interface ResolvedPolicy {
  readonly name: string;
  readonly memoryLimit: number;
  readonly executionTimeoutMs: number;
  readonly fuel: number;
  readonly allowedImports: readonly string[];
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly sha256: string | undefined;
  readonly maxOutputBytes: number;
  readonly maxLogBytes: number;
  readonly dirs: readonly DirGrant[];
}

export const DEFAULT_POLICY: Omit<ResolvedPolicy, 'name' | 'args' | 'sha256' | 'dirs'> = {
  memoryLimit: 64 * 1024 * 1024,
  executionTimeoutMs: 30_000,
  fuel: 1_000_000_000,
  allowedImports: ['wasi_snapshot_preview1.*', 'wasi:mcp/*', 'wasi:cli/*', 'wasi:io/*', 'wasi:clocks/*', 'wasi:random/*'],
  env: {},
  maxOutputBytes: 16 * 1024 * 1024,
  maxLogBytes: 64 * 1024,
};

/** Fills `policy` from `defaults`, then from DEFAULT_POLICY. */
export function resolvePolicy(name: string, policy: GuestPolicy = {}, defaults: GuestPolicy = {}): ResolvedPolicy {
  const pick = <K extends keyof GuestPolicy>(k: K): GuestPolicy[K] => policy[k] ?? defaults[k];
  const guestName = pick('name') ?? name;
  return {
    name: guestName,
    memoryLimit: pick('memoryLimit') ?? DEFAULT_POLICY.memoryLimit,
    executionTimeoutMs: pick('executionTimeoutMs') ?? DEFAULT_POLICY.executionTimeoutMs,
    fuel: pick('fuel') ?? DEFAULT_POLICY.fuel,
    allowedImports: pick('allowedImports') ?? DEFAULT_POLICY.allowedImports,
    args: pick('args') ?? [guestName],
    env: pick('env') ?? DEFAULT_POLICY.env,
    sha256: policy.sha256?.toLowerCase(),
    maxOutputBytes: pick('maxOutputBytes') ?? DEFAULT_POLICY.maxOutputBytes,
    maxLogBytes: pick('maxLogBytes') ?? DEFAULT_POLICY.maxLogBytes,
    dirs: pick('dirs') ?? [],
  };
}

/** `module.field` names of every import of a core module. */
export function importNames(module: ValidatedModule): string[] {
  return module.module.imports.map((i) => `${i.module}.${i.name}`);
}

/**
 * Refuses the module, naming every import that no glob of `allowed` matches (DESIGN.md invariant 8:
 * a guest receives exactly the imports its policy grants; everything else fails at link time).
 */
export function checkImports(names: readonly string[], allowed: readonly string[]): void {
  const offending = [...new Set(names.filter((n) => !anyGlobMatches(allowed, n)))];
  if (offending.length > 0) {
    throw new PolicyError(`imports not allowed by the policy: ${offending.join(', ')}`, offending);
  }
}
