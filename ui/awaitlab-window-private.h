/* awaitlab-window-private.h
 *
 * The window's parts shared by awaitlab-window.c (views that follow the
 * workspace) and awaitlab-window-actions.c (what the user asks for), and what
 * the UI tests and --screenshot need to drive and inspect the window.
 */

#pragma once

#include "awaitlab-document.h"
#include "awaitlab-playback.h"
#include "awaitlab-timeline-view.h"
#include "awaitlab-code-view.h"
#include "awaitlab-window.h"
#include "awaitlab-inspector.h"
#include "awaitlab-knobs.h"
#include "awaitlab-follow.h"
#include "awaitlab-queues-view.h"
#include "awaitlab-diagnostics-list.h"
#include "awaitlab-playback-bar.h"
#include "awaitlab-quiz-banner.h"
#include "awaitlab-sidebar.h"
#include "awaitlab-workspace.h"

G_BEGIN_DECLS

struct _AwaitlabWindow
{
  AdwApplicationWindow     parent_instance;

  /* Template widgets */
  AdwToastOverlay         *toasts;
  AdwFlap                 *flap;
  GtkWidget               *header_bar;
  AwaitlabSidebar         *sidebar;
  AdwWindowTitle          *window_title;
  GtkSpinner              *spinner;
  GtkOverlay              *status_slot;      /* two lines: the narration or the outcome */
  GtkWidget               *outcome_banner;
  GtkLabel                *outcome_label;
  GtkMenuButton           *outcome_more;     /* the whole outcome in a popover */
  GtkLabel                *outcome_full_label;
  guint                    status_fit_source;
  int                      status_fitted_size[2]; /* the slot's, when last fitted */
  AwaitlabQuizBanner      *quiz_banner;
  GtkStack                *main_stack;
  GtkPaned                *vpaned;
  GtkPaned                *hpaned;
  AwaitlabCodeView        *code_view;
  AwaitlabDiagnosticsList *diagnostics_list;
  GtkStack                *side_stack;
  GtkLabel                *question_label;
  GtkLabel                *explanation_label;
  GtkBox                  *notes_box;
  GtkListBox              *output_list;
  AwaitlabTimelineView    *timeline_view;
  GtkDrawingArea          *legend;
  AwaitlabQueuesView      *queues_view;
  AwaitlabPlaybackBar     *playback_bar;
  GtkLabel                *status_label;
  AwaitlabKnobs           *knobs;
  GtkWidget               *knob_side_box;
  GtkToggleButton         *knob_a_button;
  GtkToggleButton         *knob_b_button;
  GtkListBox              *lints_list;
  GtkWidget               *no_lints;
  AwaitlabInspector       *inspector;
  GtkLabel                *compare_summary;
  GtkLabel                *compare_label_a;
  GtkLabel                *compare_label_b;
  GtkWidget               *compare_box;
  AwaitlabTimelineView    *timeline_view_b;
  GtkToggleButton         *inspector_button;
  GtkToggleButton         *compare_button;
  AdwFlap                 *inspector_flap;
  GtkWidget               *side_switcher;
  GtkDropDown             *side_dropdown;

  /* What is shown; the views follow it. */
  AwaitlabWorkspace       *workspace;
  /* The code, the output and the queues follow the playhead's event. */
  AwaitlabFollow          *follow;
  /* Space, arrows, Home/End, PageUp/PageDown, Escape, Ctrl+Enter, F10. */
  GtkEventController      *media_keys;

  /* Editing */
  GFile                   *file;           /* where Save writes; NULL = ask (new, built-in copy) */
  GtkWidget               *confirm_dialog;
  void                   (*pending) (AwaitlabWindow *self, gpointer data);
  gpointer                 pending_data;
  GDestroyNotify           pending_destroy;
  guint                    close_confirmed : 1;
  guint                    save_then_pending : 1;

