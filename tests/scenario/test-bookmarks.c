/* test-bookmarks.c: the steps of a run that matter (quizzes, notes, deadlock, end). */

#include <string.h>

#include "awl-bookmarks.h"

static AwlTrace *
run_resource (const char   *file_name,
              AwlScenario **out_scenario)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (AWL_CATALOGUE_RESOURCE_PATH, file_name, NULL);
  g_autoptr(AwlScenario) sc = awl_scenario_new_from_resource (path, &error);
  AwlTrace *trace;

  g_assert_no_error (error);
  trace = awl_scenario_run (sc, NULL, NULL, &error);
  g_assert_no_error (error);
  *out_scenario = g_steal_pointer (&sc);
  return trace;
}

static const AwlBookmark *
mark_at (GArray *marks,
         guint   i)
{
  g_assert_cmpuint (i, <, marks->len);
  return &g_array_index (marks, AwlBookmark, i);
}

static void
assert_in_order (GArray *marks)
{
  for (guint i = 1; i < marks->len; i++)
    g_assert_cmpuint (mark_at (marks, i - 1)->event_index, <=, mark_at (marks, i)->event_index);
}

/* Q1: the quiz first, the four notes in the order they execute (not the order they are
 * written), the last one when the response arrives at 200 ms, then the end. */
static void
test_notes_in_execution_order (void)
{
  g_autoptr(AwlScenario) sc = NULL;
  g_autoptr(AwlTrace) trace = run_resource ("01-async-method-basics.csx", &sc);
  g_autoptr(GArray) marks = awl_bookmarks_collect (sc, trace);
  const int expected_lines[] = { 37, 38, 47, 39 };
  const AwlEvent *events;
  guint n_events;

  events = awl_trace_get_events (trace, &n_events);
  g_assert_cmpuint (marks->len, ==, 6);
  assert_in_order (marks);

  g_assert_cmpint (mark_at (marks, 0)->kind, ==, AWL_BOOKMARK_QUIZ);
  g_assert_cmpuint (mark_at (marks, 0)->event_index, ==, 0);
  g_assert_cmpstr (mark_at (marks, 0)->label, ==, "Quiz: Which line appears first?");

  for (guint i = 0; i < G_N_ELEMENTS (expected_lines); i++)
    {
      const AwlBookmark *m = mark_at (marks, 1 + i);

      g_assert_cmpint (m->kind, ==, AWL_BOOKMARK_NOTE);
      g_assert_cmpint (m->line, ==, expected_lines[i]);
      /* The first event on that line, and none before it. */
      g_assert_cmpint (events[m->event_index].line, ==, m->line);
      for (guint e = 0; e < m->event_index; e++)
        g_assert_cmpint (events[e].line, !=, m->line);
      g_assert_cmpint (m->time, ==, events[m->event_index].time);
    }
  g_assert_cmpint (mark_at (marks, 1)->time, ==, 0);
  g_assert_cmpint (mark_at (marks, 4)->time, >=, AWL_MS (200));
  g_assert_cmpint (mark_at (marks, 4)->time, <=, AWL_MS (202));
  g_assert_true (g_str_has_prefix (mark_at (marks, 4)->label, "L39: 200 ms later"));

  g_assert_cmpint (mark_at (marks, 5)->kind, ==, AWL_BOOKMARK_END);
  g_assert_cmpuint (mark_at (marks, 5)->event_index, ==, n_events - 1);
  g_assert_cmpint (events[n_events - 1].kind, ==, AWL_EVENT_END);
  g_assert_cmpstr (mark_at (marks, 5)->label, ==, "End: completed");
}

/* Q31: the deadlock closes when the continuation is posted to the blocked UI thread at
 * 200 ms; that is after the UI thread blocked and no later than the end. */
