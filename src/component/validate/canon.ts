/**
 * Validation of canonical definitions (CanonicalABI.md "Canonical Definitions", "canonopt Validation"):
 * options at most once, `memory` a memory, `realloc` of type [i32 i32 i32 i32] -> [i32] and only with
 * `memory`, `post-return` only on lift with the flattened results as parameters, the options the
 * function type needs, and the core function types of lift/lower and the resource built-ins.
 */

import { ValType, type FuncType as CoreFuncType } from '../../core/binary/module.js';
import { flattenFuncType, flattenTypes, MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, paramTypes, resultTypes } from '../abi/layout.js';
import type { CFuncType, CType } from '../abi/types.js';
import type { Canon, CanonOpt } from '../binary/component.js';
import { containsListOrString } from '../types/resolve.js';
import { canonicalResource } from '../types/substitute.js';
import { at, invalid, type Scope } from '../types/scope.js';

const I32 = ValType.i32;

function sameCoreType(a: CoreFuncType, b: CoreFuncType): boolean {
  return a.params.length === b.params.length && a.results.length === b.results.length &&
    a.params.every((t, i) => t === b.params[i]) && a.results.every((t, i) => t === b.results[i]);
}

function showCore(t: CoreFuncType): string {
  const n = (v: number): string => ({ 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' } as Record<number, string>)[v] ?? `0x${v.toString(16)}`;
  return `[${t.params.map(n).join(' ')}] -> [${t.results.map(n).join(' ')}]`;
}

interface CheckedOpts {
  readonly memory: boolean;
  readonly realloc: boolean;
  readonly postReturn?: number;
}

function checkOpts(opts: readonly CanonOpt[], scope: Scope, lift: boolean, offset: number): CheckedOpts {
  const seen = new Set<string>();
  let memory = false;
  let realloc = false;
  let postReturn: number | undefined;
  for (const o of opts) {
    if (seen.has(o.kind)) {
      throw invalid(o.kind === 'string-encoding' ? 'canonical encoding option `string-encoding` conflicts with a previous one' : `\`${o.kind}\` is specified more than once`, offset);
    }
    seen.add(o.kind);
    switch (o.kind) {
      case 'string-encoding': break;
      case 'memory': at(scope.coreMemories, o.index, 'memory', offset); memory = true; break;
      case 'realloc': {
        const f = at(scope.coreFuncs, o.index, 'core func', offset);
        if (!sameCoreType(f, { params: [I32, I32, I32, I32], results: [I32] })) {
          throw invalid(`canonical option \`realloc\` uses a core function with an incorrect signature: expected [i32 i32 i32 i32] -> [i32], found ${showCore(f)}`, offset);
        }
        realloc = true;
        break;
      }
      case 'post-return':
        at(scope.coreFuncs, o.index, 'core func', offset);
        if (!lift) throw invalid('canonical option `post-return` cannot be specified for lowerings', offset);
        postReturn = o.index;
        break;
      case 'async':
      case 'callback':
        throw invalid(`unsupported canonical option \`${o.kind}\` (async is not supported)`, offset);
    }
  }
  if (realloc && !memory) throw invalid('canonical option `realloc` requires option `memory`', offset);
  return postReturn === undefined ? { memory, realloc } : { memory, realloc, postReturn };
}

function anyListOrString(ts: readonly CType[]): boolean {
  return ts.some(containsListOrString);
}

/** canon lift: returns the component function type it defines. */
function checkLift(c: Extract<Canon, { kind: 'lift' }>, scope: Scope, offset: number): CFuncType {
  const core = at(scope.coreFuncs, c.coreFuncIndex, 'core func', offset);
  const d = at(scope.types, c.typeIndex, 'type', offset);
  if (d.kind !== 'func') throw invalid(`type index ${c.typeIndex} is not a function type`, offset);
  const ft = d.type;
  const o = checkOpts(c.options, scope, true, offset);
  const params = paramTypes(ft);
  const results = resultTypes(ft);
  if (anyListOrString(params) && !o.realloc) throw invalid('canonical option `realloc` is required', offset);
  if (anyListOrString(results) && !o.memory) throw invalid('canonical option `memory` is required', offset);
  if (flattenTypes(params).length > MAX_FLAT_PARAMS && !o.realloc) throw invalid('canonical option `realloc` is required', offset);
  if (flattenTypes(results).length > MAX_FLAT_RESULTS && !o.memory) throw invalid('canonical option `memory` is required', offset);
  const expected = flattenFuncType(ft, 'lift');
  if (!sameCoreType(core, expected)) {
    throw invalid(`lowered function type mismatch: type mismatch for function: expected ${showCore(expected)}, found ${showCore(core)}`, offset);
  }
  if (o.postReturn !== undefined) {
    const pr = scope.coreFuncs[o.postReturn]!;
    if (!sameCoreType(pr, { params: expected.results, results: [] })) {
      throw invalid(`canonical option \`post-return\` uses a core function with an incorrect signature: expected [${expected.results.length} results] -> [], found ${showCore(pr)}`, offset);
    }
  }
  return ft;
}

/** canon lower: returns the core function type it defines. */
function checkLower(c: Extract<Canon, { kind: 'lower' }>, scope: Scope, offset: number): CoreFuncType {
  const ft = at(scope.funcs, c.funcIndex, 'func', offset);
  const o = checkOpts(c.options, scope, false, offset);
  const params = paramTypes(ft);
  const results = resultTypes(ft);
  if (anyListOrString(params) && !o.memory) throw invalid('canonical option `memory` is required', offset);
  if (anyListOrString(results) && !o.realloc) throw invalid('canonical option `realloc` is required', offset);
  if ((flattenTypes(params).length > MAX_FLAT_PARAMS || flattenTypes(results).length > MAX_FLAT_RESULTS) && !o.memory) {
    throw invalid('canonical option `memory` is required', offset);
  }
  return flattenFuncType(ft, 'lower');
}

/** Validates a canon definition and adds what it defines to the index spaces. */
export function validateCanon(c: Canon, scope: Scope, offset: number): void {
  switch (c.kind) {
    case 'lift':
      scope.funcs.push(checkLift(c, scope, offset));
      return;
    case 'lower':
      scope.coreFuncs.push(checkLower(c, scope, offset));
      return;
    case 'resource.new':
    case 'resource.rep':
    case 'resource.drop': {
      const d = at(scope.types, c.typeIndex, 'type', offset);
      if (d.kind !== 'resource') throw invalid(`type index ${c.typeIndex} is not a resource type`, offset);
      if (c.kind !== 'resource.drop' && !scope.definedResources.has(canonicalResource(d.resource))) {
        throw invalid(`type index ${c.typeIndex} is not a resource type defined by this component (${c.kind} needs a local resource)`, offset);
      }
      scope.coreFuncs.push(c.kind === 'resource.drop' ? { params: [I32], results: [] } : { params: [I32], results: [I32] });
      return;
    }
    default:
      throw invalid(`unsupported canonical built-in \`${c.kind}\` (async is not supported)`, offset);
  }
}
