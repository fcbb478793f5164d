/* awl-builtins-text.c
 *
 * Console, strings, numbers and the members every object has: Console.Write/
 * WriteLine, string's static and instance members, int, Math, object's ToString/
 * Equals/GetType/GetHashCode and delegates' Invoke.
 */

#include <math.h>
#include <string.h>

#include "awl-builtins-private.h"

/* ----------------------------------------------------------------------------- */
/* Console */

static char *
format_args (AwlBiCall *call)
{
  if (call->n_args == 0)
    return g_strdup ("");
  if (call->n_args == 1)
    return g_strdup (bi_to_string (call->sim, call->args[0]));
  return bi_composite_format (bi_to_string (call->sim, call->args[0]), call->args + 1, call->n_args - 1);
}

AWL_BI (console_write_line)
{
  g_autofree char *text = format_args (call);
  g_autofree char *line = awl_run_take_line (call->run, text);

  if (!awl_run_charge_output (call->run, strlen (line)))
    return bi_over_budget (call);
  awl_sim_output (call->sim, line);
  return bi_value (call, awl_value_null ());
}

AWL_BI (console_write)
{
  g_autofree char *text = format_args (call);

  /* Text waiting for its newline is memory too. */
  if (!bi_charge (call, 1, strlen (text)))
    return bi_over_budget (call);
  awl_run_write (call->run, text);
  return bi_value (call, awl_value_null ());
}

/* ----------------------------------------------------------------------------- */
/* string's static members */

/* A string the API made, charged to the run's budgets. */
static AwlValue
interned (AwlBiCall  *call,
          const char *s)
{
  return awl_value_string (awl_run_intern (call->run, s));
}

AWL_BI (string_join)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *sep = call->n_args ? bi_to_string (call->sim, call->args[0]) : "";
  guint count;
  const AwlValue *items = bi_params (call, 1, &count);
  /* string.Join(sep, IEnumerable<T>) also takes a dictionary, queue, stack or set. */
  AwlList *walked = call->n_args == 2 ? awl_enumerable_items (call->sim, call->args[1]) : NULL;

  if (walked != NULL)
    {
      items = (const AwlValue *) walked->items->data;
      count = walked->items->len;
    }
  for (guint i = 0; i < count; i++)
    {
      if (i)
        g_string_append (out, sep);
      awl_scn_value_format (items[i], out);
    }
  return bi_value (call, interned (call, out->str));
}

AWL_BI (string_format)
{
  g_autofree char *text = call->n_args ? bi_composite_format (bi_to_string (call->sim, call->args[0]), call->args + 1, call->n_args - 1)
                                       : g_strdup ("");
  return bi_value (call, interned (call, text));
}

AWL_BI (string_concat)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint count;
  const AwlValue *items = bi_params (call, 0, &count);

  for (guint i = 0; i < count; i++)
    awl_scn_value_format (items[i], out);
  return bi_value (call, interned (call, out->str));
}

AWL_BI (string_is_null_or_empty)
{
  AwlValue v = call->args[0];
  return bi_value (call, awl_value_bool (v.kind == AWL_VALUE_NULL || (v.kind == AWL_VALUE_STRING && v.s[0] == '\0')));
}

AWL_BI (string_empty)
{
  return bi_value (call, awl_value_string (""));
}

/* ----------------------------------------------------------------------------- */
/* Numbers */

AWL_BI (int_parse)
{
  gint64 v;
  g_autofree char *text = NULL;

  if (call->args[0].kind != AWL_VALUE_STRING)
    return bi_throw (call, "FormatException", "The input string was not in a correct format.");
  text = g_strstrip (g_strdup (call->args[0].s));
  if (!g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &v, NULL))
    return bi_throw (call, "FormatException", "The input string was not in a correct format.");
  return bi_value (call, awl_value_int (v));
}

