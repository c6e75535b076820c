/**
 * Builds the platform-free bundle (issue #8): one ES2020 ES module holding the verified core
 * (`src/core`) and, once it type-checks, the Component Model runtime (`src/component`, exported as the
 * namespace `component`). Writes `dist/bundle/mcp-wrt-core.mjs`, its minified twin `.min.mjs`, a
 * declaration file and `manifest.json` with the parts included and the sizes (raw, minified, gzipped).
 *
 * The bundle is what the QuickJS runner (embedded/) and the browser playground (web/) load, so what
 * they prove is proven of this very artefact. `scanForNodeGlobals` is the check that it touches no
 * Node API.
 *
 * Usage: node dist/scripts/bundle.js [--core-only | --after-tsc]
 * `--after-tsc` (used by `npm run build`, which runs it only after tsc compiled the whole project without
 * errors) skips the separate type-check of src/component: the project's compile already was that check.
 */

import { build, type Plugin } from 'esbuild';
import ts from 'typescript';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { packageRoot } from '../spec-tests/suite.js';

export const BUNDLE_NAME = 'mcp-wrt-core';
/** The module specifier under which the bundle is loaded by the embedded runner and the page. */
export const BUNDLE_SPECIFIER = 'mcp-wrt-host/core';

export interface BundleParts {
  /** Whether `src/component` is in the bundle (as the namespace export `component`). */
  readonly component: boolean;
  /** Why the component runtime was left out, when it was. */
  readonly componentExcluded?: string;
}

export interface BundleSizes {
  readonly raw: number;
  readonly min: number;
  readonly gzip: number;
}

export interface BundleResult {
  readonly parts: BundleParts;
  readonly code: string;
  readonly minified: string;
  readonly sizes: BundleSizes;
}

/** The repository root (where src/ lives). */
export function repoRoot(): string {
  const root = packageRoot();
  if (root === undefined) throw new Error('cannot find the mcp-wrt-host package root (run from the repository)');
  return root;
}

/**
 * Decides whether the Component Model runtime goes into the bundle: `src/component/index.ts` must exist
 * and type-check (strict, with everything it imports) at the time of the build.
 */
export function componentReadiness(root: string): BundleParts {
  const entry = join(root, 'src', 'component', 'index.ts');
  if (!existsSync(entry)) return { component: false, componentExcluded: 'src/component/index.ts does not exist' };
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts'],
    types: [],
    strict: true,
    noImplicitOverride: true,
    noFallthroughCasesInSwitch: true,
    skipLibCheck: true,
    noEmit: true,
  });
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length === 0) return { component: true };
  const first = errors[0];
  const where = first.file ? relative(root, first.file.fileName) : '?';
  const text = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  return { component: false, componentExcluded: `src/component does not compile (${errors.length} errors; first: ${where}: ${text})` };
}

/** The entry module: the core's public API, plus the component runtime as a namespace when included. */
function entrySource(parts: BundleParts): string {
  const lines = ["export * from './src/core/index.ts';"];
  if (parts.component) lines.push("export * as component from './src/component/index.ts';");
  return lines.join('\n') + '\n';
}

