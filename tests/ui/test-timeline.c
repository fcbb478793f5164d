/* test-timeline.c
 *
 * The drawable timeline, the time range, the renderer and playback, without a
 * display: exact virtual times, exact indexes, sampled pixels.
 */

#include <cairo.h>
#include <math.h>

#include "awaitlab-playback.h"
#include "awaitlab-time-range.h"
#include "awaitlab-timeline-renderer.h"
#include "awaitlab-timeline-synthetic.h"
#include "fake-timeline.h"

#define MS(x) ((gint64)(x) * 1000000)

static void
test_time_range (void)
{
  g_autoptr(AwaitlabTimeRange) range = awaitlab_time_range_new ();

  awaitlab_time_range_set_bounds (range, 0, MS (100));
  awaitlab_time_range_fit (range);
  g_assert_cmpint (awaitlab_time_range_get_begin (range), ==, 0);
  g_assert_cmpint (awaitlab_time_range_get_end (range), ==, MS (100));

  /* Zooming in 2× around 50 ms keeps 50 ms in the middle. */
  awaitlab_time_range_zoom (range, 0.5, MS (50));
  g_assert_cmpint (awaitlab_time_range_get_begin (range), ==, MS (25));
  g_assert_cmpint (awaitlab_time_range_get_end (range), ==, MS (75));

  /* Panning stops at the bounds without changing the width. */
  awaitlab_time_range_pan (range, MS (1000));
  g_assert_cmpint (awaitlab_time_range_get_begin (range), ==, MS (50));
  g_assert_cmpint (awaitlab_time_range_get_end (range), ==, MS (100));
  awaitlab_time_range_pan (range, -MS (1000));
  g_assert_cmpint (awaitlab_time_range_get_begin (range), ==, 0);

  /* Zooming out past the bounds is "fit". */
  awaitlab_time_range_zoom (range, 100, MS (10));
  g_assert_cmpint (awaitlab_time_range_get_begin (range), ==, 0);
  g_assert_cmpint (awaitlab_time_range_get_end (range), ==, MS (100));

  /* ensure() scrolls the playhead into view. */
  awaitlab_time_range_set_visible (range, 0, MS (10));
  awaitlab_time_range_ensure (range, MS (30));
  g_assert_cmpint (awaitlab_time_range_get_begin (range), <=, MS (30));
  g_assert_cmpint (awaitlab_time_range_get_end (range), >=, MS (30));
  g_assert_cmpint (awaitlab_time_range_get_end (range) - awaitlab_time_range_get_begin (range), ==, MS (10));
}

