/**
 * WASI preview 1 error numbers (wasi_snapshot_preview1 `errno`), only those this host returns.
 * Values are fixed by the WASI preview 1 witx definition.
 */
export const Errno = {
  SUCCESS: 0,
  ACCES: 2,
  BADF: 8,
  FAULT: 21,
  INVAL: 28,
  IO: 29,
  NOSYS: 52,
  SPIPE: 70,
  NOTCAPABLE: 76,
} as const;

/** WASI preview 1 `filetype` values used for the standard streams. */
export const FileType = {
  UNKNOWN: 0,
  CHARACTER_DEVICE: 2,
} as const;

/** WASI preview 1 `clockid` values. */
export const ClockId = {
  REALTIME: 0,
  MONOTONIC: 1,
  PROCESS_CPUTIME: 2,
  THREAD_CPUTIME: 3,
} as const;

/** Rights bits of preview 1 (`rights`): fd_read = bit 1, fd_write = bit 6. */
export const Rights = {
  FD_READ: 1n << 1n,
  FD_WRITE: 1n << 6n,
} as const;
