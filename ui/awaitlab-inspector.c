/* awaitlab-inspector.c
 *
 * Rebuilt from awl_trace_state_at() whenever the playhead crosses an event. The
 * state has threads, queues, tasks and suspended frames; semaphores, locks and
 * cancellation sources are not in it (yet), so they are folded from the events
 * up to the playhead here.
 */

#include <glib/gi18n.h>

#include "awaitlab-inspector.h"
#include "awaitlab-inspector-list.h"
#include "awaitlab-timeline-renderer.h"

struct _AwaitlabInspector
{
  GtkWidget         parent_instance;

  GtkWidget        *scroller;
  GtkWidget        *box;
  GtkWidget        *state_box;     /* rebuilt per event */
  GtkWidget        *method_dropdown;
  GtkStringList    *methods;
  GtkWidget        *machine_box;   /* rebuilt per event */

  AwlScenario      *scenario;
  AwlTrace         *trace;
  AwaitlabTimeline *timeline;
  guint             event_index;
  guint             built_index;
};

enum { SELECT, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AwaitlabInspector, awaitlab_inspector, GTK_TYPE_WIDGET)

static void rebuild (AwaitlabInspector *self);

static void
awaitlab_inspector_dispose (GObject *object)
{
  AwaitlabInspector *self = (AwaitlabInspector *)object;

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->scenario, awl_scenario_unref);
  g_clear_pointer (&self->trace, awl_trace_unref);
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (awaitlab_inspector_parent_class)->dispose (object);
}

static void
awaitlab_inspector_class_init (AwaitlabInspectorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = awaitlab_inspector_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "inspector");

  /* ::select (lane or -1, line or 0): show this in the timeline and the code. */
  signals[SELECT] = g_signal_new ("select", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_UINT);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "inspector-heading");
  return label;
}

static void
on_method_selected (AwaitlabInspector *self)
{
  self->built_index = G_MAXUINT;
  rebuild (self);
}

static void
on_map (GtkWidget *widget)
{
  rebuild (AWAITLAB_INSPECTOR (widget));
}

static void
awaitlab_inspector_init (AwaitlabInspector *self)
{
  GtkWidget *row;

  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  self->built_index = G_MAXUINT;
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 10);
  gtk_widget_set_margin_end (self->box, 10);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->box);

  self->state_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->state_box);

  gtk_box_append (GTK_BOX (self->box), heading (_("State machine")));
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->methods = gtk_string_list_new (NULL);
  self->method_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->methods)), NULL);
  gtk_widget_set_hexpand (self->method_dropdown, TRUE);
  gtk_widget_set_tooltip_text (self->method_dropdown, _("Async method"));
  gtk_box_append (GTK_BOX (row), self->method_dropdown);
  gtk_box_append (GTK_BOX (self->box), row);
  g_signal_connect_swapped (self->method_dropdown, "notify::selected", G_CALLBACK (on_method_selected), self);
  g_object_unref (self->methods);

  self->machine_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->machine_box);
}

GtkWidget *
awaitlab_inspector_new (void)
{
  return g_object_new (AWAITLAB_TYPE_INSPECTOR, NULL);
}

/* ------------------------------------------------------------------------- */

static int
lane_of_thread (AwaitlabInspector *self,
                guint              thread)
{
  if (self->timeline == NULL || thread == 0)
    return -1;
  return awaitlab_timeline_lane_of_thread (self->timeline, thread);
}

static void
on_row_activated (GtkListView       *view,
                  guint              position,
                  AwaitlabInspector *self)
{
  g_autoptr(AwaitlabInspectorRow) row = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), position);
  const char *method = awaitlab_inspector_row_get_method (row);

  /* A thread or chain names an async method: show its state machine. */
  if (method != NULL)
    awaitlab_inspector_set_method (self, method);
  g_signal_emit (self, signals[SELECT], 0, awaitlab_inspector_row_get_lane (row), awaitlab_inspector_row_get_line (row));
}

/* A new list under @parent; add_item() fills it. */
static GListStore *
new_list (GtkWidget         *parent,
          AwaitlabInspector *self)
{
  GListStore *store = g_list_store_new (AWAITLAB_TYPE_INSPECTOR_ROW);
  GtkListView *view;

  gtk_box_append (GTK_BOX (parent), awaitlab_inspector_list_new (store, &view));
  g_signal_connect (view, "activate", G_CALLBACK (on_row_activated), self);
  /* The view holds the store; @parent is cleared before the next rebuild. */
  g_object_unref (store);
  return store;
}

