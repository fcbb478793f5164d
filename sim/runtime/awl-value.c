/* awl-value.c
 *
 * Values, their C# formatting, and exceptions with .NET's type hierarchy.
 */

#include <math.h>
#include <string.h>

#include "awl-task-private.h"

gboolean
awl_value_equal (AwlValue a,
                 AwlValue b)
{
  if (a.kind == AWL_VALUE_INT && b.kind == AWL_VALUE_DOUBLE)
    return (double) a.i == b.d;
  if (a.kind == AWL_VALUE_DOUBLE && b.kind == AWL_VALUE_INT)
    return a.d == (double) b.i;
  if (a.kind != b.kind)
    return FALSE;
  switch (a.kind)
    {
    case AWL_VALUE_NULL:   return TRUE;
    case AWL_VALUE_BOOL:   return !a.b == !b.b;
    case AWL_VALUE_INT:    return a.i == b.i;
    case AWL_VALUE_DOUBLE: return a.d == b.d;
    case AWL_VALUE_STRING: return g_strcmp0 (a.s, b.s) == 0;
    case AWL_VALUE_OBJECT: return a.o == b.o;
    default:               return FALSE;
    }
}

void
awl_format_double (double   d,
                   GString *out)
{
  char buf[64];
  char *e;

  if (isnan (d))
    {
      g_string_append (out, "NaN");
      return;
    }
  if (isinf (d))
    {
      g_string_append (out, d > 0 ? "∞" : "-∞");
      return;
    }
  if (d == 0)
    {
      g_string_append (out, signbit (d) ? "-0" : "0");
      return;
    }

  /* Shortest digits that round-trip, as .NET Core 3.0+ prints doubles; positional
   * notation unless the decimal exponent is >= 15 or <= -5 (1E+15, 1E-05, 0.0001). */
  for (int prec = 1; prec <= 17; prec++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", prec - 1, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  {
    char digits[32];
    int n = 0, exp10;
    const char *p = buf;
    gboolean negative = *p == '-';

    if (negative)
      p++;
    for (; *p && *p != 'e'; p++)
      if (g_ascii_isdigit (*p) && n < (int) sizeof digits - 1)
        digits[n++] = *p;
    while (n > 1 && digits[n - 1] == '0')
      n--;
    digits[n] = 0;
    e = strchr (buf, 'e');
    exp10 = e ? atoi (e + 1) : 0;

    if (negative)
      g_string_append_c (out, '-');
    if (exp10 >= 15 || exp10 <= -5)
      {
        g_string_append_c (out, digits[0]);
        if (n > 1)
          g_string_append_printf (out, ".%s", digits + 1);
        g_string_append_printf (out, "E%c%02d", exp10 < 0 ? '-' : '+', ABS (exp10));
      }
    else if (exp10 >= 0)
      {
        for (int k = 0; k <= exp10; k++)
          g_string_append_c (out, k < n ? digits[k] : '0');
        if (n > exp10 + 1)
          g_string_append_printf (out, ".%s", digits + exp10 + 1);
      }
    else
      {
        g_string_append (out, "0.");
        for (int k = 0; k < -exp10 - 1; k++)
          g_string_append_c (out, '0');
        g_string_append (out, digits);
      }
  }
}

const char *
awl_object_type_name (const AwlObject *object)
{
  g_return_val_if_fail (object != NULL, "null");

  switch (object->type)
    {
    case AWL_OBJECT_PLAIN:        return "Object";
    case AWL_OBJECT_TASK:         return "Task";
    case AWL_OBJECT_EXCEPTION:    return awl_exception_get_type_name (object);
    case AWL_OBJECT_SEMAPHORE:    return "SemaphoreSlim";
    case AWL_OBJECT_CTS:          return "CancellationTokenSource";
    case AWL_OBJECT_TOKEN:        return "CancellationToken";
    case AWL_OBJECT_REGISTRATION: return "CancellationTokenRegistration";
    case AWL_OBJECT_TCS:          return "TaskCompletionSource";
    case AWL_OBJECT_THREAD:       return "Thread";
    case AWL_OBJECT_ENUMERATOR:   return "IAsyncEnumerator";
    case AWL_OBJECT_FOREIGN:      return ((const AwlForeign *) object)->klass->name;
    default:                      return "Object";
    }
}

static const char *
dotnet_full_name (const AwlObject *o)
{
  switch (o->type)
    {
    case AWL_OBJECT_PLAIN:        return "System.Object";
    case AWL_OBJECT_TASK:         return "System.Threading.Tasks.Task";
    case AWL_OBJECT_SEMAPHORE:    return "System.Threading.SemaphoreSlim";
    case AWL_OBJECT_CTS:          return "System.Threading.CancellationTokenSource";
    case AWL_OBJECT_TOKEN:        return "System.Threading.CancellationToken";
    case AWL_OBJECT_REGISTRATION: return "System.Threading.CancellationTokenRegistration";
    case AWL_OBJECT_TCS:          return "System.Threading.Tasks.TaskCompletionSource";
    case AWL_OBJECT_THREAD:       return "System.Threading.Thread";
    default:                      return "System.Object";
    }
}

