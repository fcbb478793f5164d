/* test-export.c
 *
 * Every export format written headless and read back: PNG/SVG/PDF sizes and the
 * deadlock's blocked UI lane, videos through GStreamer's discoverer, GIF frames
 * through giflib, the Chrome trace through json-glib; cancellation and bad
 * paths leave nothing behind.
 */

#define _GNU_SOURCE   /* memmem */

#include <gif_lib.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "export/awaitlab-export.h"
#include "export-test-support.h"
#include "awaitlab-timeline-renderer.h"

static char *out_dir;

static char *
scenario_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "export", "deadlock.csx", NULL);
}

static AwaitlabExportSource *
load_source (const char *knob,
             const char *value)
{
  g_autofree char *path = scenario_path ();

  return export_test_load_source (path, knob, value);
}

static char *
out_path (const char *name)
{
  return g_build_filename (out_dir, name, NULL);
}

/* Nothing but @expected (may be NULL) is left in the output folder: no
 * temporary file survives an export, failed or not. */
static void
assert_folder_holds_only (const char *expected)
{
  g_autoptr(GDir) dir = g_dir_open (out_dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (expected == NULL || !g_str_equal (name, expected))
      g_error ("unexpected file left behind: %s", name);
}

static void
remove_output (const char *path)
{
  g_assert_cmpint (g_unlink (path), ==, 0);
  assert_folder_holds_only (NULL);
}

static void
export_ok (AwaitlabExportSource        *source,
           const AwaitlabExportOptions *options,
           const char                  *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_path_get_basename (path);

  g_assert_true (awaitlab_export_to_file (source, options, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_folder_holds_only (base);
}

/* Where the blocked span of the UI lane is, asked from a renderer laid out as
 * the export lays out its pictures (whole run plus 1/30 of room). */
static void
read_pixel (cairo_surface_t *surface,
            int              x,
            int              y,
            int             *r,
            int             *g,
            int             *b)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *)(data + y * cairo_image_surface_get_stride (surface) + x * 4);

  *r = (pixel >> 16) & 0xff;
  *g = (pixel >> 8) & 0xff;
  *b = pixel & 0xff;
}

/* Vermillion, plain or under the cross-hatch: red well above green above blue. */
static gboolean
is_blocked_colour (int r,
                   int g,
                   int b)
{
  return r > 100 && r > g + 40 && g >= b && b < 60;
}

static void
test_png_blocked_lane (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autoptr(AwaitlabExportSource) fixed = load_source ("ConfigureAwaitFalse", "true");
  g_autofree char *path = out_path ("deadlock.png");
  AwaitlabExportOptions options;
  cairo_surface_t *surface;
  int x, y, r, g, b, blocked = 0;

  /* Without the caption the legend's swatch is not there: every vermillion pixel
   * is the UI thread's bar, blocked for the whole 200 ms (a long bar). */
  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_PNG);
  options.caption = FALSE;
  export_ok (source, &options, path);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 720);

  for (y = 0; y < 720; y++)
    for (x = 0; x < 1280; x++)
      {
        read_pixel (surface, x, y, &r, &g, &b);
        blocked += is_blocked_colour (r, g, b);
      }
  /* At least a 900 × 20 px bar. */
  g_assert_cmpint (blocked, >=, 900 * 20);
  cairo_surface_destroy (surface);
  remove_output (path);

  /* The blocked lane is the deadlock's: with ConfigureAwait(false) the UI thread
   * still blocks in .Result for 200 ms, but the run completes. */
  g_assert_cmpint (awaitlab_timeline_get_outcome (awaitlab_export_source_get_timeline (source)), ==,
                   AWAITLAB_OUTCOME_DEADLOCK);
  g_assert_cmpint (awaitlab_timeline_get_outcome (awaitlab_export_source_get_timeline (fixed)), ==,
                   AWAITLAB_OUTCOME_COMPLETED);
}

static void
test_png_scale (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *path = out_path ("scaled.png");
  AwaitlabExportOptions options;
  cairo_surface_t *surface;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_PNG);
  options.width = 640;
  options.height = 360;
  options.scale = 2;
  options.time = 100 * G_GINT64_CONSTANT (1000000);
  export_ok (source, &options, path);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 720);
  cairo_surface_destroy (surface);
  remove_output (path);
}

static void
test_png_full_view (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *path = out_path ("full.png");
  AwaitlabExportOptions options;
  cairo_surface_t *surface;
  int r, g, b, r2, g2, b2;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_PNG);
  options.view = AWAITLAB_EXPORT_VIEW_FULL;
  options.width = 1000;
  options.height = 600;
  options.narration = TRUE;
  options.time = 150 * G_GINT64_CONSTANT (1000000);
  export_ok (source, &options, path);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1000);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 600);
  /* The narration strip is dark, the title bar light. */
  read_pixel (surface, 2, 598, &r, &g, &b);
  read_pixel (surface, 2, 2, &r2, &g2, &b2);
  g_assert_cmpint (r, <, 80);
  g_assert_cmpint (r2, >, 200);
  cairo_surface_destroy (surface);
  remove_output (path);
}

