/* awl-parser-everyday.c
 *
 * The everyday C# that real samples use beyond statements and calls: tuples
 * (`(1, "a")`, `(int Count, string Name)`, `var (a, b) = …`), `out`/`ref`
 * arguments and parameters, patterns (`is Foo f`, `is > 5 and < 10`,
 * `is { Length: > 3 }`, `is not null`) and switch expressions.
 *
 * It reaches the parser only through awl-parser-ext.h, so awl-parser.c keeps
 * nothing but the hooks that call in here.
 */

#include "awl-parser-ext.h"

#include <string.h>

#define NOT_SUPPORTED "is not supported by Awaitlab's C# subset"

static inline AwlToken *cur (AwlPx *p) { return awl_px_peek (p, 0); }

static inline AwlLoc
loc_of (const AwlToken *t)
{
  AwlLoc loc = { t->line, t->col };
  return loc;
}

/* Tuple element names are members, as anonymous types' are: `t.Count` checks. So
 * are Item1…ItemN. */
static void
add_member_name (AwlPx      *p,
                 const char *name)
{
  AwlAstPrivate *priv = awl_px_ast (p)->priv;

  if (name != NULL)
    g_hash_table_add (priv->anon_members, (gpointer) name);
  for (guint i = 1; i <= 7; i++)
    {
      g_autofree char *item = g_strdup_printf ("Item%u", i);
      g_hash_table_add (priv->anon_members, (gpointer) awl_arena_intern (awl_px_arena (p), item));
    }
}

void
awl_px_add_member_name (AwlPx      *p,
                        const char *name)
{
  add_member_name (p, name);
}

/* ---------------------------------------------------------------------------- */
/* Tuples                                                                       */

gboolean
awl_px_tuple_ahead (AwlPx *p)
{
  AwlToken *open = cur (p);
  guint i;

  if (!tok_is_punct (open, P_LPAREN) || open->match < 0)
    return FALSE;
  if (awl_px_peek (p, 1)->kind == AWL_TOK_IDENT && tok_is_punct (awl_px_peek (p, 2), P_COLON))
    return TRUE;
  for (i = awl_px_pos (p) + 1; i < (guint) open->match; i++)
    {
      AwlToken *t = awl_px_tok (p, i);

      if (t->kind == AWL_TOK_PUNCT && (t->punct == P_LPAREN || t->punct == P_LBRACKET ||
                                       t->punct == P_LBRACE) && t->match > (gint) i)
        i = t->match;
      else if (tok_is_punct (t, P_COMMA))
        return TRUE;
    }
  return FALSE;
}

AwlExpr *
awl_px_parse_tuple (AwlPx *p)
{
  AwlToken *open = cur (p);
  GPtrArray *elements = g_ptr_array_new ();
  GPtrArray *names = g_ptr_array_new ();
  gboolean named = FALSE;
  guint depth = 0;
  AwlExpr *e = NULL;

  awl_px_next (p);
  for (;;)
    {
      const char *name = NULL;
      AwlExpr *el;

      if (cur (p)->kind == AWL_TOK_IDENT && tok_is_punct (awl_px_peek (p, 1), P_COLON))
        {
          name = cur (p)->text;
          named = TRUE;
          awl_px_next (p);
          awl_px_next (p);
        }
      el = awl_px_parse_expr (p);
      if (el == NULL)
        goto out;
      /* `(a, b)` names its elements a and b, as C# infers them. */
      if (name == NULL && el->kind == AWL_EXPR_NAME && strcmp (el->name.name, "_") != 0)
        name = el->name.name, named = TRUE;
      add_member_name (p, name);
      g_ptr_array_add (elements, el);
      g_ptr_array_add (names, (gpointer) name);
      depth = MAX (depth, el->depth);
      if (!awl_px_accept (p, P_COMMA))
        break;
    }
  if (!awl_px_expect (p, P_RPAREN))
    goto out;

  e = awl_px_new_expr (p, AWL_EXPR_TUPLE, loc_of (open));
  e->tuple.n_elements = elements->len;
  e->tuple.elements = (AwlExpr **) awl_arena_dup_ptrs (awl_px_arena (p), elements->pdata, elements->len);
  if (named)
    e->tuple.names = (const char **) awl_arena_dup_ptrs (awl_px_arena (p), names->pdata, names->len);
  if (elements->len > 7)
    {
      awl_px_errorf (p, open, "tuples of more than 7 elements are not supported by Awaitlab's C# subset");
      e = NULL;
      goto out;
    }
  e = awl_px_finish_depth (p, e, depth);

out:
  g_ptr_array_unref (elements);
  g_ptr_array_unref (names);
  return e;
}

