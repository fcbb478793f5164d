/* test-stated-times.c
 *
 * A catalogue that states only what was proven: every time a scenario's explanation,
 * @note, @quiz question, @why or right answer (@answer, and each @answer-when that a
 * checked run shows) states ("ends at 300 ms", "about 2.5 s") must be checked by one of
 * its @expect / @expect-when lines, whose TIME (with its tolerance) covers the stated
 * figure. Wrong choices are not claims and are not read.
 * A stated figure is a rounded claim, so "2.5 s" covers 2.45–2.55 s and "100 ms"
 * 99.5–100.5 ms.
 *
 * Times inside `code spans` are inputs the reader can see in the code. The few times
 * the prose states as inputs (a duration the code sets, like "100 ms of CPU" for
 * `Cpu.Work(100)`) are listed below, each with the code that sets it; the test fails
 * if that code is no longer in the file, so an entry cannot outlive its reason.
 */

#include <string.h>

#include "awl-directives.h"
#include "awl-scenario.h"

typedef struct
{
  const char *file;     /* the scenario's file name */
  const char *phrase;   /* the words of the text that state the input, time included */
  const char *code;     /* the code that sets it, which must be in the file */
} StatedInput;

static const StatedInput stated_inputs[] = {
  { "05-taskcompletionsource-promise.csx", "100 ms of CPU", "Cpu.Work(100)" },
  { "13-context-ui-thread.csx", "100 ms of CPU", "Cpu.Work(100)" },
  { "14-context-serializes-continuations.csx", "50 ms of", "Cpu.Work(50)" },
  { "14-context-serializes-continuations.csx", "50 ms decodes", "Cpu.Work(50)" },
  { "15-configureawait-false-thread.csx", "100 ms CSV parse", "Cpu.Work(100)" },
  { "15-configureawait-false-thread.csx", "100 ms of parsing", "Cpu.Work(100)" },
  { "22-cancel-stale-searches.csx", "for 100 ms", "Cpu.Work(100)" },
  { "22-cancel-stale-searches.csx", "takes 300 ms", "Http.GetAsync($\"https://search.example/?q={query}\", 300, token)" },
  { "23-ignored-cancellation-token.csx", "after 150 ms", "new CancellationTokenSource(150)" },
  { "23-ignored-cancellation-token.csx", "150 ms while", "new CancellationTokenSource(150)" },
  { "23-ignored-cancellation-token.csx", "one every 100 ms", "Db.QueryAsync($\"INSERT INTO Invoices VALUES ({i})\", 100)" },
  { "24-timer-resolution.csx", "ask for 10 ms", "Task.Delay(1)" },
  { "26-whenall-dashboard.csx", "user (100 ms)", "Http.GetAsync(\"https://api.example/me\", 100)" },
  { "26-whenall-dashboard.csx", "(200 ms)", "Http.GetAsync(\"https://api.example/me/recs\", 200)" },
  { "29-aggregateexception-wait-vs-await.csx", "fails at 100 ms", "Http.GetAsync(\"https://profiles.example/me\", 100, fail: true)" },
  { "41-stream-vs-list.csx", "(100 ms each)", "Http.GetAsync($\"https://logs.example/export?page={page}\", 100)" },
  { "45-retry-backoff.csx", "a 100 ms pause", "int delayMs = 100;" },
  { "45-retry-backoff.csx", "100 ms, then 200 ms", "delayMs = delayMs * 2;" },
  { "48-concurrency-one-core.csx", "(100 ms of waiting)", "Http.GetAsync($\"https://images.example/raw/{id}\", 100)" },
  { "49-high-throughput-api.csx", "2 or 102 ms", "Db.QueryAsync($\"SELECT * FROM Products WHERE Id = {id}\", 100)" },
  { "24-task-delay-timers.csx", "pausing 100 ms", "Task.Delay(100)" },
  { "24-task-delay-timers.csx", "about 1 ms on Linux", "Task.Delay" },
  { "24-task-delay-timers.csx", "15.6 ms by", "Task.Delay" },
  { "24-timer-resolution.csx", "resolution to 15.6 ms", "@timer-resolution 15.6ms" },
  { "24-timer-resolution.csx", "in 4 ms steps", "`4ms`" },
  { "24-timer-resolution.csx", "about 4 ms there", "`4ms`" },
  { "24-timer-resolution.csx", "use 1 ms", "`1ms`" },
  { "24-timer-resolution.csx", "Each 1 ms delay", "Task.Delay(1)" },
  { "24-timer-resolution.csx", "15.6 ms grid", "@timer-resolution 15.6ms" },
  { "24-timer-resolution.csx", "15.6 ms apart", "@timer-resolution 15.6ms" },
  { "36-threadpool-exhaustion-web.csx", "100 ms remote call", "Task.Delay(100)" },
  { "36-threadpool-exhaustion-web.csx", "at least 100 ms", "Task.Delay(100)" },
  { "37-cpu-bound-cores.csx", "100 ms of CPU", "Cpu.Work(100)" },
  { "37-cpu-bound-cores.csx", "100 ms of pure", "Cpu.Work(100)" },
  { "37-cpu-bound-cores.csx", "100 ms chunks", "Cpu.Work(100)" },
  { "39-aspnetcore-async-handlers.csx", "100 ms database", "Db.QueryAsync(\"SELECT * FROM Products WHERE Id = 7\", 100)" },
  { "39-aspnetcore-async-handlers.csx", "for 100 ms", "Db.Query(\"SELECT * FROM Products WHERE Id = 7\", 100)" },
  { "40-iasyncenumerable-pages.csx", "50 ms of processing", "Cpu.Work(50)" },
  { "41-stream-vs-list.csx", "50 ms of CPU", "Cpu.Work(50)" },
  { "43-thousand-api-calls.csx", "takes 20 ms", "Http.GetAsync($\"https://api.example/items/{id}\", 20)" },
  { "43-thousand-api-calls.csx", "calls of 20 ms", "Http.GetAsync($\"https://api.example/items/{id}\", 20)" },
  { "43-thousand-api-calls.csx", "waves of 20 ms", "Http.GetAsync($\"https://api.example/items/{id}\", 20)" },
  { "48-concurrency-one-core.csx", "100 ms of CPU", "Cpu.Work(100)" },
  { "48-concurrency-one-core.csx", "100 ms filters", "Cpu.Work(100)" },
  { "48-parallelism-four-cores.csx", "100 ms filters", "Cpu.Work(100)" },
  { "49-high-throughput-api.csx", "2 ms of CPU", "Cpu.Work(2)" },
};

