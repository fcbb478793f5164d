/* awaitlab-window.c
 *
 * The main window: the question browser on the left; code, explanation and
 * output on top; the timeline below; the playback bar and the narration line
 * at the bottom. The window owns no simulation state — it shows an
 * AwaitlabDocument and moves an AwaitlabPlayback.
 */

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "awaitlab-window-private.h"
#include "awaitlab-markdown.h"
#include "awaitlab-timeline-renderer.h"
#include "awaitlab-follow.h"
#include "awaitlab-inspector.h"
#include "awaitlab-knobs.h"
#include "awaitlab-queues-view.h"
#include "export/awaitlab-export-dialog.h"
#include "awl-compare.h"
#include "awl-diagnostic.h"

/* What File → New starts from: small, runnable, and showing every directive. */
static const char new_template[] =
  "// @title     My scenario\n"
  "// @topic     Context and ConfigureAwait\n"
  "// @knob      UseConfigureAwait = false \"Add ConfigureAwait(false) to the await\"\n"
  "// @quiz      Which thread prints \"after the await\"?\n"
  "// @answer    A ThreadPool thread\n"
  "// @choice    Main\n"
  "// @why       A console app has no SynchronizationContext, so the continuation runs on the pool.\n"
  "\n"
  "async Task<string> LoadAsync()\n"
  "{\n"
  "    Console.WriteLine(\"before the await\");\n"
  "    string data = await Http.GetAsync(\"https://example.org\", 100).ConfigureAwait(!UseConfigureAwait);\n"
  "    Console.WriteLine(\"after the await\");\n"
  "    return data;\n"
  "}\n"
  "\n"
  "void Main()\n"
  "{\n"
  "    LoadAsync().GetAwaiter().GetResult();\n"
  "}\n";

#define APP_ID "org.awaitlab.Awaitlab"

static const double speeds[] = { 0.25, 0.5, 1.0, 2.0, 4.0, 8.0 };

struct _AwaitlabWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toasts;
  AdwFlap              *flap;
  GtkSearchEntry       *search_entry;
  GtkListBox           *catalogue_list;
  GtkLabel             *no_results;
  GtkLabel             *recent_header;
  GtkListBox           *recent_list;
  AdwWindowTitle       *window_title;
  GtkSpinner           *spinner;
  GtkRevealer          *outcome_revealer;
  GtkWidget            *outcome_banner;
  GtkImage             *outcome_icon;
  GtkLabel             *outcome_label;
  GtkStack             *main_stack;
  GtkPaned             *vpaned;
  GtkPaned             *hpaned;
  AwaitlabCodeView     *code_view;
  GtkStack             *side_stack;
  GtkLabel             *question_label;
  GtkLabel             *explanation_label;
  GtkBox               *notes_box;
  GtkListBox           *output_list;
  AwaitlabTimelineView *timeline_view;
  GtkDrawingArea       *legend;
  GtkButton            *play_button;
  GtkScale             *scrubber;
  GtkAdjustment        *scrubber_adjustment;
  GtkLabel             *time_label;
  GtkDropDown          *speed_dropdown;
  GtkLabel             *status_label;
  GtkRevealer          *quiz_revealer;
  GtkBox               *quiz_box;
  GtkRevealer          *problems_revealer;
  GtkListBox           *problems_list;
  AwaitlabKnobs        *knobs;
  GtkWidget            *knob_side_box;
  GtkToggleButton      *knob_a_button;
  GtkToggleButton      *knob_b_button;
  GtkListBox           *lints_list;
  GtkWidget            *no_lints;
  AwaitlabInspector    *inspector;
  AwaitlabQueuesView   *queues_view;
  GtkLabel             *compare_summary;
  GtkLabel             *compare_label_a;
  GtkLabel             *compare_label_b;
  GtkWidget            *compare_box;
  AwaitlabTimelineView *timeline_view_b;
  GtkToggleButton      *inspector_button;
  GtkToggleButton      *compare_button;

  /* Editing */
  GFile                *file;           /* where Save writes; NULL = ask (new, built-in copy) */
  GtkWidget            *confirm_dialog;
  void                (*pending) (AwaitlabWindow *self, gpointer data);
  gpointer              pending_data;
  GDestroyNotify        pending_destroy;
  guint                 n_errors;
  guint                 close_confirmed : 1;
  guint                 save_then_pending : 1;

  /* Knobs, re-runs and compare mode */
  AwlKnobValues        *knobs_b;
  AwaitlabDocument     *document_b;
  GCancellable         *loading_b;
  AwlComparison        *comparison;
  gint64                keep_time;      /* playhead to restore after a re-run, -1 = none */
  guint                 compare : 1;

  /* Predict, then reveal */
  GArray               *quiz_answers;   /* int per quiz, -1 = no prediction */
  guint                 quiz_revealed : 1;

  /* State */
  GSettings            *settings;
  GListModel           *catalogue;
  GtkFilterListModel   *filtered;
  GtkCustomFilter      *filter;
  AwaitlabDocument     *document;
  AwaitlabPlayback     *playback;
  AwaitlabFollow       *follow;         /* code, output and queues follow the playhead */
  GCancellable         *loading;
  GtkWidget            *error_dialog;
  char                 *error_text;
  guint                 tick_id;
  gint64                last_frame_time;
  guint                 updating_scrubber : 1;
  guint                 presentation : 1;
};

G_DEFINE_FINAL_TYPE (AwaitlabWindow, awaitlab_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_quiz_results (AwaitlabWindow *self);
static void run_compare_b       (AwaitlabWindow *self);
static void update_title        (AwaitlabWindow *self);
static void show_error          (AwaitlabWindow *self,
                                 const char     *heading,
                                 const char     *message);

/* ------------------------------------------------------------------------- */
/* Reflecting the playhead                                                   */

static void
update_outcome (AwaitlabWindow   *self,
                AwaitlabTimeline *timeline)
{
  AwaitlabOutcomeKind kind = awaitlab_timeline_get_outcome (timeline);
  gboolean at_end = awaitlab_playback_is_at_end (self->playback);
  gboolean show = at_end && kind != AWAITLAB_OUTCOME_NONE && kind != AWAITLAB_OUTCOME_COMPLETED;

  if (show)
    {
      const char *heading = kind == AWAITLAB_OUTCOME_DEADLOCK ? _("Deadlock")
                          : kind == AWAITLAB_OUTCOME_CRASHED ? _("Unhandled exception")
                          : _("Stopped at a limit");
      g_autofree char *text = g_markup_escape_text (awaitlab_timeline_get_outcome_text (timeline) ?: "", -1);
      g_autofree char *markup = g_strdup_printf ("<b>%s.</b> %s", heading, text);

      gtk_label_set_markup (self->outcome_label, markup);
    }

  gtk_revealer_set_reveal_child (self->outcome_revealer, show);
}

static void
update_revealed (AwaitlabWindow   *self,
                 AwaitlabTimeline *timeline,
                 gint64            time)
{
  const AwaitlabNote *notes;
  GtkWidget *child;
  guint n, i;

  /* Notes appear as playback passes them (output follows the step: AwaitlabFollow). */
  notes = awaitlab_timeline_get_notes (timeline, &n);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box)), i = 0;
       child != NULL && i < n;
       child = gtk_widget_get_next_sibling (child), i++)
    gtk_widget_set_visible (child, notes[i].reveal_time <= time);
}

static void
update_status (AwaitlabWindow   *self,
               AwaitlabTimeline *timeline)
{
  guint index = awaitlab_playback_get_event_index (self->playback);
  guint n_events;
  g_autofree char *sentence = NULL;
  g_autofree char *time = NULL;
  g_autofree char *end = NULL;
  g_autofree char *label = NULL;

  awaitlab_timeline_get_events (timeline, &n_events);
  sentence = awaitlab_timeline_describe_event (timeline, index);
  time = awaitlab_format_time (awaitlab_playback_get_time (self->playback));
  end = awaitlab_format_time (awaitlab_timeline_get_end_time (timeline));

  if (sentence != NULL)
    {
      g_autofree char *status = g_strdup_printf ("%u/%u  ·  %s", index + 1, n_events, sentence);
      gtk_label_set_text (self->status_label, status);
    }
  else
    gtk_label_set_text (self->status_label, "");

  label = g_strdup_printf ("%s / %s", time, end);
  gtk_label_set_text (self->time_label, label);
}

