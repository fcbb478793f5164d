/* awaitlab-follow.c
 *
 * The executing line is the line of the thread that acted last with a source
 * line: its top frame's line after the event (a call shows the method's header,
 * a return to the caller shows the call again). Runtime events without a line
 * (an I/O completing, a continuation being queued) leave the code where it was
 * as long as virtual time stands still, like a debugger that does not move
 * while the runtime works; once time has moved on only the gutter dots remain.
 */

#include "awaitlab-follow.h"
#include "awaitlab-markdown.h"
#include "awaitlab-queues-view.h"

/* How far back to look for the last event with a line: lines are dense, and
 * this bounds a step on a trace of millions of events. */
#define MAX_LOOKBACK 4096

struct _AwaitlabFollow
{
  GObject           parent_instance;

  AwaitlabCodeView *code_view;
  GtkListBox       *output_list;
  GtkWidget        *queues_view;

  AwlTrace         *trace;
  AwaitlabTimeline *timeline;
  GArray           *output_events;   /* guint: the event index of each output line */
  guint             first_line;      /* the first line that runs (the entry point) */
  gboolean          hide_notes;      /* an armed quiz: notes wait for the reveal */
  AwaitlabStep      step;
  gboolean          shown;
  guint             scroll_id;
};

G_DEFINE_FINAL_TYPE (AwaitlabFollow, awaitlab_follow, G_TYPE_OBJECT)

void
awaitlab_step_clear (AwaitlabStep *step)
{
  g_clear_pointer (&step->marks, g_array_unref);
  step->line = 0;
  step->lane = -1;
  step->n_output = 0;
  step->note = NULL;
}

static void
awaitlab_follow_dispose (GObject *object)
{
  AwaitlabFollow *self = (AwaitlabFollow *)object;

  g_clear_handle_id (&self->scroll_id, g_source_remove);
  g_clear_pointer (&self->trace, awl_trace_unref);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->output_events, g_array_unref);
  awaitlab_step_clear (&self->step);

  G_OBJECT_CLASS (awaitlab_follow_parent_class)->dispose (object);
}

static void
awaitlab_follow_class_init (AwaitlabFollowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = awaitlab_follow_dispose;
}

static void
awaitlab_follow_init (AwaitlabFollow *self)
{
  self->step.lane = -1;
}

AwaitlabFollow *
awaitlab_follow_new (AwaitlabCodeView *code_view,
                     GtkListBox       *output_list,
                     GtkWidget        *queues_view)
{
  AwaitlabFollow *self = g_object_new (AWAITLAB_TYPE_FOLLOW, NULL);

  self->code_view = code_view;
  self->output_list = output_list;
  self->queues_view = queues_view;
  return self;
}

void
awaitlab_follow_set_run (AwaitlabFollow   *self,
                         AwlTrace         *trace,
                         AwaitlabTimeline *timeline)
{
  g_return_if_fail (AWAITLAB_IS_FOLLOW (self));

  g_clear_pointer (&self->trace, awl_trace_unref);
  g_clear_pointer (&self->output_events, g_array_unref);
  self->trace = trace ? awl_trace_ref (trace) : NULL;
  g_set_object (&self->timeline, timeline);
  self->shown = FALSE;
  self->first_line = 0;

  if (timeline != NULL)
    {
      const AwaitlabEvent *events;
      guint n;

      events = awaitlab_timeline_get_events (timeline, &n);
      for (guint i = 0; i < n && self->first_line == 0; i++)
        self->first_line = events[i].line;
    }

  if (trace != NULL)
    {
      const AwlEvent *ev;
      guint n;

      /* Output lines are appended in event order, one per output event. */
      self->output_events = g_array_new (FALSE, FALSE, sizeof (guint));
      ev = awl_trace_get_events (trace, &n);
      for (guint i = 0; i < n; i++)
        if (ev[i].kind == AWL_EVENT_OUTPUT)
          g_array_append_val (self->output_events, i);
    }

  if (self->queues_view != NULL)
    awaitlab_queues_view_set_run (AWAITLAB_QUEUES_VIEW (self->queues_view), trace, timeline);
}

/* ------------------------------------------------------------------------- */
/* Computing a step                                                          */

static int
lane_of_thread (AwaitlabTimeline *timeline,
                guint             thread)
{
  return thread != 0 ? awaitlab_timeline_lane_of_thread (timeline, thread) : -1;
}

/* The innermost frame that knows its line (a hidden or just-pushed helper
 * frame may not). */
static int
top_line (const AwlStateThread *t)
{
  for (guint f = t->stack->len; f-- > 0; )
    {
      int line = g_array_index (t->stack, AwlStateFrame, f).line;

      if (line > 0)
        return line;
    }
  return 0;
}