typedef struct
{
  double at_ms;
  double tolerance_ms;
} CheckedTime;

static GPtrArray *catalogue;   /* AwlCatalogueEntry* */

/* ---------------------------------------------------------------------------------
 * The times the @expect lines check
 * ------------------------------------------------------------------------------ */

/* "end-at 300ms ± 3ms", "output-at \"done\" 2.5s": the TIME and its tolerance. Other
 * expectations state no time. */
static gboolean
expect_time (const char  *text,
             CheckedTime *out)
{
  g_autoptr(GString) rest = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  gint64 at = 0, tolerance = 0;
  guint n;

  if (!g_str_has_prefix (text, "end-at ") && !g_str_has_prefix (text, "output-at "))
    return FALSE;
  /* Drop the quoted text of output-at. */
  for (const char *p = strchr (text, ' '); *p != '\0'; p++)
    {
      if (*p == '"')
        {
          for (p++; *p != '\0' && *p != '"'; p++)
            if (*p == '\\' && p[1] != '\0')
              p++;
          if (*p == '\0')
            break;
          continue;
        }
      g_string_append_c (rest, *p);
    }
  words = g_strsplit_set (g_strstrip (rest->str), " ", -1);
  n = g_strv_length (words);
  if (n == 0 || !awl_parse_time (words[0], &at))
    return FALSE;
  if (n >= 3 && (strcmp (words[1], "±") == 0 || strcmp (words[1], "+-") == 0))
    g_assert_true (awl_parse_time (words[2], &tolerance));
  out->at_ms = at / 1e6;
  out->tolerance_ms = tolerance / 1e6;
  return TRUE;
}

static GArray *
checked_times (AwlScenario *sc)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (CheckedTime));
  guint n_expects = 0;
  const AwlScenarioExpect *expects = awl_scenario_get_expectations (sc, &n_expects);

  for (guint i = 0; i < n_expects; i++)
    {
      CheckedTime t;

      if (expect_time (expects[i].text, &t))
        g_array_append_val (times, t);
    }
  return times;
}

/* ---------------------------------------------------------------------------------
 * The times the text states
 * ------------------------------------------------------------------------------ */

/* The text with every `code span` blanked out (same length, so offsets still match). */
static char *
blank_code_spans (const char *text)
{
  char *copy = g_strdup (text);
  gboolean in_code = FALSE;

  for (char *p = copy; *p != '\0'; p++)
    {
      if (*p == '`')
        in_code = !in_code;
      else if (in_code)
        *p = ' ';
    }
  return copy;
}

static gboolean
is_stated_input (const AwlCatalogueEntry *entry,
                 const char              *text,
                 gsize                    start,
                 gsize                    end)
{
  for (guint i = 0; i < G_N_ELEMENTS (stated_inputs); i++)
    {
      const StatedInput *in = &stated_inputs[i];
      const char *hit;

      if (strcmp (in->file, entry->file_name) != 0)
        continue;
      /* The phrase must contain this very time. */
      for (hit = strstr (text, in->phrase); hit != NULL; hit = strstr (hit + 1, in->phrase))
        if ((gsize) (hit - text) <= start && (gsize) (hit - text) + strlen (in->phrase) >= end)
          return TRUE;
    }
  return FALSE;
}

