/* awl-sim-private.h
 *
 * The simulator's shared state (AwlSim) and the run loop's own services: the event
 * queue and the count of foreground events that keeps a run alive, trace emission,
 * lints, object tracking. Each subsystem has its own private header for its types and
 * functions (awl-thread-private.h, awl-pool-private.h, awl-context-private.h,
 * awl-frame-private.h, awl-task-private.h, awl-cancel-private.h, awl-timer-private.h,
 * awl-sync-private.h, awl-deadlock-private.h).
 */

#pragma once

#include "awl-runtime.h"
#include "awl-heap.h"
#include "awl-trace-private.h"

G_BEGIN_DECLS

typedef struct _AwlThread       AwlThread;
typedef struct _AwlTask         AwlTask;
typedef struct _AwlWorkItem     AwlWorkItem;
typedef struct _AwlContext      AwlContext;
typedef struct _AwlCont         AwlCont;
typedef struct _AwlJob          AwlJob;
typedef struct _AwlFrameRt      AwlFrameRt;
typedef struct _AwlTimer        AwlTimer;
typedef struct _AwlIo           AwlIo;
typedef struct _AwlException    AwlException;
typedef struct _AwlSemaphore    AwlSemaphore;
typedef struct _AwlCts          AwlCts;
typedef struct _AwlRegistration AwlRegistration;
typedef struct _AwlTcs          AwlTcs;
typedef struct _AwlEnumerator   AwlEnumerator;
typedef struct _AwlLockState    AwlLockState;

/* The kinds of events in the heap. */
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

/* The whole state of one run. Each group of fields belongs to the subsystem named in
 * its comment; only that subsystem's file changes them. */
struct _AwlSim
{
  /* run loop (awl-sim.c) */
  AwlConfig      config;
  AwlEntryFunc   entry;
  gpointer       entry_data;
  GDestroyNotify entry_destroy;
  AwlTrace      *trace;
  GRand         *rand;

  AwlTime        now;
  AwlHeap        heap;
  guint          n_foreground;         /* changed only in awl-sim.c (see awl_sim_schedule) */
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

  /* cores and threads (awl-thread.c, awl-executor.c) */
  guint          busy_cores;
  AwlThread    **core_owner;           /* cores entries */
  GQueue         ready;                /* AwlThread * waiting for a core */
  GQueue         runnable;             /* threads holding a core with work now */
  AwlThread     *current;              /* thread executing */
  AwlFrame      *stepping;

  /* thread pool (awl-pool.c) */
  GQueue         global;
  GQueue         high;                 /* net8: high-priority queue (expired timers), before global */
  GQueue         idle;                 /* idle workers, most recent at the tail */
  guint          pool_count;
  guint          pool_peak;
  guint          min_threads;
  guint          goal;
  guint          blocked_in_waits;
  guint          added_for_blocking;
  gboolean       gate_pending;
  gboolean       gate_running;         /* net8: .NET's gate thread runs (its ticks count from gate_anchor) */
  AwlTime        gate_anchor;
  AwlTime        gate_stops;           /* net8: its second tick in a row without queued work */
  gboolean       inject_pending;
  AwlTime        last_dequeue;
  guint          pending_items;        /* items in global + local queues */
  guint          starvation_injections;
  AwlTime        worst_wait;
  guint          next_managed_id;
  /* hill climbing (awl_pool_on_hill) */
  gboolean       hill_pending;
  guint64        pool_done;            /* work items a pool thread finished */
  guint64        hill_last_done;
  AwlTime        hill_last_time;
  double         hill_last_rate;       /* completions per second in the last window; < 0 = none */
  int            hill_last_move;       /* +1, -1, 0 */
  guint          hill_changes;
  guint          hill_blocked_samples; /* consecutive samples with a backlog and blocked threads */
  guint          hill_blocked_probes;  /* threads added by hill climbing under blocking */
  guint          pool_names;
  guint          dedicated_names;
  guint64        completions;

  /* contexts (awl-context.c) */
  AwlThread     *main_thread;
  AwlThread     *ui_thread;
  AwlContext    *ui_context;
  GQueue         ui_queue;
  GPtrArray     *contexts;

  /* environment (awl-context.c) */
  guint          n_requests;
  guint          requests_done;
  guint          requests_started;
  gboolean       entry_done;
  GArray        *request_start;        /* AwlTime per request */

  /* objects: locks and semaphores (awl-lock.c, awl-semaphore.c), cancellation (awl-cancel.c),
   * TaskCompletionSource (awl-task.c), timers and I/O (awl-timer.c), lints (awl-lint.c) */
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
  /* outcome (awl-sim.c) */
  AwlOutcomeKind outcome;
  AwlLimit       limit;     /* which budget, when outcome is LIMIT */
  const char    *summary;
  AwlObject     *crash;
  guint          crash_thread;
  int            crash_line;
};

/* awl-sim.c */
guint awl_sim_thread_id (AwlThread *thread);
int awl_sim_current_line (AwlSim *sim);
void awl_sim_emit (AwlSim *sim, AwlEventKind kind, guint sub, AwlThread *thread, guint task,
                   gint64 a, gint64 b, gint32 c, const char *text);
void awl_sim_finish (AwlSim *sim, AwlOutcomeKind kind, const char *summary);
/* Ends the run with outcome LIMIT because @limit ran out; @summary is "limit: …". */
void awl_sim_finish_limit (AwlSim *sim, AwlLimit limit, const char *summary);
void awl_sim_release_foreground (AwlSim *sim);
void awl_sim_schedule (AwlSim *sim, AwlTime at, AwlEvKind kind, guint32 gen, gpointer data,
                       gboolean foreground);
void awl_sim_track_object (AwlSim *sim, gpointer object);
gpointer awl_sim_alloc_object (AwlSim *sim, AwlObjectType type, gsize size);
void awl_sim_free_objects (AwlSim *sim);

/* awl-lint.c */
void awl_sim_lint (AwlSim *sim, AwlLintKind kind, int line, guint thread, const char *message);
void awl_sim_end_lints (AwlSim *sim);

G_END_DECLS