/* A row: a label (Pango markup), an optional badge; thread → lane, line → code. */
static AwaitlabInspectorRow *
add_item (GListStore  *list,
          const char  *markup,
          const char  *badge,
          const char  *badge_class,
          int          lane,
          guint        line)
{
  g_autoptr(AwaitlabInspectorRow) row = awaitlab_inspector_row_new (markup, badge, badge_class, lane, line);

  g_list_store_append (list, row);
  return row;
}

static void
add_empty (GtkWidget  *parent,
           const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 4);
  gtk_box_append (GTK_BOX (parent), label);
}

static const char *
thread_name (AwaitlabInspector *self,
             guint              id)
{
  const AwlThreadInfo *t = awl_trace_get_thread (self->trace, id);
  return t && t->name ? t->name : "?";
}

static char *
task_markup (AwaitlabInspector *self,
             guint              id)
{
  g_autofree char *text = awl_trace_describe_task (self->trace, id);
  return g_markup_escape_text (text, -1);
}

static const char *
status_badge (AwlTaskStatus status,
              const char  **css)
{
  switch (status)
    {
    case AWL_TASK_RAN_TO_COMPLETION: *css = "success"; return _("done");
    case AWL_TASK_FAULTED: *css = "error"; return _("faulted");
    case AWL_TASK_CANCELED: *css = "warning"; return _("canceled");
    case AWL_TASK_RUNNING: *css = "accent"; return _("running");
    case AWL_TASK_WAITING_TO_RUN: *css = "accent"; return _("queued");
    case AWL_TASK_CREATED: *css = NULL; return _("created");
    case AWL_TASK_WAITING_FOR_ACTIVATION:
    case AWL_TASK_WAITING_FOR_CHILDREN:
    default:
      *css = NULL; return _("pending");
    }
}

static void
build_threads (AwaitlabInspector *self,
               const AwlState    *state)
{
  GListStore *list;

  gtk_box_append (GTK_BOX (self->state_box), heading (_("Threads")));
  list = new_list (self->state_box, self);

  for (guint i = 0; i < state->threads->len; i++)
    {
      const AwlStateThread *t = g_ptr_array_index (state->threads, i);
      g_autoptr(GString) m = g_string_new (NULL);
      int lane = lane_of_thread (self, t->id);
      AwaitlabColor c = { 0.5, 0.5, 0.5 };
      const char *css = NULL;
      const char *badge = awl_thread_state_to_string (t->state);
      guint line = 0;
      const char *async_method = NULL;
      AwaitlabInspectorRow *row;

      if (lane >= 0)
        awaitlab_thread_color (lane, &c);
      g_string_append_printf (m, "<span foreground=\"#%02x%02x%02x\">●</span> <b>%s</b>",
                              (int)(c.red * 255), (int)(c.green * 255), (int)(c.blue * 255),
                              thread_name (self, t->id));
      if (t->state == AWL_THREAD_STATE_BLOCKED)
        {
          g_string_append_printf (m, "\n<small>blocked: %s", awl_block_reason_to_string (t->reason));
          if (t->task != 0)
            {
              g_autofree char *task = task_markup (self, t->task);
              g_string_append_printf (m, " on %s", task);
            }
          g_string_append (m, "</small>");
          css = "error";
        }
      else if (t->state == AWL_THREAD_STATE_RUNNING)
        css = "success";

      /* Top frame first, like a debugger's call stack. */
      for (guint f = t->stack->len; f-- > 0; )
        {
          const AwlStateFrame *frame = &g_array_index (t->stack, AwlStateFrame, f);
          g_autofree char *method = g_markup_escape_text (frame->method ? frame->method : "?", -1);

          g_string_append_printf (m, "\n<tt>  %s</tt> <small>line %d%s</small>", method, frame->line,
                                  frame->task ? " · async" : "");
          if (frame->task && frame->await_state >= 0)
            g_string_append_printf (m, "<small>, state %d</small>", frame->await_state);
          if (line == 0 && frame->line > 0)
            line = frame->line;
          if (async_method == NULL && frame->task != 0)
            async_method = frame->method;
        }
      row = add_item (list, m->str, badge, css, lane, line);
      awaitlab_inspector_row_set_method (row, async_method);
    }
}

