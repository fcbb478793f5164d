/* test-catalogue.c
 *
 * The built-in catalogue checks itself. For the whole bundle: every interview
 * question 1–50 has at least one scenario, every topic is one of the thirteen, and at
 * least 15 scenarios ask a quiz. For each scenario: it loads, its explanation is
 * 80–250 words, every @note points at a line that runs in the default run, and every
 * @expect / @expect-when passes (awl_scenario_test re-runs the scenario once per
 * distinct @expect-when condition set, which is how each flipped knob is checked),
 * and again as the app checks a flipped run (plain @expect lines included, so they must
 * hold for every value the scenario flips to); and every @knob is flipped by at least
 * one @expect-when, so no lesson goes unchecked.
 *
 * The scenarios come from the same GResource bundle the app and `awaitlab list` use,
 * so a file that is not in resources/scenarios/ cannot satisfy these tests.
 */

#include <string.h>

#include "awl-scenario.h"

#define N_QUESTIONS     50
#define MIN_WORDS       80
#define MAX_WORDS       250
#define MIN_QUIZZES     15

static const char * const topics[] = {
  "Basics", "Tasks", "Internals", "Context and ConfigureAwait", "Task.Run",
  "Cancellation", "Delays and timers", "Combinators", "Exceptions",
  "Deadlocks and starvation", "Throttling and retries", "Async streams", "Production",
  NULL
};

static GPtrArray *catalogue;   /* AwlCatalogueEntry* */

static AwlScenario *
load_entry (const AwlCatalogueEntry *entry)
{
  g_autoptr(GError) error = NULL;
  AwlScenario *sc = awl_scenario_new_from_resource (entry->resource_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sc);
  return sc;
}

static guint
count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean space = g_ascii_isspace (*p);

      if (!space && !in_word)
        words++;
      in_word = !space;
    }
  return words;
}

/* ---------------------------------------------------------------------------------
 * The index as a whole
 * ------------------------------------------------------------------------------ */

static void
test_every_question_covered (void)
{
  gboolean covered[N_QUESTIONS + 1] = { FALSE, };

  g_assert_cmpuint (catalogue->len, >=, N_QUESTIONS);
  for (guint i = 0; i < catalogue->len; i++)
    {
      const AwlCatalogueEntry *entry = g_ptr_array_index (catalogue, i);

      g_assert_cmpuint (entry->n_questions, >, 0);
      for (guint q = 0; q < entry->n_questions; q++)
        {
          g_assert_cmpuint (entry->questions[q], >=, 1);
          g_assert_cmpuint (entry->questions[q], <=, N_QUESTIONS);
          covered[entry->questions[q]] = TRUE;
        }
    }
  for (guint q = 1; q <= N_QUESTIONS; q++)
    if (!covered[q])
      {
        g_test_message ("question %u has no scenario", q);
        g_test_fail ();
      }
}

static void
test_titles_and_topics (void)
{
  for (guint i = 0; i < catalogue->len; i++)
    {
      const AwlCatalogueEntry *entry = g_ptr_array_index (catalogue, i);

      g_assert_nonnull (entry->title);
      g_assert_cmpstr (entry->title, !=, "");
      if (entry->topic == NULL || !g_strv_contains (topics, entry->topic))
        {
          g_test_message ("%s: topic %s is not one of the thirteen", entry->file_name,
                          entry->topic ? entry->topic : "(none)");
          g_test_fail ();
        }
      /* File names are NN-slug.csx, NN being the first question. */
      g_assert_true (g_ascii_isdigit (entry->file_name[0]));
      g_assert_true (g_ascii_isdigit (entry->file_name[1]));
      g_assert_cmpint (entry->file_name[2], ==, '-');
      g_assert_true (g_str_has_suffix (entry->file_name, ".csx"));
    }
}

