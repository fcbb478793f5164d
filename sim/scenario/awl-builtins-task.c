/* awl-builtins-task.c
 *
 * System.Threading.Tasks: Task and its factory, options and statuses, ValueTask,
 * TaskCompletionSource and awaiters, mapped onto the runtime's task APIs.
 */

#include "awl-builtins-private.h"

/* ----------------------------------------------------------------------------- */
/* C frames: Task.WaitAny and Task.Unwrap */

/* Task.WaitAny: blocks on the WhenAny task, then answers the winner's index. */
static void
wait_any_step (AwlFrame *frame,
               AwlStep  *s)
{
  AwlHelperFrame *h = (AwlHelperFrame *) frame;
  AwlObject *winner;
  guint index = 0;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  if (h->phase++ == 0)
    {
      if (h->timeout >= 0)
        awl_step_wait_timeout (s, h->task, AWL_WAIT_RESULT, h->timeout);
      else
        awl_step_wait (s, h->task, AWL_WAIT_RESULT);
      return;
    }
  if (h->timeout >= 0)
    {
      /* Timed out: -1, as WaitAny(tasks, ms) answers. */
      if (s->value.kind != AWL_VALUE_BOOL || !s->value.b)
        {
          awl_step_return (s, awl_value_int (-1));
          return;
        }
      winner = awl_value_get_object (awl_task_get_result (h->task), AWL_OBJECT_TASK);
    }
  else
    winner = awl_value_get_object (s->value, AWL_OBJECT_TASK);
  g_ptr_array_find (h->tasks, winner, &index);
  awl_step_return (s, awl_value_int (index));
}

static void
unwrap_step (AwlFrame *frame,
             AwlStep  *s)
{
  AwlHelperFrame *h = (AwlHelperFrame *) frame;
  AwlObject *inner;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  switch (h->phase++)
    {
    case 0:
      frame->state = 0;
      awl_step_await (s, h->task, FALSE);
      return;
    case 1:
      inner = awl_value_get_object (s->value, AWL_OBJECT_TASK);
      if (inner == NULL)
        {
          awl_step_return (s, s->value);
          return;
        }
      frame->state = 1;
      awl_step_await (s, inner, FALSE);
      return;
    default:
      awl_step_return (s, s->value);
      return;
    }
}

/* Task.WaitAsync(timeout[, token]): the task's outcome, or TimeoutException when the
 * timeout passes first, or TaskCanceledException when the token is canceled first.
 * h->tasks holds the task and the timer (a Task.Delay with the token). */
static void
wait_async_step (AwlFrame *frame,
                 AwlStep  *s)
{
  AwlHelperFrame *h = (AwlHelperFrame *) frame;
  AwlObject *task = h->tasks->pdata[0], *timer = h->tasks->pdata[1];
  AwlObject *winner;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  switch (h->phase++)
    {
    case 0:
      frame->state = 0;
      awl_step_await (s, h->task, FALSE);
      return;
    case 1:
      winner = awl_value_get_object (s->value, AWL_OBJECT_TASK);
      if (winner == timer)
        {
          if (awl_task_get_status (timer) == AWL_TASK_CANCELED)
            awl_step_throw (s, awl_scn_exception (h->run->sim, "TaskCanceledException", NULL));
          else
            awl_step_throw (s, awl_scn_exception (h->run->sim, "TimeoutException", NULL));
          return;
        }
      frame->state = 1;
      awl_step_await (s, task, FALSE);
      return;
    default:
      awl_step_return (s, s->value);
      return;
    }
}

static const AwlFrameClass wait_async_class = { "Task.WaitAsync", AWL_FRAME_ASYNC, wait_async_step, bi_helper_free };

static const AwlFrameClass unwrap_class = { "Unwrap", AWL_FRAME_ASYNC, unwrap_step, bi_helper_free };
static const AwlFrameClass wait_any_class = { "Task.WaitAny", 0, wait_any_step, bi_helper_free };

