/* awaitlab-timeline-paint.c
 *
 * How a state is put on the page. Rectangles of each state are batched and
 * filled in one go per frame (cairo's cost is per fill, not per rectangle);
 * on a plain image a lane is instead written pixel column by pixel column
 * from 8×8 tiles of each state's colour and texture, then blitted once.
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer-private.h"

/* A tile repeated over a span: stripes for ready, cross-hatch for blocked, dots
 * for timers, so states differ by more than colour. */
cairo_pattern_t *
awaitlab_renderer_make_pattern (AwaitlabSpanState state)
{
  cairo_surface_t *surface;
  cairo_pattern_t *pattern;
  cairo_t *cr;
  int size = 8;
  AwaitlabColor ink;
  double ink_alpha;

  if (!awaitlab_palette_pattern_ink (state, &ink, &ink_alpha))
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, ink_alpha);

  switch (state)
    {
    case AWAITLAB_SPAN_READY:
      cairo_move_to (cr, -1, size + 1);
      cairo_line_to (cr, size + 1, -1);
      cairo_move_to (cr, -1, 1);
      cairo_line_to (cr, 1, -1);
      cairo_move_to (cr, size - 1, size + 1);
      cairo_line_to (cr, size + 1, size - 1);
      cairo_stroke (cr);
      break;

    case AWAITLAB_SPAN_BLOCKED:
      cairo_move_to (cr, 0, 0);
      cairo_line_to (cr, size, size);
      cairo_move_to (cr, size, 0);
      cairo_line_to (cr, 0, size);
      cairo_stroke (cr);
      break;

    case AWAITLAB_SPAN_TIMER:
      cairo_arc (cr, size / 2.0, size / 2.0, 1.2, 0, 2 * G_PI);
      cairo_fill (cr);
      break;

    case AWAITLAB_SPAN_IO:
      cairo_move_to (cr, size / 2.0, 0);
      cairo_line_to (cr, size / 2.0, size);
      cairo_stroke (cr);
      break;

    case AWAITLAB_SPAN_IDLE:
    case AWAITLAB_SPAN_RUNNING:
    case AWAITLAB_SPAN_EXITED:
    case AWAITLAB_N_SPAN_STATES:
    default:
      g_assert_not_reached ();
    }

  cairo_destroy (cr);
  pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (surface);

  return pattern;
}

void
awaitlab_renderer_add_rect (AwaitlabTimelineRenderer *self,
                            int                       state,
                            double                    x,
                            double                    y,
                            double                    w,
                            double                    h)
{
  cairo_rectangle_t r;
  double x1 = round (x + w), y1 = round (y + h);

  /* Pixel-aligned boxes take pixman's fastest path and look crisp. */
  r.x = round (x);
  r.y = round (y);
  r.width = MAX (1, x1 - r.x);
  r.height = MAX (1, y1 - r.y);
  g_array_append_val (self->batch[state], r);
}

/* The column form of add_rect: the same rounding, so both draw the same
 * pixels. An instant's columns are pinned: what follows it in the lane does
 * not cover its minimum width (the rectangles drew idle first, too). */
static void
put_columns (AwaitlabTimelineRenderer *self,
             int                       state,
             double                    x0,
             double                    x1)
{
  int ax = (int)round (self->area_x);
  int c0 = (int)round (x0) - ax, c1 = MAX ((int)round (x1) - ax, c0 + 1);

  c0 = MAX (c0, 0);
  c1 = MIN (c1, self->n_columns);
  for (int c = c0; c < c1; c++)
    {
      if (self->pinned[c] && !self->pin)
        continue;
      self->columns[c] = state;
      self->pinned[c] = self->pin;
    }
}

void
awaitlab_renderer_fill_state (AwaitlabTimelineRenderer *self,
                              cairo_t                  *cr,
                              int                       state,
                              double                    x0,
                              double                    y,
                              double                    x1,
                              double                    h)
{
  double w = x1 - x0;

  if (w <= 0 || state == AWAITLAB_SPAN_EXITED)
    return;

  if (self->to_columns)
    {
      put_columns (self, state, x0, x1);
      return;
    }

  /* Idle is an absence: a thin rule keeps the lane readable. */
  if (state == AWAITLAB_SPAN_IDLE)
    awaitlab_renderer_add_rect (self, state, x0, y + h / 2 - 0.5, w, 1);
  else
    awaitlab_renderer_add_rect (self, state, x0, y, w, h);
}

