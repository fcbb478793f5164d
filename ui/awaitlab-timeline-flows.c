/* awaitlab-timeline-flows.c
 *
 * Hand-offs: the arrow from where a continuation was scheduled to the thread
 * that runs it, its wait in a queue, and the "posted, never run" pill of a
 * continuation that a blocked thread never picks up.
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer-private.h"

void
awaitlab_renderer_draw_arrow_head (cairo_t *cr,
                                   double   x,
                                   double   y,
                                   double   angle,
                                   double   size)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - size * cos (angle - 0.45), y - size * sin (angle - 0.45));
  cairo_line_to (cr, x - size * cos (angle + 0.45), y - size * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* From the middle of the lane that scheduled the continuation (over the bar
 * that completed the task) to the edge of the lane that runs it. */
static void
flow_endpoints (AwaitlabTimelineRenderer *self,
                const AwaitlabFlow       *f,
                double                   *y0,
                double                   *y1)
{
  double ya = g_array_index (self->lane_y, double, f->from_lane);
  double ha = g_array_index (self->lane_h, double, f->from_lane);
  double yb = g_array_index (self->lane_y, double, f->to_lane);
  double hb = g_array_index (self->lane_h, double, f->to_lane);

  if (yb > ya)
    *y0 = ya + ha / 2, *y1 = yb;
  else if (yb < ya)
    *y0 = ya + ha / 2, *y1 = yb + hb;
  else
    *y0 = ya + ha * 0.15, *y1 = yb + hb * 0.15;
}

static const AwaitlabColor flow_colors[] = {
  [AWAITLAB_FLOW_QUEUED] = { 0.800, 0.475, 0.655 },  /* reddish purple */
  [AWAITLAB_FLOW_POSTED] = { 0.000, 0.620, 0.451 },  /* bluish green */
  [AWAITLAB_FLOW_INLINE] = { 0.45, 0.45, 0.45 },
};

const AwaitlabColor *
awaitlab_renderer_flow_color (AwaitlabFlowKind kind)
{
  return &flow_colors[MIN (kind, AWAITLAB_FLOW_INLINE)];
}

/* One hand-off: a dot where the continuation was scheduled, a drop to the
 * lane that will run it, a dashed stretch along that lane's edge while it
 * waits in the queue, and a head where the thread picks it up. */
static void
path_flow (AwaitlabTimelineRenderer *self,
           cairo_t                  *cr,
           double                    x0,
           double                    y0,
           double                    x1,
           double                    y1,
           gboolean                  waits)
{
  double s = self->scale;
  double drop = MIN (x1 - x0, 18 * s);

  cairo_move_to (cr, x0, y0);
  if (y0 == y1)
    cairo_curve_to (cr, x0, y0 - 16 * s, x1, y1 - 16 * s, x1, y1);
  else if (!waits)
    cairo_curve_to (cr, x0, (y0 + y1) / 2, x1, (y0 + y1) / 2, x1, y1);
  else
    cairo_curve_to (cr, x0, (y0 + y1) / 2, x0 + drop / 2, y1, x0 + drop, y1);
}

static void
stroke_with_halo (AwaitlabTimelineRenderer *self,
                  cairo_t                  *cr,
                  const AwaitlabColor      *color,
                  double                    width)
{
  /* A halo in the background colour keeps the arrow readable over spans. */
  if (self->dark)
    cairo_set_source_rgba (cr, 0.118, 0.118, 0.118, 0.85);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, width + 3 * self->scale);
  cairo_stroke_preserve (cr);
  set_color (cr, color, 1);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
