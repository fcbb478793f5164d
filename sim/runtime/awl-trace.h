/* awl-trace.h
 *
 * The immutable record of one run: events, tables, derived spans, counters and flows,
 * outcome, lints and output. Refcounted; it outlives the sim that produced it, and all
 * strings in it stay valid as long as it lives. Everything returned by the getters is
 * owned by the trace and must not be freed, except where a function says "free with".
 */

#pragma once

#include <glib.h>

#include "awl-value.h"
#include "awl-sim.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------------------------
 * Threads
 * ------------------------------------------------------------------------------ */

typedef enum
{
  AWL_THREAD_MAIN,
  AWL_THREAD_UI,
  AWL_THREAD_POOL,
  AWL_THREAD_DEDICATED,
} AwlThreadKind;

typedef enum
{
  AWL_THREAD_STATE_RUNNING,   /* on a core */
  AWL_THREAD_STATE_READY,     /* runnable, waiting for a core */
  AWL_THREAD_STATE_BLOCKED,   /* see AwlBlockReason */
  AWL_THREAD_STATE_IDLE,      /* pool worker without work / UI thread with no message */
  AWL_THREAD_STATE_EXITED,
} AwlThreadState;

typedef enum
{
  AWL_BLOCK_NONE,
  AWL_BLOCK_TASK_WAIT,        /* .Result / .Wait() / GetResult(); event task = the task */
  AWL_BLOCK_LOCK,             /* Monitor; event b = lock object id */
  AWL_BLOCK_SEMAPHORE,        /* SemaphoreSlim.Wait; b = semaphore id */
  AWL_BLOCK_SLEEP,            /* Thread.Sleep */
  AWL_BLOCK_SYNC_IO,          /* synchronous I/O */
  AWL_BLOCK_JOIN,             /* Thread.Join; b = managed id of the joined thread */
  AWL_BLOCK_SEND,             /* SynchronizationContext.Send waiting for the UI thread */
  AWL_BLOCK_CONTEXT,          /* classic ASP.NET: waiting to enter a busy request context */
  AWL_BLOCK_START_DELAY,      /* a new pool thread not yet admitted (injection delay) */
} AwlBlockReason;

typedef struct
{
  guint          id;          /* managed thread id = index in the table + 1 */
  AwlThreadKind  kind;
  const char    *name;        /* "Main", "UI", "Pool-1", "Thread-1" */
  AwlTime        created;
  AwlTime        exited;      /* AWL_TIME_NONE if alive at the end */
} AwlThreadInfo;

/* "main", "ui", "pool", "dedicated". */
const char *awl_thread_kind_to_string   (AwlThreadKind  kind);
/* "running", "ready", "blocked", "idle", "exited". */
const char *awl_thread_state_to_string  (AwlThreadState state);
/* "task wait", "lock", "semaphore", "sleep", "sync I/O", "join", … */
const char *awl_block_reason_to_string  (AwlBlockReason reason);

/* ---------------------------------------------------------------------------------
 * Events
 * ------------------------------------------------------------------------------ */

typedef enum
{
  AWL_QUEUE_GLOBAL,           /* the pool's global FIFO queue */
  AWL_QUEUE_LOCAL,            /* a pool worker's local queue; owner = its thread id */
  AWL_QUEUE_UI,               /* the UI message queue; owner = UI thread id */
  AWL_QUEUE_REQUEST,          /* a classic ASP.NET request context; owner = request index */
  AWL_QUEUE_TIMER,            /* the timer queue (timers and CTS timeouts) */
  AWL_QUEUE_IO,               /* async I/O in flight */
} AwlQueueKind;

typedef enum
{
  AWL_CONT_INLINE,            /* ran on the completing thread */
  AWL_CONT_POSTED,            /* posted to the captured SynchronizationContext */
  AWL_CONT_QUEUED_LOCAL,      /* queued to the completing worker's local queue */
  AWL_CONT_QUEUED_GLOBAL,     /* queued to the global queue */
} AwlContinuationHow;

