/**
 * Loads the requirement records (`requirements/*.yaml`), the hazards (`safety/hazards.yaml`) and the spec-suite
 * map (`requirements/spec-map.yaml`), checks them against their published schemas, and collects the requirement
 * IDs that tests claim to verify. The trace is always computed from these sources, never written by hand.
 *
 * A test claims a requirement by naming its ID in its title (`REQ-CORE-DEC-003: ...`), optionally pinned to a
 * revision (`REQ-CORE-DEC-003@2: ...`). A pinned claim older than the record's revision is a stale claim: the
 * requirement changed and nobody re-checked that the test still verifies it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

export interface Requirement {
  readonly id: string;
  readonly revision: number;
  readonly title: string;
  readonly text: string;
  readonly rationale: string;
  readonly source: string;
  readonly asil: string;
  readonly status: string;
  readonly verification: { readonly kind: string; readonly method: string; readonly justification?: string };
  readonly parents?: readonly string[];
  readonly hazards?: readonly string[];
  /** The YAML file the record came from, relative to the repository root. */
  readonly file: string;
}

/** The layers of the product a hazard can require mitigations in. */
export type Layer = 'core' | 'component' | 'host' | 'mcp';

export interface Hazard {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly effect: string;
  readonly severity: string;
  /** Every layer listed here must contribute at least one mitigation (checked by hazardLinkErrors). */
  readonly layers: readonly Layer[];
  readonly mitigations: readonly string[];
}

/** Requirement ID prefixes of each layer; IDs of other areas (evidence, harness tooling...) belong to none. */
const LAYER_PREFIXES: readonly (readonly [string, Layer])[] = [
  ['REQ-CORE-', 'core'], ['REQ-HARN-', 'core'], ['REQ-CM-', 'component'], ['REQ-HOST-', 'host'], ['REQ-WASI-', 'host'], ['REQ-MCP-', 'mcp'],
];

/** The layer a requirement belongs to, from its ID prefix. */
export function layerOf(id: string): Layer | undefined {
  return LAYER_PREFIXES.find(([p]) => id.startsWith(p))?.[1];
}

/**
 * The links between hazards and requirements that do not hold: a layer a hazard names without a
 * mitigation from it, a mitigation from a layer the hazard does not name, and a requirement whose own
 * `hazards:` list names a hazard that does not list it as a mitigation. (Unknown IDs are reported by the
 * caller.) hazards.yaml is the one place a link is made; a requirement's `hazards:` may repeat it.
 */
export function hazardLinkErrors(requirements: readonly Requirement[], hazards: readonly Hazard[]): string[] {
  const errors: string[] = [];
  const byId = new Map(hazards.map((h) => [h.id, h]));
  for (const h of hazards) {
    for (const layer of h.layers) {
      if (!h.mitigations.some((m) => layerOf(m) === layer)) errors.push(`hazard ${h.id} names layer ${layer}, but none of its mitigations is a ${layer} requirement`);
    }
    for (const m of h.mitigations) {
      const layer = layerOf(m);
      if (layer !== undefined && !h.layers.includes(layer)) errors.push(`hazard ${h.id} is mitigated by ${m} (layer ${layer}) but does not name layer ${layer}`);
    }
  }
  for (const r of requirements) {
    for (const hid of r.hazards ?? []) {
      const h = byId.get(hid);
      if (h !== undefined && !h.mitigations.includes(r.id)) errors.push(`${r.id} (${r.file}) names hazard ${hid}, which does not list it as a mitigation`);
    }
  }
  return errors;
}

/** Safety requirements (ASIL above QM) of the component, host and MCP layers that no hazard names. */
export function safetyRequirementsWithoutHazard(requirements: readonly Requirement[], hazards: readonly Hazard[]): string[] {
  const named = new Set(hazards.flatMap((h) => h.mitigations));
  return requirements
    .filter((r) => r.asil !== 'QM' && ['component', 'host', 'mcp'].includes(layerOf(r.id) ?? '') && !named.has(r.id))
    .map((r) => r.id);
}

/** One requirement ID named in a test source file. */
export interface Claim {
  readonly id: string;
  /** The revision pinned with `@N`, if any. */
  readonly revision?: number;
  /** Test source file, relative to the repository root. */
  readonly file: string;
}

