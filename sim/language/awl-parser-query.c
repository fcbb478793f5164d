/* awl-parser-query.c
 *
 * LINQ query syntax, lowered to the method calls the C# compiler makes of it:
 * `from x in xs`, `where`, `orderby a, b descending` (OrderBy/ThenBy…), `select`,
 * `group e by k [into g]`, `select … into y`, `let y = …` and `join b in bs on ka
 * equals kb`. After `let` and `join` the clauses' lambdas take one hidden tuple whose
 * named elements are the range variables (C#'s transparent identifier), and their
 * bodies read `hidden.y` where the text says `y`.
 *
 * It reaches the parser only through awl-parser-ext.h.
 */

#include "awl-parser-ext.h"

#include <string.h>

static inline AwlToken *cur (AwlPx *p) { return awl_px_peek (p, 0); }

/* ---------------------------------------------------------------------------- */
/* LINQ query syntax                                                            */

/* `target.Method(lambda)` */
static AwlExpr *
method_call (AwlPx      *p,
             AwlExpr    *target,
             const char *method,
             AwlExpr    *lambda,
             AwlLoc      loc)
{
  AwlExpr *member = awl_px_new_expr (p, AWL_EXPR_MEMBER, target->loc);
  AwlExpr *call;

  member->member.target = target;
  member->member.name = awl_arena_intern (awl_px_arena (p), method);
  member->member.name_loc = loc;
  member = awl_px_finish_depth (p, member, target->depth);
  if (member == NULL)
    return NULL;
  call = awl_px_new_expr (p, AWL_EXPR_CALL, target->loc);
  call->call.callee = member;
  call->call.n_args = 1;
  call->call.args = awl_arena_alloc0 (awl_px_arena (p), sizeof (AwlArg));
  call->call.args[0].loc = lambda->loc;
  call->call.args[0].value = lambda;
  return awl_px_finish_depth (p, call, MAX (member->depth, lambda->depth));
}

/* What a clause's lambda takes: the range variable, or after `let` a hidden tuple
 * (C#'s transparent identifier) whose elements are the range variables in @names. */
typedef struct
{
  const char *param;
  AwlLoc      loc;
  GPtrArray  *names;   /* const char *: empty while there is one range variable */
} Range;

