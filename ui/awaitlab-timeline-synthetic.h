/* awaitlab-timeline-synthetic.h
 *
 * Made-up timelines of any size for the render bench and the renderer tests.
 * They are shaped like real runs (pool threads appearing, spans, flows,
 * counters) but come from a seeded RNG, not from the simulator.
 */

#pragma once

#include "awaitlab-timeline.h"

G_BEGIN_DECLS

AwaitlabTimeline *awaitlab_timeline_new_synthetic (guint n_spans,
                                                   guint n_threads,
                                                   guint seed);

G_END_DECLS
