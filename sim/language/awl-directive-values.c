/* awl-directive-values.c
 *
 * The values directives carry, as text and back: environments, runtimes, expected
 * outcomes, comparisons, knob types and values, and times ("250ms", "1.5 s").
 */

#include "awl-language-private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char * const env_names[] = { "console", "ui", "aspnet-classic", "aspnetcore" };

const char *
awl_scenario_env_to_string (AwlScenarioEnv env)
{
  return (guint) env < G_N_ELEMENTS (env_names) ? env_names[env] : "console";
}

gboolean
awl_scenario_env_from_string (const char     *text,
                              AwlScenarioEnv *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (env_names); i++)
    if (text != NULL && strcmp (text, env_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
awl_scenario_runtime_to_string (AwlScenarioRuntime runtime)
{
  return runtime == AWL_SCENARIO_RUNTIME_NETFX ? "netfx" : "net8";
}

gboolean
awl_scenario_runtime_from_string (const char         *text,
                                  AwlScenarioRuntime *out)
{
  if (g_strcmp0 (text, "net8") == 0)
    *out = AWL_SCENARIO_RUNTIME_NET8;
  else if (g_strcmp0 (text, "netfx") == 0)
    *out = AWL_SCENARIO_RUNTIME_NETFX;
  else
    return FALSE;
  return TRUE;
}

const char *
awl_expect_outcome_to_string (AwlExpectOutcome outcome)
{
  static const char * const names[] = { "completed", "deadlock", "crashed", "limit" };

  return (guint) outcome < G_N_ELEMENTS (names) ? names[outcome] : "completed";
}

const char *
awl_compare_to_string (AwlCompare compare)
{
  static const char * const names[] = { "<", "<=", "=", ">=", ">" };

  return (guint) compare < G_N_ELEMENTS (names) ? names[compare] : "=";
}

const char *
awl_knob_type_to_string (AwlKnobType type)
{
  switch (type)
    {
    case AWL_KNOB_BOOL: return "bool";
    case AWL_KNOB_INT: return "int";
    case AWL_KNOB_DOUBLE:
    default: return "double";
    }
}

gboolean
awl_directive_parse_int64 (const char *text,
                           gint64     *out)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL || *text == '\0')
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
awl_directive_parse_double (const char *text,
                            double     *out)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  /* Plain decimal notation only: no "nan", "inf" or hex floats. */
  for (const char *c = text; *c; c++)
    if (!g_ascii_isdigit (*c) && *c != '.' && *c != '-' && *c != '+' && *c != 'e' && *c != 'E')
      return FALSE;
  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0')
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
awl_knob_value_parse (AwlKnobType   type,
                      const char   *text,
                      AwlKnobValue *out,
                      GError      **error)
{
  AwlKnobValue v = { 0 };

  g_return_val_if_fail (out != NULL, FALSE);

  v.type = type;
  switch (type)
    {
    case AWL_KNOB_BOOL:
      if (g_strcmp0 (text, "true") == 0 || g_strcmp0 (text, "True") == 0)
        v.b = TRUE;
      else if (g_strcmp0 (text, "false") == 0 || g_strcmp0 (text, "False") == 0)
        v.b = FALSE;
      else
        goto fail;
      break;
    case AWL_KNOB_INT:
      if (!awl_directive_parse_int64 (text, &v.i))
        goto fail;
      break;
    case AWL_KNOB_DOUBLE:
    default:
      if (!awl_directive_parse_double (text, &v.d))
        goto fail;
      break;
    }

  *out = v;
  return TRUE;

fail:
  g_set_error (error, AWL_LANGUAGE_ERROR, AWL_LANGUAGE_ERROR_KNOB_VALUE,
               "`%s` is not a %s value%s", text != NULL ? text : "",
               awl_knob_type_to_string (type),
               type == AWL_KNOB_BOOL ? " (use true or false)" :
               type == AWL_KNOB_INT ? " (use a whole number)" : " (use a number such as 1.5)");
  return FALSE;
}

char *
awl_knob_value_to_string (const AwlKnobValue *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (value->type)
    {
    case AWL_KNOB_BOOL:
      return g_strdup (value->b ? "true" : "false");
    case AWL_KNOB_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value->i);
    case AWL_KNOB_DOUBLE:
    default:
      g_ascii_dtostr (buf, sizeof buf, value->d);
      if (strchr (buf, '.') == NULL && strchr (buf, 'e') == NULL &&
          strchr (buf, 'n') == NULL && strchr (buf, 'i') == NULL)
        return g_strdup_printf ("%s.0", buf);
      return g_strdup (buf);
    }
}

gboolean
awl_knob_value_equal (const AwlKnobValue *a,
                      const AwlKnobValue *b)
{
  if (a->type != b->type)
    return FALSE;
  switch (a->type)
    {
    case AWL_KNOB_BOOL: return !a->b == !b->b;
    case AWL_KNOB_INT: return a->i == b->i;
    case AWL_KNOB_DOUBLE:
    default: return a->d == b->d;
    }
}

gboolean
awl_parse_time (const char *text,
                gint64     *out_ns)
{
  const char *p = text;
  const char *unit;
  double value;
  double scale;
  g_autofree char *number = NULL;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isdigit (*p) || *p == '.')
    p++;
  if (p == text)
    return FALSE;
  number = g_strndup (text, p - text);
  if (!awl_directive_parse_double (number, &value) || value < 0)
    return FALSE;
  unit = p;

  if (*unit == '\0' || strcmp (unit, "ms") == 0)
    scale = 1e6;
  else if (strcmp (unit, "s") == 0)
    scale = 1e9;
  else if (strcmp (unit, "us") == 0 || strcmp (unit, "µs") == 0)
    scale = 1e3;
  else if (strcmp (unit, "ns") == 0)
    scale = 1;
  else
    return FALSE;

  if (value * scale > 9.0e18)
    return FALSE;
  *out_ns = (gint64) (value * scale + 0.5);
  return TRUE;
}

char *
awl_format_time (gint64 ns)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (ns % 1000000000 == 0 && ns != 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " s", ns / 1000000000);
  if (ns % 1000000 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " ms", ns / 1000000);
  if (ns % 1000 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " us", ns / 1000);
  if (ns < 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT " ns", ns);
  g_ascii_formatd (buf, sizeof buf, "%.6g", ns / 1e6);
  return g_strdup_printf ("%s ms", buf);
}
