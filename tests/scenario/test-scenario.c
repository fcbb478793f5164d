/* test-scenario.c
 *
 * The scenario back end: every construct and API runs a scenario from cases/ and
 * compares the transcript (output lines with virtual times and threads, then the
 * outcome) with the .expected file next to it. A file `NAME@K=V,K=V.expected` is the
 * transcript with those overrides. Each expected transcript was checked by hand
 * against .NET's semantics (see /work/shared/reference/dotnet-async-semantics.md).
 *
 * errors/ holds malformed scenarios with the exact diagnostics (position and wording)
 * they must produce. The rest are unit tests of the API and tests of the command line
 * (the headless build of app/awaitlab-cli.c).
 */

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "awl-scenario.h"
#include "fuzz-run.h"
#include "awl-language.h"

static char *
transcript (AwlTrace *trace)
{
  GString *s = g_string_new (NULL);
  const AwlOutcome *o = awl_trace_get_outcome (trace);
  const AwlOutputLine *lines;
  guint n;

  lines = awl_trace_get_output (trace, &n);
  for (guint i = 0; i < n; i++)
    {
      const AwlThreadInfo *t = awl_trace_get_thread (trace, lines[i].thread);
      g_string_append_printf (s, "[%8.1f ms] %s | %s\n", AWL_TO_MS (lines[i].time),
                              t ? t->name : "?", lines[i].text);
    }
  switch (o->kind)
    {
    case AWL_OUTCOME_COMPLETED:
      g_string_append_printf (s, "outcome: completed at %.1f ms\n", AWL_TO_MS (o->end_time));
      break;
    case AWL_OUTCOME_DEADLOCK:
      /* The wait-for chain's wording is the runtime's; only require that it exists. */
      g_assert_cmpuint (o->n_chain, >, 0);
      g_string_append_printf (s, "outcome: deadlock at %.1f ms\n", AWL_TO_MS (o->end_time));
      break;
    case AWL_OUTCOME_CRASHED:
      g_string_append_printf (s, "outcome: crashed at %.1f ms: %s: %s\n", AWL_TO_MS (o->end_time),
                              o->exception_type, o->exception_message);
      break;
    default:
      g_string_append_printf (s, "outcome: limit at %.1f ms: %s\n", AWL_TO_MS (o->end_time),
                              g_str_has_prefix (o->summary, "limit: ") ? o->summary + 7 : o->summary);
      break;
    }
  if (o->abandoned > 0)
    g_string_append_printf (s, "  %u pending work item%s abandoned at exit\n", o->abandoned,
                            o->abandoned == 1 ? "" : "s");
  if (o->starvation)
    g_string_append_printf (s, "  %s\n", o->starvation);
  return g_string_free (s, FALSE);
}

/* ----------------------------------------------------------------------------- */
/* Data-driven cases */

typedef struct
{
  char *csx;
  char *expected;
  char *sets;   /* "K=V,K=V" or NULL */
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;
  g_free (c->csx);
  g_free (c->expected);
  g_free (c->sets);
  g_free (c);
}

static AwlKnobValues *
parse_sets (const char *sets)
{
  AwlKnobValues *values = awl_knob_values_new ();
  g_auto(GStrv) parts = NULL;

  if (sets == NULL)
    return values;
  parts = g_strsplit (sets, ",", -1);
  for (guint i = 0; parts[i]; i++)
    g_assert_true (awl_knob_values_set_assignment (values, parts[i]));
  return values;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = awl_scenario_new_from_file (c->csx, &error);
  g_autoptr(AwlKnobValues) values = parse_sets (c->sets);
  g_autoptr(AwlTrace) trace = NULL;
  g_autoptr(AwlTrace) again = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *got_again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (sc);
  g_assert_true (g_file_get_contents (c->expected, &expected, NULL, NULL));
  trace = awl_scenario_run (sc, values, NULL, &error);
  g_assert_no_error (error);
  got = transcript (trace);
  g_assert_cmpstr (got, ==, expected);

  /* Same input, same knobs → the same run. */
  again = awl_scenario_run (sc, values, NULL, &error);
  g_assert_no_error (error);
  got_again = transcript (again);
  g_assert_cmpstr (got_again, ==, got);
}

static void
test_error_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *base = g_path_get_basename (c->csx);
  g_autoptr(AwlDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (c->csx, &text, &len, NULL));
  g_assert_true (g_file_get_contents (c->expected, &expected, NULL, NULL));
  diags = awl_scenario_check_text (base, text, len);
  got = awl_diagnostics_format_short (diags);
  g_assert_cmpstr (got, ==, expected);
  g_assert_true (awl_diagnostics_has_errors (diags));

  /* Loading fails with every error in the message, never crashes. */
  sc = awl_scenario_new_from_text (base, text, &error);
  g_assert_null (sc);
  g_assert_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ": error: "));
}

