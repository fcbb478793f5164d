/* awaitlab-trace-timeline.h
 *
 * The one place that turns the simulator's AwlTrace into the drawable
 * AwaitlabTimeline. Everything else in ui/ reads the timeline.
 */

#pragma once

#include "awl-runtime.h"
#include "awaitlab-timeline.h"

G_BEGIN_DECLS

typedef struct
{
  guint       line;
  const char *text;
} AwaitlabNoteSource;

AwaitlabTimeline *awaitlab_timeline_new_from_trace (AwlTrace                 *trace,
                                                    const AwaitlabNoteSource *notes,
                                                    guint                     n_notes);

G_END_DECLS