async function esbuildBundle(root: string, parts: BundleParts, minify: boolean): Promise<string> {
  const result = await build({
    stdin: { contents: entrySource(parts), resolveDir: root, sourcefile: `${BUNDLE_NAME}-entry.ts`, loader: 'ts' },
    bundle: true,
    format: 'esm',
    target: 'es2020',
    platform: 'neutral',
    minify,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

export interface BundleOptions {
  /** Leave the component runtime out. */
  readonly coreOnly?: boolean;
  /** tsc just compiled the whole project without errors: src/component is in when it exists. */
  readonly afterTsc?: boolean;
}

function partsFor(root: string, opts: BundleOptions): BundleParts {
  if (opts.coreOnly) return { component: false, componentExcluded: '--core-only' };
  if (opts.afterTsc) {
    return existsSync(join(root, 'src', 'component', 'index.ts'))
      ? { component: true }
      : { component: false, componentExcluded: 'src/component/index.ts does not exist' };
  }
  return componentReadiness(root);
}

/** Builds the bundle in memory. */
export async function buildBundle(opts: BundleOptions = {}): Promise<BundleResult> {
  const root = repoRoot();
  const parts = partsFor(root, opts);
  const code = await esbuildBundle(root, parts, false);
  const minified = await esbuildBundle(root, parts, true);
  const sizes: BundleSizes = {
    raw: Buffer.byteLength(code),
    min: Buffer.byteLength(minified),
    gzip: gzipSync(minified, { level: 9 }).length,
  };
  return { parts, code, minified, sizes };
}

/** The declaration file of the bundle: the types tsc emitted for the sources it was built from. */
function declarations(parts: BundleParts): string {
  const lines = ["export * from '../src/core/index.js';"];
  if (parts.component) lines.push("export * as component from '../src/component/index.js';");
  return lines.join('\n') + '\n';
}

/** Builds and writes `dist/bundle/`. Returns what was written. */
export async function writeBundle(opts: BundleOptions = {}): Promise<BundleResult & { dir: string }> {
  const result = await buildBundle(opts);
  const dir = bundleDir();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${BUNDLE_NAME}.mjs`), result.code);
  writeFileSync(join(dir, `${BUNDLE_NAME}.min.mjs`), result.minified);
  writeFileSync(join(dir, `${BUNDLE_NAME}.d.mts`), declarations(result.parts));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ parts: result.parts, sizes: result.sizes }, null, 2) + '\n');
  return { ...result, dir };
}

/** Where `npm run build` leaves the bundle. */
export function bundleDir(): string {
  return join(repoRoot(), 'dist', 'bundle');
}

/** The bundle as `npm run build` (or `npm run bundle`) wrote it. Throws when it was not built. */
export function readBuiltBundle(): BundleResult {
  const dir = bundleDir();
  const path = (ext: string): string => join(dir, `${BUNDLE_NAME}${ext}`);
  if (!existsSync(path('.min.mjs')) || !existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`no bundle in ${dir}: run \`npm run build\` (or \`npm run bundle\`) first`);
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { parts: BundleParts; sizes: BundleSizes };
  return { parts: manifest.parts, sizes: manifest.sizes, code: readFileSync(path('.mjs'), 'utf8'), minified: readFileSync(path('.min.mjs'), 'utf8') };
}

/** The runtime names `src/component/index.ts` exports (what the bundle's `component` namespace holds). */
async function componentExportNames(root: string): Promise<string[]> {
  const compiled = join(root, 'dist', 'src', 'component', 'index.js');
  return Object.keys((await import(pathToFileURL(compiled).href)) as Record<string, unknown>);
}

/**
 * An esbuild plugin for code bundled on top of the product bundle (the QuickJS harness, the page):
 * every import that resolves into `src/core/` becomes the external module `specifier`, and every import
 * of `src/component/` a small module re-exporting the bundle's `component` namespace, so that host
 * code pulled in beside (src/host, src/wasi) shares the bundle's classes (`instanceof Trap` holds) and
 * no second copy of the runtime is bundled. Matched on the resolved path, whatever the relative import.
 */
export function bindToProductBundle(specifier: string): Plugin {
  const root = repoRoot();
  const core = join(root, 'src', 'core') + sep;
  const component = join(root, 'src', 'component') + sep;
  return {
    name: 'bind-to-product-bundle',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.path === specifier) return { path: specifier, external: true };
        if (!args.path.startsWith('.')) return undefined;
        const target = resolve(args.resolveDir, args.path);
        if (target.startsWith(core)) return { path: specifier, external: true };
        if (target.startsWith(component)) return { path: 'component', namespace: 'product-bundle' };
        return undefined;
      });
      b.onLoad({ filter: /^component$/, namespace: 'product-bundle' }, async () => {
        const names = await componentExportNames(root);
        return {
          contents: `import { component } from ${JSON.stringify(specifier)};\nexport const { ${names.join(', ')} } = component;\n`,
          loader: 'js',
        };
      });
    },
  };
}