/* int.TryParse(s, out n): false and n = 0 where int.Parse would throw. */
AWL_BI (int_try_parse)
{
  AwlBox *box = awl_value_get_foreign (call->args[1], &awl_box_class);
  gint64 v = 0;
  gboolean ok = FALSE;

  if (call->args[0].kind == AWL_VALUE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (call->args[0].s));
      ok = g_ascii_string_to_signed (text, 10, G_MININT32, G_MAXINT32, &v, NULL);
    }
  if (box != NULL)
    box->v = awl_value_int (ok ? v : 0);
  return bi_value (call, awl_value_bool (ok));
}

AWL_BI (int_constant)
{
  return bi_value (call, awl_value_int (call->api->data));
}

/* Math.Max (data 1) and Math.Min (data 0). */
AWL_BI (math_minmax)
{
  AwlValue a = call->args[0], b = call->args[1];
  gboolean max = call->api->data;

  if (a.kind == AWL_VALUE_INT && b.kind == AWL_VALUE_INT)
    return bi_value (call, awl_value_int (max ? MAX (a.i, b.i) : MIN (a.i, b.i)));
  {
    double x = bi_arg_double (a), y = bi_arg_double (b);
    return bi_value (call, awl_value_double (max ? MAX (x, y) : MIN (x, y)));
  }
}

AWL_BI (math_abs)
{
  AwlValue a = call->args[0];
  if (a.kind == AWL_VALUE_INT)
    return bi_value (call, awl_value_int (a.i < 0 ? -a.i : a.i));
  return bi_value (call, awl_value_double (fabs (bi_arg_double (a))));
}

AWL_BI (math_round)
{
  AwlValue a = call->args[0];

  if (a.kind == AWL_VALUE_DOUBLE)
    {
      int digits = call->n_args >= 2 ? (int) bi_arg_int (call->args[1], 0) : 0;
      double scale = pow (10, CLAMP (digits, 0, 15));
      return bi_value (call, awl_value_double (nearbyint (a.d * scale) / scale));
    }
  return bi_value (call, a);
}

AWL_BI (math_sqrt)
{
  return bi_value (call, awl_value_double (sqrt (bi_arg_double (call->args[0]))));
}

AWL_BI (math_pow)
{
  return bi_value (call, awl_value_double (pow (bi_arg_double (call->args[0]), bi_arg_double (call->args[1]))));
}

/* ----------------------------------------------------------------------------- */
/* string's instance members */

static const char *
target_string (AwlBiCall *call)
{
  return call->target.s;
}

static const char *
string_arg (AwlBiCall *call)
{
  return call->n_args && call->args[0].kind == AWL_VALUE_STRING ? call->args[0].s : NULL;
}

AWL_BI (string_length)
{
  return bi_value (call, awl_value_int (g_utf8_strlen (target_string (call), -1)));
}

/* ToUpper (data 1) and ToLower (data 0). */
AWL_BI (string_case)
{
  g_autofree char *u = call->api->data ? g_utf8_strup (target_string (call), -1) : g_utf8_strdown (target_string (call), -1);
  return bi_value (call, interned (call, u));
}

AWL_BI (string_contains)
{
  const char *arg = string_arg (call);
  return bi_value (call, awl_value_bool (arg && strstr (target_string (call), arg) != NULL));
}

AWL_BI (string_starts_with)
{
  const char *arg = string_arg (call);
  return bi_value (call, awl_value_bool (arg && g_str_has_prefix (target_string (call), arg)));
}

AWL_BI (string_ends_with)
{
  const char *arg = string_arg (call);
  return bi_value (call, awl_value_bool (arg && g_str_has_suffix (target_string (call), arg)));
}

AWL_BI (string_trim)
{
  g_autofree char *t = g_strstrip (g_strdup (target_string (call)));
  return bi_value (call, interned (call, t));
}

