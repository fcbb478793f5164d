/* awaitlab-follow.h
 *
 * One playhead drives everything: at each event index, what the code view,
 * the output pane and the queues view show. AwaitlabStep is the plain answer
 * (which line executes, on which thread, every thread's current line, how
 * much output exists); AwaitlabFollow computes it from the run and hands it to
 * the views it was given, so a step updates them together.
 */

#pragma once

#include <gtk/gtk.h>

#include "awl-trace.h"
#include "awaitlab-code-view.h"
#include "awaitlab-timeline.h"

G_BEGIN_DECLS

typedef struct
{
  guint       event_index;
  guint       line;       /* the executing line (1-based), 0 = none */
  int         lane;       /* the lane of the thread executing it (its colour), -1 = none */
  GArray     *marks;      /* AwaitlabLineMark: every thread's current line */
  guint       n_output;   /* output lines written up to and including this event */
  const char *note;       /* the @note of the executing line (Markdown), or NULL */
} AwaitlabStep;

void awaitlab_step_clear (AwaitlabStep *step);

#define AWAITLAB_TYPE_FOLLOW (awaitlab_follow_get_type())

G_DECLARE_FINAL_TYPE (AwaitlabFollow, awaitlab_follow, AWAITLAB, FOLLOW, GObject)

/* Any view may be NULL. The views are not referenced: they must outlive @self
 * (the window owns both). */
AwaitlabFollow     *awaitlab_follow_new       (AwaitlabCodeView *code_view,
                                               GtkListBox       *output_list,
                                               GtkWidget        *queues_view);
/* A new run; @trace may be NULL (a synthetic timeline: lines come from its
 * events and spans). */
void                awaitlab_follow_set_run   (AwaitlabFollow   *self,
                                               AwlTrace         *trace,
                                               AwaitlabTimeline *timeline);
/* Moves every view to event @index (cheap when the index did not change). */
void                awaitlab_follow_set_event (AwaitlabFollow   *self,
                                               guint             index);
/* While a quiz waits for its answer the `@note` beside the line is not shown
 * (a note explains what happens next). */
void                awaitlab_follow_set_hide_notes (AwaitlabFollow *self,
                                                    gboolean        hide_notes);
/* Forgets the shown index so the next set_event() applies again. */
void                awaitlab_follow_invalidate (AwaitlabFollow  *self);
/* The step shown now (NULL before the first set_event()). */
const AwaitlabStep *awaitlab_follow_get_step  (AwaitlabFollow   *self);
/* Computes the step at @index without showing it (for tests). */
void                awaitlab_follow_compute   (AwaitlabFollow   *self,
                                               guint             index,
                                               AwaitlabStep     *step);

G_END_DECLS
