/* awaitlab-playback-bar.h
 *
 * The transport under the timeline: to start, step back, play, step forward,
 * to end, the scrubber, the time, the speed and zoom to fit. It follows an
 * AwaitlabPlayback; its buttons activate the window's actions.
 */

#pragma once

#include <gtk/gtk.h>

#include "awaitlab-playback.h"

G_BEGIN_DECLS

#define AWAITLAB_TYPE_PLAYBACK_BAR (awaitlab_playback_bar_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabPlaybackBar, awaitlab_playback_bar, AWAITLAB, PLAYBACK_BAR, GtkWidget)

AwaitlabPlayback *awaitlab_playback_bar_get_playback (AwaitlabPlaybackBar *self);
void              awaitlab_playback_bar_set_playback (AwaitlabPlaybackBar *self,
                                                      AwaitlabPlayback    *playback);
void              awaitlab_playback_bar_set_hide_total (AwaitlabPlaybackBar *self,
                                                        gboolean             hide);
const char       *awaitlab_playback_bar_get_time_text  (AwaitlabPlaybackBar *self);
/* For tests: the scrubber, and whether the speed and axis controls are
 * folded into the menu. */
GtkWidget        *awaitlab_playback_bar_get_scrubber   (AwaitlabPlaybackBar *self);
gboolean          awaitlab_playback_bar_get_compact    (AwaitlabPlaybackBar *self);
double            awaitlab_playback_bar_get_speed    (AwaitlabPlaybackBar *self);
void              awaitlab_playback_bar_set_speed    (AwaitlabPlaybackBar *self,
                                                      double               speed);

G_END_DECLS