static void
test_svg_blocked_lane (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *path = out_path ("deadlock.svg");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  AwaitlabExportOptions options;
  const char *fill, *d;
  double minx = G_MAXDOUBLE, maxx = -G_MAXDOUBLE;
  char *end;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_SVG);
  options.width = 1200;
  options.height = 500;
  export_ok (source, &options, path);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "width=\"1200px\""));
  g_assert_nonnull (strstr (text, "height=\"500px\""));

  /* Vector: the blocked span is a path in the blocked colour,
   * spanning most of the lane area (the UI thread is blocked for the whole run). */
  g_assert_nonnull (strstr (text, "<symbol"));   /* text as glyph outlines */
  fill = strstr (text, "fill:rgb(83.5%,36.9%,0%)");
  g_assert_nonnull (fill);
  d = strstr (fill, " d=\"");
  g_assert_nonnull (d);
  d += 4;
  while (*d && *d != '"')
    {
      if (*d == 'M' || *d == 'L' || *d == 'Z' || *d == ' ' || *d == 'C')
        {
          d++;
          continue;
        }
      {
        double vx = g_ascii_strtod (d, &end);
        g_assert_true (end != d);
        minx = MIN (minx, vx);
        maxx = MAX (maxx, vx);
        d = end;
        while (*d == ' ')
          d++;
        g_ascii_strtod (d, &end);   /* y */
        g_assert_true (end != d);
        d = end;
      }
    }
  g_assert_cmpfloat (maxx - minx, >, 1200 * 0.6);
  /* The deadlock's wait-for cycle in red. */
  g_assert_nonnull (strstr (text, "rgb(87.8%,10.6%,14.1%)"));
  remove_output (path);
}

static void
test_pdf_size (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *path = out_path ("deadlock.pdf");
  g_autofree char *text = NULL;
  gsize length;
  AwaitlabExportOptions options;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_PDF);
  options.width = 842;
  options.height = 595;
  options.view = AWAITLAB_EXPORT_VIEW_FULL;
  export_ok (source, &options, path);

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_nonnull (memmem (text, length, "/MediaBox [ 0 0 842 595 ]", 25));
  remove_output (path);
}

static void
check_video (const char *path,
             int         width,
             int         height,
             int         fps,
             double      seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscoverer) discoverer = gst_discoverer_new (20 * GST_SECOND, &error);
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GList *streams;
  GstDiscovererVideoInfo *video;
  double duration;

  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);

  streams = gst_discoverer_info_get_video_streams (info);
  g_assert_cmpuint (g_list_length (streams), ==, 1);
  video = streams->data;
  g_assert_cmpuint (gst_discoverer_video_info_get_width (video), ==, width);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (video), ==, height);
  g_assert_cmpuint (gst_discoverer_video_info_get_framerate_num (video), ==, fps);
  g_assert_cmpuint (gst_discoverer_video_info_get_framerate_denom (video), ==, 1);
  duration = gst_discoverer_info_get_duration (info) / (double)GST_SECOND;
  g_assert_cmpfloat_with_epsilon (duration, seconds, 1.5 / fps);
  gst_discoverer_stream_info_list_free (streams);
}

static void
test_video (gconstpointer data)
{
  AwaitlabExportFormat format = GPOINTER_TO_INT (data);
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *name = g_strdup_printf ("run.%s", awaitlab_export_format_extension (format));
  g_autofree char *path = out_path (name);
  AwaitlabExportOptions options;

  awaitlab_export_options_init (&options, format);
  options.width = 320;
  options.height = 180;
  options.fps = 10;
  options.speed = 100;   /* 200 ms of run → 2 s, plus 1 s held */
  g_assert_cmpuint (awaitlab_export_count_frames (source, &options), ==, 31);
  export_ok (source, &options, path);
  check_video (path, 320, 180, 10, 3.1);
  remove_output (path);
}

static void
test_video_range (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *path = out_path ("range.mp4");
  AwaitlabExportOptions options;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_MP4);
  options.width = 256;
  options.height = 144;
  options.fps = 20;
  options.speed = 50;
  options.hold = 0;
  options.from = 50 * G_GINT64_CONSTANT (1000000);
  options.to = 150 * G_GINT64_CONSTANT (1000000);
  options.view = AWAITLAB_EXPORT_VIEW_FULL;
  /* 100 ms at 50 ms/s = 2 s = 40 frame intervals, 41 frames. */
  g_assert_cmpuint (awaitlab_export_count_frames (source, &options), ==, 41);
  g_assert_cmpint (awaitlab_export_frame_time (source, &options, 0), ==, options.from);
  g_assert_cmpint (awaitlab_export_frame_time (source, &options, 40), ==, options.to);
  export_ok (source, &options, path);
  check_video (path, 256, 144, 20, 41 / 20.0);
  remove_output (path);
}

static void
test_gif_frames (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *path = out_path ("run.gif");
  AwaitlabExportOptions options;
  GifFileType *gif;
  int error = 0;
  guint n_frames;
  int total_delay = 0;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_GIF);
  options.width = 400;
  options.height = 240;
  options.fps = 15;
  options.speed = 200;   /* 1 s of run → 16 frames, plus 15 held */
  n_frames = awaitlab_export_count_frames (source, &options);
  g_assert_cmpuint (n_frames, ==, 31);
  export_ok (source, &options, path);

  gif = DGifOpenFileName (path, &error);
  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);
  g_assert_cmpint (gif->SWidth, ==, 400);
  g_assert_cmpint (gif->SHeight, ==, 240);
  g_assert_cmpint (gif->ImageCount, ==, (int)n_frames);
  for (int i = 0; i < gif->ImageCount; i++)
    {
      GraphicsControlBlock gcb;

      g_assert_cmpint (DGifSavedExtensionToGCB (gif, i, &gcb), ==, GIF_OK);
      total_delay += gcb.DelayTime;
    }
  /* 31 frames at 15 fps: 31/15 s in centiseconds, exactly. */
  g_assert_cmpint (total_delay, ==, 31 * 100 / 15);
  DGifCloseFile (gif, &error);
  remove_output (path);
}

static JsonArray *
trace_events (JsonParser *parser,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  return json_object_get_array_member (root, "traceEvents");
}

