/* awaitlab-queues-draw.c
 *
 * The queues view's boxes, laid out afresh at every draw from the state at the
 * playhead (so nothing drawn can disagree with awl_trace_state_at()), and the
 * chips travelling between them.
 */

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "awaitlab-queues-view-private.h"

static const AwlStateQueue *
find_queue (const AwlState *state,
            BoxKey          key)
{
  for (guint i = 0; state && i < state->queues->len; i++)
    {
      const AwlStateQueue *q = g_ptr_array_index (state->queues, i);

      if (queues_key_equal (queues_key (q->kind, q->owner), key))
        return q;
    }
  return NULL;
}

static gboolean
in_flight (AwaitlabQueuesView *self,
           BoxKey              key)
{
  for (guint i = 0; i < self->flights->len; i++)
    {
      const Flight *f = &g_array_index (self->flights, Flight, i);

      if (queues_key_equal (f->from, key) || queues_key_equal (f->to, key))
        return TRUE;
    }
  return FALSE;
}

/* Places @keys in one row; when they do not fit, the first ones that fit and
 * a "+N" box. */
static void
layout_row (AwaitlabQueuesView *self,
            GArray             *boxes,
            GArray             *keys,
            double              width,
            double              y,
            double              h)
{
  double avail = width - LABEL_W - GAP;
  guint n = keys->len, fit, shown;
  double w;

  if (n == 0)
    return;
  fit = MAX (1, (guint)((avail + GAP) / (BOX_MIN_W + GAP)));
  shown = n <= fit ? n : fit - 1;
  w = MIN (BOX_MAX_W, (avail - (MIN (n, fit) - 1) * GAP) / MIN (n, fit));

  for (guint i = 0; i < shown; i++)
    {
      Box b = { g_array_index (keys, BoxKey, i), LABEL_W + i * (w + GAP), y, w, h, NULL, NULL, 0 };

      b.queue = find_queue (self->state, b.key);
      if (b.key.kind == BOX_THREAD)
        for (guint t = 0; t < self->state->threads->len; t++)
          {
            const AwlStateThread *th = g_ptr_array_index (self->state->threads, t);
            if (th->id == b.key.id)
              b.thread = th;
          }
      g_array_append_val (boxes, b);
    }
  if (shown < n)
    {
      Box b = { { BOX_MORE, 0 }, LABEL_W + shown * (w + GAP), y, w, h, NULL, NULL, n - shown };
      g_array_append_val (boxes, b);
    }
}

static gint
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const BoxKey *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static GArray *
layout (AwaitlabQueuesView *self,
        double              width,
        double              height)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (BoxKey));
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (BoxKey));
  g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (BoxKey));
  double row_h = (height - 2 * 4 - GAP) / 2;
  guint fixed;

  if (self->state == NULL)
    return boxes;

  g_array_append_vals (top, &(BoxKey) { BOX_TIMERS, 0 }, 1);
  g_array_append_vals (top, &(BoxKey) { BOX_IO, 0 }, 1);
  if (self->has_ui)
    g_array_append_vals (top, &(BoxKey) { BOX_UI, 0 }, 1);
  g_array_append_vals (top, &(BoxKey) { BOX_GLOBAL, 0 }, 1);
  fixed = top->len;

  /* Local queues and request contexts only while they hold work (or work
   * is travelling out of them): a worker's empty queue says nothing. */
  for (guint i = 0; i < self->state->queues->len; i++)
    {
      const AwlStateQueue *q = g_ptr_array_index (self->state->queues, i);
      BoxKey key = queues_key (q->kind, q->owner);

      if ((key.kind == BOX_LOCAL || key.kind == BOX_REQUEST) && q->items->len > 0)
        g_array_append_val (top, key);
    }
  for (guint i = 0; i < self->flights->len; i++)
    {
      const Flight *f = &g_array_index (self->flights, Flight, i);
      const BoxKey ends[2] = { f->from, f->to };

      for (guint k = 0; k < 2; k++)
        if ((ends[k].kind == BOX_LOCAL || ends[k].kind == BOX_REQUEST) && find_queue (self->state, ends[k]) == NULL)
          {
            gboolean seen = FALSE;
            for (guint j = fixed; j < top->len && !seen; j++)
              seen = queues_key_equal (g_array_index (top, BoxKey, j), ends[k]);
            if (!seen)
              g_array_append_val (top, ends[k]);
          }
    }
  g_array_sort (top, compare_keys);

  /* Threads: the ones doing something first when not all fit. */
  for (guint i = 0; i < self->state->threads->len; i++)
    {
      const AwlStateThread *t = g_ptr_array_index (self->state->threads, i);
      BoxKey key = { BOX_THREAD, t->id };

      if (t->state == AWL_THREAD_STATE_EXITED)
        continue;
      if (t->state == AWL_THREAD_STATE_IDLE && !in_flight (self, key))
        g_array_append_val (idle, key);
      else
        g_array_append_val (busy, key);
    }
  g_array_append_vals (busy, idle->data, idle->len);
  {
    double avail = width - LABEL_W - GAP;
    guint fit = MAX (1, (guint)((avail + GAP) / (BOX_MIN_W + GAP)));

    /* The ones that fit in id order; layout_row() turns the rest into "+N". */
    if (busy->len > 1)
      qsort (busy->data, MIN (busy->len, busy->len > fit ? fit - 1 : fit), sizeof (BoxKey), compare_keys);
  }

  layout_row (self, boxes, top, width, 4, row_h);
  layout_row (self, boxes, busy, width, 4 + row_h + GAP, row_h);
  return boxes;
}

