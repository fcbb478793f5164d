/* awl-parser-switch.c
 *
 * Switch statements: `switch (x) { case 1: case 2: …; break; case int n when n > 3:
 * …; case null: …; default: …; }` with every pattern of `is` (constants, types
 * with a designation, relational, `and`/`or`/`not`, property patterns).
 *
 * The subject is evaluated once into a hidden variable: the statement becomes a
 * block `{ var switch#LINE = subject; switch … }` whose labels are `is` tests on that
 * variable, so the checker and the compiler treat each label as the `is`
 * expression they already know (pattern variables included). `goto case` is not
 * supported.
 */

#include "awl-parser-ext.h"

static inline AwlToken *cur (AwlPx *p) { return awl_px_peek (p, 0); }

static AwlLoc
loc_of (const AwlToken *t)
{
  AwlLoc loc = { t->line, t->col };
  return loc;
}

static AwlExpr *
hidden_name (AwlPx      *p,
             const char *name,
             AwlLoc      loc)
{
  AwlExpr *e = awl_px_new_expr (p, AWL_EXPR_NAME, loc);

  e->name.name = name;
  return e;
}

static gboolean
at_label (AwlPx *p)
{
  return tok_is_kw (cur (p), "case") ||
         (tok_is_kw (cur (p), "default") && tok_is_punct (awl_px_peek (p, 1), P_COLON));
}

/* `case P [when g]:` or `default:`; TRUE on success. */
static gboolean
parse_label (AwlPx          *p,
             const char     *hidden,
             AwlSwitchLabel *label,
             gboolean       *seen_default)
{
  AwlToken *kw = cur (p);

  label->loc = loc_of (kw);
  awl_px_next (p);
  if (tok_is_kw (kw, "default"))
    {
      if (*seen_default)
        awl_px_error (p, kw, "the switch statement already has a `default` label");
      *seen_default = TRUE;
      return awl_px_expect (p, P_COLON);
    }
  label->test = awl_px_new_expr (p, AWL_EXPR_IS, loc_of (kw));
  label->test->is.operand = hidden_name (p, hidden, loc_of (kw));
  if (!awl_px_parse_is_pattern (p, label->test))
    return FALSE;
  label->test = awl_px_finish_depth (p, label->test, 1);
  if (tok_is_ident (cur (p), "when"))
    {
      awl_px_next (p);
      if ((label->guard = awl_px_parse_expr (p)) == NULL)
        return FALSE;
    }
  if (tok_is_kw (cur (p), "goto"))
    return FALSE;
  return awl_px_expect (p, P_COLON);
}

static gboolean
parse_section (AwlPx            *p,
               const char       *hidden,
               AwlSwitchSection *section,
               gboolean         *seen_default)
{
  GArray *labels = g_array_new (FALSE, TRUE, sizeof (AwlSwitchLabel));
  GPtrArray *stmts = g_ptr_array_new ();
  gboolean ok = TRUE;

  while (ok && at_label (p))
    {
      AwlSwitchLabel label = { 0 };

      ok = parse_label (p, hidden, &label, seen_default);
      g_array_append_val (labels, label);
    }
  while (ok && !at_label (p) && !tok_is_punct (cur (p), P_RBRACE) && cur (p)->kind != AWL_TOK_EOF)
    {
      AwlStmt *s;

      if (tok_is_kw (cur (p), "goto"))
        {
          awl_px_error (p, cur (p), "`goto` (and `goto case`) is not supported by Awaitlab's C# subset");
          ok = FALSE;
          break;
        }
      if ((s = awl_px_parse_statement (p)) == NULL)
        {
          ok = FALSE;
          break;
        }
      g_ptr_array_add (stmts, s);
    }
  section->n_labels = labels->len;
  section->labels = awl_arena_alloc0 (awl_px_arena (p), sizeof (AwlSwitchLabel) * MAX (labels->len, 1));
  memcpy (section->labels, labels->data, sizeof (AwlSwitchLabel) * labels->len);
  section->n_stmts = stmts->len;
  section->stmts = (AwlStmt **) awl_arena_dup_ptrs (awl_px_arena (p), stmts->pdata, stmts->len);
  g_array_unref (labels);
  g_ptr_array_unref (stmts);
  return ok;
}