static guint
count_events (JsonArray  *events,
              const char *ph,
              const char *name)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);

      if (g_str_equal (json_object_get_string_member (e, "ph"), ph) &&
          (name == NULL || g_str_equal (json_object_get_string_member (e, "name"), name)))
        n++;
    }
  return n;
}

static gboolean
has_thread (JsonArray  *events,
            const char *thread)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);

      if (g_str_equal (json_object_get_string_member (e, "ph"), "M") &&
          g_str_equal (json_object_get_string_member (e, "name"), "thread_name") &&
          g_str_equal (json_object_get_string_member (json_object_get_object_member (e, "args"), "name"), thread))
        return TRUE;
    }
  return FALSE;
}

/* Perfetto binds a flow event to the slice open on its track at its time: each
 * start and finish needs a slice of non-zero length beginning there. */
static void
assert_flows_bound (JsonArray *events)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *flow = json_array_get_object_element (events, i);
      const char *ph = json_object_get_string_member (flow, "ph");
      gboolean bound = FALSE;

      if (!g_str_equal (ph, "s") && !g_str_equal (ph, "f"))
        continue;
      for (guint j = 0; j < json_array_get_length (events) && !bound; j++)
        {
          JsonObject *x = json_array_get_object_element (events, j);

          bound = g_str_equal (json_object_get_string_member (x, "ph"), "X") &&
                  json_object_get_int_member (x, "tid") == json_object_get_int_member (flow, "tid") &&
                  json_object_get_double_member (x, "ts") == json_object_get_double_member (flow, "ts") &&
                  json_object_get_double_member (x, "dur") > 0;
        }
      g_assert_true (bound);
    }
}

static void
test_trace_completed (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source ("ConfigureAwaitFalse", "true");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = out_path ("run.json");
  AwaitlabExportOptions options;
  JsonArray *events;
  gint64 flow_id = -1;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_TRACE);
  export_ok (source, &options, path);
  events = trace_events (parser, path);

  g_assert_true (has_thread (events, "UI"));
  g_assert_true (has_thread (events, "Pool-1"));
  g_assert_true (has_thread (events, "Timers & I/O"));
  g_assert_cmpuint (count_events (events, "X", "blocked: task wait"), ==, 1);
  g_assert_cmpuint (count_events (events, "X", "GET https://api.example/data"), ==, 1);
  g_assert_cmpuint (count_events (events, "C", "Pool threads"), >=, 1);
  g_assert_cmpuint (count_events (events, "C", "Busy cores"), >=, 1);
  g_assert_cmpuint (count_events (events, "i", "Console.WriteLine"), ==, 1);
  g_assert_cmpuint (count_events (events, "i", "deadlock"), ==, 0);

  /* The continuation after the HTTP response resumes on Pool-1 at 200 ms: one
   * start and one finish with the same id, each bound to a slice. */
  g_assert_cmpuint (count_events (events, "s", NULL), >=, 1);
  g_assert_cmpuint (count_events (events, "s", NULL), ==, count_events (events, "f", NULL));
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);

      if (g_str_equal (json_object_get_string_member (e, "ph"), "f") &&
          json_object_get_int_member (e, "tid") == 2 &&
          json_object_get_double_member (e, "ts") == 200000.0)
        flow_id = json_object_get_int_member (e, "id");
    }
  g_assert_cmpint (flow_id, >=, 0);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *e = json_array_get_object_element (events, i);

      if (g_str_equal (json_object_get_string_member (e, "ph"), "s") &&
          json_object_get_int_member (e, "id") == flow_id)
        {
          g_assert_cmpfloat (json_object_get_double_member (e, "ts"), ==, 200000.0);
          flow_id = -2;
        }
    }
  g_assert_cmpuint (count_events (events, "X", "resume GetDataAsync · state 0"), ==, 1);
  assert_flows_bound (events);
  g_assert_cmpint (flow_id, ==, -2);
  remove_output (path);
}

static void
test_trace_deadlock (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = out_path ("deadlock.json");
  AwaitlabExportOptions options;
  JsonArray *events;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_TRACE);
  export_ok (source, &options, path);
  events = trace_events (parser, path);

  g_assert_cmpuint (count_events (events, "i", "deadlock"), ==, 1);
  g_assert_cmpuint (count_events (events, "i", "lint: sync-over-async"), >=, 1);
  g_assert_cmpuint (count_events (events, "i", "Console.WriteLine"), ==, 0);
  g_assert_cmpuint (count_events (events, "C", "UI queue"), >=, 1);
  remove_output (path);
}

static void
cancel_at_frame_5 (double   fraction,
                   guint    frame,
                   guint    n_frames,
                   gpointer data)
{
  /* The async export coalesces progress reports, so frame 5 itself may never be
   * seen: cancel at the first report from frame 5 on. */
  if (frame >= 5)
    g_cancellable_cancel (data);
}

