/* test-runtime-state.c
 *
 * The state at the playhead (awl_trace_state_at) for synchronization objects and task
 * statuses: exact values at exact virtual times, and snapshots equal to a full replay.
 */

#include "awl-test-script.h"

/* The state after every event before @time (what the playhead at @time shows). */
static AwlState *
state_before (AwlTrace *trace,
              AwlTime   time)
{
  guint i = awl_trace_find_event_at (trace, time);

  g_assert_cmpuint (i, >, 0);
  return awl_trace_state_at (trace, i - 1);
}

/* Every 7th state from the snapshots equals the one from a full replay. */
static void
assert_replay_equal (AwlTrace *trace)
{
  guint n;

  awl_trace_get_events (trace, &n);
  for (guint i = 0; i < n; i += 7)
    {
      g_autoptr(AwlState) a = awl_trace_state_at (trace, i);
      g_autoptr(AwlState) b = awl_trace_state_at_full_replay (trace, i);

      g_assert_true (awl_state_equal (a, b));
    }
}

/* The id of the object created by the @nth event of @kind/@sub (a). */
static gint64
created_id (AwlTrace     *trace,
            AwlEventKind  kind,
            guint         sub,
            guint         nth)
{
  const AwlEvent *ev;
  guint n;

  ev = awl_trace_get_events (trace, &n);
  for (guint i = 0; i < n; i++)
    if (ev[i].kind == kind && ev[i].sub == sub && nth-- == 0)
      return ev[i].a;
  g_assert_not_reached ();
}

static const AwlStateSemaphore *
find_sem (const AwlState *st,
          gint64          id)
{
  for (guint i = 0; i < st->semaphores->len; i++)
    if (g_array_index (st->semaphores, AwlStateSemaphore, i).id == id)
      return &g_array_index (st->semaphores, AwlStateSemaphore, i);
  return NULL;
}

static const AwlStateCts *
find_cts (const AwlState *st,
          gint64          id)
{
  for (guint i = 0; i < st->cancellation_sources->len; i++)
    if (g_array_index (st->cancellation_sources, AwlStateCts, i).id == id)
      return &g_array_index (st->cancellation_sources, AwlStateCts, i);
  return NULL;
}

static guint
uint_at (const GArray *a,
         guint         i)
{
  g_assert_cmpuint (i, <, a->len);
  return g_array_index (a, guint, i);
}

static AwlTaskStatus
status_of (const AwlState *st,
           guint           task)
{
  g_assert_cmpuint (task, >=, 1);
  g_assert_cmpuint (task, <=, st->tasks->len);
  g_assert_cmpuint (g_array_index (st->tasks, AwlStateTask, task - 1).id, ==, task);
  return g_array_index (st->tasks, AwlStateTask, task - 1).status;
}

/* ---------------------------------------------------------------------------------
 * Semaphores
 * ------------------------------------------------------------------------------ */

