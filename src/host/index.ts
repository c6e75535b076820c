/** The host layer's public surface. */
export { McpWrtHost, guestKindOf, sha256Hex, type HostOptions } from './host.js';
export { resolvePolicy, checkImports, importNames, DEFAULT_POLICY, type DirGrant, type GuestPolicy, type ResolvedPolicy } from './policy.js';
export { NodeGrantedDir } from './node-dir.js';
export { parsePolicy, POLICY_SCHEMA } from './policy-schema.js';
export { AuditLog, redact, type AuditRecord, type AuditSink } from './audit.js';
export { GuestFailure, PolicyError, DigestMismatch, GuestRpcError, type FailureReason } from './errors.js';
export type * from './guest.js';