static void
test_cancel (gconstpointer data)
{
  AwaitlabExportFormat format = GPOINTER_TO_INT (data);
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("cancelled.%s", awaitlab_export_format_extension (format));
  g_autofree char *path = out_path (name);
  AwaitlabExportOptions options;

  awaitlab_export_options_init (&options, format);
  options.width = 320;
  options.height = 180;
  options.speed = 10;
  g_assert_false (awaitlab_export_to_file (source, &options, path, cancel_at_frame_5, cancellable,
                                           cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_folder_holds_only (NULL);
}

/* A cancelled async export reports cancellation once the worker has removed
 * its temporary file. */
static void
async_done (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  GError **error = data;

  g_assert_false (awaitlab_export_to_file_finish (result, error));
}

static void
test_cancel_async (gconstpointer data)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = out_path ("async.webm");
  AwaitlabExportOptions options;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_WEBM);
  options.width = 320;
  options.height = 180;
  options.speed = 5;
  awaitlab_export_to_file_async (source, &options, path, cancel_at_frame_5, cancellable,
                                 cancellable, async_done, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_folder_holds_only (NULL);
}

static void
test_unwritable (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (out_dir, "no-such-folder", "x.png", NULL);
  AwaitlabExportOptions options;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_PNG);
  g_assert_false (awaitlab_export_to_file (source, &options, path, NULL, NULL, NULL, &error));
  g_assert_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_NOT_WRITABLE);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  /* A folder as the target. */
  g_assert_false (awaitlab_export_to_file (source, &options, out_dir, NULL, NULL, NULL, &error));
  g_assert_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_NOT_WRITABLE);
  assert_folder_holds_only (NULL);
}

static gboolean have_cli (void);

/* Outputs that cannot hurt: never over the scenario, a link, a FIFO or a device;
 * stale temporary files of a killed export of ours go on the next export. */
static void
test_safe_paths (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *input = out_path ("input.csx");
  g_autofree char *fifo = out_path ("fifo.png");
  g_autofree char *link = out_path ("link.png");
  g_autofree char *target = out_path ("target.png");
  g_autofree char *stale = out_path (".target.png.999999999.abcdef.part");
  g_autofree char *contents = NULL;
  AwaitlabExportOptions options;
  const char *refused[] = { input, fifo, link, "/dev/null" };

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_PNG);
  g_assert_true (g_file_set_contents (input, "// @title mine\n", -1, NULL));
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("target.png", link), ==, 0);
  awaitlab_export_source_set_input_path (source, input);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (awaitlab_export_to_file (source, &options, refused[i], NULL, NULL, NULL, &error));
      g_assert_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_NOT_WRITABLE);
    }
  g_assert_true (g_file_get_contents (input, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "// @title mine\n");
  g_assert_true (g_file_test (fifo, G_FILE_TEST_EXISTS) && !g_file_test (fifo, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  /* A .part file whose process is gone is removed; the real target is written. */
  g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
  g_assert_true (awaitlab_export_to_file (source, &options, target, NULL, NULL, NULL, NULL));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));

  g_unlink (input);
  g_unlink (fifo);
  g_unlink (link);
  g_unlink (target);
  assert_folder_holds_only (NULL);
}

/* A PDF that cannot be written in full (a file size limit stands in for a full
 * disk) fails, and the existing file stays as it was. */
static void
test_pdf_write_error (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = out_path ("full.pdf");
  g_autofree char *contents = NULL;
  AwaitlabExportOptions options;
  struct rlimit saved, small;
  gboolean ok;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_PDF);
  g_assert_true (g_file_set_contents (path, "the good one", -1, NULL));
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 2048;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  ok = awaitlab_export_to_file (source, &options, path, NULL, NULL, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, SIG_DFL);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "full.pdf"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the good one");
  g_unlink (path);
  assert_folder_holds_only (NULL);
}

/* The whole command line: outputs refused with exit 4 and the input untouched;
 * standard output on a full device is an error; UTF-8 whatever the locale. */
