/* awl-builtins.c
 *
 * The .NET API and the simulated world (Http, Db, Cpu) mapped onto the runtime's
 * instant APIs and actions, plus the scenario layer's own objects (lists, closures,
 * lazy LINQ queries, awaitables) and C#-style value formatting.
 */

#include <math.h>
#include <string.h>

#include "awl-objects.h"

/* ----------------------------------------------------------------------------- */
/* Object classes */

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

static const char *
clr_type_name (AwlValue v)
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
  const char *elem = l->items->len > 0 ? clr_type_name (g_array_index (l->items, AwlValue, 0)) : "System.Object";
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
static const AwlForeignClass sync_context_class = { "SynchronizationContext", NULL, NULL };

typedef struct
{
  AwlForeign parent;
  AwlTime    start;
  AwlTime    stopped;   /* AWL_TIME_NONE while running */
} Stopwatch;

static const AwlForeignClass stopwatch_class = { "Stopwatch", NULL, NULL };

static Stopwatch *
stopwatch_new (AwlSim *sim)
{
  Stopwatch *sw = awl_sim_foreign_new (sim, &stopwatch_class, sizeof (Stopwatch));
  sw->start = awl_sim_now (sim);
  sw->stopped = AWL_TIME_NONE;
  return sw;
}

/* Small frames written in C: Task.Unwrap(), Task.WaitAny() and the callback of a
 * linked CancellationTokenSource. */
typedef struct
{
  AwlFrame    parent;
  AwlRun     *run;
  AwlObject  *task;
  AwlObject  *cts;
  AwlClosure *fn;
  GPtrArray  *tasks;
  int         phase;
  AwlTime     timeout;   /* WaitAny(tasks, ms); < 0 = none */
  AwlTaskOptions options; /* ContinueWith */
} HelperFrame;

static void
helper_free (AwlFrame *frame)
{
  HelperFrame *h = (HelperFrame *) frame;
  g_clear_pointer (&h->tasks, g_ptr_array_unref);
  g_free (frame);
}

/* Task.WaitAny: blocks on the WhenAny task, then answers the winner's index. */
static void
wait_any_step (AwlFrame *frame,
               AwlStep  *s)
{
  HelperFrame *h = (HelperFrame *) frame;
  AwlObject *winner;
  guint index = 0;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  if (h->phase++ == 0)
    {
      if (h->timeout >= 0)
        awl_step_wait_timeout (s, h->task, AWL_WAIT_RESULT, h->timeout);
      else
        awl_step_wait (s, h->task, AWL_WAIT_RESULT);
      return;
    }
  if (h->timeout >= 0)
    {
      /* Timed out: -1, as WaitAny(tasks, ms) answers. */
      if (s->value.kind != AWL_VALUE_BOOL || !s->value.b)
        {
          awl_step_return (s, awl_value_int (-1));
          return;
        }
      winner = awl_value_get_object (awl_task_get_result (h->task), AWL_OBJECT_TASK);
    }
  else
    winner = awl_value_get_object (s->value, AWL_OBJECT_TASK);
  g_ptr_array_find (h->tasks, winner, &index);
  awl_step_return (s, awl_value_int (index));
}

static void
unwrap_step (AwlFrame *frame,
             AwlStep  *s)
{
  HelperFrame *h = (HelperFrame *) frame;
  AwlObject *inner;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  switch (h->phase++)
    {
    case 0:
      frame->state = 0;
      awl_step_await (s, h->task, FALSE);
      return;
    case 1:
      inner = awl_value_get_object (s->value, AWL_OBJECT_TASK);
      if (inner == NULL)
        {
          awl_step_return (s, s->value);
          return;
        }
      frame->state = 1;
      awl_step_await (s, inner, FALSE);
      return;
    default:
      awl_step_return (s, s->value);
      return;
    }
}

static void
linked_cancel_step (AwlFrame *frame,
                    AwlStep  *s)
{
  HelperFrame *h = (HelperFrame *) frame;
  if (h->phase++ == 0)
    {
      awl_sim_cts_cancel (h->run->sim, h->cts);
      awl_step_continue (s);
      return;
    }
  awl_step_return (s, awl_value_null ());
}

static const AwlFrameClass unwrap_class = { "Unwrap", AWL_FRAME_ASYNC, unwrap_step, helper_free };
static const AwlFrameClass wait_any_class = { "Task.WaitAny", 0, wait_any_step, helper_free };
static const AwlFrameClass linked_cancel_class = { "CancellationTokenSource.Cancel (linked)", 0, linked_cancel_step, helper_free };

static HelperFrame *
helper_new (const AwlFrameClass *klass,
            AwlRun              *run)
{
  HelperFrame *h = g_new0 (HelperFrame, 1);
  AwlFrame *cur = awl_sim_current_frame (run->sim);
  awl_frame_init (&h->parent, klass);
  h->run = run;
  h->parent.line = cur ? cur->line : 0;
  h->timeout = -1;
  return h;
}

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

/* ----------------------------------------------------------------------------- */
/* Formatting */

/* A double as .NET Core 3.0+ prints it: the shortest digits that round-trip, in
 * positional notation unless the decimal exponent is >= 15 or <= -5 ("1E+15",
 * "1E-05"). Works around the runtime's awl_format_double, which prints 20.0 as
 * "2E+01" (reported). */
static void
scn_format_double (double   d,
                   GString *out)
{
  char buf[64], digits[32];
  int exp10, n = 0;
  char *p;

  if (!isfinite (d) || d == 0)
    {
      awl_format_double (d, out);
      return;
    }
  for (int prec = 0; prec <= 16; prec++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", prec, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  p = buf;
  if (*p == '-')
    {
      g_string_append_c (out, '-');
      p++;
    }
  for (; *p && *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      digits[n++] = *p;
  digits[n] = '\0';
  exp10 = atoi (p + 1);
  while (n > 1 && digits[n - 1] == '0')
    digits[--n] = '\0';

  if (exp10 >= 15 || exp10 < -4)
    {
      g_string_append_c (out, digits[0]);
      if (n > 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + 1);
        }
      g_string_append_printf (out, "E%c%02d", exp10 < 0 ? '-' : '+', ABS (exp10));
    }
  else if (exp10 < 0)
    {
      g_string_append (out, "0.");
      for (int i = -1; i > exp10; i--)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      for (int i = 0; i <= exp10; i++)
        g_string_append_c (out, i < n ? digits[i] : '0');
      if (n > exp10 + 1)
        {
          g_string_append_c (out, '.');
          g_string_append (out, digits + exp10 + 1);
        }
    }
}

void
awl_scn_value_format (AwlValue  v,
                      GString  *out)
{
  if (v.kind == AWL_VALUE_DOUBLE)
    scn_format_double (v.d, out);
  else
    awl_value_format (v, out);
}

static void
append_grouped (GString    *out,
                const char *digits)
{
  const char *p = digits;
  const char *dot;
  gsize int_len;

  if (*p == '-')
    g_string_append_c (out, *p++);
  dot = strchr (p, '.');
  int_len = dot ? (gsize) (dot - p) : strlen (p);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, p[i]);
    }
  if (dot)
    g_string_append (out, dot);
}

/* "%.*f" rounded as .NET does: on the exact decimal expansion, half away from zero
 * (printf rounds half to even: 2.25 → "2.2" where .NET prints "2.3"). */
static char *
format_fixed (double d,
              int    prec)
{
  g_autofree char *exact = NULL;
  char *dot, *p;
  gsize keep;
  gboolean up;

  if (!isfinite (d))
    return g_strdup_printf ("%.*f", prec, d);
  exact = g_strdup_printf ("%.*f", prec + 25, d);
  dot = strchr (exact, '.');
  keep = (dot - exact) + (prec > 0 ? prec + 1 : 0);
  up = dot[prec + 1] >= '5';
  exact[keep] = '\0';
  if (up)
    {
      for (p = exact + keep - 1; p >= exact; p--)
        {
          if (*p == '.')
            continue;
          if (*p == '-')
            break;
          if (*p == '9')
            *p = '0';
          else
            {
              (*p)++;
              break;
            }
        }
      if (p < exact || *p == '-')
        {
          /* carried past the first digit: 9.96 → 10.0 */
          gsize at = (exact[0] == '-') ? 1 : 0;
          GString *s = g_string_new (exact);
          g_string_insert_c (s, at, '1');
          return g_string_free (s, FALSE);
        }
    }
  if (prec == 0 && exact[keep - 1] == '.')
    exact[keep - 1] = '\0';
  /* "-0.00" prints as "0.00" in .NET Core 3.0+? It prints "-0.00"; keep printf's sign. */
  return g_steal_pointer (&exact);
}

