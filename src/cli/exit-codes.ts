/** Exit codes of the `mcp-wrt` CLI: one per error class, so scripts can tell failures apart. */

import { CfiViolation, DecodeError, LimitExceeded, LinkError, Trap, ValidationError } from '../core/errors.js';
import { UsageError } from './args.js';

export const ExitCode = {
  ok: 0,
  other: 1,
  usage: 2,
  decode: 3,
  validation: 4,
  link: 5,
  trap: 6,
  limit: 7,
  cfi: 8,
} as const;

/** The exit code for an error that ended a command. */
export function exitCodeFor(e: unknown): number {
  if (e instanceof UsageError) return ExitCode.usage;
  if (e instanceof DecodeError) return ExitCode.decode;
  if (e instanceof ValidationError) return ExitCode.validation;
  if (e instanceof LinkError) return ExitCode.link;
  if (e instanceof Trap) return ExitCode.trap;
  if (e instanceof LimitExceeded) return ExitCode.limit;
  if (e instanceof CfiViolation) return ExitCode.cfi;
  return ExitCode.other;
}
