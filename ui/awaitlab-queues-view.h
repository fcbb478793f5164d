/* awaitlab-queues-view.h
 *
 * The hand-offs as places (Loupe's boxes): timers and I/O in flight, the UI
 * message queue, the pool's global queue and each worker's local queue in
 * one row; the threads below. It shows awl_trace_state_at() of the playhead's
 * event; stepping forward animates what moved (a continuation posted by a pool
 * thread flies into the UI queue, then from there to the UI thread).
 */

#pragma once

#include <gtk/gtk.h>

#include "awl-trace.h"
#include "awaitlab-timeline.h"

G_BEGIN_DECLS

#define AWAITLAB_TYPE_QUEUES_VIEW (awaitlab_queues_view_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabQueuesView, awaitlab_queues_view, AWAITLAB, QUEUES_VIEW, GtkWidget)

GtkWidget *awaitlab_queues_view_new          (void);
/* @trace NULL shows nothing (a synthetic timeline has no queues). */
void       awaitlab_queues_view_set_run      (AwaitlabQueuesView *self,
                                              AwlTrace           *trace,
                                              AwaitlabTimeline   *timeline);
void       awaitlab_queues_view_set_event    (AwaitlabQueuesView *self,
                                              guint               event_index);
void       awaitlab_queues_view_set_scale    (AwaitlabQueuesView *self,
                                              double              scale);
/* For tests: each non-empty box as "Title: item; item", one a line. Free with g_free. */
char      *awaitlab_queues_view_dup_text     (AwaitlabQueuesView *self);
/* For tests: the movements animating now, "From → To: label", one a line. */
char      *awaitlab_queues_view_dup_flights  (AwaitlabQueuesView *self);

G_END_DECLS
