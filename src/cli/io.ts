/** Where the CLI writes: injected so tests can capture output without spawning a process. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Writes a transient status line (a TTY progress line); a no-op when not on a terminal. */
  progress(text: string): void;
}

/** The process's stdout/stderr; progress only when stderr is a terminal. */
export function processIo(): Io {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  const clear = (): void => {
    if (shown) {
      process.stderr.write('\r\x1b[K');
      shown = false;
    }
  };
  return {
    out(line) {
      clear();
      process.stdout.write(line + '\n');
    },
    err(line) {
      clear();
      process.stderr.write(line + '\n');
    },
    progress(text) {
      if (!tty) return;
      const width = process.stderr.columns ?? 80;
      process.stderr.write('\r\x1b[K' + text.slice(0, Math.max(10, width - 1)));
      shown = true;
    },
  };
}