/* Which method awaits which task: chains of suspended async frames, outermost
 * first (the frame whose task nobody awaits is the root). */
static void
build_chains (AwaitlabInspector *self,
              const AwlState    *state)
{
  g_autoptr(GHashTable) by_task = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) awaited = g_hash_table_new (NULL, NULL);
  GListStore *list = NULL;

  gtk_box_append (GTK_BOX (self->state_box), heading (_("Async chains (suspended)")));
  for (guint i = 0; i < state->suspended->len; i++)
    {
      const AwlStateSuspended *s = &g_array_index (state->suspended, AwlStateSuspended, i);

      if (s->task)
        g_hash_table_insert (by_task, GUINT_TO_POINTER (s->task), (gpointer)s);
      g_hash_table_add (awaited, GUINT_TO_POINTER (s->awaited_task));
    }

  for (guint i = 0; i < state->suspended->len; i++)
    {
      const AwlStateSuspended *s = &g_array_index (state->suspended, AwlStateSuspended, i);
      g_autoptr(GString) m = g_string_new (NULL);
      guint depth = 0;

      if (s->task && g_hash_table_contains (awaited, GUINT_TO_POINTER (s->task)))
        continue;   /* not a root */

      for (const AwlStateSuspended *cur = s; cur != NULL && depth < 32; depth++)
        {
          g_autofree char *method = g_markup_escape_text (cur->method ? cur->method : "?", -1);
          g_autofree char *task = task_markup (self, cur->awaited_task);

          g_string_append_printf (m, "%s<b>%s</b> <small>(state %d, line %d)</small>\n%*s⤷ awaits %s",
                                  depth ? "\n" : "", method, cur->await_state, cur->line,
                                  (int)(depth * 2), "", task);
          cur = g_hash_table_lookup (by_task, GUINT_TO_POINTER (cur->awaited_task));
        }
      if (list == NULL)
        list = new_list (self->state_box, self);
      awaitlab_inspector_row_set_method (add_item (list, m->str, NULL, NULL, -1, s->line), s->method);
    }

  if (list == NULL)
    add_empty (self->state_box, _("No method is suspended at an await."));
}

static void
build_queues (AwaitlabInspector *self,
              const AwlState    *state)
{
  GListStore *list = NULL;

  gtk_box_append (GTK_BOX (self->state_box), heading (_("Queues")));
  for (guint i = 0; i < state->queues->len; i++)
    {
      const AwlStateQueue *q = g_ptr_array_index (state->queues, i);
      g_autoptr(GString) m = g_string_new (NULL);
      int lane = -1;

      switch (q->kind)
        {
        case AWL_QUEUE_GLOBAL: g_string_append (m, _("<b>Pool global queue</b>")); break;
        case AWL_QUEUE_LOCAL:
          g_string_append_printf (m, _("<b>%s local queue</b>"), thread_name (self, q->owner));
          lane = lane_of_thread (self, q->owner);
          break;
        case AWL_QUEUE_UI:
          g_string_append (m, _("<b>UI message queue</b>"));
          lane = lane_of_thread (self, q->owner);
          break;
        case AWL_QUEUE_REQUEST:
          g_string_append_printf (m, _("<b>Request %" G_GINT64_FORMAT " context</b>"), q->owner);
          break;
        case AWL_QUEUE_TIMER: g_string_append (m, _("<b>Timers</b>")); break;
        case AWL_QUEUE_IO: g_string_append (m, _("<b>I/O in flight</b>")); break;
        default: g_string_append (m, "<b>?</b>"); break;
        }

      for (guint k = 0; k < q->items->len && k < 12; k++)
        {
          const char *d = g_ptr_array_index (q->descriptions, k);
          g_autofree char *desc = g_markup_escape_text (d ? d : "work item", -1);

          g_string_append_printf (m, "\n<small>%u. %s</small>", k + 1, desc);
        }
      if (q->items->len > 12)
        g_string_append_printf (m, "\n<small>… %u more</small>", q->items->len - 12);

      if (list == NULL)
        list = new_list (self->state_box, self);
      {
        g_autofree char *count = g_strdup_printf ("%u", q->items->len);
        add_item (list, m->str, count, "accent", lane, 0);
      }
    }
  if (list == NULL)
    add_empty (self->state_box, _("All queues are empty."));
}

