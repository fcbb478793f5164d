/* awaitlab-timeline-lanes.c
 *
 * Level of detail: spans at least a pixel wide are drawn one by one; narrower
 * ones are merged per pixel column into the state covering most of it, and
 * columns of a same state are merged into one run. Zoomed further out than a
 * summary bucket, each column is read from the axis' per-level summaries
 * (as in Perfetto and Sysprof), so a frame costs O(width × lanes) however
 * large the trace is.
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer-private.h"

static void
flush_run (AwaitlabTimelineRenderer *self,
           cairo_t                  *cr,
           Run                      *run,
           double                    y,
           double                    h)
{
  if (run->state >= 0)
    awaitlab_renderer_fill_state (self, cr, run->state, run->x0, y, run->x1, h);
  run->state = -1;
}

/* The state a merged pixel column shows. Activity wins over idleness inside
 * a column: a short burst of work must stay visible when zoomed out. */
static int
column_state (const double acc[AWAITLAB_N_SPAN_STATES])
{
  int best = -1;
  double best_cov = 0;

  for (int s = 0; s < AWAITLAB_N_SPAN_STATES; s++)
    {
      double cov = acc[s] * (s == AWAITLAB_SPAN_IDLE || s == AWAITLAB_SPAN_EXITED ? 0.25 : 1.0);

      if (cov > best_cov)
        {
          best_cov = cov;
          best = s;
        }
    }
  return best;
}

static void
push_column (AwaitlabTimelineRenderer *self,
             cairo_t                  *cr,
             Run                      *run,
             double                    col,
             const double              acc[AWAITLAB_N_SPAN_STATES],
             double                    y,
             double                    h)
{
  int best = column_state (acc);

  if (best < 0)
    return;

  if (run->state == best && run->x1 >= col - 0.01)
    {
      run->x1 = col + 1;
      return;
    }

  flush_run (self, cr, run, y, h);
  run->state = best;
  run->x0 = col;
  run->x1 = col + 1;
}

static void
note_hover (AwaitlabTimelineRenderer *self,
            guint                     lane,
            guint                     i,
            double                    x0,
            double                    x1,
            double                    y,
            double                    h)
{
  if ((int)lane == self->hover_lane && (int)i == self->hover_span)
    {
      self->hover_rect.x = x0;
      self->hover_rect.y = y;
      self->hover_rect.width = x1 - x0;
      self->hover_rect.height = h;
    }
}

/* Each column's coverage read from @summary, in a buffer reused across lanes. */
static guint16 *
summary_columns (AwaitlabTimelineRenderer *self,
                 const AwaitlabSummary    *summary,
                 gint64                    begin,
                 double                    units_per_px,
                 int                       width)
{
  awaitlab_renderer_ensure_columns (self, width);
  self->cov = g_renew (guint16, self->cov, (gsize)width * AWAITLAB_N_SPAN_STATES);
  awaitlab_summary_columns (summary, begin, units_per_px, width, self->cov);
  return self->cov;
}

/* The state a column shows, from its coverage per span state. */
typedef int (*ColumnClassify) (const guint16 *coverage);

/* Zoomed far out: each pixel column's state comes from the summary, @classify
 * picks it from the column's coverage; the band from @y, @h tall, is painted
 * (into the lane's image when one is being built). */
static void
paint_summary (AwaitlabTimelineRenderer *self,
               cairo_t                  *cr,
               const AwaitlabSummary    *summary,
               gint64                    begin,
               double                    px_per_unit,
               double                    y,
               double                    h,
               ColumnClassify            classify)
{
  int width = (int)ceil (self->area_w);
  guint16 *cov = summary_columns (self, summary, begin, 1.0 / px_per_unit, width);

  for (int c = 0; c < width; c++)
    self->columns[c] = classify (cov + (gsize)c * AWAITLAB_N_SPAN_STATES);
  if (self->image != NULL)
    awaitlab_renderer_image_put (self, y, h);
  else
    awaitlab_renderer_paint_columns (self, cr, width, y, h);
}

/* A thread's column: the state covering most of it (column_state's rules). */
static int
classify_thread_column (const guint16 *coverage)
{
  double acc[AWAITLAB_N_SPAN_STATES];

  for (guint s = 0; s < AWAITLAB_N_SPAN_STATES; s++)
    acc[s] = coverage[s];
  return column_state (acc);
}

