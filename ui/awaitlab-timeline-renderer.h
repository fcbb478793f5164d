/* awaitlab-timeline-renderer.h
 *
 * One Cairo renderer for the timeline: the widget, the screenshots, the picture
 * and video exports and the bench all draw through it onto any cairo_t. It knows
 * AwaitlabTimeline, cairo and Pango only — no GTK — so exports work headless.
 */

#pragma once

#include <cairo.h>

#include "awaitlab-palette.h"
#include "awaitlab-timeline.h"
#include "awaitlab-time-axis.h"

G_BEGIN_DECLS

typedef struct _AwaitlabTimelineRenderer AwaitlabTimelineRenderer;

typedef struct
{
  int    lane;          /* -1 = none (ruler, counters, empty space) */
  int    span;          /* index into the lane's spans, -1 = none */
  int    counter;       /* -1 = none */
  gint64 time;          /* virtual time under the point */
  gint64 pos;           /* axis position under the point */
} AwaitlabTimelineHit;

AwaitlabTimelineRenderer *awaitlab_timeline_renderer_new            (void);
void                      awaitlab_timeline_renderer_free           (AwaitlabTimelineRenderer  *self);

void                      awaitlab_timeline_renderer_set_dark       (AwaitlabTimelineRenderer  *self,
                                                                     gboolean                   dark);
void                      awaitlab_timeline_renderer_set_scale      (AwaitlabTimelineRenderer  *self,
                                                                     double                     scale);
double                    awaitlab_timeline_renderer_get_scale      (AwaitlabTimelineRenderer  *self);
void                      awaitlab_timeline_renderer_set_playhead   (AwaitlabTimelineRenderer  *self,
                                                                     gint64                     playhead);
void                      awaitlab_timeline_renderer_set_playhead_position (AwaitlabTimelineRenderer *self,
                                                                     double                     position);
void                      awaitlab_timeline_renderer_set_axis       (AwaitlabTimelineRenderer  *self,
                                                                     AwaitlabTimeAxis          *axis);
AwaitlabTimeAxis         *awaitlab_timeline_renderer_get_axis       (AwaitlabTimelineRenderer  *self);
void                      awaitlab_timeline_renderer_set_use_summaries (AwaitlabTimelineRenderer *self,
                                                                     gboolean                   use);
void                      awaitlab_timeline_renderer_set_selected   (AwaitlabTimelineRenderer  *self,
                                                                     int                        lane);
void                      awaitlab_timeline_renderer_set_hover      (AwaitlabTimelineRenderer  *self,
                                                                     int                        lane,
                                                                     int                        span);
void                      awaitlab_timeline_renderer_set_show_counters (AwaitlabTimelineRenderer *self,
                                                                     gboolean                   show);
void                      awaitlab_timeline_renderer_set_show_flows (AwaitlabTimelineRenderer  *self,
                                                                     gboolean                   show);
void                      awaitlab_timeline_renderer_set_show_outcome (AwaitlabTimelineRenderer *self,
                                                                     gboolean                   show);

void                      awaitlab_timeline_renderer_set_lanes_shown (AwaitlabTimelineRenderer *self,
                                                                      const gboolean           *shown,
                                                                      guint                     n_lanes);
void                      awaitlab_timeline_renderer_set_hide_future (AwaitlabTimelineRenderer *self,
                                                                      gboolean                  hide);
double                    awaitlab_timeline_renderer_get_natural_height (AwaitlabTimelineRenderer *self,
                                                                     AwaitlabTimeline          *timeline);
double                    awaitlab_timeline_renderer_get_label_width (AwaitlabTimelineRenderer *self);
void                      awaitlab_timeline_renderer_draw           (AwaitlabTimelineRenderer  *self,
                                                                     cairo_t                   *cr,
                                                                     AwaitlabTimeline          *timeline,
                                                                     gint64                     begin,
                                                                     gint64                     end,
                                                                     double                     width,
                                                                     double                     height);
void                      awaitlab_timeline_renderer_draw_legend    (AwaitlabTimelineRenderer  *self,
                                                                     cairo_t                   *cr,
                                                                     double                     width,
                                                                     double                     height);
gboolean                  awaitlab_timeline_renderer_hit_test       (AwaitlabTimelineRenderer  *self,
                                                                     AwaitlabTimeline          *timeline,
                                                                     gint64                     begin,
                                                                     gint64                     end,
                                                                     double                     width,
                                                                     double                     height,
                                                                     double                     x,
                                                                     double                     y,
                                                                     AwaitlabTimelineHit       *hit);
gint64                    awaitlab_timeline_renderer_x_to_pos       (AwaitlabTimelineRenderer  *self,
                                                                     gint64                     begin,
                                                                     gint64                     end,
                                                                     double                     width,
                                                                     double                     x);
gint64                    awaitlab_timeline_renderer_x_to_time      (AwaitlabTimelineRenderer  *self,
                                                                     gint64                     begin,
                                                                     gint64                     end,
                                                                     double                     width,
                                                                     double                     x);
double                    awaitlab_timeline_renderer_time_to_x      (AwaitlabTimelineRenderer  *self,
                                                                     gint64                     begin,
                                                                     gint64                     end,
                                                                     double                     width,
                                                                     gint64                     time);

const char               *awaitlab_span_state_name                  (AwaitlabSpanState          state);
char                     *awaitlab_format_time                      (gint64                     ns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwaitlabTimelineRenderer, awaitlab_timeline_renderer_free)

G_END_DECLS
