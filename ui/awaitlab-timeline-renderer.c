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
#include "awaitlab-time-axis-private.h"

#define MAX_EXACT_PER_COLUMN 12
#define LABEL_MIN_WIDTH      36.0

struct _AwaitlabTimelineRenderer
{
  double                scale;
  gint64                playhead;
  double                playhead_position; /* over events (3.5 = halfway from 3 to 4), < 0 = by time */
  AwaitlabTimeAxis     *axis;             /* the shared one, or NULL */
  AwaitlabTimeAxis     *own_axis;         /* real time, for other timelines */
  AwaitlabTimeAxis     *cur;              /* the one this frame maps through */
  guint                 no_summaries : 1;
  guint                 no_columns : 1;

  /* Zoomed far out a lane's pixels are written directly, column by column,
   * from 8×8 tiles of each state's colour and texture, then blitted: one
   * paint per lane instead of a rectangle per column (see paint_columns). */
  cairo_surface_t      *scratch;          /* ARGB32, reused for image targets */
  gint8                *columns;
  guint8               *pinned;           /* columns an instant claimed */
  int                   n_columns;
  guint                 direct : 1;       /* this frame may write pixels (identity matrix) */
  guint                 to_columns : 1;   /* fill_state writes self->columns */
  guint                 pin : 1;          /* the next fill_state is an instant */
  guint32               tiles[AWAITLAB_N_SPAN_STATES][8][8];
  guint32               idle_pixel;
  int                   tiles_dark;       /* -1 = not built */
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
  self->playhead_position = -1;
  self->tiles_dark = -1;
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
  g_clear_object (&self->axis);
  g_clear_object (&self->own_axis);
  g_clear_pointer (&self->scratch, cairo_surface_destroy);
  g_free (self->columns);
  g_free (self->pinned);
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

/* The playback's position over events (3.5 = halfway from event 3 to 4), so
 * on the step axis the playhead walks through an instant event by event; < 0
 * puts it after everything that happens at the playhead's time. */
void
awaitlab_timeline_renderer_set_playhead_position (AwaitlabTimelineRenderer *self,
                                                  double                    position)
{
  g_return_if_fail (self != NULL);
  self->playhead_position = position;
}

/* The axis to map through; a timeline it does not belong to is drawn on a
 * real-time axis of the renderer's own. */
void
awaitlab_timeline_renderer_set_axis (AwaitlabTimelineRenderer *self,
                                     AwaitlabTimeAxis         *axis)
{
  g_return_if_fail (self != NULL);
  g_set_object (&self->axis, axis);
  self->cur = NULL;
}

AwaitlabTimeAxis *
awaitlab_timeline_renderer_get_axis (AwaitlabTimelineRenderer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->axis;
}

/* Tests compare the summary-drawn picture with the exact one. */
void
awaitlab_timeline_renderer_set_use_summaries (AwaitlabTimelineRenderer *self,
                                              gboolean                  use)
{
  g_return_if_fail (self != NULL);
  self->no_summaries = !use;
}

static AwaitlabTimeAxis *
axis_for (AwaitlabTimelineRenderer *self,
          AwaitlabTimeline         *timeline)
{
  if (self->axis != NULL && awaitlab_time_axis_get_timeline (self->axis) == timeline)
    return self->axis;
  if (self->own_axis == NULL)
    self->own_axis = awaitlab_time_axis_new (AWAITLAB_AXIS_REAL);
  awaitlab_time_axis_set_timeline (self->own_axis, timeline);
  return self->own_axis;
}

static gint64
playhead_pos (AwaitlabTimelineRenderer *self)
{
  if (self->playhead < 0)
    return -1;
  if (self->playhead_position >= 0)
    {
      AwaitlabTimeline *timeline = awaitlab_time_axis_get_timeline (self->cur);
      guint n = 0, i = (guint)floor (self->playhead_position);
      double frac = self->playhead_position - i;
      gint64 a, b;

      if (timeline != NULL)
        awaitlab_timeline_get_events (timeline, &n);
      if (n > 0)
        {
          /* At event i the state is the one after it: the end of its slot. */
          if (i + 1 >= n)
            return MAX (awaitlab_time_axis_event_to_pos_after (self->cur, n - 1),
                        awaitlab_time_axis_time_to_pos_after (self->cur, self->playhead));
          a = awaitlab_time_axis_event_to_pos_after (self->cur, i);
          b = awaitlab_time_axis_event_to_pos_after (self->cur, i + 1);
          return a + (gint64)(frac * (b - a));
        }
    }
  return awaitlab_time_axis_time_to_pos_after (self->cur, self->playhead);
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
pos_x (AwaitlabTimelineRenderer *self,
       gint64                    begin,
       double                    px_per_unit,
       gint64                    pos)
{
  return self->area_x + (double)(pos - begin) * px_per_unit;
}

/* Where virtual time @t is drawn (the start of its instant). */
static inline double
time_x (AwaitlabTimelineRenderer *self,
        gint64                    begin,
        double                    px_per_unit,
        gint64                    t)
{
  return pos_x (self, begin, px_per_unit, awaitlab_time_axis_time_to_pos (self->cur, t));
}

static AwaitlabTimeAxis *
current_axis (AwaitlabTimelineRenderer *self)
{
  if (self->cur != NULL)
    return self->cur;
  if (self->axis != NULL)
    return self->axis;
  return axis_for (self, NULL);
}

gint64
awaitlab_timeline_renderer_x_to_pos (AwaitlabTimelineRenderer *self,
                                     gint64                    begin,
                                     gint64                    end,
                                     double                    width,
                                     double                    x)
{
  double area_x = awaitlab_timeline_renderer_get_label_width (self);
  double area_w = MAX (1, width - area_x - 8 * self->scale);

  return begin + (gint64)((x - area_x) / area_w * (double)(end - begin));
}

/* @begin and @end are axis positions (the visible range); times map through
 * the axis of the last timeline drawn or hit-tested. */
gint64
awaitlab_timeline_renderer_x_to_time (AwaitlabTimelineRenderer *self,
                                      gint64                    begin,
                                      gint64                    end,
                                      double                    width,
                                      double                    x)
{
  gint64 pos = awaitlab_timeline_renderer_x_to_pos (self, begin, end, width, x);

  return awaitlab_time_axis_pos_to_time (current_axis (self), pos);
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
  gint64 pos = awaitlab_time_axis_time_to_pos (current_axis (self), time);

  if (end <= begin)
    return area_x;
  return area_x + (double)(pos - begin) / (double)(end - begin) * area_w;
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

/* A broken-axis mark: two short slanted strokes across the ruler's base line,
 * as in a chart whose axis skips a stretch. */
static void
draw_break_mark (AwaitlabTimelineRenderer *self,
                 cairo_t                  *cr,
                 double                    x)
{
  double s = self->scale, y = self->ruler_h - 4 * s;

  if (self->dark)
    cairo_set_source_rgb (cr, 0.118, 0.118, 0.118);
  else
    cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
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
              if (x0 + w + 3 * s <= self->area_x + self->area_w + 8 * s)
                {
                  double lx = x0 + 3 * s;

                  set_fg (self, cr, 0.8);
                  show_text (self, cr, label, lx, 3 * s, -1, TRUE, FALSE);
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
static void
draw_ruler (AwaitlabTimelineRenderer *self,
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
      show_text (self, cr, label, x + 3 * self->scale, 5 * self->scale, -1, FALSE, FALSE);
      last_label = x + 3 * self->scale + w + 8 * self->scale;
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

  if (self->to_columns)
    {
      put_columns (self, state, x0, x1);
      return;
    }

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

/* Index of the first span whose position begins at or after @p. */
static guint
lower_bound (const AwaitlabAxisSpan *pos,
             guint                   n,
             gint64                  p)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (pos[mid].begin < p)
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

/* Code that ran in no virtual time (between two awaits, a continuation run
 * inline or posted) keeps a width a projector shows, on either axis. */
static inline gboolean
is_instant (const AwaitlabSpan *span)
{
  return span->begin == span->end && span->state != AWAITLAB_SPAN_IDLE &&
         span->state != AWAITLAB_SPAN_EXITED;
}

static void
ensure_columns (AwaitlabTimelineRenderer *self,
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
        fill_state (self, cr, run.state, run.x0, y, run.x1, h);
      run.state = st;
      run.x0 = x;
      run.x1 = x + 1;
    }
  if (run.state >= 0)
    fill_state (self, cr, run.state, run.x0, y, run.x1, h);
}

/* Draws self->columns (a state per pixel column, -1 = nothing) over the
 * lane rectangle. An image target reuses one scratch surface; anything else
 * (GTK records cairo nodes) gets a fresh one it can keep. */
static void
paint_columns (AwaitlabTimelineRenderer *self,
               cairo_t                  *cr,
               int                       width,
               double                    y,
               double                    h)
{
  int ax = (int)round (self->area_x), ry = (int)round (y), rh = (int)round (y + h) - ry;
  int idle_row = (int)round (y + h / 2 - 0.5) - ry;
  gboolean reuse = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  cairo_surface_t *surface;
  guint8 *data;
  int stride;

  if (rh <= 0 || width <= 0)
    return;
  if (!self->direct)
    {
      paint_columns_as_rects (self, cr, width, y, h);
      return;
    }
  build_tiles (self);

  if (reuse && self->scratch != NULL &&
      cairo_image_surface_get_width (self->scratch) >= width &&
      cairo_image_surface_get_height (self->scratch) >= rh)
    surface = cairo_surface_reference (self->scratch);
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, MAX (rh, 64));
      if (reuse)
        {
          g_clear_pointer (&self->scratch, cairo_surface_destroy);
          self->scratch = cairo_surface_reference (surface);
        }
    }

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int r = 0; r < rh; r++)
    {
      guint32 *row = (guint32 *)(gpointer)(data + r * stride);
      int ty = (ry + r) & 7;

      for (int c = 0; c < width; c++)
        {
          int st = self->columns[c];

          if (st < 0 || st == AWAITLAB_SPAN_EXITED)
            row[c] = 0;
          else if (st == AWAITLAB_SPAN_IDLE)
            row[c] = r == idle_row ? self->idle_pixel : 0;
          else
            row[c] = self->tiles[st][ty][(ax + c) & 7];
        }
    }
  cairo_surface_mark_dirty (surface);

  cairo_set_source_surface (cr, surface, ax, ry);
  cairo_rectangle (cr, ax, ry, width, rh);
  cairo_fill (cr);
  cairo_surface_destroy (surface);
}

/* Zoomed far out: each pixel column's state comes from the summary. */
static void
draw_thread_lane_summary (AwaitlabTimelineRenderer *self,
                          cairo_t                  *cr,
                          const AwaitlabSummary    *summary,
                          gint64                    begin,
                          double                    px_per_unit,
                          double                    y,
                          double                    h)
{
  double units_per_px = 1.0 / px_per_unit;
  int width = (int)ceil (self->area_w);

  ensure_columns (self, width);
  for (int c = 0; c < width; c++)
    {
      double acc[AWAITLAB_N_SPAN_STATES] = { 0 };
      gint64 x0 = begin + (gint64)(c * units_per_px);
      gint64 x1 = begin + (gint64)((c + 1) * units_per_px);

      awaitlab_summary_coverage (summary, x0, x1, acc);
      self->columns[c] = column_state (acc);
    }
  paint_columns (self, cr, width, y, h);
}

static void
draw_thread_lane (AwaitlabTimelineRenderer *self,
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
      draw_thread_lane_summary (self, cr, summary, begin, px_per_unit, y, h);
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
      ensure_columns (self, (int)ceil (self->area_w));
      self->to_columns = TRUE;
    }

  i = lower_bound (pos, n, begin);
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
          fill_state (self, cr, span->state, x0, y, x1, h);
          self->pin = FALSE;
          note_hover (self, lane, i, x0, x1, y, h);
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
          gint64 next_p = begin + (gint64)ceil ((col + 1 - self->area_x) / px_per_unit);
          guint j = lower_bound (pos, n, next_p);

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
      paint_columns (self, cr, (int)ceil (self->area_w), y, h);
    }
}

