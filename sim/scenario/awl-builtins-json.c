/* awl-builtins-json.c
 *
 * Newtonsoft.Json.Linq's JObject and JArray: real samples parse the text an HTTP call
 * returned (`JObject.Parse(json)`) and read it back (`(string)o["name"]`,
 * `o.Value<int>("age")`, `Console.WriteLine(o)`). Scalars come back as plain values
 * (string, long, double, bool, null), which is what the casts those samples write give
 * in .NET; objects and arrays stay JObject/JArray and print as Json.NET prints them.
 * Every message and format here was checked against Newtonsoft.Json 13.0.4 on .NET 10.
 */

#include <string.h>

#include "awl-builtins-private.h"

typedef struct
{
  AwlForeign  parent;
  GPtrArray  *keys;     /* interned, in document order */
  GArray     *values;   /* AwlValue */
} JObject;

typedef struct
{
  AwlForeign  parent;
  GArray     *items;    /* AwlValue */
} JArray;

static void json_object_format (AwlForeign *self, GString *out);
static void json_array_format (AwlForeign *self, GString *out);

static void
json_object_finalize (AwlForeign *self)
{
  JObject *o = (JObject *) self;

  g_clear_pointer (&o->keys, g_ptr_array_unref);
  g_clear_pointer (&o->values, g_array_unref);
}

static void
json_array_finalize (AwlForeign *self)
{
  g_clear_pointer (&((JArray *) self)->items, g_array_unref);
}

static const AwlForeignClass json_object_class = { "JObject", json_object_finalize, json_object_format };
static const AwlForeignClass json_array_class = { "JArray", json_array_finalize, json_array_format };

/* ---------------------------------------------------------------------------- */
/* Writing (Formatting.Indented by default, as JToken.ToString() does)           */

static void
write_string (GString    *out,
              const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    switch (*p)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\b': g_string_append (out, "\\b"); break;
      case '\f': g_string_append (out, "\\f"); break;
      default:
        if ((guchar) *p < 0x20)
          g_string_append_printf (out, "\\u%04x", (guchar) *p);
        else
          g_string_append_c (out, *p);
      }
  g_string_append_c (out, '"');
}

