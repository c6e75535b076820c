/**
 * A throw-away repository layout for the trace and evidence tests: requirement records, a test directory,
 * sources, hazards. IDs are assembled at run time (`fixId('001')`) so the real trace, which scans this
 * file too, never sees a fixture ID.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../spec-tests/suite.js';

export const repoRoot = (): string => {
  const root = packageRoot();
  if (root === undefined) throw new Error('repository root not found');
  return root;
};

/** A fixture requirement ID, e.g. fixId('001') -> the ID `REQ` `FIX` `001` joined with dashes. */
export const fixId = (n: string): string => ['REQ', 'FIX', n].join('-');
export const hazId = (n: string): string => ['HAZ', n].join('-');

export interface FixtureRecord {
  readonly n: string;
  readonly revision?: number;
  readonly justification?: string;
  readonly hazards?: readonly string[];
  readonly parents?: readonly string[];
}

function yamlRecord(r: FixtureRecord): string {
  const verification = r.justification === undefined
    ? '{ kind: test, method: requirements-based }'
    : `{ kind: analysis, method: analysis, justification: "${r.justification}" }`;
  return [
    `- id: ${fixId(r.n)}`,
    `  revision: ${r.revision ?? 1}`,
    `  title: Fixture requirement ${r.n}`,
    '  text: The fixture shall do thing ' + r.n + '.',
    '  rationale: test fixture',
    '  source: test/evidence',
    '  asil: B',
    `  verification: ${verification}`,
    '  status: implemented',
    `  parents: [${(r.parents ?? []).join(', ')}]`,
    `  hazards: [${(r.hazards ?? []).join(', ')}]`,
  ].join('\n');
}

/** Creates a fixture repository; `files` maps repository-relative paths to contents. */
export function makeRepo(records: readonly FixtureRecord[], files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'evid-fixture-'));
  const real = repoRoot();
  mkdirSync(join(dir, 'requirements'), { recursive: true });
  mkdirSync(join(dir, 'safety'), { recursive: true });
  mkdirSync(join(dir, 'test'), { recursive: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  copyFileSync(join(real, 'requirements/schema.json'), join(dir, 'requirements/schema.json'));
  copyFileSync(join(real, 'safety/hazards.schema.json'), join(dir, 'safety/hazards.schema.json'));
  writeFileSync(join(dir, 'requirements/fixture.yaml'), records.map(yamlRecord).join('\n') + '\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