/* ----------------------------------------------------------------------------- */
/* Task's static members */

AWL_BI (task_run)
{
  AwlFrame *frame = call->n_args >= 1 ? bi_closure_arg_frame (call, call->args[0], 0) : NULL;
  if (frame == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'function')");
  if (call->n_args >= 2)
    {
      AwlObject *token = bi_arg_token (call->args[1]);

      return bi_value (call, awl_value_object (awl_sim_task_run_with_token (call->sim, frame, token)));
    }
  return bi_value (call, awl_value_object (awl_sim_task_run (call->sim, frame)));
}

AWL_BI (task_start_new)
{
  AwlFrame *frame = call->n_args >= 1 ? bi_closure_arg_frame (call, call->args[0], 1) : NULL;
  AwlTaskOptions options = AWL_TASK_OPTION_NONE;
  for (guint i = 1; i < call->n_args; i++)
    if (call->args[i].kind == AWL_VALUE_INT)
      options = (AwlTaskOptions) call->args[i].i;
  if (frame == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'action')");
  return bi_value (call, awl_value_object (awl_sim_start_new (call->sim, frame, options)));
}

AWL_BI (task_delay)
{
  AwlTime ns;

  if (call->n_args < 1 || !bi_arg_time (call->args[0], &ns))
    {
      if (call->n_args >= 1 && call->args[0].kind == AWL_VALUE_INT && call->args[0].i == -1)
        ns = AWL_S (1000000);
      else
        return bi_throw (call, "ArgumentOutOfRangeException",
                         "The value needs to be either -1 (signifying an infinite timeout), 0 or a positive integer. (Parameter 'millisecondsDelay')");
    }
  return bi_value (call, awl_value_object (awl_sim_delay (call->sim, ns,
                                                          call->n_args >= 2 ? bi_arg_token (call->args[1]) : NULL)));
}

/* WhenAll (data 0) and WaitAll (data 1). */
AWL_BI (task_when_all)
{
  gboolean is_wait = call->api->data;
  AwlTime timeout = -1;
  gboolean bad = FALSE;
  gboolean timed = is_wait && bi_wait_timeout_arg (call, &timeout, &bad);
  g_autoptr(GPtrArray) tasks = NULL;
  AwlWhenAllFlags flags = AWL_WHEN_ALL_DEFAULT;
  AwlObject *all;

  if (bad)
    return bi_bad_timeout (call);
  tasks = bi_collect_tasks (call, 0, call->n_args - (timed ? 1 : 0));
  if (tasks == NULL)
    return bi_throw (call, "ArgumentException", "The tasks argument included a null value.");
  /* WaitAll and the generic WhenAll<TResult> collect failures in argument order. */
  if (is_wait || (call->site != NULL && call->site->generic_tasks))
    flags = AWL_WHEN_ALL_ARGUMENT_ORDER;
  all = awl_sim_when_all_full (call->sim, (AwlObject **) tasks->pdata, tasks->len, flags);
  if (!is_wait)
    return bi_value (call, awl_value_object (all));
  if (timed)
    {
      /* WaitAll(tasks, ms): true when all completed in time, else false. */
      awl_step_wait_timeout (call->s, all, AWL_WAIT_WAIT, timeout);
      return bi_action (call);
    }
  awl_step_wait (call->s, all, AWL_WAIT_WAIT);
  return bi_action_value (call, awl_value_null ());
}

