/* awaitlab-timeline-labels.c
 *
 * Text on the timeline: lane names in the label column and span labels,
 * collected while lanes are drawn and shown after the veil over the future
 * with a colour that keeps 4.5:1 on either side of it.
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer-private.h"

#define LABEL_MIN_WIDTH      36.0

void
awaitlab_renderer_show_text (AwaitlabTimelineRenderer *self,
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

void
awaitlab_renderer_add_span_label (AwaitlabTimelineRenderer *self,
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
void
awaitlab_renderer_flush_labels (AwaitlabTimelineRenderer *self,
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
      awaitlab_renderer_show_text (self, cr, text, x0 + pad, l->y + l->h / 2, l->x1 - x0 - 2 * pad, FALSE, TRUE);
      cairo_restore (cr);
    }

  if (veiled)
    g_array_set_size (self->labels, 0);
}

void
awaitlab_renderer_draw_lane_label (AwaitlabTimelineRenderer *self,
                                   cairo_t                  *cr,
                                   AwaitlabTimeline         *timeline,
                                   guint                     lane,
                                   gboolean                  appeared)
{
  double y = g_array_index (self->lane_y, double, lane);
  double h = g_array_index (self->lane_h, double, lane);
  double s = self->scale;
  /* Red names would announce the deadlock before it happens. */
  gboolean in_cycle = awaitlab_timeline_lane_in_cycle (timeline, lane) &&
                      (self->playhead < 0 || self->playhead >= awaitlab_timeline_get_end_time (timeline));
  AwaitlabColor chip;

  if (self->hide_future && !appeared)
    return;

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
  awaitlab_renderer_show_text (self, cr, awaitlab_timeline_get_lane_name (timeline, lane),
                               22 * s, y + h / 2, self->area_x - 26 * s,
                               (int)lane == self->selected || in_cycle, TRUE);
}