/* `(T [name], T [name] …)`: the index after `)`, or -1. */
gint
awl_px_scan_tuple_type (AwlPx *p,
                        guint  index)
{
  guint n = 0;

  if (!tok_is_punct (awl_px_tok (p, index), P_LPAREN))
    return -1;
  index++;
  for (;;)
    {
      gint j = awl_px_scan_type (p, index);

      if (j < 0)
        return -1;
      index = j;
      if (awl_px_tok (p, index)->kind == AWL_TOK_IDENT)
        index++;
      n++;
      if (tok_is_punct (awl_px_tok (p, index), P_COMMA))
        {
          index++;
          continue;
        }
      if (tok_is_punct (awl_px_tok (p, index), P_RPAREN) && n >= 2)
        return index + 1;
      return -1;
    }
}

AwlTypeRef *
awl_px_parse_tuple_type (AwlPx *p)
{
  AwlToken *open = cur (p);
  GPtrArray *args = g_ptr_array_new ();
  GPtrArray *names = g_ptr_array_new ();
  gboolean named = FALSE;
  AwlTypeRef *type = NULL;

  awl_px_next (p);
  for (;;)
    {
      AwlTypeRef *arg = awl_px_parse_type (p);
      const char *name = NULL;

      if (arg == NULL)
        goto out;
      if (cur (p)->kind == AWL_TOK_IDENT)
        {
          name = cur (p)->text;
          named = TRUE;
          add_member_name (p, name);
          awl_px_next (p);
        }
      g_ptr_array_add (args, arg);
      g_ptr_array_add (names, (gpointer) name);
      if (!awl_px_accept (p, P_COMMA))
        break;
    }
  if (!awl_px_expect (p, P_RPAREN))
    goto out;
  if (args->len < 2 || args->len > 7)
    {
      awl_px_errorf (p, open, args->len < 2 ? "a tuple type has at least two elements"
                                     : "tuples of more than 7 elements are not supported by Awaitlab's C# subset");
      goto out;
    }

  type = awl_arena_new0 (awl_px_arena (p), AwlTypeRef);
  type->loc = loc_of (open);
  type->name = awl_arena_intern (awl_px_arena (p), "ValueTuple");
  type->n_args = args->len;
  type->args = (AwlTypeRef **) awl_arena_dup_ptrs (awl_px_arena (p), args->pdata, args->len);
  if (named)
    type->tuple_names = (const char **) awl_arena_dup_ptrs (awl_px_arena (p), names->pdata, names->len);
  if (tok_is_punct (cur (p), P_QUESTION))
    {
      type->nullable = TRUE;
      awl_px_next (p);
    }
  while (tok_is_punct (cur (p), P_LBRACKET) && tok_is_punct (awl_px_peek (p, 1), P_RBRACKET))
    {
      type->array_rank++;
      awl_px_next (p);
      awl_px_next (p);
    }

out:
  g_ptr_array_unref (args);
  g_ptr_array_unref (names);
  return type;
}

/* ---------------------------------------------------------------------------- */
/* Deconstruction: `var (a, b) = e;`, `(int a, string b) = e;`, `var (_, b) = e;` */

