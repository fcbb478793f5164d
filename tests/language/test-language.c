/* test-language.c
 *
 * The scenario language's front end: every construct parses to the expected tree,
 * directives parse to the expected values, and every malformed file under
 * malformed/ gives exactly the diagnostics in its .expected file (position and
 * wording). Crashing inputs found by the fuzzer are replayed from fuzz/regressions/.
 */

#include "awl-language.h"

#include <string.h>

#define HEADER "// @title Test\n"

static AwlUnit *
parse_ok (const char *code)
{
  g_autofree char *text = g_strconcat (HEADER, code, NULL);
  AwlUnit *unit = awl_parse ("test.csx", text, -1, AWL_PARSE_DEFAULT);

  if (awl_unit_has_errors (unit))
    {
      g_autofree char *report = awl_diagnostics_format (unit->diagnostics);
      g_printerr ("%s", report);
    }
  g_assert_false (awl_unit_has_errors (unit));

  return unit;
}

/* Parses `void Main() { BODY }` and returns the dump of Main's body. */
static char *
dump_body (const char *body,
           gboolean    async)
{
  g_autofree char *code = g_strdup_printf ("%s Main()\n{\n%s\n}\n",
                                           async ? "async Task" : "void", body);
  g_autoptr(AwlUnit) unit = parse_ok (code);
  AwlFunction *main_fn = awl_ast_find_method (unit->ast, "Main");
  g_autofree char *all = NULL;
  const char *start;

  g_assert_nonnull (main_fn);
  all = awl_ast_dump (unit->ast);
  start = strstr (all, "(block");
  g_assert_nonnull (start);

  return g_strndup (start, strlen (start) - 2); /* drop ")\n" of the method */
}

static void
assert_body (const char *body,
             gboolean    async,
             const char *expected)
{
  g_autofree char *dump = dump_body (body, async);

  g_assert_cmpstr (dump, ==, expected);
}

/* ---------------------------------------------------------------------------- */

static void
test_parser_issue_example (void)
{
  const char *text =
    "// @title   .Result on the UI thread deadlocks\n"
    "// @questions 31 32 34\n"
    "// @environment ui\n"
    "// @knob ConfigureAwaitFalse = false \"Use ConfigureAwait(false) in GetDataAsync\"\n"
    "// @expect outcome deadlock\n"
    "\n"
    "async Task<string> GetDataAsync()\n"
    "{\n"
    "    string body = await Http.GetAsync(\"https://api.example/data\", 200).ConfigureAwait(!ConfigureAwaitFalse);\n"
    "    return body;\n"
    "}\n"
    "\n"
    "void Button_Click()\n"
    "{\n"
    "    string data = GetDataAsync().Result;   // blocks the UI thread\n"
    "    Console.WriteLine($\"got {data}\");\n"
    "}\n";
  g_autoptr(AwlUnit) unit = awl_parse ("issue.csx", text, -1, AWL_PARSE_DEFAULT);
  AwlFunction *get;
  AwlStmt *decl;
  AwlExpr *await_expr, *arg;

  g_assert_cmpuint (awl_diagnostics_get_n_items (unit->diagnostics), ==, 0);
  g_assert_cmpuint (unit->ast->n_methods, ==, 2);
  g_assert_cmpuint (unit->ast->first_code_line, ==, 7);

  get = unit->ast->methods[0];
  g_assert_cmpstr (get->name, ==, "GetDataAsync");
  g_assert_cmpint (get->return_kind, ==, AWL_RETURN_TASK_OF);
  g_assert_true (get->flags & AWL_FUNC_ASYNC);
  g_assert_cmpuint (get->loc.line, ==, 7);
  g_assert_cmpuint (get->loc.col, ==, 20);
  g_assert_cmpuint (get->end_line, ==, 11);
  g_assert_cmpuint (get->n_awaits, ==, 1);
  g_assert_cmpuint (get->n_vars, ==, 1);

  decl = get->body->block.stmts[0];
  g_assert_cmpint (decl->kind, ==, AWL_STMT_DECL);
  g_assert_cmpuint (decl->loc.line, ==, 9);
  g_assert_cmpuint (decl->loc.col, ==, 5);
  await_expr = decl->decl.inits[0];
  g_assert_cmpint (await_expr->kind, ==, AWL_EXPR_AWAIT);
  g_assert_cmpuint (await_expr->await.state, ==, 0);
  g_assert_cmpuint (await_expr->loc.col, ==, 19);
  arg = await_expr->await.operand->call.args[0].value;
  g_assert_cmpint (arg->kind, ==, AWL_EXPR_UNARY);
  g_assert_cmpint (arg->unary.operand->name.kind, ==, AWL_NAME_KNOB);
  g_assert_cmpstr (arg->unary.operand->name.knob->name, ==, "ConfigureAwaitFalse");

  g_assert_cmpint (unit->directives->environment, ==, AWL_SCENARIO_ENV_UI);
  g_assert_cmpstr (awl_directives_get_entry (unit->directives), ==, "Button_Click");
}

static void
test_parser_method_kinds (void)
{
  g_autoptr(AwlUnit) unit = parse_ok (
    "static async Task A() { await Task.Yield(); }\n"
    "async Task<int> B() { await Task.Yield(); return 1; }\n"
    "async void C() { await Task.Yield(); }\n"
    "async ValueTask<int> D() { await Task.Yield(); return 2; }\n"
    "async IAsyncEnumerable<int> E() { await Task.Yield(); yield return 1; }\n"
    "IEnumerable<int> F() { yield return 1; yield break; }\n"
    "public static int G(int a, string b = \"x\", params int[] rest) => a;\n"
    "private static void Main() { }\n");
  static const AwlReturnKind kinds[] = {
    AWL_RETURN_TASK, AWL_RETURN_TASK_OF, AWL_RETURN_VOID, AWL_RETURN_VALUE_TASK_OF,
    AWL_RETURN_ASYNC_ENUMERABLE, AWL_RETURN_ENUMERABLE, AWL_RETURN_PLAIN, AWL_RETURN_VOID,
  };
  AwlFunction *g;

  g_assert_cmpuint (unit->ast->n_methods, ==, 8);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpint (unit->ast->methods[i]->return_kind, ==, kinds[i]);
  g_assert_true (unit->ast->methods[0]->modifiers & AWL_MOD_STATIC);
  g_assert_true (unit->ast->methods[2]->flags & AWL_FUNC_ASYNC_VOID);
  g_assert_true (unit->ast->methods[4]->flags & AWL_FUNC_ITERATOR);
  g_assert_true (unit->ast->methods[5]->flags & AWL_FUNC_ITERATOR);
  g_assert_false (unit->ast->methods[5]->flags & AWL_FUNC_ASYNC);
  g = unit->ast->methods[6];
  g_assert_true (g->flags & AWL_FUNC_EXPR_BODY);
  g_assert_cmpuint (g->n_params, ==, 3);
  g_assert_nonnull (g->params[1]->default_value);
  g_assert_true (g->params[2]->is_params);
  g_assert_cmpint (g->body_expr->name.kind, ==, AWL_NAME_VAR);
  g_assert_true (g->body_expr->name.var == g->params[0]);
}

