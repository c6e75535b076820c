import { test } from 'node:test';
import assert from 'node:assert/strict';
import { traceRequirements } from '../../scripts/requirements.js';
import { parseJunit } from '../../scripts/test-results.js';
import { buildMatrix, matrixMarkdown } from '../../scripts/trace.js';
import { defaultSuiteDir } from '../../spec-tests/suite.js';
import { fixId, hazId, makeRepo, repoRoot } from './fixture.js';

test('REQ-EVID-TRACE-003: a test claiming an older revision than the record fails the trace as stale', () => {
  const root = makeRepo([{ n: '001', revision: 2 }, { n: '002', revision: 1 }], {
    'test/a.test.ts': `test('${fixId('001')}@1: old claim', () => {});\ntest('${fixId('002')}@1: current claim', () => {});\n`,
    'test/b.test.ts': `test('${fixId('001')}@2: re-checked claim', () => {});\ntest('${fixId('002')}@3: future claim', () => {});\n`,
    'test/c.test.ts': `test('${fixId('001')}: unpinned claim', () => {});\n`,
  });
  const r = traceRequirements(root);
  assert.deepEqual(r.errors, [
    `test/a.test.ts claims a stale revision: ${fixId('001')}@1, the record is at revision 2`,
    `test/b.test.ts claims ${fixId('002')}@3, but the record is only at revision 1`,
  ]);
  // Stale claims do not count as verification; current and unpinned ones do.
  assert.deepEqual(r.verifiedBy.get(fixId('001')), ['test/b.test.ts', 'test/c.test.ts']);
  assert.deepEqual(r.verifiedBy.get(fixId('002')), ['test/a.test.ts']);
});

test('REQ-EVID-TRACE-001: unknown IDs, dangling parents and hazards, and schema errors are reported', () => {
  const root = makeRepo([{ n: '001', parents: [fixId('404')], hazards: [hazId('404')] }], {
    'test/a.test.ts': `test('${fixId('999')}: names nothing', () => {});\n`,
    'requirements/bad.yaml': '- id: not-an-id\n',
  });
  const errors = traceRequirements(root).errors;
  assert.ok(errors.some((e) => e.startsWith('requirements/bad.yaml: ')), errors.join('\n'));
  assert.ok(errors.includes(`test/a.test.ts claims unknown requirement ${fixId('999')}`));
  assert.ok(errors.includes(`${fixId('001')} (requirements/fixture.yaml) names unknown parent ${fixId('404')}`));
  assert.ok(errors.includes(`${fixId('001')} (requirements/fixture.yaml) names unknown hazard ${hazId('404')}`));
});

test('REQ-EVID-TRACE-002: untested requirements are reported unless justified in writing', () => {
  const root = makeRepo([{ n: '001' }, { n: '002', justification: 'checked by review of x.ts' }, { n: '003' }], {
    'test/a.test.ts': `test('${fixId('003')}: covered', () => {});\n`,
  });
  const r = traceRequirements(root);
  assert.deepEqual(r.untested, [fixId('001')]);
  assert.deepEqual(r.justified, [fixId('002')]);
});

test('REQ-EVID-TRACE-004: every spec-suite file maps to existing requirements, and suite tests verify them', () => {
  const root = repoRoot();
  const suite = defaultSuiteDir();
  const r = traceRequirements(root, suite === undefined ? {} : { suiteDir: suite });
  assert.deepEqual(r.errors.filter((e) => e.includes('spec-map')), []);
  assert.ok(r.specMap.size >= 148 || suite === undefined, `only ${r.specMap.size} files mapped`);
  assert.deepEqual(r.specMap.get('i32.wast'), ['REQ-CORE-SEM-001']);
  assert.ok(r.verifiedBy.get('REQ-CORE-SEM-001')?.includes('test/spec/wast-2.0.test.ts'));
  // In a fixture: an unmapped suite file and an unknown ID are both errors.
  const fixture = makeRepo([{ n: '001' }], {
    'requirements/spec-map.yaml': `a.wast: [${fixId('001')}]\nb.wast: [${fixId('777')}]\n`,
    'test/spec/wast-2.0.test.ts': '// runs the suite\n',
    'suite/a.wast': '',
    'suite/b.wast': '',
    'suite/c.wast': '',
  });
  const errors = traceRequirements(fixture, { suiteDir: `${fixture}/suite` }).errors;
  assert.ok(errors.includes(`requirements/spec-map.yaml: b.wast names unknown requirement ${fixId('777')}`), errors.join('\n'));
  assert.ok(errors.includes('requirements/spec-map.yaml: suite file c.wast is not mapped to any requirement'), errors.join('\n'));
});

