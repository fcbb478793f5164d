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
  g_clear_pointer (&((AwlList *) self)->order_levels, g_ptr_array_unref);
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

static void
instance_finalize (AwlForeign *self)
{
  g_free (((AwlInstance *) self)->slots);
}

static void
instance_to_string (AwlForeign *self,
                    GString    *out)
{
  AwlInstance *inst = (AwlInstance *) self;

  if (awl_instance_is_tuple (inst))
    {
      awl_tuple_to_string (inst, out);
      return;
    }
  if (inst->klass->is_record)
    {
      /* A record prints its members: `Point { X = 1, Y = 2 }`. */
      const GArray *shown = inst->klass->printed;
      guint n = shown != NULL ? shown->len : 0;

      g_string_append_printf (out, "%s { ", inst->klass->name);
      for (guint i = 0; i < n; i++)
        {
          guint slot = g_array_index (shown, guint, i);
          g_string_append_printf (out, "%s%s = ", i ? ", " : "", (const char *) inst->klass->fields->pdata[slot]);
          awl_scn_value_format (inst->slots[slot], out);
        }
      g_string_append (out, n ? " }" : "}");
      return;
    }
  if (inst->klass->name[0] != '<')
    {
      g_string_append (out, inst->klass->name);
      return;
    }
  /* An anonymous type prints its members. */
  g_string_append (out, "{ ");
  for (guint i = 0; i < inst->klass->fields->len; i++)
    {
      g_string_append_printf (out, "%s%s = ", i ? ", " : "", (const char *) inst->klass->fields->pdata[i]);
      awl_scn_value_format (inst->slots[i], out);
    }
  g_string_append (out, " }");
}

const AwlForeignClass awl_instance_class = { "instance", instance_finalize, instance_to_string };

static void
multicast_to_string (AwlForeign *self,
                     GString    *out)
{
  g_string_append (out, "System.EventHandler");
}

const AwlForeignClass awl_multicast_class = { "MulticastDelegate", list_finalize, multicast_to_string };

/* TimeSpan.ToString(): [-][d.]hh:mm:ss[.fffffff] */
static void
timespan_to_string (AwlForeign *self,
                    GString    *out)
{
  gint64 t = ((AwlTimeSpan *) self)->ticks;
  guint64 a = t < 0 ? -(guint64) t : (guint64) t;
  guint64 days = a / G_GUINT64_CONSTANT (864000000000);
  guint64 rest = a % G_GUINT64_CONSTANT (864000000000);
  guint64 frac = rest % 10000000;
  guint64 secs = rest / 10000000;

  if (t < 0)
    g_string_append_c (out, '-');
  if (days > 0)
    g_string_append_printf (out, "%" G_GUINT64_FORMAT ".", days);
  g_string_append_printf (out, "%02u:%02u:%02u", (guint) (secs / 3600), (guint) (secs / 60 % 60), (guint) (secs % 60));
  if (frac != 0)
    g_string_append_printf (out, ".%07u", (guint) frac);
}

const AwlForeignClass awl_timespan_class = { "TimeSpan", NULL, timespan_to_string };

AwlValue
awl_timespan_new (AwlSim *sim,
                  gint64  ticks)
{
  AwlTimeSpan *ts = awl_sim_foreign_new (sim, &awl_timespan_class, sizeof (AwlTimeSpan));
  ts->ticks = ticks;
  return awl_value_object (ts);
}

gboolean
awl_timespan_binary (AwlSim   *sim,
                     int       op,
                     AwlValue  a,
                     AwlValue  b,
                     AwlValue *out)
{
  AwlTimeSpan *x = awl_value_get_foreign (a, &awl_timespan_class);
  AwlTimeSpan *y = awl_value_get_foreign (b, &awl_timespan_class);

  if (x == NULL || y == NULL)
    return FALSE;
  switch (op)
    {
    case AWL_BINARY_ADD: *out = awl_timespan_new (sim, x->ticks + y->ticks); return TRUE;
    case AWL_BINARY_SUB: *out = awl_timespan_new (sim, x->ticks - y->ticks); return TRUE;
    case AWL_BINARY_EQ: *out = awl_value_bool (x->ticks == y->ticks); return TRUE;
    case AWL_BINARY_NE: *out = awl_value_bool (x->ticks != y->ticks); return TRUE;
    case AWL_BINARY_LT: *out = awl_value_bool (x->ticks < y->ticks); return TRUE;
    case AWL_BINARY_LE: *out = awl_value_bool (x->ticks <= y->ticks); return TRUE;
    case AWL_BINARY_GT: *out = awl_value_bool (x->ticks > y->ticks); return TRUE;
    case AWL_BINARY_GE: *out = awl_value_bool (x->ticks >= y->ticks); return TRUE;
    default: return FALSE;
    }
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
  if (closure->bound)
    {
      /* An instance method as a delegate: its object comes first. */
      g_autofree AwlValue *argv = g_new (AwlValue, n + 1);

      argv[0] = closure->self;
      for (guint i = 0; i < n; i++)
        argv[i + 1] = args[i];
      return awl_interp_frame_new (run, closure->code, argv, n + 1, closure->env);
    }
  return awl_interp_frame_new (run, closure->code, args, n, closure->env);
}

