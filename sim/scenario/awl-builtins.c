/* awl-builtins.c
 *
 * The interpreter's entry into the .NET API: binding call sites to rows of the API
 * table (awl-known-api.h) at compile time, picking the row by the receiver's type
 * at run time, and the helpers the family files (awl-builtins-*.c) share.
 */

#include <math.h>
#include <string.h>

#include "awl-builtins-private.h"

/* ----------------------------------------------------------------------------- */
/* Results and exceptions */

static const struct { const char *type; const char *message; } default_messages[] = {
  { "Exception", "Exception of type 'System.Exception' was thrown." },
  { "InvalidOperationException", "Operation is not valid due to the current state of the object." },
  { "OperationCanceledException", "The operation was canceled." },
  { "TaskCanceledException", "A task was canceled." },
  { "ArgumentException", "Value does not fall within the expected range." },
  { "ArgumentNullException", "Value cannot be null." },
  { "ArgumentOutOfRangeException", "Specified argument was out of the range of valid values." },
  { "TimeoutException", "The operation has timed out." },
  { "NotSupportedException", "Specified method is not supported." },
  { "NotImplementedException", "The method or operation is not implemented." },
  { "HttpRequestException", "An error occurred while sending the request." },
  { "NullReferenceException", "Object reference not set to an instance of an object." },
  { "DivideByZeroException", "Attempted to divide by zero." },
  { "ApplicationException", "Error in the application." },
};

AwlObject *
awl_scn_exception (AwlSim     *sim,
                   const char *type,
                   const char *message)
{
  if (message == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (default_messages); i++)
        if (g_str_equal (default_messages[i].type, type))
          message = default_messages[i].message;
      if (message == NULL)
        message = awl_sim_intern_printf (sim, "Exception of type 'System.%s' was thrown.", type);
    }
  return awl_sim_exception_new (sim, type, message);
}

AwlBiResult
bi_throw (AwlBiCall  *call,
          const char *type,
          const char *message)
{
  call->exception = awl_scn_exception (call->sim, type, message);
  return BI_THROW;
}

/* Throws the runtime's own exception @error, or a new @type when it gave none. */
AwlBiResult
bi_throw_error (AwlBiCall  *call,
                AwlObject  *error,
                const char *type,
                const char *message)
{
  call->exception = error ? error : awl_scn_exception (call->sim, type, message);
  return BI_THROW;
}

AwlBiResult
bi_null_reference (AwlBiCall *call)
{
  return bi_throw (call, "NullReferenceException", NULL);
}

AwlBiResult
bi_bad_timeout (AwlBiCall *call)
{
  return bi_throw (call, "ArgumentOutOfRangeException",
                   "Number must be either non-negative and less than or equal to Int32.MaxValue or -1. (Parameter 'millisecondsTimeout')");
}

/* ----------------------------------------------------------------------------- */
/* Arguments */

guint
bi_n_positional (AwlBiCall *call)
{
  return call->n_args - call->site->n_named;
}

AwlValue *
bi_named_arg (AwlBiCall  *call,
              const char *name)
{
  guint pos = bi_n_positional (call);
  for (guint i = 0; i < call->site->n_named; i++)
    if (g_str_equal (call->site->names[i], name))
      return &call->args[pos + i];
  return NULL;
}

gboolean
bi_arg_time (AwlValue  v,
             AwlTime  *out)
{
  AwlTimeSpan *ts = awl_value_get_foreign (v, &awl_timespan_class);

  if (ts != NULL)
    *out = ts->ticks * 100;
  else if (v.kind == AWL_VALUE_INT)
    *out = AWL_MS (v.i);
  else if (v.kind == AWL_VALUE_DOUBLE && isfinite (v.d))
    *out = (AwlTime) (v.d * 1e6);
  else
    return FALSE;
  if (*out < 0)
    return FALSE;
  if (*out > AWL_S (1000000))
    *out = AWL_S (1000000);
  return TRUE;
}

/* A wait timeout in milliseconds (or a TimeSpan): -1 (Timeout.Infinite) gives -1.
 * FALSE for other negative values. */
gboolean
bi_arg_timeout (AwlValue  v,
                AwlTime  *out)
{
  if (v.kind == AWL_VALUE_INT && v.i == -1)
    {
      *out = -1;
      return TRUE;
    }
  return bi_arg_time (v, out);
}

