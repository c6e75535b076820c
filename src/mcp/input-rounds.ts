/**
 * Guest requests to the client in the stateless 2026-07-28 era. That era has no server-to-client
 * requests: a handler returns an `input_required` result naming what it needs (`inputRequests`,
 * only sampling/createMessage, elicitation/create and roots/list) and an opaque `requestState`; the
 * client answers them and sends the same request again with `inputResponses` and that state.
 *
 * A stdio guest cannot be asked to start over: it is suspended in the middle of its call, waiting
 * for the answer. So the call is parked: `requestState` is a random key to the parked call (no
 * client data is trusted: an unknown key is refused), the retried request delivers the answers to
 * the suspended guest and waits again, until the call completes or asks again. A parked call the
 * client does not resume within `parkMs` gets error answers, so the guest finishes and frees its
 * instance. Progress and log notifications go to the request of the current round.
 */
import { randomUUID } from 'node:crypto';
import type { CallContext, GuestNotification, JsonObject } from '../host/guest.js';

/** Methods an input_required result may carry, and the client capability each needs. */
export const INPUT_REQUEST_CAPABILITY: Readonly<Record<string, string>> = {
  'sampling/createMessage': 'sampling',
  'elicitation/create': 'elicitation',
  'roots/list': 'roots',
};

export interface RpcErrorShape {
  readonly code: number;
  readonly message: string;
}

/** A guest request waiting for its answer. */
interface Ask {
  readonly method: string;
  readonly params: JsonObject;
  answer(result: JsonObject): void;
  fail(e: RpcErrorShape): void;
}

/** What a round of a conversation ends with. */
export type Round<T> = { readonly done: T } | { readonly asks: ReadonlyMap<string, { method: string; params: JsonObject }> };

/** The parts of a request's context a round uses (the current round's way back to the client). */
export interface RoundContext {
  readonly progressToken?: string | number;
  readonly signal?: AbortSignal;
  /** The client capabilities the request's envelope declares. */
  readonly clientCapabilities: JsonObject;
  notify(n: GuestNotification): Promise<void>;
}

/** One guest call followed across the client's input_required rounds. */
export class Conversation<T> {
  private readonly asks = new Map<string, Ask>();
  private readonly done: Promise<{ done: T }>;
  private wake: (() => void) | null = null;
  private nextKey = 1;
  private round: RoundContext;

  constructor(first: RoundContext, start: (ctx: CallContext) => Promise<T>) {
    this.round = first;
    const ctx: CallContext = {
      ...(first.progressToken !== undefined ? { progressToken: first.progressToken } : {}),
      ...(first.signal !== undefined ? { signal: first.signal } : {}),
      notify: (n) => this.round.notify(n),
      request: (method, params) => this.ask(method, params),
    };
    this.done = start(ctx).then((done) => ({ done }));
    // Observed by next(); a conversation abandoned meanwhile must not leave an unhandled rejection.
    this.done.catch(() => undefined);
  }

  private ask(method: string, params: JsonObject): Promise<JsonObject> {
    const capability = INPUT_REQUEST_CAPABILITY[method];
    if (capability === undefined) {
      return Promise.reject({ code: -32601, message: `${method} cannot be asked of a 2026-07-28 client (input requests are sampling, elicitation and roots only)` });
    }
    if (this.round.clientCapabilities[capability] === undefined) {
      return Promise.reject({ code: -32601, message: `the client does not declare the ${capability} capability` });
    }
    return new Promise<JsonObject>((answer, fail) => {
      this.asks.set(`guest-${this.nextKey++}`, { method, params, answer, fail });
      this.wake?.();
    });
  }

  /** Starts the next round: the client's answers go to the guest, and `round` serves notifications. */
  resume(round: RoundContext, responses: Readonly<Record<string, unknown>>): void {
    this.round = round;
    for (const [key, ask] of this.asks) {
      const r = responses[key];
      if (r === null || typeof r !== 'object' || Array.isArray(r)) continue; // still unanswered: asked again
      this.asks.delete(key);
      ask.answer(r as JsonObject);
    }
  }

  /** Runs until the call completes or the guest waits for answers the client must give. */
  async next(): Promise<Round<T>> {
    const asked = new Promise<'asked'>((resolve) => {
      this.wake = () => resolve('asked');
      if (this.asks.size > 0) resolve('asked');
    });
    const r = await Promise.race([this.done, asked]);
    this.wake = null;
    if (r !== 'asked') return r;
    return { asks: new Map([...this.asks].map(([k, a]) => [k, { method: a.method, params: a.params }])) };
  }

  /** Answers every open ask with `e` (the client went away), so the guest can finish. */
  abandon(e: RpcErrorShape): void {
    for (const a of this.asks.values()) a.fail(e);
    this.asks.clear();
  }
}

/** Parked conversations by their requestState key. */
export class ParkedCalls {
  private readonly parked = new Map<string, { conv: Conversation<unknown>; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly parkMs = 120_000, private readonly maxParked = 256) {}

  /** Parks `conv` and returns its key (the requestState); the oldest is abandoned past the cap. */
  park(conv: Conversation<unknown>): string {
    if (this.parked.size >= this.maxParked) {
      const oldest = this.parked.keys().next().value;
      if (oldest !== undefined) this.abandon(oldest, 'too many calls wait for their clients');
    }
    const key = randomUUID();
    const timer = setTimeout(() => this.abandon(key, `the client did not answer within ${this.parkMs} ms`), this.parkMs);
    timer.unref();
    this.parked.set(key, { conv, timer });
    return key;
  }

  /** The conversation parked under `key`, removed from the parking. */
  take(key: string): Conversation<unknown> | undefined {
    const p = this.parked.get(key);
    if (p === undefined) return undefined;
    clearTimeout(p.timer);
    this.parked.delete(key);
    return p.conv;
  }

  private abandon(key: string, why: string): void {
    this.take(key)?.abandon({ code: -32603, message: why });
  }

  close(): void {
    for (const key of [...this.parked.keys()]) this.abandon(key, 'the server is closing');
  }
}
