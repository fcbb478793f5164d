/* main.c
 *
 * The awaitlab executable. Subcommands (run, check, test, list, export, …) are the
 * headless command line and never touch GTK, so they work without a display;
 * anything else starts the GtkApplication.
 */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "awaitlab-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* Times and values are printed the way C# and our CLI contract print them. */
  setlocale (LC_NUMERIC, "C");

  if (argc > 1 && awaitlab_cli_handles (argv[1]))
    return awaitlab_cli_main (argc, argv);

  app = adw_application_new ("org.awaitlab.Awaitlab", G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
