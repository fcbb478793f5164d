/* awl-executor.c
 *
 * The per-thread executor: takes the next work item and runs frames step by step until the
 * thread burns CPU, blocks or runs out of work.
 */

#include <string.h>

#include "awl-frame-private.h"
#include "awl-cancel-private.h"
#include "awl-context-private.h"
#include "awl-thread-private.h"

static void
start_item (AwlSim      *sim,
            AwlThread   *t,
            AwlWorkItem *item,
            gint32       how)
{
  gint64 owner = item->queue_owner ? item->queue_owner->parent.id : 0;

  t->item = item;
  awl_sim_emit (sim, AWL_EVENT_DEQUEUE, item->queue, t, item->task ? item->task->parent.id : 0,
                owner, item->id, how, NULL);
  if (item->context != NULL)
    {
      item->context->holder = t;
      item->context->in_pool = NULL;
      t->inside = item->context;
      awl_sim_emit (sim, AWL_EVENT_CONTEXT, 0, t, 0, item->context->id, 0, 0, NULL);
    }
  sim->completions++;

  switch (item->kind)
    {
    case ITEM_FRAME:
      {
        AwlFrame *f = item->frame;
        AwlFrameRt *rt = awl_frame_rt (sim, f);

        item->frame = NULL;
        if (item->task != NULL)
          {
            item->task->item = NULL;
            rt->task = item->task;
            rt->in_task_run = TRUE;
            item->task->status = AWL_TASK_RUNNING;
            awl_sim_emit_task_status (sim, item->task);
          }
        if (rt->role != ROLE_WRAPPER)
          rt->role = item->role;
        awl_frame_push (sim, t, f, DELIVER_NONE, TRUE);
        rt->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
      }
      break;

    case ITEM_RESUME:
      {
        AwlJob *job = g_new0 (AwlJob, 1);

        job->frame = item->frame;
        job->resume = item->resume;
        job->flow = item->flow;
        job->awaited = item->awaited;
        job->is_resume = TRUE;
        job->how = item->how;
        item->frame = NULL;
        awl_frame_start_job (sim, t, job);
      }
      break;

    case ITEM_CALLBACK:
      item->func (sim, t, item->func_data);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
finish_item (AwlSim    *sim,
             AwlThread *t)
{
  AwlWorkItem *item = t->item;

  if (item == NULL)
    return;
  t->item = NULL;
  if (t->kind == AWL_THREAD_POOL)
    {
      awl_pool_item_done (sim);
      /* .NET resets a pool thread's SynchronizationContext after each work item. */
      t->installed = NULL;
    }
  if (item->sender != NULL)
    awl_sim_unblock (sim, item->sender, awl_resume_value (awl_value_null ()));
  if (t->inside != NULL && item->context == t->inside)
    {
      AwlContext *ctx = t->inside;

      awl_sim_emit (sim, AWL_EVENT_CONTEXT, 1, t, 0, ctx->id, 0, 0, NULL);
      ctx->holder = NULL;
      t->inside = NULL;
      awl_context_release_next (sim, ctx);
    }
  awl_work_item_free (sim, item);
}

/* The thread's stack is empty: take the next work, or go idle / exit. TRUE when the
 * thread has something to run now. */
static gboolean
thread_next_work (AwlSim    *sim,
                  AwlThread *t)
{
  AwlWorkItem *item;
  gint32 how;

  finish_item (sim, t);
  if (sim->finished)
    return FALSE;

  switch (t->kind)
    {
    case AWL_THREAD_POOL:
      item = awl_pool_find_work (sim, t, &how);
      if (item != NULL)
        {
          start_item (sim, t, item, how);
          return TRUE;
        }
      awl_thread_go_idle (sim, t);
      return FALSE;

    case AWL_THREAD_UI:
      item = g_queue_pop_head (&sim->ui_queue);
      if (item != NULL)
        {
          start_item (sim, t, item, 0);
          return TRUE;
        }
      awl_thread_go_idle (sim, t);
      return FALSE;

    case AWL_THREAD_MAIN:
    case AWL_THREAD_DEDICATED:
    default:
      awl_thread_exit (sim, t);
      return FALSE;
    }
}

/* Runs thread @t, which holds a core, at the current instant until it burns CPU,
 * blocks or runs out of work. */
gboolean
awl_thread_execute (AwlSim    *sim,
                    AwlThread *t)
{
  sim->current = t;

  if (t->cpu_remaining > 0)
    {
      awl_thread_schedule_slice (sim, t);
      return FALSE;
    }

  while (!sim->finished)
    {
      AwlFrame *f = t->top;
      AwlFrameRt *rt;
      AwlStep s;

      if (++sim->n_steps > sim->config.limit_events)
        {
          awl_sim_finish_limit (sim, AWL_LIMIT_EVENTS,
                          awl_sim_intern_printf (sim, "limit: more than %" G_GUINT64_FORMAT
                                                 " steps", sim->config.limit_events));
          break;
        }

      if (f == NULL)
        {
          AwlJob *job = g_queue_pop_head (&t->base_jobs);

          if (job != NULL)
            awl_frame_start_job (sim, t, job);
          else if (!thread_next_work (sim, t))
            break;
          continue;
        }

      rt = f->rt;
      if (!g_queue_is_empty (&rt->jobs))
        {
          awl_frame_start_job (sim, t, g_queue_pop_head (&rt->jobs));
          continue;
        }
      if (rt->pending_exception != NULL)
        {
          rt->resume = awl_resume_exception (rt->pending_exception);
          rt->pending_exception = NULL;
          rt->has_deferred = FALSE;
        }
      else if (rt->has_deferred)
        {
          s = rt->deferred;
          rt->has_deferred = FALSE;
          if (!awl_step_perform (sim, t, f, &s))
            break;
          continue;
        }

      memset (&s, 0, sizeof s);
      s.sim = sim;
      s.resume = rt->resume.resume;
      s.value = rt->resume.value;
      s.exception = rt->resume.exception;
      sim->stepping = f;
      f->klass->step (f, &s);
      sim->stepping = NULL;

      if (!g_queue_is_empty (&rt->jobs))
        {
          rt->deferred = s;
          rt->has_deferred = TRUE;
          continue;
        }
      if (!awl_step_perform (sim, t, f, &s))
        break;
    }

  sim->current = NULL;
  return FALSE;
}
