/* awl-parser.c
 *
 * Recursive descent over a token array, with precedence climbing for binary
 * operators. Errors set a panic flag that silences follow-on errors until the
 * parser resynchronises at `;` or `}` (skipping balanced brackets), so one mistake
 * gives one message and several mistakes give several.
 *
 * Anything outside the subset is recognised and named ("`goto` is not supported by
 * Awaitlab's C# subset") rather than reported as a generic syntax error.
 */

#include "awl-language-private.h"
#include "awl-parser-ext.h"

#include <string.h>

#define NOT_SUPPORTED "is not supported by Awaitlab's C# subset"
#define ARE_NOT_SUPPORTED "are not supported by Awaitlab's C# subset"

typedef struct
{
  AwlUnit        *unit;
  AwlLexer       *lx;
  AwlArena       *arena;
  AwlDiagnostics *diags;
  AwlAst         *ast;
  GArray         *tokens;
  guint           pos;
  gboolean        panic;
  guint           nesting;
  guint           max_expr_depth;   /* highest expression seen since reset */
  gboolean        depth_reported;
  AwlFunction    *func;             /* the function being parsed */
  AwlFunction    *method;           /* its outermost method */
  guint           n_lambdas;        /* lambdas so far in the current method */
  guint           class_depth;
  GPtrArray      *class_stack;      /* names of the enclosing classes, innermost last */
  GPtrArray      *classes;          /* every class name, in source order */
  GPtrArray      *methods;
  GPtrArray      *fields;
  GHashTable     *using_decls;      /* `using var x = …;` DECL statements → GINT (1 = await using) */
  AwlFunction    *top_level;        /* the Main made of top-level statements, or NULL */
  guint           top_lambdas;      /* lambdas so far in it */
  GPtrArray      *top_stmts;        /* its statements */
} Parser;

static const char *
current_class (Parser *p)
{
  return p->class_stack->len > 0 ? g_ptr_array_index (p->class_stack, p->class_stack->len - 1) : NULL;
}

/* Members are also found as "Class.name" (the first declaration wins). */
static void
add_member (Parser     *p,
            const char *klass,
            const char *name,
            gpointer    member)
{
  AwlAstPrivate *priv = p->ast->priv;
  char *key;

  if (klass == NULL)
    return;
  key = g_strdup_printf ("%s.%s", klass, name);
  if (g_hash_table_contains (priv->members, key))
    g_free (key);
  else
    g_hash_table_insert (priv->members, key, member);
}

static AwlExpr *parse_expr       (Parser *p);
static AwlExpr *parse_unary      (Parser *p);
static AwlStmt *parse_statement  (Parser *p);
static AwlStmt *parse_block      (Parser *p);
static AwlStmt *parse_using      (Parser *p, AwlToken *start, gboolean is_await);
static AwlStmt *parse_local_function (Parser *p);
static AwlExpr *parse_bare_array_initializer (Parser *p, AwlTypeRef *type);
static void     parse_enum       (Parser *p);
static AwlTypeRef *parse_type    (Parser *p, gboolean allow_array);

/* ---------------------------------------------------------------------------- */
/* Token helpers                                                                */

static inline AwlToken *
tok_at (Parser *p,
        guint   i)
{
  if (i >= p->tokens->len)
    i = p->tokens->len - 1;
  return &g_array_index (p->tokens, AwlToken, i);
}

static inline AwlToken *
cur (Parser *p)
{
  return tok_at (p, p->pos);
}

static inline AwlToken *
peek_tok (Parser *p,
          guint   ahead)
{
  return tok_at (p, p->pos + ahead);
}

static inline gboolean
at_eof (Parser *p)
{
  return cur (p)->kind == AWL_TOK_EOF;
}

static inline void
next (Parser *p)
{
  if (at_eof (p))
    return;
  /* A token the lexer already complained about (an unterminated string…) silences
   * the errors that would follow from it until the next statement. */
  if (cur (p)->bad)
    p->panic = TRUE;
  p->pos++;
}

static inline gboolean
at_punct (Parser  *p,
          AwlPunct punct)
{
  return tok_is_punct (cur (p), punct);
}

static inline gboolean
at_kw (Parser     *p,
       const char *kw)
{
  return tok_is_kw (cur (p), kw);
}

static gboolean
accept_punct (Parser  *p,
              AwlPunct punct)
{
  if (at_punct (p, punct))
    {
      next (p);
      return TRUE;
    }
  return FALSE;
}

static AwlLoc
loc_of (const AwlToken *t)
{
  AwlLoc loc = { t->line, t->col };
  return loc;
}

static const char *
punct_text (AwlPunct punct)
{
  static const char * const names[] = {
    "", "{", "}", "(", ")", "[", "]", ";", ",", ".", ":", "::", "?", "??", "?\?=",
    "?.", "=>", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%",
    "++", "--", "+=", "-=", "*=", "/=", "%=", "&&", "||", "!", "&", "|", "^", "~",
    "&=", "|=", "^=", "<<", "<<=", "->", "..", "#",
  };

  return (guint) punct < G_N_ELEMENTS (names) ? names[punct] : "?";
}

/* How a token is named in messages: "`foo`", "`;`", "a number", "the end of the file". */
static char *
describe (const AwlToken *t)
{
  switch (t->kind)
    {
    case AWL_TOK_EOF:
      return g_strdup ("the end of the file");
    case AWL_TOK_IDENT:
    case AWL_TOK_KEYWORD:
      return g_strdup_printf ("`%s`", t->text);
    case AWL_TOK_INT:
    case AWL_TOK_REAL:
      return g_strdup ("a number");
    case AWL_TOK_CHAR:
      return g_strdup ("a character literal");
    case AWL_TOK_STRING:
    case AWL_TOK_INTERP:
      return g_strdup ("a string");
    case AWL_TOK_PUNCT:
      return g_strdup_printf ("`%s`", punct_text (t->punct));
    case AWL_TOK_ERROR:
    default:
      return g_strdup ("an invalid character");
    }
}

static guint
tok_length (const AwlToken *t)
{
  if (t->end_line == t->line && t->end_col > t->col)
    return t->end_col - t->col;
  return 1;
}

/* ---------------------------------------------------------------------------- */
/* Errors                                                                       */

static void G_GNUC_PRINTF (3, 4)
error_at_tok (Parser         *p,
              const AwlToken *t,
              const char     *format,
              ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  if (p->panic)
    return;
  p->panic = TRUE;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  awl_diagnostics_add_literal (p->diags, AWL_SEVERITY_ERROR, t->line, t->col,
                               tok_length (t), msg);
}

/* An error that does not interrupt parsing (the construct was understood). */
static void G_GNUC_PRINTF (3, 4)
report_at (Parser     *p,
           AwlLoc      loc,
           const char *format,
           ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  awl_diagnostics_add_literal (p->diags, AWL_SEVERITY_ERROR, loc.line, loc.col, 1, msg);
}

static void
error_expected (Parser     *p,
                const char *what)
{
  g_autofree char *found = describe (cur (p));

  error_at_tok (p, cur (p), "expected %s, found %s", what, found);
}

/* A missing `;` is reported just after the previous token, where it belongs. */
static gboolean
expect_semicolon (Parser *p)
{
  const AwlToken *prev;

  if (accept_punct (p, P_SEMI))
    return TRUE;
  if (p->panic)
    return FALSE;

  prev = p->pos > 0 ? tok_at (p, p->pos - 1) : cur (p);
  if (prev->end_line != cur (p)->line || at_eof (p))
    {
      /* The statement ended at the line break: report it and carry on as if the
       * `;` were there, so the next line is still checked. */
      awl_diagnostics_add_literal (p->diags, AWL_SEVERITY_ERROR, prev->end_line,
                                   prev->end_col, 1, "expected `;`");
      return TRUE;
    }
  error_expected (p, "`;`");
  return FALSE;
}

static gboolean
expect_punct (Parser  *p,
              AwlPunct punct)
{
  g_autofree char *what = NULL;

  if (accept_punct (p, punct))
    return TRUE;
  if (punct == P_SEMI)
    return expect_semicolon (p);

  what = g_strdup_printf ("`%s`", punct_text (punct));
  error_expected (p, what);
  return FALSE;
}

static const char *
expect_ident (Parser     *p,
              const char *what)
{
  const char *name;

  if (cur (p)->kind != AWL_TOK_IDENT)
    {
      if (cur (p)->kind == AWL_TOK_KEYWORD)
        error_at_tok (p, cur (p), "`%s` is a keyword and cannot be used as %s (write `@%s` to use it as a name)",
                      cur (p)->text, what, cur (p)->text);
      else
        error_expected (p, what);
      return NULL;
    }
  name = cur (p)->text;
  next (p);
  return name;
}

/* Skips one balanced bracket group if at an open bracket; returns TRUE if it did. */
static gboolean
skip_group (Parser *p)
{
  AwlToken *t = cur (p);

  if (t->kind == AWL_TOK_PUNCT &&
      (t->punct == P_LPAREN || t->punct == P_LBRACKET || t->punct == P_LBRACE) &&
      t->match > (gint) p->pos)
    {
      p->pos = t->match + 1;
      return TRUE;
    }
  return FALSE;
}

/* Resynchronises after an error inside a statement: after the next `;`, after a
 * `{ … }` group, or before a `}` that closes the enclosing block. */
static void
sync_statement (Parser *p)
{
  while (!at_eof (p))
    {
      AwlToken *t = cur (p);

      if (tok_is_punct (t, P_SEMI))
        {
          next (p);
          break;
        }
      if (tok_is_punct (t, P_RBRACE))
        break;
      if (tok_is_punct (t, P_LBRACE) && skip_group (p))
        break;
      if (!skip_group (p))
        next (p);
    }
  p->panic = FALSE;
}

/* ---------------------------------------------------------------------------- */
/* Node construction                                                            */

static AwlExpr *
new_expr (Parser        *p,
          AwlExprKind    kind,
          AwlLoc         loc)
{
  AwlExpr *e = awl_arena_new0 (p->arena, AwlExpr);

  e->kind = kind;
  e->loc = loc;
  e->depth = 1;

  return e;
}

/* Sets the depth from children and refuses trees too deep to walk recursively. */
static AwlExpr *
finish_depth (Parser  *p,
              AwlExpr *e,
              guint    child_depth)
{
  e->depth = child_depth + 1;
  if (e->depth > p->max_expr_depth)
    p->max_expr_depth = e->depth;
  if (e->depth > AWL_MAX_EXPR_DEPTH)
    {
      if (!p->depth_reported)
        report_at (p, e->loc, "this expression is too deeply nested (more than %d levels)",
                   AWL_MAX_EXPR_DEPTH);
      p->depth_reported = TRUE;
      p->panic = TRUE;
      return NULL;
    }
  return e;
}

static inline guint
dep (const AwlExpr *e)
{
  return e != NULL ? e->depth : 0;
}

static AwlStmt *
new_stmt (Parser      *p,
          AwlStmtKind  kind,
          AwlLoc       loc)
{
  AwlStmt *s = awl_arena_new0 (p->arena, AwlStmt);

  s->kind = kind;
  s->loc = loc;
  s->end_line = loc.line;

  return s;
}

static void
end_stmt (Parser  *p,
          AwlStmt *s)
{
  if (p->pos > 0)
    s->end_line = MAX (s->loc.line, tok_at (p, p->pos - 1)->end_line);
}

static AwlVar *
new_var (Parser      *p,
         AwlVarKind   kind,
         const char  *name,
         AwlLoc       loc,
         AwlTypeRef  *type)
{
  AwlVar *v = awl_arena_new0 (p->arena, AwlVar);

  v->kind = kind;
  v->name = name;
  v->loc = loc;
  v->type = type;
  v->owner = p->func;

  return v;
}

#define ENTER_NESTING(p, t, fail)                                                  \
  G_STMT_START {                                                                    \
    if (++(p)->nesting > AWL_MAX_NESTING)                                           \
      {                                                                             \
        if (!(p)->depth_reported)                                                   \
          report_at ((p), loc_of (t), "the code is nested too deeply (more than %d levels)", \
                     AWL_MAX_NESTING);                                              \
        (p)->depth_reported = TRUE;                                                 \
        (p)->panic = TRUE;                                                          \
        (p)->nesting--;                                                             \
        return fail;                                                                \
      }                                                                             \
  } G_STMT_END
#define LEAVE_NESTING(p) ((p)->nesting--)

/* ---------------------------------------------------------------------------- */
/* Types                                                                        */

static const char * const predefined_types[] = {
  "bool", "byte", "char", "decimal", "double", "float", "int", "long", "object",
  "sbyte", "short", "string", "uint", "ulong", "ushort", "void", NULL
};

static gboolean
is_predefined_type (const AwlToken *t)
{
  return t->kind == AWL_TOK_KEYWORD && g_strv_contains (predefined_types, t->text);
}

static gint scan_type (Parser *p, guint i, gboolean allow_array);

/* `<T, U>` starting at i (a `<`); returns the index after `>` or -1. */
static gint
scan_type_args (Parser *p,
                guint   i)
{
  guint guard = 0;

  if (!tok_is_punct (tok_at (p, i), P_LT))
    return -1;
  i++;
  for (;;)
    {
      gint j = scan_type (p, i, TRUE);

      if (j < 0 || ++guard > 64)
        return -1;
      i = j;
      if (tok_is_punct (tok_at (p, i), P_COMMA))
        {
          i++;
          continue;
        }
      if (tok_is_punct (tok_at (p, i), P_GT))
        return i + 1;
      return -1;
    }
}

/* Checks without building or reporting whether a type starts at i; returns the
 * index after it or -1. Used to tell declarations, casts and generic calls apart. */
static gint
scan_type (Parser  *p,
           guint    i,
           gboolean allow_array)
{
  AwlToken *t = tok_at (p, i);

  if (p->nesting > AWL_MAX_NESTING)
    return -1;

  if (is_predefined_type (t))
    i++;
  else if (tok_is_punct (t, P_LPAREN))
    {
      gint j = awl_px_scan_tuple_type ((AwlPx *) p, i);

      if (j < 0)
        return -1;
      i = j;
    }
  else if (t->kind == AWL_TOK_IDENT)
    {
      i++;
      for (;;)
        {
          if (tok_is_punct (tok_at (p, i), P_LT))
            {
              gint j;

              p->nesting++;
              j = scan_type_args (p, i);
              p->nesting--;
              if (j < 0)
                return -1;
              i = j;
            }
          if (tok_is_punct (tok_at (p, i), P_DOT) && tok_at (p, i + 1)->kind == AWL_TOK_IDENT)
            {
              i += 2;
              continue;
            }
          break;
        }
    }
  else
    return -1;

  if (tok_is_punct (tok_at (p, i), P_QUESTION))
    {
      AwlToken *n = tok_at (p, i + 1);
      /* `int? x` or `List<int?>`: a `?` followed by a name, `>`, `,` or `[`. */
      if (n->kind == AWL_TOK_IDENT || tok_is_punct (n, P_GT) || tok_is_punct (n, P_COMMA) ||
          tok_is_punct (n, P_RPAREN) || tok_is_punct (n, P_LBRACKET))
        i++;
    }

  while (allow_array && tok_is_punct (tok_at (p, i), P_LBRACKET) &&
         tok_is_punct (tok_at (p, i + 1), P_RBRACKET))
    i += 2;

  return i;
}

static AwlTypeRef *
parse_type (Parser  *p,
            gboolean allow_array)
{
  AwlTypeRef *type;
  AwlToken *t = cur (p);
  GString *name;

  if (tok_is_punct (t, P_LPAREN))
    return awl_px_parse_tuple_type ((AwlPx *) p);
  if (!is_predefined_type (t) && t->kind != AWL_TOK_IDENT)
    {
      error_expected (p, "a type");
      return NULL;
    }

  ENTER_NESTING (p, t, NULL);

  type = awl_arena_new0 (p->arena, AwlTypeRef);
  type->loc = loc_of (t);
  name = g_string_new (t->text);
  next (p);

  for (;;)
    {
      if (at_punct (p, P_LT))
        {
          GPtrArray *args = g_ptr_array_new ();

          next (p);
          for (;;)
            {
              AwlTypeRef *arg = parse_type (p, TRUE);

              if (arg == NULL)
                break;
              g_ptr_array_add (args, arg);
              if (!accept_punct (p, P_COMMA))
                break;
            }
          if (!p->panic)
            expect_punct (p, P_GT);
          type->n_args = args->len;
          type->args = (AwlTypeRef **) awl_arena_dup_ptrs (p->arena, args->pdata, args->len);
          g_ptr_array_unref (args);
          if (p->panic)
            break;
        }
      if (at_punct (p, P_DOT) && peek_tok (p, 1)->kind == AWL_TOK_IDENT)
        {
          g_string_append_printf (name, ".%s", peek_tok (p, 1)->text);
          next (p);
          next (p);
          continue;
        }
      break;
    }

  if (at_punct (p, P_QUESTION))
    {
      AwlToken *n = peek_tok (p, 1);
      if (n->kind == AWL_TOK_IDENT || tok_is_punct (n, P_GT) || tok_is_punct (n, P_COMMA) ||
          tok_is_punct (n, P_RPAREN) || tok_is_punct (n, P_LBRACKET))
        {
          type->nullable = TRUE;
          next (p);
        }
    }

  while (allow_array && at_punct (p, P_LBRACKET))
    {
      if (tok_is_punct (peek_tok (p, 1), P_RBRACKET))
        {
          type->array_rank++;
          next (p);
          next (p);
        }
      else if (tok_is_punct (peek_tok (p, 1), P_COMMA))
        {
          error_at_tok (p, cur (p), "multi-dimensional arrays " ARE_NOT_SUPPORTED "; use an array of arrays");
          break;
        }
      else
        break;
    }

  if (tok_is_punct (cur (p), P_STAR) && !p->panic && peek_tok (p, 1)->kind == AWL_TOK_IDENT)
    error_at_tok (p, cur (p), "pointer types " ARE_NOT_SUPPORTED);

  type->name = awl_arena_intern (p->arena, name->str);
  g_string_free (name, TRUE);
  LEAVE_NESTING (p);

  return type;
}

