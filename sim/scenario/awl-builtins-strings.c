/* awl-builtins-strings.c
 *
 * The searching and splitting members of System.String: IndexOf, LastIndexOf,
 * Split, TrimStart/TrimEnd and string.IsNullOrWhiteSpace. Indexes count characters
 * (UTF-8 code points here, UTF-16 units in .NET: the same for the text scenarios
 * use). A char is a one-character string in the subset, so 'x' and "x" take the
 * same path.
 */

#include "awl-builtins-private.h"

#include <string.h>

static AwlValue
interned (AwlBiCall  *call,
          const char *s)
{
  return awl_value_string (awl_run_intern (call->run, s));
}

/* IndexOf (data 0) and LastIndexOf (data 1): (value) or (value, startIndex). For
 * LastIndexOf the search runs backwards from startIndex, as in .NET. */
AWL_BI (string_index_of)
{
  const char *s = call->target.s;
  const char *needle;
  glong len = g_utf8_strlen (s, -1);
  glong nlen;
  gboolean last = call->api->data;
  gint64 start;
  const char *hit = NULL;

  if (call->args[0].kind != AWL_VALUE_STRING)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'value')");
  needle = call->args[0].s;
  nlen = g_utf8_strlen (needle, -1);
  start = call->n_args >= 2 ? bi_arg_int (call->args[1], -1) : (last ? len - 1 : 0);
  if (start < 0 || start > len || (last && len > 0 && start >= len))
    return bi_throw (call, "ArgumentOutOfRangeException",
                     "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')");
  if (!last)
    hit = strstr (g_utf8_offset_to_pointer (s, start), needle);
  else
    {
      /* A match must end at or before startIndex (inclusive). */
      glong limit = MIN (len, start + 1);
      for (glong at = limit - nlen; at >= 0 && hit == NULL; at--)
        {
          const char *p = g_utf8_offset_to_pointer (s, at);
          if (strncmp (p, needle, strlen (needle)) == 0)
            hit = p;
        }
      if (nlen == 0)
        return bi_value (call, awl_value_int (MIN (start, len)));
    }
  return bi_value (call, awl_value_int (hit != NULL ? g_utf8_pointer_to_offset (s, hit) : -1));
}

/* Split(separator, …): the pieces between any of the separators, empty pieces kept
 * (StringSplitOptions is not in the subset). */
AWL_BI (string_split)
{
  const char *s = call->target.s;
  AwlList *parts = awl_list_new (call->sim, TRUE);
  const char *p = s, *piece = s;
  guint n_seps;
  const AwlValue *seps = bi_params (call, 0, &n_seps);

  for (guint k = 0; k < n_seps; k++)
    if (seps[k].kind != AWL_VALUE_STRING)
      return bi_throw (call, "ArgumentException", "Split takes chars or strings as separators");
  if (!bi_charge (call, strlen (s) / 16 + 1, strlen (s) * 2))
    return bi_over_budget (call);
  while (*p != '\0')
    {
      gsize matched = 0;
      for (guint k = 0; k < n_seps && matched == 0; k++)
        if (seps[k].s[0] != '\0' && g_str_has_prefix (p, seps[k].s))
          matched = strlen (seps[k].s);
      if (matched == 0 && n_seps == 0 && g_ascii_isspace (*p))
        matched = 1;   /* Split() splits at white space */
      if (matched == 0)
        {
          p = g_utf8_next_char (p);
          continue;
        }
      {
        g_autofree char *text = g_strndup (piece, p - piece);
        AwlValue v = interned (call, text);
        g_array_append_val (parts->items, v);
      }
      p += matched;
      piece = p;
    }
  {
    AwlValue v = interned (call, piece);
    g_array_append_val (parts->items, v);
  }
  return bi_value (call, awl_value_object (parts));
}

/* TrimStart (data 0) and TrimEnd (data 1): white space, or the given chars. */
AWL_BI (string_trim_side)
{
  const char *s = call->target.s;
  const char *begin = s, *end = s + strlen (s);
  guint n_chars;
  const AwlValue *chars = bi_params (call, 0, &n_chars);
  g_autofree char *out = NULL;

  for (;;)
    {
      const char *at = call->api->data ? (end > begin ? g_utf8_prev_char (end) : NULL) : (begin < end ? begin : NULL);
      gsize width;
      gboolean trim = FALSE;

      if (at == NULL)
        break;
      width = g_utf8_next_char (at) - at;
      if (n_chars == 0)
        trim = g_unichar_isspace (g_utf8_get_char (at));
      for (guint k = 0; k < n_chars && !trim; k++)
        trim = chars[k].kind == AWL_VALUE_STRING && strlen (chars[k].s) == width && strncmp (chars[k].s, at, width) == 0;
      if (!trim)
        break;
      if (call->api->data)
        end = at;
      else
        begin += width;
    }
  out = g_strndup (begin, end - begin);
  return bi_value (call, interned (call, out));
}

AWL_BI (string_is_null_or_white_space)
{
  const char *s = call->args[0].kind == AWL_VALUE_STRING ? call->args[0].s : NULL;

  if (s != NULL)
    for (; *s != '\0'; s = g_utf8_next_char (s))
      if (!g_unichar_isspace (g_utf8_get_char (s)))
        return bi_value (call, awl_value_bool (FALSE));
  return bi_value (call, awl_value_bool (TRUE));
}

static const AwlKnownApi rows[] = {
  { "string", "IndexOf", AWL_IM, 1, 2, NULL, 0, string_index_of, 0, "int i = \"a/b/c\".IndexOf('/') + \"a/b/c\".IndexOf(\"b\", 2);" },
  { "string", "LastIndexOf", AWL_IM, 1, 2, NULL, 0, string_index_of, 1, "int i = \"a/b/c\".LastIndexOf('/') + \"a/b/c\".LastIndexOf(\"/\", 2);" },
  { "string", "Split", AWL_IM, 0, AWL_V, NULL, 0, string_split, 0, "string[] parts = \"a,b;c\".Split(',', ';');" },
  { "string", "TrimStart", AWL_IM, 0, AWL_V, NULL, 0, string_trim_side, 0, "string s = \"  a\".TrimStart() + \"xxa\".TrimStart('x');" },
  { "string", "TrimEnd", AWL_IM, 0, AWL_V, NULL, 0, string_trim_side, 1, "string s = \"a  \".TrimEnd() + \"a!!\".TrimEnd('!');" },
  { "string", "IsNullOrWhiteSpace", AWL_SM, 1, 1, NULL, 0, string_is_null_or_white_space, 0, "bool b = string.IsNullOrWhiteSpace(\" \");" },
};

const AwlApiFamily awl_api_family_strings = { "Strings", rows, G_N_ELEMENTS (rows) };