static void
update_actions (AwaitlabWindow *self)
{
  static const char *actions[] = {
    "win.play", "win.step-forward", "win.step-back", "win.seek-start", "win.seek-end", "win.zoom-fit",
    "win.run", "win.save", "win.save-as", "win.compare",
  };
  gboolean have = awaitlab_playback_get_timeline (self->playback) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", self->document != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scrubber), have);
  gtk_widget_set_sensitive (GTK_WIDGET (self->speed_dropdown), have);
}

static void
on_playhead_moved (AwaitlabWindow *self)
{
  AwaitlabTimeline *timeline = awaitlab_playback_get_timeline (self->playback);
  gint64 time;

  if (timeline == NULL)
    return;

  time = awaitlab_playback_get_time (self->playback);
  awaitlab_timeline_view_set_playhead (self->timeline_view, time);
  if (awaitlab_playback_get_playing (self->playback))
    awaitlab_time_range_ensure (awaitlab_timeline_view_get_time_range (self->timeline_view), time);

  self->updating_scrubber = TRUE;
  gtk_adjustment_set_value (self->scrubber_adjustment, time);
  self->updating_scrubber = FALSE;

  update_status (self, timeline);
  awaitlab_follow_set_event (self->follow, awaitlab_playback_get_event_index (self->playback));
  update_revealed (self, timeline, time);
  update_outcome (self, timeline);

  /* Compare mode: B follows A's virtual time. */
  if (self->compare)
    awaitlab_timeline_view_set_playhead (self->timeline_view_b, time);
  awaitlab_inspector_set_event (self->inspector, awaitlab_playback_get_event_index (self->playback));
  update_quiz_results (self);
}

/* ------------------------------------------------------------------------- */
/* Playback: driven by the frame clock, so animation follows the display.   */

static gboolean
playback_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->last_frame_time != 0)
    awaitlab_playback_advance (self->playback, (now - self->last_frame_time) / (double)G_USEC_PER_SEC);
  self->last_frame_time = now;

  if (!awaitlab_playback_get_playing (self->playback))
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_playing_changed (AwaitlabWindow *self)
{
  gboolean playing = awaitlab_playback_get_playing (self->playback);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");

  if (playing && self->tick_id == 0)
    {
      self->last_frame_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), playback_tick, NULL, NULL);
    }
  else if (!playing && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
on_scrubbed (AwaitlabWindow *self)
{
  if (self->updating_scrubber)
    return;
  awaitlab_playback_set_playing (self->playback, FALSE);
  awaitlab_playback_seek_time (self->playback, (gint64)gtk_adjustment_get_value (self->scrubber_adjustment));
}

static void
on_speed_selected (AwaitlabWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->speed_dropdown);

  if (i < G_N_ELEMENTS (speeds))
    {
      awaitlab_playback_set_speed (self->playback, speeds[i]);
      if (self->settings != NULL)
        g_settings_set_double (self->settings, "playback-speed", speeds[i]);
    }
}

static void
on_timeline_seek (AwaitlabWindow *self,
                  gint64          time)
{
  awaitlab_playback_set_playing (self->playback, FALSE);
  awaitlab_playback_seek_time (self->playback, time);
}

static void
on_span_activated (AwaitlabWindow *self,
                   int             lane,
                   int             span)
{
  AwaitlabTimeline *timeline = awaitlab_timeline_view_get_timeline (self->timeline_view);
  const AwaitlabSpan *spans;
  guint n;

  if (timeline == NULL)
    return;
  spans = awaitlab_timeline_get_spans (timeline, lane, &n);
  if ((guint)span >= n)
    return;

  if (spans[span].line > 0)
    {
      awaitlab_code_view_set_highlight (self->code_view, spans[span].line, lane);
      awaitlab_code_view_scroll_to_line (self->code_view, spans[span].line);
    }
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  if (g_str_equal (action_name, "win.play"))
    awaitlab_playback_set_playing (self->playback, !awaitlab_playback_get_playing (self->playback));
  else if (g_str_equal (action_name, "win.step-forward"))
    awaitlab_playback_step (self->playback, 1);
  else if (g_str_equal (action_name, "win.step-back"))
    awaitlab_playback_step (self->playback, -1);
  else if (g_str_equal (action_name, "win.seek-start"))
    {
      awaitlab_playback_set_playing (self->playback, FALSE);
      awaitlab_playback_seek_start (self->playback);
    }
  else if (g_str_equal (action_name, "win.seek-end"))
    awaitlab_playback_seek_end (self->playback);
  else if (g_str_equal (action_name, "win.zoom-fit"))
    awaitlab_time_range_fit (awaitlab_timeline_view_get_time_range (self->timeline_view));
  else if (g_str_equal (action_name, "win.toggle-sidebar"))
    adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
  else if (g_str_equal (action_name, "win.focus-search"))
    {
      adw_flap_set_reveal_flap (self->flap, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
}

/* ------------------------------------------------------------------------- */
/* Presentation mode: bigger everything, for projectors.                     */

void
awaitlab_window_set_presentation (AwaitlabWindow *self,
                                  gboolean        presentation)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));

  self->presentation = !!presentation;
  awaitlab_timeline_view_set_scale (self->timeline_view, presentation ? 1.5 : 1.0);
  gtk_drawing_area_set_content_height (self->legend, presentation ? 38 : 26);
  awaitlab_code_view_set_font_scale (self->code_view, presentation ? 1.6 : 1.0);
  if (presentation)
    gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.presentation", TRUE);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "presentation-mode", self->presentation);
}

static void
presentation_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  if (g_str_equal (action_name, "win.presentation"))
    awaitlab_window_set_presentation (self, !self->presentation);
  else if (g_str_equal (action_name, "win.bigger"))
    {
      double s = awaitlab_timeline_view_get_scale (self->timeline_view) + 0.25;

      awaitlab_timeline_view_set_scale (self->timeline_view, s);
      awaitlab_code_view_set_font_scale (self->code_view, s);
    }
  else if (g_str_equal (action_name, "win.smaller"))
    {
      double s = awaitlab_timeline_view_get_scale (self->timeline_view) - 0.25;

      awaitlab_timeline_view_set_scale (self->timeline_view, s);
      awaitlab_code_view_set_font_scale (self->code_view, MAX (0.5, s));
    }
}

/* ------------------------------------------------------------------------- */
/* Documents                                                                 */

/* A left-aligned, wrapping label showing @markup: every row of the side lists. */
static GtkWidget *
wrapped_label_new (const char *markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

static void
fill_output (AwaitlabWindow   *self,
             AwaitlabTimeline *timeline)
{
  const AwaitlabOutputLine *lines;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->output_list))))
    gtk_list_box_remove (self->output_list, child);

  lines = awaitlab_timeline_get_output (timeline, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *time = awaitlab_format_time (lines[i].time);
      g_autofree char *text = g_markup_escape_text (lines[i].text ? lines[i].text : "", -1);
      g_autofree char *markup = NULL;
      AwaitlabColor c = { 0.5, 0.5, 0.5 };
      const char *thread = lines[i].lane >= 0
        ? awaitlab_timeline_get_lane_name (timeline, lines[i].lane) : "";
      GtkWidget *label;

      if (lines[i].lane >= 0)
        awaitlab_thread_color (lines[i].lane, &c);
      markup = g_strdup_printf ("<span alpha=\"60%%\">%s</span>  <span foreground=\"#%02x%02x%02x\"><b>%s</b></span>  <tt>%s</tt>",
                                time, (int)(c.red * 255), (int)(c.green * 255), (int)(c.blue * 255),
                                thread, text);
      label = wrapped_label_new (markup);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_list_box_append (self->output_list, label);
    }
}