/* Every budget ends a run on its own with a limit outcome that names it, within
 * a bounded amount of work (issue 15's reproducers). */
static void
test_budgets (void)
{
  static const struct { const char *file; AwlLimit limit; } cases[] = {
    { "lang-infinite-loop.csx", AWL_LIMIT_INSTRUCTIONS },
    { "limit-call-depth.csx", AWL_LIMIT_CALL_DEPTH },
    { "limit-memory-concat.csx", AWL_LIMIT_MEMORY },
    { "limit-memory-replace.csx", AWL_LIMIT_MEMORY },
    { "limit-memory-arrays.csx", AWL_LIMIT_MEMORY },
    { "limit-memory-padleft.csx", AWL_LIMIT_MEMORY },
    { "limit-output.csx", AWL_LIMIT_OUTPUT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "scenario", "cases", cases[i].file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(AwlScenario) sc = awl_scenario_new_from_file (path, &error);
      g_autoptr(AwlTrace) trace = NULL;
      const AwlOutcome *o;
      guint n_lines;

      g_assert_no_error (error);
      trace = awl_scenario_run (sc, NULL, NULL, &error);
      g_assert_no_error (error);
      o = awl_trace_get_outcome (trace);
      g_assert_cmpint (o->kind, ==, AWL_OUTCOME_LIMIT);
      g_assert_cmpstr (awl_limit_to_string (o->limit), ==, awl_limit_to_string (cases[i].limit));
      awl_trace_get_output (trace, &n_lines);
      g_assert_cmpuint (n_lines, <=, 100000);
      if (cases[i].limit == AWL_LIMIT_OUTPUT)
        g_assert_cmpuint (n_lines, ==, 100000);
    }
}

/* `awaitlab check` on a file full of mistakes: the first 100 and a count. */
static void
test_check_capped (void)
{
  GString *s = g_string_new ("// @title many\nvoid Main()\n{\n");
  g_autoptr(AwlDiagnostics) diags = NULL;
  g_autofree char *report = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append (s, "goto x; ");
  g_string_append (s, "\n}\n");
  diags = awl_scenario_check_text ("many.csx", s->str, s->len);
  g_string_free (s, TRUE);
  g_assert_true (awl_diagnostics_has_errors (diags));
  g_assert_cmpuint (awl_diagnostics_get_n_items (diags), ==, AWL_DIAGNOSTICS_MAX_ITEMS);
  report = awl_diagnostics_format (diags);
  g_assert_nonnull (strstr (report, "many.csx: error: too many errors and warnings; "));
  g_assert_cmpuint (strlen (report), <, 40000);
}

/* tests/fuzz/regressions/run-*: fuzz-run's inputs (issue 15's reproducers among
 * them) through the same code, with the runtime's default limits. */
static void
test_fuzz_run (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  awl_fuzz_run_one (contents, length);
}

static void
add_fuzz_run_tests (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, "run-"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_strdup_printf ("/scenario/fuzz-run/%s", file);
      g_test_add_data_func_full (path, g_build_filename (dir, file, NULL), test_fuzz_run, g_free);
    }
}

static void
add_dir_tests (const char *subdir,
               gboolean    errors)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "scenario", subdir, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".expected"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *stem = g_strndup (file, strlen (file) - strlen (".expected"));
      char *at = strchr (stem, '@');
      Case *c = g_new0 (Case, 1);
      g_autofree char *path = NULL;
      g_autofree char *base = NULL;
      const char *dash;

      if (at)
        {
          c->sets = g_strdup (at + 1);
          *at = '\0';
        }
      c->csx = g_strdup_printf ("%s/%s.csx", dir, stem);
      c->expected = g_strdup_printf ("%s/%s", dir, file);
      base = g_strdup (stem);
      if (errors)
        path = g_strdup_printf ("/scenario/errors/%s", base);
      else if ((dash = strchr (base, '-')))
        path = g_strdup_printf ("/scenario/%.*s/%s%s%s", (int) (dash - base), base, dash + 1,
                                c->sets ? "/" : "", c->sets ? c->sets : "");
      else
        path = g_strdup_printf ("/scenario/%s", base);
      g_test_add_data_func_full (path, c, errors ? test_error_case : test_case, case_free);
    }
}

/* ----------------------------------------------------------------------------- */
/* API unit tests */

static AwlScenario *
load (const char *text)
{
  g_autoptr(GError) error = NULL;
  AwlScenario *sc = awl_scenario_new_from_text ("unit.csx", text, &error);
  g_assert_no_error (error);
  return sc;
}

static char *
run_text (const char *text,
          const char *sets)
{
  g_autoptr(AwlScenario) sc = load (text);
  g_autoptr(AwlKnobValues) values = parse_sets (sets);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlTrace) trace = awl_scenario_run (sc, values, NULL, &error);
  g_assert_no_error (error);
  return transcript (trace);
}

