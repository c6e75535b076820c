/**
 * One running instance of a WASI preview 1 command that speaks MCP (JSON-RPC, one message per line)
 * on stdin/stdout. The guest runs on the resumable interpreter in slices of fuel, yielding to the
 * event loop between slices; when it blocks in `fd_read(0)` the execution is suspended (see
 * src/wasi/preview1.ts) until the host queues the next message.
 *
 * Each request gets its own budget: `policy.fuel` instructions and `policy.executionTimeoutMs` of
 * wall-clock running time. Any limit, trap, exit or output flood makes the instance dead; the owner
 * (StdioGuest) discards it and creates a fresh one from the validated module.
 */

import {
  LimitExceeded, Store, Trap, type Execution, type ExternVal, type ValidatedModule,
} from '../core/index.js';
import { StdinQueue } from '../wasi/stdin-queue.js';
import type { GrantedDir } from '../wasi/fs.js';
import { WasiP1, type WasiClock } from '../wasi/preview1.js';
import { GuestFailure, GuestRpcError, PolicyError } from './errors.js';
import type { CallContext, GuestNotification, JsonObject } from './guest.js';
import type { DirGrant, ResolvedPolicy } from './policy.js';
import { nextTurn } from './next-turn.js';

/** Instructions per slice between two yields to the event loop. */
export const SLICE_FUEL = 2_000_000;
const NEWLINE = 10;

export interface InstanceEnv {
  readonly clock: WasiClock;
  readonly random: (buf: Uint8Array) => void;
  /** Milliseconds clock for budgets (injected for tests). */
  readonly now: () => number;
  readonly onNotification: (n: GuestNotification) => void;
  readonly onLog: (line: string) => void;
  /** Told of each filesystem operation refused for lack of capability (the host audits it). */
  readonly onRefusal?: (op: string, reason: string) => void;
  /**
   * Opens a directory the policy grants (on Node: NodeGrantedDir, src/host/node-dir.ts). Injected, so
   * the driver itself stays free of node:* and runs in a page or an embedded engine; without it, a
   * policy that grants directories is refused.
   */
  readonly openDir?: (grant: DirGrant) => GrantedDir;
}

function openDirs(policy: ResolvedPolicy, openDir: InstanceEnv['openDir']): GrantedDir[] {
  if (policy.dirs.length === 0) return [];
  if (openDir === undefined) throw new PolicyError('the policy grants directories, but this host has no filesystem to open them');
  return policy.dirs.map((g) => openDir(g));
}

interface Budget {
  fuelLeft: number;
  /** Moved later by the time the guest spends waiting for the client. */
  deadlineAt: number;
  used: number;
}

type RpcMessage = JsonObject & { id?: string | number | null; method?: unknown; result?: unknown; error?: unknown };

/** Requests a guest may have waiting on the client at once; more are answered with an error. */
export const MAX_CLIENT_REQUESTS = 8;

/** Notifications that belong to the request in flight and travel on its response stream. */
const CALL_SCOPED = new Set(['notifications/progress', 'notifications/message']);

/** The request being served: its way back to the client and the guest's requests still unanswered. */
interface InFlight {
  readonly ctx: CallContext | undefined;
  readonly pending: Set<Promise<void>>;
  /** Notifications sent on the request's stream; all are delivered before its response. */
  readonly notified: Promise<void>[];
}

function objectOrUndefined(v: unknown): JsonObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/** Splits a byte stream into lines (without the newline). */
class LineSplitter {
  private parts: Uint8Array[] = [];
  private readonly decoder = new TextDecoder();

  push(bytes: Uint8Array, onLine: (line: string) => void): void {
    let start = 0;
    for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, start)) {
      this.parts.push(bytes.subarray(start, i));
      const total = this.parts.reduce((n, p) => n + p.length, 0);
      const line = new Uint8Array(total);
      let at = 0;
      for (const p of this.parts) {
        line.set(p, at);
        at += p.length;
      }
      this.parts = [];
      onLine(this.decoder.decode(line));
      start = i + 1;
    }
    if (start < bytes.length) this.parts.push(bytes.subarray(start));
  }
}

export class StdioInstance {
  /** The guest's answer to `initialize`. */
  initializeResult: JsonObject = {};
  private readonly store: Store;
  private readonly wasi: WasiP1;
  private readonly stdin = new StdinQueue();
  private readonly execution: Execution;
  private readonly stdout = new LineSplitter();
  private readonly stderr = new LineSplitter();
  private readonly responses = new Map<string | number, RpcMessage>();
  private readonly encoder = new TextEncoder();
  private dead: GuestFailure | null = null;
  private outputFailure: GuestFailure | null = null;
  private outputBytes = 0;
  private logBytes = 0;
  /** Bytes of stderr dropped because the request's log cap was reached. */
  logDropped = 0;
  private nextId = 1;
  private inFlight: InFlight | null = null;