static void
fill_notes (AwaitlabWindow   *self,
            AwaitlabTimeline *timeline)
{
  const AwaitlabNote *notes;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box))))
    gtk_box_remove (self->notes_box, child);

  notes = awaitlab_timeline_get_notes (timeline, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *markup = awaitlab_markdown_to_markup (notes[i].text);
      g_autofree char *full = g_strdup_printf ("<b>%s %u</b> · %s", _("Line"), notes[i].line, markup);
      GtkWidget *label = wrapped_label_new (full);

      gtk_widget_add_css_class (label, "note");
      gtk_box_append (self->notes_box, label);
    }
}

/* ------------------------------------------------------------------------- */
/* Lints                                                                     */

static void
fill_lints (AwaitlabWindow   *self,
            AwaitlabDocument *document)
{
  AwlTrace *trace = awaitlab_document_get_trace (document);
  const AwlLint *lints = NULL;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lints_list))))
    gtk_list_box_remove (self->lints_list, child);

  if (trace != NULL)
    lints = awl_trace_get_lints (trace, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *time = awaitlab_format_time (lints[i].time);
      g_autofree char *message = g_markup_escape_text (lints[i].message ? lints[i].message : "", -1);
      g_autofree char *markup = g_strdup_printf ("<b>%s</b>  <span alpha=\"70%%\">%s · line %d</span>\n%s",
                                                 awl_lint_kind_to_string (lints[i].kind), time,
                                                 lints[i].line, message);
      GtkWidget *label = wrapped_label_new (markup);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "lint", GUINT_TO_POINTER (i + 1));
      gtk_list_box_append (self->lints_list, row);
    }
  gtk_widget_set_visible (self->no_lints, n == 0);
}

static int
lane_of_thread (AwaitlabTimeline *timeline,
                guint             thread)
{
  for (guint lane = 0; timeline && lane < awaitlab_timeline_get_n_lanes (timeline); lane++)
    if (awaitlab_timeline_get_lane_kind (timeline, lane) == AWAITLAB_LANE_THREAD &&
        awaitlab_timeline_get_lane_thread (timeline, lane) == (int)thread)
      return lane;
  return -1;
}

/* Jumps both views: the playhead to the lint's time, the code to its line. */
static void
on_lint_activated (AwaitlabWindow *self,
                   GtkListBoxRow  *row)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lint"));
  AwlTrace *trace = self->document ? awaitlab_document_get_trace (self->document) : NULL;
  const AwlLint *lints;
  guint n;
  int lane;

  if (trace == NULL || i == 0)
    return;
  lints = awl_trace_get_lints (trace, &n);
  if (i > n)
    return;
  i--;

  awaitlab_playback_set_playing (self->playback, FALSE);
  awaitlab_playback_seek_time (self->playback, lints[i].time);
  awaitlab_time_range_ensure (awaitlab_timeline_view_get_time_range (self->timeline_view), lints[i].time);
  lane = lane_of_thread (awaitlab_document_get_timeline (self->document), lints[i].thread);
  if (lane >= 0)
    awaitlab_timeline_view_set_selected_lane (self->timeline_view, lane);
  if (lints[i].line > 0)
    {
      awaitlab_code_view_set_highlight (self->code_view, lints[i].line, MAX (lane, 0));
      awaitlab_code_view_scroll_to_line (self->code_view, lints[i].line);
    }
}

static void
on_inspector_select (AwaitlabWindow *self,
                     int             lane,
                     guint           line)
{
  if (lane >= 0)
    awaitlab_timeline_view_set_selected_lane (self->timeline_view, lane);
  if (line > 0)
    {
      awaitlab_code_view_set_highlight (self->code_view, line, MAX (lane, 0));
      awaitlab_code_view_scroll_to_line (self->code_view, line);
    }
}

/* ------------------------------------------------------------------------- */
/* Predict, then reveal                                                      */

static const AwlScenarioQuiz *
get_quizzes (AwaitlabWindow *self,
             guint          *n)
{
  AwlScenario *scenario = self->document ? awaitlab_document_get_scenario (self->document) : NULL;

  *n = 0;
  return scenario ? awl_scenario_get_quizzes (scenario, n) : NULL;
}

static void
on_choice_toggled (GtkCheckButton *button,
                   AwaitlabWindow *self)
{
  guint quiz = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "quiz"));
  guint choice = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "choice"));

  if (gtk_check_button_get_active (button) && quiz < self->quiz_answers->len)
    g_array_index (self->quiz_answers, int, quiz) = choice;
}

static void
hide_quiz (AwaitlabWindow *self)
{
  gtk_revealer_set_reveal_child (self->quiz_revealer, FALSE);
}

static void
fill_quiz (AwaitlabWindow *self)
{
  const AwlScenarioQuiz *quizzes;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quiz_box))))
    gtk_box_remove (self->quiz_box, child);
  g_array_set_size (self->quiz_answers, 0);
  self->quiz_revealed = FALSE;

  quizzes = get_quizzes (self, &n);
  for (guint q = 0; q < n; q++)
    {
      GtkWidget *question = gtk_label_new (NULL);
      GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *result = gtk_label_new (NULL);
      GtkWidget *group = NULL;
      g_autofree char *text = g_strdup_printf (_("Predict: %s"), quizzes[q].question);
      int none = -1;

      g_array_append_val (self->quiz_answers, none);
      gtk_label_set_text (GTK_LABEL (question), text);
      gtk_label_set_xalign (GTK_LABEL (question), 0);
      gtk_label_set_wrap (GTK_LABEL (question), TRUE);
      gtk_widget_add_css_class (question, "quiz-question");
      gtk_box_append (self->quiz_box, question);

      gtk_widget_set_name (choices, "quiz-choices");
      for (guint c = 0; c < quizzes[q].n_choices; c++)
        {
          GtkWidget *button = gtk_check_button_new_with_label (quizzes[q].choices[c]);

          if (group != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (button), GTK_CHECK_BUTTON (group));
          else
            group = button;
          g_object_set_data (G_OBJECT (button), "quiz", GUINT_TO_POINTER (q));
          g_object_set_data (G_OBJECT (button), "choice", GUINT_TO_POINTER (c));
          g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled), self);
          gtk_box_append (GTK_BOX (choices), button);
        }
      gtk_box_append (self->quiz_box, choices);

      gtk_label_set_xalign (GTK_LABEL (result), 0);
      gtk_label_set_wrap (GTK_LABEL (result), TRUE);
      gtk_widget_set_visible (result, FALSE);
      gtk_widget_add_css_class (result, "quiz-result");
      g_object_set_data (G_OBJECT (question), "result", result);
      gtk_box_append (self->quiz_box, result);
    }

  if (n > 0)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *hint = gtk_label_new (_("Pick your prediction, then press Play: the answer is revealed when the run ends."));
      GtkWidget *hide = gtk_button_new_with_mnemonic (_("_Hide"));

      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_widget_set_hexpand (hint, TRUE);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_widget_set_name (hint, "quiz-hint");
      gtk_widget_add_css_class (hide, "flat");
      gtk_widget_set_tooltip_text (hide, _("Hide the prediction card"));
      g_signal_connect_swapped (hide, "clicked", G_CALLBACK (hide_quiz), self);
      gtk_box_append (GTK_BOX (row), hint);
      gtk_box_append (GTK_BOX (row), hide);
      gtk_box_append (self->quiz_box, row);
      g_object_set_data (G_OBJECT (self->quiz_box), "hint", hint);
    }
  gtk_revealer_set_reveal_child (self->quiz_revealer, n > 0);
}

