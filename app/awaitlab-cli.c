/* awaitlab-cli.c
 *
 * The headless command line: awaitlab run|check|test|list|export|compare|csharp.
 * This is a contract other tools script (see issue 3), so its output formats and exit
 * codes (awaitlab-cli.h) are stable. It never initialises GTK. Output is UTF-8
 * whatever the locale, and a failed write to standard output is an error.
 */

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "awaitlab-cli.h"
#include "awl-scenario.h"
#include "awl-language.h"
#include "awl-output-file.h"

/* Subcommands owned by other parts of the app. They are linked when their files
 * exist; until then the weak references stay NULL and we say so. */
int awaitlab_cli_export  (int argc, char **argv) __attribute__ ((weak));
int awaitlab_cli_compare (int argc, char **argv) __attribute__ ((weak));
int awaitlab_cli_csharp  (int argc, char **argv) __attribute__ ((weak));

enum
{
  EXIT_OK = AWAITLAB_EXIT_OK,
  EXIT_INVALID = AWAITLAB_EXIT_INVALID,
  EXIT_USAGE = AWAITLAB_EXIT_USAGE,
  EXIT_OUTPUT = AWAITLAB_EXIT_OUTPUT,
};

static const char * const subcommands[] = {
  "run", "check", "test", "list", "export", "compare", "csharp", NULL
};

gboolean
awaitlab_cli_handles (const char *subcommand)
{
  return subcommand != NULL && g_strv_contains (subcommands, subcommand);
}

static void
usage (void)
{
  g_printerr ("Usage:\n"
              "  awaitlab run FILE [--set NAME=VALUE]… [--json]\n"
              "  awaitlab check FILE…\n"
              "  awaitlab test FILE…\n"
              "  awaitlab list\n"
              "  awaitlab export …\n"
              "  awaitlab compare …\n"
              "  awaitlab csharp …\n");
}

/* ----------------------------------------------------------------------------- */

static const char *
thread_name (AwlTrace *trace,
             guint     id)
{
  const AwlThreadInfo *t = awl_trace_get_thread (trace, id);
  return t && t->name ? t->name : "?";
}

static const char *
thread_kind (AwlTrace *trace,
             guint     id)
{
  const AwlThreadInfo *t = awl_trace_get_thread (trace, id);
  return t ? awl_thread_kind_to_string (t->kind) : "main";
}

static void
print_outcome (AwlTrace *trace)
{
  const AwlOutcome *o = awl_trace_get_outcome (trace);
  double at = AWL_TO_MS (o->end_time);

  switch (o->kind)
    {
    case AWL_OUTCOME_COMPLETED:
      g_print ("outcome: completed at %.1f ms\n", at);
      break;
    case AWL_OUTCOME_DEADLOCK:
      g_print ("outcome: deadlock at %.1f ms\n", at);
      for (guint i = 0; i < o->n_chain; i++)
        g_print ("  %s\n", o->chain[i]);
      break;
    case AWL_OUTCOME_CRASHED:
      g_print ("outcome: crashed at %.1f ms: %s: %s\n", at,
               o->exception_type ? o->exception_type : "Exception",
               o->exception_message ? o->exception_message : (o->summary ? o->summary : ""));
      break;
    case AWL_OUTCOME_LIMIT:
    default:
      {
        const char *reason = o->summary ? o->summary : "";
        /* The runtime's summary may already start with "limit: ". */
        if (g_str_has_prefix (reason, "limit: "))
          reason += strlen ("limit: ");
        g_print ("outcome: limit at %.1f ms: %s\n", at, reason);
      }
      break;
    }
  if (o->abandoned > 0)
    g_print ("  %u pending work item%s abandoned at exit\n", o->abandoned, o->abandoned == 1 ? "" : "s");
  if (o->starvation)
    g_print ("  %s\n", o->starvation);
}

