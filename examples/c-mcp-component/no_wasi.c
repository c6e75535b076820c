/*
 * The C component examples make no WASI call. wasi-libc's printf family still links its stderr/stdout
 * FILE objects, whose write, seek and close paths end in three preview-1 calls; the examples only
 * format into buffers, so those paths are unreachable. Defining the three here (as traps) keeps the core
 * module free of `wasi_snapshot_preview1` imports, so it needs no preview-1 adapter.
 */
#include <wasi/api.h>

__wasi_errno_t __wasi_fd_write(__wasi_fd_t fd, const __wasi_ciovec_t *iovs, size_t n, __wasi_size_t *written) {
  (void)fd, (void)iovs, (void)n, (void)written;
  __builtin_trap();
}

__wasi_errno_t __wasi_fd_seek(__wasi_fd_t fd, __wasi_filedelta_t off, __wasi_whence_t whence, __wasi_filesize_t *pos) {
  (void)fd, (void)off, (void)whence, (void)pos;
  __builtin_trap();
}

__wasi_errno_t __wasi_fd_close(__wasi_fd_t fd) {
  (void)fd;
  __builtin_trap();
}
