/* awl-trace-describe.c
 *
 * The trace in words: the names of its enums and the one-line sentence for an event or
 * a task that the Inspector, the CLI and the exports show.
 */

#include <string.h>

#include "awl-sim-private.h"
#include "awl-trace-fields-private.h"

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
