/* awl-parser-ext.h
 *
 * The parts of the parser that live outside awl-parser.c: tuples, `out`/`ref`
 * arguments and parameters, deconstruction, patterns and switch expressions
 * (awl-parser-everyday.c). They reach the parser's state only through the small
 * set of functions below, which awl-parser.c exports for them; the parser is an
 * opaque AwlPx here.
 */

#pragma once

#include <string.h>

#include "awl-language-private.h"

G_BEGIN_DECLS

typedef struct _AwlPx AwlPx;   /* awl-parser.c's Parser */

/* Token tests shared by every part of the parser. */
static inline gboolean
tok_is_punct (const AwlToken *t,
              AwlPunct        punct)
{
  return t->kind == AWL_TOK_PUNCT && t->punct == punct;
}

static inline gboolean
tok_is_kw (const AwlToken *t,
           const char     *kw)
{
  return t->kind == AWL_TOK_KEYWORD && strcmp (t->text, kw) == 0;
}

static inline gboolean
tok_is_ident (const AwlToken *t,
              const char     *name)
{
  return t->kind == AWL_TOK_IDENT && strcmp (t->text, name) == 0;
}

static inline AwlLoc
awl_px_loc_of (const AwlToken *t)
{
  AwlLoc loc = { t->line, t->col };
  return loc;
}

/* Exported by awl-parser.c. */
AwlToken   *awl_px_peek         (AwlPx *p, guint ahead);
guint       awl_px_pos          (AwlPx *p);
AwlToken   *awl_px_tok          (AwlPx *p, guint index);
void        awl_px_next         (AwlPx *p);
gboolean    awl_px_accept       (AwlPx *p, AwlPunct punct);
gboolean    awl_px_expect       (AwlPx *p, AwlPunct punct);
gboolean    awl_px_panicking    (AwlPx *p);
void        awl_px_error        (AwlPx *p, const AwlToken *t, const char *message);
void        awl_px_errorf       (AwlPx *p, const AwlToken *t, const char *format, ...) G_GNUC_PRINTF (3, 4);
void        awl_px_expected     (AwlPx *p, const char *what);
AwlArena   *awl_px_arena        (AwlPx *p);
AwlAst     *awl_px_ast          (AwlPx *p);
AwlExpr    *awl_px_parse_expr   (AwlPx *p);
/* An operand of a relational or constant pattern: shifts and tighter (`1 + 2`, `-3`). */
AwlExpr    *awl_px_parse_shift  (AwlPx *p);
AwlTypeRef *awl_px_parse_type   (AwlPx *p);
/* The index after a type starting at token @index, or -1 (nothing is reported). */
gint        awl_px_scan_type    (AwlPx *p, guint index);
AwlExpr    *awl_px_new_expr     (AwlPx *p, AwlExprKind kind, AwlLoc loc);
AwlExpr    *awl_px_finish_depth (AwlPx *p, AwlExpr *e, guint child_depth);
AwlVar     *awl_px_new_var      (AwlPx *p, AwlVarKind kind, const char *name, AwlLoc loc, AwlTypeRef *type);
AwlStmt    *awl_px_new_stmt     (AwlPx *p, AwlStmtKind kind, AwlLoc loc);
void        awl_px_end_stmt     (AwlPx *p, AwlStmt *s);
gboolean    awl_px_expect_semicolon (AwlPx *p);

/* A lambda `param => body` (query clauses): begin, parse the body, end. */
AwlFunction *awl_px_lambda_begin (AwlPx *p, AwlLoc loc, const char *param, AwlLoc param_loc, gpointer *saved);
AwlExpr    *awl_px_lambda_end   (AwlPx *p, AwlFunction *f, AwlExpr *body, gpointer saved);

/* Defined in awl-parser-collections.c: at `[`, a collection expression `[a, b]`. */
AwlExpr    *awl_px_parse_collection  (AwlPx *p);

/* Defined in awl-parser-query.c. */

/* At `from x in …`: LINQ query syntax, lowered to Where/OrderBy/Select/… calls. */
AwlExpr    *awl_px_parse_query       (AwlPx *p);

/* Defined in awl-parser-everyday.c. */

/* A name that may follow a dot, as tuple element names do (the checker's members). */
void        awl_px_add_member_name   (AwlPx *p, const char *name);

/* At `(`: whether a tuple literal starts here (`(a, b)`, `(Name: x, …)`). */
gboolean    awl_px_tuple_ahead       (AwlPx *p);
AwlExpr    *awl_px_parse_tuple       (AwlPx *p);
/* At `(`: `(int, string)`, `(int Count, string Name)`. */
AwlTypeRef *awl_px_parse_tuple_type  (AwlPx *p);
gint        awl_px_scan_tuple_type   (AwlPx *p, guint index);
/* At `var (` or `(Type name, …) =`: a deconstructing declaration. */
gboolean    awl_px_deconstruction_ahead (AwlPx *p);
AwlStmt    *awl_px_parse_deconstruction (AwlPx *p);
/* At `var (` in a foreach: the deconstruction the body starts with, and the loop's
 * hidden variable in *@hidden; then awl_px_prepend_stmt() puts it before the body. */
AwlStmt    *awl_px_parse_foreach_deconstruction (AwlPx *p, AwlVar **hidden);
AwlStmt    *awl_px_prepend_stmt      (AwlPx *p, AwlStmt *first, AwlStmt *body);
/* At `out`/`ref`/`in` inside an argument list: fills @arg (value or out_var). */
gboolean    awl_px_parse_ref_arg     (AwlPx *p, AwlArg *arg);
/* At `ref`/`out`/`in` in a parameter list: consumes it, TRUE if by reference. */
gboolean    awl_px_parse_param_modifier (AwlPx *p);
/* After `is`: the pattern, simplified into @e's type/var/negated where it is one. */
gboolean    awl_px_parse_is_pattern  (AwlPx *p, AwlExpr *e);
/* After an operand: `x switch { … }` if a `switch` follows, else @left. */
AwlExpr    *awl_px_maybe_switch      (AwlPx *p, AwlExpr *left);

AwlStmt    *awl_px_parse_statement   (AwlPx *p);

/* Defined in awl-parser-switch.c: at `switch (`, a switch statement (as a block). */
AwlStmt    *awl_px_parse_switch_statement (AwlPx *p);

/* Defined in awl-parser-operators.c: after a member's type, at `operator +`: the
 * method name (op_Addition) as a token, the symbol consumed. */
gboolean    awl_px_parse_operator_name (AwlPx *p, AwlToken *name_out);

/* Defined in awl-parser-with.c. */

/* At `with {`: `left with { Name = value, … }`. */
AwlExpr    *awl_px_parse_with        (AwlPx *p, AwlExpr *left);

G_END_DECLS
