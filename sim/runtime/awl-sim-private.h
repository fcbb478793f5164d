/* awl-sim-private.h
 *
 * Internal structures of the runtime model shared by its source files.
 */

#pragma once

#include "awl-runtime.h"
#include "awl-heap.h"

G_BEGIN_DECLS

typedef struct _AwlThread    AwlThread;
typedef struct _AwlTask      AwlTask;
typedef struct _AwlWorkItem  AwlWorkItem;
typedef struct _AwlContext   AwlContext;
typedef struct _AwlCont      AwlCont;
typedef struct _AwlJob       AwlJob;
typedef struct _AwlFrameRt   AwlFrameRt;
typedef struct _AwlTimer     AwlTimer;

/* Hidden frames (the runtime's own wrappers) emit no frame events. */
#define AWL_FRAME_HIDDEN (1 << 8)

typedef enum
{
  ACT_NONE,
  ACT_CONTINUE,
  ACT_CPU,
  ACT_CALL,
  ACT_RETURN,
  ACT_THROW,
  ACT_AWAIT,
  ACT_YIELD,
  ACT_WAIT,
  ACT_SLEEP,
  ACT_SYNC_IO,
  ACT_LOCK,
  ACT_SEM_WAIT,
  ACT_JOIN,
  ACT_YIELD_RETURN,
  ACT_SEND,
  ACT_WAIT_TIMEOUT,
} AwlAction;

typedef enum
{
  ROLE_CALLEE,      /* normal synchronous call */
  ROLE_ASYNC,       /* async method (Task or void) */
  ROLE_ITERATOR,    /* async iterator body */
  ROLE_TASK_BODY,   /* Task.Run / StartNew delegate: completes rt->task */
  ROLE_CALLBACK,    /* CTS callback, posted delegate, QUWI: result ignored */
  ROLE_THREAD,      /* dedicated thread start */
  ROLE_WRAPPER,     /* runtime's own entry wrapper */
  ROLE_CTS_CALLBACK, /* CTS.Cancel callback: exceptions collected in rt->cancel_batch */
} AwlRole;

typedef enum
{
  DELIVER_CALL,     /* the frame below called it: VALUE / EXCEPTION go there */
  DELIVER_NONE,     /* base of a work item or an inline job */
} AwlDelivery;

typedef struct
{
  AwlResume  resume;
  AwlValue   value;
  AwlObject *exception;
} AwlResumeWith;

struct _AwlFrameRt
{
  AwlFrame     *frame;
  AwlFrameRt   *all_prev, *all_next;   /* every live frame, for freeing */
  AwlRole       role;
  AwlDelivery   delivery;
  AwlTask      *task;                  /* async / body / move-next task */
  AwlResumeWith resume;
  GQueue        jobs;                  /* inline work to run before the next step */
  gboolean      has_deferred;
  AwlStep       deferred;
  AwlObject    *pending_exception;
  gboolean      first_run;             /* async: not yet suspended since the call */
  gboolean      ever_awaited;
  gboolean      suspended;
  AwlContext   *captured;              /* async void: context at start */
  gpointer      enumerator;            /* iterator frame: its enumerator */
  AwlTask      *awaiting;              /* suspended on this task */
  gboolean      in_task_run;           /* Task.Run delegate (lint task-run-io) */
  gboolean      lint_io_done;
  guint         request;               /* wrapper of request index + 1 */
  gpointer      cancel_batch;          /* ROLE_CTS_CALLBACK: AwlCancelBatch collecting throws */
};

struct _AwlJob
{
  AwlFrame     *frame;                 /* frame to push */
  AwlResumeWith resume;
  guint64       flow;
  AwlTask      *awaited;
  gboolean      is_resume;             /* resuming a suspended async frame */
  AwlContinuationHow how;
  AwlRole       role;                  /* for non-resume jobs */
};

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
};

struct _AwlContext
{
  AwlContextKind kind;
  guint          id;                   /* request index for ASP.NET */
  AwlThread     *holder;               /* ASP.NET: thread inside */
  GQueue         pending;              /* ASP.NET: items waiting for the context */
  AwlWorkItem   *in_pool;              /* ASP.NET: the item released to the pool */
};

typedef enum
{
  CONT_AWAIT,
  CONT_WAITER,
  CONT_WHEN_ALL,
  CONT_WHEN_ANY,
  CONT_UNWRAP,
  CONT_FUNC,
  CONT_CONTINUE_WITH,   /* ContinueWith: frame = body, target = its task, data = options */
} AwlContKind;

/* CONT_WAITER data: the AwlWaitKind, or'ed with this for Wait(timeout): the waiter
 * resumes with true instead of the result, and a timeout event is pending. */
