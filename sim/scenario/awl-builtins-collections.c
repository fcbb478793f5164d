/* awl-builtins-collections.c
 *
 * System.Collections.Generic and System.Linq: List<T>, arrays, Enumerable (lazy
 * Select/Where/OrderBy materialized by a C frame that calls the lambdas), and the
 * async enumerators of IAsyncEnumerable<T>.
 */

#include "awl-builtins-private.h"

/* ----------------------------------------------------------------------------- */
/* Lazy queries */

typedef struct
{
  AwlFrame  parent;
  AwlRun   *run;
  AwlLazy  *lazy;
  AwlList  *source;
  AwlList  *result;
  GArray   *keys;    /* OrderBy: the key of each source item */
  guint     index;
  int       phase;   /* 0 start, 1 waiting for the source, 2 calling fn */
} MatFrame;

typedef struct
{
  AwlValue key;
  AwlValue item;
  guint    index;
} KeyedItem;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const KeyedItem *x = a, *y = b;
  int r = 0;

  if ((x->key.kind == AWL_VALUE_INT || x->key.kind == AWL_VALUE_DOUBLE) &&
      (y->key.kind == AWL_VALUE_INT || y->key.kind == AWL_VALUE_DOUBLE))
    {
      double p = x->key.kind == AWL_VALUE_INT ? (double) x->key.i : x->key.d;
      double q = y->key.kind == AWL_VALUE_INT ? (double) y->key.i : y->key.d;
      r = p < q ? -1 : p > q;
    }
  else if (x->key.kind == AWL_VALUE_STRING && y->key.kind == AWL_VALUE_STRING)
    r = g_strcmp0 (x->key.s, y->key.s);
  else if (x->key.kind == AWL_VALUE_BOOL && y->key.kind == AWL_VALUE_BOOL)
    r = (int) !!x->key.b - (int) !!y->key.b;
  /* OrderBy is a stable sort. */
  return r != 0 ? r : (x->index < y->index ? -1 : 1);
}

/* OrderByDescending: the keys reversed, equal keys still in source order. */
static int
compare_keyed_desc (gconstpointer a,
                    gconstpointer b)
{
  const KeyedItem *x = a, *y = b;
  KeyedItem xs = *x, ys = *y;
  int fwd, back;

  /* With equal indexes compare_keyed compares the keys alone (ties answer 1). */
  xs.index = ys.index = 0;
  fwd = compare_keyed (&xs, &ys);
  back = compare_keyed (&ys, &xs);
  if (fwd == 1 && back == 1)
    return x->index < y->index ? -1 : 1;
  return -fwd;
}

static void
mat_step (AwlFrame *frame,
          AwlStep  *s)
{
  MatFrame *m = (MatFrame *) frame;
  AwlSim *sim = m->run->sim;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  if (m->phase == 0)
    {
      AwlLazy *inner = awl_value_get_foreign (m->lazy->source, &awl_lazy_class);
      m->result = awl_list_new (sim, FALSE);
      if (inner)
        {
          m->phase = 1;
          awl_step_call (s, awl_materialize_frame (m->run, inner));
          return;
        }
      m->source = awl_value_get_foreign (m->lazy->source, &awl_list_class);
      if (m->source == NULL)
        {
          awl_step_throw (s, awl_scn_exception (sim, "ArgumentNullException", "Value cannot be null. (Parameter 'source')"));
          return;
        }
      m->phase = 2;
    }
  else if (m->phase == 1)
    {
      m->source = awl_value_get_foreign (s->value, &awl_list_class);
      m->phase = 2;
    }
  else
    {
      AwlValue item = g_array_index (m->source->items, AwlValue, m->index);
      if (m->lazy->kind == LAZY_SELECT)
        g_array_append_val (m->result->items, s->value);
      else if (m->lazy->kind == LAZY_ORDER_BY || m->lazy->kind == LAZY_ORDER_BY_DESC)
        {
          KeyedItem k = { s->value, item, m->index };
          if (m->keys == NULL)
            m->keys = g_array_new (FALSE, FALSE, sizeof (KeyedItem));
          g_array_append_val (m->keys, k);
        }
      else if (s->value.kind == AWL_VALUE_BOOL && s->value.b)
        g_array_append_val (m->result->items, item);
      m->index++;
    }

  if (m->source && m->index < m->source->items->len)
    {
      /* Select((x, i) => …) and Where((x, i) => …) also get the item's index. */
      AwlValue args[2] = { g_array_index (m->source->items, AwlValue, m->index), awl_value_int (m->index) };
      guint n = m->lazy->kind == LAZY_SELECT || m->lazy->kind == LAZY_WHERE ? MIN (2, m->lazy->fn->code->n_params) : 1;
      awl_step_call (s, awl_closure_frame (m->run, m->lazy->fn, args, MAX (n, 1)));
      return;
    }
  if (m->keys)
    {
      GArray *level = g_array_sized_new (FALSE, FALSE, sizeof (AwlValue), m->keys->len);

      g_array_sort (m->keys, m->lazy->kind == LAZY_ORDER_BY_DESC ? compare_keyed_desc : compare_keyed);
      for (guint i = 0; i < m->keys->len; i++)
        {
          g_array_append_val (m->result->items, g_array_index (m->keys, KeyedItem, i).item);
          g_array_append_val (level, g_array_index (m->keys, KeyedItem, i).key);
        }
      g_clear_pointer (&m->keys, g_array_unref);
      /* Kept for a ThenBy (awl-builtins-linq.c). */
      m->result->order_levels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_ptr_array_add (m->result->order_levels, level);
      m->result->order_desc = m->lazy->kind == LAZY_ORDER_BY_DESC;
    }
  awl_step_return (s, awl_value_object (m->result));
}

