/* test-keys.c
 *
 * Keys and mouse as a person uses them: real X events from xdotool, sent to
 * the window shown in this process, while the test keeps the main loop
 * running. Nothing here calls a handler; the assertions read what the
 * window shows (the N/M step in the status line, the playhead, the text).
 *
 * Runs under Xvfb (build-aux/test, or xvfb-run); skipped without X11 or
 * xdotool.
 */

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <stdlib.h>
#include <string.h>

#include "awaitlab-window-private.h"
#include "awl-bookmarks.h"
#include "ui-test-support.h"

#define Q13 13
#define PUMP_MS 250

static char *xdotool;

static void
pump (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
settle (AwaitlabWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (awaitlab_window_get_busy (window) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_false (awaitlab_window_get_busy (window));
  pump (PUMP_MS);
}

static gulong
xid_of (AwaitlabWindow *window)
{
  return gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
}

/* Runs xdotool with @args (after "xdotool") while the window handles the events. */
static void
xdo (const char * const *args)
{
  ui_test_run_xdotool (xdotool, args);

  /* xdotool has sent everything; a round trip puts every event in our
   * queue, so the next iterations handle them all, however busy the
   * machine is. (Not "iterate until idle": while playing, the frame clock
   * never is.) */
  XSync (gdk_x11_display_get_xdisplay (gdk_display_get_default ()), False);
  pump (PUMP_MS);
}

/* Presses @keys (xdotool names, e.g. "Right", "space", "ctrl+Return"). */
static void
press (AwaitlabWindow *window,
       const char     *keys)
{
  g_autofree char *wid = g_strdup_printf ("%lu", xid_of (window));
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  /* Keys go by XTEST to the focused window, as a keyboard's do; GTK ignores
   * the synthetic events xdotool sends to a window without the focus. */
  g_ptr_array_add (args, "windowfocus");
  g_ptr_array_add (args, "--sync");
  g_ptr_array_add (args, wid);
  g_ptr_array_add (args, "key");
  g_ptr_array_add (args, "--clearmodifiers");
  for (guint i = 0; names[i]; i++)
    g_ptr_array_add (args, names[i]);
  g_ptr_array_add (args, NULL);
  xdo ((const char * const *)args->pdata);
}

/* Clicks @widget at (@x, @y) of its own coordinates. */
static void
click (AwaitlabWindow *window,
       GtkWidget      *widget,
       double          x,
       double          y)
{
  g_autofree char *wid = g_strdup_printf ("%lu", xid_of (window));
  g_autofree char *sx = NULL;
  g_autofree char *sy = NULL;
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (window), &in, &out));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  sx = g_strdup_printf ("%d", (int)(out.x + dx));
  sy = g_strdup_printf ("%d", (int)(out.y + dy));
  {
    const char *args[] = { "mousemove", "--window", wid, sx, sy, "click", "1", NULL };
    xdo (args);
  }
  /* Park the pointer off the window: no hover, no tooltip. */
  {
    const char *args[] = { "mousemove", "1599", "999", NULL };
    xdo (args);
  }
}

static guint
step_of (AwaitlabWindow *window)
{
  return awaitlab_playback_get_event_index (awaitlab_window_get_playback (window));
}

/* The status line reads "N/M  ·  what happened": N is the 1-based step. */
static void
assert_status_step (AwaitlabWindow *window,
                    guint           n)
{
  const char *status = awaitlab_window_get_status_text (window);
  g_autofree char *prefix = g_strdup_printf ("%u/", n);
  guint n_events;

  awaitlab_timeline_get_events (awaitlab_playback_get_timeline (awaitlab_window_get_playback (window)), &n_events);
  g_assert_true (g_str_has_prefix (status, prefix));
  g_assert_cmpint (atoi (strchr (status, '/') + 1), ==, n_events);
}

static gboolean
playing (AwaitlabWindow *window)
{
  return awaitlab_playback_get_playing (awaitlab_window_get_playback (window));
}

static AwaitlabWindow *
open_question (guint number)
{
  AwaitlabWindow *window = awaitlab_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (awaitlab_window_open_question (window, number));
  settle (window);
  g_assert_nonnull (awaitlab_window_get_document (window));
  /* Let the window be mapped and drawn before X events arrive. */
  pump (500);
  return window;
}

