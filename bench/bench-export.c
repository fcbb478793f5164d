/* bench-export.c
 *
 * awaitlab-bench export FILE --mp4|--webm [--size WxH] [--frames N] [--view full]:
 * simulates FILE, encodes N frames (default 600) of its timeline to a temporary
 * file and prints the encoding rate as `fps: X` (frames drawn, converted, encoded
 * and muxed per second of wall-clock time). The target for 720p H.264 is 60.
 */

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "awaitlab-bench.h"
#include "awl-scenario.h"
#include "export/awaitlab-export.h"

static int
bench_export_main (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) scenario = NULL;
  g_autoptr(AwaitlabExportSource) source = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *size = NULL;
  g_autofree char *view = NULL;
  gboolean mp4 = FALSE, webm = FALSE;
  int frames = 600;
  AwaitlabExportOptions options;
  gint64 start, elapsed, end;
  guint n_frames;
  const GOptionEntry entries[] = {
    { "mp4", 0, 0, G_OPTION_ARG_NONE, &mp4, "H.264 in MP4", NULL },
    { "webm", 0, 0, G_OPTION_ARG_NONE, &webm, "VP8 in WebM", NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "720p (default), 1080p or WxH", "SIZE" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, "Frames to encode (default 600)", "N" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view, "timeline (default) or full", "VIEW" },
    { NULL }
  };

  context = g_option_context_new ("FILE - video export speed");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("export: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || mp4 == webm || frames < 2)
    {
      g_printerr ("export: usage: awaitlab-bench export FILE --mp4|--webm [--size WxH] [--frames N]\n");
      return 2;
    }

  gst_init (NULL, NULL);
  awaitlab_export_options_init (&options, mp4 ? AWAITLAB_EXPORT_MP4 : AWAITLAB_EXPORT_WEBM);
  if (size != NULL && !awaitlab_export_parse_size (size, &options.width, &options.height))
    {
      g_printerr ("export: bad --size %s\n", size);
      return 2;
    }
  options.view = view && g_str_equal (view, "full") ? AWAITLAB_EXPORT_VIEW_FULL : AWAITLAB_EXPORT_VIEW_TIMELINE;

  if (!(scenario = awl_scenario_new_from_file (argv[1], &error)) ||
      !(source = awaitlab_export_source_new_from_scenario (scenario, NULL, NULL, &error)))
    {
      g_printerr ("export: %s\n", error->message);
      return 1;
    }

  /* Spread the run over exactly @frames frames, no hold at the end. */
  end = awaitlab_timeline_get_end_time (awaitlab_export_source_get_timeline (source));
  options.hold = 0;
  options.speed = MAX (1, end) / 1e6 * options.fps / (frames - 1);
  n_frames = awaitlab_export_count_frames (source, &options);

  if (!(dir = g_dir_make_tmp ("awaitlab-bench-export-XXXXXX", &error)))
    {
      g_printerr ("export: %s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, mp4 ? "bench.mp4" : "bench.webm", NULL);

  start = g_get_monotonic_time ();
  if (!awaitlab_export_to_file (source, &options, path, NULL, NULL, NULL, &error))
    {
      g_printerr ("export: %s\n", error->message);
      g_rmdir (dir);
      return 1;
    }
  elapsed = g_get_monotonic_time () - start;

  g_print ("format: %s\nsize: %dx%d\nframes: %u\nseconds: %.3f\nfps: %.1f\n",
           mp4 ? "mp4" : "webm", options.width, options.height, n_frames,
           elapsed / 1e6, n_frames / (elapsed / 1e6));
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}

AWL_BENCH_COMMAND (export, "export", "FILE --mp4|--webm [--size WxH] [--frames N] [--view full]",
                   bench_export_main)
