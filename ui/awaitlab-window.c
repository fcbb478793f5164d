/* awaitlab-window.c
 *
 * The main window: the sidebar on the left; code, explanation and output on
 * top; the timeline below; the playback bar and the narration line at the
 * bottom. It owns no simulation state: the views follow an AwaitlabWorkspace
 * (the runs and the playhead). What the user asks for is in
 * awaitlab-window-actions.c; opening, saving and Ctrl+Enter in
 * awaitlab-window-editing.c.
 */

#include <glib/gi18n.h>

#include "awaitlab-window-private.h"
#include "awaitlab-markdown.h"
#include "awaitlab-timeline-renderer.h"

#define APP_ID "org.awaitlab.Awaitlab"

G_DEFINE_FINAL_TYPE (AwaitlabWindow, awaitlab_window, ADW_TYPE_APPLICATION_WINDOW)

static AwaitlabPlayback *
playback_of (AwaitlabWindow *self)
{
  return awaitlab_workspace_get_playback (self->workspace);
}

/* ------------------------------------------------------------------------- */
/* Following the playhead                                                    */

static void
update_outcome (AwaitlabWindow   *self,
                AwaitlabTimeline *timeline)
{
  AwaitlabOutcomeKind kind = awaitlab_timeline_get_outcome (timeline);
  gboolean at_end = awaitlab_playback_is_at_end (playback_of (self));
  gboolean show = at_end && kind != AWAITLAB_OUTCOME_NONE && kind != AWAITLAB_OUTCOME_COMPLETED;

  if (show)
    {
      const char *heading = kind == AWAITLAB_OUTCOME_DEADLOCK ? _("Deadlock")
                          : kind == AWAITLAB_OUTCOME_CRASHED ? _("Unhandled exception")
                          : _("Stopped at a limit");
      const char *raw = awaitlab_timeline_get_outcome_text (timeline) ?: "";
      const char *rest = *raw ? g_utf8_next_char (raw) : raw;
      g_autofree char *first = g_utf8_strup (raw, rest - raw);
      g_autofree char *sentence = g_strconcat (first, rest, NULL);
      /* A sentence after the heading: it starts with a capital. */
      g_autofree char *text = g_markup_escape_text (sentence, -1);
      g_autofree char *markup = NULL;

      markup = g_strdup_printf ("<b>%s.</b> %s", heading, text);

      gtk_label_set_markup (self->outcome_label, markup);
      _awaitlab_window_fit_status (self);
      /* Once shown, with its own width. */
      _awaitlab_window_queue_fit_status (self);
    }

  /* The outcome takes the narration's place in the slot. */
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), !show);
  gtk_widget_set_visible (self->outcome_banner, show);
}

/* Notes appear as playback passes them (the code, the output and the queues
 * follow the step: AwaitlabFollow). */
static void
update_revealed (AwaitlabWindow   *self,
                 AwaitlabTimeline *timeline,
                 gint64            time)
{
  const AwaitlabNote *notes;
  GtkWidget *child;
  guint n, i;

  notes = awaitlab_timeline_get_notes (timeline, &n);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->notes_box)), i = 0;
       child != NULL && i < n;
       child = gtk_widget_get_next_sibling (child), i++)
    gtk_widget_set_visible (child, notes[i].reveal_time <= time);
}

/* The narration: which step of how many, and what happened there. */
static void
update_status (AwaitlabWindow   *self,
               AwaitlabTimeline *timeline)
{
  guint index = awaitlab_playback_get_event_index (playback_of (self));
  g_autofree char *sentence = awaitlab_timeline_describe_event (timeline, index);
  g_autofree char *status = NULL;
  guint n_events;

  awaitlab_timeline_get_events (timeline, &n_events);
  /* The number of steps would hint at how the run goes while a quiz waits. */
  if (sentence != NULL && _awaitlab_window_quiz_armed (self))
    status = g_strdup_printf ("%u  ·  %s", index + 1, sentence);
  else if (sentence != NULL)
    status = g_strdup_printf ("%u/%u  ·  %s", index + 1, n_events, sentence);
  gtk_label_set_text (self->status_label, status ? status : "");
  _awaitlab_window_fit_status (self);
}