static void
test_parser_fields (void)
{
  g_autoptr(AwlUnit) unit = parse_ok (
    "using System;\nusing System.Threading.Tasks;\nnamespace Demo {\n"
    "static class Program {\n"
    "  static readonly SemaphoreSlim Gate = new SemaphoreSlim(3);\n"
    "  const int N = 10;\n"
    "  static int a = 1, b;\n"
    "  static void Main() { a = N + b; }\n"
    "}\n}\n");
  g_autofree char *dump = awl_ast_dump (unit->ast);

  g_assert_cmpuint (unit->ast->n_fields, ==, 4);
  g_assert_cmpstr (dump, ==,
                   "(field static readonly SemaphoreSlim Gate = (new SemaphoreSlim (args 3)))\n"
                   "(field const int N = 10)\n"
                   "(field static int a = 1)\n"
                   "(field static int b)\n"
                   "(method static void Main () (block (= a (+ N b))))\n");
  g_assert_true (awl_ast_find_field (unit->ast, "N")->modifiers & AWL_MOD_CONST);
}

static void
test_parser_declarations (void)
{
  assert_body ("var x = 1; int a, b = 2; const int K = 3; List<Task<int>> l = null; int[] arr = new int[5];",
               FALSE,
               "(block (decl var x=1) (decl int a b=2) (const int K=3) (decl List<Task<int>> l=null) "
               "(decl int[] arr=(new-array int [5])))");
}

static void
test_parser_assignment (void)
{
  assert_body ("int x = 0; x = 1; x += 2; x -= 3; x *= 4; x /= 5; x %= 6; x++; x--; ++x; --x; string s = null; s ?\?= \"a\";",
               FALSE,
               "(block (decl int x=0) (= x 1) (+= x 2) (-= x 3) (*= x 4) (/= x 5) (%= x 6) "
               "(post++ x) (post-- x) (++ x) (-- x) (decl string s=null) (?\?= s \"a\"))");
}

static void
test_parser_control_flow (void)
{
  assert_body ("int i = 0;\n"
               "if (i > 0) i = 1; else if (i < 0) i = 2; else { i = 3; }\n"
               "while (i < 10) { i++; if (i == 5) break; continue; }\n"
               "do i--; while (i > 0);\n"
               "for (int j = 0, k = 1; j < 3; j++, k--) { }\n"
               "for (;;) { break; }\n"
               "foreach (var n in new[] { 1, 2 }) { }\n"
               "foreach (int n in new List<int> { 3 }) ;\n",
               FALSE,
               "(block (decl int i=0) "
               "(if (> i 0) (= i 1) else (if (< i 0) (= i 2) else (block (= i 3)))) "
               "(while (< i 10) (block (post++ i) (if (== i 5) (break)) (continue))) "
               "(do (> i 0) (post-- i)) "
               "(for ((decl int j=0 k=1)) (< j 3) ((post++ j) (post-- k)) (block)) "
               "(for () forever () (block (break))) "
               "(foreach var n (new-array var {1 2}) (block)) "
               "(foreach int n (new List<int> {3}) (empty)))");
}

static void
test_parser_try_catch (void)
{
  assert_body ("try { await Task.Delay(1); }\n"
               "catch (HttpRequestException ex) when (ex.Message.Contains(\"503\")) { Console.WriteLine(ex.Message); }\n"
               "catch (OperationCanceledException) { }\n"
               "catch { throw; }\n"
               "finally { Console.WriteLine(\"done\"); }\n"
               "try { } finally { }\n",
               TRUE,
               "(block (try (block (await (call (. Task Delay) 1))) "
               "(catch HttpRequestException ex (when (call (. (. ex Message) Contains) \"503\")) "
               "(block (call (. Console WriteLine) (. ex Message)))) "
               "(catch OperationCanceledException (block)) "
               "(catch (block (throw))) "
               "(finally (block (call (. Console WriteLine) \"done\")))) "
               "(try (block) (finally (block))))");
}

static void
test_parser_lock_throw_return (void)
{
  g_autoptr(AwlUnit) unit = parse_ok (
    "static object gate = new object();\n"
    "int F(int x) { lock (gate) { if (x < 0) throw new InvalidOperationException(\"neg\"); } return x * 2; }\n"
    "void Main() { F(1); return; }\n");
  g_autofree char *dump = awl_ast_dump (unit->ast);

  g_assert_nonnull (strstr (dump, "(lock gate (block (if (< x 0) (throw (new InvalidOperationException (args \"neg\"))))))"));
  g_assert_nonnull (strstr (dump, "(return (* x 2))"));
  g_assert_nonnull (strstr (dump, "(return))"));
}

