/* awl-builtins-parallel.c
 *
 * System.Threading.Tasks.Parallel. Parallel.For and Parallel.ForEach block the
 * calling thread, which runs the first item itself while the others are queued to
 * the pool, and return when all are done (exceptions come back in an
 * AggregateException). Parallel.ForEachAsync returns a task: MaxDegreeOfParallelism
 * workers (default Environment.ProcessorCount) run on the pool, each taking the next
 * item and awaiting its body, so at most that many bodies are in flight.
 */

#include "awl-builtins-private.h"

/* ----------------------------------------------------------------------------- */
/* Parallel.For / Parallel.ForEach                                                */

typedef struct
{
  AwlFrame    parent;
  AwlRun     *run;
  AwlClosure *fn;
  GArray     *items;   /* AwlValue */
  GPtrArray  *tasks;   /* the items queued to the pool */
  int         phase;
} LoopFrame;

static void
loop_free (AwlFrame *frame)
{
  LoopFrame *l = (LoopFrame *) frame;

  g_clear_pointer (&l->items, g_array_unref);
  g_clear_pointer (&l->tasks, g_ptr_array_unref);
  g_free (l);
}

static void
loop_step (AwlFrame *frame,
           AwlStep  *s)
{
  LoopFrame *l = (LoopFrame *) frame;
  AwlSim *sim = l->run->sim;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      AwlObject *exc = s->exception;

      /* The body that threw on this thread: .NET reports it in an AggregateException. */
      if (l->phase == 1 && !awl_exception_is_a (exc, "AggregateException"))
        exc = awl_sim_exception_new_with_inner (sim, "AggregateException",
                                                "One or more errors occurred.", exc);
      awl_step_throw (s, exc);
      return;
    }
  switch (l->phase++)
    {
    case 0:
      l->tasks = g_ptr_array_new ();
      for (guint i = 1; i < l->items->len; i++)
        g_ptr_array_add (l->tasks, awl_sim_task_run (sim, awl_closure_frame (l->run, l->fn,
                                                                                &g_array_index (l->items, AwlValue, i), 1)));
      if (l->items->len > 0)
        {
          awl_step_call (s, awl_closure_frame (l->run, l->fn, &g_array_index (l->items, AwlValue, 0), 1));
          return;
        }
      G_GNUC_FALLTHROUGH;
    case 1:
      l->phase = 2;
      awl_step_wait (s, awl_sim_when_all (sim, (AwlObject **) l->tasks->pdata, l->tasks->len), AWL_WAIT_WAIT);
      return;
    default:
      awl_step_return (s, awl_value_null ());   /* ParallelLoopResult */
      return;
    }
}

static const AwlFrameClass loop_class = { "Parallel.ForEach", 0, loop_step, loop_free };

static AwlBiResult
start_loop (AwlBiCall  *call,
            GArray     *items,
            AwlValue    body)
{
  AwlClosure *fn = awl_value_get_foreign (body, &awl_closure_class);
  LoopFrame *l;

  if (fn == NULL)
    {
      g_array_unref (items);
      return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'body')");
    }
  l = g_new0 (LoopFrame, 1);
  awl_frame_init (&l->parent, &loop_class);
  l->parent.line = awl_sim_current_frame (call->sim) ? awl_sim_current_frame (call->sim)->line : 0;
  l->run = call->run;
  l->fn = fn;
  l->items = items;
  awl_step_call (call->s, &l->parent);
  return bi_action (call);
}

/* Parallel.For(fromInclusive, toExclusive, i => …) */
AWL_BI (parallel_for)
{
  gint64 from = bi_arg_int (call->args[0], 0), to = bi_arg_int (call->args[1], 0);
  GArray *items;

  if (to - from > 1000000 || !bi_charge (call, MAX (to - from, 0), (guint64) MAX (to - from, 0) * sizeof (AwlValue)))
    return bi_over_budget (call);
  items = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  for (gint64 i = from; i < to; i++)
    {
      AwlValue v = awl_value_int (i);
      g_array_append_val (items, v);
    }
  return start_loop (call, items, call->args[2]);
}

static GArray *
source_items (AwlValue v)
{
  AwlList *l = awl_value_get_foreign (v, &awl_list_class);
  GArray *items;

  if (l == NULL)
    return NULL;
  items = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  g_array_append_vals (items, l->items->data, l->items->len);
  return items;
}

/* Parallel.ForEach(source, item => …) */
AWL_BI (parallel_for_each)
{
  GArray *items = source_items (call->args[0]);

  if (items == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'source')");
  return start_loop (call, items, call->args[call->n_args - 1]);
}

/* ----------------------------------------------------------------------------- */
/* ParallelOptions: an object with settable MaxDegreeOfParallelism and
 * CancellationToken, made as an object of a class with those two fields.          */

static const AwlClassInfo *
options_class (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      AwlClassInfo *info = g_new0 (AwlClassInfo, 1);

      info->name = g_strdup ("ParallelOptions");
      info->fields = g_ptr_array_new ();
      g_ptr_array_add (info->fields, (gpointer) "MaxDegreeOfParallelism");
      g_ptr_array_add (info->fields, (gpointer) "CancellationToken");
      info->methods = g_hash_table_new (g_str_hash, g_str_equal);
      g_once_init_leave (&once, (gsize) info);
    }
  return (const AwlClassInfo *) once;
}