static JsonNode *
trace_to_json (AwlScenario *scenario,
               AwlTrace    *trace,
               GPtrArray   *results)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const AwlOutcome *o = awl_trace_get_outcome (trace);
  const AwlStats *st = awl_trace_get_stats (trace);
  const AwlOutputLine *lines;
  const AwlLint *lints;
  guint n;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, awl_scenario_get_display_name (scenario));
  json_builder_set_member_name (b, "outcome");
  json_builder_add_string_value (b, awl_outcome_kind_to_string (o->kind));
  json_builder_set_member_name (b, "end_ms");
  json_builder_add_double_value (b, AWL_TO_MS (o->end_time));
  /* Which budget ended the run ("instructions", "call-depth", "memory", "output",
   * "events", "time", "threads", "tasks", "cancelled"), null unless outcome is limit. */
  json_builder_set_member_name (b, "limit");
  if (o->kind == AWL_OUTCOME_LIMIT)
    json_builder_add_string_value (b, awl_limit_to_string (o->limit));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, o->summary ? o->summary : "");

  json_builder_set_member_name (b, "output");
  json_builder_begin_array (b);
  lines = awl_trace_get_output (trace, &n);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "t_ms");
      json_builder_add_double_value (b, AWL_TO_MS (lines[i].time));
      json_builder_set_member_name (b, "thread");
      json_builder_add_string_value (b, thread_name (trace, lines[i].thread));
      json_builder_set_member_name (b, "thread_kind");
      json_builder_add_string_value (b, thread_kind (trace, lines[i].thread));
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, lines[i].text ? lines[i].text : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "deadlock");
  if (o->kind == AWL_OUTCOME_DEADLOCK)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "at_ms");
      json_builder_add_double_value (b, AWL_TO_MS (o->end_time));
      json_builder_set_member_name (b, "chain");
      json_builder_begin_array (b);
      for (guint i = 0; i < o->n_chain; i++)
        json_builder_add_string_value (b, o->chain[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "crash");
  if (o->kind == AWL_OUTCOME_CRASHED)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "exception");
      json_builder_add_string_value (b, o->exception_type ? o->exception_type : "");
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, o->exception_message ? o->exception_message : "");
      json_builder_set_member_name (b, "at_ms");
      json_builder_add_double_value (b, AWL_TO_MS (o->end_time));
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "lints");
  json_builder_begin_array (b);
  lints = awl_trace_get_lints (trace, &n);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, awl_lint_kind_to_string (lints[i].kind));
      json_builder_set_member_name (b, "t_ms");
      json_builder_add_double_value (b, AWL_TO_MS (lints[i].time));
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, lints[i].line);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, lints[i].message ? lints[i].message : "");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "stats");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "events");
  json_builder_add_int_value (b, st->events);
  json_builder_set_member_name (b, "tasks");
  json_builder_add_int_value (b, st->tasks);
  json_builder_set_member_name (b, "peak_pool_threads");
  json_builder_add_int_value (b, st->peak_pool_threads);
  json_builder_set_member_name (b, "threads");
  json_builder_add_int_value (b, st->threads);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "expect");
  json_builder_begin_array (b);
  for (guint i = 0; results && i < results->len; i++)
    {
      AwlExpectResult *r = g_ptr_array_index (results, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, r->line);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, r->text);
      json_builder_set_member_name (b, "passed");
      json_builder_add_boolean_value (b, r->passed);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
cmd_run (int    argc,
         char **argv)
{
  g_autoptr(AwlKnobValues) overrides = awl_knob_values_new ();
  g_autoptr(AwlScenario) scenario = NULL;
  g_autoptr(AwlTrace) trace = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const char *file = NULL;
  gboolean json = FALSE;

  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      if (g_str_equal (arg, "--json"))
        json = TRUE;
      else if (g_str_equal (arg, "--set") || g_str_has_prefix (arg, "--set="))
        {
          const char *assignment = arg[5] == '=' ? arg + 6 : (i + 1 < argc ? argv[++i] : NULL);
          if (assignment == NULL || !awl_knob_values_set_assignment (overrides, assignment))
            {
              g_printerr ("awaitlab run: --set needs NAME=VALUE\n");
              return EXIT_USAGE;
            }
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          g_printerr ("awaitlab run: unknown option '%s'\n", arg);
          usage ();
          return EXIT_USAGE;
        }
      else if (file == NULL)
        file = arg;
      else
        {
          g_printerr ("awaitlab run: only one FILE may be given\n");
          return EXIT_USAGE;
        }
    }
  if (file == NULL)
    {
      usage ();
      return EXIT_USAGE;
    }

  scenario = awl_scenario_new_from_file (file, &error);
  if (scenario == NULL)
    {
      g_printerr ("%s", error->message);
      if (!g_str_has_suffix (error->message, "\n"))
        g_printerr ("\n");
      return g_error_matches (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_IO) ? EXIT_USAGE : EXIT_INVALID;
    }

  trace = awl_scenario_run (scenario, overrides, NULL, &error);
  if (trace == NULL)
    {
      g_printerr ("awaitlab run: %s\n", error->message);
      return EXIT_USAGE;
    }
  results = awl_scenario_check_expectations (scenario, trace, overrides);

  if (json)
    {
      g_autoptr(JsonNode) root = trace_to_json (scenario, trace, results);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *text = NULL;
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
    }
  else
    {
      guint n;
      const AwlOutputLine *lines = awl_trace_get_output (trace, &n);
      for (guint i = 0; i < n; i++)
        g_print ("[%8.1f ms] %s | %s\n", AWL_TO_MS (lines[i].time),
                 thread_name (trace, lines[i].thread), lines[i].text ? lines[i].text : "");
      print_outcome (trace);
    }
  return EXIT_OK;
}

