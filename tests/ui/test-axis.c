/* test-axis.c
 *
 * The step-aware time axis and the summaries, without a display: mapping
 * properties on made-up timelines, question 13's continuation drawn on the
 * UI lane (pixels of a real run), the ruler's broken-axis mark, exports on
 * both axes, and the summary-drawn picture against the exact one.
 */

#include <cairo.h>
#include <math.h>
#include <stdlib.h>

#include "awl-scenario.h"
#include "export/awaitlab-export.h"
#include "awaitlab-time-axis.h"
#include "awaitlab-timeline-renderer.h"
#include "awaitlab-timeline-summary.h"
#include "awaitlab-timeline-synthetic.h"
#include "export-test-support.h"

#define MS(x) ((gint64)(x) * 1000000)

/* One thread: busy 0–10 ms, idle for 10 s, an instant at 10.01 s (three
 * events, a zero-length running span), then 5 ms of work. */
static AwaitlabTimeline *
gap_timeline (void)
{
  AwaitlabTimeline *t = awaitlab_timeline_new ();
  guint lane = awaitlab_timeline_add_lane (t, AWAITLAB_LANE_THREAD, AWAITLAB_THREAD_MAIN, 1, "Main");
  AwaitlabSpan span;

  span = (AwaitlabSpan) { 0, MS (10), AWAITLAB_SPAN_RUNNING, 0, 1, -1, "Main", NULL, 1 };
  awaitlab_timeline_add_span (t, lane, &span);
  span = (AwaitlabSpan) { MS (10), MS (10010), AWAITLAB_SPAN_IDLE, 0, 0, -1, NULL, NULL, 2 };
  awaitlab_timeline_add_span (t, lane, &span);
  span = (AwaitlabSpan) { MS (10010), MS (10010), AWAITLAB_SPAN_RUNNING, 0, 3, -1, "Resume", NULL, 3 };
  awaitlab_timeline_add_span (t, lane, &span);
  span = (AwaitlabSpan) { MS (10010), MS (10015), AWAITLAB_SPAN_RUNNING, 0, 4, -1, "Work", NULL, 5 };
  awaitlab_timeline_add_span (t, lane, &span);

  awaitlab_timeline_add_event (t, 0, lane, 1);
  awaitlab_timeline_add_event (t, MS (10), lane, 2);
  awaitlab_timeline_add_event (t, MS (10010), lane, 3);
  awaitlab_timeline_add_event (t, MS (10010), lane, 3);
  awaitlab_timeline_add_event (t, MS (10010), lane, 4);
  awaitlab_timeline_finish (t, MS (10015));
  return t;
}

static void
test_axis_monotonic (void)
{
  g_autoptr(AwaitlabTimeline) t = awaitlab_timeline_new_synthetic (20000, 6, 7);
  g_autoptr(AwaitlabTimeAxis) axis = awaitlab_time_axis_new (AWAITLAB_AXIS_STEPS);
  const AwaitlabEvent *events;
  gint64 end = awaitlab_timeline_get_end_time (t), prev = G_MININT64, prev_t = G_MININT64;
  guint n;

  awaitlab_time_axis_set_timeline (axis, t);

  /* Time → position never goes back, and "after" never precedes "at". */
  for (gint64 time = 0; time <= end; time += end / 5000)
    {
      gint64 p = awaitlab_time_axis_time_to_pos (axis, time);

      g_assert_cmpint (p, >=, prev);
      g_assert_cmpint (awaitlab_time_axis_time_to_pos_after (axis, time), >=, p);
      prev = p;
    }

  /* Events in order, slots in order; position → time goes back to the time. */
  events = awaitlab_timeline_get_events (t, &n);
  prev = G_MININT64;
  for (guint i = 0; i < n; i++)
    {
      gint64 p = awaitlab_time_axis_event_to_pos (axis, i);

      g_assert_cmpint (p, >=, prev);
      g_assert_cmpint (awaitlab_time_axis_event_to_pos_after (axis, i), >=, p);
      g_assert_cmpint (awaitlab_time_axis_pos_to_time (axis, p), ==, events[i].time);
      prev = p;
    }

  for (gint64 p = 0; p <= awaitlab_time_axis_get_length (axis); p += awaitlab_time_axis_get_length (axis) / 5000)
    {
      gint64 time = awaitlab_time_axis_pos_to_time (axis, p);

      g_assert_cmpint (time, >=, prev_t);
      prev_t = time;
    }
}

