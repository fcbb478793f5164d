/* awaitlab-export-full.c
 *
 * The full view for pictures and videos, drawn with cairo and Pango so it works
 * with no display: a title bar, the code (each thread's current line marked in
 * that thread's colour), the timeline, the explanation with the notes reached so
 * far, and the console output revealed up to the playhead. The window's own
 * widgets are not involved; the layout follows theirs.
 */

#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "awaitlab-export-private.h"
#include "awaitlab-markdown.h"

typedef struct
{
  double bg, fg, panel, rule;
} Palette;

static Palette
palette (gboolean dark)
{
  if (dark)
    return (Palette) { 0.118, 0.92, 0.16, 0.28 };
  return (Palette) { 0.98, 0.13, 0.94, 0.82 };
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font,
             double      size)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

static void
gray (cairo_t *cr,
      double   level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

double
awaitlab_export_narration_height (double height)
{
  return CLAMP (height * 0.06, 22, 64);
}

double
awaitlab_export_draw_narration_text (const char *text,
                                     gboolean    dark,
                                     cairo_t    *cr,
                                     double      width,
                                     double      height)
{
  g_autoptr(PangoLayout) layout = NULL;
  double h = awaitlab_export_narration_height (height);
  int th;

  cairo_save (cr);
  gray (cr, dark ? 0.06 : 0.16);
  cairo_rectangle (cr, 0, height - h, width, h);
  cairo_fill (cr);

  layout = make_layout (cr, "Sans", h * 0.42);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (width - h) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, NULL, &th);
  gray (cr, 0.96);
  cairo_move_to (cr, h / 2, height - h + (h - th) / 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  return h;
}

double
awaitlab_export_draw_narration (AwaitlabExportSource *source,
                                gboolean              dark,
                                cairo_t              *cr,
                                gint64                playhead,
                                int                   event,
                                double                width,
                                double                height)
{
  g_autofree char *sentence = NULL;
  g_autofree char *time = NULL;
  g_autofree char *text = NULL;
  gint64 at = playhead == AWAITLAB_EXPORT_TIME_END ? awaitlab_timeline_get_end_time (source->timeline)
                                                   : playhead;
  guint n_events;

  awaitlab_timeline_get_events (source->timeline, &n_events);
  if (event < 0 || (guint)event >= n_events)
    event = n_events > 0 ? (int)awaitlab_timeline_event_at_time (source->timeline, at) : -1;
  if (event >= 0)
    sentence = awaitlab_timeline_describe_event (source->timeline, event);
  time = awaitlab_format_time (at);
  text = g_strdup_printf ("%s — %s", time, sentence ? sentence : "");

  return awaitlab_export_draw_narration_text (text, dark, cr, width, height);
}

typedef struct
{
  guint line;
  guint lane;
} LineMark;

/* The line each thread is on at the playhead, for the gutter marks. */
static void
current_lines (AwaitlabExportSource *source,
               gint64                at,
               GArray               *marks)
{
  guint n_lanes = awaitlab_timeline_get_n_lanes (source->timeline);

  for (guint lane = 0; lane < n_lanes; lane++)
    {
      const AwaitlabSpan *spans;
      guint n_spans;
      int i;

      if (awaitlab_timeline_get_lane_kind (source->timeline, lane) != AWAITLAB_LANE_THREAD)
        continue;
      i = awaitlab_timeline_find_span (source->timeline, lane, at);
      spans = awaitlab_timeline_get_spans (source->timeline, lane, &n_spans);
      if (i < 0 || (guint)i >= n_spans || spans[i].line == 0)
        continue;
      if (spans[i].state == AWAITLAB_SPAN_IDLE || spans[i].state == AWAITLAB_SPAN_EXITED)
        continue;
      g_array_append_val (marks, ((LineMark) { spans[i].line, lane }));
    }
}

/* The first and last code lines that events of the range [@begin, @at] run on;
 * FALSE when none does (or there is no trace). */
static gboolean
executed_lines (AwaitlabExportSource *source,
                gint64                begin,
                gint64                at,
                guint                *first,
                guint                *last)
{
  const AwlEvent *events;
  guint n_events;

  *first = G_MAXUINT;
  *last = 0;
  if (source->trace == NULL)
    return FALSE;

  events = awl_trace_get_events (source->trace, &n_events);
  for (guint i = 0; i < n_events && events[i].time <= at; i++)
    if (events[i].time >= begin && events[i].line > 0)
      {
        *first = MIN (*first, (guint) events[i].line);
        *last = MAX (*last, (guint) events[i].line);
      }
  return *last > 0;
}

static void
draw_code (AwaitlabExportSource *source,
           const Palette        *p,
           cairo_t              *cr,
           gint64                begin,
           gint64                at,
           double                x,
           double                y,
           double                w,
           double                h,
           double                unit)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, "Monospace", unit * 0.95);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (LineMark));
  double line_h = unit * 1.35, gutter = unit * 3.2;
  guint visible, first = 0, run_first, run_last;

  current_lines (source, at, marks);
  visible = MAX (1, (guint)(h / line_h));
  /* Show the code the range runs, not the directive header above it (which holds
   * the quiz's answer): from a line before the first executed one, unless a
   * thread's current line would fall off the bottom. */
  if (executed_lines (source, begin, at, &run_first, &run_last))
    first = run_first > 2 ? run_first - 2 : 0;
  for (guint m = 0; m < marks->len; m++)
    {
      guint line = g_array_index (marks, LineMark, m).line;

      if (line > first + visible)
        first = line > visible / 3 ? line - visible / 3 - 1 : 0;
    }
  first = MIN (first, source->n_lines > 0 ? source->n_lines - 1 : 0);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  pango_layout_set_width (layout, (w - gutter - unit) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  for (guint i = first; i < source->n_lines && i < first + visible; i++)
    {
      double ly = y + (i - first) * line_h;
      char number[16];

      for (guint m = 0; m < marks->len; m++)
        {
          const LineMark *mark = &g_array_index (marks, LineMark, m);
          AwaitlabColor color;

          if (mark->line != i + 1)
            continue;
          awaitlab_thread_color (mark->lane, &color);
          cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.28);
          cairo_rectangle (cr, x, ly, w, line_h);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, color.red, color.green, color.blue);
          cairo_rectangle (cr, x + m * unit * 0.45, ly, unit * 0.4, line_h);
          cairo_fill (cr);
        }

      g_snprintf (number, sizeof number, "%u", i + 1);
      gray (cr, 0.55);
      pango_layout_set_text (layout, number, -1);
      cairo_move_to (cr, x + unit * 0.8, ly + (line_h - unit * 1.15) / 2);
      pango_cairo_show_layout (cr, layout);

      gray (cr, p->fg);
      pango_layout_set_text (layout, source->lines[i], -1);
      cairo_move_to (cr, x + gutter, ly + (line_h - unit * 1.15) / 2);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_restore (cr);
}