static const AwlStateThread *
find_thread (const AwlState *state,
             guint           id)
{
  for (guint i = 0; i < state->threads->len; i++)
    {
      const AwlStateThread *t = g_ptr_array_index (state->threads, i);

      if (t->id == id)
        return t;
    }
  return NULL;
}

static void
compute_from_trace (AwaitlabFollow *self,
                    guint           index,
                    AwaitlabStep   *step)
{
  g_autoptr(AwlState) state = awl_trace_state_at (self->trace, index);
  const AwlEvent *ev;
  guint n, lo, hi;

  ev = awl_trace_get_events (self->trace, &n);

  for (guint i = 0; i < state->threads->len; i++)
    {
      const AwlStateThread *t = g_ptr_array_index (state->threads, i);
      int line = top_line (t);
      int lane = lane_of_thread (self->timeline, t->id);

      if (line > 0 && lane >= 0 && t->state != AWL_THREAD_STATE_EXITED)
        g_array_append_vals (step->marks, &(AwaitlabLineMark) { line, lane }, 1);
    }

  for (guint i = index + 1, seen = 0; i-- > 0 && seen < MAX_LOOKBACK; seen++)
    {
      const AwlStateThread *t;

      if (ev[i].thread == 0 || ev[i].line <= 0)
        continue;
      t = find_thread (state, ev[i].thread);
      if (t != NULL && top_line (t) > 0)
        step->line = top_line (t);
      else if (ev[i].time == ev[index].time)
        step->line = ev[i].line;
      if (step->line > 0)
        step->lane = lane_of_thread (self->timeline, ev[i].thread);
      break;
    }

  /* Output lines up to this event: the first output event after it. */
  lo = 0;
  hi = self->output_events->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->output_events, guint, mid) <= index)
        lo = mid + 1;
      else
        hi = mid;
    }
  step->n_output = lo;
}

/* A synthetic timeline has no stacks: its events carry lane and line, its
 * spans the line each thread is on. */
static void
compute_from_timeline (AwaitlabFollow *self,
                       guint           index,
                       AwaitlabStep   *step)
{
  const AwaitlabEvent *events;
  const AwaitlabOutputLine *lines;
  guint n, n_lines;
  gint64 time, end = awaitlab_timeline_get_end_time (self->timeline);

  events = awaitlab_timeline_get_events (self->timeline, &n);
  time = events[index].time;

  for (guint i = index + 1; i-- > 0; )
    if (events[i].lane >= 0 && events[i].line > 0)
      {
        step->line = events[i].line;
        step->lane = events[i].lane;
        break;
      }

  /* Spans end where the run ends; at the very end show where threads stopped. */
  if (time > 0 && time >= end)
    time = end - 1;
  for (guint lane = 0; lane < awaitlab_timeline_get_n_lanes (self->timeline); lane++)
    {
      const AwaitlabSpan *spans;
      guint n_spans;
      int s;

      if (awaitlab_timeline_get_lane_kind (self->timeline, lane) != AWAITLAB_LANE_THREAD)
        continue;
      s = awaitlab_timeline_find_span (self->timeline, lane, time);
      spans = awaitlab_timeline_get_spans (self->timeline, lane, &n_spans);
      if (s < 0 || spans[s].line == 0 ||
          spans[s].state == AWAITLAB_SPAN_IDLE || spans[s].state == AWAITLAB_SPAN_EXITED)
        continue;
      g_array_append_vals (step->marks, &(AwaitlabLineMark) { spans[s].line, lane }, 1);
    }

  lines = awaitlab_timeline_get_output (self->timeline, &n_lines);
  while (step->n_output < n_lines && lines[step->n_output].time <= events[index].time)
    step->n_output++;
}

void
awaitlab_follow_compute (AwaitlabFollow *self,
                         guint           index,
                         AwaitlabStep   *step)
{
  guint n = 0;

  g_return_if_fail (AWAITLAB_IS_FOLLOW (self));

  awaitlab_step_clear (step);
  step->marks = g_array_new (FALSE, FALSE, sizeof (AwaitlabLineMark));
  step->event_index = index;
  if (self->timeline != NULL)
    awaitlab_timeline_get_events (self->timeline, &n);
  if (n == 0)
    return;
  index = MIN (index, n - 1);
  step->event_index = index;

  if (self->trace != NULL)
    compute_from_trace (self, index, step);
  else
    compute_from_timeline (self, index, step);

  if (step->line > 0)
    {
      const AwaitlabNote *notes;
      guint n_notes;

      notes = awaitlab_timeline_get_notes (self->timeline, &n_notes);
      for (guint i = 0; i < n_notes && step->note == NULL; i++)
        if (notes[i].line == step->line)
          step->note = notes[i].text;
    }
}

