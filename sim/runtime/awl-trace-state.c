/* awl-trace-state.c
 *
 * The state at any event (threads and their stacks, queues, tasks, semaphores, locks,
 * tokens), rebuilt from the nearest snapshot by replaying events; snapshots are taken
 * lazily on first use, under the trace's lock.
 */

#include <string.h>

#include "awl-sim-private.h"
#include "awl-trace-fields-private.h"

typedef struct
{
  guint64     id;
  guint       task;
  const char *desc;
  gboolean    high;    /* net8 high-priority pool item: dequeued before the global ones */
} RItem;

typedef struct
{
  AwlQueueKind kind;
  gint64       owner;
  GArray      *items;  /* RItem */
  guint        head;
} RQueue;

typedef struct
{
  guint          id;
  AwlThreadState state;
  AwlBlockReason reason;
  guint          task;
  gint64         object;
  GArray        *stack;  /* AwlStateFrame */
} RThread;

typedef struct
{
  guint       event_index;
  GArray     *threads;    /* RThread */
  GPtrArray  *queues;     /* RQueue * */
  GArray     *tasks;      /* AwlStateTask */
  GHashTable *suspended;  /* frame id → AwlStateSuspended * */
  gint64      goal;
  GArray     *sems;       /* AwlStateSemaphore, id order (owns its arrays) */
  GArray     *locks;      /* AwlStateLock, object id order (owns its arrays) */
  GArray     *ctses;      /* AwlStateCts, id order */
} RState;

/* ---------------------------------------------------------------------------------
 * State at an event: snapshots + replay
 * ------------------------------------------------------------------------------ */

/* Semaphores, locks and CTSs: small arrays kept sorted by id (objects are mostly
 * created in id order, so this is an append), found by binary search. */

static void
sem_clear (gpointer p)
{
  AwlStateSemaphore *sem = p;

  g_clear_pointer (&sem->blocked_threads, g_array_unref);
  g_clear_pointer (&sem->async_waiters, g_array_unref);
}

static void
lock_clear (gpointer p)
{
  g_clear_pointer (&((AwlStateLock *) p)->waiting_threads, g_array_unref);
}

static GArray *
guint_array_copy (const GArray *src)
{
  GArray *a = g_array_sized_new (FALSE, TRUE, sizeof (guint), src->len);

  g_array_append_vals (a, src->data, src->len);
  return a;
}

static GArray *
sems_new (guint reserve)
{
  GArray *a = g_array_sized_new (FALSE, TRUE, sizeof (AwlStateSemaphore), reserve);

  g_array_set_clear_func (a, sem_clear);
  return a;
}

static GArray *
locks_new (guint reserve)
{
  GArray *a = g_array_sized_new (FALSE, TRUE, sizeof (AwlStateLock), reserve);

  g_array_set_clear_func (a, lock_clear);
  return a;
}

/* The index of the first element whose gint64 key (the struct's first member) is
 * >= @id; *@found tells whether it equals @id. */