static void
test_deadlock_moment (void)
{
  g_autoptr(AwlScenario) sc = NULL;
  g_autoptr(AwlTrace) trace = run_resource ("31-result-deadlock-ui.csx", &sc);
  g_autoptr(GArray) marks = awl_bookmarks_collect (sc, trace);
  const AwlOutcome *outcome = awl_trace_get_outcome (trace);
  const AwlBookmark *deadlock = NULL, *end = NULL, *note50 = NULL;

  g_assert_cmpint (outcome->kind, ==, AWL_OUTCOME_DEADLOCK);
  assert_in_order (marks);
  for (guint i = 0; i < marks->len; i++)
    {
      const AwlBookmark *m = mark_at (marks, i);

      if (m->kind == AWL_BOOKMARK_DEADLOCK)
        deadlock = m;
      else if (m->kind == AWL_BOOKMARK_END)
        end = m;
      else if (m->kind == AWL_BOOKMARK_NOTE && m->line == 50)
        note50 = m;
    }
  g_assert_nonnull (deadlock);
  g_assert_nonnull (end);
  g_assert_nonnull (note50);
  g_assert_true (end == mark_at (marks, marks->len - 1));
  g_assert_cmpuint (deadlock->event_index, >, note50->event_index);
  g_assert_cmpuint (deadlock->event_index, <, end->event_index);
  g_assert_cmpint (deadlock->time, >=, AWL_MS (200));
  g_assert_cmpint (deadlock->time, <=, end->time);
  /* The continuation is posted by a pool thread; the bookmark points at the .Result. */
  g_assert_cmpint (deadlock->line, ==, 50);
  g_assert_cmpstr (deadlock->label, ==, "Deadlock: the UI thread (in Button_Click) blocks in .Result on Task 1…");
  g_assert_cmpuint (g_utf8_strlen (deadlock->label, -1), <=, 73);

  /* The completed run (the knob flipped) has no deadlock bookmark. */
  {
    g_autoptr(AwlKnobValues) knobs = awl_knob_values_new ();
    g_autoptr(AwlTrace) fixed = NULL;
    g_autoptr(GArray) fixed_marks = NULL;

    awl_knob_values_set (knobs, "ConfigureAwaitFalse", "true");
    fixed = awl_scenario_run (sc, knobs, NULL, NULL);
    fixed_marks = awl_bookmarks_collect (sc, fixed);
    for (guint i = 0; i < fixed_marks->len; i++)
      g_assert_cmpint (mark_at (fixed_marks, i)->kind, !=, AWL_BOOKMARK_DEADLOCK);
    g_assert_cmpstr (mark_at (fixed_marks, fixed_marks->len - 1)->label, ==, "End: completed");
  }
}

/* Classic ASP.NET: the request thread blocks at once, but the cycle closes only when
 * the continuation is posted to its request context at 150 ms. */
static void
test_deadlock_request_context (void)
{
  g_autoptr(AwlScenario) sc = NULL;
  g_autoptr(AwlTrace) trace = run_resource ("31-wait-deadlock-aspnet-classic.csx", &sc);
  g_autoptr(GArray) marks = awl_bookmarks_collect (sc, trace);
  const AwlBookmark *deadlock = mark_at (marks, marks->len - 2);

  g_assert_cmpint (deadlock->kind, ==, AWL_BOOKMARK_DEADLOCK);
  g_assert_cmpint (deadlock->time, ==, AWL_MS (150));
  g_assert_cmpint (deadlock->line, ==, 45);
}

static const char unreached_note[] =
  "// @title Notes\n"
  "// @note L13: Never runs.\n"
  "// @note L12: Runs twice, marked once. This note is long enough that its label has to be cut short at a word.\n"
  "// @quiz First?\n// @answer a\n// @choice b\n"
  "// @quiz Second?\n// @answer a\n// @choice b\n"
  "void Main()\n"
  "{\n"
  "    for (int i = 0; i < 2; i++) Console.WriteLine(\"x\");\n"
  "    if (false) Console.WriteLine(\"never\");\n"
  "}\n";

