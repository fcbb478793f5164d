/* awl-sync-private.h
 *
 * Monitor locks and SemaphoreSlim.
 */

#pragma once

#include "awl-thread-private.h"

G_BEGIN_DECLS

struct _AwlSemaphore
{
  AwlObject   parent;
  guint       count;
  guint       max;
  guint       initial;
  GQueue      sync_waiters;            /* AwlThread * */
  GQueue      async_waiters;           /* AwlTask * */
  int         last_acquire_line;
  AwlTime     last_acquire_time;
  guint       last_acquire_thread;
};

struct _AwlLockState
{
  AwlThread  *owner;
  guint       recursion;
  GQueue      waiters;                 /* AwlThread * */
  AwlObject  *object;
};

/* awl-lock.c */
gboolean awl_sim_do_lock (AwlSim *sim, AwlThread *t, AwlObject *obj);

/* awl-semaphore.c */
gboolean awl_sim_semaphore_wait_sync (AwlSim *sim, AwlThread *t, AwlSemaphore *sem);

G_END_DECLS
