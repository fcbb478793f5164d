/* awaitlab-export-private.h — shared by the export back ends. */

#pragma once

#include "awaitlab-export.h"
#include <pango/pangocairo.h>

#include "awaitlab-timeline-renderer.h"

G_BEGIN_DECLS

/* A temporary file in the target folder ("dir/.name.XXXXXX.part"), renamed over
 * the target by _commit(); _abort() (or freeing uncommitted) removes it. */
typedef struct
{
  char *path;
  char *temp_path;
  gboolean committed;
  int fd;              /* open while a cairo stream writes (-1 otherwise) */
  int write_errno;     /* the first failed write of the stream (0: none) */
} AwaitlabExportFile;

/* Refuses @path when it is @input (the scenario; may be NULL), a link, a device, a
 * FIFO or a folder (awl_output_check_path()); removes our stale temporary files. */
AwaitlabExportFile *awaitlab_export_file_new    (const char          *path,
                                                 const char          *input,
                                                 GError             **error);
/* A cairo_write_func_t writing to the temporary file: every write checked. */
cairo_status_t      awaitlab_export_file_cairo_write (void            *closure,
                                                 const unsigned char *data,
                                                 unsigned int         length);
/* Syncs and closes the stream; FALSE with @error if a write or the close failed. */
gboolean            awaitlab_export_file_close_stream (AwaitlabExportFile *self,
                                                 GError             **error);
gboolean            awaitlab_export_file_commit (AwaitlabExportFile  *self,
                                                 GError             **error);
void                awaitlab_export_file_free   (AwaitlabExportFile  *self);
/* Turns a failed write into the most precise error: disk full, unwritable. */
void                awaitlab_export_file_set_write_error (AwaitlabExportFile *self,
                                                 int                  saved_errno,
                                                 const char          *what,
                                                 GError             **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwaitlabExportFile, awaitlab_export_file_free)

struct _AwaitlabExportSource
{
  gatomicrefcount   ref_count;
  AwaitlabTimeline *timeline;
  AwlTrace         *trace;
  char             *title;
  char             *source_text;
  char             *explanation;
  char            **lines;       /* the source split into lines */
  guint             n_lines;
  char             *input_path;  /* the scenario file, never written over (may be NULL) */
  GArray           *bookmarks;   /* AwlBookmark, or NULL without a scenario */
};

/* The frame painter reused across frames (one renderer, one layout cache). */
typedef struct _AwaitlabExportPainter AwaitlabExportPainter;

AwaitlabExportPainter *awaitlab_export_painter_new  (AwaitlabExportSource        *source,
                                                     const AwaitlabExportOptions *options);
void                   awaitlab_export_painter_draw (AwaitlabExportPainter       *self,
                                                     cairo_t                     *cr,
                                                     gint64                       playhead,
                                                     double                       width,
                                                     double                       height);
void                   awaitlab_export_painter_free (AwaitlabExportPainter       *self);
/* The playhead of video frame @frame of @n_frames, paced along the axis (a
 * zero-time step gets frames of its own); returns its time for _draw(). */
gint64                 awaitlab_export_painter_seek (AwaitlabExportPainter       *self,
                                                     guint                        frame,
                                                     guint                        n_frames);
/* The event the last _seek() narrates (-1: before the first). */
int                    awaitlab_export_painter_get_event (AwaitlabExportPainter *self);
/* Replaces the caption's outcome line (NULL = the outcome again). */
void                   awaitlab_export_painter_set_outcome_line (AwaitlabExportPainter *self,
                                                     const char                  *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwaitlabExportPainter, awaitlab_export_painter_free)

/* The full view (awaitlab-export-full.c): code, explanation and output around the
 * timeline drawn by @renderer; with @title_bar, the title and time above (the
 * caption has them otherwise). */
void awaitlab_export_draw_full (AwaitlabExportSource     *source,
                                AwaitlabTimelineRenderer *renderer,
                                gboolean                  dark,
                                gboolean                  title_bar,
                                cairo_t                  *cr,
                                gint64                    playhead,
                                gint64                    begin,
                                gint64                    end,
                                double                    width,
                                double                    height);

/* Draws the narration strip (the current event in one sentence: @event, or
 * the one at @playhead when -1) at the bottom; returns its height. */
double awaitlab_export_draw_narration (AwaitlabExportSource *source,
                                       gboolean              dark,
                                       cairo_t              *cr,
                                       gint64                playhead,
                                       int                   event,
                                       double                width,
                                       double                height);
double awaitlab_export_narration_height (double height);

/* The caption (awaitlab-export-caption.c): title, time and outcome in a band at
 * the top, the legend in a band at the bottom; each draws at y = 0 of @cr. */
double awaitlab_export_caption_height (double                    height);
double awaitlab_export_legend_height  (double                    height);
/* "Deadlock at 200 ms: …", "Completed at 1.2 s". Free with g_free. */
char  *awaitlab_export_outcome_line   (AwaitlabExportSource     *source);
/* The height the caption takes at @width: more than the usual band when the
 * outcome wraps over several lines. */
double awaitlab_export_caption_height_for (AwaitlabExportSource *source,
                                           const char           *line,
                                           cairo_t              *cr,
                                           double                width,
                                           double                height);
/* The outcome line as drawn: wrapped, never ellipsized (tests read it). */
PangoLayout *awaitlab_export_outcome_layout (AwaitlabExportSource *source,
                                             const char           *line,
                                             cairo_t              *cr,
                                             double                width,
                                             double                height);
/* @line: the second line, NULL for the outcome. */
void   awaitlab_export_draw_caption   (AwaitlabExportSource     *source,
                                       const char               *line,
                                       gboolean                  dark,
                                       cairo_t                  *cr,
                                       gint64                    playhead,
                                       double                    width,
                                       double                    height);
void   awaitlab_export_draw_legend    (AwaitlabTimelineRenderer *renderer,
                                       gboolean                  dark,
                                       cairo_t                  *cr,
                                       double                    width,
                                       double                    height);

/* Cropping to the lanes a range uses (awaitlab-export-lanes.c). */
GArray *awaitlab_export_lanes_used (AwaitlabTimeline *timeline,
                                    gint64            from,
                                    gint64            to);
char   *awaitlab_export_lanes_note (AwaitlabTimeline *timeline,
                                    GArray           *shown);
/* The height of the note under the timeline naming the lanes left out. */
double  awaitlab_export_note_height (double           height);

/* The narration strip with @text instead of the event's sentence. */
double awaitlab_export_draw_narration_text (const char *text,
                                            gboolean    dark,
                                            cairo_t    *cr,
                                            double      width,
                                            double      height);

/* The steps export (awaitlab-export-steps.c): one PNG per bookmark in @folder. */
gboolean awaitlab_export_steps (AwaitlabExportSource        *source,
                                const AwaitlabExportOptions *options,
                                const char                  *folder,
                                AwaitlabExportProgress       progress,
                                gpointer                     progress_data,
                                GCancellable                *cancellable,
                                GError                     **error);

gboolean awaitlab_export_video (AwaitlabExportSource        *source,
                                const AwaitlabExportOptions *options,
                                const char                  *temp_path,
                                AwaitlabExportProgress       progress,
                                gpointer                     progress_data,
                                GCancellable                *cancellable,
                                GError                     **error);
gboolean awaitlab_export_gif   (AwaitlabExportSource        *source,
                                const AwaitlabExportOptions *options,
                                AwaitlabExportFile          *file,
                                AwaitlabExportProgress       progress,
                                gpointer                     progress_data,
                                GCancellable                *cancellable,
                                GError                     **error);

G_END_DECLS