static void
test_axis_instants_and_gaps (void)
{
  g_autoptr(AwaitlabTimeline) t = gap_timeline ();
  g_autoptr(AwaitlabTimeAxis) axis = awaitlab_time_axis_new (AWAITLAB_AXIS_STEPS);
  const AwaitlabAxisKnot *k;
  const AwaitlabAxisSpan *pos;
  gint64 length, instant;
  guint n, n_spans;
  gboolean compressed = FALSE;

  awaitlab_time_axis_set_timeline (axis, t);
  length = awaitlab_time_axis_get_length (axis);
  k = awaitlab_time_axis_get_knots (axis, &n);
  g_assert_cmpuint (n, ==, 4);

  /* Every instant with events gets room: at least a hundredth of the axis,
   * so on a 1000-pixel timeline at least 10 pixels. */
  for (guint i = 0; i < n; i++)
    if (k[i].n_events > 0)
      {
        g_assert_cmpint (k[i].width * 100, >=, length);
        g_assert_cmpint (awaitlab_time_axis_time_to_pos_after (axis, k[i].time) -
                         awaitlab_time_axis_time_to_pos (axis, k[i].time), ==, k[i].width);
      }

  /* The 10 s idle gap is compressed (shorter than real, but still there);
   * the busy first 10 ms keep their real length. */
  for (guint i = 0; i < n; i++)
    {
      if (k[i].time == 0)
        {
          g_assert_false (k[i].compressed);
          g_assert_cmpint (k[i].gap_width, ==, k[i].gap_time);
        }
      if (k[i].time == MS (10))
        {
          g_assert_true (k[i].compressed);
          g_assert_cmpint (k[i].gap_width, <, k[i].gap_time / 4);
          g_assert_cmpint (k[i].gap_width, >, 0);
          compressed = TRUE;
        }
    }
  g_assert_true (compressed);

  /* The zero-length running span fills its share of the instant: it is as
   * wide as the instant's first run of events (two of three events). */
  pos = awaitlab_time_axis_get_spans (axis, 0, &n_spans);
  g_assert_cmpuint (n_spans, ==, 4);
  instant = pos[2].end - pos[2].begin;
  g_assert_cmpint (instant, >, 0);
  g_assert_cmpint (pos[2].begin, ==, awaitlab_time_axis_time_to_pos (axis, MS (10010)));
  g_assert_cmpint (pos[3].begin, ==, pos[2].end);
  g_assert_cmpint (pos[1].end, ==, pos[2].begin);
}

static void
test_axis_real_is_linear (void)
{
  g_autoptr(AwaitlabTimeline) t = gap_timeline ();
  g_autoptr(AwaitlabTimeAxis) axis = awaitlab_time_axis_new (AWAITLAB_AXIS_REAL);
  const AwaitlabAxisSpan *pos;
  const AwaitlabSpan *spans;
  guint n;

  awaitlab_time_axis_set_timeline (axis, t);
  g_assert_cmpint (awaitlab_time_axis_get_length (axis), ==, MS (10015));
  for (gint64 time = 0; time <= MS (10015); time += MS (10015) / 997)
    {
      g_assert_cmpint (awaitlab_time_axis_time_to_pos (axis, time), ==, time);
      g_assert_cmpint (awaitlab_time_axis_time_to_pos_after (axis, time), ==, time);
      g_assert_cmpint (awaitlab_time_axis_pos_to_time (axis, time), ==, time);
    }
  spans = awaitlab_timeline_get_spans (t, 0, &n);
  pos = awaitlab_time_axis_get_spans (axis, 0, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (pos[i].begin, ==, spans[i].begin);
      g_assert_cmpint (pos[i].end, ==, spans[i].end);
    }

  /* Switching mode rebuilds the same object. */
  awaitlab_time_axis_set_mode (axis, AWAITLAB_AXIS_STEPS);
  g_assert_cmpint (awaitlab_time_axis_get_length (axis), <, MS (10015));
}