/* The step count hides while a quiz is armed: revealing it must show it at once,
 * not at the next step. */
void
_awaitlab_window_update_status (AwaitlabWindow *self)
{
  AwaitlabTimeline *timeline = awaitlab_timeline_view_get_timeline (self->timeline_view);

  if (timeline != NULL)
    update_status (self, timeline);
}

static void
on_playhead_moved (AwaitlabWindow *self)
{
  AwaitlabPlayback *playback = playback_of (self);
  AwaitlabTimeline *timeline = awaitlab_playback_get_timeline (playback);
  gint64 time;

  if (timeline == NULL || timeline != awaitlab_timeline_view_get_timeline (self->timeline_view))
    return;

  /* First: reaching the end reveals a quiz, and then the narration may say N/M. */
  awaitlab_quiz_banner_set_at_end (self->quiz_banner, awaitlab_playback_is_at_end (playback));
  time = awaitlab_playback_get_time (playback);
  awaitlab_timeline_view_set_playhead_position (self->timeline_view, time,
                                                awaitlab_playback_get_position (playback));
  if (awaitlab_playback_get_playing (playback))
    awaitlab_time_range_ensure (awaitlab_timeline_view_get_time_range (self->timeline_view), time);

  update_status (self, timeline);
  awaitlab_follow_set_event (self->follow, awaitlab_playback_get_event_index (playback));
  update_revealed (self, timeline, time);
  update_outcome (self, timeline);

  /* Compare mode: B follows A's virtual time. */
  if (awaitlab_workspace_get_compare (self->workspace))
    awaitlab_timeline_view_set_playhead (self->timeline_view_b, time);
  awaitlab_inspector_set_event (self->inspector, awaitlab_playback_get_event_index (playback));
}

/* Playback is driven by the frame clock, so animation follows the display. */
static gboolean
playback_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->last_frame_time != 0)
    awaitlab_playback_advance (playback_of (self), (now - self->last_frame_time) / (double)G_USEC_PER_SEC);
  self->last_frame_time = now;

  if (!awaitlab_playback_get_playing (playback_of (self)))
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_playing_changed (AwaitlabWindow *self)
{
  gboolean playing = awaitlab_playback_get_playing (playback_of (self));

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
on_timeline_seek (AwaitlabWindow *self,
                  gint64          time)
{
  awaitlab_workspace_seek_time (self->workspace, time);
}

/* Shows @line of the code as run by @lane's thread. */
static void
show_line (AwaitlabWindow *self,
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
  if ((guint)span < n && spans[span].line > 0)
    {
      awaitlab_code_view_set_highlight (self->code_view, spans[span].line, lane);
      awaitlab_code_view_scroll_to_line (self->code_view, spans[span].line);
    }
}

static void
on_inspector_select (AwaitlabWindow *self,
                     int             lane,
                     guint           line)
{
  show_line (self, lane, line);
}

static void
on_diagnostic_line (AwaitlabWindow *self,
                    guint           line)
{
  awaitlab_code_view_scroll_to_line (self->code_view, line);
  awaitlab_code_view_set_highlight (self->code_view, line, 0);
}

/* ------------------------------------------------------------------------- */
/* Showing a run                                                             */

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
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)))
    gtk_widget_unparent (child);
}

/* A run may print up to 100,000 lines (its output budget), some of them megabytes
 * long: the list shows the first rows, each cut to a readable length, so that laying
 * it out never freezes the window. `awaitlab run` prints everything. */
#define OUTPUT_MAX_ROWS       1000
#define OUTPUT_MAX_LINE_CHARS 500

static char *
output_text_markup (const char *text)
{
  g_autofree char *cut = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, 4 * OUTPUT_MAX_LINE_CHARS + 4) > OUTPUT_MAX_LINE_CHARS)
    {
      const char *end = g_utf8_offset_to_pointer (text, OUTPUT_MAX_LINE_CHARS);
      cut = g_strdup_printf ("%.*s…", (int) (end - text), text);
      text = cut;
    }
  return g_markup_escape_text (text, -1);
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
  for (guint i = 0; i < MIN (n, OUTPUT_MAX_ROWS); i++)
    {
      g_autofree char *time = awaitlab_format_time (lines[i].time);
      g_autofree char *text = output_text_markup (lines[i].text);
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
  if (n > OUTPUT_MAX_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("… %u more lines not shown here (awaitlab run prints them all)"),
                                               n - OUTPUT_MAX_ROWS);
      gtk_list_box_append (self->output_list, wrapped_label_new (more));
    }
}

