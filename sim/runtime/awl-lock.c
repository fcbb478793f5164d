/* awl-lock.c
 *
 * Monitor locks (reentrant), with FIFO waiters.
 */

#include "awl-sync-private.h"

static AwlLockState *
lock_state (AwlSim    *sim,
            AwlObject *obj)
{
  AwlLockState *ls = g_hash_table_lookup (sim->locks, obj);

  if (ls == NULL)
    {
      ls = g_new0 (AwlLockState, 1);
      ls->object = obj;
      g_queue_init (&ls->waiters);
      g_hash_table_insert (sim->locks, obj, ls);
    }
  return ls;
}

gboolean
awl_sim_do_lock (AwlSim    *sim,
                 AwlThread *t,
                 AwlObject *obj)
{
  AwlLockState *ls = lock_state (sim, obj);

  if (ls->owner == NULL || ls->owner == t)
    {
      ls->owner = t;
      awl_sim_emit (sim, AWL_EVENT_LOCK, ls->recursion == 0 ? 0 : 3, t, 0, obj->id, 0,
                    (gint32) ls->recursion + 1, NULL);
      ls->recursion++;
      return TRUE;
    }
  awl_sim_emit (sim, AWL_EVENT_LOCK, 2, t, 0, obj->id, ls->owner->parent.id, 0, NULL);
  g_queue_push_tail (&ls->waiters, t);
  awl_thread_block (sim, t, AWL_BLOCK_LOCK, NULL, obj->id, ls,
                awl_sim_intern_printf (sim, "lock held by %s", ls->owner->name));
  return FALSE;
}

gboolean
awl_sim_lock_exit (AwlSim     *sim,
                   AwlObject  *obj,
                   AwlObject **error)
{
  AwlLockState *ls;
  AwlThread *t = sim->current;
  AwlThread *next;

  g_return_val_if_fail (sim != NULL && obj != NULL, FALSE);

  ls = g_hash_table_lookup (sim->locks, obj);
  if (ls == NULL || ls->owner != t || t == NULL)
    {
      if (error)
        *error = awl_sim_exception_new (sim, "SynchronizationLockException",
                                        "Object synchronization method was called from an "
                                        "unsynchronized block of code.");
      return FALSE;
    }
  if (--ls->recursion > 0)
    {
      awl_sim_emit (sim, AWL_EVENT_LOCK, 4, t, 0, obj->id, 0, (gint32) ls->recursion, NULL);
      return TRUE;
    }
  ls->owner = NULL;
  awl_sim_emit (sim, AWL_EVENT_LOCK, 1, t, 0, obj->id, 0, 0, NULL);
  next = g_queue_pop_head (&ls->waiters);
  if (next != NULL)
    {
      ls->owner = next;
      ls->recursion = 1;
      awl_sim_emit (sim, AWL_EVENT_LOCK, 0, next, 0, obj->id, 0, 1, NULL);
      awl_sim_unblock (sim, next, awl_resume_value (awl_value_null ()));
    }
  return TRUE;
}
