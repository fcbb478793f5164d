/* awaitlab-time-axis.h
 *
 * Where each moment of a run sits along the timeline. In steps mode every batch
 * of same-time events gets a minimum width (split between its events in the
 * order they happened), long idle stretches are compressed, and real durations
 * keep their length elsewhere; in real mode the axis is virtual time itself.
 * Positions are gint64 "axis units" (one unit is one nanosecond wherever the
 * axis is linear). The window, every export and the bench share this model,
 * like the visible range (AwaitlabTimeRange), which is kept in axis units.
 */

#pragma once

#include <glib-object.h>

#include "awaitlab-timeline.h"

G_BEGIN_DECLS

typedef enum
{
  AWAITLAB_AXIS_STEPS,
  AWAITLAB_AXIS_REAL,
} AwaitlabAxisMode;

/* Where one span or flow lies on the axis (positions, not times). */
typedef struct
{
  gint64 begin;
  gint64 end;
} AwaitlabAxisSpan;

/* A knot of the axis: an instant (n_events > 0) followed by the gap to the
 * next knot. Instants are where the axis is not linear in time. */
typedef struct
{
  gint64  time;
  gint64  pos;          /* where the instant begins */
  gint64  width;        /* its width on the axis (0 in real mode) */
  gint64  gap_time;     /* real length of the gap after it */
  gint64  gap_width;    /* its length on the axis */
  guint   first_event;
  guint   n_events;
  gboolean compressed;  /* the gap is shorter than in real time (a broken axis) */
} AwaitlabAxisKnot;

#define AWAITLAB_TYPE_AXIS_MODE (awaitlab_axis_mode_get_type ())
#define AWAITLAB_TYPE_TIME_AXIS (awaitlab_time_axis_get_type ())

GType awaitlab_axis_mode_get_type (void);

G_DECLARE_FINAL_TYPE (AwaitlabTimeAxis, awaitlab_time_axis, AWAITLAB, TIME_AXIS, GObject)

AwaitlabTimeAxis       *awaitlab_time_axis_new              (AwaitlabAxisMode   mode);
AwaitlabAxisMode        awaitlab_time_axis_get_mode         (AwaitlabTimeAxis  *self);
void                    awaitlab_time_axis_set_mode         (AwaitlabTimeAxis  *self,
                                                             AwaitlabAxisMode   mode);
AwaitlabTimeline       *awaitlab_time_axis_get_timeline     (AwaitlabTimeAxis  *self);
void                    awaitlab_time_axis_set_timeline     (AwaitlabTimeAxis  *self,
                                                             AwaitlabTimeline  *timeline);
gint64                  awaitlab_time_axis_get_length       (AwaitlabTimeAxis  *self);
gint64                  awaitlab_time_axis_time_to_pos      (AwaitlabTimeAxis  *self,
                                                             gint64             time);
gint64                  awaitlab_time_axis_time_to_pos_after (AwaitlabTimeAxis *self,
                                                             gint64             time);
gint64                  awaitlab_time_axis_event_to_pos     (AwaitlabTimeAxis  *self,
                                                             guint              event_index);
gint64                  awaitlab_time_axis_event_to_pos_after (AwaitlabTimeAxis *self,
                                                             guint              event_index);
double                  awaitlab_time_axis_pos_to_event     (AwaitlabTimeAxis  *self,
                                                             gint64             pos);
gint64                  awaitlab_time_axis_pos_to_time      (AwaitlabTimeAxis  *self,
                                                             gint64             pos);
const AwaitlabAxisSpan *awaitlab_time_axis_get_spans        (AwaitlabTimeAxis  *self,
                                                             guint              lane,
                                                             guint             *n_spans);
gint64                  awaitlab_time_axis_get_lane_max_span (AwaitlabTimeAxis *self,
                                                             guint              lane);
const AwaitlabAxisSpan *awaitlab_time_axis_get_flows        (AwaitlabTimeAxis  *self,
                                                             guint             *n_flows);
const AwaitlabAxisKnot *awaitlab_time_axis_get_knots        (AwaitlabTimeAxis  *self,
                                                             guint             *n_knots);
guint                   awaitlab_time_axis_find_knot        (AwaitlabTimeAxis  *self,
                                                             gint64             pos);
const char             *awaitlab_axis_mode_to_string        (AwaitlabAxisMode   mode);
gboolean                awaitlab_axis_mode_from_string      (const char        *str,
                                                             AwaitlabAxisMode  *mode);

G_END_DECLS
