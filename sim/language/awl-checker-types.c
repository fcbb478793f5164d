/* awl-checker-types.c
 *
 * The checks that concern types rather than code: base lists (no cycles, a .NET
 * base class the subset can run), `override` and `abstract` used as C# allows,
 * every abstract method of a concrete class implemented, extension methods in
 * static classes. Member lookups through base classes live in awl-ast.c.
 */

#include "awl-language-private.h"
#include "awl-known-api.h"

#include <string.h>

#define NOT_SUPPORTED "is not supported by Awaitlab's C# subset"

/* An error at @loc, one column wide, as the checker reports them. */
#define type_error(unit, loc, ...) \
  awl_diagnostics_add ((unit)->diagnostics, AWL_SEVERITY_ERROR, (loc).line, (loc).col, 1, __VA_ARGS__)

static const char *
simple_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL ? dot + 1 : name;
}

/* .NET interfaces are named I + capital letter: implementing one is accepted
 * (nothing of it is checked); deriving from another .NET class is not. */
static gboolean
looks_like_interface (const char *name)
{
  return name[0] == 'I' && g_ascii_isupper (name[1]);
}

static gboolean
has_cycle (const AwlAst *ast,
           const char   *klass)
{
  const char *k = klass;

  for (guint depth = 0; depth < 64; depth++)
    {
      k = awl_ast_class_base (ast, k);
      if (k == NULL)
        return FALSE;
      if (g_str_equal (k, klass))
        return TRUE;
    }
  return TRUE;
}

static void
check_base_list (AwlUnit            *unit,
                 const AwlClassDecl *decl)
{
  const AwlAst *ast = unit->ast;

  for (guint i = 0; i < decl->n_bases; i++)
    {
      const char *name = simple_name (decl->bases[i]->name);
      const AwlClassDecl *base = awl_ast_get_class (ast, name);

      if (base != NULL)
        {
          if (i > 0 && !(base->flags & AWL_CLASS_INTERFACE))
            type_error (unit, decl->bases[i]->loc,
                        "`%s` derives from two classes (`%s` must come first and alone: C# has single inheritance)",
                        decl->name, name);
          else if ((decl->flags & AWL_CLASS_INTERFACE) && !(base->flags & AWL_CLASS_INTERFACE))
            type_error (unit, decl->bases[i]->loc, "the interface `%s` cannot derive from the class `%s`",
                        decl->name, name);
          else if (base->flags & AWL_CLASS_STATIC)
            type_error (unit, decl->bases[i]->loc, "`%s` cannot derive from the static class `%s`",
                        decl->name, name);
          continue;
        }
      if (i == 0 && (g_str_equal (name, "SynchronizationContext") || awl_known_api_is_exception_type (name)))
        continue;
      /* EventArgs has no instance members: deriving from it is deriving from object,
       * and event-based code (the EAP pattern) always does it. */
      if (g_str_equal (name, "object") || g_str_equal (name, "Object") || g_str_equal (name, "EventArgs") ||
          looks_like_interface (name))
        continue;
      type_error (unit, decl->bases[i]->loc,
                  "deriving from the .NET class `%s` " NOT_SUPPORTED " (a class of the file, an interface, "
                  "`EventArgs`, an exception class or `SynchronizationContext` can be a base)", name);
    }
  if (has_cycle (ast, decl->name))
    type_error (unit, decl->loc, "the class `%s` derives from itself (through its base classes)", decl->name);
}

/* Whether a base class of @klass has a method @name that can be overridden. */
static gboolean
has_overridable (const AwlAst *ast,
                 const char   *klass,
                 const char   *name)
{
  static const char * const sync_context_virtuals[] = { "Post", "Send", "CreateCopy", "OperationStarted",
                                                        "OperationCompleted", NULL };
  const char *base = awl_ast_class_base (ast, klass);

  if (g_str_equal (name, "ToString") || g_str_equal (name, "Equals") || g_str_equal (name, "GetHashCode"))
    return TRUE;
  for (guint depth = 0; base != NULL && depth < 64; depth++)
    {
      AwlFunction *m;

      if (g_str_equal (base, "SynchronizationContext"))
        return g_strv_contains (sync_context_virtuals, name);
      m = awl_ast_find_method_in (ast, base, name);
      if (m != NULL)
        return (m->modifiers & (AWL_MOD_VIRTUAL | AWL_MOD_ABSTRACT | AWL_MOD_OVERRIDE)) != 0;
      base = awl_ast_class_base (ast, base);
    }
  return FALSE;
}

