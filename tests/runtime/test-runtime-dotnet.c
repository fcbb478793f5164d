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
 * (until a thread frees up at 4 s). The first injection came after ~1 s there, not
 * 500 ms: see starvation-injection-cadence. */
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
                               "500 Pool-3 delay continuation; 500 Pool-3 item starts");
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/taskrun/unwraps-task-returning-delegate",
                   test_task_run_unwraps_task_returning_delegate);
  g_test_add_func ("/sim/threadpool/timer-high-priority-queue", test_timer_high_priority_queue);
  return g_test_run ();
}
