/* awl-builtins-linq.c
 *
 * System.Linq's eager operators: the aggregates and element operators with or
 * without a lambda (Count(x => …), Any, All, First/FirstOrDefault, Last, Sum(x => …),
 * Max/Min/Average), Distinct, GroupBy and ToDictionary. The receiver is already a
 * list (the interpreter materializes a lazy Select/Where/OrderBy first). A lambda is
 * called by a C frame once per item, in order, on the calling thread, and stops as
 * early as .NET does (Any at the first match, All at the first miss, First at the
 * first match), so lambdas with side effects print what .NET prints.
 */

#include "awl-builtins-private.h"

typedef enum
{
  OP_COUNT, OP_ANY, OP_ALL, OP_FIRST, OP_FIRST_OR_DEFAULT, OP_LAST, OP_LAST_OR_DEFAULT,
  OP_SUM, OP_MAX, OP_MIN, OP_AVERAGE, OP_GROUP_BY, OP_TO_DICTIONARY, OP_THEN_BY, OP_THEN_BY_DESC,
  OP_SINGLE, OP_SINGLE_OR_DEFAULT, OP_MAX_BY, OP_MIN_BY, OP_SELECT_MANY,
} LinqOp;

static const char no_elements[] = "Sequence contains no elements";
static const char no_match[] = "Sequence contains no matching element";
static const char several[] = "Sequence contains more than one element";
static const char several_matching[] = "Sequence contains more than one matching element";

static guint
count_true (GArray *mapped)
{
  guint n = 0;

  for (guint i = 0; i < mapped->len; i++)
    n += g_array_index (mapped, AwlValue, i).kind == AWL_VALUE_BOOL && g_array_index (mapped, AwlValue, i).b;
  return n;
}

AwlValue
bi_default_like (AwlValue sample)
{
  switch (sample.kind)
    {
    case AWL_VALUE_INT: return awl_value_int (0);
    case AWL_VALUE_DOUBLE: return awl_value_double (0);
    case AWL_VALUE_BOOL: return awl_value_bool (FALSE);
    default: return awl_value_null ();
    }
}

static int
compare_values (AwlValue a,
                AwlValue b)
{
  if (bi_is_number (a) && bi_is_number (b))
    {
      double x = bi_arg_double (a), y = bi_arg_double (b);
      return x < y ? -1 : x > y;
    }
  if (a.kind == AWL_VALUE_STRING && b.kind == AWL_VALUE_STRING)
    return g_strcmp0 (a.s, b.s);
  if (a.kind == AWL_VALUE_BOOL && b.kind == AWL_VALUE_BOOL)
    return (int) !!a.b - (int) !!b.b;
  /* null sorts first, as Comparer<T>.Default puts it. */
  return (int) !awl_value_is_null (a) - (int) !awl_value_is_null (b);
}

/* ThenBy: compares two items' positions by every level of keys, then the index. */
typedef struct
{
  GPtrArray *levels;
  guint32    desc;
} Ordering;

static gint
compare_ordered (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const Ordering *o = data;
  guint i = *(const guint *) a, j = *(const guint *) b;

  for (guint l = 0; l < o->levels->len; l++)
    {
      GArray *keys = o->levels->pdata[l];
      int c = compare_values (g_array_index (keys, AwlValue, i), g_array_index (keys, AwlValue, j));
      if (c != 0)
        return (o->desc & (1u << l)) ? -c : c;
    }
  return i < j ? -1 : i > j;
}