gboolean
bi_is_number (AwlValue v)
{
  return v.kind == AWL_VALUE_INT || v.kind == AWL_VALUE_DOUBLE;
}

gboolean
bi_is_time (AwlValue v)
{
  return bi_is_number (v) || awl_value_get_foreign (v, &awl_timespan_class) != NULL;
}

double
bi_arg_double (AwlValue v)
{
  return v.kind == AWL_VALUE_INT ? (double) v.i : v.kind == AWL_VALUE_DOUBLE ? v.d : 0;
}

AwlObject *
bi_arg_token (AwlValue v)
{
  return awl_value_get_object (v, AWL_OBJECT_TOKEN);
}

gint64
bi_arg_int (AwlValue v,
            gint64   fallback)
{
  if (v.kind == AWL_VALUE_INT)
    return v.i;
  if (v.kind == AWL_VALUE_DOUBLE)
    return (gint64) v.d;
  return fallback;
}

const AwlValue *
bi_params (AwlBiCall *call,
           guint      from,
           guint     *n)
{
  AwlList *l = call->n_args == from + 1 ? awl_value_get_foreign (call->args[from], &awl_list_class) : NULL;

  if (l != NULL)
    {
      *n = l->items->len;
      return (const AwlValue *) l->items->data;
    }
  *n = call->n_args > from ? call->n_args - from : 0;
  return call->args + from;
}

GPtrArray *
bi_collect_tasks (AwlBiCall *call,
                  guint      from,
                  guint      n_args)
{
  GPtrArray *tasks = g_ptr_array_new ();
  AwlList *l = n_args == from + 1 ? awl_value_get_foreign (call->args[from], &awl_list_class) : NULL;
  const AwlValue *items = l ? (AwlValue *) l->items->data : call->args + from;
  guint n = l ? l->items->len : n_args - from;

  for (guint i = 0; i < n; i++)
    {
      AwlObject *t = awl_value_to_task (items[i]);
      if (t == NULL)
        {
          g_ptr_array_unref (tasks);
          return NULL;
        }
      g_ptr_array_add (tasks, t);
    }
  return tasks;
}

gboolean
bi_wait_timeout_arg (AwlBiCall *call,
                     AwlTime   *timeout,
                     gboolean  *bad)
{
  *timeout = -1;
  *bad = FALSE;
  if (call->n_args < 2 || !bi_is_time (call->args[call->n_args - 1]))
    return FALSE;
  *bad = !bi_arg_timeout (call->args[call->n_args - 1], timeout);
  return TRUE;
}

/* ----------------------------------------------------------------------------- */
/* Frames */

AwlFrame *
bi_closure_arg_frame (AwlBiCall *call,
                      AwlValue   v,
                      guint      n_nulls)
{
  AwlClosure *cl = awl_value_get_foreign (v, &awl_closure_class);
  AwlValue nulls[4] = { { 0 } };
  if (cl == NULL)
    return NULL;
  return awl_closure_frame (call->run, cl, nulls, MIN (n_nulls, cl->code->n_params));
}

/* A lambda converted to an Action (new Thread, QueueUserWorkItem, token.Register):
 * an async one is async void there — nobody waits for it, and what escapes it goes to
 * the context or crashes the process. */
AwlFrame *
bi_action_arg_frame (AwlBiCall *call,
                     AwlValue   v,
                     guint      n_nulls)
{
  AwlFrame *frame = bi_closure_arg_frame (call, v, n_nulls);
  if (frame != NULL && (frame->flags & AWL_FRAME_ASYNC))
    frame->flags |= AWL_FRAME_ASYNC_VOID;
  return frame;
}

void
bi_helper_free (AwlFrame *frame)
{
  AwlHelperFrame *h = (AwlHelperFrame *) frame;
  g_clear_pointer (&h->tasks, g_ptr_array_unref);
  g_free (frame);
}

AwlHelperFrame *
bi_helper_new (const AwlFrameClass *klass,
               AwlRun              *run)
{
  AwlHelperFrame *h = g_new0 (AwlHelperFrame, 1);
  AwlFrame *cur = awl_sim_current_frame (run->sim);
  awl_frame_init (&h->parent, klass);
  h->run = run;
  h->parent.line = cur ? cur->line : 0;
  h->timeout = -1;
  return h;
}

/* ----------------------------------------------------------------------------- */
/* Binding call sites (compile time) */