void
awl_value_format (AwlValue  v,
                  GString  *out)
{
  switch (v.kind)
    {
    case AWL_VALUE_NULL:
      break;
    case AWL_VALUE_BOOL:
      g_string_append (out, v.b ? "True" : "False");
      break;
    case AWL_VALUE_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, v.i);
      break;
    case AWL_VALUE_DOUBLE:
      awl_format_double (v.d, out);
      break;
    case AWL_VALUE_STRING:
      g_string_append (out, v.s ? v.s : "");
      break;
    case AWL_VALUE_OBJECT:
      if (v.o == NULL)
        break;
      if (v.o->type == AWL_OBJECT_EXCEPTION)
        {
          const AwlException *e = (const AwlException *) v.o;
          g_string_append_printf (out, "%s: %s", e->type, e->message);
        }
      else if (v.o->type == AWL_OBJECT_FOREIGN)
        {
          AwlForeign *f = (AwlForeign *) v.o;
          if (f->klass->to_string)
            f->klass->to_string (f, out);
          else
            g_string_append (out, f->klass->name);
        }
      else
        g_string_append (out, dotnet_full_name (v.o));
      break;
    default:
      break;
    }
}

/* ---------------------------------------------------------------------------------
 * Exceptions
 * ------------------------------------------------------------------------------ */

/* .NET's hierarchy for the types scenarios use: child → parent. */
static const struct { const char *type; const char *parent; } hierarchy[] = {
  { "SystemException", "Exception" },
  { "ApplicationException", "Exception" },
  { "AggregateException", "Exception" },
  { "HttpRequestException", "Exception" },
  { "InvalidOperationException", "SystemException" },
  { "ObjectDisposedException", "InvalidOperationException" },
  { "OperationCanceledException", "SystemException" },
  { "TaskCanceledException", "OperationCanceledException" },
  { "ArgumentException", "SystemException" },
  { "ArgumentNullException", "ArgumentException" },
  { "ArgumentOutOfRangeException", "ArgumentException" },
  { "NotSupportedException", "SystemException" },
  { "NotImplementedException", "SystemException" },
  { "TimeoutException", "SystemException" },
  { "SemaphoreFullException", "SystemException" },
  { "SynchronizationLockException", "SystemException" },
  { "ThreadStateException", "SystemException" },
  { "NullReferenceException", "SystemException" },
  { "DivideByZeroException", "ArithmeticException" },
  { "ArithmeticException", "SystemException" },
  { "OverflowException", "ArithmeticException" },
  { "IndexOutOfRangeException", "SystemException" },
  { "FormatException", "SystemException" },
  { "KeyNotFoundException", "SystemException" },
  { "ChannelClosedException", "InvalidOperationException" },
  { "InvalidCastException", "SystemException" },
  { "IOException", "SystemException" },
  { "JsonException", "Exception" },          /* Newtonsoft.Json */
  { "JsonReaderException", "JsonException" },
};

static const char *
parent_type (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (hierarchy); i++)
    if (strcmp (hierarchy[i].type, type) == 0)
      return hierarchy[i].parent;
  return strcmp (type, "Exception") == 0 ? NULL : "Exception";
}

gboolean
awl_exception_type_is_known (const char *type_name)
{
  g_return_val_if_fail (type_name != NULL, FALSE);

  if (strcmp (type_name, "Exception") == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (hierarchy); i++)
    if (strcmp (hierarchy[i].type, type_name) == 0)
      return TRUE;
  return FALSE;
}

gboolean
awl_exception_is_a (const AwlObject *exception,
                    const char      *type_name)
{
  const char *t;

  g_return_val_if_fail (AWL_IS_EXCEPTION (exception), FALSE);
  g_return_val_if_fail (type_name != NULL, FALSE);

  /* The DisposeAsync marker (awl_exception_is_dispose) is no Exception: no catch matches it. */
  if (strcmp (((const AwlException *) exception)->type, "<DisposeAsync>") == 0)
    return strcmp (type_name, "<DisposeAsync>") == 0;
  t = ((const AwlException *) exception)->type;
  if (((const AwlException *) exception)->script_object != NULL)
    {
      const AwlException *e = (const AwlException *) exception;

      /* A class of the script: its own classes, then the .NET base's hierarchy. */
      if (strcmp (t, type_name) == 0 || (e->script_is_a != NULL && g_hash_table_contains (e->script_is_a, type_name)))
        return TRUE;
      t = e->builtin_base;
    }
  for (; t != NULL; t = parent_type (t))
    if (strcmp (t, type_name) == 0)
      return TRUE;
  return FALSE;
}

