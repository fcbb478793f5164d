/* test-export-dialog.c
 *
 * The Export dialog under Xvfb: an export runs off the main loop and closes the
 * dialog when the file is there; closing the dialog mid-video cancels and
 * leaves nothing behind.
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "awaitlab-screenshot.h"
#include "export/awaitlab-export-dialog.h"

static gboolean have_display;
static char *out_dir;

static AwaitlabDocument *
load_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "export", "deadlock.csx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AwaitlabDocument *document = awaitlab_document_load (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static guint
count_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (out_dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_png (void)
{
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autofree char *path = g_build_filename (out_dir, "dialog.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *window, *overlay;
  AwaitlabExportDialog *dialog;
  gpointer weak;
  cairo_surface_t *surface;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  document = load_document ();
  window = gtk_window_new ();
  overlay = adw_toast_overlay_new ();
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));

  dialog = awaitlab_export_dialog_new (GTK_WINDOW (window), ADW_TOAST_OVERLAY (overlay), document,
                                       150 * G_GINT64_CONSTANT (1000000));
  gtk_window_present (GTK_WINDOW (dialog));
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);

  awaitlab_export_dialog_set_format (dialog, AWAITLAB_EXPORT_PNG);

  /* For reviews: AWAITLAB_EXPORT_DIALOG_SCREENSHOT=FILE.png keeps a picture of it. */
  if (g_getenv ("AWAITLAB_EXPORT_DIALOG_SCREENSHOT") != NULL)
    {
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < 50; i++)
        g_main_context_iteration (NULL, FALSE);
      awaitlab_screenshot_widget (GTK_WIDGET (dialog), g_getenv ("AWAITLAB_EXPORT_DIALOG_SCREENSHOT"), &error);
      g_assert_no_error (error);
    }

  awaitlab_export_dialog_export_to (dialog, file);
  g_assert_true (awaitlab_export_dialog_get_busy (dialog));

  /* Success closes the dialog (and shows the toast in the overlay). */
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 720);
  cairo_surface_destroy (surface);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpuint (count_files (), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_close_cancels (void)
{
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autofree char *path = g_build_filename (out_dir, "dialog.mp4", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AwaitlabExportDialog) dialog = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  document = load_document ();
  dialog = g_object_ref (awaitlab_export_dialog_new (NULL, NULL, document, -1));
  gtk_window_present (GTK_WINDOW (dialog));
  awaitlab_export_dialog_set_format (dialog, AWAITLAB_EXPORT_MP4);
  awaitlab_export_dialog_set_speed (dialog, 0.5);   /* 200 ms → 400 s of video: long */
  awaitlab_export_dialog_export_to (dialog, file);
  g_assert_true (awaitlab_export_dialog_get_busy (dialog));

  gtk_window_close (GTK_WINDOW (dialog));
  while (awaitlab_export_dialog_get_busy (dialog))
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
  gst_init (&argc, &argv);

  out_dir = g_dir_make_tmp ("awaitlab-test-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/export/dialog/png-closes-with-file", test_png);
  g_test_add_func ("/export/dialog/close-cancels-video", test_close_cancels);
  status = g_test_run ();

  g_rmdir (out_dir);
  g_free (out_dir);
  return status;
}
