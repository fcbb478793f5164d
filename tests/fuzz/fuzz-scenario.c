/* fuzz-scenario.c
 *
 * libFuzzer target: any bytes must parse (and check) without crashing, hanging or
 * leaking. Built only with -Dfuzzing=true (clang); run by build-aux/fuzz.
 * Every crashing input goes to tests/fuzz/regressions/, which the normal test
 * suite replays (/language/fuzz-regression/…).
 */

#include "awl-language.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

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

      /* === HOOK: compile + run ===============================================
       * The scenario back end extends the target here: compile unit->ast with
       * unit->directives and run it on the simulated runtime with small limits
       * (events, virtual time) so that no input can hang. Keep the parse above.
       * ======================================================================= */
    }

  awl_unit_free (unit);

  return 0;
}
