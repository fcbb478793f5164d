/* fuzz-run.c
 *
 * libFuzzer target for everything a user reaches after a scenario parses: the
 * input's first line is a list of overrides ("cores=1;ConfigureAwait=true", as
 * --set gives them), the rest the scenario. It runs with the runtime's DEFAULT
 * limits (the budgets of issue 15 must bound every input), then feeds the trace to
 * the Chrome trace writer, the Inspector's replay (awl_trace_state_at) at the
 * start, middle and end, compare (defaults against the overrides) and the C#
 * generator. Built only with -Dfuzzing=true (clang); run by build-aux/fuzz.
 * tests/scenario replays tests/fuzz/regressions/run-* through the same function.
 */

#include "awl-chrome-trace.h"
#include "awl-compare.h"
#include "awl-csharp.h"
#include "awl-scenario.h"

#include "fuzz-run.h"

void
awl_fuzz_run_one (const char *data,
                  gsize       size)
{
  const char *newline = memchr (data, '\n', size);
  gsize first = newline ? (gsize) (newline - data) : 0;
  g_autofree char *sets_line = g_strndup (data, first);
  g_autofree char *text = g_strndup (newline ? newline + 1 : data, newline ? size - first - 1 : size);
  g_auto(GStrv) sets = g_strsplit (sets_line, ";", 16);
  g_autoptr(AwlKnobValues) overrides = awl_knob_values_new ();
  g_autoptr(AwlScenario) sc = NULL;
  g_autoptr(AwlTrace) trace = NULL;
  g_autoptr(AwlComparison) cmp = NULL;
  g_autofree char *cs = NULL;
  g_autofree char *json = NULL;
  gsize length = 0;
  guint n_events = 0;

  for (guint i = 0; sets[i] != NULL; i++)
    if (sets[i][0] != '\0')
      awl_knob_values_set_assignment (overrides, sets[i]);

  cs = awl_csharp_generate ("fuzz.csx", text, -1, (const char * const *) sets, NULL);

  sc = awl_scenario_new_from_text ("fuzz.csx", text, NULL);
  if (sc == NULL)
    return;
  trace = awl_scenario_run (sc, overrides, NULL, NULL);
  if (trace == NULL)
    return;

  json = awl_chrome_trace_to_data (trace, awl_scenario_get_title (sc), &length);
  awl_trace_get_events (trace, &n_events);
  if (n_events > 0)
    {
      guint at[] = { 0, n_events / 2, n_events - 1 };
      for (guint i = 0; i < G_N_ELEMENTS (at); i++)
        {
          g_autoptr(AwlState) state = awl_trace_state_at (trace, at[i]);
        }
    }
  /* compare runs the scenario twice more: only for small runs that ended on their
   * own (a run stopped by a budget was just fuzzed above). */
  if (n_events < 20000 && awl_trace_get_outcome (trace)->kind != AWL_OUTCOME_LIMIT)
    {
      cmp = awl_compare_run (sc, NULL, overrides, NULL, NULL, NULL, NULL);
      if (cmp != NULL)
        g_free (awl_comparison_format (cmp, "A", "B"));
    }
}

#ifdef AWL_FUZZ_MAIN
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  awl_fuzz_run_one ((const char *) data, size);
  return 0;
}
#endif