static void
test_enough_quizzes (void)
{
  guint with_quiz = 0;

  for (guint i = 0; i < catalogue->len; i++)
    {
      g_autoptr(AwlScenario) sc = load_entry (g_ptr_array_index (catalogue, i));
      guint n_quizzes = 0;
      const AwlScenarioQuiz *quizzes = awl_scenario_get_quizzes (sc, &n_quizzes);

      for (guint q = 0; q < n_quizzes; q++)
        {
          g_assert_cmpuint (quizzes[q].n_choices, >=, 2);
          g_assert_cmpuint (quizzes[q].answer, <, quizzes[q].n_choices);
        }
      if (n_quizzes > 0)
        with_quiz++;
    }
  g_assert_cmpuint (with_quiz, >=, MIN_QUIZZES);
}

/* ---------------------------------------------------------------------------------
 * One scenario
 * ------------------------------------------------------------------------------ */

static void
test_explanation (gconstpointer data)
{
  g_autoptr(AwlScenario) sc = load_entry (data);
  const char *explain = awl_scenario_get_explanation (sc);
  guint words;

  g_assert_nonnull (explain);
  words = count_words (explain);
  if (words < MIN_WORDS || words > MAX_WORDS)
    {
      g_test_message ("the explanation has %u words, not %u–%u", words, MIN_WORDS, MAX_WORDS);
      g_test_fail ();
    }
}

/* Lines that ran in @trace: the line of every event and of every thread span. */
static GHashTable *
executed_lines (AwlTrace *trace)
{
  GHashTable *lines = g_hash_table_new (NULL, NULL);
  guint n_events = 0, n_threads = 0;
  const AwlEvent *events = awl_trace_get_events (trace, &n_events);

  for (guint i = 0; i < n_events; i++)
    if (events[i].line > 0)
      g_hash_table_add (lines, GINT_TO_POINTER (events[i].line));
  awl_trace_get_threads (trace, &n_threads);
  for (guint t = 1; t <= n_threads; t++)
    {
      guint n_spans = 0;
      const AwlSpan *spans = awl_trace_get_spans (trace, t, &n_spans);

      for (guint i = 0; i < n_spans; i++)
        if (spans[i].line > 0)
          g_hash_table_add (lines, GINT_TO_POINTER (spans[i].line));
    }
  return lines;
}

static void
test_notes_execute (gconstpointer data)
{
  g_autoptr(AwlScenario) sc = load_entry (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlTrace) trace = NULL;
  g_autoptr(GHashTable) lines = NULL;
  guint n_notes = 0;
  const AwlScenarioNote *notes = awl_scenario_get_notes (sc, &n_notes);

  g_assert_cmpuint (n_notes, >, 0);
  trace = awl_scenario_run (sc, NULL, NULL, &error);
  g_assert_no_error (error);
  lines = executed_lines (trace);
  for (guint i = 0; i < n_notes; i++)
    if (!g_hash_table_contains (lines, GINT_TO_POINTER (notes[i].line)))
      {
        g_test_message ("the @note on line %d points at line %d, which never runs",
                        notes[i].directive_line, notes[i].line);
        g_test_fail ();
      }
}

/* Every knob has an @expect-when that sets it to a value other than its default. */
static void
test_knobs_flipped (gconstpointer data)
{
  g_autoptr(AwlScenario) sc = load_entry (data);
  guint n_knobs = 0, n_expects = 0;
  const AwlScenarioKnob *knobs = awl_scenario_get_knobs (sc, &n_knobs);
  const AwlScenarioExpect *expects = awl_scenario_get_expectations (sc, &n_expects);

  for (guint k = 0; k < n_knobs; k++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s=", knobs[k].name);
      g_autofree char *same = g_strdup_printf ("%s=%s", knobs[k].name, knobs[k].default_value);
      gboolean flipped = FALSE;

      for (guint e = 0; e < n_expects && !flipped; e++)
        for (const char * const *w = expects[e].when; w != NULL && *w != NULL; w++)
          if (g_str_has_prefix (*w, prefix) && strcmp (*w, same) != 0)
            flipped = TRUE;
      if (!flipped)
        {
          g_test_message ("knob %s is never flipped by an @expect-when", knobs[k].name);
          g_test_fail ();
        }
    }
}

