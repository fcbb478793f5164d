/* awl-step.c
 *
 * Steps: the actions a frame answers (awl_step_*) and how the runtime performs them (await,
 * yield, blocking waits, sleep, synchronous I/O, Send, calls).
 */

#include "awl-frame-private.h"
#include "awl-cancel-private.h"
#include "awl-context-private.h"
#include "awl-sync-private.h"

#define SET_ACTION(s, a) G_STMT_START { \
  if ((s)->action != ACT_NONE) \
    g_critical ("%s: a frame answered two actions in one step", G_STRFUNC); \
  (s)->action = (a); } G_STMT_END

void awl_step_continue (AwlStep *s) { g_return_if_fail (s); SET_ACTION (s, ACT_CONTINUE); }

void
awl_step_cpu (AwlStep *s,
              AwlTime  ns)
{
  g_return_if_fail (s);
  SET_ACTION (s, ACT_CPU);
  s->ns = MAX (ns, 0);
}

void
awl_step_call (AwlStep  *s,
               AwlFrame *callee)
{
  g_return_if_fail (s && callee);
  SET_ACTION (s, ACT_CALL);
  s->callee = callee;
}

void
awl_step_return (AwlStep  *s,
                 AwlValue  value)
{
  g_return_if_fail (s);
  SET_ACTION (s, ACT_RETURN);
  s->ret = value;
}

void
awl_step_throw (AwlStep   *s,
                AwlObject *exception)
{
  g_return_if_fail (s && AWL_IS_EXCEPTION (exception));
  SET_ACTION (s, ACT_THROW);
  s->object = exception;
}

void
awl_step_await (AwlStep   *s,
                AwlObject *task,
                gboolean   continue_on_captured_context)
{
  g_return_if_fail (s && AWL_IS_TASK (task));
  SET_ACTION (s, ACT_AWAIT);
  s->object = task;
  s->flag = !!continue_on_captured_context;
}

void awl_step_await_yield (AwlStep *s) { g_return_if_fail (s); SET_ACTION (s, ACT_YIELD); }

void
awl_step_wait (AwlStep     *s,
               AwlObject   *task,
               AwlWaitKind  kind)
{
  g_return_if_fail (s && AWL_IS_TASK (task));
  SET_ACTION (s, ACT_WAIT);
  s->object = task;
  s->flag = kind;
}

void
awl_step_wait_timeout (AwlStep     *s,
                       AwlObject   *task,
                       AwlWaitKind  kind,
                       AwlTime      timeout)
{
  g_return_if_fail (s && AWL_IS_TASK (task));
  SET_ACTION (s, ACT_WAIT_TIMEOUT);
  s->object = task;
  s->flag = kind;
  s->ns = timeout < 0 ? -1 : timeout;
}

void
awl_step_sleep (AwlStep *s,
                AwlTime  ns)
{
  g_return_if_fail (s);
  SET_ACTION (s, ACT_SLEEP);
  s->ns = MAX (ns, 0);
}

void
awl_step_sync_io (AwlStep    *s,
                  const char *label,
                  AwlTime     ns,
                  AwlObject  *fail)
{
  g_return_if_fail (s);
  SET_ACTION (s, ACT_SYNC_IO);
  s->label = label;
  s->ns = MAX (ns, 0);
  s->object = fail;
}

void
awl_step_lock_enter (AwlStep   *s,
                     AwlObject *obj)
{
  g_return_if_fail (s && obj);
  SET_ACTION (s, ACT_LOCK);
  s->object = obj;
}

void
awl_step_semaphore_wait (AwlStep   *s,
                         AwlObject *semaphore)
{
  g_return_if_fail (s && semaphore && semaphore->type == AWL_OBJECT_SEMAPHORE);
  SET_ACTION (s, ACT_SEM_WAIT);
  s->object = semaphore;
}

void
awl_step_join (AwlStep   *s,
               AwlObject *thread)
{
  g_return_if_fail (s && thread && thread->type == AWL_OBJECT_THREAD);
  SET_ACTION (s, ACT_JOIN);
  s->object = thread;
}