static void
test_parser_await_foreach_yield (void)
{
  g_autoptr(AwlUnit) unit = parse_ok (
    "async IAsyncEnumerable<int> Numbers(int n)\n"
    "{\n  for (int i = 0; i < n; i++) { await Task.Delay(10); yield return i; }\n  yield break;\n}\n"
    "async Task Main()\n{\n  await foreach (var v in Numbers(3)) Console.WriteLine(v);\n"
    "  await Task.Delay(1);\n}\n");
  AwlFunction *numbers = unit->ast->methods[0];
  AwlFunction *main_fn = unit->ast->methods[1];
  AwlStmt *fe = main_fn->body->block.stmts[0];
  AwlExpr *second = main_fn->body->block.stmts[1]->expr.expr;

  g_assert_true (numbers->flags & AWL_FUNC_ITERATOR);
  g_assert_cmpuint (numbers->n_awaits, ==, 1);
  g_assert_cmpint (fe->kind, ==, AWL_STMT_FOREACH);
  g_assert_true (fe->foreach.is_await);
  g_assert_cmpuint (fe->foreach.state, ==, 0);
  g_assert_cmpuint (second->await.state, ==, 1);
  g_assert_cmpuint (main_fn->n_awaits, ==, 2);
  g_assert_cmpuint (fe->loc.line, ==, 9);
  g_assert_cmpuint (fe->loc.col, ==, 3);
}

static void
test_parser_interpolated (void)
{
  assert_body ("int x = 5; string s = $\"a {x} b {x,5:F2} {{c}} {(x > 1 ? \"y\" : \"n\")}\";\n"
               "string v = $@\"path\\{x}\"; string w = @\"q\"\"q\";",
               FALSE,
               "(block (decl int x=5) (decl string s=(interp \"a \" {x} \" b \" {x,5:F2} \" {c} \" {(? (> x 1) \"y\" \"n\")})) "
               "(decl string v=(interp \"path\\\\\" {x})) (decl string w=\"q\\\"q\"))");
}

static void
test_parser_interpolated_positions (void)
{
  g_autoptr(AwlUnit) unit = awl_parse ("t.csx", HEADER "void Main()\n{\n  Console.WriteLine($\"v={undefinedName}\");\n}\n",
                                       -1, AWL_PARSE_DEFAULT);
  g_autofree char *s = awl_diagnostics_format_short (unit->diagnostics);

  g_assert_cmpstr (s, ==, "4:26: error: the name `undefinedName` does not exist in the current context\n");
}

static void
test_parser_lambda (void)
{
  assert_body ("Func<int, int> f = x => x + 1;\n"
               "Func<int, int, int> g = (a, b) => { return a * b; };\n"
               "Func<int, string> h = (int n) => n.ToString();\n"
               "Action k = () => Console.WriteLine(f(1));\n",
               FALSE,
               "(block (decl Func<int, int> f=(lambda (x) => (+ x 1))) "
               "(decl Func<int, int, int> g=(lambda (a, b) (block (return (* a b))))) "
               "(decl Func<int, string> h=(lambda (int n) => (call (. n ToString)))) "
               "(decl Action k=(lambda () => (call (. Console WriteLine) (call f 1)))))");
}

static void
test_parser_lambda_async (void)
{
  g_autoptr(AwlUnit) unit = parse_ok (
    "async Task Main()\n{\n  int count = 0;\n"
    "  Func<Task> f = async () => { await Task.Delay(10); count++; };\n"
    "  await Task.Run(async () => await Task.Delay(5));\n"
    "  await f();\n}\n");
  AwlFunction *main_fn = unit->ast->methods[0];
  AwlExpr *lambda = main_fn->body->block.stmts[1]->decl.inits[0];
  AwlFunction *lf = lambda->lambda.func;

  g_assert_cmpint (lambda->kind, ==, AWL_EXPR_LAMBDA);
  g_assert_true (lf->flags & AWL_FUNC_ASYNC);
  g_assert_true (lf->flags & AWL_FUNC_LAMBDA);
  g_assert_cmpstr (lf->name, ==, "Main.lambda#1");
  g_assert_true (lf->parent == main_fn);
  g_assert_cmpuint (lf->n_awaits, ==, 1);
  g_assert_cmpuint (main_fn->n_lambdas, ==, 2);
  g_assert_cmpstr (main_fn->lambdas[1]->name, ==, "Main.lambda#2");
  g_assert_true (main_fn->vars[0]->captured);
  g_assert_cmpuint (main_fn->n_awaits, ==, 2);
}

static void
test_parser_new_and_generics (void)
{
  assert_body ("var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);\n"
               "var l = new List<string>();\n"
               "var m = new List<int> { 1, 2, 3 };\n"
               "var a = new[] { \"x\", \"y\" };\n"
               "var b = new int[] { 4 };\n"
               "var t = Task.FromResult<int>(5);\n"
               "bool lt = 1 < 2 && 3 > 2;\n",
               FALSE,
               "(block (decl var tcs=(new TaskCompletionSource<int> (args (. TaskCreationOptions RunContinuationsAsynchronously)))) "
               "(decl var l=(new List<string> (args))) "
               "(decl var m=(new List<int> {1 2 3})) "
               "(decl var a=(new-array var {\"x\" \"y\"})) "
               "(decl var b=(new-array int {4})) "
               "(decl var t=(call (. Task FromResult<int>) 5)) "
               "(decl bool lt=(&& (< 1 2) (> 3 2))))");
}

static void
test_parser_await_statement (void)
{
  /* `await t;` must not read as a declaration of `t` with type `await`. */
  assert_body ("Task t = Task.Delay(1);\nawait t;\nawait Task.Yield();",
               TRUE,
               "(block (decl Task t=(call (. Task Delay) 1)) (await t) (await (call (. Task Yield))))");
}

static void
test_parser_named_arguments (void)
{
  assert_body ("await Http.GetAsync(\"u\", 100, fail: true);\nawait Http.GetAsync(\"u\", 100, failures: 2);",
               TRUE,
               "(block (await (call (. Http GetAsync) \"u\" 100 fail:true)) "
               "(await (call (. Http GetAsync) \"u\" 100 failures:2)))");
}

static void
test_parser_member_chains (void)
{
  assert_body ("var id = Thread.CurrentThread.ManagedThreadId;\n"
               "var r = Enumerable.Range(0, 3).Select(i => i * 2).ToList();\n"
               "var x = r[1];\n"
               "Task.Delay(1).GetAwaiter().GetResult();\n"
               "string s = null; var n = s?.Length;\n",
               FALSE,
               "(block (decl var id=(. (. Thread CurrentThread) ManagedThreadId)) "
               "(decl var r=(call (. (call (. (call (. Enumerable Range) 0 3) Select) (lambda (i) => (* i 2))) ToList))) "
               "(decl var x=(index r 1)) "
               "(call (. (call (. (call (. Task Delay) 1) GetAwaiter)) GetResult)) "
               "(decl string s=null) (decl var n=(?. s Length)))");
}

