/**
 * `McpWrtHost`: loads guests under a policy and hands them out behind the `McpGuest` interface.
 * Loading checks, in order: the sha256 pin (if any), decode + validate (core `load`), the kind of
 * guest, and the imports against `allowedImports` (every offending import named). Components (guest
 * kinds 1 and 2) are loaded by component-load.ts, core modules (kind 3) here.
 */

import { createHash, randomFillSync } from 'node:crypto';
import { load } from '../core/index.js';
import type { WasiClock } from '../wasi/preview1.js';
import { WASI_P1_MODULE } from '../wasi/preview1.js';
import { AuditLog, type AuditSink } from './audit.js';
import { DigestMismatch, PolicyError } from './errors.js';
import type { McpGuest } from './guest.js';
import { NodeGrantedDir, checkDirGrants } from './node-dir.js';
import { checkImports, importNames, resolvePolicy, type GuestPolicy } from './policy.js';
import { loadComponentGuest } from './component-load.js';
import { StdioGuest } from './stdio-guest.js';

export interface HostOptions {
  /** Default bytes of memory per guest instance. */
  readonly memoryLimit?: number;
  /** Default wall-clock budget of one request, in milliseconds. */
  readonly executionTimeout?: number;
  /** Default instruction budget of one request. */
  readonly fuel?: number;
  /** Default import globs. */
  readonly allowedImports?: readonly string[];
  /** Receives audit lines (JSON). */
  readonly audit?: AuditSink;
  /** Receives the guests' stderr lines. */
  readonly onLog?: (guest: string, line: string) => void;
  /** Injected sources (tests): clock for WASI, random bytes, millisecond clock for budgets. */
  readonly clock?: WasiClock;
  readonly random?: (buf: Uint8Array) => void;
  readonly now?: () => number;
}

const nodeClock: WasiClock = {
  realtimeNs: () => BigInt(Date.now()) * 1_000_000n,
  monotonicNs: () => process.hrtime.bigint(),
};

/** The guest kind a binary declares in its preamble (version and layer fields). */
export function guestKindOf(bytes: Uint8Array): 'core' | 'component' | 'unknown' {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) return 'unknown';
  if (bytes[4] === 1 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0) return 'core';
  if (bytes[6] === 1 && bytes[7] === 0) return 'component';
  return 'unknown';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class McpWrtHost {
  readonly audit: AuditLog;
  private readonly guests: McpGuest[] = [];

  private constructor(private readonly opts: HostOptions) {
    this.audit = new AuditLog(opts.audit);
  }

  static create(opts: HostOptions = {}): McpWrtHost {
    return new McpWrtHost(opts);
  }

  private defaults(): GuestPolicy {
    const o = this.opts;
    return {
      ...(o.memoryLimit !== undefined ? { memoryLimit: o.memoryLimit } : {}),
      ...(o.executionTimeout !== undefined ? { executionTimeoutMs: o.executionTimeout } : {}),
      ...(o.fuel !== undefined ? { fuel: o.fuel } : {}),
      ...(o.allowedImports !== undefined ? { allowedImports: o.allowedImports } : {}),
    };
  }

  /**
   * Loads a guest. Throws DigestMismatch, DecodeError, ValidationError or PolicyError; nothing of the
   * guest runs before every check passed.
   */
  load(bytes: Uint8Array, policy: GuestPolicy = {}, name = 'guest'): McpGuest {
    const resolved = resolvePolicy(name, policy, this.defaults());
    const refuse = (e: Error): never => {
      this.audit.record({ guest: resolved.name, op: 'load', outcome: 'refused', detail: e.message });
      throw e;
    };
    if (resolved.sha256 !== undefined) {
      const actual = sha256Hex(bytes);
      if (actual !== resolved.sha256) refuse(new DigestMismatch(resolved.sha256, actual));
    }
    if (guestKindOf(bytes) === 'component') {
      // Component guests get no filesystem in this version: a grant is refused, never silently dropped.
      if (resolved.dirs.length > 0) {
        refuse(new PolicyError('directory grants apply to WASI preview 1 guests only; component guests get no filesystem in this version'));
      }
      const wasi2 = {
        services: { clock: this.opts.clock ?? nodeClock, random: this.opts.random ?? ((b: Uint8Array) => { randomFillSync(b); }) },
        ...(this.opts.onLog !== undefined ? { onLog: this.opts.onLog } : {}),
      };
      return this.admit(loadComponentGuest(bytes, resolved, this.audit, refuse, wasi2), bytes);
    }
    let module;
    try {
      module = load(bytes);
    } catch (e) {
      return refuse(e as Error);
    }
    try {
      checkImports(importNames(module), resolved.allowedImports);
      // Kind 3 is the only core-module guest: its imports must all come from WASI preview 1.
      const foreign = module.module.imports.filter((i) => i.module !== WASI_P1_MODULE).map((i) => `${i.module}.${i.name}`);
      if (foreign.length > 0) throw new PolicyError(`imports this host cannot provide: ${foreign.join(', ')}`, foreign);
      for (const grant of checkDirGrants(resolved.dirs)) this.audit.record({ guest: resolved.name, op: 'grant', outcome: 'ok', detail: grant });
    } catch (e) {
      return refuse(e as Error);
    }
    const guest = new StdioGuest(module, resolved, this.audit, {
      clock: this.opts.clock ?? nodeClock,
      random: this.opts.random ?? ((b) => { randomFillSync(b); }),
      now: this.opts.now ?? (() => performance.now()),
      openDir: (g) => new NodeGrantedDir(g),
      ...(this.opts.onLog !== undefined ? { onLog: this.opts.onLog } : {}),
    });
    return this.admit(guest, bytes);
  }

  private admit(guest: McpGuest, bytes: Uint8Array): McpGuest {
    this.audit.record({ guest: guest.name, op: 'load', outcome: 'ok', detail: `${guest.kind}, ${bytes.length} bytes` });
    this.guests.push(guest);
    return guest;
  }

  /** Alias of `load` under the seed's name (every guest kind is told apart by its bytes). */
  loadComponent(bytes: Uint8Array, policy: GuestPolicy = {}, name = 'guest'): McpGuest {
    return this.load(bytes, policy, name);
  }

  async close(): Promise<void> {
    await Promise.all(this.guests.map((g) => g.close()));
  }
}