static void
mat_free (AwlFrame *frame)
{
  MatFrame *m = (MatFrame *) frame;
  g_clear_pointer (&m->keys, g_array_unref);
  g_free (frame);
}

static const AwlFrameClass select_class = { "Enumerable.Select", 0, mat_step, mat_free };
static const AwlFrameClass where_class = { "Enumerable.Where", 0, mat_step, mat_free };
static const AwlFrameClass order_by_class = { "Enumerable.OrderBy", 0, mat_step, mat_free };
static const AwlFrameClass order_by_desc_class = { "Enumerable.OrderByDescending", 0, mat_step, mat_free };

AwlFrame *
awl_materialize_frame (AwlRun  *run,
                       AwlLazy *lazy)
{
  MatFrame *m = g_new0 (MatFrame, 1);
  awl_frame_init (&m->parent, lazy->kind == LAZY_SELECT ? &select_class :
                              lazy->kind == LAZY_WHERE ? &where_class :
                              lazy->kind == LAZY_ORDER_BY_DESC ? &order_by_desc_class : &order_by_class);
  m->run = run;
  m->lazy = lazy;
  m->parent.line = awl_sim_current_frame (run->sim) ? awl_sim_current_frame (run->sim)->line : 0;
  return &m->parent;
}

AWL_BI (make_lazy)
{
  AwlLazy *lazy;
  AwlClosure *fn = call->n_args ? awl_value_get_foreign (call->args[0], &awl_closure_class) : NULL;

  if (fn == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'selector')");
  lazy = awl_sim_foreign_new (call->sim, &awl_lazy_class, sizeof (AwlLazy));
  lazy->kind = (AwlLazyKind) call->api->data;
  lazy->source = call->target;
  lazy->fn = fn;
  return bi_value (call, awl_value_object (lazy));
}

/* ----------------------------------------------------------------------------- */
/* Static members and constructors */

AWL_BI (list_new)
{
  AwlList *src = call->n_args ? awl_value_get_foreign (call->args[0], &awl_list_class) : NULL;
  AwlList *l = awl_list_new (call->sim, FALSE);

  if (src && !bi_charge (call, 1, (guint64) src->items->len * sizeof (AwlValue)))
    return bi_over_budget (call);
  if (src)
    g_array_append_vals (l->items, src->items->data, src->items->len);
  return bi_value (call, awl_value_object (l));
}

AWL_BI (enumerable_range)
{
  gint64 start = call->n_args >= 1 ? bi_arg_int (call->args[0], 0) : 0;
  gint64 count = call->n_args >= 2 ? bi_arg_int (call->args[1], -1) : -1;
  AwlList *l;

  if (count < 0 || start + count - 1 > G_MAXINT32)
    return bi_throw (call, "ArgumentOutOfRangeException", "Specified argument was out of the range of valid values. (Parameter 'count')");
  if (!bi_charge (call, count, (guint64) count * sizeof (AwlValue)))
    return bi_over_budget (call);
  l = awl_list_new (call->sim, FALSE);
  g_array_set_size (l->items, count);
  for (gint64 i = 0; i < count; i++)
    g_array_index (l->items, AwlValue, i) = awl_value_int (start + i);
  return bi_value (call, awl_value_object (l));
}

