/* awl-builtins-regex.c
 *
 * System.Text.RegularExpressions on GLib's GRegex (PCRE2): Regex.IsMatch, Match,
 * Matches and Replace, static or on a `new Regex(pattern[, options])`, with
 * RegexOptions.IgnoreCase/Multiline/Singleline. PCRE and .NET agree on the patterns
 * samples use (classes, quantifiers, groups, anchors, escapes); a pattern GRegex
 * rejects throws ArgumentException as .NET's parser does. A Match (and each of its
 * Groups) has Value, Success, Index and Length, counted in characters.
 */

#include "awl-builtins-private.h"

#include <string.h>

enum { OPT_NONE = 0, OPT_IGNORE_CASE = 1, OPT_MULTILINE = 2, OPT_SINGLELINE = 16 };

typedef struct
{
  AwlForeign  parent;
  const char *pattern;
  gint64      options;
} AwlRegex;

typedef struct
{
  AwlForeign  parent;
  const char *value;
  gint64      index;
  gint64      length;
  gboolean    success;
  AwlList    *groups;   /* Match only: its groups, group 0 first */
} AwlMatch;

static void
match_to_string (AwlForeign *self,
                 GString    *out)
{
  g_string_append (out, ((AwlMatch *) self)->value);
}

static const AwlForeignClass regex_class = { "Regex", NULL, NULL };
static const AwlForeignClass match_class = { "Match", NULL, match_to_string };

static AwlMatch *
match_new (AwlBiCall  *call,
           const char *subject,
           gint        start,
           gint        end)
{
  AwlMatch *m = awl_sim_foreign_new (call->sim, &match_class, sizeof (AwlMatch));
  g_autofree char *text = NULL;

  m->success = start >= 0;
  if (!m->success)
    {
      m->value = "";
      return m;
    }
  text = g_strndup (subject + start, end - start);
  m->value = awl_sim_intern (call->sim, text);
  m->index = g_utf8_pointer_to_offset (subject, subject + start);
  m->length = g_utf8_pointer_to_offset (subject + start, subject + end);
  return m;
}

/* The Match of @info's current match, with its groups. */
static AwlMatch *
match_from_info (AwlBiCall        *call,
                 const char       *subject,
                 const GMatchInfo *info)
{
  gint start = -1, end = -1, n = g_match_info_get_match_count (info);
  AwlMatch *m;

  g_match_info_fetch_pos (info, 0, &start, &end);
  m = match_new (call, subject, start, end);
  m->groups = awl_list_new (call->sim, FALSE);
  for (gint g = 0; g < MAX (n, 1); g++)
    {
      AwlValue v;
      gint s = -1, e = -1;

      g_match_info_fetch_pos (info, g, &s, &e);
      v = awl_value_object (g == 0 ? m : match_new (call, subject, s, e));
      g_array_append_val (m->groups->items, v);
    }
  return m;
}

/* The pattern, options and input of a static call (input, pattern[, …, options]) or
 * of an instance call on a Regex (input[, …]); @rest gets the index of the first
 * argument after them. NULL (after throwing) on bad arguments. */
static GRegex *
compile_call (AwlBiCall   *call,
              const char **input,
              guint       *rest,
              AwlBiResult *res)
{
  AwlRegex *self = awl_value_get_foreign (call->target, &regex_class);
  const char *pattern;
  gint64 options = OPT_NONE;
  GRegexCompileFlags flags = 0;
  g_autoptr(GError) error = NULL;
  GRegex *re;

  if (call->n_args < (self ? 1u : 2u) || call->args[0].kind != AWL_VALUE_STRING ||
      (!self && call->args[1].kind != AWL_VALUE_STRING))
    {
      *res = call->n_args > 0 && call->args[0].kind == AWL_VALUE_NULL
             ? bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'input')")
             : bi_throw (call, "ArgumentException", "Regex needs (input, pattern) strings");
      return NULL;
    }
  *input = call->args[0].s;
  if (self != NULL)
    {
      pattern = self->pattern;
      options = self->options;
      *rest = 1;
    }
  else
    {
      pattern = call->args[1].s;
      *rest = 2;
      if (call->n_args > *rest && call->args[call->n_args - 1].kind == AWL_VALUE_INT &&
          call->n_args - 1 >= *rest + (g_str_equal (call->api->member, "Replace") ? 1 : 0))
        options = call->args[call->n_args - 1].i;
    }
  if (options & OPT_IGNORE_CASE)
    flags |= G_REGEX_CASELESS;
  if (options & OPT_MULTILINE)
    flags |= G_REGEX_MULTILINE;
  if (options & OPT_SINGLELINE)
    flags |= G_REGEX_DOTALL;
  re = g_regex_new (pattern, flags, 0, &error);
  if (re == NULL)
    *res = bi_throw (call, "ArgumentException",
                     awl_sim_intern_printf (call->sim, "Invalid pattern '%s': %s", pattern, error->message));
  return re;
}

