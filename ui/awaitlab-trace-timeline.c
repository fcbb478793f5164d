/* awaitlab-trace-timeline.c */

#include <glib/gi18n.h>

#include <string.h>

#include "awaitlab-trace-timeline.h"

static AwaitlabThreadKind
thread_kind (AwlThreadKind kind)
{
  switch (kind)
    {
    case AWL_THREAD_MAIN: return AWAITLAB_THREAD_MAIN;
    case AWL_THREAD_UI: return AWAITLAB_THREAD_UI;
    case AWL_THREAD_POOL: return AWAITLAB_THREAD_POOL;
    case AWL_THREAD_DEDICATED: return AWAITLAB_THREAD_DEDICATED;
    default: return AWAITLAB_THREAD_OTHER;
    }
}

static AwaitlabSpanState
span_state (AwlThreadState state)
{
  switch (state)
    {
    case AWL_THREAD_STATE_RUNNING: return AWAITLAB_SPAN_RUNNING;
    case AWL_THREAD_STATE_READY: return AWAITLAB_SPAN_READY;
    case AWL_THREAD_STATE_BLOCKED: return AWAITLAB_SPAN_BLOCKED;
    case AWL_THREAD_STATE_EXITED: return AWAITLAB_SPAN_EXITED;
    case AWL_THREAD_STATE_IDLE:
    default:
      return AWAITLAB_SPAN_IDLE;
    }
}

static char *
span_label (const AwlSpan *span)
{
  if (span->method == NULL)
    return NULL;
  if (span->await_state >= 0)
    return g_strdup_printf ("%s · state %d", span->method, span->await_state);
  return g_strdup (span->method);
}

static char *
span_detail (AwlTrace      *trace,
             const AwlSpan *span)
{
  g_autofree char *task = NULL;

  if (span->state != AWL_THREAD_STATE_BLOCKED)
    return NULL;

  if (span->task != 0)
    {
      task = awl_trace_describe_task (trace, span->task);
      return g_strdup_printf (_("Blocked: %s on %s"), awl_block_reason_to_string (span->reason), task);
    }
  return g_strdup_printf (_("Blocked: %s"), awl_block_reason_to_string (span->reason));
}

static char *
describe (gpointer user_data,
          guint    index)
{
  return awl_trace_describe_event (user_data, index);
}

static void
add_threads (AwaitlabTimeline *timeline,
             AwlTrace         *trace)
{
  const AwlThreadInfo *threads;
  guint n_threads;

  threads = awl_trace_get_threads (trace, &n_threads);
  for (guint t = 0; t < n_threads; t++)
    {
      const AwlSpan *spans;
      guint n_spans, lane;

      lane = awaitlab_timeline_add_lane (timeline, AWAITLAB_LANE_THREAD, thread_kind (threads[t].kind),
                                         threads[t].id, threads[t].name);

      /* Pool threads born after the start are the injection steps of a
       * starving pool: mark each birth. */
      if (threads[t].kind == AWL_THREAD_POOL && threads[t].created > 0)
        awaitlab_timeline_add_mark (timeline, threads[t].created, lane, AWAITLAB_MARK_INJECTION,
                                    _("The thread pool adds a thread"));

      spans = awl_trace_get_spans (trace, threads[t].id, &n_spans);
      for (guint s = 0; s < n_spans; s++)
        {
          g_autofree char *label = span_label (&spans[s]);
          g_autofree char *detail = span_detail (trace, &spans[s]);
          AwaitlabSpan span = {
            .begin = spans[s].start,
            .end = spans[s].end == AWL_TIME_NONE ? awl_trace_get_end_time (trace) : spans[s].end,
            .state = span_state (spans[s].state),
            .line = MAX (0, spans[s].line),
            .task = spans[s].task ? (int)spans[s].task : -1,
            .label = label,
            .detail = detail,
            .event = spans[s].first_event + 1,
          };

          awaitlab_timeline_add_span (timeline, lane, &span);
        }
    }
}

/* The trace drops spans that begin and end at one instant: on a real-time axis
 * they have no width. On the step axis they are the lesson (a continuation run
 * on the UI thread in no virtual time, code between two awaits), so rebuild
 * them from the state changes: two changes of one thread at the same time
 * leave a zero-length span of the first state. */
