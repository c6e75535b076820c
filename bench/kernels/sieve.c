/* Sieve of Eratosthenes over a byte array: byte loads/stores and nested loops. */
#include "common.h"
#define LIMIT 250000
static uint8_t composite[LIMIT + 1];
EXPORT("run") uint32_t run(void) {
  uint32_t total = 0;
  uint32_t reps = SCALE(30, 3) * seed();
  for (uint32_t r = 0; r < reps; r++) {
    for (uint32_t i = 0; i <= LIMIT; i++) composite[i] = 0;
    uint32_t count = 0;
    for (uint32_t i = 2; i <= LIMIT; i++) {
      if (composite[i]) continue;
      count++;
      for (uint32_t j = i * 2; j <= LIMIT; j += i) composite[j] = 1;
    }
    total += count;
  }
  return total;
}
