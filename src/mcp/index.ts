/** The MCP server layer's public surface. */
export { createServer, ServerFactory, SERVER_INFO, type ServingUnit } from './server.js';
export { serveHttp, checkHostAndOrigin, MCP_PATH, type HttpOptions, type RunningHttp } from './http.js';
export { LegacySessions, type SessionOptions } from './http-sessions.js';
export { serveOnStdio } from './stdio.js';
export { Catalog } from './catalog.js';
export { schemaProblems } from './schema-check.js';