static void
fill_notes (AwaitlabWindow   *self,
            AwaitlabTimeline *timeline)
{
  const AwaitlabNote *notes;
  guint n;

  remove_children (GTK_WIDGET (self->notes_box));
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
  return timeline != NULL ? awaitlab_timeline_lane_of_thread (timeline, thread) : -1;
}

/* Jumps both views: the playhead to the lint's time, the code to its line. */
static void
on_lint_activated (AwaitlabWindow *self,
                   GtkListBoxRow  *row)
{
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "lint"));
  AwlTrace *trace = document ? awaitlab_document_get_trace (document) : NULL;
  const AwlLint *lints;
  guint n;

  if (trace == NULL || i == 0)
    return;
  lints = awl_trace_get_lints (trace, &n);
  if (i > n)
    return;
  i--;

  awaitlab_workspace_seek_time (self->workspace, lints[i].time);
  awaitlab_time_range_ensure (awaitlab_timeline_view_get_time_range (self->timeline_view), lints[i].time);
  show_line (self, lane_of_thread (awaitlab_document_get_timeline (document), lints[i].thread), lints[i].line);
}

static void
refresh_knobs (AwaitlabWindow *self)
{
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  gboolean b = awaitlab_workspace_get_compare (self->workspace) && gtk_toggle_button_get_active (self->knob_b_button);
  AwlScenario *scenario = document ? awaitlab_document_get_scenario (document) : NULL;

  awaitlab_knobs_set_scenario (self->knobs, scenario,
                               b ? awaitlab_workspace_get_knobs_b (self->workspace)
                                 : document ? awaitlab_document_get_knobs (document) : NULL);
}

/* Run A changed. A re-run (other knobs, the same text after Ctrl+Enter)
 * keeps the editor, its undo history and the predictions. */
static void
on_document_changed (AwaitlabWindow *self)
{
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  AwaitlabTimeline *timeline;
  g_autofree char *explanation = NULL;
  g_autofree char *current = NULL;
  gboolean same_source;

  if (document == NULL)
    return;

  timeline = awaitlab_document_get_timeline (document);
  current = awaitlab_code_view_dup_text (self->code_view);
  same_source = self->shown_any && g_strcmp0 (current, awaitlab_document_get_source (document)) == 0;
  self->shown_any = TRUE;

  if (!same_source)
    {
      awaitlab_code_view_set_text (self->code_view, awaitlab_document_get_source (document));
      awaitlab_diagnostics_list_set_diagnostics (self->diagnostics_list, NULL);
      awaitlab_quiz_banner_set_scenario (self->quiz_banner, awaitlab_document_get_scenario (document));
    }
  /* A re-run with other knobs: the verdict is judged against this run. */
  awaitlab_quiz_banner_set_knobs (self->quiz_banner, awaitlab_document_get_knobs (document));
  explanation = awaitlab_markdown_to_markup (awaitlab_document_get_explanation (document));
  gtk_label_set_markup (self->explanation_label, explanation);

  if (timeline != NULL)
    {
      fill_output (self, timeline);
      fill_notes (self, timeline);
    }
  fill_lints (self, document);
  refresh_knobs (self);
  awaitlab_inspector_set_run (self->inspector, awaitlab_document_get_scenario (document),
                              awaitlab_document_get_trace (document), timeline);
  awaitlab_follow_set_run (self->follow, awaitlab_document_get_trace (document), timeline);

  awaitlab_timeline_view_set_timeline (self->timeline_view, timeline);
  _awaitlab_window_apply_quiz (self);
  _awaitlab_window_actions_update (self);
  gtk_stack_set_visible_child_name (self->main_stack, "document");
  on_playhead_moved (self);
  if (!same_source)
    gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
}

void
awaitlab_window_set_document (AwaitlabWindow   *self,
                              AwaitlabDocument *document)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  g_return_if_fail (AWAITLAB_IS_DOCUMENT (document));

  awaitlab_workspace_set_document (self->workspace, document);
}