AWL_BI (string_substring)
{
  const char *s = target_string (call);
  glong len = g_utf8_strlen (s, -1);
  gint64 start = bi_arg_int (call->args[0], -1);
  gint64 count = call->n_args >= 2 ? bi_arg_int (call->args[1], -1) : len - start;
  g_autofree char *sub = NULL;

  if (start < 0 || start > len || count < 0 || start + count > len)
    return bi_throw (call, "ArgumentOutOfRangeException", "Index and length must refer to a location within the string. (Parameter 'length')");
  sub = g_utf8_substring (s, start, start + count);
  return bi_value (call, interned (call, sub));
}

/* PadLeft (data 0) and PadRight (data 1). */
AWL_BI (string_pad)
{
  const char *s = target_string (call);
  glong len = g_utf8_strlen (s, -1);
  gint64 width = bi_arg_int (call->args[0], 0);
  g_autoptr(GString) out = NULL;
  /* PadLeft(n, c): chars are one-character strings, a cast (char) 97 an int. */
  gunichar pad = ' ';
  char pad_utf8[8] = { 0 };

  if (call->n_args >= 2 && call->args[1].kind == AWL_VALUE_STRING && call->args[1].s[0] != '\0')
    pad = g_utf8_get_char (call->args[1].s);
  else if (call->n_args >= 2 && call->args[1].kind == AWL_VALUE_INT && g_unichar_validate (call->args[1].i))
    pad = (gunichar) call->args[1].i;
  g_unichar_to_utf8 (pad, pad_utf8);

  if (width < 0)
    return bi_throw (call, "ArgumentOutOfRangeException", "Non-negative number required. (Parameter 'totalWidth')");
  /* Charged before it is made: PadLeft(2000000000) ends the run on the memory
   * budget instead of being cut short in silence. */
  if (width > len && !bi_charge (call, 1, (guint64) (width - len) * strlen (pad_utf8)))
    return bi_over_budget (call);
  out = g_string_sized_new (strlen (s) + MAX (width - len, 0) * strlen (pad_utf8) + 1);
  if (call->api->data)
    g_string_append (out, s);
  for (gint64 i = len; i < width; i++)
    g_string_append (out, pad_utf8);
  if (!call->api->data)
    g_string_append (out, s);
  return bi_value (call, interned (call, out->str));
}

AWL_BI (string_replace)
{
  const char *arg = string_arg (call);
  const char *with = call->n_args >= 2 && call->args[1].kind == AWL_VALUE_STRING ? call->args[1].s : "";
  const char *t = target_string (call);
  g_autoptr(GString) out = NULL;
  gsize n_arg, n_with, hits = 0;
  const char *p, *from;

  if (arg == NULL || *arg == '\0')
    return bi_throw (call, "ArgumentException", "String cannot be of zero length. (Parameter 'oldValue')");
  n_arg = strlen (arg);
  n_with = strlen (with);

  /* The result's size before making it: each Replace that doubles a string must
   * meet the memory budget, not the machine's. */
  for (p = t; *p != '\0';)
    {
      if (*p == arg[0] && strncmp (p, arg, n_arg) == 0)
        {
          hits++;
          p += n_arg;
        }
      else
        p++;
    }
  if (!bi_charge (call, strlen (t) / 16 + 1,
                  strlen (t) + hits * (n_with > n_arg ? n_with - n_arg : 0)))
    return bi_over_budget (call);

  /* One pass into a buffer of the known size: a string of 64 million matches is
   * 64 million copies, so no call per match. */
  {
    gsize t_len = strlen (t), size = t_len - hits * n_arg + hits * n_with;
    char *w;

    out = g_string_sized_new (size + 1);
    g_string_set_size (out, size);
    w = out->str;
    for (from = t; *from != '\0';)
      {
        if (*from == arg[0] && strncmp (from, arg, n_arg) == 0)
          {
            memcpy (w, with, n_with);
            w += n_with;
            from += n_arg;
          }
        else
          *w++ = *from++;
      }
    g_assert (w == out->str + size);
  }
  return bi_value (call, awl_value_string (awl_sim_intern (call->sim, out->str)));
}

