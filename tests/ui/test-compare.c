/* test-compare.c
 *
 * `awaitlab compare FILE --set-a K=V --set-b K=V` and the shared comparison
 * (sim/scenario/awl-compare.c) on the .Result deadlock scenario.
 */

#include "awaitlab-cli-compare.h"
#include "awl-compare.h"

static char *
scenario_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "resources", "scenarios", "31-result-deadlock-ui.csx", NULL);
}

static void
test_compare_traces (void)
{
  g_autofree char *path = scenario_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) scenario = awl_scenario_new_from_file (path, &error);
  g_autoptr(AwlKnobValues) b = awl_knob_values_new ();
  g_autoptr(AwlComparison) c = NULL;
  g_autoptr(AwlTrace) ta = NULL;
  g_autoptr(AwlTrace) tb = NULL;
  const AwlCompareRow *row;

  g_assert_no_error (error);
  awl_knob_values_set (b, "ConfigureAwaitFalse", "true");
  c = awl_compare_run (scenario, NULL, b, NULL, &ta, &tb, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ta);
  g_assert_nonnull (tb);

  g_assert_cmpint (c->outcome_a, ==, AWL_OUTCOME_DEADLOCK);
  g_assert_cmpint (c->outcome_b, ==, AWL_OUTCOME_COMPLETED);
  g_assert_cmpint (c->end_a, ==, AWL_MS (200));
  g_assert_cmpint (c->end_b, ==, AWL_MS (200));
  g_assert_cmpuint (c->n_differences, ==, 2);
  row = g_ptr_array_index (c->rows, 0);
  g_assert_cmpstr (row->what, ==, "outcome");
  g_assert_true (row->differs);

  /* The same run twice: no difference. */
  {
    g_autoptr(AwlComparison) same = awl_compare_traces (ta, ta);
    g_assert_cmpuint (same->n_differences, ==, 0);
  }
}

static void
test_cli_output (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = scenario_path ();
      char *argv[] = { "awaitlab", "compare", path, "--set-b", "ConfigureAwaitFalse=true", NULL };

      exit (awaitlab_cli_compare (G_N_ELEMENTS (argv) - 1, argv));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("A: defaults\n"
                             "B: ConfigureAwaitFalse=true\n"
                             "* outcome:                     A deadlock | B completed\n"
                             "  end time:                    A 200.0 ms | B 200.0 ms\n"
                             "  peak pool threads:           A 1 | B 1\n"
                             "  threads:                     A 2 | B 2\n"
                             "* GetDataAsync after await 0:  A never resumed | B Pool-1 (inline)\n"
                             "2 differences\n");
}

static void
test_cli_errors (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = scenario_path ();
      char *argv[] = { "awaitlab", "compare", path, "--set-a", "NoSuchKnob=1", NULL };

      exit (awaitlab_cli_compare (G_N_ELEMENTS (argv) - 1, argv));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*awaitlab compare:*NoSuchKnob*");
}

static void
test_cli_usage (void)
{
  if (g_test_subprocess ())
    {
      char *argv[] = { "awaitlab", "compare", "--set-b", "nonsense", NULL };

      exit (awaitlab_cli_compare (G_N_ELEMENTS (argv) - 1, argv));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*needs NAME=VALUE*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/compare/traces", test_compare_traces);
  g_test_add_func ("/cli/compare/output", test_cli_output);
  g_test_add_func ("/cli/compare/bad-knob", test_cli_errors);
  g_test_add_func ("/cli/compare/usage", test_cli_usage);

  return g_test_run ();
}