static void
close_window (AwaitlabWindow *window)
{
  gtk_text_buffer_set_modified (awaitlab_code_view_get_buffer (awaitlab_window_get_code_view (window)), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  pump (50);
}

/* Stops playback with Space and checks the status followed the playhead. */
static void
assert_space_plays_and_pauses (AwaitlabWindow *window)
{
  guint before = step_of (window);

  g_assert_false (playing (window));
  press (window, "space");
  g_assert_true (playing (window));
  pump (600);
  press (window, "space");
  g_assert_false (playing (window));
  g_assert_cmpuint (step_of (window), >, before);
  assert_status_step (window, step_of (window) + 1);
}

/* As launched: → → then Space. */
static void
test_arrows_then_space (void)
{
  AwaitlabWindow *window = open_question (Q13);

  /* The number opens the scenario named after it, the one with a UI thread. */
  g_assert_cmpstr (awaitlab_document_get_resource_path (awaitlab_window_get_document (window)), ==,
                   "/org/awaitlab/Awaitlab/scenarios/13-context-ui-thread.csx");
  g_assert_cmpuint (step_of (window), ==, 0);
  assert_status_step (window, 1);
  press (window, "Right Right");
  g_assert_cmpuint (step_of (window), ==, 2);
  assert_status_step (window, 3);
  press (window, "Left");
  assert_status_step (window, 2);
  press (window, "Right");
  assert_space_plays_and_pauses (window);

  press (window, "End");
  g_assert_true (awaitlab_playback_is_at_end (awaitlab_window_get_playback (window)));
  press (window, "Home");
  g_assert_cmpuint (step_of (window), ==, 0);
  close_window (window);
}

/* After clicking into the timeline (a lane, not the ruler). */
static void
test_keys_after_clicking_timeline (void)
{
  AwaitlabWindow *window = open_question (Q13);
  GtkWidget *timeline = GTK_WIDGET (awaitlab_window_get_timeline_view (window));

  click (window, timeline, gtk_widget_get_width (timeline) / 2.0, 60);
  g_assert_true (gtk_widget_has_focus (timeline));
  g_assert_cmpuint (step_of (window), ==, 0);
  press (window, "Right Right");
  assert_status_step (window, 3);
  assert_space_plays_and_pauses (window);
  close_window (window);
}

/* In the code view Space types; Escape hands the keys back. */
static void
test_code_view_then_escape (void)
{
  AwaitlabWindow *window = open_question (Q13);
  AwaitlabCodeView *code = awaitlab_window_get_code_view (window);
  GtkTextBuffer *buffer = awaitlab_code_view_get_buffer (code);
  g_autofree char *before = awaitlab_code_view_dup_text (code);
  g_autofree char *after = NULL;

  click (window, GTK_WIDGET (code), 200, 40);
  g_assert_false (awaitlab_window_is_modified (window));
  press (window, "space Right");
  after = awaitlab_code_view_dup_text (code);
  g_assert_cmpuint (strlen (after), ==, strlen (before) + 1);
  g_assert_true (gtk_text_buffer_get_modified (buffer));
  g_assert_false (playing (window));
  g_assert_cmpuint (step_of (window), ==, 0);

  press (window, "Escape");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (awaitlab_window_get_timeline_view (window))));
  press (window, "Right Right");
  assert_status_step (window, 3);
  assert_space_plays_and_pauses (window);
  close_window (window);
}

/* Ctrl+Enter in the code view runs the text and inserts no newline; with the
 * keypad's Enter too. */
static void
test_ctrl_enter_in_code_view (void)
{
  AwaitlabWindow *window = open_question (Q13);
  AwaitlabCodeView *code = awaitlab_window_get_code_view (window);
  AwaitlabDocument *before = awaitlab_window_get_document (window);
  g_autofree char *text = awaitlab_code_view_dup_text (code);
  g_autofree char *after = NULL;

  click (window, GTK_WIDGET (code), 200, 40);
  press (window, "ctrl+Return");
  settle (window);
  after = awaitlab_code_view_dup_text (code);
  g_assert_cmpstr (after, ==, text);
  g_assert_true (awaitlab_window_get_document (window) != before);

  before = awaitlab_window_get_document (window);
  press (window, "ctrl+KP_Enter");
  settle (window);
  g_clear_pointer (&after, g_free);
  after = awaitlab_code_view_dup_text (code);
  g_assert_cmpstr (after, ==, text);
  g_assert_true (awaitlab_window_get_document (window) != before);
  close_window (window);
}