static const Box *
find_box (GArray *boxes,
          BoxKey  key)
{
  for (guint i = 0; i < boxes->len; i++)
    if (queues_key_equal (g_array_index (boxes, Box, i).key, key))
      return &g_array_index (boxes, Box, i);
  return NULL;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_text (cairo_t     *cr,
           GtkWidget   *widget,
           const char  *text,
           const char  *font,
           double       x,
           double       y,
           double       max_w,
           gboolean     right)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int tw, th;

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, (int)(MAX (1, max_w) * PANGO_SCALE));
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, right ? x + max_w - tw : x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
text_width (GtkWidget  *widget,
            const char *text,
            const char *font)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int tw, th;

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_get_pixel_size (layout, &tw, &th);
  return tw;
}

static void
draw_chip (cairo_t             *cr,
           GtkWidget           *widget,
           const char          *label,
           const AwaitlabColor *c,
           double               x,
           double               y,
           double               w,
           double               alpha)
{
  gboolean light = 0.299 * c->red + 0.587 * c->green + 0.114 * c->blue > 0.6;

  rounded_rect (cr, x, y, w, CHIP_H, 6);
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, 0.92 * alpha);
  cairo_fill (cr);
  if (light)
    cairo_set_source_rgba (cr, 0.08, 0.08, 0.08, alpha);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  draw_text (cr, widget, label, "Bold 9.5", x + 7, y + 3, w - 12, FALSE);
}

static double
chip_width (GtkWidget  *widget,
            const char *label,
            double      max_w)
{
  return MIN (max_w, text_width (widget, label, "Bold 9.5") + 16);
}

/* True while a flight carries @item into @key: the chip is not there yet. */
static gboolean
arriving (AwaitlabQueuesView *self,
          BoxKey              key,
          guint64             item,
          gint64              now)
{
  for (guint i = 0; item != 0 && i < self->flights->len; i++)
    {
      const Flight *f = &g_array_index (self->flights, Flight, i);

      if (f->item == item && queues_key_equal (f->to, key) && now < f->start + FLIGHT_US)
        return TRUE;
    }
  return FALSE;
}

static void
draw_queue_items (AwaitlabQueuesView *self,
                  cairo_t            *cr,
                  const Box          *b,
                  gint64              now)
{
  GtkWidget *widget = GTK_WIDGET (self->canvas);
  double x = b->x + 8, y = b->y + 24, right = b->x + b->w - 8;

  for (guint k = 0; b->queue && k < b->queue->items->len; k++)
    {
      const char *d = g_ptr_array_index (b->queue->descriptions, k);
      g_autofree char *label = queues_chip_label (d);
      AwaitlabColor c = queues_chip_color (b->key.kind, d);
      guint left = b->queue->items->len - k;
      gboolean last_row, fits;
      double w;

      if (arriving (self, b->key, g_array_index (b->queue->items, guint64, k), now))
        continue;

      /* On the last row keep room for "+N" when more follow; a chip narrower
       * than a word is not worth drawing. */
      for (guint attempt = 0; ; attempt++)
        {
          last_row = y + 2 * CHIP_H + 4 > b->y + b->h - 3;
          w = chip_width (widget, label, right - x - (last_row && left > 1 ? 34 : 0));
          fits = w >= 56 && y + CHIP_H <= b->y + b->h - 3;
          if (fits || last_row || attempt > 0 || x <= b->x + 8)
            break;
          x = b->x + 8;
          y += CHIP_H + 4;
        }
      if (!fits)
        {
          g_autofree char *more = g_strdup_printf ("+%u", left);
          cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 1);
          draw_text (cr, widget, more, "Bold 10", x, MIN (y, b->y + b->h - CHIP_H) + 2, MAX (30, right - x), FALSE);
          return;
        }
      draw_chip (cr, widget, label, &c, x, y, w, 1);
      x += w + 4;
    }
}

