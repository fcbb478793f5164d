/* test-fullscreen.c
 *
 * Presentation mode is really full screen. Bare Xvfb has no window manager,
 * so nothing there honours gtk_window_fullscreen(): this test starts its own
 * Xvfb with a light window manager (openbox, from build-aux/install-deps),
 * opens the window on it, presses F5 as a person would (a real key event
 * through the X server, by xdotool) and asserts what the window manager made
 * of it: the toplevel reports GDK_TOPLEVEL_STATE_FULLSCREEN and covers the
 * screen. F5 again leaves, and the window gets its previous size back.
 *
 * Skipped, with the reason, when Xvfb, openbox or xdotool is missing.
 */

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "awaitlab-window-private.h"
#include "ui-test-support.h"

#define SCREEN_W 1600
#define SCREEN_H 1000
#define WINDOW_W 1280
#define WINDOW_H 720

static GSubprocess *xvfb;
static GSubprocess *wm;
static char *xdotool;
static char *skip_reason;

/* The helpers die with the test, however it ends. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn (const char * const *argv,
       GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

/* A window manager that follows the EWMH has set _NET_SUPPORTING_WM_CHECK on
 * the root window. */
static gboolean
wm_running (Display *display)
{
  Atom check = XInternAtom (display, "_NET_SUPPORTING_WM_CHECK", False);
  Atom type;
  int format;
  unsigned long n, after;
  unsigned char *data = NULL;
  gboolean found;

  if (XGetWindowProperty (display, DefaultRootWindow (display), check, 0, 1, False, XA_WINDOW,
                          &type, &format, &n, &after, &data) != Success)
    return FALSE;
  found = n == 1;
  if (data != NULL)
    XFree (data);
  return found;
}

/* Starts Xvfb on a free display and openbox on it, and points DISPLAY there.
 * Returns FALSE, with skip_reason set, if a program is missing; a program
 * that is there but fails is an error. */
static gboolean
start_screen (void)
{
  g_autofree char *xvfb_path = g_find_program_in_path ("Xvfb");
  g_autofree char *wm_path = g_find_program_in_path ("openbox");
  g_autofree char *name = NULL;
  g_autofree char *socket = NULL;
  g_autofree char *screen = g_strdup_printf ("%dx%dx24", SCREEN_W, SCREEN_H);
  g_autoptr(GError) error = NULL;
  Display *display = NULL;
  gint64 deadline;
  int number;

  xdotool = g_find_program_in_path ("xdotool");
  if (xvfb_path == NULL || wm_path == NULL || xdotool == NULL)
    {
      skip_reason = g_strdup_printf ("needs %s (build-aux/install-deps installs it)",
                                     xvfb_path == NULL ? "Xvfb" : wm_path == NULL ? "openbox" : "xdotool");
      return FALSE;
    }

  /* A display number nobody uses. */
  for (number = 300 + getpid () % 300; ; number++)
    {
      g_free (socket);
      socket = g_strdup_printf ("/tmp/.X11-unix/X%d", number);
      if (!g_file_test (socket, G_FILE_TEST_EXISTS))
        break;
    }
  name = g_strdup_printf (":%d", number);
  {
    const char *argv[] = { xvfb_path, name, "-screen", "0", screen, "-nolisten", "tcp", "-noreset", NULL };

    xvfb = spawn (argv, &error);
    g_assert_no_error (error);
  }
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((display = XOpenDisplay (name)) == NULL && g_get_monotonic_time () < deadline)
    g_usleep (50000);
  if (display == NULL)
    g_error ("Xvfb did not start on %s", name);

  g_setenv ("DISPLAY", name, TRUE);
  {
    const char *argv[] = { wm_path, "--sm-disable", NULL };

    wm = spawn (argv, &error);
    g_assert_no_error (error);
  }
  while (!wm_running (display) && g_get_monotonic_time () < deadline)
    g_usleep (50000);
  if (!wm_running (display))
    g_error ("openbox did not start on %s", name);
  XCloseDisplay (display);
  return TRUE;
}

static void
stop_screen (void)
{
  if (wm != NULL)
    g_subprocess_force_exit (wm);
  if (xvfb != NULL)
    g_subprocess_force_exit (xvfb);
  g_clear_object (&wm);
  g_clear_object (&xvfb);
}

/* ------------------------------------------------------------------------- */

/* Runs xdotool with @args while the window handles the events. */
static void
xdo (const char * const *args)
{
  ui_test_run_xdotool (xdotool, args);
  XSync (gdk_x11_display_get_xdisplay (gdk_display_get_default ()), False);
}