static void
test_parser_operators (void)
{
  assert_body ("int a = 1 + 2 * 3 - 4 / 2 % 3;\nbool b = !(a > 1) || a <= 2 && a != 3;\n"
               "int c = a > 0 ? a : -a;\nint d = (a << 2) >> 1;\nint e = a & 1 | 2 ^ 3;\n"
               "int f = (int)2.5;\nobject o = a;\nbool g = o is int n && n > 0;\nbool h = o is null;\n"
               "bool k = o is not null;\nint m = ~a;\n",
               FALSE,
               "(block (decl int a=(- (+ 1 (* 2 3)) (% (/ 4 2) 3))) "
               "(decl bool b=(|| (! (> a 1)) (&& (<= a 2) (!= a 3)))) "
               "(decl int c=(? (> a 0) a (- a))) "
               "(decl int d=(>> (<< a 2) 1)) "
               "(decl int e=(| (& a 1) (^ 2 3))) "
               "(decl int f=(cast int 2.5)) "
               "(decl object o=a) "
               "(decl bool g=(&& (is o int n) (> n 0))) "
               "(decl bool h=(is o null)) "
               "(decl bool k=(is-not o null)) "
               "(decl int m=(~ a)))");
}

static void
test_parser_literals (void)
{
  assert_body ("long a = 10L; double b = 1.5; double c = 2e3; float d = 1.5f; decimal e = 2.5m;\n"
               "int f = 0x1F; int g = 0b101; int h = 1_000; char i = '\\n'; char j = 'x';\n"
               "bool k = true; string l = \"tab\\there\"; string m = default; var n = -5;\n",
               FALSE,
               "(block (decl long a=10L) (decl double b=1.5) (decl double c=2000) (decl float d=1.5f) "
               "(decl decimal e=2.5m) (decl int f=31) (decl int g=5) (decl int h=1000) "
               "(decl char i='\\x0a') (decl char j='x') (decl bool k=true) (decl string l=\"tab\\there\") "
               "(decl string m=(default)) (decl var n=-5))");
}

static void
test_parser_class_wrapper (void)
{
  g_autoptr(AwlUnit) unit = parse_ok (
    "using System;\nusing System.Threading;\nusing System.Threading.Tasks;\n\n"
    "namespace Demo;\n\n"
    "public static class Program\n{\n"
    "    [STAThread]\n"
    "    public static async Task Main(string[] args)\n    {\n        await Task.Delay(100);\n    }\n}\n");

  g_assert_cmpuint (unit->ast->n_methods, ==, 1);
  g_assert_cmpuint (unit->ast->methods[0]->n_params, ==, 1);
  g_assert_cmpuint (unit->ast->methods[0]->loc.line, ==, 11);
}

static void
test_parser_resolution (void)
{
  g_autoptr(AwlUnit) unit = parse_ok (
    "static int total;\n"
    "void Add(int x) { total += x; }\n"
    "void Main() { int y = 2; Add(y); }\n");
  AwlFunction *main_fn = awl_ast_find_method (unit->ast, "Main");
  AwlExpr *call = main_fn->body->block.stmts[1]->expr.expr;
  AwlFunction *add = awl_ast_find_method (unit->ast, "Add");
  AwlExpr *assign = add->body->block.stmts[0]->expr.expr;

  g_assert_cmpint (call->call.callee->name.kind, ==, AWL_NAME_METHOD);
  g_assert_true (call->call.callee->name.func == add);
  g_assert_cmpint (call->call.args[0].value->name.kind, ==, AWL_NAME_VAR);
  g_assert_cmpuint (call->call.args[0].value->name.var->slot, ==, 0);
  g_assert_cmpint (assign->assign.target->name.kind, ==, AWL_NAME_FIELD);
  g_assert_cmpint (assign->assign.value->name.kind, ==, AWL_NAME_VAR);
  g_assert_cmpint (assign->assign.value->name.var->kind, ==, AWL_VAR_PARAM);
}

static void
test_parser_all_errors_reported (void)
{
  g_autoptr(AwlUnit) unit = awl_parse ("t.csx",
    HEADER
    "void Main()\n{\n"
    "    goto x;\n"
    "    int a = ;\n"
    "    Console.WriteLine(missing);\n"
    "}\n"
    "void Other() { break; }\n",
    -1, AWL_PARSE_DEFAULT);
  g_autofree char *s = awl_diagnostics_format_short (unit->diagnostics);

  g_assert_cmpstr (s, ==,
                   "4:5: error: `goto` is not supported by Awaitlab's C# subset\n"
                   "5:13: error: expected an expression, found `;`\n"
                   "6:23: error: the name `missing` does not exist in the current context\n"
                   "8:16: error: `break` is not inside a loop or switch\n");
}

static void
test_parser_no_check (void)
{
  g_autoptr(AwlUnit) unit = awl_parse ("t.csx", HEADER "void Main() { Console.WriteLine(nothing); }\n",
                                       -1, AWL_PARSE_NO_CHECK);

  g_assert_false (awl_unit_has_errors (unit));
}

static void
test_parser_large (void)
{
  /* 20,000 methods and 100,000 statements: must parse without quadratic costs
   * (the suite's time-out catches that) and keep every line right. */
  GString *s = g_string_new (HEADER "async Task Main() { await M0(); }\n");
  g_autoptr(AwlUnit) unit = NULL;
  AwlFunction *last;

  for (guint i = 0; i < 20000; i++)
    {
      g_string_append_printf (s, "async Task M%u()\n{\n", i);
      for (guint j = 0; j < 5; j++)
        g_string_append_printf (s, "    await Task.Delay(%u);\n", j);
      g_string_append (s, "}\n");
    }
  unit = awl_parse ("big.csx", s->str, s->len, AWL_PARSE_DEFAULT);
  g_string_free (s, TRUE);

  g_assert_false (awl_unit_has_errors (unit));
  g_assert_cmpuint (unit->ast->n_methods, ==, 20001);
  last = unit->ast->methods[20000];
  g_assert_cmpuint (last->loc.line, ==, 3 + 19999 * 8);
  g_assert_cmpuint (last->n_awaits, ==, 5);
  g_assert_cmpuint (last->body->block.stmts[4]->loc.line, ==, 3 + 19999 * 8 + 6);
}