#define AWL_WAITER_TIMED 0x100
/* …with a finite timeout: an EV_WAIT_TIMEOUT event counted as foreground is pending. */
#define AWL_WAITER_TIMER 0x200
#define AWL_WAITER_KIND(data) ((data) & 0xff)

struct _AwlCont
{
  AwlContKind  kind;
  AwlCont     *next;
  AwlFrame    *frame;
  AwlContext  *context;
  AwlThread   *thread;
  AwlTask     *target;
  void       (*func) (AwlSim *sim, AwlTask *completed, gpointer data);
  gpointer     data;
};

struct _AwlTask
{
  AwlObject      parent;
  AwlTaskKind    kind;
  AwlTaskStatus  status;
  AwlTaskOptions options;
  const char    *name;
  AwlValue       result;
  GPtrArray     *exceptions;           /* faulted: inner exceptions */
  AwlObject     *aggregate;
  AwlCont       *conts, *conts_tail;
  gboolean       observed;
  gboolean       inner_awaited;
  AwlWorkItem   *item;                 /* queued, not started: can be inlined */
  AwlFrame      *frame;                /* async method frame while alive */
  AwlTask      **children;
  guint          n_children;
  guint          remaining;
  int            line;
  AwlTime        fault_time;
  int            fault_line;
  guint          fault_thread;
  gpointer       tcs;
  gboolean       is_tcs;
  gboolean       fired;
  /* The runtime's own token registration for this task (Delay, I/O, WaitAsync with a
   * token): disposed when the task completes, as .NET does. */
  struct _AwlRegistration *cancel_reg;
};

struct _AwlTimer
{
  guint      id;
  AwlTime    due;
  gboolean   cancelled;
  AwlTask   *task;                     /* Delay task */
  AwlObject *cts;                      /* CTS timeout */
  const char *label;
  gboolean   fired;
};

typedef struct
{
  AwlObject  parent;
  const char *type;
  const char *message;
  GPtrArray  *inner;
  int         line;
} AwlException;

typedef struct
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
} AwlSemaphore;

typedef struct
{
  AwlObject   parent;
  AwlObject   token;
  gboolean    canceled;
  gboolean    observed;
  GPtrArray  *callbacks;               /* AwlCallback * */
  AwlTimer   *timer;
  int         cancel_line;
  AwlTime     cancel_time;
  guint       cancel_thread;
} AwlCts;

typedef struct _AwlRegistration
{
  AwlObject   parent;
  AwlCts     *cts;
  AwlFrame   *frame;                   /* user callback, or NULL */
  void      (*func) (AwlSim *sim, gpointer data);
  gpointer    data;
  gboolean    done;
} AwlRegistration;

typedef struct
{
  AwlObject   parent;
  AwlTask    *task;
} AwlTcs;

typedef struct
{
  AwlObject   parent;
  AwlFrame   *frame;
  AwlValue    current;
  AwlTask    *pending;
  gboolean    started;
  gboolean    finished;
  gboolean    disposing;               /* DisposeAsync resumed the frame with the marker */
  AwlTask    *dispose_task;
} AwlEnumerator;

typedef struct
{
  AwlThread  *owner;
  guint       recursion;
  GQueue      waiters;                 /* AwlThread * */
  AwlObject  *object;
} AwlLockState;

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
  AwlResumeWith   wake;                /* resume for the top frame on wake */
  gboolean        exited;
  gboolean        send_waiting;
  guint           managed_id;          /* ManagedThreadId, given at construction */
};

typedef enum
{
  EV_SLICE,
  EV_WAKE,
  EV_TIMER,
  EV_IO,
  EV_GATE,
  EV_INJECT,
  EV_RETIRE,
  EV_REQUEST,
  EV_HILL,
  EV_WAIT_TIMEOUT,  /* a timed task wait expires (stale once the thread woke) */
} AwlEvKind;

typedef struct
{
  guint       id;
  AwlTask    *task;
  AwlValue    result;
  AwlObject  *fail;
  const char *label;
  gboolean    cancelled;
  gboolean    done;
} AwlIo;

typedef struct
{
  guint    kind_line;                  /* lint kind << 24 | line, dedup */
} AwlLintKey;

struct _AwlSim
{
  AwlConfig      config;
  AwlEntryFunc   entry;
  gpointer       entry_data;
  GDestroyNotify entry_destroy;
  AwlTrace      *trace;
  GRand         *rand;

  AwlTime        now;
  AwlHeap        heap;
  guint          n_foreground;
  guint64        n_steps;
  gboolean       finished;
  gboolean       ran;
  GCancellable  *cancellable;