void
awl_step_yield_return (AwlStep  *s,
                       AwlValue  value)
{
  g_return_if_fail (s);
  SET_ACTION (s, ACT_YIELD_RETURN);
  s->ret = value;
}

void
awl_step_context_send (AwlStep  *s,
                       AwlFrame *callee)
{
  g_return_if_fail (s && callee);
  SET_ACTION (s, ACT_SEND);
  s->callee = callee;
}

static gboolean
do_await (AwlSim    *sim,
          AwlThread *t,
          AwlFrame  *f,
          AwlTask   *task,
          gboolean   coc)
{
  AwlFrameRt *rt = f->rt;
  AwlContext *ctx;
  AwlCont *cont;

  if (!(f->flags & (AWL_FRAME_ASYNC | AWL_FRAME_ASYNC_ITERATOR)))
    {
      rt->resume = awl_resume_exception (awl_sim_exception_new (sim, "InvalidOperationException",
                                     "The 'await' operator can only be used within an async method."));
      return TRUE;
    }
  rt->ever_awaited = TRUE;
  if (awl_task_is_completed (&task->parent))
    {
      awl_sim_emit (sim, AWL_EVENT_AWAIT, 1, t, task->parent.id, f->id, 0, f->state,
                    awl_sim_task_label (sim, task));
      rt->resume = awl_task_resume_with (sim, task, AWL_WAIT_GET_RESULT);
      return TRUE;
    }

  ctx = coc ? awl_sim_current_context (sim, t) : NULL;
  awl_sim_emit (sim, AWL_EVENT_AWAIT, 0, t, task->parent.id, f->id,
                ctx ? ctx->kind : AWL_CONTEXT_NONE, f->state, awl_sim_task_label (sim, task));
  rt->awaiting = task;
  awl_frame_suspend (sim, t, f);

  cont = g_new0 (AwlCont, 1);
  cont->kind = CONT_AWAIT;
  cont->frame = f;
  cont->context = ctx;
  awl_task_add_cont (sim, task, cont);
  return TRUE;
}

static gboolean
do_yield (AwlSim    *sim,
          AwlThread *t,
          AwlFrame  *f)
{
  AwlFrameRt *rt = f->rt;
  AwlContext *ctx = awl_sim_current_context (sim, t);
  AwlWorkItem *item;

  if (!(f->flags & (AWL_FRAME_ASYNC | AWL_FRAME_ASYNC_ITERATOR)))
    {
      rt->resume = awl_resume_exception (awl_sim_exception_new (sim, "InvalidOperationException",
                                     "The 'await' operator can only be used within an async method."));
      return TRUE;
    }
  rt->ever_awaited = TRUE;
  awl_sim_emit (sim, AWL_EVENT_AWAIT, 0, t, 0, f->id, ctx ? ctx->kind : AWL_CONTEXT_NONE,
                f->state, awl_sim_intern (sim, "Task.Yield()"));
  awl_frame_suspend (sim, t, f);

  /* Task.Yield posts to the context, else queues to the pool's global queue. */
  item = awl_work_item_new (sim, ITEM_RESUME, awl_sim_intern_printf (sim, "resume %s", f->name));
  item->frame = f;
  item->resume = awl_resume_value (awl_value_null ());
  item->flow = ++sim->next_flow_id;
  item->how = ctx ? AWL_CONT_POSTED : AWL_CONT_QUEUED_GLOBAL;
  awl_sim_emit (sim, AWL_EVENT_CONTINUATION, item->how, t, 0, f->id, item->flow, 0, NULL);
  awl_sim_post (sim, ctx, item);
  return TRUE;
}

/* What a waiter resumes with when @task completed: the result or exception as
 * awl_task_resume_with(); a timed wait (Wait(ms)) gets true instead of a value. */
AwlResumeWith
awl_sim_waiter_resume (AwlSim  *sim,
                       AwlTask *task,
                       int      waiter_data)
{
  AwlResumeWith r = awl_task_resume_with (sim, task, AWL_WAITER_KIND (waiter_data));

  if ((waiter_data & AWL_WAITER_TIMED) && r.resume == AWL_RESUME_VALUE)
    r.value = awl_value_bool (TRUE);
  return r;
}

