/**
 * Test helper: checks results against the official MCP JSON schema of the protocol era
 * (../shared/mcp-schema/<version>/schema.json, JSON Schema 2020-12) with ajv.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';

const VERSIONS = { legacy: '2025-11-25', modern: '2026-07-28' } as const;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const loaded = new Set<string>();

function schemaDir(): string | undefined {
  for (const base of [process.cwd(), resolve(process.cwd(), '..')]) {
    const d = resolve(base, '..', 'shared', 'mcp-schema');
    if (existsSync(d)) return d;
    const d2 = resolve(base, 'shared', 'mcp-schema');
    if (existsSync(d2)) return d2;
  }
  return undefined;
}

/** Problems of `value` as a `def` (e.g. 'CallToolResult') of the era's schema; [] when valid or no schema. */
export function mcpSchemaProblems(era: 'legacy' | 'modern', def: string, value: unknown): string[] {
  const dir = schemaDir();
  if (dir === undefined) return [];
  const version = VERSIONS[era];
  const id = `mcp-${version}`;
  if (!loaded.has(id)) {
    const schema = JSON.parse(readFileSync(join(dir, version, 'schema.json'), 'utf8')) as Record<string, unknown>;
    ajv.addSchema({ ...schema, $id: id });
    loaded.add(id);
  }
  const validate = ajv.getSchema(`${id}#/$defs/${def}`);
  if (validate === undefined) return [`no definition ${def} in ${version}`];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
