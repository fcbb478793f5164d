/* awl-builtins-private.h
 *
 * What the files of the .NET API share: results, argument helpers and small C
 * frames. Each awl-builtins-FAMILY.c defines its rows of the API table
 * (awl-known-api.h) next to the functions that run them.
 */

#pragma once

#include "awl-objects.h"

G_BEGIN_DECLS

#define AWL_V  AWL_API_VARIADIC
#define AWL_SM AWL_API_STATIC_METHOD
#define AWL_SP AWL_API_STATIC_PROPERTY
#define AWL_CT AWL_API_CONSTRUCTOR
#define AWL_IM AWL_API_INSTANCE_METHOD
#define AWL_IP AWL_API_INSTANCE_PROPERTY
#define AWL_EV AWL_API_ENUM_VALUE

/* The signature of every row's function. */
#define AWL_BI(name) static int name (AwlBiCall *call)

static inline AwlBiResult
bi_value (AwlBiCall *call,
          AwlValue   v)
{
  call->result = v;
  return BI_VALUE;
}

/* The API may have run code inline (a continuation, a registration): end the step. */
static inline AwlBiResult
bi_value_yield (AwlBiCall *call,
                AwlValue   v)
{
  call->result = v;
  return BI_VALUE_YIELD;
}

/* The function answered an awl_step_*() action. */
static inline AwlBiResult
bi_action (AwlBiCall *call)
{
  return BI_ACTION;
}

/* An action whose value is replaced by @v (void methods that block: push null). */
static inline AwlBiResult
bi_action_value (AwlBiCall *call,
                 AwlValue   v)
{
  call->has_override = TRUE;
  call->override = v;
  return BI_ACTION;
}

G_GNUC_INTERNAL AwlBiResult bi_throw            (AwlBiCall *call, const char *type, const char *message);

/* Charges work and memory to the run's budgets before doing it (awl_run_charge());
 * when they ran out, the API answers bi_over_budget() and does nothing: the run
 * has ended with a limit outcome naming the budget. */
static inline gboolean
bi_charge (AwlBiCall *call,
           guint64    work,
           guint64    bytes)
{
  return awl_run_charge (call->run, work, bytes);
}

static inline AwlBiResult
bi_over_budget (AwlBiCall *call)
{
  call->result = awl_value_null ();
  return BI_VALUE;
}
G_GNUC_INTERNAL AwlBiResult bi_throw_error      (AwlBiCall *call, AwlObject *error, const char *type, const char *message);
G_GNUC_INTERNAL AwlBiResult bi_null_reference   (AwlBiCall *call);
G_GNUC_INTERNAL AwlBiResult bi_bad_timeout      (AwlBiCall *call);

/* Arguments. */
G_GNUC_INTERNAL guint       bi_n_positional     (AwlBiCall *call);
G_GNUC_INTERNAL AwlValue   *bi_named_arg        (AwlBiCall *call, const char *name);
G_GNUC_INTERNAL gboolean    bi_arg_time         (AwlValue v, AwlTime *out);
G_GNUC_INTERNAL gboolean    bi_arg_timeout      (AwlValue v, AwlTime *out);
G_GNUC_INTERNAL gboolean    bi_is_number        (AwlValue v);
/* A number of milliseconds or a TimeSpan. */
G_GNUC_INTERNAL gboolean    bi_is_time          (AwlValue v);
G_GNUC_INTERNAL double      bi_arg_double       (AwlValue v);
G_GNUC_INTERNAL AwlObject  *bi_arg_token        (AwlValue v);
G_GNUC_INTERNAL gint64      bi_arg_int          (AwlValue v, gint64 fallback);
/* The items of `params T[]`: one list argument at @from, or the arguments from @from on. */
G_GNUC_INTERNAL const AwlValue *bi_params       (AwlBiCall *call, guint from, guint *n);
/* The tasks of WhenAll/WaitAll/…: one list, or the arguments from @from up to @n_args. */
G_GNUC_INTERNAL GPtrArray  *bi_collect_tasks    (AwlBiCall *call, guint from, guint n_args);
/* WaitAll/WaitAny(tasks, millisecondsTimeout | TimeSpan): a number last. */
G_GNUC_INTERNAL gboolean    bi_wait_timeout_arg (AwlBiCall *call, AwlTime *timeout, gboolean *bad);

/* A frame running the lambda @v with @n_nulls null arguments; an Action variant makes
 * an async lambda async void. NULL if @v is not a lambda. */
G_GNUC_INTERNAL AwlFrame   *bi_closure_arg_frame (AwlBiCall *call, AwlValue v, guint n_nulls);
G_GNUC_INTERNAL AwlFrame   *bi_action_arg_frame  (AwlBiCall *call, AwlValue v, guint n_nulls);

/* Text: a value as Console prints it (interned), composite formatting "{0,5:F2}". */
G_GNUC_INTERNAL const char *bi_to_string        (AwlSim *sim, AwlValue v);
G_GNUC_INTERNAL char       *bi_composite_format (const char *fmt, const AwlValue *args, guint n_args);
G_GNUC_INTERNAL const char *bi_clr_type_name    (AwlValue v);

/* Small frames written in C (Task.Unwrap, Task.WaitAny, a linked token's callback). */
typedef struct
{
  AwlFrame    parent;
  AwlRun     *run;
  AwlObject  *task;
  AwlObject  *cts;
  GPtrArray  *tasks;
  int         phase;
  AwlTime     timeout;   /* WaitAny(tasks, ms); < 0 = none */
} AwlHelperFrame;

G_GNUC_INTERNAL AwlHelperFrame *bi_helper_new   (const AwlFrameClass *klass, AwlRun *run);
G_GNUC_INTERNAL void            bi_helper_free  (AwlFrame *frame);

/* Stopwatch (awl-builtins-threading.c), used by TimeSpan formatting. */
typedef struct
{
  AwlForeign parent;
  AwlTime    start;
  AwlTime    stopped;   /* AWL_TIME_NONE while running */
} AwlStopwatch;

/* default(T) for a sequence whose items are like @sample: 0, 0.0, false or null (the
 * subset does not know T of an empty one) (awl-builtins-linq.c). */
G_GNUC_INTERNAL AwlValue    bi_default_like     (AwlValue sample);

/* Channel options (awl-builtins-channel-options.c), read by Channel.CreateBounded /
 * CreateUnbounded: FALSE if @v is not such an options object. */
typedef enum
{
  AWL_CHANNEL_FULL_WAIT,
  AWL_CHANNEL_FULL_DROP_NEWEST,
  AWL_CHANNEL_FULL_DROP_OLDEST,
  AWL_CHANNEL_FULL_DROP_WRITE,
} AwlChannelFullMode;

G_GNUC_INTERNAL gboolean    bi_channel_options  (AwlValue v, gboolean bounded, gint64 *capacity, int *full_mode);

G_END_DECLS
