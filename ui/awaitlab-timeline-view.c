/* awaitlab-timeline-view.c */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "awaitlab-timeline-view.h"

struct _AwaitlabTimelineView
{
  GtkWidget                 parent_instance;

  AwaitlabTimeline         *timeline;
  AwaitlabTimeRange        *range;
  AwaitlabTimeAxis         *axis;
  AwaitlabTimelineRenderer *renderer;

  gint64                    playhead;
  double                    playhead_position; /* over events, < 0 = by time */
  int                       selected_lane;
  int                       selected_span;
  int                       hover_lane;
  int                       hover_span;

  gint64                    drag_begin_start;
  gint64                    drag_begin_end;
  double                    zoom_begin_width;
  double                    pointer_x;
  gint64                    zoom_anchor;
};

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_TIME_RANGE,
  PROP_PLAYHEAD,
  PROP_SELECTED_LANE,
  PROP_SCALE,
  PROP_AXIS_MODE,
  N_PROPS
};

enum {
  SPAN_ACTIVATED,
  SEEK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AwaitlabTimelineView, awaitlab_timeline_view, GTK_TYPE_WIDGET)

static void
range_changed (AwaitlabTimelineView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
awaitlab_timeline_view_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  AwaitlabTimelineView *self = (AwaitlabTimelineView *)widget;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  awaitlab_timeline_renderer_set_dark (self->renderer,
                                       adw_style_manager_get_dark (adw_style_manager_get_default ()));
  awaitlab_timeline_renderer_set_playhead (self->renderer, self->timeline ? self->playhead : -1);
  awaitlab_timeline_renderer_set_playhead_position (self->renderer, self->playhead_position);
  awaitlab_timeline_renderer_set_selected (self->renderer, self->selected_lane);
  awaitlab_timeline_renderer_set_hover (self->renderer, self->hover_lane, self->hover_span);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  awaitlab_timeline_renderer_draw (self->renderer, cr, self->timeline,
                                   awaitlab_time_range_get_begin (self->range),
                                   awaitlab_time_range_get_end (self->range),
                                   width, height);
  cairo_destroy (cr);
}

static void
awaitlab_timeline_view_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  AwaitlabTimelineView *self = (AwaitlabTimelineView *)widget;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 800;
    }
  else
    {
      double h = awaitlab_timeline_renderer_get_natural_height (self->renderer, self->timeline);

      *minimum = MIN (160, (int)h);
      *natural = (int)ceil (h);
    }
}

static gboolean
hit_test (AwaitlabTimelineView *self,
          double                x,
          double                y,
          AwaitlabTimelineHit  *hit)
{
  return awaitlab_timeline_renderer_hit_test (self->renderer, self->timeline,
                                              awaitlab_time_range_get_begin (self->range),
                                              awaitlab_time_range_get_end (self->range),
                                              gtk_widget_get_width (GTK_WIDGET (self)),
                                              gtk_widget_get_height (GTK_WIDGET (self)),
                                              x, y, hit);
}

static gint64
x_to_time (AwaitlabTimelineView *self,
           double                x)
{
  return awaitlab_timeline_renderer_x_to_time (self->renderer,
                                               awaitlab_time_range_get_begin (self->range),
                                               awaitlab_time_range_get_end (self->range),
                                               gtk_widget_get_width (GTK_WIDGET (self)), x);
}

static gint64
x_to_pos (AwaitlabTimelineView *self,
          double                x)
{
  return awaitlab_timeline_renderer_x_to_pos (self->renderer,
                                              awaitlab_time_range_get_begin (self->range),
                                              awaitlab_time_range_get_end (self->range),
                                              gtk_widget_get_width (GTK_WIDGET (self)), x);
}

