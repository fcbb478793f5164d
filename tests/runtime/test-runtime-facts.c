/* test-runtime-facts.c
 *
 * More of the runtime model against hand-built work items (exact virtual times and
 * orders): DisposeAsync, throwing CTS callbacks, hill climbing, Send, classic ASP.NET,
 * limits, the queue kinds of QueueUserWorkItem and Post, completed tasks, managed ids,
 * and the exact words of the deadlock chains.
 */

#include <string.h>

#include "awl-test-script.h"
#include "awl-task-private.h"

#define ASSERT_CHAIN(trace, expected) G_STMT_START { \
  g_autofree char *_chain = g_strjoinv (" → ", (char **) awl_trace_get_outcome (trace)->chain); \
  g_assert_cmpint (awl_trace_get_outcome (trace)->kind, ==, AWL_OUTCOME_DEADLOCK); \
  g_assert_cmpstr (_chain, ==, expected); } G_STMT_END

/* "Name Name | cycle from N | tasks 1 2": the deadlock participants as data. */
#define ASSERT_PARTICIPANTS(trace, expected) G_STMT_START { \
  g_autofree char *_p = participants (trace); \
  g_assert_cmpstr (_p, ==, expected); } G_STMT_END

static char *
participants (AwlTrace *t)
{
  const AwlOutcome *o = awl_trace_get_outcome (t);
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < o->n_deadlock_threads; i++)
    g_string_append_printf (str, "%s%s", i ? " " : "",
                            awl_trace_get_thread (t, o->deadlock_threads[i])->name);
  g_string_append_printf (str, " | cycle from %d | tasks", o->deadlock_cycle_start);
  for (guint i = 0; i < o->n_deadlock_tasks; i++)
    g_string_append_printf (str, " %u", o->deadlock_tasks[i]);
  return g_string_free (str, FALSE);
}

static const AwlOutcome *
outcome (AwlTrace *t)
{
  return awl_trace_get_outcome (t);
}

/* "time:goal" of every POOL_GOAL event with @reason, joined by spaces. */
static char *
goal_changes (AwlTrace      *t,
              AwlPoolReason  reason)
{
  GString *str = g_string_new (NULL);
  const AwlEvent *ev;
  guint n;

  ev = awl_trace_get_events (t, &n);
  for (guint i = 0; i < n; i++)
    if (ev[i].kind == AWL_EVENT_POOL_GOAL && ev[i].sub == reason)
      g_string_append_printf (str, "%s%g:%" G_GINT64_FORMAT, str->len ? " " : "",
                              AWL_TO_MS (ev[i].time), ev[i].a);
  return g_string_free (str, FALSE);
}

/* ---------------------------------------------------------------------------------
 * Async iterators: DisposeAsync
 * ------------------------------------------------------------------------------ */

static void
test_dispose_runs_finally (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main"), *it = IT ("Numbers");
  AwlTrace *t;

  /* try { output; yield a; yield b; } finally { output; await Delay(10); output; } */
  awl_test_script_output (it, "start");
  awl_test_script_yield_return (it, "a");
  awl_test_script_yield_return (it, "b");
  awl_test_script_finally (it);
  awl_test_script_output (it, "cleanup");
  awl_test_script_delay (it, 0, AWL_MS (10), -1);
  awl_test_script_await (it, 0, TRUE, -1);
  awl_test_script_output (it, "cleaned");
  /* await foreach (…) { print; break; } */
  awl_test_script_call (main, it, 0);
  awl_test_script_move_next (main, 1, 0);
  awl_test_script_await (main, 1, TRUE, -1);
  awl_test_script_print_current (main, 0);
  awl_test_script_dispose (main, 2, 0);
  awl_test_script_output (main, "dispose returned");
  awl_test_script_await (main, 2, TRUE, -1);
  awl_test_script_print_status (main, 2);
  awl_test_script_dispose (main, 3, 0);         /* again: already finished */
  awl_test_script_print_status (main, 3);
  awl_test_script_move_next (main, 4, 0);       /* after disposal: false */
  awl_test_script_await (main, 4, TRUE, 5);
  awl_test_script_print (main, 5);
  t = awl_test_run (&c, main);
  /* The finally block runs inside DisposeAsync (before it returns), its await suspends
   * it, and the DisposeAsync task completes when the frame has left. */
  ASSERT_OUTPUT (t, "0 Main start; 0 Main item a; 0 Main cleanup; 0 Main dispose returned; "
                    "10 Pool-1 cleaned; 10 Pool-1 status 5; 10 Pool-1 status 5; 10 Pool-1 False");
  g_assert_cmpint (outcome (t)->kind, ==, AWL_OUTCOME_COMPLETED);
  g_assert_cmpint (outcome (t)->end_time, ==, AWL_MS (10));
  /* No deadlock: no participants. */
  g_assert_cmpuint (outcome (t)->n_deadlock_threads, ==, 0);
  g_assert_null (outcome (t)->deadlock_threads);
  g_assert_cmpint (outcome (t)->deadlock_cycle_start, ==, -1);
  teardown (t);
}

