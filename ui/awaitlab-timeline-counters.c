/* awaitlab-timeline-counters.c
 *
 * The counter tracks under the lanes (pool threads, queued items, busy
 * cores): step plots reduced to each pixel column's maximum.
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer-private.h"

/* Borrows the first two batches: 0 = area under the curve, 1 = the line. */
static void
column_rects (AwaitlabTimelineRenderer *self,
              double                    x0,
              double                    x1,
              double                    value,
              double                    max,
              double                    y,
              double                    h)
{
  double top = y + h - value / max * h;

  if (value > 0)
    awaitlab_renderer_add_rect (self, 0, x0, top, x1 - x0, y + h - top);
  awaitlab_renderer_add_rect (self, 1, x0, top - 0.75 * self->scale, x1 - x0, 1.5 * self->scale);
}

void
awaitlab_renderer_draw_counters (AwaitlabTimelineRenderer *self,
                                 cairo_t                  *cr,
                                 AwaitlabTimeline         *timeline,
                                 gint64                    begin,
                                 gint64                    end,
                                 double                    px_per_unit)
{
  static const AwaitlabColor counter_colors[] = {
    { 0.000, 0.447, 0.698 },
    { 0.902, 0.624, 0.000 },
    { 0.000, 0.620, 0.451 },
    { 0.800, 0.475, 0.655 },
  };
  guint n_counters = awaitlab_timeline_get_n_counters (timeline);
  double s = self->scale;

  for (guint c = 0; c < n_counters; c++)
    {
      const AwaitlabColor *color = &counter_colors[c % G_N_ELEMENTS (counter_colors)];
      const AwaitlabCounterPoint *pts;
      const gint64 *cp;
      double y = self->counters_y + c * self->counter_h;
      double h = self->counter_h - 6 * s;
      double max, peak = 0, value = 0, x_prev;
      g_autofree char *max_label = NULL;
      guint n, i;

      pts = awaitlab_timeline_get_counter (timeline, c, &n, &max);
      cp = awaitlab_time_axis_get_counter_positions (self->cur, c, &n);
      max = MAX (max, 1);

      set_fg (self, cr, awaitlab_palette_text_alpha (AWAITLAB_TEXT_SECONDARY));
      awaitlab_renderer_show_text (self, cr, awaitlab_timeline_get_counter_name (timeline, c),
                 10 * s, y + h / 2, self->area_x - 14 * s, FALSE, TRUE);

      set_fg (self, cr, 0.08);
      cairo_rectangle (cr, self->area_x, y, self->area_w, h);
      cairo_fill (cr);

      /* A step plot reduced to the column maximum: peaks (the pool's size at
       * its worst) must survive zooming out. */
      {
        guint lo = 0, hi = n;

        while (lo < hi)
          {
            guint mid = (lo + hi) / 2;
            if (cp[mid] <= begin)
              lo = mid + 1;
            else
              hi = mid;
          }
        i = lo;
        value = i > 0 ? pts[i - 1].value : 0;
      }

      /* Columns as rectangles: cairo fills axis-aligned boxes on a fast
       * path, where a long polygon would be tessellated every frame. */
      x_prev = self->area_x;
      while (i < n && cp[i] <= end)
        {
          double x = floor (pos_x (self, begin, px_per_unit, cp[i]));
          double col_max = value;
          guint j = i;

          if (x > x_prev)
            column_rects (self, x_prev, x, value, max, y, h);

          /* Everything up to the next pixel column collapses into one step. */
          while (j < n && cp[j] <= end &&
                 floor (pos_x (self, begin, px_per_unit, cp[j])) == x &&
                 j - i < MAX_EXACT_PER_COLUMN)
            {
              col_max = MAX (col_max, pts[j].value);
              value = pts[j].value;
              j++;
            }
          if (j - i == MAX_EXACT_PER_COLUMN)
            {
              gint64 next_p = begin + (gint64)ceil ((x + 1 - self->area_x) / px_per_unit);
              guint lo = j, hi = n;

              while (lo < hi)
                {
                  guint mid = (lo + hi) / 2;
                  if (cp[mid] < next_p)
                    lo = mid + 1;
                  else
                    hi = mid;
                }
              if (lo > j)
                {
                  value = pts[lo - 1].value;
                  col_max = MAX (col_max, value);
                  j = lo;
                }
            }

          column_rects (self, MAX (x, self->area_x), MAX (x, self->area_x) + 1, col_max, max, y, h);
          x_prev = MAX (x, self->area_x) + 1;
          peak = MAX (peak, col_max);
          i = j;
        }
      if (x_prev < self->area_x + self->area_w)
        column_rects (self, x_prev, self->area_x + self->area_w, value, max, y, h);

      /* Area in the translucent batch, the top edge in the solid one. */
      for (guint b = 0; b < 2; b++)
        {
          GArray *rects = self->batch[b];

          for (guint r = 0; r < rects->len; r++)
            {
              const cairo_rectangle_t *rect = &g_array_index (rects, cairo_rectangle_t, r);
              cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
            }
          set_color (cr, color, b == 0 ? 0.35 : 1.0);
          cairo_fill (cr);
          g_array_set_size (rects, 0);
        }
      (void)peak;

      max_label = g_strdup_printf ("%g", max);
      set_fg (self, cr, awaitlab_palette_text_alpha (AWAITLAB_TEXT_SECONDARY));
      awaitlab_renderer_show_text (self, cr, max_label, self->area_x + 3 * s, y, -1, FALSE, FALSE);
    }
}
