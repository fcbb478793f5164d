/* awl-builtins-nullable.c
 *
 * Nullable value types (`int?`, `double?`, `bool?`): HasValue, Value and
 * GetValueOrDefault. A nullable's value is the plain value or null, so these members
 * only ask which one it is. A member site whose receiver the compiler knows to be
 * `T?` carries that type ("int?") in site->type (awl-compile-nullable.c): only then
 * does a null receiver mean "no value" rather than a null reference, and only then
 * is the default of GetValueOrDefault() known.
 */

#include "awl-builtins-private.h"

/* Whether the site's receiver is statically a nullable value type. */
static gboolean
site_is_nullable (const AwlCallSite *site)
{
  gsize n = site->type ? strlen (site->type) : 0;
  return n > 1 && site->type[n - 1] == '?';
}

/* default(T) for the T of the site's `T?` (0, 0.0, false, '\0'). */
static AwlValue
underlying_default (const AwlCallSite *site)
{
  static const char * const doubles[] = { "double?", "float?", "decimal?", "Double?", "Single?", "Decimal?", NULL };

  if (!site_is_nullable (site))
    return awl_value_null ();
  if (g_strv_contains (doubles, site->type))
    return awl_value_double (0);
  if (g_str_equal (site->type, "bool?") || g_str_equal (site->type, "Boolean?"))
    return awl_value_bool (FALSE);
  return awl_value_int (0);
}

AWL_BI (nullable_has_value)
{
  return bi_value (call, awl_value_bool (call->target.kind != AWL_VALUE_NULL));
}

AWL_BI (nullable_value)
{
  if (call->target.kind == AWL_VALUE_NULL)
    return bi_throw (call, "InvalidOperationException", "Nullable object must have a value.");
  return bi_value (call, call->target);
}

AWL_BI (nullable_get_value_or_default)
{
  if (call->target.kind != AWL_VALUE_NULL)
    return bi_value (call, call->target);
  if (call->n_args == 1)
    return bi_value (call, call->args[0]);
  return bi_value (call, underlying_default (call->site));
}

gboolean
awl_builtin_nullable_receiver (const AwlCallSite *site)
{
  return site_is_nullable (site);
}

static const AwlKnownApi rows[] = {
  { "Nullable", "HasValue", AWL_IP, 0, 0, NULL, 0, nullable_has_value, 0,
    "static int? n = 5;\nConsole.WriteLine(n.HasValue);" },
  { "Nullable", "Value", AWL_IP, 0, 0, NULL, 0, nullable_value, 0,
    "static double? d = 1.5;\nConsole.WriteLine(d.Value);" },
  { "Nullable", "GetValueOrDefault", AWL_IM, 0, 1, NULL, 0, nullable_get_value_or_default, 0,
    "static int? n = null;\nConsole.WriteLine(n.GetValueOrDefault() + n.GetValueOrDefault(7));" },
};

const AwlApiFamily awl_api_family_nullable = { "Nullable", rows, G_N_ELEMENTS (rows) };