char *
awl_normalize_type (const char *dotted)
{
  return awl_known_api_normalize_type (dotted);
}

const AwlKnownApi *
awl_builtin_static_lookup (const char *type,
                           const char *member)
{
  return awl_known_api_lookup_static (type, member);
}

const AwlKnownApi *
awl_builtin_ctor_lookup (const char *type)
{
  const AwlKnownApi *api = awl_known_api_lookup (type, ".ctor", AWL_API_CONSTRUCTOR);

  if (api == NULL && g_str_has_suffix (type, "Exception"))
    api = awl_known_api_lookup ("Exception", ".ctor", AWL_API_CONSTRUCTOR);
  return api;
}

gboolean
awl_builtin_member_bind (AwlCallSite *site)
{
  site->members = awl_known_api_instance_rows (site->member, &site->n_members);
  return site->n_members > 0;
}

gboolean
awl_builtin_type_exists (const char *type)
{
  return awl_known_api_is_type (type) && !g_str_equal (type, "System");
}

/* ----------------------------------------------------------------------------- */
/* Dispatch (run time) */

/* The checker enforces the table's argument counts; this keeps a row's function from
 * reading past the arguments if a program reaches it some other way. */
static AwlBiResult
run_row (AwlBiCall         *call,
         const AwlKnownApi *api)
{
  call->api = api;
  if ((api->kind == AWL_API_STATIC_METHOD || api->kind == AWL_API_INSTANCE_METHOD ||
       api->kind == AWL_API_CONSTRUCTOR) && call->n_args < api->min_args)
    return bi_throw (call, "ArgumentException",
                     awl_sim_intern_printf (call->sim, "'%s.%s' needs at least %u arguments",
                                            api->type, api->member, api->min_args));
  return api->impl (call);
}

AwlBiResult
awl_builtin_call_static (AwlBiCall *call)
{
  return run_row (call, call->site->api);
}

AwlBiResult
awl_builtin_get_static (AwlBiCall *call)
{
  return run_row (call, call->site->api);
}

AwlBiResult
awl_builtin_new (AwlBiCall *call)
{
  return run_row (call, call->site->api);
}

/* The API types a receiver has, most specific first; "object" is always last. */
static guint
receiver_types (AwlValue     v,
                const char **out)
{
  guint n = 0;
  AwlList *l;

  switch (v.kind)
    {
    case AWL_VALUE_STRING:
      out[n++] = "string";
      out[n++] = "Type";   /* GetType() answers the type's name */
      break;
    case AWL_VALUE_INT:
    case AWL_VALUE_DOUBLE:
    case AWL_VALUE_BOOL:
      out[n++] = "Nullable";   /* the value of an `int?` that has one */
      break;
    case AWL_VALUE_OBJECT:
      switch (v.o->type)
        {
        case AWL_OBJECT_TASK: out[n++] = "Task"; break;
        case AWL_OBJECT_TCS: out[n++] = "TaskCompletionSource"; break;
        case AWL_OBJECT_SEMAPHORE: out[n++] = "SemaphoreSlim"; break;
        case AWL_OBJECT_CTS: out[n++] = "CancellationTokenSource"; break;
        case AWL_OBJECT_TOKEN: out[n++] = "CancellationToken"; break;
        case AWL_OBJECT_THREAD: out[n++] = "Thread"; break;
        case AWL_OBJECT_REGISTRATION: out[n++] = "CancellationTokenRegistration"; break;
        case AWL_OBJECT_ENUMERATOR:
          out[n++] = "IAsyncEnumerator";
          out[n++] = "IAsyncEnumerable";
          break;
        case AWL_OBJECT_EXCEPTION:
          out[n++] = "Exception";
          out[n++] = "AggregateException";
          break;
        case AWL_OBJECT_FOREIGN:
          if ((l = awl_value_get_foreign (v, &awl_list_class)) != NULL)
            {
              if (l->is_grouping)
                out[n++] = "IGrouping";
              out[n++] = l->is_array ? "Array" : "List";
              out[n++] = "Enumerable";
              if (l->is_array)
                out[n++] = "List";
            }
          else if (awl_value_get_foreign (v, &awl_lazy_class))
            out[n++] = "Enumerable";
          else if (awl_value_get_foreign (v, &awl_awaitable_class))
            {
              out[n++] = "ConfiguredTaskAwaitable";
              out[n++] = "TaskAwaiter";
            }
          else if (awl_value_get_foreign (v, &awl_timespan_class))
            out[n++] = "TimeSpan";
          else if (awl_value_get_foreign (v, &awl_closure_class) ||
                   awl_value_get_foreign (v, &awl_multicast_class))
            out[n++] = "Delegate";
          else
            {
              out[n++] = ((AwlForeign *) v.o)->klass->name;   /* Uri, Stopwatch, … */
              /* Dictionaries, Queue, Stack, HashSet: LINQ walks their items. */
              if (awl_is_enumerable_collection (v))
                out[n++] = "Enumerable";
            }
          break;
        default:
          break;
        }
      break;
    default:
      break;
    }
  out[n++] = "object";
  return n;
}

