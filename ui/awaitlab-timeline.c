/* awaitlab-timeline.c
 *
 * Plain arrays built once; every query the renderer makes per frame is a binary
 * search, so drawing cost follows the number of pixels, not of spans.
 */

#include "awaitlab-timeline.h"

typedef struct
{
  char              *name;
  AwaitlabLaneKind   kind;
  AwaitlabThreadKind thread_kind;
  int                thread_id;
  guint              n_rows;
  gint64             appear;
  gint64             max_span;
  GArray            *spans;
} Lane;

typedef struct
{
  char   *name;
  GArray *points;
  double  max;
} Counter;

struct _AwaitlabTimeline
{
  GObject              parent_instance;

  GStringChunk        *strings;
  GHashTable          *interned;
  GPtrArray           *lanes;
  GHashTable          *lane_of_thread;  /* thread id → 1 + lane */
  GPtrArray           *counters;
  GArray              *flows;
  GArray              *marks;
  GArray              *events;
  GArray              *output;
  GArray              *notes;
  GArray              *cycle;
  char                *outcome_text;
  AwaitlabOutcomeKind  outcome;
  gint64               end_time;
  guint                n_spans;

  AwaitlabDescribeFunc describe;
  gpointer             describe_data;
  GDestroyNotify       describe_destroy;
};

G_DEFINE_FINAL_TYPE (AwaitlabTimeline, awaitlab_timeline, G_TYPE_OBJECT)

static void
lane_free (gpointer data)
{
  Lane *lane = data;

  g_free (lane->name);
  g_array_unref (lane->spans);
  g_free (lane);
}

static void
counter_free (gpointer data)
{
  Counter *counter = data;

  g_free (counter->name);
  g_array_unref (counter->points);
  g_free (counter);
}

static void
awaitlab_timeline_finalize (GObject *object)
{
  AwaitlabTimeline *self = (AwaitlabTimeline *)object;

  if (self->describe_destroy != NULL)
    self->describe_destroy (self->describe_data);
  g_string_chunk_free (self->strings);
  g_hash_table_unref (self->interned);
  g_ptr_array_unref (self->lanes);
  g_hash_table_unref (self->lane_of_thread);
  g_ptr_array_unref (self->counters);
  g_array_unref (self->flows);
  g_array_unref (self->marks);
  g_array_unref (self->events);
  g_array_unref (self->output);
  g_array_unref (self->notes);
  g_array_unref (self->cycle);
  g_free (self->outcome_text);

  G_OBJECT_CLASS (awaitlab_timeline_parent_class)->finalize (object);
}

static void
awaitlab_timeline_class_init (AwaitlabTimelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = awaitlab_timeline_finalize;
}

static void
awaitlab_timeline_init (AwaitlabTimeline *self)
{
  self->strings = g_string_chunk_new (4096);
  self->interned = g_hash_table_new (g_str_hash, g_str_equal);
  self->lanes = g_ptr_array_new_with_free_func (lane_free);
  self->lane_of_thread = g_hash_table_new (NULL, NULL);
  self->counters = g_ptr_array_new_with_free_func (counter_free);
  self->flows = g_array_new (FALSE, FALSE, sizeof (AwaitlabFlow));
  self->marks = g_array_new (FALSE, FALSE, sizeof (AwaitlabMark));
  self->events = g_array_new (FALSE, FALSE, sizeof (AwaitlabEvent));
  self->output = g_array_new (FALSE, FALSE, sizeof (AwaitlabOutputLine));
  self->notes = g_array_new (FALSE, FALSE, sizeof (AwaitlabNote));
  self->cycle = g_array_new (FALSE, FALSE, sizeof (guint));
}

AwaitlabTimeline *
awaitlab_timeline_new (void)
{
  return g_object_new (AWAITLAB_TYPE_TIMELINE, NULL);
}

const char *
awaitlab_timeline_intern (AwaitlabTimeline *self,
                          const char       *str)
{
  const char *ret;

  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);

  if (str == NULL)
    return NULL;

  if ((ret = g_hash_table_lookup (self->interned, str)) == NULL)
    {
      ret = g_string_chunk_insert (self->strings, str);
      g_hash_table_add (self->interned, (gpointer)ret);
    }

  return ret;
}

