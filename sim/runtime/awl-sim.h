/* awl-sim.h
 *
 * The simulated .NET runtime: configuration, the frame/step contract between the
 * runtime and the code it runs, and the instant runtime APIs that code calls.
 *
 * How code runs: each thread has a stack of AwlFrames. The runtime calls the frame's
 * class `step` function with an AwlStep telling what the frame resumes with (START,
 * a VALUE or an EXCEPTION) and the frame answers with exactly one action by calling
 * one awl_step_*() function. Before answering it sets `frame->line` (and, in async
 * frames, `frame->state` before an await) so the trace can show where it is.
 *
 * Instant APIs (awl_sim_*) act at the current virtual time on the current thread. Some
 * of them may run code inline on this thread (TaskCompletionSource.SetResult running an
 * await continuation, CancellationTokenSource.Cancel running callbacks, MoveNextAsync
 * running the iterator): the runtime runs that code after `step` returns and before it
 * performs the action `step` answered with. A frame should therefore end its step right
 * after such a call (answering awl_step_continue() is always right) so that what it
 * does next is ordered after the inline code.
 */

#pragma once

#include <gio/gio.h>

#include "awl-value.h"

G_BEGIN_DECLS

typedef struct _AwlTrace      AwlTrace;
typedef struct _AwlFrame      AwlFrame;
typedef struct _AwlFrameClass AwlFrameClass;
typedef struct _AwlStep       AwlStep;

/* ---------------------------------------------------------------------------------
 * Configuration
 * ------------------------------------------------------------------------------ */

typedef enum
{
  AWL_ENV_CONSOLE,          /* Main thread, no SynchronizationContext */
  AWL_ENV_UI,               /* WinForms/WPF: UI thread with a message loop */
  AWL_ENV_ASPNET_CLASSIC,   /* AspNetSynchronizationContext per request */
  AWL_ENV_ASPNETCORE,       /* requests on pool threads, no context */
} AwlEnvironment;

typedef enum
{
  AWL_PROFILE_NET8,         /* .NET 6+: blocking compensation */
  AWL_PROFILE_NETFX,        /* .NET Framework / Mono: no blocking compensation */
} AwlProfile;

typedef struct _AwlConfig
{
  AwlEnvironment environment;
  guint          cores;            /* default 4 */
  guint          min_threads;      /* 0 = cores */
  guint          max_threads;      /* default 32767 */
  AwlProfile     profile;          /* default net8 */
  AwlTime        timer_resolution; /* default 1 ms */
  guint32        seed;             /* default 1 */
  AwlTime        quantum;          /* time slice, default 10 ms */
  double         load_rps;         /* web: requests per second; 0 = one request at t=0 */
  AwlTime        load_duration;    /* web: how long requests keep arriving */
  /* Limits: past any of them the run ends with outcome LIMIT and a reason. */
  guint64        limit_events;     /* default 4,000,000 */
  AwlTime        limit_time;       /* default 600 s of virtual time */
  guint          limit_threads;    /* default 2,000 threads created in total */
  guint          limit_tasks;      /* default 1,000,000 tasks */
  guint          limit_call_depth; /* default 10,000 nested calls on one thread */
} AwlConfig;

/* Fills @config with the defaults listed above. */
void        awl_config_init            (AwlConfig      *config);
/* "console", "ui", "aspnet-classic", "aspnetcore". */
const char *awl_environment_to_string  (AwlEnvironment  env);
/* Parses an environment name; FALSE if unknown. */
gboolean    awl_environment_from_string (const char     *str,
                                         AwlEnvironment *env);
/* "net8", "netfx". */
const char *awl_profile_to_string      (AwlProfile      profile);
/* Parses a profile name ("net8", "netfx"; "net6", "net7", "net9", "net10" and "dotnet" are
 * accepted as net8, "mono" as netfx); FALSE if unknown. */
gboolean    awl_profile_from_string    (const char     *str,
                                        AwlProfile     *profile);

/* ---------------------------------------------------------------------------------
 * Frames
 * ------------------------------------------------------------------------------ */

typedef enum
{
  AWL_FRAME_ASYNC          = 1 << 0, /* async Task / Task<T> / ValueTask<T> method */
  AWL_FRAME_ASYNC_VOID     = 1 << 1, /* async void (also set ASYNC) */
  AWL_FRAME_ASYNC_ITERATOR = 1 << 2, /* async IAsyncEnumerable<T> method */
  AWL_FRAME_LAMBDA         = 1 << 3, /* a lambda body (display only) */
  /* A delegate that is not async but returns a Task (`() => GetAsync()`): C# binds it to
   * Task.Run's Func<Task> / Func<Task<T>> overload, which unwraps. */
  AWL_FRAME_RETURNS_TASK   = 1 << 4,
  /* The method's body contains an await, even if a run returns before reaching it (a
   * cached fast path): such a method is not "async without await". */
  AWL_FRAME_HAS_AWAIT      = 1 << 5,
} AwlFrameFlags;

