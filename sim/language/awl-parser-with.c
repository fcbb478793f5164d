/* awl-parser-with.c
 *
 * `with` expressions on records, structs and anonymous types (C# 9/10):
 * `order with { Total = 0, Note = "x" }` is a copy of the left operand with those
 * members set. Each element is parsed as an assignment to a simple name, as an
 * object initializer's are; which members exist is checked by the compiler, which
 * knows the operand's type (awl-compile-with.c).
 */

#include "awl-parser-ext.h"

static inline AwlToken *cur (AwlPx *p) { return awl_px_peek (p, 0); }

static AwlLoc
loc_of (const AwlToken *t)
{
  AwlLoc loc = { t->line, t->col };
  return loc;
}

AwlExpr *
awl_px_parse_with (AwlPx   *p,
                   AwlExpr *left)
{
  AwlToken *kw = cur (p);
  GPtrArray *init = g_ptr_array_new ();
  AwlExpr *e = NULL;
  guint depth = left->depth;
  gint close = awl_px_peek (p, 1)->match;   /* the `}` */

  awl_px_next (p);   /* with */
  awl_px_next (p);   /* { */
  while (!tok_is_punct (cur (p), P_RBRACE))
    {
      AwlToken *start = cur (p);
      AwlExpr *el;

      if (start->kind != AWL_TOK_IDENT || !tok_is_punct (awl_px_peek (p, 1), P_ASSIGN))
        {
          awl_px_error (p, start, "a `with` expression sets members: write `Name = value`");
          /* Go on after the braces, so that they are not reported again. */
          while (close > 0 && awl_px_pos (p) <= (guint) close)
            awl_px_next (p);
          goto out;
        }
      if ((el = awl_px_parse_expr (p)) == NULL)
        goto out;
      depth = MAX (depth, el->depth);
      g_ptr_array_add (init, el);
      if (!awl_px_accept (p, P_COMMA))
        break;
    }
  if (!awl_px_expect (p, P_RBRACE))
    goto out;

  e = awl_px_new_expr (p, AWL_EXPR_WITH, loc_of (kw));
  e->with.operand = left;
  e->with.n_init = init->len;
  e->with.init = (AwlExpr **) awl_arena_dup_ptrs (awl_px_arena (p), init->pdata, init->len);
  e = awl_px_finish_depth (p, e, depth);

out:
  g_ptr_array_unref (init);
  return e;
}
