import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isLabel, NameScope, parseExternName, uniquenessKey } from '../../../src/component/validate/names.js';

test('REQ-CM-VAL-001: kebab-case labels (Explainer "Import and Export Definitions")', () => {
  for (const ok of ['a', 'a-b-c', 'a1-2-3', 'A', 'A-B-C', 'A1-2-3', 'a11-w0rds', 'A11-4CR0NYMS', 'm1x3d-4CR0NYMS', 'get-JSON']) {
    assert.ok(isLabel(ok), ok);
  }
  for (const bad of ['', '1-2-3', 'a-', '-a', 'a--b', 'aB', 'a_b', 'a b', 'Ab', 'a-Bc', 'é']) assert.ok(!isLabel(bad), bad);
});

test('REQ-CM-VAL-001: property: a label joined from valid words is a label; an uppercase-lowercase mix in one fragment is not', () => {
  const word = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
  fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (ws) => isLabel(ws.join('-')) && isLabel(ws.join('-').toUpperCase())), { numRuns: 200 });
  fc.assert(fc.property(word, (w) => !isLabel(`${w}Xy`)), { numRuns: 100 });
});

test('REQ-CM-VAL-002: interface names and annotated names are classified', () => {
  assert.deepEqual(parseExternName('wasi:mcp/handlers@0.1.0'), { kind: 'interface', name: 'wasi:mcp/handlers@0.1.0', version: '0.1.0' });
  assert.deepEqual(parseExternName('wasi:http/types'), { kind: 'interface', name: 'wasi:http/types' });
  assert.deepEqual(parseExternName('[constructor]r'), { kind: 'constructor', resource: 'r' });
  assert.deepEqual(parseExternName('[method]r.get-x'), { kind: 'method', resource: 'r', name: 'get-x' });
  assert.deepEqual(parseExternName('[static]r.make'), { kind: 'static', resource: 'r', name: 'make' });
  assert.deepEqual(parseExternName('run'), { kind: 'label', label: 'run' });
  for (const bad of ['wasi:mcp/handlers@1.x', 'Wasi:mcp/h', 'wasi:/h', 'wasi:mcp/', '[method]r', '[foo]r', '[constructor]R_', 'a:b', 'run_fast']) {
    assert.equal(typeof parseExternName(bad), 'string', bad);
  }
});

test('REQ-CM-VAL-003: strongly-unique names (Explainer "Name Uniqueness")', () => {
  const ok = ['foo', 'foo-bar', '[constructor]foo', '[method]foo.bar', '[static]foo.baz', 'foo:bar/baz'];
  const s = new NameScope();
  for (const n of ok) assert.equal(s.add(n, 'export'), undefined, n);
  for (const n of ['foo', 'FOO', 'foo-BAR', '[constructor]FOO', '[method]foo.BAR', '[static]foo.bar', '[method]foo.baz', '[method]foo.foo', 'foo:bar/BAZ']) {
    assert.notEqual(s.add(n, 'export'), undefined, n);
  }
  assert.equal(uniquenessKey('[method]foo.foo'), 'foo');
  assert.equal(uniquenessKey('[constructor]Foo'), '[constructor]foo');
});
