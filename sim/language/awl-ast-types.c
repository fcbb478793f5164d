/* awl-ast-types.c
 *
 * The type declarations of a script beyond their members: which classes are
 * interfaces, abstract, static, records or structs, and what each derives from.
 * Names in a base list are kept as written and resolved on demand, because a class
 * may derive from one declared further down the file.
 */

#include "awl-language-private.h"
#include "awl-known-api.h"

#include <string.h>

/* The depth of any base chain we follow: deeper means a cycle (the checker reports it). */
#define MAX_BASE_DEPTH 64

void
awl_ast_add_class_decl (AwlAst       *ast,
                        AwlClassDecl *decl)
{
  AwlAstPrivate *priv = ast->priv;

  if (!g_hash_table_contains (priv->class_decls, decl->name))
    g_hash_table_insert (priv->class_decls, (gpointer) decl->name, decl);
}

const AwlClassDecl *
awl_ast_get_class (const AwlAst *ast,
                   const char   *name)
{
  g_return_val_if_fail (ast != NULL, NULL);

  if (name == NULL)
    return NULL;
  return g_hash_table_lookup (((AwlAstPrivate *) ast->priv)->class_decls, name);
}

/* `System.Threading.SynchronizationContext` → `SynchronizationContext`. */
static const char *
simple_name (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL ? dot + 1 : name;
}

/* The .NET classes a script may derive from: their members are what the subset
 * implements for them (see awl-builtins-objects.c). */
static gboolean
is_builtin_base (const char *name)
{
  static const char * const bases[] = { "SynchronizationContext", "Object", "object", NULL };

  /* Exception classes too: `class OrderFailedException : Exception`. */
  return g_strv_contains (bases, name) || awl_known_api_is_exception_type (name);
}

const char *
awl_ast_class_exception_base (const AwlAst *ast,
                              const char   *klass)
{
  const char *base = klass;

  for (guint depth = 0; base != NULL && depth < 64; depth++)
    {
      if (awl_ast_get_class (ast, base) == NULL)
        return awl_known_api_is_exception_type (base) ? base : NULL;
      base = awl_ast_class_base (ast, base);
    }
  return NULL;
}

const char *
awl_ast_class_base (const AwlAst *ast,
                    const char   *klass)
{
  const AwlClassDecl *decl = awl_ast_get_class (ast, klass);

  if (decl == NULL || decl->n_bases == 0)
    return NULL;
  for (guint i = 0; i < decl->n_bases; i++)
    {
      const char *name = simple_name (decl->bases[i]->name);
      const AwlClassDecl *base = awl_ast_get_class (ast, name);

      /* As in C#, only the first entry may be a class; the others are interfaces. */
      if (i == 0 && base != NULL && !(base->flags & AWL_CLASS_INTERFACE))
        return base->name;
      if (i == 0 && base == NULL && is_builtin_base (name))
        return g_str_equal (name, "object") || g_str_equal (name, "Object") ? NULL : name;
    }
  return NULL;
}

static gboolean
is_a (const AwlAst *ast,
      const char   *klass,
      const char   *type,
      guint         depth)
{
  const AwlClassDecl *decl;

  if (g_str_equal (klass, type))
    return TRUE;
  if (depth > MAX_BASE_DEPTH || (decl = awl_ast_get_class (ast, klass)) == NULL)
    return FALSE;
  for (guint i = 0; i < decl->n_bases; i++)
    if (is_a (ast, simple_name (decl->bases[i]->name), type, depth + 1))
      return TRUE;
  return FALSE;
}

gboolean
awl_ast_class_is_a (const AwlAst *ast,
                    const char   *klass,
                    const char   *type)
{
  g_return_val_if_fail (ast != NULL, FALSE);

  if (klass == NULL || type == NULL)
    return FALSE;
  return is_a (ast, klass, simple_name (type), 0);
}

gboolean
awl_ast_class_extends_builtin (const AwlAst *ast,
                               const char   *klass,
                               const char   *builtin)
{
  for (guint depth = 0; klass != NULL && depth < MAX_BASE_DEPTH; depth++)
    {
      const char *base = awl_ast_class_base (ast, klass);

      if (base != NULL && g_str_equal (base, builtin))
        return TRUE;
      klass = base;
    }
  return FALSE;
}