/* The timeout of a timed wait expired before the task completed: the waiter leaves the
 * task's continuation list and resumes with false. */
void
awl_sim_on_wait_timeout (AwlSim    *sim,
                         AwlThread *t)
{
  AwlTask *task = t->blocked_task;
  AwlCont **link;

  g_assert (t->state == AWL_THREAD_STATE_BLOCKED && task != NULL);
  for (link = &task->conts; *link != NULL; link = &(*link)->next)
    if ((*link)->kind == CONT_WAITER && (*link)->thread == t)
      {
        AwlCont *c = *link;

        *link = c->next;
        if (task->conts_tail == c)
          {
            task->conts_tail = NULL;
            for (AwlCont *k = task->conts; k != NULL; k = k->next)
              task->conts_tail = k;
          }
        g_free (c);
        break;
      }
  awl_sim_unblock (sim, t, (AwlResumeWith) { AWL_RESUME_VALUE, awl_value_bool (FALSE), NULL });
}

static gboolean
do_wait (AwlSim      *sim,
         AwlThread   *t,
         AwlFrame    *f,
         AwlTask     *task,
         AwlWaitKind  kind,
         gboolean     timed,
         AwlTime      timeout,
         AwlStep     *s)
{
  AwlFrameRt *rt = f->rt;
  static const char * const how[] = { ".Result", ".Wait()", ".GetAwaiter().GetResult()" };
  int data = kind | (timed ? AWL_WAITER_TIMED : 0) | (timeout >= 0 ? AWL_WAITER_TIMER : 0);
  AwlCont *cont;

  if (awl_task_is_completed (&task->parent))
    {
      rt->resume = awl_sim_waiter_resume (sim, task, data);
      return TRUE;
    }
  if (timed && timeout == 0)
    {
      rt->resume = (AwlResumeWith) { AWL_RESUME_VALUE, awl_value_bool (FALSE), NULL };
      return TRUE;
    }

  /* Inline a not-yet-started task sitting in this thread's local queue (.NET does this
   * only for an infinite wait). */
  if (timeout < 0 &&
      task->item != NULL && task->item->queue == AWL_QUEUE_LOCAL && task->item->queue_owner == t)
    {
      AwlWorkItem *item = task->item;
      AwlJob *job = g_new0 (AwlJob, 1);

      awl_pool_take_local (sim, t, item);
      awl_sim_emit (sim, AWL_EVENT_DEQUEUE, AWL_QUEUE_LOCAL, t, task->parent.id, t->parent.id,
                    item->id, 2, NULL);
      task->item = NULL;
      task->status = AWL_TASK_RUNNING;
      awl_sim_emit_task_status (sim, task);
      job->frame = item->frame;
      job->role = ROLE_TASK_BODY;
      job->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
      awl_frame_rt (sim, item->frame)->task = task;
      ((AwlFrameRt *) item->frame->rt)->in_task_run = TRUE;
      item->frame = NULL;
      g_free (item);
      g_queue_push_tail (&rt->jobs, job);
      /* Wait again once the inlined body has run. */
      rt->deferred = *s;
      rt->has_deferred = TRUE;
      return TRUE;
    }

  /* A console program's own Main blocking on its async work, on the Main thread with no
   * context, is the accepted top-level block (question 32): nothing needs that thread.
   * The same call anywhere else (a library method, the UI thread, a pool thread, a
   * request) is sync over async. */
  if (!(f->flags & AWL_FRAME_HIDDEN) && !awl_env_is_main_entry (sim, t, f))
    awl_sim_lint (sim, AWL_LINT_SYNC_OVER_ASYNC, f->line, t->parent.id,
                  awl_sim_intern_printf (sim, "%s blocks thread %s in %s on %s: sync over async",
                                         f->name, t->name, how[kind],
                                         awl_sim_task_label (sim, task)));
  cont = g_new0 (AwlCont, 1);
  cont->kind = CONT_WAITER;
  cont->thread = t;
  cont->data = GINT_TO_POINTER (data);
  awl_task_add_cont (sim, task, cont);
  awl_thread_block (sim, t, AWL_BLOCK_TASK_WAIT, task, 0, task,
                timeout >= 0 ? awl_sim_intern_printf (sim, ".Wait(%g ms)", AWL_TO_MS (timeout))
                             : awl_sim_intern (sim, how[kind]));
  if (t->kind == AWL_THREAD_POOL)
    awl_sim_pool_thread_blocked (sim, t);
  /* Stale (and no longer counted as foreground) once the task wakes the thread. */
  if (timeout >= 0)
    awl_sim_schedule (sim, sim->now + timeout, EV_WAIT_TIMEOUT, t->gen, t, TRUE);
  return FALSE;
}