static inline Lane *
get_lane (AwaitlabTimeline *self,
          guint             lane)
{
  g_assert (lane < self->lanes->len);
  return g_ptr_array_index (self->lanes, lane);
}

guint
awaitlab_timeline_add_lane (AwaitlabTimeline   *self,
                            AwaitlabLaneKind    kind,
                            AwaitlabThreadKind  thread_kind,
                            int                 thread_id,
                            const char         *name)
{
  Lane *lane;

  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);

  lane = g_new0 (Lane, 1);
  lane->name = g_strdup (name);
  lane->kind = kind;
  lane->thread_kind = thread_kind;
  lane->thread_id = thread_id;
  lane->n_rows = 1;
  lane->appear = G_MAXINT64;
  lane->spans = g_array_new (FALSE, FALSE, sizeof (AwaitlabSpan));
  g_ptr_array_add (self->lanes, lane);
  if (kind == AWAITLAB_LANE_THREAD && thread_id > 0)
    g_hash_table_insert (self->lane_of_thread, GINT_TO_POINTER (thread_id),
                         GUINT_TO_POINTER (self->lanes->len));

  return self->lanes->len - 1;
}

void
awaitlab_timeline_add_span (AwaitlabTimeline   *self,
                            guint               lane,
                            const AwaitlabSpan *span)
{
  AwaitlabSpan copy;

  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));
  g_return_if_fail (lane < self->lanes->len);
  g_return_if_fail (span != NULL);

  copy = *span;
  copy.label = awaitlab_timeline_intern (self, span->label);
  copy.detail = awaitlab_timeline_intern (self, span->detail);
  if (copy.end < copy.begin)
    copy.end = copy.begin;
  g_array_append_val (get_lane (self, lane)->spans, copy);
  self->n_spans++;
}

guint
awaitlab_timeline_add_counter (AwaitlabTimeline *self,
                               const char       *name)
{
  Counter *counter;

  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);

  counter = g_new0 (Counter, 1);
  counter->name = g_strdup (name);
  counter->points = g_array_new (FALSE, FALSE, sizeof (AwaitlabCounterPoint));
  g_ptr_array_add (self->counters, counter);

  return self->counters->len - 1;
}

void
awaitlab_timeline_add_counter_point (AwaitlabTimeline *self,
                                     guint             counter,
                                     gint64            time,
                                     double            value)
{
  AwaitlabCounterPoint point = { time, value };
  Counter *c;

  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));
  g_return_if_fail (counter < self->counters->len);

  c = g_ptr_array_index (self->counters, counter);
  g_array_append_val (c->points, point);
  c->max = MAX (c->max, value);
}

void
awaitlab_timeline_add_flow (AwaitlabTimeline   *self,
                            const AwaitlabFlow *flow)
{
  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));
  g_return_if_fail (flow != NULL);

  g_array_append_val (self->flows, *flow);
}

void
awaitlab_timeline_add_mark (AwaitlabTimeline *self,
                            gint64            time,
                            guint             lane,
                            AwaitlabMarkKind  kind,
                            const char       *text)
{
  AwaitlabMark mark = { time, lane, kind, NULL };

  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));

  mark.text = awaitlab_timeline_intern (self, text);
  g_array_append_val (self->marks, mark);
}

void
awaitlab_timeline_add_event (AwaitlabTimeline *self,
                             gint64            time,
                             int               lane,
                             guint             line)
{
  AwaitlabEvent event = { time, lane, line };

  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));

  g_array_append_val (self->events, event);
}

void
awaitlab_timeline_add_output (AwaitlabTimeline *self,
                              gint64            time,
                              int               lane,
                              const char       *text)
{
  AwaitlabOutputLine line = { time, lane, NULL };

  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));

  line.text = awaitlab_timeline_intern (self, text);
  g_array_append_val (self->output, line);
}

void
awaitlab_timeline_add_note (AwaitlabTimeline *self,
                            guint             line,
                            const char       *text)
{
  AwaitlabNote note = { line, G_MAXINT64, NULL };

  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));

  note.text = awaitlab_timeline_intern (self, text);
  g_array_append_val (self->notes, note);
}