static void
test_unreached_and_labels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = awl_scenario_new_from_text ("notes.csx", unreached_note, &error);
  g_autoptr(AwlTrace) trace = NULL;
  g_autoptr(GArray) marks = NULL;
  const AwlBookmark *note;

  g_assert_no_error (error);
  trace = awl_scenario_run (sc, NULL, NULL, &error);
  g_assert_no_error (error);
  marks = awl_bookmarks_collect (sc, trace);

  /* Two quizzes in file order, one note (line 13 never runs), the end. */
  g_assert_cmpuint (marks->len, ==, 4);
  g_assert_cmpstr (mark_at (marks, 0)->label, ==, "Quiz: First?");
  g_assert_cmpuint (mark_at (marks, 0)->source_index, ==, 0);
  g_assert_cmpstr (mark_at (marks, 1)->label, ==, "Quiz: Second?");
  g_assert_cmpuint (mark_at (marks, 1)->source_index, ==, 1);
  note = mark_at (marks, 2);
  g_assert_cmpint (note->kind, ==, AWL_BOOKMARK_NOTE);
  g_assert_cmpint (note->line, ==, 12);
  g_assert_cmpuint (note->source_index, ==, 1);
  g_assert_true (g_str_has_prefix (note->label, "L12: Runs twice, marked once."));
  g_assert_true (g_str_has_suffix (note->label, "…"));
  g_assert_cmpuint (g_utf8_strlen (note->label, -1), <=, 73);
  /* Cut at a word: the character before the ellipsis ends a word. */
  g_assert_null (strstr (note->label, " …"));
  g_assert_cmpint (mark_at (marks, 3)->kind, ==, AWL_BOOKMARK_END);
  g_assert_cmpstr (awl_bookmark_kind_to_string (AWL_BOOKMARK_DEADLOCK), ==, "deadlock");
}

/* PageDown/PageUp: bookmarks sharing an event are one stop. */
static void
test_next_previous (void)
{
  g_autoptr(AwlScenario) sc = NULL;
  g_autoptr(AwlTrace) trace = run_resource ("01-async-method-basics.csx", &sc);
  g_autoptr(GArray) marks = awl_bookmarks_collect (sc, trace);
  guint last = mark_at (marks, marks->len - 1)->event_index;
  int next;

  next = awl_bookmarks_find_next (marks, 0);
  g_assert_cmpint (next, >, 0);
  g_assert_cmpuint (mark_at (marks, next)->event_index, >, 0);
  g_assert_cmpint (awl_bookmarks_find_next (marks, last), ==, -1);
  g_assert_cmpint (awl_bookmarks_find_previous (marks, 0), ==, -1);
  g_assert_cmpint (awl_bookmarks_find_previous (marks, last), ==, (int) marks->len - 2);
  g_assert_cmpint (awl_bookmarks_find_previous (marks, mark_at (marks, next)->event_index), ==, next - 1);

  /* Walking forward from the start visits every distinct event once, in order. */
  {
    guint at = 0, stops = 0;

    while ((next = awl_bookmarks_find_next (marks, at)) >= 0)
      {
        g_assert_cmpuint (mark_at (marks, next)->event_index, >, at);
        at = mark_at (marks, next)->event_index;
        stops++;
      }
    g_assert_cmpuint (at, ==, last);
    g_assert_cmpuint (stops, >=, 3);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario/bookmarks/notes-in-execution-order", test_notes_in_execution_order);
  g_test_add_func ("/scenario/bookmarks/deadlock-moment", test_deadlock_moment);
  g_test_add_func ("/scenario/bookmarks/deadlock-request-context", test_deadlock_request_context);
  g_test_add_func ("/scenario/bookmarks/unreached-and-labels", test_unreached_and_labels);
  g_test_add_func ("/scenario/bookmarks/next-previous", test_next_previous);

  return g_test_run ();
}
