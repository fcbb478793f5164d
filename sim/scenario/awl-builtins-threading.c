/* awl-builtins-threading.c
 *
 * System.Threading and time: Thread, ThreadPool, Environment, SemaphoreSlim,
 * cancellation, SynchronizationContext, Stopwatch, TimeSpan and Timeout.
 */

#include <math.h>

#include "awl-builtins-private.h"

static const AwlForeignClass sync_context_class = { "SynchronizationContext", NULL, NULL };
static const AwlForeignClass stopwatch_class = { "Stopwatch", NULL, NULL };

/* ----------------------------------------------------------------------------- */
/* Threads and the pool */

AWL_BI (thread_new)
{
  AwlFrame *frame = call->n_args >= 1 ? bi_action_arg_frame (call, call->args[0], 1) : NULL;
  if (frame == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'start')");
  return bi_value (call, awl_value_object (awl_sim_thread_new (call->sim, frame)));
}

AWL_BI (thread_sleep)
{
  AwlTime ns;

  if (call->n_args < 1 || !bi_arg_time (call->args[0], &ns))
    return bi_throw (call, "ArgumentOutOfRangeException", "Number must be either non-negative and less than or equal to Int32.MaxValue or -1. (Parameter 'timeout')");
  awl_step_sleep (call->s, ns);
  return bi_action (call);
}

AWL_BI (thread_current)
{
  return bi_value (call, awl_value_object (awl_sim_current_thread (call->sim)));
}

AWL_BI (thread_start)
{
  AwlObject *error = NULL;

  if (!awl_sim_thread_start (call->sim, call->target.o, &error))
    return bi_throw_error (call, error, "ThreadStateException", "Thread is running or terminated; it cannot restart.");
  return bi_value_yield (call, awl_value_null ());
}

AWL_BI (thread_join)
{
  awl_step_join (call->s, call->target.o);
  return bi_action_value (call, awl_value_null ());
}

AWL_BI (thread_managed_id)
{
  return bi_value (call, awl_value_int (awl_thread_get_managed_id (call->target.o)));
}

AWL_BI (thread_is_pool)
{
  return bi_value (call, awl_value_bool (awl_thread_is_pool (call->target.o)));
}

AWL_BI (false_value)
{
  return bi_value (call, awl_value_bool (FALSE));
}

AWL_BI (null_value)
{
  return bi_value (call, awl_value_null ());
}

AWL_BI (true_value)
{
  return bi_value (call, awl_value_bool (TRUE));
}

AWL_BI (pool_set_min)
{
  AwlValue *args = call->args;
  return bi_value (call, awl_value_bool (call->n_args >= 1 && args[0].kind == AWL_VALUE_INT && args[0].i > 0 &&
                                         args[0].i < G_MAXINT &&
                                         awl_sim_set_min_threads (call->sim, (guint) args[0].i)));
}

AWL_BI (pool_queue_user_work_item)
{
  AwlFrame *frame = call->n_args >= 1 ? bi_action_arg_frame (call, call->args[0], 1) : NULL;
  if (frame == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'callBack')");
  awl_sim_queue_user_work_item (call->sim, frame);
  return bi_value (call, awl_value_bool (TRUE));
}

AWL_BI (pool_thread_count)
{
  return bi_value (call, awl_value_int (awl_sim_pool_thread_count (call->sim)));
}

AWL_BI (pool_pending_work)
{
  return bi_value (call, awl_value_int (awl_sim_pool_pending_work_items (call->sim)));
}

AWL_BI (processor_count)
{
  return bi_value (call, awl_value_int (awl_sim_processor_count (call->sim)));
}

AWL_BI (current_thread_id)
{
  return bi_value (call, awl_value_int (awl_sim_current_thread_id (call->sim)));
}

AWL_BI (tick_count)
{
  return bi_value (call, awl_value_int (awl_sim_now (call->sim) / AWL_MS (1)));
}

