/* awaitlab-export-steps.c
 *
 * The "steps" export: one numbered PNG per bookmark (each quiz, every @note the
 * first time it runs, the moment a deadlock closes, the end) for a slide deck,
 * with the bookmark's label in the strip at the bottom. Presentation mode stops
 * at the same bookmarks (awl-bookmarks.h).
 */

#include <errno.h>
#include <math.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "awaitlab-export-private.h"
#include "awl-bookmarks.h"

/* "03-note-L38.png": sorted by name is the lesson's order. */
static char *
step_file_name (const AwlBookmark *mark,
                guint              number,
                guint              n_marks)
{
  int digits = n_marks >= 100 ? 3 : 2;

  if (mark->kind == AWL_BOOKMARK_NOTE)
    return g_strdup_printf ("%0*u-note-L%d.png", digits, number, mark->line);
  return g_strdup_printf ("%0*u-%s.png", digits, number, awl_bookmark_kind_to_string (mark->kind));
}

static gboolean
write_step (AwaitlabExportPainter       *painter,
            const AwaitlabExportOptions *options,
            const AwlBookmark           *mark,
            const char                  *label,
            const char                  *path,
            GError                     **error)
{
  g_autoptr(AwaitlabExportFile) file = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int saved;

  /* Steps go into a folder of their own: nothing to compare with the scenario. */
  if (!(file = awaitlab_export_file_new (path, NULL, error)))
    return FALSE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int)ceil (options->width * options->scale),
                                        (int)ceil (options->height * options->scale));
  cairo_surface_set_device_scale (surface, options->scale, options->scale);
  cr = cairo_create (surface);
  /* The end is the whole run, nothing veiled; every other step veils its future. */
  awaitlab_export_painter_draw (painter, cr,
                                mark->kind == AWL_BOOKMARK_END ? AWAITLAB_EXPORT_TIME_END : mark->time,
                                options->width, options->height);
  awaitlab_export_draw_narration_text (label, options->dark, cr, options->width, options->height);
  status = cairo_status (cr);
  cairo_destroy (cr);

  /* Through the checked stream: every write, then the close, checked. */
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, awaitlab_export_file_cairo_write, file);
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
  return awaitlab_export_file_close_stream (file, error) && awaitlab_export_file_commit (file, error);
}

gboolean
awaitlab_export_steps (AwaitlabExportSource        *source,
                       const AwaitlabExportOptions *options,
                       const char                  *folder,
                       AwaitlabExportProgress       progress,
                       gpointer                     progress_data,
                       GCancellable                *cancellable,
                       GError                     **error)
{
  GArray *marks = source->bookmarks;
  g_autoptr(AwaitlabExportPainter) painter = NULL;
  AwaitlabExportOptions step_options = *options;

  if (g_mkdir_with_parents (folder, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, AWAITLAB_EXPORT_ERROR,
                   saved == ENOSPC ? AWAITLAB_EXPORT_ERROR_NO_SPACE : AWAITLAB_EXPORT_ERROR_NOT_WRITABLE,
                   _("Cannot create the folder %s: %s"), folder, g_strerror (saved));
      return FALSE;
    }

  /* The strip at the bottom carries the step's label. */
  step_options.narration = TRUE;
  painter = awaitlab_export_painter_new (source, &step_options);

  for (guint i = 0; i < marks->len; i++)
    {
      const AwlBookmark *mark = &g_array_index (marks, AwlBookmark, i);
      const AwlBookmark *quiz = &g_array_index (marks, AwlBookmark, 0);
      gboolean before_outcome = mark->kind == AWL_BOOKMARK_QUIZ || mark->kind == AWL_BOOKMARK_NOTE;

      /* A deck that asks a question does not print the answer on the slides
       * before it: until the deadlock or the end, the quiz stands in the caption. */
      awaitlab_export_painter_set_outcome_line (painter, before_outcome && quiz->kind == AWL_BOOKMARK_QUIZ
                                                         ? quiz->label : NULL);
      g_autofree char *name = step_file_name (mark, i + 1, marks->len);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *time = awaitlab_format_time (mark->time);
      g_autofree char *label = g_strdup_printf (_("Step %u of %u · %s — %s"), i + 1, marks->len, time, mark->label);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!write_step (painter, &step_options, mark, label, path, error))
        return FALSE;
      if (progress != NULL)
        progress ((i + 1.0) / marks->len, i + 1, marks->len, progress_data);
    }

  return TRUE;
}
