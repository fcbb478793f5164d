/* awl-trace.c
 *
 * The trace: recorded by the sim, frozen at the end of the run (derived spans, counters,
 * flows, output, requests), then immutable. Its words (names, sentences) are in
 * awl-trace-describe.c, the state at an event in awl-trace-state.c.
 */

#include <string.h>

#include "awl-sim-private.h"
#include "awl-trace-fields-private.h"

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

      if (stack && stack->len && e->line > 0 && !awl_trace_event_starts_frame (e))
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
