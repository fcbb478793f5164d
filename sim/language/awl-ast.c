/* awl-ast.c
 *
 * The arena that owns every node, lookups, and the S-expression dump used by the
 * tests.
 */

#include "awl-language-private.h"

#include <string.h>

/* ---------------------------------------------------------------------------- */
/* Arena: bump allocation in 64 KiB blocks; big requests get their own block.   */

#define ARENA_BLOCK (64 * 1024)

struct _AwlArena
{
  GPtrArray    *blocks;
  char         *cur;
  gsize         left;
  GStringChunk *strings;
};

AwlArena *
awl_arena_new (void)
{
  AwlArena *arena = g_new0 (AwlArena, 1);

  arena->blocks = g_ptr_array_new_with_free_func (g_free);
  arena->strings = g_string_chunk_new (4096);

  return arena;
}

void
awl_arena_free (AwlArena *arena)
{
  if (arena == NULL)
    return;

  g_ptr_array_unref (arena->blocks);
  g_string_chunk_free (arena->strings);
  g_free (arena);
}

gpointer
awl_arena_alloc0 (AwlArena *arena,
                  gsize     size)
{
  gpointer ret;

  size = (size + 15) & ~(gsize) 15;

  if (size > ARENA_BLOCK / 4)
    {
      ret = g_malloc0 (size);
      g_ptr_array_add (arena->blocks, ret);
      return ret;
    }

  if (size > arena->left)
    {
      arena->cur = g_malloc0 (ARENA_BLOCK);
      arena->left = ARENA_BLOCK;
      g_ptr_array_add (arena->blocks, arena->cur);
    }

  ret = arena->cur;
  arena->cur += size;
  arena->left -= size;

  return ret;
}

gpointer *
awl_arena_dup_ptrs (AwlArena *arena,
                    gpointer *src,
                    guint     n)
{
  gpointer *ret;

  if (n == 0)
    return NULL;

  ret = awl_arena_alloc0 (arena, n * sizeof (gpointer));
  memcpy (ret, src, n * sizeof (gpointer));

  return ret;
}

const char *
awl_arena_intern (AwlArena   *arena,
                  const char *str)
{
  return g_string_chunk_insert_const (arena->strings, str);
}

const char *
awl_arena_intern_len (AwlArena   *arena,
                      const char *str,
                      gsize       len)
{
  char buf[128];
  g_autofree char *heap = NULL;
  char *tmp = buf;

  if (len >= sizeof buf)
    tmp = heap = g_malloc (len + 1);
  memcpy (tmp, str, len);
  tmp[len] = '\0';

  return g_string_chunk_insert_const (arena->strings, tmp);
}

const char *
awl_arena_strndup (AwlArena   *arena,
                   const char *str,
                   gsize       len)
{
  char *ret = awl_arena_alloc0 (arena, len + 1);

  memcpy (ret, str, len);

  return ret;
}

/* ---------------------------------------------------------------------------- */

AwlAst *
awl_ast_new (void)
{
  AwlAst *ast = g_new0 (AwlAst, 1);
  AwlAstPrivate *priv = g_new0 (AwlAstPrivate, 1);

  priv->arena = awl_arena_new ();
  priv->methods = g_hash_table_new (g_str_hash, g_str_equal);
  priv->fields = g_hash_table_new (g_str_hash, g_str_equal);
  priv->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  priv->classes = g_hash_table_new (g_str_hash, g_str_equal);
  priv->anon_members = g_hash_table_new (g_str_hash, g_str_equal);
  priv->type_params = g_hash_table_new (g_str_hash, g_str_equal);
  priv->class_decls = g_hash_table_new (g_str_hash, g_str_equal);
  priv->enums = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  ast->priv = priv;

  return ast;
}

AwlArena *
awl_ast_get_arena (AwlAst *ast)
{
  return ((AwlAstPrivate *) ast->priv)->arena;
}

void
awl_ast_free (AwlAst *ast)
{
  AwlAstPrivate *priv;

  if (ast == NULL)
    return;

  priv = ast->priv;
  g_hash_table_unref (priv->methods);
  g_hash_table_unref (priv->members);
  g_hash_table_unref (priv->classes);
  g_hash_table_unref (priv->anon_members);
  g_hash_table_unref (priv->type_params);
  g_hash_table_unref (priv->class_decls);
  g_hash_table_unref (priv->enums);
  g_hash_table_unref (priv->fields);
  awl_arena_free (priv->arena);
  g_free (priv);
  g_free (ast);
}