static AwlReturnKind
classify_return (const AwlTypeRef *type)
{
  const char *name, *dot;

  if (type == NULL)
    return AWL_RETURN_PLAIN;
  name = type->name;
  dot = strrchr (name, '.');
  if (dot != NULL)
    name = dot + 1;
  if (type->array_rank > 0)
    return AWL_RETURN_PLAIN;

  if (strcmp (name, "void") == 0)
    return AWL_RETURN_VOID;
  if (strcmp (name, "Task") == 0)
    return type->n_args == 0 ? AWL_RETURN_TASK : AWL_RETURN_TASK_OF;
  if (strcmp (name, "ValueTask") == 0)
    return type->n_args == 0 ? AWL_RETURN_VALUE_TASK : AWL_RETURN_VALUE_TASK_OF;
  if (strcmp (name, "IAsyncEnumerable") == 0)
    return AWL_RETURN_ASYNC_ENUMERABLE;
  if (strcmp (name, "IEnumerable") == 0)
    return AWL_RETURN_ENUMERABLE;

  return AWL_RETURN_PLAIN;
}

/* ---------------------------------------------------------------------------- */
/* Expressions                                                                  */

static gboolean
starts_expression (const AwlToken *t)
{
  switch (t->kind)
    {
    case AWL_TOK_IDENT:
    case AWL_TOK_INT:
    case AWL_TOK_REAL:
    case AWL_TOK_CHAR:
    case AWL_TOK_STRING:
    case AWL_TOK_INTERP:
      return TRUE;
    case AWL_TOK_KEYWORD:
      return strcmp (t->text, "new") == 0 || strcmp (t->text, "true") == 0 ||
             strcmp (t->text, "false") == 0 || strcmp (t->text, "null") == 0 ||
             strcmp (t->text, "default") == 0 || strcmp (t->text, "typeof") == 0 ||
             strcmp (t->text, "this") == 0 || strcmp (t->text, "base") == 0 ||
             is_predefined_type (t);
    case AWL_TOK_PUNCT:
      return t->punct == P_LPAREN || t->punct == P_NOT || t->punct == P_MINUS ||
             t->punct == P_PLUS || t->punct == P_TILDE || t->punct == P_INC ||
             t->punct == P_DEC;
    case AWL_TOK_EOF:
    case AWL_TOK_ERROR:
    default:
      return FALSE;
    }
}

/* After a generic argument list in an expression, only these tokens make `<…>`
 * type arguments rather than comparisons (the C# spec's disambiguation rule). */