static void
test_cli_outputs (void)
{
  const char *bin = g_getenv ("AWAITLAB_BIN");
  g_autofree char *script = scenario_path ();
  g_autofree char *input = out_path ("copy.csx");
  g_autofree char *fifo = out_path ("out.fifo");
  g_autofree char *utf8 = out_path ("utf8.csx");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  struct { const char *argv[8]; int code; const char *says; } cases[] = {
    { { "csharp", input, "-o", input }, 4, "the scenario being read" },
    { { "export", input, "--png", input }, 4, "the scenario being read" },
    { { "csharp", input, "-o", "/dev/full" }, 4, "not a regular file" },
    { { "csharp", input, "-o", fifo }, 4, "a FIFO" },
    { { "run", "/no/such/file.csx" }, 2, "No such file" },
    { { "check", "/no/such/file.csx" }, 2, "No such file" },
    { { "csharp", "/no/such/file.csx" }, 2, "No such file" },
    { { "export", "/no/such/file.csx", "--png", "x.png" }, 2, "No such file" },
  };
  const char *to_full[][4] = {
    { "run", input }, { "run", "--json", input }, { "list" }, { "test", input },
    { "compare", input }, { "csharp", input },
  };

  if (!have_cli ())
    return;
  g_assert_true (g_file_get_contents (script, &before, NULL, NULL));
  g_assert_true (g_file_set_contents (input, before, -1, NULL));
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;
      int status;

      g_ptr_array_add (argv, (char *) bin);
      for (guint k = 0; cases[i].argv[k]; k++)
        g_ptr_array_add (argv, (char *) cases[i].argv[k]);
      g_ptr_array_add (argv, NULL);
      g_assert_true (g_spawn_sync (out_dir, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                   NULL, NULL, NULL, &err, &status, &error));
      g_assert_true (WIFEXITED (status));
      if (WEXITSTATUS (status) != cases[i].code || strstr (err, cases[i].says) == NULL)
        g_error ("case %u: exit %d (want %d), “%s” not in: %s", i, WEXITSTATUS (status),
                 cases[i].code, cases[i].says, err);
    }
  g_assert_true (g_file_get_contents (input, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  for (guint i = 0; i < G_N_ELEMENTS (to_full); i++)
    {
      g_autofree char *cmd = g_strdup_printf ("exec '%s' %s %s %s > /dev/full", bin, to_full[i][0],
                                              to_full[i][1] ? to_full[i][1] : "",
                                              to_full[i][2] ? to_full[i][2] : "");
      const char *sh[] = { "/bin/sh", "-c", cmd, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;
      int status;

      g_assert_true (g_spawn_sync (out_dir, (char **) sh, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, &err, &status, &error));
      g_assert_true (WIFEXITED (status));
      if (WEXITSTATUS (status) != 4 || strstr (err, "standard output") == NULL)
        g_error ("%s: exit %d, stderr: %s", cmd, WEXITSTATUS (status), err);
    }

  /* LC_ALL=C: the text stays UTF-8, not “?”. */
  {
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C", TRUE);
    const char *argv[] = { bin, "run", utf8, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    int status;

    g_assert_true (g_file_set_contents (utf8, "// @title Ünïcode\nvoid Main() { Console.WriteLine(\"héllo → wörld\"); }\n",
                                        -1, NULL));
    g_assert_true (g_spawn_sync (out_dir, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (out, "| héllo → wörld\n"));
  }

  g_unlink (input);
  g_unlink (fifo);
  g_unlink (utf8);
  assert_folder_holds_only (NULL);
}

static void
test_bad_options (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *path = out_path ("bad.mp4");
  AwaitlabExportOptions options;
  struct { int w, h, fps; double speed; gint64 from, to; } cases[] = {
    { 321, 180, 30, 10, 0, -1 },     /* odd width for H.264 */
    { 8, 8, 30, 10, 0, -1 },         /* too small */
    { 320, 180, 0, 10, 0, -1 },      /* no frame rate */
    { 320, 180, 30, -1, 0, -1 },     /* negative speed */
    { 320, 180, 30, 10, 100, 50 },   /* range backwards */
    { 320, 180, 30, 1e-9, 0, -1 },   /* far too many frames */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      awaitlab_export_options_init (&options, AWAITLAB_EXPORT_MP4);
      options.width = cases[i].w;
      options.height = cases[i].h;
      options.fps = cases[i].fps;
      options.speed = cases[i].speed;
      options.from = cases[i].from;
      options.to = cases[i].to;
      g_assert_false (awaitlab_export_to_file (source, &options, path, NULL, NULL, NULL, &error));
      g_assert_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_INVALID);
    }
  assert_folder_holds_only (NULL);
}

/* Without an H.264 encoder the error names both candidates and their packages,
 * and nothing is written. The child sees a plugin folder holding only what the
 * rest of the pipeline needs (links to the installed plugins). */
static void
test_missing_encoder (void)
{
  static const char * const keep[] = { "app", "videoconvertscale", "videoconvert", "coreelements", "isomp4", NULL };
  g_autofree char *gst_dir = NULL;
  g_autofree char *plugins = NULL;
  g_autofree char *registry = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = out_path ("missing.mp4");
      AwaitlabExportOptions options;

      awaitlab_export_options_init (&options, AWAITLAB_EXPORT_MP4);
      options.width = 320;
      options.height = 180;
      g_assert_false (awaitlab_export_to_file (source, &options, path, NULL, NULL, NULL, &error));
      g_assert_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_MISSING_PLUGIN);
      g_printerr ("%s\n", error->message);
      assert_folder_holds_only (NULL);
      return;
    }

  gst_dir = g_dir_make_tmp ("awaitlab-test-gst-XXXXXX", NULL);
  g_assert_nonnull (gst_dir);
  plugins = g_build_filename (gst_dir, "plugins", NULL);
  registry = g_build_filename (gst_dir, "registry.bin", NULL);
  g_assert_cmpint (g_mkdir (plugins, 0755), ==, 0);
  for (guint i = 0; keep[i]; i++)
    {
      g_autoptr(GstPlugin) plugin = gst_registry_find_plugin (gst_registry_get (), keep[i]);
      g_autofree char *base = NULL;
      g_autofree char *link = NULL;

      if (plugin == NULL || gst_plugin_get_filename (plugin) == NULL)
        continue;
      base = g_path_get_basename (gst_plugin_get_filename (plugin));
      link = g_build_filename (plugins, base, NULL);
      g_assert_cmpint (symlink (gst_plugin_get_filename (plugin), link), ==, 0);
    }

  g_setenv ("GST_PLUGIN_SYSTEM_PATH_1_0", plugins, TRUE);
  g_setenv ("GST_PLUGIN_PATH_1_0", "", TRUE);
  g_setenv ("GST_REGISTRY_1_0", registry, TRUE);
  g_setenv ("AWAITLAB_TEST_OUT_DIR", out_dir, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, 0);
  g_unsetenv ("GST_PLUGIN_SYSTEM_PATH_1_0");
  g_unsetenv ("GST_PLUGIN_PATH_1_0");
  g_unsetenv ("GST_REGISTRY_1_0");
  g_unsetenv ("AWAITLAB_TEST_OUT_DIR");

  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*x264enc*gstreamer1.0-plugins-ugly*openh264enc*gstreamer1.0-plugins-bad*");

  /* Clean the fake plugin folder. */
  {
    g_autoptr(GDir) dir = g_dir_open (plugins, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (plugins, name, NULL);
        g_unlink (file);
      }
  }
  g_rmdir (plugins);
  g_unlink (registry);
  g_assert_cmpint (g_rmdir (gst_dir), ==, 0);
  assert_folder_holds_only (NULL);
}

/* ----------------------------------------------------------------------------
 * Slide-ready pictures: caption, filled picture, whole tick labels, steps,
 * one format table, the full view's code.
 * ------------------------------------------------------------------------- */

static gboolean have_cli (void);

static cairo_surface_t *
export_png (AwaitlabExportSource *source,
            gboolean              caption,
            const char           *name)
{
  g_autofree char *path = out_path (name);
  AwaitlabExportOptions options;
  cairo_surface_t *surface;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_PNG);
  options.caption = caption;
  export_ok (source, &options, path);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  remove_output (path);
  return surface;
}