/* Standard numeric format strings F, N, D, P and simple custom "0.00". */
static gboolean
format_number (AwlValue    v,
               const char *fmt,
               GString    *out)
{
  double d = v.kind == AWL_VALUE_INT ? (double) v.i : v.d;
  char kind = g_ascii_toupper (fmt[0]);
  int prec = -1;
  char buf[512];

  if (fmt[0] && g_ascii_isdigit (fmt[1]))
    prec = atoi (fmt + 1);
  else if (fmt[0] && fmt[1] == '\0')
    prec = -1;
  else if (fmt[0] != '0' && fmt[0] != '#')
    return FALSE;

  switch (kind)
    {
    case 'F':
      {
        g_autofree char *f = format_fixed (d, prec < 0 ? 2 : MIN (prec, 30));
        g_string_append (out, f);
        return TRUE;
      }
    case 'N':
      {
        g_autofree char *f = format_fixed (d, prec < 0 ? 2 : MIN (prec, 30));
        append_grouped (out, f);
        return TRUE;
      }
    case 'P':
      {
        g_autofree char *f = format_fixed (d * 100, prec < 0 ? 2 : MIN (prec, 30));
        g_string_append (out, f);
        g_string_append (out, " %");
        return TRUE;
      }
    case 'D':
      if (v.kind != AWL_VALUE_INT)
        return FALSE;
      g_snprintf (buf, sizeof buf, "%0*" G_GINT64_FORMAT, prec < 0 ? 1 : MIN (prec, 30), v.i);
      g_string_append (out, buf);
      return TRUE;
    case '0':
    case '#':
      {
        const char *dot = strchr (fmt, '.');
        int decimals = 0;
        if (dot)
          for (const char *p = dot + 1; *p == '0' || *p == '#'; p++)
            decimals++;
        g_autofree char *f = format_fixed (d, MIN (decimals, 30));
        if (strchr (fmt, ','))
          append_grouped (out, f);
        else
          g_string_append (out, f);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

void
awl_format_with (AwlValue    v,
                 const char *format,
                 int         alignment,
                 gboolean    has_alignment,
                 GString    *out)
{
  g_autoptr(GString) tmp = g_string_new (NULL);
  glong len;

  if (format == NULL || !(v.kind == AWL_VALUE_INT || v.kind == AWL_VALUE_DOUBLE) ||
      !format_number (v, format, tmp))
    awl_scn_value_format (v, tmp);

  if (!has_alignment || alignment == 0)
    {
      g_string_append_len (out, tmp->str, tmp->len);
      return;
    }
  len = g_utf8_strlen (tmp->str, -1);
  if (alignment > 0)
    for (glong i = len; i < alignment; i++)
      g_string_append_c (out, ' ');
  g_string_append_len (out, tmp->str, tmp->len);
  if (alignment < 0)
    for (glong i = len; i < -alignment; i++)
      g_string_append_c (out, ' ');
}

/* Composite formatting: "{0} and {1,5:F2}". */
static char *
composite_format (const char     *fmt,
                  const AwlValue *args,
                  guint           n_args)
{
  GString *out = g_string_new (NULL);

  for (const char *p = fmt; *p; p++)
    {
      if (p[0] == '{' && p[1] == '{')
        {
          g_string_append_c (out, '{');
          p++;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          g_string_append_c (out, '}');
          p++;
        }
      else if (p[0] == '{' && g_ascii_isdigit (p[1]))
        {
          char *end;
          guint64 idx = g_ascii_strtoull (p + 1, &end, 10);
          int align = 0;
          gboolean has_align = FALSE;
          g_autofree char *f = NULL;
          const char *close;

          if (*end == ',')
            {
              align = (int) g_ascii_strtoll (end + 1, &end, 10);
              has_align = TRUE;
            }
          if (*end == ':')
            {
              close = strchr (end, '}');
              if (close == NULL)
                break;
              f = g_strndup (end + 1, close - end - 1);
              end = (char *) close;
            }
          if (*end != '}')
            {
              g_string_append_c (out, *p);
              continue;
            }
          if (idx < n_args)
            awl_format_with (args[idx], f, align, has_align, out);
          p = end;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static const char *
value_to_string (AwlSim   *sim,
                 AwlValue  v)
{
  g_autoptr(GString) s = NULL;
  if (v.kind == AWL_VALUE_STRING)
    return v.s;
  s = g_string_new (NULL);
  awl_scn_value_format (v, s);
  return awl_sim_intern (sim, s->str);
}

/* ----------------------------------------------------------------------------- */
/* Exceptions */

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
      message = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (default_messages); i++)
        if (g_str_equal (default_messages[i].type, type))
          message = default_messages[i].message;
      if (message == NULL)
        message = awl_sim_intern_printf (sim, "Exception of type 'System.%s' was thrown.", type);
    }
  return awl_sim_exception_new (sim, type, message);
}

static AwlBiResult
bi_throw (AwlBiCall  *call,
          const char *type,
          const char *message)
{
  call->exception = awl_scn_exception (call->sim, type, message);
  return BI_THROW;
}

/* Throws the runtime's own exception @error, or a new @type when it gave none. */
static AwlBiResult
bi_throw_error (AwlBiCall  *call,
                AwlObject  *error,
                const char *type,
                const char *message)
{
  call->exception = error ? error : awl_scn_exception (call->sim, type, message);
  return BI_THROW;
}

static AwlBiResult
bi_null_reference (AwlBiCall *call)
{
  return bi_throw (call, "NullReferenceException", NULL);
}

static AwlBiResult
bi_value (AwlBiCall *call,
          AwlValue   v)
{
  call->result = v;
  return BI_VALUE;
}

static AwlBiResult
bi_value_yield (AwlBiCall *call,
                AwlValue   v)
{
  call->result = v;
  return BI_VALUE_YIELD;
}

static AwlBiResult
bi_action (AwlBiCall *call)
{
  return BI_ACTION;
}

/* ----------------------------------------------------------------------------- */
/* Closures and lazy queries */

AwlFrame *
awl_closure_frame (AwlRun         *run,
                   AwlClosure     *closure,
                   const AwlValue *args,
                   guint           n)
{
  return awl_interp_frame_new (run, closure->code, args, n, closure->env);
}

static AwlFrame *
closure_arg_frame (AwlBiCall *call,
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
static AwlFrame *
action_arg_frame (AwlBiCall *call,
                  AwlValue   v,
                  guint      n_nulls)
{
  AwlFrame *frame = closure_arg_frame (call, v, n_nulls);
  if (frame != NULL && (frame->flags & AWL_FRAME_ASYNC))
    frame->flags |= AWL_FRAME_ASYNC_VOID;
  return frame;
}

typedef struct
{
  AwlFrame  parent;
  AwlRun   *run;
  AwlLazy  *lazy;
  AwlList  *source;
  AwlList  *result;
  GArray   *keys;    /* OrderBy: the key of each source item */
  guint     index;
  int       phase;   /* 0 start, 1 waiting for the source, 2 calling fn */
} MatFrame;

typedef struct
{
  AwlValue key;
  AwlValue item;
  guint    index;
} KeyedItem;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const KeyedItem *x = a, *y = b;
  int r = 0;

  if ((x->key.kind == AWL_VALUE_INT || x->key.kind == AWL_VALUE_DOUBLE) &&
      (y->key.kind == AWL_VALUE_INT || y->key.kind == AWL_VALUE_DOUBLE))
    {
      double p = x->key.kind == AWL_VALUE_INT ? (double) x->key.i : x->key.d;
      double q = y->key.kind == AWL_VALUE_INT ? (double) y->key.i : y->key.d;
      r = p < q ? -1 : p > q;
    }
  else if (x->key.kind == AWL_VALUE_STRING && y->key.kind == AWL_VALUE_STRING)
    r = g_strcmp0 (x->key.s, y->key.s);
  else if (x->key.kind == AWL_VALUE_BOOL && y->key.kind == AWL_VALUE_BOOL)
    r = (int) !!x->key.b - (int) !!y->key.b;
  /* OrderBy is a stable sort. */
  return r != 0 ? r : (x->index < y->index ? -1 : 1);
}

static void
mat_step (AwlFrame *frame,
          AwlStep  *s)
{
  MatFrame *m = (MatFrame *) frame;
  AwlSim *sim = m->run->sim;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  if (m->phase == 0)
    {
      AwlLazy *inner = awl_value_get_foreign (m->lazy->source, &awl_lazy_class);
      m->result = awl_list_new (sim, FALSE);
      if (inner)
        {
          m->phase = 1;
          awl_step_call (s, awl_materialize_frame (m->run, inner));
          return;
        }
      m->source = awl_value_get_foreign (m->lazy->source, &awl_list_class);
      if (m->source == NULL)
        {
          awl_step_throw (s, awl_scn_exception (sim, "ArgumentNullException", "Value cannot be null. (Parameter 'source')"));
          return;
        }
      m->phase = 2;
    }
  else if (m->phase == 1)
    {
      m->source = awl_value_get_foreign (s->value, &awl_list_class);
      m->phase = 2;
    }
  else
    {
      AwlValue item = g_array_index (m->source->items, AwlValue, m->index);
      if (m->lazy->kind == LAZY_SELECT)
        g_array_append_val (m->result->items, s->value);
      else if (m->lazy->kind == LAZY_ORDER_BY)
        {
          KeyedItem k = { s->value, item, m->index };
          if (m->keys == NULL)
            m->keys = g_array_new (FALSE, FALSE, sizeof (KeyedItem));
          g_array_append_val (m->keys, k);
        }
      else if (s->value.kind == AWL_VALUE_BOOL && s->value.b)
        g_array_append_val (m->result->items, item);
      m->index++;
    }

  if (m->source && m->index < m->source->items->len)
    {
      AwlValue item = g_array_index (m->source->items, AwlValue, m->index);
      awl_step_call (s, awl_closure_frame (m->run, m->lazy->fn, &item, 1));
      return;
    }
  if (m->keys)
    {
      g_array_sort (m->keys, compare_keyed);
      for (guint i = 0; i < m->keys->len; i++)
        g_array_append_val (m->result->items, g_array_index (m->keys, KeyedItem, i).item);
      g_clear_pointer (&m->keys, g_array_unref);
    }
  awl_step_return (s, awl_value_object (m->result));
}

static void
mat_free (AwlFrame *frame)
{
  MatFrame *m = (MatFrame *) frame;
  g_clear_pointer (&m->keys, g_array_unref);
  g_free (frame);
}

static const AwlFrameClass select_class = { "Enumerable.Select", 0, mat_step, mat_free };
static const AwlFrameClass where_class = { "Enumerable.Where", 0, mat_step, mat_free };
static const AwlFrameClass order_by_class = { "Enumerable.OrderBy", 0, mat_step, mat_free };

AwlFrame *
awl_materialize_frame (AwlRun  *run,
                       AwlLazy *lazy)
{
  MatFrame *m = g_new0 (MatFrame, 1);
  awl_frame_init (&m->parent, lazy->kind == LAZY_SELECT ? &select_class :
                              lazy->kind == LAZY_WHERE ? &where_class : &order_by_class);
  m->run = run;
  m->lazy = lazy;
  m->parent.line = awl_sim_current_frame (run->sim) ? awl_sim_current_frame (run->sim)->line : 0;
  return &m->parent;
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
/* Argument helpers */

static guint
n_positional (AwlBiCall *call)
{
  return call->n_args - call->site->n_named;
}

static AwlValue *
named_arg (AwlBiCall  *call,
           const char *name)
{
  guint pos = n_positional (call);
  for (guint i = 0; i < call->site->n_named; i++)
    if (g_str_equal (call->site->names[i], name))
      return &call->args[pos + i];
  return NULL;
}

static gboolean
arg_time (AwlValue  v,
          AwlTime  *out)
{
  if (v.kind == AWL_VALUE_INT)
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
static gboolean
arg_timeout (AwlValue  v,
             AwlTime  *out)
{
  if (v.kind == AWL_VALUE_INT && v.i == -1)
    {
      *out = -1;
      return TRUE;
    }
  return arg_time (v, out);
}

static gboolean
is_number (AwlValue v)
{
  return v.kind == AWL_VALUE_INT || v.kind == AWL_VALUE_DOUBLE;
}

static AwlObject *
arg_token (AwlValue v)
{
  return awl_value_get_object (v, AWL_OBJECT_TOKEN);
}

static gint64
arg_int (AwlValue v,
         gint64   fallback)
{
  if (v.kind == AWL_VALUE_INT)
    return v.i;
  if (v.kind == AWL_VALUE_DOUBLE)
    return (gint64) v.d;
  return fallback;
}

/* Collects tasks from `params Task[]` or a single list argument. */
/* The tasks of WhenAll/WaitAll/…: one list, or the arguments from @from up to
 * @n_args (WaitAll(tasks, ms) passes n_args - 1). */
static GPtrArray *
collect_tasks_n (AwlBiCall *call,
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

/* WaitAll/WaitAny(tasks, millisecondsTimeout | TimeSpan): a number last. */
static gboolean
wait_timeout_arg (AwlBiCall *call,
                  AwlTime   *timeout,
                  gboolean  *bad)
{
  *timeout = -1;
  *bad = FALSE;
  if (call->n_args < 2 || !is_number (call->args[call->n_args - 1]))
    return FALSE;
  *bad = !arg_timeout (call->args[call->n_args - 1], timeout);
  return TRUE;
}

static AwlBiResult
bad_timeout (AwlBiCall *call)
{
  return bi_throw (call, "ArgumentOutOfRangeException",
                   "Number must be either non-negative and less than or equal to Int32.MaxValue or -1. (Parameter 'millisecondsTimeout')");
}

/* ----------------------------------------------------------------------------- */
/* The static API */

enum
{
  S_TASK_RUN, S_TASK_DELAY, S_TASK_WHEN_ALL, S_TASK_WHEN_ANY, S_TASK_FROM_RESULT,
  S_TASK_COMPLETED, S_TASK_YIELD, S_TASK_FROM_EXCEPTION, S_TASK_FROM_CANCELED,
  S_TASK_WAIT_ALL, S_START_NEW,
  S_TCO_NONE, S_TCO_LONG_RUNNING, S_TCO_PREFER_FAIRNESS, S_TCO_RUN_CONT_ASYNC,
  S_STATUS,
  S_THREAD_SLEEP, S_THREAD_CURRENT, S_POOL_SET_MIN, S_POOL_QUWI, S_PROCESSOR_COUNT,
  S_WRITE_LINE, S_HTTP_GET_ASYNC, S_HTTP_GET, S_DB_QUERY_ASYNC, S_DB_QUERY, S_CPU_WORK,
  S_RANGE, S_TOKEN_NONE, S_SCHEDULER_DEFAULT, S_TIMESPAN_MS, S_TIMESPAN_S,
  S_SYNC_CONTEXT_CURRENT, S_MATH_MAX, S_MATH_MIN, S_MATH_ABS, S_MATH_ROUND,
  S_STRING_JOIN, S_STRING_FORMAT, S_STRING_IS_NULL_OR_EMPTY, S_TIMEOUT_INFINITE,
  S_VT_FROM_RESULT, S_VT_COMPLETED, S_SCHEDULER_CURRENT, S_LINKED_TOKEN, S_POOL_SET_MAX,
  S_CURRENT_THREAD_ID, S_POOL_THREAD_COUNT, S_POOL_PENDING_WORK, S_TICK_COUNT, S_TIMESPAN_ZERO, S_STRING_CONCAT, S_STRING_EMPTY,
  S_INT_PARSE, S_INT_MAX, S_INT_MIN, S_MATH_SQRT, S_MATH_POW, S_ARRAY_EMPTY, S_REPEAT,
  S_ENUM_EMPTY, S_WRITE, S_STOPWATCH_START_NEW, S_TASK_WAIT_ANY, S_TCO_DENY_CHILD_ATTACH,
  S_TCONT_EXECUTE_SYNCHRONOUSLY,
};

typedef struct
{
  const char *type;
  const char *member;
  gboolean    prop;
  int         id;
} StaticEntry;

static const StaticEntry statics[] = {
  { "Task", "Run", FALSE, S_TASK_RUN },
  { "Task", "Delay", FALSE, S_TASK_DELAY },
  { "Task", "WhenAll", FALSE, S_TASK_WHEN_ALL },
  { "Task", "WhenAny", FALSE, S_TASK_WHEN_ANY },
  { "Task", "FromResult", FALSE, S_TASK_FROM_RESULT },
  { "Task", "CompletedTask", TRUE, S_TASK_COMPLETED },
  { "Task", "Yield", FALSE, S_TASK_YIELD },
  { "Task", "FromException", FALSE, S_TASK_FROM_EXCEPTION },
  { "Task", "FromCanceled", FALSE, S_TASK_FROM_CANCELED },
  { "Task", "WaitAll", FALSE, S_TASK_WAIT_ALL },
  { "Task.Factory", "StartNew", FALSE, S_START_NEW },
  { "TaskCreationOptions", "None", TRUE, S_TCO_NONE },
  { "TaskCreationOptions", "LongRunning", TRUE, S_TCO_LONG_RUNNING },
  { "TaskCreationOptions", "PreferFairness", TRUE, S_TCO_PREFER_FAIRNESS },
  { "TaskCreationOptions", "RunContinuationsAsynchronously", TRUE, S_TCO_RUN_CONT_ASYNC },
  { "TaskStatus", "Created", TRUE, S_STATUS },
  { "TaskStatus", "WaitingForActivation", TRUE, S_STATUS },
  { "TaskStatus", "WaitingToRun", TRUE, S_STATUS },
  { "TaskStatus", "Running", TRUE, S_STATUS },
  { "TaskStatus", "RanToCompletion", TRUE, S_STATUS },
  { "TaskStatus", "Canceled", TRUE, S_STATUS },
  { "TaskStatus", "Faulted", TRUE, S_STATUS },
  { "Thread", "Sleep", FALSE, S_THREAD_SLEEP },
  { "Thread", "CurrentThread", TRUE, S_THREAD_CURRENT },
  { "ThreadPool", "SetMinThreads", FALSE, S_POOL_SET_MIN },
  { "ThreadPool", "QueueUserWorkItem", FALSE, S_POOL_QUWI },
  { "Environment", "ProcessorCount", TRUE, S_PROCESSOR_COUNT },
  { "ThreadPool", "ThreadCount", TRUE, S_POOL_THREAD_COUNT },
  { "ThreadPool", "PendingWorkItemCount", TRUE, S_POOL_PENDING_WORK },
  { "Console", "WriteLine", FALSE, S_WRITE_LINE },
  { "Http", "GetAsync", FALSE, S_HTTP_GET_ASYNC },
  { "Http", "Get", FALSE, S_HTTP_GET },
  { "Db", "QueryAsync", FALSE, S_DB_QUERY_ASYNC },
  { "Db", "Query", FALSE, S_DB_QUERY },
  { "Cpu", "Work", FALSE, S_CPU_WORK },
  { "Enumerable", "Range", FALSE, S_RANGE },
  { "CancellationToken", "None", TRUE, S_TOKEN_NONE },
  { "TaskScheduler", "Default", TRUE, S_SCHEDULER_DEFAULT },
  { "TimeSpan", "FromMilliseconds", FALSE, S_TIMESPAN_MS },
  { "TimeSpan", "FromSeconds", FALSE, S_TIMESPAN_S },
  { "SynchronizationContext", "Current", TRUE, S_SYNC_CONTEXT_CURRENT },
  { "Math", "Max", FALSE, S_MATH_MAX },
  { "Math", "Min", FALSE, S_MATH_MIN },
  { "Math", "Abs", FALSE, S_MATH_ABS },
  { "Math", "Round", FALSE, S_MATH_ROUND },
  { "string", "Join", FALSE, S_STRING_JOIN },
  { "string", "Format", FALSE, S_STRING_FORMAT },
  { "string", "IsNullOrEmpty", FALSE, S_STRING_IS_NULL_OR_EMPTY },
  { "Timeout", "Infinite", TRUE, S_TIMEOUT_INFINITE },
  { "ValueTask", "FromResult", FALSE, S_VT_FROM_RESULT },
  { "ValueTask", "CompletedTask", TRUE, S_VT_COMPLETED },
  { "TaskScheduler", "Current", TRUE, S_SCHEDULER_CURRENT },
  { "CancellationTokenSource", "CreateLinkedTokenSource", FALSE, S_LINKED_TOKEN },
  { "ThreadPool", "SetMaxThreads", FALSE, S_POOL_SET_MAX },
  { "Environment", "CurrentManagedThreadId", TRUE, S_CURRENT_THREAD_ID },
  { "Environment", "TickCount", TRUE, S_TICK_COUNT },
  { "TimeSpan", "Zero", TRUE, S_TIMESPAN_ZERO },
  { "string", "Concat", FALSE, S_STRING_CONCAT },
  { "string", "Empty", TRUE, S_STRING_EMPTY },
  { "int", "Parse", FALSE, S_INT_PARSE },
  { "int", "MaxValue", TRUE, S_INT_MAX },
  { "int", "MinValue", TRUE, S_INT_MIN },
  { "Math", "Sqrt", FALSE, S_MATH_SQRT },
  { "Math", "Pow", FALSE, S_MATH_POW },
  { "Array", "Empty", FALSE, S_ARRAY_EMPTY },
  { "Enumerable", "Repeat", FALSE, S_REPEAT },
  { "Enumerable", "Empty", FALSE, S_ENUM_EMPTY },
  { "Console", "Write", FALSE, S_WRITE },
  { "Stopwatch", "StartNew", FALSE, S_STOPWATCH_START_NEW },
  { "Task", "WaitAny", FALSE, S_TASK_WAIT_ANY },
  { "TaskCreationOptions", "DenyChildAttach", TRUE, S_TCO_DENY_CHILD_ATTACH },
  { "TaskContinuationOptions", "None", TRUE, S_TCO_NONE },
  { "TaskContinuationOptions", "ExecuteSynchronously", TRUE, S_TCONT_EXECUTE_SYNCHRONOUSLY },
};

enum
{
  C_LIST, C_SEMAPHORE, C_CTS, C_TCS, C_THREAD, C_OBJECT, C_EXCEPTION, C_AGGREGATE, C_EVENT_ARGS,
  C_VALUE_TASK, C_STOPWATCH,
};

static const struct { const char *type; int id; } ctors[] = {
  { "List", C_LIST },
  { "SemaphoreSlim", C_SEMAPHORE },
  { "CancellationTokenSource", C_CTS },
  { "TaskCompletionSource", C_TCS },
  { "Thread", C_THREAD },
  { "object", C_OBJECT },
  { "Object", C_OBJECT },
  { "EventArgs", C_EVENT_ARGS },
  { "AggregateException", C_AGGREGATE },
  { "ValueTask", C_VALUE_TASK },
  { "Stopwatch", C_STOPWATCH },
};

char *
awl_normalize_type (const char *dotted)
{
  static const char * const namespaces[] = {
    "System", "Threading", "Tasks", "Collections", "Generic", "Linq", "Net", "Diagnostics",
    "Concurrent", NULL
  };
  g_auto(GStrv) parts = g_strsplit (dotted, ".", -1);
  guint n = g_strv_length (parts), i = 0;

  while (i + 1 < n && g_strv_contains (namespaces, parts[i]))
    i++;
  if (i + 1 == n && g_str_equal (parts[i], "String"))
    return g_strdup ("string");
  return g_strjoinv (".", parts + i);
}

int
awl_builtin_static_lookup (const char *type,
                           const char *member,
                           gboolean   *is_property)
{
  const char *t = g_str_equal (type, "String") ? "string" : type;
  for (guint i = 0; i < G_N_ELEMENTS (statics); i++)
    if (g_str_equal (statics[i].type, t) && g_str_equal (statics[i].member, member))
      {
        if (is_property)
          *is_property = statics[i].prop;
        return statics[i].id;
      }
  return -1;
}

int
awl_builtin_ctor_lookup (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (ctors); i++)
    if (g_str_equal (ctors[i].type, type))
      return ctors[i].id;
  if (awl_exception_type_is_known (type) || g_str_has_suffix (type, "Exception"))
    return C_EXCEPTION;
  return -1;
}

gboolean
awl_builtin_type_exists (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (statics); i++)
    if (g_str_equal (statics[i].type, type))
      return TRUE;
  if (g_str_equal (type, "String") || g_str_equal (type, "Task.Factory"))
    return TRUE;
  return awl_builtin_ctor_lookup (type) >= 0;
}

static AwlBiResult
io_call (AwlBiCall *call,
         gboolean   is_async,
         gboolean   is_http)
{
  AwlSim *sim = call->sim;
  guint pos = n_positional (call);
  const char *what;
  AwlTime ns;
  AwlValue *fail = named_arg (call, "fail");
  AwlValue *failures = named_arg (call, "failures");
  AwlObject *token = NULL, *exc = NULL;
  AwlValue result;
  const char *label;
  guint count;

  if (pos < 2 || !arg_time (call->args[1], &ns))
    return bi_throw (call, "ArgumentOutOfRangeException",
                     awl_sim_intern_printf (sim, "%s needs (%s, milliseconds)",
                                            call->site->member, is_http ? "url" : "sql"));
  what = value_to_string (sim, call->args[0]);
  if (pos >= 3)
    token = arg_token (call->args[2]);
  if (named_arg (call, "token"))
    token = arg_token (*named_arg (call, "token"));
  if (named_arg (call, "cancellationToken"))
    token = arg_token (*named_arg (call, "cancellationToken"));

  count = GPOINTER_TO_UINT (g_hash_table_lookup (call->run->failures, what)) + 1;
  g_hash_table_replace (call->run->failures, g_strdup (what), GUINT_TO_POINTER (count));

  if ((fail && fail->kind == AWL_VALUE_BOOL && fail->b) ||
      (failures && arg_int (*failures, 0) >= (gint64) count))
    {
      if (is_http)
        exc = awl_sim_exception_new (sim, "HttpRequestException",
                                     "Response status code does not indicate success: 503 (Service Unavailable).");
      else
        exc = awl_sim_exception_new (sim, "TimeoutException",
                                     "Execution Timeout Expired. The timeout period elapsed prior to completion of the operation.");
    }

  if (is_http)
    {
      label = awl_sim_intern_printf (sim, "GET %s", what);
      result = awl_value_string (awl_sim_intern_printf (sim, "response from %s", what));
    }
  else
    {
      label = awl_sim_intern_printf (sim, "SQL %s", what);
      result = awl_value_int (1);
    }

  if (is_async)
    return bi_value (call, awl_value_object (awl_sim_io_async (sim, label, ns, result, exc, token)));

  call->has_override = TRUE;
  call->override = result;
  awl_step_sync_io (call->s, label, ns, exc);
  return bi_action (call);
}

static AwlBiResult
call_write_line (AwlBiCall *call)
{
  AwlSim *sim = call->sim;
  g_autofree char *text = NULL;

  if (call->n_args == 0)
    text = g_strdup ("");
  else if (call->n_args == 1)
    text = g_strdup (value_to_string (sim, call->args[0]));
  else
    text = composite_format (value_to_string (sim, call->args[0]), call->args + 1, call->n_args - 1);
  {
    g_autofree char *line = awl_run_take_line (call->run, text);
    awl_sim_output (sim, line);
  }
  return bi_value (call, awl_value_null ());
}

static AwlBiResult
minmax (AwlBiCall *call,
        gboolean   max)
{
  AwlValue a, b;
  if (call->n_args != 2)
    return bi_throw (call, "ArgumentException", "Math.Max/Min take two numbers");
  a = call->args[0];
  b = call->args[1];
  if (a.kind == AWL_VALUE_INT && b.kind == AWL_VALUE_INT)
    return bi_value (call, awl_value_int (max ? MAX (a.i, b.i) : MIN (a.i, b.i)));
  {
    double x = a.kind == AWL_VALUE_INT ? (double) a.i : a.d;
    double y = b.kind == AWL_VALUE_INT ? (double) b.i : b.d;
    return bi_value (call, awl_value_double (max ? MAX (x, y) : MIN (x, y)));
  }
}

AwlBiResult
awl_builtin_call_static (AwlBiCall *call)
{
  AwlSim *sim = call->sim;
  AwlValue *args = call->args;
  guint n = call->n_args;
  AwlTime ns;

  switch (call->site->id)
    {
    case S_TASK_RUN:
      {
        AwlFrame *frame = n >= 1 ? closure_arg_frame (call, args[0], 0) : NULL;
        if (frame == NULL)
          return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'function')");
        return bi_value (call, awl_value_object (awl_sim_task_run (sim, frame)));
      }
    case S_START_NEW:
      {
        AwlFrame *frame = n >= 1 ? closure_arg_frame (call, args[0], 1) : NULL;
        AwlTaskOptions options = AWL_TASK_OPTION_NONE;
        for (guint i = 1; i < n; i++)
          if (args[i].kind == AWL_VALUE_INT)
            options = (AwlTaskOptions) args[i].i;
        if (frame == NULL)
          return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'action')");
        return bi_value (call, awl_value_object (awl_sim_start_new (sim, frame, options)));
      }
    case S_TASK_DELAY:
      if (n < 1 || !arg_time (args[0], &ns))
        {
          if (n >= 1 && args[0].kind == AWL_VALUE_INT && args[0].i == -1)
            ns = AWL_S (1000000);
          else
            return bi_throw (call, "ArgumentOutOfRangeException",
                             "The value needs to be either -1 (signifying an infinite timeout), 0 or a positive integer. (Parameter 'millisecondsDelay')");
        }
      return bi_value (call, awl_value_object (awl_sim_delay (sim, ns, n >= 2 ? arg_token (args[1]) : NULL)));
    case S_TASK_WHEN_ALL:
    case S_TASK_WAIT_ALL:
      {
        AwlTime timeout = -1;
        gboolean bad = FALSE;
        gboolean timed = call->site->id == S_TASK_WAIT_ALL && wait_timeout_arg (call, &timeout, &bad);
        g_autoptr(GPtrArray) tasks = collect_tasks_n (call, 0, n - (timed ? 1 : 0));
        AwlObject *all;
        if (bad)
          return bad_timeout (call);
        if (tasks == NULL)
          return bi_throw (call, "ArgumentException", "The tasks argument included a null value.");
        all = awl_sim_when_all (sim, (AwlObject **) tasks->pdata, tasks->len);
        if (call->site->id == S_TASK_WHEN_ALL)
          return bi_value (call, awl_value_object (all));
        if (timed)
          {
            /* WaitAll(tasks, ms): true when all completed in time, else false. */
            awl_step_wait_timeout (call->s, all, AWL_WAIT_WAIT, timeout);
            return bi_action (call);
          }
        call->has_override = TRUE;
        call->override = awl_value_null ();
        awl_step_wait (call->s, all, AWL_WAIT_WAIT);
        return bi_action (call);
      }
    case S_TASK_WHEN_ANY:
    case S_TASK_WAIT_ANY:
      {
        AwlTime timeout = -1;
        gboolean bad = FALSE;
        gboolean timed = call->site->id == S_TASK_WAIT_ANY && wait_timeout_arg (call, &timeout, &bad);
        g_autoptr(GPtrArray) tasks = collect_tasks_n (call, 0, n - (timed ? 1 : 0));
        AwlObject *error = NULL, *any;
        HelperFrame *h;
        if (bad)
          return bad_timeout (call);
        if (tasks == NULL)
          return bi_throw (call, "ArgumentException", "The tasks argument included a null value.");
        any = awl_sim_when_any (sim, (AwlObject **) tasks->pdata, tasks->len, &error);
        if (any == NULL)
          return bi_throw_error (call, error, "ArgumentException", "The tasks argument contains no tasks.");
        if (call->site->id == S_TASK_WHEN_ANY)
          return bi_value (call, awl_value_object (any));
        /* WaitAny: a helper frame waits for the WhenAny task and returns the index. */
        h = helper_new (&wait_any_class, call->run);
        h->task = any;
        h->tasks = g_ptr_array_ref (tasks);
        h->timeout = timed ? timeout : -1;
        awl_step_call (call->s, &h->parent);
        return bi_action (call);
      }
    case S_TASK_FROM_RESULT:
      return bi_value (call, awl_value_object (awl_sim_task_from_result (sim, n ? args[0] : awl_value_null ())));
    case S_TASK_YIELD:
      return bi_value (call, awl_value_object (call->run->yield_object));
    case S_TASK_FROM_EXCEPTION:
      {
        AwlObject *e = n ? awl_value_get_object (args[0], AWL_OBJECT_EXCEPTION) : NULL;
        if (e == NULL)
          return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'exception')");
        return bi_value (call, awl_value_object (awl_sim_task_from_exception (sim, e)));
      }
    case S_TASK_FROM_CANCELED:
      return bi_value (call, awl_value_object (awl_sim_task_from_canceled (sim)));
    case S_THREAD_SLEEP:
      if (n < 1 || !arg_time (args[0], &ns))
        return bi_throw (call, "ArgumentOutOfRangeException", "Number must be either non-negative and less than or equal to Int32.MaxValue or -1. (Parameter 'timeout')");
      awl_step_sleep (call->s, ns);
      return bi_action (call);
    case S_POOL_SET_MIN:
      return bi_value (call, awl_value_bool (n >= 1 && args[0].kind == AWL_VALUE_INT && args[0].i > 0 &&
                                             args[0].i < G_MAXINT &&
                                             awl_sim_set_min_threads (sim, (guint) args[0].i)));
    case S_POOL_QUWI:
      {
        AwlFrame *frame = n >= 1 ? action_arg_frame (call, args[0], 1) : NULL;
        if (frame == NULL)
          return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'callBack')");
        awl_sim_queue_user_work_item (sim, frame);
        return bi_value (call, awl_value_bool (TRUE));
      }
    case S_WRITE_LINE:
      return call_write_line (call);
    case S_HTTP_GET_ASYNC: return io_call (call, TRUE, TRUE);
    case S_HTTP_GET:       return io_call (call, FALSE, TRUE);
    case S_DB_QUERY_ASYNC: return io_call (call, TRUE, FALSE);
    case S_DB_QUERY:       return io_call (call, FALSE, FALSE);
    case S_CPU_WORK:
      if (n < 1 || !arg_time (args[0], &ns))
        return bi_throw (call, "ArgumentOutOfRangeException", "Cpu.Work needs a non-negative number of milliseconds");
      awl_step_cpu (call->s, ns);
      return bi_action (call);
    case S_RANGE:
      {
        gint64 start = n >= 1 ? arg_int (args[0], 0) : 0, count = n >= 2 ? arg_int (args[1], -1) : -1;
        AwlList *l;
        if (count < 0 || count > 10000000)
          return bi_throw (call, "ArgumentOutOfRangeException", "Specified argument was out of the range of valid values. (Parameter 'count')");
        l = awl_list_new (sim, FALSE);
        g_array_set_size (l->items, count);
        for (gint64 i = 0; i < count; i++)
          g_array_index (l->items, AwlValue, i) = awl_value_int (start + i);
        return bi_value (call, awl_value_object (l));
      }
    case S_TIMESPAN_MS:
      return bi_value (call, awl_value_double (n ? (args[0].kind == AWL_VALUE_INT ? (double) args[0].i : args[0].d) : 0));
    case S_TIMESPAN_S:
      return bi_value (call, awl_value_double (1000.0 * (n ? (args[0].kind == AWL_VALUE_INT ? (double) args[0].i : args[0].d) : 0)));
    case S_MATH_MAX: return minmax (call, TRUE);
    case S_MATH_MIN: return minmax (call, FALSE);
    case S_MATH_ABS:
      if (n && args[0].kind == AWL_VALUE_INT)
        return bi_value (call, awl_value_int (args[0].i < 0 ? -args[0].i : args[0].i));
      return bi_value (call, awl_value_double (n ? fabs (args[0].d) : 0));
    case S_MATH_ROUND:
      if (n && args[0].kind == AWL_VALUE_DOUBLE)
        {
          int digits = n >= 2 ? (int) arg_int (args[1], 0) : 0;
          double scale = pow (10, CLAMP (digits, 0, 15));
          return bi_value (call, awl_value_double (nearbyint (args[0].d * scale) / scale));
        }
      return bi_value (call, n ? args[0] : awl_value_null ());
    case S_STRING_JOIN:
      {
        g_autoptr(GString) out = g_string_new (NULL);
        AwlList *l = n == 2 ? awl_value_get_foreign (args[1], &awl_list_class) : NULL;
        const AwlValue *items = l ? (AwlValue *) l->items->data : args + 1;
        guint count = l ? l->items->len : (n ? n - 1 : 0);
        const char *sep = n ? value_to_string (sim, args[0]) : "";
        for (guint i = 0; i < count; i++)
          {
            if (i)
              g_string_append (out, sep);
            awl_scn_value_format (items[i], out);
          }
        return bi_value (call, awl_value_string (awl_sim_intern (sim, out->str)));
      }
    case S_STRING_FORMAT:
      {
        g_autofree char *text = n ? composite_format (value_to_string (sim, args[0]), args + 1, n - 1) : g_strdup ("");
        return bi_value (call, awl_value_string (awl_sim_intern (sim, text)));
      }
    case S_STRING_IS_NULL_OR_EMPTY:
      return bi_value (call, awl_value_bool (n == 0 || args[0].kind == AWL_VALUE_NULL ||
                                             (args[0].kind == AWL_VALUE_STRING && args[0].s[0] == '\0')));
    case S_VT_FROM_RESULT:
      return bi_value (call, awl_value_object (awl_sim_task_from_result (sim, n ? args[0] : awl_value_null ())));
    case S_LINKED_TOKEN:
      {
        AwlObject *cts = awl_sim_cts_new (sim, -1);
        AwlList *l = n == 1 ? awl_value_get_foreign (args[0], &awl_list_class) : NULL;
        const AwlValue *items = l ? (AwlValue *) l->items->data : args;
        guint count = l ? l->items->len : n;
        for (guint i = 0; i < count; i++)
          {
            AwlObject *token = arg_token (items[i]);
            HelperFrame *h;
            if (token == NULL)
              continue;
            h = helper_new (&linked_cancel_class, call->run);
            h->cts = cts;
            awl_sim_token_register (sim, token, &h->parent);
          }
        return bi_value_yield (call, awl_value_object (cts));
      }
    case S_POOL_SET_MAX:
      return bi_value (call, awl_value_bool (TRUE));
    case S_STRING_CONCAT:
      {
        g_autoptr(GString) out = g_string_new (NULL);
        AwlList *l = n == 1 ? awl_value_get_foreign (args[0], &awl_list_class) : NULL;
        const AwlValue *items = l ? (AwlValue *) l->items->data : args;
        guint count = l ? l->items->len : n;
        for (guint i = 0; i < count; i++)
          awl_scn_value_format (items[i], out);
        return bi_value (call, awl_value_string (awl_sim_intern (sim, out->str)));
      }
    case S_INT_PARSE:
      {
        gint64 v;
        if (n < 1 || args[0].kind != AWL_VALUE_STRING ||
            !g_ascii_string_to_signed (g_strstrip (g_strdup (args[0].s)), 10, G_MININT32, G_MAXINT32, &v, NULL))
          return bi_throw (call, "FormatException", "The input string was not in a correct format.");
        return bi_value (call, awl_value_int (v));
      }
    case S_MATH_SQRT:
      return bi_value (call, awl_value_double (sqrt (n ? (args[0].kind == AWL_VALUE_INT ? (double) args[0].i : args[0].d) : 0)));
    case S_MATH_POW:
      if (n < 2)
        return bi_throw (call, "ArgumentException", "Math.Pow takes two numbers");
      return bi_value (call, awl_value_double (pow (args[0].kind == AWL_VALUE_INT ? (double) args[0].i : args[0].d,
                                                    args[1].kind == AWL_VALUE_INT ? (double) args[1].i : args[1].d)));
    case S_ARRAY_EMPTY:
      return bi_value (call, awl_value_object (awl_list_new (sim, TRUE)));
    case S_ENUM_EMPTY:
      return bi_value (call, awl_value_object (awl_list_new (sim, FALSE)));
    case S_REPEAT:
      {
        gint64 count = n >= 2 ? arg_int (args[1], -1) : -1;
        AwlList *l;
        if (count < 0 || count > 10000000)
          return bi_throw (call, "ArgumentOutOfRangeException", "Specified argument was out of the range of valid values. (Parameter 'count')");
        l = awl_list_new (sim, FALSE);
        for (gint64 i = 0; i < count; i++)
          g_array_append_val (l->items, args[0]);
        return bi_value (call, awl_value_object (l));
      }
    case S_WRITE:
      {
        g_autofree char *text = NULL;
        if (n == 1)
          text = g_strdup (value_to_string (sim, args[0]));
        else if (n > 1)
          text = composite_format (value_to_string (sim, args[0]), args + 1, n - 1);
        awl_run_write (call->run, text ? text : "");
        return bi_value (call, awl_value_null ());
      }
    case S_STOPWATCH_START_NEW:
      return bi_value (call, awl_value_object (stopwatch_new (sim)));
    default:
      return awl_builtin_get_static (call);
    }
}

