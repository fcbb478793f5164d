/* awaitlab-playback.h
 *
 * Where the playhead is and how it moves. The position is continuous over
 * events (3.5 = halfway from event 3 to event 4) so animation is smooth and
 * stepping lands exactly on events. Wall-clock pacing lives here; the window
 * feeds it frame-clock deltas.
 */

#pragma once

#include "awaitlab-timeline.h"

G_BEGIN_DECLS

#define AWAITLAB_TYPE_PLAYBACK (awaitlab_playback_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabPlayback, awaitlab_playback, AWAITLAB, PLAYBACK, GObject)

AwaitlabPlayback *awaitlab_playback_new             (void);
AwaitlabTimeline *awaitlab_playback_get_timeline    (AwaitlabPlayback *self);
void              awaitlab_playback_set_timeline    (AwaitlabPlayback *self,
                                                     AwaitlabTimeline *timeline);
gboolean          awaitlab_playback_get_playing     (AwaitlabPlayback *self);
void              awaitlab_playback_set_playing     (AwaitlabPlayback *self,
                                                     gboolean          playing);
double            awaitlab_playback_get_speed       (AwaitlabPlayback *self);
void              awaitlab_playback_set_speed       (AwaitlabPlayback *self,
                                                     double            speed);
double            awaitlab_playback_get_position    (AwaitlabPlayback *self);
guint             awaitlab_playback_get_event_index (AwaitlabPlayback *self);
gint64            awaitlab_playback_get_time        (AwaitlabPlayback *self);
gboolean          awaitlab_playback_is_at_end       (AwaitlabPlayback *self);
void              awaitlab_playback_step            (AwaitlabPlayback *self,
                                                     int               delta);
void              awaitlab_playback_seek_event      (AwaitlabPlayback *self,
                                                     guint             index);
void              awaitlab_playback_seek_start      (AwaitlabPlayback *self);
void              awaitlab_playback_seek_end        (AwaitlabPlayback *self);
void              awaitlab_playback_seek_time       (AwaitlabPlayback *self,
                                                     gint64            time);
void              awaitlab_playback_advance         (AwaitlabPlayback *self,
                                                     double            seconds);

G_END_DECLS