/* The timers lane zoomed far out: per row, a column shows the kind of item
 * covering most of it, if any. */
static void
draw_async_row_summary (AwaitlabTimelineRenderer *self,
                        cairo_t                  *cr,
                        const AwaitlabSummary    *summary,
                        gint64                    begin,
                        double                    px_per_unit,
                        double                    ry,
                        double                    rh)
{
  double units_per_px = 1.0 / px_per_unit;
  int width = (int)ceil (self->area_w);

  ensure_columns (self, width);
  for (int c = 0; c < width; c++)
    {
      double acc[AWAITLAB_N_SPAN_STATES] = { 0 };
      gint64 x0 = begin + (gint64)(c * units_per_px);
      gint64 x1 = begin + (gint64)((c + 1) * units_per_px);

      awaitlab_summary_coverage (summary, x0, x1, acc);
      self->columns[c] = acc[AWAITLAB_SPAN_TIMER] <= 0 && acc[AWAITLAB_SPAN_IO] <= 0 ? -1
                       : acc[AWAITLAB_SPAN_IO] > acc[AWAITLAB_SPAN_TIMER] ? AWAITLAB_SPAN_IO
                       : AWAITLAB_SPAN_TIMER;
    }
  paint_columns (self, cr, width, ry, rh);
}

static void
draw_async_lane (AwaitlabTimelineRenderer *self,
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
      for (guint r = 0; r < MIN (rows, G_N_ELEMENTS (last_x)); r++)
        {
          const AwaitlabSummary *row = awaitlab_time_axis_get_summary (self->cur, lane, r);
          double ry = y + 1 * self->scale + r * row_h;

          if (row != NULL)
            draw_async_row_summary (self, cr, row, begin, px_per_unit, ry + 1, row_h - 2);
        }
      return;
    }

  for (guint r = 0; r < G_N_ELEMENTS (last_x); r++)
    last_x[r] = -1;

  /* Direct pixels: one column buffer per row, painted row by row at the end. */
  if (self->direct)
    {
      int width = (int)ceil (self->area_w);

      ensure_columns (self, width);
      row_columns = g_malloc ((gsize)width * G_N_ELEMENTS (last_x));
      memset (row_columns, 0xff, (gsize)width * G_N_ELEMENTS (last_x));
      lane_columns = self->columns;
      self->to_columns = TRUE;
    }

  /* Items overlap: start early enough to catch the longest one still running. */
  for (guint i = lower_bound (pos, n, begin - awaitlab_time_axis_get_lane_max_span (self->cur, lane));
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
      fill_state (self, cr, span->state, x0, ry + 1, x1, row_h - 2);
      if (row_h >= 10 * self->scale)
        draw_span_label (self, cr, span, x0, x1, ry + 1, row_h - 2);
    }

  if (row_columns != NULL)
    {
      self->to_columns = FALSE;
      for (guint r = 0; r < MIN (rows, G_N_ELEMENTS (last_x)); r++)
        {
          self->columns = row_columns + (gsize)r * self->n_columns;
          paint_columns (self, cr, self->n_columns, y + 1 * self->scale + r * row_h + 1, row_h - 2);
        }
      self->columns = lane_columns;
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
      draw_arrow_head (cr, x1, y1 + (angle > 0 ? 2 : -2) * s, angle, (bold ? 13 : 7) * s);
    }
}