AwlBiResult
awl_builtin_get_static (AwlBiCall *call)
{
  AwlSim *sim = call->sim;

  switch (call->site->id)
    {
    case S_TASK_COMPLETED: return bi_value (call, awl_value_object (awl_sim_completed_task (sim)));
    case S_TCO_NONE: return bi_value (call, awl_value_int (AWL_TASK_OPTION_NONE));
    case S_TCO_LONG_RUNNING: return bi_value (call, awl_value_int (AWL_TASK_OPTION_LONG_RUNNING));
    case S_TCO_PREFER_FAIRNESS: return bi_value (call, awl_value_int (AWL_TASK_OPTION_PREFER_FAIRNESS));
    case S_TCO_RUN_CONT_ASYNC: return bi_value (call, awl_value_int (AWL_TASK_OPTION_RUN_CONT_ASYNC));
    case S_STATUS: return bi_value (call, awl_value_string (awl_sim_intern (sim, call->site->member)));
    case S_THREAD_CURRENT: return bi_value (call, awl_value_object (awl_sim_current_thread (sim)));
    case S_PROCESSOR_COUNT: return bi_value (call, awl_value_int (awl_sim_processor_count (sim)));
    case S_POOL_THREAD_COUNT: return bi_value (call, awl_value_int (awl_sim_pool_thread_count (sim)));
    case S_POOL_PENDING_WORK: return bi_value (call, awl_value_int (awl_sim_pool_pending_work_items (sim)));
    case S_TOKEN_NONE: return bi_value (call, awl_value_null ());
    case S_SCHEDULER_DEFAULT: return bi_value (call, awl_value_null ());
    case S_TIMEOUT_INFINITE: return bi_value (call, awl_value_int (-1));
    case S_VT_COMPLETED: return bi_value (call, awl_value_object (awl_sim_completed_task (sim)));
    case S_SCHEDULER_CURRENT: return bi_value (call, awl_value_null ());
    case S_TCO_DENY_CHILD_ATTACH: return bi_value (call, awl_value_int (0));
    case S_TCONT_EXECUTE_SYNCHRONOUSLY: return bi_value (call, awl_value_int (AWL_TASK_OPTION_EXECUTE_SYNCHRONOUSLY));
    case S_CURRENT_THREAD_ID: return bi_value (call, awl_value_int (awl_sim_current_thread_id (sim)));
    case S_TICK_COUNT: return bi_value (call, awl_value_int (awl_sim_now (sim) / AWL_MS (1)));
    case S_TIMESPAN_ZERO: return bi_value (call, awl_value_double (0));
    case S_STRING_EMPTY: return bi_value (call, awl_value_string (""));
    case S_INT_MAX: return bi_value (call, awl_value_int (G_MAXINT32));
    case S_INT_MIN: return bi_value (call, awl_value_int (G_MININT32));
    case S_SYNC_CONTEXT_CURRENT:
      if (!awl_sim_has_sync_context (sim))
        return bi_value (call, awl_value_null ());
      return bi_value (call, awl_value_object (awl_sim_foreign_new (sim, &sync_context_class, sizeof (AwlForeign))));
    default:
      return bi_throw (call, "InvalidOperationException",
                       awl_sim_intern_printf (sim, "'%s.%s' is not available here", call->site->type, call->site->member));
    }
}

