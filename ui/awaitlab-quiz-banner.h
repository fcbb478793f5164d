/* awaitlab-quiz-banner.h
 *
 * Predict, then reveal: the scenario's @quiz questions above the code, one
 * radio group each. When the run reaches its end every quiz says whether the
 * prediction held, and why.
 */

#pragma once

#include <gtk/gtk.h>

#include "awl-scenario.h"

G_BEGIN_DECLS

#define AWAITLAB_TYPE_QUIZ_BANNER (awaitlab_quiz_banner_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabQuizBanner, awaitlab_quiz_banner, AWAITLAB, QUIZ_BANNER, GtkWidget)

void        awaitlab_quiz_banner_set_scenario (AwaitlabQuizBanner *self,
                                               AwlScenario        *scenario);
void        awaitlab_quiz_banner_set_at_end   (AwaitlabQuizBanner *self,
                                               gboolean            at_end);
guint       awaitlab_quiz_banner_get_n_quizzes (AwaitlabQuizBanner *self);
void        awaitlab_quiz_banner_answer       (AwaitlabQuizBanner *self,
                                               guint               quiz,
                                               guint               choice);
const char *awaitlab_quiz_banner_get_result   (AwaitlabQuizBanner *self,
                                               guint               quiz);

G_END_DECLS
