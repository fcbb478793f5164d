/* awl-builtins-channels.c
 *
 * System.Threading.Channels: Channel.CreateUnbounded<T>() and CreateBounded<T>(n),
 * their Writer (WriteAsync, TryWrite, Complete) and Reader (ReadAsync, TryRead,
 * WaitToReadAsync, ReadAllAsync, Completion). A read of an empty channel and a write
 * to a full bounded one are tasks that stay pending until the other side acts; they
 * complete through a TaskCompletionSource made with RunContinuationsAsynchronously,
 * because .NET's default channels do not allow synchronous continuations: the awaiting
 * code resumes on the pool, never inline on the writer's thread.
 */

#include "awl-builtins-private.h"

typedef enum { WAIT_READ, WAIT_TO_READ, WAIT_ENUM, WAIT_WRITE } WaiterKind;

typedef struct _AwlChannel AwlChannel;

typedef struct
{
  AwlForeign   parent;
  AwlChannel  *channel;
  AwlValue     current;   /* ReadAllAsync's enumerator */
} AwlChannelEnd;

typedef struct
{
  WaiterKind     kind;
  AwlObject     *tcs;
  AwlValue       item;    /* WAIT_WRITE */
  AwlChannelEnd *en;      /* WAIT_ENUM */
} Waiter;

struct _AwlChannel
{
  AwlForeign     parent;
  guint          capacity;   /* 0 = unbounded */
  int            full_mode;  /* AwlChannelFullMode: a write to a full bounded channel */
  gboolean       completed;  /* Writer.Complete() was called */
  GArray        *items;      /* AwlValue, oldest first */
  GQueue         readers;    /* Waiter*: ReadAsync, WaitToReadAsync, ReadAllAsync */
  GQueue         writers;    /* Waiter*: WriteAsync on a full bounded channel */
  AwlChannelEnd *reader;
  AwlChannelEnd *writer;
  AwlObject     *completion; /* TaskCompletionSource of Reader.Completion */
  guint          when_each_left; /* Task.WhenEach: tasks not completed yet */
};

static void
channel_finalize (AwlForeign *self)
{
  AwlChannel *ch = (AwlChannel *) self;

  g_array_unref (ch->items);
  g_queue_clear_full (&ch->readers, g_free);
  g_queue_clear_full (&ch->writers, g_free);
}

static void
channel_to_string (AwlForeign *self,
                   GString    *out)
{
  g_string_append (out, ((AwlChannel *) self)->capacity ? "System.Threading.Channels.BoundedChannel`1"
                                                        : "System.Threading.Channels.UnboundedChannel`1");
}

static const AwlForeignClass channel_class = { "Channel", channel_finalize, channel_to_string };
static const AwlForeignClass reader_class = { "ChannelReader", NULL, NULL };
static const AwlForeignClass writer_class = { "ChannelWriter", NULL, NULL };
static const AwlForeignClass enum_class = { "ChannelReadAll", NULL, NULL };

static AwlChannel *
end_channel (AwlBiCall *call)
{
  AwlChannelEnd *end = awl_value_get_foreign (call->target, &reader_class);

  if (end == NULL)
    end = awl_value_get_foreign (call->target, &writer_class);
  return end != NULL ? end->channel : NULL;
}

static AwlObject *
closed_exception (AwlSim *sim)
{
  return awl_sim_exception_new (sim, "ChannelClosedException", "The channel has been closed.");
}

static AwlObject *
pending_task (AwlSim        *sim,
              GQueue        *queue,
              WaiterKind     kind,
              AwlValue       item,
              AwlChannelEnd *en)
{
  Waiter *w = g_new0 (Waiter, 1);

  w->kind = kind;
  w->tcs = awl_sim_tcs_new (sim, AWL_TASK_OPTION_RUN_CONT_ASYNC);
  w->item = item;
  w->en = en;
  g_queue_push_tail (queue, w);
  return awl_tcs_get_task (w->tcs);
}

static AwlValue
take_item (AwlChannel *ch)
{
  AwlValue v = g_array_index (ch->items, AwlValue, 0);

  g_array_remove_index (ch->items, 0);
  return v;
}

static gboolean
has_room (AwlChannel *ch)
{
  return ch->capacity == 0 || ch->items->len < ch->capacity;
}

/* Moves items to waiting readers and waiting writers' items into the room made,
 * then, once a completed channel is empty, ends the readers still waiting. */
