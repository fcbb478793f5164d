/* awl-compile-nullable.c
 *
 * Nullable value types in the compiler: what an expression is declared as (`int?`
 * for a variable, field, property, method result or cast), so that member sites on
 * an `int?` know it (a null receiver then has no value instead of being a null
 * reference, and GetValueOrDefault() knows its default), and the conversions C#
 * rejects between `T?` and `T` are reported where the programmer wrote them.
 *
 * The runtime needs no separate representation: a nullable's value is the plain
 * value or null, and the interpreter's lifted operators already treat null as C#
 * does (comparisons false, arithmetic null).
 */

#include "awl-compile-ext.h"

#include <string.h>

static const char * const value_types[] = {
  "int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort", "Int32", "Int64",
  "double", "float", "decimal", "Double", "Single", "Decimal", "bool", "Boolean", "char",
  "TimeSpan", "DateTime", NULL
};

static gboolean
is_value_type (const AwlTypeRef *t)
{
  return t != NULL && t->array_rank == 0 && t->n_args == 0 && g_strv_contains (value_types, t->name);
}

gboolean
awl_cx_type_is_nullable_value (const AwlTypeRef *t)
{
  return is_value_type (t) && t->nullable;
}

/* A plain value type: `int`, not `int?`. */
static gboolean
is_plain_value_type (const AwlTypeRef *t)
{
  return is_value_type (t) && !t->nullable;
}

static const AwlTypeRef *
field_type (AwlCx        *c,
            const char   *klass,
            const char   *name)
{
  AwlField *f = klass != NULL ? awl_ast_find_field_in (awl_cx_ast (c), klass, name) : NULL;
  return f != NULL ? f->type : NULL;
}

/* The element type of a `Task<T>` / `ValueTask<T>` method result, or NULL. */
static const AwlTypeRef *
task_result_type (const AwlFunction *func)
{
  if (func == NULL || func->return_type == NULL || func->return_type->n_args != 1)
    return NULL;
  if (func->return_kind != AWL_RETURN_TASK_OF && func->return_kind != AWL_RETURN_VALUE_TASK_OF)
    return NULL;
  return func->return_type->args[0];
}

/* The method a call expression calls, when the checker bound it to one. */
static const AwlFunction *
called_method (AwlCx   *c,
               AwlExpr *call)
{
  AwlExpr *callee = call->call.callee;
  const AwlTypeRef *t;

  if (callee->kind == AWL_EXPR_NAME && callee->name.kind == AWL_NAME_METHOD)
    return callee->name.func;
  if (callee->kind == AWL_EXPR_MEMBER && callee->member.target->kind == AWL_EXPR_NAME &&
      callee->member.target->name.kind == AWL_NAME_CLASS)
    return awl_ast_find_method_in (awl_cx_ast (c), callee->member.target->name.name, callee->member.name);
  if (callee->kind == AWL_EXPR_MEMBER && (t = awl_cx_declared_type (c, callee->member.target)) != NULL &&
      t->array_rank == 0 && awl_ast_has_class (awl_cx_ast (c), t->name))
    return awl_ast_find_method_in (awl_cx_ast (c), t->name, callee->member.name);
  return NULL;
}

