/**
 * The published JSON Schema of a policy file (`mcp-wrt serve --policy FILE`) and its validation with
 * ajv: an error names the field (JSON pointer) and says why.
 */

import { Ajv, type ErrorObject } from 'ajv';
import type { GuestPolicy } from './policy.js';
import { PolicyError } from './errors.js';

const positiveInt = { type: 'integer', minimum: 1 } as const;

/** The schema of one guest policy. */
export const POLICY_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://mcp-wrt.dev/schemas/policy.json',
  title: 'mcp-wrt guest policy',
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    memoryLimit: { ...positiveInt, maximum: 4 * 1024 * 1024 * 1024 },
    executionTimeoutMs: positiveInt,
    fuel: positiveInt,
    allowedImports: { type: 'array', items: { type: 'string', minLength: 1 } },
    args: { type: 'array', items: { type: 'string' } },
    env: { type: 'object', additionalProperties: { type: 'string' } },
    sha256: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' },
    maxOutputBytes: positiveInt,
    maxLogBytes: { type: 'integer', minimum: 0 },
    dirs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['host', 'guest'],
        properties: {
          host: { type: 'string', minLength: 1 },
          // Absolute, without `.` or `..` components: the name libc matches paths against.
          guest: { type: 'string', pattern: '^/(?!.*(^|/)\\.{1,2}(/|$)).*$' },
          write: { type: 'boolean' },
        },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(POLICY_SCHEMA);

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(policy)' : e.instancePath;
  if (e.keyword === 'additionalProperties') {
    return `${where}: unknown field "${String((e.params as { additionalProperty?: unknown }).additionalProperty)}"`;
  }
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
