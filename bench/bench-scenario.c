/* bench-scenario.c
 *
 * scenario FILE [--set NAME=VALUE]… [--repeat N]: loads a scenario, simulates it N
 * times and prints the compile time, the best and median wall time of a run, the
 * number of events and events per second of the best run.
 */

#include <stdlib.h>

#include "awaitlab-bench.h"
#include "awl-scenario.h"

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static int
bench_scenario_main (int    argc,
                     char **argv)
{
  gint64 repeat = 5;
  g_auto(GStrv) sets = NULL;
  GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, "Override a knob or setting", "NAME=VALUE" },
    { "repeat", 0, 0, G_OPTION_ARG_INT64, &repeat, "Runs to time (default 5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("FILE - simulate a scenario and time it");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) scenario = NULL;
  g_autoptr(AwlKnobValues) overrides = awl_knob_values_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start, compiled, best = G_MAXINT64;
  guint64 events = 0;
  const AwlOutcome *outcome = NULL;
  g_autoptr(AwlTrace) keep = NULL;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 || repeat < 1)
    {
      g_printerr ("scenario: %s\n", error ? error->message : "usage: scenario FILE [--set NAME=VALUE]… [--repeat N]");
      return 2;
    }
  for (guint i = 0; sets && sets[i]; i++)
    if (!awl_knob_values_set_assignment (overrides, sets[i]))
      {
        g_printerr ("scenario: --set needs NAME=VALUE\n");
        return 2;
      }

  start = g_get_monotonic_time ();
  scenario = awl_scenario_new_from_file (argv[1], &error);
  compiled = g_get_monotonic_time ();
  if (scenario == NULL)
    {
      g_printerr ("%s", error->message);
      return 1;
    }

  for (gint64 r = 0; r < repeat; r++)
    {
      g_autoptr(AwlTrace) trace = NULL;
      gint64 t0 = g_get_monotonic_time (), dt;

      trace = awl_scenario_run (scenario, overrides, NULL, &error);
      dt = g_get_monotonic_time () - t0;
      if (trace == NULL)
        {
          g_printerr ("scenario: %s\n", error->message);
          return 2;
        }
      g_array_append_val (times, dt);
      if (dt < best)
        {
          best = dt;
          events = awl_trace_get_stats (trace)->events;
          g_clear_pointer (&keep, awl_trace_unref);
          keep = awl_trace_ref (trace);
        }
    }
  g_array_sort (times, compare_gint64);
  outcome = awl_trace_get_outcome (keep);

  g_print ("scenario: %s\n", argv[1]);
  g_print ("compile_ms: %.3f\n", (compiled - start) / 1000.0);
  g_print ("runs: %" G_GINT64_FORMAT "\n", repeat);
  g_print ("wall_ms_best: %.3f\n", best / 1000.0);
  g_print ("wall_ms_median: %.3f\n", g_array_index (times, gint64, times->len / 2) / 1000.0);
  g_print ("events: %" G_GUINT64_FORMAT "\n", events);
  g_print ("tasks: %u\n", awl_trace_get_stats (keep)->tasks);
  g_print ("events_per_sec: %.0f\n", best > 0 ? events / (best / 1e6) : 0.0);
  g_print ("outcome: %s at %.1f ms (virtual)\n", awl_outcome_kind_to_string (outcome->kind),
           AWL_TO_MS (outcome->end_time));
  return 0;
}

AWL_BENCH_COMMAND (scenario, "scenario", "FILE [--set NAME=VALUE]… [--repeat N]", bench_scenario_main)
