/* awl-compile-switch.c
 *
 * Switch statements (the parser made each label an `is` test on a hidden variable,
 * see awl-parser-switch.c). Each section in order: its labels are tried one after
 * the other (test, then guard), the first that holds jumps to the section's
 * statements; if none holds, the next section is tried. After the last section,
 * `default:` (wherever it was written) runs, or nothing. `break` leaves the switch;
 * `continue` belongs to the loop around it.
 */

#include "awl-compile-ext.h"

void
awl_cx_switch_statement (AwlCx   *c,
                         AwlStmt *s)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (guint));
  guint default_body = G_MAXUINT, no_match;

  awl_cx_switch_push (c);
  for (guint i = 0; i < s->switch_.n_sections; i++)
    {
      AwlSwitchSection *sec = &s->switch_.sections[i];
      GArray *to_body = g_array_new (FALSE, FALSE, sizeof (guint));
      gboolean is_default = FALSE;
      guint next_section, body, j;

      awl_cx_scope_push (c);
      for (guint k = 0; k < sec->n_labels; k++)
        {
          AwlSwitchLabel *label = &sec->labels[k];
          guint miss_test, miss_guard = G_MAXUINT;

          if (label->test == NULL)
            {
              is_default = TRUE;
              continue;
            }
          awl_cx_expr (c, label->test);
          miss_test = awl_cx_emit (c, OP_JUMP_IF_FALSE, 0, 0, NULL, label->loc);
          if (label->guard != NULL)
            {
              awl_cx_expr (c, label->guard);
              miss_guard = awl_cx_emit (c, OP_JUMP_IF_FALSE, 0, 0, NULL, label->loc);
            }
          j = awl_cx_emit (c, OP_JUMP, 0, 0, NULL, label->loc);
          g_array_append_val (to_body, j);
          awl_cx_patch (c, miss_test, awl_cx_here (c));
          if (miss_guard != G_MAXUINT)
            awl_cx_patch (c, miss_guard, awl_cx_here (c));
        }
      next_section = awl_cx_emit (c, OP_JUMP, 0, 0, NULL, s->loc);
      body = awl_cx_here (c);
      for (guint k = 0; k < to_body->len; k++)
        awl_cx_patch (c, g_array_index (to_body, guint, k), body);
      if (is_default)
        default_body = body;
      for (guint k = 0; k < sec->n_stmts; k++)
        awl_cx_stmt (c, sec->stmts[k]);
      j = awl_cx_emit (c, OP_JUMP, 0, 0, NULL, s->loc);
      g_array_append_val (ends, j);
      awl_cx_scope_pop (c);
      awl_cx_patch (c, next_section, awl_cx_here (c));
      g_array_unref (to_body);
    }
  /* No label matched: default, or past the switch. */
  no_match = awl_cx_emit (c, OP_JUMP, 0, 0, NULL, s->loc);
  g_array_append_val (ends, no_match);
  for (guint k = 0; k < ends->len; k++)
    awl_cx_patch (c, g_array_index (ends, guint, k), awl_cx_here (c));
  if (default_body != G_MAXUINT)
    awl_cx_patch (c, no_match, default_body);
  awl_cx_switch_pop (c, awl_cx_here (c));
  g_array_unref (ends);
}
