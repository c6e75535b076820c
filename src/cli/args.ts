/**
 * Command-line parsing shared by the subcommands: `--flag value` options, boolean switches and
 * positional arguments, in any order. A token like `-5` is a positional value, not a flag.
 */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string>;
  readonly switches: Set<string>;
}

/**
 * Parses `argv` given which `--name` options take a value and which are switches. `--` ends option
 * parsing. An unknown `--name` is a usage error.
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], switches: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], options: new Map(), switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    if (tok === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!tok.startsWith('--')) {
      out.positional.push(tok);
      continue;
    }
    const eq = tok.indexOf('=');
    const name = eq >= 0 ? tok.slice(2, eq) : tok.slice(2);
    if (valued.includes(name)) {
      const value = eq >= 0 ? tok.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (out.options.has(name)) throw new UsageError(`--${name} given twice`);
      out.options.set(name, value);
    } else if (switches.includes(name) && eq < 0) {
      out.switches.add(name);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return out;
}

/** A non-negative integer option (decimal, `_` allowed, optional binary suffix k/m/g). */
export function parseSize(text: string, what: string): number {
  const m = /^(\d[\d_]*)([kmg]i?b?)?$/i.exec(text.trim());
  if (m === null) throw new UsageError(`${what}: not a size: ${text}`);
  const n = Number(m[1].replace(/_/g, ''));
  const unit = (m[2] ?? '').toLowerCase()[0];
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const v = n * scale;
  if (!Number.isSafeInteger(v)) throw new UsageError(`${what}: too large: ${text}`);
  return v;
}

/** A duration in milliseconds: `500ms`, `2s`, `1.5s`, `1m`, or a bare number of milliseconds. */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (m === null) throw new UsageError(`${what}: not a duration (e.g. 500ms, 2s): ${text}`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  return unit === 'ms' ? n : unit === 's' ? n * 1000 : n * 60_000;
}
