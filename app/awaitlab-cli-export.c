/* awaitlab-cli-export.c
 *
 * Exit codes follow the rest of the command line (awaitlab-cli.h): 0 = written,
 * 1 = the scenario is invalid or the export failed, 2 = bad usage or an unreadable
 * scenario, 4 = an output file could not be written (the reason on stderr). Several
 * outputs may be asked for at once; the scenario is simulated once. Ctrl+C
 * cancels cleanly: the temporary file is removed and nothing is left behind.
 */

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gst/gst.h>
#include <stdio.h>
#include <unistd.h>

#include "awaitlab-cli-export.h"
#include "awaitlab-cli.h"
#include "awl-scenario.h"
#include "export/awaitlab-export.h"

enum
{
  EXIT_OK = AWAITLAB_EXIT_OK,
  EXIT_FAILED = AWAITLAB_EXIT_INVALID,
  EXIT_USAGE = AWAITLAB_EXIT_USAGE,
  EXIT_OUTPUT = AWAITLAB_EXIT_OUTPUT,
};

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GError       *error;
  gboolean      tty;
  gint64        started;
  gint64        last_report;
  int           last_percent;
  const char   *label;
} Run;

/* "--png, --svg, … or --steps" (@last_word "or") or "--png|--svg|…" (NULL). */
static char *
format_options (const char *separator,
                const char *last_word)
{
  const AwaitlabExportFormatInfo *formats;
  GString *text = g_string_new (NULL);
  guint n;

  formats = awaitlab_export_get_formats (&n);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (text, last_word && i == n - 1 ? last_word : separator);
      g_string_append_printf (text, "--%s", formats[i].name);
    }
  return g_string_free (text, FALSE);
}

static void
usage_error (const char *message)
{
  g_autofree char *formats = format_options ("|", NULL);

  g_printerr ("awaitlab export: %s\n", message);
  g_printerr ("Usage: awaitlab export FILE [--set K=V]… %s OUT\n"
              "       [--time T] [--from T --to T] [--size WxH|720p|1080p] [--scale S] [--fps N]\n"
              "       [--speed MS_PER_SECOND] [--view timeline|full] [--axis steps|real]\n"
              "       [--narration|--no-narration] [--no-caption] [--dark]\n"
              "Try 'awaitlab export --help' for details.\n", formats);
}