  GPtrArray     *threads;              /* AwlThread *, index = id - 1 */
  GPtrArray     *objects;              /* every other AwlObject, for freeing */
  guint          ids[AWL_OBJECT_FOREIGN + 1];
  AwlFrameRt    *frames;               /* every live frame */
  guint          next_frame_id;
  guint64        next_item_id;
  guint64        next_flow_id;
  guint          next_timer_id;
  guint          next_io_id;

  /* machine */
  guint          busy_cores;
  AwlThread    **core_owner;           /* cores entries */
  GQueue         ready;                /* AwlThread * waiting for a core */
  GQueue         runnable;             /* threads holding a core with work now */
  AwlThread     *current;              /* thread executing */
  AwlFrame      *stepping;

  /* pool */
  GQueue         global;
  GQueue         idle;                 /* idle workers, most recent at the tail */
  guint          pool_count;
  guint          pool_peak;
  guint          min_threads;
  guint          goal;
  guint          blocked_in_waits;
  guint          added_for_blocking;
  gboolean       gate_pending;
  gboolean       inject_pending;
  AwlTime        last_dequeue;
  guint          pending_items;        /* items in global + local queues */
  guint          starvation_injections;
  AwlTime        worst_wait;
  guint          next_managed_id;
  /* hill climbing (on_hill) */
  gboolean       hill_pending;
  guint64        pool_done;            /* work items a pool thread finished */
  guint64        hill_last_done;
  AwlTime        hill_last_time;
  double         hill_last_rate;       /* completions per second in the last window; < 0 = none */
  int            hill_last_move;       /* +1, -1, 0 */
  guint          hill_changes;
  guint          pool_names;
  guint          dedicated_names;
  guint64        completions;

  /* contexts */
  AwlThread     *main_thread;
  AwlThread     *ui_thread;
  AwlContext    *ui_context;
  GQueue         ui_queue;
  GPtrArray     *contexts;

  /* environment */
  guint          n_requests;
  guint          requests_done;
  guint          requests_started;
  gboolean       entry_done;
  GArray        *request_start;        /* AwlTime per request */

  GHashTable    *locks;                /* AwlObject * → AwlLockState * */
  GPtrArray     *semaphores;
  GPtrArray     *ctses;
  GPtrArray     *tcses;
  GPtrArray     *timers;               /* AwlTimer *, for freeing */
  GPtrArray     *ios;                  /* AwlIo *, for freeing */
  guint          pending_timers;
  guint          pending_io;
  GHashTable    *lint_seen;

  GPtrArray     *faulted;              /* AwlTask * that faulted */
  GPtrArray     *iterators;
  /* outcome */
  AwlOutcomeKind outcome;
  AwlLimit       limit;     /* which budget, when outcome is LIMIT */
  const char    *summary;
  AwlObject     *crash;
  guint          crash_thread;
  int            crash_line;
};

/* awl-sim.c */
void         awl_sim_emit            (AwlSim *sim, AwlEventKind kind, guint sub, AwlThread *thread,
                                      guint task, gint64 a, gint64 b, gint32 c, const char *text);
void         awl_sim_emit_task_status (AwlSim *sim, AwlTask *task);
void         awl_sim_lint            (AwlSim *sim, AwlLintKind kind, int line, guint thread,
                                      const char *message);
void         awl_sim_finish          (AwlSim *sim, AwlOutcomeKind kind, const char *summary);
/* Ends the run with outcome LIMIT because @limit ran out; @summary is "limit: …". */
void         awl_sim_finish_limit    (AwlSim *sim, AwlLimit limit, const char *summary);
void         awl_sim_track_object    (AwlSim *sim, gpointer object);
gpointer     awl_sim_alloc_object    (AwlSim *sim, AwlObjectType type, gsize size);
AwlFrameRt  *awl_frame_rt            (AwlSim *sim, AwlFrame *frame);
void         awl_sim_free_frame      (AwlSim *sim, AwlFrame *frame);
void         awl_sim_queue_item      (AwlSim *sim, AwlWorkItem *item, gboolean prefer_local);
AwlWorkItem *awl_work_item_new       (AwlSim *sim, AwlItemKind kind, const char *description);
void         awl_sim_post            (AwlSim *sim, AwlContext *context, AwlWorkItem *item);
AwlContext  *awl_sim_current_context (AwlSim *sim, AwlThread *thread);
void         awl_sim_push_job        (AwlSim *sim, AwlThread *thread, AwlJob *job);
void         awl_sim_unblock         (AwlSim *sim, AwlThread *thread, AwlResumeWith with);
void         awl_sim_schedule        (AwlSim *sim, AwlTime at, AwlEvKind kind, guint32 gen,
                                      gpointer data, gboolean foreground);