/* F10 shows and hides the Inspector (GTK would open the main menu). */
static void
test_f10_toggles_inspector (void)
{
  AwaitlabWindow *window = open_question (Q13);
  GtkWidget *inspector = GTK_WIDGET (awaitlab_window_get_inspector (window));

  g_assert_false (gtk_widget_get_visible (inspector));
  press (window, "F10");
  g_assert_true (gtk_widget_get_visible (inspector));
  press (window, "F10");
  g_assert_false (gtk_widget_get_visible (inspector));
  close_window (window);
}

/* Typing "35" then Enter in the search opens question 35. */
static void
test_search_enter_opens_first_result (void)
{
  AwaitlabWindow *window = open_question (Q13);
  g_auto(GStrv) numbers = NULL;
  gboolean found = FALSE;

  press (window, "ctrl+k");
  g_assert_true (GTK_IS_TEXT (gtk_root_get_focus (GTK_ROOT (window))));
  /* One xdotool run: Return arrives well before the entry's delayed
   * search-changed would have filtered. */
  press (window, "3 5 Return");
  settle (window);
  g_test_message ("opened question %s", awaitlab_document_get_questions (awaitlab_window_get_document (window)));
  numbers = g_strsplit (awaitlab_document_get_questions (awaitlab_window_get_document (window)), ", ", -1);
  for (guint i = 0; numbers[i]; i++)
    found |= g_str_equal (numbers[i], "35");
  g_assert_true (found);
  close_window (window);
}

/* A click on the ruler moves the playhead there. */
static void
test_ruler_click_seeks (void)
{
  AwaitlabWindow *window = open_question (Q13);
  AwaitlabTimelineView *view = awaitlab_window_get_timeline_view (window);
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);
  gint64 end = awaitlab_timeline_get_end_time (awaitlab_playback_get_timeline (playback));

  g_assert_cmpint (awaitlab_playback_get_time (playback), ==, 0);
  /* The ruler is the top 30 px; its first few belong to the pane divider's
   * grab area above it, so click its middle. */
  click (window, GTK_WIDGET (view), gtk_widget_get_width (GTK_WIDGET (view)) * 0.75, 20);
  g_assert_cmpint (awaitlab_playback_get_time (playback), >, 0);
  g_assert_cmpint (awaitlab_playback_get_time (playback), <=, end);
  g_assert_cmpuint (step_of (window), >, 0);
  assert_status_step (window, step_of (window) + 1);
  /* And the keys still work from there: ← goes back to an event before the
   * clicked time. */
  {
    gint64 clicked = awaitlab_playback_get_time (playback);

    press (window, "Left");
    g_assert_cmpint (awaitlab_playback_get_time (playback), <, clicked);
  }
  close_window (window);
}