AWL_BI (sync_context_current)
{
  AwlValue custom;

  if (awl_custom_context_current (call->sim, &custom))
    return bi_value (call, custom);
  if (!awl_sim_has_sync_context (call->sim))
    return bi_value (call, awl_value_null ());
  return bi_value (call, awl_value_object (awl_sim_foreign_new (call->sim, &sync_context_class, sizeof (AwlForeign))));
}

/* ----------------------------------------------------------------------------- */
/* SemaphoreSlim */

AWL_BI (semaphore_new)
{
  gint64 initial = call->n_args >= 1 ? bi_arg_int (call->args[0], -1) : -1;
  gint64 max = call->n_args >= 2 ? bi_arg_int (call->args[1], -1) : 0;

  if (initial < 0 || max < 0 || (max > 0 && initial > max) || initial > G_MAXINT)
    return bi_throw (call, "ArgumentOutOfRangeException",
                     "The initialCount argument must be non-negative and less than or equal to the maximumCount. (Parameter 'initialCount')");
  return bi_value (call, awl_value_object (awl_sim_semaphore_new (call->sim, (guint) initial, (guint) MIN (max, G_MAXINT))));
}

AWL_BI (semaphore_wait_async)
{
  return bi_value (call, awl_value_object (awl_sim_semaphore_wait_async (call->sim, call->target.o,
                                                                         call->n_args ? bi_arg_token (call->args[0]) : NULL)));
}

AWL_BI (semaphore_wait)
{
  awl_step_semaphore_wait (call->s, call->target.o);
  return bi_action_value (call, awl_value_null ());
}

AWL_BI (semaphore_release)
{
  gint64 count = call->n_args ? bi_arg_int (call->args[0], 1) : 1;
  AwlObject *error = NULL;
  gint64 prev;

  if (count < 1)
    return bi_throw (call, "ArgumentOutOfRangeException", "Non-negative number required. (Parameter 'releaseCount')");
  prev = awl_sim_semaphore_release (call->sim, call->target.o, (guint) MIN (count, G_MAXINT), &error);
  if (prev < 0)
    return bi_throw_error (call, error, "SemaphoreFullException", "Adding the specified count to the semaphore would cause it to exceed its maximum count.");
  return bi_value_yield (call, awl_value_int (prev));
}

AWL_BI (semaphore_current_count)
{
  return bi_value (call, awl_value_int (awl_semaphore_get_current_count (call->target.o)));
}

/* ----------------------------------------------------------------------------- */
/* Cancellation */

static void
linked_cancel_step (AwlFrame *frame,
                    AwlStep  *s)
{
  AwlHelperFrame *h = (AwlHelperFrame *) frame;
  if (h->phase++ == 0)
    {
      awl_sim_cts_cancel (h->run->sim, h->cts);
      awl_step_continue (s);
      return;
    }
  awl_step_return (s, awl_value_null ());
}

static const AwlFrameClass linked_cancel_class = { "CancellationTokenSource.Cancel (linked)", 0, linked_cancel_step, bi_helper_free };

AWL_BI (cts_new)
{
  AwlTime ns;

  if (call->n_args >= 1)
    {
      if (!bi_arg_time (call->args[0], &ns))
        return bi_throw (call, "ArgumentOutOfRangeException", "The value needs to be either -1 (signifying an infinite timeout), 0 or a positive integer. (Parameter 'delay')");
      return bi_value (call, awl_value_object (awl_sim_cts_new (call->sim, ns)));
    }
  return bi_value (call, awl_value_object (awl_sim_cts_new (call->sim, -1)));
}

AWL_BI (cts_linked)
{
  AwlObject *cts = awl_sim_cts_new (call->sim, -1);
  guint count;
  const AwlValue *items = bi_params (call, 0, &count);

  for (guint i = 0; i < count; i++)
    {
      AwlObject *token = bi_arg_token (items[i]);
      AwlHelperFrame *h;
      if (token == NULL)
        continue;
      h = bi_helper_new (&linked_cancel_class, call->run);
      h->cts = cts;
      awl_sim_token_register (call->sim, token, &h->parent);
    }
  return bi_value_yield (call, awl_value_object (cts));
}