/* ------------------------------------------------------------------------- */
/* Showing a step                                                            */

static GtkWidget *
nth_output_row (AwaitlabFollow *self,
                guint           n)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->output_list));

  for (guint i = 0; child != NULL && i < n; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

/* After layout: bring the newest line into view (the list grows downwards,
 * so this is usually the bottom). */
static gboolean
scroll_output (gpointer data)
{
  AwaitlabFollow *self = data;
  GtkWidget *row;
  GtkWidget *scroller;
  GtkAdjustment *adj;
  graphene_point_t p;

  self->scroll_id = 0;
  if (self->step.n_output == 0)
    return G_SOURCE_REMOVE;
  row = nth_output_row (self, self->step.n_output - 1);
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->output_list), GTK_TYPE_SCROLLED_WINDOW);
  if (row == NULL || scroller == NULL || !gtk_widget_get_mapped (row))
    return G_SOURCE_REMOVE;
  if (!gtk_widget_compute_point (row, GTK_WIDGET (self->output_list), &GRAPHENE_POINT_INIT (0, 0), &p))
    return G_SOURCE_REMOVE;

  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (p.y < gtk_adjustment_get_value (adj) ||
      p.y + gtk_widget_get_height (row) > gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj))
    gtk_adjustment_set_value (adj, p.y + gtk_widget_get_height (row) - gtk_adjustment_get_page_size (adj));
  return G_SOURCE_REMOVE;
}

static void
show_output (AwaitlabFollow *self)
{
  GtkWidget *child;
  guint i = 0;

  /* Output appears as playback passes it; the newest line stands out. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->output_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    {
      gtk_widget_set_visible (child, i < self->step.n_output);
      if (i + 1 == self->step.n_output)
        gtk_widget_add_css_class (child, "newest");
      else
        gtk_widget_remove_css_class (child, "newest");
    }

  if (self->scroll_id == 0)
    self->scroll_id = g_idle_add_full (G_PRIORITY_LOW, scroll_output, self, NULL);
}

static void
show_code (AwaitlabFollow *self)
{
  const AwaitlabStep *step = &self->step;
  g_autofree char *note = NULL;

  awaitlab_code_view_set_marks (self->code_view, (AwaitlabLineMark *)(gpointer)step->marks->data,
                                step->marks->len);
  awaitlab_code_view_set_highlight (self->code_view, step->line, MAX (step->lane, 0));
  /* The note first: it may open a gap under the line that must be in view too. */
  if (step->note != NULL && !self->hide_notes)
    note = awaitlab_markdown_to_markup (step->note);
  awaitlab_code_view_set_note (self->code_view, step->line, note);
  if (step->line > 0)
    awaitlab_code_view_reveal_line (self->code_view, step->line);
  else if (step->marks->len > 0)
    awaitlab_code_view_reveal_line (self->code_view, g_array_index (step->marks, AwaitlabLineMark, 0).line);
  else if (step->event_index == 0)
    awaitlab_code_view_reveal_line (self->code_view, self->first_line);   /* where it will start */
}

void
awaitlab_follow_set_hide_notes (AwaitlabFollow *self,
                                gboolean        hide_notes)
{
  g_return_if_fail (AWAITLAB_IS_FOLLOW (self));

  hide_notes = !!hide_notes;
  if (self->hide_notes == hide_notes)
    return;
  self->hide_notes = hide_notes;
  if (self->shown && self->code_view != NULL)
    show_code (self);
}

void
awaitlab_follow_set_event (AwaitlabFollow *self,
                           guint           index)
{
  g_return_if_fail (AWAITLAB_IS_FOLLOW (self));

  if (self->timeline == NULL || (self->shown && self->step.event_index == index))
    return;

  awaitlab_follow_compute (self, index, &self->step);
  self->shown = TRUE;

  if (self->code_view != NULL)
    show_code (self);
  if (self->output_list != NULL)
    show_output (self);
  if (self->queues_view != NULL)
    awaitlab_queues_view_set_event (AWAITLAB_QUEUES_VIEW (self->queues_view), self->step.event_index);
}

void
awaitlab_follow_invalidate (AwaitlabFollow *self)
{
  g_return_if_fail (AWAITLAB_IS_FOLLOW (self));
  self->shown = FALSE;
}

const AwaitlabStep *
awaitlab_follow_get_step (AwaitlabFollow *self)
{
  g_return_val_if_fail (AWAITLAB_IS_FOLLOW (self), NULL);
  return self->shown ? &self->step : NULL;
}
