/* A WASI command that touches every WASI 0.2 area the host grants or denies: arguments, environment,
 * a file read and a file written under the pre-opened /data, the wall clock, random bytes, stdout,
 * stderr, and a non-zero exit status. Built by build.sh; run by test/wasi/preview2/command.test.ts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  printf("argc=%d", argc);
  for (int i = 0; i < argc; i++) printf(" [%s]", argv[i]);
  const char *g = getenv("GREETING");
  printf("\nGREETING=%s\n", g ? g : "(unset)");

  FILE *f = fopen("/data/in.txt", "r");
  if (f) {
    char buf[64] = {0};
    fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    printf("in.txt=%s\n", buf);
  } else {
    printf("in.txt: cannot open\n");
  }
  FILE *o = fopen("/data/out.txt", "w");
  if (o) {
    fputs("written by probe", o);
    fclose(o);
    printf("out.txt written\n");
  } else {
    printf("out.txt: cannot open\n");
  }

  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  printf("seconds=%lld\n", (long long)ts.tv_sec);
  unsigned char r[4];
  if (getentropy(r, sizeof r) == 0) printf("random=%02x%02x%02x%02x\n", r[0], r[1], r[2], r[3]);
  fprintf(stderr, "to stderr\n");
  return 3;
}
