/* awaitlab-workspace.h
 *
 * What the window shows, without any widget: run A (the open document), run
 * B of compare mode with its knobs, the comparison of the two, the one
 * playhead, and the loading that replaces them. Views bind to its properties;
 * actions call its methods. Loading runs on GTask workers, so nothing here
 * blocks the main loop.
 */

#pragma once

#include <gio/gio.h>

#include "awaitlab-document.h"
#include "awaitlab-playback.h"
#include "awl-compare.h"

struct _AwlDiagnostics;

G_BEGIN_DECLS

#define AWAITLAB_TYPE_WORKSPACE (awaitlab_workspace_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabWorkspace, awaitlab_workspace, AWAITLAB, WORKSPACE, GObject)

AwaitlabWorkspace   *awaitlab_workspace_new              (void);
AwaitlabPlayback    *awaitlab_workspace_get_playback     (AwaitlabWorkspace   *self);

/* Run A. */
AwaitlabDocument    *awaitlab_workspace_get_document     (AwaitlabWorkspace   *self);
void                 awaitlab_workspace_set_document     (AwaitlabWorkspace   *self,
                                                          AwaitlabDocument    *document);
void                 awaitlab_workspace_load             (AwaitlabWorkspace   *self,
                                                          GFile               *file,
                                                          const char          *resource_path);
void                 awaitlab_workspace_run_text         (AwaitlabWorkspace   *self,
                                                          const char          *text,
                                                          GFile               *file,
                                                          const char          *resource_path,
                                                          const AwlKnobValues *knobs,
                                                          gboolean             keep_time);
void                 awaitlab_workspace_rerun            (AwaitlabWorkspace   *self,
                                                          const AwlKnobValues *knobs);
gboolean             awaitlab_workspace_get_loading      (AwaitlabWorkspace   *self);
gboolean             awaitlab_workspace_get_busy         (AwaitlabWorkspace   *self);
const struct _AwlDiagnostics *awaitlab_workspace_get_diagnostics (AwaitlabWorkspace *self);

/* Run B of compare mode. */
gboolean             awaitlab_workspace_get_compare      (AwaitlabWorkspace   *self);
void                 awaitlab_workspace_set_compare      (AwaitlabWorkspace   *self,
                                                          gboolean             compare);
AwaitlabDocument    *awaitlab_workspace_get_document_b   (AwaitlabWorkspace   *self);
const AwlKnobValues *awaitlab_workspace_get_knobs_b      (AwaitlabWorkspace   *self);
void                 awaitlab_workspace_set_knobs_b      (AwaitlabWorkspace   *self,
                                                          const AwlKnobValues *knobs);
const AwlComparison *awaitlab_workspace_get_comparison   (AwaitlabWorkspace   *self);

/* The playhead, as the keys and buttons move it. */
void                 awaitlab_workspace_toggle_playing   (AwaitlabWorkspace   *self);
void                 awaitlab_workspace_step             (AwaitlabWorkspace   *self,
                                                          int                  delta);
void                 awaitlab_workspace_seek_start       (AwaitlabWorkspace   *self);
void                 awaitlab_workspace_seek_end         (AwaitlabWorkspace   *self);
void                 awaitlab_workspace_seek_time        (AwaitlabWorkspace   *self,
                                                          gint64               time);
void                 awaitlab_workspace_jump_bookmark    (AwaitlabWorkspace   *self,
                                                          int                  direction);

G_END_DECLS
