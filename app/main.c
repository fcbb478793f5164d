/* main.c
 *
 * The awaitlab executable. Subcommands (run, check, test, list, export, …) are the
 * headless command line and never touch GTK, so they work without a display;
 * anything else starts the GtkApplication.
 */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "awaitlab-application.h"
#include "awaitlab-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AwaitlabApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  /* Times and values are printed the way C# and our CLI contract print them. */
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1 && awaitlab_cli_handles (argv[1]))
    return awaitlab_cli_main (argc, argv);

  app = awaitlab_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : awaitlab_application_get_exit_status (app);
}