test('REQ-EVID-TRACE-005: every hazard is mitigated by existing requirements and every hazard link resolves', () => {
  const r = traceRequirements(repoRoot());
  assert.deepEqual(r.errors.filter((e) => e.includes('hazard') || e.includes('HAZ')), []);
  assert.ok(r.hazards.length >= 5);
  for (const h of r.hazards) assert.ok(h.mitigations.length > 0, `${h.id} has no mitigation`);
  const fixture = makeRepo([{ n: '001' }], {
    'safety/hazards.yaml': `- { id: ${hazId('001')}, title: Bad thing, description: it happens, effect: harm, severity: high, layers: [core], mitigations: [${fixId('002')}] }\n`,
  });
  assert.ok(traceRequirements(fixture).errors.includes(`hazard ${hazId('001')} names unknown mitigation ${fixId('002')}`));
});

test('REQ-EVID-TRACE-006: the matrix joins requirements, test results and reached sources, and lists the reverse', () => {
  const root = makeRepo([{ n: '001' }, { n: '002' }, { n: '003', justification: 'by inspection' }, { n: '004' }], {
    'src/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
    'src/b.ts': 'export const b = 1;\n',
    'src/unused.ts': 'export const u = 1;\n',
    'test/helper.ts': "export { a } from '../src/a.js';\n",
    'test/one.test.ts': `import { a } from './helper.js';\ntest('${fixId('001')}: one', () => {});\ntest('${fixId('002')}: two', () => {});\n`,
    'test/four.test.ts': `// ${fixId('004')} is named here but no test title carries it\n`,
    'test/none.test.ts': "test('names nothing', () => {});\n",
  });
  const results = parseJunit(`<?xml version="1.0"?><testsuites>
<testcase name="${fixId('001')}: one" time="0.1" classname="test"/>
<testcase name="${fixId('002')}: two &lt;x&gt; &amp; y" time="0.1" classname="test" failure="boom"><failure type="testCodeFailure" message="boom">stack</failure></testcase>
<testcase name="names nothing" time="0.1" classname="test"><skipped type="skipped" message="why"/></testcase>
</testsuites>`);
  assert.deepEqual(results.map((t) => [t.name, t.outcome]), [
    [`${fixId('001')}: one`, 'pass'],
    [`${fixId('002')}: two <x> & y`, 'fail'],
    ['names nothing', 'skip'],
  ]);
  const m = buildMatrix(root, { file: `${root}/r.xml`, writtenAt: 'now', tests: results, passed: 1, failed: 1, skipped: 1 });
  const row = (n: string) => m.rows.find((r) => r.id === fixId(n))!;
  assert.equal(row('001').outcome, 'passed');
  assert.deepEqual(row('001').sources, ['src/a.ts', 'src/b.ts']);
  assert.equal(row('002').outcome, 'failed');
  assert.equal(row('003').outcome, 'justified');
  assert.equal(row('004').outcome, 'not-run');
  assert.deepEqual(m.testsWithoutRequirement, ['names nothing']);
  assert.deepEqual(m.testFilesWithoutRequirement, ['test/none.test.ts']);
  assert.deepEqual(m.sourcesWithoutRequirement, ['src/unused.ts']);
  const md = matrixMarkdown(m);
  assert.match(md, /generated by scripts\/trace\.ts — do not edit/);
  assert.match(md, new RegExp(`\\| ${fixId('002')} \\| 1 \\|.*\\| failed \\| 0/1 \\|`));
});