static void
test_parser_deep_nesting (void)
{
  GString *s = g_string_new (HEADER "void Main() { int x = ");
  g_autoptr(AwlUnit) unit = NULL;

  for (guint i = 0; i < 50000; i++)
    g_string_append (s, "1 + ");
  g_string_append (s, "1; }\n");
  unit = awl_parse ("deep.csx", s->str, s->len, AWL_PARSE_DEFAULT);
  g_string_free (s, TRUE);

  g_assert_true (awl_unit_has_errors (unit));
  g_assert_cmpstr (awl_diagnostics_get_item (unit->diagnostics, 0)->message, ==,
                   "this expression is too deeply nested (more than 2500 levels)");
}

/* A sum of 601 terms is ordinary code, not "too deeply nested". */
static void
test_parser_long_sum (void)
{
  GString *s = g_string_new ("int a = 1; int x = a");
  g_autofree char *dump = NULL;

  for (guint i = 1; i < 601; i++)
    g_string_append (s, " + a");
  g_string_append (s, ";");
  dump = dump_body (s->str, FALSE);
  g_string_free (s, TRUE);
  g_assert_nonnull (strstr (dump, "(decl int x=(+ (+ (+"));
}

/* Nested interpolated strings: the inner literal's parts belong to the inner
 * string only (they were also appended to the outer one, printed twice), and the
 * work grows linearly with the depth. */
static void
test_parser_interpolated_nested (void)
{
  GString *deep = g_string_new ("int a = 5; string s = ");
  g_autofree char *dump = NULL;
  g_autoptr(AwlUnit) unit = NULL;
  g_autofree char *text = NULL;

  assert_body ("int a = 5; string s = $\"x{$\"y{a}z\"}w\";", FALSE,
               "(block (decl int a=5) (decl string s=(interp \"x\" {(interp \"y\" {a} \"z\")} \"w\")))");

  /* 90 levels: the old lexer doubled its work every two. */
  for (guint i = 0; i < 90; i++)
    g_string_append (deep, "$\"x{");
  g_string_append (deep, "a");
  for (guint i = 0; i < 90; i++)
    g_string_append (deep, "}y\"");
  g_string_append (deep, ";");
  text = g_strdup_printf (HEADER "void Main()\n{\n%s\n}\n", deep->str);
  g_string_free (deep, TRUE);
  unit = awl_parse ("deep.csx", text, -1, AWL_PARSE_DEFAULT);
  g_assert_false (awl_unit_has_errors (unit));
}

/* A CR alone ends a line (classic Mac OS files), as in the editor and for csc. */
static void
test_lexer_cr_line_endings (void)
{
  g_autoptr(AwlUnit) unit = awl_parse ("cr.csx", "// @title CR\rvoid Main()\r{\r  int x = y;\r}\r",
                                       -1, AWL_PARSE_DEFAULT);
  g_autofree char *s = awl_diagnostics_format_short (unit->diagnostics);

  g_assert_cmpstr (unit->directives->title, ==, "CR");
  g_assert_cmpstr (s, ==, "4:11: error: the name `y` does not exist in the current context\n");
}

/* ---------------------------------------------------------------------------- */
/* Directives                                                                   */

