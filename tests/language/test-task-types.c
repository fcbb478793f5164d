/* test-task-types.c
 *
 * The overload C# picks for Task.WhenAll, from the static types of its arguments
 * (sim/language/awl-task-types.c): WhenAll<TResult> when every task is a Task<T>,
 * WhenAll(Task[]) when one is a plain Task or the collection's element type is Task.
 * Each case's answer is what the C# compiler chose in the .NET 10 program
 * tests/runtime/dotnet/whenall-exception-order.cs and the scenario case
 * tests/scenario/cases/api-when-all-overloads.csx (GetType() of the returned task
 * was WhenAllPromise`1 for the generic overload, WhenAllPromise otherwise).
 */

#include "awl-language.h"
#include "awl-task-types.h"

#include <string.h>

#define PRELUDE \
  "using System; using System.Collections.Generic; using System.Linq; using System.Threading.Tasks;\n" \
  "class Shop\n" \
  "{\n" \
  "    public async Task<int> CountAsync(int ms) { await Task.Delay(ms); return ms; }\n" \
  "    public Task SaveAsync(int ms) => Task.Delay(ms);\n" \
  "}\n" \
  "class Program\n" \
  "{\n" \
  "    static Task<int>[] field = new Task<int>[0];\n" \
  "    static async Task<int> Of(int ms) { await Task.Delay(ms); return ms; }\n" \
  "    static async Task Plain(int ms) { await Task.Delay(ms); }\n" \
  "    static List<Task<string>> Many() => new List<Task<string>>();\n" \
  "    static async Task Main()\n" \
  "    {\n"

typedef struct
{
  const char         *body;
  AwlWhenAllOverload  expected;
} Case;