static gboolean
follows_type_args (const AwlToken *t)
{
  if (t->kind == AWL_TOK_EOF)
    return TRUE;
  if (t->kind != AWL_TOK_PUNCT)
    return FALSE;
  switch (t->punct)
    {
    case P_LPAREN: case P_RPAREN: case P_RBRACKET: case P_RBRACE: case P_COLON:
    case P_SEMI: case P_COMMA: case P_DOT: case P_QUESTION: case P_EQ: case P_NE:
    case P_PIPE: case P_CARET: case P_AND_AND: case P_OR_OR: case P_AMP:
    case P_LBRACKET: case P_QDOT:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Parses `<T, …>` in an expression if it really is a type-argument list. */
static AwlTypeRef **
maybe_type_args (Parser *p,
                 guint  *n_out)
{
  gint end;
  GPtrArray *args;
  AwlTypeRef **ret;

  *n_out = 0;
  if (!at_punct (p, P_LT))
    return NULL;
  end = scan_type_args (p, p->pos);
  if (end < 0 || !follows_type_args (tok_at (p, end)))
    return NULL;

  args = g_ptr_array_new ();
  next (p);
  while ((gint) p->pos < end - 1 && !p->panic)
    {
      AwlTypeRef *t = parse_type (p, TRUE);
      if (t == NULL)
        break;
      g_ptr_array_add (args, t);
      if (!accept_punct (p, P_COMMA))
        break;
    }
  expect_punct (p, P_GT);
  *n_out = args->len;
  ret = (AwlTypeRef **) awl_arena_dup_ptrs (p->arena, args->pdata, args->len);
  g_ptr_array_unref (args);

  return ret;
}

static gboolean
parse_args (Parser  *p,
            AwlArg **args_out,
            guint   *n_out,
            guint   *max_depth,
            AwlPunct close)
{
  GArray *args = g_array_new (FALSE, TRUE, sizeof (AwlArg));
  gboolean ok = TRUE;

  *max_depth = 0;
  next (p); /* ( */
  if (!at_punct (p, close))
    {
      for (;;)
        {
          AwlArg arg = { 0 };
          AwlToken *t = cur (p);

          arg.loc = loc_of (t);
          if (t->kind == AWL_TOK_IDENT && tok_is_punct (peek_tok (p, 1), P_COLON))
            {
              arg.name = t->text;
              next (p);
              next (p);
            }
          if ((tok_is_kw (cur (p), "out") || tok_is_kw (cur (p), "ref") || tok_is_kw (cur (p), "in")) &&
              close == P_RPAREN)
            {
              if (!awl_px_parse_ref_arg ((AwlPx *) p, &arg))
                {
                  ok = FALSE;
                  break;
                }
            }
          else if (tok_is_kw (cur (p), "out") || tok_is_kw (cur (p), "ref") || tok_is_kw (cur (p), "in"))
            {
              error_at_tok (p, cur (p), "`%s` arguments " ARE_NOT_SUPPORTED, cur (p)->text);
              ok = FALSE;
              break;
            }
          else
            arg.value = parse_expr (p);
          if (arg.value == NULL && !arg.is_out)
            {
              ok = FALSE;
              break;
            }
          if (arg.value != NULL)
            *max_depth = MAX (*max_depth, arg.value->depth);
          g_array_append_val (args, arg);
          if (!accept_punct (p, P_COMMA))
            break;
        }
    }

  if (ok && !expect_punct (p, close))
    ok = FALSE;

  *n_out = args->len;
  *args_out = NULL;
  if (args->len > 0)
    {
      *args_out = awl_arena_alloc0 (p->arena, args->len * sizeof (AwlArg));
      memcpy (*args_out, args->data, args->len * sizeof (AwlArg));
    }
  g_array_unref (args);

  return ok;
}

static AwlExpr *parse_lambda (Parser *p);

static gboolean
lambda_ahead (Parser *p)
{
  AwlToken *t = cur (p);
  guint i = p->pos;

  if (tok_is_kw (t, "static"))
    t = tok_at (p, ++i);
  if (tok_is_ident (t, "async") &&
      (tok_at (p, i + 1)->kind == AWL_TOK_IDENT || tok_is_punct (tok_at (p, i + 1), P_LPAREN)))
    t = tok_at (p, ++i);

  if (t->kind == AWL_TOK_IDENT && tok_is_punct (tok_at (p, i + 1), P_ARROW))
    return TRUE;
  if (tok_is_punct (t, P_LPAREN) && t->match > (gint) i &&
      tok_is_punct (tok_at (p, t->match + 1), P_ARROW))
    return TRUE;

  return FALSE;
}

/* The elements of `{ … }` after `new T` or `new[]`. */
static gboolean
parse_initializer (Parser     *p,
                   AwlExpr  ***elems_out,
                   guint      *n_out,
                   guint      *max_depth)
{
  GPtrArray *elems = g_ptr_array_new ();
  gboolean ok = TRUE;

  *max_depth = 0;
  next (p); /* { */
  while (!at_punct (p, P_RBRACE) && !at_eof (p))
    {
      AwlExpr *e;

      if (at_punct (p, P_LBRACE))
        {
          AwlExpr **inner;
          guint n_inner, d;

          e = new_expr (p, AWL_EXPR_INIT_LIST, loc_of (cur (p)));
          ENTER_NESTING (p, cur (p), (g_ptr_array_unref (elems), FALSE));
          ok = parse_initializer (p, &inner, &n_inner, &d);
          LEAVE_NESTING (p);
          e->init_list.elements = inner;
          e->init_list.n_elements = n_inner;
          e = finish_depth (p, e, d);
          if (!ok || e == NULL)
            {
              ok = FALSE;
              break;
            }
        }
      else if (at_punct (p, P_LBRACKET))
        {
          error_at_tok (p, cur (p), "indexer initializers (`[key] = value`) " ARE_NOT_SUPPORTED);
          ok = FALSE;
          break;
        }
      else
        {
          e = parse_expr (p);
          if (e == NULL)
            {
              ok = FALSE;
              break;
            }
        }
      *max_depth = MAX (*max_depth, e->depth);
      g_ptr_array_add (elems, e);
      if (!accept_punct (p, P_COMMA))
        break;
    }
  if (ok && !expect_punct (p, P_RBRACE))
    ok = FALSE;

  *n_out = elems->len;
  *elems_out = (AwlExpr **) awl_arena_dup_ptrs (p->arena, elems->pdata, elems->len);
  g_ptr_array_unref (elems);

  return ok;
}

static AwlExpr *
parse_new (Parser *p)
{
  AwlToken *new_tok = cur (p);
  AwlExpr *e;
  AwlTypeRef *type;
  guint d = 0;

  next (p);

  if (at_punct (p, P_LPAREN) || at_punct (p, P_LBRACE))
    {
      /* Target-typed `new(…)` (the checker takes the type from the declaration) or an
       * anonymous object `new { A = 1 }`. */
      e = new_expr (p, AWL_EXPR_NEW, loc_of (new_tok));
      if (at_punct (p, P_LPAREN))
        {
          e->new_obj.target_typed = TRUE;
          e->new_obj.has_args = TRUE;
          if (!parse_args (p, &e->new_obj.args, &e->new_obj.n_args, &d, P_RPAREN))
            return NULL;
        }
      else
        {
          e->new_obj.anonymous = TRUE;
          e->new_obj.type = awl_arena_new0 (p->arena, AwlTypeRef);
          e->new_obj.type->loc = loc_of (new_tok);
          e->new_obj.type->name = "<anonymous>";
        }
      if (at_punct (p, P_LBRACE))
        {
          guint d2;
          e->new_obj.has_init = TRUE;
          if (!parse_initializer (p, &e->new_obj.init, &e->new_obj.n_init, &d2))
            return NULL;
          d = MAX (d, d2);
        }
      for (guint i = 0; e->new_obj.anonymous && i < e->new_obj.n_init; i++)
        {
          AwlExpr *el = e->new_obj.init[i];
          const char *name = el->kind == AWL_EXPR_ASSIGN && el->assign.target->kind == AWL_EXPR_NAME ? el->assign.target->name.name :
                             el->kind == AWL_EXPR_NAME ? el->name.name :
                             el->kind == AWL_EXPR_MEMBER ? el->member.name : NULL;
          if (name != NULL)
            g_hash_table_add (((AwlAstPrivate *) p->ast->priv)->anon_members, (gpointer) name);
        }
      return finish_depth (p, e, d);
    }
  if (at_punct (p, P_LBRACKET))
    {
      /* new[] { … } */
      next (p);
      if (!expect_punct (p, P_RBRACKET))
        return NULL;
      if (!at_punct (p, P_LBRACE))
        {
          error_expected (p, "`{` after `new[]`");
          return NULL;
        }
      e = new_expr (p, AWL_EXPR_NEW_ARRAY, loc_of (new_tok));
      e->new_array.has_init = TRUE;
      if (!parse_initializer (p, &e->new_array.elements, &e->new_array.n_elements, &d))
        return NULL;
      return finish_depth (p, e, d);
    }

  type = parse_type (p, FALSE);
  if (type == NULL)
    return NULL;

  if (at_punct (p, P_LBRACKET))
    {
      e = new_expr (p, AWL_EXPR_NEW_ARRAY, loc_of (new_tok));
      e->new_array.element_type = type;
      if (tok_is_punct (peek_tok (p, 1), P_RBRACKET))
        {
          next (p);
          next (p);
          /* Jagged: new int[][] { … } — the element type is itself an array. */
          while (at_punct (p, P_LBRACKET) && tok_is_punct (peek_tok (p, 1), P_RBRACKET))
            {
              type->array_rank++;
              next (p);
              next (p);
            }
          if (!at_punct (p, P_LBRACE))
            {
              error_expected (p, "`{` or an array size");
              return NULL;
            }
        }
      else
        {
          next (p);
          e->new_array.size = parse_expr (p);
          if (e->new_array.size == NULL)
            return NULL;
          if (at_punct (p, P_COMMA))
            {
              error_at_tok (p, cur (p), "multi-dimensional arrays " ARE_NOT_SUPPORTED "; use an array of arrays");
              return NULL;
            }
          if (!expect_punct (p, P_RBRACKET))
            return NULL;
          d = e->new_array.size->depth;
        }
      if (at_punct (p, P_LBRACE))
        {
          guint d2;
          e->new_array.has_init = TRUE;
          if (!parse_initializer (p, &e->new_array.elements, &e->new_array.n_elements, &d2))
            return NULL;
          d = MAX (d, d2);
        }
      return finish_depth (p, e, d);
    }

  e = new_expr (p, AWL_EXPR_NEW, loc_of (new_tok));
  e->new_obj.type = type;
  if (at_punct (p, P_LPAREN))
    {
      e->new_obj.has_args = TRUE;
      if (!parse_args (p, &e->new_obj.args, &e->new_obj.n_args, &d, P_RPAREN))
        return NULL;
    }
  if (at_punct (p, P_LBRACE))
    {
      guint d2;
      e->new_obj.has_init = TRUE;
      if (!parse_initializer (p, &e->new_obj.init, &e->new_obj.n_init, &d2))
        return NULL;
      d = MAX (d, d2);
    }
  if (!e->new_obj.has_args && !e->new_obj.has_init)
    {
      error_expected (p, "`(` or `{` after the type in `new`");
      return NULL;
    }

  return finish_depth (p, e, d);
}

static AwlExpr *
parse_interpolated (Parser *p)
{
  AwlToken *t = cur (p);
  AwlExpr *e = new_expr (p, AWL_EXPR_INTERPOLATED, loc_of (t));
  guint first = t->first_part, n = t->n_parts;
  guint d = 0;
  gboolean ok = TRUE;

  next (p);
  e->interp.n_parts = n;
  e->interp.parts = n > 0 ? awl_arena_alloc0 (p->arena, n * sizeof (AwlInterpPart)) : NULL;

  for (guint i = 0; i < n; i++)
    {
      /* Copy: tokenizing a hole may grow the parts array and move it. */
      AwlLexInterpPart lp = g_array_index (p->lx->parts, AwlLexInterpPart, first + i);
      AwlInterpPart *part = &e->interp.parts[i];

      part->text = lp.text != NULL ? lp.text : "";
      part->format = lp.format;
      part->alignment = lp.alignment;
      part->has_alignment = lp.has_alignment;

      if (lp.is_hole)
        {
          GArray *saved_tokens = p->tokens;
          guint saved_pos = p->pos;
          GArray *sub = g_array_new (FALSE, TRUE, sizeof (AwlToken));

          awl_lexer_tokenize (p->lx, lp.expr_start, lp.expr_end, lp.line, lp.col, FALSE, sub);
          p->tokens = sub;
          p->pos = 0;
          part->expr = parse_expr (p);
          if (part->expr != NULL && !at_eof (p))
            {
              g_autofree char *found = describe (cur (p));
              error_at_tok (p, cur (p), "unexpected %s in an interpolation hole", found);
            }
          if (part->expr == NULL)
            {
              ok = FALSE;
              /* Keep the tree whole: a hole that failed holds a null. */
              part->expr = new_expr (p, AWL_EXPR_NULL, loc_of (t));
            }
          d = MAX (d, part->expr->depth);
          p->tokens = saved_tokens;
          p->pos = saved_pos;
          g_array_unref (sub);
        }
    }

  if (!ok)
    return NULL;

  return finish_depth (p, e, d);
}

static AwlExpr *
parse_primary (Parser *p)
{
  AwlToken *t = cur (p);
  AwlExpr *e;

  switch (t->kind)
    {
    case AWL_TOK_INT:
      e = new_expr (p, AWL_EXPR_INT, loc_of (t));
      e->integer.value = t->v.i;
      e->integer.suffix = t->suffix;
      next (p);
      return e;
    case AWL_TOK_REAL:
      e = new_expr (p, AWL_EXPR_DOUBLE, loc_of (t));
      e->real.value = t->v.d;
      e->real.suffix = t->suffix;
      next (p);
      return e;
    case AWL_TOK_CHAR:
      e = new_expr (p, AWL_EXPR_CHAR, loc_of (t));
      e->character = t->v.c;
      next (p);
      return e;
    case AWL_TOK_STRING:
      e = new_expr (p, AWL_EXPR_STRING, loc_of (t));
      e->string.value = t->text;
      e->string.length = t->length;
      e->string.verbatim = t->verbatim;
      next (p);
      return e;
    case AWL_TOK_INTERP:
      return parse_interpolated (p);
    case AWL_TOK_IDENT:
      if (strcmp (t->text, "from") == 0 &&
          (peek_tok (p, 1)->kind == AWL_TOK_IDENT || is_predefined_type (peek_tok (p, 1))) &&
          (tok_is_kw (peek_tok (p, 2), "in") || peek_tok (p, 2)->kind == AWL_TOK_IDENT))
        return awl_px_parse_query ((AwlPx *) p);
      if (strcmp (t->text, "nameof") == 0 && tok_is_punct (peek_tok (p, 1), P_LPAREN))
        {
          AwlExpr *operand;
          const char *value;

          e = new_expr (p, AWL_EXPR_NAMEOF, loc_of (t));
          next (p);
          next (p);
          operand = parse_expr (p);
          if (operand == NULL || !expect_punct (p, P_RPAREN))
            return NULL;
          if (operand->kind == AWL_EXPR_NAME)
            value = operand->name.name;
          else if (operand->kind == AWL_EXPR_MEMBER)
            value = operand->member.name;
          else
            {
              report_at (p, operand->loc, "`nameof` needs a name");
              value = "";
            }
          e->name_of.operand = operand;
          e->name_of.value = value;
          return finish_depth (p, e, operand->depth);
        }
      e = new_expr (p, AWL_EXPR_NAME, loc_of (t));
      e->name.name = t->text;
      next (p);
      e->name.type_args = maybe_type_args (p, &e->name.n_type_args);
      return e;
    case AWL_TOK_KEYWORD:
      if (strcmp (t->text, "true") == 0 || strcmp (t->text, "false") == 0)
        {
          e = new_expr (p, AWL_EXPR_BOOL, loc_of (t));
          e->boolean = t->text[0] == 't';
          next (p);
          return e;
        }
      if (strcmp (t->text, "null") == 0)
        {
          next (p);
          return new_expr (p, AWL_EXPR_NULL, loc_of (t));
        }
      if (strcmp (t->text, "new") == 0)
        return parse_new (p);
      if (is_predefined_type (t))
        {
          /* int.Parse, string.Join, string.Empty */
          e = new_expr (p, AWL_EXPR_NAME, loc_of (t));
          e->name.name = t->text;
          next (p);
          if (!at_punct (p, P_DOT))
            {
              error_at_tok (p, t, "`%s` is a type; it cannot be used as a value here", t->text);
              return NULL;
            }
          return e;
        }
      if (strcmp (t->text, "default") == 0)
        {
          e = new_expr (p, AWL_EXPR_DEFAULT, loc_of (t));
          next (p);
          if (accept_punct (p, P_LPAREN))
            {
              e->default_value.type = parse_type (p, TRUE);
              if (e->default_value.type == NULL || !expect_punct (p, P_RPAREN))
                return NULL;
            }
          return e;
        }
      if (strcmp (t->text, "typeof") == 0)
        {
          e = new_expr (p, AWL_EXPR_TYPEOF, loc_of (t));
          next (p);
          if (!expect_punct (p, P_LPAREN))
            return NULL;
          e->type_of.type = parse_type (p, TRUE);
          if (e->type_of.type == NULL || !expect_punct (p, P_RPAREN))
            return NULL;
          return e;
        }
      if (strcmp (t->text, "throw") == 0)
        {
          AwlExpr *operand;

          e = new_expr (p, AWL_EXPR_THROW, loc_of (t));
          next (p);
          operand = parse_unary (p);
          if (operand == NULL)
            return NULL;
          e->throw_expr.operand = operand;
          return finish_depth (p, e, operand->depth);
        }
      if (strcmp (t->text, "this") == 0)
        {
          e = new_expr (p, AWL_EXPR_NAME, loc_of (t));
          next (p);
          e->name.name = t->text;
          return e;
        }
      if (strcmp (t->text, "base") == 0)
        {
          /* `base.M(…)`: `this`, with the base class's members (the checker and the
           * compiler tell it by its name). */
          e = new_expr (p, AWL_EXPR_NAME, loc_of (t));
          next (p);
          e->name.name = t->text;
          if (!at_punct (p, P_DOT))
            {
              error_at_tok (p, t, "`base` must be followed by `.member`");
              return NULL;
            }
          return e;
        }
      if (strcmp (t->text, "delegate") == 0)
        {
          error_at_tok (p, t, "anonymous methods (`delegate { … }`) " ARE_NOT_SUPPORTED "; use a lambda: `() => { … }`");
          return NULL;
        }
      if (strcmp (t->text, "checked") == 0 || strcmp (t->text, "unchecked") == 0 ||
          strcmp (t->text, "sizeof") == 0 || strcmp (t->text, "stackalloc") == 0)
        {
          error_at_tok (p, t, "`%s` " NOT_SUPPORTED, t->text);
          return NULL;
        }
      if (strcmp (t->text, "ref") == 0 || strcmp (t->text, "out") == 0)
        {
          error_at_tok (p, t, "`%s` " NOT_SUPPORTED, t->text);
          return NULL;
        }
      break;
    case AWL_TOK_PUNCT:
      if (t->punct == P_LPAREN && awl_px_tuple_ahead ((AwlPx *) p))
        return awl_px_parse_tuple ((AwlPx *) p);
      if (t->punct == P_LPAREN)
        {
          AwlExpr *inner;

          ENTER_NESTING (p, t, NULL);
          next (p);
          inner = parse_expr (p);
          LEAVE_NESTING (p);
          if (inner == NULL)
            return NULL;
          if (at_punct (p, P_COMMA))
            {
              error_at_tok (p, t, "tuples " ARE_NOT_SUPPORTED);
              return NULL;
            }
          if (!expect_punct (p, P_RPAREN))
            return NULL;
          return inner;
        }
      if (t->punct == P_LBRACKET)
        return awl_px_parse_collection ((AwlPx *) p);
      if (t->punct == P_DOTDOT)
        {
          error_at_tok (p, t, "ranges (`..`) " ARE_NOT_SUPPORTED);
          return NULL;
        }
      if (t->punct == P_CARET)
        {
          error_at_tok (p, t, "index-from-end (`^`) " NOT_SUPPORTED);
          return NULL;
        }
      break;
    case AWL_TOK_ERROR:
      /* Already reported by the lexer. */
      p->panic = TRUE;
      return NULL;
    case AWL_TOK_EOF:
    default:
      break;
    }

  error_expected (p, "an expression");
  return NULL;
}

static AwlExpr *
parse_postfix (Parser  *p,
               AwlExpr *e)
{
  while (e != NULL)
    {
      AwlToken *t = cur (p);

      if (tok_is_punct (t, P_DOT) || tok_is_punct (t, P_QDOT))
        {
          AwlExpr *m;
          AwlToken *name_tok;

          next (p);
          name_tok = cur (p);
          if (name_tok->kind != AWL_TOK_IDENT)
            {
              error_expected (p, "a member name after `.`");
              return NULL;
            }
          m = new_expr (p, AWL_EXPR_MEMBER, e->loc);
          m->member.target = e;
          m->member.name = name_tok->text;
          m->member.name_loc = loc_of (name_tok);
          m->member.null_conditional = t->punct == P_QDOT;
          next (p);
          m->member.type_args = maybe_type_args (p, &m->member.n_type_args);
          e = finish_depth (p, m, e->depth);
        }
      else if (tok_is_punct (t, P_LPAREN))
        {
          AwlExpr *c = new_expr (p, AWL_EXPR_CALL, e->loc);
          guint d;

          c->call.callee = e;
          if (!parse_args (p, &c->call.args, &c->call.n_args, &d, P_RPAREN))
            return NULL;
          e = finish_depth (p, c, MAX (d, e->depth));
        }
      else if (tok_is_punct (t, P_LBRACKET))
        {
          AwlExpr *ix = new_expr (p, AWL_EXPR_INDEX, e->loc);

          next (p);
          ix->index.target = e;
          ix->index.index = parse_expr (p);
          if (ix->index.index == NULL)
            return NULL;
          if (at_punct (p, P_COMMA))
            {
              error_at_tok (p, cur (p), "multi-dimensional indexing " NOT_SUPPORTED);
              return NULL;
            }
          if (!expect_punct (p, P_RBRACKET))
            return NULL;
          e = finish_depth (p, ix, MAX (e->depth, ix->index.index->depth));
        }
      else if (tok_is_punct (t, P_INC) || tok_is_punct (t, P_DEC))
        {
          AwlExpr *u = new_expr (p, AWL_EXPR_UNARY, e->loc);

          u->unary.op = t->punct == P_INC ? AWL_UNARY_POST_INC : AWL_UNARY_POST_DEC;
          u->unary.operand = e;
          next (p);
          e = finish_depth (p, u, e->depth);
        }
      else if (tok_is_punct (t, P_NOT) && !starts_expression (peek_tok (p, 1)))
        {
          /* The null-forgiving `x!`: no effect at run time. */
          next (p);
        }
      else if (tok_is_punct (t, P_POINTER_ARROW))
        {
          error_at_tok (p, t, "pointers " ARE_NOT_SUPPORTED);
          return NULL;
        }
      else if (tok_is_kw (t, "switch") && tok_is_punct (peek_tok (p, 1), P_LBRACE))
        e = awl_px_maybe_switch ((AwlPx *) p, e);
      else if (tok_is_kw (t, "switch"))
        {
          error_at_tok (p, t, "`switch` expressions " ARE_NOT_SUPPORTED "; use `?:` or if/else");
          return NULL;
        }
      else if (tok_is_ident (t, "with") && tok_is_punct (peek_tok (p, 1), P_LBRACE))
        {
          if ((e = awl_px_parse_with ((AwlPx *) p, e)) == NULL)
            return NULL;
        }
      else
        break;
    }

  return e;
}

/* `(T)x`: a cast if T is a keyword type, or if what follows the `)` can only start
 * an operand (the C# rule for identifiers). */
static gboolean
cast_ahead (Parser *p)
{
  AwlToken *t = cur (p);
  gint end;
  AwlToken *after;

  if (!tok_is_punct (t, P_LPAREN) || t->match < 0)
    return FALSE;
  end = scan_type (p, p->pos + 1, TRUE);
  if (end < 0 || end != t->match)
    return FALSE;
  after = tok_at (p, end + 1);
  if (is_predefined_type (tok_at (p, p->pos + 1)))
    return starts_expression (after);
  switch (after->kind)
    {
    case AWL_TOK_IDENT: case AWL_TOK_INT: case AWL_TOK_REAL: case AWL_TOK_CHAR:
    case AWL_TOK_STRING: case AWL_TOK_INTERP:
      return TRUE;
    case AWL_TOK_KEYWORD:
      return strcmp (after->text, "is") != 0 && strcmp (after->text, "as") != 0 &&
             starts_expression (after);
    case AWL_TOK_PUNCT:
      return after->punct == P_LPAREN || after->punct == P_NOT || after->punct == P_TILDE;
    case AWL_TOK_EOF:
    case AWL_TOK_ERROR:
    default:
      return FALSE;
    }
}

static AwlExpr *
parse_unary (Parser *p)
{
  AwlToken *t = cur (p);
  AwlExpr *e = NULL;

  ENTER_NESTING (p, t, NULL);

  if (t->kind == AWL_TOK_PUNCT &&
      (t->punct == P_MINUS || t->punct == P_PLUS || t->punct == P_NOT ||
       t->punct == P_TILDE || t->punct == P_INC || t->punct == P_DEC))
    {
      AwlExpr *operand;

      next (p);
      operand = parse_unary (p);
      if (operand != NULL)
        {
          e = new_expr (p, AWL_EXPR_UNARY, loc_of (t));
          switch (t->punct)
            {
            case P_MINUS: e->unary.op = AWL_UNARY_NEG; break;
            case P_PLUS: e->unary.op = AWL_UNARY_PLUS; break;
            case P_NOT: e->unary.op = AWL_UNARY_NOT; break;
            case P_TILDE: e->unary.op = AWL_UNARY_BIT_NOT; break;
            case P_INC: e->unary.op = AWL_UNARY_PRE_INC; break;
            default: e->unary.op = AWL_UNARY_PRE_DEC; break;
            }
          e->unary.operand = operand;
          /* Fold -literal so `-5` is a literal (and G_MININT64 stays representable). */
          if (e->unary.op == AWL_UNARY_NEG && operand->kind == AWL_EXPR_INT)
            {
              operand->integer.value = -operand->integer.value;
              operand->loc = e->loc;
              e = operand;
            }
          else if (e->unary.op == AWL_UNARY_NEG && operand->kind == AWL_EXPR_DOUBLE)
            {
              operand->real.value = -operand->real.value;
              operand->loc = e->loc;
              e = operand;
            }
          else
            e = finish_depth (p, e, operand->depth);
        }
    }
  else if (t->kind == AWL_TOK_PUNCT && (t->punct == P_AMP || t->punct == P_STAR))
    error_at_tok (p, t, "pointers " ARE_NOT_SUPPORTED);
  else if (tok_is_ident (t, "await") && starts_expression (peek_tok (p, 1)))
    {
      AwlExpr *operand;

      next (p);
      operand = parse_unary (p);
      if (operand != NULL)
        {
          e = new_expr (p, AWL_EXPR_AWAIT, loc_of (t));
          e->await.operand = operand;
          e = finish_depth (p, e, operand->depth);
        }
    }
  else if (cast_ahead (p))
    {
      AwlTypeRef *type;
      AwlExpr *operand;

      next (p);
      type = parse_type (p, TRUE);
      if (type != NULL && expect_punct (p, P_RPAREN))
        {
          operand = parse_unary (p);
          if (operand != NULL)
            {
              e = new_expr (p, AWL_EXPR_CAST, loc_of (t));
              e->cast.type = type;
              e->cast.operand = operand;
              e = finish_depth (p, e, operand->depth);
            }
        }
    }
  else
    e = parse_postfix (p, parse_primary (p));

  LEAVE_NESTING (p);

  return e;
}

typedef struct
{
  AwlBinaryOp op;
  int         prec;
  guint       n_tokens;
} BinInfo;

/* Precedence: 1 ??, 2 ||, 3 &&, 4 |, 5 ^, 6 &, 7 == !=, 8 relational/is/as,
 * 9 shifts, 10 additive, 11 multiplicative. Returns prec 0 if not a binary op. */
static BinInfo
binary_at (Parser *p)
{
  AwlToken *t = cur (p);
  BinInfo b = { 0, 0, 1 };

  if (t->kind == AWL_TOK_KEYWORD && (strcmp (t->text, "is") == 0 || strcmp (t->text, "as") == 0))
    {
      b.prec = 8;
      return b;
    }
  if (t->kind != AWL_TOK_PUNCT)
    return b;

  switch (t->punct)
    {
    case P_QQ: b.op = AWL_BINARY_COALESCE; b.prec = 1; break;
    case P_OR_OR: b.op = AWL_BINARY_OR; b.prec = 2; break;
    case P_AND_AND: b.op = AWL_BINARY_AND; b.prec = 3; break;
    case P_PIPE: b.op = AWL_BINARY_BIT_OR; b.prec = 4; break;
    case P_CARET: b.op = AWL_BINARY_BIT_XOR; b.prec = 5; break;
    case P_AMP: b.op = AWL_BINARY_BIT_AND; b.prec = 6; break;
    case P_EQ: b.op = AWL_BINARY_EQ; b.prec = 7; break;
    case P_NE: b.op = AWL_BINARY_NE; b.prec = 7; break;
    case P_LT: b.op = AWL_BINARY_LT; b.prec = 8; break;
    case P_LE: b.op = AWL_BINARY_LE; b.prec = 8; break;
    case P_GE: b.op = AWL_BINARY_GE; b.prec = 8; break;
    case P_GT:
      {
        AwlToken *n = peek_tok (p, 1);
        /* `>` `>` written together is a shift (the lexer keeps `>` single). */
        if (tok_is_punct (n, P_GT) && n->offset == t->end && n->line == t->line)
          {
            b.op = AWL_BINARY_SHR;
            b.prec = 9;
            b.n_tokens = 2;
          }
        else if (tok_is_punct (n, P_GE) && n->offset == t->end && n->line == t->line)
          b.prec = 0; /* >>= is an assignment */
        else
          {
            b.op = AWL_BINARY_GT;
            b.prec = 8;
          }
      }
      break;
    case P_SHL: b.op = AWL_BINARY_SHL; b.prec = 9; break;
    case P_PLUS: b.op = AWL_BINARY_ADD; b.prec = 10; break;
    case P_MINUS: b.op = AWL_BINARY_SUB; b.prec = 10; break;
    case P_STAR: b.op = AWL_BINARY_MUL; b.prec = 11; break;
    case P_SLASH: b.op = AWL_BINARY_DIV; b.prec = 11; break;
    case P_PERCENT: b.op = AWL_BINARY_MOD; b.prec = 11; break;
    default: break;
    }

  return b;
}

static AwlExpr *
parse_is (Parser  *p,
          AwlExpr *left)
{
  AwlToken *is_tok = cur (p);
  AwlExpr *e;

  next (p);

  if (tok_is_kw (is_tok, "as"))
    {
      /* `x as T`: a cast that gives null instead of throwing. */
      e = new_expr (p, AWL_EXPR_CAST, loc_of (is_tok));
      e->cast.operand = left;
      e->cast.as_operator = TRUE;
      e->cast.type = parse_type (p, FALSE);
      if (e->cast.type == NULL)
        return NULL;
      return finish_depth (p, e, left->depth);
    }

  e = new_expr (p, AWL_EXPR_IS, is_tok->line ? loc_of (is_tok) : left->loc);
  e->is.operand = left;
  /* Every pattern (`is T name`, `is not null`, `is > 5 and < 10`, …) is parsed in
   * awl-parser-everyday.c. */
  if (!awl_px_parse_is_pattern ((AwlPx *) p, e))
    return NULL;

  return finish_depth (p, e, left->depth);
}

static AwlExpr *
parse_binary (Parser *p,
              int     min_prec)
{
  AwlExpr *left = parse_unary (p);

  while (left != NULL)
    {
      BinInfo b = binary_at (p);
      AwlToken *op_tok = cur (p);
      AwlExpr *right, *e;

      if (b.prec == 0 || b.prec < min_prec)
        break;

      if (op_tok->kind == AWL_TOK_KEYWORD)
        {
          left = parse_is (p, left);
          continue;
        }

      for (guint i = 0; i < b.n_tokens; i++)
        next (p);

      /* ?? is right-associative; the others are left-associative. */
      ENTER_NESTING (p, op_tok, NULL);
      right = parse_binary (p, b.op == AWL_BINARY_COALESCE ? b.prec : b.prec + 1);
      LEAVE_NESTING (p);
      if (right == NULL)
        return NULL;

      e = new_expr (p, AWL_EXPR_BINARY, loc_of (op_tok));
      e->binary.op = b.op;
      e->binary.left = left;
      e->binary.right = right;
      left = finish_depth (p, e, MAX (left->depth, right->depth));
    }

  return left;
}

static AwlExpr *
parse_conditional (Parser *p)
{
  AwlExpr *cond = parse_binary (p, 1);
  AwlToken *q = cur (p);
  AwlExpr *e, *a, *b;

  if (cond == NULL || !tok_is_punct (q, P_QUESTION))
    return cond;

  next (p);
  a = parse_expr (p);
  if (a == NULL || !expect_punct (p, P_COLON))
    return NULL;
  b = parse_expr (p);
  if (b == NULL)
    return NULL;

  e = new_expr (p, AWL_EXPR_CONDITIONAL, cond->loc);
  e->conditional.cond = cond;
  e->conditional.then_expr = a;
  e->conditional.else_expr = b;

  return finish_depth (p, e, MAX (cond->depth, MAX (a->depth, b->depth)));
}

static gboolean
assign_op_at (Parser      *p,
              AwlAssignOp *op,
              guint       *n_tokens)
{
  AwlToken *t = cur (p);

  *n_tokens = 1;
  if (t->kind != AWL_TOK_PUNCT)
    return FALSE;
  switch (t->punct)
    {
    case P_ASSIGN: *op = AWL_ASSIGN_SET; return TRUE;
    case P_PLUS_ASSIGN: *op = AWL_ASSIGN_ADD; return TRUE;
    case P_MINUS_ASSIGN: *op = AWL_ASSIGN_SUB; return TRUE;
    case P_STAR_ASSIGN: *op = AWL_ASSIGN_MUL; return TRUE;
    case P_SLASH_ASSIGN: *op = AWL_ASSIGN_DIV; return TRUE;
    case P_PERCENT_ASSIGN: *op = AWL_ASSIGN_MOD; return TRUE;
    case P_AMP_ASSIGN: *op = AWL_ASSIGN_AND; return TRUE;
    case P_PIPE_ASSIGN: *op = AWL_ASSIGN_OR; return TRUE;
    case P_CARET_ASSIGN: *op = AWL_ASSIGN_XOR; return TRUE;
    case P_QQ_ASSIGN: *op = AWL_ASSIGN_COALESCE; return TRUE;
    case P_SHL_ASSIGN:
      error_at_tok (p, t, "shift assignment (`<<=`) " NOT_SUPPORTED "; write `x = x << n`");
      return FALSE;
    case P_GT:
      if (tok_is_punct (peek_tok (p, 1), P_GE) && peek_tok (p, 1)->offset == t->end)
        error_at_tok (p, t, "shift assignment (`>>=`) " NOT_SUPPORTED "; write `x = x >> n`");
      return FALSE;
    default:
      return FALSE;
    }
}

static AwlExpr *
parse_assignment (Parser *p)
{
  AwlExpr *left, *right, *e;
  AwlAssignOp op = AWL_ASSIGN_SET;
  AwlToken *op_tok;
  guint n_tokens;

  if (lambda_ahead (p))
    return parse_lambda (p);

  left = parse_conditional (p);
  if (left == NULL)
    return NULL;

  op_tok = cur (p);
  if (!assign_op_at (p, &op, &n_tokens))
    return p->panic ? NULL : left;

  if (left->kind != AWL_EXPR_NAME && left->kind != AWL_EXPR_MEMBER &&
      left->kind != AWL_EXPR_INDEX && !(left->kind == AWL_EXPR_TUPLE && op == AWL_ASSIGN_SET))
    {
      error_at_tok (p, op_tok, "the left side of `%s` must be a variable, a field or an element",
                    awl_assign_op_to_string (op));
      return NULL;
    }

  for (guint i = 0; i < n_tokens; i++)
    next (p);
  right = parse_expr (p);
  if (right == NULL)
    return NULL;

  e = new_expr (p, AWL_EXPR_ASSIGN, left->loc);
  e->assign.op = op;
  e->assign.target = left;
  e->assign.value = right;

  return finish_depth (p, e, MAX (left->depth, right->depth));
}

static AwlExpr *
parse_expr (Parser *p)
{
  AwlExpr *e;

  ENTER_NESTING (p, cur (p), NULL);
  e = parse_assignment (p);
  LEAVE_NESTING (p);

  return e;
}

/* ---------------------------------------------------------------------------- */
/* Lambdas                                                                      */

static AwlFunction *
new_function (Parser     *p,
              AwlLoc      loc,
              const char *name)
{
  AwlFunction *f = awl_arena_new0 (p->arena, AwlFunction);

  f->loc = loc;
  f->name = name;
  f->parent = p->func;

  return f;
}

static gboolean
parse_lambda_params (Parser    *p,
                     GPtrArray *params)
{
  AwlToken *t = cur (p);

  if (t->kind == AWL_TOK_IDENT)
    {
      g_ptr_array_add (params, new_var (p, AWL_VAR_PARAM, t->text, loc_of (t), NULL));
      next (p);
      return TRUE;
    }

  next (p); /* ( */
  if (accept_punct (p, P_RPAREN))
    return TRUE;

  for (;;)
    {
      AwlTypeRef *type = NULL;
      AwlToken *name_tok;
      gint after_type;

      if (tok_is_kw (cur (p), "ref") || tok_is_kw (cur (p), "out") || tok_is_kw (cur (p), "in"))
        {
          error_at_tok (p, cur (p), "`%s` parameters " ARE_NOT_SUPPORTED, cur (p)->text);
          return FALSE;
        }
      after_type = scan_type (p, p->pos, TRUE);
      if (after_type > 0 && tok_at (p, after_type)->kind == AWL_TOK_IDENT)
        {
          type = parse_type (p, TRUE);
          if (type == NULL)
            return FALSE;
        }
      name_tok = cur (p);
      if (expect_ident (p, "a parameter name") == NULL)
        return FALSE;
      g_ptr_array_add (params, new_var (p, AWL_VAR_PARAM, name_tok->text, loc_of (name_tok), type));
      if (!accept_punct (p, P_COMMA))
        break;
    }

  return expect_punct (p, P_RPAREN);
}

static AwlExpr *
parse_lambda (Parser *p)
{
  AwlToken *start = cur (p);
  AwlExpr *e = new_expr (p, AWL_EXPR_LAMBDA, loc_of (start));
  AwlFunction *f;
  AwlFunction *saved_func = p->func;
  guint saved_max = p->max_expr_depth;
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  g_autofree char *name = NULL;
  guint inner;

  if (at_kw (p, "static"))
    next (p);

  name = g_strdup_printf ("%s.lambda#%u", p->method != NULL ? p->method->name : "field",
                          ++p->n_lambdas);
  f = new_function (p, loc_of (start), awl_arena_intern (p->arena, name));
  f->flags = AWL_FUNC_LAMBDA;
  f->return_kind = AWL_RETURN_PLAIN;
  if (tok_is_ident (cur (p), "async") && !tok_is_punct (peek_tok (p, 1), P_ARROW))
    {
      f->flags |= AWL_FUNC_ASYNC;
      next (p);
    }

  p->func = f;
  p->max_expr_depth = 0;

  if (!parse_lambda_params (p, params) || !expect_punct (p, P_ARROW))
    {
      p->func = saved_func;
      return NULL;
    }
  f->n_params = params->len;
  f->params = (AwlVar **) awl_arena_dup_ptrs (p->arena, params->pdata, params->len);

  if (at_punct (p, P_LBRACE))
    {
      f->body = parse_block (p);
      if (f->body == NULL)
        {
          p->func = saved_func;
          return NULL;
        }
      f->end_line = f->body->end_line;
    }
  else
    {
      f->flags |= AWL_FUNC_EXPR_BODY;
      f->body_expr = parse_expr (p);
      if (f->body_expr == NULL)
        {
          p->func = saved_func;
          return NULL;
        }
      f->end_line = tok_at (p, p->pos - 1)->end_line;
    }

  p->func = saved_func;
  e->lambda.func = f;
  /* A lambda's body counts toward the depth of the expression that holds it, so a
   * recursive walk through lambdas is bounded too. */
  inner = p->max_expr_depth + (f->body != NULL ? 2 * (f->end_line - f->loc.line + 1 > 0 ? 1 : 0) : 0);
  p->max_expr_depth = MAX (saved_max, inner);

  return finish_depth (p, e, inner);
}

/* ---------------------------------------------------------------------------- */
/* Statements                                                                   */

static AwlStmt *
parse_embedded (Parser     *p,
                const char *context)
{
  AwlToken *t = cur (p);

  /* A declaration cannot be the whole body of if/while/for: C# rejects it. */
  if (tok_is_ident (t, "var") && peek_tok (p, 1)->kind == AWL_TOK_IDENT)
    {
      error_at_tok (p, t, "a declaration cannot be the body of `%s`; wrap it in `{ }`", context);
      return NULL;
    }
  return parse_statement (p);
}

static gboolean
paren_expr (Parser   *p,
            AwlExpr **out)
{
  if (!expect_punct (p, P_LPAREN))
    return FALSE;
  *out = parse_expr (p);
  if (*out == NULL)
    return FALSE;
  return expect_punct (p, P_RPAREN);
}

/* Does a declaration `Type name` start here? (`var x`, `int x`, `List<int> xs`,
 * `Task<string> t`, `int[] a`). */
static gboolean
declaration_ahead (Parser *p)
{
  AwlToken *t = cur (p);
  gint end;
  AwlToken *after;

  if (tok_is_ident (t, "var") && peek_tok (p, 1)->kind == AWL_TOK_IDENT)
    return TRUE;
  if (t->kind != AWL_TOK_IDENT && !is_predefined_type (t) && !tok_is_punct (t, P_LPAREN))
    return FALSE;
  /* `await x;` is an await, not a declaration of x with type `await`. */
  if (tok_is_ident (t, "await") || tok_is_ident (t, "yield"))
    return FALSE;
  end = scan_type (p, p->pos, TRUE);
  if (end < 0)
    return FALSE;
  after = tok_at (p, end);
  if (after->kind != AWL_TOK_IDENT)
    return FALSE;
  after = tok_at (p, end + 1);
  return tok_is_punct (after, P_ASSIGN) || tok_is_punct (after, P_SEMI) ||
         tok_is_punct (after, P_COMMA) || tok_is_kw (after, "in") ||
         after->kind == AWL_TOK_EOF || after->line != tok_at (p, end)->line;
}

/* `Type name(` or `async Task name(`: a local function. */
static gboolean
local_function_ahead (Parser *p)
{
  guint i = p->pos;
  gint end;

  while (tok_is_kw (tok_at (p, i), "static") || tok_is_ident (tok_at (p, i), "async") ||
         tok_is_kw (tok_at (p, i), "unsafe"))
    i++;
  if (tok_is_ident (tok_at (p, i), "await") || tok_is_ident (tok_at (p, i), "yield"))
    return FALSE;
  end = scan_type (p, i, TRUE);
  if (end < 0)
    return FALSE;
  return tok_at (p, end)->kind == AWL_TOK_IDENT &&
         (tok_is_punct (tok_at (p, end + 1), P_LPAREN) || tok_is_punct (tok_at (p, end + 1), P_LT));
}

/* `int[] xs = { 1, 2 };`: the same as `new int[] { 1, 2 }` (only with an array type). */
static AwlExpr *
parse_bare_array_initializer (Parser     *p,
                              AwlTypeRef *type)
{
  AwlExpr *e;
  AwlTypeRef *element;
  guint d = 0;

  if (type == NULL || type->array_rank == 0)
    {
      error_at_tok (p, cur (p), "an initializer `{ … }` without `new` needs an array type (`int[] xs = { … };`)");
      return NULL;
    }
  element = awl_arena_new0 (p->arena, AwlTypeRef);
  *element = *type;
  element->array_rank--;
  e = new_expr (p, AWL_EXPR_NEW_ARRAY, loc_of (cur (p)));
  e->new_array.element_type = element;
  e->new_array.has_init = TRUE;
  if (!parse_initializer (p, &e->new_array.elements, &e->new_array.n_elements, &d))
    return NULL;
  return finish_depth (p, e, d);
}

static AwlStmt *
parse_declaration (Parser  *p,
                   gboolean is_const,
                   gboolean in_for)
{
  AwlToken *start = cur (p);
  AwlStmt *s = new_stmt (p, AWL_STMT_DECL, loc_of (start));
  AwlTypeRef *type = NULL;
  GPtrArray *vars = g_ptr_array_new ();
  GPtrArray *inits = g_ptr_array_new ();
  gboolean ok = TRUE;

  if (tok_is_ident (cur (p), "var") && !tok_is_punct (peek_tok (p, 1), P_LT))
    {
      if (is_const)
        {
          error_at_tok (p, cur (p), "a `const` needs a type, not `var`");
          ok = FALSE;
        }
      next (p);
      if (at_punct (p, P_LPAREN))
        {
          error_at_tok (p, cur (p), "deconstruction (`var (a, b) = …`) " NOT_SUPPORTED);
          ok = FALSE;
        }
    }
  else
    {
      type = parse_type (p, TRUE);
      ok = type != NULL;
    }

  while (ok)
    {
      AwlToken *name_tok = cur (p);
      AwlVar *v;
      AwlExpr *init = NULL;

      if (expect_ident (p, "a variable name") == NULL)
        {
          ok = FALSE;
          break;
        }
      v = new_var (p, AWL_VAR_LOCAL, name_tok->text, loc_of (name_tok), type);
      v->is_const = is_const;
      if (accept_punct (p, P_ASSIGN))
        {
          if (at_punct (p, P_LBRACE))
            init = parse_bare_array_initializer (p, type);
          else
            init = parse_expr (p);
          if (init == NULL)
            {
              ok = FALSE;
              break;
            }
        }
      else if (type == NULL)
        {
          error_at_tok (p, cur (p), "a `var` declaration needs a value: `var %s = …;`", v->name);
          ok = FALSE;
          break;
        }
      else if (is_const)
        {
          error_at_tok (p, cur (p), "a `const` needs a value: `const %s %s = …;`", type->name, v->name);
          ok = FALSE;
          break;
        }
      g_ptr_array_add (vars, v);
      g_ptr_array_add (inits, init);
      if (!accept_punct (p, P_COMMA))
        break;
      if (type == NULL)
        {
          error_at_tok (p, tok_at (p, p->pos - 1), "a `var` declaration declares one variable");
          ok = FALSE;
          break;
        }
    }

  if (ok && !in_for)
    ok = expect_semicolon (p);

  s->decl.type = type;
  s->decl.is_const = is_const;
  s->decl.n_vars = vars->len;
  s->decl.vars = (AwlVar **) awl_arena_dup_ptrs (p->arena, vars->pdata, vars->len);
  s->decl.inits = (AwlExpr **) awl_arena_dup_ptrs (p->arena, inits->pdata, inits->len);
  g_ptr_array_unref (vars);
  g_ptr_array_unref (inits);
  end_stmt (p, s);

  return ok ? s : NULL;
}

static gboolean
is_statement_expression (const AwlExpr *e)
{
  switch (e->kind)
    {
    case AWL_EXPR_CALL:
    case AWL_EXPR_ASSIGN:
    case AWL_EXPR_AWAIT:
    case AWL_EXPR_NEW:
      return TRUE;
    case AWL_EXPR_UNARY:
      return e->unary.op == AWL_UNARY_PRE_INC || e->unary.op == AWL_UNARY_PRE_DEC ||
             e->unary.op == AWL_UNARY_POST_INC || e->unary.op == AWL_UNARY_POST_DEC;
    default:
      return FALSE;
    }
}

static AwlStmt *
parse_expression_statement (Parser *p)
{
  AwlToken *start = cur (p);
  AwlStmt *s = new_stmt (p, AWL_STMT_EXPR, loc_of (start));

  s->expr.expr = parse_expr (p);
  if (s->expr.expr == NULL)
    return NULL;
  if (!expect_semicolon (p))
    return NULL;
  if (!is_statement_expression (s->expr.expr))
    report_at (p, s->expr.expr->loc,
               "only calls, assignments, `++`/`--`, `await` and `new` can be used as a statement");
  end_stmt (p, s);

  return s;
}

static AwlStmt *
parse_if (Parser *p)
{
  AwlStmt *s = new_stmt (p, AWL_STMT_IF, loc_of (cur (p)));

  next (p);
  if (!paren_expr (p, &s->if_.cond))
    return NULL;
  s->if_.then_stmt = parse_embedded (p, "if");
  if (s->if_.then_stmt == NULL)
    return NULL;
  if (at_kw (p, "else"))
    {
      next (p);
      s->if_.else_stmt = parse_embedded (p, "else");
      if (s->if_.else_stmt == NULL)
        return NULL;
    }
  end_stmt (p, s);
  return s;
}

static AwlStmt *
parse_while (Parser *p)
{
  AwlStmt *s = new_stmt (p, AWL_STMT_WHILE, loc_of (cur (p)));

  next (p);
  if (!paren_expr (p, &s->while_.cond))
    return NULL;
  s->while_.body = parse_embedded (p, "while");
  if (s->while_.body == NULL)
    return NULL;
  end_stmt (p, s);
  return s;
}

static AwlStmt *
parse_do (Parser *p)
{
  AwlStmt *s = new_stmt (p, AWL_STMT_DO, loc_of (cur (p)));

  next (p);
  s->while_.body = parse_embedded (p, "do");
  if (s->while_.body == NULL)
    return NULL;
  if (!at_kw (p, "while"))
    {
      error_expected (p, "`while` after the body of `do`");
      return NULL;
    }
  next (p);
  if (!paren_expr (p, &s->while_.cond) || !expect_semicolon (p))
    return NULL;
  end_stmt (p, s);
  return s;
}

static AwlStmt *
parse_for (Parser *p)
{
  AwlStmt *s = new_stmt (p, AWL_STMT_FOR, loc_of (cur (p)));
  GPtrArray *init = g_ptr_array_new ();
  GPtrArray *iter = g_ptr_array_new ();
  gboolean ok = FALSE;

  next (p);
  if (!expect_punct (p, P_LPAREN))
    goto out;

  if (!at_punct (p, P_SEMI))
    {
      if (declaration_ahead (p))
        {
          AwlStmt *d = parse_declaration (p, FALSE, TRUE);
          if (d == NULL)
            goto out;
          g_ptr_array_add (init, d);
        }
      else
        {
          for (;;)
            {
              AwlStmt *es = new_stmt (p, AWL_STMT_EXPR, loc_of (cur (p)));

              es->expr.expr = parse_expr (p);
              if (es->expr.expr == NULL)
                goto out;
              g_ptr_array_add (init, es);
              if (!accept_punct (p, P_COMMA))
                break;
            }
        }
    }
  if (!expect_semicolon (p))
    goto out;
  if (!at_punct (p, P_SEMI))
    {
      s->for_.cond = parse_expr (p);
      if (s->for_.cond == NULL)
        goto out;
    }
  if (!expect_semicolon (p))
    goto out;
  if (!at_punct (p, P_RPAREN))
    {
      for (;;)
        {
          AwlExpr *e = parse_expr (p);
          if (e == NULL)
            goto out;
          g_ptr_array_add (iter, e);
          if (!accept_punct (p, P_COMMA))
            break;
        }
    }
  if (!expect_punct (p, P_RPAREN))
    goto out;
  s->for_.body = parse_embedded (p, "for");
  ok = s->for_.body != NULL;

out:
  s->for_.n_init = init->len;
  s->for_.init = (AwlStmt **) awl_arena_dup_ptrs (p->arena, init->pdata, init->len);
  s->for_.n_iter = iter->len;
  s->for_.iter = (AwlExpr **) awl_arena_dup_ptrs (p->arena, iter->pdata, iter->len);
  g_ptr_array_unref (init);
  g_ptr_array_unref (iter);
  end_stmt (p, s);

  return ok ? s : NULL;
}

static AwlStmt *
parse_foreach (Parser   *p,
               AwlToken *start,
               gboolean  is_await)
{
  AwlStmt *s = new_stmt (p, AWL_STMT_FOREACH, loc_of (start));
  AwlTypeRef *type = NULL;
  AwlToken *name_tok;
  AwlStmt *unpack = NULL;   /* `foreach (var (k, v) in …)` */

  s->foreach.is_await = is_await;
  next (p); /* foreach */
  if (!expect_punct (p, P_LPAREN))
    return NULL;

  if (tok_is_ident (cur (p), "var") && peek_tok (p, 1)->kind == AWL_TOK_IDENT)
    next (p);
  else if (tok_is_ident (cur (p), "var") && tok_is_punct (peek_tok (p, 1), P_LPAREN))
    {
      if ((unpack = awl_px_parse_foreach_deconstruction ((AwlPx *) p, &s->foreach.var)) == NULL)
        return NULL;
    }
  else
    {
      type = parse_type (p, TRUE);
      if (type == NULL)
        return NULL;
    }

  if (unpack == NULL)
    {
      name_tok = cur (p);
      if (expect_ident (p, "a variable name") == NULL)
        return NULL;
      s->foreach.var = new_var (p, AWL_VAR_FOREACH, name_tok->text, loc_of (name_tok), type);
    }

  if (!at_kw (p, "in"))
    {
      error_expected (p, "`in`");
      return NULL;
    }
  next (p);
  s->foreach.collection = parse_expr (p);
  if (s->foreach.collection == NULL || !expect_punct (p, P_RPAREN))
    return NULL;
  s->foreach.body = parse_embedded (p, "foreach");
  if (s->foreach.body == NULL)
    return NULL;
  if (unpack != NULL)
    s->foreach.body = awl_px_prepend_stmt ((AwlPx *) p, unpack, s->foreach.body);
  end_stmt (p, s);

  return s;
}

static AwlStmt *
parse_try (Parser *p)
{
  AwlStmt *s = new_stmt (p, AWL_STMT_TRY, loc_of (cur (p)));
  GArray *catches = g_array_new (FALSE, TRUE, sizeof (AwlCatch));
  gboolean ok = FALSE;

  next (p);
  if (!at_punct (p, P_LBRACE))
    {
      error_expected (p, "`{` after `try`");
      goto out;
    }
  s->try_.body = parse_block (p);
  if (s->try_.body == NULL)
    goto out;

  while (at_kw (p, "catch"))
    {
      AwlCatch c = { 0 };

      c.loc = loc_of (cur (p));
      next (p);
      if (accept_punct (p, P_LPAREN))
        {
          c.type = parse_type (p, FALSE);
          if (c.type == NULL)
            goto out;
          if (cur (p)->kind == AWL_TOK_IDENT)
            {
              c.var = new_var (p, AWL_VAR_CATCH, cur (p)->text, loc_of (cur (p)), c.type);
              next (p);
            }
          if (!expect_punct (p, P_RPAREN))
            goto out;
        }
      if (tok_is_ident (cur (p), "when"))
        {
          next (p);
          if (!paren_expr (p, &c.filter))
            goto out;
        }
      if (!at_punct (p, P_LBRACE))
        {
          error_expected (p, "`{` after `catch`");
          goto out;
        }
      c.body = parse_block (p);
      if (c.body == NULL)
        goto out;
      g_array_append_val (catches, c);
    }

  if (at_kw (p, "finally"))
    {
      next (p);
      if (!at_punct (p, P_LBRACE))
        {
          error_expected (p, "`{` after `finally`");
          goto out;
        }
      s->try_.finally_block = parse_block (p);
      if (s->try_.finally_block == NULL)
        goto out;
    }

  if (catches->len == 0 && s->try_.finally_block == NULL)
    {
      error_expected (p, "`catch` or `finally` after the `try` block");
      goto out;
    }
  ok = TRUE;

out:
  s->try_.n_catches = catches->len;
  if (catches->len > 0)
    {
      s->try_.catches = awl_arena_alloc0 (p->arena, catches->len * sizeof (AwlCatch));
      memcpy (s->try_.catches, catches->data, catches->len * sizeof (AwlCatch));
    }
  g_array_unref (catches);
  end_stmt (p, s);

  return ok ? s : NULL;
}

/* Reports an unsupported statement keyword and skips the construct. */
static AwlStmt *
unsupported_statement (Parser     *p,
                       const char *message)
{
  AwlToken *t = cur (p);

  error_at_tok (p, t, "%s", message);
  next (p);
  if (at_punct (p, P_LPAREN))
    skip_group (p);
  if (at_punct (p, P_LBRACE))
    {
      skip_group (p);
      p->panic = FALSE;
      return NULL;
    }
  return NULL;
}

static AwlStmt *
parse_statement_inner (Parser *p)
{
  AwlToken *t = cur (p);
  AwlStmt *s;

  if (tok_is_punct (t, P_LBRACE))
    return parse_block (p);
  if (tok_is_punct (t, P_SEMI))
    {
      next (p);
      return new_stmt (p, AWL_STMT_EMPTY, loc_of (t));
    }

  if (t->kind == AWL_TOK_KEYWORD)
    {
      const char *kw = t->text;

      if (strcmp (kw, "if") == 0)
        return parse_if (p);
      if (strcmp (kw, "while") == 0)
        return parse_while (p);
      if (strcmp (kw, "do") == 0)
        return parse_do (p);
      if (strcmp (kw, "for") == 0)
        return parse_for (p);
      if (strcmp (kw, "foreach") == 0)
        return parse_foreach (p, t, FALSE);
      if (strcmp (kw, "try") == 0)
        return parse_try (p);
      if (strcmp (kw, "break") == 0 || strcmp (kw, "continue") == 0)
        {
          s = new_stmt (p, kw[0] == 'b' ? AWL_STMT_BREAK : AWL_STMT_CONTINUE, loc_of (t));
          next (p);
          return expect_semicolon (p) ? s : NULL;
        }
      if (strcmp (kw, "return") == 0 || strcmp (kw, "throw") == 0)
        {
          s = new_stmt (p, kw[0] == 'r' ? AWL_STMT_RETURN : AWL_STMT_THROW, loc_of (t));
          next (p);
          if (!at_punct (p, P_SEMI))
            {
              s->ret.value = parse_expr (p);
              if (s->ret.value == NULL)
                return NULL;
            }
          if (!expect_semicolon (p))
            return NULL;
          end_stmt (p, s);
          return s;
        }
      if (strcmp (kw, "lock") == 0)
        {
          s = new_stmt (p, AWL_STMT_LOCK, loc_of (t));
          next (p);
          if (!paren_expr (p, &s->lock.target))
            return NULL;
          s->lock.body = parse_embedded (p, "lock");
          if (s->lock.body == NULL)
            return NULL;
          end_stmt (p, s);
          return s;
        }
      if (strcmp (kw, "const") == 0)
        {
          next (p);
          return parse_declaration (p, TRUE, FALSE);
        }
      if (strcmp (kw, "else") == 0)
        return unsupported_statement (p, "`else` without a matching `if`");
      if (strcmp (kw, "catch") == 0 || strcmp (kw, "finally") == 0)
        {
          error_at_tok (p, t, "`%s` without a matching `try`", kw);
          return NULL;
        }
      if (strcmp (kw, "switch") == 0)
        return awl_px_parse_switch_statement ((AwlPx *) p);
      if (strcmp (kw, "goto") == 0)
        return unsupported_statement (p, "`goto` " NOT_SUPPORTED);
      if (strcmp (kw, "using") == 0)
        return parse_using (p, t, FALSE);
      if (strcmp (kw, "unsafe") == 0 || strcmp (kw, "fixed") == 0 ||
          strcmp (kw, "checked") == 0 || strcmp (kw, "unchecked") == 0)
        {
          g_autofree char *msg = g_strdup_printf ("`%s` " NOT_SUPPORTED, kw);
          return unsupported_statement (p, msg);
        }
      if (strcmp (kw, "case") == 0 || strcmp (kw, "default") == 0)
        {
          if (strcmp (kw, "case") == 0 || tok_is_punct (peek_tok (p, 1), P_COLON))
            return unsupported_statement (p, "`switch` " NOT_SUPPORTED "; use if/else");
        }
      if (strcmp (kw, "class") == 0 || strcmp (kw, "struct") == 0 ||
          strcmp (kw, "interface") == 0 || strcmp (kw, "enum") == 0)
        {
          error_at_tok (p, t, "a `%s` cannot be declared inside a method", kw);
          return NULL;
        }
      if ((strcmp (kw, "static") == 0 || strcmp (kw, "unsafe") == 0 || is_predefined_type (t)) &&
          local_function_ahead (p))
        return parse_local_function (p);
      if (strcmp (kw, "ref") == 0)
        return unsupported_statement (p, "`ref` locals " ARE_NOT_SUPPORTED);
    }

  if (t->kind == AWL_TOK_IDENT)
    {
      AwlToken *n = peek_tok (p, 1);

      if (strcmp (t->text, "yield") == 0 && (tok_is_kw (n, "return") || tok_is_kw (n, "break")))
        {
          next (p);
          next (p);
          if (tok_is_kw (n, "break"))
            {
              if (p->func != NULL)
                p->func->flags |= AWL_FUNC_ITERATOR;
              s = new_stmt (p, AWL_STMT_YIELD_BREAK, loc_of (t));
              return expect_semicolon (p) ? s : NULL;
            }
          s = new_stmt (p, AWL_STMT_YIELD_RETURN, loc_of (t));
          s->ret.value = parse_expr (p);
          if (s->ret.value == NULL || !expect_semicolon (p))
            return NULL;
          end_stmt (p, s);
          if (p->func != NULL)
            p->func->flags |= AWL_FUNC_ITERATOR;
          return s;
        }
      if (strcmp (t->text, "await") == 0 && tok_is_kw (n, "foreach"))
        {
          next (p);
          return parse_foreach (p, t, TRUE);
        }
      if (strcmp (t->text, "await") == 0 && tok_is_kw (n, "using"))
        {
          next (p);
          return parse_using (p, t, TRUE);
        }
      if (tok_is_punct (n, P_COLON) && !tok_is_punct (peek_tok (p, 2), P_COLON))
        {
          error_at_tok (p, t, "labels " ARE_NOT_SUPPORTED " (there is no `goto`)");
          next (p);
          next (p);
          p->panic = FALSE;
          return NULL;
        }
      if (local_function_ahead (p))
        return parse_local_function (p);
    }

  if (awl_px_deconstruction_ahead ((AwlPx *) p))
    return awl_px_parse_deconstruction ((AwlPx *) p);
  if (declaration_ahead (p))
    return parse_declaration (p, FALSE, FALSE);

  return parse_expression_statement (p);
}

static AwlStmt *
parse_statement (Parser *p)
{
  AwlStmt *s;

  ENTER_NESTING (p, cur (p), NULL);
  s = parse_statement_inner (p);
  LEAVE_NESTING (p);

  return s;
}

/* `x?.Dispose();` or `await x.DisposeAsync();` for each variable of @decl, last first,
 * in a block: the `finally` of a using statement or declaration. */
static AwlStmt *
dispose_block (Parser   *p,
               AwlStmt  *decl,
               gboolean  is_await)
{
  AwlStmt *block = new_stmt (p, AWL_STMT_BLOCK, decl->loc);
  AwlStmt **stmts = awl_arena_alloc0 (p->arena, sizeof (AwlStmt *) * MAX (decl->decl.n_vars, 1));

  for (guint i = 0; i < decl->decl.n_vars; i++)
    {
      AwlVar *v = decl->decl.vars[decl->decl.n_vars - 1 - i];
      AwlExpr *name = new_expr (p, AWL_EXPR_NAME, decl->loc);
      AwlExpr *member = new_expr (p, AWL_EXPR_MEMBER, decl->loc);
      AwlExpr *call = new_expr (p, AWL_EXPR_CALL, decl->loc);
      AwlStmt *s = new_stmt (p, AWL_STMT_EXPR, decl->loc);

      name->name.name = v->name;
      name->depth = 1;
      member->member.target = name;
      member->member.name = is_await ? "DisposeAsync" : "Dispose";
      member->member.name_loc = decl->loc;
      member->member.null_conditional = !is_await;
      member->depth = 2;
      call->call.callee = member;
      call->depth = 3;
      if (is_await)
        {
          AwlExpr *aw = new_expr (p, AWL_EXPR_AWAIT, decl->loc);
          aw->await.operand = call;
          aw->depth = 4;
          call = aw;
        }
      s->expr.expr = call;
      s->end_line = decl->end_line;
      stmts[i] = s;
    }
  block->block.stmts = stmts;
  block->block.n_stmts = decl->decl.n_vars;
  block->end_line = decl->end_line;
  return block;
}

static AwlStmt *using_try (Parser *p, AwlStmt *decl, AwlStmt *body, gboolean is_await);

/* The statements of a block after a using declaration, up to and including its `}`
 * (*closed), themselves wrapped again after a further using declaration. */
static void
parse_block_tail (Parser    *p,
                  GPtrArray *stmts,
                  gboolean  *closed)
{
  *closed = FALSE;
  while (!at_eof (p))
    {
      guint before = p->pos;
      AwlStmt *child;

      if (at_punct (p, P_RBRACE))
        {
          *closed = TRUE;
          next (p);
          return;
        }
      child = parse_statement (p);
      if (child != NULL)
        g_ptr_array_add (stmts, child);
      else
        sync_statement (p);
      if (p->pos == before)
        next (p);
      if (child != NULL && g_hash_table_contains (p->using_decls, child))
        {
          gboolean is_await = GPOINTER_TO_INT (g_hash_table_lookup (p->using_decls, child)) == 2;
          AwlStmt *rest = new_stmt (p, AWL_STMT_BLOCK, child->loc);
          GPtrArray *tail = g_ptr_array_new ();

          g_hash_table_remove (p->using_decls, child);
          parse_block_tail (p, tail, closed);
          rest->block.n_stmts = tail->len;
          rest->block.stmts = (AwlStmt **) awl_arena_dup_ptrs (p->arena, tail->pdata, tail->len);
          rest->end_line = tok_at (p, p->pos > 0 ? p->pos - 1 : 0)->end_line;
          g_ptr_array_unref (tail);
          g_ptr_array_add (stmts, using_try (p, child, rest, is_await));
          return;
        }
    }
}

/* try { @body } finally { dispose @decl's variables } */
static AwlStmt *
using_try (Parser   *p,
           AwlStmt  *decl,
           AwlStmt  *body,
           gboolean  is_await)
{
  AwlStmt *t = new_stmt (p, AWL_STMT_TRY, decl->loc);

  t->try_.body = body;
  t->try_.finally_block = dispose_block (p, decl, is_await);
  t->end_line = body->end_line;
  return t;
}

/* `using (var x = …) statement` becomes { var x = …; try { statement } finally
 * { x?.Dispose(); } }; `using var x = …;` is a declaration whose block's remaining
 * statements get the same try/finally (parse_block). `await using` awaits
 * DisposeAsync() instead. */
static AwlStmt *
parse_using (Parser   *p,
             AwlToken *start,
             gboolean  is_await)
{
  AwlStmt *decl, *body, *block;
  AwlStmt **stmts;

  next (p); /* using */
  if (!at_punct (p, P_LPAREN))
    {
      if (!declaration_ahead (p))
        {
          error_at_tok (p, cur (p), "expected a declaration after `using` (`using var x = …;`)");
          return NULL;
        }
      decl = parse_declaration (p, FALSE, FALSE);
      if (decl != NULL)
        g_hash_table_insert (p->using_decls, decl, GINT_TO_POINTER (is_await ? 2 : 1));
      return decl;
    }
  next (p); /* ( */
  if (!declaration_ahead (p))
    {
      error_at_tok (p, cur (p), "`using (expression)` " NOT_SUPPORTED "; declare the variable: `using (var x = …)`");
      return NULL;
    }
  decl = parse_declaration (p, FALSE, TRUE);
  if (decl == NULL || !expect_punct (p, P_RPAREN))
    return NULL;
  body = parse_statement (p);
  if (body == NULL)
    return NULL;
  block = new_stmt (p, AWL_STMT_BLOCK, loc_of (start));
  stmts = awl_arena_alloc0 (p->arena, sizeof (AwlStmt *) * 2);
  stmts[0] = decl;
  stmts[1] = using_try (p, decl, body, is_await);
  block->block.stmts = stmts;
  block->block.n_stmts = 2;
  block->end_line = body->end_line;
  return block;
}

static AwlStmt *
parse_block (Parser *p)
{
  AwlToken *open = cur (p);
  AwlStmt *s = new_stmt (p, AWL_STMT_BLOCK, loc_of (open));
  GPtrArray *stmts = g_ptr_array_new ();
  gboolean closed = FALSE;

  ENTER_NESTING (p, open, (g_ptr_array_unref (stmts), NULL));

  next (p); /* { */
  while (!at_eof (p))
    {
      guint before = p->pos;
      AwlStmt *child;

      if (at_punct (p, P_RBRACE))
        {
          closed = TRUE;
          next (p);
          break;
        }

      child = parse_statement (p);
      if (child != NULL)
        g_ptr_array_add (stmts, child);
      else
        sync_statement (p);
      if (p->pos == before)
        next (p);
      if (child != NULL && g_hash_table_contains (p->using_decls, child))
        {
          /* `using var x = …;`: the rest of the block runs in try, x is disposed after. */
          gboolean is_await = GPOINTER_TO_INT (g_hash_table_lookup (p->using_decls, child)) == 2;
          AwlStmt *rest = new_stmt (p, AWL_STMT_BLOCK, child->loc);
          GPtrArray *tail = g_ptr_array_new ();

          g_hash_table_remove (p->using_decls, child);
          parse_block_tail (p, tail, &closed);
          rest->block.n_stmts = tail->len;
          rest->block.stmts = (AwlStmt **) awl_arena_dup_ptrs (p->arena, tail->pdata, tail->len);
          rest->end_line = tok_at (p, p->pos > 0 ? p->pos - 1 : 0)->end_line;
          g_ptr_array_unref (tail);
          g_ptr_array_add (stmts, using_try (p, child, rest, is_await));
          break;
        }
    }

  if (!closed)
    {
      p->panic = FALSE;
      error_at_tok (p, open, "this `{` is never closed: expected `}` before the end of the file");
    }

  s->block.n_stmts = stmts->len;
  s->block.stmts = (AwlStmt **) awl_arena_dup_ptrs (p->arena, stmts->pdata, stmts->len);
  g_ptr_array_unref (stmts);
  end_stmt (p, s);
  LEAVE_NESTING (p);

  return s;
}

/* ---------------------------------------------------------------------------- */
/* Members                                                                      */

typedef struct
{
  guint     mods;
  AwlToken *first;
  gboolean  any;
} Modifiers;

static void
parse_modifiers (Parser    *p,
                 Modifiers *m)
{
  memset (m, 0, sizeof *m);
  m->first = cur (p);

  for (;;)
    {
      AwlToken *t = cur (p);
      guint bit = 0;

      if (t->kind == AWL_TOK_KEYWORD)
        {
          if (strcmp (t->text, "static") == 0) bit = AWL_MOD_STATIC;
          else if (strcmp (t->text, "public") == 0) bit = AWL_MOD_PUBLIC;
          else if (strcmp (t->text, "private") == 0) bit = AWL_MOD_PRIVATE;
          else if (strcmp (t->text, "protected") == 0) bit = AWL_MOD_PROTECTED;
          else if (strcmp (t->text, "internal") == 0) bit = AWL_MOD_INTERNAL;
          else if (strcmp (t->text, "readonly") == 0) bit = AWL_MOD_READONLY;
          else if (strcmp (t->text, "const") == 0) bit = AWL_MOD_CONST;
          else if (strcmp (t->text, "volatile") == 0) bit = AWL_MOD_VOLATILE;
          else if (strcmp (t->text, "virtual") == 0) bit = AWL_MOD_VIRTUAL;
          else if (strcmp (t->text, "override") == 0) bit = AWL_MOD_OVERRIDE;
          else if (strcmp (t->text, "abstract") == 0) bit = AWL_MOD_ABSTRACT;
          else if (strcmp (t->text, "sealed") == 0) bit = AWL_MOD_SEALED;
          else if (strcmp (t->text, "extern") == 0 || strcmp (t->text, "unsafe") == 0 ||
                   strcmp (t->text, "new") == 0)
            {
              /* Fine on a class (ignored), an error on a member: decided by the caller. */
              if (strcmp (t->text, "new") == 0 && !(peek_tok (p, 1)->kind == AWL_TOK_IDENT ||
                                                    peek_tok (p, 1)->kind == AWL_TOK_KEYWORD))
                break;
              bit = 1u << 30;
            }
        }
      else if (t->kind == AWL_TOK_IDENT &&
               (strcmp (t->text, "async") == 0 || strcmp (t->text, "partial") == 0) &&
               (peek_tok (p, 1)->kind == AWL_TOK_IDENT || peek_tok (p, 1)->kind == AWL_TOK_KEYWORD))
        bit = strcmp (t->text, "async") == 0 ? AWL_MOD_ASYNC : 1u << 29;

      if (bit == 0)
        break;
      m->mods |= bit;
      m->any = TRUE;
      next (p);
    }
}

static void
skip_member (Parser *p)
{
  /* Skip to the end of the declaration: a `;` or a balanced `{ … }`. */
  while (!at_eof (p) && !at_punct (p, P_RBRACE))
    {
      if (at_punct (p, P_SEMI))
        {
          next (p);
          break;
        }
      if (at_punct (p, P_LBRACE))
        {
          if (!skip_group (p))
            next (p);
          /* `{ get; } = value;` */
          if (at_punct (p, P_ASSIGN))
            continue;
          break;
        }
      if (!skip_group (p))
        next (p);
    }
  p->panic = FALSE;
}

static void
reject_bad_modifiers (Parser    *p,
                      Modifiers *m)
{
  if (m->mods & (1u << 30))
    {
      /* Find which one to name it. */
      for (AwlToken *t = m->first; t < cur (p); t++)
        if (t->kind == AWL_TOK_KEYWORD &&
            (strcmp (t->text, "extern") == 0 || strcmp (t->text, "unsafe") == 0 ||
             strcmp (t->text, "new") == 0))
          {
            report_at (p, loc_of (t), "the modifier `%s` " NOT_SUPPORTED " on a method or field",
                       t->text);
            break;
          }
    }
}

static void
parse_params (Parser      *p,
              AwlFunction *f)
{
  GPtrArray *params = g_ptr_array_new ();

  next (p); /* ( */
  if (!at_punct (p, P_RPAREN))
    {
      for (;;)
        {
          AwlToken *t;
          AwlTypeRef *type;
          AwlVar *v;
          gboolean is_params = FALSE;

          while (at_punct (p, P_LBRACKET) && skip_group (p))
            ;
          t = cur (p);
          if (tok_is_kw (t, "this") && params->len == 0 && (f->modifiers & AWL_MOD_STATIC))
            {
              /* An extension method's receiver: `static T M(this Task<T> t, …)`. */
              f->flags |= AWL_FUNC_EXTENSION;
              next (p);
              t = cur (p);
            }
          gboolean by_ref = awl_px_parse_param_modifier ((AwlPx *) p);
          t = cur (p);
          if (tok_is_kw (t, "ref") || tok_is_kw (t, "out") || tok_is_kw (t, "in") ||
              tok_is_kw (t, "this"))
            {
              error_at_tok (p, t, "`%s` parameters " ARE_NOT_SUPPORTED, t->text);
              break;
            }
          if (tok_is_kw (t, "params"))
            {
              is_params = TRUE;
              next (p);
            }
          type = parse_type (p, TRUE);
          if (type == NULL)
            break;
          t = cur (p);
          if (expect_ident (p, "a parameter name") == NULL)
            break;
          v = new_var (p, AWL_VAR_PARAM, t->text, loc_of (t), type);
          v->is_params = is_params;
          v->by_ref = by_ref;
          if (is_params && type->array_rank == 0)
            report_at (p, type->loc, "a `params` parameter must be an array");
          if (accept_punct (p, P_ASSIGN))
            {
              v->default_value = parse_expr (p);
              if (v->default_value == NULL)
                break;
            }
          g_ptr_array_add (params, v);
          if (!accept_punct (p, P_COMMA))
            break;
        }
    }
  if (!p->panic)
    expect_punct (p, P_RPAREN);

  f->n_params = params->len;
  f->params = (AwlVar **) awl_arena_dup_ptrs (p->arena, params->pdata, params->len);
  g_ptr_array_unref (params);
}

/* Type declarations: base lists, records, properties with bodies. */
#include "awl-parser-types.inc"

static void
parse_method (Parser     *p,
              Modifiers  *m,
              AwlTypeRef *return_type,
              AwlToken   *name_tok)
{
  AwlFunction *f = new_function (p, loc_of (name_tok), name_tok->text);
  AwlAstPrivate *priv = p->ast->priv;

  f->parent = NULL;
  f->klass = current_class (p);
  f->modifiers = m->mods & 0xFFFF;
  f->return_type = return_type;
  f->return_kind = classify_return (return_type);
  if (m->mods & AWL_MOD_ASYNC)
    {
      f->flags |= AWL_FUNC_ASYNC;
      if (f->return_kind == AWL_RETURN_VOID)
        f->flags |= AWL_FUNC_ASYNC_VOID;
    }

  p->func = f;
  p->method = f;
  p->n_lambdas = 0;

  parse_params (p, f);
  /* Generic constraints (`where T : class`) are ignored. */
  while (tok_is_ident (cur (p), "where") || tok_is_kw (cur (p), "where"))
    while (!at_eof (p) && !at_punct (p, P_LBRACE) && !at_punct (p, P_ARROW) && !at_punct (p, P_SEMI))
      next (p);
  if (f->klass != NULL && !(m->mods & AWL_MOD_STATIC))
    {
      /* An instance method: `this` is its hidden first parameter. */
      AwlTypeRef *t = awl_arena_new0 (p->arena, AwlTypeRef);
      AwlVar **params = awl_arena_alloc0 (p->arena, sizeof (AwlVar *) * (f->n_params + 1));

      t->loc = loc_of (name_tok);
      t->name = f->klass;
      params[0] = new_var (p, AWL_VAR_PARAM, "this", loc_of (name_tok), t);
      if (f->n_params > 0)
        memcpy (params + 1, f->params, sizeof (AwlVar *) * f->n_params);
      f->params = params;
      f->n_params++;
      f->flags |= AWL_FUNC_INSTANCE;
    }
  if (p->panic)
    {
      /* Skip to the body and still parse it: its errors are worth reporting. */
      while (!at_eof (p) && !at_punct (p, P_LBRACE) && !at_punct (p, P_SEMI) &&
             !at_punct (p, P_RBRACE))
        next (p);
      p->panic = FALSE;
    }

  if (at_punct (p, P_COLON) && g_strcmp0 (name_tok->text, f->klass) == 0)
    parse_ctor_initializer (p, f);

  if (tok_is_ident (cur (p), "where"))
    {
      error_at_tok (p, cur (p), "generic constraints " ARE_NOT_SUPPORTED);
      while (!at_eof (p) && !at_punct (p, P_LBRACE) && !at_punct (p, P_ARROW))
        next (p);
      p->panic = FALSE;
    }

  if (at_punct (p, P_LBRACE))
    {
      f->body = parse_block (p);
      f->end_line = tok_at (p, p->pos - 1)->end_line;
    }
  else if (at_punct (p, P_ARROW))
    {
      next (p);
      f->flags |= AWL_FUNC_EXPR_BODY;
      f->body_expr = parse_expr (p);
      if (f->body_expr != NULL)
        expect_semicolon (p);
      f->end_line = tok_at (p, p->pos - 1)->end_line;
      if (f->body_expr == NULL)
        sync_statement (p);
    }
  else if (at_punct (p, P_SEMI) && ((m->mods & AWL_MOD_ABSTRACT) || class_is_interface (p)))
    {
      /* An abstract or interface method: called only through an override. */
      f->flags |= AWL_FUNC_ABSTRACT;
      f->end_line = cur (p)->end_line;
      next (p);
    }
  else if (at_punct (p, P_SEMI))
    {
      report_at (p, loc_of (name_tok), "the method `%s` has no body", name_tok->text);
      next (p);
    }
  else
    {
      error_expected (p, "`{` to start the method's body");
      sync_statement (p);
    }

  if (f->body == NULL && f->body_expr == NULL)
    {
      /* Keep the tree usable: an empty body. */
      f->flags &= ~AWL_FUNC_EXPR_BODY;
      f->body = new_stmt (p, AWL_STMT_BLOCK, loc_of (name_tok));
    }

  p->func = NULL;
  p->method = NULL;
  p->panic = FALSE;

  g_ptr_array_add (p->methods, f);
  if (!g_hash_table_contains (priv->methods, f->name))
    g_hash_table_insert (priv->methods, (gpointer) f->name, f);
  add_member (p, f->klass, f->name, f);
}

/* A local function is hoisted to a static method of the enclosing class (so it
 * cannot use the enclosing method's variables; the checker says so). */
static AwlStmt *
parse_local_function (Parser *p)
{
  AwlFunction *saved_func = p->func, *saved_method = p->method;
  guint saved_lambdas = p->n_lambdas;
  AwlToken *t = cur (p);
  AwlTypeRef *type;
  AwlToken *name_tok;
  Modifiers m;
  AwlStmt *s;

  parse_modifiers (p, &m);
  type = parse_type (p, TRUE);
  if (type == NULL)
    return NULL;
  name_tok = cur (p);
  next (p);
  if (at_punct (p, P_LT))
    {
      error_at_tok (p, cur (p), "generic local functions " ARE_NOT_SUPPORTED);
      return NULL;
    }
  m.mods |= AWL_MOD_STATIC;
  parse_method (p, &m, type, name_tok);
  ((AwlFunction *) g_ptr_array_index (p->methods, p->methods->len - 1))->flags |= AWL_FUNC_LOCAL;
  p->func = saved_func;
  p->method = saved_method;
  p->n_lambdas = saved_lambdas;
  s = new_stmt (p, AWL_STMT_EMPTY, loc_of (t));
  return s;
}

/* `enum Color { Red, Green = 5, Blue }`: a type whose values are its member names
 * (they print and compare as .NET's do; the numbers are not kept). */
static void
parse_enum (Parser *p)
{
  AwlAstPrivate *priv = p->ast->priv;
  AwlToken *name;
  GPtrArray *members;

  next (p); /* enum */
  name = cur (p);
  if (expect_ident (p, "an enum name") == NULL)
    {
      skip_member (p);
      return;
    }
  if (accept_punct (p, P_COLON))
    parse_type (p, FALSE);   /* the underlying type: ignored */
  if (!at_punct (p, P_LBRACE))
    {
      error_expected (p, "`{` to start the enum");
      skip_member (p);
      return;
    }
  next (p);
  members = g_ptr_array_new ();
  while (!at_eof (p) && !at_punct (p, P_RBRACE))
    {
      AwlToken *m = cur (p);

      while (at_punct (p, P_LBRACKET) && skip_group (p))
        ;
      m = cur (p);
      if (expect_ident (p, "an enum member") == NULL)
        break;
      g_ptr_array_add (members, (gpointer) m->text);
      if (accept_punct (p, P_ASSIGN))
        parse_expr (p);   /* explicit values: not kept */
      if (!accept_punct (p, P_COMMA))
        break;
    }
  expect_punct (p, P_RBRACE);
  accept_punct (p, P_SEMI);
  p->panic = FALSE;
  if (g_hash_table_contains (priv->enums, name->text))
    {
      report_at (p, loc_of (name), "the enum `%s` is already defined", name->text);
      g_ptr_array_unref (members);
      return;
    }
  g_hash_table_insert (priv->enums, (gpointer) name->text, members);
}

static void
parse_fields (Parser     *p,
              Modifiers  *m,
              AwlTypeRef *type,
              AwlToken   *name_tok)
{
  AwlAstPrivate *priv = p->ast->priv;

  for (;;)
    {
      AwlField *f = awl_arena_new0 (p->arena, AwlField);

      f->loc = loc_of (name_tok);
      f->modifiers = m->mods & 0xFFFF;
      f->type = type;
      f->name = name_tok->text;
      if (accept_punct (p, P_ASSIGN))
        {
          f->init = at_punct (p, P_LBRACE) ? parse_bare_array_initializer (p, type) : parse_expr (p);
          if (f->init == NULL)
            {
              skip_member (p);
              return;
            }
        }
      else if (m->mods & AWL_MOD_CONST)
        report_at (p, loc_of (name_tok), "a `const` needs a value: `const %s %s = …;`",
                   type->name, name_tok->text);
      f->index = p->fields->len;
      f->klass = current_class (p);
      g_ptr_array_add (p->fields, f);
      if (!g_hash_table_contains (priv->fields, f->name))
        g_hash_table_insert (priv->fields, (gpointer) f->name, f);
      add_member (p, f->klass, f->name, f);

      if (!accept_punct (p, P_COMMA))
        break;
      name_tok = cur (p);
      if (expect_ident (p, "a field name") == NULL)
        {
          skip_member (p);
          return;
        }
    }
  if (!expect_semicolon (p))
    skip_member (p);
}

static void parse_members (Parser *p, gboolean until_brace);

static void
parse_class (Parser   *p,
             AwlToken *kw,
             guint     mods,
             guint     class_flags)
{
  AwlToken *open;
  const char *name;
  AwlAstPrivate *priv = p->ast->priv;
  AwlClassDecl *decl;

  next (p); /* class */
  if (expect_ident (p, "a class name") == NULL)
    {
      skip_member (p);
      return;
    }
  name = tok_at (p, p->pos - 1)->text;
  decl = awl_arena_new0 (p->arena, AwlClassDecl);
  decl->loc = loc_of (tok_at (p, p->pos - 1));
  decl->name = name;
  decl->flags = class_flags;
  if (mods & AWL_MOD_ABSTRACT)
    decl->flags |= AWL_CLASS_ABSTRACT;
  if (mods & AWL_MOD_STATIC)
    decl->flags |= AWL_CLASS_STATIC;
  awl_ast_add_class_decl (p->ast, decl);
  if (at_punct (p, P_LT))
    parse_class_type_params (p);
  if (at_punct (p, P_LPAREN))
    parse_primary_ctor (p, decl);
  if (accept_punct (p, P_COLON))
    parse_base_list (p, decl);
  /* Generic constraints are ignored. */
  while (!at_eof (p) && !at_punct (p, P_LBRACE) && !at_punct (p, P_SEMI))
    if (!skip_group (p))
      next (p);
  if (at_punct (p, P_SEMI) && (decl->flags & AWL_CLASS_RECORD))
    {
      /* `record Point(int X, int Y);` */
      next (p);
      if (!g_hash_table_contains (priv->classes, name))
        {
          g_hash_table_add (priv->classes, (gpointer) name);
          g_ptr_array_add (p->classes, (gpointer) name);
        }
      add_record_members (p, decl);
      return;
    }
  if (!at_punct (p, P_LBRACE))
    {
      error_expected (p, "`{` to start the class");
      skip_member (p);
      return;
    }
  open = cur (p);
  next (p);
  if (!g_hash_table_contains (priv->classes, name))
    {
      g_hash_table_add (priv->classes, (gpointer) name);
      g_ptr_array_add (p->classes, (gpointer) name);
    }
  p->class_depth++;
  g_ptr_array_add (p->class_stack, (gpointer) name);
  if (decl->flags & AWL_CLASS_RECORD)
    add_record_members (p, decl);
  parse_members (p, TRUE);
  g_ptr_array_set_size (p->class_stack, p->class_stack->len - 1);
  p->class_depth--;
  if (!accept_punct (p, P_RBRACE))
    {
      p->panic = FALSE;
      error_at_tok (p, open, "this `{` is never closed: expected `}` before the end of the file");
      p->panic = FALSE;
    }
}

static void
parse_namespace (Parser *p)
{
  AwlToken *open;

  next (p);
  while (cur (p)->kind == AWL_TOK_IDENT || at_punct (p, P_DOT))
    next (p);
  if (accept_punct (p, P_SEMI))
    return; /* file-scoped */
  if (!at_punct (p, P_LBRACE))
    {
      error_expected (p, "`{` or `;` after the namespace name");
      skip_member (p);
      return;
    }
  open = cur (p);
  next (p);
  parse_members (p, TRUE);
  if (!accept_punct (p, P_RBRACE))
    {
      p->panic = FALSE;
      error_at_tok (p, open, "this `{` is never closed: expected `}` before the end of the file");
      p->panic = FALSE;
    }
}

static const char *
unsupported_type_kind (AwlToken *t,
                       AwlToken *n)
{
  if (tok_is_kw (t, "struct"))
    return "structs";
  if (tok_is_kw (t, "interface"))
    return "interfaces";
  if (tok_is_kw (t, "enum"))
    return "enums";
  if (tok_is_kw (t, "delegate"))
    return "delegate types";
  if (tok_is_ident (t, "record") && tok_is_kw (n, "struct"))
    return "record structs";
  return NULL;
}

/* `T x = init;` among top-level statements is a local of Main in C#, initialised when
 * the statements reach it; the subset keeps it a static field (methods declared
 * among the statements may use it), without the initializer, and assigns it in a
 * statement at its place. (Fields with modifiers or `const` keep their initializer.) */
static void
assign_typed_top_level_in_order (Parser *p)
{
  for (guint i = 0; i < p->fields->len; i++)
    {
      AwlField *f = g_ptr_array_index (p->fields, i);
      AwlStmt *assign;
      AwlExpr *target;
      guint at = 0;

      if (f->klass != NULL || f->init == NULL || f->modifiers != 0 || f->type == NULL)
        continue;
      if (f->init->kind == AWL_EXPR_NEW && f->init->new_obj.target_typed && f->init->new_obj.type == NULL)
        f->init->new_obj.type = f->type;
      awl_collection_give_target_type (f->init, f->type);
      assign = new_stmt (p, AWL_STMT_EXPR, f->loc);
      assign->end_line = f->loc.line;
      target = new_expr (p, AWL_EXPR_NAME, f->loc);
      target->name.name = f->name;
      assign->expr.expr = new_expr (p, AWL_EXPR_ASSIGN, f->loc);
      assign->expr.expr->assign.op = AWL_ASSIGN_SET;
      assign->expr.expr->assign.target = target;
      assign->expr.expr->assign.value = f->init;
      f->init = NULL;
      while (at < p->top_stmts->len)
        {
          AwlStmt *s = g_ptr_array_index (p->top_stmts, at);

          if (s->loc.line > f->loc.line || (s->loc.line == f->loc.line && s->loc.col > f->loc.col))
            break;
          at++;
        }
      g_ptr_array_insert (p->top_stmts, at, assign);
    }
}

/* A top-level `var x = …;` that a method declared among the top-level statements
 * uses (C# makes those methods local functions that see it) becomes a static field,
 * assigned where the declaration stands (awl-parser-toplevel.c finds them). */
static void
hoist_captured_top_level_vars (Parser *p)
{
  g_autoptr(GPtrArray) found = awl_parser_captured_top_level_vars (p->top_stmts, p->methods, p->top_level);
  AwlAstPrivate *priv = p->ast->priv;

  for (guint i = 0; i < found->len; i++)
    {
      AwlStmt *decl = g_ptr_array_index (found, i);
      AwlVar *v = decl->decl.vars[0];
      AwlField *f = awl_arena_new0 (p->arena, AwlField);
      AwlStmt *assign = new_stmt (p, AWL_STMT_EXPR, decl->loc);
      AwlExpr *target = new_expr (p, AWL_EXPR_NAME, v->loc);
      guint at;

      f->loc = v->loc;
      f->modifiers = AWL_MOD_STATIC;
      f->name = v->name;
      f->index = p->fields->len;
      g_ptr_array_add (p->fields, f);
      if (!g_hash_table_contains (priv->fields, f->name))
        g_hash_table_insert (priv->fields, (gpointer) f->name, f);
      add_member (p, NULL, f->name, f);

      target->name.name = v->name;
      assign->end_line = decl->end_line;
      assign->expr.expr = new_expr (p, AWL_EXPR_ASSIGN, decl->loc);
      assign->expr.expr->assign.op = AWL_ASSIGN_SET;
      assign->expr.expr->assign.target = target;
      assign->expr.expr->assign.value = decl->decl.inits[0];
      if (g_ptr_array_find (p->top_stmts, decl, &at))
        g_ptr_array_index (p->top_stmts, at) = assign;
    }
  assign_typed_top_level_in_order (p);
}

static gboolean
is_statement_start (Parser *p)
{
  static const char * const stmt_kws[] = {
    "if", "for", "foreach", "while", "do", "return", "throw", "try", "lock", "switch",
    "break", "continue", "goto", NULL
  };
  AwlToken *t = cur (p);

  if (t->kind == AWL_TOK_KEYWORD && g_strv_contains (stmt_kws, t->text))
    return TRUE;
  if (tok_is_ident (t, "await") || tok_is_ident (t, "yield"))
    return TRUE;
  if (tok_is_ident (t, "var") && peek_tok (p, 1)->kind == AWL_TOK_IDENT)
    return TRUE;
  return FALSE;
}

/* A statement outside any class: it belongs to the Main the compiler makes of all
 * of them (C#'s top-level statements), which is async (`await` may appear). Inside a
 * class it is an error. */
static void
parse_top_level_statement (Parser *p,
                           guint   start)
{
  AwlFunction *saved_func = p->func, *saved_method = p->method;
  guint saved_lambdas = p->n_lambdas;
  AwlToken *t;
  AwlStmt *s;

  p->pos = start;
  t = cur (p);
  if (p->class_depth > 0)
    {
      error_at_tok (p, t, "a statement must be inside a method");
      sync_statement (p);
      return;
    }
  if (p->top_level == NULL)
    {
      AwlTypeRef *task = awl_arena_new0 (p->arena, AwlTypeRef);

      task->loc = loc_of (t);
      task->name = "Task";
      p->top_level = new_function (p, loc_of (t), "Main");
      p->top_level->parent = NULL;
      p->top_level->flags |= AWL_FUNC_ASYNC | AWL_FUNC_TOP_LEVEL;
      p->top_level->return_type = task;
      p->top_level->return_kind = classify_return (task);
      p->top_stmts = g_ptr_array_new ();
    }
  p->func = p->method = p->top_level;
  p->n_lambdas = p->top_lambdas;
  s = parse_statement (p);
  p->top_lambdas = p->n_lambdas;
  p->func = saved_func;
  p->method = saved_method;
  p->n_lambdas = saved_lambdas;
  if (s != NULL)
    g_ptr_array_add (p->top_stmts, s);
  p->top_level->end_line = tok_at (p, p->pos > 0 ? p->pos - 1 : 0)->end_line;
}

/* An auto-property `{ get; set; }` (also `{ get; }`, `init`, accessor modifiers and an
 * initializer) is a field. FALSE (nothing consumed) if the braces hold anything else. */
static gboolean
parse_auto_property (Parser     *p,
                     Modifiers  *m,
                     AwlTypeRef *type,
                     AwlToken   *name_tok)
{
  static const char * const words[] = { "get", "set", "init", "private", "protected", "internal", "public", NULL };
  guint at = p->pos + 1;
  AwlToken *t;

  for (t = tok_at (p, at); !tok_is_punct (t, P_RBRACE); t = tok_at (p, ++at))
    if (!tok_is_punct (t, P_SEMI) && !((t->kind == AWL_TOK_IDENT || t->kind == AWL_TOK_KEYWORD) &&
                                      g_strv_contains (words, t->text)))
      return FALSE;
  p->pos = at + 1;
  if (at_punct (p, P_ASSIGN))
    {
      /* `= value;` after the braces: parse_fields reads it as a field initializer. */
      parse_fields (p, m, type, name_tok);
      return TRUE;
    }
  /* No initializer: the field's default value. */
  {
    AwlField *f = awl_arena_new0 (p->arena, AwlField);
    AwlAstPrivate *priv = p->ast->priv;

    f->loc = loc_of (name_tok);
    f->modifiers = m->mods & 0xFFFF;
    f->type = type;
    f->name = name_tok->text;
    f->index = p->fields->len;
    f->klass = current_class (p);
    g_ptr_array_add (p->fields, f);
    if (!g_hash_table_contains (priv->fields, f->name))
      g_hash_table_insert (priv->fields, (gpointer) f->name, f);
    add_member (p, f->klass, f->name, f);
  }
  return TRUE;
}

static void
parse_member (Parser *p)
{
  Modifiers m;
  AwlToken *t;
  AwlTypeRef *type;
  AwlToken *name_tok;
  const char *kind;
  gint end;
  guint start = p->pos;

  t = cur (p);

  if (tok_is_kw (t, "using") && !tok_is_punct (peek_tok (p, 1), P_LPAREN) &&
      !(tok_is_ident (peek_tok (p, 1), "var")))
    {
      /* A using directive: ignored. */
      while (!at_eof (p) && !at_punct (p, P_SEMI) && !at_punct (p, P_LBRACE) && !at_punct (p, P_RBRACE))
        next (p);
      expect_semicolon (p);
      p->panic = FALSE;
      return;
    }
  if (tok_is_kw (t, "namespace"))
    {
      parse_namespace (p);
      return;
    }
  if (tok_is_punct (t, P_LBRACKET))
    {
      /* Attributes ([STAThread], [Fact]) are ignored. */
      skip_group (p);
      if (p->pos == (guint) (t - (AwlToken *) (gpointer) p->tokens->data))
        next (p);
      return;
    }

  parse_modifiers (p, &m);
  t = cur (p);

  /* `event EventHandler Clicked;` is a field holding a (multicast) delegate. */
  if (tok_is_kw (t, "event"))
    {
      next (p);
      t = cur (p);
      m.any = TRUE;
    }

  if (tok_is_kw (t, "class"))
    {
      parse_class (p, t, m.mods, 0);
      return;
    }
  if (tok_is_kw (t, "interface"))
    {
      parse_class (p, t, m.mods, AWL_CLASS_INTERFACE);
      return;
    }
  if (tok_is_kw (t, "struct"))
    {
      parse_class (p, t, m.mods, AWL_CLASS_STRUCT);
      return;
    }
  if (tok_is_ident (t, "record") && (peek_tok (p, 1)->kind == AWL_TOK_IDENT ||
                                     tok_is_kw (peek_tok (p, 1), "class")))
    {
      /* `record Point(int X, int Y);` and `record class`: a class with value equality. */
      if (tok_is_kw (peek_tok (p, 1), "class"))
        next (p);
      parse_class (p, t, m.mods, AWL_CLASS_RECORD);
      return;
    }
  if (tok_is_kw (t, "enum"))
    {
      parse_enum (p);
      return;
    }
  if ((kind = unsupported_type_kind (t, peek_tok (p, 1))) != NULL)
    {
      error_at_tok (p, t, "%s " ARE_NOT_SUPPORTED, kind);
      skip_member (p);
      return;
    }
  if (tok_is_punct (t, P_TILDE))
    {
      error_at_tok (p, t, "finalizers " ARE_NOT_SUPPORTED);
      skip_member (p);
      return;
    }

  if (!m.any && is_statement_start (p))
    {
      parse_top_level_statement (p, start);
      return;
    }

  /* A constructor: Name( with no return type. */
  if (t->kind == AWL_TOK_IDENT && tok_is_punct (peek_tok (p, 1), P_LPAREN))
    {
      if (p->class_depth > 0 && g_strcmp0 (t->text, current_class (p)) == 0)
        {
          AwlTypeRef *void_type = awl_arena_new0 (p->arena, AwlTypeRef);

          void_type->loc = loc_of (t);
          void_type->name = "void";
          if (m.mods & AWL_MOD_STATIC)
            {
              /* It would run lazily, at the class's first use: not modelled. */
              error_at_tok (p, t, "static constructors " ARE_NOT_SUPPORTED "; initialise static fields where they are declared");
              skip_member (p);
              return;
            }
          next (p);
          parse_method (p, &m, void_type, t);
          ((AwlFunction *) g_ptr_array_index (p->methods, p->methods->len - 1))->flags |= AWL_FUNC_CTOR;
          return;
        }
      if (p->class_depth > 0)
        error_at_tok (p, t, "a method needs a return type (a constructor is named as its class `%s`)",
                      current_class (p));
      else
        {
          parse_top_level_statement (p, start);
          return;
        }
      skip_member (p);
      return;
    }

  if (tok_is_kw (t, "implicit") || tok_is_kw (t, "explicit"))
    {
      error_at_tok (p, t, "conversion operators (`implicit`/`explicit`) " ARE_NOT_SUPPORTED);
      skip_member (p);
      return;
    }
  end = scan_type (p, p->pos, TRUE);
  if (end < 0)
    {
      if (!m.any)
        {
          if (at_punct (p, P_SEMI))
            {
              next (p);
              return;
            }
          parse_top_level_statement (p, start);
        }
      else
        {
          error_expected (p, "a type");
          skip_member (p);
        }
      return;
    }

  type = parse_type (p, TRUE);
  if (type == NULL)
    {
      skip_member (p);
      return;
    }

  name_tok = cur (p);
  if (tok_is_kw (name_tok, "this"))
    {
      error_at_tok (p, name_tok, "indexers " ARE_NOT_SUPPORTED);
      skip_member (p);
      return;
    }
  if (tok_is_kw (name_tok, "operator") || tok_is_kw (name_tok, "implicit") ||
      tok_is_kw (name_tok, "explicit"))
    {
      /* `static Money operator +(Money a, Money b)`: a static method op_Addition. */
      AwlToken op_name;

      if (!(m.mods & AWL_MOD_STATIC) && tok_is_kw (name_tok, "operator"))
        {
          error_at_tok (p, name_tok, "a user-defined operator must be declared `public static`");
          skip_member (p);
          return;
        }
      if (!awl_px_parse_operator_name ((AwlPx *) p, &op_name))
        {
          skip_member (p);
          return;
        }
      parse_method (p, &m, type, &op_name);
      return;
    }
  if (name_tok->kind != AWL_TOK_IDENT)
    {
      if (!m.any)
        {
          parse_top_level_statement (p, start);
          return;
        }
      expect_ident (p, "a name");
      sync_statement (p);
      return;
    }
  next (p);

  reject_bad_modifiers (p, &m);

  if (at_punct (p, P_LPAREN))
    {
      parse_method (p, &m, type, name_tok);
      return;
    }
  if (at_punct (p, P_LT))
    {
      /* A generic method: its type parameters are accepted as types (the subset has
       * no static types to check them against). */
      AwlAstPrivate *priv = p->ast->priv;

      next (p);
      while (cur (p)->kind == AWL_TOK_IDENT)
        {
          g_hash_table_add (priv->type_params, (gpointer) cur (p)->text);
          next (p);
          if (!accept_punct (p, P_COMMA))
            break;
        }
      if (!expect_punct (p, P_GT) || !at_punct (p, P_LPAREN))
        {
          if (!p->panic)
            error_expected (p, "`(` after the type parameters");
          skip_member (p);
          return;
        }
      parse_method (p, &m, type, name_tok);
      return;
    }
  if (at_punct (p, P_LBRACE) && (m.mods & AWL_MOD_ABSTRACT))
    {
      /* `public abstract string Name { get; }`: only the overrides have storage. */
      skip_member (p);
      return;
    }
  if (at_punct (p, P_LBRACE) && parse_auto_property (p, &m, type, name_tok))
    return;
  if (at_punct (p, P_LBRACE) || at_punct (p, P_ARROW))
    {
      parse_property (p, &m, type, name_tok);
      return;
    }
  if (at_punct (p, P_ASSIGN) || at_punct (p, P_SEMI) || at_punct (p, P_COMMA))
    {
      if (strcmp (type->name, "var") == 0)
        {
          parse_top_level_statement (p, start);
          return;
        }
      if (strcmp (type->name, "void") == 0)
        report_at (p, type->loc, "a field cannot be `void`");
      parse_fields (p, &m, type, name_tok);
      return;
    }

  error_expected (p, "`(`, `=` or `;` after the member name");
  skip_member (p);
}

static void
parse_members (Parser  *p,
               gboolean until_brace)
{
  while (!at_eof (p))
    {
      guint before = p->pos;

      if (at_punct (p, P_RBRACE))
        {
          if (until_brace)
            return;
          error_at_tok (p, cur (p), "unexpected `}`: it closes nothing");
          p->panic = FALSE;
          next (p);
          continue;
        }
      parse_member (p);
      p->panic = FALSE;
      if (p->pos == before)
        next (p);
    }
}

/* ---------------------------------------------------------------------------- */
/* Entry points                                                                 */

/* Invalid UTF-8 and NUL bytes would break every later step: report them and
 * replace each bad byte with `?` (keeping offsets). */
static void
sanitize_text (char           *text,
               gsize           length,
               AwlDiagnostics *diags)
{
  guint line = 1, col = 1;
  guint last_bad_line = 0;
  gsize i = 0;

  while (i < length)
    {
      guchar c = text[i];
      gsize n = 1;

      if (c == 0)
        {
          if (last_bad_line != line)
            awl_diagnostics_add_literal (diags, AWL_SEVERITY_ERROR, line, col, 1,
                                         "the file contains a NUL byte");
          last_bad_line = line;
          text[i] = ' ';
        }
      else if (c >= 0x80)
        {
          const char *end = NULL;
          gsize max = MIN (length - i, 4);

          if (!g_utf8_validate (text + i, max, &end) && end == text + i)
            {
              if (last_bad_line != line)
                awl_diagnostics_add_literal (diags, AWL_SEVERITY_ERROR, line, col, 1,
                                             "the file is not valid UTF-8 here");
              last_bad_line = line;
              text[i] = '?';
            }
          else
            n = g_utf8_skip[c];
        }

      /* Classic Mac OS line endings (a CR alone) end a line as they do for csc and
       * in the editor; same length, so every offset stays valid. */
      if (c == '\r' && (i + 1 >= length || text[i + 1] != '\n'))
        {
          text[i] = '\n';
          c = '\n';
        }

      if (c == '\n')
        {
          line++;
          col = 1;
        }
      else
        col++;
      i += MIN (n, length - i);
    }
}

AwlUnit *
awl_parse (const char    *filename,
           const char    *text,
           gssize         length,
           AwlParseFlags  flags)
{
  AwlUnit *unit;
  AwlLexer lx;
  Parser p = { 0 };
  GArray *tokens;
  g_autoptr(AwlDiagnostics) scratch = NULL;

  if (text == NULL)
    text = "";
  if (length < 0)
    length = strlen (text);
  /* A UTF-8 byte-order mark is not part of the text. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  unit = g_new0 (AwlUnit, 1);
  unit->filename = g_strdup (filename != NULL ? filename : "<input>");
  unit->text = g_malloc (length + 1);
  memcpy (unit->text, text, length);
  unit->text[length] = '\0';
  unit->length = length;

  /* The sanitised text is what diagnostics print; report into a scratch list and
   * copy over once the real list (which copies the text) exists. */
  scratch = awl_diagnostics_new (unit->filename, "", 0);
  sanitize_text (unit->text, unit->length, scratch);
  unit->diagnostics = awl_diagnostics_new (unit->filename, unit->text, unit->length);
  awl_diagnostics_append (unit->diagnostics, scratch);

  unit->directives = awl_directives_new ();
  unit->ast = awl_ast_new ();

  awl_lexer_init (&lx, unit->text, unit->length, awl_ast_get_arena (unit->ast), unit->diagnostics);
  tokens = g_array_sized_new (FALSE, TRUE, sizeof (AwlToken), unit->length / 4 + 16);
  awl_lexer_tokenize (&lx, 0, unit->length, 1, 1, TRUE, tokens);

  for (guint i = 0; i < lx.directives->len; i++)
    awl_directives_parse_line (unit->directives, unit->diagnostics,
                               &g_array_index (lx.directives, AwlDirectiveLine, i));
  for (guint i = 0; i < lx.late_directives->len; i++)
    {
      const AwlDirectiveLine *d = &g_array_index (lx.late_directives, AwlDirectiveLine, i);
      gsize n = 1;

      while (n < d->length && (g_ascii_isalnum (d->text[n]) || d->text[n] == '-'))
        n++;
      awl_diagnostics_add (unit->diagnostics, AWL_SEVERITY_WARNING, d->line, d->col, n,
                           "`%.*s` after the first line of code is ignored: directives go at the top of the file",
                           (int) n, d->text);
    }
  for (guint i = 0; i < lx.explains->len; i++)
    awl_directives_parse_explain (unit->directives, unit->diagnostics,
                                  &g_array_index (lx.explains, AwlDirectiveLine, i));
  awl_directives_finish (unit->directives, unit->diagnostics);

  p.unit = unit;
  p.lx = &lx;
  p.arena = awl_ast_get_arena (unit->ast);
  p.diags = unit->diagnostics;
  p.ast = unit->ast;
  p.tokens = tokens;
  p.methods = g_ptr_array_new ();
  p.fields = g_ptr_array_new ();
  p.class_stack = g_ptr_array_new ();
  p.using_decls = g_hash_table_new (NULL, NULL);
  p.classes = g_ptr_array_new ();

  if (tokens->len > 1)
    unit->ast->first_code_line = g_array_index (tokens, AwlToken, 0).line;

  parse_members (&p, FALSE);
  if (p.top_level != NULL)
    hoist_captured_top_level_vars (&p);
  if (p.top_level != NULL)
    {
      AwlStmt *body = new_stmt (&p, AWL_STMT_BLOCK, p.top_level->loc);
      AwlAstPrivate *priv = p.ast->priv;

      body->block.n_stmts = p.top_stmts->len;
      body->block.stmts = (AwlStmt **) awl_arena_dup_ptrs (p.arena, p.top_stmts->pdata, p.top_stmts->len);
      p.top_level->body = body;
      g_ptr_array_add (p.methods, p.top_level);
      if (!g_hash_table_contains (priv->methods, p.top_level->name))
        g_hash_table_insert (priv->methods, (gpointer) p.top_level->name, p.top_level);
      g_ptr_array_unref (p.top_stmts);
    }

  unit->ast->n_methods = p.methods->len;
  unit->ast->methods = (AwlFunction **) awl_arena_dup_ptrs (p.arena, p.methods->pdata, p.methods->len);
  unit->ast->n_fields = p.fields->len;
  unit->ast->fields = (AwlField **) awl_arena_dup_ptrs (p.arena, p.fields->pdata, p.fields->len);
  unit->ast->n_classes = p.classes->len;
  unit->ast->classes = (const char **) awl_arena_dup_ptrs (p.arena, p.classes->pdata, p.classes->len);
  g_ptr_array_unref (p.methods);
  g_ptr_array_unref (p.fields);
  g_ptr_array_unref (p.class_stack);
  g_hash_table_unref (p.using_decls);
  g_ptr_array_unref (p.classes);

  if (!(flags & AWL_PARSE_NO_CHECK))
    awl_check_unit (unit, (const guint8 *) lx.code_lines->data, lx.code_lines->len);

  g_array_unref (tokens);
  awl_lexer_clear (&lx);
  awl_diagnostics_sort (unit->diagnostics);

  return unit;
}

AwlUnit *
awl_parse_file (const char     *path,
                AwlParseFlags   flags,
                GError        **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, AWL_LANGUAGE_ERROR, AWL_LANGUAGE_ERROR_IO,
                   "%s", local_error->message);
      return NULL;
    }

  return awl_parse (path, contents, length, flags);
}

