/* awl-thread.c
 *
 * Cores and threads: thread states, cores with round-robin time slices, blocking and
 * waking, dedicated threads.
 */

#include "awl-thread-private.h"
#include "awl-cancel-private.h"
#include "awl-pool-private.h"
#include "awl-sync-private.h"

static void
thread_set_state (AwlSim         *sim,
                  AwlThread      *t,
                  AwlThreadState  state,
                  AwlBlockReason  reason,
                  AwlTask        *task,
                  gint64          object,
                  const char     *detail)
{
  t->state = state;
  t->reason = reason;
  t->blocked_task = task;
  t->blocked_object = object;
  awl_sim_emit (sim, AWL_EVENT_THREAD_STATE, state, t, task ? task->parent.id : 0,
                reason, object, t->core, detail);
}

static AwlThread *
thread_alloc (AwlSim        *sim,
              AwlThreadKind  kind)
{
  AwlThread *t = g_new0 (AwlThread, 1);

  t->parent.type = AWL_OBJECT_THREAD;
  t->managed_id = ++sim->next_managed_id;
  t->kind = kind;
  t->core = -1;
  t->state = AWL_THREAD_STATE_IDLE;
  g_queue_init (&t->base_jobs);
  g_queue_init (&t->local);
  g_queue_init (&t->joiners);
  return t;
}

static void
thread_register (AwlSim     *sim,
                 AwlThread  *t,
                 const char *name)
{
  g_ptr_array_add (sim->threads, t);
  t->parent.id = sim->threads->len;
  t->name = awl_sim_intern (sim, name);
  t->started = TRUE;
  awl_trace_add_thread (sim->trace, t->parent.id, t->kind, t->name, sim->now);
  awl_sim_emit (sim, AWL_EVENT_THREAD_CREATED, t->kind, t, 0, 0, 0, 0, t->name);
  if (sim->threads->len > sim->config.limit_threads)
    awl_sim_finish_limit (sim, AWL_LIMIT_THREADS,
                    awl_sim_intern_printf (sim, "limit: more than %u %s",
                                           sim->config.limit_threads,
                                           sim->config.limit_threads == 1 ? "thread" : "threads"));
}

AwlThread *
awl_thread_new (AwlSim        *sim,
                AwlThreadKind  kind,
                const char    *name)
{
  AwlThread *t = thread_alloc (sim, kind);

  thread_register (sim, t, name);
  return t;
}

static void
runnable_push (AwlSim    *sim,
               AwlThread *t)
{
  if (!t->runnable_queued)
    {
      t->runnable_queued = TRUE;
      g_queue_push_tail (&sim->runnable, t);
    }
}

/* The thread has something to do now: give it a core or make it wait for one. */
void
awl_thread_want_core (AwlSim    *sim,
                      AwlThread *t)
{
  if (t->core >= 0)
    {
      runnable_push (sim, t);
      return;
    }
  if (t->state == AWL_THREAD_STATE_READY)
    return;
  if (sim->busy_cores < sim->config.cores)
    {
      AwlThread **owners = sim->core_owner;
      guint c = 0;

      while (owners[c] != NULL)
        c++;
      owners[c] = t;
      t->core = c;
      sim->busy_cores++;
      thread_set_state (sim, t, AWL_THREAD_STATE_RUNNING, AWL_BLOCK_NONE, NULL, 0, NULL);
      runnable_push (sim, t);
    }
  else
    {
      thread_set_state (sim, t, AWL_THREAD_STATE_READY, AWL_BLOCK_NONE, NULL, 0, NULL);
      g_queue_push_tail (&sim->ready, t);
    }
}

static void
thread_release_core (AwlSim    *sim,
                     AwlThread *t)
{
  AwlThread **owners = sim->core_owner;
  AwlThread *next;
  int c = t->core;

  if (c < 0)
    return;
  owners[c] = NULL;
  t->core = -1;
  sim->busy_cores--;

  next = g_queue_pop_head (&sim->ready);
  if (next != NULL)
    {
      owners[c] = next;
      next->core = c;
      sim->busy_cores++;
      thread_set_state (sim, next, AWL_THREAD_STATE_RUNNING, AWL_BLOCK_NONE, NULL, 0, NULL);
      runnable_push (sim, next);
    }
}

