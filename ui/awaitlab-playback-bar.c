/* awaitlab-playback-bar.c */

#include <glib/gi18n.h>

#include "awaitlab-playback-bar.h"
#include "awaitlab-timeline-renderer.h"

static const double speeds[] = { 0.25, 0.5, 1.0, 2.0, 4.0, 8.0 };

struct _AwaitlabPlaybackBar
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkWidget        *box;
  GtkButton        *play_button;
  GtkScale         *scrubber;
  GtkAdjustment    *adjustment;
  GtkLabel         *time_label;
  GtkDropDown      *speed_dropdown;
  GtkStack         *extras;
  GtkWidget        *extras_full;
  GtkWidget        *extras_compact;

  AwaitlabPlayback *playback;
  guint             updating : 1;
  guint             hide_total : 1;
  guint             fit_source;
  guint             fit_full : 1;
};

G_DEFINE_FINAL_TYPE (AwaitlabPlaybackBar, awaitlab_playback_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAYBACK,
  PROP_SPEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_position_changed (AwaitlabPlaybackBar *self);

static void
on_timeline_changed (AwaitlabPlaybackBar *self)
{
  AwaitlabTimeline *timeline = self->playback ? awaitlab_playback_get_timeline (self->playback) : NULL;
  gint64 end = timeline ? awaitlab_timeline_get_end_time (timeline) : 1;

  self->updating = TRUE;
  gtk_adjustment_configure (self->adjustment, 0, 0, MAX (1, end), MAX (1, end / 200), MAX (1, end / 20), 0);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->scrubber), timeline != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->speed_dropdown), timeline != NULL);
  if (timeline != NULL)
    on_position_changed (self);
}

static void
on_position_changed (AwaitlabPlaybackBar *self)
{
  AwaitlabTimeline *timeline = self->playback ? awaitlab_playback_get_timeline (self->playback) : NULL;
  g_autofree char *now = NULL;
  g_autofree char *end = NULL;
  g_autofree char *label = NULL;
  gint64 time;

  if (timeline == NULL)
    return;
  time = awaitlab_playback_get_time (self->playback);

  self->updating = TRUE;
  gtk_adjustment_set_value (self->adjustment, time);
  self->updating = FALSE;

  now = awaitlab_format_time (time);
  end = awaitlab_format_time (awaitlab_timeline_get_end_time (timeline));
  label = g_strdup_printf ("%s / %s", now, end);
  gtk_label_set_text (self->time_label, self->hide_total ? now : label);
}

/* While a quiz waits for its answer the run's length is the answer to some
 * questions: only the current time shows, and the scrubber (whose knob tells
 * what fraction has played) keeps its place but is not drawn. */
void
awaitlab_playback_bar_set_hide_total (AwaitlabPlaybackBar *self,
                                      gboolean             hide)
{
  g_return_if_fail (AWAITLAB_IS_PLAYBACK_BAR (self));

  self->hide_total = !!hide;
  gtk_widget_set_opacity (GTK_WIDGET (self->scrubber), hide ? 0 : 1);
  gtk_widget_set_can_target (GTK_WIDGET (self->scrubber), !hide);
  gtk_widget_set_focusable (GTK_WIDGET (self->scrubber), !hide);
  on_position_changed (self);
}

const char *
awaitlab_playback_bar_get_time_text (AwaitlabPlaybackBar *self)
{
  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK_BAR (self), NULL);
  return gtk_label_get_text (self->time_label);
}

static void
on_playing_changed (AwaitlabPlaybackBar *self)
{
  gboolean playing = awaitlab_playback_get_playing (self->playback);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
}

/* Dragging the scrubber pauses and seeks; a change made by the playhead
 * itself (updating) must not. */
static void
on_scrubbed (AwaitlabPlaybackBar *self)
{
  if (self->updating || self->playback == NULL)
    return;
  awaitlab_playback_set_playing (self->playback, FALSE);
  awaitlab_playback_seek_time (self->playback, (gint64)gtk_adjustment_get_value (self->adjustment));
}

static void
on_speed_selected (AwaitlabPlaybackBar *self)
{
  if (self->playback != NULL)
    awaitlab_playback_set_speed (self->playback, awaitlab_playback_bar_get_speed (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

/* ------------------------------------------------------------------------- */
/* Fitting a narrow window                                                   */

/* The scrubber keeps at least this much more than its minimum before the
 * speed and timeline controls fold into a menu. */
#define SCRUBBER_COMFORT 80

static void
awaitlab_playback_bar_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  AwaitlabPlaybackBar *self = AWAITLAB_PLAYBACK_BAR (widget);
  int compact_min, compact_nat, shown_min, shown_nat;

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation != GTK_ORIENTATION_HORIZONTAL)
    return;
  /* The bar can always fold: its minimum is the folded one. */
  gtk_widget_measure (self->extras_compact, orientation, -1, &compact_min, &compact_nat, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->extras), orientation, -1, &shown_min, &shown_nat, NULL, NULL);
  *minimum = MAX (0, *minimum - shown_min + compact_min);
}

static gboolean
show_fitting_extras (gpointer data)
{
  AwaitlabPlaybackBar *self = data;

  self->fit_source = 0;
  gtk_stack_set_visible_child (self->extras, self->fit_full ? self->extras_full : self->extras_compact);
  return G_SOURCE_REMOVE;
}

/* Full controls when they fit beside a comfortable scrubber, else the menu.
 * Showing the other page changes the bar's size, so it waits for an idle
 * instead of laying the window out again inside this allocation. */