static void
test_await_points (void)
{
  g_autoptr(AwlScenario) sc = load (
    "// @title states\n"                                       /* 1 */
    "async IAsyncEnumerable<int> Gen() { yield return 1; }\n"  /* 2 */
    "async Task<int> F()\n"                                    /* 3 */
    "{\n"                                                      /* 4 */
    "    int a = await Task.FromResult(1);\n"                  /* 5 */
    "    await foreach (var x in Gen()) { }\n"                 /* 6 */
    "    Func<Task> g = async () => await Task.Delay(1);\n"    /* 7 */
    "    return a + await Task.FromResult(2);\n"               /* 8 */
    "}\n"
    "async Task Main() { await F(); }\n");                     /* 10 */
  const AwlScenarioAwait *p;
  guint n;

  p = awl_scenario_get_await_points (sc, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (p[0].method, ==, "F");
  g_assert_cmpint (p[0].state, ==, 0);
  g_assert_cmpint (p[0].line, ==, 5);
  g_assert_cmpstr (p[1].method, ==, "F");
  g_assert_cmpint (p[1].state, ==, 1);
  g_assert_cmpint (p[1].line, ==, 6);
  g_assert_cmpint (p[2].state, ==, 0);             /* the lambda has its own machine */
  g_assert_cmpint (p[2].line, ==, 7);
  g_assert_nonnull (strstr (p[2].method, "lambda"));
  g_assert_cmpstr (p[3].method, ==, "F");
  g_assert_cmpint (p[3].state, ==, 2);
  g_assert_cmpint (p[3].line, ==, 8);
  g_assert_cmpstr (p[4].method, ==, "Main");
  g_assert_cmpint (p[4].state, ==, 0);
}

static void
test_await_state_in_trace (void)
{
  g_autoptr(AwlScenario) sc = load (
    "// @title states in the trace\n"
    "async Task Main()\n"
    "{\n"
    "    await Task.Delay(10);\n"
    "    await Task.Delay(20);\n"
    "}\n");
  g_autoptr(AwlTrace) trace = awl_scenario_run (sc, NULL, NULL, NULL);
  const AwlEvent *ev;
  guint n, awaits = 0;

  ev = awl_trace_get_events (trace, &n);
  for (guint i = 0; i < n; i++)
    if (ev[i].kind == AWL_EVENT_AWAIT)
      {
        g_assert_cmpint (ev[i].c, ==, (int) awaits);
        g_assert_cmpint (ev[i].line, ==, 4 + (int) awaits);
        awaits++;
      }
  g_assert_cmpuint (awaits, ==, 2);
}

static void
test_knob_values (void)
{
  g_autoptr(AwlKnobValues) v = awl_knob_values_new ();
  g_autoptr(AwlKnobValues) copy = NULL;
  const char **names;

  g_assert_true (awl_knob_values_set_assignment (v, "A=1"));
  g_assert_true (awl_knob_values_set_assignment (v, "B=x=y"));
  g_assert_false (awl_knob_values_set_assignment (v, "novalue"));
  g_assert_false (awl_knob_values_set_assignment (v, "=3"));
  awl_knob_values_set (v, "A", "2");
  g_assert_cmpstr (awl_knob_values_get (v, "A"), ==, "2");
  g_assert_cmpstr (awl_knob_values_get (v, "B"), ==, "x=y");
  g_assert_null (awl_knob_values_get (v, "C"));
  names = awl_knob_values_get_names (v);
  g_assert_cmpstr (names[0], ==, "A");
  g_assert_cmpstr (names[1], ==, "B");
  g_assert_null (names[2]);
  copy = awl_knob_values_copy (v);
  g_assert_cmpstr (awl_knob_values_get (copy, "B"), ==, "x=y");
}

static void
test_overrides (void)
{
  g_autoptr(AwlScenario) sc = load ("// @title o\n// @knob N = 2 \"n\"\n// @cores 2\nvoid Main() { Console.WriteLine(N); }\n");
  g_autoptr(AwlKnobValues) bad_name = parse_sets ("Nope=1");
  g_autoptr(AwlKnobValues) bad_type = parse_sets ("N=true");
  g_autoptr(AwlKnobValues) bad_cores = parse_sets ("cores=zero");
  g_autoptr(AwlKnobValues) good = parse_sets ("cores=8,min-threads=3,runtime=netfx,environment=ui,seed=7,timer-resolution=15.6ms");
  g_autoptr(GError) error = NULL;
  AwlConfig config;

  g_assert_null (awl_scenario_run (sc, bad_name, NULL, &error));
  g_assert_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_KNOB);
  g_assert_nonnull (strstr (error->message, "knobs: N"));
  g_clear_error (&error);
  g_assert_null (awl_scenario_run (sc, bad_type, NULL, &error));
  g_assert_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_KNOB);
  g_clear_error (&error);
  g_assert_false (awl_scenario_get_config_with (sc, bad_cores, &config, &error));
  g_assert_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_KNOB);
  g_clear_error (&error);

  g_assert_cmpuint (awl_scenario_get_config (sc)->cores, ==, 2);
  g_assert_true (awl_scenario_get_config_with (sc, good, &config, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (config.cores, ==, 8);
  g_assert_cmpuint (config.min_threads, ==, 3);
  g_assert_cmpint (config.profile, ==, AWL_PROFILE_NETFX);
  g_assert_cmpint (config.environment, ==, AWL_ENV_UI);
  g_assert_cmpuint (config.seed, ==, 7);
  g_assert_cmpint (config.timer_resolution, ==, AWL_US (15600));
}

static void
test_accessors (void)
{
  g_autoptr(AwlScenario) sc = load (
    "// @title   Accessors\n"
    "// @questions 31 32\n"
    "// @topic   Deadlocks and starvation\n"
    "// @environment ui\n"
    "// @cores 2\n"
    "// @knob Fix = false \"Use the fix\"\n"
    "// @expect outcome completed\n"
    "// @expect-when Fix=true output \"x\"\n"
    "// @note L14: the click\n"
    "/* @explain\n"
    "Some *Markdown*.\n"
    "*/\n"
    "\n"
    "void Button_Click(object sender, EventArgs e) { Console.WriteLine(\"x\"); }\n");
  const guint *q;
  guint n;
  const AwlScenarioKnob *k;
  const AwlScenarioNote *notes;
  const AwlScenarioExpect *ex;

  g_assert_cmpstr (awl_scenario_get_title (sc), ==, "Accessors");
  g_assert_cmpstr (awl_scenario_get_topic (sc), ==, "Deadlocks and starvation");
  g_assert_cmpstr (awl_scenario_get_display_name (sc), ==, "unit.csx");
  g_assert_cmpstr (awl_scenario_get_entry (sc), ==, "Button_Click");
  q = awl_scenario_get_questions (sc, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (q[0], ==, 31);
  g_assert_cmpuint (q[1], ==, 32);
  g_assert_nonnull (strstr (awl_scenario_get_explanation (sc), "*Markdown*"));
  g_assert_nonnull (strstr (awl_scenario_get_source (sc), "Button_Click"));
  g_assert_cmpint (awl_scenario_get_config (sc)->environment, ==, AWL_ENV_UI);
  g_assert_cmpuint (awl_scenario_get_config (sc)->cores, ==, 2);
  k = awl_scenario_get_knobs (sc, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (k[0].name, ==, "Fix");
  g_assert_cmpint (k[0].type, ==, AWL_SCENARIO_KNOB_BOOL);
  g_assert_cmpstr (k[0].default_value, ==, "false");
  g_assert_cmpstr (k[0].label, ==, "Use the fix");
  notes = awl_scenario_get_notes (sc, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (notes[0].line, ==, 14);
  g_assert_cmpstr (awl_scenario_get_note_for_line (sc, 14), ==, "the click");
  g_assert_null (awl_scenario_get_note_for_line (sc, 13));
  ex = awl_scenario_get_expectations (sc, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (ex[0].text, ==, "outcome completed");
  g_assert_null (ex[0].when[0]);
  g_assert_cmpstr (ex[1].when[0], ==, "Fix=true");
  g_assert_null (ex[1].when[1]);
  g_assert_nonnull (awl_scenario_get_diagnostics (sc));
}

static void
test_expectations (void)
{
  g_autoptr(AwlScenario) sc = load (
    "// @title expectations\n"
    "// @knob Wait = 100 \"ms\"\n"
    "// @expect outcome completed\n"
    "// @expect outcome deadlock\n"
    "// @expect end-at 100ms ± 1ms\n"
    "// @expect end-at 50ms\n"
    "// @expect output \"hello\"\n"
    "// @expect no-output \"hello\"\n"
    "// @expect output-order \"hello\" \"bye\"\n"
    "// @expect output-order \"bye\" \"hello\"\n"
    "// @expect peak-pool-threads >= 1\n"
    "// @expect peak-pool-threads = 0\n"
    "// @expect no-lint async-void\n"
    "// @expect-when Wait=10 end-at 10ms\n"
    "// @expect-when Wait=100 output \"bye\"\n"
    "async Task Main()\n"
    "{\n"
    "    Console.WriteLine(\"hello\");\n"
    "    await Task.Delay(Wait);\n"
    "    Console.WriteLine(\"bye\");\n"
    "}\n");
  static const gboolean want[] = { TRUE, FALSE, TRUE, FALSE, TRUE, FALSE, TRUE, FALSE, TRUE, FALSE, TRUE, TRUE };
  g_autoptr(AwlTrace) trace = awl_scenario_run (sc, NULL, NULL, NULL);
  g_autoptr(GPtrArray) results = awl_scenario_check_expectations (sc, trace, NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < results->len; i++)
    {
      AwlExpectResult *r = g_ptr_array_index (results, i);
      g_assert_cmpint (r->passed, ==, want[i]);
      g_assert_cmpint (r->line, ==, i < 11 ? 3 + (int) i : 15);
      if (!r->passed)
        g_assert_cmpstr (r->detail, !=, "");
    }
  g_assert_cmpstr (((AwlExpectResult *) g_ptr_array_index (results, 1))->detail, ==, "outcome was completed (completed)");
  g_assert_cmpstr (((AwlExpectResult *) g_ptr_array_index (results, 3))->detail, ==, "ended at 100.0 ms");
  g_assert_cmpstr (((AwlExpectResult *) g_ptr_array_index (results, 11))->text, ==, "[Wait=100] output \"bye\"");

  g_assert_false (awl_scenario_expectation_applies (sc, 11, NULL));
  g_assert_true (awl_scenario_expectation_applies (sc, 12, NULL));

  /* `test` re-runs with Wait=10 for the @expect-when that does not hold by default. */
  all = awl_scenario_test (sc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (want) + 1);
  {
    AwlExpectResult *r = g_ptr_array_index (all, all->len - 1);
    g_assert_cmpstr (r->text, ==, "[Wait=10] end-at 10ms");
    g_assert_true (r->passed);
    g_assert_cmpint (r->line, ==, 14);
  }
}

/* output-at: the first line containing the text, at that time (± a tolerance). */
static void
test_output_at_expectation (void)
{
  g_autoptr(AwlScenario) sc = load (
    "// @title output-at\n"
    "// @expect output-at \"tick\" 100ms\n"
    "// @expect output-at \"tick\" 200ms\n"
    "// @expect output-at \"tock\" 297ms ± 3ms\n"
    "// @expect output-at \"tock\" 290ms +- 5ms\n"
    "// @expect output-at \"never\" 0ms\n"
    "async Task Main()\n"
    "{\n"
    "    await Task.Delay(100);\n"
    "    Console.WriteLine(\"tick\");\n"
    "    await Task.Delay(100);\n"
    "    Console.WriteLine(\"tick again\");\n"
    "    await Task.Delay(100);\n"
    "    Console.WriteLine(\"tock\");\n"
    "}\n");
  static const gboolean want[] = { TRUE, FALSE, TRUE, FALSE, FALSE };
  g_autoptr(AwlTrace) trace = awl_scenario_run (sc, NULL, NULL, NULL);
  g_autoptr(GPtrArray) results = awl_scenario_check_expectations (sc, trace, NULL);

  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpint (((AwlExpectResult *) g_ptr_array_index (results, i))->passed, ==, want[i]);
  /* The first matching line counts, not a later one. */
  g_assert_cmpstr (((AwlExpectResult *) g_ptr_array_index (results, 1))->detail, ==, "printed at 100.0 ms");
  g_assert_cmpstr (((AwlExpectResult *) g_ptr_array_index (results, 3))->detail, ==, "printed at 300.0 ms");
  g_assert_cmpstr (((AwlExpectResult *) g_ptr_array_index (results, 4))->detail, ==, "no output line contains it");
}

static void
test_crash_expectation (void)
{
  g_autoptr(AwlScenario) sc = load (
    "// @title crash\n"
    "// @expect outcome crashed InvalidOperationException\n"
    "// @expect outcome crashed TimeoutException\n"
    "void Main() { throw new InvalidOperationException(\"x\"); }\n");
  g_autoptr(AwlTrace) trace = awl_scenario_run (sc, NULL, NULL, NULL);
  g_autoptr(GPtrArray) r = awl_scenario_check_expectations (sc, trace, NULL);
  const AwlOutcome *o = awl_trace_get_outcome (trace);

  g_assert_cmpint (o->kind, ==, AWL_OUTCOME_CRASHED);
  g_assert_cmpstr (o->exception_type, ==, "InvalidOperationException");
  g_assert_cmpstr (o->exception_message, ==, "x");
  g_assert_cmpint (o->line, ==, 4);
  g_assert_true (((AwlExpectResult *) g_ptr_array_index (r, 0))->passed);
  g_assert_false (((AwlExpectResult *) g_ptr_array_index (r, 1))->passed);
}

static void
test_load_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = awl_scenario_new_from_text ("bad.csx",
    "// @title bad\nvoid Main()\n{\n    Task.Dellay(1);\n    var x = \"a\" * 2;\n}\n", &error);
  g_autoptr(AwlScenario) missing = NULL;

  g_assert_null (sc);
  g_assert_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.csx:4:10: error: "));
  g_assert_nonnull (strstr (error->message, "bad.csx:5:17: error: operator `*` cannot be applied to operands of type `string` and `int`"));
  g_clear_error (&error);
  missing = awl_scenario_new_from_file ("/nonexistent/x.csx", &error);
  g_assert_null (missing);
  g_assert_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_IO);
}

static void
test_check_text_garbage (void)
{
  static const char garbage[] = "// @title g\n\x01\xff\xfe void Main( { ] ) } \"unterminated\n";
  g_autoptr(AwlDiagnostics) d = awl_scenario_check_text ("g.csx", garbage, sizeof garbage - 1);
  g_autoptr(AwlDiagnostics) empty = awl_scenario_check_text (NULL, "", 0);

  g_assert_true (awl_diagnostics_has_errors (d));
  g_assert_true (awl_diagnostics_has_errors (empty));   /* no @title */
}

static void
test_fields_init_once (void)
{
  g_autofree char *got = run_text (
    "// @title fields\n"
    "// @environment aspnetcore\n"
    "// @load 10 for 300ms\n"
    "static int counter = Start();\n"
    "static int Start() { Console.WriteLine(\"init\"); return 100; }\n"
    "void HandleRequestAsync() { counter++; Console.WriteLine(counter); }\n", NULL);

  g_assert_cmpstr (got, ==,
    "[     0.0 ms] Pool-1 | init\n"
    "[     0.0 ms] Pool-1 | 101\n"
    "[   100.0 ms] Pool-1 | 102\n"
    "[   200.0 ms] Pool-1 | 103\n"
    "outcome: completed at 200.0 ms\n");
}

static void
test_console_write (void)
{
  g_autofree char *got = run_text (
    "// @title write\n"
    "void Main() { Console.Write(\"a\"); Console.Write(1); Console.WriteLine(); Console.WriteLine(\"{0,3}|{1:F1}\", 7, 2.25); }\n", NULL);
  g_assert_cmpstr (got, ==,
    "[     0.0 ms] Main | a1\n"
    "[     0.0 ms] Main |   7|2.3\n"
    "outcome: completed at 0.0 ms\n");
}

typedef struct
{
  AwlScenario *sc;
  char        *out;
} ThreadRun;

static gpointer
run_in_thread (gpointer data)
{
  ThreadRun *tr = data;
  g_autoptr(AwlTrace) trace = awl_scenario_run (tr->sc, NULL, NULL, NULL);
  tr->out = transcript (trace);
  return NULL;
}

static void
test_threaded_runs (void)
{
  g_autoptr(AwlScenario) sc = load (
    "// @title threads\n"
    "async Task<int> F(int i) { await Task.Delay(i); return i; }\n"
    "async Task Main() { int[] r = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => F(i))); Console.WriteLine(r.Sum()); }\n");
  ThreadRun a = { sc, NULL }, b = { sc, NULL };
  GThread *ta = g_thread_new ("a", run_in_thread, &a);
  GThread *tb = g_thread_new ("b", run_in_thread, &b);

  g_thread_join (ta);
  g_thread_join (tb);
  g_assert_cmpstr (a.out, ==, b.out);
  g_assert_cmpstr (a.out, ==, "[    50.0 ms] Pool-1 | 1275\noutcome: completed at 50.0 ms\n");
  g_free (a.out);
  g_free (b.out);
}

static void
test_cancelled_run (void)
{
  g_autoptr(AwlScenario) sc = load ("// @title c\nasync Task Main() { await Task.Delay(100); }\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AwlTrace) trace = NULL;

  g_cancellable_cancel (cancellable);
  trace = awl_scenario_run (sc, NULL, cancellable, NULL);
  g_assert_cmpint (awl_trace_get_outcome (trace)->kind, ==, AWL_OUTCOME_LIMIT);
  g_assert_cmpint (awl_trace_get_outcome (trace)->limit, ==, AWL_LIMIT_CANCELLED);
}

static void
test_catalogue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = awl_catalogue_load (&error);
  guint prev = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, >, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      AwlCatalogueEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(AwlScenario) sc = NULL;

      g_assert_true (g_str_has_suffix (e->file_name, ".csx"));
      g_assert_true (g_str_has_prefix (e->resource_path, AWL_CATALOGUE_RESOURCE_PATH));
      g_assert_cmpstr (e->title, !=, "");
      g_assert_cmpuint (e->n_questions, >, 0);
      g_assert_cmpuint (e->questions[0], >=, prev);
      prev = e->questions[0];
      /* Every built-in scenario compiles. */
      sc = awl_scenario_new_from_resource (e->resource_path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (awl_scenario_get_title (sc), ==, e->title);
    }
}

/* ----------------------------------------------------------------------------- */
/* The command line */

static char *
cli (int          *status,
     char        **err,
     const char   *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list ap;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) AWAITLAB_HEADLESS);
  va_start (ap, first);
  for (arg = first; arg; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
  return out;
}

static char *
case_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "scenario", "cases", name, NULL);
}

