/* awl-pool-private.h
 *
 * The thread pool: work items, the global and local queues, stealing, and the thread
 * count (minimum, starvation injection, blocking compensation, hill climbing,
 * retirement).
 */

#pragma once

#include "awl-frame-private.h"

G_BEGIN_DECLS

typedef enum
{
  ITEM_FRAME,       /* run a frame as the item's base */
  ITEM_RESUME,      /* resume a suspended async frame */
  ITEM_CALLBACK,    /* a runtime callback (timer, I/O completion) */
} AwlItemKind;

typedef void (*AwlItemFunc) (AwlSim *sim, AwlThread *thread, gpointer data);
struct _AwlWorkItem
{
  guint64       id;
  AwlItemKind   kind;
  AwlFrame     *frame;
  AwlResumeWith resume;
  guint64       flow;
  AwlTask      *awaited;
  AwlItemFunc   func;
  gpointer      func_data;
  AwlTask      *task;                  /* Task.Run task (for inlining) */
  AwlContext   *context;               /* classic ASP.NET: enter this context */
  const char   *description;
  AwlQueueKind  queue;
  AwlThread    *queue_owner;
  GList        *link;
  AwlTime       enqueued;
  AwlContinuationHow how;
  AwlRole       role;
  AwlThread    *sender;                /* Send: unblock this thread when done */
  gboolean      high;                  /* in the high-priority queue (shown as global) */
};

/* awl-pool.c */
AwlWorkItem *awl_work_item_new (AwlSim *sim, AwlItemKind kind, const char *description);
void awl_work_item_free (AwlSim *sim, AwlWorkItem *item);
void awl_pool_emit_queue (AwlSim *sim, AwlWorkItem *item);
void awl_pool_queue_timer_item (AwlSim *sim, AwlWorkItem *item);
void awl_sim_queue_item (AwlSim *sim, AwlWorkItem *item, gboolean prefer_local);
void awl_pool_take_local (AwlSim *sim, AwlThread *t, AwlWorkItem *item);
void awl_pool_item_done (AwlSim *sim);
void awl_pool_worker_idle (AwlSim *sim, AwlThread *t);
void awl_pool_on_gate (AwlSim *sim);
void awl_sim_pool_thread_blocked (AwlSim *sim, AwlThread *t);
void awl_sim_pool_thread_unblocked (AwlSim *sim, AwlThread *t);
void awl_pool_on_inject (AwlSim *sim);
void awl_pool_on_retire (AwlSim *sim, AwlThread *t);
void awl_pool_on_hill (AwlSim *sim);
AwlWorkItem *awl_pool_find_work (AwlSim *sim, AwlThread *t, gint32 *how);

G_END_DECLS