static void
awaitlab_playback_bar_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  AwaitlabPlaybackBar *self = AWAITLAB_PLAYBACK_BAR (widget);
  int box_min, shown_min, full_nat;
  gboolean full;

  gtk_widget_measure (self->box, GTK_ORIENTATION_HORIZONTAL, -1, &box_min, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->extras), GTK_ORIENTATION_HORIZONTAL, -1, &shown_min, NULL, NULL, NULL);
  gtk_widget_measure (self->extras_full, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &full_nat, NULL, NULL);
  full = width >= box_min - shown_min + full_nat + SCRUBBER_COMFORT;
  if (full != (gtk_stack_get_visible_child (self->extras) == self->extras_full))
    {
      self->fit_full = full;
      if (self->fit_source == 0)
        self->fit_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, show_fitting_extras, self, NULL);
    }

  /* Until the idle folds the controls, the bar overflows for a frame rather
   * than squeeze the box below its minimum. */
  gtk_widget_allocate (self->box, MAX (width, box_min), height, baseline, NULL);
}

/* ------------------------------------------------------------------------- */

static void
awaitlab_playback_bar_dispose (GObject *object)
{
  AwaitlabPlaybackBar *self = AWAITLAB_PLAYBACK_BAR (object);

  awaitlab_playback_bar_set_playback (self, NULL);
  g_clear_handle_id (&self->fit_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), AWAITLAB_TYPE_PLAYBACK_BAR);

  G_OBJECT_CLASS (awaitlab_playback_bar_parent_class)->dispose (object);
}

static void
awaitlab_playback_bar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AwaitlabPlaybackBar *self = AWAITLAB_PLAYBACK_BAR (object);

  switch (prop_id)
    {
    case PROP_PLAYBACK:
      g_value_set_object (value, self->playback);
      break;
    case PROP_SPEED:
      g_value_set_double (value, awaitlab_playback_bar_get_speed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_playback_bar_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AwaitlabPlaybackBar *self = AWAITLAB_PLAYBACK_BAR (object);

  switch (prop_id)
    {
    case PROP_PLAYBACK:
      awaitlab_playback_bar_set_playback (self, g_value_get_object (value));
      break;
    case PROP_SPEED:
      awaitlab_playback_bar_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_playback_bar_class_init (AwaitlabPlaybackBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awaitlab_playback_bar_dispose;
  object_class->get_property = awaitlab_playback_bar_get_property;
  object_class->set_property = awaitlab_playback_bar_set_property;

  properties[PROP_PLAYBACK] =
    g_param_spec_object ("playback", NULL, NULL, AWAITLAB_TYPE_PLAYBACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.25, 8.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = awaitlab_playback_bar_measure;
  widget_class->size_allocate = awaitlab_playback_bar_size_allocate;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/awaitlab/Awaitlab/ui/awaitlab-playback-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, scrubber);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, adjustment);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, time_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, extras);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, extras_full);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, extras_compact);
  gtk_widget_class_bind_template_callback (widget_class, on_scrubbed);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_selected);
  /* The compact menu's speed items (the drop-down's twin in a narrow bar). */
  gtk_widget_class_install_property_action (widget_class, "playback.speed", "speed");
}

static void
awaitlab_playback_bar_init (AwaitlabPlaybackBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  on_timeline_changed (self);
}

AwaitlabPlayback *
awaitlab_playback_bar_get_playback (AwaitlabPlaybackBar *self)
{
  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK_BAR (self), NULL);
  return self->playback;
}

void
awaitlab_playback_bar_set_playback (AwaitlabPlaybackBar *self,
                                    AwaitlabPlayback    *playback)
{
  g_return_if_fail (AWAITLAB_IS_PLAYBACK_BAR (self));
  g_return_if_fail (playback == NULL || AWAITLAB_IS_PLAYBACK (playback));

  if (self->playback == playback)
    return;

  if (self->playback != NULL)
    g_signal_handlers_disconnect_by_data (self->playback, self);
  g_set_object (&self->playback, playback);
  if (playback != NULL)
    {
      g_signal_connect_swapped (playback, "notify::timeline", G_CALLBACK (on_timeline_changed), self);
      g_signal_connect_swapped (playback, "notify::position", G_CALLBACK (on_position_changed), self);
      g_signal_connect_swapped (playback, "notify::playing", G_CALLBACK (on_playing_changed), self);
      awaitlab_playback_set_speed (playback, awaitlab_playback_bar_get_speed (self));
      on_timeline_changed (self);
      on_position_changed (self);
      on_playing_changed (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYBACK]);
}

double
awaitlab_playback_bar_get_speed (AwaitlabPlaybackBar *self)
{
  guint i;

  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK_BAR (self), 1.0);
  i = gtk_drop_down_get_selected (self->speed_dropdown);
  return i < G_N_ELEMENTS (speeds) ? speeds[i] : 1.0;
}

/* Picks the listed speed nearest to @speed. */
void
awaitlab_playback_bar_set_speed (AwaitlabPlaybackBar *self,
                                 double               speed)
{
  guint best = 2;

  g_return_if_fail (AWAITLAB_IS_PLAYBACK_BAR (self));

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (ABS (speeds[i] - speed) < ABS (speeds[best] - speed))
      best = i;
  gtk_drop_down_set_selected (self->speed_dropdown, best);
}

GtkWidget *
awaitlab_playback_bar_get_scrubber (AwaitlabPlaybackBar *self)
{
  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK_BAR (self), NULL);
  return GTK_WIDGET (self->scrubber);
}

gboolean
awaitlab_playback_bar_get_compact (AwaitlabPlaybackBar *self)
{
  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK_BAR (self), FALSE);
  return gtk_stack_get_visible_child (self->extras) == self->extras_compact;
}
