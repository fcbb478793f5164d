/* awl-task.c
 *
 * Tasks: statuses, results, continuations and the await rules, the public task API and
 * TaskCompletionSource.
 */

#include "awl-task-private.h"
#include "awl-cancel-private.h"
#include "awl-context-private.h"
#include "awl-thread-private.h"

static void run_cont (AwlSim *sim, AwlTask *task, AwlCont *c, gboolean *inline_used,
                      gboolean force_async);

void
awl_sim_emit_task_status (AwlSim  *sim,
                          AwlTask *task)
{
  const char *text = NULL;

  if (task->status == AWL_TASK_FAULTED && task->exceptions && task->exceptions->len)
    {
      AwlObject *e = g_ptr_array_index (task->exceptions, 0);
      text = awl_sim_intern_printf (sim, "%s: %s", awl_exception_get_type_name (e),
                                    awl_exception_get_message (e));
    }
  awl_sim_emit (sim, AWL_EVENT_TASK_STATUS, task->status, sim->current, task->parent.id,
                task->exceptions && task->exceptions->len
                ? ((AwlObject *) g_ptr_array_index (task->exceptions, 0))->id : 0,
                0, 0, text);
  awl_trace_task_status (sim->trace, task->parent.id, task->status, sim->now);
}

/* The status a task is born with, as .NET reports it: delegate tasks (Task.Run,
 * StartNew) are Created until scheduled, which happens at once; every promise-style task
 * (an async method's task, Delay, I/O, TaskCompletionSource, WhenAll/WhenAny, WaitAsync,
 * MoveNextAsync, the Unwrap proxy) is WaitingForActivation from the start. */
static AwlTaskStatus
initial_status (AwlTaskKind kind)
{
  switch (kind)
    {
    case AWL_TASK_KIND_RUN:
    case AWL_TASK_KIND_LONG_RUNNING:
    case AWL_TASK_KIND_FROM_RESULT:   /* completed before anyone sees it */
      return AWL_TASK_CREATED;
    default:
      return AWL_TASK_WAITING_FOR_ACTIVATION;
    }
}

AwlTask *
awl_task_new (AwlSim      *sim,
              AwlTaskKind  kind,
              const char  *name)
{
  AwlTask *task = awl_sim_alloc_object (sim, AWL_OBJECT_TASK, sizeof *task);

  task->kind = kind;
  task->status = initial_status (kind);
  task->name = awl_sim_intern (sim, name ? name : "Task");
  task->line = awl_sim_current_line (sim);
  awl_trace_add_task (sim->trace, task->parent.id, kind, task->name, sim->now, task->line);
  awl_trace_task_status (sim->trace, task->parent.id, task->status, sim->now);
  awl_sim_emit (sim, AWL_EVENT_TASK_CREATED, kind, sim->current, task->parent.id,
                task->status, 0, 0, task->name);
  if (task->parent.id > sim->config.limit_tasks)
    awl_sim_finish_limit (sim, AWL_LIMIT_TASKS,
                    awl_sim_intern_printf (sim, "limit: more than %u tasks",
                                           sim->config.limit_tasks));
  return task;
}

const char *
awl_sim_task_label (AwlSim  *sim,
                    AwlTask *task)
{
  return awl_sim_intern_printf (sim, "Task %u (%s)", task->parent.id, task->name);
}

AwlObject *
awl_sim_canceled_exception (AwlSim *sim)
{
  return awl_sim_exception_new (sim, "TaskCanceledException", "A task was canceled.");
}

gboolean
awl_exception_is_cancellation (AwlObject *exception)
{
  return awl_exception_is_a (exception, "OperationCanceledException");
}

static AwlObject *
task_aggregate (AwlSim  *sim,
                AwlTask *task)
{
  if (task->aggregate == NULL)
    {
      if (task->status == AWL_TASK_CANCELED)
        {
          AwlObject *inner = awl_sim_canceled_exception (sim);
          task->aggregate = awl_sim_aggregate_exception_new (sim, &inner, 1);
        }
      else
        task->aggregate = awl_sim_aggregate_exception_new (sim,
                                                           (AwlObject **) task->exceptions->pdata,
                                                           task->exceptions->len);
    }
  return task->aggregate;
}

