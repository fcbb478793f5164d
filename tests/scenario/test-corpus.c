/* test-corpus.c
 *
 * Real public async samples. The repository keeps, per sample, NAME.source (pinned
 * URL, licence, the changes: only I/O is replaced) and NAME.out (what real .NET prints
 * for it, from `dotnet run`); the samples themselves are other people's code and are
 * fetched by build-aux/fetch-corpus into AWAITLAB_CORPUS_DIR. The test runs every
 * fetched sample and compares the output lines, in order, with .NET's; a sample not
 * fetched is skipped.
 */

#include <string.h>

#include "awl-scenario.h"
#include "corpus-files.h"

typedef struct
{
  char *source;   /* …/corpus/NAME.source */
  char *csx;      /* AWAITLAB_CORPUS_DIR/NAME.csx */
} Sample;

static void
sample_free (gpointer data)
{
  Sample *s = data;
  g_free (s->source);
  g_free (s->csx);
  g_free (s);
}

static void
test_sample (gconstpointer data)
{
  const Sample *sample = data;
  const char *path = sample->csx;
  g_autofree char *out_path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = NULL;
  g_autoptr(AwlTrace) trace = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  const AwlOutputLine *lines;
  guint n;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("not fetched (run build-aux/fetch-corpus)");
      return;
    }
  out_path = g_strdup_printf ("%.*s.out", (int) strlen (sample->source) - 7, sample->source);
  g_file_get_contents (out_path, &expected, NULL, &error);
  g_assert_no_error (error);

  sc = awl_scenario_new_from_file (path, &error);
  g_assert_no_error (error);
  trace = awl_scenario_run (sc, NULL, NULL, &error);
  g_assert_no_error (error);

  lines = awl_trace_get_output (trace, &n);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (got, "%s\n", lines[i].text);
  g_assert_cmpstr (got->str, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  const char *fetched = g_getenv ("AWAITLAB_CORPUS_DIR");
  g_autoptr(GPtrArray) stems = NULL;

  g_test_init (&argc, &argv, NULL);

  dir = g_test_build_filename (G_TEST_DIST, "scenario", "corpus", NULL);
  stems = corpus_files_list_stems (dir, ".source");
  for (guint i = 0; i < stems->len; i++)
    {
      const char *stem = stems->pdata[i];
      g_autofree char *test_path = g_strdup_printf ("/scenario/corpus/%s", stem);
      g_autofree char *source = g_strconcat (stem, ".source", NULL);
      g_autofree char *csx = g_strconcat (stem, ".csx", NULL);
      Sample *sample = g_new0 (Sample, 1);

      sample->source = g_build_filename (dir, source, NULL);
      sample->csx = g_build_filename (fetched ? fetched : ".", csx, NULL);
      g_test_add_data_func_full (test_path, sample, test_sample, sample_free);
    }

  return g_test_run ();
}
