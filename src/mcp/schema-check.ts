/**
 * Checks tool arguments against the tool's `inputSchema` before they enter the sandbox, and
 * `structuredContent` against `outputSchema` on the way out, with ajv. Compiled validators are cached
 * by schema text. A message names the failing path (JSON pointer) and the reason.
 */

import { Ajv, type ValidateFunction } from 'ajv';

const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
const cache = new Map<string, ValidateFunction | Error>();

function compiled(schema: unknown): ValidateFunction | Error {
  const key = JSON.stringify(schema);
  let v = cache.get(key);
  if (v === undefined) {
    try {
      v = ajv.compile(schema as object);
    } catch (e) {
      v = e instanceof Error ? e : new Error(String(e));
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** Problems of `value` against `schema`; empty when it conforms. */
export function schemaProblems(schema: unknown, value: unknown): string[] {
  const v = compiled(schema);
  if (v instanceof Error) return [`the schema itself is invalid: ${v.message}`];
  if (v(value)) return [];
  return (v.errors ?? []).map((e) => {
    if (e.keyword === 'required') {
      return `${e.instancePath}/${String((e.params as { missingProperty?: unknown }).missingProperty)}: is required`;
    }
    return `${e.instancePath === '' ? '/' : e.instancePath}: ${e.message ?? e.keyword}`;
  });
}
