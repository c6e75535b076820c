/**
 * Import/export names (Component Model Explainer, "Import and Export Definitions" and "Name
 * Uniqueness"): the lexical rules of `label`, `plainname` (with the `[constructor]`, `[method]` and
 * `[static]` annotations) and `interfacename`, and the strongly-unique comparison key.
 *
 * Everything here is a pure function of strings; failures are returned as a reason (`string`) so that
 * the validator decides which error to raise and with what context.
 */

/** An extern name, classified. */
export type ParsedName =
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'constructor'; readonly resource: string }
  | { readonly kind: 'method' | 'static'; readonly resource: string; readonly name: string }
  | { readonly kind: 'interface'; readonly name: string; readonly version?: string };

const FIRST_WORD = /^[a-z][0-9a-z]*$/;
const FIRST_ACRONYM = /^[A-Z][0-9A-Z]*$/;
const WORD = /^[0-9a-z]+$/;
const ACRONYM = /^[0-9A-Z]+$/;

/** label ::= first-fragment ('-' fragment)*, every fragment all-lowercase or all-uppercase. */
export function isLabel(s: string): boolean {
  if (s.length === 0) return false;
  const parts = s.split('-');
  const first = parts[0]!;
  if (!FIRST_WORD.test(first) && !FIRST_ACRONYM.test(first)) return false;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    if (!WORD.test(p) && !ACRONYM.test(p)) return false;
  }
  return true;
}

/** words ::= first-word ('-' word)* (lowercase only). */
function isWords(s: string): boolean {
  if (s.length === 0) return false;
  const parts = s.split('-');
  if (!FIRST_WORD.test(parts[0]!)) return false;
  return parts.slice(1).every((p) => WORD.test(p));
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const CANON_VERSION = /^(?:[1-9]\d*|0\.[1-9]\d*|0\.0\.[1-9]\d*|0\.0\.0)$/;

/** `valid semver` of Semantic Versioning 2.0. */
export function isSemver(s: string): boolean {
  return SEMVER.test(s);
}

/** canonversion (🔗). */
export function isCanonVersion(s: string): boolean {
  return CANON_VERSION.test(s);
}

/** interfacename ::= namespace words projection version? (nested namespaces/packages 🪺 unsupported). */
function parseInterfaceName(s: string): ParsedName | string {
  const at = s.indexOf('@');
  const base = at < 0 ? s : s.slice(0, at);
  const version = at < 0 ? undefined : s.slice(at + 1);
  if (version !== undefined && !isSemver(version) && !isCanonVersion(version)) {
    return `\`${s}\` is not a valid extern name: \`${version}\` is not a valid version`;
  }
  const colon = base.indexOf(':');
  const slash = base.indexOf('/');
  if (colon <= 0 || slash < colon) return `\`${s}\` is not a valid interface name`;
  const ns = base.slice(0, colon);
  const pkg = base.slice(colon + 1, slash);
  const iface = base.slice(slash + 1);
  if (!isWords(ns)) return `\`${ns}\` is not a valid namespace in \`${s}\``;
  if (!isWords(pkg)) return `\`${pkg}\` is not a valid package name in \`${s}\``;
  if (!isLabel(iface)) return `\`${iface}\` is not a valid interface label in \`${s}\``;
  return version === undefined ? { kind: 'interface', name: s } : { kind: 'interface', name: s, version };
}

/** Parses an extern name; returns the reason when it is not valid. */
export function parseExternName(s: string): ParsedName | string {
  if (s.startsWith('[constructor]')) {
    const r = s.slice('[constructor]'.length);
    if (!isLabel(r)) return `\`${r}\` is not in kebab case in \`${s}\``;
    return { kind: 'constructor', resource: r };
  }
  for (const kind of ['method', 'static'] as const) {
    const prefix = `[${kind}]`;
    if (s.startsWith(prefix)) {
      const rest = s.slice(prefix.length);
      const dot = rest.indexOf('.');
      if (dot < 0) return `failed to find \`.\` character in \`${s}\``;
      const resource = rest.slice(0, dot);
      const name = rest.slice(dot + 1);
      if (!isLabel(resource)) return `\`${resource}\` is not in kebab case in \`${s}\``;
      if (!isLabel(name)) return `\`${name}\` is not in kebab case in \`${s}\``;
      return { kind, resource, name };
    }
  }
  if (s.startsWith('[')) return `\`${s}\` is not a valid extern name: unknown annotation`;
  if (s.includes(':') || s.includes('/') || s.includes('@')) return parseInterfaceName(s);
  if (!isLabel(s)) return `\`${s}\` is not in kebab case`;
  return { kind: 'label', label: s };
}

/**
 * The strongly-unique key of a name (Explainer "Name Uniqueness"): acronyms lowercased,
 * `[method]l.l` / `[static]l.l` become `l`, other annotations except `[constructor]` are stripped.
 */
export function uniquenessKey(s: string): string {
  const lower = s.toLowerCase();
  for (const prefix of ['[method]', '[static]']) {
    if (lower.startsWith(prefix)) {
      const rest = lower.slice(prefix.length);
      const dot = rest.indexOf('.');
      if (dot >= 0 && rest.slice(0, dot) === rest.slice(dot + 1)) return rest.slice(0, dot);
      return rest;
    }
  }
  return lower;
}

/** Tracks the names of one scope (imports, or exports) for strong uniqueness. */
export class NameScope {
  private readonly keys = new Map<string, string>();

  /** Returns a reason when `name` conflicts with an earlier name of the scope, else records it. */
  add(name: string, what: string): string | undefined {
    const key = uniquenessKey(name);
    const prev = this.keys.get(key);
    if (prev !== undefined) {
      return prev === name ? `${what} name \`${name}\` already defined` : `${what} name \`${name}\` conflicts with previous name \`${prev}\``;
    }
    this.keys.set(key, name);
    return undefined;
  }
}
