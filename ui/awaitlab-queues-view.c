/* awaitlab-queues-view.c
 *
 * The state at the playhead and the movements. Movements ("flights") are
 * planned from the events between the previous and the new index when the
 * playhead moves forward a little (a step, a frame of playback) and drawn with
 * the frame clock; a jump or a step back just shows the new state. Names,
 * labels and colours live here; the layout and drawing in awaitlab-queues-draw.c.
 */

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "awaitlab-queues-view-private.h"
#include "awaitlab-timeline-renderer.h"

G_DEFINE_FINAL_TYPE (AwaitlabQueuesView, awaitlab_queues_view, GTK_TYPE_WIDGET)

static void
flight_clear (gpointer data)
{
  g_free (((Flight *)data)->label);
}

/* ------------------------------------------------------------------------- */
/* Names, labels, colours                                                    */

BoxKey
queues_key (AwlQueueKind kind,
           gint64       owner)
{
  switch (kind)
    {
    case AWL_QUEUE_GLOBAL: return (BoxKey) { BOX_GLOBAL, 0 };
    case AWL_QUEUE_LOCAL: return (BoxKey) { BOX_LOCAL, owner };
    case AWL_QUEUE_UI: return (BoxKey) { BOX_UI, 0 };
    case AWL_QUEUE_REQUEST: return (BoxKey) { BOX_REQUEST, owner };
    case AWL_QUEUE_TIMER: return (BoxKey) { BOX_TIMERS, 0 };
    case AWL_QUEUE_IO:
    default: return (BoxKey) { BOX_IO, 0 };
    }
}

gboolean
queues_key_equal (BoxKey a,
           BoxKey b)
{
  return a.kind == b.kind && a.id == b.id;
}

static const char *
thread_name (AwaitlabQueuesView *self,
             guint               id)
{
  const AwlThreadInfo *t = awl_trace_get_thread (self->trace, id);
  return t && t->name ? t->name : "?";
}

/* The short form is for narrow boxes (a 900 px window). */
char *
queues_box_title_short (AwaitlabQueuesView *self,
                 BoxKey              key)
{
  switch (key.kind)
    {
    case BOX_IO: return g_strdup ("I/O");
    case BOX_UI: return g_strdup ("UI queue");
    case BOX_GLOBAL: return g_strdup ("Global");
    case BOX_REQUEST: return g_strdup_printf ("Request %" G_GINT64_FORMAT, key.id);
    case BOX_LOCAL: return g_strdup_printf ("%s local", thread_name (self, key.id));
    default: return NULL;
    }
}

char *
queues_box_title (AwaitlabQueuesView *self,
           BoxKey              key)
{
  switch (key.kind)
    {
    case BOX_TIMERS: return g_strdup ("Timers");
    case BOX_IO: return g_strdup ("I/O in flight");
    case BOX_UI: return g_strdup ("UI message queue");
    case BOX_GLOBAL: return g_strdup ("Pool global queue");
    case BOX_REQUEST: return g_strdup_printf ("Request %" G_GINT64_FORMAT " context", key.id);
    case BOX_LOCAL: return g_strdup_printf ("%s local queue", thread_name (self, key.id));
    case BOX_THREAD: return g_strdup (thread_name (self, key.id));
    case BOX_MORE:
    default: return g_strdup ("");
    }
}

/* Short enough for a chip: "↪ Button_Click", "I/O done", "lambda#1". */
char *
queues_chip_label (const char *description)
{
  const char *paren, *scheme;

  if (description == NULL)
    return g_strdup ("work item");
  if (g_str_has_prefix (description, "continuation of "))
    return g_strdup_printf ("↪ %s", description + strlen ("continuation of "));
  if (g_str_has_prefix (description, "I/O completion"))
    return g_strdup ("I/O done");
  if ((scheme = strstr (description, "://")) != NULL)
    {
      /* "GET https://images.example/resize/3" → "GET /resize/3": the path tells them apart. */
      const char *space = strchr (description, ' ');
      const char *path = strchr (scheme + 3, '/');
      int verb = space != NULL && space < scheme ? (int)(space - description + 1) : 0;

      return g_strdup_printf ("%.*s%s", verb, description, path ? path : scheme + 3);
    }
  if (g_str_has_prefix (description, "Task ") && (paren = strchr (description, '(')) != NULL)
    {
      const char *dot = strrchr (paren, '.');
      const char *start = dot ? dot + 1 : paren + 1;
      gsize len = strlen (start);

      return g_strndup (start, len > 0 && start[len - 1] == ')' ? len - 1 : len);
    }
  return g_strdup (description);
}

AwaitlabColor
queues_chip_color (BoxKind     where,
            const char *description)
{
  if (where == BOX_TIMERS)
    return timer_sky;
  if (where == BOX_IO || (description && g_str_has_prefix (description, "I/O completion")))
    return posted_green;
  if (description && g_str_has_prefix (description, "continuation of "))
    return where == BOX_UI || where == BOX_REQUEST ? posted_green : queued_purple;
  return work_blue;
}

