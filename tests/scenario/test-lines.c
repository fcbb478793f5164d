/* test-lines.c
 *
 * Line attribution: at every event of a run, each thread's stack in
 * awl_trace_state_at() names the line that thread is executing, and the
 * caller frames keep the line of their call. The code view, the gutter and
 * the Inspector all read these lines, so they agree only if these are right.
 */

#include "awl-scenario.h"

#define SCENARIOS "/org/awaitlab/Awaitlab/scenarios/"

static AwlTrace *
run_builtin (const char *name)
{
  g_autofree char *path = g_strconcat (SCENARIOS, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlScenario) sc = awl_scenario_new_from_resource (path, &error);
  AwlTrace *trace;

  g_assert_no_error (error);
  trace = awl_scenario_run (sc, NULL, NULL, &error);
  g_assert_no_error (error);
  return trace;
}

static const AwlStateThread *
state_thread (const AwlState *state,
              guint           id)
{
  for (guint i = 0; i < state->threads->len; i++)
    {
      const AwlStateThread *t = g_ptr_array_index (state->threads, i);

      if (t->id == id)
        return t;
    }
  return NULL;
}

static const AwlStateFrame *
frame_at (const AwlStateThread *t,
          guint                 depth)
{
  g_assert_cmpuint (t->stack->len, >, depth);
  return &g_array_index (t->stack, AwlStateFrame, depth);
}

/* The line the acting thread of event @i executes after it: its top frame's
 * line, or the event's own line when the event emptied the stack (a return). */
static int
acting_line (AwlTrace *trace,
             guint     i)
{
  guint n;
  const AwlEvent *ev = &awl_trace_get_events (trace, &n)[i];
  g_autoptr(AwlState) state = NULL;
  const AwlStateThread *t;

  if (ev->thread == 0 || ev->line <= 0)
    return 0;
  state = awl_trace_state_at (trace, i);
  t = state_thread (state, ev->thread);
  g_assert_nonnull (t);
  if (t->stack->len == 0)
    return ev->line;
  return frame_at (t, t->stack->len - 1)->line;
}

/* Question 1 stepped event by event: the executing line goes through the
 * call, into GetUserAsync, back to Main at the suspension, and into the rest
 * of GetUserAsync when the response arrives. */
static void
test_q1_line_sequence (void)
{
  g_autoptr(AwlTrace) trace = run_builtin ("01-async-method-basics.csx");
  static const int expected[] = { 43, 45, 46, 35, 37, 38, 46, 47, 48, 38, 39, 40, 48, 49, 50 };
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (int));
  guint n;

  awl_trace_get_events (trace, &n);
  for (guint i = 0; i < n; i++)
    {
      int line = acting_line (trace, i);

      if (line > 0 && (got->len == 0 || g_array_index (got, int, got->len - 1) != line))
        g_array_append_val (got, line);
    }
  g_assert_cmpmem (got->data, got->len * sizeof (int), expected, sizeof expected);
}

/* While GetUserAsync runs on Main, Main's own frame stays on its call (46),
 * never the callee's declaration line. */
static void
test_q1_caller_keeps_call_line (void)
{
  g_autoptr(AwlTrace) trace = run_builtin ("01-async-method-basics.csx");
  const AwlEvent *ev;
  guint n, checked = 0;

  ev = awl_trace_get_events (trace, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AwlState) state = awl_trace_state_at (trace, i);
      const AwlStateThread *main_thread = state_thread (state, 1);

      if (main_thread == NULL || main_thread->stack->len < 2)
        continue;
      g_assert_cmpstr (frame_at (main_thread, 0)->method, ==, "Main");
      g_assert_cmpint (frame_at (main_thread, 0)->line, ==, 46);
      g_assert_cmpstr (frame_at (main_thread, 1)->method, ==, "GetUserAsync");
      g_assert_cmpint (frame_at (main_thread, 1)->line, >=, 35);
      g_assert_cmpint (frame_at (main_thread, 1)->line, <=, 38);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 4);
  (void) ev;
}

/* Question 8: at the second await Main's frame is on its call (45) and
 * LoadSettingsAsync on the await (38); once Main blocks in Wait() its line is
 * 48 while the suspended method still waits at 38. */