draw_one_flow (AwaitlabTimelineRenderer *self,
               cairo_t                  *cr,
               const AwaitlabFlow       *f,
               double                    x0,
               double                    x1,
               gboolean                  arrived,
               gboolean                  bold)
{
  const AwaitlabColor *color = &flow_colors[MIN (f->kind, AWAITLAB_FLOW_INLINE)];
  double s = self->scale, y0, y1, w = (bold ? 4 : 1.6) * s;
  gboolean waits = f->from_lane != f->to_lane && x1 - x0 > 24 * s;

  flow_endpoints (self, f, &y0, &y1);

  path_flow (self, cr, x0, y0, x1, y1, waits);
  stroke_with_halo (self, cr, color, w);

  if (waits)
    {
      /* Waiting in the queue: dashed along the target lane's edge. */
      const double dash[] = { 6 * s, 4 * s };

      cairo_move_to (cr, x0 + MIN (x1 - x0, 18 * s), y1);
      cairo_line_to (cr, x1, y1);
      cairo_set_dash (cr, dash, 2, 0);
      stroke_with_halo (self, cr, color, w * 0.8);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  set_color (cr, color, 1);
  cairo_arc (cr, x0, y0, (bold ? 4.5 : 2.5) * s, 0, 2 * G_PI);
  cairo_fill (cr);

  if (arrived)
    {
      double angle = y1 > y0 ? G_PI / 2 : y1 < y0 ? -G_PI / 2 : G_PI / 2;

      if (waits)
        angle = y1 > y0 ? G_PI / 2 + 0.0 : -G_PI / 2;
      awaitlab_renderer_draw_arrow_head (cr, x1, y1 + (angle > 0 ? 2 : -2) * s, angle, (bold ? 13 : 7) * s);
    }
}

/* The left edge of the first mark (a thread injection's badge) on @lane
 * between @x_min and @x, or @x when there is none: the pill stops short of it. */
static double
clear_of_marks (AwaitlabTimelineRenderer *self,
                AwaitlabTimeline         *timeline,
                guint                     lane,
                gint64                    begin,
                double                    px_per_unit,
                double                    x_min,
                double                    x)
{
  const AwaitlabMark *marks;
  double left = x;
  guint n;

  marks = awaitlab_timeline_get_marks (timeline, &n);
  for (guint i = 0; i < n; i++)
    {
      double mx;

      if (marks[i].lane != lane)
        continue;
      mx = time_x (self, begin, px_per_unit, marks[i].time) - 9 * self->scale;
      if (mx >= x_min && mx < left)
        left = mx;
    }
  return left;
}

/* A continuation posted to a thread that never ran it (the UI thread blocked
 * on the very task: the classic deadlock) says so, in a pill in the lane
 * that posted it, left of the dot where it was posted: inside that lane, so
 * it covers neither the blocked lane's edge (and the deadlock's outline along
 * it) nor the badges and labels next to it. */
static void
draw_never_run (AwaitlabTimelineRenderer *self,
                cairo_t                  *cr,
                AwaitlabTimeline         *timeline,
                const AwaitlabFlow       *f,
                gint64                    begin,
                double                    px_per_unit,
                double                    x0)
{
  double s = self->scale, y0, y1, bx, by, r, bw, right;
  double ly = g_array_index (self->lane_y, double, f->from_lane);
  double lh = g_array_index (self->lane_h, double, f->from_lane);
  int w, h;

  flow_endpoints (self, f, &y0, &y1);
  pango_layout_set_font_description (self->layout, self->bold_font);
  pango_layout_set_text (self->layout, _("posted, never run"), -1);
  pango_layout_set_width (self->layout, -1);
  pango_layout_get_pixel_size (self->layout, &w, &h);
  /* A lane thinner than the pill: smaller type keeps it inside the lane (the
   * lane below is another thread's), down to a size still readable. */
  if (f->from_lane != f->to_lane && h + 6 * s > lh - 2 * s && h > 0)
    {
      g_autoptr(PangoFontDescription) small = pango_font_description_copy (self->bold_font);
      double factor = MAX (0.6, (lh - 2 * s - 6 * s) / h);

      int size = (int) (pango_font_description_get_size (small) * factor);

      if (pango_font_description_get_size_is_absolute (small))
        pango_font_description_set_absolute_size (small, size);
      else
        pango_font_description_set_size (small, size);
      pango_layout_set_font_description (self->layout, small);
      pango_layout_get_pixel_size (self->layout, &w, &h);
    }

  bw = w + 12 * s;
  r = (h + 6 * s) / 2;
  right = x0 - 8 * s;
  if (f->from_lane != f->to_lane)
    {
      right = clear_of_marks (self, timeline, f->from_lane, begin, px_per_unit,
                              right - bw - 30 * s, right) - 4 * s;
      by = ly + lh / 2 - r;
      /* A lane too thin for it: under the lane, still off the target's edge. */
      if (2 * r > lh)
        by = ly + lh + 2 * s;
    }
  else
    by = y1 - h / 2.0 - 3 * s;
  bx = MAX (self->area_x + 2 * s, right - bw);

  cairo_new_sub_path (cr);
  cairo_arc (cr, bx + r, by + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, bx + bw - r, by + r, r, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  if (self->dark)
    cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  set_color (cr, awaitlab_renderer_flow_color (f->kind), 1);
  cairo_set_line_width (cr, 2 * s);
  cairo_stroke (cr);
  set_fg (self, cr, 0.9);
  cairo_move_to (cr, bx + 6 * s, by + 3 * s);
  pango_cairo_show_layout (cr, self->layout);
}

/* Continuation arrows. When more than a few hundred are in view they are a
 * smear, not information: then only the selected thread's are drawn, thin.
 * A few are the lesson: drawn thick, with a halo, readable from the back of
 * a room. */
/* Many arrows: one path per kind, stroked once, thin, as before the lesson
 * needed them big (cairo's cost is per stroke far more than per segment). */
static void
draw_flows_batched (AwaitlabTimelineRenderer *self,
                    cairo_t                  *cr,
                    const AwaitlabFlow       *flows,
                    const double             *xs,
                    const guint              *index,
                    guint                     n,
                    double                    limit_x)
{
  double s = self->scale;

  cairo_set_line_width (cr, 1.6 * s);
  for (guint kind = 0; kind <= AWAITLAB_FLOW_INLINE; kind++)
    {
      guint drawn = 0;

      for (guint k = 0; k < n; k++)
        {
          const AwaitlabFlow *f = &flows[index[k]];
          double y0, y1;

          if (f->kind != kind)
            continue;
          flow_endpoints (self, f, &y0, &y1);
          path_flow (self, cr, xs[2 * k], y0, xs[2 * k + 1], y1, FALSE);
          drawn++;
        }
      if (drawn == 0)
        continue;
      set_color (cr, &flow_colors[kind], 0.95);
      cairo_stroke (cr);

      for (guint k = 0; k < n; k++)
        {
          const AwaitlabFlow *f = &flows[index[k]];
          double y0, y1;

          if (f->kind != kind)
            continue;
          flow_endpoints (self, f, &y0, &y1);
          cairo_new_sub_path (cr);
          cairo_arc (cr, xs[2 * k], y0, 2.5 * s, 0, 2 * G_PI);
          cairo_close_path (cr);
          if (xs[2 * k + 1] <= limit_x)
            {
              double angle = y1 >= y0 ? G_PI / 2 : -G_PI / 2, size = 7 * s, x1 = xs[2 * k + 1];

              cairo_move_to (cr, x1, y1);
              cairo_line_to (cr, x1 - size * cos (angle - 0.45), y1 - size * sin (angle - 0.45));
              cairo_line_to (cr, x1 - size * cos (angle + 0.45), y1 - size * sin (angle + 0.45));
              cairo_close_path (cr);
            }
        }
      cairo_fill (cr);
    }
}

/* Continuation arrows. A few are the lesson: drawn thick, with a halo,
 * readable from the back of a room, the waiting in a queue dashed. Dozens are
 * drawn thin in one go; more than a few hundred are a smear, not
 * information: then only the selected thread's are drawn. */
void
awaitlab_renderer_draw_flows (AwaitlabTimelineRenderer *self,
                              cairo_t                  *cr,
                              AwaitlabTimeline         *timeline,
                              gint64                    begin,
                              gint64                    end,
                              double                    px_per_unit)
{
  const guint max_flows = (guint)MAX (200, self->area_w / 4);
  const AwaitlabFlow *flows;
  const AwaitlabAxisSpan *fpos;
  guint n, first, last, count = 0, n_lanes = awaitlab_timeline_get_n_lanes (timeline);
  gint64 play = awaitlab_renderer_playhead_pos (self);
  gint64 limit = play >= 0 ? MIN (end, play) : end;
  double limit_x = pos_x (self, begin, px_per_unit, limit) + 0.5;
  gboolean only_selected;
  g_autofree guint *index = NULL;
  g_autofree double *xs = NULL;

  flows = awaitlab_timeline_get_flows (timeline, &n);
  fpos = awaitlab_time_axis_get_flows (self->cur, &n);

  /* Flows are sorted by origin; a continuation rarely travels far, so look
   * back one view width for arrows entering from the left. */
  first = awaitlab_renderer_lower_bound (fpos, n, begin - (end - begin));
  last = awaitlab_renderer_lower_bound (fpos, n, limit + 1);

  only_selected = (last - first) > max_flows;
  if (only_selected && self->selected < 0)
    return;

  index = g_new (guint, MIN (last - first, max_flows) + 1);
  xs = g_new (double, 2 * (MIN (last - first, max_flows) + 1));
  for (guint i = first; i < last && count < max_flows; i++)
    {
      const AwaitlabFlow *f = &flows[i];
      gboolean never = fpos[i].end == G_MAXINT64;
      gint64 to = never ? (play >= 0 ? play : end) : fpos[i].end;

      if (to < begin || f->from_lane >= n_lanes || f->to_lane >= n_lanes ||
          !lane_shown (self, f->from_lane) || !lane_shown (self, f->to_lane))
        continue;
      if (only_selected && (int)f->from_lane != self->selected && (int)f->to_lane != self->selected)
        continue;

      xs[2 * count] = pos_x (self, begin, px_per_unit, fpos[i].begin);
      xs[2 * count + 1] = pos_x (self, begin, px_per_unit, MIN (to, end));
      if (never)
        xs[2 * count + 1] = MIN (MAX (xs[2 * count + 1], xs[2 * count] + 40 * self->scale),
                                 self->area_x + self->area_w + 4 * self->scale);
      index[count++] = i;
    }

  if (count > 40)
    {
      draw_flows_batched (self, cr, flows, xs, index, count, limit_x);
      return;
    }

  for (guint k = 0; k < count; k++)
    {
      const AwaitlabFlow *f = &flows[index[k]];
      gboolean never = fpos[index[k]].end == G_MAXINT64;

      draw_one_flow (self, cr, f, xs[2 * k], xs[2 * k + 1], !never && xs[2 * k + 1] <= limit_x, TRUE);
    }
}

/* The labels of continuations that never ran go on top of everything (the
 * deadlock's red outline runs along the same lane edge). */
void
awaitlab_renderer_draw_never_run_labels (AwaitlabTimelineRenderer *self,
                                         cairo_t                  *cr,
                                         AwaitlabTimeline         *timeline,
                                         gint64                    begin,
                                         gint64                    end,
                                         double                    px_per_unit)
{
  const AwaitlabFlow *flows;
  const AwaitlabAxisSpan *fpos;
  const guint *never;
  guint n, n_never, shown = 0, n_lanes = awaitlab_timeline_get_n_lanes (timeline);
  gint64 play = awaitlab_renderer_playhead_pos (self);

  flows = awaitlab_timeline_get_flows (timeline, &n);
  fpos = awaitlab_time_axis_get_flows (self->cur, &n);
  never = awaitlab_time_axis_get_never_run (self->cur, &n_never);
  for (guint k = 0; k < n_never && shown < 8; k++)
    {
      guint i = never[k];

      if (fpos[i].begin < begin || fpos[i].begin > end ||
          (play >= 0 && fpos[i].begin > play) ||
          flows[i].from_lane >= n_lanes || flows[i].to_lane >= n_lanes ||
          !lane_shown (self, flows[i].from_lane) || !lane_shown (self, flows[i].to_lane))
        continue;
      draw_never_run (self, cr, timeline, &flows[i], begin, px_per_unit,
                      pos_x (self, begin, px_per_unit, fpos[i].begin));
      shown++;
    }
}