  /** Instantiates the module (sync); `boot()` then runs it up to its first read. */
  constructor(module: ValidatedModule, private readonly policy: ResolvedPolicy, private readonly env: InstanceEnv) {
    this.store = new Store({ limits: { memoryBytes: policy.memoryLimit }, now: env.now });
    this.wasi = new WasiP1(this.store, {
      args: policy.args,
      env: policy.env,
      stdin: this.stdin,
      onStdout: (b) => this.onStdout(b),
      onStderr: (b) => this.onStderr(b),
      clock: env.clock,
      random: env.random,
      dirs: openDirs(policy, env.openDir),
      ...(env.onRefusal !== undefined ? { onRefusal: env.onRefusal } : {}),
    });
    let instance;
    try {
      instance = this.store.instantiate(module, this.wasi.imports(module));
    } catch (e) {
      throw StdioInstance.classify(e, null);
    }
    const start = instance.exports.get('_start');
    const memory = instance.exports.get('memory');
    if (start?.kind !== 'func' || memory?.kind !== 'memory') {
      throw new GuestFailure('protocol', 'not a WASI command: it must export "_start" and "memory"');
    }
    this.wasi.bindMemory(memory as ExternVal);
    this.execution = this.store.start(start, []);
  }

  get alive(): boolean {
    return this.dead === null;
  }

  /**
   * Runs the guest until it waits for its first message, then performs the MCP handshake with the
   * capabilities (and identity, when known) of the client this instance serves.
   */
  async boot(clientCapabilities: JsonObject = {}, clientInfo: JsonObject = { name: 'mcp-wrt-host', version: '0.1.0' }): Promise<number> {
    const b = this.budget();
    await this.pump(b);
    const init = await this.request('initialize', { protocolVersion: '2025-11-25', capabilities: clientCapabilities, clientInfo });
    this.initializeResult = init.result;
    await this.notify('notifications/initialized', {});
    return b.used + init.fuelUsed;
  }

