/* awaitlab-inspector.h
 *
 * The Inspector side panel: the full state at the playhead (each thread's stack
 * and async logical chain, the UI queue, the pool's global and local queues,
 * timers and I/O, tasks with status badges, semaphores, locks, cancellation
 * sources) and the state machine view of one async method. Activating an item
 * asks the window to select its lane and code line.
 */

#pragma once

#include <gtk/gtk.h>

#include "awl-scenario.h"
#include "awaitlab-timeline.h"

G_BEGIN_DECLS

#define AWAITLAB_TYPE_INSPECTOR (awaitlab_inspector_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabInspector, awaitlab_inspector, AWAITLAB, INSPECTOR, GtkWidget)

GtkWidget  *awaitlab_inspector_new         (void);
/* Any may be NULL (nothing to inspect). */
void        awaitlab_inspector_set_run     (AwaitlabInspector *self,
                                            AwlScenario       *scenario,
                                            AwlTrace          *trace,
                                            AwaitlabTimeline  *timeline);
void        awaitlab_inspector_set_event   (AwaitlabInspector *self,
                                            guint              event_index);
/* The async method the state machine view shows ("" if none). */
const char *awaitlab_inspector_get_method  (AwaitlabInspector *self);
void        awaitlab_inspector_set_method  (AwaitlabInspector *self,
                                            const char        *method);
/* For tests: the text of every row, one a line. Free with g_free. */
char       *awaitlab_inspector_dup_text    (AwaitlabInspector *self);

G_END_DECLS
