/* export-test-support.c
 *
 * See export-test-support.h.
 */

#include "awl-scenario.h"
#include "export-test-support.h"

AwaitlabExportSource *
export_test_load_source (const char *path,
                         const char *knob,
                         const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) scenario = awl_scenario_new_from_file (path, &error);
  g_autoptr(AwlKnobValues) knobs = awl_knob_values_new ();
  AwaitlabExportSource *source;

  g_assert_no_error (error);
  if (knob != NULL)
    awl_knob_values_set (knobs, knob, value);
  source = awaitlab_export_source_new_from_scenario (scenario, knobs, NULL, &error);
  g_assert_no_error (error);
  return source;
}