void
awl_exception_set_script_class (AwlObject  *exception,
                                gpointer    object,
                                GHashTable *is_a,
                                const char *builtin_base)
{
  AwlException *e = (AwlException *) exception;

  g_return_if_fail (AWL_IS_EXCEPTION (exception));
  e->script_object = object;
  e->script_is_a = is_a;
  e->builtin_base = builtin_base;
}

gpointer
awl_exception_get_script_object (const AwlObject *exception)
{
  g_return_val_if_fail (AWL_IS_EXCEPTION (exception), NULL);
  return ((const AwlException *) exception)->script_object;
}

const char *
awl_exception_get_type_name (const AwlObject *exception)
{
  g_return_val_if_fail (AWL_IS_EXCEPTION (exception), NULL);
  return ((const AwlException *) exception)->type;
}

const char *
awl_exception_get_message (const AwlObject *exception)
{
  g_return_val_if_fail (AWL_IS_EXCEPTION (exception), NULL);
  return ((const AwlException *) exception)->message;
}

guint
awl_exception_get_n_inner (const AwlObject *exception)
{
  const AwlException *e = (const AwlException *) exception;

  g_return_val_if_fail (AWL_IS_EXCEPTION (exception), 0);
  return e->inner ? e->inner->len : 0;
}

AwlObject *
awl_exception_get_inner (const AwlObject *exception,
                         guint            i)
{
  const AwlException *e = (const AwlException *) exception;

  g_return_val_if_fail (AWL_IS_EXCEPTION (exception), NULL);
  g_return_val_if_fail (e->inner != NULL && i < e->inner->len, NULL);
  return g_ptr_array_index (e->inner, i);
}

int
awl_exception_get_line (const AwlObject *exception)
{
  g_return_val_if_fail (AWL_IS_EXCEPTION (exception), 0);
  return ((const AwlException *) exception)->line;
}

static const char *
default_message (const char *type)
{
  if (strcmp (type, "TaskCanceledException") == 0)
    return "A task was canceled.";
  if (strcmp (type, "OperationCanceledException") == 0)
    return "The operation was canceled.";
  if (strcmp (type, "AggregateException") == 0)
    return "One or more errors occurred.";
  if (strcmp (type, "InvalidOperationException") == 0)
    return "Operation is not valid due to the current state of the object.";
  return NULL;
}

AwlObject *
awl_sim_exception_new (AwlSim     *sim,
                       const char *type_name,
                       const char *message)
{
  return awl_sim_exception_new_with_inner (sim, type_name, message, NULL);
}

AwlObject *
awl_sim_exception_new_with_inner (AwlSim     *sim,
                                  const char *type_name,
                                  const char *message,
                                  AwlObject  *inner)
{
  AwlException *e;

  g_return_val_if_fail (sim != NULL, NULL);
  g_return_val_if_fail (type_name != NULL, NULL);

  e = awl_sim_alloc_object (sim, AWL_OBJECT_EXCEPTION, sizeof *e);
  e->type = awl_sim_intern (sim, type_name);
  if (message == NULL)
    message = default_message (type_name);
  if (message == NULL)
    message = awl_sim_intern_printf (sim, "Exception of type 'System.%s' was thrown.", type_name);
  e->message = awl_sim_intern (sim, message);
  if (inner != NULL)
    {
      e->inner = g_ptr_array_new ();
      g_ptr_array_add (e->inner, inner);
    }
  return &e->parent;
}

AwlObject *
awl_sim_aggregate_exception_new (AwlSim     *sim,
                                 AwlObject **inner,
                                 guint       n_inner)
{
  g_autoptr(GString) msg = g_string_new ("One or more errors occurred.");
  AwlException *e;

  g_return_val_if_fail (sim != NULL, NULL);

  /* .NET Core appends each inner message in parentheses. */
  for (guint i = 0; i < n_inner; i++)
    g_string_append_printf (msg, " (%s)", awl_exception_get_message (inner[i]));

  e = (AwlException *) awl_sim_exception_new (sim, "AggregateException", msg->str);
  e->inner = g_ptr_array_new ();
  for (guint i = 0; i < n_inner; i++)
    g_ptr_array_add (e->inner, inner[i]);
  return &e->parent;
}

void
awl_sim_exception_set_line (AwlSim    *sim,
                            AwlObject *exception,
                            int        line)
{
  g_return_if_fail (AWL_IS_EXCEPTION (exception));
  if (((AwlException *) exception)->line == 0)
    ((AwlException *) exception)->line = line;
}
