/* Matrix multiply of 64-bit integer matrices (i64 mul/add, 2-D indexing). */
#include "common.h"
#define M 64
static int64_t A[M][M], B[M][M], C[M][M];
EXPORT("run") uint32_t run(void) {
  uint64_t x = seed();
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) {
      x = x * 6364136223846793005ull + 1442695040888963407ull; A[i][j] = (int64_t)(x >> 20);
      x = x * 6364136223846793005ull + 1442695040888963407ull; B[i][j] = (int64_t)(x >> 20);
    }
  uint64_t sum = 0;
  uint32_t reps = SCALE(48, 12);
  for (uint32_t r = 0; r < reps; r++) {
    for (int i = 0; i < M; i++)
      for (int j = 0; j < M; j++) {
        int64_t s = 0;
        for (int k = 0; k < M; k++) s += A[i][k] * B[k][j];
        C[i][j] = s;
      }
    for (int i = 0; i < M; i++) { sum ^= (uint64_t)C[i][(i + r) % M]; A[i][r % M] ^= C[M - 1 - i][i]; }
  }
  return (uint32_t)(sum ^ (sum >> 32));
}
