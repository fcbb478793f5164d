/* awl-frame.c
 *
 * Frames on threads: the runtime side of a frame, pushing and popping, inline jobs, what
 * happens when a frame returns, throws or suspends.
 */

#include <string.h>

#include "awl-frame-private.h"
#include "awl-cancel-private.h"
#include "awl-context-private.h"
#include "awl-thread-private.h"

void
awl_frame_init (AwlFrame            *frame,
                const AwlFrameClass *klass)
{
  g_return_if_fail (frame != NULL && klass != NULL);

  memset (frame, 0, sizeof *frame);
  frame->klass = klass;
  frame->name = klass->name ? klass->name : "<frame>";
  frame->flags = klass->flags;
  frame->state = -1;
}

AwlFrameRt *
awl_frame_rt (AwlSim   *sim,
              AwlFrame *frame)
{
  AwlFrameRt *rt = frame->rt;

  if (rt != NULL)
    return rt;

  rt = g_new0 (AwlFrameRt, 1);
  rt->frame = frame;
  rt->resume.resume = AWL_RESUME_START;
  g_queue_init (&rt->jobs);
  rt->all_next = sim->frames;
  if (sim->frames)
    sim->frames->all_prev = rt;
  sim->frames = rt;
  frame->rt = rt;
  frame->id = ++sim->next_frame_id;
  awl_ec_capture (sim, rt);
  return rt;
}

void
awl_sim_free_frame (AwlSim   *sim,
                    AwlFrame *frame)
{
  AwlFrameRt *rt = frame->rt;

  if (rt != NULL)
    {
      AwlJob *job;

      if (rt->all_prev)
        rt->all_prev->all_next = rt->all_next;
      else
        sim->frames = rt->all_next;
      if (rt->all_next)
        rt->all_next->all_prev = rt->all_prev;
      while ((job = g_queue_pop_head (&rt->jobs)))
        g_free (job);
      g_free (rt);
      frame->rt = NULL;
    }
  if (frame->klass->free)
    frame->klass->free (frame);
}

void
awl_frame_push (AwlSim      *sim,
                AwlThread   *t,
                AwlFrame    *f,
                AwlDelivery  delivery,
                gboolean     emit_push)
{
  AwlFrameRt *rt = awl_frame_rt (sim, f);

  rt->delivery = delivery;
  if (delivery == DELIVER_CALL)
    awl_ec_inherit_from_caller (rt, t->top);
  else
    awl_ec_start_job (rt);
  f->below = t->top;
  t->top = f;
  /* Endless recursion: .NET throws a StackOverflowException that nothing can catch
   * and the process ends. Here the run ends, naming the budget. */
  if (++t->depth > sim->config.limit_call_depth)
    awl_sim_finish_limit (sim, AWL_LIMIT_CALL_DEPTH,
                          awl_sim_intern_printf (sim, "limit: more than %u nested calls on %s "
                                                 "(StackOverflowException: .NET ends the process)",
                                                 sim->config.limit_call_depth,
                                                 t->name ? t->name : "a thread"));
  if (emit_push && !(f->flags & AWL_FRAME_HIDDEN))
    awl_sim_emit (sim, AWL_EVENT_FRAME_PUSH, f->flags, t, rt->task ? rt->task->parent.id : 0,
                  f->id, f->below ? f->below->id : 0, 0, awl_sim_intern (sim, f->name));
}

static void
pop_frame (AwlSim    *sim,
           AwlThread *t,
           AwlFrame  *f,
           guint      how)
{
  g_assert (t->top == f);
  if (!(f->flags & AWL_FRAME_HIDDEN))
    awl_sim_emit (sim, AWL_EVENT_FRAME_POP, how, t, 0, f->id, 0, 0, NULL);
  t->top = f->below;
  f->below = NULL;
  t->depth--;
}

void
awl_frame_set_resume (AwlFrame      *f,
                      AwlResumeWith  with)
{
  if (f != NULL)
    ((AwlFrameRt *) f->rt)->resume = with;
}

AwlResumeWith
awl_resume_value (AwlValue v)
{
  return (AwlResumeWith) { AWL_RESUME_VALUE, v, NULL };
}