export interface TraceReport {
  readonly requirements: readonly Requirement[];
  readonly hazards: readonly Hazard[];
  /** Problems that make the trace invalid (schema errors, duplicates, unknown or stale IDs, dangling links). */
  readonly errors: readonly string[];
  /** Requirement ID -> test files that name it (or run the spec-suite files mapped to it). */
  readonly verifiedBy: ReadonlyMap<string, readonly string[]>;
  /** Requirements no test names and that carry no written justification. */
  readonly untested: readonly string[];
  /** Requirements no test names but that carry a written justification. */
  readonly justified: readonly string[];
  /** Safety requirements of the component, host and MCP layers that no hazard names (reported, not an error). */
  readonly withoutHazard: readonly string[];
  /** Spec-suite file name (e.g. `i32.wast`) -> requirement IDs it verifies. */
  readonly specMap: ReadonlyMap<string, readonly string[]>;
  /** Every claim found in test sources. */
  readonly claims: readonly Claim[];
}

export interface TraceOptions {
  /** Directory of test sources to scan (default `<root>/test`). */
  readonly testDir?: string;
  /** Spec-suite directory whose .wast files must all be mapped; skipped when undefined or absent. */
  readonly suiteDir?: string;
}

/** Requirement IDs with an optional `@revision` pin. */
export const CLAIM_PATTERN = /REQ-[A-Z]+(?:-[A-Z0-9]+)*-\d{3}(?:@(\d+))?/g;
const ID_ONLY = /^(REQ-[A-Z]+(?:-[A-Z0-9]+)*-\d{3})(?:@(\d+))?$/;

/** Files of requirements/ that are not lists of requirement records. */
const NOT_RECORDS = new Set(['spec-map.yaml']);
/** The test that runs each spec-suite file (its test titles carry the file name). */
export const SPEC_SUITE_TEST = 'test/spec/wast-2.0.test.ts';

function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

