/**
 * Test helper run as a program: `node stdio-tap.js LOG -- COMMAND ARGS...` runs an MCP stdio server
 * and passes its stdin and stdout through unchanged, appending every line of both directions to LOG
 * as `{"dir":"in"|"out","line":...}`. It lets a test read the exact wire of a client it cannot hook
 * (the MCP Inspector CLI), because clients normalize what they print.
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

const [log, sep, command, ...args] = process.argv.slice(2);
if (log === undefined || sep !== '--' || command === undefined) {
  process.stderr.write('usage: stdio-tap LOG -- COMMAND ARGS...\n');
  process.exit(2);
}

/** Appends each complete line of a direction to the log. */
function recorder(dir: 'in' | 'out'): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') appendFileSync(log, JSON.stringify({ dir, line }) + '\n');
  };
}

const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
const recordIn = recorder('in');
const recordOut = recorder('out');
process.stdin.on('data', (c: Buffer) => { recordIn(c); child.stdin.write(c); });
process.stdin.on('end', () => child.stdin.end());
child.stdout.on('data', (c: Buffer) => { recordOut(c); process.stdout.write(c); });
child.on('exit', (code) => process.exit(code ?? 1));
process.on('SIGTERM', () => child.kill('SIGTERM'));