typedef struct
{
  AwlTime time;
  guint   event;
  int     state;        /* AwlThreadState, -1 = none yet */
  int     line;
  guint   task;
  const char *method;   /* first frame pushed or resumed inside the span */
  int     await_state;
} OpenState;

static void
add_instant_spans (AwaitlabTimeline *timeline,
                   AwlTrace         *trace)
{
  const AwlThreadInfo *threads;
  const AwlEvent *events;
  guint n_threads, n_events;
  g_autofree OpenState *open = NULL;

  threads = awl_trace_get_threads (trace, &n_threads);
  events = awl_trace_get_events (trace, &n_events);
  open = g_new0 (OpenState, n_threads + 1);
  for (guint t = 0; t <= n_threads; t++)
    open[t].state = -1;
  (void)threads;

  for (guint i = 0; i < n_events; i++)
    {
      const AwlEvent *e = &events[i];
      OpenState *o;

      if (e->thread == 0 || e->thread > n_threads)
        continue;
      o = &open[e->thread];

      if ((e->kind == AWL_EVENT_RESUME || e->kind == AWL_EVENT_FRAME_PUSH) && o->method == NULL)
        {
          o->method = e->text;
          o->await_state = e->kind == AWL_EVENT_RESUME ? e->c : -1;
        }

      if (e->kind != AWL_EVENT_THREAD_STATE && e->kind != AWL_EVENT_THREAD_EXITED &&
          e->kind != AWL_EVENT_THREAD_CREATED)
        continue;

      if (o->state >= 0 && o->state != AWL_THREAD_STATE_IDLE &&
          o->state != AWL_THREAD_STATE_EXITED && o->time == e->time)
        {
          int lane = awaitlab_timeline_lane_of_thread (timeline, e->thread);
          g_autofree char *label = NULL;

          if (o->method != NULL)
            label = o->await_state >= 0 ? g_strdup_printf ("%s · state %d", o->method, o->await_state)
                                        : g_strdup (o->method);
          if (lane >= 0)
            {
              AwaitlabSpan span = {
                .begin = e->time,
                .end = e->time,
                .state = span_state (o->state),
                .line = MAX (0, o->line),
                .task = o->task ? (int)o->task : -1,
                .label = label,
                .event = o->event + 1,
              };

              awaitlab_timeline_add_span (timeline, lane, &span);
            }
        }

      o->time = e->time;
      o->event = i;
      o->state = e->kind == AWL_EVENT_THREAD_CREATED ? AWL_THREAD_STATE_IDLE
               : e->kind == AWL_EVENT_THREAD_EXITED ? AWL_THREAD_STATE_EXITED
               : e->sub;
      o->line = e->line;
      o->task = e->task;
      o->method = NULL;
    }
}

static void
add_io (AwaitlabTimeline *timeline,
        AwlTrace         *trace)
{
  const AwlIoSpan *io;
  guint n_io, lane;

  io = awl_trace_get_io_spans (trace, &n_io);
  lane = awaitlab_timeline_add_lane (timeline, AWAITLAB_LANE_ASYNC, AWAITLAB_THREAD_TIMER, 0,
                                     _("Timers & I/O"));
  for (guint i = 0; i < n_io; i++)
    {
      AwaitlabSpan span = {
        .begin = io[i].start,
        .end = io[i].end == AWL_TIME_NONE ? awl_trace_get_end_time (trace) : io[i].end,
        .state = io[i].kind == AWL_IO_SPAN_TIMER ? AWAITLAB_SPAN_TIMER : AWAITLAB_SPAN_IO,
        .task = io[i].task ? (int)io[i].task : -1,
        .label = io[i].label,
      };

      awaitlab_timeline_add_span (timeline, lane, &span);
    }
}