struct _AwlFrameClass
{
  const char    *name;   /* default method display name */
  AwlFrameFlags  flags;  /* default flags */
  /* Answers exactly one action (see AwlStep). */
  void (*step) (AwlFrame *frame,
                AwlStep  *step);
  /* Frees the frame. The runtime owns every frame handed to it and calls this when
   * the frame returned, threw, or was abandoned at the end of the run. May be NULL. */
  void (*free) (AwlFrame *frame);
};

struct _AwlFrame
{
  const AwlFrameClass *klass;
  const char          *name;   /* method display name, e.g. "GetDataAsync" */
  AwlFrameFlags        flags;
  int                  line;   /* current 1-based source line, 0 = unknown */
  int                  state;  /* async: await state number, -1 = not yet suspended */
  /*< private >*/
  guint                id;
  AwlFrame            *below;
  gpointer             rt;
};

/* Initialises the public part of a frame from its class (name, flags, line 0, state -1).
 * Call it on every frame before handing it to the runtime; override name/flags after. */
void awl_frame_init (AwlFrame            *frame,
                     const AwlFrameClass *klass);

/* ---------------------------------------------------------------------------------
 * Steps: what a frame resumes with and the action it answers
 * ------------------------------------------------------------------------------ */

typedef enum
{
  AWL_RESUME_START,      /* first call of step */
  AWL_RESUME_VALUE,      /* result of the call/await/wait/action asked for (null if none) */
  AWL_RESUME_EXCEPTION,  /* an exception thrown into the frame at that point */
} AwlResume;

typedef enum
{
  AWL_WAIT_RESULT,       /* task.Result: AggregateException on fault */
  AWL_WAIT_WAIT,         /* task.Wait(): AggregateException on fault */
  AWL_WAIT_GET_RESULT,   /* task.GetAwaiter().GetResult(): the original exception */
} AwlWaitKind;

struct _AwlStep
{
  AwlSim    *sim;
  AwlResume  resume;
  AwlValue   value;      /* when resume == VALUE */
  AwlObject *exception;  /* when resume == EXCEPTION */
  /*< private >*/
  int        action;
  gint64     ns;
  AwlObject *object;
  AwlFrame  *callee;
  AwlValue   ret;
  int        flag;
  const char *label;
};

/* I did instant work; call me again (after running whatever instant APIs pushed). */
void awl_step_continue       (AwlStep   *s);
/* Burn @ns of CPU: needs a core, shared fairly in time slices. */
void awl_step_cpu            (AwlStep   *s,
                              AwlTime    ns);
/* Synchronous call of @callee (ownership passes to the runtime). An ASYNC callee yields
 * its Task as VALUE when it first suspends or completes; ASYNC_VOID yields null; an
 * ASYNC_ITERATOR callee runs nothing and yields its enumerator object. A normal callee's
 * return value / exception comes back as VALUE / EXCEPTION. */
void awl_step_call           (AwlStep   *s,
                              AwlFrame  *callee);
/* Return @value from this frame (async: completes its task). */
void awl_step_return         (AwlStep   *s,
                              AwlValue   value);
/* Throw @exception out of this frame. */
void awl_step_throw          (AwlStep   *s,
                              AwlObject *exception);
/* `await task` (ASYNC frames only). @continue_on_captured_context = FALSE is
 * ConfigureAwait(false). Resumes with the result or the first inner exception. */
void awl_step_await          (AwlStep   *s,
                              AwlObject *task,
                              gboolean   continue_on_captured_context);
/* `await Task.Yield()`: posts to the captured context or queues to the pool. */
void awl_step_await_yield    (AwlStep   *s);
/* Blocking wait: .Result / .Wait() / .GetAwaiter().GetResult(). Resumes with the result
 * (null for Wait) or the exception (AggregateException except for GET_RESULT). */
void awl_step_wait           (AwlStep   *s,
                              AwlObject *task,
                              AwlWaitKind kind);
/* Blocking wait with a timeout: task.Wait(ms) (@kind WAIT), Task.WaitAll(tasks, ms) on
 * the WhenAll task. @timeout < 0 is infinite (then like awl_step_wait, inlining
 * included). Never inlines otherwise, as .NET. Resumes with VALUE true when the task
 * completed in time (or the exception of a faulted/canceled task, as awl_step_wait) or
 * VALUE false at exactly now + @timeout, when the waiter leaves the task. */