static AwlBiResult
no_member (AwlBiCall *call)
{
  return bi_throw (call, "MissingMemberException",
                   awl_sim_intern_printf (call->sim, "'%s' does not contain a member '%s' (Awaitlab)",
                                          awl_value_describe_type (call->target), call->site->member));
}

static const AwlKnownApi *
find_row (AwlCallSite *site,
          const char  *type)
{
  for (guint i = 0; i < site->n_members; i++)
    if (g_str_equal (site->members[i]->type, type))
      return site->members[i];
  return NULL;
}

/* ----------------------------------------------------------------------------- */
/* Objects of the script's classes */

static int
instance_new (AwlBiCall *call)
{
  const AwlClassInfo *klass = call->site->klass;
  AwlInstance *inst = awl_sim_foreign_new (call->sim, &awl_instance_class, sizeof (AwlInstance));

  inst->klass = klass;
  inst->slots = g_new0 (AwlValue, MAX (klass->fields->len, 1));
  return bi_value (call, awl_value_object (inst));
}

const AwlKnownApi awl_instance_ctor = { "<class>", ".ctor", AWL_API_CONSTRUCTOR, 0, 0, NULL, 0, instance_new, 0, NULL };

static AwlValue *
instance_slot (AwlInstance *inst,
               const char  *name)
{
  for (guint i = 0; i < inst->klass->fields->len; i++)
    if (g_str_equal (inst->klass->fields->pdata[i], name))
      return &inst->slots[i];
  return awl_tuple_item (inst, name);
}

/* A field read, or a method call the compiler could not bind to one class. */
static AwlBiResult
instance_member (AwlBiCall   *call,
                 AwlInstance *inst)
{
  AwlValue *slot = instance_slot (inst, call->site->member);
  AwlCode *code;
  g_autofree AwlValue *argv = NULL;
  g_autofree char *get = g_strconcat ("get_", call->site->member, NULL);

  /* A property with a body (its getter, maybe an override) wins over a slot. */
  code = g_hash_table_lookup (inst->klass->methods, get);
  if (code != NULL && (code->func->flags & AWL_FUNC_ACCESSOR) && call->n_args == 0)
    {
      awl_step_call (call->s, awl_interp_frame_new (call->run, code, &call->target, 1, NULL));
      return bi_action (call);
    }
  if (slot != NULL)
    return bi_value (call, *slot);
  code = g_hash_table_lookup (inst->klass->methods, call->site->member);
  if (code == NULL && g_str_equal (call->site->member, "Equals") && call->n_args == 1)
    {
      /* object.Equals: value equality for records, identity otherwise. */
      gboolean eq;
      if (!awl_record_equal (call->target, call->args[0], &eq))
        eq = awl_value_equal (call->target, call->args[0]);
      return bi_value (call, awl_value_bool (eq));
    }
  if (code == NULL && g_str_equal (call->site->member, "ToString") && call->n_args == 0)
    return bi_value (call, awl_value_string (bi_to_string (call->sim, call->target)));
  if (code == NULL)
    return bi_throw (call, "MissingMemberException",
                     awl_sim_intern_printf (call->sim, "'%s' does not contain a member '%s'",
                                            inst->klass->name, call->site->member));
  if (call->n_args + 1 != code->func->n_params || call->site->n_named > 0)
    return bi_throw (call, "ArgumentException",
                     awl_sim_intern_printf (call->sim, "'%s.%s' takes %u arguments (Awaitlab passes them only by position here)",
                                            inst->klass->name, call->site->member, code->func->n_params - 1));
  argv = g_new (AwlValue, call->n_args + 1);
  argv[0] = call->target;
  for (guint i = 0; i < call->n_args; i++)
    argv[i + 1] = call->args[i];
  awl_step_call (call->s, awl_interp_frame_new (call->run, code, argv, call->n_args + 1, NULL));
  return bi_action (call);
}