/* At the end of the run each quiz says whether the prediction held, and why. */
static void
update_quiz_results (AwaitlabWindow *self)
{
  const AwlScenarioQuiz *quizzes;
  gboolean at_end = awaitlab_playback_get_timeline (self->playback) != NULL &&
                    awaitlab_playback_is_at_end (self->playback);
  guint n, q = 0;

  quizzes = get_quizzes (self, &n);
  if (n == 0 || self->quiz_revealed == at_end)
    return;
  self->quiz_revealed = at_end;
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (self->quiz_box), "hint"), !at_end);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->quiz_box));
       child != NULL && q < n;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *result = g_object_get_data (G_OBJECT (child), "result");
      int answer = q < self->quiz_answers->len ? g_array_index (self->quiz_answers, int, q) : -1;
      g_autofree char *text = NULL;
      const char *why = quizzes[q].why && *quizzes[q].why ? quizzes[q].why : "";
      const char *right = quizzes[q].choices[quizzes[q].answer];

      if (result == NULL)
        continue;

      gtk_widget_remove_css_class (result, "success");
      gtk_widget_remove_css_class (result, "error");
      if (answer < 0)
        text = g_strdup_printf (_("The answer: %s. %s"), right, why);
      else if ((guint)answer == quizzes[q].answer)
        {
          text = g_strdup_printf (_("✓ Your prediction held: %s. %s"), right, why);
          gtk_widget_add_css_class (result, "success");
        }
      else
        {
          text = g_strdup_printf (_("✗ You predicted “%s”, but the answer is: %s. %s"),
                                  quizzes[q].choices[answer], right, why);
          gtk_widget_add_css_class (result, "error");
        }
      gtk_label_set_text (GTK_LABEL (result), text);
      gtk_widget_set_visible (result, at_end);
      q++;
    }
}

/* ------------------------------------------------------------------------- */

static void
refresh_knobs (AwaitlabWindow *self)
{
  gboolean b = self->compare && gtk_toggle_button_get_active (self->knob_b_button);
  AwlScenario *scenario = self->document ? awaitlab_document_get_scenario (self->document) : NULL;

  awaitlab_knobs_set_scenario (self->knobs, scenario,
                               b ? self->knobs_b
                                 : self->document ? awaitlab_document_get_knobs (self->document) : NULL);
}

void
awaitlab_window_set_document (AwaitlabWindow   *self,
                              AwaitlabDocument *document)
{
  AwaitlabTimeline *timeline;
  g_autofree char *explanation = NULL;
  g_autofree char *current = NULL;
  gboolean same_source;

  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  g_return_if_fail (AWAITLAB_IS_DOCUMENT (document));

  /* A re-run (other knobs, the same text after Ctrl+Enter) keeps the editor,
   * its undo history and the predictions. */
  current = awaitlab_code_view_dup_text (self->code_view);
  same_source = self->document != NULL &&
                g_strcmp0 (current, awaitlab_document_get_source (document)) == 0;

  g_set_object (&self->document, document);
  timeline = awaitlab_document_get_timeline (document);

  if (!same_source)
    {
      GtkWidget *child;

      awaitlab_code_view_set_text (self->code_view, awaitlab_document_get_source (document));
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))))
        gtk_list_box_remove (self->problems_list, child);
      gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);
    }
  update_title (self);
  gtk_label_set_text (self->question_label, awaitlab_document_get_title (document));
  explanation = awaitlab_markdown_to_markup (awaitlab_document_get_explanation (document));
  gtk_label_set_markup (self->explanation_label, explanation);
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_label), *explanation != 0);

  if (timeline != NULL)
    {
      fill_output (self, timeline);
      fill_notes (self, timeline);
      gtk_adjustment_configure (self->scrubber_adjustment, 0, 0,
                                MAX (1, awaitlab_timeline_get_end_time (timeline)),
                                MAX (1, awaitlab_timeline_get_end_time (timeline) / 200),
                                MAX (1, awaitlab_timeline_get_end_time (timeline) / 20), 0);
    }

  fill_lints (self, document);
  refresh_knobs (self);
  awaitlab_inspector_set_run (self->inspector, awaitlab_document_get_scenario (document),
                              awaitlab_document_get_trace (document), timeline);
  if (!same_source)
    fill_quiz (self);

  awaitlab_follow_set_run (self->follow, awaitlab_document_get_trace (document), timeline);
  awaitlab_timeline_view_set_timeline (self->timeline_view, timeline);
  awaitlab_playback_set_timeline (self->playback, timeline);
  if (self->keep_time >= 0 && timeline != NULL)
    {
      /* Same virtual time as before the re-run, clamped to the new run. */
      awaitlab_playback_seek_time (self->playback, MIN (self->keep_time, awaitlab_timeline_get_end_time (timeline)));
      self->keep_time = -1;
    }
  self->quiz_revealed = !awaitlab_playback_is_at_end (self->playback);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->main_stack, "document");
  on_playhead_moved (self);
  if (!same_source)
    gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));

  if (self->compare)
    run_compare_b (self);
}

static void
show_error (AwaitlabWindow *self,
            const char     *heading,
            const char     *message)
{
  GtkWidget *dialog;

  g_free (self->error_text);
  self->error_text = g_strdup (message);

  if (self->error_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->error_dialog));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  /* Diagnostics are FILE:LINE:COL lines: keep them aligned and selectable. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->error_dialog);
  self->error_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_loading (AwaitlabWindow *self,
             gboolean        loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AwaitlabWindow) self = user_data;
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = awaitlab_document_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->loading);
  set_loading (self, FALSE);

  if (document == NULL)
    {
      self->keep_time = -1;
      show_error (self, _("Could Not Open the Scenario"), error->message);
      return;
    }

  awaitlab_window_set_document (self, document);
}

static GCancellable *
begin_loading (AwaitlabWindow *self)
{
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  set_loading (self, TRUE);
  return self->loading;
}

static void
start_load (AwaitlabWindow *self,
            GFile          *file,
            const char     *resource)
{
  awaitlab_playback_set_playing (self->playback, FALSE);
  self->keep_time = -1;
  begin_loading (self);
  awaitlab_document_load_async (file, resource, self->loading, load_done, g_object_ref (self));
}

/* ------------------------------------------------------------------------- */
/* Unsaved changes                                                           */

typedef void (*PendingFunc) (AwaitlabWindow *self, gpointer data);

static gboolean
is_modified (AwaitlabWindow *self)
{
  return gtk_text_buffer_get_modified (awaitlab_code_view_get_buffer (self->code_view));
}

static void
clear_pending (AwaitlabWindow *self)
{
  if (self->pending_destroy != NULL && self->pending_data != NULL)
    self->pending_destroy (self->pending_data);
  self->pending = NULL;
  self->pending_data = NULL;
  self->pending_destroy = NULL;
  self->save_then_pending = FALSE;
}

static void
run_pending (AwaitlabWindow *self)
{
  PendingFunc func = self->pending;
  gpointer data = self->pending_data;
  GDestroyNotify destroy = self->pending_destroy;

  self->pending = NULL;
  self->pending_data = NULL;
  self->pending_destroy = NULL;
  self->save_then_pending = FALSE;
  if (func != NULL)
    func (self, data);
  if (destroy != NULL && data != NULL)
    destroy (data);
}

static gboolean save_document (AwaitlabWindow *self, GFile *file);
static void     save_as       (AwaitlabWindow *self);

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     AwaitlabWindow   *self)
{
  if (g_str_equal (response, "discard"))
    {
      gtk_text_buffer_set_modified (awaitlab_code_view_get_buffer (self->code_view), FALSE);
      run_pending (self);
    }
  else if (g_str_equal (response, "save"))
    {
      if (self->file != NULL)
        {
          if (save_document (self, self->file))
            run_pending (self);
          else
            clear_pending (self);
        }
      else
        {
          /* Continue once the file chooser has saved. */
          self->save_then_pending = TRUE;
          save_as (self);
        }
    }
  else
    clear_pending (self);
}

/* Runs @func now, or after the user agreed to save or discard the edits. */
static void
confirm_then (AwaitlabWindow *self,
              PendingFunc     func,
              gpointer        data,
              GDestroyNotify  destroy)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (!is_modified (self))
    {
      func (self, data);
      if (destroy != NULL && data != NULL)
        destroy (data);
      return;
    }

  clear_pending (self);
  self->pending = func;
  self->pending_data = data;
  self->pending_destroy = destroy;

  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
  body = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will be lost."),
                          self->document ? awaitlab_document_get_title (self->document) : _("The scenario"));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), self);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->confirm_dialog);
  self->confirm_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
do_open_file (AwaitlabWindow *self,
              gpointer        data)
{
  GFile *file = data;
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  gtk_list_box_unselect_all (self->catalogue_list);
  g_set_object (&self->file, file);
  start_load (self, file, NULL);
}

