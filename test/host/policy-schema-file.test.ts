/** The published policy schema (schemas/policy.schema.json) is the one the host validates with. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parsePolicy, POLICY_SCHEMA } from '../../src/host/index.js';
import { ROOT } from '../repo-root.js';

const FILE = join(ROOT, 'schemas', 'policy.schema.json');

test('REQ-HOST-SCHEMA-001: schemas/policy.schema.json equals the schema policy files are checked against, and accepts a full policy', () => {
  const published = JSON.parse(readFileSync(FILE, 'utf8')) as unknown;
  assert.deepEqual(published, JSON.parse(JSON.stringify(POLICY_SCHEMA)), 'regenerate the file from POLICY_SCHEMA when the schema changes');
  const full = {
    $schema: 'https://mcp-wrt.dev/schemas/policy.json', name: 'notes', memoryLimit: 67108864, executionTimeoutMs: 5000, fuel: 1000000,
    allowedImports: ['wasi_snapshot_preview1.*'], args: ['notes'], env: { LANG: 'C' }, sha256: 'a'.repeat(64),
    maxOutputBytes: 1024, maxLogBytes: 0, dirs: [{ host: '/srv/notes', guest: '/notes', write: true }, { host: '.', guest: '/' }],
  };
  const validate = new Ajv({ strict: true }).compile(published as object);
  assert.equal(validate(full), true, JSON.stringify(validate.errors));
  assert.deepEqual(parsePolicy(full), full);
});