static void
lint_task_run_io (AwlSim    *sim,
                  AwlThread *t,
                  AwlFrame  *f,
                  const char *label)
{
  for (AwlFrame *g = f; g != NULL; g = g->below)
    {
      AwlFrameRt *grt = g->rt;

      if (grt && grt->in_task_run)
        {
          awl_sim_lint (sim, AWL_LINT_TASK_RUN_IO, f->line, t->parent.id,
                        awl_sim_intern_printf (sim, "Task.Run wraps I/O (%s): it occupies a pool "
                                               "thread for work that needs none", label));
          return;
        }
    }
}

static gboolean
do_send (AwlSim    *sim,
         AwlThread *t,
         AwlFrame  *f,
         AwlFrame  *callee)
{
  AwlWorkItem *item;

  if (sim->ui_context == NULL || t == sim->ui_thread)
    {
      awl_frame_rt (sim, callee)->role = ROLE_CALLBACK;
      awl_frame_push (sim, t, callee, DELIVER_CALL, TRUE);
      return TRUE;
    }
  item = awl_work_item_new (sim, ITEM_FRAME, awl_sim_intern_printf (sim, "Send %s", callee->name));
  item->frame = callee;
  item->sender = t;
  awl_context_ui_enqueue (sim, item);
  awl_thread_block (sim, t, AWL_BLOCK_SEND, NULL, 0, NULL, awl_sim_intern (sim, "Send to the UI thread"));
  return FALSE;
}

static void
block_with_wake (AwlSim        *sim,
                 AwlThread     *t,
                 AwlBlockReason reason,
                 AwlTime        ns,
                 AwlResumeWith  wake,
                 const char    *detail)
{
  awl_thread_block (sim, t, reason, NULL, 0, NULL, detail);
  t->wake = wake;
  awl_sim_schedule (sim, sim->now + ns, EV_WAKE, t->gen, t, TRUE);
}

/* Performs @s for frame @f on thread @t. FALSE when the thread stops executing now
 * (it burns CPU, blocked or gave its core away). */
