/* awaitlab-export.h
 *
 * Exports of a run: pictures (PNG with a scale factor, SVG, PDF), videos (WebM,
 * MP4, animated GIF) and the Chrome trace JSON, of the timeline alone or of the
 * full view (code, timeline, explanation, output). Headless: cairo, Pango,
 * GStreamer and giflib only — never GTK — so the command line works without a
 * display, and the dialog runs the same code on a GTask worker thread.
 *
 * Nothing half-written: every format is written to a temporary file in the
 * target folder and renamed on success; on failure or cancellation the
 * temporary file is removed and the error says why.
 */

#pragma once

#include <gio/gio.h>
#include <cairo.h>

#include "awl-scenario.h"
#include "awaitlab-timeline.h"
#include "awaitlab-time-axis.h"

G_BEGIN_DECLS

#define AWAITLAB_EXPORT_ERROR (awaitlab_export_error_quark ())

typedef enum
{
  AWAITLAB_EXPORT_ERROR_FAILED,          /* anything else (encoder error, …) */
  AWAITLAB_EXPORT_ERROR_INVALID,         /* bad options */
  AWAITLAB_EXPORT_ERROR_MISSING_PLUGIN,  /* a GStreamer element is not installed */
  AWAITLAB_EXPORT_ERROR_NOT_WRITABLE,    /* the folder cannot be written */
  AWAITLAB_EXPORT_ERROR_NO_SPACE,        /* the disk is full */
} AwaitlabExportError;
/* A cancelled export fails with G_IO_ERROR_CANCELLED, like any GIO operation. */

typedef enum
{
  AWAITLAB_EXPORT_PNG,
  AWAITLAB_EXPORT_SVG,
  AWAITLAB_EXPORT_PDF,
  AWAITLAB_EXPORT_WEBM,
  AWAITLAB_EXPORT_MP4,
  AWAITLAB_EXPORT_GIF,
  AWAITLAB_EXPORT_TRACE,
  AWAITLAB_EXPORT_STEPS,
  AWAITLAB_EXPORT_N_FORMATS
} AwaitlabExportFormat;

typedef enum
{
  AWAITLAB_EXPORT_KIND_PICTURE,   /* one picture at the playhead */
  AWAITLAB_EXPORT_KIND_VIDEO,     /* frames over the range */
  AWAITLAB_EXPORT_KIND_DATA,      /* the trace, no picture */
  AWAITLAB_EXPORT_KIND_STEPS,     /* a folder of numbered PNGs, one per bookmark */
} AwaitlabExportKind;

/* One row per format: the command line (`--NAME OUT`), the dialog's list and
 * the file names are all made from this table, so a new format is one row (and
 * its writer). */
typedef struct
{
  AwaitlabExportFormat  format;
  const char           *name;        /* "png": the option --png and the format's name */
  const char           *extension;   /* of the file written; NULL for a folder */
  const char           *label;       /* for the dialog, untranslated (N_) */
  const char           *help;        /* for `awaitlab export --help`, untranslated */
  AwaitlabExportKind    kind;
} AwaitlabExportFormatInfo;

/* The table, in the order the dialog lists it (= AwaitlabExportFormat order). */
const AwaitlabExportFormatInfo *awaitlab_export_get_formats (guint *n_formats);
const AwaitlabExportFormatInfo *awaitlab_export_get_format_info (AwaitlabExportFormat format);

typedef enum
{
  AWAITLAB_EXPORT_VIEW_TIMELINE,
  AWAITLAB_EXPORT_VIEW_FULL,
} AwaitlabExportView;

#define AWAITLAB_EXPORT_TIME_END G_GINT64_CONSTANT (-1)

typedef struct
{
  AwaitlabExportFormat format;
  AwaitlabExportView   view;
  int                  width;      /* logical pixels (points for PDF); 1280 */
  int                  height;     /* 720 */
  double               scale;      /* PNG pixels per logical pixel (HiDPI); 1 */
  gint64               time;       /* pictures: the playhead; _TIME_END = the whole run */
  gint64               from;       /* videos: the range played; 0 */
  gint64               to;         /* _TIME_END = the end of the run */
  int                  fps;        /* videos: 30 (GIF: 15) */
  double               speed;      /* virtual ms per second of video; 0 = the range in 10 s */
  double               hold;       /* seconds the last frame stays; 1 */
  gboolean             narration;  /* burn the narration line in (videos and pictures) */
  gboolean             caption;    /* title, outcome and legend on the picture; TRUE */
  gboolean             dark;
  AwaitlabAxisMode     axis;       /* steps (default) or real time */
} AwaitlabExportOptions;

GQuark               awaitlab_export_error_quark        (void);
void                 awaitlab_export_options_init       (AwaitlabExportOptions *options,
                                                         AwaitlabExportFormat   format);
