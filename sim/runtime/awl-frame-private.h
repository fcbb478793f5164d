/* awl-frame-private.h
 *
 * Frames and steps: the runtime's side of a frame (AwlFrameRt), the actions a step
 * answers, inline jobs, and the per-thread executor that runs them.
 */

#pragma once

#include "awl-sim-private.h"

G_BEGIN_DECLS

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
  AwlObject    *ec;                    /* its ExecutionContext (NULL = default) */
  gboolean      ec_flow_suppressed;    /* ExecutionContext.SuppressFlow() is in effect */
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

/* awl-frame.c */
AwlFrameRt *awl_frame_rt (AwlSim *sim, AwlFrame *frame);
void awl_sim_free_frame (AwlSim *sim, AwlFrame *frame);
void awl_frame_push (AwlSim *sim, AwlThread *t, AwlFrame *f, AwlDelivery delivery,
                     gboolean emit_push);
void awl_frame_set_resume (AwlFrame *f, AwlResumeWith with);
AwlResumeWith awl_resume_value (AwlValue v);
AwlResumeWith awl_resume_exception (AwlObject *e);
void awl_sim_push_job (AwlSim *sim, AwlThread *t, AwlJob *job);
void awl_frame_start_job (AwlSim *sim, AwlThread *t, AwlJob *job);
void awl_sim_crash (AwlSim *sim, AwlObject *exception, AwlThread *thread);
/* A frame returned or threw: settle its task, hand the result to whoever waits for it,
 * free it. */
void awl_frame_finish (AwlSim *sim, AwlThread *t, AwlFrame *f, AwlValue value,
                       AwlObject *exception);
/* An async frame leaves the stack at an incomplete await (or a yield). */
void awl_frame_suspend (AwlSim *sim, AwlThread *t, AwlFrame *f);
/* An iterator frame leaves the stack at a yield return. */
void awl_sim_pop_suspended (AwlSim *sim, AwlThread *t, AwlFrame *f);
void awl_sim_run_inline (AwlSim *sim, AwlFrame *frame, AwlRole role);

/* awl-execution-context.c: how a frame's ExecutionContext flows. */
/* A new frame captures the context of the frame that creates it. */
void awl_ec_capture (AwlSim *sim, AwlFrameRt *rt);
/* A called frame runs in its caller's context. */
void awl_ec_inherit_from_caller (AwlFrameRt *rt, AwlFrame *caller);
/* A frame starts or resumes other than as a call: a context captured while the flow
 * was suppressed is not used (.NET captured nothing then); it runs in the default. */
void awl_ec_start_job (AwlFrameRt *rt);
/* A synchronous callee returns: its changes are its caller's (not an async method's). */
void awl_ec_return_to_caller (AwlFrameRt *rt, AwlFrame *caller);

/* awl-executor.c */
/* Runs thread @t, which holds a core, at the current instant until it burns CPU,
 * blocks or runs out of work. */
gboolean awl_thread_execute (AwlSim *sim, AwlThread *t);

/* awl-step.c */
/* What a waiter resumes with when @task completed: the result or exception as
 * awl_task_resume_with(); a timed wait (Wait(ms)) gets true instead of a value. */
AwlResumeWith awl_sim_waiter_resume (AwlSim *sim, AwlTask *task, int waiter_data);
/* The timeout of a timed wait expired before the task completed: the waiter leaves the
 * task's continuation list and resumes with false. */
void awl_sim_on_wait_timeout (AwlSim *sim, AwlThread *t);
/* Performs @s for frame @f on thread @t. FALSE when the thread stops executing now
 * (it burns CPU, blocked or gave its core away). */
gboolean awl_step_perform (AwlSim *sim, AwlThread *t, AwlFrame *f, AwlStep *s);
gboolean awl_sim_do_call (AwlSim *sim, AwlThread *t, AwlFrame *f, AwlFrame *callee);

G_END_DECLS