static guint
find_by_id (const GArray *a,
            gint64        id,
            gboolean     *found)
{
  guint lo = 0, hi = a->len;
  guint elem = g_array_get_element_size ((GArray *) a);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 key = *(const gint64 *) (a->data + (gsize) mid * elem);

      if (key < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  *found = lo < a->len && *(const gint64 *) (a->data + (gsize) lo * elem) == id;
  return lo;
}

static AwlStateSemaphore *
rsem (RState *s,
      gint64  id)
{
  gboolean found;
  guint i = find_by_id (s->sems, id, &found);

  if (!found)
    {
      AwlStateSemaphore sem = { id, 0, G_MAXINT, g_array_new (FALSE, FALSE, sizeof (guint)),
                                g_array_new (FALSE, FALSE, sizeof (guint)), 0 };
      g_array_insert_val (s->sems, i, sem);
    }
  return &g_array_index (s->sems, AwlStateSemaphore, i);
}

static AwlStateLock *
rlock (RState *s,
       gint64  object)
{
  gboolean found;
  guint i = find_by_id (s->locks, object, &found);

  if (!found)
    {
      AwlStateLock l = { object, 0, 0, g_array_new (FALSE, FALSE, sizeof (guint)) };
      g_array_insert_val (s->locks, i, l);
    }
  return &g_array_index (s->locks, AwlStateLock, i);
}

static AwlStateCts *
rcts (RState *s,
      gint64  id)
{
  gboolean found;
  guint i = find_by_id (s->ctses, id, &found);

  if (!found)
    {
      AwlStateCts c = { id, FALSE, AWL_TIME_NONE, 0, FALSE, AWL_TIME_NONE, 0, 0, 0 };
      g_array_insert_val (s->ctses, i, c);
    }
  return &g_array_index (s->ctses, AwlStateCts, i);
}

static void
guint_array_remove (GArray *a,
                    guint   v)
{
  for (guint i = 0; i < a->len; i++)
    if (g_array_index (a, guint, i) == v)
      {
        g_array_remove_index (a, i);
        return;
      }
}

static RState *
rstate_new (void)
{
  RState *s = g_new0 (RState, 1);

  s->threads = g_array_new (FALSE, TRUE, sizeof (RThread));
  s->queues = g_ptr_array_new ();
  s->tasks = g_array_new (FALSE, TRUE, sizeof (AwlStateTask));
  s->suspended = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  s->sems = sems_new (0);
  s->locks = locks_new (0);
  s->ctses = g_array_new (FALSE, TRUE, sizeof (AwlStateCts));
  return s;
}

static void
rstate_free (RState *s)
{
  for (guint i = 0; i < s->threads->len; i++)
    g_array_unref (g_array_index (s->threads, RThread, i).stack);
  for (guint i = 0; i < s->queues->len; i++)
    {
      RQueue *q = g_ptr_array_index (s->queues, i);
      g_array_unref (q->items);
      g_free (q);
    }
  g_array_unref (s->threads);
  g_ptr_array_unref (s->queues);
  g_array_unref (s->tasks);
  g_hash_table_unref (s->suspended);
  g_clear_pointer (&s->sems, g_array_unref);
  g_clear_pointer (&s->locks, g_array_unref);
  g_clear_pointer (&s->ctses, g_array_unref);
  g_free (s);
}

static RState *
rstate_copy (const RState *src)
{
  RState *s = g_new0 (RState, 1);
  GHashTableIter iter;
  gpointer k, v;

  s->event_index = src->event_index;
  s->goal = src->goal;
  s->threads = g_array_sized_new (FALSE, TRUE, sizeof (RThread), src->threads->len);
  for (guint i = 0; i < src->threads->len; i++)
    {
      RThread t = g_array_index (src->threads, RThread, i);
      GArray *st = g_array_sized_new (FALSE, TRUE, sizeof (AwlStateFrame), t.stack->len);

      g_array_append_vals (st, t.stack->data, t.stack->len);
      t.stack = st;
      g_array_append_val (s->threads, t);
    }
  s->queues = g_ptr_array_new ();
  for (guint i = 0; i < src->queues->len; i++)
    {
      const RQueue *q = g_ptr_array_index (src->queues, i);
      RQueue *c = g_new0 (RQueue, 1);

      c->kind = q->kind;
      c->owner = q->owner;
      c->items = g_array_sized_new (FALSE, TRUE, sizeof (RItem), q->items->len - q->head);
      g_array_append_vals (c->items, &g_array_index (q->items, RItem, q->head),
                           q->items->len - q->head);
      g_ptr_array_add (s->queues, c);
    }
  s->tasks = g_array_sized_new (FALSE, TRUE, sizeof (AwlStateTask), src->tasks->len);
  g_array_append_vals (s->tasks, src->tasks->data, src->tasks->len);
  s->suspended = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_hash_table_iter_init (&iter, src->suspended);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_hash_table_insert (s->suspended, k, g_memdup2 (v, sizeof (AwlStateSuspended)));
  s->sems = sems_new (src->sems->len);
  for (guint i = 0; i < src->sems->len; i++)
    {
      AwlStateSemaphore sem = g_array_index (src->sems, AwlStateSemaphore, i);

      sem.blocked_threads = guint_array_copy (sem.blocked_threads);
      sem.async_waiters = guint_array_copy (sem.async_waiters);
      g_array_append_val (s->sems, sem);
    }
  s->locks = locks_new (src->locks->len);
  for (guint i = 0; i < src->locks->len; i++)
    {
      AwlStateLock l = g_array_index (src->locks, AwlStateLock, i);

      l.waiting_threads = guint_array_copy (l.waiting_threads);
      g_array_append_val (s->locks, l);
    }
  s->ctses = g_array_sized_new (FALSE, TRUE, sizeof (AwlStateCts), src->ctses->len);
  g_array_append_vals (s->ctses, src->ctses->data, src->ctses->len);
  return s;
}

static RQueue *
rqueue (RState       *s,
        AwlQueueKind  kind,
        gint64        owner,
        gboolean      create)
{
  for (guint i = 0; i < s->queues->len; i++)
    {
      RQueue *q = g_ptr_array_index (s->queues, i);
      if (q->kind == kind && q->owner == owner)
        return q;
    }
  if (!create)
    return NULL;
  {
    RQueue *q = g_new0 (RQueue, 1);
    q->kind = kind;
    q->owner = owner;
    q->items = g_array_new (FALSE, TRUE, sizeof (RItem));
    g_ptr_array_add (s->queues, q);
    return q;
  }
}

static void
rqueue_add (RState       *s,
            AwlQueueKind  kind,
            gint64        owner,
            guint64       id,
            guint         task,
            const char   *desc,
            gboolean      high)
{
  RQueue *q = rqueue (s, kind, owner, TRUE);
  RItem it = { id, task, desc, high };
  guint at = q->items->len;

  /* High-priority items are taken before the global ones: show them first. */
  if (high)
    for (at = q->head; at < q->items->len && g_array_index (q->items, RItem, at).high; at++)
      ;
  g_array_insert_val (q->items, at, it);
}

static void
rqueue_remove (RState       *s,
               AwlQueueKind  kind,
               gint64        owner,
               guint64       id)
{
  RQueue *q = rqueue (s, kind, owner, FALSE);
  guint n;

  if (q == NULL)
    return;
  n = q->items->len;
  if (q->head < n && g_array_index (q->items, RItem, q->head).id == id)
    q->head++;
  else
    for (guint i = n; i > q->head; i--)
      if (g_array_index (q->items, RItem, i - 1).id == id)
        {
          g_array_remove_index (q->items, i - 1);
          break;
        }
  if (q->head == q->items->len)
    {
      g_array_unref (q->items);
      g_ptr_array_remove (s->queues, q);
      g_free (q);
    }
  else if (q->head > 1024 && q->head * 2 > q->items->len)
    {
      g_array_remove_range (q->items, 0, q->head);
      q->head = 0;
    }
}

static RThread *
rthread (RState *s,
         guint   id)
{
  return id >= 1 && id <= s->threads->len ? &g_array_index (s->threads, RThread, id - 1) : NULL;
}

static void
rstate_apply_semaphore (RState         *s,
                        const AwlEvent *e)
{
  AwlStateSemaphore *sem = rsem (s, e->a);

  sem->current_count = e->b;
  switch (e->sub)
    {
    case 0:   /* acquired: a waiter leaves its queue */
    case 4:   /* an async waiter was canceled */
      if (e->task)
        guint_array_remove (sem->async_waiters, e->task);
      else if (e->thread)
        guint_array_remove (sem->blocked_threads, e->thread);
      break;
    case 2:
      if (e->task)
        g_array_append_val (sem->async_waiters, e->task);
      else if (e->thread)
        g_array_append_val (sem->blocked_threads, e->thread);
      break;
    case 3:
      sem->max_count = e->c;
      sem->line = e->line;
      break;
    default:
      break;
    }
}

static void
rstate_apply_lock (RState         *s,
                   const AwlEvent *e)
{
  AwlStateLock *l = rlock (s, e->a);

  switch (e->sub)
    {
    case 0:
      guint_array_remove (l->waiting_threads, e->thread);
      l->owner = e->thread;
      l->recursion = 1;
      break;
    case 1:
      l->owner = 0;
      l->recursion = 0;
      break;
    case 2:
      g_array_append_val (l->waiting_threads, e->thread);
      break;
    case 3:
    case 4:
      l->recursion = e->c;
      break;
    default:
      break;
    }
}

static void
rstate_apply_cancel (RState         *s,
                     const AwlEvent *e)
{
  AwlStateCts *c = rcts (s, e->a);

  switch (e->sub)
    {
    case 0:
      c->canceled = TRUE;
      c->canceled_at = e->time;
      c->canceled_by = e->thread;
      c->canceled_by_timer = e->c != 0;
      c->cancel_after_due = AWL_TIME_NONE;
      c->n_callbacks_run = e->b;
      c->n_registrations = 0;
      break;
    case 1:
      c->line = e->line;
      break;
    case 2:
      c->cancel_after_due = e->b;
      break;
    case 3:
      c->n_registrations = e->b;
      break;
    default:
      break;
    }
}

static void
rstate_apply (RState         *s,
              const AwlEvent *e)
{
  RThread *t = rthread (s, e->thread);
  AwlStateFrame *top = t && t->stack->len
                       ? &g_array_index (t->stack, AwlStateFrame, t->stack->len - 1) : NULL;

  if (top && e->line > 0 && !awl_trace_event_starts_frame (e))
    top->line = e->line;

  switch ((AwlEventKind) e->kind)
    {
    case AWL_EVENT_THREAD_CREATED:
      {
        RThread nt = { e->thread, AWL_THREAD_STATE_IDLE, AWL_BLOCK_NONE, 0, 0,
                       g_array_new (FALSE, TRUE, sizeof (AwlStateFrame)) };
        g_assert (e->thread == s->threads->len + 1);
        g_array_append_val (s->threads, nt);
      }
      break;
    case AWL_EVENT_THREAD_STATE:
      t->state = e->sub;
      t->reason = e->a;
      t->object = e->b;
      t->task = e->task;
      break;
    case AWL_EVENT_THREAD_EXITED:
      t->state = AWL_THREAD_STATE_EXITED;
      t->reason = AWL_BLOCK_NONE;
      t->task = 0;
      t->object = 0;
      break;
    case AWL_EVENT_FRAME_PUSH:
      {
        AwlStateFrame f = { (guint) e->a, e->text, e->line, -1, e->task };
        g_array_append_val (t->stack, f);
      }
      break;
    case AWL_EVENT_RESUME:
      {
        AwlStateFrame f = { (guint) e->a, e->text, e->line, e->c, 0 };
        AwlStateSuspended *sus = g_hash_table_lookup (s->suspended, GSIZE_TO_POINTER (e->a));

        if (sus)
          {
            f.task = sus->task;
            if (f.line == 0)
              f.line = sus->line;
            g_hash_table_remove (s->suspended, GSIZE_TO_POINTER (e->a));
          }
        g_array_append_val (t->stack, f);
      }
      break;
    case AWL_EVENT_FRAME_POP:
      if (t && t->stack->len)
        g_array_set_size (t->stack, t->stack->len - 1);
      break;
    case AWL_EVENT_AWAIT:
      if (top)
        top->await_state = e->c;
      if (e->sub == 0 && top)
        {
          AwlStateSuspended *sus = g_new0 (AwlStateSuspended, 1);
          sus->frame_id = top->frame_id;
          sus->method = top->method;
          sus->await_state = e->c;
          sus->line = e->line ? e->line : top->line;
          sus->awaited_task = e->task;
          sus->task = top->task;
          g_hash_table_replace (s->suspended, GSIZE_TO_POINTER (sus->frame_id), sus);
        }
      break;
    case AWL_EVENT_TASK_CREATED:
      {
        /* a = the initial status (WaitingForActivation for promise-style tasks). */
        AwlStateTask st = { e->task, (AwlTaskStatus) e->a };
        g_array_append_val (s->tasks, st);
      }
      break;
    case AWL_EVENT_SEMAPHORE:
      rstate_apply_semaphore (s, e);
      break;
    case AWL_EVENT_LOCK:
      rstate_apply_lock (s, e);
      break;
    case AWL_EVENT_CANCEL:
      rstate_apply_cancel (s, e);
      break;
    case AWL_EVENT_TASK_STATUS:
      if (e->task >= 1 && e->task <= s->tasks->len)
        g_array_index (s->tasks, AwlStateTask, e->task - 1).status = e->sub;
      break;
    case AWL_EVENT_QUEUE:
      rqueue_add (s, e->sub, e->a, e->b, e->task, e->text, e->c == 1);
      break;
    case AWL_EVENT_DEQUEUE:
      rqueue_remove (s, e->sub, e->a, e->b);
      break;
    case AWL_EVENT_TIMER_SET:
      rqueue_add (s, AWL_QUEUE_TIMER, 0, e->b, e->task, e->text, FALSE);
      break;
    case AWL_EVENT_TIMER_FIRED:
      rqueue_remove (s, AWL_QUEUE_TIMER, 0, e->b);
      break;
    case AWL_EVENT_IO_START:
      if (e->sub == 0)
        rqueue_add (s, AWL_QUEUE_IO, 0, e->b, e->task, e->text, FALSE);
      break;
    case AWL_EVENT_IO_DONE:
      rqueue_remove (s, AWL_QUEUE_IO, 0, e->b);
      break;
    case AWL_EVENT_POOL_GOAL:
      s->goal = e->a;
      break;
    default:
      break;
    }
}

static void
ensure_snapshots (AwlTrace *trace)
{
  RState *s;
  guint n = trace->events->len;

  g_mutex_lock (&trace->snap_lock);
  if (trace->snapshots != NULL)
    {
      g_mutex_unlock (&trace->snap_lock);
      return;
    }
  /* At most ~64 snapshots; replay stays below one interval. */
  trace->snap_interval = MAX (2048, n / 64 + 1);
  trace->snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) rstate_free);
  s = rstate_new ();
  for (guint i = 0; i < n; i++)
    {
      if (i % trace->snap_interval == 0)
        {
          s->event_index = i;
          g_ptr_array_add (trace->snapshots, rstate_copy (s));
        }
      rstate_apply (s, &g_array_index (trace->events, AwlEvent, i));
    }
  rstate_free (s);
  g_mutex_unlock (&trace->snap_lock);
}

