/* awaitlab-quiz-banner.c */

#include <glib/gi18n.h>

#include "awaitlab-quiz-banner.h"

/* One @quiz: its radio buttons and the label that reveals the answer. */
typedef struct
{
  GPtrArray *buttons;
  GtkLabel  *result;
  int        answer;     /* the chosen choice, -1 = no prediction */
} Quiz;

struct _AwaitlabQuizBanner
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkRevealer *revealer;
  GtkBox      *quizzes_box;
  GtkWidget   *hint;
  GtkWidget   *reveal_button;
  GtkWidget   *ask_again_button;

  AwlScenario   *scenario;
  AwlKnobValues *knobs;    /* of the run the verdicts judge; NULL = defaults */
  GArray        *quizzes;  /* Quiz */
  guint          revealed : 1;
};

G_DEFINE_FINAL_TYPE (AwaitlabQuizBanner, awaitlab_quiz_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARMED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reveal_all (AwaitlabQuizBanner *self,
                        gboolean            revealed);

static void
quiz_clear (gpointer data)
{
  Quiz *quiz = data;

  g_clear_pointer (&quiz->buttons, g_ptr_array_unref);
}

static void
hide (AwaitlabQuizBanner *self)
{
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

static void
on_choice_toggled (GtkCheckButton     *button,
                   AwaitlabQuizBanner *self)
{
  guint quiz = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "quiz"));
  guint choice = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "choice"));

  if (gtk_check_button_get_active (button) && quiz < self->quizzes->len)
    g_array_index (self->quizzes, Quiz, quiz).answer = choice;
}

static void
on_reveal_clicked (AwaitlabQuizBanner *self)
{
  reveal_all (self, TRUE);
}

static void
on_ask_again_clicked (AwaitlabQuizBanner *self)
{
  awaitlab_quiz_banner_ask_again (self);
}

static void
awaitlab_quiz_banner_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AwaitlabQuizBanner *self = AWAITLAB_QUIZ_BANNER (object);

  switch (prop_id)
    {
    case PROP_ARMED:
      g_value_set_boolean (value, awaitlab_quiz_banner_get_armed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_quiz_banner_dispose (GObject *object)
{
  AwaitlabQuizBanner *self = AWAITLAB_QUIZ_BANNER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AWAITLAB_TYPE_QUIZ_BANNER);
  g_clear_pointer (&self->quizzes, g_array_unref);
  g_clear_pointer (&self->scenario, awl_scenario_unref);
  g_clear_pointer (&self->knobs, awl_knob_values_free);

  G_OBJECT_CLASS (awaitlab_quiz_banner_parent_class)->dispose (object);
}

static void
awaitlab_quiz_banner_class_init (AwaitlabQuizBannerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = awaitlab_quiz_banner_dispose;
  G_OBJECT_CLASS (klass)->get_property = awaitlab_quiz_banner_get_property;

  /* TRUE while a quiz waits for its answer: the window hides what would give it away. */
  properties[PROP_ARMED] = g_param_spec_boolean ("armed", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/awaitlab/Awaitlab/ui/awaitlab-quiz-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, AwaitlabQuizBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabQuizBanner, quizzes_box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabQuizBanner, hint);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabQuizBanner, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabQuizBanner, ask_again_button);
  gtk_widget_class_bind_template_callback (widget_class, hide);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_ask_again_clicked);
}

static void
awaitlab_quiz_banner_init (AwaitlabQuizBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->quizzes = g_array_new (FALSE, TRUE, sizeof (Quiz));
  g_array_set_clear_func (self->quizzes, quiz_clear);
}

static GtkWidget *
wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