void
awaitlab_timeline_set_outcome (AwaitlabTimeline    *self,
                               AwaitlabOutcomeKind  kind,
                               const char          *text)
{
  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));

  self->outcome = kind;
  g_free (self->outcome_text);
  self->outcome_text = g_strdup (text);
}

void
awaitlab_timeline_add_cycle_lane (AwaitlabTimeline *self,
                                  guint             lane)
{
  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));

  g_array_append_val (self->cycle, lane);
}

void
awaitlab_timeline_set_describe_func (AwaitlabTimeline     *self,
                                     AwaitlabDescribeFunc  func,
                                     gpointer              user_data,
                                     GDestroyNotify        destroy)
{
  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));

  if (self->describe_destroy != NULL)
    self->describe_destroy (self->describe_data);
  self->describe = func;
  self->describe_data = user_data;
  self->describe_destroy = destroy;
}

static int
compare_span (gconstpointer a,
              gconstpointer b)
{
  const AwaitlabSpan *sa = a, *sb = b;

  if (sa->begin != sb->begin)
    return sa->begin < sb->begin ? -1 : 1;
  /* Same instant: in the order the events happened, a zero-length span
   * before the one that follows it. */
  if (sa->event != sb->event)
    return sa->event < sb->event ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end < sb->end ? -1 : 1;
  return 0;
}

static int
compare_flow (gconstpointer a,
              gconstpointer b)
{
  const AwaitlabFlow *fa = a, *fb = b;

  if (fa->from_time != fb->from_time)
    return fa->from_time < fb->from_time ? -1 : 1;
  if (fa->to_time != fb->to_time)
    return fa->to_time < fb->to_time ? -1 : 1;
  return 0;
}

static int
compare_event (gconstpointer a,
               gconstpointer b)
{
  const AwaitlabEvent *ea = a, *eb = b;

  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;
  return 0;
}

/* Timers and I/O overlap freely; give each the first row that is free again
 * so the lane reads like a stack of bars rather than a smear. */
static void
assign_rows (Lane *lane)
{
  gint64 row_end[16];
  guint n_rows = 0;

  for (guint i = 0; i < lane->spans->len; i++)
    {
      AwaitlabSpan *span = &g_array_index (lane->spans, AwaitlabSpan, i);
      guint row;

      for (row = 0; row < n_rows; row++)
        if (row_end[row] <= span->begin)
          break;
      if (row == n_rows)
        {
          if (n_rows < G_N_ELEMENTS (row_end))
            n_rows++;
          else
            row = n_rows - 1;
        }
      row_end[row] = span->end;
      span->row = row;
    }

  lane->n_rows = MAX (1, n_rows);
}

static void
reveal_notes (AwaitlabTimeline *self)
{
  for (guint n = 0; n < self->notes->len; n++)
    {
      AwaitlabNote *note = &g_array_index (self->notes, AwaitlabNote, n);

      for (guint i = 0; i < self->events->len; i++)
        {
          const AwaitlabEvent *ev = &g_array_index (self->events, AwaitlabEvent, i);

          if (ev->line == note->line)
            {
              note->reveal_time = ev->time;
              break;
            }
        }
    }
}

void
awaitlab_timeline_finish (AwaitlabTimeline *self,
                          gint64            end_time)
{
  g_return_if_fail (AWAITLAB_IS_TIMELINE (self));

  self->end_time = end_time;

  for (guint i = 0; i < self->lanes->len; i++)
    {
      Lane *lane = get_lane (self, i);

      g_array_sort (lane->spans, compare_span);
      if (lane->kind == AWAITLAB_LANE_ASYNC)
        assign_rows (lane);

      for (guint s = 0; s < lane->spans->len; s++)
        {
          const AwaitlabSpan *span = &g_array_index (lane->spans, AwaitlabSpan, s);

          if (span->state != AWAITLAB_SPAN_EXITED)
            {
              lane->appear = span->begin;
              break;
            }
        }

      for (guint s = 0; s < lane->spans->len; s++)
        {
          const AwaitlabSpan *span = &g_array_index (lane->spans, AwaitlabSpan, s);
          lane->max_span = MAX (lane->max_span, span->end - span->begin);
        }

      if (lane->spans->len > 0)
        self->end_time = MAX (self->end_time,
                              g_array_index (lane->spans, AwaitlabSpan, lane->spans->len - 1).end);
    }

  /* Real traces arrive in order (sorting them would reorder same-time events);
   * synthetic ones may not. */
  for (guint i = 1; i < self->events->len; i++)
    if (g_array_index (self->events, AwaitlabEvent, i - 1).time >
        g_array_index (self->events, AwaitlabEvent, i).time)
      {
        g_array_sort (self->events, compare_event);
        break;
      }

  g_array_sort (self->flows, compare_flow);
  reveal_notes (self);
}