AwlResumeWith
awl_task_resume_with (AwlSim      *sim,
                      AwlTask     *task,
                      AwlWaitKind  kind)
{
  AwlResumeWith r = { AWL_RESUME_VALUE, awl_value_null (), NULL };

  task->observed = TRUE;
  switch (task->status)
    {
    case AWL_TASK_RAN_TO_COMPLETION:
      if (kind != AWL_WAIT_WAIT)
        r.value = task->result;
      break;
    case AWL_TASK_FAULTED:
      r.resume = AWL_RESUME_EXCEPTION;
      r.exception = kind == AWL_WAIT_GET_RESULT ? g_ptr_array_index (task->exceptions, 0)
                                                : task_aggregate (sim, task);
      break;
    case AWL_TASK_CANCELED:
      r.resume = AWL_RESUME_EXCEPTION;
      if (kind == AWL_WAIT_GET_RESULT)
        r.exception = task->exceptions && task->exceptions->len
                      ? g_ptr_array_index (task->exceptions, 0)
                      : awl_sim_canceled_exception (sim);
      else
        r.exception = task_aggregate (sim, task);
      break;
    default:
      g_assert_not_reached ();
    }
  return r;
}

static void
task_dispose_registration (AwlSim  *sim,
                           AwlTask *task)
{
  AwlRegistration *reg = g_steal_pointer (&task->cancel_reg);

  if (reg != NULL && !reg->done)
    {
      reg->done = TRUE;
      awl_cts_emit_registered (sim, reg->cts);
    }
}

void
awl_task_complete_list (AwlSim        *sim,
                        AwlTask       *task,
                        AwlTaskStatus  status,
                        AwlValue       result,
                        GPtrArray     *exceptions)
{
  AwlCont *c, *next;
  gboolean inline_used = FALSE;

  g_assert (!awl_task_is_completed (&task->parent));

  task->status = status;
  task_dispose_registration (sim, task);
  task->result = result;
  if (exceptions && exceptions->len)
    task->exceptions = g_ptr_array_ref (exceptions);
  if (status == AWL_TASK_FAULTED)
    {
      task->fault_time = sim->now;
      task->fault_line = awl_exception_get_line (g_ptr_array_index (task->exceptions, 0));
      if (task->fault_line == 0)
        task->fault_line = awl_sim_current_line (sim);
      task->fault_thread = awl_sim_thread_id (sim->current);
      g_ptr_array_add (sim->faulted, task);
    }
  awl_sim_emit_task_status (sim, task);

  c = task->conts;
  task->conts = task->conts_tail = NULL;
  for (; c != NULL; c = next)
    {
      next = c->next;
      run_cont (sim, task, c, &inline_used, FALSE);
    }
}

void
awl_task_complete (AwlSim        *sim,
                   AwlTask       *task,
                   AwlTaskStatus  status,
                   AwlValue       result,
                   AwlObject     *exception)
{
  g_autoptr(GPtrArray) list = NULL;

  if (awl_task_is_completed (&task->parent))
    return;
  if (exception != NULL)
    {
      list = g_ptr_array_new ();
      g_ptr_array_add (list, exception);
    }
  awl_task_complete_list (sim, task, status, result, list);
}

