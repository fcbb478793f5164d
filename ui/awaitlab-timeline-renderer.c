/* awaitlab-timeline-renderer.c
 *
 * The renderer's state, its settings, the layout of lanes and the order in
 * which a frame is drawn. What each part looks like lives in its own file:
 * span painting (awaitlab-timeline-paint.c), lanes (-lanes.c), labels
 * (-labels.c), hand-off arrows (-flows.c), the ruler and playhead (-ruler.c),
 * marks and the deadlock cycle (-marks.c), counters (-counters.c), the legend
 * (-legend.c) and hit testing (-hit.c).
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer-private.h"

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
      self->patterns[i] = awaitlab_renderer_make_pattern (i);
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
  g_clear_pointer (&self->lanes_shown, g_array_unref);
  g_clear_object (&self->axis);
  g_clear_object (&self->own_axis);
  g_clear_pointer (&self->scratch, cairo_surface_destroy);
  g_free (self->columns);
  g_free (self->pinned);
  g_free (self->row_cache);
  g_free (self->cov);
  g_free (self->image_rows);
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

AwaitlabTimeAxis *
awaitlab_renderer_axis_for (AwaitlabTimelineRenderer *self,
                            AwaitlabTimeline         *timeline)
{
  if (self->axis != NULL && awaitlab_time_axis_get_timeline (self->axis) == timeline)
    return self->axis;
  if (self->own_axis == NULL)
    self->own_axis = awaitlab_time_axis_new (AWAITLAB_AXIS_REAL);
  awaitlab_time_axis_set_timeline (self->own_axis, timeline);
  return self->own_axis;
}

gint64
awaitlab_renderer_playhead_pos (AwaitlabTimelineRenderer *self)
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

/* Draws only the lanes @shown says (@n_lanes flags, lanes past them are
 * shown); NULL shows every lane. Hidden lanes take no room: an export of a
 * range crops away the threads that do nothing in it. */
void
awaitlab_timeline_renderer_set_lanes_shown (AwaitlabTimelineRenderer *self,
                                            const gboolean           *shown,
                                            guint                     n_lanes)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->lanes_shown, g_array_unref);
  if (shown == NULL)
    return;
  self->lanes_shown = g_array_sized_new (FALSE, FALSE, sizeof (gboolean), n_lanes);
  g_array_append_vals (self->lanes_shown, shown, n_lanes);
}

/* Spoiler-free (a quiz waiting for its answer): nothing right of the playhead,
 * neither spans, labels, ruler ticks nor the names of lanes yet to appear. */
void
awaitlab_timeline_renderer_set_hide_future (AwaitlabTimelineRenderer *self,
                                            gboolean                  hide)
{
  g_return_if_fail (self != NULL);
  self->hide_future = !!hide;
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
    if (lane_shown (self, i))
      h += lane_natural_height (self, timeline, i) + 4 * self->scale;
  if (self->show_counters && awaitlab_timeline_get_n_counters (timeline) > 0)
    h += 10 * self->scale + awaitlab_timeline_get_n_counters (timeline) * 34 * self->scale;

  return h + 8 * self->scale;
}

void
awaitlab_renderer_compute_layout (AwaitlabTimelineRenderer *self,
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

      if (!lane_shown (self, i))
        {
          g_array_index (self->lane_y, double, i) = y;
          g_array_index (self->lane_h, double, i) = 0;
          continue;
        }
      g_array_index (self->lane_y, double, i) = y + 2 * self->scale * squeeze;
      g_array_index (self->lane_h, double, i) = h;
      y += h + 4 * self->scale * squeeze;
    }

  self->counters_y = y + 10 * self->scale * squeeze;
  self->counter_h = 34 * self->scale * squeeze;
}

