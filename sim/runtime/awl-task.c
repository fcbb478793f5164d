/* awl-task.c
 *
 * Tasks and their continuations (the await rules), combinators, TaskCompletionSource,
 * timers, asynchronous I/O, SemaphoreSlim, cancellation, async iterators, and the lints
 * checked when a run ends.
 */

#include <string.h>

#include "awl-sim-private.h"

/* ---------------------------------------------------------------------------------
 * Tasks
 * ------------------------------------------------------------------------------ */

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

static void run_cont (AwlSim *sim, AwlTask *task, AwlCont *c, gboolean *inline_used,
                      gboolean force_async);

static void cts_emit_registered (AwlSim *sim, AwlCts *cts);

static void
task_dispose_registration (AwlSim  *sim,
                           AwlTask *task)
{
  AwlRegistration *reg = g_steal_pointer (&task->cancel_reg);

  if (reg != NULL && !reg->done)
    {
      reg->done = TRUE;
      cts_emit_registered (sim, reg->cts);
    }
}

static void
task_complete_list (AwlSim        *sim,
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
  task_complete_list (sim, task, status, result, list);
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

static void continue_with_start (AwlSim *sim, AwlCont *c);
static void when_all_child_done (AwlSim *sim, AwlTask *all);
static void when_any_child_done (AwlSim *sim, AwlTask *any, AwlTask *child);
static void unwrap_done (AwlSim *sim, AwlTask *proxy, AwlTask *inner);

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
        sim->n_foreground--;
      awl_sim_unblock (sim, c->thread,
                       awl_sim_waiter_resume (sim, task, GPOINTER_TO_INT (c->data)));
      break;
    case CONT_WHEN_ALL:
      when_all_child_done (sim, c->target);
      break;
    case CONT_WHEN_ANY:
      when_any_child_done (sim, c->target, task);
      break;
    case CONT_UNWRAP:
      unwrap_done (sim, c->target, task);
      break;
    case CONT_FUNC:
      c->func (sim, task, c->data);
      break;
    case CONT_CONTINUE_WITH:
      continue_with_start (sim, c);
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
  g_free (task->children);
}

/* ---------------------------------------------------------------------------------
 * Public task API
 * ------------------------------------------------------------------------------ */

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

/* ---------------------------------------------------------------------------------
 * Task.Run, StartNew
 * ------------------------------------------------------------------------------ */

typedef enum { BODY_UNWRAP, BODY_RETURN_TASK } BodyMode;

typedef struct
{
  AwlFrame  parent;
  AwlSim   *sim;
  AwlFrame *inner;
  AwlTask  *proxy;
  BodyMode  mode;
  int       phase;
} BodyFrame;

static void
body_step (AwlFrame *frame,
           AwlStep  *s)
{
  BodyFrame *self = (BodyFrame *) frame;
  AwlSim *sim = self->sim;

  if (self->phase == 0)
    {
      AwlFrame *inner = self->inner;

      self->phase = 1;
      self->inner = NULL;
      awl_step_call (s, inner);
      return;
    }
  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      if (self->mode == BODY_UNWRAP)
        {
          awl_task_complete (sim, self->proxy, AWL_TASK_FAULTED, awl_value_null (), s->exception);
          awl_step_return (s, awl_value_null ());
        }
      else
        awl_step_throw (s, s->exception);
      return;
    }
  if (self->mode == BODY_UNWRAP)
    {
      AwlTask *inner = (AwlTask *) awl_value_get_object (s->value, AWL_OBJECT_TASK);

      if (inner == NULL)
        awl_task_complete (sim, self->proxy, AWL_TASK_RAN_TO_COMPLETION, awl_value_null (), NULL);
      else
        {
          AwlCont *c = g_new0 (AwlCont, 1);

          c->kind = CONT_UNWRAP;
          c->target = self->proxy;
          awl_task_add_cont (sim, inner, c);
        }
      awl_step_return (s, awl_value_null ());
      return;
    }
  awl_step_return (s, s->value);
}

static void
body_free (AwlFrame *frame)
{
  BodyFrame *self = (BodyFrame *) frame;

  /* The inner frame was never called (abandoned run): the sim frees it. */
  g_free (self);
}

static const AwlFrameClass body_class = {
  .name = "<task body>",
  .flags = AWL_FRAME_HIDDEN,
  .step = body_step,
  .free = body_free,
};

static AwlFrame *
body_frame_new (AwlSim   *sim,
                AwlFrame *inner,
                AwlTask  *proxy,
                BodyMode  mode)
{
  BodyFrame *self = g_new0 (BodyFrame, 1);

  awl_frame_init (&self->parent, &body_class);
  self->sim = sim;
  self->inner = inner;
  self->proxy = proxy;
  self->mode = mode;
  awl_frame_rt (sim, inner);
  awl_frame_rt (sim, &self->parent)->in_task_run = TRUE;
  return &self->parent;
}

static void
unwrap_done (AwlSim  *sim,
             AwlTask *proxy,
             AwlTask *inner)
{
  inner->observed = TRUE;
  if (inner->status == AWL_TASK_RAN_TO_COMPLETION)
    awl_task_complete (sim, proxy, AWL_TASK_RAN_TO_COMPLETION, inner->result, NULL);
  else
    task_complete_list (sim, proxy, inner->status, awl_value_null (), inner->exceptions);
}

static AwlObject *
queue_body (AwlSim        *sim,
            AwlFrame      *frame,
            AwlTaskOptions options,
            gboolean       unwrap)
{
  gboolean is_async = (frame->flags & AWL_FRAME_ASYNC) != 0;
  AwlWorkItem *item;
  AwlTask *task;
  AwlFrame *body = frame;

  if (is_async && unwrap)
    {
      task = awl_task_new (sim, AWL_TASK_KIND_UNWRAP, frame->name);
      body = body_frame_new (sim, frame, task, BODY_UNWRAP);
      item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern_printf (sim, "Task.Run %s", frame->name));
      item->frame = body;
      item->role = ROLE_CALLBACK;
      awl_sim_queue_item (sim, item, !(options & AWL_TASK_OPTION_PREFER_FAIRNESS));
      return &task->parent;
    }

  task = awl_task_new (sim, options & AWL_TASK_OPTION_LONG_RUNNING ? AWL_TASK_KIND_LONG_RUNNING
                                                                  : AWL_TASK_KIND_RUN,
                       frame->name);
  task->options = options;
  if (is_async)
    body = body_frame_new (sim, frame, NULL, BODY_RETURN_TASK);
  awl_frame_rt (sim, body)->in_task_run = TRUE;

  if (options & AWL_TASK_OPTION_LONG_RUNNING)
    {
      awl_sim_start_dedicated (sim, body, task);
      return &task->parent;
    }

  task->status = AWL_TASK_WAITING_TO_RUN;
  awl_sim_emit_task_status (sim, task);
  item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern_printf (sim, "Task %u (%s)",
                                                                    task->parent.id, frame->name));
  item->frame = body;
  item->task = task;
  item->role = ROLE_TASK_BODY;
  task->item = item;
  awl_sim_queue_item (sim, item, !(options & AWL_TASK_OPTION_PREFER_FAIRNESS));
  return &task->parent;
}

