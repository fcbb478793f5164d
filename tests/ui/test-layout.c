/* test-layout.c
 *
 * Layouts that hold, under Xvfb: at 900×700, 1280×720, 1600×1000 and
 * 2560×1440, in normal and presentation mode, with the Inspector open and
 * closed, the window keeps the size it was given (no minimum pushes it wider)
 * and every key part (code, side tabs, timeline and its lane names, legend,
 * queues, scrubber, Inspector) is laid out inside it at a usable size. The end
 * of a run (the deadlock outcome, the quiz verdict) moves nothing.
 *
 * AWAITLAB_TEST_SHOTS=DIR keeps a PNG of every layout checked.
 */

#include <adwaita.h>

#include "awaitlab-screenshot.h"
#include "awaitlab-timeline-renderer.h"
#include "awaitlab-window-private.h"
#include "ui-test-support.h"

#define DEADLOCK "/org/awaitlab/Awaitlab/scenarios/31-result-deadlock-ui.csx"

typedef struct
{
  int    width;
  int    height;
  double presentation_scale;   /* at least: presentation draws the timeline this much larger */
} Size;

/* Presentation mode's type and lines follow the window's height (1.5 at 1000 px). */
static const Size sizes[] = {
  { 900, 700, 1.1 },
  { 1280, 720, 1.1 },
  { 1600, 1000, 1.5 },
  { 2560, 1440, 2.1 },
};

/* How far a widget may reach past the window's edge, in pixels. */
#define EDGE 2.0

/* The toplevel keeps a few pixels of the default size for its frame. */
#define FRAME_SLACK 20

static AwaitlabWindow *
open_window (int         width,
             int         height,
             const char *resource)
{
  AwaitlabWindow *window = awaitlab_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  awaitlab_window_open_resource (window, resource);
  ui_test_settle (window);
  g_assert_nonnull (awaitlab_window_get_document (window));
  ui_test_pump (200);
  return window;
}

static void
close_window (AwaitlabWindow *window)
{
  gtk_text_buffer_set_modified (awaitlab_code_view_get_buffer (awaitlab_window_get_code_view (window)), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static graphene_rect_t
bounds_in_window (AwaitlabWindow *window,
                  GtkWidget      *widget)
{
  graphene_rect_t r;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &r));
  return r;
}

/* @widget is drawn, lies wholly inside the window and is at least
 * @min_width × @min_height. */
static void
assert_inside (AwaitlabWindow *window,
               GtkWidget      *widget,
               const char     *what,
               int             min_width,
               int             min_height)
{
  int ww = gtk_widget_get_width (GTK_WIDGET (window));
  int wh = gtk_widget_get_height (GTK_WIDGET (window));
  graphene_rect_t r;

  if (!gtk_widget_get_mapped (widget))
    g_error ("%s is not shown", what);
  r = bounds_in_window (window, widget);
  /* (Adwaita's header bar reaches a pixel into the window's rounded frame.) */
  if (r.origin.x < -EDGE || r.origin.y < -EDGE ||
      r.origin.x + r.size.width > ww + EDGE || r.origin.y + r.size.height > wh + EDGE)
    g_error ("%s at %.0f,%.0f %.0f×%.0f leaves the %d×%d window",
             what, r.origin.x, r.origin.y, r.size.width, r.size.height, ww, wh);
  if (r.size.width < min_width || r.size.height < min_height)
    g_error ("%s is %.0f×%.0f, less than %d×%d", what, r.size.width, r.size.height, min_width, min_height);
}

/* A widget never gets less than it asks for unless its parent clips it. (The
 * allocation, like the measured size, includes margins, borders and padding.) */
static void
assert_not_squeezed (GtkWidget  *widget,
                     const char *what)
{
  int width = gtk_widget_get_allocated_width (widget);
  int height = gtk_widget_get_allocated_height (widget);
  int min_w, min_h;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_h, NULL, NULL, NULL);
  if (width < min_w || height < min_h)
    g_error ("%s has %d×%d but needs %d×%d", what, width, height, min_w, min_h);
}

/* Every tab of the side pane can be reached: as buttons, each one inside the
 * window, or as the drop-down listing all of them. */