static void
test_state_semaphores (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *w = A ("AsyncWaiter"), *sync = S ("SyncWaiter");
  AwlTrace *t;
  gint64 sem, idle, canceled;

  awl_test_script_sem_wait_async (w, 0, 8);      /* task 2 (task 1: AsyncWaiter) */
  awl_test_script_await (w, 0, TRUE, -1);
  awl_test_script_output (w, "async got it");
  awl_test_script_sem_wait (sync, 8);
  awl_test_script_output (sync, "sync got it");

  awl_test_script_sem_new_max (main, 8, 1, 2);    /* line 1 */
  awl_test_script_sem_new (main, 9, 3);           /* line 2: never touched */
  awl_test_script_sem_wait (main, 8);             /* count 0 */
  awl_test_script_call (main, w, -1);             /* an async waiter */
  awl_test_script_thread_new (main, 0, sync);
  awl_test_script_thread_start (main, 0);
  awl_test_script_sleep (main, AWL_MS (10));      /* the sync waiter blocks */
  awl_test_script_sem_release (main, 8);          /* 10 ms: the sync waiter first */
  awl_test_script_sleep (main, AWL_MS (10));
  awl_test_script_sem_release (main, 8);          /* 20 ms: then the async one */
  awl_test_script_sleep (main, AWL_MS (10));
  awl_test_script_sem_new (main, 10, 0);          /* line 12 */
  awl_test_script_cts_new (main, 11, 0);
  awl_test_script_sem_wait_async_token (main, 1, 10, 11);  /* task 3 */
  awl_test_script_sleep (main, AWL_MS (10));
  awl_test_script_cts_cancel (main, 11);          /* 40 ms: the waiter leaves */
  awl_test_script_sleep (main, AWL_MS (10));
  t = awl_test_run (&c, main);

  sem = created_id (t, AWL_EVENT_SEMAPHORE, 3, 0);
  idle = created_id (t, AWL_EVENT_SEMAPHORE, 3, 1);
  canceled = created_id (t, AWL_EVENT_SEMAPHORE, 3, 2);
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (5));
    const AwlStateSemaphore *s = find_sem (st, sem), *i = find_sem (st, idle);

    g_assert_cmpuint (st->semaphores->len, ==, 2);
    g_assert_nonnull (s);
    g_assert_cmpint (s->current_count, ==, 0);
    g_assert_cmpint (s->max_count, ==, 2);
    g_assert_cmpint (s->line, ==, 1);
    g_assert_cmpuint (s->blocked_threads->len, ==, 1);
    g_assert_cmpuint (uint_at (s->blocked_threads, 0), ==, 2);    /* Thread-1 */
    g_assert_cmpuint (s->async_waiters->len, ==, 1);
    g_assert_cmpuint (uint_at (s->async_waiters, 0), ==, 2);
    g_assert_cmpint (status_of (st, 2), ==, AWL_TASK_WAITING_FOR_ACTIVATION);
    /* Created, never touched: visible with its initial count and no maximum. */
    g_assert_nonnull (i);
    g_assert_cmpint (i->current_count, ==, 3);
    g_assert_cmpint (i->max_count, ==, G_MAXINT);
    g_assert_cmpint (i->line, ==, 2);
    g_assert_cmpuint (i->blocked_threads->len + i->async_waiters->len, ==, 0);
  }
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (15));
    const AwlStateSemaphore *s = find_sem (st, sem);

    g_assert_cmpint (s->current_count, ==, 0);
    g_assert_cmpuint (s->blocked_threads->len, ==, 0);
    g_assert_cmpuint (s->async_waiters->len, ==, 1);
    g_assert_cmpuint (uint_at (s->async_waiters, 0), ==, 2);
  }
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (35));
    const AwlStateSemaphore *s = find_sem (st, sem), *x = find_sem (st, canceled);

    g_assert_cmpint (s->current_count, ==, 0);
    g_assert_cmpuint (s->blocked_threads->len + s->async_waiters->len, ==, 0);
    g_assert_cmpint (status_of (st, 2), ==, AWL_TASK_RAN_TO_COMPLETION);
    g_assert_nonnull (x);
    g_assert_cmpint (x->line, ==, 12);
    g_assert_cmpuint (x->async_waiters->len, ==, 1);
    g_assert_cmpuint (uint_at (x->async_waiters, 0), ==, 3);
    g_assert_cmpint (status_of (st, 3), ==, AWL_TASK_WAITING_FOR_ACTIVATION);
  }
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (45));
    const AwlStateSemaphore *x = find_sem (st, canceled);

    g_assert_cmpuint (st->semaphores->len, ==, 3);
    g_assert_cmpuint (x->async_waiters->len, ==, 0);
    g_assert_cmpint (x->current_count, ==, 0);
    g_assert_cmpint (status_of (st, 3), ==, AWL_TASK_CANCELED);
  }
  assert_replay_equal (t);
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * Locks
 * ------------------------------------------------------------------------------ */