gboolean
awl_px_deconstruction_ahead (AwlPx *p)
{
  guint i = awl_px_pos (p);
  gint end;

  if (tok_is_ident (awl_px_tok (p, i), "var") && tok_is_punct (awl_px_tok (p, i + 1), P_LPAREN))
    return TRUE;
  if (!tok_is_punct (awl_px_tok (p, i), P_LPAREN))
    return FALSE;
  end = awl_px_scan_tuple_type (p, i);
  if (end < 0 || !tok_is_punct (awl_px_tok (p, end), P_ASSIGN))
    return FALSE;
  /* Every element must declare a name: `(a, b) = …` assigns existing variables. */
  for (guint k = i + 1; k + 1 < (guint) end; k++)
    {
      AwlToken *t = awl_px_tok (p, k);
      AwlToken *n = awl_px_tok (p, k + 1);

      if (t->kind == AWL_TOK_PUNCT && t->match > (gint) k)
        k = t->match;
      else if ((tok_is_punct (n, P_COMMA) || tok_is_punct (n, P_RPAREN)) &&
               !(t->kind == AWL_TOK_IDENT && k > i + 1 &&
                 (awl_px_tok (p, k - 1)->kind == AWL_TOK_IDENT ||
                  awl_px_tok (p, k - 1)->kind == AWL_TOK_KEYWORD ||
                  tok_is_punct (awl_px_tok (p, k - 1), P_GT) ||
                  tok_is_punct (awl_px_tok (p, k - 1), P_RBRACKET) ||
                  tok_is_punct (awl_px_tok (p, k - 1), P_QUESTION))))
        return FALSE;
    }
  return TRUE;
}

AwlStmt *
awl_px_parse_deconstruction (AwlPx *p)
{
  AwlToken *start = cur (p);
  AwlStmt *s = awl_px_new_stmt (p, AWL_STMT_DECL, loc_of (start));
  GPtrArray *vars = g_ptr_array_new ();
  gboolean all_var = FALSE;
  AwlExpr *init = NULL;
  gboolean ok = FALSE;

  if (tok_is_ident (start, "var"))
    {
      all_var = TRUE;
      awl_px_next (p);
    }
  awl_px_next (p); /* ( */
  for (;;)
    {
      AwlTypeRef *type = NULL;
      AwlToken *name;

      if (!all_var)
        {
          if (tok_is_ident (cur (p), "var") && awl_px_peek (p, 1)->kind == AWL_TOK_IDENT)
            awl_px_next (p);
          else if ((type = awl_px_parse_type (p)) == NULL)
            goto out;
        }
      name = cur (p);
      if (name->kind != AWL_TOK_IDENT)
        {
          awl_px_expected (p, "a variable name");
          goto out;
        }
      awl_px_next (p);
      g_ptr_array_add (vars, awl_px_new_var (p, AWL_VAR_LOCAL, name->text, loc_of (name), type));
      if (!awl_px_accept (p, P_COMMA))
        break;
    }
  if (!awl_px_expect (p, P_RPAREN) || !awl_px_expect (p, P_ASSIGN))
    goto out;
  if (vars->len < 2)
    {
      awl_px_errorf (p, start, "a deconstruction declares at least two variables");
      goto out;
    }
  init = awl_px_parse_expr (p);
  if (init == NULL || !awl_px_expect_semicolon (p))
    goto out;
  ok = TRUE;

out:
  s->decl.deconstruct = TRUE;
  s->decl.n_vars = vars->len;
  s->decl.vars = (AwlVar **) awl_arena_dup_ptrs (awl_px_arena (p), vars->pdata, vars->len);
  s->decl.inits = awl_arena_alloc0 (awl_px_arena (p), MAX (vars->len, 1) * sizeof (AwlExpr *));
  if (vars->len > 0)
    s->decl.inits[0] = init;
  g_ptr_array_unref (vars);
  awl_px_end_stmt (p, s);
  return ok ? s : NULL;
}

/* `foreach (var (k, v) in pairs)`: the loop walks a hidden variable and the body
 * starts with `var (k, v) = hidden;` (KeyValuePair's and tuples' Deconstruct). */
