/* awaitlab-timeline-hit.c
 *
 * What lies under a point: a lane, a span (instants get a few pixels of
 * slack so a click finds them) or a counter.
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer-private.h"

/* The span of a thread lane under @p, giving instants a few pixels of slack
 * either side so a click finds them however narrow they are drawn. */
static int
find_span_at (const AwaitlabSpan     *spans,
              const AwaitlabAxisSpan *pos,
              guint                   n,
              gint64                  p,
              gint64                  slack)
{
  guint i = awaitlab_renderer_lower_bound (pos, n, p + slack + 1);
  int best = -1;
  gint64 best_d = G_MAXINT64;

  for (guint tries = 0; i-- > 0 && tries < 64; tries++)
    {
      gint64 d = p < pos[i].begin ? pos[i].begin - p : p > pos[i].end ? p - pos[i].end : 0;

      if (pos[i].end + slack < p && pos[i].end < p - slack)
        break;
      if (spans[i].state == AWAITLAB_SPAN_EXITED)
        continue;
      /* Inside a span beats near one; an instant near the point beats idle. */
      if (is_instant (&spans[i]) && d <= slack)
        d = 0;
      else if (d == 0 && spans[i].state == AWAITLAB_SPAN_IDLE)
        d = 1;
      if (d < best_d || (d == best_d && d <= 1 && is_instant (&spans[i])))
        {
          best = i;
          best_d = d;
        }
    }
  return best_d <= slack ? best : -1;
}

gboolean
awaitlab_timeline_renderer_hit_test (AwaitlabTimelineRenderer *self,
                                     AwaitlabTimeline         *timeline,
                                     gint64                    begin,
                                     gint64                    end,
                                     double                    width,
                                     double                    height,
                                     double                    x,
                                     double                    y,
                                     AwaitlabTimelineHit      *hit)
{
  guint n_lanes;
  double px_per_unit;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  self->cur = awaitlab_renderer_axis_for (self, timeline);
  hit->lane = hit->span = hit->counter = -1;
  hit->pos = awaitlab_timeline_renderer_x_to_pos (self, begin, end, width, x);
  hit->time = awaitlab_time_axis_pos_to_time (self->cur, hit->pos);

  if (timeline == NULL || end <= begin)
    return FALSE;

  awaitlab_renderer_compute_layout (self, timeline, width, height);
  px_per_unit = self->area_w / (double)(end - begin);
  n_lanes = awaitlab_timeline_get_n_lanes (timeline);

  for (guint i = 0; i < n_lanes; i++)
    {
      double ly = g_array_index (self->lane_y, double, i);
      double lh = g_array_index (self->lane_h, double, i);
      const AwaitlabSpan *spans;
      const AwaitlabAxisSpan *pos;
      guint n;
      /* A few pixels of slack so narrow spans can still be picked. */
      gint64 slack = (gint64)(4.0 * self->scale / px_per_unit);

      if (y < ly || y >= ly + lh)
        continue;

      hit->lane = i;
      if (x < self->area_x)
        return TRUE;
      /* A hidden future has nothing to point at (no spoiling tooltips). */
      if (self->hide_future && self->playhead >= 0 && hit->time > self->playhead)
        return TRUE;

      spans = awaitlab_timeline_get_spans (timeline, i, &n);
      pos = awaitlab_time_axis_get_spans (self->cur, i, NULL);
      if (awaitlab_timeline_get_lane_kind (timeline, i) == AWAITLAB_LANE_ASYNC)
        {
          guint rows = MAX (2, awaitlab_timeline_get_lane_rows (timeline, i));
          guint row = (guint)((y - ly) / (lh / rows));
          guint tries = 0;

          for (guint s = awaitlab_renderer_lower_bound (pos, n, hit->pos + slack); s-- > 0 && tries < 4096; tries++)
            if (spans[s].row == row && pos[s].end + slack >= hit->pos)
              {
                hit->span = s;
                break;
              }
        }
      else
        hit->span = find_span_at (spans, pos, n, hit->pos, slack);
      return TRUE;
    }

  if (self->show_counters && y >= self->counters_y)
    {
      int c = (int)((y - self->counters_y) / self->counter_h);

      if (c < (int)awaitlab_timeline_get_n_counters (timeline))
        hit->counter = c;
    }

  return hit->counter >= 0;
}
