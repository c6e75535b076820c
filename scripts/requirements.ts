/**
 * Loads the requirement records (`requirements/*.yaml`), checks them against the published schema, and
 * collects the requirement IDs that tests claim to verify. The trace is always computed from these two
 * sources, never written by hand.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

export interface Requirement {
  readonly id: string;
  readonly revision: number;
  readonly title: string;
  readonly text: string;
  readonly status: string;
  readonly verification: { readonly kind: string; readonly method: string; readonly justification?: string };
  readonly file: string;
}

export interface TraceReport {
  readonly requirements: readonly Requirement[];
  /** Problems that make the trace invalid (schema errors, duplicate IDs, unknown IDs claimed by tests). */
  readonly errors: readonly string[];
  /** Requirement ID -> test files that name it. */
  readonly verifiedBy: ReadonlyMap<string, readonly string[]>;
  /** Requirements no test names and that carry no written justification. */
  readonly untested: readonly string[];
}

const ID_PATTERN = /REQ-[A-Z]+(?:-[A-Z0-9]+)*-\d{3}/g;

function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

/** Reads and schema-checks every requirement file; returns the records and the problems found. */
export function loadRequirements(root: string): { requirements: Requirement[]; errors: string[] } {
  const schema: unknown = JSON.parse(readFileSync(join(root, 'requirements/schema.json'), 'utf8'));
  const check = new Ajv({ allErrors: true }).compile(schema as object);
  const requirements: Requirement[] = [];
  const errors: string[] = [];
  for (const file of filesUnder(join(root, 'requirements'), '.yaml')) {
    const records: unknown = parse(readFileSync(file, 'utf8'));
    if (!check(records)) {
      for (const e of check.errors ?? []) errors.push(`${file}: ${e.instancePath} ${e.message ?? ''}`);
      continue;
    }
    for (const r of records as Omit<Requirement, 'file'>[]) requirements.push({ ...r, file });
  }
  const seen = new Set<string>();
  for (const r of requirements) {
    if (seen.has(r.id)) errors.push(`duplicate requirement ID ${r.id} (${r.file})`);
    seen.add(r.id);
  }
  return { requirements, errors };
}

/** Builds the trace between requirement records and the test sources that name their IDs. */
export function traceRequirements(root: string): TraceReport {
  const { requirements, errors } = loadRequirements(root);
  const known = new Set(requirements.map((r) => r.id));
  const verifiedBy = new Map<string, string[]>();
  for (const file of filesUnder(join(root, 'test'), '.ts')) {
    for (const id of new Set(readFileSync(file, 'utf8').match(ID_PATTERN) ?? [])) {
      if (!known.has(id)) errors.push(`${file} claims unknown requirement ${id}`);
      else verifiedBy.set(id, [...(verifiedBy.get(id) ?? []), file]);
    }
  }
  const untested = requirements
    .filter((r) => !verifiedBy.has(r.id) && !r.verification.justification)
    .map((r) => r.id);
  return { requirements, errors, verifiedBy, untested };
}
