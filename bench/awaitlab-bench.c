/* awaitlab-bench.c
 *
 * awaitlab-bench SUBCOMMAND [OPTIONS]: speed measurements, never part of the test
 * suite's pass/fail. Subcommands register themselves (see awaitlab-bench.h), so each
 * lives in its own file.
 */

#include <locale.h>
#include <string.h>

#include "awaitlab-bench.h"

typedef struct
{
  const char   *name;
  const char   *usage;
  AwlBenchMain  main;
} Command;

static Command commands[32];
static guint n_commands;

void
awl_bench_register (const char   *name,
                    const char   *usage,
                    AwlBenchMain  main)
{
  g_assert (n_commands < G_N_ELEMENTS (commands));
  commands[n_commands++] = (Command) { name, usage, main };
}

static int
usage (void)
{
  g_printerr ("Usage: awaitlab-bench SUBCOMMAND [OPTIONS]\n\nSubcommands:\n");
  for (guint i = 0; i < n_commands; i++)
    g_printerr ("  %s %s\n", commands[i].name, commands[i].usage);
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");

  if (argc < 2)
    return usage ();
  for (guint i = 0; i < n_commands; i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].main (argc - 1, argv + 1);
  g_printerr ("awaitlab-bench: unknown subcommand '%s'\n", argv[1]);
  return usage ();
}
