/* main.c
 *
 * The awaitlab executable: a GtkApplication, and the headless command line
 * (run, check, test, list, export …) which must work without a display.
 */

#include <adwaita.h>
#include <glib/gi18n.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("org.awaitlab.Awaitlab", G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
