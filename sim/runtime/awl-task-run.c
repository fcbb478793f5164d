/* awl-task-run.c
 *
 * Task.Run, Task.Factory.StartNew and ContinueWith: delegate tasks and unwrapping.
 */

#include "awl-task-private.h"
#include "awl-cancel-private.h"
#include "awl-pool-private.h"
#include "awl-thread-private.h"

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
          /* Task.Run's unwrapping promise looks for an OperationCanceledException
           * thrown by the delegate itself: any one cancels the task. */
          awl_task_complete (sim, self->proxy,
                             awl_exception_is_cancellation (s->exception) ? AWL_TASK_CANCELED : AWL_TASK_FAULTED,
                             awl_value_null (), s->exception);
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

void
awl_task_unwrap_done (AwlSim  *sim,
                      AwlTask *proxy,
                      AwlTask *inner)
{
  inner->observed = TRUE;
  if (inner->status == AWL_TASK_RAN_TO_COMPLETION)
    awl_task_complete (sim, proxy, AWL_TASK_RAN_TO_COMPLETION, inner->result, NULL);
  else
    awl_task_complete_list (sim, proxy, inner->status, awl_value_null (), inner->exceptions);
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

  /* Task.Run unwraps an async delegate and any other delegate returning a Task (the
   * Func<Task> overload); StartNew never does: it gives Task<Task>. */
  if (unwrap && (is_async || (frame->flags & AWL_FRAME_RETURNS_TASK)))
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

/* Task.Run(action, token). A token canceled before the call gives a canceled task
 * and the delegate never runs; otherwise the delegate's OperationCanceledException
 * for this very token ends the task Canceled instead of Faulted, as .NET's
 * Task.ExecuteWithThreadLocal does (an async delegate's task is canceled by its
 * own method). */
AwlObject *
awl_sim_task_run_with_token (AwlSim    *sim,
                             AwlFrame  *frame,
                             AwlObject *token)
{
  AwlCts *cts = awl_token_cts (token);
  AwlObject *task;

  g_return_val_if_fail (sim != NULL && frame != NULL, NULL);
  if (cts != NULL && cts->canceled)
    {
      cts->observed = TRUE;
      awl_frame_rt (sim, frame);   /* never run: the sim frees it with the others */
      return awl_sim_task_from_canceled (sim);
    }
  task = queue_body (sim, frame, AWL_TASK_OPTION_NONE, TRUE);
  if (((AwlTask *) task)->kind != AWL_TASK_KIND_UNWRAP)
    ((AwlTask *) task)->run_cts = cts;
  return task;
}

gboolean
awl_task_run_canceled_by_token (AwlTask   *task,
                                AwlObject *exception)
{
  AwlException *e = (AwlException *) exception;

  return task != NULL && task->run_cts != NULL && task->run_cts->canceled &&
         awl_exception_is_cancellation (exception) && e->cts == task->run_cts;
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
void
awl_task_continue_with_start (AwlSim  *sim,
                              AwlCont *c,
                              AwlTask *antecedent)
{
  AwlTask *task = c->target;
  AwlTaskOptions options = GPOINTER_TO_INT (c->data);
  AwlThread *t = sim->current;
  AwlWorkItem *item;
  AwlTaskOptions skip_if = antecedent->status == AWL_TASK_FAULTED ? AWL_TASK_OPTION_NOT_ON_FAULTED
                         : antecedent->status == AWL_TASK_CANCELED ? AWL_TASK_OPTION_NOT_ON_CANCELED
                         : AWL_TASK_OPTION_NOT_ON_RAN_TO_COMPLETION;

  /* OnlyOnFaulted and friends: a continuation that does not apply never runs, and
   * its task ends Canceled at once (awaiting it throws TaskCanceledException). */
  if (options & skip_if)
    {
      awl_sim_free_frame (sim, c->frame);
      awl_task_complete (sim, task, AWL_TASK_CANCELED, awl_value_null (), awl_sim_canceled_exception (sim));
      return;
    }

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