static void
on_progress (double   fraction,
             guint    frame,
             guint    n_frames,
             gpointer data)
{
  Run *run = data;
  gint64 now = g_get_monotonic_time ();
  int percent = (int)(fraction * 100);
  double fps = frame / MAX (1e-6, (now - run->started) / 1e6);

  /* A terminal gets one refreshing line; a log gets a line per 10 %. */
  if (run->tty)
    {
      if (now - run->last_report < 100000 && frame != n_frames)
        return;
      g_printerr ("\r%s: frame %u/%u (%3d%%), %.1f fps ", run->label, frame, n_frames, percent, fps);
      if (frame == n_frames)
        g_printerr ("\n");
    }
  else
    {
      if (percent / 10 == run->last_percent / 10 && frame != n_frames)
        return;
      g_printerr ("%s: frame %u/%u (%d%%), %.1f fps\n", run->label, frame, n_frames, percent, fps);
    }
  run->last_report = now;
  run->last_percent = percent;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  Run *run = data;

  awaitlab_export_to_file_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_interrupt (gpointer data)
{
  Run *run = data;

  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static int
export_one (AwaitlabExportSource        *source,
            const AwaitlabExportOptions *options,
            const char                  *path)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *label = g_strdup_printf ("export %s", path);
  gboolean video = awaitlab_export_format_is_video (options->format);
  guint sigint, sigterm;
  Run run = { loop, cancellable, NULL, isatty (STDERR_FILENO), g_get_monotonic_time (), 0, -100, label };

  sigint = g_unix_signal_add (SIGINT, on_interrupt, &run);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, &run);
  awaitlab_export_to_file_async (source, options, path, video ? on_progress : NULL, &run,
                                 cancellable, on_done, &run);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (run.error != NULL)
    {
      int status = EXIT_FAILED;

      if (g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_printerr ("%s%s: cancelled, nothing written\n", run.tty && video ? "\n" : "", label);
      else
        g_printerr ("%s%s: %s\n", run.tty && video ? "\n" : "", label, run.error->message);
      if (g_error_matches (run.error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_NOT_WRITABLE) ||
          g_error_matches (run.error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_NO_SPACE))
        status = EXIT_OUTPUT;
      g_clear_error (&run.error);
      return status;
    }
  g_print ("%s\n", path);
  return EXIT_OK;
}

static gboolean
parse_time_option (const char *name,
                   const char *text,
                   gint64     *ns,
                   GError    **error)
{
  if (text == NULL)
    return TRUE;
  if (!awaitlab_export_parse_time (text, ns))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--%s: “%s” is not a time (e.g. 150ms, 1.5s, end)", name, text);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char     **sets;
  char      *outputs[AWAITLAB_EXPORT_N_FORMATS];
  char      *time;
  char      *from;
  char      *to;
  char      *size;
  char      *view;
  char      *axis;
  char      *file;
  double     scale;
  double     speed;
  int        fps;
  gboolean   narration;
  gboolean   no_narration;
  gboolean   no_caption;
  gboolean   dark;
} Args;

static void
args_clear (Args *a)
{
  g_strfreev (a->sets);
  for (guint i = 0; i < G_N_ELEMENTS (a->outputs); i++)
    g_free (a->outputs[i]);
  g_free (a->time);
  g_free (a->from);
  g_free (a->to);
  g_free (a->size);
  g_free (a->view);
  g_free (a->axis);
  g_free (a->file);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Args, args_clear)

static gboolean
parse_args (Args    *a,
            int      argc,
            char   **argv,
            GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char **args = NULL;
  char **parse_argv;
  guint n_outputs = 0;
  GOptionEntry common[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->sets, "Override a knob or setting", "K=V" },
    { "time", 0, 0, G_OPTION_ARG_STRING, &a->time, "Pictures: the playhead (default: end, nothing veiled)", "T" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &a->from, "Start of the time range (default 0)", "T" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &a->to, "End of the time range (default: end of the run)", "T" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &a->size, "Size: 720p, 1080p or WxH (default 1280x720)", "SIZE" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &a->scale, "PNG pixel scale for HiDPI (default 1)", "S" },
    { "fps", 0, 0, G_OPTION_ARG_INT, &a->fps, "Video frame rate (default 30, GIF 15)", "N" },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &a->speed, "Virtual milliseconds per second of video (default: range in 10 s)", "X" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &a->view, "timeline (default) or full (code, timeline, explanation)", "VIEW" },
    { "axis", 0, 0, G_OPTION_ARG_STRING, &a->axis, "steps (default: instants get room) or real (plain virtual time)", "AXIS" },
    { "narration", 0, 0, G_OPTION_ARG_NONE, &a->narration, "Burn the narration line in (default for videos)", NULL },
    { "no-narration", 0, 0, G_OPTION_ARG_NONE, &a->no_narration, "No narration line", NULL },
    { "no-caption", 0, 0, G_OPTION_ARG_NONE, &a->no_caption, "No title, outcome and legend on the picture", NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &a->dark, "Dark style", NULL },
    { NULL }
  };
  /* One option per row of the format table: a new format needs nothing here. */
  const AwaitlabExportFormatInfo *formats;
  g_autofree GOptionEntry *outputs = NULL;
  guint n_formats;

  formats = awaitlab_export_get_formats (&n_formats);
  outputs = g_new0 (GOptionEntry, n_formats + 1);
  for (guint i = 0; i < n_formats; i++)
    outputs[i] = (GOptionEntry) {
      formats[i].name, 0, 0, G_OPTION_ARG_FILENAME, &a->outputs[formats[i].format], formats[i].help,
      formats[i].kind == AWAITLAB_EXPORT_KIND_STEPS ? "DIR" : "OUT"
    };

  /* argv[0] = "awaitlab", argv[1] = "export": parse the rest. */
  args = g_new0 (char *, argc + 1);
  args[0] = (char *)"awaitlab export";
  for (int i = 2; i < argc; i++)
    args[i - 1] = argv[i];
  argc--;
  parse_argv = args;

  context = g_option_context_new ("FILE - export pictures, videos and traces of a run");
  g_option_context_add_main_entries (context, outputs, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  g_option_context_add_group (context, gst_init_get_option_group ());
  if (!g_option_context_parse (context, &argc, &parse_argv, error))
    return FALSE;

  if (argc != 2)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           argc < 2 ? "no scenario FILE given" : "give exactly one scenario FILE");
      return FALSE;
    }
  a->file = g_strdup (parse_argv[1]);

  for (guint i = 0; i < G_N_ELEMENTS (a->outputs); i++)
    n_outputs += a->outputs[i] != NULL;
  if (n_outputs == 0)
    {
      g_autofree char *names = format_options (", ", " or ");

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "no output: give %s OUT", names);
      return FALSE;
    }
  return TRUE;
}