/* WhenAny (data 0) and WaitAny (data 1). */
AWL_BI (task_when_any)
{
  gboolean is_wait = call->api->data;
  AwlTime timeout = -1;
  gboolean bad = FALSE;
  gboolean timed = is_wait && bi_wait_timeout_arg (call, &timeout, &bad);
  g_autoptr(GPtrArray) tasks = NULL;
  AwlObject *error = NULL, *any;
  AwlHelperFrame *h;

  if (bad)
    return bi_bad_timeout (call);
  tasks = bi_collect_tasks (call, 0, call->n_args - (timed ? 1 : 0));
  if (tasks == NULL)
    return bi_throw (call, "ArgumentException", "The tasks argument included a null value.");
  any = awl_sim_when_any (call->sim, (AwlObject **) tasks->pdata, tasks->len, &error);
  if (any == NULL)
    return bi_throw_error (call, error, "ArgumentException", "The tasks argument contains no tasks.");
  if (!is_wait)
    return bi_value (call, awl_value_object (any));
  /* WaitAny: a helper frame waits for the WhenAny task and returns the index. */
  h = bi_helper_new (&wait_any_class, call->run);
  h->task = any;
  h->tasks = g_ptr_array_ref (tasks);
  h->timeout = timed ? timeout : -1;
  awl_step_call (call->s, &h->parent);
  return bi_action (call);
}

AWL_BI (task_from_result)
{
  return bi_value (call, awl_value_object (awl_sim_task_from_result (call->sim, call->n_args ? call->args[0] : awl_value_null ())));
}

AWL_BI (task_completed)
{
  return bi_value (call, awl_value_object (awl_sim_completed_task (call->sim)));
}

AWL_BI (task_yield)
{
  return bi_value (call, awl_value_object (call->run->yield_object));
}

AWL_BI (task_from_exception)
{
  AwlObject *e = call->n_args ? awl_value_get_object (call->args[0], AWL_OBJECT_EXCEPTION) : NULL;
  if (e == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'exception')");
  return bi_value (call, awl_value_object (awl_sim_task_from_exception (call->sim, e)));
}

AWL_BI (task_from_canceled)
{
  return bi_value (call, awl_value_object (awl_sim_task_from_canceled (call->sim)));
}

/* Enum values and static properties whose value is the row's data. */
AWL_BI (int_constant)
{
  return bi_value (call, awl_value_int (call->api->data));
}

/* TaskStatus values are their names (Status answers the name too). */
AWL_BI (status_value)
{
  return bi_value (call, awl_value_string (call->api->member));
}

AWL_BI (null_value)
{
  return bi_value (call, awl_value_null ());
}

/* ----------------------------------------------------------------------------- */
/* Task's instance members */

static AwlObject *
target_task (AwlBiCall *call)
{
  return call->target.o;
}

AWL_BI (task_result)
{
  AwlObject *task = target_task (call);
  if (awl_task_get_kind (task) == AWL_TASK_KIND_WHEN_ALL)
    call->when_all = task;
  awl_step_wait (call->s, task, AWL_WAIT_RESULT);
  return bi_action (call);
}

AWL_BI (task_wait)
{
  AwlObject *task = target_task (call);

  if (call->n_args >= 1 && bi_is_time (call->args[0]))
    {
      /* Wait(ms) / Wait(TimeSpan): true if completed in time, false on timeout. */
      AwlTime timeout;
      if (!bi_arg_timeout (call->args[0], &timeout))
        return bi_bad_timeout (call);
      awl_step_wait_timeout (call->s, task, AWL_WAIT_WAIT, timeout);
      return bi_action (call);
    }
  awl_step_wait (call->s, task, AWL_WAIT_WAIT);
  return bi_action_value (call, awl_value_null ());
}

/* GetAwaiter (data 1) and ConfigureAwait (data 0). */
AWL_BI (task_awaiter)
{
  gboolean is_awaiter = call->api->data;
  AwlAwaitable *aw = awl_sim_foreign_new (call->sim, &awl_awaitable_class, sizeof (AwlAwaitable));

  aw->task = target_task (call);
  aw->capture = is_awaiter ? TRUE : (call->n_args >= 1 && call->args[0].kind == AWL_VALUE_BOOL ? call->args[0].b : TRUE);
  aw->awaiter = is_awaiter;
  return bi_value (call, awl_value_object (aw));
}

AWL_BI (task_is_completed)
{
  return bi_value (call, awl_value_bool (awl_task_is_completed (target_task (call))));
}

