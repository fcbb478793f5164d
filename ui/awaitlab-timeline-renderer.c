/* awaitlab-timeline-renderer.c
 *
 * Level of detail: spans at least a pixel wide are drawn one by one; narrower
 * ones are merged per pixel column into the state covering most of it, and
 * columns of a same state are merged into one rectangle. When a column holds
 * many spans we jump over them with a binary search, so a frame costs
 * O(width × lanes × log n) however large the trace is (as in Sysprof/Perfetto).
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer.h"

#define MAX_EXACT_PER_COLUMN 12
#define LABEL_MIN_WIDTH      36.0

struct _AwaitlabTimelineRenderer
{
  double                scale;
  gint64                playhead;
  int                   selected;
  int                   hover_lane;
  int                   hover_span;
  guint                 dark : 1;
  guint                 show_counters : 1;
  guint                 show_flows : 1;
  guint                 show_outcome : 1;

  cairo_pattern_t      *patterns[AWAITLAB_N_SPAN_STATES];
  PangoFontDescription *font;
  PangoFontDescription *bold_font;
  PangoLayout          *layout;

  /* Rectangles of each state, filled in one go per frame: cairo's cost is
   * per fill call far more than per rectangle. */
  GArray               *batch[AWAITLAB_N_SPAN_STATES];
  GArray               *labels;
  cairo_rectangle_t     hover_rect;

  /* Layout of the last draw or hit test */
  GArray               *lane_y;
  GArray               *lane_h;
  double                counters_y;
  double                counter_h;
  double                area_x;
  double                area_w;
  double                ruler_h;
};

typedef struct
{
  double x0;
  double x1;
  int    state;
} Run;

typedef struct
{
  const AwaitlabSpan *span;
  double              x0;
  double              x1;
  double              y;
  double              h;
} Label;

const char *
awaitlab_span_state_name (AwaitlabSpanState state)
{
  switch (state)
    {
    case AWAITLAB_SPAN_IDLE: return _("Idle");
    case AWAITLAB_SPAN_RUNNING: return _("Running");
    case AWAITLAB_SPAN_READY: return _("Ready, waiting for a core");
    case AWAITLAB_SPAN_BLOCKED: return _("Blocked");
    case AWAITLAB_SPAN_EXITED: return _("Exited");
    case AWAITLAB_SPAN_TIMER: return _("Timer");
    case AWAITLAB_SPAN_IO: return _("I/O in flight");
    case AWAITLAB_N_SPAN_STATES:
    default:
      return "";
    }
}

/* Four significant digits: enough to tell events apart on a projected slide,
 * short enough that a playhead between two events does not read 53.3333 ms. */
char *
awaitlab_format_time (gint64 ns)
{
  const char *sign = ns < 0 ? "−" : "";
  gint64 a = ABS (ns);

  if (a == 0)
    return g_strdup ("0");
  if (a < 1000)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT " ns", sign, a);
  if (a < 1000000)
    return g_strdup_printf ("%s%.4g µs", sign, a / 1e3);
  if (a < G_GINT64_CONSTANT (1000000000))
    return g_strdup_printf ("%s%.4g ms", sign, a / 1e6);
  return g_strdup_printf ("%s%.4g s", sign, a / 1e9);
}

/* A tile repeated over a span: stripes for ready, cross-hatch for blocked, dots
 * for timers, so states differ by more than colour. */
static cairo_pattern_t *
make_pattern (AwaitlabSpanState state)
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

static void
update_fonts (AwaitlabTimelineRenderer *self)
{
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->bold_font, pango_font_description_free);

  self->font = pango_font_description_from_string ("Sans 9");
  pango_font_description_set_absolute_size (self->font, 11.5 * self->scale * PANGO_SCALE);
  self->bold_font = pango_font_description_copy (self->font);
  pango_font_description_set_weight (self->bold_font, PANGO_WEIGHT_BOLD);
}

AwaitlabTimelineRenderer *
awaitlab_timeline_renderer_new (void)
{
  AwaitlabTimelineRenderer *self = g_new0 (AwaitlabTimelineRenderer, 1);

  self->scale = 1.0;
  self->playhead = -1;
  self->selected = -1;
  self->hover_lane = -1;
  self->hover_span = -1;
  self->show_counters = TRUE;
  self->show_flows = TRUE;
  self->show_outcome = TRUE;
  self->lane_y = g_array_new (FALSE, TRUE, sizeof (double));
  self->lane_h = g_array_new (FALSE, TRUE, sizeof (double));

  for (guint i = 0; i < AWAITLAB_N_SPAN_STATES; i++)
    {
      self->patterns[i] = make_pattern (i);
      self->batch[i] = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
    }
  self->labels = g_array_new (FALSE, FALSE, sizeof (Label));

  update_fonts (self);

  return self;
}

void
awaitlab_timeline_renderer_free (AwaitlabTimelineRenderer *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < AWAITLAB_N_SPAN_STATES; i++)
    {
      g_clear_pointer (&self->patterns[i], cairo_pattern_destroy);
      g_array_unref (self->batch[i]);
    }
  g_array_unref (self->labels);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->bold_font, pango_font_description_free);
  g_clear_object (&self->layout);
  g_array_unref (self->lane_y);
  g_array_unref (self->lane_h);
  g_free (self);
}

void
awaitlab_timeline_renderer_set_dark (AwaitlabTimelineRenderer *self,
                                     gboolean                  dark)
{
  g_return_if_fail (self != NULL);
  self->dark = !!dark;
}

