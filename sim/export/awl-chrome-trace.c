/* awl-chrome-trace.c
 *
 * Chrome Trace Event format: a JSON object with a "traceEvents" array. Times are
 * microseconds (doubles, so nanoseconds survive as decimals). Complete events
 * ("X") need properly nested slices per thread; thread state spans never overlap,
 * but timers and I/O do, so those are packed into rows, each its own track.
 */

#include <errno.h>
#include <json-glib/json-glib.h>

#include "awl-chrome-trace.h"

typedef struct
{
  JsonBuilder *b;
  AwlTrace    *trace;
  GArray      *io_rows;   /* guint row per io span */
} Writer;

static double
us (AwlTime ns)
{
  return ns / 1000.0;
}

static void
begin_event (Writer     *w,
             const char *ph,
             const char *name,
             const char *cat,
             AwlTime     time,
             guint       tid)
{
  json_builder_begin_object (w->b);
  json_builder_set_member_name (w->b, "ph");
  json_builder_add_string_value (w->b, ph);
  json_builder_set_member_name (w->b, "name");
  json_builder_add_string_value (w->b, name);
  if (cat != NULL)
    {
      json_builder_set_member_name (w->b, "cat");
      json_builder_add_string_value (w->b, cat);
    }
  json_builder_set_member_name (w->b, "ts");
  json_builder_add_double_value (w->b, us (time));
  json_builder_set_member_name (w->b, "pid");
  json_builder_add_int_value (w->b, AWL_CHROME_TRACE_PID);
  json_builder_set_member_name (w->b, "tid");
  json_builder_add_int_value (w->b, tid);
}

static void
add_string (Writer     *w,
            const char *name,
            const char *value)
{
  json_builder_set_member_name (w->b, name);
  json_builder_add_string_value (w->b, value ? value : "");
}

static void
add_int (Writer     *w,
         const char *name,
         gint64      value)
{
  json_builder_set_member_name (w->b, name);
  json_builder_add_int_value (w->b, value);
}

static void
metadata (Writer     *w,
          const char *what,
          guint       tid,
          const char *key,
          const char *str,
          gint64      num)
{
  begin_event (w, "M", what, NULL, 0, tid);
  json_builder_set_member_name (w->b, "args");
  json_builder_begin_object (w->b);
  if (str != NULL)
    add_string (w, key, str);
  else
    add_int (w, key, num);
  json_builder_end_object (w->b);
  json_builder_end_object (w->b);
}

static char *
span_name (const AwlSpan *span)
{
  switch (span->state)
    {
    case AWL_THREAD_STATE_RUNNING:
      return g_strdup (span->method ? span->method : "running");
    case AWL_THREAD_STATE_READY:
      return g_strdup_printf ("ready%s%s", span->method ? ": " : "", span->method ? span->method : "");
    case AWL_THREAD_STATE_BLOCKED:
      return g_strdup_printf ("blocked: %s", awl_block_reason_to_string (span->reason));
    case AWL_THREAD_STATE_IDLE:
    case AWL_THREAD_STATE_EXITED:
    default:
      return g_strdup (awl_thread_state_to_string (span->state));
    }
}

static void
write_threads (Writer *w)
{
  const AwlThreadInfo *threads;
  guint n_threads;
  AwlTime end = awl_trace_get_end_time (w->trace);

  threads = awl_trace_get_threads (w->trace, &n_threads);
  for (guint t = 0; t < n_threads; t++)
    {
      const AwlSpan *spans;
      guint n_spans;

      metadata (w, "thread_name", threads[t].id, "name", threads[t].name, 0);
      metadata (w, "thread_sort_index", threads[t].id, "sort_index", NULL, threads[t].id);

      spans = awl_trace_get_spans (w->trace, threads[t].id, &n_spans);
      for (guint s = 0; s < n_spans; s++)
        {
          const AwlSpan *span = &spans[s];
          AwlTime span_end = span->end == AWL_TIME_NONE ? end : span->end;
          g_autofree char *name = NULL;

          /* Idle and exited are the absence of work: leaving them out keeps
           * Perfetto's track summaries meaningful. */
          if (span->state == AWL_THREAD_STATE_IDLE || span->state == AWL_THREAD_STATE_EXITED)
            continue;

          name = span_name (span);
          begin_event (w, "X", name, awl_thread_state_to_string (span->state), span->start, threads[t].id);
          json_builder_set_member_name (w->b, "dur");
          json_builder_add_double_value (w->b, us (MAX (0, span_end - span->start)));
          json_builder_set_member_name (w->b, "args");
          json_builder_begin_object (w->b);
          add_string (w, "state", awl_thread_state_to_string (span->state));
          if (span->state == AWL_THREAD_STATE_BLOCKED)
            add_string (w, "reason", awl_block_reason_to_string (span->reason));
          if (span->method != NULL)
            add_string (w, "method", span->method);
          if (span->await_state >= 0 && span->method != NULL)
            add_int (w, "await_state", span->await_state);
          if (span->line > 0)
            add_int (w, "line", span->line);
          if (span->task != 0)
            {
              g_autofree char *task = awl_trace_describe_task (w->trace, span->task);
              add_string (w, "task", task);
            }
          json_builder_end_object (w->b);
          json_builder_end_object (w->b);
        }
    }
}