typedef enum
{
  AWL_CONTEXT_NONE,
  AWL_CONTEXT_UI,
  AWL_CONTEXT_ASPNET,
  AWL_CONTEXT_CUSTOM,         /* a SynchronizationContext subclass written in the scenario */
} AwlContextKind;

typedef enum
{
  AWL_EVENT_THREAD_CREATED,   /* sub = AwlThreadKind, text = name */
  AWL_EVENT_THREAD_STATE,     /* sub = AwlThreadState, a = AwlBlockReason, b = object id,
                               * c = core (running), task = task waited on, text = detail */
  AWL_EVENT_THREAD_EXITED,
  AWL_EVENT_FRAME_PUSH,       /* a = frame id, b = frame id below (0), sub = AwlFrameFlags,
                               * task = async method task, text = method name */
  AWL_EVENT_FRAME_POP,        /* a = frame id, sub = 0 returned / 1 threw / 2 suspended
                               * (left the stack at an await or yield) / 3 abandoned */
  AWL_EVENT_AWAIT,            /* a = frame id, c = await state, task = awaited task,
                               * sub = 1 fast path (already complete) / 0 suspended,
                               * b = captured AwlContextKind, text = awaited task name */
  AWL_EVENT_RESUME,           /* a = frame id, c = await state, task = awaited task,
                               * sub = AwlContinuationHow, b = flow id, text = method */
  AWL_EVENT_CONTINUATION,     /* completing thread schedules a continuation: task =
                               * completed task, sub = AwlContinuationHow, a = frame id
                               * (0 = internal), b = flow id, c = queue owner */
  AWL_EVENT_TASK_CREATED,     /* task, sub = AwlTaskKind, text = name */
  AWL_EVENT_TASK_STATUS,      /* task, sub = AwlTaskStatus, a = exception object id,
                               * text = "Type: message" when faulted */
  AWL_EVENT_QUEUE,            /* work item queued: sub = AwlQueueKind, a = queue owner,
                               * b = work item id, task = its task, text = description,
                               * c = 1 for the pool's high-priority queue (net8 timers; the
                               * queue kind is then GLOBAL) */
  AWL_EVENT_DEQUEUE,          /* thread takes item: sub = AwlQueueKind, a = owner, b = item id,
                               * c = 1 stolen from another worker / 2 inlined by a wait */
  AWL_EVENT_CPU,              /* a = CPU ns requested */
  AWL_EVENT_TIMER_SET,        /* task (delay) or 0, a = due time, b = timer id, text */
  AWL_EVENT_TIMER_FIRED,      /* task or 0, b = timer id, text */
  AWL_EVENT_IO_START,         /* task (async) or 0 (sync), a = duration, b = io id,
                               * sub = 0 async / 1 sync, text = label */
  AWL_EVENT_IO_DONE,          /* b = io id, sub = 0 ok / 1 failed / 2 canceled, text = label */
  AWL_EVENT_OUTPUT,           /* text = the line */
  AWL_EVENT_LINT,             /* sub = AwlLintKind, text = message */
  AWL_EVENT_POOL_GOAL,        /* sub = AwlPoolReason, a = new thread goal, b = pool threads */
  AWL_EVENT_REQUEST_START,    /* a = request index */
  AWL_EVENT_REQUEST_END,      /* a = request index, b = latency ns, sub = 1 if it failed */
  AWL_EVENT_LOCK,             /* sub = 0 acquired (c = 1) / 1 released / 2 contended
                               * (b = owner thread) / 3 re-entered by its owner / 4 exited
                               * one level, still held (c = recursion after), a = object id */
  AWL_EVENT_SEMAPHORE,        /* sub = 0 acquired / 1 released / 2 waits / 3 created /
                               * 4 async waiter canceled; a = id, b = count after; waits and
                               * acquisitions: task = the WaitAsync task (0 = Wait() by the
                               * thread); created: b = initial count, c = max count */
  AWL_EVENT_CANCEL,           /* a = CTS id; sub = 0 canceled (b = callbacks run, c = 1
                               * when by its CancelAfter timer) /
                               * 1 created / 2 CancelAfter (b = due time) / 3 registered
                               * (b = registrations now pending) */
  AWL_EVENT_EXCEPTION,        /* sub = 0 thrown / 1 unhandled / 2 posted (async void),
                               * a = exception id, text = "Type: message" */
  AWL_EVENT_CONTEXT,          /* classic ASP.NET: sub = 0 enter / 1 leave, a = request */
  AWL_EVENT_END,              /* last event: sub = AwlOutcomeKind, text = summary */
  AWL_EVENT_N_KINDS
} AwlEventKind;

