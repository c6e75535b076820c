/**
 * The audit log: one JSON line per guest operation (instantiate, tool call, read, prompt), with the
 * guest, the tool, the arguments (secrets redacted, long values cut), the fuel used, the durations
 * of instantiation and of the call, and the outcome.
 */

export interface AuditRecord {
  readonly time: string;
  readonly guest: string;
  readonly op: string;
  readonly tool?: string;
  readonly arguments?: unknown;
  readonly fuelUsed?: number;
  readonly instantiateMs?: number;
  readonly callMs?: number;
  readonly outcome: 'ok' | 'error' | 'refused';
  readonly reason?: string;
  readonly detail?: string;
}

export type AuditSink = (line: string) => void;

/** Keys whose values never reach the log. */
const SECRET_KEY = /pass(word|phrase)?|secret|token|api[-_]?key|auth|credential|private[-_]?key|cookie|session/i;
/** Longest string kept whole; longer ones are cut and marked. */
export const MAX_AUDIT_STRING = 200;
const MAX_DEPTH = 6;
const MAX_ITEMS = 50;

/** A copy of `value` safe to log: secrets replaced, long strings cut, deep or wide values bounded. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_AUDIT_STRING ? `${value.slice(0, MAX_AUDIT_STRING)}…(${value.length} chars)` : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '…(nested)';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => redact(v, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`…(${value.length} items)`);
    return items;
  }
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(value)) {
    if (n++ >= MAX_ITEMS) {
      out['…'] = 'more keys cut';
      break;
    }
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

export class AuditLog {
  constructor(private readonly sink: AuditSink | undefined, private readonly now: () => Date = () => new Date()) {}

  record(entry: Omit<AuditRecord, 'time'>): void {
    if (this.sink === undefined) return;
    const rec: AuditRecord = {
      time: this.now().toISOString(),
      ...entry,
      ...(entry.arguments !== undefined ? { arguments: redact(entry.arguments) } : {}),
      ...(entry.detail !== undefined ? { detail: redact(entry.detail) as string } : {}),
    };
    this.sink(JSON.stringify(rec));
  }
}
