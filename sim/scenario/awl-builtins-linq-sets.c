/* awl-builtins-linq-sets.c
 *
 * LINQ operators without lambdas that build a new sequence from one or two: Reverse,
 * Concat, Union, Intersect, Except, ElementAt/ElementAtOrDefault, SequenceEqual,
 * ToHashSet and AsEnumerable. Equality is the values' (numbers, strings, the same
 * object), as EqualityComparer<T>.Default gives for the subset's types; the set
 * operators keep first occurrences in order, as .NET's do.
 */

#include "awl-builtins-private.h"

static AwlList *
target_list (AwlBiCall *call)
{
  return awl_value_get_foreign (call->target, &awl_list_class);
}

/* The second sequence: a list, or a collection walked as a snapshot. */
static AwlList *
second_list (AwlBiCall *call)
{
  AwlList *l = awl_value_get_foreign (call->args[0], &awl_list_class);

  return l != NULL ? l : awl_enumerable_items (call->sim, call->args[0]);
}

static gboolean
contains (AwlList  *l,
          AwlValue  v)
{
  for (guint i = 0; i < l->items->len; i++)
    if (awl_value_equal (g_array_index (l->items, AwlValue, i), v))
      return TRUE;
  return FALSE;
}

/* Appends @v unless it is already in @out (the set operators' "distinct"). */
static void
add_distinct (AwlList  *out,
              AwlValue  v)
{
  if (!contains (out, v))
    g_array_append_val (out->items, v);
}

AWL_BI (linq_reverse)
{
  AwlList *l = target_list (call);
  AwlList *r = awl_list_new (call->sim, FALSE);

  for (guint i = l->items->len; i > 0; i--)
    g_array_append_val (r->items, g_array_index (l->items, AwlValue, i - 1));
  return bi_value (call, awl_value_object (r));
}

enum { SET_CONCAT, SET_UNION, SET_INTERSECT, SET_EXCEPT };

/* Concat, Union, Intersect and Except (data). */
AWL_BI (linq_set)
{
  AwlList *a = target_list (call);
  AwlList *b = second_list (call);
  AwlList *r;

  if (b == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'second')");
  if (!bi_charge (call, (guint64) (a->items->len + 1) * (b->items->len + 1) / 16 + 1,
                  (guint64) (a->items->len + b->items->len) * sizeof (AwlValue)))
    return bi_over_budget (call);
  r = awl_list_new (call->sim, FALSE);
  switch (call->api->data)
    {
    case SET_CONCAT:
      g_array_append_vals (r->items, a->items->data, a->items->len);
      g_array_append_vals (r->items, b->items->data, b->items->len);
      break;
    case SET_UNION:
      for (guint i = 0; i < a->items->len; i++)
        add_distinct (r, g_array_index (a->items, AwlValue, i));
      for (guint i = 0; i < b->items->len; i++)
        add_distinct (r, g_array_index (b->items, AwlValue, i));
      break;
    default:
      for (guint i = 0; i < a->items->len; i++)
        {
          AwlValue v = g_array_index (a->items, AwlValue, i);
          if (contains (b, v) == (call->api->data == SET_INTERSECT))
            add_distinct (r, v);
        }
      break;
    }
  return bi_value (call, awl_value_object (r));
}

/* ElementAt (data 0) and ElementAtOrDefault (data 1). */
AWL_BI (linq_element_at)
{
  AwlList *l = target_list (call);
  gint64 i = bi_arg_int (call->args[0], -1);

  if (i >= 0 && i < (gint64) l->items->len)
    return bi_value (call, g_array_index (l->items, AwlValue, i));
  if (call->api->data)
    return bi_value (call, l->items->len > 0 ? bi_default_like (g_array_index (l->items, AwlValue, 0)) : awl_value_null ());
  return bi_throw (call, "ArgumentOutOfRangeException",
                   "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')");
}

AWL_BI (linq_sequence_equal)
{
  AwlList *a = target_list (call);
  AwlList *b = second_list (call);

  if (b == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'second')");
  if (a->items->len != b->items->len)
    return bi_value (call, awl_value_bool (FALSE));
  for (guint i = 0; i < a->items->len; i++)
    if (!awl_value_equal (g_array_index (a->items, AwlValue, i), g_array_index (b->items, AwlValue, i)))
      return bi_value (call, awl_value_bool (FALSE));
  return bi_value (call, awl_value_bool (TRUE));
}

/* ToHashSet (data 1) builds a HashSet<T>; AsEnumerable (data 0) is the sequence itself. */
AWL_BI (linq_convert)
{
  if (call->api->data)
    return bi_value (call, awl_hash_set_from (call->sim, target_list (call)));
  return bi_value (call, call->target);
}

#define A "var a = new[] { 1, 2, 3, 2 }; var b = new List<int> { 2, 4 }; "

static const AwlKnownApi rows[] = {
  { "Enumerable", "Reverse", AWL_IM, 0, 0, NULL, 0, linq_reverse, 0, A "var s = a.Reverse().ToList();" },
  { "Enumerable", "Concat", AWL_IM, 1, 1, NULL, 0, linq_set, SET_CONCAT, A "var s = a.Concat(b).ToList();" },
  { "Enumerable", "Union", AWL_IM, 1, 1, NULL, 0, linq_set, SET_UNION, A "var s = a.Union(b).ToList();" },
  { "Enumerable", "Intersect", AWL_IM, 1, 1, NULL, 0, linq_set, SET_INTERSECT, A "var s = a.Intersect(b).ToList();" },
  { "Enumerable", "Except", AWL_IM, 1, 1, NULL, 0, linq_set, SET_EXCEPT, A "var s = a.Except(b).ToList();" },
  { "Enumerable", "ElementAt", AWL_IM, 1, 1, NULL, 0, linq_element_at, 0, A "int n = a.ElementAt(1);" },
  { "Enumerable", "ElementAtOrDefault", AWL_IM, 1, 1, NULL, 0, linq_element_at, 1, A "int n = a.ElementAtOrDefault(9);" },
  { "Enumerable", "SequenceEqual", AWL_IM, 1, 1, NULL, 0, linq_sequence_equal, 0, A "bool same = a.SequenceEqual(b);" },
  { "Enumerable", "ToHashSet", AWL_IM, 0, 0, NULL, 0, linq_convert, 1, A "var set = a.ToHashSet();" },
  { "Enumerable", "AsEnumerable", AWL_IM, 0, 0, NULL, 0, linq_convert, 0, A "var e = a.AsEnumerable();" },
};

#undef A

const AwlApiFamily awl_api_family_linq_sets = { "LinqSets", rows, G_N_ELEMENTS (rows) };
