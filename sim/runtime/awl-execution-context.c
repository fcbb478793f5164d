/* awl-execution-context.c
 *
 * ExecutionContext flow. The context itself (what AsyncLocal<T> values it holds) is an
 * immutable object the scenario layer defines; the runtime only carries it, one per
 * frame, and moves it the way .NET flows it:
 *
 *  - a called frame starts with its caller's context (a call runs on the caller's);
 *  - a frame queued to run later (Task.Run, QueueUserWorkItem, a thread, a timer or
 *    token callback) captures its creator's context when it is created, or the
 *    default one when the creator suppressed the flow (an await suspended while the
 *    flow is suppressed also resumes in the default context);
 *  - an async method keeps the context it had at each await and resumes with it, on
 *    whatever thread; its changes never reach its caller (the method builder restores
 *    the caller's context when the method returns or first suspends);
 *  - a synchronous method's changes are its caller's too: they share one thread's
 *    context, so they are handed back on return.
 *
 * NULL is the default context (no values).
 */

#include "awl-frame-private.h"

void
awl_ec_capture (AwlSim     *sim,
                AwlFrameRt *rt)
{
  AwlFrame *creator = sim->stepping;
  AwlFrameRt *from = creator != NULL ? creator->rt : NULL;

  if (from == NULL)
    return;
  rt->ec = from->ec;
  rt->ec_flow_suppressed = from->ec_flow_suppressed;
}

void
awl_ec_inherit_from_caller (AwlFrameRt *rt,
                            AwlFrame   *caller)
{
  AwlFrameRt *from = caller != NULL ? caller->rt : NULL;

  rt->ec = from != NULL ? from->ec : NULL;
  rt->ec_flow_suppressed = from != NULL && from->ec_flow_suppressed;
}

void
awl_ec_start_job (AwlFrameRt *rt)
{
  if (!rt->ec_flow_suppressed)
    return;
  rt->ec = NULL;
  rt->ec_flow_suppressed = FALSE;
}

void
awl_ec_return_to_caller (AwlFrameRt *rt,
                         AwlFrame   *caller)
{
  AwlFrameRt *to = caller != NULL ? caller->rt : NULL;

  if (to == NULL || rt->role == ROLE_ASYNC || rt->role == ROLE_ITERATOR)
    return;
  to->ec = rt->ec;
  to->ec_flow_suppressed = rt->ec_flow_suppressed;
}

AwlObject *
awl_sim_frame_get_execution_context (AwlSim   *sim,
                                     AwlFrame *frame,
                                     gboolean *flow_suppressed)
{
  AwlFrameRt *rt;

  g_return_val_if_fail (sim != NULL && frame != NULL, NULL);

  rt = awl_frame_rt (sim, frame);
  if (flow_suppressed != NULL)
    *flow_suppressed = rt->ec_flow_suppressed;
  return rt->ec;
}

void
awl_sim_frame_set_execution_context (AwlSim    *sim,
                                     AwlFrame  *frame,
                                     AwlObject *ec,
                                     gboolean   flow_suppressed)
{
  AwlFrameRt *rt;

  g_return_if_fail (sim != NULL && frame != NULL);

  rt = awl_frame_rt (sim, frame);
  rt->ec = ec;
  rt->ec_flow_suppressed = flow_suppressed;
}
