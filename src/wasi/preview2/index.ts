/**
 * WASI 0.2 for components: the host imports a component needs to run as a WASI 0.2 guest, built from
 * a grant (what the policy gives) and host services (how it is done). Platform-free: all effects go
 * through the injected services.
 *
 * ```ts
 * const wasi = new WasiPreview2({ clocks: true, random: true, stdout: true }, services);
 * const inst = instantiateComponent(loadComponent(bytes), wasi.imports);
 * ```
 *
 * Provided interfaces, each under every version name `wasi:<pkg>/<iface>@0.2.N` of WASI_P2_VERSIONS:
 * `wasi:io/{error,poll,streams}`, `wasi:cli/{environment,exit,stdin,stdout,stderr,terminal-input,
 * terminal-output,terminal-stdin,terminal-stdout,terminal-stderr}`, `wasi:filesystem/{types,preopens}`,
 * and, only when granted, `wasi:clocks/{monotonic-clock,wall-clock}` and
 * `wasi:random/{random,insecure,insecure-seed}`. Any other import (e.g. `wasi:sockets`, `wasi:http`)
 * is absent: instantiation fails with a LinkError naming it. All resources (streams, pollables,
 * descriptors, errors) are host resources whose handles live in the guest's tables.
 */

import type { HostImport, HostImports } from '../../component/index.js';
import { cliInterfaces } from './cli.js';
import { clockInterfaces } from './clocks.js';
import { filesystemInterfaces } from './filesystem.js';
import { IoHost } from './io.js';
import { randomInterfaces } from './random.js';
import type { WasiP2Grants, WasiP2Services } from './services.js';

export { WasiExit } from './cli.js';
export { FsError, MemoryFilesystem, type FsErrorCode, type FsNodeType, type FsStat, type WasiFilesystem } from './filesystem-service.js';
export type { Preopen, WasiP2Grants, WasiP2Services } from './services.js';
export type { InputSource, OutputSink, PollSource } from './io.js';

/**
 * The 0.2 patch versions whose import names are provided. Within 0.2 the interfaces this host
 * implements did not change incompatibly, so one implementation serves every patch version.
 */
export const WASI_P2_VERSIONS: readonly string[] = Array.from({ length: 13 }, (_, i) => `0.2.${i}`);

/** One guest's WASI 0.2 world: its imports and, once it called `wasi:cli/exit`, its exit status. */
export class WasiPreview2 {
  /** The host imports to pass to `instantiateComponent`. */
  readonly imports: HostImports;
  /** Set when the guest called `wasi:cli/exit` (the call then ended with a Trap('host')). */
  exitCode: number | null = null;
  readonly io: IoHost;

  constructor(grants: WasiP2Grants, services: WasiP2Services) {
    const clock = services.clock;
    this.io = new IoHost(() => clock.monotonicNs(), services.sleepUntil);
    const unversioned: HostImports = {
      ...this.io.interfaces(),
      ...cliInterfaces(grants, services, this.io, (code) => { this.exitCode = code; }),
      ...filesystemInterfaces(grants.preopens ?? [], this.io),
      ...(grants.clocks === true ? clockInterfaces(clock, this.io) : {}),
      ...(grants.random === true ? randomInterfaces(services.random, services.insecureRandom ?? services.random) : {}),
    };
    const imports: Record<string, HostImport> = {};
    for (const [name, iface] of Object.entries(unversioned)) {
      for (const v of WASI_P2_VERSIONS) imports[`${name}@${v}`] = iface;
    }
    this.imports = imports;
  }
}

/** The host imports of a fresh WASI 0.2 world (use `WasiPreview2` to also read the exit status). */
export function wasiPreview2Imports(grants: WasiP2Grants, services: WasiP2Services): HostImports {
  return new WasiPreview2(grants, services).imports;
}