#define ERROR_DIALOG_MAX_LINES 12

void
_awaitlab_window_show_error (AwaitlabWindow *self,
                             const char     *heading,
                             const char     *message)
{
  GtkWidget *dialog;
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);
  guint n_lines = g_strv_length (lines);

  g_free (self->error_text);
  self->error_text = g_strdup (message);

  /* A dialog fits a few errors: 100 of them would be taller than any screen. The
   * first ones, then a count (`awaitlab check` and the editor's list have them all). */
  for (guint i = 0; i < n_lines && i < ERROR_DIALOG_MAX_LINES; i++)
    g_string_append_printf (body, "%s%s", i ? "\n" : "", lines[i]);
  if (n_lines > ERROR_DIALOG_MAX_LINES)
    g_string_append_printf (body, _("\n… %u more lines (awaitlab check FILE lists them all)"),
                            n_lines - ERROR_DIALOG_MAX_LINES);
  message = body->str;

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
on_failed (AwaitlabWindow *self,
           const char     *heading,
           const char     *message)
{
  _awaitlab_window_show_error (self, heading, message);
}

static void
on_busy_changed (AwaitlabWindow *self)
{
  gboolean busy = awaitlab_workspace_get_busy (self->workspace);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

/* ------------------------------------------------------------------------- */
/* Knobs and compare mode                                                    */

static void
on_knobs_changed (AwaitlabWindow *self)
{
  g_autoptr(AwlKnobValues) values = awaitlab_knobs_dup_values (self->knobs);

  if (awaitlab_workspace_get_compare (self->workspace) && gtk_toggle_button_get_active (self->knob_b_button))
    awaitlab_workspace_set_knobs_b (self->workspace, values);
  else
    awaitlab_workspace_rerun (self->workspace, values);
}

static void
update_compare_summary (AwaitlabWindow *self)
{
  const AwlComparison *comparison = awaitlab_workspace_get_comparison (self->workspace);
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  g_autoptr(GString) m = g_string_new (NULL);
  g_autofree char *label_a = NULL;
  g_autofree char *label_b = NULL;
  g_autofree char *la = NULL;
  g_autofree char *lb = NULL;

  if (comparison == NULL || document == NULL)
    return;

  label_a = awl_knob_values_describe (awaitlab_document_get_knobs (document));
  label_b = awl_knob_values_describe (awaitlab_workspace_get_knobs_b (self->workspace));
  la = g_strdup_printf (_("A · %s · %s"), label_a, awl_outcome_kind_to_string (comparison->outcome_a));
  lb = g_strdup_printf (_("B · %s · %s"), label_b, awl_outcome_kind_to_string (comparison->outcome_b));
  gtk_label_set_text (self->compare_label_a, la);
  gtk_label_set_text (self->compare_label_b, lb);

  if (comparison->n_differences == 0)
    g_string_append (m, _("<b>No difference</b> between A and B."));
  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const AwlCompareRow *row = g_ptr_array_index (comparison->rows, i);
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
on_document_b_changed (AwaitlabWindow *self)
{
  AwaitlabDocument *b = awaitlab_workspace_get_document_b (self->workspace);

  awaitlab_timeline_view_set_timeline (self->timeline_view_b, b ? awaitlab_document_get_timeline (b) : NULL);
  if (b != NULL)
    awaitlab_timeline_view_set_playhead (self->timeline_view_b, awaitlab_playback_get_time (playback_of (self)));
  update_compare_summary (self);
}

static void
on_compare_changed (AwaitlabWindow *self)
{
  gboolean compare = awaitlab_workspace_get_compare (self->workspace);

  _awaitlab_window_update_timeline_heights (self);
  _awaitlab_window_update_compare_layout (self);
  gtk_widget_set_visible (self->compare_box, compare);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_summary), compare);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_label_a), compare);
  gtk_widget_set_visible (self->knob_side_box, compare);
  gtk_toggle_button_set_active (self->compare_button, compare);
  if (!compare)
    gtk_toggle_button_set_active (self->knob_a_button, TRUE);
  refresh_knobs (self);
}

