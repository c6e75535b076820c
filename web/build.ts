/**
 * Builds the playground (web/page) into a static directory, by default `dist/web/`: index.html,
 * style.css, app.js (the page code, type-checked strictly against the DOM first) and mcp-wrt-core.mjs
 * (the minified product bundle as `npm run build` wrote it to dist/bundle, which app.js imports: the page
 * runs on the same artefact as QuickJS).
 *
 * Usage: node dist/web/build.js [OUT_DIR]
 */

import { build } from 'esbuild';
import ts from 'typescript';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BUNDLE_NAME, bindToProductBundle, readBuiltBundle, repoRoot, type BundleResult } from '../scripts/bundle.js';

const BUNDLE_FILE = `${BUNDLE_NAME}.mjs`;

/** Type-checks web/page with its own tsconfig (DOM library); returns the error messages. */
export function typecheckPage(root: string): string[] {
  const configPath = join(root, 'web', 'page', 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, ' '));
    },
  });
  if (parsed === undefined) return [`cannot read ${configPath}`];
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => `${d.file ? relative(root, d.file.fileName) : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

export interface WebBuild {
  readonly dir: string;
  readonly bundle: BundleResult;
}

/** Builds the page into `outDir` (default dist/web). Throws when the page does not type-check. */
export async function buildWeb(outDir?: string): Promise<WebBuild> {
  const root = repoRoot();
  const dir = resolve(outDir ?? join(root, 'dist', 'web'));
  const errors = typecheckPage(root);
  if (errors.length > 0) throw new Error(`web/page does not type-check:\n${errors.join('\n')}`);
  const bundle = readBuiltBundle();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, BUNDLE_FILE), bundle.minified);
  await build({
    entryPoints: [join(root, 'web', 'page', 'app.ts')],
    outfile: join(dir, 'app.js'),
    bundle: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    plugins: [bindToProductBundle(`./${BUNDLE_FILE}`)],
    logLevel: 'silent',
  });
  for (const f of ['index.html', 'style.css']) copyFileSync(join(root, 'web', 'page', f), join(dir, f));
  return { dir, bundle };
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  const r = await buildWeb(process.argv[2]);
  console.log(`playground: ${relative(process.cwd(), r.dir) || '.'} (open index.html through any static file server)`);
}
