/* awl-task-private.h
 *
 * Tasks, their continuations and the await rules; Task.Run / StartNew / ContinueWith,
 * WhenAll / WhenAny, TaskCompletionSource, exceptions and async iterators.
 */

#pragma once

#include "awl-frame-private.h"

G_BEGIN_DECLS

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
  GPtrArray     *failed_children;      /* WhenAll: children that did not succeed, in completion order */
  gboolean       argument_order;       /* WhenAll: AWL_WHEN_ALL_ARGUMENT_ORDER */
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
  /* Task.Run(action, token): the token's source. The body throwing an
   * OperationCanceledException for this token ends the task Canceled. */
  struct _AwlCts *run_cts;
};

struct _AwlException
{
  AwlObject  parent;
  const char *type;
  const char *message;
  GPtrArray  *inner;
  int         line;
  /* OperationCanceledException: the source of the token it was thrown for
   * (ThrowIfCancellationRequested), or NULL. */
  struct _AwlCts *cts;
  /* An exception class of the script (`class OrderFailedException : Exception`):
   * the object with its own fields, and the names its class is (itself, its base
   * classes; owned by the program), or NULL. */
  gpointer    script_object;
  GHashTable *script_is_a;
  const char *builtin_base;   /* the .NET class it derives from ("Exception") */
};

struct _AwlTcs
{
  AwlObject   parent;
  AwlTask    *task;
};

struct _AwlEnumerator
{
  AwlObject   parent;
  AwlFrame   *frame;
  AwlValue    current;
  AwlTask    *pending;
  gboolean    started;
  gboolean    finished;
  gboolean    disposing;               /* DisposeAsync resumed the frame with the marker */
  AwlTask    *dispose_task;
};

/* awl-task.c */
void awl_sim_emit_task_status (AwlSim *sim, AwlTask *task);
AwlTask *awl_task_new (AwlSim *sim, AwlTaskKind kind, const char *name);
const char *awl_sim_task_label (AwlSim *sim, AwlTask *task);
AwlObject *awl_sim_canceled_exception (AwlSim *sim);
gboolean awl_exception_is_cancellation (AwlObject *exception);
AwlResumeWith awl_task_resume_with (AwlSim *sim, AwlTask *task, AwlWaitKind kind);
void awl_task_complete_list (AwlSim *sim, AwlTask *task, AwlTaskStatus status, AwlValue result,
                             GPtrArray *exceptions);
void awl_task_complete (AwlSim *sim, AwlTask *task, AwlTaskStatus status, AwlValue result,
                        AwlObject *exception);
void awl_task_add_cont (AwlSim *sim, AwlTask *task, AwlCont *cont);
void awl_task_free_internal (AwlTask *task);

/* awl-task-run.c */
void awl_task_unwrap_done (AwlSim *sim, AwlTask *proxy, AwlTask *inner);
gboolean awl_task_run_canceled_by_token (AwlTask *task, AwlObject *exception);
/* The antecedent completed: run the continuation's body on this thread
 * (ExecuteSynchronously) or queue it like a Task.Run body. */
void awl_task_continue_with_start (AwlSim *sim, AwlCont *c, AwlTask *antecedent);

/* awl-when.c */
void awl_task_when_all_child_done (AwlSim *sim, AwlTask *all, AwlTask *child);
void awl_task_when_any_child_done (AwlSim *sim, AwlTask *any, AwlTask *child);

/* awl-iterator.c */
gboolean awl_sim_do_yield_return (AwlSim *sim, AwlThread *t, AwlFrame *f, AwlValue value);
void awl_enumerator_finished (AwlSim *sim, AwlEnumerator *e, AwlFrameRt *rt,
                              AwlObject *exception, AwlValue value);
AwlObject *awl_sim_dispose_marker (AwlSim *sim);

G_END_DECLS