/* The lane of a thread blocked waiting for @task (.Result, Wait), or -1. */
static int
lane_waiting_on (AwaitlabInspector *self,
                 const AwlState    *state,
                 guint              task)
{
  for (guint i = 0; i < state->threads->len; i++)
    {
      const AwlStateThread *t = g_ptr_array_index (state->threads, i);

      if (t->state == AWL_THREAD_STATE_BLOCKED && t->task == task)
        return lane_of_thread (self, t->id);
    }
  return -1;
}

static void
build_tasks (AwaitlabInspector *self,
             const AwlState    *state)
{
  GListStore *list;

  gtk_box_append (GTK_BOX (self->state_box), heading (_("Tasks")));
  if (state->tasks->len == 0)
    {
      add_empty (self->state_box, _("No task yet."));
      return;
    }
  list = new_list (self->state_box, self);

  /* Unfinished tasks first: they are what the run waits on. All of them: the
   * list view only makes widgets for the rows in sight. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < state->tasks->len; i++)
      {
        const AwlStateTask *t = &g_array_index (state->tasks, AwlStateTask, i);
        gboolean finished = t->status >= AWL_TASK_RAN_TO_COMPLETION;
        const AwlTaskInfo *info = awl_trace_get_task (self->trace, t->id);
        g_autofree char *text = NULL;
        const char *css, *badge;

        if (finished != (pass == 1))
          continue;
        text = task_markup (self, t->id);
        badge = status_badge (t->status, &css);
        add_item (list, text, badge, css, lane_waiting_on (self, state, t->id), info ? MAX (0, info->line) : 0);
      }
}

/* "Main, Pool-2" or "Task 7, Task 9 and 4 more" from an array of thread or task ids. */
static char *
id_list (AwaitlabInspector *self,
         const GArray      *ids,
         gboolean           threads)
{
  GString *str = g_string_new (NULL);
  guint shown = MIN (ids->len, 4);

  for (guint i = 0; i < shown; i++)
    {
      guint id = g_array_index (ids, guint, i);

      if (i > 0)
        g_string_append (str, ", ");
      if (threads)
        g_string_append (str, thread_name (self, id));
      else
        g_string_append_printf (str, _("Task %u"), id);
    }
  if (ids->len > shown)
    g_string_append_printf (str, _(" and %u more"), ids->len - shown);
  return g_string_free (str, FALSE);
}

static char *
created_at_line (int line)
{
  return line > 0 ? g_strdup_printf (_(", line %d"), line) : g_strdup ("");
}

static void
add_semaphore (AwaitlabInspector       *self,
               GListStore              *list,
               const AwlStateSemaphore *sem)
{
  g_autofree char *where = created_at_line (sem->line);
  g_autofree char *max = sem->max_count == G_MAXINT
    ? g_strdup (_("no maximum"))
    : g_strdup_printf (_("max %" G_GINT64_FORMAT), sem->max_count);
  g_autoptr(GString) m = g_string_new (NULL);
  guint first_blocked = sem->blocked_threads->len ? g_array_index (sem->blocked_threads, guint, 0) : 0;

  g_string_append_printf (m, _("<b>SemaphoreSlim #%" G_GINT64_FORMAT "</b>%s\n<small>CurrentCount %" G_GINT64_FORMAT " (%s)"),
                          sem->id, where, sem->current_count, max);
  if (sem->blocked_threads->len)
    {
      g_autofree char *names = id_list (self, sem->blocked_threads, TRUE);
      g_autofree char *esc = g_markup_escape_text (names, -1);
      g_string_append_printf (m, _("; blocked in Wait(): %s"), esc);
    }
  if (sem->async_waiters->len)
    {
      g_autofree char *tasks = id_list (self, sem->async_waiters, FALSE);
      g_string_append_printf (m, _("; %u async waiter(s), no thread held: %s"),
                              sem->async_waiters->len, tasks);
    }
  if (sem->blocked_threads->len == 0 && sem->async_waiters->len == 0)
    g_string_append (m, _("; nobody waiting"));
  g_string_append (m, "</small>");
  add_item (list, m->str, sem->current_count > 0 ? _("free") : _("full"),
            sem->current_count > 0 ? "success" : "warning",
            lane_of_thread (self, first_blocked), MAX (0, sem->line));
}

static void
add_lock (AwaitlabInspector  *self,
          GListStore         *list,
          const AwlStateLock *lock)
{
  g_autoptr(GString) m = g_string_new (NULL);

  g_string_append_printf (m, _("<b>lock (Object #%" G_GINT64_FORMAT ")</b>\n<small>"), lock->object);
  if (lock->owner != 0 && lock->recursion > 1)
    g_string_append_printf (m, _("held by %s, entered %u times"), thread_name (self, lock->owner),
                            lock->recursion);
  else if (lock->owner != 0)
    g_string_append_printf (m, _("held by %s"), thread_name (self, lock->owner));
  else
    g_string_append (m, _("free"));
  if (lock->waiting_threads->len)
    {
      g_autofree char *names = id_list (self, lock->waiting_threads, TRUE);
      g_autofree char *esc = g_markup_escape_text (names, -1);
      g_string_append_printf (m, _("; waiting: %s"), esc);
    }
  g_string_append (m, "</small>");
  add_item (list, m->str, lock->owner ? _("held") : _("free"), lock->owner ? "warning" : "success",
            lane_of_thread (self, lock->owner), 0);
}

static void
add_cts (AwaitlabInspector *self,
         GListStore        *list,
         const AwlStateCts *cts)
{
  g_autofree char *where = created_at_line (cts->line);
  g_autoptr(GString) m = g_string_new (NULL);

  g_string_append_printf (m, _("<b>CancellationTokenSource #%" G_GINT64_FORMAT "</b>%s\n<small>"), cts->id, where);
  if (cts->canceled)
    {
      g_autofree char *at = awaitlab_format_time (cts->canceled_at);

      if (cts->canceled_by_timer)
        g_string_append_printf (m, _("canceled at %s by its CancelAfter timer (on %s)"), at,
                                thread_name (self, cts->canceled_by));
      else
        g_string_append_printf (m, _("canceled at %s by %s"), at, thread_name (self, cts->canceled_by));
      g_string_append_printf (m, _(", %u callback(s) ran"), cts->n_callbacks_run);
    }
  else
    {
      g_string_append (m, _("not canceled"));
      if (cts->cancel_after_due != AWL_TIME_NONE)
        {
          g_autofree char *due = awaitlab_format_time (cts->cancel_after_due);
          g_string_append_printf (m, _("; CancelAfter due at %s"), due);
        }
      g_string_append_printf (m, _("; %u registration(s) pending"), cts->n_registrations);
    }
  g_string_append (m, "</small>");
  add_item (list, m->str, cts->canceled ? _("canceled") : _("active"),
            cts->canceled ? "warning" : "accent",
            cts->canceled ? lane_of_thread (self, cts->canceled_by) : -1, MAX (0, cts->line));
}

static void
build_sync (AwaitlabInspector *self,
            const AwlState    *state)
{
  guint total = state->semaphores->len + state->locks->len + state->cancellation_sources->len;
  GListStore *list;

  gtk_box_append (GTK_BOX (self->state_box), heading (_("Semaphores, locks, cancellation")));
  if (total == 0)
    {
      add_empty (self->state_box, _("None in use so far."));
      return;
    }
  /* A web run can create thousands (one CTS per request): the list view
   * only makes widgets for the rows in sight. */
  list = new_list (self->state_box, self);
  for (guint i = 0; i < state->semaphores->len; i++)
    add_semaphore (self, list, &g_array_index (state->semaphores, AwlStateSemaphore, i));
  for (guint i = 0; i < state->locks->len; i++)
    add_lock (self, list, &g_array_index (state->locks, AwlStateLock, i));
  for (guint i = 0; i < state->cancellation_sources->len; i++)
    add_cts (self, list, &g_array_index (state->cancellation_sources, AwlStateCts, i));
}

/* ------------------------------------------------------------------------- */
/* The state machine view                                                    */

static const char *
selected_method (AwaitlabInspector *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->method_dropdown));

  if (i == GTK_INVALID_LIST_POSITION || i >= g_list_model_get_n_items (G_LIST_MODEL (self->methods)))
    return NULL;
  return gtk_string_list_get_string (self->methods, i);
}

