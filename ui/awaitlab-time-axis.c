/* awaitlab-time-axis.c
 *
 * The axis is a list of knots: one per instant at which events happen (plus
 * the start and the end), each followed by a gap. In steps mode an instant is
 * as wide as a few "steps" (more events, a little more room) and a gap that
 * nothing runs, waits for a core or blocks in is compressed logarithmically
 * beyond a threshold. Lookups are binary searches over the knots; everything
 * the renderer reads per span (positions, summaries) is computed once here.
 */

#include <math.h>
#include <string.h>

#include "awaitlab-time-axis-private.h"

struct _AwaitlabTimeAxis
{
  GObject           parent_instance;

  AwaitlabTimeline *timeline;
  AwaitlabAxisMode  mode;

  GArray           *knots;        /* AwaitlabAxisKnot */
  GPtrArray        *lane_spans;   /* GArray of AwaitlabAxisSpan per lane */
  GArray           *lane_max;     /* gint64 per lane */
  GArray           *flows;        /* AwaitlabAxisSpan per flow */
  GArray           *never_run;    /* guint: the flows whose continuation never ran */
  GArray           *event_pos;    /* gint64 per event: where its slot begins */
  GPtrArray        *counter_pos;  /* GArray of gint64 per counter point */
  GHashTable       *summaries;    /* (lane << 8 | row + 1) → AwaitlabSummary, NULL values cached */
  gint64            length;
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_TIMELINE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AwaitlabTimeAxis, awaitlab_time_axis, G_TYPE_OBJECT)

GType
awaitlab_axis_mode_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { AWAITLAB_AXIS_STEPS, "AWAITLAB_AXIS_STEPS", "steps" },
        { AWAITLAB_AXIS_REAL, "AWAITLAB_AXIS_REAL", "real" },
        { 0, NULL, NULL }
      };
      g_once_init_leave (&type, g_enum_register_static ("AwaitlabAxisMode", values));
    }
  return type;
}

const char *
awaitlab_axis_mode_to_string (AwaitlabAxisMode mode)
{
  return mode == AWAITLAB_AXIS_REAL ? "real" : "steps";
}

gboolean
awaitlab_axis_mode_from_string (const char       *str,
                                AwaitlabAxisMode *mode)
{
  if (g_strcmp0 (str, "steps") == 0)
    *mode = AWAITLAB_AXIS_STEPS;
  else if (g_strcmp0 (str, "real") == 0)
    *mode = AWAITLAB_AXIS_REAL;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------- */

static guint
knot_at_time (AwaitlabTimeAxis *self,
              gint64            time)
{
  const AwaitlabAxisKnot *k = (const AwaitlabAxisKnot *)(gpointer)self->knots->data;
  guint lo = 0, hi = self->knots->len;

  /* The last knot whose time is <= @time (0 if none). */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (k[mid].time <= time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? lo - 1 : 0;
}

/* knot_at_time() for lookups that mostly move forward (a lane's spans, a
 * counter's points): gallop from the last answer in @hint, so a pass over a
 * sorted array touches the knots in order instead of binary-searching the
 * whole axis, a cache miss per level, for each of a million spans. */
static guint
knot_at_time_from (AwaitlabTimeAxis *self,
                   gint64            time,
                   guint            *hint)
{
  const AwaitlabAxisKnot *k = (const AwaitlabAxisKnot *)(gpointer)self->knots->data;
  guint n = self->knots->len, lo = *hint, step = 1, hi;

  if (lo >= n || k[lo].time > time)
    return *hint = knot_at_time (self, time);

  /* The answer is the last knot at or before @time, at or after @lo. */
  while (lo + step < n && k[lo + step].time <= time)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (lo + step, n);
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (k[mid].time <= time)
        lo = mid;
      else
        hi = mid;
    }
  return *hint = lo;
}

static gint64
gap_pos (const AwaitlabAxisKnot *k,
         gboolean                last,
         gint64                  time)
{
  gint64 base = k->pos + k->width;
  gint64 dt = time - k->time;

  if (last || k->gap_time <= 0 || k->gap_width == k->gap_time)
    return base + dt;
  return base + (gint64)((double)dt * (double)k->gap_width / (double)k->gap_time);
}

static gint64
map_time_from (AwaitlabTimeAxis *self,
               gint64            time,
               gboolean          after,
               guint            *hint)
{
  const AwaitlabAxisKnot *k;
  guint i;

  if (self->knots->len == 0)
    return time;
  i = knot_at_time_from (self, time, hint);
  k = &g_array_index (self->knots, AwaitlabAxisKnot, i);
  if (time < k->time)
    return k->pos - (k->time - time);
  if (time == k->time)
    return after ? k->pos + k->width : k->pos;
  return gap_pos (k, i + 1 == self->knots->len, time);
}

static gint64
map_time (AwaitlabTimeAxis *self,
          gint64            time,
          gboolean          after)
{
  guint hint = G_MAXUINT;

  return map_time_from (self, time, after, &hint);
}

gint64
awaitlab_time_axis_time_to_pos (AwaitlabTimeAxis *self,
                                gint64            time)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), time);
  return map_time (self, time, FALSE);
}