AwlResumeWith
awl_resume_exception (AwlObject *e)
{
  return (AwlResumeWith) { AWL_RESUME_EXCEPTION, awl_value_null (), e };
}

void
awl_sim_push_job (AwlSim    *sim,
                  AwlThread *t,
                  AwlJob    *job)
{
  if (t->top != NULL)
    g_queue_push_tail (&((AwlFrameRt *) t->top->rt)->jobs, job);
  else
    g_queue_push_tail (&t->base_jobs, job);
}

void
awl_frame_start_job (AwlSim    *sim,
                     AwlThread *t,
                     AwlJob    *job)
{
  AwlFrame *f = job->frame;
  AwlFrameRt *rt = awl_frame_rt (sim, f);

  if (job->is_resume)
    {
      awl_frame_push (sim, t, f, DELIVER_NONE, FALSE);
      rt->suspended = FALSE;
      rt->awaiting = NULL;
      awl_sim_emit (sim, AWL_EVENT_RESUME, job->how, t, job->awaited ? job->awaited->parent.id : 0,
                    f->id, job->flow, f->state, awl_sim_intern (sim, f->name));
    }
  else
    {
      rt->role = job->role;
      awl_frame_push (sim, t, f, DELIVER_NONE, TRUE);
    }
  rt->resume = job->resume;
  g_free (job);
}

void
awl_sim_crash (AwlSim    *sim,
               AwlObject *exception,
               AwlThread *thread)
{
  if (sim->finished)
    return;
  sim->crash = exception;
  sim->crash_thread = awl_sim_thread_id (thread);
  sim->crash_line = awl_exception_get_line (exception);
  awl_sim_emit (sim, AWL_EVENT_EXCEPTION, 1, thread, 0, exception->id, 0, 0,
                awl_sim_intern_printf (sim, "%s: %s", awl_exception_get_type_name (exception),
                                       awl_exception_get_message (exception)));
  /* The summary is "Type: message" (awl-trace.h): every view puts its own heading
   * ("Unhandled exception") in front of it. */
  awl_sim_finish (sim, AWL_OUTCOME_CRASHED,
                  awl_sim_intern_printf (sim, "%s: %s",
                                         awl_exception_get_type_name (exception),
                                         awl_exception_get_message (exception)));
}

static void
crash_item (AwlSim    *sim,
            AwlThread *t,
            gpointer   data)
{
  awl_sim_crash (sim, data, t);
}

/* A frame returned or threw: settle its task, hand the result to whoever waits for it,
 * free it. */