static void
assert_side_tabs_reachable (AwaitlabWindow *window)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (window->side_switcher));
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (window->side_stack);
  guint n_pages = g_list_model_get_n_items (G_LIST_MODEL (pages));

  g_assert_cmpuint (n_pages, ==, 4);
  g_assert_nonnull (shown);
  if (shown == GTK_WIDGET (window->side_dropdown))
    {
      assert_inside (window, shown, "the side panel drop-down", 80, 20);
      g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (window->side_dropdown)), ==, n_pages);
      /* Picking in the drop-down shows that page. */
      gtk_drop_down_set_selected (window->side_dropdown, 3);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (window->side_stack), ==, "lints");
      gtk_drop_down_set_selected (window->side_dropdown, 0);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (window->side_stack), ==, "explanation");
    }
  else
    {
      guint n = 0;

      for (GtkWidget *tab = gtk_widget_get_first_child (shown); tab; tab = gtk_widget_get_next_sibling (tab))
        {
          assert_inside (window, tab, "a side tab", 40, 20);
          assert_not_squeezed (tab, "a side tab");
          n++;
        }
      g_assert_cmpuint (n, ==, n_pages);
    }
}

static void
maybe_shot (AwaitlabWindow *window,
            const char     *name)
{
  const char *dir = g_getenv ("AWAITLAB_TEST_SHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  path = g_strdup_printf ("%s/%s.png", dir, name);
  awaitlab_screenshot_widget (GTK_WIDGET (window), path, &error);
  g_assert_no_error (error);
}

static void
check_layout (AwaitlabWindow *window,
              const Size     *size,
              gboolean        inspector,
              gboolean        presentation)
{
  AwaitlabTimelineView *timeline = awaitlab_window_get_timeline_view (window);
  AwaitlabTimelineRenderer *renderer = awaitlab_timeline_view_get_renderer (timeline);
  GtkWidget *scrubber = awaitlab_playback_bar_get_scrubber (window->playback_bar);
  int label_w = (int) awaitlab_timeline_renderer_get_label_width (renderer);
  g_autofree char *name = g_strdup_printf ("%dx%d-%s%s", size->width, size->height,
                                           presentation ? "presentation" : "normal",
                                           inspector ? "-inspector" : "");

  g_test_message ("layout %s", name);
  maybe_shot (window, name);

  /* The window was not pushed wider or taller than it was asked to be. */
  g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - size->width), <=, FRAME_SLACK);
  g_assert_cmpint (ABS (gtk_widget_get_height (GTK_WIDGET (window)) - size->height), <=, FRAME_SLACK);

  /* The code with its line numbers, wide enough to read a line. */
  assert_inside (window, GTK_WIDGET (awaitlab_window_get_code_view (window)), "the code view", 240, 100);
  assert_not_squeezed (GTK_WIDGET (awaitlab_window_get_code_view (window)), "the code view");

  /* The side pane and a way to reach each of its tabs (not in presentation
   * mode with the pane hidden, which it is not by default). */
  assert_inside (window, GTK_WIDGET (window->side_stack), "the side pane", 200, 80);
  assert_side_tabs_reachable (window);

  /* The timeline: its lane names and, beside them, room for the lanes. */
  /* (The timeline scrolls: its viewport is what must fit.) */
  assert_inside (window, gtk_widget_get_ancestor (GTK_WIDGET (timeline), GTK_TYPE_SCROLLED_WINDOW),
                 "the timeline", label_w + 200, 100);
  assert_inside (window, GTK_WIDGET (window->legend), "the legend", label_w + 200, 20);
  assert_inside (window, GTK_WIDGET (window->queues_view), "the queues strip", label_w + 200, 100);

  /* The transport: a scrubber that can be aimed at. */
  assert_inside (window, GTK_WIDGET (window->playback_bar), "the playback bar", 0, 30);
  assert_not_squeezed (GTK_WIDGET (window->playback_bar), "the playback bar");
  assert_inside (window, scrubber, "the scrubber", 120, 10);
  assert_inside (window, GTK_WIDGET (window->status_slot), "the narration", 0, 20);

  if (inspector)
    assert_inside (window, GTK_WIDGET (awaitlab_window_get_inspector (window)), "the Inspector", 300, 300);

  /* The sidebar is there whenever it fits beside the views' minimum. */
  if (!presentation)
    {
      gboolean wide = size->width >= 1280;

      g_assert_cmpint (adw_flap_get_folded (window->flap), ==, !wide);
      if (wide)
        assert_inside (window, GTK_WIDGET (window->sidebar), "the sidebar", 200, 300);
      assert_inside (window, window->header_bar, "the header bar", 0, 30);
    }
  else
    {
      g_assert_false (gtk_widget_get_visible (window->header_bar));
      g_assert_false (adw_flap_get_reveal_flap (window->flap));
    }
}

