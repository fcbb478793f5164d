/* test-types.c
 *
 * The front end's view of type declarations: interfaces, abstract classes, records
 * and structs are told apart, base lists resolve to a base class and interfaces
 * whatever the declaration order, members are found through base classes, and
 * accessors, `as`, `base` and constructor initializers parse to what the compiler
 * expects.
 */

#include "awl-language.h"

#include <string.h>

static AwlUnit *
parse_ok (const char *code)
{
  g_autofree char *text = g_strconcat ("// @title Types\n", code, NULL);
  AwlUnit *unit = awl_parse ("types.csx", text, -1, AWL_PARSE_DEFAULT);

  if (awl_unit_has_errors (unit))
    {
      g_autofree char *report = awl_diagnostics_format (unit->diagnostics);
      g_printerr ("%s", report);
    }
  g_assert_false (awl_unit_has_errors (unit));
  return unit;
}

static void
test_types_hierarchy (void)
{
  /* Derived before its base: the base list resolves once the file is read. */
  g_autoptr(AwlUnit) unit = parse_ok (
    "class Toaster : Machine, IWorker, IDisposable { public override Task RunAsync() => Task.Delay(1); public void Dispose() { } }\n"
    "abstract class Machine : IWorker { public abstract Task RunAsync(); protected int runs; public int Runs() => runs; }\n"
    "interface IWorker { Task RunAsync(); }\n"
    "sealed class Small : Toaster { }\n"
    "void Main() { }\n");
  AwlAst *ast = unit->ast;
  const AwlClassDecl *toaster = awl_ast_get_class (ast, "Toaster");
  const AwlClassDecl *machine = awl_ast_get_class (ast, "Machine");
  const AwlClassDecl *worker = awl_ast_get_class (ast, "IWorker");
  AwlFunction *runs, *run;

  g_assert_nonnull (toaster);
  g_assert_cmpuint (toaster->n_bases, ==, 3);
  g_assert_cmpuint (machine->flags & AWL_CLASS_ABSTRACT, !=, 0);
  g_assert_cmpuint (worker->flags & AWL_CLASS_INTERFACE, !=, 0);
  g_assert_cmpstr (awl_ast_class_base (ast, "Toaster"), ==, "Machine");
  g_assert_cmpstr (awl_ast_class_base (ast, "Small"), ==, "Toaster");
  g_assert_null (awl_ast_class_base (ast, "Machine"));   /* an interface is not a base class */
  g_assert_true (awl_ast_class_is_a (ast, "Small", "IWorker"));
  g_assert_true (awl_ast_class_is_a (ast, "Small", "Machine"));
  g_assert_true (awl_ast_class_is_a (ast, "Toaster", "System.IDisposable"));
  g_assert_false (awl_ast_class_is_a (ast, "Machine", "Toaster"));

  /* Members are found through the base classes; the nearest declaration wins. */
  runs = awl_ast_find_method_in (ast, "Small", "Runs");
  g_assert_nonnull (runs);
  g_assert_cmpstr (runs->klass, ==, "Machine");
  run = awl_ast_find_method_in (ast, "Small", "RunAsync");
  g_assert_cmpstr (run->klass, ==, "Toaster");
  g_assert_cmpuint (run->modifiers & AWL_MOD_OVERRIDE, !=, 0);
  g_assert_nonnull (awl_ast_find_field_in (ast, "Small", "runs"));
  g_assert_cmpuint (awl_ast_find_method_in (ast, "IWorker", "RunAsync")->flags & AWL_FUNC_ABSTRACT, !=, 0);
  g_assert_cmpuint (awl_ast_find_method_in (ast, "Machine", "RunAsync")->flags & AWL_FUNC_ABSTRACT, !=, 0);
}

static void
test_types_records_structs (void)
{
  g_autoptr(AwlUnit) unit = parse_ok (
    "record Point(int X, int Y);\n"
    "record Order(string Item, int Count = 1) { public int Total() => Count * 2; }\n"
    "struct Pair { public int A; public int B; }\n"
    "void Main() { var p = new Point(1, 2); var o = new Order(\"x\"); }\n");
  AwlAst *ast = unit->ast;
  AwlFunction *ctor = awl_ast_find_method_in (ast, "Order", "Order");

  g_assert_cmpuint (awl_ast_get_class (ast, "Point")->flags & AWL_CLASS_RECORD, !=, 0);
  g_assert_cmpuint (awl_ast_get_class (ast, "Point")->n_record_params, ==, 2);
  g_assert_cmpuint (awl_ast_get_class (ast, "Pair")->flags & AWL_CLASS_STRUCT, !=, 0);
  /* The positional parameters are public properties (fields) and a constructor. */
  g_assert_nonnull (awl_ast_find_field_in (ast, "Point", "X"));
  g_assert_nonnull (awl_ast_find_field_in (ast, "Order", "Count"));
  g_assert_nonnull (ctor);
  g_assert_cmpuint (ctor->flags & AWL_FUNC_CTOR, !=, 0);
  g_assert_cmpuint (ctor->n_params, ==, 3);   /* this, Item, Count */
  g_assert_nonnull (ctor->params[2]->default_value);
}

static void
test_types_members (void)
{
  g_autoptr(AwlUnit) unit = parse_ok (
    "class Base { public Base(int n) { } public virtual int Size => 1; }\n"
    "class Account : Base\n"
    "{\n"
    "    int balance;\n"
    "    public Account() : base(5) { }\n"
    "    public int Balance { get { return balance; } private set { balance = value; } }\n"
    "    public override int Size => base.Size + 1;\n"
    "}\n"
    "static class Ext { public static int Twice(this int x) => x * 2; }\n"
    "void Main() { object o = new Account(); var a = o as Account; Console.WriteLine(3.Twice()); }\n");
  AwlAst *ast = unit->ast;
  AwlFunction *ctor = awl_ast_find_method_in (ast, "Account", "Account");
  AwlFunction *get = awl_ast_find_method_in (ast, "Account", "get_Balance");
  AwlFunction *set = awl_ast_find_method_in (ast, "Account", "set_Balance");
  AwlFunction *size = awl_ast_find_method_in (ast, "Account", "get_Size");
  AwlFunction *twice = awl_ast_find_method_in (ast, "Ext", "Twice");
  g_autofree char *dump = awl_ast_dump (ast);

  g_assert_cmpuint (ctor->init_kind, ==, 1);
  g_assert_cmpuint (ctor->n_init_args, ==, 1);
  g_assert_cmpuint (get->flags & (AWL_FUNC_ACCESSOR | AWL_FUNC_INSTANCE), ==, AWL_FUNC_ACCESSOR | AWL_FUNC_INSTANCE);
  g_assert_cmpuint (set->n_params, ==, 2);
  g_assert_cmpstr (set->params[1]->name, ==, "value");
  g_assert_cmpstr (size->klass, ==, "Account");
  g_assert_cmpuint (twice->flags & AWL_FUNC_EXTENSION, !=, 0);
  g_assert_cmpuint (awl_ast_get_class (ast, "Ext")->flags & AWL_CLASS_STATIC, !=, 0);
  g_assert_nonnull (strstr (dump, "base"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/language/types/hierarchy", test_types_hierarchy);
  g_test_add_func ("/language/types/records-structs", test_types_records_structs);
  g_test_add_func ("/language/types/members", test_types_members);

  return g_test_run ();
}
