/**
 * Loading a component guest: decode and validate it (the component runtime's `loadComponent`), check
 * its imports against the policy's `allowedImports` (every offending import named), then tell the two
 * kinds apart by their exports: `wasi:mcp/handlers` + `wasi:cli/run` make a WASI-MCP component (kind 1),
 * anything else a plain component (kind 2). Each kind gets only the imports this host provides for it;
 * any other import refuses the guest before it runs. A WASI-MCP component may also import WASI 0.2
 * when the host passes the services behind it (`wasi2`). Platform-free (no node:*).
 */

import { loadComponent, type LoadedComponent } from '../component/index.js';
import type { AuditLog } from './audit.js';
import { PolicyError } from './errors.js';
import type { McpGuest } from './guest.js';
import { PlainComponentGuest } from './plain-component-guest.js';
import { checkImports, type ResolvedPolicy } from './policy.js';
import { isWasiMcpImport, WasiMcpGuest, wasiMcpExports, type Wasi2Env } from './wasi-mcp-guest.js';

/** Whether an import needs nothing from the host: an instance of type exports only (WIT `use`). */
function typesOnly(c: LoadedComponent, name: string): boolean {
  const t = c.type.imports.get(name);
  return t !== undefined && t.kind === 'instance' && [...t.type.exports.values()].every((x) => x.kind === 'type' && x.def.kind !== 'resource');
}

/** Loads a component guest, or calls `refuse` (which throws) with the DecodeError, ValidationError or PolicyError. */
export function loadComponentGuest(
  bytes: Uint8Array, policy: ResolvedPolicy, audit: AuditLog, refuse: (e: Error) => never, wasi2?: Wasi2Env,
): McpGuest {
  let component: LoadedComponent;
  try {
    component = loadComponent(bytes);
  } catch (e) {
    return refuse(e as Error);
  }
  const imports = [...component.type.imports.keys()];
  try {
    checkImports(imports, policy.allowedImports);
    const mcp = wasiMcpExports(component);
    const provided = mcp !== undefined ? (n: string): boolean => isWasiMcpImport(n, wasi2) : (n: string): boolean => typesOnly(component, n);
    const foreign = imports.filter((n) => !provided(n));
    if (foreign.length > 0) {
      const kind = mcp !== undefined ? 'a WASI-MCP component' : 'a plain component';
      throw new PolicyError(`imports this host cannot provide to ${kind}: ${foreign.join(', ')}`, foreign);
    }
    return mcp !== undefined ? new WasiMcpGuest(component, mcp, policy, audit, wasi2) : new PlainComponentGuest(component, policy, audit);
  } catch (e) {
    return refuse(e as Error);
  }
}