void
awaitlab_window_set_compare (AwaitlabWindow *self,
                             gboolean        compare)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));

  /* Two runs side by side show both outcomes: comparing is the reveal. */
  if (compare)
    awaitlab_quiz_banner_reveal (self->quiz_banner);
  awaitlab_workspace_set_compare (self->workspace, compare);
  /* Refused without a scenario: the button must not stay pressed. */
  on_compare_changed (self);
}

/* Both timelines show the same visible time range. */
static void
on_range_changed (AwaitlabWindow *self)
{
  AwaitlabTimeRange *a = awaitlab_timeline_view_get_time_range (self->timeline_view);
  AwaitlabTimeRange *b = awaitlab_timeline_view_get_time_range (self->timeline_view_b);

  if (awaitlab_workspace_get_compare (self->workspace))
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

/* ------------------------------------------------------------------------- */
/* Settings: the window as it was left                                       */

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

static void
do_close (AwaitlabWindow *self,
          gpointer        data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
awaitlab_window_close_request (GtkWindow *window)
{
  AwaitlabWindow *self = AWAITLAB_WINDOW (window);

  /* Unsaved edits: ask first; do_close() closes again once settled. */
  if (!self->close_confirmed && _awaitlab_window_is_modified (self))
    {
      _awaitlab_window_confirm_then (self, do_close, NULL, NULL);
      return TRUE;
    }
  save_window_state (self);
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
  g_autoptr(GAction) axis_action = NULL;
  int width, height;

  /* Running from the build tree without the compiled schema must not abort. */
  if (source == NULL || !(schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    return;

  self->settings = g_settings_new (APP_ID);
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "playback-speed", self->playback_bar, "speed", G_SETTINGS_BIND_DEFAULT);

  /* The layout as it was left. The sidebar has no handle, so its width is
   * only read; the dividers are saved as they move. */
  g_settings_bind (self->settings, "sidebar-visible", self->flap, "reveal-flap",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (on_flap_reveal_changed), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "sidebar-width", self->sidebar, "width-request", G_SETTINGS_BIND_GET);
  _awaitlab_window_bind_panes (self, TRUE);

  /* Steps or real time: the timeline follows the key, the playback bar's
   * two buttons set it. */
  g_settings_bind (self->settings, "timeline-axis", self->timeline_view, "axis-mode", G_SETTINGS_BIND_DEFAULT);
  axis_action = g_settings_create_action (self->settings, "timeline-axis");
  g_action_map_add_action (G_ACTION_MAP (self), axis_action);
}

/* The dividers follow the settings, except in presentation mode, which places
 * them for the projector without changing what the next start restores. */
void
_awaitlab_window_bind_panes (AwaitlabWindow *self,
                             gboolean        bind)
{
  /* Presentation mode and a short window's Compare both unbind: once is enough. */
  if (self->settings == NULL || self->panes_bound == !!bind)
    return;
  self->panes_bound = !!bind;
  if (bind)
    {
      g_settings_bind (self->settings, "code-side-position", self->hpaned, "position", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "code-timeline-position", self->vpaned, "position", G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      g_settings_unbind (self->hpaned, "position");
      g_settings_unbind (self->vpaned, "position");
    }
}

/* Tearing the widgets down must not write their last moments to the settings. */
static void
unbind_settings (AwaitlabWindow *self)
{
  if (self->settings == NULL)
    return;
  g_settings_unbind (self->playback_bar, "speed");
  g_settings_unbind (self->flap, "reveal-flap");
  g_signal_handlers_disconnect_by_func (self->flap, on_flap_reveal_changed, self);
  g_settings_unbind (self->sidebar, "width-request");
  _awaitlab_window_bind_panes (self, FALSE);
  g_settings_unbind (self->timeline_view, "axis-mode");
}

/* ------------------------------------------------------------------------- */

static void
awaitlab_window_dispose (GObject *object)
{
  AwaitlabWindow *self = (AwaitlabWindow *)object;

  _awaitlab_window_clear_pending (self);
  _awaitlab_window_layout_dispose (self);
  _awaitlab_window_status_dispose (self);
  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirm_dialog));
  g_clear_object (&self->file);
  if (self->workspace != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      g_signal_handlers_disconnect_by_data (playback_of (self), self);
    }
  if (self->playback_bar != NULL)
    awaitlab_playback_bar_set_playback (self->playback_bar, NULL);
  g_clear_object (&self->workspace);
  g_clear_object (&self->follow);
  unbind_settings (self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->error_text, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), AWAITLAB_TYPE_WINDOW);

  G_OBJECT_CLASS (awaitlab_window_parent_class)->dispose (object);
}

static void
awaitlab_window_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  GTK_WIDGET_CLASS (awaitlab_window_parent_class)->size_allocate (widget, width, height, baseline);
  _awaitlab_window_layout_allocated (AWAITLAB_WINDOW (widget), width, height);
}

