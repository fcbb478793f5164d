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
#include "awaitlab-inspector.h"
#include "awaitlab-knobs.h"
#include "awaitlab-queues-view.h"

G_BEGIN_DECLS

AwaitlabPlayback     *awaitlab_window_get_playback       (AwaitlabWindow   *self);
AwaitlabTimelineView *awaitlab_window_get_timeline_view  (AwaitlabWindow   *self);
AwaitlabCodeView     *awaitlab_window_get_code_view      (AwaitlabWindow   *self);
AwaitlabQueuesView   *awaitlab_window_get_queues_view    (AwaitlabWindow   *self);
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

AwaitlabKnobs        *awaitlab_window_get_knobs          (AwaitlabWindow   *self);
AwaitlabInspector    *awaitlab_window_get_inspector      (AwaitlabWindow   *self);
AwaitlabTimelineView *awaitlab_window_get_timeline_view_b (AwaitlabWindow *self);
AwaitlabDocument     *awaitlab_window_get_document_b     (AwaitlabWindow   *self);
/* TRUE while A or B is being simulated. */
gboolean              awaitlab_window_get_busy           (AwaitlabWindow   *self);
void                  awaitlab_window_set_compare        (AwaitlabWindow   *self,
                                                          gboolean          compare);
const char           *awaitlab_window_get_compare_summary (AwaitlabWindow  *self);
void                  awaitlab_window_select_knob_side   (AwaitlabWindow   *self,
                                                          gboolean          b);
guint                 awaitlab_window_get_n_problems     (AwaitlabWindow   *self);
guint                 awaitlab_window_get_n_lints        (AwaitlabWindow   *self);
void                  awaitlab_window_activate_lint      (AwaitlabWindow   *self,
                                                          guint             index);
GtkWidget            *awaitlab_window_get_confirm_dialog (AwaitlabWindow   *self);
GFile                *awaitlab_window_get_file           (AwaitlabWindow   *self);
gboolean              awaitlab_window_save_to            (AwaitlabWindow   *self,
                                                          GFile            *file);
gboolean              awaitlab_window_is_modified        (AwaitlabWindow   *self);
void                  awaitlab_window_set_inspector_visible (AwaitlabWindow *self,
                                                          gboolean          visible);
/* "explanation", "output", "knobs", "lints". */
void                  awaitlab_window_show_panel         (AwaitlabWindow   *self,
                                                          const char       *name);
guint                 awaitlab_window_get_n_quizzes      (AwaitlabWindow   *self);
void                  awaitlab_window_answer_quiz        (AwaitlabWindow   *self,
                                                          guint             quiz,
                                                          guint             choice);
const char           *awaitlab_window_get_quiz_result    (AwaitlabWindow   *self,
                                                          guint             quiz);

G_END_DECLS
