/* awl-thread-private.h
 *
 * Cores and threads: thread states, cores with round-robin slices, blocking and waking.
 */

#pragma once

#include "awl-frame-private.h"

G_BEGIN_DECLS

struct _AwlThread
{
  AwlObject       parent;              /* THREAD object; id = managed id */
  AwlThreadKind   kind;
  const char     *name;
  AwlThreadState  state;
  AwlBlockReason  reason;
  AwlTask        *blocked_task;
  gint64          blocked_object;
  gpointer        blocked_on;          /* lock state / semaphore / thread */
  AwlFrame       *top;
  guint           depth;
  AwlWorkItem    *item;
  GQueue          base_jobs;
  GQueue          local;               /* pool: local queue, newest at the tail */
  int             core;
  AwlTime         cpu_remaining;
  AwlTime         slice;
  guint32         gen;
  gboolean        runnable_queued;
  gboolean        started;
  gboolean        is_wait_blocked;     /* counted for blocking compensation */
  AwlFrame       *start_frame;
  GQueue          joiners;
  AwlTime         idle_since;
  AwlContext     *inside;              /* ASP.NET context held */
  AwlContext     *installed;           /* SetSynchronizationContext(custom), or NULL */
  AwlResumeWith   wake;                /* resume for the top frame on wake */
  gboolean        exited;
  gboolean        send_waiting;
  guint           managed_id;          /* ManagedThreadId, given at construction */
};

/* awl-thread.c */
AwlThread *awl_thread_new (AwlSim *sim, AwlThreadKind kind, const char *name);
/* The thread has something to do now: give it a core or make it wait for one. */
void awl_thread_want_core (AwlSim *sim, AwlThread *t);
void awl_thread_block (AwlSim *sim, AwlThread *t, AwlBlockReason reason, AwlTask *task,
                       gint64 object, gpointer on, const char *detail);
void awl_sim_unblock (AwlSim *sim, AwlThread *t, AwlResumeWith with);
void awl_thread_exit (AwlSim *sim, AwlThread *t);
void awl_thread_go_idle (AwlSim *sim, AwlThread *t);
void awl_sim_block_semaphore (AwlSim *sim, AwlThread *t, AwlSemaphore *sem);
void awl_thread_schedule_slice (AwlSim *sim, AwlThread *t);
void awl_thread_on_slice (AwlSim *sim, AwlThread *t);
void awl_thread_on_wake (AwlSim *sim, AwlThread *t);
void awl_sim_start_dedicated (AwlSim *sim, AwlFrame *frame, AwlTask *task);

G_END_DECLS
