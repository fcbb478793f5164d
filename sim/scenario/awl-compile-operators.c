/* awl-compile-operators.c
 *
 * User-defined operators (awl-parser-operators.c made each a static method
 * op_Addition, op_Equality, …): `a + b` calls the method of the class that the
 * left operand, else the right one, is declared with, as C# picks it at compile
 * time. An operand whose class the compiler cannot see (a `var` holding another
 * operator's result is seen, one from a collection is not) keeps the built-in
 * operator, which then reports the types at run time.
 */

#include "awl-compile-ext.h"

#include <string.h>

/* The class of the script that declares operator @op and that @e is declared as. */
static const char *
operator_class (AwlCx       *c,
                AwlExpr     *e,
                const char  *method)
{
  const AwlTypeRef *t = awl_cx_declared_type (c, e);
  AwlFunction *f;

  if (t == NULL || t->array_rank > 0 || t->nullable || !awl_ast_has_class (awl_cx_ast (c), t->name))
    return NULL;
  f = awl_ast_find_method_in (awl_cx_ast (c), t->name, method);
  return f != NULL && !(f->flags & AWL_FUNC_INSTANCE) ? t->name : NULL;
}

/* The operator method `a op b` calls, or NULL. */
AwlFunction *
awl_cx_user_operator_method (AwlCx   *c,
                             AwlExpr *e)
{
  const char *method = awl_binary_op_method_name (e->binary.op);
  const char *klass;

  if (method == NULL)
    return NULL;
  klass = operator_class (c, e->binary.left, method);
  if (klass == NULL)
    klass = operator_class (c, e->binary.right, method);
  return klass != NULL ? awl_ast_find_method_in (awl_cx_ast (c), klass, method) : NULL;
}

/* The class of the script @e is declared as, or NULL. */
static const char *
script_class (AwlCx   *c,
              AwlExpr *e)
{
  const AwlTypeRef *t = awl_cx_declared_type (c, e);

  return t != NULL && t->array_rank == 0 && !t->nullable && awl_ast_has_class (awl_cx_ast (c), t->name) &&
         !awl_ast_is_enum (awl_cx_ast (c), t->name) ? t->name : NULL;
}

/* C# has no `+` (or `<`, …) for two objects of a class without that operator;
 * `==` and `!=` compare references. */
static void
check_no_operator (AwlCx   *c,
                   AwlExpr *e)
{
  const char *l = script_class (c, e->binary.left), *r = script_class (c, e->binary.right);
  g_autofree char *msg = NULL;

  if (l == NULL || r == NULL || awl_binary_op_method_name (e->binary.op) == NULL ||
      e->binary.op == AWL_BINARY_EQ || e->binary.op == AWL_BINARY_NE)
    return;
  msg = g_strdup_printf ("operator `%s` cannot be applied to operands of type `%s` and `%s` (declare "
                         "`public static … operator %s(%s a, %s b)` in `%s`)",
                         awl_binary_op_to_string (e->binary.op), l, r,
                         awl_binary_op_to_string (e->binary.op), l, r, l);
  awl_cx_error (c, e->loc, msg);
}

gboolean
awl_cx_user_operator (AwlCx   *c,
                      AwlExpr *e)
{
  AwlFunction *f = awl_cx_user_operator_method (c, e);
  AwlArg args[2];

  memset (args, 0, sizeof args);
  if (f == NULL)
    {
      check_no_operator (c, e);
      return FALSE;
    }
  args[0].loc = e->binary.left->loc;
  args[0].value = e->binary.left;
  args[1].loc = e->binary.right->loc;
  args[1].value = e->binary.right;
  awl_cx_call_method (c, e, f->klass, f->name, args, 2);
  return TRUE;
}