void
awaitlab_window_open_file (AwaitlabWindow *self,
                           GFile          *file)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  confirm_then (self, do_open_file, g_object_ref (file), g_object_unref);
}

static void
do_open_resource (AwaitlabWindow *self,
                  gpointer        data)
{
  const char *resource_path = data;

  /* Show which question is open, however it was opened. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->catalogue_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      AwaitlabCatalogueItem *item = g_object_get_data (G_OBJECT (row), "item");

      if (item != NULL && g_strcmp0 (awaitlab_catalogue_item_get_resource (item), resource_path) == 0)
        gtk_list_box_select_row (self->catalogue_list, GTK_LIST_BOX_ROW (row));
    }

  /* Built-in scenarios open as copies: Save asks where to write. */
  g_clear_object (&self->file);
  start_load (self, NULL, resource_path);
}

void
awaitlab_window_open_resource (AwaitlabWindow *self,
                               const char     *resource_path)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  g_return_if_fail (resource_path != NULL);

  confirm_then (self, do_open_resource, g_strdup (resource_path), g_free);
}

gboolean
awaitlab_window_open_question (AwaitlabWindow *self,
                               guint           number)
{
  AwaitlabCatalogueItem *item;

  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);

  if (self->catalogue == NULL ||
      !(item = awaitlab_catalogue_find_question (self->catalogue, number)))
    return FALSE;

  awaitlab_window_open_resource (self, awaitlab_catalogue_item_get_resource (item));
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Editing: diagnostics, Ctrl+Enter, New, Save, Save As                      */

static void
update_title (AwaitlabWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *questions;

  if (self->document == NULL)
    return;

  questions = awaitlab_document_get_questions (self->document);
  if (self->file != NULL)
    subtitle = g_file_get_basename (self->file);
  else if (questions != NULL)
    subtitle = g_strdup_printf (_("Question %s · %s · built-in (edits go to a copy)"), questions,
                                awaitlab_document_get_topic (self->document) ?: "");
  else
    subtitle = g_strdup (_("Not saved yet"));

  title = g_strdup_printf ("%s%s", is_modified (self) ? "• " : "", awaitlab_document_get_title (self->document));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
}

static void
on_problem_activated (AwaitlabWindow *self,
                      GtkListBoxRow  *row)
{
  guint line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "line"));

  if (line > 0)
    {
      awaitlab_code_view_scroll_to_line (self->code_view, line);
      awaitlab_code_view_set_highlight (self->code_view, line, 0);
    }
}

/* Underlines and lists every diagnostic of @text; returns the error count. */
static guint
check_text (AwaitlabWindow *self,
            const char     *text)
{
  g_autoptr(AwlDiagnostics) diags = NULL;
  g_autoptr(GArray) problems = g_array_new (FALSE, FALSE, sizeof (AwaitlabCodeProblem));
  g_autofree char *name = self->file ? g_file_get_basename (self->file) : g_strdup ("scenario.csx");
  GtkWidget *child;
  guint n;

  diags = awl_scenario_check_text (name, text, -1);
  awl_diagnostics_sort (diags);
  n = awl_diagnostics_get_n_items (diags);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))))
    gtk_list_box_remove (self->problems_list, child);

  for (guint i = 0; i < n; i++)
    {
      const AwlDiagnostic *d = awl_diagnostics_get_item (diags, i);
      AwaitlabCodeProblem p = { d->line, d->col, d->length, d->severity == AWL_SEVERITY_ERROR, d->message };
      g_autofree char *message = g_markup_escape_text (d->message, -1);
      g_autofree char *markup = g_strdup_printf ("<span foreground=\"%s\"><b>%s</b></span>  line %u, column %u: %s",
                                                 p.error ? "#c01c28" : "#9c6e03",
                                                 awl_severity_to_string (d->severity), d->line, d->col, message);
      GtkWidget *label;
      GtkWidget *row;

      /* Notes belong to the error above them; creating widgets first would
       * leak them for every skipped note. */
      if (d->severity == AWL_SEVERITY_NOTE)
        continue;
      g_array_append_val (problems, p);
      label = wrapped_label_new (markup);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data (G_OBJECT (row), "line", GUINT_TO_POINTER (d->line));
      gtk_list_box_append (self->problems_list, row);
    }

  awaitlab_code_view_set_problems (self->code_view, (AwaitlabCodeProblem *)(gpointer)problems->data, problems->len);
  gtk_revealer_set_reveal_child (self->problems_revealer, problems->len > 0);
  self->n_errors = awl_diagnostics_get_n_errors (diags);
  return self->n_errors;
}

static void
run_text (AwaitlabWindow *self)
{
  g_autofree char *text = awaitlab_code_view_dup_text (self->code_view);
  g_autoptr(AwlKnobValues) knobs = NULL;

  if (check_text (self, text) > 0)
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->problems_list, 0);

      if (first != NULL)
        on_problem_activated (self, first);
      g_autofree char *msg = g_strdup_printf (ngettext ("The scenario has %u error: see the list under the code",
                                                        "The scenario has %u errors: see the list under the code",
                                                        self->n_errors), self->n_errors);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (msg));
      return;
    }

  /* Same knobs as now, same virtual time: only the code changed. */
  knobs = awaitlab_knobs_dup_values (self->knobs);
  if (self->compare && gtk_toggle_button_get_active (self->knob_b_button) && self->document != NULL)
    {
      g_clear_pointer (&knobs, awl_knob_values_free);
      knobs = awl_knob_values_copy (awaitlab_document_get_knobs (self->document));
    }
  self->keep_time = self->document ? awaitlab_playback_get_time (self->playback) : -1;
  awaitlab_playback_set_playing (self->playback, FALSE);
  begin_loading (self);
  awaitlab_document_run_text_async (text, self->file,
                                    self->document ? awaitlab_document_get_resource_path (self->document) : NULL,
                                    knobs, self->loading, load_done, g_object_ref (self));
}

static void
do_new (AwaitlabWindow *self,
        gpointer        data)
{
  g_clear_object (&self->file);
  gtk_list_box_unselect_all (self->catalogue_list);
  self->keep_time = -1;
  begin_loading (self);
  awaitlab_document_run_text_async (new_template, NULL, NULL, NULL, self->loading, load_done, g_object_ref (self));
}

/* g_file_replace_contents() writes a temporary file and renames it over the
 * target, so a failed save leaves the old file and the editor untouched. */
static gboolean
save_document (AwaitlabWindow *self,
               GFile          *file)
{
  g_autofree char *text = awaitlab_code_view_dup_text (self->code_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = g_strdup_printf (_("%s could not be written: %s. Your edits are still in the editor."),
                                                  name, error->message);
      show_error (self, _("Could Not Save"), message);
      return FALSE;
    }

  g_set_object (&self->file, file);
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  gtk_text_buffer_set_modified (awaitlab_code_view_get_buffer (self->code_view), FALSE);
  update_title (self);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Saved")));
  return TRUE;
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  AwaitlabWindow  *self)
{
  gboolean saved = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *base = file ? g_file_get_basename (file) : NULL;

      /* Scenarios are .csx files. */
      if (file != NULL && !g_str_has_suffix (base, ".csx"))
        {
          g_autofree char *name = g_strconcat (base, ".csx", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autoptr(GFile) fixed = g_file_get_child (parent, name);

          g_set_object (&file, fixed);
        }
      if (file != NULL)
        saved = save_document (self, file);
    }

  if (self->save_then_pending)
    {
      if (saved)
        run_pending (self);
      else
        clear_pending (self);
    }
  g_object_unref (dialog);
}