static void
channel_pump (AwlSim     *sim,
              AwlChannel *ch)
{
  gboolean moved = TRUE;

  while (moved)
    {
      moved = FALSE;
      while (ch->items->len > 0 && !g_queue_is_empty (&ch->readers))
        {
          Waiter *w = g_queue_pop_head (&ch->readers);

          if (w->kind == WAIT_READ)
            awl_sim_tcs_set_result (sim, w->tcs, take_item (ch), NULL);
          else if (w->kind == WAIT_ENUM)
            {
              w->en->current = take_item (ch);
              awl_sim_tcs_set_result (sim, w->tcs, awl_value_bool (TRUE), NULL);
            }
          else
            awl_sim_tcs_set_result (sim, w->tcs, awl_value_bool (TRUE), NULL);
          g_free (w);
          moved = TRUE;
        }
      while (has_room (ch) && !g_queue_is_empty (&ch->writers))
        {
          Waiter *w = g_queue_pop_head (&ch->writers);

          g_array_append_val (ch->items, w->item);
          awl_sim_tcs_set_result (sim, w->tcs, awl_value_null (), NULL);
          g_free (w);
          moved = TRUE;
        }
    }

  if (!ch->completed || ch->items->len > 0)
    return;
  while (!g_queue_is_empty (&ch->readers))
    {
      Waiter *w = g_queue_pop_head (&ch->readers);

      if (w->kind == WAIT_READ)
        awl_sim_tcs_set_exception (sim, w->tcs, closed_exception (sim), NULL);
      else
        awl_sim_tcs_set_result (sim, w->tcs, awl_value_bool (FALSE), NULL);
      g_free (w);
    }
  awl_sim_tcs_set_result (sim, ch->completion, awl_value_null (), NULL);
}

/* ----------------------------------------------------------------------------- */
/* Channel                                                                        */

static AwlChannelEnd *
end_new (AwlSim                *sim,
         const AwlForeignClass *klass,
         AwlChannel            *ch)
{
  AwlChannelEnd *end = awl_sim_foreign_new (sim, klass, sizeof (AwlChannelEnd));

  end->channel = ch;
  return end;
}

static AwlChannel *
channel_new (AwlSim *sim,
             gint64  capacity,
             int     full_mode)
{
  AwlChannel *ch = awl_sim_foreign_new (sim, &channel_class, sizeof (AwlChannel));

  ch->capacity = (guint) MIN (capacity, G_MAXUINT);
  ch->full_mode = full_mode;
  ch->items = g_array_new (FALSE, FALSE, sizeof (AwlValue));
  g_queue_init (&ch->readers);
  g_queue_init (&ch->writers);
  ch->reader = end_new (sim, &reader_class, ch);
  ch->writer = end_new (sim, &writer_class, ch);
  ch->completion = awl_sim_tcs_new (sim, AWL_TASK_OPTION_RUN_CONT_ASYNC);
  return ch;
}

/* CreateUnbounded (data 0), CreateBounded (data 1): () or (options), (capacity). */
AWL_BI (channel_create)
{
  gint64 capacity = 0;
  int full_mode = AWL_CHANNEL_FULL_WAIT;

  if (call->n_args == 1 && !bi_channel_options (call->args[0], call->api->data, &capacity, &full_mode) &&
      (call->api->data == 0 || !bi_is_number (call->args[0])))
    return bi_throw (call, "ArgumentException",
                     call->api->data ? "CreateBounded takes a capacity or a BoundedChannelOptions"
                                     : "CreateUnbounded takes an UnboundedChannelOptions");
  if (call->api->data == 1)
    {
      if (bi_is_number (call->args[0]))
        capacity = bi_arg_int (call->args[0], 0);
      if (capacity < 1)
        return bi_throw (call, "ArgumentOutOfRangeException",
                         "Specified argument was out of the range of valid values. (Parameter 'capacity')");
    }
  return bi_value (call, awl_value_object (channel_new (call->sim, capacity, full_mode)));
}

/* Reader (data 0), Writer (data 1). */
AWL_BI (channel_end)
{
  AwlChannel *ch = awl_value_get_foreign (call->target, &channel_class);

  return bi_value (call, awl_value_object (call->api->data ? (gpointer) ch->writer : (gpointer) ch->reader));
}

/* ----------------------------------------------------------------------------- */
/* Writer                                                                         */

static gboolean
try_write (AwlBiCall  *call,
           AwlChannel *ch,
           AwlValue    item)
{
  if (ch->completed)
    return FALSE;
  if (!has_room (ch))
    switch (ch->full_mode)
      {
      case AWL_CHANNEL_FULL_DROP_NEWEST:
        g_array_remove_index (ch->items, ch->items->len - 1);
        break;
      case AWL_CHANNEL_FULL_DROP_OLDEST:
        g_array_remove_index (ch->items, 0);
        break;
      case AWL_CHANNEL_FULL_DROP_WRITE:
        return TRUE;   /* accepted and thrown away */
      default:
        return FALSE;
      }
  g_array_append_val (ch->items, item);
  channel_pump (call->sim, ch);
  return TRUE;
}

