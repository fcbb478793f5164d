/* awaitlab-timeline-ruler.c
 *
 * The ruler (real times, the instants of the step axis and the marks where it
 * is broken) and the playhead with its time badge.
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer-private.h"

static void
nice_step (gint64  range,
           double  width_px,
           double  min_px,
           gint64 *step)
{
  static const int mult[] = { 1, 2, 5 };
  gint64 base = 1;

  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (mult); i++)
        {
          gint64 s = base * mult[i];

          if ((double)s / (double)range * width_px >= min_px)
            {
              *step = s;
              return;
            }
        }
      if (base > G_MAXINT64 / 100)
        {
          *step = base;
          return;
        }
      base *= 10;
    }
}

/* A broken-axis mark: two short slanted strokes across the ruler's base line,
 * as in a chart whose axis skips a stretch. */
static void
draw_break_mark (AwaitlabTimelineRenderer *self,
                 cairo_t                  *cr,
                 double                    x)
{
  double s = self->scale, y = self->ruler_h - 4 * s;

  set_background (self, cr);
  cairo_rectangle (cr, x - 4 * s, y - 6 * s, 8 * s, 12 * s);
  cairo_fill (cr);
  set_fg (self, cr, 0.7);
  cairo_set_line_width (cr, 1.5 * s);
  for (int i = -1; i <= 1; i += 2)
    {
      cairo_move_to (cr, x + i * 2.5 * s - 3 * s, y + 6 * s);
      cairo_line_to (cr, x + i * 2.5 * s + 3 * s, y - 6 * s);
    }
  cairo_stroke (cr);
}

/* Steps mode: each instant is a tinted band on the ruler (no time passes
 * across it) and each compressed gap gets a broken-axis mark. Only drawn
 * when the knots in view are few enough to tell apart. */
static gboolean
overlaps (GArray *taken,
          double  x0,
          double  x1)
{
  for (guint i = 0; i + 1 < taken->len; i += 2)
    if (x0 < g_array_index (taken, double, i + 1) && x1 > g_array_index (taken, double, i))
      return TRUE;
  return FALSE;
}

/* Where the playhead's time badge lies across the ruler (from *x0 to *x1,
 * its label @label @w pixels wide); FALSE when the playhead is out of view. */
static gboolean
badge_span (AwaitlabTimelineRenderer *self,
            gint64                    begin,
            gint64                    end,
            double                    px_per_unit,
            double                   *x0,
            double                   *x1,
            int                      *w,
            int                      *h)
{
  g_autofree char *label = NULL;
  gint64 pos = awaitlab_renderer_playhead_pos (self);
  double x, s = self->scale;

  if (self->playhead < 0 || pos < begin || pos > end)
    return FALSE;
  x = round (pos_x (self, begin, px_per_unit, pos)) + 0.5;
  label = awaitlab_format_time (self->playhead);
  pango_layout_set_font_description (self->layout, self->bold_font);
  pango_layout_set_text (self->layout, label, -1);
  pango_layout_set_width (self->layout, -1);
  pango_layout_get_pixel_size (self->layout, w, h);
  *x0 = CLAMP (x - *w / 2.0 - 6 * s, self->area_x, self->area_x + self->area_w - *w - 12 * s);
  *x1 = *x0 + *w + 12 * s;
  return TRUE;
}

static void
draw_ruler_steps (AwaitlabTimelineRenderer *self,
                  cairo_t                  *cr,
                  gint64                    begin,
                  gint64                    end,
                  double                    px_per_unit,
                  GArray                   *taken)
{
  double last_label = -1e9;
  const AwaitlabAxisKnot *k;
  guint n, first, last;
  double s = self->scale;

  k = awaitlab_time_axis_get_knots (self->cur, &n);
  if (n == 0)
    return;
  first = awaitlab_time_axis_find_knot (self->cur, begin);
  last = awaitlab_time_axis_find_knot (self->cur, end);
  if (last - first > self->area_w / 3)
    return;

  for (guint i = first; i <= last && i < n; i++)
    {
      double x0 = pos_x (self, begin, px_per_unit, k[i].pos);
      double x1 = pos_x (self, begin, px_per_unit, k[i].pos + k[i].width);

      if (k[i].width > 0 && x1 - x0 >= 2)
        {
          cairo_set_source_rgba (cr, 0.208, 0.518, 0.894, self->dark ? 0.35 : 0.22);
          cairo_rectangle (cr, MAX (x0, self->area_x), self->ruler_h - 8 * s,
                           MIN (x1, self->area_x + self->area_w) - MAX (x0, self->area_x), 8 * s);
          cairo_fill (cr);

          /* The instant's time, where there is room for it. */
          if (x0 >= self->area_x - 1 && x0 >= last_label)
            {
              g_autofree char *label = awaitlab_format_time (k[i].time);
              int w;

              pango_layout_set_font_description (self->layout, self->bold_font);
              pango_layout_set_text (self->layout, label, -1);
              pango_layout_set_width (self->layout, -1);
              pango_layout_get_pixel_size (self->layout, &w, NULL);
              if (x0 + w + 3 * s <= self->area_x + self->area_w + 8 * s &&
                  !overlaps (taken, x0 + 3 * s, x0 + 3 * s + w))
                {
                  double lx = x0 + 3 * s;

                  set_fg (self, cr, 0.8);
                  awaitlab_renderer_show_text (self, cr, label, lx, 3 * s, -1, TRUE, FALSE);
                  last_label = lx + w + 10 * s;
                  g_array_append_val (taken, lx);
                  g_array_append_val (taken, last_label);
                  set_fg (self, cr, 0.5);
                  cairo_set_line_width (cr, 1);
                  cairo_move_to (cr, floor (x0) + 0.5, 2 * s);
                  cairo_line_to (cr, floor (x0) + 0.5, self->ruler_h);
                  cairo_stroke (cr);
                }
            }
        }
      if (k[i].compressed)
        {
          double g0 = x1, g1 = pos_x (self, begin, px_per_unit, k[i].pos + k[i].width + k[i].gap_width);
          double xm = (g0 + g1) / 2;

          if (xm >= self->area_x && xm <= self->area_x + self->area_w && g1 - g0 >= 12 * s)
            draw_break_mark (self, cr, xm);
        }
    }
}