void
awaitlab_timeline_renderer_set_scale (AwaitlabTimelineRenderer *self,
                                      double                    scale)
{
  g_return_if_fail (self != NULL);

  scale = CLAMP (scale, 0.5, 3.0);
  if (scale != self->scale)
    {
      self->scale = scale;
      update_fonts (self);
    }
}

double
awaitlab_timeline_renderer_get_scale (AwaitlabTimelineRenderer *self)
{
  g_return_val_if_fail (self != NULL, 1.0);
  return self->scale;
}

void
awaitlab_timeline_renderer_set_playhead (AwaitlabTimelineRenderer *self,
                                         gint64                    playhead)
{
  g_return_if_fail (self != NULL);
  self->playhead = playhead;
}

void
awaitlab_timeline_renderer_set_selected (AwaitlabTimelineRenderer *self,
                                         int                       lane)
{
  g_return_if_fail (self != NULL);
  self->selected = lane;
}

void
awaitlab_timeline_renderer_set_hover (AwaitlabTimelineRenderer *self,
                                      int                       lane,
                                      int                       span)
{
  g_return_if_fail (self != NULL);
  self->hover_lane = lane;
  self->hover_span = span;
}

void
awaitlab_timeline_renderer_set_show_counters (AwaitlabTimelineRenderer *self,
                                              gboolean                  show)
{
  g_return_if_fail (self != NULL);
  self->show_counters = !!show;
}

void
awaitlab_timeline_renderer_set_show_flows (AwaitlabTimelineRenderer *self,
                                           gboolean                  show)
{
  g_return_if_fail (self != NULL);
  self->show_flows = !!show;
}

void
awaitlab_timeline_renderer_set_show_outcome (AwaitlabTimelineRenderer *self,
                                             gboolean                  show)
{
  g_return_if_fail (self != NULL);
  self->show_outcome = !!show;
}

double
awaitlab_timeline_renderer_get_label_width (AwaitlabTimelineRenderer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return 112 * self->scale;
}

/* Natural sizes, before squeezing into the height we are given. */
static double
lane_natural_height (AwaitlabTimelineRenderer *self,
                     AwaitlabTimeline         *timeline,
                     guint                     lane)
{
  if (awaitlab_timeline_get_lane_kind (timeline, lane) == AWAITLAB_LANE_ASYNC)
    return (MAX (2, awaitlab_timeline_get_lane_rows (timeline, lane)) * 11 + 6) * self->scale;
  return 34 * self->scale;
}

double
awaitlab_timeline_renderer_get_natural_height (AwaitlabTimelineRenderer *self,
                                               AwaitlabTimeline         *timeline)
{
  double h;

  g_return_val_if_fail (self != NULL, 0);

  h = 30 * self->scale;
  if (timeline == NULL)
    return h;

  for (guint i = 0; i < awaitlab_timeline_get_n_lanes (timeline); i++)
    h += lane_natural_height (self, timeline, i) + 4 * self->scale;
  if (self->show_counters && awaitlab_timeline_get_n_counters (timeline) > 0)
    h += 10 * self->scale + awaitlab_timeline_get_n_counters (timeline) * 34 * self->scale;

  return h + 8 * self->scale;
}

static void
compute_layout (AwaitlabTimelineRenderer *self,
                AwaitlabTimeline         *timeline,
                double                    width,
                double                    height)
{
  guint n_lanes = timeline ? awaitlab_timeline_get_n_lanes (timeline) : 0;
  guint n_counters = (timeline && self->show_counters) ? awaitlab_timeline_get_n_counters (timeline) : 0;
  double natural = awaitlab_timeline_renderer_get_natural_height (self, timeline);
  double fixed = 38 * self->scale + (n_counters ? 10 * self->scale : 0);
  double squeeze = 1.0;
  double y;

  self->ruler_h = 30 * self->scale;
  self->area_x = awaitlab_timeline_renderer_get_label_width (self);
  self->area_w = MAX (1, width - self->area_x - 8 * self->scale);

  /* Lanes share whatever is left when the widget is short (never below 40 %),
   * and grow a little into spare room, which reads better on a projector. */
  if (natural > fixed)
    squeeze = CLAMP ((height - fixed) / (natural - fixed), 0.4, 1.6);

  g_array_set_size (self->lane_y, n_lanes);
  g_array_set_size (self->lane_h, n_lanes);

  y = self->ruler_h;
  for (guint i = 0; i < n_lanes; i++)
    {
      double h = lane_natural_height (self, timeline, i) * squeeze;

      g_array_index (self->lane_y, double, i) = y + 2 * self->scale * squeeze;
      g_array_index (self->lane_h, double, i) = h;
      y += h + 4 * self->scale * squeeze;
    }

  self->counters_y = y + 10 * self->scale * squeeze;
  self->counter_h = 34 * self->scale * squeeze;
}

static inline double
time_x (AwaitlabTimelineRenderer *self,
        gint64                    begin,
        double                    px_per_ns,
        gint64                    t)
{
  return self->area_x + (double)(t - begin) * px_per_ns;
}

gint64
awaitlab_timeline_renderer_x_to_time (AwaitlabTimelineRenderer *self,
                                      gint64                    begin,
                                      gint64                    end,
                                      double                    width,
                                      double                    x)
{
  double area_x = awaitlab_timeline_renderer_get_label_width (self);
  double area_w = MAX (1, width - area_x - 8 * self->scale);

  return begin + (gint64)((x - area_x) / area_w * (double)(end - begin));
}

