/* awl-builtins-exceptions.c
 *
 * Exception types: constructors (with the messages .NET gives when none is passed),
 * Message, InnerException(s), GetBaseException, Flatten and GetType().
 */

#include "awl-builtins-private.h"
#include "awl-compile-ext.h"

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

/* The Message of an exception of class @type built without one: .NET's base
 * class gives its own ("Operation is not valid …"), Exception names the class. */
static const char *
default_message (AwlBiCall  *call,
                 const char *type,
                 const char *builtin_base)
{
  if (builtin_base == NULL || g_str_equal (builtin_base, "Exception"))
    return awl_sim_intern_printf (call->sim, "Exception of type '%s' was thrown.", type);
  return awl_exception_get_message (awl_scn_exception (call->sim, builtin_base, NULL));
}

/* `: base(message[, inner])` of an exception class of the script: args[0] is the
 * object; its exception is made now, typed as the object's own class. */
AWL_BI (exception_base_ctor)
{
  AwlInstance *inst = awl_value_get_foreign (call->args[0], &awl_instance_class);
  const char *type = awl_sim_intern_printf (call->sim, "%s", inst != NULL ? inst->klass->name : call->site->type);
  const char *message = call->n_args >= 2 && call->args[1].kind == AWL_VALUE_STRING ? call->args[1].s : NULL;
  AwlObject *inner = call->n_args >= 3 ? awl_value_get_object (call->args[2], AWL_OBJECT_EXCEPTION) : NULL;
  AwlObject *e;

  if (inst == NULL)
    return bi_null_reference (call);
  if (message == NULL)
    message = default_message (call, type, call->site->type);
  e = inner != NULL ? awl_sim_exception_new_with_inner (call->sim, type, message, inner)
                    : awl_sim_exception_new (call->sim, type, message);
  awl_exception_set_script_class (e, inst, inst->klass->is_a, awl_sim_intern_printf (call->sim, "%s", call->site->type));
  inst->exception = e;
  return bi_value (call, awl_value_null ());
}

/* The end of `new C(…)` of an exception class: the exception the object is (with
 * .NET's default message when no `: base(message)` reached Exception). */
AWL_BI (exception_wrap)
{
  AwlInstance *inst = awl_value_get_foreign (call->args[0], &awl_instance_class);

  if (inst == NULL)
    return bi_value (call, call->args[0]);
  if (inst->exception == NULL)
    {
      const char *message = default_message (call, inst->klass->name, call->site->type);

      inst->exception = awl_sim_exception_new (call->sim, awl_sim_intern_printf (call->sim, "%s", inst->klass->name),
                                               message);
      awl_exception_set_script_class (inst->exception, inst, inst->klass->is_a,
                                      awl_sim_intern_printf (call->sim, "%s", call->site->type));
    }
  return bi_value (call, awl_value_object (inst->exception));
}

const AwlKnownApi awl_exception_base_ctor = { "Exception", "(base)", AWL_API_STATIC_METHOD, 1, 3, NULL, 0, exception_base_ctor, 0, NULL };
const AwlKnownApi awl_exception_wrap = { "Exception", "(wrap)", AWL_API_STATIC_METHOD, 1, 1, NULL, 0, exception_wrap, 0, NULL };


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