static gint
cmp_suspended (gconstpointer a,
               gconstpointer b)
{
  const AwlStateSuspended *x = a, *y = b;
  return x->frame_id < y->frame_id ? -1 : x->frame_id > y->frame_id;
}

static AwlState *
rstate_publish (RState   *s,
                AwlTrace *trace,
                guint     index)
{
  AwlState *out = g_new0 (AwlState, 1);
  GHashTableIter iter;
  gpointer v;

  out->event_index = index;
  out->time = index < trace->events->len ? g_array_index (trace->events, AwlEvent, index).time : 0;
  out->pool_goal = s->goal;
  out->threads = g_ptr_array_new ();
  for (guint i = 0; i < s->threads->len; i++)
    {
      RThread *t = &g_array_index (s->threads, RThread, i);
      AwlStateThread *pt = g_new0 (AwlStateThread, 1);

      pt->id = t->id;
      pt->state = t->state;
      pt->reason = t->reason;
      pt->task = t->task;
      pt->object = t->object;
      pt->stack = g_array_ref (t->stack);
      g_ptr_array_add (out->threads, pt);
    }
  out->queues = g_ptr_array_new ();
  for (guint i = 0; i < s->queues->len; i++)
    {
      RQueue *q = g_ptr_array_index (s->queues, i);
      AwlStateQueue *pq = g_new0 (AwlStateQueue, 1);

      pq->kind = q->kind;
      pq->owner = q->owner;
      pq->items = g_array_new (FALSE, TRUE, sizeof (guint64));
      pq->tasks = g_array_new (FALSE, TRUE, sizeof (guint));
      pq->descriptions = g_ptr_array_new ();
      for (guint k = q->head; k < q->items->len; k++)
        {
          RItem *it = &g_array_index (q->items, RItem, k);
          g_array_append_val (pq->items, it->id);
          g_array_append_val (pq->tasks, it->task);
          g_ptr_array_add (pq->descriptions, (gpointer) it->desc);
        }
      g_ptr_array_add (out->queues, pq);
    }
  out->tasks = g_array_ref (s->tasks);
  out->suspended = g_array_new (FALSE, TRUE, sizeof (AwlStateSuspended));
  g_hash_table_iter_init (&iter, s->suspended);
  while (g_hash_table_iter_next (&iter, NULL, &v))
    g_array_append_vals (out->suspended, v, 1);
  g_array_sort (out->suspended, cmp_suspended);
  /* The replay state is freed right after publishing: hand its arrays over. */
  out->semaphores = g_steal_pointer (&s->sems);
  out->locks = g_steal_pointer (&s->locks);
  out->cancellation_sources = g_steal_pointer (&s->ctses);
  return out;
}