gint64
awaitlab_timeline_get_lane_max_span (AwaitlabTimeline *self,
                                     guint             lane)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);
  g_return_val_if_fail (lane < self->lanes->len, 0);
  return get_lane (self, lane)->max_span;
}

gint64
awaitlab_timeline_get_end_time (AwaitlabTimeline *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);
  return self->end_time;
}

guint
awaitlab_timeline_get_n_lanes (AwaitlabTimeline *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);
  return self->lanes->len;
}

const char *
awaitlab_timeline_get_lane_name (AwaitlabTimeline *self,
                                 guint             lane)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (lane < self->lanes->len, NULL);
  return get_lane (self, lane)->name;
}

AwaitlabLaneKind
awaitlab_timeline_get_lane_kind (AwaitlabTimeline *self,
                                 guint             lane)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);
  g_return_val_if_fail (lane < self->lanes->len, 0);
  return get_lane (self, lane)->kind;
}

AwaitlabThreadKind
awaitlab_timeline_get_thread_kind (AwaitlabTimeline *self,
                                   guint             lane)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);
  g_return_val_if_fail (lane < self->lanes->len, 0);
  return get_lane (self, lane)->thread_kind;
}

int
awaitlab_timeline_get_lane_thread (AwaitlabTimeline *self,
                                   guint             lane)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), -1);
  g_return_val_if_fail (lane < self->lanes->len, -1);
  return get_lane (self, lane)->thread_id;
}

guint
awaitlab_timeline_get_lane_rows (AwaitlabTimeline *self,
                                 guint             lane)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 1);
  g_return_val_if_fail (lane < self->lanes->len, 1);
  return get_lane (self, lane)->n_rows;
}

gint64
awaitlab_timeline_get_lane_appear (AwaitlabTimeline *self,
                                   guint             lane)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);
  g_return_val_if_fail (lane < self->lanes->len, 0);
  return get_lane (self, lane)->appear;
}

/* The one thread → lane lookup: the trace conversion, the window and the
 * Inspector all ask here. Returns -1 for a thread without a lane. */
int
awaitlab_timeline_lane_of_thread (AwaitlabTimeline *self,
                                  guint             thread_id)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), -1);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->lane_of_thread, GUINT_TO_POINTER (thread_id))) - 1;
}

/* The first thread lane of @kind (the UI thread), or -1. */
int
awaitlab_timeline_find_lane_kind (AwaitlabTimeline   *self,
                                  AwaitlabThreadKind  kind)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), -1);

  for (guint i = 0; i < self->lanes->len; i++)
    {
      Lane *lane = get_lane (self, i);
      if (lane->kind == AWAITLAB_LANE_THREAD && lane->thread_kind == kind)
        return i;
    }
  return -1;
}

const AwaitlabSpan *
awaitlab_timeline_get_spans (AwaitlabTimeline *self,
                             guint             lane,
                             guint            *n_spans)
{
  Lane *l;

  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (lane < self->lanes->len, NULL);
  g_return_val_if_fail (n_spans != NULL, NULL);

  l = get_lane (self, lane);
  *n_spans = l->spans->len;
  return (const AwaitlabSpan *)(gpointer)l->spans->data;
}

guint
awaitlab_timeline_get_n_spans (AwaitlabTimeline *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);
  return self->n_spans;
}

