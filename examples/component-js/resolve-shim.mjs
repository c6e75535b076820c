// Node resolve hook for build.mjs. componentize-js 0.22 imports @bytecodealliance/preview2-shim but the
// lock file installs that package only under jco (jco/node_modules/...); resolve it from there.
import { pathToFileURL } from 'node:url';
import { resolve as resolvePath } from 'node:path';

const jco = pathToFileURL(resolvePath('node_modules/@bytecodealliance/jco/package.json')).href;

export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@bytecodealliance/preview2-shim')) return next(specifier, { ...context, parentURL: jco });
  return next(specifier, context);
}