static void
awaitlab_window_class_init (AwaitlabWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awaitlab_window_dispose;
  widget_class->size_allocate = awaitlab_window_size_allocate;
  GTK_WINDOW_CLASS (klass)->close_request = awaitlab_window_close_request;

  g_type_ensure (AWAITLAB_TYPE_CODE_VIEW);
  g_type_ensure (AWAITLAB_TYPE_TIMELINE_VIEW);
  g_type_ensure (AWAITLAB_TYPE_INSPECTOR);
  g_type_ensure (AWAITLAB_TYPE_KNOBS);
  g_type_ensure (AWAITLAB_TYPE_SIDEBAR);
  g_type_ensure (AWAITLAB_TYPE_PLAYBACK_BAR);
  g_type_ensure (AWAITLAB_TYPE_QUIZ_BANNER);
  g_type_ensure (AWAITLAB_TYPE_DIAGNOSTICS_LIST);
  g_type_ensure (AWAITLAB_TYPE_QUEUES_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/awaitlab/Awaitlab/ui/awaitlab-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, status_slot);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, outcome_banner);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, outcome_more);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, outcome_full_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, quiz_banner);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, vpaned);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, hpaned);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, code_view);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, diagnostics_list);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, question_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, notes_box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, output_list);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, queues_view);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, playback_bar);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, status_label);
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
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, inspector_flap);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, side_switcher);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, side_dropdown);

  gtk_widget_class_bind_template_callback (widget_class, on_timeline_seek);
  gtk_widget_class_bind_template_callback (widget_class, on_span_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_playhead_moved);
  gtk_widget_class_bind_template_callback (widget_class, on_lint_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_inspector_select);
  gtk_widget_class_bind_template_callback (widget_class, on_diagnostic_line);
  gtk_widget_class_bind_template_callback (widget_class, on_knobs_changed);
  gtk_widget_class_bind_template_callback (widget_class, refresh_knobs);
  gtk_widget_class_bind_template_callback (widget_class, awaitlab_window_open_resource);
  gtk_widget_class_bind_template_callback (widget_class, awaitlab_window_open_file);

  _awaitlab_window_class_actions_init (widget_class);
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

  cairo_surface_t *recording;
  cairo_t *rc;
  double x, y, w, h;

  awaitlab_timeline_renderer_set_dark (renderer, adw_style_manager_get_dark (adw_style_manager_get_default ()));

  /* The legend is one line; when a narrow window (or presentation mode's large
   * type) would cut its last entries, it is drawn smaller instead. */
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  rc = cairo_create (recording);
  awaitlab_timeline_renderer_draw_legend (renderer, rc, G_MAXINT / 2, height);
  cairo_destroy (rc);
  cairo_recording_surface_ink_extents (recording, &x, &y, &w, &h);
  if (x + w + 8 > width && x + w > 0)
    {
      double k = (width - 8) / (x + w);

      cairo_translate (cr, 0, height * (1 - k) / 2);
      cairo_scale (cr, k, k);
    }
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_surface_destroy (recording);
}