static const Case cases[] = {
  /* Arguments (the params overloads). */
  { "await Task.WhenAll(Of(1), Of(2));", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(Plain(1), Plain(2));", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "await Task.WhenAll(Of(1), Plain(2));", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "await Task.WhenAll(Of(1));", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "var a = Of(1); var b = Of(2); await Task.WhenAll(a, b);", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "Task a = Of(1); Task b = Of(2); await Task.WhenAll(a, b);", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "Task<int> a = Of(1); await Task.WhenAll(a, Task.FromResult(2));", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(Task.Delay(1), Task.FromResult(2));", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "await Task.WhenAll(Task.Run(() => 42), Task.Run(() => Of(1)));", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(Task.Run(() => Plain(1)), Task.Run(() => 42));", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "await Task.WhenAll(Task.Run(async () => { await Task.Delay(1); return 1; }));", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(Task.Run(async () => { await Task.Delay(1); }));", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "await Task.WhenAll(Task.Run(() => Console.WriteLine(1)));", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "var shop = new Shop(); await Task.WhenAll(shop.CountAsync(1), shop.CountAsync(2));", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "var shop = new Shop(); await Task.WhenAll(shop.CountAsync(1), shop.SaveAsync(2));", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "var tcs = new TaskCompletionSource<int>(); await Task.WhenAll(tcs.Task, Of(1));", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(Http.GetAsync(\"a\", 10), Http.GetAsync(\"b\", 10));", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  /* One collection: its element type decides. */
  { "Task<int>[] all = { Of(1), Of(2) }; await Task.WhenAll(all);", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "Task[] all = { Of(1), Of(2) }; await Task.WhenAll(all);", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "var all = new[] { Of(1), Of(2) }; await Task.WhenAll(all);", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "var all = new[] { Of(1), Plain(2) }; await Task.WhenAll(all);", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "var all = new List<Task<int>> { Of(1) }; await Task.WhenAll(all);", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "var all = new List<Task>(); await Task.WhenAll(all);", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "List<Task<int>> all = new(); await Task.WhenAll(all);", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(field);", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(Many());", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(new[] { 1, 2 }.Select(ms => Of(ms)));", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(new[] { 1, 2 }.Select(Plain));", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "await Task.WhenAll(Enumerable.Range(1, 3).Select(async i => { await Task.Delay(i); return i; }));",
    AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(Enumerable.Range(1, 3).Select(async i => await Of(i)));", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "await Task.WhenAll(Enumerable.Range(1, 3).Select(async i => await Plain(i)));", AWL_WHEN_ALL_OVERLOAD_NON_GENERIC },
  { "var jobs = Enumerable.Range(1, 3).Select(i => Of(i)).ToList(); await Task.WhenAll(jobs);",
    AWL_WHEN_ALL_OVERLOAD_GENERIC },
  { "var jobs = new List<Task<int>>(); foreach (var j in jobs) await Task.WhenAll(j, j);", AWL_WHEN_ALL_OVERLOAD_GENERIC },
  /* Nothing is guessed: a lambda parameter's type is not followed. */
  { "Func<int, Task> f = null; await Task.WhenAll(new[] { 1 }.Select(i => f(i)));", AWL_WHEN_ALL_OVERLOAD_UNKNOWN },
};

/* Every Task.WhenAll call in the tree, in source order. */
static void
find_in (AwlExpr  *expr,
         AwlStmt  *stmt,
         gpointer  user_data)
{
  GPtrArray *calls = user_data;

  if (expr != NULL)
    {
      if (expr->kind == AWL_EXPR_CALL && expr->call.callee->kind == AWL_EXPR_MEMBER &&
          g_str_equal (expr->call.callee->member.name, "WhenAll"))
        g_ptr_array_add (calls, expr);
      awl_expr_foreach_child (expr, find_in, calls);
    }
  else
    awl_stmt_foreach_child (stmt, find_in, calls);
}

static GPtrArray *
when_all_calls (const AwlAst *ast)
{
  GPtrArray *calls = g_ptr_array_new ();

  for (guint i = 0; i < ast->n_methods; i++)
    awl_function_foreach_child (ast->methods[i], find_in, calls);
  return calls;
}

static void
test_overloads (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat ("// @title Overloads\n", PRELUDE, "        ", cases[i].body,
                                           "\n    }\n}\n", NULL);
      g_autoptr(AwlUnit) unit = awl_parse ("overloads.csx", text, -1, AWL_PARSE_DEFAULT);
      g_autoptr(GPtrArray) calls = NULL;
      const AwlExpr *call;
      AwlWhenAllOverload got;

      if (awl_unit_has_errors (unit))
        {
          g_autofree char *report = awl_diagnostics_format (unit->diagnostics);
          g_printerr ("%s\n%s", cases[i].body, report);
        }
      g_assert_false (awl_unit_has_errors (unit));
      calls = when_all_calls (unit->ast);
      g_assert_cmpuint (calls->len, >, 0);
      call = g_ptr_array_index (calls, calls->len - 1);
      got = awl_when_all_overload (unit->ast, call->call.args, call->call.n_args);
      if (got != cases[i].expected)
        g_error ("%s: got %s, expected %s", cases[i].body, awl_when_all_overload_to_string (got),
                 awl_when_all_overload_to_string (cases[i].expected));
    }
}

/* Every WhenAll of the catalogue, the corpora, the scenario cases and the fidelity
 * samples gets an overload: an unknown one would fall back to the non-generic order
 * without saying so. */
static void
test_every_sample_typed (void)
{
  static const char * const dirs[][2] = {
    { "..", "resources/scenarios" },
    { ".", "scenario/cases" },
    { ".", "scenario/corpus-own" },
    { ".", "scenario/corpus" },
    { ".", "fidelity/samples" },
  };
  guint n_calls = 0;
  g_autoptr(GString) unknown = g_string_new (NULL);

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, dirs[d][0], dirs[d][1], NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (listing);
      while ((name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = NULL;
          g_autoptr(AwlUnit) unit = NULL;
          g_autoptr(GPtrArray) calls = NULL;

          if (!g_str_has_suffix (name, ".csx"))
            continue;
          path = g_build_filename (dir, name, NULL);
          unit = awl_parse_file (path, AWL_PARSE_DEFAULT, NULL);
          /* Samples the front end cannot read yet (`// Needs:`) are skipped. */
          if (unit == NULL || awl_unit_has_errors (unit))
            continue;
          calls = when_all_calls (unit->ast);
          for (guint i = 0; i < calls->len; i++)
            {
              const AwlExpr *call = g_ptr_array_index (calls, i);

              n_calls++;
              if (awl_when_all_overload (unit->ast, call->call.args, call->call.n_args) ==
                  AWL_WHEN_ALL_OVERLOAD_UNKNOWN)
                g_string_append_printf (unknown, "%s/%s:%u:%u\n", dirs[d][1], name, call->loc.line, call->loc.col);
            }
        }
    }
  g_test_message ("%u WhenAll calls", n_calls);
  g_assert_cmpuint (n_calls, >, 40);
  g_assert_cmpstr (unknown->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/language/task-types/when-all-overload", test_overloads);
  g_test_add_func ("/language/task-types/every-sample-typed", test_every_sample_typed);
  return g_test_run ();
}
