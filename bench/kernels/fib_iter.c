/* Iterative Fibonacci modulo 2^32, repeated: a tight loop of locals and adds. */
#include "common.h"
EXPORT("run") uint32_t run(void) {
  uint32_t sum = 0;
  uint32_t reps = SCALE(120000, 15000) * seed();
  for (uint32_t r = 0; r < reps; r++) {
    uint32_t a = r, b = 1;
    for (uint32_t i = 0; i < 1000; i++) { uint32_t t = a + b; a = b; b = t; }
    sum ^= b;
  }
  return sum;
}
