/* awaitlab-export-caption.c
 *
 * What makes an exported picture or frame usable on a slide by itself: the title
 * and the playhead's time in a band at the top, the outcome of the run under the
 * title, and the legend (colours and patterns) in a band at the bottom.
 */

#include <math.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "awaitlab-export-private.h"

double
awaitlab_export_caption_height (double height)
{
  return CLAMP (height * 0.1, 40, 130);
}

double
awaitlab_export_legend_height (double height)
{
  return CLAMP (height * 0.045, 22, 60);
}

char *
awaitlab_export_outcome_line (AwaitlabExportSource *source)
{
  AwaitlabTimeline *timeline = source->timeline;
  const char *text = awaitlab_timeline_get_outcome_text (timeline);
  g_autofree char *end = awaitlab_format_time (awaitlab_timeline_get_end_time (timeline));

  switch (awaitlab_timeline_get_outcome (timeline))
    {
    case AWAITLAB_OUTCOME_COMPLETED:
      return g_strdup_printf (_("Completed at %s"), end);
    case AWAITLAB_OUTCOME_DEADLOCK:
      return g_strdup_printf (_("Deadlock at %s: %s"), end, text ? text : "");
    case AWAITLAB_OUTCOME_CRASHED:
      return g_strdup_printf (_("Unhandled exception at %s: %s"), end, text ? text : "");
    case AWAITLAB_OUTCOME_LIMIT:
      return g_strdup_printf (_("Stopped at a limit at %s: %s"), end, text ? text : "");
    case AWAITLAB_OUTCOME_NONE:
    default:
      return g_strdup ("");
    }
}