/* The half-width of the interval a written figure stands for: "2.5" → 0.05, "100" → 0.5. */
static double
rounding (const char *number)
{
  const char *dot = strchr (number, '.');
  double r = 0.5;

  if (dot != NULL)
    for (const char *p = dot + 1; g_ascii_isdigit (*p); p++)
      r /= 10;
  return r;
}

static double
unit_ms (const char *unit)
{
  if (g_str_has_prefix (unit, "ms") || g_str_has_prefix (unit, "milli"))
    return 1;
  if (g_str_has_prefix (unit, "µs"))
    return 0.001;
  return 1000;
}

static gboolean
covered (GArray *times,
         double  stated_ms,
         double  rounding_ms)
{
  for (guint i = 0; i < times->len; i++)
    {
      const CheckedTime *t = &g_array_index (times, CheckedTime, i);

      if (ABS (stated_ms - t->at_ms) <= t->tolerance_ms + rounding_ms + 1e-9)
        return TRUE;
    }
  return FALSE;
}

/* Every "N ms" / "N s" / "N seconds" of @text, and the first figure of a range
 * ("100–300 ms", "between 200 and 300 ms"), must be covered. */
static guint
check_text (const AwlCatalogueEntry *entry,
            const char              *what,
            const char              *text,
            GArray                  *times)
{
  static GRegex *regex;
  g_autofree char *prose = blank_code_spans (text);
  g_autoptr(GMatchInfo) match = NULL;
  guint failed = 0;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
                       g_regex_new ("(?<![\\w.,])(?:(\\d+(?:\\.\\d+)?)\\s*(?:–|-|and|to)\\s*)?"
                                    "(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*"
                                    "(ms|milliseconds?|µs|s|seconds?)\\b",
                                    G_REGEX_OPTIMIZE, 0, NULL));

  g_regex_match (regex, prose, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *first = g_match_info_fetch (match, 1);
      g_autofree char *second = g_match_info_fetch (match, 2);
      g_autofree char *unit = g_match_info_fetch (match, 3);
      g_autofree char *whole = g_match_info_fetch (match, 0);
      const char *figures[2] = { first, second };
      int start = 0, end = 0;

      g_match_info_fetch_pos (match, 0, &start, &end);
      if (is_stated_input (entry, text, start, end))
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        {
          g_autofree char *plain = NULL;
          double ms;

          if (figures[f] == NULL || figures[f][0] == '\0')
            continue;
          plain = g_strdup (figures[f]);
          /* "2,500" is two thousand five hundred. */
          for (char *s = plain, *d = plain; ; s++)
            if (*s != ',' && (*d++ = *s) == '\0')
              break;
          ms = g_ascii_strtod (plain, NULL) * unit_ms (unit);
          if (!covered (times, ms, rounding (plain) * unit_ms (unit)))
            {
              g_test_message ("%s: the %s states \"%s\" (%g ms), which no @expect checks",
                              entry->file_name, what, whole, ms);
              failed++;
            }
        }
    }
  return failed;
}

/* The right choices of quiz @q: the default run's, and each @answer-when's that a run
 * with an @expect-when condition set shows (indices + 1). */
static GHashTable *
answers_of_checked_runs (AwlScenario *sc,
                         guint        q)
{
  GHashTable *answers = g_hash_table_new (NULL, NULL);
  guint n_expects = 0;
  const AwlScenarioExpect *expects = awl_scenario_get_expectations (sc, &n_expects);

  g_hash_table_add (answers, GUINT_TO_POINTER (awl_scenario_quiz_answer (sc, q, NULL) + 1));
  for (guint e = 0; e < n_expects; e++)
    {
      g_autoptr(AwlKnobValues) values = awl_knob_values_new ();

      if (expects[e].when == NULL || expects[e].when[0] == NULL)
        continue;
      for (const char * const *w = expects[e].when; *w != NULL; w++)
        g_assert_true (awl_knob_values_set_assignment (values, *w));
      g_hash_table_add (answers, GUINT_TO_POINTER (awl_scenario_quiz_answer (sc, q, values) + 1));
    }
  return answers;
}