static gboolean
on_query_tooltip (AwaitlabTimelineView *self,
                  int                   x,
                  int                   y,
                  gboolean              keyboard,
                  GtkTooltip           *tooltip)
{
  AwaitlabTimelineHit hit;
  const AwaitlabSpan *spans, *span;
  g_autofree char *begin = NULL;
  g_autofree char *dur = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *label = NULL;
  g_autofree char *lane = NULL;
  guint n;

  if (self->timeline == NULL || !hit_test (self, x, y, &hit) || hit.lane < 0 || hit.span < 0)
    return FALSE;

  spans = awaitlab_timeline_get_spans (self->timeline, hit.lane, &n);
  span = &spans[hit.span];
  begin = awaitlab_format_time (span->begin);
  /* Code run at an instant: say so rather than "for 0". */
  dur = span->end > span->begin ? awaitlab_format_time (span->end - span->begin)
                                : g_strdup (_("no virtual time"));
  label = g_markup_escape_text (span->detail ? span->detail : (span->label ? span->label : ""), -1);
  /* "Timers & I/O" is a lane name too: escape it like any text. */
  lane = g_markup_escape_text (awaitlab_timeline_get_lane_name (self->timeline, hit.lane), -1);

  markup = g_strdup_printf ("<b>%s</b> — %s\n%s\n%s %s, %s %s%s%s",
                            lane,
                            awaitlab_span_state_name (span->state),
                            label,
                            _("from"), begin, _("for"), dur,
                            span->line ? "\n" : "",
                            span->line ? _("Click to show the line") : "");
  gtk_tooltip_set_markup (tooltip, markup);

  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           AwaitlabTimelineView     *self)
{
  AwaitlabTimelineHit hit;

  self->pointer_x = x;
  hit_test (self, x, y, &hit);
  if (hit.lane != self->hover_lane || hit.span != self->hover_span)
    {
      self->hover_lane = hit.lane;
      self->hover_span = hit.span;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *motion,
          AwaitlabTimelineView     *self)
{
  self->hover_lane = self->hover_span = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click (GtkGestureClick      *click,
          int                   n_press,
          double                x,
          double                y,
          AwaitlabTimelineView *self)
{
  AwaitlabTimelineHit hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* The ruler seeks; a lane selects its thread; a span also shows its line. */
  if (y < 30 * awaitlab_timeline_renderer_get_scale (self->renderer))
    {
      g_signal_emit (self, signals[SEEK], 0, x_to_time (self, x));
      return;
    }

  hit_test (self, x, y, &hit);
  self->selected_span = hit.span;
  awaitlab_timeline_view_set_selected_lane (self, hit.lane);
  if (hit.lane >= 0 && hit.span >= 0)
    g_signal_emit (self, signals[SPAN_ACTIVATED], 0, hit.lane, hit.span);
}

static void
on_drag_begin (GtkGestureDrag       *drag,
               double                x,
               double                y,
               AwaitlabTimelineView *self)
{
  self->drag_begin_start = awaitlab_time_range_get_begin (self->range);
  self->drag_begin_end = awaitlab_time_range_get_end (self->range);
}

static void
on_drag_update (GtkGestureDrag       *drag,
                double                dx,
                double                dy,
                AwaitlabTimelineView *self)
{
  double area_w = gtk_widget_get_width (GTK_WIDGET (self)) -
                  awaitlab_timeline_renderer_get_label_width (self->renderer);
  gint64 width = self->drag_begin_end - self->drag_begin_start;
  gint64 delta;

  if (area_w <= 0 || fabs (dx) < 3)
    return;

  delta = (gint64)(-dx / area_w * width);
  awaitlab_time_range_set_visible (self->range, self->drag_begin_start + delta,
                                   self->drag_begin_end + delta);
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           AwaitlabTimelineView     *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gint64 width = awaitlab_time_range_get_end (self->range) - awaitlab_time_range_get_begin (self->range);

  if (self->timeline == NULL)
    return FALSE;

  /* Ctrl+wheel zooms around the pointer, like every GNOME timeline. */
  if (state & GDK_CONTROL_MASK)
    {
      awaitlab_time_range_zoom (self->range, pow (1.15, dy), x_to_pos (self, self->pointer_x));
      return TRUE;
    }

  /* Plain wheel pans through time; shift or a horizontal wheel do too. */
  if (dx != 0 || (state & GDK_SHIFT_MASK) || dy != 0)
    {
      double d = dx != 0 ? dx : dy;

      awaitlab_time_range_pan (self->range, (gint64)(d * width / 10));
      return TRUE;
    }

  return FALSE;
}

static void
on_zoom_begin (GtkGesture           *gesture,
               GdkEventSequence     *sequence,
               AwaitlabTimelineView *self)
{
  double x, y;

  self->zoom_begin_width = awaitlab_time_range_get_end (self->range) - awaitlab_time_range_get_begin (self->range);
  gtk_gesture_get_bounding_box_center (gesture, &x, &y);
  self->zoom_anchor = x_to_pos (self, x);
}

static void
on_zoom_changed (GtkGestureZoom       *gesture,
                 double                scale,
                 AwaitlabTimelineView *self)
{
  gint64 width = awaitlab_time_range_get_end (self->range) - awaitlab_time_range_get_begin (self->range);

  if (scale <= 0 || width <= 0)
    return;
  awaitlab_time_range_zoom (self->range, self->zoom_begin_width / scale / width, self->zoom_anchor);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AwaitlabTimelineView *self = AWAITLAB_TIMELINE_VIEW (widget);
  gint64 begin = awaitlab_time_range_get_begin (self->range);
  gint64 end = awaitlab_time_range_get_end (self->range);
  /* Zoom around the playhead when it is in view, else the centre. */
  gint64 play = awaitlab_time_axis_time_to_pos_after (self->axis, self->playhead);
  gint64 anchor = (play >= begin && play <= end) ? play : (begin + end) / 2;

  if (g_str_equal (action_name, "timeline.zoom-in"))
    awaitlab_time_range_zoom (self->range, 1 / 1.5, anchor);
  else if (g_str_equal (action_name, "timeline.zoom-out"))
    awaitlab_time_range_zoom (self->range, 1.5, anchor);
  else if (g_str_equal (action_name, "timeline.zoom-fit"))
    awaitlab_time_range_fit (self->range);
  else if (g_str_equal (action_name, "timeline.zoom-selection") &&
           self->timeline != NULL && self->selected_lane >= 0 && self->selected_span >= 0)
    {
      const AwaitlabAxisSpan *spans;
      guint n;

      spans = awaitlab_time_axis_get_spans (self->axis, self->selected_lane, &n);
      if ((guint)self->selected_span < n)
        {
          const AwaitlabAxisSpan *p = &spans[self->selected_span];
          gint64 margin = MAX ((p->end - p->begin) / 10, 1000);

          awaitlab_time_range_set_visible (self->range, p->begin - margin, p->end + margin);
        }
    }
}

static void
toggle_axis_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  AwaitlabTimelineView *self = AWAITLAB_TIMELINE_VIEW (widget);

  awaitlab_timeline_view_set_axis_mode (self, awaitlab_time_axis_get_mode (self->axis) == AWAITLAB_AXIS_STEPS
                                              ? AWAITLAB_AXIS_REAL : AWAITLAB_AXIS_STEPS);
}

/* A new timeline or mode: the bounds follow the axis, with a little air after
 * the end so the last span and the red cycle show. */
static void
update_bounds (AwaitlabTimelineView *self)
{
  gint64 end = MAX (awaitlab_time_axis_get_length (self->axis), 1000000);

  awaitlab_time_range_set_bounds (self->range, 0, end + end / 20);
}

static void
awaitlab_timeline_view_dispose (GObject *object)
{
  AwaitlabTimelineView *self = (AwaitlabTimelineView *)object;

  g_clear_object (&self->timeline);
  if (self->range != NULL)
    g_signal_handlers_disconnect_by_data (self->range, self);
  g_clear_object (&self->range);
  if (self->axis != NULL)
    g_signal_handlers_disconnect_by_data (self->axis, self);
  g_clear_object (&self->axis);
  g_clear_pointer (&self->renderer, awaitlab_timeline_renderer_free);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  G_OBJECT_CLASS (awaitlab_timeline_view_parent_class)->dispose (object);
}

static void
awaitlab_timeline_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AwaitlabTimelineView *self = AWAITLAB_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_TIME_RANGE:
      g_value_set_object (value, self->range);
      break;
    case PROP_PLAYHEAD:
      g_value_set_int64 (value, self->playhead);
      break;
    case PROP_SELECTED_LANE:
      g_value_set_int (value, self->selected_lane);
      break;
    case PROP_SCALE:
      g_value_set_double (value, awaitlab_timeline_view_get_scale (self));
      break;
    case PROP_AXIS_MODE:
      g_value_set_enum (value, awaitlab_time_axis_get_mode (self->axis));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_timeline_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AwaitlabTimelineView *self = AWAITLAB_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      awaitlab_timeline_view_set_timeline (self, g_value_get_object (value));
      break;
    case PROP_PLAYHEAD:
      awaitlab_timeline_view_set_playhead (self, g_value_get_int64 (value));
      break;
    case PROP_SELECTED_LANE:
      awaitlab_timeline_view_set_selected_lane (self, g_value_get_int (value));
      break;
    case PROP_SCALE:
      awaitlab_timeline_view_set_scale (self, g_value_get_double (value));
      break;
    case PROP_AXIS_MODE:
      awaitlab_timeline_view_set_axis_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_timeline_view_class_init (AwaitlabTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awaitlab_timeline_view_dispose;
  object_class->get_property = awaitlab_timeline_view_get_property;
  object_class->set_property = awaitlab_timeline_view_set_property;

  widget_class->snapshot = awaitlab_timeline_view_snapshot;
  widget_class->measure = awaitlab_timeline_view_measure;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, AWAITLAB_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_RANGE] =
    g_param_spec_object ("time-range", NULL, NULL, AWAITLAB_TYPE_TIME_RANGE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYHEAD] =
    g_param_spec_int64 ("playhead", NULL, NULL, -1, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_LANE] =
    g_param_spec_int ("selected-lane", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Steps (instants get room) or real virtual time; bound to the
   * "timeline-axis" setting by the window, toggled by timeline.axis-mode. */
  properties[PROP_AXIS_MODE] =
    g_param_spec_enum ("axis-mode", NULL, NULL, AWAITLAB_TYPE_AXIS_MODE, AWAITLAB_AXIS_STEPS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SPAN_ACTIVATED] =
    g_signal_new ("span-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
  signals[SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-selection", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "timeline.axis-mode", "axis-mode");
  gtk_widget_class_install_action (widget_class, "timeline.toggle-axis", NULL, toggle_axis_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, 0, "timeline.zoom-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "timeline.toggle-axis", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
awaitlab_timeline_view_init (AwaitlabTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->renderer = awaitlab_timeline_renderer_new ();
  self->range = awaitlab_time_range_new ();
  self->axis = awaitlab_time_axis_new (AWAITLAB_AXIS_STEPS);
  awaitlab_time_range_set_axis (self->range, self->axis);
  awaitlab_timeline_renderer_set_axis (self->renderer, self->axis);
  self->playhead_position = -1;
  self->selected_lane = self->selected_span = -1;
  self->hover_lane = self->hover_span = -1;
  g_signal_connect_swapped (self->range, "notify", G_CALLBACK (range_changed), self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (gtk_widget_queue_draw), self);
}

GtkWidget *
awaitlab_timeline_view_new (void)
{
  return g_object_new (AWAITLAB_TYPE_TIMELINE_VIEW, NULL);
}

AwaitlabTimeline *
awaitlab_timeline_view_get_timeline (AwaitlabTimelineView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self), NULL);
  return self->timeline;
}

void
awaitlab_timeline_view_set_timeline (AwaitlabTimelineView *self,
                                     AwaitlabTimeline     *timeline)
{
  g_return_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self));

  if (!g_set_object (&self->timeline, timeline))
    return;

  self->selected_lane = self->selected_span = -1;
  self->hover_lane = self->hover_span = -1;

  awaitlab_time_axis_set_timeline (self->axis, timeline);
  if (timeline != NULL)
    {
      update_bounds (self);
      awaitlab_time_range_fit (self->range);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

AwaitlabTimeRange *
awaitlab_timeline_view_get_time_range (AwaitlabTimelineView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self), NULL);
  return self->range;
}

gint64
awaitlab_timeline_view_get_playhead (AwaitlabTimelineView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self), 0);
  return self->playhead;
}

