/* awl-builtins-channel-options.c
 *
 * BoundedChannelOptions, UnboundedChannelOptions and BoundedChannelFullMode, the
 * settings Channel.CreateBounded/CreateUnbounded take (awl-builtins-channels.c).
 * FullMode decides what a write to a full bounded channel does: Wait (WriteAsync
 * waits, TryWrite answers false), DropNewest / DropOldest (the newest / oldest item
 * already in the channel is thrown away to make room) or DropWrite (the item being
 * written is thrown away); a dropping write always succeeds at once. SingleReader,
 * SingleWriter and AllowSynchronousContinuations are promises that let .NET pick a
 * faster implementation; they are kept but change nothing in the simulation.
 */

#include "awl-builtins-private.h"

typedef struct
{
  AwlForeign  parent;
  gboolean    bounded;
  gint64      capacity;
  int         full_mode;   /* AwlChannelFullMode */
  gboolean    flags[3];    /* SingleReader, SingleWriter, AllowSynchronousContinuations */
} AwlChannelOptions;

static const AwlForeignClass bounded_class = { "BoundedChannelOptions", NULL, NULL };
static const AwlForeignClass unbounded_class = { "UnboundedChannelOptions", NULL, NULL };

static const char * const mode_names[] = { "Wait", "DropNewest", "DropOldest", "DropWrite" };

gboolean
bi_channel_options (AwlValue  v,
                    gboolean  bounded,
                    gint64   *capacity,
                    int      *full_mode)
{
  AwlChannelOptions *o = awl_value_get_foreign (v, bounded ? &bounded_class : &unbounded_class);

  if (o == NULL)
    return FALSE;
  *capacity = o->capacity;
  *full_mode = o->full_mode;
  return TRUE;
}

static AwlChannelOptions *
target_options (AwlBiCall *call)
{
  AwlChannelOptions *o = awl_value_get_foreign (call->target, &bounded_class);

  return o != NULL ? o : awl_value_get_foreign (call->target, &unbounded_class);
}

static const char bad_capacity[] = "Specified argument was out of the range of valid values. (Parameter 'capacity')";

/* new BoundedChannelOptions(capacity) (data 1), new UnboundedChannelOptions() (data 0). */
AWL_BI (options_new)
{
  AwlChannelOptions *o;
  gint64 capacity = call->n_args > 0 ? bi_arg_int (call->args[0], 0) : 0;

  if (call->api->data && capacity < 1)
    return bi_throw (call, "ArgumentOutOfRangeException", bad_capacity);
  o = awl_sim_foreign_new (call->sim, call->api->data ? &bounded_class : &unbounded_class, sizeof (AwlChannelOptions));
  o->bounded = call->api->data;
  o->capacity = capacity;
  o->full_mode = AWL_CHANNEL_FULL_WAIT;
  return bi_value (call, awl_value_object (o));
}

AWL_BI (options_capacity)
{
  AwlChannelOptions *o = target_options (call);
  gint64 capacity;

  if (call->n_args == 0)
    return bi_value (call, awl_value_int (o->capacity));
  capacity = bi_arg_int (call->args[0], 0);
  if (capacity < 1)
    return bi_throw (call, "ArgumentOutOfRangeException", bad_capacity);
  o->capacity = capacity;
  return bi_value (call, awl_value_null ());
}

AWL_BI (options_full_mode)
{
  AwlChannelOptions *o = target_options (call);

  if (call->n_args == 0)
    return bi_value (call, awl_value_string (mode_names[o->full_mode]));
  for (guint mode = 0; mode < G_N_ELEMENTS (mode_names); mode++)
    if (call->args[0].kind == AWL_VALUE_STRING && g_str_equal (call->args[0].s, mode_names[mode]))
      {
        o->full_mode = (int) mode;
        return bi_value (call, awl_value_null ());
      }
  return bi_throw (call, "ArgumentOutOfRangeException", "Specified argument was out of the range of valid values. (Parameter 'value')");
}

