/* memset and memcpy (wasi-libc's, compiled to plain loops) over 2 MiB buffers. */
#include "common.h"
#include <string.h>
#define SIZE (2u << 20)
static uint8_t src[SIZE], dst[SIZE];
EXPORT("run") uint32_t run(void) {
  uint32_t sum = 0;
  uint32_t reps = SCALE(24, 3);
  for (uint32_t r = 0; r < reps; r++) {
    memset(src, (int)(r + seed()), SIZE);
    src[r * 4099 % SIZE] = (uint8_t)r;
    memcpy(dst, src, SIZE);
    memcpy(dst + 1, dst + 4096, SIZE - 8192);
    sum = sum * 31 + dst[r * 65537 % SIZE] + dst[SIZE / 2 + r];
  }
  return sum;
}