/* OrderBy(…).ThenBy(key): a stable sort by the earlier keys, then @keys. */
static AwlList *
then_by (AwlSim   *sim,
         AwlList  *source,
         GArray   *keys,
         gboolean  desc)
{
  Ordering o = { g_ptr_array_new (), source->order_desc | ((guint32) desc << source->order_levels->len) };
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), keys->len);
  AwlList *result = awl_list_new (sim, FALSE);

  for (guint l = 0; l < source->order_levels->len; l++)
    g_ptr_array_add (o.levels, source->order_levels->pdata[l]);
  g_ptr_array_add (o.levels, keys);
  for (guint i = 0; i < keys->len; i++)
    g_array_append_val (order, i);
  g_qsort_with_data (order->data, order->len, sizeof (guint), compare_ordered, &o);
  result->order_levels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  result->order_desc = o.desc;
  for (guint l = 0; l < o.levels->len; l++)
    g_ptr_array_add (result->order_levels, g_array_sized_new (FALSE, FALSE, sizeof (AwlValue), keys->len));
  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      g_array_append_val (result->items, g_array_index (source->items, AwlValue, i));
      for (guint l = 0; l < o.levels->len; l++)
        g_array_append_val ((GArray *) result->order_levels->pdata[l], g_array_index ((GArray *) o.levels->pdata[l], AwlValue, i));
    }
  g_ptr_array_unref (o.levels);
  return result;
}

/* Sum/Max/Min/Average over @items (the items or what the selector made of them). */
static AwlBiResult
aggregate (AwlBiCall      *call,
           LinqOp          op,
           const AwlValue *items,
           guint           n)
{
  gboolean all_int = TRUE;
  double sum = 0;
  gint64 isum = 0;

  if (n == 0 && op != OP_SUM)
    return bi_throw (call, "InvalidOperationException", no_elements);
  for (guint i = 0; i < n; i++)
    {
      gboolean text = items[i].kind == AWL_VALUE_STRING && (op == OP_MAX || op == OP_MIN);
      if (!bi_is_number (items[i]) && !text)
        return bi_throw (call, "InvalidOperationException", "Sum, Max, Min and Average need numbers");
      if (items[i].kind != AWL_VALUE_INT)
        all_int = FALSE;
    }
  if (op == OP_SUM || op == OP_AVERAGE)
    {
      for (guint i = 0; i < n; i++)
        {
          sum += bi_arg_double (items[i]);
          if (items[i].kind == AWL_VALUE_INT)
            isum = (gint64) ((guint64) isum + (guint64) items[i].i);
        }
      if (op == OP_AVERAGE)
        return bi_value (call, awl_value_double (sum / n));
      return bi_value (call, all_int ? awl_value_int (isum) : awl_value_double (sum));
    }
  {
    AwlValue best = items[0];
    for (guint i = 1; i < n; i++)
      {
        int c = compare_values (items[i], best);
        if (op == OP_MAX ? c > 0 : c < 0)
          best = items[i];
      }
    return bi_value (call, best);
  }
}

/* A key's group in @groups (lists with is_grouping), or NULL. */
static AwlList *
find_group (GPtrArray *groups,
            AwlValue   key)
{
  for (guint i = 0; i < groups->len; i++)
    {
      AwlList *g = groups->pdata[i];
      if (awl_value_equal (g->group_key, key))
        return g;
    }
  return NULL;
}

/* ----------------------------------------------------------------------------- */
/* The frame that calls the lambdas                                               */

typedef struct
{
  AwlFrame    parent;
  AwlRun     *run;
  LinqOp      op;
  AwlList    *source;
  AwlClosure *fn[2];      /* GroupBy/ToDictionary: key selector, then element selector */
  guint       n_fn;
  GArray     *mapped[2];  /* what each lambda returned, per item */
  guint       index;
  guint       which;      /* the lambda being called for item @index */
} LinqFrame;