AWL_BI (regex_ctor)
{
  AwlRegex *r;
  g_autoptr(GRegex) probe = NULL;
  g_autoptr(GError) error = NULL;

  if (call->n_args < 1 || call->args[0].kind != AWL_VALUE_STRING)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'pattern')");
  probe = g_regex_new (call->args[0].s, 0, 0, &error);
  if (probe == NULL)
    return bi_throw (call, "ArgumentException",
                     awl_sim_intern_printf (call->sim, "Invalid pattern '%s': %s", call->args[0].s, error->message));
  r = awl_sim_foreign_new (call->sim, &regex_class, sizeof (AwlRegex));
  r->pattern = call->args[0].s;
  r->options = call->n_args > 1 ? bi_arg_int (call->args[1], 0) : OPT_NONE;
  return bi_value (call, awl_value_object (r));
}

/* IsMatch (data 0), Match (1), Matches (2). */
AWL_BI (regex_match)
{
  const char *input = NULL;
  guint rest = 0;
  AwlBiResult res = BI_VALUE;
  g_autoptr(GRegex) re = compile_call (call, &input, &rest, &res);
  g_autoptr(GMatchInfo) info = NULL;
  gboolean found;
  AwlList *all;

  if (re == NULL)
    return res;
  if (!bi_charge (call, strlen (input) + 1, 0))
    return bi_over_budget (call);
  found = g_regex_match (re, input, 0, &info);
  if (call->api->data == 0)
    return bi_value (call, awl_value_bool (found));
  if (call->api->data == 1)
    return bi_value (call, awl_value_object (found ? match_from_info (call, input, info)
                                                   : match_new (call, input, -1, -1)));
  all = awl_list_new (call->sim, FALSE);
  for (; found && g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      AwlValue v = awl_value_object (match_from_info (call, input, info));
      g_array_append_val (all->items, v);
    }
  return bi_value (call, awl_value_object (all));
}

/* .NET's `$1`, `${1}` and `$$` in a replacement are GRegex's `\1`, `\g<1>` and `$`. */
static char *
replacement_to_glib (const char *r)
{
  GString *out = g_string_new (NULL);

  for (; *r; r++)
    {
      if (r[0] == '$' && r[1] == '$')
        g_string_append_c (out, '$'), r++;
      else if (r[0] == '$' && g_ascii_isdigit (r[1]))
        g_string_append_c (out, '\\');
      else if (r[0] == '$' && r[1] == '{')
        {
          const char *close = strchr (r, '}');
          if (close == NULL)
            g_string_append_c (out, '$');
          else
            {
              g_string_append_printf (out, "\\g<%.*s>", (int) (close - r - 2), r + 2);
              r = close;
            }
        }
      else if (r[0] == '\\')
        g_string_append (out, "\\\\");
      else
        g_string_append_c (out, r[0]);
    }
  return g_string_free (out, FALSE);
}

AWL_BI (regex_replace)
{
  const char *input = NULL;
  guint rest = 0;
  AwlBiResult res = BI_VALUE;
  g_autoptr(GRegex) re = compile_call (call, &input, &rest, &res);
  g_autoptr(GError) error = NULL;
  g_autofree char *repl = NULL, *out = NULL;

  if (re == NULL)
    return res;
  if (call->n_args <= rest || call->args[rest].kind != AWL_VALUE_STRING)
    return bi_throw (call, "ArgumentException", "Regex.Replace needs a replacement string");
  if (!bi_charge (call, strlen (input) + 1, strlen (input) * 2 + 1))
    return bi_over_budget (call);
  repl = replacement_to_glib (call->args[rest].s);
  out = g_regex_replace (re, input, -1, 0, repl, 0, &error);
  if (out == NULL)
    return bi_throw (call, "ArgumentException", error->message);
  return bi_value (call, awl_value_string (awl_sim_intern (call->sim, out)));
}