gboolean
awl_unit_has_errors (const AwlUnit *unit)
{
  g_return_val_if_fail (unit != NULL, TRUE);

  return awl_diagnostics_has_errors (unit->diagnostics);
}

void
awl_unit_free (AwlUnit *unit)
{
  if (unit == NULL)
    return;

  g_free (unit->filename);
  g_free (unit->text);
  awl_directives_free (unit->directives);
  awl_ast_free (unit->ast);
  awl_diagnostics_free (unit->diagnostics);
  g_free (unit);
}

char *
awl_unit_get_line (const AwlUnit *unit,
                   guint          line)
{
  const char *p, *end;
  guint l = 1;

  g_return_val_if_fail (unit != NULL, NULL);

  if (line == 0)
    return NULL;
  p = unit->text;
  while (l < line)
    {
      p = memchr (p, '\n', unit->text + unit->length - p);
      if (p == NULL)
        return NULL;
      p++;
      l++;
    }
  end = memchr (p, '\n', unit->text + unit->length - p);
  if (end == NULL)
    end = unit->text + unit->length;
  if (end > p && end[-1] == '\r')
    end--;

  return g_strndup (p, end - p);
}

/* ---------------------------------------------------------------------------- */
/* What awl-parser-everyday.c may use (see awl-parser-ext.h)                     */

