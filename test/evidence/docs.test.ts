import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './fixture.js';

/**
 * The fast half of the documentation check: the same rule typedoc.json enforces (`npm run docs`, warnings
 * are errors), checked with the TypeScript compiler over src/core only, so it can run in every `npm test`.
 */
test('REQ-EVID-DOC-001: every export of src/core/index.ts and every public method of an exported class has a doc comment', () => {
  const root = repoRoot();
  const entry = join(root, 'src/core/index.ts');
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const missing: string[] = [];
  const documented = (s: ts.Symbol): boolean => s.getDocumentationComment(checker).length > 0;
  const exports = checker.getExportsOfModule(moduleSymbol);
  for (const exported of exports) {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!documented(target)) missing.push(exported.name);
    if (target.flags & ts.SymbolFlags.Class) {
      for (const member of target.members?.values() ?? []) {
        const decl = member.declarations?.[0];
        if (decl === undefined || !ts.isMethodDeclaration(decl)) continue;
        const mods = ts.getCombinedModifierFlags(decl);
        if (mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) || member.name.startsWith('#')) continue;
        if (!documented(member)) missing.push(`${exported.name}.${member.name}`);
      }
    }
  }
  assert.ok(exports.length > 30, `only ${exports.length} exports found`);
  assert.deepEqual(missing, []);
  const config = JSON.parse(readFileSync(join(root, 'typedoc.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(config['treatWarningsAsErrors'], true);
  assert.deepEqual(config['entryPoints'], ['src/core/index.ts']);
});