/* A continuation posted to a thread that never ran it (the UI thread blocked
 * on the very task: the classic deadlock) says so, in a pill left of the
 * arrow so it stays on screen at the end of the run. */
static void
draw_never_run (AwaitlabTimelineRenderer *self,
                cairo_t                  *cr,
                const AwaitlabFlow       *f,
                double                    x0)
{
  double s = self->scale, y0, y1, bx, by, r;
  int w, h;

  flow_endpoints (self, f, &y0, &y1);
  pango_layout_set_font_description (self->layout, self->bold_font);
  pango_layout_set_text (self->layout, _("posted, never run"), -1);
  pango_layout_set_width (self->layout, -1);
  pango_layout_get_pixel_size (self->layout, &w, &h);

  bx = MAX (self->area_x + 2 * s, x0 - w - 22 * s);
  by = y1 - h / 2.0 - 3 * s;
  r = (h + 6 * s) / 2;
  cairo_new_sub_path (cr);
  cairo_arc (cr, bx + r, by + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, bx + w + 12 * s - r, by + r, r, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  if (self->dark)
    cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  set_color (cr, &flow_colors[MIN (f->kind, AWAITLAB_FLOW_INLINE)], 1);
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
static void
draw_flows (AwaitlabTimelineRenderer *self,
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
  gint64 play = playhead_pos (self);
  gint64 limit = play >= 0 ? MIN (end, play) : end;
  double limit_x = pos_x (self, begin, px_per_unit, limit) + 0.5;
  gboolean only_selected;
  g_autofree guint *index = NULL;
  g_autofree double *xs = NULL;

  flows = awaitlab_timeline_get_flows (timeline, &n);
  fpos = awaitlab_time_axis_get_flows (self->cur, &n);

  /* Flows are sorted by origin; a continuation rarely travels far, so look
   * back one view width for arrows entering from the left. */
  first = lower_bound (fpos, n, begin - (end - begin));
  last = lower_bound (fpos, n, limit + 1);

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

      if (to < begin || f->from_lane >= n_lanes || f->to_lane >= n_lanes)
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
static void
draw_never_run_labels (AwaitlabTimelineRenderer *self,
                       cairo_t                  *cr,
                       AwaitlabTimeline         *timeline,
                       gint64                    begin,
                       gint64                    end,
                       double                    px_per_unit)
{
  const AwaitlabFlow *flows;
  const AwaitlabAxisSpan *fpos;
  guint n, shown = 0, n_lanes = awaitlab_timeline_get_n_lanes (timeline);
  gint64 play = playhead_pos (self);

  flows = awaitlab_timeline_get_flows (timeline, &n);
  fpos = awaitlab_time_axis_get_flows (self->cur, &n);
  for (guint i = 0; i < n && shown < 8; i++)
    {
      if (fpos[i].end != G_MAXINT64 || fpos[i].begin < begin || fpos[i].begin > end ||
          (play >= 0 && fpos[i].begin > play) ||
          flows[i].from_lane >= n_lanes || flows[i].to_lane >= n_lanes)
        continue;
      draw_never_run (self, cr, &flows[i], pos_x (self, begin, px_per_unit, fpos[i].begin));
      shown++;
    }
}

static void
draw_marks (AwaitlabTimelineRenderer *self,
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

      if (m->lane >= n_lanes)
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
      show_text (self, cr, max_label, self->area_x + 3 * s, y, -1, FALSE, FALSE);
    }
}

static void
draw_cycle (AwaitlabTimelineRenderer *self,
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

      if (lane >= n_lanes)
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
               double                    px_per_unit,
               double                    height)
{
  g_autofree char *label = NULL;
  double x, s = self->scale;
  gint64 pos = playhead_pos (self);
  int w, h;

  if (pos < begin || pos > end)
    return;

  x = round (pos_x (self, begin, px_per_unit, pos)) + 0.5;
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
  double px_per_unit, lanes_bottom, veil_x;
  guint n_lanes;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (end <= begin)
    end = begin + 1;

  cairo_save (cr);
  g_clear_object (&self->layout);
  self->layout = pango_cairo_create_layout (cr);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);

  self->cur = axis_for (self, timeline);
  compute_layout (self, timeline, width, height);
  px_per_unit = self->area_w / (double)(end - begin);
  self->hover_rect.width = 0;
  {
    cairo_matrix_t m;

    /* Pixels written by hand are only right one-to-one with the target. */
    cairo_get_matrix (cr, &m);
    self->direct = m.xx == 1 && m.yy == 1 && m.xy == 0 && m.yx == 0 &&
                   m.x0 == floor (m.x0) && m.y0 == floor (m.y0) &&
                   cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE &&
                   !self->no_columns;
  }

  /* Background: the lane area is a shade off the label column. */
  if (self->dark)
    cairo_set_source_rgb (cr, 0.118, 0.118, 0.118);
  else
    cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_paint (cr);

  draw_ruler (self, cr, begin, end, px_per_unit, height);

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
        draw_async_lane (self, cr, timeline, i, begin, end, px_per_unit);
      else
        draw_thread_lane (self, cr, timeline, i, begin, end, px_per_unit);

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
  veil_x = self->playhead >= 0 && playhead_pos (self) < end
           ? MAX (self->area_x, pos_x (self, begin, px_per_unit, playhead_pos (self)))
           : G_MAXDOUBLE;
  flush_labels (self, cr, veil_x, FALSE);
  cairo_restore (cr);

  if (self->show_counters && awaitlab_timeline_get_n_counters (timeline) > 0)
    draw_counters (self, cr, timeline, begin, end, px_per_unit);

  cairo_save (cr);
  cairo_rectangle (cr, self->area_x, self->ruler_h, self->area_w + 8 * self->scale, height);
  cairo_clip (cr);
  draw_marks (self, cr, timeline, begin, end, px_per_unit);
  if (self->show_flows)
    draw_flows (self, cr, timeline, begin, end, px_per_unit);

  /* What has not happened yet is veiled, so the run unfolds as it plays. */
  if (self->playhead >= 0 && playhead_pos (self) < end)
    {
      double px = MAX (self->area_x, pos_x (self, begin, px_per_unit, playhead_pos (self)));

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
    draw_cycle (self, cr, timeline, begin, end, px_per_unit);
  if (self->show_flows)
    draw_never_run_labels (self, cr, timeline, begin, end, px_per_unit);

  (void)lanes_bottom;
  if (self->playhead >= 0)
    draw_playhead (self, cr, begin, end, px_per_unit, height);

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

/* The span of a thread lane under @p, giving instants a few pixels of slack
 * either side so a click finds them however narrow they are drawn. */
static int
find_span_at (const AwaitlabSpan     *spans,
              const AwaitlabAxisSpan *pos,
              guint                   n,
              gint64                  p,
              gint64                  slack)
{
  guint i = lower_bound (pos, n, p + slack + 1);
  int best = -1;
  gint64 best_d = G_MAXINT64;

  for (guint tries = 0; i-- > 0 && tries < 64; tries++)
    {
      gint64 d = p < pos[i].begin ? pos[i].begin - p : p > pos[i].end ? p - pos[i].end : 0;

      if (pos[i].end + slack < p && pos[i].end < p - slack)
        break;
      if (spans[i].state == AWAITLAB_SPAN_EXITED)
        continue;
      /* Inside a span beats near one; an instant near the point beats idle. */
      if (is_instant (&spans[i]) && d <= slack)
        d = 0;
      else if (d == 0 && spans[i].state == AWAITLAB_SPAN_IDLE)
        d = 1;
      if (d < best_d || (d == best_d && d <= 1 && is_instant (&spans[i])))
        {
          best = i;
          best_d = d;
        }
    }
  return best_d <= slack ? best : -1;
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
  double px_per_unit;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  self->cur = axis_for (self, timeline);
  hit->lane = hit->span = hit->counter = -1;
  hit->pos = awaitlab_timeline_renderer_x_to_pos (self, begin, end, width, x);
  hit->time = awaitlab_time_axis_pos_to_time (self->cur, hit->pos);

  if (timeline == NULL || end <= begin)
    return FALSE;

  compute_layout (self, timeline, width, height);
  px_per_unit = self->area_w / (double)(end - begin);
  n_lanes = awaitlab_timeline_get_n_lanes (timeline);

  for (guint i = 0; i < n_lanes; i++)
    {
      double ly = g_array_index (self->lane_y, double, i);
      double lh = g_array_index (self->lane_h, double, i);
      const AwaitlabSpan *spans;
      const AwaitlabAxisSpan *pos;
      guint n;
      /* A few pixels of slack so narrow spans can still be picked. */
      gint64 slack = (gint64)(4.0 * self->scale / px_per_unit);

      if (y < ly || y >= ly + lh)
        continue;

      hit->lane = i;
      if (x < self->area_x)
        return TRUE;

      spans = awaitlab_timeline_get_spans (timeline, i, &n);
      pos = awaitlab_time_axis_get_spans (self->cur, i, NULL);
      if (awaitlab_timeline_get_lane_kind (timeline, i) == AWAITLAB_LANE_ASYNC)
        {
          guint rows = MAX (2, awaitlab_timeline_get_lane_rows (timeline, i));
          guint row = (guint)((y - ly) / (lh / rows));
          guint tries = 0;

          for (guint s = lower_bound (pos, n, hit->pos + slack); s-- > 0 && tries < 4096; tries++)
            if (spans[s].row == row && pos[s].end + slack >= hit->pos)
              {
                hit->span = s;
                break;
              }
        }
      else
        hit->span = find_span_at (spans, pos, n, hit->pos, slack);
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
