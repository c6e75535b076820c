/* The guest of the jco differential tests: the canonical ABI glue of diff.wit written by hand
 * (no wit-bindgen), built with Debian's clang-14 + wasi-libc by build.sh. Each export follows the
 * flattening of CanonicalABI.md: up to 16 flat parameters (more spill into memory through one
 * pointer) and one flat result (more are returned through a pointer into a return area). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(mod, name) __attribute__((import_module(mod), import_name(name)))

/* Results that do not fit one core value are written here; the caller reads them before the next call. */
static uint64_t ret_area[8];
#define RET ((uint8_t *)ret_area)

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  (void)align; /* malloc aligns to 16, more than any canonical ABI alignment */
  if (new_size == 0) return (void *)align;
  void *p = realloc(old, new_size);
  if (!p) __builtin_trap();
  return p;
}

EXPORT("echo-bool") int32_t echo_bool(int32_t x) { return x; }
EXPORT("echo-s8") int32_t echo_s8(int32_t x) { return x; }
EXPORT("echo-u8") int32_t echo_u8(int32_t x) { return x; }
EXPORT("echo-s16") int32_t echo_s16(int32_t x) { return x; }
EXPORT("echo-u16") int32_t echo_u16(int32_t x) { return x; }
EXPORT("echo-s32") int32_t echo_s32(int32_t x) { return x; }
EXPORT("echo-u32") int32_t echo_u32(int32_t x) { return x; }
EXPORT("echo-s64") int64_t echo_s64(int64_t x) { return x; }
EXPORT("echo-u64") int64_t echo_u64(int64_t x) { return x; }
EXPORT("echo-f32") float echo_f32(float x) { return x; }
EXPORT("echo-f64") double echo_f64(double x) { return x; }
EXPORT("echo-char") int32_t echo_char(int32_t x) { return x; }
EXPORT("echo-enum") int32_t echo_enum(int32_t x) { return x; }
EXPORT("echo-flags") int32_t echo_flags(int32_t x) { return x; }

/* string, list<T>: (ptr, len) in; a (ptr, len) pair out through the return area. */
static uint8_t *pair(int32_t ptr, int32_t len) {
  ((int32_t *)RET)[0] = ptr;
  ((int32_t *)RET)[1] = len;
  return RET;
}
EXPORT("echo-string") uint8_t *echo_string(int32_t p, int32_t n) { return pair(p, n); }
EXPORT("echo-list") uint8_t *echo_list(int32_t p, int32_t n) { return pair(p, n); }
EXPORT("echo-bytes") uint8_t *echo_bytes(int32_t p, int32_t n) { return pair(p, n); }
EXPORT("echo-strings") uint8_t *echo_strings(int32_t p, int32_t n) { return pair(p, n); }
EXPORT("to-string") uint8_t *to_string(int32_t p, int32_t n) { return pair(p, n); }

/* record point { x: s32, y: s32, label: string, weight: f64 }: x@0 y@4 label@8 weight@16, size 24. */
EXPORT("echo-record")
uint8_t *echo_record(int32_t x, int32_t y, int32_t lp, int32_t ln, double w) {
  int32_t *r = (int32_t *)RET;
  r[0] = x; r[1] = y; r[2] = lp; r[3] = ln;
  memcpy(RET + 16, &w, 8);
  return RET;
}

/* tuple<u8, string, s64>: u8@0 string@4 s64@16, size 24. */
EXPORT("echo-tuple")
uint8_t *echo_tuple(int32_t a, int32_t sp, int32_t sn, int64_t c) {
  RET[0] = (uint8_t)a;
  ((int32_t *)RET)[1] = sp;
  ((int32_t *)RET)[2] = sn;
  memcpy(RET + 16, &c, 8);
  return RET;
}

/* variant shape { circle(f32), rect(tuple<u16,u16>), named(string), empty }:
 * flat (i32 case, i32, i32), the f32 of circle arriving as its bits; memory: case@0, payload@4. */
EXPORT("echo-variant")
uint8_t *echo_variant(int32_t c, int32_t a, int32_t b) {
  memset(RET, 0, 12);
  RET[0] = (uint8_t)c;
  switch (c) {
    case 0: memcpy(RET + 4, &a, 4); break;                       /* f32 bits */
    case 1: ((uint16_t *)RET)[2] = (uint16_t)a; ((uint16_t *)RET)[3] = (uint16_t)b; break;
    case 2: ((int32_t *)RET)[1] = a; ((int32_t *)RET)[2] = b; break;
    default: break;
  }
  return RET;
}