AwlObject *
awl_sim_task_run (AwlSim   *sim,
                  AwlFrame *frame)
{
  g_return_val_if_fail (sim != NULL && frame != NULL, NULL);
  return queue_body (sim, frame, AWL_TASK_OPTION_NONE, TRUE);
}

AwlObject *
awl_sim_start_new (AwlSim         *sim,
                   AwlFrame       *frame,
                   AwlTaskOptions  options)
{
  g_return_val_if_fail (sim != NULL && frame != NULL, NULL);
  return queue_body (sim, frame, options, FALSE);
}

/* The antecedent completed: run the continuation's body on this thread
 * (ExecuteSynchronously) or queue it like a Task.Run body. */
static void
continue_with_start (AwlSim  *sim,
                     AwlCont *c)
{
  AwlTask *task = c->target;
  AwlTaskOptions options = GPOINTER_TO_INT (c->data);
  AwlThread *t = sim->current;
  AwlWorkItem *item;

  if ((options & AWL_TASK_OPTION_EXECUTE_SYNCHRONOUSLY) && t != NULL && !t->exited)
    {
      AwlJob *job = g_new0 (AwlJob, 1);

      task->status = AWL_TASK_RUNNING;
      awl_sim_emit_task_status (sim, task);
      job->frame = c->frame;
      job->role = ROLE_TASK_BODY;
      job->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
      awl_frame_rt (sim, c->frame)->task = task;
      awl_sim_push_job (sim, t, job);
      return;
    }
  task->status = AWL_TASK_WAITING_TO_RUN;
  awl_sim_emit_task_status (sim, task);
  item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern_printf (sim, "Task %u (%s)",
                                                                    task->parent.id, task->name));
  item->frame = c->frame;
  item->task = task;
  item->role = ROLE_TASK_BODY;
  task->item = item;
  awl_sim_queue_item (sim, item, !(options & AWL_TASK_OPTION_PREFER_FAIRNESS));
}

AwlObject *
awl_sim_continue_with (AwlSim         *sim,
                       AwlObject      *antecedent,
                       AwlFrame       *frame,
                       AwlTaskOptions  options)
{
  AwlTask *task;
  AwlFrame *body = frame;
  AwlCont *cont;

  g_return_val_if_fail (sim != NULL && AWL_IS_TASK (antecedent) && frame != NULL, NULL);

  task = awl_task_new (sim, AWL_TASK_KIND_RUN, frame->name);
  task->options = options & ~AWL_TASK_OPTION_EXECUTE_SYNCHRONOUSLY;
  task->status = AWL_TASK_WAITING_FOR_ACTIVATION;
  awl_sim_emit_task_status (sim, task);
  if (frame->flags & AWL_FRAME_ASYNC)
    body = body_frame_new (sim, frame, NULL, BODY_RETURN_TASK);
  awl_frame_rt (sim, body)->in_task_run = TRUE;

  cont = g_new0 (AwlCont, 1);
  cont->kind = CONT_CONTINUE_WITH;
  cont->frame = body;
  cont->target = task;
  cont->data = GINT_TO_POINTER (options);
  awl_task_add_cont (sim, (AwlTask *) antecedent, cont);
  return &task->parent;
}

/* ---------------------------------------------------------------------------------
 * WhenAll / WhenAny
 * ------------------------------------------------------------------------------ */

static void
when_all_child_done (AwlSim  *sim,
                     AwlTask *all)
{
  g_autoptr(GPtrArray) excs = NULL;
  gboolean canceled = FALSE;

  g_assert (all->remaining > 0);
  if (--all->remaining > 0)
    return;

  excs = g_ptr_array_new ();
  for (guint i = 0; i < all->n_children; i++)
    {
      AwlTask *c = all->children[i];

      if (c->status == AWL_TASK_FAULTED)
        {
          c->observed = TRUE;
          for (guint k = 0; k < c->exceptions->len; k++)
            g_ptr_array_add (excs, g_ptr_array_index (c->exceptions, k));
        }
      else if (c->status == AWL_TASK_CANCELED)
        canceled = TRUE;
    }
  if (excs->len > 0)
    task_complete_list (sim, all, AWL_TASK_FAULTED, awl_value_null (), excs);
  else if (canceled)
    awl_task_complete (sim, all, AWL_TASK_CANCELED, awl_value_null (), NULL);
  else
    awl_task_complete (sim, all, AWL_TASK_RAN_TO_COMPLETION, awl_value_null (), NULL);
}

AwlObject *
awl_sim_when_all (AwlSim     *sim,
                  AwlObject **tasks,
                  guint       n_tasks)
{
  AwlTask *all;

  g_return_val_if_fail (sim != NULL && (tasks != NULL || n_tasks == 0), NULL);

  all = awl_task_new (sim, AWL_TASK_KIND_WHEN_ALL, "WhenAll");
  all->children = g_new0 (AwlTask *, MAX (n_tasks, 1));
  all->n_children = n_tasks;
  /* One extra count held during registration, so completions seen while registering
   * cannot finish the task early. */
  all->remaining = 1;
  for (guint i = 0; i < n_tasks; i++)
    {
      g_return_val_if_fail (AWL_IS_TASK (tasks[i]), NULL);
      all->children[i] = (AwlTask *) tasks[i];
      if (!awl_task_is_completed (tasks[i]))
        {
          AwlCont *c = g_new0 (AwlCont, 1);

          c->kind = CONT_WHEN_ALL;
          c->target = all;
          all->remaining++;
          awl_task_add_cont (sim, (AwlTask *) tasks[i], c);
        }
    }
  when_all_child_done (sim, all);
  return &all->parent;
}

static void
when_any_child_done (AwlSim  *sim,
                     AwlTask *any,
                     AwlTask *child)
{
  if (!awl_task_is_completed (&any->parent))
    awl_task_complete (sim, any, AWL_TASK_RAN_TO_COMPLETION, awl_value_object (child), NULL);
}

