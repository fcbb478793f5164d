/* awaitlab-window.c
 *
 * The main window: the question browser on the left; code, explanation and
 * output on top; the timeline below; the playback bar and the narration line
 * at the bottom. The window owns no simulation state — it shows an
 * AwaitlabDocument and moves an AwaitlabPlayback.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "awaitlab-window-private.h"
#include "awaitlab-timeline-renderer.h"

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

  /* State */
  GSettings            *settings;
  GListModel           *catalogue;
  GtkFilterListModel   *filtered;
  GtkCustomFilter      *filter;
  AwaitlabDocument     *document;
  AwaitlabPlayback     *playback;
  GCancellable         *loading;
  GtkWidget            *error_dialog;
  char                 *error_text;
  guint                 tick_id;
  gint64                last_frame_time;
  guint                 updating_scrubber : 1;
  guint                 presentation : 1;
};

G_DEFINE_FINAL_TYPE (AwaitlabWindow, awaitlab_window, ADW_TYPE_APPLICATION_WINDOW)

/* ------------------------------------------------------------------------- */
/* Explanation: the scenario's Markdown, reduced to Pango markup.            */

static char *
markdown_to_markup (const char *md)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *escaped = g_markup_escape_text (md ? md : "", -1);
  gboolean bold = FALSE, code = FALSE;

  for (const char *p = escaped; *p; p++)
    {
      if (p[0] == '*' && p[1] == '*')
        {
          g_string_append (out, bold ? "</b>" : "<b>");
          bold = !bold;
          p++;
        }
      else if (p[0] == '`')
        {
          g_string_append (out, code ? "</tt>" : "<tt>");
          code = !code;
        }
      else if (p[0] == '#' && (p == escaped || p[-1] == '\n'))
        {
          while (*p == '#' || *p == ' ')
            p++;
          p--;
        }
      else
        g_string_append_c (out, *p);
    }
  if (bold)
    g_string_append (out, "</b>");
  if (code)
    g_string_append (out, "</tt>");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------- */
/* Reflecting the playhead                                                   */

static void
update_code_marks (AwaitlabWindow   *self,
                   AwaitlabTimeline *timeline,
                   gint64            time)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (AwaitlabLineMark));
  int selected = awaitlab_timeline_view_get_selected_lane (self->timeline_view);
  guint selected_line = 0;

  /* Spans end where the run ends; at the very end show where threads stopped. */
  if (time > 0 && time >= awaitlab_timeline_get_end_time (timeline))
    time = awaitlab_timeline_get_end_time (timeline) - 1;

  for (guint lane = 0; lane < awaitlab_timeline_get_n_lanes (timeline); lane++)
    {
      const AwaitlabSpan *spans;
      guint n;
      int s;

      if (awaitlab_timeline_get_lane_kind (timeline, lane) != AWAITLAB_LANE_THREAD)
        continue;
      s = awaitlab_timeline_find_span (timeline, lane, time);
      spans = awaitlab_timeline_get_spans (timeline, lane, &n);
      if (s < 0 || spans[s].line == 0 ||
          spans[s].state == AWAITLAB_SPAN_IDLE || spans[s].state == AWAITLAB_SPAN_EXITED)
        continue;

      g_array_append_vals (marks, &(AwaitlabLineMark) { spans[s].line, lane }, 1);
      if ((int)lane == selected)
        selected_line = spans[s].line;
    }

  awaitlab_code_view_set_marks (self->code_view, (AwaitlabLineMark *)(gpointer)marks->data, marks->len);
  awaitlab_code_view_set_highlight (self->code_view, selected_line, MAX (selected, 0));
}

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
  const AwaitlabOutputLine *lines;
  const AwaitlabNote *notes;
  GtkWidget *child;
  guint n, i;

  /* Output and notes appear as playback passes them. */
  lines = awaitlab_timeline_get_output (timeline, &n);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->output_list)), i = 0;
       child != NULL && i < n;
       child = gtk_widget_get_next_sibling (child), i++)
    gtk_widget_set_visible (child, lines[i].time <= time);

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
  };
  gboolean have = awaitlab_playback_get_timeline (self->playback) != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], have);
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
  update_code_marks (self, timeline, time);
  update_revealed (self, timeline, time);
  update_outcome (self, timeline);
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
      g_autofree char *thread_markup = NULL;
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
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
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
      g_autofree char *markup = markdown_to_markup (notes[i].text);
      g_autofree char *full = g_strdup_printf ("<b>%s %u</b> · %s", _("Line"), notes[i].line, markup);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (label), full);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "note");
      gtk_box_append (self->notes_box, label);
    }
}