  /**
   * Sends a request and runs the guest until it answers. Requests the guest sends meanwhile go to
   * the client through `ctx` (answered with an error without one); while the guest waits for those
   * answers it is suspended, and the wait does not count against its execution timeout.
   */
  async request(method: string, params: JsonObject, ctx?: CallContext): Promise<{ result: JsonObject; fuelUsed: number }> {
    if (this.dead !== null) throw this.dead;
    const id = this.nextId++;
    this.outputBytes = 0;
    this.logBytes = 0;
    const flight: InFlight = { ctx, pending: new Set(), notified: [] };
    this.inFlight = flight;
    this.write({ jsonrpc: '2.0', id, method, params });
    const b = this.budget();
    let resp: RpcMessage | undefined;
    try {
      for (;;) {
        await this.pump(b);
        resp = this.responses.get(id);
        if (resp !== undefined || flight.pending.size === 0) break;
        const waitFrom = this.env.now();
        await Promise.race(flight.pending);
        b.deadlineAt += this.env.now() - waitFrom;
      }
    } finally {
      this.inFlight = null;
      this.responses.clear();
      if (flight.notified.length > 0) {
        await Promise.all(flight.notified);
        // One turn of the event loop between a call's notifications and its response, so they
        // reach the client in separate writes: the SDK clients dispatch notifications a microtask
        // late and drop a progress notification that arrives in the same read as its response.
        await nextTurn();
      }
    }
    if (resp === undefined) {
      throw this.die(new GuestFailure('protocol', `the guest waits for input without answering ${method}`));
    }
    if (resp.error !== undefined) {
      const err = (resp.error ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
      throw new GuestRpcError(typeof err.code === 'number' ? err.code : -32603, String(err.message ?? 'guest error'), err.data);
    }
    const result = resp.result;
    if (result === null || typeof result !== 'object' || Array.isArray(result)) {
      throw this.die(new GuestFailure('protocol', `the guest answered ${method} with a non-object result`));
    }
    return { result: result as JsonObject, fuelUsed: b.used };
  }

  /** Sends a notification and lets the guest process it. */
  async notify(method: string, params: JsonObject): Promise<void> {
    if (this.dead !== null) throw this.dead;
    this.write({ jsonrpc: '2.0', method, params });
    await this.pump(this.budget());
  }

  private budget(): Budget {
    return { fuelLeft: this.policy.fuel, deadlineAt: this.env.now() + this.policy.executionTimeoutMs, used: 0 };
  }

  /**
   * A request from the guest (sampling/createMessage, elicitation/create, roots/list, ping): sent to
   * the client of the request in flight, and its answer (or error) queued on the guest's stdin
   * under the guest's own id. Without a client behind the request, answered with an error at once.
   */
  private routeGuestRequest(id: string | number, method: string, params: JsonObject | undefined): void {
    const flight = this.inFlight;
    if (flight?.ctx === undefined) {
      this.write({ jsonrpc: '2.0', id, error: { code: -32601, message: `${method}: no client to ask (the guest is not serving a client request)` } });
      return;
    }
    if (flight.pending.size >= MAX_CLIENT_REQUESTS) {
      this.write({ jsonrpc: '2.0', id, error: { code: -32603, message: `${method}: more than ${MAX_CLIENT_REQUESTS} requests wait for the client` } });
      return;
    }
    const answered = flight.ctx.request(method, params ?? {}).then(
      (result) => ({ jsonrpc: '2.0', id, result }),
      (e: unknown) => {
        const err = e as { code?: unknown; message?: unknown; data?: unknown };
        return {
          jsonrpc: '2.0', id,
          error: { code: typeof err.code === 'number' ? err.code : -32603, message: String(err.message ?? e), ...(err.data !== undefined ? { data: err.data } : {}) },
        };
      },
    ).then((msg) => {
      if (this.dead === null && !this.stdin.closed) this.write(msg);
      flight.pending.delete(answered);
    });
    flight.pending.add(answered);
  }

  private write(msg: JsonObject): void {
    this.stdin.push(this.encoder.encode(JSON.stringify(msg) + '\n'));
  }

  private die(f: GuestFailure): GuestFailure {
    this.dead = f;
    this.wasi.files.closeAll();
    return f;
  }

  /** Ends the instance (its owner drops it): closes the files it holds open. */
  dispose(): void {
    if (this.dead === null) this.die(new GuestFailure('exit', 'the instance was closed'));
  }

  /** Runs slices until the guest blocks on input; throws GuestFailure (and dies) on any limit or fault. */
  private async pump(b: Budget): Promise<void> {
    for (;;) {
      if (b.fuelLeft <= 0) throw this.die(new GuestFailure('fuel', `fuel exhausted: ${this.policy.fuel} instructions`));
      const remaining = b.deadlineAt - this.env.now();
      if (remaining <= 0) {
        throw this.die(new GuestFailure('timeout', `execution timeout: the request ran past ${this.policy.executionTimeoutMs} ms`));
      }
      const r = this.execution.run(Math.min(SLICE_FUEL, b.fuelLeft), remaining);
      if (r.status === 'paused') {
        b.fuelLeft -= r.fuelUsed;
        b.used += r.fuelUsed;
        if (this.wasi.waitingForInput) return;
        // Let the event loop serve other clients between slices.
        await nextTurn();
        continue;
      }
      if (r.status === 'done') throw this.die(new GuestFailure('exit', 'the guest returned from _start'));
      this.execution.abandon();
      throw this.die(StdioInstance.classify(r.error, this));
    }
  }

  private static classify(e: unknown, self: StdioInstance | null): GuestFailure {
    if (self?.outputFailure) return self.outputFailure;
    if (self?.wasi.exitCode != null) return new GuestFailure('exit', `the guest exited with code ${self.wasi.exitCode}`);
    if (e instanceof LimitExceeded) {
      switch (e.limit) {
        case 'deadline': return new GuestFailure('timeout', `execution timeout: the request ran past ${self?.policy.executionTimeoutMs ?? '?'} ms`);
        case 'fuel': return new GuestFailure('fuel', e.message);
        case 'memory':
        case 'table': return new GuestFailure('memory', `memory limit: ${e.message}`);
        default: return new GuestFailure('limit', e.message);
      }
    }
    if (e instanceof Trap) return new GuestFailure('trap', `trap: ${e.message}`);
    if (e instanceof GuestFailure) return e;
    throw e;
  }

  private onStdout(bytes: Uint8Array): void {
    this.outputBytes += bytes.length;
    if (this.outputBytes > this.policy.maxOutputBytes) {
      this.outputFailure = new GuestFailure('output', `stdout flood: more than ${this.policy.maxOutputBytes} bytes in one request`);
      throw this.outputFailure;
    }
    this.stdout.push(bytes, (line) => this.onLine(line));
  }

  private onStderr(bytes: Uint8Array): void {
    const room = this.policy.maxLogBytes - this.logBytes;
    if (room <= 0) {
      this.logDropped += bytes.length;
      return;
    }
    const kept = bytes.length <= room ? bytes : bytes.subarray(0, room);
    this.logDropped += bytes.length - kept.length;
    this.logBytes += kept.length;
    this.stderr.push(kept, (line) => this.env.onLog(line));
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    let msg: RpcMessage;
    try {
      const parsed: unknown = JSON.parse(line);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      msg = parsed as RpcMessage;
    } catch {
      this.env.onLog(`(non-JSON on stdout) ${line.slice(0, 200)}`);
      return;
    }
    const hasId = typeof msg.id === 'string' || typeof msg.id === 'number';
    if (typeof msg.method === 'string') {
      const params = objectOrUndefined(msg['params']);
      if (hasId) {
        this.routeGuestRequest(msg.id as string | number, msg.method, params);
        return;
      }
      const n: GuestNotification = { method: msg.method, ...(params !== undefined ? { params } : {}) };
      const flight = this.inFlight;
      if (flight?.ctx !== undefined && CALL_SCOPED.has(n.method)) flight.notified.push(flight.ctx.notify(n).catch(() => undefined));
      else this.env.onNotification(n);
      return;
    }
    if (hasId) this.responses.set(msg.id as string | number, msg);
  }
}
