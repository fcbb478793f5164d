/* awaitlab-queues-view.c
 *
 * Boxes are laid out afresh at every draw from the state at the playhead, so
 * nothing here can disagree with awl_trace_state_at(). Movements ("flights")
 * are planned from the events between the previous and the new index when the
 * playhead moves forward a little (a step, a frame of playback) and drawn with
 * the frame clock; a jump or a step back just shows the new state.
 */

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "awaitlab-queues-view.h"
#include "awaitlab-timeline-renderer.h"

#define LABEL_W      78.0
#define GAP          8.0
#define BOX_MIN_W    112.0
#define BOX_MAX_W    250.0
#define CHIP_H       22.0
#define FLIGHT_US    (700 * 1000)     /* one movement, slow enough to follow */
#define PULSE_US     (350 * 1000)     /* the destination glows after arrival */
#define STAGGER_US   (220 * 1000)     /* movements of one step one after another */
#define MAX_FLIGHTS  10
#define MAX_PLAN     16               /* a longer forward move is a jump: no movement */

typedef enum
{
  BOX_TIMERS,
  BOX_IO,
  BOX_UI,
  BOX_GLOBAL,
  BOX_REQUEST,
  BOX_LOCAL,
  BOX_THREAD,
  BOX_MORE,
} BoxKind;

typedef struct
{
  BoxKind kind;
  gint64  id;         /* queue owner / thread id; 0 otherwise */
} BoxKey;

typedef struct
{
  BoxKey                key;
  double                x, y, w, h;
  const AwlStateQueue  *queue;    /* NULL when empty / not a queue */
  const AwlStateThread *thread;   /* thread boxes */
  guint                 more;     /* BOX_MORE: how many are left out */
} Box;

typedef struct
{
  BoxKey        from;
  BoxKey        to;
  char         *label;
  AwaitlabColor color;
  guint64       item;     /* the work item id while it travels into a queue, 0 otherwise */
  gint64        start;    /* µs, frame clock time */
} Flight;

struct _AwaitlabQueuesView
{
  GtkWidget         parent_instance;

  GtkDrawingArea   *canvas;

  AwlTrace         *trace;
  AwaitlabTimeline *timeline;
  AwlState         *state;
  guint             index;
  gboolean          has_ui;
  GArray           *flights;      /* Flight */
  guint             tick_id;
};

G_DEFINE_FINAL_TYPE (AwaitlabQueuesView, awaitlab_queues_view, GTK_TYPE_WIDGET)

static const AwaitlabColor posted_green = { 0.000, 0.620, 0.451 };  /* the timeline's posted flow */
static const AwaitlabColor queued_purple = { 0.800, 0.475, 0.655 }; /* the timeline's queued flow */
static const AwaitlabColor work_blue = { 0.000, 0.447, 0.698 };
static const AwaitlabColor timer_sky = { 0.337, 0.706, 0.914 };

static void
flight_clear (gpointer data)
{
  g_free (((Flight *)data)->label);
}

/* ------------------------------------------------------------------------- */
/* Names, labels, colours                                                    */

static BoxKey
queue_key (AwlQueueKind kind,
           gint64       owner)
{
  switch (kind)
    {
    case AWL_QUEUE_GLOBAL: return (BoxKey) { BOX_GLOBAL, 0 };
    case AWL_QUEUE_LOCAL: return (BoxKey) { BOX_LOCAL, owner };
    case AWL_QUEUE_UI: return (BoxKey) { BOX_UI, 0 };
    case AWL_QUEUE_REQUEST: return (BoxKey) { BOX_REQUEST, owner };
    case AWL_QUEUE_TIMER: return (BoxKey) { BOX_TIMERS, 0 };
    case AWL_QUEUE_IO:
    default: return (BoxKey) { BOX_IO, 0 };
    }
}

static gboolean
key_equal (BoxKey a,
           BoxKey b)
{
  return a.kind == b.kind && a.id == b.id;
}

static const char *
thread_name (AwaitlabQueuesView *self,
             guint               id)
{
  const AwlThreadInfo *t = awl_trace_get_thread (self->trace, id);
  return t && t->name ? t->name : "?";
}

/* The short form is for narrow boxes (a 900 px window). */
static char *
box_title_short (AwaitlabQueuesView *self,
                 BoxKey              key)
{
  switch (key.kind)
    {
    case BOX_IO: return g_strdup ("I/O");
    case BOX_UI: return g_strdup ("UI queue");
    case BOX_GLOBAL: return g_strdup ("Global");
    case BOX_REQUEST: return g_strdup_printf ("Request %" G_GINT64_FORMAT, key.id);
    case BOX_LOCAL: return g_strdup_printf ("%s local", thread_name (self, key.id));
    default: return NULL;
    }
}