static void
save_as (AwaitlabWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  native = gtk_file_chooser_native_new (_("Save Scenario"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("C# scenarios (*.csx)"));
  gtk_file_filter_add_pattern (filter, "*.csx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), self->file, NULL);
  else
    {
      const char *res = self->document ? awaitlab_document_get_resource_path (self->document) : NULL;

      name = res ? g_path_get_basename (res) : g_strdup ("scenario.csx");
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
do_close (AwaitlabWindow *self,
          gpointer        data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  if (g_str_equal (action_name, "win.run"))
    run_text (self);
  else if (g_str_equal (action_name, "win.new"))
    confirm_then (self, do_new, NULL, NULL);
  else if (g_str_equal (action_name, "win.save"))
    {
      if (self->file != NULL)
        save_document (self, self->file);
      else
        save_as (self);
    }
  else if (g_str_equal (action_name, "win.save-as"))
    save_as (self);
}

static void
on_buffer_modified (AwaitlabWindow *self)
{
  update_title (self);
}

/* ------------------------------------------------------------------------- */
/* Knobs and compare mode                                                    */

static void
on_knobs_changed (AwaitlabWindow *self)
{
  g_autoptr(AwlKnobValues) values = awaitlab_knobs_dup_values (self->knobs);

  if (self->document == NULL || awaitlab_document_get_scenario (self->document) == NULL)
    return;

  if (self->compare && gtk_toggle_button_get_active (self->knob_b_button))
    {
      g_clear_pointer (&self->knobs_b, awl_knob_values_free);
      self->knobs_b = g_steal_pointer (&values);
      run_compare_b (self);
      return;
    }

  /* Re-simulate at once, off the main thread, at the same virtual time. */
  self->keep_time = awaitlab_playback_get_time (self->playback);
  begin_loading (self);
  awaitlab_document_rerun_async (self->document, values, self->loading, load_done, g_object_ref (self));
}

static void
update_compare_summary (AwaitlabWindow *self)
{
  g_autoptr(GString) m = g_string_new (NULL);
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;
  g_autofree char *la = NULL;
  g_autofree char *lb = NULL;

  if (self->document == NULL || self->document_b == NULL)
    return;

  g_clear_pointer (&self->comparison, awl_comparison_free);
  self->comparison = awl_compare_traces (awaitlab_document_get_trace (self->document),
                                         awaitlab_document_get_trace (self->document_b));
  label_a = awl_knob_values_describe (awaitlab_document_get_knobs (self->document));
  label_b = awl_knob_values_describe (self->knobs_b);
  la = g_strdup_printf (_("A · %s · %s"), label_a, awl_outcome_kind_to_string (self->comparison->outcome_a));
  lb = g_strdup_printf (_("B · %s · %s"), label_b, awl_outcome_kind_to_string (self->comparison->outcome_b));
  gtk_label_set_text (self->compare_label_a, la);
  gtk_label_set_text (self->compare_label_b, lb);

  if (self->comparison->n_differences == 0)
    g_string_append (m, _("<b>No difference</b> between A and B."));
  for (guint i = 0; i < self->comparison->rows->len; i++)
    {
      const AwlCompareRow *row = g_ptr_array_index (self->comparison->rows, i);
      g_autofree char *what = NULL, *a = NULL, *b = NULL;

      if (!row->differs)
        continue;
      what = g_markup_escape_text (row->what, -1);
      a = g_markup_escape_text (row->a, -1);
      b = g_markup_escape_text (row->b, -1);
      g_string_append_printf (m, "%s<b>%s</b>: A %s  ·  B %s", m->len ? "\n" : "", what, a, b);
    }
  gtk_label_set_markup (self->compare_summary, m->str);
}

static void
compare_b_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AwaitlabWindow) self = user_data;
  g_autoptr(AwaitlabDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = awaitlab_document_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading_b);
  set_loading (self, self->loading != NULL);

  if (document == NULL)
    {
      show_error (self, _("Could Not Run B"), error->message);
      return;
    }

  g_set_object (&self->document_b, document);
  awaitlab_timeline_view_set_timeline (self->timeline_view_b, awaitlab_document_get_timeline (document));
  awaitlab_timeline_view_set_playhead (self->timeline_view_b, awaitlab_playback_get_time (self->playback));
  update_compare_summary (self);
}

static void
run_compare_b (AwaitlabWindow *self)
{
  if (self->document == NULL || awaitlab_document_get_scenario (self->document) == NULL)
    return;
  if (self->loading_b != NULL)
    g_cancellable_cancel (self->loading_b);
  g_clear_object (&self->loading_b);
  self->loading_b = g_cancellable_new ();
  set_loading (self, TRUE);
  awaitlab_document_rerun_async (self->document, self->knobs_b, self->loading_b, compare_b_done, g_object_ref (self));
}

/* B starts as A with the first switch flipped (ConfigureAwait off/on, …). */
static AwlKnobValues *
default_b_knobs (AwaitlabWindow *self)
{
  AwlScenario *scenario = awaitlab_document_get_scenario (self->document);
  AwlKnobValues *b = awl_knob_values_copy (awaitlab_document_get_knobs (self->document));
  const AwlScenarioKnob *knobs;
  guint n;

  knobs = awl_scenario_get_knobs (scenario, &n);
  for (guint i = 0; i < n; i++)
    if (knobs[i].type == AWL_SCENARIO_KNOB_BOOL)
      {
        const char *v = awl_knob_values_get (b, knobs[i].name);

        if (v == NULL)
          v = knobs[i].default_value;
        awl_knob_values_set (b, knobs[i].name, g_strcmp0 (v, "true") == 0 ? "false" : "true");
        return b;
      }
  if (n > 0 && knobs[0].type == AWL_SCENARIO_KNOB_INT)
    {
      const char *v = awl_knob_values_get (b, knobs[0].name);
      g_autofree char *next = g_strdup_printf ("%d", atoi (v ? v : knobs[0].default_value) + 1);

      awl_knob_values_set (b, knobs[0].name, next);
      return b;
    }
  awl_knob_values_set (b, "cores", awl_scenario_get_config (scenario)->cores == 1 ? "4" : "1");
  return b;
}

void
awaitlab_window_set_compare (AwaitlabWindow *self,
                             gboolean        compare)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));

  compare = !!compare && self->document != NULL && awaitlab_document_get_scenario (self->document) != NULL;
  self->compare = compare;
  gtk_widget_set_visible (self->compare_box, compare);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_summary), compare);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_label_a), compare);
  gtk_widget_set_visible (self->knob_side_box, compare);
  gtk_toggle_button_set_active (self->compare_button, compare);

  if (compare)
    {
      g_clear_pointer (&self->knobs_b, awl_knob_values_free);
      self->knobs_b = default_b_knobs (self);
      run_compare_b (self);
    }
  else
    {
      if (self->loading_b != NULL)
        g_cancellable_cancel (self->loading_b);
      g_clear_object (&self->loading_b);
      g_clear_object (&self->document_b);
      g_clear_pointer (&self->comparison, awl_comparison_free);
      awaitlab_timeline_view_set_timeline (self->timeline_view_b, NULL);
      gtk_toggle_button_set_active (self->knob_a_button, TRUE);
    }
  refresh_knobs (self);
}

static void
on_knob_side_toggled (AwaitlabWindow *self)
{
  refresh_knobs (self);
}

/* Both timelines show the same visible time range. */
static void
on_range_changed (AwaitlabWindow *self)
{
  AwaitlabTimeRange *a = awaitlab_timeline_view_get_time_range (self->timeline_view);
  AwaitlabTimeRange *b = awaitlab_timeline_view_get_time_range (self->timeline_view_b);

  if (self->compare)
    awaitlab_time_range_set_visible (b, awaitlab_time_range_get_begin (a), awaitlab_time_range_get_end (a));
}

void
awaitlab_window_set_inspector_visible (AwaitlabWindow *self,
                                       gboolean        visible)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->inspector), visible);
  gtk_toggle_button_set_active (self->inspector_button, visible);
}

