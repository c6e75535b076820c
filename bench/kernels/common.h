/* Shared by every kernel: the work size and an input the compiler cannot constant-fold. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H
#include <stdint.h>
#include <stddef.h>

/* Full builds run the workloads issue #7 names, timed there on native wabt `wasm-interp`: fib(35)
 * 2.58 s, sha256 2.10 s, sort 1.49 s, n-body 2.34 s, matmul 1.10 s, sieve 2.60 s (the others sized
 * alike, 1.8-2.7 s). QUICK builds (npm run bench -- --quick) run an eighth of that, 0.2-0.35 s on
 * wabt, where our time is dominated by V8 warming up the interpreter (a cold start). */
#ifdef QUICK
#define SCALE(full, quick) (quick)
#else
#define SCALE(full, quick) (full)
#endif

/* Read through a volatile so clang must compute at run time what depends on it. */
static volatile uint32_t bench_seed = 1;
static inline uint32_t seed(void) { return bench_seed; }

#define EXPORT(name) __attribute__((export_name(name)))
#endif
