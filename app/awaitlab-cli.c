/* awaitlab-cli.c
 *
 * The headless command line. Placeholder until the scenario language lands.
 */

#include "awaitlab-cli.h"

static const char * const subcommands[] = {
  "run", "check", "test", "list", "export", "compare", "csharp", NULL
};

gboolean
awaitlab_cli_handles (const char *subcommand)
{
  return subcommand != NULL && g_strv_contains (subcommands, subcommand);
}

int
awaitlab_cli_main (int    argc,
                   char **argv)
{
  g_printerr ("awaitlab: '%s' is not available yet\n", argv[1]);
  return 2;
}