static AwlState *
state_from (AwlTrace     *trace,
            const RState *start,
            guint         from,
            guint         index)
{
  RState *s = rstate_copy (start);
  AwlState *out;

  for (guint i = from; i <= index && i < trace->events->len; i++)
    rstate_apply (s, &g_array_index (trace->events, AwlEvent, i));
  out = rstate_publish (s, trace, index);
  rstate_free (s);
  return out;
}

AwlState *
awl_trace_state_at (AwlTrace *trace,
                    guint     index)
{
  const RState *snap;
  guint k;

  g_return_val_if_fail (trace != NULL, NULL);
  if (trace->events->len == 0)
    {
      RState *empty = rstate_new ();
      AwlState *out = rstate_publish (empty, trace, 0);
      rstate_free (empty);
      return out;
    }
  index = MIN (index, trace->events->len - 1);
  ensure_snapshots (trace);
  k = MIN (index / trace->snap_interval, trace->snapshots->len - 1);
  snap = g_ptr_array_index (trace->snapshots, k);
  return state_from (trace, snap, snap->event_index, index);
}

AwlState *
awl_trace_state_at_full_replay (AwlTrace *trace,
                                guint     index)
{
  RState *empty;
  AwlState *out;

  g_return_val_if_fail (trace != NULL, NULL);
  empty = rstate_new ();
  if (trace->events->len)
    index = MIN (index, trace->events->len - 1);
  out = state_from (trace, empty, 0, index);
  rstate_free (empty);
  return out;
}

