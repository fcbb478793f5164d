/* awl-compile-with.c
 *
 * `x with { Name = v, … }` (records, structs, anonymous objects): the operand is
 * copied (awl_record_clone) and each member is set on the copy in the order
 * written, so a positional record's init-only properties can change as C# allows
 * there. Nested `with` needs nothing more: `o with { Ship = o.Ship with { Days = 1 } }`
 * is an ordinary value inside. When the operand's type is known, setting a member
 * it does not have, or copying an object of an ordinary class, is reported here.
 */

#include "awl-compile-ext.h"

/* Whether @klass (or a base) has a field, auto-property or settable property @name. */
static gboolean
has_member (AwlAst     *ast,
            const char *klass,
            const char *name)
{
  g_autofree char *setter = g_strconcat ("set_", name, NULL);

  return awl_ast_find_field_in (ast, klass, name) != NULL ||
         awl_ast_find_method_in (ast, klass, setter) != NULL;
}

/* Reports what C# would reject, when the operand's declared type says enough. */
static void
check_with (AwlCx   *c,
            AwlExpr *e)
{
  AwlAst *ast = awl_cx_ast (c);
  const AwlTypeRef *t = awl_cx_declared_type (c, e->with.operand);
  const AwlClassDecl *decl = t != NULL && t->array_rank == 0 ? awl_ast_get_class (ast, t->name) : NULL;
  const char *kind;

  if (decl == NULL)
    return;
  if (!(decl->flags & (AWL_CLASS_RECORD | AWL_CLASS_STRUCT)))
    {
      g_autofree char *msg = g_strdup_printf ("a `with` expression needs a record, struct or anonymous "
                                              "type; `%s` is a class", decl->name);
      awl_cx_error (c, e->loc, msg);
      return;
    }
  kind = (decl->flags & AWL_CLASS_RECORD) ? "record" : "struct";
  for (guint i = 0; i < e->with.n_init; i++)
    {
      AwlExpr *target = e->with.init[i]->assign.target;

      if (!has_member (ast, decl->name, target->name.name))
        {
          g_autofree char *msg = g_strdup_printf ("the %s `%s` has no property or field `%s`",
                                                  kind, decl->name, target->name.name);
          awl_cx_error (c, target->loc, msg);
        }
    }
}

void
awl_cx_with (AwlCx   *c,
             AwlExpr *e)
{
  AwlCallSite *site;

  check_with (c, e);
  awl_cx_expr (c, e->with.operand);
  site = awl_cx_site (c, NULL, "(with)", 1, e->loc);
  site->api = &awl_record_clone;
  awl_cx_emit (c, OP_CALL_STATIC, 1, 0, site, e->loc);
  for (guint i = 0; i < e->with.n_init; i++)
    {
      AwlExpr *el = e->with.init[i];
      AwlCallSite *set = awl_cx_site (c, NULL, el->assign.target->name.name, 0, el->loc);

      awl_cx_emit (c, OP_DUP, 0, 0, NULL, el->loc);
      awl_cx_expr (c, el->assign.value);
      awl_cx_emit (c, OP_SET_MEMBER, 0, 0, set, el->loc);
    }
}