AWL_BI (enumerable_repeat)
{
  gint64 count = call->n_args >= 2 ? bi_arg_int (call->args[1], -1) : -1;
  AwlList *l;

  if (count < 0)
    return bi_throw (call, "ArgumentOutOfRangeException", "Specified argument was out of the range of valid values. (Parameter 'count')");
  if (!bi_charge (call, count, (guint64) count * sizeof (AwlValue)))
    return bi_over_budget (call);
  l = awl_list_new (call->sim, FALSE);
  for (gint64 i = 0; i < count; i++)
    g_array_append_val (l->items, call->args[0]);
  return bi_value (call, awl_value_object (l));
}

/* Array.Empty (data 1) and Enumerable.Empty (data 0). */
AWL_BI (empty_sequence)
{
  return bi_value (call, awl_value_object (awl_list_new (call->sim, call->api->data)));
}

/* ----------------------------------------------------------------------------- */
/* List and array members */

static AwlList *
target_list (AwlBiCall *call)
{
  return awl_value_get_foreign (call->target, &awl_list_class);
}

AWL_BI (list_add)
{
  AwlList *l = target_list (call);

  if (l->is_array)
    return bi_throw (call, "NotSupportedException", "Collection was of a fixed size.");
  if (!bi_charge (call, 1, sizeof (AwlValue)))
    return bi_over_budget (call);
  g_array_append_val (l->items, call->args[0]);
  awl_list_changed (l);
  return bi_value (call, awl_value_null ());
}

AWL_BI (list_add_range)
{
  AwlList *l = target_list (call);
  AwlList *src = call->n_args ? awl_value_get_foreign (call->args[0], &awl_list_class) : NULL;

  if (src == NULL || l->is_array)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'collection')");
  if (!bi_charge (call, 1, (guint64) src->items->len * sizeof (AwlValue)))
    return bi_over_budget (call);
  g_array_append_vals (l->items, src->items->data, src->items->len);
  awl_list_changed (l);
  return bi_value (call, awl_value_null ());
}

/* Count, Length and Count(). */
AWL_BI (list_count)
{
  return bi_value (call, awl_value_int (target_list (call)->items->len));
}

/* List<T>.ForEach(action): runs the action for each item, in order, on this thread. The
 * parameter is an Action<T>, so an async lambda given here is async void: ForEach moves
 * to the next item at the lambda's first incomplete await, returns before the work is
 * done, and nobody can await it or catch what it throws. */
typedef struct
{
  AwlFrame    parent;
  AwlRun     *run;
  AwlList    *list;
  AwlClosure *action;
  guint       count;   /* the length when ForEach started */
  guint       next;
} ForEachFrame;

static void
for_each_step (AwlFrame *frame,
               AwlStep  *s)
{
  ForEachFrame *fe = (ForEachFrame *) frame;
  AwlFrame *call;
  AwlValue item;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  /* List<T>.ForEach checks its version before each item, as an enumerator does. */
  if (fe->list->items->len != fe->count)
    {
      awl_step_throw (s, awl_scn_exception (fe->run->sim, "InvalidOperationException",
                                            "Collection was modified; enumeration operation may not execute."));
      return;
    }
  if (fe->next >= fe->count)
    {
      awl_step_return (s, awl_value_null ());
      return;
    }
  item = g_array_index (fe->list->items, AwlValue, fe->next++);
  call = awl_closure_frame (fe->run, fe->action, &item, MIN (1, fe->action->code->n_params));
  if (call->flags & AWL_FRAME_ASYNC)
    call->flags |= AWL_FRAME_ASYNC_VOID;
  awl_step_call (s, call);
}

static void
for_each_free (AwlFrame *frame)
{
  g_free (frame);
}

static const AwlFrameClass for_each_class = { "List.ForEach", 0, for_each_step, for_each_free };

AWL_BI (list_for_each)
{
  AwlList *l = target_list (call);
  AwlClosure *action = awl_value_get_foreign (call->args[0], &awl_closure_class);
  ForEachFrame *fe;
  AwlFrame *cur;

  if (action == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'action')");
  fe = g_new0 (ForEachFrame, 1);
  cur = awl_sim_current_frame (call->sim);
  awl_frame_init (&fe->parent, &for_each_class);
  fe->parent.line = cur ? cur->line : 0;
  fe->run = call->run;
  fe->list = l;
  fe->action = action;
  fe->count = l->items->len;
  awl_step_call (call->s, &fe->parent);
  return bi_action (call);
}