static void
test_dispose_not_started_and_catch (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main"), *it = IT ("Never"), *it2 = IT ("Catcher");
  AwlTrace *t;

  awl_test_script_output (it, "never runs");
  awl_test_script_yield_return (it, "x");
  /* A catch-all iterator: the marker is no exception, catch blocks do not take it. */
  awl_test_script_catch_all (it2);
  awl_test_script_yield_return (it2, "y");
  awl_test_script_output (it2, "not after dispose");
  awl_test_script_call (main, it, 0);
  awl_test_script_dispose (main, 1, 0);
  awl_test_script_print_status (main, 1);
  awl_test_script_call (main, it2, 2);
  awl_test_script_move_next (main, 3, 2);
  awl_test_script_await (main, 3, TRUE, -1);
  awl_test_script_dispose (main, 4, 2);
  awl_test_script_await (main, 4, TRUE, -1);
  awl_test_script_output (main, "disposed");
  t = awl_test_run (&c, main);
  ASSERT_OUTPUT (t, "0 Main status 5; 0 Main disposed");
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * CancellationTokenSource callbacks that throw
 * ------------------------------------------------------------------------------ */

static void
test_cts_callbacks_throw_aggregate (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *ok = S ("r1"), *b2 = S ("r2"), *b3 = S ("r3"), *late = S ("late");
  AwlTrace *t;

  awl_test_script_output (ok, "r1");
  awl_test_script_output (b2, "r2");
  awl_test_script_throw (b2, "InvalidOperationException", "b2");
  awl_test_script_output (b3, "r3");
  awl_test_script_throw (b3, "ArgumentException", "b3");
  awl_test_script_throw (late, "FormatException", "late");
  awl_test_script_catch_all (main);
  awl_test_script_cts_new (main, 0, 0);
  awl_test_script_register (main, 0, ok);
  awl_test_script_register (main, 0, b2);
  awl_test_script_register (main, 0, b3);
  awl_test_script_cts_cancel (main, 0);
  awl_test_script_output (main, "after");
  /* Register on a canceled token: the callback runs now and its exception is direct. */
  awl_test_script_register (main, 0, late);
  awl_test_script_output (main, "end");
  t = awl_test_run (&c, main);
  /* Every callback runs (LIFO), then Cancel throws one AggregateException of the
   * exceptions in the order they ran. */
  ASSERT_OUTPUT (t, "0 Main r3; 0 Main r2; 0 Main r1; 0 Main caught AggregateException: One or "
                    "more errors occurred. (b3) (b2) [ArgumentException] "
                    "[InvalidOperationException]; 0 Main after; "
                    "0 Main caught FormatException: late; 0 Main end");
  g_assert_cmpint (outcome (t)->kind, ==, AWL_OUTCOME_COMPLETED);
  teardown (t);
}

static void
test_cts_timer_callback_throws_crashes (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *cb = S ("cb");
  AwlTrace *t;

  awl_test_script_throw (cb, "InvalidOperationException", "in timer");
  awl_test_script_cts_new (main, 0, AWL_MS (50));
  awl_test_script_register (main, 0, cb);
  awl_test_script_sleep (main, AWL_MS (100));
  t = awl_test_run (&c, main);
  /* CancelAfter fires on a pool thread; nothing catches the AggregateException there. */
  g_assert_cmpint (outcome (t)->kind, ==, AWL_OUTCOME_CRASHED);
  g_assert_cmpint (outcome (t)->end_time, ==, AWL_MS (50));
  g_assert_cmpstr (outcome (t)->exception_type, ==, "AggregateException");
  g_assert_cmpstr (awl_trace_get_thread (t, outcome (t)->thread)->name, ==, "Pool-1");
  teardown (t);
}

static void
test_throw_if_cancellation_requested (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main");
  AwlTrace *t;

  awl_test_script_catch_all (main);
  awl_test_script_cts_new (main, 0, 0);
  awl_test_script_throw_if_canceled (main, 0);
  awl_test_script_output (main, "not canceled yet");
  awl_test_script_cts_cancel (main, 0);
  awl_test_script_throw_if_canceled (main, 0);
  awl_test_script_output (main, "after");
  t = awl_test_run (&c, main);
  ASSERT_OUTPUT (t, "0 Main not canceled yet; 0 Main caught OperationCanceledException: The "
                    "operation was canceled.; 0 Main after");
  /* Checking the token observes it. */
  g_assert_false (awl_test_has_lint (t, AWL_LINT_IGNORED_CANCELLATION, NULL));
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * Hill climbing
 * ------------------------------------------------------------------------------ */

static void
test_hill_climbing_raises_goal (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 4);
  AwlTestScript *main = S ("Main"), *w = S ("Work");
  g_autofree char *hill = NULL, *starv = NULL;
  AwlTrace *t;

  /* 40 CPU-bound items of 50 ms, minimum 1 thread on 4 cores: throughput rises with each
   * added thread until the cores are full. */
  c.min_threads = 1;
  awl_test_script_cpu (w, AWL_MS (50));
  for (int i = 0; i < 40; i++)
    awl_test_script_quwi (main, w);
  awl_test_script_sleep (main, AWL_S (2));
  t = awl_test_run (&c, main);
  hill = goal_changes (t, AWL_POOL_HILL_CLIMBING);
  starv = goal_changes (t, AWL_POOL_STARVATION);
  g_assert_cmpstr (hill, ==, "250:2 500:3 750:4");
  g_assert_cmpstr (starv, ==, "");
  g_assert_cmpuint (awl_trace_get_stats (t)->peak_pool_threads, ==, 4);
  teardown (t);
}

static void
test_hill_climbing_retreats_to_min (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main");
  g_autofree char *hill = NULL;
  AwlTrace *t;

  /* SetMinThreads(6) then (2): no work queued, the goal steps back one per 250 ms (at
   * most 4 changes a second) and never below the minimum. */
  awl_test_script_set_min_threads (main, 6);
  awl_test_script_set_min_threads (main, 2);
  awl_test_script_sleep (main, AWL_S (3));
  t = awl_test_run (&c, main);
  hill = goal_changes (t, AWL_POOL_HILL_CLIMBING);
  g_assert_cmpstr (hill, ==, "250:5 500:4 750:3 1000:2");
  teardown (t);
}

static void
test_hill_climbing_quiet_when_blocked (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *w = S ("W");
  g_autofree char *hill = NULL, *starv = NULL;
  AwlTrace *t;

  /* Blocking items: completions keep coming (every 100 ms) but threads are blocked, so
   * only the starvation gate — which never fires while items are dequeued — decides. */
  c.profile = AWL_PROFILE_NETFX;
  awl_test_script_sleep (w, AWL_MS (100));
  for (int i = 0; i < 20; i++)
    awl_test_script_quwi (main, w);
  awl_test_script_sleep (main, AWL_S (2));
  t = awl_test_run (&c, main);
  hill = goal_changes (t, AWL_POOL_HILL_CLIMBING);
  starv = goal_changes (t, AWL_POOL_STARVATION);
  g_assert_cmpstr (hill, ==, "");
  g_assert_cmpstr (starv, ==, "");
  g_assert_cmpuint (awl_trace_get_stats (t)->peak_pool_threads, ==, 2);
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * Contexts: Send, Post, classic ASP.NET
 * ------------------------------------------------------------------------------ */

static void
test_send_from_pool_blocks (void)
{
  AwlConfig c = config (AWL_ENV_UI, 2);
  AwlTestScript *click = AV ("Button_Click"), *body = S ("Body"), *cb = S ("UpdateLabel");
  AwlTrace *t;

  awl_test_script_cpu (cb, AWL_MS (20));
  awl_test_script_output (cb, "in send");
  awl_test_script_output (body, "before send");
  awl_test_script_send (body, cb);
  awl_test_script_output (body, "after send");
  awl_test_script_run (click, body, 0);
  awl_test_script_cpu (click, AWL_MS (5));
  awl_test_script_output (click, "click busy");
  awl_test_script_await (click, 0, TRUE, -1);
  awl_test_script_output (click, "click done");
  t = awl_test_run (&c, click);
  /* The UI thread runs the delegate only after its current message (5 ms); the pool
   * thread stays blocked until the delegate finished (25 ms). */
  ASSERT_OUTPUT (t, "0 Pool-1 before send; 5 UI click busy; 25 UI in send; 25 Pool-1 after send; "
                    "25 UI click done");
  teardown (t);
}

static void
test_send_on_ui_inline (void)
{
  AwlConfig c = config (AWL_ENV_UI, 2);
  AwlTestScript *click = S ("Button_Click"), *cb = S ("UpdateLabel");
  AwlTrace *t;

  awl_test_script_cpu (cb, AWL_MS (20));
  awl_test_script_output (cb, "in send");
  awl_test_script_send (click, cb);
  awl_test_script_output (click, "after send");
  t = awl_test_run (&c, click);
  ASSERT_OUTPUT (t, "20 UI in send; 20 UI after send");
  teardown (t);
}

static void
test_context_post (void)
{
  AwlConfig c = config (AWL_ENV_UI, 2);
  AwlTestScript *click = S ("Button_Click"), *cb = S ("Posted"), *body = S ("Body"), *cb2 = S ("Posted2");
  AwlTrace *t;

  awl_test_script_output (cb, "posted runs");
  awl_test_script_output (cb2, "pool post runs");
  awl_test_script_context_post (body, cb2);
  awl_test_script_context_post (click, cb);
  awl_test_script_run (click, body, -1);
  awl_test_script_cpu (click, AWL_MS (10));
  awl_test_script_output (click, "click ends");
  t = awl_test_run (&c, click);
  /* On the UI thread Post queues a message that runs after the current one; on a pool
   * thread (no context) Post queues to the pool's global queue. */
  ASSERT_OUTPUT (t, "0 Pool-1 pool post runs; 10 UI click ends; 10 UI posted runs");
  teardown (t);
}

static void
test_classic_aspnet_one_at_a_time (void)
{
  AwlConfig c = config (AWL_ENV_ASPNET_CLASSIC, 4);
  AwlTestScript *handler = A ("Index"), *a = A ("PartA"), *b = A ("PartB");
  AwlTrace *t;

  awl_test_script_delay (a, 0, AWL_MS (100), -1);
  awl_test_script_await (a, 0, TRUE, -1);
  awl_test_script_output (a, "A starts");
  awl_test_script_sleep (a, AWL_MS (50));       /* blocked inside the request */
  awl_test_script_output (a, "A ends");
  awl_test_script_delay (b, 0, AWL_MS (100), -1);
  awl_test_script_await (b, 0, TRUE, -1);
  awl_test_script_output (b, "B starts");
  awl_test_script_cpu (b, AWL_MS (50));
  awl_test_script_output (b, "B ends");
  awl_test_script_call (handler, a, 0);
  awl_test_script_call (handler, b, 1);
  awl_test_script_when_all (handler, 2, 0, 2);
  awl_test_script_await (handler, 2, TRUE, -1);
  awl_test_script_output (handler, "request done");
  t = awl_test_run (&c, handler);
  /* Both continuations are posted to the request context at 100 ms; they run one at a
   * time on pool threads although four cores are free, and A, blocked in Thread.Sleep
   * inside the request, keeps the context: B starts only when A leaves it. */
  ASSERT_OUTPUT (t, "100 Pool-1 A starts; 150 Pool-1 A ends; 150 Pool-1 B starts; "
                    "200 Pool-1 B ends; 200 Pool-1 request done");
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * Pool queues, completed tasks
 * ------------------------------------------------------------------------------ */

static void
test_quwi_global_fifo (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 1);
  AwlTestScript *main = S ("Main"), *outer = S ("Outer");
  AwlTrace *t;

  c.max_threads = 1;
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *qn = g_strdup_printf ("quwi%d", i);
      g_autofree char *ln = g_strdup_printf ("run%d", i);
      AwlTestScript *q = S (qn), *l = S (ln);

      awl_test_script_output (q, qn);
      awl_test_script_output (l, ln);
      awl_test_script_quwi (outer, q);
      awl_test_script_run (outer, l, -1);
    }
  awl_test_script_run (main, outer, -1);
  awl_test_script_sleep (main, AWL_MS (10));
  t = awl_test_run (&c, main);
  /* From a pool thread, QueueUserWorkItem goes to the global FIFO queue, Task.Run to the
   * worker's local LIFO queue, which is served first. */
  ASSERT_OUTPUT (t, "0 Pool-1 run1; 0 Pool-1 run0; 0 Pool-1 quwi0; 0 Pool-1 quwi1");
  teardown (t);
}

/* A C entry frame that registers an await continuation on an already completed task
 * through the runtime's internal API — the race .NET guards against: the task
 * completes between IsCompleted and OnCompleted. */
typedef struct
{
  AwlFrame       parent;
  AwlTestScript *script;
  int            phase;
} DriverFrame;

static void
driver_step (AwlFrame *frame,
             AwlStep  *s)
{
  DriverFrame *self = (DriverFrame *) frame;
  AwlSim *sim = s->sim;

  switch (self->phase++)
    {
    case 0:
      awl_step_call (s, awl_test_script_instantiate (sim, self->script));
      return;
    case 1:
      {
        AwlFrameRt *rt = NULL;
        AwlTask *waited, *done;
        AwlCont *cont;

        for (AwlFrameRt *r = sim->frames; r != NULL; r = r->all_next)
          if (r->suspended && strcmp (r->frame->name, "M") == 0)
            rt = r;
        g_assert_nonnull (rt);
        /* Move M's continuation from the TCS task it waits for to a completed task. */
        waited = rt->awaiting;
        cont = waited->conts;
        g_assert_nonnull (cont);
        waited->conts = waited->conts_tail = NULL;
        cont->next = NULL;
        done = (AwlTask *) awl_sim_task_from_result (sim, awl_value_int (7));
        rt->awaiting = done;
        awl_task_add_cont (sim, done, cont);
        awl_sim_output (sim, "registered");
        awl_step_sleep (s, AWL_MS (10));
        return;
      }
    default:
      awl_step_return (s, awl_value_null ());
      return;
    }
}

static const AwlFrameClass driver_class = { "Driver", 0, driver_step, (void (*) (AwlFrame *)) g_free };

static AwlFrame *
driver_entry (AwlSim   *sim,
              guint     index,
              gpointer  data)
{
  DriverFrame *f = g_new0 (DriverFrame, 1);

  awl_frame_init (&f->parent, &driver_class);
  f->script = data;
  return &f->parent;
}

static void
test_registered_on_completed_is_queued (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *m = A ("M");
  const AwlFlow *flows;
  AwlSim *sim;
  guint n;
  AwlTrace *t;

  awl_test_script_tcs_new (main, 8, AWL_TASK_OPTION_NONE);
  awl_test_script_tcs_task (main, 9, 8);
  awl_test_script_await (m, 9, TRUE, 0);
  awl_test_script_print (m, 0);
  awl_test_script_call (main, m, 10);
  awl_test_script_output (main, "Main continues");
  sim = awl_sim_new (&c, driver_entry, main, NULL);
  awl_sim_run (sim, NULL);
  t = awl_sim_get_trace (sim);
  awl_sim_free (sim);
  /* Not inline on Main (which would print 7 before "registered"): queued to the pool. */
  ASSERT_OUTPUT (t, "0 Main Main continues; 0 Main registered; 0 Pool-1 7");
  flows = awl_trace_get_flows (t, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (flows[0].how, ==, AWL_CONT_QUEUED_GLOBAL);
  teardown (t);
}

static void
test_from_exception_and_canceled (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main");
  AwlTrace *t;

  awl_test_script_catch_all (main);
  awl_test_script_from_exception (main, 0, "InvalidOperationException", "early");
  awl_test_script_from_canceled (main, 1);
  awl_test_script_print_status (main, 0);
  awl_test_script_print_status (main, 1);
  awl_test_script_await (main, 0, TRUE, -1);
  awl_test_script_wait (main, 0, AWL_WAIT_RESULT, -1);
  awl_test_script_await (main, 1, TRUE, -1);
  awl_test_script_wait (main, 1, AWL_WAIT_RESULT, -1);
  awl_test_script_wait (main, 1, AWL_WAIT_GET_RESULT, -1);
  t = awl_test_run (&c, main);
  /* Already completed: await takes the fast path and throws the original exception;
   * .Result wraps it in an AggregateException. */
  ASSERT_OUTPUT (t, "0 Main status 7; 0 Main status 6; "
                    "0 Main caught InvalidOperationException: early; "
                    "0 Main caught AggregateException: One or more errors occurred. (early) "
                    "[InvalidOperationException]; "
                    "0 Main caught TaskCanceledException: A task was canceled.; "
                    "0 Main caught AggregateException: One or more errors occurred. (A task was "
                    "canceled.) [TaskCanceledException]; "
                    "0 Main caught TaskCanceledException: A task was canceled.");
  g_assert_cmpint (outcome (t)->end_time, ==, 0);
  teardown (t);
}

static void
test_when_all_results (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main"), *slow = A ("Slow");
  AwlTrace *t;

  awl_test_script_delay (slow, 0, AWL_MS (30), -1);
  awl_test_script_await (slow, 0, TRUE, -1);
  awl_test_script_return_string (slow, "slow");
  awl_test_script_call (main, slow, 0);
  awl_test_script_from_result (main, 1, "fast");
  awl_test_script_when_all (main, 2, 0, 2);
  awl_test_script_print_when_all_results (main, 2);
  awl_test_script_await (main, 2, TRUE, -1);
  awl_test_script_print_when_all_results (main, 2);
  t = awl_test_run (&c, main);
  /* Not completed: no results; completed: in argument order, not completion order. */
  ASSERT_OUTPUT (t, "0 Main results none; 30 Pool-1 results slow fast");
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * Threads: managed ids, idle retirement
 * ------------------------------------------------------------------------------ */

static void
test_thread_managed_id_at_construction (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *body = S ("Body"), *pool = S ("PoolWork");
  const AwlThreadInfo *th;
  AwlTrace *t;

  awl_test_script_print_thread_id (body, -1);
  awl_test_script_print_thread_id (pool, -1);
  awl_test_script_print_thread_id (main, -1);
  awl_test_script_thread_new (main, 0, body);
  awl_test_script_print_thread_id (main, 0);
  awl_test_script_run (main, pool, 1);
  awl_test_script_wait (main, 1, AWL_WAIT_WAIT, -1);
  awl_test_script_thread_start (main, 0);
  awl_test_script_join (main, 0);
  t = awl_test_run (&c, main);
  /* new Thread has its id before it starts; the pool thread created later gets 3. */
  ASSERT_OUTPUT (t, "0 Main id 1; 0 Main id 2; 0 Pool-1 id 3; 0 Thread-1 id 2");
  th = awl_trace_get_thread (t, 3);
  g_assert_cmpstr (th->name, ==, "Thread-1");
  teardown (t);
}

static void
test_idle_retirement_above_min (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *w = S ("W");
  g_autoptr(GString) exits = g_string_new (NULL);
  const AwlEvent *ev;
  guint n;
  AwlTrace *t;

  /* Minimum 2; four blocking items of 1 s: Pool-1 and Pool-2 at 0, Pool-3 at 500 ms
   * (starvation); at 1 s Pool-1 takes the fourth item. Idle from: Pool-2 1 s, Pool-3
   * 1.5 s, Pool-1 2 s. */
  c.profile = AWL_PROFILE_NETFX;
  awl_test_script_sleep (w, AWL_S (1));
  for (int i = 0; i < 4; i++)
    awl_test_script_quwi (main, w);
  awl_test_script_sleep (main, AWL_S (40));
  t = awl_test_run (&c, main);
  ev = awl_trace_get_events (t, &n);
  for (guint i = 0; i < n; i++)
    if (ev[i].kind == AWL_EVENT_THREAD_EXITED && ev[i].thread != 1)
      g_string_append_printf (exits, "%s%s@%g", exits->len ? " " : "",
                              awl_trace_get_thread (t, ev[i].thread)->name, AWL_TO_MS (ev[i].time));
  /* Pool-2 retires 20 s after it went idle; then two workers are left, the minimum, and
   * they stay although idle for more than 20 s (Pool-3 at 21.5 s, Pool-1 at 22 s). */
  g_assert_cmpstr (exits->str, ==, "Pool-2@21000");
  g_assert_cmpuint (awl_trace_get_stats (t)->peak_pool_threads, ==, 3);
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * Limits
 * ------------------------------------------------------------------------------ */

static void
test_limit_tasks (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main");
  AwlTrace *t;

  c.limit_tasks = 3;
  awl_test_script_from_result (main, 0, "x");
  awl_test_script_cpu (main, AWL_MS (10));
  for (int i = 0; i < 6; i++)
    awl_test_script_from_result (main, 0, "x");
  awl_test_script_cpu (main, AWL_MS (10));
  awl_test_script_output (main, "not reached");
  t = awl_test_run (&c, main);
  g_assert_cmpint (outcome (t)->kind, ==, AWL_OUTCOME_LIMIT);
  g_assert_cmpstr (outcome (t)->summary, ==, "limit: more than 3 tasks");
  g_assert_cmpint (outcome (t)->end_time, ==, AWL_MS (10));
  ASSERT_OUTPUT (t, "");
  teardown (t);
}

static void
test_limit_threads_exact (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *body = S ("Body");
  AwlTrace *t;

  c.limit_threads = 2;
  awl_test_script_sleep (body, AWL_MS (10));
  awl_test_script_thread_new (main, 0, body);
  awl_test_script_thread_new (main, 1, body);
  awl_test_script_thread_start (main, 0);
  awl_test_script_sleep (main, AWL_MS (5));
  awl_test_script_thread_start (main, 1);
  t = awl_test_run (&c, main);
  g_assert_cmpint (outcome (t)->kind, ==, AWL_OUTCOME_LIMIT);
  g_assert_cmpstr (outcome (t)->summary, ==, "limit: more than 2 threads");
  g_assert_cmpint (outcome (t)->end_time, ==, AWL_MS (5));
  teardown (t);
}

static void
test_limit_time_exact (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main");
  AwlTrace *t;

  c.limit_time = AWL_MS (1500);
  awl_test_script_sleep (main, AWL_S (1));
  awl_test_script_output (main, "1 s");
  awl_test_script_sleep (main, AWL_S (1));
  awl_test_script_output (main, "not reached");
  t = awl_test_run (&c, main);
  g_assert_cmpint (outcome (t)->kind, ==, AWL_OUTCOME_LIMIT);
  g_assert_cmpstr (outcome (t)->summary, ==, "limit: virtual time passed 1500 ms");
  g_assert_cmpint (outcome (t)->end_time, ==, AWL_MS (1500));
  ASSERT_OUTPUT (t, "1000 Main 1 s");
  teardown (t);
}

static void
test_limit_events_exact (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main");
  guint n;
  AwlTrace *t;

  c.limit_events = 100;
  for (int i = 0; i < 1000; i++)
    awl_test_script_await_yield (main);
  t = awl_test_run (&c, main);
  g_assert_cmpint (outcome (t)->kind, ==, AWL_OUTCOME_LIMIT);
  g_assert_cmpstr (outcome (t)->summary, ==, "limit: more than 100 events");
  awl_trace_get_events (t, &n);
  /* The limit event, then the end-of-run events. */
  g_assert_cmpuint (n, >=, 100);
  g_assert_cmpuint (n, <=, 110);
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * Deadlock chains: the exact words
 * ------------------------------------------------------------------------------ */

static void
test_chain_ui_result (void)
{
  AwlConfig c = config (AWL_ENV_UI, 2);
  AwlTestScript *click = S ("Button_Click"), *get = A ("GetDataAsync");
  AwlTrace *t;

  awl_test_script_delay (get, 0, AWL_MS (100), -1);
  awl_test_script_await (get, 0, TRUE, -1);
  awl_test_script_return_string (get, "data");
  awl_test_script_call (click, get, 0);
  awl_test_script_wait (click, 0, AWL_WAIT_RESULT, 1);
  t = awl_test_run (&c, click);
  ASSERT_CHAIN (t, "the UI thread (in Button_Click) blocks in .Result on Task 1 (GetDataAsync) → "
                 "Task 1 (GetDataAsync) completes when its continuation runs, and the continuation "
                 "is posted to the UI context → "
                 "only the UI thread runs it, and the UI thread is blocked: deadlock");
  ASSERT_PARTICIPANTS (t, "UI | cycle from 0 | tasks 1");
  teardown (t);
}

static void
test_chain_classic_result (void)
{
  AwlConfig c = config (AWL_ENV_ASPNET_CLASSIC, 2);
  AwlTestScript *handler = S ("Index"), *get = A ("GetDataAsync");
  AwlTrace *t;

  awl_test_script_delay (get, 0, AWL_MS (100), -1);
  awl_test_script_await (get, 0, TRUE, -1);
  awl_test_script_call (handler, get, 0);
  awl_test_script_wait (handler, 0, AWL_WAIT_RESULT, -1);
  t = awl_test_run (&c, handler);
  ASSERT_CHAIN (t, "Pool-1 (in Index) blocks in .Result on Task 1 (GetDataAsync) → "
                 "Task 1 (GetDataAsync) completes when its continuation runs, and the continuation "
                 "is posted to the ASP.NET request context → "
                 "only one thread at a time runs in that context, and Pool-1 holds it while it is "
                 "blocked: deadlock");
  g_assert_cmpint (outcome (t)->end_time, ==, AWL_MS (100));
  ASSERT_PARTICIPANTS (t, "Pool-1 | cycle from 0 | tasks 1");
  teardown (t);
}

static void
test_chain_semaphore_never_released (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *body = S ("Worker");
  AwlTrace *t;

  awl_test_script_sem_wait (body, 8);
  awl_test_script_output (body, "got it");
  awl_test_script_sem_new (main, 8, 1);
  awl_test_script_sem_wait (main, 8);
  awl_test_script_run (main, body, 0);
  awl_test_script_wait (main, 0, AWL_WAIT_WAIT, -1);
  t = awl_test_run (&c, main);
  ASSERT_CHAIN (t, "Main (in Main) blocks in .Wait() on Task 1 (Worker) → "
                 "Task 1 (Worker) runs on Pool-1 and has not finished → "
                 "Pool-1 (in Worker) waits on SemaphoreSlim 1 (count 0); Main took it last and has "
                 "not released it → "
                 "which brings us back to Main: a cycle");
  ASSERT_PARTICIPANTS (t, "Main Pool-1 | cycle from 0 | tasks 1");
  teardown (t);
}

static void
test_chain_tcs_never_completed (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main"), *m = A ("WaitForSignalAsync");
  AwlTrace *t;

  awl_test_script_tcs_new (main, 8, AWL_TASK_OPTION_NONE);
  awl_test_script_tcs_task (main, 9, 8);
  awl_test_script_await (m, 9, TRUE, -1);
  awl_test_script_call (main, m, 0);
  awl_test_script_await (main, 0, TRUE, -1);
  t = awl_test_run (&c, main);
  ASSERT_CHAIN (t, "Main blocks in .GetAwaiter().GetResult() on Task 1 (Main) → "
                 "Task 1 (Main) is suspended at await state 0, waiting for Task 3 "
                 "(WaitForSignalAsync) → "
                 "Task 3 (WaitForSignalAsync) is suspended at await state 0, waiting for Task 2 "
                 "(TaskCompletionSource) → "
                 "Task 2 (TaskCompletionSource) is never completed: no remaining code calls "
                 "SetResult, SetException or SetCanceled");
  ASSERT_PARTICIPANTS (t, "Main | cycle from -1 | tasks 1 3 2");
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * More facts: inline rules on a thread with a context, starved timers, defaults
 * ------------------------------------------------------------------------------ */

static void
test_inline_rules_on_ui_thread (void)
{
  AwlConfig c = config (AWL_ENV_UI, 2);
  AwlTestScript *click = S ("Button_Click"), *m = A ("NoContext"), *n = A ("WithContext");
  const AwlFlow *flows;
  guint nf;
  AwlTrace *t;

  awl_test_script_await (m, 9, FALSE, -1);      /* ConfigureAwait(false) */
  awl_test_script_output (m, "NoContext resumed");
  awl_test_script_await (n, 9, TRUE, -1);       /* captures the UI context */
  awl_test_script_output (n, "WithContext resumed");
  awl_test_script_tcs_new (click, 8, AWL_TASK_OPTION_NONE);
  awl_test_script_tcs_task (click, 9, 8);
  awl_test_script_call (click, m, -1);
  awl_test_script_call (click, n, -1);
  awl_test_script_output (click, "set");
  awl_test_script_tcs_set (click, 8, "v");
  awl_test_script_output (click, "after set");
  t = awl_test_run (&c, click);
  /* SetResult on the UI thread: the continuation without a context is not run inline
   * (the completing thread has a non-default context) but queued; the one that captured
   * the UI context runs inline because it is already on that context. */
  ASSERT_OUTPUT (t, "0 UI set; 0 UI WithContext resumed; 0 UI after set; 0 Pool-1 NoContext resumed");
  flows = awl_trace_get_flows (t, &nf);
  g_assert_cmpuint (nf, ==, 2);
  g_assert_cmpint (flows[0].how, ==, AWL_CONT_QUEUED_GLOBAL);
  g_assert_cmpint (flows[1].how, ==, AWL_CONT_INLINE);
  teardown (t);
}

static void
test_delay_waits_for_starved_pool (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main"), *w = S ("Blocker");
  AwlTrace *t;

  /* Both pool threads sleep for 2 s; the timer expires at 10 ms and queues its callback
   * to the global queue, where it waits for the starvation injection at 500 ms. */
  c.profile = AWL_PROFILE_NETFX;
  awl_test_script_sleep (w, AWL_S (2));
  awl_test_script_quwi (main, w);
  awl_test_script_quwi (main, w);
  awl_test_script_delay (main, 0, AWL_MS (10), -1);
  awl_test_script_await (main, 0, TRUE, -1);
  awl_test_script_output (main, "after delay");
  t = awl_test_run (&c, main);
  ASSERT_OUTPUT (t, "500 Pool-3 after delay");
  g_assert_cmpfloat (AWL_TO_MS (outcome (t)->worst_queue_wait), ==, 490.0);
  teardown (t);
}

static void
test_pool_defaults (void)
{
  AwlConfig c;
  AwlTestScript *main = S ("Main"), *w = S ("W");
  g_autofree char *goals = NULL;
  AwlTrace *t;

  awl_config_init (&c);
  g_assert_cmpuint (c.cores, ==, 4);
  g_assert_cmpuint (c.max_threads, ==, 32767);
  g_assert_cmpint (c.timer_resolution, ==, AWL_MS (1));
  /* Minimum = processor count: 4 blocking items start at once, the fifth waits for the
   * gate (netfx: no compensation). */
  c.profile = AWL_PROFILE_NETFX;
  awl_test_script_output (w, "start");
  awl_test_script_sleep (w, AWL_S (1));
  for (int i = 0; i < 5; i++)
    awl_test_script_quwi (main, w);
  awl_test_script_sleep (main, AWL_S (2));
  t = awl_test_run (&c, main);
  ASSERT_OUTPUT (t, "0 Pool-1 start; 0 Pool-2 start; 0 Pool-3 start; 0 Pool-4 start; 500 Pool-5 start");
  goals = goal_changes (t, AWL_POOL_MIN);
  g_assert_cmpstr (goals, ==, "0:4");
  teardown (t);
}

static void
test_task_run_operation_canceled (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main"), *sync = S ("SyncBody"), *as = A ("AsyncBody");
  AwlTrace *t;

  awl_test_script_throw (sync, "OperationCanceledException", "stop");
  awl_test_script_await_yield (as);
  awl_test_script_throw (as, "OperationCanceledException", "stop");
  awl_test_script_catch_all (main);
  awl_test_script_run (main, sync, 0);
  awl_test_script_run (main, as, 1);
  awl_test_script_when_all (main, 2, 0, 2);
  awl_test_script_wait (main, 2, AWL_WAIT_WAIT, -1);
  awl_test_script_print_status (main, 0);
  awl_test_script_print_status (main, 1);
  t = awl_test_run (&c, main);
  /* Task.Run has no token in the API: a synchronous delegate's OperationCanceledException
   * faults the task (as in .NET without the matching token); an async delegate's task
   * ends Canceled, and so does the unwrapped Task.Run task. */
  ASSERT_OUTPUT (t, "0 Main caught AggregateException: One or more errors occurred. (stop) "
                    "[OperationCanceledException]; 0 Main status 7; 0 Main status 6");
  teardown (t);
}

static void
test_format_double_like_dotnet (void)
{
  static const struct { double d; const char *s; } cases[] = {
    { 20.0, "20" }, { 100.0, "100" }, { 3.5, "3.5" }, { 0.1, "0.1" }, { -42.25, "-42.25" },
    { 0.0001, "0.0001" }, { 0.00001, "1E-05" }, { 1e14, "100000000000000" },
    { 123456789012345.0, "123456789012345" }, { 1e15, "1E+15" }, { 1.5e20, "1.5E+20" },
    { 1.0 / 3.0, "0.3333333333333333" }, { 2.5e-7, "2.5E-07" }, { 1234.5678, "1234.5678" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      awl_format_double (cases[i].d, s);
      g_assert_cmpstr (s->str, ==, cases[i].s);
    }
}

typedef struct
{
  AwlFrame       parent;
  AwlTestScript *item;
  int            phase;
} ProbeFrame;

static void
probe_step (AwlFrame *frame,
            AwlStep  *s)
{
  ProbeFrame *self = (ProbeFrame *) frame;
  AwlSim *sim = s->sim;

  switch (self->phase++)
    {
    case 0:
      for (int i = 0; i < 3; i++)
        awl_sim_queue_user_work_item (sim, awl_test_script_instantiate (sim, self->item));
      awl_sim_output (sim, awl_sim_intern_printf (sim, "pool %d threads %u pending %u",
                                                  awl_sim_current_thread_is_pool (sim),
                                                  awl_sim_pool_thread_count (sim),
                                                  awl_sim_pool_pending_work_items (sim)));
      awl_step_sleep (s, AWL_MS (10));
      return;
    case 1:
      awl_sim_output (sim, awl_sim_intern_printf (sim, "threads %u pending %u",
                                                  awl_sim_pool_thread_count (sim),
                                                  awl_sim_pool_pending_work_items (sim)));
      /* SetMinThreads(0) succeeds and means 1; above the maximum it fails. */
      {
        gboolean ok0 = awl_sim_set_min_threads (sim, 0);
        guint min0 = awl_sim_get_min_threads (sim);
        gboolean ok_big = awl_sim_set_min_threads (sim, 40000);

        awl_sim_output (sim, awl_sim_intern_printf (sim, "set0 %d min %u set40000 %d min %u",
                                                    ok0, min0, ok_big,
                                                    awl_sim_get_min_threads (sim)));
      }
      awl_sim_stop (sim, AWL_LIMIT_INSTRUCTIONS, "instruction budget exhausted");
      awl_step_sleep (s, AWL_MS (10));
      return;
    default:
      awl_sim_output (sim, "never");
      awl_step_return (s, awl_value_null ());
      return;
    }
}

static const AwlFrameClass probe_class = { "Probe", 0, probe_step, (void (*) (AwlFrame *)) g_free };

static AwlFrame *
probe_entry (AwlSim   *sim,
             guint     index,
             gpointer  data)
{
  ProbeFrame *f = g_new0 (ProbeFrame, 1);

  awl_frame_init (&f->parent, &probe_class);
  f->item = data;
  return &f->parent;
}

static void
test_pool_counts_and_stop (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *w = S ("W");
  AwlSim *sim;
  AwlTrace *t;

  awl_test_script_print_thread_id (w, -1);
  awl_test_script_sleep (w, AWL_S (1));
  sim = awl_sim_new (&c, probe_entry, w, NULL);
  awl_sim_run (sim, NULL);
  t = awl_sim_get_trace (sim);
  awl_sim_free (sim);
  /* Two workers (the minimum) took two items; one waits. awl_sim_stop ends the run. */
  ASSERT_OUTPUT (t, "0 Main pool 0 threads 2 pending 3; 0 Pool-1 id 2; 0 Pool-2 id 3; "
                    "10 Main threads 2 pending 1; 10 Main set0 1 min 1 set40000 0 min 1");
  g_assert_cmpint (outcome (t)->kind, ==, AWL_OUTCOME_LIMIT);
  g_assert_cmpstr (outcome (t)->summary, ==, "limit: instruction budget exhausted");
  g_assert_cmpint (outcome (t)->end_time, ==, AWL_MS (10));
  teardown (t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/iterator/dispose-runs-finally", test_dispose_runs_finally);
  g_test_add_func ("/sim/iterator/dispose-not-started-and-catch", test_dispose_not_started_and_catch);
  g_test_add_func ("/sim/cts/callbacks-throw-aggregate", test_cts_callbacks_throw_aggregate);
  g_test_add_func ("/sim/cts/timer-callback-throws-crashes", test_cts_timer_callback_throws_crashes);
  g_test_add_func ("/sim/cts/throw-if-cancellation-requested", test_throw_if_cancellation_requested);
  g_test_add_func ("/sim/threadpool/hill-climbing-raises-goal", test_hill_climbing_raises_goal);
  g_test_add_func ("/sim/threadpool/hill-climbing-retreats-to-min", test_hill_climbing_retreats_to_min);
  g_test_add_func ("/sim/threadpool/hill-climbing-quiet-when-blocked", test_hill_climbing_quiet_when_blocked);
  g_test_add_func ("/sim/context/send-from-pool-blocks", test_send_from_pool_blocks);
  g_test_add_func ("/sim/context/send-on-ui-inline", test_send_on_ui_inline);
  g_test_add_func ("/sim/context/post", test_context_post);
  g_test_add_func ("/sim/context/classic-aspnet-one-at-a-time", test_classic_aspnet_one_at_a_time);
  g_test_add_func ("/sim/threadpool/quwi-global-fifo", test_quwi_global_fifo);
  g_test_add_func ("/sim/await/registered-on-completed-is-queued", test_registered_on_completed_is_queued);
  g_test_add_func ("/sim/tasks/from-exception-and-canceled", test_from_exception_and_canceled);
  g_test_add_func ("/sim/whenall/results", test_when_all_results);
  g_test_add_func ("/sim/threads/managed-id-at-construction", test_thread_managed_id_at_construction);
  g_test_add_func ("/sim/threadpool/idle-retirement-above-min", test_idle_retirement_above_min);
  g_test_add_func ("/sim/limits/tasks", test_limit_tasks);
  g_test_add_func ("/sim/limits/threads-exact", test_limit_threads_exact);
  g_test_add_func ("/sim/limits/virtual-time-exact", test_limit_time_exact);
  g_test_add_func ("/sim/limits/events-exact", test_limit_events_exact);
  g_test_add_func ("/sim/deadlock/chain-ui-result", test_chain_ui_result);
  g_test_add_func ("/sim/deadlock/chain-classic-aspnet-result", test_chain_classic_result);
  g_test_add_func ("/sim/deadlock/chain-semaphore-never-released", test_chain_semaphore_never_released);
  g_test_add_func ("/sim/deadlock/chain-tcs-never-completed", test_chain_tcs_never_completed);

  g_test_add_func ("/sim/await/inline-rules-on-ui-thread", test_inline_rules_on_ui_thread);
  g_test_add_func ("/sim/timers/delay-waits-for-starved-pool", test_delay_waits_for_starved_pool);
  g_test_add_func ("/sim/threadpool/defaults", test_pool_defaults);

  g_test_add_func ("/sim/taskrun/operation-canceled", test_task_run_operation_canceled);

  g_test_add_func ("/sim/value/format-double-like-dotnet", test_format_double_like_dotnet);

  g_test_add_func ("/sim/threadpool/counts-and-stop", test_pool_counts_and_stop);

  return g_test_run ();
}