static void
draw_thread_body (AwaitlabQueuesView *self,
                  cairo_t            *cr,
                  const Box          *b,
                  gboolean            dark)
{
  GtkWidget *widget = GTK_WIDGET (self->canvas);
  const AwlStateThread *t = b->thread;
  g_autofree char *what = NULL;

  if (t->stack->len > 0)
    {
      const AwlStateFrame *top = &g_array_index (t->stack, AwlStateFrame, t->stack->len - 1);
      what = top->line > 0 ? g_strdup_printf ("%s · line %d", top->method ? top->method : "?", top->line)
                           : g_strdup (top->method ? top->method : "?");
    }
  if (what == NULL)
    what = g_strdup (t->state == AWL_THREAD_STATE_IDLE ? "no work" : "runtime code");

  cairo_set_source_rgba (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0, 0.85);
  draw_text (cr, widget, what, "10", b->x + 8, b->y + 25, b->w - 16, FALSE);
}

static void
draw_box (AwaitlabQueuesView *self,
          cairo_t            *cr,
          const Box          *b,
          gboolean            dark,
          gint64              now)
{
  GtkWidget *widget = GTK_WIDGET (self->canvas);
  double fg = dark ? 1 : 0;
  g_autofree char *title = queues_box_title (self, b->key);
  AwaitlabColor tint = { 0.5, 0.5, 0.5 };
  double tint_alpha = 0.05;

  if (b->key.kind == BOX_MORE)
    {
      g_autofree char *more = g_strdup_printf ("+%u more", b->more);
      cairo_set_source_rgba (cr, fg, fg, fg, 0.55);
      draw_text (cr, widget, more, "Bold 10", b->x + 8, b->y + b->h / 2 - 9, b->w - 16, FALSE);
      return;
    }

  if (b->thread != NULL)
    {
      AwaitlabSpanState s = b->thread->state == AWL_THREAD_STATE_RUNNING ? AWAITLAB_SPAN_RUNNING
                          : b->thread->state == AWL_THREAD_STATE_READY ? AWAITLAB_SPAN_READY
                          : b->thread->state == AWL_THREAD_STATE_BLOCKED ? AWAITLAB_SPAN_BLOCKED
                          : AWAITLAB_SPAN_IDLE;
      awaitlab_state_color (s, &tint);
      tint_alpha = s == AWAITLAB_SPAN_IDLE ? 0.06 : 0.22;
    }
  else if (b->queue != NULL && b->queue->items->len > 0)
    tint_alpha = 0.09;

  rounded_rect (cr, b->x, b->y, b->w, b->h, 8);
  cairo_set_source_rgba (cr, tint.red, tint.green, tint.blue, tint_alpha);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, fg, fg, fg, 0.22);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  if (b->thread != NULL)
    {
      AwaitlabColor c = { 0.5, 0.5, 0.5 };
      int lane = queues_lane_of_thread (self, b->thread->id);

      if (lane >= 0)
        awaitlab_thread_color (lane, &c);
      cairo_arc (cr, b->x + 14, b->y + 14, 5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, c.red, c.green, c.blue);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg, fg, fg, 0.95);
      draw_text (cr, widget, title, "Bold 10.5", b->x + 24, b->y + 5, b->w - 32, FALSE);
      /* The state on the right: "blocked: task wait", "running", "idle". */
      {
        g_autofree char *state = b->thread->state == AWL_THREAD_STATE_BLOCKED
          ? g_strdup_printf ("blocked: %s", awl_block_reason_to_string (b->thread->reason))
          : g_strdup (awl_thread_state_to_string (b->thread->state));
        double tw = text_width (widget, title, "Bold 10.5");

        cairo_set_source_rgba (cr, fg, fg, fg, 0.70);
        draw_text (cr, widget, state, "Italic 9.5", b->x + 24 + tw + 8, b->y + 6.5, b->w - 40 - tw, TRUE);
      }
      draw_thread_body (self, cr, b, dark);
      return;
    }

  if (text_width (widget, title, "Bold 10.5") > b->w - 40)
    {
      char *shorter = queues_box_title_short (self, b->key);

      if (shorter != NULL)
        {
          g_free (title);
          title = shorter;
        }
    }
  cairo_set_source_rgba (cr, fg, fg, fg, 0.95);
  draw_text (cr, widget, title, "Bold 10.5", b->x + 8, b->y + 5, b->w - 40, FALSE);
  if (b->queue != NULL && b->queue->items->len > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", b->queue->items->len);
      draw_text (cr, widget, count, "Bold 10.5", b->x + b->w - 40, b->y + 5, 32, TRUE);
    }
  else
    {
      cairo_set_source_rgba (cr, fg, fg, fg, 0.40);
      draw_text (cr, widget, "empty", "Italic 9.5", b->x + 8, b->y + 26, b->w - 16, FALSE);
    }
  draw_queue_items (self, cr, b, now);
}

