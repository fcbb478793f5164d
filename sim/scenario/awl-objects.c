/* awl-objects.c
 *
 * The scenario layer's own heap objects: their classes (finalizers and how .NET
 * would print them) and constructors, and the conversions the interpreter and the
 * API share.
 */

#include "awl-builtins-private.h"

static void
env_finalize (AwlForeign *self)
{
  g_free (((AwlEnv *) self)->slots);
}

static void
list_finalize (AwlForeign *self)
{
  g_clear_pointer (&((AwlList *) self)->items, g_array_unref);
}

const char *
bi_clr_type_name (AwlValue v)
{
  switch (v.kind)
    {
    case AWL_VALUE_BOOL: return "System.Boolean";
    case AWL_VALUE_INT: return "System.Int32";
    case AWL_VALUE_DOUBLE: return "System.Double";
    case AWL_VALUE_STRING: return "System.String";
    case AWL_VALUE_OBJECT:
      if (v.o->type == AWL_OBJECT_TASK)
        return "System.Threading.Tasks.Task";
      if (v.o->type == AWL_OBJECT_EXCEPTION)
        return "System.Exception";
      return "System.Object";
    default: return "System.Object";
    }
}

static void
list_to_string (AwlForeign *self,
                GString    *out)
{
  AwlList *l = (AwlList *) self;
  const char *elem = l->items->len > 0 ? bi_clr_type_name (g_array_index (l->items, AwlValue, 0)) : "System.Object";
  if (l->is_array)
    g_string_append_printf (out, "%s[]", elem);
  else
    g_string_append_printf (out, "System.Collections.Generic.List`1[%s]", elem);
}

static void
closure_to_string (AwlForeign *self,
                   GString    *out)
{
  g_string_append (out, "System.Func`1[System.Object]");
}

static void
awaitable_to_string (AwlForeign *self,
                     GString    *out)
{
  g_string_append (out, "System.Runtime.CompilerServices.ConfiguredTaskAwaitable");
}

const AwlForeignClass awl_box_class = { "Box", NULL, NULL };
const AwlForeignClass awl_env_class = { "Environment", env_finalize, NULL };
const AwlForeignClass awl_closure_class = { "Delegate", NULL, closure_to_string };
const AwlForeignClass awl_list_class = { "List", list_finalize, list_to_string };
const AwlForeignClass awl_iter_class = { "Enumerator", NULL, NULL };
const AwlForeignClass awl_lazy_class = { "IEnumerable", NULL, NULL };
const AwlForeignClass awl_awaitable_class = { "ConfiguredTaskAwaitable", NULL, awaitable_to_string };
const AwlForeignClass awl_yield_class = { "YieldAwaitable", NULL, NULL };

AwlList *
awl_list_new (AwlSim   *sim,
              gboolean  is_array)
{
  AwlList *l = awl_sim_foreign_new (sim, &awl_list_class, sizeof (AwlList));
  l->items = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  l->is_array = is_array;
  return l;
}

AwlList *
awl_list_new_from (AwlSim         *sim,
                   gboolean        is_array,
                   const AwlValue *items,
                   guint           n)
{
  AwlList *l = awl_list_new (sim, is_array);
  if (n > 0)
    g_array_append_vals (l->items, items, n);
  return l;
}

const char *
awl_value_describe_type (AwlValue v)
{
  switch (v.kind)
    {
    case AWL_VALUE_NULL: return "null";
    case AWL_VALUE_BOOL: return "bool";
    case AWL_VALUE_INT: return "int";
    case AWL_VALUE_DOUBLE: return "double";
    case AWL_VALUE_STRING: return "string";
    default: return awl_object_type_name (v.o);
    }
}

AwlFrame *
awl_closure_frame (AwlRun         *run,
                   AwlClosure     *closure,
                   const AwlValue *args,
                   guint           n)
{
  return awl_interp_frame_new (run, closure->code, args, n, closure->env);
}

AwlObject *
awl_value_to_task (AwlValue v)
{
  AwlObject *t = awl_value_get_object (v, AWL_OBJECT_TASK);
  AwlAwaitable *aw;
  if (t)
    return t;
  if ((aw = awl_value_get_foreign (v, &awl_awaitable_class)))
    return aw->task;
  return NULL;
}

AwlValue
awl_when_all_result (AwlSim    *sim,
                     AwlObject *task)
{
  guint n = 0;
  g_autofree AwlValue *results = awl_task_get_when_all_results (task, &n);
  if (results == NULL)
    return awl_value_null ();
  return awl_value_object (awl_list_new_from (sim, TRUE, results, n));
}