/* The operator's result once every lambda that had to run ran. */
static void
finish (LinqFrame *lf,
        AwlStep   *s)
{
  AwlSim *sim = lf->run->sim;
  AwlValue *items = (AwlValue *) lf->source->items->data;
  guint n = lf->source->items->len;
  AwlValue *mapped = (AwlValue *) lf->mapped[0]->data;
  guint done = lf->mapped[0]->len;

  switch (lf->op)
    {
    case OP_COUNT:
      {
        gint64 count = 0;
        for (guint i = 0; i < done; i++)
          count += mapped[i].kind == AWL_VALUE_BOOL && mapped[i].b;
        awl_step_return (s, awl_value_int (count));
        return;
      }
    case OP_ANY:
    case OP_ALL:
      /* Both stopped at the deciding item, which is the last one called. */
      if (done == 0)
        awl_step_return (s, awl_value_bool (lf->op == OP_ALL));
      else
        awl_step_return (s, awl_value_bool (mapped[done - 1].kind == AWL_VALUE_BOOL && mapped[done - 1].b));
      return;
    case OP_FIRST:
    case OP_FIRST_OR_DEFAULT:
    case OP_LAST:
    case OP_LAST_OR_DEFAULT:
      {
        gboolean first = lf->op == OP_FIRST || lf->op == OP_FIRST_OR_DEFAULT;
        for (guint k = 0; k < done; k++)
          {
            guint i = first ? k : done - 1 - k;
            if (mapped[i].kind == AWL_VALUE_BOOL && mapped[i].b)
              {
                awl_step_return (s, items[i]);
                return;
              }
          }
        if (lf->op == OP_FIRST || lf->op == OP_LAST)
          awl_step_throw (s, awl_scn_exception (sim, "InvalidOperationException", no_match));
        else
          awl_step_return (s, n > 0 ? bi_default_like (items[0]) : awl_value_null ());
        return;
      }
    case OP_GROUP_BY:
      {
        g_autoptr(GPtrArray) groups = g_ptr_array_new ();
        AwlList *result = awl_list_new (sim, FALSE);
        for (guint i = 0; i < n; i++)
          {
            AwlList *g = find_group (groups, mapped[i]);
            AwlValue element = lf->n_fn == 2 ? g_array_index (lf->mapped[1], AwlValue, i) : items[i];
            if (g == NULL)
              {
                AwlValue gv;
                g = awl_list_new (sim, FALSE);
                g->is_grouping = TRUE;
                g->group_key = mapped[i];
                g_ptr_array_add (groups, g);
                gv = awl_value_object (g);
                g_array_append_val (result->items, gv);
              }
            g_array_append_val (g->items, element);
          }
        awl_step_return (s, awl_value_object (result));
        return;
      }
    case OP_TO_DICTIONARY:
      {
        AwlValue dict = awl_dictionary_new (sim);
        for (guint i = 0; i < n; i++)
          {
            AwlValue value = lf->n_fn == 2 ? g_array_index (lf->mapped[1], AwlValue, i) : items[i];
            AwlObject *error = awl_dictionary_add (sim, dict, mapped[i], value);
            if (error != NULL)
              {
                awl_step_throw (s, error);
                return;
              }
          }
        awl_step_return (s, dict);
        return;
      }
    case OP_SINGLE:
    case OP_SINGLE_OR_DEFAULT:
      {
        guint matches = count_true (lf->mapped[0]);
        if (matches > 1)
          awl_step_throw (s, awl_scn_exception (sim, "InvalidOperationException", several_matching));
        else if (matches == 0 && lf->op == OP_SINGLE)
          awl_step_throw (s, awl_scn_exception (sim, "InvalidOperationException", no_match));
        else if (matches == 0)
          awl_step_return (s, n > 0 ? bi_default_like (items[0]) : awl_value_null ());
        else
          for (guint i = 0; i < done; i++)
            if (mapped[i].kind == AWL_VALUE_BOOL && mapped[i].b)
              {
                awl_step_return (s, items[i]);
                break;
              }
        return;
      }
    case OP_SELECT_MANY:
      {
        /* Every sequence the selector made, one after the other. */
        AwlList *result = awl_list_new (sim, FALSE);
        for (guint i = 0; i < done; i++)
          {
            AwlList *part = awl_value_get_foreign (mapped[i], &awl_list_class);
            if (part == NULL)
              part = awl_enumerable_items (sim, mapped[i]);
            if (part == NULL)
              {
                awl_step_throw (s, awl_scn_exception (sim, "InvalidOperationException",
                                                      "SelectMany's selector must return a sequence"));
                return;
              }
            g_array_append_vals (result->items, part->items->data, part->items->len);
          }
        awl_step_return (s, awl_value_object (result));
        return;
      }
    case OP_MAX_BY:
    case OP_MIN_BY:
      {
        /* The first item with the largest (smallest) key. */
        guint best = 0;
        for (guint i = 1; i < done; i++)
          {
            int c = compare_values (mapped[i], mapped[best]);
            if (lf->op == OP_MAX_BY ? c > 0 : c < 0)
              best = i;
          }
        awl_step_return (s, done > 0 ? items[best] : awl_value_null ());
        return;
      }
    case OP_THEN_BY:
    case OP_THEN_BY_DESC:
      awl_step_return (s, awl_value_object (then_by (sim, lf->source, lf->mapped[0], lf->op == OP_THEN_BY_DESC)));
      return;
    default:
      {
        AwlBiCall call = { 0 };
        call.sim = sim;
        if (aggregate (&call, lf->op, mapped, done) == BI_THROW)
          awl_step_throw (s, call.exception);
        else
          awl_step_return (s, call.result);
        return;
      }
    }
}