static char *
box_title (AwaitlabQueuesView *self,
           BoxKey              key)
{
  switch (key.kind)
    {
    case BOX_TIMERS: return g_strdup ("Timers");
    case BOX_IO: return g_strdup ("I/O in flight");
    case BOX_UI: return g_strdup ("UI message queue");
    case BOX_GLOBAL: return g_strdup ("Pool global queue");
    case BOX_REQUEST: return g_strdup_printf ("Request %" G_GINT64_FORMAT " context", key.id);
    case BOX_LOCAL: return g_strdup_printf ("%s local queue", thread_name (self, key.id));
    case BOX_THREAD: return g_strdup (thread_name (self, key.id));
    case BOX_MORE:
    default: return g_strdup ("");
    }
}

/* Short enough for a chip: "↪ Button_Click", "I/O done", "lambda#1". */
static char *
chip_label (const char *description)
{
  const char *paren, *scheme;

  if (description == NULL)
    return g_strdup ("work item");
  if (g_str_has_prefix (description, "continuation of "))
    return g_strdup_printf ("↪ %s", description + strlen ("continuation of "));
  if (g_str_has_prefix (description, "I/O completion"))
    return g_strdup ("I/O done");
  if ((scheme = strstr (description, "://")) != NULL)
    {
      /* "GET https://images.example/resize/3" → "GET /resize/3": the path tells them apart. */
      const char *space = strchr (description, ' ');
      const char *path = strchr (scheme + 3, '/');
      int verb = space != NULL && space < scheme ? (int)(space - description + 1) : 0;

      return g_strdup_printf ("%.*s%s", verb, description, path ? path : scheme + 3);
    }
  if (g_str_has_prefix (description, "Task ") && (paren = strchr (description, '(')) != NULL)
    {
      const char *dot = strrchr (paren, '.');
      const char *start = dot ? dot + 1 : paren + 1;
      gsize len = strlen (start);

      return g_strndup (start, len > 0 && start[len - 1] == ')' ? len - 1 : len);
    }
  return g_strdup (description);
}

static AwaitlabColor
chip_color (BoxKind     where,
            const char *description)
{
  if (where == BOX_TIMERS)
    return timer_sky;
  if (where == BOX_IO || (description && g_str_has_prefix (description, "I/O completion")))
    return posted_green;
  if (description && g_str_has_prefix (description, "continuation of "))
    return where == BOX_UI || where == BOX_REQUEST ? posted_green : queued_purple;
  return work_blue;
}

static int
lane_of_thread (AwaitlabQueuesView *self,
                guint               thread)
{
  for (guint lane = 0; self->timeline && lane < awaitlab_timeline_get_n_lanes (self->timeline); lane++)
    if (awaitlab_timeline_get_lane_kind (self->timeline, lane) == AWAITLAB_LANE_THREAD &&
        awaitlab_timeline_get_lane_thread (self->timeline, lane) == (int)thread)
      return lane;
  return -1;
}

/* ------------------------------------------------------------------------- */
/* Layout                                                                    */

