/* Shared by every kernel: the work size and an input the compiler cannot constant-fold. */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H
#include <stdint.h>
#include <stddef.h>

/* QUICK builds (npm run bench -- --quick) run about a fifth of the work. */
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