void
awl_frame_finish (AwlSim     *sim,
                  AwlThread  *t,
                  AwlFrame   *f,
                  AwlValue    value,
                  AwlObject  *exception)
{
  AwlFrameRt *rt = f->rt;
  AwlDelivery delivery = rt->delivery;
  AwlResumeWith to_caller;
  gboolean free_it = TRUE;

  if (exception)
    awl_sim_exception_set_line (sim, exception, f->line);
  pop_frame (sim, t, f, exception ? 1 : 0);

  to_caller = exception ? awl_resume_exception (exception) : awl_resume_value (value);

  switch (rt->role)
    {
    case ROLE_ASYNC:
      if (rt->task != NULL)
        {
          AwlTask *task = rt->task;

          task->frame = NULL;
          /* Like the compiler's CS1998, the lint is about a method with no await at all;
           * one that returns early before its first await (a cache hit) is fine. */
          if (!rt->ever_awaited && !(f->flags & (AWL_FRAME_HIDDEN | AWL_FRAME_HAS_AWAIT)))
            awl_sim_lint (sim, AWL_LINT_ASYNC_WITHOUT_AWAIT, f->line, awl_sim_thread_id (t),
                          awl_sim_intern_printf (sim, "async method %s completed without awaiting "
                                                 "anything: it ran synchronously", f->name));
          if (exception && awl_exception_is_cancellation (exception))
            awl_task_complete (sim, task, AWL_TASK_CANCELED, awl_value_null (), exception);
          else if (exception)
            awl_task_complete (sim, task, AWL_TASK_FAULTED, awl_value_null (), exception);
          else
            awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, value, NULL);
          to_caller = awl_resume_value (awl_value_object (task));
        }
      else
        {
          if (exception)
            {
              /* async void: the exception goes to the captured context, or to the pool,
               * where nothing catches it. */
              AwlWorkItem *item = awl_work_item_new (sim, ITEM_CALLBACK,
                                                     awl_sim_intern (sim, "rethrow async void exception"));

              item->func = crash_item;
              item->func_data = exception;
              awl_sim_emit (sim, AWL_EVENT_EXCEPTION, 2, t, 0, exception->id, 0, 0,
                            awl_sim_intern_printf (sim, "%s: %s",
                                                   awl_exception_get_type_name (exception),
                                                   awl_exception_get_message (exception)));
              awl_sim_post (sim, rt->captured, item);
            }
          to_caller = awl_resume_value (awl_value_null ());
        }
      break;

    case ROLE_ITERATOR:
      awl_enumerator_finished (sim, rt->enumerator, rt, exception, value);
      free_it = FALSE;
      break;

    case ROLE_TASK_BODY:
      if (exception && awl_task_run_canceled_by_token (rt->task, exception))
        awl_task_complete (sim, rt->task, AWL_TASK_CANCELED, awl_value_null (), exception);
      else if (exception)
        awl_task_complete (sim, rt->task, AWL_TASK_FAULTED, awl_value_null (), exception);
      else
        awl_task_complete (sim, rt->task, AWL_TASK_RAN_TO_COMPLETION, value, NULL);
      break;

    case ROLE_CTS_CALLBACK:
      if (exception && rt->cancel_batch != NULL
          && awl_cancel_batch_add (sim, rt->cancel_batch, exception))
        break;
      G_GNUC_FALLTHROUGH;
    case ROLE_CALLBACK:
    case ROLE_THREAD:
      if (exception && delivery != DELIVER_CALL)
        awl_sim_crash (sim, exception, t);
      break;

    case ROLE_WRAPPER:
      if (rt->request)
        awl_env_request_end (sim, rt->request - 1, exception != NULL);
      else if (t == sim->main_thread)
        {
          if (exception)
            awl_sim_crash (sim, exception, t);
          else
            awl_sim_finish (sim, AWL_OUTCOME_COMPLETED, awl_sim_intern (sim, "completed"));
        }
      else if (exception)
        awl_sim_crash (sim, exception, t);
      else
        sim->entry_done = TRUE;
      break;

    case ROLE_CALLEE:
    default:
      break;
    }

  if (delivery == DELIVER_CALL)
    {
      awl_ec_return_to_caller (rt, t->top);
      if (rt->role != ROLE_ASYNC || rt->first_run)
        awl_frame_set_resume (t->top, to_caller);
    }
  if (free_it)
    awl_sim_free_frame (sim, f);
}

/* An async frame leaves the stack at an incomplete await (or a yield). */
void
awl_frame_suspend (AwlSim    *sim,
                   AwlThread *t,
                   AwlFrame  *f)
{
  AwlFrameRt *rt = f->rt;

  pop_frame (sim, t, f, 2);
  rt->suspended = TRUE;
  if (rt->delivery == DELIVER_CALL && rt->first_run)
    awl_frame_set_resume (t->top, awl_resume_value (awl_value_object (rt->task)));
  rt->delivery = DELIVER_NONE;
  rt->first_run = FALSE;
}

/* An iterator frame leaves the stack at a yield return. */
void
awl_sim_pop_suspended (AwlSim    *sim,
                       AwlThread *t,
                       AwlFrame  *f)
{
  AwlFrameRt *rt = f->rt;

  pop_frame (sim, t, f, 2);
  rt->suspended = TRUE;
  rt->delivery = DELIVER_NONE;
}

void
awl_sim_run_inline (AwlSim   *sim,
                    AwlFrame *frame,
                    AwlRole   role)
{
  AwlJob *job = g_new0 (AwlJob, 1);

  awl_frame_rt (sim, frame);
  job->frame = frame;
  job->role = role;
  job->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
  if (sim->current)
    awl_sim_push_job (sim, sim->current, job);
  else
    {
      g_free (job);
      awl_sim_queue_user_work_item (sim, frame);
    }
}