static guint
count_pixels (cairo_surface_t *surface,
              int              y0,
              int              y1,
              gboolean       (*match) (int r, int g, int b))
{
  guint n = 0;

  for (int y = MAX (0, y0); y < MIN (y1, cairo_image_surface_get_height (surface)); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        int r, g, b;

        read_pixel (surface, x, y, &r, &g, &b);
        n += match (r, g, b);
      }
  return n;
}

static gboolean
is_outcome_red (int r,
                int g,
                int b)
{
  return r > 180 && g < 90 && b < 90;
}

/* Title, outcome and legend are on by default for every format, and drawn. */
static void
test_caption (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  cairo_surface_t *with, *without;

  for (AwaitlabExportFormat f = 0; f < AWAITLAB_EXPORT_N_FORMATS; f++)
    {
      AwaitlabExportOptions options;

      awaitlab_export_options_init (&options, f);
      g_assert_true (options.caption);
    }

  with = export_png (source, TRUE, "caption.png");
  without = export_png (source, FALSE, "plain.png");
  /* The outcome line ("Deadlock at 200 ms: …") in red under the title. */
  g_assert_cmpuint (count_pixels (with, 30, 60, is_outcome_red), >=, 150);
  /* The legend at the bottom, with its Blocked swatch. */
  g_assert_cmpuint (count_pixels (with, 720 - 34, 720, is_blocked_colour), >=, 100);
  g_assert_cmpuint (count_pixels (without, 720 - 34, 720, is_blocked_colour), ==, 0);
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

static gboolean
is_background (int r,
               int g,
               int b)
{
  return abs (r - 250) <= 2 && abs (g - 250) <= 2 && abs (b - 250) <= 2;
}

/* A run with three lanes fills the slide instead of leaving its lower half
 * empty (rows of nothing but background), and the last tick label is whole:
 * the picture's right edge in the ruler is background. */
static void
test_fills_picture (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  cairo_surface_t *surface = export_png (source, TRUE, "filled.png");
  int width = cairo_image_surface_get_width (surface);
  guint empty_rows = 0;
  int rule;

  for (int y = 0; y < 720; y++)
    empty_rows += count_pixels (surface, y, y + 1, is_background) == (guint) width;
  g_test_message ("%u of 720 rows empty", empty_rows);
  g_assert_cmpuint (empty_rows, <, 720 / 8);

  /* The ruler starts under the caption's rule, which is as low as the
   * outcome's lines need. */
  rule = 40;
  for (;; rule++)
    {
      int r, g, b;

      g_assert_cmpint (rule, <, 200);
      read_pixel (surface, width - 6, rule, &r, &g, &b);
      if (!is_background (r, g, b))
        break;
    }
  for (int y = rule + 3; y < rule + 38; y++)
    for (int x = width - 6; x < width; x++)
      {
        int r, g, b;

        read_pixel (surface, x, y, &r, &g, &b);
        g_assert_true (is_background (r, g, b));
      }
  cairo_surface_destroy (surface);
}

/* One numbered PNG per bookmark: the note on line 15, the deadlock, the end. */
static void
test_steps (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *folder = out_path ("steps");
  const char * const names[] = { "01-note-L15.png", "02-deadlock.png", "03-end.png" };
  g_autoptr(GError) error = NULL;
  AwaitlabExportOptions options;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_STEPS);
  g_assert_cmpuint (awaitlab_export_source_get_bookmarks (source)->len, ==, G_N_ELEMENTS (names));
  g_assert_true (awaitlab_export_to_file (source, &options, folder, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      cairo_surface_t *surface;

      g_assert_true (g_strv_contains ((const char * const *) names, name));
      surface = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 720);
      cairo_surface_destroy (surface);
      g_assert_cmpint (g_unlink (path), ==, 0);
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (names));
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  assert_folder_holds_only (NULL);

  /* A source without a scenario has no bookmarks: a clear error, nothing written. */
  {
    g_autoptr(AwaitlabExportSource) bare =
      awaitlab_export_source_new (awaitlab_export_source_get_timeline (source),
                                  awaitlab_export_source_get_trace (source), "t", "", "");

    g_assert_false (awaitlab_export_to_file (bare, &options, folder, NULL, NULL, NULL, &error));
    g_assert_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_INVALID);
    g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  }
}

/* The table is the one place: names round-trip, every row is a command-line
 * option (the dialog test checks its list). */
static void
test_format_table (void)
{
  const AwaitlabExportFormatInfo *formats;
  g_autofree char *out = NULL;
  const char *bin = g_getenv ("AWAITLAB_BIN");
  guint n;

  formats = awaitlab_export_get_formats (&n);
  g_assert_cmpuint (n, ==, AWAITLAB_EXPORT_N_FORMATS);
  for (guint i = 0; i < n; i++)
    {
      AwaitlabExportFormat back;

      g_assert_cmpint (formats[i].format, ==, i);
      g_assert_true (awaitlab_export_format_from_string (formats[i].name, &back));
      g_assert_cmpint (back, ==, i);
      g_assert_cmpstr (awaitlab_export_format_to_string (i), ==, formats[i].name);
      g_assert_cmpstr (awaitlab_export_format_extension (i), ==, formats[i].extension);
      g_assert_cmpint (awaitlab_export_format_is_video (i), ==, formats[i].kind == AWAITLAB_EXPORT_KIND_VIDEO);
    }

  if (!have_cli ())
    return;
  {
    const char *argv[] = { bin, "export", "--help", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, NULL, NULL));
  }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *option = g_strdup_printf ("--%s=", formats[i].name);

      g_assert_nonnull (strstr (out, option));
      g_assert_nonnull (strstr (out, formats[i].help));
    }
}