/* Whether the operator knows its answer after the lambda's last result. */
static gboolean
decided (LinqFrame *lf,
         AwlValue   v)
{
  gboolean yes = v.kind == AWL_VALUE_BOOL && v.b;

  switch (lf->op)
    {
    case OP_ANY:
    case OP_FIRST:
    case OP_FIRST_OR_DEFAULT:
      return yes;
    case OP_ALL:
      return !yes;
    case OP_SINGLE:
    case OP_SINGLE_OR_DEFAULT:
      return count_true (lf->mapped[0]) > 1;   /* a second match is already an error */
    default:
      return FALSE;
    }
}

static void
linq_step (AwlFrame *frame,
           AwlStep  *s)
{
  LinqFrame *lf = (LinqFrame *) frame;
  AwlValue item;
  AwlClosure *fn;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  if (lf->mapped[0] != NULL)
    {
      g_array_append_val (lf->mapped[lf->which], s->value);
      if (++lf->which == lf->n_fn)
        {
          lf->which = 0;
          lf->index++;
          if (decided (lf, s->value))
            {
              finish (lf, s);
              return;
            }
        }
    }
  else
    for (guint k = 0; k < lf->n_fn; k++)
      lf->mapped[k] = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  if (lf->index >= lf->source->items->len)
    {
      finish (lf, s);
      return;
    }
  item = g_array_index (lf->source->items, AwlValue, lf->index);
  fn = lf->fn[lf->which];
  awl_step_call (s, awl_closure_frame (lf->run, fn, &item, MIN (1, fn->code->n_params)));
}

static void
linq_free (AwlFrame *frame)
{
  LinqFrame *lf = (LinqFrame *) frame;

  for (guint k = 0; k < 2; k++)
    g_clear_pointer (&lf->mapped[k], g_array_unref);
  g_free (frame);
}

static const AwlFrameClass linq_class = { "Enumerable", 0, linq_step, linq_free };

static const char *
op_name (LinqOp op)
{
  static const char * const names[] = {
    "Enumerable.Count", "Enumerable.Any", "Enumerable.All", "Enumerable.First",
    "Enumerable.FirstOrDefault", "Enumerable.Last", "Enumerable.LastOrDefault",
    "Enumerable.Sum", "Enumerable.Max", "Enumerable.Min", "Enumerable.Average",
    "Enumerable.GroupBy", "Enumerable.ToDictionary", "Enumerable.ThenBy", "Enumerable.ThenByDescending",
    "Enumerable.Single", "Enumerable.SingleOrDefault", "Enumerable.MaxBy", "Enumerable.MinBy",
    "Enumerable.SelectMany",
  };
  return names[op];
}

/* Runs the operator with its lambdas over the receiver. */
static AwlBiResult
with_lambdas (AwlBiCall *call,
              AwlList   *source)
{
  LinqFrame *lf;
  AwlFrame *cur;
  AwlClosure *fn[2] = { NULL, NULL };

  for (guint k = 0; k < call->n_args; k++)
    if ((fn[k] = awl_value_get_foreign (call->args[k], &awl_closure_class)) == NULL)
      return bi_throw (call, "ArgumentNullException",
                       k == 0 && (call->api->data <= OP_LAST_OR_DEFAULT || call->api->data == OP_SINGLE ||
                                  call->api->data == OP_SINGLE_OR_DEFAULT) ? "Value cannot be null. (Parameter 'predicate')"
                                                                      : "Value cannot be null. (Parameter 'selector')");
  if (!bi_charge (call, source->items->len, (guint64) source->items->len * call->n_args * sizeof (AwlValue)))
    return bi_over_budget (call);
  lf = g_new0 (LinqFrame, 1);
  awl_frame_init (&lf->parent, &linq_class);
  lf->parent.name = op_name (call->api->data);
  cur = awl_sim_current_frame (call->sim);
  lf->parent.line = cur != NULL ? cur->line : 0;
  lf->run = call->run;
  lf->op = call->api->data;
  lf->source = source;
  lf->fn[0] = fn[0];
  lf->fn[1] = fn[1];
  lf->n_fn = call->n_args;
  awl_step_call (call->s, &lf->parent);
  return bi_action (call);
}