static void
add_quiz (AwaitlabQuizBanner    *self,
          guint                  q,
          const AwlScenarioQuiz *source)
{
  g_autofree char *text = g_strdup_printf (_("Predict: %s"), source->question);
  GtkWidget *question = wrapped_label (text);
  /* One choice a line: the card lives in the side pane, which may be narrow. */
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *group = NULL;
  Quiz quiz = { g_ptr_array_new (), NULL, -1 };

  gtk_widget_add_css_class (question, "quiz-question");
  gtk_box_append (self->quizzes_box, question);

  for (guint c = 0; c < source->n_choices; c++)
    {
      GtkWidget *button = gtk_check_button_new ();

      gtk_check_button_set_child (GTK_CHECK_BUTTON (button), wrapped_label (source->choices[c]));

      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), GTK_CHECK_BUTTON (group));
      else
        group = button;
      g_object_set_data (G_OBJECT (button), "quiz", GUINT_TO_POINTER (q));
      g_object_set_data (G_OBJECT (button), "choice", GUINT_TO_POINTER (c));
      g_signal_connect (button, "toggled", G_CALLBACK (on_choice_toggled), self);
      gtk_box_append (GTK_BOX (choices), button);
      g_ptr_array_add (quiz.buttons, button);
    }
  gtk_box_append (self->quizzes_box, choices);

  quiz.result = GTK_LABEL (wrapped_label (NULL));
  gtk_widget_set_visible (GTK_WIDGET (quiz.result), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (quiz.result), "quiz-result");
  gtk_box_append (self->quizzes_box, GTK_WIDGET (quiz.result));
  g_array_append_val (self->quizzes, quiz);
}

/* A new scenario: its quizzes with no prediction made. */
void
awaitlab_quiz_banner_set_scenario (AwaitlabQuizBanner *self,
                                   AwlScenario        *scenario)
{
  const AwlScenarioQuiz *quizzes = NULL;
  GtkWidget *child;
  guint n = 0;

  g_return_if_fail (AWAITLAB_IS_QUIZ_BANNER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quizzes_box))))
    gtk_box_remove (self->quizzes_box, child);
  g_array_set_size (self->quizzes, 0);
  self->revealed = FALSE;
  gtk_widget_set_visible (self->hint, TRUE);
  gtk_widget_set_visible (self->reveal_button, TRUE);
  gtk_widget_set_visible (self->ask_again_button, FALSE);

  if (scenario != NULL)
    awl_scenario_ref (scenario);
  g_clear_pointer (&self->scenario, awl_scenario_unref);
  self->scenario = scenario;

  if (scenario != NULL)
    quizzes = awl_scenario_get_quizzes (scenario, &n);
  for (guint q = 0; q < n; q++)
    add_quiz (self, q, &quizzes[q]);
  gtk_revealer_set_reveal_child (self->revealer, n > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARMED]);
}

/* The verdict is computed from the run being shown: its knobs pick the right
 * choice (`@answer-when`), so a knob that flips the outcome flips the verdict. */
static void
reveal (AwaitlabQuizBanner    *self,
        guint                  q,
        const AwlScenarioQuiz *source,
        gboolean               at_end)
{
  Quiz *quiz = &g_array_index (self->quizzes, Quiz, q);
  guint answer = awl_scenario_quiz_answer (self->scenario, q, self->knobs);
  const char *why = answer == source->answer && source->why ? source->why : "";
  const char *right = source->choices[answer];
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (quiz->result), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (quiz->result), "error");
  if (quiz->answer < 0)
    text = g_strdup_printf (_("The answer: %s. %s"), right, why);
  else if ((guint)quiz->answer == answer)
    {
      text = g_strdup_printf (_("✓ Your prediction held: %s. %s"), right, why);
      gtk_widget_add_css_class (GTK_WIDGET (quiz->result), "success");
    }
  else
    {
      text = g_strdup_printf (_("✗ You predicted “%s”, but the answer is: %s. %s"),
                              source->choices[quiz->answer], right, why);
      gtk_widget_add_css_class (GTK_WIDGET (quiz->result), "error");
    }
  gtk_label_set_text (quiz->result, text);
  gtk_widget_set_visible (GTK_WIDGET (quiz->result), at_end);
}