typedef enum
{
  AWL_POOL_MIN,               /* filling up to the minimum */
  AWL_POOL_STARVATION,        /* gate thread: +1 after 500 ms without progress */
  AWL_POOL_BLOCKING,          /* .NET 6+ blocking compensation */
  AWL_POOL_HILL_CLIMBING,     /* simplified hill climbing */
  AWL_POOL_RETIRE,            /* an idle worker retired after 20 s */
  AWL_POOL_UNBLOCKED,         /* blocking compensation given back */
} AwlPoolReason;

typedef struct
{
  AwlTime      time;
  guint16      kind;          /* AwlEventKind */
  guint16      sub;
  guint32      thread;        /* acting thread id, 0 = none (timers, I/O) */
  guint32      task;          /* task id, 0 = none */
  gint32       line;          /* source line of the acting frame, 0 = none */
  gint32       c;
  gint64       a;
  gint64       b;
  const char  *text;
} AwlEvent;

/* "thread-state", "await", … (stable names for exports). */
const char *awl_event_kind_to_string   (AwlEventKind kind);

/* ---------------------------------------------------------------------------------
 * Tasks, lints, output, requests, outcome
 * ------------------------------------------------------------------------------ */

typedef struct
{
  guint          id;
  AwlTaskKind    kind;
  const char    *name;        /* "GetDataAsync", "Delay 100 ms", "Http.GetAsync …" */
  AwlTime        created;
  AwlTime        completed;   /* AWL_TIME_NONE if never */
  AwlTaskStatus  final_status;
  int            line;        /* source line where it was created */
} AwlTaskInfo;

typedef enum
{
  AWL_LINT_SYNC_OVER_ASYNC,          /* "sync-over-async" */
  AWL_LINT_ASYNC_VOID,               /* "async-void" */
  AWL_LINT_ASYNC_WITHOUT_AWAIT,      /* "async-without-await" */
  AWL_LINT_TASK_RUN_IO,              /* "task-run-io" */
  AWL_LINT_SLEEP_IN_ASYNC,           /* "sleep-in-async" */
  AWL_LINT_BLOCKING_POOL_THREAD,     /* "blocking-pool-thread" */
  AWL_LINT_IGNORED_CANCELLATION,     /* "ignored-cancellation" */
  AWL_LINT_UNOBSERVED_EXCEPTION,     /* "unobserved-exception" */
  AWL_LINT_TCS_NEVER_COMPLETED,      /* "tcs-never-completed" */
  AWL_LINT_SEMAPHORE_NEVER_RELEASED, /* "semaphore-never-released" */
  AWL_LINT_STARVATION,               /* "starvation" */
  AWL_LINT_N_KINDS
} AwlLintKind;

typedef struct
{
  AwlLintKind  kind;
  AwlTime      time;
  int          line;
  guint        thread;
  const char  *message;
} AwlLint;

/* The stable name ("sync-over-async", …). */
const char *awl_lint_kind_to_string    (AwlLintKind  kind);
/* Parses a lint name; FALSE if unknown. */
gboolean    awl_lint_kind_from_string  (const char  *name,
                                        AwlLintKind *kind);

typedef struct
{
  AwlTime      time;
  guint        thread;
  int          line;
  const char  *text;
} AwlOutputLine;

typedef struct
{
  guint        index;
  AwlTime      start;
  AwlTime      end;          /* AWL_TIME_NONE if it never finished */
  guint        thread;       /* the thread that started it */
  gboolean     failed;       /* the entry threw / its task faulted */
} AwlRequest;