static void
test_cli_run (void)
{
  g_autofree char *file = case_path ("lang-static-entry.csx");
  g_autofree char *err = NULL;
  int status;
  g_autofree char *out = cli (&status, &err, "run", file, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "[    30.0 ms] Pool-1 | async main done\noutcome: completed at 30.0 ms\n");
}

static void
test_cli_run_set (void)
{
  g_autofree char *file = case_path ("lang-knobs.csx");
  g_autofree char *err = NULL, *err2 = NULL, *err3 = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_path = case_path ("lang-knobs@Verbose=true,Count=2.expected");
  int status;
  g_autofree char *out = cli (&status, &err, "run", file, "--set", "Verbose=true", "--set=Count=2", NULL);
  g_autofree char *bad = NULL, *usage = NULL;

  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  g_assert_cmpstr (out, ==, expected);

  bad = cli (&status, &err2, "run", file, "--set", "Nope=1", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err2, "'Nope' is not a knob"));
  usage = cli (&status, &err3, "run", file, "--set", NULL);
  g_assert_cmpint (status, ==, 2);
}

static void
test_cli_run_json (void)
{
  g_autofree char *file = case_path ("env-ui-result-deadlock.csx");
  g_autofree char *err = NULL;
  int status;
  g_autofree char *out = cli (&status, &err, "run", file, "--json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *stats, *deadlock;
  g_autoptr(GList) members = NULL;
  static const char * const fields[] = {
    "scenario", "outcome", "end_ms", "limit", "summary", "output", "deadlock", "crash", "lints",
    "stats", "expect", NULL
  };
  g_autofree char *loop = case_path ("lang-infinite-loop.csx");
  g_autofree char *loop_err = NULL;
  g_autofree char *loop_out = NULL;
  g_autoptr(JsonParser) loop_parser = json_parser_new ();
  JsonObject *loop_root;

  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (root);
  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) fields));
  for (guint i = 0; fields[i]; i++)
    g_assert_true (json_object_has_member (root, fields[i]));
  g_assert_cmpstr (json_object_get_string_member (root, "outcome"), ==, "deadlock");
  g_assert_cmpfloat (json_object_get_double_member (root, "end_ms"), ==, 100.0);
  deadlock = json_object_get_object_member (root, "deadlock");
  g_assert_cmpfloat (json_object_get_double_member (deadlock, "at_ms"), ==, 100.0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (deadlock, "chain")), >, 0);
  g_assert_true (json_object_get_null_member (root, "crash"));
  stats = json_object_get_object_member (root, "stats");
  g_assert_true (json_object_has_member (stats, "events"));
  g_assert_true (json_object_has_member (stats, "tasks"));
  g_assert_true (json_object_has_member (stats, "peak_pool_threads"));
  g_assert_true (json_object_has_member (stats, "threads"));
  g_assert_true (json_object_get_null_member (root, "limit"));

  /* A loop that never ends names the budget that stopped it, not "cancelled". */
  loop_out = cli (&status, &loop_err, "run", loop, "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (loop_parser, loop_out, -1, NULL));
  loop_root = json_node_get_object (json_parser_get_root (loop_parser));
  g_assert_cmpstr (json_object_get_string_member (loop_root, "outcome"), ==, "limit");
  g_assert_cmpstr (json_object_get_string_member (loop_root, "limit"), ==, "instructions");
}