AWL_BI (cts_token)
{
  return bi_value (call, awl_value_object (awl_cts_get_token (call->target.o)));
}

AWL_BI (cts_cancel)
{
  awl_sim_cts_cancel (call->sim, call->target.o);
  return bi_value_yield (call, awl_value_null ());
}

AWL_BI (cts_cancel_after)
{
  AwlTime ns;

  if (call->n_args < 1 || !bi_arg_time (call->args[0], &ns))
    return bi_throw (call, "ArgumentOutOfRangeException", "The value needs to be either -1 (signifying an infinite timeout), 0 or a positive integer. (Parameter 'delay')");
  awl_sim_cts_cancel_after (call->sim, call->target.o, ns);
  return bi_value (call, awl_value_null ());
}

AWL_BI (cts_is_cancellation_requested)
{
  return bi_value (call, awl_value_bool (awl_sim_token_is_cancellation_requested (call->sim, awl_cts_get_token (call->target.o))));
}

/* The token members accept the null token (CancellationToken.None). */
static AwlObject *
target_token (AwlBiCall *call)
{
  return awl_value_get_object (call->target, AWL_OBJECT_TOKEN);
}

AWL_BI (token_none)
{
  return bi_value (call, awl_value_null ());
}

AWL_BI (token_is_cancellation_requested)
{
  return bi_value (call, awl_value_bool (awl_sim_token_is_cancellation_requested (call->sim, target_token (call))));
}

AWL_BI (token_throw_if_cancellation_requested)
{
  AwlObject *error = NULL;

  if (!awl_sim_token_throw_if_cancellation_requested (call->sim, target_token (call), &error))
    return bi_throw_error (call, error, "OperationCanceledException", NULL);
  return bi_value (call, awl_value_null ());
}

AWL_BI (token_can_be_canceled)
{
  return bi_value (call, awl_value_bool (target_token (call) != NULL));
}

AWL_BI (token_register)
{
  AwlObject *token = target_token (call);
  AwlFrame *frame = NULL;

  if (call->n_args >= 2)
    {
      /* Register(callback, state): the callback gets the state. */
      AwlClosure *cl = awl_value_get_foreign (call->args[0], &awl_closure_class);
      if (cl != NULL)
        {
          frame = awl_closure_frame (call->run, cl, &call->args[1], MIN (1, cl->code->n_params));
          if (frame->flags & AWL_FRAME_ASYNC)
            frame->flags |= AWL_FRAME_ASYNC_VOID;
        }
    }
  else if (call->n_args == 1)
    frame = bi_action_arg_frame (call, call->args[0], 1);

  if (frame == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'callback')");
  if (token == NULL)
    {
      frame->klass->free (frame);
      return bi_value (call, awl_value_null ());
    }
  return bi_value_yield (call, awl_value_object (awl_sim_token_register (call->sim, token, frame)));
}

/* ----------------------------------------------------------------------------- */
/* Stopwatch and TimeSpan (a TimeSpan is its number of milliseconds) */

static AwlStopwatch *
stopwatch_new (AwlSim *sim)
{
  AwlStopwatch *sw = awl_sim_foreign_new (sim, &stopwatch_class, sizeof (AwlStopwatch));
  sw->start = awl_sim_now (sim);
  sw->stopped = AWL_TIME_NONE;
  return sw;
}

static AwlTime
stopwatch_elapsed (AwlBiCall    *call,
                   AwlStopwatch *sw)
{
  return (sw->stopped == AWL_TIME_NONE ? awl_sim_now (call->sim) : sw->stopped) - sw->start;
}

AWL_BI (stopwatch_start_new)
{
  return bi_value (call, awl_value_object (stopwatch_new (call->sim)));
}

AWL_BI (stopwatch_ctor)
{
  AwlStopwatch *sw = stopwatch_new (call->sim);
  sw->stopped = sw->start;
  return bi_value (call, awl_value_object (sw));
}

AWL_BI (stopwatch_elapsed_span)
{
  return bi_value (call, awl_timespan_new (call->sim, stopwatch_elapsed (call, (AwlStopwatch *) call->target.o) / 100));
}