void awl_step_wait_timeout   (AwlStep   *s,
                              AwlObject *task,
                              AwlWaitKind kind,
                              AwlTime    timeout);
/* Thread.Sleep(ns): blocks the thread (0 = just continue). */
void awl_step_sleep          (AwlStep   *s,
                              AwlTime    ns);
/* Synchronous I/O taking @ns that blocks the thread; throws @fail (if non-NULL) at the
 * end instead of returning null. */
void awl_step_sync_io        (AwlStep   *s,
                              const char *label,
                              AwlTime    ns,
                              AwlObject *fail);
/* Monitor.Enter(obj) / the start of lock (obj) { }: blocks while another thread holds it. */
void awl_step_lock_enter     (AwlStep   *s,
                              AwlObject *obj);
/* SemaphoreSlim.Wait(): blocks while the count is 0. */
void awl_step_semaphore_wait (AwlStep   *s,
                              AwlObject *semaphore);
/* Thread.Join(): blocks until the thread exits. */
void awl_step_join           (AwlStep   *s,
                              AwlObject *thread);
/* `yield return value` in an ASYNC_ITERATOR frame: completes the pending MoveNextAsync
 * with true. The frame resumes with VALUE null at the next MoveNextAsync. `yield break`
 * is awl_step_return(). */
void awl_step_yield_return   (AwlStep   *s,
                              AwlValue   value);
/* SynchronizationContext.Send: runs @callee synchronously on the context's thread (on the
 * UI thread; inline when already there or when there is no context). */
void awl_step_context_send   (AwlStep   *s,
                              AwlFrame  *callee);

/* ---------------------------------------------------------------------------------
 * The simulation
 * ------------------------------------------------------------------------------ */

/* Creates the frame a run starts with: console — Main; ui — the first UI message
 * (e.g. Button_Click); web — each request (request_index 0, 1, …). Returns NULL to
 * refuse (the run then ends as crashed with the reason). */
typedef AwlFrame *(*AwlEntryFunc) (AwlSim   *sim,
                                   guint     request_index,
                                   gpointer  user_data);

typedef enum
{
  AWL_OUTCOME_COMPLETED,
  AWL_OUTCOME_DEADLOCK,
  AWL_OUTCOME_CRASHED,
  AWL_OUTCOME_LIMIT,
} AwlOutcomeKind;

/* Which budget ended a run whose outcome is LIMIT. Every budget has a default that
 * a classroom scenario never reaches (docs/scenario-language.md lists them). */
typedef enum
{
  AWL_LIMIT_NONE,          /* the outcome is not LIMIT */
  AWL_LIMIT_EVENTS,        /* limit-events: events and scheduler steps */
  AWL_LIMIT_TIME,          /* limit-time: virtual time */
  AWL_LIMIT_THREADS,       /* limit-threads */
  AWL_LIMIT_TASKS,         /* limit-tasks */
  AWL_LIMIT_INSTRUCTIONS,  /* interpreter instructions, built-ins charged by their work */
  AWL_LIMIT_CALL_DEPTH,    /* nested calls on one thread (.NET: StackOverflowException) */
  AWL_LIMIT_MEMORY,        /* bytes of live strings, arrays and collections */
  AWL_LIMIT_OUTPUT,        /* console output lines and bytes */
  AWL_LIMIT_CANCELLED,     /* the caller cancelled the run */
} AwlLimit;

/* "events", "time", "threads", "tasks", "instructions", "call-depth", "memory",
 * "output", "cancelled"; NULL for AWL_LIMIT_NONE. */
const char *awl_limit_to_string (AwlLimit limit);

/* A new simulation with a copy of @config (NULL = defaults). */
AwlSim     *awl_sim_new                 (const AwlConfig *config,
                                         AwlEntryFunc     entry,
                                         gpointer         user_data,
                                         GDestroyNotify   user_data_destroy);
/* Frees the sim, every object and every frame it still owns. Its trace lives on. */
void        awl_sim_free                (AwlSim          *sim);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwlSim, awl_sim_free)

/* Runs to the end (completed, deadlock, crash or limit) and returns the outcome kind.
 * Cancelling @cancellable ends the run as LIMIT "cancelled". Call once. */
AwlOutcomeKind awl_sim_run              (AwlSim          *sim,
                                         GCancellable    *cancellable);
/* The trace of a finished run (a new reference), or NULL before awl_sim_run(). */
AwlTrace   *awl_sim_get_trace           (AwlSim          *sim);
/* The configuration in use. */
const AwlConfig *awl_sim_get_config     (AwlSim          *sim);

/* Interns @str in the sim's string store (kept by its trace). */
const char *awl_sim_intern              (AwlSim          *sim,
                                         const char      *str);