/* Greedy interval packing: each span goes to the first row free at its start. */
static guint
pack_io_rows (Writer          *w,
              const AwlIoSpan *io,
              guint            n_io)
{
  g_autoptr(GArray) row_end = g_array_new (FALSE, FALSE, sizeof (AwlTime));
  AwlTime end = awl_trace_get_end_time (w->trace);

  for (guint i = 0; i < n_io; i++)
    {
      AwlTime span_end = io[i].end == AWL_TIME_NONE ? end : io[i].end;
      guint row;

      for (row = 0; row < row_end->len; row++)
        if (g_array_index (row_end, AwlTime, row) <= io[i].start)
          break;
      if (row == row_end->len)
        g_array_append_val (row_end, span_end);
      else
        g_array_index (row_end, AwlTime, row) = span_end;
      g_array_append_val (w->io_rows, row);
    }

  return row_end->len;
}

static const char *
io_kind (AwlIoSpanKind kind)
{
  switch (kind)
    {
    case AWL_IO_SPAN_TIMER: return "timer";
    case AWL_IO_SPAN_ASYNC_IO: return "async-io";
    case AWL_IO_SPAN_SYNC_IO: return "sync-io";
    default: return "io";
    }
}

static void
write_io (Writer *w)
{
  const AwlIoSpan *io;
  guint n_io, n_rows;
  AwlTime end = awl_trace_get_end_time (w->trace);

  io = awl_trace_get_io_spans (w->trace, &n_io);
  n_rows = pack_io_rows (w, io, n_io);

  for (guint r = 0; r < n_rows; r++)
    {
      g_autofree char *name = r == 0 ? g_strdup ("Timers & I/O")
                                     : g_strdup_printf ("Timers & I/O (%u)", r + 1);
      metadata (w, "thread_name", AWL_CHROME_TRACE_IO_TID + r, "name", name, 0);
      metadata (w, "thread_sort_index", AWL_CHROME_TRACE_IO_TID + r, "sort_index", NULL,
                AWL_CHROME_TRACE_IO_TID + r);
    }

  for (guint i = 0; i < n_io; i++)
    {
      AwlTime span_end = io[i].end == AWL_TIME_NONE ? end : io[i].end;

      begin_event (w, "X", io[i].label ? io[i].label : io_kind (io[i].kind), io_kind (io[i].kind),
                   io[i].start, AWL_CHROME_TRACE_IO_TID + g_array_index (w->io_rows, guint, i));
      json_builder_set_member_name (w->b, "dur");
      json_builder_add_double_value (w->b, us (MAX (0, span_end - io[i].start)));
      json_builder_set_member_name (w->b, "args");
      json_builder_begin_object (w->b);
      add_string (w, "kind", io_kind (io[i].kind));
      if (io[i].task != 0)
        {
          g_autofree char *task = awl_trace_describe_task (w->trace, io[i].task);
          add_string (w, "task", task);
        }
      if (io[i].failed)
        add_string (w, "result", "failed");
      json_builder_end_object (w->b);
      json_builder_end_object (w->b);
    }
}

/* A continuation scheduled by a timer or I/O completion starts on the row of the
 * span that completed its task; a flow start binds to the slice enclosing its
 * time, so it is placed a nanosecond before that span ends. */
