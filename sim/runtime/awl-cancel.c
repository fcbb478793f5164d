/* awl-cancel.c
 *
 * CancellationTokenSource, tokens and registrations; Cancel() and CancelAfter.
 */

#include "awl-cancel-private.h"
#include "awl-thread-private.h"
#include "awl-timer-private.h"

static void cts_cancel (AwlSim *sim, AwlObject *cts_obj, gboolean by_timer);

AwlCts *
awl_token_cts (AwlObject *token)
{
  if (token == NULL)
    return NULL;
  if (token->type == AWL_OBJECT_CTS)
    return (AwlCts *) token;
  g_return_val_if_fail (token->type == AWL_OBJECT_TOKEN, NULL);
  return (AwlCts *) ((char *) token - G_STRUCT_OFFSET (AwlCts, token));
}

/* The number of callbacks Cancel() would run now, for the state at the playhead. */
void
awl_cts_emit_registered (AwlSim *sim,
                         AwlCts *cts)
{
  guint n = 0;

  for (guint i = 0; i < cts->callbacks->len; i++)
    if (!((AwlRegistration *) g_ptr_array_index (cts->callbacks, i))->done)
      n++;
  awl_sim_emit (sim, AWL_EVENT_CANCEL, 3, sim->current, 0, cts->parent.id, n, 0, NULL);
}

/* Registers @func for @task; the registration is disposed when @task completes. */
AwlRegistration *
awl_cts_register_func (AwlSim    *sim,
                       AwlCts    *cts,
                       AwlTask   *task,
                       void     (*func) (AwlSim *sim, gpointer data),
                       gpointer   data)
{
  AwlRegistration *reg = awl_sim_alloc_object (sim, AWL_OBJECT_REGISTRATION, sizeof *reg);

  reg->cts = cts;
  task->cancel_reg = reg;
  reg->func = func;
  reg->data = data;
  cts->observed = TRUE;
  g_ptr_array_add (cts->callbacks, reg);
  awl_cts_emit_registered (sim, cts);
  return reg;
}

AwlObject *
awl_sim_cts_new (AwlSim  *sim,
                 AwlTime  delay)
{
  AwlCts *cts;

  g_return_val_if_fail (sim != NULL, NULL);
  cts = awl_sim_alloc_object (sim, AWL_OBJECT_CTS, sizeof *cts);
  cts->token.type = AWL_OBJECT_TOKEN;
  cts->token.id = cts->parent.id;
  cts->callbacks = g_ptr_array_new ();
  g_ptr_array_add (sim->ctses, cts);
  awl_sim_emit (sim, AWL_EVENT_CANCEL, 1, sim->current, 0, cts->parent.id, 0, 0, NULL);
  if (delay >= 0)
    awl_sim_cts_cancel_after (sim, &cts->parent, delay);
  return &cts->parent;
}

AwlObject *
awl_cts_get_token (const AwlObject *cts)
{
  g_return_val_if_fail (cts && cts->type == AWL_OBJECT_CTS, NULL);
  return (AwlObject *) &((const AwlCts *) cts)->token;
}

/* What CTS callbacks throw. Cancel() runs every callback, then throws an
 * AggregateException of their exceptions (in the order they ran) out of the Cancel()
 * call; Register() on an already canceled token throws the callback's own exception.
 * The end of the batch is a hidden frame pushed after the callbacks. */
typedef struct
{
  AwlForeign  parent;
  GPtrArray  *exceptions;
  AwlFrame   *caller;                  /* frame that called Cancel/Register, or NULL */
  gboolean    aggregate;
  gboolean    done;                    /* Cancel() has returned or thrown */
} AwlCancelBatch;

static void
cancel_batch_finalize (AwlForeign *foreign)
{
  g_clear_pointer (&((AwlCancelBatch *) foreign)->exceptions, g_ptr_array_unref);
}