AwlObject *
awl_sim_when_any (AwlSim     *sim,
                  AwlObject **tasks,
                  guint       n_tasks,
                  AwlObject **error)
{
  AwlTask *any;

  g_return_val_if_fail (sim != NULL && (tasks != NULL || n_tasks == 0), NULL);

  if (n_tasks == 0)
    {
      if (error)
        *error = awl_sim_exception_new (sim, "ArgumentException",
                                        "The tasks argument contains no tasks. (Parameter 'tasks')");
      return NULL;
    }
  any = awl_task_new (sim, AWL_TASK_KIND_WHEN_ANY, "WhenAny");
  for (guint i = 0; i < n_tasks; i++)
    if (awl_task_is_completed (tasks[i]))
      {
        awl_task_complete (sim, any, AWL_TASK_RAN_TO_COMPLETION, awl_value_object (tasks[i]), NULL);
        return &any->parent;
      }
  for (guint i = 0; i < n_tasks; i++)
    {
      AwlCont *c = g_new0 (AwlCont, 1);

      c->kind = CONT_WHEN_ANY;
      c->target = any;
      awl_task_add_cont (sim, (AwlTask *) tasks[i], c);
    }
  return &any->parent;
}

/* ---------------------------------------------------------------------------------
 * Cancellation
 * ------------------------------------------------------------------------------ */

static AwlCts *
token_cts (AwlObject *token)
{
  if (token == NULL)
    return NULL;
  if (token->type == AWL_OBJECT_CTS)
    return (AwlCts *) token;
  g_return_val_if_fail (token->type == AWL_OBJECT_TOKEN, NULL);
  return (AwlCts *) ((char *) token - G_STRUCT_OFFSET (AwlCts, token));
}

/* The number of callbacks Cancel() would run now, for the state at the playhead. */
static void
cts_emit_registered (AwlSim *sim,
                     AwlCts *cts)
{
  guint n = 0;

  for (guint i = 0; i < cts->callbacks->len; i++)
    if (!((AwlRegistration *) g_ptr_array_index (cts->callbacks, i))->done)
      n++;
  awl_sim_emit (sim, AWL_EVENT_CANCEL, 3, sim->current, 0, cts->parent.id, n, 0, NULL);
}

/* Registers @func for @task; the registration is disposed when @task completes. */
static AwlRegistration *
cts_register_func (AwlSim    *sim,
                   AwlCts    *cts,
                   AwlTask   *task,
                   void     (*func) (AwlSim *sim, gpointer data),
                   gpointer   data)
{
  AwlRegistration *reg = awl_sim_alloc_object (sim, AWL_OBJECT_REGISTRATION, sizeof *reg);

  reg->cts = cts;
  task->cancel_reg = reg;
  reg->func = func;
  reg->data = data;
  cts->observed = TRUE;
  g_ptr_array_add (cts->callbacks, reg);
  cts_emit_registered (sim, cts);
  return reg;
}

static AwlTime
timer_due (AwlSim  *sim,
           AwlTime  ns)
{
  AwlTime res = sim->config.timer_resolution;
  AwlTime due = sim->now + ns;

  return ((due + res - 1) / res) * res;
}

static AwlTimer *
timer_new (AwlSim     *sim,
           AwlTime     ns,
           AwlTask    *task,
           AwlObject  *cts,
           const char *label)
{
  AwlTimer *timer = g_new0 (AwlTimer, 1);

  timer->id = ++sim->next_timer_id;
  timer->due = timer_due (sim, ns);
  timer->task = task;
  timer->cts = cts;
  timer->label = label;
  g_ptr_array_add (sim->timers, timer);
  sim->pending_timers++;
  awl_sim_emit (sim, AWL_EVENT_TIMER_SET, 0, sim->current, task ? task->parent.id : 0,
                timer->due, timer->id, 0, label);
  awl_sim_schedule (sim, timer->due, EV_TIMER, 0, timer, TRUE);
  return timer;
}

static void
timer_cancel (AwlSim   *sim,
              AwlTimer *timer)
{
  if (timer == NULL || timer->cancelled || timer->fired)
    return;
  timer->cancelled = TRUE;
  sim->pending_timers--;
  sim->n_foreground--;
  awl_sim_emit (sim, AWL_EVENT_TIMER_FIRED, 1, sim->current, timer->task ? timer->task->parent.id : 0,
                0, timer->id, 0, timer->label);
}

AwlObject *
awl_sim_cts_new (AwlSim  *sim,
                 AwlTime  delay)
{
  AwlCts *cts;

  g_return_val_if_fail (sim != NULL, NULL);
  cts = awl_sim_alloc_object (sim, AWL_OBJECT_CTS, sizeof *cts);
  cts->token.type = AWL_OBJECT_TOKEN;
  cts->token.id = cts->parent.id;
  cts->callbacks = g_ptr_array_new ();
  g_ptr_array_add (sim->ctses, cts);
  awl_sim_emit (sim, AWL_EVENT_CANCEL, 1, sim->current, 0, cts->parent.id, 0, 0, NULL);
  if (delay >= 0)
    awl_sim_cts_cancel_after (sim, &cts->parent, delay);
  return &cts->parent;
}

AwlObject *
awl_cts_get_token (const AwlObject *cts)
{
  g_return_val_if_fail (cts && cts->type == AWL_OBJECT_CTS, NULL);
  return (AwlObject *) &((const AwlCts *) cts)->token;
}

/* What CTS callbacks throw. Cancel() runs every callback, then throws an
 * AggregateException of their exceptions (in the order they ran) out of the Cancel()
 * call; Register() on an already canceled token throws the callback's own exception.
 * The end of the batch is a hidden frame pushed after the callbacks. */
typedef struct
{
  AwlForeign  parent;
  GPtrArray  *exceptions;
  AwlFrame   *caller;                  /* frame that called Cancel/Register, or NULL */
  gboolean    aggregate;
  gboolean    done;                    /* Cancel() has returned or thrown */
} AwlCancelBatch;

static void
cancel_batch_finalize (AwlForeign *foreign)
{
  g_clear_pointer (&((AwlCancelBatch *) foreign)->exceptions, g_ptr_array_unref);
}

static const AwlForeignClass cancel_batch_class = { "CancelCallbacks", cancel_batch_finalize, NULL };

