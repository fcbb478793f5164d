/* awl-builtins-exceptions.c
 *
 * Exception types: constructors (with the messages .NET gives when none is passed),
 * Message, InnerException(s), GetBaseException, Flatten and GetType().
 */

#include "awl-builtins-private.h"

/* Every exception type: the site's member is the type's name. */
AWL_BI (exception_new)
{
  const char *type = call->site->member;
  const char *message = call->n_args >= 1 && call->args[0].kind == AWL_VALUE_STRING ? call->args[0].s : NULL;
  AwlObject *inner = call->n_args >= 2 ? awl_value_get_object (call->args[1], AWL_OBJECT_EXCEPTION) : NULL;

  if (message == NULL)
    {
      AwlObject *e = awl_scn_exception (call->sim, type, NULL);
      if (inner == NULL)
        return bi_value (call, awl_value_object (e));
      message = awl_exception_get_message (e);
    }
  if (inner)
    return bi_value (call, awl_value_object (awl_sim_exception_new_with_inner (call->sim, type, message, inner)));
  return bi_value (call, awl_value_object (awl_sim_exception_new (call->sim, type, message)));
}

AWL_BI (aggregate_new)
{
  g_autoptr(GPtrArray) inner = g_ptr_array_new ();
  guint count;
  const AwlValue *items = bi_params (call, 0, &count);

  for (guint i = 0; i < count; i++)
    {
      AwlObject *e = awl_value_get_object (items[i], AWL_OBJECT_EXCEPTION);
      if (e)
        g_ptr_array_add (inner, e);
    }
  return bi_value (call, awl_value_object (awl_sim_aggregate_exception_new (call->sim, (AwlObject **) inner->pdata, inner->len)));
}

AWL_BI (exception_message)
{
  return bi_value (call, awl_value_string (awl_exception_get_message (call->target.o)));
}

AWL_BI (exception_inner)
{
  AwlObject *e = call->target.o;
  return bi_value (call, awl_value_object (awl_exception_get_n_inner (e) ? awl_exception_get_inner (e, 0) : NULL));
}

AWL_BI (exception_inner_list)
{
  AwlObject *e = call->target.o;
  AwlList *l = awl_list_new (call->sim, FALSE);

  for (guint i = 0; i < awl_exception_get_n_inner (e); i++)
    {
      AwlValue v = awl_value_object (awl_exception_get_inner (e, i));
      g_array_append_val (l->items, v);
    }
  return bi_value (call, awl_value_object (l));
}

static void
collect_flattened (AwlObject *e,
                   GPtrArray *out)
{
  for (guint i = 0; i < awl_exception_get_n_inner (e); i++)
    {
      AwlObject *inner = awl_exception_get_inner (e, i);

      if (g_strcmp0 (awl_exception_get_type_name (inner), "AggregateException") == 0)
        collect_flattened (inner, out);
      else
        g_ptr_array_add (out, inner);
    }
}

/* AggregateException.Flatten(): a new AggregateException whose inner exceptions are
 * every non-aggregate exception found by opening the nested aggregates recursively. */
AWL_BI (exception_flatten)
{
  g_autoptr(GPtrArray) inner = g_ptr_array_new ();
  AwlObject *e = call->target.o;

  if (g_strcmp0 (awl_exception_get_type_name (e), "AggregateException") != 0)
    return bi_value (call, call->target);
  collect_flattened (e, inner);
  return bi_value (call, awl_value_object (awl_sim_aggregate_exception_new (call->sim,
                                                                           (AwlObject **) inner->pdata,
                                                                           inner->len)));
}

AWL_BI (exception_get_type)
{
  return bi_value (call, awl_value_string (awl_exception_get_type_name (call->target.o)));
}

AWL_BI (exception_stack_trace)
{
  return bi_value (call, awl_value_string (awl_sim_intern_printf (call->sim, "   at line %d",
                                                                  awl_exception_get_line (call->target.o))));
}

AWL_BI (exception_get_base)
{
  AwlObject *e = call->target.o;

  while (awl_exception_get_n_inner (e) > 0)
    e = awl_exception_get_inner (e, 0);
  return bi_value (call, awl_value_object (e));
}

#define A "var a = new AggregateException(new Exception(\"x\")); "

static const AwlKnownApi rows[] = {
  { "Exception", ".ctor", AWL_CT, 0, 2, NULL, 0, exception_new, 0, "var e = new InvalidOperationException(\"no\", new Exception());" },
  { "AggregateException", ".ctor", AWL_CT, 0, AWL_V, NULL, 0, aggregate_new, 0, A },
  { "Exception", "Message", AWL_IP, 0, 0, NULL, 0, exception_message, 0, "string m = new Exception(\"x\").Message;" },
  { "Exception", "InnerException", AWL_IP, 0, 0, NULL, 0, exception_inner, 0, A "var e = a.InnerException;" },
  { "Exception", "StackTrace", AWL_IP, 0, 0, NULL, 0, exception_stack_trace, 0, "string s = new Exception().StackTrace;" },
  { "Exception", "GetType", AWL_IM, 0, 0, NULL, 0, exception_get_type, 0, "string s = new Exception().GetType().Name;" },
  { "Exception", "GetBaseException", AWL_IM, 0, 0, NULL, 0, exception_get_base, 0, A "var e = a.GetBaseException();" },
  { "AggregateException", "InnerExceptions", AWL_IP, 0, 0, NULL, 0, exception_inner_list, 0, A "int n = a.InnerExceptions.Count;" },
  { "AggregateException", "Flatten", AWL_IM, 0, 0, NULL, 0, exception_flatten, 0, A "var f = a.Flatten();" },
};

#undef A

const AwlApiFamily awl_api_family_exceptions = { "Exceptions", rows, G_N_ELEMENTS (rows) };