static const AwlForeignClass cancel_batch_class = { "CancelCallbacks", cancel_batch_finalize, NULL };

static AwlCancelBatch *
cancel_batch_new (AwlSim   *sim,
                  gboolean  aggregate)
{
  AwlCancelBatch *b = awl_sim_foreign_new (sim, &cancel_batch_class, sizeof *b);

  b->exceptions = g_ptr_array_new ();
  b->caller = sim->current ? sim->current->top : NULL;
  b->aggregate = aggregate;
  return b;
}

/* FALSE when Cancel() already returned (a callback that suspended and threw later):
 * then nothing catches the exception. */
gboolean
awl_cancel_batch_add (AwlSim    *sim,
                      gpointer   batch,
                      AwlObject *exception)
{
  AwlCancelBatch *b = batch;

  if (b->done)
    return FALSE;
  g_ptr_array_add (b->exceptions, exception);
  return TRUE;
}

typedef struct
{
  AwlFrame        parent;
  AwlSim         *sim;
  AwlCancelBatch *batch;
} CancelEndFrame;

static void
cancel_end_step (AwlFrame *frame,
                 AwlStep  *s)
{
  CancelEndFrame *self = (CancelEndFrame *) frame;
  AwlCancelBatch *b = self->batch;
  AwlObject *exc;

  b->done = TRUE;
  if (b->exceptions->len == 0)
    {
      awl_step_return (s, awl_value_null ());
      return;
    }
  exc = b->aggregate
        ? awl_sim_aggregate_exception_new (self->sim, (AwlObject **) b->exceptions->pdata,
                                           b->exceptions->len)
        : g_ptr_array_index (b->exceptions, 0);
  if (b->caller != NULL && b->caller->rt != NULL)
    {
      /* Thrown out of the Cancel() call in the caller. */
      ((AwlFrameRt *) b->caller->rt)->pending_exception = exc;
      awl_step_return (s, awl_value_null ());
    }
  else
    awl_step_throw (s, exc);    /* a timer thread: unhandled, the process crashes */
}

static void
cancel_end_free (AwlFrame *frame)
{
  g_free (frame);
}

static const AwlFrameClass cancel_end_class = {
  .name = "<cancel callbacks end>",
  .flags = AWL_FRAME_HIDDEN,
  .step = cancel_end_step,
  .free = cancel_end_free,
};

static void
cancel_batch_finish (AwlSim         *sim,
                     AwlCancelBatch *batch)
{
  CancelEndFrame *f = g_new0 (CancelEndFrame, 1);

  awl_frame_init (&f->parent, &cancel_end_class);
  f->sim = sim;
  f->batch = batch;
  awl_sim_run_inline (sim, &f->parent, ROLE_CALLBACK);
}

void
awl_sim_cts_cancel (AwlSim    *sim,
                    AwlObject *cts_obj)
{
  cts_cancel (sim, cts_obj, FALSE);
}

static void
cts_cancel (AwlSim    *sim,
            AwlObject *cts_obj,
            gboolean   by_timer)
{
  AwlCts *cts = awl_token_cts (cts_obj);
  AwlCancelBatch *batch = NULL;
  guint n = 0;

  g_return_if_fail (sim != NULL && cts != NULL);
  if (cts->canceled)
    return;
  cts->canceled = TRUE;
  cts->cancel_line = awl_sim_current_line (sim);
  cts->cancel_time = sim->now;
  cts->cancel_thread = awl_sim_thread_id (sim->current);
  awl_timer_cancel (sim, cts->timer);
  cts->timer = NULL;

  for (guint i = 0; i < cts->callbacks->len; i++)
    if (!((AwlRegistration *) g_ptr_array_index (cts->callbacks, i))->done)
      n++;
  awl_sim_emit (sim, AWL_EVENT_CANCEL, 0, sim->current, 0, cts->parent.id, n, by_timer, NULL);

  /* Callbacks run synchronously on this thread, newest registration first; what they
   * throw is collected and thrown by Cancel() as one AggregateException at the end. */
  for (guint i = cts->callbacks->len; i > 0; i--)
    {
      AwlRegistration *reg = g_ptr_array_index (cts->callbacks, i - 1);

      if (reg->done)
        continue;
      reg->done = TRUE;
      if (reg->func)
        reg->func (sim, reg->data);
      else if (reg->frame)
        {
          AwlFrame *f = reg->frame;

          reg->frame = NULL;
          if (batch == NULL)
            batch = cancel_batch_new (sim, TRUE);
          awl_sim_run_inline (sim, f, ROLE_CTS_CALLBACK);
          awl_frame_rt (sim, f)->cancel_batch = batch;
        }
    }
  if (batch != NULL)
    cancel_batch_finish (sim, batch);
}