/* After everything that happens at @time: the playhead at an instant. */
gint64
awaitlab_time_axis_time_to_pos_after (AwaitlabTimeAxis *self,
                                      gint64            time)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), time);
  return map_time (self, time, TRUE);
}

static gint64
map_event_from (AwaitlabTimeAxis *self,
                guint             index,
                gboolean          after,
                guint            *hint)
{
  const AwaitlabEvent *events;
  const AwaitlabAxisKnot *k;
  guint n;

  if (self->timeline == NULL)
    return 0;
  events = awaitlab_timeline_get_events (self->timeline, &n);
  if (index >= n || index >= self->event_pos->len)
    return map_time_from (self, awaitlab_timeline_get_end_time (self->timeline), after, hint);
  if (!after)
    return g_array_index (self->event_pos, gint64, index);
  if (index + 1 < n && events[index + 1].time == events[index].time)
    return g_array_index (self->event_pos, gint64, index + 1);
  k = &g_array_index (self->knots, AwaitlabAxisKnot, knot_at_time_from (self, events[index].time, hint));
  return k->pos + k->width;
}

static gint64
map_event (AwaitlabTimeAxis *self,
           guint             index,
           gboolean          after)
{
  guint hint = G_MAXUINT;

  return map_event_from (self, index, after, &hint);
}

/* Where event @event_index's slot inside its instant begins. */
gint64
awaitlab_time_axis_event_to_pos (AwaitlabTimeAxis *self,
                                 guint             event_index)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), 0);
  return map_event (self, event_index, FALSE);
}

gint64
awaitlab_time_axis_event_to_pos_after (AwaitlabTimeAxis *self,
                                       guint             event_index)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), 0);
  return map_event (self, event_index, TRUE);
}

/* The playback position over events (3.5 = halfway from event 3 to 4, as
 * awaitlab_timeline_renderer_set_playhead_position() takes it) at which the
 * playhead stands at @pos: the inverse of walking from one event's slot end
 * to the next. -1 before the first event. */
double
awaitlab_time_axis_pos_to_event (AwaitlabTimeAxis *self,
                                 gint64            pos)
{
  guint n = 0, lo = 0, hi;
  gint64 a, b;

  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), -1);

  if (self->timeline != NULL)
    awaitlab_timeline_get_events (self->timeline, &n);
  if (n == 0 || pos < map_event (self, 0, TRUE))
    return -1;

  /* The last event whose slot ends at or before @pos. */
  hi = n;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (map_event (self, mid, TRUE) <= pos)
        lo = mid;
      else
        hi = mid;
    }
  if (lo + 1 >= n)
    return n - 1;
  a = map_event (self, lo, TRUE);
  b = map_event (self, lo + 1, TRUE);
  return b > a ? lo + (double)(pos - a) / (double)(b - a) : lo;
}

