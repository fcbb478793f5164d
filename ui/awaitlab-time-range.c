/* awaitlab-time-range.c */

#include "awaitlab-time-range.h"

/* Narrower than this there is nothing left to see: events take zero time. */
#define MIN_SPAN 1000 /* 1 µs */

struct _AwaitlabTimeRange
{
  GObject parent_instance;
  gint64  lower;
  gint64  upper;
  gint64  begin;
  gint64  end;
  AwaitlabTimeAxis *axis;     /* weak: the view that owns both outlives it */
};

enum {
  PROP_0,
  PROP_BEGIN,
  PROP_END,
  PROP_LOWER,
  PROP_UPPER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AwaitlabTimeRange, awaitlab_time_range, G_TYPE_OBJECT)

static void
awaitlab_time_range_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AwaitlabTimeRange *self = AWAITLAB_TIME_RANGE (object);

  switch (prop_id)
    {
    case PROP_BEGIN:
      g_value_set_int64 (value, self->begin);
      break;
    case PROP_END:
      g_value_set_int64 (value, self->end);
      break;
    case PROP_LOWER:
      g_value_set_int64 (value, self->lower);
      break;
    case PROP_UPPER:
      g_value_set_int64 (value, self->upper);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awaitlab_time_range_finalize (GObject *object)
{
  awaitlab_time_range_set_axis (AWAITLAB_TIME_RANGE (object), NULL);
  G_OBJECT_CLASS (awaitlab_time_range_parent_class)->finalize (object);
}

static void
awaitlab_time_range_class_init (AwaitlabTimeRangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = awaitlab_time_range_finalize;
  object_class->get_property = awaitlab_time_range_get_property;

  properties[PROP_BEGIN] =
    g_param_spec_int64 ("begin", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] =
    g_param_spec_int64 ("end", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOWER] =
    g_param_spec_int64 ("lower", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPPER] =
    g_param_spec_int64 ("upper", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
awaitlab_time_range_init (AwaitlabTimeRange *self)
{
  self->upper = self->end = G_USEC_PER_SEC * 1000; /* 1 s */
}

AwaitlabTimeRange *
awaitlab_time_range_new (void)
{
  return g_object_new (AWAITLAB_TYPE_TIME_RANGE, NULL);
}

gint64
awaitlab_time_range_get_begin (AwaitlabTimeRange *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_RANGE (self), 0);
  return self->begin;
}

gint64
awaitlab_time_range_get_end (AwaitlabTimeRange *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_RANGE (self), 0);
  return self->end;
}

gint64
awaitlab_time_range_get_lower (AwaitlabTimeRange *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_RANGE (self), 0);
  return self->lower;
}

gint64
awaitlab_time_range_get_upper (AwaitlabTimeRange *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_RANGE (self), 0);
  return self->upper;
}

/* Keeps the visible window inside the bounds and at least MIN_SPAN wide; it
 * may not be wider than the bounds, which is what "fit" shows. */
static void
apply (AwaitlabTimeRange *self,
       gint64             begin,
       gint64             end)
{
  gint64 width = end - begin;
  gint64 full = self->upper - self->lower;

  width = CLAMP (width, MIN (MIN_SPAN, full), full);
  if (begin < self->lower)
    begin = self->lower;
  if (begin + width > self->upper)
    begin = self->upper - width;
  end = begin + width;

  if (begin == self->begin && end == self->end)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (begin != self->begin)
    {
      self->begin = begin;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BEGIN]);
    }
  if (end != self->end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
awaitlab_time_range_set_bounds (AwaitlabTimeRange *self,
                                gint64             lower,
                                gint64             upper)
{
  g_return_if_fail (AWAITLAB_IS_TIME_RANGE (self));

  if (upper <= lower)
    upper = lower + MIN_SPAN;

  g_object_freeze_notify (G_OBJECT (self));
  self->lower = lower;
  self->upper = upper;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOWER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPPER]);
  apply (self, self->begin, self->end);
  g_object_thaw_notify (G_OBJECT (self));
}

void
awaitlab_time_range_set_visible (AwaitlabTimeRange *self,
                                 gint64             begin,
                                 gint64             end)
{
  g_return_if_fail (AWAITLAB_IS_TIME_RANGE (self));
  apply (self, begin, MAX (begin, end));
}

/* @factor < 1 zooms in; @anchor keeps its place on screen (the pointer). */
void
awaitlab_time_range_zoom (AwaitlabTimeRange *self,
                          double             factor,
                          gint64             anchor)
{
  double width, ratio, new_width;
  gint64 begin;

  g_return_if_fail (AWAITLAB_IS_TIME_RANGE (self));
  g_return_if_fail (factor > 0);

  width = self->end - self->begin;
  anchor = CLAMP (anchor, self->begin, self->end);
  ratio = width > 0 ? (anchor - self->begin) / width : 0.5;
  new_width = MAX (width * factor, MIN_SPAN);
  begin = anchor - (gint64)(ratio * new_width);
  apply (self, begin, begin + (gint64)new_width);
}

void
awaitlab_time_range_pan (AwaitlabTimeRange *self,
                         gint64             delta)
{
  g_return_if_fail (AWAITLAB_IS_TIME_RANGE (self));
  apply (self, self->begin + delta, self->end + delta);
}

void
awaitlab_time_range_fit (AwaitlabTimeRange *self)
{
  g_return_if_fail (AWAITLAB_IS_TIME_RANGE (self));
  apply (self, self->lower, self->upper);
}

void
awaitlab_time_range_set_axis (AwaitlabTimeRange *self,
                              AwaitlabTimeAxis  *axis)
{
  g_return_if_fail (AWAITLAB_IS_TIME_RANGE (self));

  if (self->axis != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->axis), (gpointer *)&self->axis);
  self->axis = axis;
  if (axis != NULL)
    g_object_add_weak_pointer (G_OBJECT (axis), (gpointer *)&self->axis);
}

AwaitlabTimeAxis *
awaitlab_time_range_get_axis (AwaitlabTimeRange *self)
{
  g_return_val_if_fail (AWAITLAB_IS_TIME_RANGE (self), NULL);
  return self->axis;
}

/* Scrolls just enough to show virtual time @time (the playhead during
 * playback), mapped through the axis. */
void
awaitlab_time_range_ensure (AwaitlabTimeRange *self,
                            gint64             time)
{
  gint64 width;

  g_return_if_fail (AWAITLAB_IS_TIME_RANGE (self));

  if (self->axis != NULL)
    time = awaitlab_time_axis_time_to_pos_after (self->axis, time);

  width = self->end - self->begin;
  if (time < self->begin)
    apply (self, time - width / 10, time - width / 10 + width);
  else if (time > self->end)
    apply (self, time - width * 9 / 10, time + width / 10);
}
