/* test-window.c
 *
 * The window under Xvfb: play to the end and see the deadlock; step back and
 * forward; search the questions; a malformed file gives an error dialog.
 */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "awaitlab-screenshot.h"
#include "awaitlab-window-private.h"
#include "fake-timeline.h"
#include "ui-test-support.h"

#define MS(x) ((gint64)(x) * 1000000)

static void
wait_until (gboolean (*done) (AwaitlabWindow *), AwaitlabWindow *window, guint seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (window) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
not_loading (AwaitlabWindow *window)
{
  return !awaitlab_window_get_loading (window);
}

static gboolean
not_playing (AwaitlabWindow *window)
{
  return !awaitlab_playback_get_playing (awaitlab_window_get_playback (window));
}

static AwaitlabWindow *
new_window (void)
{
  AwaitlabWindow *window = awaitlab_window_new (NULL);

  /* Wide enough that the sidebar never folds away (it folds below the
   * natural width of the window's content). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1580, 960);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
show_fake (AwaitlabWindow *window)
{
  g_autoptr(AwaitlabTimeline) timeline = fake_deadlock_timeline ();
  g_autoptr(AwaitlabDocument) document = awaitlab_document_new_for_timeline ("Fake", FAKE_SOURCE, timeline);

  awaitlab_window_set_document (window, document);
}

/* The shared assertions for a deadlock played to its end. */
static void
assert_deadlock_at_end (AwaitlabWindow *window)
{
  AwaitlabTimeline *timeline = awaitlab_timeline_view_get_timeline (awaitlab_window_get_timeline_view (window));
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);
  gint64 end = awaitlab_timeline_get_end_time (timeline);
  gboolean ui_blocked = FALSE;

  g_assert_true (awaitlab_playback_is_at_end (playback));
  g_assert_true (awaitlab_window_outcome_visible (window));
  g_assert_nonnull (strstr (awaitlab_window_get_outcome_text (window), "Deadlock"));

  /* The UI lane is blocked at the end and is part of the red cycle. */
  for (guint lane = 0; lane < awaitlab_timeline_get_n_lanes (timeline); lane++)
    {
      const AwaitlabSpan *spans;
      guint n;
      int s;

      if (awaitlab_timeline_get_thread_kind (timeline, lane) != AWAITLAB_THREAD_UI)
        continue;
      s = awaitlab_timeline_find_span (timeline, lane, end - 1);
      spans = awaitlab_timeline_get_spans (timeline, lane, &n);
      g_assert_cmpint (s, >=, 0);
      g_assert_cmpint (spans[s].state, ==, AWAITLAB_SPAN_BLOCKED);
      g_assert_true (awaitlab_timeline_lane_in_cycle (timeline, lane));
      ui_blocked = TRUE;
    }
  g_assert_true (ui_blocked);
}

static void
test_fake_deadlock_play (void)
{
  AwaitlabWindow *window = new_window ();
  AwaitlabPlayback *playback;

  show_fake (window);
  playback = awaitlab_window_get_playback (window);
  g_assert_false (awaitlab_window_outcome_visible (window));

  awaitlab_playback_set_speed (playback, 8);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  g_assert_true (awaitlab_playback_get_playing (playback));
  wait_until (not_playing, window, 20);

  assert_deadlock_at_end (window);

  /* For looking at the result by eye: AWAITLAB_TEST_SCREENSHOT=out.png */
  if (g_getenv ("AWAITLAB_TEST_SCREENSHOT") != NULL)
    {
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);
      awaitlab_screenshot_widget (GTK_WIDGET (window), g_getenv ("AWAITLAB_TEST_SCREENSHOT"), &error);
      g_assert_no_error (error);
    }

  /* The code view marks the blocked UI thread's line (8: .Result). */
  g_assert_cmpuint (awaitlab_code_view_get_n_marks (awaitlab_window_get_code_view (window)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_step_back_forward (void)
{
  AwaitlabWindow *window = new_window ();
  AwaitlabPlayback *playback;

  show_fake (window);
  playback = awaitlab_window_get_playback (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.seek-end", NULL);
  g_assert_true (awaitlab_window_outcome_visible (window));
  g_assert_cmpint (awaitlab_timeline_view_get_playhead (awaitlab_window_get_timeline_view (window)), ==, MS (102));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-back", NULL);
  g_assert_cmpuint (awaitlab_playback_get_event_index (playback), ==, 4);
  g_assert_false (awaitlab_window_outcome_visible (window));
  g_assert_cmpstr (awaitlab_window_get_status_text (window), ==, "5/6  ·  Fake event 4");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.seek-start", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL);
  g_assert_cmpuint (awaitlab_playback_get_event_index (playback), ==, 2);
  g_assert_cmpint (awaitlab_timeline_view_get_playhead (awaitlab_window_get_timeline_view (window)), ==, MS (1));
  /* At 1 ms the UI thread runs GetDataAsync at line 13. */
  awaitlab_timeline_view_set_selected_lane (awaitlab_window_get_timeline_view (window), 0);
  g_assert_cmpuint (awaitlab_code_view_get_highlight (awaitlab_window_get_code_view (window)), ==, 13);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step-back", NULL);
  g_assert_cmpuint (awaitlab_playback_get_event_index (playback), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_search (void)
{
  AwaitlabWindow *window = new_window ();
  guint all = awaitlab_window_count_catalogue_rows (window);

  g_assert_cmpuint (all, >=, 1);

  /* "1" is the hello-world question, present from the first commit on. */
  awaitlab_window_set_search (window, "1");
  g_assert_cmpuint (awaitlab_window_count_catalogue_rows (window), >=, 1);
  g_assert_cmpuint (awaitlab_window_count_catalogue_rows (window), <, all + 1);

  awaitlab_window_set_search (window, "no such words anywhere");
  g_assert_cmpuint (awaitlab_window_count_catalogue_rows (window), ==, 0);

  awaitlab_window_set_search (window, "");
  g_assert_cmpuint (awaitlab_window_count_catalogue_rows (window), ==, all);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_malformed_file (void)
{
  AwaitlabWindow *window = new_window ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("awaitlab-bad-XXXXXX.csx", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "void Main( {{{ \"unterminated\n", -1, &error));
  g_assert_no_error (error);
  close (fd);

  file = g_file_new_for_path (path);
  awaitlab_window_open_file (window, file);
  g_assert_true (awaitlab_window_get_loading (window));
  wait_until (not_loading, window, 20);

  g_assert_false (awaitlab_window_get_loading (window));
  g_assert_nonnull (awaitlab_window_get_error_dialog (window));
  g_assert_nonnull (awaitlab_window_get_error_text (window));
  g_assert_cmpuint (strlen (awaitlab_window_get_error_text (window)), >, 10);
  /* Nothing was shown: the window still offers the question list. */
  g_assert_null (awaitlab_window_get_document (window));

  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_question_result_deadlock (void)
{
  AwaitlabWindow *window = new_window ();

  /* Question 31 opens the scenario named after it: .Result on the UI thread. */
  g_assert_true (awaitlab_window_open_question (window, 31));
  wait_until (not_loading, window, 60);
  g_assert_null (awaitlab_window_get_error_text (window));
  g_assert_nonnull (awaitlab_window_get_document (window));

  awaitlab_playback_set_speed (awaitlab_window_get_playback (window), 8);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.play", NULL);
  wait_until (not_playing, window, 60);
  assert_deadlock_at_end (window);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkPaned *
get_paned (AwaitlabWindow *window,
           const char     *name)
{
  return GTK_PANED (gtk_widget_get_template_child (GTK_WIDGET (window), AWAITLAB_TYPE_WINDOW, name));
}

static void
settle (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The dividers and the sidebar come back as they were left (GSETTINGS_BACKEND
 * is the in-memory one, shared by every GSettings of this process). */
static void
test_layout_restored (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.awaitlab.Awaitlab");
  AwaitlabWindow *window = new_window ();
  AdwFlap *flap;

  show_fake (window);
  settle ();
  flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (window), AWAITLAB_TYPE_WINDOW, "flap"));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_cmpint (gtk_paned_get_position (get_paned (window, "hpaned")), !=, 517);
  g_assert_cmpint (gtk_paned_get_position (get_paned (window, "vpaned")), !=, 293);

  /* Hide the sidebar first: the wider window re-allocates the dividers, which
   * must not race with the positions set below. */
  adw_flap_set_reveal_flap (flap, FALSE);
  settle ();
  gtk_paned_set_position (get_paned (window, "hpaned"), 517);
  gtk_paned_set_position (get_paned (window, "vpaned"), 293);
  settle ();
  g_assert_cmpint (g_settings_get_int (settings, "code-side-position"), ==, 517);
  g_assert_cmpint (g_settings_get_int (settings, "code-timeline-position"), ==, 293);
  g_assert_false (g_settings_get_boolean (settings, "sidebar-visible"));
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  /* Tearing the window down did not overwrite them. */
  g_assert_cmpint (g_settings_get_int (settings, "code-side-position"), ==, 517);
  g_assert_false (g_settings_get_boolean (settings, "sidebar-visible"));

  window = new_window ();
  show_fake (window);
  settle ();
  flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (window), AWAITLAB_TYPE_WINDOW, "flap"));
  g_assert_cmpint (gtk_paned_get_position (get_paned (window, "hpaned")), ==, 517);
  g_assert_cmpint (gtk_paned_get_position (get_paned (window, "vpaned")), ==, 293);
  g_assert_false (adw_flap_get_reveal_flap (flap));

  /* A sidebar folded away by a narrow window is not the user's choice: it is
   * not remembered. */
  adw_flap_set_reveal_flap (flap, TRUE);
  settle ();
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));
  adw_flap_set_fold_policy (flap, ADW_FLAP_FOLD_POLICY_ALWAYS);
  adw_flap_set_reveal_flap (flap, FALSE);
  settle ();
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The other tests start from the defaults. */
  g_settings_reset (settings, "code-side-position");
  g_settings_reset (settings, "code-timeline-position");
  g_settings_reset (settings, "sidebar-visible");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ui_test_log_init ();
  adw_init ();
  /* Revealers and switches settle at once: tests read final states. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/window/deadlock-play-to-end", test_fake_deadlock_play);
  g_test_add_func ("/ui/window/step-back-forward", test_step_back_forward);
  g_test_add_func ("/ui/window/search", test_search);
  g_test_add_func ("/ui/window/malformed-file", test_malformed_file);
  g_test_add_func ("/ui/window/question-31-result-deadlock", test_question_result_deadlock);
  g_test_add_func ("/ui/window/layout-restored", test_layout_restored);

  return g_test_run ();
}