/* ToArray (data 1), ToList (data 0). */
AWL_BI (list_copy)
{
  AwlList *l = target_list (call);
  return bi_value (call, awl_value_object (awl_list_new_from (call->sim, call->api->data,
                                                              (AwlValue *) l->items->data, l->items->len)));
}

/* Contains (data 0) and IndexOf (data 1). */
AWL_BI (list_find)
{
  AwlList *l = target_list (call);
  gboolean index_of = call->api->data;

  for (guint i = 0; i < l->items->len; i++)
    if (awl_value_equal (g_array_index (l->items, AwlValue, i), call->args[0]))
      return bi_value (call, index_of ? awl_value_int (i) : awl_value_bool (TRUE));
  return bi_value (call, index_of ? awl_value_int (-1) : awl_value_bool (FALSE));
}

AWL_BI (list_remove)
{
  AwlList *l = target_list (call);

  for (guint i = 0; i < l->items->len; i++)
    if (awl_value_equal (g_array_index (l->items, AwlValue, i), call->args[0]))
      {
        g_array_remove_index (l->items, i);
        awl_list_changed (l);
        return bi_value (call, awl_value_bool (TRUE));
      }
  return bi_value (call, awl_value_bool (FALSE));
}

AWL_BI (list_clear)
{
  g_array_set_size (target_list (call)->items, 0);
  awl_list_changed (target_list (call));
  return bi_value (call, awl_value_null ());
}

AWL_BI (list_insert)
{
  AwlList *l = target_list (call);
  gint64 at = bi_arg_int (call->args[0], -1);

  if (l->is_array)
    return bi_throw (call, "NotSupportedException", "Collection was of a fixed size.");
  if (at < 0 || at > l->items->len)
    return bi_throw (call, "ArgumentOutOfRangeException", "Index must be within the bounds of the List. (Parameter 'index')");
  /* Inserting moves every item after it. */
  if (!bi_charge (call, (l->items->len - at) / 4 + 1, sizeof (AwlValue)))
    return bi_over_budget (call);
  g_array_insert_val (l->items, at, call->args[1]);
  awl_list_changed (l);
  return bi_value (call, awl_value_null ());
}

AWL_BI (list_remove_at)
{
  AwlList *l = target_list (call);
  gint64 at = bi_arg_int (call->args[0], -1);

  if (l->is_array)
    return bi_throw (call, "NotSupportedException", "Collection was of a fixed size.");
  if (at < 0 || at >= l->items->len)
    return bi_throw (call, "ArgumentOutOfRangeException",
                     "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')");
  g_array_remove_index (l->items, at);
  awl_list_changed (l);
  return bi_value (call, awl_value_null ());
}

/* Skip (data 0) and Take (data 1). */
AWL_BI (list_slice)
{
  AwlList *l = target_list (call);
  guint n = l->items->len;
  gint64 k = CLAMP (bi_arg_int (call->args[0], 0), 0, (gint64) n);
  AwlValue *items = (AwlValue *) l->items->data;

  if (!call->api->data)
    return bi_value (call, awl_value_object (awl_list_new_from (call->sim, FALSE, items + k, n - k)));
  return bi_value (call, awl_value_object (awl_list_new_from (call->sim, FALSE, items, k)));
}

/* ----------------------------------------------------------------------------- */
/* Async enumerators */

AWL_BI (enumerator_move_next_async)
{
  return bi_value_yield (call, awl_value_object (awl_sim_enumerator_move_next_async (call->sim, call->target.o)));
}

AWL_BI (enumerator_current)
{
  return bi_value (call, awl_enumerator_get_current (call->target.o));
}

AWL_BI (enumerator_dispose_async)
{
  return bi_value (call, awl_value_object (awl_sim_enumerator_dispose_async (call->sim, call->target.o)));
}

AWL_BI (enumerator_self)
{
  return bi_value (call, call->target);
}

/* ----------------------------------------------------------------------------- */
/* The rows */

#define L "var l = new List<int> { 3, 1, 2 }; "
#define R "var r = Enumerable.Range(1, 3); "
#define E "async IAsyncEnumerable<int> Numbers() { await Task.Delay(1); yield return 1; }\n"

