/* test-runtime-dotnet.c
 *
 * The modern profile pinned to .NET 10: each test reproduces a measurement of a small C#
 * program kept in tests/runtime/dotnet/ (run it with `dotnet run FILE.cs`; the figures
 * in the comments are from .NET 10.0.12 on Linux, DOTNET_PROCESSOR_COUNT as given). Real
 * timings carry a few milliseconds of start-up and scheduling noise; the tests assert the
 * model's exact virtual times.
 */

#include "awl-test-script.h"

/* ---------------------------------------------------------------------------------
 * Task.Run overloads (dotnet/task-run-unwrap.cs)
 * ------------------------------------------------------------------------------ */

/* .NET 10: `Task.Run(() => GetAsync())` (a lambda that is not async but returns a
 * Task<string>) binds to Task.Run<TResult>(Func<Task<TResult>>): the result is an
 * UnwrapPromise, not complete at once; .Result gave "invoice" after the 200 ms delay
 * (201–328 ms measured). Task.Factory.StartNew(() => GetAsync()) gave Task<Task<string>>:
 * its .Result (the inner task) came back at once (16 ms, inner not completed). */
static void
test_task_run_unwraps_task_returning_delegate (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *get = A ("GetAsync");
  AwlTestScript *lambda = awl_test_script_new ("lambda", AWL_FRAME_RETURNS_TASK);
  AwlTestScript *lambda2 = awl_test_script_new ("lambda2", AWL_FRAME_RETURNS_TASK);
  AwlTrace *t;

  awl_test_script_delay (get, 0, AWL_MS (200), -1);
  awl_test_script_await (get, 0, TRUE, -1);
  awl_test_script_return_string (get, "invoice");
  awl_test_script_call (lambda, get, 0);
  awl_test_script_return (lambda, 0);
  awl_test_script_call (lambda2, get, 0);
  awl_test_script_return (lambda2, 0);

  awl_test_script_run (main, lambda, 0);          /* Task.Run (() => GetAsync ()) */
  awl_test_script_wait (main, 0, AWL_WAIT_RESULT, 1);
  awl_test_script_print (main, 1);                /* the string, after the delay */
  awl_test_script_start_new (main, lambda2, AWL_TASK_OPTION_NONE, 2);
  awl_test_script_wait (main, 2, AWL_WAIT_RESULT, 3);
  awl_test_script_output (main, "StartNew gave the inner task");
  awl_test_script_wait (main, 3, AWL_WAIT_RESULT, 4);
  awl_test_script_print (main, 4);
  t = awl_test_run (&c, main);
  ASSERT_OUTPUT (t, "200 Main invoice; 200 Main StartNew gave the inner task; 400 Main invoice");
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * The pool's high-priority queue for timers (dotnet/timer-high-priority-queue.cs)
 * ------------------------------------------------------------------------------ */

/* Ten work items that sleep 4 s on a 2-core pool, queued before an await of
 * Task.Delay(100). .NET 10 (DOTNET_PROCESSOR_COUNT=2, three runs): items 0 and 1 start at
 * once; the delay's continuation runs at 1066–1129 ms on the first injected thread,
 * before item 2 starts on that same thread (1067–1130 ms), then item 3 on the next
 * injected thread. In a global FIFO it would have waited behind the eight queued items
 * (until a thread frees up at 4 s). The first injection comes after 1 s, not 500 ms:
 * see /sim/threadpool/starvation-injection-net8. */
static void
timers_behind_blocked_items (AwlProfile  profile,
                             const char *expected)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *after = A ("AfterDelay"), *item = S ("Item");
  AwlTrace *t;

  c.profile = profile;
  awl_test_script_output (item, "item starts");
  awl_test_script_sleep (item, AWL_S (4));
  for (int i = 0; i < 10; i++)
    awl_test_script_quwi (main, item);
  awl_test_script_delay (after, 0, AWL_MS (100), -1);
  awl_test_script_await (after, 0, TRUE, -1);
  awl_test_script_output (after, "delay continuation");
  awl_test_script_call (main, after, 0);
  awl_test_script_wait (main, 0, AWL_WAIT_WAIT, -1);
  t = awl_test_run (&c, main);
  ASSERT_OUTPUT (t, expected);
  teardown (t);
}

static void
test_timer_high_priority_queue (void)
{
  timers_behind_blocked_items (AWL_PROFILE_NET8,
                               "0 Pool-1 item starts; 0 Pool-2 item starts; "
                               "1000 Pool-3 delay continuation; 1000 Pool-3 item starts");
  /* Mono / .NET Framework: the timer's callback waits in the global queue behind the eight
   * items until the first two threads finish at 4 s. */
  timers_behind_blocked_items (AWL_PROFILE_NETFX,
                               "0 Pool-1 item starts; 0 Pool-2 item starts; "
                               "500 Pool-3 item starts; 1000 Pool-4 item starts; "
                               "1500 Pool-5 item starts; 2000 Pool-6 item starts; "
                               "2500 Pool-7 item starts; 3000 Pool-8 item starts; "
                               "3500 Pool-9 item starts; 4000 Pool-1 item starts; "
                               "4000 Pool-2 delay continuation");
}