AwlBiResult
awl_builtin_new (AwlBiCall *call)
{
  AwlSim *sim = call->sim;
  AwlValue *args = call->args;
  guint n = call->n_args;
  AwlTime ns;

  switch (call->site->id)
    {
    case C_LIST:
      {
        AwlList *src = n ? awl_value_get_foreign (args[0], &awl_list_class) : NULL;
        AwlList *l = awl_list_new (sim, FALSE);
        if (src)
          g_array_append_vals (l->items, src->items->data, src->items->len);
        return bi_value (call, awl_value_object (l));
      }
    case C_SEMAPHORE:
      {
        gint64 initial = n >= 1 ? arg_int (args[0], -1) : -1;
        gint64 max = n >= 2 ? arg_int (args[1], -1) : 0;
        if (initial < 0 || max < 0 || (max > 0 && initial > max) || initial > G_MAXINT)
          return bi_throw (call, "ArgumentOutOfRangeException",
                           "The initialCount argument must be non-negative and less than or equal to the maximumCount. (Parameter 'initialCount')");
        return bi_value (call, awl_value_object (awl_sim_semaphore_new (sim, (guint) initial, (guint) MIN (max, G_MAXINT))));
      }
    case C_CTS:
      if (n >= 1)
        {
          if (!arg_time (args[0], &ns))
            return bi_throw (call, "ArgumentOutOfRangeException", "The value needs to be either -1 (signifying an infinite timeout), 0 or a positive integer. (Parameter 'delay')");
          return bi_value (call, awl_value_object (awl_sim_cts_new (sim, ns)));
        }
      return bi_value (call, awl_value_object (awl_sim_cts_new (sim, -1)));
    case C_TCS:
      return bi_value (call, awl_value_object (awl_sim_tcs_new (sim, n >= 1 ? (AwlTaskOptions) arg_int (args[0], 0) : 0)));
    case C_THREAD:
      {
        AwlFrame *frame = n >= 1 ? action_arg_frame (call, args[0], 1) : NULL;
        if (frame == NULL)
          return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'start')");
        return bi_value (call, awl_value_object (awl_sim_thread_new (sim, frame)));
      }
    case C_VALUE_TASK:
      {
        AwlObject *t = n ? awl_value_get_object (args[0], AWL_OBJECT_TASK) : NULL;
        if (t)
          return bi_value (call, awl_value_object (t));
        return bi_value (call, awl_value_object (awl_sim_task_from_result (sim, n ? args[0] : awl_value_null ())));
      }
    case C_STOPWATCH:
      {
        Stopwatch *sw = stopwatch_new (sim);
        sw->stopped = sw->start;
        return bi_value (call, awl_value_object (sw));
      }
    case C_OBJECT:
    case C_EVENT_ARGS:
      return bi_value (call, awl_value_object (awl_sim_object_new (sim)));
    case C_AGGREGATE:
      {
        g_autoptr(GPtrArray) inner = g_ptr_array_new ();
        AwlList *l = n == 1 ? awl_value_get_foreign (args[0], &awl_list_class) : NULL;
        const AwlValue *items = l ? (AwlValue *) l->items->data : args;
        guint count = l ? l->items->len : n;
        for (guint i = 0; i < count; i++)
          {
            AwlObject *e = awl_value_get_object (items[i], AWL_OBJECT_EXCEPTION);
            if (e)
              g_ptr_array_add (inner, e);
          }
        return bi_value (call, awl_value_object (awl_sim_aggregate_exception_new (sim, (AwlObject **) inner->pdata, inner->len)));
      }
    case C_EXCEPTION:
      {
        const char *type = call->site->member;
        const char *message = n >= 1 && args[0].kind == AWL_VALUE_STRING ? args[0].s : NULL;
        AwlObject *inner = n >= 2 ? awl_value_get_object (args[1], AWL_OBJECT_EXCEPTION) : NULL;
        if (message == NULL)
          {
            AwlObject *e = awl_scn_exception (sim, type, NULL);
            if (inner == NULL)
              return bi_value (call, awl_value_object (e));
            message = awl_exception_get_message (e);
          }
        if (inner)
          return bi_value (call, awl_value_object (awl_sim_exception_new_with_inner (sim, type, message, inner)));
        return bi_value (call, awl_value_object (awl_sim_exception_new (sim, type, message)));
      }
    default:
      return bi_throw (call, "InvalidOperationException", "unsupported constructor");
    }
}

