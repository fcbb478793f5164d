/* awaitlab-timeline-view.h
 *
 * The timeline widget: the shared renderer in snapshot(), plus zoom, pan,
 * hover tooltips and selection. The visible range lives in an
 * AwaitlabTimeRange (in axis positions) and the mapping from time in an
 * AwaitlabTimeAxis, so other views and the exports can follow both.
 */

#pragma once

#include <gtk/gtk.h>

#include "awaitlab-time-range.h"
#include "awaitlab-timeline.h"
#include "awaitlab-timeline-renderer.h"

G_BEGIN_DECLS

#define AWAITLAB_TYPE_TIMELINE_VIEW (awaitlab_timeline_view_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabTimelineView, awaitlab_timeline_view, AWAITLAB, TIMELINE_VIEW, GtkWidget)

GtkWidget         *awaitlab_timeline_view_new             (void);
AwaitlabTimeline  *awaitlab_timeline_view_get_timeline    (AwaitlabTimelineView *self);
void               awaitlab_timeline_view_set_timeline    (AwaitlabTimelineView *self,
                                                           AwaitlabTimeline     *timeline);
AwaitlabTimeRange *awaitlab_timeline_view_get_time_range  (AwaitlabTimelineView *self);
gint64             awaitlab_timeline_view_get_playhead    (AwaitlabTimelineView *self);
void               awaitlab_timeline_view_set_playhead    (AwaitlabTimelineView *self,
                                                           gint64                playhead);
int                awaitlab_timeline_view_get_selected_lane (AwaitlabTimelineView *self);
void               awaitlab_timeline_view_set_selected_lane (AwaitlabTimelineView *self,
                                                           int                   lane);
double             awaitlab_timeline_view_get_scale       (AwaitlabTimelineView *self);
void               awaitlab_timeline_view_set_scale       (AwaitlabTimelineView *self,
                                                           double                scale);
AwaitlabTimelineRenderer *awaitlab_timeline_view_get_renderer (AwaitlabTimelineView *self);
void               awaitlab_timeline_view_set_playhead_position (AwaitlabTimelineView *self,
                                                           gint64                time,
                                                           double                position);
AwaitlabTimeAxis  *awaitlab_timeline_view_get_axis        (AwaitlabTimelineView *self);
AwaitlabAxisMode   awaitlab_timeline_view_get_axis_mode   (AwaitlabTimelineView *self);
void               awaitlab_timeline_view_set_axis_mode   (AwaitlabTimelineView *self,
                                                           AwaitlabAxisMode      mode);

G_END_DECLS