static void
reveal_all (AwaitlabQuizBanner *self,
            gboolean            revealed)
{
  const AwlScenarioQuiz *quizzes;
  gboolean changed = self->revealed != !!revealed;
  guint n = 0;

  if (self->scenario == NULL || self->quizzes->len == 0)
    return;
  self->revealed = !!revealed;
  gtk_widget_set_visible (self->hint, !revealed);
  gtk_widget_set_visible (self->reveal_button, !revealed);
  gtk_widget_set_visible (self->ask_again_button, revealed);
  if (revealed)
    gtk_revealer_set_reveal_child (self->revealer, TRUE);

  quizzes = awl_scenario_get_quizzes (self->scenario, &n);
  for (guint q = 0; q < n && q < self->quizzes->len; q++)
    reveal (self, q, &quizzes[q], revealed);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARMED]);
}

/* Reaching the end of the run commits the prediction: the answers show and
 * stay until "Ask again". */
void
awaitlab_quiz_banner_set_at_end (AwaitlabQuizBanner *self,
                                 gboolean            at_end)
{
  g_return_if_fail (AWAITLAB_IS_QUIZ_BANNER (self));

  if (at_end && !self->revealed)
    reveal_all (self, TRUE);
}

/* Shows the answers now, as the Reveal button does. */
void
awaitlab_quiz_banner_reveal (AwaitlabQuizBanner *self)
{
  g_return_if_fail (AWAITLAB_IS_QUIZ_BANNER (self));

  if (!self->revealed)
    reveal_all (self, TRUE);
}

/* Re-arms the quizzes: no prediction, nothing revealed. */
void
awaitlab_quiz_banner_ask_again (AwaitlabQuizBanner *self)
{
  g_return_if_fail (AWAITLAB_IS_QUIZ_BANNER (self));

  for (guint q = 0; q < self->quizzes->len; q++)
    {
      Quiz *quiz = &g_array_index (self->quizzes, Quiz, q);

      quiz->answer = -1;
      for (guint c = 0; c < quiz->buttons->len; c++)
        gtk_check_button_set_active (g_ptr_array_index (quiz->buttons, c), FALSE);
    }
  gtk_revealer_set_reveal_child (self->revealer, self->quizzes->len > 0);
  reveal_all (self, FALSE);
}

/* The knobs of the run being shown; a revealed verdict is judged again. */
void
awaitlab_quiz_banner_set_knobs (AwaitlabQuizBanner  *self,
                                const AwlKnobValues *knobs)
{
  g_return_if_fail (AWAITLAB_IS_QUIZ_BANNER (self));

  g_clear_pointer (&self->knobs, awl_knob_values_free);
  if (knobs != NULL)
    self->knobs = awl_knob_values_copy (knobs);
  if (self->revealed)
    {
      self->revealed = FALSE;
      reveal_all (self, TRUE);
    }
}

gboolean
awaitlab_quiz_banner_get_armed (AwaitlabQuizBanner *self)
{
  g_return_val_if_fail (AWAITLAB_IS_QUIZ_BANNER (self), FALSE);
  return self->quizzes->len > 0 && !self->revealed;
}

guint
awaitlab_quiz_banner_get_n_quizzes (AwaitlabQuizBanner *self)
{
  g_return_val_if_fail (AWAITLAB_IS_QUIZ_BANNER (self), 0);
  return self->quizzes->len;
}

/* Clicks the radio button, as a user would. */
void
awaitlab_quiz_banner_answer (AwaitlabQuizBanner *self,
                             guint               quiz,
                             guint               choice)
{
  Quiz *q;

  g_return_if_fail (AWAITLAB_IS_QUIZ_BANNER (self));

  if (quiz >= self->quizzes->len)
    return;
  q = &g_array_index (self->quizzes, Quiz, quiz);
  if (choice < q->buttons->len)
    gtk_check_button_set_active (g_ptr_array_index (q->buttons, choice), TRUE);
}

/* The revealed result of quiz @quiz, or NULL while the run has not ended. */
const char *
awaitlab_quiz_banner_get_result (AwaitlabQuizBanner *self,
                                 guint               quiz)
{
  GtkLabel *result;

  g_return_val_if_fail (AWAITLAB_IS_QUIZ_BANNER (self), NULL);

  if (quiz >= self->quizzes->len)
    return NULL;
  result = g_array_index (self->quizzes, Quiz, quiz).result;
  return gtk_widget_get_visible (GTK_WIDGET (result)) ? gtk_label_get_text (result) : NULL;
}
