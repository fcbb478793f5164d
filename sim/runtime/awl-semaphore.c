/* awl-semaphore.c
 *
 * SemaphoreSlim: synchronous waiters first, then asynchronous ones in FIFO order.
 */

#include "awl-sync-private.h"
#include "awl-cancel-private.h"

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
  AwlCts *cts = awl_token_cts (token);
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
      awl_cts_register_func (sim, cts, task, cancel_sem_wait, data);
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