void
awl_cts_timer_item (AwlSim    *sim,
                    AwlThread *t,
                    gpointer   data)
{
  cts_cancel (sim, data, TRUE);
}

void
awl_sim_cts_cancel_after (AwlSim    *sim,
                          AwlObject *cts_obj,
                          AwlTime    delay)
{
  AwlCts *cts = awl_token_cts (cts_obj);

  g_return_if_fail (sim != NULL && cts != NULL);
  if (cts->canceled)
    return;
  awl_timer_cancel (sim, cts->timer);
  cts->timer = awl_timer_new (sim, MAX (delay, 0), NULL, &cts->parent,
                          awl_sim_intern_printf (sim, "CancelAfter %.0f ms (CTS %u)",
                                                 AWL_TO_MS (delay), cts->parent.id));
  awl_sim_emit (sim, AWL_EVENT_CANCEL, 2, sim->current, 0, cts->parent.id, cts->timer->due, 0,
                NULL);
}

gboolean
awl_sim_token_is_cancellation_requested (AwlSim    *sim,
                                         AwlObject *token)
{
  AwlCts *cts = awl_token_cts (token);

  g_return_val_if_fail (sim != NULL, FALSE);
  if (cts == NULL)
    return FALSE;
  cts->observed = TRUE;
  return cts->canceled;
}

gboolean
awl_sim_token_throw_if_cancellation_requested (AwlSim     *sim,
                                               AwlObject  *token,
                                               AwlObject **error)
{
  if (!awl_sim_token_is_cancellation_requested (sim, token))
    return TRUE;
  if (error)
    {
      *error = awl_sim_exception_new (sim, "OperationCanceledException", "The operation was canceled.");
      ((AwlException *) *error)->cts = awl_token_cts (token);
    }
  return FALSE;
}

AwlObject *
awl_sim_token_register (AwlSim    *sim,
                        AwlObject *token,
                        AwlFrame  *callback)
{
  AwlCts *cts = awl_token_cts (token);
  AwlRegistration *reg;

  g_return_val_if_fail (sim != NULL && callback != NULL, NULL);
  awl_frame_rt (sim, callback);
  reg = awl_sim_alloc_object (sim, AWL_OBJECT_REGISTRATION, sizeof *reg);
  if (cts == NULL)
    {
      /* The default token never cancels: the callback never runs. */
      reg->frame = callback;
      reg->done = TRUE;
      return &reg->parent;
    }
  cts->observed = TRUE;
  if (cts->canceled)
    {
      AwlCancelBatch *batch = cancel_batch_new (sim, FALSE);

      reg->done = TRUE;
      awl_sim_run_inline (sim, callback, ROLE_CTS_CALLBACK);
      awl_frame_rt (sim, callback)->cancel_batch = batch;
      cancel_batch_finish (sim, batch);
      return &reg->parent;
    }
  reg->frame = callback;
  reg->cts = cts;
  g_ptr_array_add (cts->callbacks, reg);
  awl_cts_emit_registered (sim, cts);
  return &reg->parent;
}