/* A window larger than the screen is cut to the screen by GTK: such a size is
 * skipped (build-aux/test runs these tests on a 2600×1500 screen). */
static gboolean
screen_holds (const Size *size)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry.width >= size->width && geometry.height >= size->height;
}

static void
test_size (gconstpointer data)
{
  const Size *size = data;
  AwaitlabWindow *window;
  double scale;

  if (!screen_holds (size))
    {
      g_test_skip ("the screen is smaller than the window");
      return;
    }

  window = open_window (size->width, size->height, DEADLOCK);
  awaitlab_playback_seek_end (awaitlab_window_get_playback (window));
  ui_test_pump (150);
  check_layout (window, size, FALSE, FALSE);

  awaitlab_window_set_inspector_visible (window, TRUE);
  ui_test_pump (200);
  check_layout (window, size, TRUE, FALSE);
  /* Beside the views only when both keep their minimum widths. */
  g_assert_cmpint (adw_flap_get_folded (window->inspector_flap), ==, size->width < 1600);

  awaitlab_window_set_inspector_visible (window, FALSE);
  awaitlab_window_set_presentation (window, TRUE);
  ui_test_pump (300);
  check_layout (window, size, FALSE, TRUE);
  scale = awaitlab_timeline_view_get_scale (awaitlab_window_get_timeline_view (window));
  g_assert_cmpfloat (scale, >=, size->presentation_scale);
  g_assert_cmpfloat (scale, <, size->presentation_scale + 0.3);

  awaitlab_window_set_inspector_visible (window, TRUE);
  ui_test_pump (200);
  check_layout (window, size, TRUE, TRUE);

  awaitlab_window_set_presentation (window, FALSE);
  ui_test_pump (150);
  g_assert_cmpfloat (awaitlab_timeline_view_get_scale (awaitlab_window_get_timeline_view (window)), ==, 1.0);
  close_window (window);
}

/* ------------------------------------------------------------------------- */
/* The @note bubble                                                          */

/* Lets the code view finish laying its lines out and placing its note. */
static void
settle_code (AwaitlabWindow *window)
{
  AwaitlabCodeView *code = awaitlab_window_get_code_view (window);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  ui_test_pump (300);
  while (!awaitlab_code_view_get_settled (code) && g_get_monotonic_time () < deadline)
    ui_test_pump (50);
  g_assert_true (awaitlab_code_view_get_settled (code));
  ui_test_pump (150);
}

/* The note covers no code: it lies in its line's range (the text and the gap
 * opened under it), either after the line's end or under its text, and it can
 * be read in the code view. */
static void
assert_note_in_gap (AwaitlabWindow *window,
                    const char     *when)
{
  AwaitlabCodeView *code = awaitlab_window_get_code_view (window);
  graphene_rect_t note, text;
  double next_line_y, note_bottom, text_bottom;
  guint line = 0;

  g_assert_nonnull (awaitlab_code_view_get_note (code, &line));
  g_assert_true (awaitlab_code_view_get_note_geometry (code, &note, &text, &next_line_y));
  note_bottom = note.origin.y + note.size.height;
  text_bottom = text.origin.y + text.size.height;
  g_test_message ("%s: line %u text %.0f..%.0f, next line at %.0f, note %.0f,%.0f %.0f×%.0f", when, line,
                  text.origin.y, text_bottom, next_line_y,
                  note.origin.x, note.origin.y, note.size.width, note.size.height);
  if (note.origin.y < text.origin.y - 1 || note_bottom > next_line_y + 1)
    g_error ("%s: the note (%.0f..%.0f) leaves its line's range %.0f..%.0f and covers other lines",
             when, note.origin.y, note_bottom, text.origin.y, next_line_y);
  if (note.origin.y < text_bottom - 1 && note.origin.x < text.origin.x + text.size.width)
    g_error ("%s: the note (at %.0f,%.0f) covers its own line's text (to %.0f,%.0f)",
             when, note.origin.x, note.origin.y, text.origin.x + text.size.width, text_bottom);
  if (note.origin.y < -1 || note_bottom > gtk_widget_get_height (GTK_WIDGET (code)) + 1)
    g_error ("%s: the note (%.0f..%.0f) is scrolled out of the %d px code view",
             when, note.origin.y, note_bottom, gtk_widget_get_height (GTK_WIDGET (code)));
}