/* The last knot beginning at or before @pos (0 if none). */
guint
awaitlab_time_axis_find_knot (AwaitlabTimeAxis *self,
                              gint64            pos)
{
  const AwaitlabAxisKnot *k;
  guint lo = 0, hi;

  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), 0);

  k = (const AwaitlabAxisKnot *)(gpointer)self->knots->data;
  hi = self->knots->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (k[mid].pos <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? lo - 1 : 0;
}

/* Inside an instant every position is that instant's time. */
gint64
awaitlab_time_axis_pos_to_time (AwaitlabTimeAxis *self,
                                gint64            pos)
{
  const AwaitlabAxisKnot *k;
  guint i;

  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), pos);

  if (self->knots->len == 0)
    return pos;
  i = awaitlab_time_axis_find_knot (self, pos);
  k = &g_array_index (self->knots, AwaitlabAxisKnot, i);
  if (pos < k->pos)
    return k->time - (k->pos - pos);
  if (pos < k->pos + k->width)
    return k->time;
  pos -= k->pos + k->width;
  if (i + 1 == self->knots->len || k->gap_width <= 0 || k->gap_width == k->gap_time)
    return k->time + pos;
  return k->time + (gint64)((double)pos * (double)k->gap_time / (double)k->gap_width);
}

/* ------------------------------------------------------------------------- */
/* Building                                                                   */

static void
add_knot (GArray *knots,
          gint64  time,
          guint   first_event,
          guint   n_events)
{
  AwaitlabAxisKnot k = { 0 };

  k.time = time;
  k.first_event = first_event;
  k.n_events = n_events;
  g_array_append_val (knots, k);
}

static void
collect_knots (AwaitlabTimeAxis *self)
{
  const AwaitlabEvent *events;
  guint n;
  gint64 end = awaitlab_timeline_get_end_time (self->timeline);

  events = awaitlab_timeline_get_events (self->timeline, &n);
  if (n == 0 || events[0].time > 0)
    add_knot (self->knots, 0, 0, 0);
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;

      while (j < n && events[j].time == events[i].time)
        j++;
      add_knot (self->knots, events[i].time, i, j - i);
      i = j;
    }
  if (g_array_index (self->knots, AwaitlabAxisKnot, self->knots->len - 1).time < end)
    add_knot (self->knots, end, n, 0);
}

/* The first knot after @time (the count of knots at or before it). */
static guint
upper_knot_from (AwaitlabTimeAxis *self,
                 gint64            time,
                 guint            *hint)
{
  guint i = knot_at_time_from (self, time, hint);

  return g_array_index (self->knots, AwaitlabAxisKnot, i).time <= time ? i + 1 : 0;
}

/* Which gaps have a thread running, ready or blocked: those keep real time.
 * A difference array over the gaps, one pass over the spans. */
static void
find_busy_gaps (AwaitlabTimeAxis *self,
                gboolean         *busy)
{
  guint n_knots = self->knots->len;
  g_autofree int *diff = g_new0 (int, n_knots + 1);
  int depth = 0;

  for (guint lane = 0; lane < awaitlab_timeline_get_n_lanes (self->timeline); lane++)
    {
      const AwaitlabSpan *spans;
      guint n, begin_hint = 0, end_hint = 0;

      if (awaitlab_timeline_get_lane_kind (self->timeline, lane) != AWAITLAB_LANE_THREAD)
        continue;
      spans = awaitlab_timeline_get_spans (self->timeline, lane, &n);
      for (guint i = 0; i < n; i++)
        {
          guint lo, hi;

          if (spans[i].end <= spans[i].begin ||
              spans[i].state == AWAITLAB_SPAN_IDLE || spans[i].state == AWAITLAB_SPAN_EXITED)
            continue;
          /* Gaps g with k[g].time < end and k[g + 1].time > begin. */
          lo = upper_knot_from (self, spans[i].begin, &begin_hint);
          lo = lo > 0 ? lo - 1 : 0;
          hi = upper_knot_from (self, spans[i].end - 1, &end_hint);
          diff[lo]++;
          diff[MAX (hi, lo + 1)]--;
        }
    }

  for (guint g = 0; g < n_knots; g++)
    {
      depth += diff[g];
      busy[g] = depth > 0;
    }
}