AwlToken   *awl_px_peek (AwlPx *p, guint ahead) { return peek_tok ((Parser *) p, ahead); }
guint       awl_px_pos (AwlPx *p) { return ((Parser *) p)->pos; }
AwlToken   *awl_px_tok (AwlPx *p, guint index) { return tok_at ((Parser *) p, index); }
void        awl_px_next (AwlPx *p) { next ((Parser *) p); }
gboolean    awl_px_accept (AwlPx *p, AwlPunct punct) { return accept_punct ((Parser *) p, punct); }
gboolean    awl_px_expect (AwlPx *p, AwlPunct punct) { return expect_punct ((Parser *) p, punct); }
gboolean    awl_px_panicking (AwlPx *p) { return ((Parser *) p)->panic; }
void        awl_px_error (AwlPx *p, const AwlToken *t, const char *message) { error_at_tok ((Parser *) p, t, "%s", message); }

void
awl_px_errorf (AwlPx          *p,
               const AwlToken *t,
               const char     *format,
               ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  error_at_tok ((Parser *) p, t, "%s", msg);
}

void        awl_px_expected (AwlPx *p, const char *what) { error_expected ((Parser *) p, what); }
AwlArena   *awl_px_arena (AwlPx *p) { return ((Parser *) p)->arena; }
AwlAst     *awl_px_ast (AwlPx *p) { return ((Parser *) p)->ast; }
AwlExpr    *awl_px_parse_expr (AwlPx *p) { return parse_expr ((Parser *) p); }
AwlExpr    *awl_px_parse_shift (AwlPx *p) { return parse_binary ((Parser *) p, 9); }
AwlTypeRef *awl_px_parse_type (AwlPx *p) { return parse_type ((Parser *) p, TRUE); }
gint        awl_px_scan_type (AwlPx *p, guint index) { return scan_type ((Parser *) p, index, TRUE); }
AwlExpr    *awl_px_new_expr (AwlPx *p, AwlExprKind kind, AwlLoc loc) { return new_expr ((Parser *) p, kind, loc); }
AwlExpr    *awl_px_finish_depth (AwlPx *p, AwlExpr *e, guint d) { return finish_depth ((Parser *) p, e, d); }
AwlVar     *awl_px_new_var (AwlPx *p, AwlVarKind kind, const char *name, AwlLoc loc, AwlTypeRef *type)
{ return new_var ((Parser *) p, kind, name, loc, type); }
AwlStmt    *awl_px_new_stmt (AwlPx *p, AwlStmtKind kind, AwlLoc loc) { return new_stmt ((Parser *) p, kind, loc); }
AwlStmt    *awl_px_parse_statement (AwlPx *p) { return parse_statement ((Parser *) p); }
void        awl_px_end_stmt (AwlPx *p, AwlStmt *s) { end_stmt ((Parser *) p, s); }
gboolean    awl_px_expect_semicolon (AwlPx *p) { return expect_semicolon ((Parser *) p); }