int
queues_lane_of_thread (AwaitlabQueuesView *self,
                       guint               thread)
{
  return self->timeline != NULL ? awaitlab_timeline_lane_of_thread (self->timeline, thread) : -1;
}

/* ------------------------------------------------------------------------- */
/* Layout                                                                    */







/* ------------------------------------------------------------------------- */
/* Drawing                                                                   */













/* ------------------------------------------------------------------------- */
/* Movements                                                                 */

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  AwaitlabQueuesView *self = AWAITLAB_QUEUES_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  for (guint i = self->flights->len; i-- > 0; )
    if (now >= g_array_index (self->flights, Flight, i).start + FLIGHT_US + PULSE_US)
      g_array_remove_index (self->flights, i);

  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  if (self->flights->len == 0)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (AwaitlabQueuesView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static void
add_flight (AwaitlabQueuesView *self,
            BoxKey              from,
            BoxKey              to,
            const char         *description,
            guint64             item,
            gint64              start)
{
  Flight f = { from, to, queues_chip_label (description), queues_chip_color (to.kind == BOX_THREAD ? from.kind : to.kind, description),
               item, start };

  g_array_append_val (self->flights, f);
  while (self->flights->len > MAX_FLIGHTS)
    g_array_remove_index (self->flights, 0);
}

/* What moved between the old state and event @to: work queued (from the
 * thread or from the timer / I/O that completed), taken by a thread, I/O and
 * timers started. */
static void
plan_flights (AwaitlabQueuesView *self,
              const AwlState     *old,
              guint               from,
              guint               to)
{
  g_autoptr(GHashTable) descriptions = g_hash_table_new (g_int64_hash, g_int64_equal);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  gint64 now = clock ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  const AwlEvent *ev;
  BoxKey runtime_origin = { BOX_MORE, 0 };
  AwlTime runtime_time = AWL_TIME_NONE;
  guint n, planned = 0;

  ev = awl_trace_get_events (self->trace, &n);
  for (guint i = 0; i < old->queues->len; i++)
    {
      const AwlStateQueue *q = g_ptr_array_index (old->queues, i);

      for (guint k = 0; k < q->items->len; k++)
        g_hash_table_insert (descriptions, &g_array_index (q->items, guint64, k),
                             g_ptr_array_index (q->descriptions, k));
    }

  for (guint i = from + 1; i <= to && i < n; i++)
    {
      const AwlEvent *e = &ev[i];
      gint64 start = now + planned * STAGGER_US;

      switch ((AwlEventKind) e->kind)
        {
        case AWL_EVENT_IO_DONE:
        case AWL_EVENT_TIMER_FIRED:
          runtime_origin = (BoxKey) { e->kind == AWL_EVENT_IO_DONE ? BOX_IO : BOX_TIMERS, 0 };
          runtime_time = e->time;
          break;
        case AWL_EVENT_QUEUE:
          {
            BoxKey src = e->thread ? (BoxKey) { BOX_THREAD, e->thread } : runtime_origin;

            g_hash_table_insert (descriptions, (gpointer)&e->b, (gpointer)e->text);
            if (e->thread == 0 && runtime_time != e->time)
              break;   /* nothing visible put it there (the first UI message) */
            add_flight (self, src, queues_key (e->sub, e->a), e->text, e->b, start);
            planned++;
          }
          break;
        case AWL_EVENT_DEQUEUE:
          if (e->thread != 0)
            {
              add_flight (self, queues_key (e->sub, e->a), (BoxKey) { BOX_THREAD, e->thread },
                          g_hash_table_lookup (descriptions, &e->b), 0, start);
              planned++;
            }
          break;
        case AWL_EVENT_IO_START:
          if (e->sub == 0 && e->thread != 0)
            {
              add_flight (self, (BoxKey) { BOX_THREAD, e->thread }, (BoxKey) { BOX_IO, 0 }, e->text, 0, start);
              planned++;
            }
          break;
        case AWL_EVENT_TIMER_SET:
          if (e->thread != 0)
            {
              add_flight (self, (BoxKey) { BOX_THREAD, e->thread }, (BoxKey) { BOX_TIMERS, 0 },
                          e->text ? e->text : "timer", 0, start);
              planned++;
            }
          break;
        default:
          break;
        }
    }

  if (self->flights->len > 0 && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick, NULL, NULL);
}

/* ------------------------------------------------------------------------- */

static void
awaitlab_queues_view_dispose (GObject *object)
{
  AwaitlabQueuesView *self = (AwaitlabQueuesView *)object;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), AWAITLAB_TYPE_QUEUES_VIEW);
  g_clear_pointer (&self->state, awl_state_free);
  g_clear_pointer (&self->trace, awl_trace_unref);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->flights, g_array_unref);

  G_OBJECT_CLASS (awaitlab_queues_view_parent_class)->dispose (object);
}

/* NATURAL_H tall when there is room, never shorter than MIN_DRAW_H: a strip
 * too short for a chip would be only a blank band, and hiding it would hide
 * the hand-offs the lesson is about (the Inspector lists the same queues, but
 * only as text). */