/* ---------------------------------------------------------------------------------
 * Timer resolution on Linux (dotnet/timer-resolution.cs)
 * ------------------------------------------------------------------------------ */

/* .NET's timer queue compares due times with Environment.TickCount64, which on Linux
 * reads the coarse monotonic clock: one step per kernel tick. On the development machine
 * (Debian kernel, CONFIG_HZ=250; clock_getres(CLOCK_MONOTONIC_COARSE) = 4 ms) .NET 10
 * (`chrt -f 10 dotnet run timer-resolution.cs`) showed 20 of 20 TickCount64 steps of 4 ms;
 * ten Task.Delay(1) in a row took 48.2, 38.3, 39.5 ms; medians of single delays: Delay(1)
 * 4.4, Delay(5) 8.4, Delay(10) 12.4, Delay(16) 16.3, Delay(100) 100.4 ms. A timer
 * resolution of 4 ms gives the same figures: each delay ends on the next 4 ms tick. (Mono
 * uses the precise clock: 1 ms, Awaitlab's default.) */
static void
test_timer_resolution_linux (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *frames = A ("Frames");
  AwlTrace *t;

  c.timer_resolution = AWL_MS (4);
  for (int i = 0; i < 10; i++)
    {
      awl_test_script_delay (frames, i, AWL_MS (1), -1);
      awl_test_script_await (frames, i, TRUE, -1);
    }
  awl_test_script_output (frames, "ten Delay(1)");
  awl_test_script_delay (frames, 10, AWL_MS (5), -1);
  awl_test_script_await (frames, 10, TRUE, -1);
  awl_test_script_output (frames, "Delay(5)");
  awl_test_script_delay (frames, 11, AWL_MS (10), -1);
  awl_test_script_await (frames, 11, TRUE, -1);
  awl_test_script_output (frames, "Delay(10)");
  awl_test_script_delay (frames, 12, AWL_MS (100), -1);
  awl_test_script_await (frames, 12, TRUE, -1);
  awl_test_script_output (frames, "Delay(100)");
  awl_test_script_call (main, frames, 0);
  awl_test_script_wait (main, 0, AWL_WAIT_WAIT, -1);
  t = awl_test_run (&c, main);
  /* 40 ms for ten Delay(1); then +8, +12 and +100 ms. */
  ASSERT_OUTPUT (t, "40 Pool-1 ten Delay(1); 48 Pool-1 Delay(5); 60 Pool-1 Delay(10); "
                    "160 Pool-1 Delay(100)");
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * Starvation injection (dotnet/threadpool-injection.cs)
 * ------------------------------------------------------------------------------ */

/* Eight work items (QueueUserWorkItem) that each Thread.Sleep 7 s on a 2-core pool, queued
 * by Main after it slept @at_ms. Returns the items' start times in ms, in order. */
static GArray *
sleeping_items_start (AwlProfile profile,
                      AwlTime    at)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = S ("Main"), *item = S ("Item");
  const AwlOutputLine *lines;
  GArray *a = g_array_new (FALSE, FALSE, sizeof (gint64));
  AwlTrace *t;
  guint n;

  c.profile = profile;
  awl_test_script_output (item, "start");
  awl_test_script_sleep (item, AWL_S (7));
  if (at > 0)
    awl_test_script_sleep (main, at);
  for (int i = 0; i < 8; i++)
    awl_test_script_quwi (main, item);
  awl_test_script_sleep (main, AWL_S (20));
  t = awl_test_run (&c, main);
  lines = awl_trace_get_output (t, &n);
  for (guint i = 0; i < n; i++)
    {
      gint64 ms = lines[i].time / AWL_MS (1);
      g_array_append_val (a, ms);
    }
  teardown (t);
  return a;
}

static void
assert_starts (GArray       *a,
               const gint64 *expected,
               guint         n)
{
  g_assert_cmpuint (a->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (a, gint64, i), ==, expected[i]);
}