typedef struct
{
  AwlOutcomeKind  kind;
  AwlLimit        limit;      /* LIMIT: the budget that ran out */
  AwlTime         end_time;
  /* One line: "completed", the limit reason, the crash "Type: message", or the first
   * sentence of the deadlock. */
  const char     *summary;
  /* Deadlock: the wait-for chain, one sentence per link (NULL-terminated; NULL when
   * there is no chain). */
  const char    **chain;
  guint           n_chain;
  /* Crash: the exception and where. */
  const char     *exception_type;
  const char     *exception_message;
  guint           thread;
  int             line;
  /* Console: work items/timers/I/O abandoned when Main returned. */
  guint           abandoned;
  /* Non-NULL when work waited for pool threads (starvation), with the worst wait. */
  const char     *starvation;
  AwlTime         worst_queue_wait;
  /* Deadlock participants as data, in the order of the chain (each once; NULL / 0 when
   * not a deadlock): the threads (trace thread ids) and the tasks (task ids) the chain
   * goes through. deadlock_cycle_start is the index in deadlock_threads where the cycle
   * begins — the threads from there on wait for each other (the UI thread waiting for
   * its own queue is a cycle of one) — or -1 when the chain ends in a dead end (a
   * TaskCompletionSource never completed, …); threads before it are blocked by it. */
  const guint    *deadlock_threads;
  guint           n_deadlock_threads;
  const guint    *deadlock_tasks;
  guint           n_deadlock_tasks;
  int             deadlock_cycle_start;
} AwlOutcome;

typedef struct
{
  guint64  events;
  guint    tasks;
  guint    threads;
  guint    peak_pool_threads;
  guint    requests;
  guint    requests_completed;
} AwlStats;

/* "completed", "deadlock", "crashed", "limit". */
const char *awl_outcome_kind_to_string (AwlOutcomeKind kind);

/* ---------------------------------------------------------------------------------
 * Derived data: spans, I/O lane, counters, flows
 * ------------------------------------------------------------------------------ */

typedef struct
{
  AwlTime         start;
  AwlTime         end;
  AwlThreadState  state;
  AwlBlockReason  reason;
  guint           task;       /* task waited on (blocked) or 0 */
  gint64          object;     /* lock/semaphore id, joined thread, … */
  const char     *method;     /* top frame's method, or NULL */
  int             await_state;
  int             line;
  guint           first_event; /* index of the event that started the span */
} AwlSpan;

typedef enum
{
  AWL_IO_SPAN_TIMER,
  AWL_IO_SPAN_ASYNC_IO,
  AWL_IO_SPAN_SYNC_IO,
} AwlIoSpanKind;

typedef struct
{
  AwlTime         start;
  AwlTime         end;
  AwlIoSpanKind   kind;
  guint           task;       /* the Delay / I/O task, 0 for CTS timers and sync I/O */
  guint           thread;     /* sync I/O: the blocked thread */
  const char     *label;
  gboolean        failed;
} AwlIoSpan;

typedef enum
{
  AWL_COUNTER_POOL_THREADS,   /* live pool threads */
  AWL_COUNTER_POOL_GOAL,      /* the pool's thread goal */
  AWL_COUNTER_GLOBAL_QUEUE,   /* global queue length */
  AWL_COUNTER_LOCAL_QUEUES,   /* sum of local queue lengths */
  AWL_COUNTER_UI_QUEUE,       /* UI message queue length */
  AWL_COUNTER_BUSY_CORES,     /* cores running a thread */
  AWL_COUNTER_READY_THREADS,  /* threads waiting for a core */
  AWL_COUNTER_BLOCKED_THREADS,
  AWL_COUNTER_REQUESTS,       /* requests in flight */
  AWL_COUNTER_N_KINDS
} AwlCounterKind;

typedef struct
{
  AwlTime  time;
  gint64   value;             /* holds from time until the next point */
} AwlCounterPoint;

