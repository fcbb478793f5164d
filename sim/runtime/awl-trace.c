/* awl-trace.c
 *
 * The trace: recorded by the sim, frozen at the end of the run (derived spans, counters,
 * flows, output, requests), then immutable. The state at any event is rebuilt from the
 * nearest snapshot by replaying events; snapshots are taken lazily on first use.
 */

#include <string.h>

#include "awl-sim-private.h"

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

struct _AwlTrace
{
  gint           ref_count;
  AwlConfig      config;
  GStringChunk  *strings;
  GArray        *events;
  GArray        *threads;   /* AwlThreadInfo */
  GArray        *tasks;     /* AwlTaskInfo */
  GArray        *lints;
  GArray        *output;
  GArray        *requests;
  AwlOutcome     outcome;
  GPtrArray     *chain;
  GArray        *deadlock_threads;     /* guint */
  GArray        *deadlock_tasks;       /* guint */
  int            deadlock_cycle_start;
  AwlStats       stats;
  gboolean       frozen;
  GPtrArray     *spans;     /* GArray of AwlSpan per thread */
  GArray        *io_spans;
  GArray        *counters[AWL_COUNTER_N_KINDS];
  GArray        *flows;
  GMutex         snap_lock;
  GPtrArray     *snapshots; /* RState * */
  guint          snap_interval;
};

/* ---------------------------------------------------------------------------------
 * Names
 * ------------------------------------------------------------------------------ */

const char *
awl_thread_kind_to_string (AwlThreadKind kind)
{
  static const char * const n[] = { "main", "ui", "pool", "dedicated" };
  return kind <= AWL_THREAD_DEDICATED ? n[kind] : "?";
}

const char *
awl_thread_state_to_string (AwlThreadState state)
{
  static const char * const n[] = { "running", "ready", "blocked", "idle", "exited" };
  return state <= AWL_THREAD_STATE_EXITED ? n[state] : "?";
}

const char *
awl_block_reason_to_string (AwlBlockReason reason)
{
  static const char * const n[] = { "none", "task wait", "lock", "semaphore", "sleep", "sync I/O",
                                    "join", "send", "request context", "start delay" };
  return reason <= AWL_BLOCK_START_DELAY ? n[reason] : "?";
}

static const char * const event_names[] = {
  "thread-created", "thread-state", "thread-exited", "frame-push", "frame-pop", "await",
  "resume", "continuation", "task-created", "task-status", "queue", "dequeue", "cpu",
  "timer-set", "timer-fired", "io-start", "io-done", "output", "lint", "pool-goal",
  "request-start", "request-end", "lock", "semaphore", "cancel", "exception", "context", "end",
};
G_STATIC_ASSERT (G_N_ELEMENTS (event_names) == AWL_EVENT_N_KINDS);

const char *
awl_event_kind_to_string (AwlEventKind kind)
{
  return kind < AWL_EVENT_N_KINDS ? event_names[kind] : "?";
}

static const char * const lint_names[] = {
  "sync-over-async", "async-void", "async-without-await", "task-run-io", "sleep-in-async",
  "blocking-pool-thread", "ignored-cancellation", "unobserved-exception", "tcs-never-completed",
  "semaphore-never-released", "starvation",
};
G_STATIC_ASSERT (G_N_ELEMENTS (lint_names) == AWL_LINT_N_KINDS);

const char *
awl_lint_kind_to_string (AwlLintKind kind)
{
  return kind < AWL_LINT_N_KINDS ? lint_names[kind] : "?";
}

