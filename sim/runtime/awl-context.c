/* awl-context.c
 *
 * Synchronization contexts (UI, classic ASP.NET) and the environments: the entry wrapper
 * frame, web requests, the set-up of a run and when an environment is done.
 */

#include "awl-context-private.h"
#include "awl-cancel-private.h"
#include "awl-thread-private.h"

AwlContext *
awl_sim_current_context (AwlSim    *sim,
                         AwlThread *thread)
{
  if (thread == NULL)
    return NULL;
  if (thread->installed != NULL)
    return thread->installed;
  if (thread->kind == AWL_THREAD_UI)
    return sim->ui_context;
  return thread->inside;
}

gboolean
awl_sim_has_sync_context (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, FALSE);
  return awl_sim_current_context (sim, sim->current) != NULL;
}

static AwlContext *
context_new (AwlSim         *sim,
             AwlContextKind  kind,
             guint           id)
{
  AwlContext *ctx = g_new0 (AwlContext, 1);

  ctx->kind = kind;
  ctx->id = id;
  g_queue_init (&ctx->pending);
  g_ptr_array_add (sim->contexts, ctx);
  return ctx;
}

void
awl_context_ui_enqueue (AwlSim      *sim,
                        AwlWorkItem *item)
{
  item->queue = AWL_QUEUE_UI;
  item->queue_owner = sim->ui_thread;
  item->enqueued = sim->now;
  g_queue_push_tail (&sim->ui_queue, item);
  awl_pool_emit_queue (sim, item);
  if (sim->ui_thread->state == AWL_THREAD_STATE_IDLE && sim->ui_thread->top == NULL
      && sim->ui_thread->item == NULL)
    awl_thread_want_core (sim, sim->ui_thread);
}

void
awl_sim_post (AwlSim      *sim,
              AwlContext  *ctx,
              AwlWorkItem *item)
{
  if (ctx == NULL)
    {
      awl_sim_queue_item (sim, item, FALSE);
      return;
    }
  if (ctx->kind == AWL_CONTEXT_UI)
    {
      awl_context_ui_enqueue (sim, item);
      return;
    }
  if (ctx->kind == AWL_CONTEXT_CUSTOM)
    {
      awl_context_custom_post (sim, ctx, item);
      return;
    }

  /* Classic ASP.NET: one at a time; the next item enters the pool only when the
   * context is free. */
  item->context = ctx;
  if (ctx->holder == NULL && ctx->in_pool == NULL && g_queue_is_empty (&ctx->pending))
    {
      ctx->in_pool = item;
      awl_sim_queue_item (sim, item, FALSE);
    }
  else
    {
      item->queue = AWL_QUEUE_REQUEST;
      item->queue_owner = NULL;
      item->enqueued = sim->now;
      g_queue_push_tail (&ctx->pending, item);
      awl_pool_emit_queue (sim, item);
    }
}

void
awl_context_release_next (AwlSim     *sim,
                          AwlContext *ctx)
{
  AwlWorkItem *next;

  if (ctx->holder != NULL || ctx->in_pool != NULL)
    return;
  next = g_queue_pop_head (&ctx->pending);
  if (next == NULL)
    return;
  awl_sim_emit (sim, AWL_EVENT_DEQUEUE, AWL_QUEUE_REQUEST, NULL, 0, ctx->id, next->id, 0, NULL);
  ctx->in_pool = next;
  awl_sim_queue_item (sim, next, FALSE);
}

typedef struct
{
  AwlFrame parent;
  int      phase;
  guint    request;
  gboolean is_main;
  AwlSim  *sim;
} EntryFrame;

static void
request_task_done (AwlSim  *sim,
                   AwlTask *task,
                   gpointer data)
{
  awl_env_request_end (sim, GPOINTER_TO_UINT (data), task->status != AWL_TASK_RAN_TO_COMPLETION);
}

