/* awl-timer-private.h
 *
 * Timers (Task.Delay, CancelAfter) and asynchronous I/O.
 */

#pragma once

#include "awl-task-private.h"

G_BEGIN_DECLS

struct _AwlTimer
{
  guint      id;
  AwlTime    due;
  gboolean   cancelled;
  AwlTask   *task;                     /* Delay task */
  AwlObject *cts;                      /* CTS timeout */
  const char *label;
  gboolean   fired;
};

struct _AwlIo
{
  guint       id;
  AwlTask    *task;
  AwlValue    result;
  AwlObject  *fail;
  const char *label;
  gboolean    cancelled;
  gboolean    done;
};

/* awl-timer.c */
AwlTimer *awl_timer_new (AwlSim *sim, AwlTime ns, AwlTask *task, AwlObject *cts,
                         const char *label);
void awl_timer_cancel (AwlSim *sim, AwlTimer *timer);
void awl_sim_fire_timer (AwlSim *sim, AwlTimer *timer);
void awl_sim_finish_io (AwlSim *sim, AwlIo *io);

G_END_DECLS