/* Whether an object of the script has a member @name of its own. */
static gboolean
instance_has (AwlInstance *inst,
              const char  *name)
{
  g_autofree char *get = g_strconcat ("get_", name, NULL);

  return instance_slot (inst, name) != NULL || g_hash_table_contains (inst->klass->methods, name) ||
         g_hash_table_contains (inst->klass->methods, get);
}

/* A LINQ row on a collection that is not a list runs on a snapshot of its items. */
static AwlBiResult
run_member_row (AwlBiCall         *call,
                const AwlKnownApi *api)
{
  if (g_str_equal (api->type, "Enumerable") && awl_is_enumerable_collection (call->target))
    call->target = awl_value_object (awl_enumerable_items (call->sim, call->target));
  return run_row (call, api);
}

static AwlBiResult
member (AwlBiCall *call,
        gboolean   is_call)
{
  const char *types[8];
  guint n;
  AwlInstance *inst = awl_value_get_foreign (call->target, &awl_instance_class);
  AwlObject *exc = awl_value_get_object (call->target, AWL_OBJECT_EXCEPTION);
  AwlInstance *own = exc != NULL ? awl_exception_get_script_object (exc) : NULL;

  /* An exception class of the script: its own members first, then Exception's. */
  if (own != NULL && instance_has (own, call->site->member))
    {
      call->target = awl_value_object (own);
      return instance_member (call, own);
    }
  if (inst != NULL && inst->exception != NULL && !instance_has (inst, call->site->member))
    call->target = awl_value_object (inst->exception);   /* `Message` inside the class */
  else if (inst != NULL)
    return instance_member (call, inst);

  /* CancellationToken.None / default is the null token; a null `int?` has no value. */
  if (call->target.kind == AWL_VALUE_NULL)
    {
      const AwlKnownApi *api = find_row (call->site, awl_builtin_nullable_receiver (call->site)
                                                     ? "Nullable" : "CancellationToken");
      return api ? run_row (call, api) : bi_null_reference (call);
    }
  n = receiver_types (call->target, types);
  /* A call prefers a method (`list.Count(x => …)` is Enumerable.Count, not the
   * List.Count property); a read prefers a property. */
  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < call->site->n_members; k++)
      {
        const AwlKnownApi *api = call->site->members[k];
        if (g_str_equal (api->type, types[i]) &&
            (api->kind == AWL_API_INSTANCE_METHOD) == is_call)
          return run_member_row (call, api);
      }
  for (guint i = 0; i < n; i++)
    {
      const AwlKnownApi *api = find_row (call->site, types[i]);
      if (api != NULL)
        return run_member_row (call, api);
    }
  /* `var (k, v) = pair`: KeyValuePair's Deconstruct. */
  if (!is_call && awl_key_value_item (call->target, call->site->member, &call->result))
    return BI_VALUE;
  return no_member (call);
}

AwlBiResult
awl_builtin_call_member (AwlBiCall *call)
{
  return member (call, TRUE);
}

AwlBiResult
awl_builtin_get_member (AwlBiCall *call)
{
  AwlInstance *inst = awl_value_get_foreign (call->target, &awl_instance_class);
  AwlCode *code = inst != NULL ? g_hash_table_lookup (inst->klass->methods, call->site->member) : NULL;

  if (code != NULL && instance_slot (inst, call->site->member) == NULL)
    {
      /* `worker.Loop` as a value: a delegate bound to the object. */
      AwlClosure *cl = awl_sim_foreign_new (call->sim, &awl_closure_class, sizeof (AwlClosure));

      cl->code = code;
      cl->bound = TRUE;
      cl->self = call->target;
      return bi_value (call, awl_value_object (cl));
    }
  return member (call, FALSE);
}