/* ----------------------------------------------------------------------------- */
/* Instance members */

enum
{
  M_RESULT, M_WAIT, M_GET_AWAITER, M_GET_RESULT, M_CONFIGURE_AWAIT, M_IS_COMPLETED,
  M_IS_FAULTED, M_IS_CANCELED, M_IS_COMPLETED_SUCCESSFULLY, M_STATUS, M_EXCEPTION, M_ID,
  M_TASK, M_SET_RESULT, M_TRY_SET_RESULT, M_SET_EXCEPTION, M_TRY_SET_EXCEPTION,
  M_SET_CANCELED, M_TRY_SET_CANCELED, M_WAIT_ASYNC, M_RELEASE, M_CURRENT_COUNT, M_TOKEN,
  M_CANCEL, M_CANCEL_AFTER, M_DISPOSE, M_IS_CANCELLATION_REQUESTED,
  M_THROW_IF_CANCELLATION_REQUESTED, M_REGISTER, M_CAN_BE_CANCELED, M_START, M_JOIN,
  M_MANAGED_THREAD_ID, M_IS_BACKGROUND, M_NAME, M_ADD, M_ADD_RANGE, M_COUNT, M_LENGTH,
  M_TO_ARRAY, M_TO_LIST, M_SELECT, M_WHERE, M_CONTAINS, M_CLEAR, M_REMOVE, M_INDEX_OF,
  M_SUM, M_MAX, M_MIN, M_AVERAGE, M_ANY, M_FIRST, M_LAST, M_MESSAGE, M_INNER_EXCEPTION,
  M_INNER_EXCEPTIONS, M_GET_TYPE, M_STACK_TRACE, M_TO_STRING, M_FLATTEN,
  M_GET_BASE_EXCEPTION, M_MOVE_NEXT_ASYNC, M_CURRENT, M_DISPOSE_ASYNC,
  M_GET_ASYNC_ENUMERATOR, M_INVOKE, M_TO_UPPER, M_TO_LOWER, M_STARTS_WITH, M_ENDS_WITH,
  M_SUBSTRING, M_TRIM, M_REPLACE, M_EQUALS, M_IS_ALIVE, M_AS_TASK, M_UNWRAP,
  M_CONTINUE_WITH, M_ELAPSED, M_ELAPSED_MS, M_STOP, M_RESTART, M_INSERT, M_REMOVE_AT,
  M_SKIP, M_TAKE, M_PAD_LEFT, M_PAD_RIGHT, M_GET_HASH_CODE, M_WITH_CANCELLATION,
  M_TOTAL_MILLISECONDS, M_ORDER_BY, M_IS_THREAD_POOL_THREAD, M_N_MEMBERS
};