void
awaitlab_window_show_panel (AwaitlabWindow *self,
                            const char     *name)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));

  if (gtk_stack_get_child_by_name (self->side_stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->side_stack, name);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  if (g_str_equal (action_name, "win.compare"))
    awaitlab_window_set_compare (self, !self->compare);
  else if (g_str_equal (action_name, "win.inspector"))
    {
      awaitlab_window_set_inspector_visible (self, !gtk_widget_get_visible (GTK_WIDGET (self->inspector)));
    }
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  AwaitlabWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        awaitlab_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);

  if (self->document == NULL)
    return;
  awaitlab_export_dialog_present (GTK_WINDOW (self), self->toasts, self->document,
                                  awaitlab_playback_get_time (self->playback));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Scenario"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("C# scenarios (*.csx)"));
  gtk_file_filter_add_pattern (filter, "*.csx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ------------------------------------------------------------------------- */
/* Sidebar: catalogue and recent files                                       */

static GtkWidget *
create_catalogue_row (gpointer item,
                      gpointer user_data)
{
  AwaitlabCatalogueItem *entry = item;
  GtkWidget *row = adw_action_row_new ();
  const char *questions = awaitlab_catalogue_item_get_questions (entry);
  g_auto(GStrv) numbers = g_strsplit_set (questions ? questions : "·", ", ", 2);
  GtkWidget *badge = gtk_label_new (numbers[0]);

  gtk_widget_add_css_class (badge, "question-number");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), awaitlab_catalogue_item_get_title (entry));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "item", g_object_ref (entry), g_object_unref);

  return row;
}

static void
catalogue_header (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  AwaitlabCatalogueItem *item = g_object_get_data (G_OBJECT (row), "item");
  AwaitlabCatalogueItem *prev = before ? g_object_get_data (G_OBJECT (before), "item") : NULL;
  GtkWidget *header;

  if (prev != NULL &&
      g_strcmp0 (awaitlab_catalogue_item_get_topic (item), awaitlab_catalogue_item_get_topic (prev)) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (awaitlab_catalogue_item_get_topic (item));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "topic-header");
  gtk_list_box_row_set_header (row, header);
}

static gboolean
catalogue_filter (gpointer item,
                  gpointer user_data)
{
  AwaitlabWindow *self = user_data;

  return awaitlab_catalogue_item_matches (item, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_changed (AwaitlabWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_widget_set_visible (GTK_WIDGET (self->no_results),
                          g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0);
}

static void
on_search_activate (AwaitlabWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->catalogue_list, 0);

  if (row != NULL)
    g_signal_emit_by_name (self->catalogue_list, "row-activated", row);
}

static void
on_catalogue_row_activated (AwaitlabWindow *self,
                            GtkListBoxRow  *row)
{
  AwaitlabCatalogueItem *item = g_object_get_data (G_OBJECT (row), "item");

  if (item != NULL)
    {
      gtk_list_box_select_row (self->catalogue_list, row);
      awaitlab_window_open_resource (self, awaitlab_catalogue_item_get_resource (item));
    }
}

static void
on_recent_row_activated (AwaitlabWindow *self,
                         GtkListBoxRow  *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");

  if (uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      awaitlab_window_open_file (self, file);
    }
}

static void
fill_recent (AwaitlabWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))))
    gtk_list_box_remove (self->recent_list, child);

  for (GList *l = items; l != NULL && shown < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      GtkWidget *row;

      if (!g_str_has_suffix (uri, ".csx") || !gtk_recent_info_exists (info))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_recent_info_get_display_name (info));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("text-x-generic-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }

  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_header), shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), shown > 0);
}

static void
load_catalogue (AwaitlabWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->catalogue = awaitlab_catalogue_load (&error);
  if (self->catalogue == NULL)
    {
      g_warning ("Could not load the catalogue: %s", error->message);
      self->catalogue = G_LIST_MODEL (g_list_store_new (AWAITLAB_TYPE_CATALOGUE_ITEM));
    }

  self->filter = gtk_custom_filter_new (catalogue_filter, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (self->catalogue),
                                              GTK_FILTER (g_object_ref (self->filter)));
  gtk_list_box_bind_model (self->catalogue_list, G_LIST_MODEL (self->filtered),
                           create_catalogue_row, self, NULL);
  gtk_list_box_set_header_func (self->catalogue_list, catalogue_header, NULL, NULL);
}

/* ------------------------------------------------------------------------- */

static void
save_window_state (AwaitlabWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
awaitlab_window_close_request (GtkWindow *window)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (window);

  /* Unsaved edits: ask first; do_close() closes again once settled. */
  if (!self->close_confirmed && is_modified (self))
    {
      confirm_then (self, do_close, NULL, NULL);
      return TRUE;
    }
  save_window_state (AWAITLAB_WINDOW (window));
  return GTK_WINDOW_CLASS (awaitlab_window_parent_class)->close_request (window);
}


/* A narrow window folds the sidebar away by itself; only the user's own choice,
 * made while the sidebar is not folded, is remembered for the next start. */
static void
on_flap_reveal_changed (AwaitlabWindow *self)
{
  if (!adw_flap_get_folded (self->flap))
    g_settings_set_boolean (self->settings, "sidebar-visible",
                            adw_flap_get_reveal_flap (self->flap));
}

static void
restore_settings (AwaitlabWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  int width, height;
  double speed;

  /* Running from the build tree without the compiled schema must not abort. */
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    return;

  self->settings = g_settings_new (APP_ID);
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  speed = g_settings_get_double (self->settings, "playback-speed");
  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (speeds[i] == speed)
      gtk_drop_down_set_selected (self->speed_dropdown, i);

  if (g_settings_get_boolean (self->settings, "presentation-mode"))
    awaitlab_window_set_presentation (self, TRUE);

  /* The layout as it was left. The sidebar has no handle, so its width is
   * only read; the dividers are saved as they move. */
  g_settings_bind (self->settings, "sidebar-visible", self->flap, "reveal-flap",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (on_flap_reveal_changed), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "sidebar-width", adw_flap_get_flap (self->flap), "width-request",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "code-side-position", self->hpaned, "position", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "code-timeline-position", self->vpaned, "position", G_SETTINGS_BIND_DEFAULT);
}

/* Tearing the widgets down must not write their last moments to the settings. */
static void
unbind_settings (AwaitlabWindow *self)
{
  if (self->settings == NULL)
    return;
  g_settings_unbind (self->flap, "reveal-flap");
  g_signal_handlers_disconnect_by_func (self->flap, on_flap_reveal_changed, self);
  g_settings_unbind (adw_flap_get_flap (self->flap), "width-request");
  g_settings_unbind (self->hpaned, "position");
  g_settings_unbind (self->vpaned, "position");
}

static void
awaitlab_window_dispose (GObject *object)
{
  AwaitlabWindow *self = (AwaitlabWindow *)object;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->loading_b != NULL)
    g_cancellable_cancel (self->loading_b);
  g_clear_object (&self->loading_b);
  clear_pending (self);
  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
  g_clear_object (&self->file);
  g_clear_object (&self->document_b);
  g_clear_pointer (&self->knobs_b, awl_knob_values_free);
  g_clear_pointer (&self->comparison, awl_comparison_free);
  g_clear_pointer (&self->quiz_answers, g_array_unref);
  if (self->playback != NULL)
    g_signal_handlers_disconnect_by_data (self->playback, self);
  g_clear_object (&self->playback);
  g_clear_object (&self->follow);
  g_clear_object (&self->document);
  unbind_settings (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->catalogue);
  g_clear_pointer (&self->error_text, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), AWAITLAB_TYPE_WINDOW);

  G_OBJECT_CLASS (awaitlab_window_parent_class)->dispose (object);
}