static void
test_state_locks (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *other = S ("Other");
  AwlTrace *t;
  gint64 obj;

  awl_test_script_lock (other, 8);
  awl_test_script_sleep (other, AWL_MS (5));
  awl_test_script_unlock (other, 8);

  awl_test_script_object_new (main, 8);
  awl_test_script_object_new (main, 9);           /* never locked: not listed */
  awl_test_script_lock (main, 8);
  awl_test_script_lock (main, 8);                 /* recursion 2 */
  awl_test_script_thread_new (main, 0, other);
  awl_test_script_thread_start (main, 0);
  awl_test_script_sleep (main, AWL_MS (10));
  awl_test_script_unlock (main, 8);               /* 10 ms: recursion 1 */
  awl_test_script_sleep (main, AWL_MS (10));
  awl_test_script_unlock (main, 8);               /* 20 ms: Thread-1 takes it */
  awl_test_script_join (main, 0);
  t = awl_test_run (&c, main);

  obj = created_id (t, AWL_EVENT_LOCK, 0, 0);
  {
    g_autoptr(AwlState) st = awl_trace_state_at (t, 0);

    g_assert_cmpuint (st->locks->len, ==, 0);
  }
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (5));
    const AwlStateLock *l;

    g_assert_cmpuint (st->locks->len, ==, 1);
    l = &g_array_index (st->locks, AwlStateLock, 0);
    g_assert_cmpint (l->object, ==, obj);
    g_assert_cmpuint (l->owner, ==, 1);
    g_assert_cmpuint (l->recursion, ==, 2);
    g_assert_cmpuint (l->waiting_threads->len, ==, 1);
    g_assert_cmpuint (uint_at (l->waiting_threads, 0), ==, 2);
  }
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (15));
    const AwlStateLock *l = &g_array_index (st->locks, AwlStateLock, 0);

    g_assert_cmpuint (l->owner, ==, 1);
    g_assert_cmpuint (l->recursion, ==, 1);
    g_assert_cmpuint (l->waiting_threads->len, ==, 1);
  }
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (22));
    const AwlStateLock *l = &g_array_index (st->locks, AwlStateLock, 0);

    g_assert_cmpuint (l->owner, ==, 2);
    g_assert_cmpuint (l->recursion, ==, 1);
    g_assert_cmpuint (l->waiting_threads->len, ==, 0);
  }
  {
    g_autoptr(AwlState) st = awl_trace_state_at (t, G_MAXUINT);   /* clamped to the last */
    const AwlStateLock *l = &g_array_index (st->locks, AwlStateLock, 0);

    g_assert_cmpuint (st->locks->len, ==, 1);
    g_assert_cmpuint (l->owner, ==, 0);
    g_assert_cmpuint (l->recursion, ==, 0);
  }
  assert_replay_equal (t);
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * CancellationTokenSources
 * ------------------------------------------------------------------------------ */