static const char * const member_names[M_N_MEMBERS] = {
  "Result", "Wait", "GetAwaiter", "GetResult", "ConfigureAwait", "IsCompleted",
  "IsFaulted", "IsCanceled", "IsCompletedSuccessfully", "Status", "Exception", "Id",
  "Task", "SetResult", "TrySetResult", "SetException", "TrySetException",
  "SetCanceled", "TrySetCanceled", "WaitAsync", "Release", "CurrentCount", "Token",
  "Cancel", "CancelAfter", "Dispose", "IsCancellationRequested",
  "ThrowIfCancellationRequested", "Register", "CanBeCanceled", "Start", "Join",
  "ManagedThreadId", "IsBackground", "Name", "Add", "AddRange", "Count", "Length",
  "ToArray", "ToList", "Select", "Where", "Contains", "Clear", "Remove", "IndexOf",
  "Sum", "Max", "Min", "Average", "Any", "First", "Last", "Message", "InnerException",
  "InnerExceptions", "GetType", "StackTrace", "ToString", "Flatten",
  "GetBaseException", "MoveNextAsync", "Current", "DisposeAsync",
  "GetAsyncEnumerator", "Invoke", "ToUpper", "ToLower", "StartsWith", "EndsWith",
  "Substring", "Trim", "Replace", "Equals", "IsAlive", "AsTask", "Unwrap",
  "ContinueWith", "Elapsed", "ElapsedMilliseconds", "Stop", "Restart", "Insert", "RemoveAt",
  "Skip", "Take", "PadLeft", "PadRight", "GetHashCode", "WithCancellation",
  "TotalMilliseconds", "OrderBy", "IsThreadPoolThread",
};

int
awl_builtin_member_lookup (const char *member)
{
  for (guint i = 0; i < M_N_MEMBERS; i++)
    if (g_str_equal (member_names[i], member))
      return i;
  return -1;
}

static const char *
status_name (AwlTaskStatus status)
{
  static const char * const names[] = {
    "Created", "WaitingForActivation", "WaitingToRun", "Running", "WaitingForChildrenToComplete",
    "RanToCompletion", "Canceled", "Faulted",
  };
  return (guint) status < G_N_ELEMENTS (names) ? names[status] : "Created";
}

static AwlBiResult
no_member (AwlBiCall *call)
{
  return bi_throw (call, "MissingMemberException",
                   awl_sim_intern_printf (call->sim, "'%s' does not contain a member '%s' (Awaitlab)",
                                          awl_value_describe_type (call->target), call->site->member));
}

static AwlBiResult
task_member (AwlBiCall *call,
             AwlObject *task,
             gboolean   is_call)
{
  AwlSim *sim = call->sim;
  AwlAwaitable *aw;

  switch (call->site->id)
    {
    case M_RESULT:
      if (awl_task_get_kind (task) == AWL_TASK_KIND_WHEN_ALL)
        call->when_all = task;
      awl_step_wait (call->s, task, AWL_WAIT_RESULT);
      return bi_action (call);
    case M_WAIT:
      if (call->n_args >= 1 && is_number (call->args[0]))
        {
          /* Wait(ms) / Wait(TimeSpan): true if completed in time, false on timeout. */
          AwlTime timeout;
          if (!arg_timeout (call->args[0], &timeout))
            return bad_timeout (call);
          awl_step_wait_timeout (call->s, task, AWL_WAIT_WAIT, timeout);
          return bi_action (call);
        }
      call->has_override = TRUE;
      call->override = awl_value_null ();
      awl_step_wait (call->s, task, AWL_WAIT_WAIT);
      return bi_action (call);
    case M_GET_AWAITER:
    case M_CONFIGURE_AWAIT:
      aw = awl_sim_foreign_new (sim, &awl_awaitable_class, sizeof (AwlAwaitable));
      aw->task = task;
      aw->capture = call->site->id == M_GET_AWAITER ? TRUE : (call->n_args >= 1 && call->args[0].kind == AWL_VALUE_BOOL ? call->args[0].b : TRUE);
      aw->awaiter = call->site->id == M_GET_AWAITER;
      return bi_value (call, awl_value_object (aw));
    case M_IS_COMPLETED:
      return bi_value (call, awl_value_bool (awl_task_is_completed (task)));
    case M_IS_FAULTED:
      return bi_value (call, awl_value_bool (awl_task_get_status (task) == AWL_TASK_FAULTED));
    case M_IS_CANCELED:
      return bi_value (call, awl_value_bool (awl_task_get_status (task) == AWL_TASK_CANCELED));
    case M_IS_COMPLETED_SUCCESSFULLY:
      return bi_value (call, awl_value_bool (awl_task_get_status (task) == AWL_TASK_RAN_TO_COMPLETION));
    case M_STATUS:
      return bi_value (call, awl_value_string (status_name (awl_task_get_status (task))));
    case M_EXCEPTION:
      return bi_value (call, awl_value_object (awl_sim_task_get_exception (sim, task)));
    case M_ID:
      return bi_value (call, awl_value_int (task->id));
    case M_TO_STRING:
      return bi_value (call, awl_value_string ("System.Threading.Tasks.Task"));
    case M_AS_TASK:
      return bi_value (call, awl_value_object (task));
    case M_UNWRAP:
      {
        HelperFrame *h = helper_new (&unwrap_class, call->run);
        h->task = task;
        awl_step_call (call->s, &h->parent);
        return bi_action (call);
      }
    case M_CONTINUE_WITH:
      {
        /* The default scheduler: queued to the pool when the antecedent completes
         * (inline with ExecuteSynchronously); the delegate gets the antecedent. */
        AwlClosure *fn = call->n_args ? awl_value_get_foreign (call->args[0], &awl_closure_class) : NULL;
        AwlValue arg = awl_value_object (task);
        AwlTaskOptions options = AWL_TASK_OPTION_NONE;
        if (fn == NULL)
          return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'continuationAction')");
        for (guint i = 1; i < call->n_args; i++)
          if (call->args[i].kind == AWL_VALUE_INT)
            options = (AwlTaskOptions) call->args[i].i;
        return bi_value_yield (call, awl_value_object (
                 awl_sim_continue_with (sim, task, awl_closure_frame (call->run, fn, &arg, 1),
                                        options & (AWL_TASK_OPTION_EXECUTE_SYNCHRONOUSLY |
                                                   AWL_TASK_OPTION_PREFER_FAIRNESS))));
      }
    default:
      return no_member (call);
    }
}

static AwlBiResult
stopwatch_member (AwlBiCall *call,
                  Stopwatch *sw)
{
  AwlTime now = awl_sim_now (call->sim);
  AwlTime elapsed = (sw->stopped == AWL_TIME_NONE ? now : sw->stopped) - sw->start;

  switch (call->site->id)
    {
    case M_ELAPSED:
      return bi_value (call, awl_value_double (AWL_TO_MS (elapsed)));
    case M_ELAPSED_MS:
      return bi_value (call, awl_value_int (elapsed / AWL_MS (1)));
    case M_STOP:
      if (sw->stopped == AWL_TIME_NONE)
        sw->stopped = now;
      return bi_value (call, awl_value_null ());
    case M_START:
      if (sw->stopped != AWL_TIME_NONE)
        {
          sw->start = now - (sw->stopped - sw->start);
          sw->stopped = AWL_TIME_NONE;
        }
      return bi_value (call, awl_value_null ());
    case M_RESTART:
      sw->start = now;
      sw->stopped = AWL_TIME_NONE;
      return bi_value (call, awl_value_null ());
    default:
      return no_member (call);
    }
}

static AwlBiResult
awaitable_member (AwlBiCall    *call,
                  AwlAwaitable *aw)
{
  switch (call->site->id)
    {
    case M_GET_AWAITER:
      {
        AwlAwaitable *w = awl_sim_foreign_new (call->sim, &awl_awaitable_class, sizeof (AwlAwaitable));
        *w = *aw;
        w->awaiter = TRUE;
        return bi_value (call, awl_value_object (w));
      }
    case M_GET_RESULT:
      if (awl_task_get_kind (aw->task) == AWL_TASK_KIND_WHEN_ALL)
        call->when_all = aw->task;
      awl_step_wait (call->s, aw->task, AWL_WAIT_GET_RESULT);
      return bi_action (call);
    case M_IS_COMPLETED:
      return bi_value (call, awl_value_bool (awl_task_is_completed (aw->task)));
    default:
      return no_member (call);
    }
}

static AwlBiResult
tcs_member (AwlBiCall *call,
            AwlObject *tcs)
{
  AwlSim *sim = call->sim;
  AwlObject *error = NULL;
  gboolean is_try = FALSE, ok;
  int id = call->site->id;

  switch (id)
    {
    case M_TASK:
      return bi_value (call, awl_value_object (awl_tcs_get_task (tcs)));
    case M_TRY_SET_RESULT:
    case M_TRY_SET_EXCEPTION:
    case M_TRY_SET_CANCELED:
      is_try = TRUE;
      G_GNUC_FALLTHROUGH;
    case M_SET_RESULT:
    case M_SET_EXCEPTION:
    case M_SET_CANCELED:
      if (id == M_SET_RESULT || id == M_TRY_SET_RESULT)
        ok = awl_sim_tcs_set_result (sim, tcs, call->n_args ? call->args[0] : awl_value_null (), is_try ? NULL : &error);
      else if (id == M_SET_EXCEPTION || id == M_TRY_SET_EXCEPTION)
        {
          AwlObject *e = call->n_args ? awl_value_get_object (call->args[0], AWL_OBJECT_EXCEPTION) : NULL;
          if (e == NULL)
            return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'exception')");
          ok = awl_sim_tcs_set_exception (sim, tcs, e, is_try ? NULL : &error);
        }
      else
        ok = awl_sim_tcs_set_canceled (sim, tcs, is_try ? NULL : &error);
      if (!ok && !is_try)
        return bi_throw_error (call, error, "InvalidOperationException",
                               "An attempt was made to transition a task to a final state when it had already completed.");
      return bi_value_yield (call, is_try ? awl_value_bool (ok) : awl_value_null ());
    default:
      return no_member (call);
    }
}