static AwlCancelBatch *
cancel_batch_new (AwlSim   *sim,
                  gboolean  aggregate)
{
  AwlCancelBatch *b = awl_sim_foreign_new (sim, &cancel_batch_class, sizeof *b);

  b->exceptions = g_ptr_array_new ();
  b->caller = sim->current ? sim->current->top : NULL;
  b->aggregate = aggregate;
  return b;
}

/* FALSE when Cancel() already returned (a callback that suspended and threw later):
 * then nothing catches the exception. */
gboolean
awl_cancel_batch_add (AwlSim    *sim,
                      gpointer   batch,
                      AwlObject *exception)
{
  AwlCancelBatch *b = batch;

  if (b->done)
    return FALSE;
  g_ptr_array_add (b->exceptions, exception);
  return TRUE;
}

typedef struct
{
  AwlFrame        parent;
  AwlSim         *sim;
  AwlCancelBatch *batch;
} CancelEndFrame;

static void
cancel_end_step (AwlFrame *frame,
                 AwlStep  *s)
{
  CancelEndFrame *self = (CancelEndFrame *) frame;
  AwlCancelBatch *b = self->batch;
  AwlObject *exc;

  b->done = TRUE;
  if (b->exceptions->len == 0)
    {
      awl_step_return (s, awl_value_null ());
      return;
    }
  exc = b->aggregate
        ? awl_sim_aggregate_exception_new (self->sim, (AwlObject **) b->exceptions->pdata,
                                           b->exceptions->len)
        : g_ptr_array_index (b->exceptions, 0);
  if (b->caller != NULL && b->caller->rt != NULL)
    {
      /* Thrown out of the Cancel() call in the caller. */
      ((AwlFrameRt *) b->caller->rt)->pending_exception = exc;
      awl_step_return (s, awl_value_null ());
    }
  else
    awl_step_throw (s, exc);    /* a timer thread: unhandled, the process crashes */
}

static void
cancel_end_free (AwlFrame *frame)
{
  g_free (frame);
}

static const AwlFrameClass cancel_end_class = {
  .name = "<cancel callbacks end>",
  .flags = AWL_FRAME_HIDDEN,
  .step = cancel_end_step,
  .free = cancel_end_free,
};

static void
cancel_batch_finish (AwlSim         *sim,
                     AwlCancelBatch *batch)
{
  CancelEndFrame *f = g_new0 (CancelEndFrame, 1);

  awl_frame_init (&f->parent, &cancel_end_class);
  f->sim = sim;
  f->batch = batch;
  awl_sim_run_inline (sim, &f->parent, ROLE_CALLBACK);
}

static void cts_cancel (AwlSim *sim, AwlObject *cts_obj, gboolean by_timer);

void
awl_sim_cts_cancel (AwlSim    *sim,
                    AwlObject *cts_obj)
{
  cts_cancel (sim, cts_obj, FALSE);
}

static void
cts_cancel (AwlSim    *sim,
            AwlObject *cts_obj,
            gboolean   by_timer)
{
  AwlCts *cts = token_cts (cts_obj);
  AwlCancelBatch *batch = NULL;
  guint n = 0;

  g_return_if_fail (sim != NULL && cts != NULL);
  if (cts->canceled)
    return;
  cts->canceled = TRUE;
  cts->cancel_line = awl_sim_current_line (sim);
  cts->cancel_time = sim->now;
  cts->cancel_thread = awl_sim_thread_id (sim->current);
  timer_cancel (sim, cts->timer);
  cts->timer = NULL;

  for (guint i = 0; i < cts->callbacks->len; i++)
    if (!((AwlRegistration *) g_ptr_array_index (cts->callbacks, i))->done)
      n++;
  awl_sim_emit (sim, AWL_EVENT_CANCEL, 0, sim->current, 0, cts->parent.id, n, by_timer, NULL);

  /* Callbacks run synchronously on this thread, newest registration first; what they
   * throw is collected and thrown by Cancel() as one AggregateException at the end. */
  for (guint i = cts->callbacks->len; i > 0; i--)
    {
      AwlRegistration *reg = g_ptr_array_index (cts->callbacks, i - 1);

      if (reg->done)
        continue;
      reg->done = TRUE;
      if (reg->func)
        reg->func (sim, reg->data);
      else if (reg->frame)
        {
          AwlFrame *f = reg->frame;

          reg->frame = NULL;
          if (batch == NULL)
            batch = cancel_batch_new (sim, TRUE);
          awl_sim_run_inline (sim, f, ROLE_CTS_CALLBACK);
          awl_frame_rt (sim, f)->cancel_batch = batch;
        }
    }
  if (batch != NULL)
    cancel_batch_finish (sim, batch);
}

static void
cts_timer_item (AwlSim    *sim,
                AwlThread *t,
                gpointer   data)
{
  cts_cancel (sim, data, TRUE);
}

void
awl_sim_cts_cancel_after (AwlSim    *sim,
                          AwlObject *cts_obj,
                          AwlTime    delay)
{
  AwlCts *cts = token_cts (cts_obj);

  g_return_if_fail (sim != NULL && cts != NULL);
  if (cts->canceled)
    return;
  timer_cancel (sim, cts->timer);
  cts->timer = timer_new (sim, MAX (delay, 0), NULL, &cts->parent,
                          awl_sim_intern_printf (sim, "CancelAfter %.0f ms (CTS %u)",
                                                 AWL_TO_MS (delay), cts->parent.id));
  awl_sim_emit (sim, AWL_EVENT_CANCEL, 2, sim->current, 0, cts->parent.id, cts->timer->due, 0,
                NULL);
}

gboolean
awl_sim_token_is_cancellation_requested (AwlSim    *sim,
                                         AwlObject *token)
{
  AwlCts *cts = token_cts (token);

  g_return_val_if_fail (sim != NULL, FALSE);
  if (cts == NULL)
    return FALSE;
  cts->observed = TRUE;
  return cts->canceled;
}

gboolean
awl_sim_token_throw_if_cancellation_requested (AwlSim     *sim,
                                               AwlObject  *token,
                                               AwlObject **error)
{
  if (!awl_sim_token_is_cancellation_requested (sim, token))
    return TRUE;
  if (error)
    *error = awl_sim_exception_new (sim, "OperationCanceledException", "The operation was canceled.");
  return FALSE;
}

