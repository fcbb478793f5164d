/* test-api-table.c
 *
 * The one API table (sim/language/awl-known-api.h, rows in sim/scenario/awl-builtins-*.c)
 * that the checker, the compiler and the runtime all read: every row has a function
 * and an example, every example passes the checker, compiles and runs to completion,
 * and the language documentation lists every row.
 */

#include <string.h>

#include "awl-scenario.h"
#include "awl-language.h"

static const char *
kind_name (AwlApiKind kind)
{
  switch (kind)
    {
    case AWL_API_STATIC_METHOD: return "static method";
    case AWL_API_STATIC_PROPERTY: return "static property";
    case AWL_API_CONSTRUCTOR: return "constructor";
    case AWL_API_INSTANCE_METHOD: return "method";
    case AWL_API_INSTANCE_PROPERTY: return "property";
    case AWL_API_ENUM_VALUE: return "enum value";
    default: return "?";
    }
}

static void
test_rows_complete (void)
{
  guint n;
  const AwlKnownApi * const *rows = awl_known_api_get_all (&n);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (n, >, 150);
  for (guint i = 0; i < n; i++)
    {
      const AwlKnownApi *a = rows[i];
      char *key = g_strdup_printf ("%s.%s/%d", a->type, a->member, a->kind);

      g_test_message ("%s.%s", a->type, a->member);
      g_assert_nonnull (a->impl);
      g_assert_nonnull (a->example);
      /* The example uses what it is the example of. */
      if (a->kind == AWL_API_CONSTRUCTOR)
        g_assert_nonnull (strstr (a->example, "new "));
      else
        g_assert_nonnull (strstr (a->example, a->member));
      g_assert_cmpuint (a->min_args, <=, a->max_args);
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, key);
    }
}

/* The example's last line is the body of Main; lines before it are declarations. */
static char *
example_program (const AwlKnownApi *a)
{
  const char *nl = strrchr (a->example, '\n');
  g_autofree char *decls = nl ? g_strndup (a->example, nl - a->example + 1) : g_strdup ("");

  return g_strdup_printf ("// @title %s.%s\n%sasync Task Main()\n{\n    %s\n}\n",
                          a->type, a->member, decls, nl ? nl + 1 : a->example);
}

static void
test_examples_run (void)
{
  guint n;
  const AwlKnownApi * const *rows = awl_known_api_get_all (&n);
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = example_program (rows[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(AwlScenario) sc = awl_scenario_new_from_text ("example.csx", text, &error);
      g_autoptr(AwlTrace) trace = NULL;
      const AwlOutcome *o;

      if (error != NULL)
        {
          g_string_append_printf (failures, "%s.%s (%s): %s\n%s\n", rows[i]->type, rows[i]->member,
                                  kind_name (rows[i]->kind), error->message, text);
          continue;
        }
      trace = awl_scenario_run (sc, NULL, NULL, &error);
      g_assert_no_error (error);
      o = awl_trace_get_outcome (trace);
      if (o->kind != AWL_OUTCOME_COMPLETED)
        g_string_append_printf (failures, "%s.%s: the example did not complete: %s\n%s\n",
                                rows[i]->type, rows[i]->member, o->summary, text);
    }
  if (failures->len > 0)
    g_error ("%s", failures->str);
}

/* The documentation's list of the API, one line per type, generated from the table. */
static char *
docs_block (void)
{
  guint n;
  const AwlKnownApi * const *rows = awl_known_api_get_all (&n);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  GString *out = g_string_new ("<!-- api-table: generated from the API table; tests/scenario/test-api-table.c checks it -->\n\n"
                               "| type | members |\n| --- | --- |\n");

  for (guint i = 0; i < n; i++)
    if (!g_ptr_array_find_with_equal_func (types, rows[i]->type, g_str_equal, NULL))
      g_ptr_array_add (types, (gpointer) rows[i]->type);
  for (guint t = 0; t < types->len; t++)
    {
      gboolean first = TRUE;

      g_string_append_printf (out, "| `%s` | ", (const char *) types->pdata[t]);
      for (guint i = 0; i < n; i++)
        {
          const AwlKnownApi *a = rows[i];
          if (!g_str_equal (a->type, types->pdata[t]))
            continue;
          g_string_append_printf (out, "%s%s", first ? "" : ", ",
                                  a->kind == AWL_API_CONSTRUCTOR ? "`new`" : "");
          if (a->kind != AWL_API_CONSTRUCTOR)
            g_string_append_printf (out, "`%s%s`", a->member,
                                    a->kind == AWL_API_STATIC_METHOD || a->kind == AWL_API_INSTANCE_METHOD ? "()" : "");
          first = FALSE;
        }
      g_string_append (out, " |\n");
    }
  g_string_append (out, "\n<!-- /api-table -->");
  return g_string_free (out, FALSE);
}

static void
test_docs_list_every_row (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "scenario-language.md", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *block = docs_block ();
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &doc, NULL, &error);
  g_assert_no_error (error);
  if (strstr (doc, block) == NULL)
    {
      g_autofree char *out = g_test_build_filename (G_TEST_BUILT, "api-table.md", NULL);
      g_file_set_contents (out, block, -1, NULL);
      g_error ("docs/scenario-language.md does not list the API table as it is; "
               "replace its api-table block with %s", out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenario/api-table/rows-complete", test_rows_complete);
  g_test_add_func ("/scenario/api-table/examples-run", test_examples_run);
  g_test_add_func ("/scenario/api-table/docs-list-every-row", test_docs_list_every_row);

  return g_test_run ();
}