/* "png", "webm", … and back (from the table). */
const char          *awaitlab_export_format_to_string   (AwaitlabExportFormat   format);
gboolean             awaitlab_export_format_from_string (const char            *text,
                                                         AwaitlabExportFormat  *format);
const char          *awaitlab_export_format_extension   (AwaitlabExportFormat   format);
gboolean             awaitlab_export_format_is_video    (AwaitlabExportFormat   format);
/* Parses "720p", "1080p", "4k" or "WxH". */
gboolean             awaitlab_export_parse_size         (const char            *text,
                                                         int                   *width,
                                                         int                   *height);
/* Parses "250ms", "1.5s", "800us", "42ns", "end" or a bare number of ms. */
gboolean             awaitlab_export_parse_time         (const char            *text,
                                                         gint64                *ns);

/* What is exported: the timeline, and for the full view the scenario's text,
 * title and explanation; for the Chrome trace, the trace itself. Refcounted,
 * immutable, safe to share with a worker thread. */
typedef struct _AwaitlabExportSource AwaitlabExportSource;

AwaitlabExportSource *awaitlab_export_source_new        (AwaitlabTimeline      *timeline,
                                                         AwlTrace              *trace,
                                                         const char            *title,
                                                         const char            *source_text,
                                                         const char            *explanation);
/* Runs @scenario with @overrides (may be NULL) and builds the timeline; the
 * source gets the run's bookmarks (for the steps export). */
AwaitlabExportSource *awaitlab_export_source_new_from_scenario (AwlScenario         *scenario,
                                                         const AwlKnobValues   *overrides,
                                                         GCancellable          *cancellable,
                                                         GError               **error);
/* Gives a source made with _new() the bookmarks of @scenario's run (its trace);
 * call before sharing the source. */
void                  awaitlab_export_source_set_scenario (AwaitlabExportSource *self,
                                                         AwlScenario           *scenario);
/* The bookmarks (AwlBookmark), or NULL. */
GArray               *awaitlab_export_source_get_bookmarks (AwaitlabExportSource *self);
AwaitlabExportSource *awaitlab_export_source_ref        (AwaitlabExportSource  *self);
void                  awaitlab_export_source_unref      (AwaitlabExportSource  *self);
AwaitlabTimeline     *awaitlab_export_source_get_timeline (AwaitlabExportSource *self);
AwlTrace             *awaitlab_export_source_get_trace  (AwaitlabExportSource  *self);
const char           *awaitlab_export_source_get_title  (AwaitlabExportSource  *self);
/* The scenario file the source came from: an export never writes over it. */
void                  awaitlab_export_source_set_input_path (AwaitlabExportSource *self,
                                                         const char           *path);
const char           *awaitlab_export_source_get_input_path (AwaitlabExportSource *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwaitlabExportSource, awaitlab_export_source_unref)

/* Called on the exporting thread; @fraction in [0, 1]. */
typedef void (*AwaitlabExportProgress) (double   fraction,
                                        guint    frame,
                                        guint    n_frames,
                                        gpointer user_data);

/* The number of frames a video export writes (the last one held @hold s). */
guint     awaitlab_export_count_frames    (AwaitlabExportSource        *source,
                                           const AwaitlabExportOptions *options);
/* The playhead of frame @frame: frames are paced along the options' axis, so
 * on the step axis a zero-time step gets frames of its own (its time repeats). */
gint64    awaitlab_export_frame_time      (AwaitlabExportSource        *source,
                                           const AwaitlabExportOptions *options,
                                           guint                        frame);

/* Draws one picture/frame of @options's view at @playhead (_TIME_END = the whole
 * run, nothing veiled) onto @cr, @width × @height logical units. */
void      awaitlab_export_draw            (AwaitlabExportSource        *source,
                                           const AwaitlabExportOptions *options,
                                           cairo_t                     *cr,
                                           gint64                       playhead,
                                           double                       width,
                                           double                       height);

/* Exports to @path (synchronously, on the calling thread). For the steps export
 * @path is a folder (created if missing) that gets NN-KIND.png per bookmark. */
gboolean  awaitlab_export_to_file         (AwaitlabExportSource        *source,
                                           const AwaitlabExportOptions *options,
                                           const char                  *path,
                                           AwaitlabExportProgress       progress,
                                           gpointer                     progress_data,
                                           GCancellable                *cancellable,
                                           GError                     **error);

/* The same on a GTask worker thread; @progress is called on the thread-default
 * main context of the caller. */
void      awaitlab_export_to_file_async   (AwaitlabExportSource        *source,
                                           const AwaitlabExportOptions *options,
                                           const char                  *path,
                                           AwaitlabExportProgress       progress,
                                           gpointer                     progress_data,
                                           GCancellable                *cancellable,
                                           GAsyncReadyCallback          callback,
                                           gpointer                     user_data);
gboolean  awaitlab_export_to_file_finish  (GAsyncResult                *result,
                                           GError                     **error);

G_END_DECLS