static void
check_method (AwlUnit     *unit,
              AwlFunction *m)
{
  const AwlAst *ast = unit->ast;
  const AwlClassDecl *decl = awl_ast_get_class (ast, m->klass);

  if ((m->modifiers & AWL_MOD_OVERRIDE) && !has_overridable (ast, m->klass, m->name))
    type_error (unit, m->loc, "`%s.%s` is marked `override` but no virtual or abstract method `%s` "
                "was found in a base class", m->klass, m->name, m->name);
  if ((m->modifiers & AWL_MOD_ABSTRACT) && (decl == NULL || !(decl->flags & AWL_CLASS_ABSTRACT)))
    type_error (unit, m->loc, "`%s` is abstract but the class `%s` is not", m->name,
                m->klass ? m->klass : "Program");
  if ((m->modifiers & (AWL_MOD_VIRTUAL | AWL_MOD_ABSTRACT | AWL_MOD_OVERRIDE)) &&
      (m->modifiers & AWL_MOD_STATIC))
    type_error (unit, m->loc, "a static method cannot be virtual, abstract or override");
  if ((m->flags & AWL_FUNC_EXTENSION) &&
      (decl == NULL || !(decl->flags & AWL_CLASS_STATIC)))
    type_error (unit, m->loc, "the extension method `%s` must be declared in a static class", m->name);
}

/* A concrete class must implement every abstract method of its base classes. */
static void
check_implemented (AwlUnit            *unit,
                   const AwlClassDecl *decl)
{
  const AwlAst *ast = unit->ast;
  const char *base = awl_ast_class_base (ast, decl->name);

  if (decl->flags & (AWL_CLASS_ABSTRACT | AWL_CLASS_INTERFACE))
    return;
  for (guint depth = 0; base != NULL && depth < 64; depth++)
    {
      for (guint i = 0; i < ast->n_methods; i++)
        {
          AwlFunction *m = ast->methods[i];
          AwlFunction *impl;

          if (!(m->flags & AWL_FUNC_ABSTRACT) || g_strcmp0 (m->klass, base) != 0)
            continue;
          impl = awl_ast_find_method_in (ast, decl->name, m->name);
          if (impl == NULL || (impl->flags & AWL_FUNC_ABSTRACT))
            type_error (unit, decl->loc, "`%s` does not implement the abstract method `%s.%s`",
                        decl->name, base, m->name);
        }
      base = awl_ast_class_base (ast, base);
    }
  /* Interfaces of the file it implements, directly, through a base class or through
   * another interface: each method must exist in the class or a base. */
  for (guint i = 0; i < ast->n_classes; i++)
    {
      const AwlClassDecl *iface = awl_ast_get_class (ast, ast->classes[i]);

      if (iface == NULL || !(iface->flags & AWL_CLASS_INTERFACE) ||
          !awl_ast_class_is_a (ast, decl->name, iface->name))
        continue;
      /* A base class that implements it answers for it (and is reported itself). */
      if (awl_ast_class_base (ast, decl->name) != NULL &&
          awl_ast_class_is_a (ast, awl_ast_class_base (ast, decl->name), iface->name))
        continue;
      for (guint k = 0; k < ast->n_methods; k++)
        {
          AwlFunction *m = ast->methods[k];
          AwlFunction *impl;

          if (!(m->flags & AWL_FUNC_ABSTRACT) || g_strcmp0 (m->klass, iface->name) != 0)
            continue;
          impl = awl_ast_find_method_in (ast, decl->name, m->name);
          if (impl == NULL || (impl->flags & AWL_FUNC_ABSTRACT))
            type_error (unit, decl->loc, "`%s` does not implement the interface method `%s.%s`",
                        decl->name, iface->name, m->name);
        }
    }
}

/* Whether the struct @klass holds (through struct fields) a value of the struct @target. */
static gboolean
struct_holds (const AwlAst *ast,
              const char   *klass,
              const char   *target,
              guint         depth)
{
  if (depth > 16)
    return FALSE;
  for (guint i = 0; i < ast->n_fields; i++)
    {
      AwlField *f = ast->fields[i];
      const AwlClassDecl *type;

      if (!awl_field_is_instance (f) || g_strcmp0 (f->klass, klass) != 0 || f->type == NULL ||
          f->type->array_rank > 0 || f->type->nullable)
        continue;
      type = awl_ast_get_class (ast, f->type->name);
      if (type == NULL || !(type->flags & AWL_CLASS_STRUCT))
        continue;
      if (g_str_equal (type->name, target) || struct_holds (ast, type->name, target, depth + 1))
        return TRUE;
    }
  return FALSE;
}

void
awl_check_types (AwlUnit *unit)
{
  AwlAst *ast = unit->ast;

  for (guint i = 0; i < ast->n_classes; i++)
    {
      const AwlClassDecl *decl = awl_ast_get_class (ast, ast->classes[i]);

      if (decl == NULL)
        continue;
      check_base_list (unit, decl);
      if ((decl->flags & AWL_CLASS_STRUCT) && struct_holds (ast, decl->name, decl->name, 0))
        type_error (unit, decl->loc, "the struct `%s` contains itself through its fields (a struct value "
                    "cannot; make one of them a class or nullable)", decl->name);
      if (!has_cycle (ast, decl->name))
        check_implemented (unit, decl);
    }
  for (guint i = 0; i < ast->n_methods; i++)
    check_method (unit, ast->methods[i]);
}
