/* awaitlab-headless.c
 *
 * The command line without the GTK application: the same awaitlab_cli_main() the
 * `awaitlab` executable dispatches to, linked with the engine and the catalogue only,
 * so the CLI tests also run in builds with -Dui=false.
 */

#include <glib.h>
#include <locale.h>

#include "awaitlab-cli.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");

  if (argc > 1 && awaitlab_cli_handles (argv[1]))
    return awaitlab_cli_main (argc, argv);
  g_printerr ("usage: %s run|check|test|list …\n", argv[0]);
  return 2;
}