static PangoLayout *
line_layout (cairo_t    *cr,
             const char *font,
             double      size,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, MAX (1, width) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static void
set_text_color (cairo_t  *cr,
                gboolean  dark,
                double    alpha)
{
  AwaitlabColor bg, fg = { dark, dark, dark }, c;

  awaitlab_palette_background (dark, &bg);
  awaitlab_color_blend (&fg, alpha, &bg, &c);
  cairo_set_source_rgb (cr, c.red, c.green, c.blue);
}

/* The outcome under the title: wrapped over as many lines as it needs,
 * never cut short with "…" (the end of a deadlock's sentence is the lesson). */
PangoLayout *
awaitlab_export_outcome_layout (AwaitlabExportSource *source,
                                const char           *second_line,
                                cairo_t              *cr,
                                double                width,
                                double                height)
{
  double h = CLAMP (height * 0.1, 40, 130), pad = h * 0.3;
  g_autofree char *outcome = second_line ? g_strdup (second_line) : awaitlab_export_outcome_line (source);
  PangoLayout *line = line_layout (cr, "Sans", h * 0.22, width - 2 * pad);

  pango_layout_set_ellipsize (line, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (line, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (line, outcome, -1);
  return line;
}

static PangoLayout *
title_layout (AwaitlabExportSource *source,
              cairo_t              *cr,
              const char           *time,
              double                width,
              double                height,
              PangoLayout         **clock)
{
  double h = CLAMP (height * 0.1, 40, 130), pad = h * 0.3;
  PangoLayout *title;
  int tw;

  *clock = line_layout (cr, "Sans Bold", h * 0.3, width);
  pango_layout_set_text (*clock, time, -1);
  pango_layout_set_width (*clock, -1);
  pango_layout_get_pixel_size (*clock, &tw, NULL);

  title = line_layout (cr, "Sans Bold", h * 0.3, width - 3 * pad - tw);
  pango_layout_set_text (title, source->title, -1);
  return title;
}

/* The band's height: the usual tenth of the frame, more when the outcome
 * needs more lines than one. */
double
awaitlab_export_caption_height_for (AwaitlabExportSource *source,
                                    const char           *second_line,
                                    cairo_t              *cr,
                                    double                width,
                                    double                height)
{
  double h = awaitlab_export_caption_height (height);
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) clock = NULL;
  g_autoptr(PangoLayout) line = NULL;
  int th, lh;

  title = title_layout (source, cr, "0", width, height, &clock);
  pango_layout_get_pixel_size (title, NULL, &th);
  line = awaitlab_export_outcome_layout (source, second_line, cr, width, height);
  pango_layout_get_pixel_size (line, NULL, &lh);
  return MAX (h, ceil (h * 0.12 + th + lh + h * 0.1));
}

void
awaitlab_export_draw_caption (AwaitlabExportSource *source,
                              const char           *second_line,
                              gboolean              dark,
                              cairo_t              *cr,
                              gint64                playhead,
                              double                width,
                              double                height)
{
  double h = awaitlab_export_caption_height (height);
  double band = awaitlab_export_caption_height_for (source, second_line, cr, width, height);
  double pad = h * 0.3;
  gint64 at = playhead == AWAITLAB_EXPORT_TIME_END ? awaitlab_timeline_get_end_time (source->timeline)
                                                   : playhead;
  g_autofree char *time = awaitlab_format_time (at);
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) clock = NULL;
  g_autoptr(PangoLayout) line = NULL;
  AwaitlabColor bg;
  int tw, th;

  cairo_save (cr);
  awaitlab_palette_background (dark, &bg);
  cairo_set_source_rgb (cr, bg.red, bg.green, bg.blue);
  cairo_rectangle (cr, 0, 0, width, band);
  cairo_fill (cr);

  title = title_layout (source, cr, time, width, height, &clock);
  pango_layout_get_pixel_size (clock, &tw, NULL);
  pango_layout_get_pixel_size (title, NULL, &th);
  set_text_color (cr, dark, awaitlab_palette_text_alpha (AWAITLAB_TEXT_PRIMARY));
  cairo_move_to (cr, pad, h * 0.1);
  pango_cairo_show_layout (cr, title);
  cairo_move_to (cr, width - pad - tw, h * 0.1);
  pango_cairo_show_layout (cr, clock);

  line = awaitlab_export_outcome_layout (source, second_line, cr, width, height);
  if (second_line != NULL || awaitlab_timeline_get_outcome (source->timeline) == AWAITLAB_OUTCOME_COMPLETED)
    set_text_color (cr, dark, awaitlab_palette_text_alpha (AWAITLAB_TEXT_SECONDARY));
  else
    {
      AwaitlabColor red;

      awaitlab_palette_deadlock_text (dark, &red);
      cairo_set_source_rgb (cr, red.red, red.green, red.blue);
    }
  cairo_move_to (cr, pad, h * 0.12 + th);
  pango_cairo_show_layout (cr, line);

  set_text_color (cr, dark, 0.15);
  cairo_rectangle (cr, 0, band - 1, width, 1);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
awaitlab_export_draw_legend (AwaitlabTimelineRenderer *renderer,
                             gboolean                  dark,
                             cairo_t                  *cr,
                             double                    width,
                             double                    height)
{
  double h = awaitlab_export_legend_height (height);
  double scale = awaitlab_timeline_renderer_get_scale (renderer);
  AwaitlabColor bg;

  cairo_save (cr);
  awaitlab_palette_background (dark, &bg);
  cairo_set_source_rgb (cr, bg.red, bg.green, bg.blue);
  cairo_rectangle (cr, 0, 0, width, h);
  cairo_fill (cr);
  set_text_color (cr, dark, 0.15);
  cairo_rectangle (cr, 0, 0, width, 1);
  cairo_fill (cr);

  /* The legend's natural width is about 1000 units: shrink it rather than cut it. */
  awaitlab_timeline_renderer_set_scale (renderer, MIN (h / 26.0, width / 1060.0));
  awaitlab_timeline_renderer_draw_legend (renderer, cr, width, h);
  awaitlab_timeline_renderer_set_scale (renderer, scale);
  cairo_restore (cr);
}
