/* awl-trace-fields-private.h
 *
 * The trace's fields, shared by the three files that read them: awl-trace.c (recording,
 * freezing, getters), awl-trace-describe.c (words) and awl-trace-state.c (the state at
 * an event). Nothing outside sim/runtime/ includes this.
 */

#pragma once

#include "awl-trace-private.h"

G_BEGIN_DECLS

struct _AwlTrace
{
  gint           ref_count;
  AwlConfig      config;
  GStringChunk  *strings;
  GArray        *events;
  GArray        *threads;   /* AwlThreadInfo */
  GArray        *tasks;     /* AwlTaskInfo */
  GArray        *lints;
  GArray        *output;
  GArray        *requests;
  AwlOutcome     outcome;
  GPtrArray     *chain;
  GArray        *deadlock_threads;     /* guint */
  GArray        *deadlock_tasks;       /* guint */
  int            deadlock_cycle_start;
  AwlStats       stats;
  gboolean       frozen;
  GPtrArray     *spans;     /* GArray of AwlSpan per thread */
  GArray        *io_spans;
  GArray        *counters[AWL_COUNTER_N_KINDS];
  GArray        *flows;
  GMutex         snap_lock;
  GPtrArray     *snapshots; /* RState * */
  guint          snap_interval;
};

/* A push or a resume carries the line of the frame it puts on the stack (the
 * method's declaration, the await it resumes at), not the caller's: the caller
 * stays on its call site. */
static inline gboolean
awl_trace_event_starts_frame (const AwlEvent *e)
{
  return e->kind == AWL_EVENT_FRAME_PUSH || e->kind == AWL_EVENT_RESUME;
}

G_END_DECLS