/* Question 31 ends on line 53's note. The note keeps to its gap through the
 * font change of presentation mode and back. */
static void
test_note_in_gap (gconstpointer data)
{
  const Size *size = data;
  AwaitlabWindow *window;
  g_autofree char *normal = g_strdup_printf ("%dx%d normal", size->width, size->height);
  g_autofree char *presentation = g_strdup_printf ("%dx%d presentation", size->width, size->height);

  if (!screen_holds (size))
    {
      g_test_skip ("the screen is smaller than the window");
      return;
    }
  window = open_window (size->width, size->height, DEADLOCK);
  awaitlab_playback_seek_end (awaitlab_window_get_playback (window));
  settle_code (window);
  assert_note_in_gap (window, normal);

  awaitlab_window_set_presentation (window, TRUE);
  settle_code (window);
  assert_note_in_gap (window, presentation);

  awaitlab_window_set_presentation (window, FALSE);
  settle_code (window);
  assert_note_in_gap (window, normal);
  close_window (window);
}

/* ------------------------------------------------------------------------- */
/* The whole outcome                                                         */

/* The outcome fills its slot without an ellipsis, and its button shows the
 * whole text in a popover. */
static void
assert_outcome_whole (AwaitlabWindow *window,
                      const char     *when)
{
  PangoLayout *layout = gtk_label_get_layout (window->outcome_label);
  const char *text = gtk_label_get_text (window->outcome_label);
  GtkPopover *popover = gtk_menu_button_get_popover (window->outcome_more);
  PangoAttrIterator *it;
  PangoAttribute *scale;
  double s = 1.0;

  g_assert_true (awaitlab_window_outcome_visible (window));
  /* A busy machine may take a while to lay the new type out: give it time. */
  for (guint i = 0; i < 50 && pango_layout_is_ellipsized (layout); i++)
    {
      ui_test_pump (100);
      layout = gtk_label_get_layout (window->outcome_label);
    }
  if (pango_layout_get_attributes (layout) != NULL)
    {
      it = pango_attr_list_get_iterator (pango_layout_get_attributes (layout));
      scale = pango_attr_iterator_get (it, PANGO_ATTR_SCALE);
      if (scale != NULL)
        s = ((PangoAttrFloat *) scale)->value;
      pango_attr_iterator_destroy (it);
    }
  g_test_message ("%s: the outcome in %d lines at %.2f of its type", when, pango_layout_get_line_count (layout), s);
  if (pango_layout_is_ellipsized (layout))
    g_error ("%s: the outcome is cut short: %s", when, text);
  assert_inside (window, window->outcome_banner, "the outcome", 200, 20);
  assert_inside (window, GTK_WIDGET (window->outcome_more), "the outcome's button", 16, 16);

  gtk_menu_button_popup (window->outcome_more);
  ui_test_pump (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_cmpstr (gtk_label_get_text (window->outcome_full_label), ==, text);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (window->outcome_full_label)));
  gtk_menu_button_popdown (window->outcome_more);
  ui_test_pump (100);
}

/* Question 31's deadlock outcome is long (three steps of a cycle): at every
 * size, in both modes, it is shown whole. */
static void
test_outcome_whole (gconstpointer data)
{
  const Size *size = data;
  AwaitlabWindow *window;
  g_autofree char *normal = g_strdup_printf ("%dx%d normal", size->width, size->height);
  g_autofree char *presentation = g_strdup_printf ("%dx%d presentation", size->width, size->height);

  if (!screen_holds (size))
    {
      g_test_skip ("the screen is smaller than the window");
      return;
    }
  window = open_window (size->width, size->height, DEADLOCK);
  awaitlab_playback_seek_end (awaitlab_window_get_playback (window));
  ui_test_pump (400);
  g_assert_true (g_str_has_prefix (awaitlab_window_get_outcome_text (window), "Deadlock. The "));
  assert_outcome_whole (window, normal);

  awaitlab_window_set_presentation (window, TRUE);
  ui_test_pump (600);
  assert_outcome_whole (window, presentation);
  close_window (window);
}

/* ------------------------------------------------------------------------- */

typedef struct
{
  const char      *what;
  GtkWidget       *widget;
  graphene_rect_t  before;
} Watched;

