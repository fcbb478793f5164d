/* awaitlab-window-quiz.c
 *
 * Spoiler-free quizzes: while a quiz waits for its answer (the quiz banner is
 * "armed") the window shows nothing that gives the answer away: a neutral
 * title, no explanation or notes, only the past of the timeline, no total
 * duration. Revealing (the end of the run, or the Reveal button) brings it
 * all back; "Ask again" arms the quiz again.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "awaitlab-window-private.h"
#include "awaitlab-timeline-renderer.h"

gboolean
_awaitlab_window_quiz_armed (AwaitlabWindow *self)
{
  return awaitlab_quiz_banner_get_armed (self->quiz_banner);
}

/* The title to show: the scenario's, or while armed its `@quiz-title`, else
 * "Question N" (the first question it answers). */
char *
_awaitlab_window_dup_shown_title (AwaitlabWindow *self)
{
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  AwlScenario *scenario;
  const char *questions;

  if (document == NULL)
    return g_strdup ("");
  scenario = awaitlab_document_get_scenario (document);
  if (!_awaitlab_window_quiz_armed (self))
    return g_strdup (awaitlab_document_get_title (document));
  if (scenario != NULL && awl_scenario_get_quiz_title (scenario) != NULL)
    return g_strdup (awl_scenario_get_quiz_title (scenario));

  questions = awaitlab_document_get_questions (document);
  if (questions != NULL && *questions != '\0')
    {
      g_autofree char *first = g_strndup (questions, strcspn (questions, " ,"));
      return g_strdup_printf (_("Question %s"), first);
    }
  return g_strdup (_("Quiz"));
}

/* Applies the armed (or revealed) state to every view. */
void
_awaitlab_window_apply_quiz (AwaitlabWindow *self)
{
  AwaitlabDocument *document = awaitlab_workspace_get_document (self->workspace);
  gboolean armed = _awaitlab_window_quiz_armed (self);
  const char *explanation = document ? awaitlab_document_get_explanation (document) : NULL;
  g_autofree char *title = _awaitlab_window_dup_shown_title (self);

  _awaitlab_window_update_title (self);
  gtk_label_set_text (self->question_label, title);
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_label),
                          !armed && explanation != NULL && *explanation != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->notes_box), !armed);
  awaitlab_follow_set_hide_notes (self->follow, armed);
  if (armed)
    awaitlab_code_view_set_header_folded (self->code_view, TRUE);

  awaitlab_timeline_renderer_set_hide_future (awaitlab_timeline_view_get_renderer (self->timeline_view), armed);
  gtk_widget_queue_draw (GTK_WIDGET (self->timeline_view));
  awaitlab_playback_bar_set_hide_total (self->playback_bar, armed);
  _awaitlab_window_update_status (self);
}