/* .NET's gate thread needs *more than* 500 ms without a dequeue, and the worker it adds
 * dequeues just after the tick, so the next tick (500 ms later) skips: one thread per
 * second while every thread sleeps. Its ticks count from the first request for a worker,
 * not from process start. .NET 10.0.12, DOTNET_PROCESSOR_COUNT=2, the program under
 * `chrt -f 10` so that other load did not delay it (`-- sleep 12 7000`, three runs):
 *   9, 9, 1011, 1514, 2515, 3016, 4019, 5022, 6024
 *   9, 9, 1010, 2012, 3014, 4016, 5018, 6020, 6523
 *   11, 12, 1011, 2013, 3015, 4020, 5022, 6024, 7012
 * Most steps are 1000 ms; about one in five is 500 ms, when the gate's coarse clock
 * (4 ms steps) reads one tick late. Awaitlab keeps the common 1000 ms step. Queued after
 * Main slept 300 or 1700 ms (`-- sleep 8 5000 300`, `-- sleep 8 5000 1700`), times from
 * the queueing: 10, 10, 1011, 2012, 2515, …; 12, 12, 1014, 2016, 3018, … — the first
 * injection still 1 s after the work was queued. Mono (netfx) adds one per 500 ms
 * (/sim/threadpool/starvation-injection). */
static void
test_starvation_injection_net8 (void)
{
  static const gint64 at0[] = { 0, 0, 1000, 2000, 3000, 4000, 5000, 6000 };
  static const gint64 at300[] = { 300, 300, 1300, 2300, 3300, 4300, 5300, 6300 };
  static const gint64 netfx[] = { 0, 0, 500, 1000, 1500, 2000, 2500, 3000 };
  g_autoptr(GArray) a = sleeping_items_start (AWL_PROFILE_NET8, 0);
  g_autoptr(GArray) b = sleeping_items_start (AWL_PROFILE_NET8, AWL_MS (300));
  g_autoptr(GArray) f = sleeping_items_start (AWL_PROFILE_NETFX, 0);

  assert_starts (a, at0, G_N_ELEMENTS (at0));
  assert_starts (b, at300, G_N_ELEMENTS (at300));
  assert_starts (f, netfx, G_N_ELEMENTS (netfx));
}

/* ---------------------------------------------------------------------------------
 * Task.WhenAll's exception order (dotnet/whenall-exception-order.cs)
 * ------------------------------------------------------------------------------ */

static AwlTestScript *
fail_after (const char *name,
            AwlTime     ms)
{
  AwlTestScript *s = A (name);

  awl_test_script_delay (s, 0, ms, -1);
  awl_test_script_await (s, 0, TRUE, -1);
  awl_test_script_throw (s, "InvalidOperationException", name);
  return s;
}

/* The first argument fails after 200 ms, the second after 100 ms. .NET 10.0.401 (three
 * runs, same output) for plain tasks, Task.WhenAll(Task[]):
 *   await rethrew: second argument, fails at 100 ms
 *   InnerExceptions[0]: second argument, fails at 100 ms
 *   InnerExceptions[1]: first argument, fails at 200 ms
 * Mono 6.8 (mcs + mono) prints the first argument in all three lines: argument order, which
 * the netfx profile keeps (/sim/whenall/first-exception-in-argument-order). For Task<int>
 * tasks, Task.WhenAll<int>(Task<int>[]), .NET 10 prints argument order like Mono: see
 * /sim/whenall/generic-exception-order-net8. */
static void
test_when_all_exception_order_net8 (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main");
  AwlTrace *t;

  awl_test_script_catch_all (main);
  awl_test_script_call (main, fail_after ("First", AWL_MS (200)), 0);
  awl_test_script_call (main, fail_after ("Second", AWL_MS (100)), 1);
  awl_test_script_when_all (main, 2, 0, 2);
  awl_test_script_await (main, 2, TRUE, -1);
  awl_test_script_print_exception_of (main, 2);
  t = awl_test_run (&c, main);
  ASSERT_OUTPUT (t, "200 Pool-1 caught InvalidOperationException: Second; "
                    "200 Pool-1 exception AggregateException: One or more errors occurred. (Second) "
                    "(First) [InvalidOperationException] [InvalidOperationException]");
  teardown (t);
}

/* The same failures through the generic Task.WhenAll<TResult> (C# picks it when every
 * task is statically a Task<T>). .NET 10.0.401 (three runs, same output), as Mono:
 *   await rethrew: first argument, fails at 200 ms
 *   InnerExceptions[0]: first argument, fails at 200 ms
 *   InnerExceptions[1]: second argument, fails at 100 ms
 * and `.Result` throws an AggregateException with the same two in the same order. Its
 * promise walks the tasks in argument order once all are done, as Task.WaitAll does. */