static void
newline (GString *out,
         int      indent)
{
  if (indent < 0)
    return;
  g_string_append_c (out, '\n');
  for (int i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

/* @indent < 0: Formatting.None (one line, no spaces). */
static void
write_value (GString  *out,
             AwlValue  v,
             int       indent)
{
  JObject *o = awl_value_get_foreign (v, &json_object_class);
  JArray *a = awl_value_get_foreign (v, &json_array_class);
  int inner = indent < 0 ? -1 : indent + 1;

  if (o != NULL)
    {
      if (o->keys->len == 0)
        {
          g_string_append (out, "{}");
          return;
        }
      g_string_append_c (out, '{');
      for (guint i = 0; i < o->keys->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          newline (out, inner);
          write_string (out, o->keys->pdata[i]);
          g_string_append (out, indent < 0 ? ":" : ": ");
          write_value (out, g_array_index (o->values, AwlValue, i), inner);
        }
      newline (out, indent);
      g_string_append_c (out, '}');
    }
  else if (a != NULL)
    {
      if (a->items->len == 0)
        {
          g_string_append (out, "[]");
          return;
        }
      g_string_append_c (out, '[');
      for (guint i = 0; i < a->items->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          newline (out, inner);
          write_value (out, g_array_index (a->items, AwlValue, i), inner);
        }
      newline (out, indent);
      g_string_append_c (out, ']');
    }
  else if (v.kind == AWL_VALUE_STRING)
    write_string (out, v.s);
  else if (v.kind == AWL_VALUE_BOOL)
    g_string_append (out, v.b ? "true" : "false");
  else if (v.kind == AWL_VALUE_NULL)
    g_string_append (out, "null");
  else if (v.kind == AWL_VALUE_DOUBLE)
    {
      gsize start = out->len;
      awl_format_double (v.d, out);
      /* Json.NET keeps a float a float: 2.0, not 2. */
      if (strpbrk (out->str + start, ".EN") == NULL)
        g_string_append (out, ".0");
    }
  else
    awl_value_format (v, out);
}

static void
json_object_format (AwlForeign *self,
                    GString    *out)
{
  write_value (out, awl_value_object (self), 0);
}

static void
json_array_format (AwlForeign *self,
                   GString    *out)
{
  write_value (out, awl_value_object (self), 0);
}

/* ---------------------------------------------------------------------------- */
/* Reading                                                                       */

typedef struct
{
  AwlSim     *sim;
  const char *text;
  const char *p;
  GString    *path;       /* Json.NET's path of the last property read: "a", "a.b", "a[1]" */
  const char *error;      /* set once: the JsonReaderException's message */
  guint       depth;      /* objects and arrays open */
} Reader;

static void fail (Reader *r, const char *what);

/* Json.NET's JsonReader.MaxDepth default; it also keeps the recursion bounded. */
#define JSON_MAX_DEPTH 64

/* Opens an object or array: TRUE, or FALSE with the error when it is one too deep. */
static gboolean
enter (Reader *r)
{
  r->p++;   /* { or [ */
  if (++r->depth <= JSON_MAX_DEPTH)
    return TRUE;
  fail (r, "The reader's MaxDepth of 64 has been exceeded.");
  return FALSE;
}

static void
skip_space (Reader *r)
{
  while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
    r->p++;
}

/* Json.NET counts lines from 1 and positions as characters read on the line. */
static void
fail (Reader     *r,
      const char *what)
{
  int line = 1;
  const char *line_start = r->text;

  if (r->error != NULL)
    return;
  for (const char *q = r->text; q < r->p; q++)
    if (*q == '\n')
      {
        line++;
        line_start = q + 1;
      }
  r->error = awl_sim_intern_printf (r->sim, "%s Path '%s', line %d, position %ld.", what, r->path->str,
                                    line, (long) g_utf8_strlen (line_start, r->p - line_start));
}

static AwlValue read_value (Reader *r);

static const char *
read_string (Reader *r)
{
  g_autoptr(GString) s = g_string_new (NULL);

  r->p++;   /* the opening quote */
  while (*r->p != '"')
    {
      if (*r->p == '\0')
        {
          fail (r, "Unterminated string. Expected delimiter: \".");
          return NULL;
        }
      if (*r->p == '\\')
        {
          r->p++;
          switch (*r->p)
            {
            case 'n': g_string_append_c (s, '\n'); break;
            case 't': g_string_append_c (s, '\t'); break;
            case 'r': g_string_append_c (s, '\r'); break;
            case 'b': g_string_append_c (s, '\b'); break;
            case 'f': g_string_append_c (s, '\f'); break;
            case 'u':
              {
                char hex[5] = { 0 };
                for (int i = 0; i < 4; i++)
                  if (!g_ascii_isxdigit (r->p[1 + i]))
                    {
                      fail (r, "Invalid Unicode escape sequence.");
                      return NULL;
                    }
                  else
                    hex[i] = r->p[1 + i];
                g_string_append_unichar (s, (gunichar) g_ascii_strtoull (hex, NULL, 16));
                r->p += 4;
                break;
              }
            case '\0':
              fail (r, "Unterminated string. Expected delimiter: \".");
              return NULL;
            default: g_string_append_c (s, *r->p); break;
            }
          r->p++;
        }
      else
        g_string_append_c (s, *r->p++);
    }
  r->p++;
  return awl_sim_intern (r->sim, s->str);
}

static const char *
read_identifier (Reader *r)
{
  const char *start = r->p;
  g_autofree char *name = NULL;

  while (g_ascii_isalnum (*r->p) || *r->p == '_' || *r->p == '$')
    r->p++;
  name = g_strndup (start, r->p - start);
  return awl_sim_intern (r->sim, name);
}

static AwlValue
read_number (Reader *r)
{
  const char *start = r->p;
  gboolean is_float = FALSE;
  g_autofree char *digits = NULL;

  if (*r->p == '-')
    r->p++;
  while (g_ascii_isdigit (*r->p) || *r->p == '.' || *r->p == 'e' || *r->p == 'E' ||
         ((*r->p == '+' || *r->p == '-') && (r->p[-1] == 'e' || r->p[-1] == 'E')))
    {
      is_float |= *r->p == '.' || *r->p == 'e' || *r->p == 'E';
      r->p++;
    }
  digits = g_strndup (start, r->p - start);
  if (!is_float)
    {
      gint64 i;
      if (g_ascii_string_to_signed (digits, 10, G_MININT64, G_MAXINT64, &i, NULL))
        return awl_value_int (i);
    }
  return awl_value_double (g_ascii_strtod (digits, NULL));
}

static gboolean
read_word (Reader     *r,
           const char *word)
{
  gsize n = strlen (word);

  if (strncmp (r->p, word, n) != 0)
    return FALSE;
  r->p += n;
  return TRUE;
}

static AwlValue
read_object (Reader *r)
{
  JObject *o = awl_sim_foreign_new (r->sim, &json_object_class, sizeof (JObject));
  gsize path_len = r->path->len;

  o->keys = g_ptr_array_new ();
  o->values = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  if (!enter (r))
    return awl_value_object (o);
  skip_space (r);
  while (*r->p != '}' && r->error == NULL)
    {
      const char *key;
      AwlValue v;

      if (*r->p == '\0')
        {
          fail (r, "Unexpected end of content while loading JObject.");
          break;
        }
      if (*r->p == '"')
        key = read_string (r);
      else if (g_ascii_isalnum (*r->p) || *r->p == '_' || *r->p == '$')
        key = read_identifier (r);   /* Json.NET accepts {name: 1} */
      else
        {
          fail (r, awl_sim_intern_printf (r->sim, "Invalid property identifier character: %c.", *r->p));
          break;
        }
      if (key == NULL)
        break;
      g_string_truncate (r->path, path_len);
      g_string_append_printf (r->path, "%s%s", path_len > 0 ? "." : "", key);
      skip_space (r);
      if (*r->p != ':')
        {
          fail (r, awl_sim_intern_printf (r->sim, "Invalid character after parsing property name. Expected ':' but got: %c.", *r->p ? *r->p : ' '));
          break;
        }
      r->p++;
      v = read_value (r);
      g_ptr_array_add (o->keys, (gpointer) key);
      g_array_append_val (o->values, v);
      skip_space (r);
      if (*r->p == ',')
        {
          r->p++;
          skip_space (r);
        }
      else if (*r->p != '}' && r->error == NULL)
        fail (r, *r->p == '\0' ? "Unexpected end of content while loading JObject."
                               : awl_sim_intern_printf (r->sim, "After parsing a value an unexpected character was encountered: %c.", *r->p));
    }
  if (r->error == NULL)
    r->p++;   /* } */
  r->depth--;
  g_string_truncate (r->path, path_len);
  return awl_value_object (o);
}

static gboolean
starts_value (const char *p)
{
  return (*p != '\0' && strchr ("{[\"-0123456789", *p) != NULL) ||
         strncmp (p, "true", 4) == 0 || strncmp (p, "false", 5) == 0 || strncmp (p, "null", 4) == 0;
}

static AwlValue
read_array (Reader *r)
{
  JArray *a = awl_sim_foreign_new (r->sim, &json_array_class, sizeof (JArray));
  gsize path_len = r->path->len;

  a->items = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  if (!enter (r))
    return awl_value_object (a);
  skip_space (r);
  while (*r->p != ']' && r->error == NULL)
    {
      AwlValue v;

      if (*r->p == '\0')
        {
          fail (r, "Unexpected end of content while loading JArray.");
          break;
        }
      /* Json.NET's path names an element once its first token is read: a bad
       * character where an element should start is reported at the one before. */
      if (starts_value (r->p))
        {
          g_string_truncate (r->path, path_len);
          g_string_append_printf (r->path, "[%u]", a->items->len);
        }
      v = read_value (r);
      g_array_append_val (a->items, v);
      skip_space (r);
      if (*r->p == ',')
        {
          r->p++;
          skip_space (r);
        }
      else if (*r->p != ']' && r->error == NULL)
        fail (r, *r->p == '\0' ? "Unexpected end of content while loading JArray."
                               : awl_sim_intern_printf (r->sim, "After parsing a value an unexpected character was encountered: %c.", *r->p));
    }
  if (r->error == NULL)
    r->p++;   /* ] */
  r->depth--;
  g_string_truncate (r->path, path_len);
  return awl_value_object (a);
}

static AwlValue
read_value (Reader *r)
{
  const char *s;

  skip_space (r);
  switch (*r->p)
    {
    case '{': return read_object (r);
    case '[': return read_array (r);
    case '"':
      s = read_string (r);
      return s ? awl_value_string (s) : awl_value_null ();
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_number (r);
    default:
      if (read_word (r, "true"))
        return awl_value_bool (TRUE);
      if (read_word (r, "false"))
        return awl_value_bool (FALSE);
      if (read_word (r, "null"))
        return awl_value_null ();
      if (*r->p == '\0')
        fail (r, "Unexpected end when reading JSON.");
      else
        fail (r, awl_sim_intern_printf (r->sim, "Unexpected character encountered while parsing value: %c.", *r->p));
      return awl_value_null ();
    }
}

/* The message when the text is JSON but not an object: Json.NET names the first token
 * and reports the position after it (only the opening bracket of an array). */
static const char *
not_an_object (Reader *r)
{
  const char *start = r->p;
  const char *what;
  AwlValue v = awl_value_null ();

  if (*r->p == '[')
    {
      r->p++;
      what = "StartArray";
    }
  else
    {
      v = read_value (r);
      what = v.kind == AWL_VALUE_STRING ? "String" : v.kind == AWL_VALUE_BOOL ? "Boolean" :
             v.kind == AWL_VALUE_INT ? "Integer" : v.kind == AWL_VALUE_DOUBLE ? "Float" : "Null";
    }
  return awl_sim_intern_printf (r->sim, "Error reading JObject from JsonReader. Current JsonReader item is not an object: %s. Path '', line 1, position %ld.",
                                what, (long) g_utf8_strlen (start, r->p - start) + (long) (start - r->text));
}

/* JObject.Parse(json). */
AWL_BI (json_object_parse)
{
  Reader r = { call->sim, NULL, NULL, NULL, NULL, 0 };
  g_autoptr(GString) path = g_string_new (NULL);
  AwlValue v;

  if (call->args[0].kind != AWL_VALUE_STRING)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'json')");
  if (!bi_charge (call, strlen (call->args[0].s), strlen (call->args[0].s) * 4))
    return bi_over_budget (call);
  r.text = r.p = call->args[0].s;
  r.path = path;
  skip_space (&r);
  /* Json.NET reads one token before it knows the text is no JSON at all: nothing read
   * yet is line 0, position 0. */
  if (*r.p != '{' && *r.p != '[' && *r.p != '"' && !g_ascii_isdigit (*r.p) && *r.p != '-' &&
      strncmp (r.p, "true", 4) != 0 && strncmp (r.p, "false", 5) != 0 && strncmp (r.p, "null", 4) != 0)
    return bi_throw (call, "JsonReaderException",
                     *r.p == '\0' ? "Error reading JObject from JsonReader. Path '', line 0, position 0."
                                  : awl_sim_intern_printf (call->sim, "Unexpected character encountered while parsing value: %c. Path '', line 0, position 0.", *r.p));
  if (*r.p != '{')
    return bi_throw (call, "JsonReaderException", not_an_object (&r));
  v = read_value (&r);
  skip_space (&r);
  if (r.error == NULL && *r.p != '\0')
    fail (&r, awl_sim_intern_printf (call->sim, "Additional text encountered after finished reading JSON content: %c.", *r.p));
  if (r.error != NULL)
    return bi_throw (call, "JsonReaderException", r.error);
  return bi_value (call, v);
}

/* ---------------------------------------------------------------------------- */
/* Reading back                                                                  */

static JObject *
target_object (AwlBiCall *call)
{
  return awl_value_get_foreign (call->target, &json_object_class);
}

static gboolean
object_lookup (JObject    *o,
               const char *key,
               AwlValue   *out)
{
  for (guint i = 0; i < o->keys->len; i++)
    if (strcmp (o->keys->pdata[i], key) == 0)
      {
        *out = g_array_index (o->values, AwlValue, i);
        return TRUE;
      }
  return FALSE;
}

/* o["key"] (null when absent, as Json.NET answers) and a[i]. TRUE when @call's target
 * is a JObject or JArray; *result is then the call's outcome. */
gboolean
awl_json_index (AwlBiCall   *call,
                AwlBiResult *result)
{
  JObject *o = target_object (call);
  JArray *a = awl_value_get_foreign (call->target, &json_array_class);
  AwlValue idx = call->args[0];
  AwlValue v = awl_value_null ();

  if (o == NULL && a == NULL)
    return FALSE;
  if (o != NULL && idx.kind != AWL_VALUE_STRING)
    {
      g_autoptr(GString) key = g_string_new (NULL);
      awl_value_format (idx, key);
      *result = bi_throw (call, "ArgumentException",
                          awl_sim_intern_printf (call->sim, "Accessed JObject values with invalid key value: %s. Object property name expected.", key->str));
      return TRUE;
    }
  if (o != NULL)
    object_lookup (o, idx.s, &v);
  else if (idx.kind != AWL_VALUE_INT)
    {
      g_autoptr(GString) key = g_string_new (NULL);
      awl_value_format (idx, key);
      *result = bi_throw (call, "ArgumentException",
                          awl_sim_intern_printf (call->sim, "Accessed JArray values with invalid key value: \"%s\". Int32 array index expected.", key->str));
      return TRUE;
    }
  else if (idx.i < 0 || idx.i >= (gint64) a->items->len)
    {
      *result = bi_throw (call, "ArgumentOutOfRangeException",
                          "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')");
      return TRUE;
    }
  else
    v = g_array_index (a->items, AwlValue, idx.i);
  *result = bi_value (call, v);
  return TRUE;
}

/* o.Value<T>("key"): the property's value, null when absent. */
AWL_BI (json_object_value)
{
  AwlValue v = awl_value_null ();

  if (call->args[0].kind != AWL_VALUE_STRING)
    return bi_throw (call, "ArgumentException", "Object property name expected.");
  object_lookup (target_object (call), call->args[0].s, &v);
  return bi_value (call, v);
}

AWL_BI (json_object_contains_key)
{
  AwlValue v;

  if (call->args[0].kind != AWL_VALUE_STRING)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'propertyName')");
  return bi_value (call, awl_value_bool (object_lookup (target_object (call), call->args[0].s, &v)));
}

