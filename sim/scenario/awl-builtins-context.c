/* awl-builtins-context.c
 *
 * System.Threading.ExecutionContext and AsyncLocal<T>: ambient values that flow with
 * the logical flow of control (into awaits' continuations, Task.Run, QueueUserWorkItem,
 * new threads) rather than staying on a thread. The runtime carries one context per
 * frame and flows it (sim/runtime/awl-execution-context.c); this file defines what a
 * context holds and the API that reads and changes it.
 *
 * A context is immutable, as in .NET: setting AsyncLocal<T>.Value makes a new one for
 * the current frame, so a context captured earlier keeps the values it had.
 */

#include "awl-builtins-private.h"

typedef struct
{
  AwlObject *key;     /* the AsyncLocal */
  AwlValue   value;
} Entry;

typedef struct
{
  AwlForeign  parent;
  GArray     *entries;   /* Entry */
} ExecContext;

typedef struct
{
  AwlForeign  parent;
} AsyncLocal;

typedef struct
{
  AwlForeign  parent;
  guint       thread_id;   /* Undo() must run on the thread that suppressed the flow */
  gboolean    undone;
} FlowControl;

static void
exec_context_finalize (AwlForeign *self)
{
  g_clear_pointer (&((ExecContext *) self)->entries, g_array_unref);
}

static const AwlForeignClass exec_context_class = { "ExecutionContext", exec_context_finalize, NULL };
static const AwlForeignClass async_local_class = { "AsyncLocal", NULL, NULL };
static const AwlForeignClass flow_control_class = { "AsyncFlowControl", NULL, NULL };

static ExecContext *
current_context (AwlBiCall *call,
                 gboolean  *flow_suppressed)
{
  AwlObject *ec = awl_sim_frame_get_execution_context (call->sim, call->frame, flow_suppressed);

  return awl_value_get_foreign (awl_value_object (ec), &exec_context_class);
}

/* ----------------------------------------------------------------------------- */
/* AsyncLocal<T> */

AWL_BI (async_local_new)
{
  return bi_value (call, awl_value_object (awl_sim_foreign_new (call->sim, &async_local_class,
                                                                sizeof (AsyncLocal))));
}

/* A copy of @from (NULL: the default context) with @key set to @value. */
static ExecContext *
context_with (AwlSim      *sim,
              ExecContext *from,
              AwlObject   *key,
              AwlValue     value)
{
  ExecContext *ec = awl_sim_foreign_new (sim, &exec_context_class, sizeof (ExecContext));
  Entry e = { key, value };
  gboolean replaced = FALSE;

  ec->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  if (from != NULL)
    g_array_append_vals (ec->entries, from->entries->data, from->entries->len);
  for (guint i = 0; i < ec->entries->len && !replaced; i++)
    if (g_array_index (ec->entries, Entry, i).key == key)
      {
        g_array_index (ec->entries, Entry, i).value = value;
        replaced = TRUE;
      }
  if (!replaced)
    g_array_append_val (ec->entries, e);
  return ec;
}

/* AsyncLocal<T>.Value: read with no argument, assigned with one. The default is null
 * (Awaitlab does not know T, so an AsyncLocal<int> never set reads as null, not 0). */
AWL_BI (async_local_value)
{
  gboolean suppressed = FALSE;
  ExecContext *ec = current_context (call, &suppressed);

  if (call->n_args == 1)
    {
      ec = context_with (call->sim, ec, call->target.o, call->args[0]);
      awl_sim_frame_set_execution_context (call->sim, call->frame, &ec->parent.parent, suppressed);
      return bi_value (call, awl_value_null ());
    }
  for (guint i = 0; ec != NULL && i < ec->entries->len; i++)
    if (g_array_index (ec->entries, Entry, i).key == call->target.o)
      return bi_value (call, g_array_index (ec->entries, Entry, i).value);
  return bi_value (call, awl_value_null ());
}

/* ----------------------------------------------------------------------------- */
/* ExecutionContext: suppressing the flow */

