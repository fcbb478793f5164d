/* awaitlab-playback.c */

#include <math.h>

#include "awaitlab-playback.h"

/* At 1× a whole run takes about this long: a part for the number of events
 * (so instantaneous cascades are still watchable) and a part for virtual time
 * (so a 1 s delay looks longer than a 1 ms one). */
#define EVENTS_SECONDS 5.0
#define TIME_SECONDS   6.0
#define MAX_EVENT_STEP 0.35

struct _AwaitlabPlayback
{
  GObject           parent_instance;
  AwaitlabTimeline *timeline;
  double            position;
  double            speed;
  double            event_seconds;
  double            seconds_per_ns;
  guint             playing : 1;
};

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_POSITION,
  PROP_EVENT_INDEX,
  PROP_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AwaitlabPlayback, awaitlab_playback, G_TYPE_OBJECT)

static guint
n_events (AwaitlabPlayback *self)
{
  guint n = 0;

  if (self->timeline != NULL)
    awaitlab_timeline_get_events (self->timeline, &n);
  return n;
}

static void
set_position (AwaitlabPlayback *self,
              double            position)
{
  guint old_index = awaitlab_playback_get_event_index (self);
  guint n = n_events (self);

  position = CLAMP (position, 0, n > 0 ? n - 1 : 0);
  if (position == self->position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
  if (old_index != awaitlab_playback_get_event_index (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_INDEX]);
}

static void
awaitlab_playback_dispose (GObject *object)
{
  AwaitlabPlayback *self = (AwaitlabPlayback *)object;

  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (awaitlab_playback_parent_class)->dispose (object);
}

static void
awaitlab_playback_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AwaitlabPlayback *self = AWAITLAB_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    case PROP_EVENT_INDEX:
      g_value_set_uint (value, awaitlab_playback_get_event_index (self));
      break;
    case PROP_TIME:
      g_value_set_int64 (value, awaitlab_playback_get_time (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_playback_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AwaitlabPlayback *self = AWAITLAB_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      awaitlab_playback_set_timeline (self, g_value_get_object (value));
      break;
    case PROP_PLAYING:
      awaitlab_playback_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      awaitlab_playback_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_playback_class_init (AwaitlabPlaybackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = awaitlab_playback_dispose;
  object_class->get_property = awaitlab_playback_get_property;
  object_class->set_property = awaitlab_playback_set_property;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, AWAITLAB_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.25, 8.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT_INDEX] =
    g_param_spec_uint ("event-index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
awaitlab_playback_init (AwaitlabPlayback *self)
{
  self->speed = 1.0;
}

AwaitlabPlayback *
awaitlab_playback_new (void)
{
  return g_object_new (AWAITLAB_TYPE_PLAYBACK, NULL);
}

AwaitlabTimeline *
awaitlab_playback_get_timeline (AwaitlabPlayback *self)
{
  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK (self), NULL);
  return self->timeline;
}

void
awaitlab_playback_set_timeline (AwaitlabPlayback *self,
                                AwaitlabTimeline *timeline)
{
  gint64 end;
  guint n;

  g_return_if_fail (AWAITLAB_IS_PLAYBACK (self));
  g_return_if_fail (!timeline || AWAITLAB_IS_TIMELINE (timeline));

  if (!g_set_object (&self->timeline, timeline))
    return;

  n = n_events (self);
  end = timeline ? awaitlab_timeline_get_end_time (timeline) : 0;
  self->event_seconds = n > 0 ? MIN (MAX_EVENT_STEP, EVENTS_SECONDS / n) : 0;
  self->seconds_per_ns = end > 0 ? TIME_SECONDS / end : 0;

  awaitlab_playback_set_playing (self, FALSE);
  self->position = -1;
  set_position (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

gboolean
awaitlab_playback_get_playing (AwaitlabPlayback *self)
{
  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK (self), FALSE);
  return self->playing;
}

void
awaitlab_playback_set_playing (AwaitlabPlayback *self,
                               gboolean          playing)
{
  g_return_if_fail (AWAITLAB_IS_PLAYBACK (self));

  playing = !!playing && n_events (self) > 1;
  if (playing == self->playing)
    return;

  /* Play at the end means play again. */
  if (playing && awaitlab_playback_is_at_end (self))
    set_position (self, 0);

  self->playing = playing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

double
awaitlab_playback_get_speed (AwaitlabPlayback *self)
{
  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK (self), 1.0);
  return self->speed;
}

void
awaitlab_playback_set_speed (AwaitlabPlayback *self,
                             double            speed)
{
  g_return_if_fail (AWAITLAB_IS_PLAYBACK (self));

  speed = CLAMP (speed, 0.25, 8.0);
  if (speed == self->speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

double
awaitlab_playback_get_position (AwaitlabPlayback *self)
{
  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK (self), 0);
  return MAX (0, self->position);
}

guint
awaitlab_playback_get_event_index (AwaitlabPlayback *self)
{
  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK (self), 0);
  return self->position < 0 ? 0 : (guint)floor (self->position);
}

gint64
awaitlab_playback_get_time (AwaitlabPlayback *self)
{
  const AwaitlabEvent *events;
  guint n, i;
  double frac;

  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK (self), 0);

  if (self->timeline == NULL)
    return 0;

  events = awaitlab_timeline_get_events (self->timeline, &n);
  if (n == 0)
    return 0;

  i = awaitlab_playback_get_event_index (self);
  frac = self->position - i;
  if (i + 1 >= n)
    return MAX (events[n - 1].time, awaitlab_timeline_get_end_time (self->timeline));
  return events[i].time + (gint64)(frac * (events[i + 1].time - events[i].time));
}

gboolean
awaitlab_playback_is_at_end (AwaitlabPlayback *self)
{
  guint n;

  g_return_val_if_fail (AWAITLAB_IS_PLAYBACK (self), FALSE);

  n = n_events (self);
  return n == 0 || self->position >= n - 1;
}

void
awaitlab_playback_step (AwaitlabPlayback *self,
                        int               delta)
{
  double target;

  g_return_if_fail (AWAITLAB_IS_PLAYBACK (self));

  awaitlab_playback_set_playing (self, FALSE);

  /* From between two events, one step lands on the neighbour in that direction. */
  if (delta > 0)
    target = floor (self->position) + delta;
  else
    target = ceil (self->position) + delta;
  set_position (self, target);
}

/* Lands exactly on event @index (clamped to the run). */
void
awaitlab_playback_seek_event (AwaitlabPlayback *self,
                              guint             index)
{
  g_return_if_fail (AWAITLAB_IS_PLAYBACK (self));

  awaitlab_playback_set_playing (self, FALSE);
  set_position (self, index);
}

void
awaitlab_playback_seek_start (AwaitlabPlayback *self)
{
  g_return_if_fail (AWAITLAB_IS_PLAYBACK (self));
  set_position (self, 0);
}

void
awaitlab_playback_seek_end (AwaitlabPlayback *self)
{
  g_return_if_fail (AWAITLAB_IS_PLAYBACK (self));
  awaitlab_playback_set_playing (self, FALSE);
  set_position (self, G_MAXDOUBLE);
}

void
awaitlab_playback_seek_time (AwaitlabPlayback *self,
                             gint64            time)
{
  const AwaitlabEvent *events;
  guint n, i;
  double frac = 0;

  g_return_if_fail (AWAITLAB_IS_PLAYBACK (self));

  if (self->timeline == NULL)
    return;

  events = awaitlab_timeline_get_events (self->timeline, &n);
  if (n == 0)
    return;

  i = awaitlab_timeline_event_at_time (self->timeline, time);
  if (i + 1 < n && events[i + 1].time > events[i].time && time > events[i].time)
    frac = MIN (0.999, (double)(time - events[i].time) / (events[i + 1].time - events[i].time));
  set_position (self, i + frac);
}

/* Wall-clock seconds the step from event @i to @i + 1 takes at 1×. */
static double
step_seconds (AwaitlabPlayback    *self,
              const AwaitlabEvent *events,
              guint                i)
{
  return self->event_seconds + (events[i + 1].time - events[i].time) * self->seconds_per_ns;
}

void
awaitlab_playback_advance (AwaitlabPlayback *self,
                           double            seconds)
{
  const AwaitlabEvent *events;
  double position;
  guint n;

  g_return_if_fail (AWAITLAB_IS_PLAYBACK (self));

  if (!self->playing || self->timeline == NULL || seconds <= 0)
    return;

  events = awaitlab_timeline_get_events (self->timeline, &n);
  position = MAX (0, self->position);
  seconds *= self->speed;

  while (seconds > 0 && position < n - 1)
    {
      guint i = (guint)floor (position);
      double dur = MAX (1e-9, step_seconds (self, events, i));
      double left = (1.0 - (position - i)) * dur;

      if (seconds >= left)
        {
          position = i + 1;
          seconds -= left;
        }
      else
        {
          position += seconds / dur;
          seconds = 0;
        }
    }

  set_position (self, position);
  if (awaitlab_playback_is_at_end (self))
    {
      self->playing = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
    }
}