static void
test_cli_run_json_output (void)
{
  g_autofree char *file = case_path ("lang-runtime-fault-index.csx");
  g_autofree char *err = NULL;
  int status;
  g_autofree char *out = cli (&status, &err, "run", "--json", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *line, *crash;
  JsonArray *output;

  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  output = json_object_get_array_member (root, "output");
  g_assert_cmpuint (json_array_get_length (output), ==, 1);
  line = json_array_get_object_element (output, 0);
  g_assert_cmpfloat (json_object_get_double_member (line, "t_ms"), ==, 10.0);
  g_assert_cmpstr (json_object_get_string_member (line, "thread"), ==, "Pool-1");
  g_assert_cmpstr (json_object_get_string_member (line, "thread_kind"), ==, "pool");
  g_assert_cmpstr (json_object_get_string_member (line, "text"), ==, "caught: Index was outside the bounds of the array.");
  crash = json_object_get_object_member (root, "crash");
  g_assert_cmpstr (json_object_get_string_member (crash, "exception"), ==, "DivideByZeroException");
  g_assert_cmpstr (json_object_get_string_member (crash, "message"), ==, "Attempted to divide by zero.");
  g_assert_cmpfloat (json_object_get_double_member (crash, "at_ms"), ==, 10.0);
  g_assert_true (json_object_get_null_member (root, "deadlock"));
}

static void
test_cli_check (void)
{
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "scenario", "errors", "goto.csx", NULL);
  g_autofree char *good = case_path ("lang-loops.csx");
  g_autofree char *err = NULL, *err2 = NULL;
  int status;
  g_autofree char *out = cli (&status, &err, "check", good, bad, NULL);
  g_autofree char *out2 = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s:2:15: error: `goto` is not supported by Awaitlab's C# subset\n"
                                             "void Main() { goto end; end: ; }\n"
                                             "              ^~~~\n", bad);

  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (out, prefix));
  g_assert_nonnull (strstr (out, ":2:25: error: labels"));   /* every error, not just the first */
  out2 = cli (&status, &err2, "check", good, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out2, ==, "");
}