static void
layout_knots (AwaitlabTimeAxis *self)
{
  AwaitlabAxisKnot *k = (AwaitlabAxisKnot *)(gpointer)self->knots->data;
  guint n = self->knots->len;
  g_autofree gboolean *busy = g_new0 (gboolean, n);
  gint64 total = k[n - 1].time - k[0].time, threshold, pos, busy_time = 0;
  double gaps = 0, weights = 0, step;

  for (guint i = 0; i + 1 < n; i++)
    k[i].gap_time = k[i + 1].time - k[i].time;

  if (self->mode == AWAITLAB_AXIS_REAL)
    {
      for (guint i = 0; i < n; i++)
        {
          k[i].pos = k[i].time;
          k[i].gap_width = k[i].gap_time;
        }
      return;
    }

  /* An idle gap longer than half the time threads are busy (or a fiftieth
   * of the run) shrinks to the log of its length: a 10 s sleep around 15 ms
   * of work stays visible without flattening the work. */
  find_busy_gaps (self, busy);
  for (guint i = 0; i + 1 < n; i++)
    busy_time += busy[i] ? k[i].gap_time : 0;
  threshold = MAX (MAX (busy_time / 2, total / 50), 1000);
  for (guint i = 0; i + 1 < n; i++)
    {
      gint64 d = k[i].gap_time;

      if (!busy[i] && d > threshold)
        {
          k[i].gap_width = (gint64)(threshold * (1.0 + log ((double)d / threshold)));
          k[i].compressed = k[i].gap_width < d;
        }
      else
        k[i].gap_width = d;
      gaps += k[i].gap_width;
      if (k[i].n_events > 0)
        weights += MIN (8.0, sqrt (k[i].n_events));
    }
  if (k[n - 1].n_events > 0)
    weights += MIN (8.0, sqrt (k[n - 1].n_events));

  /* A step is a fortieth of the (compressed) run, so a handful of instants
   * each get a projector-visible share; with thousands of them, together they
   * take at most four fifths of the axis and zooming in separates them. */
  step = gaps / 40;
  if (weights * step > 4 * gaps)
    step = 4 * gaps / weights;
  if (gaps <= 0)
    step = 1000000;
  step = MAX (step, 1000);

  pos = k[0].time;
  for (guint i = 0; i < n; i++)
    {
      k[i].pos = pos;
      k[i].width = k[i].n_events > 0 ? (gint64)(step * MIN (8.0, sqrt (k[i].n_events))) : 0;
      pos += k[i].width + k[i].gap_width;
    }
}

/* Inside an instant, each hand-off between threads is one step: the width is
 * shared equally by the runs of consecutive events on one thread, and a run
 * shares its part equally among its events. So the three threads touching a
 * continuation (I/O completion, the pool thread posting, the UI thread
 * running it) get a third each, however many events each one logs. */
static void
position_events (AwaitlabTimeAxis *self)
{
  const AwaitlabEvent *events;
  const AwaitlabAxisKnot *k = (const AwaitlabAxisKnot *)(gpointer)self->knots->data;
  guint n;

  events = awaitlab_timeline_get_events (self->timeline, &n);
  g_array_set_size (self->event_pos, n);

  for (guint i = 0; i < self->knots->len; i++)
    {
      guint first = k[i].first_event, last = first + k[i].n_events, n_runs = 0, run = 0;
      double run_w;

      if (k[i].n_events == 0)
        continue;
      for (guint e = first; e < last; e++)
        n_runs += e == first || events[e].lane != events[e - 1].lane;
      run_w = (double)k[i].width / n_runs;

      for (guint e = first; e < last;)
        {
          guint f = e + 1;

          while (f < last && events[f].lane == events[e].lane)
            f++;
          for (guint j = e; j < f; j++)
            g_array_index (self->event_pos, gint64, j) =
              k[i].pos + (gint64)(run_w * run + run_w * (j - e) / (f - e));
          run++;
          e = f;
        }
    }
}