/* option<string>: flat (i32 case, i32 ptr, i32 len); memory: case@0, string@4. */
EXPORT("echo-option")
uint8_t *echo_option(int32_t c, int32_t p, int32_t n) {
  memset(RET, 0, 12);
  RET[0] = (uint8_t)c;
  if (c) { ((int32_t *)RET)[1] = p; ((int32_t *)RET)[2] = n; }
  return RET;
}

/* option<option<u8>>: flat (i32 outer, i32 inner, i32 value); memory: outer@0, inner@1, value@2. */
EXPORT("echo-option2")
uint8_t *echo_option2(int32_t outer, int32_t inner, int32_t v) {
  memset(RET, 0, 4);
  RET[0] = (uint8_t)outer;
  if (outer) {
    RET[1] = (uint8_t)inner;
    if (inner) RET[2] = (uint8_t)v;
  }
  return RET;
}

/* result<u32, string>: flat (i32 case, i32, i32); memory: case@0, payload@4. */
EXPORT("echo-result")
uint8_t *echo_result(int32_t c, int32_t a, int32_t b) {
  memset(RET, 0, 12);
  RET[0] = (uint8_t)c;
  ((int32_t *)RET)[1] = a;
  if (c) ((int32_t *)RET)[2] = b;
  return RET;
}

EXPORT("add-s64") int64_t add_s64(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }

EXPORT("sum-f64")
double sum_f64(const double *xs, int32_t n) {
  double s = 0;
  for (int32_t i = 0; i < n; i++) s += xs[i];
  return s;
}

/* 18 flat parameters: one pointer to the tuple (u64 x 16 @0..127, string @128) in memory. */
EXPORT("spill")
int64_t spill(const uint8_t *args) {
  uint64_t s = 0;
  for (int i = 0; i < 16; i++) {
    uint64_t v;
    memcpy(&v, args + 8 * i, 8);
    s += v * (uint64_t)(i + 1);
  }
  int32_t sp, sn;
  memcpy(&sp, args + 128, 4);
  memcpy(&sn, args + 132, 4);
  const uint8_t *str = (const uint8_t *)(intptr_t)sp;
  for (int32_t i = 0; i < sn; i++) s = s * 31 + str[i];
  return (int64_t)s;
}

EXPORT("div-s32")
int32_t div_s32(int32_t a, int32_t b) {
  if (b == 0 || (a == INT32_MIN && b == -1)) __builtin_trap();
  return a / b;
}

EXPORT("to-char") int32_t to_char(int32_t x) { return x; }
EXPORT("to-enum") int32_t to_enum(int32_t x) { return x; }

/* The counters resource: the representation is a pointer to a heap cell. */
#define COUNTERS "mcp-wrt:diff/counters"
IMPORT("[export]" COUNTERS, "[resource-new]counter") int32_t counter_new(int32_t rep);
IMPORT("[export]" COUNTERS, "[resource-rep]counter") int32_t counter_rep(int32_t handle);
IMPORT("[export]" COUNTERS, "[resource-drop]counter") void counter_drop(int32_t handle);

static uint32_t dropped_count;

EXPORT(COUNTERS "#[constructor]counter")
int32_t counter_ctor(int32_t start) {
  uint32_t *cell = malloc(sizeof *cell);
  if (!cell) __builtin_trap();
  *cell = (uint32_t)start;
  return counter_new((int32_t)(intptr_t)cell);
}

/* A borrowed handle of a resource this component defines arrives as its representation. */
EXPORT(COUNTERS "#[method]counter.add")
int32_t counter_add(uint32_t *self, int32_t n) { return (int32_t)(*self += (uint32_t)n); }

EXPORT(COUNTERS "#[method]counter.get")
int32_t counter_get(uint32_t *self) { return (int32_t)*self; }

EXPORT(COUNTERS "#finish")
int32_t finish(int32_t handle) {
  uint32_t v = *(uint32_t *)(intptr_t)counter_rep(handle);
  counter_drop(handle); /* runs the destructor below */
  return (int32_t)v;
}

EXPORT(COUNTERS "#peek") int32_t peek(uint32_t *self) { return (int32_t)*self; }
EXPORT(COUNTERS "#dropped") int32_t dropped(void) { return (int32_t)dropped_count; }

EXPORT(COUNTERS "#[dtor]counter")
void counter_dtor(uint32_t *self) {
  dropped_count++;
  free(self);
}
