/**
 * The typed embedding API of the component runtime (issue #3): load (decode + validate) a component,
 * see its WIT-level imports and exports, instantiate it with host imports given as plain JS functions
 * and objects, and call its exports with plain JS values (mapping: src/component/abi/types.ts).
 *
 * Each component instance gets its own core Store, created with the given limits, so the host caps
 * memory, fuel (per call into the component), deadline and call depth of the whole instance.
 */

import { EmbeddingError, LinkError } from '../core/errors.js';
import { Store } from '../core/exec/store.js';
import type { Limits } from '../core/exec/limits.js';
import { ResourceType } from './abi/types.js';
import { decodeComponent } from './binary/decode.js';
import type { Component } from './binary/component.js';
import { instantiateIn } from './instantiate/instantiate.js';
import type { RtExtern, RtInstance } from './instantiate/runtime.js';
import type { ComponentType, ExternT } from './types/resolved.js';
import { renderWorld } from './types/render.js';
import { canonicalResource, substFuncType, substTypeDef } from './types/substitute.js';
import { validateComponent } from './validate/component.js';

/** A decoded and validated component. */
export interface LoadedComponent {
  readonly component: Component;
  /** The component's type: imports and exports with resolved (WIT-level) types. */
  readonly type: ComponentType;
}

/** Decodes and validates a component binary. Throws DecodeError or ValidationError. */
export function loadComponent(bytes: Uint8Array): LoadedComponent {
  const component = decodeComponent(bytes);
  return { component, type: validateComponent(component) };
}

/** WIT-style text of a loaded component's imports and exports. */
export function renderWit(c: LoadedComponent, worldName?: string): string {
  return renderWorld(c.type, worldName);
}

/**
 * What the host may supply for an import: a function for a `func` import, an object of such values
 * for an `instance` import, a `ResourceType` for a `(type (sub resource))` import.
 */
export type HostImport = ((...args: never[]) => unknown) | ResourceType | { readonly [name: string]: HostImport };
export type HostImports = { readonly [name: string]: HostImport };

export interface ComponentInstance {
  /** The exports as JS values: functions, objects for instances, ResourceTypes for resource types. */
  readonly exports: Readonly<Record<string, unknown>>;
  /** The core store holding the instance's core instances (for limits and diagnostics). */
  readonly store: Store;
  /** Calls an exported function; `instance#func` names a function of an exported instance. */
  call(name: string, ...args: unknown[]): unknown;
}

function hostExtern(path: string, t: ExternT, v: unknown, s: Map<ResourceType, ResourceType>): RtExtern {
  switch (t.kind) {
    case 'func': {
      if (typeof v !== 'function') throw new LinkError('expected a function', path, '');
      const f = v as (...args: unknown[]) => unknown;
      return { kind: 'func', func: { type: substFuncType(t.type, s), call: (args) => f(...args) } };
    }
    case 'type': {
      const d = t.def;
      if (d.kind === 'resource' && !s.has(canonicalResource(d.resource))) {
        if (!(v instanceof ResourceType)) throw new LinkError('expected a ResourceType', path, '');
        s.set(canonicalResource(d.resource), v);
        return { kind: 'type', def: { kind: 'resource', resource: v } };
      }
      return { kind: 'type', def: substTypeDef(d, s) };
    }
    case 'instance': {
      if (v === null || typeof v !== 'object') throw new LinkError('expected an object of instance exports', path, '');
      const src = v as Record<string, unknown>;
      const exports = new Map<string, RtExtern>();
      for (const [n, et] of t.type.exports) {
        if (!Object.prototype.hasOwnProperty.call(src, n) && !(et.kind === 'type' && et.def.kind !== 'resource')) {
          throw new LinkError('missing instance export', path, n);
        }
        exports.set(n, hostExtern(`${path}/${n}`, et, src[n], s));
      }
      return { kind: 'instance', instance: { exports } };
    }
    default:
      throw new LinkError(`the host cannot supply a ${t.kind} import`, path, '');
  }
}

function toJs(x: RtExtern): unknown {
  switch (x.kind) {
    case 'func': {
      const f = x.func;
      return (...args: unknown[]): unknown => f.call(args, null);
    }
    case 'instance': return instanceToJs(x.instance);
    case 'type': return x.def.kind === 'resource' ? x.def.resource : x.def;
    case 'component': return x.component;
    case 'core module': return x.module;
  }
}

function instanceToJs(i: RtInstance): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [n, x] of i.exports) o[n] = toJs(x);
  return o;
}

/**
 * Instantiates a loaded component. Imports are matched by name against the component's import types
 * (LinkError when one is missing or of the wrong kind); traps during instantiation (core start
 * functions, `start`) propagate as the core's typed errors.
 */
export function instantiateComponent(c: LoadedComponent, imports: HostImports = {}, limits: Partial<Limits> = {}): ComponentInstance {
  if (c === null || typeof c !== 'object' || !('component' in c) || !('type' in c)) throw new EmbeddingError('not a component produced by loadComponent()');
  const store = new Store({ limits });
  const s = new Map<ResourceType, ResourceType>();
  const args = new Map<string, RtExtern>();
  for (const [name, t] of c.type.imports) {
    // A plain (non-resource) type import needs nothing from the host: its definition is the import's type.
    if (!Object.prototype.hasOwnProperty.call(imports, name) && !(t.kind === 'type' && t.def.kind !== 'resource')) {
      throw new LinkError('missing import', name, '');
    }
    args.set(name, hostExtern(name, t, imports[name], s));
  }
  const inst = instantiateIn(store, c.component, args, undefined, null, 'root');
  const exports = instanceToJs(inst);
  return {
    exports,
    store,
    call(name: string, ...a: unknown[]): unknown {
      let x: RtExtern | undefined;
      let cur: RtInstance = inst;
      const parts = name.split('#');
      for (let i = 0; i < parts.length; i++) {
        x = cur.exports.get(parts[i]!);
        if (x === undefined) break;
        if (i < parts.length - 1) {
          if (x.kind !== 'instance') { x = undefined; break; }
          cur = x.instance;
        }
      }
      if (x === undefined || x.kind !== 'func') throw new EmbeddingError(`no exported function "${name}"`);
      return x.func.call(a, null);
    },
  };
}
