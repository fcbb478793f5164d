/* awaitlab-window-private.h
 *
 * What the UI tests and --screenshot need to drive and inspect the window.
 */

#pragma once

#include "awaitlab-document.h"
#include "awaitlab-playback.h"
#include "awaitlab-timeline-view.h"
#include "awaitlab-code-view.h"
#include "awaitlab-window.h"

G_BEGIN_DECLS

AwaitlabPlayback     *awaitlab_window_get_playback       (AwaitlabWindow   *self);
AwaitlabTimelineView *awaitlab_window_get_timeline_view  (AwaitlabWindow   *self);
AwaitlabCodeView     *awaitlab_window_get_code_view      (AwaitlabWindow   *self);
AwaitlabDocument     *awaitlab_window_get_document       (AwaitlabWindow   *self);
void                  awaitlab_window_set_document       (AwaitlabWindow   *self,
                                                          AwaitlabDocument *document);
gboolean              awaitlab_window_get_loading        (AwaitlabWindow   *self);
gboolean              awaitlab_window_outcome_visible    (AwaitlabWindow   *self);
const char           *awaitlab_window_get_outcome_text   (AwaitlabWindow   *self);
const char           *awaitlab_window_get_status_text    (AwaitlabWindow   *self);
const char           *awaitlab_window_get_error_text     (AwaitlabWindow   *self);
GtkWidget            *awaitlab_window_get_error_dialog   (AwaitlabWindow   *self);
void                  awaitlab_window_set_search         (AwaitlabWindow   *self,
                                                          const char       *text);
guint                 awaitlab_window_count_catalogue_rows (AwaitlabWindow *self);
void                  awaitlab_window_set_presentation   (AwaitlabWindow   *self,
                                                          gboolean          presentation);

G_END_DECLS