static void
connect_workspace (AwaitlabWindow *self)
{
  AwaitlabPlayback *playback = playback_of (self);

  g_signal_connect_swapped (playback, "notify::position", G_CALLBACK (on_playhead_moved), self);
  g_signal_connect_swapped (playback, "notify::playing", G_CALLBACK (on_playing_changed), self);
  g_signal_connect_swapped (self->workspace, "notify::document", G_CALLBACK (on_document_changed), self);
  g_signal_connect_swapped (self->workspace, "notify::document-b", G_CALLBACK (on_document_b_changed), self);
  g_signal_connect_swapped (self->workspace, "notify::compare", G_CALLBACK (on_compare_changed), self);
  g_signal_connect_swapped (self->workspace, "notify::busy", G_CALLBACK (on_busy_changed), self);
  g_signal_connect_swapped (self->workspace, "failed", G_CALLBACK (on_failed), self);
  g_signal_connect_swapped (self->workspace, "diagnosed", G_CALLBACK (_awaitlab_window_show_diagnostics), self);
  awaitlab_playback_bar_set_playback (self->playback_bar, playback);
}

static void
awaitlab_window_init (AwaitlabWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->workspace = awaitlab_workspace_new ();
  self->follow = awaitlab_follow_new (self->code_view, self->output_list, GTK_WIDGET (self->queues_view));
  connect_workspace (self);
  _awaitlab_window_actions_init (self);
  _awaitlab_window_layout_init (self);
  _awaitlab_window_status_init (self);

  gtk_drawing_area_set_draw_func (self->legend, draw_legend, self, NULL);
  g_signal_connect_swapped (self->timeline_view, "notify::scale", G_CALLBACK (gtk_widget_queue_draw), self->legend);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->legend, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (awaitlab_code_view_get_buffer (self->code_view), "modified-changed",
                            G_CALLBACK (_awaitlab_window_update_title), self);
  awaitlab_code_view_set_editable (self->code_view, TRUE);
  g_signal_connect_swapped (self->quiz_banner, "notify::armed",
                            G_CALLBACK (_awaitlab_window_apply_quiz), self);
  g_signal_connect_swapped (awaitlab_timeline_view_get_time_range (self->timeline_view), "notify",
                            G_CALLBACK (on_range_changed), self);

  on_busy_changed (self);
  _awaitlab_window_actions_update (self);
  restore_settings (self);
}

AwaitlabWindow *
awaitlab_window_new (GtkApplication *application)
{
  return g_object_new (AWAITLAB_TYPE_WINDOW, "application", application, NULL);
}

/* ------------------------------------------------------------------------- */
/* Private API for tests and screenshots                                     */

AwaitlabWorkspace *
awaitlab_window_get_workspace (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->workspace;
}

AwaitlabPlayback *
awaitlab_window_get_playback (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return playback_of (self);
}

AwaitlabTimelineView *
awaitlab_window_get_timeline_view (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->timeline_view;
}

AwaitlabTimelineView *
awaitlab_window_get_timeline_view_b (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return self->timeline_view_b;
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
  return awaitlab_workspace_get_document (self->workspace);
}

AwaitlabDocument *
awaitlab_window_get_document_b (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return awaitlab_workspace_get_document_b (self->workspace);
}

gboolean
awaitlab_window_get_loading (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);
  return awaitlab_workspace_get_loading (self->workspace);
}

gboolean
awaitlab_window_get_busy (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);
  return awaitlab_workspace_get_busy (self->workspace);
}

gboolean
awaitlab_window_outcome_visible (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->outcome_banner);
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
  awaitlab_sidebar_set_search (self->sidebar, text);
}

guint
awaitlab_window_count_catalogue_rows (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), 0);
  return awaitlab_sidebar_get_n_results (self->sidebar);
}

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
  return _awaitlab_window_save (self, file);
}

gboolean
awaitlab_window_is_modified (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), FALSE);
  return _awaitlab_window_is_modified (self);
}

guint
awaitlab_window_get_n_quizzes (AwaitlabWindow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), 0);
  return awaitlab_quiz_banner_get_n_quizzes (self->quiz_banner);
}

void
awaitlab_window_answer_quiz (AwaitlabWindow *self,
                             guint           quiz,
                             guint           choice)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  awaitlab_quiz_banner_answer (self->quiz_banner, quiz, choice);
}

const char *
awaitlab_window_get_quiz_result (AwaitlabWindow *self,
                                 guint           quiz)
{
  g_return_val_if_fail (AWAITLAB_IS_WINDOW (self), NULL);
  return awaitlab_quiz_banner_get_result (self->quiz_banner, quiz);
}
