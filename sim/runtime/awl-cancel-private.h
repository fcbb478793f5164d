/* awl-cancel-private.h
 *
 * CancellationTokenSource, tokens and registrations.
 */

#pragma once

#include "awl-task-private.h"

G_BEGIN_DECLS

struct _AwlCts
{
  AwlObject   parent;
  AwlObject   token;
  gboolean    canceled;
  gboolean    observed;
  GPtrArray  *callbacks;               /* AwlCallback * */
  AwlTimer   *timer;
  int         cancel_line;
  AwlTime     cancel_time;
  guint       cancel_thread;
};

struct _AwlRegistration
{
  AwlObject   parent;
  AwlCts     *cts;
  AwlFrame   *frame;                   /* user callback, or NULL */
  void      (*func) (AwlSim *sim, gpointer data);
  gpointer    data;
  gboolean    done;
};

/* awl-cancel.c */
AwlCts *awl_token_cts (AwlObject *token);
/* The number of callbacks Cancel() would run now, for the state at the playhead. */
void awl_cts_emit_registered (AwlSim *sim, AwlCts *cts);
/* Registers @func for @task; the registration is disposed when @task completes. */
AwlRegistration *awl_cts_register_func (AwlSim *sim, AwlCts *cts, AwlTask *task,
                                        void (*func) (AwlSim *sim, gpointer data),
                                        gpointer data);
/* FALSE when Cancel() already returned (a callback that suspended and threw later):
 * then nothing catches the exception. */
gboolean awl_cancel_batch_add (AwlSim *sim, gpointer batch, AwlObject *exception);
void awl_cts_timer_item (AwlSim *sim, AwlThread *t, gpointer data);

G_END_DECLS