static void
schedule_await (AwlSim   *sim,
                AwlTask  *task,
                AwlCont  *c,
                gboolean *inline_used,
                gboolean  force_async)
{
  AwlThread *t = sim->current;
  AwlContext *here = awl_sim_current_context (sim, t);
  gboolean rca = (task->options & AWL_TASK_OPTION_RUN_CONT_ASYNC) != 0;
  gboolean may_inline = t != NULL && !rca && !*inline_used && !force_async;
  AwlContinuationHow how;
  guint64 flow = ++sim->next_flow_id;
  AwlResumeWith with = awl_task_resume_with (sim, task, AWL_WAIT_GET_RESULT);

  if (c->context != NULL)
    how = may_inline && here == c->context ? AWL_CONT_INLINE : AWL_CONT_POSTED;
  else if (may_inline && here == NULL)
    how = AWL_CONT_INLINE;
  else
    how = t && t->kind == AWL_THREAD_POOL ? AWL_CONT_QUEUED_LOCAL : AWL_CONT_QUEUED_GLOBAL;

  awl_sim_emit (sim, AWL_EVENT_CONTINUATION, how, t, task->parent.id, c->frame->id, flow,
                how == AWL_CONT_QUEUED_LOCAL ? (gint32) t->parent.id : 0, NULL);

  if (how == AWL_CONT_INLINE)
    {
      AwlJob *job = g_new0 (AwlJob, 1);

      *inline_used = TRUE;
      job->frame = c->frame;
      job->resume = with;
      job->flow = flow;
      job->awaited = task;
      job->is_resume = TRUE;
      job->how = how;
      awl_sim_push_job (sim, t, job);
    }
  else
    {
      AwlWorkItem *item = awl_work_item_new (sim, ITEM_RESUME,
                                             awl_sim_intern_printf (sim, "continuation of %s",
                                                                    c->frame->name));
      item->frame = c->frame;
      item->resume = with;
      item->flow = flow;
      item->awaited = task;
      item->how = how;
      if (how == AWL_CONT_POSTED)
        awl_sim_post (sim, c->context, item);
      else
        awl_sim_queue_item (sim, item, how == AWL_CONT_QUEUED_LOCAL);
    }
}

static void
run_cont (AwlSim   *sim,
          AwlTask  *task,
          AwlCont  *c,
          gboolean *inline_used,
          gboolean  force_async)
{
  switch (c->kind)
    {
    case CONT_AWAIT:
      schedule_await (sim, task, c, inline_used, force_async);
      break;
    case CONT_WAITER:
      /* A timed wait's timeout event goes stale with the wake: give back its count. */
      if (GPOINTER_TO_INT (c->data) & AWL_WAITER_TIMER)
        awl_sim_release_foreground (sim);
      awl_sim_unblock (sim, c->thread,
                       awl_sim_waiter_resume (sim, task, GPOINTER_TO_INT (c->data)));
      break;
    case CONT_WHEN_ALL:
      awl_task_when_all_child_done (sim, c->target, task);
      break;
    case CONT_WHEN_ANY:
      awl_task_when_any_child_done (sim, c->target, task);
      break;
    case CONT_UNWRAP:
      awl_task_unwrap_done (sim, c->target, task);
      break;
    case CONT_FUNC:
      c->func (sim, task, c->data);
      break;
    case CONT_CONTINUE_WITH:
      awl_task_continue_with_start (sim, c, task);
      break;
    default:
      g_assert_not_reached ();
    }
  g_free (c);
}

void
awl_task_add_cont (AwlSim  *sim,
                   AwlTask *task,
                   AwlCont *cont)
{
  if (awl_task_is_completed (&task->parent))
    {
      /* Already complete at registration: the continuation is queued, never inline. */
      gboolean inline_used = TRUE;

      run_cont (sim, task, cont, &inline_used, TRUE);
      return;
    }
  cont->next = NULL;
  if (task->conts_tail)
    task->conts_tail->next = cont;
  else
    task->conts = cont;
  task->conts_tail = cont;
}

void
awl_task_free_internal (AwlTask *task)
{
  AwlCont *c, *next;

  for (c = task->conts; c != NULL; c = next)
    {
      next = c->next;
      g_free (c);
    }
  g_clear_pointer (&task->exceptions, g_ptr_array_unref);
  g_clear_pointer (&task->failed_children, g_ptr_array_unref);
  g_free (task->children);
}

AwlTaskStatus
awl_task_get_status (const AwlObject *task)
{
  g_return_val_if_fail (AWL_IS_TASK (task), AWL_TASK_CREATED);
  return ((const AwlTask *) task)->status;
}

