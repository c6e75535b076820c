/**
 * `wasi:cli` 0.2: environment (only what is granted), exit, the standard streams and the terminal
 * interfaces (this host never presents a terminal, so every `get-terminal-*` answers none).
 */

import type { HostImports } from '../../component/index.js';
import { HostResource } from './table.js';
import type { InputSource, IoHost, OutputSink } from './io.js';
import type { WasiP2Grants, WasiP2Services } from './services.js';

/** How the guest ended itself through `wasi:cli/exit`; the call that exited ends as a Trap('host'). */
export class WasiExit extends Error {
  constructor(readonly code: number) {
    super(`wasi:cli/exit: the guest exited with status ${code}`);
    this.name = 'WasiExit';
  }
}

/** A sink writing to `out` while granted; a denied stream answers `closed` to every write. */
function sink(granted: boolean | undefined, out: (b: Uint8Array) => void): OutputSink {
  return {
    closed: granted !== true,
    write(bytes) {
      out(bytes); // a lifted list<u8> is already the host's own copy
      return undefined;
    },
  };
}

function stdinSource(grants: WasiP2Grants, services: WasiP2Services): InputSource {
  const q = grants.stdin === true ? services.stdin : undefined;
  if (q === undefined) return { read: () => null, ready: () => true };
  return {
    read(max) {
      if (q.available === 0) return q.closed ? null : new Uint8Array(0);
      const buf = new Uint8Array(Math.min(max, q.available));
      return buf.subarray(0, q.read(buf));
    },
    ready: () => q.available > 0 || q.closed,
  };
}

export function cliInterfaces(grants: WasiP2Grants, services: WasiP2Services, io: IoHost, onExit: (code: number) => void): HostImports {
  const terminalInput = new HostResource<never>('terminal-input').type;
  const terminalOutput = new HostResource<never>('terminal-output').type;
  const stdout = sink(grants.stdout, services.stdout);
  const stderr = sink(grants.stderr, services.stderr);
  const stdin = stdinSource(grants, services);
  const exit = (code: number): never => {
    onExit(code);
    throw new WasiExit(code);
  };
  return {
    'wasi:cli/environment': {
      'get-environment': (): [string, string][] => Object.entries(grants.env ?? {}),
      'get-arguments': (): string[] => [...(grants.args ?? [])],
      'initial-cwd': (): string | null => grants.cwd ?? null,
    },
    'wasi:cli/exit': {
      exit: (status: { tag: 'ok' | 'err' }): never => exit(status.tag === 'ok' ? 0 : 1),
      'exit-with-code': (code: number): never => exit(code),
    },
    'wasi:cli/stdin': { 'input-stream': io.input.type, 'get-stdin': () => io.input.own(stdin) },
    'wasi:cli/stdout': { 'output-stream': io.output.type, 'get-stdout': () => io.output.own(stdout) },
    'wasi:cli/stderr': { 'output-stream': io.output.type, 'get-stderr': () => io.output.own(stderr) },
    'wasi:cli/terminal-input': { 'terminal-input': terminalInput },
    'wasi:cli/terminal-output': { 'terminal-output': terminalOutput },
    'wasi:cli/terminal-stdin': { 'terminal-input': terminalInput, 'get-terminal-stdin': () => null },
    'wasi:cli/terminal-stdout': { 'terminal-output': terminalOutput, 'get-terminal-stdout': () => null },
    'wasi:cli/terminal-stderr': { 'terminal-output': terminalOutput, 'get-terminal-stderr': () => null },
  };
}
