/* awaitlab-timeline-summary.h
 *
 * Per-level summaries of one track of spans (a thread lane, or one row of the
 * timers lane) along the axis, as Perfetto and Sysprof keep them: level 0 cuts
 * the axis into buckets of a power-of-two width holding what share of the
 * bucket each state covers; every level above halves the count. A frame then
 * reads at most three buckets per pixel column, whatever the trace's size.
 */

#pragma once

#include "awaitlab-time-axis.h"

G_BEGIN_DECLS

typedef struct _AwaitlabSummary AwaitlabSummary;

/* Tracks with fewer spans are drawn exactly: a summary would not pay. */
#define AWAITLAB_SUMMARY_MIN_SPANS 256

AwaitlabSummary *awaitlab_summary_new              (const AwaitlabSpan     *spans,
                                                    const AwaitlabAxisSpan *pos,
                                                    guint                   n_spans,
                                                    int                     row,
                                                    gint64                  length);
void             awaitlab_summary_free             (AwaitlabSummary        *self);
gint64           awaitlab_summary_get_bucket_width (const AwaitlabSummary  *self);
void             awaitlab_summary_coverage         (const AwaitlabSummary  *self,
                                                    gint64                  x0,
                                                    gint64                  x1,
                                                    double                  acc[AWAITLAB_N_SPAN_STATES]);

void             awaitlab_summary_columns          (const AwaitlabSummary  *self,
                                                    gint64                  begin,
                                                    double                  units_per_px,
                                                    int                     width,
                                                    guint16                *cov);

G_END_DECLS