static void
entry_step (AwlFrame *frame,
            AwlStep  *s)
{
  EntryFrame *self = (EntryFrame *) frame;
  AwlSim *sim = self->sim;

  switch (self->phase)
    {
    case 0:
      {
        AwlFrame *f = sim->entry ? sim->entry (sim, self->request, sim->entry_data) : NULL;

        if (f == NULL)
          {
            awl_step_throw (s, awl_sim_exception_new (sim, "InvalidOperationException",
                                                      "The scenario has no entry method."));
            return;
          }
        self->phase = 1;
        awl_step_call (s, f);
      }
      return;

    case 1:
      if (s->resume == AWL_RESUME_EXCEPTION)
        {
          awl_step_throw (s, s->exception);
          return;
        }
      if (awl_value_get_object (s->value, AWL_OBJECT_TASK) != NULL)
        {
          AwlTask *task = (AwlTask *) s->value.o;

          if (self->is_main)
            {
              /* async Main: the host blocks in GetAwaiter().GetResult(). */
              self->phase = 2;
              task->observed = TRUE;
              awl_step_wait (s, &task->parent, AWL_WAIT_GET_RESULT);
              return;
            }
          if (self->request && !awl_task_is_completed (&task->parent))
            {
              /* The request ends when its task completes, not when the entry returns. */
              AwlCont *cont = g_new0 (AwlCont, 1);

              cont->kind = CONT_FUNC;
              cont->func = request_task_done;
              cont->data = GUINT_TO_POINTER (self->request - 1);
              task->observed = TRUE;
              awl_task_add_cont (sim, task, cont);
              ((AwlFrameRt *) frame->rt)->request = 0;
            }
          else if (self->request && task->status != AWL_TASK_RAN_TO_COMPLETION)
            {
              task->observed = TRUE;
              awl_step_throw (s, awl_sim_exception_new (sim, "Exception", "request failed"));
              return;
            }
        }
      awl_step_return (s, s->value);
      return;

    default:
      if (s->resume == AWL_RESUME_EXCEPTION)
        awl_step_throw (s, s->exception);
      else
        awl_step_return (s, s->value);
      return;
    }
}

static void
entry_free (AwlFrame *frame)
{
  g_free (frame);
}

static const AwlFrameClass entry_class = {
  .name = "<entry>",
  .flags = AWL_FRAME_HIDDEN,
  .step = entry_step,
  .free = entry_free,
};

static AwlFrame *
entry_frame_new (AwlSim   *sim,
                 guint     request,
                 gboolean  is_main)
{
  EntryFrame *self = g_new0 (EntryFrame, 1);
  AwlFrameRt *rt;

  awl_frame_init (&self->parent, &entry_class);
  self->sim = sim;
  self->request = request;
  self->is_main = is_main;
  rt = awl_frame_rt (sim, &self->parent);
  rt->role = ROLE_WRAPPER;
  rt->request = request;
  return &self->parent;
}

void
awl_env_request_end (AwlSim   *sim,
                     guint     index,
                     gboolean  failed)
{
  AwlTime start = g_array_index (sim->request_start, AwlTime, index);

  sim->requests_done++;
  awl_sim_emit (sim, AWL_EVENT_REQUEST_END, failed ? 1 : 0, sim->current, 0, index,
                sim->now - start, 0, NULL);
}

void
awl_env_on_request (AwlSim *sim,
                    guint   index)
{
  AwlWorkItem *item;
  AwlContext *ctx = NULL;

  g_array_index (sim->request_start, AwlTime, index) = sim->now;
  sim->requests_started++;
  awl_sim_emit (sim, AWL_EVENT_REQUEST_START, 0, NULL, 0, index, 0, 0, NULL);

  item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern_printf (sim, "request %u", index + 1));
  item->frame = entry_frame_new (sim, index + 1, FALSE);
  item->role = ROLE_WRAPPER;
  if (sim->config.environment == AWL_ENV_ASPNET_CLASSIC)
    ctx = context_new (sim, AWL_CONTEXT_ASPNET, index);
  awl_sim_post (sim, ctx, item);
}

/* Whether @frame is the console program's Main itself, running on the Main thread with
 * no SynchronizationContext. */