/* "pool-threads", "global-queue", … */
const char *awl_counter_kind_to_string (AwlCounterKind kind);

typedef struct
{
  guint64             id;
  guint               task;          /* the completed task */
  AwlContinuationHow  how;
  guint               from_thread;   /* completing thread (0 = timer/I/O) */
  AwlTime             scheduled;     /* when the continuation was scheduled */
  guint               to_thread;     /* thread that resumed (0 if never) */
  AwlTime             resumed;       /* AWL_TIME_NONE if never */
  guint               schedule_event;
  guint               resume_event;  /* G_MAXUINT if never */
  const char         *method;        /* resumed method */
  int                 await_state;
} AwlFlow;

/* ---------------------------------------------------------------------------------
 * The state at an event index (rebuilt by snapshots + replay)
 * ------------------------------------------------------------------------------ */

typedef struct
{
  guint        frame_id;
  const char  *method;
  int          line;
  int          await_state;
  guint        task;          /* async method task or 0 */
} AwlStateFrame;

typedef struct
{
  guint           id;
  AwlThreadState  state;
  AwlBlockReason  reason;
  guint           task;       /* task waited on */
  gint64          object;
  GArray         *stack;      /* AwlStateFrame, bottom first */
} AwlStateThread;

typedef struct
{
  AwlQueueKind  kind;
  gint64        owner;        /* thread id / request index; 0 for global/timer/io */
  GArray       *items;        /* guint64 work item ids, oldest first */
  GArray       *tasks;        /* guint task id per item (0 = none), parallel to items */
  GPtrArray    *descriptions; /* const char * per item (owned by the trace) */
} AwlStateQueue;

typedef struct
{
  guint          id;
  AwlTaskStatus  status;
} AwlStateTask;

typedef struct
{
  guint        frame_id;
  const char  *method;
  int          await_state;
  int          line;
  guint        awaited_task;
  guint        task;          /* its own task */
} AwlStateSuspended;

typedef struct
{
  gint64       id;            /* object id */
  gint64       current_count;
  gint64       max_count;     /* G_MAXINT when none was given */
  GArray      *blocked_threads; /* guint thread ids blocked in Wait(), FIFO */
  GArray      *async_waiters; /* guint task ids of pending WaitAsync calls, FIFO */
  int          line;          /* where it was created (0 = unknown) */
} AwlStateSemaphore;

typedef struct
{
  gint64       object;        /* the locked object's id */
  guint        owner;         /* thread id, 0 = free */
  guint        recursion;     /* how many times the owner entered it */
  GArray      *waiting_threads; /* guint thread ids, FIFO */
} AwlStateLock;

typedef struct
{
  gint64       id;            /* object id */
  gboolean     canceled;
  AwlTime      canceled_at;   /* AWL_TIME_NONE until canceled */
  guint        canceled_by;   /* the thread that ran Cancel (for a CancelAfter timer: the
                               * pool thread that ran the timer's callback) */
  gboolean     canceled_by_timer; /* by its CancelAfter timer */
  AwlTime      cancel_after_due; /* pending CancelAfter due time, or AWL_TIME_NONE */
  guint        n_registrations; /* callbacks registered and not yet run */
  guint        n_callbacks_run; /* callbacks run by the cancellation */
  int          line;          /* where it was created (0 = unknown) */
} AwlStateCts;

typedef struct
{
  guint      event_index;     /* the state after this event */
  AwlTime    time;
  GPtrArray *threads;         /* AwlStateThread *, in thread id order (created so far) */
  GPtrArray *queues;          /* AwlStateQueue *, non-empty queues only */
  GArray    *tasks;           /* AwlStateTask, every task created so far, id order */
  GArray    *suspended;       /* AwlStateSuspended: async frames waiting on awaits */
  gint64     pool_goal;
  GArray    *semaphores;      /* AwlStateSemaphore, every semaphore created so far, id order */
  GArray    *locks;           /* AwlStateLock, every object locked so far, id order */
  GArray    *cancellation_sources; /* AwlStateCts, every CTS created so far, id order */
} AwlState;

