/* test-wording.c: sentences the app shows say what they mean (issue 12's slips). */

#include <string.h>

#include "awl-scenario.h"

static AwlTrace *
run_text (const char          *text,
          const AwlKnobValues *knobs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = awl_scenario_new_from_text ("wording.csx", text, &error);
  AwlTrace *trace;

  g_assert_no_error (error);
  trace = awl_scenario_run (sc, knobs, NULL, &error);
  g_assert_no_error (error);
  return trace;
}

/* The window and the exports put "Unhandled exception" in front of the summary. */
static void
test_crash_summary (void)
{
  g_autoptr(AwlTrace) trace = run_text ("// @title t\nvoid Main()\n{\n"
                                        "    throw new InvalidOperationException(\"boom\");\n}\n", NULL);
  const AwlOutcome *outcome = awl_trace_get_outcome (trace);

  g_assert_cmpint (outcome->kind, ==, AWL_OUTCOME_CRASHED);
  g_assert_cmpstr (outcome->summary, ==, "InvalidOperationException: boom");
}

/* One pool thread is "1 thread". */
static void
test_singular_thread (void)
{
  g_autoptr(AwlKnobValues) knobs = awl_knob_values_new ();
  g_autoptr(AwlTrace) trace = NULL;
  const AwlEvent *events;
  guint n_events, checked = 0;

  awl_knob_values_set (knobs, "cores", "1");
  awl_knob_values_set (knobs, "min-threads", "1");
  trace = run_text ("// @title t\nasync Task Main()\n{\n    await Task.Run(() => Console.WriteLine(\"x\"));\n}\n", knobs);
  events = awl_trace_get_events (trace, &n_events);
  for (guint i = 0; i < n_events; i++)
    if (events[i].kind == AWL_EVENT_POOL_GOAL && events[i].a == 1)
      {
        g_autofree char *text = awl_trace_describe_event (trace, i);

        g_assert_cmpstr (text, ==, "Thread pool goal is 1 thread (minimum)");
        checked++;
      }
  g_assert_cmpuint (checked, >, 0);
}

/* A comment left open before the code eats the code: the error names the comment
 * and does not claim the scenario has no code. */
static void
test_unterminated_comment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = awl_scenario_new_from_text ("open.csx",
                                                          "// @title t\n/* oops\nvoid Main()\n{\n}\n", &error);

  g_assert_null (sc);
  g_assert_error (error, AWL_SCENARIO_ERROR, AWL_SCENARIO_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "open.csx:2:1: error: unterminated comment"));
  g_assert_null (strstr (error->message, "no code"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario/wording/crash-summary", test_crash_summary);
  g_test_add_func ("/scenario/wording/singular-thread", test_singular_thread);
  g_test_add_func ("/scenario/wording/unterminated-comment", test_unterminated_comment);

  return g_test_run ();
}