static gboolean
range_has (const Range *r,
           const char  *name)
{
  for (guint i = 0; i < r->names->len; i++)
    if (strcmp (r->names->pdata[i], name) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  AwlPx       *p;
  const Range *range;
} Rewrite;

/* `y` → `hidden.y` for the range variables that live in the hidden tuple. */
static void
rewrite_names (AwlExpr  *e,
               AwlStmt  *s,
               gpointer  data)
{
  Rewrite *rw = data;

  if (s != NULL)
    {
      awl_stmt_foreach_child (s, rewrite_names, data);
      return;
    }
  if (e == NULL)
    return;
  if (e->kind == AWL_EXPR_NAME && e->name.n_type_args == 0 && range_has (rw->range, e->name.name))
    {
      const char *name = e->name.name;
      AwlExpr *hidden = awl_px_new_expr (rw->p, AWL_EXPR_NAME, e->loc);

      hidden->name.name = rw->range->param;
      hidden->depth = 1;
      memset (&e->member, 0, sizeof e->member);
      e->kind = AWL_EXPR_MEMBER;
      e->member.target = hidden;
      e->member.name = name;
      e->member.name_loc = e->loc;
      e->depth = 2;
      return;
    }
  if (e->kind == AWL_EXPR_LAMBDA)
    for (guint i = 0; i < e->lambda.func->n_params; i++)
      if (range_has (rw->range, e->lambda.func->params[i]->name))
        return;   /* the lambda's own parameter hides the range variable */
  awl_expr_foreach_child (e, rewrite_names, data);
}

static void
range_rewrite (AwlPx       *p,
               const Range *range,
               AwlExpr     *e)
{
  Rewrite rw = { p, range };

  if (range->names->len > 0)
    rewrite_names (e, NULL, &rw);
}

/* The body of one clause as a lambda of the range. */
static AwlExpr *
clause_lambda (AwlPx       *p,
               const Range *range)
{
  gpointer saved;
  AwlFunction *f = awl_px_lambda_begin (p, awl_px_loc_of (cur (p)), range->param, range->loc, &saved);
  AwlExpr *body = awl_px_parse_expr (p);

  if (body != NULL)
    range_rewrite (p, range, body);
  return awl_px_lambda_end (p, f, body, saved);
}

/* A lambda `(range, second) => body`; the body is parsed by the caller between
 * begin and awl_px_lambda_end. */
static AwlFunction *
pair_lambda_begin (AwlPx          *p,
                   const Range    *range,
                   const AwlToken *second,
                   gpointer       *saved)
{
  AwlFunction *f = awl_px_lambda_begin (p, awl_px_loc_of (cur (p)), range->param, range->loc, saved);
  AwlVar **params = awl_arena_alloc0 (awl_px_arena (p), 2 * sizeof (AwlVar *));

  params[0] = f->params[0];
  params[1] = awl_px_new_var (p, AWL_VAR_PARAM, second->text, awl_px_loc_of (second), NULL);
  f->params = params;
  f->n_params = 2;
  return f;
}

/* The range's variables plus @extra (a NAME of the lambda's own parameter, or a
 * value) as one named tuple: the next transparent identifier. */
static AwlExpr *
range_tuple (AwlPx       *p,
             const Range *range,
             GPtrArray   *names,
             AwlExpr     *extra,
             AwlLoc       loc)
{
  guint n = names->len;
  AwlExpr *tuple = awl_px_new_expr (p, AWL_EXPR_TUPLE, loc);

  tuple->tuple.n_elements = n;
  tuple->tuple.elements = awl_arena_alloc0 (awl_px_arena (p), n * sizeof (AwlExpr *));
  tuple->tuple.names = (const char **) awl_arena_dup_ptrs (awl_px_arena (p), names->pdata, n);
  for (guint i = 0; i < n; i++)
    {
      AwlExpr *e = extra;

      if (i + 1 < n)
        {
          e = awl_px_new_expr (p, AWL_EXPR_NAME, loc);
          e->name.name = names->pdata[i];
          e->depth = 1;
        }
      tuple->tuple.elements[i] = e;
      awl_px_add_member_name (p, names->pdata[i]);
    }
  tuple = awl_px_finish_depth (p, tuple, extra->depth + 1);
  if (tuple != NULL)
    range_rewrite (p, range, tuple);
  return tuple;
}

/* `join b in bs on ka equals kb`: Join(bs, r => ka, b => kb, (r, b) => …) where … is
 * the `select` right after it, or the tuple of every range variable so far and b. */
static AwlExpr *
parse_join (AwlPx   *p,
            AwlExpr *q,
            Range   *range,
            gboolean *ended)
{
  AwlToken *t = cur (p);
  AwlToken *inner_name;
  Range inner_range;
  g_autoptr(GPtrArray) no_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  AwlExpr *inner, *outer_key, *inner_key, *result, *call;
  AwlFunction *f;
  gpointer saved;
  AwlExpr *args[4];

  awl_px_next (p);
  if (awl_px_peek (p, 1)->kind != AWL_TOK_KEYWORD && awl_px_parse_type (p) == NULL)   /* `join int x in …` */
    return NULL;
  inner_name = cur (p);
  if (inner_name->kind != AWL_TOK_IDENT)
    {
      awl_px_expected (p, "a range variable after `join`");
      return NULL;
    }
  awl_px_next (p);
  if (!tok_is_kw (cur (p), "in"))
    {
      awl_px_expected (p, "`in` after the range variable");
      return NULL;
    }
  awl_px_next (p);
  if ((inner = awl_px_parse_expr (p)) == NULL)
    return NULL;
  if (!tok_is_ident (cur (p), "on"))
    {
      awl_px_expected (p, "`on` in `join … in … on … equals …`");
      return NULL;
    }
  awl_px_next (p);
  if ((outer_key = clause_lambda (p, range)) == NULL)
    return NULL;
  if (!tok_is_ident (cur (p), "equals"))
    {
      awl_px_expected (p, "`equals` in `join … on … equals …`");
      return NULL;
    }
  awl_px_next (p);
  inner_range.param = inner_name->text;
  inner_range.loc = awl_px_loc_of (inner_name);
  inner_range.names = no_names;
  if ((inner_key = clause_lambda (p, &inner_range)) == NULL)
    return NULL;
  if (tok_is_ident (cur (p), "into"))
    {
      awl_px_errorf (p, cur (p), "`join … into` (a group join) is not supported by Awaitlab's C# subset; "
              "use GroupBy, or a `join` without `into`");
      return NULL;
    }
  *ended = tok_is_ident (cur (p), "select");
  if (*ended)
    awl_px_next (p);
  f = pair_lambda_begin (p, range, inner_name, &saved);
  if (*ended)
    {
      result = awl_px_parse_expr (p);
      if (result != NULL)
        range_rewrite (p, range, result);
    }
  else
    {
      AwlExpr *b = awl_px_new_expr (p, AWL_EXPR_NAME, awl_px_loc_of (inner_name));

      b->name.name = inner_name->text;
      b->depth = 1;
      if (range->names->len == 0)
        g_ptr_array_add (names, (gpointer) range->param);
      else
        g_ptr_array_extend (names, range->names, NULL, NULL);
      g_ptr_array_add (names, (gpointer) inner_name->text);
      if (names->len > 7)
        {
          awl_px_errorf (p, t, "a query with more than 7 range variables is not supported by Awaitlab's C# subset");
          awl_px_lambda_end (p, f, NULL, saved);
          return NULL;
        }
      result = range_tuple (p, range, names, b, awl_px_loc_of (t));
    }
  if ((result = awl_px_lambda_end (p, f, result, saved)) == NULL)
    return NULL;

  /* q.Join(inner, outerKey, innerKey, result) */
  args[0] = inner;
  args[1] = outer_key;
  args[2] = inner_key;
  args[3] = result;
  if ((call = method_call (p, q, "Join", outer_key, awl_px_loc_of (t))) == NULL)
    return NULL;
  call->call.n_args = 4;
  call->call.args = awl_arena_alloc0 (awl_px_arena (p), 4 * sizeof (AwlArg));
  for (guint k = 0; k < 4; k++)
    {
      call->call.args[k].loc = args[k]->loc;
      call->call.args[k].value = args[k];
      call->depth = MAX (call->depth, args[k]->depth + 1);
    }
  if (!*ended)
    {
      g_autofree char *hidden = g_strdup_printf ("__join_%d_%d", t->line, t->col);

      range->param = awl_arena_intern (awl_px_arena (p), hidden);
      range->loc = awl_px_loc_of (t);
      g_ptr_array_set_size (range->names, 0);
      g_ptr_array_extend (range->names, names, NULL, NULL);
    }
  return call;
}

/* `let y = e`: Select(r => (r's variables…, y: e)), and the range becomes that tuple. */
static AwlExpr *
parse_let (AwlPx   *p,
           AwlExpr *q,
           Range   *range)
{
  AwlToken *t = cur (p);
  AwlToken *name;
  gpointer saved;
  AwlFunction *f;
  AwlExpr *value, *tuple, *fn;
  GPtrArray *names = g_ptr_array_new ();
  guint n;
  g_autofree char *hidden = NULL;

  awl_px_next (p);
  name = cur (p);
  if (name->kind != AWL_TOK_IDENT || !tok_is_punct (awl_px_peek (p, 1), P_ASSIGN))
    {
      awl_px_expected (p, "`name = value` after `let`");
      g_ptr_array_unref (names);
      return NULL;
    }
  awl_px_next (p);
  awl_px_next (p);
  if (range->names->len == 0)
    g_ptr_array_add (names, (gpointer) range->param);
  else
    g_ptr_array_extend (names, range->names, NULL, NULL);
  g_ptr_array_add (names, (gpointer) name->text);
  n = names->len;
  if (n > 7)
    {
      awl_px_errorf (p, t, "a query with more than 7 range variables is not supported by Awaitlab's C# subset");
      g_ptr_array_unref (names);
      return NULL;
    }
  f = awl_px_lambda_begin (p, awl_px_loc_of (t), range->param, range->loc, &saved);
  if ((value = awl_px_parse_expr (p)) == NULL)
    {
      awl_px_lambda_end (p, f, NULL, saved);
      g_ptr_array_unref (names);
      return NULL;
    }
  if ((tuple = range_tuple (p, range, names, value, awl_px_loc_of (t))) == NULL)
    {
      awl_px_lambda_end (p, f, NULL, saved);
      g_ptr_array_unref (names);
      return NULL;
    }
  fn = awl_px_lambda_end (p, f, tuple, saved);
  hidden = g_strdup_printf ("__let_%d_%d", t->line, t->col);
  range->param = awl_arena_intern (awl_px_arena (p), hidden);
  range->loc = awl_px_loc_of (t);
  g_ptr_array_set_size (range->names, 0);
  g_ptr_array_extend (range->names, names, NULL, NULL);
  g_ptr_array_unref (names);
  return fn != NULL ? method_call (p, q, "Select", fn, awl_px_loc_of (t)) : NULL;
}

/* `group e by k` over @range: GroupBy(r => k), or GroupBy(r => k, r => e) when e is
 * not the range variable itself. */
static AwlExpr *
parse_group (AwlPx       *p,
             AwlExpr     *q,
             const Range *range)
{
  AwlToken *t = cur (p);
  AwlExpr *element, *key;
  gboolean identity;
  AwlExpr *call;

  awl_px_next (p);
  identity = range->names->len == 0 && tok_is_ident (cur (p), range->param) && tok_is_ident (awl_px_peek (p, 1), "by");
  if ((element = clause_lambda (p, range)) == NULL)
    return NULL;
  if (!tok_is_ident (cur (p), "by"))
    {
      awl_px_expected (p, "`by` in `group … by …`");
      return NULL;
    }
  awl_px_next (p);
  if ((key = clause_lambda (p, range)) == NULL || (call = method_call (p, q, "GroupBy", key, awl_px_loc_of (t))) == NULL)
    return NULL;
  if (!identity)
    {
      /* The element selector is GroupBy's second argument. */
      AwlArg *args = awl_arena_alloc0 (awl_px_arena (p), 2 * sizeof (AwlArg));
      args[0] = call->call.args[0];
      args[1].loc = element->loc;
      args[1].value = element;
      call->call.args = args;
      call->call.n_args = 2;
      call->depth = MAX (call->depth, element->depth + 1);
    }
  return call;
}

/* `from x in xs where … orderby … [descending] select …`, `group … by … [into g]` and
 * `let`: the method calls the C# compiler makes of it. `into` starts a new range
 * variable. */
AwlExpr *
awl_px_parse_query (AwlPx *p)
{
  AwlToken *from = cur (p);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  Range range = { NULL, { 0 }, names };
  AwlExpr *q;
  gboolean clauses = FALSE;

  awl_px_next (p);
  if (awl_px_peek (p, 1)->kind != AWL_TOK_KEYWORD)   /* `from int x in …` */
    {
      if (awl_px_parse_type (p) == NULL)
        return NULL;
    }
  range.param = cur (p)->text;
  range.loc = awl_px_loc_of (cur (p));
  awl_px_next (p);
  if (!tok_is_kw (cur (p), "in"))
    {
      awl_px_expected (p, "`in` after the range variable");
      return NULL;
    }
  awl_px_next (p);
  if ((q = awl_px_parse_expr (p)) == NULL)
    return NULL;

  for (;;)
    {
      AwlToken *t = cur (p);

      if (tok_is_ident (t, "where"))
        {
          AwlExpr *fn;

          awl_px_next (p);
          if ((fn = clause_lambda (p, &range)) == NULL || (q = method_call (p, q, "Where", fn, awl_px_loc_of (t))) == NULL)
            return NULL;
          clauses = TRUE;
        }
      else if (tok_is_ident (t, "orderby"))
        {
          /* `orderby a, b descending`: OrderBy(a).ThenByDescending(b). */
          gboolean first = TRUE;

          awl_px_next (p);
          do
            {
              AwlExpr *fn;
              gboolean desc = FALSE;

              if ((fn = clause_lambda (p, &range)) == NULL)
                return NULL;
              if (tok_is_ident (cur (p), "descending"))
                {
                  desc = TRUE;
                  awl_px_next (p);
                }
              else if (tok_is_ident (cur (p), "ascending"))
                awl_px_next (p);
              if ((q = method_call (p, q, first ? (desc ? "OrderByDescending" : "OrderBy")
                                                : (desc ? "ThenByDescending" : "ThenBy"), fn, awl_px_loc_of (t))) == NULL)
                return NULL;
              first = FALSE;
            }
          while (awl_px_accept (p, P_COMMA));
          clauses = TRUE;
        }
      else if (tok_is_ident (t, "let"))
        {
          if ((q = parse_let (p, q, &range)) == NULL)
            return NULL;
          clauses = TRUE;
        }
      else if (tok_is_ident (t, "select"))
        {
          AwlExpr *fn;

          awl_px_next (p);
          /* `select x` after other clauses adds nothing, and C# leaves it out. */
          if (clauses && range.names->len == 0 && tok_is_ident (cur (p), range.param) &&
              (tok_is_punct (awl_px_peek (p, 1), P_RPAREN) || tok_is_punct (awl_px_peek (p, 1), P_SEMI) ||
               tok_is_punct (awl_px_peek (p, 1), P_COMMA)))
            {
              awl_px_next (p);
              return q;
            }
          if ((fn = clause_lambda (p, &range)) == NULL || (q = method_call (p, q, "Select", fn, awl_px_loc_of (t))) == NULL)
            return NULL;
          if (!tok_is_ident (cur (p), "into") || awl_px_peek (p, 1)->kind != AWL_TOK_IDENT)
            return q;
          /* `select … into y`: a continuation over the selected values. */
          awl_px_next (p);
          range.param = cur (p)->text;
          range.loc = awl_px_loc_of (cur (p));
          g_ptr_array_set_size (range.names, 0);
          awl_px_next (p);
          clauses = FALSE;
        }
      else if (tok_is_ident (t, "group"))
        {
          if ((q = parse_group (p, q, &range)) == NULL)
            return NULL;
          if (!tok_is_ident (cur (p), "into"))
            return q;
          /* `into g`: the query goes on over the groups. */
          awl_px_next (p);
          if (cur (p)->kind != AWL_TOK_IDENT)
            {
              awl_px_expected (p, "a name after `into`");
              return NULL;
            }
          range.param = cur (p)->text;
          range.loc = awl_px_loc_of (cur (p));
          g_ptr_array_set_size (range.names, 0);
          awl_px_next (p);
          clauses = FALSE;
        }
      else if (tok_is_ident (t, "join"))
        {
          gboolean ended = FALSE;

          if ((q = parse_join (p, q, &range, &ended)) == NULL)
            return NULL;
          if (ended)
            return q;
          clauses = TRUE;
        }
      else if (tok_is_ident (t, "from") || tok_is_ident (t, "into"))
        {
          awl_px_errorf (p, t, "`%s` in a LINQ query is not supported by Awaitlab's C# subset; "
                  "use `where`, `orderby`, `let`, `join`, `group` and `select`, or method calls", t->text);
          return NULL;
        }
      else
        {
          awl_px_expected (p, "`where`, `orderby`, `let`, `join`, `group` or `select` in the query");
          (void) from;
          return NULL;
        }
    }
}
