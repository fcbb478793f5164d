/* awaitlab-timeline-legend.c
 *
 * The names of span states and the key to colours, patterns and arrows,
 * drawn in one row for the window and every export.
 */

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "awaitlab-timeline-renderer-private.h"

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
          awaitlab_renderer_fill_state (self, cr, items[i].state, x, cy - 6 * s, x + 22 * s, 12 * s);
          awaitlab_renderer_flush_batches (self, cr);
        }
      else
        {
          set_color (cr, awaitlab_renderer_flow_color (items[i].flow), 1);
          cairo_set_line_width (cr, 1.6 * s);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + 16 * s, cy);
          cairo_stroke (cr);
          awaitlab_renderer_draw_arrow_head (cr, x + 22 * s, cy, 0, 7 * s);
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
