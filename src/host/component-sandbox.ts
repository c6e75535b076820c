/**
 * The lifecycle both component guest kinds share: one live instance of a validated component at a
 * time, created on demand under the guest's limits, requests run one after another (never
 * re-entering a running instance), each audited; any failure in the sandbox discards the instance, so
 * the next request starts from a fresh one made from the same validated component.
 *
 * Limits: the instance's core store caps memory (all memories and tables) at `memoryLimit`; every
 * call into the component gets `fuel` instructions and `executionTimeoutMs` of wall-clock time. The
 * canonical ABI is synchronous: a call runs to completion (or to a limit) on the host's thread, so
 * the timeout is what bounds how long the host waits.
 *
 * Platform-free on purpose (no node:*): the browser playground can host component guests as well.
 */

import {
  instantiateComponent, LimitExceeded, LinkError, Trap, type ComponentInstance, type HostImports, type LoadedComponent,
} from '../component/index.js';
import type { AuditLog } from './audit.js';
import { GuestFailure } from './errors.js';
import type { JsonObject, ToolResult } from './guest.js';
import type { ResolvedPolicy } from './policy.js';

/** What a component failure in the sandbox becomes (the reason names the limit or fault). */
export function classifyComponentFailure(e: unknown, policy: ResolvedPolicy): GuestFailure {
  if (e instanceof GuestFailure) return e;
  if (e instanceof LimitExceeded) {
    switch (e.limit) {
      case 'deadline': return new GuestFailure('timeout', `execution timeout: the call ran past ${policy.executionTimeoutMs} ms`);
      case 'fuel': return new GuestFailure('fuel', `fuel exhausted: ${policy.fuel} instructions`);
      case 'memory':
      case 'table': return new GuestFailure('memory', `memory limit: ${e.message}`);
      default: return new GuestFailure('limit', e.message);
    }
  }
  if (e instanceof Trap) return new GuestFailure('trap', `trap: ${e.message}`);
  if (e instanceof LinkError) return new GuestFailure('protocol', `the component cannot be linked: ${e.message}`);
  return new GuestFailure('protocol', `the component failed: ${e instanceof Error ? e.message : String(e)}`);
}

/** The MCP error result of a tool call the sandbox stopped (as stdio guests answer it). */
export function stoppedResult(e: GuestFailure): ToolResult {
  return { content: [{ type: 'text', text: `sandbox stopped the tool (${e.reason}): ${e.message}` }], isError: true };
}

export interface Booted<S> {
  readonly instance: ComponentInstance;
  /** What the guest kind keeps per instance (e.g. what a WASI-MCP guest registered). */
  readonly state: S;
}

export interface RunInfo {
  readonly op: string;
  readonly tool?: string;
  readonly args?: JsonObject;
}

export class ComponentSandbox<S> {
  private live: Booted<S> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Instances created so far (1 + re-creations after failures). */
  instancesCreated = 0;

  /**
   * @param fresh the host imports of one new instance and the state they record into
   * @param boot runs right after instantiation (e.g. `wasi:cli/run`)
   */
  constructor(
    private readonly component: LoadedComponent,
    private readonly policy: ResolvedPolicy,
    private readonly audit: AuditLog,
    private readonly fresh: () => { imports: HostImports; state: S },
    private readonly boot: (b: Booted<S>) => void,
  ) {}

  get name(): string {
    return this.policy.name;
  }

  /** The state of the live instance, creating one if there is none. */
  state(): Promise<S> {
    return this.run({ op: 'instantiate' }, (b) => b.state, false);
  }

  /**
   * Runs `fn` on the live instance after every earlier request. A failure inside it (limit, trap)
   * discards the instance and rejects with the GuestFailure; other errors (the guest's own error
   * answers) reject as they are and keep the instance.
   */
  run<T>(info: RunInfo, fn: (b: Booted<S>) => T, audited = true): Promise<T> {
    const go = async (): Promise<T> => {
      if (this.closed) throw new Error(`guest ${this.name} is closed`);
      let instantiateMs: number | undefined;
      const b = this.ensure((ms) => { instantiateMs = ms; });
      const t0 = performance.now();
      const base = { guest: this.name, op: info.op, ...(info.tool !== undefined ? { tool: info.tool } : {}), ...(info.args !== undefined ? { arguments: info.args } : {}) };
      const timing = (): { instantiateMs?: number; callMs: number } => ({ ...(instantiateMs !== undefined ? { instantiateMs } : {}), callMs: performance.now() - t0 });
      try {
        const r = fn(b);
        if (audited) this.audit.record({ ...base, ...timing(), outcome: 'ok' });
        return r;
      } catch (e) {
        const sandbox = !(e instanceof GuestAnswer);
        const failure = sandbox ? classifyComponentFailure(e, this.policy) : undefined;
        if (failure !== undefined) this.live = null;
        this.audit.record({
          ...base, ...timing(), outcome: 'error', reason: failure?.reason ?? 'guest-error', detail: e instanceof Error ? e.message : String(e),
        });
        throw failure ?? (e as GuestAnswer).error;
      }
    };
    const p = this.queue.then(go, go);
    this.queue = p.catch(() => undefined);
    return p;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.catch(() => undefined);
    this.live = null;
  }

  private ensure(onInstantiated: (ms: number) => void): Booted<S> {
    if (this.live !== null) return this.live;
    const t0 = performance.now();
    this.instancesCreated++;
    try {
      const { imports, state } = this.fresh();
      const instance = instantiateComponent(this.component, imports, {
        memoryBytes: this.policy.memoryLimit,
        fuel: this.policy.fuel,
        deadlineMs: this.policy.executionTimeoutMs,
      });
      const b: Booted<S> = { instance, state };
      this.boot(b);
      this.live = b;
    } catch (e) {
      const failure = classifyComponentFailure(e, this.policy);
      this.audit.record({ guest: this.name, op: 'instantiate', instantiateMs: performance.now() - t0, outcome: 'error', reason: failure.reason, detail: failure.message });
      throw failure;
    }
    const ms = performance.now() - t0;
    this.audit.record({ guest: this.name, op: 'instantiate', instantiateMs: ms, outcome: 'ok' });
    onInstantiated(ms);
    return this.live;
  }
}

/**
 * Wraps an error the guest answered on purpose (the WASI-MCP `error` record, arguments that do not fit
 * a plain component's types): it reaches the client as is and the instance stays.
 */
export class GuestAnswer extends Error {
  constructor(readonly error: Error) {
    super(error.message);
    this.name = 'GuestAnswer';
  }
}