/* Real times on the ruler. The axis is not linear in steps mode, so ticks are
 * chosen in time, placed through the axis, and a label is only drawn where it
 * does not run into the previous one. */
void
awaitlab_renderer_draw_ruler (AwaitlabTimelineRenderer *self,
                              cairo_t                  *cr,
                              gint64                    begin,
                              gint64                    end,
                              double                    px_per_unit,
                              double                    height)
{
  gint64 t_begin = awaitlab_time_axis_pos_to_time (self->cur, begin);
  gint64 t_end = awaitlab_time_axis_pos_to_time (self->cur, end);
  gboolean steps = awaitlab_time_axis_get_mode (self->cur) == AWAITLAB_AXIS_STEPS;
  double last_label = -1e9, last_tick = -1e9;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 step, first;
  guint count = 0;

  if (t_end <= t_begin)
    t_end = t_begin + 1;
  nice_step (t_end - t_begin, self->area_w, (steps ? 60 : 90) * self->scale, &step);
  first = t_begin - (t_begin % step);
  if (first < t_begin)
    first += step;

  /* Spoiler-free: no ticks (nor instants) right of the playhead. */
  if (self->hide_future && self->playhead >= 0 && self->playhead < t_end)
    {
      t_end = MAX (t_begin, self->playhead);
      end = MAX (begin, MIN (end, awaitlab_renderer_playhead_pos (self)));
    }
  /* The playhead's badge covers the ruler where it is: no label goes under
   * it (the badge says the time there). */
  {
    double b0, b1;
    int bw, bh;

    if (badge_span (self, begin, end, px_per_unit, &b0, &b1, &bw, &bh))
      {
        b0 -= 4 * self->scale;
        g_array_append_val (taken, b0);
        g_array_append_val (taken, b1);
      }
  }
  /* Instants first: their times are the ones a lesson talks about. */
  if (steps)
    draw_ruler_steps (self, cr, begin, end, px_per_unit, taken);

  cairo_set_line_width (cr, 1);
  for (gint64 t = first; t <= t_end && count < 400; t += step, count++)
    {
      double x = floor (time_x (self, begin, px_per_unit, t)) + 0.5;
      g_autofree char *label = NULL;
      int w;

      if (x < self->area_x || x - last_tick < 4)
        continue;
      last_tick = x;

      set_fg (self, cr, 0.07);
      cairo_move_to (cr, x, self->ruler_h);
      cairo_line_to (cr, x, height);
      cairo_stroke (cr);

      set_fg (self, cr, 0.35);
      cairo_move_to (cr, x, self->ruler_h - 7 * self->scale);
      cairo_line_to (cr, x, self->ruler_h);
      cairo_stroke (cr);

      label = awaitlab_format_time (t);
      pango_layout_set_font_description (self->layout, self->font);
      pango_layout_set_text (self->layout, label, -1);
      pango_layout_get_pixel_size (self->layout, &w, NULL);
      if (x + 3 * self->scale < last_label || x + w > self->area_x + self->area_w + 8 * self->scale ||
          overlaps (taken, x, x + w + 8 * self->scale))
        continue;
      set_fg (self, cr, awaitlab_palette_text_alpha (AWAITLAB_TEXT_SECONDARY));
      awaitlab_renderer_show_text (self, cr, label, x + 3 * self->scale, 5 * self->scale, -1, FALSE, FALSE);
      last_label = x + 3 * self->scale + w + 8 * self->scale;
    }

  set_fg (self, cr, 0.15);
  cairo_move_to (cr, self->area_x, self->ruler_h - 0.5);
  cairo_line_to (cr, self->area_x + self->area_w, self->ruler_h - 0.5);
  cairo_stroke (cr);
}

void
awaitlab_renderer_draw_playhead (AwaitlabTimelineRenderer *self,
                                 cairo_t                  *cr,
                                 gint64                    begin,
                                 gint64                    end,
                                 double                    px_per_unit,
                                 double                    height)
{
  double x, s = self->scale;
  gint64 pos = awaitlab_renderer_playhead_pos (self);
  int w, h;

  if (pos < begin || pos > end)
    return;

  x = round (pos_x (self, begin, px_per_unit, pos)) + 0.5;
  set_palette_color (cr, awaitlab_palette_playhead);
  cairo_set_line_width (cr, 2 * s);
  cairo_move_to (cr, x, self->ruler_h);
  cairo_line_to (cr, x, height);
  cairo_stroke (cr);

  {
    double bx, bx1;
    double by = 3 * s, bw, bh = self->ruler_h - 6 * s, r = bh / 2;

    /* (Also sets the layout to the badge's label.) */
    if (!badge_span (self, begin, end, px_per_unit, &bx, &bx1, &w, &h))
      return;
    bw = bx1 - bx;

    cairo_new_sub_path (cr);
    cairo_arc (cr, bx + r, by + r, r, G_PI / 2, 3 * G_PI / 2);
    cairo_arc (cr, bx + bw - r, by + r, r, -G_PI / 2, G_PI / 2);
    cairo_close_path (cr);
    set_palette_color (cr, awaitlab_palette_playhead);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_move_to (cr, bx + 6 * s, by + (bh - h) / 2);
    pango_cairo_show_layout (cr, self->layout);
  }
}
