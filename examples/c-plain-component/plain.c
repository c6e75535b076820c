/*
 * The plain component example (examples/c-plain-component/plain.wit) in C, with the canonical ABI
 * glue written by hand: parameters arrive flattened (CanonicalABI.md "Flattening"); a result that
 * flattens to more than one value is returned as a pointer to it in linear memory. No imports at all.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { const char *ptr; size_t len; } string_t;
typedef struct { double x, y; } point_t;

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size, (void)align;
  return realloc(old, new_size);
}

#define GEOMETRY(name) __attribute__((export_name("example:plain/geometry@0.1.0#" name)))
#define TEXT(name) __attribute__((export_name("example:plain/text@0.1.0#" name)))

/* shape: variant { circle(f64), square(f64), rectangle(rect) } flattens to (i32, f64, f64). */
GEOMETRY("area") double area(int32_t tag, double a, double b) {
  switch (tag) {
    case 0: return 3.141592653589793 * a * a;
    case 1: return a * a;
    default: return a * b;
  }
}

static struct { uint8_t is_some; point_t val; } centroid_ret;

GEOMETRY("centroid") void *centroid(point_t *points, size_t n) {
  centroid_ret.is_some = n > 0;
  centroid_ret.val = (point_t){0, 0};
  for (size_t i = 0; i < n; i++) {
    centroid_ret.val.x += points[i].x / (double)n;
    centroid_ret.val.y += points[i].y / (double)n;
  }
  free(points);
  return &centroid_ret;
}

static point_t scale_ret;

GEOMETRY("scale") point_t *scale(double x, double y, float factor) {
  scale_ret = (point_t){x * factor, y * factor};
  return &scale_ret;
}

GEOMETRY("convert") double convert(double value, int32_t from, int32_t to) {
  static const double METERS[] = {0.001, 0.01, 1.0}; /* mm, cm, m */
  return value * METERS[from] / METERS[to];
}

static string_t text_ret;
static char line[1024];

TEXT("describe") string_t *describe(const char *name, size_t name_len, uint32_t initial, int32_t age, uint64_t big,
                                   string_t *tags, size_t ntags, int32_t style) {
  char ch[5] = {0};
  /* the char as UTF-8 */
  if (initial < 0x80) ch[0] = (char)initial;
  else if (initial < 0x800) ch[0] = (char)(0xC0 | (initial >> 6)), ch[1] = (char)(0x80 | (initial & 0x3F));
  else if (initial < 0x10000) ch[0] = (char)(0xE0 | (initial >> 12)), ch[1] = (char)(0x80 | ((initial >> 6) & 0x3F)), ch[2] = (char)(0x80 | (initial & 0x3F));
  else ch[0] = (char)(0xF0 | (initial >> 18)), ch[1] = (char)(0x80 | ((initial >> 12) & 0x3F)), ch[2] = (char)(0x80 | ((initial >> 6) & 0x3F)), ch[3] = (char)(0x80 | (initial & 0x3F));
  int n = snprintf(line, sizeof line, "%.*s (%s.), %d years, lucky number %llu, style%s%s%s, tags:", (int)name_len, name, ch, age,
                   (unsigned long long)big, style & 1 ? " bold" : "", style & 2 ? " italic" : "", style & 4 ? " underline" : "");
  for (size_t i = 0; i < ntags && n > 0 && (size_t)n < sizeof line; i++) {
    n += snprintf(line + n, sizeof line - (size_t)n, " %.*s", (int)tags[i].len, tags[i].ptr);
    free((void *)tags[i].ptr);
  }
  free(tags);
  free((void *)name);
  text_ret = (string_t){line, strlen(line)};
  return &text_ret;
}

static struct { uint8_t is_err; union { int32_t ok; string_t err; } val; } div_ret;

__attribute__((export_name("checked-div"))) void *checked_div(int32_t a, int32_t b) {
  if (b == 0 || (a == INT32_MIN && b == -1)) {
    div_ret.is_err = 1;
    div_ret.val.err = (string_t){b == 0 ? "division by zero" : "overflow", b == 0 ? 16 : 8};
  } else {
    div_ret.is_err = 0;
    div_ret.val.ok = a / b;
  }
  return &div_ret;
}