void
awl_thread_block (AwlSim         *sim,
                  AwlThread      *t,
                  AwlBlockReason  reason,
                  AwlTask        *task,
                  gint64          object,
                  gpointer        on,
                  const char     *detail)
{
  t->blocked_on = on;
  /* Order matters for the trace: first the thread blocks, then its core moves on. */
  {
    int core = t->core;
    t->core = -1;
    thread_set_state (sim, t, AWL_THREAD_STATE_BLOCKED, reason, task, object, detail);
    t->core = core;
  }
  thread_release_core (sim, t);
  if (t->kind == AWL_THREAD_POOL && reason != AWL_BLOCK_START_DELAY)
    awl_sim_lint (sim, AWL_LINT_BLOCKING_POOL_THREAD, t->top ? t->top->line : 0,
                  t->parent.id,
                  awl_sim_intern_printf (sim, "%s blocks a thread-pool thread (%s); the pool "
                                         "must inject threads to keep up",
                                         t->top ? t->top->name : "code",
                                         awl_block_reason_to_string (reason)));
}

void
awl_sim_unblock (AwlSim        *sim,
                 AwlThread     *t,
                 AwlResumeWith  with)
{
  g_assert (t->state == AWL_THREAD_STATE_BLOCKED);

  if (t->is_wait_blocked)
    awl_sim_pool_thread_unblocked (sim, t);
  t->blocked_on = NULL;
  t->gen++;
  if (t->top)
    t->top->rt ? (void) (((AwlFrameRt *) t->top->rt)->resume = with) : (void) 0;
  t->state = AWL_THREAD_STATE_IDLE; /* passes through: want_core emits the real state */
  awl_thread_want_core (sim, t);
}

void
awl_thread_exit (AwlSim    *sim,
                 AwlThread *t)
{
  AwlThread *j;

  t->exited = TRUE;
  thread_release_core (sim, t);
  t->state = AWL_THREAD_STATE_EXITED;
  awl_sim_emit (sim, AWL_EVENT_THREAD_EXITED, 0, t, 0, 0, 0, 0, NULL);
  awl_trace_thread_exited (sim->trace, t->parent.id, sim->now);
  while ((j = g_queue_pop_head (&t->joiners)))
    awl_sim_unblock (sim, j, (AwlResumeWith) { AWL_RESUME_VALUE, awl_value_null (), NULL });
}

void
awl_thread_go_idle (AwlSim    *sim,
                    AwlThread *t)
{
  int core = t->core;

  t->core = -1;
  thread_set_state (sim, t, AWL_THREAD_STATE_IDLE, AWL_BLOCK_NONE, NULL, 0, NULL);
  t->core = core;
  thread_release_core (sim, t);
  if (t->kind == AWL_THREAD_POOL)
    awl_pool_worker_idle (sim, t);
}

void
awl_sim_block_semaphore (AwlSim       *sim,
                         AwlThread    *t,
                         AwlSemaphore *sem)
{
  awl_thread_block (sim, t, AWL_BLOCK_SEMAPHORE, NULL, sem->parent.id, sem,
                awl_sim_intern_printf (sim, "SemaphoreSlim %u", sem->parent.id));
}

void
awl_thread_schedule_slice (AwlSim    *sim,
                           AwlThread *t)
{
  t->slice = MIN (t->cpu_remaining, sim->config.quantum);
  t->gen++;
  awl_sim_schedule (sim, sim->now + t->slice, EV_SLICE, t->gen, t, TRUE);
}

void
awl_thread_on_slice (AwlSim    *sim,
                     AwlThread *t)
{
  t->cpu_remaining -= t->slice;
  t->slice = 0;
  if (t->cpu_remaining <= 0)
    {
      t->cpu_remaining = 0;
      runnable_push (sim, t);
      return;
    }
  if (!g_queue_is_empty (&sim->ready))
    {
      /* Round robin: the quantum is over and another thread waits for a core. */
      int core = t->core;

      t->core = -1;
      thread_set_state (sim, t, AWL_THREAD_STATE_READY, AWL_BLOCK_NONE, NULL, 0, NULL);
      t->core = core;
      thread_release_core (sim, t);
      g_queue_push_tail (&sim->ready, t);
      return;
    }
  awl_thread_schedule_slice (sim, t);
}