AwlObject *
awl_sim_token_register (AwlSim    *sim,
                        AwlObject *token,
                        AwlFrame  *callback)
{
  AwlCts *cts = token_cts (token);
  AwlRegistration *reg;

  g_return_val_if_fail (sim != NULL && callback != NULL, NULL);
  awl_frame_rt (sim, callback);
  reg = awl_sim_alloc_object (sim, AWL_OBJECT_REGISTRATION, sizeof *reg);
  if (cts == NULL)
    {
      /* The default token never cancels: the callback never runs. */
      reg->frame = callback;
      reg->done = TRUE;
      return &reg->parent;
    }
  cts->observed = TRUE;
  if (cts->canceled)
    {
      AwlCancelBatch *batch = cancel_batch_new (sim, FALSE);

      reg->done = TRUE;
      awl_sim_run_inline (sim, callback, ROLE_CTS_CALLBACK);
      awl_frame_rt (sim, callback)->cancel_batch = batch;
      cancel_batch_finish (sim, batch);
      return &reg->parent;
    }
  reg->frame = callback;
  reg->cts = cts;
  g_ptr_array_add (cts->callbacks, reg);
  cts_emit_registered (sim, cts);
  return &reg->parent;
}

/* ---------------------------------------------------------------------------------
 * Timers and I/O
 * ------------------------------------------------------------------------------ */

static void
complete_ok_item (AwlSim    *sim,
                  AwlThread *t,
                  gpointer   data)
{
  awl_task_complete (sim, data, AWL_TASK_RAN_TO_COMPLETION, awl_value_null (), NULL);
}

static void
cancel_delay (AwlSim   *sim,
              gpointer  data)
{
  AwlTimer *timer = data;

  if (timer->fired || timer->cancelled)
    return;
  timer_cancel (sim, timer);
  awl_task_complete (sim, timer->task, AWL_TASK_CANCELED, awl_value_null (),
                     awl_sim_canceled_exception (sim));
}

AwlObject *
awl_sim_delay (AwlSim    *sim,
               AwlTime    ns,
               AwlObject *token)
{
  AwlCts *cts = token_cts (token);
  AwlTask *task;
  AwlTimer *timer;

  g_return_val_if_fail (sim != NULL, NULL);

  task = awl_task_new (sim, AWL_TASK_KIND_DELAY,
                       awl_sim_intern_printf (sim, "Delay %g ms", AWL_TO_MS (ns)));
  if (cts)
    cts->observed = TRUE;
  if (cts && cts->canceled)
    {
      awl_task_complete (sim, task, AWL_TASK_CANCELED, awl_value_null (),
                         awl_sim_canceled_exception (sim));
      return &task->parent;
    }
  if (ns <= 0)
    {
      awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, awl_value_null (), NULL);
      return &task->parent;
    }
  timer = timer_new (sim, ns, task, NULL, task->name);
  if (cts)
    cts_register_func (sim, cts, task, cancel_delay, timer);
  return &task->parent;
}

void
awl_sim_fire_timer (AwlSim   *sim,
                    AwlTimer *timer)
{
  AwlWorkItem *item;

  timer->fired = TRUE;
  sim->pending_timers--;
  awl_sim_emit (sim, AWL_EVENT_TIMER_FIRED, 0, NULL, timer->task ? timer->task->parent.id : 0,
                0, timer->id, 0, timer->label);
  /* Expired timers are queued to the pool's global queue. */
  if (timer->task)
    {
      if (awl_task_is_completed (&timer->task->parent))
        return;
      item = awl_work_item_new (sim, ITEM_CALLBACK,
                                awl_sim_intern_printf (sim, "timer: complete %s",
                                                       awl_sim_task_label (sim, timer->task)));
      item->func = complete_ok_item;
      item->func_data = timer->task;
    }
  else
    {
      AwlCts *cts = token_cts (timer->cts);

      if (cts->timer == timer)
        cts->timer = NULL;
      item = awl_work_item_new (sim, ITEM_CALLBACK,
                                awl_sim_intern_printf (sim, "timer: cancel CTS %u", cts->parent.id));
      item->func = cts_timer_item;
      item->func_data = cts;
    }
  awl_sim_queue_item (sim, item, FALSE);
}

static void
io_complete_item (AwlSim    *sim,
                  AwlThread *t,
                  gpointer   data)
{
  AwlIo *io = data;

  if (awl_task_is_completed (&io->task->parent))
    return;
  if (io->fail)
    {
      awl_sim_exception_set_line (sim, io->fail, io->task->line);
      awl_task_complete (sim, io->task, AWL_TASK_FAULTED, awl_value_null (), io->fail);
    }
  else
    awl_task_complete (sim, io->task, AWL_TASK_RAN_TO_COMPLETION, io->result, NULL);
}

static void
cancel_io (AwlSim   *sim,
           gpointer  data)
{
  AwlIo *io = data;

  if (io->done || io->cancelled)
    return;
  io->cancelled = TRUE;
  sim->pending_io--;
  sim->n_foreground--;
  awl_sim_emit (sim, AWL_EVENT_IO_DONE, 2, sim->current, io->task->parent.id, 0, io->id, 0,
                io->label);
  awl_task_complete (sim, io->task, AWL_TASK_CANCELED, awl_value_null (),
                     awl_sim_canceled_exception (sim));
}

AwlObject *
awl_sim_io_async (AwlSim     *sim,
                  const char *label,
                  AwlTime     ns,
                  AwlValue    result,
                  AwlObject  *fail,
                  AwlObject  *token)
{
  AwlCts *cts = token_cts (token);
  AwlTask *task;
  AwlIo *io;

  g_return_val_if_fail (sim != NULL, NULL);

  label = awl_sim_intern (sim, label ? label : "I/O");
  task = awl_task_new (sim, AWL_TASK_KIND_IO, label);

  if (sim->current && sim->current->top)
    for (AwlFrame *g = sim->current->top; g != NULL; g = g->below)
      if (g->rt && ((AwlFrameRt *) g->rt)->in_task_run)
        {
          awl_sim_lint (sim, AWL_LINT_TASK_RUN_IO, sim->current->top->line,
                        awl_sim_thread_id (sim->current),
                        awl_sim_intern_printf (sim, "Task.Run wraps I/O (%s): it occupies a pool "
                                               "thread for work that needs none", label));
          break;
        }

  if (cts && cts->canceled)
    {
      cts->observed = TRUE;
      awl_task_complete (sim, task, AWL_TASK_CANCELED, awl_value_null (),
                         awl_sim_canceled_exception (sim));
      return &task->parent;
    }

  io = g_new0 (AwlIo, 1);
  io->id = ++sim->next_io_id;
  io->task = task;
  io->result = result;
  io->fail = fail;
  io->label = label;
  g_ptr_array_add (sim->ios, io);
  sim->pending_io++;
  awl_sim_emit (sim, AWL_EVENT_IO_START, 0, sim->current, task->parent.id, MAX (ns, 0), io->id, 0,
                label);
  awl_sim_schedule (sim, sim->now + MAX (ns, 0), EV_IO, 0, io, TRUE);
  if (cts)
    cts_register_func (sim, cts, task, cancel_io, io);
  return &task->parent;
}