static void
position_lane (AwaitlabTimeAxis *self,
               guint             lane)
{
  const AwaitlabSpan *spans;
  const AwaitlabEvent *events;
  guint n, n_events;
  GArray *out;
  AwaitlabAxisSpan *pos;
  gint64 end_time = awaitlab_timeline_get_end_time (self->timeline), max = 0;
  gboolean thread = awaitlab_timeline_get_lane_kind (self->timeline, lane) == AWAITLAB_LANE_THREAD;
  guint begin_hint = 0, end_hint = 0;

  spans = awaitlab_timeline_get_spans (self->timeline, lane, &n);
  events = awaitlab_timeline_get_events (self->timeline, &n_events);
  out = g_array_sized_new (FALSE, FALSE, sizeof (AwaitlabAxisSpan), n);
  g_array_set_size (out, n);
  pos = (AwaitlabAxisSpan *)(gpointer)out->data;

  /* Spans are sorted by their start: one cursor walks the knots for the
   * starts, another for the ends (in order on a thread, nearly so elsewhere). */
  for (guint i = 0; i < n; i++)
    {
      const AwaitlabSpan *s = &spans[i];

      if (s->event > 0 && s->event <= n_events && events[s->event - 1].time == s->begin)
        pos[i].begin = map_event_from (self, s->event - 1, FALSE, &begin_hint);
      else
        pos[i].begin = map_time_from (self, s->begin, FALSE, &begin_hint);
    }

  for (guint i = 0; i < n; i++)
    {
      const AwaitlabSpan *s = &spans[i];

      /* A thread's spans follow each other: end where the next one begins,
       * inside the same instant if that is where the state changed. */
      if (thread && i + 1 < n && spans[i + 1].begin == s->end)
        pos[i].end = pos[i + 1].begin;
      else if (s->end == s->begin && s->event > 0 && s->event <= n_events &&
               events[s->event - 1].time == s->begin)
        pos[i].end = map_event_from (self, s->event - 1, TRUE, &end_hint);
      else
        pos[i].end = map_time_from (self, s->end, s->end == s->begin || s->end == end_time, &end_hint);
      pos[i].end = MAX (pos[i].end, pos[i].begin);
      max = MAX (max, pos[i].end - pos[i].begin);
    }

  g_ptr_array_add (self->lane_spans, out);
  g_array_append_val (self->lane_max, max);
}

static void
position_flows (AwaitlabTimeAxis *self)
{
  const AwaitlabFlow *flows;
  guint n, from_hint = 0, to_hint = 0;

  flows = awaitlab_timeline_get_flows (self->timeline, &n);
  g_array_set_size (self->flows, n);
  for (guint i = 0; i < n; i++)
    {
      AwaitlabAxisSpan *p = &g_array_index (self->flows, AwaitlabAxisSpan, i);

      p->begin = flows[i].from_event ? map_event_from (self, flows[i].from_event - 1, TRUE, &from_hint)
                                     : map_time_from (self, flows[i].from_time, FALSE, &from_hint);
      if (flows[i].to_time == AWAITLAB_FLOW_NEVER)
        {
          p->end = G_MAXINT64;
          g_array_append_val (self->never_run, i);
        }
      else
        p->end = flows[i].to_event ? map_event_from (self, flows[i].to_event - 1, FALSE, &to_hint)
                                   : map_time_from (self, flows[i].to_time, FALSE, &to_hint);
    }
}