static void
test_stated_times (gconstpointer data)
{
  const AwlCatalogueEntry *entry = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = awl_scenario_new_from_resource (entry->resource_path, &error);
  g_autoptr(GArray) times = NULL;
  guint n_notes = 0, n_quizzes = 0, failed = 0;
  const AwlScenarioNote *notes;
  const AwlScenarioQuiz *quizzes;

  g_assert_no_error (error);
  times = checked_times (sc);
  failed += check_text (entry, "explanation", awl_scenario_get_explanation (sc), times);
  notes = awl_scenario_get_notes (sc, &n_notes);
  for (guint i = 0; i < n_notes; i++)
    failed += check_text (entry, "@note", notes[i].text, times);
  quizzes = awl_scenario_get_quizzes (sc, &n_quizzes);
  for (guint q = 0; q < n_quizzes; q++)
    {
      g_autoptr(GHashTable) answers = answers_of_checked_runs (sc, q);
      GHashTableIter iter;
      gpointer key;

      failed += check_text (entry, "@quiz", quizzes[q].question, times);
      failed += check_text (entry, "@why", quizzes[q].why, times);
      g_hash_table_iter_init (&iter, answers);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        failed += check_text (entry, "@answer", quizzes[q].choices[GPOINTER_TO_UINT (key) - 1], times);
    }
  if (failed > 0)
    g_test_fail ();
}

/* Each allowed input still names code that is in its scenario. */
static void
test_inputs_still_in_code (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (stated_inputs); i++)
    {
      const StatedInput *in = &stated_inputs[i];
      g_autofree char *path = g_strconcat (AWL_CATALOGUE_RESOURCE_PATH, in->file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(AwlScenario) sc = awl_scenario_new_from_resource (path, &error);
      const char *text;
      guint n_notes = 0;
      const AwlScenarioNote *notes;
      gboolean in_text;

      g_assert_no_error (error);
      if (strstr (awl_scenario_get_source (sc), in->code) == NULL)
        {
          g_test_message ("%s no longer contains %s", in->file, in->code);
          g_test_fail ();
        }
      text = awl_scenario_get_explanation (sc);
      in_text = text != NULL && strstr (text, in->phrase) != NULL;
      notes = awl_scenario_get_notes (sc, &n_notes);
      for (guint n = 0; n < n_notes && !in_text; n++)
        in_text = strstr (notes[n].text, in->phrase) != NULL;
      if (!in_text)
        in_text = strstr (awl_scenario_get_source (sc), in->phrase) != NULL;
      if (!in_text)
        {
          g_test_message ("%s no longer says \"%s\": remove its entry", in->file, in->phrase);
          g_test_fail ();
        }
    }
}

/* The scanner itself: what it must flag and what it must let through. */
static void
test_scanner (void)
{
  AwlCatalogueEntry entry = { .file_name = (char *) "scanner.csx" };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (CheckedTime));
  CheckedTime t;

  g_assert_true (expect_time ("end-at 2500ms ± 100ms", &t));
  g_assert_cmpfloat (t.at_ms, ==, 2500);
  g_assert_cmpfloat (t.tolerance_ms, ==, 100);
  g_array_append_val (times, t);
  g_assert_true (expect_time ("output-at \"at 7 s \\\" x\" 150ms", &t));
  g_assert_cmpfloat (t.at_ms, ==, 150);
  g_assert_cmpfloat (t.tolerance_ms, ==, 0);
  g_array_append_val (times, t);
  g_assert_false (expect_time ("output \"150ms\"", &t));
  g_assert_false (expect_time ("peak-pool-threads >= 9", &t));

  g_assert_cmpuint (check_text (&entry, "t", "ends at about 2.5 s, after 150 ms", times), ==, 0);
  g_assert_cmpuint (check_text (&entry, "t", "`Task.Delay(300)` and `300 ms` are code", times), ==, 0);
  g_assert_cmpuint (check_text (&entry, "t", "printed at 300 ms", times), ==, 1);
  g_assert_cmpuint (check_text (&entry, "t", "from 100 to 150 ms", times), ==, 1);
  g_assert_cmpuint (check_text (&entry, "t", "one every 2,450 milliseconds", times), ==, 0);
  g_assert_cmpuint (check_text (&entry, "t", "in 4 seconds", times), ==, 1);
  g_assert_cmpuint (check_text (&entry, "t", "version 1.5 seconds", times), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  catalogue = awl_catalogue_load (&error);
  g_assert_no_error (error);

  g_test_add_func ("/catalogue/stated-times/scanner", test_scanner);
  g_test_add_func ("/catalogue/stated-times/inputs-still-in-code", test_inputs_still_in_code);
  for (guint i = 0; i < catalogue->len; i++)
    {
      const AwlCatalogueEntry *entry = g_ptr_array_index (catalogue, i);
      g_autofree char *base = g_strndup (entry->file_name, strlen (entry->file_name) - 4);
      g_autofree char *name = g_strdup_printf ("/catalogue/stated-times/%s", base);

      g_test_add_data_func (name, entry, test_stated_times);
    }

  ret = g_test_run ();
  g_clear_pointer (&catalogue, g_ptr_array_unref);
  return ret;
}