/* A lambda `param => body` made by awl-parser-everyday.c (query clauses): begin it,
 * parse its body with awl_px_parse_expr, end it. */
AwlFunction *
awl_px_lambda_begin (AwlPx      *px,
                     AwlLoc      loc,
                     const char *param,
                     AwlLoc      param_loc,
                     gpointer   *saved)
{
  Parser *p = (Parser *) px;
  g_autofree char *name = g_strdup_printf ("%s.lambda#%u", p->method != NULL ? p->method->name : "field",
                                           ++p->n_lambdas);
  AwlFunction *f = new_function (p, loc, awl_arena_intern (p->arena, name));
  AwlVar *v;

  f->flags = AWL_FUNC_LAMBDA | AWL_FUNC_EXPR_BODY;
  f->return_kind = AWL_RETURN_PLAIN;
  *saved = p->func;
  p->func = f;
  v = new_var (p, AWL_VAR_PARAM, param, param_loc, NULL);
  f->n_params = 1;
  f->params = (AwlVar **) awl_arena_dup_ptrs (p->arena, (gpointer *) &v, 1);
  return f;
}

AwlExpr *
awl_px_lambda_end (AwlPx       *px,
                   AwlFunction *f,
                   AwlExpr     *body,
                   gpointer     saved)
{
  Parser *p = (Parser *) px;
  AwlExpr *e;

  p->func = saved;
  if (body == NULL)
    return NULL;
  f->body_expr = body;
  f->end_line = tok_at (p, p->pos - 1)->end_line;
  e = new_expr (p, AWL_EXPR_LAMBDA, f->loc);
  e->lambda.func = f;
  return finish_depth (p, e, body->depth);
}