double
awaitlab_timeline_renderer_time_to_x (AwaitlabTimelineRenderer *self,
                                      gint64                    begin,
                                      gint64                    end,
                                      double                    width,
                                      gint64                    time)
{
  double area_x = awaitlab_timeline_renderer_get_label_width (self);
  double area_w = MAX (1, width - area_x - 8 * self->scale);

  if (end <= begin)
    return area_x;
  return area_x + (double)(time - begin) / (double)(end - begin) * area_w;
}

static void
set_color (cairo_t             *cr,
           const AwaitlabColor *c,
           double               alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, alpha);
}

static void
set_palette_color (cairo_t *cr,
                   void    (*pick) (AwaitlabColor *color))
{
  AwaitlabColor c;

  pick (&c);
  set_color (cr, &c, 1.0);
}

static void
set_fg (AwaitlabTimelineRenderer *self,
        cairo_t                  *cr,
        double                    alpha)
{
  if (self->dark)
    cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, alpha);
}

static void
show_text (AwaitlabTimelineRenderer *self,
           cairo_t                  *cr,
           const char               *text,
           double                    x,
           double                    y,
           double                    max_width,
           gboolean                  bold,
           gboolean                  center_y)
{
  int w, h;

  pango_layout_set_font_description (self->layout, bold ? self->bold_font : self->font);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_set_width (self->layout, max_width > 0 ? (int)(max_width * PANGO_SCALE) : -1);
  pango_layout_get_pixel_size (self->layout, &w, &h);
  cairo_move_to (cr, x, center_y ? y - h / 2.0 : y);
  pango_cairo_show_layout (cr, self->layout);
}

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

static void
draw_ruler (AwaitlabTimelineRenderer *self,
            cairo_t                  *cr,
            gint64                    begin,
            gint64                    end,
            double                    px_per_ns,
            double                    height)
{
  gint64 step, first;

  nice_step (end - begin, self->area_w, 90 * self->scale, &step);
  first = begin - (begin % step);
  if (first < begin)
    first += step;

  cairo_set_line_width (cr, 1);
  for (gint64 t = first; t <= end; t += step)
    {
      double x = floor (time_x (self, begin, px_per_ns, t)) + 0.5;
      g_autofree char *label = awaitlab_format_time (t);

      set_fg (self, cr, 0.07);
      cairo_move_to (cr, x, self->ruler_h);
      cairo_line_to (cr, x, height);
      cairo_stroke (cr);

      set_fg (self, cr, 0.35);
      cairo_move_to (cr, x, self->ruler_h - 7 * self->scale);
      cairo_line_to (cr, x, self->ruler_h);
      cairo_stroke (cr);

      set_fg (self, cr, awaitlab_palette_text_alpha (AWAITLAB_TEXT_SECONDARY));
      show_text (self, cr, label, x + 3 * self->scale, 5 * self->scale, -1, FALSE, FALSE);
    }

  set_fg (self, cr, 0.15);
  cairo_move_to (cr, self->area_x, self->ruler_h - 0.5);
  cairo_line_to (cr, self->area_x + self->area_w, self->ruler_h - 0.5);
  cairo_stroke (cr);
}

