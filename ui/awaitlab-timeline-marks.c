/* awaitlab-timeline-marks.c
 *
 * Annotations over the lanes: thread injections, lint and deadlock marks,
 * and at the end of a deadlocked run the wait-for cycle between its lanes.
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer-private.h"

void
awaitlab_renderer_draw_marks (AwaitlabTimelineRenderer *self,
                              cairo_t                  *cr,
                              AwaitlabTimeline         *timeline,
                              gint64                    begin,
                              gint64                    end,
                              double                    px_per_unit)
{
  static const AwaitlabColor lint_yellow = { 0.941, 0.894, 0.259 };
  const AwaitlabMark *marks;
  guint n, n_lanes = awaitlab_timeline_get_n_lanes (timeline);
  double s = self->scale;
  double last_x = -100;

  marks = awaitlab_timeline_get_marks (timeline, &n);
  for (guint i = 0; i < n; i++)
    {
      const AwaitlabMark *m = &marks[i];
      double x, y, h;

      if (m->lane >= n_lanes || !lane_shown (self, m->lane))
        continue;
      x = time_x (self, begin, px_per_unit, m->time);
      if (x < self->area_x - 8 || x > self->area_x + self->area_w + 8)
        continue;
      y = g_array_index (self->lane_y, double, m->lane);
      h = g_array_index (self->lane_h, double, m->lane);

      if (m->kind == AWAITLAB_MARK_INJECTION)
        {
          /* A dashed line down the new lane's birth and a "+" badge. */
          const double dash[] = { 3 * s, 3 * s };

          if (fabs (x - last_x) < 1)
            continue;
          last_x = x;

          cairo_set_line_width (cr, 1.5 * s);
          cairo_set_dash (cr, dash, 2, 0);
          set_fg (self, cr, 0.55);
          cairo_move_to (cr, x, self->ruler_h);
          cairo_line_to (cr, x, y + h);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);

          set_fg (self, cr, 0.8);
          cairo_arc (cr, x, y + h / 2, 7 * s, 0, 2 * G_PI);
          cairo_fill (cr);
          if (self->dark)
            cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
          else
            cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_set_line_width (cr, 2 * s);
          cairo_move_to (cr, x - 4 * s, y + h / 2);
          cairo_line_to (cr, x + 4 * s, y + h / 2);
          cairo_move_to (cr, x, y + h / 2 - 4 * s);
          cairo_line_to (cr, x, y + h / 2 + 4 * s);
          cairo_stroke (cr);
        }
      else
        {
          AwaitlabColor c = lint_yellow;

          if (m->kind != AWAITLAB_MARK_LINT)
            awaitlab_palette_deadlock (&c);
          /* A mark at the very start would be cut in half by the lane area's
           * edge: its triangle moves in until it is whole. */
          x = MAX (x, self->area_x + 6 * s + 1);
          set_color (cr, &c, 1);
          cairo_move_to (cr, x, y + 1);
          cairo_line_to (cr, x + 6 * s, y + 11 * s);
          cairo_line_to (cr, x - 6 * s, y + 11 * s);
          cairo_close_path (cr);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
    }
}

void
awaitlab_renderer_draw_cycle (AwaitlabTimelineRenderer *self,
                              cairo_t                  *cr,
                              AwaitlabTimeline         *timeline,
                              gint64                    begin,
                              gint64                    end,
                              double                    px_per_unit)
{
  const guint *cycle;
  guint n, n_lanes = awaitlab_timeline_get_n_lanes (timeline);
  gint64 t_end = awaitlab_timeline_get_end_time (timeline);
  double s = self->scale;
  double x;

  cycle = awaitlab_timeline_get_cycle (timeline, &n);
  if (n == 0 || awaitlab_timeline_get_outcome (timeline) != AWAITLAB_OUTCOME_DEADLOCK)
    return;
  if (self->playhead >= 0 && self->playhead < t_end)
    return;

  x = MIN (pos_x (self, begin, px_per_unit, awaitlab_time_axis_time_to_pos_after (self->cur, t_end)),
           self->area_x + self->area_w - 4 * s);
  cairo_set_line_width (cr, 3 * s);

  /* Outline the blocked span of every lane in the cycle. */
  for (guint i = 0; i < n; i++)
    {
      guint lane = cycle[i];
      double y, h, x0;
      int idx;

      if (lane >= n_lanes || !lane_shown (self, lane))
        continue;
      y = g_array_index (self->lane_y, double, lane);
      h = g_array_index (self->lane_h, double, lane);
      idx = awaitlab_timeline_find_span (timeline, lane, MAX (0, t_end - 1));
      x0 = idx >= 0 ? pos_x (self, begin, px_per_unit,
                             MAX (begin, awaitlab_time_axis_get_spans (self->cur, lane, NULL)[idx].begin))
                    : x - 20 * s;
      x0 = MAX (x0, self->area_x);
      set_palette_color (cr, awaitlab_palette_deadlock);
      cairo_rectangle (cr, x0, y, MAX (x - x0, 4 * s), h);
      cairo_stroke (cr);
    }

  /* The wait-for arrows: each lane waits for the next; one lane waits on itself. */
  for (guint i = 0; i < n; i++)
    {
      guint a = cycle[i], b = cycle[(i + 1) % n];
      double ya, yb, ha, hb;

      if (a >= n_lanes || b >= n_lanes || !lane_shown (self, a) || !lane_shown (self, b))
        continue;
      ya = g_array_index (self->lane_y, double, a);
      ha = g_array_index (self->lane_h, double, a);
      yb = g_array_index (self->lane_y, double, b);
      hb = g_array_index (self->lane_h, double, b);
      set_palette_color (cr, awaitlab_palette_deadlock);

      if (a == b)
        {
          /* A thread waiting on itself: a loop at the end of its lane,
           * coming back down into the blocked span. */
          double r = MAX (8 * s, ha * 0.3);
          /* Inside the lane: above it the loop would cover the ruler's
           * label of the very instant the deadlock happens. */
          double cx = x - r - 4 * s, cy = ya + r + 3 * s;

          cairo_new_sub_path (cr);
          cairo_arc_negative (cr, cx, cy, r, G_PI * 0.05, G_PI * 0.95);
          cairo_stroke (cr);
          awaitlab_renderer_draw_arrow_head (cr, cx - r * cos (G_PI * 0.05), cy + r * sin (G_PI * 0.05) + 4 * s,
                                             G_PI / 2, 9 * s);
        }
      else
        {
          double y0 = ya + ha / 2, y1 = yb + hb / 2;
          double bend = (i % 2 == 0 ? -1 : 1) * 26 * s;

          cairo_move_to (cr, x - 6 * s, y0);
          cairo_curve_to (cr, x + bend, y0, x + bend, y1, x - 6 * s, y1);
          cairo_stroke (cr);
          awaitlab_renderer_draw_arrow_head (cr, x - 6 * s, y1, G_PI, 8 * s);
        }
    }
}