AWL_BI (parallel_options_new)
{
  AwlInstance *inst = awl_sim_foreign_new (call->sim, &awl_instance_class, sizeof (AwlInstance));

  inst->klass = options_class ();
  inst->slots = g_new0 (AwlValue, 2);
  inst->slots[0] = awl_value_int (-1);
  return bi_value (call, awl_value_object (inst));
}

/* ----------------------------------------------------------------------------- */
/* Parallel.ForEachAsync                                                          */

typedef struct
{
  gint        refs;
  AwlRun     *run;
  AwlClosure *fn;
  GArray     *items;
  guint       next;
  AwlValue    token;
} ForEachState;

typedef struct
{
  AwlFrame      parent;
  ForEachState *state;
  int           phase;   /* 0 take an item, 1 its body returned, 2 its task awaited */
} WorkerFrame;

static void
worker_free (AwlFrame *frame)
{
  ForEachState *st = ((WorkerFrame *) frame)->state;

  if (--st->refs == 0)
    {
      g_array_unref (st->items);
      g_free (st);
    }
  g_free (frame);
}

static void
worker_step (AwlFrame *frame,
             AwlStep  *s)
{
  WorkerFrame *w = (WorkerFrame *) frame;
  ForEachState *st = w->state;
  AwlObject *task;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  if (w->phase == 1)
    {
      /* The body returned its task (an async lambda) or nothing (a plain one). */
      task = awl_value_to_task (s->value);
      if (task != NULL)
        {
          w->phase = 2;
          frame->state = 0;
          awl_step_await (s, task, FALSE);
          return;
        }
    }
  if (st->next >= st->items->len)
    {
      awl_step_return (s, awl_value_null ());
      return;
    }
  {
    AwlValue args[2] = { g_array_index (st->items, AwlValue, st->next++), st->token };

    w->phase = 1;
    awl_step_call (s, awl_closure_frame (st->run, st->fn, args, 2));
  }
}

static const AwlFrameClass worker_class = { "Parallel.ForEachAsync", AWL_FRAME_ASYNC | AWL_FRAME_HAS_AWAIT, worker_step, worker_free };

/* Parallel.ForEachAsync(source, [options,] async (item, token) => …) */
AWL_BI (parallel_for_each_async)
{
  GArray *items = source_items (call->args[0]);
  AwlClosure *fn = awl_value_get_foreign (call->args[call->n_args - 1], &awl_closure_class);
  AwlInstance *opts = call->n_args == 3 ? awl_value_get_foreign (call->args[1], &awl_instance_class) : NULL;
  gint64 dop = opts != NULL && opts->klass == options_class () ? bi_arg_int (opts->slots[0], -1) : -1;
  g_autoptr(GPtrArray) workers = g_ptr_array_new ();
  ForEachState *st;

  if (items == NULL || fn == NULL)
    {
      if (items != NULL)
        g_array_unref (items);
      return bi_throw (call, "ArgumentNullException",
                       items == NULL ? "Value cannot be null. (Parameter 'source')" : "Value cannot be null. (Parameter 'body')");
    }
  if (dop == 0 || dop < -1)
    {
      g_array_unref (items);
      return bi_throw (call, "ArgumentOutOfRangeException",
                       "Specified argument was out of the range of valid values. (Parameter 'MaxDegreeOfParallelism')");
    }
  if (dop == -1)
    dop = awl_sim_processor_count (call->sim);
  dop = MIN (dop, (gint64) MAX (items->len, 1));

  st = g_new0 (ForEachState, 1);
  st->run = call->run;
  st->fn = fn;
  st->items = items;
  st->token = opts != NULL && opts->klass == options_class () ? opts->slots[1] : awl_value_null ();
  st->refs = (gint) dop;
  for (gint64 i = 0; i < dop; i++)
    {
      WorkerFrame *w = g_new0 (WorkerFrame, 1);

      awl_frame_init (&w->parent, &worker_class);
      w->parent.line = awl_sim_current_frame (call->sim) ? awl_sim_current_frame (call->sim)->line : 0;
      w->state = st;
      g_ptr_array_add (workers, awl_sim_task_run (call->sim, &w->parent));
    }
  return bi_value_yield (call, awl_value_object (awl_sim_when_all (call->sim, (AwlObject **) workers->pdata, workers->len)));
}

#define L3 "var xs = new List<int> { 1, 2, 3 }; "

static const AwlKnownApi rows[] = {
  { "Parallel", "For", AWL_SM, 3, 3, NULL, 0, parallel_for, 0, "Parallel.For(0, 3, i => Cpu.Work(1));" },
  { "Parallel", "ForEach", AWL_SM, 2, 2, NULL, 0, parallel_for_each, 0, L3 "Parallel.ForEach(xs, x => Cpu.Work(x));" },
  { "Parallel", "ForEachAsync", AWL_SM, 2, 3, NULL, 0, parallel_for_each_async, 0, L3 "await Parallel.ForEachAsync(xs, async (x, ct) => await Task.Delay(x));" },
  { "ParallelOptions", ".ctor", AWL_CT, 0, 0, NULL, 0, parallel_options_new, 0, L3 "await Parallel.ForEachAsync(xs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (x, ct) => await Task.Delay(x));" },
};

const AwlApiFamily awl_api_family_parallel = { "Parallel", rows, G_N_ELEMENTS (rows) };