void
awl_sim_finish_io (AwlSim *sim,
                   AwlIo  *io)
{
  AwlWorkItem *item;

  io->done = TRUE;
  sim->pending_io--;
  awl_sim_emit (sim, AWL_EVENT_IO_DONE, io->fail ? 1 : 0, NULL, io->task->parent.id, 0, io->id, 0,
                io->label);
  /* The completion is delivered through the pool (I/O completion → global queue). */
  item = awl_work_item_new (sim, ITEM_CALLBACK,
                            awl_sim_intern_printf (sim, "I/O completion: %s",
                                                   awl_sim_task_label (sim, io->task)));
  item->func = io_complete_item;
  item->func_data = io;
  awl_sim_queue_item (sim, item, FALSE);
}

/* ---------------------------------------------------------------------------------
 * TaskCompletionSource
 * ------------------------------------------------------------------------------ */

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

/* ---------------------------------------------------------------------------------
 * SemaphoreSlim
 * ------------------------------------------------------------------------------ */

AwlObject *
awl_sim_semaphore_new (AwlSim *sim,
                       guint   initial,
                       guint   max)
{
  AwlSemaphore *sem;

  g_return_val_if_fail (sim != NULL, NULL);
  sem = awl_sim_alloc_object (sim, AWL_OBJECT_SEMAPHORE, sizeof *sem);
  sem->max = max ? max : G_MAXINT;
  sem->count = MIN (initial, sem->max);
  sem->initial = sem->count;
  g_queue_init (&sem->sync_waiters);
  g_queue_init (&sem->async_waiters);
  g_ptr_array_add (sim->semaphores, sem);
  awl_sim_emit (sim, AWL_EVENT_SEMAPHORE, 3, sim->current, 0, sem->parent.id, sem->count,
                (gint32) MIN (sem->max, (guint) G_MAXINT), NULL);
  return &sem->parent;
}

guint
awl_semaphore_get_current_count (const AwlObject *semaphore)
{
  g_return_val_if_fail (semaphore && semaphore->type == AWL_OBJECT_SEMAPHORE, 0);
  return ((const AwlSemaphore *) semaphore)->count;
}

static void
sem_acquired (AwlSim       *sim,
              AwlSemaphore *sem,
              guint         thread,
              int           line)
{
  sem->last_acquire_line = line;
  sem->last_acquire_time = sim->now;
  sem->last_acquire_thread = thread;
}

gboolean
awl_sim_semaphore_wait_sync (AwlSim       *sim,
                             AwlThread    *t,
                             AwlSemaphore *sem)
{
  int line = t->top ? t->top->line : 0;

  if (sem->count > 0)
    {
      sem->count--;
      sem_acquired (sim, sem, t->parent.id, line);
      awl_sim_emit (sim, AWL_EVENT_SEMAPHORE, 0, t, 0, sem->parent.id, sem->count, 0, NULL);
      return TRUE;
    }
  g_queue_push_tail (&sem->sync_waiters, t);
  awl_sim_emit (sim, AWL_EVENT_SEMAPHORE, 2, t, 0, sem->parent.id, sem->count, 0, NULL);
  sem->last_acquire_line = line;
  awl_sim_block_semaphore (sim, t, sem);
  return FALSE;
}

typedef struct { AwlSemaphore *sem; AwlTask *task; } SemCancel;

static const AwlForeignClass sem_cancel_class = { "SemaphoreWaitRegistration", NULL, NULL };

static void
cancel_sem_wait (AwlSim   *sim,
                 gpointer  data)
{
  SemCancel *sc = data;

  if (g_queue_remove (&sc->sem->async_waiters, sc->task))
    {
      awl_sim_emit (sim, AWL_EVENT_SEMAPHORE, 4, sim->current, sc->task->parent.id,
                    sc->sem->parent.id, sc->sem->count, 0, NULL);
      awl_task_complete (sim, sc->task, AWL_TASK_CANCELED, awl_value_null (),
                         awl_sim_canceled_exception (sim));
    }
}

AwlObject *
awl_sim_semaphore_wait_async (AwlSim    *sim,
                              AwlObject *semaphore,
                              AwlObject *token)
{
  AwlSemaphore *sem = (AwlSemaphore *) semaphore;
  AwlCts *cts = token_cts (token);
  AwlTask *task;

  g_return_val_if_fail (sim != NULL && semaphore && semaphore->type == AWL_OBJECT_SEMAPHORE, NULL);

  task = awl_task_new (sim, AWL_TASK_KIND_SEMAPHORE_WAIT,
                       awl_sim_intern_printf (sim, "SemaphoreSlim %u WaitAsync", sem->parent.id));
  task->options = AWL_TASK_OPTION_RUN_CONT_ASYNC;
  if (cts && cts->canceled)
    {
      cts->observed = TRUE;
      awl_task_complete (sim, task, AWL_TASK_CANCELED, awl_value_null (),
                         awl_sim_canceled_exception (sim));
      return &task->parent;
    }
  if (sem->count > 0)
    {
      sem->count--;
      sem_acquired (sim, sem, awl_sim_thread_id (sim->current), awl_sim_current_line (sim));
      awl_sim_emit (sim, AWL_EVENT_SEMAPHORE, 0, sim->current, task->parent.id, sem->parent.id,
                    sem->count, 0, NULL);
      awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, awl_value_bool (TRUE), NULL);
      return &task->parent;
    }
  g_queue_push_tail (&sem->async_waiters, task);
  sem->last_acquire_line = awl_sim_current_line (sim);
  awl_sim_emit (sim, AWL_EVENT_SEMAPHORE, 2, sim->current, task->parent.id, sem->parent.id,
                sem->count, 0, NULL);
  if (cts)
    {
      AwlForeign *holder = awl_sim_foreign_new (sim, &sem_cancel_class,
                                                sizeof (AwlForeign) + sizeof (SemCancel));
      SemCancel *data = (SemCancel *) (holder + 1);

      data->sem = sem;
      data->task = task;
      cts_register_func (sim, cts, task, cancel_sem_wait, data);
    }
  return &task->parent;
}