/* Value (data 0), Success (1), Index (2), Length (3), Groups (4). */
AWL_BI (match_part)
{
  AwlMatch *m = awl_value_get_foreign (call->target, &match_class);

  switch (call->api->data)
    {
    case 0: return bi_value (call, awl_value_string (m->value));
    case 1: return bi_value (call, awl_value_bool (m->success));
    case 2: return bi_value (call, awl_value_int (m->index));
    case 3: return bi_value (call, awl_value_int (m->length));
    default:
      if (m->groups == NULL)
        m->groups = awl_list_new (call->sim, FALSE);
      return bi_value (call, awl_value_object (m->groups));
    }
}

AWL_BI (regex_option)
{
  return bi_value (call, awl_value_int (call->api->data));
}

#define R "var r = new Regex(@\"(\\w+)@(\\w+)\"); "

static const AwlKnownApi rows[] = {
  { "Regex", ".ctor", AWL_CT, 1, 2, NULL, 0, regex_ctor, 0, "var r = new Regex(@\"\\d+\");" },
  { "Regex", "IsMatch", AWL_SM, 2, 3, NULL, 0, regex_match, 0, "bool b = Regex.IsMatch(\"a1\", @\"\\d\");" },
  { "Regex", "Match", AWL_SM, 2, 3, NULL, 0, regex_match, 1, "var m = Regex.Match(\"a12\", @\"\\d+\");" },
  { "Regex", "Matches", AWL_SM, 2, 3, NULL, 0, regex_match, 2, "int n = Regex.Matches(\".NET and .NET\", @\"\\.NET\").Count;" },
  { "Regex", "Replace", AWL_SM, 3, 4, NULL, 0, regex_replace, 0, "string s = Regex.Replace(\"a-b\", \"-\", \"+\");" },
  { "Regex", "IsMatch", AWL_IM, 1, 1, NULL, 0, regex_match, 0, R "bool b = r.IsMatch(\"me@home\");" },
  { "Regex", "Match", AWL_IM, 1, 1, NULL, 0, regex_match, 1, R "var m = r.Match(\"me@home\");" },
  { "Regex", "Matches", AWL_IM, 1, 1, NULL, 0, regex_match, 2, R "var ms = r.Matches(\"a@b c@d\");" },
  { "Regex", "Replace", AWL_IM, 2, 2, NULL, 0, regex_replace, 0, R "string s = r.Replace(\"me@home\", \"$2\");" },
  { "Match", "Value", AWL_IP, 0, 0, NULL, 0, match_part, 0, "string s = Regex.Match(\"a12\", @\"\\d+\").Value;" },
  { "Match", "Success", AWL_IP, 0, 0, NULL, 0, match_part, 1, "bool b = Regex.Match(\"a\", @\"\\d\").Success;" },
  { "Match", "Index", AWL_IP, 0, 0, NULL, 0, match_part, 2, "int i = Regex.Match(\"a12\", @\"\\d+\").Index;" },
  { "Match", "Length", AWL_IP, 0, 0, NULL, 0, match_part, 3, "int n = Regex.Match(\"a12\", @\"\\d+\").Length;" },
  { "Match", "Groups", AWL_IP, 0, 0, NULL, 0, match_part, 4, R "string user = r.Match(\"me@home\").Groups[1].Value;" },
  { "RegexOptions", "None", AWL_EV, 0, 0, NULL, 0, regex_option, OPT_NONE, "bool b = Regex.IsMatch(\"A\", \"a\", RegexOptions.None);" },
  { "RegexOptions", "IgnoreCase", AWL_EV, 0, 0, NULL, 0, regex_option, OPT_IGNORE_CASE, "bool b = Regex.IsMatch(\"A\", \"a\", RegexOptions.IgnoreCase);" },
  { "RegexOptions", "Multiline", AWL_EV, 0, 0, NULL, 0, regex_option, OPT_MULTILINE, "bool b = Regex.IsMatch(\"a\\nb\", \"^b\", RegexOptions.Multiline);" },
  { "RegexOptions", "Singleline", AWL_EV, 0, 0, NULL, 0, regex_option, OPT_SINGLELINE, "bool b = Regex.IsMatch(\"a\\nb\", \"a.b\", RegexOptions.Singleline);" },
};

const AwlApiFamily awl_api_family_regex = { "Regex", rows, G_N_ELEMENTS (rows) };
