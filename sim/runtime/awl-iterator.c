/* awl-iterator.c
 *
 * Async iterators: MoveNextAsync, yield return and DisposeAsync.
 */

#include <string.h>

#include "awl-task-private.h"
#include "awl-cancel-private.h"

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