static guint
report_failures (GPtrArray  *results,
                 const char *run)
{
  guint failed = 0;

  for (guint i = 0; i < results->len; i++)
    {
      const AwlExpectResult *r = g_ptr_array_index (results, i);

      if (!r->passed)
        {
          g_test_message ("%sline %d: %s: %s", run, r->line, r->text, r->detail);
          failed++;
        }
    }
  return failed;
}

/* What `awaitlab test` does: the defaults, then one re-run per @expect-when set. */
static void
test_expectations (gconstpointer data)
{
  g_autoptr(AwlScenario) sc = load_entry (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = awl_scenario_test (sc, NULL, &error);
  guint n_expects = 0;

  g_assert_no_error (error);
  g_assert_nonnull (results);
  awl_scenario_get_expectations (sc, &n_expects);
  /* A scenario that asserts nothing would pass whatever the simulator does. */
  g_assert_cmpuint (n_expects, >=, 2);
  g_assert_cmpuint (results->len, >=, n_expects);
  if (report_failures (results, "") > 0)
    g_test_fail ();
}

/* What the app shows after a knob is flipped: every expectation that applies to that
 * run, plain @expect lines included, so those must hold for every flipped value. */
static void
test_expectations_per_flip (gconstpointer data)
{
  g_autoptr(AwlScenario) sc = load_entry (data);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_expects = 0;
  const AwlScenarioExpect *expects = awl_scenario_get_expectations (sc, &n_expects);
  guint failed = 0;

  for (guint e = 0; e < n_expects; e++)
    {
      g_autoptr(AwlKnobValues) values = awl_knob_values_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(AwlTrace) trace = NULL;
      g_autoptr(GPtrArray) results = NULL;
      g_autofree char *key = NULL;

      if (expects[e].when == NULL || expects[e].when[0] == NULL)
        continue;
      key = g_strjoinv (",", (char **) expects[e].when);
      if (g_hash_table_contains (done, key))
        continue;
      g_hash_table_add (done, g_strdup (key));
      for (const char * const *w = expects[e].when; *w != NULL; w++)
        g_assert_true (awl_knob_values_set_assignment (values, *w));
      trace = awl_scenario_run (sc, values, NULL, &error);
      g_assert_no_error (error);
      results = awl_scenario_check_expectations (sc, trace, values);
      {
        g_autofree char *run = g_strdup_printf ("[%s] ", key);

        failed += report_failures (results, run);
      }
    }
  if (failed > 0)
    g_test_fail ();
}

static char *
case_name (const char *prefix,
           const AwlCatalogueEntry *entry)
{
  g_autofree char *base = g_strndup (entry->file_name,
                                     strlen (entry->file_name) - strlen (".csx"));

  return g_strdup_printf ("/catalogue/%s/%s", prefix, base);
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
  g_assert_nonnull (catalogue);

  g_test_add_func ("/catalogue/index/every-question-covered", test_every_question_covered);
  g_test_add_func ("/catalogue/index/titles-and-topics", test_titles_and_topics);
  g_test_add_func ("/catalogue/index/enough-quizzes", test_enough_quizzes);
  for (guint i = 0; i < catalogue->len; i++)
    {
      const AwlCatalogueEntry *entry = g_ptr_array_index (catalogue, i);
      g_autofree char *explain = case_name ("explanation", entry);
      g_autofree char *notes = case_name ("notes-execute", entry);
      g_autofree char *expect = case_name ("expectations", entry);
      g_autofree char *knobs = case_name ("knobs-flipped", entry);
      g_autofree char *flips = case_name ("expectations-per-flip", entry);

      g_test_add_data_func (explain, entry, test_explanation);
      g_test_add_data_func (notes, entry, test_notes_execute);
      g_test_add_data_func (knobs, entry, test_knobs_flipped);
      g_test_add_data_func (expect, entry, test_expectations);
      g_test_add_data_func (flips, entry, test_expectations_per_flip);
    }

  ret = g_test_run ();
  g_clear_pointer (&catalogue, g_ptr_array_unref);
  return ret;
}
