/* awl-timer.c
 *
 * Timers (Task.Delay, CancelAfter) and asynchronous I/O.
 */

#include "awl-timer-private.h"
#include "awl-cancel-private.h"
#include "awl-pool-private.h"
#include "awl-thread-private.h"

static AwlTime
timer_due (AwlSim  *sim,
           AwlTime  ns)
{
  AwlTime res = sim->config.timer_resolution;
  AwlTime due = sim->now + ns;

  return ((due + res - 1) / res) * res;
}

AwlTimer *
awl_timer_new (AwlSim     *sim,
               AwlTime     ns,
               AwlTask    *task,
               AwlObject  *cts,
               const char *label)
{
  AwlTimer *timer = g_new0 (AwlTimer, 1);

  timer->id = ++sim->next_timer_id;
  timer->due = timer_due (sim, ns);
  timer->task = task;
  timer->cts = cts;
  timer->label = label;
  g_ptr_array_add (sim->timers, timer);
  sim->pending_timers++;
  awl_sim_emit (sim, AWL_EVENT_TIMER_SET, 0, sim->current, task ? task->parent.id : 0,
                timer->due, timer->id, 0, label);
  awl_sim_schedule (sim, timer->due, EV_TIMER, 0, timer, TRUE);
  return timer;
}

void
awl_timer_cancel (AwlSim   *sim,
                  AwlTimer *timer)
{
  if (timer == NULL || timer->cancelled || timer->fired)
    return;
  timer->cancelled = TRUE;
  sim->pending_timers--;
  awl_sim_release_foreground (sim);
  awl_sim_emit (sim, AWL_EVENT_TIMER_FIRED, 1, sim->current, timer->task ? timer->task->parent.id : 0,
                0, timer->id, 0, timer->label);
}

static void
complete_ok_item (AwlSim    *sim,
                  AwlThread *t,
                  gpointer   data)
{
  awl_task_complete (sim, data, AWL_TASK_RAN_TO_COMPLETION, awl_value_null (), NULL);
}

static void
cancel_delay (AwlSim   *sim,
              gpointer  data)
{
  AwlTimer *timer = data;

  if (timer->fired || timer->cancelled)
    return;
  awl_timer_cancel (sim, timer);
  awl_task_complete (sim, timer->task, AWL_TASK_CANCELED, awl_value_null (),
                     awl_sim_canceled_exception (sim));
}

AwlObject *
awl_sim_delay (AwlSim    *sim,
               AwlTime    ns,
               AwlObject *token)
{
  AwlCts *cts = awl_token_cts (token);
  AwlTask *task;
  AwlTimer *timer;

  g_return_val_if_fail (sim != NULL, NULL);

  task = awl_task_new (sim, AWL_TASK_KIND_DELAY,
                       awl_sim_intern_printf (sim, "Delay %g ms", AWL_TO_MS (ns)));
  if (cts)
    cts->observed = TRUE;
  if (cts && cts->canceled)
    {
      awl_task_complete (sim, task, AWL_TASK_CANCELED, awl_value_null (),
                         awl_sim_canceled_exception (sim));
      return &task->parent;
    }
  if (ns <= 0)
    {
      awl_task_complete (sim, task, AWL_TASK_RAN_TO_COMPLETION, awl_value_null (), NULL);
      return &task->parent;
    }
  timer = awl_timer_new (sim, ns, task, NULL, task->name);
  if (cts)
    awl_cts_register_func (sim, cts, task, cancel_delay, timer);
  return &task->parent;
}

void
awl_sim_fire_timer (AwlSim   *sim,
                    AwlTimer *timer)
{
  AwlWorkItem *item;

  timer->fired = TRUE;
  sim->pending_timers--;
  awl_sim_emit (sim, AWL_EVENT_TIMER_FIRED, 0, NULL, timer->task ? timer->task->parent.id : 0,
                0, timer->id, 0, timer->label);
  /* Expired timers are queued to the pool (net8: its high-priority queue). */
  if (timer->task)
    {
      if (awl_task_is_completed (&timer->task->parent))
        return;
      item = awl_work_item_new (sim, ITEM_CALLBACK,
                                awl_sim_intern_printf (sim, "timer: complete %s",
                                                       awl_sim_task_label (sim, timer->task)));
      item->func = complete_ok_item;
      item->func_data = timer->task;
    }
  else
    {
      AwlCts *cts = awl_token_cts (timer->cts);

      if (cts->timer == timer)
        cts->timer = NULL;
      item = awl_work_item_new (sim, ITEM_CALLBACK,
                                awl_sim_intern_printf (sim, "timer: cancel CTS %u", cts->parent.id));
      item->func = awl_cts_timer_item;
      item->func_data = cts;
    }
  awl_pool_queue_timer_item (sim, item);
}