static GtkWidget *
find_scale (GtkWidget *widget)
{
  if (GTK_IS_SCALE (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_scale (c);
      if (found)
        return found;
    }
  return NULL;
}

/* With the scrubber focused → steps one event, not one millisecond;
 * PageDown/PageUp jump further. */
static void
test_scrubber_and_page_keys (void)
{
  AwaitlabWindow *window = open_question (Q13);
  GtkWidget *scale = find_scale (GTK_WIDGET (window));

  g_assert_nonnull (scale);
  gtk_widget_grab_focus (scale);
  press (window, "Right");
  g_assert_cmpuint (step_of (window), ==, 1);
  g_assert_true (gtk_widget_has_focus (scale));

  /* PageDown: the next step that matters (a @note line, the deadlock, the
   * end), as the scenario's bookmark list has it; PageUp: back. */
  {
    AwaitlabDocument *document = awaitlab_window_get_document (window);
    g_autoptr(GArray) marks = awl_bookmarks_collect (awaitlab_document_get_scenario (document),
                                                     awaitlab_document_get_trace (document));
    int next = awl_bookmarks_find_next (marks, 1);
    guint expected;

    g_assert_cmpint (next, >=, 0);
    expected = g_array_index (marks, AwlBookmark, next).event_index;
    press (window, "Page_Down");
    g_assert_cmpuint (step_of (window), ==, expected);
    g_assert_cmpuint (step_of (window), >, 1);
    assert_status_step (window, expected + 1);
    press (window, "Page_Up");
    g_assert_cmpuint (step_of (window), <, expected);
  }
  close_window (window);
}

/* F5: full screen, no sidebar or header bar; PageDown goes to the next
 * bookmark; E hides and shows the explanation; Escape leaves. */
static void
test_f5_presentation (void)
{
  AwaitlabWindow *window = open_question (Q13);
  AwaitlabDocument *document = awaitlab_window_get_document (window);
  g_autoptr(GArray) marks = awl_bookmarks_collect (awaitlab_document_get_scenario (document),
                                                   awaitlab_document_get_trace (document));
  GtkWidget *side = gtk_widget_get_parent (GTK_WIDGET (window->side_stack));
  int next = awl_bookmarks_find_next (marks, 0);
  gint64 until;

  adw_flap_set_reveal_flap (window->flap, TRUE);
  pump (PUMP_MS);
  press (window, "F5");
  /* A window manager answers a fullscreen request a little later. */
  until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (!gtk_window_is_fullscreen (GTK_WINDOW (window)) && g_get_monotonic_time () < until)
    pump (50);
  g_assert_true (awaitlab_window_get_presentation (window));
  /* Full screen is the window manager's to grant; bare Xvfb has none. */
  if (gdk_x11_screen_supports_net_wm_hint (gdk_x11_display_get_screen (gdk_display_get_default ()),
                                           "_NET_WM_STATE_FULLSCREEN"))
    g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  else
    g_test_message ("no window manager: the fullscreen request cannot be granted here");
  g_assert_false (gtk_widget_get_visible (window->header_bar));
  g_assert_false (adw_flap_get_reveal_flap (window->flap));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->side_stack), ==, "explanation");

  g_assert_cmpint (next, >=, 0);
  press (window, "Page_Down");
  g_assert_cmpuint (step_of (window), ==, g_array_index (marks, AwlBookmark, next).event_index);
  g_assert_cmpint (awaitlab_playback_get_time (awaitlab_window_get_playback (window)), ==,
                   g_array_index (marks, AwlBookmark, next).time);

  press (window, "e");
  g_assert_false (gtk_widget_get_visible (side));
  press (window, "e");
  g_assert_true (gtk_widget_get_visible (side));

  press (window, "Escape");
  g_assert_false (awaitlab_window_get_presentation (window));
  g_assert_true (gtk_widget_get_visible (window->header_bar));
  g_assert_true (adw_flap_get_reveal_flap (window->flap));
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* The user's saved layout and speed must not leak into the test. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  ui_test_log_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, "gtk-cursor-blink", FALSE, NULL);

  xdotool = g_find_program_in_path ("xdotool");
  if (xdotool == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("needs xdotool and an X11 display (run under Xvfb)");
      return g_test_run ();
    }

  g_test_add_func ("/ui/keys/arrows-then-space", test_arrows_then_space);
  g_test_add_func ("/ui/keys/after-clicking-timeline", test_keys_after_clicking_timeline);
  g_test_add_func ("/ui/keys/code-view-then-escape", test_code_view_then_escape);
  g_test_add_func ("/ui/keys/ctrl-enter-in-code-view", test_ctrl_enter_in_code_view);
  g_test_add_func ("/ui/keys/f10-toggles-inspector", test_f10_toggles_inspector);
  g_test_add_func ("/ui/keys/search-enter-opens-first-result", test_search_enter_opens_first_result);
  g_test_add_func ("/ui/keys/ruler-click-seeks", test_ruler_click_seeks);
  g_test_add_func ("/ui/keys/scrubber-and-page-keys", test_scrubber_and_page_keys);
  g_test_add_func ("/ui/keys/f5-presentation", test_f5_presentation);

  return g_test_run ();
}