void
awaitlab_window_set_document (AwaitlabWindow   *self,
                              AwaitlabDocument *document)
{
  AwaitlabTimeline *timeline;
  g_autofree char *subtitle = NULL;
  g_autofree char *explanation = NULL;
  const char *questions;

  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  g_return_if_fail (AWAITLAB_IS_DOCUMENT (document));

  g_set_object (&self->document, document);
  timeline = awaitlab_document_get_timeline (document);
  questions = awaitlab_document_get_questions (document);

  if (questions != NULL)
    subtitle = g_strdup_printf (_("Question %s · %s"), questions,
                                awaitlab_document_get_topic (document) ?: "");
  else if (awaitlab_document_get_file (document) != NULL)
    subtitle = g_file_get_basename (awaitlab_document_get_file (document));
  adw_window_title_set_title (self->window_title, awaitlab_document_get_title (document));
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");

  awaitlab_code_view_set_text (self->code_view, awaitlab_document_get_source (document));
  gtk_label_set_text (self->question_label, awaitlab_document_get_title (document));
  explanation = markdown_to_markup (awaitlab_document_get_explanation (document));
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

  awaitlab_timeline_view_set_timeline (self->timeline_view, timeline);
  awaitlab_playback_set_timeline (self->playback, timeline);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->main_stack, "document");
  on_playhead_moved (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
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
      show_error (self, _("Could Not Open the Scenario"), error->message);
      return;
    }

  awaitlab_window_set_document (self, document);
}

static void
start_load (AwaitlabWindow *self,
            GFile          *file,
            const char     *resource)
{
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();

  awaitlab_playback_set_playing (self->playback, FALSE);
  set_loading (self, TRUE);
  awaitlab_document_load_async (file, resource, self->loading, load_done, g_object_ref (self));
}

void
awaitlab_window_open_file (AwaitlabWindow *self,
                           GFile          *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  gtk_list_box_unselect_all (self->catalogue_list);
  start_load (self, file, NULL);
}

void
awaitlab_window_open_resource (AwaitlabWindow *self,
                               const char     *resource_path)
{
  g_return_if_fail (AWAITLAB_IS_WINDOW (self));
  g_return_if_fail (resource_path != NULL);

  /* Show which question is open, however it was opened. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->catalogue_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      AwaitlabCatalogueItem *item = g_object_get_data (G_OBJECT (row), "item");

      if (item != NULL && g_strcmp0 (awaitlab_catalogue_item_get_resource (item), resource_path) == 0)
        gtk_list_box_select_row (self->catalogue_list, GTK_LIST_BOX_ROW (row));
    }

  start_load (self, NULL, resource_path);
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
  save_window_state (AWAITLAB_WINDOW (window));
  return GTK_WINDOW_CLASS (awaitlab_window_parent_class)->close_request (window);
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
}

static void
awaitlab_window_dispose (GObject *object)
{
  AwaitlabWindow *self = (AwaitlabWindow *)object;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->playback != NULL)
    g_signal_handlers_disconnect_by_data (self->playback, self);
  g_clear_object (&self->playback);
  g_clear_object (&self->document);
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
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, code_view);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, question_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, notes_box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, output_list);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, scrubber);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, scrubber_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, time_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabWindow, status_label);


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