void
awl_thread_on_wake (AwlSim    *sim,
                    AwlThread *t)
{
  if (t->reason == AWL_BLOCK_SYNC_IO)
    {
      awl_sim_emit (sim, AWL_EVENT_IO_DONE, t->wake.exception ? 1 : 0, t, 0, 0,
                    t->blocked_object, 0, NULL);
    }
  awl_sim_unblock (sim, t, t->wake);
}

AwlObject *
awl_sim_thread_new (AwlSim   *sim,
                    AwlFrame *start)
{
  AwlThread *t;

  g_return_val_if_fail (sim != NULL && start != NULL, NULL);

  t = thread_alloc (sim, AWL_THREAD_DEDICATED);
  t->start_frame = start;
  awl_frame_rt (sim, start)->role = ROLE_THREAD;
  /* Unstarted threads are objects, freed with the sim. */
  awl_sim_track_object (sim, t);
  return &t->parent;
}

gboolean
awl_sim_thread_start (AwlSim     *sim,
                      AwlObject  *thread,
                      AwlObject **error)
{
  AwlThread *t = (AwlThread *) thread;
  g_autofree char *name = NULL;

  g_return_val_if_fail (sim != NULL && thread && thread->type == AWL_OBJECT_THREAD, FALSE);

  if (t->started || t->start_frame == NULL)
    {
      if (error)
        *error = awl_sim_exception_new (sim, "ThreadStateException",
                                        "Thread is running or terminated; it cannot restart.");
      return FALSE;
    }
  /* The sim's thread table now owns it. */
  g_ptr_array_remove_fast (sim->objects, t);
  name = g_strdup_printf ("Thread-%u", ++sim->dedicated_names);
  thread_register (sim, t, name);
  awl_frame_push (sim, t, t->start_frame, DELIVER_NONE, TRUE);
  t->start_frame = NULL;
  awl_thread_want_core (sim, t);
  return TRUE;
}

static AwlThread *
dedicated_thread_for (AwlSim   *sim,
                      AwlFrame *frame,
                      AwlRole   role)
{
  AwlThread *t = thread_alloc (sim, AWL_THREAD_DEDICATED);
  g_autofree char *name = g_strdup_printf ("Thread-%u", ++sim->dedicated_names);

  thread_register (sim, t, name);
  awl_frame_rt (sim, frame)->role = role;
  awl_frame_push (sim, t, frame, DELIVER_NONE, TRUE);
  ((AwlFrameRt *) frame->rt)->resume = (AwlResumeWith) { AWL_RESUME_START, awl_value_null (), NULL };
  awl_thread_want_core (sim, t);
  return t;
}

void
awl_sim_start_dedicated (AwlSim   *sim,
                         AwlFrame *frame,
                         AwlTask  *task)
{
  awl_frame_rt (sim, frame)->task = task;
  task->status = AWL_TASK_RUNNING;
  awl_sim_emit_task_status (sim, task);
  dedicated_thread_for (sim, frame, ROLE_TASK_BODY);
}

guint
awl_thread_get_managed_id (const AwlObject *thread)
{
  g_return_val_if_fail (thread && thread->type == AWL_OBJECT_THREAD, 0);
  return ((const AwlThread *) thread)->managed_id;
}

gboolean
awl_thread_is_pool (const AwlObject *thread)
{
  g_return_val_if_fail (thread && thread->type == AWL_OBJECT_THREAD, FALSE);
  return ((const AwlThread *) thread)->kind == AWL_THREAD_POOL;
}

guint
awl_sim_current_thread_id (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, 0);
  return sim->current ? sim->current->managed_id : 0;
}

AwlObject *
awl_sim_current_thread (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, NULL);
  return sim->current ? &sim->current->parent : NULL;
}

gboolean
awl_sim_current_thread_is_pool (AwlSim *sim)
{
  g_return_val_if_fail (sim != NULL, FALSE);
  return sim->current != NULL && sim->current->kind == AWL_THREAD_POOL;
}