gint64
awl_sim_semaphore_release (AwlSim     *sim,
                           AwlObject  *semaphore,
                           guint       count,
                           AwlObject **error)
{
  AwlSemaphore *sem = (AwlSemaphore *) semaphore;
  guint previous;

  g_return_val_if_fail (sim != NULL && semaphore && semaphore->type == AWL_OBJECT_SEMAPHORE, -1);

  if (count == 0 || (guint64) sem->count + count > sem->max)
    {
      if (error)
        *error = count == 0
                 ? awl_sim_exception_new (sim, "ArgumentOutOfRangeException",
                                          "Non-negative number required. (Parameter 'releaseCount')")
                 : awl_sim_exception_new (sim, "SemaphoreFullException",
                                          "Adding the specified count to the semaphore would cause "
                                          "it to exceed its maximum count.");
      return -1;
    }
  previous = sem->count;
  awl_sim_emit (sim, AWL_EVENT_SEMAPHORE, 1, sim->current, 0, sem->parent.id, sem->count + count,
                0, NULL);
  for (guint i = 0; i < count; i++)
    {
      AwlThread *w = g_queue_pop_head (&sem->sync_waiters);
      AwlTask *task;

      /* Synchronous waiters first, then asynchronous ones in FIFO order. */
      if (w != NULL)
        {
          sem_acquired (sim, sem, w->parent.id, w->top ? w->top->line : 0);
          awl_sim_emit (sim, AWL_EVENT_SEMAPHORE, 0, w, 0, sem->parent.id, sem->count, 0, NULL);
          awl_sim_unblock (sim, w, (AwlResumeWith) { AWL_RESUME_VALUE, awl_value_null (), NULL });
        }
      else if ((task = g_queue_pop_head (&sem->async_waiters)) != NULL)
        {
          sem_acquired (sim, sem, 0, task->line);
          awl_sim_emit (sim, AWL_EVENT_SEMAPHORE, 0, NULL, task->parent.id, sem->parent.id,
                        sem->count, 0, NULL);
          awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, awl_value_bool (TRUE), NULL);
        }
      else
        {
          /* No one left waiting: the rest of the count at once, so that
           * Release(int.MaxValue) costs the waiters it wakes, not two billion steps. */
          sem->count += count - i;
          break;
        }
    }
  return previous;
}

/* ---------------------------------------------------------------------------------
 * Async iterators
 * ------------------------------------------------------------------------------ */

AwlObject *
awl_sim_enumerator_move_next_async (AwlSim    *sim,
                                    AwlObject *enumerator)
{
  AwlEnumerator *e = (AwlEnumerator *) enumerator;
  AwlFrameRt *rt;
  AwlTask *task;
  AwlJob *job;

  g_return_val_if_fail (sim != NULL && enumerator && enumerator->type == AWL_OBJECT_ENUMERATOR,
                        NULL);

  if (e->finished || e->frame == NULL)
    return awl_sim_task_from_result (sim, awl_value_bool (FALSE));
  if (e->pending && !awl_task_is_completed (&e->pending->parent))
    return &e->pending->parent;

  task = awl_task_new (sim, AWL_TASK_KIND_MOVE_NEXT,
                       awl_sim_intern_printf (sim, "%s MoveNextAsync", e->frame->name));
  e->pending = task;
  rt = awl_frame_rt (sim, e->frame);
  rt->task = task;
  rt->role = ROLE_ITERATOR;

  job = g_new0 (AwlJob, 1);
  job->frame = e->frame;
  job->role = ROLE_ITERATOR;
  if (!e->started)
    {
      e->started = TRUE;
      job->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
    }
  else
    {
      job->resume = (AwlResumeWith) { AWL_RESUME_VALUE, awl_value_null (), NULL };
      job->is_resume = TRUE;
      job->how = AWL_CONT_INLINE;
    }
  if (sim->current)
    awl_sim_push_job (sim, sim->current, job);
  else
    g_free (job);
  return &task->parent;
}

gboolean
awl_sim_do_yield_return (AwlSim    *sim,
                         AwlThread *t,
                         AwlFrame  *f,
                         AwlValue   value)
{
  AwlFrameRt *rt = f->rt;
  AwlEnumerator *e = rt->enumerator;
  AwlTask *task;

  if (rt->role != ROLE_ITERATOR || e == NULL)
    {
      rt->resume = (AwlResumeWith) { AWL_RESUME_EXCEPTION, awl_value_null (),
                                     awl_sim_exception_new (sim, "InvalidOperationException",
                                                            "yield return outside an async iterator") };
      return TRUE;
    }
  if (e->disposing)
    {
      /* C# forbids yield return in a finally block: keep unwinding. */
      rt->resume = (AwlResumeWith) { AWL_RESUME_EXCEPTION, awl_value_null (),
                                     awl_sim_dispose_marker (sim) };
      return TRUE;
    }
  e->current = value;
  awl_sim_pop_suspended (sim, t, f);
  task = e->pending;
  rt->task = NULL;
  if (task)
    awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, awl_value_bool (TRUE), NULL);
  return TRUE;
}

void
awl_enumerator_finished (AwlSim        *sim,
                         AwlEnumerator *e,
                         AwlFrameRt    *rt,
                         AwlObject     *exception,
                         AwlValue       value)
{
  AwlTask *task = e ? e->pending : NULL;
  AwlFrame *f = rt->frame;
  gboolean disposing = e && e->disposing;

  if (e)
    {
      e->finished = TRUE;
      e->frame = NULL;
    }
  awl_sim_free_frame (sim, f);
  if (task == NULL)
    return;
  if (disposing && (exception == NULL || awl_exception_is_dispose (exception)))
    awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, awl_value_null (), NULL);
  else if (exception && awl_exception_is_cancellation (exception))
    awl_task_complete (sim, task, AWL_TASK_CANCELED, awl_value_null (), exception);
  else if (exception)
    awl_task_complete (sim, task, AWL_TASK_FAULTED, awl_value_null (), exception);
  else
    awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, awl_value_bool (FALSE), NULL);
}

AwlValue
awl_enumerator_get_current (const AwlObject *enumerator)
{
  g_return_val_if_fail (enumerator && enumerator->type == AWL_OBJECT_ENUMERATOR, awl_value_null ());
  return ((const AwlEnumerator *) enumerator)->current;
}

#define DISPOSE_MARKER "<DisposeAsync>"

AwlObject *
awl_sim_dispose_marker (AwlSim *sim)
{
  return awl_sim_exception_new (sim, DISPOSE_MARKER, "DisposeAsync unwinds the iterator");
}