AwlStmt *
awl_px_parse_foreach_deconstruction (AwlPx   *p,
                                     AwlVar **hidden)
{
  AwlToken *start = cur (p);
  AwlStmt *s = awl_px_new_stmt (p, AWL_STMT_DECL, loc_of (start));
  GPtrArray *vars = g_ptr_array_new ();
  g_autofree char *name = g_strdup_printf ("__item_%d_%d", start->line, start->col);
  AwlExpr *init;
  gboolean ok = FALSE;

  awl_px_next (p); /* var */
  awl_px_next (p); /* ( */
  for (;;)
    {
      AwlToken *t = cur (p);

      if (t->kind != AWL_TOK_IDENT)
        {
          awl_px_expected (p, "a variable name");
          goto out;
        }
      awl_px_next (p);
      g_ptr_array_add (vars, awl_px_new_var (p, AWL_VAR_LOCAL, t->text, loc_of (t), NULL));
      if (!awl_px_accept (p, P_COMMA))
        break;
    }
  if (!awl_px_expect (p, P_RPAREN))
    goto out;
  if (vars->len < 2)
    {
      awl_px_errorf (p, start, "a deconstruction declares at least two variables");
      goto out;
    }
  *hidden = awl_px_new_var (p, AWL_VAR_FOREACH, awl_arena_intern (awl_px_arena (p), name), loc_of (start), NULL);
  init = awl_px_new_expr (p, AWL_EXPR_NAME, loc_of (start));
  init->name.name = (*hidden)->name;
  init = awl_px_finish_depth (p, init, 0);
  ok = init != NULL;
  s->decl.deconstruct = TRUE;
  s->decl.n_vars = vars->len;
  s->decl.vars = (AwlVar **) awl_arena_dup_ptrs (awl_px_arena (p), vars->pdata, vars->len);
  s->decl.inits = awl_arena_alloc0 (awl_px_arena (p), vars->len * sizeof (AwlExpr *));
  s->decl.inits[0] = init;

out:
  g_ptr_array_unref (vars);
  awl_px_end_stmt (p, s);
  return ok ? s : NULL;
}

/* { first; body } */
AwlStmt *
awl_px_prepend_stmt (AwlPx   *p,
                     AwlStmt *first,
                     AwlStmt *body)
{
  AwlStmt *block = awl_px_new_stmt (p, AWL_STMT_BLOCK, first->loc);
  AwlStmt *stmts[2] = { first, body };

  block->block.n_stmts = 2;
  block->block.stmts = (AwlStmt **) awl_arena_dup_ptrs (awl_px_arena (p), (gpointer *) stmts, 2);
  awl_px_end_stmt (p, block);
  return block;
}

/* ---------------------------------------------------------------------------- */
/* `out` / `ref` arguments and parameters                                       */

gboolean
awl_px_parse_ref_arg (AwlPx  *p,
                      AwlArg *arg)
{
  AwlToken *kw = cur (p);

  awl_px_next (p);
  if (tok_is_kw (kw, "in"))
    {
      arg->value = awl_px_parse_expr (p);
      return arg->value != NULL;
    }
  if (tok_is_kw (kw, "ref"))
    {
      arg->is_ref = TRUE;
      arg->value = awl_px_parse_expr (p);
      return arg->value != NULL;
    }

  arg->is_out = TRUE;
  if (tok_is_ident (cur (p), "_") && !tok_is_punct (awl_px_peek (p, 1), P_DOT))
    {
      awl_px_next (p);   /* `out _`: a discard; value and out_var stay NULL */
      return TRUE;
    }
  if (tok_is_ident (cur (p), "var") && awl_px_peek (p, 1)->kind == AWL_TOK_IDENT)
    {
      AwlToken *name = awl_px_peek (p, 1);

      awl_px_next (p);
      awl_px_next (p);
      arg->out_var = awl_px_new_var (p, AWL_VAR_LOCAL, name->text, loc_of (name), NULL);
      return TRUE;
    }
  {
    gint end = awl_px_scan_type (p, awl_px_pos (p));

    if (end >= 0 && awl_px_tok (p, end)->kind == AWL_TOK_IDENT &&
        (tok_is_punct (awl_px_tok (p, end + 1), P_RPAREN) || tok_is_punct (awl_px_tok (p, end + 1), P_COMMA)))
      {
        AwlTypeRef *type = awl_px_parse_type (p);
        AwlToken *name = cur (p);

        if (type == NULL)
          return FALSE;
        awl_px_next (p);
        arg->out_var = awl_px_new_var (p, AWL_VAR_LOCAL, name->text, loc_of (name), type);
        return TRUE;
      }
  }
  arg->value = awl_px_parse_expr (p);
  return arg->value != NULL;
}

gboolean
awl_px_parse_param_modifier (AwlPx *p)
{
  AwlToken *t = cur (p);

  if (tok_is_kw (t, "ref") || tok_is_kw (t, "out"))
    {
      awl_px_next (p);
      return TRUE;
    }
  /* `in` passes a read-only reference: the same as a value here. */
  if (tok_is_kw (t, "in"))
    awl_px_next (p);
  return FALSE;
}