static const AwlKnownApi rows[] = {
  { "List", ".ctor", AWL_CT, 0, 1, NULL, 1, list_new, 0, "var l = new List<int>();" },
  { "List", "Add", AWL_IM, 1, 1, NULL, 0, list_add, 0, L "l.Add(4);" },
  { "List", "AddRange", AWL_IM, 1, 1, NULL, 0, list_add_range, 0, L "l.AddRange(new[] { 4, 5 });" },
  { "List", "Remove", AWL_IM, 1, 1, NULL, 0, list_remove, 0, L "l.Remove(1);" },
  { "List", "RemoveAt", AWL_IM, 1, 1, NULL, 0, list_remove_at, 0, L "l.RemoveAt(0);" },
  { "List", "Clear", AWL_IM, 0, 0, NULL, 0, list_clear, 0, L "l.Clear();" },
  { "List", "Contains", AWL_IM, 1, 1, NULL, 0, list_find, 0, L "bool b = l.Contains(2);" },
  { "List", "IndexOf", AWL_IM, 1, 1, NULL, 0, list_find, 1, L "int i = l.IndexOf(2);" },
  { "List", "Insert", AWL_IM, 2, 2, NULL, 0, list_insert, 0, L "l.Insert(0, 9);" },
  { "List", "Count", AWL_IP, 0, 0, NULL, 0, list_count, 0, L "int n = l.Count;" },
  { "List", "ForEach", AWL_IM, 1, 1, NULL, 0, list_for_each, 0, L "l.ForEach(x => Console.WriteLine(x));" },
  { "Array", "Length", AWL_IP, 0, 0, NULL, 0, list_count, 0, "int n = new[] { 1, 2 }.Length;" },
  { "Array", "Empty", AWL_SM, 0, 0, NULL, 1, empty_sequence, 1, "var a = Array.Empty<int>();" },
  { "Enumerable", "Range", AWL_SM, 2, 2, NULL, 0, enumerable_range, 0, R },
  { "Enumerable", "Repeat", AWL_SM, 2, 2, NULL, 1, enumerable_repeat, 0, "var r = Enumerable.Repeat(\"a\", 3);" },
  { "Enumerable", "Empty", AWL_SM, 0, 0, NULL, 1, empty_sequence, 0, "var r = Enumerable.Empty<int>();" },
  { "Enumerable", "Select", AWL_IM, 1, 1, NULL, 1, make_lazy, LAZY_SELECT, R "var s = r.Select(x => x * 2).ToList();" },
  { "Enumerable", "Where", AWL_IM, 1, 1, NULL, 1, make_lazy, LAZY_WHERE, R "var s = r.Where(x => x > 1).ToList();" },
  { "Enumerable", "OrderBy", AWL_IM, 1, 1, NULL, 0, make_lazy, LAZY_ORDER_BY, L "var s = l.OrderBy(x => x).ToList();" },
  { "Enumerable", "OrderByDescending", AWL_IM, 1, 1, NULL, 0, make_lazy, LAZY_ORDER_BY_DESC, L "var s = l.OrderByDescending(x => x).ToList();" },
  { "Enumerable", "ToList", AWL_IM, 0, 0, NULL, 0, list_copy, 0, R "var s = r.ToList();" },
  { "Enumerable", "ToArray", AWL_IM, 0, 0, NULL, 0, list_copy, 1, R "var s = r.ToArray();" },
  { "Enumerable", "Skip", AWL_IM, 1, 1, NULL, 0, list_slice, 0, R "var s = r.Skip(1);" },
  { "Enumerable", "Take", AWL_IM, 1, 1, NULL, 0, list_slice, 1, R "var s = r.Take(1);" },
  { "IAsyncEnumerable", "GetAsyncEnumerator", AWL_IM, 0, 1, NULL, 0, enumerator_self, 0, E "var e = Numbers().GetAsyncEnumerator(); await e.DisposeAsync();" },
  { "IAsyncEnumerable", "WithCancellation", AWL_IM, 1, 1, NULL, 0, enumerator_self, 0, E "await foreach (var n in Numbers().WithCancellation(CancellationToken.None)) { }" },
  { "IAsyncEnumerator", "MoveNextAsync", AWL_IM, 0, 0, NULL, 0, enumerator_move_next_async, 0, E "var e = Numbers().GetAsyncEnumerator(); while (await e.MoveNextAsync()) { }" },
  { "IAsyncEnumerator", "Current", AWL_IP, 0, 0, NULL, 0, enumerator_current, 0, E "var e = Numbers().GetAsyncEnumerator(); await e.MoveNextAsync(); int n = e.Current;" },
  { "IAsyncEnumerator", "DisposeAsync", AWL_IM, 0, 0, NULL, 0, enumerator_dispose_async, 0, E "var e = Numbers().GetAsyncEnumerator(); await e.DisposeAsync();" },
};

#undef L
#undef R
#undef E

const AwlApiFamily awl_api_family_collections = { "Collections", rows, G_N_ELEMENTS (rows) };