/* A timers-lane column: the kind of item covering most of it, if any. */
static int
classify_async_column (const guint16 *coverage)
{
  if (coverage[AWAITLAB_SPAN_TIMER] <= 0 && coverage[AWAITLAB_SPAN_IO] <= 0)
    return -1;
  return coverage[AWAITLAB_SPAN_IO] > coverage[AWAITLAB_SPAN_TIMER] ? AWAITLAB_SPAN_IO : AWAITLAB_SPAN_TIMER;
}

void
awaitlab_renderer_draw_thread_lane (AwaitlabTimelineRenderer *self,
                                    cairo_t                  *cr,
                                    AwaitlabTimeline         *timeline,
                                    guint                     lane,
                                    gint64                    begin,
                                    gint64                    end,
                                    double                    px_per_unit)
{
  double y = g_array_index (self->lane_y, double, lane);
  double h = g_array_index (self->lane_h, double, lane);
  double acc[AWAITLAB_N_SPAN_STATES] = { 0 };
  double min_w = 5 * self->scale;
  const AwaitlabSpan *spans;
  const AwaitlabAxisSpan *pos;
  const AwaitlabSummary *summary = NULL;
  Run run = { 0, 0, -1 };
  double col = -1;
  guint in_col = 0;
  guint n, i;
  gboolean coarse;

  spans = awaitlab_timeline_get_spans (timeline, lane, &n);
  pos = awaitlab_time_axis_get_spans (self->cur, lane, NULL);

  if (!self->no_summaries)
    summary = awaitlab_time_axis_get_summary (self->cur, lane, -1);
  coarse = summary != NULL && 1.0 / px_per_unit >= awaitlab_summary_get_bucket_width (summary);
  if (coarse)
    {
      paint_summary (self, cr, summary, begin, px_per_unit, y, h, classify_thread_column);
      /* Labels need 36 px: only spans at least that long can have one, and
       * a hovered span is outlined whatever its size. */
      if (self->hover_lane == (int)lane && self->hover_span >= 0 && (guint)self->hover_span < n)
        note_hover (self, lane, self->hover_span,
                    pos_x (self, begin, px_per_unit, pos[self->hover_span].begin),
                    pos_x (self, begin, px_per_unit, pos[self->hover_span].end), y, h);
      return;
    }

  /* On a plain image the lane's pixels are written directly (one blit per
   * lane, whatever the number of spans); elsewhere, rectangles. */
  if (self->direct)
    {
      awaitlab_renderer_ensure_columns (self, (int)ceil (self->area_w));
      self->to_columns = TRUE;
    }

  i = awaitlab_renderer_lower_bound (pos, n, begin);
  if (i > 0)
    i--;

  while (i < n && pos[i].begin <= end)
    {
      const AwaitlabSpan *span = &spans[i];
      double x0, x1;

      if (pos[i].end < begin)
        {
          i++;
          continue;
        }

      x0 = pos_x (self, begin, px_per_unit, MAX (pos[i].begin, begin));
      x1 = pos_x (self, begin, px_per_unit, MIN (pos[i].end, end));
      if (is_instant (span) && x1 - x0 < min_w)
        x1 = x0 + min_w;

      if (x1 - x0 >= 1.0)
        {
          if (col >= 0)
            push_column (self, cr, &run, col, acc, y, h);
          flush_run (self, cr, &run, y, h);
          memset (acc, 0, sizeof acc);
          col = -1;

          self->pin = is_instant (span);
          awaitlab_renderer_fill_state (self, cr, span->state, x0, y, x1, h);
          self->pin = FALSE;
          note_hover (self, lane, i, x0, x1, y, h);
          awaitlab_renderer_add_span_label (self, cr, span, x0, x1, y, h);
          i++;
          continue;
        }

      if (floor (x0) != col)
        {
          if (col >= 0)
            push_column (self, cr, &run, col, acc, y, h);
          memset (acc, 0, sizeof acc);
          col = floor (x0);
          in_col = 0;
        }

      acc[span->state] += MAX (x1 - x0, 0.001);
      i++;

      if (++in_col >= MAX_EXACT_PER_COLUMN)
        {
          /* Dense column: skip to the next pixel, crediting what we skip to
           * the state of the last span in it. */
          gint64 next_p = begin + (gint64)ceil ((col + 1 - self->area_x) / px_per_unit);
          guint j = awaitlab_renderer_lower_bound (pos, n, next_p);

          if (j > i)
            {
              acc[spans[j - 1].state] += (double)(j - i) / MAX_EXACT_PER_COLUMN;
              i = j;
            }
          in_col = 0;
        }
    }

  if (col >= 0)
    push_column (self, cr, &run, col, acc, y, h);
  flush_run (self, cr, &run, y, h);

  if (self->to_columns)
    {
      self->to_columns = FALSE;
      awaitlab_renderer_paint_columns (self, cr, (int)ceil (self->area_w), y, h);
    }
}