static const AwlStateQueue *
find_queue (const AwlState *state,
            BoxKey          key)
{
  for (guint i = 0; state && i < state->queues->len; i++)
    {
      const AwlStateQueue *q = g_ptr_array_index (state->queues, i);

      if (key_equal (queue_key (q->kind, q->owner), key))
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

      if (key_equal (f->from, key) || key_equal (f->to, key))
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
      BoxKey key = queue_key (q->kind, q->owner);

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
              seen = key_equal (g_array_index (top, BoxKey, j), ends[k]);
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
    if (key_equal (g_array_index (boxes, Box, i).key, key))
      return &g_array_index (boxes, Box, i);
  return NULL;
}

/* ------------------------------------------------------------------------- */
/* Drawing                                                                   */

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

      if (f->item == item && key_equal (f->to, key) && now < f->start + FLIGHT_US)
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
      g_autofree char *label = chip_label (d);
      AwaitlabColor c = chip_color (b->key.kind, d);
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
  g_autofree char *title = box_title (self, b->key);
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
      int lane = lane_of_thread (self, b->thread->id);

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
      char *shorter = box_title_short (self, b->key);

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

static void
draw (GtkDrawingArea *area,
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
  double row_h = (height - 2 * 4 - GAP) / 2;

  if (self->state == NULL)
    return;

  cairo_set_source_rgba (cr, fg, fg, fg, 0.6);
  draw_text (cr, GTK_WIDGET (area), "Waiting", "Bold 10", 10, 4 + row_h / 2 - 9, LABEL_W - 14, FALSE);
  draw_text (cr, GTK_WIDGET (area), "Threads", "Bold 10", 10, 4 + row_h + GAP + row_h / 2 - 9, LABEL_W - 14, FALSE);

  boxes = layout (self, width, height);
  for (guint i = 0; i < boxes->len; i++)
    draw_box (self, cr, &g_array_index (boxes, Box, i), dark, now);
  for (guint i = 0; i < self->flights->len; i++)
    draw_flight (self, cr, boxes, &g_array_index (self->flights, Flight, i), now);
}

/* ------------------------------------------------------------------------- */
/* Movements                                                                 */

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  AwaitlabQueuesView *self = AWAITLAB_QUEUES_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  for (guint i = self->flights->len; i-- > 0; )
    if (now >= g_array_index (self->flights, Flight, i).start + FLIGHT_US + PULSE_US)
      g_array_remove_index (self->flights, i);

  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  if (self->flights->len == 0)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (AwaitlabQueuesView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static void
add_flight (AwaitlabQueuesView *self,
            BoxKey              from,
            BoxKey              to,
            const char         *description,
            guint64             item,
            gint64              start)
{
  Flight f = { from, to, chip_label (description), chip_color (to.kind == BOX_THREAD ? from.kind : to.kind, description),
               item, start };

  g_array_append_val (self->flights, f);
  while (self->flights->len > MAX_FLIGHTS)
    g_array_remove_index (self->flights, 0);
}

/* What moved between the old state and event @to: work queued (from the
 * thread or from the timer / I/O that completed), taken by a thread, I/O and
 * timers started. */
static void
plan_flights (AwaitlabQueuesView *self,
              const AwlState     *old,
              guint               from,
              guint               to)
{
  g_autoptr(GHashTable) descriptions = g_hash_table_new (g_int64_hash, g_int64_equal);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  gint64 now = clock ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  const AwlEvent *ev;
  BoxKey runtime_origin = { BOX_MORE, 0 };
  AwlTime runtime_time = AWL_TIME_NONE;
  guint n, planned = 0;

  ev = awl_trace_get_events (self->trace, &n);
  for (guint i = 0; i < old->queues->len; i++)
    {
      const AwlStateQueue *q = g_ptr_array_index (old->queues, i);

      for (guint k = 0; k < q->items->len; k++)
        g_hash_table_insert (descriptions, &g_array_index (q->items, guint64, k),
                             g_ptr_array_index (q->descriptions, k));
    }

  for (guint i = from + 1; i <= to && i < n; i++)
    {
      const AwlEvent *e = &ev[i];
      gint64 start = now + planned * STAGGER_US;

      switch ((AwlEventKind) e->kind)
        {
        case AWL_EVENT_IO_DONE:
        case AWL_EVENT_TIMER_FIRED:
          runtime_origin = (BoxKey) { e->kind == AWL_EVENT_IO_DONE ? BOX_IO : BOX_TIMERS, 0 };
          runtime_time = e->time;
          break;
        case AWL_EVENT_QUEUE:
          {
            BoxKey src = e->thread ? (BoxKey) { BOX_THREAD, e->thread } : runtime_origin;

            g_hash_table_insert (descriptions, (gpointer)&e->b, (gpointer)e->text);
            if (e->thread == 0 && runtime_time != e->time)
              break;   /* nothing visible put it there (the first UI message) */
            add_flight (self, src, queue_key (e->sub, e->a), e->text, e->b, start);
            planned++;
          }
          break;
        case AWL_EVENT_DEQUEUE:
          if (e->thread != 0)
            {
              add_flight (self, queue_key (e->sub, e->a), (BoxKey) { BOX_THREAD, e->thread },
                          g_hash_table_lookup (descriptions, &e->b), 0, start);
              planned++;
            }
          break;
        case AWL_EVENT_IO_START:
          if (e->sub == 0 && e->thread != 0)
            {
              add_flight (self, (BoxKey) { BOX_THREAD, e->thread }, (BoxKey) { BOX_IO, 0 }, e->text, 0, start);
              planned++;
            }
          break;
        case AWL_EVENT_TIMER_SET:
          if (e->thread != 0)
            {
              add_flight (self, (BoxKey) { BOX_THREAD, e->thread }, (BoxKey) { BOX_TIMERS, 0 },
                          e->text ? e->text : "timer", 0, start);
              planned++;
            }
          break;
        default:
          break;
        }
    }

  if (self->flights->len > 0 && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick, NULL, NULL);
}

/* ------------------------------------------------------------------------- */

static void
awaitlab_queues_view_dispose (GObject *object)
{
  AwaitlabQueuesView *self = (AwaitlabQueuesView *)object;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), AWAITLAB_TYPE_QUEUES_VIEW);
  g_clear_pointer (&self->state, awl_state_free);
  g_clear_pointer (&self->trace, awl_trace_unref);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->flights, g_array_unref);

  G_OBJECT_CLASS (awaitlab_queues_view_parent_class)->dispose (object);
}