/* The full view shows the code the run executes, not the directive header. Read
 * back from the PDF's text with Ghostscript when it is installed. */
static void
test_full_view_code (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source (NULL, NULL);
  g_autofree char *path = out_path ("full.pdf");
  g_autofree char *gs = g_find_program_in_path ("gs");
  g_autofree char *text = NULL;
  AwaitlabExportOptions options;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_PDF);
  options.view = AWAITLAB_EXPORT_VIEW_FULL;
  export_ok (source, &options, path);
  if (gs == NULL)
    {
      remove_output (path);
      g_test_skip ("Ghostscript (gs) is not installed");
      return;
    }
  {
    g_autofree char *output = g_strdup_printf ("-sOutputFile=%s", "-");
    const char *argv[] = { gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=txtwrite", output, path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &text, NULL, NULL, NULL));
  }
  remove_output (path);

  g_assert_nonnull (strstr (text, "string data = GetDataAsync().Result;"));
  g_assert_nonnull (strstr (text, "async Task<string> GetDataAsync()"));
  g_assert_null (strstr (text, "@title"));
  g_assert_null (strstr (text, "@note"));
  /* The caption: title and outcome. */
  g_assert_nonnull (strstr (text, "Export test: .Result on the UI thread"));
  g_assert_nonnull (strstr (text, "Deadlock at 200 ms"));
}

/* `--screenshot` needs the real window: without a display it says so and how. */
static void
test_screenshot_needs_display (void)
{
  const char *bin = g_getenv ("AWAITLAB_BIN");
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *err = NULL;
  g_autofree char *shot = out_path ("shot.png");
  const char *argv[] = { bin, "--screenshot", shot, NULL };
  int status;

  if (!have_cli ())
    return;
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_assert_true (g_spawn_sync (out_dir, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, NULL));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "needs a display"));
  g_assert_nonnull (strstr (err, "xvfb-run"));
  g_assert_false (g_file_test (shot, G_FILE_TEST_EXISTS));
}

/* ----------------------------------------------------------------------------
 * The command line, run with no display at all (AWAITLAB_BIN is set by meson).
 * ------------------------------------------------------------------------- */

