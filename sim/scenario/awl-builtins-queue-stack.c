/* awl-builtins-queue-stack.c
 *
 * Queue<T>, Stack<T> and HashSet<T> of System.Collections.Generic: none of them is
 * thread-safe in .NET; here every operation is one step of one thread, so a race
 * between two threads never corrupts them — the simulator cannot show that bug.
 * `foreach` and LINQ see a snapshot: a queue from the oldest item, a stack from the
 * top, a set in insertion order (awl_enumerable_items, also for dictionaries).
 */

#include "awl-builtins-private.h"

typedef struct
{
  AwlForeign  parent;
  GArray     *items;   /* AwlValue: queue oldest first, stack bottom first, set in order */
  guint       version; /* every change: a foreach over it throws after one */
} AwlBag;

static void
bag_finalize (AwlForeign *self)
{
  g_array_unref (((AwlBag *) self)->items);
}

static const AwlForeignClass queue_class = { "Queue", bag_finalize, NULL };
static const AwlForeignClass stack_class = { "Stack", bag_finalize, NULL };
static const AwlForeignClass set_class = { "HashSet", bag_finalize, NULL };

static AwlBag *
bag (AwlBiCall *call)
{
  AwlBag *b = awl_value_get_foreign (call->target, &queue_class);

  if (b == NULL)
    b = awl_value_get_foreign (call->target, &stack_class);
  return b != NULL ? b : awl_value_get_foreign (call->target, &set_class);
}

static gint
bag_find (AwlBag   *b,
          AwlValue  v)
{
  for (guint i = 0; i < b->items->len; i++)
    if (awl_value_equal (g_array_index (b->items, AwlValue, i), v))
      return (gint) i;
  return -1;
}

gboolean
awl_is_enumerable_collection (AwlValue v)
{
  return awl_dictionary_is (v) || awl_value_get_foreign (v, &queue_class) != NULL ||
         awl_value_get_foreign (v, &stack_class) != NULL || awl_value_get_foreign (v, &set_class) != NULL;
}

AwlList *
awl_enumerable_items (AwlSim   *sim,
                      AwlValue  v)
{
  AwlList *l = awl_dictionary_pairs (sim, v);
  AwlBag *b;

  if (l != NULL)
    return l;
  if ((b = awl_value_get_foreign (v, &stack_class)) != NULL)
    {
      l = awl_list_new (sim, FALSE);
      for (guint i = b->items->len; i > 0; i--)
        g_array_append_val (l->items, g_array_index (b->items, AwlValue, i - 1));
    }
  else if ((b = awl_value_get_foreign (v, &queue_class)) != NULL || (b = awl_value_get_foreign (v, &set_class)) != NULL)
    l = awl_list_new_from (sim, FALSE, (AwlValue *) b->items->data, b->items->len);
  else
    return NULL;
  l->source_version = &b->version;
  l->source_start = b->version;
  return l;
}

AwlValue
awl_hash_set_from (AwlSim  *sim,
                   AwlList *from)
{
  AwlBag *b = awl_sim_foreign_new (sim, &set_class, sizeof (AwlBag));

  b->items = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  for (guint i = 0; i < from->items->len; i++)
    if (bag_find (b, g_array_index (from->items, AwlValue, i)) < 0)
      g_array_append_val (b->items, g_array_index (from->items, AwlValue, i));
  return awl_value_object (b);
}

/* new Queue<T>() (data 0), Stack<T> (1), HashSet<T> (2); optionally from a collection. */
AWL_BI (bag_new)
{
  static const AwlForeignClass * const classes[] = { &queue_class, &stack_class, &set_class };
  AwlBag *b = awl_sim_foreign_new (call->sim, classes[call->api->data], sizeof (AwlBag));
  AwlList *from = call->n_args ? awl_value_get_foreign (call->args[0], &awl_list_class) : NULL;

  b->items = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  if (call->n_args && from == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'collection')");
  for (guint i = 0; from != NULL && i < from->items->len; i++)
    {
      AwlValue v = g_array_index (from->items, AwlValue, i);
      if (call->api->data != 2 || bag_find (b, v) < 0)
        g_array_append_val (b->items, v);
    }
  return bi_value (call, awl_value_object (b));
}

/* Enqueue, Push (data 0) and HashSet.Add (data 1: false when already there). */
AWL_BI (bag_add)
{
  AwlBag *b = bag (call);

  if (call->api->data && bag_find (b, call->args[0]) >= 0)
    return bi_value (call, awl_value_bool (FALSE));
  if (!bi_charge (call, 1, sizeof (AwlValue)))
    return bi_over_budget (call);
  g_array_append_val (b->items, call->args[0]);
  b->version++;
  return bi_value (call, call->api->data ? awl_value_bool (TRUE) : awl_value_null ());
}

enum { TAKE_REMOVE = 1, TAKE_TRY = 2 };

/* Dequeue/Pop (data REMOVE), Peek (0), TryDequeue/TryPop (REMOVE|TRY), TryPeek (TRY). */
AWL_BI (bag_take)
{
  AwlBag *b = bag (call);
  gboolean stack = awl_value_get_foreign (call->target, &stack_class) != NULL;
  guint at;
  AwlValue v;

  if (b->items->len == 0)
    {
      if (call->api->data & TAKE_TRY)
        return bi_value (call, awl_value_bool (FALSE));
      return bi_throw (call, "InvalidOperationException", stack ? "Stack empty." : "Queue empty.");
    }
  at = stack ? b->items->len - 1 : 0;
  v = g_array_index (b->items, AwlValue, at);
  if (call->api->data & TAKE_REMOVE)
    {
      g_array_remove_index (b->items, at);
      b->version++;
    }
  if (call->api->data & TAKE_TRY)
    {
      AwlBox *box = awl_value_get_foreign (call->args[0], &awl_box_class);
      if (box != NULL)
        box->v = v;
      return bi_value (call, awl_value_bool (TRUE));
    }
  return bi_value (call, v);
}