gboolean
awl_task_is_completed (const AwlObject *task)
{
  AwlTaskStatus s;

  g_return_val_if_fail (AWL_IS_TASK (task), FALSE);
  s = ((const AwlTask *) task)->status;
  return s == AWL_TASK_RAN_TO_COMPLETION || s == AWL_TASK_FAULTED || s == AWL_TASK_CANCELED;
}

AwlValue
awl_task_get_result (const AwlObject *task)
{
  g_return_val_if_fail (AWL_IS_TASK (task), awl_value_null ());
  return ((const AwlTask *) task)->status == AWL_TASK_RAN_TO_COMPLETION
         ? ((const AwlTask *) task)->result : awl_value_null ();
}

AwlTaskKind
awl_task_get_kind (const AwlObject *task)
{
  g_return_val_if_fail (AWL_IS_TASK (task), AWL_TASK_KIND_FROM_RESULT);
  return ((const AwlTask *) task)->kind;
}

const char *
awl_task_get_name (const AwlObject *task)
{
  g_return_val_if_fail (AWL_IS_TASK (task), NULL);
  return ((const AwlTask *) task)->name;
}

AwlObject *
awl_sim_task_get_exception (AwlSim    *sim,
                            AwlObject *task)
{
  AwlTask *t = (AwlTask *) task;

  g_return_val_if_fail (sim != NULL && AWL_IS_TASK (task), NULL);
  if (t->status != AWL_TASK_FAULTED)
    return NULL;
  t->observed = TRUE;
  return task_aggregate (sim, t);
}

AwlValue *
awl_task_get_when_all_results (const AwlObject *task,
                               guint           *n)
{
  const AwlTask *t = (const AwlTask *) task;
  AwlValue *values;

  g_return_val_if_fail (AWL_IS_TASK (task) && n != NULL, NULL);
  *n = 0;
  if (t->kind != AWL_TASK_KIND_WHEN_ALL || t->status != AWL_TASK_RAN_TO_COMPLETION)
    return NULL;
  values = g_new0 (AwlValue, MAX (t->n_children, 1));
  for (guint i = 0; i < t->n_children; i++)
    values[i] = t->children[i]->result;
  *n = t->n_children;
  return values;
}

void
awl_sim_task_set_name (AwlSim     *sim,
                       AwlObject  *task,
                       const char *name)
{
  g_return_if_fail (sim != NULL && AWL_IS_TASK (task) && name != NULL);
  ((AwlTask *) task)->name = awl_sim_intern (sim, name);
  awl_trace_set_task_name (sim->trace, task->id, ((AwlTask *) task)->name);
}

AwlObject *
awl_sim_task_from_result (AwlSim   *sim,
                          AwlValue  value)
{
  AwlTask *task;

  g_return_val_if_fail (sim != NULL, NULL);
  task = awl_task_new (sim, AWL_TASK_KIND_FROM_RESULT, "FromResult");
  awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, value, NULL);
  return &task->parent;
}

AwlObject *
awl_sim_completed_task (AwlSim *sim)
{
  AwlTask *task;

  g_return_val_if_fail (sim != NULL, NULL);
  task = awl_task_new (sim, AWL_TASK_KIND_FROM_RESULT, "CompletedTask");
  awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, awl_value_null (), NULL);
  return &task->parent;
}

AwlObject *
awl_sim_task_from_exception (AwlSim    *sim,
                             AwlObject *exception)
{
  AwlTask *task;

  g_return_val_if_fail (sim != NULL && AWL_IS_EXCEPTION (exception), NULL);
  task = awl_task_new (sim, AWL_TASK_KIND_FROM_RESULT, "FromException");
  awl_task_complete (sim, task, AWL_TASK_FAULTED, awl_value_null (), exception);
  return &task->parent;
}

AwlObject *
awl_sim_task_from_canceled (AwlSim *sim)
{
  AwlTask *task;

  g_return_val_if_fail (sim != NULL, NULL);
  task = awl_task_new (sim, AWL_TASK_KIND_FROM_RESULT, "FromCanceled");
  awl_task_complete (sim, task, AWL_TASK_CANCELED, awl_value_null (),
                     awl_sim_canceled_exception (sim));
  return &task->parent;
}

