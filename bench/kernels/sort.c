/* Quicksort (with insertion sort for short runs) of pseudo-random int32s, then an order check. */
#include "common.h"
#define N 60000
static int32_t a[N];
static void isort(int32_t *v, int n) {
  for (int i = 1; i < n; i++) { int32_t x = v[i]; int j = i - 1; while (j >= 0 && v[j] > x) { v[j + 1] = v[j]; j--; } v[j + 1] = x; }
}
static void qsort_(int32_t *v, int n) {
  while (n > 16) {
    int32_t p = v[n / 2];
    int i = 0, j = n - 1;
    for (;;) {
      while (v[i] < p) i++;
      while (v[j] > p) j--;
      if (i >= j) break;
      int32_t t = v[i]; v[i] = v[j]; v[j] = t; i++; j--;
    }
    qsort_(v, j + 1);
    v += j + 1; n -= j + 1;
  }
  isort(v, n);
}
EXPORT("run") uint32_t run(void) {
  uint32_t sum = 0;
  uint32_t reps = SCALE(7, 1);
  uint32_t n = N;
  uint32_t x = seed();
  for (uint32_t r = 0; r < reps; r++) {
    for (uint32_t i = 0; i < n; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; a[i] = (int32_t)x; }
    qsort_(a, (int)n);
    for (uint32_t i = 1; i < n; i++) if (a[i - 1] > a[i]) return 0;
    sum += (uint32_t)a[n / 3] ^ (uint32_t)a[n - 1];
  }
  return sum;
}
