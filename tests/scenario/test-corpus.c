/* test-corpus.c
 *
 * Real public async samples (tests/scenario/corpus/): each NAME.csx is the sample with
 * only its I/O replaced (its header names the source and licence), and NAME.out is
 * what .NET prints for it (`dotnet run`). The test runs every sample and compares
 * the output lines, in order, with .NET's.
 */

#include <string.h>

#include "awl-scenario.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_sample (gconstpointer data)
{
  const char *path = data;
  g_autofree char *out_path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = NULL;
  g_autoptr(AwlTrace) trace = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  const AwlOutputLine *lines;
  guint n;

  out_path = g_strdup_printf ("%.*s.out", (int) strlen (path) - 4, path);
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
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);

  dir = g_test_build_filename (G_TEST_DIST, "scenario", "corpus", NULL);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".csx"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = names->pdata[i];
      g_autofree char *test_path = g_strdup_printf ("/scenario/corpus/%.*s", (int) strlen (n) - 4, n);
      g_test_add_data_func_full (test_path, g_build_filename (dir, n, NULL), test_sample, g_free);
    }

  return g_test_run ();
}