static void
draw_explanation (AwaitlabExportSource *source,
                  const Palette        *p,
                  cairo_t              *cr,
                  gint64                at,
                  double                x,
                  double                y,
                  double                w,
                  double                h,
                  double                unit)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, "Sans", unit);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *body = awaitlab_markdown_to_markup_full (source->explanation, AWAITLAB_MARKDOWN_NONE);
  const AwaitlabNote *notes;
  guint n_notes;

  notes = awaitlab_timeline_get_notes (source->timeline, &n_notes);
  for (guint i = 0; i < n_notes; i++)
    if (notes[i].reveal_time <= at)
      {
        g_autofree char *text = g_markup_escape_text (notes[i].text, -1);
        g_string_append_printf (markup, "<b>%s %u:</b> %s\n", _("Line"), notes[i].line, text);
      }
  if (markup->len > 0)
    g_string_append_c (markup, '\n');
  g_string_append (markup, body);

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  pango_layout_set_width (layout, w * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup->str, -1);
  gray (cr, p->fg);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_output (AwaitlabExportSource *source,
             const Palette        *p,
             cairo_t              *cr,
             gint64                at,
             double                x,
             double                y,
             double                w,
             double                h,
             double                unit)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, "Monospace", unit * 0.95);
  const AwaitlabOutputLine *lines;
  double line_h = unit * 1.35;
  guint n_lines, shown = 0, visible;

  lines = awaitlab_timeline_get_output (source->timeline, &n_lines);
  while (shown < n_lines && lines[shown].time <= at)
    shown++;
  visible = MAX (1, (guint)(h / line_h));

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  pango_layout_set_width (layout, w * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  /* The newest lines, as a console scrolls. */
  for (guint i = shown > visible ? shown - visible : 0, row = 0; i < shown; i++, row++)
    {
      g_autofree char *time = awaitlab_format_time (lines[i].time);
      g_autofree char *text = NULL;
      const char *thread = lines[i].lane >= 0
        ? awaitlab_timeline_get_lane_name (source->timeline, lines[i].lane) : "";

      text = g_strdup_printf ("%8s  %-7s %s", time, thread, lines[i].text);
      gray (cr, p->fg);
      pango_layout_set_text (layout, text, -1);
      cairo_move_to (cr, x, y + row * line_h);
      pango_cairo_show_layout (cr, layout);
    }
  if (shown == 0)
    {
      gray (cr, 0.55);
      pango_layout_set_text (layout, _("No output yet"), -1);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_restore (cr);
}

static double
draw_heading (const Palette *p,
              cairo_t       *cr,
              const char    *text,
              double         x,
              double         y,
              double         unit)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, "Sans Bold", unit * 0.9);

  pango_layout_set_text (layout, text, -1);
  gray (cr, 0.5);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return unit * 1.6;
}