/* Interns a printf-formatted string. */
const char *awl_sim_intern_printf       (AwlSim          *sim,
                                         const char      *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* The current virtual time. */
AwlTime     awl_sim_now                 (AwlSim          *sim);
/* The sim's seeded random generator (deterministic for a given config seed). */
GRand      *awl_sim_get_rand            (AwlSim          *sim);
/* The frame currently stepping (NULL outside step). */
AwlFrame   *awl_sim_current_frame       (AwlSim          *sim);
/* The ExecutionContext @frame runs in: an immutable object the caller defines (NULL =
 * the default context), and whether SuppressFlow() is in effect. The runtime flows it
 * as .NET does (see awl-execution-context.c); set it to change it for @frame. */
AwlObject  *awl_sim_frame_get_execution_context (AwlSim    *sim,
                                                 AwlFrame  *frame,
                                                 gboolean  *flow_suppressed);
void        awl_sim_frame_set_execution_context (AwlSim    *sim,
                                                 AwlFrame  *frame,
                                                 AwlObject *ec,
                                                 gboolean   flow_suppressed);

/* ---------------------------------------------------------------------------------
 * Objects
 * ------------------------------------------------------------------------------ */

/* new object(): a plain object, e.g. for lock (). */
AwlObject  *awl_sim_object_new          (AwlSim          *sim);
/* A foreign object of @klass with @size bytes (>= sizeof (AwlForeign)), zeroed. */
gpointer    awl_sim_foreign_new         (AwlSim          *sim,
                                         const AwlForeignClass *klass,
                                         gsize            size);
/* new @type_name(message). */
AwlObject  *awl_sim_exception_new       (AwlSim          *sim,
                                         const char      *type_name,
                                         const char      *message);
/* An exception with an InnerException. */
AwlObject  *awl_sim_exception_new_with_inner (AwlSim     *sim,
                                         const char      *type_name,
                                         const char      *message,
                                         AwlObject       *inner);
/* new AggregateException(inner…) with .NET's message. */
AwlObject  *awl_sim_aggregate_exception_new (AwlSim      *sim,
                                         AwlObject      **inner,
                                         guint            n_inner);
/* Records where @exception is thrown (for messages and crash reports). */
void        awl_sim_exception_set_line  (AwlSim          *sim,
                                         AwlObject       *exception,
                                         int              line);

/* ---------------------------------------------------------------------------------
 * Tasks
 * ------------------------------------------------------------------------------ */

typedef enum
{
  AWL_TASK_CREATED,
  AWL_TASK_WAITING_FOR_ACTIVATION,
  AWL_TASK_WAITING_TO_RUN,
  AWL_TASK_RUNNING,
  AWL_TASK_WAITING_FOR_CHILDREN, /* never used; kept so numbers match TaskStatus */
  AWL_TASK_RAN_TO_COMPLETION,
  AWL_TASK_CANCELED,
  AWL_TASK_FAULTED,
} AwlTaskStatus;

typedef enum
{
  AWL_TASK_KIND_ASYNC_METHOD,   /* the Task of an async method */
  AWL_TASK_KIND_RUN,            /* Task.Run / StartNew delegate */
  AWL_TASK_KIND_LONG_RUNNING,   /* StartNew(LongRunning): own thread */
  AWL_TASK_KIND_UNWRAP,         /* proxy for Task.Run(async …) */
  AWL_TASK_KIND_PROMISE,        /* TaskCompletionSource */
  AWL_TASK_KIND_DELAY,          /* Task.Delay */
  AWL_TASK_KIND_IO,             /* asynchronous I/O */
  AWL_TASK_KIND_WHEN_ALL,
  AWL_TASK_KIND_WHEN_ANY,
  AWL_TASK_KIND_FROM_RESULT,    /* FromResult / CompletedTask / FromException / FromCanceled */
  AWL_TASK_KIND_SEMAPHORE_WAIT, /* SemaphoreSlim.WaitAsync */
  AWL_TASK_KIND_MOVE_NEXT,      /* IAsyncEnumerator.MoveNextAsync */
} AwlTaskKind;

typedef enum
{
  AWL_TASK_OPTION_NONE                = 0,
  AWL_TASK_OPTION_PREFER_FAIRNESS     = 1 << 0,
  AWL_TASK_OPTION_LONG_RUNNING        = 1 << 1,
  AWL_TASK_OPTION_RUN_CONT_ASYNC      = 1 << 2, /* RunContinuationsAsynchronously */
  AWL_TASK_OPTION_EXECUTE_SYNCHRONOUSLY = 1 << 3, /* TaskContinuationOptions (ContinueWith) */
  /* ContinueWith: the continuation is skipped (its task ends Canceled) when the
   * antecedent ended this way. OnlyOnFaulted = NOT_ON_RAN_TO_COMPLETION | NOT_ON_CANCELED, … */
  AWL_TASK_OPTION_NOT_ON_RAN_TO_COMPLETION = 1 << 4,
  AWL_TASK_OPTION_NOT_ON_FAULTED           = 1 << 5,
  AWL_TASK_OPTION_NOT_ON_CANCELED          = 1 << 6,
} AwlTaskOptions;

/* Task.Run(frame): queued to the pool (local queue when called on a pool thread). An
 * ASYNC frame gives the unwrapped proxy task, like Task.Run(async () => …). There is
 * no CancellationToken parameter: a (non-async) delegate that throws
 * OperationCanceledException ends Faulted, as in .NET without the matching token. */
AwlObject  *awl_sim_task_run_with_token (AwlSim          *sim,
                                         AwlFrame        *frame,
                                         AwlObject       *token);
AwlObject  *awl_sim_task_run            (AwlSim          *sim,
                                         AwlFrame        *frame);
/* Task.Factory.StartNew(frame, options): LONG_RUNNING runs on a new dedicated thread,
 * PREFER_FAIRNESS queues globally. With an ASYNC frame the result is Task<Task>: it
 * completes when the delegate returns its task (at its first suspension). */
AwlObject  *awl_sim_start_new           (AwlSim          *sim,
                                         AwlFrame        *frame,
                                         AwlTaskOptions   options);
/* ThreadPool.QueueUserWorkItem(frame): always the global queue; no task. */
void        awl_sim_queue_user_work_item (AwlSim         *sim,
                                         AwlFrame        *frame);
/* Task.Delay(ns[, token]): a timer task (resolution from the config); canceled via the
 * token ends Canceled. @token may be NULL. */
AwlObject  *awl_sim_delay               (AwlSim          *sim,
                                         AwlTime          ns,
                                         AwlObject       *token);
/* Asynchronous I/O named @label taking @ns, holding no thread; completes through the
 * pool with @result, or faults with @fail if non-NULL; canceled by @token (may be NULL). */
AwlObject  *awl_sim_io_async            (AwlSim          *sim,
                                         const char      *label,
                                         AwlTime          ns,
                                         AwlValue         result,
                                         AwlObject       *fail,
                                         AwlObject       *token);
/* Task.FromResult(value). */
AwlObject  *awl_sim_task_from_result    (AwlSim          *sim,
                                         AwlValue         value);
/* Task.CompletedTask. */
AwlObject  *awl_sim_completed_task      (AwlSim          *sim);
/* Task.FromException(exception). */
AwlObject  *awl_sim_task_from_exception (AwlSim          *sim,
                                         AwlObject       *exception);
/* Task.FromCanceled(): an already canceled task. */
AwlObject  *awl_sim_task_from_canceled  (AwlSim          *sim);
/* antecedent.ContinueWith(frame) with the default TaskScheduler: returns the
 * continuation task at once (WaitingForActivation). When @antecedent completes (now,
 * if it already has), @frame is queued to the pool from the completing thread like a
 * Task.Run body (local queue on a pool thread, else global) and completes the task with
 * its result — an ASYNC @frame gives Task<Task>, as StartNew. With
 * AWL_TASK_OPTION_EXECUTE_SYNCHRONOUSLY it runs inline on the completing (or, if
 * already complete, the calling) thread instead. @frame gets nothing from the runtime:
 * give it the antecedent itself. */
AwlObject  *awl_sim_continue_with       (AwlSim          *sim,
                                         AwlObject       *antecedent,
                                         AwlFrame        *frame,
                                         AwlTaskOptions   options);
/* Task.WhenAll(tasks): completes after every task; faults with all exceptions (in
 * the order AwlWhenAllFlags gives; this is the non-generic overload), else Canceled
 * if any canceled; result: null (tasks without results) — use awl_task_get_when_all_results() for Task<T[]>. Empty input: completed. */
AwlObject  *awl_sim_when_all            (AwlSim          *sim,
                                         AwlObject      **tasks,
                                         guint            n_tasks);
/* How a WhenAll task orders the exceptions of its failed tasks. The modern profile
 * follows .NET 9+: the non-generic Task.WhenAll(Task[]) records failures as they
 * happen (the earliest first), while WhenAll<TResult>(Task<TResult>[]) and
 * Task.WaitAll walk the tasks in argument order once all are done. .NET Framework
 * (the netfx profile, Mono) uses argument order everywhere. */
typedef enum
{
  AWL_WHEN_ALL_DEFAULT        = 0,
  AWL_WHEN_ALL_ARGUMENT_ORDER = 1 << 0,   /* WhenAll<TResult>, WaitAll */
} AwlWhenAllFlags;

AwlObject  *awl_sim_when_all_full       (AwlSim          *sim,
                                         AwlObject      **tasks,
                                         guint            n_tasks,
                                         AwlWhenAllFlags  flags);
/* Task.WhenAny(tasks): Task<Task> completing with the first finished task; never faults.
 * Empty input: returns NULL and sets *@error to an ArgumentException. */
AwlObject  *awl_sim_when_any            (AwlSim          *sim,
                                         AwlObject      **tasks,
                                         guint            n_tasks,
                                         AwlObject      **error);
/* Gives @task a display name for the trace ("Task 4 (name)"). */
void        awl_sim_task_set_name       (AwlSim          *sim,
                                         AwlObject       *task,
                                         const char      *name);

/* Task.Status. */
AwlTaskStatus awl_task_get_status       (const AwlObject *task);
/* Task.IsCompleted (RanToCompletion, Faulted or Canceled). */
gboolean    awl_task_is_completed       (const AwlObject *task);
/* The result of a RanToCompletion task (null otherwise). */
AwlValue    awl_task_get_result         (const AwlObject *task);
/* What kind of task this is. */
AwlTaskKind awl_task_get_kind           (const AwlObject *task);
/* Display name without the "Task N" prefix (method name, "Delay 100 ms", …). */
const char *awl_task_get_name           (const AwlObject *task);
/* Task.Exception: the AggregateException of a faulted task, else NULL. Marks the
 * exception observed (no unobserved-exception lint). */
AwlObject  *awl_sim_task_get_exception  (AwlSim          *sim,
                                         AwlObject       *task);
/* For a completed WhenAll task: the results of its tasks in argument order as a
 * newly allocated array of @n values (free with g_free). NULL otherwise. */
AwlValue   *awl_task_get_when_all_results (const AwlObject *task,
                                         guint           *n);

/* ---------------------------------------------------------------------------------
 * TaskCompletionSource
 * ------------------------------------------------------------------------------ */

/* new TaskCompletionSource<T>(options): only RUN_CONT_ASYNC matters. */
AwlObject  *awl_sim_tcs_new             (AwlSim          *sim,
                                         AwlTaskOptions   options);
/* Calls @func once @task has completed (at once if it already has), on the completing
 * thread, before any continuation is scheduled: for combinators such as Task.WhenEach. */
void        awl_sim_task_on_complete    (AwlSim          *sim,
                                         AwlObject       *task,
                                         void           (*func) (AwlSim *sim, AwlObject *task, gpointer data),
                                         gpointer         data);
/* tcs.Task. */
AwlObject  *awl_tcs_get_task            (const AwlObject *tcs);
/* SetResult: FALSE with *@error = InvalidOperationException if already completed (pass
 * @error NULL for TrySetResult). May run continuations inline on this thread. */
gboolean    awl_sim_tcs_set_result      (AwlSim          *sim,
                                         AwlObject       *tcs,
                                         AwlValue         value,
                                         AwlObject      **error);
/* SetException / TrySetException. */
gboolean    awl_sim_tcs_set_exception   (AwlSim          *sim,
                                         AwlObject       *tcs,
                                         AwlObject       *exception,
                                         AwlObject      **error);
/* SetCanceled / TrySetCanceled. */
gboolean    awl_sim_tcs_set_canceled    (AwlSim          *sim,
                                         AwlObject       *tcs,
                                         AwlObject      **error);

/* ---------------------------------------------------------------------------------
 * SemaphoreSlim
 * ------------------------------------------------------------------------------ */

/* new SemaphoreSlim(initial, max); @max 0 = int.MaxValue. */
AwlObject  *awl_sim_semaphore_new       (AwlSim          *sim,
                                         guint            initial,
                                         guint            max);
/* WaitAsync([token]): completed at once when the count is > 0, else queued FIFO; the
 * woken continuation never runs inside Release. @token may be NULL. */
AwlObject  *awl_sim_semaphore_wait_async (AwlSim         *sim,
                                         AwlObject       *semaphore,
                                         AwlObject       *token);
/* Release(count): wakes synchronous waiters first, then async waiters FIFO; returns the
 * previous count, or -1 with *@error = SemaphoreFullException past the maximum. */
gint64      awl_sim_semaphore_release   (AwlSim          *sim,
                                         AwlObject       *semaphore,
                                         guint            count,
                                         AwlObject      **error);
/* CurrentCount. */
guint       awl_semaphore_get_current_count (const AwlObject *semaphore);

/* ---------------------------------------------------------------------------------
 * Cancellation
 * ------------------------------------------------------------------------------ */

/* new CancellationTokenSource([delay]): @delay < 0 = no timeout. */
AwlObject  *awl_sim_cts_new             (AwlSim          *sim,
                                         AwlTime          delay);
/* cts.Token (always the same TOKEN object for a CTS). */
AwlObject  *awl_cts_get_token           (const AwlObject *cts);
/* Cancel(): runs registered callbacks synchronously, LIFO, on this thread (they may
 * complete tasks whose continuations then run inline). Idempotent. Callbacks that throw
 * do not stop the others: after the last one, Cancel() throws an AggregateException of
 * their exceptions (in the order they ran) into the calling frame — it resumes with
 * AWL_RESUME_EXCEPTION instead of performing the action it answered; with no calling
 * frame (a CancelAfter timer on a pool thread) the exception is unhandled (crash). Runs
 * code inline: end the step right after. */
void        awl_sim_cts_cancel          (AwlSim          *sim,
                                         AwlObject       *cts);
/* CancelAfter(delay): (re)arms a timer that cancels on a pool thread. */
void        awl_sim_cts_cancel_after    (AwlSim          *sim,
                                         AwlObject       *cts,
                                         AwlTime          delay);
/* token.IsCancellationRequested (@token NULL = default token: FALSE). Counts as
 * observing the token (no ignored-cancellation lint). */
gboolean    awl_sim_token_is_cancellation_requested (AwlSim *sim,
                                         AwlObject       *token);
/* token.ThrowIfCancellationRequested(): FALSE with *@error = OperationCanceledException
 * when cancellation was requested. */
gboolean    awl_sim_token_throw_if_cancellation_requested (AwlSim *sim,
                                         AwlObject       *token,
                                         AwlObject      **error);
/* token.Register(callback): runs @callback (a frame, owned by the runtime) at Cancel();
 * if already canceled it runs inline now, and what it throws is thrown into the calling
 * frame as is (like Cancel() but not aggregated). Returns the registration object. */
AwlObject  *awl_sim_token_register      (AwlSim          *sim,
                                         AwlObject       *token,
                                         AwlFrame        *callback);

/* ---------------------------------------------------------------------------------
 * Threads, locks, contexts, misc
 * ------------------------------------------------------------------------------ */

/* new Thread(start): not started yet; it has its ManagedThreadId already (as in .NET),
 * and enters the trace's thread table when started. */
AwlObject  *awl_sim_thread_new          (AwlSim          *sim,
                                         AwlFrame        *start);
/* thread.Start(): FALSE with *@error = ThreadStateException if started twice. */
gboolean    awl_sim_thread_start        (AwlSim          *sim,
                                         AwlObject       *thread,
                                         AwlObject      **error);
/* The managed id (ManagedThreadId) of a THREAD object: given in creation order (Main/UI
 * = 1), at construction for `new Thread`. Equal to the trace's thread id unless a
 * `new Thread` was started after other threads were created. */
guint       awl_thread_get_managed_id   (const AwlObject *thread);
/* thread.IsThreadPoolThread: TRUE for a ThreadPool worker. */
gboolean    awl_thread_is_pool          (const AwlObject *thread);
/* Thread.CurrentThread.ManagedThreadId (Main = 1); see awl_thread_get_managed_id(). */
guint       awl_sim_current_thread_id   (AwlSim          *sim);
/* Thread.CurrentThread as a THREAD object. */
AwlObject  *awl_sim_current_thread      (AwlSim          *sim);
/* Monitor.Exit(obj) / the end of lock (obj) { }: FALSE with *@error =
 * SynchronizationLockException when this thread does not hold it. */
gboolean    awl_sim_lock_exit           (AwlSim          *sim,
                                         AwlObject       *obj,
                                         AwlObject      **error);
/* SynchronizationContext.Current.Post(callback) (or to the pool without a context). */
void        awl_sim_context_post        (AwlSim          *sim,
                                         AwlFrame        *callback);
/* TRUE when SynchronizationContext.Current is non-null on this thread. */
gboolean    awl_sim_has_sync_context    (AwlSim          *sim);

/* A SynchronizationContext subclass written in the scenario (awl-context-custom.c).
 * Whatever is posted to it (an await's continuation, Task.Yield, a Post) goes to
 * @post, called on the posting thread (a pool thread when a timer or I/O completes
 * the task), which answers the frame that runs the object's Post override; that
 * frame runs inline there. The frame calls awl_sim_run_posted() on @item (the
 * `d(state)` of the override) zero, one or more times, on any thread. */
typedef struct _AwlContext  AwlContext;
typedef struct _AwlWorkItem AwlWorkItem;
typedef AwlFrame *(*AwlContextPostFunc) (AwlSim      *sim,
                                         AwlValue     object,
                                         AwlWorkItem *item,
                                         gpointer     data);
AwlContext *awl_sim_context_new_custom  (AwlSim             *sim,
                                         AwlValue            object,
                                         AwlContextPostFunc  post,
                                         gpointer            data);
/* SynchronizationContext.SetSynchronizationContext(ctx) on the current thread (NULL
 * removes a custom one). */
void        awl_sim_set_sync_context    (AwlSim          *sim,
                                         AwlContext      *ctx);
/* The custom context installed on the current thread, or NULL. */
AwlContext *awl_sim_get_custom_context  (AwlSim          *sim);
AwlValue    awl_context_get_object      (AwlContext      *ctx);
/* SynchronizationContext.Current of this thread, kept to post to later from any
 * thread (Progress<T> captures it at construction); NULL when there is none. The sim
 * owns the context for the whole run. */
AwlContext *awl_sim_capture_context     (AwlSim          *sim);
/* @ctx.Post(callback) from whatever thread runs now; a NULL @ctx queues the callback
 * to the pool, as the default SynchronizationContext's Post does. */
void        awl_sim_context_post_to     (AwlSim          *sim,
                                         AwlContext      *ctx,
                                         AwlFrame        *callback);
/* Runs a posted item on the current thread, before the caller's next step (a
 * continuation resumes there), and frees it: call it once per item. */
gboolean    awl_sim_run_posted          (AwlSim          *sim,
                                         AwlWorkItem     *item);
/* Queues a posted item to the pool's global queue (SynchronizationContext.Post's
 * own behaviour, `base.Post` in an override). */
void        awl_sim_queue_posted        (AwlSim          *sim,
                                         AwlWorkItem     *item);
/* Frees an item that was posted and never run (the override dropped it). */
void        awl_work_item_discard       (AwlWorkItem     *item);
/* Console.WriteLine(text): an output line with time, thread and source line. */
void        awl_sim_output              (AwlSim          *sim,
                                         const char      *text);
/* ThreadPool.SetMinThreads(worker, io): FALSE (and no change) if worker > max; 0 sets
 * the minimum to 1 and returns TRUE, as .NET does. */
gboolean    awl_sim_set_min_threads     (AwlSim          *sim,
                                         guint            worker);
/* ThreadPool.GetMinThreads worker count. */
guint       awl_sim_get_min_threads     (AwlSim          *sim);
/* Environment.ProcessorCount. */
guint       awl_sim_processor_count     (AwlSim          *sim);
/* Thread.CurrentThread.IsThreadPoolThread. */
gboolean    awl_sim_current_thread_is_pool (AwlSim       *sim);
/* ThreadPool.ThreadCount: pool threads alive now. */
guint       awl_sim_pool_thread_count   (AwlSim          *sim);
/* ThreadPool.PendingWorkItemCount: items waiting in the global and local queues. */
guint       awl_sim_pool_pending_work_items (AwlSim      *sim);
/* Ends the run now with outcome LIMIT, @limit naming the budget that ran out, and
 * the summary "limit: @reason" (e.g. an interpreter's instruction budget). The
 * current step finishes; nothing runs after it. */
void        awl_sim_stop                (AwlSim          *sim,
                                         AwlLimit         limit,
                                         const char      *reason);

/* ---------------------------------------------------------------------------------
 * Async iterators (IAsyncEnumerable<T>, await foreach)
 * ------------------------------------------------------------------------------ */

/* e.MoveNextAsync(): resumes the iterator on this thread until its next yield return
 * (result true) or its end (false); returns the Task<bool>. Runs code inline: end the
 * step right after (see the top of this file). */
AwlObject  *awl_sim_enumerator_move_next_async (AwlSim    *sim,
                                         AwlObject       *enumerator);
/* e.Current: the last yielded value. */
AwlValue    awl_enumerator_get_current  (const AwlObject *enumerator);
/* e.DisposeAsync(). On an iterator suspended at a `yield return`, it resumes the frame
 * on this thread with AWL_RESUME_EXCEPTION and the DisposeAsync marker exception
 * (awl_exception_is_dispose() is TRUE; awl_exception_is_a() matches no type, so no
 * typed catch takes it): the frame runs its finally blocks — awaits inside them are
 * allowed — and then answers awl_step_return() or throws the same marker back. The
 * returned task completes (RanToCompletion, null) when the frame has left the stack, or
 * faults if a finally block throws another exception. Runs code inline: end the step
 * right after (see the top of this file). An iterator never started, or already
 * finished, gives a completed task; one whose MoveNextAsync is still running is left
 * alone (completed task). Calling it twice returns the same task. */
AwlObject  *awl_sim_enumerator_dispose_async (AwlSim      *sim,
                                         AwlObject       *enumerator);
/* TRUE for the marker exception DisposeAsync resumes a suspended iterator with. */
gboolean    awl_exception_is_dispose    (const AwlObject *exception);

G_END_DECLS