/* SingleReader (data 0), SingleWriter (data 1), AllowSynchronousContinuations (data 2). */
AWL_BI (options_flag)
{
  AwlChannelOptions *o = target_options (call);

  if (call->n_args == 0)
    return bi_value (call, awl_value_bool (o->flags[call->api->data]));
  if (call->args[0].kind != AWL_VALUE_BOOL)
    return bi_throw (call, "ArgumentException", "the option takes true or false");
  o->flags[call->api->data] = call->args[0].b;
  return bi_value (call, awl_value_null ());
}

/* An enum value is its name, as TaskStatus's are: it prints as .NET prints it. */
AWL_BI (full_mode_value)
{
  return bi_value (call, awl_value_string (call->api->member));
}

#define BO "var o = new BoundedChannelOptions(2); "
#define UO "var o = new UnboundedChannelOptions(); "
#define S AWL_API_SETTABLE

static const AwlKnownApi rows[] = {
  { "BoundedChannelOptions", ".ctor", AWL_CT, 1, 1, NULL, 0, options_new, 1,
    "var ch = Channel.CreateBounded<int>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest }); "
    "ch.Writer.TryWrite(1); ch.Writer.TryWrite(2); Console.WriteLine(await ch.Reader.ReadAsync());" },
  { "BoundedChannelOptions", "Capacity", AWL_IP, 0, 0, NULL, 0, options_capacity, 0, BO "o.Capacity = 3; int n = o.Capacity;", S },
  { "BoundedChannelOptions", "FullMode", AWL_IP, 0, 0, NULL, 0, options_full_mode, 0, BO "o.FullMode = BoundedChannelFullMode.DropWrite;", S },
  { "BoundedChannelOptions", "SingleReader", AWL_IP, 0, 0, NULL, 0, options_flag, 0, BO "o.SingleReader = true;", S },
  { "BoundedChannelOptions", "SingleWriter", AWL_IP, 0, 0, NULL, 0, options_flag, 1, BO "o.SingleWriter = true;", S },
  { "BoundedChannelOptions", "AllowSynchronousContinuations", AWL_IP, 0, 0, NULL, 0, options_flag, 2, BO "o.AllowSynchronousContinuations = false;", S },
  { "UnboundedChannelOptions", ".ctor", AWL_CT, 0, 0, NULL, 0, options_new, 0,
    "var ch = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });" },
  { "UnboundedChannelOptions", "SingleReader", AWL_IP, 0, 0, NULL, 0, options_flag, 0, UO "o.SingleReader = true;", S },
  { "UnboundedChannelOptions", "SingleWriter", AWL_IP, 0, 0, NULL, 0, options_flag, 1, UO "o.SingleWriter = true;", S },
  { "UnboundedChannelOptions", "AllowSynchronousContinuations", AWL_IP, 0, 0, NULL, 0, options_flag, 2, UO "o.AllowSynchronousContinuations = false;", S },
  { "BoundedChannelFullMode", "Wait", AWL_EV, 0, 0, NULL, 0, full_mode_value, AWL_CHANNEL_FULL_WAIT, BO "o.FullMode = BoundedChannelFullMode.Wait;" },
  { "BoundedChannelFullMode", "DropNewest", AWL_EV, 0, 0, NULL, 0, full_mode_value, AWL_CHANNEL_FULL_DROP_NEWEST, BO "o.FullMode = BoundedChannelFullMode.DropNewest;" },
  { "BoundedChannelFullMode", "DropOldest", AWL_EV, 0, 0, NULL, 0, full_mode_value, AWL_CHANNEL_FULL_DROP_OLDEST, BO "o.FullMode = BoundedChannelFullMode.DropOldest;" },
  { "BoundedChannelFullMode", "DropWrite", AWL_EV, 0, 0, NULL, 0, full_mode_value, AWL_CHANNEL_FULL_DROP_WRITE, BO "o.FullMode = BoundedChannelFullMode.DropWrite;" },
};

#undef BO
#undef UO
#undef S

const AwlApiFamily awl_api_family_channel_options = { "ChannelOptions", rows, G_N_ELEMENTS (rows) };