/* Counter changes at an instant show from its start. */
static void
position_counters (AwaitlabTimeAxis *self)
{
  for (guint c = 0; c < awaitlab_timeline_get_n_counters (self->timeline); c++)
    {
      const AwaitlabCounterPoint *pts;
      guint n;
      double max;
      GArray *out;
      guint hint = 0;

      pts = awaitlab_timeline_get_counter (self->timeline, c, &n, &max);
      out = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
      g_array_set_size (out, n);
      for (guint i = 0; i < n; i++)
        g_array_index (out, gint64, i) = map_time_from (self, pts[i].time, FALSE, &hint);
      g_ptr_array_add (self->counter_pos, out);
    }
}

static void
rebuild (AwaitlabTimeAxis *self)
{
  g_array_set_size (self->knots, 0);
  g_ptr_array_set_size (self->lane_spans, 0);
  g_array_set_size (self->lane_max, 0);
  g_array_set_size (self->flows, 0);
  g_array_set_size (self->never_run, 0);
  g_array_set_size (self->event_pos, 0);
  g_ptr_array_set_size (self->counter_pos, 0);
  g_hash_table_remove_all (self->summaries);
  self->length = 0;

  if (self->timeline != NULL)
    {
      const AwaitlabAxisKnot *last;

      collect_knots (self);
      layout_knots (self);
      position_events (self);
      for (guint lane = 0; lane < awaitlab_timeline_get_n_lanes (self->timeline); lane++)
        position_lane (self, lane);
      position_flows (self);
      position_counters (self);
      last = &g_array_index (self->knots, AwaitlabAxisKnot, self->knots->len - 1);
      self->length = last->pos + last->width;
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

/* ------------------------------------------------------------------------- */

static void
awaitlab_time_axis_finalize (GObject *object)
{
  AwaitlabTimeAxis *self = (AwaitlabTimeAxis *)object;

  g_clear_object (&self->timeline);
  g_array_unref (self->knots);
  g_ptr_array_unref (self->lane_spans);
  g_array_unref (self->lane_max);
  g_array_unref (self->flows);
  g_array_unref (self->never_run);
  g_array_unref (self->event_pos);
  g_ptr_array_unref (self->counter_pos);
  g_hash_table_unref (self->summaries);

  G_OBJECT_CLASS (awaitlab_time_axis_parent_class)->finalize (object);
}

static void
awaitlab_time_axis_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AwaitlabTimeAxis *self = AWAITLAB_TIME_AXIS (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_time_axis_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AwaitlabTimeAxis *self = AWAITLAB_TIME_AXIS (object);

  switch (prop_id)
    {
    case PROP_MODE:
      awaitlab_time_axis_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_TIMELINE:
      awaitlab_time_axis_set_timeline (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_time_axis_class_init (AwaitlabTimeAxisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = awaitlab_time_axis_finalize;
  object_class->get_property = awaitlab_time_axis_get_property;
  object_class->set_property = awaitlab_time_axis_set_property;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, AWAITLAB_TYPE_AXIS_MODE, AWAITLAB_AXIS_STEPS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, AWAITLAB_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after the mapping was rebuilt (new timeline or mode). */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
awaitlab_time_axis_init (AwaitlabTimeAxis *self)
{
  self->knots = g_array_new (FALSE, FALSE, sizeof (AwaitlabAxisKnot));
  self->lane_spans = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  self->lane_max = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->flows = g_array_new (FALSE, FALSE, sizeof (AwaitlabAxisSpan));
  self->never_run = g_array_new (FALSE, FALSE, sizeof (guint));
  self->event_pos = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->counter_pos = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  self->summaries = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)awaitlab_summary_free);
}

AwaitlabTimeAxis *
awaitlab_time_axis_new (AwaitlabAxisMode mode)
{
  return g_object_new (AWAITLAB_TYPE_TIME_AXIS, "mode", mode, NULL);
}

AwaitlabAxisMode
awaitlab_time_axis_get_mode (AwaitlabTimeAxis *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), AWAITLAB_AXIS_STEPS);
  return self->mode;
}

void
awaitlab_time_axis_set_mode (AwaitlabTimeAxis *self,
                             AwaitlabAxisMode  mode)
{
  g_return_if_fail (AWAITLAB_IS_TIME_AXIS (self));

  if (mode == self->mode)
    return;
  self->mode = mode;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

AwaitlabTimeline *
awaitlab_time_axis_get_timeline (AwaitlabTimeAxis *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), NULL);
  return self->timeline;
}

void
awaitlab_time_axis_set_timeline (AwaitlabTimeAxis *self,
                                 AwaitlabTimeline *timeline)
{
  g_return_if_fail (AWAITLAB_IS_TIME_AXIS (self));
  g_return_if_fail (timeline == NULL || AWAITLAB_IS_TIMELINE (timeline));

  if (!g_set_object (&self->timeline, timeline))
    return;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

/* Where the last instant ends; the end of the run in real mode. */
gint64
awaitlab_time_axis_get_length (AwaitlabTimeAxis *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), 0);
  return self->length;
}

