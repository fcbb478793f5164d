/* bench-render.c
 *
 * awaitlab-bench render --spans N: draws a synthetic timeline of N spans onto a
 * 1280×720 image surface at several zoom levels and prints the median frame
 * time. The target is 8 ms per frame for 100,000 spans, and 1,000,000 spans at
 * most 1.5 times what 1,000 cost.
 *
 * Wall time on a shared machine is noisy; instruction counts are not. Under
 *   valgrind --tool=callgrind --instr-atstart=no awaitlab-bench render …
 * only the timed frames are instrumented (the trace, the axis and the first
 * frame that builds the summaries are not), so Ir / frames is the cost of one
 * frame.
 */

#include <cairo.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef HAVE_CALLGRIND
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

#include "awaitlab-time-axis.h"
#include "awaitlab-timeline-renderer.h"
#include "awaitlab-timeline-synthetic.h"

#include "awaitlab-bench.h"
#include "bench-render.h"

/* CPU time of this thread: on a machine shared with other builds it moves
 * far less than wall time (it still counts cache misses other load causes). */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;
  return da < db ? -1 : da > db;
}

int
awaitlab_bench_render (int    argc,
                       char **argv)
{
  static const double zooms[] = { 1.0, 0.5, 0.1, 0.01, 0.001 };
  g_autoptr(AwaitlabTimelineRenderer) renderer = NULL;
  g_autoptr(AwaitlabTimeline) timeline = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = NULL;
  g_autoptr(GArray) cpu_times = NULL;
  g_autoptr(AwaitlabTimeAxis) axis = NULL;
  g_autofree char *axis_name = NULL;
  g_autofree char *png = NULL;
  AwaitlabAxisMode mode = AWAITLAB_AXIS_STEPS;
  gint64 build_t0, mapped_t;
  double build_cpu0;
  cairo_surface_t *surface;
  cairo_t *cr;
  int n_spans = 100000;
  int n_frames = 20;
  int threads = 16;
  gint64 end;
  const GOptionEntry entries[] = {
    { "spans", 0, 0, G_OPTION_ARG_INT, &n_spans, "Number of spans", "N" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &n_frames, "Frames per zoom level", "N" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Thread lanes", "N" },
    { "axis", 0, 0, G_OPTION_ARG_STRING, &axis_name, "steps (default) or real", "AXIS" },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, "Write the whole-run frame to a PNG to look at", "FILE" },
    { NULL }
  };

  context = g_option_context_new ("- timeline render speed");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("render: %s\n", error->message);
      return 2;
    }
  if (n_spans < 1 || n_frames < 1 || threads < 1)
    {
      g_printerr ("render: --spans, --frames and --threads must be positive\n");
      return 2;
    }

  if (axis_name != NULL && !awaitlab_axis_mode_from_string (axis_name, &mode))
    {
      g_printerr ("render: --axis: steps or real\n");
      return 2;
    }

  timeline = awaitlab_timeline_new_synthetic (n_spans, threads, 1);
  renderer = awaitlab_timeline_renderer_new ();
  awaitlab_timeline_renderer_set_playhead (renderer, awaitlab_timeline_get_end_time (timeline) / 2);

  /* The axis and its summaries are built once per trace, not per frame:
   * timed apart (the summaries are built on the first draw). */
  build_t0 = g_get_monotonic_time ();
  build_cpu0 = thread_cpu_ms ();
  axis = awaitlab_time_axis_new (mode);
  awaitlab_time_axis_set_timeline (axis, timeline);
  awaitlab_timeline_renderer_set_axis (renderer, axis);
  end = awaitlab_time_axis_get_length (axis);
  mapped_t = g_get_monotonic_time ();

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
  cr = cairo_create (surface);
  times = g_array_new (FALSE, FALSE, sizeof (double));
  cpu_times = g_array_new (FALSE, FALSE, sizeof (double));

  awaitlab_timeline_renderer_draw (renderer, cr, timeline, 0, end, 1280, 720);
  printf ("axis_build_ms: %.1f (cpu %.1f; mapping %.1f, summaries and first frame %.1f)\n",
          (g_get_monotonic_time () - build_t0) / 1000.0, thread_cpu_ms () - build_cpu0,
          (mapped_t - build_t0) / 1000.0, (g_get_monotonic_time () - mapped_t) / 1000.0);

  CALLGRIND_START_INSTRUMENTATION;
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      double best = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;

      for (int f = 0; f < n_frames; f++)
      {
        /* Pan a little each frame so no level is measured on one lucky spot. */
        gint64 width = (gint64)(end * zooms[z]);
        gint64 begin = (gint64)((end - width) * (f / (double)n_frames));
        gint64 t0 = g_get_monotonic_time ();
        double c0 = thread_cpu_ms (), ms, cpu;

        awaitlab_timeline_renderer_draw (renderer, cr, timeline, begin, begin + width, 1280, 720);
        cairo_surface_flush (surface);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        cpu = thread_cpu_ms () - c0;
        g_array_append_val (times, ms);
        g_array_append_val (cpu_times, cpu);
        best = MIN (best, ms);
        best_cpu = MIN (best_cpu, cpu);
      }
      /* The best frame per zoom level: the least disturbed by other load. */
      printf ("zoom %g: best %.3f ms (cpu %.3f ms)\n", zooms[z], best, best_cpu);
    }

  CALLGRIND_STOP_INSTRUMENTATION;

  g_array_sort (times, compare_double);
  g_array_sort (cpu_times, compare_double);
  printf ("spans: %u\n", awaitlab_timeline_get_n_spans (timeline));
  printf ("frames: %u\n", times->len);
  printf ("axis: %s\n", awaitlab_axis_mode_to_string (mode));
  printf ("ms_per_frame: %.3f\n", g_array_index (times, double, times->len / 2));
  printf ("cpu_ms_per_frame: %.3f\n", g_array_index (cpu_times, double, cpu_times->len / 2));

  if (png != NULL)
    {
      awaitlab_timeline_renderer_draw (renderer, cr, timeline, 0, end, 1280, 720);
      cairo_surface_write_to_png (surface, png);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return 0;
}

AWL_BENCH_COMMAND (render, "render", "[--spans N] [--frames N] [--threads N] [--axis steps|real] [--png FILE]", awaitlab_bench_render)
