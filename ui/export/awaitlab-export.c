/* awaitlab-export.c
 *
 * Options, the export source, the frame painter shared by every format, the
 * pictures (PNG/SVG/PDF) and the dispatch to the video, GIF and trace writers.
 */

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "awaitlab-export-private.h"
#include "awaitlab-trace-timeline.h"
#include "awl-bookmarks.h"
#include "awl-chrome-trace.h"

G_DEFINE_QUARK (awaitlab-export-error-quark, awaitlab_export_error)

static const AwaitlabExportFormatInfo formats[] = {
  { AWAITLAB_EXPORT_PNG, "png", "png", N_("PNG picture"), "Write a PNG picture", AWAITLAB_EXPORT_KIND_PICTURE },
  { AWAITLAB_EXPORT_SVG, "svg", "svg", N_("SVG picture"), "Write an SVG picture", AWAITLAB_EXPORT_KIND_PICTURE },
  { AWAITLAB_EXPORT_PDF, "pdf", "pdf", N_("PDF document"), "Write a PDF page", AWAITLAB_EXPORT_KIND_PICTURE },
  { AWAITLAB_EXPORT_WEBM, "webm", "webm", N_("WebM video (VP8)"), "Write a WebM (VP8) video", AWAITLAB_EXPORT_KIND_VIDEO },
  { AWAITLAB_EXPORT_MP4, "mp4", "mp4", N_("MP4 video (H.264)"), "Write an MP4 (H.264) video", AWAITLAB_EXPORT_KIND_VIDEO },
  { AWAITLAB_EXPORT_GIF, "gif", "gif", N_("Animated GIF"), "Write an animated GIF", AWAITLAB_EXPORT_KIND_VIDEO },
  { AWAITLAB_EXPORT_TRACE, "trace", "json", N_("Chrome trace (Perfetto)"), "Write Chrome Trace Event JSON (Perfetto)", AWAITLAB_EXPORT_KIND_DATA },
  { AWAITLAB_EXPORT_STEPS, "steps", NULL, N_("Steps for slides (one PNG per bookmark)"),
    "Write one numbered PNG per bookmark (quiz, note, deadlock, end) into a folder", AWAITLAB_EXPORT_KIND_STEPS },
};

G_STATIC_ASSERT (G_N_ELEMENTS (formats) == AWAITLAB_EXPORT_N_FORMATS);

const AwaitlabExportFormatInfo *
awaitlab_export_get_formats (guint *n_formats)
{
  *n_formats = G_N_ELEMENTS (formats);
  return formats;
}

const AwaitlabExportFormatInfo *
awaitlab_export_get_format_info (AwaitlabExportFormat format)
{
  g_return_val_if_fail (format < AWAITLAB_EXPORT_N_FORMATS, &formats[0]);
  g_assert (formats[format].format == format);
  return &formats[format];
}

void
awaitlab_export_options_init (AwaitlabExportOptions *options,
                              AwaitlabExportFormat   format)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = format;
  options->view = AWAITLAB_EXPORT_VIEW_TIMELINE;
  options->width = 1280;
  options->height = 720;
  options->scale = 1.0;
  options->time = AWAITLAB_EXPORT_TIME_END;
  options->from = 0;
  options->to = AWAITLAB_EXPORT_TIME_END;
  options->fps = format == AWAITLAB_EXPORT_GIF ? 15 : 30;
  options->speed = 0;
  options->hold = 1.0;
  options->narration = awaitlab_export_format_is_video (format);
  options->caption = TRUE;
  options->dark = FALSE;
  options->axis = AWAITLAB_AXIS_STEPS;
}

const char *
awaitlab_export_format_to_string (AwaitlabExportFormat format)
{
  g_return_val_if_fail (format < AWAITLAB_EXPORT_N_FORMATS, NULL);
  return formats[format].name;
}

gboolean
awaitlab_export_format_from_string (const char           *text,
                                    AwaitlabExportFormat *format)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (text, formats[i].name) == 0)
      {
        *format = i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (text, "json") == 0)
    {
      *format = AWAITLAB_EXPORT_TRACE;
      return TRUE;
    }
  return FALSE;
}

const char *
awaitlab_export_format_extension (AwaitlabExportFormat format)
{
  return awaitlab_export_get_format_info (format)->extension;
}