static AwlBiResult
semaphore_member (AwlBiCall *call,
                  AwlObject *sem)
{
  AwlSim *sim = call->sim;
  AwlObject *error = NULL;
  gint64 prev;

  switch (call->site->id)
    {
    case M_WAIT_ASYNC:
      return bi_value (call, awl_value_object (awl_sim_semaphore_wait_async (sim, sem, call->n_args ? arg_token (call->args[0]) : NULL)));
    case M_WAIT:
      call->has_override = TRUE;
      call->override = awl_value_null ();
      awl_step_semaphore_wait (call->s, sem);
      return bi_action (call);
    case M_RELEASE:
      {
        gint64 count = call->n_args ? arg_int (call->args[0], 1) : 1;
        if (count < 1)
          return bi_throw (call, "ArgumentOutOfRangeException", "Non-negative number required. (Parameter 'releaseCount')");
        prev = awl_sim_semaphore_release (sim, sem, (guint) MIN (count, G_MAXINT), &error);
        if (prev < 0)
          return bi_throw_error (call, error, "SemaphoreFullException", "Adding the specified count to the semaphore would cause it to exceed its maximum count.");
        return bi_value_yield (call, awl_value_int (prev));
      }
    case M_CURRENT_COUNT:
      return bi_value (call, awl_value_int (awl_semaphore_get_current_count (sem)));
    case M_DISPOSE:
      return bi_value (call, awl_value_null ());
    default:
      return no_member (call);
    }
}

static AwlBiResult
token_member (AwlBiCall *call,
              AwlObject *token)
{
  AwlSim *sim = call->sim;
  AwlObject *error = NULL;

  switch (call->site->id)
    {
    case M_IS_CANCELLATION_REQUESTED:
      return bi_value (call, awl_value_bool (awl_sim_token_is_cancellation_requested (sim, token)));
    case M_THROW_IF_CANCELLATION_REQUESTED:
      if (!awl_sim_token_throw_if_cancellation_requested (sim, token, &error))
        return bi_throw_error (call, error, "OperationCanceledException", NULL);
      return bi_value (call, awl_value_null ());
    case M_CAN_BE_CANCELED:
      return bi_value (call, awl_value_bool (token != NULL));
    case M_REGISTER:
      {
        AwlFrame *frame = call->n_args ? action_arg_frame (call, call->args[0], 1) : NULL;
        if (frame == NULL)
          return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'callback')");
        if (token == NULL)
          {
            frame->klass->free (frame);
            return bi_value (call, awl_value_null ());
          }
        return bi_value_yield (call, awl_value_object (awl_sim_token_register (sim, token, frame)));
      }
    default:
      return no_member (call);
    }
}

static AwlBiResult
cts_member (AwlBiCall *call,
            AwlObject *cts)
{
  AwlTime ns;

  switch (call->site->id)
    {
    case M_TOKEN:
      return bi_value (call, awl_value_object (awl_cts_get_token (cts)));
    case M_CANCEL:
      awl_sim_cts_cancel (call->sim, cts);
      return bi_value_yield (call, awl_value_null ());
    case M_CANCEL_AFTER:
      if (call->n_args < 1 || !arg_time (call->args[0], &ns))
        return bi_throw (call, "ArgumentOutOfRangeException", "The value needs to be either -1 (signifying an infinite timeout), 0 or a positive integer. (Parameter 'delay')");
      awl_sim_cts_cancel_after (call->sim, cts, ns);
      return bi_value (call, awl_value_null ());
    case M_IS_CANCELLATION_REQUESTED:
      return bi_value (call, awl_value_bool (awl_sim_token_is_cancellation_requested (call->sim, awl_cts_get_token (cts))));
    case M_DISPOSE:
      return bi_value (call, awl_value_null ());
    default:
      return no_member (call);
    }
}

static AwlBiResult
thread_member (AwlBiCall *call,
               AwlObject *thread)
{
  AwlObject *error = NULL;

  switch (call->site->id)
    {
    case M_START:
      if (!awl_sim_thread_start (call->sim, thread, &error))
        return bi_throw_error (call, error, "ThreadStateException", "Thread is running or terminated; it cannot restart.");
      return bi_value_yield (call, awl_value_null ());
    case M_JOIN:
      call->has_override = TRUE;
      call->override = awl_value_null ();
      awl_step_join (call->s, thread);
      return bi_action (call);
    case M_MANAGED_THREAD_ID:
      return bi_value (call, awl_value_int (awl_thread_get_managed_id (thread)));
    case M_IS_BACKGROUND:
      return bi_value (call, awl_value_bool (FALSE));
    case M_IS_THREAD_POOL_THREAD:
      return bi_value (call, awl_value_bool (awl_thread_is_pool (thread)));
    case M_NAME:
      return bi_value (call, awl_value_null ());
    default:
      return no_member (call);
    }
}

static AwlBiResult
enumerator_member (AwlBiCall *call,
                   AwlObject *en)
{
  switch (call->site->id)
    {
    case M_MOVE_NEXT_ASYNC:
      return bi_value_yield (call, awl_value_object (awl_sim_enumerator_move_next_async (call->sim, en)));
    case M_CURRENT:
      return bi_value (call, awl_enumerator_get_current (en));
    case M_DISPOSE_ASYNC:
      return bi_value (call, awl_value_object (awl_sim_enumerator_dispose_async (call->sim, en)));
    case M_GET_ASYNC_ENUMERATOR:
    case M_WITH_CANCELLATION:
      return bi_value (call, awl_value_object (en));
    default:
      return no_member (call);
    }
}

static AwlBiResult
list_aggregate (AwlBiCall *call,
                AwlList   *l)
{
  int id = call->site->id;
  guint n = l->items->len;
  AwlValue *items = (AwlValue *) l->items->data;
  gboolean all_int = TRUE;
  double sum = 0;
  gint64 isum = 0;

  if (n == 0 && id != M_SUM)
    return bi_throw (call, "InvalidOperationException", "Sequence contains no elements");
  for (guint i = 0; i < n; i++)
    {
      if (items[i].kind != AWL_VALUE_INT && items[i].kind != AWL_VALUE_DOUBLE)
        return bi_throw (call, "InvalidOperationException", "Sum/Max/Min/Average need numbers");
      if (items[i].kind != AWL_VALUE_INT)
        all_int = FALSE;
    }
  if (id == M_SUM || id == M_AVERAGE)
    {
      for (guint i = 0; i < n; i++)
        {
          sum += items[i].kind == AWL_VALUE_INT ? (double) items[i].i : items[i].d;
          if (items[i].kind == AWL_VALUE_INT)
            isum = (gint64) ((guint64) isum + (guint64) items[i].i);
        }
      if (id == M_AVERAGE)
        return bi_value (call, awl_value_double (sum / n));
      return bi_value (call, all_int ? awl_value_int (isum) : awl_value_double (sum));
    }
  {
    AwlValue best = items[0];
    for (guint i = 1; i < n; i++)
      {
        double x = items[i].kind == AWL_VALUE_INT ? (double) items[i].i : items[i].d;
        double y = best.kind == AWL_VALUE_INT ? (double) best.i : best.d;
        if (id == M_MAX ? x > y : x < y)
          best = items[i];
      }
    return bi_value (call, best);
  }
}

static AwlBiResult
make_lazy (AwlBiCall   *call,
           AwlLazyKind  kind)
{
  AwlLazy *lazy;
  AwlClosure *fn = call->n_args ? awl_value_get_foreign (call->args[0], &awl_closure_class) : NULL;
  if (fn == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'selector')");
  lazy = awl_sim_foreign_new (call->sim, &awl_lazy_class, sizeof (AwlLazy));
  lazy->kind = kind;
  lazy->source = call->target;
  lazy->fn = fn;
  return bi_value (call, awl_value_object (lazy));
}

static AwlBiResult
list_member (AwlBiCall *call,
             AwlList   *l)
{
  AwlSim *sim = call->sim;
  guint n = l->items->len;

  switch (call->site->id)
    {
    case M_ADD:
      if (l->is_array)
        return bi_throw (call, "NotSupportedException", "Collection was of a fixed size.");
      if (call->n_args != 1)
        return bi_throw (call, "ArgumentException", "Add takes one argument");
      g_array_append_val (l->items, call->args[0]);
      return bi_value (call, awl_value_null ());
    case M_ADD_RANGE:
      {
        AwlList *src = call->n_args ? awl_value_get_foreign (call->args[0], &awl_list_class) : NULL;
        if (src == NULL || l->is_array)
          return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'collection')");
        g_array_append_vals (l->items, src->items->data, src->items->len);
        return bi_value (call, awl_value_null ());
      }
    case M_COUNT:
      return bi_value (call, awl_value_int (n));
    case M_LENGTH:
      return bi_value (call, awl_value_int (n));
    case M_TO_ARRAY:
    case M_TO_LIST:
      return bi_value (call, awl_value_object (awl_list_new_from (sim, call->site->id == M_TO_ARRAY,
                                                                  (AwlValue *) l->items->data, n)));
    case M_SELECT:
      return make_lazy (call, LAZY_SELECT);
    case M_WHERE:
      return make_lazy (call, LAZY_WHERE);
    case M_ORDER_BY:
      return make_lazy (call, LAZY_ORDER_BY);
    case M_CONTAINS:
    case M_INDEX_OF:
      for (guint i = 0; i < n; i++)
        if (call->n_args && awl_value_equal (g_array_index (l->items, AwlValue, i), call->args[0]))
          return bi_value (call, call->site->id == M_CONTAINS ? awl_value_bool (TRUE) : awl_value_int (i));
      return bi_value (call, call->site->id == M_CONTAINS ? awl_value_bool (FALSE) : awl_value_int (-1));
    case M_REMOVE:
      for (guint i = 0; i < n; i++)
        if (call->n_args && awl_value_equal (g_array_index (l->items, AwlValue, i), call->args[0]))
          {
            g_array_remove_index (l->items, i);
            return bi_value (call, awl_value_bool (TRUE));
          }
      return bi_value (call, awl_value_bool (FALSE));
    case M_CLEAR:
      g_array_set_size (l->items, 0);
      return bi_value (call, awl_value_null ());
    case M_SUM:
    case M_MAX:
    case M_MIN:
    case M_AVERAGE:
      return list_aggregate (call, l);
    case M_ANY:
      return bi_value (call, awl_value_bool (n > 0));
    case M_INSERT:
      {
        gint64 at = call->n_args == 2 ? arg_int (call->args[0], -1) : -1;
        if (l->is_array)
          return bi_throw (call, "NotSupportedException", "Collection was of a fixed size.");
        if (at < 0 || at > n)
          return bi_throw (call, "ArgumentOutOfRangeException", "Index must be within the bounds of the List. (Parameter 'index')");
        g_array_insert_val (l->items, at, call->args[1]);
        return bi_value (call, awl_value_null ());
      }
    case M_REMOVE_AT:
      {
        gint64 at = call->n_args == 1 ? arg_int (call->args[0], -1) : -1;
        if (l->is_array)
          return bi_throw (call, "NotSupportedException", "Collection was of a fixed size.");
        if (at < 0 || at >= n)
          return bi_throw (call, "ArgumentOutOfRangeException",
                           "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')");
        g_array_remove_index (l->items, at);
        return bi_value (call, awl_value_null ());
      }
    case M_SKIP:
    case M_TAKE:
      {
        gint64 k = CLAMP (call->n_args ? arg_int (call->args[0], 0) : 0, 0, (gint64) n);
        AwlValue *items = (AwlValue *) l->items->data;
        if (call->site->id == M_SKIP)
          return bi_value (call, awl_value_object (awl_list_new_from (sim, FALSE, items + k, n - k)));
        return bi_value (call, awl_value_object (awl_list_new_from (sim, FALSE, items, k)));
      }
    case M_FIRST:
    case M_LAST:
      if (n == 0)
        return bi_throw (call, "InvalidOperationException", "Sequence contains no elements");
      return bi_value (call, g_array_index (l->items, AwlValue, call->site->id == M_FIRST ? 0 : n - 1));
    default:
      return no_member (call);
    }
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
 * every non-aggregate exception found by recursively opening the nested aggregates.
 * On another exception type it is not callable in C#; returning it unchanged is as
 * good as an error there. */