static void
test_find_span (void)
{
  g_autoptr(AwaitlabTimeline) t = fake_deadlock_timeline ();
  const AwaitlabSpan *spans;
  guint n;

  spans = awaitlab_timeline_get_spans (t, 0, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (awaitlab_timeline_find_span (t, 0, 0), ==, 0);
  g_assert_cmpint (awaitlab_timeline_find_span (t, 0, MS (1)), ==, 1);
  g_assert_cmpint (awaitlab_timeline_find_span (t, 0, MS (50)), ==, 2);
  g_assert_cmpint (spans[2].state, ==, AWAITLAB_SPAN_BLOCKED);
  g_assert_cmpint (awaitlab_timeline_find_span (t, 0, MS (500)), ==, -1);
  g_assert_cmpint (awaitlab_timeline_get_end_time (t), ==, MS (102));
  g_assert_true (awaitlab_timeline_lane_in_cycle (t, 0));
  g_assert_false (awaitlab_timeline_lane_in_cycle (t, 1));

  /* Notes are revealed at the first event on their line. */
  {
    const AwaitlabNote *notes = awaitlab_timeline_get_notes (t, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpint (notes[0].reveal_time, ==, MS (1));
  }
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *)(gpointer)(data + y * stride + x * 4) & 0xffffff;
}

/* Vermillion with the dark cross-hatch: red clearly above green and blue. */
static gboolean
is_blockedish (guint32 rgb)
{
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
  return r > 90 && r > g + 40 && r > b + 60;
}

static void
test_renderer_blocked_lane (void)
{
  g_autoptr(AwaitlabTimeline) t = fake_deadlock_timeline ();
  g_autoptr(AwaitlabTimelineRenderer) r = awaitlab_timeline_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 300);
  cairo_t *cr = cairo_create (surface);
  AwaitlabTimelineHit hit;
  double x;
  guint blocked = 0;

  awaitlab_timeline_renderer_draw (r, cr, t, 0, MS (110), 800, 300);
  cairo_surface_flush (surface);

  /* Sample the UI lane at 60 ms: most pixels across its height are blocked. */
  g_assert_true (awaitlab_timeline_renderer_hit_test (r, t, 0, MS (110), 800, 300,
                                                      awaitlab_timeline_renderer_time_to_x (r, 0, MS (110), 800, MS (60)),
                                                      50, &hit));
  g_assert_cmpint (hit.lane, ==, 0);
  g_assert_cmpint (hit.span, ==, 2);
  g_assert_cmpint (llabs (hit.time - MS (60)), <, MS (1));

  /* Down the column at 60 ms: the UI lane is mostly blocked colour, the idle
   * pool lane has none. */
  x = awaitlab_timeline_renderer_time_to_x (r, 0, MS (110), 800, MS (60));
  {
    guint ui_rows = 0, pool_blocked = 0, pool_rows = 0;

    for (int y = 0; y < 300; y++)
      {
        AwaitlabTimelineHit h;

        awaitlab_timeline_renderer_hit_test (r, t, 0, MS (110), 800, 300, x, y, &h);
        if (h.lane == 0)
          {
            ui_rows++;
            blocked += is_blockedish (pixel (surface, (int)x, y));
          }
        else if (h.lane == 1)
          {
            pool_rows++;
            pool_blocked += is_blockedish (pixel (surface, (int)x, y));
          }
      }
    g_assert_cmpuint (ui_rows, >=, 20);
    g_assert_cmpuint (pool_rows, >=, 20);
    g_assert_cmpuint (blocked * 10, >=, ui_rows * 7);
    g_assert_cmpuint (pool_blocked, ==, 0);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Sub-pixel spans merge per column: a huge trace still covers its lanes. */
static void
test_renderer_lod (void)
{
  g_autoptr(AwaitlabTimeline) t = awaitlab_timeline_new_synthetic (200000, 8, 3);
  g_autoptr(AwaitlabTimelineRenderer) r = awaitlab_timeline_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 640, 480);
  cairo_t *cr = cairo_create (surface);
  AwaitlabTimelineHit hit;
  guint painted = 0, total = 0;
  gint64 end = awaitlab_timeline_get_end_time (t);
  double lane_y = -1;

  g_assert_cmpuint (awaitlab_timeline_get_n_spans (t), >=, 190000);

  awaitlab_timeline_renderer_draw (r, cr, t, 0, end, 640, 480);
  cairo_surface_flush (surface);

  for (int y = 0; y < 480 && lane_y < 0; y++)
    if (awaitlab_timeline_renderer_hit_test (r, t, 0, end, 640, 480, 300, y, &hit) && hit.lane == 0)
      lane_y = y + 4;
  g_assert_cmpfloat (lane_y, >=, 0);

  /* The Main lane is busy (a fifth of its spans idle) from 0 to its end: with
   * activity winning inside merged columns, most columns are coloured. */
  for (int x = (int)awaitlab_timeline_renderer_get_label_width (r) + 2;
       x < awaitlab_timeline_renderer_time_to_x (r, 0, end, 640, end / 2);
       x++, total++)
    {
      guint32 rgb = pixel (surface, x, (int)lane_y);
      painted += rgb != 0xfafafa && rgb != 0xf0f0f0 && rgb != 0xf1f1f1;
    }
  g_assert_cmpuint (painted * 10, >=, total * 8);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_playback_steps (void)
{
  g_autoptr(AwaitlabTimeline) t = fake_deadlock_timeline ();
  g_autoptr(AwaitlabPlayback) p = awaitlab_playback_new ();

  awaitlab_playback_set_timeline (p, t);
  g_assert_cmpuint (awaitlab_playback_get_event_index (p), ==, 0);
  g_assert_cmpint (awaitlab_playback_get_time (p), ==, 0);

  awaitlab_playback_step (p, 1);
  g_assert_cmpuint (awaitlab_playback_get_event_index (p), ==, 1);
  g_assert_cmpint (awaitlab_playback_get_time (p), ==, MS (1));
  awaitlab_playback_step (p, 1);
  awaitlab_playback_step (p, 1);
  g_assert_cmpuint (awaitlab_playback_get_event_index (p), ==, 3);
  g_assert_cmpint (awaitlab_playback_get_time (p), ==, MS (2));
  awaitlab_playback_step (p, -1);
  g_assert_cmpuint (awaitlab_playback_get_event_index (p), ==, 2);

  /* Seeking between two events lands between them; stepping back from there
   * goes to the earlier one. */
  awaitlab_playback_seek_time (p, MS (52));
  g_assert_cmpuint (awaitlab_playback_get_event_index (p), ==, 3);
  g_assert_cmpint (awaitlab_playback_get_time (p), ==, MS (52));
  awaitlab_playback_step (p, -1);
  g_assert_cmpuint (awaitlab_playback_get_event_index (p), ==, 3);
  g_assert_cmpint (awaitlab_playback_get_time (p), ==, MS (2));

  awaitlab_playback_seek_end (p);
  g_assert_true (awaitlab_playback_is_at_end (p));
  g_assert_cmpint (awaitlab_playback_get_time (p), ==, MS (102));
  awaitlab_playback_step (p, 1);
  g_assert_cmpuint (awaitlab_playback_get_event_index (p), ==, 5);

  awaitlab_playback_seek_start (p);
  g_assert_cmpint (awaitlab_playback_get_time (p), ==, 0);
}

static void
test_playback_advance (void)
{
  g_autoptr(AwaitlabTimeline) t = fake_deadlock_timeline ();
  g_autoptr(AwaitlabPlayback) p = awaitlab_playback_new ();
  double last = 0;
  guint frames = 0;

  awaitlab_playback_set_timeline (p, t);
  awaitlab_playback_set_speed (p, 8);
  awaitlab_playback_set_playing (p, TRUE);

  /* 60 frames a second: the position only grows and playback stops at the end. */
  while (awaitlab_playback_get_playing (p) && frames < 100000)
    {
      awaitlab_playback_advance (p, 1.0 / 60);
      g_assert_cmpfloat (awaitlab_playback_get_position (p), >=, last);
      last = awaitlab_playback_get_position (p);
      frames++;
    }

  g_assert_true (awaitlab_playback_is_at_end (p));
  /* About 11 s of run at 1× is well under 3 s at 8×, and takes more than one frame. */
  g_assert_cmpuint (frames, >, 10);
  g_assert_cmpuint (frames, <, 60 * 3);

  /* Speed is clamped to 0.25×–8×. */
  awaitlab_playback_set_speed (p, 100);
  g_assert_cmpfloat (awaitlab_playback_get_speed (p), ==, 8.0);
  awaitlab_playback_set_speed (p, 0.01);
  g_assert_cmpfloat (awaitlab_playback_get_speed (p), ==, 0.25);
}

static void
test_format_time (void)
{
  g_autofree char *a = awaitlab_format_time (0);
  g_autofree char *b = awaitlab_format_time (MS (250));
  g_autofree char *c = awaitlab_format_time (1500000000);
  g_autofree char *d = awaitlab_format_time (40000);
  g_autofree char *e = awaitlab_format_time (53333333);
  g_autofree char *f = awaitlab_format_time (2037500000);

  g_assert_cmpstr (a, ==, "0");
  g_assert_cmpstr (b, ==, "250 ms");
  g_assert_cmpstr (c, ==, "1.5 s");
  g_assert_cmpstr (d, ==, "40 µs");
  /* A playhead between events must not print six digits. */
  g_assert_cmpstr (e, ==, "53.33 ms");
  g_assert_cmpstr (f, ==, "2.038 s");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/time-range/zoom-pan-fit", test_time_range);
  g_test_add_func ("/ui/timeline/find-span", test_find_span);
  g_test_add_func ("/ui/renderer/blocked-lane", test_renderer_blocked_lane);
  g_test_add_func ("/ui/renderer/level-of-detail", test_renderer_lod);
  g_test_add_func ("/ui/renderer/format-time", test_format_time);
  g_test_add_func ("/ui/playback/steps", test_playback_steps);
  g_test_add_func ("/ui/playback/advance", test_playback_advance);

  return g_test_run ();
}
