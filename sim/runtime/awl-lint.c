/* awl-lint.c
 *
 * Lints: one per kind and source line, and the lints checked when a run ends.
 */

#include "awl-sim-private.h"
#include "awl-cancel-private.h"
#include "awl-sync-private.h"

void
awl_sim_lint (AwlSim      *sim,
              AwlLintKind  kind,
              int          line,
              guint        thread,
              const char  *message)
{
  AwlLint lint;
  gpointer key = GUINT_TO_POINTER (((guint) kind << 24) | ((guint) line & 0xffffff));

  /* One lint of a kind per source line keeps loops from flooding the list. */
  if (g_hash_table_contains (sim->lint_seen, key))
    return;
  g_hash_table_add (sim->lint_seen, key);

  lint.kind = kind;
  lint.time = sim->now;
  lint.line = line;
  lint.thread = thread;
  lint.message = awl_sim_intern (sim, message);
  awl_trace_add_lint (sim->trace, &lint);
  awl_sim_emit (sim, AWL_EVENT_LINT, kind, thread >= 1 && thread <= sim->threads->len
                ? g_ptr_array_index (sim->threads, thread - 1) : NULL,
                0, 0, 0, 0, lint.message);
  /* The LINT event carries the lint's own line. */
  g_array_index (awl_trace_events_array (sim->trace), AwlEvent,
                 awl_trace_events_array (sim->trace)->len - 1).line = line;
}

void
awl_sim_end_lints (AwlSim *sim)
{
  for (guint i = 0; i < sim->faulted->len; i++)
    {
      AwlTask *task = g_ptr_array_index (sim->faulted, i);
      AwlObject *e = g_ptr_array_index (task->exceptions, 0);

      if (task->observed || task->kind == AWL_TASK_KIND_FROM_RESULT)
        continue;
      awl_sim_lint (sim, AWL_LINT_UNOBSERVED_EXCEPTION, task->fault_line, task->fault_thread,
                    awl_sim_intern_printf (sim, "%s faulted with %s (%s) and nothing awaited it "
                                           "or read its exception",
                                           awl_sim_task_label (sim, task),
                                           awl_exception_get_type_name (e),
                                           awl_exception_get_message (e)));
    }
  for (guint i = 0; i < sim->tcses->len; i++)
    {
      AwlTcs *tcs = g_ptr_array_index (sim->tcses, i);

      if (!awl_task_is_completed (&tcs->task->parent))
        awl_sim_lint (sim, AWL_LINT_TCS_NEVER_COMPLETED, tcs->task->line, 0,
                      awl_sim_intern_printf (sim, "the TaskCompletionSource of %s is never completed; "
                                             "whoever awaits it waits forever",
                                             awl_sim_task_label (sim, tcs->task)));
    }
  for (guint i = 0; i < sim->semaphores->len; i++)
    {
      AwlSemaphore *sem = g_ptr_array_index (sim->semaphores, i);

      if (sem->count < sem->initial || !g_queue_is_empty (&sem->sync_waiters)
          || !g_queue_is_empty (&sem->async_waiters))
        awl_sim_lint (sim, AWL_LINT_SEMAPHORE_NEVER_RELEASED, sem->last_acquire_line,
                      sem->last_acquire_thread,
                      awl_sim_intern_printf (sim, "SemaphoreSlim %u was acquired but never released "
                                             "(count %u of %u at the end)", sem->parent.id,
                                             sem->count, sem->initial));
    }
  for (guint i = 0; i < sim->ctses->len; i++)
    {
      AwlCts *cts = g_ptr_array_index (sim->ctses, i);

      if (cts->canceled && !cts->observed)
        awl_sim_lint (sim, AWL_LINT_IGNORED_CANCELLATION, cts->cancel_line, cts->cancel_thread,
                      awl_sim_intern_printf (sim, "CancellationTokenSource %u was canceled but "
                                             "nothing ever checked its token", cts->parent.id));
    }
  if (sim->starvation_injections > 0)
    awl_sim_lint (sim, AWL_LINT_STARVATION, 0, 0,
                  awl_sim_intern_printf (sim, "thread-pool starvation: queued work waited up to "
                                         "%.1f ms; %u thread(s) injected at 500 ms intervals",
                                         AWL_TO_MS (sim->worst_wait),
                                         sim->starvation_injections));
}