/* ---------------------------------------------------------------------------- */
/* Patterns                                                                     */

static AwlPattern *parse_pattern (AwlPx *p);

static AwlPattern *
new_pattern (AwlPx          *p,
             AwlPatternKind  kind,
             const AwlToken *at)
{
  AwlPattern *pat = awl_arena_new0 (awl_px_arena (p), AwlPattern);

  pat->kind = kind;
  pat->loc = loc_of (at);
  return pat;
}

/* A designation after a type or property pattern: `Exception e`, `{ … } x`. */
static gboolean
designation_ahead (AwlPx *p)
{
  AwlToken *t = cur (p);

  return t->kind == AWL_TOK_IDENT && !tok_is_ident (t, "and") && !tok_is_ident (t, "or") &&
         !tok_is_ident (t, "when");
}

static AwlVar *
parse_designation (AwlPx      *p,
                   AwlTypeRef *type)
{
  AwlToken *t = cur (p);

  if (!designation_ahead (p))
    return NULL;
  awl_px_next (p);
  if (strcmp (t->text, "_") == 0)
    return NULL;
  return awl_px_new_var (p, AWL_VAR_PATTERN, t->text, loc_of (t), type);
}

/* `{ Name: pattern, A.B: pattern }` */
static gboolean
parse_property_list (AwlPx      *p,
                     AwlPattern *pat)
{
  GPtrArray *names = g_ptr_array_new ();
  GPtrArray *subs = g_ptr_array_new ();
  gboolean ok = FALSE;

  awl_px_next (p); /* { */
  while (!tok_is_punct (cur (p), P_RBRACE))
    {
      GString *name;
      AwlPattern *sub;

      if (cur (p)->kind != AWL_TOK_IDENT)
        {
          awl_px_expected (p, "a member name in the property pattern");
          goto out;
        }
      name = g_string_new (cur (p)->text);
      awl_px_next (p);
      while (tok_is_punct (cur (p), P_DOT) && awl_px_peek (p, 1)->kind == AWL_TOK_IDENT)
        {
          g_string_append_printf (name, ".%s", awl_px_peek (p, 1)->text);
          awl_px_next (p);
          awl_px_next (p);
        }
      g_ptr_array_add (names, (gpointer) awl_arena_intern (awl_px_arena (p), name->str));
      g_string_free (name, TRUE);
      if (!awl_px_expect (p, P_COLON) || (sub = parse_pattern (p)) == NULL)
        goto out;
      g_ptr_array_add (subs, sub);
      if (!awl_px_accept (p, P_COMMA))
        break;
    }
  if (!awl_px_expect (p, P_RBRACE))
    goto out;
  pat->n_props = subs->len;
  pat->props = (AwlPattern **) awl_arena_dup_ptrs (awl_px_arena (p), subs->pdata, subs->len);
  pat->prop_names = (const char **) awl_arena_dup_ptrs (awl_px_arena (p), names->pdata, names->len);
  pat->var = parse_designation (p, pat->type);
  ok = TRUE;

out:
  g_ptr_array_unref (names);
  g_ptr_array_unref (subs);
  return ok;
}

/* Whether the name at the cursor is a type rather than a constant: a keyword type,
 * a single name (`Exception`, `List<int>`) or a dotted name ending in `Exception`.
 * Other dotted names (`Stage.Done`, `Color.Red`) are constants. */
static gboolean
type_ahead (AwlPx *p,
            gint  *end)
{
  guint start = awl_px_pos (p);
  AwlToken *after;

  *end = awl_px_scan_type (p, start);
  if (*end < 0)
    return FALSE;
  if (awl_px_tok (p, start)->kind == AWL_TOK_KEYWORD)
    return TRUE;
  after = awl_px_tok (p, *end);
  /* `Exception e`: a designation follows. */
  if (after->kind == AWL_TOK_IDENT && !tok_is_ident (after, "and") && !tok_is_ident (after, "or") &&
      !tok_is_ident (after, "when"))
    return TRUE;
  if (tok_is_punct (after, P_LBRACE))
    return TRUE;
  for (guint i = start; i < (guint) *end; i++)
    if (tok_is_punct (awl_px_tok (p, i), P_DOT))
      {
        const char *last = awl_px_tok (p, *end - 1)->text;
        return awl_px_tok (p, *end - 1)->kind == AWL_TOK_IDENT && g_str_has_suffix (last, "Exception");
      }
  return TRUE;
}