AWL_BI (suppress_flow)
{
  gboolean suppressed = FALSE;
  AwlObject *ec = awl_sim_frame_get_execution_context (call->sim, call->frame, &suppressed);
  FlowControl *fc;

  fc = awl_sim_foreign_new (call->sim, &flow_control_class, sizeof (FlowControl));
  fc->thread_id = awl_sim_current_thread_id (call->sim);
  /* On .NET 10 suppressing twice is not an error; the second control undoes nothing. */
  fc->undone = suppressed;
  awl_sim_frame_set_execution_context (call->sim, call->frame, ec, TRUE);
  return bi_value (call, awl_value_object (fc));
}

static AwlBiResult
restore_flow (AwlBiCall *call)
{
  gboolean suppressed = FALSE;
  AwlObject *ec = awl_sim_frame_get_execution_context (call->sim, call->frame, &suppressed);

  if (!suppressed)
    return bi_throw (call, "InvalidOperationException",
                     "Cannot restore context flow when it is not suppressed.");
  awl_sim_frame_set_execution_context (call->sim, call->frame, ec, FALSE);
  return bi_value (call, awl_value_null ());
}

AWL_BI (restore_flow_static)
{
  return restore_flow (call);
}

AWL_BI (is_flow_suppressed)
{
  gboolean suppressed = FALSE;

  awl_sim_frame_get_execution_context (call->sim, call->frame, &suppressed);
  return bi_value (call, awl_value_bool (suppressed));
}

/* AsyncFlowControl.Undo() and Dispose(): restore the flow, on the thread that
 * suppressed it and in a context whose flow is suppressed (after an await it no longer
 * is); once: later calls do nothing, as on .NET 10. */
AWL_BI (flow_control_undo)
{
  FlowControl *fc = awl_value_get_foreign (call->target, &flow_control_class);
  gboolean suppressed = FALSE;

  if (fc->undone)
    return bi_value (call, awl_value_null ());
  if (fc->thread_id != awl_sim_current_thread_id (call->sim))
    return bi_throw (call, "InvalidOperationException",
                     "AsyncFlowControl object must be used on the thread where it was created.");
  awl_sim_frame_get_execution_context (call->sim, call->frame, &suppressed);
  if (!suppressed)
    return bi_throw (call, "InvalidOperationException",
                     "AsyncFlowControl objects can be used to restore flow only on a Context that had its flow suppressed.");
  fc->undone = TRUE;
  return restore_flow (call);
}

/* ----------------------------------------------------------------------------- */
/* The rows */

#define AL "var l = new AsyncLocal<string>(); "

static const AwlKnownApi rows[] = {
  { "AsyncLocal", ".ctor", AWL_CT, 0, 0, NULL, 1, async_local_new, 0, "var l = new AsyncLocal<string>();" },
  { "AsyncLocal", "Value", AWL_IP, 0, 0, NULL, 0, async_local_value, 0,
    AL "l.Value = \"a\"; await Task.Run(() => Console.WriteLine(l.Value));", AWL_API_SETTABLE },
  { "ExecutionContext", "SuppressFlow", AWL_SM, 0, 0, NULL, 0, suppress_flow, 0,
    "var f = ExecutionContext.SuppressFlow(); Task t = Task.Run(() => { }); f.Undo(); await t;" },
  { "ExecutionContext", "RestoreFlow", AWL_SM, 0, 0, NULL, 0, restore_flow_static, 0,
    "ExecutionContext.SuppressFlow(); ExecutionContext.RestoreFlow();" },
  { "ExecutionContext", "IsFlowSuppressed", AWL_SM, 0, 0, NULL, 0, is_flow_suppressed, 0,
    "bool b = ExecutionContext.IsFlowSuppressed();" },
  { "AsyncFlowControl", "Undo", AWL_IM, 0, 0, NULL, 0, flow_control_undo, 0,
    "var f = ExecutionContext.SuppressFlow(); f.Undo();" },
  { "AsyncFlowControl", "Dispose", AWL_IM, 0, 0, NULL, 0, flow_control_undo, 0,
    "var f = ExecutionContext.SuppressFlow(); f.Dispose();" },
};

const AwlApiFamily awl_api_family_context = { "Context", rows, G_N_ELEMENTS (rows) };