void
awaitlab_renderer_draw_async_lane (AwaitlabTimelineRenderer *self,
                                   cairo_t                  *cr,
                                   AwaitlabTimeline         *timeline,
                                   guint                     lane,
                                   gint64                    begin,
                                   gint64                    end,
                                   double                    px_per_unit)
{
  double y = g_array_index (self->lane_y, double, lane);
  double h = g_array_index (self->lane_h, double, lane);
  guint rows = MAX (2, awaitlab_timeline_get_lane_rows (timeline, lane));
  double row_h = (h - 2 * self->scale) / rows;
  double last_x[16];
  const AwaitlabSpan *spans;
  const AwaitlabAxisSpan *pos;
  const AwaitlabSummary *summary = NULL;
  g_autofree gint8 *row_columns = NULL;
  gint8 *lane_columns = NULL;
  guint n;

  spans = awaitlab_timeline_get_spans (timeline, lane, &n);
  pos = awaitlab_time_axis_get_spans (self->cur, lane, NULL);

  /* Far out, every row is read from its summary (one per row). */
  if (!self->no_summaries && (summary = awaitlab_time_axis_get_summary (self->cur, lane, 0)) != NULL &&
      1.0 / px_per_unit >= awaitlab_summary_get_bucket_width (summary))
    {
      /* Every row goes into one image of the lane, painted once. */
      if (self->direct)
        awaitlab_renderer_image_begin (self, cr, (int)ceil (self->area_w), y, h);
      for (guint r = 0; r < MIN (rows, G_N_ELEMENTS (last_x)); r++)
        {
          const AwaitlabSummary *row = awaitlab_time_axis_get_summary (self->cur, lane, r);
          double ry = y + 1 * self->scale + r * row_h;

          if (row != NULL)
            paint_summary (self, cr, row, begin, px_per_unit, ry + 1, row_h - 2, classify_async_column);
        }
      if (self->image != NULL)
        awaitlab_renderer_image_end (self, cr);
      return;
    }

  for (guint r = 0; r < G_N_ELEMENTS (last_x); r++)
    last_x[r] = -1;

  /* Direct pixels: one column buffer per row, painted row by row at the end. */
  if (self->direct)
    {
      int width = (int)ceil (self->area_w);

      awaitlab_renderer_ensure_columns (self, width);
      row_columns = g_malloc ((gsize)width * G_N_ELEMENTS (last_x));
      memset (row_columns, 0xff, (gsize)width * G_N_ELEMENTS (last_x));
      lane_columns = self->columns;
      self->to_columns = TRUE;
    }

  /* Items overlap: start early enough to catch the longest one still running. */
  for (guint i = awaitlab_renderer_lower_bound (pos, n, begin - awaitlab_time_axis_get_lane_max_span (self->cur, lane));
       i < n && pos[i].begin <= end;
       i++)
    {
      const AwaitlabSpan *span = &spans[i];
      double x0, x1, ry;
      guint row = MIN (span->row, G_N_ELEMENTS (last_x) - 1);

      if (pos[i].end < begin)
        continue;

      x0 = pos_x (self, begin, px_per_unit, MAX (pos[i].begin, begin));
      x1 = pos_x (self, begin, px_per_unit, MIN (pos[i].end, end));
      x1 = MAX (x1, x0 + 1);

      /* One item per pixel column and row is all the eye can see. */
      if (x1 <= last_x[row] + 0.5)
        continue;
      x0 = MAX (x0, last_x[row]);
      last_x[row] = x1;

      ry = y + 1 * self->scale + row * row_h;
      if (row_columns != NULL)
        self->columns = row_columns + (gsize)row * self->n_columns;
      awaitlab_renderer_fill_state (self, cr, span->state, x0, ry + 1, x1, row_h - 2);
      if (row_h >= 10 * self->scale)
        awaitlab_renderer_add_span_label (self, cr, span, x0, x1, ry + 1, row_h - 2);
    }

  if (row_columns != NULL)
    {
      self->to_columns = FALSE;
      awaitlab_renderer_image_begin (self, cr, self->n_columns, y, h);
      for (guint r = 0; r < MIN (rows, G_N_ELEMENTS (last_x)); r++)
        {
          self->columns = row_columns + (gsize)r * self->n_columns;
          awaitlab_renderer_image_put (self, y + 1 * self->scale + r * row_h + 1, row_h - 2);
        }
      awaitlab_renderer_image_end (self, cr);
      self->columns = lane_columns;
    }
}