void
awaitlab_timeline_view_set_playhead (AwaitlabTimelineView *self,
                                     gint64                playhead)
{
  g_return_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self));

  if (playhead == self->playhead && self->playhead_position < 0)
    return;
  self->playhead = playhead;
  self->playhead_position = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
}

int
awaitlab_timeline_view_get_selected_lane (AwaitlabTimelineView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self), -1);
  return self->selected_lane;
}

void
awaitlab_timeline_view_set_selected_lane (AwaitlabTimelineView *self,
                                          int                   lane)
{
  g_return_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self));

  if (lane == self->selected_lane)
    return;
  self->selected_lane = lane;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_LANE]);
}

double
awaitlab_timeline_view_get_scale (AwaitlabTimelineView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self), 1.0);
  return awaitlab_timeline_renderer_get_scale (self->renderer);
}

void
awaitlab_timeline_view_set_scale (AwaitlabTimelineView *self,
                                  double                scale)
{
  g_return_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self));

  if (scale == awaitlab_timeline_renderer_get_scale (self->renderer))
    return;
  awaitlab_timeline_renderer_set_scale (self->renderer, scale);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

AwaitlabTimelineRenderer *
awaitlab_timeline_view_get_renderer (AwaitlabTimelineView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self), NULL);
  return self->renderer;
}