static void
test_directives_all (void)
{
  g_autoptr(AwlUnit) unit = awl_parse ("d.csx",
    "// @title   All directives  \n"
    "// @questions 1, 2 50\n"
    "// @topic Context and ConfigureAwait\n"
    "// @environment aspnetcore\n"
    "// @entry Handle\n"
    "// @cores 2\n"
    "// @min-threads 8\n"
    "// @runtime netfx\n"
    "// @timer-resolution 15.6ms\n"
    "// @seed 42\n"
    "// @load 100 for 2s\n"
    "// @knob UseAsync = true \"Async handler\"\n"
    "// @knob Limit = 3 \"Semaphore limit\"\n"
    "// @knob Factor = 1.5 \"Factor\"\n"
    "// @expect outcome crashed InvalidOperationException\n"
    "// @expect end-at 200ms ± 5ms\n"
    "// @expect output \"got \\\"data\\\"\"\n"
    "// @expect output-order \"A\" \"B\" \"C\"\n"
    "// @expect peak-pool-threads <= 4\n"
    "// @expect lint sync-over-async\n"
    "// @expect-when UseAsync=false,cores=1 outcome deadlock\n"
    "// @note L28: the handler starts\n"
    "// @quiz Does it finish?\n"
    "// @choice Yes\n"
    "// @answer No\n"
    "// @why Because\n"
    "// @why it blocks.\n"
    "async Task Handle() { await Task.Delay(Limit); }\n"
    "/* @explain\n"
    "   First line.\n"
    "\n"
    "     Indented.\n"
    "*/\n",
    -1, AWL_PARSE_DEFAULT);
  AwlDirectives *d = unit->directives;
  AwlKnob *k;
  AwlExpect *e;
  AwlQuiz *q;
  AwlNote *n;

  /* Only the warning that @seed changes nothing. */
  if (awl_diagnostics_get_n_items (unit->diagnostics) != 1)
    {
      g_autofree char *r = awl_diagnostics_format (unit->diagnostics);
      g_printerr ("%s", r);
    }
  g_assert_cmpuint (awl_diagnostics_get_n_items (unit->diagnostics), ==, 1);
  g_assert_cmpint (awl_diagnostics_get_item (unit->diagnostics, 0)->severity, ==, AWL_SEVERITY_WARNING);
  g_assert_nonnull (strstr (awl_diagnostics_get_item (unit->diagnostics, 0)->message, "`@seed` changes nothing"));
  g_assert_cmpstr (d->title, ==, "All directives");
  g_assert_cmpuint (d->n_questions, ==, 3);
  g_assert_cmpuint (d->questions[0], ==, 1);
  g_assert_cmpuint (d->questions[2], ==, 50);
  g_assert_cmpstr (d->topic, ==, "Context and ConfigureAwait");
  g_assert_cmpint (d->environment, ==, AWL_SCENARIO_ENV_ASPNETCORE);
  g_assert_cmpstr (awl_directives_get_entry (d), ==, "Handle");
  g_assert_cmpuint (d->cores, ==, 2);
  g_assert_cmpuint (d->min_threads, ==, 8);
  g_assert_cmpint (d->runtime, ==, AWL_SCENARIO_RUNTIME_NETFX);
  g_assert_cmpint (d->timer_resolution_ns, ==, 15600000);
  g_assert_cmpuint (d->seed, ==, 42);
  g_assert_true (d->has_load);
  g_assert_cmpfloat (d->load_rps, ==, 100.0);
  g_assert_cmpint (d->load_duration_ns, ==, G_GINT64_CONSTANT (2000000000));

  g_assert_cmpuint (d->knobs->len, ==, 3);
  k = g_ptr_array_index (d->knobs, 0);
  g_assert_cmpstr (k->name, ==, "UseAsync");
  g_assert_cmpstr (k->label, ==, "Async handler");
  g_assert_cmpint (k->default_value.type, ==, AWL_KNOB_BOOL);
  g_assert_true (k->default_value.b);
  g_assert_cmpuint (k->loc.line, ==, 12);
  g_assert_cmpuint (k->loc.col, ==, 10);
  k = g_ptr_array_index (d->knobs, 1);
  g_assert_cmpint (k->default_value.type, ==, AWL_KNOB_INT);
  g_assert_cmpint (k->default_value.i, ==, 3);
  k = g_ptr_array_index (d->knobs, 2);
  g_assert_cmpint (k->default_value.type, ==, AWL_KNOB_DOUBLE);
  g_assert_cmpfloat (k->default_value.d, ==, 1.5);

  g_assert_cmpuint (d->expects->len, ==, 7);
  e = g_ptr_array_index (d->expects, 0);
  g_assert_cmpint (e->kind, ==, AWL_EXPECT_OUTCOME);
  g_assert_cmpint (e->outcome, ==, AWL_EXPECT_OUTCOME_CRASHED);
  g_assert_cmpstr (e->exception, ==, "InvalidOperationException");
  g_assert_cmpstr (e->text, ==, "outcome crashed InvalidOperationException");
  g_assert_cmpuint (e->loc.line, ==, 15);
  e = g_ptr_array_index (d->expects, 1);
  g_assert_cmpint (e->time_ns, ==, 200000000);
  g_assert_cmpint (e->tolerance_ns, ==, 5000000);
  e = g_ptr_array_index (d->expects, 2);
  g_assert_cmpstr (e->strings[0], ==, "got \"data\"");
  e = g_ptr_array_index (d->expects, 3);
  g_assert_cmpuint (g_strv_length (e->strings), ==, 3);
  g_assert_cmpstr (e->strings[2], ==, "C");
  e = g_ptr_array_index (d->expects, 4);
  g_assert_cmpint (e->compare, ==, AWL_COMPARE_LE);
  g_assert_cmpint (e->number, ==, 4);
  e = g_ptr_array_index (d->expects, 5);
  g_assert_cmpstr (e->lint, ==, "sync-over-async");
  e = g_ptr_array_index (d->expects, 6);
  g_assert_cmpuint (e->n_when, ==, 2);
  g_assert_cmpstr (e->when[0].key, ==, "UseAsync");
  g_assert_true (e->when[0].knob == g_ptr_array_index (d->knobs, 0));
  g_assert_false (e->when[0].knob_value.b);
  g_assert_cmpstr (e->when[1].key, ==, "cores");
  g_assert_cmpstr (e->when[1].value, ==, "1");
  g_assert_null (e->when[1].knob);
  g_assert_cmpint (e->outcome, ==, AWL_EXPECT_OUTCOME_DEADLOCK);

  n = g_ptr_array_index (d->notes, 0);
  g_assert_cmpuint (n->target_line, ==, 28);
  g_assert_cmpstr (n->text, ==, "the handler starts");

  q = g_ptr_array_index (d->quizzes, 0);
  g_assert_cmpstr (q->question, ==, "Does it finish?");
  g_assert_cmpuint (q->n_choices, ==, 2);
  g_assert_cmpstr (q->choices[1], ==, "No");
  g_assert_cmpuint (q->answer, ==, 1);
  g_assert_cmpstr (q->why, ==, "Because it blocks.");

  g_assert_cmpstr (d->explain, ==, "First line.\n\n  Indented.");
  g_assert_cmpuint (d->explain_line, ==, 29);
}

static void
test_directives_defaults (void)
{
  g_autoptr(AwlUnit) unit = parse_ok ("void Main() { }\n");
  AwlDirectives *d = unit->directives;

  g_assert_cmpint (d->environment, ==, AWL_SCENARIO_ENV_CONSOLE);
  g_assert_false (d->has_environment);
  g_assert_cmpstr (awl_directives_get_entry (d), ==, "Main");
  g_assert_cmpuint (d->cores, ==, 4);
  g_assert_cmpuint (d->min_threads, ==, 0);
  g_assert_cmpint (d->runtime, ==, AWL_SCENARIO_RUNTIME_NET8);
  g_assert_cmpint (d->timer_resolution_ns, ==, 1000000);
  g_assert_cmpuint (d->seed, ==, 1);
  g_assert_false (d->has_load);
  g_assert_null (d->explain);
}

