/* awl-when.c
 *
 * Task.WhenAll and Task.WhenAny.
 */

#include "awl-task-private.h"
#include "awl-cancel-private.h"

/* Remembers a child that did not run to completion, in the order the WhenAll task saw
 * it finish: children already complete at the call in argument order, the others as
 * they complete. */
static void
note_failed_child (AwlTask *all,
                   AwlTask *child)
{
  if (child->status == AWL_TASK_RAN_TO_COMPLETION)
    return;
  if (all->failed_children == NULL)
    all->failed_children = g_ptr_array_new ();
  g_ptr_array_add (all->failed_children, child);
}

static void
collect_exceptions (GPtrArray *excs,
                    AwlTask   *child,
                    gboolean  *canceled)
{
  if (child->status == AWL_TASK_FAULTED)
    {
      child->observed = TRUE;
      for (guint k = 0; k < child->exceptions->len; k++)
        g_ptr_array_add (excs, g_ptr_array_index (child->exceptions, k));
    }
  else if (child->status == AWL_TASK_CANCELED)
    *canceled = TRUE;
}

void
awl_task_when_all_child_done (AwlSim  *sim,
                              AwlTask *all,
                              AwlTask *child)
{
  g_autoptr(GPtrArray) excs = NULL;
  gboolean canceled = FALSE;

  g_assert (all->remaining > 0);
  if (child != NULL)
    note_failed_child (all, child);
  if (--all->remaining > 0)
    return;

  excs = g_ptr_array_new ();
  /* .NET Framework (and Mono) walk the tasks in argument order once all are done, and so
   * do .NET 10's WhenAll<TResult> and WaitAll. Since .NET 9 the non-generic promise
   * records each failed task as it completes, so the inner exceptions come in the order
   * the tasks failed and `await` rethrows the earliest failure (measured on .NET 10:
   * tests/runtime/dotnet/whenall-exception-order.cs). */
  if (sim->config.profile == AWL_PROFILE_NETFX || all->argument_order)
    for (guint i = 0; i < all->n_children; i++)
      collect_exceptions (excs, all->children[i], &canceled);
  else if (all->failed_children != NULL)
    for (guint i = 0; i < all->failed_children->len; i++)
      collect_exceptions (excs, g_ptr_array_index (all->failed_children, i), &canceled);

  if (excs->len > 0)
    awl_task_complete_list (sim, all, AWL_TASK_FAULTED, awl_value_null (), excs);
  else if (canceled)
    awl_task_complete (sim, all, AWL_TASK_CANCELED, awl_value_null (), NULL);
  else
    awl_task_complete (sim, all, AWL_TASK_RAN_TO_COMPLETION, awl_value_null (), NULL);
}

AwlObject *
awl_sim_when_all (AwlSim     *sim,
                  AwlObject **tasks,
                  guint       n_tasks)
{
  return awl_sim_when_all_full (sim, tasks, n_tasks, AWL_WHEN_ALL_DEFAULT);
}

AwlObject *
awl_sim_when_all_full (AwlSim          *sim,
                       AwlObject      **tasks,
                       guint            n_tasks,
                       AwlWhenAllFlags  flags)
{
  AwlTask *all;

  g_return_val_if_fail (sim != NULL && (tasks != NULL || n_tasks == 0), NULL);

  all = awl_task_new (sim, AWL_TASK_KIND_WHEN_ALL, "WhenAll");
  all->argument_order = (flags & AWL_WHEN_ALL_ARGUMENT_ORDER) != 0;
  all->children = g_new0 (AwlTask *, MAX (n_tasks, 1));
  all->n_children = n_tasks;
  /* One extra count held during registration, so completions seen while registering
   * cannot finish the task early. */
  all->remaining = 1;
  for (guint i = 0; i < n_tasks; i++)
    {
      g_return_val_if_fail (AWL_IS_TASK (tasks[i]), NULL);
      all->children[i] = (AwlTask *) tasks[i];
      if (awl_task_is_completed (tasks[i]))
        note_failed_child (all, all->children[i]);
      else
        {
          AwlCont *c = g_new0 (AwlCont, 1);

          c->kind = CONT_WHEN_ALL;
          c->target = all;
          all->remaining++;
          awl_task_add_cont (sim, (AwlTask *) tasks[i], c);
        }
    }
  awl_task_when_all_child_done (sim, all, NULL);
  return &all->parent;
}

void
awl_task_when_any_child_done (AwlSim  *sim,
                              AwlTask *any,
                              AwlTask *child)
{
  if (!awl_task_is_completed (&any->parent))
    awl_task_complete (sim, any, AWL_TASK_RAN_TO_COMPLETION, awl_value_object (child), NULL);
}

AwlObject *
awl_sim_when_any (AwlSim     *sim,
                  AwlObject **tasks,
                  guint       n_tasks,
                  AwlObject **error)
{
  AwlTask *any;

  g_return_val_if_fail (sim != NULL && (tasks != NULL || n_tasks == 0), NULL);

  if (n_tasks == 0)
    {
      if (error)
        *error = awl_sim_exception_new (sim, "ArgumentException",
                                        "The tasks argument contains no tasks. (Parameter 'tasks')");
      return NULL;
    }
  any = awl_task_new (sim, AWL_TASK_KIND_WHEN_ANY, "WhenAny");
  for (guint i = 0; i < n_tasks; i++)
    if (awl_task_is_completed (tasks[i]))
      {
        awl_task_complete (sim, any, AWL_TASK_RAN_TO_COMPLETION, awl_value_object (tasks[i]), NULL);
        return &any->parent;
      }
  for (guint i = 0; i < n_tasks; i++)
    {
      AwlCont *c = g_new0 (AwlCont, 1);

      c->kind = CONT_WHEN_ANY;
      c->target = any;
      awl_task_add_cont (sim, (AwlTask *) tasks[i], c);
    }
  return &any->parent;
}