static double
ease (double t)
{
  t = CLAMP (t, 0, 1);
  return t < 0.5 ? 4 * t * t * t : 1 - pow (-2 * t + 2, 3) / 2;
}

static void
draw_flight (AwaitlabQueuesView *self,
             cairo_t            *cr,
             GArray             *boxes,
             const Flight       *f,
             gint64              now)
{
  const Box *from = find_box (boxes, f->from);
  const Box *to = find_box (boxes, f->to);
  GtkWidget *widget = GTK_WIDGET (self->canvas);
  double t, e, w, x0, y0, x1, y1, x, y, lift;

  if (from == NULL || to == NULL || now < f->start)
    return;
  t = (now - f->start) / (double)FLIGHT_US;

  if (t >= 1)
    {
      /* Arrived: the destination glows in the chip's colour, fading. */
      double a = 1 - (now - f->start - FLIGHT_US) / (double)PULSE_US;

      if (a <= 0)
        return;
      rounded_rect (cr, to->x, to->y, to->w, to->h, 8);
      cairo_set_source_rgba (cr, f->color.red, f->color.green, f->color.blue, 0.9 * a);
      cairo_set_line_width (cr, 4);
      cairo_stroke (cr);
      return;
    }

  e = ease (t);
  w = chip_width (widget, f->label, 170);
  x0 = from->x + from->w / 2;
  y0 = from->y + from->h / 2;
  x1 = to->x + to->w / 2;
  y1 = to->y + to->h / 2;
  /* Along the same row the chip arcs up, so it does not slide through boxes. */
  lift = fabs (y1 - y0) < 1 ? MIN (from->h * 0.55, 40) : 0;
  x = x0 + (x1 - x0) * e;
  y = y0 + (y1 - y0) * e - lift * sin (G_PI * e);

  /* A trail from where it left, so the direction reads from afar. */
  cairo_set_source_rgba (cr, f->color.red, f->color.green, f->color.blue, 0.55);
  cairo_set_line_width (cr, 4);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x0, y0);
  if (lift > 0)
    cairo_curve_to (cr, x0 + (x - x0) / 3, y0 - lift * e, x - (x - x0) / 3, y - lift * 0.2, x, y);
  else
    cairo_line_to (cr, x, y);
  cairo_stroke (cr);

  /* The chip itself, with a shadow. */
  rounded_rect (cr, x - w / 2 + 2, y - CHIP_H / 2 + 3, w, CHIP_H, 6);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_fill (cr);
  draw_chip (cr, widget, f->label, &f->color, x - w / 2, y - CHIP_H / 2, w, 1);
}

void
queues_draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        user_data)
{
  AwaitlabQueuesView *self = user_data;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double fg = dark ? 1 : 0;
  g_autoptr(GArray) boxes = NULL;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (area));
  gint64 now = clock ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  double row_h;

  if (self->state == NULL)
    return;

  /* Presentation mode: the same layout in a smaller space, drawn larger. */
  cairo_scale (cr, self->scale, self->scale);
  width = (int) (width / self->scale);
  height = (int) (height / self->scale);
  row_h = (height - 2 * 4 - GAP) / 2;

  cairo_set_source_rgba (cr, fg, fg, fg, 0.6);
  draw_text (cr, GTK_WIDGET (area), "Waiting", "Bold 10", 10, 4 + row_h / 2 - 9, LABEL_W - 14, FALSE);
  draw_text (cr, GTK_WIDGET (area), "Threads", "Bold 10", 10, 4 + row_h + GAP + row_h / 2 - 9, LABEL_W - 14, FALSE);

  boxes = layout (self, width, height);
  for (guint i = 0; i < boxes->len; i++)
    draw_box (self, cr, &g_array_index (boxes, Box, i), dark, now);
  for (guint i = 0; i < self->flights->len; i++)
    draw_flight (self, cr, boxes, &g_array_index (self->flights, Flight, i), now);
}