static void
test_cli_test (void)
{
  g_autofree char *file = case_path ("env-ui-configure-await.csx");
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "scenario", "errors", "goto.csx", NULL);
  g_autofree char *err = NULL, *err2 = NULL;
  int status;
  g_autofree char *out = cli (&status, &err, "test", file, NULL);
  g_autofree char *expected = g_strdup_printf ("PASS %s:4: outcome completed\n"
                                               "PASS %s:5: [UseConfigureAwait=true] output \"Pool\"\n"
                                               "2 passed, 0 failed\n", file, file);
  g_autofree char *out2 = NULL;

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, expected);
  out2 = cli (&status, &err2, "test", file, bad, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out2, "FAIL "));
}

static void
test_cli_list (void)
{
  g_autofree char *err = NULL;
  int status;
  g_autofree char *out = cli (&status, &err, "list", NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "1 "));
  g_assert_nonnull (strstr (out, "[01-async-method-basics.csx]"));
}

static void
test_cli_usage (void)
{
  g_autofree char *e1 = NULL, *e2 = NULL, *e3 = NULL, *e4 = NULL;
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL;
  g_autofree char *invalid = g_test_build_filename (G_TEST_DIST, "scenario", "errors", "goto.csx", NULL);
  int status;

  o1 = cli (&status, &e1, "run", NULL);
  g_assert_cmpint (status, ==, 2);
  o2 = cli (&status, &e2, "run", "/nonexistent.csx", NULL);
  g_assert_cmpint (status, ==, 2);
  o3 = cli (&status, &e3, "run", invalid, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (e3, ": error: "));
  o4 = cli (&status, &e4, "run", invalid, "--frobnicate", NULL);
  g_assert_cmpint (status, ==, 2);
}