static void
test_when_all_generic_exception_order_net8 (void)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 2);
  AwlTestScript *main = A ("Main");
  AwlTrace *t;

  awl_test_script_catch_all (main);
  awl_test_script_call (main, fail_after ("First", AWL_MS (200)), 0);
  awl_test_script_call (main, fail_after ("Second", AWL_MS (100)), 1);
  awl_test_script_when_all_of (main, 2, 0, 2);
  awl_test_script_await (main, 2, TRUE, -1);
  awl_test_script_print_exception_of (main, 2);
  t = awl_test_run (&c, main);
  ASSERT_OUTPUT (t, "200 Pool-1 caught InvalidOperationException: First; "
                    "200 Pool-1 exception AggregateException: One or more errors occurred. (First) "
                    "(Second) [InvalidOperationException] [InvalidOperationException]");
  teardown (t);
}

/* ---------------------------------------------------------------------------------
 * Hill climbing while pool threads block (dotnet/hill-climbing-blocking.cs)
 * ------------------------------------------------------------------------------ */

/* "time:goal" of every hill-climbing change of the pool's goal. */
static char *
hill_changes (AwlTrace *t)
{
  GString *str = g_string_new (NULL);
  const AwlEvent *ev;
  guint n;

  ev = awl_trace_get_events (t, &n);
  for (guint i = 0; i < n; i++)
    if (ev[i].kind == AWL_EVENT_POOL_GOAL && ev[i].sub == AWL_POOL_HILL_CLIMBING)
      g_string_append_printf (str, "%s%g:%" G_GINT64_FORMAT, str->len ? " " : "",
                              AWL_TO_MS (ev[i].time), ev[i].a);
  return g_string_free (str, FALSE);
}

/* @rps work items per second for @ms, each blocking its pool thread for 100 ms in
 * synchronous I/O (no blocking compensation), on 4 cores; the text of the last output. */
static AwlTrace *
blocking_load (guint rps,
               guint ms)
{
  AwlConfig c = config (AWL_ENV_CONSOLE, 4);
  AwlTestScript *main = S ("Main"), *item = S ("Request");
  guint n = rps * ms / 1000;

  awl_test_script_sync_io (item, AWL_MS (100), FALSE);
  awl_test_script_output (item, "done");
  for (guint i = 0; i < n; i++)
    {
      awl_test_script_quwi (main, item);
      awl_test_script_sleep (main, AWL_S (1) / rps);
    }
  awl_test_script_sleep (main, AWL_S (12));
  return awl_test_run (&c, main);
}

static char *
last_output (AwlTrace *t)
{
  g_autofree char *out = awl_test_output (t);
  const char *last = g_strrstr (out, "; ");

  return g_strdup (last ? last + 2 : out);
}

/* Question 39: 80 requests a second for one second, each blocking a thread for 100 ms,
 * 4 cores. .NET 10 (DOTNET_PROCESSOR_COUNT=4, six runs): the pool goes from 4 to 5
 * threads at 673–814 ms and adds nothing more; the last request finished at 1891–1926 ms.
 * At 120 a second for 6 s (backlog growing): 5 threads at 673 ms, 6 and 7 at 5.0 s, then
 * 8, 9, 10, 11 at 7.6, 8.2, 9.5 and 10.1 s. Without the extra thread the last request
 * would end at 2037 ms (the model before this calibration). Measured again under
 * `chrt -f 10` (no interference from the machine's other load, three runs): the fifth
 * thread at 629–632 ms, the last request at 1816–1820 ms; the model's samples fall on
 * 250 ms multiples, so its thread comes at 750 ms and the run ends at 1812 ms. */
static void
test_hill_climbing_under_blocking (void)
{
  AwlTrace *t = blocking_load (80, 1000);
  g_autofree char *hill = hill_changes (t), *last = last_output (t);
  g_autofree char *hill2 = NULL;

  g_assert_cmpstr (hill, ==, "750:5");
  g_assert_cmpstr (last, ==, "1812.5 Pool-2 done");
  teardown (t);

  t = blocking_load (120, 6000);
  hill2 = hill_changes (t);
  g_assert_true (g_str_has_prefix (hill2, "750:5 5000:6 5750:7 6500:8 "));
  teardown (t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/taskrun/unwraps-task-returning-delegate",
                   test_task_run_unwraps_task_returning_delegate);
  g_test_add_func ("/sim/threadpool/timer-high-priority-queue", test_timer_high_priority_queue);
  g_test_add_func ("/sim/threadpool/starvation-injection-net8", test_starvation_injection_net8);
  g_test_add_func ("/sim/timers/linux-coarse-clock", test_timer_resolution_linux);
  g_test_add_func ("/sim/whenall/exception-order-net8", test_when_all_exception_order_net8);
  g_test_add_func ("/sim/whenall/generic-exception-order-net8", test_when_all_generic_exception_order_net8);
  g_test_add_func ("/sim/threadpool/hill-climbing-under-blocking", test_hill_climbing_under_blocking);
  return g_test_run ();
}