void
awl_state_free (AwlState *state)
{
  if (state == NULL)
    return;
  for (guint i = 0; i < state->threads->len; i++)
    {
      AwlStateThread *t = g_ptr_array_index (state->threads, i);
      g_array_unref (t->stack);
      g_free (t);
    }
  for (guint i = 0; i < state->queues->len; i++)
    {
      AwlStateQueue *q = g_ptr_array_index (state->queues, i);
      g_array_unref (q->items);
      g_array_unref (q->tasks);
      g_ptr_array_unref (q->descriptions);
      g_free (q);
    }
  g_ptr_array_unref (state->threads);
  g_ptr_array_unref (state->queues);
  g_array_unref (state->tasks);
  g_array_unref (state->suspended);
  g_clear_pointer (&state->semaphores, g_array_unref);
  g_clear_pointer (&state->locks, g_array_unref);
  g_clear_pointer (&state->cancellation_sources, g_array_unref);
  g_free (state);
}

static gboolean
arrays_equal (const GArray *a,
              const GArray *b,
              gsize         elem)
{
  return a->len == b->len && (a->len == 0 || memcmp (a->data, b->data, a->len * elem) == 0);
}

static gboolean
frames_equal (const GArray *a,
              const GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const AwlStateFrame *x = &g_array_index (a, AwlStateFrame, i);
      const AwlStateFrame *y = &g_array_index (b, AwlStateFrame, i);

      if (x->frame_id != y->frame_id || x->method != y->method || x->line != y->line
          || x->await_state != y->await_state || x->task != y->task)
        return FALSE;
    }
  return TRUE;
}