/* The span of a thread lane covering @time, or -1. */
int
awaitlab_timeline_find_span (AwaitlabTimeline *self,
                             guint             lane,
                             gint64            time)
{
  const AwaitlabSpan *spans;
  guint n, lo = 0, hi;

  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), -1);
  g_return_val_if_fail (lane < self->lanes->len, -1);

  spans = awaitlab_timeline_get_spans (self, lane, &n);
  hi = n;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (spans[mid].begin <= time)
        lo = mid + 1;
      else
        hi = mid;
    }

  /* lo is the first span beginning after @time; walk back over zero-length
   * spans to the one that covers it. */
  while (lo > 0)
    {
      const AwaitlabSpan *s = &spans[lo - 1];

      if (s->end > time || (s->end == time && s->begin == time))
        return lo - 1;
      if (s->end < time)
        break;
      lo--;
    }

  return -1;
}

guint
awaitlab_timeline_get_n_counters (AwaitlabTimeline *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);
  return self->counters->len;
}

const char *
awaitlab_timeline_get_counter_name (AwaitlabTimeline *self,
                                    guint             counter)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (counter < self->counters->len, NULL);
  return ((Counter *)g_ptr_array_index (self->counters, counter))->name;
}

const AwaitlabCounterPoint *
awaitlab_timeline_get_counter (AwaitlabTimeline *self,
                               guint             counter,
                               guint            *n_points,
                               double           *max_value)
{
  Counter *c;

  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (counter < self->counters->len, NULL);

  c = g_ptr_array_index (self->counters, counter);
  if (n_points != NULL)
    *n_points = c->points->len;
  if (max_value != NULL)
    *max_value = c->max;
  return (const AwaitlabCounterPoint *)(gpointer)c->points->data;
}

const AwaitlabFlow *
awaitlab_timeline_get_flows (AwaitlabTimeline *self,
                             guint            *n_flows)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  *n_flows = self->flows->len;
  return (const AwaitlabFlow *)(gpointer)self->flows->data;
}

const AwaitlabMark *
awaitlab_timeline_get_marks (AwaitlabTimeline *self,
                             guint            *n_marks)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  *n_marks = self->marks->len;
  return (const AwaitlabMark *)(gpointer)self->marks->data;
}

const AwaitlabEvent *
awaitlab_timeline_get_events (AwaitlabTimeline *self,
                              guint            *n_events)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  *n_events = self->events->len;
  return (const AwaitlabEvent *)(gpointer)self->events->data;
}

/* The last event at or before @time (0 when none is). */
guint
awaitlab_timeline_event_at_time (AwaitlabTimeline *self,
                                 gint64            time)
{
  guint lo = 0, hi;

  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);

  hi = self->events->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->events, AwaitlabEvent, mid).time <= time)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo > 0 ? lo - 1 : 0;
}

char *
awaitlab_timeline_describe_event (AwaitlabTimeline *self,
                                  guint             event_index)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);

  if (event_index >= self->events->len)
    return NULL;
  if (self->describe != NULL)
    return self->describe (self->describe_data, event_index);
  return g_strdup_printf ("Event %u", event_index);
}

const AwaitlabOutputLine *
awaitlab_timeline_get_output (AwaitlabTimeline *self,
                              guint            *n_lines)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  *n_lines = self->output->len;
  return (const AwaitlabOutputLine *)(gpointer)self->output->data;
}

const AwaitlabNote *
awaitlab_timeline_get_notes (AwaitlabTimeline *self,
                             guint            *n_notes)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  *n_notes = self->notes->len;
  return (const AwaitlabNote *)(gpointer)self->notes->data;
}

AwaitlabOutcomeKind
awaitlab_timeline_get_outcome (AwaitlabTimeline *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), 0);
  return self->outcome;
}

const char *
awaitlab_timeline_get_outcome_text (AwaitlabTimeline *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  return self->outcome_text;
}

const guint *
awaitlab_timeline_get_cycle (AwaitlabTimeline *self,
                             guint            *n_lanes)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), NULL);
  *n_lanes = self->cycle->len;
  return (const guint *)(gpointer)self->cycle->data;
}

gboolean
awaitlab_timeline_lane_in_cycle (AwaitlabTimeline *self,
                                 guint             lane)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE (self), FALSE);

  for (guint i = 0; i < self->cycle->len; i++)
    if (g_array_index (self->cycle, guint, i) == lane)
      return TRUE;
  return FALSE;
}