int          awl_sim_current_line    (AwlSim *sim);
guint        awl_sim_thread_id       (AwlThread *thread);
void         awl_sim_crash           (AwlSim *sim, AwlObject *exception, AwlThread *thread);
void         awl_sim_pool_thread_blocked   (AwlSim *sim, AwlThread *thread);
void         awl_sim_pool_thread_unblocked (AwlSim *sim, AwlThread *thread);
AwlResumeWith awl_sim_waiter_resume      (AwlSim *sim, AwlTask *task, int waiter_data);
void         awl_sim_start_dedicated (AwlSim *sim, AwlFrame *frame, AwlTask *task);
void         awl_sim_run_inline      (AwlSim *sim, AwlFrame *frame, AwlRole role);
gboolean     awl_sim_semaphore_wait_sync (AwlSim *sim, AwlThread *t, AwlSemaphore *sem);
gboolean     awl_sim_do_call         (AwlSim *sim, AwlThread *t, AwlFrame *f, AwlFrame *callee);
gboolean     awl_sim_do_yield_return (AwlSim *sim, AwlThread *t, AwlFrame *f, AwlValue value);
void         awl_sim_block_semaphore (AwlSim *sim, AwlThread *t, AwlSemaphore *sem);
void         awl_sim_pop_suspended   (AwlSim *sim, AwlThread *t, AwlFrame *f);

/* awl-task.c */
AwlTask     *awl_task_new            (AwlSim *sim, AwlTaskKind kind, const char *name);
void         awl_task_complete       (AwlSim *sim, AwlTask *task, AwlTaskStatus status,
                                      AwlValue result, AwlObject *exception);
void         awl_task_add_cont       (AwlSim *sim, AwlTask *task, AwlCont *cont);
AwlResumeWith awl_task_resume_with   (AwlSim *sim, AwlTask *task, AwlWaitKind kind);
void         awl_task_free_internal  (AwlTask *task);
void         awl_sim_fire_timer      (AwlSim *sim, AwlTimer *timer);
void         awl_sim_finish_io       (AwlSim *sim, AwlIo *io);
AwlObject   *awl_sim_canceled_exception (AwlSim *sim);
gboolean     awl_exception_is_cancellation (AwlObject *exception);
void         awl_sim_end_lints       (AwlSim *sim);
const char  *awl_sim_task_label      (AwlSim *sim, AwlTask *task);
void         awl_enumerator_yielded  (AwlSim *sim, AwlEnumerator *e, AwlValue value);
void         awl_enumerator_finished (AwlSim *sim, AwlEnumerator *e, AwlFrameRt *rt,
                                      AwlObject *exception, AwlValue value);
void         awl_sim_free_objects    (AwlSim *sim);
AwlObject   *awl_sim_dispose_marker  (AwlSim *sim);
gboolean     awl_cancel_batch_add    (AwlSim *sim, gpointer batch, AwlObject *exception);

/* awl-deadlock.c */
void         awl_sim_report_deadlock (AwlSim *sim);

/* awl-trace.c */
AwlTrace    *awl_trace_new_internal  (const AwlConfig *config);
const char  *awl_trace_intern        (AwlTrace *trace, const char *str);
const char  *awl_trace_insert        (AwlTrace *trace, const char *str);
GArray      *awl_trace_events_array  (AwlTrace *trace);
void         awl_trace_add_thread    (AwlTrace *trace, guint id, AwlThreadKind kind,
                                      const char *name, AwlTime created);
void         awl_trace_thread_exited (AwlTrace *trace, guint id, AwlTime time);
void         awl_trace_add_task      (AwlTrace *trace, guint id, AwlTaskKind kind,
                                      const char *name, AwlTime created, int line);
void         awl_trace_task_status   (AwlTrace *trace, guint id, AwlTaskStatus status,
                                      AwlTime time);
void         awl_trace_set_task_name (AwlTrace *trace, guint id, const char *name);
void         awl_trace_add_lint      (AwlTrace *trace, const AwlLint *lint);
void         awl_trace_set_outcome   (AwlTrace *trace, const AwlOutcome *outcome,
                                      const char * const *chain, guint n_chain);
void         awl_trace_set_stats     (AwlTrace *trace, const AwlStats *stats);
void         awl_trace_set_deadlock_participants (AwlTrace *trace, const guint *threads,
                                      guint n_threads, const guint *tasks, guint n_tasks,
                                      int cycle_start);
void         awl_trace_freeze        (AwlTrace *trace);

G_END_DECLS
