/* test-corpus-own.c
 *
 * Our own corpus (tests/scenario/corpus-own, see its README): realistic async programs
 * written for Awaitlab, each with NAME.expected, what .NET 10 printed for it (thread
 * kind | text per line, then the outcome). Each is run in the simulator with the
 * default profile (net8, which models .NET 6–10) and must print the same.
 *
 * A sample whose header says `// Needs: …` uses something the front end does not read
 * yet, and one saying `// Known: …` a difference the model has not fixed yet: when
 * they fail they are reported as TAP TODO with that reason (and the first error or
 * difference), so they turn green, and are counted so, as soon as the feature lands.
 */

#include <string.h>

#include "awl-scenario.h"
#include "corpus-files.h"

typedef struct
{
  char *csx;
  char *expected;
} Sample;

static void
sample_free (gpointer data)
{
  Sample *s = data;
  g_free (s->csx);
  g_free (s->expected);
  g_free (s);
}

/* The text after "// Needs: " or "// Known: " in the sample's header, or NULL. */
static char *
find_marker (const char *text)
{
  static const char * const markers[] = { "// Needs: ", "// Known: " };

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const char *at = strstr (text, markers[i]);
      if (at != NULL)
        {
          const char *end = strchr (at, '\n');
          g_autofree char *what = g_strndup (at + 3, end ? (gsize) (end - at - 3) : strlen (at + 3));
          return g_strdup (what);
        }
    }
  return NULL;
}

/* The expected file without its `#` comment lines. */
static char *
strip_comments (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '#' && (lines[i][0] != '\0' || lines[i + 1] != NULL))
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (out, FALSE);
}

static char *
transcript (AwlTrace *trace)
{
  GString *out = g_string_new (NULL);
  const AwlOutcome *outcome = awl_trace_get_outcome (trace);
  const AwlOutputLine *lines;
  guint n;

  lines = awl_trace_get_output (trace, &n);
  for (guint i = 0; i < n; i++)
    {
      const AwlThreadInfo *t = awl_trace_get_thread (trace, lines[i].thread);
      g_string_append_printf (out, "%s | %s\n", t ? awl_thread_kind_to_string (t->kind) : "main",
                              lines[i].text);
    }
  g_string_append_printf (out, "outcome: %s", awl_outcome_kind_to_string (outcome->kind));
  if (outcome->kind == AWL_OUTCOME_CRASHED && outcome->exception_type != NULL)
    g_string_append_printf (out, " %s", outcome->exception_type);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* The first line where @a and @b differ, for the TODO reason. */
static char *
first_difference (const char *a,
                  const char *b)
{
  g_auto(GStrv) la = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (b, "\n", -1);

  for (guint i = 0; la[i] != NULL || lb[i] != NULL; i++)
    if (la[i] == NULL || lb[i] == NULL || strcmp (la[i], lb[i]) != 0)
      return g_strdup_printf ("line %u: simulator \"%s\", .NET \"%s\"", i + 1,
                              la[i] ? la[i] : "(none)", lb[i] ? lb[i] : "(none)");
  return g_strdup ("(no difference)");
}

static void
test_sample (gconstpointer data)
{
  const Sample *sample = data;
  g_autofree char *text = NULL;
  g_autofree char *expected_file = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = NULL;
  g_autoptr(AwlTrace) trace = NULL;

  g_assert_true (g_file_get_contents (sample->csx, &text, NULL, NULL));
  if (!g_file_get_contents (sample->expected, &expected_file, NULL, &error))
    {
      g_test_message ("%s has no .expected (record it: build-aux/fidelity --runtime dotnet "
                      "--write-expected %s): %s", sample->csx, sample->csx, error->message);
      g_test_fail ();
      return;
    }
  expected = strip_comments (expected_file);
  marker = find_marker (text);

  sc = awl_scenario_new_from_file (sample->csx, &error);
  if (sc != NULL)
    trace = awl_scenario_run (sc, NULL, NULL, &error);
  if (trace == NULL)
    {
      g_autofree char *first = g_strndup (error->message, strcspn (error->message, "\n"));
      g_autofree char *why = g_strdup_printf ("%s (%s)", marker, first);

      if (marker == NULL)
        {
          g_test_message ("%s", error->message);
          g_test_fail ();
          return;
        }
      g_test_incomplete (why);
      return;
    }

  got = transcript (trace);
  if (g_strcmp0 (got, expected) != 0 && marker != NULL)
    {
      g_autofree char *diff = first_difference (got, expected);
      g_autofree char *why = g_strdup_printf ("%s (%s)", marker, diff);

      /* GLib 2.74 has no g_test_incomplete_printf. */
      g_test_incomplete (why);
      return;
    }
  g_assert_cmpstr (got, ==, expected);
  if (marker != NULL)
    g_test_message ("%s now agrees with .NET: its \"%s\" line can go", sample->csx, marker);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) stems = NULL;

  g_test_init (&argc, &argv, NULL);

  dir = g_test_build_filename (G_TEST_DIST, "scenario", "corpus-own", NULL);
  stems = corpus_files_list_stems (dir, ".csx");
  /* Issue #13 asks for at least 30 samples: fewer means files went missing. */
  g_assert_cmpuint (stems->len, >=, 30);

  for (guint i = 0; i < stems->len; i++)
    {
      const char *stem = stems->pdata[i];
      g_autofree char *test_path = g_strdup_printf ("/scenario/corpus-own/%s", stem);
      g_autofree char *csx = g_strconcat (stem, ".csx", NULL);
      g_autofree char *exp = g_strconcat (stem, ".expected", NULL);
      Sample *sample = g_new0 (Sample, 1);

      sample->csx = g_build_filename (dir, csx, NULL);
      sample->expected = g_build_filename (dir, exp, NULL);
      g_test_add_data_func_full (test_path, sample, test_sample, sample_free);
    }

  return g_test_run ();
}