static void
build_machine (AwaitlabInspector *self,
               const AwlState    *state)
{
  const char *method = selected_method (self);
  const AwlScenarioAwait *points;
  const AwlFlow *flows;
  guint n_points, n_flows, resumptions = 0;
  g_autoptr(GHashTable) live_states = g_hash_table_new (NULL, NULL);
  GListStore *list;

  if (method == NULL || self->scenario == NULL)
    {
      add_empty (self->machine_box, _("This scenario has no await."));
      return;
    }

  /* Live instances: running on a stack, or suspended at an await. */
  list = new_list (self->machine_box, self);
  for (guint i = 0; i < state->threads->len; i++)
    {
      const AwlStateThread *t = g_ptr_array_index (state->threads, i);

      for (guint f = 0; f < t->stack->len; f++)
        {
          const AwlStateFrame *frame = &g_array_index (t->stack, AwlStateFrame, f);
          g_autofree char *m = NULL;

          if (g_strcmp0 (frame->method, method) != 0)
            continue;
          m = g_strdup_printf (_("Instance of Task %u: <b>running</b> on %s, line %d (after state %d)"),
                               frame->task, thread_name (self, t->id), frame->line, frame->await_state);
          g_hash_table_add (live_states, GINT_TO_POINTER (frame->await_state + 2));
          add_item (list, m, _("running"), "success", lane_of_thread (self, t->id), frame->line);
        }
    }
  for (guint i = 0; i < state->suspended->len; i++)
    {
      const AwlStateSuspended *s = &g_array_index (state->suspended, AwlStateSuspended, i);
      g_autofree char *task = NULL;
      g_autofree char *m = NULL;

      if (g_strcmp0 (s->method, method) != 0)
        continue;
      task = task_markup (self, s->awaited_task);
      m = g_strdup_printf (_("Instance of Task %u: <b>suspended in state %d</b>, waiting for %s"),
                           s->task, s->await_state, task);
      g_hash_table_add (live_states, GINT_TO_POINTER (s->await_state + 2));
      add_item (list, m, _("suspended"), "accent", -1, s->line);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    {
      /* The empty list is the box's last child. */
      gtk_box_remove (GTK_BOX (self->machine_box), gtk_widget_get_last_child (self->machine_box));
      add_empty (self->machine_box, _("No live instance at the playhead."));
    }

  /* The states, as the compiler numbers them. */
  list = new_list (self->machine_box, self);
  add_item (list, g_hash_table_contains (live_states, GINT_TO_POINTER (1))
                    ? _("<b>State −1 · start</b> ◀ now\n<small>runs synchronously until the first await that is not complete</small>")
                    : _("State −1 · start\n<small>runs synchronously until the first await that is not complete</small>"),
            NULL, NULL, -1, 0);
  points = awl_scenario_get_await_points (self->scenario, &n_points);
  for (guint i = 0; i < n_points; i++)
    {
      g_autofree char *m = NULL;
      gboolean now;

      if (g_strcmp0 (points[i].method, method) != 0)
        continue;
      now = g_hash_table_contains (live_states, GINT_TO_POINTER (points[i].state + 2));
      m = g_strdup_printf (now ? _("<b>State %d · await at line %d</b> ◀ now") : _("State %d · await at line %d"),
                           points[i].state, points[i].line);
      add_item (list, m, NULL, NULL, -1, points[i].line);
    }

  /* Where each resumption ran, up to the playhead. */
  gtk_box_append (GTK_BOX (self->machine_box), heading (_("Resumptions so far")));
  list = new_list (self->machine_box, self);
  flows = awl_trace_get_flows (self->trace, &n_flows);
  for (guint i = 0; i < n_flows; i++)
    {
      g_autofree char *m = NULL;
      g_autofree char *at = NULL;
      static const char *how[] = { N_("inline"), N_("posted to the context"), N_("local queue"), N_("global queue") };

      if (g_strcmp0 (flows[i].method, method) != 0 || flows[i].resume_event == G_MAXUINT ||
          flows[i].resume_event > self->event_index)
        continue;
      at = awaitlab_format_time (flows[i].resumed);
      m = g_strdup_printf (_("state %d resumed on <b>%s</b> at %s <small>(%s)</small>"),
                           flows[i].await_state, thread_name (self, flows[i].to_thread), at,
                           _(how[MIN ((guint)flows[i].how, G_N_ELEMENTS (how) - 1)]));
      add_item (list, m, NULL, NULL, lane_of_thread (self, flows[i].to_thread), 0);
      resumptions++;
    }
  if (resumptions == 0)
    {
      gtk_box_remove (GTK_BOX (self->machine_box), gtk_widget_get_last_child (self->machine_box));
      add_empty (self->machine_box, _("Not resumed yet."));
    }
}

/* ------------------------------------------------------------------------- */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)))
    gtk_box_remove (GTK_BOX (box), child);
}