AwlObject *
awl_sim_tcs_new (AwlSim         *sim,
                 AwlTaskOptions  options)
{
  AwlTcs *tcs;

  g_return_val_if_fail (sim != NULL, NULL);
  tcs = awl_sim_alloc_object (sim, AWL_OBJECT_TCS, sizeof *tcs);
  tcs->task = awl_task_new (sim, AWL_TASK_KIND_PROMISE, "TaskCompletionSource");
  tcs->task->options = options & AWL_TASK_OPTION_RUN_CONT_ASYNC;
  tcs->task->is_tcs = TRUE;
  g_ptr_array_add (sim->tcses, tcs);
  return &tcs->parent;
}

AwlObject *
awl_tcs_get_task (const AwlObject *tcs)
{
  g_return_val_if_fail (tcs && tcs->type == AWL_OBJECT_TCS, NULL);
  return &((const AwlTcs *) tcs)->task->parent;
}

static gboolean
tcs_settle (AwlSim        *sim,
            AwlObject     *tcs_obj,
            AwlTaskStatus  status,
            AwlValue       value,
            AwlObject     *exception,
            AwlObject    **error)
{
  AwlTcs *tcs = (AwlTcs *) tcs_obj;

  g_return_val_if_fail (sim != NULL && tcs_obj && tcs_obj->type == AWL_OBJECT_TCS, FALSE);
  if (awl_task_is_completed (&tcs->task->parent))
    {
      if (error)
        *error = awl_sim_exception_new (sim, "InvalidOperationException",
                                        "An attempt was made to transition a task to a final state "
                                        "when it had already completed.");
      return FALSE;
    }
  if (exception)
    awl_sim_exception_set_line (sim, exception, awl_sim_current_line (sim));
  awl_task_complete (sim, tcs->task, status, value, exception);
  return TRUE;
}

gboolean
awl_sim_tcs_set_result (AwlSim     *sim,
                        AwlObject  *tcs,
                        AwlValue    value,
                        AwlObject **error)
{
  return tcs_settle (sim, tcs, AWL_TASK_RAN_TO_COMPLETION, value, NULL, error);
}

gboolean
awl_sim_tcs_set_exception (AwlSim     *sim,
                           AwlObject  *tcs,
                           AwlObject  *exception,
                           AwlObject **error)
{
  g_return_val_if_fail (AWL_IS_EXCEPTION (exception), FALSE);
  return tcs_settle (sim, tcs, AWL_TASK_FAULTED, awl_value_null (), exception, error);
}

gboolean
awl_sim_tcs_set_canceled (AwlSim     *sim,
                          AwlObject  *tcs,
                          AwlObject **error)
{
  return tcs_settle (sim, tcs, AWL_TASK_CANCELED, awl_value_null (),
                     awl_sim_canceled_exception (sim), error);
}

typedef struct
{
  void    (*func) (AwlSim *sim, AwlObject *task, gpointer data);
  gpointer  data;
} OnComplete;

static void
on_complete_run (AwlSim  *sim,
                 AwlTask *completed,
                 gpointer data)
{
  OnComplete *oc = data;

  oc->func (sim, &completed->parent, oc->data);
  g_free (oc);
}

void
awl_sim_task_on_complete (AwlSim    *sim,
                          AwlObject *task,
                          void     (*func) (AwlSim *sim, AwlObject *task, gpointer data),
                          gpointer   data)
{
  AwlCont *cont;
  OnComplete *oc;

  g_return_if_fail (sim != NULL && AWL_IS_TASK (task) && func != NULL);

  oc = g_new0 (OnComplete, 1);
  oc->func = func;
  oc->data = data;
  cont = g_new0 (AwlCont, 1);
  cont->kind = CONT_FUNC;
  cont->func = on_complete_run;
  cont->data = oc;
  ((AwlTask *) task)->observed = TRUE;
  awl_task_add_cont (sim, (AwlTask *) task, cont);
}