  GSettings               *settings;
  GtkWidget               *error_dialog;
  char                    *error_text;
  guint                    tick_id;
  gint64                   last_frame_time;
  guint                    shown_any : 1;
  guint                    presentation : 1;
  guint                    flap_was_revealed : 1;
  /* Presentation mode's size relative to 1600×1000 (awaitlab-window-layout.c). */
  double                   presentation_factor;
  GtkCssProvider          *presentation_css;
  guint                    scale_source;
  int                      saved_panes[2];
  int                      compare_saved_vpane; /* the divider before a short window's Compare */
  guint                    compare_short : 1;   /* Compare rearranged for a short window */
  guint                    compare_source;
  guint                    panes_bound : 1;     /* the dividers follow the settings */
  int                      allocated[2];    /* the window's last allocated size */
  guint                    panes_source;
  guint                    panes_placed : 1;  /* hpaned, vpaned positions before presentation */
};

typedef void (*AwaitlabPendingFunc) (AwaitlabWindow *self, gpointer data);

/* awaitlab-window-actions.c */
void      _awaitlab_window_class_actions_init (GtkWidgetClass      *widget_class);
void      _awaitlab_window_actions_init       (AwaitlabWindow      *self);
void      _awaitlab_window_actions_update     (AwaitlabWindow      *self);

/* awaitlab-window-editing.c */
gboolean  _awaitlab_window_is_modified        (AwaitlabWindow      *self);
void      _awaitlab_window_update_title       (AwaitlabWindow      *self);
void      _awaitlab_window_clear_pending      (AwaitlabWindow      *self);
void      _awaitlab_window_show_diagnostics   (AwaitlabWindow      *self);
void      _awaitlab_window_confirm_then       (AwaitlabWindow      *self,
                                               AwaitlabPendingFunc  func,
                                               gpointer             data,
                                               GDestroyNotify       destroy);
gboolean  _awaitlab_window_save               (AwaitlabWindow      *self,
                                               GFile               *file);
void      _awaitlab_window_save_as            (AwaitlabWindow      *self);
void      _awaitlab_window_run_text           (AwaitlabWindow      *self);
void      _awaitlab_window_new_scenario       (AwaitlabWindow      *self);

/* awaitlab-window-quiz.c */
gboolean  _awaitlab_window_quiz_armed         (AwaitlabWindow      *self);
char     *_awaitlab_window_dup_shown_title    (AwaitlabWindow      *self);
void      _awaitlab_window_apply_quiz         (AwaitlabWindow      *self);
void      _awaitlab_window_update_status      (AwaitlabWindow      *self);

/* awaitlab-window-status.c */
void      _awaitlab_window_status_init        (AwaitlabWindow      *self);
void      _awaitlab_window_status_dispose     (AwaitlabWindow      *self);
void      _awaitlab_window_fit_status         (AwaitlabWindow      *self);
void      _awaitlab_window_queue_fit_status   (AwaitlabWindow      *self);

/* awaitlab-window-layout.c */
void      _awaitlab_window_layout_init        (AwaitlabWindow      *self);
void      _awaitlab_window_layout_dispose     (AwaitlabWindow      *self);
void      _awaitlab_window_layout_allocated   (AwaitlabWindow      *self,
                                               int                  width,
                                               int                  height);
gboolean  awaitlab_window_get_presentation    (AwaitlabWindow      *self);
void      _awaitlab_window_toggle_side_panel  (AwaitlabWindow      *self);
void      _awaitlab_window_update_timeline_heights (AwaitlabWindow *self);
void      _awaitlab_window_update_compare_layout   (AwaitlabWindow *self);

/* awaitlab-window.c */
void      _awaitlab_window_bind_panes         (AwaitlabWindow      *self,
                                               gboolean             bind);
void      _awaitlab_window_show_error         (AwaitlabWindow      *self,
                                               const char          *heading,
                                               const char          *message);

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
AwaitlabWorkspace    *awaitlab_window_get_workspace      (AwaitlabWindow   *self);
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
