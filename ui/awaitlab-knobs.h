/* awaitlab-knobs.h
 *
 * The Knobs panel: every @knob of a scenario plus environment, cores, minimum
 * pool threads and runtime profile, as switches, spin buttons and combo rows.
 * It only edits an AwlKnobValues and says "changed"; the window re-simulates.
 */

#pragma once

#include <adwaita.h>

#include "awl-scenario.h"

G_BEGIN_DECLS

#define AWAITLAB_TYPE_KNOBS (awaitlab_knobs_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabKnobs, awaitlab_knobs, AWAITLAB, KNOBS, GtkWidget)

GtkWidget     *awaitlab_knobs_new          (void);
/* Rebuilds the rows for @scenario (NULL = none) showing @values over the defaults. */
void           awaitlab_knobs_set_scenario (AwaitlabKnobs       *self,
                                            AwlScenario         *scenario,
                                            const AwlKnobValues *values);
/* The values the user set (a copy). */
AwlKnobValues *awaitlab_knobs_dup_values   (AwaitlabKnobs       *self);
/* Sets one value as if the user did (updates the row, emits ::changed). */
gboolean       awaitlab_knobs_set_value    (AwaitlabKnobs       *self,
                                            const char          *name,
                                            const char          *value);
/* The value shown for @name (an override or the default), or NULL. */
const char    *awaitlab_knobs_get_value    (AwaitlabKnobs       *self,
                                            const char          *name);

G_END_DECLS