AWL_BI (stopwatch_elapsed_ms)
{
  return bi_value (call, awl_value_int (stopwatch_elapsed (call, (AwlStopwatch *) call->target.o) / AWL_MS (1)));
}

AWL_BI (stopwatch_stop)
{
  AwlStopwatch *sw = (AwlStopwatch *) call->target.o;
  if (sw->stopped == AWL_TIME_NONE)
    sw->stopped = awl_sim_now (call->sim);
  return bi_value (call, awl_value_null ());
}

AWL_BI (stopwatch_start)
{
  AwlStopwatch *sw = (AwlStopwatch *) call->target.o;
  if (sw->stopped != AWL_TIME_NONE)
    {
      sw->start = awl_sim_now (call->sim) - (sw->stopped - sw->start);
      sw->stopped = AWL_TIME_NONE;
    }
  return bi_value (call, awl_value_null ());
}

AWL_BI (stopwatch_restart)
{
  AwlStopwatch *sw = (AwlStopwatch *) call->target.o;
  sw->start = awl_sim_now (call->sim);
  sw->stopped = AWL_TIME_NONE;
  return bi_value (call, awl_value_null ());
}

/* FromMilliseconds (data 1), FromSeconds (data 1000), FromMinutes (data 60000):
 * rounded to whole ticks as .NET does. */
AWL_BI (timespan_from)
{
  double ms = call->api->data * bi_arg_double (call->args[0]);

  if (!isfinite (ms) || fabs (ms) > 9.2e14)
    return bi_throw (call, "OverflowException", "TimeSpan overflowed because the duration is too long.");
  return bi_value (call, awl_timespan_new (call->sim, (gint64) llround (ms * 10000)));
}

AWL_BI (timespan_zero)
{
  return bi_value (call, awl_timespan_new (call->sim, 0));
}

/* TotalMilliseconds (data 1), TotalSeconds (data 1000), TotalMinutes (data 60000). */
AWL_BI (timespan_total)
{
  AwlTimeSpan *ts = awl_value_get_foreign (call->target, &awl_timespan_class);
  return bi_value (call, awl_value_double (ts->ticks / 10000.0 / call->api->data));
}

/* Milliseconds (data 0), Seconds (data 1), Minutes (data 2): the component. */
AWL_BI (timespan_part)
{
  AwlTimeSpan *ts = awl_value_get_foreign (call->target, &awl_timespan_class);
  gint64 ms = ts->ticks / 10000;
  static const gint64 mod[] = { 1000, 60, 60 };
  static const gint64 div[] = { 1, 1000, 60000 };
  return bi_value (call, awl_value_int (ms / div[call->api->data] % mod[call->api->data]));
}

/* Interlocked: args[0] is the ref variable's value; the answer is stored back. */
enum { INTERLOCKED_INCREMENT, INTERLOCKED_DECREMENT, INTERLOCKED_ADD, INTERLOCKED_EXCHANGE,
       INTERLOCKED_COMPARE_EXCHANGE, INTERLOCKED_READ };

AWL_BI (interlocked)
{
  AwlValue v = call->args[0];
  gint64 x = bi_arg_int (v, 0);

  switch (call->api->data)
    {
    case INTERLOCKED_INCREMENT:
      return bi_value (call, awl_value_int ((gint64) ((guint64) x + 1)));
    case INTERLOCKED_DECREMENT:
      return bi_value (call, awl_value_int ((gint64) ((guint64) x - 1)));
    case INTERLOCKED_ADD:
      return bi_value (call, awl_value_int ((gint64) ((guint64) x + (guint64) bi_arg_int (call->args[1], 0))));
    case INTERLOCKED_EXCHANGE:
      return bi_value (call, call->args[1]);
    case INTERLOCKED_COMPARE_EXCHANGE:
      return bi_value (call, awl_value_equal (v, call->args[2]) ? call->args[1] : v);
    default:
      return bi_value (call, v);
    }
}