static void
add_counters (AwaitlabTimeline *timeline,
              AwlTrace         *trace)
{
  static const struct {
    AwlCounterKind kind;
    const char    *name;
  } shown[] = {
    { AWL_COUNTER_POOL_THREADS, N_("Pool threads") },
    { AWL_COUNTER_GLOBAL_QUEUE, N_("Queued work") },
    { AWL_COUNTER_UI_QUEUE, N_("UI messages") },
    { AWL_COUNTER_BUSY_CORES, N_("Busy cores") },
  };

  for (guint c = 0; c < G_N_ELEMENTS (shown); c++)
    {
      const AwlCounterPoint *points;
      guint n_points, counter;
      gboolean any = FALSE;

      points = awl_trace_get_counter (trace, shown[c].kind, &n_points);
      for (guint i = 0; i < n_points && !any; i++)
        any = points[i].value != 0;
      /* A UI queue in a console app is noise: only show what moved. */
      if (!any && shown[c].kind != AWL_COUNTER_POOL_THREADS && shown[c].kind != AWL_COUNTER_BUSY_CORES)
        continue;

      counter = awaitlab_timeline_add_counter (timeline, _(shown[c].name));
      for (guint i = 0; i < n_points; i++)
        awaitlab_timeline_add_counter_point (timeline, counter, points[i].time, points[i].value);
    }
}

/* Continuations with where they were scheduled and where they ran. A posted
 * continuation that never ran (the UI thread blocked on it: the classic
 * deadlock) still gets an arrow, to the UI lane, marked as never run. */
static void
add_flows (AwaitlabTimeline *timeline,
           AwlTrace         *trace,
           guint             io_lane)
{
  int ui_lane = awaitlab_timeline_find_lane_kind (timeline, AWAITLAB_THREAD_UI);
  const AwlFlow *flows;
  guint n_flows;

  flows = awl_trace_get_flows (trace, &n_flows);
  for (guint i = 0; i < n_flows; i++)
    {
      AwaitlabFlow flow = { 0 };
      gboolean ran = flows[i].resumed != AWL_TIME_NONE && flows[i].to_thread != 0;
      int from, to;

      if (ran)
        to = awaitlab_timeline_lane_of_thread (timeline, flows[i].to_thread);
      else
        to = flows[i].how == AWL_CONT_POSTED ? ui_lane : -1;
      if (to < 0)
        continue;
      from = flows[i].from_thread ? awaitlab_timeline_lane_of_thread (timeline, flows[i].from_thread) : -1;
      if (from < 0)
        from = io_lane;

      flow.from_lane = from;
      flow.to_lane = to;
      flow.from_time = flows[i].scheduled;
      flow.to_time = ran ? flows[i].resumed : AWAITLAB_FLOW_NEVER;
      flow.from_event = flows[i].schedule_event + 1;
      flow.to_event = ran && flows[i].resume_event != G_MAXUINT ? flows[i].resume_event + 1 : 0;
      flow.kind = flows[i].how == AWL_CONT_POSTED ? AWAITLAB_FLOW_POSTED
                : flows[i].how == AWL_CONT_INLINE ? AWAITLAB_FLOW_INLINE
                : AWAITLAB_FLOW_QUEUED;
      awaitlab_timeline_add_flow (timeline, &flow);
    }
}

static void
add_events (AwaitlabTimeline *timeline,
            AwlTrace         *trace)
{
  const AwlEvent *events;
  guint n_events;

  events = awl_trace_get_events (trace, &n_events);
  for (guint i = 0; i < n_events; i++)
    {
      const AwlEvent *ev = &events[i];
      int lane_index = ev->thread != 0 ? awaitlab_timeline_lane_of_thread (timeline, ev->thread) : -1;

      awaitlab_timeline_add_event (timeline, ev->time, lane_index, MAX (0, ev->line));

      if (ev->kind == AWL_EVENT_LINT && lane_index >= 0)
        awaitlab_timeline_add_mark (timeline, ev->time, lane_index, AWAITLAB_MARK_LINT, ev->text);
      else if (ev->kind == AWL_EVENT_EXCEPTION && ev->sub == 1 && lane_index >= 0)
        awaitlab_timeline_add_mark (timeline, ev->time, lane_index, AWAITLAB_MARK_EXCEPTION, ev->text);
    }
}

