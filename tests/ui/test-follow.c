/* test-follow.c
 *
 * One playhead drives everything (under Xvfb): stepping question 1 event by
 * event moves the code view's highlighted line as the code runs, shows each
 * line's @note, and reveals output one line at a time; in question 13 the
 * queues view shows the posted continuation in the UI message queue, animates
 * it there and on to the UI thread, and no longer lists it after the pickup.
 */

#include <adwaita.h>
#include <string.h>

#include "awaitlab-follow.h"
#include "awaitlab-window-private.h"
#include "ui-test-support.h"

#define SCENARIOS "/org/awaitlab/Awaitlab/scenarios/"

static void
pump (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static AwaitlabWindow *
open_scenario (const char *name)
{
  AwaitlabWindow *window = awaitlab_window_new (NULL);
  g_autofree char *path = g_strconcat (SCENARIOS, name, NULL);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  awaitlab_window_open_resource (window, path);
  while ((awaitlab_window_get_busy (window) || awaitlab_window_get_document (window) == NULL) &&
         g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_nonnull (awaitlab_window_get_document (window));
  pump (200);
  return window;
}

static AwlTrace *
trace_of (AwaitlabWindow *window)
{
  AwlTrace *trace = awaitlab_document_get_trace (awaitlab_window_get_document (window));

  g_assert_nonnull (trace);
  return trace;
}

static void
seek_event (AwaitlabWindow *window,
            guint           index)
{
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);

  awaitlab_playback_seek_start (playback);
  awaitlab_playback_step (playback, (int)index);
  g_assert_cmpuint (awaitlab_playback_get_event_index (playback), ==, index);
}

static guint
visible_output_rows (GtkWidget  *list,
                     char      **newest)
{
  guint n = 0;

  *newest = NULL;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_visible (row))
      {
        n++;
        if (gtk_widget_has_css_class (row, "newest"))
          {
            GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
            g_free (*newest);
            *newest = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
          }
      }
  return n;
}

static GtkWidget *
find_output_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "output"))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_output_list (c);
      if (found)
        return found;
    }
  return NULL;
}

/* Question 1, stepped with the playback's step (what ←/→ and the step
 * buttons call): the highlight follows the code, line by line. */
static void
test_q1_highlight_follows (void)
{
  AwaitlabWindow *window = open_scenario ("01-async-method-basics.csx");
  AwaitlabCodeView *code = awaitlab_window_get_code_view (window);
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);
  AwlTrace *trace = trace_of (window);
  static const guint expected[] = { 45, 37, 38, 47, 48, 39 };
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  const AwlEvent *ev;
  guint n, outputs = 0, k = 0;
  gboolean saw_note = FALSE;

  /* Question 1 is a quiz: its notes wait for the answer (tests/ui/test-quiz.c).
   * Here the answer is shown, as after a reveal, so the notes follow the code. */
  awaitlab_quiz_banner_reveal (window->quiz_banner);

  ev = awl_trace_get_events (trace, &n);
  awaitlab_playback_seek_start (playback);
  for (guint i = 0; i < n; i++)
    {
      guint line;

      if (i > 0)
        awaitlab_playback_step (playback, 1);
      g_assert_cmpuint (awaitlab_playback_get_event_index (playback), ==, i);
      line = awaitlab_code_view_get_highlight (code);

      /* Writing a line highlights that line; so does suspending at the await
       * and blocking in GetResult(). */
      if (ev[i].kind == AWL_EVENT_OUTPUT)
        {
          g_assert_cmpuint (line, ==, (guint)ev[i].line);
          outputs++;
        }
      if (ev[i].kind == AWL_EVENT_AWAIT || ev[i].kind == AWL_EVENT_THREAD_STATE)
        if (ev[i].line > 0)
          g_assert_cmpuint (line, ==, (guint)ev[i].line);

      if (line == 37)
        {
          guint note_line = 0;
          const char *note = awaitlab_code_view_get_note (code, &note_line);

          g_assert_nonnull (note);
          g_assert_cmpuint (note_line, ==, 37);
          g_assert_nonnull (strstr (note, "Still on Main"));
          saw_note = TRUE;
        }
      if (line > 0 && (seen->len == 0 || g_array_index (seen, guint, seen->len - 1) != line))
        g_array_append_val (seen, line);
    }
  g_assert_cmpuint (outputs, ==, 5);
  g_assert_true (saw_note);

  /* 45, 37, 38, 47, 48 and then 39, in this order, as the code runs. */
  for (guint i = 0; i < seen->len && k < G_N_ELEMENTS (expected); i++)
    if (g_array_index (seen, guint, i) == expected[k])
      k++;
  g_assert_cmpuint (k, ==, G_N_ELEMENTS (expected));

  /* Stepping back moves the highlight back. */
  for (guint i = 0; i < n; i++)
    if (ev[i].kind == AWL_EVENT_OUTPUT && ev[i].line == 37)
      {
        seek_event (window, i);
        g_assert_cmpuint (awaitlab_code_view_get_highlight (code), ==, 37);
        awaitlab_playback_step (playback, -1);
        g_assert_cmpuint (awaitlab_code_view_get_highlight (code), !=, 37);
      }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Output appears one line per output event, the newest one marked, even when
 * all of them happen at the same virtual time. */