static void
awaitlab_window_class_init (AwaitlabWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awaitlab_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = awaitlab_window_close_request;

  g_type_ensure (AWAITLAB_TYPE_CODE_VIEW);
  g_type_ensure (AWAITLAB_TYPE_TIMELINE_VIEW);
  g_type_ensure (AWAITLAB_TYPE_INSPECTOR);
  g_type_ensure (AWAITLAB_TYPE_KNOBS);
  g_type_ensure (AWAITLAB_TYPE_QUEUES_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/awaitlab/Awaitlab/ui/awaitlab-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, catalogue_list);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, no_results);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, recent_header);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, outcome_revealer);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, outcome_banner);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, outcome_icon);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, vpaned);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, hpaned);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, code_view);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, question_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, notes_box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, output_list);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, queues_view);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, scrubber);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, scrubber_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, time_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, quiz_revealer);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, quiz_box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, knobs);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, knob_side_box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, knob_a_button);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, knob_b_button);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, lints_list);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, no_lints);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, compare_summary);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, compare_label_a);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, compare_label_b);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, compare_box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, timeline_view_b);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, inspector_button);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, compare_button);

  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "win.inspector", NULL, view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.compare", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, 0, "win.inspector", NULL);


  gtk_widget_class_install_action (widget_class, "win.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.seek-start", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.seek-end", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL, presentation_action);
  gtk_widget_class_install_action (widget_class, "win.bigger", NULL, presentation_action);
  gtk_widget_class_install_action (widget_class, "win.smaller", NULL, presentation_action);

  /* Window-wide keys. Focused text entries see them first (bubble phase), so
   * typing a space or an arrow in the search entry still works. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "win.step-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "win.step-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "win.seek-start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "win.seek-end", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.bigger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.bigger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.smaller", NULL);
}

static void
draw_legend (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  AwaitlabWindow *self = user_data;
  AwaitlabTimelineRenderer *renderer = awaitlab_timeline_view_get_renderer (self->timeline_view);

  awaitlab_timeline_renderer_set_dark (renderer, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  awaitlab_timeline_renderer_draw_legend (renderer, cr, width, height);
}

static void
awaitlab_window_init (AwaitlabWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->legend, draw_legend, self, NULL);
  g_signal_connect_swapped (self->timeline_view, "notify::scale", G_CALLBACK (gtk_widget_queue_draw), self->legend);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->legend, G_CONNECT_SWAPPED);

  self->playback = awaitlab_playback_new ();
  self->follow = awaitlab_follow_new (self->code_view, self->output_list, GTK_WIDGET (self->queues_view));
  g_signal_connect_swapped (self->playback, "notify::position", G_CALLBACK (on_playhead_moved), self);
  g_signal_connect_swapped (self->playback, "notify::playing", G_CALLBACK (on_playing_changed), self);

  g_signal_connect_swapped (self->scrubber_adjustment, "value-changed", G_CALLBACK (on_scrubbed), self);
  g_signal_connect_swapped (self->speed_dropdown, "notify::selected", G_CALLBACK (on_speed_selected), self);
  g_signal_connect_swapped (self->timeline_view, "seek", G_CALLBACK (on_timeline_seek), self);
  g_signal_connect_swapped (self->timeline_view, "span-activated", G_CALLBACK (on_span_activated), self);
  g_signal_connect_swapped (self->timeline_view, "notify::selected-lane", G_CALLBACK (on_playhead_moved), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect_swapped (self->catalogue_list, "row-activated", G_CALLBACK (on_catalogue_row_activated), self);
  g_signal_connect_swapped (self->recent_list, "row-activated", G_CALLBACK (on_recent_row_activated), self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed", G_CALLBACK (fill_recent),
                           self, G_CONNECT_SWAPPED);

  self->keep_time = -1;
  self->quiz_answers = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect_swapped (awaitlab_code_view_get_buffer (self->code_view), "modified-changed",
                            G_CALLBACK (on_buffer_modified), self);
  awaitlab_code_view_set_editable (self->code_view, TRUE);
  g_signal_connect_swapped (self->knobs, "changed", G_CALLBACK (on_knobs_changed), self);
  g_signal_connect_swapped (self->knob_b_button, "toggled", G_CALLBACK (on_knob_side_toggled), self);
  g_signal_connect_swapped (self->lints_list, "row-activated", G_CALLBACK (on_lint_activated), self);
  g_signal_connect_swapped (self->problems_list, "row-activated", G_CALLBACK (on_problem_activated), self);
  g_signal_connect_swapped (self->inspector, "select", G_CALLBACK (on_inspector_select), self);
  g_signal_connect_swapped (awaitlab_timeline_view_get_time_range (self->timeline_view), "notify",
                            G_CALLBACK (on_range_changed), self);
  g_signal_connect_swapped (self->timeline_view_b, "seek", G_CALLBACK (on_timeline_seek), self);

  set_loading (self, FALSE);
  update_actions (self);
  load_catalogue (self);
  fill_recent (self);
  restore_settings (self);
}

AwaitlabWindow *
awaitlab_window_new (GtkApplication *application)
{
  return g_object_new (AWAITLAB_TYPE_WINDOW, "application", application, NULL);
}

/* ------------------------------------------------------------------------- */
/* Private API for tests and screenshots                                     */

AwaitlabPlayback *
awaitlab_window_get_playback (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->playback;
}

AwaitlabTimelineView *
awaitlab_window_get_timeline_view (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->timeline_view;
}

AwaitlabQueuesView *
awaitlab_window_get_queues_view (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->queues_view;
}

AwaitlabCodeView *
awaitlab_window_get_code_view (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->code_view;
}

AwaitlabDocument *
awaitlab_window_get_document (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->document;
}

gboolean
awaitlab_window_get_loading (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);
  return self->loading != NULL;
}

gboolean
awaitlab_window_outcome_visible (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->outcome_revealer);
}

const char *
awaitlab_window_get_outcome_text (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->outcome_label);
}

const char *
awaitlab_window_get_status_text (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

const char *
awaitlab_window_get_error_text (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->error_text;
}

GtkWidget *
awaitlab_window_get_error_dialog (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->error_dialog;
}

void
awaitlab_window_set_search (AwaitlabWindow *self,
                            const char     *text)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* search-changed is delayed; tests and callers want the result now. */
  on_search_changed (self);
}

guint
awaitlab_window_count_catalogue_rows (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

/* ------------------------------------------------------------------------- */

AwaitlabKnobs *
awaitlab_window_get_knobs (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->knobs;
}

AwaitlabInspector *
awaitlab_window_get_inspector (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->inspector;
}

AwaitlabDocument *
awaitlab_window_get_document_b (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->document_b;
}

gboolean
awaitlab_window_get_busy (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);
  return self->loading != NULL || self->loading_b != NULL;
}

const char *
awaitlab_window_get_compare_summary (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->compare_summary);
}

void
awaitlab_window_select_knob_side (AwaitlabWindow *self,
                                  gboolean        b)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  gtk_toggle_button_set_active (b ? self->knob_b_button : self->knob_a_button, TRUE);
}

guint
awaitlab_window_get_n_problems (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), 0);
  return awaitlab_code_view_get_n_problems (self->code_view);
}

guint
awaitlab_window_get_n_lints (AwaitlabWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->lints_list)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

void
awaitlab_window_activate_lint (AwaitlabWindow *self,
                               guint           index)
{
  GtkListBoxRow *row;

  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  if ((row = gtk_list_box_get_row_at_index (self->lints_list, index)))
    on_lint_activated (self, row);
}

GtkWidget *
awaitlab_window_get_confirm_dialog (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->confirm_dialog;
}

GFile *
awaitlab_window_get_file (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->file;
}

gboolean
awaitlab_window_save_to (AwaitlabWindow *self,
                         GFile          *file)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);
  return save_document (self, file);
}

gboolean
awaitlab_window_is_modified (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);
  return is_modified (self);
}

guint
awaitlab_window_get_n_quizzes (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), 0);
  return self->quiz_answers->len;
}

void
awaitlab_window_answer_quiz (AwaitlabWindow *self,
                             guint           quiz,
                             guint           choice)
{
  guint q = 0;

  g_return_if_fail (AWAITLAB_IS_WINDOW (self));

  /* Click the radio button, as a user would. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->quiz_box)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_name (child), "quiz-choices") != 0)
        continue;
      if (q++ != quiz)
        continue;
      for (GtkWidget *b = gtk_widget_get_first_child (child); b; b = gtk_widget_get_next_sibling (b))
        if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "choice")) == choice)
          gtk_check_button_set_active (GTK_CHECK_BUTTON (b), TRUE);
    }
}

/* The revealed result of quiz @quiz, or NULL while the run has not ended. */
const char *
awaitlab_window_get_quiz_result (AwaitlabWindow *self,
                                 guint           quiz)
{
  guint q = 0;

  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->quiz_box)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *result = g_object_get_data (G_OBJECT (child), "result");

      if (result == NULL || q++ != quiz)
        continue;
      return gtk_widget_get_visible (result) ? gtk_label_get_text (GTK_LABEL (result)) : NULL;
    }
  return NULL;
}

AwaitlabTimelineView *
awaitlab_window_get_timeline_view_b (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->timeline_view_b;
}