static void
rebuild (AwaitlabInspector *self)
{
  g_autoptr(AwlState) state = NULL;
  guint n_events;

  if (self->built_index == self->event_index)
    return;
  self->built_index = self->event_index;

  clear_box (self->state_box);
  clear_box (self->machine_box);

  if (self->trace == NULL)
    {
      add_empty (self->state_box, _("Nothing to inspect."));
      return;
    }

  awl_trace_get_events (self->trace, &n_events);
  if (n_events == 0)
    return;
  state = awl_trace_state_at (self->trace, MIN (self->event_index, n_events - 1));
  if (state == NULL)
    return;

  build_threads (self, state);
  build_chains (self, state);
  build_queues (self, state);
  build_tasks (self, state);
  build_sync (self, state);
  build_machine (self, state);
}

void
awaitlab_inspector_set_run (AwaitlabInspector *self,
                            AwlScenario       *scenario,
                            AwlTrace          *trace,
                            AwaitlabTimeline  *timeline)
{
  g_autofree char *previous = NULL;
  guint n_points, keep = 0;
  const AwlScenarioAwait *points;

  g_return_if_fail (AWAITLAB_IS_INSPECTOR (self));

  previous = g_strdup (selected_method (self));
  g_clear_pointer (&self->scenario, awl_scenario_unref);
  g_clear_pointer (&self->trace, awl_trace_unref);
  g_set_object (&self->timeline, timeline);
  self->scenario = scenario ? awl_scenario_ref (scenario) : NULL;
  self->trace = trace ? awl_trace_ref (trace) : NULL;

  /* The async methods, in source order; keep the selection across re-runs. */
  g_signal_handlers_block_by_func (self->method_dropdown, on_method_selected, self);
  gtk_string_list_splice (self->methods, 0, g_list_model_get_n_items (G_LIST_MODEL (self->methods)), NULL);
  points = scenario ? awl_scenario_get_await_points (scenario, &n_points) : NULL;
  for (guint i = 0; points != NULL && i < n_points; i++)
    {
      gboolean seen = FALSE;

      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->methods)) && !seen; k++)
        seen = g_strcmp0 (gtk_string_list_get_string (self->methods, k), points[i].method) == 0;
      if (seen)
        continue;
      if (g_strcmp0 (points[i].method, previous) == 0)
        keep = g_list_model_get_n_items (G_LIST_MODEL (self->methods));
      gtk_string_list_append (self->methods, points[i].method);
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->method_dropdown), keep);
  g_signal_handlers_unblock_by_func (self->method_dropdown, on_method_selected, self);

  /* Rows point into the old trace: never keep them past it. */
  self->built_index = G_MAXUINT;
  clear_box (self->state_box);
  clear_box (self->machine_box);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
}