AwlStmt *
awl_px_parse_switch_statement (AwlPx *p)
{
  AwlToken *kw = cur (p);
  AwlLoc loc = loc_of (kw);
  g_autofree char *name = g_strdup_printf ("switch#%u:%u", kw->line, kw->col);
  const char *hidden = awl_arena_intern (awl_ast_get_arena (awl_px_ast (p)), name);
  AwlStmt *block, *decl, *sw;
  AwlExpr *subject = NULL;
  GArray *sections;
  gint close;
  gboolean seen_default = FALSE;

  awl_px_next (p);   /* switch */
  if (!awl_px_expect (p, P_LPAREN) || (subject = awl_px_parse_expr (p)) == NULL ||
      !awl_px_expect (p, P_RPAREN) || !tok_is_punct (cur (p), P_LBRACE))
    {
      if (!tok_is_punct (cur (p), P_LBRACE))
        return NULL;
    }
  close = cur (p)->match;
  awl_px_next (p);   /* { */
  if (subject == NULL)
    {
      /* The header's error is reported; go on after the braces. */
      while (close > 0 && awl_px_pos (p) <= (guint) close)
        awl_px_next (p);
      return NULL;
    }

  decl = awl_px_new_stmt (p, AWL_STMT_DECL, loc);
  decl->decl.n_vars = 1;
  decl->decl.vars = awl_arena_alloc0 (awl_px_arena (p), sizeof (AwlVar *));
  decl->decl.inits = awl_arena_alloc0 (awl_px_arena (p), sizeof (AwlExpr *));
  decl->decl.vars[0] = awl_px_new_var (p, AWL_VAR_LOCAL, hidden, loc, NULL);
  decl->decl.inits[0] = subject;
  decl->end_line = subject->loc.line;

  sw = awl_px_new_stmt (p, AWL_STMT_SWITCH, loc);
  sw->switch_.subject = hidden_name (p, hidden, loc);
  sections = g_array_new (FALSE, TRUE, sizeof (AwlSwitchSection));
  while (!tok_is_punct (cur (p), P_RBRACE) && cur (p)->kind != AWL_TOK_EOF)
    {
      AwlSwitchSection section = { 0 };

      if (!at_label (p))
        awl_px_error (p, cur (p), "expected `case` or `default:` in the switch statement");
      if (subject == NULL || !at_label (p) || !parse_section (p, hidden, &section, &seen_default))
        {
          /* Go on after the switch's braces, so that they are not reported again. */
          while (close > 0 && awl_px_pos (p) <= (guint) close)
            awl_px_next (p);
          g_array_unref (sections);
          return NULL;
        }
      g_array_append_val (sections, section);
    }
  sw->switch_.n_sections = sections->len;
  sw->switch_.sections = awl_arena_alloc0 (awl_px_arena (p), sizeof (AwlSwitchSection) * MAX (sections->len, 1));
  memcpy (sw->switch_.sections, sections->data, sizeof (AwlSwitchSection) * sections->len);
  g_array_unref (sections);
  if (!awl_px_expect (p, P_RBRACE))
    return NULL;
  awl_px_end_stmt (p, sw);

  block = awl_px_new_stmt (p, AWL_STMT_BLOCK, loc);
  block->block.n_stmts = 2;
  block->block.stmts = awl_arena_alloc0 (awl_px_arena (p), sizeof (AwlStmt *) * 2);
  block->block.stmts[0] = decl;
  block->block.stmts[1] = sw;
  awl_px_end_stmt (p, block);
  return block;
}
