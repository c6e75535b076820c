/**
 * Builds an instrumented copy of the project: compiles the whole tsconfig project into `outDir` with the
 * MC/DC transformer applied to the files under the instrumented folders, and writes the description of
 * every decision to `<outDir>/mcdc-decisions.json`.
 */

import ts from 'typescript';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { mcdcTransformer } from './instrument.js';
import type { DecisionsFile, FileMeta } from './model.js';

export const DEFAULT_FOLDERS = ['src/core', 'src/component'];
export const DECISIONS_FILE = 'mcdc-decisions.json';

export interface BuildResult {
  readonly decisions: DecisionsFile;
  /** Emit diagnostics (type errors do not stop the emit; they are reported). */
  readonly diagnostics: readonly string[];
}

export function toKey(root: string, fileName: string): string {
  return relative(root, fileName).split(sep).join('/');
}

export function buildInstrumented(root: string, outDir: string, folders: readonly string[] = DEFAULT_FOLDERS): BuildResult {
  const configPath = join(root, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root, { outDir: resolve(outDir), declaration: false, sourceMap: false, noEmitOnError: false }, configPath);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const runtime = join(root, 'coverage', 'mcdc', 'runtime.js');
  const files: FileMeta[] = [];
  const transformer = mcdcTransformer({
    fileKey: (fileName) => {
      const key = toKey(root, fileName);
      return folders.some((f) => key.startsWith(f + '/')) && key.endsWith('.ts') ? key : undefined;
    },
    runtimeSpecifier: (fileName) => {
      const rel = relative(dirname(fileName), runtime).split(sep).join('/');
      return rel.startsWith('.') ? rel : './' + rel;
    },
    onFile: (meta) => files.push(meta),
  });
  const result = program.emit(undefined, undefined, undefined, false, { before: [transformer] });
  const diagnostics = result.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const decisions: DecisionsFile = { format: 'mcp-wrt-mcdc-decisions', version: 1, files };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, DECISIONS_FILE), JSON.stringify(decisions) + '\n');
  return { decisions, diagnostics };
}