static inline void
add_rect (AwaitlabTimelineRenderer *self,
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

static void
fill_state (AwaitlabTimelineRenderer *self,
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

  /* Idle is an absence: a thin rule keeps the lane readable. */
  if (state == AWAITLAB_SPAN_IDLE)
    add_rect (self, state, x0, y + h / 2 - 0.5, w, 1);
  else
    add_rect (self, state, x0, y, w, h);
}

static void
flush_batches (AwaitlabTimelineRenderer *self,
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

static void
flush_labels (AwaitlabTimelineRenderer *self,
              cairo_t                  *cr,
              double                    veil_x,
              gboolean                  veiled);

static void
flush_run (AwaitlabTimelineRenderer *self,
           cairo_t                  *cr,
           Run                      *run,
           double                    y,
           double                    h)
{
  if (run->state >= 0)
    fill_state (self, cr, run->state, run->x0, y, run->x1, h);
  run->state = -1;
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
  int best = -1;
  double best_cov = 0;

  for (int s = 0; s < AWAITLAB_N_SPAN_STATES; s++)
    {
      /* Activity wins over idleness inside a column: a short burst of work
       * must stay visible when zoomed out. */
      double cov = acc[s] * (s == AWAITLAB_SPAN_IDLE || s == AWAITLAB_SPAN_EXITED ? 0.25 : 1.0);

      if (cov > best_cov)
        {
          best_cov = cov;
          best = s;
        }
    }

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

/* Index of the first span whose begin is >= @t. */
static guint
lower_bound (const AwaitlabSpan *spans,
             guint               n,
             gint64              t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (spans[mid].begin < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
draw_span_label (AwaitlabTimelineRenderer *self,
                 cairo_t                  *cr,
                 const AwaitlabSpan       *span,
                 double                    x0,
                 double                    x1,
                 double                    y,
                 double                    h)
{
  Label label = { span, x0, x1, y, h };
  const char *text = span->state == AWAITLAB_SPAN_BLOCKED && span->detail ? span->detail : span->label;

  if (text == NULL || x1 - x0 < LABEL_MIN_WIDTH * self->scale || h < 12 * self->scale)
    return;

  g_array_append_val (self->labels, label);
}

/* Labels are drawn twice: left of @veil_x before the veil over the future, with the
 * colour for the bar itself, and right of it after the veil (@veiled), with the
 * colour for the veiled bar; each keeps 4.5:1 (awaitlab-palette.h). */
static void
flush_labels (AwaitlabTimelineRenderer *self,
              cairo_t                  *cr,
              double                    veil_x,
              gboolean                  veiled)
{
  double pad = 4 * self->scale;

  for (guint i = 0; i < self->labels->len; i++)
    {
      const Label *l = &g_array_index (self->labels, Label, i);
      const AwaitlabSpan *span = l->span;
      const char *text = span->state == AWAITLAB_SPAN_BLOCKED && span->detail ? span->detail : span->label;
      double x0 = MAX (l->x0, self->area_x);
      double clip0 = veiled ? MAX (l->x0, veil_x) : l->x0;
      double clip1 = veiled ? l->x1 : MIN (l->x1, veil_x);
      AwaitlabColor color;

      if (clip1 <= clip0)
        continue;
      cairo_save (cr);
      cairo_rectangle (cr, clip0, l->y, clip1 - clip0, l->h);
      cairo_clip (cr);
      awaitlab_palette_span_label (span->state, veiled, self->dark, &color);
      set_color (cr, &color, 1.0);
      /* Keep the label on screen when the span starts left of the view. */
      show_text (self, cr, text, x0 + pad, l->y + l->h / 2, l->x1 - x0 - 2 * pad, FALSE, TRUE);
      cairo_restore (cr);
    }

  if (veiled)
    g_array_set_size (self->labels, 0);
}

static void
draw_thread_lane (AwaitlabTimelineRenderer *self,
                  cairo_t                  *cr,
                  AwaitlabTimeline         *timeline,
                  guint                     lane,
                  gint64                    begin,
                  gint64                    end,
                  double                    px_per_ns)
{
  double y = g_array_index (self->lane_y, double, lane);
  double h = g_array_index (self->lane_h, double, lane);
  double acc[AWAITLAB_N_SPAN_STATES] = { 0 };
  const AwaitlabSpan *spans;
  Run run = { 0, 0, -1 };
  double col = -1;
  guint in_col = 0;
  guint n, i;

  spans = awaitlab_timeline_get_spans (timeline, lane, &n);
  i = lower_bound (spans, n, begin);
  if (i > 0)
    i--;

  while (i < n && spans[i].begin <= end)
    {
      const AwaitlabSpan *span = &spans[i];
      double x0, x1;

      if (span->end < begin)
        {
          i++;
          continue;
        }

      x0 = time_x (self, begin, px_per_ns, MAX (span->begin, begin));
      x1 = time_x (self, begin, px_per_ns, MIN (span->end, end));

      if (x1 - x0 >= 1.0)
        {
          if (col >= 0)
            push_column (self, cr, &run, col, acc, y, h);
          flush_run (self, cr, &run, y, h);
          memset (acc, 0, sizeof acc);
          col = -1;

          fill_state (self, cr, span->state, x0, y, x1, h);
          if ((int)lane == self->hover_lane && (int)i == self->hover_span)
            {
              self->hover_rect.x = x0;
              self->hover_rect.y = y;
              self->hover_rect.width = x1 - x0;
              self->hover_rect.height = h;
            }
          draw_span_label (self, cr, span, x0, x1, y, h);
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
          gint64 next_t = begin + (gint64)ceil ((col + 1 - self->area_x) / px_per_ns);
          guint j = lower_bound (spans, n, next_t);

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
}

static void
draw_async_lane (AwaitlabTimelineRenderer *self,
                 cairo_t                  *cr,
                 AwaitlabTimeline         *timeline,
                 guint                     lane,
                 gint64                    begin,
                 gint64                    end,
                 double                    px_per_ns)
{
  double y = g_array_index (self->lane_y, double, lane);
  double h = g_array_index (self->lane_h, double, lane);
  guint rows = MAX (2, awaitlab_timeline_get_lane_rows (timeline, lane));
  double row_h = (h - 2 * self->scale) / rows;
  double last_x[16];
  const AwaitlabSpan *spans;
  guint n;

  for (guint r = 0; r < G_N_ELEMENTS (last_x); r++)
    last_x[r] = -1;

  spans = awaitlab_timeline_get_spans (timeline, lane, &n);

  /* Items overlap: start early enough to catch the longest one still running. */
  for (guint i = lower_bound (spans, n, begin - awaitlab_timeline_get_lane_max_span (timeline, lane));
       i < n && spans[i].begin <= end;
       i++)
    {
      const AwaitlabSpan *span = &spans[i];
      double x0, x1, ry;
      guint row = MIN (span->row, G_N_ELEMENTS (last_x) - 1);

      if (span->end < begin)
        continue;

      x0 = time_x (self, begin, px_per_ns, MAX (span->begin, begin));
      x1 = time_x (self, begin, px_per_ns, MIN (span->end, end));
      x1 = MAX (x1, x0 + 1);

      /* One item per pixel column and row is all the eye can see. */
      if (x1 <= last_x[row] + 0.5)
        continue;
      x0 = MAX (x0, last_x[row]);
      last_x[row] = x1;

      ry = y + 1 * self->scale + row * row_h;
      fill_state (self, cr, span->state, x0, ry + 1, x1, row_h - 2);
      if (row_h >= 10 * self->scale)
        draw_span_label (self, cr, span, x0, x1, ry + 1, row_h - 2);
    }
}

static void
draw_lane_label (AwaitlabTimelineRenderer *self,
                 cairo_t                  *cr,
                 AwaitlabTimeline         *timeline,
                 guint                     lane,
                 gboolean                  appeared)
{
  double y = g_array_index (self->lane_y, double, lane);
  double h = g_array_index (self->lane_h, double, lane);
  double s = self->scale;
  gboolean in_cycle = awaitlab_timeline_lane_in_cycle (timeline, lane);
  AwaitlabColor chip;

  if ((int)lane == self->selected)
    {
      AwaitlabColor accent;

      awaitlab_palette_playhead (&accent);
      set_color (cr, &accent, self->dark ? 0.30 : 0.16);
      cairo_rectangle (cr, 0, y - 2 * s, self->area_x + self->area_w + 8 * s, h + 4 * s);
      cairo_fill (cr);
    }

  if (awaitlab_timeline_get_lane_kind (timeline, lane) == AWAITLAB_LANE_THREAD)
    {
      awaitlab_thread_color (lane, &chip);
      set_color (cr, &chip, appeared ? 1.0 : 0.35);
      cairo_arc (cr, 12 * s, y + h / 2, 5 * s, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  if (in_cycle)
    {
      awaitlab_palette_deadlock_text (self->dark, &chip);
      set_color (cr, &chip, 1.0);
    }
  else
    set_fg (self, cr, awaitlab_palette_text_alpha (appeared ? AWAITLAB_TEXT_PRIMARY : AWAITLAB_TEXT_DIM));
  show_text (self, cr, awaitlab_timeline_get_lane_name (timeline, lane),
             22 * s, y + h / 2, self->area_x - 26 * s,
             (int)lane == self->selected || in_cycle, TRUE);
}

static void
draw_arrow_head (cairo_t *cr,
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
    *y0 = ya + ha, *y1 = yb;
  else if (yb < ya)
    *y0 = ya, *y1 = yb + hb;
  else
    *y0 = ya + ha * 0.15, *y1 = yb + hb * 0.15;
}

/* Continuation arrows. When more than a few hundred are in view they are a
 * smear, not information: then only the selected thread's are drawn, all
 * strokes of a kind in one path. */
static void
draw_flows (AwaitlabTimelineRenderer *self,
            cairo_t                  *cr,
            AwaitlabTimeline         *timeline,
            gint64                    begin,
            gint64                    end,
            double                    px_per_ns)
{
  static const AwaitlabColor flow_colors[] = {
    [AWAITLAB_FLOW_QUEUED] = { 0.800, 0.475, 0.655 },  /* reddish purple */
    [AWAITLAB_FLOW_POSTED] = { 0.000, 0.620, 0.451 },  /* bluish green */
    [AWAITLAB_FLOW_INLINE] = { 0.50, 0.50, 0.50 },
  };
  const double max_flows = MAX (200, self->area_w / 4);
  const AwaitlabFlow *flows;
  guint n, first, last, n_lanes = awaitlab_timeline_get_n_lanes (timeline);
  gint64 limit = self->playhead >= 0 ? MIN (end, self->playhead) : end;
  gboolean only_selected;
  double s = self->scale;

  flows = awaitlab_timeline_get_flows (timeline, &n);

  /* Flows are sorted by origin; a continuation rarely travels far, so look
   * back one view width for arrows entering from the left. */
  {
    gint64 from = begin - (end - begin);
    guint lo = 0, hi = n;

    while (lo < hi)
      {
        guint mid = (lo + hi) / 2;
        if (flows[mid].from_time < from)
          lo = mid + 1;
        else
          hi = mid;
      }
    first = lo;
    hi = n;
    while (lo < hi)
      {
        guint mid = (lo + hi) / 2;
        if (flows[mid].from_time <= limit)
          lo = mid + 1;
        else
          hi = mid;
      }
    last = lo;
  }

  only_selected = (last - first) > max_flows;
  if (only_selected && self->selected < 0)
    return;

  cairo_set_line_width (cr, 1.6 * s);

  for (guint kind = 0; kind <= AWAITLAB_FLOW_INLINE; kind++)
    {
      guint drawn = 0;

      for (guint i = first; i < last && drawn < max_flows; i++)
        {
          const AwaitlabFlow *f = &flows[i];
          double x0, x1, y0, y1, dy;

          if (f->kind != kind || f->to_time < begin ||
              f->from_lane >= n_lanes || f->to_lane >= n_lanes)
            continue;
          if (only_selected && (int)f->from_lane != self->selected && (int)f->to_lane != self->selected)
            continue;

          x0 = time_x (self, begin, px_per_ns, f->from_time);
          x1 = time_x (self, begin, px_per_ns, f->to_time);
          flow_endpoints (self, f, &y0, &y1);
          dy = (y1 - y0) * 0.5;

          cairo_move_to (cr, x0, y0);
          if (y0 == y1)
            cairo_curve_to (cr, x0, y0 - 14 * s, x1, y1 - 14 * s, x1, y1);
          else
            cairo_curve_to (cr, x0, y0 + dy, x1, y1 - dy, x1, y1);
          drawn++;
        }

      if (drawn == 0)
        continue;

      set_color (cr, &flow_colors[kind], 0.95);
      if (kind == AWAITLAB_FLOW_INLINE)
        {
          const double dash[] = { 3 * s, 3 * s };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      drawn = 0;
      for (guint i = first; i < last && drawn < max_flows; i++)
        {
          const AwaitlabFlow *f = &flows[i];
          double x0, x1, y0, y1;

          if (f->kind != kind || f->to_time < begin ||
              f->from_lane >= n_lanes || f->to_lane >= n_lanes)
            continue;
          if (only_selected && (int)f->from_lane != self->selected && (int)f->to_lane != self->selected)
            continue;

          x0 = time_x (self, begin, px_per_ns, f->from_time);
          x1 = time_x (self, begin, px_per_ns, f->to_time);
          flow_endpoints (self, f, &y0, &y1);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x0, y0, 2.5 * s, 0, 2 * G_PI);
          cairo_close_path (cr);
          if (f->to_time <= limit)
            {
              double angle = y1 >= y0 ? G_PI / 2 : -G_PI / 2;
              double size = 7 * s;

              cairo_move_to (cr, x1, y1);
              cairo_line_to (cr, x1 - size * cos (angle - 0.45), y1 - size * sin (angle - 0.45));
              cairo_line_to (cr, x1 - size * cos (angle + 0.45), y1 - size * sin (angle + 0.45));
              cairo_close_path (cr);
            }
          drawn++;
        }
      cairo_fill (cr);
    }
}

static void
draw_marks (AwaitlabTimelineRenderer *self,
            cairo_t                  *cr,
            AwaitlabTimeline         *timeline,
            gint64                    begin,
            gint64                    end,
            double                    px_per_ns)
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

      if (m->time < begin || m->time > end || m->lane >= n_lanes)
        continue;

      x = time_x (self, begin, px_per_ns, m->time);
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
    add_rect (self, 0, x0, top, x1 - x0, y + h - top);
  add_rect (self, 1, x0, top - 0.75 * self->scale, x1 - x0, 1.5 * self->scale);
}

static void
draw_counters (AwaitlabTimelineRenderer *self,
               cairo_t                  *cr,
               AwaitlabTimeline         *timeline,
               gint64                    begin,
               gint64                    end,
               double                    px_per_ns)
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
      double y = self->counters_y + c * self->counter_h;
      double h = self->counter_h - 6 * s;
      double max, peak = 0, value = 0, x_prev;
      g_autofree char *max_label = NULL;
      guint n, i;

      pts = awaitlab_timeline_get_counter (timeline, c, &n, &max);
      max = MAX (max, 1);

      set_fg (self, cr, awaitlab_palette_text_alpha (AWAITLAB_TEXT_SECONDARY));
      show_text (self, cr, awaitlab_timeline_get_counter_name (timeline, c),
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
            if (pts[mid].time <= begin)
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
      while (i < n && pts[i].time <= end)
        {
          double x = floor (time_x (self, begin, px_per_ns, pts[i].time));
          double col_max = value;
          guint j = i;

          if (x > x_prev)
            column_rects (self, x_prev, x, value, max, y, h);

          /* Everything up to the next pixel column collapses into one step. */
          while (j < n && pts[j].time <= end &&
                 floor (time_x (self, begin, px_per_ns, pts[j].time)) == x &&
                 j - i < MAX_EXACT_PER_COLUMN)
            {
              col_max = MAX (col_max, pts[j].value);
              value = pts[j].value;
              j++;
            }
          if (j - i == MAX_EXACT_PER_COLUMN)
            {
              gint64 next_t = begin + (gint64)ceil ((x + 1 - self->area_x) / px_per_ns);
              guint lo = j, hi = n;

              while (lo < hi)
                {
                  guint mid = (lo + hi) / 2;
                  if (pts[mid].time < next_t)
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
      show_text (self, cr, max_label, self->area_x + 3 * s, y, -1, FALSE, FALSE);
    }
}

static void
draw_cycle (AwaitlabTimelineRenderer *self,
            cairo_t                  *cr,
            AwaitlabTimeline         *timeline,
            gint64                    begin,
            gint64                    end,
            double                    px_per_ns)
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

  x = MIN (time_x (self, begin, px_per_ns, t_end), self->area_x + self->area_w - 4 * s);
  cairo_set_line_width (cr, 3 * s);

  /* Outline the blocked span of every lane in the cycle. */
  for (guint i = 0; i < n; i++)
    {
      guint lane = cycle[i];
      double y, h, x0;
      const AwaitlabSpan *spans;
      guint n_spans;
      int idx;

      if (lane >= n_lanes)
        continue;
      y = g_array_index (self->lane_y, double, lane);
      h = g_array_index (self->lane_h, double, lane);
      spans = awaitlab_timeline_get_spans (timeline, lane, &n_spans);
      idx = awaitlab_timeline_find_span (timeline, lane, MAX (0, t_end - 1));
      x0 = idx >= 0 ? time_x (self, begin, px_per_ns, MAX (begin, spans[idx].begin)) : x - 20 * s;
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

      if (a >= n_lanes || b >= n_lanes)
        continue;
      ya = g_array_index (self->lane_y, double, a);
      ha = g_array_index (self->lane_h, double, a);
      yb = g_array_index (self->lane_y, double, b);
      hb = g_array_index (self->lane_h, double, b);
      set_palette_color (cr, awaitlab_palette_deadlock);

      if (a == b)
        {
          /* A thread waiting on itself: a loop over the end of its lane,
           * coming back down into the blocked span. */
          double r = MAX (8 * s, ha * 0.42);
          double cx = x - r - 4 * s, cy = ya + 2 * s;

          cairo_new_sub_path (cr);
          cairo_arc_negative (cr, cx, cy, r, G_PI * 0.05, G_PI * 0.95);
          cairo_stroke (cr);
          draw_arrow_head (cr, cx - r * cos (G_PI * 0.05), cy + r * sin (G_PI * 0.05) + 4 * s,
                           G_PI / 2, 9 * s);
        }
      else
        {
          double y0 = ya + ha / 2, y1 = yb + hb / 2;
          double bend = (i % 2 == 0 ? -1 : 1) * 26 * s;

          cairo_move_to (cr, x - 6 * s, y0);
          cairo_curve_to (cr, x + bend, y0, x + bend, y1, x - 6 * s, y1);
          cairo_stroke (cr);
          draw_arrow_head (cr, x - 6 * s, y1, G_PI, 8 * s);
        }
    }
}

static void
draw_playhead (AwaitlabTimelineRenderer *self,
               cairo_t                  *cr,
               gint64                    begin,
               gint64                    end,
               double                    px_per_ns,
               double                    height)
{
  g_autofree char *label = NULL;
  double x, s = self->scale;
  int w, h;

  if (self->playhead < begin || self->playhead > end)
    return;

  x = round (time_x (self, begin, px_per_ns, self->playhead)) + 0.5;
  set_palette_color (cr, awaitlab_palette_playhead);
  cairo_set_line_width (cr, 2 * s);
  cairo_move_to (cr, x, self->ruler_h);
  cairo_line_to (cr, x, height);
  cairo_stroke (cr);

  label = awaitlab_format_time (self->playhead);
  pango_layout_set_font_description (self->layout, self->bold_font);
  pango_layout_set_text (self->layout, label, -1);
  pango_layout_set_width (self->layout, -1);
  pango_layout_get_pixel_size (self->layout, &w, &h);

  {
    double bx = CLAMP (x - w / 2.0 - 6 * s, self->area_x, self->area_x + self->area_w - w - 12 * s);
    double by = 3 * s, bw = w + 12 * s, bh = self->ruler_h - 6 * s, r = bh / 2;

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

void
awaitlab_timeline_renderer_draw (AwaitlabTimelineRenderer *self,
                                 cairo_t                  *cr,
                                 AwaitlabTimeline         *timeline,
                                 gint64                    begin,
                                 gint64                    end,
                                 double                    width,
                                 double                    height)
{
  double px_per_ns, lanes_bottom, veil_x;
  guint n_lanes;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (end <= begin)
    end = begin + 1;

  cairo_save (cr);
  g_clear_object (&self->layout);
  self->layout = pango_cairo_create_layout (cr);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);

  compute_layout (self, timeline, width, height);
  px_per_ns = self->area_w / (double)(end - begin);
  self->hover_rect.width = 0;

  /* Background: the lane area is a shade off the label column. */
  if (self->dark)
    cairo_set_source_rgb (cr, 0.118, 0.118, 0.118);
  else
    cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_paint (cr);

  draw_ruler (self, cr, begin, end, px_per_ns, height);

  if (timeline == NULL)
    goto out;

  n_lanes = awaitlab_timeline_get_n_lanes (timeline);
  lanes_bottom = self->ruler_h;

  for (guint i = 0; i < n_lanes; i++)
    {
      gboolean appeared;
      double y = g_array_index (self->lane_y, double, i);
      double h = g_array_index (self->lane_h, double, i);

      appeared = self->playhead < 0 ||
                 awaitlab_timeline_get_lane_appear (timeline, i) <= self->playhead;
      draw_lane_label (self, cr, timeline, i, appeared);

      set_fg (self, cr, 0.04);
      cairo_rectangle (cr, self->area_x, y, self->area_w, h);
      cairo_fill (cr);

      if (awaitlab_timeline_get_lane_kind (timeline, i) == AWAITLAB_LANE_ASYNC)
        draw_async_lane (self, cr, timeline, i, begin, end, px_per_ns);
      else
        draw_thread_lane (self, cr, timeline, i, begin, end, px_per_ns);

      lanes_bottom = y + h;
    }

  cairo_save (cr);
  cairo_rectangle (cr, self->area_x, self->ruler_h, self->area_w, lanes_bottom - self->ruler_h);
  cairo_clip (cr);
  flush_batches (self, cr);
  if (self->hover_rect.width > 0)
    {
      set_fg (self, cr, 0.85);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, self->hover_rect.x + 1, self->hover_rect.y + 1,
                       self->hover_rect.width - 2, self->hover_rect.height - 2);
      cairo_stroke (cr);
    }
  veil_x = self->playhead >= 0 && self->playhead < end
           ? MAX (self->area_x, time_x (self, begin, px_per_ns, self->playhead))
           : G_MAXDOUBLE;
  flush_labels (self, cr, veil_x, FALSE);
  cairo_restore (cr);

  if (self->show_counters && awaitlab_timeline_get_n_counters (timeline) > 0)
    draw_counters (self, cr, timeline, begin, end, px_per_ns);

  cairo_save (cr);
  cairo_rectangle (cr, self->area_x, self->ruler_h, self->area_w + 8 * self->scale, height);
  cairo_clip (cr);
  draw_marks (self, cr, timeline, begin, end, px_per_ns);
  if (self->show_flows)
    draw_flows (self, cr, timeline, begin, end, px_per_ns);

  /* What has not happened yet is veiled, so the run unfolds as it plays. */
  if (self->playhead >= 0 && self->playhead < end)
    {
      double px = MAX (self->area_x, time_x (self, begin, px_per_ns, self->playhead));

      AwaitlabColor veil;
      double alpha;

      awaitlab_palette_veil (self->dark, &veil, &alpha);
      set_color (cr, &veil, alpha);
      cairo_rectangle (cr, px, self->ruler_h, self->area_x + self->area_w - px, height);
      cairo_fill (cr);
    }
  flush_labels (self, cr, veil_x, TRUE);

  cairo_restore (cr);

  /* Outside the lane clip: the self-wait loop rises above its lane. */
  if (self->show_outcome)
    draw_cycle (self, cr, timeline, begin, end, px_per_ns);

  (void)lanes_bottom;
  if (self->playhead >= 0)
    draw_playhead (self, cr, begin, end, px_per_ns, height);

out:
  g_clear_object (&self->layout);
  cairo_restore (cr);
}

/* The key to colours and patterns, one row, for the window and exports. */
void
awaitlab_timeline_renderer_draw_legend (AwaitlabTimelineRenderer *self,
                                        cairo_t                  *cr,
                                        double                    width,
                                        double                    height)
{
  static const struct {
    int         state;     /* -1: a flow, kind in @flow */
    int         flow;
    const char *label;
  } items[] = {
    { AWAITLAB_SPAN_RUNNING, 0, N_("Running") },
    { AWAITLAB_SPAN_READY, 0, N_("Ready, no free core") },
    { AWAITLAB_SPAN_BLOCKED, 0, N_("Blocked") },
    { AWAITLAB_SPAN_IDLE, 0, N_("Idle") },
    { AWAITLAB_SPAN_TIMER, 0, N_("Timer") },
    { AWAITLAB_SPAN_IO, 0, N_("I/O") },
    { -1, AWAITLAB_FLOW_POSTED, N_("Posted to context") },
    { -1, AWAITLAB_FLOW_QUEUED, N_("Queued to pool") },
  };
  static const AwaitlabColor flow_colors[] = {
    [AWAITLAB_FLOW_QUEUED] = { 0.800, 0.475, 0.655 },
    [AWAITLAB_FLOW_POSTED] = { 0.000, 0.620, 0.451 },
  };
  double s = self->scale, x = 12 * s, cy = height / 2;

  g_return_if_fail (self != NULL);

  cairo_save (cr);
  g_clear_object (&self->layout);
  self->layout = pango_cairo_create_layout (cr);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      int w, h;

      if (items[i].state >= 0)
        {
          fill_state (self, cr, items[i].state, x, cy - 6 * s, x + 22 * s, 12 * s);
          flush_batches (self, cr);
        }
      else
        {
          set_color (cr, &flow_colors[items[i].flow], 1);
          cairo_set_line_width (cr, 1.6 * s);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + 16 * s, cy);
          cairo_stroke (cr);
          draw_arrow_head (cr, x + 22 * s, cy, 0, 7 * s);
        }
      x += 28 * s;

      set_fg (self, cr, awaitlab_palette_text_alpha (AWAITLAB_TEXT_PRIMARY));
      pango_layout_set_font_description (self->layout, self->font);
      pango_layout_set_text (self->layout, _(items[i].label), -1);
      pango_layout_set_width (self->layout, -1);
      pango_layout_get_pixel_size (self->layout, &w, &h);
      cairo_move_to (cr, x, cy - h / 2.0);
      pango_cairo_show_layout (cr, self->layout);
      x += w + 18 * s;
      if (x > width)
        break;
    }

  g_clear_object (&self->layout);
  cairo_restore (cr);
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
  double px_per_ns;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  hit->lane = hit->span = hit->counter = -1;
  hit->time = awaitlab_timeline_renderer_x_to_time (self, begin, end, width, x);

  if (timeline == NULL || end <= begin)
    return FALSE;

  compute_layout (self, timeline, width, height);
  px_per_ns = self->area_w / (double)(end - begin);
  n_lanes = awaitlab_timeline_get_n_lanes (timeline);

  for (guint i = 0; i < n_lanes; i++)
    {
      double ly = g_array_index (self->lane_y, double, i);
      double lh = g_array_index (self->lane_h, double, i);
      const AwaitlabSpan *spans;
      guint n;
      /* A few pixels of slack so sub-pixel spans can still be picked. */
      gint64 slack = (gint64)(3.0 / px_per_ns);

      if (y < ly || y >= ly + lh)
        continue;

      hit->lane = i;
      if (x < self->area_x)
        return TRUE;

      spans = awaitlab_timeline_get_spans (timeline, i, &n);
      if (awaitlab_timeline_get_lane_kind (timeline, i) == AWAITLAB_LANE_ASYNC)
        {
          guint rows = MAX (2, awaitlab_timeline_get_lane_rows (timeline, i));
          guint row = (guint)((y - ly) / (lh / rows));

          for (guint s = lower_bound (spans, n, hit->time + slack); s-- > 0;)
            if (spans[s].row == row && spans[s].end + slack >= hit->time)
              {
                hit->span = s;
                break;
              }
        }
      else
        {
          int s = awaitlab_timeline_find_span (timeline, i, hit->time);

          if (s < 0)
            s = awaitlab_timeline_find_span (timeline, i, hit->time + slack);
          if (s >= 0 && spans[s].state != AWAITLAB_SPAN_EXITED)
            hit->span = s;
        }
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