static void
test_q1_output_follows (void)
{
  AwaitlabWindow *window = open_scenario ("01-async-method-basics.csx");
  AwlTrace *trace = trace_of (window);
  GtkWidget *list = find_output_list (GTK_WIDGET (window));
  const AwlEvent *ev;
  guint n, written = 0;

  g_assert_nonnull (list);
  ev = awl_trace_get_events (trace, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *newest = NULL;

      if (ev[i].kind != AWL_EVENT_OUTPUT)
        continue;
      written++;
      seek_event (window, i - 1);
      g_assert_cmpuint (visible_output_rows (list, &newest), ==, written - 1);
      g_clear_pointer (&newest, g_free);
      seek_event (window, i);
      g_assert_cmpuint (visible_output_rows (list, &newest), ==, written);
      g_assert_nonnull (newest);
      g_assert_nonnull (strstr (newest, ev[i].text));
    }
  g_assert_cmpuint (written, ==, 5);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Question 13: the continuation is in the UI queue at the posting step, flies
 * there from the pool thread, then flies to the UI thread and is gone. */
static void
test_q13_queue_handoff (void)
{
  AwaitlabWindow *window = open_scenario ("13-context-ui-thread.csx");
  AwaitlabQueuesView *queues = awaitlab_window_get_queues_view (window);
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);
  AwlTrace *trace = trace_of (window);
  const AwlEvent *ev;
  guint n, post = G_MAXUINT, pickup = G_MAXUINT;

  ev = awl_trace_get_events (trace, &n);
  for (guint i = 0; i < n && pickup == G_MAXUINT; i++)
    {
      if (post == G_MAXUINT && ev[i].kind == AWL_EVENT_QUEUE && ev[i].sub == AWL_QUEUE_UI && ev[i].thread != 0)
        post = i;
      else if (post != G_MAXUINT && ev[i].kind == AWL_EVENT_DEQUEUE && ev[i].sub == AWL_QUEUE_UI &&
               ev[i].b == ev[post].b)
        pickup = i;
    }
  g_assert_cmpuint (post, <, n);
  g_assert_cmpuint (pickup, <, n);

  seek_event (window, post - 1);
  {
    g_autofree char *text = awaitlab_queues_view_dup_text (queues);
    g_assert_null (strstr (text, "UI message queue"));
  }

  /* The posting step. */
  awaitlab_playback_step (playback, 1);
  {
    g_autofree char *text = awaitlab_queues_view_dup_text (queues);
    g_autofree char *flights = awaitlab_queues_view_dup_flights (queues);

    g_assert_nonnull (strstr (text, "UI message queue: ↪ Button_Click"));
    g_assert_nonnull (strstr (flights, "Pool-1 → UI message queue: ↪ Button_Click"));
  }

  /* Up to the pickup it stays queued; at the pickup it moves to the UI thread. */
  while (awaitlab_playback_get_event_index (playback) + 1 < pickup)
    {
      g_autofree char *text = NULL;

      awaitlab_playback_step (playback, 1);
      text = awaitlab_queues_view_dup_text (queues);
      g_assert_nonnull (strstr (text, "UI message queue: ↪ Button_Click"));
    }
  awaitlab_playback_step (playback, 1);
  g_assert_cmpuint (awaitlab_playback_get_event_index (playback), ==, pickup);
  {
    g_autofree char *text = awaitlab_queues_view_dup_text (queues);
    g_autofree char *flights = awaitlab_queues_view_dup_flights (queues);

    g_assert_null (strstr (text, "UI message queue"));
    g_assert_nonnull (strstr (flights, "UI message queue → UI: ↪ Button_Click"));
  }

  /* A frame or two of the animation, for the eye: AWAITLAB_TEST_SCREENSHOT=out.png */
  if (g_getenv ("AWAITLAB_TEST_SCREENSHOT") != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPaintable) paintable = NULL;

      seek_event (window, post - 1);
      awaitlab_playback_step (playback, 1);
      pump (380);
      paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
      {
        g_autoptr(GdkTexture) texture = NULL;
        GtkSnapshot *snapshot = gtk_snapshot_new ();
        g_autoptr(GskRenderNode) node = NULL;
        GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

        gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (window)),
                                gtk_widget_get_height (GTK_WIDGET (window)));
        node = gtk_snapshot_free_to_node (snapshot);
        texture = gsk_renderer_render_texture (renderer, node, NULL);
        g_assert_true (gdk_texture_save_to_png (texture, g_getenv ("AWAITLAB_TEST_SCREENSHOT")));
      }
    }

  /* A jump (back to the start, then 20 events on) shows the state without movement. */
  seek_event (window, post);
  {
    g_autofree char *text = awaitlab_queues_view_dup_text (queues);
    g_autofree char *flights = awaitlab_queues_view_dup_flights (queues);

    g_assert_nonnull (strstr (text, "UI message queue: ↪ Button_Click"));
    g_assert_cmpstr (flights, ==, "");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The follow model on its own: the executing line's thread colour is the
 * lane of the thread that runs it (Pool-1 writes line 39). */
static void
test_q1_step_lane (void)
{
  AwaitlabWindow *window = open_scenario ("01-async-method-basics.csx");
  AwaitlabDocument *document = awaitlab_window_get_document (window);
  AwlTrace *trace = trace_of (window);
  AwaitlabTimeline *timeline = awaitlab_document_get_timeline (document);
  g_autoptr(AwaitlabFollow) follow = awaitlab_follow_new (NULL, NULL, NULL);
  AwaitlabStep step = { 0 };
  const AwlEvent *ev;
  guint n;

  awaitlab_follow_set_run (follow, trace, timeline);
  ev = awl_trace_get_events (trace, &n);
  for (guint i = 0; i < n; i++)
    if (ev[i].kind == AWL_EVENT_OUTPUT && ev[i].line == 39)
      {
        awaitlab_follow_compute (follow, i, &step);
        g_assert_cmpuint (step.line, ==, 39);
        g_assert_cmpint (awaitlab_timeline_get_lane_thread (timeline, step.lane), ==, (int)ev[i].thread);
        g_assert_cmpstr (awaitlab_timeline_get_lane_name (timeline, step.lane), ==, "Pool-1");
        /* Main is blocked at 48 meanwhile: its dot is in the gutter. */
        g_assert_cmpuint (step.marks->len, ==, 2);
      }
  awaitlab_step_clear (&step);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ui_test_log_init ();
  adw_init ();
  /* The queues view animates only when animations are on. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);

  g_test_add_func ("/ui/follow/q1-highlight", test_q1_highlight_follows);
  g_test_add_func ("/ui/follow/q1-output", test_q1_output_follows);
  g_test_add_func ("/ui/follow/q1-step-lane", test_q1_step_lane);
  g_test_add_func ("/ui/follow/q13-queue-handoff", test_q13_queue_handoff);

  return g_test_run ();
}