AwlFunction *
awl_ast_find_method (const AwlAst *ast,
                     const char   *name)
{
  g_return_val_if_fail (ast != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (((AwlAstPrivate *) ast->priv)->methods, name);
}

static gpointer
find_member (const AwlAst *ast,
             const char   *klass,
             const char   *name)
{
  g_autofree char *key = g_strdup_printf ("%s.%s", klass, name);

  return g_hash_table_lookup (((AwlAstPrivate *) ast->priv)->members, key);
}

AwlFunction *
awl_ast_find_method_in (const AwlAst *ast,
                        const char   *klass,
                        const char   *name)
{
  g_return_val_if_fail (ast != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (klass == NULL)
    return awl_ast_find_method (ast, name);
  /* The class's own method first, then its base classes' (inherited members);
   * the depth bound stops at a cycle, which the checker reports. */
  for (guint depth = 0; klass != NULL && depth < 64; depth++)
    {
      for (guint i = 0; i < ast->n_methods; i++)
        if (ast->methods[i]->klass != NULL && strcmp (ast->methods[i]->klass, klass) == 0 &&
            strcmp (ast->methods[i]->name, name) == 0)
          return ast->methods[i];
      klass = awl_ast_class_base (ast, klass);
    }
  return NULL;
}

AwlField *
awl_ast_find_field_in (const AwlAst *ast,
                       const char   *klass,
                       const char   *name)
{
  AwlField *f;

  g_return_val_if_fail (ast != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (klass == NULL)
    return awl_ast_find_field (ast, name);
  for (guint depth = 0; klass != NULL && depth < 64; depth++)
    {
      f = find_member (ast, klass, name);
      for (guint i = 0; i < ast->n_fields; i++)
        if (ast->fields[i] == f)
          return f;
      klass = awl_ast_class_base (ast, klass);
    }
  return NULL;
}

gboolean
awl_ast_is_anonymous_member (const AwlAst *ast,
                             const char   *name)
{
  g_return_val_if_fail (ast != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_hash_table_contains (((AwlAstPrivate *) ast->priv)->anon_members, name);
}

gboolean
awl_ast_is_type_param (const AwlAst *ast,
                       const char   *name)
{
  g_return_val_if_fail (ast != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_hash_table_contains (((AwlAstPrivate *) ast->priv)->type_params, name);
}

gboolean
awl_ast_is_enum (const AwlAst *ast,
                 const char   *name)
{
  g_return_val_if_fail (ast != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_hash_table_contains (((AwlAstPrivate *) ast->priv)->enums, name);
}

gboolean
awl_ast_has_enum_member (const AwlAst *ast,
                         const char   *enum_name,
                         const char   *member)
{
  GPtrArray *members;

  g_return_val_if_fail (ast != NULL, FALSE);

  members = g_hash_table_lookup (((AwlAstPrivate *) ast->priv)->enums, enum_name);
  for (guint i = 0; members != NULL && i < members->len; i++)
    if (strcmp (members->pdata[i], member) == 0)
      return TRUE;
  return FALSE;
}

gboolean
awl_ast_has_class (const AwlAst *ast,
                   const char   *name)
{
  g_return_val_if_fail (ast != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_hash_table_contains (((AwlAstPrivate *) ast->priv)->classes, name);
}

AwlField *
awl_ast_find_field (const AwlAst *ast,
                    const char   *name)
{
  g_return_val_if_fail (ast != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (((AwlAstPrivate *) ast->priv)->fields, name);
}

/* ---------------------------------------------------------------------------- */
/* Children                                                                     */

static inline void
visit_expr (AwlExpr         *expr,
            AwlAstChildFunc  func,
            gpointer         user_data)
{
  if (expr != NULL)
    func (expr, NULL, user_data);
}

static inline void
visit_stmt (AwlStmt         *stmt,
            AwlAstChildFunc  func,
            gpointer         user_data)
{
  if (stmt != NULL)
    func (NULL, stmt, user_data);
}

static void
visit_exprs (AwlExpr * const *exprs,
             guint            n,
             AwlAstChildFunc  func,
             gpointer         user_data)
{
  for (guint i = 0; i < n; i++)
    visit_expr (exprs[i], func, user_data);
}

static void
visit_args (const AwlArg    *args,
            guint            n,
            AwlAstChildFunc  func,
            gpointer         user_data)
{
  for (guint i = 0; i < n; i++)
    visit_expr (args[i].value, func, user_data);
}

void
awl_function_foreach_child (const AwlFunction *function,
                            AwlAstChildFunc    func,
                            gpointer           user_data)
{
  g_return_if_fail (function != NULL);
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < function->n_params; i++)
    visit_expr (function->params[i]->default_value, func, user_data);
  visit_stmt (function->body, func, user_data);
  visit_expr (function->body_expr, func, user_data);
}

void
awl_expr_foreach_child (const AwlExpr   *expr,
                        AwlAstChildFunc  func,
                        gpointer         user_data)
{
  g_return_if_fail (expr != NULL);
  g_return_if_fail (func != NULL);

  switch (expr->kind)
    {
    case AWL_EXPR_INTERPOLATED:
      for (guint i = 0; i < expr->interp.n_parts; i++)
        visit_expr (expr->interp.parts[i].expr, func, user_data);
      break;
    case AWL_EXPR_MEMBER:
      visit_expr (expr->member.target, func, user_data);
      break;
    case AWL_EXPR_CALL:
      visit_expr (expr->call.callee, func, user_data);
      visit_args (expr->call.args, expr->call.n_args, func, user_data);
      break;
    case AWL_EXPR_INDEX:
      visit_expr (expr->index.target, func, user_data);
      visit_expr (expr->index.index, func, user_data);
      break;
    case AWL_EXPR_NEW:
      visit_args (expr->new_obj.args, expr->new_obj.n_args, func, user_data);
      visit_exprs (expr->new_obj.init, expr->new_obj.n_init, func, user_data);
      break;
    case AWL_EXPR_NEW_ARRAY:
      visit_expr (expr->new_array.size, func, user_data);
      visit_exprs (expr->new_array.elements, expr->new_array.n_elements, func, user_data);
      break;
    case AWL_EXPR_INIT_LIST:
      visit_exprs (expr->init_list.elements, expr->init_list.n_elements, func, user_data);
      break;
    case AWL_EXPR_UNARY:
      visit_expr (expr->unary.operand, func, user_data);
      break;
    case AWL_EXPR_BINARY:
      visit_expr (expr->binary.left, func, user_data);
      visit_expr (expr->binary.right, func, user_data);
      break;
    case AWL_EXPR_ASSIGN:
      visit_expr (expr->assign.target, func, user_data);
      visit_expr (expr->assign.value, func, user_data);
      break;
    case AWL_EXPR_CONDITIONAL:
      visit_expr (expr->conditional.cond, func, user_data);
      visit_expr (expr->conditional.then_expr, func, user_data);
      visit_expr (expr->conditional.else_expr, func, user_data);
      break;
    case AWL_EXPR_AWAIT:
      visit_expr (expr->await.operand, func, user_data);
      break;
    case AWL_EXPR_LAMBDA:
      awl_function_foreach_child (expr->lambda.func, func, user_data);
      break;
    case AWL_EXPR_IS:
      visit_expr (expr->is.operand, func, user_data);
      awl_pattern_foreach_child (expr->is.pattern, func, user_data);
      break;
    case AWL_EXPR_SWITCH:
      visit_expr (expr->switch_.subject, func, user_data);
      for (guint i = 0; i < expr->switch_.n_arms; i++)
        {
          awl_pattern_foreach_child (expr->switch_.arms[i].pattern, func, user_data);
          visit_expr (expr->switch_.arms[i].guard, func, user_data);
          visit_expr (expr->switch_.arms[i].result, func, user_data);
        }
      break;
    case AWL_EXPR_TUPLE:
      visit_exprs (expr->tuple.elements, expr->tuple.n_elements, func, user_data);
      break;
    case AWL_EXPR_WITH:
      visit_expr (expr->with.operand, func, user_data);
      visit_exprs (expr->with.init, expr->with.n_init, func, user_data);
      break;
    case AWL_EXPR_CAST:
      visit_expr (expr->cast.operand, func, user_data);
      break;
    case AWL_EXPR_NAMEOF:
      visit_expr (expr->name_of.operand, func, user_data);
      break;
    case AWL_EXPR_THROW:
      visit_expr (expr->throw_expr.operand, func, user_data);
      break;
    case AWL_EXPR_NULL:
    case AWL_EXPR_BOOL:
    case AWL_EXPR_INT:
    case AWL_EXPR_DOUBLE:
    case AWL_EXPR_CHAR:
    case AWL_EXPR_STRING:
    case AWL_EXPR_NAME:
    case AWL_EXPR_DEFAULT:
    case AWL_EXPR_TYPEOF:
    default:
      break;
    }
}

void
awl_stmt_foreach_child (const AwlStmt   *stmt,
                        AwlAstChildFunc  func,
                        gpointer         user_data)
{
  g_return_if_fail (stmt != NULL);
  g_return_if_fail (func != NULL);

  switch (stmt->kind)
    {
    case AWL_STMT_BLOCK:
      for (guint i = 0; i < stmt->block.n_stmts; i++)
        visit_stmt (stmt->block.stmts[i], func, user_data);
      break;
    case AWL_STMT_EXPR:
      visit_expr (stmt->expr.expr, func, user_data);
      break;
    case AWL_STMT_DECL:
      visit_exprs (stmt->decl.inits, stmt->decl.n_vars, func, user_data);
      break;
    case AWL_STMT_IF:
      visit_expr (stmt->if_.cond, func, user_data);
      visit_stmt (stmt->if_.then_stmt, func, user_data);
      visit_stmt (stmt->if_.else_stmt, func, user_data);
      break;
    case AWL_STMT_WHILE:
    case AWL_STMT_DO:
      visit_expr (stmt->while_.cond, func, user_data);
      visit_stmt (stmt->while_.body, func, user_data);
      break;
    case AWL_STMT_FOR:
      for (guint i = 0; i < stmt->for_.n_init; i++)
        visit_stmt (stmt->for_.init[i], func, user_data);
      visit_expr (stmt->for_.cond, func, user_data);
      visit_exprs (stmt->for_.iter, stmt->for_.n_iter, func, user_data);
      visit_stmt (stmt->for_.body, func, user_data);
      break;
    case AWL_STMT_FOREACH:
      visit_expr (stmt->foreach.collection, func, user_data);
      visit_stmt (stmt->foreach.body, func, user_data);
      break;
    case AWL_STMT_RETURN:
    case AWL_STMT_THROW:
    case AWL_STMT_YIELD_RETURN:
      visit_expr (stmt->ret.value, func, user_data);
      break;
    case AWL_STMT_TRY:
      visit_stmt (stmt->try_.body, func, user_data);
      for (guint i = 0; i < stmt->try_.n_catches; i++)
        {
          visit_expr (stmt->try_.catches[i].filter, func, user_data);
          visit_stmt (stmt->try_.catches[i].body, func, user_data);
        }
      visit_stmt (stmt->try_.finally_block, func, user_data);
      break;
    case AWL_STMT_LOCK:
      visit_expr (stmt->lock.target, func, user_data);
      visit_stmt (stmt->lock.body, func, user_data);
      break;
    case AWL_STMT_SWITCH:
      visit_expr (stmt->switch_.subject, func, user_data);
      for (guint i = 0; i < stmt->switch_.n_sections; i++)
        {
          const AwlSwitchSection *sec = &stmt->switch_.sections[i];

          for (guint k = 0; k < sec->n_labels; k++)
            {
              visit_expr (sec->labels[k].test, func, user_data);
              visit_expr (sec->labels[k].guard, func, user_data);
            }
          for (guint k = 0; k < sec->n_stmts; k++)
            visit_stmt (sec->stmts[k], func, user_data);
        }
      break;
    case AWL_STMT_EMPTY:
    case AWL_STMT_BREAK:
    case AWL_STMT_CONTINUE:
    case AWL_STMT_YIELD_BREAK:
    default:
      break;
    }
}

/* ---------------------------------------------------------------------------- */
/* Names of things                                                              */

const char *
awl_expr_kind_to_string (AwlExprKind kind)
{
  static const char * const names[] = {
    "null", "bool", "int", "double", "char", "string", "interpolated", "name",
    "member", "call", "index", "new", "new-array", "init-list", "unary", "binary",
    "assign", "conditional", "await", "lambda", "is", "cast", "default", "typeof",
    "nameof", "throw", "switch", "tuple", "with",
  };

  return (guint) kind < G_N_ELEMENTS (names) ? names[kind] : "?";
}

const char *
awl_stmt_kind_to_string (AwlStmtKind kind)
{
  static const char * const names[] = {
    "block", "empty", "expr", "decl", "if", "while", "do", "for", "foreach",
    "break", "continue", "return", "throw", "try", "lock", "yield-return",
    "yield-break", "switch",
  };

  return (guint) kind < G_N_ELEMENTS (names) ? names[kind] : "?";
}

const char *
awl_binary_op_to_string (AwlBinaryOp op)
{
  static const char * const names[] = {
    "+", "-", "*", "/", "%", "<<", ">>", "<", "<=", ">", ">=", "==", "!=",
    "&", "^", "|", "&&", "||", "??",
  };

  return (guint) op < G_N_ELEMENTS (names) ? names[op] : "?";
}

const char *
awl_unary_op_to_string (AwlUnaryOp op)
{
  static const char * const names[] = {
    "-", "+", "!", "~", "++", "--", "post++", "post--",
  };

  return (guint) op < G_N_ELEMENTS (names) ? names[op] : "?";
}

const char *
awl_assign_op_to_string (AwlAssignOp op)
{
  static const char * const names[] = {
    "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "?\?=",
  };

  return (guint) op < G_N_ELEMENTS (names) ? names[op] : "?";
}

static void
append_type (GString          *out,
             const AwlTypeRef *type)
{
  if (type == NULL)
    {
      g_string_append (out, "var");
      return;
    }

  g_string_append (out, type->name);
  if (type->n_args > 0)
    {
      g_string_append_c (out, '<');
      for (guint i = 0; i < type->n_args; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_type (out, type->args[i]);
        }
      g_string_append_c (out, '>');
    }
  if (type->nullable)
    g_string_append_c (out, '?');
  for (guint i = 0; i < type->array_rank; i++)
    g_string_append (out, "[]");
}

char *
awl_type_ref_to_string (const AwlTypeRef *type)
{
  GString *out = g_string_new (NULL);

  append_type (out, type);

  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------------- */
/* Dump                                                                         */

static void dump_expr (GString *out, const AwlExpr *e);
static void dump_stmt (GString *out, const AwlStmt *s);

static void
dump_string (GString    *out,
             const char *s,
             gsize       len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = s[i];

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static const char *
suffix_to_string (AwlNumberSuffix s)
{
  switch (s)
    {
    case AWL_SUFFIX_L: return "L";
    case AWL_SUFFIX_U: return "U";
    case AWL_SUFFIX_UL: return "UL";
    case AWL_SUFFIX_F: return "f";
    case AWL_SUFFIX_D: return "d";
    case AWL_SUFFIX_M: return "m";
    case AWL_SUFFIX_NONE:
    default:
      return "";
    }
}

static void
dump_type_args (GString     *out,
                AwlTypeRef **args,
                guint        n)
{
  if (n == 0)
    return;
  g_string_append_c (out, '<');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_type (out, args[i]);
    }
  g_string_append_c (out, '>');
}

static void
dump_args (GString      *out,
           const AwlArg *args,
           guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (out, ' ');
      if (args[i].name != NULL)
        g_string_append_printf (out, "%s:", args[i].name);
      dump_expr (out, args[i].value);
    }
}

static void
dump_exprs (GString        *out,
            AwlExpr * const *exprs,
            guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      dump_expr (out, exprs[i]);
    }
}

static void
dump_params (GString           *out,
             const AwlFunction *f)
{
  g_string_append_c (out, '(');
  for (guint i = 0; i < f->n_params; i++)
    {
      const AwlVar *p = f->params[i];

      if (i > 0)
        g_string_append (out, ", ");
      if (p->is_params)
        g_string_append (out, "params ");
      if (p->type != NULL)
        {
          append_type (out, p->type);
          g_string_append_c (out, ' ');
        }
      g_string_append (out, p->name);
      if (p->default_value != NULL)
        {
          g_string_append (out, " = ");
          dump_expr (out, p->default_value);
        }
    }
  g_string_append_c (out, ')');
}

static void
dump_body (GString           *out,
           const AwlFunction *f)
{
  if (f->body_expr != NULL)
    {
      g_string_append (out, "=> ");
      dump_expr (out, f->body_expr);
    }
  else if (f->body != NULL)
    dump_stmt (out, f->body);
}

/* "(HEAD A B C)" with the first @n of @a, @b, @c (a NULL one dumps as <null>). */
static void
dump_form (GString       *out,
           const char    *head,
           guint          n,
           const AwlExpr *a,
           const AwlExpr *b,
           const AwlExpr *c)
{
  const AwlExpr *parts[] = { a, b, c };

  g_assert (n <= G_N_ELEMENTS (parts));
  g_string_append_printf (out, "(%s", head);
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (out, ' ');
      dump_expr (out, parts[i]);
    }
  g_string_append_c (out, ')');
}

static void dump_pattern (GString *out, const AwlPattern *pat);

static void
dump_expr (GString       *out,
           const AwlExpr *e)
{
  if (e == NULL)
    {
      g_string_append (out, "<null>");
      return;
    }

  switch (e->kind)
    {
    case AWL_EXPR_NULL:
      g_string_append (out, "null");
      break;
    case AWL_EXPR_BOOL:
      g_string_append (out, e->boolean ? "true" : "false");
      break;
    case AWL_EXPR_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT "%s", e->integer.value,
                              suffix_to_string (e->integer.suffix));
      break;
    case AWL_EXPR_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append_printf (out, "%s%s", g_ascii_dtostr (buf, sizeof buf, e->real.value),
                                suffix_to_string (e->real.suffix));
      }
      break;
    case AWL_EXPR_CHAR:
      {
        char buf[8] = { 0 };
        g_unichar_to_utf8 (e->character, buf);
        if (e->character < 0x20)
          g_string_append_printf (out, "'\\x%02x'", e->character);
        else
          g_string_append_printf (out, "'%s'", buf);
      }
      break;
    case AWL_EXPR_STRING:
      dump_string (out, e->string.value, e->string.length);
      break;
    case AWL_EXPR_INTERPOLATED:
      g_string_append (out, "(interp");
      for (guint i = 0; i < e->interp.n_parts; i++)
        {
          const AwlInterpPart *p = &e->interp.parts[i];

          g_string_append_c (out, ' ');
          if (p->expr == NULL)
            dump_string (out, p->text, strlen (p->text));
          else
            {
              g_string_append (out, "{");
              dump_expr (out, p->expr);
              if (p->has_alignment)
                g_string_append_printf (out, ",%d", p->alignment);
              if (p->format != NULL)
                g_string_append_printf (out, ":%s", p->format);
              g_string_append (out, "}");
            }
        }
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_NAME:
      g_string_append (out, e->name.name);
      dump_type_args (out, e->name.type_args, e->name.n_type_args);
      break;
    case AWL_EXPR_MEMBER:
      g_string_append_printf (out, "(%s ", e->member.null_conditional ? "?." : ".");
      dump_expr (out, e->member.target);
      g_string_append_printf (out, " %s", e->member.name);
      dump_type_args (out, e->member.type_args, e->member.n_type_args);
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_CALL:
      g_string_append (out, "(call ");
      dump_expr (out, e->call.callee);
      dump_args (out, e->call.args, e->call.n_args);
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_INDEX:
      dump_form (out, e->index.null_conditional ? "?index" : "index", 2,
                 e->index.target, e->index.index, NULL);
      break;
    case AWL_EXPR_NEW:
      g_string_append (out, "(new ");
      append_type (out, e->new_obj.type);
      if (e->new_obj.has_args)
        {
          g_string_append (out, " (args");
          dump_args (out, e->new_obj.args, e->new_obj.n_args);
          g_string_append_c (out, ')');
        }
      if (e->new_obj.has_init)
        {
          g_string_append (out, " {");
          dump_exprs (out, e->new_obj.init, e->new_obj.n_init);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_NEW_ARRAY:
      g_string_append (out, "(new-array ");
      append_type (out, e->new_array.element_type);
      if (e->new_array.size != NULL)
        {
          g_string_append (out, " [");
          dump_expr (out, e->new_array.size);
          g_string_append_c (out, ']');
        }
      if (e->new_array.has_init)
        {
          g_string_append (out, " {");
          dump_exprs (out, e->new_array.elements, e->new_array.n_elements);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_INIT_LIST:
      g_string_append_c (out, '{');
      dump_exprs (out, e->init_list.elements, e->init_list.n_elements);
      g_string_append_c (out, '}');
      break;
    case AWL_EXPR_UNARY:
      dump_form (out, awl_unary_op_to_string (e->unary.op), 1, e->unary.operand, NULL, NULL);
      break;
    case AWL_EXPR_BINARY:
      dump_form (out, awl_binary_op_to_string (e->binary.op), 2,
                 e->binary.left, e->binary.right, NULL);
      break;
    case AWL_EXPR_ASSIGN:
      dump_form (out, awl_assign_op_to_string (e->assign.op), 2,
                 e->assign.target, e->assign.value, NULL);
      break;
    case AWL_EXPR_CONDITIONAL:
      dump_form (out, "?", 3, e->conditional.cond, e->conditional.then_expr,
                 e->conditional.else_expr);
      break;
    case AWL_EXPR_AWAIT:
      dump_form (out, "await", 1, e->await.operand, NULL, NULL);
      break;
    case AWL_EXPR_LAMBDA:
      g_string_append (out, (e->lambda.func->flags & AWL_FUNC_ASYNC) ? "(async-lambda " : "(lambda ");
      dump_params (out, e->lambda.func);
      g_string_append_c (out, ' ');
      dump_body (out, e->lambda.func);
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_IS:
      g_string_append (out, e->is.negated ? "(is-not " : "(is ");
      dump_expr (out, e->is.operand);
      g_string_append_c (out, ' ');
      if (e->is.pattern != NULL)
        dump_pattern (out, e->is.pattern);
      else if (e->is.type == NULL)
        g_string_append (out, "null");
      else
        append_type (out, e->is.type);
      if (e->is.var != NULL)
        g_string_append_printf (out, " %s", e->is.var->name);
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_CAST:
      g_string_append (out, "(cast ");
      append_type (out, e->cast.type);
      g_string_append_c (out, ' ');
      dump_expr (out, e->cast.operand);
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_DEFAULT:
      g_string_append (out, "(default");
      if (e->default_value.type != NULL)
        {
          g_string_append_c (out, ' ');
          append_type (out, e->default_value.type);
        }
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_TYPEOF:
      g_string_append (out, "(typeof ");
      append_type (out, e->type_of.type);
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_NAMEOF:
      g_string_append_printf (out, "(nameof \"%s\")", e->name_of.value);
      break;
    case AWL_EXPR_THROW:
      dump_form (out, "throw", 1, e->throw_expr.operand, NULL, NULL);
      break;
    case AWL_EXPR_SWITCH:
      g_string_append (out, "(switch ");
      dump_expr (out, e->switch_.subject);
      for (guint i = 0; i < e->switch_.n_arms; i++)
        {
          g_string_append (out, " (arm ");
          dump_pattern (out, e->switch_.arms[i].pattern);
          if (e->switch_.arms[i].guard != NULL)
            {
              g_string_append (out, " when ");
              dump_expr (out, e->switch_.arms[i].guard);
            }
          g_string_append_c (out, ' ');
          dump_expr (out, e->switch_.arms[i].result);
          g_string_append_c (out, ')');
        }
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_TUPLE:
      g_string_append (out, "(tuple");
      for (guint i = 0; i < e->tuple.n_elements; i++)
        {
          g_string_append_c (out, ' ');
          if (e->tuple.names != NULL && e->tuple.names[i] != NULL)
            g_string_append_printf (out, "%s:", e->tuple.names[i]);
          dump_expr (out, e->tuple.elements[i]);
        }
      g_string_append_c (out, ')');
      break;
    case AWL_EXPR_WITH:
      g_string_append (out, "(with ");
      dump_expr (out, e->with.operand);
      for (guint i = 0; i < e->with.n_init; i++)
        {
          g_string_append_c (out, ' ');
          dump_expr (out, e->with.init[i]);
        }
      g_string_append_c (out, ')');
      break;
    default:
      g_string_append (out, "<?>");
      break;
    }
}

static void
dump_decl (GString       *out,
           const AwlStmt *s)
{
  g_string_append (out, s->decl.is_const ? "(const " : "(decl ");
  append_type (out, s->decl.type);
  for (guint i = 0; i < s->decl.n_vars; i++)
    {
      g_string_append_printf (out, " %s", s->decl.vars[i]->name);
      if (s->decl.inits[i] != NULL)
        {
          g_string_append_c (out, '=');
          dump_expr (out, s->decl.inits[i]);
        }
    }
  g_string_append_c (out, ')');
}

static void
dump_stmt (GString       *out,
           const AwlStmt *s)
{
  if (s == NULL)
    {
      g_string_append (out, "<null>");
      return;
    }

  switch (s->kind)
    {
    case AWL_STMT_BLOCK:
      g_string_append (out, "(block");
      for (guint i = 0; i < s->block.n_stmts; i++)
        {
          g_string_append_c (out, ' ');
          dump_stmt (out, s->block.stmts[i]);
        }
      g_string_append_c (out, ')');
      break;
    case AWL_STMT_EMPTY:
      g_string_append (out, "(empty)");
      break;
    case AWL_STMT_EXPR:
      dump_expr (out, s->expr.expr);
      break;
    case AWL_STMT_DECL:
      dump_decl (out, s);
      break;
    case AWL_STMT_IF:
      g_string_append (out, "(if ");
      dump_expr (out, s->if_.cond);
      g_string_append_c (out, ' ');
      dump_stmt (out, s->if_.then_stmt);
      if (s->if_.else_stmt != NULL)
        {
          g_string_append (out, " else ");
          dump_stmt (out, s->if_.else_stmt);
        }
      g_string_append_c (out, ')');
      break;
    case AWL_STMT_WHILE:
    case AWL_STMT_DO:
      g_string_append (out, s->kind == AWL_STMT_WHILE ? "(while " : "(do ");
      dump_expr (out, s->while_.cond);
      g_string_append_c (out, ' ');
      dump_stmt (out, s->while_.body);
      g_string_append_c (out, ')');
      break;
    case AWL_STMT_FOR:
      g_string_append (out, "(for (");
      for (guint i = 0; i < s->for_.n_init; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          dump_stmt (out, s->for_.init[i]);
        }
      g_string_append (out, ") ");
      if (s->for_.cond != NULL)
        dump_expr (out, s->for_.cond);
      else
        g_string_append (out, "forever");
      g_string_append (out, " (");
      dump_exprs (out, s->for_.iter, s->for_.n_iter);
      g_string_append (out, ") ");
      dump_stmt (out, s->for_.body);
      g_string_append_c (out, ')');
      break;
    case AWL_STMT_FOREACH:
      g_string_append (out, s->foreach.is_await ? "(await-foreach " : "(foreach ");
      append_type (out, s->foreach.var->type);
      g_string_append_printf (out, " %s ", s->foreach.var->name);
      dump_expr (out, s->foreach.collection);
      g_string_append_c (out, ' ');
      dump_stmt (out, s->foreach.body);
      g_string_append_c (out, ')');
      break;
    case AWL_STMT_BREAK:
      g_string_append (out, "(break)");
      break;
    case AWL_STMT_CONTINUE:
      g_string_append (out, "(continue)");
      break;
    case AWL_STMT_RETURN:
    case AWL_STMT_THROW:
    case AWL_STMT_YIELD_RETURN:
      g_string_append_printf (out, "(%s", awl_stmt_kind_to_string (s->kind));
      if (s->ret.value != NULL)
        {
          g_string_append_c (out, ' ');
          dump_expr (out, s->ret.value);
        }
      g_string_append_c (out, ')');
      break;
    case AWL_STMT_YIELD_BREAK:
      g_string_append (out, "(yield-break)");
      break;
    case AWL_STMT_TRY:
      g_string_append (out, "(try ");
      dump_stmt (out, s->try_.body);
      for (guint i = 0; i < s->try_.n_catches; i++)
        {
          const AwlCatch *c = &s->try_.catches[i];

          g_string_append (out, " (catch");
          if (c->type != NULL)
            {
              g_string_append_c (out, ' ');
              append_type (out, c->type);
            }
          if (c->var != NULL)
            g_string_append_printf (out, " %s", c->var->name);
          if (c->filter != NULL)
            {
              g_string_append (out, " (when ");
              dump_expr (out, c->filter);
              g_string_append_c (out, ')');
            }
          g_string_append_c (out, ' ');
          dump_stmt (out, c->body);
          g_string_append_c (out, ')');
        }
      if (s->try_.finally_block != NULL)
        {
          g_string_append (out, " (finally ");
          dump_stmt (out, s->try_.finally_block);
          g_string_append_c (out, ')');
        }
      g_string_append_c (out, ')');
      break;
    case AWL_STMT_LOCK:
      g_string_append (out, "(lock ");
      dump_expr (out, s->lock.target);
      g_string_append_c (out, ' ');
      dump_stmt (out, s->lock.body);
      g_string_append_c (out, ')');
      break;
    case AWL_STMT_SWITCH:
      g_string_append (out, "(switch ");
      dump_expr (out, s->switch_.subject);
      for (guint i = 0; i < s->switch_.n_sections; i++)
        {
          const AwlSwitchSection *sec = &s->switch_.sections[i];

          g_string_append (out, " (section");
          for (guint k = 0; k < sec->n_labels; k++)
            {
              g_string_append_c (out, ' ');
              if (sec->labels[k].test == NULL)
                g_string_append (out, "default");
              else
                dump_expr (out, sec->labels[k].test);
              if (sec->labels[k].guard != NULL)
                {
                  g_string_append (out, " when ");
                  dump_expr (out, sec->labels[k].guard);
                }
            }
          for (guint k = 0; k < sec->n_stmts; k++)
            {
              g_string_append_c (out, ' ');
              dump_stmt (out, sec->stmts[k]);
            }
          g_string_append_c (out, ')');
        }
      g_string_append_c (out, ')');
      break;
    default:
      g_string_append (out, "<?>");
      break;
    }
}

static void
dump_modifiers (GString *out,
                guint    mods)
{
  static const char * const names[] = {
    "static", "async", "public", "private", "protected", "internal", "readonly",
    "const", "volatile",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (mods & (1u << i))
      g_string_append_printf (out, "%s ", names[i]);
}

char *
awl_ast_dump (const AwlAst *ast)
{
  GString *out;

  g_return_val_if_fail (ast != NULL, NULL);

  out = g_string_new (NULL);

  for (guint i = 0; i < ast->n_fields; i++)
    {
      const AwlField *f = ast->fields[i];

      g_string_append (out, "(field ");
      dump_modifiers (out, f->modifiers);
      append_type (out, f->type);
      g_string_append_printf (out, " %s", f->name);
      if (f->init != NULL)
        {
          g_string_append (out, " = ");
          dump_expr (out, f->init);
        }
      g_string_append (out, ")\n");
    }

  for (guint i = 0; i < ast->n_methods; i++)
    {
      const AwlFunction *m = ast->methods[i];

      g_string_append (out, "(method ");
      dump_modifiers (out, m->modifiers);
      append_type (out, m->return_type);
      g_string_append_printf (out, " %s ", m->name);
      dump_params (out, m);
      g_string_append_c (out, ' ');
      dump_body (out, m);
      g_string_append (out, ")\n");
    }

  return g_string_free (out, FALSE);
}

char *
awl_expr_dump (const AwlExpr *expr)
{
  GString *out = g_string_new (NULL);

  dump_expr (out, expr);

  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------------- */
/* Patterns (`is`, `switch`)                                                    */

void
awl_pattern_foreach_child (const AwlPattern *pat,
                           AwlAstChildFunc   func,
                           gpointer          user_data)
{
  if (pat == NULL)
    return;
  visit_expr (pat->value, func, user_data);
  awl_pattern_foreach_child (pat->left, func, user_data);
  awl_pattern_foreach_child (pat->right, func, user_data);
  for (guint i = 0; i < pat->n_props; i++)
    awl_pattern_foreach_child (pat->props[i], func, user_data);
}

static void
dump_pattern (GString          *out,
              const AwlPattern *pat)
{
  if (pat == NULL)
    {
      g_string_append (out, "<null>");
      return;
    }
  switch (pat->kind)
    {
    case AWL_PAT_DISCARD: g_string_append (out, "_"); break;
    case AWL_PAT_NULL: g_string_append (out, "null"); break;
    case AWL_PAT_CONST: dump_expr (out, pat->value); break;
    case AWL_PAT_RELATIONAL:
      g_string_append_printf (out, "(%s ", awl_binary_op_to_string (pat->op));
      dump_expr (out, pat->value);
      g_string_append_c (out, ')');
      break;
    case AWL_PAT_TYPE:
    case AWL_PAT_VAR:
      g_string_append (out, "(type ");
      append_type (out, pat->type);
      if (pat->var != NULL)
        g_string_append_printf (out, " %s", pat->var->name);
      g_string_append_c (out, ')');
      break;
    case AWL_PAT_NOT:
      g_string_append (out, "(not ");
      dump_pattern (out, pat->left);
      g_string_append_c (out, ')');
      break;
    case AWL_PAT_AND:
    case AWL_PAT_OR:
      g_string_append (out, pat->kind == AWL_PAT_AND ? "(and " : "(or ");
      dump_pattern (out, pat->left);
      g_string_append_c (out, ' ');
      dump_pattern (out, pat->right);
      g_string_append_c (out, ')');
      break;
    case AWL_PAT_PROPERTY:
    case AWL_PAT_TUPLE:
      g_string_append (out, pat->kind == AWL_PAT_PROPERTY ? "(props" : "(positional");
      if (pat->type != NULL)
        {
          g_string_append_c (out, ' ');
          append_type (out, pat->type);
        }
      for (guint i = 0; i < pat->n_props; i++)
        {
          g_string_append_c (out, ' ');
          if (pat->prop_names != NULL)
            g_string_append_printf (out, "%s:", pat->prop_names[i]);
          dump_pattern (out, pat->props[i]);
        }
      if (pat->var != NULL)
        g_string_append_printf (out, " %s", pat->var->name);
      g_string_append_c (out, ')');
      break;
    }
}