/* Every operator of the table: without a lambda it answers at once. */
AWL_BI (linq_op)
{
  AwlList *l = awl_value_get_foreign (call->target, &awl_list_class);
  LinqOp op = call->api->data;
  AwlValue *items = (AwlValue *) l->items->data;
  guint n = l->items->len;

  if ((op == OP_THEN_BY || op == OP_THEN_BY_DESC) && l->order_levels == NULL)
    return bi_throw (call, "InvalidOperationException",
                     "ThenBy follows OrderBy, OrderByDescending or another ThenBy directly");
  /* order_desc has one bit per key. */
  if ((op == OP_THEN_BY || op == OP_THEN_BY_DESC) && l->order_levels->len >= 32)
    return bi_throw (call, "NotSupportedException", "Awaitlab orders by at most 32 keys");
  if (call->n_args > 0)
    return with_lambdas (call, l);
  switch (op)
    {
    case OP_COUNT:
      return bi_value (call, awl_value_int (n));
    case OP_ANY:
      return bi_value (call, awl_value_bool (n > 0));
    case OP_FIRST:
    case OP_LAST:
      if (n == 0)
        return bi_throw (call, "InvalidOperationException", no_elements);
      return bi_value (call, items[op == OP_FIRST ? 0 : n - 1]);
    case OP_FIRST_OR_DEFAULT:
    case OP_LAST_OR_DEFAULT:
      return bi_value (call, n == 0 ? awl_value_null () : items[op == OP_FIRST_OR_DEFAULT ? 0 : n - 1]);
    case OP_SINGLE:
    case OP_SINGLE_OR_DEFAULT:
      if (n > 1)
        return bi_throw (call, "InvalidOperationException", several);
      if (n == 0 && op == OP_SINGLE)
        return bi_throw (call, "InvalidOperationException", no_elements);
      return bi_value (call, n == 0 ? awl_value_null () : items[0]);
    default:
      return aggregate (call, op, items, n);
    }
}

/* Distinct(): the first of each equal value, in order. */
AWL_BI (linq_distinct)
{
  AwlList *l = awl_value_get_foreign (call->target, &awl_list_class);
  AwlList *r = awl_list_new (call->sim, FALSE);

  if (!bi_charge (call, (guint64) l->items->len * l->items->len / 16 + 1, (guint64) l->items->len * sizeof (AwlValue)))
    return bi_over_budget (call);
  for (guint i = 0; i < l->items->len; i++)
    {
      AwlValue v = g_array_index (l->items, AwlValue, i);
      gboolean seen = FALSE;
      for (guint j = 0; j < r->items->len && !seen; j++)
        seen = awl_value_equal (g_array_index (r->items, AwlValue, j), v);
      if (!seen)
        g_array_append_val (r->items, v);
    }
  return bi_value (call, awl_value_object (r));
}

/* IGrouping<TKey, TElement>.Key */
AWL_BI (grouping_key)
{
  AwlList *g = awl_value_get_foreign (call->target, &awl_list_class);

  return bi_value (call, g->group_key);
}

#define R "var r = Enumerable.Range(1, 5); "
#define W "var w = new List<string> { \"b\", \"a\", \"b\" }; "