/* The playhead at the playback's @position over events (at @time): on the
 * step axis it then moves through an instant event by event, as stepping
 * and playback do. */
void
awaitlab_timeline_view_set_playhead_position (AwaitlabTimelineView *self,
                                              gint64                time,
                                              double                position)
{
  g_return_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self));

  if (time == self->playhead && position == self->playhead_position)
    return;
  awaitlab_timeline_view_set_playhead (self, time);
  self->playhead_position = position;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

AwaitlabTimeAxis *
awaitlab_timeline_view_get_axis (AwaitlabTimelineView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self), NULL);
  return self->axis;
}

AwaitlabAxisMode
awaitlab_timeline_view_get_axis_mode (AwaitlabTimelineView *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self), AWAITLAB_AXIS_STEPS);
  return awaitlab_time_axis_get_mode (self->axis);
}

/* Switching keeps the same stretch of virtual time in view. */
void
awaitlab_timeline_view_set_axis_mode (AwaitlabTimelineView *self,
                                      AwaitlabAxisMode      mode)
{
  gint64 t0, t1;

  g_return_if_fail (AWAITLAB_IS_TIMELINE_VIEW (self));

  if (mode == awaitlab_time_axis_get_mode (self->axis))
    return;

  t0 = awaitlab_time_axis_pos_to_time (self->axis, awaitlab_time_range_get_begin (self->range));
  t1 = awaitlab_time_axis_pos_to_time (self->axis, awaitlab_time_range_get_end (self->range));
  awaitlab_time_axis_set_mode (self->axis, mode);
  if (self->timeline != NULL)
    {
      gboolean whole = awaitlab_time_range_get_begin (self->range) <= awaitlab_time_range_get_lower (self->range) &&
                       awaitlab_time_range_get_end (self->range) >= awaitlab_time_range_get_upper (self->range);

      update_bounds (self);
      if (whole)
        awaitlab_time_range_fit (self->range);
      else
        awaitlab_time_range_set_visible (self->range, awaitlab_time_axis_time_to_pos (self->axis, t0),
                                         awaitlab_time_axis_time_to_pos_after (self->axis, t1));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AXIS_MODE]);
}
