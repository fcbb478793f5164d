/* test-teach.c
 *
 * The teaching features under Xvfb, on the real .Result deadlock scenario
 * (31-result-deadlock-ui.csx, knob ConfigureAwaitFalse): a knob flips the
 * outcome, compare mode shows both outcomes, the edit/error/fix cycle, the
 * unsaved-changes prompt and saving, a quiz answered right and wrong, the
 * Inspector and the Lints panel.
 */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "awaitlab-screenshot.h"
#include "awaitlab-window-private.h"
#include "ui-test-support.h"

#define MS(x) ((gint64)(x) * 1000000)
#define RESULT_DEADLOCK "/org/awaitlab/Awaitlab/scenarios/31-result-deadlock-ui.csx"


/* For looking at the window by eye: AWAITLAB_TEST_SCREENSHOT_DIR=/tmp/shots */
static void
maybe_screenshot (AwaitlabWindow *window,
                  const char     *name)
{
  const char *dir = g_getenv ("AWAITLAB_TEST_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  ui_test_pump (150);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  awaitlab_screenshot_widget (GTK_WIDGET (window), path, &error);
  g_assert_no_error (error);
}

static AwaitlabWindow *
open_deadlock (void)
{
  AwaitlabWindow *window = awaitlab_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  awaitlab_window_open_resource (window, RESULT_DEADLOCK);
  ui_test_settle (window);
  g_assert_nonnull (awaitlab_window_get_document (window));
  g_assert_null (awaitlab_window_get_error_text (window));
  return window;
}

static AwaitlabOutcomeKind
outcome_of (AwaitlabDocument *document)
{
  return awaitlab_timeline_get_outcome (awaitlab_document_get_timeline (document));
}

static void
close_window (AwaitlabWindow *window)
{
  /* Tests leave edits behind on purpose; do not prompt on the way out. */
  gtk_text_buffer_set_modified (awaitlab_code_view_get_buffer (awaitlab_window_get_code_view (window)), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_knob_flips_outcome (void)
{
  AwaitlabWindow *window = open_deadlock ();
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);
  AwaitlabKnobs *knobs = awaitlab_window_get_knobs (window);
  AwaitlabDocument *before = awaitlab_window_get_document (window);

  g_assert_cmpint (outcome_of (before), ==, AWAITLAB_OUTCOME_DEADLOCK);
  g_assert_cmpstr (awaitlab_knobs_get_value (knobs, "ConfigureAwaitFalse"), ==, "false");
  g_assert_cmpstr (awaitlab_knobs_get_value (knobs, "environment"), ==, "ui");

  awaitlab_playback_seek_time (playback, MS (150));
  g_assert_cmpint (awaitlab_playback_get_time (playback), ==, MS (150));

  /* Flip the switch: the run happens again, off the main thread. */
  g_assert_true (awaitlab_knobs_set_value (knobs, "ConfigureAwaitFalse", "true"));
  g_assert_true (awaitlab_window_get_busy (window));
  ui_test_settle (window);

  g_assert_true (awaitlab_window_get_document (window) != before);
  g_assert_cmpint (outcome_of (awaitlab_window_get_document (window)), ==, AWAITLAB_OUTCOME_COMPLETED);
  g_assert_cmpstr (awl_knob_values_get (awaitlab_document_get_knobs (awaitlab_window_get_document (window)), "ConfigureAwaitFalse"), ==, "true");
  /* The playhead stayed at the same virtual time. */
  g_assert_cmpint (awaitlab_playback_get_time (playback), ==, MS (150));

  /* An environment knob: console has no context, so no deadlock either. */
  g_assert_true (awaitlab_knobs_set_value (knobs, "ConfigureAwaitFalse", "false"));
  ui_test_settle (window);
  g_assert_cmpint (outcome_of (awaitlab_window_get_document (window)), ==, AWAITLAB_OUTCOME_DEADLOCK);
  g_assert_true (awaitlab_knobs_set_value (knobs, "environment", "console"));
  ui_test_settle (window);
  g_assert_cmpint (outcome_of (awaitlab_window_get_document (window)), ==, AWAITLAB_OUTCOME_COMPLETED);

  close_window (window);
}

static void
test_compare_both_outcomes (void)
{
  AwaitlabWindow *window = open_deadlock ();
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);
  AwaitlabDocument *b;
  const char *summary;

  awaitlab_window_set_compare (window, TRUE);
  ui_test_settle (window);

  b = awaitlab_window_get_document_b (window);
  g_assert_nonnull (b);
  g_assert_cmpint (outcome_of (awaitlab_window_get_document (window)), ==, AWAITLAB_OUTCOME_DEADLOCK);
  g_assert_cmpint (outcome_of (b), ==, AWAITLAB_OUTCOME_COMPLETED);
  g_assert_cmpstr (awl_knob_values_get (awaitlab_document_get_knobs (b), "ConfigureAwaitFalse"), ==, "true");

  summary = awaitlab_window_get_compare_summary (window);
  g_assert_nonnull (strstr (summary, "outcome: A deadlock  ·  B completed"));
  g_assert_nonnull (strstr (summary, "GetDataAsync after await 0: A never resumed  ·  B Pool-1 (inline)"));

  /* Playheads are synchronised. */
  awaitlab_playback_seek_time (playback, MS (150));
  g_assert_cmpint (awaitlab_timeline_view_get_playhead (awaitlab_window_get_timeline_view (window)), ==, MS (150));
  g_assert_cmpint (awaitlab_timeline_view_get_playhead (awaitlab_window_get_timeline_view_b (window)), ==, MS (150));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
  g_assert_cmpint (awaitlab_timeline_view_get_playhead (awaitlab_window_get_timeline_view_b (window)), ==,
                   awaitlab_playback_get_time (playback));

  /* Editing B's knobs re-runs only B. */
  awaitlab_window_select_knob_side (window, TRUE);
  g_assert_cmpstr (awaitlab_knobs_get_value (awaitlab_window_get_knobs (window), "ConfigureAwaitFalse"), ==, "true");
  awaitlab_knobs_set_value (awaitlab_window_get_knobs (window), "ConfigureAwaitFalse", "false");
  ui_test_settle (window);
  g_assert_cmpint (outcome_of (awaitlab_window_get_document_b (window)), ==, AWAITLAB_OUTCOME_DEADLOCK);
  g_assert_nonnull (strstr (awaitlab_window_get_compare_summary (window), "No difference"));

  awaitlab_window_set_compare (window, FALSE);
  g_assert_null (awaitlab_window_get_document_b (window));
  close_window (window);
}

static void
replace_text (AwaitlabWindow *window,
              const char     *from,
              const char     *to)
{
  AwaitlabCodeView *code = awaitlab_window_get_code_view (window);
  GtkTextBuffer *buffer = awaitlab_code_view_get_buffer (code);
  g_autofree char *text = awaitlab_code_view_dup_text (code);
  g_autoptr(GString) s = g_string_new (text);
  GtkTextIter begin, end;

  g_assert_nonnull (strstr (text, from));
  g_string_replace (s, from, to, 1);
  /* As typing does: a user action on the buffer, which marks it modified. */
  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &begin, &end);
  gtk_text_buffer_get_start_iter (buffer, &begin);
  gtk_text_buffer_insert (buffer, &begin, s->str, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static void
test_edit_error_fix (void)
{
  AwaitlabWindow *window = open_deadlock ();
  AwaitlabDocument *before = awaitlab_window_get_document (window);

  g_assert_cmpuint (awaitlab_window_get_n_problems (window), ==, 0);

  /* Introduce an error: the run is refused, the error is underlined and listed. */
  replace_text (window, "string data = GetDataAsync().Result;", "string data = GetDataAsync().Result +;");
  g_assert_true (awaitlab_window_is_modified (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  ui_test_settle (window);
  g_assert_cmpuint (awaitlab_window_get_n_problems (window), >=, 1);
  g_assert_true (awaitlab_window_get_document (window) == before);
  maybe_screenshot (window, "edit-error");

  /* Fix it, in a way that changes the outcome: await instead of blocking. */
  replace_text (window, "string data = GetDataAsync().Result +;", "string data = GetDataAsync().GetAwaiter().GetResult();");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (awaitlab_window_get_busy (window));
  ui_test_settle (window);
  g_assert_cmpuint (awaitlab_window_get_n_problems (window), ==, 0);
  g_assert_true (awaitlab_window_get_document (window) != before);
  g_assert_nonnull (strstr (awaitlab_document_get_source (awaitlab_window_get_document (window)), "GetAwaiter().GetResult()"));
  /* Running is not saving. */
  g_assert_true (awaitlab_window_is_modified (window));

  close_window (window);
}

static void
test_unsaved_prompt (void)
{
  AwaitlabWindow *window = open_deadlock ();
  AwaitlabDocument *before = awaitlab_window_get_document (window);
  g_autofree char *dir = g_dir_make_tmp ("awaitlab-teach-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "copy.csx", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-dir", "x.csx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autofree char *saved = NULL;
  GtkWidget *dialog;

  replace_text (window, "// blocks the UI thread", "// edited");
  g_assert_true (awaitlab_window_is_modified (window));

  /* Switching away asks first; Cancel keeps everything. */
  g_assert_true (awaitlab_window_open_question (window, 4));
  dialog = awaitlab_window_get_confirm_dialog (window);
  g_assert_nonnull (dialog);
  ui_test_pump (150);
  g_assert_false (awaitlab_window_get_busy (window));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ui_test_settle (window);
  g_assert_true (awaitlab_window_get_document (window) == before);
  g_assert_true (awaitlab_window_is_modified (window));

  /* Closing asks too. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_nonnull (awaitlab_window_get_confirm_dialog (window));
  ui_test_pump (150);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (awaitlab_window_get_confirm_dialog (window)), "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* A failed save says why and loses nothing. */
  g_assert_false (awaitlab_window_save_to (window, bad_file));
  g_assert_nonnull (awaitlab_window_get_error_dialog (window));
  g_assert_nonnull (strstr (awaitlab_window_get_error_text (window), "no-such-dir"));
  g_assert_true (awaitlab_window_is_modified (window));
  ui_test_pump (150);
  gtk_window_destroy (GTK_WINDOW (awaitlab_window_get_error_dialog (window)));

  /* Save writes the edited text (the built-in scenario stays untouched). */
  g_assert_true (awaitlab_window_save_to (window, file));
  g_assert_false (awaitlab_window_is_modified (window));
  g_assert_true (g_file_equal (awaitlab_window_get_file (window), file));
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "// edited"));

  /* Edit again, then Discard: the other question opens. */
  replace_text (window, "// edited", "// edited twice");
  g_assert_true (awaitlab_window_open_question (window, 4));
  ui_test_pump (150);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (awaitlab_window_get_confirm_dialog (window)), "discard");
  ui_test_settle (window);
  g_assert_true (awaitlab_window_get_document (window) != before);
  g_assert_false (awaitlab_window_is_modified (window));
  g_assert_null (awaitlab_window_get_file (window));

  g_unlink (path);
  g_rmdir (dir);
  close_window (window);
}

/* Compare mode fits in the window as it is: at 900×700 neither turning it
 * on nor off changes the window's size. */
static void
test_compare_keeps_window_size (void)
{
  AwaitlabWindow *window = awaitlab_window_new (NULL);
  int width, height, divider;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  awaitlab_window_open_resource (window, RESULT_DEADLOCK);
  ui_test_settle (window);
  ui_test_pump (150);
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  /* 900×700 less what the toplevel keeps for its frame. */
  g_assert_cmpint (ABS (width - 900), <=, 20);
  g_assert_cmpint (ABS (height - 700), <=, 20);
  divider = gtk_paned_get_position (window->vpaned);

  awaitlab_window_set_compare (window, TRUE);
  ui_test_settle (window);
  ui_test_pump (150);
  g_assert_true (awaitlab_workspace_get_compare (window->workspace));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);
  maybe_screenshot (window, "compare-900x700");
  /* Each compared timeline is tall enough to read its lanes, and the code
   * still shows a few lines. */
  {
    GtkWidget *a = gtk_widget_get_ancestor (GTK_WIDGET (awaitlab_window_get_timeline_view (window)),
                                            GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *b = gtk_widget_get_ancestor (GTK_WIDGET (window->timeline_view_b), GTK_TYPE_SCROLLED_WINDOW);

    g_test_message ("compared timelines: %d and %d px; code %d px", gtk_widget_get_height (a),
                    gtk_widget_get_height (b), gtk_widget_get_height (GTK_WIDGET (awaitlab_window_get_code_view (window))));
    g_assert_cmpint (gtk_widget_get_height (a), >=, 150);
    g_assert_cmpint (gtk_widget_get_height (b), >=, 150);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (awaitlab_window_get_code_view (window))), >=, 80);
  }

  awaitlab_window_set_compare (window, FALSE);
  ui_test_settle (window);
  ui_test_pump (150);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);
  /* Everything Compare moved is back. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->queues_view)));
  g_assert_cmpint (gtk_paned_get_position (window->vpaned), ==, divider);

  close_window (window);
}

static void
test_quiz_right_and_wrong (void)
{
  AwaitlabWindow *window = open_deadlock ();
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);
  const AwlScenarioQuiz *quizzes;
  guint n, wrong;

  quizzes = awl_scenario_get_quizzes (awaitlab_document_get_scenario (awaitlab_window_get_document (window)), &n);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (awaitlab_window_get_n_quizzes (window), ==, n);
  g_assert_cmpstr (quizzes[0].choices[quizzes[0].answer], ==, "No, it deadlocks");
  wrong = quizzes[0].answer == 0 ? 1 : 0;

  /* Asked before playing: nothing is revealed yet. */
  g_assert_null (awaitlab_window_get_quiz_result (window, 0));

  awaitlab_window_answer_quiz (window, 0, quizzes[0].answer);
  awaitlab_playback_seek_end (playback);
  g_assert_nonnull (awaitlab_window_get_quiz_result (window, 0));
  g_assert_true (g_str_has_prefix (awaitlab_window_get_quiz_result (window, 0), "✓ Your prediction held"));
  g_assert_nonnull (strstr (awaitlab_window_get_quiz_result (window, 0), quizzes[0].why));

  /* Back to the start keeps it (committed) until "Ask again"; a wrong
   * prediction is told so, with the answer. */
  awaitlab_playback_seek_start (playback);
  g_assert_nonnull (awaitlab_window_get_quiz_result (window, 0));
  awaitlab_quiz_banner_ask_again (window->quiz_banner);
  g_assert_null (awaitlab_window_get_quiz_result (window, 0));
  awaitlab_window_answer_quiz (window, 0, wrong);
  awaitlab_playback_seek_end (playback);
  g_assert_true (g_str_has_prefix (awaitlab_window_get_quiz_result (window, 0), "✗ You predicted"));
  maybe_screenshot (window, "quiz-wrong");
  g_assert_nonnull (strstr (awaitlab_window_get_quiz_result (window, 0), "No, it deadlocks"));

  close_window (window);
}

