/* awaitlab-time-axis-private.h: what the renderer reads besides the mapping. */

#pragma once

#include "awaitlab-time-axis.h"
#include "awaitlab-timeline-summary.h"

G_BEGIN_DECLS

/* The summary of a lane (@row -1) or of one row of the timers lane; NULL when
 * the track is small enough to draw exactly. Built on first use. */
const AwaitlabSummary *awaitlab_time_axis_get_summary (AwaitlabTimeAxis *self,
                                                       guint             lane,
                                                       int               row);

/* Where each point of a counter sits, parallel to its points. */
const gint64          *awaitlab_time_axis_get_counter_positions (AwaitlabTimeAxis *self,
                                                                 guint             counter,
                                                                 guint            *n_points);

/* The flows whose continuation never ran, as indices into the flows. */
const guint           *awaitlab_time_axis_get_never_run (AwaitlabTimeAxis *self,
                                                         guint            *n_flows);

G_END_DECLS