static void
test_q8_inspector_lines (void)
{
  g_autoptr(AwlTrace) trace = run_builtin ("08-what-await-does.csx");
  const AwlEvent *ev;
  guint n, suspend = G_MAXUINT, block = G_MAXUINT;

  ev = awl_trace_get_events (trace, &n);
  for (guint i = 0; i < n; i++)
    {
      if (ev[i].kind == AWL_EVENT_AWAIT && ev[i].sub == 0 && suspend == G_MAXUINT)
        suspend = i;
      if (ev[i].kind == AWL_EVENT_THREAD_STATE && ev[i].sub == AWL_THREAD_STATE_BLOCKED && block == G_MAXUINT)
        block = i;
    }
  g_assert_cmpuint (suspend, <, n);
  g_assert_cmpuint (block, <, n);
  g_assert_cmpint (ev[suspend].line, ==, 38);

  {
    g_autoptr(AwlState) state = awl_trace_state_at (trace, suspend);
    const AwlStateThread *main_thread = state_thread (state, ev[suspend].thread);

    g_assert_cmpuint (main_thread->stack->len, ==, 2);
    g_assert_cmpstr (frame_at (main_thread, 0)->method, ==, "Main");
    g_assert_cmpint (frame_at (main_thread, 0)->line, ==, 45);
    g_assert_cmpstr (frame_at (main_thread, 1)->method, ==, "LoadSettingsAsync");
    g_assert_cmpint (frame_at (main_thread, 1)->line, ==, 38);
  }
  {
    g_autoptr(AwlState) state = awl_trace_state_at (trace, block);
    const AwlStateThread *main_thread = state_thread (state, ev[block].thread);
    const AwlStateSuspended *sus;

    g_assert_cmpint (main_thread->state, ==, AWL_THREAD_STATE_BLOCKED);
    g_assert_cmpuint (main_thread->stack->len, ==, 1);
    g_assert_cmpint (frame_at (main_thread, 0)->line, ==, 48);
    g_assert_cmpuint (state->suspended->len, ==, 1);
    sus = &g_array_index (state->suspended, AwlStateSuspended, 0);
    g_assert_cmpstr (sus->method, ==, "LoadSettingsAsync");
    g_assert_cmpint (sus->line, ==, 38);
  }
}

/* A resume runs on top of whatever the thread was doing (an inline
 * continuation from SetResult): the frame below keeps its own line. Checked on
 * every built-in scenario at every event: a frame below the top never takes
 * the line of a method's declaration that is pushed over it. */
static void
test_push_keeps_caller_line_everywhere (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_resources_enumerate_children (SCENARIOS, 0, &error);
  guint checked = 0;

  g_assert_no_error (error);
  for (guint k = 0; names[k]; k++)
    {
      g_autoptr(AwlTrace) trace = NULL;
      const AwlEvent *ev;
      guint n;

      if (!g_str_has_suffix (names[k], ".csx"))
        continue;
      trace = run_builtin (names[k]);
      ev = awl_trace_get_events (trace, &n);
      for (guint i = 1; i < n && i < 4000; i++)
        {
          g_autoptr(AwlState) before = NULL;
          g_autoptr(AwlState) after = NULL;
          const AwlStateThread *tb, *ta;

          if (ev[i].kind != AWL_EVENT_FRAME_PUSH && ev[i].kind != AWL_EVENT_RESUME)
            continue;
          before = awl_trace_state_at (trace, i - 1);
          after = awl_trace_state_at (trace, i);
          tb = state_thread (before, ev[i].thread);
          ta = state_thread (after, ev[i].thread);
          if (tb == NULL || tb->stack->len == 0)
            continue;
          g_assert_cmpuint (ta->stack->len, ==, tb->stack->len + 1);
          g_assert_cmpint (frame_at (ta, tb->stack->len - 1)->line, ==,
                           frame_at (tb, tb->stack->len - 1)->line);
          g_assert_cmpint (frame_at (ta, ta->stack->len - 1)->line, ==, ev[i].line);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario/lines/q1-sequence", test_q1_line_sequence);
  g_test_add_func ("/scenario/lines/q1-caller-keeps-call-line", test_q1_caller_keeps_call_line);
  g_test_add_func ("/scenario/lines/q8-inspector", test_q8_inspector_lines);
  g_test_add_func ("/scenario/lines/push-keeps-caller-line", test_push_keeps_caller_line_everywhere);

  return g_test_run ();
}
