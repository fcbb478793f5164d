/* fuzz-scenario.c
 *
 * libFuzzer target: any bytes must parse (and check) without crashing, hanging or
 * leaking. Built only with -Dfuzzing=true (clang); run by build-aux/fuzz.
 * Every crashing input goes to tests/fuzz/regressions/, which the normal test
 * suite replays (/language/fuzz-regression/…).
 */

#include "awl-language.h"
#include "awl-scenario.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Compiles and runs the input with small limits, so that no input can hang and
 * the runtime is fuzzed along with the front end. */
static void
run_with_small_limits (const uint8_t *data,
                       size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(AwlScenario) sc = awl_scenario_new_from_text ("fuzz.csx", text, NULL);
  g_autoptr(AwlKnobValues) limits = NULL;
  AwlTrace *trace;

  if (sc == NULL)
    return;

  limits = awl_knob_values_new ();
  awl_knob_values_set (limits, "limit-events", "20000");
  awl_knob_values_set (limits, "limit-time", "60s");
  awl_knob_values_set (limits, "limit-threads", "64");
  awl_knob_values_set (limits, "limit-tasks", "20000");
  trace = awl_scenario_run (sc, limits, NULL, NULL);
  if (trace != NULL)
    awl_trace_unref (trace);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  AwlUnit *unit;
  char *report;

  unit = awl_parse ("fuzz.csx", (const char *) data, (gssize) size, AWL_PARSE_DEFAULT);

  /* Rendering touches every diagnostic's position against the text. */
  report = awl_diagnostics_format (unit->diagnostics);
  g_free (report);

  if (!awl_unit_has_errors (unit))
    {
      char *dump = awl_ast_dump (unit->ast);
      g_free (dump);

      run_with_small_limits (data, size);
    }

  awl_unit_free (unit);

  return 0;
}
