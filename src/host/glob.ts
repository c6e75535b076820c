/**
 * Import globs of a policy: `*` matches any run of characters (including none), everything else
 * matches itself. Names are `module.field` for core-module imports (`wasi_snapshot_preview1.fd_read`)
 * and `namespace:package/interface` for component imports (`wasi:mcp/runtime`).
 */
export function globMatches(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  if (!name.startsWith(parts[0]!)) return false;
  let at = parts[0]!.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = name.indexOf(parts[i]!, at);
    if (found < 0) return false;
    at = found + parts[i]!.length;
  }
  const last = parts[parts.length - 1]!;
  return name.length - at >= last.length && name.endsWith(last);
}

export function anyGlobMatches(patterns: readonly string[], name: string): boolean {
  return patterns.some((p) => globMatches(p, name));
}