void
awaitlab_renderer_flush_batches (AwaitlabTimelineRenderer *self,
                                 cairo_t                  *cr)
{
  for (guint state = 0; state < AWAITLAB_N_SPAN_STATES; state++)
    {
      GArray *rects = self->batch[state];

      if (rects->len == 0)
        continue;

      for (guint i = 0; i < rects->len; i++)
        {
          const cairo_rectangle_t *r = &g_array_index (rects, cairo_rectangle_t, i);
          cairo_rectangle (cr, r->x, r->y, r->width, r->height);
        }

      if (state == AWAITLAB_SPAN_IDLE)
        set_fg (self, cr, 0.18);
      else
        {
          AwaitlabColor c;

          awaitlab_state_color (state, &c);
          set_color (cr, &c, 1.0);
        }

      if (self->patterns[state] != NULL)
        {
          cairo_fill_preserve (cr);
          cairo_set_source (cr, self->patterns[state]);
        }
      cairo_fill (cr);
      g_array_set_size (rects, 0);
    }
}

void
awaitlab_renderer_ensure_columns (AwaitlabTimelineRenderer *self,
                                  int                       width)
{
  if (self->n_columns != width)
    {
      self->columns = g_renew (gint8, self->columns, width);
      self->pinned = g_renew (guint8, self->pinned, width);
      self->n_columns = width;
    }
  memset (self->columns, 0xff, width);
  memset (self->pinned, 0, width);
}

/* Each state's 8×8 tile exactly as flush_batches paints it (colour, then
 * the texture pattern anchored at the origin), and idle's thin rule. */
static void
build_tiles (AwaitlabTimelineRenderer *self)
{
  cairo_surface_t *tile;
  cairo_t *cr;

  if (self->tiles_dark == (int)self->dark)
    return;
  tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cr = cairo_create (tile);
  for (int st = 0; st < AWAITLAB_N_SPAN_STATES; st++)
    {
      const guint8 *data;
      int stride;

      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      if (st == AWAITLAB_SPAN_IDLE)
        set_fg (self, cr, 0.18);
      else
        {
          AwaitlabColor c;

          awaitlab_state_color (st, &c);
          set_color (cr, &c, 1.0);
        }
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      if (self->patterns[st] != NULL)
        {
          cairo_set_source (cr, self->patterns[st]);
          cairo_paint (cr);
        }
      cairo_surface_flush (tile);
      data = cairo_image_surface_get_data (tile);
      stride = cairo_image_surface_get_stride (tile);
      for (int r = 0; r < 8; r++)
        memcpy (self->tiles[st][r], data + r * stride, 8 * sizeof (guint32));
    }
  self->idle_pixel = self->tiles[AWAITLAB_SPAN_IDLE][0][0];
  cairo_destroy (cr);
  cairo_surface_destroy (tile);
  self->tiles_dark = self->dark;
}

/* Where pixels cannot be written (a vector file, a scaled or recorded
 * context): the columns as rectangles, runs of one state merged. */
static void
paint_columns_as_rects (AwaitlabTimelineRenderer *self,
                        cairo_t                  *cr,
                        int                       width,
                        double                    y,
                        double                    h)
{
  Run run = { 0, 0, -1 };

  for (int c = 0; c < width; c++)
    {
      int st = self->columns[c];
      double x = self->area_x + c;

      if (st == run.state && run.x1 >= x - 0.01)
        {
          run.x1 = x + 1;
          continue;
        }
      if (run.state >= 0)
        awaitlab_renderer_fill_state (self, cr, run.state, run.x0, y, run.x1, h);
      run.state = st;
      run.x0 = x;
      run.x1 = x + 1;
    }
  if (run.state >= 0)
    awaitlab_renderer_fill_state (self, cr, run.state, run.x0, y, run.x1, h);
}

/* One row of pixels of the lane: tile row @ty of each column's state. */
static void
fill_row (AwaitlabTimelineRenderer *self,
          guint32                  *row,
          int                       width,
          int                       ax,
          int                       ty,
          gboolean                  idle_rule)
{
  for (int c = 0; c < width; c++)
    {
      int st = self->columns[c];

      if (st < 0 || st == AWAITLAB_SPAN_EXITED)
        row[c] = 0;
      else if (st == AWAITLAB_SPAN_IDLE)
        row[c] = idle_rule ? self->idle_pixel : 0;
      else
        row[c] = self->tiles[st][ty][(ax + c) & 7];
    }
}