static void
test_directives_time (void)
{
  static const struct { const char *text; gint64 ns; gboolean ok; } cases[] = {
    { "200ms", 200000000, TRUE }, { "1.5s", 1500000000, TRUE }, { "250us", 250000, TRUE },
    { "75", 75000000, TRUE }, { "0.5", 500000, TRUE }, { "12ns", 12, TRUE },
    { "200xs", 0, FALSE }, { "ms", 0, FALSE }, { "-5ms", 0, FALSE }, { "", 0, FALSE },
    { "1e999s", 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 ns = -1;
      gboolean ok = awl_parse_time (cases[i].text, &ns);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (ns, ==, cases[i].ns);
    }
}

static void
test_directives_knob_values (void)
{
  AwlKnobValue v;
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;

  g_assert_true (awl_knob_value_parse (AWL_KNOB_BOOL, "true", &v, NULL));
  g_assert_true (v.b);
  g_assert_true (awl_knob_value_parse (AWL_KNOB_INT, "-12", &v, NULL));
  g_assert_cmpint (v.i, ==, -12);
  g_assert_true (awl_knob_value_parse (AWL_KNOB_DOUBLE, "3", &v, NULL));
  g_assert_cmpfloat (v.d, ==, 3.0);
  s = awl_knob_value_to_string (&v);
  g_assert_cmpstr (s, ==, "3.0");
  g_assert_false (awl_knob_value_parse (AWL_KNOB_INT, "1.5", &v, &error));
  g_assert_error (error, AWL_LANGUAGE_ERROR, AWL_LANGUAGE_ERROR_KNOB_VALUE);
  g_assert_cmpstr (error->message, ==, "`1.5` is not a int value (use a whole number)");
}

static void
test_directives_late_warning (void)
{
  g_autoptr(AwlUnit) unit = awl_parse ("t.csx", HEADER "void Main() { }\n// @cores 2\n", -1,
                                       AWL_PARSE_DEFAULT);
  g_autofree char *s = awl_diagnostics_format_short (unit->diagnostics);

  g_assert_false (awl_unit_has_errors (unit));
  g_assert_cmpstr (s, ==, "3:4: warning: `@cores` after the first line of code is ignored: directives go at the top of the file\n");
  g_assert_cmpuint (unit->directives->cores, ==, 4);
}

/* ---------------------------------------------------------------------------- */
/* Diagnostics                                                                  */

static void
test_diagnostics_format (void)
{
  g_autoptr(AwlUnit) unit = awl_parse ("x.csx",
    HEADER "void Main()\n{\n\tint é = 1\n\tMain();\n}\n", -1, AWL_PARSE_DEFAULT);
  g_autofree char *s = awl_diagnostics_format (unit->diagnostics);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (s, ==, "x.csx:4:11: error: expected `;`\n\tint é = 1\n\t         ^\n");
  g_assert_false (awl_diagnostics_to_error (unit->diagnostics, &error));
  g_assert_error (error, AWL_LANGUAGE_ERROR, AWL_LANGUAGE_ERROR_INVALID);
}

static void
test_diagnostics_invalid_utf8 (void)
{
  const char text[] = HEADER "void Main() { }\n// \xff\xfe bad\n\0\n";
  g_autoptr(AwlUnit) unit = awl_parse ("u.csx", text, sizeof text - 1, AWL_PARSE_DEFAULT);
  g_autofree char *s = awl_diagnostics_format_short (unit->diagnostics);
  g_autofree char *full = awl_diagnostics_format (unit->diagnostics);

  g_assert_cmpstr (s, ==, "3:4: error: the file is not valid UTF-8 here\n"
                          "4:1: error: the file contains a NUL byte\n");
  g_assert_true (g_utf8_validate (full, -1, NULL));
}

/* A file full of mistakes gives at most AWL_DIAGNOSTICS_MAX_ITEMS diagnostics and
 * says how many more there were; output stays small. */
static void
test_diagnostics_capped (void)
{
  GString *s = g_string_new (HEADER "void Main()\n{\n");
  g_autoptr(AwlUnit) unit = NULL;
  g_autofree char *full = NULL;
  const char *last;

  for (guint i = 0; i < 5000; i++)
    g_string_append (s, "goto x; ");
  g_string_append (s, "\n}\n");
  unit = awl_parse ("many.csx", s->str, s->len, AWL_PARSE_DEFAULT);
  g_string_free (s, TRUE);

  g_assert_cmpuint (awl_diagnostics_get_n_items (unit->diagnostics), ==, AWL_DIAGNOSTICS_MAX_ITEMS);
  g_assert_cmpuint (awl_diagnostics_get_n_dropped (unit->diagnostics), >, 4000);
  g_assert_true (awl_unit_has_errors (unit));
  full = awl_diagnostics_format (unit->diagnostics);
  g_assert_cmpuint (strlen (full), <, 100 * 400);
  last = g_strrstr (full, "many.csx: error: too many errors and warnings; ");
  g_assert_nonnull (last);
}

/* An error on a very long line shows a window around its column, with the caret
 * under the right character. */
static void
test_diagnostics_long_line_window (void)
{
  GString *s = g_string_new (HEADER "void Main()\n{\n  int a = 1;");
  g_autoptr(AwlUnit) unit = NULL;
  g_autofree char *full = NULL;
  g_auto(GStrv) lines = NULL;
  const char *caret;

  for (guint i = 0; i < 3000; i++)
    g_string_append (s, " a = a + 1;");
  g_string_append (s, " int b = zzz; }\n");
  unit = awl_parse ("long.csx", s->str, s->len, AWL_PARSE_DEFAULT);
  g_string_free (s, TRUE);

  full = awl_diagnostics_format (unit->diagnostics);
  lines = g_strsplit (full, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "long.csx:4:"));
  g_assert_true (g_str_has_prefix (lines[1], "..."));
  g_assert_cmpuint (strlen (lines[1]), <=, 110);
  caret = strchr (lines[2], '^');
  g_assert_nonnull (caret);
  g_assert_true (g_str_has_prefix (lines[1] + (caret - lines[2]), "zzz"));
}

/* An absurd title is an error and is shortened, never kept whole. */
static void
test_directives_long_title (void)
{
  g_autofree char *title = g_strnfill (300000, 'T');
  g_autofree char *text = g_strdup_printf ("// @title %s\nvoid Main() { }\n", title);
  g_autoptr(AwlUnit) unit = awl_parse ("t.csx", text, -1, AWL_PARSE_DEFAULT);
  g_autofree char *s = awl_diagnostics_format_short (unit->diagnostics);

  g_assert_cmpstr (s, ==, "1:4: error: `@title` is longer than 200 characters; put the details in `@explain`\n");
  g_assert_cmpuint (g_utf8_strlen (unit->directives->title, -1), ==, 201);
}

/* ---------------------------------------------------------------------------- */
/* Malformed files: exact positions and wording                                 */

static void
test_malformed (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "language", "malformed", name, NULL);
  g_autofree char *expected_path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwlUnit) unit = NULL;

  expected_path = g_strconcat (path, NULL);
  strcpy (expected_path + strlen (expected_path) - 4, ".exp");
  {
    char *tmp = g_strconcat (expected_path, "ected", NULL);
    g_free (expected_path);
    expected_path = tmp;
  }

  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, &error));
  g_assert_no_error (error);

  unit = awl_parse_file (path, AWL_PARSE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (awl_unit_has_errors (unit));
  actual = awl_diagnostics_format_short (unit->diagnostics);
  g_assert_cmpstr (actual, ==, expected);
}

