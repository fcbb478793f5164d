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

static guint32
premultiplied (const AwaitlabColor *c,
               double               alpha)
{
  guint32 a = (guint32)(alpha * 255 + 0.5);

  return a << 24 |
         (guint32)(c->red * alpha * 255 + 0.5) << 16 |
         (guint32)(c->green * alpha * 255 + 0.5) << 8 |
         (guint32)(c->blue * alpha * 255 + 0.5);
}

/* The batched rectangles are whole pixels (add_rect rounds them): on a plain
 * image they are written into one image of the track, painted once, instead
 * of a cairo path of a thousand rectangles. */
static void
flush_counter_pixels (AwaitlabTimelineRenderer *self,
                      cairo_t                  *cr,
                      const AwaitlabColor      *color,
                      double                    y,
                      double                    h)
{
  int ax = (int)round (self->area_x), width = (int)ceil (self->area_w), stride;
  guint8 *data;

  awaitlab_renderer_image_begin (self, cr, width, y - 2 * self->scale, h + 4 * self->scale);
  data = cairo_image_surface_get_data (self->image);
  stride = cairo_image_surface_get_stride (self->image);
  for (int r = 0; r < self->image_h; r++)
    memset (data + r * stride, 0, (gsize)width * sizeof (guint32));
  memset (self->image_rows, TRUE, MAX (self->image_h, 1));

  for (guint b = 0; b < 2; b++)
    {
      GArray *rects = self->batch[b];
      guint32 pixel = premultiplied (color, b == 0 ? 0.35 : 1.0);

      for (guint i = 0; i < rects->len; i++)
        {
          const cairo_rectangle_t *rect = &g_array_index (rects, cairo_rectangle_t, i);
          int x0 = MAX ((int)rect->x - ax, 0), x1 = MIN ((int)(rect->x + rect->width) - ax, width);
          int y0 = MAX ((int)rect->y - self->image_y, 0);
          int y1 = MIN ((int)(rect->y + rect->height) - self->image_y, self->image_h);

          for (int r = y0; r < y1; r++)
            {
              guint32 *row = (guint32 *)(gpointer)(data + r * stride);

              for (int c = x0; c < x1; c++)
                row[c] = pixel;
            }
        }
      g_array_set_size (rects, 0);
    }
  awaitlab_renderer_image_end (self, cr);
}

/* Area in the translucent batch, the top edge in the solid one. */
static void
flush_counter (AwaitlabTimelineRenderer *self,
               cairo_t                  *cr,
               const AwaitlabColor      *color,
               double                    y,
               double                    h)
{
  if (self->direct)
    {
      flush_counter_pixels (self, cr, color, y, h);
      return;
    }
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

      flush_counter (self, cr, color, y, h);
      (void)peak;

      max_label = g_strdup_printf ("%g", max);
      set_fg (self, cr, awaitlab_palette_text_alpha (AWAITLAB_TEXT_SECONDARY));
      awaitlab_renderer_show_text (self, cr, max_label, self->area_x + 3 * s, y, -1, FALSE, FALSE);
    }
}
