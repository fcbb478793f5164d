/* test-quiz.c
 *
 * Spoiler-free quizzes under Xvfb: a quiz scenario opened cold shows no
 * answer anywhere (title, transport, explanation, directive header, the
 * timeline right of the playhead); the verdict follows the knobs; "Ask
 * again" arms the quiz again.
 */

#include <adwaita.h>
#include <string.h>

#include "awaitlab-timeline-renderer.h"
#include "awaitlab-window-private.h"
#include "ui-test-support.h"

#define MS(x) ((gint64)(x) * 1000000)


/* Stepping through the first events of an armed quiz shows no `@note` beside the
 * code (a note says what happens next); the playhead goes back to the start. */
static void
assert_no_note_while_armed (AwaitlabWindow *window)
{
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);
  AwaitlabCodeView *code_view = awaitlab_window_get_code_view (window);
  AwaitlabTimeline *timeline = awaitlab_document_get_timeline (awaitlab_window_get_document (window));
  guint n_events = 0;

  awaitlab_timeline_get_events (timeline, &n_events);
  /* Stop two events short of the end: reaching the end reveals the answer. */
  for (guint i = 0; i + 2 < MIN (n_events, 60u); i++)
    {
      awaitlab_playback_step (playback, 1);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (!awaitlab_quiz_banner_get_armed (window->quiz_banner))
        break;
      g_assert_null (awaitlab_code_view_get_note (code_view, NULL));
    }
  awaitlab_playback_seek_start (playback);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Scenarios by question number, or by name where several share a number. */
static AwaitlabWindow *
open_question (guint number)
{
  AwaitlabWindow *window = awaitlab_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  if (number == 35)
    awaitlab_window_open_resource (window, "/org/awaitlab/Awaitlab/scenarios/35-starvation-sync-over-async.csx");
  else
    g_assert_true (awaitlab_window_open_question (window, number));
  ui_test_settle (window);
  ui_test_pump (200);
  g_assert_nonnull (awaitlab_window_get_document (window));
  return window;
}