static void
test_state_cancellation_sources (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main"), *cb = S ("Callback");
  AwlTrace *t;
  gint64 manual, timed, never;

  awl_test_script_output (cb, "callback");

  awl_test_script_cts_new (main, 8, 0);           /* line 1: canceled by hand */
  awl_test_script_cts_new (main, 9, 0);           /* line 2: CancelAfter 50 ms */
  awl_test_script_cts_new (main, 10, AWL_MS (500)); /* line 3: never reaches its due */
  awl_test_script_cts_cancel_after (main, 9, AWL_MS (50));
  awl_test_script_register (main, 8, cb);
  awl_test_script_register (main, 8, cb);
  awl_test_script_delay (main, 0, AWL_MS (20), 9); /* registers on CTS 9 until 20 ms */
  awl_test_script_await (main, 0, TRUE, -1);
  awl_test_script_cts_cancel (main, 8);           /* 20 ms: two callbacks */
  awl_test_script_delay (main, 0, AWL_MS (40), -1);
  awl_test_script_await (main, 0, TRUE, -1);      /* 50 ms: the timer cancels CTS 9 */
  t = awl_test_run (&c, main);

  manual = created_id (t, AWL_EVENT_CANCEL, 1, 0);
  timed = created_id (t, AWL_EVENT_CANCEL, 1, 1);
  never = created_id (t, AWL_EVENT_CANCEL, 1, 2);
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (10));
    const AwlStateCts *m = find_cts (st, manual), *d = find_cts (st, timed), *n = find_cts (st, never);

    g_assert_cmpuint (st->cancellation_sources->len, ==, 3);
    g_assert_false (m->canceled);
    g_assert_cmpint (m->canceled_at, ==, AWL_TIME_NONE);
    g_assert_cmpint (m->cancel_after_due, ==, AWL_TIME_NONE);
    g_assert_cmpuint (m->n_registrations, ==, 2);
    g_assert_cmpint (m->line, ==, 1);
    g_assert_false (d->canceled);
    g_assert_cmpint (d->cancel_after_due, ==, AWL_MS (50));
    g_assert_cmpuint (d->n_registrations, ==, 1);   /* the pending Delay */
    g_assert_cmpint (d->line, ==, 2);
    g_assert_false (n->canceled);
    g_assert_cmpint (n->cancel_after_due, ==, AWL_MS (500));
    g_assert_cmpint (n->line, ==, 3);
  }
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (30));
    const AwlStateCts *m = find_cts (st, manual), *d = find_cts (st, timed);

    g_assert_true (m->canceled);
    g_assert_cmpint (m->canceled_at, ==, AWL_MS (20));
    g_assert_cmpuint (m->canceled_by, ==, 2);       /* Main resumed on Pool-1 */
    g_assert_cmpuint (m->n_callbacks_run, ==, 2);
    g_assert_false (m->canceled_by_timer);
    g_assert_cmpuint (m->n_registrations, ==, 0);
    /* The Delay completed: its registration was disposed. */
    g_assert_false (d->canceled);
    g_assert_cmpuint (d->n_registrations, ==, 0);
  }
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (60));
    const AwlStateCts *d = find_cts (st, timed), *n = find_cts (st, never);

    g_assert_true (d->canceled);
    g_assert_cmpint (d->canceled_at, ==, AWL_MS (50));
    g_assert_true (d->canceled_by_timer);          /* its CancelAfter timer, */
    g_assert_cmpuint (d->canceled_by, ==, 2);       /* whose callback ran on Pool-1 */
    g_assert_cmpint (d->cancel_after_due, ==, AWL_TIME_NONE);
    g_assert_cmpuint (d->n_callbacks_run, ==, 0);
    g_assert_false (n->canceled);
  }
  assert_replay_equal (t);
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * Task status at the playhead
 * ------------------------------------------------------------------------------ */

static void
test_state_task_status_waiting_for_activation (void)
{
  AwlConfig c = config (AWL_ENV_UI, 1);
  AwlTestScript *click = S ("Button_Click"), *get = A ("GetDataAsync");
  AwlTrace *t;

  /* The classic UI deadlock (question 31): at 150 ms the async method is suspended at
   * its await and the I/O is in flight; .NET reports both as WaitingForActivation. */
  awl_test_script_io (get, 0, AWL_MS (1000), FALSE, "data");   /* task 2 */
  awl_test_script_await (get, 0, TRUE, 1);
  awl_test_script_return (get, 1);
  awl_test_script_call (click, get, 0);                        /* task 1 */
  awl_test_script_wait (click, 0, AWL_WAIT_RESULT, 1);
  t = awl_test_run (&c, click);

  g_assert_cmpint (awl_trace_get_outcome (t)->kind, ==, AWL_OUTCOME_DEADLOCK);
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (150));

    g_assert_cmpuint (st->tasks->len, ==, 2);
    g_assert_cmpint (status_of (st, 1), ==, AWL_TASK_WAITING_FOR_ACTIVATION);
    g_assert_cmpint (status_of (st, 2), ==, AWL_TASK_WAITING_FOR_ACTIVATION);
  }
  {
    /* Right after their creation events the tasks are never Created. */
    guint n, created = 0;
    const AwlEvent *ev = awl_trace_get_events (t, &n);

    for (guint i = 0; i < n; i++)
      if (ev[i].kind == AWL_EVENT_TASK_CREATED)
        {
          g_autoptr(AwlState) at = awl_trace_state_at (t, i);
          g_assert_cmpint (status_of (at, ev[i].task), ==, AWL_TASK_WAITING_FOR_ACTIVATION);
          created++;
        }
    g_assert_cmpuint (created, ==, 2);
  }
  assert_replay_equal (t);
  teardown (t);
}