AWL_BI (json_count)
{
  JObject *o = target_object (call);
  JArray *a = awl_value_get_foreign (call->target, &json_array_class);

  return bi_value (call, awl_value_int (o != NULL ? o->keys->len : a != NULL ? a->items->len : 0));
}

/* ToString() indented, ToString(Formatting.None) on one line. */
AWL_BI (json_to_string)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean indented = call->n_args == 0 || (call->args[0].kind == AWL_VALUE_INT && call->args[0].i == 1);

  write_value (out, call->target, indented ? 0 : -1);
  return bi_value (call, awl_value_string (awl_sim_intern (call->sim, out->str)));
}

AWL_BI (json_formatting)
{
  return bi_value (call, awl_value_int (call->api->data));
}

#define JO "var o = JObject.Parse(\"{\\\"name\\\":\\\"Ada\\\",\\\"tags\\\":[1,2]}\"); "

static const AwlKnownApi rows[] = {
  { "JObject", "Parse", AWL_SM, 1, 1, NULL, 0, json_object_parse, 0, JO },
  { "JObject", "Value", AWL_IM, 1, 1, NULL, 1, json_object_value, 0, JO "string n = o.Value<string>(\"name\");" },
  { "JObject", "ContainsKey", AWL_IM, 1, 1, NULL, 0, json_object_contains_key, 0, JO "bool b = o.ContainsKey(\"name\");" },
  { "JObject", "Count", AWL_IP, 0, 0, NULL, 0, json_count, 0, JO "int n = o.Count;" },
  { "JObject", "ToString", AWL_IM, 0, 1, NULL, 0, json_to_string, 0, JO "string s = o.ToString(Formatting.None);" },
  { "JArray", "Count", AWL_IP, 0, 0, NULL, 0, json_count, 0, JO "JArray a = (JArray)o[\"tags\"]; int n = a.Count;" },
  { "Formatting", "None", AWL_EV, 0, 0, NULL, 0, json_formatting, 0, "var f = Formatting.None;" },
  { "Formatting", "Indented", AWL_EV, 0, 0, NULL, 0, json_formatting, 1, "var f = Formatting.Indented;" },
};

const AwlApiFamily awl_api_family_json = { "Json", rows, G_N_ELEMENTS (rows) };