const AwlTypeRef *
awl_cx_declared_type (AwlCx   *c,
                      AwlExpr *e)
{
  const AwlTypeRef *t;
  const AwlFunction *func;

  if (e == NULL)
    return NULL;
  switch (e->kind)
    {
    case AWL_EXPR_NAME:
      if (e->name.kind == AWL_NAME_VAR)
        return e->name.var->type;
      if (e->name.kind == AWL_NAME_FIELD && e->name.field != NULL)
        return e->name.field->type;
      return NULL;
    case AWL_EXPR_MEMBER:
      if (e->member.target->kind == AWL_EXPR_NAME && e->member.target->name.kind == AWL_NAME_CLASS)
        return field_type (c, e->member.target->name.name, e->member.name);
      t = awl_cx_declared_type (c, e->member.target);
      if (t != NULL && t->array_rank == 0 && awl_ast_has_class (awl_cx_ast (c), t->name))
        return field_type (c, t->name, e->member.name);
      return NULL;
    case AWL_EXPR_CALL:
      func = called_method (c, e);
      return func != NULL && !awl_function_is_async (func) &&
             func->return_kind == AWL_RETURN_PLAIN ? func->return_type : NULL;
    case AWL_EXPR_AWAIT:
      if (e->await.operand->kind == AWL_EXPR_CALL)
        return task_result_type (called_method (c, e->await.operand));
      return NULL;
    case AWL_EXPR_CAST:
      return e->cast.as_operator ? NULL : e->cast.type;
    case AWL_EXPR_NEW:
      return e->new_obj.anonymous ? NULL : e->new_obj.type;
    case AWL_EXPR_WITH:
      return awl_cx_declared_type (c, e->with.operand);
    case AWL_EXPR_BINARY:
      func = awl_cx_user_operator_method (c, e);
      return func != NULL ? func->return_type : NULL;
    default:
      return NULL;
    }
}

static gboolean
is_nullable_member (const char *member)
{
  return g_str_equal (member, "HasValue") || g_str_equal (member, "Value") ||
         g_str_equal (member, "GetValueOrDefault");
}

void
awl_cx_nullable_site (AwlCx       *c,
                      AwlCallSite *site,
                      AwlExpr     *target,
                      AwlLoc       name_loc)
{
  const AwlTypeRef *t = awl_cx_declared_type (c, target);
  g_autofree char *type = NULL;

  if (awl_cx_type_is_nullable_value (t))
    {
      type = awl_type_ref_to_string (t);
      site->type = awl_cx_own_string (c, type);
    }
  else if (is_plain_value_type (t) && is_nullable_member (site->member))
    {
      g_autofree char *msg = NULL;

      type = awl_type_ref_to_string (t);
      msg = g_strdup_printf ("`%s` does not contain a definition for `%s` (only a nullable `%s?` has it)",
                             type, site->member, type);
      awl_cx_error (c, name_loc, msg);
    }
}

void
awl_cx_nullable_convert (AwlCx            *c,
                         const AwlTypeRef *to,
                         AwlExpr          *value)
{
  const AwlTypeRef *from;
  g_autofree char *msg = NULL;

  if (!is_plain_value_type (to) || value == NULL)
    return;
  if (value->kind == AWL_EXPR_NULL)
    {
      g_autofree char *name = awl_type_ref_to_string (to);

      msg = g_strdup_printf ("cannot convert null to `%s` because it is a non-nullable value type "
                             "(declare it `%s?`)", name, name);
      awl_cx_error (c, value->loc, msg);
      return;
    }
  from = awl_cx_declared_type (c, value);
  if (awl_cx_type_is_nullable_value (from))
    {
      g_autofree char *a = awl_type_ref_to_string (from);
      g_autofree char *b = awl_type_ref_to_string (to);

      msg = g_strdup_printf ("cannot implicitly convert type `%s` to `%s` (use `.Value`, "
                             "`.GetValueOrDefault()`, `??` or a cast)", a, b);
      awl_cx_error (c, value->loc, msg);
    }
}

void
awl_cx_nullable_cast (AwlCx   *c,
                      AwlExpr *cast)
{
  AwlCallSite *site;
  g_autofree char *type = NULL;
  const AwlTypeRef *from = awl_cx_declared_type (c, cast->cast.operand);

  /* `(int)n` of an `int? n` without a value throws, as `.Value` does. */
  if (cast->cast.as_operator || !is_plain_value_type (cast->cast.type) ||
      !awl_cx_type_is_nullable_value (from))
    return;
  type = awl_type_ref_to_string (from);
  site = awl_cx_site (c, type, "Value", 0, cast->loc);
  awl_builtin_member_bind (site);
  awl_cx_emit (c, OP_GET_MEMBER, 0, 0, site, cast->loc);
}