gboolean
awl_exception_is_dispose (const AwlObject *exception)
{
  return exception != NULL && AWL_IS_EXCEPTION (exception)
         && strcmp (awl_exception_get_type_name (exception), DISPOSE_MARKER) == 0;
}

AwlObject *
awl_sim_enumerator_dispose_async (AwlSim    *sim,
                                  AwlObject *enumerator)
{
  AwlEnumerator *e = (AwlEnumerator *) enumerator;
  AwlFrame *f;
  AwlFrameRt *rt;
  AwlTask *task;
  AwlJob *job;

  g_return_val_if_fail (sim != NULL && enumerator && enumerator->type == AWL_OBJECT_ENUMERATOR,
                        NULL);
  if (e->disposing)
    return &e->dispose_task->parent;
  f = e->frame;
  if (f == NULL || e->finished)
    return awl_sim_completed_task (sim);
  rt = awl_frame_rt (sim, f);
  if (!e->started)
    {
      /* Never started: no try block was entered, nothing to run. */
      e->frame = NULL;
      e->finished = TRUE;
      awl_sim_free_frame (sim, f);
      return awl_sim_completed_task (sim);
    }
  if (!rt->suspended || (e->pending != NULL && !awl_task_is_completed (&e->pending->parent))
      || sim->current == NULL)
    {
      /* A MoveNextAsync is still running: nothing to unwind now (documented). */
      return awl_sim_completed_task (sim);
    }

  /* Suspended at a yield return: resume the frame with the non-catchable marker so its
   * finally blocks run (they may await); the task completes when the frame has left. */
  task = awl_task_new (sim, AWL_TASK_KIND_MOVE_NEXT,
                       awl_sim_intern_printf (sim, "%s DisposeAsync", f->name));
  e->disposing = TRUE;
  e->dispose_task = task;
  e->pending = task;
  rt->task = task;
  rt->role = ROLE_ITERATOR;

  job = g_new0 (AwlJob, 1);
  job->frame = f;
  job->role = ROLE_ITERATOR;
  job->resume = (AwlResumeWith) { AWL_RESUME_EXCEPTION, awl_value_null (),
                                  awl_sim_dispose_marker (sim) };
  job->is_resume = TRUE;
  job->how = AWL_CONT_INLINE;
  awl_sim_push_job (sim, sim->current, job);
  return &task->parent;
}

/* ---------------------------------------------------------------------------------
 * End of run: lints and freeing
 * ------------------------------------------------------------------------------ */

void
awl_sim_end_lints (AwlSim *sim)
{
  for (guint i = 0; i < sim->faulted->len; i++)
    {
      AwlTask *task = g_ptr_array_index (sim->faulted, i);
      AwlObject *e = g_ptr_array_index (task->exceptions, 0);

      if (task->observed || task->kind == AWL_TASK_KIND_FROM_RESULT)
        continue;
      awl_sim_lint (sim, AWL_LINT_UNOBSERVED_EXCEPTION, task->fault_line, task->fault_thread,
                    awl_sim_intern_printf (sim, "%s faulted with %s (%s) and nothing awaited it "
                                           "or read its exception",
                                           awl_sim_task_label (sim, task),
                                           awl_exception_get_type_name (e),
                                           awl_exception_get_message (e)));
    }
  for (guint i = 0; i < sim->tcses->len; i++)
    {
      AwlTcs *tcs = g_ptr_array_index (sim->tcses, i);

      if (!awl_task_is_completed (&tcs->task->parent))
        awl_sim_lint (sim, AWL_LINT_TCS_NEVER_COMPLETED, tcs->task->line, 0,
                      awl_sim_intern_printf (sim, "the TaskCompletionSource of %s is never completed; "
                                             "whoever awaits it waits forever",
                                             awl_sim_task_label (sim, tcs->task)));
    }
  for (guint i = 0; i < sim->semaphores->len; i++)
    {
      AwlSemaphore *sem = g_ptr_array_index (sim->semaphores, i);

      if (sem->count < sem->initial || !g_queue_is_empty (&sem->sync_waiters)
          || !g_queue_is_empty (&sem->async_waiters))
        awl_sim_lint (sim, AWL_LINT_SEMAPHORE_NEVER_RELEASED, sem->last_acquire_line,
                      sem->last_acquire_thread,
                      awl_sim_intern_printf (sim, "SemaphoreSlim %u was acquired but never released "
                                             "(count %u of %u at the end)", sem->parent.id,
                                             sem->count, sem->initial));
    }
  for (guint i = 0; i < sim->ctses->len; i++)
    {
      AwlCts *cts = g_ptr_array_index (sim->ctses, i);

      if (cts->canceled && !cts->observed)
        awl_sim_lint (sim, AWL_LINT_IGNORED_CANCELLATION, cts->cancel_line, cts->cancel_thread,
                      awl_sim_intern_printf (sim, "CancellationTokenSource %u was canceled but "
                                             "nothing ever checked its token", cts->parent.id));
    }
  if (sim->starvation_injections > 0)
    awl_sim_lint (sim, AWL_LINT_STARVATION, 0, 0,
                  awl_sim_intern_printf (sim, "thread-pool starvation: queued work waited up to "
                                         "%.1f ms; %u thread(s) injected at 500 ms intervals",
                                         AWL_TO_MS (sim->worst_wait),
                                         sim->starvation_injections));
}

void
awl_sim_free_objects (AwlSim *sim)
{
  for (guint i = 0; i < sim->objects->len; i++)
    {
      AwlObject *o = g_ptr_array_index (sim->objects, i);

      switch (o->type)
        {
        case AWL_OBJECT_TASK:
          awl_task_free_internal ((AwlTask *) o);
          break;
        case AWL_OBJECT_EXCEPTION:
          g_clear_pointer (&((AwlException *) o)->inner, g_ptr_array_unref);
          break;
        case AWL_OBJECT_SEMAPHORE:
          g_queue_clear (&((AwlSemaphore *) o)->sync_waiters);
          g_queue_clear (&((AwlSemaphore *) o)->async_waiters);
          break;
        case AWL_OBJECT_CTS:
          g_ptr_array_unref (((AwlCts *) o)->callbacks);
          break;
        case AWL_OBJECT_THREAD:
          g_queue_clear (&((AwlThread *) o)->joiners);
          break;
        case AWL_OBJECT_FOREIGN:
          if (((AwlForeign *) o)->klass->finalize)
            ((AwlForeign *) o)->klass->finalize ((AwlForeign *) o);
          break;
        default:
          break;
        }
      g_free (o);
    }
  g_ptr_array_set_size (sim->objects, 0);
}