static void
test_state_task_status_promise_kinds (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 1);
  AwlTestScript *main = S ("Main"), *work = S ("Work");
  const AwlTaskInfo *tasks;
  AwlTrace *t;
  guint n;

  c.min_threads = 1;
  c.max_threads = 1;
  awl_test_script_cpu (work, AWL_MS (10));
  awl_test_script_run (main, work, 0);            /* task 1: runs 0–10 ms */
  awl_test_script_run (main, work, 1);            /* task 2: queued until 10 ms */
  awl_test_script_delay (main, 2, AWL_MS (100), -1);  /* task 3 */
  awl_test_script_tcs_new (main, 3, 0);
  awl_test_script_tcs_task (main, 4, 3);          /* task 4 */
  awl_test_script_when_all (main, 5, 0, 3);       /* task 5 */
  awl_test_script_from_result (main, 6, "x");     /* task 6 */
  awl_test_script_sleep (main, AWL_MS (50));
  awl_test_script_tcs_set (main, 3, "done");
  awl_test_script_wait (main, 5, AWL_WAIT_WAIT, -1);
  t = awl_test_run (&c, main);

  tasks = awl_trace_get_tasks (t, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpint (tasks[0].kind, ==, AWL_TASK_KIND_RUN);
  g_assert_cmpint (tasks[4].kind, ==, AWL_TASK_KIND_WHEN_ALL);
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (5));

    g_assert_cmpint (status_of (st, 1), ==, AWL_TASK_RUNNING);
    g_assert_cmpint (status_of (st, 2), ==, AWL_TASK_WAITING_TO_RUN);
    g_assert_cmpint (status_of (st, 3), ==, AWL_TASK_WAITING_FOR_ACTIVATION);
    g_assert_cmpint (status_of (st, 4), ==, AWL_TASK_WAITING_FOR_ACTIVATION);
    g_assert_cmpint (status_of (st, 5), ==, AWL_TASK_WAITING_FOR_ACTIVATION);
    g_assert_cmpint (status_of (st, 6), ==, AWL_TASK_RAN_TO_COMPLETION);
  }
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (15));

    g_assert_cmpint (status_of (st, 1), ==, AWL_TASK_RAN_TO_COMPLETION);
    g_assert_cmpint (status_of (st, 2), ==, AWL_TASK_RUNNING);
  }
  {
    g_autoptr(AwlState) st = state_before (t, AWL_MS (101));

    for (guint i = 1; i <= 5; i++)
      g_assert_cmpint (status_of (st, i), ==, AWL_TASK_RAN_TO_COMPLETION);
  }
  assert_replay_equal (t);
  teardown (t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/trace/state-at-semaphores", test_state_semaphores);
  g_test_add_func ("/sim/trace/state-at-locks", test_state_locks);
  g_test_add_func ("/sim/trace/state-at-cancellation-sources", test_state_cancellation_sources);
  g_test_add_func ("/sim/trace/state-at-task-status-waiting-for-activation",
                   test_state_task_status_waiting_for_activation);
  g_test_add_func ("/sim/trace/state-at-task-status-promise-and-run",
                   test_state_task_status_promise_kinds);
  return g_test_run ();
}