const AwaitlabAxisSpan *
awaitlab_time_axis_get_spans (AwaitlabTimeAxis *self,
                              guint             lane,
                              guint            *n_spans)
{
  GArray *a;

  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), NULL);
  g_return_val_if_fail (lane < self->lane_spans->len, NULL);

  a = g_ptr_array_index (self->lane_spans, lane);
  if (n_spans)
    *n_spans = a->len;
  return (const AwaitlabAxisSpan *)(gpointer)a->data;
}

gint64
awaitlab_time_axis_get_lane_max_span (AwaitlabTimeAxis *self,
                                      guint             lane)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), 0);
  g_return_val_if_fail (lane < self->lane_max->len, 0);
  return g_array_index (self->lane_max, gint64, lane);
}

const AwaitlabAxisSpan *
awaitlab_time_axis_get_flows (AwaitlabTimeAxis *self,
                              guint            *n_flows)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), NULL);
  *n_flows = self->flows->len;
  return (const AwaitlabAxisSpan *)(gpointer)self->flows->data;
}

/* Indices of the flows that never arrived (a deadlock's posted continuation),
 * in order: a handful, however many flows the trace has. */
const guint *
awaitlab_time_axis_get_never_run (AwaitlabTimeAxis *self,
                                  guint            *n_flows)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), NULL);
  *n_flows = self->never_run->len;
  return (const guint *)(gpointer)self->never_run->data;
}

const AwaitlabAxisKnot *
awaitlab_time_axis_get_knots (AwaitlabTimeAxis *self,
                              guint            *n_knots)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), NULL);
  *n_knots = self->knots->len;
  return (const AwaitlabAxisKnot *)(gpointer)self->knots->data;
}

const AwaitlabSummary *
awaitlab_time_axis_get_summary (AwaitlabTimeAxis *self,
                                guint             lane,
                                int               row)
{
  gpointer key = GUINT_TO_POINTER ((lane << 8) | (guint)(row + 1));
  gpointer summary;

  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), NULL);

  if (self->timeline == NULL || lane >= self->lane_spans->len)
    return NULL;
  if (!g_hash_table_lookup_extended (self->summaries, key, NULL, &summary))
    {
      const AwaitlabSpan *spans;
      guint n;

      spans = awaitlab_timeline_get_spans (self->timeline, lane, &n);
      summary = awaitlab_summary_new (spans, awaitlab_time_axis_get_spans (self, lane, NULL), n,
                                      row, self->length + self->length / 10);
      g_hash_table_insert (self->summaries, key, summary);
    }
  return summary;
}

const gint64 *
awaitlab_time_axis_get_counter_positions (AwaitlabTimeAxis *self,
                                          guint             counter,
                                          guint            *n_points)
{
  GArray *a;

  g_return_val_if_fail (AWAITLAB_IS_TIME_AXIS (self), NULL);
  g_return_val_if_fail (counter < self->counter_pos->len, NULL);

  a = g_ptr_array_index (self->counter_pos, counter);
  *n_points = a->len;
  return (const gint64 *)(gpointer)a->data;
}