/* IsFaulted, IsCanceled, IsCompletedSuccessfully: data is the status. */
AWL_BI (task_has_status)
{
  return bi_value (call, awl_value_bool (awl_task_get_status (target_task (call)) == (AwlTaskStatus) call->api->data));
}

AWL_BI (task_status)
{
  static const char * const names[] = {
    "Created", "WaitingForActivation", "WaitingToRun", "Running", "WaitingForChildrenToComplete",
    "RanToCompletion", "Canceled", "Faulted",
  };
  guint status = awl_task_get_status (target_task (call));
  return bi_value (call, awl_value_string (status < G_N_ELEMENTS (names) ? names[status] : "Created"));
}

AWL_BI (task_exception)
{
  return bi_value (call, awl_value_object (awl_sim_task_get_exception (call->sim, target_task (call))));
}

AWL_BI (task_id)
{
  return bi_value (call, awl_value_int (target_task (call)->id));
}

AWL_BI (task_to_string)
{
  return bi_value (call, awl_value_string ("System.Threading.Tasks.Task"));
}

AWL_BI (task_as_task)
{
  return bi_value (call, call->target);
}

AWL_BI (task_wait_async)
{
  AwlTime timeout = AWL_S (1000000);
  AwlObject *token = NULL, *timer, *any, *error = NULL;
  AwlHelperFrame *h;

  for (guint i = 0; i < call->n_args; i++)
    {
      if (bi_is_time (call->args[i]))
        {
          if (!bi_arg_timeout (call->args[i], &timeout))
            return bi_bad_timeout (call);
          if (timeout < 0)
            timeout = AWL_S (1000000);
        }
      else
        token = bi_arg_token (call->args[i]);
    }
  timer = awl_sim_delay (call->sim, timeout, token);
  h = bi_helper_new (&wait_async_class, call->run);
  h->tasks = g_ptr_array_new ();
  g_ptr_array_add (h->tasks, target_task (call));
  g_ptr_array_add (h->tasks, timer);
  any = awl_sim_when_any (call->sim, (AwlObject **) h->tasks->pdata, 2, &error);
  h->task = any;
  awl_step_call (call->s, &h->parent);
  return bi_action (call);
}

AWL_BI (task_unwrap)
{
  AwlHelperFrame *h = bi_helper_new (&unwrap_class, call->run);
  h->task = target_task (call);
  awl_step_call (call->s, &h->parent);
  return bi_action (call);
}

AWL_BI (task_continue_with)
{
  /* The default scheduler: queued to the pool when the antecedent completes
   * (inline with ExecuteSynchronously); the delegate gets the antecedent. */
  AwlObject *task = target_task (call);
  AwlClosure *fn = call->n_args ? awl_value_get_foreign (call->args[0], &awl_closure_class) : NULL;
  AwlValue arg = awl_value_object (task);
  AwlTaskOptions options = AWL_TASK_OPTION_NONE;

  if (fn == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'continuationAction')");
  for (guint i = 1; i < call->n_args; i++)
    if (call->args[i].kind == AWL_VALUE_INT)
      options = (AwlTaskOptions) call->args[i].i;
  return bi_value_yield (call, awl_value_object (
           awl_sim_continue_with (call->sim, task, awl_closure_frame (call->run, fn, &arg, 1),
                                  options & (AWL_TASK_OPTION_EXECUTE_SYNCHRONOUSLY |
                                             AWL_TASK_OPTION_PREFER_FAIRNESS |
                                             AWL_TASK_OPTION_NOT_ON_RAN_TO_COMPLETION |
                                             AWL_TASK_OPTION_NOT_ON_FAULTED |
                                             AWL_TASK_OPTION_NOT_ON_CANCELED))));
}

/* ----------------------------------------------------------------------------- */
/* Awaiters: ConfigureAwait(…).GetAwaiter(), GetResult(), IsCompleted */