/* Frees a state from awl_trace_state_at(). */
void        awl_state_free             (AwlState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlState, awl_state_free)

/* ---------------------------------------------------------------------------------
 * The trace
 * ------------------------------------------------------------------------------ */

/* Adds a reference. */
AwlTrace   *awl_trace_ref              (AwlTrace *trace);
/* Drops a reference. */
void        awl_trace_unref            (AwlTrace *trace);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlTrace, awl_trace_unref)

/* The configuration of the run. */
const AwlConfig     *awl_trace_get_config   (AwlTrace *trace);
/* All events in order; *@n_events is set. */
const AwlEvent      *awl_trace_get_events   (AwlTrace *trace,
                                             guint    *n_events);
/* The thread table (index = id - 1). */
const AwlThreadInfo *awl_trace_get_threads  (AwlTrace *trace,
                                             guint    *n_threads);
/* The thread with managed id @id, or NULL. */
const AwlThreadInfo *awl_trace_get_thread   (AwlTrace *trace,
                                             guint     id);
/* The task table (index = id - 1). */
const AwlTaskInfo   *awl_trace_get_tasks    (AwlTrace *trace,
                                             guint    *n_tasks);
/* The task with id @id, or NULL. */
const AwlTaskInfo   *awl_trace_get_task     (AwlTrace *trace,
                                             guint     id);
/* Console output lines in order. */
const AwlOutputLine *awl_trace_get_output   (AwlTrace *trace,
                                             guint    *n_lines);
/* Lints in time order. */
const AwlLint       *awl_trace_get_lints    (AwlTrace *trace,
                                             guint    *n_lints);
/* Web requests (start/end → latency). */
const AwlRequest    *awl_trace_get_requests (AwlTrace *trace,
                                             guint    *n_requests);
/* The outcome. */
const AwlOutcome    *awl_trace_get_outcome  (AwlTrace *trace);
/* Statistics. */
const AwlStats      *awl_trace_get_stats    (AwlTrace *trace);
/* The end time (the outcome's end_time). */
AwlTime              awl_trace_get_end_time (AwlTrace *trace);

/* The state spans of thread @id, in time order, covering its life. */
const AwlSpan       *awl_trace_get_spans    (AwlTrace *trace,
                                             guint     thread_id,
                                             guint    *n_spans);
/* Timer, async I/O and sync I/O spans for the timers/I-O lane. */
const AwlIoSpan     *awl_trace_get_io_spans (AwlTrace *trace,
                                             guint    *n_spans);
/* A counter series as a step function. */
const AwlCounterPoint *awl_trace_get_counter (AwlTrace      *trace,
                                             AwlCounterKind kind,
                                             guint         *n_points);
/* Continuation arrows. */
const AwlFlow       *awl_trace_get_flows    (AwlTrace *trace,
                                             guint    *n_flows);

/* One human sentence for event @index, e.g. "Pool-2 resumes GetDataAsync after awaiting
 * Task 4 (Http.GetAsync) (state 1), inline". Free with g_free. */
char       *awl_trace_describe_event   (AwlTrace *trace,
                                        guint     index);
/* "Task 3 (GetDataAsync)"; free with g_free. */
char       *awl_trace_describe_task    (AwlTrace *trace,
                                        guint     task_id);
/* The index of the first event at or after @time (n_events if none). */
guint       awl_trace_find_event_at    (AwlTrace *trace,
                                        AwlTime   time);
/* The full state after event @index (every thread's stack, every queue, every task,
 * semaphore, lock and CancellationTokenSource).
 * Fast: replays from the nearest snapshot. Free with awl_state_free. */
AwlState   *awl_trace_state_at         (AwlTrace *trace,
                                        guint     index);
/* The same state computed by replaying from the first event (for tests). */
AwlState   *awl_trace_state_at_full_replay (AwlTrace *trace,
                                        guint     index);
/* TRUE when two states are equal in every field. */
gboolean    awl_state_equal            (const AwlState *a,
                                        const AwlState *b);

G_END_DECLS
