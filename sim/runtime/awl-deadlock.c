/* awl-deadlock.c
 *
 * When nothing can move any more (no runnable thread, no timer, no I/O) and the
 * program has not finished, this explains why, as a wait-for chain in words: who
 * blocks on what, what that waits for, until a cycle or a dead end.
 */

#include "awl-deadlock-private.h"
#include "awl-context-private.h"
#include "awl-task-private.h"
#include "awl-sync-private.h"

typedef struct
{
  AwlSim     *sim;
  GPtrArray  *chain;
  GHashTable *seen;
  GArray     *threads;                 /* participants, in chain order */
  GArray     *tasks;
  int         cycle_start;             /* index in threads, -1 = dead end */
} Chain;

static void
note_thread (Chain     *c,
             AwlThread *t)
{
  guint id = t->parent.id;

  for (guint i = 0; i < c->threads->len; i++)
    if (g_array_index (c->threads, guint, i) == id)
      return;
  g_array_append_val (c->threads, id);
}

/* The cycle closes at @t (already in the chain, or added now). */
static void
cycle_at (Chain     *c,
          AwlThread *t)
{
  if (t == NULL)
    return;
  note_thread (c, t);
  for (guint i = 0; i < c->threads->len; i++)
    if (g_array_index (c->threads, guint, i) == t->parent.id)
      {
        c->cycle_start = i;
        return;
      }
}

static void describe_thread (Chain *c, AwlThread *t);
static void describe_task   (Chain *c, AwlTask *task);