static AwlObject *
flatten_aggregate (AwlSim    *sim,
                   AwlObject *e)
{
  g_autoptr(GPtrArray) inner = g_ptr_array_new ();

  if (g_strcmp0 (awl_exception_get_type_name (e), "AggregateException") != 0)
    return e;
  collect_flattened (e, inner);
  return awl_sim_aggregate_exception_new (sim, (AwlObject **) inner->pdata, inner->len);
}

static AwlBiResult
exception_member (AwlBiCall *call,
                  AwlObject *e)
{
  AwlSim *sim = call->sim;

  switch (call->site->id)
    {
    case M_MESSAGE:
      return bi_value (call, awl_value_string (awl_exception_get_message (e)));
    case M_INNER_EXCEPTION:
      return bi_value (call, awl_value_object (awl_exception_get_n_inner (e) ? awl_exception_get_inner (e, 0) : NULL));
    case M_FLATTEN:
      return bi_value (call, awl_value_object (flatten_aggregate (sim, e)));
    case M_INNER_EXCEPTIONS:
      {
        AwlList *l;
        l = awl_list_new (sim, FALSE);
        for (guint i = 0; i < awl_exception_get_n_inner (e); i++)
          {
            AwlValue v = awl_value_object (awl_exception_get_inner (e, i));
            g_array_append_val (l->items, v);
          }
        return bi_value (call, awl_value_object (l));
      }
    case M_GET_TYPE:
      return bi_value (call, awl_value_string (awl_exception_get_type_name (e)));
    case M_STACK_TRACE:
      return bi_value (call, awl_value_string (awl_sim_intern_printf (sim, "   at line %d", awl_exception_get_line (e))));
    case M_GET_BASE_EXCEPTION:
      while (awl_exception_get_n_inner (e) > 0)
        e = awl_exception_get_inner (e, 0);
      return bi_value (call, awl_value_object (e));
    default:
      return no_member (call);
    }
}

static AwlBiResult
string_member (AwlBiCall  *call,
               const char *s)
{
  AwlSim *sim = call->sim;
  const char *arg = call->n_args && call->args[0].kind == AWL_VALUE_STRING ? call->args[0].s : NULL;

  switch (call->site->id)
    {
    case M_LENGTH:
      return bi_value (call, awl_value_int (g_utf8_strlen (s, -1)));
    case M_NAME:
      return bi_value (call, awl_value_string (s));
    case M_TO_UPPER:
      {
        g_autofree char *u = g_utf8_strup (s, -1);
        return bi_value (call, awl_value_string (awl_sim_intern (sim, u)));
      }
    case M_TO_LOWER:
      {
        g_autofree char *u = g_utf8_strdown (s, -1);
        return bi_value (call, awl_value_string (awl_sim_intern (sim, u)));
      }
    case M_CONTAINS:
      return bi_value (call, awl_value_bool (arg && strstr (s, arg) != NULL));
    case M_STARTS_WITH:
      return bi_value (call, awl_value_bool (arg && g_str_has_prefix (s, arg)));
    case M_ENDS_WITH:
      return bi_value (call, awl_value_bool (arg && g_str_has_suffix (s, arg)));
    case M_TRIM:
      {
        g_autofree char *t = g_strstrip (g_strdup (s));
        return bi_value (call, awl_value_string (awl_sim_intern (sim, t)));
      }
    case M_SUBSTRING:
      {
        glong len = g_utf8_strlen (s, -1);
        gint64 start = call->n_args >= 1 ? arg_int (call->args[0], -1) : -1;
        gint64 count = call->n_args >= 2 ? arg_int (call->args[1], -1) : len - start;
        g_autofree char *sub = NULL;
        if (start < 0 || start > len || count < 0 || start + count > len)
          return bi_throw (call, "ArgumentOutOfRangeException", "Index and length must refer to a location within the string. (Parameter 'length')");
        sub = g_utf8_substring (s, start, start + count);
        return bi_value (call, awl_value_string (awl_sim_intern (sim, sub)));
      }
    case M_PAD_LEFT:
    case M_PAD_RIGHT:
      {
        glong len = g_utf8_strlen (s, -1);
        gint64 width = call->n_args ? arg_int (call->args[0], 0) : 0;
        g_autoptr(GString) out = g_string_new (NULL);
        if (call->site->id == M_PAD_RIGHT)
          g_string_append (out, s);
        for (gint64 i = len; i < MIN (width, 100000); i++)
          g_string_append_c (out, ' ');
        if (call->site->id == M_PAD_LEFT)
          g_string_append (out, s);
        return bi_value (call, awl_value_string (awl_sim_intern (sim, out->str)));
      }
    case M_REPLACE:
      {
        const char *with = call->n_args >= 2 && call->args[1].kind == AWL_VALUE_STRING ? call->args[1].s : "";
        g_auto(GStrv) parts = NULL;
        g_autofree char *r = NULL;
        if (arg == NULL || *arg == '\0')
          return bi_throw (call, "ArgumentException", "String cannot be of zero length. (Parameter 'oldValue')");
        parts = g_strsplit (s, arg, -1);
        r = g_strjoinv (with, parts);
        return bi_value (call, awl_value_string (awl_sim_intern (sim, r)));
      }
    default:
      return no_member (call);
    }
}

static AwlBiResult
any_member (AwlBiCall *call)
{
  AwlSim *sim = call->sim;
  g_autoptr(GString) s = NULL;

  switch (call->site->id)
    {
    case M_TO_STRING:
      s = g_string_new (NULL);
      awl_format_with (call->target, call->n_args && call->args[0].kind == AWL_VALUE_STRING ? call->args[0].s : NULL,
                       0, FALSE, s);
      return bi_value (call, awl_value_string (awl_sim_intern (sim, s->str)));
    case M_EQUALS:
      return bi_value (call, awl_value_bool (call->n_args && awl_value_equal (call->target, call->args[0])));
    case M_GET_TYPE:
      return bi_value (call, awl_value_string (awl_sim_intern (sim, awl_value_describe_type (call->target))));
    case M_GET_HASH_CODE:
      return bi_value (call, awl_value_int (call->target.kind == AWL_VALUE_OBJECT ? (gint64) call->target.o->id
                                            : call->target.kind == AWL_VALUE_STRING ? (gint64) g_str_hash (call->target.s)
                                            : call->target.i));
    case M_TOTAL_MILLISECONDS:
      if (call->target.kind == AWL_VALUE_DOUBLE || call->target.kind == AWL_VALUE_INT)
        return bi_value (call, awl_value_double (call->target.kind == AWL_VALUE_INT ? (double) call->target.i : call->target.d));
      return no_member (call);
    default:
      return no_member (call);
    }
}

static AwlBiResult
member (AwlBiCall *call,
        gboolean   is_call)
{
  AwlValue t = call->target;
  AwlObject *o;
  gpointer fp;
  AwlBiResult r;

  if (t.kind == AWL_VALUE_NULL)
    {
      /* CancellationToken.None / default is our null token. */
      switch (call->site->id)
        {
        case M_IS_CANCELLATION_REQUESTED:
        case M_THROW_IF_CANCELLATION_REQUESTED:
        case M_CAN_BE_CANCELED:
        case M_REGISTER:
          return token_member (call, NULL);
        default:
          return bi_null_reference (call);
        }
    }

  if (t.kind == AWL_VALUE_STRING)
    {
      r = string_member (call, t.s);
      return (r == BI_THROW && g_str_equal (awl_exception_get_type_name (call->exception), "MissingMemberException"))
             ? any_member (call) : r;
    }
  if (t.kind != AWL_VALUE_OBJECT)
    return any_member (call);

  o = t.o;
  switch (o->type)
    {
    case AWL_OBJECT_TASK: r = task_member (call, o, is_call); break;
    case AWL_OBJECT_TCS: r = tcs_member (call, o); break;
    case AWL_OBJECT_SEMAPHORE: r = semaphore_member (call, o); break;
    case AWL_OBJECT_CTS: r = cts_member (call, o); break;
    case AWL_OBJECT_TOKEN: r = token_member (call, o); break;
    case AWL_OBJECT_THREAD: r = thread_member (call, o); break;
    case AWL_OBJECT_ENUMERATOR: r = enumerator_member (call, o); break;
    case AWL_OBJECT_EXCEPTION: r = exception_member (call, o); break;
    case AWL_OBJECT_REGISTRATION:
      r = call->site->id == M_DISPOSE ? bi_value (call, awl_value_null ()) : no_member (call);
      break;
    case AWL_OBJECT_FOREIGN:
      if ((fp = awl_value_get_foreign (t, &awl_list_class)))
        r = list_member (call, fp);
      else if ((fp = awl_value_get_foreign (t, &awl_awaitable_class)))
        r = awaitable_member (call, fp);
      else if ((fp = awl_value_get_foreign (t, &stopwatch_class)))
        r = stopwatch_member (call, fp);
      else if ((fp = awl_value_get_foreign (t, &awl_lazy_class)))
        r = call->site->id == M_SELECT ? make_lazy (call, LAZY_SELECT) :
            call->site->id == M_WHERE ? make_lazy (call, LAZY_WHERE) :
            call->site->id == M_ORDER_BY ? make_lazy (call, LAZY_ORDER_BY) : no_member (call);
      else if ((fp = awl_value_get_foreign (t, &awl_closure_class)) && call->site->id == M_INVOKE)
        {
          awl_step_call (call->s, awl_closure_frame (call->run, fp, call->args, call->n_args));
          r = bi_action (call);
        }
      else
        r = no_member (call);
      break;
    default:
      r = no_member (call);
      break;
    }
  if (r == BI_THROW && g_str_equal (awl_exception_get_type_name (call->exception), "MissingMemberException"))
    return any_member (call);
  return r;
}

AwlBiResult
awl_builtin_call_member (AwlBiCall *call)
{
  return member (call, TRUE);
}

AwlBiResult
awl_builtin_get_member (AwlBiCall *call)
{
  return member (call, FALSE);
}

AwlBiResult
awl_builtin_set_member (AwlBiCall *call)
{
  AwlValue t = call->target;

  if (t.kind == AWL_VALUE_NULL)
    return bi_null_reference (call);
  if (awl_value_get_object (t, AWL_OBJECT_THREAD) &&
      (g_str_equal (call->site->member, "IsBackground") || g_str_equal (call->site->member, "Name")))
    return bi_value (call, awl_value_null ());
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

  if ((r = index_check (call, &l, &index)) != BI_VALUE)
    return r;
  g_array_index (l->items, AwlValue, index) = call->args[1];
  return bi_value (call, awl_value_null ());
}