static gboolean
usage_fail (GError     **error,
            const char  *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  return FALSE;
}

/* The options every output shares; the format, frame rate and narration
 * default are set per output. */
static gboolean
base_options (const Args             *a,
              AwaitlabExportOptions  *base,
              GError                **error)
{
  awaitlab_export_options_init (base, AWAITLAB_EXPORT_PNG);

  if (a->size != NULL && !awaitlab_export_parse_size (a->size, &base->width, &base->height))
    return usage_fail (error, "--size: use 720p, 1080p or WxH (16 to 8192)");
  if (!parse_time_option ("time", a->time, &base->time, error) ||
      !parse_time_option ("from", a->from, &base->from, error) ||
      !parse_time_option ("to", a->to, &base->to, error))
    return FALSE;
  if (base->from == AWAITLAB_EXPORT_TIME_END)
    return usage_fail (error, "--from cannot be “end”");
  if (a->view != NULL && !g_str_equal (a->view, "timeline") && !g_str_equal (a->view, "full"))
    return usage_fail (error, "--view: timeline or full");
  if (a->narration && a->no_narration)
    return usage_fail (error, "--narration and --no-narration contradict each other");
  if (a->axis != NULL && !awaitlab_axis_mode_from_string (a->axis, &base->axis))
    return usage_fail (error, "--axis: steps or real");

  base->view = a->view && g_str_equal (a->view, "full") ? AWAITLAB_EXPORT_VIEW_FULL
                                                        : AWAITLAB_EXPORT_VIEW_TIMELINE;
  base->scale = a->scale;
  base->speed = a->speed;
  base->dark = a->dark;
  base->caption = !a->no_caption;
  return TRUE;
}

/* Loads and simulates the scenario; NULL with *status set on failure. */
static AwaitlabExportSource *
load_source (const Args *a,
             int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) scenario = NULL;
  g_autoptr(AwlKnobValues) knobs = awl_knob_values_new ();
  AwaitlabExportSource *source;

  for (guint i = 0; a->sets && a->sets[i]; i++)
    if (!awl_knob_values_set_assignment (knobs, a->sets[i]))
      {
        usage_error ("--set needs NAME=VALUE");
        *status = EXIT_USAGE;
        return NULL;
      }

  if (!(scenario = awl_scenario_new_from_file (a->file, &error)))
    {
      g_printerr ("%s%s", error->message, g_str_has_suffix (error->message, "\n") ? "" : "\n");
      *status = g_error_matches (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_IO) ? EXIT_USAGE
                                                                                : EXIT_FAILED;
      return NULL;
    }
  if (!(source = awaitlab_export_source_new_from_scenario (scenario, knobs, NULL, &error)))
    {
      g_printerr ("awaitlab export: %s\n", error->message);
      *status = g_error_matches (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_KNOB) ? EXIT_USAGE
                                                                                  : EXIT_FAILED;
      return NULL;
    }
  awaitlab_export_source_set_input_path (source, a->file);
  return source;
}

int
awaitlab_cli_export (int    argc,
                     char **argv)
{
  g_auto(Args) a = { .scale = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AwaitlabExportSource) source = NULL;
  AwaitlabExportOptions base;
  int status = EXIT_OK;

  if (!parse_args (&a, argc, argv, &error) || !base_options (&a, &base, &error))
    {
      usage_error (error->message);
      return EXIT_USAGE;
    }
  if (!(source = load_source (&a, &status)))
    return status;

  gst_init (NULL, NULL);

  for (guint f = 0; f < G_N_ELEMENTS (a.outputs); f++)
    {
      AwaitlabExportOptions options = base;

      if (a.outputs[f] == NULL)
        continue;
      options.format = f;
      options.fps = a.fps > 0 ? a.fps : f == AWAITLAB_EXPORT_GIF ? 15 : 30;
      options.narration = a.no_narration ? FALSE : a.narration ? TRUE : awaitlab_export_format_is_video (f);
      int one = export_one (source, &options, a.outputs[f]);

      if (one != EXIT_OK && (status == EXIT_OK || one == EXIT_OUTPUT))
        status = one;
    }

  return status;
}
