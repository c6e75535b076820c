/**
 * MCP log levels (RFC 5424 severities, least severe first, as the MCP schema's LoggingLevel lists
 * them) and the filter logging/setLevel asks for.
 */
export const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;

/** True when a message of `level` passes the `threshold` (no threshold: everything passes). */
export function logLevelAllows(threshold: string | undefined, level: unknown): boolean {
  if (threshold === undefined) return true;
  const min = LOG_LEVELS.indexOf(threshold as (typeof LOG_LEVELS)[number]);
  const at = LOG_LEVELS.indexOf(level as (typeof LOG_LEVELS)[number]);
  // An unknown level in a message is shown (the client can judge it); an unknown threshold filters nothing.
  return min < 0 || at < 0 || at >= min;
}
