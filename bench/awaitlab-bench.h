/* awaitlab-bench.h
 *
 * awaitlab-bench subcommands. Each subcommand lives in its own file and registers
 * itself with AWL_BENCH_COMMAND; add the file to bench_sources in bench/meson.build.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef int (*AwlBenchMain) (int argc, char **argv);

/* Registers a subcommand (called from a constructor; see AWL_BENCH_COMMAND). */
void awl_bench_register (const char *name, const char *usage, AwlBenchMain main);

/* AWL_BENCH_COMMAND (kernel, "kernel", "--pending N --events M", bench_kernel_main):
 * @id is a C identifier, @name what the user types. */
#define AWL_BENCH_COMMAND(id, name, usage, func)                     \
  __attribute__((constructor)) static void                           \
  awl_bench_register_##id (void)                                     \
  {                                                                  \
    awl_bench_register (name, usage, func);                          \
  }

G_END_DECLS