static void
test_malformed_count (gconstpointer data)
{
  /* The issue asks for at least 30 malformed files. */
  g_assert_cmpuint (GPOINTER_TO_UINT (data), >=, 30);
}

/* ---------------------------------------------------------------------------- */
/* Fuzzer regressions: must never crash; any diagnostics are fine.              */

static void
test_fuzz_regression (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(AwlUnit) unit = NULL;
  g_autofree char *report = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  unit = awl_parse (path, contents, len, AWL_PARSE_DEFAULT);
  report = awl_diagnostics_format (unit->diagnostics);
  g_assert_nonnull (report);
  g_assert_nonnull (unit->ast);
}

static GPtrArray *
list_dir (const char *dir,
          const char *suffix)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return names;
  while ((name = g_dir_read_name (d)) != NULL)
    if (suffix == NULL ? name[0] != '.' && strcmp (name, "README") != 0 : g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) (void (*) (void)) g_strcmp0);
  {
    /* g_ptr_array_sort passes pointers to elements. */
    for (guint i = 1; i < names->len; i++)
      for (guint j = i; j > 0 && strcmp (names->pdata[j - 1], names->pdata[j]) > 0; j--)
        {
          gpointer t = names->pdata[j];
          names->pdata[j] = names->pdata[j - 1];
          names->pdata[j - 1] = t;
        }
  }
  return names;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) malformed = NULL;
  g_autoptr(GPtrArray) regressions = NULL;
  g_autoptr(GPtrArray) regression_paths = NULL;
  g_autofree char *malformed_dir = NULL;
  g_autofree char *regressions_dir = NULL;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/language/parser/issue-example", test_parser_issue_example);
  g_test_add_func ("/language/parser/method-kinds", test_parser_method_kinds);
  g_test_add_func ("/language/parser/fields", test_parser_fields);
  g_test_add_func ("/language/parser/declarations", test_parser_declarations);
  g_test_add_func ("/language/parser/assignment", test_parser_assignment);
  g_test_add_func ("/language/parser/control-flow", test_parser_control_flow);
  g_test_add_func ("/language/parser/try-catch", test_parser_try_catch);
  g_test_add_func ("/language/parser/lock-throw-return", test_parser_lock_throw_return);
  g_test_add_func ("/language/parser/await-foreach-yield", test_parser_await_foreach_yield);
  g_test_add_func ("/language/parser/interpolated", test_parser_interpolated);
  g_test_add_func ("/language/parser/interpolated-positions", test_parser_interpolated_positions);
  g_test_add_func ("/language/parser/lambda", test_parser_lambda);
  g_test_add_func ("/language/parser/lambda-async", test_parser_lambda_async);
  g_test_add_func ("/language/parser/new-and-generics", test_parser_new_and_generics);
  g_test_add_func ("/language/parser/await-statement", test_parser_await_statement);
  g_test_add_func ("/language/parser/named-arguments", test_parser_named_arguments);
  g_test_add_func ("/language/parser/member-chains", test_parser_member_chains);
  g_test_add_func ("/language/parser/operators", test_parser_operators);
  g_test_add_func ("/language/parser/literals", test_parser_literals);
  g_test_add_func ("/language/parser/class-wrapper", test_parser_class_wrapper);
  g_test_add_func ("/language/parser/resolution", test_parser_resolution);
  g_test_add_func ("/language/parser/all-errors-reported", test_parser_all_errors_reported);
  g_test_add_func ("/language/parser/no-check", test_parser_no_check);
  g_test_add_func ("/language/parser/large", test_parser_large);
  g_test_add_func ("/language/parser/deep-nesting", test_parser_deep_nesting);
  g_test_add_func ("/language/parser/long-sum", test_parser_long_sum);
  g_test_add_func ("/language/parser/interpolated-nested", test_parser_interpolated_nested);
  g_test_add_func ("/language/lexer/cr-line-endings", test_lexer_cr_line_endings);
  g_test_add_func ("/language/diagnostics/capped", test_diagnostics_capped);
  g_test_add_func ("/language/diagnostics/long-line-window", test_diagnostics_long_line_window);
  g_test_add_func ("/language/directives/long-title", test_directives_long_title);
  g_test_add_func ("/language/directives/all", test_directives_all);
  g_test_add_func ("/language/directives/defaults", test_directives_defaults);
  g_test_add_func ("/language/directives/time", test_directives_time);
  g_test_add_func ("/language/directives/knob-values", test_directives_knob_values);
  g_test_add_func ("/language/directives/late-warning", test_directives_late_warning);
  g_test_add_func ("/language/diagnostics/format", test_diagnostics_format);
  g_test_add_func ("/language/diagnostics/invalid-utf8", test_diagnostics_invalid_utf8);

  malformed_dir = g_test_build_filename (G_TEST_DIST, "language", "malformed", NULL);
  malformed = list_dir (malformed_dir, ".csx");
  for (guint i = 0; i < malformed->len; i++)
    {
      const char *name = g_ptr_array_index (malformed, i);
      g_autofree char *stem = g_strndup (name, strlen (name) - 4);
      g_autofree char *test_path = g_strdup_printf ("/language/malformed/%s", stem);

      g_test_add_data_func (test_path, name, test_malformed);
    }
  g_test_add_data_func ("/language/malformed/at-least-30", GUINT_TO_POINTER (malformed->len),
                        test_malformed_count);

  regressions_dir = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", NULL);
  regressions = list_dir (regressions_dir, NULL);
  /* Paths kept in their own array: adding them to the one being walked never ended. */
  regression_paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < regressions->len; i++)
    {
      const char *name = g_ptr_array_index (regressions, i);
      g_autofree char *test_path = g_strdup_printf ("/language/fuzz-regression/%s", name);
      char *path = g_build_filename (regressions_dir, name, NULL);

      g_ptr_array_add (regression_paths, path); /* owned by the array, freed at exit */
      g_test_add_data_func (test_path, path, test_fuzz_regression);
    }

  return g_test_run ();
}
