/* awl-context-custom.c
 *
 * SynchronizationContext subclasses written in a scenario. .NET calls the captured
 * context's Post on the thread that completes the awaited task, and the override
 * decides where the continuation runs: queued to the pool, inline, on a thread of
 * its own, or never. The runtime knows nothing of the override: the scenario layer
 * gives a function that turns each posted item into the frame running Post, and
 * runs the item when the override invokes its callback.
 */

#include "awl-context-private.h"
#include "awl-frame-private.h"
#include "awl-thread-private.h"

AwlContext *
awl_sim_context_new_custom (AwlSim             *sim,
                            AwlValue            object,
                            AwlContextPostFunc  post,
                            gpointer            data)
{
  AwlContext *ctx;

  g_return_val_if_fail (sim != NULL && post != NULL, NULL);

  ctx = g_new0 (AwlContext, 1);
  ctx->kind = AWL_CONTEXT_CUSTOM;
  ctx->object = object;
  ctx->post = post;
  ctx->post_data = data;
  g_queue_init (&ctx->pending);
  g_ptr_array_add (sim->contexts, ctx);
  return ctx;
}

void
awl_sim_set_sync_context (AwlSim     *sim,
                          AwlContext *ctx)
{
  g_return_if_fail (sim != NULL);
  g_return_if_fail (ctx == NULL || ctx->kind == AWL_CONTEXT_CUSTOM);

  if (sim->current != NULL)
    sim->current->installed = ctx;
}

AwlContext *
awl_sim_get_custom_context (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);

  return sim->current != NULL ? sim->current->installed : NULL;
}

AwlValue
awl_context_get_object (AwlContext *ctx)
{
  g_return_val_if_fail (ctx != NULL, awl_value_null ());

  return ctx->object;
}

void
awl_context_custom_post (AwlSim      *sim,
                         AwlContext  *ctx,
                         AwlWorkItem *item)
{
  AwlFrame *frame = ctx->post (sim, ctx->object, item, ctx->post_data);

  if (frame == NULL)
    {
      /* The scenario could not call its override: the continuation still runs. */
      awl_sim_queue_item (sim, item, FALSE);
      return;
    }
  awl_sim_run_inline (sim, frame, ROLE_CALLBACK);
}

gboolean
awl_sim_run_posted (AwlSim      *sim,
                    AwlWorkItem *item)
{
  AwlThread *t;
  AwlJob *job;

  g_return_val_if_fail (sim != NULL && item != NULL, FALSE);

  t = sim->current;
  if (t == NULL)
    {
      awl_sim_queue_item (sim, item, FALSE);
      return TRUE;
    }
  switch (item->kind)
    {
    case ITEM_RESUME:
      job = g_new0 (AwlJob, 1);
      job->frame = item->frame;
      job->resume = item->resume;
      job->flow = item->flow;
      job->awaited = item->awaited;
      job->is_resume = TRUE;
      job->how = item->how;
      awl_sim_push_job (sim, t, job);
      break;

    case ITEM_FRAME:
      job = g_new0 (AwlJob, 1);
      job->frame = item->frame;
      job->role = item->role;
      job->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
      awl_sim_push_job (sim, t, job);
      break;

    case ITEM_CALLBACK:
      item->func (sim, t, item->func_data);
      break;

    default:
      g_assert_not_reached ();
    }
  item->frame = NULL;
  g_free (item);
  return TRUE;
}

void
awl_work_item_discard (AwlWorkItem *item)
{
  /* Its frame (suspended, or made with an AwlFrameRt before being posted) is on the
   * run's list of frames and is freed with the run. */
  g_free (item);
}

void
awl_sim_queue_posted (AwlSim      *sim,
                      AwlWorkItem *item)
{
  g_return_if_fail (sim != NULL && item != NULL);

  item->how = AWL_CONT_QUEUED_GLOBAL;
  awl_sim_queue_item (sim, item, FALSE);
}