static const AwlKnownApi rows[] = {
  { "Enumerable", "Count", AWL_IM, 0, 1, NULL, 0, linq_op, OP_COUNT, R "int n = r.Count(x => x > 2);" },
  { "Enumerable", "Any", AWL_IM, 0, 1, NULL, 0, linq_op, OP_ANY, R "bool b = r.Any(x => x > 4) && r.Any();" },
  { "Enumerable", "All", AWL_IM, 1, 1, NULL, 0, linq_op, OP_ALL, R "bool b = r.All(x => x > 0);" },
  { "Enumerable", "First", AWL_IM, 0, 1, NULL, 0, linq_op, OP_FIRST, R "int n = r.First(x => x > 2) + r.First();" },
  { "Enumerable", "FirstOrDefault", AWL_IM, 0, 1, NULL, 0, linq_op, OP_FIRST_OR_DEFAULT, R "int n = r.FirstOrDefault(x => x > 9);" },
  { "Enumerable", "Last", AWL_IM, 0, 1, NULL, 0, linq_op, OP_LAST, R "int n = r.Last(x => x < 3) + r.Last();" },
  { "Enumerable", "LastOrDefault", AWL_IM, 0, 1, NULL, 0, linq_op, OP_LAST_OR_DEFAULT, R "int n = r.LastOrDefault();" },
  { "Enumerable", "Sum", AWL_IM, 0, 1, NULL, 0, linq_op, OP_SUM, R "int n = r.Sum() + r.Sum(x => x * 2);" },
  { "Enumerable", "Max", AWL_IM, 0, 1, NULL, 0, linq_op, OP_MAX, R "int n = r.Max() + r.Max(x => -x);" },
  { "Enumerable", "Min", AWL_IM, 0, 1, NULL, 0, linq_op, OP_MIN, R "int n = r.Min() + r.Min(x => -x);" },
  { "Enumerable", "Average", AWL_IM, 0, 1, NULL, 0, linq_op, OP_AVERAGE, R "double d = r.Average() + r.Average(x => x * 2);" },
  { "Enumerable", "GroupBy", AWL_IM, 1, 2, NULL, 0, linq_op, OP_GROUP_BY,
    R "foreach (var g in r.GroupBy(x => x % 2)) Console.WriteLine($\"{g.Key}: {g.Count()}\");" },
  { "Enumerable", "ToDictionary", AWL_IM, 1, 2, NULL, 0, linq_op, OP_TO_DICTIONARY, R "var d = r.ToDictionary(x => x, x => x * x);" },
  { "Enumerable", "ThenBy", AWL_IM, 1, 1, NULL, 0, linq_op, OP_THEN_BY, W "var s = w.OrderBy(x => x.Length).ThenBy(x => x).ToList();" },
  { "Enumerable", "ThenByDescending", AWL_IM, 1, 1, NULL, 0, linq_op, OP_THEN_BY_DESC, W "var s = w.OrderBy(x => x.Length).ThenByDescending(x => x).ToList();" },
  { "Enumerable", "Single", AWL_IM, 0, 1, NULL, 0, linq_op, OP_SINGLE, R "int n = r.Single(x => x == 3) + new[] { 7 }.Single();" },
  { "Enumerable", "SingleOrDefault", AWL_IM, 0, 1, NULL, 0, linq_op, OP_SINGLE_OR_DEFAULT, R "int n = r.SingleOrDefault(x => x > 9);" },
  { "Enumerable", "MaxBy", AWL_IM, 1, 1, NULL, 0, linq_op, OP_MAX_BY, W "string s = w.MaxBy(x => x);" },
  { "Enumerable", "MinBy", AWL_IM, 1, 1, NULL, 0, linq_op, OP_MIN_BY, W "string s = w.MinBy(x => x);" },
  { "Enumerable", "SelectMany", AWL_IM, 1, 1, NULL, 0, linq_op, OP_SELECT_MANY, W "var chars = w.SelectMany(x => x.Split('a')).ToList();" },
  { "Enumerable", "Distinct", AWL_IM, 0, 0, NULL, 0, linq_distinct, 0, W "var s = w.Distinct().ToList();" },
  { "IGrouping", "Key", AWL_IP, 0, 0, NULL, 0, grouping_key, 0, W "foreach (var g in w.GroupBy(x => x)) Console.WriteLine(g.Key);" },
};

#undef R
#undef W

const AwlApiFamily awl_api_family_linq = { "Linq", rows, G_N_ELEMENTS (rows) };