static gboolean
io_source (Writer        *w,
           const AwlFlow *flow,
           guint         *tid,
           AwlTime       *time)
{
  const AwlIoSpan *io;
  guint n_io;

  io = awl_trace_get_io_spans (w->trace, &n_io);
  for (guint i = 0; i < n_io; i++)
    if (io[i].task == flow->task && io[i].task != 0 && io[i].end == flow->scheduled)
      {
        *tid = AWL_CHROME_TRACE_IO_TID + g_array_index (w->io_rows, guint, i);
        *time = MAX (io[i].start, flow->scheduled - 1);
        return TRUE;
      }
  return FALSE;
}

static const char *
flow_how (AwlContinuationHow how)
{
  switch (how)
    {
    case AWL_CONT_INLINE: return "inline";
    case AWL_CONT_POSTED: return "posted to context";
    case AWL_CONT_QUEUED_LOCAL: return "queued (local)";
    case AWL_CONT_QUEUED_GLOBAL: return "queued (global)";
    default: return "continuation";
    }
}

static void
zero_slice (Writer        *w,
            const char    *what,
            const char    *cat,
            AwlTime        time,
            guint          tid,
            const AwlFlow *flow)
{
  g_autofree char *name = NULL;

  if (flow->await_state >= 0)
    name = g_strdup_printf ("%s %s · state %d", what, flow->method ? flow->method : "?", flow->await_state);
  else
    name = g_strdup_printf ("%s %s", what, flow->method ? flow->method : "?");
  begin_event (w, "X", name, cat, time, tid);
  json_builder_set_member_name (w->b, "dur");
  /* One nanosecond, not zero: Perfetto binds a flow to the slice still open on
   * the track, and a zero-length slice is closed by the next event at its time. */
  json_builder_add_double_value (w->b, us (1));
  json_builder_end_object (w->b);
}

static void
write_flows (Writer *w)
{
  const AwlFlow *flows;
  guint n_flows;

  flows = awl_trace_get_flows (w->trace, &n_flows);
  for (guint i = 0; i < n_flows; i++)
    {
      const AwlFlow *flow = &flows[i];
      g_autofree char *name = NULL;
      guint from_tid = flow->from_thread;
      AwlTime from_time = flow->scheduled;

      if (flow->resumed == AWL_TIME_NONE || flow->to_thread == 0)
        continue;
      if (from_tid == 0 && !io_source (w, flow, &from_tid, &from_time))
        from_tid = AWL_CHROME_TRACE_IO_TID;

      name = g_strdup_printf ("continuation: %s", flow->method ? flow->method : "?");

      /* Flow events bind to the slice enclosing them, and a continuation that
       * runs in no time has none: mark both ends with a 1 ns slice. */
      zero_slice (w, "schedule continuation", flow_how (flow->how), from_time, from_tid, flow);
      zero_slice (w, "resume", flow_how (flow->how), flow->resumed, flow->to_thread, flow);

      begin_event (w, "s", name, flow_how (flow->how), from_time, from_tid);
      add_int (w, "id", (gint64)flow->id);
      json_builder_end_object (w->b);

      begin_event (w, "f", name, flow_how (flow->how), flow->resumed, flow->to_thread);
      add_int (w, "id", (gint64)flow->id);
      add_string (w, "bp", "e");
      json_builder_end_object (w->b);
    }
}

static const char *
counter_title (AwlCounterKind kind)
{
  switch (kind)
    {
    case AWL_COUNTER_POOL_THREADS: return "Pool threads";
    case AWL_COUNTER_POOL_GOAL: return "Pool thread goal";
    case AWL_COUNTER_GLOBAL_QUEUE: return "Global queue";
    case AWL_COUNTER_LOCAL_QUEUES: return "Local queues";
    case AWL_COUNTER_UI_QUEUE: return "UI queue";
    case AWL_COUNTER_BUSY_CORES: return "Busy cores";
    case AWL_COUNTER_READY_THREADS: return "Ready threads";
    case AWL_COUNTER_BLOCKED_THREADS: return "Blocked threads";
    case AWL_COUNTER_REQUESTS: return "Requests in flight";
    case AWL_COUNTER_N_KINDS:
    default: return "counter";
    }
}