/** A reference to a Node global or API found in a bundle. */
export interface NodeReference {
  readonly name: string;
  /** Character offset in the scanned code. */
  readonly at: number;
}

/** Identifiers that name Node globals or CommonJS machinery; none may be referenced by the bundle. */
export const FORBIDDEN_GLOBALS: ReadonlySet<string> = new Set([
  'process', 'Buffer', 'require', 'module', 'exports', 'global', '__dirname', '__filename',
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate',
]);

/** Whether an identifier node is a property name or a declared name rather than a reference. */
function isNameNotReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) ||
       ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)) && p.name === id) return true;
  if (ts.isExportSpecifier(p) && p.name === id && p.propertyName !== undefined) return true;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return true;
  return false;
}

const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['globalThis', 'self', 'window']);

/** The forbidden name a member access reads (`x.process`, `x['process']`), if any. */
function forbiddenMember(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node) && FORBIDDEN_GLOBALS.has(node.name.text)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) &&
      FORBIDDEN_GLOBALS.has(node.argumentExpression.text)) return node.argumentExpression.text;
  return undefined;
}

/** `globalThis.process`, `self['Buffer']` and the like: a Node global reached through the global object. */
function isGlobalObjectAccess(node: ts.Node): boolean {
  if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return false;
  return ts.isIdentifier(node.expression) && GLOBAL_OBJECTS.has(node.expression.text) && forbiddenMember(node) !== undefined;
}

/**
 * Scans JavaScript for references to Node globals (as identifiers, not property names or strings)
 * and for `node:` module specifiers and `import.meta`. Parses the code, so words inside strings and
 * comments (a message saying "global index") do not count.
 */
export function scanForNodeGlobals(code: string): NodeReference[] {
  const sf = ts.createSourceFile('bundle.mjs', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const found: NodeReference[] = [];
  const visit = (node: ts.Node): void => {
    if (isGlobalObjectAccess(node)) {
      found.push({ name: `globalThis.${forbiddenMember(node) ?? ''}`, at: node.getStart(sf) });
    } else if (ts.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.text) && !isNameNotReference(node)) {
      found.push({ name: node.text, at: node.getStart(sf) });
    } else if (ts.isShorthandPropertyAssignment(node) && FORBIDDEN_GLOBALS.has(node.name.text)) {
      found.push({ name: node.name.text, at: node.getStart(sf) });
    } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text.startsWith('node:')) {
      found.push({ name: node.text, at: node.getStart(sf) });
    } else if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
      found.push({ name: 'import.meta', at: node.getStart(sf) });
    } else if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const spec = node.moduleSpecifier;
      if (spec !== undefined && ts.isStringLiteral(spec)) found.push({ name: `import "${spec.text}"`, at: spec.getStart(sf) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      found.push({ name: 'import()', at: node.getStart(sf) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

async function main(argv: readonly string[]): Promise<void> {
  const r = await writeBundle({ coreOnly: argv.includes('--core-only'), afterTsc: argv.includes('--after-tsc') });
  const refs = scanForNodeGlobals(r.minified);
  console.log(`bundle: ${relative(repoRoot(), r.dir)}/${BUNDLE_NAME}.mjs`);
  console.log(`parts: core${r.parts.component ? ' + component' : ''}${r.parts.componentExcluded ? ` (component left out: ${r.parts.componentExcluded})` : ''}`);
  console.log(`size: raw ${r.sizes.raw} B (${kib(r.sizes.raw)}), minified ${r.sizes.min} B (${kib(r.sizes.min)}), minified+gzip ${r.sizes.gzip} B (${kib(r.sizes.gzip)})`);
  if (refs.length > 0) {
    console.error(`Node references in the bundle: ${refs.map((x) => `${x.name}@${x.at}`).join(', ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  try {
    await main(process.argv.slice(2));
  } catch (e) {
    console.error(`bundle failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