/* GetType() answers the type's name as a string; its Name is itself. */
AWL_BI (type_name)
{
  return bi_value (call, call->target);
}

/* ----------------------------------------------------------------------------- */
/* Every object */

AWL_BI (object_to_string)
{
  g_autoptr(GString) s = g_string_new (NULL);

  awl_format_with (call->target, string_arg (call), 0, FALSE, s);
  return bi_value (call, interned (call, s->str));
}

AWL_BI (object_equals)
{
  return bi_value (call, awl_value_bool (awl_value_equal (call->target, call->args[0])));
}

AWL_BI (object_get_type)
{
  return bi_value (call, interned (call, awl_value_describe_type (call->target)));
}

AWL_BI (object_get_hash_code)
{
  AwlValue t = call->target;
  return bi_value (call, awl_value_int (t.kind == AWL_VALUE_OBJECT ? (gint64) t.o->id
                                        : t.kind == AWL_VALUE_STRING ? (gint64) g_str_hash (t.s)
                                        : t.i));
}

/* new object(), new EventArgs(), EventArgs.Empty: a plain object. */
AWL_BI (object_new)
{
  return bi_value (call, awl_value_object (awl_sim_object_new (call->sim)));
}

AWL_BI (delegate_invoke)
{
  AwlClosure *fn = awl_value_get_foreign (call->target, &awl_closure_class);
  AwlList *multicast = awl_value_get_foreign (call->target, &awl_multicast_class);

  if (multicast != NULL)
    awl_step_call (call->s, awl_multicast_frame_new (call->run, multicast, call->args, call->n_args));
  else
    awl_step_call (call->s, awl_closure_frame (call->run, fn, call->args, call->n_args));
  return bi_action (call);
}

/* ----------------------------------------------------------------------------- */
/* The rows */