/* Presses @key in @window by XTEST, as a keyboard does. */
static void
press (AwaitlabWindow *window,
       const char     *key)
{
  g_autofree char *wid = g_strdup_printf ("%lu", gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  const char *args[] = { "windowactivate", "--sync", wid, "key", "--clearmodifiers", key, NULL };

  xdo (args);
}

static gboolean
is_fullscreen (AwaitlabWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return (gdk_toplevel_get_state (GDK_TOPLEVEL (surface)) & GDK_TOPLEVEL_STATE_FULLSCREEN) != 0;
}

/* Iterates until @window is (or is not) full screen at the @width × @height
 * the window manager gave it, or 20 seconds have passed. */
static void
wait_for (AwaitlabWindow *window,
          gboolean        fullscreen,
          int             width,
          int             height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline &&
         (is_fullscreen (window) != fullscreen ||
          gdk_surface_get_width (surface) != width || gdk_surface_get_height (surface) != height ||
          (fullscreen && gtk_widget_get_width (GTK_WIDGET (window)) != width)))
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
  ui_test_pump (300);
}

/* F5 enters presentation mode: full screen over the whole monitor, no header
 * bar; F5 again leaves it at the size it had. */
static void
test_f5_fills_the_screen (void)
{
  AwaitlabWindow *window;
  GdkSurface *surface;
  GdkMonitor *monitor;
  GdkRectangle geometry;
  int width, height;

  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  window = awaitlab_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_W, WINDOW_H);
  gtk_window_present (GTK_WINDOW (window));
  awaitlab_window_open_resource (window, "/org/awaitlab/Awaitlab/scenarios/31-result-deadlock-ui.csx");
  ui_test_settle (window);
  ui_test_pump (800);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_assert_false (is_fullscreen (window));
  width = gdk_surface_get_width (surface);
  height = gdk_surface_get_height (surface);
  g_test_message ("managed window: %d×%d", width, height);
  g_assert_cmpint (width, <, SCREEN_W);
  g_assert_cmpint (height, <, SCREEN_H);

  press (window, "F5");
  wait_for (window, TRUE, SCREEN_W, SCREEN_H);
  g_assert_true (awaitlab_window_get_presentation (window));
  g_assert_true (is_fullscreen (window));
  monitor = gdk_display_get_monitor_at_surface (gdk_display_get_default (), surface);
  gdk_monitor_get_geometry (monitor, &geometry);
  g_test_message ("full screen: %d×%d on a %d×%d monitor",
                  gdk_surface_get_width (surface), gdk_surface_get_height (surface), geometry.width, geometry.height);
  g_assert_cmpint (geometry.width, ==, SCREEN_W);
  g_assert_cmpint (geometry.height, ==, SCREEN_H);
  g_assert_cmpint (gdk_surface_get_width (surface), ==, geometry.width);
  g_assert_cmpint (gdk_surface_get_height (surface), ==, geometry.height);
  if (g_getenv ("AWAITLAB_TEST_SHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("AWAITLAB_TEST_SHOTS"), "fullscreen-openbox.png", NULL);
      const char *argv[] = { "import", "-window", "root", path, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
  /* The content, not only the surface, fills it: no header bar, no frame. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, geometry.width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, geometry.height);
  g_assert_false (gtk_widget_get_visible (window->header_bar));

  press (window, "F5");
  wait_for (window, FALSE, width, height);
  g_assert_false (awaitlab_window_get_presentation (window));
  g_assert_false (is_fullscreen (window));
  g_assert_cmpint (gdk_surface_get_width (surface), ==, width);
  g_assert_cmpint (gdk_surface_get_height (surface), ==, height);

  gtk_text_buffer_set_modified (awaitlab_code_view_get_buffer (awaitlab_window_get_code_view (window)), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_pump (50);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);
  /* Before GTK opens its display: the display is ours. */
  if (start_screen ())
    {
      gtk_init ();
      ui_test_log_init ();
      adw_init ();
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);
      /* The application's stylesheet, as AdwApplication loads it: the frame
       * (or its absence) in full screen is part of what is tested. */
      {
        g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

        gtk_css_provider_load_from_resource (css, "/org/awaitlab/Awaitlab/style.css");
        gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      }
    }
  g_test_add_func ("/ui/fullscreen/f5-fills-the-screen", test_f5_fills_the_screen);
  status = g_test_run ();
  stop_screen ();
  return status;
}