/* A lane's pixels are written into an image as wide as the lane area, then
 * painted in one go: an image target reuses one scratch surface; anything
 * else (GTK records cairo nodes) gets a fresh one it can keep. */
void
awaitlab_renderer_image_begin (AwaitlabTimelineRenderer *self,
                               cairo_t                  *cr,
                               int                       width,
                               double                    y,
                               double                    h)
{
  gboolean reuse = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  int ry = (int)round (y), rh = MAX (0, (int)round (y + h) - ry);

  g_assert (self->image == NULL);
  build_tiles (self);
  if (reuse && self->scratch != NULL &&
      cairo_image_surface_get_width (self->scratch) >= width &&
      cairo_image_surface_get_height (self->scratch) >= rh)
    self->image = cairo_surface_reference (self->scratch);
  else
    {
      self->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (rh, 64));
      if (reuse)
        {
          g_clear_pointer (&self->scratch, cairo_surface_destroy);
          self->scratch = cairo_surface_reference (self->image);
        }
    }
  self->image_y = ry;
  self->image_w = width;
  self->image_h = rh;

  cairo_surface_flush (self->image);
  /* Rows no band writes are cleared at the end, the others only written. */
  self->image_rows = g_renew (guint8, self->image_rows, MAX (rh, 1));
  memset (self->image_rows, 0, MAX (rh, 1));
}

/* Writes self->columns (a state per pixel column, -1 = nothing) into the
 * band [@y, @y + @h) of the image. */
void
awaitlab_renderer_image_put (AwaitlabTimelineRenderer *self,
                             double                    y,
                             double                    h)
{
  int ax = (int)round (self->area_x), ry = (int)round (y), rh = (int)round (y + h) - ry;
  int idle_row = (int)round (y + h / 2 - 0.5) - ry;
  int width = self->image_w, stride;
  guint built = 0;
  guint8 *data;

  data = cairo_image_surface_get_data (self->image);
  stride = cairo_image_surface_get_stride (self->image);
  /* Rows repeat every 8 pixels (the tiles' height): each of those 8, and the
   * one carrying idle's rule, is built once when first needed (a thin row of
   * the timers lane needs two or three) and copied down the band. */
  self->row_cache = g_renew (guint32, self->row_cache, (gsize)9 * width);
  for (int r = 0; r < rh; r++)
    {
      int ty = (ry + r) & 7, key = r == idle_row ? 8 : ty;
      guint32 *src = self->row_cache + (gsize)key * width;

      if (ry + r < self->image_y || ry + r >= self->image_y + self->image_h)
        continue;
      if (!(built & (1u << key)))
        {
          fill_row (self, src, width, ax, ty, key == 8);
          built |= 1u << key;
        }
      memcpy (data + (ry + r - self->image_y) * stride, src, (gsize)width * sizeof (guint32));
      self->image_rows[ry + r - self->image_y] = TRUE;
    }
}

void
awaitlab_renderer_image_end (AwaitlabTimelineRenderer *self,
                             cairo_t                  *cr)
{
  int ax = (int)round (self->area_x);
  guint8 *data = cairo_image_surface_get_data (self->image);
  int stride = cairo_image_surface_get_stride (self->image);

  for (int r = 0; r < self->image_h; r++)
    if (!self->image_rows[r])
      memset (data + r * stride, 0, (gsize)self->image_w * sizeof (guint32));
  cairo_surface_mark_dirty (self->image);
  if (self->image_h > 0 && self->image_w > 0)
    {
      cairo_set_source_surface (cr, self->image, ax, self->image_y);
      cairo_rectangle (cr, ax, self->image_y, self->image_w, self->image_h);
      cairo_fill (cr);
    }
  g_clear_pointer (&self->image, cairo_surface_destroy);
}

/* Draws self->columns over the lane rectangle: pixels on a plain image,
 * rectangles elsewhere. */
void
awaitlab_renderer_paint_columns (AwaitlabTimelineRenderer *self,
                                 cairo_t                  *cr,
                                 int                       width,
                                 double                    y,
                                 double                    h)
{
  if ((int)round (y + h) - (int)round (y) <= 0 || width <= 0)
    return;
  if (!self->direct)
    {
      paint_columns_as_rects (self, cr, width, y, h);
      return;
    }
  awaitlab_renderer_image_begin (self, cr, width, y, h);
  awaitlab_renderer_image_put (self, y, h);
  awaitlab_renderer_image_end (self, cr);
}