static void
test_inspector_and_lints (void)
{
  AwaitlabWindow *window = open_deadlock ();
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);
  AwaitlabInspector *inspector = awaitlab_window_get_inspector (window);
  AwlTrace *trace = awaitlab_document_get_trace (awaitlab_window_get_document (window));
  const AwlLint *lints;
  g_autofree char *text = NULL;
  guint n;

  awaitlab_window_set_inspector_visible (window, TRUE);
  awaitlab_playback_seek_time (playback, MS (150));
  text = awaitlab_inspector_dup_text (inspector);
  /* The UI thread blocked in .Result; GetDataAsync suspended at its await. */
  g_assert_nonnull (strstr (text, "blocked: task wait on Task 1 (GetDataAsync)"));
  g_assert_nonnull (strstr (text, "Button_Click line 53"));
  g_assert_nonnull (strstr (text, "GetDataAsync (state 0, line 47)"));
  g_assert_nonnull (strstr (text, "I/O in flight"));
  g_assert_cmpstr (awaitlab_inspector_get_method (inspector), ==, "GetDataAsync");
  g_assert_nonnull (strstr (text, "suspended in state 0"));
  g_assert_nonnull (strstr (text, "State 0 · await at line 47 ◀ now"));
  g_clear_pointer (&text, g_free);

  /* At the end the continuation sits in the UI queue, never run. */
  awaitlab_playback_seek_end (playback);
  text = awaitlab_inspector_dup_text (inspector);
  g_assert_nonnull (strstr (text, "UI message queue"));

  /* Lints: each listed; activating one jumps playhead and code. */
  lints = awl_trace_get_lints (trace, &n);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (awaitlab_window_get_n_lints (window), ==, n);
  awaitlab_playback_seek_start (playback);
  awaitlab_window_activate_lint (window, 0);
  g_assert_cmpint (awaitlab_playback_get_time (playback), ==, lints[0].time);
  g_assert_cmpuint (awaitlab_code_view_get_highlight (awaitlab_window_get_code_view (window)), ==, lints[0].line);

  close_window (window);
}