void
awl_closure_call2 (AwlRun     *run,
                   AwlStep    *s,
                   AwlClosure *closure,
                   AwlValue    a,
                   AwlValue    b,
                   guint       n)
{
  AwlValue args[2] = { a, b };

  awl_step_call (s, awl_closure_frame (run, closure, args, MIN (MIN (n, 2), closure->code->n_params)));
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

/* ----------------------------------------------------------------------------- */
/* Multicast delegates (events) */

static gboolean
append_delegate (GArray   *items,
                 AwlValue  v)
{
  AwlList *m;

  if (v.kind == AWL_VALUE_NULL)
    return TRUE;
  if (awl_value_get_foreign (v, &awl_closure_class) != NULL)
    {
      g_array_append_val (items, v);
      return TRUE;
    }
  if ((m = awl_value_get_foreign (v, &awl_multicast_class)) != NULL)
    {
      g_array_append_vals (items, m->items->data, m->items->len);
      return TRUE;
    }
  return FALSE;
}

/* Delegates are equal when they run the same code on the same captured state (a
 * method group makes a new closure each time it is named). */
static gboolean
same_delegate (AwlValue a,
               AwlValue b)
{
  AwlClosure *x = awl_value_get_foreign (a, &awl_closure_class);
  AwlClosure *y = awl_value_get_foreign (b, &awl_closure_class);

  return x != NULL && y != NULL && x->code == y->code && x->env == y->env;
}

gboolean
awl_delegate_combine (AwlSim   *sim,
                      AwlValue  a,
                      AwlValue  b,
                      gboolean  remove,
                      AwlValue *out)
{
  g_autoptr(GArray) left = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  g_autoptr(GArray) right = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  AwlList *m;

  if (a.kind == AWL_VALUE_NULL && b.kind == AWL_VALUE_NULL)
    return FALSE;
  if (!append_delegate (left, a) || !append_delegate (right, b))
    return FALSE;
  if (remove)
    {
      /* d - x removes the last occurrence of x's invocation list, as .NET does. */
      for (gint i = (gint) left->len - (gint) right->len; right->len > 0 && i >= 0; i--)
        {
          gboolean same = TRUE;
          for (guint k = 0; k < right->len && same; k++)
            same = same_delegate (g_array_index (left, AwlValue, i + k), g_array_index (right, AwlValue, k));
          if (same)
            {
              g_array_remove_range (left, i, right->len);
              break;
            }
        }
    }
  else
    g_array_append_vals (left, right->data, right->len);

  if (left->len == 0)
    *out = awl_value_null ();
  else if (left->len == 1)
    *out = g_array_index (left, AwlValue, 0);
  else
    {
      m = awl_sim_foreign_new (sim, &awl_multicast_class, sizeof (AwlList));
      m->items = g_array_ref (left);
      *out = awl_value_object (m);
    }
  return TRUE;
}

typedef struct
{
  AwlFrame   parent;
  AwlRun    *run;
  AwlList   *targets;
  AwlValue  *args;
  guint      n_args;
  guint      next;
} MulticastFrame;

static void
multicast_step (AwlFrame *frame,
                AwlStep  *s)
{
  MulticastFrame *m = (MulticastFrame *) frame;
  AwlClosure *fn;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  if (m->next >= m->targets->items->len)
    {
      awl_step_return (s, m->next > 0 ? s->value : awl_value_null ());
      return;
    }
  fn = awl_value_get_foreign (g_array_index (m->targets->items, AwlValue, m->next++), &awl_closure_class);
  awl_step_call (s, awl_closure_frame (m->run, fn, m->args, MIN (m->n_args, fn->code->n_params)));
}

static void
multicast_free (AwlFrame *frame)
{
  g_free (((MulticastFrame *) frame)->args);
  g_free (frame);
}

static const AwlFrameClass multicast_frame_class = { "Delegate.Invoke", 0, multicast_step, multicast_free };

AwlFrame *
awl_multicast_frame_new (AwlRun         *run,
                         AwlList        *multicast,
                         const AwlValue *args,
                         guint           n_args)
{
  MulticastFrame *m = g_new0 (MulticastFrame, 1);
  AwlFrame *cur = awl_sim_current_frame (run->sim);

  awl_frame_init (&m->parent, &multicast_frame_class);
  m->parent.line = cur ? cur->line : 0;
  m->run = run;
  m->targets = multicast;
  m->args = g_memdup2 (args, sizeof (AwlValue) * MAX (n_args, 1));
  m->n_args = n_args;
  return &m->parent;
}