static const AwlKnownApi rows[] = {
  { "Console", "WriteLine", AWL_SM, 0, AWL_V, NULL, 0, console_write_line, 0, "Console.WriteLine(\"{0} {1:F2}\", 1, 2.5);" },
  { "Console", "Write", AWL_SM, 0, AWL_V, NULL, 0, console_write, 0, "Console.Write(1); Console.WriteLine();" },
  { "string", "Join", AWL_SM, 2, AWL_V, NULL, 0, string_join, 0, "string s = string.Join(\", \", 1, 2, 3);" },
  { "string", "Format", AWL_SM, 1, AWL_V, NULL, 0, string_format, 0, "string s = string.Format(\"{0} {1}\", 1, 2);" },
  { "string", "Concat", AWL_SM, 1, AWL_V, NULL, 0, string_concat, 0, "string s = string.Concat(\"a\", \"b\", \"c\");" },
  { "string", "IsNullOrEmpty", AWL_SM, 1, 1, NULL, 0, string_is_null_or_empty, 0, "bool b = string.IsNullOrEmpty(\"\");" },
  { "string", "Empty", AWL_SP, 0, 0, NULL, 0, string_empty, 0, "string s = string.Empty;" },
  { "int", "Parse", AWL_SM, 1, 1, NULL, 0, int_parse, 0, "int n = int.Parse(\"42\");" },
  { "int", "TryParse", AWL_SM, 2, 2, NULL, 0, int_try_parse, 0, "bool ok = int.TryParse(\"42\", out var n);", AWL_API_OUT_LAST },
  { "int", "MaxValue", AWL_SP, 0, 0, NULL, 0, int_constant, G_MAXINT32, "int n = int.MaxValue;" },
  { "int", "MinValue", AWL_SP, 0, 0, NULL, 0, int_constant, G_MININT32, "int n = int.MinValue;" },
  { "Math", "Max", AWL_SM, 2, 2, NULL, 0, math_minmax, 1, "int n = Math.Max(1, 2);" },
  { "Math", "Min", AWL_SM, 2, 2, NULL, 0, math_minmax, 0, "double n = Math.Min(1.5, 2);" },
  { "Math", "Abs", AWL_SM, 1, 1, NULL, 0, math_abs, 0, "int n = Math.Abs(-1);" },
  { "Math", "Round", AWL_SM, 1, 2, NULL, 0, math_round, 0, "double n = Math.Round(1.25, 1);" },
  { "Math", "Sqrt", AWL_SM, 1, 1, NULL, 0, math_sqrt, 0, "double n = Math.Sqrt(2);" },
  { "Math", "Pow", AWL_SM, 2, 2, NULL, 0, math_pow, 0, "double n = Math.Pow(2, 10);" },
  { "string", "Length", AWL_IP, 0, 0, NULL, 0, string_length, 0, "int n = \"abc\".Length;" },
  { "string", "Contains", AWL_IM, 1, 1, NULL, 0, string_contains, 0, "bool b = \"abc\".Contains(\"b\");" },
  { "string", "StartsWith", AWL_IM, 1, 1, NULL, 0, string_starts_with, 0, "bool b = \"abc\".StartsWith(\"a\");" },
  { "string", "EndsWith", AWL_IM, 1, 1, NULL, 0, string_ends_with, 0, "bool b = \"abc\".EndsWith(\"c\");" },
  { "string", "Trim", AWL_IM, 0, 0, NULL, 0, string_trim, 0, "string s = \" a \".Trim();" },
  { "string", "Replace", AWL_IM, 2, 2, NULL, 0, string_replace, 0, "string s = \"abc\".Replace(\"b\", \"x\");" },
  { "string", "Substring", AWL_IM, 1, 2, NULL, 0, string_substring, 0, "string s = \"abc\".Substring(1, 1);" },
  { "string", "ToUpper", AWL_IM, 0, 0, NULL, 0, string_case, 1, "string s = \"abc\".ToUpper();" },
  { "string", "ToLower", AWL_IM, 0, 0, NULL, 0, string_case, 0, "string s = \"ABC\".ToLower();" },
  { "string", "PadLeft", AWL_IM, 1, 2, NULL, 0, string_pad, 0, "string s = \"a\".PadLeft(3);" },
  { "string", "PadRight", AWL_IM, 1, 2, NULL, 0, string_pad, 1, "string s = \"a\".PadRight(3);" },
  { "Type", "Name", AWL_IP, 0, 0, NULL, 0, type_name, 0, "string s = new Exception().GetType().Name;" },
  { "object", "ToString", AWL_IM, 0, 1, NULL, 0, object_to_string, 0, "string s = 2.5.ToString(\"F2\");" },
  { "object", "Equals", AWL_IM, 1, 1, NULL, 0, object_equals, 0, "bool b = 1.Equals(1);" },
  { "object", "GetType", AWL_IM, 0, 0, NULL, 0, object_get_type, 0, "var t = 1.GetType();" },
  { "object", "GetHashCode", AWL_IM, 0, 0, NULL, 0, object_get_hash_code, 0, "int h = \"a\".GetHashCode();" },
  { "object", ".ctor", AWL_CT, 0, 0, NULL, 0, object_new, 0, "var gate = new object(); lock (gate) { }" },
  { "EventArgs", ".ctor", AWL_CT, 0, 0, NULL, 0, object_new, 0, "var e = new EventArgs();" },
  { "EventArgs", "Empty", AWL_SP, 0, 0, NULL, 0, object_new, 0, "var e = EventArgs.Empty;" },
  { "Delegate", "Invoke", AWL_IM, 0, AWL_V, NULL, 0, delegate_invoke, 0, "Func<int, int> f = x => x + 1; int n = f.Invoke(1);" },
};

const AwlApiFamily awl_api_family_text = { "Text", rows, G_N_ELEMENTS (rows) };
