/* awl-builtins-linq-join.c
 *
 * Enumerable.Join(inner, outerKey, innerKey, result), also what query syntax's
 * `join b in bs on ka equals kb` becomes: an inner equijoin that keeps the outer
 * sequence's order, and for each outer item the matching inner items in their order,
 * as .NET's lookup-based Join does. The key selectors run first (every inner key,
 * then the outer keys one by one, as .NET builds its lookup from the inner sequence
 * before walking the outer one), then the result selector once per matching pair.
 */

#include "awl-builtins-private.h"

typedef struct
{
  AwlFrame    parent;
  AwlRun     *run;
  AwlList    *outer;
  AwlList    *inner;
  AwlClosure *outer_key;
  AwlClosure *inner_key;
  AwlClosure *result_fn;
  GArray     *inner_keys;   /* AwlValue per inner item */
  AwlValue    key;          /* the current outer item's key */
  AwlList    *result;
  guint       i;            /* outer item */
  guint       j;            /* inner item */
  int         phase;        /* 0 inner keys, 1 outer key, 2 matching, 3 result returned */
} JoinFrame;

static void
join_step (AwlFrame *frame,
           AwlStep  *s)
{
  JoinFrame *jf = (JoinFrame *) frame;
  guint n_outer = jf->outer->items->len, n_inner = jf->inner->items->len;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  switch (jf->phase)
    {
    case 0:   /* s->value: the key of inner item inner_keys->len - 1, if any */
      if (jf->inner_keys == NULL)
        jf->inner_keys = g_array_new (FALSE, FALSE, sizeof (AwlValue));
      else
        g_array_append_val (jf->inner_keys, s->value);
      /* .NET builds the inner lookup only when the outer sequence has an item. */
      if (n_outer > 0 && jf->inner_keys->len < n_inner)
        {
          awl_closure_call2 (jf->run, s, jf->inner_key, g_array_index (jf->inner->items, AwlValue, jf->inner_keys->len), awl_value_null (), 1);
          return;
        }
      jf->phase = 1;
      {
        /* …and asks for no outer key when no inner key can match (null keys never do). */
        gboolean any = FALSE;
        for (guint k = 0; k < jf->inner_keys->len && !any; k++)
          any = !awl_value_is_null (g_array_index (jf->inner_keys, AwlValue, k));
        if (!any)
          {
            awl_step_return (s, awl_value_object (jf->result));
            return;
          }
      }
      break;
    case 1:   /* s->value: the key of outer item i */
      jf->key = s->value;
      jf->j = 0;
      jf->phase = 2;
      break;
    case 3:   /* s->value: the result for (i, j - 1) */
      g_array_append_val (jf->result->items, s->value);
      jf->phase = 2;
      break;
    default:
      break;
    }
  for (;;)
    {
      if (jf->phase == 1)
        {
          if (jf->i >= n_outer)
            {
              awl_step_return (s, awl_value_object (jf->result));
              return;
            }
          awl_closure_call2 (jf->run, s, jf->outer_key, g_array_index (jf->outer->items, AwlValue, jf->i), awl_value_null (), 1);
          return;
        }
      /* phase 2: the next inner item with an equal key, else the next outer item */
      while (jf->j < n_inner &&
             !(!awl_value_is_null (jf->key) && awl_value_equal (g_array_index (jf->inner_keys, AwlValue, jf->j), jf->key)))
        jf->j++;
      if (jf->j < n_inner)
        {
          AwlValue a = g_array_index (jf->outer->items, AwlValue, jf->i);
          AwlValue b = g_array_index (jf->inner->items, AwlValue, jf->j++);
          jf->phase = 3;
          awl_closure_call2 (jf->run, s, jf->result_fn, a, b, 2);
          return;
        }
      jf->i++;
      jf->phase = 1;
    }
}

static void
join_free (AwlFrame *frame)
{
  JoinFrame *jf = (JoinFrame *) frame;

  g_clear_pointer (&jf->inner_keys, g_array_unref);
  g_free (frame);
}

static const AwlFrameClass join_class = { "Enumerable.Join", 0, join_step, join_free };

AWL_BI (linq_join)
{
  AwlList *outer = awl_value_get_foreign (call->target, &awl_list_class);
  AwlList *inner = awl_value_get_foreign (call->args[0], &awl_list_class);
  AwlClosure *fn[3];
  static const char * const params[] = { "outerKeySelector", "innerKeySelector", "resultSelector" };
  JoinFrame *jf;
  AwlFrame *cur;

  if (inner == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'inner')");
  for (guint k = 0; k < 3; k++)
    if ((fn[k] = awl_value_get_foreign (call->args[k + 1], &awl_closure_class)) == NULL)
      return bi_throw (call, "ArgumentNullException",
                       awl_sim_intern_printf (call->sim, "Value cannot be null. (Parameter '%s')", params[k]));
  if (!bi_charge (call, outer->items->len + inner->items->len,
                  (guint64) (outer->items->len + inner->items->len) * sizeof (AwlValue)))
    return bi_over_budget (call);
  jf = g_new0 (JoinFrame, 1);
  awl_frame_init (&jf->parent, &join_class);
  cur = awl_sim_current_frame (call->sim);
  jf->parent.line = cur != NULL ? cur->line : 0;
  jf->run = call->run;
  jf->outer = outer;
  jf->inner = inner;
  jf->outer_key = fn[0];
  jf->inner_key = fn[1];
  jf->result_fn = fn[2];
  jf->key = awl_value_null ();
  jf->result = awl_list_new (call->sim, FALSE);
  awl_step_call (call->s, &jf->parent);
  return bi_action (call);
}

static const AwlKnownApi rows[] = {
  { "Enumerable", "Join", AWL_IM, 4, 4, NULL, 0, linq_join, 0,
    "var a = new[] { 1, 2, 3 }; var b = new[] { \"1:one\", \"3:three\" }; "
    "var j = a.Join(b, x => x.ToString(), s => s.Substring(0, 1), (x, s) => s).ToList();" },
};

const AwlApiFamily awl_api_family_linq_join = { "LinqJoin", rows, G_N_ELEMENTS (rows) };