static void
draw_title_bar (AwaitlabExportSource *source,
                const Palette        *p,
                cairo_t              *cr,
                gint64                at,
                double                width,
                double                bar_h,
                double                pad,
                double                unit)
{
  g_autoptr(PangoLayout) title = make_layout (cr, "Sans Bold", unit * 1.1);
  g_autofree char *time = awaitlab_format_time (at);
  int tw, th;

  gray (cr, p->panel);
  cairo_rectangle (cr, 0, 0, width, bar_h);
  cairo_fill (cr);
  pango_layout_set_text (title, source->title, -1);
  pango_layout_set_width (title, (width * 0.75) * PANGO_SCALE);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (title, NULL, &th);
  gray (cr, p->fg);
  cairo_move_to (cr, pad, (bar_h - th) / 2);
  pango_cairo_show_layout (cr, title);

  pango_layout_set_width (title, -1);
  pango_layout_set_text (title, time, -1);
  pango_layout_get_pixel_size (title, &tw, &th);
  cairo_move_to (cr, width - pad - tw, (bar_h - th) / 2);
  pango_cairo_show_layout (cr, title);
}

void
awaitlab_export_draw_full (AwaitlabExportSource     *source,
                           AwaitlabTimelineRenderer *renderer,
                           gboolean                  dark,
                           gboolean                  title_bar,
                           cairo_t                  *cr,
                           gint64                    playhead,
                           gint64                    begin,
                           gint64                    end,
                           double                    width,
                           double                    height)
{
  Palette p = palette (dark);
  gint64 at = playhead == AWAITLAB_EXPORT_TIME_END ? awaitlab_timeline_get_end_time (source->timeline)
                                                   : playhead;
  /* Everything scales with the frame, so 720p and 1080p look alike. */
  double unit = CLAMP (height / 56.0, 8, 40);
  double pad = unit * 0.8;
  double bar_h = title_bar ? unit * 2.4 : 0;
  double code_w = width * 0.36;
  double right_x = code_w + 1, right_w = width - right_x;
  double body_h = height - bar_h;
  double tl_h = body_h * 0.62;
  double lower_y = bar_h + tl_h + 1, lower_h = body_h - tl_h - 1;
  double hy;

  cairo_save (cr);
  gray (cr, p.bg);
  cairo_paint (cr);

  if (title_bar)
    draw_title_bar (source, &p, cr, at, width, bar_h, pad, unit);

  /* Rules between the panes */
  gray (cr, p.rule);
  cairo_rectangle (cr, 0, bar_h - 1, width, 1);
  cairo_rectangle (cr, code_w, bar_h, 1, body_h);
  cairo_rectangle (cr, right_x, lower_y - 1, right_w, 1);
  cairo_rectangle (cr, right_x + right_w * 0.55, lower_y, 1, lower_h);
  cairo_fill (cr);

  /* Code */
  hy = draw_heading (&p, cr, _("Code"), pad, bar_h + pad * 0.6, unit);
  draw_code (source, &p, cr, begin, at, 0, bar_h + pad * 0.6 + hy, code_w, body_h - pad - hy, unit);

  /* Timeline */
  cairo_save (cr);
  cairo_translate (cr, right_x, bar_h);
  cairo_rectangle (cr, 0, 0, right_w, tl_h);
  cairo_clip (cr);
  /* The margin on the right keeps the last tick label whole. */
  awaitlab_timeline_renderer_draw (renderer, cr, source->timeline, begin, end,
                                   right_w - 40 * awaitlab_timeline_renderer_get_scale (renderer), tl_h);
  cairo_restore (cr);

  /* Explanation and output */
  hy = draw_heading (&p, cr, _("Explanation"), right_x + pad, lower_y + pad * 0.6, unit);
  draw_explanation (source, &p, cr, at, right_x + pad, lower_y + pad * 0.6 + hy,
                    right_w * 0.55 - 2 * pad, lower_h - pad - hy, unit * 0.95);
  hy = draw_heading (&p, cr, _("Output"), right_x + right_w * 0.55 + pad, lower_y + pad * 0.6, unit);
  draw_output (source, &p, cr, at, right_x + right_w * 0.55 + pad, lower_y + pad * 0.6 + hy,
               right_w * 0.45 - 2 * pad, lower_h - pad - hy, unit * 0.95);

  cairo_restore (cr);
}
