/* test-export-dialog.c
 *
 * The Export dialog under Xvfb: an export runs off the main loop and closes the
 * dialog when the file is there; closing the dialog mid-video cancels and
 * leaves nothing behind.
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>
#include <gif_lib.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <math.h>

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

/* The Chrome trace comes from the document's own run (its trace). */
static void
test_trace (void)
{
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (out_dir, "dialog.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AwaitlabExportDialog *dialog;
  gpointer weak;
  JsonObject *root;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  document = load_document ();
  g_assert_nonnull (awaitlab_document_get_trace (document));
  dialog = awaitlab_export_dialog_new (NULL, NULL, document, -1);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  awaitlab_export_dialog_set_format (dialog, AWAITLAB_EXPORT_TRACE);
  awaitlab_export_dialog_export_to (dialog, file);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "otherData"), "outcome"),
                   ==, "deadlock");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "traceEvents")), >, 5);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpuint (count_files (), ==, 0);
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

static gpointer
child (AwaitlabExportDialog *dialog,
       const char           *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (dialog), AWAITLAB_TYPE_EXPORT_DIALOG, name);
}

static int
gif_frames (const char *path)
{
  GifFileType *gif;
  int error = 0;
  int n;

  gif = DGifOpenFileName (path, &error);
  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);
  n = gif->ImageCount;
  DGifCloseFile (gif, &error);
  return n;
}

/* From/To: an empty range or one past the run is refused inline; a sub-range
 * gives a shorter GIF, frame for frame. */
static void
test_gif_range (void)
{
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autoptr(AwaitlabExportSource) source = NULL;
  g_autofree char *path = g_build_filename (out_dir, "range.gif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AwaitlabExportOptions whole;
  AwaitlabExportDialog *dialog;
  GtkWidget *range_error;
  gint64 end;
  gpointer weak;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  document = load_document ();
  end = awaitlab_timeline_get_end_time (awaitlab_document_get_timeline (document));
  g_assert_cmpint (end, >, 150 * G_GINT64_CONSTANT (1000000));
  dialog = awaitlab_export_dialog_new (NULL, NULL, document, -1);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  range_error = child (dialog, "range_error");

  /* Pictures have no range; videos start with the whole run. */
  awaitlab_export_dialog_set_format (dialog, AWAITLAB_EXPORT_PNG);
  g_assert_false (gtk_widget_get_visible (child (dialog, "from_row")));
  awaitlab_export_dialog_set_format (dialog, AWAITLAB_EXPORT_GIF);
  g_assert_true (gtk_widget_get_visible (child (dialog, "from_row")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "to_row")));
  g_assert_cmpfloat (gtk_spin_button_get_value (child (dialog, "from_spin")), ==, 0);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (child (dialog, "to_spin")), end / 1e6, 1e-9);
  g_assert_false (gtk_widget_get_visible (range_error));

  adw_combo_row_set_selected (child (dialog, "size_row"), 2);   /* 960 × 540: quicker */
  awaitlab_export_dialog_set_speed (dialog, 100);               /* 100 virtual ms a second */

  /* Past the end of the run. */
  gtk_spin_button_set_value (child (dialog, "to_spin"), end / 1e6 + 5);
  g_assert_true (gtk_widget_get_visible (range_error));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (range_error)), "within the run"));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "export_button")));
  awaitlab_export_dialog_export_to (dialog, file);
  g_assert_false (awaitlab_export_dialog_get_busy (dialog));

  /* Empty. */
  gtk_spin_button_set_value (child (dialog, "from_spin"), 120);
  gtk_spin_button_set_value (child (dialog, "to_spin"), 120);
  g_assert_true (gtk_widget_get_visible (range_error));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (range_error)), "before it ends"));
  awaitlab_export_dialog_export_to (dialog, file);
  g_assert_false (awaitlab_export_dialog_get_busy (dialog));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* 50–150 ms at 100 ms a second: 1 s at 30 fps, 30 + 1 frames, and 1 s held. */
  gtk_spin_button_set_value (child (dialog, "from_spin"), 50);
  gtk_spin_button_set_value (child (dialog, "to_spin"), 150);
  g_assert_false (gtk_widget_get_visible (range_error));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "export_button")));
  awaitlab_export_dialog_export_to (dialog, file);
  g_assert_true (awaitlab_export_dialog_get_busy (dialog));
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (gif_frames (path), ==, 61);

  /* The whole run would have been longer by the frames of the rest. */
  source = awaitlab_export_source_new (awaitlab_document_get_timeline (document), NULL, "", "", "");
  awaitlab_export_options_init (&whole, AWAITLAB_EXPORT_GIF);
  whole.fps = 30;
  whole.speed = 100;
  g_assert_cmpuint (awaitlab_export_count_frames (source, &whole), ==,
                    (guint)ceil ((end / 1e8) * 30 - 1e-9) + 1 + 30);
  g_assert_cmpuint (awaitlab_export_count_frames (source, &whole), >, 61);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpuint (count_files (), ==, 0);
}