gboolean
awaitlab_export_format_is_video (AwaitlabExportFormat format)
{
  return format < AWAITLAB_EXPORT_N_FORMATS && formats[format].kind == AWAITLAB_EXPORT_KIND_VIDEO;
}

gboolean
awaitlab_export_parse_size (const char *text,
                            int        *width,
                            int        *height)
{
  guint64 w, h;
  char *end;

  g_return_val_if_fail (text != NULL, FALSE);

  if (g_ascii_strcasecmp (text, "720p") == 0)
    return *width = 1280, *height = 720, TRUE;
  if (g_ascii_strcasecmp (text, "1080p") == 0)
    return *width = 1920, *height = 1080, TRUE;
  if (g_ascii_strcasecmp (text, "4k") == 0 || g_ascii_strcasecmp (text, "2160p") == 0)
    return *width = 3840, *height = 2160, TRUE;

  w = g_ascii_strtoull (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0')
    return FALSE;
  if (w < 16 || h < 16 || w > 8192 || h > 8192)
    return FALSE;
  *width = w;
  *height = h;
  return TRUE;
}

gboolean
awaitlab_export_parse_time (const char *text,
                            gint64     *ns)
{
  static const struct { const char *unit; double factor; } units[] = {
    { "ns", 1 }, { "us", 1e3 }, { "µs", 1e3 }, { "ms", 1e6 }, { "s", 1e9 }, { "", 1e6 },
  };
  double value;
  char *end;

  g_return_val_if_fail (text != NULL, FALSE);

  if (g_ascii_strcasecmp (text, "end") == 0)
    return *ns = AWAITLAB_EXPORT_TIME_END, TRUE;

  value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (value) || value < 0 || value > 1e12)
    return FALSE;
  while (*end == ' ')
    end++;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (end, units[i].unit))
      {
        *ns = (gint64)llround (value * units[i].factor);
        return TRUE;
      }
  return FALSE;
}

/* ----------------------------------------------------------------------------- */

AwaitlabExportSource *
awaitlab_export_source_new (AwaitlabTimeline *timeline,
                            AwlTrace         *trace,
                            const char       *title,
                            const char       *source_text,
                            const char       *explanation)
{
  AwaitlabExportSource *self;

  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (timeline), NULL);

  self = g_new0 (AwaitlabExportSource, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->timeline = g_object_ref (timeline);
  self->trace = trace ? awl_trace_ref (trace) : NULL;
  self->title = g_strdup (title ? title : "");
  self->source_text = g_strdup (source_text ? source_text : "");
  self->explanation = g_strdup (explanation ? explanation : "");
  self->lines = g_strsplit (self->source_text, "\n", -1);
  self->n_lines = g_strv_length (self->lines);
  if (self->n_lines > 0 && self->lines[self->n_lines - 1][0] == '\0')
    self->n_lines--;

  return self;
}

AwaitlabExportSource *
awaitlab_export_source_new_from_scenario (AwlScenario          *scenario,
                                          const AwlKnobValues  *overrides,
                                          GCancellable         *cancellable,
                                          GError              **error)
{
  g_autoptr(AwlTrace) trace = NULL;
  g_autoptr(AwaitlabTimeline) timeline = NULL;
  g_autofree AwaitlabNoteSource *notes = NULL;
  AwaitlabExportSource *source;
  const AwlScenarioNote *scenario_notes;
  guint n_notes;

  g_return_val_if_fail (scenario != NULL, NULL);

  trace = awl_scenario_run (scenario, overrides, cancellable, error);
  if (trace == NULL)
    return NULL;

  scenario_notes = awl_scenario_get_notes (scenario, &n_notes);
  notes = g_new0 (AwaitlabNoteSource, MAX (1, n_notes));
  for (guint i = 0; i < n_notes; i++)
    {
      notes[i].line = MAX (0, scenario_notes[i].line);
      notes[i].text = scenario_notes[i].text;
    }

  timeline = awaitlab_timeline_new_from_trace (trace, notes, n_notes);
  source = awaitlab_export_source_new (timeline, trace,
                                       awl_scenario_get_title (scenario),
                                       awl_scenario_get_source (scenario),
                                       awl_scenario_get_explanation (scenario));
  awaitlab_export_source_set_scenario (source, scenario);
  return source;
}