AWL_BI (awaitable_get_awaiter)
{
  AwlAwaitable *aw = awl_value_get_foreign (call->target, &awl_awaitable_class);
  AwlAwaitable *w = awl_sim_foreign_new (call->sim, &awl_awaitable_class, sizeof (AwlAwaitable));

  w->task = aw->task;
  w->capture = aw->capture;
  w->awaiter = TRUE;
  return bi_value (call, awl_value_object (w));
}

AWL_BI (awaiter_get_result)
{
  AwlAwaitable *aw = awl_value_get_foreign (call->target, &awl_awaitable_class);

  if (awl_task_get_kind (aw->task) == AWL_TASK_KIND_WHEN_ALL)
    call->when_all = aw->task;
  awl_step_wait (call->s, aw->task, AWL_WAIT_GET_RESULT);
  return bi_action (call);
}

AWL_BI (awaiter_is_completed)
{
  AwlAwaitable *aw = awl_value_get_foreign (call->target, &awl_awaitable_class);
  return bi_value (call, awl_value_bool (awl_task_is_completed (aw->task)));
}

/* ----------------------------------------------------------------------------- */
/* ValueTask and TaskCompletionSource */

AWL_BI (value_task_new)
{
  AwlObject *t = call->n_args ? awl_value_get_object (call->args[0], AWL_OBJECT_TASK) : NULL;
  if (t)
    return bi_value (call, awl_value_object (t));
  return bi_value (call, awl_value_object (awl_sim_task_from_result (call->sim, call->n_args ? call->args[0] : awl_value_null ())));
}

AWL_BI (tcs_new)
{
  return bi_value (call, awl_value_object (awl_sim_tcs_new (call->sim, call->n_args >= 1 ? (AwlTaskOptions) bi_arg_int (call->args[0], 0) : 0)));
}

AWL_BI (tcs_task)
{
  return bi_value (call, awl_value_object (awl_tcs_get_task (call->target.o)));
}

/* data: 0 result, 1 exception, 2 canceled; + 4 for the Try variants. */
AWL_BI (tcs_set)
{
  AwlObject *tcs = call->target.o;
  AwlObject *error = NULL;
  gboolean is_try = (call->api->data & 4) != 0, ok;
  int what = call->api->data & 3;

  if (what == 0)
    ok = awl_sim_tcs_set_result (call->sim, tcs, call->n_args ? call->args[0] : awl_value_null (), is_try ? NULL : &error);
  else if (what == 1)
    {
      AwlObject *e = call->n_args ? awl_value_get_object (call->args[0], AWL_OBJECT_EXCEPTION) : NULL;
      if (e == NULL)
        return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'exception')");
      ok = awl_sim_tcs_set_exception (call->sim, tcs, e, is_try ? NULL : &error);
    }
  else
    ok = awl_sim_tcs_set_canceled (call->sim, tcs, is_try ? NULL : &error);
  if (!ok && !is_try)
    return bi_throw_error (call, error, "InvalidOperationException",
                           "An attempt was made to transition a task to a final state when it had already completed.");
  return bi_value_yield (call, is_try ? awl_value_bool (ok) : awl_value_null ());
}

/* ----------------------------------------------------------------------------- */
/* The rows */

#define T "var t = Task.Delay(5); await t; "