/* The 1-based line of a scenario resource that contains NEEDLE, so that the
 * assertions follow the scenario when its text is edited. */
static guint
line_of (const char *path,
         const char *needle)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (bytes);
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      return i + 1;
  g_assert_not_reached ();
  return 0;
}

static AwaitlabWindow *
open_scenario (const char *path)
{
  AwaitlabWindow *window = awaitlab_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  awaitlab_window_open_resource (window, path);
  ui_test_settle (window);
  g_assert_nonnull (awaitlab_window_get_document (window));
  g_assert_null (awaitlab_window_get_error_text (window));
  awaitlab_window_set_inspector_visible (window, TRUE);
  return window;
}

static void
test_inspector_sync_objects (void)
{
  AwaitlabWindow *window;
  AwaitlabPlayback *playback;
  AwaitlabInspector *inspector;
  g_autofree char *text = NULL;
  char *expected_line;

  /* Question 44: two photos hold the slots, four wait asynchronously (no thread held). */
  window = open_scenario ("/org/awaitlab/Awaitlab/scenarios/44-semaphore-throttle.csx");
  playback = awaitlab_window_get_playback (window);
  inspector = awaitlab_window_get_inspector (window);
  awaitlab_playback_seek_time (playback, MS (50));
  text = awaitlab_inspector_dup_text (inspector);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "SemaphoreSlim #"));
  g_assert_nonnull (strstr (text, ", line 55"));
  g_assert_nonnull (strstr (text, "CurrentCount 0 (no maximum); 4 async waiter(s), no thread held: Task "));
  g_assert_null (strstr (text, "blocked in Wait()"));
  g_clear_pointer (&text, g_free);
  /* At the end every slot is back. */
  awaitlab_playback_seek_end (playback);
  text = awaitlab_inspector_dup_text (inspector);
  g_assert_nonnull (strstr (text, "CurrentCount 2 (no maximum); nobody waiting"));
  g_clear_pointer (&text, g_free);
  close_window (window);

  /* Question 21: the CancellationTokenSource is listed before it is canceled. */
  window = open_scenario ("/org/awaitlab/Awaitlab/scenarios/21-cancellation-token-basics.csx");
  playback = awaitlab_window_get_playback (window);
  inspector = awaitlab_window_get_inspector (window);
  awaitlab_playback_seek_time (playback, MS (100));
  text = awaitlab_inspector_dup_text (inspector);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "CancellationTokenSource #"));
  expected_line = g_strdup_printf (", line %u",
                                   line_of ("/org/awaitlab/Awaitlab/scenarios/21-cancellation-token-basics.csx",
                                            "new CancellationTokenSource()"));
  g_assert_nonnull (strstr (text, expected_line));
  g_clear_pointer (&expected_line, g_free);
  g_assert_nonnull (strstr (text, "not canceled; CancelAfter due at 250 ms; 1 registration(s) pending"));
  g_clear_pointer (&text, g_free);
  awaitlab_playback_seek_end (playback);
  text = awaitlab_inspector_dup_text (inspector);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "canceled at 250 ms by its CancelAfter timer (on Pool-"));
  close_window (window);
}