static void
awaitlab_queues_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      AwaitlabQueuesView *self = AWAITLAB_QUEUES_VIEW (widget);

      *minimum = (int) (MIN_DRAW_H * self->scale);
      *natural = (int) (NATURAL_H * self->scale);
    }
  else
    *minimum = *natural = 0;
}

static void
awaitlab_queues_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  AwaitlabQueuesView *self = AWAITLAB_QUEUES_VIEW (widget);

  gtk_widget_set_child_visible (GTK_WIDGET (self->canvas), height >= (int) (MIN_DRAW_H * self->scale));
  gtk_widget_allocate (GTK_WIDGET (self->canvas), width, height, baseline, NULL);
}

static void
awaitlab_queues_view_class_init (AwaitlabQueuesViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = awaitlab_queues_view_dispose;
  widget_class->measure = awaitlab_queues_view_measure;
  widget_class->size_allocate = awaitlab_queues_view_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "queuesview");
  gtk_widget_class_set_template_from_resource (widget_class, "/org/awaitlab/Awaitlab/ui/awaitlab-queues-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AwaitlabQueuesView, canvas);
}

static void
awaitlab_queues_view_init (AwaitlabQueuesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->scale = 1.0;
  self->flights = g_array_new (FALSE, FALSE, sizeof (Flight));
  g_array_set_clear_func (self->flights, flight_clear);
  gtk_drawing_area_set_draw_func (self->canvas, queues_draw, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->canvas, G_CONNECT_SWAPPED);
}

GtkWidget *
awaitlab_queues_view_new (void)
{
  return g_object_new (AWAITLAB_TYPE_QUEUES_VIEW, NULL);
}

void
awaitlab_queues_view_set_run (AwaitlabQueuesView *self,
                              AwlTrace           *trace,
                              AwaitlabTimeline   *timeline)
{
  guint n_threads;
  const AwlThreadInfo *threads;

  g_return_if_fail (AWAITLAB_IS_QUEUES_VIEW (self));

  g_clear_pointer (&self->state, awl_state_free);
  g_clear_pointer (&self->trace, awl_trace_unref);
  g_set_object (&self->timeline, timeline);
  g_array_set_size (self->flights, 0);
  self->trace = trace ? awl_trace_ref (trace) : NULL;
  self->has_ui = FALSE;
  self->index = G_MAXUINT;

  threads = trace ? awl_trace_get_threads (trace, &n_threads) : NULL;
  for (guint i = 0; threads != NULL && i < n_threads; i++)
    self->has_ui |= threads[i].kind == AWL_THREAD_UI;

  gtk_widget_set_visible (GTK_WIDGET (self), trace != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

void
awaitlab_queues_view_set_event (AwaitlabQueuesView *self,
                                guint               event_index)
{
  g_autoptr(AwlState) old = NULL;
  guint n;

  g_return_if_fail (AWAITLAB_IS_QUEUES_VIEW (self));

  if (self->trace == NULL)
    return;
  awl_trace_get_events (self->trace, &n);
  if (n == 0)
    return;
  event_index = MIN (event_index, n - 1);
  if (event_index == self->index)
    return;

  old = g_steal_pointer (&self->state);
  self->state = awl_trace_state_at (self->trace, event_index);

  if (old != NULL && event_index > self->index && event_index - self->index <= MAX_PLAN &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) && animations_enabled (self))
    plan_flights (self, old, self->index, event_index);
  else if (event_index < self->index || old == NULL)
    g_array_set_size (self->flights, 0);

  self->index = event_index;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

char *
awaitlab_queues_view_dup_text (AwaitlabQueuesView *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (AWAITLAB_IS_QUEUES_VIEW (self), NULL);

  for (guint i = 0; self->state != NULL && i < self->state->queues->len; i++)
    {
      const AwlStateQueue *q = g_ptr_array_index (self->state->queues, i);
      g_autofree char *title = queues_box_title (self, queues_key (q->kind, q->owner));

      g_string_append_printf (out, "%s:", title);
      for (guint k = 0; k < q->items->len; k++)
        {
          g_autofree char *label = queues_chip_label (g_ptr_array_index (q->descriptions, k));
          g_string_append_printf (out, "%s %s", k ? ";" : "", label);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
awaitlab_queues_view_dup_flights (AwaitlabQueuesView *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (AWAITLAB_IS_QUEUES_VIEW (self), NULL);

  for (guint i = 0; i < self->flights->len; i++)
    {
      const Flight *f = &g_array_index (self->flights, Flight, i);
      g_autofree char *from = queues_box_title (self, f->from);
      g_autofree char *to = queues_box_title (self, f->to);

      g_string_append_printf (out, "%s → %s: %s\n", from, to, f->label);
    }
  return g_string_free (out, FALSE);
}

/* Draws everything @scale times larger (presentation mode); the strip's
 * height grows with it. */
void
awaitlab_queues_view_set_scale (AwaitlabQueuesView *self,
                                double              scale)
{
  g_return_if_fail (AWAITLAB_IS_QUEUES_VIEW (self));
  g_return_if_fail (scale >= 0.5 && scale <= 8.0);

  if (scale == self->scale)
    return;
  self->scale = scale;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}
