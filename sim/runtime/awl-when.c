/* awl-when.c
 *
 * Task.WhenAll and Task.WhenAny.
 */

#include "awl-task-private.h"
#include "awl-cancel-private.h"

void
awl_task_when_all_child_done (AwlSim  *sim,
                              AwlTask *all)
{
  g_autoptr(GPtrArray) excs = NULL;
  gboolean canceled = FALSE;

  g_assert (all->remaining > 0);
  if (--all->remaining > 0)
    return;

  excs = g_ptr_array_new ();
  for (guint i = 0; i < all->n_children; i++)
    {
      AwlTask *c = all->children[i];

      if (c->status == AWL_TASK_FAULTED)
        {
          c->observed = TRUE;
          for (guint k = 0; k < c->exceptions->len; k++)
            g_ptr_array_add (excs, g_ptr_array_index (c->exceptions, k));
        }
      else if (c->status == AWL_TASK_CANCELED)
        canceled = TRUE;
    }
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
  AwlTask *all;

  g_return_val_if_fail (sim != NULL && (tasks != NULL || n_tasks == 0), NULL);

  all = awl_task_new (sim, AWL_TASK_KIND_WHEN_ALL, "WhenAll");
  all->children = g_new0 (AwlTask *, MAX (n_tasks, 1));
  all->n_children = n_tasks;
  /* One extra count held during registration, so completions seen while registering
   * cannot finish the task early. */
  all->remaining = 1;
  for (guint i = 0; i < n_tasks; i++)
    {
      g_return_val_if_fail (AWL_IS_TASK (tasks[i]), NULL);
      all->children[i] = (AwlTask *) tasks[i];
      if (!awl_task_is_completed (tasks[i]))
        {
          AwlCont *c = g_new0 (AwlCont, 1);

          c->kind = CONT_WHEN_ALL;
          c->target = all;
          all->remaining++;
          awl_task_add_cont (sim, (AwlTask *) tasks[i], c);
        }
    }
  awl_task_when_all_child_done (sim, all);
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