static void
awaitlab_queues_view_class_init (AwaitlabQueuesViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = awaitlab_queues_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "queuesview");
  gtk_widget_class_set_template_from_resource (widget_class, "/org/awaitlab/Awaitlab/ui/awaitlab-queues-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AwaitlabQueuesView, canvas);
}

static void
awaitlab_queues_view_init (AwaitlabQueuesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->flights = g_array_new (FALSE, FALSE, sizeof (Flight));
  g_array_set_clear_func (self->flights, flight_clear);
  gtk_drawing_area_set_draw_func (self->canvas, draw, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->canvas, G_CONNECT_SWAPPED);
}

GtkWidget *
awaitlab_queues_view_new (void)
{
  return g_object_new (AWAITLAB_TYPE_QUEUES_VIEW, NULL);
}

void
awaitlab_queues_view_set_run (AwaitlabQueuesView *self,
                              AwlTrace           *trace,
                              AwaitlabTimeline   *timeline)
{
  guint n_threads;
  const AwlThreadInfo *threads;

  g_return_if_fail (AWAITLAB_IS_QUEUES_VIEW (self));

  g_clear_pointer (&self->state, awl_state_free);
  g_clear_pointer (&self->trace, awl_trace_unref);
  g_set_object (&self->timeline, timeline);
  g_array_set_size (self->flights, 0);
  self->trace = trace ? awl_trace_ref (trace) : NULL;
  self->has_ui = FALSE;
  self->index = G_MAXUINT;

  threads = trace ? awl_trace_get_threads (trace, &n_threads) : NULL;
  for (guint i = 0; threads != NULL && i < n_threads; i++)
    self->has_ui |= threads[i].kind == AWL_THREAD_UI;

  gtk_widget_set_visible (GTK_WIDGET (self), trace != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

void
awaitlab_queues_view_set_event (AwaitlabQueuesView *self,
                                guint               event_index)
{
  g_autoptr(AwlState) old = NULL;
  guint n;

  g_return_if_fail (AWAITLAB_IS_QUEUES_VIEW (self));

  if (self->trace == NULL)
    return;
  awl_trace_get_events (self->trace, &n);
  if (n == 0)
    return;
  event_index = MIN (event_index, n - 1);
  if (event_index == self->index)
    return;

  old = g_steal_pointer (&self->state);
  self->state = awl_trace_state_at (self->trace, event_index);

  if (old != NULL && event_index > self->index && event_index - self->index <= MAX_PLAN &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) && animations_enabled (self))
    plan_flights (self, old, self->index, event_index);
  else if (event_index < self->index || old == NULL)
    g_array_set_size (self->flights, 0);

  self->index = event_index;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

char *
awaitlab_queues_view_dup_text (AwaitlabQueuesView *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (AWAITLAB_IS_QUEUES_VIEW (self), NULL);

  for (guint i = 0; self->state != NULL && i < self->state->queues->len; i++)
    {
      const AwlStateQueue *q = g_ptr_array_index (self->state->queues, i);
      g_autofree char *title = box_title (self, queue_key (q->kind, q->owner));

      g_string_append_printf (out, "%s:", title);
      for (guint k = 0; k < q->items->len; k++)
        {
          g_autofree char *label = chip_label (g_ptr_array_index (q->descriptions, k));
          g_string_append_printf (out, "%s %s", k ? ";" : "", label);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
awaitlab_queues_view_dup_flights (AwaitlabQueuesView *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (AWAITLAB_IS_QUEUES_VIEW (self), NULL);

  for (guint i = 0; i < self->flights->len; i++)
    {
      const Flight *f = &g_array_index (self->flights, Flight, i);
      g_autofree char *from = box_title (self, f->from);
      g_autofree char *to = box_title (self, f->to);

      g_string_append_printf (out, "%s → %s: %s\n", from, to, f->label);
    }
  return g_string_free (out, FALSE);
}