static gboolean
suspended_equal (const GArray *a,
                 const GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const AwlStateSuspended *x = &g_array_index (a, AwlStateSuspended, i);
      const AwlStateSuspended *y = &g_array_index (b, AwlStateSuspended, i);

      if (x->frame_id != y->frame_id || x->method != y->method || x->line != y->line
          || x->await_state != y->await_state || x->task != y->task
          || x->awaited_task != y->awaited_task)
        return FALSE;
    }
  return TRUE;
}

static gboolean
sems_equal (const GArray *a,
            const GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const AwlStateSemaphore *x = &g_array_index (a, AwlStateSemaphore, i);
      const AwlStateSemaphore *y = &g_array_index (b, AwlStateSemaphore, i);

      if (x->id != y->id || x->current_count != y->current_count || x->max_count != y->max_count
          || x->line != y->line
          || !arrays_equal (x->blocked_threads, y->blocked_threads, sizeof (guint))
          || !arrays_equal (x->async_waiters, y->async_waiters, sizeof (guint)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
locks_equal (const GArray *a,
             const GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const AwlStateLock *x = &g_array_index (a, AwlStateLock, i);
      const AwlStateLock *y = &g_array_index (b, AwlStateLock, i);

      if (x->object != y->object || x->owner != y->owner || x->recursion != y->recursion
          || !arrays_equal (x->waiting_threads, y->waiting_threads, sizeof (guint)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
ctses_equal (const GArray *a,
             const GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const AwlStateCts *x = &g_array_index (a, AwlStateCts, i);
      const AwlStateCts *y = &g_array_index (b, AwlStateCts, i);

      if (x->id != y->id || x->canceled != y->canceled || x->canceled_at != y->canceled_at
          || x->canceled_by != y->canceled_by || x->canceled_by_timer != y->canceled_by_timer
          || x->cancel_after_due != y->cancel_after_due
          || x->n_registrations != y->n_registrations
          || x->n_callbacks_run != y->n_callbacks_run || x->line != y->line)
        return FALSE;
    }
  return TRUE;
}

gboolean
awl_state_equal (const AwlState *a,
                 const AwlState *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->event_index != b->event_index || a->time != b->time || a->pool_goal != b->pool_goal
      || a->threads->len != b->threads->len || a->queues->len != b->queues->len
      || !arrays_equal (a->tasks, b->tasks, sizeof (AwlStateTask))
      || !suspended_equal (a->suspended, b->suspended)
      || !sems_equal (a->semaphores, b->semaphores)
      || !locks_equal (a->locks, b->locks)
      || !ctses_equal (a->cancellation_sources, b->cancellation_sources))
    return FALSE;
  for (guint i = 0; i < a->threads->len; i++)
    {
      const AwlStateThread *x = g_ptr_array_index (a->threads, i);
      const AwlStateThread *y = g_ptr_array_index (b->threads, i);

      if (x->id != y->id || x->state != y->state || x->reason != y->reason || x->task != y->task
          || x->object != y->object || !frames_equal (x->stack, y->stack))
        return FALSE;
    }
  for (guint i = 0; i < a->queues->len; i++)
    {
      const AwlStateQueue *x = g_ptr_array_index (a->queues, i);
      const AwlStateQueue *y = g_ptr_array_index (b->queues, i);

      if (x->kind != y->kind || x->owner != y->owner
          || !arrays_equal (x->items, y->items, sizeof (guint64))
          || !arrays_equal (x->tasks, y->tasks, sizeof (guint)))
        return FALSE;
    }
  return TRUE;
}