AWL_BI (timeout_infinite)
{
  return bi_value (call, awl_value_int (-1));
}

/* ----------------------------------------------------------------------------- */
/* The rows */

#define CTS "var cts = new CancellationTokenSource(); "
#define SW "var sw = Stopwatch.StartNew(); await Task.Delay(3); "

static const AwlKnownApi rows[] = {
  { "Thread", ".ctor", AWL_CT, 1, 1, NULL, 0, thread_new, 0, "var t = new Thread(() => { }); t.Start(); t.Join();" },
  { "Thread", "Sleep", AWL_SM, 1, 1, NULL, 0, thread_sleep, 0, "Thread.Sleep(1);" },
  { "Thread", "CurrentThread", AWL_SP, 0, 0, NULL, 0, thread_current, 0, "var t = Thread.CurrentThread;" },
  { "Thread", "Start", AWL_IM, 0, 0, NULL, 0, thread_start, 0, "var t = new Thread(() => { }); t.Start(); t.Join();" },
  { "Thread", "Join", AWL_IM, 0, 1, NULL, 0, thread_join, 0, "var t = new Thread(() => { }); t.Start(); t.Join();" },
  { "Thread", "ManagedThreadId", AWL_IP, 0, 0, NULL, 0, thread_managed_id, 0, "int id = Thread.CurrentThread.ManagedThreadId;" },
  { "Thread", "IsThreadPoolThread", AWL_IP, 0, 0, NULL, 0, thread_is_pool, 0, "bool b = Thread.CurrentThread.IsThreadPoolThread;" },
  { "Thread", "IsBackground", AWL_IP, 0, 0, NULL, 0, false_value, 0, "bool b = Thread.CurrentThread.IsBackground;" },
  { "Thread", "Name", AWL_IP, 0, 0, NULL, 0, null_value, 0, "var n = Thread.CurrentThread.Name;" },
  { "ThreadPool", "SetMinThreads", AWL_SM, 2, 2, NULL, 0, pool_set_min, 0, "ThreadPool.SetMinThreads(8, 8);" },
  { "ThreadPool", "SetMaxThreads", AWL_SM, 2, 2, NULL, 0, true_value, 0, "ThreadPool.SetMaxThreads(8, 8);" },
  { "ThreadPool", "QueueUserWorkItem", AWL_SM, 1, 2, NULL, 0, pool_queue_user_work_item, 0, "ThreadPool.QueueUserWorkItem(_ => { });" },
  { "ThreadPool", "ThreadCount", AWL_SP, 0, 0, NULL, 0, pool_thread_count, 0, "int n = ThreadPool.ThreadCount;" },
  { "ThreadPool", "PendingWorkItemCount", AWL_SP, 0, 0, NULL, 0, pool_pending_work, 0, "long n = ThreadPool.PendingWorkItemCount;" },
  { "Environment", "ProcessorCount", AWL_SP, 0, 0, NULL, 0, processor_count, 0, "int n = Environment.ProcessorCount;" },
  { "Environment", "CurrentManagedThreadId", AWL_SP, 0, 0, NULL, 0, current_thread_id, 0, "int n = Environment.CurrentManagedThreadId;" },
  { "Environment", "TickCount", AWL_SP, 0, 0, NULL, 0, tick_count, 0, "int n = Environment.TickCount;" },
  { "SynchronizationContext", "Current", AWL_SP, 0, 0, NULL, 0, sync_context_current, 0, "var c = SynchronizationContext.Current;" },
  { "SemaphoreSlim", ".ctor", AWL_CT, 1, 2, NULL, 0, semaphore_new, 0, "var s = new SemaphoreSlim(1, 2);" },
  { "SemaphoreSlim", "Wait", AWL_IM, 0, 2, NULL, 0, semaphore_wait, 0, "var s = new SemaphoreSlim(1); s.Wait();" },
  { "SemaphoreSlim", "WaitAsync", AWL_IM, 0, 2, NULL, 0, semaphore_wait_async, 0, "var s = new SemaphoreSlim(1); await s.WaitAsync();" },
  { "SemaphoreSlim", "Release", AWL_IM, 0, 1, NULL, 0, semaphore_release, 0, "var s = new SemaphoreSlim(0); s.Release();" },
  { "SemaphoreSlim", "CurrentCount", AWL_IP, 0, 0, NULL, 0, semaphore_current_count, 0, "int n = new SemaphoreSlim(2).CurrentCount;" },
  { "SemaphoreSlim", "Dispose", AWL_IM, 0, 0, NULL, 0, null_value, 0, "new SemaphoreSlim(2).Dispose();" },
  { "CancellationTokenSource", ".ctor", AWL_CT, 0, 1, NULL, 0, cts_new, 0, "var cts = new CancellationTokenSource(100);" },
  { "CancellationTokenSource", "CreateLinkedTokenSource", AWL_SM, 1, AWL_V, NULL, 0, cts_linked, 0, CTS "var l = CancellationTokenSource.CreateLinkedTokenSource(cts.Token, CancellationToken.None);" },
  { "CancellationTokenSource", "Token", AWL_IP, 0, 0, NULL, 0, cts_token, 0, CTS "var t = cts.Token;" },
  { "CancellationTokenSource", "Cancel", AWL_IM, 0, 1, NULL, 0, cts_cancel, 0, CTS "cts.Cancel();" },
  { "CancellationTokenSource", "CancelAfter", AWL_IM, 1, 1, NULL, 0, cts_cancel_after, 0, CTS "cts.CancelAfter(5);" },
  { "CancellationTokenSource", "IsCancellationRequested", AWL_IP, 0, 0, NULL, 0, cts_is_cancellation_requested, 0, CTS "bool b = cts.IsCancellationRequested;" },
  { "CancellationTokenSource", "Dispose", AWL_IM, 0, 0, NULL, 0, null_value, 0, CTS "cts.Dispose();" },
  { "CancellationToken", "None", AWL_SP, 0, 0, NULL, 0, token_none, 0, "var t = CancellationToken.None;" },
  { "CancellationToken", "IsCancellationRequested", AWL_IP, 0, 0, NULL, 0, token_is_cancellation_requested, 0, CTS "bool b = cts.Token.IsCancellationRequested;" },
  { "CancellationToken", "ThrowIfCancellationRequested", AWL_IM, 0, 0, NULL, 0, token_throw_if_cancellation_requested, 0, CTS "cts.Token.ThrowIfCancellationRequested();" },
  { "CancellationToken", "CanBeCanceled", AWL_IP, 0, 0, NULL, 0, token_can_be_canceled, 0, "bool b = CancellationToken.None.CanBeCanceled;" },
  { "CancellationToken", "Register", AWL_IM, 1, 2, NULL, 0, token_register, 0, CTS "var r = cts.Token.Register(s => Console.WriteLine(s), \"state\"); cts.Cancel();" },
  { "CancellationTokenRegistration", "Dispose", AWL_IM, 0, 0, NULL, 0, null_value, 0, CTS "cts.Token.Register(() => { }).Dispose();" },
  { "Stopwatch", ".ctor", AWL_CT, 0, 0, NULL, 0, stopwatch_ctor, 0, "var sw = new Stopwatch(); sw.Start();" },
  { "Stopwatch", "StartNew", AWL_SM, 0, 0, NULL, 0, stopwatch_start_new, 0, "var sw = Stopwatch.StartNew();" },
  { "Stopwatch", "Elapsed", AWL_IP, 0, 0, NULL, 0, stopwatch_elapsed_span, 0, SW "var e = sw.Elapsed;" },
  { "Stopwatch", "ElapsedMilliseconds", AWL_IP, 0, 0, NULL, 0, stopwatch_elapsed_ms, 0, SW "long e = sw.ElapsedMilliseconds;" },
  { "Stopwatch", "Stop", AWL_IM, 0, 0, NULL, 0, stopwatch_stop, 0, SW "sw.Stop();" },
  { "Stopwatch", "Start", AWL_IM, 0, 0, NULL, 0, stopwatch_start, 0, SW "sw.Stop(); sw.Start();" },
  { "Stopwatch", "Restart", AWL_IM, 0, 0, NULL, 0, stopwatch_restart, 0, SW "sw.Restart();" },
  { "TimeSpan", "FromMilliseconds", AWL_SM, 1, 1, NULL, 0, timespan_from, 1, "await Task.Delay(TimeSpan.FromMilliseconds(5));" },
  { "TimeSpan", "FromSeconds", AWL_SM, 1, 1, NULL, 0, timespan_from, 1000, "await Task.Delay(TimeSpan.FromSeconds(0.5));" },
  { "TimeSpan", "Zero", AWL_SP, 0, 0, NULL, 0, timespan_zero, 0, "await Task.Delay(TimeSpan.Zero);" },
  { "TimeSpan", "FromMinutes", AWL_SM, 1, 1, NULL, 0, timespan_from, 60000, "var t = TimeSpan.FromMinutes(0.01);" },
  { "TimeSpan", "TotalMilliseconds", AWL_IP, 0, 0, NULL, 0, timespan_total, 1, "double ms = TimeSpan.FromSeconds(1).TotalMilliseconds;" },
  { "TimeSpan", "TotalSeconds", AWL_IP, 0, 0, NULL, 0, timespan_total, 1000, "double s = TimeSpan.FromMilliseconds(1500).TotalSeconds;" },
  { "TimeSpan", "TotalMinutes", AWL_IP, 0, 0, NULL, 0, timespan_total, 60000, "double m = TimeSpan.FromSeconds(90).TotalMinutes;" },
  { "TimeSpan", "Milliseconds", AWL_IP, 0, 0, NULL, 0, timespan_part, 0, "int n = TimeSpan.FromMilliseconds(1500).Milliseconds;" },
  { "TimeSpan", "Seconds", AWL_IP, 0, 0, NULL, 0, timespan_part, 1, "int n = TimeSpan.FromMilliseconds(1500).Seconds;" },
  { "TimeSpan", "Minutes", AWL_IP, 0, 0, NULL, 0, timespan_part, 2, "int n = TimeSpan.FromSeconds(90).Minutes;" },
  { "Interlocked", "Increment", AWL_SM, 1, 1, NULL, 0, interlocked, INTERLOCKED_INCREMENT, "int c = 0; int n = Interlocked.Increment(ref c);", AWL_API_REF_FIRST },
  { "Interlocked", "Decrement", AWL_SM, 1, 1, NULL, 0, interlocked, INTERLOCKED_DECREMENT, "int c = 0; Interlocked.Decrement(ref c);", AWL_API_REF_FIRST },
  { "Interlocked", "Add", AWL_SM, 2, 2, NULL, 0, interlocked, INTERLOCKED_ADD, "int c = 0; Interlocked.Add(ref c, 5);", AWL_API_REF_FIRST },
  { "Interlocked", "Exchange", AWL_SM, 2, 2, NULL, 0, interlocked, INTERLOCKED_EXCHANGE, "int c = 0; int old = Interlocked.Exchange(ref c, 5);", AWL_API_REF_FIRST | AWL_API_RETURNS_OLD },
  { "Interlocked", "CompareExchange", AWL_SM, 3, 3, NULL, 0, interlocked, INTERLOCKED_COMPARE_EXCHANGE, "int c = 0; int old = Interlocked.CompareExchange(ref c, 5, 0);", AWL_API_REF_FIRST | AWL_API_RETURNS_OLD },
  { "Interlocked", "Read", AWL_SM, 1, 1, NULL, 0, interlocked, INTERLOCKED_READ, "long c = 0; long n = Interlocked.Read(ref c);", AWL_API_REF_FIRST },
  { "Timeout", "Infinite", AWL_SP, 0, 0, NULL, 0, timeout_infinite, 0, "bool b = Task.Delay(1).Wait(Timeout.Infinite);" },
};

#undef CTS
#undef SW

const AwlApiFamily awl_api_family_threading = { "Threading", rows, G_N_ELEMENTS (rows) };