void
awaitlab_export_source_set_scenario (AwaitlabExportSource *self,
                                     AwlScenario          *scenario)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (scenario != NULL);

  g_clear_pointer (&self->bookmarks, g_array_unref);
  if (self->trace != NULL)
    self->bookmarks = awl_bookmarks_collect (scenario, self->trace);
}

GArray *
awaitlab_export_source_get_bookmarks (AwaitlabExportSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bookmarks;
}

AwaitlabExportSource *
awaitlab_export_source_ref (AwaitlabExportSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
awaitlab_export_source_unref (AwaitlabExportSource *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_object_unref (self->timeline);
  g_clear_pointer (&self->trace, awl_trace_unref);
  g_free (self->title);
  g_free (self->source_text);
  g_free (self->explanation);
  g_strfreev (self->lines);
  g_free (self->input_path);
  g_clear_pointer (&self->bookmarks, g_array_unref);
  g_free (self);
}

void
awaitlab_export_source_set_input_path (AwaitlabExportSource *self,
                                       const char           *path)
{
  g_return_if_fail (self != NULL);
  g_free (self->input_path);
  self->input_path = g_strdup (path);
}

const char *
awaitlab_export_source_get_input_path (AwaitlabExportSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->input_path;
}

AwaitlabTimeline *
awaitlab_export_source_get_timeline (AwaitlabExportSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->timeline;
}

AwlTrace *
awaitlab_export_source_get_trace (AwaitlabExportSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->trace;
}

const char *
awaitlab_export_source_get_title (AwaitlabExportSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

/* ----------------------------------------------------------------------------- */

static gint64
range_end (AwaitlabExportSource        *source,
           const AwaitlabExportOptions *options)
{
  gint64 end = awaitlab_timeline_get_end_time (source->timeline);

  if (options->to != AWAITLAB_EXPORT_TIME_END)
    end = MIN (end, options->to);
  return MAX (end, options->from);
}

/* The virtual ns per video second. */
static double
ns_per_second (AwaitlabExportSource        *source,
               const AwaitlabExportOptions *options)
{
  gint64 span = range_end (source, options) - options->from;

  if (options->speed > 0)
    return options->speed * 1e6;
  /* Automatic: the whole range in ten seconds. */
  return MAX (1.0, span / 10.0);
}

guint
awaitlab_export_count_frames (AwaitlabExportSource        *source,
                              const AwaitlabExportOptions *options)
{
  double seconds;
  int fps;

  g_return_val_if_fail (source != NULL, 0);
  g_return_val_if_fail (options != NULL, 0);

  fps = MAX (1, options->fps);
  seconds = (range_end (source, options) - options->from) / ns_per_second (source, options);
  return (guint)ceil (seconds * fps - 1e-9) + 1 + (guint)lround (MAX (0, options->hold) * fps);
}

gint64
awaitlab_export_frame_time (AwaitlabExportSource        *source,
                            const AwaitlabExportOptions *options,
                            guint                        frame)
{
  double t;

  g_return_val_if_fail (source != NULL, 0);

  t = options->from + frame * ns_per_second (source, options) / MAX (1, options->fps);
  return MIN ((gint64)llround (t), range_end (source, options));
}

/* ----------------------------------------------------------------------------- */

struct _AwaitlabExportPainter
{
  AwaitlabExportSource     *source;
  AwaitlabExportOptions     options;
  AwaitlabTimelineRenderer *renderer;
  AwaitlabTimeAxis         *axis;
  gint64                    begin;      /* axis positions */
  gint64                    end;
  char                     *outcome_line;
  char                     *lanes_note;  /* the lanes left out, or NULL */
  int                       event;       /* the narrated event of a seeked frame, -1: by time */
};

AwaitlabExportPainter *
awaitlab_export_painter_new (AwaitlabExportSource        *source,
                             const AwaitlabExportOptions *options)
{
  AwaitlabExportPainter *self = g_new0 (AwaitlabExportPainter, 1);
  gint64 end_time = awaitlab_timeline_get_end_time (source->timeline);

  self->source = awaitlab_export_source_ref (source);
  self->options = *options;
  self->renderer = awaitlab_timeline_renderer_new ();
  self->event = -1;
  awaitlab_timeline_renderer_set_dark (self->renderer, options->dark);

  /* Exports draw on the same axis as the window. */
  self->axis = awaitlab_time_axis_new (options->axis);
  awaitlab_time_axis_set_timeline (self->axis, source->timeline);
  awaitlab_timeline_renderer_set_axis (self->renderer, self->axis);

  /* The visible range: the requested one, else the whole run with a little room
   * after the end so the outcome is not drawn against the edge. */
  self->begin = awaitlab_time_axis_time_to_pos (self->axis, options->from);
  if (options->to != AWAITLAB_EXPORT_TIME_END)
    self->end = awaitlab_time_axis_time_to_pos_after (self->axis, options->to);
  else
    {
      gint64 length = MAX (awaitlab_time_axis_get_length (self->axis),
                           awaitlab_time_axis_time_to_pos_after (self->axis, end_time));
      self->end = length + MAX (1, length / 30);
    }
  if (self->end <= self->begin)
    self->end = self->begin + 1000;

  /* Slides show the lanes the range uses, and say which were left out. */
  {
    g_autoptr(GArray) shown = awaitlab_export_lanes_used (source->timeline, options->from,
                                                          range_end (source, options));

    awaitlab_timeline_renderer_set_lanes_shown (self->renderer, (const gboolean *)(gpointer)shown->data,
                                                shown->len);
    self->lanes_note = awaitlab_export_lanes_note (source->timeline, shown);
  }

  return self;
}

void
awaitlab_export_painter_free (AwaitlabExportPainter *self)
{
  if (self == NULL)
    return;
  awaitlab_export_source_unref (self->source);
  awaitlab_timeline_renderer_free (self->renderer);
  g_clear_object (&self->axis);
  g_free (self->outcome_line);
  g_free (self->lanes_note);
  g_free (self);
}

/* Moves the playhead to frame @frame of a video of @n_frames along the axis
 * the picture is drawn on, not along time: on the step axis every instant
 * gets the frames its room on the axis is worth, so zero-time steps are
 * shown one after the other instead of jumped over, as the window plays them.
 * The last frames (the hold) stay at the end. Returns the playhead's time. */
gint64
awaitlab_export_painter_seek (AwaitlabExportPainter *self,
                              guint                  frame,
                              guint                  n_frames)
{
  const AwaitlabExportOptions *options = &self->options;
  guint hold = (guint)lround (MAX (0, options->hold) * MAX (1, options->fps));
  guint moving = n_frames > hold + 1 ? n_frames - hold : MIN (n_frames, 2);
  gint64 from = awaitlab_time_axis_time_to_pos (self->axis, options->from);
  gint64 to = awaitlab_time_axis_time_to_pos_after (self->axis, range_end (self->source, options));
  gint64 pos = moving > 1 && frame < moving - 1
               ? from + (gint64)((double)(to - from) * frame / (moving - 1))
               : to;
  double event = awaitlab_time_axis_pos_to_event (self->axis, pos);

  awaitlab_timeline_renderer_set_playhead_position (self->renderer, event);
  self->event = event >= 0 ? (int)floor (event) : -1;
  return MIN (awaitlab_time_axis_pos_to_time (self->axis, pos), range_end (self->source, options));
}

int
awaitlab_export_painter_get_event (AwaitlabExportPainter *self)
{
  return self->event;
}

void
awaitlab_export_painter_set_outcome_line (AwaitlabExportPainter *self,
                                          const char            *text)
{
  g_free (self->outcome_line);
  self->outcome_line = g_strdup (text);
}

/* The timeline view fills its box: a run with few lanes is drawn larger (up to
 * two and a half times: type and lines grow with it, as a slide wants) instead of leaving the
 * lower half empty, and a margin on the right keeps the last tick label whole. */
static void
draw_timeline_fitted (AwaitlabExportPainter *self,
                      cairo_t               *cr,
                      double                 width,
                      double                 height)
{
  AwaitlabTimelineRenderer *renderer = self->renderer;
  double natural, scale, margin;

  awaitlab_timeline_renderer_set_scale (renderer, 1.0);
  natural = awaitlab_timeline_renderer_get_natural_height (renderer, self->source->timeline);
  scale = CLAMP (height / MAX (1, natural), 1.0, MAX (1.0, MIN (2.5, width / 640.0)));
  awaitlab_timeline_renderer_set_scale (renderer, scale);

  margin = 48 * scale;
  awaitlab_timeline_renderer_draw (renderer, cr, self->source->timeline,
                                   self->begin, self->end, width - margin, height);
}

double
awaitlab_export_note_height (double height)
{
  return CLAMP (height * 0.035, 16, 44);
}

/* One line under the timeline, in the secondary text colour, shrunk rather
 * than cut when the names are many. */
static void
draw_lanes_note (AwaitlabExportPainter *self,
                 cairo_t               *cr,
                 double                 y,
                 double                 width,
                 double                 h)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string ("Sans Italic");
  double size = h * 0.55, pad = h * 0.6;
  AwaitlabColor bg, fg = { self->options.dark, self->options.dark, self->options.dark }, c;
  int w, lh;

  awaitlab_palette_background (self->options.dark, &bg);
  cairo_save (cr);
  cairo_set_source_rgb (cr, bg.red, bg.green, bg.blue);
  cairo_rectangle (cr, 0, y, width, h);
  cairo_fill (cr);

  pango_layout_set_text (layout, self->lanes_note, -1);
  do
    {
      pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
      pango_layout_set_font_description (layout, desc);
      pango_layout_get_pixel_size (layout, &w, &lh);
      size *= 0.9;
    }
  while (w > width - 2 * pad && size > h * 0.25);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int)((width - 2 * pad) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  awaitlab_color_blend (&fg, awaitlab_palette_text_alpha (AWAITLAB_TEXT_SECONDARY), &bg, &c);
  cairo_set_source_rgb (cr, c.red, c.green, c.blue);
  cairo_move_to (cr, pad, y + (h - lh) / 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

void
awaitlab_export_painter_draw (AwaitlabExportPainter *self,
                              cairo_t               *cr,
                              gint64                 playhead,
                              double                 width,
                              double                 height)
{
  gboolean caption = self->options.caption;
  double strip = self->options.narration ? awaitlab_export_narration_height (height) : 0;
  double top = caption ? awaitlab_export_caption_height_for (self->source, self->outcome_line, cr, width, height) : 0;
  double legend = caption ? awaitlab_export_legend_height (height) : 0;
  double note = self->lanes_note ? awaitlab_export_note_height (height) : 0;
  double body = MAX (1, height - strip - top - legend - note);

  awaitlab_timeline_renderer_set_playhead (self->renderer, playhead);

  cairo_save (cr);
  cairo_rectangle (cr, 0, top, width, body);
  cairo_clip (cr);
  cairo_translate (cr, 0, top);
  if (self->options.view == AWAITLAB_EXPORT_VIEW_FULL)
    awaitlab_export_draw_full (self->source, self->renderer, self->options.dark, !caption, cr, playhead,
                               self->begin, self->end, width, body);
  else
    draw_timeline_fitted (self, cr, width, body);
  cairo_restore (cr);

  if (self->lanes_note != NULL)
    draw_lanes_note (self, cr, top + body, width, note);

  if (caption)
    {
      /* A range ends the picture: its time is the range's end, not the run's. */
      gint64 at = playhead == AWAITLAB_EXPORT_TIME_END && self->options.to != AWAITLAB_EXPORT_TIME_END
                  ? range_end (self->source, &self->options) : playhead;

      awaitlab_export_draw_caption (self->source, self->outcome_line, self->options.dark, cr, at, width, height);
      cairo_save (cr);
      cairo_translate (cr, 0, top + body + note);
      awaitlab_export_draw_legend (self->renderer, self->options.dark, cr, width, height);
      cairo_restore (cr);
    }

  if (self->options.narration)
    awaitlab_export_draw_narration (self->source, self->options.dark, cr, playhead, self->event, width, height);
}

void
awaitlab_export_draw (AwaitlabExportSource        *source,
                      const AwaitlabExportOptions *options,
                      cairo_t                     *cr,
                      gint64                       playhead,
                      double                       width,
                      double                       height)
{
  g_autoptr(AwaitlabExportPainter) painter = NULL;

  g_return_if_fail (source != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (cr != NULL);

  painter = awaitlab_export_painter_new (source, options);
  awaitlab_export_painter_draw (painter, cr, playhead, width, height);
}

/* ----------------------------------------------------------------------------- */

static gboolean
check_options (AwaitlabExportSource        *source,
               const AwaitlabExportOptions *options,
               GError                     **error)
{
  const char *problem = NULL;

  if (options->width < 16 || options->height < 16 || options->width > 8192 || options->height > 8192)
    problem = _("the size must be between 16×16 and 8192×8192");
  else if (!(options->scale >= 0.25 && options->scale <= 8))
    problem = _("the scale must be between 0.25 and 8");
  else if (options->width * options->scale > 16384 || options->height * options->scale > 16384)
    problem = _("the picture would be larger than 16384 pixels");
  else if (options->fps < 1 || options->fps > 120)
    problem = _("the frame rate must be between 1 and 120");
  else if (options->speed < 0 || !isfinite (options->speed))
    problem = _("the speed must be positive");
  else if (options->to != AWAITLAB_EXPORT_TIME_END && options->to <= options->from)
    problem = _("the end of the range must come after its start");
  else if (options->from < 0)
    problem = _("the range cannot start before 0");
  else if (options->format == AWAITLAB_EXPORT_TRACE && source->trace == NULL)
    problem = _("there is no trace to export");
  else if (options->format == AWAITLAB_EXPORT_STEPS && (source->bookmarks == NULL || source->bookmarks->len == 0))
    problem = _("the run has no bookmarks (steps need the scenario and its trace)");
  else if (awaitlab_export_format_is_video (options->format) &&
           (options->width % 2 != 0 || options->height % 2 != 0) &&
           options->format != AWAITLAB_EXPORT_GIF)
    problem = _("video sizes must be even");
  else if (awaitlab_export_format_is_video (options->format) &&
           awaitlab_export_count_frames (source, options) > 200000)
    problem = _("the video would have more than 200,000 frames: raise the speed");

  if (problem != NULL)
    {
      g_set_error (error, AWAITLAB_EXPORT_ERROR, AWAITLAB_EXPORT_ERROR_INVALID,
                   _("Cannot export: %s"), problem);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_picture (AwaitlabExportSource        *source,
               const AwaitlabExportOptions *options,
               AwaitlabExportFile          *file,
               GError                     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int saved;

  switch (options->format)
    {
    case AWAITLAB_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (awaitlab_export_file_cairo_write, file,
                                                     options->width, options->height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case AWAITLAB_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (awaitlab_export_file_cairo_write, file,
                                                     options->width, options->height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, source->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Awaitlab");
      break;
    case AWAITLAB_EXPORT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int)ceil (options->width * options->scale),
                                            (int)ceil (options->height * options->scale));
      cairo_surface_set_device_scale (surface, options->scale, options->scale);
      break;
    }

  cr = cairo_create (surface);
  awaitlab_export_draw (source, options, cr, options->time, options->width, options->height);
  status = cairo_status (cr);
  cairo_destroy (cr);

  /* Every byte goes through awaitlab_export_file_cairo_write(), which checks each
   * write; PDF and SVG write most of the file when the surface is finished, so its
   * status is read after cairo_surface_finish(). */
  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (options->format == AWAITLAB_EXPORT_PNG)
        status = cairo_surface_write_to_png_stream (surface, awaitlab_export_file_cairo_write, file);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  saved = file->write_errno;
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || saved != 0)
    {
      awaitlab_export_file_set_write_error (file, saved,
                                            cairo_status_to_string (status == CAIRO_STATUS_SUCCESS
                                                                    ? CAIRO_STATUS_WRITE_ERROR : status),
                                            error);
      return FALSE;
    }
  return awaitlab_export_file_close_stream (file, error);
}

static gboolean
write_trace (AwaitlabExportSource *source,
             AwaitlabExportFile   *file,
             GError              **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  data = awl_chrome_trace_to_data (source->trace, source->title, &length);
  if (!g_file_set_contents (file->temp_path, data, length, &local_error))
    {
      int code = local_error->code == G_FILE_ERROR_NOSPC ? ENOSPC
               : local_error->code == G_FILE_ERROR_ACCES ? EACCES : 0;
      awaitlab_export_file_set_write_error (file, code, local_error->message, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
awaitlab_export_to_file (AwaitlabExportSource        *source,
                         const AwaitlabExportOptions *options,
                         const char                  *path,
                         AwaitlabExportProgress       progress,
                         gpointer                     progress_data,
                         GCancellable                *cancellable,
                         GError                     **error)
{
  g_autoptr(AwaitlabExportFile) file = NULL;
  gboolean ok;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_options (source, options, error))
    return FALSE;
  /* A folder of files, each written safely on its own. */
  if (options->format == AWAITLAB_EXPORT_STEPS)
    return awaitlab_export_steps (source, options, path, progress, progress_data, cancellable, error);
  if (!(file = awaitlab_export_file_new (path, source->input_path, error)))
    return FALSE;

  switch (options->format)
    {
    case AWAITLAB_EXPORT_PNG:
    case AWAITLAB_EXPORT_SVG:
    case AWAITLAB_EXPORT_PDF:
      ok = write_picture (source, options, file, error);
      break;
    case AWAITLAB_EXPORT_WEBM:
    case AWAITLAB_EXPORT_MP4:
      ok = awaitlab_export_video (source, options, file->temp_path, progress, progress_data,
                                  cancellable, error);
      break;
    case AWAITLAB_EXPORT_GIF:
      ok = awaitlab_export_gif (source, options, file, progress, progress_data,
                                cancellable, error);
      break;
    case AWAITLAB_EXPORT_TRACE:
      ok = write_trace (source, file, error);
      break;
    case AWAITLAB_EXPORT_STEPS:
    case AWAITLAB_EXPORT_N_FORMATS:
    default:
      g_assert_not_reached ();
    }

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  /* Freeing an uncommitted file removes the temporary file. */
  return ok && awaitlab_export_file_commit (file, error);
}

/* ----------------------------------------------------------------------------- */

typedef struct
{
  AwaitlabExportSource   *source;
  AwaitlabExportOptions   options;
  char                   *path;
  AwaitlabExportProgress  progress;
  gpointer                progress_data;
  GMainContext           *context;
  /* The latest progress, handed to the caller's context at most once pending. */
  GMutex                  mutex;
  double                  fraction;
  guint                   frame;
  guint                   n_frames;
  gboolean                pending;
  gboolean                finished;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  awaitlab_export_source_unref (job->source);
  g_free (job->path);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->mutex);
  g_free (job);
}

static gboolean
deliver_progress (gpointer data)
{
  GTask *task = data;
  ExportJob *job = g_task_get_task_data (task);
  double fraction;
  guint frame, n_frames;
  gboolean finished;

  g_mutex_lock (&job->mutex);
  fraction = job->fraction;
  frame = job->frame;
  n_frames = job->n_frames;
  job->pending = FALSE;
  finished = job->finished;
  g_mutex_unlock (&job->mutex);

  if (!finished && job->progress != NULL)
    job->progress (fraction, frame, n_frames, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
worker_progress (double   fraction,
                 guint    frame,
                 guint    n_frames,
                 gpointer data)
{
  GTask *task = data;
  ExportJob *job = g_task_get_task_data (task);
  gboolean schedule;

  g_mutex_lock (&job->mutex);
  job->fraction = fraction;
  job->frame = frame;
  job->n_frames = n_frames;
  schedule = !job->pending;
  job->pending = TRUE;
  g_mutex_unlock (&job->mutex);

  if (schedule)
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, deliver_progress,
                                g_object_ref (task), g_object_unref);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  ok = awaitlab_export_to_file (job->source, &job->options, job->path,
                                job->progress ? worker_progress : NULL, task,
                                cancellable, &error);
  g_mutex_lock (&job->mutex);
  job->finished = TRUE;
  g_mutex_unlock (&job->mutex);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
awaitlab_export_to_file_async (AwaitlabExportSource        *source,
                               const AwaitlabExportOptions *options,
                               const char                  *path,
                               AwaitlabExportProgress       progress,
                               gpointer                     progress_data,
                               GCancellable                *cancellable,
                               GAsyncReadyCallback          callback,
                               gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (source != NULL);
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->source = awaitlab_export_source_ref (source);
  job->options = *options;
  job->path = g_strdup (path);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  g_mutex_init (&job->mutex);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, awaitlab_export_to_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify)export_job_free);
  /* The cancellable is checked between frames; the result is reported as the
   * worker finishes, so the temporary file is already gone when Cancel returns. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

gboolean
awaitlab_export_to_file_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