static AwlPattern *
parse_primary_pattern (AwlPx *p)
{
  AwlToken *t = cur (p);
  AwlPattern *pat;
  gint end;

  if (tok_is_punct (t, P_LPAREN))
    {
      GPtrArray *subs = g_ptr_array_new ();

      awl_px_next (p);
      for (;;)
        {
          AwlPattern *sub = parse_pattern (p);
          if (sub == NULL)
            {
              g_ptr_array_unref (subs);
              return NULL;
            }
          g_ptr_array_add (subs, sub);
          if (!awl_px_accept (p, P_COMMA))
            break;
        }
      if (!awl_px_expect (p, P_RPAREN))
        {
          g_ptr_array_unref (subs);
          return NULL;
        }
      if (subs->len == 1)
        pat = subs->pdata[0];
      else
        {
          pat = new_pattern (p, AWL_PAT_TUPLE, t);
          pat->n_props = subs->len;
          pat->props = (AwlPattern **) awl_arena_dup_ptrs (awl_px_arena (p), subs->pdata, subs->len);
        }
      g_ptr_array_unref (subs);
      return pat;
    }
  if (tok_is_punct (t, P_LBRACE))
    {
      pat = new_pattern (p, AWL_PAT_PROPERTY, t);
      return parse_property_list (p, pat) ? pat : NULL;
    }
  if (tok_is_kw (t, "null"))
    {
      awl_px_next (p);
      return new_pattern (p, AWL_PAT_NULL, t);
    }
  if (tok_is_ident (t, "_") && !tok_is_punct (awl_px_peek (p, 1), P_DOT))
    {
      awl_px_next (p);
      return new_pattern (p, AWL_PAT_DISCARD, t);
    }
  if (tok_is_ident (t, "var") && awl_px_peek (p, 1)->kind == AWL_TOK_IDENT)
    {
      awl_px_next (p);
      pat = new_pattern (p, AWL_PAT_VAR, t);
      pat->var = parse_designation (p, NULL);
      return pat;
    }
  if (t->kind == AWL_TOK_PUNCT && (t->punct == P_LT || t->punct == P_LE || t->punct == P_GT ||
                                   t->punct == P_GE))
    {
      pat = new_pattern (p, AWL_PAT_RELATIONAL, t);
      pat->op = t->punct == P_LT ? AWL_BINARY_LT : t->punct == P_LE ? AWL_BINARY_LE
              : t->punct == P_GT ? AWL_BINARY_GT : AWL_BINARY_GE;
      awl_px_next (p);
      pat->value = awl_px_parse_shift (p);
      return pat->value != NULL ? pat : NULL;
    }
  if ((t->kind == AWL_TOK_IDENT || t->kind == AWL_TOK_KEYWORD) &&
      !tok_is_kw (t, "true") && !tok_is_kw (t, "false") && !tok_is_kw (t, "default") && !tok_is_kw (t, "typeof") &&
      type_ahead (p, &end))
    {
      AwlTypeRef *type = awl_px_parse_type (p);

      if (type == NULL)
        return NULL;
      if (tok_is_punct (cur (p), P_LBRACE))
        {
          pat = new_pattern (p, AWL_PAT_PROPERTY, t);
          pat->type = type;
          return parse_property_list (p, pat) ? pat : NULL;
        }
      pat = new_pattern (p, AWL_PAT_TYPE, t);
      pat->type = type;
      pat->var = parse_designation (p, type);
      return pat;
    }
  if (tok_is_punct (t, P_LBRACKET))
    {
      awl_px_errorf (p, t, "list patterns (`[…]`) are not supported by Awaitlab's C# subset");
      return NULL;
    }
  pat = new_pattern (p, AWL_PAT_CONST, t);
  pat->value = awl_px_parse_shift (p);
  return pat->value != NULL ? pat : NULL;
}

static AwlPattern *
parse_not_pattern (AwlPx *p)
{
  AwlToken *t = cur (p);

  if (tok_is_ident (t, "not"))
    {
      AwlPattern *pat = new_pattern (p, AWL_PAT_NOT, t);

      awl_px_next (p);
      pat->left = parse_not_pattern (p);
      return pat->left != NULL ? pat : NULL;
    }
  return parse_primary_pattern (p);
}

