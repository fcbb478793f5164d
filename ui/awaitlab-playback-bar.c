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

  AwaitlabPlayback *playback;
  guint             updating : 1;
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
  gtk_label_set_text (self->time_label, label);
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

static void
awaitlab_playback_bar_dispose (GObject *object)
{
  AwaitlabPlaybackBar *self = AWAITLAB_PLAYBACK_BAR (object);

  awaitlab_playback_bar_set_playback (self, NULL);
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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/awaitlab/Awaitlab/ui/awaitlab-playback-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, box);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, play_button);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, scrubber);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, adjustment);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, time_label);
  gtk_widget_class_bind_template_child (widget_class, AwaitlabPlaybackBar, speed_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_scrubbed);
  gtk_widget_class_bind_template_callback (widget_class, on_speed_selected);
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