static void
io_complete_item (AwlSim    *sim,
                  AwlThread *t,
                  gpointer   data)
{
  AwlIo *io = data;

  if (awl_task_is_completed (&io->task->parent))
    return;
  if (io->fail)
    {
      awl_sim_exception_set_line (sim, io->fail, io->task->line);
      awl_task_complete (sim, io->task, AWL_TASK_FAULTED, awl_value_null (), io->fail);
    }
  else
    awl_task_complete (sim, io->task, AWL_TASK_RAN_TO_COMPLETION, io->result, NULL);
}

static void
cancel_io (AwlSim   *sim,
           gpointer  data)
{
  AwlIo *io = data;

  if (io->done || io->cancelled)
    return;
  io->cancelled = TRUE;
  sim->pending_io--;
  awl_sim_release_foreground (sim);
  awl_sim_emit (sim, AWL_EVENT_IO_DONE, 2, sim->current, io->task->parent.id, 0, io->id, 0,
                io->label);
  awl_task_complete (sim, io->task, AWL_TASK_CANCELED, awl_value_null (),
                     awl_sim_canceled_exception (sim));
}

AwlObject *
awl_sim_io_async (AwlSim     *sim,
                  const char *label,
                  AwlTime     ns,
                  AwlValue    result,
                  AwlObject  *fail,
                  AwlObject  *token)
{
  AwlCts *cts = awl_token_cts (token);
  AwlTask *task;
  AwlIo *io;

  g_return_val_if_fail (sim != NULL, NULL);

  label = awl_sim_intern (sim, label ? label : "I/O");
  task = awl_task_new (sim, AWL_TASK_KIND_IO, label);

  if (sim->current && sim->current->top)
    for (AwlFrame *g = sim->current->top; g != NULL; g = g->below)
      if (g->rt && ((AwlFrameRt *) g->rt)->in_task_run)
        {
          awl_sim_lint (sim, AWL_LINT_TASK_RUN_IO, sim->current->top->line,
                        awl_sim_thread_id (sim->current),
                        awl_sim_intern_printf (sim, "Task.Run wraps I/O (%s): it occupies a pool "
                                               "thread for work that needs none", label));
          break;
        }

  if (cts && cts->canceled)
    {
      cts->observed = TRUE;
      awl_task_complete (sim, task, AWL_TASK_CANCELED, awl_value_null (),
                         awl_sim_canceled_exception (sim));
      return &task->parent;
    }

  io = g_new0 (AwlIo, 1);
  io->id = ++sim->next_io_id;
  io->task = task;
  io->result = result;
  io->fail = fail;
  io->label = label;
  g_ptr_array_add (sim->ios, io);
  sim->pending_io++;
  awl_sim_emit (sim, AWL_EVENT_IO_START, 0, sim->current, task->parent.id, MAX (ns, 0), io->id, 0,
                label);
  awl_sim_schedule (sim, sim->now + MAX (ns, 0), EV_IO, 0, io, TRUE);
  if (cts)
    awl_cts_register_func (sim, cts, task, cancel_io, io);
  return &task->parent;
}

void
awl_sim_finish_io (AwlSim *sim,
                   AwlIo  *io)
{
  AwlWorkItem *item;

  io->done = TRUE;
  sim->pending_io--;
  awl_sim_emit (sim, AWL_EVENT_IO_DONE, io->fail ? 1 : 0, NULL, io->task->parent.id, 0, io->id, 0,
                io->label);
  /* The completion is delivered through the pool (I/O completion → global queue). */
  item = awl_work_item_new (sim, ITEM_CALLBACK,
                            awl_sim_intern_printf (sim, "I/O completion: %s",
                                                   awl_sim_task_label (sim, io->task)));
  item->func = io_complete_item;
  item->func_data = io;
  awl_sim_queue_item (sim, item, FALSE);
}