static int
cmd_check (int    argc,
           char **argv)
{
  int status = EXIT_OK;

  if (argc < 3)
    {
      usage ();
      return EXIT_USAGE;
    }
  for (int i = 2; i < argc; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(AwlDiagnostics) diags = NULL;
      g_autofree char *report = NULL;
      gsize length = 0;

      if (!g_file_get_contents (argv[i], &text, &length, &error))
        {
          g_printerr ("%s: error: %s\n", argv[i], error->message);
          status = EXIT_USAGE;
          continue;
        }
      diags = awl_scenario_check_text (argv[i], text, length);
      report = awl_diagnostics_format (diags);
      g_print ("%s", report);
      if (awl_diagnostics_has_errors (diags) && status == EXIT_OK)
        status = EXIT_INVALID;
    }
  return status;
}

static int
cmd_test (int    argc,
          char **argv)
{
  guint passed = 0, failed = 0;
  gboolean unreadable = FALSE;

  if (argc < 3)
    {
      usage ();
      return EXIT_USAGE;
    }
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AwlScenario) scenario = awl_scenario_new_from_file (argv[i], &error);
      g_autoptr(GPtrArray) results = NULL;

      if (scenario == NULL)
        {
          g_print ("FAIL %s: the scenario does not load\n", argv[i]);
          g_printerr ("%s%s", error->message, g_str_has_suffix (error->message, "\n") ? "" : "\n");
          unreadable |= g_error_matches (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_IO);
          failed++;
          continue;
        }
      results = awl_scenario_test (scenario, NULL, &error);
      if (results == NULL)
        {
          g_print ("FAIL %s: %s\n", argv[i], error->message);
          failed++;
          continue;
        }
      if (results->len == 0)
        g_print ("PASS %s: no expectations\n", argv[i]);
      for (guint k = 0; k < results->len; k++)
        {
          AwlExpectResult *r = g_ptr_array_index (results, k);
          if (r->passed)
            {
              g_print ("PASS %s:%d: %s\n", argv[i], r->line, r->text);
              passed++;
            }
          else
            {
              g_print ("FAIL %s:%d: %s — %s\n", argv[i], r->line, r->text, r->detail);
              failed++;
            }
        }
    }
  g_print ("%u passed, %u failed\n", passed, failed);
  return unreadable ? EXIT_USAGE : failed ? EXIT_INVALID : EXIT_OK;
}

static int
cmd_list (int    argc,
          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = awl_catalogue_load (&error);

  if (argc > 2)
    {
      usage ();
      return EXIT_USAGE;
    }
  if (entries == NULL)
    {
      g_printerr ("awaitlab list: %s\n", error->message);
      return EXIT_INVALID;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      AwlCatalogueEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(GString) qs = g_string_new (NULL);
      for (guint k = 0; k < e->n_questions; k++)
        g_string_append_printf (qs, "%s%u", k ? "," : "", e->questions[k]);
      g_print ("%-8s %s  [%s]\n", qs->len ? qs->str : "-", e->title, e->file_name);
    }
  return EXIT_OK;
}

static int
not_available (const char *what)
{
  g_printerr ("awaitlab: '%s' is not available yet\n", what);
  return EXIT_USAGE;
}

/* g_print() converts to the locale's character set, which turns every non-ASCII
 * character into `?` under LC_ALL=C. Scenario text, thread names and --json are
 * UTF-8, and so is what we print. */
static void
print_utf8 (const char *text)
{
  fputs (text, stdout);
}

static void
printerr_utf8 (const char *text)
{
  fputs (text, stderr);
}

static int dispatch (int argc, char **argv);

int
awaitlab_cli_main (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_return_val_if_fail (argc > 1, EXIT_USAGE);

  g_set_print_handler (print_utf8);
  g_set_printerr_handler (printerr_utf8);
  status = dispatch (argc, argv);

  /* Output that never arrived (a full disk, a closed pipe) must not look like
   * success: every subcommand ends here. */
  if (!awl_output_finish_stdout (&error))
    {
      fprintf (stderr, "awaitlab %s: %s\n", argv[1], error->message);
      return EXIT_OUTPUT;
    }
  return status;
}

static int
dispatch (int    argc,
          char **argv)
{
  const char *cmd = argv[1];

  if (g_str_equal (cmd, "run"))
    return cmd_run (argc, argv);
  if (g_str_equal (cmd, "check"))
    return cmd_check (argc, argv);
  if (g_str_equal (cmd, "test"))
    return cmd_test (argc, argv);
  if (g_str_equal (cmd, "list"))
    return cmd_list (argc, argv);
  if (g_str_equal (cmd, "export"))
    return awaitlab_cli_export ? awaitlab_cli_export (argc, argv) : not_available (cmd);
  if (g_str_equal (cmd, "compare"))
    return awaitlab_cli_compare ? awaitlab_cli_compare (argc, argv) : not_available (cmd);
  if (g_str_equal (cmd, "csharp"))
    return awaitlab_cli_csharp ? awaitlab_cli_csharp (argc, argv) : not_available (cmd);

  usage ();
  return EXIT_USAGE;
}