static void
test_new_from_template (void)
{
  AwaitlabWindow *window = awaitlab_window_new (NULL);
  AwaitlabDocument *document;

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
  ui_test_settle (window);

  /* The template runs as it is: a knob, a quiz, an await on a pool thread. */
  document = awaitlab_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_null (awaitlab_window_get_error_text (window));
  g_assert_null (awaitlab_window_get_file (window));
  g_assert_cmpstr (awaitlab_document_get_title (document), ==, "My scenario");
  g_assert_cmpint (outcome_of (document), ==, AWAITLAB_OUTCOME_COMPLETED);
  g_assert_cmpuint (awaitlab_window_get_n_quizzes (window), ==, 1);
  g_assert_cmpstr (awaitlab_knobs_get_value (awaitlab_window_get_knobs (window), "UseConfigureAwait"), ==, "false");

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

  g_test_add_func ("/ui/teach/knob-flips-outcome", test_knob_flips_outcome);
  g_test_add_func ("/ui/teach/compare-both-outcomes", test_compare_both_outcomes);
  g_test_add_func ("/ui/teach/edit-error-fix", test_edit_error_fix);
  g_test_add_func ("/ui/teach/unsaved-prompt-and-save", test_unsaved_prompt);
  g_test_add_func ("/ui/teach/quiz-right-and-wrong", test_quiz_right_and_wrong);
  g_test_add_func ("/ui/teach/compare-keeps-window-size", test_compare_keeps_window_size);
  g_test_add_func ("/ui/teach/inspector-and-lints", test_inspector_and_lints);
  g_test_add_func ("/ui/teach/inspector-sync-objects", test_inspector_sync_objects);
  g_test_add_func ("/ui/teach/new-from-template", test_new_from_template);

  return g_test_run ();
}