AwlBiResult
awl_builtin_set_member (AwlBiCall *call)
{
  AwlValue t = call->target;

  AwlInstance *inst = awl_value_get_foreign (t, &awl_instance_class);

  if (t.kind == AWL_VALUE_NULL)
    return bi_null_reference (call);
  if (inst != NULL)
    {
      g_autofree char *set = g_strconcat ("set_", call->site->member, NULL);
      AwlCode *code = g_hash_table_lookup (inst->klass->methods, set);

      if (code != NULL && (code->func->flags & AWL_FUNC_ACCESSOR))
        {
          /* A property with a body: its setter (the interpreter pushes the value if
           * the assignment's value is used). */
          AwlValue argv[2] = { t, call->args[0] };
          awl_step_call (call->s, awl_interp_frame_new (call->run, code, argv, 2, NULL));
          return bi_action (call);
        }
    }
  if (inst != NULL && instance_slot (inst, call->site->member) != NULL)
    {
      *instance_slot (inst, call->site->member) = call->args[0];
      return bi_value (call, awl_value_null ());
    }
  if (awl_value_get_object (t, AWL_OBJECT_THREAD) &&
      (g_str_equal (call->site->member, "IsBackground") || g_str_equal (call->site->member, "Name")))
    return bi_value (call, awl_value_null ());
  {
    /* A settable property of the API table (AsyncLocal<T>.Value). */
    const char *types[8];
    guint n = receiver_types (t, types), n_rows = 0;
    const AwlKnownApi * const *rows = awl_known_api_instance_rows (call->site->member, &n_rows);

    for (guint i = 0; i < n; i++)
      for (guint r = 0; r < n_rows; r++)
        if (g_str_equal (rows[r]->type, types[i]) && rows[r]->kind == AWL_API_INSTANCE_PROPERTY &&
            (rows[r]->flags & AWL_API_SETTABLE))
          return run_row (call, rows[r]);
  }
  return bi_throw (call, "MissingMemberException",
                   awl_sim_intern_printf (call->sim, "property '%s' of '%s' cannot be assigned in Awaitlab",
                                          call->site->member, awl_value_describe_type (t)));
}

static AwlBiResult
index_check (AwlBiCall *call,
             AwlList  **l,
             guint     *index)
{
  AwlValue idx = call->args[0];

  if (call->target.kind == AWL_VALUE_NULL)
    return bi_null_reference (call);
  *l = awl_value_get_foreign (call->target, &awl_list_class);
  if (*l == NULL)
    return bi_throw (call, "InvalidOperationException",
                     awl_sim_intern_printf (call->sim, "cannot apply indexing to a value of type '%s'",
                                            awl_value_describe_type (call->target)));
  if (idx.kind != AWL_VALUE_INT || idx.i < 0 || idx.i >= (gint64) (*l)->items->len)
    {
      if ((*l)->is_array)
        return bi_throw (call, "IndexOutOfRangeException", "Index was outside the bounds of the array.");
      return bi_throw (call, "ArgumentOutOfRangeException",
                       "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')");
    }
  *index = (guint) idx.i;
  return BI_VALUE;
}

AwlBiResult
awl_builtin_index_get (AwlBiCall *call)
{
  AwlList *l = NULL;
  guint index = 0;
  AwlBiResult r;

  if (awl_cdict_index (call, FALSE, &r) || awl_json_index (call, &r))
    return r;
  if (call->target.kind == AWL_VALUE_STRING)
    {
      const char *s = call->target.s;
      AwlValue idx = call->args[0];
      char buf[8] = { 0 };
      if (idx.kind != AWL_VALUE_INT || idx.i < 0 || idx.i >= g_utf8_strlen (s, -1))
        return bi_throw (call, "IndexOutOfRangeException", "Index was outside the bounds of the array.");
      g_unichar_to_utf8 (g_utf8_get_char (g_utf8_offset_to_pointer (s, idx.i)), buf);
      return bi_value (call, awl_value_string (awl_sim_intern (call->sim, buf)));
    }
  if ((r = index_check (call, &l, &index)) != BI_VALUE)
    return r;
  return bi_value (call, g_array_index (l->items, AwlValue, index));
}

AwlBiResult
awl_builtin_index_set (AwlBiCall *call)
{
  AwlList *l = NULL;
  guint index = 0;
  AwlBiResult r;

  if (awl_cdict_index (call, TRUE, &r))
    return r;
  if ((r = index_check (call, &l, &index)) != BI_VALUE)
    return r;
  g_array_index (l->items, AwlValue, index) = call->args[1];
  if (!l->is_array)
    awl_list_changed (l);
  return bi_value (call, awl_value_null ());
}
