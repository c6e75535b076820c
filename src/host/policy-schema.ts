/**
 * The published JSON Schema of a policy file (`mcp-wrt serve --policy FILE`) and its validation with
 * ajv: an error names the field (JSON pointer) and says why.
 */

import { Ajv, type ErrorObject } from 'ajv';
import type { GuestPolicy } from './policy.js';
import { PolicyError } from './errors.js';

const positiveInt = { type: 'integer', minimum: 1 } as const;

/**
 * The schema of one guest policy, published as schemas/policy.schema.json (a test keeps the file
 * equal to this object). Each `description` of a pattern also says why a value was refused.
 */
export const POLICY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://mcp-wrt.dev/schemas/policy.json',
  title: 'mcp-wrt guest policy',
  description: 'What one WebAssembly guest may use when mcp-wrt serves it (mcp-wrt serve --policy FILE).',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'the URL of this schema, for editors' },
    name: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', description: '1 to 64 letters, digits, _ or -' },
    memoryLimit: { ...positiveInt, maximum: 4 * 1024 * 1024 * 1024, description: 'bytes of memory and tables of one instance' },
    executionTimeoutMs: { ...positiveInt, description: 'wall-clock milliseconds one request may run' },
    fuel: { ...positiveInt, description: 'instructions one request may execute' },
    allowedImports: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'import globs, e.g. wasi_snapshot_preview1.*' },
    args: { type: 'array', items: { type: 'string' }, description: 'argv the guest sees' },
    env: { type: 'object', additionalProperties: { type: 'string' }, description: 'environment variables the guest sees' },
    sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$', description: '64 hexadecimal digits (the sha256 of the guest)' },
    maxOutputBytes: { ...positiveInt, description: 'bytes of stdout one request may produce' },
    maxLogBytes: { type: 'integer', minimum: 0, description: 'bytes of stderr kept per request' },
    dirs: {
      type: 'array',
      description: 'directories the guest may reach (none by default)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['host', 'guest'],
        properties: {
          host: { type: 'string', minLength: 1, description: 'the directory on the host' },
          guest: {
            type: 'string',
            pattern: '^/(?!.*(^|/)\\.{1,2}(/|$)).*$',
            description: 'an absolute path without . or .. components (the name the guest sees)',
          },
          write: { type: 'boolean', description: 'write access; read-only when absent or false' },
        },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
const validate = ajv.compile(POLICY_SCHEMA);

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(policy)' : e.instancePath;
  if (e.keyword === 'additionalProperties') {
    return `${where}: unknown field "${String((e.params as { additionalProperty?: unknown }).additionalProperty)}"`;
  }
  const why = (e.parentSchema as { description?: unknown } | undefined)?.description;
  if (e.keyword === 'pattern' && typeof why === 'string') return `${where}: must be ${why} (got ${JSON.stringify(e.data)})`;
  return `${where}: ${e.message ?? e.keyword}`;
}

/** Validates a parsed policy file; throws PolicyError listing every problem. */
export function parsePolicy(json: unknown): GuestPolicy {
  if (!validate(json)) {
    const problems = (validate.errors ?? []).map(describe);
    throw new PolicyError(`invalid policy: ${problems.join('; ')}`);
  }
  return json as GuestPolicy;
}