static void
add (Chain      *c,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
add (Chain      *c,
     const char *format,
     ...)
{
  va_list args;
  char *s;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (c->chain, (gpointer) awl_sim_intern (c->sim, s));
  g_free (s);
}

static gboolean
first_visit (Chain    *c,
             gpointer  key)
{
  if (g_hash_table_contains (c->seen, key))
    return FALSE;
  g_hash_table_add (c->seen, key);
  return TRUE;
}

static const char *
thread_label (AwlThread *t)
{
  return t->kind == AWL_THREAD_UI ? "the UI thread" : t->name;
}

static const char *
task_label (Chain   *c,
            AwlTask *t)
{
  return awl_sim_task_label (c->sim, t);
}

/* "Pool-1 (in Index)": the thread and the method it is in (none for the runtime's own
 * hidden frames, such as the host of async Main). */
static const char *
thread_where (Chain     *c,
              AwlThread *t)
{
  AwlFrame *f = t->top;

  while (f != NULL && (f->flags & AWL_FRAME_HIDDEN))
    f = f->below;
  if (f == NULL || t->top != f)
    return thread_label (t);
  return awl_sim_intern_printf (c->sim, "%s (in %s)", thread_label (t), f->name);
}

/* The thread running the body of a started Task.Run / StartNew task. */
static AwlThread *
thread_running_task_body (AwlSim  *sim,
                          AwlTask *task)
{
  for (guint i = 0; i < sim->threads->len; i++)
    {
      AwlThread *t = g_ptr_array_index (sim->threads, i);

      for (AwlFrame *g = t->top; g != NULL; g = g->below)
        if (g->rt != NULL && ((AwlFrameRt *) g->rt)->task == task)
          return t;
    }
  return NULL;
}

/* .Result / .Wait() / .GetAwaiter().GetResult(): the waiter's continuation knows. */
static const char *
wait_kind_name (AwlThread *t)
{
  static const char * const names[] = { ".Result", ".Wait()", ".GetAwaiter().GetResult()" };

  for (AwlCont *k = t->blocked_task ? t->blocked_task->conts : NULL; k != NULL; k = k->next)
    if (k->kind == CONT_WAITER && k->thread == t)
      {
        int kind = AWL_WAITER_KIND (GPOINTER_TO_INT (k->data));

        if (kind >= 0 && kind < (int) G_N_ELEMENTS (names))
          return names[kind];
      }
  return "a blocking wait";
}

static AwlThread *
thread_running_frame (AwlSim   *sim,
                      AwlFrame *f)
{
  for (guint i = 0; i < sim->threads->len; i++)
    {
      AwlThread *t = g_ptr_array_index (sim->threads, i);

      for (AwlFrame *g = t->top; g != NULL; g = g->below)
        if (g == f)
          return t;
    }
  return NULL;
}

/* Where does the continuation of @f wait? */
static gboolean
describe_pending_continuation (Chain    *c,
                               AwlTask  *task,
                               AwlFrame *f)
{
  AwlSim *sim = c->sim;

  for (GList *l = sim->ui_queue.head; l; l = l->next)
    if (((AwlWorkItem *) l->data)->frame == f)
      {
        add (c, "%s completes when its continuation runs, and the continuation is posted to the "
             "UI context", task_label (c, task));
        add (c, "only the UI thread runs it, and the UI thread is blocked: deadlock");
        cycle_at (c, sim->ui_thread);
        return TRUE;
      }
  for (guint i = 0; i < sim->contexts->len; i++)
    {
      AwlContext *ctx = g_ptr_array_index (sim->contexts, i);

      for (GList *l = ctx->pending.head; l; l = l->next)
        if (((AwlWorkItem *) l->data)->frame == f)
          {
            add (c, "%s completes when its continuation runs, and the continuation is posted to "
                 "the ASP.NET request context", task_label (c, task));
            add (c, "only one thread at a time runs in that context, and %s holds it while it is "
                 "blocked: deadlock", ctx->holder ? ctx->holder->name : "nobody");
            cycle_at (c, ctx->holder);
            return TRUE;
          }
    }
  if (sim->pending_items > 0)
    {
      add (c, "%s completes when its continuation runs, and the continuation waits in the "
           "thread pool's queue", task_label (c, task));
      add (c, "every pool thread is blocked and the pool cannot grow (maximum %u %s)",
           sim->config.max_threads, sim->config.max_threads == 1 ? "thread" : "threads");
      return TRUE;
    }
  return FALSE;
}

static void
describe_task (Chain   *c,
               AwlTask *task)
{
  AwlSim *sim = c->sim;

  if (!first_visit (c, task))
    {
      add (c, "which brings us back to %s: a cycle", task_label (c, task));
      if (c->cycle_start < 0 && c->threads->len > 0)
        c->cycle_start = 0;
      return;
    }
  g_array_append_val (c->tasks, task->parent.id);

  switch (task->kind)
    {
    case AWL_TASK_KIND_ASYNC_METHOD:
    case AWL_TASK_KIND_MOVE_NEXT:
      if (task->frame != NULL && task->frame->rt != NULL)
        {
          AwlFrameRt *rt = task->frame->rt;

          if (rt->suspended && rt->awaiting != NULL)
            {
              if (awl_task_is_completed (&rt->awaiting->parent))
                {
                  if (describe_pending_continuation (c, task, task->frame))
                    return;
                }
              add (c, "%s is suspended at await state %d, waiting for %s", task_label (c, task),
                   task->frame->state, task_label (c, rt->awaiting));
              describe_task (c, rt->awaiting);
              return;
            }
          if (!rt->suspended)
            {
              AwlThread *t = thread_running_frame (sim, task->frame);

              if (t != NULL)
                {
                  add (c, "%s is still running on %s", task_label (c, task), t->name);
                  describe_thread (c, t);
                  return;
                }
            }
          if (rt->suspended && describe_pending_continuation (c, task, task->frame))
            return;
        }
      add (c, "%s never completes", task_label (c, task));
      return;

    case AWL_TASK_KIND_PROMISE:
      add (c, "%s is never completed: no remaining code calls SetResult, SetException or "
           "SetCanceled", task_label (c, task));
      return;

    case AWL_TASK_KIND_SEMAPHORE_WAIT:
      add (c, "%s waits for a Release that nothing left can call", task_label (c, task));
      return;

    case AWL_TASK_KIND_WHEN_ALL:
      for (guint i = 0; i < task->n_children; i++)
        if (!awl_task_is_completed (&task->children[i]->parent))
          {
            add (c, "%s waits for all its tasks, and %s has not completed", task_label (c, task),
                 task_label (c, task->children[i]));
            describe_task (c, task->children[i]);
            return;
          }
      break;

    case AWL_TASK_KIND_RUN:
    case AWL_TASK_KIND_LONG_RUNNING:
      if (task->item == NULL)
        {
          AwlThread *t = thread_running_task_body (sim, task);

          if (t != NULL)
            {
              add (c, "%s runs on %s and has not finished", task_label (c, task), t->name);
              describe_thread (c, t);
              return;
            }
        }
      if (task->item != NULL)
        {
          add (c, "%s waits in the thread pool's %s queue and has not started", task_label (c, task),
               task->item->queue == AWL_QUEUE_LOCAL ? "local" : "global");
          add (c, "every pool thread is blocked and the pool cannot grow (maximum %u %s)",
               sim->config.max_threads, sim->config.max_threads == 1 ? "thread" : "threads");
          return;
        }
      break;

    default:
      break;
    }
  add (c, "%s never completes", task_label (c, task));
}

static void
describe_thread (Chain     *c,
                 AwlThread *t)
{
  AwlSim *sim = c->sim;
  const char *who = thread_where (c, t);

  if (!first_visit (c, t))
    {
      add (c, "which brings us back to %s: a cycle", thread_label (t));
      cycle_at (c, t);
      return;
    }
  note_thread (c, t);

  if (t->state != AWL_THREAD_STATE_BLOCKED)
    {
      add (c, "%s is %s", thread_label (t), awl_thread_state_to_string (t->state));
      return;
    }

  switch (t->reason)
    {
    case AWL_BLOCK_TASK_WAIT:
      add (c, "%s blocks in %s on %s", who, wait_kind_name (t), task_label (c, t->blocked_task));
      describe_task (c, t->blocked_task);
      return;

    case AWL_BLOCK_LOCK:
      {
        AwlLockState *ls = t->blocked_on;

        add (c, "%s waits for the lock on Object %u, held by %s", who,
             ls->object->id, ls->owner ? ls->owner->name : "nobody");
        if (ls->owner)
          describe_thread (c, ls->owner);
        return;
      }

    case AWL_BLOCK_SEMAPHORE:
      {
        AwlSemaphore *sem = t->blocked_on;
        AwlThread *holder = sem->last_acquire_thread >= 1
                            && sem->last_acquire_thread <= sim->threads->len
                            ? g_ptr_array_index (sim->threads, sem->last_acquire_thread - 1)
                            : NULL;

        if (holder != NULL && holder != t && !holder->exited)
          {
            add (c, "%s waits on SemaphoreSlim %u (count %u); %s took it last and has not "
                 "released it", who, sem->parent.id, sem->count, holder->name);
            describe_thread (c, holder);
          }
        else
          add (c, "%s waits on SemaphoreSlim %u (count %u), and no code that could release "
               "it can run", who, sem->parent.id, sem->count);
        return;
      }

    case AWL_BLOCK_JOIN:
      add (c, "%s waits in Join for %s", who, ((AwlThread *) t->blocked_on)->name);
      describe_thread (c, t->blocked_on);
      return;

    case AWL_BLOCK_SEND:
      add (c, "%s waits in Send for the UI thread to run its delegate", who);
      if (sim->ui_thread)
        describe_thread (c, sim->ui_thread);
      return;

    default:
      add (c, "%s is blocked (%s)", thread_label (t), awl_block_reason_to_string (t->reason));
      return;
    }
}

/* Explains why no thread, timer or I/O can move although the program has not finished.
 * Changes nothing in @sim. */
AwlDeadlockReport *
awl_deadlock_analyse (AwlSim *sim)
{
  AwlDeadlockReport *report;
  Chain c = { sim, g_ptr_array_new (), g_hash_table_new (NULL, NULL),
              g_array_new (FALSE, FALSE, sizeof (guint)), g_array_new (FALSE, FALSE, sizeof (guint)),
              -1 };
  AwlThread *root = NULL;

  if (sim->main_thread && !sim->main_thread->exited)
    root = sim->main_thread;
  else if (sim->ui_thread && sim->ui_thread->state == AWL_THREAD_STATE_BLOCKED)
    root = sim->ui_thread;
  else
    for (guint i = 0; i < sim->threads->len && root == NULL; i++)
      {
        AwlThread *t = g_ptr_array_index (sim->threads, i);

        if (!t->exited && t->state == AWL_THREAD_STATE_BLOCKED)
          root = t;
      }

  if (root != NULL)
    describe_thread (&c, root);
  else
    {
      /* Nothing blocks a thread, yet the program has not finished: an await that can never
       * resume. */
      for (guint i = 0; i < sim->objects->len && c.chain->len == 0; i++)
        {
          AwlObject *o = g_ptr_array_index (sim->objects, i);

          if (o->type == AWL_OBJECT_TASK && ((AwlTask *) o)->frame
              && ((AwlFrameRt *) ((AwlTask *) o)->frame->rt)->suspended)
            describe_task (&c, (AwlTask *) o);
        }
      if (c.chain->len == 0)
        add (&c, "the program has not finished, but no thread, timer or I/O is left to run");
    }

  g_hash_table_unref (c.seen);
  report = g_new0 (AwlDeadlockReport, 1);
  report->chain = c.chain;
  report->threads = c.threads;
  report->tasks = c.tasks;
  report->cycle_start = c.cycle_start;
  return report;
}

void
awl_deadlock_report_free (AwlDeadlockReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->chain);
  g_array_unref (report->threads);
  g_array_unref (report->tasks);
  g_free (report);
}