static gboolean
run_cli (const char * const *args,
         int                *status,
         char              **err)
{
  const char *bin = g_getenv ("AWAITLAB_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *script = scenario_path ();

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_ptr_array_add (argv, (char *)bin);
  g_ptr_array_add (argv, "export");
  g_ptr_array_add (argv, script);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (out_dir, (char **)argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, err, status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (*status, NULL);
}

static gboolean
have_cli (void)
{
  const char *bin = g_getenv ("AWAITLAB_BIN");

  if (bin == NULL || !g_file_test (bin, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the awaitlab binary is not built (AWAITLAB_BIN)");
      return FALSE;
    }
  return TRUE;
}

static void
test_cli_headless (void)
{
  const char * const args[] = { "--set", "ConfigureAwaitFalse=true", "--png", "cli.png", "--svg", "cli.svg",
                                "--trace", "cli.json", "--gif", "cli.gif", "--size", "320x180",
                                "--speed", "100", "--fps", "5", "--view", "full", NULL };
  const char * const names[] = { "cli.png", "cli.svg", "cli.json", "cli.gif" };
  g_autofree char *err = NULL;
  int status;

  if (!have_cli ())
    return;

  g_assert_true (run_cli (args, &status, &err));
  /* Videos report progress on stderr. */
  g_assert_nonnull (strstr (err, "cli.gif: frame "));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = out_path (names[i]);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  assert_folder_holds_only (NULL);
}

static void
test_cli_errors (void)
{
  const char * const usage[] = { "--png", NULL };
  const char * const no_output[] = { "--size", "720p", NULL };
  const char * const bad_size[] = { "--png", "x.png", "--size", "huge", NULL };
  const char * const bad_knob[] = { "--png", "x.png", "--set", "NoSuchKnob=1", NULL };
  const char * const unwritable[] = { "--png", "no-such-folder/x.png", NULL };
  struct { const char * const *args; int code; const char *says; } cases[] = {
    { usage, 2, "Missing argument" },
    { no_output, 2, "no output" },
    { bad_size, 2, "--size" },
    { bad_knob, 2, "NoSuchKnob" },
    { unwritable, 4, "no-such-folder" },
  };

  if (!have_cli ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status;

      g_assert_false (run_cli (cases[i].args, &status, &err));
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, cases[i].code);
      if (strstr (err, cases[i].says) == NULL)
        g_error ("case %u: “%s” not in: %s", i, cases[i].says, err);
    }
  assert_folder_holds_only (NULL);
}

/* Ctrl+C in the middle of a video: the export says it was cancelled, exits 1
 * and leaves nothing, not even the temporary file. */
static void
test_cli_interrupt (void)
{
  const char *bin = g_getenv ("AWAITLAB_BIN");
  g_autofree char *script = scenario_path ();
  const char *argv[] = { bin, "export", script, "--webm", "long.webm", "--size", "320x180",
                         "--speed", "0.5", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) err = g_string_new (NULL);
  GPid pid;
  int err_fd, status = 0;
  char buffer[512];
  gssize n;

  if (!have_cli ())
    return;

  g_spawn_async_with_pipes (out_dir, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, NULL, &err_fd, &error);
  g_assert_no_error (error);

  /* Wait for the first progress line, then interrupt. */
  while (strstr (err->str, "frame ") == NULL && (n = read (err_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (err, buffer, n);
  kill (pid, SIGINT);
  while ((n = read (err_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (err, buffer, n);
  close (err_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err->str, "cancelled, nothing written"));
  assert_folder_holds_only (NULL);
}

static void
test_parse (void)
{
  int w = 0, h = 0;
  gint64 t = 0;

  g_assert_true (awaitlab_export_parse_size ("720p", &w, &h));
  g_assert_cmpint (w, ==, 1280);
  g_assert_cmpint (h, ==, 720);
  g_assert_true (awaitlab_export_parse_size ("1080p", &w, &h));
  g_assert_cmpint (w, ==, 1920);
  g_assert_true (awaitlab_export_parse_size ("640x360", &w, &h));
  g_assert_cmpint (h, ==, 360);
  g_assert_false (awaitlab_export_parse_size ("640x", &w, &h));
  g_assert_false (awaitlab_export_parse_size ("x360", &w, &h));
  g_assert_false (awaitlab_export_parse_size ("99999x10", &w, &h));

  g_assert_true (awaitlab_export_parse_time ("150ms", &t));
  g_assert_cmpint (t, ==, 150000000);
  g_assert_true (awaitlab_export_parse_time ("1.5s", &t));
  g_assert_cmpint (t, ==, 1500000000);
  g_assert_true (awaitlab_export_parse_time ("250us", &t));
  g_assert_cmpint (t, ==, 250000);
  g_assert_true (awaitlab_export_parse_time ("42", &t));
  g_assert_cmpint (t, ==, 42000000);
  g_assert_true (awaitlab_export_parse_time ("end", &t));
  g_assert_cmpint (t, ==, AWAITLAB_EXPORT_TIME_END);
  g_assert_false (awaitlab_export_parse_time ("-3ms", &t));
  g_assert_false (awaitlab_export_parse_time ("3 parsecs", &t));
}

static gboolean
have_element (const char *name)
{
  g_autoptr(GstElementFactory) factory = gst_element_factory_find (name);
  return factory != NULL;
}

static void
add_video_test (const char           *path,
                AwaitlabExportFormat  format,
                GTestDataFunc         func,
                const char           *encoder)
{
  if (have_element (encoder))
    g_test_add_data_func (path, GINT_TO_POINTER (format), func);
  else
    g_test_message ("%s: skipped, the GStreamer element %s is not installed", path, encoder);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  /* A subprocess test shares its parent's folder. */
  if (g_getenv ("AWAITLAB_TEST_OUT_DIR") != NULL)
    out_dir = g_strdup (g_getenv ("AWAITLAB_TEST_OUT_DIR"));
  else
    out_dir = g_dir_make_tmp ("awaitlab-test-export-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/export/options/parse", test_parse);
  g_test_add_func ("/export/png/deadlock-blocked-lane", test_png_blocked_lane);
  g_test_add_func ("/export/png/scale", test_png_scale);
  g_test_add_func ("/export/png/full-view", test_png_full_view);
  g_test_add_func ("/export/svg/deadlock-blocked-lane", test_svg_blocked_lane);
  g_test_add_func ("/export/pdf/size", test_pdf_size);
  add_video_test ("/export/video/mp4", AWAITLAB_EXPORT_MP4, test_video, "x264enc");
  add_video_test ("/export/video/webm", AWAITLAB_EXPORT_WEBM, test_video, "vp8enc");
  if (have_element ("x264enc"))
    g_test_add_func ("/export/video/range-full-view", test_video_range);
  g_test_add_func ("/export/gif/frames", test_gif_frames);
  g_test_add_func ("/export/trace/tracks-flows-counters", test_trace_completed);
  g_test_add_func ("/export/trace/deadlock-and-lints", test_trace_deadlock);
  add_video_test ("/export/cancel/mp4-leaves-no-file", AWAITLAB_EXPORT_MP4, test_cancel, "x264enc");
  g_test_add_data_func ("/export/cancel/gif-leaves-no-file", GINT_TO_POINTER (AWAITLAB_EXPORT_GIF), test_cancel);
  add_video_test ("/export/cancel/async-webm", AWAITLAB_EXPORT_WEBM, test_cancel_async, "vp8enc");
  g_test_add_func ("/export/errors/unwritable", test_unwritable);
  g_test_add_func ("/export/errors/bad-options", test_bad_options);
  g_test_add_func ("/export/errors/safe-paths", test_safe_paths);
  g_test_add_func ("/export/errors/pdf-write-error", test_pdf_write_error);
  g_test_add_func ("/export/cli/outputs-and-stdout", test_cli_outputs);
  g_test_add_func ("/export/errors/missing-h264-encoder", test_missing_encoder);
  g_test_add_func ("/export/slides/caption", test_caption);
  g_test_add_func ("/export/slides/fills-picture", test_fills_picture);
  g_test_add_func ("/export/slides/steps", test_steps);
  g_test_add_func ("/export/slides/format-table", test_format_table);
  g_test_add_func ("/export/slides/full-view-code", test_full_view_code);
  g_test_add_func ("/export/cli/screenshot-needs-display", test_screenshot_needs_display);
  g_test_add_func ("/export/cli/headless-several-outputs", test_cli_headless);
  g_test_add_func ("/export/cli/errors-and-exit-codes", test_cli_errors);
  g_test_add_func ("/export/cli/interrupt-leaves-nothing", test_cli_interrupt);

  status = g_test_run ();

  if (!g_test_subprocess ())
    g_rmdir (out_dir);
  g_free (out_dir);
  gst_deinit ();
  return status;
}