static void
write_counters (Writer *w)
{
  for (guint k = 0; k < AWL_COUNTER_N_KINDS; k++)
    {
      const AwlCounterPoint *points;
      guint n_points;
      gboolean any = FALSE;

      points = awl_trace_get_counter (w->trace, k, &n_points);
      for (guint i = 0; i < n_points && !any; i++)
        any = points[i].value != 0;
      /* Counters that never move are noise, except the two every run has. */
      if (!any && k != AWL_COUNTER_POOL_THREADS && k != AWL_COUNTER_BUSY_CORES)
        continue;

      for (guint i = 0; i < n_points; i++)
        {
          begin_event (w, "C", counter_title (k), "counter", points[i].time, 0);
          json_builder_set_member_name (w->b, "args");
          json_builder_begin_object (w->b);
          add_int (w, "value", points[i].value);
          json_builder_end_object (w->b);
          json_builder_end_object (w->b);
        }
    }
}

static void
instant (Writer     *w,
         const char *name,
         const char *cat,
         AwlTime     time,
         guint       tid,
         const char *key,
         const char *text,
         int         line)
{
  begin_event (w, "i", name, cat, time, tid);
  add_string (w, "s", tid != 0 ? "t" : "g");
  json_builder_set_member_name (w->b, "args");
  json_builder_begin_object (w->b);
  add_string (w, key, text);
  if (line > 0)
    add_int (w, "line", line);
  json_builder_end_object (w->b);
  json_builder_end_object (w->b);
}

static void
write_instants (Writer *w)
{
  const AwlLint *lints;
  const AwlOutputLine *output;
  const AwlEvent *events;
  const AwlOutcome *outcome;
  guint n_lints, n_output, n_events;

  lints = awl_trace_get_lints (w->trace, &n_lints);
  for (guint i = 0; i < n_lints; i++)
    {
      g_autofree char *name = g_strdup_printf ("lint: %s", awl_lint_kind_to_string (lints[i].kind));
      instant (w, name, "lint", lints[i].time, lints[i].thread, "message", lints[i].message, lints[i].line);
    }

  output = awl_trace_get_output (w->trace, &n_output);
  for (guint i = 0; i < n_output; i++)
    instant (w, "Console.WriteLine", "output", output[i].time, output[i].thread, "text",
             output[i].text, output[i].line);

  events = awl_trace_get_events (w->trace, &n_events);
  for (guint i = 0; i < n_events; i++)
    if (events[i].kind == AWL_EVENT_EXCEPTION && events[i].sub == 1)
      instant (w, "unhandled exception", "exception", events[i].time, events[i].thread, "exception",
               events[i].text, events[i].line);

  outcome = awl_trace_get_outcome (w->trace);
  if (outcome->kind != AWL_OUTCOME_COMPLETED)
    {
      g_autoptr(GString) text = g_string_new (outcome->summary);

      for (guint i = 0; i < outcome->n_chain; i++)
        g_string_append_printf (text, "%s%s", i == 0 ? ": " : " → ", outcome->chain[i]);
      instant (w, awl_outcome_kind_to_string (outcome->kind), "outcome", outcome->end_time, 0,
               "summary", text->str, outcome->line);
    }
}

static void
write_other_data (Writer     *w,
                  const char *title)
{
  const AwlOutcome *outcome = awl_trace_get_outcome (w->trace);

  json_builder_set_member_name (w->b, "otherData");
  json_builder_begin_object (w->b);
  add_string (w, "generator", "Awaitlab");
  add_string (w, "title", title);
  add_string (w, "outcome", awl_outcome_kind_to_string (outcome->kind));
  add_string (w, "summary", outcome->summary);
  add_int (w, "end_time_ns", outcome->end_time);
  json_builder_end_object (w->b);
}

char *
awl_chrome_trace_to_data (AwlTrace   *trace,
                          const char *title,
                          gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *process = NULL;
  Writer w = { builder, trace, NULL };

  g_return_val_if_fail (trace != NULL, NULL);

  w.io_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  process = g_strdup_printf ("Awaitlab: %s", title ? title : "run");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "displayTimeUnit");
  json_builder_add_string_value (builder, "ms");
  write_other_data (&w, title);
  json_builder_set_member_name (builder, "traceEvents");
  json_builder_begin_array (builder);
  metadata (&w, "process_name", 0, "name", process, 0);
  write_threads (&w);
  write_io (&w);
  write_flows (&w);
  write_counters (&w);
  write_instants (&w);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  g_array_unref (w.io_rows);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

gboolean
awl_chrome_trace_write (AwlTrace    *trace,
                        const char  *title,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (trace != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = awl_chrome_trace_to_data (trace, title, &length);
  /* CONSISTENT: written to a temporary file next to @path, then renamed. */
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