static AwaitlabTimeAxis *
current_axis (AwaitlabTimelineRenderer *self)
{
  if (self->cur != NULL)
    return self->cur;
  if (self->axis != NULL)
    return self->axis;
  return awaitlab_renderer_axis_for (self, NULL);
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

  self->cur = awaitlab_renderer_axis_for (self, timeline);
  awaitlab_renderer_compute_layout (self, timeline, width, height);
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
  set_background (self, cr);
  cairo_paint (cr);

  awaitlab_renderer_draw_ruler (self, cr, begin, end, px_per_unit, height);

  if (timeline == NULL)
    goto out;

  n_lanes = awaitlab_timeline_get_n_lanes (timeline);
  lanes_bottom = self->ruler_h;

  for (guint i = 0; i < n_lanes; i++)
    {
      gboolean appeared;
      double y = g_array_index (self->lane_y, double, i);
      double h = g_array_index (self->lane_h, double, i);

      if (!lane_shown (self, i))
        continue;

      appeared = self->playhead < 0 ||
                 awaitlab_timeline_get_lane_appear (timeline, i) <= self->playhead;
      awaitlab_renderer_draw_lane_label (self, cr, timeline, i, appeared);

      set_fg (self, cr, 0.04);
      cairo_rectangle (cr, self->area_x, y, self->area_w, h);
      cairo_fill (cr);

      if (awaitlab_timeline_get_lane_kind (timeline, i) == AWAITLAB_LANE_ASYNC)
        awaitlab_renderer_draw_async_lane (self, cr, timeline, i, begin, end, px_per_unit);
      else
        awaitlab_renderer_draw_thread_lane (self, cr, timeline, i, begin, end, px_per_unit);

      lanes_bottom = y + h;
    }

  cairo_save (cr);
  cairo_rectangle (cr, self->area_x, self->ruler_h, self->area_w, lanes_bottom - self->ruler_h);
  cairo_clip (cr);
  awaitlab_renderer_flush_batches (self, cr);
  if (self->hover_rect.width > 0)
    {
      set_fg (self, cr, 0.85);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, self->hover_rect.x + 1, self->hover_rect.y + 1,
                       self->hover_rect.width - 2, self->hover_rect.height - 2);
      cairo_stroke (cr);
    }
  veil_x = self->playhead >= 0 && awaitlab_renderer_playhead_pos (self) < end
           ? MAX (self->area_x, pos_x (self, begin, px_per_unit, awaitlab_renderer_playhead_pos (self)))
           : G_MAXDOUBLE;
  awaitlab_renderer_flush_labels (self, cr, veil_x, FALSE);
  cairo_restore (cr);

  if (self->show_counters && awaitlab_timeline_get_n_counters (timeline) > 0)
    awaitlab_renderer_draw_counters (self, cr, timeline, begin, end, px_per_unit);

  cairo_save (cr);
  cairo_rectangle (cr, self->area_x, self->ruler_h, self->area_w + 8 * self->scale, height);
  cairo_clip (cr);
  awaitlab_renderer_draw_marks (self, cr, timeline, begin, end, px_per_unit);
  if (self->show_flows)
    awaitlab_renderer_draw_flows (self, cr, timeline, begin, end, px_per_unit);

  /* What has not happened yet is veiled, so the run unfolds as it plays. */
  if (self->playhead >= 0 && awaitlab_renderer_playhead_pos (self) < end)
    {
      double px = MAX (self->area_x, pos_x (self, begin, px_per_unit, awaitlab_renderer_playhead_pos (self)));

      AwaitlabColor veil;
      double alpha;

      awaitlab_palette_veil (self->dark, &veil, &alpha);
      if (self->hide_future)
        {
          /* Not veiled but gone: the background, as if nothing were there. */
          set_background (self, cr);
        }
      else
        set_color (cr, &veil, alpha);
      cairo_rectangle (cr, px, self->ruler_h, self->area_x + self->area_w + 8 * self->scale - px, height);
      cairo_fill (cr);
    }
  if (!self->hide_future)
    awaitlab_renderer_flush_labels (self, cr, veil_x, TRUE);
  g_array_set_size (self->labels, 0);

  cairo_restore (cr);

  /* Outside the lane clip: the self-wait loop rises above its lane. */
  if (self->show_outcome)
    awaitlab_renderer_draw_cycle (self, cr, timeline, begin, end, px_per_unit);
  if (self->show_flows)
    awaitlab_renderer_draw_never_run_labels (self, cr, timeline, begin, end, px_per_unit);

  (void)lanes_bottom;
  if (self->playhead >= 0)
    awaitlab_renderer_draw_playhead (self, cr, begin, end, px_per_unit, height);

out:
  g_clear_object (&self->layout);
  cairo_restore (cr);
}
