/**
 * The host side of `wasi:mcp/runtime` (wit/wasi-mcp.wit) for one component instance: it keeps what
 * the guest registered (listing is answered from it) and collects what the guest sends during a call
 * (log records, progress, notifications), bounded, to be delivered when the call has returned (the
 * canonical ABI call is synchronous; nothing can reach a client while it runs).
 *
 * Bounds per call: at most MAX_NOTIFICATIONS distinct notifications, MAX_LOG_RECORDS log records of
 * together at most `maxLogBytes` bytes of message text, and MAX_PROGRESS progress reports; the rest
 * is dropped and counted. Platform-free (no node:*).
 */

import type { HostImports } from '../component/index.js';
import type { GuestNotification, JsonObject, PromptInfo, ResourceInfo, ResourceTemplateInfo, ToolInfo } from './guest.js';
import {
  ContractError, errorRecord, parseJson, promptInfo, resourceInfo, resourceTemplateInfo, toolInfo,
} from './wasi-mcp-convert.js';

export const MAX_NOTIFICATIONS = 100;
export const MAX_LOG_RECORDS = 200;
export const MAX_PROGRESS = 100;
/** Entries of one registration list. */
export const MAX_REGISTERED = 1000;

type W = Readonly<Record<string, unknown>>;
const OK = { tag: 'ok' } as const;

/** What one call (or the boot) produced for the client. */
export interface CallOutput {
  /** Log records and progress of the call: they belong on the call's own response stream. */
  readonly related: GuestNotification[];
  /** List changes and resource updates: for every connected client. */
  readonly broadcast: GuestNotification[];
  /** Items dropped because a bound was reached. */
  readonly dropped: number;
}

const NOTIFICATION_METHODS: Readonly<Record<string, string>> = {
  'tools-list-changed': 'notifications/tools/list_changed',
  'resources-list-changed': 'notifications/resources/list_changed',
  'prompts-list-changed': 'notifications/prompts/list_changed',
  'resource-updated': 'notifications/resources/updated',
};

export class WasiMcpRuntime {
  server: W | null = null;
  tools: ToolInfo[] = [];
  resources: ResourceInfo[] = [];
  templates: ResourceTemplateInfo[] = [];
  prompts: PromptInfo[] = [];
  served = false;

  private related: GuestNotification[] = [];
  private broadcast = new Map<string, GuestNotification>();
  private logRecords = 0;
  private logBytes = 0;
  private progressCount = 0;
  private dropped = 0;
  private progressToken: string | number | undefined;

  constructor(private readonly guestName: string, private readonly maxLogBytes: number) {}

  /** Starts collecting for a new call; `progressToken` is the client's token, if it sent one. */
  begin(progressToken?: string | number): void {
    this.related = [];
    this.broadcast = new Map();
    this.logRecords = 0;
    this.logBytes = 0;
    this.progressCount = 0;
    this.dropped = 0;
    this.progressToken = progressToken;
  }

  /** What the call produced (and resets the collection). */
  end(): CallOutput {
    const out = { related: this.related, broadcast: [...this.broadcast.values()], dropped: this.dropped };
    this.begin();
    return out;
  }

  /**
   * What the guest writes to WASI 0.2 stdout/stderr (a JS guest's console.log): host log lines, within
   * the same per-call byte budget as log records; the rest is dropped and counted.
   */
  output(bytes: Uint8Array, onLine: (line: string) => void): void {
    const room = this.maxLogBytes - this.logBytes;
    if (room <= 0) {
      this.dropped++;
      return;
    }
    const kept = bytes.length <= room ? bytes : bytes.subarray(0, room);
    this.logBytes += kept.length;
    if (kept.length < bytes.length) this.dropped++;
    for (const line of new TextDecoder().decode(kept).split('\n')) if (line !== '') onLine(line);
  }

  imports(): HostImports {
    const register = <T>(kind: string, convert: (x: W) => T, set: (xs: T[]) => void) => (list: W[]): unknown => {
      if (list.length > MAX_REGISTERED) return errorRecord(-32602, `${kind}: at most ${MAX_REGISTERED} entries`);
      try {
        set(list.map(convert));
        return OK;
      } catch (e) {
        if (e instanceof ContractError) return errorRecord(-32602, `${kind}: ${e.message}`);
        throw e;
      }
    };
    return {
      'wasi:mcp/types@0.1.0': {},
      'wasi:mcp/runtime@0.1.0': {
        'register-server': (info: W): unknown => {
          this.server = info;
          return OK;
        },
        'register-tools': register('register-tools', toolInfo, (xs) => { this.tools = xs; }),
        'register-resources': register('register-resources', resourceInfo, (xs) => { this.resources = xs; }),
        'register-resource-templates': register('register-resource-templates', resourceTemplateInfo, (xs) => { this.templates = xs; }),
        'register-prompts': register('register-prompts', promptInfo, (xs) => { this.prompts = xs; }),
        serve: (): unknown => {
          if (this.served) return errorRecord(-32600, 'serve() was already called');
          this.served = true;
          return OK;
        },
        'send-notification': (n: { tag: string; val?: unknown }): unknown => {
          const method = NOTIFICATION_METHODS[n.tag]!;
          const note: GuestNotification = n.tag === 'resource-updated' ? { method, params: { uri: String(n.val) } } : { method };
          const key = JSON.stringify(note);
          if (this.broadcast.has(key)) return OK;
          if (this.broadcast.size >= MAX_NOTIFICATIONS) {
            this.dropped++;
            return errorRecord(-32000, `more than ${MAX_NOTIFICATIONS} notifications in one call`);
          }
          this.broadcast.set(key, note);
          return OK;
        },
        log: (level: string, message: string, data: Uint8Array | null): void => {
          if (this.logRecords >= MAX_LOG_RECORDS || this.logBytes + message.length > this.maxLogBytes) {
            this.dropped++;
            return;
          }
          this.logRecords++;
          this.logBytes += message.length;
          let details: unknown;
          if (data !== null) {
            try {
              details = parseJson(data, 'log data');
            } catch {
              details = undefined;
            }
          }
          const params: JsonObject = { level, logger: this.guestName, data: details === undefined ? message : { message, data: details } };
          this.related.push({ method: 'notifications/message', params });
        },
        'report-progress': (token: string, progress: number, total: number | null): void => {
          if (this.progressToken === undefined) return;
          if (this.progressCount >= MAX_PROGRESS) {
            this.dropped++;
            return;
          }
          this.progressCount++;
          this.related.push({
            method: 'notifications/progress',
            params: { progressToken: this.progressToken, progress, ...(total !== null ? { total } : {}), ...(token !== '' ? { message: token } : {}) },
          });
        },
      },
    };
  }
}
