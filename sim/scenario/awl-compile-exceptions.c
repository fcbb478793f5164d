/* awl-compile-exceptions.c
 *
 * Exception classes of the script (`class OrderFailedException : Exception { … }`).
 * An object of such a class is built as any object is (fields, constructors, base
 * constructors of the script), and `new` then hands out the .NET exception it is:
 * an exception whose type is the class, whose Message and InnerException come from
 * the `: base(message, inner)` that reached the .NET class, and which keeps the object
 * for its own members (`e.OrderId`) and its methods. `catch (OrderFailedException e)`
 * and filters match it through the class's bases (awl_exception_is_a).
 */

#include "awl-compile-ext.h"

gboolean
awl_cx_exception_base_init (AwlCx       *c,
                            AwlFunction *ctor)
{
  AwlAst *ast = awl_cx_ast (c);
  const char *base = awl_ast_class_base (ast, ctor->klass);
  AwlExpr self = { 0 };
  AwlCallSite *site;

  /* Only `: base(…)` whose base is the .NET exception class itself. */
  if (ctor->init_kind != 1 || base == NULL || awl_ast_get_class (ast, base) != NULL ||
      awl_ast_class_exception_base (ast, ctor->klass) == NULL)
    return FALSE;
  if (ctor->n_init_args > 2)
    {
      awl_cx_error (c, ctor->loc, "`: base(…)` of an exception class takes a message and an inner "
                    "exception at most");
      return TRUE;
    }
  self.kind = AWL_EXPR_NAME;
  self.loc = ctor->loc;
  self.depth = 1;
  self.name.name = "this";
  self.name.kind = AWL_NAME_VAR;
  self.name.var = ctor->params[0];
  awl_cx_expr (c, &self);
  for (guint i = 0; i < ctor->n_init_args; i++)
    awl_cx_expr (c, ctor->init_args[i].value);
  site = awl_cx_site (c, base, ".ctor", ctor->n_init_args + 1, ctor->loc);
  site->api = &awl_exception_base_ctor;
  awl_cx_emit (c, OP_CALL_STATIC, ctor->n_init_args + 1, 0, site, ctor->loc);
  awl_cx_emit (c, OP_POP, 0, 0, NULL, ctor->loc);
  return TRUE;
}

void
awl_cx_exception_wrap (AwlCx      *c,
                       const char *klass,
                       AwlLoc      loc)
{
  const char *base = awl_ast_class_exception_base (awl_cx_ast (c), klass);
  AwlCallSite *site;

  if (base == NULL)
    return;
  site = awl_cx_site (c, base, klass, 1, loc);
  site->api = &awl_exception_wrap;
  awl_cx_emit (c, OP_CALL_STATIC, 1, 0, site, loc);
}
