/* awaitlab-time-range.h
 *
 * The visible window of the timeline. Zoom and pan change this model, never a
 * widget, so the timeline, compare mode and exports can share one. Begin, end
 * and the bounds are positions on the time axis (AwaitlabTimeAxis): virtual
 * time in real mode; ensure() takes a virtual time and maps it through the
 * axis when one is set.
 */

#pragma once

#include <glib-object.h>

#include "awaitlab-time-axis.h"

G_BEGIN_DECLS

#define AWAITLAB_TYPE_TIME_RANGE (awaitlab_time_range_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabTimeRange, awaitlab_time_range, AWAITLAB, TIME_RANGE, GObject)

AwaitlabTimeRange *awaitlab_time_range_new         (void);
gint64             awaitlab_time_range_get_begin   (AwaitlabTimeRange *self);
gint64             awaitlab_time_range_get_end     (AwaitlabTimeRange *self);
gint64             awaitlab_time_range_get_lower   (AwaitlabTimeRange *self);
gint64             awaitlab_time_range_get_upper   (AwaitlabTimeRange *self);
void               awaitlab_time_range_set_bounds  (AwaitlabTimeRange *self,
                                                    gint64             lower,
                                                    gint64             upper);
void               awaitlab_time_range_set_visible (AwaitlabTimeRange *self,
                                                    gint64             begin,
                                                    gint64             end);
void               awaitlab_time_range_zoom        (AwaitlabTimeRange *self,
                                                    double             factor,
                                                    gint64             anchor);
void               awaitlab_time_range_pan         (AwaitlabTimeRange *self,
                                                    gint64             delta);
void               awaitlab_time_range_fit         (AwaitlabTimeRange *self);
void               awaitlab_time_range_ensure      (AwaitlabTimeRange *self,
                                                    gint64             time);
void               awaitlab_time_range_set_axis    (AwaitlabTimeRange *self,
                                                    AwaitlabTimeAxis  *axis);
AwaitlabTimeAxis  *awaitlab_time_range_get_axis    (AwaitlabTimeRange *self);

G_END_DECLS
