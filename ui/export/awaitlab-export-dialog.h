/* awaitlab-export-dialog.h
 *
 * The Export dialog: format, content, size and video options with a live
 * preview; the export runs on a GTask worker thread with a progress bar and
 * Cancel, and ends with a toast offering "Open" and "Show in folder".
 */

#pragma once

#include <adwaita.h>

#include "awaitlab-document.h"
#include "awaitlab-export.h"

G_BEGIN_DECLS

#define AWAITLAB_TYPE_EXPORT_DIALOG (awaitlab_export_dialog_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabExportDialog, awaitlab_export_dialog, AWAITLAB, EXPORT_DIALOG, AdwWindow)

/* @toasts (may be NULL) receives the "exported" toast; @playhead is the
 * window's playhead (-1 = none). */
AwaitlabExportDialog *awaitlab_export_dialog_new     (GtkWindow        *parent,
                                                      AdwToastOverlay  *toasts,
                                                      AwaitlabDocument *document,
                                                      gint64            playhead);
void                  awaitlab_export_dialog_present (GtkWindow        *parent,
                                                      AdwToastOverlay  *toasts,
                                                      AwaitlabDocument *document,
                                                      gint64            playhead);
/* Starts an export to @file with the current settings (what the Export button
 * does after asking for a file; also for tests). */
void                  awaitlab_export_dialog_export_to (AwaitlabExportDialog *self,
                                                      GFile                *file);
void                  awaitlab_export_dialog_set_format (AwaitlabExportDialog *self,
                                                      AwaitlabExportFormat  format);
void                  awaitlab_export_dialog_set_speed (AwaitlabExportDialog *self,
                                                      double                ms_per_second);
gboolean              awaitlab_export_dialog_get_busy (AwaitlabExportDialog *self);
/* The picture with the current settings, as "Copy Image" puts it on the clipboard. */
GdkTexture           *awaitlab_export_dialog_render_texture (AwaitlabExportDialog *self);

G_END_DECLS
