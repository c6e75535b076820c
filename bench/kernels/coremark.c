/* A CoreMark-like mix (not CoreMark): linked-list find/reverse, a state machine over a text,
 * a small integer matrix, and a CRC-16 over the results. */
#include "common.h"
typedef struct node { struct node *next; int16_t data; int16_t idx; } node;
#define NODES 256
static node pool[NODES];
static uint16_t crc16(uint16_t crc, uint32_t v) {
  for (int i = 0; i < 32; i++) { uint32_t x = (crc ^ v) & 1; crc >>= 1; v >>= 1; if (x) crc ^= 0xA001; }
  return crc;
}
static node *list_init(uint32_t s) {
  for (int i = 0; i < NODES; i++) { s = s * 1664525u + 1013904223u; pool[i].data = (int16_t)(s >> 17); pool[i].idx = (int16_t)i; pool[i].next = i + 1 < NODES ? &pool[i + 1] : 0; }
  return &pool[0];
}
static node *list_reverse(node *h) { node *p = 0; while (h) { node *n = h->next; h->next = p; p = h; h = n; } return p; }
static uint32_t list_work(node *h, int16_t key) {
  uint32_t found = 0, sum = 0;
  for (node *p = h; p; p = p->next) { if ((p->data & 0xff) == (key & 0xff)) found++; sum += (uint32_t)p->data * (uint32_t)p->idx; }
  return sum ^ found;
}
static const char text[] = "5012,1.25e3,-77,+0.5,abc,3.14159,-1e-9,42,x7,1000000,0x1F,.5,8.e2,+-3,";
enum { START, INT, FRAC, EXP, SCI, INVALID };
static uint32_t state_machine(uint32_t rounds) {
  uint32_t counts[6] = {0};
  for (uint32_t r = 0; r < rounds; r++) {
    int st = START;
    for (const char *p = text; *p; p++) {
      char c = *p;
      if (c == ',') { counts[st]++; st = START; continue; }
      switch (st) {
        case START: st = (c >= '0' && c <= '9') ? INT : (c == '+' || c == '-') ? INT : c == '.' ? FRAC : INVALID; break;
        case INT: st = (c >= '0' && c <= '9') ? INT : c == '.' ? FRAC : (c == 'e' || c == 'E') ? EXP : INVALID; break;
        case FRAC: st = (c >= '0' && c <= '9') ? FRAC : (c == 'e' || c == 'E') ? EXP : INVALID; break;
        case EXP: st = (c >= '0' && c <= '9') || c == '+' || c == '-' ? SCI : INVALID; break;
        case SCI: st = (c >= '0' && c <= '9') ? SCI : INVALID; break;
        default: break;
      }
    }
  }
  uint32_t h = 0;
  for (int i = 0; i < 6; i++) h = h * 31 + counts[i];
  return h;
}
#define N 16
static int32_t ma[N][N], mb[N][N], mc[N][N];
static uint32_t matrix_work(uint32_t s) {
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { s = s * 1103515245u + 12345u; ma[i][j] = (int32_t)(s >> 20) - 2048; mb[i][j] = (int32_t)(s & 0xfff) - 2048; }
  uint32_t acc = 0;
  for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) {
    int32_t v = 0;
    for (int k = 0; k < N; k++) v += ma[i][k] * mb[k][j];
    mc[i][j] = v;
    acc += (uint32_t)(v > 0 ? v >> 2 : -v);
  }
  return acc;
}
EXPORT("run") uint32_t run(void) {
  uint16_t crc = 0;
  uint32_t iters = SCALE(3200, 400);
  uint32_t s = seed();
  for (uint32_t it = 0; it < iters; it++) {
    node *h = list_init(s + it);
    crc = crc16(crc, list_work(h, (int16_t)it));
    h = list_reverse(h);
    crc = crc16(crc, list_work(h, (int16_t)(it * 7)));
    crc = crc16(crc, state_machine(8));
    crc = crc16(crc, matrix_work(s ^ it));
  }
  return crc;
}