static void
close_window (AwaitlabWindow *window)
{
  gtk_text_buffer_set_modified (awaitlab_code_view_get_buffer (awaitlab_window_get_code_view (window)), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every line holding @needle is hidden by the folded header. */
static void
assert_lines_hidden (AwaitlabWindow *window,
                     const char     *needle)
{
  AwaitlabCodeView *code = awaitlab_window_get_code_view (window);
  g_autofree char *text = awaitlab_code_view_dup_text (code);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint found = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      {
        g_assert_false (awaitlab_code_view_line_is_visible (code, i + 1));
        found++;
      }
  g_assert_cmpuint (found, >, 0);
}

/* The timeline as drawn on screen, as 8-bit RGBA. */
static guchar *
render_timeline (AwaitlabWindow *window,
                 int            *width,
                 int            *height,
                 gsize          *stride)
{
  GtkWidget *view = GTK_WIDGET (awaitlab_window_get_timeline_view (window));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *data;

  *width = gtk_widget_get_width (view);
  *height = gtk_widget_get_height (view);
  g_assert_cmpint (*width, >, 200);
  g_assert_cmpint (*height, >, 50);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *width, *height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (view)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  if (g_getenv ("AWAITLAB_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/quiz-timeline-%d.png", g_getenv ("AWAITLAB_TEST_SCREENSHOT_DIR"),
                                               (int) (g_get_monotonic_time () % 100000));
      gdk_texture_save_to_png (texture, path);
    }
  *stride = gdk_texture_get_width (texture) * 4;
  data = g_malloc (*stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, data, *stride);
  return data;
}

/* Counts the pixels of columns [x0, x1) below the ruler that are not the
 * background (0.98 grey, or the playhead's own colour excluded by x0). */
static guint
count_drawn (const guchar *data,
             gsize         stride,
             int           x0,
             int           x1,
             int           y0,
             int           y1)
{
  guint drawn = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        const guchar *p = data + y * stride + x * 4;   /* B G R A (cairo order) */

        if (ABS (p[0] - 250) > 3 || ABS (p[1] - 250) > 3 || ABS (p[2] - 250) > 3)
          drawn++;
      }
  return drawn;
}

/* @slack: on the step axis the playhead stands between two instants, a few
 * pixels right of where its time maps; the real axis is exact. */
static void
assert_future_blank (AwaitlabWindow *window,
                     gboolean        expect_blank,
                     int             slack)
{
  AwaitlabTimelineView *view = awaitlab_window_get_timeline_view (window);
  AwaitlabTimelineRenderer *renderer = awaitlab_timeline_view_get_renderer (view);
  AwaitlabTimeRange *range = awaitlab_timeline_view_get_time_range (view);
  AwaitlabTimeline *timeline = awaitlab_document_get_timeline (awaitlab_window_get_document (window));
  gint64 end = awaitlab_timeline_get_end_time (timeline);
  g_autofree guchar *data = NULL;
  int width, height, px, right, ruler_y = 40;
  gsize stride;
  guint future;

  /* A third of the run has played. On the step axis the events at that
   * instant are past too, so the future starts at the next instant (+1 ns). */
  awaitlab_playback_seek_time (awaitlab_window_get_playback (window), end / 3);
  ui_test_pump (200);
  data = render_timeline (window, &width, &height, &stride);
  px = (int) awaitlab_timeline_renderer_time_to_x (renderer,
                                                   awaitlab_time_range_get_begin (range),
                                                   awaitlab_time_range_get_end (range),
                                                   width, end / 3 + 1);
  right = (int) awaitlab_timeline_renderer_time_to_x (renderer,
                                                      awaitlab_time_range_get_begin (range),
                                                      awaitlab_time_range_get_end (range),
                                                      width, end);
  g_assert_cmpint (px + 20, <, right);
  /* Past the playhead's line and its time chip. */
  future = count_drawn (data, stride, px + 12 + slack, MIN (right, width), ruler_y, height);
  g_test_message ("playhead x %d, end x %d, width %d: %u pixels drawn right of the playhead", px, right, width, future);
  if (expect_blank)
    g_assert_cmpuint (future, ==, 0);
  else
    g_assert_cmpuint (future, >, 0);
  /* The past is drawn either way. */
  g_assert_cmpuint (count_drawn (data, stride, (int) awaitlab_timeline_renderer_get_label_width (renderer) + 4,
                                 px - 4, ruler_y, height), >, 0);
}

static void
assert_cold_spoiler_free (guint number)
{
  AwaitlabWindow *window = open_question (number);
  AwaitlabDocument *document = awaitlab_window_get_document (window);
  AwaitlabTimeline *timeline = awaitlab_document_get_timeline (document);
  g_autofree char *end = awaitlab_format_time (awaitlab_timeline_get_end_time (timeline));
  const char *title = adw_window_title_get_title (window->window_title);
  const char *subtitle = adw_window_title_get_subtitle (window->window_title);
  const char *transport = awaitlab_playback_bar_get_time_text (window->playback_bar);

  g_test_message ("Q%u (%s): title “%s”, transport “%s”", number,
                  awaitlab_document_get_title (document), title, transport);
  g_assert_true (awaitlab_quiz_banner_get_armed (window->quiz_banner));
  g_assert_cmpuint (awaitlab_window_get_n_quizzes (window), >, 0);
  g_assert_null (awaitlab_window_get_quiz_result (window, 0));

  /* A neutral title, no topic; the transport shows only the current time. */
  g_assert_null (strstr (title, awaitlab_document_get_title (document)));
  if (awaitlab_document_get_topic (document) != NULL)
    g_assert_null (strstr (subtitle, awaitlab_document_get_topic (document)));
  g_assert_cmpstr (gtk_label_get_text (window->question_label), ==, title);
  g_assert_null (strstr (transport, "/"));
  g_assert_null (strstr (transport, end));
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (window->playback_bar)), ==, 1.0);

  /* No explanation or notes; the header (with @answer and @why) folded away. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->explanation_label)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->notes_box)));
  g_assert_true (awaitlab_code_view_get_header_folded (awaitlab_window_get_code_view (window)));
  assert_lines_hidden (window, "// @answer");
  assert_lines_hidden (window, "// @title");
  assert_no_note_while_armed (window);

  /* Only the past of the timeline is drawn, on either axis. */
  awaitlab_timeline_view_set_axis_mode (awaitlab_window_get_timeline_view (window), AWAITLAB_AXIS_REAL);
  assert_future_blank (window, TRUE, 0);
  awaitlab_timeline_view_set_axis_mode (awaitlab_window_get_timeline_view (window), AWAITLAB_AXIS_STEPS);
  assert_future_blank (window, TRUE, 40);

  /* Revealing brings everything back. */
  awaitlab_playback_seek_end (awaitlab_window_get_playback (window));
  ui_test_pump (200);
  g_assert_false (awaitlab_quiz_banner_get_armed (window->quiz_banner));
  g_assert_nonnull (awaitlab_window_get_quiz_result (window, 0));
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, awaitlab_document_get_title (document));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->explanation_label)));
  g_assert_nonnull (strstr (awaitlab_playback_bar_get_time_text (window->playback_bar), end));
  assert_future_blank (window, FALSE, 40);

  close_window (window);
}