void
awaitlab_inspector_set_event (AwaitlabInspector *self,
                              guint              event_index)
{
  g_return_if_fail (AWAITLAB_IS_INSPECTOR (self));

  self->event_index = event_index;
  /* Hidden panels cost nothing: rebuild when shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
}

const char *
awaitlab_inspector_get_method (AwaitlabInspector *self)
{
  const char *m;

  g_return_val_if_fail (AWAITLAB_IS_INSPECTOR (self), NULL);
  m = selected_method (self);
  return m ? m : "";
}

void
awaitlab_inspector_set_method (AwaitlabInspector *self,
                               const char        *method)
{
  g_return_if_fail (AWAITLAB_IS_INSPECTOR (self));

  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (self->methods)); k++)
    if (g_strcmp0 (gtk_string_list_get_string (self->methods, k), method) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->method_dropdown), k);
}

static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  /* A list view has widgets for the rows in sight only: read its model. */
  if (GTK_IS_LIST_VIEW (widget) && awaitlab_inspector_list_append_text (GTK_LIST_VIEW (widget), out))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

char *
awaitlab_inspector_dup_text (AwaitlabInspector *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (AWAITLAB_IS_INSPECTOR (self), NULL);

  self->built_index = G_MAXUINT;
  rebuild (self);
  collect_text (self->box, out);
  return g_string_free (out, FALSE);
}
