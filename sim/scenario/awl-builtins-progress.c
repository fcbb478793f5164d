/* awl-builtins-progress.c
 *
 * System.Progress<T> and IProgress<T>. What matters for teaching is where the
 * handler runs: the constructor captures SynchronizationContext.Current, and every
 * Report(value) *posts* the handlers to that context (the UI thread in a UI app), or
 * queues them to the thread pool when there was none (a console app), so a console
 * app's handlers run later, on pool threads, possibly out of order and at the same
 * time. Report itself never runs the handler and never waits for it. The post is a
 * real work item of the simulator, visible on the timeline as
 * "Post Progress.InvokeHandlers".
 */

#include "awl-builtins-private.h"

typedef struct
{
  AwlForeign  parent;
  AwlContext *context;   /* captured at construction; NULL = the pool */
  AwlValue    handler;   /* the constructor's Action<T>, or null */
  AwlValue    changed;   /* the ProgressChanged event: null, a closure or a multicast */
} AwlProgress;

static void
progress_to_string (AwlForeign *self,
                    GString    *out)
{
  g_string_append (out, "System.Progress`1");
}

static const AwlForeignClass progress_class = { "Progress", NULL, progress_to_string };

/* The work item Report posts: the handler, then ProgressChanged(sender, value), read
 * when it runs (as .NET's InvokeHandlers does). */
typedef struct
{
  AwlFrame     parent;
  AwlRun      *run;
  AwlProgress *progress;
  AwlValue     value;
  int          phase;
} InvokeFrame;

/* An Action<T> or EventHandler<T>: an async lambda there is async void. */
static AwlFrame *
delegate_frame (AwlRun         *run,
                AwlValue        target,
                const AwlValue *args,
                guint           n_args)
{
  AwlClosure *fn = awl_value_get_foreign (target, &awl_closure_class);
  AwlList *multicast = awl_value_get_foreign (target, &awl_multicast_class);
  AwlFrame *frame;

  if (multicast != NULL)
    return awl_multicast_frame_new (run, multicast, args, n_args);
  if (fn == NULL)
    return NULL;
  frame = awl_closure_frame (run, fn, args, MIN (n_args, fn->code->n_params));
  if (frame->flags & AWL_FRAME_ASYNC)
    frame->flags |= AWL_FRAME_ASYNC_VOID;
  return frame;
}

static void
invoke_step (AwlFrame *frame,
             AwlStep  *s)
{
  InvokeFrame *inv = (InvokeFrame *) frame;
  AwlFrame *callee = NULL;

  if (s->resume == AWL_RESUME_EXCEPTION)
    {
      awl_step_throw (s, s->exception);
      return;
    }
  while (callee == NULL && inv->phase < 2)
    {
      if (inv->phase++ == 0)
        callee = delegate_frame (inv->run, inv->progress->handler, &inv->value, 1);
      else
        {
          AwlValue args[2] = { awl_value_object (inv->progress), inv->value };
          callee = delegate_frame (inv->run, inv->progress->changed, args, 2);
        }
    }
  if (callee != NULL)
    awl_step_call (s, callee);
  else
    awl_step_return (s, awl_value_null ());
}

static const AwlFrameClass invoke_class = { "Progress.InvokeHandlers", 0, invoke_step,
                                            (void (*) (AwlFrame *)) g_free };

static AwlProgress *
target_progress (AwlBiCall *call)
{
  return awl_value_get_foreign (call->target, &progress_class);
}

AWL_BI (progress_new)
{
  AwlProgress *p;

  if (call->n_args == 1 && awl_value_get_foreign (call->args[0], &awl_closure_class) == NULL)
    return bi_throw (call, "ArgumentNullException", "Value cannot be null. (Parameter 'handler')");
  p = awl_sim_foreign_new (call->sim, &progress_class, sizeof (AwlProgress));
  p->context = awl_sim_capture_context (call->sim);
  p->handler = call->n_args == 1 ? call->args[0] : awl_value_null ();
  p->changed = awl_value_null ();
  return bi_value (call, awl_value_object (p));
}

/* IProgress<T>.Report(value): posts the handlers with the value and returns at once;
 * with neither a handler nor a ProgressChanged subscriber nothing is posted. */
AWL_BI (progress_report)
{
  AwlProgress *p = target_progress (call);
  InvokeFrame *inv;
  AwlFrame *cur;

  if (awl_value_is_null (p->handler) && awl_value_is_null (p->changed))
    return bi_value (call, awl_value_null ());
  if (!bi_charge (call, 1, sizeof (InvokeFrame)))
    return bi_over_budget (call);
  inv = g_new0 (InvokeFrame, 1);
  awl_frame_init (&inv->parent, &invoke_class);
  cur = awl_sim_current_frame (call->sim);
  inv->parent.line = cur != NULL ? cur->line : 0;
  inv->run = call->run;
  inv->progress = p;
  inv->value = call->args[0];
  awl_sim_context_post_to (call->sim, p->context, &inv->parent);
  return bi_value_yield (call, awl_value_null ());
}

/* The ProgressChanged event: `+=` reads it, combines and stores it back. */
AWL_BI (progress_changed)
{
  AwlProgress *p = target_progress (call);

  if (call->n_args == 0)
    return bi_value (call, p->changed);
  p->changed = call->args[0];
  return bi_value (call, awl_value_null ());
}

#define P "IProgress<int> p = new Progress<int>(n => Console.WriteLine(n)); "

static const AwlKnownApi rows[] = {
  { "Progress", ".ctor", AWL_CT, 0, 1, NULL, 1, progress_new, 0, P },
  /* .NET reaches Report only through IProgress<T> (an explicit implementation). */
  { "Progress", "Report", AWL_IM, 1, 1, NULL, 0, progress_report, 0, P "p.Report(1); await Task.Delay(10);" },
  { "Progress", "ProgressChanged", AWL_IP, 0, 0, NULL, 0, progress_changed, 0,
    "var p = new Progress<int>(); p.ProgressChanged += (s, n) => Console.WriteLine(n); "
    "((IProgress<int>) p).Report(2); await Task.Delay(10);", AWL_API_SETTABLE },
};

#undef P

const AwlApiFamily awl_api_family_progress = { "Progress", rows, G_N_ELEMENTS (rows) };