static const AwlKnownApi rows[] = {
  { "Task", "Run", AWL_SM, 1, 2, NULL, 1, task_run, 0, "await Task.Run(() => 1);" },
  { "Task", "Delay", AWL_SM, 1, 2, NULL, 0, task_delay, 0, "await Task.Delay(10);" },
  { "Task", "WhenAll", AWL_SM, 1, AWL_V, NULL, 0, task_when_all, 0, "await Task.WhenAll(Task.Delay(1), Task.Delay(2));" },
  { "Task", "WaitAll", AWL_SM, 1, AWL_V, NULL, 0, task_when_all, 1, "Task.WaitAll(Task.Delay(1), Task.Delay(2));" },
  { "Task", "WhenAny", AWL_SM, 1, AWL_V, NULL, 0, task_when_any, 0, "await Task.WhenAny(Task.Delay(1), Task.Delay(2));" },
  { "Task", "WaitAny", AWL_SM, 1, AWL_V, NULL, 0, task_when_any, 1, "int i = Task.WaitAny(Task.Delay(1), Task.Delay(2));" },
  { "Task", "FromResult", AWL_SM, 1, 1, NULL, 1, task_from_result, 0, "int x = await Task.FromResult(1);" },
  { "Task", "FromException", AWL_SM, 1, 1, NULL, 1, task_from_exception, 0, "var t = Task.FromException(new Exception(\"x\"));" },
  { "Task", "FromCanceled", AWL_SM, 1, 1, NULL, 1, task_from_canceled, 0, "var cts = new CancellationTokenSource(); cts.Cancel(); var t = Task.FromCanceled(cts.Token);" },
  { "Task", "CompletedTask", AWL_SP, 0, 0, NULL, 0, task_completed, 0, "await Task.CompletedTask;" },
  { "Task", "Yield", AWL_SM, 0, 0, NULL, 0, task_yield, 0, "await Task.Yield();" },
  { "Task.Factory", "StartNew", AWL_SM, 1, 4, NULL, 1, task_start_new, 0, "await Task.Factory.StartNew(() => 1);" },
  { "Task", "Result", AWL_IP, 0, 0, NULL, 0, task_result, 0, "int x = Task.FromResult(1).Result;" },
  { "Task", "Wait", AWL_IM, 0, 2, NULL, 0, task_wait, 0, "Task.Delay(1).Wait();" },
  { "Task", "GetAwaiter", AWL_IM, 0, 0, NULL, 0, task_awaiter, 1, "Task.Delay(1).GetAwaiter().GetResult();" },
  { "Task", "ConfigureAwait", AWL_IM, 1, 1, NULL, 0, task_awaiter, 0, "await Task.Delay(1).ConfigureAwait(false);" },
  { "Task", "ContinueWith", AWL_IM, 1, 2, NULL, 0, task_continue_with, 0, "await Task.Delay(1).ContinueWith(t => 1);" },
  { "Task", "IsCompleted", AWL_IP, 0, 0, NULL, 0, task_is_completed, 0, T "bool b = t.IsCompleted;" },
  { "Task", "IsCompletedSuccessfully", AWL_IP, 0, 0, NULL, 0, task_has_status, AWL_TASK_RAN_TO_COMPLETION, T "bool b = t.IsCompletedSuccessfully;" },
  { "Task", "IsFaulted", AWL_IP, 0, 0, NULL, 0, task_has_status, AWL_TASK_FAULTED, T "bool b = t.IsFaulted;" },
  { "Task", "IsCanceled", AWL_IP, 0, 0, NULL, 0, task_has_status, AWL_TASK_CANCELED, T "bool b = t.IsCanceled;" },
  { "Task", "Status", AWL_IP, 0, 0, NULL, 0, task_status, 0, T "Console.WriteLine(t.Status);" },
  { "Task", "Exception", AWL_IP, 0, 0, NULL, 0, task_exception, 0, T "var e = t.Exception;" },
  { "Task", "Id", AWL_IP, 0, 0, NULL, 0, task_id, 0, T "int id = t.Id;" },
  { "Task", "ToString", AWL_IM, 0, 0, NULL, 0, task_to_string, 0, T "string s = t.ToString();" },
  { "Task", "AsTask", AWL_IM, 0, 0, NULL, 0, task_as_task, 0, "await Task.Delay(1).AsTask();" },
  { "Task", "WaitAsync", AWL_IM, 1, 2, NULL, 0, task_wait_async, 0, "try { await Task.Delay(50).WaitAsync(TimeSpan.FromMilliseconds(10)); } catch (TimeoutException) { }" },
  { "Task", "Unwrap", AWL_IM, 0, 0, NULL, 0, task_unwrap, 0, "await Task.Factory.StartNew(async () => { await Task.Delay(1); }).Unwrap();" },
  { "ConfiguredTaskAwaitable", "GetAwaiter", AWL_IM, 0, 0, NULL, 0, awaitable_get_awaiter, 0, "Task.Delay(1).ConfigureAwait(false).GetAwaiter().GetResult();" },
  { "TaskAwaiter", "GetResult", AWL_IM, 0, 0, NULL, 0, awaiter_get_result, 0, "int x = Task.FromResult(1).GetAwaiter().GetResult();" },
  { "TaskAwaiter", "IsCompleted", AWL_IP, 0, 0, NULL, 0, awaiter_is_completed, 0, "bool b = Task.Delay(1).GetAwaiter().IsCompleted;" },
  { "TaskCreationOptions", "None", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_NONE, "await Task.Factory.StartNew(() => 1, TaskCreationOptions.None);" },
  { "TaskCreationOptions", "LongRunning", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_LONG_RUNNING, "await Task.Factory.StartNew(() => 1, TaskCreationOptions.LongRunning);" },
  { "TaskCreationOptions", "PreferFairness", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_PREFER_FAIRNESS, "await Task.Factory.StartNew(() => 1, TaskCreationOptions.PreferFairness);" },
  { "TaskCreationOptions", "RunContinuationsAsynchronously", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_RUN_CONT_ASYNC, "var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);" },
  { "TaskCreationOptions", "DenyChildAttach", AWL_EV, 0, 0, NULL, 0, int_constant, 0, "await Task.Factory.StartNew(() => 1, TaskCreationOptions.DenyChildAttach);" },
  { "TaskContinuationOptions", "None", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_NONE, "await Task.Delay(1).ContinueWith(t => 1, TaskContinuationOptions.None);" },
  { "TaskContinuationOptions", "OnlyOnRanToCompletion", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_NOT_ON_FAULTED | AWL_TASK_OPTION_NOT_ON_CANCELED, "await Task.Delay(1).ContinueWith(t => 1, TaskContinuationOptions.OnlyOnRanToCompletion);" },
  { "TaskContinuationOptions", "OnlyOnFaulted", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_NOT_ON_RAN_TO_COMPLETION | AWL_TASK_OPTION_NOT_ON_CANCELED, "await Task.FromException(new Exception(\"x\")).ContinueWith(t => 1, TaskContinuationOptions.OnlyOnFaulted);" },
  { "TaskContinuationOptions", "OnlyOnCanceled", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_NOT_ON_RAN_TO_COMPLETION | AWL_TASK_OPTION_NOT_ON_FAULTED, "var cts = new CancellationTokenSource(); cts.Cancel(); await Task.FromCanceled(cts.Token).ContinueWith(t => 1, TaskContinuationOptions.OnlyOnCanceled);" },
  { "TaskContinuationOptions", "NotOnFaulted", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_NOT_ON_FAULTED, "await Task.Delay(1).ContinueWith(t => 1, TaskContinuationOptions.NotOnFaulted);" },
  { "TaskContinuationOptions", "NotOnCanceled", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_NOT_ON_CANCELED, "await Task.Delay(1).ContinueWith(t => 1, TaskContinuationOptions.NotOnCanceled);" },
  { "TaskContinuationOptions", "NotOnRanToCompletion", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_NOT_ON_RAN_TO_COMPLETION, "await Task.FromException(new Exception(\"x\")).ContinueWith(t => 1, TaskContinuationOptions.NotOnRanToCompletion);" },
  { "TaskContinuationOptions", "ExecuteSynchronously", AWL_EV, 0, 0, NULL, 0, int_constant, AWL_TASK_OPTION_EXECUTE_SYNCHRONOUSLY, "await Task.Delay(1).ContinueWith(t => 1, TaskContinuationOptions.ExecuteSynchronously);" },
  { "TaskScheduler", "Default", AWL_SP, 0, 0, NULL, 0, null_value, 0, "var s = TaskScheduler.Default;" },
  { "TaskScheduler", "Current", AWL_SP, 0, 0, NULL, 0, null_value, 0, "var s = TaskScheduler.Current;" },
  { "TaskStatus", "Created", AWL_EV, 0, 0, NULL, 0, status_value, 0, "bool b = Task.Delay(1).Status == TaskStatus.Created;" },
  { "TaskStatus", "WaitingForActivation", AWL_EV, 0, 0, NULL, 0, status_value, 0, "bool b = Task.Delay(1).Status == TaskStatus.WaitingForActivation;" },
  { "TaskStatus", "WaitingToRun", AWL_EV, 0, 0, NULL, 0, status_value, 0, "bool b = Task.Delay(1).Status == TaskStatus.WaitingToRun;" },
  { "TaskStatus", "Running", AWL_EV, 0, 0, NULL, 0, status_value, 0, "bool b = Task.Delay(1).Status == TaskStatus.Running;" },
  { "TaskStatus", "RanToCompletion", AWL_EV, 0, 0, NULL, 0, status_value, 0, "bool b = Task.Delay(1).Status == TaskStatus.RanToCompletion;" },
  { "TaskStatus", "Canceled", AWL_EV, 0, 0, NULL, 0, status_value, 0, "bool b = Task.Delay(1).Status == TaskStatus.Canceled;" },
  { "TaskStatus", "Faulted", AWL_EV, 0, 0, NULL, 0, status_value, 0, "bool b = Task.Delay(1).Status == TaskStatus.Faulted;" },
  { "ValueTask", ".ctor", AWL_CT, 1, 1, NULL, 1, value_task_new, 0, "int x = await new ValueTask<int>(1);" },
  { "ValueTask", "FromResult", AWL_SM, 1, 1, NULL, 1, task_from_result, 0, "int x = await ValueTask.FromResult(1);" },
  { "ValueTask", "CompletedTask", AWL_SP, 0, 0, NULL, 0, task_completed, 0, "await ValueTask.CompletedTask;" },
  { "TaskCompletionSource", ".ctor", AWL_CT, 0, 1, NULL, 1, tcs_new, 0, "var tcs = new TaskCompletionSource<int>();" },
  { "TaskCompletionSource", "Task", AWL_IP, 0, 0, NULL, 0, tcs_task, 0, "var tcs = new TaskCompletionSource<int>(); tcs.SetResult(1); int x = await tcs.Task;" },
  { "TaskCompletionSource", "SetResult", AWL_IM, 0, 1, NULL, 0, tcs_set, 0, "var tcs = new TaskCompletionSource<int>(); tcs.SetResult(1);" },
  { "TaskCompletionSource", "SetException", AWL_IM, 1, 1, NULL, 0, tcs_set, 1, "var tcs = new TaskCompletionSource<int>(); tcs.SetException(new Exception());" },
  { "TaskCompletionSource", "SetCanceled", AWL_IM, 0, 1, NULL, 0, tcs_set, 2, "var tcs = new TaskCompletionSource<int>(); tcs.SetCanceled();" },
  { "TaskCompletionSource", "TrySetResult", AWL_IM, 0, 1, NULL, 0, tcs_set, 4, "var tcs = new TaskCompletionSource<int>(); bool b = tcs.TrySetResult(1);" },
  { "TaskCompletionSource", "TrySetException", AWL_IM, 1, 1, NULL, 0, tcs_set, 5, "var tcs = new TaskCompletionSource<int>(); bool b = tcs.TrySetException(new Exception());" },
  { "TaskCompletionSource", "TrySetCanceled", AWL_IM, 0, 1, NULL, 0, tcs_set, 6, "var tcs = new TaskCompletionSource<int>(); bool b = tcs.TrySetCanceled();" },
};

#undef T

const AwlApiFamily awl_api_family_task = { "Tasks", rows, G_N_ELEMENTS (rows) };