gboolean
awl_lint_kind_from_string (const char  *name,
                           AwlLintKind *kind)
{
  g_return_val_if_fail (name != NULL && kind != NULL, FALSE);
  for (guint i = 0; i < AWL_LINT_N_KINDS; i++)
    if (strcmp (name, lint_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
awl_limit_to_string (AwlLimit limit)
{
  static const char * const names[] = {
    [AWL_LIMIT_NONE] = NULL,
    [AWL_LIMIT_EVENTS] = "events",
    [AWL_LIMIT_TIME] = "time",
    [AWL_LIMIT_THREADS] = "threads",
    [AWL_LIMIT_TASKS] = "tasks",
    [AWL_LIMIT_INSTRUCTIONS] = "instructions",
    [AWL_LIMIT_CALL_DEPTH] = "call-depth",
    [AWL_LIMIT_MEMORY] = "memory",
    [AWL_LIMIT_OUTPUT] = "output",
    [AWL_LIMIT_CANCELLED] = "cancelled",
  };

  if ((guint) limit >= G_N_ELEMENTS (names))
    return NULL;
  return names[limit];
}

const char *
awl_outcome_kind_to_string (AwlOutcomeKind kind)
{
  static const char * const n[] = { "completed", "deadlock", "crashed", "limit" };
  return kind <= AWL_OUTCOME_LIMIT ? n[kind] : "?";
}

const char *
awl_counter_kind_to_string (AwlCounterKind kind)
{
  static const char * const n[] = { "pool-threads", "pool-goal", "global-queue", "local-queues",
                                    "ui-queue", "busy-cores", "ready-threads", "blocked-threads",
                                    "requests" };
  G_STATIC_ASSERT (G_N_ELEMENTS (n) == AWL_COUNTER_N_KINDS);
  return kind < AWL_COUNTER_N_KINDS ? n[kind] : "?";
}

/* ---------------------------------------------------------------------------------
 * Recording
 * ------------------------------------------------------------------------------ */

AwlTrace *
awl_trace_new_internal (const AwlConfig *config)
{
  AwlTrace *trace = g_new0 (AwlTrace, 1);

  trace->ref_count = 1;
  trace->config = *config;
  trace->strings = g_string_chunk_new (4096);
  trace->events = g_array_sized_new (FALSE, FALSE, sizeof (AwlEvent), 1024);
  trace->threads = g_array_new (FALSE, TRUE, sizeof (AwlThreadInfo));
  trace->tasks = g_array_new (FALSE, TRUE, sizeof (AwlTaskInfo));
  trace->lints = g_array_new (FALSE, TRUE, sizeof (AwlLint));
  trace->output = g_array_new (FALSE, TRUE, sizeof (AwlOutputLine));
  trace->requests = g_array_new (FALSE, TRUE, sizeof (AwlRequest));
  trace->chain = g_ptr_array_new ();
  trace->deadlock_threads = g_array_new (FALSE, FALSE, sizeof (guint));
  trace->deadlock_tasks = g_array_new (FALSE, FALSE, sizeof (guint));
  trace->deadlock_cycle_start = -1;
  trace->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  trace->io_spans = g_array_new (FALSE, TRUE, sizeof (AwlIoSpan));
  for (guint i = 0; i < AWL_COUNTER_N_KINDS; i++)
    trace->counters[i] = g_array_new (FALSE, TRUE, sizeof (AwlCounterPoint));
  trace->flows = g_array_new (FALSE, TRUE, sizeof (AwlFlow));
  g_mutex_init (&trace->snap_lock);
  return trace;
}

const char *
awl_trace_intern (AwlTrace   *trace,
                  const char *str)
{
  return g_string_chunk_insert_const (trace->strings, str);
}

const char *
awl_trace_insert (AwlTrace   *trace,
                  const char *str)
{
  return g_string_chunk_insert (trace->strings, str);
}

GArray *
awl_trace_events_array (AwlTrace *trace)
{
  return trace->events;
}

void
awl_trace_add_thread (AwlTrace      *trace,
                      guint          id,
                      AwlThreadKind  kind,
                      const char    *name,
                      AwlTime        created)
{
  AwlThreadInfo info = { id, kind, name, created, AWL_TIME_NONE };

  g_assert (id == trace->threads->len + 1);
  g_array_append_val (trace->threads, info);
}

void
awl_trace_thread_exited (AwlTrace *trace,
                         guint     id,
                         AwlTime   time)
{
  g_array_index (trace->threads, AwlThreadInfo, id - 1).exited = time;
}

void
awl_trace_add_task (AwlTrace    *trace,
                    guint        id,
                    AwlTaskKind  kind,
                    const char  *name,
                    AwlTime      created,
                    int          line)
{
  AwlTaskInfo info = { id, kind, name, created, AWL_TIME_NONE, AWL_TASK_CREATED, line };

  g_assert (id == trace->tasks->len + 1);
  g_array_append_val (trace->tasks, info);
}

void
awl_trace_task_status (AwlTrace      *trace,
                       guint          id,
                       AwlTaskStatus  status,
                       AwlTime        time)
{
  AwlTaskInfo *info = &g_array_index (trace->tasks, AwlTaskInfo, id - 1);

  info->final_status = status;
  if (status == AWL_TASK_RAN_TO_COMPLETION || status == AWL_TASK_FAULTED
      || status == AWL_TASK_CANCELED)
    info->completed = time;
}

void
awl_trace_set_task_name (AwlTrace   *trace,
                         guint       id,
                         const char *name)
{
  g_array_index (trace->tasks, AwlTaskInfo, id - 1).name = name;
}

void
awl_trace_add_lint (AwlTrace      *trace,
                    const AwlLint *lint)
{
  g_array_append_val (trace->lints, *lint);
}

void
awl_trace_set_outcome (AwlTrace           *trace,
                       const AwlOutcome   *outcome,
                       const char * const *chain,
                       guint               n_chain)
{
  if (chain != NULL)
    {
      g_ptr_array_set_size (trace->chain, 0);
      for (guint i = 0; i < n_chain; i++)
        g_ptr_array_add (trace->chain, (gpointer) chain[i]);
      /* NULL-terminated, so g_strjoinv() and friends work on it. */
      g_ptr_array_add (trace->chain, NULL);
    }
  if (outcome != NULL)
    trace->outcome = *outcome;
  trace->outcome.chain = trace->chain->len ? (const char **) trace->chain->pdata : NULL;
  trace->outcome.n_chain = trace->chain->len ? trace->chain->len - 1 : 0;
  trace->outcome.deadlock_threads = trace->deadlock_threads->len
                                    ? (const guint *) trace->deadlock_threads->data : NULL;
  trace->outcome.n_deadlock_threads = trace->deadlock_threads->len;
  trace->outcome.deadlock_tasks = trace->deadlock_tasks->len
                                  ? (const guint *) trace->deadlock_tasks->data : NULL;
  trace->outcome.n_deadlock_tasks = trace->deadlock_tasks->len;
  trace->outcome.deadlock_cycle_start = trace->deadlock_cycle_start;
}

void
awl_trace_set_deadlock_participants (AwlTrace    *trace,
                                     const guint *threads,
                                     guint        n_threads,
                                     const guint *tasks,
                                     guint        n_tasks,
                                     int          cycle_start)
{
  g_array_set_size (trace->deadlock_threads, 0);
  g_array_append_vals (trace->deadlock_threads, threads, n_threads);
  g_array_set_size (trace->deadlock_tasks, 0);
  g_array_append_vals (trace->deadlock_tasks, tasks, n_tasks);
  trace->deadlock_cycle_start = cycle_start;
  awl_trace_set_outcome (trace, NULL, NULL, 0);
}

void
awl_trace_set_stats (AwlTrace       *trace,
                     const AwlStats *stats)
{
  trace->stats = *stats;
}

/* ---------------------------------------------------------------------------------
 * Derived data
 * ------------------------------------------------------------------------------ */

typedef struct
{
  const char *method;
  int         line;
  int         state;
  guint       frame_id;
} MiniFrame;

/* A push or a resume carries the line of the frame it puts on the stack (the
 * method's declaration, the await it resumes at), not the caller's: the caller
 * stays on its call site. */
static gboolean
event_starts_frame (const AwlEvent *e)
{
  return e->kind == AWL_EVENT_FRAME_PUSH || e->kind == AWL_EVENT_RESUME;
}

static void
counter_set (AwlTrace       *trace,
             AwlCounterKind  kind,
             AwlTime         time,
             gint64          value)
{
  GArray *a = trace->counters[kind];

  if (a->len > 0)
    {
      AwlCounterPoint *last = &g_array_index (a, AwlCounterPoint, a->len - 1);

      if (last->value == value)
        return;
      if (last->time == time)
        {
          last->value = value;
          /* Collapse a point that returned to the previous value within one instant. */
          if (a->len > 1 && g_array_index (a, AwlCounterPoint, a->len - 2).value == value)
            g_array_set_size (a, a->len - 1);
          return;
        }
    }
  g_array_append_val (a, ((AwlCounterPoint) { time, value }));
}

static void
close_span (GArray  *spans,
            AwlTime  end)
{
  if (spans->len > 0)
    {
      AwlSpan *last = &g_array_index (spans, AwlSpan, spans->len - 1);
      if (last->end == AWL_TIME_NONE)
        last->end = end;
    }
}

void
awl_trace_freeze (AwlTrace *trace)
{
  guint n_threads = trace->threads->len;
  g_autofree AwlThreadState *tstate = g_new0 (AwlThreadState, n_threads + 1);
  g_autoptr(GPtrArray) stacks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) open_io = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) open_timers = g_hash_table_new (NULL, NULL);
  gint64 pool = 0, global = 0, local = 0, ui = 0, requests = 0;
  gint64 n_state[AWL_THREAD_STATE_EXITED + 1] = { 0 };
  AwlTime end = trace->outcome.end_time;

  g_assert (!trace->frozen);

  for (guint i = 0; i <= n_threads; i++)
    {
      g_ptr_array_add (trace->spans, g_array_new (FALSE, TRUE, sizeof (AwlSpan)));
      g_ptr_array_add (stacks, g_array_new (FALSE, TRUE, sizeof (MiniFrame)));
    }

  for (guint i = 0; i < trace->events->len; i++)
    {
      const AwlEvent *e = &g_array_index (trace->events, AwlEvent, i);
      GArray *stack = e->thread ? g_ptr_array_index (stacks, e->thread) : NULL;

      if (stack && stack->len && e->line > 0 && !event_starts_frame (e))
        g_array_index (stack, MiniFrame, stack->len - 1).line = e->line;

      switch ((AwlEventKind) e->kind)
        {
        case AWL_EVENT_THREAD_CREATED:
          tstate[e->thread] = AWL_THREAD_STATE_IDLE;
          n_state[AWL_THREAD_STATE_IDLE]++;
          if (e->sub == AWL_THREAD_POOL)
            counter_set (trace, AWL_COUNTER_POOL_THREADS, e->time, ++pool);
          {
            AwlSpan sp = { e->time, AWL_TIME_NONE, AWL_THREAD_STATE_IDLE, AWL_BLOCK_NONE, 0, 0,
                           NULL, -1, 0, i };
            g_array_append_val (g_ptr_array_index (trace->spans, e->thread), sp);
          }
          break;

        case AWL_EVENT_THREAD_STATE:
        case AWL_EVENT_THREAD_EXITED:
          {
            GArray *spans = g_ptr_array_index (trace->spans, e->thread);
            AwlThreadState st = e->kind == AWL_EVENT_THREAD_EXITED ? AWL_THREAD_STATE_EXITED
                                                                   : (AwlThreadState) e->sub;
            AwlSpan sp = { e->time, AWL_TIME_NONE, st, e->kind == AWL_EVENT_THREAD_STATE ? e->a : 0,
                           e->task, e->b, NULL, -1, e->line, i };

            n_state[tstate[e->thread]]--;
            n_state[st]++;
            tstate[e->thread] = st;
            if (stack && stack->len)
              {
                MiniFrame *top = &g_array_index (stack, MiniFrame, stack->len - 1);
                sp.method = top->method;
                sp.await_state = top->state;
                if (sp.line == 0)
                  sp.line = top->line;
              }
            close_span (spans, e->time);
            if (spans->len > 0)
              {
                AwlSpan *last = &g_array_index (spans, AwlSpan, spans->len - 1);
                /* Zero-length spans say nothing on a timeline: replace them. */
                if (last->start == e->time)
                  g_array_set_size (spans, spans->len - 1);
              }
            if (st != AWL_THREAD_STATE_EXITED)
              g_array_append_val (spans, sp);
            if (st == AWL_THREAD_STATE_EXITED && n_threads >= e->thread
                && g_array_index (trace->threads, AwlThreadInfo, e->thread - 1).kind == AWL_THREAD_POOL)
              counter_set (trace, AWL_COUNTER_POOL_THREADS, e->time, --pool);
            counter_set (trace, AWL_COUNTER_BUSY_CORES, e->time, n_state[AWL_THREAD_STATE_RUNNING]);
            counter_set (trace, AWL_COUNTER_READY_THREADS, e->time, n_state[AWL_THREAD_STATE_READY]);
            counter_set (trace, AWL_COUNTER_BLOCKED_THREADS, e->time,
                         n_state[AWL_THREAD_STATE_BLOCKED]);
          }
          break;

        case AWL_EVENT_FRAME_PUSH:
          g_array_append_val (stack, ((MiniFrame) { e->text, e->line, -1, (guint) e->a }));
          break;

        case AWL_EVENT_RESUME:
          g_array_append_val (stack, ((MiniFrame) { e->text, e->line, e->c, (guint) e->a }));
          if (e->b > 0 && e->b <= trace->flows->len)
            {
              AwlFlow *f = &g_array_index (trace->flows, AwlFlow, e->b - 1);
              f->to_thread = e->thread;
              f->resumed = e->time;
              f->resume_event = i;
              f->method = e->text;
              f->await_state = e->c;
            }
          break;

        case AWL_EVENT_FRAME_POP:
          if (stack && stack->len)
            g_array_set_size (stack, stack->len - 1);
          break;

        case AWL_EVENT_AWAIT:
          if (stack && stack->len)
            g_array_index (stack, MiniFrame, stack->len - 1).state = e->c;
          break;

        case AWL_EVENT_CONTINUATION:
          {
            AwlFlow f = { e->b, e->task, e->sub, e->thread, e->time, 0, AWL_TIME_NONE, i,
                          G_MAXUINT, NULL, -1 };
            if ((guint64) e->b == trace->flows->len + 1)
              g_array_append_val (trace->flows, f);
          }
          break;

        case AWL_EVENT_QUEUE:
        case AWL_EVENT_DEQUEUE:
          {
            gint64 d = e->kind == AWL_EVENT_QUEUE ? 1 : -1;

            if (e->sub == AWL_QUEUE_GLOBAL)
              counter_set (trace, AWL_COUNTER_GLOBAL_QUEUE, e->time, global += d);
            else if (e->sub == AWL_QUEUE_LOCAL)
              counter_set (trace, AWL_COUNTER_LOCAL_QUEUES, e->time, local += d);
            else if (e->sub == AWL_QUEUE_UI)
              counter_set (trace, AWL_COUNTER_UI_QUEUE, e->time, ui += d);
          }
          break;

        case AWL_EVENT_POOL_GOAL:
          counter_set (trace, AWL_COUNTER_POOL_GOAL, e->time, e->a);
          break;

        case AWL_EVENT_OUTPUT:
          g_array_append_val (trace->output, ((AwlOutputLine) { e->time, e->thread, e->line, e->text }));
          break;

        case AWL_EVENT_REQUEST_START:
          {
            AwlRequest r = { (guint) e->a, e->time, AWL_TIME_NONE, 0, FALSE };
            if (e->a >= trace->requests->len)
              g_array_set_size (trace->requests, e->a + 1);
            g_array_index (trace->requests, AwlRequest, e->a) = r;
            counter_set (trace, AWL_COUNTER_REQUESTS, e->time, ++requests);
          }
          break;

        case AWL_EVENT_REQUEST_END:
          if (e->a < trace->requests->len)
            {
              AwlRequest *r = &g_array_index (trace->requests, AwlRequest, e->a);
              r->end = e->time;
              r->thread = e->thread;
              r->failed = e->sub != 0;
            }
          counter_set (trace, AWL_COUNTER_REQUESTS, e->time, --requests);
          break;

        case AWL_EVENT_TIMER_SET:
          {
            AwlIoSpan sp = { e->time, AWL_TIME_NONE, AWL_IO_SPAN_TIMER, e->task, 0, e->text, FALSE };
            g_array_append_val (trace->io_spans, sp);
            g_hash_table_insert (open_timers, GSIZE_TO_POINTER (e->b),
                                 GUINT_TO_POINTER (trace->io_spans->len));
          }
          break;

        case AWL_EVENT_TIMER_FIRED:
          {
            guint k = GPOINTER_TO_UINT (g_hash_table_lookup (open_timers, GSIZE_TO_POINTER (e->b)));
            if (k)
              g_array_index (trace->io_spans, AwlIoSpan, k - 1).end = e->time;
          }
          break;

        case AWL_EVENT_IO_START:
          {
            AwlIoSpan sp = { e->time, AWL_TIME_NONE, e->sub ? AWL_IO_SPAN_SYNC_IO : AWL_IO_SPAN_ASYNC_IO,
                             e->task, e->sub ? e->thread : 0, e->text, FALSE };
            g_array_append_val (trace->io_spans, sp);
            g_hash_table_insert (open_io, GSIZE_TO_POINTER (e->b),
                                 GUINT_TO_POINTER (trace->io_spans->len));
          }
          break;

        case AWL_EVENT_IO_DONE:
          {
            guint k = GPOINTER_TO_UINT (g_hash_table_lookup (open_io, GSIZE_TO_POINTER (e->b)));
            if (k)
              {
                AwlIoSpan *sp = &g_array_index (trace->io_spans, AwlIoSpan, k - 1);
                sp->end = e->time;
                sp->failed = e->sub == 1;
              }
          }
          break;

        default:
          break;
        }
    }

  for (guint t = 1; t <= n_threads; t++)
    close_span (g_ptr_array_index (trace->spans, t), end);
  for (guint i = 0; i < trace->io_spans->len; i++)
    if (g_array_index (trace->io_spans, AwlIoSpan, i).end == AWL_TIME_NONE)
      g_array_index (trace->io_spans, AwlIoSpan, i).end = end;

  trace->frozen = TRUE;
}

/* ---------------------------------------------------------------------------------
 * Getters
 * ------------------------------------------------------------------------------ */

AwlTrace *
awl_trace_ref (AwlTrace *trace)
{
  g_return_val_if_fail (trace != NULL, NULL);
  g_atomic_int_inc (&trace->ref_count);
  return trace;
}

static void
rstate_free (RState *s);

void
awl_trace_unref (AwlTrace *trace)
{
  if (trace == NULL || !g_atomic_int_dec_and_test (&trace->ref_count))
    return;
  g_string_chunk_free (trace->strings);
  g_array_unref (trace->events);
  g_array_unref (trace->threads);
  g_array_unref (trace->tasks);
  g_array_unref (trace->lints);
  g_array_unref (trace->output);
  g_array_unref (trace->requests);
  g_ptr_array_unref (trace->chain);
  g_array_unref (trace->deadlock_threads);
  g_array_unref (trace->deadlock_tasks);
  g_ptr_array_unref (trace->spans);
  g_array_unref (trace->io_spans);
  for (guint i = 0; i < AWL_COUNTER_N_KINDS; i++)
    g_array_unref (trace->counters[i]);
  g_array_unref (trace->flows);
  if (trace->snapshots)
    g_ptr_array_unref (trace->snapshots);
  g_mutex_clear (&trace->snap_lock);
  g_free (trace);
}

#define GETTER(fn, type, field)                                 \
  const type *                                                  \
  fn (AwlTrace *trace,                                          \
      guint    *n)                                              \
  {                                                             \
    g_return_val_if_fail (trace != NULL && n != NULL, NULL);    \
    *n = trace->field->len;                                     \
    return (const type *) trace->field->data;                   \
  }

GETTER (awl_trace_get_events, AwlEvent, events)
GETTER (awl_trace_get_threads, AwlThreadInfo, threads)
GETTER (awl_trace_get_tasks, AwlTaskInfo, tasks)
GETTER (awl_trace_get_output, AwlOutputLine, output)
GETTER (awl_trace_get_lints, AwlLint, lints)
GETTER (awl_trace_get_requests, AwlRequest, requests)
GETTER (awl_trace_get_io_spans, AwlIoSpan, io_spans)
GETTER (awl_trace_get_flows, AwlFlow, flows)

const AwlConfig *
awl_trace_get_config (AwlTrace *trace)
{
  g_return_val_if_fail (trace != NULL, NULL);
  return &trace->config;
}

const AwlThreadInfo *
awl_trace_get_thread (AwlTrace *trace,
                      guint     id)
{
  g_return_val_if_fail (trace != NULL, NULL);
  return id >= 1 && id <= trace->threads->len
         ? &g_array_index (trace->threads, AwlThreadInfo, id - 1) : NULL;
}

const AwlTaskInfo *
awl_trace_get_task (AwlTrace *trace,
                    guint     id)
{
  g_return_val_if_fail (trace != NULL, NULL);
  return id >= 1 && id <= trace->tasks->len
         ? &g_array_index (trace->tasks, AwlTaskInfo, id - 1) : NULL;
}

const AwlOutcome *
awl_trace_get_outcome (AwlTrace *trace)
{
  g_return_val_if_fail (trace != NULL, NULL);
  return &trace->outcome;
}

const AwlStats *
awl_trace_get_stats (AwlTrace *trace)
{
  g_return_val_if_fail (trace != NULL, NULL);
  return &trace->stats;
}

AwlTime
awl_trace_get_end_time (AwlTrace *trace)
{
  g_return_val_if_fail (trace != NULL, 0);
  return trace->outcome.end_time;
}

const AwlSpan *
awl_trace_get_spans (AwlTrace *trace,
                     guint     thread_id,
                     guint    *n_spans)
{
  GArray *a;

  g_return_val_if_fail (trace != NULL && n_spans != NULL, NULL);
  *n_spans = 0;
  if (!trace->frozen || thread_id == 0 || thread_id >= trace->spans->len)
    return NULL;
  a = g_ptr_array_index (trace->spans, thread_id);
  *n_spans = a->len;
  return (const AwlSpan *) a->data;
}

const AwlCounterPoint *
awl_trace_get_counter (AwlTrace       *trace,
                       AwlCounterKind  kind,
                       guint          *n_points)
{
  g_return_val_if_fail (trace != NULL && n_points != NULL && kind < AWL_COUNTER_N_KINDS, NULL);
  *n_points = trace->counters[kind]->len;
  return (const AwlCounterPoint *) trace->counters[kind]->data;
}

guint
awl_trace_find_event_at (AwlTrace *trace,
                         AwlTime   time)
{
  guint lo = 0, hi;

  g_return_val_if_fail (trace != NULL, 0);
  hi = trace->events->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (trace->events, AwlEvent, mid).time < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* ---------------------------------------------------------------------------------
 * Sentences
 * ------------------------------------------------------------------------------ */

static const char *
tname (AwlTrace *trace,
       guint     id)
{
  const AwlThreadInfo *t = awl_trace_get_thread (trace, id);
  return t ? t->name : "the timer thread";
}

char *
awl_trace_describe_task (AwlTrace *trace,
                         guint     task_id)
{
  const AwlTaskInfo *t;

  g_return_val_if_fail (trace != NULL, NULL);
  t = awl_trace_get_task (trace, task_id);
  if (t == NULL)
    return g_strdup ("no task");
  return g_strdup_printf ("Task %u (%s)", t->id, t->name);
}

static const char *
status_name (guint s)
{
  static const char * const n[] = { "Created", "WaitingForActivation", "WaitingToRun", "Running",
                                    "WaitingForChildrenToComplete", "RanToCompletion", "Canceled",
                                    "Faulted" };
  return s <= AWL_TASK_FAULTED ? n[s] : "?";
}

static const char *
queue_name (guint q)
{
  static const char * const n[] = { "the global queue", "a local queue", "the UI message queue",
                                    "the request context", "the timer queue", "I/O" };
  return q <= AWL_QUEUE_IO ? n[q] : "?";
}

static const char *
how_words (guint how)
{
  static const char * const n[] = { "inline on the completing thread", "posted to the captured context",
                                    "queued to the local queue", "queued to the global queue" };
  return how <= AWL_CONT_QUEUED_GLOBAL ? n[how] : "?";
}

char *
awl_trace_describe_event (AwlTrace *trace,
                          guint     index)
{
  const AwlEvent *e;
  const char *who;
  g_autofree char *task = NULL;

  g_return_val_if_fail (trace != NULL, NULL);
  if (index >= trace->events->len)
    return g_strdup ("");
  e = &g_array_index (trace->events, AwlEvent, index);
  who = tname (trace, e->thread);
  task = awl_trace_describe_task (trace, e->task);

  switch ((AwlEventKind) e->kind)
    {
    case AWL_EVENT_THREAD_CREATED:
      return g_strdup_printf ("%s starts (%s thread)", e->text, awl_thread_kind_to_string (e->sub));
    case AWL_EVENT_THREAD_STATE:
      switch (e->sub)
        {
        case AWL_THREAD_STATE_RUNNING: return g_strdup_printf ("%s runs on core %d", who, e->c);
        case AWL_THREAD_STATE_READY:   return g_strdup_printf ("%s waits for a free core", who);
        case AWL_THREAD_STATE_IDLE:    return g_strdup_printf ("%s is idle", who);
        case AWL_THREAD_STATE_BLOCKED:
          if (e->a == AWL_BLOCK_TASK_WAIT)
            return g_strdup_printf ("%s blocks in %s on %s", who, e->text ? e->text : "a wait", task);
          return g_strdup_printf ("%s blocks: %s%s%s", who, awl_block_reason_to_string (e->a),
                                  e->text ? ", " : "", e->text ? e->text : "");
        default: return g_strdup_printf ("%s is %s", who, awl_thread_state_to_string (e->sub));
        }
    case AWL_EVENT_THREAD_EXITED:
      return g_strdup_printf ("%s exits", who);
    case AWL_EVENT_FRAME_PUSH:
      return g_strdup_printf ("%s calls %s", who, e->text);
    case AWL_EVENT_FRAME_POP:
      {
        static const char * const n[] = { "returns", "throws", "suspends", "is abandoned" };
        return g_strdup_printf ("%s: the method %s", who, n[MIN (e->sub, 3)]);
      }
    case AWL_EVENT_AWAIT:
      if (e->sub == 1)
        return g_strdup_printf ("%s awaits %s, already complete: continues synchronously (fast path)",
                                who, e->text);
      return g_strdup_printf ("%s suspends at await %s (state %d)%s; the thread is free", who, e->text,
                              e->c, e->b == AWL_CONTEXT_UI ? ", capturing the UI context"
                              : e->b == AWL_CONTEXT_ASPNET ? ", capturing the request context"
                              : e->b == AWL_CONTEXT_CUSTOM ? ", capturing the custom SynchronizationContext" : "");
    case AWL_EVENT_RESUME:
      return g_strdup_printf ("%s resumes %s after awaiting %s (state %d), %s", who, e->text, task,
                              e->c, how_words (e->sub));
    case AWL_EVENT_CONTINUATION:
      return g_strdup_printf ("%s completed; its continuation is %s", task, how_words (e->sub));
    case AWL_EVENT_TASK_CREATED:
      return g_strdup_printf ("%s creates %s", who, task);
    case AWL_EVENT_TASK_STATUS:
      if (e->text)
        return g_strdup_printf ("%s is %s: %s", task, status_name (e->sub), e->text);
      return g_strdup_printf ("%s is %s", task, status_name (e->sub));
    case AWL_EVENT_QUEUE:
      return g_strdup_printf ("%s queues “%s” to %s", e->thread ? who : "The runtime",
                              e->text ? e->text : "work", queue_name (e->sub));
    case AWL_EVENT_DEQUEUE:
      return g_strdup_printf ("%s %s work item %" G_GINT64_FORMAT " from %s", who,
                              e->c == 1 ? "steals" : e->c == 2 ? "inlines" : "takes", e->b,
                              queue_name (e->sub));
    case AWL_EVENT_CPU:
      return g_strdup_printf ("%s computes for %.1f ms", who, AWL_TO_MS (e->a));
    case AWL_EVENT_TIMER_SET:
      return g_strdup_printf ("A timer is set for %.1f ms: %s", AWL_TO_MS (e->a), e->text);
    case AWL_EVENT_TIMER_FIRED:
      return g_strdup_printf (e->sub ? "Timer canceled: %s" : "Timer fires: %s", e->text);
    case AWL_EVENT_IO_START:
      return g_strdup_printf (e->sub ? "%s starts synchronous I/O %s (%.1f ms), blocking"
                              : "%s starts asynchronous I/O %s (%.1f ms); no thread waits",
                              e->thread ? who : "The runtime", e->text, AWL_TO_MS (e->a));
    case AWL_EVENT_IO_DONE:
      return g_strdup_printf ("I/O %s %s", e->text ? e->text : "",
                              e->sub == 1 ? "fails" : e->sub == 2 ? "is canceled" : "completes");
    case AWL_EVENT_OUTPUT:
      return g_strdup_printf ("%s writes “%s”", who, e->text);
    case AWL_EVENT_LINT:
      return g_strdup_printf ("Warning (%s): %s", awl_lint_kind_to_string (e->sub), e->text);
    case AWL_EVENT_POOL_GOAL:
      {
        static const char * const n[] = { "minimum", "starvation", "blocking compensation",
                                          "hill climbing", "idle retirement", "unblocked" };
        return g_strdup_printf ("Thread pool goal is %" G_GINT64_FORMAT " %s (%s)", e->a,
                                e->a == 1 ? "thread" : "threads", n[MIN (e->sub, 5)]);
      }
    case AWL_EVENT_REQUEST_START:
      return g_strdup_printf ("Request %" G_GINT64_FORMAT " arrives", e->a + 1);
    case AWL_EVENT_REQUEST_END:
      return g_strdup_printf ("Request %" G_GINT64_FORMAT " %s after %.1f ms", e->a + 1,
                              e->sub ? "fails" : "completes", AWL_TO_MS (e->b));
    case AWL_EVENT_LOCK:
      switch (e->sub)
        {
        case 0: case 1: case 2:
          {
            static const char * const n[] = { "acquires", "releases", "waits for" };
            return g_strdup_printf ("%s %s the lock on Object %" G_GINT64_FORMAT, who,
                                    n[e->sub], e->a);
          }
        case 3:
          return g_strdup_printf ("%s enters the lock on Object %" G_GINT64_FORMAT
                                  " again (recursion %d)", who, e->a, e->c);
        default:
          return g_strdup_printf ("%s exits the lock on Object %" G_GINT64_FORMAT
                                  " once and still holds it (recursion %d)", who, e->a, e->c);
        }
    case AWL_EVENT_SEMAPHORE:
      switch (e->sub)
        {
        case 0: case 1: case 2:
          {
            static const char * const n[] = { "acquires", "releases", "waits on" };
            return g_strdup_printf ("%s %s SemaphoreSlim %" G_GINT64_FORMAT " (count %" G_GINT64_FORMAT ")",
                                    e->thread ? who : e->task ? task : "A waiter", n[e->sub], e->a, e->b);
          }
        case 3:
          if (e->c == G_MAXINT)
            return g_strdup_printf ("%s creates SemaphoreSlim %" G_GINT64_FORMAT " (count %" G_GINT64_FORMAT ")",
                                    who, e->a, e->b);
          return g_strdup_printf ("%s creates SemaphoreSlim %" G_GINT64_FORMAT " (count %" G_GINT64_FORMAT
                                  ", max %d)", who, e->a, e->b, e->c);
        default:
          return g_strdup_printf ("%s stops waiting on SemaphoreSlim %" G_GINT64_FORMAT
                                  ": its token was canceled", task, e->a);
        }
    case AWL_EVENT_CANCEL:
      switch (e->sub)
        {
        case 0:
          return g_strdup_printf ("%s cancels CancellationTokenSource %" G_GINT64_FORMAT
                                  "%s (%" G_GINT64_FORMAT " callbacks run now, newest first)",
                                  e->thread ? who : "A timer", e->a,
                                  e->c ? " when its CancelAfter time is due" : "", e->b);
        case 1:
          return g_strdup_printf ("%s creates CancellationTokenSource %" G_GINT64_FORMAT, who, e->a);
        case 2:
          return g_strdup_printf ("%s schedules CancellationTokenSource %" G_GINT64_FORMAT
                                  " to cancel at %.1f ms", who, e->a, AWL_TO_MS (e->b));
        default:
          return g_strdup_printf ("%s registers a callback on the token of CancellationTokenSource %"
                                  G_GINT64_FORMAT " (%" G_GINT64_FORMAT " pending)", who, e->a, e->b);
        }
    case AWL_EVENT_EXCEPTION:
      {
        static const char * const n[] = { "throws", "has an unhandled exception", "posts the exception of an async void method" };
        return g_strdup_printf ("%s %s: %s", who, n[MIN (e->sub, 2)], e->text);
      }
    case AWL_EVENT_CONTEXT:
      return g_strdup_printf ("%s %s the context of request %" G_GINT64_FORMAT, who,
                              e->sub ? "leaves" : "enters", e->a + 1);
    case AWL_EVENT_END:
      return g_strdup_printf ("The run ends: %s", e->text ? e->text : awl_outcome_kind_to_string (e->sub));
    default:
      return g_strdup ("?");
    }
}

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

  if (top && e->line > 0 && !event_starts_frame (e))
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
