/**
 * The links between hazards and requirements (safety/hazards.yaml): every layer a hazard names has a
 * mitigation, no mitigation comes from a layer the hazard leaves out, and a requirement's own hazards list
 * agrees with the hazards that list it. Checked on small fixtures (each fault alone) and on the repository.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hazardLinkErrors, layerOf, safetyRequirementsWithoutHazard, traceRequirements, type Hazard, type Requirement } from '../../scripts/requirements.js';
import { packageRoot } from '../../spec-tests/suite.js';

const root = packageRoot() ?? process.cwd();
/** A requirement ID assembled at run time, so the real trace (which scans this file) sees no claim. */
const rid = (area: string, n: string): string => ['REQ', area, n].join('-');

function req(id: string, hazards: string[] = [], asil = 'B'): Requirement {
  return {
    id, revision: 1, title: 't', text: 'shall', rationale: 'r', source: 's', asil, status: 'implemented',
    verification: { kind: 'test', method: 'requirements-based' }, parents: [], hazards, file: 'requirements/x.yaml',
  };
}
function hazard(layers: Hazard['layers'], mitigations: string[]): Hazard {
  return { id: 'HAZ-900', title: 't', description: 'd', effect: 'e', severity: 'high', layers, mitigations };
}

test('REQ-EVID-TRACE-007: requirement IDs map to their layer by prefix', () => {
  assert.deepEqual([rid('CORE-VAL', '001'), rid('HARN', '013'), rid('CM-ABI', '010'), rid('HOST-LIFE', '001'), rid('WASI', '004'), rid('MCP-SRV', '005'), rid('EVID-REP', '001')].map(layerOf),
    ['core', 'core', 'component', 'host', 'host', 'mcp', undefined]);
});

test('REQ-EVID-TRACE-007: a layer without a mitigation, a mitigation from an unnamed layer, and a one-sided requirement link are errors', () => {
  const reqs = [req(rid('CORE-EXEC', '001')), req(rid('HOST-LIFE', '001')), req(rid('MCP-SRV', '003'))];
  assert.deepEqual(hazardLinkErrors(reqs, [hazard(['core', 'host'], [rid('CORE-EXEC', '001'), rid('HOST-LIFE', '001')])]), []);
  assert.deepEqual(hazardLinkErrors(reqs, [hazard(['core', 'mcp'], [rid('CORE-EXEC', '001')])]),
    ['hazard HAZ-900 names layer mcp, but none of its mitigations is a mcp requirement']);
  assert.deepEqual(hazardLinkErrors(reqs, [hazard(['core'], [rid('CORE-EXEC', '001'), rid('MCP-SRV', '003')])]),
    [`hazard HAZ-900 is mitigated by ${rid('MCP-SRV', '003')} (layer mcp) but does not name layer mcp`]);
  // Requirements of no layer (evidence tooling, robustness properties) may mitigate any hazard.
  assert.deepEqual(hazardLinkErrors([...reqs, req(rid('ROB', '001'))], [hazard(['core'], [rid('CORE-EXEC', '001'), rid('ROB', '001')])]), []);
  const oneSided = [req(rid('CORE-EXEC', '001')), req(rid('HOST-LIFE', '001'), ['HAZ-900'])];
  assert.deepEqual(hazardLinkErrors(oneSided, [hazard(['core'], [rid('CORE-EXEC', '001')])]),
    [`${rid('HOST-LIFE', '001')} (requirements/x.yaml) names hazard HAZ-900, which does not list it as a mitigation`]);
});

test('REQ-EVID-TRACE-007: safety requirements of the component, host and MCP layers that no hazard names are listed; QM and core ones are not', () => {
  const reqs = [req(rid('CM-ABI', '010')), req(rid('HOST-LIFE', '001')), req(rid('MCP-SRV', '001'), [], 'QM'), req(rid('CORE-EXEC', '001'))];
  assert.deepEqual(safetyRequirementsWithoutHazard(reqs, [hazard(['host'], [rid('HOST-LIFE', '001')])]), [rid('CM-ABI', '010')]);
});

test('REQ-EVID-TRACE-007: in the repository, every hazard of the host names the component, host and MCP layers it passes through, and the links hold', () => {
  const t = traceRequirements(root);
  assert.deepEqual(hazardLinkErrors(t.requirements, t.hazards), []);
  const layers = new Set(t.hazards.flatMap((h) => h.layers));
  for (const l of ['core', 'component', 'host', 'mcp'] as const) assert.ok(layers.has(l), `no hazard is mitigated in layer ${l}`);
  // Each layer's requirements appear among the mitigations.
  for (const l of ['component', 'host', 'mcp'] as const) {
    assert.ok(t.hazards.some((h) => h.mitigations.some((m) => layerOf(m) === l)), `no ${l} requirement mitigates a hazard`);
  }
  console.log(`[trace] safety requirements of the component, host and MCP layers no hazard names: ${t.withoutHazard.length === 0 ? 'none' : t.withoutHazard.join(', ')}`);
});