static void
add_output (AwaitlabTimeline *timeline,
            AwlTrace         *trace)
{
  const AwlOutputLine *lines;
  guint n_lines;

  lines = awl_trace_get_output (trace, &n_lines);
  for (guint i = 0; i < n_lines; i++)
    {
      awaitlab_timeline_add_output (timeline, lines[i].time,
                                    awaitlab_timeline_lane_of_thread (timeline, lines[i].thread),
                                    lines[i].text);
    }
}

/* The trace gives the wait-for chain in words; the lanes to draw in red are the
 * threads still blocked when the run stopped. */
static void
add_outcome (AwaitlabTimeline *timeline,
             AwlTrace         *trace)
{
  const AwlOutcome *outcome = awl_trace_get_outcome (trace);
  g_autoptr(GString) text = g_string_new (outcome->summary);
  AwaitlabOutcomeKind kind;

  switch (outcome->kind)
    {
    case AWL_OUTCOME_COMPLETED: kind = AWAITLAB_OUTCOME_COMPLETED; break;
    case AWL_OUTCOME_DEADLOCK: kind = AWAITLAB_OUTCOME_DEADLOCK; break;
    case AWL_OUTCOME_CRASHED: kind = AWAITLAB_OUTCOME_CRASHED; break;
    case AWL_OUTCOME_LIMIT: kind = AWAITLAB_OUTCOME_LIMIT; break;
    default: kind = AWAITLAB_OUTCOME_NONE; break;
    }

  if (kind == AWAITLAB_OUTCOME_DEADLOCK && outcome->n_chain > 0)
    {
      g_string_truncate (text, 0);
      /* One link per sentence, each waiting on the next. */
      for (guint i = 0; i < outcome->n_chain; i++)
        g_string_append_printf (text, "%s%s", i ? " → " : "", outcome->chain[i]);
    }
  /* The views put the kind in front ("Stopped at a limit."): do not say it twice. */
  if (kind == AWAITLAB_OUTCOME_LIMIT && g_str_has_prefix (text->str, "limit: "))
    g_string_erase (text, 0, strlen ("limit: "));
  awaitlab_timeline_set_outcome (timeline, kind, text->str);

  if (kind == AWAITLAB_OUTCOME_DEADLOCK)
    {
      const AwlThreadInfo *threads;
      guint n_threads;
      AwlTime end = awl_trace_get_end_time (trace);

      threads = awl_trace_get_threads (trace, &n_threads);
      for (guint t = 0; t < n_threads; t++)
        {
          const AwlSpan *spans;
          guint n_spans;

          spans = awl_trace_get_spans (trace, threads[t].id, &n_spans);
          if (n_spans > 0 && spans[n_spans - 1].state == AWL_THREAD_STATE_BLOCKED &&
              spans[n_spans - 1].start <= end)
            {
              int lane = awaitlab_timeline_lane_of_thread (timeline, threads[t].id);

              if (lane >= 0)
                awaitlab_timeline_add_cycle_lane (timeline, lane);
            }
        }
    }
}

AwaitlabTimeline *
awaitlab_timeline_new_from_trace (AwlTrace                 *trace,
                                  const AwaitlabNoteSource *notes,
                                  guint                     n_notes)
{
  AwaitlabTimeline *timeline;
  guint io_lane;

  g_return_val_if_fail (trace != NULL, NULL);

  timeline = awaitlab_timeline_new ();
  add_threads (timeline, trace);
  add_instant_spans (timeline, trace);
  io_lane = awaitlab_timeline_get_n_lanes (timeline);
  add_io (timeline, trace);
  add_counters (timeline, trace);
  add_flows (timeline, trace, io_lane);
  add_events (timeline, trace);
  add_output (timeline, trace);
  add_outcome (timeline, trace);

  for (guint i = 0; i < n_notes; i++)
    awaitlab_timeline_add_note (timeline, notes[i].line, notes[i].text);

  awaitlab_timeline_set_describe_func (timeline, describe, awl_trace_ref (trace),
                                       (GDestroyNotify)awl_trace_unref);
  awaitlab_timeline_finish (timeline, awl_trace_get_end_time (trace));

  return timeline;
}