AWL_BI (writer_try_write)
{
  AwlChannel *ch = end_channel (call);

  if (!bi_charge (call, 1, sizeof (AwlValue)))
    return bi_over_budget (call);
  return bi_value_yield (call, awl_value_bool (try_write (call, ch, call->args[0])));
}

AWL_BI (writer_write_async)
{
  AwlChannel *ch = end_channel (call);

  if (!bi_charge (call, 1, sizeof (AwlValue)))
    return bi_over_budget (call);
  if (ch->completed)
    return bi_value (call, awl_value_object (awl_sim_task_from_exception (call->sim, closed_exception (call->sim))));
  if (try_write (call, ch, call->args[0]))
    return bi_value_yield (call, awl_value_object (awl_sim_task_from_result (call->sim, awl_value_null ())));
  return bi_value (call, awl_value_object (pending_task (call->sim, &ch->writers, WAIT_WRITE, call->args[0], NULL)));
}

/* Complete (data 0) throws on a second call; TryComplete (data 1) answers false. */
AWL_BI (writer_complete)
{
  AwlChannel *ch = end_channel (call);

  if (ch->completed)
    {
      if (call->api->data == 1)
        return bi_value (call, awl_value_bool (FALSE));
      return bi_throw_error (call, closed_exception (call->sim), NULL, NULL);
    }
  ch->completed = TRUE;
  /* Writers still waiting for room can never write now. */
  while (!g_queue_is_empty (&ch->writers))
    {
      Waiter *w = g_queue_pop_head (&ch->writers);
      awl_sim_tcs_set_exception (call->sim, w->tcs, closed_exception (call->sim), NULL);
      g_free (w);
    }
  channel_pump (call->sim, ch);
  return bi_value_yield (call, call->api->data == 1 ? awl_value_bool (TRUE) : awl_value_null ());
}

/* ----------------------------------------------------------------------------- */
/* Reader                                                                         */

AWL_BI (reader_try_read)
{
  AwlChannel *ch = end_channel (call);
  AwlBox *box = awl_value_get_foreign (call->args[0], &awl_box_class);

  if (ch->items->len == 0)
    return bi_value (call, awl_value_bool (FALSE));
  if (box != NULL)
    box->v = take_item (ch);
  else
    take_item (ch);
  channel_pump (call->sim, ch);
  return bi_value_yield (call, awl_value_bool (TRUE));
}

AWL_BI (reader_read_async)
{
  AwlChannel *ch = end_channel (call);
  AwlValue item;

  if (ch->items->len > 0)
    {
      item = take_item (ch);
      channel_pump (call->sim, ch);
      return bi_value_yield (call, awl_value_object (awl_sim_task_from_result (call->sim, item)));
    }
  if (ch->completed)
    return bi_value (call, awl_value_object (awl_sim_task_from_exception (call->sim, closed_exception (call->sim))));
  return bi_value (call, awl_value_object (pending_task (call->sim, &ch->readers, WAIT_READ, awl_value_null (), NULL)));
}

AWL_BI (reader_wait_to_read_async)
{
  AwlChannel *ch = end_channel (call);

  if (ch->items->len > 0 || ch->completed)
    return bi_value (call, awl_value_object (awl_sim_task_from_result (call->sim, awl_value_bool (ch->items->len > 0))));
  return bi_value (call, awl_value_object (pending_task (call->sim, &ch->readers, WAIT_TO_READ, awl_value_null (), NULL)));
}

AWL_BI (reader_read_all_async)
{
  return bi_value (call, awl_value_object (end_new (call->sim, &enum_class, end_channel (call))));
}

AWL_BI (reader_completion)
{
  return bi_value (call, awl_value_object (awl_tcs_get_task (end_channel (call)->completion)));
}

AWL_BI (reader_count)
{
  return bi_value (call, awl_value_int (end_channel (call)->items->len));
}

gboolean
awl_channel_enumerator_op (AwlSim    *sim,
                           AwlValue   v,
                           int        op,
                           AwlValue  *out)
{
  AwlChannelEnd *en = awl_value_get_foreign (v, &enum_class);
  AwlChannel *ch;

  if (en == NULL)
    return FALSE;
  ch = en->channel;
  switch (op)
    {
    case OP_AE_MOVE_NEXT:
      if (ch->items->len > 0)
        {
          en->current = take_item (ch);
          channel_pump (sim, ch);
          *out = awl_value_object (awl_sim_task_from_result (sim, awl_value_bool (TRUE)));
        }
      else if (ch->completed)
        *out = awl_value_object (awl_sim_task_from_result (sim, awl_value_bool (FALSE)));
      else
        *out = awl_value_object (pending_task (sim, &ch->readers, WAIT_ENUM, awl_value_null (), en));
      return TRUE;
    case OP_AE_CURRENT:
      *out = en->current;
      return TRUE;
    default:   /* DisposeAsync */
      *out = awl_value_object (awl_sim_task_from_result (sim, awl_value_null ()));
      return TRUE;
    }
}