static AwlPattern *
parse_binary_pattern (AwlPx      *p,
                      const char *word,
                      AwlPatternKind kind)
{
  AwlPattern *left = kind == AWL_PAT_OR ? parse_binary_pattern (p, "and", AWL_PAT_AND)
                                        : parse_not_pattern (p);

  while (left != NULL && tok_is_ident (cur (p), word))
    {
      AwlPattern *pat = new_pattern (p, kind, cur (p));

      awl_px_next (p);
      pat->left = left;
      pat->right = kind == AWL_PAT_OR ? parse_binary_pattern (p, "and", AWL_PAT_AND)
                                      : parse_not_pattern (p);
      if (pat->right == NULL)
        return NULL;
      left = pat;
    }
  return left;
}

static AwlPattern *
parse_pattern (AwlPx *p)
{
  return parse_binary_pattern (p, "or", AWL_PAT_OR);
}

gboolean
awl_px_parse_is_pattern (AwlPx   *p,
                         AwlExpr *e)
{
  AwlPattern *pat = parse_pattern (p);

  if (pat == NULL)
    return FALSE;
  /* The forms the compiler has always known keep their simple shape. */
  if (pat->kind == AWL_PAT_NOT && (pat->left->kind == AWL_PAT_NULL ||
                                   (pat->left->kind == AWL_PAT_TYPE && pat->left->var == NULL)))
    {
      e->is.negated = TRUE;
      pat = pat->left;
    }
  if (pat->kind == AWL_PAT_NULL)
    return TRUE;
  if (pat->kind == AWL_PAT_TYPE)
    {
      e->is.type = pat->type;
      e->is.var = pat->var;
      return TRUE;
    }
  if (e->is.negated)
    {
      AwlPattern *not = awl_arena_new0 (awl_px_arena (p), AwlPattern);
      not->kind = AWL_PAT_NOT;
      not->loc = pat->loc;
      not->left = pat;
      e->is.negated = FALSE;
      pat = not;
    }
  e->is.pattern = pat;
  return TRUE;
}

/* ---------------------------------------------------------------------------- */
/* Switch expressions                                                           */

AwlExpr *
awl_px_maybe_switch (AwlPx   *p,
                     AwlExpr *left)
{
  GArray *arms;
  AwlToken *kw;
  AwlExpr *e = NULL;
  guint depth;

  if (left == NULL || !tok_is_kw (cur (p), "switch") || !tok_is_punct (awl_px_peek (p, 1), P_LBRACE))
    return left;

  kw = cur (p);
  depth = left->depth;
  arms = g_array_new (FALSE, TRUE, sizeof (AwlSwitchArm));
  awl_px_next (p);
  awl_px_next (p);
  while (!tok_is_punct (cur (p), P_RBRACE))
    {
      AwlSwitchArm arm = { 0 };

      arm.loc = loc_of (cur (p));
      if ((arm.pattern = parse_pattern (p)) == NULL)
        goto out;
      if (tok_is_ident (cur (p), "when"))
        {
          awl_px_next (p);
          if ((arm.guard = awl_px_parse_expr (p)) == NULL)
            goto out;
          depth = MAX (depth, arm.guard->depth);
        }
      if (!awl_px_expect (p, P_ARROW) || (arm.result = awl_px_parse_expr (p)) == NULL)
        goto out;
      depth = MAX (depth, arm.result->depth);
      g_array_append_val (arms, arm);
      if (!awl_px_accept (p, P_COMMA))
        break;
    }
  if (!awl_px_expect (p, P_RBRACE))
    goto out;
  if (arms->len == 0)
    {
      awl_px_errorf (p, kw, "a switch expression needs at least one arm");
      goto out;
    }

  e = awl_px_new_expr (p, AWL_EXPR_SWITCH, loc_of (kw));
  e->switch_.subject = left;
  e->switch_.n_arms = arms->len;
  e->switch_.arms = awl_arena_alloc0 (awl_px_arena (p), arms->len * sizeof (AwlSwitchArm));
  memcpy (e->switch_.arms, arms->data, arms->len * sizeof (AwlSwitchArm));
  e = awl_px_finish_depth (p, e, depth);

out:
  g_array_unref (arms);
  return e;
}