static void
assert_unmoved (AwaitlabWindow *window,
                Watched        *watched,
                guint           n,
                const char     *when)
{
  guint moved = 0;

  for (guint i = 0; i < n; i++)
    {
      graphene_rect_t now = bounds_in_window (window, watched[i].widget);

      if (!graphene_rect_equal (&now, &watched[i].before))
        {
          g_test_message ("%s: %s moved from %.0f,%.0f %.0f×%.0f to %.0f,%.0f %.0f×%.0f", when, watched[i].what,
                          watched[i].before.origin.x, watched[i].before.origin.y,
                          watched[i].before.size.width, watched[i].before.size.height,
                          now.origin.x, now.origin.y, now.size.width, now.size.height);
          moved++;
        }
    }
  g_assert_cmpuint (moved, ==, 0);
}

/* Scrubbing onto the last step of question 31 shows the deadlock and reveals
 * the quiz's verdict; stepping back hides the outcome; "Ask again" re-arms the
 * quiz. None of it moves the timeline, the scrubber or anything else a
 * pointer may be on. */
static void
check_banners_at (int width,
                  int height)
{
  AwaitlabWindow *window = open_window (width, height, DEADLOCK);
  AwaitlabPlayback *playback = awaitlab_window_get_playback (window);
  Watched watched[] = {
    { "the timeline", GTK_WIDGET (awaitlab_window_get_timeline_view (window)) },
    { "the scrubber", awaitlab_playback_bar_get_scrubber (window->playback_bar) },
    { "the playback bar", GTK_WIDGET (window->playback_bar) },
    { "the code view", GTK_WIDGET (awaitlab_window_get_code_view (window)) },
    { "the side pane", GTK_WIDGET (window->side_stack) },
    { "the legend", GTK_WIDGET (window->legend) },
    { "the queues strip", GTK_WIDGET (window->queues_view) },
    { "the narration", GTK_WIDGET (window->status_slot) },
  };
  guint n_events;

  g_test_message ("banners at %d×%d", width, height);
  g_assert_cmpuint (awaitlab_window_get_n_quizzes (window), >=, 1);
  g_assert_true (awaitlab_quiz_banner_get_armed (window->quiz_banner));
  awaitlab_timeline_get_events (awaitlab_document_get_timeline (awaitlab_window_get_document (window)), &n_events);
  g_assert_cmpuint (n_events, >, 2);

  /* The step before the end: no outcome, the quiz still waiting. */
  awaitlab_playback_seek_event (playback, n_events - 2);
  ui_test_pump (200);
  g_assert_false (awaitlab_window_outcome_visible (window));
  g_assert_null (awaitlab_window_get_quiz_result (window, 0));
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    watched[i].before = bounds_in_window (window, watched[i].widget);

  awaitlab_playback_seek_end (playback);
  ui_test_pump (200);
  g_assert_true (awaitlab_window_outcome_visible (window));
  g_assert_nonnull (awaitlab_window_get_quiz_result (window, 0));
  maybe_shot (window, width < 1000 ? "banners-900x700-end" : "banners-1600x1000-end");
  assert_unmoved (window, watched, G_N_ELEMENTS (watched), "the outcome and the verdict appeared");

  awaitlab_playback_step (playback, -1);
  ui_test_pump (200);
  g_assert_false (awaitlab_window_outcome_visible (window));
  assert_unmoved (window, watched, G_N_ELEMENTS (watched), "the outcome went away");

  awaitlab_quiz_banner_ask_again (window->quiz_banner);
  ui_test_pump (200);
  g_assert_true (awaitlab_quiz_banner_get_armed (window->quiz_banner));
  assert_unmoved (window, watched, G_N_ELEMENTS (watched), "the quiz was asked again");

  close_window (window);
}

static void
test_banners_do_not_move (void)
{
  check_banners_at (900, 700);
  check_banners_at (1600, 1000);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ui_test_log_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/layout/size/%dx%d", sizes[i].width, sizes[i].height);

      g_test_add_data_func (path, &sizes[i], test_size);
    }
  for (guint i = 2; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/layout/note-in-gap/%dx%d", sizes[i].width, sizes[i].height);

      g_test_add_data_func (path, &sizes[i], test_note_in_gap);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/layout/outcome-whole/%dx%d", sizes[i].width, sizes[i].height);

      g_test_add_data_func (path, &sizes[i], test_outcome_whole);
    }
  g_test_add_func ("/ui/layout/banners-do-not-move", test_banners_do_not_move);

  return g_test_run ();
}
