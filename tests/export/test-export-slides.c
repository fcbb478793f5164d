/* test-export-slides.c
 *
 * What makes an export usable on a slide, asserted on layout rather than on
 * pixels where Pango can tell: the lanes a range does not use are left out
 * and named in a note, the outcome line is wrapped and never ellipsized, and
 * a video spends frames on each zero-time step instead of jumping over it.
 */

#include <pango/pangocairo.h>
#include <string.h>

#include "export/awaitlab-export-private.h"
#include "awl-scenario.h"
#include "export-test-support.h"

static AwaitlabExportSource *
load (const char *name)
{
  g_autofree char *path = g_build_filename (SCENARIO_DIR, name, NULL);

  return export_test_load_source (path, NULL, NULL);
}

static int
find_lane (AwaitlabTimeline *timeline,
           const char       *name)
{
  for (guint i = 0; i < awaitlab_timeline_get_n_lanes (timeline); i++)
    if (g_strcmp0 (awaitlab_timeline_get_lane_name (timeline, i), name) == 0)
      return i;
  return -1;
}

/* Question 44 throttles work with a semaphore: in its first 50 ms only Main
 * runs (the pool threads start later). An export of that range keeps Main and
 * the I/O lane, leaves the pool threads out and says so; the whole run keeps
 * every thread that ran. */
static void
test_crop_to_used_lanes (void)
{
  g_autoptr(AwaitlabExportSource) source = load ("44-semaphore-throttle.csx");
  AwaitlabTimeline *timeline = awaitlab_export_source_get_timeline (source);
  gint64 end = awaitlab_timeline_get_end_time (timeline);
  int main_lane = find_lane (timeline, "Main"), pool = find_lane (timeline, "Pool-1");
  g_autoptr(GArray) early = awaitlab_export_lanes_used (timeline, 0, 50000000);
  g_autoptr(GArray) whole = awaitlab_export_lanes_used (timeline, 0, end);
  g_autofree char *note = awaitlab_export_lanes_note (timeline, early);
  g_autofree char *whole_note = awaitlab_export_lanes_note (timeline, whole);

  g_assert_cmpint (main_lane, >=, 0);
  g_assert_cmpint (pool, >=, 0);
  g_assert_true (g_array_index (early, gboolean, main_lane));
  g_assert_false (g_array_index (early, gboolean, pool));
  g_assert_true (g_array_index (whole, gboolean, pool));
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "Pool-1"));
  g_assert_null (strstr (note, "Main"));
  g_assert_null (whole_note);

  /* The renderer gives a left-out lane no room and nothing under the pointer. */
  {
    g_autoptr(AwaitlabTimelineRenderer) r = awaitlab_timeline_renderer_new ();
    double all = awaitlab_timeline_renderer_get_natural_height (r, timeline);
    double cropped;

    awaitlab_timeline_renderer_set_lanes_shown (r, (const gboolean *)(gpointer)early->data, early->len);
    cropped = awaitlab_timeline_renderer_get_natural_height (r, timeline);
    g_assert_cmpfloat (cropped, <, all);
    for (double y = 0; y < 720; y += 2)
      {
        AwaitlabTimelineHit hit;

        awaitlab_timeline_renderer_hit_test (r, timeline, 0, end, 1280, 720, 600, y, &hit);
        if (hit.lane >= 0)
          g_assert_true (g_array_index (early, gboolean, hit.lane));
      }
  }
}

/* Question 31's outcome is a long sentence (the whole chain of the
 * deadlock): at 1280 and at 640 wide it wraps, Pango reports nothing
 * ellipsized, every character is in the layout, and the caption is tall
 * enough for all of its lines. */
static void
test_outcome_not_truncated (void)
{
  g_autoptr(AwaitlabExportSource) source = load ("31-result-deadlock-ui.csx");
  g_autofree char *outcome = awaitlab_export_outcome_line (source);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 16, 16);
  cairo_t *cr = cairo_create (surface);
  static const double widths[] = { 1280, 640 };

  g_assert_cmpuint (strlen (outcome), >, 120);
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autoptr(PangoLayout) layout = awaitlab_export_outcome_layout (source, NULL, cr, widths[i], 720);
      double band = awaitlab_export_caption_height_for (source, NULL, cr, widths[i], 720);
      PangoRectangle ink, logical;

      g_assert_false (pango_layout_is_ellipsized (layout));
      g_assert_cmpstr (pango_layout_get_text (layout), ==, outcome);
      g_assert_cmpint (pango_layout_get_line_count (layout), >=, 2);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      /* Every line fits the width given... */
      g_assert_cmpint (logical.x + logical.width, <=, (int)widths[i]);
      /* ...and the band holds them all under the title. */
      g_assert_cmpfloat (band, >=, logical.height + awaitlab_export_caption_height (720) * 0.3);
      g_assert_cmpfloat (band, >, awaitlab_export_caption_height (720));
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Question 13: the continuation that comes back to the UI thread takes no
 * virtual time. A video paced along the step axis stays on that instant for
 * several frames and narrates its events one after the other, in order. */
static void
test_video_dwells_on_instants (void)
{
  g_autoptr(AwaitlabExportSource) source = load ("13-context-ui-thread.csx");
  AwaitlabExportOptions options;
  g_autoptr(AwaitlabExportPainter) painter = NULL;
  guint n_frames, longest = 0, run = 0, frames_at_instant = 0, events_seen = 0;
  int last_event = -2;
  gint64 last_time = -1;

  awaitlab_export_options_init (&options, AWAITLAB_EXPORT_WEBM);
  options.fps = 15;
  painter = awaitlab_export_painter_new (source, &options);
  n_frames = awaitlab_export_count_frames (source, &options);

  for (guint i = 0; i < n_frames; i++)
    {
      gint64 t = awaitlab_export_painter_seek (painter, i, n_frames);

      g_assert_cmpint (t, >=, last_time);
      run = t == last_time ? run + 1 : 1;
      longest = MAX (longest, run);
      last_time = t;
    }
  /* Some time has several frames of its own before the hold at the end. */
  g_assert_cmpuint (longest, >=, 3);

  /* The instant at which the UI thread resumes (150 ms): its frames narrate
   * its events one after the other, never going back. */
  last_time = -1;
  for (guint i = 0; i < n_frames; i++)
    {
      gint64 t = awaitlab_export_painter_seek (painter, i, n_frames);
      int event = awaitlab_export_painter_get_event (painter);

      if (t != 150000000)
        continue;
      frames_at_instant++;
      g_assert_cmpint (event, >=, last_event);
      if (event > last_event)
        events_seen++;
      last_event = event;
    }
  g_assert_cmpuint (frames_at_instant, >=, 4);
  g_assert_cmpuint (events_seen, >=, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/slides/crop-to-used-lanes", test_crop_to_used_lanes);
  g_test_add_func ("/export/slides/outcome-not-truncated", test_outcome_not_truncated);
  g_test_add_func ("/export/video/dwells-on-instants", test_video_dwells_on_instants);

  return g_test_run ();
}