/* Xvfb resets when its last client leaves (xvfb-run does not pass -noreset), so
 * a test starting just then can find no server for a moment. GTK cannot retry a
 * failed init, so wait (at most 2 s) until the local X socket accepts us, and
 * keep that connection until GTK has its own: closing it first would make us
 * the last client and reset the server again. */
static GSocketConnection *
wait_for_x_server (void)
{
  const char *display = g_getenv ("DISPLAY");
  g_autofree char *path = NULL;
  guint64 number;
  char *end;

  if (display == NULL || display[0] != ':')
    return NULL;
  number = g_ascii_strtoull (display + 1, &end, 10);
  if (end == display + 1)
    return NULL;
  path = g_strdup_printf ("/tmp/.X11-unix/X%" G_GUINT64_FORMAT, number);

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
      GSocketConnection *connection;

      connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, NULL);
      if (connection != NULL)
        return connection;
      g_usleep (100 * 1000);
    }
  return NULL;
}

static GtkWidget *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_combo_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The dialog lists exactly the rows of the format table, in its order. */
static void
test_formats_from_table (void)
{
  g_autoptr(AwaitlabDocument) document = NULL;
  const AwaitlabExportFormatInfo *formats;
  AwaitlabExportDialog *dialog;
  GListModel *model;
  GtkWidget *row;
  guint n;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  document = load_document ();
  dialog = awaitlab_export_dialog_new (NULL, NULL, document, -1);
  row = find_combo_row (GTK_WIDGET (dialog), "Format");
  g_assert_nonnull (row);
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  formats = awaitlab_export_get_formats (&n);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), ==, formats[i].label);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
texture_read (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      data)
{
  GdkTexture **texture = data;
  g_autoptr(GError) error = NULL;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (clipboard), result, &error);
  g_assert_no_error (error);
}

/* "Copy Image" puts the picture, at the export size, on the clipboard. */
static void
test_copy_image (void)
{
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  AwaitlabExportDialog *dialog;
  GdkClipboard *clipboard;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  document = load_document ();
  dialog = awaitlab_export_dialog_new (NULL, NULL, document, -1);
  gtk_window_present (GTK_WINDOW (dialog));
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.copy-image", NULL));
  g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), GDK_TYPE_TEXTURE));

  gdk_clipboard_read_texture_async (clipboard, NULL, texture_read, &texture);
  while (texture == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1280);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 720);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Steps from the dialog: a folder of numbered pictures, one per bookmark. */
static void
test_steps (void)
{
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autofree char *folder = g_build_filename (out_dir, "steps", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  AwaitlabExportDialog *dialog;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gpointer weak;
  guint n = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  document = load_document ();
  dialog = awaitlab_export_dialog_new (NULL, NULL, document, -1);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  awaitlab_export_dialog_set_format (dialog, AWAITLAB_EXPORT_STEPS);
  awaitlab_export_dialog_export_to (dialog, file);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);

  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_true (g_str_has_suffix (name, ".png"));
      g_assert_true (g_ascii_isdigit (name[0]) && g_ascii_isdigit (name[1]) && name[2] == '-');
      g_assert_cmpint (g_unlink (path), ==, 0);
      n++;
    }
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpuint (count_files (), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  GSocketConnection *probe;
  int status;

  g_test_init (&argc, &argv, NULL);
  probe = wait_for_x_server ();
  have_display = gtk_init_check ();
  g_clear_object (&probe);
  if (have_display)
    adw_init ();
  gst_init (&argc, &argv);

  out_dir = g_dir_make_tmp ("awaitlab-test-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/export/dialog/png-closes-with-file", test_png);
  g_test_add_func ("/export/dialog/trace-of-the-run", test_trace);
  g_test_add_func ("/export/dialog/close-cancels-video", test_close_cancels);
  g_test_add_func ("/export/dialog/gif-range", test_gif_range);
  g_test_add_func ("/export/dialog/formats-from-table", test_formats_from_table);
  g_test_add_func ("/export/dialog/copy-image", test_copy_image);
  g_test_add_func ("/export/dialog/steps", test_steps);
  status = g_test_run ();

  g_rmdir (out_dir);
  g_free (out_dir);
  return status;
}
