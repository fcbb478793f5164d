/* awl-parser-toplevel.c
 *
 * Top-level statements and the methods declared among them: in C# those methods are
 * local functions of the generated Main and may use its variables
 * (`var gate = new SemaphoreSlim(2); async Task Work() { await gate.WaitAsync(); … }`).
 * The subset compiles them as ordinary static methods, so a top-level `var`
 * declaration that such a method uses becomes a static field instead, assigned where
 * the declaration stands (so it still runs in statement order). This file finds those
 * declarations; the parser makes the fields.
 */

#include "awl-language-private.h"

#include <string.h>

typedef struct
{
  GHashTable *names;   /* candidate name → itself */
  GHashTable *used;    /* names a file-level method uses */
  GHashTable *own;     /* the visited method's own names (parameters, locals): they shadow */
} Uses;

static void visit (AwlExpr *expr, AwlStmt *stmt, gpointer user_data);

static void
visit (AwlExpr  *expr,
       AwlStmt  *stmt,
       gpointer  user_data)
{
  Uses *u = user_data;

  if (expr != NULL)
    {
      if (expr->kind == AWL_EXPR_NAME && g_hash_table_contains (u->names, expr->name.name) &&
          !g_hash_table_contains (u->own, expr->name.name))
        g_hash_table_add (u->used, (gpointer) expr->name.name);
      awl_expr_foreach_child (expr, visit, u);
    }
  if (stmt != NULL)
    awl_stmt_foreach_child (stmt, visit, u);
}

/* The names a method declares itself (parameters, locals, foreach and lambda
 * variables), which hide a top-level variable of the same name. */
static void collect_own (AwlExpr *expr, AwlStmt *stmt, gpointer user_data);

static void
collect_own (AwlExpr  *expr,
             AwlStmt  *stmt,
             gpointer  user_data)
{
  GHashTable *own = user_data;

  if (expr != NULL)
    {
      if (expr->kind == AWL_EXPR_LAMBDA && expr->lambda.func != NULL)
        for (guint i = 0; i < expr->lambda.func->n_params; i++)
          g_hash_table_add (own, (gpointer) expr->lambda.func->params[i]->name);
      awl_expr_foreach_child (expr, collect_own, own);
    }
  if (stmt != NULL)
    {
      if (stmt->kind == AWL_STMT_DECL)
        for (guint i = 0; i < stmt->decl.n_vars; i++)
          g_hash_table_add (own, (gpointer) stmt->decl.vars[i]->name);
      if (stmt->kind == AWL_STMT_FOREACH && stmt->foreach.var != NULL)
        g_hash_table_add (own, (gpointer) stmt->foreach.var->name);
      awl_stmt_foreach_child (stmt, collect_own, own);
    }
}

/* A `var NAME = init;` statement with one variable (not a deconstruction). */
static AwlVar *
simple_var_decl (AwlStmt *s)
{
  if (s == NULL || s->kind != AWL_STMT_DECL || s->decl.type != NULL || s->decl.is_const ||
      s->decl.deconstruct || s->decl.n_vars != 1 || s->decl.inits[0] == NULL ||
      s->decl.vars[0]->type != NULL)
    return NULL;
  return s->decl.vars[0];
}

GPtrArray *
awl_parser_captured_top_level_vars (GPtrArray   *top_stmts,
                                    GPtrArray   *methods,
                                    AwlFunction *top_level)
{
  Uses u;
  GPtrArray *found = g_ptr_array_new ();

  u.names = g_hash_table_new (g_str_hash, g_str_equal);
  u.used = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < top_stmts->len; i++)
    {
      AwlVar *v = simple_var_decl (g_ptr_array_index (top_stmts, i));

      if (v != NULL)
        g_hash_table_add (u.names, (gpointer) v->name);
    }
  if (g_hash_table_size (u.names) > 0)
    for (guint i = 0; i < methods->len; i++)
      {
        AwlFunction *m = g_ptr_array_index (methods, i);

        /* Methods outside any class: the ones C# makes local functions of Main. */
        if (m != top_level && m->klass == NULL && !(m->flags & AWL_FUNC_LAMBDA))
          {
            u.own = g_hash_table_new (g_str_hash, g_str_equal);
            for (guint k = 0; k < m->n_params; k++)
              g_hash_table_add (u.own, (gpointer) m->params[k]->name);
            awl_function_foreach_child (m, collect_own, u.own);
            awl_function_foreach_child (m, visit, &u);
            g_hash_table_unref (u.own);
          }
      }
  for (guint i = 0; i < top_stmts->len; i++)
    {
      AwlStmt *s = g_ptr_array_index (top_stmts, i);
      AwlVar *v = simple_var_decl (s);

      if (v != NULL && g_hash_table_contains (u.used, v->name))
        g_ptr_array_add (found, s);
    }
  g_hash_table_unref (u.names);
  g_hash_table_unref (u.used);
  return found;
}