static void
test_cli_other_subcommands (void)
{
  static const char * const others[] = { "export", "compare", "csharp" };

  /* Until their owners link them in, these say so with exit 2 (and never crash). */
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *err = NULL;
      int status;
      g_autofree char *out = cli (&status, &err, others[i], "--help", NULL);
      g_assert_true (status == 0 || status == 1 || status == 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_dir_tests ("cases", FALSE);
  add_dir_tests ("errors", TRUE);
  add_fuzz_run_tests ();

  g_test_add_func ("/scenario/compile/await-points", test_await_points);
  g_test_add_func ("/scenario/compile/await-state-in-trace", test_await_state_in_trace);
  g_test_add_func ("/scenario/compile/load-errors", test_load_errors);
  g_test_add_func ("/scenario/compile/garbage", test_check_text_garbage);
  g_test_add_func ("/scenario/run/knob-values", test_knob_values);
  g_test_add_func ("/scenario/run/overrides", test_overrides);
  g_test_add_func ("/scenario/run/accessors", test_accessors);
  g_test_add_func ("/scenario/run/fields-init-once", test_fields_init_once);
  g_test_add_func ("/scenario/api/console-write", test_console_write);
  g_test_add_func ("/scenario/run/threaded", test_threaded_runs);
  g_test_add_func ("/scenario/run/cancelled", test_cancelled_run);
  g_test_add_func ("/scenario/run/budgets", test_budgets);
  g_test_add_func ("/scenario/compile/check-capped", test_check_capped);
  g_test_add_func ("/scenario/expect/evaluate", test_expectations);
  g_test_add_func ("/scenario/expect/output-at", test_output_at_expectation);
  g_test_add_func ("/scenario/expect/crash-type", test_crash_expectation);
  g_test_add_func ("/scenario/catalogue/load", test_catalogue);
  g_test_add_func ("/scenario/cli/run", test_cli_run);
  g_test_add_func ("/scenario/cli/run-set", test_cli_run_set);
  g_test_add_func ("/scenario/cli/run-json", test_cli_run_json);
  g_test_add_func ("/scenario/cli/run-json-output", test_cli_run_json_output);
  g_test_add_func ("/scenario/cli/check", test_cli_check);
  g_test_add_func ("/scenario/cli/test", test_cli_test);
  g_test_add_func ("/scenario/cli/list", test_cli_list);
  g_test_add_func ("/scenario/cli/usage", test_cli_usage);
  g_test_add_func ("/scenario/cli/other-subcommands", test_cli_other_subcommands);

  return g_test_run ();
}