function schemaChecker(path: string): (data: unknown) => string[] {
  const schema: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const check = new Ajv({ allErrors: true }).compile(schema as object);
  return (data) => (check(data) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

/** Reads and schema-checks every requirement file; returns the records and the problems found. */
export function loadRequirements(root: string): { requirements: Requirement[]; errors: string[] } {
  const check = schemaChecker(join(root, 'requirements/schema.json'));
  const requirements: Requirement[] = [];
  const errors: string[] = [];
  for (const path of filesUnder(join(root, 'requirements'), '.yaml')) {
    if (NOT_RECORDS.has(basename(path))) continue;
    const file = relative(root, path);
    let records: unknown;
    try {
      records = parse(readFileSync(path, 'utf8'));
    } catch (e) {
      errors.push(`${file}: not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      continue;
    }
    const problems = check(records);
    if (problems.length > 0) {
      for (const p of problems) errors.push(`${file}: ${p}`);
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

/** Reads and schema-checks safety/hazards.yaml (no hazards when the file is absent). */
export function loadHazards(root: string): { hazards: Hazard[]; errors: string[] } {
  const path = join(root, 'safety/hazards.yaml');
  if (!existsSync(path)) return { hazards: [], errors: [] };
  const data: unknown = parse(readFileSync(path, 'utf8'));
  const problems = schemaChecker(join(root, 'safety/hazards.schema.json'))(data);
  if (problems.length > 0) return { hazards: [], errors: problems.map((p) => `safety/hazards.yaml: ${p}`) };
  const hazards = data as Hazard[];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const h of hazards) {
    if (seen.has(h.id)) errors.push(`duplicate hazard ID ${h.id}`);
    seen.add(h.id);
  }
  return { hazards, errors };
}

/** Reads requirements/spec-map.yaml: `FILE.wast: [REQ-..., ...]`. */
export function loadSpecMap(root: string): { specMap: Map<string, string[]>; errors: string[] } {
  const path = join(root, 'requirements/spec-map.yaml');
  const specMap = new Map<string, string[]>();
  if (!existsSync(path)) return { specMap, errors: [] };
  const data: unknown = parse(readFileSync(path, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { specMap, errors: ['requirements/spec-map.yaml: expected a map from .wast file names to ID lists'] };
  }
  const errors: string[] = [];
  for (const [file, ids] of Object.entries(data)) {
    if (!file.endsWith('.wast') || !Array.isArray(ids) || ids.length === 0 || !ids.every((i) => typeof i === 'string')) {
      errors.push(`requirements/spec-map.yaml: ${file} must map a .wast name to a non-empty list of IDs`);
      continue;
    }
    specMap.set(file, ids as string[]);
  }
  return { specMap, errors };
}

/** Every requirement ID (with optional revision pin) named in the test sources under `testDir`. */
export function scanClaims(root: string, testDir: string): Claim[] {
  const claims: Claim[] = [];
  for (const path of filesUnder(testDir, '.ts')) {
    const file = relative(root, path);
    const seen = new Set<string>();
    for (const m of readFileSync(path, 'utf8').matchAll(CLAIM_PATTERN)) {
      if (seen.has(m[0])) continue;
      seen.add(m[0]);
      const parsed = ID_ONLY.exec(m[0]);
      if (parsed === null) continue;
      claims.push(parsed[2] === undefined ? { id: parsed[1]!, file } : { id: parsed[1]!, revision: Number(parsed[2]), file });
    }
  }
  return claims;
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** Builds the trace between requirement records, hazards, the spec-suite map and the test sources. */
export function traceRequirements(root: string, opts: TraceOptions = {}): TraceReport {
  const loaded = loadRequirements(root);
  const { hazards, errors: hazardErrors } = loadHazards(root);
  const { specMap, errors: mapErrors } = loadSpecMap(root);
  const requirements = loaded.requirements;
  const errors = [...loaded.errors, ...hazardErrors, ...mapErrors];
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const hazardIds = new Set(hazards.map((h) => h.id));

  for (const r of requirements) {
    for (const p of r.parents ?? []) if (!byId.has(p)) errors.push(`${r.id} (${r.file}) names unknown parent ${p}`);
    for (const h of r.hazards ?? []) if (!hazardIds.has(h)) errors.push(`${r.id} (${r.file}) names unknown hazard ${h}`);
  }
  for (const h of hazards) {
    for (const m of h.mitigations) if (!byId.has(m)) errors.push(`hazard ${h.id} names unknown mitigation ${m}`);
  }
  errors.push(...hazardLinkErrors(requirements, hazards));

  const verifiedBy = new Map<string, string[]>();
  const claims = scanClaims(root, opts.testDir ?? join(root, 'test'));
  for (const c of claims) {
    const r = byId.get(c.id);
    if (r === undefined) {
      errors.push(`${c.file} claims unknown requirement ${c.id}`);
      continue;
    }
    if (c.revision !== undefined && c.revision < r.revision) {
      errors.push(`${c.file} claims a stale revision: ${c.id}@${c.revision}, the record is at revision ${r.revision}`);
      continue;
    }
    if (c.revision !== undefined && c.revision > r.revision) {
      errors.push(`${c.file} claims ${c.id}@${c.revision}, but the record is only at revision ${r.revision}`);
      continue;
    }
    add(verifiedBy, c.id, c.file);
  }

  // Spec-suite files verify the IDs the map gives them, through the test that runs each file.
  const specTestExists = existsSync(join(root, SPEC_SUITE_TEST));
  for (const [file, ids] of specMap) {
    for (const id of ids) {
      if (!byId.has(id)) errors.push(`requirements/spec-map.yaml: ${file} names unknown requirement ${id}`);
      else if (specTestExists) add(verifiedBy, id, SPEC_SUITE_TEST);
    }
  }
  if (specMap.size > 0 && !specTestExists) errors.push(`requirements/spec-map.yaml: ${SPEC_SUITE_TEST} (the test that runs the suite) is missing`);
  if (opts.suiteDir !== undefined && existsSync(opts.suiteDir)) {
    const present = new Set(readdirSync(opts.suiteDir).filter((f) => f.endsWith('.wast')));
    for (const f of present) if (!specMap.has(f)) errors.push(`requirements/spec-map.yaml: suite file ${f} is not mapped to any requirement`);
    for (const f of specMap.keys()) if (!present.has(f)) errors.push(`requirements/spec-map.yaml: ${f} is not in the suite ${opts.suiteDir}`);
  }

  const notNamed = requirements.filter((r) => !verifiedBy.has(r.id));
  const untested = notNamed.filter((r) => !r.verification.justification).map((r) => r.id);
  const justified = notNamed.filter((r) => r.verification.justification).map((r) => r.id);
  const withoutHazard = safetyRequirementsWithoutHazard(requirements, hazards);
  return { requirements, hazards, errors, verifiedBy, untested, justified, withoutHazard, specMap, claims };
}