/* ------------------------------------------------------------------------- */

static AwaitlabExportSource *
load_source (const char *name)
{
  g_autofree char *path = g_build_filename (SCENARIO_DIR, name, NULL);

  return export_test_load_source (path, NULL, NULL);
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

/* The palette's "running" colour, give or take a little. */
static gboolean
is_running (guint32 rgb)
{
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
  AwaitlabColor c;

  awaitlab_state_color (AWAITLAB_SPAN_RUNNING, &c);
  return abs (r - (int)(c.red * 255)) < 24 && abs (g - (int)(c.green * 255)) < 24 &&
         abs (b - (int)(c.blue * 255)) < 24;
}

static int
find_lane_y (AwaitlabTimelineRenderer *r,
             AwaitlabTimeline         *t,
             gint64                    begin,
             gint64                    end,
             int                       width,
             int                       height,
             int                       lane)
{
  int top = -1, bottom = -1;

  for (int y = 0; y < height; y++)
    {
      AwaitlabTimelineHit hit;

      awaitlab_timeline_renderer_hit_test (r, t, begin, end, width, height, width / 2, y, &hit);
      if (hit.lane == lane)
        {
          if (top < 0)
            top = y;
          bottom = y;
        }
    }
  g_assert_cmpint (top, >=, 0);
  return (top + bottom) / 2;
}

/* The widest run of running-blue pixels on row @y between @x0 and @x1. */
static int
widest_running (cairo_surface_t *surface,
                int              y,
                int              x0,
                int              x1)
{
  int best = 0, cur = 0;

  for (int x = MAX (x0, 0); x < MIN (x1, cairo_image_surface_get_width (surface)); x++)
    {
      cur = is_running (pixel (surface, x, y)) ? cur + 1 : 0;
      best = MAX (best, cur);
    }
  return best;
}

/* Question 13's default view: the UI thread runs the continuation at 150 ms
 * (posted back by the pool thread) in no virtual time. On the step axis it is
 * a bar at least 12 pixels wide on the UI lane, at 900 and 1920 pixels. */
static void
test_q13_ui_continuation (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source ("13-context-ui-thread.csx");
  AwaitlabTimeline *t = awaitlab_export_source_get_timeline (source);
  int ui = awaitlab_timeline_find_lane_kind (t, AWAITLAB_THREAD_UI);
  const int sizes[][2] = { { 900, 700 }, { 1920, 1080 } };

  g_assert_cmpint (ui, >=, 0);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int mode = AWAITLAB_AXIS_STEPS; mode <= AWAITLAB_AXIS_REAL; mode++)
      {
        int w = sizes[s][0], h = sizes[s][1];
        g_autoptr(AwaitlabTimelineRenderer) r = awaitlab_timeline_renderer_new ();
        g_autoptr(AwaitlabTimeAxis) axis = awaitlab_time_axis_new (mode);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
        cairo_t *cr = cairo_create (surface);
        gint64 length, x_begin, x_end;
        int y, widest;

        awaitlab_time_axis_set_timeline (axis, t);
        awaitlab_timeline_renderer_set_axis (r, axis);
        length = awaitlab_time_axis_get_length (axis);
        length += length / 30;
        awaitlab_timeline_renderer_draw (r, cr, t, 0, length, w, h);
        cairo_surface_flush (surface);

        /* The instant at 150 ms, a few pixels either side. */
        x_begin = (gint64)awaitlab_timeline_renderer_time_to_x (r, 0, length, w, MS (150)) - 2;
        x_end = (gint64)awaitlab_timeline_renderer_time_to_x (r, 0, length, w, MS (150) + 1) + 2;
        x_end = MAX (x_end, x_begin + 12);
        y = find_lane_y (r, t, 0, length, w, h, ui);
        widest = widest_running (surface, y, x_begin, x_end);

        if (mode == AWAITLAB_AXIS_STEPS)
          {
            AwaitlabTimelineHit hit;
            const AwaitlabSpan *spans;
            guint n_spans;
            int x;

            g_assert_cmpint (widest, >=, 12);

            /* A click on the bar picks the continuation's zero-length span. */
            for (x = (int)x_begin; x < x_end && !is_running (pixel (surface, x, y)); x++)
              ;
            g_assert_true (awaitlab_timeline_renderer_hit_test (r, t, 0, length, w, h, x + 3, y, &hit));
            g_assert_cmpint (hit.lane, ==, ui);
            g_assert_cmpint (hit.span, >=, 0);
            spans = awaitlab_timeline_get_spans (t, ui, &n_spans);
            g_assert_cmpint (spans[hit.span].state, ==, AWAITLAB_SPAN_RUNNING);
            g_assert_cmpint (spans[hit.span].begin, ==, MS (150));
            g_assert_cmpint (spans[hit.span].end, ==, MS (150));
          }
        else
          /* Real time: a tick a few pixels wide (clickable), no more. */
          g_assert_cmpint (widest, <, 12);

        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

/* The idle I/O wait in question 13 is compressed, and the ruler shows it:
 * the broken-axis mark's strokes are dark pixels on the ruler's base line,
 * in the middle of the compressed gap. */
static void
test_ruler_break_mark (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source ("13-context-ui-thread.csx");
  AwaitlabTimeline *t = awaitlab_export_source_get_timeline (source);
  g_autoptr(AwaitlabTimelineRenderer) r = awaitlab_timeline_renderer_new ();
  g_autoptr(AwaitlabTimeAxis) axis = awaitlab_time_axis_new (AWAITLAB_AXIS_STEPS);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cairo_t *cr = cairo_create (surface);
  const AwaitlabAxisKnot *k;
  guint n, marks = 0;
  gint64 length;

  awaitlab_time_axis_set_timeline (axis, t);
  awaitlab_timeline_renderer_set_axis (r, axis);
  length = awaitlab_time_axis_get_length (axis);
  awaitlab_timeline_renderer_draw (r, cr, t, 0, length, 1280, 720);
  cairo_surface_flush (surface);

  k = awaitlab_time_axis_get_knots (axis, &n);
  for (guint i = 0; i < n; i++)
    {
      double x0, x1, xm;
      guint dark = 0;

      if (!k[i].compressed)
        continue;
      x0 = awaitlab_timeline_renderer_time_to_x (r, 0, length, 1280, k[i].time) ;
      x0 += (double)k[i].width / length * (1280 - awaitlab_timeline_renderer_get_label_width (r) - 8);
      x1 = awaitlab_timeline_renderer_time_to_x (r, 0, length, 1280, k[i].time + k[i].gap_time);
      xm = (x0 + x1) / 2;
      for (int y = 18; y < 30; y++)
        for (int x = (int)xm - 5; x <= (int)xm + 5; x++)
          {
            guint32 rgb = pixel (surface, x, y);
            dark += ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) < 3 * 140;
          }
      g_assert_cmpuint (dark, >=, 8);
      marks++;
    }
  g_assert_cmpuint (marks, >=, 1);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The middle row of the chip in @lane's thread colour in the label column:
 * where the lane is drawn. */
static int
lane_chip_row (cairo_surface_t *surface,
               guint            lane)
{
  AwaitlabColor chip;
  int sum = 0, count = 0;

  awaitlab_thread_color (lane, &chip);
  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 60; x++)
      {
        guint32 rgb = pixel (surface, x, y);

        if (abs ((int)(rgb >> 16 & 0xff) - (int)(chip.red * 255)) <= 12 &&
            abs ((int)(rgb >> 8 & 0xff) - (int)(chip.green * 255)) <= 12 &&
            abs ((int)(rgb & 0xff) - (int)(chip.blue * 255)) <= 12)
          sum += y, count++;
      }
  return count > 0 ? sum / count : -1;
}

/* Exports draw through the axis they are asked for. */
static void
test_export_both_axes (void)
{
  g_autoptr(AwaitlabExportSource) source = load_source ("13-context-ui-thread.csx");
  int running[2] = { 0, 0 };
  int row;

  for (int mode = AWAITLAB_AXIS_STEPS; mode <= AWAITLAB_AXIS_REAL; mode++)
    {
      AwaitlabExportOptions options;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
      cairo_t *cr = cairo_create (surface);

      awaitlab_export_options_init (&options, AWAITLAB_EXPORT_PNG);
      options.axis = mode;
      /* The bare timeline. */
      options.caption = FALSE;
      awaitlab_export_draw (source, &options, cr, -1, 1280, 720);
      cairo_surface_flush (surface);

      /* The UI lane is the first: its middle row (where its chip in the
       * label column is, wherever the picture's scale puts it), across the
       * whole run. */
      row = lane_chip_row (surface, 0);
      g_assert_cmpint (row, >, 0);
      for (int x = 120; x < 1270; x++)
        running[mode] += is_running (pixel (surface, x, row));

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  /* Three runs of UI code, each a bar on the step axis; in real time each
   * is a sliver. */
  g_assert_cmpint (running[AWAITLAB_AXIS_STEPS], >=, 3 * 12);
  g_assert_cmpint (running[AWAITLAB_AXIS_REAL], <, running[AWAITLAB_AXIS_STEPS] / 2);
}

/* Blocks of @block short spans of one state, four states in turn: zoomed
 * out, every pixel column is (nearly) one state, so pictures can be compared. */
static AwaitlabTimeline *
blocky_timeline (guint n_spans,
                 guint block)
{
  static const AwaitlabSpanState states[] = {
    AWAITLAB_SPAN_RUNNING, AWAITLAB_SPAN_BLOCKED, AWAITLAB_SPAN_READY, AWAITLAB_SPAN_IDLE,
  };
  AwaitlabTimeline *t = awaitlab_timeline_new ();
  guint lane = awaitlab_timeline_add_lane (t, AWAITLAB_LANE_THREAD, AWAITLAB_THREAD_MAIN, 1, "Main");
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gint64 now = 0;

  for (guint i = 0; i < n_spans; i++)
    {
      AwaitlabSpan span = { 0 };

      span.begin = now;
      span.end = now += g_rand_int_range (rand, 10000, 50000);
      span.state = states[(i / block) % G_N_ELEMENTS (states)];
      span.task = -1;
      awaitlab_timeline_add_span (t, lane, &span);
      awaitlab_timeline_add_event (t, span.begin, lane, 1);
    }
  awaitlab_timeline_finish (t, now);
  return t;
}

/* Zoomed far out a lane is drawn from its summary: the picture is the exact
 * drawing of every span, column for column (a hundred blocks of one state
 * across the run, so a column is one state except next to a change). */
static void
check_summaries_match_exact (guint n_spans)
{
  guint block = n_spans / 100;
  g_autoptr(AwaitlabTimeline) t = blocky_timeline (n_spans, block);
  g_autoptr(AwaitlabTimeAxis) axis = awaitlab_time_axis_new (AWAITLAB_AXIS_STEPS);
  cairo_surface_t *pictures[2];
  gint64 length;
  guint same = 0, total = 0, coloured = 0;
  int y;

  awaitlab_time_axis_set_timeline (axis, t);
  length = awaitlab_time_axis_get_length (axis);

  for (int use = 0; use < 2; use++)
    {
      g_autoptr(AwaitlabTimelineRenderer) r = awaitlab_timeline_renderer_new ();
      cairo_t *cr;

      pictures[use] = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1000, 300);
      cr = cairo_create (pictures[use]);
      awaitlab_timeline_renderer_set_axis (r, axis);
      awaitlab_timeline_renderer_set_use_summaries (r, use);
      awaitlab_timeline_renderer_draw (r, cr, t, 0, length, 1000, 300);
      cairo_surface_flush (pictures[use]);
      cairo_destroy (cr);

      if (use == 0)
        y = find_lane_y (r, t, 0, length, 1000, 300, 0) - 6;
    }

  /* A column astride a change of state may tip either way: leave out the
   * columns next to one; every other column must agree. */
  {
    g_autoptr(AwaitlabTimelineRenderer) r = awaitlab_timeline_renderer_new ();
    const AwaitlabAxisSpan *pos = awaitlab_time_axis_get_spans (axis, 0, NULL);
    g_autofree gboolean *edge = g_new0 (gboolean, 1000);

    awaitlab_timeline_renderer_set_axis (r, axis);
    for (guint i = block; i < n_spans; i += block)
      {
        double x = 112 + (double)pos[i].begin / length * (1000 - 112 - 8);

        for (int dx = -2; dx <= 2; dx++)
          if ((int)x + dx >= 0 && (int)x + dx < 1000)
            edge[(int)x + dx] = TRUE;
      }

    for (int x = 120; x < 990; x++)
      {
        guint32 a = pixel (pictures[0], x, y), b = pixel (pictures[1], x, y);

        if (edge[x])
          continue;
        total++;
        same += a == b;
        coloured += is_running (b);
      }
  }

  g_assert_cmpuint (total, >=, 300);
  g_assert_cmpuint (same * 100, >=, total * 99);
  g_assert_cmpuint (coloured * 6, >=, total);

  cairo_surface_destroy (pictures[0]);
  cairo_surface_destroy (pictures[1]);
}

static void
test_summaries_match_exact (void)
{
  check_summaries_match_exact (200000);
}

/* The same at the size the bench draws: a million spans. */
static void
test_summaries_match_exact_1m (void)
{
  check_summaries_match_exact (1000000);
}

/* What a summary says a range holds, against the sum over the spans, on
 * ranges that are one bucket of some level (where only the 1/255 steps and
 * their rounding on the way up can differ). */
static void
test_summary_coverage (void)
{
  g_autoptr(AwaitlabTimeline) t = awaitlab_timeline_new_synthetic (100000, 2, 9);
  g_autoptr(AwaitlabTimeAxis) axis = awaitlab_time_axis_new (AWAITLAB_AXIS_STEPS);
  const AwaitlabSpan *spans;
  const AwaitlabAxisSpan *pos;
  AwaitlabSummary *summary;
  gint64 length, w0;
  guint n;

  awaitlab_time_axis_set_timeline (axis, t);
  length = awaitlab_time_axis_get_length (axis);
  spans = awaitlab_timeline_get_spans (t, 0, &n);
  pos = awaitlab_time_axis_get_spans (axis, 0, NULL);
  summary = awaitlab_summary_new (spans, pos, n, -1, length);
  g_assert_nonnull (summary);
  w0 = awaitlab_summary_get_bucket_width (summary);

  for (int level = 0; level < 8; level++)
    for (gint64 x0 = 0; x0 + (w0 << level) <= length; x0 += (w0 << level) * 97)
      {
        gint64 x1 = x0 + (w0 << level);
        double got[AWAITLAB_N_SPAN_STATES] = { 0 }, want[AWAITLAB_N_SPAN_STATES] = { 0 };

        awaitlab_summary_coverage (summary, x0, x1, got);
        for (guint i = 0; i < n; i++)
          {
            gint64 lo = MAX (x0, pos[i].begin), hi = MIN (x1, MAX (pos[i].end, pos[i].begin + 1));

            if (hi > lo)
              want[spans[i].state] += hi - lo;
          }
        for (guint s = 0; s < AWAITLAB_N_SPAN_STATES; s++)
          g_assert_cmpfloat (fabs (got[s] - want[s]), <=, (x1 - x0) * (level + 2) / 255.0);
      }

  awaitlab_summary_free (summary);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/axis/monotonic", test_axis_monotonic);
  g_test_add_func ("/ui/axis/instants-get-room-idle-gaps-compress", test_axis_instants_and_gaps);
  g_test_add_func ("/ui/axis/real-mode-is-linear", test_axis_real_is_linear);
  g_test_add_func ("/ui/axis/q13-ui-continuation-visible", test_q13_ui_continuation);
  g_test_add_func ("/ui/axis/ruler-break-mark", test_ruler_break_mark);
  g_test_add_func ("/ui/axis/export-both-axes", test_export_both_axes);
  g_test_add_func ("/ui/renderer/summaries-match-exact", test_summaries_match_exact);
  g_test_add_func ("/ui/renderer/summaries-match-exact-1m", test_summaries_match_exact_1m);
  g_test_add_func ("/ui/renderer/summary-coverage", test_summary_coverage);

  return g_test_run ();
}