static void
test_cold_q1 (void)
{
  assert_cold_spoiler_free (1);
}

static void
test_cold_q31 (void)
{
  assert_cold_spoiler_free (31);
}

static void
test_cold_q35 (void)
{
  assert_cold_spoiler_free (35);
}

static void
test_verdict_follows_knobs (void)
{
  AwaitlabWindow *window = open_question (31);
  AwaitlabKnobs *knobs = awaitlab_window_get_knobs (window);
  const AwlScenarioQuiz *quiz;
  guint n, deadlocks = G_MAXUINT;

  quiz = awl_scenario_get_quizzes (awaitlab_document_get_scenario (awaitlab_window_get_document (window)), &n);
  for (guint c = 0; c < quiz[0].n_choices; c++)
    if (strstr (quiz[0].choices[c], "deadlocks") != NULL)
      deadlocks = c;
  g_assert_cmpuint (deadlocks, <, quiz[0].n_choices);

  awaitlab_window_answer_quiz (window, 0, deadlocks);
  awaitlab_playback_seek_end (awaitlab_window_get_playback (window));
  g_assert_true (g_str_has_prefix (awaitlab_window_get_quiz_result (window, 0), "✓"));

  /* ConfigureAwait(false): the run completes, so "it deadlocks" is now wrong. */
  g_assert_true (awaitlab_knobs_set_value (knobs, "ConfigureAwaitFalse", "true"));
  ui_test_settle (window);
  g_assert_cmpint (awaitlab_timeline_get_outcome (awaitlab_document_get_timeline (awaitlab_window_get_document (window))),
                   ==, AWAITLAB_OUTCOME_COMPLETED);
  g_assert_true (g_str_has_prefix (awaitlab_window_get_quiz_result (window, 0), "✗"));
  g_assert_nonnull (strstr (awaitlab_window_get_quiz_result (window, 0), "Yes, after 200 ms"));

  /* A console app has no context to deadlock on either. */
  g_assert_true (awaitlab_knobs_set_value (knobs, "ConfigureAwaitFalse", "false"));
  ui_test_settle (window);
  g_assert_true (g_str_has_prefix (awaitlab_window_get_quiz_result (window, 0), "✓"));
  g_assert_true (awaitlab_knobs_set_value (knobs, "environment", "console"));
  ui_test_settle (window);
  g_assert_true (g_str_has_prefix (awaitlab_window_get_quiz_result (window, 0), "✗"));

  close_window (window);
}

static void
test_ask_again (void)
{
  AwaitlabWindow *window = open_question (31);

  awaitlab_window_answer_quiz (window, 0, 0);
  awaitlab_playback_seek_end (awaitlab_window_get_playback (window));
  g_assert_false (awaitlab_quiz_banner_get_armed (window->quiz_banner));
  /* Reaching the end reveals the answer, and the step count (N/M) with it. */
  g_assert_nonnull (strchr (awaitlab_window_get_status_text (window), '/'));

  /* Scrubbing back keeps the answer: it was committed. */
  awaitlab_playback_seek_start (awaitlab_window_get_playback (window));
  g_assert_nonnull (awaitlab_window_get_quiz_result (window, 0));

  awaitlab_quiz_banner_ask_again (window->quiz_banner);
  g_assert_true (awaitlab_quiz_banner_get_armed (window->quiz_banner));
  g_assert_null (awaitlab_window_get_quiz_result (window, 0));
  g_assert_null (strchr (awaitlab_window_get_status_text (window), '/'));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->explanation_label)));
  g_assert_true (awaitlab_code_view_get_header_folded (awaitlab_window_get_code_view (window)));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ui_test_log_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/quiz/cold/q1", test_cold_q1);
  g_test_add_func ("/ui/quiz/cold/q31", test_cold_q31);
  g_test_add_func ("/ui/quiz/cold/q35", test_cold_q35);
  g_test_add_func ("/ui/quiz/verdict-follows-knobs", test_verdict_follows_knobs);
  g_test_add_func ("/ui/quiz/ask-again", test_ask_again);

  return g_test_run ();
}