AWL_BI (bag_count)
{
  return bi_value (call, awl_value_int (bag (call)->items->len));
}

AWL_BI (bag_contains)
{
  return bi_value (call, awl_value_bool (bag_find (bag (call), call->args[0]) >= 0));
}

AWL_BI (bag_clear)
{
  g_array_set_size (bag (call)->items, 0);
  bag (call)->version++;
  return bi_value (call, awl_value_null ());
}

AWL_BI (set_remove)
{
  AwlBag *b = bag (call);
  gint i = bag_find (b, call->args[0]);

  if (i >= 0)
    {
      g_array_remove_index (b->items, i);
      b->version++;
    }
  return bi_value (call, awl_value_bool (i >= 0));
}

#define Q "var q = new Queue<int>(); q.Enqueue(1); "
#define S "var s = new Stack<int>(); s.Push(1); "
#define H "var h = new HashSet<string>(); h.Add(\"a\"); "
#define O AWL_API_OUT_LAST

static const AwlKnownApi rows[] = {
  { "Queue", ".ctor", AWL_CT, 0, 1, NULL, 1, bag_new, 0, Q "foreach (int x in q) Console.WriteLine(x);" },
  { "Queue", "Enqueue", AWL_IM, 1, 1, NULL, 0, bag_add, 0, Q "q.Enqueue(2);" },
  { "Queue", "Dequeue", AWL_IM, 0, 0, NULL, 0, bag_take, TAKE_REMOVE, Q "int x = q.Dequeue();" },
  { "Queue", "Peek", AWL_IM, 0, 0, NULL, 0, bag_take, 0, Q "int x = q.Peek();" },
  { "Queue", "TryDequeue", AWL_IM, 1, 1, NULL, 0, bag_take, TAKE_REMOVE | TAKE_TRY, Q "bool ok = q.TryDequeue(out int x);", O },
  { "Queue", "TryPeek", AWL_IM, 1, 1, NULL, 0, bag_take, TAKE_TRY, Q "bool ok = q.TryPeek(out int x);", O },
  { "Queue", "Count", AWL_IP, 0, 0, NULL, 0, bag_count, 0, Q "int n = q.Count;" },
  { "Queue", "Contains", AWL_IM, 1, 1, NULL, 0, bag_contains, 0, Q "bool b = q.Contains(1);" },
  { "Queue", "Clear", AWL_IM, 0, 0, NULL, 0, bag_clear, 0, Q "q.Clear();" },
  { "Stack", ".ctor", AWL_CT, 0, 1, NULL, 1, bag_new, 1, S "foreach (int x in s) Console.WriteLine(x);" },
  { "Stack", "Push", AWL_IM, 1, 1, NULL, 0, bag_add, 0, S "s.Push(2);" },
  { "Stack", "Pop", AWL_IM, 0, 0, NULL, 0, bag_take, TAKE_REMOVE, S "int x = s.Pop();" },
  { "Stack", "Peek", AWL_IM, 0, 0, NULL, 0, bag_take, 0, S "int x = s.Peek();" },
  { "Stack", "TryPop", AWL_IM, 1, 1, NULL, 0, bag_take, TAKE_REMOVE | TAKE_TRY, S "bool ok = s.TryPop(out int x);", O },
  { "Stack", "TryPeek", AWL_IM, 1, 1, NULL, 0, bag_take, TAKE_TRY, S "bool ok = s.TryPeek(out int x);", O },
  { "Stack", "Count", AWL_IP, 0, 0, NULL, 0, bag_count, 0, S "int n = s.Count;" },
  { "Stack", "Contains", AWL_IM, 1, 1, NULL, 0, bag_contains, 0, S "bool b = s.Contains(1);" },
  { "Stack", "Clear", AWL_IM, 0, 0, NULL, 0, bag_clear, 0, S "s.Clear();" },
  { "HashSet", ".ctor", AWL_CT, 0, 1, NULL, 1, bag_new, 2, H "foreach (string x in h) Console.WriteLine(x);" },
  { "HashSet", "Add", AWL_IM, 1, 1, NULL, 0, bag_add, 1, H "bool added = h.Add(\"a\");" },
  { "HashSet", "Contains", AWL_IM, 1, 1, NULL, 0, bag_contains, 0, H "bool b = h.Contains(\"a\");" },
  { "HashSet", "Remove", AWL_IM, 1, 1, NULL, 0, set_remove, 0, H "bool b = h.Remove(\"a\");" },
  { "HashSet", "Count", AWL_IP, 0, 0, NULL, 0, bag_count, 0, H "int n = h.Count;" },
  { "HashSet", "Clear", AWL_IM, 0, 0, NULL, 0, bag_clear, 0, H "h.Clear();" },
};

#undef Q
#undef S
#undef H
#undef O

const AwlApiFamily awl_api_family_queue_stack = { "QueueStackSet", rows, G_N_ELEMENTS (rows) };