gboolean
awl_env_is_main_entry (AwlSim    *sim,
                       AwlThread *thread,
                       AwlFrame  *frame)
{
  AwlFrame *below = frame->below;

  return thread == sim->main_thread
         && awl_sim_current_context (sim, thread) == NULL
         && below != NULL && below->klass == &entry_class
         && ((EntryFrame *) below)->is_main;
}

void
awl_env_setup (AwlSim *sim)
{
  AwlWorkItem *item;

  awl_sim_emit (sim, AWL_EVENT_POOL_GOAL, AWL_POOL_MIN, NULL, 0, sim->goal, 0, 0, NULL);
  switch (sim->config.environment)
    {
    case AWL_ENV_CONSOLE:
      sim->main_thread = awl_thread_new (sim, AWL_THREAD_MAIN, "Main");
      awl_frame_push (sim, sim->main_thread, entry_frame_new (sim, 0, TRUE), DELIVER_NONE, FALSE);
      awl_thread_want_core (sim, sim->main_thread);
      break;

    case AWL_ENV_UI:
      sim->ui_thread = awl_thread_new (sim, AWL_THREAD_UI, "UI");
      sim->ui_context = context_new (sim, AWL_CONTEXT_UI, 0);
      item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern (sim, "UI event"));
      item->frame = entry_frame_new (sim, 0, FALSE);
      item->role = ROLE_WRAPPER;
      awl_context_ui_enqueue (sim, item);
      break;

    case AWL_ENV_ASPNET_CLASSIC:
    case AWL_ENV_ASPNETCORE:
    default:
      if (sim->config.load_rps > 0 && sim->config.load_duration > 0)
        {
          double period = 1e9 / sim->config.load_rps;
          guint64 n = (guint64) ((double) sim->config.load_duration / period - 1e-9) + 1;

          n = MIN (n, (guint64) 1000000);
          sim->n_requests = n;
        }
      else
        sim->n_requests = 1;
      g_array_set_size (sim->request_start, sim->n_requests);
      for (guint i = 0; i < sim->n_requests; i++)
        {
          AwlTime at = sim->config.load_rps > 0
                       ? (AwlTime) ((double) i * 1e9 / sim->config.load_rps) : 0;
          awl_sim_schedule (sim, at, EV_REQUEST, 0, GUINT_TO_POINTER (i), TRUE);
        }
      break;
    }
}

gboolean
awl_env_done (AwlSim *sim)
{
  if (sim->config.environment == AWL_ENV_CONSOLE)
    return FALSE;
  if (sim->config.environment == AWL_ENV_UI && !sim->entry_done)
    return FALSE;
  if (sim->config.environment != AWL_ENV_UI && sim->requests_done < sim->n_requests)
    return FALSE;
  if (sim->pending_items > 0 || !g_queue_is_empty (&sim->ui_queue))
    return FALSE;
  for (guint i = 0; i < sim->threads->len; i++)
    {
      AwlThread *t = g_ptr_array_index (sim->threads, i);

      if (!t->exited && t->state != AWL_THREAD_STATE_IDLE)
        return FALSE;
    }
  return TRUE;
}

void
awl_sim_context_post (AwlSim   *sim,
                      AwlFrame *callback)
{
  g_return_if_fail (sim != NULL && callback != NULL);
  awl_sim_context_post_to (sim, awl_sim_current_context (sim, sim->current), callback);
}

AwlContext *
awl_sim_capture_context (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return awl_sim_current_context (sim, sim->current);
}

void
awl_sim_context_post_to (AwlSim     *sim,
                         AwlContext *ctx,
                         AwlFrame   *callback)
{
  AwlWorkItem *item;

  g_return_if_fail (sim != NULL && callback != NULL);
  item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern_printf (sim, "Post %s", callback->name));
  item->frame = callback;
  awl_frame_rt (sim, callback);
  item->role = ROLE_CALLBACK;
  awl_sim_post (sim, ctx, item);
}