gboolean
awl_step_perform (AwlSim    *sim,
                  AwlThread *t,
                  AwlFrame  *f,
                  AwlStep   *s)
{
  AwlFrameRt *rt = f->rt;

  rt->resume = awl_resume_value (awl_value_null ());
  switch ((AwlAction) s->action)
    {
    case ACT_CONTINUE:
      return TRUE;

    case ACT_CPU:
      if (s->ns == 0)
        return TRUE;
      awl_sim_emit (sim, AWL_EVENT_CPU, 0, t, 0, s->ns, 0, 0, NULL);
      t->cpu_remaining = s->ns;
      awl_thread_schedule_slice (sim, t);
      return FALSE;

    case ACT_CALL:
      return awl_sim_do_call (sim, t, f, s->callee);

    case ACT_RETURN:
      awl_frame_finish (sim, t, f, s->ret, NULL);
      return TRUE;

    case ACT_THROW:
      awl_frame_finish (sim, t, f, awl_value_null (), s->object);
      return TRUE;

    case ACT_AWAIT:
      return do_await (sim, t, f, (AwlTask *) s->object, s->flag);

    case ACT_YIELD:
      return do_yield (sim, t, f);

    case ACT_WAIT:
      return do_wait (sim, t, f, (AwlTask *) s->object, s->flag, FALSE, -1, s);

    case ACT_WAIT_TIMEOUT:
      return do_wait (sim, t, f, (AwlTask *) s->object, s->flag, TRUE, s->ns, s);

    case ACT_SLEEP:
      if (f->flags & AWL_FRAME_ASYNC)
        awl_sim_lint (sim, AWL_LINT_SLEEP_IN_ASYNC, f->line, t->parent.id,
                      awl_sim_intern_printf (sim, "Thread.Sleep in async method %s blocks the "
                                             "thread; use await Task.Delay", f->name));
      if (s->ns == 0)
        return TRUE;
      block_with_wake (sim, t, AWL_BLOCK_SLEEP, s->ns, awl_resume_value (awl_value_null ()),
                       awl_sim_intern (sim, "Thread.Sleep"));
      return FALSE;

    case ACT_SYNC_IO:
      {
        const char *label = awl_sim_intern (sim, s->label ? s->label : "I/O");
        guint id = ++sim->next_io_id;

        lint_task_run_io (sim, t, f, label);
        awl_sim_emit (sim, AWL_EVENT_IO_START, 1, t, 0, s->ns, id, 0, label);
        block_with_wake (sim, t, AWL_BLOCK_SYNC_IO, s->ns,
                         s->object ? awl_resume_exception (s->object) : awl_resume_value (awl_value_null ()),
                         label);
        /* IO_DONE is emitted when the thread wakes; remember the id in the wake slot. */
        t->blocked_object = id;
        return FALSE;
      }

    case ACT_LOCK:
      return awl_sim_do_lock (sim, t, s->object);

    case ACT_SEM_WAIT:
      return awl_sim_semaphore_wait_sync (sim, t, (AwlSemaphore *) s->object);

    case ACT_JOIN:
      {
        AwlThread *target = (AwlThread *) s->object;

        if (!target->started || target->exited || target == t)
          {
            if (!target->started)
              rt->resume = awl_resume_exception (awl_sim_exception_new (sim, "ThreadStateException",
                                             "Thread has not been started."));
            return TRUE;
          }
        g_queue_push_tail (&target->joiners, t);
        awl_thread_block (sim, t, AWL_BLOCK_JOIN, NULL, target->parent.id, target,
                      awl_sim_intern_printf (sim, "Join %s", target->name));
        return FALSE;
      }

    case ACT_YIELD_RETURN:
      return awl_sim_do_yield_return (sim, t, f, s->ret);

    case ACT_SEND:
      return do_send (sim, t, f, s->callee);

    case ACT_NONE:
    default:
      g_critical ("Frame %s answered no action; treating it as return", f->name);
      awl_frame_finish (sim, t, f, awl_value_null (), NULL);
      return TRUE;
    }
}

gboolean
awl_sim_do_call (AwlSim    *sim,
                 AwlThread *t,
                 AwlFrame  *f,
                 AwlFrame  *callee)
{
  AwlFrameRt *crt = awl_frame_rt (sim, callee);

  if (callee->flags & AWL_FRAME_ASYNC_ITERATOR)
    {
      AwlEnumerator *e = awl_sim_alloc_object (sim, AWL_OBJECT_ENUMERATOR, sizeof *e);

      e->frame = callee;
      crt->role = ROLE_ITERATOR;
      crt->enumerator = e;
      awl_frame_set_resume (f, awl_resume_value (awl_value_object (e)));
      return TRUE;
    }
  if (callee->flags & (AWL_FRAME_ASYNC | AWL_FRAME_ASYNC_VOID))
    {
      crt->role = ROLE_ASYNC;
      crt->first_run = TRUE;
      if (callee->flags & AWL_FRAME_ASYNC_VOID)
        {
          crt->captured = awl_sim_current_context (sim, t);
          if (!(f->flags & AWL_FRAME_HIDDEN))
            awl_sim_lint (sim, AWL_LINT_ASYNC_VOID, f->line, t->parent.id,
                          awl_sim_intern_printf (sim, "async void method %s: callers cannot await "
                                                 "it and its exceptions crash the process",
                                                 callee->name));
        }
      else
        {
          crt->task = awl_task_new (sim, AWL_TASK_KIND_ASYNC_METHOD, callee->name);
          crt->task->frame = callee;
        }
    }
  else if (crt->role != ROLE_CALLBACK)
    crt->role = ROLE_CALLEE;
  awl_frame_push (sim, t, callee, DELIVER_CALL, TRUE);
  crt->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
  return TRUE;
}
