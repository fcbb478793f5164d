/* awl-builtins-linq-fold.c
 *
 * LINQ operators whose lambda takes two values: Aggregate (a running value and the
 * next item: `Aggregate(func)`, `Aggregate(seed, func)`, `Aggregate(seed, func,
 * resultSelector)`) and Zip (the items of two sequences pairwise, up to the shorter:
 * `Zip(second, (a, b) => …)`). The lambdas run on the calling thread, in order.
 */

#include "awl-builtins-private.h"

typedef struct
{
  AwlFrame    parent;
  AwlRun     *run;
  AwlList    *source;
  AwlList    *second;     /* Zip */
  AwlClosure *fn;
  AwlClosure *result_fn;  /* Aggregate's resultSelector, or NULL */
  AwlValue    acc;        /* Aggregate: the running value */
  AwlList    *result;     /* Zip */
  guint       index;
  gboolean    waiting;    /* Aggregate: func is running; its value is the new acc */
  gboolean    finishing;  /* the result selector is running */
} FoldFrame;

static void
aggregate_step (AwlFrame *frame,
                AwlStep  *s)
{
  FoldFrame *ff = (FoldFrame *) frame;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  if (ff->finishing)
    {
      awl_step_return (s, s->value);
      return;
    }
  if (ff->waiting)
    ff->acc = s->value;
  if (ff->index < ff->source->items->len)
    {
      AwlValue item = g_array_index (ff->source->items, AwlValue, ff->index++);
      ff->waiting = TRUE;
      awl_closure_call2 (ff->run, s, ff->fn, ff->acc, item, 2);
      return;
    }
  if (ff->result_fn != NULL)
    {
      ff->finishing = TRUE;
      awl_closure_call2 (ff->run, s, ff->result_fn, ff->acc, awl_value_null (), 1);
      return;
    }
  awl_step_return (s, ff->acc);
}

static void
zip_step (AwlFrame *frame,
          AwlStep  *s)
{
  FoldFrame *ff = (FoldFrame *) frame;
  guint n = MIN (ff->source->items->len, ff->second->items->len);

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  if (ff->waiting)
    g_array_append_val (ff->result->items, s->value);
  if (ff->index < n)
    {
      AwlValue a = g_array_index (ff->source->items, AwlValue, ff->index);
      AwlValue b = g_array_index (ff->second->items, AwlValue, ff->index++);
      ff->waiting = TRUE;
      awl_closure_call2 (ff->run, s, ff->fn, a, b, 2);
      return;
    }
  awl_step_return (s, awl_value_object (ff->result));
}

static const AwlFrameClass aggregate_class = { "Enumerable.Aggregate", 0, aggregate_step, (void (*) (AwlFrame *)) g_free };
static const AwlFrameClass zip_class = { "Enumerable.Zip", 0, zip_step, (void (*) (AwlFrame *)) g_free };

static FoldFrame *
fold_new (AwlBiCall           *call,
          const AwlFrameClass *klass)
{
  FoldFrame *ff = g_new0 (FoldFrame, 1);
  AwlFrame *cur = awl_sim_current_frame (call->sim);

  awl_frame_init (&ff->parent, klass);
  ff->parent.line = cur != NULL ? cur->line : 0;
  ff->run = call->run;
  ff->source = awl_value_get_foreign (call->target, &awl_list_class);
  return ff;
}

/* Aggregate(func), Aggregate(seed, func), Aggregate(seed, func, resultSelector). */
AWL_BI (linq_aggregate)
{
  AwlList *l = awl_value_get_foreign (call->target, &awl_list_class);
  guint f = call->n_args == 1 ? 0 : 1;
  AwlClosure *fn = awl_value_get_foreign (call->args[f], &awl_closure_class);
  AwlClosure *result_fn = call->n_args == 3 ? awl_value_get_foreign (call->args[2], &awl_closure_class) : NULL;
  FoldFrame *ff;

  if (fn == NULL || (call->n_args == 3 && result_fn == NULL))
    return bi_throw (call, "ArgumentNullException",
                     fn == NULL ? "Value cannot be null. (Parameter 'func')" : "Value cannot be null. (Parameter 'resultSelector')");
  if (call->n_args == 1 && l->items->len == 0)
    return bi_throw (call, "InvalidOperationException", "Sequence contains no elements");
  ff = fold_new (call, &aggregate_class);
  ff->fn = fn;
  ff->result_fn = result_fn;
  /* Without a seed the first item is the start and the fold begins at the second. */
  ff->acc = call->n_args == 1 ? g_array_index (l->items, AwlValue, 0) : call->args[0];
  ff->index = call->n_args == 1 ? 1 : 0;
  awl_step_call (call->s, &ff->parent);
  return bi_action (call);
}

AWL_BI (linq_zip)
{
  AwlList *second = awl_value_get_foreign (call->args[0], &awl_list_class);
  AwlClosure *fn = awl_value_get_foreign (call->args[1], &awl_closure_class);
  FoldFrame *ff;

  if (second == NULL)
    second = awl_enumerable_items (call->sim, call->args[0]);
  if (second == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'second')");
  if (fn == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'resultSelector')");
  ff = fold_new (call, &zip_class);
  ff->second = second;
  ff->fn = fn;
  ff->result = awl_list_new (call->sim, FALSE);
  awl_step_call (call->s, &ff->parent);
  return bi_action (call);
}

#define A "var a = new[] { 1, 2, 3 }; "

static const AwlKnownApi rows[] = {
  { "Enumerable", "Aggregate", AWL_IM, 1, 3, NULL, 0, linq_aggregate, 0,
    A "int sum = a.Aggregate((x, y) => x + y) + a.Aggregate(10, (acc, x) => acc * x) + a.Aggregate(0, (acc, x) => acc + x, acc => acc * 2);" },
  { "Enumerable", "Zip", AWL_IM, 2, 2, NULL, 0, linq_zip, 0, A "var z = a.Zip(new[] { \"x\", \"y\" }, (n, s) => s + n).ToList();" },
};

#undef A

const AwlApiFamily awl_api_family_linq_fold = { "LinqFold", rows, G_N_ELEMENTS (rows) };
