/* awl-parser-operators.c
 *
 * User-defined binary operators: `public static Money operator +(Money a, Money b)`
 * is a static method named as .NET names it (op_Addition), so the compiler can
 * call it where `a + b` has an operand of that class (awl-compile-operators.c).
 */

#include "awl-parser-ext.h"

static const struct { AwlPunct punct; AwlBinaryOp op; const char *name; } operators[] = {
  { P_PLUS, AWL_BINARY_ADD, "op_Addition" },
  { P_MINUS, AWL_BINARY_SUB, "op_Subtraction" },
  { P_STAR, AWL_BINARY_MUL, "op_Multiply" },
  { P_SLASH, AWL_BINARY_DIV, "op_Division" },
  { P_PERCENT, AWL_BINARY_MOD, "op_Modulus" },
  { P_EQ, AWL_BINARY_EQ, "op_Equality" },
  { P_NE, AWL_BINARY_NE, "op_Inequality" },
  { P_LT, AWL_BINARY_LT, "op_LessThan" },
  { P_GT, AWL_BINARY_GT, "op_GreaterThan" },
  { P_LE, AWL_BINARY_LE, "op_LessThanOrEqual" },
  { P_GE, AWL_BINARY_GE, "op_GreaterThanOrEqual" },
};

const char *
awl_binary_op_method_name (AwlBinaryOp op)
{
  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    if (operators[i].op == op)
      return operators[i].name;
  return NULL;
}

gboolean
awl_px_parse_operator_name (AwlPx    *p,
                            AwlToken *name_out)
{
  AwlToken *kw = awl_px_peek (p, 0);
  AwlToken *op = awl_px_peek (p, 1);

  if (!tok_is_kw (kw, "operator"))
    {
      awl_px_error (p, kw, "conversion operators (`implicit`/`explicit`) are not supported by Awaitlab's C# subset");
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    if (tok_is_punct (op, operators[i].punct) && tok_is_punct (awl_px_peek (p, 2), P_LPAREN))
      {
        *name_out = *op;
        name_out->kind = AWL_TOK_IDENT;
        name_out->text = awl_arena_intern (awl_ast_get_arena (awl_px_ast (p)), operators[i].name);
        awl_px_next (p);   /* operator */
        awl_px_next (p);   /* the symbol */
        return TRUE;
      }
  awl_px_error (p, op, "only the binary operators + - * / % == != < > <= >= can be defined "
                "in Awaitlab's C# subset");
  return FALSE;
}