/* ----------------------------------------------------------------------------- */
/* Task.WhenEach (.NET 9): the tasks as they complete, through an unbounded channel
 * read by `await foreach`, as .NET's own implementation queues them.             */

static void
when_each_done (AwlSim    *sim,
                AwlObject *task,
                gpointer   data)
{
  AwlChannel *ch = data;
  AwlValue v = awl_value_object (task);

  g_array_append_val (ch->items, v);
  if (--ch->when_each_left == 0)
    ch->completed = TRUE;
  channel_pump (sim, ch);
}

AWL_BI (task_when_each)
{
  g_autoptr(GPtrArray) tasks = bi_collect_tasks (call, 0, call->n_args);
  AwlChannel *ch;

  if (tasks == NULL)
    return bi_throw (call, "ArgumentException", "The tasks argument included a null value. (Parameter 'tasks')");
  ch = channel_new (call->sim, 0, AWL_CHANNEL_FULL_WAIT);
  ch->when_each_left = tasks->len;
  ch->completed = tasks->len == 0;
  for (guint i = 0; i < tasks->len; i++)
    awl_sim_task_on_complete (call->sim, tasks->pdata[i], when_each_done, ch);
  channel_pump (call->sim, ch);
  return bi_value_yield (call, awl_value_object (end_new (call->sim, &enum_class, ch)));
}

#define UC "var ch = Channel.CreateUnbounded<int>(); "

static const AwlKnownApi rows[] = {
  { "Channel", "CreateUnbounded", AWL_SM, 0, 1, NULL, 1, channel_create, 0, "var ch = Channel.CreateUnbounded<int>();" },
  { "Channel", "CreateBounded", AWL_SM, 1, 1, NULL, 1, channel_create, 1, "var ch = Channel.CreateBounded<int>(2);" },
  { "Channel", "Reader", AWL_IP, 0, 0, NULL, 0, channel_end, 0, UC "var r = ch.Reader;" },
  { "Channel", "Writer", AWL_IP, 0, 0, NULL, 0, channel_end, 1, UC "var w = ch.Writer;" },
  { "ChannelWriter", "TryWrite", AWL_IM, 1, 1, NULL, 0, writer_try_write, 0, UC "bool ok = ch.Writer.TryWrite(1);" },
  { "ChannelWriter", "WriteAsync", AWL_IM, 1, 2, NULL, 0, writer_write_async, 0, UC "await ch.Writer.WriteAsync(1);" },
  { "ChannelWriter", "Complete", AWL_IM, 0, 1, NULL, 0, writer_complete, 0, UC "ch.Writer.Complete();" },
  { "ChannelWriter", "TryComplete", AWL_IM, 0, 1, NULL, 0, writer_complete, 1, UC "bool ok = ch.Writer.TryComplete();" },
  { "ChannelReader", "TryRead", AWL_IM, 1, 1, NULL, 0, reader_try_read, 0, UC "bool ok = ch.Reader.TryRead(out int x);", AWL_API_OUT_LAST },
  { "ChannelReader", "ReadAsync", AWL_IM, 0, 1, NULL, 0, reader_read_async, 0, UC "ch.Writer.TryWrite(1); int x = await ch.Reader.ReadAsync();" },
  { "ChannelReader", "WaitToReadAsync", AWL_IM, 0, 1, NULL, 0, reader_wait_to_read_async, 0, UC "ch.Writer.Complete(); bool more = await ch.Reader.WaitToReadAsync();" },
  { "ChannelReader", "ReadAllAsync", AWL_IM, 0, 1, NULL, 0, reader_read_all_async, 0, UC "ch.Writer.Complete(); await foreach (var x in ch.Reader.ReadAllAsync()) { }" },
  { "ChannelReader", "Completion", AWL_IP, 0, 0, NULL, 0, reader_completion, 0, UC "ch.Writer.Complete(); await ch.Reader.Completion;" },
  { "Task", "WhenEach", AWL_SM, 1, AWL_V, NULL, 0, task_when_each, 0, "await foreach (var t in Task.WhenEach(Task.Delay(2), Task.Delay(1))) { await t; }" },
  { "ChannelReader", "Count", AWL_IP, 0, 0, NULL, 0, reader_count, 0, UC "int n = ch.Reader.Count;" },
};

const AwlApiFamily awl_api_family_channels = { "Channels", rows, G_N_ELEMENTS (rows) };
